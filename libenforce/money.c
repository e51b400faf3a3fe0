/* money.c: the money grammar, checked arithmetic and the one rounding rule.
 *
 * Integers only.  Amounts are parsed digit by digit (never strtod, which
 * accepts signs, exponents, hex, "nan" and the locale's separators) and
 * every operation that could wrap is checked.
 */
#include "money.h"

#include "diag.h"

/* Longest amount text echoed back in an error message. */
#define MONEY_MESSAGE_MAX 64

/* 15 integer digits × 100 + 99 stays below G_MAXINT64 (9.2e18), so money
 * text within the grammar can never overflow; the checks below still run
 * because decimal_parse_scaled() takes the bound as a parameter. */
G_STATIC_ASSERT (999999999999999LL * 100 + 99 < G_MAXINT64);

gboolean
checked_add (gint64 a, gint64 b, gint64 *out)
{
  gint64 r;
  if (__builtin_add_overflow (a, b, &r))
    return FALSE;
  *out = r;
  return TRUE;
}

gboolean
checked_sub (gint64 a, gint64 b, gint64 *out)
{
  gint64 r;
  if (__builtin_sub_overflow (a, b, &r))
    return FALSE;
  *out = r;
  return TRUE;
}

gboolean
checked_mul (gint64 a, gint64 b, gint64 *out)
{
  gint64 r;
  if (__builtin_mul_overflow (a, b, &r))
    return FALSE;
  *out = r;
  return TRUE;
}

static gboolean
is_digit (char c)
{
  /* Not isdigit(): locale-independent, and never true for a byte of a
   * full-width digit. */
  return c >= '0' && c <= '9';
}

/* Reads the 1..2 decimals after the '.' at text[0], as hundredths. */
static DecimalStatus
parse_fraction (const char *text, gsize len, gint64 *hundredths)
{
  if (len < 2 || len > 3 || !is_digit (text[1]))
    return DECIMAL_SYNTAX;
  gint64 value = (text[1] - '0') * 10;
  if (len == 3)
    {
      if (!is_digit (text[2]))
        return DECIMAL_SYNTAX;
      value += text[2] - '0';
    }
  *hundredths = value;
  return DECIMAL_OK;
}

DecimalStatus
decimal_parse_scaled (const char *text, gsize len, guint max_int_digits, gint64 *scaled_out)
{
  gint64 whole = 0, hundredths = 0, scaled;
  gsize i = 0;

  if (text == NULL)
    return DECIMAL_SYNTAX;
  for (; i < len && is_digit (text[i]); i++)
    {
      /* Counting first keeps an over-long input a syntax error however
       * many digits it has. */
      if (i == max_int_digits)
        return DECIMAL_SYNTAX;
      if (!checked_mul (whole, 10, &whole) || !checked_add (whole, text[i] - '0', &whole))
        return DECIMAL_OVERFLOW;
    }
  /* One leading zero is allowed only as the whole integer part ("0",
   * "0.5"): "01" is how YAML 1.1 writes octal. */
  if (i == 0 || (i > 1 && text[0] == '0'))
    return DECIMAL_SYNTAX;
  if (i < len)
    {
      if (text[i] != '.')
        return DECIMAL_SYNTAX;
      DecimalStatus status = parse_fraction (text + i, len - i, &hundredths);
      if (status != DECIMAL_OK)
        return status;
    }
  if (!checked_mul (whole, 100, &scaled) || !checked_add (scaled, hundredths, &scaled))
    return DECIMAL_OVERFLOW;
  *scaled_out = scaled;
  return DECIMAL_OK;
}

gboolean
decimal2_parse (const char *text, gsize len, gint64 *scaled_out)
{
  return decimal_parse_scaled (text, len, DECIMAL2_MAX_INT_DIGITS, scaled_out) == DECIMAL_OK;
}

/* Indexed by DecimalStatus; a table rather than a branch, because money
 * text within the grammar never overflows (see the static assert). */
static const struct {
  EnforceErrorCode code;
  const char *reason;
} money_failures[] = {
  [DECIMAL_OK] = { ENFORCE_ERROR_FAILED, "" },
  [DECIMAL_SYNTAX] = { ENFORCE_ERROR_INVALID_MONEY,
                       "is not an amount: expected yuan as ASCII digits with at most "
                       "15 integer digits, optionally '.' and 1-2 decimals, "
                       "no sign, exponent, separator or unit" },
  [DECIMAL_OVERFLOW] = { ENFORCE_ERROR_OVERFLOW, "is too large" },
};

gboolean
enforce_money_parse (const char *text, gsize len, gint64 *fen_out, GError **error)
{
  gint64 fen;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (fen_out != NULL, FALSE);

  DecimalStatus status = decimal_parse_scaled (text, len, DECIMAL2_MAX_INT_DIGITS, &fen);
  if (status == DECIMAL_OK)
    {
      *fen_out = fen;
      return TRUE;
    }
  g_autofree char *shown = escape_for_message (text, len, MONEY_MESSAGE_MAX);
  g_set_error (error, ENFORCE_ERROR, (gint) money_failures[status].code,
               "amount \"%s\" %s", shown, money_failures[status].reason);
  return FALSE;
}

/* |fen| without overflowing on G_MININT64. */
static guint64
magnitude (gint64 fen)
{
  return fen < 0 ? (guint64) (-(fen + 1)) + 1 : (guint64) fen;
}

char *
enforce_money_format (gint64 fen)
{
  guint64 m = magnitude (fen);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", fen < 0 ? "-" : "",
                          m / FEN_PER_YUAN, (guint) (m % FEN_PER_YUAN));
}

char *
money_format_text (gint64 fen, EnforceLang lang)
{
  guint64 m = magnitude (fen);
  const char *sign = fen < 0 ? "-" : "";
  const char *suffix = lang == ENFORCE_LANG_EN ? " yuan" : "元";
  guint cents = (guint) (m % FEN_PER_YUAN);

  if (cents == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s", sign, m / FEN_PER_YUAN, suffix);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u%s", sign, m / FEN_PER_YUAN, cents,
                          suffix);
}

static gboolean
valid_unit (RoundUnit unit)
{
  return unit == ROUND_UNIT_FEN || unit == ROUND_UNIT_JIAO || unit == ROUND_UNIT_YUAN;
}

/* Whether a quotient with remainder @rem of divisor @divisor moves up one
 * step under @mode. */
static gboolean
rounds_up (RoundMode mode, gint64 quotient, gint64 rem, gint64 divisor)
{
  switch (mode)
    {
    case ROUND_DOWN:
      return FALSE;
    case ROUND_UP:
      return rem > 0;
    case ROUND_HALF_UP:
      return 2 * rem >= divisor;
    case ROUND_HALF_EVEN:
      return 2 * rem > divisor || (2 * rem == divisor && quotient % 2 == 1);
    }
  g_return_val_if_reached (FALSE);
}

gint64
round_centifen (gint64 centifen, const Rounding *rule)
{
  g_return_val_if_fail (rule != NULL, 0);
  g_return_val_if_fail (centifen >= 0, 0);
  g_return_val_if_fail (valid_unit (rule->unit), 0);

  /* Work in whole units: the divisor is the unit in centifen (≤ 10 000), and
   * (quotient + 1) × unit ≤ centifen / 100 + unit, far from overflow. */
  gint64 divisor = (gint64) rule->unit * CENTIFEN_PER_FEN;
  gint64 quotient = centifen / divisor;
  gint64 rem = centifen % divisor;
  if (rounds_up (rule->mode, quotient, rem, divisor))
    quotient++;
  return quotient * (gint64) rule->unit;
}

const char *
round_mode_name (RoundMode mode)
{
  switch (mode)
    {
    case ROUND_HALF_UP:   return "half_up";
    case ROUND_HALF_EVEN: return "half_even";
    case ROUND_DOWN:      return "down";
    case ROUND_UP:        return "up";
    }
  return "unknown";
}

const char *
round_unit_name (RoundUnit unit)
{
  switch (unit)
    {
    case ROUND_UNIT_FEN:  return "fen";
    case ROUND_UNIT_JIAO: return "jiao";
    case ROUND_UNIT_YUAN: return "yuan";
    }
  return "unknown";
}
