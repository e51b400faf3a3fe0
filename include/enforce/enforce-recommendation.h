/* enforce-recommendation.h: recommending a penalty for one case.
 *
 * enforce_recommend() implements the steps of docs/semantics.md in order:
 * resolve the provision (Art. 29), the law in force (Art. 37), the gates
 * (Art. 30, 31, 33, 36), the tier, the amount range, factors, the point,
 * the procedure (Art. 51, 57, 58, 63, 68) and the deadlines (Art. 60, 61,
 * 64, 67, 72, 85).  Missing facts never become defaults: the outcome, or the
 * part of it that needs them, is "undetermined" and names what is missing.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>
#include <enforce/enforce-error.h>
#include <enforce/enforce-rule-set.h>
#include <enforce/enforce-case.h>

G_BEGIN_DECLS

typedef enum {
  ENFORCE_OUTCOME_NO_PENALTY = 0,
  ENFORCE_OUTCOME_WARNING = 1,
  ENFORCE_OUTCOME_FINE = 2,
  ENFORCE_OUTCOME_FINE_AND_OTHER = 3,    /* a fine with other penalty kinds (并处) */
  ENFORCE_OUTCOME_OTHER = 4,             /* penalty kinds without a fine */
  ENFORCE_OUTCOME_UNDETERMINED = 5,      /* see the missing list */
} EnforceOutcome;

/* A yes/no answer that may depend on something unknown. */
typedef enum {
  ENFORCE_ANSWER_NO = 0,
  ENFORCE_ANSWER_YES = 1,
  ENFORCE_ANSWER_UNDETERMINED = 2,
} EnforceAnswer;

typedef enum {
  ENFORCE_PROCEDURE_UNDETERMINED = 0,
  ENFORCE_PROCEDURE_SIMPLE = 1,          /* 简易程序 may be used (Art. 51) */
  ENFORCE_PROCEDURE_GENERAL = 2,         /* 普通程序 */
  ENFORCE_PROCEDURE_NONE = 3,            /* no penalty decision */
} EnforceProcedure;

typedef enum {
  ENFORCE_RECOMMEND_DEFAULT = 0,
  ENFORCE_RECOMMEND_TRACE = 1 << 0,      /* record the ordered trace with messages and citations */
} EnforceRecommendFlags;

typedef struct _EnforceRecommendation EnforceRecommendation;

/* Recommends a penalty for @kase under @rules.
 * @as_of: "YYYY-MM-DD" used only for the late surcharge, or NULL (then the
 *   surcharge is not computed).  The library never reads a clock.
 * Returns a new recommendation (free with enforce_recommendation_free()), or
 * NULL with @error set when the case cannot be evaluated at all:
 * ENFORCE_ERROR_UNKNOWN_BENCHMARK, _UNKNOWN_FACTOR, _UNKNOWN_FACT,
 * _FACT_TYPE, _INVALID_CASE, _INVALID_DATE, _OVERFLOW.  A recommendation keeps
 * a reference on @rules.  Thread safety: any number of threads may call this
 * at once on one rule set. */
ENFORCE_EXPORT EnforceRecommendation *enforce_recommend (const EnforceRuleSet *rules,
                                                         const EnforceCase *kase,
                                                         const char *as_of,
                                                         EnforceRecommendFlags flags,
                                                         GError **error);

/* Accessors.  Strings are borrowed from the recommendation (or the rule set
 * it holds a reference on) and live as long as it does.  An out-of-range
 * @index is a programmer error: a g_critical and NULL (or 0).  A finished
 * recommendation is immutable: any number of threads may read it. */
ENFORCE_EXPORT EnforceOutcome   enforce_recommendation_get_outcome   (const EnforceRecommendation *self);
/* TRUE when a no-penalty outcome is discretionary (首违免罚, Art. 33 ¶1 sentence 2). */
ENFORCE_EXPORT gboolean         enforce_recommendation_is_discretionary (const EnforceRecommendation *self);
/* Benchmark applied and its version's effective_from ("2019-05-01"); borrowed, NULL if none. */
ENFORCE_EXPORT const char      *enforce_recommendation_get_benchmark_id (const EnforceRecommendation *self);
ENFORCE_EXPORT const char      *enforce_recommendation_get_version      (const EnforceRecommendation *self);
/* Tier name ("一般"), borrowed; NULL if no tier was selected. */
ENFORCE_EXPORT const char      *enforce_recommendation_get_tier         (const EnforceRecommendation *self);
/* Fine range in fen; FALSE when the outcome has no fine. */
ENFORCE_EXPORT gboolean         enforce_recommendation_get_range        (const EnforceRecommendation *self, gint64 *min_fen, gint64 *max_fen);
/* Recommended fine in fen; FALSE when there is none. */
ENFORCE_EXPORT gboolean         enforce_recommendation_get_amount       (const EnforceRecommendation *self, gint64 *fen);
ENFORCE_EXPORT EnforceProcedure enforce_recommendation_get_procedure    (const EnforceRecommendation *self);
ENFORCE_EXPORT EnforceAnswer    enforce_recommendation_get_hearing      (const EnforceRecommendation *self);
ENFORCE_EXPORT EnforceAnswer    enforce_recommendation_get_legal_review (const EnforceRecommendation *self);
ENFORCE_EXPORT EnforceAnswer    enforce_recommendation_get_collective_discussion (const EnforceRecommendation *self);
ENFORCE_EXPORT EnforceAnswer    enforce_recommendation_get_onsite_collection (const EnforceRecommendation *self);
/* What is missing for an undetermined part: case paths ("facts.area_m2") or
 * rule parameters ("parameters.hearing_threshold.individual"); borrowed. */
ENFORCE_EXPORT guint            enforce_recommendation_get_missing_count (const EnforceRecommendation *self);
ENFORCE_EXPORT const char      *enforce_recommendation_get_missing       (const EnforceRecommendation *self, guint index);
/* Trace steps (only with ENFORCE_RECOMMEND_TRACE). Code is a stable name ("gate.minor"). */
ENFORCE_EXPORT guint            enforce_recommendation_get_step_count    (const EnforceRecommendation *self);
ENFORCE_EXPORT const char      *enforce_recommendation_get_step_code     (const EnforceRecommendation *self, guint index);
ENFORCE_EXPORT const char      *enforce_recommendation_get_step_message  (const EnforceRecommendation *self, guint index, EnforceLang lang);
/* Citation rendered as legal text (《中华人民共和国行政处罚法》第三十三条第一款); NULL if none. */
ENFORCE_EXPORT const char      *enforce_recommendation_get_step_citation (const EnforceRecommendation *self, guint index, EnforceLang lang);
/* The recommendation as JSON (docs/json-output.md); caller frees. */
ENFORCE_EXPORT char            *enforce_recommendation_to_json  (const EnforceRecommendation *self);
/* Human-readable text for officers, in @lang; caller frees. */
ENFORCE_EXPORT char            *enforce_recommendation_to_text  (const EnforceRecommendation *self, EnforceLang lang);
ENFORCE_EXPORT void             enforce_recommendation_free     (EnforceRecommendation *self);

/* Stable names: "fine", "simple", "yes", ... */
ENFORCE_EXPORT const char *enforce_outcome_name   (EnforceOutcome outcome);
ENFORCE_EXPORT const char *enforce_procedure_name (EnforceProcedure procedure);
ENFORCE_EXPORT const char *enforce_answer_name    (EnforceAnswer answer);

#ifndef SWIG
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnforceRecommendation, enforce_recommendation_free)
#endif

G_END_DECLS
