/* json-writer.h: a small streaming JSON writer over a GString.
 *
 * Used for every JSON the library prints (recommendations, batch lines,
 * trace inputs), so all of it escapes the same way: '"', '\\' and control
 * characters are escaped, valid UTF-8 passes through unchanged, and an
 * invalid byte becomes U+FFFD so the output is always valid JSON.  The
 * writer inserts the commas; the caller only says what comes next.  Output
 * is compact (no spaces), one value per writer.
 *
 * Nesting is bounded by JSON_WRITER_MAX_DEPTH: every caller writes a fixed
 * shape, never one that follows input depth.
 */
#pragma once

#include <string.h>
#include <glib.h>

#define JSON_WRITER_MAX_DEPTH 32

typedef struct {
  GString *out;                /* borrowed; appended to */
  guint depth;
  gboolean after_key;          /* a key was written; the value comes next */
  guint8 has_items[JSON_WRITER_MAX_DEPTH + 1];   /* container at that depth is non-empty */
} JsonWriter;

void json_writer_init (JsonWriter *w, GString *out);

void json_writer_begin_object (JsonWriter *w);
void json_writer_end_object (JsonWriter *w);
void json_writer_begin_array (JsonWriter *w);
void json_writer_end_array (JsonWriter *w);
/* An object member's name; the next call writes its value. */
void json_writer_key (JsonWriter *w, const char *key);

/* Values.  A NULL string writes null. */
void json_writer_string (JsonWriter *w, const char *s);
void json_writer_string_len (JsonWriter *w, const char *s, gsize len);
void json_writer_int (JsonWriter *w, gint64 v);
void json_writer_bool (JsonWriter *w, gboolean v);
void json_writer_null (JsonWriter *w);
/* A value that is already JSON text (written by this writer earlier); NULL
 * writes null. */
void json_writer_raw (JsonWriter *w, const char *json);

/* Shorthands for a member: key then value. */
void json_writer_member_string (JsonWriter *w, const char *key, const char *s);
void json_writer_member_int (JsonWriter *w, const char *key, gint64 v);
void json_writer_member_bool (JsonWriter *w, const char *key, gboolean v);
void json_writer_member_null (JsonWriter *w, const char *key);

/* Appends @s (@len bytes) to @out as a JSON string literal, quotes included. */
void json_append_escaped (GString *out, const char *s, gsize len);

/* Whether @s (@len bytes) goes into a JSON string literal unchanged:
 * well-formed UTF-8 with no '"', '\\', control character or DEL, so that
 * json_append_escaped() would only add the quotes. */
gboolean json_is_plain (const char *s, gsize len);
/* strlen (@s) when json_is_plain() holds for it, else -1, as for NULL or
 * a string longer than G_MAXINT32 bytes (a PlainLen, model.h). */
gint32 json_plain_len (const char *s);

/* Appending to a GString a few bytes at a time, as JSON is written.  GLib
 * 2.74's appends are out-of-line calls that re-check their arguments every
 * time (2.76 inlines them), so the writers copy into the string's spare
 * room themselves and call GLib only when it has to grow.  The usual form
 * reserves room for a whole piece, stores through the pointer and commits
 * the end: one check for the piece instead of one per part. */

/* @out, a GString the caller keeps (in its frame), made empty with room
 * for @size bytes (> 0): only its text is allocated, to be g_free()d or
 * handed on, which saves allocating and freeing the GString itself. */
static inline void
json_out_init (GString *out, gsize size)
{
  out->str = g_malloc (size);
  out->allocated_len = size;
  out->len = 0;
  out->str[0] = '\0';
}

/* Room for @n more bytes and a NUL after them; returns where they go.
 * Nothing is appended until json_out_commit(). */
static inline char *
json_out_reserve (GString *out, gsize n)
{
  if (G_UNLIKELY (out->allocated_len - out->len <= n))
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);      /* only to grow the allocation */
      out->len = len;                        /* str[len] is still the NUL */
    }
  return out->str + out->len;
}

/* Makes the bytes written from json_out_reserve() up to @end part of
 * @out (within the room reserved). */
static inline void
json_out_commit (GString *out, char *end)
{
  out->len = (gsize) (end - out->str);
  *end = '\0';
}

/* Copies @n bytes from @s to @dst (not overlapping) and returns the end.
 * The pieces JSON is made of are mostly short (a step code, a date, a
 * name, a message's literal run), and a call to memcpy() costs more than
 * a short copy itself: up to 32 bytes are moved inline, as two
 * overlapping loads and stores of the widest size that fits (every byte
 * of [0, n) is written, none past it, none read past @s + @n), and only
 * a longer piece calls memcpy(). */
static inline char *
json_copy (char *dst, const char *s, gsize n)
{
  if (n >= 8)
    {
      if (n > 32)
        memcpy (dst, s, n);
      else if (n > 16)
        {
          guint64 a[2], b[2];

          memcpy (a, s, 16);
          memcpy (b, s + n - 16, 16);
          memcpy (dst, a, 16);
          memcpy (dst + n - 16, b, 16);
        }
      else
        {
          guint64 a, b;

          memcpy (&a, s, 8);
          memcpy (&b, s + n - 8, 8);
          memcpy (dst, &a, 8);
          memcpy (dst + n - 8, &b, 8);
        }
    }
  else if (n >= 4)
    {
      guint32 a, b;

      memcpy (&a, s, 4);
      memcpy (&b, s + n - 4, 4);
      memcpy (dst, &a, 4);
      memcpy (dst + n - 4, &b, 4);
    }
  else if (n > 0)
    {
      /* 1 to 3 bytes: the first, the middle and the last cover them. */
      dst[0] = s[0];
      dst[n / 2] = s[n / 2];
      dst[n - 1] = s[n - 1];
    }
  return dst + n;
}

/* Appends @n bytes. */
static inline void
json_out_put (GString *out, const char *s, gsize n)
{
  char *dst = json_out_reserve (out, n);

  memcpy (dst, s, n);
  json_out_commit (out, dst + n);
}

/* The most bytes json_out_int() writes: a sign and 19 digits. */
#define JSON_INT_MAX_LEN 20

/* Writes the decimal digits of @v, with a '-' when negative, at @dst
 * (room for JSON_INT_MAX_LEN bytes, no NUL written); returns the end.
 * The text printf's "%" G_GINT64_FORMAT gives. */
char *json_out_int (char *dst, gint64 v);
/* The same for an unsigned value (at most 20 digits). */
char *json_out_uint (char *dst, guint64 v);
