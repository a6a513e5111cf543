#!/usr/bin/env bash
# Monte Carlo from the command line (parley forecast --draws --seed --threads
# --quiet --mpi) on tests/data/mc/kinds.yaml: the JSON contract of issue 5 and
# docs/output.md (top-level "seed" and "draws"; per issue and model a
# "distribution" with mean, sd, quantiles "5".."95", zones and histogram;
# feasibility.probability; sensitivity), byte-identical output for 1, 2 and 3
# threads and for 2 MPI ranks, the text and CSV additions, usage errors (exit
# 2) and a silent stderr when it is not a terminal.
. "$(dirname "$0")/lib.sh"
S=tests/data/mc/kinds.yaml
D=3000   # not a multiple of the 64-draw blocks: the last block is partial

# ---- JSON contract ---------------------------------------------------------
run "$PARLEY" forecast "$S" --draws $D --seed 7 --threads 1 --format json
expect_rc 0 "json, 1 thread"
# no progress bar when stderr is not a terminal
# (kinds.yaml has one warning: north's red line excludes the status quo)
[ -z "$(grep -v ': warning: ' "$TMPD/err")" ] && ok || bad "stderr holds more than warnings on success: $(head -c 300 "$TMPD/err")"
cp "$TMPD/out" "$TMPD/t1.json"
python3 - "$TMPD/t1.json" $D <<'PY' && ok || bad "json contract"
import json, math, sys
d = json.load(open(sys.argv[1])); N = int(sys.argv[2])
assert d["seed"] == 7 and d["draws"] == N, (d["seed"], d["draws"])
assert [i["id"] for i in d["issues"]] == ["trade", "levy"]
models = d["options"]["models"]   # every model, in the library's order
# the one-issue models run in every draw (the NBS needs a status quo: not on levy)
always = {"mean", "compromise", "median", "nbs", "bdm"}
assert always <= set(models), models
for iss in d["issues"]:
    lo, hi = iss["scale"]
    zones = [z["name"] for z in iss["zones"]]
    assert list(iss["models"]) == models, (list(iss["models"]), models)
    for name, m in iss["models"].items():
        if iss["id"] == "levy" and name == "nbs":
            # no status quo: the NBS has an error and no distribution
            assert "error" in m and "distribution" not in m, m
            continue
        if "error" in m and name not in always:
            continue
        dist = m["distribution"]
        assert dist["draws"] == N
        if name in always:
            assert dist["ok"] == N, (iss["id"], name, dist["ok"])
        elif dist["ok"] == 0:
            assert dist["mean"] is None and dist["quantiles"]["50"] is None
            continue
        assert lo <= dist["mean"] <= hi and dist["sd"] > 0
        q = dist["quantiles"]
        assert list(q) == ["5", "25", "50", "75", "95"], list(q)
        vals = [q[k] for k in ("5", "25", "50", "75", "95")]
        assert all(lo <= v <= hi for v in vals) and vals == sorted(vals), vals
        assert list(dist["zones"]) == zones, (dist["zones"], zones)
        assert all(0 <= p <= 1 for p in dist["zones"].values())
        h = dist["histogram"]
        assert h["lo"] == lo and h["hi"] == hi and h["bins"] == len(h["counts"]) == 20
        assert sum(h["counts"]) == dist["ok"]
        # a zone's probability is at most the share of the bins it touches
        # (one bin more on each side: the 20 bins are unions of the 1024
        # fine ones, so their edges sit up to (hi - lo) / 1024 off)
        for z in iss["zones"]:
            zlo, zhi = z["range"]; w = (hi - lo) / 20
            b0, b1 = max(0, int((zlo - lo) // w) - 1), min(19, int((zhi - lo) // w) + 1)
            assert dist["zones"][z["name"]] <= sum(h["counts"][b0:b1 + 1]) / N + 1e-12
    p = iss["feasibility"]["probability"]
    assert 0 <= p["agreement_possible"] <= 1
    if iss["id"] == "trade":
        # the House judges trade (its blocs have ideals on trade only)
        assert list(p["ratified"]) == ["house"] and 0 <= p["ratified"]["house"] <= p["agreement_possible"]
    else:
        assert p["ratified"] == {}
    sens = iss["sensitivity"]
    assert set(sens) == set(iss["models"]), sens.keys()
    assert len({len(rows) for rows in sens.values()}) == 1  # the issue's inputs, for every model
    for name, rows in sens.items():
        assert len(rows) > 0
        shares = [r["variance_share"] for r in rows]
        assert shares == sorted(shares, reverse=True), (name, shares)
        assert all(0 <= s <= 1 + 1e-12 for s in shares)
        for r in rows:
            assert r["input"] in ("position", "salience", "capability", "status_quo",
                                  "red_line_low", "red_line_high"), r
            assert (r["actor"] is None) == (r["input"] == "status_quo"), r
            assert isinstance(r["derivative"], (int, float)) and math.isfinite(r["derivative"])
# trade: the status quo is uncertain (sd 3) and an input of trade only
assert any(r["input"] == "status_quo" for r in d["issues"][0]["sensitivity"]["nbs"])
assert not any(r["input"] == "status_quo" for r in d["issues"][1]["sensitivity"]["mean"])
PY

# ---- same seed, same bytes for 1, 2 and 3 threads; another seed differs -----
for t in 2 3; do
  run "$PARLEY" forecast "$S" --draws $D --seed 7 --threads $t --format json
  expect_rc 0 "json, $t threads"
  cmp -s "$TMPD/out" "$TMPD/t1.json" && ok || bad "--threads $t output differs from --threads 1"
done
run "$PARLEY" forecast "$S" --draws $D --seed 8 --threads 2 --format json
expect_rc 0 "seed 8"
cmp -s "$TMPD/out" "$TMPD/t1.json" && bad "--seed 8 gives the same bytes as --seed 7" || ok
python3 - "$TMPD/out" <<'PY' && ok || bad "seed 8 recorded"
import json, sys
assert json.load(open(sys.argv[1]))["seed"] == 8
PY
# the seed's default is 1, and --seed 1 gives the same bytes as no --seed
run "$PARLEY" forecast "$S" --draws 500 --format json
cp "$TMPD/out" "$TMPD/default.json"
run "$PARLEY" forecast "$S" --draws 500 --seed 1 --format json
cmp -s "$TMPD/out" "$TMPD/default.json" && ok || bad "--seed 1 differs from the default seed"

# ---- a model alone gives the same distribution and sensitivity as in the full
# run (same draws, same inputs; the models do not share state) ----------------
run "$PARLEY" forecast "$S" --draws $D --seed 7 --model compromise,median --format json
expect_rc 0 "--model compromise,median with --draws"
python3 - "$TMPD/out" "$TMPD/t1.json" <<'PY' && ok || bad "--model compromise,median: distribution or sensitivity differs from the full run"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["options"]["models"] == ["compromise", "median"]
for ia, ib in zip(a["issues"], b["issues"]):
    assert set(ia["models"]) == {"compromise", "median"}
    assert set(ia["sensitivity"]) == {"compromise", "median"}
    for m in ("compromise", "median"):
        assert ia["models"][m]["distribution"] == ib["models"][m]["distribution"], m
        assert ia["sensitivity"][m] == ib["sensitivity"][m], m
PY

# ---- MPI: 2 ranks give the one-process bytes --------------------------------
if ! command -v mpirun >/dev/null 2>&1; then
  echo "SKIP: mpirun is absent; --mpi with 2 ranks not tested"
elif "$PARLEY" forecast "$S" --draws 10 --mpi --quiet 2>&1 >/dev/null | grep -q "without MPI"; then
  echo "SKIP: this parley was built without MPI; --mpi with 2 ranks not tested"
else
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader
  # under AddressSanitizer (make asan) LeakSanitizer reports Open MPI's own
  # allocations (libmpi and its plug-ins); parley's are checked by the
  # one-process runs above and below
  ASAN_SAVED=${ASAN_OPTIONS-}
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  run mpirun -np 2 --oversubscribe "$PARLEY" forecast "$S" --draws $D --seed 7 --mpi --format json
  expect_rc 0 "mpirun -np 2"
  cmp -s "$TMPD/out" "$TMPD/t1.json" && ok || bad "2 MPI ranks differ from one process"
  # 3 ranks: part 2 of 3 gets blocks 2, 5, ... of 47
  run mpirun -np 3 --oversubscribe "$PARLEY" forecast "$S" --draws $D --seed 7 --mpi --threads 1 --format json
  expect_rc 0 "mpirun -np 3"
  cmp -s "$TMPD/out" "$TMPD/t1.json" && ok || bad "3 MPI ranks differ from one process"
  # text too, and one rank under mpirun is the plain run
  run "$PARLEY" forecast "$S" --draws $D --seed 7 --threads 1
  cp "$TMPD/out" "$TMPD/t1.txt"
  run mpirun -np 2 --oversubscribe "$PARLEY" forecast "$S" --draws $D --seed 7 --mpi
  expect_rc 0 "mpirun -np 2, text"
  cmp -s "$TMPD/out" "$TMPD/t1.txt" && ok || bad "2 MPI ranks: text differs"
  run mpirun -np 1 "$PARLEY" forecast "$S" --draws $D --seed 7 --mpi --format json
  expect_rc 0 "mpirun -np 1"
  cmp -s "$TMPD/out" "$TMPD/t1.json" && ok || bad "1 MPI rank differs from one process"
  export ASAN_OPTIONS="$ASAN_SAVED"
fi

# ---- text: the distribution table and the tornado ---------------------------
run "$PARLEY" forecast "$S" --draws $D --seed 7
expect_rc 0 text
expect_out "Over $D draws (seed 7)       Mean      SD      5%     25%     50%     75%     95%" text
expect_out "What moves the compromise forecast" "text tornado"
expect_out "    zones: little change " "text zones"
expect_out "Nash bargaining solution        n/a in every draw" "text NBS without status quo"
expect_out "Over the draws an agreement is possible in " "text agreement probability"
expect_out "House ratifies part of it in " "text ratification probability"
grep -qE '^    position of North +#+ +[0-9]+%  [+-][0-9.]+' "$TMPD/out" && ok || bad "tornado row of North's position"
# without --draws: no Monte Carlo section
run "$PARLEY" forecast "$S"
expect_rc 0 "text without draws"
grep -q "Over .* draws" "$TMPD/out" && bad "a point forecast shows a distribution" || ok

# ---- CSV: the extra columns -------------------------------------------------
run "$PARLEY" forecast "$S" --draws $D --seed 7 --format csv
expect_rc 0 csv
python3 - "$TMPD/out" $D "$TMPD/t1.json" <<'PY' && ok || bad "csv columns"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1])))
models = json.load(open(sys.argv[3]))["options"]["models"]
head = rows[0]
extra = ["draws", "mc_mean", "mc_sd", "mc_q5", "mc_q25", "mc_q50", "mc_q75", "mc_q95"]
assert head[-8:] == extra, head
assert len(rows) == 1 + 2 * len(models), (len(rows), models)
for r in rows[1:]:
    assert len(r) == len(head), r
    rec = dict(zip(head, r))
    assert rec["draws"] == sys.argv[2]
    if rec["model"] not in ("mean", "compromise", "median", "nbs", "bdm"):
        continue  # a model across issues: not drawn per issue
    if rec["issue"] == "levy" and rec["model"] == "nbs":
        assert all(rec[k] == "" for k in extra[1:]), r
    else:
        q = [float(rec[k]) for k in extra[3:]]
        assert q == sorted(q) and float(rec["mc_sd"]) > 0, r
PY
run "$PARLEY" forecast "$S" --format csv
grep -q "mc_mean" "$TMPD/out" && bad "csv without --draws has Monte Carlo columns" || ok

# ---- a progress bar on a terminal only, and never with --quiet --------------
# (script(1) needs a pseudo-terminal, which a container may not give: the
# check then skips with a printed reason, and the rest of the test runs)
if have_pty; then
  script -qec "$PARLEY forecast $S --draws 20000 --threads 1 -o $TMPD/tty.txt" /dev/null > "$TMPD/tty" 2>&1
  grep -q "100% 20000/20000 draws" "$TMPD/tty" && ok || bad "no progress bar on a terminal: $(head -c 200 "$TMPD/tty")"
  script -qec "$PARLEY forecast $S --draws 20000 --threads 1 --quiet -o $TMPD/tty.txt" /dev/null > "$TMPD/tty" 2>&1
  grep -q "draws" "$TMPD/tty" && bad "a progress bar despite --quiet" || ok
else
  echo "SKIP: script(1) is absent or cannot open a pseudo-terminal here; the terminal progress bar is not tested"
fi

# ---- usage errors: exit 2 ---------------------------------------------------
for bad_draws in 0 -5 abc 2147483649 1e3 ""; do
  run "$PARLEY" forecast "$S" --draws "$bad_draws"
  expect_rc 2 "--draws '$bad_draws'"
  expect_no_out "--draws '$bad_draws'"
done
expect_err "bad --draws '' (a whole number from 1 to 2147483648)" "--draws message"
for bad_seed in -1 18446744073709551616 x 1.5; do
  run "$PARLEY" forecast "$S" --draws 10 --seed "$bad_seed"
  expect_rc 2 "--seed '$bad_seed'"
done
run "$PARLEY" forecast "$S" --draws 10 --seed 18446744073709551615 --format json
expect_rc 0 "--seed 2^64-1"
for bad_threads in 0 1025 two -1; do
  run "$PARLEY" forecast "$S" --draws 10 --threads "$bad_threads"
  expect_rc 2 "--threads '$bad_threads'"
done
run "$PARLEY" forecast "$S" --draws
expect_rc 2 "--draws without a value"
run "$PARLEY" forecast "$S" --mpi
expect_rc 2 "--mpi without --draws"
expect_err "--mpi splits Monte Carlo draws: give --draws N" "--mpi message"
finish
