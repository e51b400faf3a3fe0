/* enforce-date.h: strict ISO dates.
 *
 * A date is an int32 day number (days since 1970-01-01, negative before).
 * Only YYYY-MM-DD with a valid calendar day is accepted (2024-02-30 is an
 * error).  The library never reads a clock: "today" is always an argument.
 * Both functions are pure and safe from any thread.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>

G_BEGIN_DECLS

/* Parses "YYYY-MM-DD" (years 1900..9999).  Errors: ENFORCE_ERROR_INVALID_DATE. */
ENFORCE_EXPORT gboolean enforce_date_parse  (const char *text, gsize len, gint32 *day_out, GError **error);
/* Formats a day number as "YYYY-MM-DD"; caller frees. */
ENFORCE_EXPORT char    *enforce_date_format (gint32 day);

G_END_DECLS
