/* schema.h: binding document nodes to typed values.
 *
 * One small function per scalar kind, shared by the rule loader (which
 * collects every error into diagnostics) and the case loader (which stops at
 * the first error and reports the field path).  A Binder carries where
 * errors go and the current field path ("facts.area_m2", "officers[1].name").
 * Each bind_* returns FALSE after reporting; callers simply skip the field.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-error.h>
#include <enforce/enforce-limits.h>
#include "arena.h"
#include "diag.h"
#include "node.h"

typedef struct {
  const Doc *doc;
  const EnforceLimits *limits;     /* for ENFORCE_LIMIT_SHORT_BYTES */
  Arena *arena;                    /* where bound strings are copied */
  EnforceDiagnostics *diag;        /* collect mode: every error is added here */
  GError **error;                  /* first-error mode (diag == NULL): set once */
  gboolean failed;                 /* an error was reported */
  char path[512];                  /* current field path, NUL-terminated */
  gsize path_len;
  /* First-error mode: the zh-CN text of the error set on @error (in @arena,
   * or the doc's arena when @arena is NULL), or NULL. */
  const char *first_zh;
} Binder;

/* @limits NULL means the ENFORCE_LIMITS_CASES defaults.  @arena NULL
 * means bound strings borrow from the document. */
void binder_init_collect (Binder *b, const Doc *doc, const EnforceLimits *limits,
                          Arena *arena, EnforceDiagnostics *diag);
void binder_init_first (Binder *b, const Doc *doc, const EnforceLimits *limits,
                        Arena *arena, GError **error);

/* Path maintenance: push returns the previous length to hand to pop.
 * Indices are written as given ("tiers[2]"); callers pass 0-based ones.
 * A path longer than the buffer is cut with "..." (messages only). */
gsize bind_push_key (Binder *b, const char *key);
gsize bind_push_index (Binder *b, guint index);
void  bind_pop (Binder *b, gsize saved);

/* Reports an error at @at: "file:line:col: path: message".  In first-error
 * mode only the first report is kept. */
void bind_error (Binder *b, EnforceErrorCode code, const Node *at,
                 const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (4, 6) G_GNUC_PRINTF (5, 6);
void bind_warning (Binder *b, EnforceErrorCode code, const Node *at,
                   const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (4, 6) G_GNUC_PRINTF (5, 6);

/* @n must be a mapping whose keys are all in @allowed (NULL-terminated);
 * unknown keys are reported one by one (ENFORCE_ERROR_UNKNOWN_KEY).
 * Returns FALSE if @n is not a mapping (ENFORCE_ERROR_WRONG_TYPE). */
gboolean bind_mapping (Binder *b, const Node *n, const char *const *allowed);
gboolean bind_sequence (Binder *b, const Node *n);
/* The value of @key, or NULL after reporting ENFORCE_ERROR_MISSING_KEY. */
const Node *bind_required (Binder *b, const Node *map, const char *key);

/* Scalars (@n must not be NULL).  Text and ids accept any scalar style.
 * Bool and int must be plain: JSON true/false and JSON numbers; a quoted
 * "true" is text, not a bool.  Money is plain or quoted (a JSON number or
 * string); a decimal is plain; a date is plain or quoted in both formats
 * (JSON has no plain dates).  A collection where a scalar belongs is
 * ENFORCE_ERROR_WRONG_TYPE. */
gboolean bind_text (Binder *b, const Node *n, const char **out);           /* any text */
gboolean bind_id (Binder *b, const Node *n, const char **out);             /* [A-Za-z0-9_.:-]+, short */
gboolean bind_bool (Binder *b, const Node *n, gboolean *out);              /* true / false only */
gboolean bind_int (Binder *b, const Node *n, gint64 min, gint64 max, gint64 *out);
/* The integer grammar bind_int() reads, -?(0|[1-9][0-9]*), on @len bytes
 * of @text: FALSE when the text is not one; TRUE with *@overflow set when
 * it is one outside gint64 (then *@out is unset). */
gboolean schema_parse_int (const char *text, gsize len, gint64 *out, gboolean *overflow);
gboolean bind_money (Binder *b, const Node *n, gint64 *fen_out);
gboolean bind_decimal2 (Binder *b, const Node *n, gint64 *scaled_out);     /* × 100 */
gboolean bind_date (Binder *b, const Node *n, gint32 *day_out);
/* One of @names (NULL-terminated); *@out gets its index. */
gboolean bind_enum (Binder *b, const Node *n, const char *const *names, int *out);
/* TRUE if @n is the plain scalar "unknown" (for parameters with no known value). */
gboolean node_is_unknown (const Node *n);
/* TRUE if @n is a plain `null` (JSON null, or YAML written the same way):
 * for an optional case field it means "not given", like leaving the key out. */
gboolean node_is_null (const Node *n);
/* Index of @name in the NULL-terminated @names, or -1. */
int names_index_of (const char *const *names, const char *name);
