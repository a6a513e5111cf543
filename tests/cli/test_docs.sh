#!/usr/bin/env bash
# The README and docs/ tell the truth about the program (issue 15 item 6):
# the excerpts of command output they quote are what it prints now
# (scripts/doc-excerpts.sh --check), and the facts that were stale stay fixed.
. "$(dirname "$0")/lib.sh"

# the flagship's forecasts, computed once for the three runs below
export DOC_CACHE=$TMPD/cache

# every marked excerpt is current
run scripts/doc-excerpts.sh --check "$PARLEY"
expect_rc 0 "doc excerpts are current (run scripts/doc-excerpts.sh; $(head -c 600 "$TMPD/out"))"
expect_eq "$(grep -c '^<!-- excerpt: ' README.md)" 3 "three marked excerpts in the README"

# the check finds a stale excerpt: one number changed inside one
sed 's/Over 10000 draws (seed 1)/Over 9999 draws (seed 1)/' README.md >"$TMPD/README.md"
cmp -s README.md "$TMPD/README.md" && bad "the planted change changed nothing"
DOC_FILES="$TMPD/README.md" run scripts/doc-excerpts.sh --check "$PARLEY"
expect_rc 1 "a stale excerpt is found"
expect_out "has stale excerpts" "a stale excerpt is found"
# ... and the rewrite repairs it
DOC_FILES="$TMPD/README.md" run scripts/doc-excerpts.sh "$PARLEY"
cmp -s README.md "$TMPD/README.md" && ok || bad "the rewrite does not give back the README"

# facts that were stale (issue 15 item 6)
grep -q '^| `packages` |' docs/scenario-format.md && ok || bad "docs/scenario-format.md: no 'packages' row at the top level"
grep -q '^| `--model LIST` |.*`exchange`' README.md && ok || bad "README: the --model row omits exchange"
grep -q 'not yet in the Monte Carlo' README.md docs/*.md && bad "a doc says the exchange model is not in the Monte Carlo" || ok
grep -nE 'a later version (measures|to see)|Monte Carlo of a later version' docs/models.md && bad "docs/models.md still defers to a later version" || ok

finish
