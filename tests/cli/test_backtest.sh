#!/usr/bin/env bash
# End-to-end backtests: the hand-made datasets of tests/data/backtest (text,
# JSON, CSV, predictions; -o and --predictions write atomically; same input,
# same bytes), every class of data error with its FILE:LINE:COL naming the
# column, usage errors, and the development set ../shared/data/deu (its
# table printed, its structure checked, the blend's cross-validated MAE
# against the compromise model's as measured and documented in
# docs/backtest.md). Skips the development set with a printed reason when
# ../shared/data/deu is absent.
. "$(dirname "$0")/lib.sh"
D=tests/data/backtest
SHA=$(sha256sum "$D/small-deu.csv" | cut -d' ' -f1)
# the models a backtest scores, as its help lists them: its own ten, then the
# model table's others (src/lib/models/models.c)
BT_MODELS=$("$PARLEY" backtest --help | awk '/--models LIST/ { on = 1; next } on && /^  --/ { exit } on { print $1 }' | tr '\n' ' ')
NBT=$(echo $BT_MODELS | wc -w)

# ---- the small DEU dataset: text ----
run "$PARLEY" backtest "$D/small-deu.csv"
expect_rc 0 text
expect_out "Backtest of $D/small-deu.csv (DEU layout)" text
expect_out "sha256 $SHA" "text provenance"
expect_out "Issues: 4 read, 3 scored, 1 skipped (no_outcome 1); 2 proposals" "text counts"
expect_out "Blank saliences: 1 actor with a position on 1 scored issue, given the mean salience" "text blank saliences"
expect_out "Commission 2.5 / 11.33, Parliament 2.5 / 11.33" "text capabilities"
# median: errors 10, 10, 25 (tests/backtest/test_backtest.c); interval [10, 25] from the two proposals
expect_out "  median                     3  15.00 [10.00, 25.00]" "text median row"
for m in mean compromise median nbs bdm status-quo winset-compromise procedure-compromise pivot-mid blend; do
  grep -qE "^  $m +[0-9]+  " "$TMPD/out" && ok || bad "text: no row for $m"
done

# ---- JSON ----
run "$PARLEY" backtest "$D/small-deu.csv" --format json
expect_rc 0 json
cp "$TMPD/out" "$TMPD/a.json"
python3 - "$TMPD/a.json" "$SHA" "$BT_MODELS" <<'PY' && ok || bad "json contract"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["parley_version"] == "0.1.0"
assert d["dataset"]["path"].endswith("small-deu.csv") and d["dataset"]["sha256"] == sys.argv[2]
assert d["seed"] == 20120604 and d["resamples"] == 2000
assert d["issues_used"] == 3 and d["issues_skipped"] == 1 and d["skipped"] == {"no_outcome": 1}
names = ["mean", "compromise", "median", "nbs", "bdm", "status-quo", "winset-compromise",
         "procedure-compromise", "pivot-mid", "blend"]
assert sys.argv[3].split()[:10] == names, sys.argv[3]
assert list(d["models"]) == sys.argv[3].split(), list(d["models"])
for n, m in d["models"].items():
    for k in ["mae", "rmse", "median_ae", "within10", "within20"]:
        assert isinstance(m[k], (int, float)), (n, k)
        lo, hi = m[k + "_ci95"]
        assert lo <= hi, (n, k)
m = d["models"]["median"]
assert m["n"] == 3 and m["mae"] == 15 and m["mae_ci95"] == [10, 25] and m["median_ae"] == 10
assert d["models"]["status-quo"]["skipped"] == {"no_reference_point": 1}
# pivot-mid: the outcomes exactly (tests/backtest/test_backtest.c, test_backtest_pivots__known)
assert d["models"]["pivot-mid"]["n"] == 3 and d["models"]["pivot-mid"]["mae"] == 0
assert abs(d["models"]["mean"]["mae"] - (3 + 75 - 2800 / (136 / 3)) / 3) < 1e-12
b = d["blend"]
assert b["features"] == ["mean", "bdm", "pivot-lo", "pivot-hi", "ep", "com"] and b["fitted"] is False
assert b["select"] == "penalized" and b["inner_folds"] == 10 and b["lambdas"] == [400, 200, 100, 50]
assert b["goal_met"] is False and b["ratio"] == 1
# snapping is on by default; two folds of one or two training issues cannot fit it
sn = b["snap"]
assert sn["rule"] == "nearest" and sn["fitted"] is False and sn["folds_unfitted"] == 2, sn
assert sn["snapped"] == 0 and sn["unsnapped_mae"] == b["cv_mae"], sn
assert list(sn["coefficients"]) == ["constant", "distance", "capability", "com", "ep", "rp", "pivot", "end"]
PY
run "$PARLEY" backtest "$D/small-deu.csv" --format json
cmp -s "$TMPD/out" "$TMPD/a.json" && ok || bad "json differs between two runs"

# ---- CSV, --models, predictions ----
run "$PARLEY" backtest "$D/small-deu.csv" --format csv --models median,status-quo
expect_rc 0 csv
expect_eq "$(head -1 "$TMPD/out")" "model,n,mae,mae_lo,mae_hi,rmse,rmse_lo,rmse_hi,median_ae,median_ae_lo,median_ae_hi,within10,within10_lo,within10_hi,within20,within20_lo,within20_hi,skipped,parley_version,dataset_sha256,seed" "csv header"
expect_eq "$(wc -l < "$TMPD/out" | tr -d ' ')" "3" "csv rows"
# status quo: errors 50 and 30 (one proposal): RMSE sqrt(1700)
expect_out "status-quo,2,40,40,40,41.23105625617661,41.23105625617661,41.23105625617661,40,40,40,0,0,0,0,0,0,no_reference_point:1,0.1.0,$SHA,20120604" "csv status-quo row"

run "$PARLEY" backtest "$D/small-deu.csv" --predictions "$TMPD/p.csv" -o "$TMPD/t.txt" --models mean,median
expect_rc 0 "predictions"; expect_no_out "predictions with -o"
expect_eq "$(head -1 "$TMPD/p.csv")" "issue,proposal,outcome,reference_point,skipped,mean,median,parley_version,dataset_sha256" "predictions header"
expect_eq "$(sed -n 2p "$TMPD/p.csv")" "a1,1,50,0,,51,60,0.1.0,$SHA" "predictions a1"
expect_eq "$(sed -n 4p "$TMPD/p.csv")" "b1,70,,,no_outcome,,,0.1.0,$SHA" "predictions b1 skipped"
grep -q "Issues: 4 read" "$TMPD/t.txt" && ok || bad "-o text"
[ -z "$(ls "$TMPD" | grep '\.tmp\.')" ] && ok || bad "temporary file left behind"
run "$PARLEY" backtest "$D/small-deu.csv" --predictions "$TMPD/nodir/p.csv"
expect_rc 1 "predictions into a missing directory"

# ---- capabilities, seeds, the long layout ----
run "$PARLEY" backtest "$D/small-deu.csv" --capability equal,com=3 --predictions - --format csv --models mean --resamples 0
# a1: (3*20 + 80 + 40 + 60) / 6 = 40 (ep keeps the default, 1 = the mean of equal capabilities)
expect_out "a1,1,50,0,,40,0.1.0" "equal,com=3"
run "$PARLEY" backtest "$D/small-deu.csv" --format json --seed 5
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["seed"]==5' "$TMPD/out" && ok || bad "--seed"
run "$PARLEY" backtest "$D/small-positions.csv" --outcomes "$D/small-outcomes.csv" --format json --resamples 100
expect_rc 0 "long layout"
python3 - "$TMPD/out" "$TMPD/a.json" <<'PY' && ok || bad "long layout = DEU layout"
import json, sys
l, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert l["dataset"]["layout"] == "long" and l["dataset"]["outcomes"]["path"].endswith("small-outcomes.csv")
assert l["issues_used"] == 3 and l["skipped"] == {"no_outcome": 1}
for n in d["models"]:
    assert abs(l["models"][n]["mae"] - d["models"][n]["mae"]) < 1e-9, n
PY

# ---- data errors: FILE:LINE:COL naming the column, exit 2, nothing on stdout ----
expect_diag() {
  local label=$1 prefix=$2
  grep -qF -- "$prefix" "$TMPD/err" && ok || bad "$label: stderr lacks '$prefix' (stderr: $(head -c 500 "$TMPD/err"))"
}
mk() { printf '%s\n' "$@" > "$TMPD/bad.csv"; }
bad_case() {
  local label=$1 prefix=$2
  run "$PARLEY" backtest "$TMPD/bad.csv" --weights-dir "$D"
  expect_rc 2 "$label"; expect_no_out "$label"; expect_diag "$label" "$prefix"
}
mk "prnrnmc,isnrnmc,rp,pat,sat" "1,1,0,50,50"
bad_case "missing column" "$TMPD/bad.csv:1:1: error: missing column 'out'"
mk "prnrnmc,isnrnmc,rp,out,pat,sat" "1,1,0,50,abc,50"
bad_case "non-numeric cell" "$TMPD/bad.csv:2:10: error: not a number in column 'pat': 'abc'"
mk "prnrnmc,isnrnmc,rp,out,pat,sat" "1,1,0,50,120,50"
bad_case "position out of range" "$TMPD/bad.csv:2:10: error: a position out of range in column 'pat': 120 (a position from 0 to 100, or blank)"
mk "prnrnmc,isnrnmc,rp,out,pat,sat" "1,1,0,50,40"
bad_case "ragged row" "$TMPD/bad.csv:2:12: error: ragged row: 5 cells where the header has 6"
mk "prnrnmc,isnrnmc,rp,out,pat,sat" "1,1,0,50,40,50,1"
bad_case "ragged row (long)" "$TMPD/bad.csv:2:16: error: ragged row: 7 cells where the header has 6"
# every error of a file, not only the first
mk "prnrnmc,isnrnmc,rp,out,pat,sat" "1,1,0,50,abc,50" "1,2,0,x,40,50"
run "$PARLEY" backtest "$TMPD/bad.csv" --weights-dir "$D"
expect_eq "$(grep -c ': error: ' "$TMPD/err")" "2" "every error reported"
# long layout: errors in each file
printf 'issue,actor,position,salience,capability\nx,a,10,50,1\nx,b,10,50,z\n' > "$TMPD/p.csv"
printf 'issue,outcome,reference_point\nx,170,0\n' > "$TMPD/o.csv"
run "$PARLEY" backtest "$TMPD/p.csv" --outcomes "$TMPD/o.csv"
expect_rc 2 "long errors"
expect_diag "long capability" "$TMPD/p.csv:3:11: error: not a number in column 'capability': 'z'"
expect_diag "long outcome" "$TMPD/o.csv:2:3: error: an outcome out of range in column 'outcome': 170"
# a Council table that is missing or wrong
mk "prnrnmc,isnrnmc,rp,out,pat,sat" "1,1,0,50,40,50"
run "$PARLEY" backtest "$TMPD/bad.csv"
expect_rc 2 "no Council tables"
expect_diag "no Council tables" "$TMPD/council-weights-eu15.csv: error: cannot open"
printf 'abbr,weights,quota,banzhaf\nat,2,4,0.5\n' > "$TMPD/council-weights-eu15.csv"
cp "$D/council-weights-eu27.csv" "$TMPD/"
run "$PARLEY" backtest "$TMPD/bad.csv"
expect_rc 2 "bad Council table"
expect_diag "bad Council table" "$TMPD/council-weights-eu15.csv:1:1: error: missing column 'shapleyshubik'"
run "$PARLEY" backtest "$TMPD/missing.csv"
expect_rc 2 "missing dataset"; expect_diag "missing dataset" "$TMPD/missing.csv: error: cannot open"

# ---- usage ----
run "$PARLEY" backtest
expect_rc 2 "no dataset"
run "$PARLEY" backtest "$D/small-deu.csv" --models mean,nope
expect_rc 2 "unknown model"; expect_err "unknown model 'nope'" "unknown model"
run "$PARLEY" backtest "$D/small-deu.csv" --capability votes,com=-1
expect_rc 2 "bad com"
run "$PARLEY" backtest "$D/small-deu.csv" --capability data
expect_rc 2 "data on DEU"
run "$PARLEY" backtest "$D/small-positions.csv" --outcomes "$D/small-outcomes.csv" --capability banzhaf
expect_rc 2 "banzhaf on long"
run "$PARLEY" backtest "$D/small-deu.csv" --resamples x
expect_rc 2 "bad resamples"
run "$PARLEY" backtest "$D/small-deu.csv" --blend-features mean,slope
expect_rc 2 "bad blend feature"
run "$PARLEY" backtest "$D/small-deu.csv" --blend-select best
expect_rc 2 "bad blend select"; expect_err "unknown --blend-select 'best'" "blend select message"
run "$PARLEY" backtest "$D/small-deu.csv" --blend-inner-folds 1
expect_rc 2 "one inner fold"
run "$PARLEY" backtest "$D/small-deu.csv" --blend-select nested --format json
expect_rc 0 "nested json"
python3 - "$TMPD/out" <<'PY' && ok || bad "nested json fields"
import json, sys
b = json.load(open(sys.argv[1]))["blend"]
assert b["select"] == "nested" and b["inner_folds"] == 10 and b["folds"] == 2, b
assert set(b["fold_chose"]) == set(b["features"]) and b["fold_modal_count"] <= b["folds"], b
PY
run "$PARLEY" backtest "$D/small-deu.csv" --blend-lambdas 100,0
expect_rc 2 "zero penalty"; expect_err "bad --blend-lambdas '100,0'" "penalty message"
run "$PARLEY" backtest "$D/small-deu.csv" --blend-select penalized --blend-lambdas 7,3 --format json
expect_rc 0 "penalized json"
python3 - "$TMPD/out" <<'PY' && ok || bad "penalized json fields"
import json, sys
b = json.load(open(sys.argv[1]))["blend"]
assert b["select"] == "penalized" and b["lambdas"] == [7, 3] and len(b["fold_lambda"]) == 3, b
assert sum(b["fold_lambda"]) == b["folds"] == 2 and len(b["interactions"]) == 16, b
assert "mean*width" in b["interactions"] and "ep*eu27" in b["interactions"] and len(b["z_sd"]) == 8, b
PY
run "$PARLEY" backtest "$D/small-deu.csv" --blend-snap off --format json
expect_rc 0 "snap off"
python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["blend"]; assert b["snap"] == {"rule": "off", "unsnapped_mae": b["cv_mae"]}, b' "$TMPD/out" && ok || bad "snap off json"
run "$PARLEY" backtest "$D/small-deu.csv" --blend-snap always
expect_rc 2 "bad blend snap"; expect_err "unknown --blend-snap 'always' (nearest or off)" "blend snap message"
# Snapping worked out by hand (tests/backtest/test_backtest.c, test_backtest_snap__known): the blend is
# the median of the training outcomes, 50 in every fold; the learned change in error is d (-3 +
# 0.2 d), so the issues whose nearest coded position is 10 away (b1, b2 an actor's, b3 the
# reference point) move onto it, those 20 away (a1..a6) stay at 50.
printf '%s\n' "issue,actor,position,salience,capability" a1,x,30,50,1 a1,y,95,50,1 a2,x,70,50,1 a2,y,5,50,3 \
  a3,x,30,50,3 a3,y,88,50,1 a4,x,70,50,2 a4,y,8,50,2 a5,x,30,50,1 a5,y,91,50,4 a6,x,70,50,4 a6,y,12,50,1 \
  b1,x,40,50,1 b1,y,85,50,1 b2,x,60,50,3 b2,y,15,50,1 b3,x,30,50,1 b3,y,90,50,2 > "$TMPD/snap-p.csv"
printf '%s\n' "issue,outcome,reference_point" a1,50, a2,50, a3,50, a4,50, a5,50, a6,50, b1,40, b2,60, b3,60,60 \
  > "$TMPD/snap-o.csv"
run "$PARLEY" backtest "$TMPD/snap-p.csv" --outcomes "$TMPD/snap-o.csv" --blend-select fixed \
  --blend-features intercept --blend-inner-folds 0 --resamples 0 --models blend --predictions "$TMPD/snap.csv"
expect_rc 0 "snap by hand"
expect_out "snapped 3 of 9 held-out forecasts, 3 onto the outcome exactly; before snapping the cross-validated MAE is 3.33" "snap text"
python3 - "$TMPD/snap.csv" <<'PY' && ok || bad "snap by hand: predictions"
import csv, sys
p = {r["issue"]: float(r["blend"]) for r in csv.DictReader(open(sys.argv[1]))}
assert p["b1"] == 40 and p["b2"] == 60 and p["b3"] == 60, p
assert all(abs(p["a%d" % i] - 50) < 1e-4 for i in range(1, 7)), p
PY
run "$PARLEY" backtest "$D/small-deu.csv" --formt json
expect_rc 2 "unknown option"; expect_err "did you mean '--format'" "hint"
run "$PARLEY" backtest --help
expect_rc 0 help; expect_out "--predictions FILE" help
run "$PARLEY" help backtest
expect_rc 0 "help backtest"; expect_out "winset-compromise" "help lists the models"

# ---- the development set ----
if need_shared data/deu/deu2-dev.csv; then
  DEV=$SHARED/data/deu/deu2-dev.csv
  # The default blend's nested cross-validation takes about 19 s of CPU (docs/backtest.md), twenty
  # times that under AddressSanitizer: one run checks its figures, in the plain build only; the
  # text, the determinism and the ASan build use the fixed blend (a quarter of a second).
  FIXED="--blend-select fixed --blend-features compromise,mean,median,bdm --blend-snap off"
  if nm -C "$PARLEY" 2>/dev/null | grep -q __asan_init; then SANITIZED=1; else SANITIZED=0; fi
  run "$PARLEY" backtest "$DEV" $FIXED
  expect_rc 0 "dev text"
  echo "---- parley backtest $DEV ----"
  cat "$TMPD/out"
  echo "----"
  expect_out "Issues: 257 read, 250 scored, 7 skipped (no_outcome 7); 92 proposals" "dev counts"
  expect_out "Blank saliences: 24 actors with a position on 10 scored issues" "dev blank saliences"
  for m in mean compromise median bdm pivot-mid blend; do
    grep -qE "^  $m +250  " "$TMPD/out" && ok || bad "dev: $m not scored on 250 issues"
  done
  for m in nbs status-quo winset-compromise procedure-compromise; do
    grep -qE "^  $m +176  " "$TMPD/out" && ok || bad "dev: $m not scored on 176 issues"
    grep -qE "^  $m +no_reference_point 74$" "$TMPD/out" && ok || bad "dev: $m skip count"
  done
  if [ "$SANITIZED" = 1 ]; then
    echo "note: ASan build: the default (penalized) blend's dev figures are checked by the plain build only"
  else
  run "$PARLEY" backtest "$DEV" --format json
  expect_rc 0 "dev json"
  cp "$TMPD/out" "$TMPD/dev.json"
  # Measured and documented in docs/backtest.md: compromise 23.98; the penalized blend 22.10 before
  # snapping (ratio 0.921; the Python prototype's linear-programming fit gave 22.18), 21.31 after
  # (ratio 0.889: the goal's 10%). The snapped figure, its 163 moves and 70 exact hits were
  # recomputed by a separate Python implementation of the snapping (candidates, nearest position,
  # least squares, decision) from parley's blend forecasts: 21.3124577349, 163, 70.
  python3 - "$TMPD/dev.json" "$NBT" <<'PY' && ok || bad "dev: the measured numbers (docs/backtest.md) changed"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["issues_used"] == 250 and d["issues_skipped"] == 7 and d["skipped"] == {"no_outcome": 7}
assert len(d["models"]) == int(sys.argv[2])
# the midpoint of the Council's qualified-majority pivots, no fit (docs/backtest.md): 22.952,
# as an independent Python computation of the same definition gave
assert abs(d["models"]["pivot-mid"]["mae"] - 22.952) < 1e-9, d["models"]["pivot-mid"]["mae"]
c, b = d["models"]["compromise"]["mae"], d["blend"]
assert abs(c - 23.9838) < 5e-4, c
s = b["snap"]
assert abs(s["unsnapped_mae"] - 22.0977) < 5e-4, s["unsnapped_mae"]
assert abs(b["cv_mae"] - 21.3125) < 5e-4, b["cv_mae"]
assert s["rule"] == "nearest" and s["fitted"] is True and s["folds_unfitted"] == 0, s
assert s["snapped"] == 163 and s["snapped_exact"] == 70, s
assert b["cv_mae"] < c and b["goal_met"] is True and 0.88 < b["ratio"] < 0.89, b["ratio"]
assert b["ratio_ci95"][1] < 1 and b["fold_lambda"] == [0, 48, 44, 0, 0] and b["lambda"] == 400, b
assert d["models"]["blend"]["mae"] == b["cv_mae"]
assert b["folds"] == 92 and b["fitted"] is True
PY
  fi
  # The first blend (fixed: compromise, mean, median, bdm): 23.48, ratio 0.979 (docs/backtest.md)
  run "$PARLEY" backtest "$DEV" --format json $FIXED
  expect_rc 0 "dev json, fixed blend"
  cp "$TMPD/out" "$TMPD/dev-fixed.json"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); b=d["blend"]; assert abs(b["cv_mae"] - 23.4768) < 5e-4, b; assert d["issues_used"] == 250 and len(d["models"]) == int(sys.argv[2])' \
    "$TMPD/out" "$NBT" && ok || bad "dev: the fixed blend's figure (docs/backtest.md) changed"
  # The same blend snapped: worse, 23.60 (the Python reimplementation of the snapping: 23.5977668380)
  run "$PARLEY" backtest "$DEV" --format json --resamples 0 ${FIXED% --blend-snap off}
  python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["blend"]; assert abs(b["cv_mae"] - 23.5978) < 5e-4 and abs(b["snap"]["unsnapped_mae"] - 23.4768) < 5e-4, b' \
    "$TMPD/out" && ok || bad "dev: the first blend snapped (docs/backtest.md) changed"
  run "$PARLEY" backtest "$DEV" --format json $FIXED
  cmp -s "$TMPD/out" "$TMPD/dev-fixed.json" && ok || bad "dev json differs between two runs"
  # Nested selection (docs/backtest.md): choosing the blend's features by cross-validation, inside
  # each fold (here a 10-fold inner cross-validation, to keep the test short), is worse out of
  # sample than the fixed blend, while the plain leave-one-proposal-out MAE of the subset chosen on
  # all issues (compromise,mean,bdm: 23.21) looks better than it is.
  run "$PARLEY" backtest "$DEV" --format json --resamples 0 --blend-select nested --blend-inner-folds 10 \
    --blend-features compromise,mean,median,bdm --blend-snap off
  expect_rc 0 "dev nested"
  python3 - "$TMPD/out" <<'PY' && ok || bad "dev: the nested figures (docs/backtest.md) changed"
import json, sys
b = json.load(open(sys.argv[1]))["blend"]
assert b["select"] == "nested" and b["inner_folds"] == 10 and b["folds"] == 92
assert b["chosen"] == ["compromise", "mean", "bdm"], b["chosen"]
assert abs(b["chosen_lopo_mae"] - 23.2071) < 5e-4, b["chosen_lopo_mae"]
assert abs(b["cv_mae"] - 24.3884) < 5e-4, b["cv_mae"]
assert b["cv_mae"] > b["chosen_lopo_mae"] and b["goal_met"] is False
PY
fi

finish
