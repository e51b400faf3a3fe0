# Two commands do all the set-up on a fresh Debian 12 machine:
#   make demo   install what is missing, build, run `enforce` on the Tianjin rules and sample cases
#   make test   install what is missing, build, run every test (C, C under ASan+UBSan, Python, Java)
# Other targets: build, asan, bench, fuzz, coverage, clean.

BUILD     ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
JOBS      ?= $(shell nproc)
CMAKE_GEN := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
PYTHON    := /usr/bin/python3

.PHONY: all deps build demo test test-c test-asan test-tsan asan bench fuzz coverage clean

all: build

deps:
	@tools/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython3_EXECUTABLE=$(PYTHON)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@tools/demo.sh $(BUILD)/libenforce/enforce

test-c: build
	ctest --test-dir $(BUILD) -j $(JOBS) --output-on-failure

asan: deps
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DENFORCE_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	G_SLICE=always-malloc G_DEBUG=gc-friendly \
	ctest --test-dir $(ASAN_BUILD) -j $(JOBS) --output-on-failure

# ThreadSanitizer needs its own build; the tests that run threads run there.
test-tsan: deps
	cmake -S . -B $(TSAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENFORCE_TSAN=ON
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target test-concurrency test-batch
	G_SLICE=always-malloc TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	ctest --test-dir $(TSAN_BUILD) -R '^test-(concurrency|batch)$$' --output-on-failure

test: test-c test-asan test-tsan

# --- bench, fuzz, coverage (docs/performance.md, docs/reliability.md) ------
# make bench [BENCH_ARGS="--large 0 --runs 3"]   throughput table + allocations per recommendation
# make bench-callgrind                            instructions per recommendation (valgrind)
# make fuzz [FUZZ_SECONDS=60] [FUZZ_MERGE=1] [FUZZ_TARGETS="rules money"]
# make coverage                                   line and branch coverage of libenforce/
.PHONY: bench-callgrind
BENCH_ARGS   ?=
FUZZ_SECONDS ?= 60
FUZZ_MERGE   ?= 0
FUZZ_TARGETS ?=

bench: build
	$(BUILD)/bench/enforce-bench $(BENCH_ARGS)
	@if [ -x $(BUILD)/bench/enforce-bench-allocs ]; then \
	  echo; $(BUILD)/bench/enforce-bench-allocs --allocs; fi

bench-callgrind: build
	@ENFORCE_QUALITY_TOOLS=1 tools/install-deps.sh
	bash bench/callgrind.sh $(BUILD)/bench/enforce-bench $(BENCH_ARGS)

fuzz:
	@ENFORCE_QUALITY_TOOLS=1 tools/install-deps.sh
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS) --target fuzz-targets
	bash tests/fuzz/run-fuzz.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_MERGE) $(FUZZ_TARGETS)

# Tests run first; the report is printed whether or not they pass, and the
# target then fails if any test failed.
coverage:
	@ENFORCE_QUALITY_TOOLS=1 tools/install-deps.sh
	cmake --preset coverage
	cmake --build --preset coverage -j $(JOBS)
	find build-coverage -name '*.gcda' -delete
	ctest --preset coverage -j $(JOBS); status=$$?; \
	gcovr --root . --object-directory build-coverage --filter '$(CURDIR)/libenforce/' \
	      --exclude-unreachable-branches -j $(JOBS) \
	      --txt build-coverage/coverage.txt --html-details build-coverage/coverage.html \
	      --print-summary || status=1; \
	echo "coverage: build-coverage/coverage.txt, build-coverage/coverage.html"; \
	exit $$status

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-*
