/* test-json-writer.c: the streaming JSON writer (libenforce/json-writer.c).
 *
 * Exact output for every value kind and nesting, escaping of quotes,
 * backslashes and every control character, UTF-8 passed through unchanged,
 * invalid UTF-8 replaced so the output stays JSON, and a round trip through
 * the strict JSON reader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include "json-writer.h"
#include "node.h"

static char *
escaped (const char *s, gsize len)
{
  GString *out = g_string_new (NULL);

  json_append_escaped (out, s, len);
  return g_string_free (out, FALSE);
}

static void
test_json_writer__writes_nested_containers_with_commas (void **state)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonWriter w;

  (void) state;
  json_writer_init (&w, out);
  json_writer_begin_object (&w);
  json_writer_member_string (&w, "a", "x");
  json_writer_key (&w, "b");
  json_writer_begin_array (&w);
  json_writer_int (&w, 1);
  json_writer_int (&w, -2);
  json_writer_begin_object (&w);
  json_writer_end_object (&w);
  json_writer_begin_array (&w);
  json_writer_end_array (&w);
  json_writer_end_array (&w);
  json_writer_member_bool (&w, "c", TRUE);
  json_writer_member_bool (&w, "d", FALSE);
  json_writer_member_null (&w, "e");
  json_writer_member_int (&w, "f", G_MAXINT64);
  json_writer_key (&w, "g");
  json_writer_raw (&w, "{\"k\":[1]}");
  json_writer_member_string (&w, "h", NULL);
  json_writer_end_object (&w);
  assert_string_equal (out->str,
                       "{\"a\":\"x\",\"b\":[1,-2,{},[]],\"c\":true,\"d\":false,\"e\":null,"
                       "\"f\":9223372036854775807,\"g\":{\"k\":[1]},\"h\":null}");
}

static void
test_json_writer__writes_int64_minimum (void **state)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonWriter w;

  (void) state;
  json_writer_init (&w, out);
  json_writer_int (&w, G_MININT64);
  assert_string_equal (out->str, "-9223372036854775808");
}

static void
test_json_writer__escapes_quote_backslash_and_short_forms (void **state)
{
  static const char in[] = "a\"b\\c\nd\re\tf\bg\fh/";
  g_autofree char *s = escaped (in, sizeof in - 1);

  (void) state;
  assert_string_equal (s, "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh/\"");
}

static void
test_json_writer__escapes_every_other_control_character (void **state)
{
  (void) state;
  for (int c = 0; c < 0x20; c++)
    {
      char in[1] = { (char) c };
      g_autofree char *s = escaped (in, 1);

      if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f')
        continue;
      g_autofree char *want = g_strdup_printf ("\"\\u%04x\"", (unsigned) c);
      assert_string_equal (s, want);
    }
  {
    g_autofree char *del = escaped ("\x7f", 1);
    assert_string_equal (del, "\"\\u007f\"");
  }
}

static void
test_json_writer__passes_valid_utf8_through (void **state)
{
  const char *zh = "有碍城市容貌 — 𠀀 \u2028";
  g_autofree char *s = escaped (zh, strlen (zh));
  g_autofree char *want = g_strdup_printf ("\"%s\"", zh);

  (void) state;
  assert_string_equal (s, want);
}

static void
test_json_writer__replaces_invalid_utf8 (void **state)
{
  /* A lone continuation byte, an overlong '/', a truncated sequence, a
   * UTF-16 surrogate and a byte past U+10FFFF: each becomes U+FFFD. */
  static const char bad[] = "a\x80" "b\xc0\xaf" "c\xe6\x9c" "d\xed\xa0\x80" "e\xf5\x80\x80\x80";
  g_autofree char *s = escaped (bad, sizeof bad - 1);

  (void) state;
  assert_true (g_utf8_validate (s, -1, NULL));
  assert_non_null (strstr (s, "a\xef\xbf\xbd" "b"));
  assert_non_null (strstr (s, "b\xef\xbf\xbd\xef\xbf\xbd" "c"));
  assert_null (strstr (s, "\xc0"));
  assert_null (strstr (s, "\xed\xa0"));
  assert_null (strstr (s, "\xf5"));
}

static void
test_json_writer__keeps_embedded_nul_escaped (void **state)
{
  g_autofree char *s = escaped ("a\0b", 3);

  (void) state;
  assert_string_equal (s, "\"a\\u0000b\"");
}

static void
test_json_writer__output_reads_back_with_the_strict_reader (void **state)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonWriter w;
  Doc *doc;
  const Node *v;

  (void) state;
  json_writer_init (&w, out);
  json_writer_begin_object (&w);
  /* (Control characters other than tab and newline are escaped by the
   * writer but refused by the strict reader, so they are tested above.) */
  json_writer_member_string (&w, "text", "引号\"、反斜杠\\、换行\n、制表\t");
  json_writer_member_int (&w, "n", 200000);
  json_writer_key (&w, "list");
  json_writer_begin_array (&w);
  json_writer_string (&w, "x");
  json_writer_null (&w);
  json_writer_end_array (&w);
  json_writer_end_object (&w);

  doc = doc_parse_json (out->str, out->len, "out.json", NULL, &error);
  if (doc == NULL)
    fail_msg ("%s\n%s", error->message, out->str);
  v = node_lookup (doc->root, "text");
  assert_non_null (v);
  assert_string_equal (v->v.text, "引号\"、反斜杠\\、换行\n、制表\t");
  v = node_lookup (doc->root, "n");
  assert_non_null (v);
  assert_string_equal (v->v.text, "200000");
  v = node_lookup (doc->root, "list");
  assert_non_null (v);
  assert_int_equal (v->kind, NODE_SEQUENCE);
  assert_int_equal (v->len, 2);
  doc_free (doc);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_json_writer__writes_nested_containers_with_commas),
    cmocka_unit_test (test_json_writer__writes_int64_minimum),
    cmocka_unit_test (test_json_writer__escapes_quote_backslash_and_short_forms),
    cmocka_unit_test (test_json_writer__escapes_every_other_control_character),
    cmocka_unit_test (test_json_writer__passes_valid_utf8_through),
    cmocka_unit_test (test_json_writer__replaces_invalid_utf8),
    cmocka_unit_test (test_json_writer__keeps_embedded_nul_escaped),
    cmocka_unit_test (test_json_writer__output_reads_back_with_the_strict_reader),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
