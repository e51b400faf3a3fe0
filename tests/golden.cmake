# Golden scenarios: tests/data/scenarios/NN-name/ (rules + case + expected
# JSON subset), one cmocka test per directory; see tests/test-golden.c and
# docs/scenarios.md.
enforce_add_test(test-golden test-golden.c)
