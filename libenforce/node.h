/* node.h: the document tree produced by the YAML and JSON readers.
 *
 * Both readers pull events (libyaml's event API, or our own strict JSON
 * tokenizer), check every limit *before* allocating, refuse what the input
 * policy refuses (docs/limits.md, RELIABILITY.md), and build this small
 * immutable tree in an arena: scalars keep their text and style, mappings
 * keep key/value pairs in input order, and every node keeps its position.
 * Duplicate keys are refused while reading.  No recursion anywhere follows
 * the input's depth.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-error.h>
#include <enforce/enforce-limits.h>
#include "arena.h"

typedef enum {
  NODE_SCALAR = 0,
  NODE_MAPPING = 1,
  NODE_SEQUENCE = 2,
} NodeKind;

typedef enum {
  SCALAR_PLAIN = 0,           /* YAML plain scalar, or a JSON number/true/false/null */
  SCALAR_QUOTED = 1,          /* YAML single/double quoted, or a JSON string */
  SCALAR_BLOCK = 2,           /* YAML literal or folded block */
} ScalarStyle;

typedef struct Node Node;
struct Node {
  NodeKind kind;
  ScalarStyle style;          /* scalars only */
  guint32 line;               /* 1-based */
  guint32 col;                /* 1-based, in characters */
  guint32 len;                /* scalar: bytes; mapping: pairs; sequence: items */
  union {
    const char *text;         /* scalar, NUL-terminated (NUL inside is refused) */
    Node *const *items;       /* sequence: len items; mapping: 2*len (key, value, ...) */
  } v;
};

typedef struct {
  Arena *arena;               /* owns every node and string */
  const Node *root;           /* always a mapping */
  char *file;                 /* name used in messages (owned, in the arena) */
  gsize input_bytes;
} Doc;

/* Both readers: @limits NULL means the ENFORCE_LIMITS_CASES defaults (the
 * stricter profile); the rule loader passes its own.  @file NULL is shown as
 * "<input>".  Keys are checked against short_bytes, other scalars against
 * text_bytes (docs/limits.md). */

/* Reads one YAML document.  On failure sets @error with the reader code
 * (ENFORCE_ERROR_YAML_SYNTAX, _ENCODING, _LIMIT_*, _ALIAS, _TAG,
 * _MERGE_KEY, _MULTI_DOCUMENT, _ROOT_NOT_MAPPING, _DUPLICATE_KEY) and the
 * message "file:line:col: text".  The input need not be NUL-terminated. */
Doc  *doc_parse_yaml (const char *data, gsize len, const char *file,
                      const EnforceLimits *limits, GError **error);
/* Reads one JSON document under the strict profile (RFC 8259, no NaN,
 * no trailing commas, no single quotes, no bare words, no duplicate names,
 * no comments).  Codes as above with ENFORCE_ERROR_JSON_SYNTAX. */
Doc  *doc_parse_json (const char *data, gsize len, const char *file,
                      const EnforceLimits *limits, GError **error);
void  doc_free (Doc *doc);

/* Mapping helpers. */
static inline const Node *node_key   (const Node *map, guint i) { return map->v.items[2 * i]; }
static inline const Node *node_value (const Node *map, guint i) { return map->v.items[2 * i + 1]; }
/* Value for @key in @map, or NULL.  Linear: mappings are small and capped. */
const Node *node_lookup (const Node *map, const char *key);

/* ---- Shared by the two readers only (node.c) --------------------------- */

/* Builds the tree from a stream of start / scalar / end calls, checking the
 * limits and the shape rules (mapping root, scalar keys, no duplicate keys)
 * before anything is allocated.  Working stacks start on the C stack and
 * move to the heap only for deep or wide documents. */
typedef struct {
  Node *node;
  guint32 start;              /* index of its first child in `pending` */
} BuildFrame;

#define BUILD_LOCAL_FRAMES 24
#define BUILD_LOCAL_PENDING 192

typedef struct {
  Doc *doc;
  gint64 lim[ENFORCE_LIMIT_COUNT];
  GError **error;
  BuildFrame *frames;
  guint n_frames, cap_frames;
  Node **pending;             /* children of open collections, in order */
  guint n_pending, cap_pending;
  gint64 nodes;
  gboolean root_done;
  BuildFrame local_frames[BUILD_LOCAL_FRAMES];
  Node *local_pending[BUILD_LOCAL_PENDING];
} Builder;

/* A new Doc with its own arena (first block sized by @arena_hint). */
Doc *doc_new (const char *file, gsize input_bytes, gsize arena_hint);
void builder_init (Builder *b, Doc *doc, const EnforceLimits *limits, GError **error);
void builder_clear (Builder *b);
/* TRUE if the next child of the open collection is a mapping key. */
gboolean builder_at_key (const Builder *b);
/* Checks that a node of @kind may come next at line:col (root, key shape,
 * depth, nodes, keys, items).  Sets the error and returns FALSE if not. */
gboolean builder_check (Builder *b, NodeKind kind, guint32 line, guint32 col);
/* Checks a scalar of @len bytes against short_bytes (keys) or text_bytes. */
gboolean builder_check_len (Builder *b, gsize len, guint32 line, guint32 col);
/* Adds a scalar whose text is already in the doc's arena.  Call after the
 * checks above. */
void builder_scalar (Builder *b, ScalarStyle style, const char *text, gsize len,
                     guint32 line, guint32 col);
/* Opens a mapping or sequence (after builder_check). */
void builder_start (Builder *b, NodeKind kind, guint32 line, guint32 col);
/* Closes the innermost collection; for a mapping, refuses duplicate keys. */
gboolean builder_end (Builder *b);
/* Sets "file:line:col: message" with @code on the builder's error. */
void reader_error (const Doc *doc, GError **error, EnforceErrorCode code,
                   guint32 line, guint32 col, const char *format, ...) G_GNUC_PRINTF (6, 7);
/* Decodes one strictly valid UTF-8 sequence (no overlong forms, no
 * surrogates, at most U+10FFFF) at @p.  Returns its length, or 0. */
guint utf8_decode (const guchar *p, const guchar *end, gunichar *out);
/* TRUE for characters refused inside scalars: U+0000, C0 controls other
 * than tab, LF and CR, DEL, and the C1 controls U+0080..U+009F. */
static inline gboolean char_refused (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}
/* Message text for a refused character (NUL or control), for the readers. */
void reader_char_error (const Doc *doc, GError **error, gunichar c, guint32 line, guint32 col,
                        const char *where);
