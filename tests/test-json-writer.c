/* test-json-writer.c: the streaming JSON writer (libenforce/json-writer.c).
 *
 * Exact output for every value kind and nesting, escaping of quotes,
 * backslashes and every control character, UTF-8 passed through unchanged,
 * invalid UTF-8 replaced so the output stays JSON, and a round trip through
 * the strict JSON reader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include "json-writer.h"
#include "node.h"

static char *
escaped (const char *s, gsize len)
{
  GString *out = g_string_new (NULL);

  json_append_escaped (out, s, len);
  return g_string_free (out, FALSE);
}

static void
test_json_writer__writes_nested_containers_with_commas (void **state)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonWriter w;

  (void) state;
  json_writer_init (&w, out);
  json_writer_begin_object (&w);
  json_writer_member_string (&w, "a", "x");
  json_writer_key (&w, "b");
  json_writer_begin_array (&w);
  json_writer_int (&w, 1);
  json_writer_int (&w, -2);
  json_writer_begin_object (&w);
  json_writer_end_object (&w);
  json_writer_begin_array (&w);
  json_writer_end_array (&w);
  json_writer_end_array (&w);
  json_writer_member_bool (&w, "c", TRUE);
  json_writer_member_bool (&w, "d", FALSE);
  json_writer_member_null (&w, "e");
  json_writer_member_int (&w, "f", G_MAXINT64);
  json_writer_key (&w, "g");
  json_writer_raw (&w, "{\"k\":[1]}");
  json_writer_member_string (&w, "h", NULL);
  json_writer_end_object (&w);
  assert_string_equal (out->str,
                       "{\"a\":\"x\",\"b\":[1,-2,{},[]],\"c\":true,\"d\":false,\"e\":null,"
                       "\"f\":9223372036854775807,\"g\":{\"k\":[1]},\"h\":null}");
}

static void
test_json_writer__writes_int64_minimum (void **state)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonWriter w;

  (void) state;
  json_writer_init (&w, out);
  json_writer_int (&w, G_MININT64);
  assert_string_equal (out->str, "-9223372036854775808");
}

static void
test_json_writer__escapes_quote_backslash_and_short_forms (void **state)
{
  static const char in[] = "a\"b\\c\nd\re\tf\bg\fh/";
  g_autofree char *s = escaped (in, sizeof in - 1);

  (void) state;
  assert_string_equal (s, "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh/\"");
}

static void
test_json_writer__escapes_every_other_control_character (void **state)
{
  (void) state;
  for (int c = 0; c < 0x20; c++)
    {
      char in[1] = { (char) c };
      g_autofree char *s = escaped (in, 1);

      if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f')
        continue;
      g_autofree char *want = g_strdup_printf ("\"\\u%04x\"", (unsigned) c);
      assert_string_equal (s, want);
    }
  {
    g_autofree char *del = escaped ("\x7f", 1);
    assert_string_equal (del, "\"\\u007f\"");
  }
}

static void
test_json_writer__passes_valid_utf8_through (void **state)
{
  const char *zh = "有碍城市容貌 — 𠀀 \u2028";
  g_autofree char *s = escaped (zh, strlen (zh));
  g_autofree char *want = g_strdup_printf ("\"%s\"", zh);

  (void) state;
  assert_string_equal (s, want);
}

static void
test_json_writer__replaces_invalid_utf8 (void **state)
{
  /* A lone continuation byte, an overlong '/', a truncated sequence, a
   * UTF-16 surrogate and a byte past U+10FFFF: each becomes U+FFFD. */
  static const char bad[] = "a\x80" "b\xc0\xaf" "c\xe6\x9c" "d\xed\xa0\x80" "e\xf5\x80\x80\x80";
  g_autofree char *s = escaped (bad, sizeof bad - 1);

  (void) state;
  assert_true (g_utf8_validate (s, -1, NULL));
  assert_non_null (strstr (s, "a\xef\xbf\xbd" "b"));
  assert_non_null (strstr (s, "b\xef\xbf\xbd\xef\xbf\xbd" "c"));
  assert_null (strstr (s, "\xc0"));
  assert_null (strstr (s, "\xed\xa0"));
  assert_null (strstr (s, "\xf5"));
}

static void
test_json_writer__keeps_embedded_nul_escaped (void **state)
{
  g_autofree char *s = escaped ("a\0b", 3);

  (void) state;
  assert_string_equal (s, "\"a\\u0000b\"");
}

/* A reference escaper, one character at a time, written from the rules in
 * json-writer.h rather than from the writer's code: GLib decides what is
 * well-formed UTF-8. */
static char *
escaped_reference (const char *s, gsize len)
{
  GString *out = g_string_new ("\"");

  for (gsize i = 0; i < len;)
    {
      guchar c = (guchar) s[i];
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f')
        g_string_append_printf (out, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't'
                                                 : c == '\b' ? 'b' : 'f');
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", (unsigned) c);
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (g_utf8_get_char_validated (s + i, (gssize) (len - i)) < 0x110000)
        {
          /* (Negative values, -1 and -2, are huge as gunichar.) */
          gsize n = (gsize) g_utf8_skip[c];
          g_string_append_len (out, s + i, (gssize) n);
          i += n;
          continue;
        }
      else
        g_string_append (out, "\xef\xbf\xbd");
      i++;
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* json_append_escaped() into a string with no spare room and into one with
 * plenty: the writer copies into spare room itself, and grows through GLib
 * otherwise. */
static void
assert_escapes_like_reference (const char *s, gsize len)
{
  g_autofree char *want = escaped_reference (s, len);
  g_autoptr(GString) tight = g_string_new (NULL);
  g_autoptr(GString) roomy = g_string_sized_new (4096);

  g_string_append (roomy, "x");
  json_append_escaped (tight, s, len);
  json_append_escaped (roomy, s, len);
  if (strcmp (tight->str, want) != 0 || strcmp (roomy->str + 1, want) != 0
      || tight->len != strlen (want) || roomy->len != strlen (want) + 1)
    {
      g_autofree char *hex = g_strdup ("");
      for (gsize i = 0; i < len; i++)
        {
          char *more = g_strdup_printf ("%s %02x", hex, (guchar) s[i]);
          g_free (hex);
          hex = more;
        }
      fail_msg ("input%s: got %s / %s, want %s", hex, tight->str, roomy->str + 1, want);
    }
}

static void
test_json_writer__escapes_every_two_byte_input_like_the_reference (void **state)
{
  (void) state;
  for (int a = 0; a < 256; a++)
    for (int b = 0; b < 256; b++)
      {
        char in[2] = { (char) a, (char) b };
        assert_escapes_like_reference (in, 1);
        assert_escapes_like_reference (in, 2);
      }
}

static void
test_json_writer__escapes_every_lead_and_second_byte_like_the_reference (void **state)
{
  /* Each lead byte with each second byte, then tails that are and are
   * not continuation bytes: covers the overlong, surrogate and
   * past-U+10FFFF edges of three- and four-byte sequences, and sequences
   * cut short by the end of the input. */
  static const guchar tails[][2] = {
    { 0x80, 0x80 }, { 0xbf, 0xbf }, { 0x80, 0x41 }, { 0x41, 0x80 }, { 0xc0, 0x80 },
  };
  (void) state;
  for (int a = 0x80; a < 256; a++)
    for (int b = 0; b < 256; b++)
      for (guint t = 0; t < G_N_ELEMENTS (tails); t++)
        {
          char in[5] = { (char) a, (char) b, (char) tails[t][0], (char) tails[t][1], 'z' };
          for (gsize len = 3; len <= 5; len++)
            assert_escapes_like_reference (in, len);
        }
}

static void
test_json_writer__escapes_at_every_offset_of_long_text (void **state)
{
  /* Plain ASCII is scanned eight bytes at a time, and the last few bytes
   * as the last eight: put an escape, a Chinese character and an invalid
   * byte at every offset of texts of every length up to 40, and once in a
   * text far larger than the string's first allocation. */
  static const char *const odd[] = { "\"", "\\", "\n", "\x01", "\x7f", "中", "\xff", "\xe4\xb8" };
  (void) state;
  for (gsize len = 0; len <= 40; len++)
    for (gsize at = 0; at <= len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (odd); k++)
        {
          g_autoptr(GString) in = g_string_new (NULL);
          for (gsize i = 0; i < len; i++)
            {
              if (i == at)
                g_string_append (in, odd[k]);
              g_string_append_c (in, (char) ('a' + i % 26));
            }
          assert_escapes_like_reference (in->str, in->len);
        }
  {
    g_autoptr(GString) big = g_string_new (NULL);
    for (int i = 0; i < 3000; i++)
      g_string_append (big, i % 7 == 0 ? "有碍城市容貌\"" : i % 5 == 0 ? "\t\xc0" : "abc ");
    assert_escapes_like_reference (big->str, big->len);
  }
}

static void
test_json_writer__escapes_at_every_byte_of_chinese_text (void **state)
{
  /* Chinese is scanned a character at a time by a fast path for three-byte
   * sequences: put each odd byte at every byte offset of Chinese text mixed
   * with some ASCII, inside characters too (which breaks them), and cut
   * the text at every length, which leaves sequences unfinished.  "\xe0\xa0\x80"
   * and "\xed\x9f\xbf" are valid but take the slow path; "\xe0\x80\x80" is
   * overlong and "\xed\xa0\x80" a surrogate. */
  static const char base[] = "违反城市管理规定\xe0\xa0\x80第32条，罚款\xed\x9f\xbf（元）\xef\xbc\x81";
  static const char *const odd[] = { "\"", "\\", "\n", "\x7f", "\x80", "\xbf", "\xe4", "\xed\xa0\x80",
                                     "\xe0\x80\x80", "\xf0\x9f\x98\x80", "a" };
  (void) state;
  for (gsize len = 0; len <= sizeof base - 1; len++)
    {
      assert_escapes_like_reference (base, len);
      for (gsize at = 0; at <= len; at++)
        for (guint k = 0; k < G_N_ELEMENTS (odd); k++)
          {
            g_autoptr(GString) in = g_string_new_len (base, (gssize) at);
            g_string_append (in, odd[k]);
            g_string_append_len (in, base + at, (gssize) (len - at));
            assert_escapes_like_reference (in->str, in->len);
          }
    }
}

static void
test_json_writer__is_plain_exactly_when_nothing_is_escaped (void **state)
{
  static const char *const texts[] = {
    "", "a", "abcdefg", "abcdefgh", "abcdefghi", "2024-07-01", "违反城市管理规定", "第32条",
    "Tier \"x\"", "abcdefg\"", "abcdefgh\\", "a\tb", "abcdefghijk\x7f", "中\xe4\xb8",
    "\xed\xa0\x80", "\xe0\xa0\x80", "\xf4\x90\x80\x80", "\xf4\x8f\xbf\xbf", "（元）\xc3\xa9",
  };
  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize len = strlen (texts[i]);
      g_autofree char *out = escaped (texts[i], len);
      gboolean unchanged = strlen (out) == len + 2 && memcmp (out + 1, texts[i], len) == 0;

      if (json_is_plain (texts[i], len) != unchanged)
        fail_msg ("json_is_plain (\"%s\") is %d, but the escaped form is %s",
                  texts[i], !unchanged, out);
      /* What the loader keeps of it (model.h PlainLen). */
      assert_int_equal (json_plain_len (texts[i]), unchanged ? (gint32) len : -1);
    }
  assert_int_equal (json_plain_len (NULL), -1);
}

/* Appends spaces until @out has @room bytes of room left (allocated_len
 * - 1, as one byte holds the NUL); returns the text so far. */
static char *
fill_until_room (GString *out, gsize room)
{
  while (out->len < out->allocated_len - 1 - room)
    g_string_append_c (out, ' ');
  return g_strdup (out->str);
}

/* Writes @want_tail (by @write) into a string left with exactly the room
 * it needs + @slack bytes, and checks the whole text. */
static void
assert_fits (int what, const char *want_tail, int slack)
{
  g_autoptr(GString) out = g_string_sized_new (100);
  JsonWriter w;

  json_writer_init (&w, out);
  if (what == 1)
    json_writer_begin_object (&w);
  g_autofree char *before = fill_until_room (out, (gsize) ((int) strlen (want_tail) + slack));
  if (what == 0)
    json_append_escaped (out, "abcdefgh", 8);
  else if (what == 1)
    json_writer_key (&w, "abcdefgh");
  else
    json_writer_int (&w, -1234567);
  g_autofree char *want = g_strconcat (before, want_tail, NULL);
  assert_string_equal (out->str, want);
  assert_int_equal (out->len, strlen (want));
}

static void
test_json_writer__fills_the_room_left_exactly (void **state)
{
  /* The writer copies into a string's spare room itself and asks GLib to
   * grow the string otherwise: a string, a key with its ':' and an
   * integer, each written where they miss fitting by 3..1 bytes, fit
   * exactly, or leave 1..6 bytes.  An off-by-one shows here under a
   * sanitizer, and as wrong output anywhere. */
  (void) state;
  for (int slack = -3; slack <= 6; slack++)
    {
      assert_fits (0, "\"abcdefgh\"", slack);
      assert_fits (1, "\"abcdefgh\":", slack);
      assert_fits (2, "-1234567", slack);
    }
}

static void
test_json_writer__key_needing_escapes_is_escaped (void **state)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonWriter w;

  (void) state;
  json_writer_init (&w, out);
  json_writer_begin_object (&w);
  json_writer_member_int (&w, "a\"b\\c\n", 1);
  json_writer_member_int (&w, "事实", 2);
  json_writer_member_int (&w, "", 3);
  json_writer_end_object (&w);
  assert_string_equal (out->str, "{\"a\\\"b\\\\c\\n\":1,\"事实\":2,\"\":3}");
}

static void
test_json_writer__writes_integers_as_printf_does (void **state)
{
  gint64 power = 1;

  (void) state;
  /* Around every power of ten up to 10^18 (10^19 is past G_MAXINT64),
   * both signs. */
  for (int exponent = 0;; exponent++)
    {
      for (gint64 d = -1; d <= 1; d++)
        for (int sign = -1; sign <= 1; sign += 2)
          {
            gint64 x = sign * (power + d);
            g_autoptr(GString) out = g_string_new (NULL);
            g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, x);
            JsonWriter w;

            json_writer_init (&w, out);
            json_writer_int (&w, x);
            assert_string_equal (out->str, want);
          }
      if (exponent == 18)
        break;
      power *= 10;
    }
}

static void
assert_uint_as_printf (guint64 v)
{
  char buf[JSON_INT_MAX_LEN + 1];
  g_autofree char *want = g_strdup_printf ("%" G_GUINT64_FORMAT, v);

  *json_out_uint (buf, v) = '\0';
  assert_string_equal (buf, want);
}

static void
test_json_writer__writes_unsigned_integers_as_printf_does (void **state)
{
  guint64 power = 1;

  (void) state;
  /* json_out_uint() counts the digits from the bit length and writes the
   * low ones in 32-bit arithmetic: around every power of two and of ten,
   * and the extremes. */
  for (int bit = 0; bit < 64; bit++)
    for (gint64 d = -1; d <= 1; d++)
      assert_uint_as_printf (((guint64) 1 << bit) + (guint64) d);
  for (int exponent = 0; exponent <= 19; exponent++, power *= 10)
    for (gint64 d = -1; d <= 1; d++)
      assert_uint_as_printf (power + (guint64) d);
  /* One and two digits take a shorter path, three a longer one. */
  for (guint64 v = 0; v < 1000; v++)
    assert_uint_as_printf (v);
  assert_uint_as_printf (G_MAXUINT32);
  assert_uint_as_printf (G_MAXUINT64);
}

static void
test_json_writer__output_reads_back_with_the_strict_reader (void **state)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonWriter w;
  Doc *doc;
  const Node *v;

  (void) state;
  json_writer_init (&w, out);
  json_writer_begin_object (&w);
  /* (Control characters other than tab and newline are escaped by the
   * writer but refused by the strict reader, so they are tested above.) */
  json_writer_member_string (&w, "text", "引号\"、反斜杠\\、换行\n、制表\t");
  json_writer_member_int (&w, "n", 200000);
  json_writer_key (&w, "list");
  json_writer_begin_array (&w);
  json_writer_string (&w, "x");
  json_writer_null (&w);
  json_writer_end_array (&w);
  json_writer_end_object (&w);

  doc = doc_parse_json (out->str, out->len, "out.json", NULL, &error);
  if (doc == NULL)
    fail_msg ("%s\n%s", error->message, out->str);
  v = node_lookup (doc->root, "text");
  assert_non_null (v);
  assert_string_equal (v->v.text, "引号\"、反斜杠\\、换行\n、制表\t");
  v = node_lookup (doc->root, "n");
  assert_non_null (v);
  assert_string_equal (v->v.text, "200000");
  v = node_lookup (doc->root, "list");
  assert_non_null (v);
  assert_int_equal (v->kind, NODE_SEQUENCE);
  assert_int_equal (v->len, 2);
  doc_free (doc);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_json_writer__writes_nested_containers_with_commas),
    cmocka_unit_test (test_json_writer__writes_int64_minimum),
    cmocka_unit_test (test_json_writer__escapes_quote_backslash_and_short_forms),
    cmocka_unit_test (test_json_writer__escapes_every_other_control_character),
    cmocka_unit_test (test_json_writer__passes_valid_utf8_through),
    cmocka_unit_test (test_json_writer__replaces_invalid_utf8),
    cmocka_unit_test (test_json_writer__keeps_embedded_nul_escaped),
    cmocka_unit_test (test_json_writer__escapes_every_two_byte_input_like_the_reference),
    cmocka_unit_test (test_json_writer__escapes_every_lead_and_second_byte_like_the_reference),
    cmocka_unit_test (test_json_writer__escapes_at_every_offset_of_long_text),
    cmocka_unit_test (test_json_writer__escapes_at_every_byte_of_chinese_text),
    cmocka_unit_test (test_json_writer__is_plain_exactly_when_nothing_is_escaped),
    cmocka_unit_test (test_json_writer__fills_the_room_left_exactly),
    cmocka_unit_test (test_json_writer__key_needing_escapes_is_escaped),
    cmocka_unit_test (test_json_writer__writes_integers_as_printf_does),
    cmocka_unit_test (test_json_writer__writes_unsigned_integers_as_printf_does),
    cmocka_unit_test (test_json_writer__output_reads_back_with_the_strict_reader),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
