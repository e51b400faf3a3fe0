#!/usr/bin/env bash
# snapshot-outputs.sh ENFORCE OUT_DIR [BENCH_RULES_DIR]
#
# Writes what the engine says about every case we have, so an optimisation
# or a refactor can be checked byte for byte against the commit before it:
#
#   tools/snapshot-outputs.sh build-before/libenforce/enforce /tmp/before
#   tools/snapshot-outputs.sh build/libenforce/enforce /tmp/after
#   diff -r /tmp/before /tmp/after && echo unchanged
#
# Covered: every golden scenario (tests/data/scenarios) and every sample case
# (examples/cases on rules/tianjin), each as JSON with the trace and as text
# in Chinese and English; the sample batch with the trace on and off; and,
# with BENCH_RULES_DIR (from `enforce-bench --keep`), the generated workload
# BENCH_RULES_DIR.cases.jsonl in batch, trace on and off.  Timing lines are
# not recorded (--quiet).
set -uo pipefail

enforce=${1:?path to the enforce program}
out=${2:?output directory}
bench=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)

mkdir -p "$out"
# The CLI's exit code is part of the output (4 for a case error).
run () {
  local name=$1
  shift
  "$enforce" "$@" > "$out/$name" 2>&1
  echo "exit $?" >> "$out/$name"
}

for dir in "$root"/tests/data/scenarios/*/; do
  s=$(basename "$dir")
  rules=$dir/rules.yaml
  [ -f "$dir/rules-path" ] && rules=$root/$(cat "$dir/rules-path")
  as_of=2026-01-01
  [ -f "$dir/as_of.txt" ] && as_of=$(cat "$dir/as_of.txt")
  run "scenario-$s.json" recommend --rules "$rules" "$dir/case.yaml" --json --as-of "$as_of"
  run "scenario-$s.zh" recommend --rules "$rules" "$dir/case.yaml" --as-of "$as_of"
  run "scenario-$s.en" recommend --rules "$rules" "$dir/case.yaml" --as-of "$as_of" --lang en
done
for c in "$root"/examples/cases/*.yaml; do
  s=$(basename "$c" .yaml)
  run "sample-$s.json" recommend --rules "$root/rules/tianjin" "$c" --json --as-of 2026-01-01
  run "sample-$s.zh" recommend --rules "$root/rules/tianjin" "$c"
  run "sample-$s.en" recommend --rules "$root/rules/tianjin" "$c" --lang en
done
run sample-batch-trace.jsonl recommend --rules "$root/rules/tianjin" --batch "$root/examples/cases/batch.jsonl" --trace --quiet --threads 1
run sample-batch.jsonl recommend --rules "$root/rules/tianjin" --batch "$root/examples/cases/batch.jsonl" --no-trace --quiet --threads 1
if [ -n "$bench" ]; then
  run bench-trace.jsonl recommend --rules "$bench" --batch "$bench.cases.jsonl" --trace --quiet --threads 1
  run bench.jsonl recommend --rules "$bench" --batch "$bench.cases.jsonl" --no-trace --quiet --threads 1
fi
echo "snapshot-outputs: $(ls "$out" | wc -l) files in $out"
