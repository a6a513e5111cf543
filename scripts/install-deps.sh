#!/usr/bin/env bash
# Install the Debian 12 packages parley needs, only those that are missing.
# Runs as root (CI, the project's machines) or through sudo when available.
set -euo pipefail
# python3: the CLI tests check JSON output with its json module.
# Open MPI: `parley forecast --mpi`, tested with 2 ranks.
pkgs=(build-essential cmake pkg-config libfyaml-dev nettle-dev libcmocka-dev librandom123-dev libopenmpi-dev openmpi-bin python3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
