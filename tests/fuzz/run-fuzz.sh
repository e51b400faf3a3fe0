#!/usr/bin/env bash
# run-fuzz.sh BUILD_DIR SECONDS MERGE [TARGET...]
#
# Runs each libFuzzer target built in BUILD_DIR (configure with the "fuzz"
# preset) for SECONDS seconds, one after the other.  What `make fuzz` runs.
#
# The checked-in corpus tests/fuzz/corpus/<target>/ seeds each run but is
# read-only: new inputs go to BUILD_DIR/fuzz-work/<target>/corpus.  With
# MERGE=1 the inputs that add coverage are merged back into the checked-in
# corpus afterwards (libFuzzer -merge=1 keeps only inputs that reach new
# code, so the corpus stays small); review them before committing.
# Crashes, leaks and timeouts are written to
# BUILD_DIR/fuzz-work/<target>/artifacts/ and make the script fail at the
# end, after every target has had its turn.
#
# Reproduce a crash:   BUILD_DIR/tests/fuzz-<target> ARTIFACT
# Replay it in the gcc build once fixed: copy ARTIFACT into
# tests/fuzz/corpus/<target>/ with a name that says what it was.
set -uo pipefail

build=${1:?build dir}
seconds=${2:?seconds per target}
merge=${3:-0}
shift 3 || true
here=$(cd "$(dirname "$0")" && pwd)

if [ $# -eq 0 ]; then
  set -- $(cd "$build/tests" && ls fuzz-* 2>/dev/null | sed 's/^fuzz-//' | grep -v -- '-corpus$')
fi
[ $# -gt 0 ] || { echo "run-fuzz: no fuzz-* executable in $build/tests (configure with --preset fuzz)" >&2; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export G_SLICE=always-malloc

failed=()
for target in "$@"; do
  exe="$build/tests/fuzz-$target"
  seeds="$here/corpus/$target"
  work="$build/fuzz-work/$target"
  [ -x "$exe" ] || { echo "run-fuzz: $exe not built" >&2; failed+=("$target"); continue; }
  mkdir -p "$work/corpus" "$work/artifacts"
  args=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
        -max_len=65536 -artifact_prefix="$work/artifacts/")
  [ -f "$here/$target.dict" ] && args+=(-dict="$here/$target.dict")
  echo "=== fuzz-$target for ${seconds}s"
  if ! "$exe" "${args[@]}" "$work/corpus" "$seeds"; then
    failed+=("$target")
    echo "run-fuzz: fuzz-$target failed; artifacts in $work/artifacts/" >&2
    continue
  fi
  if [ "$merge" = 1 ]; then
    echo "=== merging new coverage of fuzz-$target into $seeds"
    "$exe" -merge=1 -artifact_prefix="$work/artifacts/" "$seeds" "$work/corpus" || failed+=("$target (merge)")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run-fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "run-fuzz: all targets ran ${seconds}s without a finding"
