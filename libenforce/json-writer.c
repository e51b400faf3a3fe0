/* json-writer.c: streaming JSON output (json-writer.h). */
#include "json-writer.h"

#include <string.h>

static inline void
put_c (GString *out, char c)
{
  char *dst = json_out_reserve (out, 1);

  *dst = c;
  json_out_commit (out, dst + 1);
}

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
    put_c (w->out, ',');
  w->has_items[w->depth] = 1;
}

static void
open_container (JsonWriter *w, char c)
{
  before_value (w);
  put_c (w->out, c);
  g_return_if_fail (w->depth < JSON_WRITER_MAX_DEPTH);
  w->depth++;
  w->has_items[w->depth] = 0;
}

static void
close_container (JsonWriter *w, char c)
{
  g_return_if_fail (w->depth > 0);
  w->depth--;
  put_c (w->out, c);
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

/* For each byte as the first of a sequence: 1 for ASCII that is copied as
 * is, 2..4 for the lead byte of a UTF-8 sequence of that length (whose
 * other bytes are checked by utf8_sequence_length()), 0 for a byte that is
 * escaped ('"', '\\', control characters, DEL) or can start no valid
 * sequence (continuation bytes, C0, C1, F5..FF).  One look-up per byte
 * keeps the scan of ordinary text short. */
static const guint8 sequence_length[256] = {
  /* 00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* 10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* 20 */ 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  /* 30 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  /* 40 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  /* 50 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  /* 60 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  /* 70 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
  /* 80 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* 90 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* a0 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* b0 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* c0 */ 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  /* d0 */ 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  /* e0 */ 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  /* f0 */ 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Length of the well-formed UTF-8 sequence at @s (at most @len bytes), or
 * 0.  Every byte after the lead is 10xxxxxx; Unicode's table 3-7 narrows
 * the second byte after four leads, which excludes overlong forms (E0, F0),
 * UTF-16 surrogates (ED) and values past U+10FFFF (F4). */
static inline gsize
utf8_sequence_length (const guchar *s, gsize len)
{
  gsize n = sequence_length[s[0]];

  if (n < 2 || n > len || (s[1] & 0xc0) != 0x80
      || (n >= 3 && (s[2] & 0xc0) != 0x80) || (n == 4 && (s[3] & 0xc0) != 0x80))
    return 0;
  switch (s[0])
    {
    case 0xe0: return s[1] >= 0xa0 ? n : 0;
    case 0xed: return s[1] <= 0x9f ? n : 0;
    case 0xf0: return s[1] >= 0x90 ? n : 0;
    case 0xf4: return s[1] <= 0x8f ? n : 0;
    default: return n;
    }
}

/* Whether none of the eight bytes in @x needs a look: all are printable
 * ASCII other than '"' and '\\'.  Word-at-a-time ("SWAR") tests, each exact
 * as a yes/no answer: a byte below 0x20, a byte equal to '"' or '\\' (a
 * zero after XOR), a byte above 0x7e (DEL and every non-ASCII byte).  About
 * 2.5 instructions per byte against 6 for the table per byte, and the
 * recommendation JSON is mostly such text. */
static inline gboolean
word_is_plain_ascii (guint64 x)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = x ^ (ones * '"');
  guint64 backslash = x ^ (ones * '\\');
  guint64 below_space = (x - ones * 0x20) & ~x;
  guint64 is_quote = (quote - ones) & ~quote;
  guint64 is_backslash = (backslash - ones) & ~backslash;
  guint64 above_tilde = (x + ones * (0x7f - 0x7e)) | x;

  return ((below_space | is_quote | is_backslash | above_tilde) & highs) == 0;
}

static inline guint64
load_word (const guchar *s)
{
  guint64 word;

  memcpy (&word, s, sizeof word);      /* unaligned, in any byte order: every byte is tested alike */
  return word;
}

/* Whether @s starts a three-byte UTF-8 sequence whose lead byte puts no
 * limit on the second byte (E1..EC, EE, EF): the whole of CJK and the
 * Chinese punctuation the messages are written in.  Both other bytes only
 * need to be 10xxxxxx, tested together; E0 and ED, with narrower second
 * bytes, go through utf8_sequence_length(). */
static inline gboolean
is_plain_three_byte (const guchar *s)
{
  return s[0] >= 0xe1 && s[0] <= 0xef && s[0] != 0xed
         && (((guint) s[1] << 8 | s[2]) & 0xc0c0) == 0x8080;
}

/* Length of the longest prefix of @s (@len bytes) that JSON takes as it
 * is: printable ASCII but '"' and '\\', and well-formed UTF-8.  Text is
 * mostly that, so it is copied in one piece.  The scan validates every
 * byte (strings may come from callers of the public API, and the contract
 * is U+FFFD for a byte that is not UTF-8) but takes the two common kinds
 * of run fast: plain ASCII eight bytes at a time, and Chinese one
 * three-byte character per test; anything else goes byte by byte. */
static gsize
plain_prefix (const guchar *s, gsize len)
{
  gsize i = 0;

  for (;;)
    {
      while (i + 8 <= len && word_is_plain_ascii (load_word (s + i)))
        i += 8;
      /* Fewer than eight bytes left: one test of the last eight, which
       * overlap bytes already passed, instead of a byte at a time (most
       * strings are short: a date, an amount, a name). */
      if (i + 8 > len && len >= 8 && word_is_plain_ascii (load_word (s + len - 8)))
        return len;
      while (i < len && sequence_length[s[i]] == 1)
        i++;
      if (i == len)
        return len;

      gsize start = i;
      while (i + 3 <= len && is_plain_three_byte (s + i))
        i += 3;
      if (i != start)
        continue;                       /* back to ASCII, e.g. "第32条" */

      gsize n = utf8_sequence_length (s + i, len - i);
      if (n == 0)
        return i;
      i += n;
    }
}

/* The escape for a byte that sequence_length[] does not let through. */
static void
put_escape (GString *out, guchar c)
{
  static const char hex[] = "0123456789abcdef";

  switch (c)
    {
    case '"': json_out_put (out, "\\\"", 2); return;
    case '\\': json_out_put (out, "\\\\", 2); return;
    case '\n': json_out_put (out, "\\n", 2); return;
    case '\r': json_out_put (out, "\\r", 2); return;
    case '\t': json_out_put (out, "\\t", 2); return;
    case '\b': json_out_put (out, "\\b", 2); return;
    case '\f': json_out_put (out, "\\f", 2); return;
    default: break;
    }
  if (c < 0x20 || c == 0x7f)
    {
      char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };
      json_out_put (out, esc, sizeof esc);
    }
  else
    json_out_put (out, "\xef\xbf\xbd", 3);        /* U+FFFD for a byte that is not UTF-8 */
}

/* Appends @str as a JSON string literal, then @suffix (NUL: nothing). */
static void
append_string (GString *out, const char *str, gsize len, char suffix)
{
  const guchar *s = (const guchar *) str;
  gsize plain = plain_prefix (s, len);

  /* The usual case, a string that needs no escape: one copy with its
   * quotes (and the ':' after a key). */
  if (plain == len)
    {
      char *dst = json_out_reserve (out, len + 3);

      *dst++ = '"';
      memcpy (dst, str, len);
      dst += len;
      *dst++ = '"';
      if (suffix != '\0')
        *dst++ = suffix;
      json_out_commit (out, dst);
      return;
    }

  put_c (out, '"');
  for (gsize i = 0;;)
    {
      json_out_put (out, str + i, plain);
      i += plain;
      if (i == len)
        break;
      put_escape (out, s[i++]);
      plain = plain_prefix (s + i, len - i);
    }
  put_c (out, '"');
  if (suffix != '\0')
    put_c (out, suffix);
}

void
json_append_escaped (GString *out, const char *str, gsize len)
{
  append_string (out, str, len, '\0');
}

gboolean
json_is_plain (const char *s, gsize len)
{
  return plain_prefix ((const guchar *) s, len) == len;
}

gint32
json_plain_len (const char *s)
{
  gsize len;

  if (s == NULL)
    return -1;
  len = strlen (s);
  return len <= G_MAXINT32 && json_is_plain (s, len) ? (gint32) len : -1;
}

void
json_writer_key (JsonWriter *w, const char *key)
{
  before_value (w);
  append_string (w->out, key, strlen (key), ':');
  w->after_key = TRUE;
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

/* "00" to "99": two digits per division (the recommendation JSON holds
 * dozens of integers, and printf costs more than the rest of a member). */
static const char digit_pairs[] =
  "00010203040506070809" "10111213141516171819" "20212223242526272829"
  "30313233343536373839" "40414243444546474849" "50515253545556575859"
  "60616263646566676869" "70717273747576777879" "80818283848586878889"
  "90919293949596979899";

char *
json_out_uint (char *dst, guint64 v)
{
  /* powers[k] = 10^k (for k >= 2: v >= 100 below). */
  static const guint64 powers[20] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
    G_GUINT64_CONSTANT (10000000000), G_GUINT64_CONSTANT (100000000000),
    G_GUINT64_CONSTANT (1000000000000), G_GUINT64_CONSTANT (10000000000000),
    G_GUINT64_CONSTANT (100000000000000), G_GUINT64_CONSTANT (1000000000000000),
    G_GUINT64_CONSTANT (10000000000000000), G_GUINT64_CONSTANT (100000000000000000),
    G_GUINT64_CONSTANT (1000000000000000000), G_GUINT64_CONSTANT (10000000000000000000),
  };
  guint bits, k, n;
  char *p;
  guint32 low;

  /* Counts, ages, years and percentages: one or two digits, without the
   * count and the loops below. */
  if (v < 100)
    {
      if (v < 10)
        {
          *dst = (char) ('0' + v);
          return dst + 1;
        }
      memcpy (dst, digit_pairs + 2 * v, 2);
      return dst + 2;
    }
  /* The digit count from the bit length: with 2^(bits-1) <= v < 2^bits,
   * v has k = floor (bits * log10 2) digits or k + 1, the more exactly
   * when v >= 10^k; 1233 / 4096 gives that floor for every bits <= 64. */
  bits = 64 - (guint) __builtin_clzll (v);
  k = bits * 1233 >> 12;
  n = k + (v >= powers[k]);
  p = dst + n;

  /* Pairs of digits, in 32-bit arithmetic once the value fits. */
  while (v > G_MAXUINT32)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * (v % 100), 2);
      v /= 100;
    }
  low = (guint32) v;
  while (low >= 100)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * (low % 100), 2);
      low /= 100;
    }
  if (low >= 10)
    memcpy (p - 2, digit_pairs + 2 * low, 2);
  else
    p[-1] = (char) ('0' + low);
  return dst + n;
}

char *
json_out_int (char *dst, gint64 v)
{
  if (v >= 0)
    return json_out_uint (dst, (guint64) v);
  *dst = '-';
  return json_out_uint (dst + 1, 0 - (guint64) v);     /* well defined for G_MININT64 */
}

void
json_writer_int (JsonWriter *w, gint64 v)
{
  char *dst;

  before_value (w);
  dst = json_out_reserve (w->out, JSON_INT_MAX_LEN);
  json_out_commit (w->out, json_out_int (dst, v));
}

void
json_writer_bool (JsonWriter *w, gboolean v)
{
  before_value (w);
  if (v)
    json_out_put (w->out, "true", 4);
  else
    json_out_put (w->out, "false", 5);
}

void
json_writer_null (JsonWriter *w)
{
  before_value (w);
  json_out_put (w->out, "null", 4);
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
  json_out_put (w->out, json, strlen (json));
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
