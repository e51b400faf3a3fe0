/* fuzz-rules.c: libFuzzer target for the rule loader.
 *
 * The input is one rule document (usually a bundle) passed to
 * enforce_rule_set_load_data() with the default rule limits.  Whatever the
 * bytes, the load either returns a rule set and no error, or NULL and one
 * ENFORCE_ERROR; "rules invalid" comes with at least one error diagnostic;
 * every diagnostic renders in both languages and as JSON; a loaded rule set
 * answers its accessors.  Sanitizers catch the rest (overflows, leaks, UB).
 */
#include <string.h>

#include <enforce/enforce.h>
#include "fuzz.h"

static void
check_diagnostics (const EnforceDiagnostics *diags)
{
  guint n = enforce_diagnostics_get_count (diags);

  fuzz_check (enforce_diagnostics_get_error_count (diags) <= n);
  for (guint i = 0; i < n; i++)
    {
      const char *zh = enforce_diagnostics_get_message (diags, i, ENFORCE_LANG_ZH);
      const char *en = enforce_diagnostics_get_message (diags, i, ENFORCE_LANG_EN);
      fuzz_check (zh != NULL && g_utf8_validate (zh, -1, NULL));
      fuzz_check (en != NULL && g_utf8_validate (en, -1, NULL));
      fuzz_check (enforce_error_code_name (enforce_diagnostics_get_code (diags, i)) != NULL);
    }
  g_autofree char *text_zh = enforce_diagnostics_to_string (diags, ENFORCE_LANG_ZH);
  g_autofree char *text_en = enforce_diagnostics_to_string (diags, ENFORCE_LANG_EN);
  g_autofree char *json = enforce_diagnostics_to_json (diags);
  fuzz_check (text_zh != NULL && g_utf8_validate (text_zh, -1, NULL));
  fuzz_check (text_en != NULL && g_utf8_validate (text_en, -1, NULL));
  fuzz_check (json != NULL && json[0] == '[' && g_utf8_validate (json, -1, NULL));
}

static void
check_rule_set (const EnforceRuleSet *rules)
{
  const char *hash = enforce_rule_set_get_hash (rules);
  guint n = enforce_rule_set_get_benchmark_count (rules);

  fuzz_check (hash != NULL && g_str_has_prefix (hash, "sha256:"));
  for (guint i = 0; i < n; i++)
    {
      fuzz_check (enforce_rule_set_get_benchmark_id (rules, i) != NULL);
      fuzz_check (enforce_rule_set_get_benchmark_title (rules, i) != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceDiagnostics) diags = NULL;
  g_autoptr(EnforceRuleSet) rules =
    enforce_rule_set_load_data ("fuzz.yaml", (const char *) data, size, NULL, &diags, &error);

  if (rules == NULL)
    {
      fuzz_check_error (error);
      if (error->code == ENFORCE_ERROR_RULES_INVALID)
        fuzz_check (diags != NULL && enforce_diagnostics_get_error_count (diags) > 0);
    }
  else
    {
      fuzz_check (error == NULL);
      check_rule_set (rules);
      if (diags != NULL)
        fuzz_check (enforce_diagnostics_get_error_count (diags) == 0);
    }
  if (diags != NULL)
    check_diagnostics (diags);
  return 0;
}
