/* rec-trace.c: what a recommendation records besides its answer.
 *
 * Missing inputs are listed by their case path ("facts.area_m2",
 * "circumstances.harm", "dates.discovered") or rule path
 * ("parameters.rounding"), each once, in the order the steps met them;
 * unverified data used is noted the same way.  Both lists are fixed-size
 * and live on the stack while the engine runs (recommend-private.h).  The
 * trace steps' inputs objects and the engine's own citations of the
 * Administrative Penalty Law are built here too, only when a trace is
 * asked for.
 */
#include "recommend-private.h"

#include <string.h>

static const char *const builtin_paths[BUILTIN_COUNT] = {
  "circumstances.minor",
  "circumstances.corrected",
  "circumstances.harm",
  "circumstances.first_violation",
  "circumstances.no_fault",
};

/* ------------------------------------------------------------------ */
/* Missing paths                                                       */

const char *
rec_builtin_path (Builtin b)
{
  return (guint) b < BUILTIN_COUNT ? builtin_paths[b] : "circumstances";
}

void
rec_add_missing (RecLists *l, const char *path)
{
  for (guint i = 0; i < l->n_missing; i++)
    if (strcmp (l->missing[i], path) == 0)
      return;
  if (l->n_missing < REC_MAX_MISSING)
    l->missing[l->n_missing++] = path;
}

static gboolean
missing_has_composed (const RecLists *l, const char *prefix, gsize plen, const char *name)
{
  for (guint i = 0; i < l->n_missing; i++)
    if (strncmp (l->missing[i], prefix, plen) == 0 && strcmp (l->missing[i] + plen, name) == 0)
      return TRUE;
  return FALSE;
}

/* Composes prefix + name in the pool; NULL when the pool is full. */
static const char *
pool_compose (RecCtx *ctx, const char *prefix, gsize plen, const char *name, gsize nlen)
{
  char *dst;

  if (ctx->pool_used + plen + nlen + 1 > sizeof ctx->pool)
    return NULL;
  dst = ctx->pool + ctx->pool_used;
  memcpy (dst, prefix, plen);
  memcpy (dst + plen, name, nlen);
  dst[plen + nlen] = '\0';
  ctx->pool_used += plen + nlen + 1;
  return dst;
}

static void
add_missing_composed (RecCtx *ctx, RecLists *l, const char *prefix, const char *name)
{
  gsize plen = strlen (prefix);
  const char *path;

  /* Checked before composing, so a path already listed costs no pool. */
  if (l->n_missing >= REC_MAX_MISSING || missing_has_composed (l, prefix, plen, name))
    return;
  path = pool_compose (ctx, prefix, plen, name, strlen (name));
  /* The pool holds 4 KiB of paths; only absurdly long fact names can
   * exhaust it, and then the path is at least named by its prefix. */
  rec_add_missing (l, path ? path : "facts");
}

void
rec_add_missing_year (RecCtx *ctx, RecLists *l, int year)
{
  char digits[16];
  int n = 0;
  char rev[16];

  /* No printf on the hot path: write the digits by hand. */
  if (year <= 0)
    year = 0;
  do
    {
      rev[n++] = (char) ('0' + year % 10);
      year /= 10;
    }
  while (year > 0 && n < 15);
  for (int i = 0; i < n; i++)
    digits[i] = rev[n - 1 - i];
  digits[n] = '\0';
  add_missing_composed (ctx, l, "calendar.", digits);
}

void
rec_add_missing_scope (RecCtx *ctx, RecLists *l, const Benchmark *bm, guint index)
{
  if (index < bm->n_facts)
    add_missing_composed (ctx, l, "facts.", bm->facts[index].name);
  else if (index - bm->n_facts < BUILTIN_COUNT)
    rec_add_missing (l, builtin_paths[index - bm->n_facts]);
}

void
rec_add_missing_mask (RecCtx *ctx, RecLists *l, const Benchmark *bm, guint64 mask)
{
  for (guint i = 0; i < bm->n_scope && i < 64; i++)
    if (mask & (G_GUINT64_CONSTANT (1) << i))
      rec_add_missing_scope (ctx, l, bm, i);
}

void
rec_merge_missing (RecLists *into, const RecLists *from)
{
  for (guint i = 0; i < from->n_missing; i++)
    rec_add_missing (into, from->missing[i]);
}

void
rec_lists_copy (RecLists *to, const RecLists *from)
{
  to->n_missing = from->n_missing;
  memcpy (to->missing, from->missing, from->n_missing * sizeof from->missing[0]);
  to->n_notes = from->n_notes;
  memcpy (to->notes, from->notes, from->n_notes * sizeof from->notes[0]);
}

/* ------------------------------------------------------------------ */
/* Unverified notes                                                    */

void
rec_add_note (RecLists *l, NoteKind kind, const void *subject, const char *name,
              gint32 number)
{
  RecNote *n;

  for (guint i = 0; i < l->n_notes; i++)
    if (l->notes[i].kind == kind && l->notes[i].subject == subject
        && l->notes[i].number == number)
      return;
  if (l->n_notes >= REC_MAX_NOTES)
    return;
  n = &l->notes[l->n_notes++];
  n->kind = kind;
  n->subject = subject;
  n->name = name;
  n->number = number;
}

void
rec_note_citation (RecLists *l, const Citation *c, const char *name)
{
  if (c->article != 0 && !c->verified)
    rec_add_note (l, NOTE_CITATION, c, name, 0);
}

void
rec_note_provenance (const Benchmark *bm, const Version *v, RecLists *l)
{
  if (!bm->provenance.verified)
    rec_add_note (l, NOTE_BENCHMARK, bm, bm->id, 0);
  /* A version sharing its benchmark's unverified note says nothing more. */
  if (v && !v->provenance.verified && !(v->provenance.note == bm->provenance.note && !bm->provenance.verified))
    rec_add_note (l, NOTE_VERSION, v, bm->id, v->from);
  rec_note_citation (l, &bm->violates, bm->id);
  rec_note_citation (l, &bm->penalized_by, bm->id);
}

void
rec_note_param (RecLists *l, ParamId id, const Param *p)
{
  if (!p->verified)
    rec_add_note (l, NOTE_PARAM, p, param_name (id), 0);
  else
    rec_note_citation (l, &p->basis, param_name (id));
}

const char *
rec_param_path (ParamId id)
{
  static const char *const paths[PARAM_COUNT] = {
    "parameters.simple_procedure_cap.individual",
    "parameters.simple_procedure_cap.organization",
    "parameters.onsite_collection_cap",
    "parameters.hearing_threshold.individual",
    "parameters.hearing_threshold.organization",
    "parameters.late_surcharge_percent_per_day",
    "parameters.payment_period_days",
    "parameters.case_period_days",
    "parameters.delivery_workdays",
    "parameters.hearing_request_workdays",
    "parameters.publication_workdays",
    "parameters.limitation_years",
    "parameters.limitation_years_life_health_finance",
  };
  return (guint) id < PARAM_COUNT ? paths[id] : "parameters";
}

/* ------------------------------------------------------------------ */
/* Trace steps' inputs and citations (only called with a trace)        */

const Citation *
rec_law_citation (const RecCtx *ctx, guint article, guint paragraph, Citation *buf)
{
  if (ctx->apl == NULL)
    return NULL;
  memset (buf, 0, sizeof *buf);
  buf->instrument = ctx->apl;
  buf->article = (guint16) article;
  buf->paragraph = (guint16) paragraph;
  /* The article numbers the engine cites itself are confirmed in the
   * 2021 text (LAW-FACTS §1). */
  buf->verified = TRUE;
  return buf;
}

JsonWriter *
rec_inputs_begin (RecInputs *in)
{
  in->s = g_string_new (NULL);
  json_writer_init (&in->w, in->s);
  json_writer_begin_object (&in->w);
  return &in->w;
}

char *
rec_inputs_end (RecInputs *in)
{
  json_writer_end_object (&in->w);
  return g_string_free (in->s, FALSE);
}

void
rec_inputs_date (JsonWriter *w, const char *key, gint32 day)
{
  char buf[11];

  json_writer_key (w, key);
  if (day == DATE_NONE)
    {
      json_writer_null (w);
      return;
    }
  date_format_buf (day, buf);
  json_writer_string (w, buf);
}

void
rec_inputs_bool (JsonWriter *w, const char *key, const FactValue *fv)
{
  json_writer_key (w, key);
  if (!fv->known)
    json_writer_null (w);
  else
    json_writer_bool (w, fv->value != 0);
}

void
rec_inputs_int (JsonWriter *w, const char *key, gboolean known, gint64 v)
{
  json_writer_key (w, key);
  if (known)
    json_writer_int (w, v);
  else
    json_writer_null (w);
}

const char *
rec_tri_zh (Tri t)
{
  return t == TRI_TRUE ? "是" : t == TRI_FALSE ? "否" : "待定";
}

const char *
rec_tri_en (Tri t)
{
  return t == TRI_TRUE ? "yes" : t == TRI_FALSE ? "no" : "undetermined";
}
