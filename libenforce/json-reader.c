/* json-reader.c: not yet written. */
#include <glib.h>
