/* arena.c: bump allocation in blocks that never move.
 *
 * Small requests are carved from the current block; when it is full a new,
 * larger block becomes current (the old one stays where it is, so earlier
 * pointers stay valid).  A request bigger than a quarter of the standard
 * block gets a block of its own, linked behind the current one, so one big
 * string does not waste the rest of a half-used block.
 */
#include "arena.h"

#include <stddef.h>
#include <string.h>

#define ALIGN ((gsize) _Alignof (max_align_t))
#define MIN_BLOCK ((gsize) 256)
#define MAX_BLOCK ((gsize) 64 * 1024)

typedef struct Block Block;
struct Block {
  Block *next;
  gsize size;                 /* usable bytes after the header */
};

/* The header is padded so data after it is aligned for any type. */
#define HEADER_SIZE ((sizeof (Block) + ALIGN - 1) & ~(ALIGN - 1))

struct Arena {
  Block *blocks;              /* current block first */
  char *cur;                  /* next free byte in the current block */
  char *end;                  /* end of the current block */
  gsize next_size;            /* size of the next standard block */
  gsize used;
};

static char *
block_data (Block *block)
{
  return (char *) block + HEADER_SIZE;
}

static Block *
block_new (gsize size)
{
  Block *block = g_malloc (HEADER_SIZE + size);
  block->next = NULL;
  block->size = size;
  return block;
}

Arena *
arena_new_sized (gsize first_block)
{
  Arena *arena = g_new0 (Arena, 1);
  gsize size = CLAMP (first_block, MIN_BLOCK, MAX_BLOCK);
  size = (size + ALIGN - 1) & ~(ALIGN - 1);
  Block *block = block_new (size);
  arena->blocks = block;
  arena->cur = block_data (block);
  arena->end = arena->cur + size;
  arena->next_size = MIN (size * 2, MAX_BLOCK);
  return arena;
}

Arena *
arena_new (void)
{
  return arena_new_sized (4096);
}

void
arena_free (Arena *arena)
{
  if (arena == NULL)
    return;
  Block *block = arena->blocks;
  while (block != NULL)
    {
      Block *next = block->next;
      g_free (block);
      block = next;
    }
  g_free (arena);
}

static gsize
checked_size (gsize size)
{
  if (size > G_MAXSIZE / 2)
    g_error ("arena: allocation of %" G_GSIZE_FORMAT " bytes overflows", size);
  return size;
}

/* Uninitialised memory of @size bytes aligned to @align (a power of two, at
 * most ALIGN).  Strings use 1, so short names pack tightly. */
static void *
alloc_raw (Arena *arena, gsize size, gsize align)
{
  guintptr cur = (guintptr) arena->cur;
  guintptr aligned = (cur + align - 1) & ~(guintptr) (align - 1);
  if (aligned <= (guintptr) arena->end && (guintptr) arena->end - aligned >= size)
    {
      arena->cur = (char *) aligned + size;
      arena->used += size;
      return (char *) aligned;
    }

  if (size > arena->next_size / 4)
    {
      /* Own block, linked behind the current one, which keeps serving. */
      Block *big = block_new (size);
      big->next = arena->blocks->next;
      arena->blocks->next = big;
      arena->used += size;
      return block_data (big);
    }

  Block *block = block_new (arena->next_size);
  block->next = arena->blocks;
  arena->blocks = block;
  arena->cur = block_data (block) + size;
  arena->end = block_data (block) + block->size;
  arena->next_size = MIN (arena->next_size * 2, MAX_BLOCK);
  arena->used += size;
  return block_data (block);
}

void *
arena_alloc (Arena *arena, gsize size)
{
  g_return_val_if_fail (arena != NULL, NULL);
  size = checked_size (size == 0 ? 1 : size);
  void *p = alloc_raw (arena, size, ALIGN);
  memset (p, 0, size);
  return p;
}

char *
arena_alloc_bytes (Arena *arena, gsize size)
{
  g_return_val_if_fail (arena != NULL, NULL);
  return alloc_raw (arena, checked_size (size == 0 ? 1 : size), 1);
}

char *
arena_strndup (Arena *arena, const char *str, gsize len)
{
  g_return_val_if_fail (arena != NULL, NULL);
  g_return_val_if_fail (str != NULL || len == 0, NULL);
  char *p = alloc_raw (arena, checked_size (len) + 1, 1);
  if (len > 0)
    memcpy (p, str, len);
  p[len] = '\0';
  return p;
}

char *
arena_strdup (Arena *arena, const char *str)
{
  if (str == NULL)
    return NULL;
  return arena_strndup (arena, str, strlen (str));
}

gsize
arena_used (const Arena *arena)
{
  g_return_val_if_fail (arena != NULL, 0);
  return arena->used;
}
