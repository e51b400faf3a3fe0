#!/usr/bin/env bash
# test-headers.sh OUT_DIR CC [FLAG...] -- HEADER...
#
# Every public header compiles on its own (STYLE.md §10): for each header a
# translation unit that includes only that header (twice, to prove the
# include guard) is compiled with the project's warnings, as a consumer
# would compile it: without ENFORCE_COMPILATION and with nothing else
# included first.  A header that silently relies on another being included
# before it fails here.
set -euo pipefail

out=${1:?output dir}
cc=${2:?compiler}
shift 2
flags=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  flags+=("$1")
  shift
done
[ "${1:-}" = -- ] && shift
[ $# -gt 0 ] || { echo "test-headers: no header given" >&2; exit 1; }

mkdir -p "$out"
failed=0
for header in "$@"; do
  name=$(basename "$header")
  unit="$out/${name%.h}.c"
  # The typedef keeps the unit non-empty for -Wpedantic when a header only
  # defines macros (enforce-export.h).
  printf '#include <enforce/%s>\n#include <enforce/%s>\ntypedef int header_check_%s;\n' \
    "$name" "$name" "$(printf '%s' "${name%.h}" | tr -c 'A-Za-z0-9\n' _)" > "$unit"
  if "$cc" "${flags[@]}" -fsyntax-only "$unit"; then
    echo "ok      $name"
  else
    echo "FAILED  $name does not compile on its own" >&2
    failed=$((failed + 1))
  fi
done
[ "$failed" -eq 0 ] || exit 1
echo "test-headers: $# headers compile on their own"
