/* test-lint.c: the invalid rule corpus and the cross-checks (lint.c).
 *
 * tests/data/invalid/MANIFEST lists one invalid file (or rule-set
 * directory) per line with the only error its load must report: code,
 * line and column.  Each line is one test; a file without a line fails the
 * completeness test, so the corpus cannot silently grow untested.  Further
 * tests cover one load reporting every error, warnings that do not fail a
 * load, and what lint must accept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <enforce/enforce.h>
#include "model.h"
#include "test-util.h"

#define INVALID_DIR ENFORCE_TEST_DATA "/invalid"

typedef struct {
  char *path;                      /* relative to INVALID_DIR */
  EnforceErrorCode code;
  guint line, col;
  char *file;                      /* where the error is, relative to INVALID_DIR */
} CorpusCase;

static void
corpus_case_free (gpointer data)
{
  CorpusCase *c = data;
  g_free (c->path);
  g_free (c->file);
  g_free (c);
}

static GPtrArray *
read_manifest (void)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (corpus_case_free);

  if (!g_file_get_contents (INVALID_DIR "/MANIFEST", &text, NULL, &error))
    g_error ("cannot read MANIFEST: %s", error->message);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_auto (GStrv) f = g_strsplit_set (lines[i], " ", -1);
      GPtrArray *fields = g_ptr_array_new ();
      for (guint k = 0; f[k] != NULL; k++)
        if (f[k][0] != '\0')
          g_ptr_array_add (fields, f[k]);
      if (fields->len != 4 && fields->len != 5)
        g_error ("MANIFEST line %u: expected 4 or 5 fields", i + 1);
      CorpusCase *c = g_new0 (CorpusCase, 1);
      c->path = g_strdup (fields->pdata[0]);
      c->code = test_code_by_name (fields->pdata[1]);
      c->line = (guint) g_ascii_strtoull (fields->pdata[2], NULL, 10);
      c->col = (guint) g_ascii_strtoull (fields->pdata[3], NULL, 10);
      c->file = g_strdup (fields->len == 5 ? fields->pdata[4] : fields->pdata[0]);
      g_ptr_array_add (cases, c);
      g_ptr_array_free (fields, TRUE);
    }
  return cases;
}

/* The corpus, one test per line. */

static void
test_invalid_corpus_case (void **state)
{
  const CorpusCase *c = *state;
  g_autofree char *path = g_build_filename (INVALID_DIR, c->path, NULL);
  g_autofree char *expected_file = g_build_filename (INVALID_DIR, c->file, NULL);
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  EnforceRuleSet *rules = enforce_rule_set_load (path, NULL, &diag, &error);
  assert_null (rules);
  assert_non_null (error);
  assert_true (error->domain == ENFORCE_ERROR);
  assert_non_null (diag);

  guint errors = 0, first = G_MAXUINT;
  for (guint i = 0; i < enforce_diagnostics_get_count (diag); i++)
    if (enforce_diagnostics_get_severity (diag, i) == ENFORCE_SEVERITY_ERROR)
      {
        errors++;
        if (first == G_MAXUINT)
          first = i;
      }
  if (errors != 1)
    {
      g_autofree char *all = enforce_diagnostics_to_string (diag, ENFORCE_LANG_EN);
      fail_msg ("%s: expected exactly one error, got %u:\n%s", c->path, errors, all);
    }
  if (enforce_diagnostics_get_code (diag, first) != c->code
      || enforce_diagnostics_get_line (diag, first) != c->line
      || enforce_diagnostics_get_column (diag, first) != c->col)
    {
      g_autofree char *all = enforce_diagnostics_to_string (diag, ENFORCE_LANG_EN);
      fail_msg ("%s: expected %s at %u:%u, got:\n%s", c->path,
                enforce_error_code_name (c->code), c->line, c->col, all);
    }
  const char *file = enforce_diagnostics_get_file (diag, first);
  assert_non_null (file);
  if (g_file_test (expected_file, G_FILE_TEST_IS_DIR))
    assert_true (g_str_has_prefix (file, expected_file));
  else
    assert_string_equal (file, expected_file);

  /* A file the reader refused keeps the reader's code; everything else is
   * collected under rules_invalid. */
  if (c->code == ENFORCE_ERROR_YAML_SYNTAX || c->code == ENFORCE_ERROR_ALIAS
      || c->code == ENFORCE_ERROR_DUPLICATE_KEY)
    assert_int_equal (error->code, c->code);
  else
    assert_int_equal (error->code, ENFORCE_ERROR_RULES_INVALID);
  /* Both languages are filled in. */
  assert_true (enforce_diagnostics_get_message (diag, first, ENFORCE_LANG_ZH)[0] != '\0');
  assert_true (enforce_diagnostics_get_message (diag, first, ENFORCE_LANG_EN)[0] != '\0');
}

/* Every top-level entry of the corpus has a manifest line. */
static void
test_lint__every_corpus_file_has_a_manifest_line (void **state)
{
  g_autoptr (GPtrArray) cases = read_manifest ();
  g_autoptr (GDir) dir = g_dir_open (INVALID_DIR, 0, NULL);
  const char *name;
  guint entries = 0;

  (void) state;
  assert_non_null (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;
      if (strcmp (name, "MANIFEST") == 0 || strcmp (name, "many-errors.yaml") == 0)
        continue;
      entries++;
      for (guint i = 0; i < cases->len && !listed; i++)
        {
          const CorpusCase *c = cases->pdata[i];
          gsize n = strlen (name);
          listed = strncmp (c->path, name, n) == 0 && (c->path[n] == '\0' || c->path[n] == '/');
        }
      if (!listed)
        fail_msg ("tests/data/invalid/%s has no line in MANIFEST", name);
    }
  assert_true (entries >= 40);
}

/* One load, every error. */

static void
test_lint__one_load_reports_every_error (void **state)
{
  static const struct { EnforceErrorCode code; guint line, col; } expected[] = {
    { ENFORCE_ERROR_RESERVED_NAME, 15, 7 },
    { ENFORCE_ERROR_INVALID_DATE, 17, 25 },
    { ENFORCE_ERROR_UNKNOWN_KEY, 20, 66 },
    { ENFORCE_ERROR_UNDECLARED_FACT, 24, 37 },
    { ENFORCE_ERROR_INVALID_MONEY, 25, 35 },
    { ENFORCE_ERROR_TYPE_MISMATCH, 28, 30 },
    { ENFORCE_ERROR_DUPLICATE_ID, 35, 9 },
    { ENFORCE_ERROR_UNKNOWN_REFERENCE, 12, 32 },
    { ENFORCE_ERROR_TIER_OUT_OF_RANGE, 29, 19 },
    { ENFORCE_ERROR_TIER_UNREACHABLE, 32, 13 },
  };
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  EnforceRuleSet *rules = enforce_rule_set_load (INVALID_DIR "/many-errors.yaml", NULL,
                                                 &diag, &error);
  assert_null (rules);
  test_assert_error (error, ENFORCE_ERROR_RULES_INVALID);
  assert_non_null (strstr (error->message, "10 errors"));
  assert_int_equal (enforce_diagnostics_get_error_count (diag), G_N_ELEMENTS (expected));
  assert_int_equal (enforce_diagnostics_get_count (diag), G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      assert_int_equal (enforce_diagnostics_get_code (diag, i), expected[i].code);
      assert_int_equal (enforce_diagnostics_get_line (diag, i), expected[i].line);
      assert_int_equal (enforce_diagnostics_get_column (diag, i), expected[i].col);
    }
}

/* Helpers for inline rule sets. */

static EnforceRuleSet *
load_text (const char *text, EnforceDiagnostics **diag, GError **error)
{
  return enforce_rule_set_load_data ("inline.yaml", text, strlen (text), NULL, diag, error);
}

static guint
count_code (const EnforceDiagnostics *diag, EnforceErrorCode code, EnforceSeverity severity)
{
  guint n = 0;
  for (guint i = 0; i < enforce_diagnostics_get_count (diag); i++)
    if (enforce_diagnostics_get_code (diag, i) == code
        && enforce_diagnostics_get_severity (diag, i) == severity)
      n++;
  return n;
}

#define BUNDLE_HEAD \
  "kind: bundle\n" \
  "documents:\n" \
  "  - {kind: instrument, id: law, title: 示例法, level: law,\n" \
  "     versions: [{id: \"1\", effective_from: 2020-01-01}]}\n" \
  "  - kind: benchmark\n" \
  "    id: bm\n" \
  "    title: 示例\n" \
  "    penalized_by: {instrument: law, article: 1}\n" \
  "    facts: {gains: {type: money}, area_m2: {type: number}}\n" \
  "    versions:\n"

static void
test_lint__version_gap_is_a_warning_not_an_error (void **state)
{
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  EnforceRuleSet *rules = enforce_rule_set_load (ENFORCE_TEST_DATA "/rules/warnings/version-gap.yaml",
                                                 NULL, &diag, &error);
  assert_non_null (rules);
  assert_null (error);
  assert_int_equal (enforce_diagnostics_get_error_count (diag), 0);
  assert_int_equal (enforce_diagnostics_get_count (diag), 1);
  assert_int_equal (enforce_diagnostics_get_code (diag, 0), ENFORCE_ERROR_VERSION_GAP);
  assert_int_equal (enforce_diagnostics_get_severity (diag, 0), ENFORCE_SEVERITY_WARNING);
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 19);
  assert_int_equal (enforce_diagnostics_get_column (diag, 0), 9);
  /* Nothing is in force inside the gap. */
  const Benchmark *bm = rules_find_benchmark (rules, "bm");
  assert_non_null (bm);
  gint32 day;
  assert_true (enforce_date_parse ("2021-06-01", 10, &day, NULL));
  assert_null (benchmark_version_on (bm, day));
  enforce_rule_set_unref (rules);
}

/* A benchmark whose one version runs 2020-01-01..2023-12-31, repealed
 * from @rep: repealed_from is line 9, column 20. */
#define REPEALED(rep) \
  "kind: bundle\n" \
  "documents:\n" \
  "  - {kind: instrument, id: law, title: 示例法, level: law,\n" \
  "     versions: [{id: \"1\", effective_from: 2020-01-01}]}\n" \
  "  - kind: benchmark\n" \
  "    id: bm\n" \
  "    title: 示例\n" \
  "    penalized_by: {instrument: law, article: 1}\n" \
  "    repealed_from: " rep "\n" \
  "    versions:\n" \
  "      - effective_from: 2020-01-01\n" \
  "        effective_to: 2023-12-31\n" \
  "        policy: {combine: tier_shift, start_percent: 50}\n" \
  "        penalties:\n" \
  "          individual: {kinds: [fine], fine: {min: 100, max: 200}}\n" \
  "        tiers:\n" \
  "          - {name: 一般, class: general}\n"

static void
test_lint__repealed_from_the_day_after_the_last_version_is_clean (void **state)
{
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;
  EnforceRuleSet *rules = load_text (REPEALED ("2024-01-01"), &diag, &error);
  const Benchmark *bm;
  gint32 day;

  (void) state;
  assert_non_null (rules);
  assert_null (error);
  assert_int_equal (enforce_diagnostics_get_count (diag), 0);
  bm = rules_find_benchmark (rules, "bm");
  assert_non_null (bm);
  assert_true (enforce_date_parse ("2024-01-01", 10, &day, NULL));
  assert_int_equal (bm->repealed_from, day);
  enforce_rule_set_unref (rules);
}

/* Between the last version's end and the repeal nothing is in force. */
static void
test_lint__repealed_from_after_a_gap_is_a_warning (void **state)
{
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;
  EnforceRuleSet *rules = load_text (REPEALED ("2024-03-01"), &diag, &error);

  (void) state;
  assert_non_null (rules);
  assert_null (error);
  assert_int_equal (enforce_diagnostics_get_count (diag), 1);
  assert_int_equal (count_code (diag, ENFORCE_ERROR_VERSION_GAP, ENFORCE_SEVERITY_WARNING), 1);
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 9);
  assert_int_equal (enforce_diagnostics_get_column (diag, 0), 20);
  enforce_rule_set_unref (rules);
}

/* A repeal on the last day of a version falls inside it. */
static void
test_lint__repealed_from_inside_a_version_is_an_error (void **state)
{
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;
  EnforceRuleSet *rules = load_text (REPEALED ("2023-12-31"), &diag, &error);

  (void) state;
  assert_null (rules);
  test_assert_error (error, ENFORCE_ERROR_RULES_INVALID);
  assert_int_equal (enforce_diagnostics_get_count (diag), 1);
  assert_int_equal (count_code (diag, ENFORCE_ERROR_VERSION_OVERLAP, ENFORCE_SEVERITY_ERROR), 1);
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 9);
  assert_int_equal (enforce_diagnostics_get_column (diag, 0), 20);
}

static void
test_lint__grounded_reduced_tier_may_go_below_the_minimum (void **state)
{
  static const char text[] = BUNDLE_HEAD
    "      - effective_from: 2020-01-01\n"
    "        policy: {combine: tier_shift, start_percent: 50}\n"
    "        penalties:\n"
    "          individual: {kinds: [fine], fine: {min: 100, max: 200}}\n"
    "          organization: {kinds: [fine], fine: {multiple_of: gains, min_times: 1, max_times: 5}}\n"
    "        tiers:\n"
    "          - name: 减轻\n"
    "            class: reduced\n"
    "            when: area_m2 < 1\n"
    "            ground: {instrument: law, article: 2}\n"
    "            fine:\n"
    "              individual: {max: 50}\n"
    "              organization: {multiple_of: gains, min_times: 0.5, max_times: 1}\n"
    "          - {name: 一般, class: general}\n";
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  EnforceRuleSet *rules = load_text (text, &diag, &error);
  if (rules == NULL)
    fail_msg ("%s", error->message);
  assert_int_equal (enforce_diagnostics_get_count (diag), 0);
  const Version *v = &rules_find_benchmark (rules, "bm")->versions[0];
  assert_int_equal (v->tiers[0].fine[PARTY_INDIVIDUAL].form, FINE_MAX_ONLY);
  assert_int_equal (v->tiers[0].fine[PARTY_INDIVIDUAL].max, 5000);
  assert_int_equal (v->tiers[0].fine[PARTY_ORGANIZATION].min_times, 50);
  enforce_rule_set_unref (rules);
}

static void
test_lint__multiple_tier_above_the_statutory_times_is_out_of_range (void **state)
{
  static const char text[] = BUNDLE_HEAD
    "      - effective_from: 2020-01-01\n"
    "        policy: {combine: tier_shift, start_percent: 50}\n"
    "        penalties:\n"
    "          organization: {kinds: [fine], fine: {multiple_of: gains, min_times: 1, max_times: 5,\n"
    "                                              fallback: {min: 1000, max: 10000}}}\n"
    "        tiers:\n"
    "          - name: 从重\n"
    "            class: heavier\n"
    "            when: gains > 100\n"
    "            fine: {multiple_of: gains, min_times: 3, max_times: 6}\n"
    "          - name: 一般\n"
    "            class: general\n"
    "            fine: {multiple_of: gains, min_times: 1, max_times: 3,\n"
    "                   fallback: {min: 1000, max: 20000}}\n";
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  assert_null (load_text (text, &diag, &error));
  assert_int_equal (error->code, ENFORCE_ERROR_RULES_INVALID);
  assert_int_equal (enforce_diagnostics_get_error_count (diag), 2);
  /* The times of the first tier, then the fallback of the second. */
  assert_int_equal (enforce_diagnostics_get_code (diag, 0), ENFORCE_ERROR_TIER_OUT_OF_RANGE);
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 20);
  assert_int_equal (enforce_diagnostics_get_code (diag, 1), ENFORCE_ERROR_TIER_OUT_OF_RANGE);
  assert_int_equal (enforce_diagnostics_get_line (diag, 1), 23);
  assert_non_null (strstr (enforce_diagnostics_get_message (diag, 1, ENFORCE_LANG_EN),
                           "fallback"));
}

static void
test_lint__per_unit_tier_rate_and_cap_are_checked (void **state)
{
  static const char text[] = BUNDLE_HEAD
    "      - effective_from: 2020-01-01\n"
    "        policy: {combine: tier_shift, start_percent: 50}\n"
    "        penalties:\n"
    "          individual: {kinds: [fine], fine: {per_unit: area_m2, min: 10, max: 20, cap: 1000}}\n"
    "        tiers:\n"
    "          - name: 从重\n"
    "            class: heavier\n"
    "            when: area_m2 > 100\n"
    "            fine: {per_unit: area_m2, min: 15, max: 25}\n"
    "          - name: 一般\n"
    "            class: general\n"
    "            fine: {per_unit: area_m2, min: 10, max: 15, cap: 2000}\n";
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  assert_null (load_text (text, &diag, &error));
  assert_int_equal (enforce_diagnostics_get_error_count (diag), 2);
  assert_int_equal (count_code (diag, ENFORCE_ERROR_TIER_OUT_OF_RANGE, ENFORCE_SEVERITY_ERROR), 2);
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 19);
  assert_int_equal (enforce_diagnostics_get_line (diag, 1), 22);
  assert_non_null (strstr (enforce_diagnostics_get_message (diag, 1, ENFORCE_LANG_EN), "cap"));
}

static void
test_lint__jurisdiction_policy_stands_in_for_a_version_policy (void **state)
{
  static const char with_policy[] =
    "kind: bundle\n"
    "documents:\n"
    "  - kind: jurisdiction\n"
    "    id: here\n"
    "    name: 示例\n"
    "    parameters:\n"
    "      - {effective_from: 2020-01-01, discretion_policy: {combine: tier_shift, start_percent: 50}}\n"
    "  - {kind: instrument, id: law, title: 示例法, level: law,\n"
    "     versions: [{id: \"1\", effective_from: 2020-01-01}]}\n"
    "  - kind: benchmark\n"
    "    id: bm\n"
    "    title: 示例\n"
    "    penalized_by: {instrument: law, article: 1}\n"
    "    versions:\n"
    "      - effective_from: 2020-01-01\n"
    "        penalties: {individual: {kinds: [warning]}}\n"
    "        tiers: [{name: 一般, class: general}]\n";
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  EnforceRuleSet *rules = load_text (with_policy, &diag, &error);
  if (rules == NULL)
    fail_msg ("%s", error->message);
  gint32 day;
  assert_true (enforce_date_parse ("2020-01-01", 10, &day, NULL));
  const Policy *p = rules_policy (rules, day);
  assert_non_null (p);
  assert_int_equal (p->kind, POLICY_TIER_SHIFT);
  assert_int_equal (p->start_percent, 50);
  assert_false (rules_find_benchmark (rules, "bm")->versions[0].policy.present);
  enforce_rule_set_unref (rules);
}

static void
test_lint__or_provision_accepts_tiers_that_choose_kinds (void **state)
{
  static const char text[] = BUNDLE_HEAD
    "      - effective_from: 2020-01-01\n"
    "        policy: {combine: position, start_percent: 0, step_percent: 25}\n"
    "        penalties:\n"
    "          individual: {kinds: [warning, fine], combine: or, fine: {max: 500}}\n"
    "        tiers:\n"
    "          - {name: 从轻, class: lighter, when: area_m2 < 1, kinds: [warning]}\n"
    "          - {name: 一般, class: general, kinds: [fine], fine: {min: 100, max: 500}}\n";
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  EnforceRuleSet *rules = load_text (text, &diag, &error);
  if (rules == NULL)
    fail_msg ("%s", error->message);
  const Version *v = &rules_find_benchmark (rules, "bm")->versions[0];
  assert_int_equal (v->statutory[PARTY_INDIVIDUAL].combine, COMBINE_OR);
  assert_int_equal (v->statutory[PARTY_INDIVIDUAL].fine.form, FINE_MAX_ONLY);
  assert_int_equal (v->tiers[0].kinds, KIND_BIT (KIND_WARNING));
  assert_false (v->statutory[PARTY_ORGANIZATION].present);
  assert_int_equal (v->policy.kind, POLICY_POSITION);
  assert_int_equal (v->policy.step_percent, 25);
  enforce_rule_set_unref (rules);
}

/* A statutory tier (法定情形: "有碍城市容貌的，处二千元罚款") sets its own
 * fine, so it is not compared with the main fine and may use another form;
 * the same tier without `statutory` is out of range at its fine. */
#define STATUTORY_VERSION(flag) \
  "      - effective_from: 2020-01-01\n" \
  "        policy: {combine: tier_shift, start_percent: 50}\n" \
  "        penalties:\n" \
  "          individual: {kinds: [fine], fine: {min: 100, max: 200}}\n" \
  "          organization: {kinds: [fine], fine: {min: 1000, max: 2000}}\n" \
  "        tiers:\n" \
  "          - name: 有碍城市容貌\n" \
  "            class: heavier\n" \
  flag \
  "            when: area_m2 >= 1\n" \
  "            fine:\n" \
  "              individual: {fixed: 2000}\n" \
  "              organization: {per_unit: area_m2, min: 500, max: 1000}\n" \
  "          - {name: 一般, class: general}\n"

static void
test_lint__statutory_tier_is_not_bound_by_the_main_fine (void **state)
{
  static const char statutory[] = BUNDLE_HEAD STATUTORY_VERSION ("            statutory: true\n");
  static const char plain[] = BUNDLE_HEAD STATUTORY_VERSION ("            statutory: false\n");
  g_autoptr (EnforceDiagnostics) diag = NULL, plain_diag = NULL;
  g_autoptr (GError) error = NULL, plain_error = NULL;

  (void) state;
  EnforceRuleSet *rules = load_text (statutory, &diag, &error);
  if (rules == NULL)
    fail_msg ("%s", error->message);
  assert_int_equal (enforce_diagnostics_get_count (diag), 0);
  const Version *v = &rules_find_benchmark (rules, "bm")->versions[0];
  assert_true (v->tiers[0].statutory);
  assert_false (v->tiers[1].statutory);
  assert_int_equal (v->tiers[0].fine[PARTY_INDIVIDUAL].min, 200000);
  assert_int_equal (v->tiers[0].fine[PARTY_ORGANIZATION].form, FINE_PER_UNIT);
  enforce_rule_set_unref (rules);

  /* Without the flag: the individual's 2000 is above 200 (line 22), the
   * organisation's per-unit form differs from the range (line 23). */
  assert_null (load_text (plain, &plain_diag, &plain_error));
  assert_int_equal (plain_error->code, ENFORCE_ERROR_RULES_INVALID);
  assert_int_equal (enforce_diagnostics_get_error_count (plain_diag), 2);
  assert_int_equal (enforce_diagnostics_get_code (plain_diag, 0), ENFORCE_ERROR_TIER_OUT_OF_RANGE);
  assert_int_equal (enforce_diagnostics_get_line (plain_diag, 0), 22);
  assert_int_equal (enforce_diagnostics_get_column (plain_diag, 0), 27);
  assert_int_equal (enforce_diagnostics_get_code (plain_diag, 1), ENFORCE_ERROR_TIER_OUT_OF_RANGE);
  assert_int_equal (enforce_diagnostics_get_line (plain_diag, 1), 23);
  assert_int_equal (enforce_diagnostics_get_column (plain_diag, 1), 29);
}

/* The checks a statutory tier keeps: a fine for every covered class (one
 * report per tier, at the tier), none where the provision imposes no fine,
 * and `statutory: false` stays allowed on a reduced tier. */
static void
test_lint__statutory_tier_needs_a_fine_for_every_covered_class (void **state)
{
  static const char no_fine[] = BUNDLE_HEAD
    "      - effective_from: 2020-01-01\n"
    "        policy: {combine: tier_shift, start_percent: 50}\n"
    "        penalties:\n"
    "          individual: {kinds: [fine], fine: {min: 100, max: 200}}\n"
    "          organization: {kinds: [fine], fine: {min: 1000, max: 2000}}\n"
    "        tiers:\n"
    "          - {name: 有碍城市容貌, class: heavier, statutory: true, when: area_m2 >= 1}\n"
    "          - {name: 减轻, class: reduced, statutory: false, when: \"false\",\n"
    "             ground: {instrument: law, article: 2}, fine: {max: 50}}\n"
    "          - {name: 一般, class: general}\n";
  static const char warning_only[] = BUNDLE_HEAD
    "      - effective_from: 2020-01-01\n"
    "        policy: {combine: tier_shift, start_percent: 50}\n"
    "        penalties:\n"
    "          individual: {kinds: [warning]}\n"
    "        tiers:\n"
    "          - {name: 情节严重, class: heavier, statutory: true, when: area_m2 >= 1,\n"
    "             fine: {fixed: 500}}\n"
    "          - {name: 一般, class: general}\n";
  g_autoptr (EnforceDiagnostics) diag = NULL, warning_diag = NULL;
  g_autoptr (GError) error = NULL, warning_error = NULL;

  (void) state;
  assert_null (load_text (no_fine, &diag, &error));
  assert_int_equal (error->code, ENFORCE_ERROR_RULES_INVALID);
  assert_int_equal (enforce_diagnostics_get_error_count (diag), 1);
  assert_int_equal (enforce_diagnostics_get_code (diag, 0), ENFORCE_ERROR_MISSING_KEY);
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 17);
  assert_int_equal (enforce_diagnostics_get_column (diag, 0), 13);
  /* The first class without a fine is named. */
  assert_non_null (strstr (enforce_diagnostics_get_message (diag, 0, ENFORCE_LANG_EN),
                           "individual"));

  assert_null (load_text (warning_only, &warning_diag, &warning_error));
  assert_int_equal (enforce_diagnostics_get_error_count (warning_diag), 1);
  assert_int_equal (enforce_diagnostics_get_code (warning_diag, 0), ENFORCE_ERROR_TIER_OUT_OF_RANGE);
  assert_int_equal (enforce_diagnostics_get_line (warning_diag, 0), 17);
  assert_int_equal (enforce_diagnostics_get_column (warning_diag, 0), 20);
}

static void
test_lint__parameter_version_gap_is_a_warning (void **state)
{
  static const char text[] =
    "kind: jurisdiction\n"
    "id: here\n"
    "name: 示例\n"
    "parameters:\n"
    "  - {effective_from: 2020-01-01, effective_to: 2020-12-31, payment_period_days: {value: 15}}\n"
    "  - {effective_from: 2021-01-02, payment_period_days: {value: 15}}\n";
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  EnforceRuleSet *rules = load_text (text, &diag, &error);
  assert_non_null (rules);
  assert_int_equal (count_code (diag, ENFORCE_ERROR_VERSION_GAP, ENFORCE_SEVERITY_WARNING), 1);
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 6);
  enforce_rule_set_unref (rules);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_lint__every_corpus_file_has_a_manifest_line),
    cmocka_unit_test (test_lint__one_load_reports_every_error),
    cmocka_unit_test (test_lint__version_gap_is_a_warning_not_an_error),
    cmocka_unit_test (test_lint__repealed_from_the_day_after_the_last_version_is_clean),
    cmocka_unit_test (test_lint__repealed_from_after_a_gap_is_a_warning),
    cmocka_unit_test (test_lint__repealed_from_inside_a_version_is_an_error),
    cmocka_unit_test (test_lint__grounded_reduced_tier_may_go_below_the_minimum),
    cmocka_unit_test (test_lint__multiple_tier_above_the_statutory_times_is_out_of_range),
    cmocka_unit_test (test_lint__per_unit_tier_rate_and_cap_are_checked),
    cmocka_unit_test (test_lint__jurisdiction_policy_stands_in_for_a_version_policy),
    cmocka_unit_test (test_lint__or_provision_accepts_tiers_that_choose_kinds),
    cmocka_unit_test (test_lint__parameter_version_gap_is_a_warning),
    cmocka_unit_test (test_lint__statutory_tier_is_not_bound_by_the_main_fine),
    cmocka_unit_test (test_lint__statutory_tier_needs_a_fine_for_every_covered_class),
  };
  int failed = cmocka_run_group_tests_name ("lint", tests, NULL, NULL);

  /* The corpus: one test per manifest line, named after its file. */
  g_autoptr (GPtrArray) cases = read_manifest ();
  struct CMUnitTest *corpus = g_new0 (struct CMUnitTest, cases->len);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cases->len; i++)
    {
      const CorpusCase *c = cases->pdata[i];
      char *name = g_strdup_printf ("test_invalid_corpus__%s_reports_%s_at_%u_%u", c->path,
                                    enforce_error_code_name (c->code), c->line, c->col);
      g_ptr_array_add (names, name);
      corpus[i] = (struct CMUnitTest) { name, test_invalid_corpus_case, NULL, NULL, cases->pdata[i] };
    }
  failed += _cmocka_run_group_tests ("invalid-corpus", corpus, cases->len, NULL, NULL);
  g_free (corpus);
  g_ptr_array_free (names, TRUE);
  return failed;
}
