/* json-writer.c: not yet written. */
#include <glib.h>
