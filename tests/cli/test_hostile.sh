#!/usr/bin/env bash
# test_hostile.sh - issue 21 (ledger, report, text): hostile JSON results and
# ledger exports for `parley report`, hostile ledger files, control
# characters on every path in, CSV formula injection, and the smaller ledger
# items. Each block names the item of issue 21 it covers; each failed on the
# main branch before the fix (see the commit messages).
. "$(dirname "$0")/lib.sh"
F=examples/security-guarantees-2022.yaml
L="$TMPD/l.sqlite"

# ---------------------------------------------------------------------------
# Item 1: every number `parley report` reads is checked for its range.
# On main, p = -1e6 crashed (SIGSEGV, exit 139) and p = -100 corrupted the
# heap and exited 0: (size_t)(p * 10) wrapped in the calibration binning.
run "$PARLEY" ledger import examples/security-guarantees-2022-experts.yaml --db "$L"
expect_rc 0 "item 1: import the experts"
run "$PARLEY" ledger export --format json --db "$L" -o "$TMPD/x.json"
expect_rc 0 "item 1: export"
run "$PARLEY" ledger score --format json --db "$L" -o "$TMPD/s.json"
expect_rc 0 "item 1: score json"
run "$PARLEY" forecast "$F" --draws 200 --quiet --format json -o "$TMPD/f.json"
expect_rc 0 "item 1: forecast json"

# hostile FILE WHAT VALUE: put VALUE (JSON text) at WHAT, a Python path into
# the document, write it one field per line, and expect exit 2, the error at
# the value's line and column, and no page written.
hostile() {
  local src=$1 path=$2 value=$3 out="$TMPD/h.json"
  python3 - "$src" "$out" "$path" "$value" <<'PY' || { bad "item 1: cannot build $path"; return; }
import json, sys
src, out, path, value = sys.argv[1:]
d = json.load(open(src))
MARK = "@@HOSTILE@@"
exec("d" + path + " = MARK")
text = json.dumps(d, indent=1)
line_no = next(i for i, l in enumerate(text.split("\n"), 1) if MARK in l)
col = text.split("\n")[line_no - 1].index('"' + MARK) + 1
open(out, "w").write(text.replace('"' + MARK + '"', value))
open(out + ".pos", "w").write("%d:%d" % (line_no, col))
PY
  rm -f "$TMPD/h.html"
  run "$PARLEY" report "$out" -o "$TMPD/h.html"
  expect_rc 2 "item 1: $path = $value"
  expect_err "$out:$(cat "$out.pos"): error: " "item 1: $path = $value positioned"
  [ -e "$TMPD/h.html" ] && bad "item 1: a page was written for $path = $value" || ok
}
# the calibration binning's input, and the other numbers of a ledger export
hostile "$TMPD/x.json" '["forecasts"][0]["probability"]' '-1e6'
hostile "$TMPD/x.json" '["forecasts"][0]["probability"]' '-100'
hostile "$TMPD/x.json" '["forecasts"][0]["probability"]' '1.0000001'
hostile "$TMPD/x.json" '["forecasts"][3]["probability"]' '1e308'
# random probabilities outside [0, 1] (fixed seed): each is refused
for v in $(python3 -c 'import random; r = random.Random(21)
print(" ".join(repr(s * 10 ** r.uniform(-9, 300)) for s in [r.choice([-1, 1]) for _ in range(12)]))'); do
  python3 -c "import sys; v = float(sys.argv[1]); sys.exit(0 if 0 <= v <= 1 else 1)" "$v" && continue
  hostile "$TMPD/x.json" '["forecasts"][1]["probability"]' "$v"
done
# a ledger's score table: counts, shares, bins
hostile "$TMPD/s.json" '["bins"]' '1e9'
hostile "$TMPD/s.json" '["log_clip"]' '-0.5'
hostile "$TMPD/s.json" '["rows"][0]["binary"]["n"]' '-3'
hostile "$TMPD/s.json" '["rows"][0]["binary"]["n"]' '2.5'
hostile "$TMPD/s.json" '["rows"][0]["binary"]["brier"]' '7'
hostile "$TMPD/s.json" '["rows"][0]["binary"]["calibration"][0]["lo"]' '-1'
hostile "$TMPD/s.json" '["rows"][0]["binary"]["calibration"][0]["n"]' '1e300'
hostile "$TMPD/s.json" '["rows"][0]["binary"]["calibration"][0]["mean_p"]' '-100'
hostile "$TMPD/s.json" '["rows"][0]["binary"]["calibration"][0]["observed"]' '2'
# a forecast: shares, counts, scale
hostile "$TMPD/f.json" '["issues"][3]["feasibility"]["probability"]["agreement_possible"]' '1.5'
hostile "$TMPD/f.json" '["draws"]' '-200'
hostile "$TMPD/f.json" '["seed"]' '0.5'
hostile "$TMPD/f.json" '["issues"][3]["models"]["compromise"]["distribution"]["ok"]' '-1'
hostile "$TMPD/f.json" '["issues"][3]["models"]["compromise"]["distribution"]["sd"]' '-2'
hostile "$TMPD/f.json" '["issues"][3]["models"]["compromise"]["distribution"]["histogram"]["counts"][0]' '-5'
hostile "$TMPD/f.json" '["issues"][3]["models"]["compromise"]["distribution"]["zones"]["arms-control deal"]' '-0.1'
hostile "$TMPD/f.json" '["issues"][3]["sensitivity"]["compromise"][0]["variance_share"]' '40'
hostile "$TMPD/f.json" '["issues"][3]["actors"][0]["capability"]' '-1'
hostile "$TMPD/f.json" '["issues"][3]["scale"]' '[-1e308, 1e308]'
hostile "$TMPD/f.json" '["options"]["nbs_loss"]' '3'
# the ranges are the real ones: the unmodified results render
for j in x s f; do
  run "$PARLEY" report "$TMPD/$j.json" -o "$TMPD/ok.html"
  expect_rc 0 "item 1: $j.json as written renders"
done

finish
