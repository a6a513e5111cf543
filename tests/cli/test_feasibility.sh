#!/usr/bin/env bash
# Institutions end to end (tests/data/institutions.yaml): red lines, venue
# win-sets under unanimity, bilateral and qualified-majority rules, stages
# carrying the status quo, ratification at 66 vs 67 votes, and bad input.
# Expected values are worked out by hand in the comments (models.md section 5:
# member i prefers y to q iff y lies strictly between q and 2 x_i - q).
. "$(dirname "$0")/lib.sh"
I=tests/data/institutions.yaml

run "$PARLEY" forecast "$I" --format json
expect_rc 0 json
python3 - "$TMPD/out" <<'PY' && ok || bad "feasibility json"
import json, sys
d = json.load(open(sys.argv[1]))
t, b = d["issues"][0]["feasibility"], d["issues"][1]["feasibility"]
V = t["venues"]
# red lines on trade: A [25, 100], C [0, 15]: no overlap, gap 25 - 15 = 10
assert t["acceptable"] is None and t["conflicts"] == [{"a": "c", "b": "a", "gap": 10}]
# unanimity of A (60), B (70), C (10) around q = 20: C blocks moves up, A and B
# moves down; the members at the core's ends hold it: C (10) and B (70)
assert V["all"]["passable"] is None and V["all"]["blockers"] == ["c", "b"]
# bilateral A, B: mirrors 100 and 120, so (20, 100); A is the pivot; A's red
# line cuts it to [25, 100)
p = V["pair"]
assert p["passable"] == [20, 100] and p["passable_open"] == [True, True] and p["pivots"] == ["a"]
assert p["change"] == [25, 100] and p["change_open"] == [False, True]
# qualified majority, quota 50 of 100: A + B = 50 reach it exactly (up, to A's
# mirror 100) and C = 50 alone (down, to C's mirror 0): moves on both sides pass
q = V["qmv"]
assert q["split"] is True and q["passable"] == [0, 100] and q["pivots"] == ["c", "a"]
# one vote short (quota 51): neither side passes
assert V["qmv-short"]["passable"] is None
# forecasts over the venue's members only: compromise of A, B = (15*60 + 10*70)/25 = 64
assert p["models"]["compromise"]["forecast"] == 64
# the verdict: possible in the bilateral venue, whose members' red lines admit [25, 100)
assert t["agreement_possible"] is True and t["venue"] == "pair" and t["agreement"] == [25, 100]
# who walks out: the NBS stays at q = 20 (actors on both sides), outside A's and C's lines
assert t["walkouts"]["nbs"] == ["a", "c"]
# ratification, 67 votes needed: 67 members at 60 prefer every y in (20, 100); 66 do not suffice
R = t["ratification"]
assert R["senate67"]["ratifiable"] == [20, 100] and R["senate67"]["agreement_ratifiable"] is True
assert R["senate66"]["ratifiable"] is None and R["senate66"]["agreement_ratifiable"] is False
# border, q = 50: A 40, B 60, C 55; QMV up: B (mirror 70, weight 20) then C
# (mirror 60, weight 50) reach 50 at C's mirror: (50, 60), pivot C
assert b["venues"]["qmv"]["passable"] == [50, 60] and b["venues"]["qmv"]["pivots"] == ["c"]
assert b["agreement_possible"] is True and b["venue"] == "qmv"
# stages: s1 (A and B) moves trade from 20 to their compromise 64 (inside
# [25, 100)); s2 starts from 64 ('previous'); C, absent from s1, had no effect there
s1, s2 = d["stages"]
assert s1["issues"][0] == {"issue": "trade", "status_quo": 20, "change": [25, 100],
    "change_open": [False, True], "forecast": 64, "outcome": 64, "moved": True}
assert s2["issues"][0]["status_quo"] == 64
# border at s2 (QMV): compromise of all three = (15*40 + 10*60 + 25*55)/50 = 51.5, inside (50, 60)
assert s2["issues"][1]["outcome"] == 51.5 and s2["issues"][1]["moved"] is True
PY

# An actor absent from a venue has no effect there: moving C far away changes
# nothing in the bilateral venue or stage s1
sed 's/trade: {position: 10, salience: 50, red_line: \[0, 15\]}/trade: {position: 0, salience: 90}/' "$I" > "$TMPD/moved.yaml"
run "$PARLEY" forecast "$TMPD/moved.yaml" --format json
python3 - "$TMPD/out" <<'PY' && ok || bad "absent actor has no effect"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["issues"][0]["feasibility"]["venues"]["pair"]
assert p["passable"] == [20, 100] and p["models"]["compromise"]["forecast"] == 64
assert d["stages"][0]["issues"][0]["outcome"] == 64
PY

# The expected-utility model as a stage model runs over the venue's members
# only: its stage forecast equals its forecast in the venue's own table
sed '0,/model: compromise/s//model: bdm/' "$I" > "$TMPD/bdm.yaml"
run "$PARLEY" forecast "$TMPD/bdm.yaml" --format json
python3 - "$TMPD/out" <<'PY' && ok || bad "bdm stage over members"
import json, sys
d = json.load(open(sys.argv[1]))
s1 = d["stages"][0]
assert s1["model"] == "bdm"
assert s1["issues"][0]["forecast"] == d["issues"][0]["feasibility"]["venues"]["pair"]["models"]["bdm"]["forecast"]
PY

# Text report answers the question per issue
run "$PARLEY" forecast "$I"
expect_rc 0 text
expect_out "Is an agreement possible? Yes: in A and B, outcomes from 25 to 100" text
expect_out "conflict: C (at most 15.0) and A (at least 25.0), gap 10.0" text
expect_out "== Stages" text
expect_out "forecasts among its members: mean 64.0, compromise 64.0" "text venue forecasts"

# Verdict reasons name only actors at the table concerned
# (tests/data/units/verdict.yaml, worked out by hand in its comments): Israel
# sits at no table, so its red line neither blocks nor explains anything.
V=tests/data/units/verdict.yaml
run "$PARLEY" forecast "$V" --format json --draws 64 --quiet
expect_rc 0 "verdict json"
python3 - "$TMPD/out" "$V" <<'PY' && ok || bad "verdict reasons"
import json, sys
d = json.load(open(sys.argv[1]))
f = {i["id"]: i["feasibility"] for i in d["issues"]}
assert f["enrichment"]["agreement_possible"] is False
assert f["enrichment"]["reason"] == "in US-Iran track, Iran sits at the status quo (20): any change makes it worse off", f["enrichment"]["reason"]
assert f["sanctions"]["agreement_possible"] is False
assert f["sanctions"]["reason"] == "in US-Iran track, every outcome that beats the status quo crosses the red line of Iran (at least 90)", f["sanctions"]["reason"]
# no status quo: the table's red lines meet on [50, 60], Israel's [90, 100] is away from it
assert f["inspections"]["agreement_possible"] is True and f["inspections"]["agreement"] == [50, 60]
assert all("Israel" not in x["reason"] for x in f.values())
# the Monte Carlo's agreement check (no uncertainty here: every draw is the point) agrees
p = [i["feasibility"]["probability"]["agreement_possible"] for i in d["issues"]]
assert p == [0, 0, 1], p
PY
# On the flagship and the multi-scale scenario, a "no" names no actor that
# sits at none of the tables the issue is on
for f in examples/security-guarantees-2022.yaml tests/data/units/iran-2015.yaml; do
  run "$PARLEY" forecast "$f" --format json
  expect_rc 0 "$f json"
  python3 - "$TMPD/out" "$f" <<'PY' && ok || bad "$f: reasons name only actors at the tables"
import json, sys, re
d = json.load(open(sys.argv[1]))
src = open(sys.argv[2]).read()
names = {}
for m in re.finditer(r"^  - id: (\S+)\n    name: (.+)$", src, re.M):
    names[m.group(1)] = m.group(2).strip().strip('"')
for i in d["issues"]:
    fz = i["feasibility"]
    if fz["agreement_possible"]:
        continue
    seated = set()
    # members of the venues with this issue on their table, from the JSON's venue ids
    venues = re.findall(r"^  - id: (\S+)\n(?:    .*\n)*?    members: \[([^\]]*)\]", src, re.M)
    for vid, mem in venues:
        if vid in fz["venues"]:
            seated |= {x.strip() for x in mem.split(",")}
    away = [names[a["id"]] for a in i["actors"] if a["id"] not in seated]
    assert away, (i["id"], "the test needs an actor away from every table")
    for n in away:
        assert n not in fz["reason"], (i["id"], n, fz["reason"])
PY
done

# Bad input: clear FILE:LINE:COL errors
printf 'parley: 1\ntitle: t\nissues: [{id: i, title: I, status_quo: 5}]\nactors:\n  - {id: a, name: A, capability: 1, positions: {i: {position: 1, salience: 1}}}\n  - {id: b, name: B, capability: 1, positions: {i: {position: 9, salience: 1}}}\nvenues:\n  - {id: v, rule: qualified_majority, members: [a, b], weights: {a: 2, b: 3}, quota: 6}\n  - {id: w, rule: unanimity, members: [a, zed]}\nstages:\n  - {id: s1, venue: v, date: "2022-01-13"}\n  - {id: s2, venue: v, date: "2022-01-12"}\nratification:\n  - {id: r, actor: a, threshold: 101, blocs: [{name: x, size: 100, ideal: {i: 3}}]}\n' > "$TMPD/bad.yaml"
run "$PARLEY" validate "$TMPD/bad.yaml"
expect_rc 2 "institutions bad input"
expect_err "bad.yaml:8:86: error: quota 6 is above the total weight 5 of venue 'v'" "quota above total"
expect_err "bad.yaml:9:43: error: unknown actor 'zed' in venue members" "unknown member"
expect_err "bad.yaml:12:30: error: stage 's2' is dated 2022-01-12, before stage 's1' (2022-01-13) listed above it" "stage order"
expect_err "bad.yaml:14:34: error: threshold 101 is above the size 100 of 'r'" "threshold above size"
finish
