/* fuzz-recommend.c: libFuzzer target for the whole recommendation path.
 *
 * A small fixed rule bundle (below) covers every fine form (range, per
 * unit with a cap, multiple with a fallback, max only, fixed), tiers over
 * every fact type, exemptions, factors, a trigger, two versions (Art. 37),
 * a power with candidates (Art. 29) and a calendar for working-day
 * deadlines.  The input is a case (YAML or JSON, detected); it is
 * recommended with the trace on, rendered as JSON and text, and again
 * with the trace off.  Invariants: the GError contract; enum values in
 * range; range min <= max, amount inside the range; every trace step has
 * a code and both messages; JSON and text are valid UTF-8 and the JSON
 * reads back under the strict reader; the trace flag changes nothing but
 * the trace (same outcome, tier, range and amount).
 */
#include <string.h>

#include <enforce/enforce.h>
#include "fuzz.h"
#include "node.h"

static const char BUNDLE[] =
  "kind: bundle\n"
  "documents:\n"
  "  - kind: jurisdiction\n"
  "    id: fuzz\n"
  "    name: 模糊测试辖区（虚构）\n"
  "    code: \"990001\"\n"
  "    factors:\n"
  "      - {code: minor_14_17, direction: mitigating, mandatory: true, allows_reduction: true, label: 已满十四周岁不满十八周岁, basis: {instrument: cn-apl, article: 30}}\n"
  "      - {code: partial_capacity, direction: mitigating, mandatory: false, allows_reduction: true, label: 尚未完全丧失辨认或者控制能力, basis: {instrument: cn-apl, article: 31}}\n"
  "      - {code: eliminated_harm, direction: mitigating, mandatory: true, allows_reduction: true, label: 主动消除或者减轻违法行为危害后果, basis: {instrument: cn-apl, article: 32, item: 1}}\n"
  "      - {code: cooperated, direction: mitigating, label: 积极配合调查}\n"
  "      - {code: repeat, direction: aggravating, label: 一年内再次违法}\n"
  "    parameters:\n"
  "      - effective_from: 2020-01-01\n"
  "        simple_procedure_cap: {individual: 200, organization: 3000, basis: {instrument: cn-apl, article: 51}}\n"
  "        onsite_collection_cap: {value: 100, basis: {instrument: cn-apl, article: 68}}\n"
  "        hearing_threshold: {individual: 5000, organization: unknown, basis: {instrument: cn-apl, article: 63}}\n"
  "        late_surcharge_percent_per_day: {value: 3, basis: {instrument: cn-apl, article: 72}}\n"
  "        payment_period_days: {value: 15, basis: {instrument: cn-apl, article: 67}}\n"
  "        case_period_days: {value: 90, basis: {instrument: cn-apl, article: 60}}\n"
  "        delivery_workdays: {value: 7, basis: {instrument: cn-apl, article: 61}}\n"
  "        hearing_request_workdays: {value: 5, basis: {instrument: cn-apl, article: 64}}\n"
  "        publication_workdays: {value: unknown}\n"
  "        limitation_years: {value: 2, basis: {instrument: cn-apl, article: 36}}\n"
  "        limitation_years_life_health_finance: {value: 5, basis: {instrument: cn-apl, article: 36}}\n"
  "        rounding: {unit: yuan, mode: half_up}\n"
  "        discretion_policy: {combine: tier_shift, start_percent: 50}\n"
  "  - kind: calendar\n"
  "    year: 2024\n"
  "    holidays:\n"
  "      - 2024-01-01\n"
  "      - {from: 2024-02-10, to: 2024-02-17, name: 春节}\n"
  "      - {from: 2024-05-01, to: 2024-05-05, name: 劳动节}\n"
  "      - {from: 2024-10-01, to: 2024-10-07, name: 国庆节}\n"
  "    workdays: [2024-02-04, 2024-02-18, 2024-04-28, 2024-05-11, 2024-09-29, 2024-10-12]\n"
  "  - kind: instrument\n"
  "    id: cn-apl\n"
  "    title: 中华人民共和国行政处罚法\n"
  "    level: law\n"
  "    issuer: 全国人民代表大会常务委员会\n"
  "    versions:\n"
  "      - {id: \"2021\", effective_from: 2021-07-15}\n"
  "  - kind: instrument\n"
  "    id: fuzz-reg\n"
  "    title: 模糊测试条例（虚构）\n"
  "    level: local_regulation\n"
  "    issuer: 模糊测试辖区人民代表大会常务委员会\n"
  "    versions:\n"
  "      - {id: \"2020\", effective_from: 2020-01-01}\n"
  "  - kind: benchmark\n"
  "    id: fuzz.range\n"
  "    title: 幅度与阶次\n"
  "    violates: {instrument: fuzz-reg, article: 10}\n"
  "    penalized_by: {instrument: fuzz-reg, article: 10, paragraph: 2}\n"
  "    trigger: immediate\n"
  "    order: correct\n"
  "    order_text: 责令改正\n"
  "    life_health_finance: true\n"
  "    facts:\n"
  "      area_m2: {type: number, unit: 平方米, label: 面积}\n"
  "      count: {type: integer, label: 处数}\n"
  "      harm_kind: {type: enum, values: [litter, smell, blockage], label: 危害类型}\n"
  "      gains: {type: money, label: 违法所得}\n"
  "      at_night: {type: bool, label: 夜间}\n"
  "      since: {type: date, label: 开始日期}\n"
  "    versions:\n"
  "      - effective_from: 2020-01-01\n"
  "        effective_to: 2023-12-31\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 200, max: 6000}}\n"
  "          organization: {kinds: [fine], fine: {min: 2000, max: 60000}}\n"
  "        tiers:\n"
  "          - {name: 从重, class: heavier, when: area_m2 >= 10 and at_night, text: 面积十平方米以上且在夜间, fine: {individual: {min: 3000, max: 6000}, organization: {min: 30000, max: 60000}}}\n"
  "          - {name: 一般, class: general, text: 其他情形}\n"
  "      - effective_from: 2024-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 100, max: 5000}}\n"
  "          organization: {kinds: [fine], fine: {min: 1000, max: 50000}}\n"
  "        factors:\n"
  "          - {code: night_market, direction: aggravating, label: 夜市经营}\n"
  "        exemptions:\n"
  "          - kind: minor\n"
  "            when: area_m2 < 1 and corrected and harm == none\n"
  "            text: 面积不足一平方米且已改正\n"
  "            basis: {instrument: cn-apl, article: 33, paragraph: 1}\n"
  "          - kind: first_violation\n"
  "            when: first_violation and corrected and harm in [none, minor]\n"
  "            text: 首次违法且已改正\n"
  "        tiers:\n"
  "          - name: 从重\n"
  "            class: heavier\n"
  "            when: area_m2 >= 10 and (at_night or count > 3) and since < 2024-03-01\n"
  "            text: 面积十平方米以上，夜间或者多处\n"
  "            fine: {individual: {min: 3000, max: 5000}, organization: {min: 30000, max: 50000}}\n"
  "          - name: 一般\n"
  "            class: general\n"
  "            when: harm_kind in [smell, blockage] or gains >= 1000.50\n"
  "            text: 造成异味、堵塞或者违法所得较多\n"
  "            fine: {individual: {min: 500, max: 3000}, organization: {min: 5000, max: 30000}}\n"
  "          - name: 从轻\n"
  "            class: lighter\n"
  "            when: not at_night and harm_kind not in [blockage]\n"
  "            text: 白天且未造成堵塞\n"
  "            fine: {individual: {min: 100, max: 500}, organization: {min: 1000, max: 5000}}\n"
  "          - name: 减轻\n"
  "            class: reduced\n"
  "            ground: {instrument: cn-apl, article: 32}\n"
  "            text: 依法减轻\n"
  "            fine: {individual: {max: 100}, organization: {max: 1000}}\n"
  "  - kind: benchmark\n"
  "    id: fuzz.per-unit\n"
  "    title: 按面积计罚\n"
  "    penalized_by: {instrument: fuzz-reg, article: 11}\n"
  "    trigger: overdue\n"
  "    order: correct_within\n"
  "    order_text: 责令限期改正\n"
  "    facts:\n"
  "      area_m2: {type: number, unit: 平方米, label: 面积}\n"
  "    versions:\n"
  "      - effective_from: 2020-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {per_unit: area_m2, unit: 平方米, min: 10, max: 50, cap: 5000}}\n"
  "          organization: {kinds: [fine], fine: {per_unit: area_m2, unit: 平方米, min: 100, max: 200, cap: 50000}}\n"
  "        tiers:\n"
  "          - {name: 较重, class: heavier, when: area_m2 > 100, text: 面积一百平方米以上, fine: {individual: {per_unit: area_m2, unit: 平方米, min: 30, max: 50, cap: 5000}, organization: {per_unit: area_m2, unit: 平方米, min: 150, max: 200, cap: 50000}}}\n"
  "          - {name: 一般, class: general, text: 其他情形}\n"
  "  - kind: benchmark\n"
  "    id: fuzz.multiple\n"
  "    title: 违法所得倍数\n"
  "    penalized_by: {instrument: fuzz-reg, article: 12}\n"
  "    trigger: immediate\n"
  "    order: stop\n"
  "    order_text: 责令停止违法行为\n"
  "    facts:\n"
  "      gains: {type: money, label: 违法所得}\n"
  "    versions:\n"
  "      - effective_from: 2020-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [confiscate_gains, fine], combine: and, fine: {multiple_of: gains, min_times: 1, max_times: 5, fallback: {min: 1000, max: 10000}}}\n"
  "          organization: {kinds: [confiscate_gains, fine], combine: and, fine: {multiple_of: gains, min_times: 1, max_times: 5, fallback: {min: 10000, max: 100000}}}\n"
  "        policy: {combine: position, start_percent: 50, step_percent: 20}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 违法所得一倍以上五倍以下}\n"
  "  - kind: benchmark\n"
  "    id: fuzz.warning-or-fine\n"
  "    title: 警告或者罚款\n"
  "    penalized_by: {instrument: fuzz-reg, article: 13}\n"
  "    trigger: refused\n"
  "    order: remove\n"
  "    order_text: 责令清除\n"
  "    facts:\n"
  "      repeat_count: {type: integer, label: 次数}\n"
  "    versions:\n"
  "      - effective_from: 2020-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [warning, fine], combine: or, fine: {max: 500}}\n"
  "        tiers:\n"
  "          - {name: 从重, class: heavier, when: repeat_count >= 2, text: 多次, kinds: [fine], fine: {max: 500}}\n"
  "          - {name: 一般, class: general, text: 初次, kinds: [warning]}\n"
  "  - kind: benchmark\n"
  "    id: fuzz.fixed\n"
  "    title: 固定罚款并处没收\n"
  "    penalized_by: {instrument: fuzz-reg, article: 14}\n"
  "    trigger: immediate\n"
  "    order: none\n"
  "    versions:\n"
  "      - effective_from: 2020-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine, confiscate_property], combine: and, fine: {fixed: 2000}}\n"
  "          organization: {kinds: [fine, suspend_business], combine: and, fine: {fixed: 20000}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 法定固定数额}\n"
  "  - kind: power\n"
  "    code: 990001ZQBCF00001\n"
  "    name: 对模糊测试违法行为的处罚\n"
  "    category: 行政处罚\n"
  "    benchmarks: [fuzz.range, fuzz.per-unit, fuzz.multiple]\n";

static EnforceRuleSet *rules;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceDiagnostics) diags = NULL;

  (void) argc;
  (void) argv;
  rules = enforce_rule_set_load_data ("fuzz-recommend.yaml", BUNDLE, sizeof BUNDLE - 1,
                                      NULL, &diags, &error);
  if (rules == NULL)
    {
      g_autofree char *text = diags != NULL ? enforce_diagnostics_to_string (diags, ENFORCE_LANG_EN) : NULL;
      g_printerr ("fuzz-recommend: the embedded bundle does not load: %s\n%s",
                  error->message, text != NULL ? text : "");
      fuzz_fail ("embedded rule bundle loads");
    }
  return 0;
}

static void
check_recommendation (const EnforceRecommendation *rec, gboolean traced)
{
  EnforceOutcome outcome = enforce_recommendation_get_outcome (rec);
  gint64 min = 0, max = 0, amount = 0;

  fuzz_check (outcome <= ENFORCE_OUTCOME_UNDETERMINED);
  fuzz_check (enforce_outcome_name (outcome) != NULL);
  fuzz_check (enforce_recommendation_get_procedure (rec) <= ENFORCE_PROCEDURE_NONE);
  fuzz_check (enforce_recommendation_get_hearing (rec) <= ENFORCE_ANSWER_UNDETERMINED);
  fuzz_check (enforce_recommendation_get_legal_review (rec) <= ENFORCE_ANSWER_UNDETERMINED);
  fuzz_check (enforce_recommendation_get_collective_discussion (rec) <= ENFORCE_ANSWER_UNDETERMINED);
  fuzz_check (enforce_recommendation_get_onsite_collection (rec) <= ENFORCE_ANSWER_UNDETERMINED);
  if (enforce_recommendation_get_range (rec, &min, &max))
    fuzz_check (0 <= min && min <= max);
  if (enforce_recommendation_get_amount (rec, &amount))
    {
      fuzz_check (amount >= 0);
      if (enforce_recommendation_get_range (rec, &min, &max))
        fuzz_check (min <= amount && amount <= max);
    }
  for (guint i = 0; i < enforce_recommendation_get_missing_count (rec); i++)
    fuzz_check (enforce_recommendation_get_missing (rec, i) != NULL);

  guint steps = enforce_recommendation_get_step_count (rec);
  fuzz_check (traced ? steps > 0 : steps == 0);
  for (guint i = 0; i < steps; i++)
    {
      const char *zh = enforce_recommendation_get_step_message (rec, i, ENFORCE_LANG_ZH);
      const char *en = enforce_recommendation_get_step_message (rec, i, ENFORCE_LANG_EN);
      fuzz_check (enforce_recommendation_get_step_code (rec, i) != NULL);
      fuzz_check (zh != NULL && g_utf8_validate (zh, -1, NULL));
      fuzz_check (en != NULL && g_utf8_validate (en, -1, NULL));
    }

  g_autofree char *json = enforce_recommendation_to_json (rec);
  g_autofree char *zh_text = enforce_recommendation_to_text (rec, ENFORCE_LANG_ZH);
  g_autofree char *en_text = enforce_recommendation_to_text (rec, ENFORCE_LANG_EN);
  fuzz_check (json != NULL && json[0] == '{' && g_utf8_validate (json, -1, NULL));
  /* The JSON writer copies text it was told needs no escaping (the
   * engine's own, REC_MESSAGE_*): a wrong claim shows as JSON the strict
   * reader refuses. */
  Doc *doc = doc_parse_json (json, strlen (json), "recommendation.json", NULL, NULL);
  fuzz_check (doc != NULL);
  doc_free (doc);
  fuzz_check (zh_text != NULL && g_utf8_validate (zh_text, -1, NULL));
  fuzz_check (en_text != NULL && g_utf8_validate (en_text, -1, NULL));
}

/* The trace is a record of the evaluation; it must not change its result. */
static void
check_same_result (const EnforceRecommendation *a, const EnforceRecommendation *b)
{
  gint64 a1 = 0, a2 = 0, b1 = 0, b2 = 0;

  fuzz_check (enforce_recommendation_get_outcome (a) == enforce_recommendation_get_outcome (b));
  fuzz_check (g_strcmp0 (enforce_recommendation_get_tier (a), enforce_recommendation_get_tier (b)) == 0);
  fuzz_check (g_strcmp0 (enforce_recommendation_get_benchmark_id (a),
                         enforce_recommendation_get_benchmark_id (b)) == 0);
  fuzz_check (enforce_recommendation_get_range (a, &a1, &a2) == enforce_recommendation_get_range (b, &b1, &b2));
  fuzz_check (a1 == b1 && a2 == b2);
  a1 = b1 = 0;
  fuzz_check (enforce_recommendation_get_amount (a, &a1) == enforce_recommendation_get_amount (b, &b1));
  fuzz_check (a1 == b1);
  fuzz_check (enforce_recommendation_get_procedure (a) == enforce_recommendation_get_procedure (b));
  fuzz_check (enforce_recommendation_get_missing_count (a) == enforce_recommendation_get_missing_count (b));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) plain_error = NULL;

  if (rules == NULL)
    LLVMFuzzerInitialize (NULL, NULL);

  g_autoptr(EnforceCase) kase =
    enforce_case_parse ((const char *) data, size, ENFORCE_FORMAT_AUTO, "fuzz", NULL, &error);
  if (kase == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  g_autoptr(EnforceRecommendation) traced =
    enforce_recommend (rules, kase, "2024-08-01", ENFORCE_RECOMMEND_TRACE, &error);
  g_autoptr(EnforceRecommendation) plain =
    enforce_recommend (rules, kase, "2024-08-01", ENFORCE_RECOMMEND_DEFAULT, &plain_error);
  if (traced == NULL)
    {
      fuzz_check_error (error);
      fuzz_check (plain == NULL && plain_error != NULL && plain_error->code == error->code);
      return 0;
    }
  fuzz_check (error == NULL && plain != NULL && plain_error == NULL);
  check_recommendation (traced, TRUE);
  check_recommendation (plain, FALSE);
  check_same_result (traced, plain);
  return 0;
}
