#!/usr/bin/env bash
# test_backtest_cost.sh - issue 21, issue 21 item 7 (a bounded backtest): the work of
# `parley backtest` is estimated before it starts and a run over the limit
# (--max-work, default 10^12 operations) is refused at once with exit 2 and
# a message saying what to do; --models without the blend skips the blend
# and its cross-validation (so a large dataset runs in seconds);
# --blend-outer-folds K scores the blend by K folds of proposals (K at least
# the proposals: the same forecasts as leave one proposal out); progress
# per stage goes to stderr on a terminal only, never with --quiet.
# Each run is bounded by `timeout` (the work limit is the point).
. "$(dirname "$0")/lib.sh"
D=tests/data/backtest

# A large DEU file: 3000 copies of small-deu.csv's two proposals (12000 rows,
# 600 KB), EU-15 copies numbered 1..3000, EU-27 ones 3001..6000.
awk -F, -v OFS=, 'NR == 1 { print; next } { rows[NR] = $0 }
  END { for (c = 0; c < 3000; c++) for (r = 2; r <= 5; r++) { split(rows[r], f, ",");
          f[1] = c * 4 + r - 1; f[2] = (f[2] == 1 ? c + 1 : 3001 + c); f[4] = f[4] "-" c;
          line = f[1]; for (k = 2; k <= 17; k++) line = line OFS f[k]; print line } }' \
  "$D/small-deu.csv" > "$TMPD/big.csv"
expect_eq "$(wc -l < "$TMPD/big.csv" | tr -d ' ')" "12001" "the large file"
cp "$D"/council-weights-*.csv "$TMPD/"

# over the limit: refused before the work, exit 2, nothing written
start=$(date +%s)
run timeout 60 "$PARLEY" backtest "$TMPD/big.csv" --eu27-from 3001 -o "$TMPD/big.txt"
expect_rc 2 "large file, default limit"
expect_err "over the limit of 1e+12" "large file"
expect_err "--blend-outer-folds" "large file: what to do"
[ $(( $(date +%s) - start )) -le 10 ] && ok || bad "large file: refused only after $(( $(date +%s) - start )) s"
[ ! -e "$TMPD/big.txt" ] && ok || bad "large file: -o written"
run timeout 60 "$PARLEY" backtest "$D/small-deu.csv" --max-work 1e-6
expect_rc 2 "--max-work below the estimate"; expect_err "over the limit of 1e+03" "--max-work 1e-6"

# --models without the blend: no blend, no cross-validation, seconds not hours
run timeout 60 "$PARLEY" backtest "$TMPD/big.csv" --eu27-from 3001 --models mean,median --resamples 200
expect_rc 0 "large file, --models mean,median"
expect_out "Issues: 12000 read, 9000 scored" "large file, --models mean,median"
grep -q "^Blend" "$TMPD/out" && bad "--models mean,median: the blend was reported" || ok
run timeout 60 "$PARLEY" backtest "$D/small-deu.csv" --models mean --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "blend" not in d and list(d["models"]) == ["mean"], d' \
  "$TMPD/out" && ok || bad "--models mean: JSON has a blend"

# --blend-outer-folds: K >= the proposals gives leave one proposal out's forecasts
run "$PARLEY" backtest "$D/small-deu.csv" --predictions "$TMPD/lopo.csv" -o /dev/null
expect_rc 0 "leave one out"
run "$PARLEY" backtest "$D/small-deu.csv" --predictions "$TMPD/k.csv" --blend-outer-folds 1000 --format json
expect_rc 0 "--blend-outer-folds 1000"
cmp -s "$TMPD/lopo.csv" "$TMPD/k.csv" && ok || bad "--blend-outer-folds 1000: forecasts differ from leave one out"
python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["blend"]; assert b["folds"] == 2 and b["outer_folds"] == 1000, b' \
  "$TMPD/out" && ok || bad "--blend-outer-folds 1000: JSON"
# 600 rows: 5 folds of 150 proposals, linear in the data
head -n 601 "$TMPD/big.csv" > "$TMPD/mid.csv"
run timeout 120 "$PARLEY" backtest "$TMPD/mid.csv" --eu27-from 3001 --blend-outer-folds 5 --resamples 100 --format json
expect_rc 0 "--blend-outer-folds 5"
python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["blend"]; assert b["folds"] == 5 and b["outer_folds"] == 5, b' \
  "$TMPD/out" && ok || bad "--blend-outer-folds 5: JSON"
run "$PARLEY" backtest "$D/small-deu.csv" --blend-outer-folds 5 --format text
expect_out "scored by 5-fold cross-validation over proposals, 2 folds" "--blend-outer-folds text"

# option errors
for bad_opt in "--blend-outer-folds 1" "--blend-outer-folds x" "--max-work -1" "--max-work 1e13"; do
  # shellcheck disable=SC2086
  run "$PARLEY" backtest "$D/small-deu.csv" $bad_opt
  expect_rc 2 "$bad_opt"
done
run "$PARLEY" backtest "$D/small-deu.csv" --max-work 0 --resamples 10
expect_rc 0 "--max-work 0 (no limit)"

# progress: on a terminal (script(1) gives one), per stage; never with --quiet or off a terminal
if command -v script >/dev/null; then
  script -qec "$PARLEY backtest $D/small-deu.csv -o $TMPD/p.txt" /dev/null > "$TMPD/tty" 2>&1
  grep -q "blend \[#" "$TMPD/tty" && grep -q "bootstrap \[#" "$TMPD/tty" && grep -q "estimated work" "$TMPD/tty" &&
    ok || bad "no progress on a terminal: $(head -c 300 "$TMPD/tty")"
  script -qec "$PARLEY backtest $D/small-deu.csv -o $TMPD/p.txt --quiet" /dev/null > "$TMPD/tty" 2>&1
  [ ! -s "$TMPD/tty" ] && ok || bad "progress with --quiet: $(head -c 300 "$TMPD/tty")"
else
  echo "SKIP: script(1) is absent: no terminal to show progress on"
fi
run "$PARLEY" backtest "$D/small-deu.csv" -o "$TMPD/p.txt"
[ ! -s "$TMPD/err" ] && ok || bad "progress off a terminal: $(head -c 300 "$TMPD/err")"

finish
