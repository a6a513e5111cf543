#!/usr/bin/env bash
# Install the Debian 12 packages parley needs, only those that are missing.
# Runs as root (CI, the project's machines) or through sudo when available.
set -euo pipefail
# python3: the CLI tests check JSON output with its json module.
# Open MPI: `parley forecast --mpi`, tested with 2 ranks.
# chromium, tidy, fonts-dejavu-core: the HTML report is rendered in a real
# browser (headless) and validated as HTML5 (tests/cli/test_report*.sh).
pkgs=(build-essential cmake pkg-config libfyaml-dev nettle-dev libcmocka-dev librandom123-dev libsqlite3-dev libopenmpi-dev openmpi-bin python3 chromium tidy fonts-dejavu-core)
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
