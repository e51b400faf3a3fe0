enforce_add_test(test-concurrency test-concurrency.c)
# Sanitized builds are several times slower; a smaller count still
# interleaves thousands of evaluations per thread.
if(ENFORCE_SANITIZE OR ENFORCE_TSAN)
  set_property(TEST test-concurrency APPEND PROPERTY ENVIRONMENT
               "ENFORCE_CONCURRENCY_ITERATIONS=20000")
endif()
