/* enforce-case.h: one case, read from YAML or JSON.
 *
 * A case names the violation (benchmark ids or a power code), the party, the
 * facts the benchmark declares, the circumstances the gates of the
 * Administrative Penalty Law read, factor codes, dates and prior violations
 * (docs/case-format.md).  It is read through the same limited reader as rule
 * files (JSON under a strict profile); a bad field is reported with its path
 * ("facts.area_m2").  Facts stay untyped text until a recommendation binds
 * them to the declaring benchmark, so a case is independent of any rule set.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>
#include <enforce/enforce-limits.h>

G_BEGIN_DECLS

typedef enum {
  ENFORCE_FORMAT_AUTO = 0,               /* JSON if the first non-blank byte is '{', else YAML */
  ENFORCE_FORMAT_YAML = 1,
  ENFORCE_FORMAT_JSON = 2,
} EnforceFormat;

typedef struct _EnforceCase EnforceCase;

/* Parses one case from @data (@len bytes; need not be NUL-terminated).
 * @name: used in messages (a file name or "batch:17"); may be NULL.
 * @limits: NULL for the ENFORCE_LIMITS_CASES defaults.
 * Returns a new case (free with enforce_case_free()) or NULL with @error set:
 * reader codes (syntax, encoding, limits, aliases ...), schema codes with the
 * field path in the message, ENFORCE_ERROR_INVALID_DATE, _INVALID_VALUE.
 * Thread safety: may be called from any thread. */
ENFORCE_EXPORT EnforceCase *enforce_case_parse (const char *data,
                                                gsize len,
                                                EnforceFormat format,
                                                const char *name,
                                                const EnforceLimits *limits,
                                                GError **error);
/* Reads and parses the file at @path (format from the content). */
ENFORCE_EXPORT EnforceCase *enforce_case_load  (const char *path,
                                                const EnforceLimits *limits,
                                                GError **error);
/* The case's "id" (borrowed), or NULL. */
ENFORCE_EXPORT const char  *enforce_case_get_id (const EnforceCase *self);
ENFORCE_EXPORT void         enforce_case_free   (EnforceCase *self);

#ifndef SWIG
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnforceCase, enforce_case_free)
#endif

G_END_DECLS
