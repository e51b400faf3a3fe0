# engine: the recommendation engine (recommend.c, procedure.c), its result
# object, the text report and the JSON writer and schema.
enforce_add_test(test-json-writer test-json-writer.c)
enforce_add_test(test-recommend test-recommend.c)
enforce_add_test(test-procedure test-procedure.c)
