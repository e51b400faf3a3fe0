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

# ThreadSanitizer needs its own build; only the concurrency test runs there.
test-tsan: deps
	cmake -S . -B $(TSAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENFORCE_TSAN=ON
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target test-concurrency
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $(TSAN_BUILD)/tests/test-concurrency

test: test-c test-asan test-tsan

bench: build
	$(BUILD)/bench/enforce-bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-*
