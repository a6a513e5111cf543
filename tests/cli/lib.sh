# lib.sh - tiny assertion library for the CLI tests (sourced by test_*.sh).
# Each test script gets the parley binary as $1 and runs from the source root.
# It prints one line per failed check and a closing "N passed, N failed" line.
set -u
PARLEY=${1:?usage: test_x.sh PATH/TO/parley}
PASS=0
FAIL=0
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
SHARED=../shared

ok()   { PASS=$((PASS + 1)); }
bad()  { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

# run CMD...: runs it, keeping stdout in $TMPD/out, stderr in $TMPD/err, status in $RC.
run() { "$@" >"$TMPD/out" 2>"$TMPD/err"; RC=$?; }

expect_rc()      { [ "$RC" -eq "$1" ] && ok || bad "${2:-}: exit status $RC, expected $1 (stderr: $(head -c 300 "$TMPD/err"))"; }
expect_out()     { grep -qF -- "$1" "$TMPD/out" && ok || bad "${2:-}: stdout lacks '$1'"; }
expect_err()     { grep -qF -- "$1" "$TMPD/err" && ok || bad "${2:-}: stderr lacks '$1' (stderr: $(head -c 400 "$TMPD/err"))"; }
expect_err_re()  { grep -qE -- "$1" "$TMPD/err" && ok || bad "${2:-}: stderr does not match /$1/ (stderr: $(head -c 400 "$TMPD/err"))"; }
expect_no_out()  { [ ! -s "$TMPD/out" ] && ok || bad "${1:-}: stdout not empty"; }
expect_eq()      { [ "$1" = "$2" ] && ok || bad "${3:-}: '$1' != '$2'"; }
# numeric |a - b| <= tol
expect_close()   { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }' \
                     && ok || bad "${4:-}: $1 is not within $3 of $2"; }

# expect_diag LABEL FILE LINE:COL WORD...: a stderr line starts with
# "FILE:LINE:COL: error: " and contains every WORD (test_backtest.sh
# defines its own, on a prefix).
expect_diag() {
  local label=$1 f=$2 lc=$3 lines w
  shift 3
  lines=$(awk -v p="$f:$lc: error: " 'index($0, p) == 1' "$TMPD/err")
  for w in "$@"; do
    lines=$(printf '%s\n' "$lines" | grep -F -- "$w")
  done
  [ -n "$lines" ] && ok || bad "$label: no line '$f:$lc: error: ...' with: $* (stderr: $(head -c 600 "$TMPD/err"))"
}

# Skip with a printed reason when shared data is absent; counts as no test.
need_shared() { [ -e "$SHARED/$1" ] || { echo "SKIP: $SHARED/$1 is absent"; return 1; }; }

# Whether script(1) is here and can run a command on a pseudo-terminal
# (it exits non-zero with "failed to create pseudo-terminal" where there is none).
have_pty() {
  command -v script >/dev/null 2>&1 && script -qec 'echo pty-ok' /dev/null 2>/dev/null | grep -q pty-ok
}

finish() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
  exit $?
}
