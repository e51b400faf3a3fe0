/* citation.c: structured citations rendered as a statute book writes them.
 *
 *   zh: 《中华人民共和国行政处罚法》第三十三条第一款第（二）项
 *   en: Administrative Penalty Law of the PRC, Art. 33(1)(2)
 */
#include "citation.h"

#include <string.h>

static const char *const digit_zh[10] = {
  "零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
};
/* Units of the thousands, hundreds, tens and ones positions. */
static const char *const unit_zh[4] = { "千", "百", "十", "" };

void
chinese_numeral (guint n, char buf[32])
{
  static const guint place[4] = { 1000, 100, 10, 1 };
  gboolean started = FALSE, zero_pending = FALSE;

  buf[0] = '\0';
  if (n == 0)
    {
      g_strlcpy (buf, digit_zh[0], 32);
      return;
    }
  if (n > 9999)
    {
      /* Outside the statute book's range: plain digits beat a wrong numeral. */
      g_snprintf (buf, 32, "%u", n);
      return;
    }
  for (int i = 0; i < 4; i++)
    {
      guint digit = n / place[i] % 10;
      if (digit == 0)
        {
          /* One 零 stands for any run of zeros between two digits
           * (一百零五, 一千零一), none for trailing zeros (一百). */
          zero_pending = started;
          continue;
        }
      if (zero_pending)
        g_strlcat (buf, digit_zh[0], 32);
      zero_pending = FALSE;
      /* 十, 十一 … 十九, not 一十: a leading ten drops its 一 (but 一百一十). */
      if (!(digit == 1 && i == 2 && !started))
        g_strlcat (buf, digit_zh[digit], 32);
      g_strlcat (buf, unit_zh[i], 32);
      started = TRUE;
    }
}

static void
append_zh (GString *out, const Citation *c)
{
  char num[32];

  if (c->instrument != NULL && c->instrument->title != NULL)
    g_string_append_printf (out, "《%s》", c->instrument->title);
  if (c->article > 0)
    {
      chinese_numeral (c->article, num);
      g_string_append_printf (out, "第%s条", num);
    }
  if (c->paragraph > 0)
    {
      chinese_numeral (c->paragraph, num);
      g_string_append_printf (out, "第%s款", num);
    }
  if (c->item > 0)
    {
      chinese_numeral (c->item, num);
      g_string_append_printf (out, "第（%s）项", num);
    }
  if (!c->verified)
    g_string_append (out, "（条文序号待核实）");
}

static void
append_en (GString *out, const Citation *c)
{
  const char *title = NULL;
  gsize start = out->len;

  if (c->instrument != NULL)
    title = c->instrument->title_en != NULL ? c->instrument->title_en : c->instrument->title;
  if (title != NULL)
    g_string_append (out, title);
  if (c->article > 0)
    {
      g_string_append_printf (out, "%sArt. %u", out->len > start ? ", " : "",
                              (unsigned) c->article);
      if (c->paragraph > 0)
        g_string_append_printf (out, "(%u)", (unsigned) c->paragraph);
      /* Without a paragraph "(2)" would read as one: name the item. */
      if (c->item > 0)
        g_string_append_printf (out, c->paragraph > 0 ? "(%u)" : ", item %u",
                                (unsigned) c->item);
    }
  if (!c->verified)
    g_string_append (out, " (article number unverified)");
}

void
citation_append (GString *out, const Citation *c, EnforceLang lang)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (c != NULL);

  if (lang == ENFORCE_LANG_EN)
    append_en (out, c);
  else
    append_zh (out, c);
}

char *
citation_render (const Citation *c, EnforceLang lang)
{
  g_return_val_if_fail (c != NULL, NULL);

  GString *out = g_string_new (NULL);
  citation_append (out, c, lang);
  return g_string_free (out, FALSE);
}

void
citation_write_json (JsonWriter *w, const Citation *c)
{
  char *text[2] = { NULL, NULL };

  json_writer_begin_object (w);
  json_writer_member_string (w, "instrument", c->instrument ? c->instrument->id : NULL);
  json_writer_member_string (w, "title", c->instrument ? c->instrument->title : NULL);
  json_writer_member_int (w, "article", c->article);
  json_writer_key (w, "paragraph");
  if (c->paragraph != 0)
    json_writer_int (w, c->paragraph);
  else
    json_writer_null (w);
  json_writer_key (w, "item");
  if (c->item != 0)
    json_writer_int (w, c->item);
  else
    json_writer_null (w);
  json_writer_member_bool (w, "verified", c->verified);
  json_writer_key (w, "text");
  json_writer_begin_object (w);
  for (int lang = ENFORCE_LANG_ZH; lang <= ENFORCE_LANG_EN; lang++)
    if (c->text[lang] == NULL)
      text[lang] = citation_render (c, (EnforceLang) lang);
  json_writer_member_string (w, "zh", text[0] ? text[0] : c->text[0]);
  json_writer_member_string (w, "en", text[1] ? text[1] : c->text[1]);
  json_writer_end_object (w);
  json_writer_end_object (w);
  g_free (text[0]);
  g_free (text[1]);
}

/* ------------------------------------------------------------------ */
/* Rendering once per rule set                                         */

struct CitationCache {
  Arena *arena;
  GHashTable *seen;                /* Citation* → itself: the first of its kind, rendered.
                                    * Keys are rule data, not case input. */
  GString *scratch;
};

static guint
citation_hash (gconstpointer p)
{
  const Citation *c = p;

  return g_direct_hash (c->instrument) * 31u
         + ((guint) c->article << 16 ^ (guint) c->paragraph << 8 ^ c->item) * 2u + !!c->verified;
}

static gboolean
citation_equal (gconstpointer a, gconstpointer b)
{
  const Citation *x = a, *y = b;

  return x->instrument == y->instrument && x->article == y->article
         && x->paragraph == y->paragraph && x->item == y->item
         && !x->verified == !y->verified;
}

CitationCache *
citation_cache_new (Arena *arena)
{
  CitationCache *cache = g_new0 (CitationCache, 1);

  cache->arena = arena;
  cache->seen = g_hash_table_new (citation_hash, citation_equal);
  cache->scratch = g_string_sized_new (256);
  return cache;
}

void
citation_cache_free (CitationCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->seen);
  g_string_free (cache->scratch, TRUE);
  g_free (cache);
}

static const char *
arena_copy (CitationCache *cache)
{
  return arena_strndup (cache->arena, cache->scratch->str, cache->scratch->len);
}

void
citation_prerender (CitationCache *cache, Citation *c)
{
  const Citation *first;
  JsonWriter w;

  g_return_if_fail (cache != NULL && c != NULL);

  first = g_hash_table_lookup (cache->seen, c);
  if (first != NULL)
    {
      if (first != c)
        {
          c->text[ENFORCE_LANG_ZH] = first->text[ENFORCE_LANG_ZH];
          c->text[ENFORCE_LANG_EN] = first->text[ENFORCE_LANG_EN];
          c->json = first->json;
          c->json_len = first->json_len;
        }
      return;
    }
  for (int lang = ENFORCE_LANG_ZH; lang <= ENFORCE_LANG_EN; lang++)
    {
      g_string_truncate (cache->scratch, 0);
      citation_append (cache->scratch, c, (EnforceLang) lang);
      c->text[lang] = arena_copy (cache);
    }
  g_string_truncate (cache->scratch, 0);
  json_writer_init (&w, cache->scratch);
  citation_write_json (&w, c);
  c->json = arena_copy (cache);
  c->json_len = (guint32) cache->scratch->len;
  g_hash_table_insert (cache->seen, c, c);
}

Citation *
citations_law_new (CitationCache *cache, const Instrument *apl)
{
  static const guint16 articles[LAW_CITE_COUNT][2] = {
    [LAW_ART_29] = { 29, 0 },
    [LAW_ART_30] = { 30, 0 },
    [LAW_ART_31] = { 31, 0 },
    [LAW_ART_32] = { 32, 0 },
    [LAW_ART_33_1] = { 33, 1 },
    [LAW_ART_33_2] = { 33, 2 },
    [LAW_ART_33_3] = { 33, 3 },
    [LAW_ART_36] = { 36, 0 },
    [LAW_ART_37] = { 37, 0 },
    [LAW_ART_51] = { 51, 0 },
    [LAW_ART_57] = { 57, 0 },
    [LAW_ART_58] = { 58, 0 },
    [LAW_ART_63] = { 63, 0 },
    [LAW_ART_68] = { 68, 0 },
  };
  Citation *law;

  g_return_val_if_fail (cache != NULL && apl != NULL, NULL);

  law = arena_new0 (cache->arena, Citation, LAW_CITE_COUNT);
  for (guint i = 0; i < LAW_CITE_COUNT; i++)
    {
      law[i].instrument = apl;
      law[i].article = articles[i][0];
      law[i].paragraph = articles[i][1];
      law[i].verified = TRUE;
      citation_prerender (cache, &law[i]);
    }
  return law;
}
