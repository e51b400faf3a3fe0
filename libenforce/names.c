/* names.c: the stable names of model enums.
 *
 * One table per enum serves both directions: the loader hands the
 * NULL-terminated tables to bind_enum() (YAML name → value), and the engine
 * and serialisers turn values back into the same names, so a name can never
 * be spelled one way in rule files and another in output.
 */
#include "model.h"

const char *const party_class_names[] = {
  [PARTY_INDIVIDUAL] = "individual",
  [PARTY_ORGANIZATION] = "organization",
  [PARTY_COUNT] = NULL,
};

const char *const penalty_kind_names[] = {
  [KIND_WARNING] = "warning",
  [KIND_CRITICISM] = "criticism",
  [KIND_FINE] = "fine",
  [KIND_CONFISCATE_GAINS] = "confiscate_gains",
  [KIND_CONFISCATE_PROPERTY] = "confiscate_property",
  [KIND_SUSPEND_PERMIT] = "suspend_permit",
  [KIND_LOWER_QUALIFICATION] = "lower_qualification",
  [KIND_REVOKE_PERMIT] = "revoke_permit",
  [KIND_RESTRICT_BUSINESS] = "restrict_business",
  [KIND_SUSPEND_BUSINESS] = "suspend_business",
  [KIND_CLOSE] = "close",
  [KIND_BAR_OCCUPATION] = "bar_occupation",
  [KIND_DETENTION] = "detention",
  [KIND_OTHER] = "other",
  [KIND_COUNT] = NULL,
};

/* Art. 9 wording. */
static const char *const penalty_kind_labels_zh[] = {
  [KIND_WARNING] = "警告",
  [KIND_CRITICISM] = "通报批评",
  [KIND_FINE] = "罚款",
  [KIND_CONFISCATE_GAINS] = "没收违法所得",
  [KIND_CONFISCATE_PROPERTY] = "没收非法财物",
  [KIND_SUSPEND_PERMIT] = "暂扣许可证件",
  [KIND_LOWER_QUALIFICATION] = "降低资质等级",
  [KIND_REVOKE_PERMIT] = "吊销许可证件",
  [KIND_RESTRICT_BUSINESS] = "限制开展生产经营活动",
  [KIND_SUSPEND_BUSINESS] = "责令停产停业",
  [KIND_CLOSE] = "责令关闭",
  [KIND_BAR_OCCUPATION] = "限制从业",
  [KIND_DETENTION] = "行政拘留",
  [KIND_OTHER] = "其他行政处罚",
};

const char *const tier_class_names[] = {
  [TIER_NO_PENALTY] = "no_penalty",
  [TIER_REDUCED] = "reduced",
  [TIER_LIGHTER] = "lighter",
  [TIER_GENERAL] = "general",
  [TIER_HEAVIER] = "heavier",
  NULL,
};

static const char *const tier_class_labels_zh[] = {
  [TIER_NO_PENALTY] = "不予处罚",
  [TIER_REDUCED] = "减轻处罚",
  [TIER_LIGHTER] = "从轻处罚",
  [TIER_GENERAL] = "一般",
  [TIER_HEAVIER] = "从重处罚",
};

const char *const instrument_level_names[] = {
  [LEVEL_LAW] = "law",
  [LEVEL_ADMINISTRATIVE_REGULATION] = "administrative_regulation",
  [LEVEL_LOCAL_REGULATION] = "local_regulation",
  [LEVEL_DEPARTMENTAL_RULE] = "departmental_rule",
  [LEVEL_LOCAL_GOVERNMENT_RULE] = "local_government_rule",
  [LEVEL_NORMATIVE_DOCUMENT] = "normative_document",
  NULL,
};

const char *const fact_type_names[] = {
  [FACT_BOOL] = "bool",
  [FACT_INTEGER] = "integer",
  [FACT_NUMBER] = "number",
  [FACT_ENUM] = "enum",
  [FACT_MONEY] = "money",
  [FACT_DATE] = "date",
  NULL,
};

const char *const trigger_names[] = {
  [TRIGGER_IMMEDIATE] = "immediate",
  [TRIGGER_REFUSED] = "refused",
  [TRIGGER_OVERDUE] = "overdue",
  NULL,
};

const char *const order_kind_names[] = {
  [ORDER_NONE] = "none",
  [ORDER_CORRECT] = "correct",
  [ORDER_CORRECT_WITHIN] = "correct_within",
  [ORDER_REMOVE] = "remove",
  [ORDER_DEMOLISH] = "demolish",
  [ORDER_STOP] = "stop",
  NULL,
};

const char *const combine_names[] = {
  [COMBINE_AND] = "and",
  [COMBINE_OR] = "or",
  NULL,
};

const char *const factor_direction_names[] = {
  [FACTOR_MITIGATING] = "mitigating",
  [FACTOR_AGGRAVATING] = "aggravating",
  NULL,
};

const char *const policy_kind_names[] = {
  [POLICY_TIER_SHIFT] = "tier_shift",
  [POLICY_POSITION] = "position",
  NULL,
};

const char *const exemption_kind_names[] = {
  [EXEMPT_MINOR] = "minor",
  [EXEMPT_FIRST_VIOLATION] = "first_violation",
  NULL,
};

/* Power categories are kept as the Chinese words of the power lists
 * (权责清单), which is how the source documents name them. */
const char *const power_category_names[] = {
  "行政处罚", "行政检查", "行政强制", "行政确认", "行政给付", "其他", NULL,
};

const char *const builtin_names[] = {
  [BUILTIN_MINOR] = "minor",
  [BUILTIN_CORRECTED] = "corrected",
  [BUILTIN_HARM] = "harm",
  [BUILTIN_FIRST_VIOLATION] = "first_violation",
  [BUILTIN_NO_FAULT] = "no_fault",
  [BUILTIN_COUNT] = NULL,
};

const char *const harm_names[] = { "none", "minor", "serious", NULL };

static const char *const param_names[] = {
  [PARAM_SIMPLE_CAP_INDIVIDUAL] = "simple_procedure_cap.individual",
  [PARAM_SIMPLE_CAP_ORGANIZATION] = "simple_procedure_cap.organization",
  [PARAM_ONSITE_CAP] = "onsite_collection_cap",
  [PARAM_HEARING_INDIVIDUAL] = "hearing_threshold.individual",
  [PARAM_HEARING_ORGANIZATION] = "hearing_threshold.organization",
  [PARAM_LATE_PERCENT_PER_DAY] = "late_surcharge_percent_per_day",
  [PARAM_PAYMENT_DAYS] = "payment_period_days",
  [PARAM_CASE_DAYS] = "case_period_days",
  [PARAM_DELIVERY_WORKDAYS] = "delivery_workdays",
  [PARAM_HEARING_REQUEST_WORKDAYS] = "hearing_request_workdays",
  [PARAM_PUBLICATION_WORKDAYS] = "publication_workdays",
  [PARAM_LIMITATION_YEARS] = "limitation_years",
  [PARAM_LIMITATION_LONG_YEARS] = "limitation_years_life_health_finance",
};

/* Out-of-range values are programmer errors; "?" keeps messages printable. */
static const char *
pick (const char *const *table, guint n, int value)
{
  g_return_val_if_fail (value >= 0 && (guint) value < n, "?");
  return table[value];
}

const char *
party_class_name (PartyClass p)
{
  return pick (party_class_names, PARTY_COUNT, p);
}

const char *
penalty_kind_name (PenaltyKind k)
{
  return pick (penalty_kind_names, KIND_COUNT, k);
}

const char *
penalty_kind_label_zh (PenaltyKind k)
{
  return pick (penalty_kind_labels_zh, G_N_ELEMENTS (penalty_kind_labels_zh), k);
}

const char *
tier_class_name (TierClass c)
{
  return pick (tier_class_names, G_N_ELEMENTS (tier_class_labels_zh), c);
}

const char *
tier_class_label_zh (TierClass c)
{
  return pick (tier_class_labels_zh, G_N_ELEMENTS (tier_class_labels_zh), c);
}

const char *
param_name (ParamId id)
{
  return pick (param_names, PARAM_COUNT, id);
}

const char *
builtin_name (Builtin b)
{
  return pick (builtin_names, BUILTIN_COUNT, b);
}
