/* enforce-money.h: exact money amounts.
 *
 * Amounts are int64 fen (1 yuan = 100 fen).  Text is parsed by the library's
 * own grammar, never strtod: plain ASCII digits, optionally "." and at most
 * two decimals, no sign, no exponent, no separators, no full-width digits,
 * bounded length, overflow-checked.  docs/rule-format.md#money.
 * Both functions are pure and safe from any thread.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>

G_BEGIN_DECLS

/* Parses yuan text ("2000", "100.5", "0.01") into fen.
 * Errors: ENFORCE_ERROR_INVALID_MONEY (grammar), ENFORCE_ERROR_OVERFLOW. */
ENFORCE_EXPORT gboolean enforce_money_parse  (const char *text, gsize len, gint64 *fen_out, GError **error);
/* Formats fen as yuan with two decimals and no grouping ("2000.00"); caller frees. */
ENFORCE_EXPORT char    *enforce_money_format (gint64 fen);

G_END_DECLS
