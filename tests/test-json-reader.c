/* test-json-reader.c: the strict JSON reader (libenforce/json-reader.c).
 *
 * RFC 8259 grammar errors, the input policy's refusals, positions, and
 * every limit at its value and one past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "limits-private.h"
#include "node.h"
#include "test-util.h"

static Doc *
parse_ok_len (const char *text, gsize len, const EnforceLimits *limits)
{
  g_autoptr (GError) error = NULL;
  Doc *doc = doc_parse_json (text, len, "t.json", limits, &error);
  if (doc == NULL)
    fail_msg ("unexpected error: %s", error->message);
  assert_null (error);
  assert_int_equal (doc->root->kind, NODE_MAPPING);
  return doc;
}

static Doc *
parse_ok (const char *text, const EnforceLimits *limits)
{
  return parse_ok_len (text, strlen (text), limits);
}

static char *
refused_len (const char *text, gsize len, const EnforceLimits *limits,
             EnforceErrorCode code, guint line, guint col)
{
  GError *error = NULL;
  Doc *doc = doc_parse_json (text, len, "t.json", limits, &error);
  if (doc != NULL)
    fail_msg ("accepted, expected code %d: %.60s", code, text);
  test_assert_error_at (error, code, "t.json", line, col);
  char *message = g_strdup (error->message);
  g_error_free (error);
  return message;
}

static char *
refused_msg (const char *text, EnforceErrorCode code, guint line, guint col)
{
  return refused_len (text, strlen (text), NULL, code, line, col);
}

static void
refused (const char *text, EnforceErrorCode code, guint line, guint col)
{
  g_free (refused_msg (text, code, line, col));
}

static void
syntax (const char *text, guint line, guint col)
{
  refused (text, ENFORCE_ERROR_JSON_SYNTAX, line, col);
}

/* Tree shape. */

static void
test_json__builds_tree_with_types_and_positions (void **state)
{
  (void) state;
  Doc *doc = parse_ok ("{\"s\": \"text\", \"n\": -0.5e+10, \"t\": true,\n"
                       " \"f\": false, \"z\": null, \"a\": [1, {}, []], \"o\": {\"k\": 0}}", NULL);
  const Node *root = doc->root;
  assert_int_equal (root->len, 7);
  assert_int_equal (root->line, 1);
  assert_int_equal (root->col, 1);
  const Node *s = node_lookup (root, "s");
  assert_int_equal (s->style, SCALAR_QUOTED);
  assert_string_equal (s->v.text, "text");
  assert_int_equal (s->col, 7);
  const Node *n = node_lookup (root, "n");
  assert_int_equal (n->style, SCALAR_PLAIN);
  assert_string_equal (n->v.text, "-0.5e+10");
  assert_int_equal (n->len, 8);
  assert_string_equal (node_lookup (root, "t")->v.text, "true");
  assert_int_equal (node_lookup (root, "t")->style, SCALAR_PLAIN);
  const Node *f = node_lookup (root, "f");
  assert_string_equal (f->v.text, "false");
  assert_int_equal (f->line, 2);
  assert_int_equal (f->col, 7);
  assert_string_equal (node_lookup (root, "z")->v.text, "null");
  const Node *a = node_lookup (root, "a");
  assert_int_equal (a->kind, NODE_SEQUENCE);
  assert_int_equal (a->len, 3);
  assert_int_equal (a->v.items[1]->kind, NODE_MAPPING);
  assert_int_equal (a->v.items[1]->len, 0);
  assert_int_equal (a->v.items[2]->kind, NODE_SEQUENCE);
  assert_string_equal (node_lookup (node_lookup (root, "o"), "k")->v.text, "0");
  doc_free (doc);
}

static void
test_json__decodes_escapes_and_surrogate_pairs (void **state)
{
  (void) state;
  Doc *doc = parse_ok ("{\"e\": \"q\\\"b\\\\s\\/t\\tn\\nr\\r\\u00e9\\u4e2d\\ud83d\\ude00\"}", NULL);
  const Node *e = node_lookup (doc->root, "e");
  assert_string_equal (e->v.text, "q\"b\\s/t\tn\nr\r\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
  assert_int_equal (e->len, strlen (e->v.text));
  doc_free (doc);
  /* Names are compared after decoding. */
  refused ("{\"a\": 1, \"\\u0061\": 2}", ENFORCE_ERROR_DUPLICATE_KEY, 1, 10);
}

static void
test_json__counts_columns_in_characters (void **state)
{
  (void) state;
  Doc *doc = parse_ok ("{\"标题\": \"乱张贴\", \"x\": 1}", NULL);
  const Node *key = node_key (doc->root, 1);
  assert_int_equal (key->col, 15);
  assert_int_equal (node_lookup (doc->root, "x")->col, 20);
  doc_free (doc);
  g_free (refused_msg ("{\"标题\": 乱}", ENFORCE_ERROR_JSON_SYNTAX, 1, 8));
  /* Multi-byte characters on one line do not shift columns on the next. */
  doc = parse_ok ("{\"标题\": \"乱张贴\",\n \"x\": 1}", NULL);
  assert_int_equal (node_key (doc->root, 1)->line, 2);
  assert_int_equal (node_key (doc->root, 1)->col, 2);
  assert_int_equal (node_lookup (doc->root, "x")->col, 7);
  doc_free (doc);
}

static void
test_json__keeps_positions_on_long_lines (void **state)
{
  (void) state;
  GString *s = g_string_new ("{\"a\": [");
  for (int i = 0; i < 500; i++)
    g_string_append_printf (s, "%s\"é%03d\"", i ? "," : "", i);
  g_string_append (s, "]}");
  Doc *doc = parse_ok (s->str, NULL);
  const Node *a = node_lookup (doc->root, "a");
  /* item i starts at 8 + 7 * i (each item is 6 characters plus a comma) */
  assert_int_equal (a->v.items[0]->col, 8);
  assert_int_equal (a->v.items[499]->col, 8 + 7 * 499);
  doc_free (doc);
  g_string_free (s, TRUE);
}

static void
test_json__accepts_whitespace_everywhere (void **state)
{
  (void) state;
  Doc *doc = parse_ok (" \t\r\n{ \"a\" : [ 1 , 2 ] }\r\n ", NULL);
  assert_int_equal (doc->root->line, 2);
  assert_int_equal (doc->root->col, 1);
  doc_free (doc);
}

static void
test_json__reads_only_len_bytes (void **state)
{
  (void) state;
  Doc *doc = parse_ok_len ("{\"a\": 1}garbage", 8, NULL);
  assert_int_equal (doc->root->len, 1);
  doc_free (doc);
}

/* Grammar. */

static void
test_json__rejects_nan_and_infinity (void **state)
{
  (void) state;
  g_autofree char *m = refused_msg ("{\"a\": NaN}", ENFORCE_ERROR_JSON_SYNTAX, 1, 7);
  test_assert_contains (m, "NaN");
  syntax ("{\"a\": Infinity}", 1, 7);
  syntax ("{\"a\": -Infinity}", 1, 8);
}

static void
test_json__rejects_trailing_commas (void **state)
{
  (void) state;
  g_autofree char *m = refused_msg ("{\"a\": 1,}", ENFORCE_ERROR_JSON_SYNTAX, 1, 8);
  test_assert_contains (m, "trailing comma");
  syntax ("{\"a\": [1,]}", 1, 9);
  /* At the comma, not at the bracket two lines below. */
  syntax ("{\"a\": [1,\n\n]}", 1, 9);
}

static void
test_json__rejects_single_quotes (void **state)
{
  (void) state;
  syntax ("{'a': 1}", 1, 2);
  syntax ("{\"a\": 'x'}", 1, 7);
}

static void
test_json__rejects_bare_words (void **state)
{
  (void) state;
  g_autofree char *m = refused_msg ("{\"a\": yes}", ENFORCE_ERROR_JSON_SYNTAX, 1, 7);
  test_assert_contains (m, "bare word \"yes\"");
  syntax ("{a: 1}", 1, 2);
  syntax ("{\"a\": True}", 1, 7);
  syntax ("{\"a\": truex}", 1, 7);
  syntax ("{\"a\": tru}", 1, 7);
  syntax ("{\"a\": nul}", 1, 7);
}

static void
test_json__rejects_comments (void **state)
{
  (void) state;
  syntax ("// c\n{\"a\": 1}", 1, 1);
  syntax ("{\"a\": 1 /* c */}", 1, 9);
  syntax ("{\"a\": /* c */ 1}", 1, 7);
}

static void
test_json__rejects_bad_numbers (void **state)
{
  (void) state;
  g_autofree char *m = refused_msg ("{\"a\": 01}", ENFORCE_ERROR_JSON_SYNTAX, 1, 7);
  test_assert_contains (m, "leading zeros");
  syntax ("{\"a\": -01}", 1, 7);
  syntax ("{\"a\": 1.}", 1, 9);
  syntax ("{\"a\": .5}", 1, 7);
  syntax ("{\"a\": +1}", 1, 7);
  syntax ("{\"a\": -}", 1, 8);
  syntax ("{\"a\": 1e}", 1, 9);
  syntax ("{\"a\": 1x}", 1, 8);
  syntax ("{\"a\": 0x10}", 1, 8);
  syntax ("{\"a\": 1.5.3}", 1, 10);
}

static void
test_json__rejects_missing_punctuation (void **state)
{
  (void) state;
  syntax ("{\"a\": 1 \"b\": 2}", 1, 9);
  syntax ("{\"a\" 1}", 1, 6);
  syntax ("{\"a\": [1 2]}", 1, 10);
  syntax ("{,}", 1, 2);
  syntax ("{\"a\": [,1]}", 1, 8);
  syntax ("{\"a\": }", 1, 7);
}

static void
test_json__rejects_bad_strings (void **state)
{
  (void) state;
  syntax ("{\"a\": \"x\ty\"}", 1, 9);                     /* raw control character */
  syntax ("{\"a\": \"x\ny\"}", 1, 9);
  syntax ("{\"a\": \"\\x41\"}", 1, 8);                    /* invalid escape */
  syntax ("{\"a\": \"\\u12\"}", 1, 8);
  g_autofree char *m = refused_msg ("{\"a\": \"\\ud800\"}", ENFORCE_ERROR_JSON_SYNTAX, 1, 8);
  test_assert_contains (m, "lone surrogate");
  syntax ("{\"a\": \"\\udc00\"}", 1, 8);
  syntax ("{\"a\": \"\\ud800\\u0041\"}", 1, 8);
  syntax ("{\"a\": \"\\ud800x\"}", 1, 8);
}

static void
test_json__rejects_truncated_documents (void **state)
{
  (void) state;
  syntax ("{\"a\": [1, 2", 1, 12);
  syntax ("{\"a\": \"abc", 1, 7);
  syntax ("{\"a\":", 1, 6);
  syntax ("{", 1, 2);
  syntax ("{\"a\": \"x\\", 1, 9);
}

static void
test_json__rejects_trailing_content (void **state)
{
  (void) state;
  syntax ("{\"a\": 1} x", 1, 10);
  syntax ("{} {}", 1, 4);
  syntax ("{}\n,", 2, 1);
}

static void
test_json__rejects_root_that_is_not_an_object (void **state)
{
  (void) state;
  refused ("", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
  refused (" \n ", ENFORCE_ERROR_ROOT_NOT_MAPPING, 2, 2);
  refused ("[1]", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
  refused ("\"x\"", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
  refused ("42", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
  refused ("null", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
}

static void
test_json__rejects_duplicate_names_at_second_occurrence (void **state)
{
  (void) state;
  g_autofree char *m = refused_msg ("{\"fine\": 100,\n \"fine\": 999999}",
                                    ENFORCE_ERROR_DUPLICATE_KEY, 2, 2);
  test_assert_contains (m, "\"fine\" (first at 1:2)");
  refused ("{\"a\": {\"x\": 1, \"y\": 2, \"x\": 3}}", ENFORCE_ERROR_DUPLICATE_KEY, 1, 24);
}

/* Encoding. */

static void
test_json__rejects_nul (void **state)
{
  (void) state;
  g_autofree char *m = refused_msg ("{\"a\": \"100\\u0000\"}", ENFORCE_ERROR_ENCODING, 1, 11);
  test_assert_contains (m, "U+0000");
  static const char raw_in_string[] = "{\"a\": \"1\0\"}";
  g_free (refused_len (raw_in_string, sizeof raw_in_string - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 9));
  static const char raw_outside[] = "{\"a\": 1\0}";
  g_free (refused_len (raw_outside, sizeof raw_outside - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 8));
}

static void
test_json__rejects_escaped_control_characters (void **state)
{
  (void) state;
  refused ("{\"a\": \"x\\u0001\"}", ENFORCE_ERROR_ENCODING, 1, 9);
  refused ("{\"a\": \"x\\b\"}", ENFORCE_ERROR_ENCODING, 1, 9);
  refused ("{\"a\": \"x\\f\"}", ENFORCE_ERROR_ENCODING, 1, 9);
  refused ("{\"a\": \"x\\u007f\"}", ENFORCE_ERROR_ENCODING, 1, 9);
  refused ("{\"a\": \"x\\u0085\"}", ENFORCE_ERROR_ENCODING, 1, 9);
  refused ("{\"a\": \"x\xC2\x85\"}", ENFORCE_ERROR_ENCODING, 1, 9);
}

static void
test_json__rejects_invalid_utf8 (void **state)
{
  (void) state;
  refused ("{\"a\": \"x\xFF\"}", ENFORCE_ERROR_ENCODING, 1, 9);
  refused ("{\"a\": \"\xC0\xAF\"}", ENFORCE_ERROR_ENCODING, 1, 8);        /* overlong */
  refused ("{\"a\": \"\xED\xA0\x80\"}", ENFORCE_ERROR_ENCODING, 1, 8);    /* surrogate */
  refused ("{\"a\": \"\xE4\xB8\"}", ENFORCE_ERROR_ENCODING, 1, 8);        /* truncated */
  refused ("{\"a\": \xFF}", ENFORCE_ERROR_ENCODING, 1, 7);
  refused ("{\"a\": 1}\xFF", ENFORCE_ERROR_ENCODING, 1, 9);
  /* Valid UTF-8 in the wrong place is a grammar error. */
  refused ("{\"a\": 中}", ENFORCE_ERROR_JSON_SYNTAX, 1, 7);
}

static void
test_json__rejects_bom_and_utf16 (void **state)
{
  (void) state;
  refused ("\xEF\xBB\xBF{\"a\": 1}", ENFORCE_ERROR_ENCODING, 1, 1);
  static const char le[] = "\xFF\xFE{\0}\0";
  g_free (refused_len (le, sizeof le - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 1));
  static const char be_no_bom[] = "\0{\0}";
  g_free (refused_len (be_no_bom, sizeof be_no_bom - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 1));
  static const char le_no_bom[] = "{\0}\0";
  g_free (refused_len (le_no_bom, sizeof le_no_bom - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 1));
}

/* Limits. */

static char *
nested (int depth)
{
  GString *s = g_string_new ("{\"a\": ");
  for (int i = 1; i < depth; i++)
    g_string_append_c (s, '[');
  for (int i = 1; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static void
test_json__limit_depth (void **state)
{
  (void) state;
  g_autofree char *at = nested (16);
  doc_free (parse_ok (at, NULL));
  g_autofree char *past = nested (17);
  g_autofree char *m = refused_len (past, strlen (past), NULL, ENFORCE_ERROR_LIMIT_DEPTH, 1, 22);
  assert_string_equal (m, "t.json:1:22: nesting depth exceeds the limit depth=16");
}

static void
test_json__limit_input_bytes (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_INPUT_BYTES, 8);
  doc_free (parse_ok ("{\"a\": 1}", l));
  g_autofree char *m = refused_len ("{\"a\": 12}", 9, l, ENFORCE_ERROR_LIMIT_BYTES, 0, 0);
  test_assert_contains (m, "input_bytes=8");
}

static void
test_json__limit_text_bytes (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_TEXT_BYTES, 4);
  /* Counted after decoding: "\u00e9\u00e9" is 4 bytes. */
  doc_free (parse_ok ("{\"a\": \"abcd\", \"b\": \"\\u00e9\\u00e9\", \"c\": 1234}", l));
  g_autofree char *m = refused_len ("{\"a\": \"abcde\"}", 14, l, ENFORCE_ERROR_LIMIT_SCALAR, 1, 7);
  test_assert_contains (m, "text_bytes=4");
  g_free (refused_len ("{\"a\": 12345}", 12, l, ENFORCE_ERROR_LIMIT_SCALAR, 1, 7));
}

static void
test_json__limit_short_bytes_for_names (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_SHORT_BYTES, 3);
  doc_free (parse_ok ("{\"abc\": \"long value\"}", l));
  g_autofree char *m = refused_len ("{\"abcd\": 1}", 11, l, ENFORCE_ERROR_LIMIT_SCALAR, 1, 2);
  test_assert_contains (m, "short_bytes=3");
}

static void
test_json__limit_nodes (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_NODES, 5);
  doc_free (parse_ok ("{\"a\": 1, \"b\": 2}", l));
  g_autofree char *m = refused_len ("{\"a\": 1, \"b\": [2]}", 18, l, ENFORCE_ERROR_LIMIT_NODES, 1, 16);
  test_assert_contains (m, "nodes=5");
}

static void
test_json__limit_keys (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_KEYS, 2);
  doc_free (parse_ok ("{\"a\": 1, \"b\": 2}", l));
  g_autofree char *m = refused_len ("{\"a\": 1, \"b\": 2, \"c\": 3}", 24, l,
                                    ENFORCE_ERROR_LIMIT_KEYS, 1, 18);
  test_assert_contains (m, "keys=2");
}

static void
test_json__limit_items (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_ITEMS, 3);
  doc_free (parse_ok ("{\"a\": [1, 2, 3]}", l));
  g_autofree char *m = refused_len ("{\"a\": [1, 2, 3, 4]}", 19, l,
                                    ENFORCE_ERROR_LIMIT_ITEMS, 1, 17);
  test_assert_contains (m, "items=3");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_json__builds_tree_with_types_and_positions),
    cmocka_unit_test (test_json__decodes_escapes_and_surrogate_pairs),
    cmocka_unit_test (test_json__counts_columns_in_characters),
    cmocka_unit_test (test_json__keeps_positions_on_long_lines),
    cmocka_unit_test (test_json__accepts_whitespace_everywhere),
    cmocka_unit_test (test_json__reads_only_len_bytes),
    cmocka_unit_test (test_json__rejects_nan_and_infinity),
    cmocka_unit_test (test_json__rejects_trailing_commas),
    cmocka_unit_test (test_json__rejects_single_quotes),
    cmocka_unit_test (test_json__rejects_bare_words),
    cmocka_unit_test (test_json__rejects_comments),
    cmocka_unit_test (test_json__rejects_bad_numbers),
    cmocka_unit_test (test_json__rejects_missing_punctuation),
    cmocka_unit_test (test_json__rejects_bad_strings),
    cmocka_unit_test (test_json__rejects_truncated_documents),
    cmocka_unit_test (test_json__rejects_trailing_content),
    cmocka_unit_test (test_json__rejects_root_that_is_not_an_object),
    cmocka_unit_test (test_json__rejects_duplicate_names_at_second_occurrence),
    cmocka_unit_test (test_json__rejects_nul),
    cmocka_unit_test (test_json__rejects_escaped_control_characters),
    cmocka_unit_test (test_json__rejects_invalid_utf8),
    cmocka_unit_test (test_json__rejects_bom_and_utf16),
    cmocka_unit_test (test_json__limit_depth),
    cmocka_unit_test (test_json__limit_input_bytes),
    cmocka_unit_test (test_json__limit_text_bytes),
    cmocka_unit_test (test_json__limit_short_bytes_for_names),
    cmocka_unit_test (test_json__limit_nodes),
    cmocka_unit_test (test_json__limit_keys),
    cmocka_unit_test (test_json__limit_items),
  };
  return cmocka_run_group_tests_name ("json-reader", tests, NULL, NULL);
}
