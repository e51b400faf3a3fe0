/* fuzz-case-json.c: libFuzzer target for case files read as strict JSON. */
#include "fuzz.h"
#include "fuzz-case.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_case_parse (data, size, ENFORCE_FORMAT_JSON);
  return 0;
}
