# basics: error codes, diagnostics, money, dates and calendars, citations.
enforce_add_test(test-money test-money.c)
enforce_add_test(test-date test-date.c)
enforce_add_test(test-diag test-diag.c)
enforce_add_test(test-citation test-citation.c)
# Keeps docs/error-codes.md and error.c in step with enforce-error.h.
enforce_add_test(test-error-codes test-error-codes.c)
