/* rule-tests.c: running the YAML tests shipped with a rule set.
 *
 * A tests file (docs/rule-format.md#tests) lists inline cases with the
 * outcome a reviewer expects.  Each case is bound exactly like a case file
 * (case_bind), recommended through the public entry point, and compared on
 * the expected keys only, so a test states what it is about and nothing
 * else.  A malformed tests file is an error for the whole run (a test that
 * cannot be read cannot pass or fail); a mismatch is a failed test with one
 * detail line per key: "amount: expected 2000.00, got 150.00".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <enforce/enforce-recommendation.h>
#include <enforce/enforce-test.h>

#include "case-private.h"
#include "limits-private.h"
#include "node.h"
#include "schema.h"

/* ---- what a test expects ----------------------------------------------- */

typedef enum {
  ANSWER_HEARING = 0,
  ANSWER_LEGAL_REVIEW,
  ANSWER_COLLECTIVE_DISCUSSION,
  ANSWER_ONSITE_COLLECTION,
  ANSWER_COUNT,
} AnswerKey;

typedef enum {
  DEADLINE_DECISION_DUE = 0,
  DEADLINE_HEARING_REQUEST_BY,
  DEADLINE_DELIVERY_BY,
  DEADLINE_PAYMENT_DUE,
  DEADLINE_COUNT,
} DeadlineKey;

typedef struct {
  gboolean has_outcome;
  int outcome;                     /* EnforceOutcome */
  gboolean has_tier;
  const char *tier;                /* NULL: no tier expected */
  gboolean has_range;
  gboolean range_null;
  gint64 range_min, range_max;     /* fen */
  gboolean has_amount;
  gboolean amount_null;
  gint64 amount;                   /* fen */
  gboolean has_procedure;
  int procedure;                   /* EnforceProcedure */
  gboolean has_answer[ANSWER_COUNT];
  int answer[ANSWER_COUNT];        /* EnforceAnswer */
  gboolean has_discretionary;
  gboolean discretionary;
  gboolean has_missing;
  const char **missing;
  guint n_missing;
  gboolean has_deadline[DEADLINE_COUNT];
  const char *deadline[DEADLINE_COUNT];   /* "YYYY-MM-DD", or NULL for null */
  const char *error;               /* expected error code name, or NULL */
} Expect;

typedef struct {
  const char *name;
  const char *as_of;               /* validated "YYYY-MM-DD", or NULL */
  EnforceCase *kase;
  Expect expect;
} TestDef;

typedef struct {
  char *name;
  gboolean passed;
  char *detail;                    /* NULL when passed */
} TestResult;

struct _EnforceTestReport {
  GArray *results;                 /* of TestResult */
  guint failed;
};

static const char *const file_keys[] = { "kind", "tests", NULL };
static const char *const test_keys[] = { "name", "as_of", "case", "expect", NULL };
static const char *const expect_keys[] = {
  "outcome", "tier", "range", "amount", "procedure", "hearing", "legal_review",
  "collective_discussion", "onsite_collection", "discretionary", "missing", "deadlines",
  "error", NULL,
};
/* Indexed by EnforceOutcome, EnforceProcedure, EnforceAnswer. */
static const char *const outcome_names[] = {
  "no_penalty", "warning", "fine", "fine_and_other", "other", "undetermined", NULL,
};
static const char *const procedure_names[] = { "undetermined", "simple", "general", "none", NULL };
static const char *const answer_names[] = { "no", "yes", "undetermined", NULL };
/* Indexed by AnswerKey and DeadlineKey. */
static const char *const answer_keys[] = {
  "hearing", "legal_review", "collective_discussion", "onsite_collection", NULL,
};
static const char *const deadline_keys[] = {
  "decision_due", "hearing_request_by", "delivery_by", "payment_due", NULL,
};

G_STATIC_ASSERT (ENFORCE_OUTCOME_UNDETERMINED == 5 && ENFORCE_PROCEDURE_NONE == 3);
G_STATIC_ASSERT (ENFORCE_ANSWER_UNDETERMINED == 2);


/* ---- binding a tests file ---------------------------------------------- */

static gboolean
bind_range (Binder *b, const Node *n, Expect *e)
{
  gboolean ok;
  gsize saved;

  if (node_is_null (n))
    {
      e->range_null = TRUE;
      return TRUE;
    }
  if (!bind_sequence (b, n))
    return FALSE;
  if (n->len != 2)
    {
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
                  "范围应为 [最低, 最高]", "a range is [min, max]");
      return FALSE;
    }
  saved = bind_push_index (b, 0);
  ok = bind_money (b, n->v.items[0], &e->range_min);
  bind_pop (b, saved);
  if (!ok)
    return FALSE;
  saved = bind_push_index (b, 1);
  ok = bind_money (b, n->v.items[1], &e->range_max);
  bind_pop (b, saved);
  return ok;
}

static gboolean
bind_missing (Binder *b, Arena *arena, const Node *n, Expect *e)
{
  if (!bind_sequence (b, n))
    return FALSE;
  e->missing = arena_new0 (arena, const char *, n->len);
  for (guint i = 0; i < n->len; i++)
    {
      gsize saved = bind_push_index (b, i);
      gboolean ok = bind_text (b, n->v.items[i], &e->missing[i]);
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  e->n_missing = n->len;
  return TRUE;
}

static gboolean
bind_deadlines (Binder *b, const Node *n, Expect *e)
{
  if (!bind_mapping (b, n, deadline_keys) || b->failed)
    return FALSE;
  for (guint i = 0; i < n->len; i++)
    {
      const char *key = node_key (n, i)->v.text;
      const Node *v = node_value (n, i);
      int which = names_index_of (deadline_keys, key);
      gsize saved = bind_push_key (b, key);
      gint32 day = 0;
      gboolean ok = TRUE;

      if (which < 0)
        ok = TRUE;
      else if (node_is_null (v))
        e->has_deadline[which] = TRUE;
      else if ((ok = bind_date (b, v, &day)))
        {
          e->has_deadline[which] = TRUE;
          /* bind_date accepted only strict YYYY-MM-DD, the output's form. */
          e->deadline[which] = arena_strdup (b->arena, v->v.text);
        }
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* TRUE if @name is the stable name of some error code. */
static gboolean
is_error_code_name (const char *name)
{
  /* enforce_error_code_name() answers every value; a name that only an
   * invalid value gets is not a code. */
  const char *invalid = enforce_error_code_name ((EnforceErrorCode) 9999);

  if (strcmp (name, invalid) == 0)
    return FALSE;
  for (int code = 0; code < 256; code++)
    if (strcmp (enforce_error_code_name ((EnforceErrorCode) code), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
bind_expect_field (Binder *b, const char *key, const Node *v, Expect *e)
{
  int which;

  if (strcmp (key, "outcome") == 0)
    return (e->has_outcome = bind_enum (b, v, outcome_names, &e->outcome));
  if (strcmp (key, "tier") == 0)
    return (e->has_tier = node_is_null (v) || bind_text (b, v, &e->tier));
  if (strcmp (key, "range") == 0)
    return (e->has_range = bind_range (b, v, e));
  if (strcmp (key, "amount") == 0)
    {
      e->amount_null = node_is_null (v);
      return (e->has_amount = e->amount_null || bind_money (b, v, &e->amount));
    }
  if (strcmp (key, "procedure") == 0)
    return (e->has_procedure = bind_enum (b, v, procedure_names, &e->procedure));
  if ((which = names_index_of (answer_keys, key)) >= 0)
    return (e->has_answer[which] = bind_enum (b, v, answer_names, &e->answer[which]));
  if (strcmp (key, "discretionary") == 0)
    return (e->has_discretionary = bind_bool (b, v, &e->discretionary));
  if (strcmp (key, "missing") == 0)
    return (e->has_missing = bind_missing (b, b->arena, v, e));
  if (strcmp (key, "deadlines") == 0)
    return bind_deadlines (b, v, e);
  if (strcmp (key, "error") == 0)
    {
      if (!bind_id (b, v, &e->error))
        return FALSE;
      if (is_error_code_name (e->error))
        return TRUE;
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, v, "未知的错误代码 \"%s\"",
                  "unknown error code \"%s\"", e->error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bind_expect (Binder *b, const Node *n, Expect *e)
{
  if (!bind_mapping (b, n, expect_keys) || b->failed)
    return FALSE;
  if (n->len == 0)
    {
      /* A test that checks nothing cannot fail. */
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
                  "expect 不能为空", "expect must check at least one key");
      return FALSE;
    }
  for (guint i = 0; i < n->len; i++)
    {
      const char *key = node_key (n, i)->v.text;
      gsize saved = bind_push_key (b, key);
      gboolean ok = bind_expect_field (b, key, node_value (n, i), e);
      bind_pop (b, saved);
      if (!ok || b->failed)
        return FALSE;
    }
  return TRUE;
}

static gboolean
bind_test (Binder *b, const Node *n, TestDef *t)
{
  const Node *name, *kase, *expect, *as_of;
  gsize saved;
  gboolean ok;
  gint32 day = 0;

  if (!bind_mapping (b, n, test_keys) || b->failed)
    return FALSE;
  if ((name = bind_required (b, n, "name")) == NULL
      || (kase = bind_required (b, n, "case")) == NULL
      || (expect = bind_required (b, n, "expect")) == NULL)
    return FALSE;

  saved = bind_push_key (b, "name");
  ok = bind_text (b, name, &t->name);
  bind_pop (b, saved);
  if (!ok)
    return FALSE;

  as_of = node_lookup (n, "as_of");
  if (as_of != NULL && !node_is_null (as_of))
    {
      saved = bind_push_key (b, "as_of");
      ok = bind_date (b, as_of, &day);
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
      t->as_of = arena_strdup (b->arena, as_of->v.text);
    }

  saved = bind_push_key (b, "case");
  t->kase = case_bind (b, kase);
  bind_pop (b, saved);
  if (t->kase == NULL)
    return FALSE;

  saved = bind_push_key (b, "expect");
  ok = bind_expect (b, expect, &t->expect);
  bind_pop (b, saved);
  return ok;
}

static void
free_defs (TestDef *defs, guint n)
{
  for (guint i = 0; i < n; i++)
    enforce_case_free (defs[i].kase);
}

/* Binds every test of @doc into @defs_out (in @arena); NULL after an error. */
static gboolean
bind_tests_file (const Doc *doc, const EnforceLimits *limits, Arena *arena,
                 TestDef **defs_out, guint *n_out, GError **error)
{
  const Node *root = doc->root, *kind, *tests;
  const char *kind_text = NULL;
  TestDef *defs;
  Binder b;
  gsize saved;

  binder_init_first (&b, doc, limits, arena, error);
  if (!bind_mapping (&b, root, file_keys) || b.failed)
    return FALSE;
  if ((kind = bind_required (&b, root, "kind")) == NULL
      || (tests = bind_required (&b, root, "tests")) == NULL)
    return FALSE;

  saved = bind_push_key (&b, "kind");
  if (bind_id (&b, kind, &kind_text) && strcmp (kind_text, "tests") != 0)
    bind_error (&b, ENFORCE_ERROR_INVALID_VALUE, kind,
                "测试文件的 kind 应为 tests，而不是 \"%s\"",
                "a tests file has kind \"tests\", not \"%s\"", kind_text);
  bind_pop (&b, saved);
  if (b.failed)
    return FALSE;

  saved = bind_push_key (&b, "tests");
  if (!bind_sequence (&b, tests))
    return FALSE;
  defs = arena_new0 (arena, TestDef, tests->len);
  for (guint i = 0; i < tests->len; i++)
    {
      gsize item = bind_push_index (&b, i);
      gboolean ok = bind_test (&b, tests->v.items[i], &defs[i]);
      bind_pop (&b, item);
      if (!ok || b.failed)
        {
          /* defs[i] may hold a case when its expect was bad. */
          free_defs (defs, i + 1);
          return FALSE;
        }
    }
  bind_pop (&b, saved);
  *defs_out = defs;
  *n_out = tests->len;
  return TRUE;
}

/* ---- comparing --------------------------------------------------------- */

static void
add_line (GString *detail, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_line (GString *detail, const char *format, ...)
{
  va_list ap;

  if (detail->len > 0)
    g_string_append_c (detail, '\n');
  va_start (ap, format);
  g_string_append_vprintf (detail, format, ap);
  va_end (ap);
}

static char *
money_or_none (gboolean has, gint64 fen)
{
  return has ? enforce_money_format (fen) : g_strdup ("none");
}

static char *
join_list (const char *const *items, guint n)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", items[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Exact list, order-insensitive: the same multiset of paths. */
static gboolean
same_missing (const char *const *expected, guint n_expected, const EnforceRecommendation *rec)
{
  guint n = enforce_recommendation_get_missing_count (rec);
  g_autofree const char **a = NULL, **b = NULL;
  gboolean same = TRUE;

  if (n != n_expected)
    return FALSE;
  a = g_new0 (const char *, n + 1);
  b = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      a[i] = expected[i];
      b[i] = enforce_recommendation_get_missing (rec, i);
    }
  qsort (a, n, sizeof *a, compare_strings);
  qsort (b, n, sizeof *b, compare_strings);
  for (guint i = 0; i < n && same; i++)
    same = g_strcmp0 (a[i], b[i]) == 0;
  return same;
}

static void
check_missing (const Expect *e, const EnforceRecommendation *rec, GString *detail)
{
  guint n = enforce_recommendation_get_missing_count (rec);
  g_autofree const char **got = NULL;
  g_autofree char *want_text = NULL, *got_text = NULL;

  if (same_missing (e->missing, e->n_missing, rec))
    return;
  got = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    got[i] = enforce_recommendation_get_missing (rec, i);
  want_text = join_list (e->missing, e->n_missing);
  got_text = join_list (got, n);
  add_line (detail, "missing: expected %s, got %s", want_text, got_text);
}

static void
check_outcome (const Expect *e, const EnforceRecommendation *rec, GString *detail)
{
  EnforceOutcome got = enforce_recommendation_get_outcome (rec);
  guint n = enforce_recommendation_get_missing_count (rec);

  if ((int) got == e->outcome)
    return;
  if (got == ENFORCE_OUTCOME_UNDETERMINED && n > 0)
    {
      /* Say why, or the reader has to re-run the case by hand. */
      g_autofree const char **missing = g_new0 (const char *, n + 1);
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        missing[i] = enforce_recommendation_get_missing (rec, i);
      text = join_list (missing, n);
      add_line (detail, "outcome: expected %s, got %s (missing %s)",
                outcome_names[e->outcome], enforce_outcome_name (got), text);
      return;
    }
  add_line (detail, "outcome: expected %s, got %s",
            outcome_names[e->outcome], enforce_outcome_name (got));
}

static void
check_money (const EnforceRecommendation *rec, const Expect *e, GString *detail)
{
  gint64 min = 0, max = 0, amount = 0;

  if (e->has_range)
    {
      gboolean has = enforce_recommendation_get_range (rec, &min, &max);
      gboolean same = e->range_null ? !has
                                    : has && min == e->range_min && max == e->range_max;
      if (!same)
        {
          g_autofree char *want = NULL, *got = NULL;

          if (e->range_null)
            want = g_strdup ("none");
          else
            {
              g_autofree char *a = enforce_money_format (e->range_min);
              g_autofree char *z = enforce_money_format (e->range_max);
              want = g_strdup_printf ("[%s, %s]", a, z);
            }
          if (!has)
            got = g_strdup ("none");
          else
            {
              g_autofree char *a = enforce_money_format (min);
              g_autofree char *z = enforce_money_format (max);
              got = g_strdup_printf ("[%s, %s]", a, z);
            }
          add_line (detail, "range: expected %s, got %s", want, got);
        }
    }
  if (e->has_amount)
    {
      gboolean has = enforce_recommendation_get_amount (rec, &amount);
      gboolean same = e->amount_null ? !has : has && amount == e->amount;
      if (!same)
        {
          g_autofree char *want = money_or_none (!e->amount_null, e->amount);
          g_autofree char *got = money_or_none (has, amount);
          add_line (detail, "amount: expected %s, got %s", want, got);
        }
    }
}

static EnforceAnswer
get_answer (const EnforceRecommendation *rec, AnswerKey key)
{
  switch (key)
    {
    case ANSWER_HEARING:
      return enforce_recommendation_get_hearing (rec);
    case ANSWER_LEGAL_REVIEW:
      return enforce_recommendation_get_legal_review (rec);
    case ANSWER_COLLECTIVE_DISCUSSION:
      return enforce_recommendation_get_collective_discussion (rec);
    case ANSWER_ONSITE_COLLECTION:
    case ANSWER_COUNT:
    default:
      return enforce_recommendation_get_onsite_collection (rec);
    }
}

static void
check_procedure (const Expect *e, const EnforceRecommendation *rec, GString *detail)
{
  if (e->has_procedure)
    {
      EnforceProcedure got = enforce_recommendation_get_procedure (rec);
      if ((int) got != e->procedure)
        add_line (detail, "procedure: expected %s, got %s",
                  procedure_names[e->procedure], enforce_procedure_name (got));
    }
  for (int k = 0; k < ANSWER_COUNT; k++)
    {
      EnforceAnswer got;

      if (!e->has_answer[k])
        continue;
      got = get_answer (rec, (AnswerKey) k);
      if ((int) got != e->answer[k])
        add_line (detail, "%s: expected %s, got %s", answer_keys[k],
                  answer_names[e->answer[k]], enforce_answer_name (got));
    }
}

static gboolean
any_deadline (const Expect *e)
{
  for (int k = 0; k < DEADLINE_COUNT; k++)
    if (e->has_deadline[k])
      return TRUE;
  return FALSE;
}

/* Deadlines have no accessors; the JSON document is their one public form
 * (docs/json-output.md), so read them back from it. */
static void
check_deadlines (const Expect *e, const EnforceRecommendation *rec, GString *detail)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  const Node *deadlines = NULL;
  Doc *doc;

  if (!any_deadline (e))
    return;
  json = enforce_recommendation_to_json (rec);
  doc = json != NULL
        ? doc_parse_json (json, strlen (json), "recommendation",
                          limits_or_default (NULL, ENFORCE_LIMITS_RULES), &error)
        : NULL;
  if (doc != NULL)
    deadlines = node_lookup (doc->root, "deadlines");
  if (deadlines == NULL || deadlines->kind != NODE_MAPPING)
    {
      add_line (detail, "deadlines: not readable from the recommendation (%s)",
                error != NULL ? error->message : "no \"deadlines\" object");
      doc_free (doc);
      return;
    }
  for (int k = 0; k < DEADLINE_COUNT; k++)
    {
      const Node *v;
      const char *got = NULL;

      if (!e->has_deadline[k])
        continue;
      v = node_lookup (deadlines, deadline_keys[k]);
      if (v != NULL && v->kind == NODE_SCALAR && !node_is_null (v))
        got = v->v.text;
      if (g_strcmp0 (got, e->deadline[k]) != 0)
        add_line (detail, "deadlines.%s: expected %s, got %s", deadline_keys[k],
                  e->deadline[k] != NULL ? e->deadline[k] : "none",
                  got != NULL ? got : "none");
    }
  doc_free (doc);
}

static void
compare (const Expect *e, const EnforceRecommendation *rec, GString *detail)
{
  if (e->has_outcome)
    check_outcome (e, rec, detail);
  if (e->has_tier)
    {
      const char *got = enforce_recommendation_get_tier (rec);
      if (g_strcmp0 (got, e->tier) != 0)
        add_line (detail, "tier: expected %s, got %s",
                  e->tier != NULL ? e->tier : "none", got != NULL ? got : "none");
    }
  check_money (rec, e, detail);
  check_procedure (e, rec, detail);
  if (e->has_discretionary)
    {
      gboolean got = enforce_recommendation_is_discretionary (rec);
      if (!got != !e->discretionary)
        add_line (detail, "discretionary: expected %s, got %s",
                  e->discretionary ? "true" : "false", got ? "true" : "false");
    }
  if (e->has_missing)
    check_missing (e, rec, detail);
  check_deadlines (e, rec, detail);
}

static void
run_one (const EnforceRuleSet *rules, const TestDef *t, EnforceTestReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  EnforceRecommendation *rec;
  TestResult r = { 0 };

  rec = enforce_recommend (rules, t->kase, t->as_of, ENFORCE_RECOMMEND_DEFAULT, &error);
  if (rec == NULL)
    {
      const char *got = enforce_error_code_name ((EnforceErrorCode) error->code);
      if (t->expect.error == NULL)
        add_line (detail, "error: unexpected %s: %s", got, error->message);
      else if (strcmp (got, t->expect.error) != 0)
        add_line (detail, "error: expected %s, got %s: %s", t->expect.error, got,
                  error->message);
    }
  else
    {
      if (t->expect.error != NULL)
        add_line (detail, "error: expected %s, got outcome %s", t->expect.error,
                  enforce_outcome_name (enforce_recommendation_get_outcome (rec)));
      compare (&t->expect, rec, detail);
      enforce_recommendation_free (rec);
    }

  r.name = g_strdup (t->name);
  r.passed = detail->len == 0;
  r.detail = r.passed ? NULL : g_strdup (detail->str);
  if (!r.passed)
    report->failed++;
  g_array_append_val (report->results, r);
}

/* ---- files ------------------------------------------------------------- */

static gboolean
is_test_file_name (const char *name)
{
  return name[0] != '.' && g_str_has_suffix (name, ".yaml");
}

/* The test files at @path, sorted by name (byte order) so runs repeat. */
static GPtrArray *
list_test_files (const char *path, const EnforceLimits *limits, GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gint64 max_files = enforce_limits_get (limits, ENFORCE_LIMIT_FILES);
  const char *entry;
  GDir *dir;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "%s: %s", path,
                       g_strerror (ENOENT));
          return NULL;
        }
      g_ptr_array_add (files, g_strdup (path));
      return g_steal_pointer (&files);
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "%s: cannot open directory", path);
      return NULL;
    }
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      if (!is_test_file_name (entry))
        continue;
      if ((gint64) files->len >= max_files)
        {
          g_dir_close (dir);
          g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_LIMIT_FILES,
                       "%s: more than %s = %" G_GINT64_FORMAT " test files", path,
                       enforce_limit_name (ENFORCE_LIMIT_FILES), max_files);
          return NULL;
        }
      g_ptr_array_add (files, g_build_filename (path, entry, NULL));
    }
  g_dir_close (dir);
  g_ptr_array_sort (files, compare_strings);
  return g_steal_pointer (&files);
}

static gboolean
run_file (const EnforceRuleSet *rules, const char *path, const EnforceLimits *limits,
          EnforceTestReport *report, GError **error)
{
  g_autofree char *data = NULL;
  TestDef *defs = NULL;
  guint n = 0;
  gsize len = 0;
  Arena *arena;
  Doc *doc;
  gboolean ok;

  if (!case_read_file (path, enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES),
                       &data, &len, error))
    return FALSE;
  doc = doc_parse_yaml (data, len, path, limits, error);
  if (doc == NULL)
    return FALSE;
  arena = arena_new ();
  ok = bind_tests_file (doc, limits, arena, &defs, &n, error);
  doc_free (doc);
  if (ok)
    {
      for (guint i = 0; i < n; i++)
        run_one (rules, &defs[i], report);
      free_defs (defs, n);
    }
  arena_free (arena);
  return ok;
}

EnforceTestReport *
enforce_rule_set_run_tests (const EnforceRuleSet *rules, const char *tests_path, GError **error)
{
  const EnforceLimits *limits = limits_or_default (NULL, ENFORCE_LIMITS_RULES);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(EnforceTestReport) report = NULL;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (tests_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  files = list_test_files (tests_path, limits, error);
  if (files == NULL)
    return NULL;
  report = g_new0 (EnforceTestReport, 1);
  report->results = g_array_new (FALSE, TRUE, sizeof (TestResult));
  for (guint i = 0; i < files->len; i++)
    if (!run_file (rules, g_ptr_array_index (files, i), limits, report, error))
      return NULL;
  return g_steal_pointer (&report);
}

/* ---- the report -------------------------------------------------------- */

guint
enforce_test_report_get_count (const EnforceTestReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->results->len;
}

guint
enforce_test_report_get_failed (const EnforceTestReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->failed;
}

static const TestResult *
result_at (const EnforceTestReport *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  return &g_array_index (self->results, TestResult, index);
}

const char *
enforce_test_report_get_name (const EnforceTestReport *self, guint index)
{
  const TestResult *r = result_at (self, index);
  return r != NULL ? r->name : NULL;
}

gboolean
enforce_test_report_passed (const EnforceTestReport *self, guint index)
{
  const TestResult *r = result_at (self, index);
  return r != NULL && r->passed;
}

const char *
enforce_test_report_get_detail (const EnforceTestReport *self, guint index)
{
  const TestResult *r = result_at (self, index);
  return r != NULL ? r->detail : NULL;
}

void
enforce_test_report_free (EnforceTestReport *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->results->len; i++)
    {
      TestResult *r = &g_array_index (self->results, TestResult, i);
      g_free (r->name);
      g_free (r->detail);
    }
  g_array_unref (self->results);
  g_free (self);
}
