#!/usr/bin/env bash
# tools/demo.sh ENFORCE_BINARY
#
# The `make demo` walk-through: check the Tianjin rule set, recommend
# penalties for the sample cases in examples/cases/, and run the rule set's
# own tests.  Runs from the repository root whatever the caller's directory.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH/TO/enforce" >&2
  exit 2
fi
enforce=$(realpath "$1")
if [ ! -x "$enforce" ]; then
  echo "demo: $1 is not an executable (build first: make build)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."

# A fixed "today" keeps the demo reproducible: the library never reads a clock.
as_of=2024-07-01
failed=0

# Bold headings on a terminal only, so a captured log stays plain text.
bold='' plain=''
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; fi

heading() {
  printf '\n%s== %s ==%s\n' "$bold" "$1" "$plain"
  printf '$ %s\n\n' "$2"
}

run() {
  "$@"
  local status=$?
  if [ $status -ne 0 ]; then
    printf '\n(退出码 %d)\n' "$status"
    failed=1
  fi
}

heading "1. 检查天津规则集 (lint)" "enforce lint rules/tianjin"
run "$enforce" lint rules/tianjin

heading "2. 为示例案件给出处罚建议 (recommend)" \
        "enforce recommend --rules rules/tianjin examples/cases/*.yaml --as-of $as_of"
run "$enforce" recommend --rules rules/tianjin examples/cases/*.yaml --as-of "$as_of"

heading "3. 运行规则集自带的测试 (test)" "enforce test rules/tianjin"
run "$enforce" test rules/tianjin

if [ $failed -ne 0 ]; then
  printf '\n演示中有步骤失败。\n' >&2
  exit 1
fi
printf '\n演示完成。更多用法: enforce --help，docs/cli.md\n'
