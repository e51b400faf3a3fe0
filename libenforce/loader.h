/* loader.h: what loader.c shares with the per-kind binders (load-*.c) and
 * the cross-checks (lint.c).
 *
 * loader.c reads files and dispatches each document on its `kind`; a
 * per-kind binder turns one mapping into model structs carved from the rule
 * set's arena and registers them here.  References between documents
 * (citations → instruments, powers → benchmarks, jurisdiction → parent) are
 * only recorded while binding and resolved once every document is bound,
 * because a rule set's files may come in any order.
 */
#pragma once

#include <glib.h>
#include "model.h"
#include "schema.h"

/* A citation whose instrument id awaits resolution. */
typedef struct {
  Citation *citation;              /* in the arena; never moves */
  const char *instrument_id;
  Loc loc;                         /* of the `instrument` value */
} PendingCitation;

/* A power's benchmark ids, resolved into power->benchmarks. */
typedef struct {
  Power *power;
  const char **ids;
  Loc *locs;
} PendingPower;

/* A calendar document before the years are merged and sorted. */
typedef struct {
  CalendarYear year;
  Loc loc;                         /* of the `year` value */
  guint seq;                       /* load order, so duplicates report the later one */
} LoadedCalendar;

/* One rule-set root: the top path, or a parent named by a jurisdiction. */
typedef struct {
  char *display;                   /* path as written in messages (owned) */
  char *io;                        /* path opened on disk (owned) */
  char *real;                      /* realpath, for cycle detection (owned) */
  Jurisdiction *jurisdiction;      /* the root's jurisdiction, NULL if none */
  gboolean has_parent;             /* its jurisdiction named a parent: the next root */
  Loc parent_loc;
} LoadRoot;

typedef struct {
  EnforceRuleSet *rules;           /* being built; rules->arena owns the model */
  Arena *arena;
  const EnforceLimits *limits;
  EnforceDiagnostics *diag;
  gboolean from_data;              /* enforce_rule_set_load_data(): no parents */
  /* A file could not be read or a document not dispatched: checks that
   * need every document (dangling references, policy presence) would only
   * report consequences of that error, so they are skipped. */
  gboolean incomplete;

  /* Where the document being bound comes from. */
  const char *file;                /* message name, in the arena (Loc.file) */
  const char *file_dir;            /* directory of the file on disk, or NULL */
  GPtrArray *roots;                /* LoadRoot*; a parent is appended when found */
  guint root;                      /* index of the root being read */
  guint n_files;                   /* files read so far, against ENFORCE_LIMIT_FILES */
  GChecksum *hash;                 /* content hash over every file read */
  guint read_errors;               /* files that could not be read or parsed */
  GError *first_read_error;        /* the first of them, as the reader reported it */

  GPtrArray *jurisdictions;        /* Jurisdiction*, load order */
  GPtrArray *instruments;          /* Instrument* */
  GPtrArray *benchmarks;           /* Benchmark* */
  GPtrArray *powers;               /* Power* */
  GArray *calendars;               /* LoadedCalendar */
  GArray *citations;               /* PendingCitation */
  GArray *pending_powers;          /* PendingPower */
  GPtrArray *conds;                /* Cond*, owned until moved into the rule set */
} Loader;

/* Location of @node in the file being bound (file name lives in the arena,
 * so it outlives the parsed document). */
static inline Loc
ld_loc (const Loader *ld, const Node *node)
{
  Loc loc = { ld->file, node ? node->line : 0, node ? node->col : 0 };
  return loc;
}

void ld_error (Loader *ld, EnforceErrorCode code, Loc loc,
               const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (4, 6) G_GNUC_PRINTF (5, 6);
void ld_warning (Loader *ld, EnforceErrorCode code, Loc loc,
                 const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (4, 6) G_GNUC_PRINTF (5, 6);

/* Shared sub-binders (loader.c).  Each reports its own errors; those that
 * return a gboolean return FALSE when the value could not be bound, and
 * leave the output zeroed or at its default. */

/* Provenance under @key of @map.  Fields it leaves out come from @inherit
 * (NULL for a document: nothing is inherited and `verified` defaults to
 * FALSE); when @key is absent *@out is a copy of @inherit. */
void ld_bind_provenance (Binder *b, const Node *map, const char *key,
                         const Provenance *inherit, Provenance *out);
/* A citation mapping at @n; its instrument is resolved after loading, so
 * @out must be arena memory that stays where it is until then. */
gboolean ld_bind_citation (Loader *ld, Binder *b, const Node *n, Citation *out);
/* An optional citation under @key of @map.  Returns TRUE if present and bound. */
gboolean ld_bind_citation_key (Loader *ld, Binder *b, const Node *map, const char *key,
                               Citation *out);
/* Copies a bound citation to @to (arena memory), resolving it with @from. */
void ld_copy_citation (Loader *ld, const Citation *from, Citation *to);
/* effective_from (required) and effective_to (optional, inclusive; absent
 * → DATE_OPEN); reports to < from. */
gboolean ld_bind_period (Binder *b, const Node *map, gint32 *from, gint32 *to);
/* A `factors` sequence (jurisdiction and benchmark version). */
void ld_bind_factors (Loader *ld, Binder *b, const Node *seq, Factor **out, guint *n_out);
/* A `policy` / `discretion_policy` mapping. */
void ld_bind_policy (Loader *ld, Binder *b, const Node *n, Policy *out);
/* Optional text under @key (NULL when absent). */
void ld_bind_text_key (Binder *b, const Node *map, const char *key, const char **out);
/* Optional bool under @key, @dflt when absent. */
void ld_bind_bool_key (Binder *b, const Node *map, const char *key, gboolean dflt,
                       gboolean *out);
/* Length of a sequence at @n, or -1 after reporting WRONG_TYPE. */
int ld_sequence_length (Binder *b, const Node *n);

/* Registers the jurisdiction of the root being read, and queues its parent
 * rule set (@parent as written, relative to the file's directory; NULL when
 * none; @parent_node for messages) as the next root. */
void ld_add_jurisdiction (Loader *ld, Jurisdiction *j, const char *parent,
                          const Node *parent_node);
/* Keeps @cond for freeing with the rule set. */
void ld_add_cond (Loader *ld, Cond *cond);

/* Per-kind binders: @map is the document mapping (already known to have
 * the right `kind`). */
void load_jurisdiction (Loader *ld, Binder *b, const Node *map);
void load_instrument (Loader *ld, Binder *b, const Node *map);
void load_calendar (Loader *ld, Binder *b, const Node *map);
void load_benchmark (Loader *ld, Binder *b, const Node *map);
void load_power (Loader *ld, Binder *b, const Node *map);

/* Cross-checks over the bound rule set (lint.c), after references are
 * resolved and versions sorted.  Adds diagnostics only. */
void lint_rule_set (Loader *ld);

/* Entry points behind enforce_rule_set_load() and _load_data(): every
 * diagnostic goes to @diag; NULL with @error set on failure. */
EnforceRuleSet *loader_load_path (const char *path, const EnforceLimits *limits,
                                  EnforceDiagnostics *diag, GError **error);
EnforceRuleSet *loader_load_data (const char *name, const char *data, gsize len,
                                  const EnforceLimits *limits,
                                  EnforceDiagnostics *diag, GError **error);
/* Allocates an empty rule set (ref count 1, its arena) for the loader. */
EnforceRuleSet *rule_set_new (void);
