#!/usr/bin/env bash
# Write every user-visible output that must not change across a refactor into
# OUTDIR, so two builds can be compared byte for byte:
#   scripts/snapshot.sh build /tmp/before   (old build)
#   scripts/snapshot.sh build /tmp/after    (new build)
#   diff -r /tmp/before /tmp/after
# The flagship (text, JSON, CSV, Monte Carlo, packages, trace, HTML report),
# the car-emissions table (every profile) and the development-set backtest.
# Inputs under ../shared/data are skipped with a printed reason when absent.
set -euo pipefail
BUILD=${1:?usage: scripts/snapshot.sh BUILD_DIR OUTDIR}
OUT=${2:?usage: scripts/snapshot.sh BUILD_DIR OUTDIR}
P=$(cd "$BUILD" && pwd)/parley
F=examples/security-guarantees-2022.yaml
CAR=../shared/data/bdm1994/car-emissions-actors.csv
DEU=../shared/data/deu/deu2-dev.csv
mkdir -p "$OUT"
run() { # NAME CMD...: stdout to NAME, stderr to NAME.err, status to NAME.rc
	local name=$1; shift
	set +e; "$@" >"$OUT/$name" 2>"$OUT/$name.err"; echo $? >"$OUT/$name.rc"; set -e
}
run flagship.txt $P forecast $F
run flagship.json $P forecast $F --format json
run flagship.csv $P forecast $F --format csv
run flagship-mc.json $P forecast $F --format json --draws 2000 --seed 7 --quiet --threads 2
run flagship-mc.txt $P forecast $F --draws 2000 --seed 7 --quiet --threads 2
run flagship-mc.csv $P forecast $F --format csv --draws 2000 --seed 7 --quiet --threads 2
run flagship-pk.json $P forecast $F --format json --packages 3
run flagship-trace.txt $P forecast $F --trace missiles --model bdm
# the report names its input: render it from inside OUT so the name is the same
(cd "$OUT" && run() { set +e; "$@" >flagship-report.log 2>&1; echo $? >flagship-report.rc; set -e; } &&
	run $P report flagship-mc.json -o flagship-report.html)
run validate.txt $P validate $F tests/data/minimal.yaml tests/data/institutions.yaml
if [ -e "$CAR" ]; then
	run car.txt $P forecast $CAR --scale 0,20
	run car.json $P forecast $CAR --scale 0,20 --format json
	run car-compat.txt $P forecast $CAR --scale 0,20 --model bdm --bdm-profile compat --rounds 8
else
	echo "snapshot: SKIP car emissions: $CAR is absent" >&2
fi
if [ -e "$DEU" ]; then
	run deu.txt $P backtest $DEU
	run deu.json $P backtest $DEU --format json
else
	echo "snapshot: SKIP backtest: $DEU is absent" >&2
fi
echo "snapshot: $(ls "$OUT" | wc -l) files in $OUT" >&2
