/* alloc-count.h: counting every heap allocation of the process.
 *
 * Only linked into enforce-bench-allocs.  alloc-count.c defines malloc,
 * calloc, realloc, free and the aligned variants in the executable itself;
 * the dynamic linker binds every shared library's calls to them (glib's
 * g_malloc, libyaml, libenforce), so no LD_PRELOAD is needed and nothing is
 * missed.  (-Wl,--wrap=malloc would not do: it rewrites only the calls
 * made from objects in this link, and libenforce allocates through
 * libglib.so, whose calls the static linker never sees.)
 */
#pragma once

#include <glib.h>

typedef struct {
  guint64 allocations;        /* malloc, calloc, memalign family, realloc(NULL, n) */
  guint64 reallocations;      /* realloc of an existing block */
  guint64 frees;              /* free of a non-NULL pointer */
} AllocCounts;

/* The counts so far (relaxed atomic reads). */
void alloc_count_get (AllocCounts *out);
