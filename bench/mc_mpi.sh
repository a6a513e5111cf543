#!/usr/bin/env bash
# bench/mc_mpi.sh - Monte Carlo draws per second of `parley forecast --mpi`
# under `mpirun -np 1` and `-np 2` (one worker thread per rank), next to one
# process with 1 and 2 threads, on a synthetic scenario of n = 30 actors x
# m = 10 issues with every position and salience uncertain (as bench/bench_mc.c).
# Wall and CPU time of the whole command (start-up, loading, the
# sensitivity's derivatives, the draws, MPI start-up and the reduction, the
# report), so the figures are below bench_mc's, which time the draws alone;
# "cores" is the CPU time all processes got per second (below 2 for a
# 2-way run: other processes shared the machine). Also checks that every
# run printed the same bytes.
#
# Usage: bench/mc_mpi.sh [PATH/TO/parley] [DRAWS_FAST] [DRAWS_ALL]
#   (defaults build/parley, 100000 draws for `--model mean`, 1000 for the
#   five one-issue models; the exchange model is left out: the derivatives
#   of its sensitivity, two runs across all issues per input, take over ten
#   minutes at this size). Run from the source root. About a minute on 2
#   cores.
set -u
PARLEY=${1:-build/parley}
FAST=${2:-100000}
ALL=${3:-1000}
command -v mpirun >/dev/null 2>&1 || { echo "SKIP: mpirun is absent"; exit 0; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)"; exit 1; }
[ -x "$PARLEY" ] || { echo "no parley binary at $PARLEY (build first, or pass its path)"; exit 1; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
S=$TMPD/synthetic-30x10.yaml

# the synthetic scenario (fixed LCG: the same file every time)
awk 'BEGIN {
  st = 12345
  print "parley: 1\ntitle: \"Synthetic 30 x 10\"\ndefaults:\n  uncertainty:\n    position: {sd: 10}\n    salience: {sd: 10}\nissues:"
  for (i = 0; i < 10; i++) { st = (st * 1103515245 + 12345) % 2147483648; printf "  - {id: i%d, title: \"Issue %d\", status_quo: %.4f}\n", i, i, 5 + 90 * st / 2147483648 }
  print "actors:"
  for (a = 0; a < 30; a++) {
    st = (st * 1103515245 + 12345) % 2147483648
    printf "  - id: a%d\n    name: \"Actor %d\"\n    capability: %.4f\n    positions:\n", a, a, 1 + 99 * st / 2147483648
    for (i = 0; i < 10; i++) {
      st = (st * 1103515245 + 12345) % 2147483648; x = 100 * st / 2147483648
      st = (st * 1103515245 + 12345) % 2147483648; s = 10 + 90 * st / 2147483648
      printf "      i%d: {position: %.4f, salience: %.4f}\n", i, x, s
    }
  }
}' > "$S"
"$PARLEY" validate "$S" >/dev/null || { echo "bad synthetic scenario"; exit 1; }

# bench LABEL DRAWS CMD... : run CMD under /usr/bin/time, print draws per
# second (wall) and per CPU second (all processes and threads; what the
# machine's load does not lower), keep the output
bench() {
  local label=$1 draws=$2
  shift 2
  /usr/bin/time -f '%e %U %S' -o "$TMPD/time.$label" "$@" > "$TMPD/out.$label" 2> "$TMPD/err.$label" \
    || { echo "  $label: failed: $(head -c 300 "$TMPD/err.$label")"; return 1; }
  read -r wall user sys < "$TMPD/time.$label"
  awk -v l="$label" -v d="$draws" -v w="$wall" -v c="$user" -v s="$sys" \
    'BEGIN { printf "  %-22s %7d draws %7.2f s %9.0f draws/s %5.2f cores %9.0f draws/cpu-s\n", l, d, w, d / w, (c + s) / w, d / (c + s) }'
  echo "$wall" > "$TMPD/secs.$label"
}

speedup() {
  awk -v a="$(cat "$TMPD/secs.$1")" -v b="$(cat "$TMPD/secs.$2")" -v l="$3" \
    'BEGIN { printf "  %s: speed-up %.2f, efficiency %.0f%%\n", l, a / b, 50 * a / b }'
}

same() {
  local ref=$1 f
  shift
  for f in "$@"; do
    cmp -s "$TMPD/out.$ref" "$TMPD/out.$f" || { echo "  DIFFER: $f vs $ref"; return 1; }
  done
  echo "  outputs byte-identical: $ref $*"
}

for set in fast all; do
  if [ $set = fast ]; then D=$FAST; M=(--model mean); title="capability-weighted mean alone"
  else D=$ALL; M=(--model mean,compromise,median,nbs,bdm); title="the five one-issue models (expected utility: paper, 10 rounds)"; fi
  echo "Synthetic n = 30 x m = 10, $title, $D draws, seed 1, JSON to a file"
  bench "$set-1proc-1thread" "$D" "$PARLEY" forecast "$S" --draws "$D" "${M[@]}" --threads 1 --format json
  bench "$set-1proc-2threads" "$D" "$PARLEY" forecast "$S" --draws "$D" "${M[@]}" --threads 2 --format json
  bench "$set-mpirun-np1" "$D" mpirun -np 1 "$PARLEY" forecast "$S" --draws "$D" "${M[@]}" --threads 1 --mpi --format json
  bench "$set-mpirun-np2" "$D" mpirun -np 2 --oversubscribe "$PARLEY" forecast "$S" --draws "$D" "${M[@]}" --threads 1 --mpi --format json
  speedup "$set-mpirun-np1" "$set-mpirun-np2" "2 ranks vs 1"
  speedup "$set-1proc-1thread" "$set-1proc-2threads" "2 threads vs 1"
  same "$set-1proc-1thread" "$set-1proc-2threads" "$set-mpirun-np1" "$set-mpirun-np2"
  echo
done
