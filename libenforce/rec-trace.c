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

#include <stdarg.h>
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
rec_add_missing_decided_version (RecCtx *ctx, RecLists *l, const Benchmark *bm)
{
  static const char leaf[] = ".version_on_decided";
  const char *id = bm->id ? bm->id : "";
  gsize idlen = strlen (id);
  const char *path;

  if (l->n_missing >= REC_MAX_MISSING)
    return;
  for (guint i = 0; i < l->n_missing; i++)
    if (strncmp (l->missing[i], "benchmarks.", 11) == 0
        && strncmp (l->missing[i] + 11, id, idlen) == 0
        && strcmp (l->missing[i] + 11 + idlen, leaf) == 0)
      return;
  /* "benchmarks." + id, then the leaf appended over its terminator. */
  path = pool_compose (ctx, "benchmarks.", 11, id, idlen);
  if (path != NULL && ctx->pool_used + sizeof leaf - 1 <= sizeof ctx->pool)
    {
      memcpy (ctx->pool + ctx->pool_used - 1, leaf, sizeof leaf);
      ctx->pool_used += sizeof leaf - 1;
    }
  else
    path = NULL;
  rec_add_missing (l, path ? path : "benchmarks");
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

static gboolean
same_provision (const Citation *a, const Citation *b)
{
  return a->instrument == b->instrument && a->article == b->article
         && a->paragraph == b->paragraph && a->item == b->item;
}

void
rec_note_citation (RecLists *l, const Citation *c, const char *name)
{
  if (c->article == 0 || c->verified)
    return;
  /* A benchmark's 违则 and 罚则 are often the same provision: one note. */
  for (guint i = 0; i < l->n_notes; i++)
    if (l->notes[i].kind == NOTE_CITATION && l->notes[i].name == name
        && same_provision (l->notes[i].subject, c))
      return;
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
  /* The name only when a note is made: most parameters are verified. */
  if (!p->verified)
    rec_add_note (l, NOTE_PARAM, p, param_name (id), 0);
  else if (p->basis.article != 0 && !p->basis.verified)
    rec_note_citation (l, &p->basis, param_name (id));
}

/* The span holding @date, or NULL when none does (nothing in force). */
static const ParamSpan *
span_on (RecCtx *ctx, gint32 date)
{
  const EnforceRuleSet *rules = ctx->rules;
  const ParamSpan *s = ctx->span;
  guint lo = 0, hi = rules->n_param_spans;

  if (s != NULL && s->from <= date && date <= s->to)
    return s;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (rules->param_spans[mid].from <= date)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0 || date > rules->param_spans[lo - 1].to)
    return NULL;
  return ctx->span = &rules->param_spans[lo - 1];
}

const Param *
rec_param (RecCtx *ctx, ParamId id, gint32 date)
{
  const ParamSpan *s;

  if (ctx->rules->param_spans == NULL || (guint) id >= PARAM_COUNT)
    return rules_param (ctx->rules, id, date);
  s = span_on (ctx, date);
  return s ? s->params[id] : NULL;
}

const Rounding *
rec_rounding (RecCtx *ctx, gint32 date)
{
  const ParamSpan *s;

  if (ctx->rules->param_spans == NULL)
    return rules_rounding (ctx->rules, date);
  s = span_on (ctx, date);
  return s ? s->rounding : NULL;
}

const Policy *
rec_policy (RecCtx *ctx, gint32 date)
{
  const ParamSpan *s;

  if (ctx->rules->param_spans == NULL)
    return rules_policy (ctx->rules, date);
  s = span_on (ctx, date);
  return s ? s->policy : NULL;
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
rec_law_citation (const RecCtx *ctx, guint which)
{
  g_return_val_if_fail (which < LAW_CITE_COUNT, NULL);
  return ctx->rules->law_citations ? &ctx->rules->law_citations[which] : NULL;
}

/* Appends @n bytes and a NUL: GString's own append is an out-of-line call
 * that re-checks its arguments, and a trace appends a few bytes at a time. */
static inline void
put (GString *out, const char *s, gsize n)
{
  if (out->allocated_len - out->len > n + 1)
    {
      memcpy (out->str + out->len, s, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, s, (gssize) n);
}

/* Ends the string begun at @start with a NUL of its own (GString's
 * terminator does not count), so the next one can follow it. */
static guint32
finish_string (GString *out, gsize start)
{
  put (out, "", 1);
  return (guint32) start;
}

RecInputs *
rec_inputs_begin (RecCtx *ctx, RecInputs *in)
{
  in->ctx = ctx;
  in->start = (guint32) ctx->inputs->len;
  in->empty = TRUE;
  put (ctx->inputs, "{", 1);
  return in;
}

guint32
rec_inputs_end (RecInputs *in)
{
  put (in->ctx->inputs, "}", 1);
  return finish_string (in->ctx->inputs, in->start);
}

/* ,"key": — the keys are the engine's identifiers, which need no escape. */
static GString *
inputs_key (RecInputs *in, const char *key)
{
  GString *out = in->ctx->inputs;

  if (!in->empty)
    put (out, ",", 1);
  in->empty = FALSE;
  put (out, "\"", 1);
  put (out, key, strlen (key));
  put (out, "\":", 2);
  return out;
}

static void put_int (GString *out, gint64 v);

void
rec_inputs_string (RecInputs *in, const char *key, const char *s)
{
  GString *out = inputs_key (in, key);

  if (s == NULL)
    put (out, "null", 4);
  else
    json_append_escaped (out, s, strlen (s));
}

void
rec_inputs_number (RecInputs *in, const char *key, gint64 v)
{
  put_int (inputs_key (in, key), v);
}

void
rec_inputs_flag (RecInputs *in, const char *key, gboolean v)
{
  GString *out = inputs_key (in, key);

  if (v)
    put (out, "true", 4);
  else
    put (out, "false", 5);
}

void
rec_inputs_array_begin (RecInputs *in, const char *key)
{
  put (inputs_key (in, key), "[", 1);
}

void
rec_inputs_array_string (RecInputs *in, guint index, const char *s)
{
  GString *out = in->ctx->inputs;

  if (index > 0)
    put (out, ",", 1);
  if (s == NULL)
    put (out, "null", 4);
  else
    json_append_escaped (out, s, strlen (s));
}

void
rec_inputs_array_end (RecInputs *in)
{
  put (in->ctx->inputs, "]", 1);
}

/* Ends a message: its NUL, then whether JSON takes it as it is. */
static guint32
finish_message (GString *out, gsize start, gboolean plain)
{
  char end[2] = { '\0', plain ? REC_MESSAGE_PLAIN : REC_MESSAGE_ESCAPE };

  put (out, end, 2);
  return (guint32) start;
}

guint32
rec_text (RecCtx *ctx, const char *s)
{
  gsize start = ctx->text->len;
  gsize len = strlen (s);

  put (ctx->text, s, len);
  return finish_message (ctx->text, start, json_is_plain (s, len));
}

/* Decimal digits of @v (with a sign when negative) appended to @out. */
static void
put_int (GString *out, gint64 v)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;

  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (v < 0)
    *--p = '-';
  put (out, p, (gsize) (buf + sizeof buf - p));
}

static void
put_uint (GString *out, guint64 u)
{
  char buf[24];
  char *p = buf + sizeof buf;

  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  put (out, p, (gsize) (buf + sizeof buf - p));
}

/* Whether a piece of a format string goes into JSON as it is.  Formats
 * are the engine's own literals, which hold no control character or '\\'
 * and are valid UTF-8, so only '"' (some English messages quote a tier's
 * name) needs a look, and memchr() is far cheaper than json_is_plain() on
 * the Chinese text that makes up most of a message.  Debug builds check
 * the precondition in full. */
static gboolean
literal_is_plain (const char *s, gsize n)
{
#ifndef NDEBUG
  gboolean plain = json_is_plain (s, n);
  g_assert (plain || memchr (s, '"', n) != NULL);
  return plain;
#else
  return memchr (s, '"', n) == NULL;
#endif
}

/* The conversions the engine's messages use; FALSE at any other, which
 * the caller then leaves to GLib's printf.  *@plain is cleared when the
 * text needs a JSON escape (REC_MESSAGE_PLAIN). */
static gboolean
format_simple (GString *out, const char *format, va_list ap, gboolean *plain)
{
  const char *p = format;

  for (;;)
    {
      const char *pct = strchr (p, '%');
      gsize n = pct != NULL ? (gsize) (pct - p) : strlen (p);

      put (out, p, n);
      if (*plain && n > 0)
        *plain = literal_is_plain (p, n);
      if (pct == NULL)
        return TRUE;
      p = pct + 1;
      switch (*p)
        {
        case 's':
          {
            const char *s = va_arg (ap, const char *);
            if (s == NULL)
              s = "(null)";        /* as glibc prints it */
            gsize len = strlen (s);
            put (out, s, len);
            if (*plain)
              *plain = json_is_plain (s, len);    /* rule or case text: any bytes */
          }
          break;
        case 'd':
        case 'i':
          put_int (out, va_arg (ap, int));
          break;
        case 'u':
          put_uint (out, va_arg (ap, unsigned int));
          break;
        case '%':
          put (out, "%", 1);
          break;
        case 'l':
          if (p[1] == 'd' || p[1] == 'i')
            put_int (out, va_arg (ap, long));
          else if (p[1] == 'u')
            put_uint (out, va_arg (ap, unsigned long));
          else
            return FALSE;
          p++;
          break;
        default:
          return FALSE;
        }
      p++;
    }
}

guint32
rec_textf (RecCtx *ctx, const char *format, ...)
{
  gsize start = ctx->text->len;
  gboolean plain = TRUE;
  va_list ap, again;

  va_start (ap, format);
  va_copy (again, ap);
  if (!format_simple (ctx->text, format, ap, &plain))
    {
      g_string_truncate (ctx->text, start);
      g_string_append_vprintf (ctx->text, format, again);
      plain = json_is_plain (ctx->text->str + start, ctx->text->len - start);
    }
  va_end (again);
  va_end (ap);
  return finish_message (ctx->text, start, plain);
}

void
rec_inputs_date (RecInputs *in, const char *key, gint32 day)
{
  GString *out = inputs_key (in, key);
  char buf[12];

  if (day == DATE_NONE)
    {
      put (out, "null", 4);
      return;
    }
  /* YYYY-MM-DD (or ????-??-??): nothing to escape. */
  buf[0] = '"';
  date_format_buf (day, buf + 1);
  put (out, buf, 11);
  put (out, "\"", 1);
}

void
rec_inputs_bool (RecInputs *in, const char *key, const FactValue *fv)
{
  if (!fv->known)
    put (inputs_key (in, key), "null", 4);
  else
    rec_inputs_flag (in, key, fv->value != 0);
}

void
rec_inputs_int (RecInputs *in, const char *key, gboolean known, gint64 v)
{
  if (known)
    rec_inputs_number (in, key, v);
  else
    put (inputs_key (in, key), "null", 4);
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
