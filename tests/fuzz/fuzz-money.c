/* fuzz-money.c: libFuzzer target for the money grammar.
 *
 * enforce_money_parse() is checked against an independent oracle written
 * here from docs/rule-format.md ("ASCII digits, optional . and 1–2
 * decimals, no sign"):
 *   - an accepted input matches [0-9]+(\.[0-9]{1,2})? and its value in fen,
 *     computed digit by digit, equals what the library returned;
 *   - formatting the amount gives [0-9]+\.[0-9]{2}, and parsing that gives
 *     the same amount back, which formats to the same text (round trip is
 *     the identity on amounts);
 *   - a refused input is refused with _INVALID_MONEY or _OVERFLOW only.
 * The first eight bytes, read as an amount, are also formatted and parsed
 * back, so the round trip is exercised on amounts no text input reaches.
 */
#include <string.h>

#include <enforce/enforce.h>
#include "fuzz.h"

/* The oracle: TRUE and the amount in fen if @text is plain yuan that fits
 * in gint64 fen. */
static gboolean
oracle_parse (const char *text, size_t len, gint64 *fen_out, gboolean *overflow)
{
  size_t i = 0, decimals = 0;
  gint64 fen = 0;

  *overflow = FALSE;
  while (i < len && g_ascii_isdigit (text[i]))
    {
      if (fen > (G_MAXINT64 - (text[i] - '0')) / 10)
        *overflow = TRUE;
      else
        fen = fen * 10 + (text[i] - '0');
      i++;
    }
  if (i == 0)
    return FALSE;
  if (i < len)
    {
      if (text[i] != '.')
        return FALSE;
      for (i++; i < len && g_ascii_isdigit (text[i]) && decimals < 2; i++, decimals++)
        {
          if (fen > (G_MAXINT64 - (text[i] - '0')) / 10)
            *overflow = TRUE;
          else
            fen = fen * 10 + (text[i] - '0');
        }
      if (decimals == 0 || i != len)
        return FALSE;
    }
  for (; decimals < 2; decimals++)
    {
      if (fen > G_MAXINT64 / 10)
        *overflow = TRUE;
      else
        fen *= 10;
    }
  *fen_out = fen;
  return !*overflow;
}

static gboolean
is_canonical (const char *s)
{
  size_t n = strlen (s);

  if (n < 4 || s[n - 3] != '.' || !g_ascii_isdigit (s[n - 2]) || !g_ascii_isdigit (s[n - 1]))
    return FALSE;
  for (size_t i = 0; i < n - 3; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* format(@fen) is canonical; when the library accepts it back, the value is
 * @fen and formatting again gives the same text. */
static void
check_round_trip (gint64 fen, gboolean must_parse)
{
  g_autofree char *text = enforce_money_format (fen);
  g_autoptr(GError) error = NULL;
  gint64 back = -1;

  fuzz_check (text != NULL && is_canonical (text));
  if (!enforce_money_parse (text, strlen (text), &back, &error))
    {
      fuzz_check (!must_parse);
      fuzz_check_error (error);
      fuzz_check (error->code == ENFORCE_ERROR_INVALID_MONEY
                  || error->code == ENFORCE_ERROR_OVERFLOW);
      return;
    }
  fuzz_check (error == NULL);
  fuzz_check (back == fen);
  g_autofree char *again = enforce_money_format (back);
  fuzz_check (strcmp (again, text) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr(GError) error = NULL;
  gint64 fen = -1, expected = -1;
  gboolean overflow = FALSE;
  gboolean grammatical = oracle_parse (text, size, &expected, &overflow);

  if (enforce_money_parse (text, size, &fen, &error))
    {
      fuzz_check (error == NULL);
      fuzz_check (grammatical);          /* accepted only plain yuan */
      fuzz_check (fen == expected);
      /* The library accepted this amount as text, so it must accept its
       * canonical form too. */
      check_round_trip (fen, TRUE);
    }
  else
    {
      fuzz_check_error (error);
      fuzz_check (error->code == ENFORCE_ERROR_INVALID_MONEY
                  || error->code == ENFORCE_ERROR_OVERFLOW);
    }

  if (size >= 8)
    {
      guint64 bits;
      memcpy (&bits, data, sizeof bits);
      /* Non-negative amounts only: fines are never negative. */
      check_round_trip ((gint64) (bits >> 1), FALSE);
    }
  return 0;
}
