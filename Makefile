# Thin wrapper around CMake/CTest. `make run` and `make test` install what is
# missing (Debian 12 packages, see scripts/install-deps.sh), build and run.
BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build run test asan memcheck bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DBUILD_TESTS=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/parley forecast examples/security-guarantees-2022.yaml

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan: deps
	cmake -S . -B build-asan -DPARLEY_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-asan -j $(JOBS)
	ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# Every unit test (build/tests/test_*) once under valgrind memcheck: any
# memory error, any definitely or indirectly lost block, or a failing test
# fails the target. Each test's valgrind output is kept in
# $(BUILD)/memcheck/NAME.log and printed when it fails.
VALGRIND ?= valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
            --errors-for-leak-kinds=definite,indirect --track-origins=yes
memcheck: build
	@command -v valgrind >/dev/null || { echo "memcheck: installing valgrind" >&2; \
	  if [ "$$(id -u)" -ne 0 ]; then s=sudo; else s=; fi; \
	  DEBIAN_FRONTEND=noninteractive $$s apt-get install -y -qq --no-install-recommends valgrind; }
	@mkdir -p $(BUILD)/memcheck; fail=0; n=0; \
	for t in $(BUILD)/tests/test_*; do [ -f "$$t" ] && [ -x "$$t" ] || continue; \
	  name=$${t##*/}; n=$$((n + 1)); \
	  if PARLEY_ALLOC_FULL_QUICK=1 $(VALGRIND) "$$t" >$(BUILD)/memcheck/$$name.log 2>&1; then echo "memcheck: $$name: ok"; \
	  else echo "memcheck: $$name: FAILED (exit $$?; $(BUILD)/memcheck/$$name.log)" >&2; \
	    tail -n 60 $(BUILD)/memcheck/$$name.log >&2; fail=1; fi; \
	done; [ "$$n" -gt 0 ] || { echo "memcheck: no unit tests in $(BUILD)/tests" >&2; exit 1; }; \
	exit $$fail

# Benchmarks (bench/*.c): print timings; not part of the tests.
bench: build
	@for b in $(BUILD)/bench_*; do [ -x "$$b" ] && { echo "== $$b"; "$$b"; }; done

# libFuzzer (clang): `make fuzz FUZZ_SECONDS=1800`; new inputs land in build-fuzz/corpus.
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake -S . -B build-fuzz -DBUILD_FUZZERS=ON -DBUILD_TESTS=OFF -DBUILD_BENCH=OFF -DCMAKE_C_COMPILER=clang
	cmake --build build-fuzz -j $(JOBS)
	@for f in build-fuzz/fuzz/fuzz_*; do case "$$f" in *_replay) continue;; esac; \
	  n=$${f##*/fuzz_}; mkdir -p build-fuzz/corpus/$$n; \
	  "$$f" -max_total_time=$(FUZZ_SECONDS) build-fuzz/corpus/$$n fuzz/corpus/$$n || exit 1; done

clean:
	rm -rf $(BUILD) build-asan build-fuzz
