/* rule-set.c: not yet written. */
#include <glib.h>
