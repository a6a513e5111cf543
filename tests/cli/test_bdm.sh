#!/usr/bin/env bash
# The expected-utility model from the command line: profiles, options, the
# JSON trajectory, the rounds table and --trace.
. "$(dirname "$0")/lib.sh"
M=tests/data/minimal.yaml

# Option errors are usage errors (exit 2)
for bad in "--rounds 0" "--rounds x" "--rounds -3" "--bdm-q 1.5" "--bdm-q x" "--bdm-profile x" \
           "--bdm-selection x" "--bdm-range x"; do
  run "$PARLEY" forecast "$M" $bad
  expect_rc 2 "$bad"
done
run "$PARLEY" forecast "$M" --trace nope;                 expect_rc 2 "--trace unknown issue"; expect_err "no issue 'nope'" "--trace unknown"
run "$PARLEY" forecast "$M" --trace tariffs --format json; expect_rc 2 "--trace with json"

# Text: rounds table and the final positions column
run "$PARLEY" forecast "$M" --model bdm
expect_rc 0 "bdm text"; expect_out "Expected utility (BDM), paper profile" "bdm text"; expect_out "BDM end" "bdm actor column"

# --trace prints the internals for one issue
run "$PARLEY" forecast "$M" --model bdm --trace tariffs
expect_rc 0 trace
expect_out "Trace of the expected-utility model on 'tariffs'" trace
expect_out "Round 1" trace
expect_out "P: probability that row beats column" trace
expect_out "EU: expected utility" trace
expect_out "Status: " trace

# JSON trajectory on the small scenario
run "$PARLEY" forecast "$M" --model bdm --rounds 3 --format json
expect_rc 0 "bdm json"
python3 - "$TMPD/out" <<'PY' && ok || bad "bdm json contract"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["options"]["bdm"]["rounds"] == 3 and d["options"]["bdm"]["profile"] == "paper"
b = d["issues"][0]["models"]["bdm"]
assert b["profile"] == "paper" and b["status"] in ("fixed_point", "max_rounds")
assert 1 <= b["rounds_run"] <= 3 and len(b["rounds"]) == b["rounds_run"]
r1 = b["rounds"][0]
assert r1["round"] == 1 and set(r1["positions"]) == {"north", "south", "east"}
# the forecast is the median after the last round
assert b["forecast"] == b["rounds"][-1]["median"] and b["mean"] == b["rounds"][-1]["mean"]
# the initial median is the weighted median of the scenario (60, see test_forecast.sh)
assert b["initial"]["median"] == 60
PY

if need_shared data/bdm1994/car-emissions-actors.csv; then
  C=$SHARED/data/bdm1994/car-emissions-actors.csv
  # compat reproduces Scholz et al. (2011) Table 2 within 0.35 and the spec
  # vector (tests/vectors/bdm_expected_utility.json, bdm1994_emissions_COMPAT) tightly
  run "$PARLEY" forecast "$C" --scale 0,20 --model bdm --bdm-profile compat --rounds 8 --format json
  expect_rc 0 "compat json"
  python3 - "$TMPD/out" tests/vectors/bdm_expected_utility.json <<'PY' && ok || bad "compat trajectory"
import json, sys
d = json.load(open(sys.argv[1]))
b = d["issues"][0]["models"]["bdm"]
med = [r["median"] for r in b["rounds"]]
scholz = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
assert len(med) == 8 and b["status"] == "max_rounds"
assert all(abs(a - p) <= 0.35 for a, p in zip(med, scholz)), med
vec = [c for c in json.load(open(sys.argv[2]))["cases"] if c["name"] == "bdm1994_emissions_COMPAT"][0]
want = vec["expected"]["median_by_round"][:8]   # rounds 1-10 in the vector
assert all(abs(a - w) <= 1e-9 for a, w in zip(med, want)), (med, want)
PY
  # paper profile: settles at 7 (models.md 4.9(b): fixed point after round 5)
  run "$PARLEY" forecast "$C" --scale 0,20 --model bdm --format csv
  expect_rc 0 "paper csv"
  expect_out "car-emissions-actors,bdm,7,,fixed_point," "paper fixed point at 7"
  # --bdm-range scale: Delta is the scale's width
  run "$PARLEY" forecast "$C" --scale 0,20 --model bdm --bdm-range scale --format json
  python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["issues"][0]["models"]["bdm"]["range"] == 20' "$TMPD/out" \
    && ok || bad "--bdm-range scale"
fi
finish
