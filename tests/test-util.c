/* test-util.c: assertions and fixtures that several cmocka suites share. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "test-util.h"

guint test_criticals;

void
test_assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    fail_msg ("\"%s\" does not contain \"%s\"", haystack, needle);
}

void
test_assert_error (const GError *error, EnforceErrorCode code)
{
  if (error == NULL)
    fail_msg ("no error, expected %s", enforce_error_code_name (code));
  if (error->domain != ENFORCE_ERROR)
    fail_msg ("error outside ENFORCE_ERROR, expected %s: %s", enforce_error_code_name (code),
              error->message);
  if (error->code != (int) code)
    fail_msg ("expected %s, got %s: %s", enforce_error_code_name (code),
              enforce_error_code_name ((EnforceErrorCode) error->code), error->message);
}

void
test_assert_error_at (const GError *error, EnforceErrorCode code, const char *file, guint line,
                      guint col)
{
  test_assert_error (error, code);
  g_autofree char *prefix = line > 0 ? g_strdup_printf ("%s:%u:%u: ", file, line, col)
                                     : g_strdup_printf ("%s: ", file);
  if (!g_str_has_prefix (error->message, prefix))
    fail_msg ("expected position %s, got: %s", prefix, error->message);
}

EnforceErrorCode
test_code_by_name (const char *name)
{
  for (int code = 0; code < 128; code++)
    if (strcmp (enforce_error_code_name ((EnforceErrorCode) code), name) == 0)
      return (EnforceErrorCode) code;
  fail_msg ("unknown error code name \"%s\"", name);
  return ENFORCE_ERROR_FAILED;
}

char *
test_read_file (const char *path, gsize *len)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  if (!g_file_get_contents (path, &text, len, &error))
    fail_msg ("%s", error->message);
  return text;
}

EnforceLimits *
test_limits_with (EnforceLimit limit, gint64 value)
{
  EnforceLimits *l = enforce_limits_new (ENFORCE_LIMITS_CASES);
  assert_true (enforce_limits_set (l, limit, value));
  return l;
}

EnforceRuleSet *
test_load_rules (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EnforceDiagnostics) diags = NULL;
  EnforceRuleSet *rules = enforce_rule_set_load (path, NULL, &diags, &error);
  if (rules == NULL)
    {
      g_autofree char *all = diags ? enforce_diagnostics_to_string (diags, ENFORCE_LANG_EN) : NULL;
      fail_msg ("rule set did not load: %s\n%s", error->message, all ? all : "");
    }
  return rules;
}

static void
count_critical (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  (void) domain;
  (void) level;
  (void) message;
  (void) data;
  test_criticals++;
}

int
test_count_criticals (void **state)
{
  (void) state;
  test_criticals = 0;
  g_log_set_handler ("enforce", G_LOG_LEVEL_CRITICAL, count_critical, NULL);
  return 0;
}
