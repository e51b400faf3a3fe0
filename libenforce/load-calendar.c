/* load-calendar.c: not yet written. */
#include <glib.h>
