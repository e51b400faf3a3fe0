/* rule-tests.c: not yet written. */
#include <glib.h>
