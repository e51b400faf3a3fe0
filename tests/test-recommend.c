/* test-recommend.c: enforce_recommend() steps 1-7 (docs/semantics.md).
 *
 * One in-memory rule set (RULES below) holds small benchmarks built so that
 * every expected value can be derived by hand from the law and the bundle;
 * each test says which article it checks and shows the arithmetic.
 *
 * Common ground of the cases (BASE): an individual aged 30 with full
 * capacity; the act is not minor, not corrected, its harm minor, not a
 * first violation, not without fault; act and discovery on 2024-05-10; no
 * ground for legal review or collective discussion.  The jurisdiction uses
 * tier_shift with start_percent 50 and rounds to whole yuan half up; its
 * hearing threshold for individuals is unknown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <enforce/enforce.h>
#include "node.h"
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
  "    factors:\n"
  "      - {code: minor_14_17, direction: mitigating, mandatory: true, allows_reduction: true, label: 已满十四周岁不满十八周岁, basis: {instrument: cn-apl, article: 30}}\n"
  "      - {code: partial_capacity, direction: mitigating, mandatory: false, allows_reduction: true, label: 尚未完全丧失辨认或者控制能力, basis: {instrument: cn-apl, article: 31}}\n"
  "      - {code: eliminated_harm, direction: mitigating, mandatory: true, allows_reduction: true, label: 主动消除危害后果, basis: {instrument: cn-apl, article: 32, item: 1}}\n"
  "      - {code: cooperative, direction: mitigating, mandatory: false, allows_reduction: false, label: 积极配合调查}\n"
  "      - {code: repeat, direction: aggravating, mandatory: false, allows_reduction: false, label: 一年内再犯}\n"
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
  "    provenance: {verified: false, note: 测试日历}\n"
  "  - kind: benchmark\n"
  "    id: t.tiered\n"
  "    title: 分阶次测试\n"
  "    violates: {instrument: t-reg, article: 10}\n"
  "    penalized_by: {instrument: t-reg, article: 20}\n"
  "    trigger: immediate\n"
  "    order: correct\n"
  "    facts:\n"
  "      area_m2: {type: number, unit: 平方米, label: 面积}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 100, max: 1000}}\n"
  "          organization: {kinds: [fine], fine: {min: 1000, max: 10000}}\n"
  "        tiers:\n"
  "          - name: 减轻\n"
  "            class: reduced\n"
  "            when: \"false\"\n"
  "            text: 依法减轻处罚\n"
  "            fine: {individual: {min: 50, max: 100}, organization: {min: 500, max: 1000}}\n"
  "            ground: {instrument: cn-apl, article: 32}\n"
  "          - name: 从轻\n"
  "            class: lighter\n"
  "            when: area_m2 < 1\n"
  "            text: 面积不足1平方米\n"
  "            fine: {individual: {min: 100, max: 300}, organization: {min: 1000, max: 3000}}\n"
  "          - name: 一般\n"
  "            class: general\n"
  "            when: area_m2 < 5\n"
  "            text: 面积1平方米以上不足5平方米\n"
  "            fine: {individual: {min: 300, max: 700}, organization: {min: 3000, max: 7000}}\n"
  "          - name: 从重\n"
  "            class: heavier\n"
  "            text: 面积5平方米以上\n"
  "            fine: {individual: {min: 700, max: 1000}, organization: {min: 7000, max: 10000}}\n"
  "            provenance: {verified: false, note: 阶次划分未见公开文件}\n"
  "        exemptions:\n"
  "          - kind: minor\n"
  "            when: area_m2 < 0.1 and corrected\n"
  "            text: 面积不足0.1平方米且已改正\n"
  "            basis: {instrument: cn-apl, article: 33, paragraph: 1}\n"
  "          - kind: first_violation\n"
  "            when: first_violation and corrected and harm in [none, minor]\n"
  "            text: 初次违法、危害后果轻微并及时改正\n"
  "            basis: {instrument: cn-apl, article: 33, paragraph: 1}\n"
  "  - kind: benchmark\n"
  "    id: t.nolighter\n"
  "    title: 无从轻阶次\n"
  "    violates: {instrument: t-reg, article: 11}\n"
  "    penalized_by: {instrument: t-reg, article: 21}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 100, max: 500}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n"
  "  - kind: benchmark\n"
  "    id: t.perunit\n"
  "    title: 按面积计罚\n"
  "    violates: {instrument: t-reg, article: 12}\n"
  "    penalized_by: {instrument: t-reg, article: 22}\n"
  "    facts:\n"
  "      area_m2: {type: number, unit: 平方米, label: 面积}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {per_unit: area_m2, unit: 平方米, min: 100, max: 200, cap: 500}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 每平方米100元以上200元以下，最高500元}\n"
  "  - kind: benchmark\n"
  "    id: t.multiple\n"
  "    title: 按违法所得倍数计罚\n"
  "    violates: {instrument: t-reg, article: 13}\n"
  "    penalized_by: {instrument: t-reg, article: 23}\n"
  "    facts:\n"
  "      gains: {type: money, label: 违法所得}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {multiple_of: gains, min_times: 1, max_times: 5, fallback: {min: 1000, max: 10000}}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 违法所得一倍以上五倍以下}\n"
  "  - kind: benchmark\n"
  "    id: t.half\n"
  "    title: 取整测试\n"
  "    violates: {instrument: t-reg, article: 14}\n"
  "    penalized_by: {instrument: t-reg, article: 24}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 100, max: 201}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一百元以上二百零一元以下}\n"
  "  - kind: benchmark\n"
  "    id: t.trigger\n"
  "    title: 拒不改正的处罚\n"
  "    violates: {instrument: t-reg, article: 15}\n"
  "    penalized_by: {instrument: t-reg, article: 25}\n"
  "    trigger: refused\n"
  "    order: correct_within\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {fixed: 500}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 拒不改正的}\n"
  "  - kind: benchmark\n"
  "    id: t.lhf\n"
  "    title: 涉及生命健康安全\n"
  "    violates: {instrument: t-reg, article: 16}\n"
  "    penalized_by: {instrument: t-reg, article: 26}\n"
  "    life_health_finance: true\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {fixed: 1000}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n"
  "  - kind: benchmark\n"
  "    id: t.lighter-new\n"
  "    title: 新规定较轻\n"
  "    violates: {instrument: t-reg, article: 17}\n"
  "    penalized_by: {instrument: t-reg, article: 27}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2021-07-15\n"
  "        effective_to: 2023-12-31\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 1000, max: 2000}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 旧规定}\n"
  "      - effective_from: 2024-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 500, max: 1000}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 新规定}\n"
  "  - kind: benchmark\n"
  "    id: t.heavier-new\n"
  "    title: 新规定较重\n"
  "    violates: {instrument: t-reg, article: 18}\n"
  "    penalized_by: {instrument: t-reg, article: 28}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2021-07-15\n"
  "        effective_to: 2023-12-31\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 500, max: 1000}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 旧规定}\n"
  "      - effective_from: 2024-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 1000, max: 2000}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 新规定}\n"
  "  - kind: benchmark\n"
  "    id: t.repealed\n"
  "    title: 已废止的规定\n"
  "    violates: {instrument: t-reg, article: 19}\n"
  "    penalized_by: {instrument: t-reg, article: 29}\n"
  "    repealed_from: 2024-01-01\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2021-07-15\n"
  "        effective_to: 2023-12-31\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {fixed: 800}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n"
  "  - kind: benchmark\n"
  "    id: t.ended\n"
  "    title: 版本终止但未写明废止的规定\n"
  "    violates: {instrument: t-reg, article: 19}\n"
  "    penalized_by: {instrument: t-reg, article: 29}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2021-07-15\n"
  "        effective_to: 2023-12-31\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {fixed: 800}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n"
  "  - kind: benchmark\n"
  "    id: t.a\n"
  "    title: 候选条款甲\n"
  "    violates: {instrument: t-reg, article: 30}\n"
  "    penalized_by: {instrument: t-reg, article: 31}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {fixed: 500}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n"
  "  - kind: benchmark\n"
  "    id: t.b\n"
  "    title: 候选条款乙\n"
  "    violates: {instrument: t-reg, article: 32}\n"
  "    penalized_by: {instrument: t-reg, article: 33}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {fixed: 800}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n"
  /* t.a2 fines exactly as t.a (a tie under Art. 29); t.c recommends the
   * same 500 yuan (midpoint of 100–900) under a higher statutory maximum. */
  "  - kind: benchmark\n"
  "    id: t.a2\n"
  "    title: 候选条款甲二\n"
  "    violates: {instrument: t-reg, article: 34}\n"
  "    penalized_by: {instrument: t-reg, article: 35}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {fixed: 500}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n"
  "  - kind: benchmark\n"
  "    id: t.c\n"
  "    title: 候选条款丙\n"
  "    violates: {instrument: t-reg, article: 36}\n"
  "    penalized_by: {instrument: t-reg, article: 37}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 100, max: 900}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n"
  /* 法定情形 (a sub-clause with its own fine), after 第六十五条第一款: 100–200,
   * "有碍城市容貌的" fixed 2000 as a statutory tier.  从重/从轻 are reached
   * only by shifting; 有碍城市容貌 is listed first among the heavier tiers,
   * so shifting that counted it would land on it. */
  "  - kind: benchmark\n"
  "    id: t.statutory\n"
  "    title: 法定情形测试\n"
  "    violates: {instrument: t-reg, article: 40, paragraph: 1}\n"
  "    penalized_by: {instrument: t-reg, article: 40, paragraph: 1}\n"
  "    facts:\n"
  "      mars: {type: bool, label: 有碍城市容貌}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 100, max: 200}}\n"
  "        tiers:\n"
  "          - {name: 有碍城市容貌, class: heavier, statutory: true, when: mars, text: 有碍城市容貌的, fine: {fixed: 2000}}\n"
  "          - {name: 从重, class: heavier, when: \"false\", text: 仅由情节调整, fine: {min: 150, max: 200}}\n"
  "          - {name: 从轻, class: lighter, when: \"false\", text: 仅由情节调整, fine: {min: 100, max: 150}}\n"
  "          - {name: 一般, class: general, text: 一般情形, fine: {min: 100, max: 200}}\n"
  /* A statutory range (1000–2000, outside the main 100–200) under the
   * position policy, and a grounded 减轻 tier. */
  "  - kind: benchmark\n"
  "    id: t.statutory-reduced\n"
  "    title: 法定情形与减轻测试\n"
  "    violates: {instrument: t-reg, article: 41}\n"
  "    penalized_by: {instrument: t-reg, article: 41}\n"
  "    facts:\n"
  "      mars: {type: bool, label: 有碍城市容貌}\n"
  "    provenance: {verified: true}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        policy: {combine: position, start_percent: 50, step_percent: 20}\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {min: 100, max: 200}}\n"
  "        tiers:\n"
  "          - {name: 减轻, class: reduced, when: \"false\", text: 依法减轻, ground: {instrument: cn-apl, article: 32}, fine: {min: 50, max: 90}}\n"
  "          - {name: 有碍城市容貌, class: heavier, statutory: true, when: mars, text: 有碍城市容貌的, fine: {min: 1000, max: 2000}}\n"
  "          - {name: 从轻, class: lighter, when: \"false\", text: 仅由情节调整, fine: {min: 100, max: 150}}\n"
  "          - {name: 一般, class: general, text: 一般情形, fine: {min: 100, max: 200}}\n"
  "  - kind: power\n"
  "    code: P-TEST-001\n"
  "    name: 对测试违法行为的处罚\n"
  "    category: 行政处罚\n"
  "    benchmarks: [t.a, t.b]\n";

/* A rule set without cn-apl: steps that cite the Administrative Penalty Law
 * then carry no citation. */
static const char RULES_WITHOUT_APL[] =
  "kind: bundle\n"
  "documents:\n"
  "  - kind: instrument\n"
  "    id: t-reg\n"
  "    title: 测试条例\n"
  "    level: local_regulation\n"
  "    issuer: 测试\n"
  "    versions: [{id: \"2019\", effective_from: 2019-01-01}]\n"
  "  - kind: jurisdiction\n"
  "    id: bare\n"
  "    name: 测试\n"
  "    code: \"990001\"\n"
  "    parameters:\n"
  "      - effective_from: 2019-01-01\n"
  "        limitation_years: {value: 2}\n"
  "        rounding: {unit: yuan, mode: half_up}\n"
  "        discretion_policy: {combine: tier_shift, start_percent: 50}\n"
  "  - kind: benchmark\n"
  "    id: t.bare\n"
  "    title: 无行政处罚法的规则集\n"
  "    violates: {instrument: t-reg, article: 1}\n"
  "    penalized_by: {instrument: t-reg, article: 2}\n"
  "    versions:\n"
  "      - effective_from: 2019-01-01\n"
  "        penalties:\n"
  "          individual: {kinds: [fine], fine: {fixed: 100}}\n"
  "        tiers:\n"
  "          - {name: 一般, class: general, text: 一般情形}\n";

#define PERSON "party: {class: individual, age: 30, capacity: full}\n"
#define CIRC "circumstances: {minor: false, corrected: false, harm: minor, first_violation: false, no_fault: false}\n"
#define DATES "dates: {act: 2024-05-10, discovered: 2024-05-10}\n"
#define REVIEW "review: {complex: false, serious: false, major_public_interest: false, hearing_held: false, other_required: false}\n"
#define BASE PERSON CIRC DATES REVIEW

static EnforceRuleSet *rules;

static EnforceRuleSet *
load_rules (const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceDiagnostics) diags = NULL;
  EnforceRuleSet *rs = enforce_rule_set_load_data (name, text, strlen (text), NULL, &diags, &error);

  if (rs == NULL)
    {
      g_autofree char *all = diags ? enforce_diagnostics_to_string (diags, ENFORCE_LANG_EN) : NULL;
      fail_msg ("%s\n%s", error->message, all ? all : "");
    }
  return rs;
}

static int
setup (void **state)
{
  (void) state;
  rules = load_rules ("engine-test.yaml", RULES);
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
recommend_with (const EnforceRuleSet *rs, const char *case_text, const char *as_of,
                EnforceRecommendFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceCase) kase = enforce_case_parse (case_text, strlen (case_text), ENFORCE_FORMAT_AUTO,
                                                    "case.yaml", NULL, &error);
  EnforceRecommendation *r;

  if (kase == NULL)
    fail_msg ("case does not parse: %s\n%s", error->message, case_text);
  r = enforce_recommend (rs, kase, as_of, flags, &error);
  if (r == NULL)
    fail_msg ("recommend failed: %s\n%s", error->message, case_text);
  return r;
}

static EnforceRecommendation *
recommend (const char *case_text)
{
  return recommend_with (rules, case_text, NULL, ENFORCE_RECOMMEND_DEFAULT);
}

/* The case fails with exactly @code, and the message names @path. */
static void
assert_case_error (const char *case_text, EnforceErrorCode code, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceCase) kase = enforce_case_parse (case_text, strlen (case_text), ENFORCE_FORMAT_AUTO,
                                                    "case.yaml", NULL, &error);
  EnforceRecommendation *r;

  if (kase == NULL)
    fail_msg ("case does not parse: %s", error->message);
  r = enforce_recommend (rules, kase, NULL, ENFORCE_RECOMMEND_DEFAULT, &error);
  assert_null (r);
  assert_non_null (error);
  assert_true (error->domain == ENFORCE_ERROR);
  if (error->code != (int) code)
    fail_msg ("expected %s, got %s: %s", enforce_error_code_name (code),
              enforce_error_code_name ((EnforceErrorCode) error->code), error->message);
  if (path && strstr (error->message, path) == NULL)
    fail_msg ("message does not name %s: %s", path, error->message);
}

static gint64
amount_of (const EnforceRecommendation *r)
{
  gint64 fen = -1;

  assert_true (enforce_recommendation_get_amount (r, &fen));
  return fen;
}

static void
assert_range (const EnforceRecommendation *r, gint64 min, gint64 max)
{
  gint64 a = -1, b = -1;

  assert_true (enforce_recommendation_get_range (r, &a, &b));
  assert_int_equal (a, min);
  assert_int_equal (b, max);
}

/* A fine of @fen under @tier. */
static void
assert_fine (const EnforceRecommendation *r, const char *tier, gint64 fen)
{
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_FINE);
  if (tier)
    assert_string_equal (enforce_recommendation_get_tier (r), tier);
  assert_int_equal (amount_of (r), fen);
}

static void
assert_no_penalty (const EnforceRecommendation *r, const char *decided_by, gboolean discretionary)
{
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_NO_PENALTY);
  assert_string_equal (r->decided_by, decided_by);
  assert_int_equal (enforce_recommendation_is_discretionary (r), discretionary);
  assert_false (enforce_recommendation_get_amount (r, NULL));
  assert_false (enforce_recommendation_get_range (r, NULL, NULL));
  assert_int_equal (enforce_recommendation_get_procedure (r), ENFORCE_PROCEDURE_NONE);
}

/* The missing list is exactly the NULL-terminated paths given, in order. */
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
  if (n != enforce_recommendation_get_missing_count (r))
    fail_msg ("missing has %u entries, expected %u; next: %s", enforce_recommendation_get_missing_count (r),
              n, enforce_recommendation_get_missing (r, n));
}

static void
assert_undetermined (const EnforceRecommendation *r)
{
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_UNDETERMINED);
  assert_null (enforce_recommendation_get_tier (r));
  assert_false (enforce_recommendation_get_amount (r, NULL));
  assert_false (enforce_recommendation_get_range (r, NULL, NULL));
  assert_int_equal (enforce_recommendation_get_procedure (r), ENFORCE_PROCEDURE_UNDETERMINED);
  assert_int_equal (enforce_recommendation_get_hearing (r), ENFORCE_ANSWER_UNDETERMINED);
}

#define TIERED(facts) "benchmark: t.tiered\nfacts: " facts "\n"

/* ---- Step 4: tier ---------------------------------------------------- */

/* 一般 300–700 yuan, midpoint 500. */
static void
test_recommend__general_tier_fines_the_midpoint (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (TIERED ("{area_m2: 2}") BASE);

  (void) state;
  assert_fine (r, "一般", 50000);
  assert_range (r, 30000, 70000);
  assert_string_equal (enforce_recommendation_get_benchmark_id (r), "t.tiered");
  assert_string_equal (enforce_recommendation_get_version (r), "2019-01-01");
  /* Art. 63: the individual threshold is unknown, which leaves only the
   * hearing undetermined. */
  assert_int_equal (enforce_recommendation_get_hearing (r), ENFORCE_ANSWER_UNDETERMINED);
  assert_missing (r, "parameters.hearing_threshold.individual", NULL);
}

/* A trace message is copied into the JSON unescaped when the engine found
 * nothing to escape while writing it, and rule text the loader found
 * plain (model.h PlainLen) is copied as it is: a tier text with a quote, a
 * backslash and a tab, a title with quotes and a tier name with a
 * backslash must still come out escaped wherever they go (the result, the
 * trace's inputs, its messages in both languages), while the text output
 * keeps the raw characters. */
static void
test_recommend__trace_message_with_rule_text_needing_escapes_is_escaped (void **state)
{
  g_autoptr(GString) text = g_string_new (RULES);
  g_autoptr(EnforceRuleSet) odd = NULL;
  g_autoptr(EnforceRecommendation) r = NULL;

  (void) state;
  g_assert_cmpuint (g_string_replace (text, "text: 面积1平方米以上不足5平方米",
                                      "text: \"面积\\\"1\\\"\\\\平方米\\t\"", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "title: 分阶次测试", "title: \"分阶次\\\"测试\\\"\"", 1),
                    ==, 1);
  g_assert_cmpuint (g_string_replace (text, "- name: 一般", "- name: \"一\\\\般\"", 1), ==, 1);
  odd = load_rules ("odd-text.yaml", text->str);
  r = recommend_with (odd, TIERED ("{area_m2: 2}") BASE, NULL, ENFORCE_RECOMMEND_TRACE);

  g_autofree char *json = enforce_recommendation_to_json (r);
  g_autofree char *zh = enforce_recommendation_to_text (r, ENFORCE_LANG_ZH);
  assert_non_null (strstr (json, "\"zh\":\"适用阶次“一\\\\般”（一般）：面积\\\"1\\\"\\\\平方米\\t\""));
  assert_non_null (strstr (json, "\"en\":\"Tier \\\"一\\\\般\\\" (general) applies: 面积\\\"1\\\"\\\\平方米\\t\""));
  assert_non_null (strstr (json, "\"title\":\"分阶次\\\"测试\\\"\""));
  assert_non_null (strstr (json, "\"zh\":\"适用裁量基准 t.tiered：分阶次\\\"测试\\\"\""));
  assert_non_null (strstr (json, "\"tier\":{\"name\":\"一\\\\般\""));
  assert_non_null (strstr (json, "\"inputs\":{\"tier\":\"一\\\\般\""));
  assert_null (strchr (json, '\t'));
  assert_non_null (strstr (zh, "适用阶次“一\\般”（一般）：面积\"1\"\\平方米\t"));
}

/* First tier whose condition holds: area 0.5 < 1 → 从轻 100–300, 200. */
static void
test_recommend__first_matching_tier_applies (void **state)
{
  g_autoptr(EnforceRecommendation) lighter = recommend (TIERED ("{area_m2: 0.5}") BASE);
  g_autoptr(EnforceRecommendation) boundary = recommend (TIERED ("{area_m2: 1}") BASE);
  g_autoptr(EnforceRecommendation) heavier = recommend (TIERED ("{area_m2: 5}") BASE);

  (void) state;
  assert_fine (lighter, "从轻", 20000);
  assert_range (lighter, 10000, 30000);
  /* area_m2 < 1 is false at exactly 1: 一般. */
  assert_fine (boundary, "一般", 50000);
  /* 从重 700–1000: 850. */
  assert_fine (heavier, "从重", 85000);
}

/* A tier condition that is unknown is not false: undetermined, listing the
 * fact (semantics step 4). */
static void
test_recommend__unknown_tier_fact_is_undetermined (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmark: t.tiered\n" BASE);

  (void) state;
  assert_undetermined (r);
  assert_missing (r, "facts.area_m2", NULL);
}

/* Kleene logic across the gates: a gate decided by the facts given does
 * not ask for the others (corrected false decides Art. 33 ¶1 without
 * `minor`); every input still missing is listed, in step order. */
static void
test_recommend__lists_every_missing_input_in_step_order (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    "benchmark: t.tiered\n"
    "party: {class: individual, capacity: full}\n"
    "circumstances: {corrected: false, harm: minor, first_violation: false, no_fault: false}\n"
    "dates: {act: 2024-05-10}\n" REVIEW);

  (void) state;
  assert_undetermined (r);
  assert_missing (r, "dates.discovered", "party.birth_date", "facts.area_m2", NULL);
}

/* Without a discovery date no period was looked up: the limitation step
 * says the period is unknown rather than "0 years". */
static void
test_recommend__unknown_limitation_period_is_not_zero_years (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend_with (
    rules, TIERED ("{area_m2: 2}") PERSON CIRC "dates: {act: 2024-05-10}\n" REVIEW,
    NULL, ENFORCE_RECOMMEND_TRACE);
  const char *zh = NULL, *en = NULL;

  (void) state;
  for (guint i = 0; i < enforce_recommendation_get_step_count (r); i++)
    if (strcmp (enforce_recommendation_get_step_code (r, i), "gate.limitation") == 0)
      {
        zh = enforce_recommendation_get_step_message (r, i, ENFORCE_LANG_ZH);
        en = enforce_recommendation_get_step_message (r, i, ENFORCE_LANG_EN);
      }
  assert_non_null (zh);
  assert_non_null (strstr (zh, "追责时效期间未知"));
  assert_null (strstr (zh, "0年"));
  assert_non_null (strstr (en, "Limitation period unknown"));
}

/* Art. 33 ¶1 needs `minor` when corrected and harmless. */
static void
test_recommend__minor_gate_names_the_missing_circumstance (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    TIERED ("{area_m2: 2}") PERSON DATES REVIEW
    "circumstances: {corrected: true, harm: none, first_violation: false, no_fault: false}\n");

  (void) state;
  assert_undetermined (r);
  assert_missing (r, "circumstances.minor", NULL);
}

/* ---- Step 2: law in force (Art. 37) ---------------------------------- */

#define ART37(bm) "benchmark: " bm "\n" PERSON CIRC REVIEW \
  "dates: {act: 2023-06-01, discovered: 2023-06-01, decided: 2024-02-01}\n"

/* Old 1000–2000 (1500), new 500–1000 (750): the lighter new version applies. */
static void
test_recommend__art37_lighter_new_version_applies (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (ART37 ("t.lighter-new"));

  (void) state;
  assert_fine (r, NULL, 75000);
  assert_string_equal (enforce_recommendation_get_version (r), "2024-01-01");
}

/* Old 500–1000 (750), new 1000–2000 (1500): the act-date version stays. */
static void
test_recommend__art37_heavier_new_version_does_not_apply (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (ART37 ("t.heavier-new"));

  (void) state;
  assert_fine (r, NULL, 75000);
  assert_string_equal (enforce_recommendation_get_version (r), "2021-07-15");
}

/* Repealed by the decision date: the act is no longer punishable. */
static void
test_recommend__art37_repealed_provision_means_no_penalty (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (ART37 ("t.repealed"));
  g_autoptr(EnforceRecommendation) before = recommend (
    "benchmark: t.repealed\n" PERSON CIRC REVIEW
    "dates: {act: 2023-06-01, discovered: 2023-06-01, decided: 2023-10-01}\n");

  (void) state;
  assert_no_penalty (r, "law_in_force", FALSE);
  /* Decided while still in force: 800 yuan. */
  assert_fine (before, NULL, 80000);
}

/* A version that ends without repealed_from is not a repeal (the article
 * may be renumbered, or a revision not yet in the rule set): the rule on
 * the decision date is missing rule data. */
static void
test_recommend__ended_version_without_repeal_is_undetermined (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (ART37 ("t.ended"));

  (void) state;
  assert_undetermined (r);
  assert_missing (r, "benchmarks.t.ended.version_on_decided", NULL);
  assert_false (enforce_recommendation_get_amount (r, NULL));
  assert_false (enforce_recommendation_get_range (r, NULL, NULL));
}

/* Nothing is lighter than no penalty: a settled no-penalty under the
 * act-date version stands even though the decision-date rule is unknown. */
static void
test_recommend__ended_version_keeps_a_settled_no_penalty (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    "benchmark: t.ended\n" PERSON CIRC REVIEW
    "dates: {act: 2021-08-01, discovered: 2023-09-01, decided: 2024-02-01}\n");

  (void) state;
  assert_int_equal (enforce_recommendation_get_outcome (r), ENFORCE_OUTCOME_NO_PENALTY);
  assert_int_equal (enforce_recommendation_get_missing_count (r), 0);
}

static void
test_recommend__no_version_on_the_act_date_is_an_error (void **state)
{
  (void) state;
  assert_case_error ("benchmark: t.lighter-new\n" PERSON CIRC REVIEW
                     "dates: {act: 2021-01-01, discovered: 2021-01-01}\n",
                     ENFORCE_ERROR_UNKNOWN_BENCHMARK, "dates.act");
}

/* Without the act date nothing can be evaluated: undetermined. */
static void
test_recommend__missing_act_date_is_undetermined (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    TIERED ("{area_m2: 2}") PERSON CIRC REVIEW "dates: {discovered: 2024-05-10}\n");

  (void) state;
  assert_undetermined (r);
  assert_missing (r, "dates.act", NULL);
  assert_null (enforce_recommendation_get_version (r));
}

/* ---- Step 3: gates --------------------------------------------------- */

#define LIMITATION(act, discovered) TIERED ("{area_m2: 2}") PERSON CIRC REVIEW \
  "dates: {act: " act ", discovered: " discovered "}\n"

/* Art. 36: two years from the act; discovery on the anniversary is in
 * time, the day after is not. */
static void
test_recommend__limitation_ends_on_the_second_anniversary (void **state)
{
  g_autoptr(EnforceRecommendation) in_time = recommend (LIMITATION ("2022-05-10", "2024-05-10"));
  g_autoptr(EnforceRecommendation) late = recommend (LIMITATION ("2022-05-10", "2024-05-11"));

  (void) state;
  assert_fine (in_time, "一般", 50000);
  assert_no_penalty (late, "gate.limitation", FALSE);
}

/* Art. 36: a continuing act's period runs from its end. */
static void
test_recommend__limitation_runs_from_the_end_of_a_continuing_act (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    TIERED ("{area_m2: 2}") PERSON CIRC REVIEW
    "dates: {act: 2022-01-01, act_end: 2022-05-10, discovered: 2024-05-10}\n");

  (void) state;
  assert_fine (r, "一般", 50000);
}

#define LHF(harm) "benchmark: t.lhf\n" PERSON REVIEW \
  "circumstances: {minor: false, corrected: false, " harm " first_violation: false, no_fault: false}\n" \
  "dates: {act: 2021-08-01, discovered: 2024-08-01}\n"

/* Art. 36: five years for life/health/finance when harm was caused. */
static void
test_recommend__limitation_is_five_years_with_harm_to_life_or_health (void **state)
{
  g_autoptr(EnforceRecommendation) harm = recommend (LHF ("harm: serious,"));
  g_autoptr(EnforceRecommendation) none = recommend (LHF ("harm: none,"));
  g_autoptr(EnforceRecommendation) unknown = recommend (LHF (""));

  (void) state;
  assert_fine (harm, NULL, 100000);
  assert_no_penalty (none, "gate.limitation", FALSE);
  /* Three years: expired under two, not under five — harm decides. */
  assert_undetermined (unknown);
  assert_missing (unknown, "circumstances.harm", NULL);
}

#define AGED(party) TIERED ("{area_m2: 2}") "party: " party "\n" CIRC DATES REVIEW

/* Art. 30: under 14 on the act date, no penalty. */
static void
test_recommend__age_13_is_not_penalised (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (AGED ("{class: individual, birth_date: 2010-05-11, capacity: full}"));

  (void) state;
  assert_no_penalty (r, "gate.age", FALSE);
}

/* Art. 30: 14 on the birthday itself; 14–17 must be mitigated: 一般 shifts
 * down one (minor_14_17) to 从轻 100–300, 200. */
static void
test_recommend__ages_14_and_17_are_mitigated (void **state)
{
  g_autoptr(EnforceRecommendation) fourteen = recommend (AGED ("{class: individual, birth_date: 2010-05-09, capacity: full}"));
  g_autoptr(EnforceRecommendation) seventeen = recommend (AGED ("{class: individual, age: 17, capacity: full}"));
  g_autoptr(EnforceRecommendation) eighteen = recommend (AGED ("{class: individual, age: 18, capacity: full}"));

  (void) state;
  assert_fine (fourteen, "从轻", 20000);
  assert_fine (seventeen, "从轻", 20000);
  assert_fine (eighteen, "一般", 50000);
}

/* 周岁 is completed the day after the birthday (docs/semantics.md step 3):
 * on the 14th birthday (act 2024-05-10) the party is still under 14, on the
 * 18th still a minor; the day after, 14 and 18. */
static void
test_recommend__age_is_reached_the_day_after_the_birthday (void **state)
{
  g_autoptr(EnforceRecommendation) on_14th = recommend (AGED ("{class: individual, birth_date: 2010-05-10, capacity: full}"));
  g_autoptr(EnforceRecommendation) after_14th = recommend (AGED ("{class: individual, birth_date: 2010-05-09, capacity: full}"));
  g_autoptr(EnforceRecommendation) on_18th = recommend (AGED ("{class: individual, birth_date: 2006-05-10, capacity: full}"));
  g_autoptr(EnforceRecommendation) after_18th = recommend (AGED ("{class: individual, birth_date: 2006-05-09, capacity: full}"));

  (void) state;
  assert_no_penalty (on_14th, "gate.age", FALSE);
  assert_fine (after_14th, "从轻", 20000);
  assert_fine (on_18th, "从轻", 20000);
  assert_fine (after_18th, "一般", 50000);
}

/* Art. 30 (second sentence) forbids 一般 and 从重: 从重 shifts down one to 一般, which is
 * still forbidden, so the heaviest 从轻 tier applies: 200. */
static void
test_recommend__mandatory_mitigation_forbids_general_and_heavier (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    TIERED ("{area_m2: 10}") "party: {class: individual, age: 15, capacity: full}\n" CIRC DATES REVIEW);

  (void) state;
  assert_fine (r, "从轻", 20000);
}

/* Mandatory mitigation with no 从轻 or 减轻 tier to go to. */
static void
test_recommend__mandatory_mitigation_without_lighter_tier_is_undetermined (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmark: t.nolighter\nfactors: [eliminated_harm]\n" BASE);

  (void) state;
  assert_undetermined (r);
  assert_missing (r, "tiers.lighter", NULL);
}

/* Art. 31: no capacity, no penalty; partial capacity may mitigate
 * (partial_capacity: 一般 → 从轻). */
static void
test_recommend__capacity_none_and_partial (void **state)
{
  g_autoptr(EnforceRecommendation) none = recommend (AGED ("{class: individual, age: 30, capacity: none}"));
  g_autoptr(EnforceRecommendation) partial = recommend (AGED ("{class: individual, age: 30, capacity: partial}"));
  g_autoptr(EnforceRecommendation) missing = recommend (AGED ("{class: individual, age: 30}"));

  (void) state;
  assert_no_penalty (none, "gate.capacity", FALSE);
  assert_fine (partial, "从轻", 20000);
  assert_undetermined (missing);
  assert_missing (missing, "party.capacity", NULL);
}

/* Age and capacity are individuals' gates (Art. 30, 31). */
static void
test_recommend__organizations_skip_age_and_capacity (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    TIERED ("{area_m2: 2}") "party: {class: organization}\n" CIRC DATES REVIEW);

  (void) state;
  /* Organization 一般 3000–7000: 5000 yuan. */
  assert_fine (r, "一般", 500000);
}

/* Art. 33 ¶2: no fault, no penalty. */
static void
test_recommend__no_fault_is_not_penalised (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    TIERED ("{area_m2: 2}") PERSON DATES REVIEW
    "circumstances: {minor: false, corrected: false, harm: minor, first_violation: false, no_fault: true}\n");

  (void) state;
  assert_no_penalty (r, "gate.no_fault", FALSE);
}

#define CIRCS(c) TIERED ("{area_m2: 2}") PERSON DATES REVIEW "circumstances: {" c ", no_fault: false}\n"

/* Art. 33 ¶1: minor, corrected and no harm → no penalty, mandatory; with
 * minor harm it is penalised. */
static void
test_recommend__minor_corrected_harmless_is_not_penalised (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (CIRCS ("minor: true, corrected: true, harm: none, first_violation: false"));
  g_autoptr(EnforceRecommendation) harm = recommend (CIRCS ("minor: true, corrected: true, harm: minor, first_violation: false"));

  (void) state;
  assert_no_penalty (r, "gate.minor", FALSE);
  assert_fine (harm, "一般", 50000);
}

/* The benchmark's 轻微不罚 exemption: area < 0.1 and corrected. */
static void
test_recommend__minor_exemption_of_the_benchmark_holds (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    TIERED ("{area_m2: 0.05}") PERSON DATES REVIEW
    "circumstances: {minor: false, corrected: true, harm: serious, first_violation: false, no_fault: false}\n");

  (void) state;
  assert_no_penalty (r, "gate.minor", FALSE);
}

/* Art. 33 ¶1 second sentence: first violation, minor harm, corrected → no
 * penalty may be imposed (discretionary). */
static void
test_recommend__first_violation_exemption_is_discretionary (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (CIRCS ("minor: false, corrected: true, harm: minor, first_violation: true"));

  (void) state;
  assert_no_penalty (r, "gate.first_violation", TRUE);
}

/* first_violation not stated: derived from prior_violations of the same
 * provision before the act. */
static void
test_recommend__first_violation_is_derived_from_prior_violations (void **state)
{
  g_autoptr(EnforceRecommendation) none = recommend (
    CIRCS ("minor: false, corrected: true, harm: minor") "prior_violations: []\n");
  g_autoptr(EnforceRecommendation) prior = recommend (
    CIRCS ("minor: false, corrected: true, harm: minor")
    "prior_violations: [{benchmark: t.tiered, date: 2023-08-01}]\n");
  g_autoptr(EnforceRecommendation) other = recommend (
    CIRCS ("minor: false, corrected: true, harm: minor")
    "prior_violations: [{benchmark: t.a, date: 2023-08-01}]\n");

  (void) state;
  assert_no_penalty (none, "gate.first_violation", TRUE);
  assert_fine (prior, "一般", 50000);
  assert_no_penalty (other, "gate.first_violation", TRUE);
}

#define TRIGGER(outcome) "benchmark: t.trigger\n" BASE outcome

/* 拒不改正: the penalty is due only after the order was refused. */
static void
test_recommend__trigger_refused_versus_complied (void **state)
{
  g_autoptr(EnforceRecommendation) refused = recommend (TRIGGER ("correction: {ordered: 2024-05-10, deadline: 2024-05-17, outcome: refused}\n"));
  g_autoptr(EnforceRecommendation) complied = recommend (TRIGGER ("correction: {ordered: 2024-05-10, deadline: 2024-05-17, outcome: complied}\n"));
  g_autoptr(EnforceRecommendation) pending = recommend (TRIGGER ("correction: {ordered: 2024-05-10, deadline: 2024-05-17, outcome: pending}\n"));
  g_autoptr(EnforceRecommendation) unknown = recommend (TRIGGER (""));

  (void) state;
  assert_fine (refused, NULL, 50000);
  assert_no_penalty (complied, "gate.trigger", FALSE);
  /* Before the deadline the element may still come about: undetermined. */
  assert_undetermined (pending);
  assert_missing (pending, "correction.outcome", NULL);
  assert_undetermined (unknown);
  assert_missing (unknown, "correction.outcome", NULL);
}

static gboolean
has_step (const EnforceRecommendation *r, const char *code, const char *zh_part)
{
  for (guint i = 0; i < enforce_recommendation_get_step_count (r); i++)
    if (strcmp (enforce_recommendation_get_step_code (r, i), code) == 0
        && (zh_part == NULL
            || strstr (enforce_recommendation_get_step_message (r, i, ENFORCE_LANG_ZH), zh_part)))
      return TRUE;
  return FALSE;
}

/* A complied order leaves the provision's element absent: no penalty, but
 * not an Art. 33 不予处罚, so no education step or line; a pending one
 * says the deadline has not passed. */
static void
test_recommend__trigger_complied_has_no_education_and_pending_waits (void **state)
{
  g_autoptr(EnforceRecommendation) complied = recommend_with (
    rules, TRIGGER ("correction: {ordered: 2024-05-10, deadline: 2024-05-17, outcome: complied}\n"),
    NULL, ENFORCE_RECOMMEND_TRACE);
  g_autoptr(EnforceRecommendation) pending = recommend_with (
    rules, TRIGGER ("correction: {ordered: 2024-05-10, deadline: 2024-05-17, outcome: pending}\n"),
    NULL, ENFORCE_RECOMMEND_TRACE);
  g_autofree char *text = enforce_recommendation_to_text (complied, ENFORCE_LANG_ZH);

  (void) state;
  assert_true (has_step (complied, "gate.trigger", "不具备拒不改正/逾期不改正的处罚条件"));
  assert_false (has_step (complied, "education", NULL));
  assert_null (strstr (text, "第三十三条第三款"));
  assert_non_null (strstr (text, "已按期改正"));
  assert_true (has_step (pending, "gate.trigger", "改正期限尚未届满"));
  assert_false (has_step (pending, "education", NULL));
}

/* ---- Step 5: fine forms ---------------------------------------------- */

#define PER_UNIT(area) "benchmark: t.perunit\nfacts: {area_m2: " area "}\n" BASE

/* 100–200 yuan per m² × 2.5 m² = 250–500, midpoint 375. */
static void
test_recommend__per_unit_fine_with_fractional_quantity (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (PER_UNIT ("2.5"));

  (void) state;
  assert_range (r, 25000, 50000);
  assert_fine (r, NULL, 37500);
}

/* × 2.37 m² = 237–474, midpoint 355.5 → half up → 356: computed exactly,
 * rounded once. */
static void
test_recommend__per_unit_midpoint_rounds_half_up_once (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (PER_UNIT ("2.37"));

  (void) state;
  assert_range (r, 23700, 47400);
  assert_fine (r, NULL, 35600);
}

/* × 4 m² = 400–800, capped at 500: 400–500, midpoint 450. */
static void
test_recommend__per_unit_fine_is_capped (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (PER_UNIT ("4"));

  (void) state;
  assert_range (r, 40000, 50000);
  assert_fine (r, NULL, 45000);
}

/* A count of units (处, 辆) below zero is a bad case, not a zero fine. */
static void
test_recommend__negative_integer_quantity_is_a_case_error (void **state)
{
  static const char bundle[] =
    "kind: bundle\n"
    "documents:\n"
    "  - {kind: instrument, id: r, title: 条例, level: local_regulation, issuer: 人大,\n"
    "     versions: [{id: \"1\", effective_from: 2019-01-01}]}\n"
    "  - kind: jurisdiction\n"
    "    id: j\n"
    "    name: 测试\n"
    "    code: \"990000\"\n"
    "    parameters:\n"
    "      - {effective_from: 2019-01-01, limitation_years: {value: 2},\n"
    "         rounding: {unit: yuan, mode: half_up}, discretion_policy: {combine: tier_shift, start_percent: 50}}\n"
    "  - kind: benchmark\n"
    "    id: b.count\n"
    "    title: 按处计罚\n"
    "    violates: {instrument: r, article: 1}\n"
    "    penalized_by: {instrument: r, article: 2}\n"
    "    trigger: immediate\n"
    "    order: correct\n"
    "    facts: {count: {type: integer, label: 处数}}\n"
    "    versions:\n"
    "      - effective_from: 2019-01-01\n"
    "        penalties:\n"
    "          individual: {kinds: [fine], fine: {per_unit: count, unit: 处, min: 100, max: 200}}\n"
    "        tiers: [{name: 一般, class: general, text: 按处数计罚}]\n";
  g_autoptr(EnforceRuleSet) rs = load_rules ("count.yaml", bundle);
  static const char kase_text[] = "benchmark: b.count\nfacts: {count: -3}\n" BASE;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceCase) kase = enforce_case_parse (kase_text, strlen (kase_text), ENFORCE_FORMAT_YAML,
                                                    "case.yaml", NULL, &error);
  g_autoptr(EnforceRecommendation) r = NULL;

  (void) state;
  assert_non_null (kase);
  r = enforce_recommend (rs, kase, NULL, ENFORCE_RECOMMEND_DEFAULT, &error);
  assert_null (r);
  assert_non_null (error);
  if (error == NULL)
    return;
  assert_int_equal (error->code, ENFORCE_ERROR_FACT_TYPE);
  assert_non_null (strstr (error->message, "facts.count"));
}

#define GAINS(g) "benchmark: t.multiple\nfacts: {gains: " g "}\n" BASE

/* 1–5 × 300 yuan of gains = 300–1500, midpoint 900. */
static void
test_recommend__multiple_of_gains (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (GAINS ("300"));

  (void) state;
  assert_range (r, 30000, 150000);
  assert_fine (r, NULL, 90000);
}

/* No gains: the fallback 1000–10000, midpoint 5500. */
static void
test_recommend__multiple_with_zero_base_uses_the_fallback (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (GAINS ("0"));
  g_autoptr(EnforceRecommendation) unknown = recommend ("benchmark: t.multiple\n" BASE);

  (void) state;
  assert_range (r, 100000, 1000000);
  assert_fine (r, NULL, 550000);
  assert_undetermined (unknown);
  assert_missing (unknown, "facts.gains", NULL);
}

/* The same case as JSON, gains as a JSON number. */
static void
test_recommend__json_case_gives_the_same_result (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (
    "{\"benchmark\": \"t.multiple\", \"facts\": {\"gains\": 300},"
    " \"party\": {\"class\": \"individual\", \"age\": 30, \"capacity\": \"full\"},"
    " \"circumstances\": {\"minor\": false, \"corrected\": false, \"harm\": \"minor\","
    " \"first_violation\": false, \"no_fault\": false},"
    " \"dates\": {\"act\": \"2024-05-10\", \"discovered\": \"2024-05-10\"}}");

  (void) state;
  assert_fine (r, NULL, 90000);
}

/* 100–201, midpoint 150.5 yuan → 151 (四舍五入 at exactly half a yuan). */
static void
test_recommend__rounding_half_up_at_half_a_yuan (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmark: t.half\n" BASE);

  (void) state;
  assert_range (r, 10000, 20100);
  assert_fine (r, NULL, 15100);
}

/* ---- Step 6: factors ------------------------------------------------- */

#define FACTORS(area, f) TIERED ("{area_m2: " area "}") "factors: [" f "]\n" BASE

/* tier_shift: a mitigating factor moves 一般 down to 从轻 (200); an
 * aggravating one up to 从重 (850); one of each cancels. */
static void
test_recommend__tier_shift_moves_one_tier_per_net_factor (void **state)
{
  g_autoptr(EnforceRecommendation) down = recommend (FACTORS ("2", "cooperative"));
  g_autoptr(EnforceRecommendation) up = recommend (FACTORS ("2", "repeat"));
  g_autoptr(EnforceRecommendation) both = recommend (FACTORS ("2", "cooperative, repeat"));

  (void) state;
  assert_fine (down, "从轻", 20000);
  assert_fine (up, "从重", 85000);
  assert_fine (both, "一般", 50000);
}

/* Shifting stops at the ends: 从重 + aggravating stays 从重; 从轻 +
 * mitigating without allows_reduction does not reach 减轻. */
static void
test_recommend__tier_shift_is_clamped (void **state)
{
  g_autoptr(EnforceRecommendation) top = recommend (FACTORS ("10", "repeat"));
  g_autoptr(EnforceRecommendation) bottom = recommend (FACTORS ("0.5", "cooperative"));

  (void) state;
  assert_fine (top, "从重", 85000);
  assert_fine (bottom, "从轻", 20000);
  assert_int_equal (enforce_recommendation_get_collective_discussion (bottom), ENFORCE_ANSWER_NO);
}

/* Art. 32(1) allows 减轻: 从轻 shifts to 减轻 50–100 (below the statutory
 * minimum of 100, not clamped), 75 yuan, and the leadership must discuss
 * it collectively (Art. 57). */
static void
test_recommend__reduced_tier_goes_below_the_minimum_and_needs_discussion (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (FACTORS ("0.5", "eliminated_harm"));

  (void) state;
  assert_fine (r, "减轻", 7500);
  assert_range (r, 5000, 10000);
  assert_int_equal (enforce_recommendation_get_collective_discussion (r), ENFORCE_ANSWER_YES);
}

static void
test_recommend__duplicate_factor_counts_once (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (FACTORS ("2", "repeat, repeat"));

  (void) state;
  assert_fine (r, "从重", 85000);
}

/* ---- Statutory tiers (法定情形) -------------------------------------- */

#define STATUTORY(mars, f) "benchmark: t.statutory\nfacts: {mars: " mars "}\nfactors: [" f "]\n" BASE
#define STATUTORY_REDUCED(mars, f) \
  "benchmark: t.statutory-reduced\nfacts: {mars: " mars "}\nfactors: [" f "]\n" BASE

/* The statutory tier's fixed 2000 is the statutory range of the case: not
 * clamped to the main 100–200, and shown as the statutory range; a case
 * in 一般 keeps the main fine as its statutory range. */
static void
test_recommend__statutory_tier_fine_is_the_statutory_range (void **state)
{
  g_autoptr(EnforceRecommendation) mars = recommend (STATUTORY ("true", ""));
  g_autoptr(EnforceRecommendation) plain = recommend (STATUTORY ("false", ""));

  (void) state;
  assert_fine (mars, "有碍城市容貌", 200000);
  assert_range (mars, 200000, 200000);
  assert_true (mars->has_statutory);
  assert_int_equal (mars->statutory_min, 200000);
  assert_int_equal (mars->statutory_max, 200000);
  g_autofree char *text = enforce_recommendation_to_text (mars, ENFORCE_LANG_ZH);
  assert_non_null (strstr (text, "法定罚款幅度：2000元\n"));
  assert_non_null (strstr (text, "裁量阶次：有碍城市容貌（法定情形）\n"));
  assert_null (strstr (text, "从重处罚"));
  assert_null (strstr (text, "2000元至2000元"));
  assert_null (strstr (text, "100元至2000元"));

  /* 一般 100–200: midpoint 150; the statutory range is the main fine. */
  assert_fine (plain, "一般", 15000);
  assert_int_equal (plain->statutory_min, 10000);
  assert_int_equal (plain->statutory_max, 20000);
}

/* tier_shift moves only among non-statutory tiers: 一般 + one aggravating
 * factor goes to 从重 150–200 (175), not to 有碍城市容貌 2000 even though
 * that is the next heavier tier by listing order. */
static void
test_recommend__factors_do_not_shift_into_a_statutory_tier (void **state)
{
  g_autoptr(EnforceRecommendation) up = recommend (STATUTORY ("false", "repeat"));
  g_autoptr(EnforceRecommendation) down = recommend (STATUTORY ("false", "cooperative"));

  (void) state;
  assert_fine (up, "从重", 17500);
  assert_range (up, 15000, 20000);
  assert_int_equal (up->statutory_max, 20000);
  /* 一般 − 1 → 从轻 100–150: 125. */
  assert_fine (down, "从轻", 12500);
}

/* A case the statute put in 有碍城市容貌 stays there: an aggravating factor
 * does not move it on to 从重 (150–200), a mitigating one does not drop it
 * to 一般 (100–200). */
static void
test_recommend__factors_do_not_shift_out_of_a_statutory_tier (void **state)
{
  g_autoptr(EnforceRecommendation) up = recommend (STATUTORY ("true", "repeat"));
  g_autoptr(EnforceRecommendation) down = recommend (STATUTORY ("true", "cooperative"));
  g_autoptr(EnforceRecommendation) traced =
    recommend_with (rules, STATUTORY ("true", "repeat"), NULL, ENFORCE_RECOMMEND_TRACE);

  (void) state;
  assert_fine (up, "有碍城市容貌", 200000);
  assert_fine (down, "有碍城市容貌", 200000);
  assert_range (down, 200000, 200000);
  /* The trace says why the tier stayed. */
  g_autofree char *json = enforce_recommendation_to_json (traced);
  assert_non_null (strstr (json, "factors do not move the tier"));
}

/* Under position, factors still move the point inside a statutory range
 * (1000–2000, outside the main fine and not clamped to it): one
 * aggravating factor → 50% + 20% = 70% → 1000 + 1000 × 70% = 1700. */
static void
test_recommend__position_moves_the_point_inside_a_statutory_range (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (STATUTORY_REDUCED ("true", "repeat"));

  (void) state;
  assert_fine (r, "有碍城市容貌", 170000);
  assert_range (r, 100000, 200000);
  assert_int_equal (r->statutory_min, 100000);
  assert_int_equal (r->statutory_max, 200000);
}

/* Art. 32 mandatory mitigation on a statutory tier: never a silent 从重,
 * and never the non-statutory 从轻 tier (another circumstance's fine):
 * without a 减轻 tier the result is undetermined (tiers.lighter).  The
 * same factor on 一般 keeps today's behaviour: 一般 − 1 → 从轻, 125. */
static void
test_recommend__mandatory_mitigation_on_a_statutory_tier_is_undetermined (void **state)
{
  g_autoptr(EnforceRecommendation) mars = recommend (STATUTORY ("true", "eliminated_harm"));
  g_autoptr(EnforceRecommendation) plain = recommend (STATUTORY ("false", "eliminated_harm"));
  g_autoptr(EnforceRecommendation) traced =
    recommend_with (rules, STATUTORY ("true", "eliminated_harm"), NULL, ENFORCE_RECOMMEND_TRACE);

  (void) state;
  assert_undetermined (mars);
  assert_missing (mars, "tiers.lighter", NULL);
  assert_fine (plain, "从轻", 12500);
  g_autofree char *json = enforce_recommendation_to_json (traced);
  assert_non_null (strstr (json, "\"statutory\":true"));
}

/* With a grounded 减轻 tier, mandatory mitigation leaves the statutory tier
 * for it (not for 从轻): 50–90, point 50% − 20% = 30% → 50 + 40 × 30% = 62;
 * collective discussion (Art. 57); the statutory range shown stays the
 * statutory tier's 1000–2000, below which 减轻 goes. */
static void
test_recommend__mandatory_mitigation_leaves_a_statutory_tier_only_for_reduced (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (STATUTORY_REDUCED ("true", "eliminated_harm"));

  (void) state;
  assert_fine (r, "减轻", 6200);
  assert_range (r, 5000, 9000);
  assert_int_equal (r->statutory_min, 100000);
  assert_int_equal (r->statutory_max, 200000);
  assert_int_equal (enforce_recommendation_get_collective_discussion (r), ENFORCE_ANSWER_YES);
}

/* ---- Step 1: candidates (Art. 29) ------------------------------------ */

/* 500 and 800 yuan for one act: one fine, under the heavier (800). */
static void
test_recommend__art29_fines_once_under_the_heavier_candidate (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmarks: [t.a, t.b]\n" BASE);
  g_autoptr(EnforceRecommendation) p = recommend ("power: P-TEST-001\n" BASE);

  (void) state;
  assert_fine (r, NULL, 80000);
  assert_string_equal (enforce_recommendation_get_benchmark_id (r), "t.b");
  assert_int_equal (r->n_excluded, 1);
  assert_string_equal (r->excluded[0]->id, "t.a");
  assert_string_equal (rec_excluded_reason_name (r->excluded_reason[0]), "lighter_fine");
  assert_fine (p, NULL, 80000);
  assert_string_equal (enforce_recommendation_get_benchmark_id (p), "t.b");
}

/* Art. 29 tie: t.a and t.a2 both fix 500 yuan (statutory maximum 500),
 * so neither is heavier.  The first listed applies and the other is
 * excluded as "equal_fine" — saying it carries the lighter fine would be
 * false — in the result, the JSON, the text report and the trace. */
static void
test_recommend__art29_tie_excludes_the_later_candidate_as_equal_fine (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmarks: [t.a, t.a2]\n" BASE);
  g_autoptr(EnforceRecommendation) swapped = recommend ("benchmarks: [t.a2, t.a]\n" BASE);
  g_autoptr(EnforceRecommendation) traced =
    recommend_with (rules, "benchmarks: [t.a, t.a2]\n" BASE, NULL, ENFORCE_RECOMMEND_TRACE);
  guint last;

  (void) state;
  assert_fine (r, NULL, 50000);
  assert_string_equal (enforce_recommendation_get_benchmark_id (r), "t.a");
  assert_int_equal (r->n_excluded, 1);
  assert_string_equal (r->excluded[0]->id, "t.a2");
  assert_string_equal (rec_excluded_reason_name (r->excluded_reason[0]), "equal_fine");
  assert_string_equal (enforce_recommendation_get_benchmark_id (swapped), "t.a2");
  assert_string_equal (swapped->excluded[0]->id, "t.a");
  assert_string_equal (rec_excluded_reason_name (swapped->excluded_reason[0]), "equal_fine");

  g_autofree char *json = enforce_recommendation_to_json (r);
  g_autofree char *zh = enforce_recommendation_to_text (r, ENFORCE_LANG_ZH);
  g_autofree char *en = enforce_recommendation_to_text (r, ENFORCE_LANG_EN);
  assert_non_null (strstr (json, "\"excluded\":[{\"id\":\"t.a2\",\"reason\":\"equal_fine\"}]"));
  assert_non_null (strstr (zh, "t.a2（罚款数额相同，按列出顺序适用在先的规定）"));
  assert_non_null (strstr (en, "t.a2 (same fine; the provision listed first applies)"));
  assert_null (strstr (en, "lighter"));

  last = enforce_recommendation_get_step_count (traced) - 1;
  assert_string_equal (enforce_recommendation_get_step_code (traced, last), "excluded");
  assert_non_null (strstr (enforce_recommendation_get_step_message (traced, last, ENFORCE_LANG_EN),
                           "same fine"));
}

/* Equal amounts alone are no tie: t.c recommends 100 + (900 − 100) × 50% =
 * 500 yuan, as t.a fixes, but its statutory maximum 900 > 500 makes it
 * heavier, so it applies though listed second and t.a is the lighter. */
static void
test_recommend__art29_equal_amounts_under_a_lower_maximum_are_lighter (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmarks: [t.a, t.c]\n" BASE);

  (void) state;
  assert_fine (r, NULL, 50000);
  assert_string_equal (enforce_recommendation_get_benchmark_id (r), "t.c");
  assert_int_equal (r->n_excluded, 1);
  assert_string_equal (r->excluded[0]->id, "t.a");
  assert_string_equal (rec_excluded_reason_name (r->excluded_reason[0]), "lighter_fine");
}

/* An undetermined candidate makes the result undetermined. */
static void
test_recommend__art29_undetermined_candidate_makes_the_result_undetermined (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmarks: [t.a, t.multiple]\n" BASE);

  (void) state;
  assert_undetermined (r);
  assert_missing (r, "facts.gains", NULL);
}

/* ---- Case errors ------------------------------------------------------ */

static void
test_recommend__rejects_unknown_benchmark (void **state)
{
  (void) state;
  assert_case_error ("benchmark: t.nope\n" BASE, ENFORCE_ERROR_UNKNOWN_BENCHMARK, "t.nope");
  assert_case_error ("power: P-NOPE\n" BASE, ENFORCE_ERROR_UNKNOWN_BENCHMARK, "power");
}

static void
test_recommend__rejects_undeclared_fact (void **state)
{
  (void) state;
  assert_case_error (TIERED ("{area_m2: 2, colour: red}") BASE, ENFORCE_ERROR_UNKNOWN_FACT, "facts.colour");
  /* A null says "not known"; a misspelt name must still be caught. */
  assert_case_error (TIERED ("{area_m2: 2, colour: null}") BASE, ENFORCE_ERROR_UNKNOWN_FACT, "facts.colour");
}

static void
test_recommend__rejects_fact_of_the_wrong_type (void **state)
{
  (void) state;
  assert_case_error (TIERED ("{area_m2: abc}") BASE, ENFORCE_ERROR_FACT_TYPE, "facts.area_m2");
  assert_case_error (TIERED ("{area_m2: 1.234}") BASE, ENFORCE_ERROR_FACT_TYPE, "facts.area_m2");
  assert_case_error (TIERED ("{area_m2: -1}") BASE, ENFORCE_ERROR_FACT_TYPE, "facts.area_m2");
}

static void
test_recommend__rejects_unknown_factor (void **state)
{
  (void) state;
  assert_case_error (FACTORS ("2", "repeat, flying"), ENFORCE_ERROR_UNKNOWN_FACTOR, "factors[1]");
}

static void
test_recommend__rejects_invalid_as_of (void **state)
{
  g_autoptr(GError) error = NULL;
  const char *text = TIERED ("{area_m2: 2}") BASE;
  g_autoptr(EnforceCase) kase = enforce_case_parse (text, strlen (text), ENFORCE_FORMAT_YAML, "c", NULL, &error);

  (void) state;
  assert_non_null (kase);
  assert_null (enforce_recommend (rules, kase, "2024-02-30", ENFORCE_RECOMMEND_DEFAULT, &error));
  assert_true (error->domain == ENFORCE_ERROR);
  assert_int_equal (error->code, ENFORCE_ERROR_INVALID_DATE);
}

/* ---- Trace, unverified data, output ----------------------------------- */

static void
test_recommend__trace_lists_the_steps_in_order (void **state)
{
  static const char *const want[] = {
    "resolve", "law_in_force", "gate.limitation", "gate.age", "gate.capacity", "gate.no_fault",
    "gate.minor", "gate.first_violation", "tier", "range", "factors", "point",
    "procedure.simple", "procedure.onsite_collection", "procedure.hearing",
    "procedure.legal_review", "procedure.collective_discussion",
  };
  g_autoptr(EnforceRecommendation) r = recommend_with (rules, TIERED ("{area_m2: 2}") BASE, NULL,
                                                       ENFORCE_RECOMMEND_TRACE);
  g_autoptr(EnforceRecommendation) off = recommend (TIERED ("{area_m2: 2}") BASE);

  (void) state;
  assert_int_equal (enforce_recommendation_get_step_count (r), G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    assert_string_equal (enforce_recommendation_get_step_code (r, i), want[i]);
  assert_string_equal (enforce_recommendation_get_step_citation (r, 2, ENFORCE_LANG_ZH),
                       "《中华人民共和国行政处罚法》第三十六条");
  assert_non_null (strstr (enforce_recommendation_get_step_message (r, 11, ENFORCE_LANG_ZH), "500.00元"));
  assert_int_equal (enforce_recommendation_get_step_count (off), 0);
}

/* Art. 33 ¶3: every no-penalty outcome from a gate carries the education
 * step, cited to cn-apl when the rule set has it. */
static void
test_recommend__no_penalty_carries_the_education_step (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend_with (
    rules, CIRCS ("minor: true, corrected: true, harm: none, first_violation: false"), NULL,
    ENFORCE_RECOMMEND_TRACE);
  g_autoptr(EnforceRuleSet) bare = load_rules ("bare.yaml", RULES_WITHOUT_APL);
  g_autoptr(EnforceRecommendation) b = recommend_with (
    bare, "benchmark: t.bare\n" PERSON DATES REVIEW
    "circumstances: {minor: true, corrected: true, harm: none, first_violation: false, no_fault: false}\n",
    NULL, ENFORCE_RECOMMEND_TRACE);
  guint n = enforce_recommendation_get_step_count (r);
  guint last_gate = 0, education = 0;

  (void) state;
  for (guint i = 0; i < n; i++)
    {
      const char *code = enforce_recommendation_get_step_code (r, i);

      if (strcmp (code, "gate.minor") == 0)
        last_gate = i;
      if (strcmp (code, "education") == 0)
        education = i;
      /* The gate that stopped evaluation ends the gate steps. */
      assert_true (strcmp (code, "gate.first_violation") != 0 && strcmp (code, "tier") != 0);
    }
  assert_int_equal (education, last_gate + 1);
  /* Nothing follows it: no tier, procedure or deadline steps. */
  assert_int_equal (education, n - 1);
  assert_string_equal (enforce_recommendation_get_step_citation (r, education, ENFORCE_LANG_ZH),
                       "《中华人民共和国行政处罚法》第三十三条第三款");

  assert_int_equal (enforce_recommendation_get_outcome (b), ENFORCE_OUTCOME_NO_PENALTY);
  education = G_MAXUINT;
  for (guint i = 0; i < enforce_recommendation_get_step_count (b); i++)
    if (strcmp (enforce_recommendation_get_step_code (b, i), "education") == 0)
      education = i;
  assert_true (education != G_MAXUINT);
  assert_null (enforce_recommendation_get_step_citation (b, education, ENFORCE_LANG_ZH));
}

static gboolean
unverified_has (const EnforceRecommendation *r, const char *text)
{
  for (guint i = 0; i < r->lists.n_notes; i++)
    {
      g_autofree char *s = rec_note_text (&r->lists.notes[i], ENFORCE_LANG_EN);

      if (strcmp (s, text) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_recommend__notes_unverified_tier (void **state)
{
  g_autoptr(EnforceRecommendation) heavier = recommend (TIERED ("{area_m2: 10}") BASE);
  g_autoptr(EnforceRecommendation) general = recommend (TIERED ("{area_m2: 2}") BASE);

  (void) state;
  assert_true (unverified_has (heavier, "tier 从重: 阶次划分未见公开文件"));
  /* Only the jurisdiction's discretion policy, a convention. */
  assert_int_equal (general->lists.n_notes, 1);
  assert_true (unverified_has (general, "discretion policy (tier_shift, start 50%) is this rule set's "
                                        "convention, not law"));
}

/* A version's own policy is the benchmark's, not a convention of the rule
 * set: no note; a fixed fine without factors needs no policy at all. */
static void
test_recommend__notes_jurisdiction_policy_only (void **state)
{
  g_autoptr(EnforceRecommendation) own = recommend (STATUTORY_REDUCED ("false", ""));
  g_autoptr(EnforceRecommendation) fixed = recommend (STATUTORY ("true", ""));
  g_autofree char *zh = NULL;

  (void) state;
  for (guint i = 0; i < own->lists.n_notes; i++)
    assert_int_not_equal (own->lists.notes[i].kind, NOTE_POLICY);
  for (guint i = 0; i < fixed->lists.n_notes; i++)
    assert_int_not_equal (fixed->lists.notes[i].kind, NOTE_POLICY);
  g_autoptr(EnforceRecommendation) general = recommend (TIERED ("{area_m2: 2}") BASE);
  zh = rec_note_text (&general->lists.notes[0], ENFORCE_LANG_ZH);
  assert_string_equal (zh, "裁量政策（tier_shift，起点50%）为规则集约定，并非法律规定");
}

/* 消防法 Art. 60(1)(5) is both the violated and the penalising provision
 * of the bundled fire-lane benchmark, and its item number is unverified:
 * the output says so once, not once per role. */
static void
test_recommend__same_unverified_provision_is_noted_once (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceRuleSet) tianjin =
    enforce_rule_set_load (ENFORCE_SOURCE_DIR "/rules/tianjin", NULL, NULL, &error);
  g_autoptr(EnforceCase) kase =
    enforce_case_load (ENFORCE_SOURCE_DIR "/examples/cases/04-fire-lane-blocked.yaml", NULL, &error);
  g_autoptr(EnforceRecommendation) r = NULL;
  guint citation_notes = 0;

  (void) state;
  assert_non_null (tianjin);
  assert_non_null (kase);
  r = enforce_recommend (tianjin, kase, NULL, ENFORCE_RECOMMEND_DEFAULT, &error);
  assert_non_null (r);
  if (r == NULL)
    return;
  for (guint i = 0; i < r->lists.n_notes; i++)
    citation_notes += r->lists.notes[i].kind == NOTE_CITATION;
  assert_int_equal (citation_notes, 1);
  assert_true (unverified_has (r, "tj.fire.60.fire-lane cites Fire Protection Law of the People's "
                                  "Republic of China, Art. 60(1)(5) (article number unverified)"));
}

/* Reads the JSON back with the strict reader and checks the keys in the
 * documented order and the values. */
static void
test_recommend__to_json_is_valid_and_in_schema_order (void **state)
{
  static const char *const keys[] = {
    "schema", "case_id", "outcome", "discretionary", "benchmark", "excluded", "tier", "penalties",
    "order", "range", "amount", "amount_yuan", "rounding", "procedure", "deadlines", "missing",
    "unverified", "trace", "stamp",
  };
  g_autoptr(EnforceRecommendation) r = recommend_with (
    rules, "id: \"2024-HX-\\\"0001\\\"\"\n" TIERED ("{area_m2: 10}") BASE, NULL, ENFORCE_RECOMMEND_TRACE);
  g_autofree char *json = enforce_recommendation_to_json (r);
  g_autoptr(GError) error = NULL;
  Doc *doc = doc_parse_json (json, strlen (json), "out.json", NULL, &error);
  const Node *v;

  (void) state;
  if (doc == NULL)
    fail_msg ("%s\n%s", error->message, json);
  assert_int_equal (doc->root->len, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    assert_string_equal (node_key (doc->root, i)->v.text, keys[i]);
  assert_string_equal (node_lookup (doc->root, "case_id")->v.text, "2024-HX-\"0001\"");
  assert_string_equal (node_lookup (doc->root, "outcome")->v.text, "fine");
  assert_string_equal (node_lookup (doc->root, "amount")->v.text, "85000");
  assert_string_equal (node_lookup (doc->root, "amount_yuan")->v.text, "850.00");
  v = node_lookup (doc->root, "tier");
  assert_string_equal (node_lookup (v, "class")->v.text, "heavier");
  assert_string_equal (node_lookup (v, "verified")->v.text, "false");
  v = node_lookup (doc->root, "missing");
  assert_int_equal (v->len, 1);
  assert_string_equal (v->v.items[0]->v.text, "parameters.hearing_threshold.individual");
  v = node_lookup (doc->root, "trace");
  assert_int_equal (v->len, enforce_recommendation_get_step_count (r));
  v = node_lookup (doc->root, "stamp");
  assert_string_equal (node_lookup (v, "rule_set")->v.text, enforce_rule_set_get_hash (rules));
  assert_string_equal (node_lookup (v, "benchmark_version")->v.text, "2019-01-01");
  doc_free (doc);
}

/* Absent values are null, never omitted. */
static void
test_recommend__to_json_writes_null_for_an_undetermined_result (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend ("benchmark: t.tiered\n" BASE);
  g_autofree char *json = enforce_recommendation_to_json (r);

  (void) state;
  assert_non_null (strstr (json, "\"outcome\":\"undetermined\""));
  assert_non_null (strstr (json, "\"tier\":null"));
  assert_non_null (strstr (json, "\"range\":null,\"amount\":null,\"amount_yuan\":null,\"rounding\":null"));
  assert_non_null (strstr (json, "\"missing\":[\"facts.area_m2\"]"));
  assert_non_null (strstr (json, "\"case_id\":null"));
  assert_non_null (strstr (json, "\"trace\":[]"));
}

static void
test_recommend__to_text_reads_as_a_report (void **state)
{
  g_autoptr(EnforceRecommendation) r = recommend (TIERED ("{area_m2: 2}") BASE);
  g_autoptr(EnforceRecommendation) u = recommend ("benchmark: t.tiered\n" BASE);
  g_autofree char *zh = enforce_recommendation_to_text (r, ENFORCE_LANG_ZH);
  g_autofree char *en = enforce_recommendation_to_text (r, ENFORCE_LANG_EN);
  g_autofree char *uzh = enforce_recommendation_to_text (u, ENFORCE_LANG_ZH);

  (void) state;
  assert_non_null (strstr (zh, "处罚建议：罚款\n"));
  assert_non_null (strstr (zh, "建议罚款：500元\n"));
  assert_non_null (strstr (zh, "阶次罚款幅度：300元至700元\n"));
  assert_non_null (strstr (zh, "程序：普通程序"));
  assert_non_null (strstr (zh, "告知听证权利：待定"));
  assert_non_null (strstr (zh, "待补充：parameters.hearing_threshold.individual\n"));
  assert_non_null (strstr (en, "Recommended fine: 500 yuan\n"));
  assert_non_null (strstr (en, "Procedure: general procedure"));
  assert_non_null (strstr (uzh, "处罚建议：待定\n"));
  assert_non_null (strstr (uzh, "待补充：facts.area_m2\n"));
}

/* rec_textf() formats the engine's messages itself; each conversion it
 * knows must print as printf does, and any other must still be printed
 * (by GLib). */
static void
assert_textf (RecCtx *ctx, const char *expected, guint32 offset)
{
  assert_string_equal (ctx->text->str + offset, expected);
}

static void
test_recommend__trace_messages_format_as_printf (void **state)
{
  RecCtx ctx;
  guint32 a, b, c, d, e, f;

  (void) state;
  memset (&ctx, 0, sizeof ctx);
  ctx.text = g_string_new (NULL);
  a = rec_textf (&ctx, "追责时效%d年，自%s起算：%s", -2, "2024-01-01", (const char *) NULL);
  b = rec_textf (&ctx, "%u%% into %u: %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT " / %lu", 50u, 0u,
                 G_MININT64, (gint64) 1234567890123, 18446744073709551615ul);
  c = rec_textf (&ctx, "%s", "");
  d = rec_textf (&ctx, "%5d|%-3s|%x", 42, "a", 255u);       /* not the engine's: GLib's */
  e = rec_text (&ctx, "不予行政处罚的，应当对当事人进行教育");
  /* Rule text after its PlainLen: the length, or -1 (no precision). */
  f = rec_textf (&ctx, "阶次“%.*s”：%.*s", 6, "一般", -1, "x\"y");
  assert_textf (&ctx, "追责时效-2年，自2024-01-01起算：(null)", a);
  assert_textf (&ctx, "50% into 0: -9223372036854775808 / 1234567890123 / 18446744073709551615", b);
  assert_textf (&ctx, "", c);
  assert_textf (&ctx, "   42|a  |ff", d);
  assert_textf (&ctx, "不予行政处罚的，应当对当事人进行教育", e);
  assert_textf (&ctx, "阶次“一般”：x\"y", f);
  g_string_free (ctx.text, TRUE);
}

/* A list of steps longer than its inline room moves to the heap and keeps
 * its order, through a step put in front and a move; so does a short one. */
static void
test_recommend__steps_past_the_inline_room_keep_their_order (void **state)
{
  RecSteps a, b;
  const RecStep *items;

  (void) state;
  rec_steps_init (&a);
  rec_steps_init (&b);
  for (guint32 i = 0; i < 3 * REC_STEPS_INLINE; i++)
    rec_step_add (&a, "gate.age", i, i, i, NULL);
  rec_step_to_front (&a);
  rec_steps_move (&b, &a);
  assert_int_equal (a.n, 0);
  assert_int_equal (b.n, 3 * REC_STEPS_INLINE);
  items = rec_steps_items (&b);
  assert_int_equal (items[0].inputs, 3 * REC_STEPS_INLINE - 1);
  for (guint32 i = 1; i < b.n; i++)
    assert_int_equal (items[i].inputs, i - 1);
  assert_string_equal (items[1].code, "gate.age");
  assert_int_equal (items[1].code_len, strlen ("gate.age"));

  rec_step_add (&a, "resolve", 1, 1, 1, NULL);
  rec_step_add (&a, "law_in_force", 2, 2, 2, NULL);
  rec_step_to_front (&a);
  rec_steps_move (&b, &a);
  assert_int_equal (b.n, 2);
  items = rec_steps_items (&b);
  assert_string_equal (items[0].code, "law_in_force");
  assert_string_equal (items[1].code, "resolve");
  rec_steps_clear (&a);
  rec_steps_clear (&b);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_recommend__general_tier_fines_the_midpoint),
    cmocka_unit_test (test_recommend__trace_message_with_rule_text_needing_escapes_is_escaped),
    cmocka_unit_test (test_recommend__steps_past_the_inline_room_keep_their_order),
    cmocka_unit_test (test_recommend__first_matching_tier_applies),
    cmocka_unit_test (test_recommend__unknown_tier_fact_is_undetermined),
    cmocka_unit_test (test_recommend__lists_every_missing_input_in_step_order),
    cmocka_unit_test (test_recommend__unknown_limitation_period_is_not_zero_years),
    cmocka_unit_test (test_recommend__minor_gate_names_the_missing_circumstance),
    cmocka_unit_test (test_recommend__art37_lighter_new_version_applies),
    cmocka_unit_test (test_recommend__art37_heavier_new_version_does_not_apply),
    cmocka_unit_test (test_recommend__art37_repealed_provision_means_no_penalty),
    cmocka_unit_test (test_recommend__ended_version_without_repeal_is_undetermined),
    cmocka_unit_test (test_recommend__ended_version_keeps_a_settled_no_penalty),
    cmocka_unit_test (test_recommend__no_version_on_the_act_date_is_an_error),
    cmocka_unit_test (test_recommend__missing_act_date_is_undetermined),
    cmocka_unit_test (test_recommend__limitation_ends_on_the_second_anniversary),
    cmocka_unit_test (test_recommend__limitation_runs_from_the_end_of_a_continuing_act),
    cmocka_unit_test (test_recommend__limitation_is_five_years_with_harm_to_life_or_health),
    cmocka_unit_test (test_recommend__age_13_is_not_penalised),
    cmocka_unit_test (test_recommend__ages_14_and_17_are_mitigated),
    cmocka_unit_test (test_recommend__age_is_reached_the_day_after_the_birthday),
    cmocka_unit_test (test_recommend__mandatory_mitigation_forbids_general_and_heavier),
    cmocka_unit_test (test_recommend__mandatory_mitigation_without_lighter_tier_is_undetermined),
    cmocka_unit_test (test_recommend__capacity_none_and_partial),
    cmocka_unit_test (test_recommend__organizations_skip_age_and_capacity),
    cmocka_unit_test (test_recommend__no_fault_is_not_penalised),
    cmocka_unit_test (test_recommend__minor_corrected_harmless_is_not_penalised),
    cmocka_unit_test (test_recommend__minor_exemption_of_the_benchmark_holds),
    cmocka_unit_test (test_recommend__first_violation_exemption_is_discretionary),
    cmocka_unit_test (test_recommend__first_violation_is_derived_from_prior_violations),
    cmocka_unit_test (test_recommend__trigger_refused_versus_complied),
    cmocka_unit_test (test_recommend__trigger_complied_has_no_education_and_pending_waits),
    cmocka_unit_test (test_recommend__per_unit_fine_with_fractional_quantity),
    cmocka_unit_test (test_recommend__per_unit_midpoint_rounds_half_up_once),
    cmocka_unit_test (test_recommend__per_unit_fine_is_capped),
    cmocka_unit_test (test_recommend__negative_integer_quantity_is_a_case_error),
    cmocka_unit_test (test_recommend__multiple_of_gains),
    cmocka_unit_test (test_recommend__multiple_with_zero_base_uses_the_fallback),
    cmocka_unit_test (test_recommend__json_case_gives_the_same_result),
    cmocka_unit_test (test_recommend__rounding_half_up_at_half_a_yuan),
    cmocka_unit_test (test_recommend__tier_shift_moves_one_tier_per_net_factor),
    cmocka_unit_test (test_recommend__tier_shift_is_clamped),
    cmocka_unit_test (test_recommend__reduced_tier_goes_below_the_minimum_and_needs_discussion),
    cmocka_unit_test (test_recommend__statutory_tier_fine_is_the_statutory_range),
    cmocka_unit_test (test_recommend__factors_do_not_shift_into_a_statutory_tier),
    cmocka_unit_test (test_recommend__factors_do_not_shift_out_of_a_statutory_tier),
    cmocka_unit_test (test_recommend__position_moves_the_point_inside_a_statutory_range),
    cmocka_unit_test (test_recommend__mandatory_mitigation_on_a_statutory_tier_is_undetermined),
    cmocka_unit_test (test_recommend__mandatory_mitigation_leaves_a_statutory_tier_only_for_reduced),
    cmocka_unit_test (test_recommend__duplicate_factor_counts_once),
    cmocka_unit_test (test_recommend__art29_fines_once_under_the_heavier_candidate),
    cmocka_unit_test (test_recommend__art29_tie_excludes_the_later_candidate_as_equal_fine),
    cmocka_unit_test (test_recommend__art29_equal_amounts_under_a_lower_maximum_are_lighter),
    cmocka_unit_test (test_recommend__art29_undetermined_candidate_makes_the_result_undetermined),
    cmocka_unit_test (test_recommend__rejects_unknown_benchmark),
    cmocka_unit_test (test_recommend__rejects_undeclared_fact),
    cmocka_unit_test (test_recommend__rejects_fact_of_the_wrong_type),
    cmocka_unit_test (test_recommend__rejects_unknown_factor),
    cmocka_unit_test (test_recommend__rejects_invalid_as_of),
    cmocka_unit_test (test_recommend__trace_lists_the_steps_in_order),
    cmocka_unit_test (test_recommend__no_penalty_carries_the_education_step),
    cmocka_unit_test (test_recommend__notes_unverified_tier),
    cmocka_unit_test (test_recommend__notes_jurisdiction_policy_only),
    cmocka_unit_test (test_recommend__same_unverified_provision_is_noted_once),
    cmocka_unit_test (test_recommend__to_json_is_valid_and_in_schema_order),
    cmocka_unit_test (test_recommend__to_json_writes_null_for_an_undetermined_result),
    cmocka_unit_test (test_recommend__to_text_reads_as_a_report),
    cmocka_unit_test (test_recommend__trace_messages_format_as_printf),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
