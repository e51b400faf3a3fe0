/* load-jurisdiction.c: not yet written. */
#include <glib.h>
