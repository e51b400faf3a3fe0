/* alloc-count.c: malloc interposition that counts (alloc-count.h).
 *
 * Each function forwards to glibc's own entry points (__libc_malloc and
 * friends, exported by glibc for exactly this purpose) and bumps a counter.
 * Counters are relaxed atomics: the figures are read between phases on one
 * thread, but glib may allocate on another.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

#include "alloc-count.h"

void *__libc_malloc (size_t size);
void *__libc_calloc (size_t n, size_t size);
void *__libc_realloc (void *ptr, size_t size);
void *__libc_memalign (size_t alignment, size_t size);
void  __libc_free (void *ptr);

/* Prototypes for the POSIX and GNU entry points, which strict C11 headers
 * do not declare. */
int   posix_memalign (void **out, size_t alignment, size_t size);
void *memalign (size_t alignment, size_t size);
void *valloc (size_t size);
void *pvalloc (size_t size);

/* The project builds with -fvisibility=hidden; these must be in the
 * executable's dynamic symbol table or the libraries would not bind to
 * them. */
#define EXPORTED __attribute__ ((visibility ("default")))

static guint64 n_alloc, n_realloc, n_free;

static void
bump (guint64 *counter)
{
  __atomic_fetch_add (counter, 1, __ATOMIC_RELAXED);
}

EXPORTED void *
malloc (size_t size)
{
  bump (&n_alloc);
  return __libc_malloc (size);
}

EXPORTED void *
calloc (size_t n, size_t size)
{
  bump (&n_alloc);
  return __libc_calloc (n, size);
}

EXPORTED void *
realloc (void *ptr, size_t size)
{
  bump (ptr == NULL ? &n_alloc : &n_realloc);
  return __libc_realloc (ptr, size);
}

EXPORTED void
free (void *ptr)
{
  if (ptr != NULL)
    bump (&n_free);
  __libc_free (ptr);
}

EXPORTED void *
memalign (size_t alignment, size_t size)
{
  bump (&n_alloc);
  return __libc_memalign (alignment, size);
}

EXPORTED void *
aligned_alloc (size_t alignment, size_t size)
{
  bump (&n_alloc);
  return __libc_memalign (alignment, size);
}

EXPORTED int
posix_memalign (void **out, size_t alignment, size_t size)
{
  void *p;

  if (alignment % sizeof (void *) != 0 || (alignment & (alignment - 1)) != 0)
    return EINVAL;
  bump (&n_alloc);
  p = __libc_memalign (alignment, size);
  if (p == NULL && size != 0)
    return ENOMEM;
  *out = p;
  return 0;
}

EXPORTED void *
valloc (size_t size)
{
  bump (&n_alloc);
  return __libc_memalign (4096, size);
}

EXPORTED void *
pvalloc (size_t size)
{
  bump (&n_alloc);
  return __libc_memalign (4096, (size + 4095) & ~(size_t) 4095);
}

void
alloc_count_get (AllocCounts *out)
{
  out->allocations = __atomic_load_n (&n_alloc, __ATOMIC_RELAXED);
  out->reallocations = __atomic_load_n (&n_realloc, __ATOMIC_RELAXED);
  out->frees = __atomic_load_n (&n_free, __ATOMIC_RELAXED);
}
