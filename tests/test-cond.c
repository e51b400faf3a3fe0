/* test-cond.c: condition expressions (libenforce/cond.h).
 *
 * Every operator and fact type, precedence and parentheses, Kleene
 * three-valued logic with the missing-fact masks, every compile error with
 * its exact byte offset, the limits at and one past them, and a
 * deterministic mutation loop that must never crash.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include "cond.h"

static const char *const HARM_VALUES[] = { "none", "minor", "serious" };

enum {
  AREA,          /* number */
  COUNT,         /* integer */
  GAINS,         /* money */
  ACT_DATE,      /* date */
  FIRST,         /* bool */
  HARM,          /* enum */
  P, Q, R,       /* bools for the truth tables */
  N_SCOPE,
};

static const CondVar SCOPE[N_SCOPE] = {
  [AREA] = { "area_m2", FACT_NUMBER, NULL, 0 },
  [COUNT] = { "count", FACT_INTEGER, NULL, 0 },
  [GAINS] = { "gains", FACT_MONEY, NULL, 0 },
  [ACT_DATE] = { "act_date", FACT_DATE, NULL, 0 },
  [FIRST] = { "first_offense", FACT_BOOL, NULL, 0 },
  [HARM] = { "harm", FACT_ENUM, HARM_VALUES, 3 },
  [P] = { "p", FACT_BOOL, NULL, 0 },
  [Q] = { "q", FACT_BOOL, NULL, 0 },
  [R] = { "r", FACT_BOOL, NULL, 0 },
};

/* Day numbers (days since 1970-01-01). */
#define DAY_2024_05_31 19874
#define DAY_2024_06_01 19875
#define DAY_2024_01_01 19723

#define BIT(i) (G_GUINT64_CONSTANT (1) << (i))

static Cond *
compile_ok (const char *src)
{
  CondError err = { 0 };
  Cond *cond = cond_compile (src, strlen (src), SCOPE, N_SCOPE, &err);

  if (cond == NULL)
    fail_msg ("\"%s\" failed at %u: %s", src, err.offset, err.message_en);
  return cond;
}

static CondError
compile_error (const char *src, gsize len)
{
  CondError err = { 0 };
  Cond *cond = cond_compile (src, len, SCOPE, N_SCOPE, &err);

  if (cond != NULL)
    fail_msg ("\"%s\" compiled but should not", src);
  return err;
}

static void
assert_error (const char *src, EnforceErrorCode code, guint offset)
{
  CondError err = compile_error (src, strlen (src));

  if (err.code != code || err.offset != offset)
    fail_msg ("\"%s\": got code %d at %u (%s), want %d at %u", src, err.code,
              err.offset, err.message_en, code, offset);
  assert_true (err.message_en[0] != '\0');
  assert_true (err.message_zh[0] != '\0');
  assert_true (g_utf8_validate (err.message_zh, -1, NULL));
}

/* Values: everything unknown until set. */
typedef struct {
  FactValue v[N_SCOPE];
} Values;

static Values
unknown_values (void)
{
  Values vals;

  memset (&vals, 0, sizeof vals);
  return vals;
}

static void
set (Values *vals, int fact, gint64 value)
{
  vals->v[fact].known = TRUE;
  vals->v[fact].value = value;
}

static Tri
eval_src (const char *src, const Values *vals, guint64 *missing)
{
  Cond *cond = compile_ok (src);
  guint64 m = G_MAXUINT64;
  Tri t = cond_eval (cond, vals->v, &m);

  cond_free (cond);
  if (missing != NULL)
    *missing = m;
  return t;
}

/* Tri for a bool fact: known true, known false or absent. */
static void
set_tri (Values *vals, int fact, Tri t)
{
  if (t == TRI_UNKNOWN)
    vals->v[fact].known = FALSE;
  else
    set (vals, fact, t == TRI_TRUE);
}

/* ------------------------------------------------------------ comparisons */

static void
test_cond_eval__bare_bool_reads_the_fact (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  set (&vals, FIRST, 1);
  assert_int_equal (eval_src ("first_offense", &vals, NULL), TRI_TRUE);
  set (&vals, FIRST, 0);
  assert_int_equal (eval_src ("first_offense", &vals, NULL), TRI_FALSE);
  /* Any non-zero value is true. */
  set (&vals, FIRST, 7);
  assert_int_equal (eval_src ("first_offense", &vals, NULL), TRI_TRUE);
}

static void
test_cond_eval__bool_equality_with_true_and_false (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  set (&vals, FIRST, 1);
  assert_int_equal (eval_src ("first_offense == true", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("first_offense == false", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("first_offense != true", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("first_offense != false", &vals, NULL), TRI_TRUE);
  set (&vals, FIRST, 0);
  assert_int_equal (eval_src ("first_offense == true", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("first_offense == false", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("first_offense != true", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("first_offense != false", &vals, NULL), TRI_FALSE);
}

static void
test_cond_eval__integer_operators_at_the_boundary (void **state)
{
  static const struct { const char *src; Tri at4, at5, at6; } cases[] = {
    { "count == 5", TRI_FALSE, TRI_TRUE, TRI_FALSE },
    { "count != 5", TRI_TRUE, TRI_FALSE, TRI_TRUE },
    { "count < 5", TRI_TRUE, TRI_FALSE, TRI_FALSE },
    { "count <= 5", TRI_TRUE, TRI_TRUE, TRI_FALSE },
    { "count > 5", TRI_FALSE, TRI_FALSE, TRI_TRUE },
    { "count >= 5", TRI_FALSE, TRI_TRUE, TRI_TRUE },
    { "count>=5", TRI_FALSE, TRI_TRUE, TRI_TRUE },
  };
  (void) state;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Values vals = unknown_values ();
      set (&vals, COUNT, 4);
      assert_int_equal (eval_src (cases[i].src, &vals, NULL), cases[i].at4);
      set (&vals, COUNT, 5);
      assert_int_equal (eval_src (cases[i].src, &vals, NULL), cases[i].at5);
      set (&vals, COUNT, 6);
      assert_int_equal (eval_src (cases[i].src, &vals, NULL), cases[i].at6);
    }
}

static void
test_cond_eval__number_literal_is_scaled_by_100 (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  set (&vals, AREA, 549);                 /* 5.49 m² */
  assert_int_equal (eval_src ("area_m2 < 5.5", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("area_m2 < 5.49", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("area_m2 <= 5.49", &vals, NULL), TRI_TRUE);
  set (&vals, AREA, 500);
  assert_int_equal (eval_src ("area_m2 == 5", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("area_m2 < 5", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("area_m2 >= 5.00", &vals, NULL), TRI_TRUE);
}

static void
test_cond_eval__money_literal_is_yuan_compared_in_fen (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  set (&vals, GAINS, 100050);             /* 1000.50 yuan */
  assert_int_equal (eval_src ("gains >= 1000.5", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("gains > 1000.50", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("gains > 1000", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("gains == 1000.50", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("gains in [1000.5, 2000]", &vals, NULL), TRI_TRUE);
}

static void
test_cond_eval__date_compares_day_numbers (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  set (&vals, ACT_DATE, DAY_2024_05_31);
  assert_int_equal (eval_src ("act_date < 2024-06-01", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("act_date >= 2024-06-01", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("act_date == 2024-05-31", &vals, NULL), TRI_TRUE);
  set (&vals, ACT_DATE, DAY_2024_06_01);
  assert_int_equal (eval_src ("act_date >= 2024-06-01", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("act_date in [2024-01-01, 2024-06-01]", &vals, NULL),
                    TRI_TRUE);
  set (&vals, ACT_DATE, DAY_2024_01_01);
  assert_int_equal (eval_src ("act_date > 2023-12-31", &vals, NULL), TRI_TRUE);
}

static void
test_cond_eval__enum_equality_by_declared_value (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  set (&vals, HARM, 1);                   /* minor */
  assert_int_equal (eval_src ("harm == minor", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("harm == none", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("harm != serious", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("harm != minor", &vals, NULL), TRI_FALSE);
}

static void
test_cond_eval__in_and_not_in (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  set (&vals, HARM, 2);                   /* serious */
  assert_int_equal (eval_src ("harm in [none, minor]", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("harm not in [none, minor]", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("harm in [serious]", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("not harm in [serious]", &vals, NULL), TRI_FALSE);
  set (&vals, HARM, 0);
  assert_int_equal (eval_src ("harm in [none, minor]", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("harm not in [none, minor]", &vals, NULL), TRI_FALSE);
  set (&vals, COUNT, 3);
  assert_int_equal (eval_src ("count in [1, 2, 3]", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("count not in [1,2]", &vals, NULL), TRI_TRUE);
  /* The list is followed by more code: the items must be skipped. */
  set (&vals, P, 1);
  assert_int_equal (eval_src ("count in [1, 2] or p", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("count in [1, 2] and p", &vals, NULL), TRI_FALSE);
}

static void
test_cond_eval__true_and_false_literals (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  assert_int_equal (eval_src ("true", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("false", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("not false", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("p or true", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("p and false", &vals, NULL), TRI_FALSE);
}

/* ------------------------------------------------------ precedence, parens */

static void
test_cond_eval__and_binds_tighter_than_or (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  /* p or (q and r) is true; (p or q) and r would be false. */
  set (&vals, P, 1);
  set (&vals, Q, 1);
  set (&vals, R, 0);
  assert_int_equal (eval_src ("p or q and r", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("q and r or p", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("(p or q) and r", &vals, NULL), TRI_FALSE);
}

static void
test_cond_eval__not_binds_tighter_than_and_and_or (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  /* (not p) and q is false; not (p and q) would be true. */
  set (&vals, P, 0);
  set (&vals, Q, 0);
  assert_int_equal (eval_src ("not p and q", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("not (p and q)", &vals, NULL), TRI_TRUE);
  /* (not p) or q is false with p true; not (p or q) is the same here, so
   * use q true: (not p) or q is true, not (p or q) false. */
  set (&vals, P, 1);
  set (&vals, Q, 1);
  assert_int_equal (eval_src ("not p or q", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("not (p or q)", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("not not p", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("not not not p", &vals, NULL), TRI_FALSE);
}

static void
test_cond_eval__left_to_right_with_nested_parentheses (void **state)
{
  Values vals = unknown_values ();
  (void) state;

  set (&vals, P, 0);
  set (&vals, Q, 1);
  set (&vals, R, 1);
  set (&vals, COUNT, 2);
  assert_int_equal (eval_src ("((p or q) and (r and count > 1))", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("(((p))) or ((q) and not (r))", &vals, NULL), TRI_FALSE);
  assert_int_equal (eval_src ("p or q or r and count < 1", &vals, NULL), TRI_TRUE);
  assert_int_equal (eval_src ("p and q and r", &vals, NULL), TRI_FALSE);
}

static void
test_cond_eval__realistic_tier_condition (void **state)
{
  const char *src = "area_m2 < 5 and first_offense and harm in [none, minor]";
  Values vals = unknown_values ();
  (void) state;

  set (&vals, AREA, 320);
  set (&vals, FIRST, 1);
  set (&vals, HARM, 0);
  assert_int_equal (eval_src (src, &vals, NULL), TRI_TRUE);
  set (&vals, HARM, 2);
  assert_int_equal (eval_src (src, &vals, NULL), TRI_FALSE);
}

/* ------------------------------------------------------------ Kleene logic */

static void
test_cond_eval__kleene_truth_tables (void **state)
{
  static const Tri all[] = { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN };
  /* [a][b] indexed by Tri value. */
  static const Tri and_table[3][3] = {
    { TRI_FALSE, TRI_FALSE, TRI_FALSE },
    { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN },
    { TRI_FALSE, TRI_UNKNOWN, TRI_UNKNOWN },
  };
  static const Tri or_table[3][3] = {
    { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN },
    { TRI_TRUE, TRI_TRUE, TRI_TRUE },
    { TRI_UNKNOWN, TRI_TRUE, TRI_UNKNOWN },
  };
  static const Tri not_table[3] = { TRI_TRUE, TRI_FALSE, TRI_UNKNOWN };
  Cond *and_c = compile_ok ("p and q");
  Cond *or_c = compile_ok ("p or q");
  Cond *not_c = compile_ok ("not p");
  (void) state;

  for (int a = 0; a < 3; a++)
    {
      Values vals = unknown_values ();
      guint64 missing;

      set_tri (&vals, P, all[a]);
      assert_int_equal (cond_eval (not_c, vals.v, &missing), not_table[a]);
      for (int b = 0; b < 3; b++)
        {
          set_tri (&vals, Q, all[b]);
          assert_int_equal (cond_eval (and_c, vals.v, &missing), and_table[a][b]);
          assert_int_equal (cond_eval (or_c, vals.v, &missing), or_table[a][b]);
        }
    }
  cond_free (and_c);
  cond_free (or_c);
  cond_free (not_c);
}

static void
test_cond_eval__unknown_and_false_is_false_with_no_missing (void **state)
{
  Values vals = unknown_values ();
  guint64 missing = 99;
  (void) state;

  set (&vals, Q, 0);
  assert_int_equal (eval_src ("p and q", &vals, &missing), TRI_FALSE);
  assert_int_equal (missing, 0);
  assert_int_equal (eval_src ("q and p", &vals, &missing), TRI_FALSE);
  assert_int_equal (missing, 0);
}

static void
test_cond_eval__unknown_or_true_is_true_with_no_missing (void **state)
{
  Values vals = unknown_values ();
  guint64 missing = 99;
  (void) state;

  set (&vals, Q, 1);
  assert_int_equal (eval_src ("p or q", &vals, &missing), TRI_TRUE);
  assert_int_equal (missing, 0);
  assert_int_equal (eval_src ("q or p", &vals, &missing), TRI_TRUE);
  assert_int_equal (missing, 0);
}

static void
test_cond_eval__missing_lists_the_facts_that_left_it_undecided (void **state)
{
  Values vals = unknown_values ();
  guint64 missing = 0;
  (void) state;

  /* A comparison reading an unknown fact is unknown. */
  assert_int_equal (eval_src ("area_m2 < 5", &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (AREA));
  assert_int_equal (eval_src ("harm not in [none]", &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (HARM));
  /* not keeps the mask. */
  assert_int_equal (eval_src ("not p", &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (P));
  /* U and U, U or U: union. */
  assert_int_equal (eval_src ("p and q", &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (P) | BIT (Q));
  assert_int_equal (eval_src ("p or count > 2", &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (P) | BIT (COUNT));
  /* U and T: only the unknown side. */
  set (&vals, Q, 1);
  assert_int_equal (eval_src ("p and q", &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (P));
  /* U or (U and F): the right side is decided false, so r's absence does
   * not matter and must not be reported. */
  vals = unknown_values ();
  set (&vals, Q, 0);
  assert_int_equal (eval_src ("p or (r and q)", &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (P));
  /* The same fact twice is one bit. */
  assert_int_equal (eval_src ("p and not p", &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (P));
  /* Decided results clear *missing and a NULL pointer is accepted. */
  set (&vals, P, 1);
  assert_int_equal (eval_src ("p or r", &vals, &missing), TRI_TRUE);
  assert_int_equal (missing, 0);
  {
    Cond *cond = compile_ok ("r");
    assert_int_equal (cond_eval (cond, vals.v, NULL), TRI_UNKNOWN);
    cond_free (cond);
  }
}

/* ------------------------------------------------------------- accessors */

static void
test_cond_compile__keeps_a_copy_of_the_source (void **state)
{
  char buf[] = "p and q   trailing";
  Cond *cond = cond_compile (buf, 7, SCOPE, N_SCOPE, NULL);
  (void) state;

  assert_non_null (cond);
  buf[0] = 'X';
  assert_string_equal (cond_source (cond), "p and q");
  cond_free (cond);
  cond_free (NULL);
}

static void
test_cond_facts_used__has_a_bit_per_fact_read (void **state)
{
  Cond *cond = compile_ok ("area_m2 < 5 or (harm == none and not p) or area_m2 > 9");
  Cond *konst = compile_ok ("true");
  (void) state;

  assert_int_equal (cond_facts_used (cond), BIT (AREA) | BIT (HARM) | BIT (P));
  assert_int_equal (cond_facts_used (konst), 0);
  cond_free (cond);
  cond_free (konst);
}

static void
test_cond_is_always_true__only_for_the_bare_literal (void **state)
{
  static const struct { const char *src; gboolean yes; } cases[] = {
    { "true", TRUE },
    { "  true \n", TRUE },
    { "\ttrue", TRUE },
    { "(true)", FALSE },
    { "true or p", FALSE },
    { "not false", FALSE },
    { "false", FALSE },
    { "p", FALSE },
  };
  (void) state;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Cond *cond = compile_ok (cases[i].src);
      if (cond_is_always_true (cond) != cases[i].yes)
        fail_msg ("\"%s\": always_true should be %d", cases[i].src, cases[i].yes);
      cond_free (cond);
    }
}

static void
test_cond_compile__accepts_an_unterminated_buffer (void **state)
{
  /* Only @len bytes are read: "count < 5" followed by junk. */
  const char buf[] = "count < 5\x01\xff";
  Values vals = unknown_values ();
  Cond *cond = cond_compile (buf, 9, SCOPE, N_SCOPE, NULL);
  (void) state;

  assert_non_null (cond);
  set (&vals, COUNT, 4);
  assert_int_equal (cond_eval (cond, vals.v, NULL), TRI_TRUE);
  cond_free (cond);
}

/* ---------------------------------------------------------------- errors */

static void
test_cond_compile__rejects_undeclared_fact_at_its_offset (void **state)
{
  CondError err;
  (void) state;

  err = compile_error ("p and area > 5", 14);
  assert_int_equal (err.code, ENFORCE_ERROR_UNDECLARED_FACT);
  assert_int_equal (err.offset, 6);
  assert_string_equal (err.message_zh, "未声明的事实“area”");
  assert_string_equal (err.message_en, "undeclared fact \"area\"");
  /* Keywords are case-sensitive: "AND" is a name, undeclared as an
   * operand and a syntax error where "and" was meant. */
  assert_error ("AND", ENFORCE_ERROR_UNDECLARED_FACT, 0);
  err = compile_error ("p AND q", 7);
  assert_int_equal (err.code, ENFORCE_ERROR_INVALID_CONDITION);
  assert_int_equal (err.offset, 2);
  assert_string_equal (err.message_en, "keywords are lowercase: \"and\", \"or\"");
  assert_error ("p Or q", ENFORCE_ERROR_INVALID_CONDITION, 2);
  err = compile_error ("p AN q", 6);
  assert_int_equal (err.offset, 2);
  assert_string_equal (err.message_en,
                       "unexpected \"AN\": expected \"and\", \"or\" or \")\"");
  /* A prefix of a declared name is not that name. */
  assert_error ("first", ENFORCE_ERROR_UNDECLARED_FACT, 0);
  assert_error ("first_offense_x", ENFORCE_ERROR_UNDECLARED_FACT, 0);
}

static void
test_cond_compile__rejects_syntax_errors_at_the_offending_token (void **state)
{
  (void) state;

  assert_error ("area_m2 <", ENFORCE_ERROR_INVALID_CONDITION, 9);
  assert_error ("area_m2 < ", ENFORCE_ERROR_INVALID_CONDITION, 10);
  assert_error ("p and and q", ENFORCE_ERROR_INVALID_CONDITION, 6);
  assert_error ("p and", ENFORCE_ERROR_INVALID_CONDITION, 5);
  assert_error ("or p", ENFORCE_ERROR_INVALID_CONDITION, 0);
  assert_error ("p q", ENFORCE_ERROR_INVALID_CONDITION, 2);
  assert_error ("p not q", ENFORCE_ERROR_INVALID_CONDITION, 2);
  assert_error ("count < 5 < 6", ENFORCE_ERROR_INVALID_CONDITION, 10);
  assert_error ("count < p", ENFORCE_ERROR_TYPE_MISMATCH, 8);
  assert_error ("count < (5)", ENFORCE_ERROR_INVALID_CONDITION, 8);
  assert_error ("not", ENFORCE_ERROR_INVALID_CONDITION, 3);
  assert_error ("()", ENFORCE_ERROR_INVALID_CONDITION, 1);
  assert_error ("true false", ENFORCE_ERROR_INVALID_CONDITION, 5);
  assert_error ("5 < count", ENFORCE_ERROR_INVALID_CONDITION, 0);
  assert_error ("p, q", ENFORCE_ERROR_INVALID_CONDITION, 1);
}

static void
test_cond_compile__rejects_empty_expression_at_its_end (void **state)
{
  CondError err;
  (void) state;

  assert_error ("", ENFORCE_ERROR_INVALID_CONDITION, 0);
  assert_error ("   ", ENFORCE_ERROR_INVALID_CONDITION, 3);
  err = compile_error (NULL, 0);
  assert_int_equal (err.code, ENFORCE_ERROR_INVALID_CONDITION);
  assert_int_equal (err.offset, 0);
  assert_string_equal (err.message_en, "empty condition");
}

static void
test_cond_compile__rejects_unbalanced_parentheses (void **state)
{
  (void) state;

  assert_error ("(p and q", ENFORCE_ERROR_INVALID_CONDITION, 8);
  assert_error ("((p) or q", ENFORCE_ERROR_INVALID_CONDITION, 9);
  assert_error ("p)", ENFORCE_ERROR_INVALID_CONDITION, 1);
  assert_error ("(p))", ENFORCE_ERROR_INVALID_CONDITION, 3);
  assert_error (")", ENFORCE_ERROR_INVALID_CONDITION, 0);
}

static void
test_cond_compile__rejects_bad_characters (void **state)
{
  CondError err;
  (void) state;

  /* The stray "=" is reported, not the bare integer before it. */
  err = compile_error ("count = 3", 9);
  assert_int_equal (err.code, ENFORCE_ERROR_INVALID_CONDITION);
  assert_int_equal (err.offset, 6);
  assert_string_equal (err.message_en, "unexpected \"=\"; use \"==\"");
  assert_string_equal (err.message_zh, "意外的“=”，请用“==”");
  assert_error ("p = true", ENFORCE_ERROR_INVALID_CONDITION, 2);
  assert_error ("p && q", ENFORCE_ERROR_INVALID_CONDITION, 2);
  assert_error ("p || q", ENFORCE_ERROR_INVALID_CONDITION, 2);
  assert_error ("!p", ENFORCE_ERROR_INVALID_CONDITION, 0);
  assert_error ("p and 面积", ENFORCE_ERROR_INVALID_CONDITION, 6);
  /* A full-width "＜" is 3 bytes at byte offset 6. */
  err = compile_error ("count ＜ 3", strlen ("count ＜ 3"));
  assert_int_equal (err.code, ENFORCE_ERROR_INVALID_CONDITION);
  assert_int_equal (err.offset, 6);
  assert_string_equal (err.message_en, "unexpected character \"＜\"");
  assert_string_equal (err.message_zh, "意外的字符“＜”");
  /* An embedded NUL and invalid UTF-8 are reported, not read past. */
  err = compile_error ("p and\0q", 7);
  assert_int_equal (err.code, ENFORCE_ERROR_INVALID_CONDITION);
  assert_int_equal (err.offset, 5);
  assert_string_equal (err.message_en, "unexpected character U+0000");
  err = compile_error ("p \xff", 3);
  assert_int_equal (err.offset, 2);
  assert_string_equal (err.message_en, "invalid UTF-8 byte 0xFF");
  /* A character that comes after a syntax error does not hide it. */
  assert_error ("p and and ＜", ENFORCE_ERROR_INVALID_CONDITION, 6);
}

static void
test_cond_compile__rejects_bad_number_and_date_literals (void **state)
{
  (void) state;

  assert_error ("area_m2 < 5.555", ENFORCE_ERROR_INVALID_CONDITION, 10);
  assert_error ("area_m2 < 5abc", ENFORCE_ERROR_INVALID_CONDITION, 10);
  assert_error ("area_m2 < 1e3", ENFORCE_ERROR_INVALID_CONDITION, 10);
  assert_error ("area_m2 < 5.", ENFORCE_ERROR_INVALID_CONDITION, 10);
  assert_error ("act_date < 2024-02-30", ENFORCE_ERROR_INVALID_CONDITION, 11);
  assert_error ("act_date < 2024-2-3", ENFORCE_ERROR_INVALID_CONDITION, 11);
  assert_error ("count < -5", ENFORCE_ERROR_INVALID_CONDITION, 8);
}

static void
test_cond_compile__rejects_literal_of_the_wrong_type (void **state)
{
  CondError err;
  (void) state;

  assert_error ("count > 2.5", ENFORCE_ERROR_TYPE_MISMATCH, 8);
  assert_error ("count > 2024-01-01", ENFORCE_ERROR_TYPE_MISMATCH, 8);
  assert_error ("count > true", ENFORCE_ERROR_TYPE_MISMATCH, 8);
  assert_error ("area_m2 > 2024-01-01", ENFORCE_ERROR_TYPE_MISMATCH, 10);
  assert_error ("gains > minor", ENFORCE_ERROR_TYPE_MISMATCH, 8);
  assert_error ("act_date > 5", ENFORCE_ERROR_TYPE_MISMATCH, 11);
  assert_error ("first_offense == 1", ENFORCE_ERROR_TYPE_MISMATCH, 17);
  assert_error ("harm == 1", ENFORCE_ERROR_TYPE_MISMATCH, 8);
  assert_error ("harm == true", ENFORCE_ERROR_TYPE_MISMATCH, 8);
  assert_error ("count in [1, 2.5]", ENFORCE_ERROR_TYPE_MISMATCH, 13);
  err = compile_error ("count > 2.5", 11);
  assert_string_equal (err.message_en,
                       "type mismatch: fact \"count\" (integer) needs an integer, not \"2.5\"");
  assert_string_equal (err.message_zh, "类型不符：事实“count”（整数）需要整数，而不是“2.5”");
}

static void
test_cond_compile__rejects_undeclared_enum_value_at_the_literal (void **state)
{
  CondError err;
  (void) state;

  assert_error ("harm == severe", ENFORCE_ERROR_TYPE_MISMATCH, 8);
  err = compile_error ("harm == severe", 14);
  assert_string_equal (err.message_en,
                       "type mismatch: fact \"harm\" (enum) needs one of its declared "
                       "values (none, minor, serious), not \"severe\"");
  assert_error ("harm in [none, severe]", ENFORCE_ERROR_TYPE_MISMATCH, 15);
  assert_error ("harm not in [nonee]", ENFORCE_ERROR_TYPE_MISMATCH, 13);
  /* A long value list is cut at a whole value. */
  {
    static const char *const many[] = {
      "aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccc",
      "dddddddddddddddddddd",
    };
    const CondVar scope[] = { { "e", FACT_ENUM, many, G_N_ELEMENTS (many) } };
    assert_null (cond_compile ("e == x", 6, scope, 1, &err));
    assert_int_equal (err.code, ENFORCE_ERROR_TYPE_MISMATCH);
    assert_int_equal (err.offset, 5);
    assert_non_null (strstr (err.message_en,
                             "(aaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbb, cccccccccccccccccccc…)"));
    assert_true (g_utf8_validate (err.message_zh, -1, NULL));
  }
  /* A fact's name is not a value of another fact. */
  assert_error ("harm == p", ENFORCE_ERROR_TYPE_MISMATCH, 8);
}

static void
test_cond_compile__rejects_operators_the_type_does_not_allow (void **state)
{
  (void) state;

  assert_error ("harm < minor", ENFORCE_ERROR_TYPE_MISMATCH, 5);
  assert_error ("harm >= none", ENFORCE_ERROR_TYPE_MISMATCH, 5);
  assert_error ("first_offense > true", ENFORCE_ERROR_TYPE_MISMATCH, 14);
  assert_error ("p <= false", ENFORCE_ERROR_TYPE_MISMATCH, 2);
  assert_error ("p in [true]", ENFORCE_ERROR_TYPE_MISMATCH, 2);
  assert_error ("p not in [true]", ENFORCE_ERROR_TYPE_MISMATCH, 6);
  /* Non-bool facts cannot stand alone. */
  assert_error ("harm", ENFORCE_ERROR_TYPE_MISMATCH, 0);
  assert_error ("p and not count", ENFORCE_ERROR_TYPE_MISMATCH, 10);
  assert_error ("(area_m2)", ENFORCE_ERROR_TYPE_MISMATCH, 1);
}

static void
test_cond_compile__rejects_malformed_lists (void **state)
{
  (void) state;

  assert_error ("harm in none", ENFORCE_ERROR_INVALID_CONDITION, 8);
  assert_error ("harm in []", ENFORCE_ERROR_INVALID_CONDITION, 9);
  assert_error ("harm in [none minor]", ENFORCE_ERROR_INVALID_CONDITION, 14);
  assert_error ("harm in [none,]", ENFORCE_ERROR_INVALID_CONDITION, 14);
  assert_error ("harm in [none", ENFORCE_ERROR_INVALID_CONDITION, 13);
  assert_error ("harm in", ENFORCE_ERROR_INVALID_CONDITION, 7);
  assert_error ("harm not", ENFORCE_ERROR_TYPE_MISMATCH, 0);
  assert_error ("harm in [(none)]", ENFORCE_ERROR_INVALID_CONDITION, 9);
}

static void
test_cond_compile__rejects_a_scope_larger_than_the_limit (void **state)
{
  CondVar big[COND_MAX_FACTS + 1];
  CondError err = { 0 };
  Cond *cond;
  (void) state;

  for (guint i = 0; i < G_N_ELEMENTS (big); i++)
    big[i] = (CondVar) { "p", FACT_BOOL, NULL, 0 };
  cond = cond_compile ("p", 1, big, COND_MAX_FACTS, &err);
  assert_non_null (cond);
  cond_free (cond);
  assert_null (cond_compile ("p", 1, big, COND_MAX_FACTS + 1, &err));
  assert_int_equal (err.code, ENFORCE_ERROR_INVALID_CONDITION);
  assert_int_equal (err.offset, 0);
}

static void
test_cond_eval__reads_the_last_of_64_facts (void **state)
{
  static const char *const names[] = { "f0", "f63" };
  CondVar big[COND_MAX_FACTS];
  FactValue vals[COND_MAX_FACTS];
  guint64 missing;
  Cond *cond;
  (void) state;

  for (guint i = 0; i < COND_MAX_FACTS; i++)
    {
      big[i] = (CondVar) { i == COND_MAX_FACTS - 1 ? names[1] : names[0],
                           FACT_BOOL, NULL, 0 };
      vals[i] = (FactValue) { 0, FALSE };
    }
  cond = cond_compile ("f63 or f0", 9, big, COND_MAX_FACTS, NULL);
  assert_non_null (cond);
  assert_int_equal (cond_facts_used (cond), BIT (63) | BIT (0));
  assert_int_equal (cond_eval (cond, vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (63) | BIT (0));
  cond_free (cond);
}

/* ---------------------------------------------------------------- limits */

static char *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '(');
  g_string_append_c (s, 'p');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

static void
test_cond_compile__accepts_depth_16_rejects_17 (void **state)
{
  g_autofree char *ok = nested (COND_MAX_DEPTH);
  g_autofree char *deep = nested (COND_MAX_DEPTH + 1);
  Values vals = unknown_values ();
  (void) state;

  assert_int_equal (COND_MAX_DEPTH, 16);
  set (&vals, P, 1);
  assert_int_equal (eval_src (ok, &vals, NULL), TRI_TRUE);
  /* The 17th "(" is at offset 16. */
  assert_error (deep, ENFORCE_ERROR_INVALID_CONDITION, 16);
  /* Depth counts open parentheses, not their total. */
  {
    GString *s = g_string_new ("p");
    for (guint i = 0; i < 40; i++)
      g_string_append (s, " or (p)");
    Cond *cond = compile_ok (s->str);
    cond_free (cond);
    g_string_free (s, TRUE);
  }
}

/* "p or p or ..." with @n names: 2n - 1 tokens.  *@last gets the offset of
 * the last name. */
static char *
chain (guint n, guint *last)
{
  GString *s = g_string_new ("p");

  *last = 0;
  for (guint i = 1; i < n; i++)
    {
      g_string_append (s, " or ");
      *last = (guint) s->len;
      g_string_append_c (s, 'p');
    }
  return g_string_free (s, FALSE);
}

static void
test_cond_compile__accepts_256_tokens_rejects_257 (void **state)
{
  guint last;
  g_autofree char *odd = chain (128, &last);            /* 255 tokens */
  g_autofree char *at_limit = g_strconcat ("not ", odd, NULL);   /* 256 */
  g_autofree char *past = chain (129, &last);           /* 257 */
  Values vals = unknown_values ();
  guint64 missing;
  (void) state;

  assert_int_equal (COND_MAX_TOKENS, 256);
  set (&vals, P, 0);
  assert_int_equal (eval_src (at_limit, &vals, NULL), TRI_TRUE);
  vals = unknown_values ();
  assert_int_equal (eval_src (at_limit, &vals, &missing), TRI_UNKNOWN);
  assert_int_equal (missing, BIT (P));
  assert_error (past, ENFORCE_ERROR_INVALID_CONDITION, last);
  /* Trailing whitespace after the last token does not count. */
  {
    g_autofree char *spaced = g_strconcat (at_limit, "   \n", NULL);
    Cond *cond = compile_ok (spaced);
    cond_free (cond);
  }
}

static void
test_cond_compile__long_not_chain_and_deep_stack_do_not_overflow (void **state)
{
  GString *s = g_string_new (NULL);
  Values vals = unknown_values ();
  (void) state;

  /* 255 "not" then p: the operator stack holds 255 entries. */
  for (guint i = 0; i < COND_MAX_TOKENS - 1; i++)
    g_string_append (s, "not ");
  g_string_append (s, "p");
  set (&vals, P, 1);
  assert_int_equal (eval_src (s->str, &vals, NULL), TRI_FALSE);   /* odd count */
  g_string_free (s, TRUE);

  /* Right-nested "p or (p and (p or (..." keeps every operand pending:
   * the deepest value stack the depth limit allows. */
  s = g_string_new (NULL);
  for (guint i = 0; i < COND_MAX_DEPTH; i++)
    g_string_append (s, i % 2 ? "p and (" : "p or (");
  g_string_append (s, "p");
  for (guint i = 0; i < COND_MAX_DEPTH; i++)
    g_string_append_c (s, ')');
  assert_int_equal (eval_src (s->str, &vals, NULL), TRI_TRUE);
  g_string_free (s, TRUE);
}

static char *
list_of (guint n, guint *last)
{
  GString *s = g_string_new ("count in [");

  *last = 0;
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      *last = (guint) s->len;
      g_string_append_printf (s, "%u", i);
    }
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
test_cond_compile__accepts_32_list_values_rejects_33 (void **state)
{
  guint last;
  g_autofree char *ok = list_of (COND_MAX_LIST, &last);
  g_autofree char *past = list_of (COND_MAX_LIST + 1, &last);
  Values vals = unknown_values ();
  (void) state;

  assert_int_equal (COND_MAX_LIST, 32);
  set (&vals, COUNT, 31);
  assert_int_equal (eval_src (ok, &vals, NULL), TRI_TRUE);
  set (&vals, COUNT, 32);
  assert_int_equal (eval_src (ok, &vals, NULL), TRI_FALSE);
  assert_error (past, ENFORCE_ERROR_INVALID_CONDITION, last);
}

/* ------------------------------------------------------------------ fuzz */

static guint32
xorshift (guint32 *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static gboolean
valid_code (EnforceErrorCode code)
{
  return code == ENFORCE_ERROR_INVALID_CONDITION
         || code == ENFORCE_ERROR_UNDECLARED_FACT
         || code == ENFORCE_ERROR_TYPE_MISMATCH;
}

/* Checks what must hold for any compiled condition under @vals. */
static void
check_eval (const Cond *cond, const FactValue *vals, gboolean all_known)
{
  guint64 missing = 0, again = 0;
  Tri t = cond_eval (cond, vals, &missing);

  assert_true (t == TRI_FALSE || t == TRI_TRUE || t == TRI_UNKNOWN);
  assert_int_equal (cond_eval (cond, vals, &again), t);      /* deterministic */
  assert_int_equal (again, missing);
  if (t == TRI_UNKNOWN)
    {
      assert_false (all_known);
      assert_true (missing != 0);
      assert_int_equal (missing & ~cond_facts_used (cond), 0);
    }
  else
    assert_int_equal (missing, 0);
}

static void
test_cond_compile__mutated_inputs_never_crash (void **state)
{
  static const char *const seeds[] = {
    "area_m2 < 5 and first_offense and harm in [none, minor]",
    "not (p or q) and (count >= 3 or gains > 1000.50)",
    "act_date >= 2024-01-01 and harm not in [serious] or r",
    "((p and q) or (not r and count != 2)) and true",
  };
  static const char alphabet[] = "()[],<>=! .-0123456789aeinorpqtx_\xe2\xff";
  guint32 rng = 0x9e3779b9u;
  guint compiled = 0, rejected = 0;
  (void) state;

  for (guint round = 0; round < 4000; round++)
    {
      const char *seed = seeds[round % G_N_ELEMENTS (seeds)];
      char buf[128];
      gsize len = strlen (seed);
      guint edits = 1 + xorshift (&rng) % 4;
      CondError err = { 0 };
      Cond *cond;

      memcpy (buf, seed, len);
      for (guint e = 0; e < edits; e++)
        {
          guint32 r = xorshift (&rng);
          gsize at = len > 0 ? r % len : 0;
          char ch = alphabet[(r >> 8) % (sizeof alphabet - 1)];
          switch ((r >> 16) % 3)
            {
            case 0:                              /* replace */
              if (len > 0)
                buf[at] = ch;
              break;
            case 1:                              /* delete */
              if (len > 0)
                {
                  memmove (buf + at, buf + at + 1, len - at - 1);
                  len--;
                }
              break;
            default:                             /* insert */
              if (len < sizeof buf)
                {
                  memmove (buf + at + 1, buf + at, len - at);
                  buf[at] = ch;
                  len++;
                }
              break;
            }
        }
      cond = cond_compile (buf, len, SCOPE, N_SCOPE, &err);
      if (cond == NULL)
        {
          assert_true (valid_code (err.code));
          assert_true (err.offset <= len);
          assert_true (err.message_en[0] != '\0' && err.message_zh[0] != '\0');
          rejected++;
          continue;
        }
      compiled++;
      {
        Values vals = unknown_values ();
        check_eval (cond, vals.v, FALSE);
        for (int f = 0; f < N_SCOPE; f++)
          set (&vals, f, f == HARM ? 1 : 0);
        check_eval (cond, vals.v, TRUE);
        set (&vals, COUNT, 3);
        set (&vals, P, 1);
        vals.v[AREA].known = FALSE;
        check_eval (cond, vals.v, FALSE);
      }
      cond_free (cond);
    }
  /* The mutations explore both sides. */
  assert_true (compiled > 50);
  assert_true (rejected > 50);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cond_eval__bare_bool_reads_the_fact),
    cmocka_unit_test (test_cond_eval__bool_equality_with_true_and_false),
    cmocka_unit_test (test_cond_eval__integer_operators_at_the_boundary),
    cmocka_unit_test (test_cond_eval__number_literal_is_scaled_by_100),
    cmocka_unit_test (test_cond_eval__money_literal_is_yuan_compared_in_fen),
    cmocka_unit_test (test_cond_eval__date_compares_day_numbers),
    cmocka_unit_test (test_cond_eval__enum_equality_by_declared_value),
    cmocka_unit_test (test_cond_eval__in_and_not_in),
    cmocka_unit_test (test_cond_eval__true_and_false_literals),
    cmocka_unit_test (test_cond_eval__and_binds_tighter_than_or),
    cmocka_unit_test (test_cond_eval__not_binds_tighter_than_and_and_or),
    cmocka_unit_test (test_cond_eval__left_to_right_with_nested_parentheses),
    cmocka_unit_test (test_cond_eval__realistic_tier_condition),
    cmocka_unit_test (test_cond_eval__kleene_truth_tables),
    cmocka_unit_test (test_cond_eval__unknown_and_false_is_false_with_no_missing),
    cmocka_unit_test (test_cond_eval__unknown_or_true_is_true_with_no_missing),
    cmocka_unit_test (test_cond_eval__missing_lists_the_facts_that_left_it_undecided),
    cmocka_unit_test (test_cond_compile__keeps_a_copy_of_the_source),
    cmocka_unit_test (test_cond_facts_used__has_a_bit_per_fact_read),
    cmocka_unit_test (test_cond_is_always_true__only_for_the_bare_literal),
    cmocka_unit_test (test_cond_compile__accepts_an_unterminated_buffer),
    cmocka_unit_test (test_cond_compile__rejects_undeclared_fact_at_its_offset),
    cmocka_unit_test (test_cond_compile__rejects_syntax_errors_at_the_offending_token),
    cmocka_unit_test (test_cond_compile__rejects_empty_expression_at_its_end),
    cmocka_unit_test (test_cond_compile__rejects_unbalanced_parentheses),
    cmocka_unit_test (test_cond_compile__rejects_bad_characters),
    cmocka_unit_test (test_cond_compile__rejects_bad_number_and_date_literals),
    cmocka_unit_test (test_cond_compile__rejects_literal_of_the_wrong_type),
    cmocka_unit_test (test_cond_compile__rejects_undeclared_enum_value_at_the_literal),
    cmocka_unit_test (test_cond_compile__rejects_operators_the_type_does_not_allow),
    cmocka_unit_test (test_cond_compile__rejects_malformed_lists),
    cmocka_unit_test (test_cond_compile__rejects_a_scope_larger_than_the_limit),
    cmocka_unit_test (test_cond_eval__reads_the_last_of_64_facts),
    cmocka_unit_test (test_cond_compile__accepts_depth_16_rejects_17),
    cmocka_unit_test (test_cond_compile__accepts_256_tokens_rejects_257),
    cmocka_unit_test (test_cond_compile__long_not_chain_and_deep_stack_do_not_overflow),
    cmocka_unit_test (test_cond_compile__accepts_32_list_values_rejects_33),
    cmocka_unit_test (test_cond_compile__mutated_inputs_never_crash),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
