/* enforce-export.h: symbol visibility.  Everything not marked is hidden. */
#pragma once

#if defined(ENFORCE_COMPILATION) && defined(__GNUC__)
#  define ENFORCE_EXPORT __attribute__((visibility ("default")))
#else
#  define ENFORCE_EXPORT
#endif
