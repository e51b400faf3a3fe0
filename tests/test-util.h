/* test-util.h: assertions and fixtures that several cmocka suites share.
 *
 * Include after <cmocka.h>.  Every helper fails the running test (through
 * cmocka) instead of returning an error, so a suite can call it inline.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce.h>

/* The small rule set (one benchmark, "b.area", tiered by area_m2 and
 * repeat) that the batch and concurrency suites evaluate. */
#define TEST_AREA_RULES ENFORCE_TEST_DATA "/rules/area-bundle.yaml"

/* Fails unless @haystack contains @needle. */
void test_assert_contains (const char *haystack, const char *needle);

/* Fails unless @error is set, in ENFORCE_ERROR, with @code; a wrong code
 * fails naming both codes and the message. */
void test_assert_error (const GError *error, EnforceErrorCode code);

/* test_assert_error(), and the message starts with "@file:@line:@col: ",
 * or with "@file: " when @line is 0 (an error with no position). */
void test_assert_error_at (const GError *error, EnforceErrorCode code, const char *file,
                           guint line, guint col);

/* The code whose enforce_error_code_name() is @name; fails on an unknown name. */
EnforceErrorCode test_code_by_name (const char *name);

/* The whole of @path, NUL-terminated; fails if it cannot be read.  @len
 * (may be NULL) receives its length.  The caller frees. */
char *test_read_file (const char *path, gsize *len);

/* A limits handle of the case profile with @limit set to @value. */
EnforceLimits *test_limits_with (EnforceLimit limit, gint64 value);

/* Loads the rule set at @path; fails with its diagnostics if it does not load. */
EnforceRuleSet *test_load_rules (const char *path);

/* The library's g_return_if_fail() criticals since the last
 * test_count_criticals(), counted instead of printed. */
extern guint test_criticals;

/* A cmocka setup: resets test_criticals and routes the "enforce" log
 * domain's criticals to it. */
int test_count_criticals (void **state);
