/* load-power.c: not yet written. */
#include <glib.h>
