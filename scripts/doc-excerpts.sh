#!/usr/bin/env bash
# doc-excerpts.sh - regenerate the excerpts of command output quoted in the
# README and docs/, so that they are what the program prints.
#
#   scripts/doc-excerpts.sh [--check] [PATH/TO/parley]
#
# An excerpt is the fenced block (``` ... ```) right after a marker line
#   <!-- excerpt: NAME -->
# where NAME is one of the excerpts below; the block's lines are replaced by
# the excerpt's output. Without --check the files are rewritten in place;
# with --check nothing is written, the differences are printed and the exit
# status is 1 when an excerpt is stale (tests/cli/test_docs.sh). Run from
# the source root; the default binary is build/parley.
set -u
CHECK=0
if [ "${1:-}" = "--check" ]; then
  CHECK=1
  shift
fi
PARLEY=${1:-build/parley}
FLAGSHIP=examples/security-guarantees-2022.yaml
FILES=${DOC_FILES:-"README.md docs/*.md"}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The text forecast of the flagship, and with 10000 Monte Carlo draws (seed 1);
# kept in $DOC_CACHE when it is set (the tests run the script three times).
OUT=${DOC_CACHE:-$TMP}
mkdir -p "$OUT"
if [ ! -s "$OUT/text" ] || [ ! -s "$OUT/mc" ]; then
  "$PARLEY" forecast "$FLAGSHIP" >"$OUT/text" 2>/dev/null || { echo "doc-excerpts: $PARLEY forecast failed" >&2; exit 2; }
  "$PARLEY" forecast "$FLAGSHIP" --draws 10000 --seed 1 --quiet >"$OUT/mc" 2>/dev/null || { echo "doc-excerpts: $PARLEY forecast --draws failed" >&2; exit 2; }
fi

# issue_block FILE N: the lines of issue N of the text report.
issue_block() { awk -v n="$2" '/^== Issue /{p = ($3 == n)} p' "$1"; }

excerpt() {
  case $1 in
  missiles-models)       # the issue's header, scale, zones and model table
    issue_block "$OUT/text" 4 | awk '/^$/{n++} n < 2' ;;
  missiles-feasibility)  # "Is an agreement possible?" down to ratification
    issue_block "$OUT/text" 4 | awk '/Is an agreement possible\?/{p=1} p && /^$/{exit} p' ;;
  missiles-mc)           # the distributions and the tornado of the compromise model
    issue_block "$OUT/mc" 4 | awk '/^  Over [0-9]+ draws/{p=1} p; p && /more inputs in the JSON output/{exit}' ;;
  *) echo "doc-excerpts: unknown excerpt '$1'" >&2; return 1 ;;
  esac
}

status=0
for f in $FILES; do
  grep -q '^<!-- excerpt: ' "$f" || continue
  out="$TMP/new"
  : >"$out"
  state=text   # text, marker (a marker was seen), fence (inside its block)
  while IFS= read -r line || [ -n "$line" ]; do
    case $state in
    text)
      printf '%s\n' "$line" >>"$out"
      case $line in
      '<!-- excerpt: '*' -->') name=${line#<!-- excerpt: }; name=${name% -->}; state=marker ;;
      esac ;;
    marker)
      printf '%s\n' "$line" >>"$out"
      if [ "${line#\`\`\`}" != "$line" ]; then
        excerpt "$name" >>"$out" || status=2
        state=fence
      fi ;;
    fence)
      if [ "$line" = '```' ]; then
        printf '%s\n' "$line" >>"$out"
        state=text
      fi ;;
    esac
  done <"$f"
  if ! cmp -s "$f" "$out"; then
    if [ "$CHECK" = 1 ]; then
      echo "doc-excerpts: $f has stale excerpts (run scripts/doc-excerpts.sh):"
      diff -u "$f" "$out" | head -60
      status=1
    else
      cp "$out" "$f"
      echo "doc-excerpts: rewrote $f"
    fi
  fi
done
exit $status
