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
# Issue 21 item 1: every number `parley report` reads is checked for its range.
# On main, p = -1e6 crashed (SIGSEGV, exit 139) and p = -100 corrupted the
# heap and exited 0: (size_t)(p * 10) wrapped in the calibration binning.
run "$PARLEY" ledger import examples/security-guarantees-2022-experts.yaml --db "$L"
expect_rc 0 "issue 21 item 1: import the experts"
run "$PARLEY" ledger export --format json --db "$L" -o "$TMPD/x.json"
expect_rc 0 "issue 21 item 1: export"
run "$PARLEY" ledger score --format json --db "$L" -o "$TMPD/s.json"
expect_rc 0 "issue 21 item 1: score json"
run "$PARLEY" forecast "$F" --draws 200 --quiet --format json -o "$TMPD/f.json"
expect_rc 0 "issue 21 item 1: forecast json"

# hostile FILE WHAT VALUE: put VALUE (JSON text) at WHAT, a Python path into
# the document, write it one field per line, and expect exit 2, the error at
# the value's line and column, and no page written.
hostile() {
  local src=$1 path=$2 value=$3 out="$TMPD/h.json"
  python3 - "$src" "$out" "$path" "$value" <<'PY' || { bad "issue 21 item 1: cannot build $path"; return; }
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
  expect_rc 2 "issue 21 item 1: $path = $value"
  expect_err "$out:$(cat "$out.pos"): error: " "issue 21 item 1: $path = $value positioned"
  [ -e "$TMPD/h.html" ] && bad "issue 21 item 1: a page was written for $path = $value" || ok
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
# points of an issue's scale ([0, 100] here) stay on it
hostile "$TMPD/f.json" '["issues"][3]["actors"][1]["position"]' '1e300'
hostile "$TMPD/f.json" '["issues"][3]["status_quo"]' '-5'
hostile "$TMPD/f.json" '["issues"][3]["labels"][1]["at"]' '100.5'
hostile "$TMPD/f.json" '["issues"][3]["models"]["median"]["forecast"]' '-1e-3'
hostile "$TMPD/f.json" '["issues"][3]["models"]["compromise"]["distribution"]["quantiles"]["95"]' '250'
hostile "$TMPD/f.json" '["issues"][3]["models"]["bdm"]["rounds"][0]["median"]' '1e9'
hostile "$TMPD/f.json" '["issues"][3]["zones"][0]["range"][0]' '-10'
hostile "$TMPD/f.json" '["issues"][3]["actors"][1]["red_line"][1]' '101'
# the ranges are the real ones: the unmodified results render
for j in x s f; do
  run "$PARLEY" report "$TMPD/$j.json" -o "$TMPD/ok.html"
  expect_rc 0 "issue 21 item 1: $j.json as written renders"
done

# ---------------------------------------------------------------------------
# Issue 21 item 3: a ledger file from someone else runs none of its SQL; one whose
# schema is not exactly parley's is refused for writing and left byte for
# byte unchanged. On main the trigger flipped the others' probabilities and
# deleted a resolution (exit 0), and the looping trigger hung `ledger add`.
python3 - "$L" "$TMPD" <<'PY' || bad "issue 21 item 3: cannot build the hostile ledgers"
import shutil, sqlite3, sys
src, d = sys.argv[1:]
hostile = {
  "flip": "CREATE TRIGGER flip AFTER INSERT ON forecasts BEGIN "
          "UPDATE forecasts SET probability = 1 - probability WHERE forecaster <> NEW.forecaster "
          "AND probability IS NOT NULL; DELETE FROM resolutions WHERE rowid = "
          "(SELECT min(rowid) FROM resolutions); END",
  "loop": "CREATE TRIGGER spin BEFORE INSERT ON forecasts BEGIN SELECT count(*) FROM "
          "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c); END",
  "grow": "CREATE TRIGGER grow AFTER INSERT ON forecasts BEGIN INSERT INTO meta(key, value) "
          "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 2000000) "
          "SELECT 'pad' || x, zeroblob(1000) FROM c; END",
  "view": "CREATE VIEW forecasts_v AS SELECT * FROM forecasts",
  "index": "CREATE INDEX by_note ON forecasts(note)",
  "table": "CREATE TABLE extra(x)",
  "column": "ALTER TABLE forecasts ADD COLUMN evil TEXT",
}
for name, sql in hostile.items():
    path = "%s/h-%s.sqlite" % (d, name)
    shutil.copy(src, path)
    c = sqlite3.connect(path)
    c.execute(sql)
    c.commit()
    c.close()
PY
printf 'parley_ledger: 1\nquestions:\n  - {id: h/imported, kind: binary}\nforecasts:\n  - {question: h/imported, forecaster: Mallory, date: 2024-01-01, probability: 0.5}\n' >"$TMPD/one.yaml"
for h in flip loop grow view index table column; do
  db="$TMPD/h-$h.sqlite"
  sum=$(sha256sum <"$db")
  for cmd in "ledger add h/q --forecaster Mallory --date 2024-01-01 --probability 0.5" \
             "ledger resolve security-guarantees-2022/experts/cold-war-ends yes --date 2024-01-01 --source s --replace" \
             "ledger import $TMPD/one.yaml"; do
    run timeout 60 "$PARLEY" $cmd --db "$db"
    expect_rc 1 "issue 21 item 3: $h: $cmd"
    expect_err "the ledger's schema is not parley's" "issue 21 item 3: $h: $cmd"
  done
  run timeout 60 "$PARLEY" forecast "$F" --record --db "$db"
  expect_rc 1 "issue 21 item 3: $h: forecast --record"
  expect_eq "$(sha256sum <"$db")" "$sum" "issue 21 item 3: $h: the file is unchanged"
  ls "$db"-* >/dev/null 2>&1 && bad "issue 21 item 3: $h: a journal was left behind" || ok
  # read-only inspection still works, and names what differs
  run "$PARLEY" ledger check --db "$db"
  expect_rc 1 "issue 21 item 3: $h: check"
  run "$PARLEY" ledger list --db "$db"
  expect_rc 0 "issue 21 item 3: $h: list"
  expect_err "warning:" "issue 21 item 3: $h: list warns"
  expect_eq "$(sha256sum <"$db")" "$sum" "issue 21 item 3: $h: unchanged after reading"
done
run "$PARLEY" ledger check --db "$TMPD/h-flip.sqlite"
expect_out "trigger 'flip' on 'forecasts' that parley does not make" "issue 21 item 3: check names the trigger"
run "$PARLEY" ledger check --db "$TMPD/h-column.sqlite"
expect_out "table 'forecasts' differs from parley's" "issue 21 item 3: check names the altered table"
run "$PARLEY" ledger check --db "$TMPD/h-index.sqlite"
expect_out "index 'by_note' on 'forecasts' that parley does not make" "issue 21 item 3: check names the index"
run "$PARLEY" ledger check --db "$L"
expect_rc 0 "issue 21 item 3: check of a sound ledger"
# a lock held by another process: an error after the busy timeout, not a hang
python3 - "$L" "$TMPD/locked" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(14)
c.execute("ROLLBACK")
PY
LOCKER=$!
for _ in $(seq 100); do [ -e "$TMPD/locked" ] && break; sleep 0.1; done
start=$(date +%s)
run timeout 60 "$PARLEY" ledger add h/locked --forecaster Ann --date 2024-01-01 --probability 0.5 --db "$L"
expect_rc 1 "issue 21 item 3: a locked ledger"
expect_err "locked by another process" "issue 21 item 3: a locked ledger"
[ $(( $(date +%s) - start )) -le 13 ] && ok || bad "issue 21 item 3: the locked ledger took more than the busy timeout"
wait "$LOCKER"

# ---------------------------------------------------------------------------
# Issue 21 item 5: one text rule on every path in, escaped on the way out. On main
# these notes were stored and printed raw, and a YAML escape bypassed the
# rule ("\0" cut an id short).
N="$TMPD/n.sqlite"
for opt in --note --text --source --quote; do
  run "$PARLEY" ledger add t/q --forecaster Ann --date 2024-01-01 --probability 0.5 "$opt" $'\e[31mred' --db "$N"
  expect_rc 2 "issue 21 item 5: $opt with ESC"
  expect_err "a control character U+001B" "issue 21 item 5: $opt with ESC"
  grep -q $'\e' "$TMPD/err" && bad "issue 21 item 5: $opt: a raw ESC on stderr" || ok
done
run "$PARLEY" ledger add t/q --forecaster $'Ann\xc2\x9b' --date 2024-01-01 --probability 0.5 --db "$N"
expect_rc 2 "issue 21 item 5: a C1 control in a name"
run "$PARLEY" ledger add t/q --forecaster Ann --date 2024-01-01 --probability 0.5 --text $'abc\xe2\x80\xaecba' --db "$N"
expect_rc 2 "issue 21 item 5: an open override"; expect_err "unbalanced bidirectional control U+202E"
run "$PARLEY" ledger resolve t/q yes --date 2024-01-02 --source $'\a' --db "$N"
expect_rc 2 "issue 21 item 5: resolve with BEL"; expect_err "a control character U+0007"
# issue 21 item 8 (ledger): the refused adds above created no ledger
[ -e "$N" ] && bad "issue 21 item 8 (ledger): refused adds left a ledger behind" || ok
printf 'parley: 1\ntitle: "t\\x1b[31m"\nissues:\n  - id: x\n    title: "bell\\a"\nactors:\n  - id: a\n    name: "cut\\0here"\n    capability: 1\n    positions: {x: {position: 5, salience: 50}}\n' >"$TMPD/esc.yaml"
run "$PARLEY" validate "$TMPD/esc.yaml"
expect_rc 2 "issue 21 item 5: YAML escapes"
expect_err "$TMPD/esc.yaml:2:8: error: title holds a control character U+001B" "issue 21 item 5: \\x1b"
expect_err "$TMPD/esc.yaml:5:12: error: issue title holds a control character U+0007" "issue 21 item 5: \\a"
expect_err "$TMPD/esc.yaml:8:11: error: actor name holds a NUL character at byte 3" "issue 21 item 5: \\0"
printf 'parley_ledger: 1\nquestions:\n  - {id: t/y, kind: binary, text: "\\e[2J"}\n' >"$TMPD/esc-ledger.yaml"
run "$PARLEY" ledger import "$TMPD/esc-ledger.yaml" --db "$N"
expect_rc 2 "issue 21 item 5: import of an escape"; expect_err "$TMPD/esc-ledger.yaml:3:35: error: text holds a control character U+001B"
# an old ledger holding raw control characters: listed and exported escaped,
# and the export imports (it did not on main: the import refused "\u001b")
O="$TMPD/old.sqlite"
run "$PARLEY" ledger add old/q --forecaster Ann --date 2024-01-01 --probability 0.5 --db "$O"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE forecasts SET note = char(27) || \"[31mred\" || char(8238) || \" tail\"")
c.commit()' "$O"
run "$PARLEY" ledger list --db "$O"
expect_rc 0 "issue 21 item 5: list an old ledger"
grep -q $'\e' "$TMPD/out" && bad "issue 21 item 5: list printed a raw ESC" || ok
grep -q $'\xe2\x80\xae' "$TMPD/out" && bad "issue 21 item 5: list printed an open override" || ok
expect_err "1 text field of the ledger holds control characters" "issue 21 item 5: list warns"
run "$PARLEY" ledger export --format json --db "$O" -o "$TMPD/old.json"
expect_rc 0 "issue 21 item 5: export an old ledger"
run "$PARLEY" ledger import "$TMPD/old.json" --db "$TMPD/old2.sqlite"
expect_rc 0 "issue 21 item 5: its export imports"
run "$PARLEY" ledger export --format json --db "$TMPD/old2.sqlite" -o "$TMPD/old2.json"
cmp -s "$TMPD/old.json" "$TMPD/old2.json" && ok || bad "issue 21 item 5: export -> import -> export differs"
# the HTML report of a result holding them: escaped there too
python3 - "$TMPD/x.json" "$TMPD/bidi.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["forecasts"][0]["forecaster"] = "Mallory\u202e\u001b[31m"
d["questions"][0]["text"] = "\u2067open isolate"
json.dump(d, open(sys.argv[2], "w"))
PY
run "$PARLEY" report "$TMPD/bidi.json" -o "$TMPD/bidi.html"
expect_rc 0 "issue 21 item 5: report of hostile text"
grep -q $'\xe2\x80\xae\|\xe2\x81\xa7\|\e' "$TMPD/bidi.html" && bad "issue 21 item 5: a raw control in the page" || ok
grep -q 'Mallory\\u202e\\x1b\[31m' "$TMPD/bidi.html" && ok || bad "issue 21 item 5: the escaped name is not on the page"

# ---------------------------------------------------------------------------
# Issue 21 item 8 (ledger): the smaller ledger items.
# --db "" is a usage error (on main: exit 1, "cannot open")
for cmd in "ledger add e/q --forecaster Ann --date 2024-01-01 --probability 0.5" "ledger list" \
           "ledger info" "ledger check" "forecast $F --record"; do
  run "$PARLEY" $cmd --db ""
  expect_rc 2 "issue 21 item 8 (ledger): $cmd --db ''"; expect_err "--db needs a file name" "issue 21 item 8 (ledger): $cmd --db ''"
done
# a WAL ledger in a directory its reader cannot write is still listed (on
# main: "attempt to write a readonly database", exit 1); root writes
# anywhere, so the reader is user nobody
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  chmod 755 "$TMPD"
  mkdir "$TMPD/ro"
  run "$PARLEY" ledger add ro/q --forecaster Ann --date 2024-01-01 --probability 0.5 --db "$TMPD/ro/l.sqlite"
  expect_eq "$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode").fetchone()[0])' "$TMPD/ro/l.sqlite")" wal "issue 21 item 8 (ledger): the ledger is in WAL mode"
  chmod 555 "$TMPD/ro"; chmod 644 "$TMPD/ro/l.sqlite"
  for cmd in list score info check "export --format json"; do
    run setpriv --reuid=65534 --regid=65534 --clear-groups "$PARLEY" ledger $cmd --db "$TMPD/ro/l.sqlite"
    expect_rc 0 "issue 21 item 8 (ledger): ledger $cmd in a read-only directory"
  done
  run setpriv --reuid=65534 --regid=65534 --clear-groups "$PARLEY" ledger list --db "$TMPD/ro/l.sqlite"
  expect_out "ro/q" "issue 21 item 8 (ledger): the read-only listing shows the forecast"
  run setpriv --reuid=65534 --regid=65534 --clear-groups "$PARLEY" ledger add ro/r --forecaster Ann --date 2024-01-01 --probability 0.5 --db "$TMPD/ro/l.sqlite"
  expect_rc 1 "issue 21 item 8 (ledger): add in a read-only directory"
  # a new ledger where the file cannot be made: nothing left behind
  run setpriv --reuid=65534 --regid=65534 --clear-groups "$PARLEY" ledger add ro/r --forecaster Ann --date 2024-01-01 --probability 0.5 --db "$TMPD/ro/new.sqlite"
  expect_rc 1 "issue 21 item 8 (ledger): a ledger that cannot be created"
  chmod 755 "$TMPD/ro"
  expect_eq "$(ls "$TMPD/ro")" "l.sqlite" "issue 21 item 8 (ledger): nothing left by the failed creation"
else
  echo "SKIP: issue 21 item 8 (ledger)'s read-only directory needs root (to run the reader as user nobody) and setpriv"
fi
# a refused import creates no ledger either (on main: an empty ledger was left)
printf 'parley_ledger: 1\nforecasts:\n  - {question: e/q, forecaster: "Ann\\x07", date: 2024-01-01, probability: 0.5}\n' >"$TMPD/bel.yaml"
run "$PARLEY" ledger import "$TMPD/bel.yaml" --db "$TMPD/none.sqlite"
expect_rc 2 "issue 21 item 8 (ledger): a refused import"
ls "$TMPD"/none.sqlite* >/dev/null 2>&1 && bad "issue 21 item 8 (ledger): a refused import left a ledger" || ok
# a tampered ledger (its schema relaxed, then a key twice, a key NULL, a
# forecast of no question, a probability of 7, a question resolved twice):
# read commands refuse it as damaged instead of printing "(null)" and
# counts that do not add up; check lists every problem
python3 - "$TMPD/tampered.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
PRAGMA application_id = 1349676153; PRAGMA user_version = 2;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE questions (id INTEGER PRIMARY KEY, key TEXT, kind TEXT, text TEXT, lo REAL, hi REAL);
CREATE TABLE forecasts (id INTEGER PRIMARY KEY, question_id INTEGER, forecaster TEXT,
  forecaster_kind TEXT, made_on TEXT, probability REAL, value REAL, words TEXT, source TEXT,
  note TEXT, scenario_sha256 TEXT, parley_version TEXT, seed TEXT, draws INTEGER, quote TEXT,
  p_lo REAL, p_hi REAL);
CREATE TABLE resolutions (question_id INTEGER, outcome TEXT, value REAL, resolved_on TEXT,
  source TEXT, note TEXT);
INSERT INTO questions VALUES (1, 'q', 'binary', NULL, NULL, NULL), (2, 'q', 'binary', NULL, NULL, NULL),
  (3, NULL, 'binary', NULL, NULL, NULL);
INSERT INTO forecasts(question_id, forecaster, forecaster_kind, made_on, probability) VALUES
  (1, 'A', 'person', '2024-01-01', 0.5), (9, 'B', 'person', '2024-01-01', 0.5),
  (1, 'C', 'person', '2024-01-01', 7);
INSERT INTO resolutions VALUES (1, 'yes', NULL, '2024-01-02', 's', NULL), (1, 'no', NULL, '2024-01-02', 's', NULL);
""")
c.commit()
PY
for cmd in list info score "export --format json"; do
  run "$PARLEY" ledger $cmd --db "$TMPD/tampered.sqlite"
  expect_rc 1 "issue 21 item 8 (ledger): ledger $cmd of a tampered ledger"
  expect_err "the ledger is damaged: question row 3 has no key" "issue 21 item 8 (ledger): ledger $cmd of a tampered ledger"
  grep -q "(null)" "$TMPD/out" && bad "issue 21 item 8 (ledger): ledger $cmd printed (null)" || ok
done
run "$PARLEY" ledger check --db "$TMPD/tampered.sqlite"
expect_rc 1 "issue 21 item 8 (ledger): check of a tampered ledger"
for what in "question row 3 has no key" "question 'q' appears 2 times" "forecast row 2 belongs to no question" \
            "forecast row 3 on 'q': not a probability from 0 to 1" "question 'q' is resolved 2 times"; do
  expect_out "$what" "issue 21 item 8 (ledger): check lists '$what'"
done

# ---------------------------------------------------------------------------
# Issue 21 item 8 (CSV): no CSV cell starts a formula. On main these cells were written as
# they are (a spreadsheet runs "=HYPERLINK(...)").
sed -e 's/- id: tariffs/- id: -tariffs/' -e 's/tariffs: {position/-tariffs: {position/g' \
    -e 's/name: "broad cut"/name: "=HYPERLINK(\\"http:\/\/x\\",\\"y\\")"/' \
    -e 's/name: "little change"/name: "@SUM(1)"/' -e 's/scale: \[0, 100\]/scale: [-100, 100]/' \
    tests/data/minimal.yaml >"$TMPD/formula.yaml"
run "$PARLEY" forecast "$TMPD/formula.yaml" --format csv
expect_rc 0 "issue 21 item 8 (CSV): forecast csv"
python3 - "$TMPD/out" <<'PY' && ok || bad "issue 21 item 8 (CSV): forecast csv cells"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert rows, "no rows"
for r in rows:
    for k, v in r.items():
        assert not v or v[0] not in "=+@\t\r" or k in ("forecast", "interval_lo", "interval_hi"), (k, v)
        if v.startswith("-"):
            float(v)  # a negative number stays a number
    if r["issue"].lstrip("'") == "-tariffs":
        assert r["issue"] == "'-tariffs", r["issue"]
zones = {r["zone"] for r in rows if r["issue"] == "'-tariffs"}
assert zones <= {"'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1)", ""}, zones
PY
# random texts through the ledger CSV: each cell reads back as the text,
# with one leading quote exactly when it starts with = + - @ or tab and is
# not a number
python3 - "$TMPD/cells.yaml" "$TMPD/cells.json" <<'PY'
import json, random, sys
r = random.Random(4)
alphabet = ["=", "+", "-", "@", "\t", "1", ".", "e", "a", " ", ",", "\"", "'", "\n", "é", "|", "!"]
texts = []
while len(texts) < 300:
    t = "".join(r.choice(alphabet) for _ in range(r.randint(1, 8)))
    if t.strip(" ") and "\n" not in t[:1]:
        texts.append(t)
doc = {"parley_ledger": 1, "forecasts": [
    {"question": "cells/%d" % i, "forecaster": "Ann", "date": "2024-01-01", "probability": 0.5, "note": t}
    for i, t in enumerate(texts)]}
json.dump(doc, open(sys.argv[1], "w"))
json.dump(texts, open(sys.argv[2], "w"))
PY
run "$PARLEY" ledger import "$TMPD/cells.yaml" --db "$TMPD/cells.sqlite"
expect_rc 0 "issue 21 item 8 (CSV): import random texts"
run "$PARLEY" ledger export --format csv --db "$TMPD/cells.sqlite" -o "$TMPD/cells.csv"
expect_rc 0 "issue 21 item 8 (CSV): export csv"
python3 - "$TMPD/cells.csv" "$TMPD/cells.json" <<'PY' && ok || bad "issue 21 item 8 (CSV): ledger csv cells"
import csv, json, re, sys
texts = json.load(open(sys.argv[2]))
rows = {int(r["question"].split("/")[1]): r for r in csv.DictReader(open(sys.argv[1], newline=""))}
number = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
for i, t in enumerate(texts):
    want = "'" + t if t[0] in "=+-@\t" and not number.match(t) else t
    assert rows[i]["note"] == want, (t, rows[i]["note"], want)
PY

finish
