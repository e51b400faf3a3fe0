/* test-money.c: the money grammar, checked arithmetic, rounding, formatting.
 *
 * Money and rounding are held to 100 % branch coverage: every branch in
 * libenforce/money.c is taken by some test here, including the overflow
 * checks (through decimal_parse_scaled() with a wider digit bound) and the
 * programmer-error guards (counted through a log handler).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <enforce/enforce-error.h>
#include <enforce/enforce-money.h>
#include "money.h"
#include "test-util.h"

/* Parses NUL-terminated @text; asserts success and returns the fen. */
static gint64
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  gint64 fen = -1;
  assert_true (enforce_money_parse (text, strlen (text), &fen, &error));
  assert_null (error);
  return fen;
}

static void
assert_rejected (const char *text, gsize len)
{
  g_autoptr (GError) error = NULL;
  gint64 fen = 12345;
  assert_false (enforce_money_parse (text, len, &fen, &error));
  test_assert_error (error, ENFORCE_ERROR_INVALID_MONEY);
  /* Nothing is written on failure. */
  assert_int_equal (fen, 12345);
}

/* enforce_money_parse */

static void
test_money_parse__accepts_plain_yuan (void **state)
{
  (void) state;
  assert_int_equal (parse_ok ("0"), 0);
  assert_int_equal (parse_ok ("0.01"), 1);
  assert_int_equal (parse_ok ("0.05"), 5);
  assert_int_equal (parse_ok ("0.5"), 50);
  assert_int_equal (parse_ok ("0.00"), 0);
  assert_int_equal (parse_ok ("2000"), 200000);
  assert_int_equal (parse_ok ("150.5"), 15050);
  assert_int_equal (parse_ok ("150.50"), 15050);
  assert_int_equal (parse_ok ("100.10"), 10010);
  assert_int_equal (parse_ok ("10"), 1000);
  assert_int_equal (parse_ok ("30000"), 3000000);
}

static void
test_money_parse__accepts_fifteen_integer_digits (void **state)
{
  (void) state;
  assert_int_equal (parse_ok ("999999999999999.99"), 99999999999999999LL);
  assert_int_equal (parse_ok ("100000000000000"), 10000000000000000LL);
}

static void
test_money_parse__reads_only_len_bytes (void **state)
{
  g_autoptr (GError) error = NULL;
  gint64 fen = 0;
  (void) state;
  /* Input need not be NUL-terminated: "2000abc" cut to 4 bytes. */
  assert_true (enforce_money_parse ("2000abc", 4, &fen, &error));
  assert_int_equal (fen, 200000);
}

static void
test_money_parse__rejects_hostile_and_loose_forms (void **state)
{
  static const char *const rejected[] = {
    "1e3", "1E3", "1,000", "１０００", "1万元", "1元", "NaN", "nan", "inf", "-5", "+5",
    "100.005", "9999999999999999" /* 16 digits */, "", " 1", "1 ", "1.", ".5", ".",
    "01", "00", "00.5", "0x10", "1_000", "1.2.3", "1.x", "1.5x", "1..5", "５",
    "1000000000000000.00" /* 16 digits with decimals */, "\xef\xbc\x91",
  };
  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    assert_rejected (rejected[i], strlen (rejected[i]));
}

static void
test_money_parse__rejects_embedded_nul (void **state)
{
  (void) state;
  assert_rejected ("100\0", 4);
  assert_rejected ("\0", 1);
}

static void
test_money_parse__rejects_empty_null_text (void **state)
{
  (void) state;
  assert_rejected (NULL, 0);
}

static void
test_money_parse__message_quotes_and_escapes_text (void **state)
{
  g_autoptr (GError) error = NULL;
  gint64 fen;
  (void) state;
  assert_false (enforce_money_parse ("1\n0\0", 4, &fen, &error));
  assert_string_equal (error->message,
                       "amount \"1\\x0A0\\x00\" is not an amount: expected yuan as ASCII digits "
                       "with at most 15 integer digits, optionally '.' and 1-2 decimals, "
                       "no sign, exponent, separator or unit");
}

static void
test_money_parse__message_cuts_long_text (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strnfill (200, '9');
  gint64 fen;
  (void) state;
  assert_false (enforce_money_parse (text, 200, &fen, &error));
  test_assert_error (error, ENFORCE_ERROR_INVALID_MONEY);
  g_autofree char *shown = g_strconcat ("amount \"", text + 136, "…\"", NULL);
  assert_true (g_str_has_prefix (error->message, shown));
}

static void
test_money_parse__null_error_is_allowed (void **state)
{
  gint64 fen = 7;
  (void) state;
  assert_false (enforce_money_parse ("x", 1, &fen, NULL));
  assert_int_equal (fen, 7);
}

static void
test_money_parse__guards_programmer_errors (void **state)
{
  gint64 fen = 7;
  (void) state;
  assert_false (enforce_money_parse (NULL, 3, &fen, NULL));
  assert_int_equal (test_criticals, 1);
  assert_false (enforce_money_parse ("1", 1, NULL, NULL));
  assert_int_equal (test_criticals, 2);
  assert_int_equal (fen, 7);
}

/* decimal2_parse / decimal_parse_scaled */

static void
test_decimal2_parse__scales_by_100 (void **state)
{
  gint64 v = -1;
  (void) state;
  assert_true (decimal2_parse ("2.5", 3, &v));
  assert_int_equal (v, 250);
  assert_true (decimal2_parse ("0", 1, &v));
  assert_int_equal (v, 0);
  assert_false (decimal2_parse ("2.555", 5, &v));
  assert_false (decimal2_parse (NULL, 0, &v));
  assert_int_equal (v, 0);
}

static void
test_decimal_parse_scaled__reaches_int64_max_exactly (void **state)
{
  gint64 v = 0;
  (void) state;
  assert_int_equal (decimal_parse_scaled ("92233720368547758.07", 20, 18, &v), DECIMAL_OK);
  assert_int_equal (v, G_MAXINT64);
}

static void
test_decimal_parse_scaled__reports_overflow_of_final_add (void **state)
{
  gint64 v = 3;
  (void) state;
  assert_int_equal (decimal_parse_scaled ("92233720368547758.08", 20, 18, &v), DECIMAL_OVERFLOW);
  assert_int_equal (v, 3);
}

static void
test_decimal_parse_scaled__reports_overflow_of_scaling (void **state)
{
  gint64 v = 3;
  (void) state;
  /* 17 nines fit int64 but not × 100. */
  assert_int_equal (decimal_parse_scaled ("99999999999999999", 17, 18, &v), DECIMAL_OVERFLOW);
  assert_int_equal (v, 3);
}

static void
test_decimal_parse_scaled__reports_overflow_while_reading_digits (void **state)
{
  gint64 v = 3;
  (void) state;
  /* × 10 overflows at the 19th nine. */
  assert_int_equal (decimal_parse_scaled ("9999999999999999999", 19, 25, &v), DECIMAL_OVERFLOW);
  /* × 10 fits, + 8 overflows. */
  assert_int_equal (decimal_parse_scaled ("9223372036854775808", 19, 25, &v), DECIMAL_OVERFLOW);
  assert_int_equal (v, 3);
}

static void
test_decimal_parse_scaled__counts_digits_before_overflowing (void **state)
{
  gint64 v = 3;
  (void) state;
  /* Too many digits is a syntax error even where the value would overflow. */
  assert_int_equal (decimal_parse_scaled ("99999999999999999999999", 23, 15, &v), DECIMAL_SYNTAX);
  assert_int_equal (decimal_parse_scaled ("1234", 4, 3, &v), DECIMAL_SYNTAX);
  assert_int_equal (decimal_parse_scaled ("123", 3, 3, &v), DECIMAL_OK);
  assert_int_equal (v, 12300);
}

/* enforce_money_format / money_format_text */

static void
assert_format (gint64 fen, const char *expected)
{
  g_autofree char *s = enforce_money_format (fen);
  assert_string_equal (s, expected);
}

static void
test_money_format__two_decimals_no_grouping (void **state)
{
  (void) state;
  assert_format (200000, "2000.00");
  assert_format (0, "0.00");
  assert_format (1, "0.01");
  assert_format (15050, "150.50");
  assert_format (100000000, "1000000.00");
  assert_format (-5, "-0.05");
  assert_format (-15050, "-150.50");
  assert_format (G_MAXINT64, "92233720368547758.07");
  assert_format (G_MININT64, "-92233720368547758.08");
}

static void
assert_text (gint64 fen, EnforceLang lang, const char *expected)
{
  g_autofree char *s = money_format_text (fen, lang);
  assert_string_equal (s, expected);
}

static void
test_money_format_text__whole_yuan_without_decimals (void **state)
{
  (void) state;
  assert_text (200000, ENFORCE_LANG_ZH, "2000元");
  assert_text (200000, ENFORCE_LANG_EN, "2000 yuan");
  assert_text (0, ENFORCE_LANG_ZH, "0元");
  assert_text (-10000, ENFORCE_LANG_EN, "-100 yuan");
}

static void
test_money_format_text__fractions_with_two_decimals (void **state)
{
  (void) state;
  assert_text (15050, ENFORCE_LANG_ZH, "150.50元");
  assert_text (15050, ENFORCE_LANG_EN, "150.50 yuan");
  assert_text (5, ENFORCE_LANG_ZH, "0.05元");
  assert_text (-15050, ENFORCE_LANG_ZH, "-150.50元");
}

/* checked arithmetic */

static void
test_checked_add__adds_and_refuses_overflow (void **state)
{
  gint64 r = 0;
  (void) state;
  assert_true (checked_add (2, 3, &r));
  assert_int_equal (r, 5);
  assert_true (checked_add (G_MAXINT64, 0, &r));
  assert_int_equal (r, G_MAXINT64);
  r = 42;
  assert_false (checked_add (G_MAXINT64, 1, &r));
  assert_false (checked_add (G_MININT64, -1, &r));
  assert_int_equal (r, 42);
}

static void
test_checked_sub__subtracts_and_refuses_overflow (void **state)
{
  gint64 r = 0;
  (void) state;
  assert_true (checked_sub (2, 3, &r));
  assert_int_equal (r, -1);
  r = 42;
  assert_false (checked_sub (G_MININT64, 1, &r));
  assert_false (checked_sub (0, G_MININT64, &r));
  assert_int_equal (r, 42);
}

static void
test_checked_mul__multiplies_and_refuses_overflow (void **state)
{
  gint64 r = 0;
  (void) state;
  assert_true (checked_mul (-4, 25, &r));
  assert_int_equal (r, -100);
  r = 42;
  assert_false (checked_mul (G_MAXINT64 / 2 + 1, 2, &r));
  assert_false (checked_mul (G_MININT64, -1, &r));
  assert_int_equal (r, 42);
}

/* round_centifen: expected values worked out by hand, in fen. */

typedef struct {
  gint64 centifen;
  RoundUnit unit;
  gint64 half_up, half_even, down, up;
} RoundCase;

static void
test_round_centifen__all_modes_and_units (void **state)
{
  static const RoundCase cases[] = {
    /* fen: 123.45 fen */
    { 12345, ROUND_UNIT_FEN, 123, 123, 123, 124 },
    /* 123.50 fen, tie, 123 odd: half_even goes up */
    { 12350, ROUND_UNIT_FEN, 124, 124, 123, 124 },
    /* 124.50 fen, tie, 124 even: half_even stays */
    { 12450, ROUND_UNIT_FEN, 125, 124, 124, 125 },
    /* 123.51 fen, above half */
    { 12351, ROUND_UNIT_FEN, 124, 124, 123, 124 },
    /* exact */
    { 12300, ROUND_UNIT_FEN, 123, 123, 123, 123 },
    { 0, ROUND_UNIT_FEN, 0, 0, 0, 0 },
    /* jiao: 1234.56 fen = 123.456 jiao */
    { 123456, ROUND_UNIT_JIAO, 1230, 1230, 1230, 1240 },
    /* 123.5 jiao, tie, odd */
    { 123500, ROUND_UNIT_JIAO, 1240, 1240, 1230, 1240 },
    /* 122.5 jiao, tie, even */
    { 122500, ROUND_UNIT_JIAO, 1230, 1220, 1220, 1230 },
    /* 123.5001 jiao */
    { 123501, ROUND_UNIT_JIAO, 1240, 1240, 1230, 1240 },
    { 123000, ROUND_UNIT_JIAO, 1230, 1230, 1230, 1230 },
    /* 9 centifen rounds to a whole jiao only upward */
    { 9, ROUND_UNIT_JIAO, 0, 0, 0, 10 },
    /* yuan: 12345.67 fen = 123.4567 yuan */
    { 1234567, ROUND_UNIT_YUAN, 12300, 12300, 12300, 12400 },
    /* 123.5 yuan, tie, odd */
    { 1235000, ROUND_UNIT_YUAN, 12400, 12400, 12300, 12400 },
    /* 122.5 yuan, tie, even */
    { 1225000, ROUND_UNIT_YUAN, 12300, 12200, 12200, 12300 },
    /* 123.5001 yuan */
    { 1235001, ROUND_UNIT_YUAN, 12400, 12400, 12300, 12400 },
    { 1230000, ROUND_UNIT_YUAN, 12300, 12300, 12300, 12300 },
    /* 0.5 yuan: half_even rounds to 0 (even), half_up to 1 yuan */
    { 5000, ROUND_UNIT_YUAN, 100, 0, 0, 100 },
    /* the largest input: 922337203685477.5807 yuan */
    { G_MAXINT64, ROUND_UNIT_YUAN, 92233720368547800LL, 92233720368547800LL,
      92233720368547700LL, 92233720368547800LL },
  };
  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RoundCase *c = &cases[i];
      Rounding half_up = { ROUND_HALF_UP, c->unit };
      Rounding half_even = { ROUND_HALF_EVEN, c->unit };
      Rounding down = { ROUND_DOWN, c->unit };
      Rounding up = { ROUND_UP, c->unit };
      assert_int_equal (round_centifen (c->centifen, &half_up), c->half_up);
      assert_int_equal (round_centifen (c->centifen, &half_even), c->half_even);
      assert_int_equal (round_centifen (c->centifen, &down), c->down);
      assert_int_equal (round_centifen (c->centifen, &up), c->up);
    }
  assert_int_equal (test_criticals, 0);
}

static void
test_round_centifen__result_is_a_multiple_of_the_unit (void **state)
{
  static const RoundUnit units[] = { ROUND_UNIT_FEN, ROUND_UNIT_JIAO, ROUND_UNIT_YUAN };
  (void) state;
  for (gsize u = 0; u < G_N_ELEMENTS (units); u++)
    for (int mode = ROUND_HALF_UP; mode <= ROUND_UP; mode++)
      for (gint64 c = 0; c < 30000; c += 37)
        {
          Rounding rule = { (RoundMode) mode, units[u] };
          gint64 fen = round_centifen (c, &rule);
          assert_int_equal (fen % units[u], 0);
          /* Within one unit of the exact value, in centifen. */
          assert_true (fen * 100 - c < (gint64) units[u] * 100);
          assert_true (c - fen * 100 < (gint64) units[u] * 100);
        }
}

static void
test_round_centifen__guards_programmer_errors (void **state)
{
  Rounding ok = { ROUND_HALF_UP, ROUND_UNIT_FEN };
  Rounding bad_unit = { ROUND_HALF_UP, (RoundUnit) 7 };
  Rounding bad_mode = { (RoundMode) 9, ROUND_UNIT_FEN };
  (void) state;
  assert_int_equal (round_centifen (100, NULL), 0);
  assert_int_equal (test_criticals, 1);
  assert_int_equal (round_centifen (-1, &ok), 0);
  assert_int_equal (test_criticals, 2);
  assert_int_equal (round_centifen (100, &bad_unit), 0);
  assert_int_equal (test_criticals, 3);
  /* An unknown mode never rounds up, and says so. */
  assert_int_equal (round_centifen (150, &bad_mode), 1);
  assert_int_equal (test_criticals, 4);
}

static void
test_round_names__are_the_yaml_words (void **state)
{
  (void) state;
  assert_string_equal (round_mode_name (ROUND_HALF_UP), "half_up");
  assert_string_equal (round_mode_name (ROUND_HALF_EVEN), "half_even");
  assert_string_equal (round_mode_name (ROUND_DOWN), "down");
  assert_string_equal (round_mode_name (ROUND_UP), "up");
  assert_string_equal (round_mode_name ((RoundMode) 9), "unknown");
  assert_string_equal (round_unit_name (ROUND_UNIT_FEN), "fen");
  assert_string_equal (round_unit_name (ROUND_UNIT_JIAO), "jiao");
  assert_string_equal (round_unit_name (ROUND_UNIT_YUAN), "yuan");
  assert_string_equal (round_unit_name ((RoundUnit) 7), "unknown");
}

#define T(name) cmocka_unit_test_setup (name, test_count_criticals)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_money_parse__accepts_plain_yuan),
    T (test_money_parse__accepts_fifteen_integer_digits),
    T (test_money_parse__reads_only_len_bytes),
    T (test_money_parse__rejects_hostile_and_loose_forms),
    T (test_money_parse__rejects_embedded_nul),
    T (test_money_parse__rejects_empty_null_text),
    T (test_money_parse__message_quotes_and_escapes_text),
    T (test_money_parse__message_cuts_long_text),
    T (test_money_parse__null_error_is_allowed),
    T (test_money_parse__guards_programmer_errors),
    T (test_decimal2_parse__scales_by_100),
    T (test_decimal_parse_scaled__reaches_int64_max_exactly),
    T (test_decimal_parse_scaled__reports_overflow_of_final_add),
    T (test_decimal_parse_scaled__reports_overflow_of_scaling),
    T (test_decimal_parse_scaled__reports_overflow_while_reading_digits),
    T (test_decimal_parse_scaled__counts_digits_before_overflowing),
    T (test_money_format__two_decimals_no_grouping),
    T (test_money_format_text__whole_yuan_without_decimals),
    T (test_money_format_text__fractions_with_two_decimals),
    T (test_checked_add__adds_and_refuses_overflow),
    T (test_checked_sub__subtracts_and_refuses_overflow),
    T (test_checked_mul__multiplies_and_refuses_overflow),
    T (test_round_centifen__all_modes_and_units),
    T (test_round_centifen__result_is_a_multiple_of_the_unit),
    T (test_round_centifen__guards_programmer_errors),
    T (test_round_names__are_the_yaml_words),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
