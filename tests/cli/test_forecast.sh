#!/usr/bin/env bash
# End-to-end forecasts: text, JSON and CSV of a small scenario and of the
# car-emissions actor table; -o writes atomically; outputs are reproducible.
. "$(dirname "$0")/lib.sh"
M=tests/data/minimal.yaml
SHA=$(sha256sum "$M" | cut -d' ' -f1)

run "$PARLEY" forecast "$M"
expect_rc 0 text
expect_out "Minimal test scenario" text
expect_out "sha256 $SHA" "text provenance"
expect_out "Compromise model" text
expect_out "nearest 50: half" "text label reading"
expect_out "63.0  nearest 50: half; zone: broad cut" "text zone"   # the mean, 63, is in [50, 70]

run "$PARLEY" forecast "$M" --format json
expect_rc 0 json
cp "$TMPD/out" "$TMPD/a.json"
python3 - "$TMPD/a.json" "$SHA" <<'PY' && ok || bad "json contract"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["parley_version"] == "0.1.0"
assert d["input"]["sha256"] == sys.argv[2] and d["input"]["path"].endswith("minimal.yaml")
assert d["seed"] is None
t = d["issues"][0]
assert t["id"] == "tariffs" and t["scale"] == [0, 100] and t["status_quo"] == 10
m = t["models"]
# Hand computation from tests/data/minimal.yaml:
# mean = (40*80 + 25*40 + 35*60)/100 = 63
assert abs(m["mean"]["forecast"] - 63) < 1e-12, m["mean"]
# compromise weights c*s/100: 24, 22.5, 10.5 -> (24*80 + 22.5*40 + 10.5*60)/57 = 60.526315789...
assert abs(m["compromise"]["forecast"] - 3450/57) < 1e-12, m["compromise"]
# median: sorted 40 (22.5), 60 (10.5), 80 (24); half of 57 is 28.5; cumulative 22.5, 33 -> 60
assert m["median"]["forecast"] == 60 and m["median"]["tie"] is False and m["median"]["interval"] == [60, 60]
# NBS: everyone is above q = 10, so an interior solution above the status quo
assert m["nbs"]["status"] == "interior" and 10 < m["nbs"]["forecast"] <= 80
q = d["issues"][1]
assert q["status_quo"] is None and "error" in q["models"]["nbs"] and "status quo" in q["models"]["nbs"]["error"]
PY

# Reproducible: same input, same bytes
run "$PARLEY" forecast "$M" --format json
cmp -s "$TMPD/out" "$TMPD/a.json" && ok || bad "json output differs between two runs"

run "$PARLEY" forecast "$M" --format csv --model median,nbs
expect_rc 0 csv
expect_eq "$(head -1 "$TMPD/out")" "issue,model,forecast,zone,status,tie,interval_lo,interval_hi,error,parley_version,input_sha256,seed" "csv header"
expect_eq "$(wc -l < "$TMPD/out" | tr -d ' ')" "5" "csv rows: 2 issues x 2 models + header"
expect_out "tariffs,median,60,broad cut,,false,60,60,,0.1.0,$SHA," "csv median row"

# --median-tie: quotas has weights 20 (2.385) and 20 (7.25): an exact tie
for rule in lower:2.385 midpoint:4.8175 upper:7.25; do
  run "$PARLEY" forecast "$M" --format csv --model median --median-tie "${rule%%:*}"
  expect_out "quotas,median,${rule#*:},,,true,2.385,7.25," "tie rule ${rule%%:*}"
done

# -o writes the file atomically and prints nothing
run "$PARLEY" forecast "$M" --format json -o "$TMPD/o.json"
expect_rc 0 "-o"; expect_no_out "-o"
cmp -s "$TMPD/o.json" "$TMPD/a.json" && ok || bad "-o content differs from stdout"
[ -z "$(ls "$TMPD" | grep '\.tmp\.')" ] && ok || bad "temporary file left behind"

# -o into a directory that does not exist: runtime failure, no file
run "$PARLEY" forecast "$M" -o "$TMPD/nodir/x.json"
expect_rc 1 "-o bad dir"; [ ! -e "$TMPD/nodir/x.json" ] && ok || bad "file created"

# -o with a failing input leaves the old file untouched and no partial file
echo "old" > "$TMPD/keep.json"
printf 'parley: 1\ntitle: x\nissues: []\nactors: []\n' > "$TMPD/bad.yaml"
run "$PARLEY" forecast "$TMPD/bad.yaml" -o "$TMPD/keep.json"
expect_rc 2 "-o bad input"
expect_eq "$(cat "$TMPD/keep.json")" "old" "-o leaves the old file"
[ -z "$(ls "$TMPD" | grep '\.tmp\.')" ] && ok || bad "temporary file left behind after failure"

# The car-emissions actor table (Bueno de Mesquita 1994, shared/data/bdm1994)
if need_shared data/bdm1994/car-emissions-actors.csv; then
  C=$SHARED/data/bdm1994/car-emissions-actors.csv
  run "$PARLEY" forecast "$C" --format csv --scale 0,20
  expect_rc 0 "car csv"
  # models.md sections 1-2 worked examples: compromise 7.38995568685, median 7
  v=$(awk -F, '$2=="compromise"{print $3}' "$TMPD/out"); expect_close "$v" 7.38995568685 1e-9 "car compromise"
  v=$(awk -F, '$2=="mean"{print $3}' "$TMPD/out");       expect_close "$v" 7.47524752475 1e-9 "car mean"
  v=$(awk -F, '$2=="median"{print $3}' "$TMPD/out");     expect_close "$v" 7 0 "car median"
  expect_out "car-emissions-actors,nbs,,,error," "car nbs needs status quo"
  run "$PARLEY" forecast "$C"
  expect_rc 0 "car text"; expect_out "UK" "car text actors"; expect_out "7.39" "car text compromise"
  run "$PARLEY" forecast "$C" --format json
  expect_rc 0 "car json"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["issues"][0]["id"]=="car-emissions-actors"; assert len(d["issues"][0]["actors"])==10' "$TMPD/out" && ok || bad "car json"
fi
finish
