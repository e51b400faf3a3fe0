/* recommendation-json.c: not yet written. */
#include <glib.h>
