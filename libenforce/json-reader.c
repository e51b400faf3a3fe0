/* json-reader.c: one JSON document into a Node tree, strict RFC 8259.
 *
 * Our own tokenizer and parser rather than libyaml: libyaml accepts NaN,
 * trailing commas, single quotes and bare words, and this reader is on the
 * hot path of batch evaluation (one JSONL line per case).  One pass over
 * the bytes, an explicit stack (the Builder in node.c, shared with the YAML
 * reader, which also enforces the limits and refuses duplicate names), and
 * no allocation but the document's arena.
 *
 * Beyond RFC 8259 we refuse what the input policy refuses everywhere: a
 * BOM, NUL (also as \u0000), control characters other than tab, LF and CR
 * (also when escaped: \b, \f, \u0001), DEL and C1 controls.
 */
#include <string.h>

#include "diag.h"
#include "limits-private.h"
#include "node.h"

typedef struct {
  const guchar *p;
  const guchar *end;
  guint32 line;
  const guchar *line_start;
  gsize line_cont;            /* UTF-8 continuation bytes read on this line */
  const guchar *comma;        /* the last ',' read, for "trailing comma" */
  guint32 comma_line;
  const guchar *comma_line_start;
  Doc *doc;
  Builder b;
  GError **error;
} Json;

typedef enum {
  WANT_VALUE,
  WANT_KEY,
  AFTER_VALUE,
  FINISHED,
} State;

static guint32
count_chars (const guchar *from, const guchar *to)
{
  guint32 n = 0;
  for (const guchar *q = from; q < to; q++)
    n += (*q & 0xC0) != 0x80;
  return n;
}

/* Column of token start @pos on the current line.  Non-ASCII bytes occur
 * only inside strings, which count their continuation bytes as they go, so
 * this is O(1) even on a one-line 256 KiB case. */
static guint32
col_of (const Json *j, const guchar *pos)
{
  return (guint32) ((gsize) (pos - j->line_start) - j->line_cont + 1);
}

static gboolean
fail_at (Json *j, EnforceErrorCode code, const guchar *pos, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
fail_at (Json *j, EnforceErrorCode code, const guchar *pos, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  reader_error (j->doc, j->error, code, j->line, 1 + count_chars (j->line_start, pos),
                "%s", message);
  return FALSE;
}

static gboolean
fail_trailing_comma (Json *j)
{
  reader_error (j->doc, j->error, ENFORCE_ERROR_JSON_SYNTAX, j->comma_line,
                1 + count_chars (j->comma_line_start, j->comma),
                "trailing comma is not allowed");
  return FALSE;
}

/* Skips the whitespace from @p on, counting lines. */
static void
skip_ws_from (Json *j, const guchar *p)
{
  for (; p < j->end; p++)
    {
      guchar c = *p;
      if (c == ' ' || c == '\t' || c == '\r')
        continue;
      if (c != '\n')
        break;
      j->line++;
      j->line_start = p + 1;
      j->line_cont = 0;
    }
  j->p = p;
}

/* Called between every two tokens, where there is mostly no whitespace or
 * one space (", " and ": " in JSON Lines): those need no loop. */
static inline void
skip_ws (Json *j)
{
  const guchar *p = j->p;

  if (p < j->end && *p == ' ')
    p++;
  if (p < j->end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    skip_ws_from (j, p);
  else
    j->p = p;
}

static gboolean
is_word_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* A character that cannot start a value, or any byte we cannot accept. */
static gboolean
fail_unexpected (Json *j, const guchar *p, const char *expected)
{
  if (p >= j->end)
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "unexpected end of input; expected %s",
                    expected);
  guchar c = *p;
  if (c == '/')
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "comments are not allowed in JSON");
  if (c == '\'')
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p,
                    "single quotes are not allowed; use double quotes");
  if (c >= 0x20 && c < 0x7F)
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "unexpected character '%c'; expected %s",
                    c, expected);
  gunichar cp;
  guint n = utf8_decode (p, j->end, &cp);
  if (n == 0)
    return fail_at (j, ENFORCE_ERROR_ENCODING, p, "invalid UTF-8 byte \\x%02X", (guint) c);
  if (cp == 0)
    return fail_at (j, ENFORCE_ERROR_ENCODING, p, "NUL character (U+0000) is not allowed");
  return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "unexpected character U+%04X; expected %s",
                  (guint) cp, expected);
}

static gboolean
fail_word (Json *j, const guchar *start)
{
  const guchar *p = start;
  while (p < j->end && is_word_char (*p))
    p++;
  gsize len = (gsize) (p - start);
  if ((len == 3 && memcmp (start, "NaN", 3) == 0)
      || (len == 8 && memcmp (start, "Infinity", 8) == 0))
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, start, "%.*s is not a JSON number",
                    (int) len, (const char *) start);
  g_autofree char *shown = escape_for_message ((const char *) start, len, 32);
  return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, start,
                  "bare word \"%s\" is not allowed; strings need double quotes", shown);
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const guchar *p, const guchar *end, gunichar *out)
{
  if (end - p < 4)
    return FALSE;
  gunichar v = 0;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (p[i]);
      if (h < 0)
        return FALSE;
      v = (v << 4) | (gunichar) h;
    }
  *out = v;
  return TRUE;
}

/* Reads the escape at @p (a backslash).  Returns the bytes consumed, or 0
 * after reporting; *@cp gets the character. */
static gsize
read_escape (Json *j, const guchar *p, gunichar *cp)
{
  if (p + 1 >= j->end)
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "unterminated string");
  gsize used = 2;
  switch (p[1])
    {
    case '"': *cp = '"'; break;
    case '\\': *cp = '\\'; break;
    case '/': *cp = '/'; break;
    case 'b': *cp = 0x08; break;
    case 'f': *cp = 0x0C; break;
    case 'n': *cp = '\n'; break;
    case 'r': *cp = '\r'; break;
    case 't': *cp = '\t'; break;
    case 'u':
      if (!read_hex4 (p + 2, j->end, cp))
        return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "\\u must be followed by four hex digits");
      used = 6;
      if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "lone surrogate \\u%04X in a string",
                        (guint) *cp);
      if (*cp >= 0xD800 && *cp <= 0xDBFF)
        {
          gunichar low;
          if (j->end - p < 12 || p[6] != '\\' || p[7] != 'u' || !read_hex4 (p + 8, j->end, &low)
              || low < 0xDC00 || low > 0xDFFF)
            return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "lone surrogate \\u%04X in a string",
                            (guint) *cp);
          *cp = 0x10000 + ((*cp - 0xD800) << 10) + (low - 0xDC00);
          used = 12;
        }
      break;
    default:
      if (p[1] >= 0x20 && p[1] < 0x7F)
        return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "invalid escape \\%c in a string", p[1]);
      return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "invalid escape in a string");
    }
  if (char_refused (*cp))
    {
      reader_char_error (j->doc, j->error, *cp, j->line, 1 + count_chars (j->line_start, p),
                         "in a string");
      return 0;
    }
  return used;
}

static gsize
utf8_len (gunichar c)
{
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* Bytes a string copies as they are: printable ASCII but '"' and '\\'. */
static const guchar plain_byte[256] = {
  [0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         /* 0x22 '"' */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,                   /* 0x5C '\\' */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,                   /* 0x7F DEL */
};

/* A string at j->p (the opening quote), as a key or a value. */
static gboolean
read_string (Json *j, guint32 line, guint32 col)
{
  const guchar *start = j->p + 1, *p = start, *end = j->end;
  gsize shrink = 0;
  gboolean escaped = FALSE;
  for (;;)
    {
      /* Four bytes at a time while four remain: most of a case is plain
       * ASCII inside strings. */
      while (end - p >= 4 && plain_byte[p[0]] && plain_byte[p[1]] && plain_byte[p[2]]
             && plain_byte[p[3]])
        p += 4;
      while (p < end && plain_byte[*p])
        p++;
      if (p >= end)
        {
          reader_error (j->doc, j->error, ENFORCE_ERROR_JSON_SYNTAX, line, col,
                        "unterminated string");
          return FALSE;
        }
      guchar c = *p;
      if (c == '"')
        break;
      if (c == '\\')
        {
          gunichar cp;
          gsize used = read_escape (j, p, &cp);
          if (used == 0)
            return FALSE;
          shrink += used - utf8_len (cp);
          escaped = TRUE;
          p += used;
          continue;
        }
      if (c < 0x20 && c != 0)
        return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p,
                        "control character U+%04X must be escaped in a string", (guint) c);
      gunichar cp;
      guint n = utf8_decode (p, end, &cp);
      if (n == 0)
        return fail_at (j, ENFORCE_ERROR_ENCODING, p, "invalid UTF-8 byte \\x%02X", (guint) c);
      if (char_refused (cp))
        {
          reader_char_error (j->doc, j->error, cp, j->line, 1 + count_chars (j->line_start, p),
                             "in a string");
          return FALSE;
        }
      p += n;
      j->line_cont += n - 1;
    }

  gsize len = (gsize) (p - start) - shrink;
  if (!builder_check_len (&j->b, len, line, col))
    return FALSE;

  char *text = arena_alloc_bytes (j->doc->arena, len + 1);
  if (!escaped)
    memcpy (text, start, len);
  else
    {
      char *out = text;
      for (const guchar *q = start; q < p;)
        {
          if (*q != '\\')
            {
              *out++ = (char) *q++;
              continue;
            }
          gunichar cp = 0;
          q += read_escape (j, q, &cp);     /* validated above: cannot fail */
          out += g_unichar_to_utf8 (cp, out);
        }
    }
  text[len] = '\0';
  builder_scalar (&j->b, SCALAR_QUOTED, text, len, line, col);
  j->p = p + 1;
  return TRUE;
}

static gboolean
is_digit (const guchar *p, const guchar *end)
{
  return p < end && *p >= '0' && *p <= '9';
}

static gboolean
read_number (Json *j, guint32 line, guint32 col)
{
  const guchar *start = j->p, *p = start, *end = j->end;
  if (*p == '-')
    p++;
  if (p < end && *p == 'I')
    return fail_word (j, p);
  if (!is_digit (p, end))
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "expected a digit after '-'");
  if (*p == '0' && is_digit (p + 1, end))
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, start, "leading zeros are not allowed in numbers");
  while (is_digit (p, end))
    p++;
  if (p < end && *p == '.')
    {
      p++;
      if (!is_digit (p, end))
        return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "expected a digit after the decimal point");
      while (is_digit (p, end))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (!is_digit (p, end))
        return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "expected a digit in the exponent");
      while (is_digit (p, end))
        p++;
    }
  if (p < end && is_word_char (*p))
    return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p, "unexpected character '%c' in a number", *p);

  gsize len = (gsize) (p - start);
  if (!builder_check_len (&j->b, len, line, col))
    return FALSE;
  builder_scalar (&j->b, SCALAR_PLAIN, arena_strndup (j->doc->arena, (const char *) start, len),
                  len, line, col);
  j->p = p;
  return TRUE;
}

/* true, false, null (the caller saw 't', 'f' or 'n'): kept as static
 * text, they need no arena.  The first byte names the only word it can be. */
static gboolean
read_literal (Json *j, guint32 line, guint32 col)
{
  const char *word = *j->p == 't' ? "true" : *j->p == 'f' ? "false" : "null";
  gsize len = *j->p == 'f' ? 5 : 4;
  gsize avail = (gsize) (j->end - j->p);

  if (avail >= len && memcmp (j->p, word, len) == 0
      && (avail == len || !is_word_char (j->p[len])))
    {
      builder_scalar (&j->b, SCALAR_PLAIN, word, len, line, col);
      j->p += len;
      return TRUE;
    }
  return fail_word (j, j->p);
}

static gboolean
read_value (Json *j, State *state, gboolean after_comma)
{
  const guchar *p = j->p;
  if (p >= j->end)
    return fail_unexpected (j, p, "a value");
  guchar c = *p;
  NodeKind kind = c == '{' ? NODE_MAPPING : c == '[' ? NODE_SEQUENCE : NODE_SCALAR;
  gboolean starts_value = kind != NODE_SCALAR || c == '"' || c == '-' || (c >= '0' && c <= '9')
                          || c == 't' || c == 'f' || c == 'n';
  if (!starts_value)
    {
      if ((c == ']' || c == '}') && after_comma)
        return fail_trailing_comma (j);
      if (g_ascii_isalpha (c) || c == '_')
        return fail_word (j, p);
      return fail_unexpected (j, p, "a value");
    }

  guint32 line = j->line, col = col_of (j, p);
  if (!builder_check (&j->b, kind, line, col))
    return FALSE;
  *state = AFTER_VALUE;
  switch (c)
    {
    case '{':
    case '[':
      builder_start (&j->b, kind, line, col);
      j->p++;
      skip_ws (j);
      if (j->p < j->end && *j->p == (c == '{' ? '}' : ']'))
        {
          j->p++;
          return builder_end (&j->b);
        }
      *state = c == '{' ? WANT_KEY : WANT_VALUE;
      return TRUE;
    case '"':
      return read_string (j, line, col);
    case 't':
    case 'f':
    case 'n':
      return read_literal (j, line, col);
    default:
      return read_number (j, line, col);
    }
}

static gboolean
read_key (Json *j, gboolean after_comma)
{
  const guchar *p = j->p;
  if (p >= j->end || *p != '"')
    {
      if (p < j->end && *p == '}' && after_comma)
        return fail_trailing_comma (j);
      if (p < j->end && (g_ascii_isalpha (*p) || *p == '_'))
        return fail_at (j, ENFORCE_ERROR_JSON_SYNTAX, p,
                        "object member names must be double-quoted strings");
      return fail_unexpected (j, p, "a member name in double quotes");
    }
  guint32 line = j->line, col = col_of (j, p);
  if (!builder_check (&j->b, NODE_SCALAR, line, col) || !read_string (j, line, col))
    return FALSE;
  skip_ws (j);
  if (j->p >= j->end || *j->p != ':')
    return fail_unexpected (j, j->p, "':' after a member name");
  j->p++;
  skip_ws (j);
  return TRUE;
}

/* After a value: ',' or the end of the innermost collection. */
static gboolean
read_after_value (Json *j, State *state)
{
  skip_ws (j);
  if (j->b.n_frames == 0)
    {
      if (j->p < j->end)
        return fail_unexpected (j, j->p, "nothing after the document's root object");
      *state = FINISHED;
      return TRUE;
    }
  gboolean object = j->b.frames[j->b.n_frames - 1].node->kind == NODE_MAPPING;
  guchar close = object ? '}' : ']';
  if (j->p < j->end && *j->p == ',')
    {
      j->comma = j->p;
      j->comma_line = j->line;
      j->comma_line_start = j->line_start;
      j->p++;
      skip_ws (j);
      *state = object ? WANT_KEY : WANT_VALUE;
      return TRUE;
    }
  if (j->p < j->end && *j->p == close)
    {
      j->p++;
      return builder_end (&j->b);
    }
  return fail_unexpected (j, j->p, object ? "',' or '}'" : "',' or ']'");
}

static gboolean
parse (Json *j)
{
  const guchar *p = j->p;
  if (j->end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    return fail_at (j, ENFORCE_ERROR_ENCODING, p, "byte order mark (BOM) is not allowed");
  if (j->end - p >= 2 && ((p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0xFF && p[1] == 0xFE)))
    return fail_at (j, ENFORCE_ERROR_ENCODING, p, "UTF-16 input is not supported; use UTF-8");
  if (j->end - p >= 2 && (p[0] == 0 || p[1] == 0))
    return fail_at (j, ENFORCE_ERROR_ENCODING, p,
                    "NUL byte at the start of the input (UTF-16?); use UTF-8");

  skip_ws (j);
  if (j->p >= j->end)
    return fail_at (j, ENFORCE_ERROR_ROOT_NOT_MAPPING, j->p,
                    "the document is empty; expected an object");

  State state = WANT_VALUE;
  gboolean after_comma = FALSE;
  while (state != FINISHED)
    {
      State prev = state;
      gboolean ok;
      switch (state)
        {
        case WANT_VALUE:
          ok = read_value (j, &state, after_comma);
          break;
        case WANT_KEY:
          ok = read_key (j, after_comma);
          state = WANT_VALUE;
          break;
        case AFTER_VALUE:
        case FINISHED:
        default:
          ok = read_after_value (j, &state);
          break;
        }
      if (!ok)
        return FALSE;
      /* A comma was just read if we moved from AFTER_VALUE to a wanting state. */
      after_comma = prev == AFTER_VALUE && state != FINISHED && state != AFTER_VALUE;
    }
  return TRUE;
}

Doc *
doc_parse_json (const char *data, gsize len, const char *file,
                const EnforceLimits *limits, GError **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  limits = limits_or_default (limits, ENFORCE_LIMITS_CASES);
  gint64 max = enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES);
  if ((guint64) len > (guint64) max)
    {
      Loc loc = { file != NULL ? file : "<input>", 0, 0 };
      set_error_at (error, ENFORCE_ERROR_LIMIT_BYTES, loc,
                    "input of %" G_GSIZE_FORMAT " bytes exceeds the limit %s=%" G_GINT64_FORMAT,
                    len, enforce_limit_name (ENFORCE_LIMIT_INPUT_BYTES), max);
      return NULL;
    }

  const guchar *bytes = (const guchar *) (data != NULL ? data : "");
  Json j = {
    .p = bytes,
    .end = bytes + len,
    .line = 1,
    .line_start = bytes,
    .error = error,
  };
  j.doc = doc_new (file, len, MIN (len * 4, (gsize) 64 * 1024) + 512);
  builder_init (&j.b, j.doc, limits, error);
  gboolean ok = parse (&j);
  builder_clear (&j.b);
  if (!ok)
    {
      doc_free (j.doc);
      return NULL;
    }
  return j.doc;
}
