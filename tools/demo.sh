#!/usr/bin/env bash
# tools/demo.sh ENFORCE_BINARY
#
# The `make demo` walk-through: check the Tianjin rule set, recommend
# penalties for the sample cases in examples/cases/, run the rule set's own
# tests, and recommend for a batch of cases (examples/cases/batch.jsonl).  Runs from the repository root whatever the caller's directory.
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

# The batch's records are JSON Lines, one long line per case; the demo shows
# each as "line, case id, outcome, amount" (or the error), taken from the
# records' fixed key order (docs/batch.md).  Line 4 of the sample is a case
# with an impossible date on purpose: its error record stands in its place,
# the other records are unaffected, and the exit code is 4.
heading "4. 批量建议 (recommend --batch，每行一个 JSON 案件)" \
        "enforce recommend --rules rules/tianjin --batch examples/cases/batch.jsonl --as-of $as_of --no-trace"
records=$(mktemp)
trap 'rm -f "$records"' EXIT
# The summary line (stderr) is shown after the records it sums up.
summary=$("$enforce" recommend --rules rules/tianjin --batch examples/cases/batch.jsonl \
            --as-of "$as_of" --no-trace 2>&1 >"$records")
status=$?
sed -E \
  -e 's/^\{"line":([0-9]+),"case_id":"?([^",]*)"?,"recommendation":\{"schema":"[^"]*","case_id":[^,]*,"outcome":"([a-z_]+)".*"amount_yuan":"?([^",]*)"?,"rounding".*$/  第 \1 行  \2  \3  \4/' \
  -e 's/^\{"line":([0-9]+),"case_id":"?([^",]*)"?,"recommendation":null,"error":\{"code":"([a-z_]+)","message":"(.*)"\}\}$/  第 \1 行  \2  错误 \3: \4/' \
  -e 's/\\"/"/g' -e 's/  null$/  —/' -e 's/  null  错误/  —  错误/' "$records"
printf '%s\n' "$summary"
if [ $status -ne 4 ] || [ "$(wc -l <"$records")" -ne 8 ]; then
  printf '\n(退出码 %d，%d 条记录；应为退出码 4、8 条记录：第 4 行是故意写错的案件)\n' \
         "$status" "$(wc -l <"$records")"
  failed=1
else
  printf '\n(退出码 4：第 4 行是故意写错的案件，其余记录照常输出)\n'
fi

if [ $failed -ne 0 ]; then
  printf '\n演示中有步骤失败。\n' >&2
  exit 1
fi
printf '\n演示完成。更多用法: enforce --help，docs/cli.md\n'
