#!/usr/bin/env bash
# backtest_sizes.sh - how `parley backtest` scales with the number of issues:
# synthetic DEU-layout files of about 250, 500, 1000 and 2000 rows, made by
# resampling the development set's proposals with new ids
# (bench/deu_resample.py, seed 2385), each timed once (wall clock, user CPU
# time and largest resident size, /usr/bin/time), with the options given
# after the sizes (e.g. `--models mean,compromise`, `--max-work 0` to time a
# run over the default work limit).
#
# Usage: bench/backtest_sizes.sh [PARLEY] [SIZES] [-- BACKTEST OPTIONS...]
#   PARLEY  the binary (default build/parley)
#   SIZES   comma-separated row counts (default 250,500,1000,2000)
# Needs ../shared/data/deu (the development set and the Council tables).
# Prints one line per size: rows, proposals, wall and user seconds, MiB, exit
# status, and the load average before the run (on a shared machine the user
# time is the steadier figure).
set -u
cd "$(dirname "$0")/.."
PARLEY=${1:-build/parley}
SIZES=${2:-250,500,1000,2000}
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = "--" ] && shift
DEU=../shared/data/deu
[ -e "$DEU/deu2-dev.csv" ] || { echo "SKIP: $DEU/deu2-dev.csv is absent"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf '%6s %9s %9s %9s %8s %4s  %s\n' rows proposals wall user MiB exit "load (1 min) before"
for n in ${SIZES//,/ }; do
  python3 bench/deu_resample.py "$DEU/deu2-dev.csv" "$n" 2385 >"$T/d.csv" 2>"$T/eu27" || exit 1
  from=$(awk '{ print $2 }' "$T/eu27")
  rows=$(( $(wc -l < "$T/d.csv") - 1 ))
  props=$(tail -n +2 "$T/d.csv" | cut -d, -f1 | sort -u | wc -l)
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %U %M' -o "$T/time" "$PARLEY" backtest "$T/d.csv" --weights-dir "$DEU" \
    --eu27-from "$from" --format json "$@" >"$T/out" 2>"$T/err"
  rc=$?
  read -r secs user kib < <(tail -n 1 "$T/time")
  printf '%6s %9s %9s %9s %8.0f %4s  %s\n' "$rows" "$props" "$secs" "$user" "$((kib / 1024))" "$rc" "$load"
  [ "$rc" -eq 0 ] || sed 's/^/    /' "$T/err" | head -n 5
done
