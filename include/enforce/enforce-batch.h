/* enforce-batch.h: recommending penalties for many cases at once.
 *
 * A batch is JSON Lines: one case object (docs/case-format.md, JSON under
 * the strict profile) per line.  The result is JSON Lines too, one record
 * per case in input order, whatever the number of threads: the output of a
 * batch is a function of its input, the rule set, @as_of and @flags only.
 * A case that cannot be read or evaluated becomes an error record on its own
 * line; it never stops or changes the other records.  The record shape is in
 * docs/json-output.md ("Batch") and docs/batch.md.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>
#include <enforce/enforce-limits.h>
#include <enforce/enforce-rule-set.h>
#include <enforce/enforce-recommendation.h>

G_BEGIN_DECLS

/* Threads one call starts at most, whatever @n_threads asks for. */
#define ENFORCE_BATCH_MAX_THREADS 256

/* Recommends a penalty for every case in @jsonl and returns the records.
 * @rules: the rule set every case is evaluated against; not modified.
 * @jsonl: @len bytes of JSON Lines; need not be NUL-terminated, may be NULL
 *   when @len is 0.  Lines end with LF; a CR before the LF is ignored; a
 *   line holding only spaces, tabs and CRs is skipped; the last line needs
 *   no LF.  Each other line is one case, parsed as by enforce_case_parse()
 *   with ENFORCE_FORMAT_JSON and @limits (so a line longer than
 *   input_bytes becomes a "limit_bytes" error record), then evaluated as by
 *   enforce_recommend() with @as_of and @flags.
 * @as_of: "YYYY-MM-DD" for the late surcharge, or NULL (see enforce_recommend()).
 * @flags: passed to enforce_recommend(); ENFORCE_RECOMMEND_TRACE puts the
 *   trace in every record (and makes the output several times larger).
 * @n_threads: worker threads, the calling thread included; 0 means one per
 *   processor (g_get_num_processors()).  Capped at ENFORCE_BATCH_MAX_THREADS
 *   and at the number of chunks the input splits into, so a small batch
 *   runs on the calling thread alone.  The output does not depend on it.
 * @limits: per-case limits; NULL for the ENFORCE_LIMITS_CASES defaults.
 * @out_len: (optional) receives the length of the result in bytes.
 * Returns the records, one per non-blank input line, each ending with LF
 * ("" when there are none), NUL-terminated; the caller frees it with
 * g_free().  Returns NULL with @error set only when the whole call fails:
 * ENFORCE_ERROR_INVALID_DATE for a malformed @as_of.  Failures of one case
 * (any code of enforce_case_parse() or enforce_recommend()) are reported in
 * that case's record, never through @error.
 * Thread safety: any number of threads may call this at once, on one rule
 * set or several; the call holds no lock and starts and joins its own
 * threads before it returns. */
ENFORCE_EXPORT char *enforce_recommend_batch (const EnforceRuleSet *rules,
                                              const char *jsonl,
                                              gsize len,
                                              const char *as_of,
                                              EnforceRecommendFlags flags,
                                              guint n_threads,
                                              const EnforceLimits *limits,
                                              gsize *out_len,
                                              GError **error);

/* Like enforce_recommend_batch(), but numbers the first line of @jsonl
 * @first_line instead of 1, in the "line" of every record and in the
 * "batch:N" of every message.  A caller reading a long file in blocks of
 * whole lines passes each block's line number in the file, so the records
 * are those one call on the whole file would give, byte for byte: the
 * output of enforce_recommend_batch() on A followed by B (A ending with LF,
 * k lines) is that on A with @first_line 1 followed by that on B with
 * @first_line k + 1.
 * @first_line: at least 1, and at most G_MAXUINT64 - @len so the last
 *   line's number cannot wrap (programmer errors otherwise: NULL without a
 *   GError).
 * Every other parameter, the result, the errors and the thread safety are
 * those of enforce_recommend_batch(). */
ENFORCE_EXPORT char *enforce_recommend_batch_from_line (const EnforceRuleSet *rules,
                                                        const char *jsonl,
                                                        gsize len,
                                                        guint64 first_line,
                                                        const char *as_of,
                                                        EnforceRecommendFlags flags,
                                                        guint n_threads,
                                                        const EnforceLimits *limits,
                                                        gsize *out_len,
                                                        GError **error);

G_END_DECLS
