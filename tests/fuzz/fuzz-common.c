/* fuzz-common.c: helpers shared by the fuzz targets (fuzz.h). */
#include <stdio.h>
#include <stdlib.h>

#include <enforce/enforce.h>
#include "fuzz.h"

void
fuzz_fail_at (const char *file, int line, const char *what)
{
  fprintf (stderr, "%s:%d: fuzz invariant broken: %s\n", file, line, what);
  fflush (stderr);
  abort ();
}

void
fuzz_check_error (const GError *error)
{
  fuzz_check (error != NULL);
  fuzz_check (error->domain == ENFORCE_ERROR);
  fuzz_check (error->message != NULL && error->message[0] != '\0');
  fuzz_check (g_utf8_validate (error->message, -1, NULL));
  /* Every code has a stable name; an unnamed one means a code was invented
   * without being added to the table (and docs/error-codes.md). */
  fuzz_check (enforce_error_code_name ((EnforceErrorCode) error->code) != NULL);
}
