/* money.h: exact amounts inside the library.
 *
 * Public amounts are int64 fen.  While a recommendation computes a range or a
 * point it works in *centifen* (1/100 fen, 1 yuan = 10 000) so that
 * per-unit rates × fractional quantities and multiples × bases stay exact;
 * the declared rounding rule turns centifen into fen exactly once.
 * Every operation is overflow-checked and reports failure instead of
 * wrapping.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-money.h>
#include <enforce/enforce-error.h>

#define FEN_PER_YUAN 100
#define CENTIFEN_PER_FEN 100

/* Grammar shared by money, decimal quantities and multiples: ASCII digits,
 * optional '.' and 1..2 decimals, at most 15 integer digits, no sign.
 * No leading zero except a lone "0" before '.' or alone ("0", "0.5"; not
 * "01", "00"); no "1.", ".5", blanks, exponent, separators or full-width
 * digits.  @text need not be NUL-terminated; *@scaled_out is written only on
 * success.  Returns the value scaled by 100 (yuan → fen, 2.5 → 250). */
gboolean decimal2_parse (const char *text, gsize len, gint64 *scaled_out);

#define DECIMAL2_MAX_INT_DIGITS 15

typedef enum {
  DECIMAL_OK = 0,
  DECIMAL_SYNTAX = 1,         /* not the grammar, or too many integer digits */
  DECIMAL_OVERFLOW = 2,       /* grammatical but does not fit int64 × 100 */
} DecimalStatus;

/* The grammar of decimal2_parse() with @max_int_digits integer digits
 * (decimal2_parse uses DECIMAL2_MAX_INT_DIGITS, where overflow cannot
 * happen; the bound is a parameter so the overflow checks are testable). */
DecimalStatus decimal_parse_scaled (const char *text, gsize len, guint max_int_digits,
                                    gint64 *scaled_out);

gboolean checked_add (gint64 a, gint64 b, gint64 *out);
gboolean checked_sub (gint64 a, gint64 b, gint64 *out);
gboolean checked_mul (gint64 a, gint64 b, gint64 *out);

typedef enum {
  ROUND_HALF_UP = 0,          /* 四舍五入: ties away from zero */
  ROUND_HALF_EVEN = 1,
  ROUND_DOWN = 2,             /* toward zero */
  ROUND_UP = 3,               /* away from zero */
} RoundMode;

typedef enum {
  ROUND_UNIT_FEN = 1,         /* values are fen multiples of these */
  ROUND_UNIT_JIAO = 10,
  ROUND_UNIT_YUAN = 100,
} RoundUnit;

typedef struct {
  RoundMode mode;
  RoundUnit unit;
} Rounding;

/* Rounds a non-negative centifen amount to fen, to a multiple of
 * @rule->unit fen, once. */
gint64 round_centifen (gint64 centifen, const Rounding *rule);

const char *round_mode_name (RoundMode mode);    /* "half_up" ... */
const char *round_unit_name (RoundUnit unit);    /* "fen" "jiao" "yuan" */

/* Human text: zh "2000元" / "150.50元" (decimals only when not whole yuan),
 * en "2000 yuan" / "150.50 yuan".  Caller frees. */
char *money_format_text (gint64 fen, EnforceLang lang);
