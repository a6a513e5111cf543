#!/usr/bin/env bash
# `parley validate` tells the whole truth, and the readers survive hostile
# YAML (issues 15 and 21). Each section names the item of the issue it
# checks; each failed on the code before the fix (see the commit messages).
. "$(dirname "$0")/lib.sh"

# has_line LABEL FILE:LINE:COL TEXT...: a stderr line starts with
# "FILE:LINE:COL: error: " (or ": warning: " with KIND=warning) and holds
# every TEXT.
KIND=error
has_line() {
  local label=$1 at=$2 lines w
  shift 2
  lines=$(awk -v p="$at: $KIND: " 'index($0, p) == 1' "$TMPD/err")
  for w in "$@"; do
    lines=$(printf '%s\n' "$lines" | grep -F -- "$w")
  done
  [ -n "$lines" ] && ok || bad "$label: no line '$at: $KIND: ...' with: $* (stderr: $(head -c 800 "$TMPD/err"))"
}
# lacks LABEL TEXT: no stderr line holds TEXT.
lacks() { grep -qF -- "$2" "$TMPD/err" && bad "$1: stderr holds '$2' ($(head -c 600 "$TMPD/err"))" || ok; }
# nerrors: the number of error lines on stderr.
nerrors() { grep -c ': error: ' "$TMPD/err"; }

# A valid base scenario: two issues, three actors, a unanimity venue.
B=$TMPD/base.yaml
cat >"$B" <<'EOF'
parley: 1
title: "Base"
issues:
  - id: sanctions
    title: "Sanctions relief"
    status_quo: 20
  - id: enrichment
    title: "Enrichment cap"
    status_quo: 60
actors:
  - id: iran
    name: "Iran"
    capability: 30
    positions:
      sanctions: {position: 90, salience: 80}
      enrichment: {position: 60, salience: 70}
  - id: usa
    name: "United States"
    capability: 50
    positions:
      sanctions: {position: 40, salience: 60}
      enrichment: {position: 10, salience: 80}
  - id: eu
    name: "European Union"
    capability: 20
    positions:
      sanctions: {position: 50, salience: 50}
      enrichment: {position: 20, salience: 60}
venues:
  - id: vienna
    members: [iran, usa, eu]
    rule: unanimity
EOF
run "$PARLEY" validate "$B"
expect_rc 0 "base scenario"
expect_out "ok (2 issues, 3 actors)" "base scenario"

# ---- issue 15 item 4 (duplicate keys): every error, also after a duplicate key ----
# (before: libfyaml's loader stopped at the duplicate key, nothing else was reported)
F=$TMPD/dup.yaml
sed -e '12a\    capability: 35' -e 's/salience: 60}/salience: 600}/' -e 's/name: "European Union"/nme: "European Union"/' "$B" >"$F"
run "$PARLEY" validate "$F"
expect_rc 2 "issue 15 item 4 (duplicate keys): duplicate key and more"
has_line "issue 15 item 4 (duplicate keys): the duplicate key" "$F:14:5" "duplicate key 'capability'" "(each key once in a mapping)"
has_line "issue 15 item 4 (duplicate keys): an error after it" "$F:22:43" "salience out of range: 600"
has_line "issue 15 item 4 (duplicate keys): another error after it" "$F:25:5" "unknown key 'nme'" "did you mean 'name'?"
has_line "issue 15 item 4 (duplicate keys): and another" "$F:29:44" "salience out of range: 600"
expect_eq "$(nerrors)" 4 "issue 15 item 4 (duplicate keys): four errors (duplicate, 2 saliences, unknown key; not also 'missing name': issue 15 item 4 (no cascades))"
# three repeats of one key: each repeat once, and the first value is the one read
printf 'parley: 1\ntitle: a\ntitle: b\ntitle: c\n' >"$TMPD/dup3.yaml"
run "$PARLEY" validate "$TMPD/dup3.yaml"
has_line "issue 15 item 4 (duplicate keys): second repeat" "$TMPD/dup3.yaml:3:1" "duplicate key 'title'"
has_line "issue 15 item 4 (duplicate keys): third repeat" "$TMPD/dup3.yaml:4:1" "duplicate key 'title'"
has_line "issue 15 item 4 (duplicate keys): and the rest" "$TMPD/dup3.yaml:1:1" "missing required field 'issues'"

# ---- issue 15 item 9: test_mc.sh skips, with a reason, the progress-bar check where
# script(1) cannot open a pseudo-terminal (before: that check failed) ----
mkdir -p "$TMPD/nopty"
printf '#!/bin/sh\necho "script: failed to create pseudo-terminal: No such file or directory" >&2\nexit 1\n' >"$TMPD/nopty/script"
chmod +x "$TMPD/nopty/script"
PATH="$TMPD/nopty:$PATH" have_pty && bad "issue 15 item 9: have_pty with a script(1) that has no terminal" || ok
PATH="$TMPD/nopty:$PATH" bash tests/cli/test_mc.sh "$PARLEY" >"$TMPD/mc.log" 2>&1
expect_eq "$?" 0 "issue 15 item 9: test_mc.sh without a pseudo-terminal ($(grep FAIL "$TMPD/mc.log" | head -c 300))"
grep -q "^SKIP: script(1) is absent or cannot open a pseudo-terminal here" "$TMPD/mc.log" && ok || bad "issue 15 item 9: no SKIP line with the reason"
grep -qE "^[0-9]+ passed, 0 failed$" "$TMPD/mc.log" && ok || bad "issue 15 item 9: the rest of test_mc.sh did not run: $(tail -c 300 "$TMPD/mc.log")"

# ---- issue 21 item 2: a 9-byte file crashed libfyaml (SIGSEGV) in validate, forecast, ledger import ----
printf '{{{},{h}}' >"$TMPD/k.yaml"
for cmd in validate forecast; do
  run "$PARLEY" $cmd "$TMPD/k.yaml"
  expect_rc 2 "issue 21 item 2: $cmd of {{{},{h}}"
  has_line "issue 21 item 2: $cmd names the complex key" "$TMPD/k.yaml:1:3" "a key is a mapping, not a name"
done
run "$PARLEY" ledger import --db "$TMPD/l.sqlite" "$TMPD/k.yaml"
expect_rc 2 "issue 21 item 2: ledger import of {{{},{h}}"
has_line "issue 21 item 2: ledger import names the complex key" "$TMPD/k.yaml:1:2" "a key is a mapping, not a name"
# a valid document with sequence keys, in both readers
printf 'parley: 1\n? [a, b]\n: 1\ntitle: t\n' >"$TMPD/seqkey.yaml"
run "$PARLEY" validate "$TMPD/seqkey.yaml"
expect_rc 2 "issue 21 item 2: a sequence as a key"
has_line "issue 21 item 2: a sequence as a key" "$TMPD/seqkey.yaml:2:3" "a key is a sequence, not a name"
printf 'parley_ledger: 1\n? {a: 1}\n: 1\n' >"$TMPD/mapkey-ledger.yaml"
run "$PARLEY" ledger import --db "$TMPD/l.sqlite" "$TMPD/mapkey-ledger.yaml"
expect_rc 2 "issue 21 item 2: a mapping as a key (ledger)"
has_line "issue 21 item 2: a mapping as a key (ledger)" "$TMPD/mapkey-ledger.yaml:2:3" "a key is a mapping, not a name"

# ---- items 1 and 4, properties over random inputs ----
# Random mappings with repeated keys (flow and block style): every repeat
# is reported once, at its own line and column (the file's text there is
# the key), the first occurrence never; the walk goes on past them (the
# unknown key 'zz' after the mapping is reported too). Reference: a plain
# scan in Python. Seeded, so a failure is reproducible.
python3 - "$TMPD/prop" <<'PY'
import os, random, sys
random.seed(20261207)
d = sys.argv[1]; os.makedirs(d)
for case in range(40):
    keys = [random.choice(["a", "b", "c", "title", "k%d" % random.randint(0, 5), "'q'"]) for _ in range(random.randint(1, 12))]
    flow = random.random() < 0.5
    lines = ["parley: 1", "title: t", "issues: [{id: i, title: I}]",
             "actors: [{id: a, name: A, capability: 1, positions: {i: {position: 1, salience: 1}}}]"]
    expect, seen = [], set()
    if flow:
        text, col = "x: {", 5
        for k in keys:
            plain = k.strip("'")
            if plain in seen: expect.append((5, col))
            seen.add(plain)
            item = "%s: 1, " % k
            text += item; col += len(item)
        lines.append(text.rstrip(", ") + "}")
    else:
        lines.append("x:")
        for k in keys:
            plain = k.strip("'")
            if plain in seen: expect.append((len(lines) + 1, 3))
            seen.add(plain)
            lines.append("  %s: 1" % k)
    lines.append("zz: 1")
    with open(os.path.join(d, "c%02d.yaml" % case), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(d, "c%02d.expect" % case), "w") as f:
        f.write("".join("%d:%d\n" % e for e in expect))
PY
prop_bad=0
for f in "$TMPD"/prop/c*.yaml; do
  "$PARLEY" validate "$f" >/dev/null 2>"$TMPD/err"
  got=$(grep -F "duplicate key" "$TMPD/err" | cut -d: -f2,3)
  want=$(cat "${f%.yaml}.expect")
  [ "$got" = "$want" ] || { prop_bad=1; bad "items 1: duplicates of $f: got '$got', want '$want'"; }
  grep -q "unknown key 'zz'" "$TMPD/err" || { prop_bad=1; bad "issue 15 item 4 (duplicate keys): $f: the walk stopped before 'zz'"; }
  # the text at each reported position is the repeated key
  while IFS=: read -r l c; do
    [ -n "$l" ] || continue
    key=$(sed -n "${l}p" "$f" | cut -c"$c"- | sed 's/:.*//')
    grep -qF "duplicate key '$(printf '%s' "$key" | tr -d "'")'" "$TMPD/err" || { prop_bad=1; bad "issue 15 item 4 (duplicate keys): $f:$l:$c is '$key', not a repeated key"; }
  done <<<"$got"
done
[ "$prop_bad" = 0 ] && ok
# Numbers with thousands separators, random: the message gives the number
# without them, as Python's int(s.replace(',', '')) reads it.
python3 - "$TMPD/sep-prop.txt" <<'PY'
import random, sys
random.seed(7)
with open(sys.argv[1], "w") as f:
    for _ in range(25):
        n = random.randint(1000, 10**9)
        s = "{:,}".format(n)
        if random.random() < 0.3: s += "." + str(random.randint(0, 99))
        f.write("%s %s\n" % (s, s.replace(",", "")))
PY
sep_bad=0
while read -r with without; do
  sed "s/status_quo: 20/status_quo: $with/" "$B" >"$TMPD/sp.yaml"
  "$PARLEY" validate "$TMPD/sp.yaml" >/dev/null 2>"$TMPD/err"
  grep -qF "status quo '$with' has a thousands separator: write $without" "$TMPD/err" || { sep_bad=1; bad "issue 15 item 5: $with: $(cat "$TMPD/err")"; }
done <"$TMPD/sep-prop.txt"
[ "$sep_bad" = 0 ] && ok

# ---- issue 15 item 4 (did you mean): "did you mean" for every enum value and id; consensus = unanimity ----
sed 's/rule: unanimity/rule: consensus/' "$B" >"$TMPD/consensus.yaml"
run "$PARLEY" validate "$TMPD/consensus.yaml"
expect_rc 0 "issue 15 item 4 (did you mean): rule: consensus is read as unanimity"
run "$PARLEY" forecast "$TMPD/consensus.yaml" --format json
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['issues'][0]['feasibility']['venues']['vienna']['rule'])" "$TMPD/out" >"$TMPD/rule" 2>/dev/null
expect_eq "$(cat "$TMPD/rule")" unanimity "issue 15 item 4 (did you mean): consensus is unanimity in the output"
cat "$B" - >"$TMPD/enums.yaml" <<'EOF'
  - id: geneva
    members: [iran, usa]
    rule: bilaterl
stages:
  - {id: s1, venue: vienna, status_quo: previus, model: compromis}
ratification:
  - {id: majlis, actor: irn, threshold: 10, blocs: [{name: all, size: 20, ideal: {sanctions: 50}}]}
EOF
run "$PARLEY" validate "$TMPD/enums.yaml"
expect_rc 2 "issue 15 item 4 (did you mean): enums"
has_line "issue 15 item 4 (did you mean): rule" "$TMPD/enums.yaml:35:11" "unknown decision rule 'bilaterl'" "did you mean 'bilateral'?" "one of: unanimity, bilateral, simple_majority, qualified_majority"
has_line "issue 15 item 4 (did you mean): stage status_quo" "$TMPD/enums.yaml:37:41" "unknown status_quo 'previus'" "did you mean 'previous'?"
has_line "issue 15 item 4 (did you mean): stage model" "$TMPD/enums.yaml:37:57" "unknown model 'compromis'" "did you mean 'compromise'?"
has_line "issue 15 item 4 (did you mean): actor id" "$TMPD/enums.yaml:39:25" "unknown actor 'irn'" "did you mean 'iran'?"
# no far-fetched hint: 'zz' is not a typo of any id
sed 's/members: \[iran, usa, eu\]/members: [iran, usa, zz]/' "$B" >"$TMPD/far.yaml"
run "$PARLEY" validate "$TMPD/far.yaml"
has_line "issue 15 item 4 (did you mean): unknown id without a hint" "$TMPD/far.yaml:31:26" "unknown actor 'zz'"
lacks "issue 15 item 4 (did you mean): no far-fetched hint" "did you mean"

# ---- issue 15 item 4 (no cascades): one mistake, one error ----
# an unknown member of a bilateral venue (before: also "a bilateral venue has 1 members")
cat "$B" - >"$TMPD/casc1.yaml" <<'EOF'
  - {id: geneva, members: [iran, usaa], rule: bilateral, issues: [sanctions]}
stages:
  - {id: s1, venue: geneva, issues: [sanctions]}
EOF
run "$PARLEY" validate "$TMPD/casc1.yaml"
has_line "issue 15 item 4 (no cascades): unknown member" "$TMPD/casc1.yaml:33:34" "unknown actor 'usaa' in venue members" "did you mean 'usa'?"
expect_eq "$(nerrors)" 1 "issue 15 item 4 (no cascades): an unknown member is one error"
# a misspelt issue on a venue's table (before: also "issue ... is not on the table of venue")
cat "$B" - >"$TMPD/casc2.yaml" <<'EOF'
  - {id: geneva, members: [iran, usa], rule: bilateral, issues: [sanction]}
stages:
  - {id: s1, venue: geneva, issues: [sanctions]}
packages:
  - {id: p, issues: [sanctions, enrichment], venue: geneva}
EOF
run "$PARLEY" validate "$TMPD/casc2.yaml"
has_line "issue 15 item 4 (no cascades): misspelt table" "$TMPD/casc2.yaml:33:66" "unknown issue 'sanction' in venue issues"
expect_eq "$(nerrors)" 1 "issue 15 item 4 (no cascades): a misspelt issue on a table is one error"
# a wrong status quo (before: also "issue ... has no status_quo" for a package)
sed 's/status_quo: 20/status_quo: 2O/' "$B" >"$TMPD/casc3.yaml"
printf 'packages:\n  - {id: p, issues: [sanctions, enrichment]}\n' >>"$TMPD/casc3.yaml"
run "$PARLEY" validate "$TMPD/casc3.yaml"
has_line "issue 15 item 4 (no cascades): wrong status quo" "$TMPD/casc3.yaml:6:17" "'2O' is not a number"
expect_eq "$(nerrors)" 1 "issue 15 item 4 (no cascades): a wrong status quo is one error"
# a wrong scale (before: every position on the issue also out of range)
sed -e 's/    status_quo: 60/    scale: [0, 1,000]\n    status_quo: 600/' -e 's/enrichment: {position: 60,/enrichment: {position: 600,/' "$B" >"$TMPD/casc4.yaml"
run "$PARLEY" validate "$TMPD/casc4.yaml"
has_line "issue 15 item 4 (no cascades): wrong scale" "$TMPD/casc4.yaml:9:12" "scale needs two numbers"
expect_eq "$(nerrors)" 1 "issue 15 item 4 (no cascades): a wrong scale is one error"
# a misspelt required key (before: also "missing required field 'name'")
sed 's/name: "Iran"/nmae: "Iran"/' "$B" >"$TMPD/casc5.yaml"
run "$PARLEY" validate "$TMPD/casc5.yaml"
has_line "issue 15 item 4 (no cascades): misspelt key" "$TMPD/casc5.yaml:12:5" "unknown key 'nmae' in actor" "did you mean 'name'?"
expect_eq "$(nerrors)" 1 "issue 15 item 4 (no cascades): a misspelt key is one error"

# ---- issue 15 item 5: messages that confused ----
# 4,000 in a flow mapping (before: "unknown key '000'")
sed 's/sanctions: {position: 90, salience: 80}/sanctions: {position: 4,000, salience: 80}/' "$B" >"$TMPD/sep.yaml"
run "$PARLEY" validate "$TMPD/sep.yaml"
expect_rc 2 "issue 15 item 5: 4,000 in a flow mapping"
has_line "issue 15 item 5: 4,000 in a flow mapping" "$TMPD/sep.yaml:15:29" "'4,000' reads as 4 and a key '000': write 4000 without a thousands separator"
lacks "issue 15 item 5: 4,000 in a flow mapping" "unknown key '000'"
# 1,000.5 in block style (before: "'1,000.5' is not a number")
sed 's/status_quo: 20/status_quo: 1,000.5/' "$B" >"$TMPD/sep2.yaml"
run "$PARLEY" validate "$TMPD/sep2.yaml"
has_line "issue 15 item 5: 1,000.5 in block style" "$TMPD/sep2.yaml:6:17" "status quo '1,000.5' has a thousands separator: write 1000.5"
# a tab in the indentation (before: "invalid tab used as indentation (valid YAML)", after the tab)
sed 's/^    title: "Enrichment cap"/\ttitle: "Enrichment cap"/' "$B" >"$TMPD/tab.yaml"
run "$PARLEY" validate "$TMPD/tab.yaml"
expect_rc 2 "issue 15 item 5: tab"
has_line "issue 15 item 5: tab" "$TMPD/tab.yaml:8:1" "YAML does not allow tabs for indentation: use spaces"
lacks "issue 15 item 5: tab" "(valid YAML)"
# "5" (before: "'5' is not a number (a number)")
sed 's/salience: 70}/salience: "5"}/' "$B" >"$TMPD/quoted.yaml"
run "$PARLEY" validate "$TMPD/quoted.yaml"
has_line "issue 15 item 5: quoted number" "$TMPD/quoted.yaml:16:44" "salience '5' is quoted, so it is text: write 5 without quotes"
# stages out of order (before: "stage 'b' on 2022-01-10 comes after stage 'a' on 2022-01-12")
cat "$B" - >"$TMPD/stages.yaml" <<'EOF'
stages:
  - {id: a, venue: vienna, date: "2022-01-12"}
  - {id: b, venue: vienna, date: "2022-01-10"}
EOF
run "$PARLEY" validate "$TMPD/stages.yaml"
has_line "issue 15 item 5: stage order" "$TMPD/stages.yaml:35:34" "stage 'b' is dated 2022-01-10, before stage 'a' (2022-01-12) listed above it" "(stages listed in the order of their dates)"

# ---- issue 15 warnings: warnings for legal but suspicious codings ----
# (before: "ok" and nothing else, exit 0, no warnings in the JSON)
cat >"$TMPD/warn.yaml" <<'EOF'
parley: 1
title: "Warnings"
issues:
  - id: sanctions
    title: "Sanctions relief"
    status_quo: 20
actors:
  - id: iran
    name: "Iran"
    capability: 30
    positions:
      sanctions: {position: 90, salience: 80, red_line: [0, 50]}
  - id: usa
    name: "United States"
    capability: 50
    positions:
      sanctions: {position: 40, salience: 60, red_line: [30, 100]}
  - id: eu
    name: "European Union"
    capability: 20
    positions:
      sanctions: {position: 50, salience: 0}
venues:
  - id: vienna
    members: [iran, usa]
    rule: unanimity
EOF
KIND=warning
run "$PARLEY" validate "$TMPD/warn.yaml"
expect_rc 0 "issue 15 warnings: only warnings: exit 0"
expect_out "ok (1 issue, 3 actors, 3 warnings)" "issue 15 warnings: only warnings: ok"
has_line "issue 15 warnings: red line excludes own position" "$TMPD/warn.yaml:12:57" "the red line [0, 50] of 'iran' on 'sanctions' excludes its own position 90"
has_line "issue 15 warnings: status quo outside a must-agree red line" "$TMPD/warn.yaml:17:57" "the status quo 20 of 'sanctions' is outside the red line [30, 100] of 'usa', who must agree in venue 'vienna'"
has_line "issue 15 warnings: salience 0 everywhere" "$TMPD/warn.yaml:18:5" "actor 'eu' has salience 0 on every issue"
expect_eq "$(grep -c ': warning: ' "$TMPD/err")" 3 "issue 15 warnings: three warnings"
lacks "issue 15 warnings: no error" ": error: "
KIND=error
# forecast: the same warnings on stderr and in the JSON; text and CSV unchanged by them
run "$PARLEY" forecast "$TMPD/warn.yaml" --format json -o "$TMPD/warn.json"
expect_rc 0 "issue 15 warnings: forecast with warnings"
expect_eq "$(grep -c ': warning: ' "$TMPD/err")" 3 "issue 15 warnings: forecast prints the warnings"
python3 - "$TMPD/warn.json" "$TMPD/warn.yaml" >"$TMPD/w.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for w in d["warnings"]:
    assert set(w) == {"file", "line", "column", "message"}, w
    assert w["file"] == sys.argv[2], w
    print("%d:%d %s" % (w["line"], w["column"], w["message"]))
PY
expect_eq "$(cut -d' ' -f1 "$TMPD/w.txt" | tr '\n' ' ')" "12:57 17:57 18:5 " "issue 15 warnings: the JSON warnings, in order, with positions"
# a scenario without warnings has no "warnings" key (the flagship's bytes stay those it had)
run "$PARLEY" forecast "$B" --format json
python3 -c "import json,sys; sys.exit('warnings' in json.load(open(sys.argv[1])))" "$TMPD/out" && ok || bad "issue 15 warnings: 'warnings' present without warnings"
expect_eq "$(wc -c <"$TMPD/err")" 0 "issue 15 warnings: nothing on stderr without warnings"

# ---- issue 21 item 8: validate and forecast agree on extreme scales; %YAML versions ----
sed 's/    status_quo: 20/    scale: [-1e308, 1e308]\n    status_quo: 20/' "$B" >"$TMPD/wide.yaml"
for cmd in validate forecast; do
  run "$PARLEY" $cmd "$TMPD/wide.yaml"
  expect_rc 2 "issue 21 item 8: $cmd of scale [-1e308, 1e308] (before: validate 0, forecast 1)"
  has_line "issue 21 item 8: $cmd of a too wide scale" "$TMPD/wide.yaml:6:12" "scale [-1e+308, 1e+308] is too wide for the models" "(ends from -1e12 to 1e12)"
  lacks "issue 21 item 8: $cmd names no internal function" "parley_"
done
# the widest scale accepted runs through every model and the Monte Carlo
sed 's/    status_quo: 20/    scale: [-1e12, 1e12]\n    status_quo: 20/' "$B" >"$TMPD/wide-ok.yaml"
run "$PARLEY" forecast "$TMPD/wide-ok.yaml" --draws 100 --format json
expect_rc 0 "issue 21 item 8: scale [-1e12, 1e12]"
printf '%%YAML 9.9\n---\nparley: 1\n' >"$TMPD/v99.yaml"
run "$PARLEY" validate "$TMPD/v99.yaml"
expect_rc 2 "issue 21 item 8: %YAML 9.9"
has_line "issue 21 item 8: %YAML 9.9" "$TMPD/v99.yaml:1:7" "unsupported YAML version '9.9'" "(%YAML 1.1 or %YAML 1.2, or no directive)"
lacks "issue 21 item 8: %YAML 9.9" "only comments"
printf '%%YAML 9.9\n---\nparley_ledger: 1\n' >"$TMPD/v99-ledger.yaml"
run "$PARLEY" ledger import --db "$TMPD/l.sqlite" "$TMPD/v99-ledger.yaml"
expect_rc 2 "issue 21 item 8: %YAML 9.9 (ledger)"
has_line "issue 21 item 8: %YAML 9.9 (ledger)" "$TMPD/v99-ledger.yaml:1:7" "unsupported YAML version '9.9'"
{ printf '%%YAML 1.2\n---\n'; cat "$B"; } >"$TMPD/v12.yaml"
run "$PARLEY" validate "$TMPD/v12.yaml"
expect_rc 0 "issue 21 item 8: %YAML 1.2 is read"

# ---- issue 21 item 6: a 64 MB scenario is refused early and in little memory ----
# (before: 5 GB and 27 s before "too many actors"). The first run measures
# peak memory (printed); the bound below is 16 times the file's size, under
# an address-space limit of 1.5 GiB (not with AddressSanitizer, which
# reserves terabytes of address space).
if nm -C "$PARLEY" 2>/dev/null | grep -q __asan_init; then
  echo "SKIP: issue 21 item 6 memory bound: AddressSanitizer build (address space is not memory)"
else
  python3 - "$TMPD/big.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("parley: 1\ntitle: t\nissues:\n  - {id: i1, title: t, status_quo: 50}\nactors:\n")
    line = "  - {id: a%d, name: n, capability: 1, positions: {i1: {position: 50, salience: 50}}}\n"
    n, size = 0, 0
    while size < 60 * 2**20:
        s = line % n; f.write(s); size += len(s); n += 1
PY
  size=$(stat -c %s "$TMPD/big.yaml")
  if [ -x /usr/bin/time ]; then
    run /usr/bin/time -f 'maxrss_kb %M' "$PARLEY" validate "$TMPD/big.yaml"
    rss=$(awk '/^maxrss_kb/ {print $2}' "$TMPD/err")
    echo "issue 21 item 6: validate of a $size-byte scenario with too many actors: peak RSS ${rss} kB"
    [ -n "$rss" ] && [ "$rss" -lt $((size * 16 / 1024)) ] && ok || bad "issue 21 item 6: peak RSS ${rss} kB is not below 16 x the file's size"
  fi
  run bash -c 'ulimit -v 1572864; exec "$@"' sh "$PARLEY" validate "$TMPD/big.yaml"
  expect_rc 2 "issue 21 item 6: too many actors, within 1.5 GiB"
  has_line "issue 21 item 6: too many actors" "$TMPD/big.yaml:6:3" "too many actors: " "(at most 100000)"
  lacks "issue 21 item 6: no follow-on error" "no actors"
  # 60 MB of one-byte items under an unknown key: a tree of 15 million nodes
  python3 - "$TMPD/seq.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("parley: 1\ntitle: t\nissues:\n  - {id: i1, title: t}\nactors:\n  - {id: a, name: n, capability: 1, positions: {i1: {position: 50, salience: 50}}}\nx:\n")
    f.write("- 1\n" * (15 * 2**20))
PY
  size=$(stat -c %s "$TMPD/seq.yaml")
  if [ -x /usr/bin/time ]; then
    run /usr/bin/time -f 'maxrss_kb %M' "$PARLEY" validate "$TMPD/seq.yaml"
    rss=$(awk '/^maxrss_kb/ {print $2}' "$TMPD/err")
    echo "issue 21 item 6: validate of a $size-byte scenario of 15.7 million one-byte items: peak RSS ${rss} kB"
    [ -n "$rss" ] && [ "$rss" -lt $((size * 16 / 1024)) ] && ok || bad "issue 21 item 6: peak RSS ${rss} kB is not below 16 x the file's size"
    has_line "issue 21 item 6: the unknown key" "$TMPD/seq.yaml:7:1" "unknown key 'x'"
  fi
  # memory running out is said as such, exit 1 (not "holds no YAML document")
  run bash -c 'ulimit -v 300000; exec "$@"' sh "$PARLEY" validate "$TMPD/seq.yaml"
  expect_rc 1 "issue 21 item 6: out of memory"
  expect_err "out of memory" "issue 21 item 6: out of memory"
  lacks "issue 21 item 6: out of memory" "holds no YAML document"
  # ... in the ledger reader too (libfyaml's tree: about 0.7 GB for these 12 MB)
  python3 -c "
import sys
f = open(sys.argv[1], 'w'); f.write('parley_ledger: 1\nquestions:\n')
for i in range(300000): f.write('  - {id: q%d, kind: binary, text: T}\n' % i)" "$TMPD/bigl.yaml"
  run bash -c 'ulimit -v 400000; exec "$@"' sh "$PARLEY" ledger import --db "$TMPD/l.sqlite" "$TMPD/bigl.yaml"
  expect_rc 1 "issue 21 item 6: out of memory (ledger)"
  expect_err "out of memory" "issue 21 item 6: out of memory (ledger)"
  lacks "issue 21 item 6: out of memory (ledger)" "holds no YAML document"
  rm -f "$TMPD/big.yaml" "$TMPD/seq.yaml" "$TMPD/bigl.yaml"
fi

finish
