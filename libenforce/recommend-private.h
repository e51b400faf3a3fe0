/* recommend-private.h: the recommendation object and the engine's internals.
 *
 * enforce_recommend() (recommend.c) evaluates on the stack and allocates
 * exactly one block for the result when the trace is off: every list is a
 * fixed-size inline array of borrowed pointers (into the rule set, which the
 * result keeps a reference on, or static strings), and the few composed
 * strings ("facts.area_m2", "calendar.2025", the case id) live in a pool at
 * the end of the same block.  With ENFORCE_RECOMMEND_TRACE the steps are
 * recorded in a GPtrArray the result owns.
 *
 * procedure.c decides Art. 51/57/58/63/68 and computes the Art. 60/61/64/
 * 67/72 deadlines; recommendation.c holds the accessors and the text
 * report; recommendation-json.c the JSON (docs/json-output.md).
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-recommendation.h>
#include "case-private.h"
#include "json-writer.h"
#include "model.h"

#define REC_MAX_MISSING 32             /* missing paths kept per recommendation */
#define REC_MAX_EXCLUDED 8             /* Art. 29 candidates recorded as excluded */
#define REC_MAX_CANDIDATES (1 + REC_MAX_EXCLUDED)
#define REC_MAX_NOTES 16               /* unverified data noted */
#define REC_PATH_POOL 4096             /* bytes for composed missing paths */

/* What an "unverified" note is about. */
typedef enum {
  NOTE_BENCHMARK = 0,                  /* the benchmark's provenance */
  NOTE_VERSION,                        /* the benchmark version's provenance */
  NOTE_TIER,                           /* the tier's provenance */
  NOTE_EXEMPTION,                      /* an exemption's provenance */
  NOTE_CITATION,                       /* an article number not checked */
  NOTE_PARAM,                          /* a jurisdiction parameter */
  NOTE_CALENDAR,                       /* a calendar year */
} NoteKind;

/* 24 bytes: the provenance note is read from the subject when printed. */
typedef struct {
  NoteKind kind;
  gint32 number;                       /* NOTE_CALENDAR: year; NOTE_VERSION: effective_from */
  const void *subject;                 /* Benchmark, Version, Tier, Exemption, Citation, Param
                                        * or CalendarYear, by kind; borrowed */
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

/* One trace step (only with ENFORCE_RECOMMEND_TRACE). */
typedef struct {
  const char *code;                    /* static: "gate.minor" */
  char *inputs;                        /* JSON object text, owned */
  char *message[2];                    /* [ENFORCE_LANG_ZH], [ENFORCE_LANG_EN], owned */
  gboolean has_citation;
  Citation citation;                   /* copy; instrument borrowed from the rule set */
  char *citation_text[2];              /* rendered, owned; NULL without a citation */
} RecStep;

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
  GPtrArray *steps;                    /* of RecStep*, NULL without a trace */
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
  char version_text[11];               /* effective_from, "" without a version */
  gsize pool_len;
  RecLists lists;                      /* last but the pool: copied only as far as used */
  char pool[];                         /* composed strings, NUL-separated */
};

/* What one enforce_recommend() call shares across its evaluations. */
typedef struct {
  const EnforceRuleSet *rules;
  const EnforceCase *kase;
  gboolean trace;
  const Instrument *apl;               /* "cn-apl" when present (trace only) */
  gint32 as_of;                        /* DATE_NONE when not given */
  gsize pool_used;
  char pool[REC_PATH_POOL];
} RecCtx;

/* Lists (recommend.c).  Paths are kept once, in the order added; past the
 * cap they are dropped. */
void rec_add_missing (RecLists *l, const char *path);
/* "calendar.2025", composed in @ctx's pool. */
void rec_add_missing_year (RecCtx *ctx, RecLists *l, int year);
void rec_add_note (RecLists *l, NoteKind kind, const void *subject, const char *name,
                   gint32 number);
/* Copies the used entries of @from into @to (cheaper than the whole struct). */
void rec_lists_copy (RecLists *to, const RecLists *from);
/* Notes an unverified parameter (its value or its basis citation). */
void rec_note_param (RecLists *l, ParamId id, const Param *p);
/* Static "parameters.<name>" path of a parameter. */
const char *rec_param_path (ParamId id);
/* A citation of the Administrative Penalty Law (cn-apl), if the rule set
 * has it; FALSE otherwise. */
gboolean rec_law_citation (const RecCtx *ctx, guint article, guint paragraph, Citation *out);

/* Trace (recommendation.c).  Takes ownership of @inputs, @zh and @en;
 * @citation may be NULL (copied otherwise). */
void rec_step_add (GPtrArray *steps, const char *code, char *inputs, char *zh, char *en,
                   const Citation *citation);
void rec_step_free (gpointer step);
GPtrArray *rec_steps_new (void);

/* Procedure and deadlines (procedure.c), on the result being built. */
void rec_decide_procedure (RecCtx *ctx, EnforceRecommendation *r, gint32 param_date);
void rec_compute_deadlines (RecCtx *ctx, EnforceRecommendation *r);

/* Text helpers shared by the text and JSON output (recommendation.c). */
/* "2000.00" into @buf (>= 32 bytes). */
void rec_format_yuan (gint64 fen, char buf[32]);
const char *rec_order_kind_name (OrderKind k);
const char *rec_order_label_zh (OrderKind k);
/* One "unverified" line for a note, caller frees. */
char *rec_note_text (const RecNote *n, EnforceLang lang);

/* Writes the recommendation as one JSON object (docs/json-output.md). */
void recommendation_write_json (const EnforceRecommendation *r, JsonWriter *w);
