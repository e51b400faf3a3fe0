/* arena.h: bump allocation for data that lives and dies together.
 *
 * A parsed document, a loaded rule set and a case each own one arena: nodes,
 * strings and arrays are carved from it and released in one free.  Pointers
 * into an arena stay valid until the arena is freed (blocks never move).
 */
#pragma once

#include <glib.h>

typedef struct Arena Arena;

Arena *arena_new (void);
/* Like arena_new(), with a first block of about @first_block bytes: the JSON
 * reader sizes it from the input so a small case needs one block. */
Arena *arena_new_sized (gsize first_block);
void   arena_free (Arena *arena);
/* Zeroed memory, aligned for any type.  Aborts only like g_malloc does: the
 * readers check their limits before asking, so sizes here are bounded. */
void  *arena_alloc (Arena *arena, gsize size);
/* @size uninitialised bytes with no alignment (text being decoded). */
char  *arena_alloc_bytes (Arena *arena, gsize size);
/* Copies @len bytes and appends a NUL. */
char  *arena_strndup (Arena *arena, const char *str, gsize len);
char  *arena_strdup (Arena *arena, const char *str);
/* Bytes handed out so far (for peak-memory accounting). */
gsize  arena_used (const Arena *arena);

#define arena_new0(arena, Type, n) ((Type *) arena_alloc ((arena), sizeof (Type) * (gsize) (n)))
