enforce_add_test(test-concurrency test-concurrency.c)
