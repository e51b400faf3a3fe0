/* test-citation.c: Chinese numerals and citations as the statute book writes them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include "citation.h"
#include "test-util.h"

static void
assert_numeral (guint n, const char *expected)
{
  char buf[32];
  memset (buf, 'x', sizeof buf);
  chinese_numeral (n, buf);
  assert_string_equal (buf, expected);
}

static void
test_chinese_numeral__statute_article_numbers (void **state)
{
  (void) state;
  assert_numeral (1, "一");
  assert_numeral (2, "二");
  assert_numeral (9, "九");
  assert_numeral (10, "十");
  assert_numeral (11, "十一");
  assert_numeral (19, "十九");
  assert_numeral (20, "二十");
  assert_numeral (21, "二十一");
  assert_numeral (33, "三十三");
  assert_numeral (99, "九十九");
  assert_numeral (100, "一百");
  assert_numeral (101, "一百零一");
  assert_numeral (105, "一百零五");
  assert_numeral (110, "一百一十");
  assert_numeral (111, "一百一十一");
  assert_numeral (120, "一百二十");
  assert_numeral (200, "二百");
  assert_numeral (999, "九百九十九");
  assert_numeral (1000, "一千");
  assert_numeral (1001, "一千零一");
  assert_numeral (1010, "一千零一十");
  assert_numeral (1011, "一千零一十一");
  assert_numeral (1100, "一千一百");
  assert_numeral (1260, "一千二百六十");
  assert_numeral (2005, "二千零五");
  assert_numeral (9999, "九千九百九十九");
}

static void
test_chinese_numeral__outside_1_to_9999 (void **state)
{
  (void) state;
  assert_numeral (0, "零");
  assert_numeral (10000, "10000");
  assert_numeral (G_MAXUINT, "4294967295");
}

static void
test_chinese_numeral__well_formed_and_distinct_for_all (void **state)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  (void) state;
  for (guint n = 1; n <= 9999; n++)
    {
      char buf[32];
      chinese_numeral (n, buf);
      if (strstr (buf, "零零") || g_str_has_suffix (buf, "零") || g_str_has_prefix (buf, "一十")
          || g_str_has_prefix (buf, "零") || !g_utf8_validate (buf, -1, NULL))
        fail_msg ("%u → %s", n, buf);
      /* Only the numerals and units. */
      for (const char *p = buf; *p; p = g_utf8_next_char (p))
        if (g_utf8_strchr ("零一二三四五六七八九十百千", -1, g_utf8_get_char (p)) == NULL)
          fail_msg ("%u → %s", n, buf);
      if (!g_hash_table_add (seen, g_strdup (buf)))
        fail_msg ("%u → %s twice", n, buf);
    }
  assert_int_equal (g_hash_table_size (seen), 9999);
}

static Instrument apl = {
  .id = "cn-apl",
  .title = "中华人民共和国行政处罚法",
  .title_en = "Administrative Penalty Law of the PRC",
};

static Instrument civility = {
  .id = "tj-civility-2019",
  .title = "天津市文明行为促进条例",
  .title_en = NULL,
};

static void
assert_render (const Citation *c, const char *zh, const char *en)
{
  g_autofree char *z = citation_render (c, ENFORCE_LANG_ZH);
  g_autofree char *e = citation_render (c, ENFORCE_LANG_EN);
  assert_string_equal (z, zh);
  assert_string_equal (e, en);
}

static void
test_citation_render__article_paragraph_item (void **state)
{
  Citation c = { .instrument = &apl, .article = 33, .paragraph = 1, .item = 2, .verified = TRUE };
  (void) state;
  assert_render (&c, "《中华人民共和国行政处罚法》第三十三条第一款第（二）项",
                 "Administrative Penalty Law of the PRC, Art. 33(1)(2)");
}

static void
test_citation_render__omits_absent_parts (void **state)
{
  Citation article = { .instrument = &apl, .article = 29, .verified = TRUE };
  Citation paragraph = { .instrument = &civility, .article = 65, .paragraph = 1, .verified = TRUE };
  Citation item = { .instrument = &apl, .article = 9, .item = 1, .verified = TRUE };
  Citation bare = { .article = 110, .paragraph = 2, .verified = TRUE };
  (void) state;
  assert_render (&article, "《中华人民共和国行政处罚法》第二十九条",
                 "Administrative Penalty Law of the PRC, Art. 29");
  /* No English title: the Chinese one stands in. */
  assert_render (&paragraph, "《天津市文明行为促进条例》第六十五条第一款",
                 "天津市文明行为促进条例, Art. 65(1)");
  /* An item straight under an article is named, not mistaken for a paragraph. */
  assert_render (&item, "《中华人民共和国行政处罚法》第九条第（一）项",
                 "Administrative Penalty Law of the PRC, Art. 9, item 1");
  assert_render (&bare, "第一百一十条第二款", "Art. 110(2)");
}

static void
test_citation_render__flags_unverified_article_numbers (void **state)
{
  Citation c = { .instrument = &civility, .article = 65, .paragraph = 1, .verified = FALSE };
  (void) state;
  assert_render (&c, "《天津市文明行为促进条例》第六十五条第一款（条文序号待核实）",
                 "天津市文明行为促进条例, Art. 65(1) (article number unverified)");
}

static void
test_citation_render__instrument_only (void **state)
{
  Instrument untitled = { .id = "x" };
  Citation c = { .instrument = &apl, .verified = TRUE };
  Citation none = { .instrument = &untitled, .article = 5, .verified = TRUE };
  (void) state;
  assert_render (&c, "《中华人民共和国行政处罚法》", "Administrative Penalty Law of the PRC");
  assert_render (&none, "第五条", "Art. 5");
}

static void
test_citation_append__appends_to_existing_text (void **state)
{
  Citation c = { .instrument = &apl, .article = 36, .verified = TRUE };
  g_autoptr (GString) out = g_string_new ("依据");
  (void) state;
  citation_append (out, &c, ENFORCE_LANG_ZH);
  assert_string_equal (out->str, "依据《中华人民共和国行政处罚法》第三十六条");
  g_string_assign (out, "under ");
  citation_append (out, &c, ENFORCE_LANG_EN);
  assert_string_equal (out->str, "under Administrative Penalty Law of the PRC, Art. 36");
}

static void
test_citation_render__guards_null (void **state)
{
  Citation c = { .article = 1, .verified = TRUE };
  (void) state;
  assert_null (citation_render (NULL, ENFORCE_LANG_ZH));
  citation_append (NULL, &c, ENFORCE_LANG_ZH);
  g_autoptr (GString) out = g_string_new ("x");
  citation_append (out, NULL, ENFORCE_LANG_ZH);
  assert_string_equal (out->str, "x");
  assert_int_equal (test_criticals, 3);
}

#define T(name) cmocka_unit_test_setup (name, test_count_criticals)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_chinese_numeral__statute_article_numbers),
    T (test_chinese_numeral__outside_1_to_9999),
    T (test_chinese_numeral__well_formed_and_distinct_for_all),
    T (test_citation_render__article_paragraph_item),
    T (test_citation_render__omits_absent_parts),
    T (test_citation_render__flags_unverified_article_numbers),
    T (test_citation_render__instrument_only),
    T (test_citation_append__appends_to_existing_text),
    T (test_citation_render__guards_null),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
