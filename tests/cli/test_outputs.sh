#!/usr/bin/env bash
# test_outputs.sh - issue 21, issue 21 item 4 (outputs never destroy what they point
# at), for every option that writes a file: forecast -o/--html/--svg,
# report -o/--svg, backtest -o/--predictions, ledger export/list/score -o.
#  - an output that is one of the command's inputs (the same file, also
#    through a symlink or a hard link, or a ledger --record is about to
#    create) is refused with exit 2 and the input is left intact;
#  - an empty name is a usage error (exit 2); two outputs naming one file too
#    (two outputs to one descriptor are written in turn);
#  - a symlink is followed and its final target replaced (the link stays);
#    an existing file keeps its mode (and, as root, its owner and group);
#  - devices, FIFOs and descriptors (/dev/fd/N, /dev/stdout, -) are written
#    straight, never replaced by a regular file; `>>` appending is kept;
#  - outputs are written all or none: when one cannot be written (or the
#    ledger cannot be recorded) no target changes, no temporary file and no
#    directory made by the command remains, and the exit status is 1;
#  - outputs are checked before the work (a long backtest fails at once).
. "$(dirname "$0")/lib.sh"
F=examples/security-guarantees-2022.yaml
M=tests/data/minimal.yaml
B=tests/data/backtest

# no_temps DIR WHAT: no FILE.tmp.XXXXXX left in DIR
no_temps() { [ -z "$(find "$1" -name '*.tmp.*' 2>/dev/null)" ] && ok || bad "$2: temporary file left: $(find "$1" -name '*.tmp.*')"; }

# ---- an input as output: refused, exit 2, input intact
cp "$M" "$TMPD/in.yaml"
cp "$M" "$TMPD/orig.yaml"
refused() { # WHAT: exit 2, the message, in.yaml unchanged
  expect_rc 2 "$1"
  expect_err "it is the input" "$1"
  cmp -s "$TMPD/in.yaml" "$TMPD/orig.yaml" && ok || bad "$1: the input was changed"
}
run "$PARLEY" forecast "$TMPD/in.yaml" -o "$TMPD/in.yaml"
refused "forecast -o INPUT"
ln -s in.yaml "$TMPD/link.yaml"
run "$PARLEY" forecast "$TMPD/in.yaml" -o "$TMPD/link.yaml"
refused "forecast -o SYMLINK-TO-INPUT"
[ -L "$TMPD/link.yaml" ] && ok || bad "forecast -o SYMLINK-TO-INPUT: the symlink was replaced"
run "$PARLEY" forecast "$TMPD/link.yaml" -o "$TMPD/in.yaml"
refused "forecast SYMLINK -o ITS-TARGET"
ln "$TMPD/in.yaml" "$TMPD/hard.yaml"
run "$PARLEY" forecast "$TMPD/in.yaml" --format json -o "$TMPD/hard.yaml"
refused "forecast -o HARD-LINK-OF-INPUT"
run "$PARLEY" forecast "$TMPD/in.yaml" --html "$TMPD/in.yaml"
refused "forecast --html INPUT"
run "$PARLEY" forecast "$TMPD/in.yaml" --html "$TMPD/r.html" --svg "$TMPD"
expect_rc 0 "forecast --svg beside the input"   # charts have their own names
cmp -s "$TMPD/in.yaml" "$TMPD/orig.yaml" && ok || bad "--svg beside the input: input changed"
rm -f "$TMPD"/*.svg "$TMPD/r.html"

# report: the JSON result, also read from standard input
run "$PARLEY" forecast "$M" --format json -o "$TMPD/r.json"
expect_rc 0 "forecast -o r.json"
cp "$TMPD/r.json" "$TMPD/r0.json"
run "$PARLEY" report "$TMPD/r.json" -o "$TMPD/r.json"
expect_rc 2 "report -o INPUT"; expect_err "it is the input" "report -o INPUT"
"$PARLEY" report - -o "$TMPD/r.json" <"$TMPD/r.json" >"$TMPD/out" 2>"$TMPD/err"; RC=$?
expect_rc 2 "report - -o STDIN-FILE"; expect_err "it is the input '<stdin>'" "report - -o STDIN-FILE"
cmp -s "$TMPD/r.json" "$TMPD/r0.json" && ok || bad "report: the input was changed"

# ledger export/list/score: the ledger itself, its journal, or the default ledger
run "$PARLEY" ledger import --db "$TMPD/l.sqlite" tests/data/ledger/small.yaml
expect_rc 0 "ledger import"
cp "$TMPD/l.sqlite" "$TMPD/l0.sqlite"
for sub in "export --format json" "list" "score"; do
  # shellcheck disable=SC2086
  run "$PARLEY" ledger $sub --db "$TMPD/l.sqlite" -o "$TMPD/l.sqlite"
  expect_rc 2 "ledger $sub -o LEDGER"; expect_err "it is the input" "ledger $sub -o LEDGER"
  cmp -s "$TMPD/l.sqlite" "$TMPD/l0.sqlite" && ok || bad "ledger $sub -o LEDGER: the ledger was changed"
done
mkdir -p "$TMPD/xdg/parley"
cp "$TMPD/l.sqlite" "$TMPD/xdg/parley/ledger.sqlite"
XDG_DATA_HOME=$TMPD/xdg run "$PARLEY" ledger export --format csv -o "$TMPD/xdg/parley/ledger.sqlite"
expect_rc 2 "ledger export -o DEFAULT-LEDGER"
cmp -s "$TMPD/xdg/parley/ledger.sqlite" "$TMPD/l0.sqlite" && ok || bad "the default ledger was changed"

# forecast --record: the ledger it records in, even one it is about to create
run "$PARLEY" forecast "$M" --format json -o "$TMPD/new.sqlite" --record --db "$TMPD/new.sqlite"
expect_rc 2 "forecast -o LEDGER-TO-BE"; expect_err "it is the input" "forecast -o LEDGER-TO-BE"
[ ! -e "$TMPD/new.sqlite" ] && ok || bad "forecast -o LEDGER-TO-BE: a file was made"
run "$PARLEY" forecast "$M" -o "$TMPD/l.sqlite" --record --db "$TMPD/l.sqlite"
expect_rc 2 "forecast -o LEDGER"
cmp -s "$TMPD/l.sqlite" "$TMPD/l0.sqlite" && ok || bad "forecast -o LEDGER: the ledger was changed"

# backtest: the dataset, the outcomes table, the Council tables
cp -r "$B" "$TMPD/bt"
cp "$B/small-deu.csv" "$TMPD/deu0.csv"
run "$PARLEY" backtest "$TMPD/bt/small-deu.csv" -o "$TMPD/bt/small-deu.csv"
expect_rc 2 "backtest -o DATASET"
run "$PARLEY" backtest "$TMPD/bt/small-deu.csv" --predictions "$TMPD/bt/council-weights-eu27.csv"
expect_rc 2 "backtest --predictions COUNCIL-TABLE"
run "$PARLEY" backtest "$TMPD/bt/small-positions.csv" --outcomes "$TMPD/bt/small-outcomes.csv" \
  -o "$TMPD/bt/small-outcomes.csv"
expect_rc 2 "backtest -o OUTCOMES"
for f in small-deu.csv council-weights-eu27.csv small-outcomes.csv; do
  cmp -s "$TMPD/bt/$f" "$B/$f" && ok || bad "backtest: $f was changed"
done

# ---- empty names and outputs naming one file: usage errors
for args in "forecast $M -o" "forecast $M --html" "forecast $M --html $TMPD/e.html --svg" \
            "report $TMPD/r.json -o" "report $TMPD/r.json --svg" "backtest $B/small-deu.csv -o" \
            "backtest $B/small-deu.csv --predictions" "ledger export --db $TMPD/l.sqlite --format csv -o"; do
  # shellcheck disable=SC2086
  run "$PARLEY" $args ""
  expect_rc 2 "$args ''"; expect_err "the name given is empty" "$args ''"
done
[ ! -e "$TMPD/e.html" ] && ok || bad "--svg '': the page was written"
run "$PARLEY" forecast "$M" -o "$TMPD/same.txt" --html "$TMPD/./same.txt"
expect_rc 2 "-o and --html the same file"; expect_err "name the same output"
[ ! -e "$TMPD/same.txt" ] && ok || bad "-o and --html the same file: written"
run "$PARLEY" backtest "$B/small-deu.csv" -o "$TMPD/same.csv" --predictions "$TMPD/same.csv"
expect_rc 2 "backtest -o and --predictions the same file"

# ---- a symlink is followed; mode (and owner) kept
run "$PARLEY" forecast "$M" --format csv
cp "$TMPD/out" "$TMPD/expected.csv"
echo old >"$TMPD/target.csv"
chmod 640 "$TMPD/target.csv"
ln -s target.csv "$TMPD/sym.csv"
run "$PARLEY" forecast "$M" --format csv -o "$TMPD/sym.csv"
expect_rc 0 "-o SYMLINK"
[ -L "$TMPD/sym.csv" ] && ok || bad "-o SYMLINK: the symlink was replaced by a file"
cmp -s "$TMPD/target.csv" "$TMPD/expected.csv" && ok || bad "-o SYMLINK: the target does not hold the output"
expect_eq "$(stat -c %a "$TMPD/target.csv")" "640" "-o keeps the mode of a 0640 file"
echo old >"$TMPD/secret.csv"
chmod 600 "$TMPD/secret.csv"
run "$PARLEY" forecast "$M" --format csv -o "$TMPD/secret.csv"
expect_eq "$(stat -c %a "$TMPD/secret.csv")" "600" "-o keeps the mode of a 0600 file"
# a symlink into another directory, and a dangling one (made at its target)
mkdir "$TMPD/other"
ln -s "$TMPD/other/made.csv" "$TMPD/dangling.csv"
run "$PARLEY" forecast "$M" --format csv -o "$TMPD/dangling.csv"
expect_rc 0 "-o DANGLING-SYMLINK"
[ -L "$TMPD/dangling.csv" ] && cmp -s "$TMPD/other/made.csv" "$TMPD/expected.csv" && ok ||
  bad "-o DANGLING-SYMLINK: the target was not made through the link"
no_temps "$TMPD/other" "-o DANGLING-SYMLINK"
if [ "$(id -u)" = 0 ]; then
  echo old >"$TMPD/owned.csv"
  chown 65534:65534 "$TMPD/owned.csv"
  run "$PARLEY" forecast "$M" --format csv -o "$TMPD/owned.csv"
  expect_eq "$(stat -c %u:%g "$TMPD/owned.csv")" "65534:65534" "-o keeps owner and group (as root)"
else
  echo "SKIP: keeping another user's ownership needs root (running as $(id -u))"
fi

# ---- devices, FIFOs, descriptors: written straight
ln -s /dev/null "$TMPD/null"
run "$PARLEY" forecast "$M" -o "$TMPD/null"
expect_rc 0 "-o SYMLINK-TO-/dev/null"
[ -L "$TMPD/null" ] && [ -c /dev/null ] && ok || bad "-o SYMLINK-TO-/dev/null: replaced"
expect_no_out "-o SYMLINK-TO-/dev/null"
mkfifo "$TMPD/fifo"
cat "$TMPD/fifo" >"$TMPD/from-fifo" &
reader=$!
run timeout 20 "$PARLEY" forecast "$M" --format csv -o "$TMPD/fifo"
expect_rc 0 "-o FIFO"
if [ -p "$TMPD/fifo" ]; then ok; wait "$reader"
else bad "-o FIFO: the FIFO was replaced by a file"; kill "$reader"; wait "$reader" 2>/dev/null
fi
cmp -s "$TMPD/from-fifo" "$TMPD/expected.csv" && ok || bad "-o FIFO: the reader did not get the output"
no_temps "$TMPD" "-o FIFO"
echo prior >"$TMPD/log"
"$PARLEY" forecast "$M" --format csv -o /dev/fd/1 >>"$TMPD/log" 2>"$TMPD/err"; RC=$?
expect_rc 0 "-o /dev/fd/1 >>"
{ echo prior; cat "$TMPD/expected.csv"; } | cmp -s - "$TMPD/log" && fd_ok=1 || fd_ok=0
[ "$fd_ok" = 1 ] && ok || bad "-o /dev/fd/1 >> LOG: the log's earlier lines were lost or the output is missing"
if [ "$fd_ok" = 1 ]; then
  # (only once /dev/fd/N works: a build that renames over any target would
  # replace /dev/stdout and /dev/full, as root)
  echo prior >"$TMPD/log"
  "$PARLEY" forecast "$M" --format csv -o /dev/stdout >>"$TMPD/log" 2>"$TMPD/err"; RC=$?
  expect_rc 0 "-o /dev/stdout >>"
  { echo prior; cat "$TMPD/expected.csv"; } | cmp -s - "$TMPD/log" && ok || bad "-o /dev/stdout >> LOG: lost lines"
  run "$PARLEY" forecast "$M" --format csv -o -
  cmp -s "$TMPD/out" "$TMPD/expected.csv" && ok || bad "-o -: not the output"
  # two outputs to one descriptor follow each other (backtest --predictions - with -o -)
  run "$PARLEY" forecast "$M" --format csv -o - --html /dev/stdout
  expect_rc 0 "-o - and --html /dev/stdout"
  head -c "$(wc -c < "$TMPD/expected.csv")" "$TMPD/out" | cmp -s - "$TMPD/expected.csv" && grep -q '</html>' "$TMPD/out" &&
    ok || bad "-o - and --html /dev/stdout: not the CSV then the page"
  run "$PARLEY" forecast "$M" --format csv -o /dev/stderr
  expect_rc 0 "-o /dev/stderr"; expect_no_out "-o /dev/stderr"
  # (the scenario's warnings go to stderr too, before the output)
  grep -v ": warning: " "$TMPD/err" > "$TMPD/err.csv"
  cmp -s "$TMPD/err.csv" "$TMPD/expected.csv" && ok || bad "-o /dev/stderr: not the output"
  # a failing device (/dev/full): exit 1 and the file output untouched
  if [ -w /dev/full ]; then
    echo old >"$TMPD/c.html"
    run "$PARLEY" forecast "$M" -o /dev/full --html "$TMPD/c.html"
    expect_rc 1 "-o /dev/full"
    expect_eq "$(cat "$TMPD/c.html")" "old" "-o /dev/full: --html replaced"
    [ -c /dev/full ] && ok || bad "-o /dev/full: the device was replaced"
  else
    echo "SKIP: /dev/full is absent"
  fi
else
  echo "SKIP: -o /dev/stdout and /dev/full (the /dev/fd/1 check failed)"
fi

# ---- all or none
# a chart that cannot be written (its name is taken by a directory): no page, no -o file
mkdir -p "$TMPD/svg/01-nato-enlargement-rounds.svg"
run "$PARLEY" forecast "$F" -o "$TMPD/a.txt" --html "$TMPD/a.html" --svg "$TMPD/svg"
expect_rc 1 "--svg chart unwritable"; expect_err "is a directory" "--svg chart unwritable"
[ ! -e "$TMPD/a.html" ] && [ ! -e "$TMPD/a.txt" ] && ok ||
  bad "--svg chart unwritable: exit 1 but the page or the -o file was written"
expect_eq "$(ls "$TMPD/svg")" "01-nato-enlargement-rounds.svg" "--svg chart unwritable: charts left"
no_temps "$TMPD" "--svg chart unwritable"
run "$PARLEY" report "$TMPD/r.json" -o "$TMPD/a.html" --svg "$TMPD/svg"
expect_rc 0 "report --svg (no chart of that name)"
rm -rf "$TMPD/svg" "$TMPD/a.html"
# the ledger cannot be recorded: no output, and the --svg directory made for them is gone
run "$PARLEY" forecast "$F" -o "$TMPD/b.txt" --html "$TMPD/b.html" --svg "$TMPD/bsvg" \
  --record --db "$TMPD/no/such/dir/l.sqlite"
expect_rc 1 "--record fails"
[ ! -e "$TMPD/b.txt" ] && [ ! -e "$TMPD/b.html" ] && [ ! -e "$TMPD/bsvg" ] && ok ||
  bad "--record fails: exit 1 but outputs were written ($(ls "$TMPD" | grep '^b' | tr '\n' ' '))"
no_temps "$TMPD" "--record fails"
# backtest: --predictions and -o both or neither
run "$PARLEY" backtest "$B/small-deu.csv" --predictions "$TMPD/p.csv" -o "$TMPD/no/such/dir/s.txt"
expect_rc 1 "backtest -o unwritable"
[ ! -e "$TMPD/p.csv" ] && ok || bad "backtest -o unwritable: --predictions was written"

# ---- outputs are checked before the work: a long backtest fails at once
if need_shared data/deu/deu2-dev.csv; then
  start=$(date +%s)
  run timeout 60 "$PARLEY" backtest "$SHARED/data/deu/deu2-dev.csv" -o "$TMPD/no/such/dir/s.txt"
  expect_rc 1 "backtest -o into a missing directory"
  [ $(( $(date +%s) - start )) -le 3 ] && ok || bad "backtest -o into a missing directory: took $(( $(date +%s) - start )) s (not checked before the work)"
fi

finish
