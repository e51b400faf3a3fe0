# Rule-set loader and lint (libenforce/loader.c, load-*.c, lint.c, rule-set.c).
enforce_add_test(test-loader test-loader.c)
# The invalid rule corpus (tests/data/invalid/MANIFEST) and the cross-checks.
enforce_add_test(test-lint test-lint.c)
