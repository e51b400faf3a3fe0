/* test-error-codes.c: keeps docs/error-codes.md and error.c honest.
 *
 * Reads the enum straight from include/enforce/enforce-error.h, so a code
 * appended there without a name, descriptions and a documented row fails
 * here rather than surfacing as "unknown" in a user's output.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <enforce/enforce-error.h>
#include "diag.h"
#include "test-util.h"

typedef struct {
  char *suffix;               /* "INVALID_MONEY" */
  int value;
} HeaderCode;

typedef struct {
  char *name, *zh, *en, *when, *what;
} DocRow;

static GArray *header_codes;   /* of HeaderCode */
static GHashTable *doc_rows;   /* value (int) → DocRow */

static void
doc_row_free (gpointer data)
{
  DocRow *row = data;
  g_free (row->name);
  g_free (row->zh);
  g_free (row->en);
  g_free (row->when);
  g_free (row->what);
  g_free (row);
}

static int
load (void **state)
{
  (void) state;
  g_autofree char *header = test_read_file (ENFORCE_SOURCE_DIR "/include/enforce/enforce-error.h", NULL);
  g_autofree char *doc = test_read_file (ENFORCE_SOURCE_DIR "/docs/error-codes.md", NULL);
  g_autoptr (GMatchInfo) match = NULL;

  header_codes = g_array_new (FALSE, TRUE, sizeof (HeaderCode));
  g_autoptr (GRegex) enum_re = g_regex_new ("^\\s*ENFORCE_ERROR_([A-Z0-9_]+)\\s*=\\s*([0-9]+)\\s*,",
                                            G_REGEX_MULTILINE, 0, NULL);
  g_regex_match (enum_re, header, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 2);
      HeaderCode code = { g_match_info_fetch (match, 1), (int) g_ascii_strtoll (value, NULL, 10) };
      g_array_append_val (header_codes, code);
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_free);

  doc_rows = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, doc_row_free);
  g_autoptr (GRegex) row_re = g_regex_new (
      "^\\| ([0-9]+) \\| `([a-z_]+)` \\| ([^|]*) \\| ([^|]*) \\| ([^|]*) \\| ([^|]*) \\|$",
      G_REGEX_MULTILINE, 0, NULL);
  g_regex_match (row_re, doc, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 1);
      gpointer key = GINT_TO_POINTER ((int) g_ascii_strtoll (value, NULL, 10));
      DocRow *row = g_new0 (DocRow, 1);
      row->name = g_match_info_fetch (match, 2);
      row->zh = g_match_info_fetch (match, 3);
      row->en = g_match_info_fetch (match, 4);
      row->when = g_match_info_fetch (match, 5);
      row->what = g_match_info_fetch (match, 6);
      if (!g_hash_table_insert (doc_rows, key, row))
        fail_msg ("docs/error-codes.md: code %s has two rows", value);
      g_match_info_next (match, NULL);
    }
  return 0;
}

static int
unload (void **state)
{
  (void) state;
  for (guint i = 0; i < header_codes->len; i++)
    g_free (g_array_index (header_codes, HeaderCode, i).suffix);
  g_array_unref (header_codes);
  g_hash_table_unref (doc_rows);
  return 0;
}

static void
test_error_codes__header_parse_finds_every_code (void **state)
{
  (void) state;
  /* The parser itself must work, or every other test here passes vacuously. */
  assert_true (header_codes->len >= 43);
  HeaderCode first = g_array_index (header_codes, HeaderCode, 0);
  assert_string_equal (first.suffix, "FAILED");
  assert_int_equal (first.value, 0);
}

static void
test_error_codes__name_is_the_lowercase_enum_suffix (void **state)
{
  (void) state;
  for (guint i = 0; i < header_codes->len; i++)
    {
      HeaderCode *c = &g_array_index (header_codes, HeaderCode, i);
      g_autofree char *expected = g_ascii_strdown (c->suffix, -1);
      const char *name = enforce_error_code_name ((EnforceErrorCode) c->value);
      if (strcmp (name, expected) != 0)
        fail_msg ("code %d: name \"%s\", expected \"%s\"", c->value, name, expected);
    }
}

static void
test_error_codes__every_code_has_both_descriptions (void **state)
{
  (void) state;
  for (guint i = 0; i < header_codes->len; i++)
    {
      EnforceErrorCode code = (EnforceErrorCode) g_array_index (header_codes, HeaderCode, i).value;
      const char *zh = error_code_description (code, ENFORCE_LANG_ZH);
      const char *en = error_code_description (code, ENFORCE_LANG_EN);
      if (strcmp (zh, "未知错误") == 0 || strcmp (en, "unknown error") == 0 || !*zh || !*en)
        fail_msg ("code %d lacks a description", code);
      /* The zh line is Chinese, the en line is ASCII. */
      if (g_str_is_ascii (zh) || !g_str_is_ascii (en))
        fail_msg ("code %d: zh \"%s\" / en \"%s\"", code, zh, en);
    }
}

static void
test_error_codes__values_not_in_the_header_are_unknown (void **state)
{
  g_autoptr (GHashTable) known = g_hash_table_new (g_direct_hash, g_direct_equal);
  (void) state;
  for (guint i = 0; i < header_codes->len; i++)
    g_hash_table_add (known, GINT_TO_POINTER (g_array_index (header_codes, HeaderCode, i).value));
  for (int v = -5; v < 300; v++)
    if (!g_hash_table_contains (known, GINT_TO_POINTER (v))
        && strcmp (enforce_error_code_name ((EnforceErrorCode) v), "unknown") != 0)
      fail_msg ("value %d is not in the header but has a name", v);
}

static void
test_error_codes__docs_have_one_matching_row_per_code (void **state)
{
  (void) state;
  for (guint i = 0; i < header_codes->len; i++)
    {
      HeaderCode *c = &g_array_index (header_codes, HeaderCode, i);
      EnforceErrorCode code = (EnforceErrorCode) c->value;
      DocRow *row = g_hash_table_lookup (doc_rows, GINT_TO_POINTER (c->value));
      if (row == NULL)
        fail_msg ("docs/error-codes.md has no row for code %d (%s)", c->value, c->suffix);
      if (strcmp (row->name, enforce_error_code_name (code)) != 0)
        fail_msg ("docs/error-codes.md: code %d is `%s`, library says %s", c->value, row->name,
                  enforce_error_code_name (code));
      if (strcmp (row->zh, error_code_description (code, ENFORCE_LANG_ZH)) != 0)
        fail_msg ("docs/error-codes.md: code %d zh \"%s\" differs from error.c", c->value, row->zh);
      if (strcmp (row->en, error_code_description (code, ENFORCE_LANG_EN)) != 0)
        fail_msg ("docs/error-codes.md: code %d en \"%s\" differs from error.c", c->value, row->en);
      if (strlen (row->when) < 10 || strlen (row->what) < 10)
        fail_msg ("docs/error-codes.md: code %d needs 'when' and 'what to do'", c->value);
    }
  assert_int_equal (g_hash_table_size (doc_rows), header_codes->len);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_error_codes__header_parse_finds_every_code),
    cmocka_unit_test (test_error_codes__name_is_the_lowercase_enum_suffix),
    cmocka_unit_test (test_error_codes__every_code_has_both_descriptions),
    cmocka_unit_test (test_error_codes__values_not_in_the_header_are_unknown),
    cmocka_unit_test (test_error_codes__docs_have_one_matching_row_per_code),
  };
  return cmocka_run_group_tests (tests, load, unload);
}
