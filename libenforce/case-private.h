/* case-private.h: the parsed case.
 *
 * Facts are kept as the raw scalars the case gave (with their positions and
 * paths) and typed only when a recommendation binds them to the declaring
 * benchmark; everything else is typed here.  docs/case-format.md.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-case.h>
#include "arena.h"
#include "cond.h"
#include "model.h"
#include "node.h"
#include "schema.h"

/* The readings a fact's scalar allows (CaseFact.forms).  Only a benchmark
 * says which one applies, but each is read here once, when the case is
 * parsed, rather than on every recommendation that binds it. */
enum {
  FACT_FORM_NULL = 1 << 0,         /* plain null: not known */
  FACT_FORM_BOOL = 1 << 1,         /* plain true / false */
  FACT_FORM_INTEGER = 1 << 2,      /* plain -?[0-9]+, no leading zeros, in int64 */
  FACT_FORM_DECIMAL = 1 << 3,      /* decimal2_parse(): number and money, in hundredths */
  FACT_FORM_DATE = 1 << 4,         /* enforce_date_parse() */
};

/* What binding reads first comes first: a recommendation reads every fact
 * of its case, usually from memory not in cache.  The readings are all
 * gint64 so binding picks one by offset (rec-bind.c). */
typedef struct {
  guint name_hash;                 /* g_str_hash (name): binding to a benchmark's
                                    * declarations compares it first */
  guint8 forms;                    /* FACT_FORM_* */
  gint64 integer;                  /* FACT_FORM_BOOL (0/1) or FACT_FORM_INTEGER */
  gint64 decimal;                  /* FACT_FORM_DECIMAL */
  gint64 date;                     /* FACT_FORM_DATE: a day number */
  const char *name;
  const char *text;                /* raw scalar text: enum values, messages */
  guint32 line, col;
} CaseFact;

typedef enum {
  CAPACITY_FULL = 0,               /* 完全责任能力 */
  CAPACITY_PARTIAL = 1,            /* 尚未完全丧失辨认或者控制能力 (Art. 31: may mitigate) */
  CAPACITY_NONE = 2,               /* 不能辨认或者不能控制 (Art. 31: no penalty) */
} Capacity;

typedef enum {
  CORRECTION_COMPLIED = 0,         /* corrected as ordered */
  CORRECTION_REFUSED = 1,          /* 拒不改正 */
  CORRECTION_OVERDUE = 2,          /* 逾期不改正 */
  CORRECTION_PENDING = 3,          /* ordered, deadline not yet passed */
} CorrectionOutcome;

typedef enum {
  REVIEW_COMPLEX = 0,              /* 情节复杂 / 疑难复杂 (Art. 57, 58(3)) */
  REVIEW_SERIOUS,                  /* 重大违法行为 (Art. 57) */
  REVIEW_MAJOR_PUBLIC_INTEREST,    /* Art. 58(1) */
  REVIEW_HEARING_HELD,             /* Art. 58(2): went through a hearing */
  REVIEW_OTHER_REQUIRED,           /* Art. 58(4): another rule requires review */
  REVIEW_COUNT,
} ReviewFlag;

typedef struct {
  const char *benchmark;
  gint32 date;
} PriorViolation;

struct _EnforceCase {
  Arena *arena;
  const char *name;                /* file or batch label, for messages */
  const char *id;
  const char **benchmarks;         /* candidate provisions, in order */
  guint n_benchmarks;
  const char *power;               /* or a power code */
  gboolean has_party;
  PartyClass party;
  gint32 birth_date;               /* DATE_NONE when absent */
  gint64 age;                      /* -1 when absent */
  gboolean has_capacity;
  Capacity capacity;
  CaseFact *facts;
  guint n_facts;
  FactValue builtins[BUILTIN_COUNT];
  const char **factors;
  guint n_factors;
  gint32 act, act_end, discovered, filed, notified, decided, received;  /* DATE_NONE when absent */
  gboolean has_correction;
  CorrectionOutcome correction;
  gint32 correction_ordered, correction_deadline;
  FactValue review[REVIEW_COUNT];  /* bool, known or not */
  gboolean has_priors;             /* prior_violations given (possibly empty) */
  PriorViolation *priors;
  guint n_priors;
};

/* Binds a case from a mapping node (also used for inline cases in rule-set
 * tests).  Errors name the field path. */
EnforceCase *case_from_node (const Doc *doc, const Node *root, const EnforceLimits *limits,
                             GError **error);
/* Binds a case from @root with a caller's first-error binder, so errors carry
 * the caller's path prefix ("tests[2].case.facts.area_m2").  Strings go into
 * the case's own arena.  Returns NULL after reporting through @b. */
EnforceCase *case_bind (Binder *b, const Node *root);

/* Reads the file at @path into a new buffer (caller frees), refusing it with
 * ENFORCE_ERROR_LIMIT_BYTES when it holds more than @max_bytes (checked
 * before reading a regular file, and while reading pipes and devices).
 * I/O failures are ENFORCE_ERROR_IO. */
gboolean case_read_file (const char *path, gint64 max_bytes, char **data_out, gsize *len_out,
                         GError **error);
