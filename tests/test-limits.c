/* test-limits.c: input limits, the arena, and hostile input.
 *
 * The limits API and its documented defaults; the arena the readers build
 * in; then the hostile corpus (tests/data/hostile/MANIFEST: one file, one
 * test, expected code and position) and hostile inputs too big to keep as
 * files, generated here.  Every hostile input must be refused in under
 * 50 ms of CPU time: the readers stop at the first limit, before the work
 * that makes such inputs expensive.
 */
#define _POSIX_C_SOURCE 200809L   /* clock_gettime: CPU time, steadier than wall time */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "limits-private.h"
#include "node.h"
#include "test-util.h"

/* CPU time allowed to refuse one hostile input.  This is a bound against
 * super-linear work (libyaml alone needs ~20 s for the deep-nesting input),
 * not a benchmark: sanitizers and unoptimised coverage builds slow our code
 * several times, so they get a looser bound; valgrind runs set
 * ENFORCE_TEST_NO_TIMING. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || !defined(__OPTIMIZE__)
#define HOSTILE_MAX_MS 250.0
#else
#define HOSTILE_MAX_MS 50.0
#endif
#define KIB 1024
#define MIB (1024 * 1024)

/* Limits. */

static void
test_limits__rules_defaults (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = enforce_limits_new (ENFORCE_LIMITS_RULES);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_INPUT_BYTES), 8 * MIB);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_DEPTH), 32);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_TEXT_BYTES), 64 * KIB);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_SHORT_BYTES), 256);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_NODES), 500000);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_KEYS), 4096);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_ITEMS), 100000);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_FILES), 10000);
}

static void
test_limits__cases_defaults (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = enforce_limits_new (ENFORCE_LIMITS_CASES);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_INPUT_BYTES), 256 * KIB);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_DEPTH), 16);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_TEXT_BYTES), 16 * KIB);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_SHORT_BYTES), 128);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_NODES), 10000);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_KEYS), 256);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_ITEMS), 1000);
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_FILES), 1);
}

static void
test_limits__names_are_stable (void **state)
{
  (void) state;
  static const char *const expected[ENFORCE_LIMIT_COUNT] = {
    "input_bytes", "depth", "text_bytes", "short_bytes", "nodes", "keys", "items", "files",
  };
  for (int i = 0; i < ENFORCE_LIMIT_COUNT; i++)
    assert_string_equal (enforce_limit_name ((EnforceLimit) i), expected[i]);
  assert_string_equal (enforce_limit_name ((EnforceLimit) ENFORCE_LIMIT_COUNT), "unknown");
}

static void
test_limits__set_accepts_positive_values_only (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = enforce_limits_new (ENFORCE_LIMITS_CASES);
  assert_true (enforce_limits_set (l, ENFORCE_LIMIT_DEPTH, 1));
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_DEPTH), 1);
  assert_true (enforce_limits_set (l, ENFORCE_LIMIT_NODES, G_MAXINT32));
  assert_false (enforce_limits_set (l, ENFORCE_LIMIT_DEPTH, 0));
  assert_false (enforce_limits_set (l, ENFORCE_LIMIT_DEPTH, -5));
  assert_false (enforce_limits_set (l, ENFORCE_LIMIT_DEPTH, (gint64) G_MAXINT32 + 1));
  assert_false (enforce_limits_set (l, (EnforceLimit) ENFORCE_LIMIT_COUNT, 10));
  assert_false (enforce_limits_set (l, (EnforceLimit) -1, 10));
  /* A refused set changes nothing. */
  assert_int_equal (enforce_limits_get (l, ENFORCE_LIMIT_DEPTH), 1);
}

static void
test_limits__live_on_the_value_not_globally (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) a = enforce_limits_new (ENFORCE_LIMITS_CASES);
  g_autoptr (EnforceLimits) b = enforce_limits_copy (a);
  assert_true (enforce_limits_set (a, ENFORCE_LIMIT_KEYS, 3));
  assert_int_equal (enforce_limits_get (b, ENFORCE_LIMIT_KEYS), 256);
  g_autoptr (EnforceLimits) fresh = enforce_limits_new (ENFORCE_LIMITS_CASES);
  assert_int_equal (enforce_limits_get (fresh, ENFORCE_LIMIT_KEYS), 256);
  enforce_limits_free (NULL);
}

static void
test_limits__or_default_prefers_given_limits (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = enforce_limits_new (ENFORCE_LIMITS_CASES);
  assert_ptr_equal (limits_or_default (l, ENFORCE_LIMITS_RULES), l);
  assert_int_equal (enforce_limits_get (limits_or_default (NULL, ENFORCE_LIMITS_RULES),
                                        ENFORCE_LIMIT_DEPTH), 32);
  assert_int_equal (enforce_limits_get (limits_or_default (NULL, ENFORCE_LIMITS_CASES),
                                        ENFORCE_LIMIT_DEPTH), 16);
}

/* Arena. */

static void
test_arena__allocations_are_zeroed_aligned_and_stable (void **state)
{
  (void) state;
  Arena *arena = arena_new ();
  enum { N = 5000 };
  guint64 *blocks[N];
  for (int i = 0; i < N; i++)
    {
      gsize size = (gsize) (1 + i % 37) * sizeof (guint64);
      blocks[i] = arena_alloc (arena, size);
      assert_int_equal ((uintptr_t) blocks[i] % _Alignof (max_align_t), 0);
      for (gsize k = 0; k < size / sizeof (guint64); k++)
        assert_int_equal (blocks[i][k], 0);
      blocks[i][0] = (guint64) i * 7919;
      char *s = arena_strndup (arena, "xy", 1);   /* unaligned bytes in between */
      assert_string_equal (s, "x");
    }
  for (int i = 0; i < N; i++)
    assert_int_equal (blocks[i][0], (guint64) i * 7919);
  arena_free (arena);
  arena_free (NULL);
}

static void
test_arena__large_allocation_gets_its_own_block (void **state)
{
  (void) state;
  Arena *arena = arena_new_sized (256);
  char *small = arena_alloc (arena, 16);
  char *big = arena_alloc (arena, 1 * MIB);
  char *after = arena_alloc (arena, 16);
  memset (big, 'x', 1 * MIB);
  /* The current block kept serving small requests after the big one. */
  assert_true (after == small + 16 || after == small + _Alignof (max_align_t));
  assert_true (arena_used (arena) >= 1 * MIB + 32);
  arena_free (arena);
}

static void
test_arena__strings (void **state)
{
  (void) state;
  Arena *arena = arena_new ();
  assert_string_equal (arena_strdup (arena, "乱张贴"), "乱张贴");
  assert_null (arena_strdup (arena, NULL));
  assert_string_equal (arena_strndup (arena, NULL, 0), "");
  char *bytes = arena_alloc_bytes (arena, 3);
  memcpy (bytes, "ab", 3);
  assert_string_equal (bytes, "ab");
  arena_free (arena);
}

/* Hostile corpus. */

typedef struct {
  char *file;
  char *code;
  guint line;
  guint col;
} HostileCase;

static double
cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

/* Parses and checks the refusal.  @file is the name used in messages. */
static void
expect_refused (const char *data, gsize len, gboolean json, const char *file,
                const EnforceLimits *limits, EnforceErrorCode code, guint line, guint col)
{
  GError *error = NULL;
  double start = cpu_ms ();
  Doc *doc = json ? doc_parse_json (data, len, file, limits, &error)
                  : doc_parse_yaml (data, len, file, limits, &error);
  double elapsed = cpu_ms () - start;
  if (doc != NULL)
    fail_msg ("%s: accepted, expected %s", file, enforce_error_code_name (code));
  if (line > 0)
    test_assert_error_at (error, code, file, line, col);
  else
    test_assert_error (error, code);
  if (elapsed >= HOSTILE_MAX_MS && g_getenv ("ENFORCE_TEST_NO_TIMING") == NULL)
    fail_msg ("%s: refused after %.1f ms (limit %.0f ms)", file, elapsed, HOSTILE_MAX_MS);
  print_message ("%s: %s in %.2f ms\n", file, enforce_error_code_name (code), elapsed);
  g_error_free (error);
}

static void
test_hostile_file (void **state)
{
  const HostileCase *hc = *state;
  g_autofree char *path = g_build_filename (ENFORCE_TEST_DATA, "hostile", hc->file, NULL);
  gsize len = 0;
  g_autofree char *data = test_read_file (path, &len);
  expect_refused (data, len, g_str_has_suffix (hc->file, ".json"), hc->file, NULL,
                  test_code_by_name (hc->code), hc->line, hc->col);
}

static GPtrArray *
read_manifest (void)
{
  g_autofree char *path = g_build_filename (ENFORCE_TEST_DATA, "hostile", "MANIFEST", NULL);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("cannot read %s", path);
  GPtrArray *cases = g_ptr_array_new ();
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      HostileCase *hc = g_new0 (HostileCase, 1);
      char file[256], code[64];
      if (sscanf (lines[i], "%255s %63s %u:%u", file, code, &hc->line, &hc->col) != 4)
        g_error ("MANIFEST line %d: expected FILE CODE LINE:COL", i + 1);
      hc->file = g_strdup (file);
      hc->code = g_strdup (code);
      g_ptr_array_add (cases, hc);
    }
  return cases;
}

/* Generated hostile input. */

static GString *
repeat (const char *prefix, const char *unit, int n, const char *middle, const char *close_unit,
        const char *suffix)
{
  GString *s = g_string_new (prefix);
  for (int i = 0; i < n; i++)
    g_string_append (s, unit);
  g_string_append (s, middle);
  for (int i = 0; close_unit != NULL && i < n; i++)
    g_string_append (s, close_unit);
  g_string_append (s, suffix);
  return s;
}

static void
refused_gen (GString *s, gboolean json, EnforceLimitsProfile profile, EnforceErrorCode code,
             guint line, guint col)
{
  expect_refused (s->str, s->len, json, "gen", limits_or_default (NULL, profile), code, line, col);
  g_string_free (s, TRUE);
}

static void
test_hostile__deep_flow_nesting_yaml (void **state)
{
  (void) state;
  /* 100,000 nested '[': libyaml alone needs seconds; we stop at depth 17. */
  refused_gen (repeat ("a: ", "[", 100000, "", "]", "\n"), FALSE, ENFORCE_LIMITS_CASES,
               ENFORCE_ERROR_LIMIT_DEPTH, 1, 3 + 16);
  refused_gen (repeat ("a: ", "[", 100000, "", "]", "\n"), FALSE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_DEPTH, 1, 3 + 32);
  /* 400 KB: over the case profile's input limit, so under the rules one. */
  refused_gen (repeat ("a: ", "{a: ", 100000, "1", "}", "\n"), FALSE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_DEPTH, 1, 4 + 31 * 4);
  /* Unclosed: the same, nothing after the limit is read. */
  refused_gen (repeat ("a: ", "[", 100000, "", NULL, ""), FALSE, ENFORCE_LIMITS_CASES,
               ENFORCE_ERROR_LIMIT_DEPTH, 1, 19);
  refused_gen (repeat ("", "[", 100000, "", "]", "\n"), FALSE, ENFORCE_LIMITS_CASES,
               ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
}

static void
test_hostile__deep_block_nesting_yaml (void **state)
{
  (void) state;
  refused_gen (repeat ("a:\n", "- ", 100000, "x", NULL, "\n"), FALSE, ENFORCE_LIMITS_CASES,
               ENFORCE_ERROR_LIMIT_DEPTH, 2, 31);
  GString *s = g_string_new (NULL);
  for (int i = 0; i < 700; i++)      /* 247 KB, under the case input limit */
    {
      for (int k = 0; k < i; k++)
        g_string_append_c (s, ' ');
      g_string_append (s, "k:\n");
    }
  refused_gen (s, FALSE, ENFORCE_LIMITS_CASES, ENFORCE_ERROR_LIMIT_DEPTH, 17, 17);
}

static void
test_hostile__deep_nesting_json (void **state)
{
  (void) state;
  refused_gen (repeat ("{\"a\": ", "[", 100000, "", "]", "}"), TRUE, ENFORCE_LIMITS_CASES,
               ENFORCE_ERROR_LIMIT_DEPTH, 1, 7 + 15);
  refused_gen (repeat ("", "{\"a\": ", 100000, "1", "}", ""), TRUE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_DEPTH, 1, 1 + 32 * 6);
  refused_gen (repeat ("", "[", 100000, "", "]", ""), TRUE, ENFORCE_LIMITS_CASES,
               ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
}

static void
test_hostile__megabyte_scalars (void **state)
{
  (void) state;
  /* Under the rules profile (8 MiB input, 64 KiB text). */
  refused_gen (repeat ("a: ", "x", 1 * MIB, "", NULL, "\n"), FALSE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_SCALAR, 1, 4);
  refused_gen (repeat ("a: \"", "x", 1 * MIB, "\"", NULL, "\n"), FALSE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_SCALAR, 1, 4);
  refused_gen (repeat ("a: |\n", "  xxxxxxxxxxxxxx\n", 64 * KIB, "", NULL, ""), FALSE,
               ENFORCE_LIMITS_RULES, ENFORCE_ERROR_LIMIT_SCALAR, 1, 4);
  refused_gen (repeat ("{\"a\": \"", "x", 1 * MIB, "\"}", NULL, ""), TRUE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_SCALAR, 1, 7);
  refused_gen (repeat ("{\"", "k", 1 * MIB, "\": 1}", NULL, ""), TRUE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_SCALAR, 1, 2);
  /* Over the case profile's input limit, refused before parsing. */
  refused_gen (repeat ("{\"a\": \"", "x", 1 * MIB, "\"}", NULL, ""), TRUE, ENFORCE_LIMITS_CASES,
               ENFORCE_ERROR_LIMIT_BYTES, 0, 0);
}

static void
test_hostile__wide_collections (void **state)
{
  (void) state;
  refused_gen (repeat ("a: [", "1,", 1000000, "1]", NULL, "\n"), FALSE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_ITEMS, 1, 5 + 2 * 100000);
  refused_gen (repeat ("{\"a\": [", "1,", 1000000, "1]", NULL, "}"), TRUE, ENFORCE_LIMITS_RULES,
               ENFORCE_ERROR_LIMIT_ITEMS, 1, 8 + 2 * 100000);
  GString *keys = g_string_new (NULL);
  for (int i = 0; i < 65536; i++)
    g_string_append_printf (keys, "k%d: 1\n", i);
  refused_gen (keys, FALSE, ENFORCE_LIMITS_RULES, ENFORCE_ERROR_LIMIT_KEYS, 4097, 1);
}

static void
test_hostile__alias_bomb (void **state)
{
  (void) state;
  GString *s = g_string_new ("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
  for (int i = 1; i < 30; i++)
    {
      g_string_append_printf (s, "a%d: &a%d [", i, i);
      for (int k = 0; k < 10; k++)
        g_string_append_printf (s, "%s*a%d", k ? ", " : "", i - 1);
      g_string_append (s, "]\n");
    }
  refused_gen (s, FALSE, ENFORCE_LIMITS_RULES, ENFORCE_ERROR_ALIAS, 1, 5);
}

/* Many small files of a large rule set: one file of 100 benchmarks, in a
 * bundle, must load under the rules defaults (docs/limits.md). */
static void
test_limits__bundle_of_100_benchmarks_loads_under_rules_defaults (void **state)
{
  (void) state;
  GString *s = g_string_new ("kind: bundle\ndocuments:\n");
  for (int i = 0; i < 100; i++)
    {
      g_string_append_printf (s,
        "  - kind: benchmark\n"
        "    id: tj.civility.65-1.posting-%03d\n"
        "    title: 乱张贴、涂写、刻画、喷涂小广告（第%d项）\n"
        "    enforcer: 城市管理部门\n"
        "    violates: {instrument: tj-civility, article: 65, paragraph: 1}\n"
        "    penalized_by: {instrument: tj-civility, article: 65, paragraph: 1}\n"
        "    trigger: immediate\n"
        "    order: remove\n"
        "    facts:\n"
        "      mars_cityscape: {type: bool, label: 有碍城市容貌}\n"
        "      area_m2: {type: number, unit: 平方米, label: 面积}\n"
        "    provenance: {source: 天津市城市管理综合执法裁量基准, document: 津城管发〔2024〕1号, verified: false}\n"
        "    versions:\n"
        "      - effective_from: 2019-05-01\n"
        "        penalties:\n"
        "          individual: {kinds: [fine], fine: {min: 100, max: 200}}\n"
        "          organization: {kinds: [fine], fine: {min: 100, max: 200}}\n"
        "        tiers:\n"
        "          - name: 一般\n"
        "            when: not mars_cityscape and area_m2 < 5\n"
        "            text: 未达到有碍城市容貌程度\n"
        "            fine: {min: 100, max: 200}\n"
        "          - name: 有碍城市容貌\n"
        "            when: mars_cityscape\n"
        "            text: 有碍城市容貌的\n"
        "            fine: {fixed: 2000}\n"
        "        factors:\n"
        "          - {code: eliminated_harm, kind: mitigating, label: 主动消除违法行为危害后果}\n",
        i, i + 1);
    }
  g_autoptr (GError) error = NULL;
  Doc *doc = doc_parse_yaml (s->str, s->len, "bundle.yaml",
                             limits_or_default (NULL, ENFORCE_LIMITS_RULES), &error);
  if (doc == NULL)
    fail_msg ("%s", error->message);
  assert_int_equal (node_lookup (doc->root, "documents")->len, 100);
  print_message ("100 benchmarks: %" G_GSIZE_FORMAT " bytes\n", s->len);
  doc_free (doc);
  g_string_free (s, TRUE);
}

int
main (void)
{
  const struct CMUnitTest limits[] = {
    cmocka_unit_test (test_limits__rules_defaults),
    cmocka_unit_test (test_limits__cases_defaults),
    cmocka_unit_test (test_limits__names_are_stable),
    cmocka_unit_test (test_limits__set_accepts_positive_values_only),
    cmocka_unit_test (test_limits__live_on_the_value_not_globally),
    cmocka_unit_test (test_limits__or_default_prefers_given_limits),
    cmocka_unit_test (test_limits__bundle_of_100_benchmarks_loads_under_rules_defaults),
    cmocka_unit_test (test_arena__allocations_are_zeroed_aligned_and_stable),
    cmocka_unit_test (test_arena__large_allocation_gets_its_own_block),
    cmocka_unit_test (test_arena__strings),
  };
  const struct CMUnitTest generated[] = {
    cmocka_unit_test (test_hostile__deep_flow_nesting_yaml),
    cmocka_unit_test (test_hostile__deep_block_nesting_yaml),
    cmocka_unit_test (test_hostile__deep_nesting_json),
    cmocka_unit_test (test_hostile__megabyte_scalars),
    cmocka_unit_test (test_hostile__wide_collections),
    cmocka_unit_test (test_hostile__alias_bomb),
  };

  GPtrArray *cases = read_manifest ();
  struct CMUnitTest *corpus = g_new0 (struct CMUnitTest, cases->len);
  for (guint i = 0; i < cases->len; i++)
    {
      HostileCase *hc = cases->pdata[i];
      corpus[i].name = hc->file;
      corpus[i].test_func = test_hostile_file;
      corpus[i].initial_state = hc;
    }

  int failed = cmocka_run_group_tests_name ("limits", limits, NULL, NULL);
  failed += cmocka_run_group_tests_name ("hostile-generated", generated, NULL, NULL);
  failed += _cmocka_run_group_tests ("hostile-corpus", corpus, cases->len, NULL, NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      HostileCase *hc = cases->pdata[i];
      g_free (hc->file);
      g_free (hc->code);
      g_free (hc);
    }
  g_ptr_array_free (cases, TRUE);
  g_free (corpus);
  return failed;
}
