/* node.c: the document tree, and the builder both readers feed.
 *
 * The builder is where the shape rules and the count limits live, so the
 * YAML and JSON readers cannot drift apart: every node is checked before it
 * is allocated, and duplicate keys are found when a mapping closes by
 * sorting its keys (O(n log n), no hash table keyed by input).
 */
#include "node.h"

#include <string.h>

#include "diag.h"
#include "limits-private.h"

/* Mappings up to this many keys are checked pairwise; sorting costs more. */
#define PAIRWISE_MAX 16

const Node *
node_lookup (const Node *map, const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  if (map == NULL || map->kind != NODE_MAPPING)
    return NULL;
  gsize key_len = strlen (key);
  for (guint i = 0; i < map->len; i++)
    {
      const Node *k = node_key (map, i);
      if (k->len == key_len && memcmp (k->v.text, key, key_len) == 0)
        return node_value (map, i);
    }
  return NULL;
}

Doc *
doc_new (const char *file, gsize input_bytes, gsize arena_hint)
{
  Arena *arena = arena_new_sized (arena_hint);
  Doc *doc = arena_new0 (arena, Doc, 1);
  doc->arena = arena;
  doc->file = arena_strdup (arena, file != NULL ? file : "<input>");
  doc->input_bytes = input_bytes;
  return doc;
}

void
doc_free (Doc *doc)
{
  if (doc != NULL)
    arena_free (doc->arena);     /* the Doc itself lives in its arena */
}

void
reader_error (const Doc *doc, GError **error, EnforceErrorCode code,
              guint32 line, guint32 col, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  Loc loc = { doc != NULL ? doc->file : NULL, line, col };
  set_error_at (error, code, loc, "%s", message);
}

void
builder_init (Builder *b, Doc *doc, const EnforceLimits *limits, GError **error)
{
  const EnforceLimits *l = limits_or_default (limits, ENFORCE_LIMITS_CASES);
  b->doc = doc;
  b->error = error;
  for (int i = 0; i < ENFORCE_LIMIT_COUNT; i++)
    b->lim[i] = enforce_limits_get (l, (EnforceLimit) i);
  b->frames = b->local_frames;
  b->n_frames = 0;
  b->cap_frames = BUILD_LOCAL_FRAMES;
  b->pending = b->local_pending;
  b->n_pending = 0;
  b->cap_pending = BUILD_LOCAL_PENDING;
  b->nodes = 0;
  b->root_done = FALSE;
}

void
builder_clear (Builder *b)
{
  if (b->frames != b->local_frames)
    g_free (b->frames);
  if (b->pending != b->local_pending)
    g_free (b->pending);
  b->frames = b->local_frames;
  b->pending = b->local_pending;
}

/* Grows a stack that may still live in the Builder's local array. */
static void *
grow (void *array, const void *local, guint *cap, gsize elem, guint used)
{
  if (*cap > G_MAXUINT / 2)
    g_error ("reader: stack overflows");
  guint new_cap = *cap * 2;
  if (array == local)
    {
      void *heap = g_malloc_n (new_cap, elem);
      memcpy (heap, array, used * elem);
      array = heap;
    }
  else
    array = g_realloc_n (array, new_cap, elem);
  *cap = new_cap;
  return array;
}

static const char *
kind_name (NodeKind kind)
{
  switch (kind)
    {
    case NODE_MAPPING:
      return "a mapping";
    case NODE_SEQUENCE:
      return "a sequence";
    case NODE_SCALAR:
    default:
      return "a scalar";
    }
}

gboolean
builder_at_key (const Builder *b)
{
  if (b->n_frames == 0)
    return FALSE;
  const BuildFrame *top = &b->frames[b->n_frames - 1];
  return top->node->kind == NODE_MAPPING && (b->n_pending - top->start) % 2 == 0;
}

static gboolean
limit_error (Builder *b, EnforceErrorCode code, EnforceLimit limit,
             guint32 line, guint32 col, const char *what)
{
  reader_error (b->doc, b->error, code, line, col, "%s exceeds the limit %s=%" G_GINT64_FORMAT,
                what, enforce_limit_name (limit), b->lim[limit]);
  return FALSE;
}

gboolean
builder_check (Builder *b, NodeKind kind, guint32 line, guint32 col)
{
  if (b->n_frames == 0)
    {
      if (b->root_done)
        {
          /* Unreachable from both readers today (the JSON reader refuses
           * trailing content itself, libyaml yields one root per document);
           * kept as a guard with the code such input would deserve. */
          reader_error (b->doc, b->error, ENFORCE_ERROR_MULTI_DOCUMENT, line, col,
                        "content after the document's root");
          return FALSE;
        }
      if (kind != NODE_MAPPING)
        {
          reader_error (b->doc, b->error, ENFORCE_ERROR_ROOT_NOT_MAPPING, line, col,
                        "the document's root must be a mapping, found %s", kind_name (kind));
          return FALSE;
        }
    }

  if (kind != NODE_SCALAR && (gint64) b->n_frames + 1 > b->lim[ENFORCE_LIMIT_DEPTH])
    return limit_error (b, ENFORCE_ERROR_LIMIT_DEPTH, ENFORCE_LIMIT_DEPTH, line, col,
                        "nesting depth");

  if (b->nodes + 1 > b->lim[ENFORCE_LIMIT_NODES])
    return limit_error (b, ENFORCE_ERROR_LIMIT_NODES, ENFORCE_LIMIT_NODES, line, col,
                        "number of nodes in the document");

  if (b->n_frames == 0)
    return TRUE;

  const BuildFrame *top = &b->frames[b->n_frames - 1];
  gint64 children = b->n_pending - top->start;
  if (top->node->kind == NODE_MAPPING)
    {
      if (children % 2 != 0)
        return TRUE;          /* a value: nothing more to check */
      if (kind != NODE_SCALAR)
        {
          reader_error (b->doc, b->error, ENFORCE_ERROR_WRONG_TYPE, line, col,
                        "a mapping key must be a scalar, found %s", kind_name (kind));
          return FALSE;
        }
      if (children / 2 + 1 > b->lim[ENFORCE_LIMIT_KEYS])
        return limit_error (b, ENFORCE_ERROR_LIMIT_KEYS, ENFORCE_LIMIT_KEYS, line, col,
                            "number of keys in one mapping");
    }
  else if (children + 1 > b->lim[ENFORCE_LIMIT_ITEMS])
    return limit_error (b, ENFORCE_ERROR_LIMIT_ITEMS, ENFORCE_LIMIT_ITEMS, line, col,
                        "number of items in one sequence");
  return TRUE;
}

gboolean
builder_check_len (Builder *b, gsize len, guint32 line, guint32 col)
{
  gboolean key = builder_at_key (b);
  EnforceLimit limit = key ? ENFORCE_LIMIT_SHORT_BYTES : ENFORCE_LIMIT_TEXT_BYTES;
  if ((guint64) len <= (guint64) b->lim[limit])
    return TRUE;
  reader_error (b->doc, b->error, ENFORCE_ERROR_LIMIT_SCALAR, line, col,
                "%s of %" G_GSIZE_FORMAT " bytes exceeds the limit %s=%" G_GINT64_FORMAT,
                key ? "key" : "scalar", len, enforce_limit_name (limit), b->lim[limit]);
  return FALSE;
}

static Node *
new_node (Builder *b, NodeKind kind, guint32 line, guint32 col)
{
  Node *node = arena_new0 (b->doc->arena, Node, 1);
  node->kind = kind;
  node->line = line;
  node->col = col;
  b->nodes++;
  if (b->n_frames > 0)
    {
      if (b->n_pending == b->cap_pending)
        b->pending = grow (b->pending, b->local_pending, &b->cap_pending,
                           sizeof (Node *), b->n_pending);
      b->pending[b->n_pending++] = node;
    }
  return node;
}

void
builder_scalar (Builder *b, ScalarStyle style, const char *text, gsize len,
                guint32 line, guint32 col)
{
  Node *node = new_node (b, NODE_SCALAR, line, col);
  node->style = style;
  node->len = (guint32) len;
  node->v.text = text;
}

void
builder_start (Builder *b, NodeKind kind, guint32 line, guint32 col)
{
  Node *node = new_node (b, kind, line, col);
  if (b->n_frames == b->cap_frames)
    b->frames = grow (b->frames, b->local_frames, &b->cap_frames,
                      sizeof (BuildFrame), b->n_frames);
  b->frames[b->n_frames].node = node;
  b->frames[b->n_frames].start = b->n_pending;
  b->n_frames++;
}

static gboolean
same_text (const Node *a, const Node *c)
{
  return a->len == c->len && memcmp (a->v.text, c->v.text, a->len) == 0;
}

static gint
compare_keys (gconstpointer pa, gconstpointer pb, gpointer data)
{
  Node *const *items = data;
  guint32 ia = *(const guint32 *) pa, ib = *(const guint32 *) pb;
  const Node *a = items[2 * ia], *c = items[2 * ib];
  if (a->len != c->len)
    return a->len < c->len ? -1 : 1;
  int r = memcmp (a->v.text, c->v.text, a->len);
  if (r != 0)
    return r;
  return ia < ib ? -1 : (ia > ib ? 1 : 0);
}

/* Index of the earliest key that repeats an earlier one, or -1. */
static gint64
find_duplicate (Node *const *items, guint32 n)
{
  if (n <= PAIRWISE_MAX)
    {
      for (guint32 j = 1; j < n; j++)
        for (guint32 i = 0; i < j; i++)
          if (same_text (items[2 * i], items[2 * j]))
            return j;
      return -1;
    }

  g_autofree guint32 *order = g_new (guint32, n);
  for (guint32 i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (guint32), compare_keys, (gpointer) items);
  gint64 best = -1;
  for (guint32 k = 1; k < n; k++)
    if (same_text (items[2 * order[k - 1]], items[2 * order[k]])
        && (best < 0 || order[k] < best))
      best = order[k];
  return best;
}

gboolean
builder_end (Builder *b)
{
  g_return_val_if_fail (b->n_frames > 0, FALSE);
  BuildFrame *top = &b->frames[b->n_frames - 1];
  Node *node = top->node;
  guint32 n = b->n_pending - top->start;
  Node **items = NULL;
  if (n > 0)
    {
      items = arena_new0 (b->doc->arena, Node *, n);
      memcpy (items, b->pending + top->start, n * sizeof (Node *));
    }
  node->v.items = items;
  node->len = node->kind == NODE_MAPPING ? n / 2 : n;

  if (node->kind == NODE_MAPPING && node->len > 1)
    {
      gint64 dup = find_duplicate (items, node->len);
      if (dup >= 0)
        {
          const Node *second = items[2 * dup];
          const Node *first = NULL;
          for (guint32 i = 0; first == NULL; i++)
            if (same_text (items[2 * i], second))
              first = items[2 * i];
          g_autofree char *shown = escape_for_message (second->v.text, second->len, 64);
          reader_error (b->doc, b->error, ENFORCE_ERROR_DUPLICATE_KEY, second->line, second->col,
                        "duplicate key \"%s\" (first at %u:%u)", shown, first->line, first->col);
          return FALSE;
        }
    }

  b->n_pending = top->start;
  b->n_frames--;
  if (b->n_frames == 0)
    {
      b->doc->root = node;
      b->root_done = TRUE;
    }
  return TRUE;
}

guint
utf8_decode (const guchar *p, const guchar *end, gunichar *out)
{
  gsize avail = (gsize) (end - p);
  guchar c = p[0];
  if (c < 0x80)
    {
      *out = c;
      return 1;
    }
  guint n;
  gunichar cp;
  guchar lo = 0x80, hi = 0xBF;          /* bounds of the second byte */
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3, cp = c & 0x0F;
      if (c == 0xE0)
        lo = 0xA0;                      /* overlong */
      else if (c == 0xED)
        hi = 0x9F;                      /* surrogates */
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4, cp = c & 0x07;
      if (c == 0xF0)
        lo = 0x90;                      /* overlong */
      else if (c == 0xF4)
        hi = 0x8F;                      /* above U+10FFFF */
    }
  else
    return 0;                           /* continuation, C0/C1 overlong, F5..FF */
  if (avail < n || p[1] < lo || p[1] > hi)
    return 0;
  cp = (cp << 6) | (p[1] & 0x3F);
  for (guint i = 2; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
  *out = cp;
  return n;
}

void
reader_char_error (const Doc *doc, GError **error, gunichar c, guint32 line, guint32 col,
                   const char *where)
{
  if (c == 0)
    reader_error (doc, error, ENFORCE_ERROR_ENCODING, line, col,
                  "NUL character (U+0000) is not allowed %s", where);
  else
    reader_error (doc, error, ENFORCE_ERROR_ENCODING, line, col,
                  "control character U+%04X is not allowed %s", (guint) c, where);
}
