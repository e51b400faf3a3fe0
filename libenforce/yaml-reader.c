/* yaml-reader.c: one YAML document into a Node tree, under limits.
 *
 * libyaml's event API with our own explicit stack (the Builder in node.c):
 * limits are checked per event before anything is allocated, and because
 * libyaml only scans as far as we pull, stopping at the depth limit also
 * stops its quadratic scanning of deeply nested flow collections.  The
 * whole input is checked as strict UTF-8 first, so what libyaml sees is
 * exactly what a reviewer sees.  Refused: anchors, aliases, tags, %TAG and
 * %YAML directives, merge keys, a second document, a non-mapping root,
 * duplicate keys, BOM, UTF-16, NUL and control characters (docs/limits.md).
 */
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "limits-private.h"
#include "node.h"

typedef struct {
  Doc *doc;
  Builder b;
  GError **error;
  int documents;
} YamlReader;

static guint32
mark_line (yaml_mark_t mark)
{
  return (guint32) MIN (mark.line + 1, (size_t) G_MAXUINT32);
}

static guint32
mark_col (yaml_mark_t mark)
{
  return (guint32) MIN (mark.column + 1, (size_t) G_MAXUINT32);
}

/* Line and column (1-based, in characters) of byte @offset, counting line
 * breaks as libyaml does (LF, CR LF, lone CR, U+2028, U+2029). */
static void
position_at (const guchar *data, gsize len, gsize offset, guint32 *line, guint32 *col)
{
  guint32 l = 1, c = 1;
  for (gsize i = 0; i < offset && i < len; i++)
    {
      guchar ch = data[i];
      if (ch == '\n' || (ch == '\r' && (i + 1 >= len || data[i + 1] != '\n')))
        l++, c = 1;
      else if (ch == 0xE2 && i + 2 < len && data[i + 1] == 0x80
               && (data[i + 2] == 0xA8 || data[i + 2] == 0xA9))
        {
          l++, c = 1;
          i += 2;
        }
      else if (ch != '\r' && (ch & 0xC0) != 0x80)
        c++;
    }
  *line = l;
  *col = c;
}

/* Strict UTF-8 over the whole input, before libyaml sees it. */
static gboolean
check_encoding (const Doc *doc, const guchar *data, gsize len, GError **error)
{
  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      reader_error (doc, error, ENFORCE_ERROR_ENCODING, 1, 1,
                    "byte order mark (BOM) is not allowed; save the file as UTF-8 without BOM");
      return FALSE;
    }
  if (len >= 2 && ((data[0] == 0xFE && data[1] == 0xFF) || (data[0] == 0xFF && data[1] == 0xFE)))
    {
      reader_error (doc, error, ENFORCE_ERROR_ENCODING, 1, 1,
                    "UTF-16 input is not supported; use UTF-8");
      return FALSE;
    }

  const guchar *end = data + len;
  for (const guchar *p = data; p < end;)
    {
      if (*p >= 0x20 && *p < 0x7F)
        {
          p++;
          continue;
        }
      gunichar c;
      guint n = utf8_decode (p, end, &c);
      if (n == 0 || char_refused (c))
        {
          guint32 line, col;
          position_at (data, len, (gsize) (p - data), &line, &col);
          if (n == 0)
            reader_error (doc, error, ENFORCE_ERROR_ENCODING, line, col,
                          "invalid UTF-8 byte \\x%02X", (guint) *p);
          else if (c == 0 && (p - data) < 2)
            reader_error (doc, error, ENFORCE_ERROR_ENCODING, line, col,
                          "NUL byte at the start of the input (UTF-16?); use UTF-8");
          else
            reader_char_error (doc, error, c, line, col, "in the input");
          return FALSE;
        }
      p += n;
    }
  return TRUE;
}

static gboolean
libyaml_error (YamlReader *r, const yaml_parser_t *parser, const guchar *data, gsize len)
{
  const char *problem = parser->problem != NULL ? parser->problem : "unknown error";
  switch (parser->error)
    {
    case YAML_MEMORY_ERROR:
      reader_error (r->doc, r->error, ENFORCE_ERROR_FAILED, 1, 1, "libyaml ran out of memory");
      break;
    case YAML_READER_ERROR:
      {
        guint32 line, col;
        position_at (data, len, parser->problem_offset, &line, &col);
        reader_error (r->doc, r->error, ENFORCE_ERROR_ENCODING, line, col, "%s", problem);
        break;
      }
    case YAML_NO_ERROR:
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
    case YAML_COMPOSER_ERROR:
    case YAML_WRITER_ERROR:
    case YAML_EMITTER_ERROR:
    default:
      if (parser->context != NULL)
        reader_error (r->doc, r->error, ENFORCE_ERROR_YAML_SYNTAX,
                      mark_line (parser->problem_mark), mark_col (parser->problem_mark),
                      "%s (%s at %u:%u)", problem, parser->context,
                      mark_line (parser->context_mark), mark_col (parser->context_mark));
      else
        reader_error (r->doc, r->error, ENFORCE_ERROR_YAML_SYNTAX,
                      mark_line (parser->problem_mark), mark_col (parser->problem_mark),
                      "%s", problem);
      break;
    }
  return FALSE;
}

/* Anchors and explicit tags, on any node. */
static gboolean
check_properties (YamlReader *r, const yaml_event_t *event, const yaml_char_t *anchor,
                  const yaml_char_t *tag)
{
  guint32 line = mark_line (event->start_mark), col = mark_col (event->start_mark);
  if (anchor != NULL)
    {
      g_autofree char *shown = escape_for_message ((const char *) anchor,
                                                   strlen ((const char *) anchor), 64);
      reader_error (r->doc, r->error, ENFORCE_ERROR_ALIAS, line, col,
                    "anchors are not allowed (&%s); write the value out", shown);
      return FALSE;
    }
  if (tag != NULL)
    {
      g_autofree char *shown = escape_for_message ((const char *) tag,
                                                   strlen ((const char *) tag), 64);
      reader_error (r->doc, r->error, ENFORCE_ERROR_TAG, line, col,
                    "explicit tags are not allowed (%s)", shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_scalar_text (YamlReader *r, const guchar *text, gsize len, guint32 line, guint32 col)
{
  /* libyaml hands out valid UTF-8 (the input was checked, and it refuses
   * surrogate escapes); escapes such as "\0", "\x01" and "\N" can still
   * produce characters we refuse. */
  for (gsize i = 0; i < len; i++)
    {
      guchar ch = text[i];
      gunichar c = ch;
      if (ch == 0xC2 && i + 1 < len && text[i + 1] <= 0x9F)
        c = text[i + 1];      /* U+0080..U+009F */
      if ((ch < 0x80 || ch == 0xC2) && char_refused (c))
        {
          reader_char_error (r->doc, r->error, c, line, col, "in a scalar");
          return FALSE;
        }
    }
  return TRUE;
}

static ScalarStyle
scalar_style (yaml_scalar_style_t style)
{
  switch (style)
    {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return SCALAR_QUOTED;
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE:
      return SCALAR_BLOCK;
    case YAML_ANY_SCALAR_STYLE:
    case YAML_PLAIN_SCALAR_STYLE:
    default:
      return SCALAR_PLAIN;
    }
}

static gboolean
on_scalar (YamlReader *r, const yaml_event_t *event)
{
  guint32 line = mark_line (event->start_mark), col = mark_col (event->start_mark);
  const guchar *value = event->data.scalar.value;
  gsize len = event->data.scalar.length;
  ScalarStyle style = scalar_style (event->data.scalar.style);

  if (!check_properties (r, event, event->data.scalar.anchor, event->data.scalar.tag)
      || !builder_check (&r->b, NODE_SCALAR, line, col)
      || !builder_check_len (&r->b, len, line, col)
      || !check_scalar_text (r, value, len, line, col))
    return FALSE;

  if (style == SCALAR_PLAIN && len == 2 && memcmp (value, "<<", 2) == 0 && builder_at_key (&r->b))
    {
      reader_error (r->doc, r->error, ENFORCE_ERROR_MERGE_KEY, line, col,
                    "merge keys (<<) are not allowed; write the keys out");
      return FALSE;
    }

  char *text = arena_strndup (r->doc->arena, (const char *) value, len);
  builder_scalar (&r->b, style, text, len, line, col);
  return TRUE;
}

static gboolean
on_start (YamlReader *r, const yaml_event_t *event, NodeKind kind,
          const yaml_char_t *anchor, const yaml_char_t *tag)
{
  guint32 line = mark_line (event->start_mark), col = mark_col (event->start_mark);
  if (!check_properties (r, event, anchor, tag) || !builder_check (&r->b, kind, line, col))
    return FALSE;
  builder_start (&r->b, kind, line, col);
  return TRUE;
}

static gboolean
on_document_start (YamlReader *r, const yaml_event_t *event)
{
  guint32 line = mark_line (event->start_mark), col = mark_col (event->start_mark);
  if (r->documents++ > 0)
    {
      reader_error (r->doc, r->error, ENFORCE_ERROR_MULTI_DOCUMENT, line, col,
                    "a second document starts here; a file holds exactly one document");
      return FALSE;
    }
  if (event->data.document_start.tag_directives.start
      != event->data.document_start.tag_directives.end)
    {
      reader_error (r->doc, r->error, ENFORCE_ERROR_TAG, line, col,
                    "%%TAG directives are not allowed");
      return FALSE;
    }
  if (event->data.document_start.version_directive != NULL)
    {
      reader_error (r->doc, r->error, ENFORCE_ERROR_YAML_SYNTAX, line, col,
                    "%%YAML directives are not allowed");
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_event (YamlReader *r, const yaml_event_t *event, gboolean *done)
{
  switch (event->type)
    {
    case YAML_STREAM_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    case YAML_NO_EVENT:
      return TRUE;
    case YAML_STREAM_END_EVENT:
      *done = TRUE;
      if (r->documents == 0)
        {
          reader_error (r->doc, r->error, ENFORCE_ERROR_ROOT_NOT_MAPPING,
                        mark_line (event->start_mark), mark_col (event->start_mark),
                        "the document is empty; expected a mapping");
          return FALSE;
        }
      return TRUE;
    case YAML_DOCUMENT_START_EVENT:
      return on_document_start (r, event);
    case YAML_ALIAS_EVENT:
      {
        const char *anchor = (const char *) event->data.alias.anchor;
        g_autofree char *shown = escape_for_message (anchor, strlen (anchor), 64);
        reader_error (r->doc, r->error, ENFORCE_ERROR_ALIAS,
                      mark_line (event->start_mark), mark_col (event->start_mark),
                      "aliases are not allowed (*%s); write the value out", shown);
        return FALSE;
      }
    case YAML_SCALAR_EVENT:
      return on_scalar (r, event);
    case YAML_SEQUENCE_START_EVENT:
      return on_start (r, event, NODE_SEQUENCE, event->data.sequence_start.anchor,
                       event->data.sequence_start.tag);
    case YAML_MAPPING_START_EVENT:
      return on_start (r, event, NODE_MAPPING, event->data.mapping_start.anchor,
                       event->data.mapping_start.tag);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      return builder_end (&r->b);
    default:
      return TRUE;
    }
}

static gboolean
check_input_bytes (const char *file, gsize len, const EnforceLimits *limits, GError **error)
{
  gint64 max = enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES);
  if ((guint64) len <= (guint64) max)
    return TRUE;
  Loc loc = { file != NULL ? file : "<input>", 0, 0 };
  set_error_at (error, ENFORCE_ERROR_LIMIT_BYTES, loc,
                "input of %" G_GSIZE_FORMAT " bytes exceeds the limit %s=%" G_GINT64_FORMAT,
                len, enforce_limit_name (ENFORCE_LIMIT_INPUT_BYTES), max);
  return FALSE;
}

Doc *
doc_parse_yaml (const char *data, gsize len, const char *file,
                const EnforceLimits *limits, GError **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  limits = limits_or_default (limits, ENFORCE_LIMITS_CASES);
  if (!check_input_bytes (file, len, limits, error))
    return NULL;

  const guchar *bytes = (const guchar *) (data != NULL ? data : "");
  YamlReader r = { .error = error };
  r.doc = doc_new (file, len, MIN (len, (gsize) 64 * 1024) + 512);
  if (!check_encoding (r.doc, bytes, len, error))
    {
      doc_free (r.doc);
      return NULL;
    }

  builder_init (&r.b, r.doc, limits, error);
  yaml_parser_t parser;
  if (!yaml_parser_initialize (&parser))
    g_error ("libyaml: out of memory");
  yaml_parser_set_input_string (&parser, bytes, len);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  gboolean ok = TRUE, done = FALSE;
  while (ok && !done)
    {
      yaml_event_t event;
      if (!yaml_parser_parse (&parser, &event))
        {
          ok = libyaml_error (&r, &parser, bytes, len);
          break;
        }
      ok = on_event (&r, &event, &done);
      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);
  builder_clear (&r.b);
  if (!ok)
    {
      doc_free (r.doc);
      return NULL;
    }
  return r.doc;
}
