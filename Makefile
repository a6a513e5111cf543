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

# Every unit test (build/tests/test_*) once under valgrind memcheck, $(JOBS)
# at a time (scripts/memcheck.sh): any memory error, any definitely or
# indirectly lost block, or a failing test fails the target.
memcheck: build
	@bash scripts/memcheck.sh $(BUILD) $(JOBS)

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
