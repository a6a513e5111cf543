#!/usr/bin/env bash
# test_kill.sh - output files survive a process killed in the middle of its
# work (kill -9 at random moments): `forecast -o`, `report -o` and `ledger
# export -o` write a temporary file next to the target and rename it over
# the target, so the target is always either the old file, intact, or the
# new one, complete (equal to an uninterrupted run's), never partial.
#
# A kill between creating the temporary file and the rename can leave a
# FILE.tmp.XXXXXX next to the target: it is harmless (never read by parley,
# and a later run picks a new name) and may be deleted; this test counts
# and removes them, and fails on any other stray file.
. "$(dirname "$0")/lib.sh"
FLAG=examples/security-guarantees-2022.yaml
KILLS=${PARLEY_KILL_RUNS:-6}
RANDOM=2385

# check_target TARGET OLD NEW WHAT: TARGET equals OLD or NEW; then reset it to OLD
check_target() {
  if cmp -s "$1" "$2"; then ok
  elif cmp -s "$1" "$3"; then ok; cp "$2" "$1"
  else bad "$4: $1 is neither the old file nor the complete new one ($(wc -c < "$1") bytes)"; cp "$2" "$1"
  fi
}

# stray DIR TARGET: temporary files left next to TARGET are FILE.tmp.XXXXXX only
STRAYS=0
stray() {
  local f
  for f in "$1"/*; do
    case "$f" in
      "$2") ;;
      "$2".tmp.??????) STRAYS=$((STRAYS + 1)); rm -f "$f" ;;
      *) [ "$f" = "$1/keep" ] || bad "stray file $f" ;;
    esac
  done
}

# kill_loop SECONDS WHAT CMD...: run CMD KILLS times, each killed with -9 after a
# random delay in [0, SECONDS], then check the target ($T, old $OLD, new $NEW)
kill_loop() {
  local span=$1 what=$2 i ms pid; shift 2
  for i in $(seq "$KILLS"); do
    ms=$((RANDOM % (span * 1000 + 1)))
    "$@" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    check_target "$T" "$OLD" "$NEW" "$what (kill $i after $ms ms)"
    stray "$D" "$T"
  done
}

# --- forecast -o: a Monte Carlo run of the flagship (a few seconds) onto an existing file
D=$TMPD/forecast; mkdir -p "$D"
T=$D/out.json OLD=$TMPD/old.json NEW=$TMPD/new.json
run "$PARLEY" forecast tests/data/minimal.yaml --format json -o "$OLD"
expect_rc 0 "old forecast"
start=$(date +%s%N)
run "$PARLEY" forecast "$FLAG" --draws 1000 --seed 7 --quiet --format json -o "$NEW"
expect_rc 0 "complete forecast"
span=$(( ($(date +%s%N) - start) / 1000000000 + 1 ))
cp "$OLD" "$T"
kill_loop "$span" "forecast -o" "$PARLEY" forecast "$FLAG" --draws 1000 --seed 7 --quiet --format json -o "$T"
# the uninterrupted run onto the same target gives the new file
run "$PARLEY" forecast "$FLAG" --draws 1000 --seed 7 --quiet --format json -o "$T"
cmp -s "$T" "$NEW" && ok || bad "forecast -o after the kills: not the complete result"

# --- report -o: the HTML report of that result (fast: kills land anywhere in it)
D=$TMPD/report; mkdir -p "$D"
T=$D/report.html OLD=$TMPD/old.html NEW=$TMPD/new.html
run "$PARLEY" report "$TMPD/old.json" -o "$OLD"
expect_rc 0 "old report"
run "$PARLEY" report "$TMPD/new.json" -o "$NEW"
expect_rc 0 "new report"
cp "$OLD" "$T"
kill_loop 1 "report -o" "$PARLEY" report "$TMPD/new.json" -o "$T"

# --- ledger export -o
D=$TMPD/ledger; mkdir -p "$D"
T=$D/export.json OLD=$TMPD/old-export.json NEW=$TMPD/new-export.json
run "$PARLEY" ledger import --db "$TMPD/l.sqlite" tests/data/ledger/small.yaml
expect_rc 0 "ledger import"
run "$PARLEY" ledger export --db "$TMPD/l.sqlite" --format json -o "$OLD"
expect_rc 0 "old export"
run "$PARLEY" ledger import --db "$TMPD/l.sqlite" examples/security-guarantees-2022-experts.yaml
expect_rc 0 "ledger import (experts)"
run "$PARLEY" ledger export --db "$TMPD/l.sqlite" --format json -o "$NEW"
expect_rc 0 "new export"
cp "$OLD" "$T"
kill_loop 1 "ledger export -o" "$PARLEY" ledger export --db "$TMPD/l.sqlite" --format json -o "$T"
# the ledger itself is intact after the kills
run "$PARLEY" ledger export --db "$TMPD/l.sqlite" --format json
cmp -s "$TMPD/out" "$NEW" && ok || bad "ledger after the kills: export differs"

echo "temporary files left by kills (FILE.tmp.XXXXXX, removed): $STRAYS"
finish
