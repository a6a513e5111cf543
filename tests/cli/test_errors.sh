#!/usr/bin/env bash
# Bad input, end to end: every class of mistake in a scenario (YAML) or an
# actor table (CSV) gets `FILE:LINE:COL: error: what (expected)` on stderr,
# exit status 2, no output and no crash, from both `validate` and
# `forecast`. Inputs are written into $TMPD by this script; most are the
# valid scenario below with one line changed, so each case is one mistake.
. "$(dirname "$0")/lib.sh"

# ---- helpers ----

# expect_form LABEL: stderr is not empty and every line of it has the form
# FILE:LINE:COL: error: ... (or FILE: error: ... when no position applies):
# nothing else, e.g. a parser library printing on its own, gets through.
expect_form() {
  local odd
  odd=$(grep -cvE '^[^:]+(:[0-9]+:[0-9]+)?: error: [^ ].*' "$TMPD/err")
  [ -s "$TMPD/err" ] && [ "$odd" -eq 0 ] && ok \
    || bad "$1: stderr empty or not in the form FILE:LINE:COL: error: ... (stderr: $(head -c 600 "$TMPD/err"))"
}

# count_errors: the number of error lines on stderr.
count_errors() { grep -c ': error: ' "$TMPD/err"; }

# bad_input LABEL FILE LINE:COL WORD...: `validate FILE` and `forecast FILE`
# both exit 2 with that message at that position, print only well-formed
# error lines on stderr and nothing on stdout. $OPTS (a --scale for CSV)
# is passed to both.
OPTS=
bad_input() {
  local label=$1 f=$2 cmd
  shift 2
  for cmd in validate forecast; do
    # shellcheck disable=SC2086
    run "$PARLEY" $cmd $OPTS "$f"
    expect_rc 2 "$label ($cmd)"
    expect_diag "$label ($cmd)" "$f" "$@"
    expect_form "$label ($cmd)"
    expect_no_out "$label ($cmd)"
  done
}

# good_input LABEL FILE: validate and forecast accept it (exit 0).
good_input() {
  local label=$1 f=$2 cmd
  for cmd in validate forecast; do
    # shellcheck disable=SC2086
    run "$PARLEY" $cmd $OPTS "$f"
    expect_rc 0 "$label ($cmd)"
  done
}

# ---- the valid scenario every YAML case starts from (line numbers matter) ----

B=$TMPD/base.yaml
cat >"$B" <<'EOF'
parley: 1
title: "Errors test"
date: "2022-01-10"
documents:
  - id: note
    title: "Note"
issues:
  - id: tariffs
    title: "Tariffs"
    scale: [0, 100]
  - id: quotas
    title: "Quotas"
    scale: [0, 10]
actors:
  - id: north
    name: "North"
    capability: 40
    positions:
      tariffs: {position: 80, salience: 60, source: {document: note}}
      quotas:
        position: 2
        salience: 50
  - id: south
    name: "South"
    capability: 25
    positions:
      tariffs: {position: 40, salience: 90}
      quotas: {position: 7, salience: 80}
venues:
  - id: geneva
    members: [north, south]
    rule: bilateral
    issues: [tariffs]
stages:
  - id: round-1
    venue: geneva
ratification:
  - id: senate
    actor: north
    threshold: 51
    blocs:
      - {name: "majority", size: 60, ideal: {tariffs: 30}}
EOF
good_input "base scenario" "$B"

# variant NAME SED-SCRIPT: $TMPD/NAME.yaml is the base edited by sed; sets $F.
# The edit must change the file, or the case would test nothing.
variant() {
  F=$TMPD/$1.yaml
  sed "$2" "$B" >"$F"
  cmp -s "$B" "$F" && bad "variant $1: the sed script changed nothing"
}

# ---- unknown keys ----

variant unknown-key '22s/salience: 50/salence: 50/'
bad_input "unknown key" "$F" 22:9 "unknown key 'salence'" "did you mean 'salience'?" "known keys: position, salience"
variant unknown-top-key '2s/title:/titel:/'
bad_input "unknown top-level key" "$F" 2:1 "unknown key 'titel'" "did you mean 'title'?"
variant unknown-key-quoted '22s/salience: 50/"salinece": 50/'
bad_input "unknown quoted key, at its quote" "$F" 22:9 "unknown key 'salinece'" "did you mean 'salience'?"

# ---- missing required fields ----

variant missing-name '16d'
bad_input "missing actor name" "$F" 15:5 "missing required field 'name'" "actor"
variant missing-position '21d'
bad_input "missing stance position" "$F" 21:9 "missing required field 'position'" "stance of 'north' on 'quotas'"
variant missing-title '2d'
bad_input "missing title" "$F" 1:1 "missing required field 'title'" "the scenario"
variant missing-version '1d'
bad_input "missing parley version" "$F" 1:1 "missing required field 'parley'"

# ---- wrong types ----

variant string-number '17s/40/"forty"/'
bad_input "string where a number is expected" "$F" 17:17 "wrong type for capability" "'forty' is not a number" "(a number)"
variant quoted-number '22s/50/"50"/'
bad_input "quoted number is a string" "$F" 22:19 "salience '50' is quoted, so it is text: write 50 without quotes"
variant mapping-seq '10s/\[0, 100\]/{lo: 0, hi: 100}/'
bad_input "mapping where a sequence is expected" "$F" 10:12 "wrong type for scale: a mapping" "(a sequence)"
expect_eq "$(count_errors)" 1 "mapping where a sequence is expected: one error"
variant block-mapping-seq '7s/issues:/issues:\n  id: x\n  title: y\nold-issues:/'
bad_input "block mapping where a sequence is expected" "$F" 8:3 "wrong type for issues: a mapping" "(a sequence)"
variant seq-number '21s/position: 2/position: [1, 2]/'
bad_input "sequence where a number is expected" "$F" 21:19 "wrong type for position: a sequence" "(a number)"
variant empty-positions '27,28d'
bad_input "empty value where a mapping is expected" "$F" 26:5 "wrong type for positions: an empty value"

# ---- numbers out of range, NaN, infinity ----

variant salience-120 '22s/50/120/'
bad_input "salience 120" "$F" 22:19 "salience out of range: 120" "(a number from 0 to 100)"
variant position-off-scale '21s/2/12/'
bad_input "position outside the issue's scale" "$F" 21:19 "position out of range: 12" "(a number from 0 to 10)"
variant negative-capability '25s/25/-3/'
bad_input "negative capability" "$F" 25:17 "capability out of range: -3" "(a number >= 0)"
variant stance-capability '28s/salience: 80}/salience: 80, capability: -1}/'
bad_input "negative per-issue capability" "$F" 28:55 "capability out of range: -1"
variant nan '22s/50/.nan/'
bad_input ".nan" "$F" 22:19 "NaN or infinity is not allowed for salience" "(a finite number)"
variant inf '17s/40/.inf/'
bad_input ".inf" "$F" 17:17 "NaN or infinity is not allowed for capability" "(a finite number)"
variant minus-inf '21s/2/-.Inf/'
bad_input "-.Inf" "$F" 21:19 "NaN or infinity is not allowed for position"
variant too-large '17s/40/1e999/'
bad_input "number overflowing to infinity" "$F" 17:17 "number too large for capability"

# ---- duplicate ids ----

variant dup-issue '11s/quotas/tariffs/'
bad_input "duplicate issue id" "$F" 11:9 "duplicate issue id 'tariffs'" "(unique issue ids)"
variant dup-actor '23s/south/north/'
bad_input "duplicate actor id" "$F" 23:9 "duplicate actor id 'north'" "(unique actor ids)"
variant dup-document '6a\  - id: note\n    title: "Again"'
bad_input "duplicate document id" "$F" 7:9 "duplicate document id 'note'" "(unique document ids)"
variant dup-key '17a\    capability: 50'
bad_input "duplicate key" "$F" 18:5 "duplicate key 'capability'"

# ---- references to unknown actors, issues, documents, venues ----

variant unknown-issue '27s/tariffs:/tarifs:/'
bad_input "unknown issue in positions" "$F" 27:7 "unknown issue 'tarifs'" "(the id of an entry in 'issues'; did you mean 'tariffs'?)"
variant unknown-member '31s/south/west/'
bad_input "unknown actor in venue members" "$F" 31:22 "unknown actor 'west' in venue members" "(the id of an entry in 'actors')"
variant unknown-venue-issue '33s/tariffs/tarifs/'
bad_input "unknown issue in venue issues" "$F" 33:14 "unknown issue 'tarifs' in venue issues"
variant unknown-venue '36s/geneva/genva/'
bad_input "unknown venue in a stage" "$F" 36:12 "unknown venue 'genva'" "(the id of an entry in 'venues'; did you mean 'geneva'?)"
variant unknown-ratifier '39s/north/nobody/'
bad_input "unknown ratification actor" "$F" 39:12 "unknown actor 'nobody'" "(the id of an entry in 'actors')"
variant unknown-bloc-issue '42s/{tariffs: 30}/{tarifs: 30}/'
bad_input "unknown issue in a bloc's ideal points" "$F" 42:46 "unknown issue 'tarifs'"
variant unknown-document '19s/document: note/document: nope/'
bad_input "unknown document in a source" "$F" 19:64 "unknown document 'nope'" "(the id of an entry in 'documents'; did you mean 'note'?)"

# ---- no actors, no issues, zero weights ----

cat >"$TMPD/no-actors.yaml" <<'EOF'
parley: 1
title: "No actors"
issues:
  - {id: tariffs, title: "Tariffs"}
actors: []
EOF
bad_input "no actors" "$TMPD/no-actors.yaml" 5:1 "no actors" "(at least one actor)"
cat >"$TMPD/no-issues.yaml" <<'EOF'
parley: 1
title: "No issues"
issues: []
actors:
  - {id: north, name: "North", capability: 1}
EOF
bad_input "no issues" "$TMPD/no-issues.yaml" 3:1 "no issues" "(at least one issue)"
variant zero-weights '19s/salience: 60/salience: 0/; 27s/salience: 90/salience: 0/'
bad_input "every weight zero on an issue" "$F" 8:5 "every weight is zero on issue 'tariffs'" "capability > 0 and salience > 0"
variant no-stance '19d; 27d'
bad_input "no actor on an issue" "$F" 8:5 "no actor takes a position on issue 'tariffs'"

# ---- impossible uncertainty, red lines ----

variant sd-zero '22s/salience: 50/salience: {value: 50, sd: 0}/'
bad_input "sd: 0" "$F" 22:35 "impossible sd for salience: 0" "(a standard deviation > 0)"
variant uniform-outside '22s/salience: 50/salience: {value: 50, uniform: [60, 70]}/'
bad_input "uniform range not containing the value" "$F" 22:40 "impossible uniform range for salience: [60, 70] around 50" "value between them"
variant pert-order '22s/salience: 50/salience: {low: 60, likely: 50, high: 70}/'
bad_input "low > likely" "$F" 22:25 "impossible three-point values for salience: 60, 50, 70" "(low <= likely <= high)"
variant pert-missing '22s/salience: 50/salience: {low: 40, likely: 50}/'
bad_input "three-point estimate without high" "$F" 22:19 "missing required field 'high'"
variant red-line '19s/source:/red_line: [70, 30], source:/'
bad_input "red line with low > high" "$F" 19:55 "red line is empty: [70, 30]" "(low <= high)"

# ---- version, dates ----

variant version-2 '1s/1/2/'
bad_input "parley: 2" "$F" 1:9 "unsupported format version 2" "(1)"
variant bad-date '3s/2022-01-10/2022-02-30/'
bad_input "30 February" "$F" 3:7 "invalid date '2022-02-30'" "(a date as YYYY-MM-DD)"
variant bad-date-2 '3s/2022-01-10/2022-13-01/'
bad_input "month 13" "$F" 3:7 "invalid date '2022-13-01'"
variant bad-date-3 '6a\    date: "10 January 2022"'
bad_input "a date in words" "$F" 7:11 "invalid document date '10 January 2022'"
expect_eq "$(count_errors)" 1 "a date in words: the document is still known to its sources"
variant leap-day '3s/2022-01-10/2024-02-29/'
good_input "29 February of a leap year" "$F"

# ---- YAML syntax, encoding, empty files, wrong document shape ----

printf 'parley: 1\ntitle: "x"\nissues:\n  - id: a\n   title: "A"\n' >"$TMPD/indent.yaml"
bad_input "bad indentation" "$TMPD/indent.yaml" 5:4 "YAML syntax error"
printf 'parley: 1\ntitle: "x"\nissues: [a, b\nactors: []\n' >"$TMPD/bracket.yaml"
bad_input "unclosed bracket" "$TMPD/bracket.yaml" 5:1 "YAML syntax error" "flow sequence without a closing bracket"
printf 'parley: 1\ntitle: "unterminated\n' >"$TMPD/quote.yaml"
bad_input "unclosed quote" "$TMPD/quote.yaml" 2:9 "YAML syntax error" "without closing quote"
printf 'parley: 1\ntitle: "x"\ndescription: "caf\xff"\n' >"$TMPD/latin1.yaml"
bad_input "a byte 0xff on line 3" "$TMPD/latin1.yaml" 3:18 "not valid UTF-8" "0xff"
printf 'parley: 1\ntitle: "\xc3\xa9t\xc3\xa9"\ndate: "\xe2\x82"\n' >"$TMPD/truncated-utf8.yaml"
bad_input "a truncated UTF-8 sequence after multibyte text" "$TMPD/truncated-utf8.yaml" 3:8 "not valid UTF-8" "0xe2"
: >"$TMPD/empty.yaml"
bad_input "empty file" "$TMPD/empty.yaml" 1:1 "the file is empty"
printf '# just a comment\n\n   # and another\n' >"$TMPD/comment.yaml"
bad_input "only a comment" "$TMPD/comment.yaml" 1:1 "no YAML document" "only comments"
printf -- '- parley: 1\n- title: "x"\n' >"$TMPD/sequence.yaml"
bad_input "a sequence, not a mapping" "$TMPD/sequence.yaml" 1:1 "not a scenario (a sequence)" "(a mapping with the keys parley, title, issues, actors)"
printf 'just some words\n' >"$TMPD/scalar.yaml"
bad_input "a scalar, not a mapping" "$TMPD/scalar.yaml" 1:1 "not a scenario (a scalar)"
{ cat "$B"; printf -- '---\nparley: 1\n'; } >"$TMPD/two-docs.yaml"
bad_input "two YAML documents" "$TMPD/two-docs.yaml" 43:1 "a second YAML document" "(one scenario per file)"
printf 'parley: 1\ntitle: *nowhere\n' >"$TMPD/bad-alias.yaml"
bad_input "alias to an unknown anchor" "$TMPD/bad-alias.yaml" 2:8 "YAML syntax error" "invalid alias '*nowhere'"

# ---- several independent mistakes: all reported, sorted by position ----

# The sections are out of their reading order (ratification and actors
# before issues), so the errors are found out of order and must be sorted.
cat >"$TMPD/many.yaml" <<'EOF'
parley: 1
title: "Many mistakes"
date: "2022-02-30"
ratification:
  - id: senate
    actor: nobody
    threshold: 51
    members: [{id: m1, ideal: {tariffs: 30}}]
actors:
  - id: north
    name: "North"
    capability: "forty"
    positions:
      tariffs: {position: 80, salience: 120}
  - id: south
    name: "South"
    capability: 25
    positions:
      tariffs: {position: 40, salence: 90}
issues:
  - id: tariffs
    title: "Tariffs"
    scale: {lo: 0, hi: 100}
EOF
for cmd in validate forecast; do
  run "$PARLEY" $cmd "$TMPD/many.yaml"
  expect_rc 2 "many mistakes ($cmd)"
  expect_form "many mistakes ($cmd)"
  # 7:16: a threshold of 51 votes in a body of one member
  # (not 19:16, "missing required field 'salience'": the misspelt key is
  # reported once, with "did you mean"; issue 15 item 3)
  expect_eq "$(count_errors)" 7 "many mistakes: number of errors ($cmd)"
  expect_eq "$(cut -d: -f2,3 "$TMPD/err" | tr '\n' ' ')" "3:7 6:12 7:16 12:17 14:41 19:31 23:12 " \
    "many mistakes: positions, sorted ($cmd)"
  expect_diag "many mistakes ($cmd)" "$TMPD/many.yaml" 19:31 "unknown key 'salence'" "did you mean 'salience'?"
done

# ---- several files at once ----

cp "$B" "$TMPD/good.yaml"
printf 'Actor,Capability,Position,Salience\nA,10,20,130\n' >"$TMPD/bad-table.csv"
run "$PARLEY" validate "$TMPD/good.yaml" "$TMPD/salience-120.yaml" "$TMPD/bad-table.csv" "$TMPD/empty.yaml"
expect_rc 2 "several files"
expect_out "$TMPD/good.yaml: ok (2 issues, 2 actors)" "several files"
expect_diag "several files" "$TMPD/salience-120.yaml" 22:19 "salience out of range: 120"
expect_diag "several files" "$TMPD/bad-table.csv" 2:9 "salience out of range: 130"
expect_diag "several files" "$TMPD/empty.yaml" 1:1 "the file is empty"
expect_eq "$(count_errors)" 3 "several files: one error each"
expect_form "several files"
run "$PARLEY" validate --quiet "$TMPD/good.yaml" "$TMPD/good.yaml"
expect_rc 0 "several good files"

# ---- forecast -o writes nothing on bad input ----

run "$PARLEY" forecast "$TMPD/salience-120.yaml" -o "$TMPD/out.json" --format json
expect_rc 2 "forecast -o on bad input"
[ ! -e "$TMPD/out.json" ] && ok || bad "forecast -o on bad input created $TMPD/out.json"
run "$PARLEY" forecast "$TMPD/bad-table.csv" -o "$TMPD/out.csv" --format csv
expect_rc 2 "forecast -o on a bad table"
[ ! -e "$TMPD/out.csv" ] && ok || bad "forecast -o on a bad table created $TMPD/out.csv"
[ -z "$(ls -A "$TMPD" | grep -E '^out\.')" ] && ok || bad "forecast -o left a temporary file: $(ls "$TMPD")"

# ---- CSV actor tables ----

H='Actor,Capability,Position,Salience'
csv() { F=$TMPD/$1.csv; printf "$2" >"$F"; }

csv wrong-header 'Actor,Capability,Position,Salince\nRussia,100,100,90\n'
bad_input "CSV wrong header" "$F" 1:27 "wrong header" "'Salince' where 'Salience' belongs" "(the header $H)"
csv semicolons 'Actor;Capability;Position;Salience\nRussia;100;100;90\n'
bad_input "CSV wrong separator" "$F" 1:1 "wrong header" "1 cell"
csv missing-cell "$H\nRussia,100,,90\n"
bad_input "CSV missing cell" "$F" 2:12 "missing cell 'Position'" "(a number)"
csv non-numeric "$H\nRussia,100,high,90\n"
bad_input "CSV non-numeric cell" "$F" 2:12 "not a number in 'Position': 'high'"
csv ragged-3 "$H\nRussia,100,100,90\nUSA,100,25\n"
bad_input "CSV row of 3 cells" "$F" 3:11 "ragged row: 3 cells" "(4 cells: $H)"
csv ragged-5 "$H\nRussia,100,100,90,7\nUSA,100,25,70\n"
bad_input "CSV row of 5 cells" "$F" 2:19 "ragged row: 5 cells"
csv salience "$H\nRussia,100,100,90\nUSA,100,25,120\n"
bad_input "CSV salience out of range" "$F" 3:12 "salience out of range: 120" "(a salience from 0 to 100)"
csv nan "$H\nRussia,100,nan,90\n"
bad_input "CSV NaN" "$F" 2:12 "NaN or infinity in 'Position'" "(a finite number)"
csv inf "$H\nRussia,-inf,100,90\n"
bad_input "CSV -inf" "$F" 2:8 "NaN or infinity in 'Capability'"
csv negative "$H\nRussia,-5,100,90\n"
bad_input "CSV negative capability" "$F" 2:8 "capability out of range: -5"
csv duplicate "$H\nUnited States,100,25,70\nRussia,100,100,90\nunited states,50,30,60\n"
bad_input "CSV duplicate actor" "$F" 4:1 "duplicate actor 'united states'" "first on line 2"
csv header-only "$H\n"
bad_input "CSV header only" "$F" 1:1 "no actors" "(at least one actor row)"
csv only-row-ragged "$H\nRussia,100\n"
bad_input "CSV only row ragged: no misleading 'no actors'" "$F" 2:11 "ragged row: 2 cells"
expect_eq "$(count_errors)" 1 "CSV only row ragged: one error"
csv zero-weights "$H\nRussia,0,100,90\nUSA,100,25,0\n"
bad_input "CSV every weight zero" "$F" 2:1 "every weight is zero"
csv bad-quote "$H\n\"Russia,100,100,90\n"
bad_input "CSV unterminated quote" "$F" 2:1 "unterminated or misplaced quote"
csv nul "$H\nRussia,100,1\0000,90\n"
bad_input "CSV with a NUL byte" "$F" 2:13 "NUL byte"
csv no-header "\n\n"
bad_input "CSV blank lines only" "$F" 1:1 "no header"
: >"$TMPD/empty.csv"
bad_input "CSV empty" "$TMPD/empty.csv" 1:1 "the file is empty"
csv scale "$H\nRussia,100,1,90\nUSA,100,-1.5,70\n"
OPTS="--scale -1,1"
bad_input "CSV position outside --scale" "$F" 3:9 "position out of range: -1.5" "[-1, 1]" "(a position on the scale)"
csv scale-ok "$H\nRussia,100,1,90\nUSA,100,-0.5,70\n"
good_input "CSV inside --scale" "$F"
OPTS=

# ---- valid variants that must stay valid ----

sed 's/$/\r/' "$B" >"$TMPD/crlf.yaml"
good_input "CRLF line endings (YAML)" "$TMPD/crlf.yaml"
sed 's/$/\r/' "$TMPD/salience-120.yaml" >"$TMPD/crlf-bad.yaml"
bad_input "CRLF line endings, positions unchanged (YAML)" "$TMPD/crlf-bad.yaml" 22:19 "salience out of range: 120"
csv crlf "$H\r\nRussia,100,100,90\r\nUnited States,100,25,70\r\n"
good_input "CRLF line endings (CSV)" "$F"
csv bom "\xef\xbb\xbf$H\nRussia,100,100,90\nUnited States,100,25,70\n"
good_input "UTF-8 BOM (CSV)" "$F"
csv bom-bad "\xef\xbb\xbf$H\nRussia,100,100,190\n"
bad_input "UTF-8 BOM (CSV), positions unchanged" "$F" 2:16 "salience out of range: 190"
csv quoted "$H\n\"Germany, Federal Republic\",35,40,50\n\"The \"\"West\"\"\", 10 , 60 ,20\n"
good_input "CSV quoted cells" "$F"

# ---- robustness: exit 2 with a message, never a signal ----

# robust LABEL FILE: validate and forecast exit 2 with well-formed errors.
robust() {
  local label=$1 f=$2 cmd
  for cmd in validate forecast; do
    run timeout 60 "$PARLEY" $cmd "$f"
    expect_rc 2 "$label ($cmd)"
    expect_form "$label ($cmd)"
  done
}
head -c 10000 /dev/zero | tr '\0' '[' >"$TMPD/deep.yaml"
robust "10000 '['" "$TMPD/deep.yaml"
expect_diag "10000 '['" "$TMPD/deep.yaml" 1:65 "YAML syntax error" "depth limit exceeded"
{ printf 'parley: 1\ntitle: '; head -c 5000 /dev/zero | tr '\0' '{'; echo; } >"$TMPD/deep-map.yaml"
robust "5000 '{'" "$TMPD/deep-map.yaml"
{
  printf 'parley: 1\ntitle: "bomb"\n'
  printf 'x0: &x0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
  for i in 1 2 3 4 5 6 7 8; do
    printf 'x%d: &x%d [' "$i" "$i"
    for j in 1 2 3 4 5 6 7 8 9; do printf '*x%d, ' $((i - 1)); done
    printf '*x%d]\n' $((i - 1))
  done
  printf 'description: *x8\n'
} >"$TMPD/bomb.yaml"
robust "alias bomb" "$TMPD/bomb.yaml"
expect_diag "alias bomb" "$TMPD/bomb.yaml" 7:45 "aliases expand too far"
printf 'parley: 1\ntitle: &t "x"\ndescription: *t\nissues: &i\n  - {id: a, title: "A"}\nactors:\n  - {id: n, name: "N", capability: 1, positions: {a: &s {position: 1, salience: 1}}}\n  - {id: m, name: "M", capability: 1, positions: {a: *s}}\n' >"$TMPD/aliases.yaml"
good_input "a few harmless aliases" "$TMPD/aliases.yaml"
printf 'parley: 1\ntitle: &x [*x]\n' >"$TMPD/alias-cycle.yaml"
robust "an alias cycle" "$TMPD/alias-cycle.yaml"
{ printf 'parley: 1\ntitle: "'; head -c 2097152 /dev/zero | tr '\0' 'x'; printf '"\n'; } >"$TMPD/long-title.yaml"
robust "a 2 MB title" "$TMPD/long-title.yaml"
expect_diag "a 2 MB title" "$TMPD/long-title.yaml" 1:1 "missing required field 'issues'"
{ head -c 2097152 /dev/zero | tr '\0' 'a'; printf ': 1\n'; } >"$TMPD/long-key.yaml"
robust "a 2 MB key" "$TMPD/long-key.yaml"
[ "$(head -c 2000 "$TMPD/err" | wc -l)" -ge 1 ] && [ "$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$TMPD/err")" -lt 1000 ] \
  && ok || bad "a 2 MB key: messages should quote only the start of it"
{ printf '{parley: 1, title: "x", issues: ['; head -c 2097152 /dev/zero | tr '\0' 'b'; printf ']}'; } >"$TMPD/long-line.yaml"
robust "a 2 MB single line" "$TMPD/long-line.yaml"
{ printf '%s\n' "$H"; head -c 2097152 /dev/zero | tr '\0' ','; echo; } >"$TMPD/long-line.csv"
robust "a 2 MB CSV row" "$TMPD/long-line.csv"
expect_diag "a 2 MB CSV row" "$TMPD/long-line.csv" 2:5 "ragged row: 2097153 cells"
head -c 65536 "$PARLEY" >"$TMPD/junk.yaml"
robust "binary junk (YAML)" "$TMPD/junk.yaml"
cp "$TMPD/junk.yaml" "$TMPD/junk.csv"
robust "binary junk (CSV)" "$TMPD/junk.csv"
printf 'parley: 1\ntitle: "x\0y"\n' >"$TMPD/nul.yaml"
bad_input "YAML with a NUL byte" "$TMPD/nul.yaml" 2:10 "NUL byte"
printf 'parley: 1\ntitle: "x"\ndate: "2022-01-10"\x1b[2J\n' >"$TMPD/escape.yaml"
bad_input "a control character (YAML)" "$TMPD/escape.yaml" 3:19 "control character 0x1b"
printf 'parley: 1\r\ntitle: "x"\r\ntags: !!binary aGVsbG8=\r\n' >"$TMPD/tags.yaml"
robust "YAML tags" "$TMPD/tags.yaml"

# A file with hundreds of errors: the first 100 are shown, then a summary.
{ printf 'parley: 1\ntitle: t\nissues:\n  - id: a\n    title: A\nactors:\n'
  for i in $(seq 1 300); do printf '  - {id: x%d, name: X, capability: -1}\n' "$i"; done; } > "$TMPD/many.yaml"
run "$PARLEY" validate "$TMPD/many.yaml"
expect_rc 2 "error cap"
expect_eq "$(grep -c ': error: capability out of range' "$TMPD/err")" "100" "error cap: 100 kept"
expect_err "too many errors: 300 found, the first 100 are shown" "error cap summary"

finish
