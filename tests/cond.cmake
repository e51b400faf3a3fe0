# Condition expressions (libenforce/cond.c).
enforce_add_test(test-cond test-cond.c)
