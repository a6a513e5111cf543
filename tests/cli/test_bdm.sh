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

# --trace: a misspelt issue id gets the closest one (parley_suggest); full
# actor ids, aligned (tests/data/units/verdict.yaml has 'united-states', 13
# characters, longer than the 10 the trace used to cut ids to)
V=tests/data/units/verdict.yaml
run "$PARLEY" forecast "$V" --trace enrichmnt
expect_rc 2 "--trace misspelt"; expect_err "no issue 'enrichmnt' in $V (did you mean 'enrichment'?)" "--trace did you mean"
run "$PARLEY" forecast "$V" --trace zzz
expect_rc 2 "--trace far off"; expect_err "no issue 'zzz'" "--trace unknown"
if grep -q "did you mean" "$TMPD/err"; then bad "--trace: no hint for a word far from every id"; else ok; fi
run "$PARLEY" forecast "$V" --model bdm --trace enrichment
expect_rc 0 "trace full ids"
python3 - "$TMPD/out" <<'PY' && ok || bad "trace: full ids, aligned columns"
import sys
lines = open(sys.argv[1]).read().split("\n")
start = lines.index(next(l for l in lines if l.startswith("Trace of the expected-utility")))
trace = lines[start:]
ids = ["iran", "united-states", "israel"]
# the round table: one row per actor, its full id first
r1 = trace.index("Round 1")
rows = trace[r1 + 2:r1 + 5]
assert [r.split()[0] for r in rows] == ids, rows
# each matrix: a title, a header of the full ids, then rows of equal width
for title in ("P: probability", "EU1: expected", "EU: expected"):
    t = next(i for i in range(r1, len(trace)) if trace[i].strip().startswith(title))
    head, body = trace[t + 1], trace[t + 2:t + 5]
    assert head.split() == ids, head
    assert [b.split()[0] for b in body] == ids, body
    assert len({len(head)} | {len(b) for b in body}) == 1, (head, body)
    # every cell ends under the end of its column's id in the header
    ends = [head.index(i) + len(i) for i in ids]
    for b in body:
        cells = b.split()[1:]
        assert all(b[e - 1] != " " for e in ends), b
PY

# risk exponents: round 1's (from the coded positions) and the last
# round's, in the actor table and JSON. Round 1's equal the trace's round 1
# (the trace drives the workspace itself); by models.md 4.3 step E they lie
# in [0.5, 2], with exactly 2 for the most secure actor and 0.5 for the
# least secure when the security S_i differs between actors.
run "$PARLEY" forecast examples/security-guarantees-2022.yaml --model bdm --format json
expect_rc 0 "risk json"; cp "$TMPD/out" "$TMPD/risk.json"
run "$PARLEY" forecast examples/security-guarantees-2022.yaml --model bdm --trace missiles
expect_rc 0 "risk trace"; cp "$TMPD/out" "$TMPD/risk.txt"
python3 - "$TMPD/risk.json" "$TMPD/risk.txt" <<'PY' && ok || bad "risk exponents: first and last round"
import json, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
iss = next(i for i in d["issues"] if i["id"] == "missiles")
b = iss["models"]["bdm"]
first, last = b["risk_exponents_first_round"], b["risk_exponents"]
assert set(first) == set(last) == {a["id"] for a in iss["actors"]}
# (1e-12: (1 - R/3)/(1 + R/3) at R = -1 and 1 in floating point)
assert all(0.5 - 1e-12 <= r <= 2 + 1e-12 for r in first.values()), first
assert abs(max(first.values()) - 2) < 1e-12 and abs(min(first.values()) - 0.5) < 1e-12, first
# converged (fixed point): the last round's are all 1 (S_max = S_min: R = 0)
assert b["status"] == "fixed_point" and all(abs(r - 1) < 1e-12 for r in last.values()), last
# the trace's round 1 table (actor, position, r) gives the same, to 4 decimals
tr = text[text.index("Trace of the expected-utility"):]
r1 = tr[tr.index("Round 1"):tr.index("P: probability")].split("\n")[2:]
got = {l.split()[0]: float(l.split()[2]) for l in r1 if l.strip()}
assert got.keys() == first.keys(), (got, first)
assert all(abs(got[a] - first[a]) <= 5e-5 for a in got), (got, first)
# the text table: r first and r last columns
tab = text[text.index("Intermediate- and shorter-range missiles"):]
tab = tab[tab.index("  Actor "):]
assert "r first  r last" in tab.split("\n")[0]
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
