/* test-schema.c: binding nodes to typed values (libenforce/schema.c).
 *
 * Both modes (collect into diagnostics, stop at the first GError), field
 * paths, and every bind_* on good and bad input with the exact code and
 * position.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include <enforce/enforce-date.h>

#include "diag.h"
#include "limits-private.h"
#include "schema.h"
#include "test-util.h"

typedef struct {
  Doc *doc;
  Arena *arena;
  GError *error;
  Binder b;
} Fixture;

static Fixture *
first_mode (const char *yaml)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;
  f->doc = doc_parse_yaml (yaml, strlen (yaml), "t.yaml", NULL, &error);
  if (f->doc == NULL)
    fail_msg ("fixture does not parse: %s", error->message);
  f->arena = arena_new ();
  binder_init_first (&f->b, f->doc, NULL, f->arena, &f->error);
  return f;
}

static Fixture *
first_mode_json (const char *json)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;
  f->doc = doc_parse_json (json, strlen (json), "t.json", NULL, &error);
  if (f->doc == NULL)
    fail_msg ("fixture does not parse: %s", error->message);
  f->arena = arena_new ();
  binder_init_first (&f->b, f->doc, NULL, f->arena, &f->error);
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_clear_error (&f->error);
  arena_free (f->arena);
  doc_free (f->doc);
  g_free (f);
}

static const Node *
value (Fixture *f, const char *key)
{
  const Node *n = node_lookup (f->doc->root, key);
  assert_non_null (n);
  return n;
}

/* The binder failed with exactly one GError: @code and message @message. */
static void
assert_failed (Fixture *f, EnforceErrorCode code, const char *message)
{
  assert_true (f->b.failed);
  test_assert_error (f->error, code);
  if (message != NULL && strcmp (f->error->message, message) != 0)
    fail_msg ("expected \"%s\", got \"%s\"", message, f->error->message);
}

static void
assert_prefix (Fixture *f, EnforceErrorCode code, const char *prefix)
{
  assert_failed (f, code, NULL);
  if (!g_str_has_prefix (f->error->message, prefix))
    fail_msg ("expected prefix \"%s\", got \"%s\"", prefix, f->error->message);
}

static void
reset (Fixture *f)
{
  g_clear_error (&f->error);
  f->b.failed = FALSE;
  f->b.first_zh = NULL;
}

/* Paths and reporting. */

static void
test_schema__path_push_and_pop (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 1\n");
  gsize s0 = bind_push_key (&f->b, "tiers");
  gsize s1 = bind_push_index (&f->b, 2);
  gsize s2 = bind_push_key (&f->b, "when");
  assert_string_equal (f->b.path, "tiers[2].when");
  bind_pop (&f->b, s2);
  assert_string_equal (f->b.path, "tiers[2]");
  bind_pop (&f->b, s1);
  bind_push_key (&f->b, "facts");
  assert_string_equal (f->b.path, "tiers.facts");
  bind_pop (&f->b, s0);
  assert_string_equal (f->b.path, "");
  assert_int_equal (f->b.path_len, 0);
  fixture_free (f);
}

static void
test_schema__overlong_path_is_cut_not_overflowed (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 1\n");
  char key[100];
  memset (key, 'k', sizeof key - 1);
  key[sizeof key - 1] = '\0';
  gsize saved = 0;
  for (int i = 0; i < 20; i++)
    {
      gsize s = bind_push_key (&f->b, key);
      if (i == 0)
        saved = s;
    }
  assert_true (f->b.path_len < sizeof f->b.path);
  assert_int_equal (strlen (f->b.path), f->b.path_len);
  assert_true (g_str_has_suffix (f->b.path, "..."));
  bind_pop (&f->b, saved);
  assert_string_equal (f->b.path, "");
  fixture_free (f);
}

static void
test_schema__first_mode_keeps_the_first_error (void **state)
{
  (void) state;
  Fixture *f = first_mode ("facts:\n  area_m2: abc\n");
  const Node *area = node_lookup (value (f, "facts"), "area_m2");
  gsize saved = bind_push_key (&f->b, "facts");
  bind_push_key (&f->b, "area_m2");
  bind_error (&f->b, ENFORCE_ERROR_INVALID_VALUE, area, "第一个 %d", "first %d", 1);
  bind_error (&f->b, ENFORCE_ERROR_WRONG_TYPE, area, "第二个", "second");
  bind_pop (&f->b, saved);
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:2:12: facts.area_m2: first 1");
  assert_string_equal (f->b.first_zh, "facts.area_m2: 第一个 1");
  fixture_free (f);
}

static void
test_schema__message_without_path_has_no_separator (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 1\n");
  bind_error (&f->b, ENFORCE_ERROR_INVALID_VALUE, value (f, "a"), "坏", "bad");
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:1:4: bad");
  fixture_free (f);
}

static void
test_schema__warning_does_not_fail_first_mode (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 1\n");
  bind_warning (&f->b, ENFORCE_ERROR_VERSION_GAP, value (f, "a"), "警告", "warning");
  assert_false (f->b.failed);
  assert_null (f->error);
  fixture_free (f);
}

static void
test_schema__collect_mode_adds_every_error_in_both_languages (void **state)
{
  (void) state;
  const char *yaml = "kind: x\namout: 5\nnote: 1\n";
  g_autoptr (GError) error = NULL;
  Doc *doc = doc_parse_yaml (yaml, strlen (yaml), "r.yaml", NULL, &error);
  assert_non_null (doc);
  EnforceDiagnostics *diag = diag_new ();
  Binder b;
  binder_init_collect (&b, doc, limits_or_default (NULL, ENFORCE_LIMITS_RULES), NULL, diag);
  static const char *const allowed[] = { "kind", "amount", NULL };
  gsize saved = bind_push_key (&b, "benchmark");
  assert_true (bind_mapping (&b, doc->root, allowed));
  bind_warning (&b, ENFORCE_ERROR_VERSION_GAP, doc->root, "空档", "gap");
  bind_pop (&b, saved);
  assert_true (b.failed);
  assert_int_equal (enforce_diagnostics_get_count (diag), 3);
  assert_int_equal (enforce_diagnostics_get_error_count (diag), 2);
  assert_int_equal (enforce_diagnostics_get_code (diag, 0), ENFORCE_ERROR_UNKNOWN_KEY);
  assert_string_equal (enforce_diagnostics_get_file (diag, 0), "r.yaml");
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 2);
  assert_int_equal (enforce_diagnostics_get_column (diag, 0), 1);
  assert_string_equal (enforce_diagnostics_get_message (diag, 0, ENFORCE_LANG_EN),
                       "benchmark: unknown key \"amout\"; allowed: kind, amount");
  assert_string_equal (enforce_diagnostics_get_message (diag, 0, ENFORCE_LANG_ZH),
                       "benchmark: 未知的键 \"amout\"；允许的键：kind, amount");
  assert_int_equal (enforce_diagnostics_get_line (diag, 1), 3);
  assert_int_equal (enforce_diagnostics_get_severity (diag, 2), ENFORCE_SEVERITY_WARNING);
  assert_string_equal (enforce_diagnostics_get_message (diag, 2, ENFORCE_LANG_ZH), "benchmark: 空档");
  enforce_diagnostics_free (diag);
  doc_free (doc);
}

/* Shapes. */

static void
test_schema__bind_mapping_rejects_other_kinds (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: [1]\n");
  static const char *const allowed[] = { "x", NULL };
  assert_false (bind_mapping (&f->b, value (f, "a"), allowed));
  assert_failed (f, ENFORCE_ERROR_WRONG_TYPE, "t.yaml:1:4: expected a mapping, found a sequence");
  fixture_free (f);
}

static void
test_schema__bind_mapping_accepts_known_keys (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 1\nb: 2\n");
  static const char *const allowed[] = { "b", "a", "c", NULL };
  assert_true (bind_mapping (&f->b, f->doc->root, allowed));
  assert_false (f->b.failed);
  assert_null (f->error);
  fixture_free (f);
}

static void
test_schema__bind_sequence (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: [1]\nb: x\n");
  assert_true (bind_sequence (&f->b, value (f, "a")));
  assert_false (bind_sequence (&f->b, value (f, "b")));
  assert_failed (f, ENFORCE_ERROR_WRONG_TYPE, "t.yaml:2:4: expected a sequence, found a scalar");
  fixture_free (f);
}

static void
test_schema__bind_required (void **state)
{
  (void) state;
  Fixture *f = first_mode ("x: 1\nparty:\n  age: 3\n");
  assert_non_null (bind_required (&f->b, f->doc->root, "x"));
  bind_push_key (&f->b, "party");
  assert_null (bind_required (&f->b, value (f, "party"), "class"));
  assert_failed (f, ENFORCE_ERROR_MISSING_KEY, "t.yaml:3:3: party: missing required key \"class\"");
  fixture_free (f);
}

/* Scalars. */

static void
test_schema__bind_text (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 乱张贴\nb: '1'\nc: |\n  x\nd: [1]\n");
  const char *out = NULL;
  assert_true (bind_text (&f->b, value (f, "a"), &out));
  assert_string_equal (out, "乱张贴");
  assert_true (out != value (f, "a")->v.text);      /* copied into the binder's arena */
  assert_true (bind_text (&f->b, value (f, "b"), &out));
  assert_string_equal (out, "1");
  assert_true (bind_text (&f->b, value (f, "c"), &out));
  assert_string_equal (out, "x\n");
  assert_false (f->b.failed);
  assert_false (bind_text (&f->b, value (f, "d"), &out));
  assert_failed (f, ENFORCE_ERROR_WRONG_TYPE, "t.yaml:5:4: expected a scalar, found a sequence");
  fixture_free (f);
}

static void
test_schema__bind_id (void **state)
{
  (void) state;
  GString *at_limit = g_string_new ("ok: tj.civility.65-1:posting_X\nlong: ");
  for (int i = 0; i < 128; i++)
    g_string_append_c (at_limit, 'a');
  g_string_append (at_limit, "\npast: ");
  for (int i = 0; i < 129; i++)
    g_string_append_c (at_limit, 'a');
  g_string_append (at_limit, "\nspace: 'a b'\nempty: ''\ncjk: 标识\n");
  Fixture *f = first_mode (at_limit->str);
  g_string_free (at_limit, TRUE);
  const char *out = NULL;
  assert_true (bind_id (&f->b, value (f, "ok"), &out));
  assert_string_equal (out, "tj.civility.65-1:posting_X");
  assert_true (bind_id (&f->b, value (f, "long"), &out));
  assert_false (bind_id (&f->b, value (f, "past"), &out));
  assert_failed (f, ENFORCE_ERROR_LIMIT_SCALAR,
                 "t.yaml:3:7: identifier of 129 bytes exceeds the limit short_bytes=128");
  reset (f);
  assert_false (bind_id (&f->b, value (f, "space"), &out));
  assert_prefix (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:4:8: invalid identifier \"a b\"");
  reset (f);
  assert_false (bind_id (&f->b, value (f, "empty"), &out));
  assert_prefix (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:5:8: ");
  reset (f);
  assert_false (bind_id (&f->b, value (f, "cjk"), &out));
  assert_prefix (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:6:6: ");
  fixture_free (f);
}

static void
test_schema__bind_bool (void **state)
{
  (void) state;
  Fixture *f = first_mode ("t: true\nf: false\nq: \"true\"\nyes: yes\nTrue: True\n"
                           "on: on\nn: N\nx: 1\n");
  gboolean out = FALSE;
  assert_true (bind_bool (&f->b, value (f, "t"), &out));
  assert_true (out);
  assert_true (bind_bool (&f->b, value (f, "f"), &out));
  assert_false (out);
  assert_false (bind_bool (&f->b, value (f, "q"), &out));
  assert_prefix (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:3:4: quoted \"true\" is text");
  static const char *const words[] = { "yes", "True", "on", "n" };
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      reset (f);
      assert_false (bind_bool (&f->b, value (f, words[i]), &out));
      assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, NULL);
      assert_non_null (strstr (f->error->message, "YAML 1.1"));
    }
  reset (f);
  assert_false (bind_bool (&f->b, value (f, "x"), &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:8:4: expected true or false, found \"1\"");
  fixture_free (f);
}

static void
test_schema__bind_bool_json (void **state)
{
  (void) state;
  Fixture *f = first_mode_json ("{\"t\": true, \"s\": \"false\", \"n\": null}");
  gboolean out = FALSE;
  assert_true (bind_bool (&f->b, value (f, "t"), &out));
  assert_true (out);
  assert_false (bind_bool (&f->b, value (f, "s"), &out));
  assert_prefix (f, ENFORCE_ERROR_INVALID_VALUE, "t.json:1:18: quoted \"false\"");
  reset (f);
  assert_false (bind_bool (&f->b, value (f, "n"), &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, NULL);
  fixture_free (f);
}

static void
test_schema__bind_int (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 90\nb: -5\nz: 0\nlz: 010\ne: 1e3\nh: 0x10\nq: '5'\n"
                           "big: 99999999999999999999\nmin: -9223372036854775808\n"
                           "over: 9223372036854775808\nneg0: -0\n");
  gint64 out = 0;
  assert_true (bind_int (&f->b, value (f, "a"), 0, 100, &out));
  assert_int_equal (out, 90);
  assert_true (bind_int (&f->b, value (f, "b"), -10, 10, &out));
  assert_int_equal (out, -5);
  assert_true (bind_int (&f->b, value (f, "z"), 0, 0, &out));
  assert_int_equal (out, 0);
  assert_true (bind_int (&f->b, value (f, "min"), G_MININT64, G_MAXINT64, &out));
  assert_true (out == G_MININT64);
  assert_true (bind_int (&f->b, value (f, "neg0"), 0, 0, &out));
  assert_int_equal (out, 0);
  assert_false (f->b.failed);

  static const char *const bad[] = { "lz", "e", "h" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      reset (f);
      assert_false (bind_int (&f->b, value (f, bad[i]), G_MININT64, G_MAXINT64, &out));
      assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, NULL);
      assert_non_null (strstr (f->error->message, "is not an integer"));
    }
  reset (f);
  assert_false (bind_int (&f->b, value (f, "q"), 0, 10, &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:7:4: integer \"5\" must not be quoted");
  reset (f);
  assert_false (bind_int (&f->b, value (f, "a"), 0, 89, &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:1:4: integer 90 is out of range [0, 89]");
  reset (f);
  assert_false (bind_int (&f->b, value (f, "big"), G_MININT64, G_MAXINT64, &out));
  assert_prefix (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:8:6: integer 99999999999999999999 is out of range");
  reset (f);
  assert_false (bind_int (&f->b, value (f, "over"), G_MININT64, G_MAXINT64, &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, NULL);
  fixture_free (f);
}

static void
test_schema__bind_int_json (void **state)
{
  (void) state;
  Fixture *f = first_mode_json ("{\"n\": 15, \"f\": 15.0, \"s\": \"15\"}");
  gint64 out = 0;
  assert_true (bind_int (&f->b, value (f, "n"), 0, 100, &out));
  assert_int_equal (out, 15);
  assert_false (bind_int (&f->b, value (f, "f"), 0, 100, &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, NULL);
  reset (f);
  assert_false (bind_int (&f->b, value (f, "s"), 0, 100, &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, NULL);
  fixture_free (f);
}

static void
test_schema__bind_money (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 2000\nb: 150.5\nc: \"0.01\"\nblock: |\n  100\n"
                           "e: 1e3\ncomma: '1,000'\nneg: -5\nthree: 100.005\nnan: NaN\n"
                           "wide: １０００\nwan: 1万元\nseq: [1]\n");
  gint64 fen = 0;
  assert_true (bind_money (&f->b, value (f, "a"), &fen));
  assert_int_equal (fen, 200000);
  assert_true (bind_money (&f->b, value (f, "b"), &fen));
  assert_int_equal (fen, 15050);
  assert_true (bind_money (&f->b, value (f, "c"), &fen));
  assert_int_equal (fen, 1);
  assert_false (f->b.failed);
  static const char *const bad[] = { "block", "e", "comma", "neg", "three", "nan", "wide", "wan" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      reset (f);
      assert_false (bind_money (&f->b, value (f, bad[i]), &fen));
      assert_failed (f, ENFORCE_ERROR_INVALID_MONEY, NULL);
      assert_non_null (f->b.first_zh);
      assert_non_null (strstr (f->b.first_zh, "金额"));
    }
  reset (f);
  assert_false (bind_money (&f->b, value (f, "e"), &fen));
  assert_prefix (f, ENFORCE_ERROR_INVALID_MONEY, "t.yaml:6:4: amount \"1e3\"");
  reset (f);
  assert_false (bind_money (&f->b, value (f, "seq"), &fen));
  assert_failed (f, ENFORCE_ERROR_WRONG_TYPE, NULL);
  fixture_free (f);
}

static void
test_schema__bind_money_json (void **state)
{
  (void) state;
  Fixture *f = first_mode_json ("{\"n\": 150.5, \"s\": \"0.01\", \"e\": 1e3}");
  gint64 fen = 0;
  assert_true (bind_money (&f->b, value (f, "n"), &fen));
  assert_int_equal (fen, 15050);
  assert_true (bind_money (&f->b, value (f, "s"), &fen));
  assert_int_equal (fen, 1);
  assert_false (bind_money (&f->b, value (f, "e"), &fen));
  assert_failed (f, ENFORCE_ERROR_INVALID_MONEY, NULL);
  fixture_free (f);
}

static void
test_schema__bind_decimal2 (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 2.5\nq: '2.5'\nx: 2.555\n");
  gint64 out = 0;
  assert_true (bind_decimal2 (&f->b, value (f, "a"), &out));
  assert_int_equal (out, 250);
  assert_false (bind_decimal2 (&f->b, value (f, "q"), &out));
  assert_prefix (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:2:4: invalid number \"2.5\"");
  reset (f);
  assert_false (bind_decimal2 (&f->b, value (f, "x"), &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE, NULL);
  fixture_free (f);
}

static void
test_schema__bind_date (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: 2024-02-29\nq: \"1970-01-02\"\nbad: 2024-02-30\nslash: 2024/01/01\n"
                           "compact: 20240101\n");
  gint32 day = 0;
  assert_true (bind_date (&f->b, value (f, "a"), &day));
  gint32 expected = 0;
  assert_true (enforce_date_parse ("2024-02-29", 10, &expected, NULL));
  assert_int_equal (day, expected);
  assert_true (bind_date (&f->b, value (f, "q"), &day));
  assert_int_equal (day, 1);
  assert_false (f->b.failed);
  assert_false (bind_date (&f->b, value (f, "bad"), &day));
  assert_prefix (f, ENFORCE_ERROR_INVALID_DATE, "t.yaml:3:6: date \"2024-02-30\"");
  assert_non_null (strstr (f->b.first_zh, "日期"));
  static const char *const bad[] = { "slash", "compact" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      reset (f);
      assert_false (bind_date (&f->b, value (f, bad[i]), &day));
      assert_failed (f, ENFORCE_ERROR_INVALID_DATE, NULL);
    }
  fixture_free (f);
}

static void
test_schema__bind_date_json_string (void **state)
{
  (void) state;
  Fixture *f = first_mode_json ("{\"d\": \"2024-05-10\", \"n\": 20240510}");
  gint32 day = 0;
  assert_true (bind_date (&f->b, value (f, "d"), &day));
  assert_false (bind_date (&f->b, value (f, "n"), &day));
  assert_failed (f, ENFORCE_ERROR_INVALID_DATE, NULL);
  fixture_free (f);
}

static void
test_schema__bind_enum (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: organization\nb: Individual\n");
  static const char *const names[] = { "individual", "organization", NULL };
  int out = -1;
  assert_true (bind_enum (&f->b, value (f, "a"), names, &out));
  assert_int_equal (out, 1);
  assert_false (bind_enum (&f->b, value (f, "b"), names, &out));
  assert_failed (f, ENFORCE_ERROR_INVALID_VALUE,
                 "t.yaml:2:4: invalid value \"Individual\"; expected one of: individual, organization");
  fixture_free (f);
}

static void
test_schema__escapes_control_characters_in_messages (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: \"x\\ty\"\n");
  static const char *const names[] = { "x", NULL };
  int out = -1;
  assert_false (bind_enum (&f->b, value (f, "a"), names, &out));
  assert_prefix (f, ENFORCE_ERROR_INVALID_VALUE, "t.yaml:1:4: invalid value \"x\\x09y\"");
  fixture_free (f);
}

static void
test_schema__node_is_unknown (void **state)
{
  (void) state;
  Fixture *f = first_mode ("a: unknown\nb: 'unknown'\nc: Unknown\nd: [unknown]\n");
  assert_true (node_is_unknown (value (f, "a")));
  assert_false (node_is_unknown (value (f, "b")));
  assert_false (node_is_unknown (value (f, "c")));
  assert_false (node_is_unknown (value (f, "d")));
  assert_false (node_is_unknown (NULL));
  fixture_free (f);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_schema__path_push_and_pop),
    cmocka_unit_test (test_schema__overlong_path_is_cut_not_overflowed),
    cmocka_unit_test (test_schema__first_mode_keeps_the_first_error),
    cmocka_unit_test (test_schema__message_without_path_has_no_separator),
    cmocka_unit_test (test_schema__warning_does_not_fail_first_mode),
    cmocka_unit_test (test_schema__collect_mode_adds_every_error_in_both_languages),
    cmocka_unit_test (test_schema__bind_mapping_rejects_other_kinds),
    cmocka_unit_test (test_schema__bind_mapping_accepts_known_keys),
    cmocka_unit_test (test_schema__bind_sequence),
    cmocka_unit_test (test_schema__bind_required),
    cmocka_unit_test (test_schema__bind_text),
    cmocka_unit_test (test_schema__bind_id),
    cmocka_unit_test (test_schema__bind_bool),
    cmocka_unit_test (test_schema__bind_bool_json),
    cmocka_unit_test (test_schema__bind_int),
    cmocka_unit_test (test_schema__bind_int_json),
    cmocka_unit_test (test_schema__bind_money),
    cmocka_unit_test (test_schema__bind_money_json),
    cmocka_unit_test (test_schema__bind_decimal2),
    cmocka_unit_test (test_schema__bind_date),
    cmocka_unit_test (test_schema__bind_date_json_string),
    cmocka_unit_test (test_schema__bind_enum),
    cmocka_unit_test (test_schema__escapes_control_characters_in_messages),
    cmocka_unit_test (test_schema__node_is_unknown),
  };
  return cmocka_run_group_tests_name ("schema", tests, NULL, NULL);
}
