#!/usr/bin/env bash
# The flagship scenario (examples/security-guarantees-2022.yaml): it validates,
# and text, JSON and CSV forecasts carry every required issue, actor and model
# with forecasts on the scale and exact provenance.
. "$(dirname "$0")/lib.sh"
F=examples/security-guarantees-2022.yaml
SHA=$(sha256sum "$F" | cut -d' ' -f1)

run "$PARLEY" validate "$F"
expect_rc 0 validate; expect_out "ok (6 issues" validate

run "$PARLEY" forecast "$F"
expect_rc 0 text
expect_out "sha256 $SHA" "text provenance"
for t in "NATO non-enlargement" "missiles" "exercises" "1997" "guarantee"; do
  grep -qi -- "== Issue .*$t" "$TMPD/out" && ok || bad "text lacks an issue about '$t'"
done
expect_out "Nash bargaining solution" text

run "$PARLEY" forecast "$F" --format json
expect_rc 0 json
python3 - "$TMPD/out" "$SHA" <<'PY' && ok || bad "flagship json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["input"]["sha256"] == sys.argv[2]
issues = {i["id"]: i for i in d["issues"]}
# the issues the foundation issue requires
for need in ["nato-enlargement", "forces-east", "rollback-1997", "missiles", "exercises", "guarantee-form"]:
    assert need in issues, need
for i in d["issues"]:
    lo, hi = i["scale"]
    assert i["status_quo"] is not None and lo <= i["status_quo"] <= hi, i["id"]
    assert len(i["labels"]) >= 3, i["id"]
    ids = {a["id"] for a in i["actors"]}
    assert {"russia", "united-states", "nato", "ukraine"} <= ids, (i["id"], ids)
    for name in ["mean", "compromise", "median", "nbs", "bdm", "exchange"]:
        m = i["models"][name]
        assert "forecast" in m, (i["id"], name, m)
        assert lo <= m["forecast"] <= hi, (i["id"], name)
    # the compromise lies between the extreme positions (models.md section 1)
    xs = [a["position"] for a in i["actors"]]
    assert min(xs) <= i["models"]["compromise"]["forecast"] <= max(xs)
# The feasibility verdicts the README and docs/institutions.md describe
f = {i["id"]: i["feasibility"] for i in d["issues"]}
for pol in ["nato-enlargement", "forces-east", "rollback-1997"]:
    assert f[pol]["agreement_possible"] is False, pol
assert f["nato-enlargement"]["acceptable"] is None and f["nato-enlargement"]["conflicts"]
for tech in ["missiles", "exercises", "guarantee-form"]:
    assert f[tech]["agreement_possible"] is True and f[tech]["venue"] == "geneva", tech
    assert f[tech]["venues"]["geneva"]["pivots"] == ["united-states"], tech
# the Senate (67 of 100) ratifies only part of the missiles interval, none of the guarantee
sen = f["missiles"]["ratification"]["us-senate"]
assert sen["agreement_ratifiable"] is True and 20 < sen["ratifiable"][1] < 80
assert f["guarantee-form"]["ratification"]["us-senate"]["agreement_ratifiable"] is False
assert [s["venue"] for s in d["stages"]] == ["geneva", "nrc-brussels", "osce-vienna"]
PY

run "$PARLEY" forecast "$F" --format csv
expect_rc 0 csv
expect_eq "$(tail -n +2 "$TMPD/out" | wc -l | tr -d ' ')" "36" "csv: 6 issues x 6 models"
finish
