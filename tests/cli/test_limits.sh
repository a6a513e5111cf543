#!/usr/bin/env bash
# test_limits.sh - every reader ends oversized or pathological input with a
# clear error (exit 2, FILE:LINE:COL: error: ..., or FILE: error: ... for a
# file too large) in bounded time and memory, never by exhausting them: file
# size (64 MiB; also endless input such as /dev/zero or a pipe) and line
# length (4 MiB) for scenarios (YAML and CSV actor tables), backtest tables
# (DEU layout, long layout, Council weights), ledger files and JSON results
# (`parley report`; size only, JSON may be one line); actors (100000),
# issues (10000), nesting depth (libfyaml's 64), 100000 keys in a mapping;
# the HTML report of a result with 10000 actors (valid, and with a bad
# field in every actor).
# Each command runs under `timeout` and a 1 GiB address-space limit.
. "$(dirname "$0")/lib.sh"

# bounded: a run that takes longer than 60 s or more than 1 GiB fails the check
# A 1 GiB address-space cap proves the limits hold memory down; a binary built
# with AddressSanitizer reserves terabytes of shadow space, so it runs with
# the time cap only (the memory bound is checked by the normal build).
if nm -C "$PARLEY" 2>/dev/null | grep -q __asan_init; then
  bounded() { timeout 60 "$@"; }
else
  bounded() { ( ulimit -v 1048576; timeout 60 "$@" ); }
fi
brun() { run bounded "$@"; [ "$RC" -ne 124 ] && ok || bad "$*: took longer than 60 s"; }

# file size: one byte over 64 MiB, in every reader (hard links of one file)
head -c 67108865 /dev/zero | tr '\0' '#' > "$TMPD/huge.yaml"
brun "$PARLEY" validate "$TMPD/huge.yaml"
expect_rc 2 "file size"
expect_err "the file is too large: 67108865 bytes (at most 67108864)" "file size"
for f in huge.csv huge-deu.csv huge-outcomes.csv huge-ledger.yaml huge.json; do
  ln "$TMPD/huge.yaml" "$TMPD/$f"
done
too_large() { expect_rc 2 "file size ($2)"; expect_err "$1: error: the file is too large: 67108865 bytes (at most 67108864)" "file size ($2)"; }
brun "$PARLEY" validate "$TMPD/huge.csv"
too_large "$TMPD/huge.csv" "actor table"
brun "$PARLEY" backtest "$TMPD/huge-deu.csv"
too_large "$TMPD/huge-deu.csv" "DEU layout"
brun "$PARLEY" backtest tests/data/backtest/small-positions.csv --outcomes "$TMPD/huge-outcomes.csv"
too_large "$TMPD/huge-outcomes.csv" "outcomes table"
brun "$PARLEY" ledger import --db "$TMPD/l.sqlite" "$TMPD/huge-ledger.yaml"
too_large "$TMPD/huge-ledger.yaml" "ledger file"
brun "$PARLEY" report "$TMPD/huge.json" -o "$TMPD/huge.html"
too_large "$TMPD/huge.json" "JSON result"
[ ! -e "$TMPD/huge.html" ] && ok || bad "file size (JSON result): a report was written"
rm -f "$TMPD"/huge*

# endless input: reading stops one byte past the limit
endless() { expect_rc 2 "endless input ($2)"; expect_err "$1: error: the file is too large: more than 67108864 bytes (at most 67108864)" "endless input ($2)"; }
brun "$PARLEY" validate /dev/zero
endless /dev/zero scenario
brun "$PARLEY" backtest /dev/zero
endless /dev/zero backtest
brun "$PARLEY" ledger import --db "$TMPD/l.sqlite" /dev/zero
endless /dev/zero "ledger file"
brun "$PARLEY" report /dev/zero -o "$TMPD/z.html"
endless /dev/zero "JSON result"
brun bash -c 'cat /dev/zero | "$1" report - -o "$2"' sh "$PARLEY" "$TMPD/z.html"
endless /dev/stdin "JSON result from a pipe"
[ ! -e "$TMPD/z.html" ] && ok || bad "endless input (JSON result): a report was written"

# line length in the backtest tables and ledger files: a 4 MiB + 1 line
# (JSON results have no line limit: one line is valid JSON)
too_long() { expect_rc 2 "line length ($3)"; expect_err_re "$1:$2:1: error: line $2 is too long: [0-9]+ bytes \(at most 4194304\)" "line length ($3)"; }
python3 -c "import sys; sys.stdout.write('prnrnmc,isnrnmc,rp,out\n1,\"' + 'x' * 4194400 + '\",1,2\n')" > "$TMPD/long-deu.csv"
brun "$PARLEY" backtest "$TMPD/long-deu.csv"
too_long "$TMPD/long-deu.csv" 2 "DEU layout"
python3 -c "import sys; sys.stdout.write('issue,outcome,reference_point\n\"' + 'i' * 4194400 + '\",1,2\n')" > "$TMPD/long-outcomes.csv"
brun "$PARLEY" backtest tests/data/backtest/small-positions.csv --outcomes "$TMPD/long-outcomes.csv"
too_long "$TMPD/long-outcomes.csv" 2 "outcomes table"
mkdir "$TMPD/w"
for f in council-weights-eu15.csv council-weights-eu27.csv; do
  { head -n 1 "tests/data/backtest/$f"; printf '%s\n' "$(head -c 4194400 /dev/zero | tr '\0' 'x')"; } > "$TMPD/w/$f"
done
brun "$PARLEY" backtest tests/data/backtest/small-deu.csv --weights-dir "$TMPD/w"
too_long "$TMPD/w/council-weights-eu[0-9]+.csv" 2 "Council table"
python3 -c "import sys; sys.stdout.write('parley_ledger: 1\nquestions:\n  - id: q\n    text: \"' + 'x' * 4194400 + '\"\n')" > "$TMPD/long-ledger.yaml"
brun "$PARLEY" ledger import --db "$TMPD/l.sqlite" "$TMPD/long-ledger.yaml"
too_long "$TMPD/long-ledger.yaml" 4 "ledger file"
rm -rf "$TMPD"/long* "$TMPD/w"

# line length: a 4 MiB + 1 title line, in YAML and in CSV
python3 -c "import sys; sys.stdout.write('parley: 1\ntitle: \"' + 'x' * 4194296 + '\"\n')" > "$TMPD/long.yaml"
brun "$PARLEY" validate "$TMPD/long.yaml"
expect_rc 2 "line length (YAML)"
expect_err "long.yaml:2:1: error: line 2 is too long: 4194305 bytes (at most 4194304)" "line length (YAML)"
python3 -c "import sys; sys.stdout.write('Actor,Capability,Position,Salience\n\"' + 'a' * 4194400 + '\",1,2,3\n')" > "$TMPD/long.csv"
brun "$PARLEY" validate "$TMPD/long.csv"
expect_rc 2 "line length (CSV)"
expect_err "long.csv:2:1: error: line 2 is too long" "line length (CSV)"

# actors: 100000 are read (in well under a minute), 100001 are refused
python3 -c "
print('Actor,Capability,Position,Salience')
for i in range(100000): print(f'a{i},{1 + i % 10},{i % 101},50')" > "$TMPD/actors.csv"
brun "$PARLEY" validate "$TMPD/actors.csv"
expect_rc 0 "100000 actors (CSV)"
expect_out "100000 actors" "100000 actors (CSV)"
# ... and forecast: the expected-utility model refuses (work limit), the rest run
brun "$PARLEY" forecast "$TMPD/actors.csv" --format csv
expect_rc 0 "forecast of 100000 actors"
expect_out "the expected-utility model is too large here: 100000 actors" "forecast of 100000 actors"
echo "a100000,1,1,1" >> "$TMPD/actors.csv"
brun "$PARLEY" validate "$TMPD/actors.csv"
expect_rc 2 "100001 actors (CSV)"
expect_err "actors.csv:100002:1: error: too many actors: more than 100000" "100001 actors (CSV)"
python3 -c "
print('parley: 1\ntitle: t\nissues:\n  - {id: x, title: X}\nactors:')
for i in range(100001): print(f'  - {{id: a{i}, name: A{i}, capability: 1, positions: {{x: {{position: 1, salience: 1}}}}}}')" > "$TMPD/actors.yaml"
brun "$PARLEY" validate "$TMPD/actors.yaml"
expect_rc 2 "100001 actors (YAML)"
expect_err "actors.yaml:6:3: error: too many actors: 100001 (at most 100000)" "100001 actors (YAML)"
rm -f "$TMPD"/actors.*

# the report of a large result: 10000 actors on 2 issues (2 MB of JSON)
# in about a second (it was quadratic or worse in the result: over 5 minutes)
python3 -c "
print('parley: 1\ntitle: t\nissues:\n  - {id: x, title: X, scale: [0, 100]}\n  - {id: y, title: Y, scale: [0, 100]}\nactors:')
for i in range(10000): print(f'  - {{id: a{i}, name: A{i}, capability: {1 + i % 10}, positions: {{x: {{position: {i % 101}, salience: {1 + i % 7}}}, y: {{position: {(i * 37) % 101}, salience: 1}}}}}}')" > "$TMPD/big.yaml"
brun "$PARLEY" forecast "$TMPD/big.yaml" --model mean --format json -o "$TMPD/big.json"
expect_rc 0 "forecast of 10000 actors (JSON)"
brun "$PARLEY" report "$TMPD/big.json" -o "$TMPD/big.html"
expect_rc 0 "report of 10000 actors"
grep -q 'A9999' "$TMPD/big.html" && ok || bad "report of 10000 actors: the last actor's name is missing"
brun "$PARLEY" forecast "$TMPD/big.yaml" --model mean --quiet --html "$TMPD/big2.html"
expect_rc 0 "forecast --html of 10000 actors"
# ... and with every position a string: 20000 problems, the first 100 shown
python3 - "$TMPD/big.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for issue in d["issues"]:
    for a in issue["actors"]:
        a["position"] = str(a["position"])
json.dump(d, open(sys.argv[1], "w"), indent=1)
PY
brun "$PARLEY" report "$TMPD/big.json" -o "$TMPD/bad.html"
expect_rc 2 "report of 10000 actors with bad positions"
expect_err_re "big.json:[0-9]+:[0-9]+: error: expected a number, found a string" "report of 10000 actors with bad positions"
[ ! -e "$TMPD/bad.html" ] && ok || bad "report of 10000 actors with bad positions: a report was written"
rm -f "$TMPD"/big.* "$TMPD/bad.html"

# issues: 10001 are refused
python3 -c "
print('parley: 1\ntitle: t\nissues:')
for k in range(10001): print(f'  - {{id: i{k}, title: I{k}}}')
print('actors:\n  - {id: a, name: A, capability: 1, positions: {i0: {position: 1, salience: 1}}}')" > "$TMPD/issues.yaml"
brun "$PARLEY" validate "$TMPD/issues.yaml"
expect_rc 2 "10001 issues"
expect_err "issues.yaml:4:3: error: too many issues: 10001 (at most 10000)" "10001 issues"

# nesting depth: 200000 open brackets in a scenario, a JSON result and a ledger file
python3 -c "import sys; sys.stdout.write('parley: 1\ntitle: ' + '[' * 200000 + ']' * 200000 + '\n')" > "$TMPD/deep.yaml"
brun "$PARLEY" validate "$TMPD/deep.yaml"
expect_rc 2 "nesting (scenario)"
expect_err "deep.yaml:2:71: error: YAML syntax error: depth limit exceeded" "nesting (scenario)"
python3 -c "import sys; sys.stdout.write('{\"a\": ' * 100000 + '1' + '}' * 100000)" > "$TMPD/deep.json"
brun "$PARLEY" report "$TMPD/deep.json" -o "$TMPD/deep.html"
expect_rc 2 "nesting (JSON result)"
expect_err_re "deep.json:1:[0-9]+: error: JSON syntax error: depth limit exceeded" "nesting (JSON result)"
[ ! -e "$TMPD/deep.html" ] && ok || bad "nesting (JSON result): a report was written"
python3 -c "import sys; sys.stdout.write('parley_ledger: 1\nquestions: ' + '[' * 200000 + ']' * 200000 + '\n')" > "$TMPD/deep-ledger.yaml"
brun "$PARLEY" ledger import --db "$TMPD/l.sqlite" "$TMPD/deep-ledger.yaml"
expect_rc 2 "nesting (ledger file)"
expect_err_re "deep-ledger.yaml:2:[0-9]+: error: syntax error: depth limit exceeded" "nesting (ledger file)"

# 100000 keys in one mapping: libfyaml's default loader compares each new key
# with every earlier one (minutes for 10^5 keys); the readers use its loader
# that finds duplicate keys by hash
python3 -c "
print('parley: 1\ntitle: t\nissues:\n  - {id: x, title: X}\nactors:\n  - id: a\n    name: A\n    capability: 1\n    positions:')
for k in range(100000): print(f'      i{k}: {{position: 1, salience: 1}}')" > "$TMPD/keys.yaml"
brun "$PARLEY" validate "$TMPD/keys.yaml"
expect_rc 2 "100000 keys (scenario)"
expect_err "keys.yaml:10:7: error: unknown issue 'i0'" "100000 keys (scenario)"
python3 -c "import sys; sys.stdout.write('{' + ', '.join(f'\"k{i}\": {i}' for i in range(100000)) + '}')" > "$TMPD/keys.json"
brun "$PARLEY" report "$TMPD/keys.json" -o "$TMPD/keys.html"
expect_rc 2 "100000 keys (JSON result)"
expect_err_re "keys.json:1:1: error: " "100000 keys (JSON result)"
python3 -c "
print('parley_ledger: 1\nforecasts: []\nquestions:\n  - id: q\n    kind: binary\n    text: T')
for k in range(100000): print(f'    k{k}: 1')" > "$TMPD/keys-ledger.yaml"
brun "$PARLEY" ledger import --db "$TMPD/l.sqlite" "$TMPD/keys-ledger.yaml"
expect_rc 2 "100000 keys (ledger file)"
expect_err "keys-ledger.yaml:7:5: error: unknown key 'k0'" "100000 keys (ledger file)"
rm -f "$TMPD"/keys*

# a scenario too large for the exchange model: in seconds, the model reports a clear
# error on each issue (the other outputs stand)
python3 -c "
print('parley: 1\ntitle: t\nissues:\n  - {id: p, title: P, status_quo: 50}\n  - {id: q, title: Q, status_quo: 50}\nactors:')
for i in range(2000): print(f'  - {{id: a{i}, name: A{i}, capability: {1 + i % 13}, positions: {{p: {{position: {(i * 37) % 101}, salience: {10 + (i % 9) * 10}}}, q: {{position: {(i * 11) % 101}, salience: 50}}}}}}')" > "$TMPD/exchange.yaml"
brun "$PARLEY" forecast "$TMPD/exchange.yaml" --model exchange --format csv
expect_rc 0 "exchange model on 2000 actors"
expect_out "p,exchange,,,error," "exchange model's error on the issue"

finish
