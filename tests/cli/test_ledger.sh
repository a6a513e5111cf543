#!/usr/bin/env bash
# The forecast ledger end to end (docs/ledger.md): every subcommand and its
# errors (exit 2 for usage and input, FILE:LINE:COL for ledger files; exit 1
# for runtime failures), the default location, migrations, the example
# ledger of the five seed reports, and the safety tests: two processes adding
# at once lose nothing; a process killed with SIGKILL in the middle of a
# write leaves a consistent database at a transaction boundary; a damaged
# file, another program's database, a file that is not SQLite and a newer
# schema are refused (exit 1) and left byte for byte unchanged.
. "$(dirname "$0")/lib.sh"
P=$PARLEY
DB=$TMPD/l.sqlite
# Keep the user's own ledger out of reach: the default location is under $TMPD.
export XDG_DATA_HOME=$TMPD/xdg HOME=$TMPD/home
unset PARLEY_DATE

sha() { sha256sum "$1" | cut -d' ' -f1; }
count() { "$P" ledger info --db "$1" | awk '/^forecasts:/ {print $2}'; }

# ---- usage ----
run "$P" ledger;                 expect_rc 2 "ledger alone"; expect_out "Subcommands:" "ledger alone"
run "$P" ledger --help;          expect_rc 0 "ledger --help"; expect_out "Exit status" "ledger --help"
run "$P" help ledger;            expect_rc 0 "help ledger"; expect_out "resolve" "help ledger"
run "$P" help;                   expect_out "ledger" "help lists ledger"
for sub in add resolve list score export import words info; do
  run "$P" ledger "$sub" --help; expect_rc 0 "$sub --help"; expect_out "Usage: parley ledger $sub" "$sub --help"
done
run "$P" ledger help score;      expect_rc 0 "ledger help score"; expect_out "--log-clip" "ledger help score"
run "$P" ledger frobnicate;      expect_rc 2 "unknown subcommand"; expect_err "unknown subcommand 'frobnicate'" "unknown subcommand"
run "$P" ledger --frob;          expect_rc 2 "unknown option"

# ---- add ----
run "$P" ledger add t/deal --forecaster Ann --date 2022-01-10 --words "The odds are high" --db "$DB"
expect_rc 0 "add words"; expect_out '0.8 ("odds are high", 0.7-0.9) (new question)' "add words"
run "$P" ledger add t/deal --forecaster Bob --date 2022-01-11 --probability 15% --source "a report" --db "$DB"
expect_rc 0 "add percent"; expect_out "t/deal, Bob, 2022-01-11: 0.15" "add percent"
run "$P" ledger add t/level --forecaster mean --kind model --date 2022-01-18 --value 61.25 --scale 0,100 \
  --text "Where it lands" --db "$DB"
expect_rc 0 "add value"; expect_out "value 61.25 (new question)" "add value"
run "$P" ledger add t/later --forecaster Ann --date 2022-01-10 --probability 0.4 --quote "maybe" --note n --db "$DB"
expect_rc 0 "add open"
expect_eq "$(count "$DB")" 4 "four forecasts"

run "$P" ledger add t/deal --forecaster Cy --date 2022-01-10 --words "fairly probable" --db "$DB"
expect_rc 2 "unknown words"; expect_err "unknown words of estimative probability 'fairly probable'" "unknown words"
expect_err '"doomed in principle"' "unknown words lists the known"; expect_err '"odds are high"' "known words"
run "$P" ledger add --forecaster Cy --date 2022-01-10 --probability 0.5 --db "$DB";       expect_rc 2 "no question"
run "$P" ledger add q --date 2022-01-10 --probability 0.5 --db "$DB";                     expect_rc 2 "no forecaster"
run "$P" ledger add q --forecaster Cy --probability 0.5 --db "$DB";                       expect_rc 2 "no date"
run "$P" ledger add q --forecaster Cy --date 2022-02-30 --probability 0.5 --db "$DB"
expect_rc 2 "bad date"; expect_err "bad --date '2022-02-30'" "bad date"
run "$P" ledger add q --forecaster Cy --date 2022-01-10 --probability 0.5 --words likely --db "$DB"
expect_rc 2 "two numbers"; expect_err "exactly one of" "two numbers"
run "$P" ledger add q --forecaster Cy --date 2022-01-10 --db "$DB";                       expect_rc 2 "no number"
run "$P" ledger add q --forecaster Cy --date 2022-01-10 --probability 1.5 --db "$DB";     expect_rc 2 "p > 1"
run "$P" ledger add q --forecaster Cy --date 2022-01-10 --value x --db "$DB";             expect_rc 2 "bad value"
run "$P" ledger add q --forecaster Cy --date 2022-01-10 --probability 0.5 --kind robot --db "$DB"; expect_rc 2 "bad kind"
run "$P" ledger add q --forecaster Cy --date 2022-01-10 --probability 0.5 --scale 0,1 --db "$DB"; expect_rc 2 "scale on binary"
run "$P" ledger add q --forcaster Cy --db "$DB"
expect_rc 2 "misspelt option"; expect_err "did you mean '--forecaster'?" "misspelt option"
run "$P" ledger add t/deal --forecaster Cy --date 2022-01-10 --value 3 --db "$DB"
expect_rc 2 "value on a yes/no question"; expect_err "is a yes/no question" "value on a yes/no question"
run "$P" ledger add t/level --forecaster Cy --date 2022-01-10 --probability 0.3 --db "$DB"
expect_rc 2 "probability on a value question"; expect_err "is a value question" "probability on a value question"
expect_eq "$(count "$DB")" 4 "errors add nothing"

# ---- resolve ----
run "$P" ledger resolve t/deal no --date 2022-02-24 --source "no deal" --db "$DB"
expect_rc 0 resolve; expect_out "t/deal: resolved: no on 2022-02-24" resolve
run "$P" ledger resolve t/deal no --date 2022-02-24 --source "no deal" --db "$DB"
expect_rc 0 "resolve again"; expect_out "already resolved" "resolve again"
run "$P" ledger resolve t/deal yes --date 2022-02-25 --source "oops" --db "$DB"
expect_rc 2 "resolve conflict"; expect_err "was resolved as no on 2022-02-24" "resolve conflict"
run "$P" ledger resolve t/deal yes --date 2022-02-25 --source "oops" --replace --db "$DB";  expect_rc 0 "replace"
run "$P" ledger resolve t/deal no --date 2022-02-24 --source "no deal" --replace --db "$DB"; expect_rc 0 "replace back"
run "$P" ledger resolve t/level 20 --date 2022-02-24 --source "status quo" --db "$DB";     expect_rc 0 "resolve value"
run "$P" ledger resolve t/level yes --date 2022-02-24 --source x --replace --db "$DB"
expect_rc 2 "yes on a value question"; expect_err "is a value question" "yes on a value question"
run "$P" ledger resolve nope yes --date 2022-02-24 --source x --db "$DB"
expect_rc 2 "unknown question"; expect_err "no question 'nope'" "unknown question"
run "$P" ledger resolve t/later unresolvable --date 2022-02-24 --source x --db "$DB"
expect_rc 2 "unresolvable without a note"; expect_err "--note" "unresolvable without a note"
run "$P" ledger resolve t/later maybe --date 2022-02-24 --source x --db "$DB";  expect_rc 2 "bad outcome"
run "$P" ledger resolve t/later yes --source x --db "$DB";                      expect_rc 2 "resolve without a date"
run "$P" ledger resolve t/later yes --date 2022-02-24 --db "$DB";               expect_rc 2 "resolve without a source"
run "$P" ledger resolve t/later --date 2022-02-24 --source x --db "$DB";        expect_rc 2 "resolve without an outcome"
run "$P" ledger resolve t/later yes --date 2022-02-24 --source x --db "$TMPD/none.sqlite"
expect_rc 1 "resolve without a ledger"; expect_err "no ledger there" "resolve without a ledger"
[ ! -e "$TMPD/none.sqlite" ] && ok || bad "resolve created a ledger"

# ---- list ----
run "$P" ledger list --db "$DB"
expect_rc 0 list; expect_out "3 questions, 4 forecasts; 2 resolved, 0 unresolvable, 1 open" list
expect_out '2022-01-10  Ann' list; expect_out '"odds are high" (0.7-0.9)' list
expect_out "resolved no on 2022-02-24: no deal" list; expect_out 't/level  (value on 0 to 100)' list
run "$P" ledger list --question 't/l*' --db "$DB"
expect_rc 0 "list --question"; expect_out "2 questions, 2 forecasts" "list --question"
run "$P" ledger list --forecaster Bob --db "$DB"
expect_rc 0 "list --forecaster"; expect_out "1 question, 1 forecast;" "list --forecaster"
run "$P" ledger list --format json --db "$DB"
expect_rc 0 "list json"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["parley_ledger"] == 1 and len(d["questions"]) == 3 and len(d["forecasts"]) == 4
f = d["forecasts"][0]
assert f["question"] == "t/deal" and f["words"] == "odds are high" and f["probability"] == 0.8 and f["range"] == [0.7, 0.9]
assert d["questions"][2]["resolution"]["outcome"] == 20 and d["questions"][2]["scale"] == [0, 100]
' "$TMPD/out" && ok || bad "list json content"
run "$P" ledger list --format csv --db "$DB"
expect_rc 0 "list csv"
expect_eq "$(head -1 "$TMPD/out" | cut -d, -f1-4)" "question,question_kind,question_text,scale_lo" "csv header"
expect_eq "$(wc -l < "$TMPD/out")" 5 "csv rows"
run "$P" ledger list --format xml --db "$DB";           expect_rc 2 "list bad format"
run "$P" ledger list extra --db "$DB";                  expect_rc 2 "list extra argument"
run "$P" ledger list --db "$TMPD/none.sqlite";          expect_rc 1 "list without a ledger"
[ ! -e "$TMPD/none.sqlite" ] && ok || bad "list created a ledger"

# ---- score ----
# Hand computation: t/deal did not happen. Ann 0.8 -> Brier 0.64, log -log2(0.2) = 2.3219;
# Bob 0.15 -> 0.0225, log -log2(0.85); people together (0.64 + 0.0225) / 2 = 0.33125.
# The model's value 61.25 against 20 on [0, 100]: error 41.25, 41.25 % of the scale.
run "$P" ledger score --db "$DB"
expect_rc 0 score; expect_out "Murphy's reliability - resolution + uncertainty = Brier" score
expect_out "Calibration (10 bins)" score; expect_out "1 open, 0 unresolvable" score
run "$P" ledger score --format json --db "$DB"
expect_rc 0 "score json"
python3 -c '
import json, sys, math
d = json.load(open(sys.argv[1]))
rows = {r["group"]: r for r in d["rows"]}
assert d["log_base"] == 2 and d["log_clip"] == 0.01 and d["by"] == "forecaster"
assert abs(rows["Ann"]["binary"]["brier"] - 0.64) < 1e-12
assert abs(rows["Ann"]["binary"]["log_score"] + math.log2(0.2)) < 1e-12
assert abs(rows["Ann"]["binary"]["brier_best"] - 0.49) < 1e-12 and abs(rows["Ann"]["binary"]["brier_worst"] - 0.81) < 1e-12
assert rows["Ann"]["open"] == 1
assert abs(rows["Bob"]["binary"]["brier"] - 0.0225) < 1e-12
assert rows["mean"]["kind"] == "model" and rows["mean"]["value"]["mae"] == 41.25 and rows["mean"]["value"]["mae_percent"] == 41.25
assert rows["mean"]["value"]["same_scale"] is True
for r in d["rows"]:
    b = r["binary"]
    if b["n"]:
        assert abs(b["reliability"] - b["resolution"] + b["uncertainty"] - b["brier"]) < 1e-12
' "$TMPD/out" && ok || bad "score json values"
run "$P" ledger score --by model --format csv --db "$DB"
expect_rc 0 "score by model"; expect_out "people,person,3,1,0,2,0.3312500000000000" "score by model"
run "$P" ledger score --bins 4 --log-clip 0.001 --question 't/d*' --forecaster Ann -o "$TMPD/score.txt" --db "$DB"
expect_rc 0 "score -o"; expect_no_out "score -o"
grep -qF "[0.75, 1.00]    1" "$TMPD/score.txt" && ok || bad "score -o content (4 bins)"
# Value questions on different scales (enrichment in percent on 0-20,
# centrifuges on 0-20,000, years on 0-10): errors are averaged in percent of
# each scale, never in raw units. By hand: Ann |5 - 3.67| / 20 = 6.65 %,
# |6000 - 5060| / 20000 = 4.7 %, |8 - 10| / 10 = 20 %: mean 10.45 %; her raw
# errors (1.33, 940, 2) would average 314.44, which means nothing: no MAE in
# units. Bob forecasts only on the 0-20 scale twice over two questions of the
# same scale: |2 - 3.67| = 1.67 and |4 - 3.5| = 0.5, MAE 1.085 in percent
# points of enrichment, 5.425 % of the scale.
cat > "$TMPD/scales.yaml" <<'EOF2'
parley_ledger: 1
questions:
  - {id: u/enrichment, text: "Enrichment level", kind: value, scale: [0, 20], resolution: {outcome: 3.67, date: 2015-07-14, source: "JCPOA"}}
  - {id: u/enrichment-later, text: "Enrichment level later", kind: value, scale: [0, 20], resolution: {outcome: 3.5, date: 2016-07-14, source: "IAEA"}}
  - {id: u/centrifuges, text: "Centrifuges", kind: value, scale: [0, 20000], resolution: {outcome: 5060, date: 2015-07-14, source: "JCPOA"}}
  - {id: u/embargo, text: "Years of arms embargo", kind: value, scale: [0, 10], resolution: {outcome: 10, date: 2015-07-14, source: "UNSCR 2231"}}
forecasts:
  - {question: u/enrichment, forecaster: Ann, date: 2015-03-01, value: 5}
  - {question: u/centrifuges, forecaster: Ann, date: 2015-03-01, value: 6000}
  - {question: u/embargo, forecaster: Ann, date: 2015-03-01, value: 8}
  - {question: u/enrichment, forecaster: Bob, date: 2015-03-01, value: 2}
  - {question: u/enrichment-later, forecaster: Bob, date: 2015-03-01, value: 4}
EOF2
run "$P" ledger import "$TMPD/scales.yaml" --db "$TMPD/scales.sqlite"
expect_rc 0 "import value questions on several scales"
run "$P" ledger score --format json --db "$TMPD/scales.sqlite"
expect_rc 0 "score several scales"
python3 -c '
import json, sys
rows = {r["group"]: r["value"] for r in json.load(open(sys.argv[1]))["rows"]}
a, b = rows["Ann"], rows["Bob"]
assert a["n"] == 3 and a["same_scale"] is False and a["mae"] is None, a
assert abs(a["mae_percent"] - (100 * 1.33 / 20 + 100 * 940 / 20000 + 100 * 2 / 10) / 3) < 1e-9, a
assert b["n"] == 2 and b["same_scale"] is True and abs(b["mae"] - (1.67 + 0.5) / 2) < 1e-12, b
assert abs(b["mae_percent"] - 100 * (1.67 + 0.5) / 2 / 20) < 1e-9, b
' "$TMPD/out" && ok || bad "score: errors in percent of each scale"
run "$P" ledger score --db "$TMPD/scales.sqlite"
expect_rc 0 "score text several scales"
expect_out "MAE % of scale  MAE in units" "score text header"
grep -E "^Ann +person +3 +10\.45  mixed scales$" "$TMPD/out" >/dev/null && ok || bad "score text: Ann mixed scales ($(grep Ann "$TMPD/out"))"
# (5.425 in doubles is 5.42499..., printed 5.42)
grep -E "^Bob +person +2 +5\.42 +1\.085$" "$TMPD/out" >/dev/null && ok || bad "score text: Bob ($(grep Bob "$TMPD/out"))"
run "$P" ledger score --format csv --db "$TMPD/scales.sqlite"
python3 -c '
import csv, sys
rows = {r["group"]: r for r in csv.DictReader(open(sys.argv[1]))}
assert rows["Ann"]["same_scale"] == "false" and rows["Ann"]["mae"] == "" and abs(float(rows["Ann"]["mae_percent"]) - 10.45) < 1e-9
assert rows["Bob"]["same_scale"] == "true" and abs(float(rows["Bob"]["mae"]) - 1.085) < 1e-12
' "$TMPD/out" && ok || bad "score csv: no MAE in units across scales"
run "$P" ledger score --bins 0 --db "$DB";       expect_rc 2 "bins 0"
run "$P" ledger score --log-clip 0.5 --db "$DB"; expect_rc 2 "log-clip 0.5"
run "$P" ledger score --by team --db "$DB";      expect_rc 2 "bad --by"

# ---- export and import ----
run "$P" ledger export --db "$DB";                 expect_rc 2 "export without format"; expect_err "--format csv or --format json" "export without format"
run "$P" ledger export --format text --db "$DB";   expect_rc 2 "export text"
run "$P" ledger export --format json -o "$TMPD/e1.json" --db "$DB"
expect_rc 0 "export json"; expect_no_out "export json -o"
ls "$TMPD"/e1.json.tmp.* >/dev/null 2>&1 && bad "export left a temporary file" || ok
run "$P" ledger import "$TMPD/e1.json" --db "$TMPD/l2.sqlite"
expect_rc 0 "import export"; expect_out "imported 4 forecasts (0 already there), 3 new questions, 2 resolutions" "import export"
run "$P" ledger export --format json -o "$TMPD/e2.json" --db "$TMPD/l2.sqlite"
cmp -s "$TMPD/e1.json" "$TMPD/e2.json" && ok || bad "export, import, export gives the same bytes"
run "$P" ledger export --format csv --db "$DB"
expect_rc 0 "export csv"; expect_out "t/deal,binary,,,,no,,2022-02-24,no deal,,Ann,person,2022-01-10,0.8,,odds are high,0.7,0.9" "export csv row"
run "$P" ledger export --format json -o "$TMPD/no/such/dir/x.json" --db "$DB"
expect_rc 1 "export to a missing directory"

S=tests/data/ledger/small.yaml
run "$P" ledger import "$S" --dry-run --db "$TMPD/s.sqlite"
expect_rc 0 "dry run"; expect_out "4 questions, 6 forecasts, 3 resolutions; no errors" "dry run"
[ ! -e "$TMPD/s.sqlite" ] && ok || bad "dry run created a ledger"
run "$P" ledger import "$S" --db "$TMPD/s.sqlite"
expect_rc 0 import; expect_out "imported 6 forecasts (0 already there), 4 new questions, 3 resolutions (0 already there)" import
run "$P" ledger import "$S" --db "$TMPD/s.sqlite"
expect_rc 0 "import twice"; expect_out "imported 0 forecasts (6 already there), 0 new questions, 0 resolutions (3 already there)" "import twice"
run "$P" ledger info --db "$TMPD/s.sqlite"
expect_out "questions: 4" info; expect_out "resolved: 2" info; expect_out "unresolvable: 1" info; expect_out "open: 1" info
expect_out "schema: 2" info

E=tests/data/ledger/errors.yaml
run "$P" ledger import "$E" --db "$TMPD/e.sqlite"
expect_rc 2 "import errors"
odd=$(grep -cvE '^[^:]+:[0-9]+:[0-9]+: error: [^ ].*' "$TMPD/err")
[ "$odd" -eq 0 ] && ok || bad "import errors: every line FILE:LINE:COL: error: (stderr: $(head -c 400 "$TMPD/err"))"
expect_eq "$(grep -c ': error: ' "$TMPD/err")" 8 "import errors: all eight"
expect_err "$E:5:12: error: scale: the ends are the wrong way round" "error position (scale)"
expect_err "$E:6:27: error: unknown outcome 'maybe'" "error position (outcome)"
expect_err "$E:11:12: error: unknown words of estimative probability 'fairly probable'" "error position (words)"
expect_err "$E:14:11: error: date: bad date '17 January'" "error position (date)"
expect_err "$E:16:5: error: unknown key 'colour'" "error position (key)"
[ ! -e "$TMPD/e.sqlite" ] && ok || bad "a bad file created a ledger"

# missing and bad ids and names, unknown kinds: each at its line and column,
# with what was expected (positions counted by hand in the file)
N=tests/data/ledger/names.yaml
run "$P" ledger import "$N" --db "$TMPD/n.sqlite"
expect_rc 2 "import names"
expect_err "$N:3:5: error: a question needs an id (id: ...)" "question without id"
expect_err "$N:3:11: error: unknown kind 'maybe' (binary or value)" "unknown question kind"
expect_err "$N:5:9: error: id holds a control character U+0001 at byte 3" "control character in an id"
expect_err "$N:11:5: error: a forecast needs a question (question: ID)" "forecast without question"
expect_err "$N:12:5: error: a forecast needs a forecaster (forecaster: NAME)" "forecast without forecaster"
expect_err "$N:12:55: error: unknown kind of forecaster 'robot' (person or model)" "unknown forecaster kind"
expect_err "$N:13:16: error: bad question id (1 to 500 printable characters)" "empty question id"
expect_err "$N:13:32: error: bad forecaster name (1 to 500 printable characters)" "empty forecaster"
expect_eq "$(grep -c ': error: ' "$TMPD/err")" 8 "import names: all eight"
run "$P" ledger import "$TMPD/missing.yaml" --db "$TMPD/e.sqlite"
expect_rc 2 "import missing file"; expect_err "missing.yaml: error: cannot open" "import missing file"
run "$P" ledger import --db "$TMPD/e.sqlite";   expect_rc 2 "import without a file"
# a conflict with the ledger: the whole file is refused
cat > "$TMPD/conflict.yaml" <<'EOF'
parley_ledger: 1
questions:
  - {id: t/new, text: "new"}
  - id: t/deal
    resolution: {outcome: yes, date: 2022-03-01, source: "another view"}
forecasts:
  - {question: t/new, forecaster: Dee, date: 2022-01-12, probability: 0.5}
EOF
run "$P" ledger import "$TMPD/conflict.yaml" --db "$DB"
expect_rc 2 "import conflict"; expect_err "conflict.yaml:5:17: error: question 't/deal' was resolved as no" "import conflict"
expect_err "nothing was imported" "import conflict"
expect_eq "$(count "$DB")" 4 "a refused import adds nothing"

# ---- words and info ----
run "$P" ledger words
expect_rc 0 words; expect_out "Kent 1964" words; expect_out "ICD 203" words; expect_out "doomed in principle" words
run "$P" ledger words --format json
python3 -c '
import json, sys
w = {e["words"]: e for e in json.load(open(sys.argv[1]))}
assert w["almost certain"]["p"] == 0.93 and w["almost certain"]["range"] == [0.87, 0.99]
assert w["very hard"]["source"] == "parley" and len(w) >= 30
' "$TMPD/out" && ok || bad "words json"
run "$P" ledger words --format csv; expect_out "words,p,lo,hi,source,basis" "words csv"
run "$P" ledger words --format yaml; expect_rc 2 "words bad format"
run "$P" ledger info --db "$DB"; expect_rc 0 info; expect_out "ledger: $DB" info

# ---- the default location ----
run "$P" ledger add d/q --forecaster Ann --date 2022-01-10 --probability 0.5
expect_rc 0 "default ledger (XDG)"
[ -f "$XDG_DATA_HOME/parley/ledger.sqlite" ] && ok || bad "no ledger under \$XDG_DATA_HOME/parley"
run "$P" ledger info; expect_out "ledger: $XDG_DATA_HOME/parley/ledger.sqlite" "info (XDG)"
(unset XDG_DATA_HOME; "$P" ledger add d/q --forecaster Ann --date 2022-01-10 --probability 0.5 >/dev/null 2>&1)
[ -f "$HOME/.local/share/parley/ledger.sqlite" ] && ok || bad "no ledger under ~/.local/share/parley"

# ---- migration from schema version 1 ----
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.close()
' "$TMPD/v1.sqlite" tests/data/ledger/schema-v1.sql
run "$P" ledger list --db "$TMPD/v1.sqlite"
expect_rc 0 "migrate v1"; expect_out "2 questions, 3 forecasts; 1 resolved" "migrate v1"; expect_out '"unlikely"' "migrate v1"
expect_eq "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$TMPD/v1.sqlite")" 2 "migrated to version 2"

# ---- safety: two processes adding at once lose nothing ----
C=$TMPD/concurrent.sqlite
for w in a b; do
  ( for i in $(seq 1 50); do
      "$P" ledger add "c/$w-$i" --forecaster "$w" --date 2022-01-01 --probability 0.5 --db "$C" >/dev/null \
        || echo "add $w $i failed" >>"$TMPD/concurrent.err"
    done ) &
done
wait
[ ! -s "$TMPD/concurrent.err" ] && ok || bad "concurrent adds failed: $(head -3 "$TMPD/concurrent.err")"
expect_eq "$(count "$C")" 100 "two writers at once: 100 forecasts"

# ---- safety: SIGKILL in the middle of a write ----
# A 40000-forecast import is one transaction; it spills pages to the WAL
# before it commits, so a growing WAL means the write is under way: kill it
# then. The ledger must open, pass SQLite's integrity check, and hold either
# the forecasts from before (1) or all of them (40001): a transaction boundary.
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("parley_ledger: 1\nforecasts:\n")
    for i in range(40000):
        f.write("  - {question: big/q%d, forecaster: f%d, date: 2022-01-01, probability: 0.%d5, note: \"%s\"}\n"
                % (i % 400, i, i % 10, "padding " * 16))
' "$TMPD/big.yaml"
K=$TMPD/killed.sqlite
killed_mid=0
for attempt in 1 2 3; do
  rm -f "$K" "$K-wal" "$K-shm"
  "$P" ledger add k/first --forecaster Ann --date 2022-01-01 --probability 0.5 --db "$K" >/dev/null
  "$P" ledger import "$TMPD/big.yaml" --db "$K" >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    s=$(stat -c %s "$K-wal" 2>/dev/null || echo 0)
    [ "$s" -gt 1000000 ] && break
    sleep 0.005
  done
  if kill -9 "$pid" 2>/dev/null; then killed_mid=1; fi
  wait "$pid" 2>/dev/null
  n=$(count "$K")
  { [ "$n" = 1 ] || [ "$n" = 40001 ]; } && ok || bad "after SIGKILL: $n forecasts, not 1 or 40001"
  run "$P" ledger list --db "$K"; expect_rc 0 "list after SIGKILL"
  python3 -c 'import sqlite3,sys; r = sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0]; sys.exit(r != "ok")' "$K" \
    && ok || bad "integrity check after SIGKILL"
  [ "$killed_mid" = 1 ] && break
done
[ "$killed_mid" = 1 ] && ok || bad "the import always finished before it could be killed"
# and the ledger still takes writes
run "$P" ledger add k/after --forecaster Ann --date 2022-01-01 --probability 0.5 --db "$K"; expect_rc 0 "add after SIGKILL"

# ---- safety: files that are not (usable) parley ledgers ----
refused() { # LABEL FILE WORDS: list and add exit 1 with WORDS on stderr; the file keeps its bytes
  local label=$1 f=$2 words=$3 before
  before=$(sha "$f")
  run "$P" ledger list --db "$f";  expect_rc 1 "$label: list"; expect_err "$words" "$label: list"
  run "$P" ledger add x --forecaster a --date 2022-01-01 --probability 0.5 --db "$f"
  expect_rc 1 "$label: add"; expect_err "left unchanged" "$label: add"
  run "$P" ledger import "$S" --db "$f"; expect_rc 1 "$label: import"
  expect_eq "$(sha "$f")" "$before" "$label: file unchanged"
}
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE notes(x)"); c.execute("INSERT INTO notes VALUES (1)"); c.commit(); c.close()
' "$TMPD/other.sqlite"
refused "another program's database" "$TMPD/other.sqlite" "not a parley ledger: an SQLite database of another program"
head -c 8192 /dev/urandom > "$TMPD/random.bin"
refused "random bytes" "$TMPD/random.bin" "not an SQLite database"
cp "$TMPD/s.sqlite" "$TMPD/damaged.sqlite"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ps = c.execute("PRAGMA page_size").fetchone()[0]
root = c.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", ("forecasts",)).fetchone()[0]
c.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((root - 1) * ps); f.write(b"\xff" * 64)
' "$TMPD/damaged.sqlite"
refused "a damaged ledger" "$TMPD/damaged.sqlite" "the ledger is damaged"
cp "$TMPD/s.sqlite" "$TMPD/truncated.sqlite"
truncate -s 9000 "$TMPD/truncated.sqlite"
refused "a truncated ledger" "$TMPD/truncated.sqlite" "the ledger is damaged"
cp "$TMPD/s.sqlite" "$TMPD/newer.sqlite"
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 99"); c.commit(); c.close()' "$TMPD/newer.sqlite"
refused "a newer schema" "$TMPD/newer.sqlite" "newer than this parley's"

# ---- the example ledger of the five reports ----
X=examples/security-guarantees-2022-experts.yaml
run "$P" ledger import "$X" --db "$TMPD/x.sqlite"
expect_rc 0 "example import"; expect_out "imported 24 forecasts (0 already there), 46 new questions, 46 resolutions" "example import"
run "$P" ledger export --format json --db "$TMPD/x.sqlite"
cp "$TMPD/out" "$TMPD/x.json"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
people = [f for f in d["forecasts"] if f["kind"] == "person"]
assert len(people) == 24
for f in people:
    assert f["words"] and f["quote"] and f["date"] and "../shared/seeds/" in f["source"], f
for q in d["questions"]:
    r = q["resolution"]
    assert r is not None, q["id"]
    if r["outcome"] == "unresolvable":
        assert r["note"], q["id"]
' "$TMPD/x.json" && ok || bad "example: every forecast has words, a quote and its seed; every question is resolved or says why not"
if need_shared seeds; then
  python3 -c '
import json, sys, os
d = json.load(open(sys.argv[1]))
for f in d["forecasts"]:
    path = f["source"].split("; ")[-1]
    text = open(path, encoding="utf-8").read()
    assert f["quote"] in text, (f["quote"], path)
' "$TMPD/x.json" && ok || bad "example: every quote is verbatim in its seed report"
fi
# The experts' scores quoted in docs/ledger.md.
run "$P" ledger score --by model --format csv --db "$TMPD/x.sqlite"
expect_out "people,person,24,0,1,23,0.058611956521739124,0.3272618287942047," "example: the experts' scores"

# ---- recording model forecasts: parley forecast --record ----
R=$TMPD/rec.sqlite
run env PARLEY_DATE=2022-01-18 "$P" forecast tests/data/minimal.yaml --record --db "$R"
expect_rc 0 "forecast --record"
run "$P" ledger list --question 'minimal/tariffs/*' --db "$R"
expect_rc 0 "recorded"; expect_out "minimal/tariffs/zone/broad-cut" "recorded zone question"; expect_out "2022-01-18  mean [model]" "recorded date"
run env PARLEY_DATE=18.1.2022 "$P" forecast tests/data/minimal.yaml --record --db "$R"
expect_rc 2 "bad PARLEY_DATE"; expect_err "PARLEY_DATE" "bad PARLEY_DATE"
run "$P" forecast tests/data/minimal.yaml --db "$R"
expect_rc 2 "--db without --record"
# with draws, zone questions carry the Monte Carlo shares
run env PARLEY_DATE=2022-01-19 "$P" forecast tests/data/minimal.yaml --draws 500 --quiet --record --db "$R"
expect_rc 0 "forecast --draws --record"

finish
