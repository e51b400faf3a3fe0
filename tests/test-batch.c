/* test-batch.c: JSON Lines in, one record per case out (libenforce/batch.c,
 * docs/batch.md).
 *
 * A successful record must embed exactly what enforce_recommend() and
 * enforce_recommendation_to_json() give for that line on their own, so the
 * expected records are built here from the public API, one case at a time,
 * on one thread.  Error records are checked against literal codes and
 * message positions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <enforce/enforce.h>
#include "test-util.h"

#define REST                                                                         \
  "\"circumstances\":{\"minor\":false,\"corrected\":false,\"harm\":\"minor\","       \
  "\"first_violation\":true,\"no_fault\":false},"                                    \
  "\"review\":{\"complex\":false,\"serious\":false,\"major_public_interest\":false," \
  "\"hearing_held\":false,\"other_required\":false},"                                \
  "\"dates\":{\"act\":\"2024-05-10\",\"discovered\":\"2024-05-10\","                 \
  "\"filed\":\"2024-05-11\",\"received\":\"2024-06-10\"}}"

/* A valid case: @id (may be NULL), area @area (NULL leaves the fact out,
 * which makes the tier undetermined), an individual or an organization. */
static char *
case_line (const char *id, const char *area, gboolean organization)
{
  g_autofree char *id_part = id ? g_strdup_printf ("\"id\":\"%s\",", id) : g_strdup ("");
  g_autofree char *area_part = area ? g_strdup_printf ("\"area_m2\":\"%s\",", area) : g_strdup ("");

  return g_strdup_printf ("{%s\"benchmark\":\"b.area\","
                          "\"party\":{\"class\":\"%s\"%s},"
                          "\"facts\":{%s\"repeat\":false}," REST,
                          id_part, organization ? "organization" : "individual",
                          organization ? "" : ",\"age\":30,\"capacity\":\"full\"",
                          area_part);
}

static EnforceRuleSet *rules;

static int
setup (void **state)
{
  (void) state;
  rules = test_load_rules (TEST_AREA_RULES);
  return 0;
}

static int
teardown (void **state)
{
  (void) state;
  g_clear_pointer (&rules, enforce_rule_set_unref);
  return 0;
}

/* Runs a batch that must not fail as a whole; checks out_len and the NUL. */
static char *
run (const char *input, gsize len, const char *as_of, EnforceRecommendFlags flags,
     guint n_threads, const EnforceLimits *limits)
{
  g_autoptr (GError) error = NULL;
  gsize out_len = G_MAXSIZE;
  char *out = enforce_recommend_batch (rules, input, len, as_of, flags, n_threads, limits,
                                       &out_len, &error);

  if (out == NULL)
    fail_msg ("batch failed: %s", error->message);
  assert_int_equal (out_len, strlen (out));
  return out;
}

static char *
run_text (const char *input, guint n_threads)
{
  return run (input, strlen (input), NULL, ENFORCE_RECOMMEND_DEFAULT, n_threads, NULL);
}

/* The output's records, without their LFs; the output must end with one. */
static char **
records_of (const char *out)
{
  char **lines;
  guint n;

  assert_true (out[0] == '\0' || g_str_has_suffix (out, "\n"));
  lines = g_strsplit (out, "\n", -1);
  n = g_strv_length (lines);
  /* The split leaves an empty string after the final LF. */
  assert_string_equal (lines[n - 1], "");
  g_free (lines[n - 1]);
  lines[n - 1] = NULL;
  return lines;
}

/* The record the batch must write for a case that succeeds on line @line. */
static char *
expected_record (guint64 line, const char *text, const char *as_of, EnforceRecommendFlags flags)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EnforceCase) kase = enforce_case_parse (text, strlen (text), ENFORCE_FORMAT_JSON,
                                                     "case", NULL, &error);
  g_autoptr (EnforceRecommendation) rec = NULL;
  g_autofree char *json = NULL;
  g_autofree char *id = NULL;

  if (kase == NULL)
    fail_msg ("line %" G_GUINT64_FORMAT " did not parse: %s", line, error->message);
  rec = enforce_recommend (rules, kase, as_of, flags, &error);
  if (rec == NULL)
    fail_msg ("line %" G_GUINT64_FORMAT " did not evaluate: %s", line, error->message);
  json = enforce_recommendation_to_json (rec);
  /* Test ids are plain ASCII: no escaping needed. */
  id = enforce_case_get_id (kase) ? g_strdup_printf ("\"%s\"", enforce_case_get_id (kase))
                                  : g_strdup ("null");
  return g_strdup_printf ("{\"line\":%" G_GUINT64_FORMAT ",\"case_id\":%s,\"recommendation\":%s,"
                          "\"error\":null}", line, id, json);
}

static void
assert_ok_record (const char *record, guint64 line, const char *text)
{
  g_autofree char *expected = expected_record (line, text, NULL, ENFORCE_RECOMMEND_DEFAULT);

  assert_string_equal (record, expected);
}

/* An error record: exact line, case id, code, and the start of the message
 * (which carries the position). */
static void
assert_error_record (const char *record, guint64 line, const char *case_id, const char *code,
                     const char *message_prefix)
{
  g_autofree char *head = g_strdup_printf (
    "{\"line\":%" G_GUINT64_FORMAT ",\"case_id\":%s%s%s,\"recommendation\":null,"
    "\"error\":{\"code\":\"%s\",\"message\":\"%s", line, case_id ? "\"" : "",
    case_id ? case_id : "null", case_id ? "\"" : "", code, message_prefix);

  if (!g_str_has_prefix (record, head))
    fail_msg ("record\n  %s\ndoes not start with\n  %s", record, head);
  assert_true (g_str_has_suffix (record, "\"}}"));
}

/* @n cases with distinct ids and a mix of outcomes; every @bad_every-th line
 * (0: none) is malformed JSON instead.  Also returns each line's text. */
static char *
mixed_input (guint n, guint bad_every, GPtrArray **lines_out)
{
  static const char *const areas[] = { "2.5", "20", "80", NULL };
  GString *in = g_string_new (NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      char id[16];
      char *text;

      g_snprintf (id, sizeof id, "c%05u", i);
      if (bad_every != 0 && i % bad_every == bad_every - 1)
        text = g_strdup_printf ("{\"id\":\"%s\",\"benchmark\":", id);
      else
        text = case_line (id, areas[i % G_N_ELEMENTS (areas)], i % 3 == 0);
      g_string_append (in, text);
      g_string_append_c (in, '\n');
      g_ptr_array_add (lines, text);
    }
  if (lines_out != NULL)
    *lines_out = lines;
  else
    g_ptr_array_unref (lines);
  return g_string_free (in, FALSE);
}

/* 2 400 cases are ~800 KB: far more chunks than threads, so chunks finish
 * out of order and only the concatenation order can put them back. */
static void
test_batch__records_follow_input_order_with_many_threads (void **state)
{
  g_autoptr (GPtrArray) lines = NULL;
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) records = NULL;

  (void) state;
  input = mixed_input (2400, 0, &lines);
  out = run_text (input, 8);
  records = records_of (out);
  assert_int_equal (g_strv_length (records), lines->len);
  for (guint i = 0; i < lines->len; i++)
    assert_ok_record (records[i], i + 1, g_ptr_array_index (lines, i));
}

static void
test_batch__thread_counts_give_identical_output (void **state)
{
  static const guint counts[] = { 2, 3, 4, 0, 100000 };
  g_autofree char *input = NULL;
  g_autofree char *reference = NULL;
  g_auto (GStrv) records = NULL;

  (void) state;
  input = mixed_input (1200, 97, NULL);
  reference = run_text (input, 1);
  records = records_of (reference);
  assert_int_equal (g_strv_length (records), 1200);
  assert_error_record (records[96], 97, NULL, "json_syntax", "batch:97:1:");
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *out = run_text (input, counts[i]);
      assert_string_equal (out, reference);
    }
}

static void
test_batch__malformed_lines_become_error_records_between_successes (void **state)
{
  g_autofree char *good_a = case_line ("a", "2.5", FALSE);
  g_autofree char *good_z = case_line ("z", "80", TRUE);
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) records = NULL;

  (void) state;
  input = g_strconcat (good_a, "\n",
                       "{\"benchmark\":\"b.area\",\n",                                /* 2 */
                       "{\"id\":\"x\",\"benchmark\":\"b.area\",\"power\":\"p\"}\n",   /* 3 */
                       "{\"id\":\"u\",\"benchmark\":\"nope\",\"party\":{\"class\":\"individual\"}}\n",
                       "[1]\n",                                                       /* 5 */
                       "{\"benchmark\":\"b.area\",\"facts\":{\"area_m2\":[1]}}\n",    /* 6 */
                       "{\"benchmark\":\"b.area\",\"dates\":{\"act\":\"2024-02-30\"}}\n",
                       "benchmark: b.area\n",                                         /* 8 */
                       good_z, "\n", NULL);
  out = run_text (input, 4);
  records = records_of (out);
  assert_int_equal (g_strv_length (records), 9);
  assert_ok_record (records[0], 1, good_a);
  assert_error_record (records[1], 2, NULL, "json_syntax", "batch:2:1:23: ");
  assert_error_record (records[2], 3, NULL, "invalid_case", "batch:3:1:");
  /* Read, then refused by the engine: the case id is known. */
  assert_error_record (records[3], 4, "u", "unknown_benchmark", "batch:4: ");
  assert_error_record (records[4], 5, NULL, "root_not_mapping", "batch:5:1:1: ");
  assert_error_record (records[5], 6, NULL, "wrong_type", "batch:6:1:");
  assert_error_record (records[6], 7, NULL, "invalid_date", "batch:7:1:");
  /* Lines are JSON only: YAML is a syntax error, not auto-detected. */
  assert_error_record (records[7], 8, NULL, "json_syntax", "batch:8:1:1: ");
  assert_ok_record (records[8], 9, good_z);
}

static void
test_batch__blank_lines_are_skipped_but_counted (void **state)
{
  g_autofree char *one = case_line ("one", "20", FALSE);
  g_autofree char *two = case_line ("two", NULL, TRUE);
  g_autofree char *input = g_strconcat ("\n   \n\t\r\n", one, "\n\n", two, NULL);
  g_autofree char *out = NULL;
  g_auto (GStrv) records = NULL;

  (void) state;
  out = run_text (input, 2);
  records = records_of (out);
  assert_int_equal (g_strv_length (records), 2);
  assert_ok_record (records[0], 4, one);
  /* The last line has no LF; its record still ends with one. */
  assert_ok_record (records[1], 6, two);
}

static void
test_batch__crlf_lines_give_the_same_records_as_lf (void **state)
{
  g_autofree char *one = case_line ("one", "2.5", FALSE);
  g_autofree char *two = case_line ("two", "80", FALSE);
  g_autofree char *lf = g_strconcat (one, "\n\n{\n", two, "\n", NULL);
  g_autofree char *crlf = g_strconcat (one, "\r\n\r\n{\r\n", two, "\r\n", NULL);
  g_autofree char *out_lf = run_text (lf, 1);
  g_autofree char *out_crlf = run_text (crlf, 1);
  g_auto (GStrv) records = records_of (out_crlf);

  (void) state;
  assert_string_equal (out_crlf, out_lf);
  assert_int_equal (g_strv_length (records), 3);
  assert_ok_record (records[0], 1, one);
  assert_error_record (records[1], 3, NULL, "json_syntax", "batch:3:1:2: ");
  assert_ok_record (records[2], 4, two);
}

/* A line of exactly input_bytes is read (its CR not counted); one byte more
 * is that line's error, and the lines around it still succeed. */
static void
test_batch__line_over_input_bytes_is_an_error_record (void **state)
{
  g_autofree char *base = case_line ("max", "20", FALSE);
  gsize limit = strlen (base) + 8;
  g_autoptr (EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_CASES);
  g_autoptr (GString) at_limit = g_string_new (base);
  g_autoptr (GString) over = NULL;
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_autofree char *message = NULL;
  g_auto (GStrv) records = NULL;

  (void) state;
  assert_true (enforce_limits_set (limits, ENFORCE_LIMIT_INPUT_BYTES, (gint64) limit));
  /* JSON allows whitespace after the root object. */
  while (at_limit->len < limit)
    g_string_append_c (at_limit, ' ');
  over = g_string_new (at_limit->str);
  g_string_append_c (over, ' ');
  input = g_strconcat (at_limit->str, "\r\n", over->str, "\n", base, "\n", NULL);
  out = run (input, strlen (input), NULL, ENFORCE_RECOMMEND_DEFAULT, 2, limits);
  records = records_of (out);
  assert_int_equal (g_strv_length (records), 3);
  assert_ok_record (records[0], 1, at_limit->str);
  message = g_strdup_printf ("batch:2: input of %" G_GSIZE_FORMAT " bytes exceeds the limit "
                             "input_bytes=%" G_GSIZE_FORMAT, limit + 1, limit);
  assert_error_record (records[1], 2, NULL, "limit_bytes", message);
  assert_ok_record (records[2], 3, base);
}

static void
test_batch__empty_input_gives_empty_output (void **state)
{
  static const char *const inputs[] = { "", "\n", "\r\n", " \t\n\n  " };
  g_autoptr (GError) error = NULL;
  gsize len = 99;
  g_autofree char *from_null = NULL;

  (void) state;
  from_null = enforce_recommend_batch (rules, NULL, 0, NULL, ENFORCE_RECOMMEND_DEFAULT, 4, NULL,
                                       &len, &error);
  assert_non_null (from_null);
  assert_null (error);
  assert_string_equal (from_null, "");
  assert_int_equal (len, 0);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      /* out_len is optional. */
      g_autofree char *out = enforce_recommend_batch (rules, inputs[i], strlen (inputs[i]), NULL,
                                                      ENFORCE_RECOMMEND_DEFAULT, 0, NULL, NULL,
                                                      &error);
      assert_non_null (out);
      assert_string_equal (out, "");
    }
}

static void
test_batch__rejects_invalid_as_of_for_the_whole_call (void **state)
{
  g_autofree char *input = case_line ("a", "20", FALSE);
  g_autoptr (GError) error = NULL;
  gsize len = 99;
  char *out;

  (void) state;
  out = enforce_recommend_batch (rules, input, strlen (input), "2024-02-30",
                                 ENFORCE_RECOMMEND_DEFAULT, 1, NULL, &len, &error);
  assert_null (out);
  test_assert_error (error, ENFORCE_ERROR_INVALID_DATE);
  assert_int_equal (len, 99);
}

/* as_of and the trace flag reach every record exactly as they reach
 * enforce_recommend(). */
static void
test_batch__passes_as_of_and_trace_to_each_case (void **state)
{
  g_autofree char *one = case_line ("one", "20", FALSE);
  g_autofree char *two = case_line ("two", "80", TRUE);
  g_autofree char *input = g_strconcat (one, "\n", two, "\n", NULL);
  g_autofree char *out = run (input, strlen (input), "2024-07-10", ENFORCE_RECOMMEND_TRACE, 2, NULL);
  g_autofree char *expected_one = expected_record (1, one, "2024-07-10", ENFORCE_RECOMMEND_TRACE);
  g_autofree char *expected_two = expected_record (2, two, "2024-07-10", ENFORCE_RECOMMEND_TRACE);
  g_autofree char *expected = g_strconcat (expected_one, "\n", expected_two, "\n", NULL);

  (void) state;
  assert_string_equal (out, expected);
  assert_non_null (strstr (out, "\"trace\":[{\"code\":\"resolve\""));
  assert_non_null (strstr (out, "\"late_surcharge\":{\"as_of\":\"2024-07-10\""));
}

/* Lines split on LF only: a NUL inside a line is that line's encoding
 * error, not the end of the input. */
static void
test_batch__nul_byte_fails_only_its_line (void **state)
{
  g_autofree char *one = case_line ("one", "20", FALSE);
  g_autofree char *three = case_line ("three", "2.5", FALSE);
  g_autoptr (GString) input = g_string_new (one);
  g_autofree char *out = NULL;
  g_auto (GStrv) records = NULL;

  (void) state;
  g_string_append (input, "\n{\"id\":\"a");
  g_string_append_len (input, "\0", 1);
  g_string_append (input, "\"}\n");
  g_string_append (input, three);
  out = run (input->str, input->len, NULL, ENFORCE_RECOMMEND_DEFAULT, 1, NULL);
  records = records_of (out);
  assert_int_equal (g_strv_length (records), 3);
  assert_ok_record (records[0], 1, one);
  assert_error_record (records[1], 2, NULL, "encoding", "batch:2:1:");
  assert_ok_record (records[2], 3, three);
}

static char *
run_from_line (const char *input, gsize len, guint64 first_line, guint n_threads)
{
  g_autoptr (GError) error = NULL;
  gsize out_len = G_MAXSIZE;
  char *out = enforce_recommend_batch_from_line (rules, input, len, first_line, NULL,
                                                 ENFORCE_RECOMMEND_DEFAULT, n_threads, NULL,
                                                 &out_len, &error);

  if (out == NULL)
    fail_msg ("batch failed: %s", error->message);
  assert_int_equal (out_len, strlen (out));
  return out;
}

/* Numbers past 32 bits reach both the "line" key and the message's
 * "batch:N", blank lines still counted. */
static void
test_batch__first_line_numbers_records_and_messages (void **state)
{
  g_autofree char *one = case_line ("one", "20", FALSE);
  g_autofree char *four = case_line ("four", "2.5", TRUE);
  g_autofree char *input = g_strconcat (one, "\n\n{\n", four, "\n", NULL);
  g_autofree char *out = run_from_line (input, strlen (input), G_MAXUINT32, 2);
  g_auto (GStrv) records = records_of (out);

  (void) state;
  assert_int_equal (g_strv_length (records), 3);
  assert_ok_record (records[0], G_MAXUINT32, one);
  assert_error_record (records[1], G_GUINT64_CONSTANT (4294967297), NULL, "json_syntax",
                       "batch:4294967297:1:2: ");
  assert_ok_record (records[2], G_GUINT64_CONSTANT (4294967298), four);
}

/* The property a caller reading a file in blocks relies on: blocks cut at
 * line boundaries, each numbered from its line in the file, give exactly
 * the records of one call on the whole input, whatever the threads. */
static void
test_batch__blocks_numbered_from_their_first_line_join_to_the_whole_call (void **state)
{
  g_autofree char *input = mixed_input (1200, 97, NULL);
  g_autofree char *whole = run_text (input, 1);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *joined = NULL;
  const char *cut = input;

  (void) state;
  for (guint i = 0; i < 500; i++)
    cut = strchr (cut, '\n') + 1;
  first = run_from_line (input, (gsize) (cut - input), 1, 2);
  second = run_from_line (cut, strlen (cut), 501, 4);
  joined = g_strconcat (first, second, NULL);
  assert_string_equal (joined, whole);
  /* Not a vacuous comparison: the second block holds an error record that
   * names its line in the file. */
  assert_non_null (strstr (second, "{\"line\":582,\"case_id\":null,\"recommendation\":null,"
                                   "\"error\":{\"code\":\"json_syntax\",\"message\":\"batch:582:1:"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_batch__records_follow_input_order_with_many_threads),
    cmocka_unit_test (test_batch__thread_counts_give_identical_output),
    cmocka_unit_test (test_batch__malformed_lines_become_error_records_between_successes),
    cmocka_unit_test (test_batch__blank_lines_are_skipped_but_counted),
    cmocka_unit_test (test_batch__crlf_lines_give_the_same_records_as_lf),
    cmocka_unit_test (test_batch__line_over_input_bytes_is_an_error_record),
    cmocka_unit_test (test_batch__empty_input_gives_empty_output),
    cmocka_unit_test (test_batch__rejects_invalid_as_of_for_the_whole_call),
    cmocka_unit_test (test_batch__passes_as_of_and_trace_to_each_case),
    cmocka_unit_test (test_batch__nul_byte_fails_only_its_line),
    cmocka_unit_test (test_batch__first_line_numbers_records_and_messages),
    cmocka_unit_test (test_batch__blocks_numbered_from_their_first_line_join_to_the_whole_call),
  };

  return cmocka_run_group_tests (tests, setup, teardown);
}
