/* fuzz-date.c: libFuzzer target for strict ISO dates.
 *
 * The grammar is exactly YYYY-MM-DD, so the round trip is the identity on
 * text: an accepted input is ten bytes and formats back to those very
 * bytes.  The first four bytes, read as a day number inside the supported
 * years (1900..9999), also format to a date that parses back to that day.
 * A refused input is refused with ENFORCE_ERROR_INVALID_DATE.
 */
#include <string.h>

#include <enforce/enforce.h>
#include "fuzz.h"

static gint32
parse_or_die (const char *text)
{
  gint32 day = 0;

  if (!enforce_date_parse (text, strlen (text), &day, NULL))
    fuzz_fail (text);
  return day;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gint32 first, last;
  g_autoptr(GError) error = NULL;
  gint32 day = 0;

  if (first == 0 && last == 0)
    {
      first = parse_or_die ("1900-01-01");
      last = parse_or_die ("9999-12-31");
    }

  if (enforce_date_parse ((const char *) data, size, &day, &error))
    {
      fuzz_check (error == NULL);
      fuzz_check (size == 10);
      fuzz_check (day >= first && day <= last);
      g_autofree char *text = enforce_date_format (day);
      fuzz_check (text != NULL && strlen (text) == 10);
      fuzz_check (memcmp (text, data, 10) == 0);
    }
  else
    {
      fuzz_check_error (error);
      fuzz_check (error->code == ENFORCE_ERROR_INVALID_DATE);
    }

  if (size >= 4)
    {
      guint32 bits;
      memcpy (&bits, data, sizeof bits);
      gint32 any = first + (gint32) (bits % (guint32) (last - first + 1));
      g_autofree char *text = enforce_date_format (any);
      fuzz_check (text != NULL);
      gint32 back = 0;
      fuzz_check (enforce_date_parse (text, strlen (text), &back, NULL));
      fuzz_check (back == any);
    }
  return 0;
}
