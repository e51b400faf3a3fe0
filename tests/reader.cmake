# The input readers: arena, limits, YAML and JSON readers, schema binding,
# and the hostile-input corpus (tests/data/hostile/MANIFEST).
enforce_add_test(test-yaml-reader test-yaml-reader.c)
enforce_add_test(test-json-reader test-json-reader.c)
enforce_add_test(test-limits test-limits.c)
enforce_add_test(test-schema test-schema.c)
