/* citation.h: rendering structured citations as legal text.
 *
 *   zh: 《中华人民共和国行政处罚法》第三十三条第一款第（一）项
 *   en: Administrative Penalty Law of the PRC, Art. 33(1)(1)
 * Article numbers are written in Chinese numerals as the statute book does.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-error.h>
#include "model.h"

/* Appends the citation to @out.  Unverified article numbers get "（条文序号待核实）"
 * / " (article number unverified)". */
void citation_append (GString *out, const Citation *c, EnforceLang lang);
char *citation_render (const Citation *c, EnforceLang lang);
/* Chinese numeral for 1..9999 ("三十三", "一百零五"); writes into @buf (>= 32). */
void chinese_numeral (guint n, char buf[32]);
