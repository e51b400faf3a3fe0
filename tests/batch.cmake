# batch: JSON Lines in, one record per case out, in input order
# (libenforce/batch.c, docs/batch.md).
enforce_add_test(test-batch test-batch.c)
