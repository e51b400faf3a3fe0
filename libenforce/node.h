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
