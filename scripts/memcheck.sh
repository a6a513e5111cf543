#!/usr/bin/env bash
# scripts/memcheck.sh BUILD_DIR JOBS - every unit test (BUILD_DIR/tests/test_*)
# once under valgrind memcheck, JOBS at a time: any memory error, any
# definitely or indirectly lost block, or a failing test fails the run.
# Each test's valgrind output is kept in BUILD_DIR/memcheck/NAME.log and
# printed when it fails. VALGRIND overrides the command (add
# --track-origins=yes to find where an uninitialised value came from; it
# doubles the time). The allocation-failure test samples its N under
# valgrind (PARLEY_ALLOC_FULL_QUICK=1; make test and make asan run every N).
set -u
build=${1:-build}
jobs=${2:-2}
VALGRIND=${VALGRIND:-valgrind --error-exitcode=99 --leak-check=full \
  --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect}
if ! command -v valgrind >/dev/null; then
	echo "memcheck: installing valgrind" >&2
	if [ "$(id -u)" -ne 0 ]; then s=sudo; else s=; fi
	DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq --no-install-recommends valgrind || exit 1
fi
mkdir -p "$build/memcheck"
tests=()
for t in "$build"/tests/test_*; do
	[ -f "$t" ] && [ -x "$t" ] && tests+=("$t")
done
[ "${#tests[@]}" -gt 0 ] || { echo "memcheck: no unit tests in $build/tests" >&2; exit 1; }
export PARLEY_ALLOC_FULL_QUICK=1 VALGRIND build
one() {
	name=${1##*/}
	start=$SECONDS
	if $VALGRIND "$1" >"$build/memcheck/$name.log" 2>&1; then
		echo "memcheck: $name: ok ($((SECONDS - start)) s)"
	else
		rc=$?
		echo "memcheck: $name: FAILED (exit $rc; $build/memcheck/$name.log)" >&2
		tail -n 60 "$build/memcheck/$name.log" >&2
		return 1
	fi
}
export -f one
printf '%s\n' "${tests[@]}" | xargs -P "$jobs" -I{} bash -c 'one "$@"' _ {}
rc=$?
[ "$rc" -eq 0 ] && echo "memcheck: ${#tests[@]} unit tests, no errors, no leaks"
exit $(( rc != 0 ))
