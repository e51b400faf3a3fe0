/* replay-main.c: runs a fuzz target over corpus files without libFuzzer.
 *
 *   replay-<target> DIR_OR_FILE...
 *
 * Every regular file of each directory (sorted by name, dot files skipped)
 * and every file named directly is passed to LLVMFuzzerTestOneInput once.
 * This is how gcc builds replay the corpora in every CTest run (libgit2
 * does the same): a fix for a crash found by fuzzing stays fixed.  Each
 * input is copied into a buffer of exactly its size, with no terminating
 * NUL, so a target that reads past the end is caught by ASan in the
 * sanitizer build just as under libFuzzer.  Exits non-zero when an input
 * cannot be read or when no input was found at all (an empty corpus would
 * make the test pass without testing anything).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include "fuzz.h"

/* Optional in a target: libFuzzer calls it once before the first input. */
#pragma weak LLVMFuzzerInitialize

static gboolean
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return FALSE;
    }
  /* Exactly @len bytes: malloc(0) may return NULL, so keep one byte then. */
  uint8_t *exact = malloc (len > 0 ? len : 1);
  if (exact == NULL)
    {
      fprintf (stderr, "replay: out of memory for %s\n", path);
      return FALSE;
    }
  if (len > 0)
    memcpy (exact, contents, len);
  fprintf (stderr, "replay: %s (%zu bytes)\n", path, (size_t) len);
  LLVMFuzzerTestOneInput (exact, len);
  free (exact);
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Runs every regular file in @dir; adds the number run to *@count. */
static gboolean
run_dir (const char *dir, guint *count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  gboolean ok = TRUE;

  if (d == NULL)
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      ok = run_file (path) && ok;
      (*count)++;
    }
  return ok;
}

int
main (int argc, char **argv)
{
  guint count = 0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
      return 2;
    }
  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        ok = run_dir (argv[i], &count) && ok;
      else
        {
          ok = run_file (argv[i]) && ok;
          count++;
        }
    }
  printf ("replay: %u inputs, %s\n", count, ok ? "all ran" : "some could not be read");
  if (count == 0)
    {
      fprintf (stderr, "replay: no input found; an empty corpus tests nothing\n");
      return 1;
    }
  return ok ? 0 : 1;
}
