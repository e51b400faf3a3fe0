/* fuzz-case.c: case parsing under one format (fuzz-case.h).
 *
 * Whatever the bytes: a case and no error, or NULL and one ENFORCE_ERROR
 * with a message; a parsed case's id is NULL or valid UTF-8; parsing the
 * same bytes twice gives the same answer (no hidden state).
 */
#include "fuzz.h"
#include "fuzz-case.h"

void
fuzz_case_parse (const uint8_t *data, size_t size, EnforceFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(EnforceCase) kase =
    enforce_case_parse ((const char *) data, size, format, "fuzz", NULL, &error);
  g_autoptr(EnforceCase) again =
    enforce_case_parse ((const char *) data, size, format, "fuzz", NULL, &again_error);

  if (kase == NULL)
    {
      fuzz_check_error (error);
      fuzz_check (again == NULL && again_error != NULL);
      fuzz_check (again_error->code == error->code);
      fuzz_check (g_strcmp0 (again_error->message, error->message) == 0);
      return;
    }
  fuzz_check (error == NULL && again != NULL);
  const char *id = enforce_case_get_id (kase);
  fuzz_check (id == NULL || g_utf8_validate (id, -1, NULL));
  fuzz_check (g_strcmp0 (id, enforce_case_get_id (again)) == 0);
}
