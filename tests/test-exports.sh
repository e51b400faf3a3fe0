#!/usr/bin/env bash
# test-exports.sh MODE LIBRARY HEADER_DIR [IGNORE_REGEX]
#
# Checks the dynamic symbol table of libenforce.so against the API contract
# (STYLE.md §8: everything not marked ENFORCE_EXPORT is hidden):
#
#   prefix    every defined dynamic symbol starts with "enforce_", so the
#             library never leaks an internal helper (or a static glib copy)
#             into a host process's global namespace;
#   declared  every function a public header marks ENFORCE_EXPORT is actually
#             exported, so a forgotten macro or a declared-but-never-written
#             function fails here rather than at a customer's link step.
#
# IGNORE_REGEX names symbols a build instrumentation adds and that are not
# the library's (a coverage build links libgcov, whose __gcov_* symbols
# have default visibility); release builds pass none.
set -euo pipefail

mode=${1:?mode: prefix | declared}
lib=${2:?path to libenforce.so}
header_dir=${3:?path to include/enforce}
ignore=${4:-}

[ -f "$lib" ] || { echo "test-exports: no such library: $lib" >&2; exit 1; }

# Symbols the static linker itself defines in every shared object; older
# binutils put them in .dynsym.  They are not ours to name.
linker_symbols='^(_init|_fini|_edata|_end|__bss_start)$'

exported=$(nm -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }' \
           | sed 's/@.*//' | grep -Ev "$linker_symbols" \
           | { if [ -n "$ignore" ]; then grep -Ev "$ignore"; else cat; fi; } | sort -u)

if [ -z "$exported" ]; then
  echo "test-exports: $lib exports no symbol at all (is ENFORCE_EXPORT defined?)" >&2
  exit 1
fi

case "$mode" in
prefix)
  bad=$(printf '%s\n' "$exported" | grep -v '^enforce_' || true)
  if [ -n "$bad" ]; then
    echo "test-exports: symbols exported without the enforce_ prefix:" >&2
    printf '  %s\n' $bad >&2
    exit 1
  fi
  echo "test-exports: $(printf '%s\n' "$exported" | wc -l) exported symbols, all prefixed enforce_"
  ;;
declared)
  # A declaration starts on the line carrying ENFORCE_EXPORT; the function
  # name is the last identifier before the first "(" on that line.
  declared=$(cat "$header_dir"/*.h "$header_dir"/*.h.in 2>/dev/null \
             | grep -E '^[[:space:]]*ENFORCE_EXPORT[^(]*\(' \
             | sed -E 's/^[[:space:]]*ENFORCE_EXPORT[^(]*[^A-Za-z0-9_(](enforce_[A-Za-z0-9_]+)[[:space:]]*\(.*/\1/' \
             | sort -u)
  if [ -z "$declared" ]; then
    echo "test-exports: found no ENFORCE_EXPORT declaration in $header_dir" >&2
    exit 1
  fi
  missing=$(comm -23 <(printf '%s\n' "$declared") <(printf '%s\n' "$exported"))
  if [ -n "$missing" ]; then
    echo "test-exports: declared ENFORCE_EXPORT in $header_dir but not exported by $lib:" >&2
    printf '  %s\n' $missing >&2
    exit 1
  fi
  echo "test-exports: all $(printf '%s\n' "$declared" | wc -l) declared functions are exported"
  ;;
*)
  echo "test-exports: unknown mode $mode" >&2
  exit 2
  ;;
esac
