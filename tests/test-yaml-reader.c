/* test-yaml-reader.c: the limited YAML reader (libenforce/yaml-reader.c).
 *
 * Every refusal with its exact code and position, every limit at its value
 * (accepted) and one past it (refused, naming the limit and its value).
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
parse_with (const char *text, gsize len, const EnforceLimits *limits, GError **error)
{
  return doc_parse_yaml (text, len, "t.yaml", limits, error);
}

static Doc *
parse_ok (const char *text, const EnforceLimits *limits)
{
  g_autoptr (GError) error = NULL;
  Doc *doc = parse_with (text, strlen (text), limits, &error);
  if (doc == NULL)
    fail_msg ("unexpected error: %s", error->message);
  assert_null (error);
  assert_non_null (doc->root);
  assert_int_equal (doc->root->kind, NODE_MAPPING);
  return doc;
}

/* Refused with @code at @line:@col; returns the message for more checks. */
static char *
refused_len (const char *text, gsize len, const EnforceLimits *limits,
             EnforceErrorCode code, guint line, guint col)
{
  GError *error = NULL;
  Doc *doc = parse_with (text, len, limits, &error);
  if (doc != NULL)
    fail_msg ("accepted, expected code %d: %.60s", code, text);
  test_assert_error_at (error, code, "t.yaml", line, col);
  char *message = g_strdup (error->message);
  g_error_free (error);
  return message;
}

static void
refused (const char *text, EnforceErrorCode code, guint line, guint col)
{
  g_free (refused_len (text, strlen (text), NULL, code, line, col));
}

/* Tree shape. */

static void
test_yaml__builds_tree_with_styles_and_positions (void **state)
{
  (void) state;
  Doc *doc = parse_ok ("a: 1\n"
                       "b: 'q'\n"
                       "c:\n"
                       "  - x\n"
                       "  - {k: \"v\"}\n"
                       "d: |\n"
                       "  line\n", NULL);
  const Node *root = doc->root;
  assert_int_equal (root->len, 4);
  assert_int_equal (root->line, 1);
  assert_int_equal (root->col, 1);
  assert_string_equal (node_key (root, 0)->v.text, "a");
  const Node *a = node_lookup (root, "a");
  assert_int_equal (a->kind, NODE_SCALAR);
  assert_int_equal (a->style, SCALAR_PLAIN);
  assert_string_equal (a->v.text, "1");
  assert_int_equal (a->len, 1);
  assert_int_equal (a->line, 1);
  assert_int_equal (a->col, 4);
  const Node *b = node_lookup (root, "b");
  assert_int_equal (b->style, SCALAR_QUOTED);
  assert_string_equal (b->v.text, "q");
  const Node *c = node_lookup (root, "c");
  assert_int_equal (c->kind, NODE_SEQUENCE);
  assert_int_equal (c->len, 2);
  assert_int_equal (c->line, 4);
  assert_int_equal (c->col, 3);
  assert_string_equal (c->v.items[0]->v.text, "x");
  const Node *k = node_lookup (c->v.items[1], "k");
  assert_int_equal (k->style, SCALAR_QUOTED);
  assert_int_equal (k->line, 5);
  assert_int_equal (k->col, 9);
  const Node *d = node_lookup (root, "d");
  assert_int_equal (d->style, SCALAR_BLOCK);
  assert_string_equal (d->v.text, "line\n");
  assert_null (node_lookup (root, "missing"));
  assert_null (node_lookup (a, "a"));
  assert_int_equal (doc->input_bytes, strlen ("a: 1\nb: 'q'\nc:\n  - x\n  - {k: \"v\"}\nd: |\n  line\n"));
  assert_string_equal (doc->file, "t.yaml");
  doc_free (doc);
}

static void
test_yaml__counts_columns_in_characters (void **state)
{
  (void) state;
  Doc *doc = parse_ok ("{标题: 乱张贴, x: 1}\n", NULL);
  const Node *key = node_key (doc->root, 1);
  assert_string_equal (key->v.text, "x");
  assert_int_equal (key->line, 1);
  assert_int_equal (key->col, 11);
  const Node *value = node_lookup (doc->root, "x");
  assert_int_equal (value->col, 14);
  doc_free (doc);
}

static void
test_yaml__accepts_empty_collections_and_quoted_merge_key (void **state)
{
  (void) state;
  Doc *doc = parse_ok ("a: []\nb: {}\n\"<<\": 1\n", NULL);
  assert_int_equal (node_lookup (doc->root, "a")->len, 0);
  assert_int_equal (node_lookup (doc->root, "b")->kind, NODE_MAPPING);
  assert_string_equal (node_lookup (doc->root, "<<")->v.text, "1");
  doc_free (doc);
}

static void
test_yaml__accepts_explicit_document_markers (void **state)
{
  (void) state;
  doc_free (parse_ok ("---\na: 1\n...\n", NULL));
  doc_free (parse_ok ("# comment\na: 1 # trailing\n", NULL));
}

static void
test_yaml__accepts_tab_newline_and_unicode_escapes (void **state)
{
  (void) state;
  Doc *doc = parse_ok ("a: \"x\\ty\\nz\\u00e9\"\n", NULL);
  assert_string_equal (node_lookup (doc->root, "a")->v.text, "x\ty\nz\xC3\xA9");
  doc_free (doc);
}

/* Refusals: YAML features. */

static void
test_yaml__rejects_alias (void **state)
{
  (void) state;
  refused ("a: &x 1\nb: *x\n", ENFORCE_ERROR_ALIAS, 1, 4);
  refused ("a: 1\nb: *undefined\n", ENFORCE_ERROR_ALIAS, 2, 4);
}

static void
test_yaml__rejects_anchor_on_any_node (void **state)
{
  (void) state;
  refused ("a: &x 1\n", ENFORCE_ERROR_ALIAS, 1, 4);
  refused ("a: &x [1]\n", ENFORCE_ERROR_ALIAS, 1, 4);
  refused ("a: &x {b: 1}\n", ENFORCE_ERROR_ALIAS, 1, 4);
  refused ("&root\na: 1\n", ENFORCE_ERROR_ALIAS, 1, 1);
}

static void
test_yaml__rejects_alias_cycle (void **state)
{
  (void) state;
  refused ("a: &a [1, *a]\n", ENFORCE_ERROR_ALIAS, 1, 4);
}

static void
test_yaml__rejects_explicit_tags (void **state)
{
  (void) state;
  g_autofree char *m = refused_len ("a: !!python/object/apply:os.system [\"ls\"]\n",
                                    strlen ("a: !!python/object/apply:os.system [\"ls\"]\n"), NULL,
                                    ENFORCE_ERROR_TAG, 1, 4);
  test_assert_contains (m, "python/object/apply:os.system");
  refused ("a: !!binary aGVsbG8=\n", ENFORCE_ERROR_TAG, 1, 4);
  refused ("a: !!str 1\n", ENFORCE_ERROR_TAG, 1, 4);
  refused ("a: !local 1\n", ENFORCE_ERROR_TAG, 1, 4);
  refused ("a: ! 1\n", ENFORCE_ERROR_TAG, 1, 4);
  refused ("a: !!map {b: 1}\n", ENFORCE_ERROR_TAG, 1, 4);
  refused ("a: !!seq [1]\n", ENFORCE_ERROR_TAG, 1, 4);
  refused ("!!map\na: 1\n", ENFORCE_ERROR_TAG, 1, 1);
}

static void
test_yaml__rejects_directives (void **state)
{
  (void) state;
  refused ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", ENFORCE_ERROR_TAG, 1, 1);
  refused ("%YAML 1.1\n---\na: 1\n", ENFORCE_ERROR_YAML_SYNTAX, 1, 1);
}

static void
test_yaml__rejects_merge_key (void **state)
{
  (void) state;
  refused ("a: {x: 1}\nb:\n  <<: {x: 2}\n", ENFORCE_ERROR_MERGE_KEY, 3, 3);
  refused ("b: {<<: 1}\n", ENFORCE_ERROR_MERGE_KEY, 1, 5);
}

static void
test_yaml__rejects_second_document (void **state)
{
  (void) state;
  refused ("a: 1\n---\nb: 2\n", ENFORCE_ERROR_MULTI_DOCUMENT, 2, 1);
  refused ("a: 1\n...\n---\nb: 2\n", ENFORCE_ERROR_MULTI_DOCUMENT, 3, 1);
  /* libyaml itself wants "---" before a document that follows "...". */
  refused ("a: 1\n...\nb: 2\n", ENFORCE_ERROR_YAML_SYNTAX, 3, 1);
  refused ("a: 1\n---\n", ENFORCE_ERROR_MULTI_DOCUMENT, 2, 1);
}

static void
test_yaml__rejects_root_that_is_not_a_mapping (void **state)
{
  (void) state;
  refused ("", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
  refused ("# only a comment\n", ENFORCE_ERROR_ROOT_NOT_MAPPING, 2, 1);
  refused ("---\n", ENFORCE_ERROR_ROOT_NOT_MAPPING, 2, 1);
  refused ("just text\n", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
  refused ("- a\n- b\n", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
  refused ("[1, 2]\n", ENFORCE_ERROR_ROOT_NOT_MAPPING, 1, 1);
}

static void
test_yaml__rejects_duplicate_key_at_second_occurrence (void **state)
{
  (void) state;
  g_autofree char *m = refused_len ("fine: 100\nnote: x\nfine: 999999\n",
                                    strlen ("fine: 100\nnote: x\nfine: 999999\n"), NULL,
                                    ENFORCE_ERROR_DUPLICATE_KEY, 3, 1);
  test_assert_contains (m, "\"fine\"");
  test_assert_contains (m, "1:1");
  refused ("a: {x: 1, y: 2, x: 3}\n", ENFORCE_ERROR_DUPLICATE_KEY, 1, 17);
  /* Quoting does not make a different key. */
  refused ("a: 1\n'a': 2\n", ENFORCE_ERROR_DUPLICATE_KEY, 2, 1);
}

static void
test_yaml__rejects_duplicate_key_in_large_mapping (void **state)
{
  (void) state;
  /* Above the pairwise threshold the keys are sorted; the error still names
   * the earliest repeated key in input order. */
  GString *s = g_string_new (NULL);
  for (int i = 0; i < 100; i++)
    g_string_append_printf (s, "k%03d: %d\n", i, i);
  g_string_append (s, "k050: again\n");     /* line 101 */
  g_string_append (s, "k007: again\n");     /* line 102 */
  g_string_append (s, "k050: thrice\n");
  g_autofree char *m = refused_len (s->str, s->len, NULL, ENFORCE_ERROR_DUPLICATE_KEY, 101, 1);
  test_assert_contains (m, "\"k050\"");
  test_assert_contains (m, "51:1");
  g_string_free (s, TRUE);
}

static void
test_yaml__rejects_collection_as_key (void **state)
{
  (void) state;
  refused ("? [a, b]\n: 1\n", ENFORCE_ERROR_WRONG_TYPE, 1, 3);
  refused ("a: {[x]: 1}\n", ENFORCE_ERROR_WRONG_TYPE, 1, 5);
}

/* Refusals: encoding. */

static void
test_yaml__rejects_bom (void **state)
{
  (void) state;
  refused ("\xEF\xBB\xBF" "a: 1\n", ENFORCE_ERROR_ENCODING, 1, 1);
}

static void
test_yaml__rejects_utf16 (void **state)
{
  (void) state;
  static const char le_bom[] = "\xFF\xFE" "a\0:\0 \0" "1\0";
  g_free (refused_len (le_bom, sizeof le_bom - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 1));
  static const char be_bom[] = "\xFE\xFF" "\0a\0:";
  g_free (refused_len (be_bom, sizeof be_bom - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 1));
  static const char no_bom[] = "a\0:\0 \0" "1\0";
  g_free (refused_len (no_bom, sizeof no_bom - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 2));
}

static void
test_yaml__rejects_invalid_utf8 (void **state)
{
  (void) state;
  refused ("a: x\xFFy\n", ENFORCE_ERROR_ENCODING, 1, 5);
  refused ("a: 1\nb: \xC3\n", ENFORCE_ERROR_ENCODING, 2, 4);         /* truncated */
  refused ("a: \xC0\xAF\n", ENFORCE_ERROR_ENCODING, 1, 4);           /* overlong '/' */
  refused ("a: \xE0\x80\xAF\n", ENFORCE_ERROR_ENCODING, 1, 4);       /* overlong, 3 bytes */
  refused ("a: \xED\xA0\x80\n", ENFORCE_ERROR_ENCODING, 1, 4);       /* surrogate U+D800 */
  refused ("a: \xF4\x90\x80\x80\n", ENFORCE_ERROR_ENCODING, 1, 4);   /* above U+10FFFF */
  refused ("# 注释 \xFF\na: 1\n", ENFORCE_ERROR_ENCODING, 1, 6);       /* in a comment too */
}

static void
test_yaml__rejects_nul_and_control_characters (void **state)
{
  (void) state;
  static const char raw_nul[] = "a: 1\0\n";
  g_free (refused_len (raw_nul, sizeof raw_nul - 1, NULL, ENFORCE_ERROR_ENCODING, 1, 5));
  refused ("a: \"100\\0\"\n", ENFORCE_ERROR_ENCODING, 1, 4);
  refused ("a: \"x\\x01\"\n", ENFORCE_ERROR_ENCODING, 1, 4);
  refused ("a: \"x\\e\"\n", ENFORCE_ERROR_ENCODING, 1, 4);
  refused ("a: \"x\\N\"\n", ENFORCE_ERROR_ENCODING, 1, 4);            /* U+0085 */
  refused ("a: \"x\\x7f\"\n", ENFORCE_ERROR_ENCODING, 1, 4);
  refused ("a: x\x01y\n", ENFORCE_ERROR_ENCODING, 1, 5);
  refused ("a: x\x1By\n", ENFORCE_ERROR_ENCODING, 1, 5);
  refused ("a: x\xC2\x80y\n", ENFORCE_ERROR_ENCODING, 1, 5);
  g_autofree char *m = refused_len ("a: \"100\\0\"\n", strlen ("a: \"100\\0\"\n"), NULL,
                                    ENFORCE_ERROR_ENCODING, 1, 4);
  test_assert_contains (m, "U+0000");
}

/* libyaml's own errors. */

static void
test_yaml__reports_libyaml_problem_with_position (void **state)
{
  (void) state;
  g_autofree char *m = refused_len ("a: [1, 2\n", strlen ("a: [1, 2\n"), NULL,
                                    ENFORCE_ERROR_YAML_SYNTAX, 2, 1);
  test_assert_contains (m, "did not find expected ',' or ']'");
  test_assert_contains (m, "1:4");
  refused ("a: 1\n b: 2\n", ENFORCE_ERROR_YAML_SYNTAX, 2, 3);
  refused ("a:\n\t- 1\n", ENFORCE_ERROR_YAML_SYNTAX, 2, 1);
  refused ("a: 'unterminated\n", ENFORCE_ERROR_YAML_SYNTAX, 2, 1);
  refused ("a: b: c\n", ENFORCE_ERROR_YAML_SYNTAX, 1, 5);
}

static void
test_yaml__accepts_unterminated_input_without_reading_past_len (void **state)
{
  (void) state;
  /* The input need not be NUL-terminated: only @len bytes are read. */
  const char text[] = "a: 1\nb: 2\n";
  Doc *doc = doc_parse_yaml (text, 5, "t.yaml", NULL, NULL);
  assert_non_null (doc);
  assert_int_equal (doc->root->len, 1);
  doc_free (doc);
}

static void
test_yaml__error_is_optional (void **state)
{
  (void) state;
  assert_null (doc_parse_yaml ("a: *x\n", 6, NULL, NULL, NULL));
  g_autoptr (GError) error = NULL;
  assert_null (doc_parse_yaml ("- 1\n", 4, NULL, NULL, &error));
  assert_true (g_str_has_prefix (error->message, "<input>:1:1: "));
}

/* Limits: at the limit accepted, one past refused naming limit and value. */

static char *
nested_flow (int depth)
{
  /* Root mapping (depth 1) + depth-1 nested sequences. */
  GString *s = g_string_new ("a: ");
  for (int i = 1; i < depth; i++)
    g_string_append_c (s, '[');
  for (int i = 1; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

static void
test_yaml__limit_depth (void **state)
{
  (void) state;
  g_autofree char *at = nested_flow (16);
  doc_free (parse_ok (at, NULL));
  g_autofree char *past = nested_flow (17);
  g_autofree char *m = refused_len (past, strlen (past), NULL, ENFORCE_ERROR_LIMIT_DEPTH, 1, 19);
  assert_string_equal (m, "t.yaml:1:19: nesting depth exceeds the limit depth=16");

  /* Block nesting is counted the same way. */
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_DEPTH, 3);
  doc_free (parse_ok ("a:\n  b:\n    - 1\n", l));
  g_free (refused_len ("a:\n  b:\n    c:\n      - 1\n", strlen ("a:\n  b:\n    c:\n      - 1\n"),
                       l, ENFORCE_ERROR_LIMIT_DEPTH, 4, 7));
}

static void
test_yaml__limit_input_bytes (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_INPUT_BYTES, 5);
  doc_free (parse_ok ("a: 1\n", l));
  g_autofree char *m = refused_len ("a: 12\n", 6, l, ENFORCE_ERROR_LIMIT_BYTES, 0, 0);
  test_assert_contains (m, "input_bytes=5");
}

static void
test_yaml__limit_text_bytes (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_TEXT_BYTES, 4);
  doc_free (parse_ok ("a: abcd\nb: \"wxyz\"\n", l));
  g_autofree char *m = refused_len ("a: abcd\nb: abcde\n", strlen ("a: abcd\nb: abcde\n"), l,
                                    ENFORCE_ERROR_LIMIT_SCALAR, 2, 4);
  test_assert_contains (m, "text_bytes=4");
  /* Bytes, not characters: two CJK characters are 6 bytes. */
  g_free (refused_len ("a: 标题\n", strlen ("a: 标题\n"), l, ENFORCE_ERROR_LIMIT_SCALAR, 1, 4));
}

static void
test_yaml__limit_short_bytes_for_keys (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_SHORT_BYTES, 3);
  doc_free (parse_ok ("abc: long value\n", l));
  g_autofree char *m = refused_len ("abcd: 1\n", 8, l, ENFORCE_ERROR_LIMIT_SCALAR, 1, 1);
  test_assert_contains (m, "short_bytes=3");
}

static void
test_yaml__limit_nodes (void **state)
{
  (void) state;
  /* root + 2 keys + 2 values = 5 nodes */
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_NODES, 5);
  doc_free (parse_ok ("a: 1\nb: 2\n", l));
  g_autofree char *m = refused_len ("a: 1\nb: [2]\n", strlen ("a: 1\nb: [2]\n"), l,
                                    ENFORCE_ERROR_LIMIT_NODES, 2, 5);
  test_assert_contains (m, "nodes=5");
}

static void
test_yaml__limit_keys (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_KEYS, 2);
  doc_free (parse_ok ("a: 1\nb: {x: 1, y: 2}\n", l));
  g_autofree char *m = refused_len ("a: 1\nb: {x: 1, y: 2, z: 3}\n",
                                    strlen ("a: 1\nb: {x: 1, y: 2, z: 3}\n"), l,
                                    ENFORCE_ERROR_LIMIT_KEYS, 2, 17);
  test_assert_contains (m, "keys=2");
}

static void
test_yaml__limit_items (void **state)
{
  (void) state;
  g_autoptr (EnforceLimits) l = test_limits_with (ENFORCE_LIMIT_ITEMS, 3);
  doc_free (parse_ok ("a: [1, 2, 3]\n", l));
  g_autofree char *m = refused_len ("a:\n  - 1\n  - 2\n  - 3\n  - 4\n",
                                    strlen ("a:\n  - 1\n  - 2\n  - 3\n  - 4\n"), l,
                                    ENFORCE_ERROR_LIMIT_ITEMS, 5, 5);
  test_assert_contains (m, "items=3");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_yaml__builds_tree_with_styles_and_positions),
    cmocka_unit_test (test_yaml__counts_columns_in_characters),
    cmocka_unit_test (test_yaml__accepts_empty_collections_and_quoted_merge_key),
    cmocka_unit_test (test_yaml__accepts_explicit_document_markers),
    cmocka_unit_test (test_yaml__accepts_tab_newline_and_unicode_escapes),
    cmocka_unit_test (test_yaml__rejects_alias),
    cmocka_unit_test (test_yaml__rejects_anchor_on_any_node),
    cmocka_unit_test (test_yaml__rejects_alias_cycle),
    cmocka_unit_test (test_yaml__rejects_explicit_tags),
    cmocka_unit_test (test_yaml__rejects_directives),
    cmocka_unit_test (test_yaml__rejects_merge_key),
    cmocka_unit_test (test_yaml__rejects_second_document),
    cmocka_unit_test (test_yaml__rejects_root_that_is_not_a_mapping),
    cmocka_unit_test (test_yaml__rejects_duplicate_key_at_second_occurrence),
    cmocka_unit_test (test_yaml__rejects_duplicate_key_in_large_mapping),
    cmocka_unit_test (test_yaml__rejects_collection_as_key),
    cmocka_unit_test (test_yaml__rejects_bom),
    cmocka_unit_test (test_yaml__rejects_utf16),
    cmocka_unit_test (test_yaml__rejects_invalid_utf8),
    cmocka_unit_test (test_yaml__rejects_nul_and_control_characters),
    cmocka_unit_test (test_yaml__reports_libyaml_problem_with_position),
    cmocka_unit_test (test_yaml__accepts_unterminated_input_without_reading_past_len),
    cmocka_unit_test (test_yaml__error_is_optional),
    cmocka_unit_test (test_yaml__limit_depth),
    cmocka_unit_test (test_yaml__limit_input_bytes),
    cmocka_unit_test (test_yaml__limit_text_bytes),
    cmocka_unit_test (test_yaml__limit_short_bytes_for_keys),
    cmocka_unit_test (test_yaml__limit_nodes),
    cmocka_unit_test (test_yaml__limit_keys),
    cmocka_unit_test (test_yaml__limit_items),
  };
  return cmocka_run_group_tests_name ("yaml-reader", tests, NULL, NULL);
}
