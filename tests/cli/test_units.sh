#!/usr/bin/env bash
# Scale-true results (docs/uncertainty.md, docs/models.md "Scales and units"):
# default uncertainties in percent of each issue's width, an issue's own in
# its units, the resolved spreads in the JSON, and whether each point
# forecast lies in its own 90 % band, on a scenario with five issues on very
# different scales (tests/data/units/iran-2015.yaml).
. "$(dirname "$0")/lib.sh"
IR=tests/data/units/iran-2015.yaml

run "$PARLEY" validate "$IR"
expect_rc 0 "iran validates"; expect_out "ok (5 issues, 11 actors)" "iran validates"

run "$PARLEY" forecast "$IR" --draws 4000 --seed 1 --quiet --format json
expect_rc 0 "iran json"; cp "$TMPD/out" "$TMPD/iran.json"
python3 - "$TMPD/iran.json" <<'PY' && ok || bad "iran: resolved uncertainty"
import json, sys
d = json.load(open(sys.argv[1]))
u = {i["id"]: i["uncertainty"] for i in d["issues"]}
# the scenario's 8 % of each width; 2 % and 3 % for status quo and red lines
assert u["enrichment"]["position"] == {"from": "defaults", "sd": 1.6, "percent": 8, "of": 20}, u["enrichment"]
assert u["arms-embargo"]["position"]["sd"] == 0.8
assert u["enrichment"]["status_quo"]["sd"] == 0.4 and u["enrichment"]["red_line"]["sd"] == 0.6
assert u["sanctions"]["position"]["sd"] == 8
# the centrifuges' own, in centrifuges; its status quo keeps the scenario's 2 % of 20000
assert u["centrifuges"]["position"] == {"from": "issue", "sd": 1500}, u["centrifuges"]
assert u["centrifuges"]["status_quo"]["sd"] == 400
# salience: points of 0-100; capability: percent of the largest capability (100)
for i in u.values():
    assert i["salience"] == {"from": "defaults", "sd": 10, "percent": 10, "of": 100}
    assert i["capability"] == {"from": "defaults", "uniform": [-10, 10], "percent": [-10, 10], "of": 100}
PY
python3 - "$TMPD/iran.json" <<'PY' && ok || bad "iran: means and points in their 90% bands"
import json, sys
d = json.load(open(sys.argv[1]))
for i in d["issues"]:
    lo, hi = i["scale"]
    tol = (hi - lo) / 1024          # the percentiles' reading error (mc.h)
    for m, r in i["models"].items():
        dist = r["distribution"]
        q5, q95 = dist["quantiles"]["5"], dist["quantiles"]["95"]
        # the Monte Carlo mean lies within its own 90% band
        assert q5 <= dist["mean"] <= q95, (i["id"], m, dist["mean"], q5, q95)
        # the flag is what the definition says, recomputed here
        inside = q5 - tol <= r["forecast"] <= q95 + tol
        assert dist["point_in_band"] == inside, (i["id"], m)
        # with spreads in percent of each scale, every point forecast lies in
        # its band, but the Nash solution's at a status quo on the scale's end
        # (enrichment 20 of [0, 20], sanctions 0, arms embargo 10 of [0, 10]),
        # which status-quo draws can only leave inward
        at_end = m == "nbs" and i["status_quo"] in (lo, hi)
        assert inside == (not at_end), (i["id"], m, r["forecast"], q5, q95)
PY
run "$PARLEY" forecast "$IR" --draws 4000 --seed 1 --quiet
expect_rc 0 "iran text"
expect_out "    note: the point forecast 20.00 lies outside this 90% band [" "text: point outside its band"
expect_out "  Default uncertainty on this issue: positions sd 1.60 (8% of 20); status quo sd 0.40 (2% of 20); red-line ends sd 0.60 (3% of 20)" "text: resolved defaults"
expect_out "  Default uncertainty on this issue: positions sd 1500.0 (the issue's own); status quo sd 400.0 (2% of 20000); red-line ends sd 600.0 (3% of 20000)" "text: the issue's own"
# on 0-100 scales the line would repeat what the scenario says: not shown
sanctions=$(sed -n '/(sanctions)$/,/^== Issue 4/p' "$TMPD/out")
case "$sanctions" in *"Default uncertainty"*) bad "text: resolved defaults shown on a 0-100 scale";; *) ok;; esac

# '%' is how the format says "of the width"; bare numbers in defaults mean
# the same; wrong forms are errors at their position
printf 'parley: 1\ntitle: t\ndefaults:\n  uncertainty:\n    position: {sd: 8%%%%}\n    salience: {sd: -5%%}\nissues:\n  - id: i\n    title: I\n    uncertainty:\n      salience: {sd: 3}\n      position: {uniform: [1%%, 2]}\nactors:\n  - {id: a, name: A, capability: 1, positions: {i: {position: 1, salience: 1}}}\n' > "$TMPD/bad.yaml"
run "$PARLEY" validate "$TMPD/bad.yaml"
expect_rc 2 "bad percentages"
expect_err "bad.yaml:5:20: error: wrong type for default sd: '8%%' is not a number (a number, or a percentage such as 8%)" "8%%"
expect_err "bad.yaml:6:20: error: impossible default sd: -5" "-5%"
expect_err "bad.yaml:11:7: error: unknown key 'salience' in issue uncertainty (known keys: position, status_quo, red_line)" "issue salience"
# (1% of the issue's default width 100 is 1)
expect_err "bad.yaml:12:27: error: impossible default range [1, 2]" "offsets not around 0"
finish
