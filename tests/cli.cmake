# Cases (libenforce/case.c), the enforce command (libenforce/cli/enforce.c)
# with rule-set tests through it, the demo, and the C example.

enforce_add_test(test-case test-case.c)

# The command is run as a program; the driver parses its JSON with the
# library's own reader (hence enforce_add_test).
enforce_add_test(test-cli test-cli.c)
target_compile_definitions(test-cli PRIVATE ENFORCE_CLI="$<TARGET_FILE:enforce_cli>")
add_dependencies(test-cli enforce_cli)

# examples/c/recommend.c, built against the shared library as a consumer
# would, and run on a sample case.
add_executable(example-recommend ${PROJECT_SOURCE_DIR}/examples/c/recommend.c)
target_link_libraries(example-recommend PRIVATE enforce enforce_flags)
add_test(NAME example-recommend
         COMMAND example-recommend ${PROJECT_SOURCE_DIR}/rules/tianjin
                 ${PROJECT_SOURCE_DIR}/examples/cases/04-fire-lane-blocked.yaml 2024-07-01)

# The same example through find_package(enforce) and through pkg-config,
# against an installed tree: proves both consumer paths work.  Skipped in
# sanitizer builds, whose library needs the sanitizer runtime loaded first.
if(NOT ENFORCE_SANITIZE AND NOT ENFORCE_TSAN)
add_test(NAME example-c-find-package
         COMMAND sh -c [[
set -e
work=$1; cmake=$2; build=$3; src=$4; generator=$5
rm -rf "$work"
"$cmake" --install "$build" --prefix "$work/prefix" >/dev/null
"$cmake" -S "$src/examples/c" -B "$work/build" -G "$generator" \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
"$cmake" --build "$work/build" >/dev/null
"$work/build/recommend" "$src/rules/tianjin" "$src/examples/cases/04-fire-lane-blocked.yaml" >/dev/null
pc=$(dirname "$(find "$work/prefix" -name enforce.pc | head -n 1)")
PKG_CONFIG_PATH="$pc" cc -std=c11 -o "$work/recommend-pc" "$src/examples/c/recommend.c" \
  $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs enforce)
LD_LIBRARY_PATH="$(dirname "$pc")" "$work/recommend-pc" "$src/rules/tianjin" \
  "$src/examples/cases/04-fire-lane-blocked.yaml" >/dev/null
]] sh ${CMAKE_CURRENT_BINARY_DIR}/example-c ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR}
            ${PROJECT_SOURCE_DIR} ${CMAKE_GENERATOR})
set_tests_properties(example-c-find-package PROPERTIES TIMEOUT 300 LABELS install)
endif()

# tools/demo.sh end to end: lint, recommend on every sample case, test.
add_test(NAME demo COMMAND ${PROJECT_SOURCE_DIR}/tools/demo.sh $<TARGET_FILE:enforce_cli>)
