/* enforce-limits.h: per-loader input limits.
 *
 * Every reader (rule files, case files) checks these while it reads, before
 * it allocates, so hostile input is refused early and cheaply.  Limits live
 * on a value the caller owns, never in process-global state.  Defaults are
 * documented in docs/limits.md.  Aliases are always 0 and documents always 1:
 * those are not settable.
 *
 * Thread safety: a limits value is plain data; any number of threads may
 * read it (pass it to concurrent loads) as long as nobody sets it meanwhile.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>

G_BEGIN_DECLS

typedef enum {
  ENFORCE_LIMIT_INPUT_BYTES = 0,         /* bytes of one file or one case */
  ENFORCE_LIMIT_DEPTH = 1,               /* nesting of mappings and sequences */
  ENFORCE_LIMIT_TEXT_BYTES = 2,          /* one free-text scalar (titles, notes) */
  ENFORCE_LIMIT_SHORT_BYTES = 3,         /* one id, amount, date or key */
  ENFORCE_LIMIT_NODES = 4,               /* scalars + mappings + sequences in one document */
  ENFORCE_LIMIT_KEYS = 5,                /* keys in one mapping */
  ENFORCE_LIMIT_ITEMS = 6,               /* items in one sequence */
  ENFORCE_LIMIT_FILES = 7,               /* files in one rule set (with its parents) */
} EnforceLimit;

#define ENFORCE_LIMIT_COUNT 8

typedef enum {
  ENFORCE_LIMITS_RULES = 0,              /* defaults for rule files (trusted authors, large) */
  ENFORCE_LIMITS_CASES = 1,              /* defaults for case files (untrusted, small) */
} EnforceLimitsProfile;

typedef struct _EnforceLimits EnforceLimits;

/* New limits holding the defaults of @profile; free with enforce_limits_free(). */
ENFORCE_EXPORT EnforceLimits *enforce_limits_new  (EnforceLimitsProfile profile);
ENFORCE_EXPORT EnforceLimits *enforce_limits_copy (const EnforceLimits *self);
ENFORCE_EXPORT void           enforce_limits_free (EnforceLimits *self);
ENFORCE_EXPORT gint64         enforce_limits_get  (const EnforceLimits *self, EnforceLimit limit);
/* Sets @limit to @value (>= 1).  Returns FALSE if @limit or @value is out of range. */
ENFORCE_EXPORT gboolean       enforce_limits_set  (EnforceLimits *self, EnforceLimit limit, gint64 value);
/* Stable name ("depth"), as used in error messages and docs/limits.md. */
ENFORCE_EXPORT const char    *enforce_limit_name  (EnforceLimit limit);

#ifndef SWIG
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnforceLimits, enforce_limits_free)
#endif

G_END_DECLS
