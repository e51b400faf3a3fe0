/* recommend-private.h: the recommendation object and the engine's internals.
 *
 * enforce_recommend() (recommend.c) evaluates on the stack and allocates
 * exactly one block for the result when the trace is off: every list is a
 * fixed-size inline array of borrowed pointers (into the rule set, which the
 * result keeps a reference on, or static strings), and the few composed
 * strings ("facts.area_m2", "calendar.2025", the case id) live in a pool at
 * the end of the same block.  With ENFORCE_RECOMMEND_TRACE the steps are
 * recorded too (RecTrace): small step records, kept in each evaluation
 * while it runs (RecSteps), and all their text in two buffers, which
 * become the trace's two blocks (the chosen records at the end of one), so
 * a step costs no allocation of its own.
 *
 * The engine, one job per file (steps of docs/semantics.md):
 *   recommend.c   enforce_recommend(): step 1 (resolve), step 2 (the law
 *                 in force, Art. 37), the choice among candidates (Art. 29)
 *                 and the result block;
 *   rec-bind.c    the case's facts typed by a benchmark's declarations,
 *                 and case errors;
 *   rec-gates.c   step 3: limitation, age, capacity, no fault, minor and
 *                 first-violation exemptions, the order-to-correct trigger;
 *   rec-tier.c    step 4 and the factors of step 6: which tier applies and
 *                 how factors move the tier or the point;
 *   rec-amount.c  steps 5-7 on the chosen tier: range, point, rounding;
 *   rec-trace.c   missing paths, unverified notes, the engine's own
 *                 citations and the inputs of trace steps;
 *   procedure.c   steps 8-9: Art. 51/57/58/63/68 and the Art. 60/61/64/
 *                 67/72 deadlines.
 * recommendation.c holds the accessors and the text report;
 * recommendation-json.c the JSON (docs/json-output.md).
 */
#pragma once

#include <string.h>
#include <glib.h>
#include <enforce/enforce-recommendation.h>
#include "case-private.h"
#include "citation.h"
#include "json-writer.h"
#include "model.h"

#define REC_MAX_MISSING 32             /* missing paths kept per recommendation */
#define REC_MAX_EXCLUDED 8             /* Art. 29 candidates recorded as excluded */
#define REC_MAX_CANDIDATES (1 + REC_MAX_EXCLUDED)
#define REC_MAX_NOTES 16               /* unverified data noted */
#define REC_PATH_POOL 4096             /* bytes for composed missing paths */
#define REC_MAX_DECL 64                /* case facts whose declarations are remembered */
#define REC_MAX_FACTORS 64             /* factor codes a case may give */

/* What an "unverified" note is about. */
typedef enum {
  NOTE_BENCHMARK = 0,                  /* the benchmark's provenance */
  NOTE_VERSION,                        /* the benchmark version's provenance */
  NOTE_TIER,                           /* the tier's provenance */
  NOTE_EXEMPTION,                      /* an exemption's provenance */
  NOTE_CITATION,                       /* an article number not checked */
  NOTE_PARAM,                          /* a jurisdiction parameter */
  NOTE_CALENDAR,                       /* a calendar year */
  NOTE_POLICY,                         /* a jurisdiction's discretion_policy: a convention */
} NoteKind;

/* 24 bytes: the provenance note is read from the subject when printed. */
typedef struct {
  NoteKind kind;
  gint32 number;                       /* NOTE_CALENDAR: year; NOTE_VERSION: effective_from */
  const void *subject;                 /* Benchmark, Version, Tier, Exemption, Citation, Param,
                                        * CalendarYear or Policy, by kind; borrowed */
  const char *name;                    /* benchmark id, tier name, parameter name; borrowed */
} RecNote;

/* Missing paths and unverified notes, as collected by one evaluation. */
typedef struct {
  guint n_missing;
  const char *missing[REC_MAX_MISSING];
  guint n_notes;
  RecNote notes[REC_MAX_NOTES];
} RecLists;

/* Why an Art. 29 candidate was not applied. */
typedef enum {
  EXCLUDED_LIGHTER_FINE = 0,           /* "lighter_fine" */
  EXCLUDED_NOT_COVERED = 1,            /* "party_class_not_covered": the provision does not cover the party */
  EXCLUDED_EQUAL_FINE = 2,             /* "equal_fine": same amount and statutory maximum as the
                                        * applied one, which is listed first */
} ExcludedReason;

const char *rec_excluded_reason_name (guint8 reason);

/* Why a procedure answer came out as it did (for the text report). */
typedef enum {
  WHY_NONE = 0,                        /* not evaluated */
  WHY_NO_PENALTY,                      /* no penalty decision */
  WHY_OUTCOME_UNDETERMINED,            /* the outcome itself is undetermined */
  WHY_WARNING,                         /* a warning only */
  WHY_FINE_WITHIN,                     /* fine <= the parameter (simple cap, on-site cap) */
  WHY_FINE_OVER,                       /* fine > the parameter */
  WHY_OTHER_KINDS,                     /* kinds besides a fine or warning */
  WHY_PARAM_UNKNOWN,                   /* the parameter is unknown */
  WHY_NOT_SIMPLE,                      /* on-site collection needs the simple procedure */
  WHY_NO_FINE,                         /* nothing to collect / no fine */
  WHY_HEAVY_KIND,                      /* Art. 63 kinds (revoke, close ...) */
  WHY_AT_THRESHOLD,                    /* fine >= the hearing threshold */
  WHY_BELOW_THRESHOLD,                 /* fine < the hearing threshold */
  WHY_FLAG_SET,                        /* a review ground holds */
  WHY_FLAGS_CLEAR,                     /* no review ground holds */
  WHY_FLAGS_UNKNOWN,                   /* a review ground is not given */
  WHY_REDUCED_TIER,                    /* 减轻: below the statutory minimum */
} ProcWhy;

/* One trace step (only with ENFORCE_RECOMMEND_TRACE).  Its text lives in
 * the recommendation's trace buffers (RecCtx, RecTrace), at offsets rather
 * than pointers because the buffers move while they grow. */
typedef struct {
  const char *code;                    /* static: "gate.minor" */
  guint32 inputs;                      /* JSON object text, in the inputs buffer */
  guint32 message[2];                  /* [ENFORCE_LANG_ZH], [ENFORCE_LANG_EN], in the text buffer */
  guint32 code_len;                    /* strlen (code), for the JSON */
  const Citation *citation;            /* borrowed from the rule set, rendered at load
                                        * (model.h); NULL without a citation */
} RecStep;

/* The steps of one evaluation while the engine runs (RecEval), then of
 * the result.  A trace has about 20 (at most about 35: the gates, the law,
 * tier, factors, range, point, procedure, deadlines and the Art. 29
 * candidates), so they live in place; only a longer list moves to the
 * heap. */
#define REC_STEPS_INLINE 48

typedef struct {
  guint n;
  guint cap;                           /* REC_STEPS_INLINE, or heap's */
  RecStep *heap;                       /* NULL while the steps fit in inline_steps */
  RecStep inline_steps[REC_STEPS_INLINE];
} RecSteps;

/* A recommendation's trace, owned by the result: the inputs buffer, and
 * one block holding this header, the messages and the steps.  Each inputs
 * object and each message follows its length (rec_trace_len()) and is
 * followed by its NUL; a message then by its REC_MESSAGE_* byte.  (Inputs
 * and messages cannot share a buffer: a step's messages are written while
 * its inputs object is still open.) */
typedef struct {
  const char *text;                    /* the block itself: message offsets count from it */
  gsize text_len;                      /* bytes of it up to the steps */
  char *inputs;                        /* every step's inputs object; a block of its own */
  gsize inputs_len;
  const RecStep *steps;                /* n_steps, in order, in the text's block */
  guint n_steps;
} RecTrace;

/* The byte after a message's NUL: how much JSON escaping the message
 * needs, found while it is written, so the JSON writer does not scan every
 * message again (recommendation-json.c). */
#define REC_MESSAGE_ESCAPE '\0'            /* any: json_append_escaped() */
#define REC_MESSAGE_PLAIN  '\1'            /* none (json_is_plain()) */
#define REC_MESSAGE_QUOTES '\2'            /* its '"' only: plain otherwise */

/* The length of the inputs object or message at @offset of trace buffer
 * @buf (a RecStep offset), stored before it (unaligned, native order) so
 * the JSON writer copies it without a strlen(). */
static inline gsize
rec_trace_len (const char *buf, guint32 offset)
{
  guint32 len;

  memcpy (&len, buf + offset - sizeof len, sizeof len);
  return len;
}

/* Laid out small (under glibc's 1 KiB tcache limit with a short case id)
 * because malloc and free of the block are a good part of the cost of a
 * recommendation. */
struct _EnforceRecommendation {
  EnforceRuleSet *rules;               /* reference held: borrowed strings stay valid */
  const char *case_id;                 /* in pool, or NULL */
  const char *decided_by;              /* static step code that decided a no-penalty outcome */
  const Benchmark *benchmark;          /* NULL when none applied */
  const Version *version;
  const Tier *tier;                    /* NULL when none was selected */
  RecTrace *trace;                     /* NULL without a trace */
  gint64 statutory_min, statutory_max; /* statutory fine range, fen */
  gint64 range_min, range_max;         /* the final range, fen */
  gint64 amount;                       /* fen */
  gint64 simple_cap, onsite_cap, hearing_threshold;   /* fen; -1 when unknown or unused */
  gint64 days_late;
  gint64 surcharge;                    /* fen */
  gint32 decision_due, hearing_request_by, delivery_by, payment_due;   /* DATE_NONE */
  gint32 surcharge_as_of;
  guint32 kinds;                       /* KIND_BIT mask of the penalties imposed */
  EnforceOutcome outcome;
  EnforceProcedure procedure;
  EnforceAnswer onsite, hearing, legal_review, collective;
  Rounding rounding;
  PartyClass party;
  guint8 why_procedure, why_onsite, why_hearing, why_review, why_collective;   /* ProcWhy */
  guint8 discretionary;
  guint8 has_party;
  guint8 has_statutory;
  guint8 has_range;
  guint8 has_amount;
  guint8 has_rounding;
  guint8 reduced;                      /* a 减轻 tier applies */
  guint8 has_surcharge;
  guint8 n_excluded;
  guint8 excluded_reason[REC_MAX_EXCLUDED];   /* ExcludedReason */
  const Benchmark *excluded[REC_MAX_EXCLUDED];
  const char *version_text;            /* effective_from (Version.from_text); "" without a version */
  gsize pool_len;
  RecLists lists;                      /* last but the pool: copied only as far as used */
  char pool[];                         /* composed strings, NUL-separated */
};

/* What one enforce_recommend() call shares across its evaluations. */
typedef struct {
  const EnforceRuleSet *rules;
  const EnforceCase *kase;
  gboolean trace;
  GString *inputs;                     /* trace only: the steps' inputs objects and */
  GString *text;                       /* messages (RecStep offsets), both NUL-separated */
  gint32 as_of;                        /* DATE_NONE when not given */
  /* Checking the case's names finds each fact's declaration in the first
   * candidate; binding that candidate reuses it instead of searching again. */
  const ParamSpan *span;               /* the parameter span last looked up (rec_param) */
  const Benchmark *decl_of;            /* the candidate of decl[], NULL when not kept */
  gint8 decl[REC_MAX_DECL];            /* case fact → declaration index, -1 for none */
  /* The jurisdictions' factor for each of the case's codes (NULL when only
   * a benchmark version declares it), found once while checking the codes:
   * every evaluation sums the factors again (rec_case_factor()). */
  const Factor *jur_factor[REC_MAX_FACTORS];
  gsize pool_used;
  char pool[REC_PATH_POOL];
} RecCtx;

/* ------------------------------------------------------------------ */
/* The engine's internal interface                                     */

/* Lists (rec-trace.c).  Paths are kept once, in the order added; past the
 * cap they are dropped. */
void rec_add_missing (RecLists *l, const char *path);
/* "calendar.2025", composed in @ctx's pool. */
void rec_add_missing_year (RecCtx *ctx, RecLists *l, int year);
/* "benchmarks.<id>.version_on_decided": the rule set states neither the
 * version in force on the decision date nor repealed_from. */
void rec_add_missing_decided_version (RecCtx *ctx, RecLists *l, const Benchmark *bm);
/* The case path of scope entry @index of @bm: "facts.<name>" (composed in
 * @ctx's pool) or "circumstances.<built-in>". */
void rec_add_missing_scope (RecCtx *ctx, RecLists *l, const Benchmark *bm, guint index);
/* Every scope entry whose bit (1 << index) is set in @mask, as cond_eval()
 * reports them. */
void rec_add_missing_mask (RecCtx *ctx, RecLists *l, const Benchmark *bm, guint64 mask);
/* Adds the missing paths of @from to @into, keeping @into's first. */
void rec_merge_missing (RecLists *into, const RecLists *from);
/* "circumstances.harm" ... for a built-in fact. */
const char *rec_builtin_path (Builtin b);
void rec_add_note (RecLists *l, NoteKind kind, const void *subject, const char *name,
                   gint32 number);
/* Notes @c when it names an article not checked against the official text;
 * @name is the datum that cites it. */
void rec_note_citation (RecLists *l, const Citation *c, const char *name);
/* Notes an unverified benchmark, version (NULL: none chosen yet) and the
 * articles they cite. */
void rec_note_provenance (const Benchmark *bm, const Version *v, RecLists *l);
/* Copies the used entries of @from into @to (cheaper than the whole struct). */
void rec_lists_copy (RecLists *to, const RecLists *from);
/* Notes an unverified parameter (its value or its basis citation). */
void rec_note_param (RecLists *l, ParamId id, const Param *p);
/* rules_param(), rules_rounding() and rules_policy() for the engine: one
 * recommendation asks about a few dates, mostly inside one span of the
 * loader's flattened parameters, which @ctx remembers. */
const Param *rec_param (RecCtx *ctx, ParamId id, gint32 date);
const Rounding *rec_rounding (RecCtx *ctx, gint32 date);
const Policy *rec_policy (RecCtx *ctx, gint32 date);
/* Static "parameters.<name>" path of a parameter. */
const char *rec_param_path (ParamId id);
/* A citation of the Administrative Penalty Law (cn-apl), @which a LawCite
 * (citation.h), borrowed from the rule set; NULL when the rule set lacks
 * cn-apl. */
const Citation *rec_law_citation (const RecCtx *ctx, guint which);

/* The inputs object of one trace step (rec-trace.c), written into @ctx's
 * inputs buffer by rec_inputs_begin() ... rec_inputs_end().  Written by
 * hand, as the JSON writer would write it: the keys are the engine's own
 * identifiers and only string values need escaping. */
typedef struct {
  RecCtx *ctx;
  guint32 start;
  gboolean empty;                      /* no member yet: no comma before the next */
} RecInputs;

RecInputs *rec_inputs_begin (RecCtx *ctx, RecInputs *in);
/* The object's offset, for rec_step_add(). */
guint32 rec_inputs_end (RecInputs *in);
/* Members.  Each key is a string literal, one of the engine's own
 * identifiers: the macros below hand the rec_inputs_*_len() functions
 * its JSON ("\"key\":") and length, made at compile time ("\"" key
 * "\":" compiles for nothing else), so no member measures or quotes its
 * key.  A NULL string is written null. */
#define REC_KEY(key) "\"" key "\":", sizeof ("\"" key "\":") - 1
/* Rule text with its PlainLen (model.h): copied as it is, or escaped. */
#define rec_inputs_string(in, key, s, plain) rec_inputs_string_len ((in), REC_KEY (key), (s), (plain))
void rec_inputs_string_len (RecInputs *in, const char *key, gsize key_len, const char *s,
                            PlainLen plain);
/* A string the engine wrote, which needs no JSON escape (not scanned;
 * debug builds check): one of its own names ("fine", "half_up") or a date
 * it formatted.  Rule or case text goes through rec_inputs_string(). */
#define rec_inputs_name(in, key, name) rec_inputs_name_len ((in), REC_KEY (key), (name))
void rec_inputs_name_len (RecInputs *in, const char *key, gsize key_len, const char *name);
#define rec_inputs_number(in, key, v) rec_inputs_number_len ((in), REC_KEY (key), (v))
void rec_inputs_number_len (RecInputs *in, const char *key, gsize key_len, gint64 v);
#define rec_inputs_flag(in, key, v) rec_inputs_flag_len ((in), REC_KEY (key), (v))
void rec_inputs_flag_len (RecInputs *in, const char *key, gsize key_len, gboolean v);
/* An array of strings: begin, each item (@index 0 first), end. */
#define rec_inputs_array_begin(in, key) rec_inputs_array_begin_len ((in), REC_KEY (key))
void rec_inputs_array_begin_len (RecInputs *in, const char *key, gsize key_len);
void rec_inputs_array_string (RecInputs *in, guint index, const char *s, PlainLen plain);
void rec_inputs_array_end (RecInputs *in);
/* A step message in @ctx's text buffer; returns its offset.  rec_textf()
 * formats %s, %-s, %d, %i, %u, %li, %lu and %% itself (no printf on the
 * trace path) and hands anything else to GLib; the attribute keeps the
 * formats checked.  The JSON writer copies most messages as they are, and
 * what it must escape is found here, cheaply for the engine's own text:
 *   - the formats and rec_text()'s literal are valid UTF-8 with no control
 *     character or '\\', so only a '"' is looked for;
 *   - a %-s argument (printf prints "%-s" as "%s") is text the engine
 *     wrote, which needs no escape at all: one of its literals without a
 *     '"', or a date, amount or name it formatted.  Not scanned;
 *   - a %.*s argument is rule text after its PlainLen (model.h): the
 *     length, which printf prints as much of, when it needs no escape
 *     (not scanned), else -1, which printf takes as no precision;
 *   - a %s argument (rule or case text) is checked in full.
 * Debug builds check the first three. */
guint32 rec_text (RecCtx *ctx, const char *s);
guint32 rec_textf (RecCtx *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Members whose value may be unknown: written as null then. */
#define rec_inputs_date(in, key, day) rec_inputs_date_len ((in), REC_KEY (key), (day))
void rec_inputs_date_len (RecInputs *in, const char *key, gsize key_len, gint32 day);
/* The same, leaving the date's text in @text ("" for DATE_NONE) for the
 * step's messages, which then need not format it again. */
#define rec_inputs_date_text(in, key, day, text) \
  rec_inputs_date_text_len ((in), REC_KEY (key), (day), (text))
void rec_inputs_date_text_len (RecInputs *in, const char *key, gsize key_len, gint32 day,
                               char text[DATE_TEXT_LEN + 1]);
#define rec_inputs_bool(in, key, fv) rec_inputs_bool_len ((in), REC_KEY (key), (fv))
void rec_inputs_bool_len (RecInputs *in, const char *key, gsize key_len, const FactValue *fv);
#define rec_inputs_int(in, key, known, v) rec_inputs_int_len ((in), REC_KEY (key), (known), (v))
void rec_inputs_int_len (RecInputs *in, const char *key, gsize key_len, gboolean known,
                         gint64 v);
/* "是" / "否" / "待定" and "yes" / "no" / "undetermined". */
const char *rec_tri_zh (Tri t);
const char *rec_tri_en (Tri t);

/* Case errors (rec-bind.c): "case.yaml:3:5: facts.area_m2: ..." with the
 * position when the case gave one (@line 0: none). */
void rec_case_error (GError **error, EnforceErrorCode code, const EnforceCase *k,
                     guint32 line, guint32 col, const char *format, ...) G_GNUC_PRINTF (6, 7);
/* Types the case's facts by @bm's declarations into @values (the scope:
 * declared facts, then the built-ins); absent facts are unknown.
 * ENFORCE_ERROR_FACT_TYPE when a fact does not parse as declared. */
gboolean rec_bind_facts (const RecCtx *ctx, const Benchmark *bm, FactValue *values,
                         GError **error);
/* Every case fact must be declared, and every factor recognised, by at
 * least one of the @n candidates (ENFORCE_ERROR_UNKNOWN_FACT,
 * ENFORCE_ERROR_UNKNOWN_FACTOR, ENFORCE_ERROR_LIMIT_ITEMS otherwise). */
gboolean rec_check_case_names (RecCtx *ctx, const Benchmark *const *cands, guint n,
                               GError **error);
/* The factor the case's code @i names under @v: the version's own, else
 * the jurisdictions' (rules_find_factor()); NULL when only another
 * candidate knows it.  Valid after rec_check_case_names(). */
const Factor *rec_case_factor (const RecCtx *ctx, const Version *v, guint i);

/* One evaluation: one benchmark under one version (steps 3-7). */
typedef struct {
  const Benchmark *bm;
  const Version *v;
  EnforceOutcome outcome;
  gboolean discretionary;
  const char *decided_by;            /* static step code for a no-penalty outcome */
  gboolean not_covered;              /* the provision does not cover the party class */
  const Tier *tier;
  guint32 kinds;
  gboolean has_statutory;
  gint64 stat_min, stat_max;         /* centifen */
  gboolean has_range;
  gint64 min, max;                   /* centifen */
  gboolean has_amount;
  gint64 amount;                     /* fen */
  gboolean reduced;
  gboolean has_rounding;
  Rounding rounding;
  RecLists lists;                    /* after the fields cleared and copied at once */
  RecSteps *steps;                   /* trace only: &steps_store; NULL without a trace */
  RecSteps steps_store;              /* last: copied only as far as used */
} RecEval;

/* What steps 3-7 read for one benchmark version. */
typedef struct {
  RecCtx *ctx;
  const Benchmark *bm;
  const Version *v;
  const FactValue *values;           /* the bound scope (rec_bind_facts) */
  gint32 law_date;                   /* the act, or act_end for continuing acts */
  gint32 date;                       /* whose rounding and policy apply: the act, or the
                                      * decision when Art. 37 evaluates a later version */
} RecEvalIn;

/* What the gates hand to the factors. */
typedef struct {
  gboolean mandatory_mitigation;     /* Art. 30 (second sentence): aged 14-17 */
  const Factor *extra[2];            /* minor_14_17, partial_capacity, when declared */
  guint n_extra;
} RecGateOut;

/* Step 3 (rec-gates.c): the gates in order.  TRI_TRUE when one decided no
 * penalty (@e says which, with the education step); TRI_UNKNOWN when one
 * could not be decided (the missing inputs listed, later gates still run);
 * TRI_FALSE when the penalty is due. */
Tri rec_run_gates (const RecEvalIn *in, RecEval *e, RecGateOut *out);
/* Art. 33 ¶3, after any no-penalty outcome (trace only). */
void rec_education_step (RecCtx *ctx, RecEval *e);

/* The factors of a case for one version (rec-tier.c). */
typedef struct {
  guint mitigating, aggravating;
  gboolean mandatory;
  gboolean allows_reduction;
  const Factor *list[64 + 2];        /* the case's codes (at most 64) and the gates' two */
  guint n;
} RecFactors;

/* Step 4 (rec-tier.c): the first tier whose condition holds; TRI_UNKNOWN
 * (with the missing facts) when an undecided condition comes before any
 * that holds; TRI_FALSE when none holds. */
Tri rec_select_tier (const RecEvalIn *in, RecEval *e, const Tier **tier);
void rec_tier_step (RecCtx *ctx, const Benchmark *bm, RecEval *e, const Tier *t);
/* Notes an unverified tier (unless its document is noted already) and its
 * ground. */
void rec_note_tier (const Benchmark *bm, const Version *v, const Tier *t, RecLists *l);
void rec_sum_factors (const RecCtx *ctx, const Version *v, const RecGateOut *g, RecFactors *s);
/* Step 6: moves e->tier by the factors (tier_shift) or sets *@percent
 * (position); FALSE with the missing path listed when the result cannot
 * be decided. */
gboolean rec_apply_factors (RecCtx *ctx, const Version *v, const Policy *policy,
                            const RecFactors *fs, RecEval *e, guint *percent);

/* Steps 5-7 (rec-amount.c) on the tier step 4 chose for the party's
 * statutory penalty @stat: the kinds, the range, the factors, the point.
 * Sets e->outcome when decided; FALSE only on overflow. */
gboolean rec_decide_penalty (const RecEvalIn *in, const Statutory *stat, const RecGateOut *g,
                             RecEval *e, GError **error);

static inline gint64
rec_clamp64 (gint64 v, gint64 lo, gint64 hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* The smallest whole fen at or above @cf centifen (cf >= 0). */
static inline gint64
rec_ceil_fen (gint64 cf)
{
  return cf / CENTIFEN_PER_FEN + (cf % CENTIFEN_PER_FEN != 0);
}

/* Trace (recommendation.c).  @code is a literal, which REC_CODE() hands
 * on with its length (rec_step_add_len() for a code passed along);
 * @inputs, @zh and @en are offsets from rec_inputs_end() and rec_text();
 * @citation may be NULL (borrowed otherwise: rule-set data). */
#define REC_CODE(code) "" code "", sizeof (code) - 1
#define rec_step_add(steps, code, inputs, zh, en, citation) \
  rec_step_add_len ((steps), REC_CODE (code), (inputs), (zh), (en), (citation))
void rec_step_add_len (RecSteps *steps, const char *code, gsize code_len, guint32 inputs,
                       guint32 zh, guint32 en, const Citation *citation);
/* Moves the last step added to the front (a step that governs the ones
 * before it was recorded after them). */
void rec_step_to_front (RecSteps *steps);
/* @steps made empty, with its inline room; returns it. */
RecSteps *rec_steps_init (RecSteps *steps);
/* The steps in order (rec_steps_init() ... rec_steps_clear()). */
static inline const RecStep *
rec_steps_items (const RecSteps *steps)
{
  return steps->heap != NULL ? steps->heap : steps->inline_steps;
}
/* Moves @from's steps to @to (both initialised), leaving @from empty. */
void rec_steps_move (RecSteps *to, RecSteps *from);
void rec_steps_clear (RecSteps *steps);
void rec_trace_free (RecTrace *trace);

/* Procedure and deadlines (procedure.c), on the result being built. */
/* @steps: where the trace's steps go, NULL without a trace. */
void rec_decide_procedure (RecCtx *ctx, EnforceRecommendation *r, RecSteps *steps,
                           gint32 param_date);
void rec_compute_deadlines (RecCtx *ctx, EnforceRecommendation *r, RecSteps *steps);
/* When the on-site answer is an Art. 68(1) "no": the sentence naming the
 * grounds that still allow it (Art. 68(2), Art. 69); NULL otherwise. */
const char *rec_onsite_caveat (const EnforceRecommendation *r, EnforceLang lang);
/* calendar_add_workdays() on @rules' calendar, answered from the loader's
 * working-day lists (model.h WorkdayYear) when it has them: the same
 * answers, without walking the days. */
gboolean rec_add_workdays (const EnforceRuleSet *rules, gint32 from, int n, gint32 *out,
                           int *missing_year);

/* Text helpers shared by the text and JSON output (recommendation.c). */
/* "2000.00" into @buf (>= 32 bytes). */
void rec_format_yuan (gint64 fen, char buf[32]);
/* The same text at @dst (room for 32 bytes), without a NUL; returns the
 * end. */
char *rec_format_yuan_to (gint64 fen, char *dst);
const char *rec_order_kind_name (OrderKind k);
const char *rec_order_label_zh (OrderKind k);
/* One "unverified" line for a note, caller frees. */
char *rec_note_text (const RecNote *n, EnforceLang lang);
/* The same line appended to @out. */
void rec_note_append (GString *out, const RecNote *n, EnforceLang lang);
/* TRUE when that line is known to need no JSON escape (its own words and
 * numbers never do, so only the rule text it quotes is looked at); FALSE
 * when it may need one. */
gboolean rec_note_is_plain (const RecNote *n, EnforceLang lang);

/* Writes the recommendation as one JSON object (docs/json-output.md). */
void recommendation_write_json (const EnforceRecommendation *r, JsonWriter *w);
