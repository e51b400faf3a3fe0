/* fuzz-case.h: the case-parsing target, shared by the YAML and JSON builds. */
#pragma once

#include <enforce/enforce.h>

/* Parses @data as a case in @format and checks the contract. */
void fuzz_case_parse (const uint8_t *data, size_t size, EnforceFormat format);
