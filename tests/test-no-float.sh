#!/usr/bin/env bash
# test-no-float.sh sources SOURCE_DIR ALLOW_LIST
# test-no-float.sh objdump LIBRARY CC
#
# "No floating point touches an amount" (DESIGN.md §10), checked twice:
#
# sources   greps the library's own code (libenforce/, include/) for the
#           ways floating point gets in: the types (float, double, gdouble,
#           long double ...), the parsers (strtod, atof, g_ascii_strtod ...),
#           the headers (<math.h>, <float.h> ...), HUGE_VAL/INFINITY/NAN, and
#           floating-point printf conversions (%f %g %e %a) inside string
#           literals.  Comments are stripped first (by the C preprocessor in
#           -fpreprocessed mode, which keeps strings intact), so "never
#           strtod" in a header comment is not a hit.  Any hit fails unless
#           ALLOW_LIST has a line "path: token" for it (empty today; every
#           entry must say why in a comment above it).
#
# objdump   disassembles libenforce.so and fails on any x86-64 floating-point
#           arithmetic, conversion or compare instruction (SSE/AVX scalar and
#           packed: addsd mulsd divsd cvtsi2sd cvttsd2si ucomisd addss ...;
#           x87: fld fadd fmul fistp ...).  This catches what grep cannot: a
#           double smuggled in through a macro, a compiler builtin or an
#           inline function from a header.  SSE *integer* and data-movement
#           instructions (pxor, movdqu, paddq) are not floating point and are
#           allowed: gcc uses them to zero and copy structs.  Only the shared
#           library is inspected: it contains the library's own objects and
#           the C runtime's few start-up stubs (no glib code is linked in
#           statically, glib's inline functions used here do no FP).  Before
#           trusting the result, the script compiles a one-line function that
#           divides doubles and makes sure the pattern flags it, so the check
#           cannot silently pass because objdump's output format changed.
#           Skipped (exit 77) on other architectures.
set -euo pipefail

mode=${1:?mode: sources | objdump}

fp_tokens='float|double|gfloat|gdouble|_Float[0-9]+x?|_Complex|_Imaginary|strtod|strtof|strtold|g_strtod|g_ascii_strtod|atof|HUGE_VAL|HUGE_VALF|HUGE_VALL|INFINITY|NAN|G_MAXDOUBLE|G_MINDOUBLE|G_MAXFLOAT|G_MINFLOAT'
# (fabs, floor, pow ... need <math.h>, which is caught by itself.)
fp_headers='#[[:space:]]*include[[:space:]]*[<"](math|float|tgmath|fenv|complex)\.h[>"]'
# A printf conversion that formats a floating-point value: flags, width,
# precision, optional L, then one of f F g G e E a A.
fp_format='%[-+#0 ]*([0-9]+|\*)?(\.([0-9]+|\*)?)?L?[fFgGeEaA]'

# Prints "path:line: token" for every floating-point use in the C file "$1"
# (shown as "$2").  Comments go first (the preprocessor in -fpreprocessed
# mode strips them and keeps strings); then tokens are looked for in code
# with string literals blanked (a message saying "not a float" is fine) and
# printf conversions inside string literals, after removing "%%".
scan_file () {
  gcc -x c -fpreprocessed -dD -E "$1" 2>/dev/null | awk \
      -v shown="$2" -v tokens="^($fp_tokens)$" -v headers="$fp_headers" \
      -v format="$fp_format" '
    function report(token) { printf "%s:%d: %s\n", shown, line, token }
    BEGIN { line = 1; str = "\"([^\"\\\\]|\\\\.)*\"" }
    /^# [0-9]+ "/ { line = $2; next }   # linemarker: the next line is number $2
    {
      code = $0
      gsub(str, "\"\"", code)
      rest = code
      while (match(rest, /[A-Za-z_][A-Za-z0-9_]*/)) {
        word = substr(rest, RSTART, RLENGTH)
        if (word ~ tokens) report(word)
        rest = substr(rest, RSTART + RLENGTH)
      }
      if (match($0, headers)) report(substr($0, RSTART, RLENGTH))
      rest = $0
      while (match(rest, str)) {
        lit = substr(rest, RSTART, RLENGTH)
        rest = substr(rest, RSTART + RLENGTH)
        gsub(/%%/, "", lit)
        while (match(lit, format)) {
          report(substr(lit, RSTART, RLENGTH))
          lit = substr(lit, RSTART + RLENGTH)
        }
      }
      line++
    }'
}

allowed () {
  local hit=$1 allow_list=$2 file token
  file=${hit%%:*}
  token=${hit##*: }
  [ -f "$allow_list" ] && grep -vE '^[[:space:]]*(#|$)' "$allow_list" \
    | grep -qxF "$file: $token"
}

case "$mode" in
sources)
  src=${2:?source dir}
  allow_list=${3:?allow list}
  # Self-check: a file with "double" only in a comment and in code must give
  # exactly one hit, and a "%.2f" format must be caught.
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf '/* never double */\nstatic double x; // float\nstatic const char *f = "%%.2f %%%%g";\n' > "$tmp/probe.c"
  probe=$(scan_file "$tmp/probe.c" probe.c)
  if [ "$probe" != "$(printf 'probe.c:2: double\nprobe.c:3: %%.2f')" ]; then
    echo "test-no-float: self-check failed; the scanner is broken:" >&2
    printf '%s\n' "$probe" >&2
    exit 1
  fi

  hits=0 files=0
  while IFS= read -r path; do
    files=$((files + 1))
    rel=${path#"$src"/}
    while IFS= read -r hit; do
      [ -n "$hit" ] || continue
      if allowed "$hit" "$allow_list"; then
        echo "allowed: $hit"
      else
        echo "floating point: $hit" >&2
        hits=$((hits + 1))
      fi
    done < <(scan_file "$path" "$rel")
  done < <(find "$src/libenforce" "$src/include" -type f \
             \( -name '*.c' -o -name '*.h' -o -name '*.h.in' \) | LC_ALL=C sort)
  if [ "$files" -eq 0 ]; then
    echo "test-no-float: no source files found under $src" >&2
    exit 1
  fi
  if [ "$hits" -gt 0 ]; then
    echo "test-no-float: $hits floating-point use(s) in library sources" >&2
    exit 1
  fi
  echo "test-no-float: $files files, no floating point"
  ;;
objdump)
  lib=${2:?library}
  cc=${3:?C compiler}
  case "$(uname -m)" in
    x86_64|amd64) ;;
    *) echo "test-no-float: instruction check is x86-64 only; skipped"; exit 77 ;;
  esac
  sse='v?(add|sub|mul|div|sqrt|min|max|rcp|rsqrt|round|hadd|hsub|addsub|dp)(ss|sd|ps|pd)|v?u?comis[sd]|v?cvtt?(si2sd|si2ss|sd2si|ss2si|sd2ss|ss2sd|dq2pd|dq2ps|pd2dq|ps2dq|pd2ps|ps2pd|pi2ps|pi2pd|ps2pi|pd2pi|usi2sd|usi2ss|sd2usi|ss2usi)[lq]?|vfn?m(add|sub)[0-9]*(ss|sd|ps|pd)'
  x87='f(ld|ild|st|stp|ist|istp|isttp|add|addp|iadd|sub|subp|subr|subrp|isub|mul|mulp|imul|div|divp|divr|divrp|idiv|sqrt|com|comp|compp|ucom|ucomp|ucompp|comi|comip|ucomi|ucomip|chs|abs|ldz|ld1|rndint|scale|prem|prem1|sin|cos|sincos|ptan|patan|xtract|yl2x|2xm1)[slt]?'
  pattern="^[[:space:]]*[0-9a-f]+:[[:space:]]+($sse|$x87)([[:space:]]|$)"

  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf 'double probe (long a, double b);\ndouble probe (long a, double b) { return (double) a / b; }\n' > "$tmp/probe.c"
  "$cc" -O2 -c "$tmp/probe.c" -o "$tmp/probe.o"
  if ! objdump -d --no-show-raw-insn "$tmp/probe.o" | grep -qE "$pattern"; then
    echo "test-no-float: self-check failed: the pattern misses FP in a probe:" >&2
    objdump -d --no-show-raw-insn "$tmp/probe.o" >&2
    exit 1
  fi

  [ -f "$lib" ] || { echo "test-no-float: no such library: $lib" >&2; exit 1; }
  # Keep the function header lines so a hit names the function it is in.
  found=$(objdump -d --no-show-raw-insn "$lib" | awk -v pat="$pattern" '
    /^[0-9a-f]+ <.*>:$/ { fn = $2; sub(/:$/, "", fn) }
    $0 ~ pat { print fn ": " $0 }')
  if [ -n "$found" ]; then
    echo "test-no-float: floating-point instructions in $lib:" >&2
    printf '%s\n' "$found" >&2
    exit 1
  fi
  echo "test-no-float: no floating-point instruction in $(basename "$lib")"
  ;;
*)
  echo "test-no-float: unknown mode $mode" >&2
  exit 2
  ;;
esac
