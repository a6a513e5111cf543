#!/usr/bin/env bash
# Cross-issue outputs of `parley forecast`: the exchange model's exchanges
# and the package analysis (JSON contract, text, --packages K).
. "$(dirname "$0")/lib.sh"
F=examples/security-guarantees-2022.yaml

run "$PARLEY" forecast "$F" --format json
expect_rc 0 json
python3 - "$TMPD/out" <<'PY' && ok || bad "packages and exchange json"
import json, sys
d = json.load(open(sys.argv[1]))
P = d["packages"]
# the flagship names three packages (examples/security-guarantees-2022.yaml)
assert len(P) == 3, len(P)
for p in P:
    assert set(["id", "issues", "feasible", "venue", "package", "gains", "linkage_effect"]) <= set(p), p.keys()
# docs/packages.md: linking enlargement closes the arms-control deal (the Senate
# would not ratify), while the package without enlargement is feasible in Geneva
by = {tuple(p["issues"]): p for p in P}
with_enl = [p for p in P if "nato-enlargement" in p["issues"]]
assert with_enl and all(p["feasible"] is False for p in with_enl)
without = [p for p in P if "nato-enlargement" not in p["issues"]][0]
assert without["feasible"] is True and without["venue"] == "geneva"
assert set(without["package"]) == set(without["issues"]) and without["gains"]
# a feasible package gains for both members of the Geneva table; gains are
# reported for every actor, and the eastern allies, not at that table, lose
assert without["gains"]["russia"] > 0 and without["gains"]["united-states"] > 0
assert without["gains"]["eastern-flank"] < 0
# the exchange model: outcome per issue and the exchanges touching it
x = d["issues"][3]["models"]["exchange"]
assert "forecast" in x and x["status"] in ("fixed_point", "max_rounds") and x["rounds"] >= 1
for e in x["exchanges"]:
    assert d["issues"][3]["id"] in (e["moves_on"], e["in_return_on"]) and e["gain"] > 0
PY

run "$PARLEY" forecast "$F"
expect_rc 0 text
expect_out "== Package deals" text
expect_out "Exchange model: " text

# --packages K adds every combination of 2..K issues sharing a venue
run "$PARLEY" forecast "$F" --packages 2 --format json
expect_rc 0 "--packages 2"
python3 -c 'import json,sys; P=json.load(open(sys.argv[1]))["packages"]; gen=[p for p in P if p["id"] is None]; assert len(gen) >= 1 and all(len(p["issues"]) == 2 for p in gen), len(gen)' "$TMPD/out" \
  && ok || bad "--packages 2 combinations"
run "$PARLEY" forecast "$F" --packages 5;  expect_rc 2 "--packages 5"
run "$PARLEY" forecast "$F" --packages x;  expect_rc 2 "--packages x"
finish
