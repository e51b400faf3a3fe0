/* enforce-test.h: running the YAML test cases shipped with a rule set.
 *
 * A rule set directory may hold tests/ (YAML files of kind "tests"): each test is an
 * inline case, an optional as_of date and the expected outcome (outcome,
 * tier, range, amount, procedure, hearing, missing ...), like `opa test`.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>
#include <enforce/enforce-rule-set.h>

G_BEGIN_DECLS

typedef struct _EnforceTestReport EnforceTestReport;

/* Runs every test file in @tests_path (a directory of YAML files, or one file)
 * against @rules.  Returns a report (free with enforce_test_report_free()) or
 * NULL with @error set when a test file cannot be read or is malformed:
 * ENFORCE_ERROR_IO, the reader codes (_YAML_SYNTAX, _LIMIT_* ...), the schema
 * codes (_UNKNOWN_KEY, _MISSING_KEY, _WRONG_TYPE, _INVALID_VALUE ...) with
 * the test's path.  A test whose expectation fails is not an error: it is
 * reported as failed.  Thread safety: may run concurrently with other
 * readers of @rules.  Report accessors borrow from the report; an
 * out-of-range @index is a programmer error (g_critical, NULL / FALSE). */
ENFORCE_EXPORT EnforceTestReport *enforce_rule_set_run_tests (const EnforceRuleSet *rules,
                                                              const char *tests_path,
                                                              GError **error);
ENFORCE_EXPORT guint       enforce_test_report_get_count  (const EnforceTestReport *self);
ENFORCE_EXPORT guint       enforce_test_report_get_failed (const EnforceTestReport *self);
ENFORCE_EXPORT const char *enforce_test_report_get_name   (const EnforceTestReport *self, guint index);
ENFORCE_EXPORT gboolean    enforce_test_report_passed     (const EnforceTestReport *self, guint index);
/* Why a test failed (expected vs actual, one line per mismatch); borrowed, NULL if it passed. */
ENFORCE_EXPORT const char *enforce_test_report_get_detail (const EnforceTestReport *self, guint index);
ENFORCE_EXPORT void        enforce_test_report_free       (EnforceTestReport *self);

#ifndef SWIG
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnforceTestReport, enforce_test_report_free)
#endif

G_END_DECLS
