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

/* The trace buffers hold each inputs object and each message after its
 * length (RecTrace), so the JSON writer copies them without a strlen():
 * a piece begins with room for the length, which its end fills in.
 * Returns the offset of @head (@n bytes), the piece's first text. */
static gsize
begin_piece (GString *out, const char *head, gsize n)
{
  char *dst = json_out_reserve (out, sizeof (guint32) + n);

  memcpy (dst + sizeof (guint32), head, n);
  json_out_commit (out, dst + sizeof (guint32) + n);
  return out->len - n;
}

/* Stores the length of the piece at @start that ends at @end (offsets in
 * @out); returns @start, the piece's offset. */
static guint32
set_piece_len (GString *out, gsize start, gsize end)
{
  guint32 len = (guint32) (end - start);

  memcpy (out->str + start - sizeof len, &len, sizeof len);
  return (guint32) start;
}

/* Ends the message begun at @start with its NUL and @escape, a
 * REC_MESSAGE_* byte. */
static guint32
end_message (GString *out, gsize start, char escape)
{
  const char tail[2] = { '\0', escape };
  gsize end = out->len;

  json_out_put (out, tail, sizeof tail);
  return set_piece_len (out, start, end);
}

/* The engine's own text (a %-s argument, rec_inputs_name()) needs no JSON
 * escape (recommend-private.h); debug builds check. */
static inline void
check_own_text (const char *s, gsize len)
{
#ifndef NDEBUG
  g_assert (json_is_plain (s, len));
#else
  (void) s;
  (void) len;
#endif
}

/* Rule text given with its PlainLen @plain (>= 0) is @plain bytes that
 * need no escape (model.h); debug builds check the loader's measure. */
static inline void
check_plain_len (const char *s, PlainLen plain)
{
#ifndef NDEBUG
  g_assert (plain >= 0 && strlen (s) == (gsize) plain);
  check_own_text (s, (gsize) plain);
#else
  (void) s;
  (void) plain;
#endif
}

RecInputs *
rec_inputs_begin (RecCtx *ctx, RecInputs *in)
{
  in->ctx = ctx;
  in->start = (guint32) begin_piece (ctx->inputs, "{", 1);
  in->empty = TRUE;
  return in;
}

guint32
rec_inputs_end (RecInputs *in)
{
  GString *out = in->ctx->inputs;
  char *dst = json_out_reserve (out, 2);

  dst[0] = '}';
  dst[1] = '\0';                         /* its own NUL: the next object follows */
  json_out_commit (out, dst + 2);
  return set_piece_len (out, in->start, out->len - 1);
}

/* Writes the comma and @key, the member's "key": (REC_KEY(), @key_len
 * bytes), and returns where the value goes, with room for @value_len
 * bytes; the caller commits.  The keys are the engine's identifiers,
 * which need no escape. */
static inline char *
inputs_key (RecInputs *in, const char *key, gsize key_len, gsize value_len)
{
  char *dst = json_out_reserve (in->ctx->inputs, 1 + key_len + value_len);

  if (!in->empty)
    *dst++ = ',';
  in->empty = FALSE;
  return json_copy (dst, key, key_len);
}

/* A value that is constant text ("null", "true", "[" ...); inline, so
 * the copy is of a known size. */
static inline void
inputs_literal (RecInputs *in, const char *key, gsize key_len, const char *text, gsize len)
{
  char *dst = inputs_key (in, key, key_len, len);

  memcpy (dst, text, len);
  json_out_commit (in->ctx->inputs, dst + len);
}

/* Rule text @s as a JSON string: copied between quotes when its PlainLen
 * @plain says it needs no escape, as most does; NULL writes null. */
static void
put_rule_text (GString *out, const char *s, PlainLen plain)
{
  char *dst;

  if (s == NULL)
    {
      json_out_put (out, "null", 4);
      return;
    }
  if (plain < 0)
    {
      json_append_escaped (out, s, strlen (s));
      return;
    }
  check_plain_len (s, plain);
  dst = json_out_reserve (out, (gsize) plain + 2);
  *dst++ = '"';
  dst = json_copy (dst, s, (gsize) plain);
  *dst++ = '"';
  json_out_commit (out, dst);
}

void
rec_inputs_string_len (RecInputs *in, const char *key, gsize key_len, const char *s,
                       PlainLen plain)
{
  json_out_commit (in->ctx->inputs, inputs_key (in, key, key_len, 0));
  put_rule_text (in->ctx->inputs, s, plain);
}

void
rec_inputs_name_len (RecInputs *in, const char *key, gsize key_len, const char *name)
{
  gsize len;
  char *dst;

  if (name == NULL)
    {
      inputs_literal (in, key, key_len, "null", 4);
      return;
    }
  len = strlen (name);
  check_own_text (name, len);
  dst = inputs_key (in, key, key_len, len + 2);
  *dst++ = '"';
  dst = json_copy (dst, name, len);
  *dst++ = '"';
  json_out_commit (in->ctx->inputs, dst);
}

void
rec_inputs_number_len (RecInputs *in, const char *key, gsize key_len, gint64 v)
{
  char *dst = inputs_key (in, key, key_len, JSON_INT_MAX_LEN);

  json_out_commit (in->ctx->inputs, json_out_int (dst, v));
}

void
rec_inputs_flag_len (RecInputs *in, const char *key, gsize key_len, gboolean v)
{
  if (v)
    inputs_literal (in, key, key_len, "true", 4);
  else
    inputs_literal (in, key, key_len, "false", 5);
}

void
rec_inputs_array_begin_len (RecInputs *in, const char *key, gsize key_len)
{
  inputs_literal (in, key, key_len, "[", 1);
}

void
rec_inputs_array_string (RecInputs *in, guint index, const char *s, PlainLen plain)
{
  if (index > 0)
    json_out_put (in->ctx->inputs, ",", 1);
  put_rule_text (in->ctx->inputs, s, plain);
}

void
rec_inputs_array_end (RecInputs *in)
{
  json_out_put (in->ctx->inputs, "]", 1);
}

void
rec_inputs_date_text_len (RecInputs *in, const char *key, gsize key_len, gint32 day,
                          char text[DATE_TEXT_LEN + 1])
{
  char *dst;

  if (day == DATE_NONE)
    {
      text[0] = '\0';
      inputs_literal (in, key, key_len, "null", 4);
      return;
    }
  date_format_buf (day, text);
  /* YYYY-MM-DD (or ????-??-??): nothing to escape. */
  dst = inputs_key (in, key, key_len, DATE_TEXT_LEN + 2);
  *dst++ = '"';
  memcpy (dst, text, DATE_TEXT_LEN);
  dst += DATE_TEXT_LEN;
  *dst++ = '"';
  json_out_commit (in->ctx->inputs, dst);
}

void
rec_inputs_date_len (RecInputs *in, const char *key, gsize key_len, gint32 day)
{
  char text[DATE_TEXT_LEN + 1];

  rec_inputs_date_text_len (in, key, key_len, day, text);
}

void
rec_inputs_bool_len (RecInputs *in, const char *key, gsize key_len, const FactValue *fv)
{
  if (!fv->known)
    inputs_literal (in, key, key_len, "null", 4);
  else
    rec_inputs_flag_len (in, key, key_len, fv->value != 0);
}

void
rec_inputs_int_len (RecInputs *in, const char *key, gsize key_len, gboolean known, gint64 v)
{
  if (known)
    rec_inputs_number_len (in, key, key_len, v);
  else
    inputs_literal (in, key, key_len, "null", 4);
}

/* How much of the JSON escaping the engine's own text needs (a
 * REC_MESSAGE_* byte).  Its literals (formats, rec_text()) hold no control
 * character or '\\' and are valid UTF-8, so only a '"' (some English
 * messages quote a tier's name) needs a look, and memchr() is far cheaper
 * than json_is_plain() on the Chinese text that makes up most of a
 * message.  Debug builds check the precondition in full. */
static char
literal_escape (const char *s, gsize n)
{
  gboolean quote = memchr (s, '"', n) != NULL;

#ifndef NDEBUG
  /* Every run between two quotes needs no escape (a '"' never splits a
   * UTF-8 sequence). */
  for (const char *end = s + n;;)
    {
      const char *q = memchr (s, '"', (gsize) (end - s));

      g_assert (json_is_plain (s, (gsize) ((q != NULL ? q : end) - s)));
      if (q == NULL)
        break;
      s = q + 1;
    }
#endif
  return quote ? REC_MESSAGE_QUOTES : REC_MESSAGE_PLAIN;
}

guint32
rec_text (RecCtx *ctx, const char *s)
{
  gsize start = begin_piece (ctx->text, "", 0);
  gsize len = strlen (s);

  json_out_put (ctx->text, s, len);
  return end_message (ctx->text, start, literal_escape (s, len));
}

/* A message format taken apart once: its literal pieces, each followed by
 * a conversion.  The engine's formats are string literals (the printf
 * attribute and -Wformat-nonliteral make every call pass one), so a
 * format's address names the same text for the life of the process, and
 * the parse is kept per address (format_get()) instead of searching every
 * format for its conversions at every message. */
typedef enum {
  CONV_END = 0,                        /* the last piece: nothing after it */
  CONV_TEXT,                           /* %s: rule or case text */
  CONV_OWN_TEXT,                       /* %-s: the engine's own text */
  CONV_RULE_TEXT,                      /* %.*s: rule text after its PlainLen */
  CONV_INT,                            /* %d, %i */
  CONV_UINT,                           /* %u */
  CONV_LONG,                           /* %ld, %li */
  CONV_ULONG,                          /* %lu */
  CONV_PERCENT,                        /* %% */
} Conv;

#define FORMAT_MAX_PIECES 10           /* more conversions go to GLib's printf */

typedef struct {
  const char *format;
  guint16 len;                         /* strlen (format) */
  char escape;                         /* literal_escape() of the format */
  struct {
    guint16 start, len;                /* literal text: format[start .. start + len) */
    guint8 conv;                       /* Conv after it */
  } pieces[FORMAT_MAX_PIECES];
} Format;

/* Takes @format apart into @f; FALSE for a conversion format_apply() does
 * not know, or too many. */
static gboolean
format_parse (const char *format, Format *f)
{
  const char *p = format;
  gsize len = strlen (format);

  if (len > G_MAXUINT16)
    return FALSE;
  f->format = format;
  f->len = (guint16) len;
  /* '"' cannot be part of a conversion, so one look at the whole format
   * answers for all its literal text. */
  f->escape = literal_escape (format, len);
  for (guint i = 0; i < FORMAT_MAX_PIECES; i++)
    {
      const char *pct = strchr (p, '%');

      f->pieces[i].start = (guint16) (p - format);
      f->pieces[i].len = (guint16) ((pct != NULL ? pct : format + len) - p);
      if (pct == NULL)
        {
          f->pieces[i].conv = CONV_END;
          return TRUE;
        }
      p = pct + 1;
      switch (*p)
        {
        case 's': f->pieces[i].conv = CONV_TEXT; break;
        case 'd':
        case 'i': f->pieces[i].conv = CONV_INT; break;
        case 'u': f->pieces[i].conv = CONV_UINT; break;
        case '%': f->pieces[i].conv = CONV_PERCENT; break;
        case '.':
          if (p[1] != '*' || p[2] != 's')
            return FALSE;
          f->pieces[i].conv = CONV_RULE_TEXT;
          p += 2;
          break;
        case '-':
          if (p[1] != 's')
            return FALSE;
          f->pieces[i].conv = CONV_OWN_TEXT;
          p++;
          break;
        case 'l':
          if (p[1] == 'd' || p[1] == 'i')
            f->pieces[i].conv = CONV_LONG;
          else if (p[1] == 'u')
            f->pieces[i].conv = CONV_ULONG;
          else
            return FALSE;
          p++;
          break;
        default:
          return FALSE;
        }
      p++;
    }
  return FALSE;
}

/* Parsed formats by address, filled as formats are first used and never
 * emptied: like the literals they describe they last as long as the
 * process, at most FORMAT_SLOTS blocks of a few dozen bytes.  Lock-free
 * (a published entry never changes), so messages from many threads share
 * it. */
#define FORMAT_SLOTS 512               /* a power of two; the engine has about 80 formats */
#define FORMAT_PROBES 8

static Format *format_cache[FORMAT_SLOTS];

/* @format parsed: from the cache, or into @scratch when its slots are
 * taken; NULL when format_apply() cannot write it. */
static const Format *
format_get (const char *format, Format *scratch)
{
  guintptr a = (guintptr) format;
  guint slot = (guint) (a ^ a >> 9);

  for (guint i = 0; i < FORMAT_PROBES; i++, slot++)
    {
      Format **entry = &format_cache[slot % FORMAT_SLOTS];
      Format *f = g_atomic_pointer_get (entry);

      if (f == NULL)
        {
          if (!format_parse (format, scratch))
            return NULL;
          f = g_memdup2 (scratch, sizeof *scratch);
          if (g_atomic_pointer_compare_and_exchange (entry, NULL, f))
            return f;
          g_free (f);                  /* another thread took the slot first */
          return scratch;
        }
      if (f->format == format)
        return f;
    }
  return format_parse (format, scratch) ? scratch : NULL;
}

/* The text a conversion prints, found before the message is written. */
typedef struct {
  const char *s;
  gsize len;
} ArgText;

/* A %s argument: rule or case text, any bytes, so *@plain is cleared
 * unless JSON takes it as it is. */
static void
text_arg (ArgText *a, const char *s, gboolean *plain)
{
  a->s = s != NULL ? s : "(null)";     /* as glibc prints it */
  a->len = strlen (a->s);
  if (*plain)
    *plain = json_is_plain (a->s, a->len);
}

/* The text of the conversions of @f with the arguments @ap into @args
 * (numbers written into @digits), one per piece but the last; returns
 * their total length.  Beside the %s arguments, which may clear *@plain,
 * a %-s argument is the engine's own text and a %.*s one rule text after
 * its PlainLen, neither of which needs an escape (recommend-private.h):
 * debug builds check. */
static gsize
format_args (const Format *f, va_list ap, ArgText *args,
             char (*digits)[JSON_INT_MAX_LEN], gboolean *plain)
{
  gsize total = 0;

  for (guint i = 0; f->pieces[i].conv != CONV_END; i++)
    {
      ArgText *a = &args[i];

      switch ((Conv) f->pieces[i].conv)
        {
        case CONV_TEXT:
          text_arg (a, va_arg (ap, const char *), plain);
          break;
        case CONV_OWN_TEXT:
          a->s = va_arg (ap, const char *);
          if (G_UNLIKELY (a->s == NULL))
            a->s = "(null)";           /* as glibc prints it */
          a->len = strlen (a->s);
          check_own_text (a->s, a->len);
          break;
        case CONV_RULE_TEXT:
          {
            PlainLen len = va_arg (ap, int);

            a->s = va_arg (ap, const char *);
            if (len < 0 || a->s == NULL)     /* printf takes -1 as no precision */
              text_arg (a, a->s, plain);
            else
              {
                check_plain_len (a->s, len);
                a->len = (gsize) len;
              }
          }
          break;
        case CONV_INT:
          a->s = digits[i];
          a->len = (gsize) (json_out_int (digits[i], va_arg (ap, int)) - digits[i]);
          break;
        case CONV_UINT:
          a->s = digits[i];
          a->len = (gsize) (json_out_uint (digits[i], va_arg (ap, unsigned int)) - digits[i]);
          break;
        case CONV_LONG:
          a->s = digits[i];
          a->len = (gsize) (json_out_int (digits[i], va_arg (ap, long)) - digits[i]);
          break;
        case CONV_ULONG:
          a->s = digits[i];
          a->len = (gsize) (json_out_uint (digits[i], va_arg (ap, unsigned long)) - digits[i]);
          break;
        case CONV_PERCENT:
        case CONV_END:
        default:
          a->s = "%";
          a->len = 1;
          break;
        }
      total += a->len;
    }
  return total;
}

/* Writes the message @f describes with the arguments @ap as a piece of
 * @out (begin_piece() ... end_message(), in one): returns its offset.
 * The arguments' text is found first, so the whole message is written
 * into room made once. */
static guint32
format_apply (GString *out, const Format *f, va_list ap)
{
  ArgText args[FORMAT_MAX_PIECES];
  char digits[FORMAT_MAX_PIECES][JSON_INT_MAX_LEN];
  gboolean plain = TRUE;                   /* every %s argument */
  gsize len = format_args (f, ap, args, digits, &plain) + f->len;
  char *dst = json_out_reserve (out, sizeof (guint32) + len + 2) + sizeof (guint32);
  gsize start = (gsize) (dst - out->str);
  gsize end;

  for (guint i = 0;; i++)
    {
      /* Pieces are often empty ("%-s：%-s"): json_copy() writes nothing then. */
      dst = json_copy (dst, f->format + f->pieces[i].start, f->pieces[i].len);
      if (f->pieces[i].conv == CONV_END)
        break;
      dst = json_copy (dst, args[i].s, args[i].len);
    }
  end = (gsize) (dst - out->str);
  *dst++ = '\0';
  /* The literal text needs a '"' escaped at most, the %-s and %.*s
   * arguments nothing: the %s arguments decide. */
  *dst++ = plain ? f->escape : REC_MESSAGE_ESCAPE;
  json_out_commit (out, dst);
  return set_piece_len (out, start, end);
}

guint32
rec_textf (RecCtx *ctx, const char *format, ...)
{
  GString *out = ctx->text;
  Format scratch;
  const Format *f = format_get (format, &scratch);
  guint32 offset;
  va_list ap;

  va_start (ap, format);
  if (f != NULL)
    offset = format_apply (out, f, ap);
  else
    {
      gsize start = begin_piece (out, "", 0);

      g_string_append_vprintf (out, format, ap);
      offset = end_message (out, start, json_is_plain (out->str + start, out->len - start)
                                        ? REC_MESSAGE_PLAIN : REC_MESSAGE_ESCAPE);
    }
  va_end (ap);
  return offset;
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
