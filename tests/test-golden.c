/* test-golden.c: golden scenarios, one cmocka test per directory of
 * tests/data/scenarios/ (byte order of the names).
 *
 * A scenario directory holds:
 *   rules.yaml     a self-contained rule set (usually a `kind: bundle`), or
 *   rules-path     one line, a rule-set path relative to the source tree
 *                  ("rules/tianjin");
 *   case.yaml      the case;
 *   as_of.txt      optional: the as_of date passed to enforce_recommend()
 *                  (only the late surcharge reads it);
 *   expected.json  what must hold (see below);
 *   NOTE.md        the article checked and the hand derivation.
 *
 * expected.json is a *subset* of the recommendation JSON of
 * docs/json-output.md: every key given must be present in the actual JSON
 * with a matching value.  Mappings match as subsets (recursively); sequences
 * must have the same length and match element by element; scalars must have
 * the same text and the same JSON type (string vs number/true/false/null).
 * Pseudo-keys at the top level:
 *   "error"                    the recommendation must fail with this code
 *                              name (enforce_error_code_name());
 *   "trace_codes"              the trace's step codes, exactly, in order;
 *   "trace_codes_subsequence"  these codes occur in this order (others may
 *                              be interleaved) — used where the docs leave
 *                              the exact set of recorded steps open;
 *   "missing_includes"         each listed path is in "missing".
 * Expectations are derived by hand from the law and the docs, never from
 * the engine's output; docs/scenarios.md lists them all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <enforce/enforce.h>
#include "node.h"

#define SCENARIO_DIR ENFORCE_TEST_DATA "/scenarios"

typedef struct {
  char *name;                      /* directory name, also the test name */
  char *dir;                       /* absolute path */
} Scenario;

/* ------------------------------------------------------------------ output */

/* A one-line rendering of a node for diffs: scalars as JSON, sequences of
 * scalars in full, anything deeper summarised. */
static void render_node (GString *out, const Node *n)
{
  if (n == NULL) {
    g_string_append (out, "(absent)");
    return;
  }
  switch (n->kind) {
  case NODE_SCALAR:
    if (n->style == SCALAR_PLAIN)
      g_string_append (out, n->v.text);
    else
      g_string_append_printf (out, "\"%s\"", n->v.text);
    return;
  case NODE_MAPPING:
    g_string_append_printf (out, "{%u keys}", n->len);
    return;
  case NODE_SEQUENCE:
    g_string_append_c (out, '[');
    for (guint i = 0; i < n->len; i++) {
      const Node *item = n->v.items[i];
      if (i > 0)
        g_string_append (out, ", ");
      if (item->kind == NODE_SCALAR)
        render_node (out, item);
      else
        g_string_append (out, item->kind == NODE_MAPPING ? "{…}" : "[…]");
    }
    g_string_append_c (out, ']');
    return;
  }
}

static void report (GString *diff, const char *path, const char *what,
                    const Node *want, const Node *got)
{
  g_string_append_printf (diff, "  %s: %s\n    expected: ", path, what);
  render_node (diff, want);
  g_string_append (diff, "\n    actual:   ");
  render_node (diff, got);
  g_string_append_c (diff, '\n');
}

static void report_codes (GString *diff, const char *path, const char *what,
                          const Node *want, GPtrArray *got)
{
  g_string_append_printf (diff, "  %s: %s\n    expected: ", path, what);
  render_node (diff, want);
  g_string_append (diff, "\n    actual:   [");
  for (guint i = 0; i < got->len; i++)
    g_string_append_printf (diff, "%s%s", i ? ", " : "", (const char *) got->pdata[i]);
  g_string_append (diff, "]\n");
}

/* ---------------------------------------------------------------- matching */

typedef struct {
  const Node *want;
  const Node *got;
  char *path;
} Pair;

static gboolean is_string (const Node *n)
{
  return n->style != SCALAR_PLAIN;
}

/* TRUE if @got matches @want as described at the top of this file; every
 * difference is appended to @diff.  Iterative: an explicit work stack. */
static gboolean match_subset (const Node *want, const Node *got, const char *path,
                              GString *diff)
{
  gboolean ok = TRUE;
  GArray *stack = g_array_new (FALSE, FALSE, sizeof (Pair));
  Pair first = { want, got, g_strdup (path) };
  g_array_append_val (stack, first);

  while (stack->len > 0) {
    Pair p = g_array_index (stack, Pair, stack->len - 1);
    g_array_set_size (stack, stack->len - 1);

    if (p.got == NULL) {
      report (diff, p.path, "key absent", p.want, NULL);
      ok = FALSE;
    } else if (p.want->kind != p.got->kind) {
      report (diff, p.path, "different kind of value", p.want, p.got);
      ok = FALSE;
    } else if (p.want->kind == NODE_SCALAR) {
      if (is_string (p.want) != is_string (p.got) ||
          strcmp (p.want->v.text, p.got->v.text) != 0) {
        report (diff, p.path, "different value", p.want, p.got);
        ok = FALSE;
      }
    } else if (p.want->kind == NODE_MAPPING) {
      /* Pushed in reverse so differences are reported in key order. */
      for (guint i = p.want->len; i-- > 0;) {
        const char *key = node_key (p.want, i)->v.text;
        Pair child = { node_value (p.want, i), node_lookup (p.got, key),
                       g_strdup_printf ("%s.%s", p.path, key) };
        g_array_append_val (stack, child);
      }
    } else if (p.want->len != p.got->len) {
      report (diff, p.path, "different length", p.want, p.got);
      ok = FALSE;
    } else {
      for (guint i = p.want->len; i-- > 0;) {
        Pair child = { p.want->v.items[i], p.got->v.items[i],
                       g_strdup_printf ("%s[%u]", p.path, i) };
        g_array_append_val (stack, child);
      }
    }
    g_free (p.path);
  }
  g_array_free (stack, TRUE);
  return ok;
}

/* @want must be a sequence of strings. */
static gboolean want_strings (const Node *want, const char *path, GString *diff)
{
  if (want->kind != NODE_SEQUENCE) {
    g_string_append_printf (diff, "  %s: expected.json must give a list of strings\n", path);
    return FALSE;
  }
  for (guint i = 0; i < want->len; i++) {
    if (want->v.items[i]->kind != NODE_SCALAR || !is_string (want->v.items[i])) {
      g_string_append_printf (diff, "  %s[%u]: expected.json must give a string\n", path, i);
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean match_exact_codes (const Node *want, GPtrArray *got, const char *path,
                                   GString *diff)
{
  if (!want_strings (want, path, diff))
    return FALSE;
  gboolean same = want->len == got->len;
  for (guint i = 0; same && i < want->len; i++)
    same = strcmp (want->v.items[i]->v.text, got->pdata[i]) == 0;
  if (!same)
    report_codes (diff, path, "different codes", want, got);
  return same;
}

static gboolean match_subsequence (const Node *want, GPtrArray *got, const char *path,
                                   GString *diff)
{
  if (!want_strings (want, path, diff))
    return FALSE;
  guint j = 0;
  for (guint i = 0; i < want->len; i++) {
    while (j < got->len && strcmp (want->v.items[i]->v.text, got->pdata[j]) != 0)
      j++;
    if (j == got->len) {
      char *what = g_strdup_printf ("\"%s\" not found in order",
                                    want->v.items[i]->v.text);
      report_codes (diff, path, what, want, got);
      g_free (what);
      return FALSE;
    }
    j++;
  }
  return TRUE;
}

static gboolean match_includes (const Node *want, GPtrArray *got, const char *path,
                                GString *diff)
{
  if (!want_strings (want, path, diff))
    return FALSE;
  for (guint i = 0; i < want->len; i++) {
    gboolean found = FALSE;
    for (guint j = 0; !found && j < got->len; j++)
      found = strcmp (want->v.items[i]->v.text, got->pdata[j]) == 0;
    if (!found) {
      char *what = g_strdup_printf ("\"%s\" not included", want->v.items[i]->v.text);
      report_codes (diff, path, what, want, got);
      g_free (what);
      return FALSE;
    }
  }
  return TRUE;
}

/* Checks every top-level key of @expected against the actual JSON @actual
 * and, for the pseudo-keys, against @codes (trace) and @missing. */
static gboolean match_expected (const Node *expected, const Node *actual,
                                GPtrArray *codes, GPtrArray *missing, GString *diff)
{
  gboolean ok = TRUE;
  for (guint i = 0; i < expected->len; i++) {
    const char *key = node_key (expected, i)->v.text;
    const Node *want = node_value (expected, i);
    gboolean one;
    if (strcmp (key, "error") == 0)
      continue;                    /* handled before a recommendation exists */
    else if (strcmp (key, "trace_codes") == 0)
      one = match_exact_codes (want, codes, key, diff);
    else if (strcmp (key, "trace_codes_subsequence") == 0)
      one = match_subsequence (want, codes, key, diff);
    else if (strcmp (key, "missing_includes") == 0)
      one = match_includes (want, missing, key, diff);
    else
      one = match_subset (want, node_lookup (actual, key), key, diff);
    ok = ok && one;
  }
  return ok;
}

/* ----------------------------------------------------------------- loading */

/* The helpers below report failure as a message (set once into @why) and
 * never fail the test themselves: cmocka fails by longjmp, which would skip
 * the cleanup of everything a scenario holds. */

static EnforceLimits *json_limits (void)
{
  /* The actual JSON carries the whole trace: use the roomier rule limits. */
  return enforce_limits_new (ENFORCE_LIMITS_RULES);
}

static Doc *parse_json_text (const char *text, const char *name, char **why)
{
  g_autoptr (EnforceLimits) limits = json_limits ();
  g_autoptr (GError) error = NULL;
  Doc *doc = doc_parse_json (text, strlen (text), name, limits, &error);
  if (doc == NULL)
    *why = g_strdup_printf ("%s: %s", name, error->message);
  return doc;
}

static char *read_file (const char *path, char **why)
{
  char *text = NULL;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &text, NULL, &error))
    *why = g_strdup (error->message);
  return text;
}

/* The rule set path of a scenario: its rules.yaml, else the source-relative
 * path named in rules-path. */
static char *rules_path_of (const Scenario *s, char **why)
{
  char *bundle = g_build_filename (s->dir, "rules.yaml", NULL);
  if (g_file_test (bundle, G_FILE_TEST_EXISTS))
    return bundle;
  g_free (bundle);
  g_autofree char *file = g_build_filename (s->dir, "rules-path", NULL);
  g_autofree char *text = read_file (file, why);
  if (text == NULL)
    return NULL;
  return g_build_filename (ENFORCE_SOURCE_DIR, g_strstrip (text), NULL);
}

static EnforceRuleSet *load_rules (const Scenario *s, char **why)
{
  g_autofree char *path = rules_path_of (s, why);
  if (path == NULL)
    return NULL;
  g_autoptr (EnforceDiagnostics) diags = NULL;
  g_autoptr (GError) error = NULL;
  EnforceRuleSet *rules = enforce_rule_set_load (path, NULL, &diags, &error);
  if (rules == NULL) {
    g_autofree char *all = diags ? enforce_diagnostics_to_string (diags, ENFORCE_LANG_EN) : NULL;
    *why = g_strdup_printf ("rules %s do not load: %s\n%s", path, error->message,
                            all ? all : "");
  }
  return rules;
}

/* as_of.txt, or NULL when the scenario has none. */
static char *as_of_of (const Scenario *s, char **why)
{
  g_autofree char *path = g_build_filename (s->dir, "as_of.txt", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  char *text = read_file (path, why);
  return text ? g_strstrip (text) : NULL;
}

static GPtrArray *trace_codes (const EnforceRecommendation *rec)
{
  GPtrArray *codes = g_ptr_array_new ();
  for (guint i = 0; i < enforce_recommendation_get_step_count (rec); i++)
    g_ptr_array_add (codes, (gpointer) enforce_recommendation_get_step_code (rec, i));
  return codes;
}

static GPtrArray *missing_paths (const EnforceRecommendation *rec)
{
  GPtrArray *paths = g_ptr_array_new ();
  for (guint i = 0; i < enforce_recommendation_get_missing_count (rec); i++)
    g_ptr_array_add (paths, (gpointer) enforce_recommendation_get_missing (rec, i));
  return paths;
}

/* A scenario that expects the recommendation to fail with @want_code. */
static char *check_expected_error (const Node *want_code, const EnforceRecommendation *rec,
                                   const GError *error)
{
  if (rec != NULL) {
    g_autofree char *json = enforce_recommendation_to_json (rec);
    return g_strdup_printf ("expected error %s, got a recommendation:\n%s",
                            want_code->v.text, json ? json : "");
  }
  if (error == NULL || error->domain != ENFORCE_ERROR)
    return g_strdup_printf ("expected error %s, got a failure outside ENFORCE_ERROR: %s",
                            want_code->v.text, error ? error->message : "(no error)");
  const char *got = enforce_error_code_name ((EnforceErrorCode) error->code);
  if (strcmp (got, want_code->v.text) != 0)
    return g_strdup_printf ("expected error %s, got %s: %s", want_code->v.text, got,
                            error->message);
  return NULL;
}

/* Compares the recommendation with expected.json; the differences, or NULL. */
static char *check_recommendation (const Doc *expected, const EnforceRecommendation *rec)
{
  char *why = NULL;
  g_autofree char *json = enforce_recommendation_to_json (rec);
  if (json == NULL)
    return g_strdup ("enforce_recommendation_to_json returned NULL");
  Doc *actual = parse_json_text (json, "actual recommendation JSON", &why);
  if (actual == NULL)
    return why;
  GPtrArray *codes = trace_codes (rec);
  GPtrArray *missing = missing_paths (rec);
  GString *diff = g_string_new (NULL);
  if (!match_expected (expected->root, actual->root, codes, missing, diff))
    why = g_strdup_printf ("actual recommendation differs from expected.json:\n%s", diff->str);
  g_string_free (diff, TRUE);
  g_ptr_array_free (codes, TRUE);
  g_ptr_array_free (missing, TRUE);
  doc_free (actual);
  return why;
}

/* Runs one scenario.  Returns NULL when it passes, else why it failed
 * (caller frees); everything it held is released either way. */
static char *check_scenario (const Scenario *s)
{
  char *why = NULL;
  g_autofree char *case_path = g_build_filename (s->dir, "case.yaml", NULL);
  g_autofree char *expected_path = g_build_filename (s->dir, "expected.json", NULL);
  g_autofree char *expected_text = read_file (expected_path, &why);
  if (expected_text == NULL)
    return why;
  Doc *expected = parse_json_text (expected_text, expected_path, &why);
  if (expected == NULL)
    return why;
  g_autoptr (EnforceRuleSet) rules = load_rules (s, &why);
  g_autoptr (GError) error = NULL;
  g_autoptr (EnforceCase) kase = NULL;
  g_autofree char *as_of = NULL;
  if (rules != NULL) {
    kase = enforce_case_load (case_path, NULL, &error);
    if (kase == NULL)
      why = g_strdup_printf ("case does not load: %s", error->message);
  }
  if (kase != NULL)
    as_of = as_of_of (s, &why);
  if (why == NULL) {
    g_autoptr (EnforceRecommendation) rec =
      enforce_recommend (rules, kase, as_of, ENFORCE_RECOMMEND_TRACE, &error);
    const Node *want_error = node_lookup (expected->root, "error");
    if (want_error != NULL)
      why = check_expected_error (want_error, rec, error);
    else if (rec == NULL)
      why = g_strdup_printf ("enforce_recommend failed: %s", error->message);
    else
      why = check_recommendation (expected, rec);
  }
  doc_free (expected);
  return why;
}

static void run_scenario (void **state)
{
  const Scenario *s = *state;
  char *why = check_scenario (s);
  if (why == NULL)
    return;
  print_error ("%s (see %s/NOTE.md):\n%s\n", s->name, s->dir, why);
  g_free (why);
  fail_msg ("scenario %s failed", s->name);
}

/* ------------------------------------------------- the matcher's own tests */

typedef struct {
  gboolean ok;
  char *diff;
} MatchResult;

static MatchResult match_texts (const char *want, const char *got)
{
  char *why = NULL;
  Doc *w = parse_json_text (want, "want", &why);
  Doc *g = parse_json_text (got, "got", &why);
  if (w == NULL || g == NULL)
    fail_msg ("%s", why);
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();
  g_ptr_array_add (codes, (gpointer) "resolve");
  g_ptr_array_add (codes, (gpointer) "tier");
  g_ptr_array_add (codes, (gpointer) "point");
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  g_ptr_array_add (missing, (gpointer) "facts.area_m2");
  GString *diff = g_string_new (NULL);
  MatchResult r = { match_expected (w->root, g->root, codes, missing, diff), NULL };
  r.diff = g_string_free (diff, FALSE);
  doc_free (w);
  doc_free (g);
  return r;
}

static void test_golden_match__accepts_subset_of_keys (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"a\": 1, \"b\": {\"c\": \"x\"}}",
                               "{\"a\": 1, \"b\": {\"c\": \"x\", \"d\": 2}, \"e\": null}");
  assert_true (r.ok);
  assert_string_equal (r.diff, "");
  g_free (r.diff);
}

static void test_golden_match__reports_nested_difference_with_path (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"b\": {\"c\": \"x\"}}", "{\"b\": {\"c\": \"y\"}}");
  assert_false (r.ok);
  assert_non_null (strstr (r.diff, "b.c: different value"));
  g_free (r.diff);
}

static void test_golden_match__distinguishes_string_from_number (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"a\": \"1\"}", "{\"a\": 1}");
  assert_false (r.ok);
  g_free (r.diff);
}

static void test_golden_match__null_matches_only_null (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"x\": null}", "{\"x\": \"null\"}");
  assert_false (r.ok);
  g_free (r.diff);
  r = match_texts ("{\"x\": null}", "{\"x\": null}");
  assert_true (r.ok);
  g_free (r.diff);
}

static void test_golden_match__reports_absent_key (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"amount\": 100}", "{\"outcome\": \"fine\"}");
  assert_false (r.ok);
  assert_non_null (strstr (r.diff, "amount: key absent"));
  g_free (r.diff);
}

static void test_golden_match__requires_exact_array_length (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"m\": [\"a\"]}", "{\"m\": [\"a\", \"b\"]}");
  assert_false (r.ok);
  assert_non_null (strstr (r.diff, "m: different length"));
  g_free (r.diff);
}

static void test_golden_match__trace_codes_are_exact (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"trace_codes\": [\"resolve\", \"tier\", \"point\"]}", "{}");
  assert_true (r.ok);
  g_free (r.diff);
  r = match_texts ("{\"trace_codes\": [\"resolve\", \"point\"]}", "{}");
  assert_false (r.ok);
  g_free (r.diff);
}

static void test_golden_match__trace_subsequence_keeps_order (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"trace_codes_subsequence\": [\"resolve\", \"point\"]}", "{}");
  assert_true (r.ok);
  g_free (r.diff);
  r = match_texts ("{\"trace_codes_subsequence\": [\"point\", \"resolve\"]}", "{}");
  assert_false (r.ok);
  g_free (r.diff);
}

static void test_golden_match__missing_includes (void **state)
{
  (void) state;
  MatchResult r = match_texts ("{\"missing_includes\": [\"facts.area_m2\"]}", "{}");
  assert_true (r.ok);
  g_free (r.diff);
  r = match_texts ("{\"missing_includes\": [\"facts.count\"]}", "{}");
  assert_false (r.ok);
  g_free (r.diff);
}

static void test_golden__scenarios_found (void **state)
{
  const GPtrArray *scenarios = *state;
  /* The suite must never pass vacuously. */
  assert_true (scenarios->len >= 30);
}

/* ------------------------------------------------------------------- main */

static void scenario_free (gpointer p)
{
  Scenario *s = p;
  g_free (s->name);
  g_free (s->dir);
  g_free (s);
}

static gint compare_names (gconstpointer a, gconstpointer b)
{
  const Scenario *x = *(const Scenario *const *) a;
  const Scenario *y = *(const Scenario *const *) b;
  return strcmp (x->name, y->name);
}

static GPtrArray *find_scenarios (void)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (scenario_free);
  GDir *dir = g_dir_open (SCENARIO_DIR, 0, NULL);
  if (dir == NULL)
    return found;
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL) {
    char *path = g_build_filename (SCENARIO_DIR, name, NULL);
    if (!g_file_test (path, G_FILE_TEST_IS_DIR)) {
      g_free (path);
      continue;
    }
    Scenario *s = g_new0 (Scenario, 1);
    s->name = g_strdup (name);
    s->dir = path;
    g_ptr_array_add (found, s);
  }
  g_dir_close (dir);
  g_ptr_array_sort (found, compare_names);
  return found;
}

int main (void)
{
  static const struct CMUnitTest self_tests[] = {
    cmocka_unit_test (test_golden_match__accepts_subset_of_keys),
    cmocka_unit_test (test_golden_match__reports_nested_difference_with_path),
    cmocka_unit_test (test_golden_match__distinguishes_string_from_number),
    cmocka_unit_test (test_golden_match__null_matches_only_null),
    cmocka_unit_test (test_golden_match__reports_absent_key),
    cmocka_unit_test (test_golden_match__requires_exact_array_length),
    cmocka_unit_test (test_golden_match__trace_codes_are_exact),
    cmocka_unit_test (test_golden_match__trace_subsequence_keeps_order),
    cmocka_unit_test (test_golden_match__missing_includes),
  };
  GPtrArray *scenarios = find_scenarios ();
  gsize n_self = G_N_ELEMENTS (self_tests);
  gsize n = n_self + 1 + scenarios->len;
  struct CMUnitTest *tests = g_new0 (struct CMUnitTest, n);

  memcpy (tests, self_tests, sizeof self_tests);
  tests[n_self].name = "test_golden__scenarios_found";
  tests[n_self].test_func = test_golden__scenarios_found;
  tests[n_self].initial_state = scenarios;
  for (guint i = 0; i < scenarios->len; i++) {
    Scenario *s = scenarios->pdata[i];
    tests[n_self + 1 + i].name = s->name;
    tests[n_self + 1 + i].test_func = run_scenario;
    tests[n_self + 1 + i].initial_state = s;
  }
  int failed = _cmocka_run_group_tests ("golden", tests, n, NULL, NULL);
  g_free (tests);
  g_ptr_array_free (scenarios, TRUE);
  return failed;
}
