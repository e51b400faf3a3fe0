/* recommend.c: the smallest complete use of libenforce.
 *
 *   recommend RULES CASE [AS_OF]
 *
 * Loads a rule set (a directory of YAML files such as rules/tianjin), reads
 * one case file (YAML or JSON), asks for a recommendation with its legal
 * reasoning, and prints it as JSON (docs/json-output.md).  Only the public
 * API is used: include <enforce/enforce.h> and link enforce::enforce.
 *
 * Every object is released by g_autoptr when it goes out of scope, on the
 * error paths too; nothing here needs an explicit free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <enforce/enforce.h>

int
main (int argc, char **argv)
{
  if (argc < 3 || argc > 4)
    {
      fprintf (stderr, "usage: %s RULES CASE [AS_OF]\n", argv[0]);
      return 2;
    }
  const char *rules_path = argv[1];
  const char *case_path = argv[2];
  /* The library never reads a clock: "today" (used only for the late
   * surcharge) is always passed in, so results can be replayed. */
  const char *as_of = argc == 4 ? argv[3] : NULL;

  /* 1. The rule set.  Loading reports every problem it finds; the
   *    diagnostics list has all of them, the GError only the first. */
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceDiagnostics) diagnostics = NULL;
  g_autoptr(EnforceRuleSet) rules = enforce_rule_set_load (rules_path, NULL, &diagnostics, &error);
  if (rules == NULL)
    {
      if (diagnostics != NULL)
        {
          g_autofree char *all = enforce_diagnostics_to_string (diagnostics, ENFORCE_LANG_EN);
          fputs (all, stderr);
        }
      fprintf (stderr, "%s: %s\n", rules_path, error->message);
      return 3;
    }

  /* 2. The case.  NULL limits = the defaults for untrusted case files. */
  g_autoptr(EnforceCase) kase = enforce_case_load (case_path, NULL, &error);
  if (kase == NULL)
    {
      /* e.g. "case.yaml:7:14: facts.area_m2: ..." with a stable code. */
      fprintf (stderr, "%s [%s]\n", error->message,
               enforce_error_code_name ((EnforceErrorCode) error->code));
      return 4;
    }

  /* 3. The recommendation, with the trace of legal reasoning.  A rule set
   *    is immutable: many threads could call this at once on `rules`. */
  g_autoptr(EnforceRecommendation) rec =
    enforce_recommend (rules, kase, as_of, ENFORCE_RECOMMEND_TRACE, &error);
  if (rec == NULL)
    {
      fprintf (stderr, "%s: %s [%s]\n", case_path, error->message,
               enforce_error_code_name ((EnforceErrorCode) error->code));
      return 4;
    }

  /* 4. Typed accessors for a program; amounts are exact integers in fen. */
  gint64 fen = 0;
  if (enforce_recommendation_get_amount (rec, &fen))
    {
      g_autofree char *yuan = enforce_money_format (fen);
      fprintf (stderr, "%s: %s, %s yuan\n", case_path,
               enforce_outcome_name (enforce_recommendation_get_outcome (rec)), yuan);
    }
  else
    fprintf (stderr, "%s: %s\n", case_path,
             enforce_outcome_name (enforce_recommendation_get_outcome (rec)));

  /* 5. The same answer as JSON, the schema every binding shares. */
  g_autofree char *json = enforce_recommendation_to_json (rec);
  puts (json);
  return 0;
}
