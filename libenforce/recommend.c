/* recommend.c: not yet written. */
#include <glib.h>
