/* load-instrument.c: not yet written. */
#include <glib.h>
