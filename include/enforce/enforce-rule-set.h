/* enforce-rule-set.h: loading and inspecting a rule set.
 *
 * A rule set is a directory of YAML documents (jurisdiction, instrument,
 * calendar, power, benchmark, bundle; docs/rule-format.md), plus the rule
 * sets its jurisdiction names as parents.  Loading reads every file through
 * the limited reader, binds it to the typed model, compiles conditions and
 * cross-checks everything; it reports *every* error found, each with
 * file:line:col.  A loaded rule set is immutable and reference counted: any
 * number of threads may evaluate against it at once, and one thread may drop
 * its reference while others still hold theirs.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>
#include <enforce/enforce-error.h>
#include <enforce/enforce-limits.h>

G_BEGIN_DECLS

typedef struct _EnforceRuleSet EnforceRuleSet;

/* Loads the rule set at @path (a directory, or one YAML file).
 * @limits: NULL for the ENFORCE_LIMITS_RULES defaults.
 * @diagnostics_out: (optional) receives every diagnostic, warnings included,
 *   whether the load succeeds or not; caller frees.
 * Returns a new rule set (unref with enforce_rule_set_unref()) or NULL with
 * @error set: ENFORCE_ERROR_RULES_INVALID when semantic errors were
 * collected (the first is in the message, all are in @diagnostics_out),
 * otherwise the code of the failure that stopped reading (I/O, syntax, limit).
 * Thread safety: may be called from any thread. */
ENFORCE_EXPORT EnforceRuleSet *enforce_rule_set_load (const char *path,
                                                      const EnforceLimits *limits,
                                                      EnforceDiagnostics **diagnostics_out,
                                                      GError **error);

/* Like enforce_rule_set_load() for one in-memory document (any kind, usually
 * a bundle).  @name is used in messages.  A jurisdiction loaded this way may
 * not name a parent. */
ENFORCE_EXPORT EnforceRuleSet *enforce_rule_set_load_data (const char *name,
                                                           const char *data,
                                                           gsize len,
                                                           const EnforceLimits *limits,
                                                           EnforceDiagnostics **diagnostics_out,
                                                           GError **error);

/* Takes a reference; returns @self.  Atomic: any thread may ref and unref,
 * and the last unref (from whichever thread) frees the rule set. */
ENFORCE_EXPORT EnforceRuleSet *enforce_rule_set_ref   (EnforceRuleSet *self);
/* Drops a reference.  NULL-safe. */
ENFORCE_EXPORT void            enforce_rule_set_unref (EnforceRuleSet *self);

/* The accessors below return data borrowed from @self, valid as long as a
 * reference is held; they never fail and are safe from any thread.  An
 * out-of-range @index is a programmer error: a g_critical and NULL. */

/* "sha256:<hex>" over every file's name and bytes, in a fixed order; borrowed. */
ENFORCE_EXPORT const char *enforce_rule_set_get_hash            (const EnforceRuleSet *self);
/* Id of the rule set's own jurisdiction (e.g. "tianjin"); borrowed, NULL if none. */
ENFORCE_EXPORT const char *enforce_rule_set_get_jurisdiction_id (const EnforceRuleSet *self);
/* Number of benchmarks, parents' included. */
ENFORCE_EXPORT guint       enforce_rule_set_get_benchmark_count (const EnforceRuleSet *self);
/* Benchmark ids and titles in load order; borrowed. */
ENFORCE_EXPORT const char *enforce_rule_set_get_benchmark_id    (const EnforceRuleSet *self, guint index);
ENFORCE_EXPORT const char *enforce_rule_set_get_benchmark_title (const EnforceRuleSet *self, guint index);

#ifndef SWIG
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnforceRuleSet, enforce_rule_set_unref)
#endif

G_END_DECLS
