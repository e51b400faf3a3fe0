/* model.h: the typed, immutable rule model a rule set loads into.
 *
 * Everything here is built by the loader (loader.c, load-*.c) in the rule set's
 * arena, cross-checked (lint.c), and then only read.  Amounts are fen,
 * dates are day numbers, multiples and decimal quantities are × 100.
 * Field meanings follow docs/rule-format.md; the semantics of their use
 * follow docs/semantics.md.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-rule-set.h>
#include "arena.h"
#include "cond.h"
#include "date.h"
#include "diag.h"
#include "money.h"

#define DATE_OPEN G_MAXINT32       /* effective_to of a version still in force */

/* A rule string's length when JSON takes it as it is (json_plain_len():
 * no '"', '\\', control character or invalid UTF-8), else -1, as for
 * NULL.  Measured once at load (loader.c), so the trace and the JSON copy
 * the rule text they print often (ids, titles, tier names and texts)
 * without a strlen() or a scan each time. */
typedef gint32 PlainLen;

typedef enum {
  PARTY_INDIVIDUAL = 0,            /* 公民 (natural person) */
  PARTY_ORGANIZATION = 1,          /* 法人或者其他组织 */
  PARTY_COUNT = 2,
} PartyClass;

/* Art. 9 penalty kinds, as bits of a mask. */
typedef enum {
  KIND_WARNING = 0,                /* 警告 */
  KIND_CRITICISM,                  /* 通报批评 */
  KIND_FINE,                       /* 罚款 */
  KIND_CONFISCATE_GAINS,           /* 没收违法所得 */
  KIND_CONFISCATE_PROPERTY,        /* 没收非法财物 */
  KIND_SUSPEND_PERMIT,             /* 暂扣许可证件 */
  KIND_LOWER_QUALIFICATION,        /* 降低资质等级 */
  KIND_REVOKE_PERMIT,              /* 吊销许可证件 */
  KIND_RESTRICT_BUSINESS,          /* 限制开展生产经营活动 */
  KIND_SUSPEND_BUSINESS,           /* 责令停产停业 */
  KIND_CLOSE,                      /* 责令关闭 */
  KIND_BAR_OCCUPATION,             /* 限制从业 */
  KIND_DETENTION,                  /* 行政拘留 */
  KIND_OTHER,                      /* 法律、行政法规规定的其他行政处罚 */
  KIND_COUNT,
} PenaltyKind;

#define KIND_BIT(k) (1u << (k))

typedef enum {
  LEVEL_LAW = 0,                   /* 法律 */
  LEVEL_ADMINISTRATIVE_REGULATION, /* 行政法规 */
  LEVEL_LOCAL_REGULATION,          /* 地方性法规 */
  LEVEL_DEPARTMENTAL_RULE,         /* 部门规章 */
  LEVEL_LOCAL_GOVERNMENT_RULE,     /* 地方政府规章 */
  LEVEL_NORMATIVE_DOCUMENT,        /* 规范性文件 */
} InstrumentLevel;

typedef struct {
  const char *source;              /* where the text was read (title, URL) */
  const char *document_number;     /* 文号 */
  gboolean verified;               /* FALSE: not yet checked against an official text */
  const char *note;
} Provenance;

typedef struct {
  const char *id;                  /* e.g. "2021" */
  gint32 from, to;                 /* effective_from, effective_to (DATE_OPEN) */
  Loc loc;
} InstrumentVersion;

typedef struct {
  const char *id;
  const char *title;               /* 中华人民共和国行政处罚法 */
  const char *title_en;            /* may be NULL */
  InstrumentLevel level;
  const char *issuer;
  InstrumentVersion *versions;
  guint n_versions;
  Provenance provenance;
  Loc loc;
} Instrument;

/* A structured citation: instrument, 条, 款, 项 (0 = not given). */
typedef struct {
  const Instrument *instrument;    /* resolved at load; NULL if absent */
  guint16 article;
  guint16 paragraph;
  guint16 item;
  gboolean verified;               /* FALSE when the article number itself is unverified */
  Loc loc;
  /* Rendered once when the loader resolves the instrument (citation.h,
   * citations_render), shared by equal citations, so a trace borrows them
   * instead of formatting per recommendation.  NULL before that. */
  const char *text[2];             /* [ENFORCE_LANG_ZH], [ENFORCE_LANG_EN] */
  const char *json;                /* the trace's citation object (docs/json-output.md) */
  guint32 json_len;                /* strlen (json): a trace copies it at every step */
} Citation;

typedef enum {
  FINE_RANGE = 0,                  /* min..max */
  FINE_MAX_ONLY,                   /* up to max (min 0) */
  FINE_FIXED,                      /* exactly min == max */
  FINE_MULTIPLE,                   /* min_times..max_times × a money fact */
  FINE_PER_UNIT,                   /* rate_min..rate_max per unit × a quantity fact, optional cap */
} FineForm;

typedef struct {
  gboolean present;
  FineForm form;
  gint64 min, max;                 /* fen: RANGE, MAX_ONLY, FIXED */
  int base_fact;                   /* MULTIPLE: index of the money fact */
  gint64 min_times, max_times;     /* MULTIPLE: × 100 */
  gboolean has_fallback;           /* MULTIPLE: range used when the base is zero */
  gint64 fallback_min, fallback_max;
  int quantity_fact;               /* PER_UNIT: index of the integer/number fact */
  gint64 rate_min, rate_max;       /* PER_UNIT: fen per unit */
  gboolean has_cap;
  gint64 cap;                      /* PER_UNIT: overall cap, fen */
  const char *unit;                /* PER_UNIT: 平方米, 处, 辆 */
  Loc loc;
} Fine;

typedef enum {
  COMBINE_AND = 0,                 /* 并处 */
  COMBINE_OR = 1,                  /* 或者 */
} Combine;

/* What the penalty provision allows for one party class. */
typedef struct {
  gboolean present;                /* FALSE: the provision does not cover this class */
  guint32 kinds;                   /* KIND_BIT mask */
  Combine combine;
  Fine fine;                       /* present iff kinds has KIND_FINE */
} Statutory;

typedef enum {
  TIER_NO_PENALTY = 0,             /* 不予处罚 */
  TIER_REDUCED = 1,                /* 减轻处罚 */
  TIER_LIGHTER = 2,                /* 从轻处罚 */
  TIER_GENERAL = 3,                /* 一般 */
  TIER_HEAVIER = 4,                /* 从重处罚 */
} TierClass;

typedef struct {
  const char *name;                /* 一般, 有碍城市容貌, 第一阶次 ... */
  TierClass cls;
  const Cond *when;                /* NULL: always applies (catch-all) */
  gboolean has_when;               /* a `when` was written (even one that failed to compile) */
  const char *text;                /* 适用条件 as written for humans */
  guint32 kinds;                   /* penalty kinds chosen; 0 = the statutory kinds */
  Fine fine[PARTY_COUNT];          /* per party class; .present FALSE = none given */
  Citation ground;                 /* REDUCED / NO_PENALTY: the legal ground */
  gboolean has_ground;
  gboolean statutory;              /* the fine is set by the penalty provision itself (a
                                    * 法定情形 sub-clause): it is the statutory fine of the
                                    * case, and tier_shift never moves a case into or out
                                    * of this tier (docs/semantics.md) */
  Provenance provenance;
  Loc loc;
  guint position;                  /* non-statutory: on the version's ladder (Version) */
  PlainLen name_plain, text_plain;
  PlainLen when_plain;             /* of cond_source (when) */
} Tier;

typedef enum {
  FACTOR_MITIGATING = 0,
  FACTOR_AGGRAVATING = 1,
} FactorDirection;

typedef struct {
  const char *code;                /* eliminated_harm, repeat_within_year ... */
  const char *label;
  FactorDirection direction;
  gboolean mandatory;              /* Art. 30 (second sentence), 32: forbids 一般 and 从重 */
  gboolean allows_reduction;       /* may justify 减轻 (below the statutory minimum) */
  Citation basis;
  gboolean has_basis;
  Loc loc;
  PlainLen code_plain;
} Factor;

typedef enum {
  POLICY_TIER_SHIFT = 0,           /* each factor moves one tier (net) */
  POLICY_POSITION = 1,             /* factors move the point inside the tier */
} PolicyKind;

typedef struct {
  gboolean present;
  PolicyKind kind;
  guint start_percent;             /* point start inside [min, max], 0..100 (50 = midpoint) */
  guint step_percent;              /* POSITION: percent of the width per factor */
  Loc loc;
} Policy;

typedef enum {
  EXEMPT_MINOR = 0,                /* 轻微不罚, Art. 33 ¶1, mandatory */
  EXEMPT_FIRST_VIOLATION = 1,      /* 首违免罚, Art. 33 ¶1 second sentence, discretionary */
} ExemptionKind;

typedef struct {
  ExemptionKind kind;
  const Cond *when;
  const char *text;
  Citation basis;
  Provenance provenance;
  Loc loc;
  PlainLen text_plain;
} Exemption;

typedef struct {
  gint32 from, to;
  char from_text[11];              /* effective_from as YYYY-MM-DD, filled at load */
  Statutory statutory[PARTY_COUNT];
  Tier *tiers;
  guint n_tiers;
  Factor *factors;                 /* this benchmark's own factors */
  guint n_factors;
  Policy policy;                   /* .present FALSE: inherit the jurisdiction's */
  Exemption *exemptions;
  guint n_exemptions;
  Provenance provenance;
  Loc loc;
  /* The non-statutory tiers, lightest first (class, then listing order):
   * the ladder tier_shift moves a case along.  Built at load. */
  const Tier **ladder;
  guint n_ladder;
  guint n_ladder_no_penalty;       /* rungs held by 不予处罚 tiers (the lowest) */
  guint n_ladder_reduced;          /* then by 减轻 tiers */
} Version;

typedef enum {
  TRIGGER_IMMEDIATE = 0,
  TRIGGER_REFUSED = 1,             /* 拒不改正 */
  TRIGGER_OVERDUE = 2,             /* 逾期不改正 */
} Trigger;

typedef enum {
  ORDER_NONE = 0,
  ORDER_CORRECT,                   /* 责令改正 */
  ORDER_CORRECT_WITHIN,            /* 责令限期改正 */
  ORDER_REMOVE,                    /* 责令清除 / 拆除 */
  ORDER_DEMOLISH,                  /* 责令限期拆除 */
  ORDER_STOP,                      /* 责令停止违法行为 */
} OrderKind;

/* Built-in circumstances, readable by every condition after the declared
 * facts (scope index = n_facts + BUILTIN_*). */
typedef enum {
  BUILTIN_MINOR = 0,               /* 违法行为轻微 (bool) */
  BUILTIN_CORRECTED,               /* 及时改正 (bool) */
  BUILTIN_HARM,                    /* 危害后果: none / minor / serious (enum) */
  BUILTIN_FIRST_VIOLATION,         /* 初次违法 (bool) */
  BUILTIN_NO_FAULT,                /* 有证据足以证明没有主观过错 (bool) */
  BUILTIN_COUNT,
} Builtin;

typedef struct {
  const char *name;
  guint name_hash;                 /* g_str_hash (name), filled at load: binding a
                                    * case compares it before the name */
  FactType type;
  const char *unit;
  const char *label;
  const char *const *enum_values;
  guint n_enum;
  Loc loc;
} FactDecl;

typedef struct {
  const char *id;
  const char *title;
  const char *enforcer;            /* 城市管理部门 ... */
  Citation violates;               /* 违则 */
  Citation penalized_by;           /* 罚则 */
  FactDecl *facts;
  guint n_facts;
  CondVar *scope;                  /* facts then built-ins: n_facts + BUILTIN_COUNT */
  guint n_scope;
  Trigger trigger;
  OrderKind order;
  const char *order_text;          /* 责令限期改正 ... as written */
  gboolean life_health_finance;    /* Art. 36: 5-year limitation when harm was caused */
  Version *versions;               /* sorted by from, non-overlapping (lint) */
  guint n_versions;
  gint32 repealed_from;            /* first day no longer punishable (Art. 37);
                                    * DATE_NONE when the rule set does not say */
  Loc repealed_loc;                /* of the repealed_from value, for lint */
  Provenance provenance;
  Loc loc;
  PlainLen id_plain, title_plain, order_text_plain;
} Benchmark;

typedef struct {
  const char *code;                /* 120106ZQBCF01003 */
  const char *name;
  const char *category;            /* 行政处罚 ... */
  const Benchmark **benchmarks;    /* candidate provisions (Art. 29) */
  guint n_benchmarks;
  Provenance provenance;
  Loc loc;
  PlainLen code_plain;
} Power;

/* Jurisdiction parameters (docs/rule-format.md#parameters). */
typedef enum {
  PARAM_SIMPLE_CAP_INDIVIDUAL = 0, /* Art. 51, fen */
  PARAM_SIMPLE_CAP_ORGANIZATION,
  PARAM_ONSITE_CAP,                /* Art. 68, fen */
  PARAM_HEARING_INDIVIDUAL,        /* Art. 63 较大数额, fen, fine >= value */
  PARAM_HEARING_ORGANIZATION,
  PARAM_LATE_PERCENT_PER_DAY,      /* Art. 72, percent */
  PARAM_PAYMENT_DAYS,              /* Art. 67, calendar days */
  PARAM_CASE_DAYS,                 /* Art. 60, calendar days */
  PARAM_DELIVERY_WORKDAYS,         /* Art. 61 + 85 */
  PARAM_HEARING_REQUEST_WORKDAYS,  /* Art. 64 + 85 */
  PARAM_PUBLICATION_WORKDAYS,      /* 双公示 / open-government standard */
  PARAM_LIMITATION_YEARS,          /* Art. 36 */
  PARAM_LIMITATION_LONG_YEARS,     /* Art. 36: life, health, finance and harm caused */
  PARAM_COUNT,
} ParamId;

typedef struct {
  gboolean set;                    /* given in this parameter version */
  gboolean known;                  /* FALSE: "unknown" in the rule file */
  gint64 value;
  Citation basis;
  gboolean verified;
  const char *note;
  Loc loc;
} Param;

typedef struct {
  gint32 from, to;
  Param params[PARAM_COUNT];
  gboolean has_rounding;
  Rounding rounding;
  Loc rounding_loc;
  Policy policy;                   /* discretion_policy */
  Loc loc;
} ParamVersion;

/* The parameters in force over [from, to], the jurisdiction chain already
 * searched: the loader flattens the chain's versions into these spans so
 * rules_param() and friends are one binary search (loader.c). */
typedef struct {
  gint32 from, to;
  const Param *params[PARAM_COUNT];/* NULL: not set by any jurisdiction then */
  const Rounding *rounding;
  const Policy *policy;
} ParamSpan;

/* One calendar year's working days, listed by the loader from
 * calendar_is_workday(), so a working-day period is a look-up rather than
 * a walk (procedure.c).  One per Calendar.years entry, same order. */
typedef struct {
  gint32 first;                    /* 1 January, day number */
  guint16 n_days;                  /* 365 or 366 */
  guint16 n_workdays;
  const guint16 *before;           /* [i]: working days from 1 January up to day first + i, excluded */
  const gint32 *workdays;          /* the working days, ascending */
} WorkdayYear;

typedef struct Jurisdiction Jurisdiction;
struct Jurisdiction {
  const char *id;
  const char *name;
  const char *code;                /* 120000 */
  const Jurisdiction *parent;
  ParamVersion *versions;
  guint n_versions;
  Factor *factors;                 /* factors every benchmark recognises (Art. 30, 32 ...) */
  guint n_factors;
  Provenance provenance;
  Loc loc;
};

/* The loaded rule set. */
struct _EnforceRuleSet {
  gint ref_count;                  /* atomic */
  Arena *arena;
  char hash[7 + 64 + 1];           /* "sha256:" + hex */
  const Jurisdiction *jurisdiction;/* the rule set's own (deepest) jurisdiction */
  Jurisdiction **jurisdictions;    /* own and ancestors, own first */
  guint n_jurisdictions;
  Instrument **instruments;
  guint n_instruments;
  Benchmark **benchmarks;          /* in load order */
  guint n_benchmarks;
  Power **powers;
  guint n_powers;
  GHashTable *benchmark_index;     /* id → Benchmark*; ids are rule-author input,
                                    * capped by the file and key limits */
  GHashTable *power_index;         /* code → Power* */
  Calendar calendar;               /* all calendar documents merged */
  Cond **conds;                    /* every compiled condition, to free */
  guint n_conds;
  /* Precomputed by the loader for the engine; see the types above. */
  const Citation *law_citations;   /* the engine's own cn-apl citations by LawCite
                                    * (citation.h); NULL without cn-apl */
  const ParamSpan *param_spans;    /* ascending, disjoint; NULL: search the chain */
  guint n_param_spans;
  const WorkdayYear *workday_years;/* calendar.n_years of them; NULL: walk the calendar */
};

/* Look-ups used by the engine; all O(1) or O(versions). */
const Benchmark *rules_find_benchmark (const EnforceRuleSet *rules, const char *id);
const Power     *rules_find_power (const EnforceRuleSet *rules, const char *code);
/* The version in force on @date, or NULL. */
const Version   *benchmark_version_on (const Benchmark *bm, gint32 date);
/* The parameter in force on @date, searching the jurisdiction then its
 * parents; NULL when no version of any of them sets it. */
const Param     *rules_param (const EnforceRuleSet *rules, ParamId id, gint32 date);
/* Rounding and discretion policy in force on @date (same search); NULL if none. */
const Rounding  *rules_rounding (const EnforceRuleSet *rules, gint32 date);
const Policy    *rules_policy (const EnforceRuleSet *rules, gint32 date);
/* A factor by code: the benchmark version's own first, then the
 * jurisdictions' (own, then parents). */
const Factor    *rules_find_factor (const EnforceRuleSet *rules, const Version *v, const char *code);
/* The benchmark version's own factor @code, or NULL. */
const Factor    *version_find_factor (const Version *v, const char *code);

/* Stable names used in YAML, JSON and messages. */
const char *party_class_name (PartyClass p);              /* individual organization */
const char *penalty_kind_name (PenaltyKind k);            /* warning fine ... */
const char *penalty_kind_label_zh (PenaltyKind k);        /* 警告 罚款 ... */
const char *tier_class_name (TierClass c);                /* no_penalty reduced lighter general heavier */
const char *tier_class_label_zh (TierClass c);            /* 不予处罚 减轻处罚 从轻处罚 一般 从重处罚 */
const char *param_name (ParamId id);                      /* simple_procedure_cap.individual ... */
const char *builtin_name (Builtin b);                     /* minor corrected harm first_violation no_fault */

/* NULL-terminated name tables, indexed by the enum value: the loader binds
 * YAML words with them (bind_enum) and output prints the same words. */
extern const char *const party_class_names[];         /* PartyClass */
extern const char *const penalty_kind_names[];        /* PenaltyKind */
extern const char *const tier_class_names[];          /* TierClass */
extern const char *const instrument_level_names[];    /* InstrumentLevel */
extern const char *const fact_type_names[];           /* FactType */
extern const char *const trigger_names[];             /* Trigger */
extern const char *const order_kind_names[];          /* OrderKind */
extern const char *const combine_names[];             /* Combine */
extern const char *const factor_direction_names[];    /* FactorDirection */
extern const char *const policy_kind_names[];         /* PolicyKind */
extern const char *const exemption_kind_names[];      /* ExemptionKind */
extern const char *const power_category_names[];      /* Power.category, 行政处罚 ... */
extern const char *const builtin_names[];             /* Builtin */
extern const char *const harm_names[];                /* values of the built-in `harm` */
