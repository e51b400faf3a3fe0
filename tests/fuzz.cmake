# Fuzz targets (sources and corpora in tests/fuzz/; docs/reliability.md).
#
# Every target defines LLVMFuzzerTestOneInput.  Two ways to build them:
#
#  - default (any compiler): each target is linked with replay-main.c as
#    replay-<target> and replays its corpus tests/fuzz/corpus/<target>/ as
#    an ordinary CTest test, so every fixed crash stays fixed, in every build
#    including the ASan+UBSan one;
#  - ENFORCE_FUZZ=ON (clang only; CMake preset "fuzz", `make fuzz`): the
#    library and the targets are compiled with -fsanitize=fuzzer-no-link,
#    address,undefined and each target is linked with libFuzzer as
#    fuzz-<target>.  CTest then replays the corpora through libFuzzer itself
#    (-runs=0), and tests/fuzz/run-fuzz.sh runs real fuzzing sessions.
#
# The option lives here rather than in the top-level CMakeLists.txt: it
# only adds flags to the shared enforce_flags interface target.
option(ENFORCE_FUZZ "Build libFuzzer targets (clang; -fsanitize=fuzzer,address,undefined)" OFF)

set(ENFORCE_FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
set(ENFORCE_FUZZ_TARGETS rules case-yaml case-json money date recommend)
# fuzz-cond.c belongs to the condition module; build it once it exists.
if(EXISTS ${ENFORCE_FUZZ_DIR}/fuzz-cond.c)
  list(APPEND ENFORCE_FUZZ_TARGETS cond)
endif()

if(ENFORCE_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ENFORCE_FUZZ needs clang (libFuzzer); configure with "
                        "-DCMAKE_C_COMPILER=clang or the \"fuzz\" preset")
  endif()
  # The library must carry the coverage instrumentation libFuzzer steers by,
  # so the flags go on enforce_flags, which every target of the project uses.
  target_compile_options(enforce_flags INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  target_link_options(enforce_flags INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

add_library(enforce_fuzz_common OBJECT ${ENFORCE_FUZZ_DIR}/fuzz-common.c)
target_link_libraries(enforce_fuzz_common PRIVATE enforce_objects enforce_flags)

# A custom target building every fuzz executable: `make fuzz` builds only these.
add_custom_target(fuzz-targets)

foreach(target ${ENFORCE_FUZZ_TARGETS})
  set(sources ${ENFORCE_FUZZ_DIR}/fuzz-${target}.c)
  if(target MATCHES "^case-")
    list(APPEND sources ${ENFORCE_FUZZ_DIR}/fuzz-case.c)
  endif()
  set(corpus ${ENFORCE_FUZZ_DIR}/corpus/${target})
  if(ENFORCE_FUZZ)
    set(exe fuzz-${target})
    add_executable(${exe} ${sources})
    target_link_options(${exe} PRIVATE -fsanitize=fuzzer)
    # -runs=0: execute every corpus input once, then stop.
    add_test(NAME fuzz-${target}-corpus COMMAND ${exe} -runs=0 ${corpus})
    set_tests_properties(fuzz-${target}-corpus PROPERTIES TIMEOUT 300)
  else()
    set(exe replay-${target})
    add_executable(${exe} ${sources} ${ENFORCE_FUZZ_DIR}/replay-main.c)
    add_test(NAME replay-${target} COMMAND ${exe} ${corpus})
    set_tests_properties(replay-${target} PROPERTIES TIMEOUT 300)
  endif()
  target_sources(${exe} PRIVATE $<TARGET_OBJECTS:enforce_fuzz_common>)
  target_link_libraries(${exe} PRIVATE enforce_objects Threads::Threads enforce_flags)
  target_include_directories(${exe} PRIVATE ${PROJECT_SOURCE_DIR}/libenforce ${ENFORCE_FUZZ_DIR})
  add_dependencies(fuzz-targets ${exe})
endforeach()
