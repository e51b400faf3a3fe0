/* fuzz-case-yaml.c: libFuzzer target for case files read as YAML. */
#include "fuzz.h"
#include "fuzz-case.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_case_parse (data, size, ENFORCE_FORMAT_YAML);
  return 0;
}
