/* test-loader.c: loading rule sets (loader.c, load-*.c, rule-set.c).
 *
 * The fixture tests/data/rules/tianjin is a small multi-file rule set whose
 * jurisdiction names tests/data/rules/cn as its parent; its tests/ directory,
 * a dotfile and a non-YAML file would fail the load if they were read.  The
 * annotated reference docs/reference-rules.yaml is loaded too, so the
 * documented format is the accepted one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <enforce/enforce.h>
#include "citation.h"
#include "model.h"

#define RULES ENFORCE_TEST_DATA "/rules"
#define TIANJIN RULES "/tianjin"

static gint32
day (const char *iso)
{
  gint32 d = 0;
  if (!enforce_date_parse (iso, strlen (iso), &d, NULL))
    fail_msg ("bad test date %s", iso);
  return d;
}

static EnforceRuleSet *
load_ok (const char *path)
{
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;
  EnforceRuleSet *rules = enforce_rule_set_load (path, NULL, &diag, &error);

  if (rules == NULL)
    {
      g_autofree char *all = enforce_diagnostics_to_string (diag, ENFORCE_LANG_EN);
      fail_msg ("%s: %s\n%s", path, error->message, all);
    }
  assert_null (error);
  if (enforce_diagnostics_get_count (diag) != 0)
    {
      g_autofree char *all = enforce_diagnostics_to_string (diag, ENFORCE_LANG_EN);
      fail_msg ("%s: unexpected diagnostics:\n%s", path, all);
    }
  return rules;
}

static EnforceRuleSet *
load_data_ok (const char *text)
{
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;
  EnforceRuleSet *rules = enforce_rule_set_load_data ("inline.yaml", text, strlen (text),
                                                      NULL, &diag, &error);
  if (rules == NULL)
    fail_msg ("%s", error->message);
  return rules;
}

/* The fixture. */

static void
test_rule_set_load__fixture_with_parent_loads_cleanly (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (TIANJIN);

  assert_string_equal (enforce_rule_set_get_jurisdiction_id (rules), "tianjin");
  assert_int_equal (rules->n_jurisdictions, 2);
  assert_string_equal (rules->jurisdictions[0]->id, "tianjin");
  assert_string_equal (rules->jurisdictions[1]->id, "cn");
  assert_ptr_equal (rules->jurisdiction->parent, rules->jurisdictions[1]);
  assert_null (rules->jurisdictions[1]->parent);
  assert_int_equal (rules->n_instruments, 2);
  assert_int_equal (rules->n_powers, 2);

  /* Load order: the own rule set's files by path, then the parent's. */
  assert_int_equal (enforce_rule_set_get_benchmark_count (rules), 2);
  assert_string_equal (enforce_rule_set_get_benchmark_id (rules, 0), "tj.civility.65-1.posting");
  assert_string_equal (enforce_rule_set_get_benchmark_id (rules, 1), "tj.test.structure");
  assert_string_equal (enforce_rule_set_get_benchmark_title (rules, 0),
                       "乱张贴、涂写、刻画、喷涂小广告");
  assert_string_equal (rules->instruments[0]->id, "tj-civility");
  assert_string_equal (rules->instruments[1]->id, "cn-apl");

  /* The parent's calendar, merged: 28 holidays, 8 make-up working days. */
  assert_int_equal (rules->calendar.n_years, 1);
  const CalendarYear *y = &rules->calendar.years[0];
  assert_int_equal (y->year, 2024);
  assert_int_equal (y->n_holidays, 28);
  assert_int_equal (y->n_workdays, 8);
  assert_false (y->verified);
  assert_int_equal (y->holidays[0], day ("2024-01-01"));
  assert_int_equal (y->holidays[1], day ("2024-02-10"));
  assert_int_equal (y->workdays[7], day ("2024-10-12"));
  assert_int_equal (calendar_is_workday (&rules->calendar, day ("2024-02-04")), WORKDAY_YES);
  assert_int_equal (calendar_is_workday (&rules->calendar, day ("2024-10-07")), WORKDAY_NO);
  enforce_rule_set_unref (rules);
}

static void
test_rule_set_load__benchmark_is_bound_with_references_resolved (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (TIANJIN);
  const Benchmark *bm = rules_find_benchmark (rules, "tj.civility.65-1.posting");

  assert_non_null (bm);
  assert_null (rules_find_benchmark (rules, "tj.civility.65-2"));
  assert_string_equal (bm->penalized_by.instrument->id, "tj-civility");
  assert_int_equal (bm->penalized_by.article, 65);
  assert_int_equal (bm->penalized_by.paragraph, 1);
  assert_int_equal (bm->penalized_by.item, 0);
  assert_true (bm->penalized_by.verified);
  assert_int_equal (bm->order, ORDER_REMOVE);
  assert_string_equal (bm->order_text, "责令清除");
  assert_int_equal (bm->trigger, TRIGGER_IMMEDIATE);

  /* Scope: the declared facts, then the built-ins. */
  assert_int_equal (bm->n_facts, 2);
  assert_int_equal (bm->n_scope, 2 + BUILTIN_COUNT);
  assert_string_equal (bm->scope[1].name, "area_m2");
  assert_int_equal (bm->scope[1].type, FACT_NUMBER);
  assert_string_equal (bm->scope[2 + BUILTIN_HARM].name, "harm");
  assert_int_equal (bm->scope[2 + BUILTIN_HARM].n_enum, 3);
  assert_string_equal (bm->facts[1].unit, "平方米");

  const Version *v = &bm->versions[1];
  assert_int_equal (v->n_tiers, 3);
  assert_int_equal (v->statutory[PARTY_INDIVIDUAL].fine.min, 10000);
  assert_int_equal (v->statutory[PARTY_INDIVIDUAL].fine.max, 200000);
  assert_int_equal (v->statutory[PARTY_INDIVIDUAL].kinds, KIND_BIT (KIND_FINE));
  assert_int_equal (v->tiers[0].cls, TIER_NO_PENALTY);
  assert_true (v->tiers[0].has_ground);
  assert_string_equal (v->tiers[0].ground.instrument->id, "cn-apl");
  assert_string_equal (cond_source (v->tiers[0].when), "area_m2 < 1 and corrected and harm == none");
  assert_int_equal (v->tiers[1].fine[PARTY_ORGANIZATION].form, FINE_FIXED);
  assert_int_equal (v->tiers[1].fine[PARTY_ORGANIZATION].min, 200000);
  assert_int_equal (v->tiers[1].fine[PARTY_ORGANIZATION].max, 200000);
  /* The catch-all has no condition. */
  assert_null (v->tiers[2].when);
  assert_false (v->tiers[2].has_when);
  assert_int_equal (v->n_exemptions, 1);
  assert_int_equal (v->exemptions[0].kind, EXEMPT_FIRST_VIOLATION);

  /* Conditions are compiled against the scope and evaluate. */
  FactValue values[2 + BUILTIN_COUNT] = { 0 };
  values[1] = (FactValue) { 50, TRUE };                       /* 0.5 m² */
  values[2 + BUILTIN_CORRECTED] = (FactValue) { 1, TRUE };
  values[2 + BUILTIN_HARM] = (FactValue) { 0, TRUE };         /* none */
  assert_int_equal (cond_eval (v->tiers[0].when, values, NULL), TRI_TRUE);

  /* The power names its benchmark, resolved to the same object. */
  const Power *power = rules_find_power (rules, "120106ZQBCF01003");
  assert_non_null (power);
  assert_int_equal (power->n_benchmarks, 1);
  assert_ptr_equal (power->benchmarks[0], bm);
  assert_string_equal (power->category, "行政处罚");
  assert_int_equal (rules_find_power (rules, "120106ZQJC001")->n_benchmarks, 0);
  assert_null (rules_find_power (rules, "nope"));
  enforce_rule_set_unref (rules);
}

static void
test_rule_set_load__every_fine_form_binds_to_fen (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (TIANJIN);
  const Benchmark *bm = rules_find_benchmark (rules, "tj.test.structure");

  assert_int_equal (bm->trigger, TRIGGER_OVERDUE);
  assert_int_equal (bm->order, ORDER_DEMOLISH);
  const Version *v = &bm->versions[0];
  const Statutory *ind = &v->statutory[PARTY_INDIVIDUAL];
  const Statutory *org = &v->statutory[PARTY_ORGANIZATION];

  assert_int_equal (ind->kinds, KIND_BIT (KIND_FINE) | KIND_BIT (KIND_CONFISCATE_GAINS));
  assert_int_equal (ind->combine, COMBINE_AND);
  assert_int_equal (ind->fine.form, FINE_PER_UNIT);
  assert_int_equal (ind->fine.quantity_fact, 0);
  assert_int_equal (ind->fine.rate_min, 5000);
  assert_int_equal (ind->fine.rate_max, 20000);
  assert_true (ind->fine.has_cap);
  assert_int_equal (ind->fine.cap, 2000000);
  assert_string_equal (ind->fine.unit, "平方米");

  assert_int_equal (org->combine, COMBINE_OR);
  assert_int_equal (org->fine.form, FINE_MULTIPLE);
  assert_int_equal (org->fine.base_fact, 1);
  assert_int_equal (org->fine.min_times, 100);
  assert_int_equal (org->fine.max_times, 500);
  assert_true (org->fine.has_fallback);
  assert_int_equal (org->fine.fallback_min, 200000);
  assert_int_equal (org->fine.fallback_max, 2000000);

  assert_int_equal (v->policy.kind, POLICY_POSITION);
  assert_int_equal (v->policy.step_percent, 20);
  assert_int_equal (v->tiers[0].kinds, KIND_BIT (KIND_FINE));
  /* `when: "true"` is a catch-all, and it is the last tier. */
  assert_true (v->tiers[1].has_when);
  assert_true (cond_is_always_true (v->tiers[1].when));
  assert_string_equal (bm->facts[2].enum_values[1], "wall");
  enforce_rule_set_unref (rules);
}

static void
test_benchmark_version_on__picks_the_version_in_force_at_the_boundaries (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (TIANJIN);
  const Benchmark *bm = rules_find_benchmark (rules, "tj.civility.65-1.posting");

  assert_int_equal (bm->n_versions, 2);
  assert_null (benchmark_version_on (bm, day ("2019-04-30")));
  assert_ptr_equal (benchmark_version_on (bm, day ("2019-05-01")), &bm->versions[0]);
  assert_ptr_equal (benchmark_version_on (bm, day ("2021-07-14")), &bm->versions[0]);
  assert_ptr_equal (benchmark_version_on (bm, day ("2021-07-15")), &bm->versions[1]);
  assert_ptr_equal (benchmark_version_on (bm, day ("2099-12-31")), &bm->versions[1]);
  assert_int_equal (bm->versions[1].to, DATE_OPEN);
  enforce_rule_set_unref (rules);
}

static void
test_rules_param__inherits_from_the_parent_and_unknown_overrides (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (TIANJIN);
  gint32 today = day ("2024-06-01");

  /* Not set by tianjin: cn's value, in fen, with its basis. */
  const Param *cap = rules_param (rules, PARAM_SIMPLE_CAP_INDIVIDUAL, today);
  assert_non_null (cap);
  assert_true (cap->known);
  assert_int_equal (cap->value, 20000);
  assert_string_equal (cap->basis.instrument->id, "cn-apl");
  assert_int_equal (cap->basis.article, 51);
  assert_true (cap->verified);
  assert_int_equal (rules_param (rules, PARAM_SIMPLE_CAP_ORGANIZATION, today)->value, 300000);
  assert_int_equal (rules_param (rules, PARAM_CASE_DAYS, today)->value, 90);

  /* Set by tianjin to unknown: overrides cn's 20 working days. */
  const Param *publication = rules_param (rules, PARAM_PUBLICATION_WORKDAYS, today);
  assert_non_null (publication);
  assert_true (publication->set);
  assert_false (publication->known);
  const Param *hearing = rules_param (rules, PARAM_HEARING_ORGANIZATION, today);
  assert_false (hearing->known);
  assert_string_equal (hearing->note, "天津市较大数额标准未取得");

  /* An explicit `verified: false` on one parameter. */
  const Param *delivery = rules_param (rules, PARAM_DELIVERY_WORKDAYS, today);
  assert_int_equal (delivery->value, 7);
  assert_false (delivery->verified);

  /* Before tianjin's first version: cn's older version, whose provenance
   * is unverified; what it does not set is absent. */
  gint32 old = day ("2020-01-01");
  const Param *old_cap = rules_param (rules, PARAM_SIMPLE_CAP_INDIVIDUAL, old);
  assert_int_equal (old_cap->value, 5000);
  assert_false (old_cap->verified);
  assert_null (rules_param (rules, PARAM_ONSITE_CAP, old));
  assert_null (rules_param (rules, PARAM_SIMPLE_CAP_INDIVIDUAL, day ("1990-01-01")));

  /* Rounding and policy follow the same search. */
  const Rounding *r = rules_rounding (rules, today);
  assert_int_equal (r->unit, ROUND_UNIT_YUAN);
  assert_int_equal (r->mode, ROUND_HALF_UP);
  assert_int_equal (rules_rounding (rules, old)->unit, ROUND_UNIT_FEN);
  assert_int_equal (rules_rounding (rules, old)->mode, ROUND_HALF_EVEN);
  assert_int_equal (rules_policy (rules, today)->kind, POLICY_TIER_SHIFT);
  assert_null (rules_policy (rules, old));
  enforce_rule_set_unref (rules);

  /* The parent on its own keeps its own value. */
  rules = load_ok (RULES "/cn");
  publication = rules_param (rules, PARAM_PUBLICATION_WORKDAYS, today);
  assert_true (publication->known);
  assert_int_equal (publication->value, 20);
  enforce_rule_set_unref (rules);
}

static void
test_rules_find_factor__version_then_jurisdiction_then_parents (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (TIANJIN);
  const Benchmark *bm = rules_find_benchmark (rules, "tj.civility.65-1.posting");
  const Version *v = &bm->versions[1];

  /* The version's own code shadows cn's factor of the same code. */
  const Factor *f = rules_find_factor (rules, v, "eliminated_harm");
  assert_ptr_equal (f, &v->factors[0]);
  assert_string_equal (f->label, "当场清除全部小广告");
  f = rules_find_factor (rules, NULL, "eliminated_harm");
  assert_ptr_equal (f, &rules->jurisdictions[1]->factors[1]);
  assert_true (f->has_basis);
  assert_int_equal (f->basis.item, 1);

  f = rules_find_factor (rules, v, "repeat_within_year");
  assert_ptr_equal (f, &rules->jurisdictions[0]->factors[0]);
  assert_int_equal (f->direction, FACTOR_AGGRAVATING);
  f = rules_find_factor (rules, v, "minor_14_17");
  assert_ptr_equal (f, &rules->jurisdictions[1]->factors[0]);
  assert_true (f->mandatory);
  assert_true (f->allows_reduction);
  assert_null (rules_find_factor (rules, v, "no_such_factor"));
  assert_null (rules_find_factor (rules, &bm->versions[0], "nope"));
  enforce_rule_set_unref (rules);
}

static void
test_rule_set_load__provenance_is_inherited (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (TIANJIN);
  const Benchmark *bm = rules_find_benchmark (rules, "tj.civility.65-1.posting");

  assert_true (bm->provenance.verified);
  /* A version without provenance takes the document's, whole. */
  assert_true (bm->versions[0].provenance.verified);
  assert_true (bm->versions[0].tiers[0].provenance.verified);
  assert_string_equal (bm->versions[0].tiers[0].provenance.source, "《天津市文明行为促进条例》(2019)");
  /* The second version says verified: false; its tiers inherit that, and
   * the fields it leaves out come from the document. */
  const Version *v = &bm->versions[1];
  assert_false (v->provenance.verified);
  assert_string_equal (v->provenance.note, "2021年起增加首违免罚");
  assert_string_equal (v->provenance.source, "《天津市文明行为促进条例》(2019)");
  assert_false (v->tiers[0].provenance.verified);
  assert_false (v->exemptions[0].provenance.verified);
  assert_true (v->tiers[1].provenance.verified);
  assert_string_equal (v->tiers[1].provenance.source, "第六十五条第一款");
  /* No provenance at all: unverified. */
  assert_false (rules_find_benchmark (rules, "tj.test.structure")->provenance.verified);
  assert_false (rules->instruments[0]->provenance.verified);
  assert_true (rules->instruments[1]->provenance.verified);
  enforce_rule_set_unref (rules);
}

/* The content hash. */

static void
hash_file (GChecksum *sum, const char *root, const char *rel)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  char size[32];

  if (!g_file_get_contents (path, &data, &len, NULL))
    fail_msg ("cannot read %s", path);
  g_snprintf (size, sizeof size, "%" G_GSIZE_FORMAT, len);
  g_checksum_update (sum, (const guchar *) rel, (gssize) strlen (rel) + 1);
  g_checksum_update (sum, (const guchar *) size, (gssize) strlen (size) + 1);
  g_checksum_update (sum, (const guchar *) data, (gssize) len);
}

/* The documented recipe, computed independently: it also proves which
 * files are read (not tests/, dotfiles or README.txt) and in what order. */
static void
test_rule_set_hash__follows_the_documented_recipe (void **state)
{
  static const char *const own[] = {
    "benchmarks/civility-65-1.yaml", "benchmarks/structure.yaml",
    "instruments/tj-civility.yaml", "jurisdiction.yaml", "powers.yaml",
  };
  static const char *const parent[] = {
    "calendar/2024.yaml", "instruments/cn-apl.yaml", "jurisdiction.yaml",
  };
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    hash_file (sum, TIANJIN, own[i]);
  for (guint i = 0; i < G_N_ELEMENTS (parent); i++)
    hash_file (sum, RULES "/cn", parent[i]);
  g_autofree char *expected = g_strconcat ("sha256:", g_checksum_get_string (sum), NULL);

  EnforceRuleSet *rules = load_ok (TIANJIN);
  assert_string_equal (enforce_rule_set_get_hash (rules), expected);
  enforce_rule_set_unref (rules);
}

static void
copy_tree (const char *from, const char *to)
{
  g_autoptr (GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  assert_non_null (dir);
  assert_int_equal (g_mkdir_with_parents (to, 0700), 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        copy_tree (src, dst);             /* the fixture is two levels deep */
      else
        {
          g_autofree char *data = NULL;
          gsize len;
          assert_true (g_file_get_contents (src, &data, &len, NULL));
          assert_true (g_file_set_contents (dst, data, (gssize) len, NULL));
        }
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
test_rule_set_hash__stable_across_places_and_changes_with_one_byte (void **state)
{
  (void) state;
  g_autofree char *tmp = g_dir_make_tmp ("enforce-loader-XXXXXX", NULL);
  g_autofree char *tj = g_build_filename (tmp, "tianjin", NULL);
  g_autofree char *cn = g_build_filename (tmp, "cn", NULL);
  assert_non_null (tmp);
  copy_tree (TIANJIN, tj);
  copy_tree (RULES "/cn", cn);

  EnforceRuleSet *original = load_ok (TIANJIN);
  EnforceRuleSet *again = load_ok (TIANJIN);
  EnforceRuleSet *copy = load_ok (tj);
  assert_string_equal (enforce_rule_set_get_hash (original), enforce_rule_set_get_hash (again));
  assert_string_equal (enforce_rule_set_get_hash (original), enforce_rule_set_get_hash (copy));
  assert_int_equal (strlen (enforce_rule_set_get_hash (original)), 7 + 64);
  assert_true (g_str_has_prefix (enforce_rule_set_get_hash (original), "sha256:"));

  /* One byte of the parent's calendar: 2024-06-10 becomes 2024-06-11. */
  g_autofree char *cal = g_build_filename (cn, "calendar", "2024.yaml", NULL);
  g_autofree char *data = NULL;
  gsize len;
  assert_true (g_file_get_contents (cal, &data, &len, NULL));
  char *at = strstr (data, "2024-06-10");
  assert_non_null (at);
  at[9] = '1';
  assert_true (g_file_set_contents (cal, data, (gssize) len, NULL));
  EnforceRuleSet *changed = load_ok (tj);
  assert_string_not_equal (enforce_rule_set_get_hash (original), enforce_rule_set_get_hash (changed));

  enforce_rule_set_unref (original);
  enforce_rule_set_unref (again);
  enforce_rule_set_unref (copy);
  enforce_rule_set_unref (changed);
  remove_tree (tmp);
}

static void
test_rule_set_load_data__hashes_the_name_and_bytes (void **state)
{
  static const char text[] =
    "kind: instrument\nid: law\ntitle: 示例法\nlevel: law\n"
    "versions: [{id: \"1\", effective_from: 2020-01-01}]\n";
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char size[32];

  (void) state;
  g_snprintf (size, sizeof size, "%zu", strlen (text));
  g_checksum_update (sum, (const guchar *) "inline.yaml", 12);
  g_checksum_update (sum, (const guchar *) size, (gssize) strlen (size) + 1);
  g_checksum_update (sum, (const guchar *) text, (gssize) strlen (text));
  g_autofree char *expected = g_strconcat ("sha256:", g_checksum_get_string (sum), NULL);

  EnforceRuleSet *rules = load_data_ok (text);
  assert_string_equal (enforce_rule_set_get_hash (rules), expected);
  assert_null (enforce_rule_set_get_jurisdiction_id (rules));
  assert_int_equal (enforce_rule_set_get_benchmark_count (rules), 0);
  assert_int_equal (rules->instruments[0]->level, LEVEL_LAW);
  enforce_rule_set_unref (rules);
}

/* Failures. */

static void
test_rule_set_load_data__refuses_a_parent (void **state)
{
  static const char text[] = "kind: jurisdiction\nid: here\nname: 示例\nparent: ../cn\n";
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  assert_null (enforce_rule_set_load_data ("x.yaml", text, strlen (text), NULL, &diag, &error));
  assert_true (error->domain == ENFORCE_ERROR);
  assert_int_equal (error->code, ENFORCE_ERROR_RULES_INVALID);
  assert_int_equal (enforce_diagnostics_get_count (diag), 1);
  assert_int_equal (enforce_diagnostics_get_code (diag, 0), ENFORCE_ERROR_INVALID_VALUE);
  assert_int_equal (enforce_diagnostics_get_line (diag, 0), 4);
  assert_int_equal (enforce_diagnostics_get_column (diag, 0), 9);
  assert_string_equal (enforce_diagnostics_get_file (diag, 0), "x.yaml");
}

static void
test_rule_set_load__missing_path_is_an_io_error (void **state)
{
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  assert_null (enforce_rule_set_load (RULES "/no-such-dir", NULL, &diag, &error));
  assert_true (error->domain == ENFORCE_ERROR);
  assert_int_equal (error->code, ENFORCE_ERROR_IO);
  assert_int_equal (enforce_diagnostics_get_count (diag), 1);
  assert_int_equal (enforce_diagnostics_get_code (diag, 0), ENFORCE_ERROR_IO);
  assert_string_equal (enforce_diagnostics_get_file (diag, 0), RULES "/no-such-dir");
}

static void
test_rule_set_load__too_many_files_stops_the_load (void **state)
{
  g_autoptr (EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_RULES);
  g_autoptr (GError) error = NULL;

  (void) state;
  /* tianjin has 5 files and cn 3: 7 allowed is one short. */
  assert_true (enforce_limits_set (limits, ENFORCE_LIMIT_FILES, 7));
  assert_null (enforce_rule_set_load (TIANJIN, limits, NULL, &error));
  assert_int_equal (error->code, ENFORCE_ERROR_LIMIT_FILES);
  g_clear_error (&error);

  assert_true (enforce_limits_set (limits, ENFORCE_LIMIT_FILES, 8));
  EnforceRuleSet *rules = enforce_rule_set_load (TIANJIN, limits, NULL, &error);
  assert_non_null (rules);
  enforce_rule_set_unref (rules);
}

static void
test_rule_set_load__oversized_file_is_refused_before_reading (void **state)
{
  g_autoptr (EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_RULES);
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;

  (void) state;
  /* instruments/cn-apl.yaml is the only file of cn under 400 bytes. */
  assert_true (enforce_limits_set (limits, ENFORCE_LIMIT_INPUT_BYTES, 400));
  assert_null (enforce_rule_set_load (RULES "/cn", limits, &diag, &error));
  assert_int_equal (error->code, ENFORCE_ERROR_LIMIT_BYTES);
  assert_int_equal (enforce_diagnostics_get_error_count (diag), 2);
  assert_int_equal (enforce_diagnostics_get_code (diag, 0), ENFORCE_ERROR_LIMIT_BYTES);
  assert_true (g_str_has_suffix (enforce_diagnostics_get_file (diag, 0), "calendar/2024.yaml"));
  assert_int_equal (enforce_diagnostics_get_code (diag, 1), ENFORCE_ERROR_LIMIT_BYTES);
  assert_true (g_str_has_suffix (enforce_diagnostics_get_file (diag, 1), "cn/jurisdiction.yaml"));
}

static char *
write_files (const char *const *names, const char *const *texts, guint n)
{
  char *tmp = g_dir_make_tmp ("enforce-loader-XXXXXX", NULL);
  assert_non_null (tmp);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_build_filename (tmp, names[i], NULL);
      assert_true (g_file_set_contents (path, texts[i], -1, NULL));
    }
  return tmp;
}

/* A file the reader refuses is reported and skipped; the other files are
 * still read and checked.  References that may point into the skipped
 * file are not reported as dangling. */
static void
test_rule_set_load__an_unreadable_file_does_not_hide_the_others (void **state)
{
  static const char *const names[] = { "a.yaml", "b.yaml" };
  static const char *const texts[] = {
    "kind: instrument\nid: [law\n",
    "kind: benchmark\nid: bm\ntitle: 示例\npenalized_by: {instrument: law, article: 1}\n"
    "colour: red\n"
    "versions:\n"
    "  - effective_from: 2020-01-01\n"
    "    policy: {combine: tier_shift, start_percent: 50}\n"
    "    penalties: {individual: {kinds: [warning]}}\n"
    "    tiers: [{name: 一般, class: general}]\n",
  };
  g_autoptr (EnforceDiagnostics) diag = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = write_files (names, texts, 2);

  (void) state;
  assert_null (enforce_rule_set_load (tmp, NULL, &diag, &error));
  assert_int_equal (error->code, ENFORCE_ERROR_RULES_INVALID);
  assert_int_equal (enforce_diagnostics_get_count (diag), 2);
  assert_int_equal (enforce_diagnostics_get_code (diag, 0), ENFORCE_ERROR_YAML_SYNTAX);
  assert_true (g_str_has_suffix (enforce_diagnostics_get_file (diag, 0), "a.yaml"));
  assert_int_equal (enforce_diagnostics_get_code (diag, 1), ENFORCE_ERROR_UNKNOWN_KEY);
  assert_int_equal (enforce_diagnostics_get_line (diag, 1), 5);
  assert_int_equal (enforce_diagnostics_get_column (diag, 1), 1);
  g_clear_error (&error);
  enforce_diagnostics_free (g_steal_pointer (&diag));

  /* Only reading failures: the load fails with the reader's own code. */
  g_autofree char *b = g_build_filename (tmp, "b.yaml", NULL);
  assert_true (g_file_set_contents (b, "kind: [x\n", -1, NULL));
  assert_null (enforce_rule_set_load (tmp, NULL, &diag, &error));
  assert_int_equal (error->code, ENFORCE_ERROR_YAML_SYNTAX);
  assert_int_equal (enforce_diagnostics_get_error_count (diag), 2);
  remove_tree (tmp);
}

/* Reference counting. */

static void
test_rule_set_ref__keeps_the_rule_set_until_the_last_unref (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (TIANJIN);
  assert_ptr_equal (enforce_rule_set_ref (rules), rules);
  enforce_rule_set_unref (rules);
  /* Still alive: one reference left. */
  assert_string_equal (enforce_rule_set_get_jurisdiction_id (rules), "tianjin");
  enforce_rule_set_unref (rules);
  enforce_rule_set_unref (NULL);
}

/* The annotated reference. */

static void
test_rule_set_load__annotated_reference_file_loads (void **state)
{
  (void) state;
  EnforceRuleSet *rules = load_ok (ENFORCE_SOURCE_DIR "/docs/reference-rules.yaml");

  assert_string_equal (enforce_rule_set_get_jurisdiction_id (rules), "reference");
  assert_true (rules->n_jurisdictions >= 2);
  assert_string_equal (rules->jurisdictions[1]->id, "cn");
  assert_int_equal (enforce_rule_set_get_benchmark_count (rules), 2);

  const Benchmark *bm = rules_find_benchmark (rules, "example.every-key");
  assert_non_null (bm);
  assert_int_equal (bm->n_facts, 6);
  assert_int_equal (bm->facts[5].type, FACT_ENUM);
  assert_int_equal (bm->trigger, TRIGGER_OVERDUE);
  assert_int_equal (bm->order, ORDER_CORRECT_WITHIN);
  assert_true (bm->life_health_finance);
  assert_int_equal (bm->repealed_from, day ("2031-01-01"));
  assert_int_equal (rules_find_benchmark (rules, "tj.civility.65-1.posting")->repealed_from,
                    DATE_NONE);
  assert_int_equal (bm->violates.item, 2);
  assert_false (bm->violates.verified);
  assert_string_equal (bm->provenance.document_number, "示例〔2023〕1号");

  const Version *v = benchmark_version_on (bm, day ("2024-01-01"));
  assert_ptr_equal (v, &bm->versions[1]);
  assert_int_equal (v->n_tiers, 4);
  assert_int_equal (v->tiers[1].cls, TIER_REDUCED);
  assert_true (v->tiers[1].provenance.verified);     /* its own */
  assert_false (v->tiers[2].provenance.verified);    /* the document's */
  assert_int_equal (v->statutory[PARTY_ORGANIZATION].fine.form, FINE_MULTIPLE);
  assert_int_equal (v->tiers[1].fine[PARTY_ORGANIZATION].min_times, 50);
  assert_int_equal (v->statutory[PARTY_INDIVIDUAL].kinds,
                    KIND_BIT (KIND_FINE) | KIND_BIT (KIND_CONFISCATE_GAINS));
  assert_int_equal (v->n_exemptions, 1);
  assert_false (v->policy.present);
  assert_true (bm->versions[0].policy.present);
  assert_false (v->tiers[1].statutory);              /* the default */

  /* 第六十五条第一款: the main fine 100–200, and the clause's own 2000 for
   * 有碍城市容貌 as a statutory tier (outside the main fine, accepted). */
  const Benchmark *posting = rules_find_benchmark (rules, "tj.civility.65-1.posting");
  assert_non_null (posting);
  const Version *pv = &posting->versions[0];
  assert_int_equal (pv->statutory[PARTY_INDIVIDUAL].fine.min, 10000);
  assert_int_equal (pv->statutory[PARTY_INDIVIDUAL].fine.max, 20000);
  assert_true (pv->tiers[0].statutory);
  assert_int_equal (pv->tiers[0].fine[PARTY_INDIVIDUAL].form, FINE_FIXED);
  assert_int_equal (pv->tiers[0].fine[PARTY_ORGANIZATION].min, 200000);
  assert_false (pv->tiers[1].statutory);

  /* Parameters: the reference's own, and its parent's where it has none. */
  gint32 today = day ("2024-06-01");
  const Param *cap = rules_param (rules, PARAM_SIMPLE_CAP_ORGANIZATION, today);
  assert_int_equal (cap->value, 300000);
  assert_true (cap->verified);                       /* explicit */
  assert_false (rules_param (rules, PARAM_ONSITE_CAP, today)->verified);   /* the version's */
  assert_false (rules_param (rules, PARAM_PUBLICATION_WORKDAYS, today)->known);

  const CalendarYear *y2023 = NULL;
  for (guint i = 0; i < rules->calendar.n_years; i++)
    if (rules->calendar.years[i].year == 2023)
      y2023 = &rules->calendar.years[i];
  assert_non_null (y2023);
  if (y2023 == NULL)                 /* tells the optimiser; assert_non_null already failed */
    return;
  assert_int_equal (y2023->n_holidays, 2 + 7 + 1 + 5 + 3 + 8);
  assert_int_equal (y2023->n_workdays, 7);
  enforce_rule_set_unref (rules);
}

/* The chain search rules_param() did before the loader flattened it:
 * the jurisdiction's version in force, else its parent's, and so on. */
static const ParamVersion *
reference_version_on (const Jurisdiction *j, gint32 date)
{
  const ParamVersion *found = NULL;

  for (guint i = 0; i < j->n_versions; i++)
    if (j->versions[i].from <= date)
      found = &j->versions[i];
  return found != NULL && date <= found->to ? found : NULL;
}

static const Param *
reference_param (const EnforceRuleSet *rules, ParamId id, gint32 date)
{
  for (const Jurisdiction *j = rules->jurisdiction; j != NULL; j = j->parent)
    {
      const ParamVersion *v = reference_version_on (j, date);
      if (v != NULL && v->params[id].set)
        return &v->params[id];
    }
  return NULL;
}

static const Rounding *
reference_rounding (const EnforceRuleSet *rules, gint32 date)
{
  for (const Jurisdiction *j = rules->jurisdiction; j != NULL; j = j->parent)
    {
      const ParamVersion *v = reference_version_on (j, date);
      if (v != NULL && v->has_rounding)
        return &v->rounding;
    }
  return NULL;
}

static const Policy *
reference_policy (const EnforceRuleSet *rules, gint32 date)
{
  for (const Jurisdiction *j = rules->jurisdiction; j != NULL; j = j->parent)
    {
      const ParamVersion *v = reference_version_on (j, date);
      if (v != NULL && v->policy.present)
        return &v->policy;
    }
  return NULL;
}

static void
assert_spans_answer_as_the_chain (const char *path, const char *first, const char *last)
{
  EnforceRuleSet *rules = load_ok (path);

  assert_non_null (rules->param_spans);
  for (gint32 d = day (first); d <= day (last); d++)
    {
      for (guint id = 0; id < PARAM_COUNT; id++)
        assert_ptr_equal (rules_param (rules, (ParamId) id, d), reference_param (rules, (ParamId) id, d));
      assert_ptr_equal (rules_rounding (rules, d), reference_rounding (rules, d));
      assert_ptr_equal (rules_policy (rules, d), reference_policy (rules, d));
    }
  enforce_rule_set_unref (rules);
}

/* The loader flattens the chain's parameter versions into spans; every
 * day's answer must be the chain's, across the versions' edges and the
 * parent's, before the first version and after the last. */
static void
test_rule_set_load__parameter_spans_answer_as_the_chain (void **state)
{
  (void) state;
  assert_spans_answer_as_the_chain (TIANJIN, "2015-01-01", "2030-12-31");
  assert_spans_answer_as_the_chain (ENFORCE_SOURCE_DIR "/rules/tianjin", "2015-01-01", "2030-12-31");
}

/* Citations are rendered once at load, and equal ones share the text. */
static void
test_rule_set_load__citations_are_rendered_once (void **state)
{
  EnforceRuleSet *rules = load_ok (ENFORCE_SOURCE_DIR "/rules/tianjin");
  guint rendered = 0;

  (void) state;
  for (guint i = 0; i < rules->n_benchmarks; i++)
    {
      const Citation *c = &rules->benchmarks[i]->penalized_by;
      g_autofree char *zh = citation_render (c, ENFORCE_LANG_ZH);
      g_autofree char *en = citation_render (c, ENFORCE_LANG_EN);

      assert_non_null (c->text[ENFORCE_LANG_ZH]);
      assert_string_equal (c->text[ENFORCE_LANG_ZH], zh);
      assert_string_equal (c->text[ENFORCE_LANG_EN], en);
      assert_non_null (c->json);
      assert_non_null (strstr (c->json, zh));
      for (guint j = 0; j < i; j++)
        {
          const Citation *o = &rules->benchmarks[j]->penalized_by;
          if (o->instrument == c->instrument && o->article == c->article
              && o->paragraph == c->paragraph && o->item == c->item && o->verified == c->verified)
            assert_ptr_equal (o->text[ENFORCE_LANG_ZH], c->text[ENFORCE_LANG_ZH]);
        }
      rendered++;
    }
  assert_true (rendered > 0);
  /* The engine's own citations of the Administrative Penalty Law. */
  assert_non_null (rules->law_citations);
  assert_int_equal (rules->law_citations[LAW_ART_33_2].article, 33);
  assert_int_equal (rules->law_citations[LAW_ART_33_2].paragraph, 2);
  assert_string_equal (rules->law_citations[LAW_ART_33_2].text[ENFORCE_LANG_ZH],
                       "《中华人民共和国行政处罚法》第三十三条第二款");
  enforce_rule_set_unref (rules);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_rule_set_load__fixture_with_parent_loads_cleanly),
    cmocka_unit_test (test_rule_set_load__benchmark_is_bound_with_references_resolved),
    cmocka_unit_test (test_rule_set_load__every_fine_form_binds_to_fen),
    cmocka_unit_test (test_benchmark_version_on__picks_the_version_in_force_at_the_boundaries),
    cmocka_unit_test (test_rules_param__inherits_from_the_parent_and_unknown_overrides),
    cmocka_unit_test (test_rules_find_factor__version_then_jurisdiction_then_parents),
    cmocka_unit_test (test_rule_set_load__provenance_is_inherited),
    cmocka_unit_test (test_rule_set_hash__follows_the_documented_recipe),
    cmocka_unit_test (test_rule_set_hash__stable_across_places_and_changes_with_one_byte),
    cmocka_unit_test (test_rule_set_load_data__hashes_the_name_and_bytes),
    cmocka_unit_test (test_rule_set_load_data__refuses_a_parent),
    cmocka_unit_test (test_rule_set_load__missing_path_is_an_io_error),
    cmocka_unit_test (test_rule_set_load__too_many_files_stops_the_load),
    cmocka_unit_test (test_rule_set_load__oversized_file_is_refused_before_reading),
    cmocka_unit_test (test_rule_set_load__an_unreadable_file_does_not_hide_the_others),
    cmocka_unit_test (test_rule_set_ref__keeps_the_rule_set_until_the_last_unref),
    cmocka_unit_test (test_rule_set_load__annotated_reference_file_loads),
    cmocka_unit_test (test_rule_set_load__parameter_spans_answer_as_the_chain),
    cmocka_unit_test (test_rule_set_load__citations_are_rendered_once),
  };
  return cmocka_run_group_tests_name ("loader", tests, NULL, NULL);
}
