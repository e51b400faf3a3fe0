#!/usr/bin/env bash
# callgrind.sh ENFORCE_BENCH [ARGS...]
#
# Instructions per recommendation, counted by valgrind's callgrind: exact
# and repeatable on a noisy shared machine, unlike wall time, so it is the
# figure to compare before and after a change (docs/performance.md).
#
# Runs `ENFORCE_BENCH --callgrind ARGS` under callgrind, collecting only
# inside the two loop functions (trace off; trace on + JSON); the program
# zeroes the counters after a warm-up pass and dumps each phase separately
# with a client request, so loading the rules, generating and parsing the
# cases and the warm-up are not counted.  With CALLGRIND_KEEP=DIR the dumps
# are kept there: `callgrind_annotate DIR/cg.out.1` shows where the
# trace-off instructions go.
set -euo pipefail

bench=${1:?path to enforce-bench}
shift
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 1; }

if [ -n "${CALLGRIND_KEEP:-}" ]; then
  work=$CALLGRIND_KEEP
  mkdir -p "$work"
  rm -f "$work"/cg.out*
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

valgrind --tool=callgrind --collect-atstart=no \
  --toggle-collect=bench_loop_trace_off --toggle-collect=bench_loop_trace_json \
  --callgrind-out-file="$work/cg.out" \
  "$bench" --callgrind "$@" > "$work/stdout" 2> "$work/stderr" || {
  cat "$work/stderr" >&2
  exit 1
}
n=$(sed -n 's/^callgrind: \([0-9]*\) recommendations per phase.*/\1/p' "$work/stdout")
[ -n "$n" ] || { echo "callgrind.sh: unexpected output:" >&2; cat "$work/stdout" >&2; exit 1; }

found=0
for f in "$work"/cg.out.*; do
  [ -f "$f" ] || continue
  phase=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
  total=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' "$f")
  [ -n "$phase" ] && [ -n "$total" ] || continue
  printf '%-12s %12s instructions per recommendation (%s total over %s)\n' \
    "$phase" "$((total / n))" "$total" "$n"
  found=$((found + 1))
done
if [ "$found" -eq 0 ]; then
  echo "callgrind.sh: no per-phase dump; was enforce-bench built without valgrind/callgrind.h?" >&2
  exit 1
fi
