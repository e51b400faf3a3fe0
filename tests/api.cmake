# API and build-quality checks: the shape of the shared library and of the
# public headers, independent of what any module computes.

set(ENFORCE_API_SH ${CMAKE_CURRENT_SOURCE_DIR})

# Exported symbols: all prefixed enforce_, and every ENFORCE_EXPORT
# declaration really exported (tests/test-exports.sh says why).
# Instrumentation adds symbols that are not ours: a coverage build links
# libgcov into the .so (__gcov_*, mangle_path, default visibility), and
# SanitizerCoverage (the fuzz build) adds its section bounds.
set(ENFORCE_EXPORTS_IGNORE "")
if(ENFORCE_COVERAGE)
  set(ENFORCE_EXPORTS_IGNORE "^(__gcov_.*|mangle_path)$")
elseif(ENFORCE_FUZZ)
  set(ENFORCE_EXPORTS_IGNORE "^__(start|stop)___sancov_.*$")
endif()
add_test(NAME test-exports-prefix
  COMMAND bash ${ENFORCE_API_SH}/test-exports.sh prefix $<TARGET_FILE:enforce>
          ${PROJECT_SOURCE_DIR}/include/enforce "${ENFORCE_EXPORTS_IGNORE}")
add_test(NAME test-exports-declared
  COMMAND bash ${ENFORCE_API_SH}/test-exports.sh declared $<TARGET_FILE:enforce>
          ${PROJECT_SOURCE_DIR}/include/enforce)

# Header self-containment: one translation unit per public header, compiled
# at test time with the project's warnings, as a consumer would.
file(GLOB ENFORCE_PUBLIC_HEADERS CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/include/enforce/*.h)
list(APPEND ENFORCE_PUBLIC_HEADERS
     ${PROJECT_BINARY_DIR}/include/enforce/enforce-version.h)
set(ENFORCE_HEADER_FLAGS -std=c11 ${ENFORCE_WARNINGS}
    -I${PROJECT_SOURCE_DIR}/include -I${PROJECT_BINARY_DIR}/include)
foreach(dir ${GLIB_INCLUDE_DIRS})
  list(APPEND ENFORCE_HEADER_FLAGS -I${dir})
endforeach()
list(APPEND ENFORCE_HEADER_FLAGS ${GLIB_CFLAGS_OTHER})
add_test(NAME test-headers
  COMMAND bash ${ENFORCE_API_SH}/test-headers.sh ${CMAKE_CURRENT_BINARY_DIR}/header-check
          ${CMAKE_C_COMPILER} ${ENFORCE_HEADER_FLAGS} -- ${ENFORCE_PUBLIC_HEADERS})

# No floating point near money (DESIGN.md §10), checked on the sources and
# on the machine code.  The instruction check disassembles libenforce.so and
# refuses any SSE/AVX/x87 floating-point arithmetic, conversion or compare
# (addsd mulsd divsd cvtsi2sd cvttsd2si addss mulss cvtsi2ss ucomisd fld ...):
# whatever the grep misses (a macro, a builtin, an inline function from a
# header) shows up there.  The .so holds only the library's own objects plus
# the C runtime's start-up stubs, so glib's code does not add noise.  A
# coverage build links libgcov into the .so, whose code is not ours: the
# instruction check is not registered there.  Details: tests/test-no-float.sh.
add_test(NAME test-no-float-sources
  COMMAND bash ${ENFORCE_API_SH}/test-no-float.sh sources ${PROJECT_SOURCE_DIR}
          ${ENFORCE_API_SH}/no-float-allow.txt)
if(NOT ENFORCE_COVERAGE)
  add_test(NAME test-no-float-instructions
    COMMAND bash ${ENFORCE_API_SH}/test-no-float.sh objdump $<TARGET_FILE:enforce>
            ${CMAKE_C_COMPILER})
  set_tests_properties(test-no-float-instructions PROPERTIES SKIP_RETURN_CODE 77)
endif()
