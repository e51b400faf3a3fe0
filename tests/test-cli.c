/* test-cli.c: the enforce command (libenforce/cli/enforce.c, docs/cli.md).
 *
 * Runs the real binary (ENFORCE_CLI) from the source directory and checks
 * exit codes, the lines it prints and that --json output parses (with the
 * library's own strict JSON reader).  Broken rule sets and failing test
 * files are written to a temporary directory by the tests themselves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <enforce/enforce.h>
#include "node.h"
#include "test-util.h"

#define TIANJIN "rules/tianjin"
#define CASE_POSTING "examples/cases/01-posting-mars-cityscape.yaml"
#define CASE_FIRE_LANE "examples/cases/04-fire-lane-blocked.yaml"
#define CASE_MISSING "examples/cases/06-missing-fact.yaml"
#define CASE_BAD_DATE "tests/data/cases/invalid/date-not-a-day.yaml"

typedef struct {
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static char *scratch;              /* temporary directory of this run */

static Result
run_argv (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) ENFORCE_CLI);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (ENFORCE_SOURCE_DIR, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &r.out, &r.err, &wait_status, &error))
    fail_msg ("cannot run %s: %s", ENFORCE_CLI, error->message);
  if (!WIFEXITED (wait_status))
    fail_msg ("enforce did not exit normally (wait status %d); stderr: %s", wait_status, r.err);
  r.status = WEXITSTATUS (wait_status);
  return r;
}

#define RUN(...) run_argv ((const char *const[]) { __VA_ARGS__, NULL })

static void
expect_status (const Result *r, int status)
{
  if (r->status != status)
    fail_msg ("exit %d, expected %d\n--- stdout:\n%s\n--- stderr:\n%s", r->status, status,
              r->out, r->err);
}

/* Parses one JSON document with the library's strict reader; arrays are
 * wrapped, as the reader wants a mapping at the root. */
static Doc *
parse_json (const char *text, gboolean array)
{
  g_autofree char *wrapped = array ? g_strdup_printf ("{\"a\": %s}", text) : g_strdup (text);
  g_autoptr(GError) error = NULL;
  Doc *doc = doc_parse_json (wrapped, strlen (wrapped), "stdout", NULL, &error);

  if (doc == NULL)
    fail_msg ("output is not JSON: %s\n%s", error->message, text);
  return doc;
}

static const char *
scalar_at (const Node *map, const char *key)
{
  const Node *n = node_lookup (map, key);

  if (n == NULL || n->kind != NODE_SCALAR)
    fail_msg ("no scalar \"%s\"", key);
  return n->v.text;
}

static char *
write_file (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (scratch, dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  assert_int_equal (g_mkdir_with_parents (parent, 0700), 0);
  assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* ---- usage -------------------------------------------------------------- */

static void
test_cli__no_arguments_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN (NULL);

  (void) state;
  expect_status (&r, 2);
  test_assert_contains (r.err, "enforce recommend");
}

static void
test_cli__unknown_command_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN ("frobnicate");

  (void) state;
  expect_status (&r, 2);
  assert_true (g_str_has_prefix (r.err, "enforce: "));
  test_assert_contains (r.err, "frobnicate");
}

static void
test_cli__unknown_option_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN ("lint", TIANJIN, "--verbose");

  (void) state;
  expect_status (&r, 2);
  test_assert_contains (r.err, "--verbose");
}

static void
test_cli__option_of_another_command_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN ("lint", TIANJIN, "--as-of", "2024-01-01");

  (void) state;
  expect_status (&r, 2);
}

static void
test_cli__recommend_without_rules_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN ("recommend", CASE_POSTING, "--lang", "en");

  (void) state;
  expect_status (&r, 2);
  test_assert_contains (r.err, "enforce: --rules RULES is missing");
}

static void
test_cli__recommend_without_cases_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN);

  (void) state;
  expect_status (&r, 2);
}

static void
test_cli__lint_needs_exactly_one_path (void **state)
{
  g_auto(Result) none = RUN ("lint");
  g_auto(Result) two = RUN ("lint", TIANJIN, "rules/cn");

  (void) state;
  expect_status (&none, 2);
  expect_status (&two, 2);
}

static void
test_cli__bad_lang_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN ("lint", TIANJIN, "--lang=fr");

  (void) state;
  expect_status (&r, 2);
  test_assert_contains (r.err, "fr");
}

static void
test_cli__option_missing_its_value_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN ("recommend", CASE_POSTING, "--rules");

  (void) state;
  expect_status (&r, 2);
}

static void
test_cli__bad_as_of_is_a_usage_error (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, CASE_POSTING, "--as-of", "2024-02-30");

  (void) state;
  expect_status (&r, 2);
  test_assert_contains (r.err, "--as-of");
}

static void
test_cli__usage_error_with_json_prints_an_error_object (void **state)
{
  g_auto(Result) r = RUN ("lint", "--json", "--bogus", TIANJIN);
  Doc *doc;
  const Node *error;

  (void) state;
  expect_status (&r, 2);
  doc = parse_json (r.out, FALSE);
  error = node_lookup (doc->root, "error");
  assert_non_null (error);
  assert_string_equal (scalar_at (error, "code"), "usage");
  doc_free (doc);
}

/* ---- help and version ---------------------------------------------------- */

static void
test_cli__help_lists_the_exit_codes_in_chinese (void **state)
{
  g_auto(Result) r = RUN ("--help");

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.out, "退出码");
  test_assert_contains (r.out, "4  案件无效");
}

static void
test_cli__help_in_english (void **state)
{
  g_auto(Result) r = RUN ("help", "--lang", "en");

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.out, "Exit codes");
  test_assert_contains (r.out, "an undetermined recommendation is a valid answer");
}

static void
test_cli__command_help_option_prints_help (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--help");

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.out, "--as-of");
}

static void
test_cli__version_prints_the_library_version (void **state)
{
  g_auto(Result) r = RUN ("version");
  g_autofree char *expected = g_strdup_printf ("enforce %s\n", enforce_version ());

  (void) state;
  expect_status (&r, 0);
  assert_string_equal (r.out, expected);
}

/* ---- lint ---------------------------------------------------------------- */

static void
test_cli__lint_accepts_the_tianjin_rules (void **state)
{
  g_auto(Result) r = RUN ("lint", TIANJIN);

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.out, "0 个错误");
}

static char *
write_broken_rules (void)
{
  g_autofree char *a = write_file ("broken", "a.yaml",
                                   "kind: benchmark\n"
                                   "id: x.a\n"
                                   "titel: 错字\n");
  g_autofree char *b = write_file ("broken", "b.yaml",
                                   "kind: instrument\n"
                                   "id: x-b\n"
                                   "title: 测试条例\n"
                                   "level: statute\n"
                                   "issuer: 测试\n"
                                   "versions:\n"
                                   "  - {id: \"2020\", effective_from: 2020-01-01}\n");
  return g_build_filename (scratch, "broken", NULL);
}

static void
test_cli__lint_lists_every_error_with_its_position (void **state)
{
  g_autofree char *dir = write_broken_rules ();
  g_auto(Result) r = RUN ("lint", dir);

  (void) state;
  expect_status (&r, 1);
  test_assert_contains (r.out, "a.yaml:3:1: error[unknown_key]");
  test_assert_contains (r.out, "b.yaml:4:8: error[invalid_value]");
  test_assert_contains (r.out, "个错误");
}

static void
test_cli__lint_json_is_an_array_of_located_diagnostics (void **state)
{
  g_autofree char *dir = write_broken_rules ();
  g_auto(Result) r = RUN ("lint", dir, "--json");
  const Node *list;
  Doc *doc;

  (void) state;
  expect_status (&r, 1);
  doc = parse_json (r.out, TRUE);
  list = node_lookup (doc->root, "a");
  assert_int_equal (list->kind, NODE_SEQUENCE);
  assert_true (list->len >= 2);
  for (guint i = 0; i < list->len; i++)
    {
      assert_non_null (node_lookup (list->v.items[i], "code"));
      assert_non_null (node_lookup (list->v.items[i], "line"));
      assert_non_null (node_lookup (list->v.items[i], "column"));
    }
  doc_free (doc);
}

static void
test_cli__lint_of_a_missing_path_fails_to_load (void **state)
{
  g_auto(Result) r = RUN ("lint", "rules/no-such-rule-set");

  (void) state;
  expect_status (&r, 3);
  test_assert_contains (r.err, "enforce: rules/no-such-rule-set");
}

/* ---- recommend ----------------------------------------------------------- */

static void
test_cli__recommend_prints_the_chinese_recommendation (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, CASE_FIRE_LANE);

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.out, "罚款");
  test_assert_contains (r.out, "《中华人民共和国消防法》第六十条");
  test_assert_contains (r.out, "《中华人民共和国行政处罚法》");
}

static void
test_cli__recommend_in_english (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, CASE_FIRE_LANE, "--lang", "en");

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.out, "yuan");
}

static void
test_cli__recommend_json_parses (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--json", "--rules", TIANJIN, CASE_POSTING);
  Doc *doc;

  (void) state;
  expect_status (&r, 0);
  doc = parse_json (r.out, FALSE);
  assert_string_equal (scalar_at (doc->root, "schema"), "libenforce/recommendation/1");
  assert_string_equal (scalar_at (doc->root, "case_id"), "2024-XB-0101");
  assert_string_equal (scalar_at (doc->root, "outcome"), "fine");
  assert_string_equal (scalar_at (doc->root, "amount_yuan"), "2000.00");
  assert_int_equal (node_lookup (doc->root, "trace")->kind, NODE_SEQUENCE);
  assert_true (node_lookup (doc->root, "trace")->len > 0);
  doc_free (doc);
}

static void
test_cli__recommend_json_without_trace (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--json", "--no-trace", "--rules", TIANJIN, CASE_POSTING);
  Doc *doc;

  (void) state;
  expect_status (&r, 0);
  doc = parse_json (r.out, FALSE);
  assert_int_equal (node_lookup (doc->root, "trace")->len, 0);
  doc_free (doc);
}

static void
test_cli__recommend_several_cases_prints_json_lines (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--json", "--rules", TIANJIN, CASE_POSTING, CASE_FIRE_LANE,
                          CASE_MISSING);
  g_auto(GStrv) lines = NULL;

  (void) state;
  expect_status (&r, 0);
  assert_true (g_str_has_suffix (r.out, "\n"));
  lines = g_strsplit (r.out, "\n", -1);
  assert_int_equal (g_strv_length (lines), 4);      /* three lines and "" */
  for (guint i = 0; i < 3; i++)
    {
      Doc *doc = parse_json (lines[i], FALSE);
      assert_string_equal (scalar_at (doc->root, "schema"), "libenforce/recommendation/1");
      doc_free (doc);
    }
}

static void
test_cli__undetermined_is_still_success (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--json", "--rules", TIANJIN, CASE_MISSING);
  const Node *missing;
  gboolean listed = FALSE;
  Doc *doc;

  (void) state;
  expect_status (&r, 0);
  doc = parse_json (r.out, FALSE);
  assert_string_equal (scalar_at (doc->root, "outcome"), "undetermined");
  missing = node_lookup (doc->root, "missing");
  for (guint i = 0; missing != NULL && i < missing->len; i++)
    listed = listed || strcmp (missing->v.items[i]->v.text, "facts.mars_cityscape") == 0;
  assert_true (listed);
  doc_free (doc);
}

static void
test_cli__invalid_case_exits_4_and_the_others_still_print (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, CASE_BAD_DATE, CASE_FIRE_LANE);

  (void) state;
  expect_status (&r, 4);
  test_assert_contains (r.err, "enforce: ");
  test_assert_contains (r.err, "date-not-a-day.yaml:3:8: dates.act");
  test_assert_contains (r.out, "── " CASE_FIRE_LANE " ──");
  test_assert_contains (r.out, "《中华人民共和国消防法》第六十条");
}

static void
test_cli__invalid_case_with_json_prints_an_error_line (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--json", "--rules", TIANJIN, CASE_BAD_DATE, CASE_FIRE_LANE);
  g_auto(GStrv) lines = NULL;
  Doc *doc;

  (void) state;
  expect_status (&r, 4);
  lines = g_strsplit (r.out, "\n", -1);
  assert_int_equal (g_strv_length (lines), 3);
  doc = parse_json (lines[0], FALSE);
  assert_string_equal (scalar_at (node_lookup (doc->root, "error"), "code"), "invalid_date");
  doc_free (doc);
  doc = parse_json (lines[1], FALSE);
  assert_string_equal (scalar_at (doc->root, "case_id"), "2024-XB-0104");
  doc_free (doc);
}

static void
test_cli__dash_reads_one_case_from_stdin (void **state)
{
  g_autofree char *command = g_strdup_printf ("'%s' recommend --json --rules %s - < %s",
                                              ENFORCE_CLI, TIANJIN, CASE_FIRE_LANE);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int wait_status = 0;
  Doc *doc;

  (void) state;
  assert_true (g_spawn_sync (ENFORCE_SOURCE_DIR, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL,
                             NULL, &out, &err, &wait_status, NULL));
  assert_true (WIFEXITED (wait_status));
  if (WEXITSTATUS (wait_status) != 0)
    fail_msg ("exit %d: %s", WEXITSTATUS (wait_status), err);
  doc = parse_json (out, FALSE);
  assert_string_equal (scalar_at (doc->root, "case_id"), "2024-XB-0104");
  doc_free (doc);
}

static void
test_cli__unreadable_case_exits_4 (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "examples/cases/no-such-case.yaml");

  (void) state;
  expect_status (&r, 4);
  test_assert_contains (r.err, "no-such-case.yaml");
}

static void
test_cli__unknown_benchmark_exits_4 (void **state)
{
  g_autofree char *path = write_file ("cases", "unknown.yaml", "benchmark: tj.no.such.thing\n"
                                      "party: {class: individual, age: 30, capacity: full}\n"
                                      "dates: {act: 2024-05-01, discovered: 2024-05-01}\n");
  g_auto(Result) r = RUN ("recommend", "--json", "--rules", TIANJIN, path);
  Doc *doc;

  (void) state;
  expect_status (&r, 4);
  doc = parse_json (r.out, FALSE);
  assert_string_equal (scalar_at (node_lookup (doc->root, "error"), "code"), "unknown_benchmark");
  doc_free (doc);
}

static void
test_cli__recommend_with_broken_rules_exits_3 (void **state)
{
  g_autofree char *dir = write_broken_rules ();
  g_auto(Result) r = RUN ("recommend", "--rules", dir, CASE_POSTING);

  (void) state;
  expect_status (&r, 3);
  /* Every error, not only the first. */
  test_assert_contains (r.err, "a.yaml:3:1");
  test_assert_contains (r.err, "b.yaml:4:8");
}

/* ---- recommend --batch ---------------------------------------------------- */

#define BATCH_SAMPLE "examples/cases/batch.jsonl"

/* The CLI hands the library blocks of this many lines (enforce.c,
 * BATCH_BLOCK_LINES): the generated input crosses two block boundaries. */
#define CLI_BLOCK_LINES 4096

static Result
run_sh (const char *command)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  int wait_status = 0;

  if (!g_spawn_sync (ENFORCE_SOURCE_DIR, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &r.out, &r.err, &wait_status, &error))
    fail_msg ("cannot run %s: %s", command, error->message);
  if (!WIFEXITED (wait_status))
    fail_msg ("enforce did not exit normally (wait status %d); stderr: %s", wait_status, r.err);
  r.status = WEXITSTATUS (wait_status);
  return r;
}

static EnforceRuleSet *tianjin;    /* loaded once, for the expected records */

static const EnforceRuleSet *
tianjin_rules (void)
{
  g_autoptr(GError) error = NULL;

  if (tianjin == NULL)
    tianjin = enforce_rule_set_load (ENFORCE_SOURCE_DIR "/" TIANJIN, NULL, NULL, &error);
  if (tianjin == NULL)
    fail_msg ("%s does not load: %s", TIANJIN, error->message);
  return tianjin;
}

/* What the library gives for the whole input in one call, on one thread:
 * the CLI's block-by-block output must be exactly this. */
static char *
library_batch (const char *input, gsize len, EnforceRecommendFlags flags)
{
  g_autoptr(GError) error = NULL;
  char *out = enforce_recommend_batch (tianjin_rules (), input, len, NULL, flags, 1, NULL, NULL,
                                       &error);

  if (out == NULL)
    fail_msg ("library batch failed: %s", error->message);
  return out;
}

static char *
library_batch_of_file (const char *path, EnforceRecommendFlags flags)
{
  g_autofree char *full = g_path_is_absolute (path) ? g_strdup (path)
                                                    : g_build_filename (ENFORCE_SOURCE_DIR, path, NULL);
  gsize len = 0;
  g_autofree char *input = test_read_file (full, &len);

  return library_batch (input, len, flags);
}

static void
test_cli__batch_prints_the_library_records_in_input_order (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "--batch", BATCH_SAMPLE);
  g_autofree char *expected = library_batch_of_file (BATCH_SAMPLE, ENFORCE_RECOMMEND_TRACE);
  static const char *const ids[] = { "2024-XB-0101", "2024-XB-0102", "2024-XB-0103", NULL,
                                     "2024-XB-0104", "2024-XB-0105", "2024-XB-0106",
                                     "2024-XB-0107" };
  g_auto(GStrv) lines = NULL;

  (void) state;
  /* Line 4 of the sample is an invalid case: exit 4, every record printed. */
  expect_status (&r, 4);
  /* The trace is on by default, as for single cases. */
  assert_string_equal (r.out, expected);
  lines = g_strsplit (r.out, "\n", -1);
  assert_int_equal (g_strv_length (lines), G_N_ELEMENTS (ids) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      Doc *doc = parse_json (lines[i], FALSE);
      g_autofree char *line = g_strdup_printf ("%u", i + 1);
      const Node *error = node_lookup (doc->root, "error");

      assert_string_equal (scalar_at (doc->root, "line"), line);
      if (ids[i] != NULL)
        {
          assert_string_equal (scalar_at (doc->root, "case_id"), ids[i]);
          assert_true (error != NULL && error->kind == NODE_SCALAR
                       && strcmp (error->v.text, "null") == 0);
        }
      else
        {
          assert_string_equal (scalar_at (error, "code"), "invalid_date");
          assert_true (g_str_has_prefix (scalar_at (error, "message"), "batch:4:1:"));
        }
      doc_free (doc);
    }
  test_assert_contains (r.err, "8 个案件，1 个错误，用时 ");
}

static void
test_cli__batch_from_stdin_gives_the_same_records (void **state)
{
  g_autofree char *command = g_strdup_printf ("'%s' recommend --rules %s --batch - --no-trace "
                                              "--lang en < %s", ENFORCE_CLI, TIANJIN, BATCH_SAMPLE);
  g_auto(Result) r = run_sh (command);
  g_autofree char *expected = library_batch_of_file (BATCH_SAMPLE, ENFORCE_RECOMMEND_DEFAULT);

  (void) state;
  expect_status (&r, 4);
  assert_string_equal (r.out, expected);
  test_assert_contains (r.err, "8 cases, 1 errors, ");
  test_assert_contains (r.err, " ms\n");
}

static void
test_cli__batch_without_errors_exits_0 (void **state)
{
  g_autofree char *command = g_strdup_printf ("head -n 3 %s | '%s' recommend --rules %s "
                                              "--batch - --lang en", BATCH_SAMPLE, ENFORCE_CLI,
                                              TIANJIN);
  g_auto(Result) r = run_sh (command);

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.err, "3 cases, 0 errors, ");
}

static void
test_cli__batch_quiet_prints_no_summary (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "--batch", BATCH_SAMPLE, "--quiet");

  (void) state;
  expect_status (&r, 4);
  assert_string_equal (r.err, "");
  assert_true (g_str_has_prefix (r.out, "{\"line\":1,"));
}

static void
test_cli__batch_of_nothing_prints_nothing (void **state)
{
  g_autofree char *path = write_file ("batch-empty", "empty.jsonl", "\n  \r\n");
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "--batch", path, "--lang", "en");

  (void) state;
  expect_status (&r, 0);
  assert_string_equal (r.out, "");
  test_assert_contains (r.err, "0 cases, 0 errors, ");
}

/* CLI_BLOCK_LINES * 2 + 100 lines: cases, blank and CRLF lines, malformed
 * lines every 997th and on both sides of each block boundary. */
static const char *
large_batch_path (void)
{
  static char *path;
  g_autoptr(GString) text = NULL;

  if (path != NULL)
    return path;
  text = g_string_new (NULL);
  for (guint i = 1; i <= CLI_BLOCK_LINES * 2 + 100; i++)
    {
      if (i % 997 == 0 || i % CLI_BLOCK_LINES == 0 || i % CLI_BLOCK_LINES == 1)
        g_string_append_printf (text, "{\"id\":\"g%05u\",", i);
      else if (i % 101 == 0)
        g_string_append (text, "  ");
      else if (i % 3 == 0)         /* a fine */
        g_string_append_printf (text, "{\"id\":\"g%05u\",\"benchmark\":\"tj.fire.60.fire-lane\","
                                "\"party\":{\"class\":\"organization\"},\"circumstances\":{"
                                "\"minor\":false,\"corrected\":true,\"harm\":\"none\","
                                "\"first_violation\":true,\"no_fault\":false},\"dates\":{"
                                "\"act\":\"2024-03-18\",\"discovered\":\"2024-03-18\","
                                "\"filed\":\"2024-03-19\",\"received\":\"2024-04-23\"}}", i);
      else if (i % 3 == 1)         /* undetermined */
        g_string_append_printf (text, "{\"id\":\"g%05u\",\"benchmark\":\"tj.civility.65-1.posting\","
                                "\"party\":{\"class\":\"individual\",\"age\":42,\"capacity\":\"full\"},"
                                "\"dates\":{\"act\":\"2024-06-12\",\"discovered\":\"2024-06-12\"}}", i);
      else                         /* refused by the engine, case id kept */
        g_string_append_printf (text, "{\"id\":\"g%05u\",\"benchmark\":\"tj.no.such.thing\"}", i);
      g_string_append (text, i % 7 == 0 ? "\r\n" : "\n");
    }
  path = write_file ("batch-large", "large.jsonl", text->str);
  return path;
}

static void
test_cli__batch_across_blocks_numbers_lines_as_in_the_file (void **state)
{
  const char *path = large_batch_path ();
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "--batch", path, "--no-trace");
  g_autofree char *expected = library_batch_of_file (path, ENFORCE_RECOMMEND_DEFAULT);
  g_autofree char *boundary = g_strdup_printf ("{\"line\":%u,\"case_id\":null,\"recommendation\""
                                               ":null,\"error\":{\"code\":\"json_syntax\","
                                               "\"message\":\"batch:%u:1:", CLI_BLOCK_LINES + 1,
                                               CLI_BLOCK_LINES + 1);

  (void) state;
  expect_status (&r, 4);
  assert_string_equal (r.out, expected);
  /* Not vacuous: the first line of the second block keeps its number. */
  test_assert_contains (r.out, boundary);
}

static void
test_cli__batch_threads_1_and_2_give_identical_output (void **state)
{
  const char *path = large_batch_path ();
  g_auto(Result) one = RUN ("recommend", "--rules", TIANJIN, "--batch", path, "--no-trace",
                            "--threads", "1", "--quiet");
  g_auto(Result) two = RUN ("recommend", "--rules", TIANJIN, "--batch", path, "--no-trace",
                            "--threads=2", "--quiet");

  (void) state;
  expect_status (&one, 4);
  expect_status (&two, 4);
  assert_true (strlen (one.out) > 1000000);
  assert_string_equal (two.out, one.out);
}

/* A line longer than input_bytes is never held by the CLI, only measured:
 * its record must still be exactly the one the library writes when it
 * holds the whole line, CR or not, blank lines still skipped. */
static void
test_cli__batch_line_over_input_bytes_gets_the_library_record (void **state)
{
  g_autoptr(EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_CASES);
  gsize max = (gsize) enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES);
  g_autofree char *good = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *over_record = NULL;
  g_auto(GStrv) lines = NULL;

  (void) state;
  good = test_read_file (ENFORCE_SOURCE_DIR "/" BATCH_SAMPLE, NULL);
  *strchr (good, '\n') = '\0';                            /* the sample's first case */
  g_string_append_printf (text, "%s\n", good);            /* 1 */
  g_string_append_c (text, '{');                          /* 2: 3 × max + 1 bytes, CRLF */
  for (gsize i = 0; i < 3 * max; i++)
    g_string_append_c (text, ' ');
  g_string_append (text, "\r\n");
  for (gsize i = 0; i < 2 * max; i++)                     /* 3: blank, longer than max */
    g_string_append_c (text, i % 2 ? ' ' : '\t');
  g_string_append_printf (text, "\n%s\n", good);          /* 4 */
  g_string_append_c (text, '{');                          /* 5: max + 1 bytes, no LF */
  for (gsize i = 0; i < max; i++)
    g_string_append_c (text, 'x');
  path = write_file ("batch-long", "long.jsonl", text->str);
  expected = library_batch (text->str, text->len, ENFORCE_RECOMMEND_DEFAULT);
  {
    g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "--batch", path, "--no-trace");

    expect_status (&r, 4);
    assert_string_equal (r.out, expected);
    test_assert_contains (r.err, "4 个案件，2 个错误");
    lines = g_strsplit (r.out, "\n", -1);
  }
  assert_int_equal (g_strv_length (lines), 5);
  over_record = g_strdup_printf ("{\"line\":2,\"case_id\":null,\"recommendation\":null,"
                                 "\"error\":{\"code\":\"limit_bytes\",\"message\":\"batch:2: "
                                 "input of %" G_GSIZE_FORMAT " bytes exceeds the limit "
                                 "input_bytes=%" G_GSIZE_FORMAT "\"}}", 3 * max + 1, max);
  assert_string_equal (lines[1], over_record);
  assert_true (g_str_has_prefix (lines[2], "{\"line\":4,"));
  assert_true (g_str_has_prefix (lines[3], "{\"line\":5,"));
}

/* A case of exactly input_bytes with a CRLF is read, even when a read of
 * the input ends between its CR and its LF: the CR is not part of the case
 * (docs/batch.md).  The CLI reads 64 KiB at a time (enforce.c,
 * BATCH_READ_BYTES), so a first line of 65 535 bytes puts the CR of the
 * second at the last byte of the fifth read. */
static void
test_cli__batch_case_of_exactly_input_bytes_with_crlf_is_read (void **state)
{
  g_autoptr(EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_CASES);
  gsize max = (gsize) enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *good = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  (void) state;
  assert_int_equal ((65535 + max + 1) % 65536, 0);
  good = test_read_file (ENFORCE_SOURCE_DIR "/" BATCH_SAMPLE, NULL);
  *strchr (good, '\n') = '\0';
  while (text->len < 65534)                               /* 1: blank */
    g_string_append_c (text, ' ');
  g_string_append_printf (text, "\n%s", good);            /* 2: the case, padded to max */
  while (text->len < 65535 + max)
    g_string_append_c (text, ' ');
  g_string_append (text, "\r\n");
  path = write_file ("batch-exact", "exact.jsonl", text->str);
  expected = library_batch (text->str, text->len, ENFORCE_RECOMMEND_DEFAULT);
  {
    g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "--batch", path, "--no-trace");

    expect_status (&r, 0);
    assert_true (g_str_has_prefix (r.out, "{\"line\":2,\"case_id\":\"2024-XB-0101\","));
    assert_string_equal (r.out, expected);
  }
}

static void
test_cli__unreadable_batch_exits_4 (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "--batch", "examples/cases/no-such.jsonl");
  Doc *doc;

  (void) state;
  expect_status (&r, 4);
  test_assert_contains (r.err, "enforce: examples/cases/no-such.jsonl: ");
  /* --json is implied: the failure is an error object on stdout too. */
  doc = parse_json (r.out, FALSE);
  assert_string_equal (scalar_at (node_lookup (doc->root, "error"), "code"), "io");
  doc_free (doc);
}

static void
test_cli__batch_usage_errors_exit_2 (void **state)
{
  const char *const *const cases[] = {
    /* cases and --batch together */
    (const char *const[]) { "recommend", "--rules", TIANJIN, "--batch", BATCH_SAMPLE, CASE_POSTING, NULL },
    /* batch options without --batch */
    (const char *const[]) { "recommend", "--rules", TIANJIN, "--threads", "2", CASE_POSTING, NULL },
    (const char *const[]) { "recommend", "--rules", TIANJIN, "--quiet", CASE_POSTING, NULL },
    /* thread counts that are not 0..ENFORCE_BATCH_MAX_THREADS */
    (const char *const[]) { "recommend", "--rules", TIANJIN, "--batch", BATCH_SAMPLE, "--threads", "x", NULL },
    (const char *const[]) { "recommend", "--rules", TIANJIN, "--batch", BATCH_SAMPLE, "--threads", "-1", NULL },
    (const char *const[]) { "recommend", "--rules", TIANJIN, "--batch", BATCH_SAMPLE, "--threads", "257", NULL },
    (const char *const[]) { "recommend", "--rules", TIANJIN, "--batch", BATCH_SAMPLE, "--threads=", NULL },
    /* --batch needs its FILE; --rules is still required */
    (const char *const[]) { "recommend", "--rules", TIANJIN, "--batch", NULL },
    (const char *const[]) { "recommend", "--batch", BATCH_SAMPLE, NULL },
    /* a batch option on another command */
    (const char *const[]) { "lint", TIANJIN, "--batch", BATCH_SAMPLE, NULL },
  };

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = run_argv (cases[i]);

      if (r.status != 2)
        fail_msg ("usage case %u: exit %d, expected 2\n--- stderr:\n%s", i, r.status, r.err);
      assert_true (g_str_has_prefix (r.err, "enforce: "));
      /* Nothing was evaluated. */
      assert_null (strstr (r.out, "\"line\""));
    }
}

static void
test_cli__batch_usage_error_is_reported_as_json (void **state)
{
  g_auto(Result) r = RUN ("recommend", "--rules", TIANJIN, "--batch", BATCH_SAMPLE, "--threads",
                          "257", "--lang", "en");
  Doc *doc;

  (void) state;
  expect_status (&r, 2);
  test_assert_contains (r.err, "enforce: --threads must be an integer from 0 to 256, not \"257\"");
  doc = parse_json (r.out, FALSE);
  assert_string_equal (scalar_at (node_lookup (doc->root, "error"), "code"), "usage");
  doc_free (doc);
}

static void
test_cli__help_describes_batch_mode (void **state)
{
  g_auto(Result) zh = RUN ("help");
  g_auto(Result) en = RUN ("help", "--lang", "en");

  (void) state;
  expect_status (&zh, 0);
  expect_status (&en, 0);
  test_assert_contains (zh.out, "--batch FILE|- [--threads N]");
  test_assert_contains (zh.out, "工作线程数 (0-256)");
  test_assert_contains (en.out, "--batch FILE|- [--threads N]");
  test_assert_contains (en.out, "worker threads (0-256)");
}

/* ---- test ---------------------------------------------------------------- */

static void
test_cli__tianjin_tests_pass (void **state)
{
  g_auto(Result) r = RUN ("test", TIANJIN);

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.out, "✓ ");
  test_assert_contains (r.out, "项通过，0 项失败");
}

static void
test_cli__tianjin_tests_pass_in_english (void **state)
{
  g_auto(Result) r = RUN ("test", TIANJIN, "--lang", "en");

  (void) state;
  expect_status (&r, 0);
  test_assert_contains (r.out, " passed, 0 failed\n");
}

static void
test_cli__failing_test_exits_1_with_details (void **state)
{
  g_autofree char *path = write_file ("tests-failing", "posting.yaml",
    "kind: tests\n"
    "tests:\n"
    "  - name: right\n"
    "    case: {benchmark: tj.fire.60.fire-lane, party: {class: organization},\n"
    "           circumstances: {minor: false, corrected: true, harm: none,\n"
    "                           first_violation: true, no_fault: false},\n"
    "           dates: {act: 2024-03-18, discovered: 2024-03-18}}\n"
    "    expect: {outcome: fine}\n"
    "  - name: wrong on purpose\n"
    "    case: {benchmark: tj.fire.60.fire-lane, party: {class: organization},\n"
    "           circumstances: {minor: false, corrected: true, harm: none,\n"
    "                           first_violation: true, no_fault: false},\n"
    "           dates: {act: 2024-03-18, discovered: 2024-03-18}}\n"
    "    expect: {outcome: warning, amount: 1, range: [1, 2]}\n");
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", path);

  (void) state;
  expect_status (&r, 1);
  test_assert_contains (r.out, "✓ right\n");
  test_assert_contains (r.out, "✗ wrong on purpose\n");
  test_assert_contains (r.out, "    outcome: expected warning, got fine\n");
  test_assert_contains (r.out, "    amount: expected 1.00, got ");
  test_assert_contains (r.out, "    range: expected [1.00, 2.00], got [");
  test_assert_contains (r.out, "1 项通过，1 项失败");
}

/* The fire-lane case with every date, so each expect key has a value. */
#define FIRE_LANE_CASE \
  "    case:\n" \
  "      benchmark: tj.fire.60.fire-lane\n" \
  "      party: {class: organization}\n" \
  "      circumstances: {minor: false, corrected: true, harm: none,\n" \
  "                      first_violation: true, no_fault: false}\n" \
  "      review: {complex: false, serious: false, major_public_interest: false,\n" \
  "               hearing_held: false, other_required: false}\n" \
  "      dates: {act: 2024-03-18, discovered: 2024-03-18, filed: 2024-03-19,\n" \
  "              notified: 2024-04-08, decided: 2024-04-22, received: 2024-04-23}\n"

static void
test_cli__every_expect_key_is_compared (void **state)
{
  g_autofree char *path = write_file ("tests-keys", "keys.yaml",
    "kind: tests\n"
    "tests:\n"
    "  - name: every key right\n"
    FIRE_LANE_CASE
    "    expect:\n"
    "      outcome: fine\n"
    "      tier: 一般\n"
    "      range: [5000, 50000]\n"
    "      amount: 27500\n"
    "      procedure: general\n"
    "      hearing: undetermined\n"
    "      legal_review: no\n"
    "      collective_discussion: no\n"
    "      onsite_collection: no\n"
    "      discretionary: false\n"
    "      missing: [parameters.hearing_threshold.organization]\n"
    "      deadlines: {decision_due: 2024-06-17, hearing_request_by: 2024-04-15,\n"
    "                  delivery_by: 2024-04-30, payment_due: 2024-05-08}\n"
    "  - name: every key wrong\n"
    FIRE_LANE_CASE
    "    expect:\n"
    "      outcome: warning\n"
    "      tier: 从重\n"
    "      range: null\n"
    "      amount: \"0.5\"\n"
    "      procedure: simple\n"
    "      hearing: yes\n"
    "      legal_review: yes\n"
    "      collective_discussion: undetermined\n"
    "      onsite_collection: yes\n"
    "      discretionary: true\n"
    "      missing: [facts.area_m2, parameters.hearing_threshold.organization]\n"
    "      deadlines: {decision_due: 2024-06-18, hearing_request_by: null,\n"
    "                  delivery_by: 2024-04-29, payment_due: 2024-05-09}\n"
    "  - name: an error was expected\n"
    FIRE_LANE_CASE
    "    expect: {error: unknown_factor}\n");
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", path, "--lang", "en");
  static const char *const lines[] = {
    "✓ every key right\n",
    "✗ every key wrong\n",
    "    outcome: expected warning, got fine\n",
    "    tier: expected 从重, got 一般\n",
    "    range: expected none, got [5000.00, 50000.00]\n",
    "    amount: expected 0.50, got 27500.00\n",
    "    procedure: expected simple, got general\n",
    "    hearing: expected yes, got undetermined\n",
    "    legal_review: expected yes, got no\n",
    "    collective_discussion: expected undetermined, got no\n",
    "    onsite_collection: expected yes, got no\n",
    "    discretionary: expected true, got false\n",
    "    missing: expected [facts.area_m2, parameters.hearing_threshold.organization], "
    "got [parameters.hearing_threshold.organization]\n",
    "    deadlines.decision_due: expected 2024-06-18, got 2024-06-17\n",
    "    deadlines.hearing_request_by: expected none, got 2024-04-15\n",
    "    deadlines.delivery_by: expected 2024-04-29, got 2024-04-30\n",
    "    deadlines.payment_due: expected 2024-05-09, got 2024-05-08\n",
    "✗ an error was expected\n",
    "    error: expected unknown_factor, got outcome fine\n",
    "1 passed, 2 failed\n",
  };

  (void) state;
  expect_status (&r, 1);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    test_assert_contains (r.out, lines[i]);
}

static void
test_cli__expected_errors_and_absent_values_pass (void **state)
{
  g_autofree char *path = write_file ("tests-errors", "errors.yaml",
    "kind: tests\n"
    "tests:\n"
    "  - name: unknown factor, as expected\n"
    "    case: {benchmark: tj.fire.60.fire-lane, party: {class: organization},\n"
    "           factors: [no_such_factor], dates: {act: 2024-03-18, discovered: 2024-03-18}}\n"
    "    expect: {error: unknown_factor}\n"
    "  - name: limitation expired, nothing to pay\n"
    "    case: {benchmark: tj.fire.60.fire-lane, party: {class: organization},\n"
    "           circumstances: {harm: none},\n"
    "           dates: {act: 2021-08-01, discovered: 2024-03-18, received: 2024-04-01}}\n"
    "    expect: {outcome: no_penalty, tier: null, range: null, amount: null,\n"
    "             deadlines: {payment_due: null}}\n"
    "  - name: unknown factor, not expected\n"
    "    case: {benchmark: tj.fire.60.fire-lane, party: {class: organization},\n"
    "           factors: [no_such_factor], dates: {act: 2024-03-18, discovered: 2024-03-18}}\n"
    "    expect: {outcome: fine}\n");
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", path);

  (void) state;
  expect_status (&r, 1);
  test_assert_contains (r.out, "✓ unknown factor, as expected\n");
  test_assert_contains (r.out, "✓ limitation expired, nothing to pay\n");
  test_assert_contains (r.out, "✗ unknown factor, not expected\n    error: unexpected unknown_factor: ");
  test_assert_contains (r.out, "2 项通过，1 项失败");
}

static void
test_cli__tests_directory_runs_files_in_name_order (void **state)
{
  g_autofree char *b = write_file ("tests-dir", "b.yaml",
    "kind: tests\n"
    "tests:\n"
    "  - {name: second, case: {benchmark: tj.no.such}, expect: {error: unknown_benchmark}}\n");
  g_autofree char *a = write_file ("tests-dir", "a.yaml",
    "kind: tests\n"
    "tests:\n"
    "  - {name: first, case: {benchmark: tj.no.such}, expect: {error: unknown_benchmark}}\n");
  g_autofree char *ignored = write_file ("tests-dir", "notes.txt", "not a test file\n");
  g_autofree char *dir = g_path_get_dirname (a);
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", dir);

  (void) state;
  expect_status (&r, 0);
  assert_string_equal (r.out, "✓ first\n✓ second\n2 项通过，0 项失败\n");
}

static void
test_cli__tests_file_of_another_kind_is_malformed (void **state)
{
  g_autofree char *path = write_file ("tests-kind", "kind.yaml",
    "kind: benchmark\n"
    "tests: []\n");
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", path);

  (void) state;
  expect_status (&r, 1);
  test_assert_contains (r.err, "kind.yaml:1:7: kind: ");
}

static void
test_cli__unknown_error_code_in_a_test_is_malformed (void **state)
{
  g_autofree char *path = write_file ("tests-code", "code.yaml",
    "kind: tests\n"
    "tests:\n"
    "  - name: x\n"
    "    case: {benchmark: tj.fire.60.fire-lane}\n"
    "    expect: {error: no_such_code}\n");
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", path);

  (void) state;
  expect_status (&r, 1);
  test_assert_contains (r.err, "code.yaml:5:21: tests[0].expect.error: ");
}

static void
test_cli__invalid_inline_case_names_its_path_in_the_tests_file (void **state)
{
  g_autofree char *path = write_file ("tests-case", "case.yaml",
    "kind: tests\n"
    "tests:\n"
    "  - name: x\n"
    "    case: {benchmark: tj.fire.60.fire-lane, dates: {act: 2024-02-30}}\n"
    "    expect: {outcome: fine}\n");
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", path);

  (void) state;
  expect_status (&r, 1);
  test_assert_contains (r.err, "case.yaml:4:58: tests[0].case.dates.act: ");
}

static void
test_cli__missing_tests_directory_fails (void **state)
{
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", "rules/tianjin/no-such-tests");

  (void) state;
  expect_status (&r, 1);
  test_assert_contains (r.err, "no-such-tests");
}

static void
test_cli__malformed_tests_file_exits_1_with_its_position (void **state)
{
  g_autofree char *path = write_file ("tests-malformed", "bad.yaml",
    "kind: tests\n"
    "tests:\n"
    "  - name: bad expectation\n"
    "    case: {benchmark: tj.fire.60.fire-lane}\n"
    "    expect: {outcome: fine, amout: 5000}\n");
  g_auto(Result) r = RUN ("test", TIANJIN, "--tests", path);

  (void) state;
  expect_status (&r, 1);
  test_assert_contains (r.err, "bad.yaml:5:29: tests[0].expect: ");
  test_assert_contains (r.err, "amout");
}

static void
test_cli__test_with_broken_rules_exits_3 (void **state)
{
  g_autofree char *dir = write_broken_rules ();
  g_auto(Result) r = RUN ("test", dir);

  (void) state;
  expect_status (&r, 3);
}

/* ---- set-up -------------------------------------------------------------- */

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  /* Two levels at most: scratch/<dir>/<file>. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          GDir *sub = g_dir_open (child, 0, NULL);
          const char *leaf;
          while (sub != NULL && (leaf = g_dir_read_name (sub)) != NULL)
            {
              g_autofree char *file = g_build_filename (child, leaf, NULL);
              g_remove (file);
            }
          if (sub != NULL)
            g_dir_close (sub);
        }
      g_remove (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_remove (path);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cli__no_arguments_is_a_usage_error),
    cmocka_unit_test (test_cli__unknown_command_is_a_usage_error),
    cmocka_unit_test (test_cli__unknown_option_is_a_usage_error),
    cmocka_unit_test (test_cli__option_of_another_command_is_a_usage_error),
    cmocka_unit_test (test_cli__recommend_without_rules_is_a_usage_error),
    cmocka_unit_test (test_cli__recommend_without_cases_is_a_usage_error),
    cmocka_unit_test (test_cli__lint_needs_exactly_one_path),
    cmocka_unit_test (test_cli__bad_lang_is_a_usage_error),
    cmocka_unit_test (test_cli__option_missing_its_value_is_a_usage_error),
    cmocka_unit_test (test_cli__bad_as_of_is_a_usage_error),
    cmocka_unit_test (test_cli__usage_error_with_json_prints_an_error_object),
    cmocka_unit_test (test_cli__help_lists_the_exit_codes_in_chinese),
    cmocka_unit_test (test_cli__help_in_english),
    cmocka_unit_test (test_cli__command_help_option_prints_help),
    cmocka_unit_test (test_cli__version_prints_the_library_version),
    cmocka_unit_test (test_cli__lint_accepts_the_tianjin_rules),
    cmocka_unit_test (test_cli__lint_lists_every_error_with_its_position),
    cmocka_unit_test (test_cli__lint_json_is_an_array_of_located_diagnostics),
    cmocka_unit_test (test_cli__lint_of_a_missing_path_fails_to_load),
    cmocka_unit_test (test_cli__recommend_prints_the_chinese_recommendation),
    cmocka_unit_test (test_cli__recommend_in_english),
    cmocka_unit_test (test_cli__recommend_json_parses),
    cmocka_unit_test (test_cli__recommend_json_without_trace),
    cmocka_unit_test (test_cli__recommend_several_cases_prints_json_lines),
    cmocka_unit_test (test_cli__undetermined_is_still_success),
    cmocka_unit_test (test_cli__invalid_case_exits_4_and_the_others_still_print),
    cmocka_unit_test (test_cli__invalid_case_with_json_prints_an_error_line),
    cmocka_unit_test (test_cli__dash_reads_one_case_from_stdin),
    cmocka_unit_test (test_cli__unreadable_case_exits_4),
    cmocka_unit_test (test_cli__unknown_benchmark_exits_4),
    cmocka_unit_test (test_cli__recommend_with_broken_rules_exits_3),
    cmocka_unit_test (test_cli__batch_prints_the_library_records_in_input_order),
    cmocka_unit_test (test_cli__batch_from_stdin_gives_the_same_records),
    cmocka_unit_test (test_cli__batch_without_errors_exits_0),
    cmocka_unit_test (test_cli__batch_quiet_prints_no_summary),
    cmocka_unit_test (test_cli__batch_of_nothing_prints_nothing),
    cmocka_unit_test (test_cli__batch_across_blocks_numbers_lines_as_in_the_file),
    cmocka_unit_test (test_cli__batch_threads_1_and_2_give_identical_output),
    cmocka_unit_test (test_cli__batch_line_over_input_bytes_gets_the_library_record),
    cmocka_unit_test (test_cli__batch_case_of_exactly_input_bytes_with_crlf_is_read),
    cmocka_unit_test (test_cli__unreadable_batch_exits_4),
    cmocka_unit_test (test_cli__batch_usage_errors_exit_2),
    cmocka_unit_test (test_cli__batch_usage_error_is_reported_as_json),
    cmocka_unit_test (test_cli__help_describes_batch_mode),
    cmocka_unit_test (test_cli__tianjin_tests_pass),
    cmocka_unit_test (test_cli__tianjin_tests_pass_in_english),
    cmocka_unit_test (test_cli__failing_test_exits_1_with_details),
    cmocka_unit_test (test_cli__every_expect_key_is_compared),
    cmocka_unit_test (test_cli__expected_errors_and_absent_values_pass),
    cmocka_unit_test (test_cli__tests_directory_runs_files_in_name_order),
    cmocka_unit_test (test_cli__tests_file_of_another_kind_is_malformed),
    cmocka_unit_test (test_cli__unknown_error_code_in_a_test_is_malformed),
    cmocka_unit_test (test_cli__invalid_inline_case_names_its_path_in_the_tests_file),
    cmocka_unit_test (test_cli__missing_tests_directory_fails),
    cmocka_unit_test (test_cli__malformed_tests_file_exits_1_with_its_position),
    cmocka_unit_test (test_cli__test_with_broken_rules_exits_3),
  };
  g_autoptr(GError) error = NULL;
  int failed;

  scratch = g_dir_make_tmp ("enforce-cli-XXXXXX", &error);
  if (scratch == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  failed = cmocka_run_group_tests (tests, NULL, NULL);
  g_clear_pointer (&tianjin, enforce_rule_set_unref);
  remove_tree (scratch);
  g_free (scratch);
  return failed;
}
