/* citation.c: structured citations rendered as a statute book writes them.
 *
 *   zh: 《中华人民共和国行政处罚法》第三十三条第一款第（二）项
 *   en: Administrative Penalty Law of the PRC, Art. 33(1)(2)
 */
#include "citation.h"

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
