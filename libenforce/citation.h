/* citation.h: rendering structured citations as legal text.
 *
 *   zh: 《中华人民共和国行政处罚法》第三十三条第一款第（一）项
 *   en: Administrative Penalty Law of the PRC, Art. 33(1)(1)
 * Article numbers are written in Chinese numerals as the statute book does.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-error.h>
#include "arena.h"
#include "json-writer.h"
#include "model.h"

/* Appends the citation to @out.  Unverified article numbers get "（条文序号待核实）"
 * / " (article number unverified)". */
void citation_append (GString *out, const Citation *c, EnforceLang lang);
char *citation_render (const Citation *c, EnforceLang lang);
/* Chinese numeral for 1..9999 ("三十三", "一百零五"); writes into @buf (>= 32). */
void chinese_numeral (guint n, char buf[32]);

/* Writes the citation object of a trace step (docs/json-output.md): the
 * instrument, article, paragraph, item, verified and the text in both
 * languages. */
void citation_write_json (JsonWriter *w, const Citation *c);

/* Rendering once per rule set.  A citation's text never changes after the
 * loader resolves its instrument, so the loader renders every citation then
 * (Citation.text, Citation.json) and the engine only borrows the strings.
 * Equal citations (same instrument, article, paragraph, item and verified)
 * share one rendering through the cache, whose strings live in @arena. */
typedef struct CitationCache CitationCache;

CitationCache *citation_cache_new (Arena *arena);
void citation_cache_free (CitationCache *cache);
/* Fills @c's text and json; @c's instrument must be resolved (or absent). */
void citation_prerender (CitationCache *cache, Citation *c);

/* The articles of the Administrative Penalty Law (cn-apl) that the engine
 * cites on its own account, as indices of EnforceRuleSet.law_citations. */
typedef enum {
  LAW_ART_29 = 0,                  /* one act, one fine */
  LAW_ART_30,                      /* minors */
  LAW_ART_31,                      /* mental capacity */
  LAW_ART_32,                      /* mandatory mitigation */
  LAW_ART_33_1,                    /* minor violation, first violation */
  LAW_ART_33_2,                    /* no fault */
  LAW_ART_33_3,                    /* education */
  LAW_ART_36,                      /* limitation */
  LAW_ART_37,                      /* the law in force */
  LAW_ART_51,                      /* simple procedure */
  LAW_ART_57,                      /* collective discussion */
  LAW_ART_58,                      /* legal review */
  LAW_ART_63,                      /* hearing */
  LAW_ART_68,                      /* on-site collection */
  LAW_CITE_COUNT,
} LawCite;

/* LAW_CITE_COUNT citations of @apl, rendered, in @cache's arena.  Their
 * article numbers are confirmed in the 2021 text (LAW-FACTS §1), so they
 * are marked verified. */
Citation *citations_law_new (CitationCache *cache, const Instrument *apl);
