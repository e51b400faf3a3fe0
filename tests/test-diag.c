/* test-diag.c: diagnostics lists, located GErrors, message escaping, and
 * the error domain's names and descriptions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <enforce/enforce-error.h>
#include "diag.h"
#include "test-util.h"

static Loc
at (const char *file, guint32 line, guint32 col)
{
  Loc loc = { file, line, col };
  return loc;
}

/* The error domain. */

static void
test_error_quark__is_named (void **state)
{
  (void) state;
  assert_int_equal (ENFORCE_ERROR, g_quark_from_string ("enforce-error-quark"));
  assert_string_equal (g_quark_to_string (ENFORCE_ERROR), "enforce-error-quark");
}

static void
test_error_code_name__is_stable_snake_case (void **state)
{
  (void) state;
  assert_string_equal (enforce_error_code_name (ENFORCE_ERROR_YAML_SYNTAX), "yaml_syntax");
  assert_string_equal (enforce_error_code_name (ENFORCE_ERROR_LIMIT_DEPTH), "limit_depth");
  assert_string_equal (enforce_error_code_name (ENFORCE_ERROR_DUPLICATE_KEY), "duplicate_key");
  assert_string_equal (enforce_error_code_name (ENFORCE_ERROR_INVALID_MONEY), "invalid_money");
  assert_string_equal (enforce_error_code_name (ENFORCE_ERROR_FAILED), "failed");
  assert_string_equal (enforce_error_code_name (ENFORCE_ERROR_OVERFLOW), "overflow");
  assert_string_equal (enforce_error_code_name ((EnforceErrorCode) 999), "unknown");
  assert_string_equal (enforce_error_code_name ((EnforceErrorCode) -1), "unknown");
}

static void
test_error_code_description__in_both_languages (void **state)
{
  (void) state;
  assert_string_equal (error_code_description (ENFORCE_ERROR_INVALID_MONEY, ENFORCE_LANG_ZH), "金额格式无效");
  assert_string_equal (error_code_description (ENFORCE_ERROR_INVALID_MONEY, ENFORCE_LANG_EN),
                       "invalid amount of money");
  assert_string_equal (error_code_description ((EnforceErrorCode) 999, ENFORCE_LANG_ZH), "未知错误");
  assert_string_equal (error_code_description ((EnforceErrorCode) 999, ENFORCE_LANG_EN), "unknown error");
}

/* diag_add and the accessors. */

static void
test_diag_add__formats_both_languages_from_one_argument_list (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  (void) state;
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_UNKNOWN_KEY, at ("r.yaml", 12, 7),
            "未知的键 \"%s\"（第%d项）", "unknown key \"%s\" (item %d)", "amout", 3);
  assert_int_equal (enforce_diagnostics_get_count (d), 1);
  assert_string_equal (enforce_diagnostics_get_message (d, 0, ENFORCE_LANG_ZH), "未知的键 \"amout\"（第3项）");
  assert_string_equal (enforce_diagnostics_get_message (d, 0, ENFORCE_LANG_EN), "unknown key \"amout\" (item 3)");
  assert_int_equal (enforce_diagnostics_get_code (d, 0), ENFORCE_ERROR_UNKNOWN_KEY);
  assert_int_equal (enforce_diagnostics_get_severity (d, 0), ENFORCE_SEVERITY_ERROR);
  assert_string_equal (enforce_diagnostics_get_file (d, 0), "r.yaml");
  assert_int_equal (enforce_diagnostics_get_line (d, 0), 12);
  assert_int_equal (enforce_diagnostics_get_column (d, 0), 7);
}

static void
test_diag_add__copies_the_file_name (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  char file[] = "rules/a.yaml";
  (void) state;
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_MISSING_KEY, at (file, 1, 1), "缺少", "missing");
  file[6] = 'X';
  assert_string_equal (enforce_diagnostics_get_file (d, 0), "rules/a.yaml");
}

static void
test_diag_add__counts_errors_not_warnings (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  (void) state;
  assert_false (diag_has_errors (d));
  assert_false (diag_has_errors (NULL));
  diag_add (d, ENFORCE_SEVERITY_WARNING, ENFORCE_ERROR_VERSION_GAP, at (NULL, 0, 0), "空档", "gap");
  assert_false (diag_has_errors (d));
  assert_int_equal (enforce_diagnostics_get_error_count (d), 0);
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_DUPLICATE_ID, at (NULL, 0, 0), "重复", "dup");
  assert_true (diag_has_errors (d));
  assert_int_equal (enforce_diagnostics_get_count (d), 2);
  assert_int_equal (enforce_diagnostics_get_error_count (d), 1);
  assert_null (enforce_diagnostics_get_file (d, 0));
  assert_int_equal (enforce_diagnostics_get_line (d, 0), 0);
  assert_int_equal (enforce_diagnostics_get_severity (d, 0), ENFORCE_SEVERITY_WARNING);
}

static void
test_diagnostics_accessors__guard_bad_arguments (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  (void) state;
  assert_int_equal (enforce_diagnostics_get_count (NULL), 0);
  assert_int_equal (enforce_diagnostics_get_error_count (NULL), 0);
  assert_int_equal (enforce_diagnostics_get_code (d, 0), ENFORCE_ERROR_FAILED);
  assert_int_equal (enforce_diagnostics_get_severity (d, 0), ENFORCE_SEVERITY_ERROR);
  assert_null (enforce_diagnostics_get_file (d, 0));
  assert_int_equal (enforce_diagnostics_get_line (d, 0), 0);
  assert_int_equal (enforce_diagnostics_get_column (d, 0), 0);
  assert_null (enforce_diagnostics_get_message (d, 0, ENFORCE_LANG_EN));
  assert_null (enforce_diagnostics_to_string (NULL, ENFORCE_LANG_EN));
  assert_null (enforce_diagnostics_to_json (NULL));
  assert_int_equal (test_criticals, 10);
  assert_int_equal (enforce_diagnostics_get_code (NULL, 0), ENFORCE_ERROR_FAILED);
  assert_int_equal (enforce_diagnostics_get_severity (NULL, 0), ENFORCE_SEVERITY_ERROR);
  assert_null (enforce_diagnostics_get_file (NULL, 0));
  assert_int_equal (enforce_diagnostics_get_line (NULL, 0), 0);
  assert_int_equal (enforce_diagnostics_get_column (NULL, 0), 0);
  assert_null (enforce_diagnostics_get_message (NULL, 0, ENFORCE_LANG_ZH));
  assert_int_equal (test_criticals, 16);
  diag_add (NULL, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_FAILED, at (NULL, 0, 0), "x", "x");
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_FAILED, at (NULL, 0, 0), NULL, "x");
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_FAILED, at (NULL, 0, 0), "x", NULL);
  assert_int_equal (test_criticals, 19);
  assert_int_equal (enforce_diagnostics_get_count (d), 0);
  enforce_diagnostics_free (NULL);
}

/* Rendering. */

static EnforceDiagnostics *
sample (void)
{
  EnforceDiagnostics *d = diag_new ();
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_UNKNOWN_KEY, at ("rules/x.yaml", 12, 7),
            "未知的键 \"%s\"", "unknown key \"%s\"", "amout");
  diag_add (d, ENFORCE_SEVERITY_WARNING, ENFORCE_ERROR_VERSION_GAP, at ("rules/y.yaml", 3, 0),
            "版本之间有空档", "gap between versions");
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_IO, at ("rules/z.yaml", 0, 0), "无法读取", "cannot read");
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_PARENT_CYCLE, at (NULL, 0, 0), "循环", "cycle");
  return d;
}

static void
test_diagnostics_to_string__one_line_each_in_the_chosen_language (void **state)
{
  g_autoptr (EnforceDiagnostics) d = sample ();
  (void) state;
  g_autofree char *en = enforce_diagnostics_to_string (d, ENFORCE_LANG_EN);
  assert_string_equal (en,
                       "rules/x.yaml:12:7: error[unknown_key]: unknown key \"amout\"\n"
                       "rules/y.yaml:3: warning[version_gap]: gap between versions\n"
                       "rules/z.yaml: error[io]: cannot read\n"
                       "error[parent_cycle]: cycle\n");
  g_autofree char *zh = enforce_diagnostics_to_string (d, ENFORCE_LANG_ZH);
  assert_string_equal (zh,
                       "rules/x.yaml:12:7: error[unknown_key]: 未知的键 \"amout\"\n"
                       "rules/y.yaml:3: warning[version_gap]: 版本之间有空档\n"
                       "rules/z.yaml: error[io]: 无法读取\n"
                       "error[parent_cycle]: 循环\n");
}

static void
test_diagnostics_to_string__empty_list_is_empty_string (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  (void) state;
  g_autofree char *s = enforce_diagnostics_to_string (d, ENFORCE_LANG_ZH);
  assert_string_equal (s, "");
  g_autofree char *j = enforce_diagnostics_to_json (d);
  assert_string_equal (j, "[]");
}

static void
test_diagnostics_to_json__documented_shape_with_nulls (void **state)
{
  g_autoptr (EnforceDiagnostics) d = sample ();
  (void) state;
  g_autofree char *json = enforce_diagnostics_to_json (d);
  assert_string_equal (json,
    "[{\"code\": \"unknown_key\", \"severity\": \"error\", \"file\": \"rules/x.yaml\", "
    "\"line\": 12, \"column\": 7, \"message\": {\"zh\": \"未知的键 \\\"amout\\\"\", "
    "\"en\": \"unknown key \\\"amout\\\"\"}}, "
    "{\"code\": \"version_gap\", \"severity\": \"warning\", \"file\": \"rules/y.yaml\", "
    "\"line\": 3, \"column\": null, \"message\": {\"zh\": \"版本之间有空档\", "
    "\"en\": \"gap between versions\"}}, "
    "{\"code\": \"io\", \"severity\": \"error\", \"file\": \"rules/z.yaml\", "
    "\"line\": null, \"column\": null, \"message\": {\"zh\": \"无法读取\", \"en\": \"cannot read\"}}, "
    "{\"code\": \"parent_cycle\", \"severity\": \"error\", \"file\": null, "
    "\"line\": null, \"column\": null, \"message\": {\"zh\": \"循环\", \"en\": \"cycle\"}}]");
}

static void
test_diagnostics_to_json__escapes_strings_and_repairs_utf8 (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  (void) state;
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_ENCODING, at ("bad\xff\"\\.yaml", 1, 2),
            "%s", "%s", "q\" b\\ n\n r\r t\t bs\b ff\f c\x01 del\x7f 元 cut\xe5\x85");
  g_autofree char *json = enforce_diagnostics_to_json (d);
  assert_string_equal (json,
    "[{\"code\": \"encoding\", \"severity\": \"error\", \"file\": \"bad\\ufffd\\\"\\\\.yaml\", "
    "\"line\": 1, \"column\": 2, \"message\": {"
    "\"zh\": \"q\\\" b\\\\ n\\n r\\r t\\t bs\\b ff\\f c\\u0001 del\\u007f 元 cut\\ufffd\\ufffd\", "
    "\"en\": \"q\\\" b\\\\ n\\n r\\r t\\t bs\\b ff\\f c\\u0001 del\\u007f 元 cut\\ufffd\\ufffd\"}}]");
  assert_true (g_utf8_validate (json, -1, NULL));
}

/* set_error_at and the way back through diag_add_error. */

static void
test_set_error_at__prefixes_the_known_position (void **state)
{
  static const struct {
    const char *file;
    guint32 line, col;
    const char *expected;
  } cases[] = {
    { "r.yaml", 12, 7, "r.yaml:12:7: bad 5" },
    { "r.yaml", 12, 0, "r.yaml:12: bad 5" },
    { "r.yaml", 0, 7, "r.yaml: bad 5" },
    { NULL, 12, 7, "12:7: bad 5" },
    { NULL, 12, 0, "12: bad 5" },
    { NULL, 0, 0, "bad 5" },
  };
  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      set_error_at (&error, ENFORCE_ERROR_INVALID_VALUE, at (cases[i].file, cases[i].line, cases[i].col),
                    "bad %d", 5);
      test_assert_error (error, ENFORCE_ERROR_INVALID_VALUE);
      assert_string_equal (error->message, cases[i].expected);
    }
  set_error_at (NULL, ENFORCE_ERROR_INVALID_VALUE, at (NULL, 0, 0), "ignored");
}

static void
test_diag_add_error__keeps_positions_through_the_gerror (void **state)
{
  static const Loc locs[] = {
    { "rules/x.yaml", 12, 7 },
    { "rules/x.yaml", 12, 0 },
    { NULL, 3, 4 },
    { NULL, 3, 0 },
    { "a:b.yaml", 3, 4 },          /* a colon inside the file name */
    { "dir/我的规则.yaml", 1, 1 },
  };
  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (locs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (EnforceDiagnostics) d = diag_new ();
      set_error_at (&error, ENFORCE_ERROR_LIMIT_DEPTH, locs[i], "nesting deeper than %d: a: b", 64);
      diag_add_error (d, error);
      assert_int_equal (enforce_diagnostics_get_code (d, 0), ENFORCE_ERROR_LIMIT_DEPTH);
      assert_int_equal (enforce_diagnostics_get_severity (d, 0), ENFORCE_SEVERITY_ERROR);
      if (locs[i].file)
        assert_string_equal (enforce_diagnostics_get_file (d, 0), locs[i].file);
      else
        assert_null (enforce_diagnostics_get_file (d, 0));
      assert_int_equal (enforce_diagnostics_get_line (d, 0), locs[i].line);
      assert_int_equal (enforce_diagnostics_get_column (d, 0), locs[i].col);
      assert_string_equal (enforce_diagnostics_get_message (d, 0, ENFORCE_LANG_EN),
                           "nesting deeper than 64: a: b");
      assert_string_equal (enforce_diagnostics_get_message (d, 0, ENFORCE_LANG_ZH),
                           "嵌套层数超过上限：nesting deeper than 64: a: b");
      assert_true (diag_has_errors (d));
    }
}

static void
test_diag_add_error__keeps_a_message_without_position_whole (void **state)
{
  static const char *const messages[] = {
    "rules/x.yaml: cannot read: No such file",
    "internal: 12 parts",
    "f.yaml:1234567890:1: ten digits is not a line number",
    "f.yaml:12:7:8 no space after the column",
    "f.yaml:12 no colon after the line",
    "f.yaml:12:7x letters after the column",
    "f.yaml:12:x letters for the column",
    ":12:7: no file before the colon",
    "plain text",
    "",
  };
  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr (EnforceDiagnostics) d = diag_new ();
      g_autoptr (GError) error = g_error_new_literal (ENFORCE_ERROR, ENFORCE_ERROR_IO, messages[i]);
      diag_add_error (d, error);
      assert_null (enforce_diagnostics_get_file (d, 0));
      assert_int_equal (enforce_diagnostics_get_line (d, 0), 0);
      assert_string_equal (enforce_diagnostics_get_message (d, 0, ENFORCE_LANG_EN), messages[i]);
    }
}

static void
test_diag_add_error__maps_foreign_domains (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  g_autoptr (GError) file_error = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOENT, "x.yaml: gone");
  g_autoptr (GError) other = g_error_new_literal (G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE, "odd");
  (void) state;
  diag_add_error (d, file_error);
  diag_add_error (d, other);
  assert_int_equal (enforce_diagnostics_get_code (d, 0), ENFORCE_ERROR_IO);
  assert_int_equal (enforce_diagnostics_get_code (d, 1), ENFORCE_ERROR_FAILED);
  assert_string_equal (enforce_diagnostics_get_message (d, 1, ENFORCE_LANG_ZH), "内部错误：odd");
  diag_add_error (d, NULL);
  diag_add_error (NULL, other);
  assert_int_equal (test_criticals, 2);
  assert_int_equal (enforce_diagnostics_get_count (d), 2);
}

static void
test_diag_to_gerror__counts_errors_and_shows_the_first (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  g_autoptr (GError) one = NULL;
  g_autoptr (GError) two = NULL;
  (void) state;
  diag_add (d, ENFORCE_SEVERITY_WARNING, ENFORCE_ERROR_VERSION_GAP, at ("a.yaml", 1, 1), "空档", "gap");
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_UNKNOWN_KEY, at ("b.yaml", 2, 3), "未知", "unknown key \"x\"");
  diag_to_gerror (d, &one);
  test_assert_error (one, ENFORCE_ERROR_RULES_INVALID);
  assert_string_equal (one->message, "1 error; first: b.yaml:2:3: error[unknown_key]: unknown key \"x\"");
  diag_add (d, ENFORCE_SEVERITY_ERROR, ENFORCE_ERROR_DUPLICATE_ID, at ("c.yaml", 4, 5), "重复", "dup");
  diag_to_gerror (d, &two);
  assert_string_equal (two->message, "2 errors; first: b.yaml:2:3: error[unknown_key]: unknown key \"x\"");
}

static void
test_diag_to_gerror__without_errors_is_a_programmer_error (void **state)
{
  g_autoptr (EnforceDiagnostics) d = diag_new ();
  g_autoptr (GError) error = NULL;
  (void) state;
  diag_add (d, ENFORCE_SEVERITY_WARNING, ENFORCE_ERROR_VERSION_GAP, at ("a.yaml", 1, 1), "空档", "gap");
  diag_to_gerror (d, &error);
  assert_null (error);
  assert_int_equal (test_criticals, 1);
}

/* escape_for_message */

static void
assert_escaped (const char *text, gsize len, gsize max, const char *expected)
{
  g_autofree char *s = escape_for_message (text, len, max);
  assert_string_equal (s, expected);
}

static void
test_escape_for_message__escapes_non_printables (void **state)
{
  (void) state;
  assert_escaped ("abc", 3, 64, "abc");
  assert_escaped ("a\0b", 3, 64, "a\\x00b");
  assert_escaped ("\t\n", 2, 64, "\\x09\\x0A");
  assert_escaped ("\x7f", 1, 64, "\\x7F");
  assert_escaped ("\xff", 1, 64, "\\xFF");             /* not UTF-8 */
  assert_escaped ("\xe5\x85", 2, 64, "\\xE5\\x85");    /* truncated UTF-8 */
  assert_escaped ("1万元", strlen ("1万元"), 64, "1万元");
  assert_escaped ("a\xe2\x80\xae", 4, 64, "a\\xE2\\x80\\xAE"); /* U+202E, a format character */
  assert_escaped (NULL, 0, 64, "");
}

static void
test_escape_for_message__cuts_at_whole_units (void **state)
{
  (void) state;
  assert_escaped ("abcdef", 6, 3, "abc…");
  assert_escaped ("abc", 3, 3, "abc");
  assert_escaped ("ab\x01", 3, 5, "ab…");     /* the 4-byte escape does not fit */
  assert_escaped ("ab\x01", 3, 6, "ab\\x01");
  assert_escaped ("a元", 4, 3, "a…");         /* the 3-byte character does not fit */
  assert_escaped ("abc", 3, 0, "…");
}

static void
test_escape_for_message__guards_null_text (void **state)
{
  (void) state;
  assert_null (escape_for_message (NULL, 3, 10));
  assert_int_equal (test_criticals, 1);
}

#define T(name) cmocka_unit_test_setup (name, test_count_criticals)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_error_quark__is_named),
    T (test_error_code_name__is_stable_snake_case),
    T (test_error_code_description__in_both_languages),
    T (test_diag_add__formats_both_languages_from_one_argument_list),
    T (test_diag_add__copies_the_file_name),
    T (test_diag_add__counts_errors_not_warnings),
    T (test_diagnostics_accessors__guard_bad_arguments),
    T (test_diagnostics_to_string__one_line_each_in_the_chosen_language),
    T (test_diagnostics_to_string__empty_list_is_empty_string),
    T (test_diagnostics_to_json__documented_shape_with_nulls),
    T (test_diagnostics_to_json__escapes_strings_and_repairs_utf8),
    T (test_set_error_at__prefixes_the_known_position),
    T (test_diag_add_error__keeps_positions_through_the_gerror),
    T (test_diag_add_error__keeps_a_message_without_position_whole),
    T (test_diag_add_error__maps_foreign_domains),
    T (test_diag_to_gerror__counts_errors_and_shows_the_first),
    T (test_diag_to_gerror__without_errors_is_a_programmer_error),
    T (test_escape_for_message__escapes_non_printables),
    T (test_escape_for_message__cuts_at_whole_units),
    T (test_escape_for_message__guards_null_text),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
