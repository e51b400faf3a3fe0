/* test-procedure.c: steps 8 and 9 of docs/semantics.md (procedure.c).
 *
 * Benchmark p.yuan fines exactly n yuan (1 yuan per unit × n), so each
 * threshold of the law can be hit to the yuan: Art. 51 simple procedure
 * (≤ 200 / ≤ 3000), Art. 68 on-site collection (≤ 100), Art. 63 hearing
 * (organizations ≥ 10000 here; individuals unknown), Art. 57/58 review,
 * and the deadlines of Art. 60, 61, 64, 67 (working days per Art. 85 over
 * a calendar with the 2024 National Day holiday) and the Art. 72 surcharge.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <enforce/enforce.h>
#include "recommend-private.h"

static const char RULES[] =
  "kind: bundle\n"
  "documents:\n"
  "  - kind: instrument\n"
  "    id: cn-apl\n"
  "    title: 中华人民共和国行政处罚法\n"
  "    level: law\n"
  "    issuer: 全国人民代表大会常务委员会\n"
  "    versions: [{id: \"2021\", effective_from: 2021-07-15}]\n"
  "    provenance: {verified: true}\n"
  "  - kind: instrument\n"
  "    id: t-reg\n"
  "    title: 测试条例\n"
  "    level: local_regulation\n"
  "    issuer: 测试市人大常委会\n"
  "    versions: [{id: \"2019\", effective_from: 2019-01-01}]\n"
  "    provenance: {verified: true}\n"
  "  - kind: jurisdiction\n"
  "    id: test\n"
  "    name: 测试市\n"
  "    code: \"990000\"\n"
  "    parameters:\n"
  "      - effective_from: 2021-07-15\n"
  "        simple_procedure_cap: {individual: 200, organization: 3000, basis: {instrument: cn-apl, article: 51}}\n"
  "        onsite_collection_cap: {value: 100, basis: {instrument: cn-apl, article: 68}}\n"
  "        hearing_threshold: {individual: unknown, organization: 10000, basis: {instrument: cn-apl, article: 63}}\n"
  "        late_surcharge_percent_per_day: {value: 3, basis: {instrument: cn-apl, article: 72}}\n"
  "        payment_period_days: {value: 15, basis: {instrument: cn-apl, article: 67}}\n"
  "        case_period_days: {value: 90, basis: {instrument: cn-apl, article: 60}}\n"
  "        delivery_workdays: {value: 7, basis: {instrument: cn-apl, article: 61}, verified: false, note: 工作日依据第八十五条待核实}\n"
  "        hearing_request_workdays: {value: 5, basis: {instrument: cn-apl, article: 64}}\n"
  "        publication_workdays: {value: unknown}\n"
  "        limitation_years: {value: 2, basis: {instrument: cn-apl, article: 36}}\n"
  "        limitation_years_life_health_finance: {value: 5, basis: {instrument: cn-apl, article: 36}}\n"
  "        rounding: {unit: yuan, mode: half_up}\n"
  "        discretion_policy: {combine: tier_shift, start_percent: 50}\n"
  "    provenance: {verified: true}\n"
  "  - kind: calendar\n"
  "    year: 2024\n"
  "    holidays: [{from: 2024-10-01, to: 2024-10-07, name: 国庆节}]\n"
  "    workdays: [2024-09-29, 2024-10-12]\n"
  "    provenance: {verified: false}\n"
  "  - kind: benchmark\n"
  "    id: p.yuan\n"
  "    title: 每个单位罚款一元\n"
  "    violates: {instrument: t-reg, article: 1}\n"
  "    penalized_by: {instrument: t-reg, article: 2}\n"
  "    facts:\n"
  "      n: {type: integer, label: 金额（元）}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {per_unit: n, unit: 元, min: 1, max: 1}}\n"
  "          organization: {kinds: [fine], fine: {per_unit: n, unit: 元, min: 1, max: 1}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 按金额罚款}\n"
  "  - kind: benchmark\n"
  "    id: p.closure\n"
  "    title: 罚款并责令停产停业\n"
  "    violates: {instrument: t-reg, article: 3}\n"
  "    penalized_by: {instrument: t-reg, article: 4}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine, suspend_business], combine: and, fine: {fixed: 100}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 罚款并责令停产停业}\n"
  "  - kind: benchmark\n"
  "    id: p.warning\n"
  "    title: 警告\n"
  "    violates: {instrument: t-reg, article: 5}\n"
  "    penalized_by: {instrument: t-reg, article: 6}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [warning]}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 警告}\n";

#define CIRC "circumstances: {minor: false, corrected: false, harm: minor, first_violation: false, no_fault: false}\n"
#define REVIEW "review: {complex: false, serious: false, major_public_interest: false, hearing_held: false, other_required: false}\n"
#define PERSON "party: {class: individual, age: 30, capacity: full}\n"
#define ORG "party: {class: organization}\n"
#define DATES "dates: {act: 2024-05-10, discovered: 2024-05-10}\n"
#define YUAN(n) "benchmark: p.yuan\nfacts: {n: " #n "}\n" CIRC
#define PERSON_FINE(n) YUAN (n) PERSON DATES REVIEW
#define ORG_FINE(n) YUAN (n) ORG DATES REVIEW

static EnforceRuleSet *rules;

static int
setup (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  rules = enforce_rule_set_load_data ("procedure-test.yaml", RULES, strlen (RULES), NULL, NULL, &error);
  if (rules == NULL)
    fail_msg ("%s", error->message);
  return 0;
}

static int
teardown (void **state)
{
  (void) state;
  enforce_rule_set_unref (rules);
  return 0;
}

static EnforceRecommendation *
recommend_as_of (const char *text, const char *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceCase) kase = enforce_case_parse (text, strlen (text), ENFORCE_FORMAT_YAML, "case.yaml",
                                                    NULL, &error);
  EnforceRecommendation *r;

  if (kase == NULL)
    fail_msg ("case does not parse: %s\n%s", error->message, text);
  r = enforce_recommend (rules, kase, as_of, ENFORCE_RECOMMEND_DEFAULT, &error);
  if (r == NULL)
    fail_msg ("recommend failed: %s", error->message);
  return r;
}

static EnforceRecommendation *
recommend (const char *text)
{
  return recommend_as_of (text, NULL);
}

static void
assert_missing (const EnforceRecommendation *r, ...)
{
  va_list ap;
  guint n = 0;
  const char *want;

  va_start (ap, r);
  while ((want = va_arg (ap, const char *)) != NULL)
    {
      if (n >= enforce_recommendation_get_missing_count (r))
        fail_msg ("missing[%u]: expected %s, list ends", n, want);
      assert_string_equal (enforce_recommendation_get_missing (r, n), want);
      n++;
    }
  va_end (ap);
  assert_int_equal (enforce_recommendation_get_missing_count (r), n);
}

static void
assert_date (gint32 day, const char *want)
{
  char buf[11];

  if (want == NULL)
    {
      assert_int_equal (day, DATE_NONE);
      return;
    }
  assert_int_not_equal (day, DATE_NONE);
  date_format_buf (day, buf);
  assert_string_equal (buf, want);
}

static void
assert_procedure (const EnforceRecommendation *r, EnforceProcedure procedure, EnforceAnswer onsite,
                  EnforceAnswer hearing)
{
  assert_int_equal (enforce_recommendation_get_procedure (r), procedure);
  assert_int_equal (enforce_recommendation_get_onsite_collection (r), onsite);
  assert_int_equal (enforce_recommendation_get_hearing (r), hearing);
}

/* ---- Art. 51 / 68 ----------------------------------------------------- */

/* Art. 51: a citizen's fine of at most 200 yuan may be decided on the
 * spot; 201 may not.  Art. 68: 200 > 100, no on-site collection. */
static void
test_procedure__individual_simple_cap_is_inclusive (void **state)
{
  g_autoptr(EnforceRecommendation) at = recommend (PERSON_FINE (200));
  g_autoptr(EnforceRecommendation) over = recommend (PERSON_FINE (201));
  gint64 fen = 0;

  (void) state;
  assert_true (enforce_recommendation_get_amount (at, &fen));
  assert_int_equal (fen, 20000);
  assert_procedure (at, ENFORCE_PROCEDURE_SIMPLE, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_UNDETERMINED);
  assert_procedure (over, ENFORCE_PROCEDURE_GENERAL, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_UNDETERMINED);
}

/* Art. 51: an organization's cap is 3000 yuan, inclusive. */
static void
test_procedure__organization_simple_cap_is_inclusive (void **state)
{
  g_autoptr(EnforceRecommendation) at = recommend (ORG_FINE (3000));
  g_autoptr(EnforceRecommendation) over = recommend (ORG_FINE (3001));

  (void) state;
  assert_procedure (at, ENFORCE_PROCEDURE_SIMPLE, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_NO);
  assert_procedure (over, ENFORCE_PROCEDURE_GENERAL, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_NO);
}

/* Art. 68: on-site collection of a simple-procedure fine of at most 100. */
static void
test_procedure__onsite_collection_cap_is_inclusive (void **state)
{
  g_autoptr(EnforceRecommendation) at = recommend (PERSON_FINE (100));
  g_autoptr(EnforceRecommendation) over = recommend (PERSON_FINE (101));
  g_autoptr(EnforceRecommendation) org = recommend (ORG_FINE (100));

  (void) state;
  assert_procedure (at, ENFORCE_PROCEDURE_SIMPLE, ENFORCE_ANSWER_YES, ENFORCE_ANSWER_UNDETERMINED);
  assert_procedure (over, ENFORCE_PROCEDURE_SIMPLE, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_UNDETERMINED);
  assert_procedure (org, ENFORCE_PROCEDURE_SIMPLE, ENFORCE_ANSWER_YES, ENFORCE_ANSWER_NO);
}

/* The answer is Art. 68(1)'s: a "no" for a fine over the cap or outside
 * the simple procedure names the grounds that still allow collection
 * (Art. 68(2), Art. 69); a "yes" names none. */
static void
test_procedure__onsite_no_names_the_other_grounds (void **state)
{
  static const char *const zh_other =
    "按第六十八条第（一）项不得当场收缴；依法当场作出决定后事后难以执行的（第六十八条第（二）项），"
    "或者边远、水上、交通不便地区当事人提出的（第六十九条），可以当场收缴";
  g_autoptr(EnforceRecommendation) over = recommend (PERSON_FINE (101));
  g_autoptr(EnforceRecommendation) general = recommend (PERSON_FINE (201));
  g_autoptr(EnforceRecommendation) at = recommend (PERSON_FINE (100));
  g_autofree char *over_zh = enforce_recommendation_to_text (over, ENFORCE_LANG_ZH);
  g_autofree char *general_en = enforce_recommendation_to_text (general, ENFORCE_LANG_EN);
  g_autofree char *at_zh = enforce_recommendation_to_text (at, ENFORCE_LANG_ZH);

  (void) state;
  assert_non_null (strstr (over_zh, zh_other));
  assert_non_null (strstr (general_en, "(Art. 68(2))"));
  assert_non_null (strstr (general_en, "(Art. 69)"));
  assert_null (strstr (at_zh, "第六十九条"));
  assert_string_equal (rec_onsite_caveat (over, ENFORCE_LANG_ZH), zh_other);
  assert_null (rec_onsite_caveat (at, ENFORCE_LANG_ZH));
}

/* Art. 51: a warning may be decided on the spot; there is nothing to
 * collect and no hearing right. */
static void
test_procedure__warning_is_simple_without_hearing (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmark: p.warning\n" CIRC PERSON DATES REVIEW);

  (void) state;
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_WARNING);
  assert_procedure (r, ENFORCE_PROCEDURE_SIMPLE, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_NO);
  assert_missing (r, NULL);
}

/* ---- Art. 63 ---------------------------------------------------------- */

/* The individual threshold is unknown: the hearing is undetermined and the
 * parameter listed, but the outcome and the amount stand. */
static void
test_procedure__unknown_hearing_threshold_leaves_only_the_hearing_undetermined (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (PERSON_FINE (5000));
  gint64 fen = 0;

  (void) state;
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_FINE);
  assert_true (enforce_recommendation_get_amount (r, &fen));
  assert_int_equal (fen, 500000);
  assert_procedure (r, ENFORCE_PROCEDURE_GENERAL, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_UNDETERMINED);
  assert_missing (r, "parameters.hearing_threshold.individual", NULL);
}

/* A fine reaching the threshold (fine >= value) carries the hearing right. */
static void
test_procedure__hearing_threshold_is_inclusive (void **state)
{
  g_autoptr(EnforceRecommendation) below = recommend (ORG_FINE (9999));
  g_autoptr(EnforceRecommendation) at = recommend (ORG_FINE (10000));

  (void) state;
  assert_procedure (below, ENFORCE_PROCEDURE_GENERAL, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_NO);
  assert_procedure (at, ENFORCE_PROCEDURE_GENERAL, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_YES);
  assert_missing (at, NULL);
}

/* Art. 63(4): 责令停产停业 carries the hearing right whatever the fine;
 * with another kind the simple procedure is out (Art. 51). */
static void
test_procedure__suspension_of_business_has_a_hearing (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmark: p.closure\n" CIRC PERSON DATES REVIEW);

  (void) state;
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_FINE_AND_OTHER);
  assert_procedure (r, ENFORCE_PROCEDURE_GENERAL, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_YES);
  assert_missing (r, NULL);
}

/* No penalty: no decision procedure, no hearing, nothing to collect. */
static void
test_procedure__no_penalty_has_no_procedure (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    "benchmark: p.yuan\nfacts: {n: 500}\n" PERSON DATES REVIEW
    "circumstances: {minor: false, corrected: false, harm: minor, first_violation: false, no_fault: true}\n");

  (void) state;
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_NO_PENALTY);
  assert_procedure (r, ENFORCE_PROCEDURE_NONE, ENFORCE_ANSWER_NO, ENFORCE_ANSWER_NO);
}

/* ---- Art. 57 / 58 ----------------------------------------------------- */

#define ORG_REVIEW(flags) YUAN (50) ORG DATES "review: {" flags "}\n"

/* Art. 58(2): a case that went through a hearing needs legal review;
 * Art. 58(3) and Art. 57: a complex case needs both review and collective
 * discussion; a serious violation needs collective discussion only. */
static void
test_procedure__review_grounds (void **state)
{
  g_autoptr(EnforceRecommendation) heard = recommend (ORG_REVIEW (
    "complex: false, serious: false, major_public_interest: false, hearing_held: true, other_required: false"));
  g_autoptr(EnforceRecommendation) complex = recommend (ORG_REVIEW (
    "complex: true, serious: false, major_public_interest: false, hearing_held: false, other_required: false"));
  g_autoptr(EnforceRecommendation) serious = recommend (ORG_REVIEW (
    "complex: false, serious: true, major_public_interest: false, hearing_held: false, other_required: false"));

  (void) state;
  assert_int_equal (enforce_recommendation_get_legal_review (heard), ENFORCE_ANSWER_YES);
  assert_int_equal (enforce_recommendation_get_collective_discussion (heard), ENFORCE_ANSWER_NO);
  assert_int_equal (enforce_recommendation_get_legal_review (complex), ENFORCE_ANSWER_YES);
  assert_int_equal (enforce_recommendation_get_collective_discussion (complex), ENFORCE_ANSWER_YES);
  assert_int_equal (enforce_recommendation_get_legal_review (serious), ENFORCE_ANSWER_NO);
  assert_int_equal (enforce_recommendation_get_collective_discussion (serious), ENFORCE_ANSWER_YES);
}

/* Review grounds not given are not assumed absent: both answers are
 * undetermined and the paths listed (Art. 58 items in order, then
 * Art. 57's remaining ground). */
static void
test_procedure__unstated_review_grounds_are_listed (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (YUAN (50) ORG DATES);

  (void) state;
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_FINE);
  assert_int_equal (enforce_recommendation_get_legal_review (r), ENFORCE_ANSWER_UNDETERMINED);
  assert_int_equal (enforce_recommendation_get_collective_discussion (r), ENFORCE_ANSWER_UNDETERMINED);
  assert_missing (r, "review.major_public_interest", "review.hearing_held", "review.complex",
                  "review.other_required", "review.serious", NULL);
}

/* ---- Deadlines (Art. 60, 61, 64, 67, 85) ------------------------------ */

#define DEADLINE_DATES "dates: {act: 2024-05-10, discovered: 2024-05-10, filed: 2024-09-20, " \
  "notified: 2024-09-27, decided: 2024-09-30, received: 2024-09-30}\n"

/* Art. 60: 2024-09-20 + 90 calendar days = 2024-12-19.
 * Art. 64 + 85: notice on Fri 2024-09-27, 5 working days: Sun 09-29
 * (make-up day) 1, Mon 09-30 2, National Day 10-01..07 off, 10-08 3,
 * 10-09 4, 10-10 5 → 2024-10-10.
 * Art. 61 + 85: decision on 09-30, 7 working days: 10-08 .. 10-11 (4),
 * Sat 10-12 (make-up day) 5, 10-14 6, 10-15 7 → 2024-10-15.
 * Art. 67: received 09-30 + 15 calendar days = 2024-10-15. */
static void
test_procedure__deadlines_count_working_days_across_a_holiday (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (YUAN (500) PERSON REVIEW DEADLINE_DATES);

  (void) state;
  assert_date (r->decision_due, "2024-12-19");
  assert_date (r->hearing_request_by, "2024-10-10");
  assert_date (r->delivery_by, "2024-10-15");
  assert_date (r->payment_due, "2024-10-15");
  assert_false (r->has_surcharge);
  /* The 2024 calendar and the Art. 85 reading of delivery_workdays are
   * marked unverified in the rules, and they were used. */
  assert_int_equal (r->lists.n_notes, 2);
}

/* A working-day period reaching a year without a calendar is not guessed. */
static void
test_procedure__missing_calendar_year_leaves_that_deadline_open (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    YUAN (5000) ORG REVIEW "dates: {act: 2024-05-10, discovered: 2024-05-10, decided: 2024-12-25}\n");

  (void) state;
  assert_date (r->delivery_by, NULL);
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_FINE);
  assert_missing (r, "calendar.2025", NULL);
}

/* No hearing right: no hearing-request window. */
static void
test_procedure__no_hearing_window_without_a_hearing_right (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (YUAN (50) ORG REVIEW DEADLINE_DATES);

  (void) state;
  assert_int_equal (enforce_recommendation_get_hearing (r), ENFORCE_ANSWER_NO);
  assert_date (r->hearing_request_by, NULL);
  assert_date (r->delivery_by, "2024-10-15");
}

/* ---- Art. 72 late surcharge ------------------------------------------- */

#define LATE(n) YUAN (n) PERSON REVIEW DEADLINE_DATES

/* 500 yuan due 2024-10-15: 3 % = 15 yuan a day.  5 days → 75 yuan; 33 days
 * → 495; 34 days → 510, capped at the fine, 500; 77 days → 500. */
static void
test_procedure__late_surcharge_is_capped_at_the_fine (void **state)
{
  g_autoptr(EnforceRecommendation) d5 = recommend_as_of (LATE (500), "2024-10-20");
  g_autoptr(EnforceRecommendation) d33 = recommend_as_of (LATE (500), "2024-11-17");
  g_autoptr(EnforceRecommendation) d34 = recommend_as_of (LATE (500), "2024-11-18");
  g_autoptr(EnforceRecommendation) d77 = recommend_as_of (LATE (500), "2024-12-31");

  (void) state;
  assert_true (d5->has_surcharge);
  assert_int_equal (d5->days_late, 5);
  assert_int_equal (d5->surcharge, 7500);
  assert_int_equal (d33->days_late, 33);
  assert_int_equal (d33->surcharge, 49500);
  assert_int_equal (d34->surcharge, 50000);
  assert_int_equal (d77->days_late, 77);
  assert_int_equal (d77->surcharge, 50000);
}

/* Paid in time: nothing owed.  No as_of: not computed (JSON null). */
static void
test_procedure__no_surcharge_before_the_due_date (void **state)
{
  g_autoptr(EnforceRecommendation) due = recommend_as_of (LATE (500), "2024-10-15");
  g_autoptr(EnforceRecommendation) none = recommend (LATE (500));
  g_autofree char *json = enforce_recommendation_to_json (none);
  g_autofree char *json_due = enforce_recommendation_to_json (due);

  (void) state;
  assert_true (due->has_surcharge);
  assert_int_equal (due->days_late, 0);
  assert_int_equal (due->surcharge, 0);
  assert_non_null (strstr (json, "\"late_surcharge\":null"));
  assert_non_null (strstr (json_due, "\"late_surcharge\":{\"as_of\":\"2024-10-15\",\"days_late\":0,"
                                     "\"amount\":0,\"amount_yuan\":\"0.00\"}"));
}

/* 333 yuan × 3 % = 9.99 yuan for one day, rounded once by the
 * jurisdiction's rule (yuan, half up) to 10 yuan. */
static void
test_procedure__late_surcharge_is_rounded_once (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend_as_of (LATE (333), "2024-10-16");

  (void) state;
  assert_int_equal (r->days_late, 1);
  assert_int_equal (r->surcharge, 1000);
}

/* rec_add_workdays() answers from the loader's working-day lists; it must
 * answer exactly as the calendar walk (calendar_add_workdays()) for every
 * start day and period, across year ends, and fail on the same missing
 * year, with a gap in the calendar's years too. */
static void
assert_workdays_answer_as_the_walk (const EnforceRuleSet *rs, const char *first, const char *last)
{
  static const int periods[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30, 60, 250, 400 };
  gint32 from, to;

  assert_non_null (rs->workday_years);
  assert_true (enforce_date_parse (first, strlen (first), &from, NULL));
  assert_true (enforce_date_parse (last, strlen (last), &to, NULL));
  for (gint32 d = from; d <= to; d++)
    for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
      {
        gint32 fast = 0, walk = 0;
        int fast_year = 0, walk_year = 0;
        gboolean ok = rec_add_workdays (rs, d, periods[i], &fast, &fast_year);

        assert_int_equal (ok, calendar_add_workdays (&rs->calendar, d, periods[i], &walk, &walk_year));
        if (ok)
          assert_int_equal (fast, walk);
        else
          assert_int_equal (fast_year, walk_year);
      }
}

static void
test_procedure__working_day_lists_answer_as_the_walk (void **state)
{
  static const char GAP[] =
    "kind: bundle\n"
    "documents:\n"
    "  - {kind: calendar, year: 2023, holidays: [2023-12-29], workdays: [2023-12-30]}\n"
    "  - {kind: calendar, year: 2025, holidays: [2025-01-01, {from: 2025-01-28, to: 2025-02-04}], workdays: [2025-01-26]}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceRuleSet) cn = enforce_rule_set_load (ENFORCE_SOURCE_DIR "/rules/cn", NULL, NULL, &error);
  g_autoptr(EnforceRuleSet) gap = NULL;

  (void) state;
  if (cn == NULL)
    fail_msg ("%s", error->message);
  assert_workdays_answer_as_the_walk (rules, "2023-10-01", "2025-01-31");
  assert_workdays_answer_as_the_walk (cn, "2023-11-01", "2027-01-31");
  gap = enforce_rule_set_load_data ("gap.yaml", GAP, strlen (GAP), NULL, NULL, &error);
  if (gap == NULL)
    fail_msg ("%s", error->message);
  assert_workdays_answer_as_the_walk (gap, "2022-12-01", "2026-01-31");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_procedure__individual_simple_cap_is_inclusive),
    cmocka_unit_test (test_procedure__organization_simple_cap_is_inclusive),
    cmocka_unit_test (test_procedure__onsite_collection_cap_is_inclusive),
    cmocka_unit_test (test_procedure__onsite_no_names_the_other_grounds),
    cmocka_unit_test (test_procedure__warning_is_simple_without_hearing),
    cmocka_unit_test (test_procedure__unknown_hearing_threshold_leaves_only_the_hearing_undetermined),
    cmocka_unit_test (test_procedure__hearing_threshold_is_inclusive),
    cmocka_unit_test (test_procedure__suspension_of_business_has_a_hearing),
    cmocka_unit_test (test_procedure__no_penalty_has_no_procedure),
    cmocka_unit_test (test_procedure__review_grounds),
    cmocka_unit_test (test_procedure__unstated_review_grounds_are_listed),
    cmocka_unit_test (test_procedure__deadlines_count_working_days_across_a_holiday),
    cmocka_unit_test (test_procedure__missing_calendar_year_leaves_that_deadline_open),
    cmocka_unit_test (test_procedure__no_hearing_window_without_a_hearing_right),
    cmocka_unit_test (test_procedure__late_surcharge_is_capped_at_the_fine),
    cmocka_unit_test (test_procedure__no_surcharge_before_the_due_date),
    cmocka_unit_test (test_procedure__late_surcharge_is_rounded_once),
    cmocka_unit_test (test_procedure__working_day_lists_answer_as_the_walk),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
