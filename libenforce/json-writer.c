/* json-writer.c: streaming JSON output (json-writer.h). */
#include "json-writer.h"

#include <string.h>

void
json_writer_init (JsonWriter *w, GString *out)
{
  memset (w, 0, sizeof *w);
  w->out = out;
}

/* Writes the comma that separates this value from the previous one, unless
 * the value follows its key. */
static void
before_value (JsonWriter *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->has_items[w->depth])
    g_string_append_c (w->out, ',');
  w->has_items[w->depth] = 1;
}

static void
open_container (JsonWriter *w, char c)
{
  before_value (w);
  g_string_append_c (w->out, c);
  g_return_if_fail (w->depth < JSON_WRITER_MAX_DEPTH);
  w->depth++;
  w->has_items[w->depth] = 0;
}

static void
close_container (JsonWriter *w, char c)
{
  g_return_if_fail (w->depth > 0);
  w->depth--;
  g_string_append_c (w->out, c);
}

void
json_writer_begin_object (JsonWriter *w)
{
  open_container (w, '{');
}

void
json_writer_end_object (JsonWriter *w)
{
  close_container (w, '}');
}

void
json_writer_begin_array (JsonWriter *w)
{
  open_container (w, '[');
}

void
json_writer_end_array (JsonWriter *w)
{
  close_container (w, ']');
}

void
json_writer_key (JsonWriter *w, const char *key)
{
  before_value (w);
  json_append_escaped (w->out, key, strlen (key));
  g_string_append_c (w->out, ':');
  w->after_key = TRUE;
}

/* Length of the valid UTF-8 sequence at @s (at most @len bytes), or 0. */
static gsize
utf8_sequence_length (const guchar *s, gsize len)
{
  gsize n;
  gunichar c;

  if (s[0] < 0xc2)
    return 0;                   /* continuation byte or overlong lead */
  n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : s[0] < 0xf5 ? 4 : 0;
  if (n == 0 || n > len)
    return 0;
  c = s[0] & (0x7f >> n);
  for (gsize i = 1; i < n; i++)
    {
      if ((s[i] & 0xc0) != 0x80)
        return 0;
      c = (c << 6) | (s[i] & 0x3f);
    }
  /* Overlong three- and four-byte forms, surrogates and values past
   * U+10FFFF are not valid UTF-8. */
  if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10ffff
      || (c >= 0xd800 && c <= 0xdfff))
    return 0;
  return n;
}

void
json_append_escaped (GString *out, const char *str, gsize len)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *s = (const guchar *) str;
  gsize i = 0;

  g_string_append_c (out, '"');
  while (i < len)
    {
      gsize run = i;

      /* Copy plain ASCII in one go: the common case. */
      while (run < len && s[run] >= 0x20 && s[run] < 0x7f && s[run] != '"' && s[run] != '\\')
        run++;
      if (run > i)
        {
          g_string_append_len (out, (const char *) s + i, (gssize) (run - i));
          i = run;
          continue;
        }
      switch (s[i])
        {
        case '"': g_string_append (out, "\\\""); i++; continue;
        case '\\': g_string_append (out, "\\\\"); i++; continue;
        case '\n': g_string_append (out, "\\n"); i++; continue;
        case '\r': g_string_append (out, "\\r"); i++; continue;
        case '\t': g_string_append (out, "\\t"); i++; continue;
        case '\b': g_string_append (out, "\\b"); i++; continue;
        case '\f': g_string_append (out, "\\f"); i++; continue;
        default: break;
        }
      if (s[i] < 0x20 || s[i] == 0x7f)
        {
          char esc[7] = { '\\', 'u', '0', '0', hex[s[i] >> 4], hex[s[i] & 0xf], 0 };
          g_string_append (out, esc);
          i++;
          continue;
        }
      {
        gsize n = utf8_sequence_length (s + i, len - i);

        if (n == 0)
          {
            g_string_append (out, "\xef\xbf\xbd");   /* U+FFFD for a byte that is not UTF-8 */
            i++;
          }
        else
          {
            g_string_append_len (out, (const char *) s + i, (gssize) n);
            i += n;
          }
      }
    }
  g_string_append_c (out, '"');
}

void
json_writer_string_len (JsonWriter *w, const char *s, gsize len)
{
  if (s == NULL)
    {
      json_writer_null (w);
      return;
    }
  before_value (w);
  json_append_escaped (w->out, s, len);
}

void
json_writer_string (JsonWriter *w, const char *s)
{
  json_writer_string_len (w, s, s ? strlen (s) : 0);
}

void
json_writer_int (JsonWriter *w, gint64 v)
{
  before_value (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, v);
}

void
json_writer_bool (JsonWriter *w, gboolean v)
{
  before_value (w);
  g_string_append (w->out, v ? "true" : "false");
}

void
json_writer_null (JsonWriter *w)
{
  before_value (w);
  g_string_append (w->out, "null");
}

void
json_writer_raw (JsonWriter *w, const char *json)
{
  if (json == NULL)
    {
      json_writer_null (w);
      return;
    }
  before_value (w);
  g_string_append (w->out, json);
}

void
json_writer_member_string (JsonWriter *w, const char *key, const char *s)
{
  json_writer_key (w, key);
  json_writer_string (w, s);
}

void
json_writer_member_int (JsonWriter *w, const char *key, gint64 v)
{
  json_writer_key (w, key);
  json_writer_int (w, v);
}

void
json_writer_member_bool (JsonWriter *w, const char *key, gboolean v)
{
  json_writer_key (w, key);
  json_writer_bool (w, v);
}

void
json_writer_member_null (JsonWriter *w, const char *key)
{
  json_writer_key (w, key);
  json_writer_null (w);
}
