/* batch.c: many cases in, one record per case out, in input order.
 *
 * The input is cut into contiguous chunks of whole lines; workers (the
 * calling thread and up to n_threads - 1 others) take chunks in turn from
 * an atomic counter and write each chunk's records into that chunk's own
 * GString.  Concatenating the strings in chunk order gives the input order
 * whichever thread ran which chunk, so the output never depends on the
 * thread count or on scheduling.  There are a few chunks per thread so a
 * thread that drew slow cases does not hold the others up.
 *
 * Nothing is shared between workers except the counter and the rule set,
 * which is immutable; every case is parsed and evaluated on the worker's
 * own stack and heap, and its failure is written as its own record.
 */
#include <enforce/enforce-batch.h>

#include <string.h>
#include <enforce/enforce-case.h>
#include <enforce/enforce-date.h>
#include "json-writer.h"
#include "recommend-private.h"

/* A chunk smaller than this is not worth handing to another thread: about
 * 100 small cases, ~0.4 ms of work, where starting a thread costs tens of
 * µs.  Below it a batch runs on the calling thread alone. */
#define MIN_CHUNK_BYTES 16384
#define CHUNKS_PER_THREAD 4
#define INITIAL_OUT_MAX (256 * 1024)

typedef struct {
  const char *begin;
  const char *end;
  guint64 first_line;             /* 1-based number of the chunk's first line */
  GString *out;                   /* the chunk's records, written by one worker */
} Chunk;

typedef struct {
  const EnforceRuleSet *rules;
  const char *as_of;
  EnforceRecommendFlags flags;
  const EnforceLimits *limits;
  Chunk *chunks;
  guint n_chunks;
  gint next;                      /* next chunk to take (atomic) */
} Batch;

static guint64
count_lf (const char *p, const char *end)
{
  guint64 n = 0;

  while (p < end && (p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

static gboolean
is_blank (const char *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
      return FALSE;
  return TRUE;
}

/* Cuts @data into at most @want chunks of whole lines, about equal in bytes,
 * numbering each chunk's first line from @first_line.  Returns how many
 * chunks it made. */
static guint
split_chunks (const char *data, gsize len, guint64 first_line, guint want, Chunk *chunks)
{
  gsize start = 0;
  guint64 line = first_line;
  guint n = 0;

  while (start < len && n < want)
    {
      gsize end = n == want - 1 ? len : start + (len - start) / (want - n);

      /* Extend to just past the LF that ends the line holding end - 1. */
      if (end < len)
        {
          gsize from = end > start ? end - 1 : start;
          const char *lf = memchr (data + from, '\n', len - from);
          end = lf != NULL ? (gsize) (lf - data) + 1 : len;
        }
      chunks[n] = (Chunk) { data + start, data + end, line, NULL };
      line += count_lf (data + start, data + end);
      start = end;
      n++;
    }
  return n;
}

/* Writes @v in decimal ending at @end (exclusive); returns where it starts.
 * Two calls per record: g_snprintf and the writer's printf path cost more
 * than the rest of the record wrapper together. */
static char *
format_uint (guint64 v, char *end)
{
  char *p = end;

  do
    *--p = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  return p;
}

static void
write_error (GString *out, const GError *error)
{
  /* Every failure of the case reader and the engine is in ENFORCE_ERROR;
   * anything else would be a bug, reported as such rather than guessed. */
  EnforceErrorCode code = error->domain == ENFORCE_ERROR ? (EnforceErrorCode) error->code
                                                         : ENFORCE_ERROR_FAILED;
  JsonWriter w;

  json_writer_init (&w, out);
  json_writer_begin_object (&w);
  json_writer_member_string (&w, "code", enforce_error_code_name (code));
  json_writer_member_string (&w, "message", error->message);
  json_writer_end_object (&w);
}

/* One record, {"line":N,"case_id":…,"recommendation":…,"error":…} and LF.
 * The fixed keys are literals; each value that has structure gets its own
 * writer, as a top-level value.  Exactly one of @rec and @error is set. */
static void
write_record (GString *out, guint64 line, const char *case_id,
              const EnforceRecommendation *rec, const GError *error)
{
  char digits[24];
  char *end = digits + sizeof digits;
  char *start = format_uint (line, end);

  g_string_append_len (out, "{\"line\":", 8);
  g_string_append_len (out, start, end - start);
  g_string_append (out, ",\"case_id\":");
  if (case_id != NULL)
    json_append_escaped (out, case_id, strlen (case_id));
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"recommendation\":");
  if (rec != NULL)
    {
      JsonWriter w;

      json_writer_init (&w, out);
      recommendation_write_json (rec, &w);
    }
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"error\":");
  if (error != NULL)
    write_error (out, error);
  else
    g_string_append (out, "null");
  g_string_append (out, "}\n");
}

static void
run_line (const Batch *b, const char *text, gsize n, guint64 line, GString *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EnforceCase) kase = NULL;
  g_autoptr (EnforceRecommendation) rec = NULL;
  static const char prefix[] = "batch:";
  char name[sizeof prefix + 24];
  char *end = name + sizeof name - 1;
  char *start;

  /* The reader's messages then start "batch:17:1:40:": the input line,
   * then the line and column inside that one-line document. */
  *end = '\0';
  start = format_uint (line, end) - (sizeof prefix - 1);
  memcpy (start, prefix, sizeof prefix - 1);
  kase = enforce_case_parse (text, n, ENFORCE_FORMAT_JSON, start, b->limits, &error);
  if (kase != NULL)
    rec = enforce_recommend (b->rules, kase, b->as_of, b->flags, &error);
  write_record (out, line, kase != NULL ? enforce_case_get_id (kase) : NULL, rec, error);
}

static void
run_chunk (const Batch *b, Chunk *c)
{
  const char *p = c->begin;
  guint64 line = c->first_line;

  /* Records are typically a few times the size of the cases they answer,
   * but a chunk of blank or oversized lines has few or none: start small
   * and let the GString double. */
  c->out = g_string_sized_new (MIN ((gsize) (c->end - c->begin) * 4 + 64, INITIAL_OUT_MAX));
  while (p < c->end)
    {
      const char *lf = memchr (p, '\n', (gsize) (c->end - p));
      const char *stop = lf != NULL ? lf : c->end;
      gsize n = (gsize) (stop - p);

      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (!is_blank (p, n))
        run_line (b, p, n, line, c->out);
      p = lf != NULL ? lf + 1 : c->end;
      line++;
    }
}

static gpointer
work (gpointer data)
{
  Batch *b = data;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&b->next, 1);
      if (i >= b->n_chunks)
        return NULL;
      run_chunk (b, &b->chunks[i]);
    }
}

/* Joins the chunks' records in chunk order, freeing each as it goes, into
 * a block of exactly the output's size: the caller may keep the result for
 * long, and a GString's doubling can leave half of its block unused.  A
 * batch of one chunk (any batch under MIN_CHUNK_BYTES) is not copied, only
 * trimmed. */
static char *
concatenate (Chunk *chunks, guint n, gsize *out_len)
{
  gsize total = 0;
  char *result;
  char *p;

  for (guint i = 0; i < n; i++)
    total += chunks[i].out->len;
  if (out_len != NULL)
    *out_len = total;
  if (n == 1)
    return g_realloc (g_string_free (g_steal_pointer (&chunks[0].out), FALSE), total + 1);
  p = result = g_malloc (total + 1);
  for (guint i = 0; i < n; i++)
    {
      memcpy (p, chunks[i].out->str, chunks[i].out->len);
      p += chunks[i].out->len;
      g_string_free (g_steal_pointer (&chunks[i].out), TRUE);
    }
  *p = '\0';
  return result;
}

static guint
threads_wanted (guint n_threads)
{
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  return CLAMP (n_threads, 1, ENFORCE_BATCH_MAX_THREADS);
}

/* Runs @b on the calling thread and up to @n_threads - 1 others.  A thread
 * that cannot be started only means less parallelism: the workers that did
 * start (at least the calling one) take every chunk. */
static void
run_workers (Batch *b, guint n_threads)
{
  GThread *threads[ENFORCE_BATCH_MAX_THREADS];
  guint started = 0;

  for (guint i = 1; i < n_threads; i++)
    {
      GThread *t = g_thread_try_new ("enforce-batch", work, b, NULL);
      if (t == NULL)
        break;
      threads[started++] = t;
    }
  work (b);
  for (guint i = 0; i < started; i++)
    g_thread_join (threads[i]);
}

char *
enforce_recommend_batch_from_line (const EnforceRuleSet *rules, const char *jsonl, gsize len,
                                   guint64 first_line, const char *as_of,
                                   EnforceRecommendFlags flags, guint n_threads,
                                   const EnforceLimits *limits, gsize *out_len, GError **error)
{
  g_autofree Chunk *chunks = NULL;
  Batch b;
  guint threads;
  guint want;
  gint32 day;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (jsonl != NULL || len == 0, NULL);
  /* A buffer of len bytes has at most len + 1 lines, numbered up to
   * first_line + len. */
  g_return_val_if_fail (first_line >= 1 && first_line <= G_MAXUINT64 - len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Checked once here: otherwise every record would carry the same error. */
  if (as_of != NULL && !enforce_date_parse (as_of, strlen (as_of), &day, error))
    return NULL;

  threads = threads_wanted (n_threads);
  want = (guint) MIN ((gsize) threads * CHUNKS_PER_THREAD, len / MIN_CHUNK_BYTES + 1);
  chunks = g_new (Chunk, want);
  b = (Batch) { rules, as_of, flags, limits, chunks, 0, 0 };
  b.n_chunks = split_chunks (jsonl, len, first_line, want, chunks);
  run_workers (&b, MIN (threads, b.n_chunks));
  return concatenate (chunks, b.n_chunks, out_len);
}

char *
enforce_recommend_batch (const EnforceRuleSet *rules, const char *jsonl, gsize len,
                         const char *as_of, EnforceRecommendFlags flags, guint n_threads,
                         const EnforceLimits *limits, gsize *out_len, GError **error)
{
  return enforce_recommend_batch_from_line (rules, jsonl, len, 1, as_of, flags, n_threads,
                                            limits, out_len, error);
}
