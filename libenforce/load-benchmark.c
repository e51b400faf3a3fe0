/* load-benchmark.c: not yet written. */
#include <glib.h>
