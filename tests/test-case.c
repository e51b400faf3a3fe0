/* test-case.c: reading cases (libenforce/case.c, docs/case-format.md).
 *
 * Valid YAML and JSON cases bind to the expected typed fields; every invalid
 * file in tests/data/cases/invalid is one test asserting the exact error
 * code, the position and the field path; JSON strict-profile violations
 * come from the reader; files are size-checked before they are read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <enforce/enforce.h>
#include "case-private.h"
#include "date.h"
#include "schema.h"
#include "test-util.h"

#define CASES ENFORCE_TEST_DATA "/cases"

static gint32
day (int y, int m, int d)
{
  gint32 out = 0;

  assert_true (date_from_ymd (y, m, d, &out));
  return out;
}

/* Parses a file of the corpus under its base name, so messages read
 * "full.yaml:3:12: ...". */
static EnforceCase *
parse_file (const char *dir, const char *file, GError **error)
{
  g_autofree char *path = g_build_filename (CASES, dir, file, NULL);
  gsize len = 0;
  g_autofree char *data = test_read_file (path, &len);

  return enforce_case_parse (data, len, ENFORCE_FORMAT_AUTO, file, NULL, error);
}

static EnforceCase *
parse_ok (const char *dir, const char *file)
{
  g_autoptr(GError) error = NULL;
  EnforceCase *c = parse_file (dir, file, &error);

  if (c == NULL)
    fail_msg ("%s: %s", file, error->message);
  return c;
}

static EnforceCase *
parse_text (const char *text, GError **error)
{
  return enforce_case_parse (text, strlen (text), ENFORCE_FORMAT_AUTO, "case.yaml", NULL, error);
}

static const CaseFact *
find_fact (const EnforceCase *c, const char *name)
{
  for (guint i = 0; i < c->n_facts; i++)
    if (strcmp (c->facts[i].name, name) == 0)
      return &c->facts[i];
  fail_msg ("no fact %s", name);
  return NULL;
}

static void
assert_known (FactValue v, gint64 value)
{
  assert_true (v.known);
  assert_int_equal (v.value, value);
}

/* ---- valid cases -------------------------------------------------------- */

/* full.yaml and full.json hold the same case. */
static void
assert_full_case (const EnforceCase *c)
{
  assert_string_equal (enforce_case_get_id (c), "2024-HX-0001");
  assert_int_equal (c->n_benchmarks, 1);
  assert_string_equal (c->benchmarks[0], "tj.civility.65-1.posting");
  assert_null (c->power);

  assert_true (c->has_party);
  assert_int_equal (c->party, PARTY_INDIVIDUAL);
  assert_int_equal (c->birth_date, day (1990, 3, 1));
  assert_int_equal (c->age, -1);
  assert_true (c->has_capacity);
  assert_int_equal (c->capacity, CAPACITY_FULL);

  assert_int_equal (c->n_facts, 3);
  assert_string_equal (find_fact (c, "mars_cityscape")->text, "true");
  assert_int_equal (find_fact (c, "mars_cityscape")->forms, FACT_FORM_BOOL);
  assert_int_equal (find_fact (c, "mars_cityscape")->integer, 1);
  assert_string_equal (find_fact (c, "area_m2")->text, "2.5");
  assert_int_equal (find_fact (c, "area_m2")->forms, FACT_FORM_DECIMAL);
  assert_int_equal (find_fact (c, "area_m2")->decimal, 250);
  assert_string_equal (find_fact (c, "note")->text, "门口");
  assert_int_equal (find_fact (c, "note")->forms, 0);

  assert_known (c->builtins[BUILTIN_MINOR], 0);
  assert_known (c->builtins[BUILTIN_CORRECTED], 1);
  assert_known (c->builtins[BUILTIN_HARM], 1);          /* none minor serious */
  assert_known (c->builtins[BUILTIN_FIRST_VIOLATION], 1);
  assert_known (c->builtins[BUILTIN_NO_FAULT], 0);

  assert_int_equal (c->n_factors, 2);
  assert_string_equal (c->factors[0], "eliminated_harm");
  assert_string_equal (c->factors[1], "confessed");

  assert_int_equal (c->act, day (2024, 5, 10));
  assert_int_equal (c->act_end, day (2024, 5, 12));
  assert_int_equal (c->discovered, day (2024, 5, 12));
  assert_int_equal (c->filed, day (2024, 5, 13));
  assert_int_equal (c->notified, day (2024, 6, 3));
  assert_int_equal (c->decided, day (2024, 6, 10));
  assert_int_equal (c->received, day (2024, 6, 11));

  assert_true (c->has_correction);
  assert_int_equal (c->correction, CORRECTION_REFUSED);
  assert_int_equal (c->correction_ordered, day (2024, 5, 10));
  assert_int_equal (c->correction_deadline, day (2024, 5, 17));

  assert_known (c->review[REVIEW_COMPLEX], 0);
  assert_known (c->review[REVIEW_SERIOUS], 1);
  assert_known (c->review[REVIEW_MAJOR_PUBLIC_INTEREST], 0);
  assert_known (c->review[REVIEW_HEARING_HELD], 0);
  assert_known (c->review[REVIEW_OTHER_REQUIRED], 0);

  assert_true (c->has_priors);
  assert_int_equal (c->n_priors, 2);
  assert_string_equal (c->priors[0].benchmark, "tj.civility.65-1.posting");
  assert_int_equal (c->priors[0].date, day (2023, 8, 1));
  assert_string_equal (c->priors[1].benchmark, "tj.civility.63.spitting");
  assert_int_equal (c->priors[1].date, day (2022, 1, 15));
}

static void
test_case_parse__binds_every_field_from_yaml (void **state)
{
  g_autoptr(EnforceCase) c = parse_ok ("valid", "full.yaml");

  (void) state;
  assert_full_case (c);
  assert_string_equal (c->name, "full.yaml");
}

static void
test_case_parse__binds_every_field_from_json (void **state)
{
  g_autoptr(EnforceCase) c = parse_ok ("valid", "full.json");

  (void) state;
  assert_full_case (c);
}

static void
test_case_parse__keeps_fact_positions (void **state)
{
  g_autoptr(EnforceCase) c = parse_ok ("valid", "full.yaml");
  const CaseFact *f = find_fact (c, "area_m2");

  (void) state;
  assert_int_equal (f->line, 10);
  assert_int_equal (f->col, 12);
}

/* Each fact's text is read once, in every type it could have; the
 * benchmark that binds it picks one.  Booleans, integers and null are
 * plain scalars only; quoted text may still be a number, money or date. */
static void
test_case_parse__reads_every_form_of_a_fact (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceCase) c = parse_text ("benchmark: b\n"
                                         "facts:\n"
                                         "  plain_int: 12\n"
                                         "  quoted_int: \"12\"\n"
                                         "  negative: -3\n"
                                         "  leading_zero: 012\n"
                                         "  huge: 99999999999999999999\n"
                                         "  decimal: 0.05\n"
                                         "  day: 2024-02-29\n"
                                         "  quoted_bool: \"true\"\n"
                                         "  quoted_null: \"null\"\n"
                                         "  word: 门口\n",
                                         &error);

  (void) state;
  assert_non_null (c);
  assert_int_equal (find_fact (c, "plain_int")->forms, FACT_FORM_INTEGER | FACT_FORM_DECIMAL);
  assert_int_equal (find_fact (c, "plain_int")->integer, 12);
  assert_int_equal (find_fact (c, "plain_int")->decimal, 1200);
  assert_int_equal (find_fact (c, "quoted_int")->forms, FACT_FORM_DECIMAL);
  /* Numbers and money are never negative (docs/case-format.md). */
  assert_int_equal (find_fact (c, "negative")->forms, FACT_FORM_INTEGER);
  assert_int_equal (find_fact (c, "negative")->integer, -3);
  assert_int_equal (find_fact (c, "leading_zero")->forms & FACT_FORM_INTEGER, 0);
  assert_int_equal (find_fact (c, "huge")->forms & FACT_FORM_INTEGER, 0);
  assert_int_equal (find_fact (c, "decimal")->forms, FACT_FORM_DECIMAL);
  assert_int_equal (find_fact (c, "decimal")->decimal, 5);
  assert_int_equal (find_fact (c, "day")->forms, FACT_FORM_DATE);
  assert_int_equal (find_fact (c, "day")->date, day (2024, 2, 29));
  assert_int_equal (find_fact (c, "quoted_bool")->forms, 0);
  assert_int_equal (find_fact (c, "quoted_null")->forms, 0);
  assert_int_equal (find_fact (c, "word")->forms, 0);
}

static void
test_case_parse__leaves_absent_fields_unset (void **state)
{
  g_autoptr(EnforceCase) c = parse_ok ("valid", "minimal.yaml");

  (void) state;
  assert_null (enforce_case_get_id (c));
  assert_int_equal (c->n_benchmarks, 1);
  assert_false (c->has_party);
  assert_int_equal (c->birth_date, DATE_NONE);
  assert_int_equal (c->age, -1);
  assert_false (c->has_capacity);
  assert_int_equal (c->n_facts, 0);
  for (int i = 0; i < BUILTIN_COUNT; i++)
    assert_false (c->builtins[i].known);
  for (int i = 0; i < REVIEW_COUNT; i++)
    assert_false (c->review[i].known);
  assert_int_equal (c->n_factors, 0);
  assert_int_equal (c->act, DATE_NONE);
  assert_int_equal (c->act_end, DATE_NONE);
  assert_int_equal (c->discovered, DATE_NONE);
  assert_int_equal (c->filed, DATE_NONE);
  assert_int_equal (c->notified, DATE_NONE);
  assert_int_equal (c->decided, DATE_NONE);
  assert_int_equal (c->received, DATE_NONE);
  assert_false (c->has_correction);
  assert_int_equal (c->correction_ordered, DATE_NONE);
  assert_int_equal (c->correction_deadline, DATE_NONE);
  assert_false (c->has_priors);
}

static void
test_case_parse__accepts_a_power_code (void **state)
{
  g_autoptr(EnforceCase) c = parse_ok ("valid", "power.yaml");

  (void) state;
  assert_string_equal (c->power, "120106ZQBCF01003");
  assert_int_equal (c->n_benchmarks, 0);
  assert_int_equal (c->party, PARTY_ORGANIZATION);
  /* An empty list is a statement: no prior violations. */
  assert_true (c->has_priors);
  assert_int_equal (c->n_priors, 0);
}

static void
test_case_parse__accepts_candidate_benchmarks (void **state)
{
  g_autoptr(EnforceCase) c = parse_ok ("valid", "candidates.yaml");

  (void) state;
  assert_int_equal (c->n_benchmarks, 2);
  assert_string_equal (c->benchmarks[0], "tj.civility.65-1.posting");
  assert_string_equal (c->benchmarks[1], "tj.citymgmt.44-1.posting");
  assert_int_equal (c->age, 16);
  assert_int_equal (c->birth_date, DATE_NONE);
  assert_int_equal (c->capacity, CAPACITY_PARTIAL);
}

static void
test_case_parse__treats_null_as_not_given (void **state)
{
  g_autoptr(EnforceCase) c = parse_ok ("valid", "nulls.json");

  (void) state;
  assert_null (enforce_case_get_id (c));
  assert_int_equal (c->party, PARTY_ORGANIZATION);
  assert_int_equal (c->birth_date, DATE_NONE);
  assert_int_equal (c->age, -1);
  assert_false (c->has_capacity);
  /* A null fact is kept as "not known" so its name is still checked
   * against the benchmark (a misspelt name must not pass silently). */
  assert_int_equal (c->n_facts, 1);
  assert_string_equal (c->facts[0].text, "null");
  assert_int_equal (c->facts[0].forms, FACT_FORM_NULL);
  assert_false (c->builtins[BUILTIN_HARM].known);
  assert_false (c->builtins[BUILTIN_MINOR].known);
  assert_int_equal (c->act, day (2024, 3, 1));
  assert_int_equal (c->act_end, DATE_NONE);
}

static void
test_case_parse__detects_json_after_leading_blanks (void **state)
{
  /* A trailing comma is fine in a YAML flow mapping and refused by the
   * strict JSON profile: the error code shows which reader ran. */
  const char *text = " \r\n {\"benchmark\": \"tj.civility.63.spitting\",}";
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceCase) as_yaml = NULL;

  (void) state;
  assert_null (enforce_case_parse (text, strlen (text), ENFORCE_FORMAT_AUTO, "c.json",
                                   NULL, &error));
  assert_true (g_error_matches (error, ENFORCE_ERROR, ENFORCE_ERROR_JSON_SYNTAX));
  g_clear_error (&error);
  as_yaml = enforce_case_parse (text, strlen (text), ENFORCE_FORMAT_YAML, "c.yaml", NULL, &error);
  if (as_yaml == NULL)
    fail_msg ("%s", error->message);
}

static void
test_case_parse__reads_exactly_len_bytes (void **state)
{
  /* Not NUL-terminated: the bytes after len are garbage. */
  const char text[] = "benchmark: tj.civility.63.spitting\nbogus: [";
  gsize len = strlen ("benchmark: tj.civility.63.spitting\n");
  g_autoptr(EnforceCase) c = enforce_case_parse (text, len, ENFORCE_FORMAT_AUTO, NULL, NULL, NULL);

  (void) state;
  assert_non_null (c);
  assert_string_equal (c->benchmarks[0], "tj.civility.63.spitting");
}

static void
test_case_parse__message_carries_file_position_and_path (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_null (parse_text ("benchmark: tj.greening.19.idle-land\n"
                           "facts:\n"
                           "  area_m2: {value: 5}\n", &error));
  assert_true (g_error_matches (error, ENFORCE_ERROR, ENFORCE_ERROR_WRONG_TYPE));
  assert_true (g_str_has_prefix (error->message, "case.yaml:3:12: facts.area_m2"));
}

static void
test_case_free__accepts_null (void **state)
{
  (void) state;
  enforce_case_free (NULL);
}

/* case_bind() reports with the caller's path, as rule-set tests need. */
static void
test_case_bind__prefixes_the_callers_path (void **state)
{
  const char *text = "tests:\n"
                     "  - case:\n"
                     "      benchmark: tj.civility.63.spitting\n"
                     "      dates: {act: 2024-13-01}\n";
  g_autoptr(GError) error = NULL;
  Doc *doc = doc_parse_yaml (text, strlen (text), "t.yaml", NULL, &error);
  const Node *kase;
  EnforceCase *c;
  Arena *arena = arena_new ();
  Binder b;

  (void) state;
  assert_non_null (doc);
  kase = node_lookup (node_lookup (doc->root, "tests")->v.items[0], "case");
  binder_init_first (&b, doc, NULL, arena, &error);
  bind_push_key (&b, "tests");
  bind_push_index (&b, 0);
  bind_push_key (&b, "case");
  c = case_bind (&b, kase);
  assert_null (c);
  assert_true (g_error_matches (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_DATE));
  assert_true (g_str_has_prefix (error->message, "t.yaml:4:20: tests[0].case.dates.act"));
  arena_free (arena);
  doc_free (doc);
}

/* ---- loading files ------------------------------------------------------ */

static void
test_case_load__reads_a_file (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceCase) c = enforce_case_load (CASES "/valid/full.yaml", NULL, &error);

  (void) state;
  assert_non_null (c);
  assert_full_case (c);
}

static void
test_case_load__rejects_a_missing_file (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_null (enforce_case_load (CASES "/valid/no-such-case.yaml", NULL, &error));
  assert_true (g_error_matches (error, ENFORCE_ERROR, ENFORCE_ERROR_IO));
  assert_non_null (strstr (error->message, "no-such-case.yaml"));
}

static void
test_case_load__rejects_a_directory (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_null (enforce_case_load (CASES "/valid", NULL, &error));
  assert_true (g_error_matches (error, ENFORCE_ERROR, ENFORCE_ERROR_IO));
}

static void
test_case_load__checks_the_size_limit_first (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_CASES);
  const char *path = CASES "/valid/minimal.yaml";
  gsize len = 0;
  g_autofree char *data = test_read_file (path, &len);

  (void) state;
  /* At the limit: read. */
  assert_true (enforce_limits_set (limits, ENFORCE_LIMIT_INPUT_BYTES, (gint64) len));
  {
    g_autoptr(EnforceCase) c = enforce_case_load (path, limits, &error);
    assert_non_null (c);
  }
  /* One past it: refused, naming the limit. */
  assert_true (enforce_limits_set (limits, ENFORCE_LIMIT_INPUT_BYTES, (gint64) len - 1));
  assert_null (enforce_case_load (path, limits, &error));
  assert_true (g_error_matches (error, ENFORCE_ERROR, ENFORCE_ERROR_LIMIT_BYTES));
  assert_non_null (strstr (error->message, "input_bytes"));
}

static void
test_case_load__stops_reading_an_endless_device (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_CASES);

  (void) state;
  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    skip ();
  assert_true (enforce_limits_set (limits, ENFORCE_LIMIT_INPUT_BYTES, 1000));
  assert_null (enforce_case_load ("/dev/zero", limits, &error));
  assert_true (g_error_matches (error, ENFORCE_ERROR, ENFORCE_ERROR_LIMIT_BYTES));
}

/* ---- the invalid corpus: one file, one test ----------------------------- */

typedef struct {
  const char *file;
  EnforceErrorCode code;
  guint line, col;                 /* 0: the reader's position is not asserted */
  const char *path;                /* field path expected after the position, or NULL */
  const char *mentions;            /* text the message must contain, or NULL */
} Invalid;

static const Invalid invalid_cases[] = {
  { "unknown-root-key.yaml", ENFORCE_ERROR_UNKNOWN_KEY, 2, 1, NULL, "benchmrk" },
  { "no-violation-named.yaml", ENFORCE_ERROR_INVALID_CASE, 1, 1, NULL, "benchmark" },
  { "two-violations-named.yaml", ENFORCE_ERROR_INVALID_CASE, 3, 1, NULL, "power" },
  { "party-missing-class.yaml", ENFORCE_ERROR_MISSING_KEY, 3, 3, "party", "class" },
  { "party-bad-class.yaml", ENFORCE_ERROR_INVALID_VALUE, 2, 16, "party.class", "person" },
  { "party-age-and-birth-date.yaml", ENFORCE_ERROR_INVALID_CASE, 5, 3, "party", "birth_date" },
  { "party-age-out-of-range.yaml", ENFORCE_ERROR_INVALID_VALUE, 4, 8, "party.age", NULL },
  { "party-bad-capacity.yaml", ENFORCE_ERROR_INVALID_VALUE, 4, 13, "party.capacity", "limited" },
  { "facts-collection-value.yaml", ENFORCE_ERROR_WRONG_TYPE, 3, 12, "facts.area_m2", NULL },
  { "facts-not-mapping.yaml", ENFORCE_ERROR_WRONG_TYPE, 2, 8, "facts", NULL },
  { "facts-bad-name.yaml", ENFORCE_ERROR_INVALID_VALUE, 3, 3, NULL, NULL },
  { "harm-unknown-value.yaml", ENFORCE_ERROR_INVALID_VALUE, 3, 9, "circumstances.harm", "grave" },
  { "bool-yes.yaml", ENFORCE_ERROR_INVALID_VALUE, 3, 10, "circumstances.minor", NULL },
  { "circumstances-unknown-key.yaml", ENFORCE_ERROR_UNKNOWN_KEY, 3, 3, NULL, "sorry" },
  { "date-not-a-day.yaml", ENFORCE_ERROR_INVALID_DATE, 3, 8, "dates.act", NULL },
  { "date-slashes.yaml", ENFORCE_ERROR_INVALID_DATE, 3, 15, "dates.discovered", NULL },
  { "dates-unknown-key.yaml", ENFORCE_ERROR_UNKNOWN_KEY, 3, 3, NULL, "acted" },
  { "act-end-before-act.yaml", ENFORCE_ERROR_INVALID_CASE, 4, 12, "dates.act_end", NULL },
  { "correction-missing-outcome.yaml", ENFORCE_ERROR_MISSING_KEY, 3, 3, "correction", "outcome" },
  { "correction-bad-outcome.yaml", ENFORCE_ERROR_INVALID_VALUE, 3, 12, "correction.outcome", NULL },
  { "correction-deadline-before-order.yaml", ENFORCE_ERROR_INVALID_CASE, 4, 13,
    "correction.deadline", NULL },
  { "prior-missing-date.yaml", ENFORCE_ERROR_MISSING_KEY, 3, 5, "prior_violations[0]", "date" },
  { "prior-bad-date.yaml", ENFORCE_ERROR_INVALID_DATE, 3, 48, "prior_violations[0].date", NULL },
  { "factors-not-sequence.yaml", ENFORCE_ERROR_WRONG_TYPE, 2, 10, "factors", NULL },
  { "benchmarks-empty.yaml", ENFORCE_ERROR_INVALID_VALUE, 1, 13, "benchmarks", NULL },
  { "benchmark-bad-id.yaml", ENFORCE_ERROR_INVALID_VALUE, 1, 12, "benchmark", NULL },
  { "review-unknown-key.yaml", ENFORCE_ERROR_UNKNOWN_KEY, 2, 10, NULL, "urgent" },
  { "json-bool-as-string.json", ENFORCE_ERROR_INVALID_VALUE, 2, 29, "circumstances.minor", NULL },
  { "json-facts-array.json", ENFORCE_ERROR_WRONG_TYPE, 2, 23, "facts.area_m2", NULL },
  /* Refused by the readers before any binding. */
  { "alias.yaml", ENFORCE_ERROR_ALIAS, 0, 0, NULL, NULL },
  { "tag.yaml", ENFORCE_ERROR_TAG, 0, 0, NULL, NULL },
  { "multi-document.yaml", ENFORCE_ERROR_MULTI_DOCUMENT, 0, 0, NULL, NULL },
  { "root-sequence.yaml", ENFORCE_ERROR_ROOT_NOT_MAPPING, 0, 0, NULL, NULL },
  { "trailing-comma.json", ENFORCE_ERROR_JSON_SYNTAX, 0, 0, NULL, NULL },
  { "nan.json", ENFORCE_ERROR_JSON_SYNTAX, 0, 0, NULL, NULL },
  { "single-quotes.json", ENFORCE_ERROR_JSON_SYNTAX, 0, 0, NULL, NULL },
  { "duplicate-name.json", ENFORCE_ERROR_DUPLICATE_KEY, 2, 2, NULL, "benchmark" },
  { "comment.json", ENFORCE_ERROR_JSON_SYNTAX, 0, 0, NULL, NULL },
  { "bare-word.json", ENFORCE_ERROR_JSON_SYNTAX, 0, 0, NULL, NULL },
};

static void
test_invalid_case (void **state)
{
  const Invalid *t = *state;
  g_autoptr(GError) error = NULL;
  EnforceCase *c = parse_file ("invalid", t->file, &error);

  if (c != NULL)
    {
      enforce_case_free (c);
      fail_msg ("%s was accepted", t->file);
    }
  test_assert_error (error, t->code);
  if (t->line > 0)
    {
      g_autofree char *prefix = t->path != NULL
                                ? g_strdup_printf ("%s:%u:%u: %s: ", t->file, t->line, t->col, t->path)
                                : g_strdup_printf ("%s:%u:%u: ", t->file, t->line, t->col);
      if (!g_str_has_prefix (error->message, prefix))
        fail_msg ("%s: expected the message to start with \"%s\": %s", t->file, prefix,
                  error->message);
    }
  else if (!g_str_has_prefix (error->message, t->file))
    fail_msg ("%s: the message does not name the file: %s", t->file, error->message);
  if (t->mentions != NULL && strstr (error->message, t->mentions) == NULL)
    fail_msg ("%s: the message does not mention \"%s\": %s", t->file, t->mentions, error->message);
}

/* Every file in the invalid corpus has an entry (and so a test). */
static void
test_invalid_corpus__every_file_is_listed (void **state)
{
  g_autoptr(GDir) dir = g_dir_open (CASES "/invalid", 0, NULL);
  const char *name;

  (void) state;
  assert_non_null (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (invalid_cases) && !listed; i++)
        listed = strcmp (invalid_cases[i].file, name) == 0;
      if (!listed)
        fail_msg ("%s has no expected error in test-case.c", name);
    }
}

int
main (void)
{
  const struct CMUnitTest fixed[] = {
    cmocka_unit_test (test_case_parse__binds_every_field_from_yaml),
    cmocka_unit_test (test_case_parse__binds_every_field_from_json),
    cmocka_unit_test (test_case_parse__keeps_fact_positions),
    cmocka_unit_test (test_case_parse__reads_every_form_of_a_fact),
    cmocka_unit_test (test_case_parse__leaves_absent_fields_unset),
    cmocka_unit_test (test_case_parse__accepts_a_power_code),
    cmocka_unit_test (test_case_parse__accepts_candidate_benchmarks),
    cmocka_unit_test (test_case_parse__treats_null_as_not_given),
    cmocka_unit_test (test_case_parse__detects_json_after_leading_blanks),
    cmocka_unit_test (test_case_parse__reads_exactly_len_bytes),
    cmocka_unit_test (test_case_parse__message_carries_file_position_and_path),
    cmocka_unit_test (test_case_free__accepts_null),
    cmocka_unit_test (test_case_bind__prefixes_the_callers_path),
    cmocka_unit_test (test_case_load__reads_a_file),
    cmocka_unit_test (test_case_load__rejects_a_missing_file),
    cmocka_unit_test (test_case_load__rejects_a_directory),
    cmocka_unit_test (test_case_load__checks_the_size_limit_first),
    cmocka_unit_test (test_case_load__stops_reading_an_endless_device),
    cmocka_unit_test (test_invalid_corpus__every_file_is_listed),
  };
  gsize n_fixed = G_N_ELEMENTS (fixed), n = n_fixed + G_N_ELEMENTS (invalid_cases);
  g_autofree struct CMUnitTest *tests = g_new0 (struct CMUnitTest, n);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  memcpy (tests, fixed, sizeof fixed);
  for (gsize i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      char *name = g_strdup_printf ("test_case_parse__rejects_%s", invalid_cases[i].file);
      g_ptr_array_add (names, name);
      tests[n_fixed + i] = (struct CMUnitTest) {
        .name = name,
        .test_func = test_invalid_case,
        .initial_state = (void *) &invalid_cases[i],
      };
    }
  return _cmocka_run_group_tests ("case", tests, n, NULL, NULL);
}
