/* recommend.c: enforce_recommend(), steps 1-7 of docs/semantics.md.
 *
 * Everything is evaluated on the stack.  With the trace off the only
 * allocation is the result block (recommend-private.h); messages and
 * citations are produced only when the trace is asked for.  Missing inputs
 * are never defaulted: conditions use Kleene logic (cond.h) and whatever
 * leaves a step undecided is listed by its case path ("facts.area_m2",
 * "circumstances.harm", "dates.discovered") or rule path
 * ("parameters.rounding").
 */
#include "recommend-private.h"

#include <string.h>
#include <enforce/enforce-version.h>
#include "citation.h"

/* One evaluation: one benchmark under one version. */
typedef struct {
  const Benchmark *bm;
  const Version *v;
  EnforceOutcome outcome;
  gboolean discretionary;
  const char *decided_by;            /* static step code for a no-penalty outcome */
  gboolean not_covered;              /* the provision does not cover the party class */
  const Tier *tier;
  guint32 kinds;
  gboolean has_statutory;
  gint64 stat_min, stat_max;         /* centifen */
  gboolean has_range;
  gint64 min, max;                   /* centifen */
  gboolean has_amount;
  gint64 amount;                     /* fen */
  gboolean reduced;
  gboolean has_rounding;
  Rounding rounding;
  RecLists lists;
  GPtrArray *steps;                  /* trace only */
} Eval;

/* What the gates hand to the later steps. */
typedef struct {
  gboolean mandatory_mitigation;     /* Art. 30 ¶2: aged 14-17 */
  const Factor *extra[2];            /* minor_14_17, partial_capacity, when declared */
  guint n_extra;
} GateOut;

typedef struct {
  RecCtx *ctx;
  const Benchmark *bm;
  const Version *v;
  const FactValue *values;
  gint32 law_date;                   /* act, or act_end for continuing acts */
  Eval *e;
  GateOut *out;
} GateIn;

static const char *const builtin_paths[BUILTIN_COUNT] = {
  "circumstances.minor",
  "circumstances.corrected",
  "circumstances.harm",
  "circumstances.first_violation",
  "circumstances.no_fault",
};

/* ------------------------------------------------------------------ */
/* Lists                                                               */

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

static void
add_missing_scope (RecCtx *ctx, RecLists *l, const Benchmark *bm, guint index)
{
  if (index < bm->n_facts)
    add_missing_composed (ctx, l, "facts.", bm->facts[index].name);
  else if (index - bm->n_facts < BUILTIN_COUNT)
    rec_add_missing (l, builtin_paths[index - bm->n_facts]);
}

static void
add_missing_mask (RecCtx *ctx, RecLists *l, const Benchmark *bm, guint64 mask)
{
  for (guint i = 0; i < bm->n_scope && i < 64; i++)
    if (mask & (G_GUINT64_CONSTANT (1) << i))
      add_missing_scope (ctx, l, bm, i);
}

static void
merge_missing (RecLists *into, const RecLists *from)
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

static void
note_citation (RecLists *l, const Citation *c, const char *name)
{
  if (c->article != 0 && !c->verified)
    rec_add_note (l, NOTE_CITATION, c, name, 0);
}

void
rec_note_param (RecLists *l, ParamId id, const Param *p)
{
  if (!p->verified)
    rec_add_note (l, NOTE_PARAM, p, param_name (id), 0);
  else
    note_citation (l, &p->basis, param_name (id));
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

gboolean
rec_law_citation (const RecCtx *ctx, guint article, guint paragraph, Citation *out)
{
  if (ctx->apl == NULL)
    return FALSE;
  memset (out, 0, sizeof *out);
  out->instrument = ctx->apl;
  out->article = (guint16) article;
  out->paragraph = (guint16) paragraph;
  /* The article numbers the engine cites itself are confirmed in the
   * 2021 text (LAW-FACTS §1). */
  out->verified = TRUE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Trace helpers (only called when ctx->trace)                         */

typedef struct {
  GString *s;
  JsonWriter w;
} Inputs;

static JsonWriter *
inputs_begin (Inputs *in)
{
  in->s = g_string_new (NULL);
  json_writer_init (&in->w, in->s);
  json_writer_begin_object (&in->w);
  return &in->w;
}

static char *
inputs_end (Inputs *in)
{
  json_writer_end_object (&in->w);
  return g_string_free (in->s, FALSE);
}

static void
inputs_date (JsonWriter *w, const char *key, gint32 day)
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

static void
inputs_bool (JsonWriter *w, const char *key, const FactValue *fv)
{
  json_writer_key (w, key);
  if (!fv->known)
    json_writer_null (w);
  else
    json_writer_bool (w, fv->value != 0);
}

static const char *
tri_zh (Tri t)
{
  return t == TRI_TRUE ? "是" : t == TRI_FALSE ? "否" : "待定";
}

static const char *
tri_en (Tri t)
{
  return t == TRI_TRUE ? "yes" : t == TRI_FALSE ? "no" : "undetermined";
}

static const Citation *
law_or_null (const RecCtx *ctx, guint article, guint paragraph, Citation *buf)
{
  return rec_law_citation (ctx, article, paragraph, buf) ? buf : NULL;
}

/* ------------------------------------------------------------------ */
/* Binding the case's facts to a benchmark's declarations              */

static void
set_case_error (GError **error, EnforceErrorCode code, const EnforceCase *k,
                guint32 line, guint32 col, const char *format, ...) G_GNUC_PRINTF (6, 7);

/* "case.yaml:3:5: facts.area_m2: ..." (the position when the case gave one). */
static void
set_case_error (GError **error, EnforceErrorCode code, const EnforceCase *k,
                guint32 line, guint32 col, const char *format, ...)
{
  va_list ap;
  char *text;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (line > 0)
    g_set_error (error, ENFORCE_ERROR, code, "%s:%u:%u: %s",
                 k->name ? k->name : "case", line, col, text);
  else
    g_set_error (error, ENFORCE_ERROR, code, "%s: %s", k->name ? k->name : "case", text);
  g_free (text);
}

static int
find_fact (const Benchmark *bm, const char *name)
{
  for (guint i = 0; i < bm->n_facts; i++)
    if (strcmp (bm->facts[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* Integer grammar of docs/rule-format.md: -?[0-9]+, no leading zeros. */
static gboolean
parse_integer (const char *s, gint64 *out)
{
  gboolean neg = FALSE;
  gint64 v = 0;

  if (*s == '-')
    {
      neg = TRUE;
      s++;
    }
  if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] != '\0'))
    return FALSE;
  for (; *s; s++)
    {
      if (*s < '0' || *s > '9')
        return FALSE;
      if (!checked_mul (v, 10, &v) || !checked_add (v, *s - '0', &v))
        return FALSE;
    }
  *out = neg ? -v : v;
  return TRUE;
}

/* Types one raw scalar by its declaration; FALSE when it does not parse. */
static gboolean
parse_fact (const FactDecl *d, const CaseFact *f, FactValue *out)
{
  gsize len = strlen (f->text);
  gboolean plain = f->style == SCALAR_PLAIN;

  /* An explicit null says "not known", which is what an absent fact says. */
  if (plain && strcmp (f->text, "null") == 0)
    {
      out->known = FALSE;
      out->value = 0;
      return TRUE;
    }
  out->known = TRUE;
  switch (d->type)
    {
    case FACT_BOOL:
      if (!plain)
        return FALSE;
      if (strcmp (f->text, "true") == 0)
        out->value = 1;
      else if (strcmp (f->text, "false") == 0)
        out->value = 0;
      else
        return FALSE;
      return TRUE;
    case FACT_INTEGER:
      return plain && parse_integer (f->text, &out->value);
    case FACT_NUMBER:
    case FACT_MONEY:
      return decimal2_parse (f->text, len, &out->value);
    case FACT_ENUM:
      for (guint i = 0; i < d->n_enum; i++)
        if (strcmp (d->enum_values[i], f->text) == 0)
          {
            out->value = i;
            return TRUE;
          }
      return FALSE;
    case FACT_DATE:
      {
        gint32 day;

        if (!enforce_date_parse (f->text, len, &day, NULL))
          return FALSE;
        out->value = day;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

static const char *
fact_type_name (FactType t)
{
  switch (t)
    {
    case FACT_BOOL: return "bool";
    case FACT_INTEGER: return "integer";
    case FACT_NUMBER: return "number";
    case FACT_ENUM: return "enum";
    case FACT_MONEY: return "money";
    case FACT_DATE: return "date";
    default: return "?";
    }
}

/* First violation (Art. 33 ¶1, second sentence), derived from the prior
 * violations when the case does not state it: no earlier violation of the
 * same provision before the act. */
static void
derive_first_violation (const EnforceCase *k, const Benchmark *bm, FactValue *fv)
{
  if (fv->known || !k->has_priors)
    return;
  fv->known = TRUE;
  fv->value = 1;
  for (guint i = 0; i < k->n_priors; i++)
    {
      const PriorViolation *p = &k->priors[i];

      if (p->benchmark == NULL || strcmp (p->benchmark, bm->id) != 0)
        continue;
      if (k->act != DATE_NONE && p->date != DATE_NONE && p->date >= k->act)
        continue;
      fv->value = 0;
      return;
    }
}

static gboolean
bind_facts (const EnforceCase *k, const Benchmark *bm, FactValue *values, GError **error)
{
  if (bm->n_scope > COND_MAX_FACTS || bm->n_scope != bm->n_facts + BUILTIN_COUNT)
    {
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_FAILED,
                   "benchmark %s: condition scope of %u facts is inconsistent",
                   bm->id, bm->n_scope);
      return FALSE;
    }
  for (guint i = 0; i < bm->n_facts; i++)
    {
      values[i].known = FALSE;
      values[i].value = 0;
    }
  for (guint b = 0; b < BUILTIN_COUNT; b++)
    values[bm->n_facts + b] = k->builtins[b];
  derive_first_violation (k, bm, &values[bm->n_facts + BUILTIN_FIRST_VIOLATION]);

  for (guint i = 0; i < k->n_facts; i++)
    {
      const CaseFact *f = &k->facts[i];
      int j = find_fact (bm, f->name);

      if (j < 0)
        continue;               /* declared by another candidate (checked before) */
      if (!parse_fact (&bm->facts[j], f, &values[j]))
        {
          set_case_error (error, ENFORCE_ERROR_FACT_TYPE, k, f->line, f->col,
                          "facts.%s: \"%s\" is not a valid %s for benchmark %s",
                          f->name, f->text, fact_type_name (bm->facts[j].type), bm->id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Every case fact must be declared, and every factor recognised, by at
 * least one candidate provision (a case error otherwise). */
static gboolean
check_case_names (const RecCtx *ctx, const Benchmark *const *cands, guint n, GError **error)
{
  const EnforceCase *k = ctx->kase;

  for (guint i = 0; i < k->n_facts; i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < n && !found; c++)
        found = find_fact (cands[c], k->facts[i].name) >= 0;
      if (!found)
        {
          set_case_error (error, ENFORCE_ERROR_UNKNOWN_FACT, k, k->facts[i].line, k->facts[i].col,
                          "facts.%s: not a fact declared by benchmark %s",
                          k->facts[i].name, cands[0]->id);
          return FALSE;
        }
    }
  if (k->n_factors > 64)
    {
      set_case_error (error, ENFORCE_ERROR_LIMIT_ITEMS, k, 0, 0,
                      "factors: %u codes given, at most 64 are accepted", k->n_factors);
      return FALSE;
    }
  for (guint i = 0; i < k->n_factors; i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < n && !found; c++)
        for (guint v = 0; v < cands[c]->n_versions && !found; v++)
          found = rules_find_factor (ctx->rules, &cands[c]->versions[v], k->factors[i]) != NULL;
      if (!found)
        {
          set_case_error (error, ENFORCE_ERROR_UNKNOWN_FACTOR, k, 0, 0,
                          "factors[%u]: unknown factor code \"%s\"", i, k->factors[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Step 1: resolve                                                     */

static gboolean
add_candidate (const RecCtx *ctx, const Benchmark **cands, guint *n, const Benchmark *bm,
               GError **error)
{
  for (guint i = 0; i < *n; i++)
    if (cands[i] == bm)
      return TRUE;
  if (*n >= REC_MAX_CANDIDATES)
    {
      set_case_error (error, ENFORCE_ERROR_LIMIT_ITEMS, ctx->kase, 0, 0,
                      "benchmarks: more than %d candidate provisions", REC_MAX_CANDIDATES);
      return FALSE;
    }
  cands[(*n)++] = bm;
  return TRUE;
}

static gboolean
resolve_candidates (const RecCtx *ctx, const Benchmark **cands, guint *n, const Power **power,
                    GError **error)
{
  const EnforceCase *k = ctx->kase;

  *n = 0;
  *power = NULL;
  if (k->n_benchmarks > 0)
    {
      for (guint i = 0; i < k->n_benchmarks; i++)
        {
          const Benchmark *bm = rules_find_benchmark (ctx->rules, k->benchmarks[i]);

          if (bm == NULL)
            {
              if (k->n_benchmarks == 1)
                set_case_error (error, ENFORCE_ERROR_UNKNOWN_BENCHMARK, k, 0, 0,
                                "benchmark: unknown benchmark \"%s\"", k->benchmarks[i]);
              else
                set_case_error (error, ENFORCE_ERROR_UNKNOWN_BENCHMARK, k, 0, 0,
                                "benchmarks[%u]: unknown benchmark \"%s\"", i, k->benchmarks[i]);
              return FALSE;
            }
          if (!add_candidate (ctx, cands, n, bm, error))
            return FALSE;
        }
      return TRUE;
    }
  if (k->power != NULL)
    {
      const Power *p = rules_find_power (ctx->rules, k->power);

      if (p == NULL || p->n_benchmarks == 0)
        {
          set_case_error (error, ENFORCE_ERROR_UNKNOWN_BENCHMARK, k, 0, 0,
                          p ? "power: power \"%s\" names no benchmark"
                            : "power: unknown power code \"%s\"", k->power);
          return FALSE;
        }
      *power = p;
      for (guint i = 0; i < p->n_benchmarks; i++)
        if (!add_candidate (ctx, cands, n, p->benchmarks[i], error))
          return FALSE;
      return TRUE;
    }
  set_case_error (error, ENFORCE_ERROR_INVALID_CASE, k, 0, 0,
                  "benchmark: the case names no benchmark, benchmarks or power");
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Step 3: gates                                                       */

static Tri
tri_of (const FactValue *fv)
{
  return !fv->known ? TRI_UNKNOWN : fv->value ? TRI_TRUE : TRI_FALSE;
}

/* The built-in `harm` is an enum over harm_names (names.c): none, minor,
 * serious. */
#define HARM_NONE 0

/* The period ends on the anniversary: discovery on that day is still in
 * time, the day after is not (Art. 36).  @years years span between 365 and
 * 366 days each, so the day count alone decides all but the last days. */
static gboolean
expired_after_years (gint32 start, gint32 discovered, gint64 years)
{
  gint64 days = (gint64) discovered - start;

  if (years < 0 || years > 1000)
    return discovered > date_add_years (start, (int) CLAMP (years, 0, 1000));
  if (days <= 365 * years)
    return FALSE;
  if (days > 366 * years)
    return TRUE;
  return discovered > date_add_years (start, (int) years);
}

/* Expired under a period of @p's years, or unknown (listing the parameter). */
static Tri
limitation_expired (GateIn *in, ParamId id, gint32 start, int *years_out)
{
  const Param *p = rules_param (in->ctx->rules, id, in->law_date);

  if (p == NULL || !p->known)
    {
      rec_add_missing (&in->e->lists, rec_param_path (id));
      return TRI_UNKNOWN;
    }
  rec_note_param (&in->e->lists, id, p);
  *years_out = (int) p->value;
  return expired_after_years (start, in->ctx->kase->discovered, p->value) ? TRI_TRUE : TRI_FALSE;
}

/* Art. 36 limitation: 2 years, 5 for life/health/finance with harm. */
static Tri
gate_limitation (GateIn *in)
{
  const EnforceCase *k = in->ctx->kase;
  gint32 start = k->act_end != DATE_NONE ? k->act_end : k->act;
  const FactValue *harm = &in->values[in->bm->n_facts + BUILTIN_HARM];
  const gint64 none = HARM_NONE;
  gboolean need_short = !in->bm->life_health_finance || !harm->known || harm->value == none;
  gboolean need_long = in->bm->life_health_finance && (!harm->known || harm->value != none);
  Tri t_short = TRI_FALSE, t_long = TRI_FALSE, t;
  int y_short = 0, y_long = 0;

  if (k->discovered == DATE_NONE)
    {
      rec_add_missing (&in->e->lists, "dates.discovered");
      t = TRI_UNKNOWN;
    }
  else
    {
      if (need_short)
        t_short = limitation_expired (in, PARAM_LIMITATION_YEARS, start, &y_short);
      if (need_long)
        t_long = limitation_expired (in, PARAM_LIMITATION_LONG_YEARS, start, &y_long);
      if (need_short && need_long)
        {
          t = t_short == t_long ? t_short : TRI_UNKNOWN;
          if (t == TRI_UNKNOWN && t_short != TRI_UNKNOWN && t_long != TRI_UNKNOWN)
            rec_add_missing (&in->e->lists, builtin_paths[BUILTIN_HARM]);
        }
      else
        t = need_long ? t_long : t_short;
    }

  if (in->ctx->trace)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      Citation c;
      char sbuf[11] = "", dbuf[11] = "";
      int years = need_long && !need_short ? y_long : y_short;

      inputs_date (w, "start", start);
      inputs_date (w, "discovered", k->discovered);
      json_writer_member_int (w, "years", years);
      json_writer_member_bool (w, "life_health_finance", in->bm->life_health_finance);
      if (start != DATE_NONE)
        date_format_buf (start, sbuf);
      if (k->discovered != DATE_NONE)
        date_format_buf (k->discovered, dbuf);
      rec_step_add (in->e->steps, "gate.limitation", inputs_end (&inp),
                    g_strdup_printf ("追责时效%d年，自%s起算，发现日期%s：%s",
                                     years, sbuf, dbuf[0] ? dbuf : "未提供",
                                     t == TRI_TRUE ? "已超过时效，不再给予行政处罚"
                                     : t == TRI_FALSE ? "未超过时效" : "无法判断"),
                    g_strdup_printf ("Limitation %d years from %s, discovered %s: %s",
                                     years, sbuf, dbuf[0] ? dbuf : "not given",
                                     t == TRI_TRUE ? "expired, no penalty"
                                     : t == TRI_FALSE ? "not expired" : "cannot be decided"),
                    law_or_null (in->ctx, 36, 0, &c));
    }
  return t;
}

static void
gate_extra_factor (GateIn *in, const char *code)
{
  const Factor *f = rules_find_factor (in->ctx->rules, in->v, code);

  if (f != NULL && in->out->n_extra < G_N_ELEMENTS (in->out->extra))
    in->out->extra[in->out->n_extra++] = f;
}

/* Art. 30: under 14 no penalty; 14-17 mandatory mitigation. */
static Tri
gate_age (GateIn *in)
{
  const EnforceCase *k = in->ctx->kase;
  gint64 age = -1;
  Tri t;

  if (k->party != PARTY_INDIVIDUAL)
    return TRI_FALSE;
  if (k->birth_date != DATE_NONE)
    age = date_age_on (k->birth_date, k->act);
  else if (k->age >= 0)
    age = k->age;
  if (age < 0)
    {
      rec_add_missing (&in->e->lists, "party.birth_date");
      t = TRI_UNKNOWN;
    }
  else
    t = age < 14 ? TRI_TRUE : TRI_FALSE;
  if (t == TRI_FALSE && age < 18)
    {
      in->out->mandatory_mitigation = TRUE;
      gate_extra_factor (in, "minor_14_17");
    }

  if (in->ctx->trace)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      Citation c;

      inputs_date (w, "birth_date", k->birth_date);
      json_writer_key (w, "age");
      if (age < 0)
        json_writer_null (w);
      else
        json_writer_int (w, age);
      if (t == TRI_UNKNOWN)
        rec_step_add (in->e->steps, "gate.age", inputs_end (&inp),
                      g_strdup ("未提供出生日期或年龄，无法判断是否不满十四周岁"),
                      g_strdup ("Neither birth date nor age given: cannot tell whether under 14"),
                      law_or_null (in->ctx, 30, 0, &c));
      else if (t == TRI_TRUE)
        rec_step_add (in->e->steps, "gate.age", inputs_end (&inp),
                      g_strdup_printf ("违法时不满十四周岁（%" G_GINT64_FORMAT "周岁），不予处罚，责令监护人加以管教", age),
                      g_strdup_printf ("Under 14 at the time of the act (%" G_GINT64_FORMAT "): no penalty; the guardian is told to discipline", age),
                      law_or_null (in->ctx, 30, 0, &c));
      else if (age < 18)
        rec_step_add (in->e->steps, "gate.age", inputs_end (&inp),
                      g_strdup_printf ("已满十四周岁不满十八周岁（%" G_GINT64_FORMAT "周岁），应当从轻或者减轻处罚", age),
                      g_strdup_printf ("Aged 14 to 17 (%" G_GINT64_FORMAT "): a lighter or reduced penalty is mandatory", age),
                      law_or_null (in->ctx, 30, 0, &c));
      else
        rec_step_add (in->e->steps, "gate.age", inputs_end (&inp),
                      g_strdup_printf ("违法时已满十八周岁（%" G_GINT64_FORMAT "周岁）", age),
                      g_strdup_printf ("Aged 18 or over at the time of the act (%" G_GINT64_FORMAT ")", age),
                      law_or_null (in->ctx, 30, 0, &c));
    }
  return t;
}

/* Art. 31: no capacity no penalty; partial capacity may mitigate. */
static Tri
gate_capacity (GateIn *in)
{
  const EnforceCase *k = in->ctx->kase;
  Tri t;

  if (k->party != PARTY_INDIVIDUAL)
    return TRI_FALSE;
  if (!k->has_capacity)
    {
      rec_add_missing (&in->e->lists, "party.capacity");
      t = TRI_UNKNOWN;
    }
  else
    t = k->capacity == CAPACITY_NONE ? TRI_TRUE : TRI_FALSE;
  if (t == TRI_FALSE && k->capacity == CAPACITY_PARTIAL)
    gate_extra_factor (in, "partial_capacity");

  if (in->ctx->trace)
    {
      static const char *const names[] = { "full", "partial", "none" };
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      Citation c;

      json_writer_member_string (w, "capacity",
                                 k->has_capacity && (guint) k->capacity < 3 ? names[k->capacity] : NULL);
      if (t == TRI_UNKNOWN)
        rec_step_add (in->e->steps, "gate.capacity", inputs_end (&inp),
                      g_strdup ("未提供责任能力，无法判断"),
                      g_strdup ("Capacity not given: cannot decide"),
                      law_or_null (in->ctx, 31, 0, &c));
      else if (t == TRI_TRUE)
        rec_step_add (in->e->steps, "gate.capacity", inputs_end (&inp),
                      g_strdup ("不能辨认或者不能控制自己行为，不予处罚，责令监护人严加看管和治疗"),
                      g_strdup ("Could not recognise or control the conduct: no penalty; the guardian is ordered to supervise"),
                      law_or_null (in->ctx, 31, 0, &c));
      else if (k->capacity == CAPACITY_PARTIAL)
        rec_step_add (in->e->steps, "gate.capacity", inputs_end (&inp),
                      g_strdup ("尚未完全丧失辨认或者控制能力，可以从轻或者减轻处罚"),
                      g_strdup ("Capacity not fully lost: a lighter or reduced penalty may apply"),
                      law_or_null (in->ctx, 31, 0, &c));
      else
        rec_step_add (in->e->steps, "gate.capacity", inputs_end (&inp),
                      g_strdup ("具有完全责任能力"),
                      g_strdup ("Full capacity"),
                      law_or_null (in->ctx, 31, 0, &c));
    }
  return t;
}

/* Art. 33 ¶2: no fault, no penalty. */
static Tri
gate_no_fault (GateIn *in)
{
  const FactValue *fv = &in->values[in->bm->n_facts + BUILTIN_NO_FAULT];
  Tri t = tri_of (fv);

  if (t == TRI_UNKNOWN)
    rec_add_missing (&in->e->lists, builtin_paths[BUILTIN_NO_FAULT]);
  if (in->ctx->trace)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      Citation c;

      inputs_bool (w, "no_fault", fv);
      rec_step_add (in->e->steps, "gate.no_fault", inputs_end (&inp),
                    g_strdup_printf ("有证据足以证明没有主观过错：%s", tri_zh (t)),
                    g_strdup_printf ("Sufficient evidence of no fault: %s", tri_en (t)),
                    law_or_null (in->ctx, 33, 2, &c));
    }
  return t;
}

static Tri
kleene_and (Tri a, Tri b)
{
  if (a == TRI_FALSE || b == TRI_FALSE)
    return TRI_FALSE;
  return a == TRI_TRUE && b == TRI_TRUE ? TRI_TRUE : TRI_UNKNOWN;
}

/* The exemptions of @kind, or-ed: TRUE with the one that held, or the
 * missing facts of those left unknown. */
static Tri
exemptions_hold (GateIn *in, ExemptionKind kind, const Exemption **held, guint64 *missing,
                 gboolean *any)
{
  Tri result = TRI_FALSE;

  *held = NULL;
  *missing = 0;
  *any = FALSE;
  for (guint i = 0; i < in->v->n_exemptions; i++)
    {
      const Exemption *ex = &in->v->exemptions[i];
      guint64 m = 0;
      Tri t;

      if (ex->kind != kind)
        continue;
      *any = TRUE;
      t = ex->when ? cond_eval (ex->when, in->values, &m) : TRI_TRUE;
      if (t == TRI_TRUE)
        {
          *held = ex;
          return TRI_TRUE;
        }
      if (t == TRI_UNKNOWN)
        {
          result = TRI_UNKNOWN;
          *missing |= m;
        }
    }
  return result;
}

static void
note_exemption (GateIn *in, const Exemption *ex)
{
  if (ex == NULL)
    return;
  if (!ex->provenance.verified)
    rec_add_note (&in->e->lists, NOTE_EXEMPTION, ex, ex->text ? ex->text : in->bm->id, 0);
  note_citation (&in->e->lists, &ex->basis, in->bm->id);
}

/* Art. 33 ¶1: minor, corrected and harmless → no penalty (mandatory), or a
 * benchmark's 轻微不罚 exemption holds. */
static Tri
gate_minor (GateIn *in)
{
  const FactValue *v = in->values + in->bm->n_facts;
  const FactValue *harm = &v[BUILTIN_HARM];
  Tri harm_none = !harm->known ? TRI_UNKNOWN
                  : harm->value == HARM_NONE ? TRI_TRUE : TRI_FALSE;
  Tri law = kleene_and (kleene_and (tri_of (&v[BUILTIN_MINOR]), tri_of (&v[BUILTIN_CORRECTED])), harm_none);
  const Exemption *held;
  guint64 ex_missing;
  gboolean any;
  Tri ex = exemptions_hold (in, EXEMPT_MINOR, &held, &ex_missing, &any);
  Tri t = law == TRI_TRUE || ex == TRI_TRUE ? TRI_TRUE
          : law == TRI_FALSE && ex == TRI_FALSE ? TRI_FALSE : TRI_UNKNOWN;

  if (t == TRI_UNKNOWN)
    {
      if (law == TRI_UNKNOWN)
        {
          if (!v[BUILTIN_MINOR].known)
            rec_add_missing (&in->e->lists, builtin_paths[BUILTIN_MINOR]);
          if (!v[BUILTIN_CORRECTED].known)
            rec_add_missing (&in->e->lists, builtin_paths[BUILTIN_CORRECTED]);
          if (!harm->known)
            rec_add_missing (&in->e->lists, builtin_paths[BUILTIN_HARM]);
        }
      if (ex == TRI_UNKNOWN)
        add_missing_mask (in->ctx, &in->e->lists, in->bm, ex_missing);
    }
  if (t == TRI_TRUE && law != TRI_TRUE)
    note_exemption (in, held);

  if (in->ctx->trace)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      Citation c;
      const Citation *cite = held && law != TRI_TRUE && held->basis.article ? &held->basis
                             : law_or_null (in->ctx, 33, 1, &c);

      inputs_bool (w, "minor", &v[BUILTIN_MINOR]);
      inputs_bool (w, "corrected", &v[BUILTIN_CORRECTED]);
      json_writer_member_string (w, "harm", harm->known && harm->value >= 0
                                 && (guint) harm->value < in->bm->scope[in->bm->n_facts + BUILTIN_HARM].n_enum
                                 ? in->bm->scope[in->bm->n_facts + BUILTIN_HARM].enum_values[harm->value]
                                 : NULL);
      json_writer_member_string (w, "exemption", held ? held->text : NULL);
      if (t == TRI_TRUE && law == TRI_TRUE)
        rec_step_add (in->e->steps, "gate.minor", inputs_end (&inp),
                      g_strdup ("违法行为轻微并及时改正，没有造成危害后果，不予处罚"),
                      g_strdup ("Minor violation, corrected promptly, no harm: no penalty (mandatory)"),
                      cite);
      else if (t == TRI_TRUE)
        rec_step_add (in->e->steps, "gate.minor", inputs_end (&inp),
                      g_strdup_printf ("符合轻微不罚情形：%s，不予处罚", held && held->text ? held->text : ""),
                      g_strdup_printf ("A minor-violation exemption holds (%s): no penalty (mandatory)", held && held->text ? held->text : ""),
                      cite);
      else
        rec_step_add (in->e->steps, "gate.minor", inputs_end (&inp),
                      g_strdup_printf ("轻微不罚：%s", tri_zh (t)),
                      g_strdup_printf ("Minor violation exemption (Art. 33 ¶1): %s", tri_en (t)),
                      cite);
    }
  return t;
}

/* Art. 33 ¶1 second sentence: a benchmark's 首违免罚 exemption holds → no
 * penalty, discretionary. */
static Tri
gate_first_violation (GateIn *in)
{
  const Exemption *held;
  guint64 missing;
  gboolean any;
  Tri t = exemptions_hold (in, EXEMPT_FIRST_VIOLATION, &held, &missing, &any);

  if (t == TRI_UNKNOWN)
    add_missing_mask (in->ctx, &in->e->lists, in->bm, missing);
  if (t == TRI_TRUE)
    note_exemption (in, held);
  if (in->ctx->trace)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      Citation c;
      const Citation *cite = held && held->basis.article ? &held->basis : law_or_null (in->ctx, 33, 1, &c);

      inputs_bool (w, "first_violation", &in->values[in->bm->n_facts + BUILTIN_FIRST_VIOLATION]);
      json_writer_member_bool (w, "exemption_listed", any);
      if (!any)
        rec_step_add (in->e->steps, "gate.first_violation", inputs_end (&inp),
                      g_strdup ("本基准未列首违免罚情形"),
                      g_strdup ("The benchmark lists no first-violation exemption"),
                      cite);
      else if (t == TRI_TRUE)
        rec_step_add (in->e->steps, "gate.first_violation", inputs_end (&inp),
                      g_strdup_printf ("符合首违免罚情形：%s，可以不予处罚（裁量）", held->text ? held->text : ""),
                      g_strdup_printf ("A first-violation exemption holds (%s): no penalty may be imposed (discretionary)", held->text ? held->text : ""),
                      cite);
      else
        rec_step_add (in->e->steps, "gate.first_violation", inputs_end (&inp),
                      g_strdup_printf ("首违免罚：%s", tri_zh (t)),
                      g_strdup_printf ("First-violation exemption: %s", tri_en (t)),
                      cite);
    }
  return t;
}

/* 拒不改正 / 逾期不改正: the penalty is due only once the order to correct
 * was refused or not met in time. */
static Tri
gate_trigger (GateIn *in)
{
  static const char *const outcomes[] = { "complied", "refused", "overdue", "pending" };
  const EnforceCase *k = in->ctx->kase;
  Tri t;

  if (in->bm->trigger == TRIGGER_IMMEDIATE)
    return TRI_FALSE;
  if (!k->has_correction)
    {
      rec_add_missing (&in->e->lists, "correction.outcome");
      t = TRI_UNKNOWN;
    }
  else
    t = k->correction == CORRECTION_COMPLIED || k->correction == CORRECTION_PENDING
        ? TRI_TRUE : TRI_FALSE;

  if (in->ctx->trace)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      const char *trig = in->bm->trigger == TRIGGER_REFUSED ? "refused" : "overdue";

      json_writer_member_string (w, "trigger", trig);
      json_writer_member_string (w, "outcome", k->has_correction && (guint) k->correction < 4
                                 ? outcomes[k->correction] : NULL);
      if (t == TRI_UNKNOWN)
        rec_step_add (in->e->steps, "gate.trigger", inputs_end (&inp),
                      g_strdup ("须拒不改正或逾期不改正方可处罚，未提供责令改正结果"),
                      g_strdup ("The penalty requires a refused or overdue order to correct; its outcome is not given"),
                      &in->bm->penalized_by);
      else if (t == TRI_TRUE)
        rec_step_add (in->e->steps, "gate.trigger", inputs_end (&inp),
                      g_strdup ("当事人已按要求改正或改正期限未届满，仅责令改正，不予处罚"),
                      g_strdup ("The party complied or the deadline is pending: order to correct only, no penalty"),
                      &in->bm->penalized_by);
      else
        rec_step_add (in->e->steps, "gate.trigger", inputs_end (&inp),
                      g_strdup ("责令改正后拒不改正或逾期不改正，应予处罚"),
                      g_strdup ("The order to correct was refused or not met in time: the penalty applies"),
                      &in->bm->penalized_by);
    }
  return t;
}

typedef Tri (*GateFn) (GateIn *in);

static const struct {
  const char *code;
  GateFn fn;
} gates[] = {
  { "gate.limitation", gate_limitation },
  { "gate.age", gate_age },
  { "gate.capacity", gate_capacity },
  { "gate.no_fault", gate_no_fault },
  { "gate.minor", gate_minor },
  { "gate.first_violation", gate_first_violation },
  { "gate.trigger", gate_trigger },
};

static void
education_step (RecCtx *ctx, Eval *e)
{
  Citation c;

  if (!ctx->trace)
    return;
  rec_step_add (e->steps, "education", g_strdup ("{}"),
                g_strdup ("不予行政处罚的，应当对当事人进行教育"),
                g_strdup ("No penalty is imposed: the party must be educated (Art. 33 ¶3)"),
                law_or_null (ctx, 33, 3, &c));
}

/* ------------------------------------------------------------------ */
/* Step 4: tier                                                        */

/* First tier whose condition holds; TRI_UNKNOWN (with the missing facts)
 * when an undecided condition comes before any that holds; TRI_FALSE
 * when none holds. */
static Tri
select_tier (RecCtx *ctx, const Version *v, const Benchmark *bm, const FactValue *values,
             Eval *e, const Tier **tier)
{
  *tier = NULL;
  for (guint i = 0; i < v->n_tiers; i++)
    {
      const Tier *t = &v->tiers[i];
      guint64 missing = 0;
      Tri r = t->when ? cond_eval (t->when, values, &missing) : TRI_TRUE;

      if (r == TRI_TRUE)
        {
          *tier = t;
          return TRI_TRUE;
        }
      if (r == TRI_UNKNOWN)
        {
          add_missing_mask (ctx, &e->lists, bm, missing);
          if (ctx->trace)
            {
              Inputs inp;
              JsonWriter *w = inputs_begin (&inp);

              json_writer_member_string (w, "tier", t->name);
              json_writer_member_string (w, "when", cond_source (t->when));
              rec_step_add (e->steps, "tier", inputs_end (&inp),
                            g_strdup_printf ("阶次“%s”的适用条件（%s）因缺少事实无法判断", t->name, cond_source (t->when)),
                            g_strdup_printf ("The condition of tier \"%s\" (%s) cannot be decided: facts are missing", t->name, cond_source (t->when)),
                            &bm->penalized_by);
            }
          return TRI_UNKNOWN;
        }
    }
  return TRI_FALSE;
}

static void
tier_step (RecCtx *ctx, const Benchmark *bm, Eval *e, const Tier *t)
{
  Inputs inp;
  JsonWriter *w;

  if (!ctx->trace)
    return;
  w = inputs_begin (&inp);
  json_writer_member_string (w, "tier", t ? t->name : NULL);
  json_writer_member_string (w, "when", t && t->when ? cond_source (t->when) : NULL);
  if (t == NULL)
    rec_step_add (e->steps, "tier", inputs_end (&inp),
                  g_strdup ("无阶次适用，按法定罚则"),
                  g_strdup ("No tier applies: the statutory penalty applies"),
                  &bm->penalized_by);
  else
    rec_step_add (e->steps, "tier", inputs_end (&inp),
                  g_strdup_printf ("适用阶次“%s”（%s%s）：%s", t->name, tier_class_label_zh (t->cls),
                       t->statutory ? "，法定情形：罚款由罚则直接规定" : "", t->text ? t->text : ""),
                  g_strdup_printf ("Tier \"%s\" (%s%s) applies: %s", t->name, tier_class_name (t->cls),
                       t->statutory ? "; statutory: the provision itself sets the fine" : "",
                       t->text ? t->text : ""),
                  t->has_ground ? &t->ground : &bm->penalized_by);
}

static void
note_tier (const Benchmark *bm, const Version *v, const Tier *t, RecLists *l)
{
  if (t == NULL)
    return;
  /* A tier without its own provenance inherits its document's; that
   * document is noted already. */
  if (!t->provenance.verified
      && !(t->provenance.note == v->provenance.note && !v->provenance.verified)
      && !(t->provenance.note == bm->provenance.note && !bm->provenance.verified))
    rec_add_note (l, NOTE_TIER, t, t->name, 0);
  if (t->has_ground)
    note_citation (l, &t->ground, t->name);
}

/* ------------------------------------------------------------------ */
/* Step 5: range                                                       */

typedef enum {
  SPAN_OK = 0,
  SPAN_MISSING,                      /* a base or quantity fact is unknown */
  SPAN_OVERFLOW,
} SpanResult;

/* The fine form's range in centifen. */
static SpanResult
fine_span (const Fine *f, const Benchmark *bm, const FactValue *values,
           gint64 *min, gint64 *max, guint *missing_index)
{
  switch (f->form)
    {
    case FINE_RANGE:
    case FINE_FIXED:
      return checked_mul (f->min, CENTIFEN_PER_FEN, min) && checked_mul (f->max, CENTIFEN_PER_FEN, max)
             ? SPAN_OK : SPAN_OVERFLOW;
    case FINE_MAX_ONLY:
      *min = 0;
      return checked_mul (f->max, CENTIFEN_PER_FEN, max) ? SPAN_OK : SPAN_OVERFLOW;
    case FINE_MULTIPLE:
      {
        const FactValue *base = &values[f->base_fact];

        if (!base->known)
          {
            *missing_index = (guint) f->base_fact;
            return SPAN_MISSING;
          }
        if (base->value == 0)
          {
            /* 违法所得 / 货值金额 of zero: the provision's fallback range. */
            if (!f->has_fallback)
              {
                *min = *max = 0;
                return SPAN_OK;
              }
            return checked_mul (f->fallback_min, CENTIFEN_PER_FEN, min)
                   && checked_mul (f->fallback_max, CENTIFEN_PER_FEN, max) ? SPAN_OK : SPAN_OVERFLOW;
          }
        /* fen × (times × 100) = centifen, exactly. */
        return checked_mul (base->value, f->min_times, min) && checked_mul (base->value, f->max_times, max)
               ? SPAN_OK : SPAN_OVERFLOW;
      }
    case FINE_PER_UNIT:
      {
        const FactValue *q = &values[f->quantity_fact];
        gint64 q100;

        if (!q->known)
          {
            *missing_index = (guint) f->quantity_fact;
            return SPAN_MISSING;
          }
        if (bm->facts[f->quantity_fact].type == FACT_INTEGER)
          {
            if (!checked_mul (q->value, 100, &q100))
              return SPAN_OVERFLOW;
          }
        else
          q100 = q->value;          /* numbers are stored × 100 already */
        if (q100 < 0)
          q100 = 0;                 /* a negative quantity fines nothing (refused at binding) */
        /* fen per unit × (quantity × 100) = centifen, exactly. */
        if (!checked_mul (f->rate_min, q100, min) || !checked_mul (f->rate_max, q100, max))
          return SPAN_OVERFLOW;
        if (f->has_cap)
          {
            gint64 cap;

            if (!checked_mul (f->cap, CENTIFEN_PER_FEN, &cap))
              return SPAN_OVERFLOW;
            *min = MIN (*min, cap);
            *max = MIN (*max, cap);
          }
        return SPAN_OK;
      }
    default:
      return SPAN_OVERFLOW;
    }
}

static gboolean
overflow_error (const Benchmark *bm, GError **error)
{
  g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_OVERFLOW,
               "benchmark %s: the fine for these facts exceeds the representable amount", bm->id);
  return FALSE;
}

static gint64
clamp64 (gint64 v, gint64 lo, gint64 hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* The fine range of @tier (or the statute) for the party class, clamped to
 * the statutory range unless the tier is reduced.  @matched is the tier the
 * facts selected (step 4): when it is statutory, its fine is the
 * provision's own for this case (a 法定情形 sub-clause), so it is the
 * statutory range — for @matched itself (nothing clamps it) and for a
 * reduced tier mandatory mitigation moved the case to (减轻 below it).
 * FALSE on overflow; *@ok FALSE when a fact is missing (listed). */
static gboolean
compute_range (RecCtx *ctx, const Benchmark *bm, const Statutory *stat, const Tier *matched,
               const Tier *tier, PartyClass party, const FactValue *values, Eval *e, gboolean *ok,
               GError **error)
{
  const Fine *f = tier && tier->fine[party].present ? &tier->fine[party] : &stat->fine;
  const Fine *sf = matched && matched->statutory && matched->fine[party].present
                   ? &matched->fine[party] : &stat->fine;
  guint missing = 0;
  SpanResult r;

  *ok = FALSE;
  e->has_statutory = FALSE;
  e->has_range = FALSE;
  if (sf->present)
    {
      r = fine_span (sf, bm, values, &e->stat_min, &e->stat_max, &missing);
      if (r == SPAN_OVERFLOW)
        return overflow_error (bm, error);
      if (r == SPAN_MISSING)
        {
          add_missing_scope (ctx, &e->lists, bm, missing);
          return TRUE;
        }
      e->has_statutory = TRUE;
    }
  if (!f->present)
    {
      /* Lint requires a fine wherever the kinds include one. */
      rec_add_missing (&e->lists, "tiers.fine");
      return TRUE;
    }
  r = fine_span (f, bm, values, &e->min, &e->max, &missing);
  if (r == SPAN_OVERFLOW)
    return overflow_error (bm, error);
  if (r == SPAN_MISSING)
    {
      add_missing_scope (ctx, &e->lists, bm, missing);
      return TRUE;
    }
  if (e->has_statutory && !(tier && (tier->cls == TIER_REDUCED || tier->cls == TIER_NO_PENALTY)))
    {
      e->min = clamp64 (e->min, e->stat_min, e->stat_max);
      e->max = clamp64 (e->max, e->stat_min, e->stat_max);
    }
  if (e->min > e->max)
    e->min = e->max;
  e->has_range = TRUE;
  *ok = TRUE;
  return TRUE;
}

static void
format_cf_yuan (gint64 cf, char buf[40])
{
  /* centifen → yuan with up to four decimals, for the trace only */
  gint64 fen = cf / CENTIFEN_PER_FEN, rest = cf % CENTIFEN_PER_FEN;

  if (rest == 0)
    rec_format_yuan (fen, buf);
  else
    g_snprintf (buf, 40, "%" G_GINT64_FORMAT ".%02d%02d", fen / 100, (int) (fen % 100), (int) rest);
}

static void
range_step (RecCtx *ctx, const Benchmark *bm, Eval *e, const char *code)
{
  Inputs inp;
  JsonWriter *w;
  char a[40], b[40], sa[40] = "", sb[40] = "";

  if (!ctx->trace || !e->has_range)
    return;
  w = inputs_begin (&inp);
  json_writer_member_string (w, "tier", e->tier ? e->tier->name : NULL);
  json_writer_member_int (w, "min_centifen", e->min);
  json_writer_member_int (w, "max_centifen", e->max);
  format_cf_yuan (e->min, a);
  format_cf_yuan (e->max, b);
  if (e->has_statutory)
    {
      format_cf_yuan (e->stat_min, sa);
      format_cf_yuan (e->stat_max, sb);
    }
  rec_step_add (e->steps, code, inputs_end (&inp),
                g_strdup_printf ("罚款幅度%s元至%s元（法定%s元至%s元）", a, b, sa, sb),
                g_strdup_printf ("Fine range %s to %s yuan (statutory %s to %s yuan)", a, b, sa, sb),
                &bm->penalized_by);
}

/* ------------------------------------------------------------------ */
/* Step 6: factors                                                     */

typedef struct {
  guint mitigating, aggravating;
  gboolean mandatory;
  gboolean allows_reduction;
  const Factor *list[64 + 2];
  guint n;
} FactorSum;

static void
factor_add (FactorSum *s, const Factor *f)
{
  for (guint i = 0; i < s->n; i++)
    if (s->list[i] == f)
      return;
  if (s->n >= G_N_ELEMENTS (s->list))
    return;
  s->list[s->n++] = f;
  if (f->direction == FACTOR_MITIGATING)
    {
      s->mitigating++;
      s->mandatory |= f->mandatory;
      s->allows_reduction |= f->allows_reduction;
    }
  else
    s->aggravating++;
}

static void
sum_factors (const RecCtx *ctx, const Version *v, const GateOut *g, FactorSum *s)
{
  /* Only the counters: the list is filled as far as n says. */
  s->mitigating = s->aggravating = 0;
  s->mandatory = s->allows_reduction = FALSE;
  s->n = 0;
  for (guint i = 0; i < ctx->kase->n_factors; i++)
    {
      const Factor *f = rules_find_factor (ctx->rules, v, ctx->kase->factors[i]);

      if (f != NULL)          /* a code only another candidate knows */
        factor_add (s, f);
    }
  for (guint i = 0; i < g->n_extra; i++)
    factor_add (s, g->extra[i]);
  /* Art. 30 ¶2 binds whether or not the rules declare minor_14_17. */
  if (g->mandatory_mitigation)
    {
      s->mandatory = TRUE;
      s->allows_reduction = TRUE;
    }
}

/* Tier shifting works on the discretionary (non-statutory) tiers only: a
 * statutory tier's fine is set by the provision for its circumstance, so
 * discretion can neither move a case into it nor out of it. */

/* Position of non-statutory tier @i among the non-statutory tiers, in the
 * order of tier classes, then listing order. */
static guint
tier_position (const Version *v, guint i)
{
  guint pos = 0;

  for (guint j = 0; j < v->n_tiers; j++)
    if (!v->tiers[j].statutory
        && (v->tiers[j].cls < v->tiers[i].cls || (v->tiers[j].cls == v->tiers[i].cls && j < i)))
      pos++;
  return pos;
}

static const Tier *
tier_at_position (const Version *v, guint pos)
{
  for (guint j = 0; j < v->n_tiers; j++)
    if (!v->tiers[j].statutory && tier_position (v, j) == pos)
      return &v->tiers[j];
  return NULL;
}

static const Tier *
shift_tier (const Version *v, const Tier *t, int net_mitigating, gboolean allows_reduction)
{
  guint lo = 0, n = 0;
  gint64 pos, target;

  if (t->statutory)
    return t;
  for (guint j = 0; j < v->n_tiers; j++)
    {
      if (v->tiers[j].statutory)
        continue;
      n++;
      if (v->tiers[j].cls == TIER_NO_PENALTY || (v->tiers[j].cls == TIER_REDUCED && !allows_reduction))
        lo++;
    }
  pos = tier_position (v, (guint) (t - v->tiers));
  target = pos - net_mitigating;
  target = clamp64 (target, MIN ((gint64) lo, pos), (gint64) n - 1);
  return tier_at_position (v, (guint) target);
}

/* The heaviest non-statutory tier of @cls, or NULL. */
static const Tier *
heaviest_of_class (const Version *v, TierClass cls)
{
  const Tier *best = NULL;

  for (guint j = 0; j < v->n_tiers; j++)
    if (v->tiers[j].cls == cls && !v->tiers[j].statutory)
      best = &v->tiers[j];     /* later listing = heavier within a class */
  return best;
}

/* ------------------------------------------------------------------ */
/* Step 7: point                                                       */

/* Rounds a value lying strictly between @q and @q + 1 centifen when
 * @inexact, or exactly @q, with one application of the rule. */
static gint64
round_point (gint64 q, gboolean inexact, const Rounding *rule)
{
  gint64 unit_cf = (gint64) rule->unit * CENTIFEN_PER_FEN;

  if (!inexact)
    return round_centifen (q, rule);
  switch (rule->mode)
    {
    case ROUND_DOWN:
      return round_centifen (q, rule);
    case ROUND_UP:
      return round_centifen (q + 1, rule);
    case ROUND_HALF_UP:
    case ROUND_HALF_EVEN:
    default:
      /* Only a value exactly on a half is a tie; just above a half point
       * rounds up, which q + 1 reproduces without becoming a tie itself. */
      return q % unit_cf == unit_cf / 2 ? round_centifen (q + 1, rule) : round_centifen (q, rule);
    }
}

static gint64
ceil_fen (gint64 cf)
{
  return cf / CENTIFEN_PER_FEN + (cf % CENTIFEN_PER_FEN != 0);
}

/* ------------------------------------------------------------------ */
/* Evaluating one version                                              */

static EnforceOutcome
outcome_of_kinds (guint32 kinds)
{
  if (kinds & KIND_BIT (KIND_FINE))
    return kinds & ~KIND_BIT (KIND_FINE) ? ENFORCE_OUTCOME_FINE_AND_OTHER : ENFORCE_OUTCOME_FINE;
  if (kinds == KIND_BIT (KIND_WARNING))
    return ENFORCE_OUTCOME_WARNING;
  return ENFORCE_OUTCOME_OTHER;
}

static void
eval_init (Eval *e, const Benchmark *bm, const Version *v, gboolean trace)
{
  memset (e, 0, offsetof (Eval, lists));
  e->lists.n_missing = 0;
  e->lists.n_notes = 0;
  e->bm = bm;
  e->v = v;
  e->outcome = ENFORCE_OUTCOME_UNDETERMINED;
  e->steps = trace ? rec_steps_new () : NULL;
}

static void
eval_clear (Eval *e)
{
  if (e->steps)
    g_ptr_array_unref (e->steps);
  e->steps = NULL;
}

static void
note_provenance (const Benchmark *bm, const Version *v, RecLists *l)
{
  if (!bm->provenance.verified)
    rec_add_note (l, NOTE_BENCHMARK, bm, bm->id, 0);
  if (v && !v->provenance.verified && !(v->provenance.note == bm->provenance.note && !bm->provenance.verified))
    rec_add_note (l, NOTE_VERSION, v, bm->id, v->from);
  note_citation (l, &bm->violates, bm->id);
  note_citation (l, &bm->penalized_by, bm->id);
}

/* Trace of mandatory mitigation (Art. 30 ¶2, 32) on a statutory tier with
 * no reduced tier to go to: the result is undetermined rather than a
 * silent 从重, and the trace says why. */
static void
statutory_mandatory_step (RecCtx *ctx, Eval *e, const FactorSum *fs)
{
  Inputs inp;
  JsonWriter *w;
  Citation c;
  const Tier *t = e->tier;

  if (!ctx->trace || t == NULL || !t->statutory)
    return;
  w = inputs_begin (&inp);
  json_writer_member_string (w, "tier", t->name);
  json_writer_member_bool (w, "statutory", TRUE);
  json_writer_member_int (w, "mitigating", fs->mitigating);
  rec_step_add (e->steps, "factors", inputs_end (&inp),
                g_strdup_printf ("应当从轻或者减轻处罚，但阶次“%s”的罚款由罚则直接规定（法定情形），不能改按其他情形的阶次从轻，本基准也没有减轻处罚阶次：结果待定", t->name),
                g_strdup_printf ("Mitigation is mandatory, but the fine of tier \"%s\" is set by the provision itself (statutory): no other circumstance's tier may stand in for a lighter penalty and the benchmark has no reduced tier, so the result is undetermined", t->name),
                law_or_null (ctx, 32, 0, &c));
}

/* Applies the factors (step 6) to the tier chosen in step 4; FALSE with
 * the missing path listed when the result cannot be decided. */
static gboolean
apply_factors (RecCtx *ctx, const Version *v, const Policy *policy, const FactorSum *fs,
               Eval *e, guint *percent)
{
  const Tier *t0 = e->tier;
  int net = (int) fs->mitigating - (int) fs->aggravating;

  *percent = policy ? policy->start_percent : 50;
  if (policy && policy->kind == POLICY_POSITION)
    {
      gint64 p = (gint64) policy->start_percent - (gint64) net * (gint64) policy->step_percent;
      *percent = (guint) clamp64 (p, 0, 100);
    }
  else if (e->tier && net != 0)
    e->tier = shift_tier (v, e->tier, net, fs->allows_reduction);

  if (fs->mandatory && (e->tier == NULL || e->tier->cls >= TIER_GENERAL))
    {
      /* Out of a statutory tier only 减轻 is open: a lighter tier carries
       * another circumstance's fine, and 从轻 inside the amount the
       * provision fixes for this one is not something a tier offers. */
      const Tier *t = e->tier && e->tier->statutory ? NULL : heaviest_of_class (v, TIER_LIGHTER);

      if (t == NULL)
        t = heaviest_of_class (v, TIER_REDUCED);
      if (t == NULL)
        {
          rec_add_missing (&e->lists, "tiers.lighter");
          statutory_mandatory_step (ctx, e, fs);
          return FALSE;
        }
      e->tier = t;
    }

  for (guint i = 0; i < fs->n; i++)
    if (fs->list[i]->has_basis)
      note_citation (&e->lists, &fs->list[i]->basis, fs->list[i]->code);

  if (ctx->trace)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      Citation c;
      const Citation *cite = NULL;

      json_writer_key (w, "factors");
      json_writer_begin_array (w);
      for (guint i = 0; i < fs->n; i++)
        json_writer_string (w, fs->list[i]->code);
      json_writer_end_array (w);
      json_writer_member_string (w, "policy", policy == NULL ? NULL
                                 : policy->kind == POLICY_POSITION ? "position" : "tier_shift");
      json_writer_member_int (w, "net_mitigating", net);
      json_writer_member_bool (w, "mandatory", fs->mandatory);
      json_writer_member_string (w, "tier", e->tier ? e->tier->name : NULL);
      for (guint i = 0; i < fs->n && cite == NULL; i++)
        if (fs->list[i]->has_basis)
          cite = &fs->list[i]->basis;
      if (cite == NULL && fs->mandatory)
        cite = law_or_null (ctx, 32, 0, &c);
      if (e->tier == t0 && t0 != NULL && t0->statutory && net != 0
          && !(policy && policy->kind == POLICY_POSITION))
        rec_step_add (e->steps, "factors", inputs_end (&inp),
                      g_strdup_printf ("从轻情节%u个、从重情节%u个；阶次“%s”的罚款由罚则直接规定（法定情形），情节不调整阶次，裁量起点为幅度的%u%%", fs->mitigating, fs->aggravating, t0->name, *percent),
                      g_strdup_printf ("%u mitigating and %u aggravating factors; the fine of tier \"%s\" is set by the provision itself (statutory), so factors do not move the tier; the point starts at %u%% of the range", fs->mitigating, fs->aggravating, t0->name, *percent),
                      cite);
      else if (e->tier != t0)
        rec_step_add (e->steps, "factors", inputs_end (&inp),
                      g_strdup_printf ("从轻情节%u个、从重情节%u个%s，阶次由“%s”调整为“%s”", fs->mitigating, fs->aggravating, fs->mandatory ? "（应当从轻或者减轻）" : "", t0 ? t0->name : "-", e->tier->name),
                      g_strdup_printf ("%u mitigating and %u aggravating factors%s: tier moves from \"%s\" to \"%s\"", fs->mitigating, fs->aggravating, fs->mandatory ? " (mitigation mandatory)" : "", t0 ? t0->name : "-", e->tier->name),
                      cite);
      else
        rec_step_add (e->steps, "factors", inputs_end (&inp),
                      g_strdup_printf ("从轻情节%u个、从重情节%u个，裁量起点为幅度的%u%%", fs->mitigating, fs->aggravating, *percent),
                      g_strdup_printf ("%u mitigating and %u aggravating factors: the point starts at %u%% of the range", fs->mitigating, fs->aggravating, *percent),
                      cite);
    }
  return TRUE;
}

/* Step 7: the point inside the final range, rounded once. */
static gboolean
compute_point (RecCtx *ctx, const Benchmark *bm, gint32 date, guint percent, Eval *e,
               GError **error)
{
  const Rounding *rule = rules_rounding (ctx->rules, date);
  gint64 width, num, q, min_fen, max_fen;
  gboolean inexact;

  if (rule == NULL)
    {
      rec_add_missing (&e->lists, "parameters.rounding");
      return TRUE;
    }
  e->has_rounding = TRUE;
  e->rounding = *rule;
  width = e->max - e->min;
  if (!checked_mul (width, percent, &num))
    return overflow_error (bm, error);
  q = e->min + num / 100;
  inexact = num % 100 != 0;
  e->amount = round_point (q, inexact, rule);
  min_fen = ceil_fen (e->min);
  max_fen = e->max / CENTIFEN_PER_FEN;
  if (min_fen <= max_fen)
    e->amount = clamp64 (e->amount, min_fen, max_fen);
  e->has_amount = TRUE;

  if (ctx->trace)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      char a[32], pt[40];

      json_writer_member_int (w, "percent", percent);
      json_writer_member_int (w, "point_centifen", q);
      json_writer_member_string (w, "unit", round_unit_name (rule->unit));
      json_writer_member_string (w, "mode", round_mode_name (rule->mode));
      rec_format_yuan (e->amount, a);
      format_cf_yuan (q, pt);
      rec_step_add (e->steps, "point", inputs_end (&inp),
                    g_strdup_printf ("幅度%u%%处为%s元，按%s%s取整一次，建议罚款%s元", percent, pt,
                         rule->unit == ROUND_UNIT_YUAN ? "元" : rule->unit == ROUND_UNIT_JIAO ? "角" : "分",
                         rule->mode == ROUND_HALF_UP ? "四舍五入" : rule->mode == ROUND_HALF_EVEN ? "四舍六入五成双"
                         : rule->mode == ROUND_DOWN ? "舍去" : "进位", a),
                    g_strdup_printf ("%u%% into the range is %s yuan; rounded once (%s, %s): %s yuan", percent, pt, round_unit_name (rule->unit), round_mode_name (rule->mode), a),
                    NULL);
    }
  return TRUE;
}

/* The policy decides how factors act and where the point lies; a fixed
 * amount without factors does not need one. */
static gboolean
needs_policy (const Eval *e, const FactorSum *fs)
{
  return fs->n > 0 || (e->has_range && e->min < e->max);
}

/* Steps 3-7 for one benchmark version.  @law_date: the act (or act_end);
 * @date: the date whose rounding and policy apply (the act, or the
 * decision when Art. 37 evaluates a later version). */
static gboolean
eval_version (RecCtx *ctx, const Benchmark *bm, const Version *v, gint32 law_date, gint32 date,
              const FactValue *values, Eval *e, GError **error)
{
  const EnforceCase *k = ctx->kase;
  const Statutory *stat;
  GateOut gout = { 0 };
  GateIn gin = { ctx, bm, v, values, law_date, e, &gout };
  gboolean gate_unknown = FALSE, ok;
  const Policy *policy;
  FactorSum fs;
  guint percent = 50;
  Tri t;

  note_provenance (bm, v, &e->lists);
  if (!k->has_party)
    {
      rec_add_missing (&e->lists, "party.class");
      return TRUE;
    }
  stat = &v->statutory[k->party];
  if (!stat->present)
    {
      e->not_covered = TRUE;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (gates); i++)
    {
      t = gates[i].fn (&gin);
      if (t == TRI_TRUE)
        {
          e->outcome = ENFORCE_OUTCOME_NO_PENALTY;
          e->decided_by = gates[i].code;
          e->discretionary = gates[i].fn == gate_first_violation;
          education_step (ctx, e);
          return TRUE;
        }
      gate_unknown |= t == TRI_UNKNOWN;
    }

  t = select_tier (ctx, v, bm, values, e, &e->tier);
  if (gate_unknown || t == TRI_UNKNOWN)
    {
      /* The tier ran only to list everything missing in one go. */
      e->tier = NULL;
      return TRUE;
    }
  note_tier (bm, v, e->tier, &e->lists);
  tier_step (ctx, bm, e, e->tier);
  if (e->tier && e->tier->cls == TIER_NO_PENALTY)
    {
      e->outcome = ENFORCE_OUTCOME_NO_PENALTY;
      e->decided_by = "tier";
      education_step (ctx, e);
      return TRUE;
    }

  /* Steps 5 and 6: the range of the chosen tier, then the factors, which
   * may move the tier (the range is then taken from the new one). */
  e->kinds = e->tier && e->tier->kinds ? e->tier->kinds : stat->kinds;
  sum_factors (ctx, v, &gout, &fs);
  if (stat->combine == COMBINE_OR && !(e->tier && e->tier->kinds)
      && (e->kinds & (e->kinds - 1)) != 0)
    {
      rec_add_missing (&e->lists, "tiers.kinds");
      return TRUE;
    }
  if (e->kinds & KIND_BIT (KIND_FINE))
    {
      if (!compute_range (ctx, bm, stat, e->tier, e->tier, k->party, values, e, &ok, error))
        return FALSE;
      if (!ok)
        return TRUE;
      range_step (ctx, bm, e, "range");
    }
  policy = v->policy.present ? &v->policy : rules_policy (ctx->rules, date);
  if (policy == NULL && needs_policy (e, &fs))
    {
      rec_add_missing (&e->lists, "parameters.discretion_policy");
      return TRUE;
    }
  {
    const Tier *before = e->tier;

    if (!apply_factors (ctx, v, policy, &fs, e, &percent))
      return TRUE;
    if (e->tier != before)
      {
        note_tier (bm, v, e->tier, &e->lists);
        e->kinds = e->tier->kinds ? e->tier->kinds : stat->kinds;
        e->has_range = e->has_statutory = FALSE;
        if (e->kinds & KIND_BIT (KIND_FINE))
          {
            if (!compute_range (ctx, bm, stat, before, e->tier, k->party, values, e, &ok, error))
              return FALSE;
            if (!ok)
              return TRUE;
            range_step (ctx, bm, e, "range");
          }
      }
  }
  e->reduced = e->tier && e->tier->cls == TIER_REDUCED;

  if (e->kinds & KIND_BIT (KIND_FINE))
    {
      if (!compute_point (ctx, bm, date, percent, e, error))
        return FALSE;
      if (!e->has_amount)
        return TRUE;
    }
  e->outcome = outcome_of_kinds (e->kinds);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Step 2 (Art. 37) and the choice among candidates (Art. 29)          */

static int
outcome_rank (EnforceOutcome o)
{
  switch (o)
    {
    case ENFORCE_OUTCOME_NO_PENALTY: return 0;
    case ENFORCE_OUTCOME_WARNING: return 1;
    case ENFORCE_OUTCOME_OTHER: return 2;
    case ENFORCE_OUTCOME_FINE: return 3;
    case ENFORCE_OUTCOME_FINE_AND_OTHER: return 4;
    default: return 5;
    }
}

static gint64
eval_amount (const Eval *e)
{
  return e->has_amount ? e->amount : -1;
}

static gint64
eval_range_max (const Eval *e)
{
  return e->has_range ? e->max : -1;
}

/* Art. 37 ordering, lighter first: outcome rank, then amount, then range
 * maximum.  Negative when @a is lighter. */
static int
compare_lighter (const Eval *a, const Eval *b)
{
  int ra = outcome_rank (a->outcome), rb = outcome_rank (b->outcome);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (eval_amount (a) != eval_amount (b))
    return eval_amount (a) < eval_amount (b) ? -1 : 1;
  if (eval_range_max (a) != eval_range_max (b))
    return eval_range_max (a) < eval_range_max (b) ? -1 : 1;
  return 0;
}

static void
eval_move (Eval *dst, Eval *src)
{
  eval_clear (dst);
  memcpy (dst, src, offsetof (Eval, lists));
  rec_lists_copy (&dst->lists, &src->lists);
  dst->steps = src->steps;
  src->steps = NULL;
}

static void
law_step (RecCtx *ctx, Eval *e, gint32 law_date, const Version *v_act, const Version *v_dec,
          const char *zh, const char *en)
{
  Inputs inp;
  JsonWriter *w;
  Citation c;
  char a[11] = "", d[11] = "";

  if (!ctx->trace)
    return;
  w = inputs_begin (&inp);
  inputs_date (w, "act", law_date);
  inputs_date (w, "decided", ctx->kase->decided);
  inputs_date (w, "act_version", v_act ? v_act->from : DATE_NONE);
  inputs_date (w, "decision_version", v_dec ? v_dec->from : DATE_NONE);
  if (v_act)
    date_format_buf (v_act->from, a);
  if (v_dec)
    date_format_buf (v_dec->from, d);
  rec_step_add (e->steps, "law_in_force", inputs_end (&inp),
                g_strdup_printf ("%s（行为时版本%s，决定时版本%s）", zh, a, d[0] ? d : ctx->kase->decided == DATE_NONE ? "（未提供决定日期）" : "无"),
                g_strdup_printf ("%s (act-date version %s, decision-date version %s)", en, a, d[0] ? d : ctx->kase->decided == DATE_NONE ? "no decision date" : "none"),
                law_or_null (ctx, 37, 0, &c));
  /* The law step precedes the gates it governs. */
  if (e->steps->len > 1)
    {
      gpointer last = g_ptr_array_steal_index (e->steps, e->steps->len - 1);
      g_ptr_array_insert (e->steps, 0, last);
    }
}

/* Step 2 and steps 3-7 for one candidate benchmark. */
static gboolean
evaluate_candidate (RecCtx *ctx, const Benchmark *bm, Eval *out, GError **error)
{
  const EnforceCase *k = ctx->kase;
  FactValue values[COND_MAX_FACTS];
  const Version *v_act, *v_dec = NULL;
  gint32 law_date;
  Eval alt;

  eval_init (out, bm, NULL, ctx->trace);
  if (!bind_facts (k, bm, values, error))
    return FALSE;
  if (k->act == DATE_NONE)
    {
      /* Without the act date neither the version in force nor the
       * limitation can be known. */
      note_provenance (bm, NULL, &out->lists);
      rec_add_missing (&out->lists, "dates.act");
      law_step (ctx, out, DATE_NONE, NULL, NULL, "未提供违法行为发生日期，无法确定适用的版本",
                "The act date is not given: the version in force cannot be determined");
      return TRUE;
    }
  law_date = k->act_end != DATE_NONE && k->act_end > k->act ? k->act_end : k->act;
  v_act = benchmark_version_on (bm, law_date);
  if (v_act == NULL)
    {
      char buf[11];

      date_format_buf (law_date, buf);
      set_case_error (error, ENFORCE_ERROR_UNKNOWN_BENCHMARK, k, 0, 0,
                      "dates.act: no version of benchmark %s is in force on %s", bm->id, buf);
      return FALSE;
    }
  if (k->decided != DATE_NONE)
    {
      if (k->decided < k->act)
        {
          set_case_error (error, ENFORCE_ERROR_INVALID_CASE, k, 0, 0,
                          "dates.decided: the decision precedes the act");
          return FALSE;
        }
      v_dec = benchmark_version_on (bm, k->decided);
      if (v_dec == NULL)
        {
          out->v = v_act;
          note_provenance (bm, v_act, &out->lists);
          out->outcome = ENFORCE_OUTCOME_NO_PENALTY;
          out->decided_by = "law_in_force";
          law_step (ctx, out, law_date, v_act, NULL,
                    "决定时该规定已废止，违法行为不再受处罚",
                    "The provision is repealed by the decision date: the act is no longer punishable");
          return TRUE;
        }
    }

  out->v = v_act;
  if (!eval_version (ctx, bm, v_act, law_date, law_date, values, out, error))
    return FALSE;
  if (v_dec == NULL || v_dec == v_act)
    {
      law_step (ctx, out, law_date, v_act, v_dec, "适用行为时有效的版本",
                "The version in force on the act date applies");
      return TRUE;
    }

  /* Art. 37: a different version on the decision date; the lighter wins. */
  eval_init (&alt, bm, v_dec, ctx->trace);
  if (!eval_version (ctx, bm, v_dec, law_date, k->decided, values, &alt, error))
    {
      eval_clear (&alt);
      return FALSE;
    }
  if (out->outcome == ENFORCE_OUTCOME_UNDETERMINED || alt.outcome == ENFORCE_OUTCOME_UNDETERMINED)
    {
      /* A settled no-penalty is the lightest outcome there is; otherwise
       * the comparison needs what is missing. */
      if (alt.outcome == ENFORCE_OUTCOME_NO_PENALTY)
        {
          eval_move (out, &alt);
          law_step (ctx, out, law_date, v_act, v_dec, "决定时有效的版本不予处罚，从轻适用新规定",
                    "Under the decision-date version no penalty is due: the lighter new version applies");
        }
      else if (out->outcome != ENFORCE_OUTCOME_NO_PENALTY)
        {
          if (out->outcome != ENFORCE_OUTCOME_UNDETERMINED)
            eval_move (out, &alt);
          else
            merge_missing (&out->lists, &alt.lists);
          out->outcome = ENFORCE_OUTCOME_UNDETERMINED;
          law_step (ctx, out, law_date, v_act, v_dec, "新旧版本的轻重无法比较",
                    "The act-date and decision-date versions cannot be compared");
        }
      else
        law_step (ctx, out, law_date, v_act, v_dec, "行为时版本不予处罚，适用旧规定",
                  "Under the act-date version no penalty is due: it applies");
    }
  else if (compare_lighter (&alt, out) < 0)
    {
      eval_move (out, &alt);
      law_step (ctx, out, law_date, v_act, v_dec, "决定时有效的版本处罚较轻，从轻适用新规定",
                "The decision-date version is lighter and applies");
    }
  else
    law_step (ctx, out, law_date, v_act, v_dec, "决定时有效的版本不轻于旧规定，适用行为时版本",
              "The decision-date version is not lighter: the act-date version applies");
  eval_clear (&alt);
  return TRUE;
}

/* Art. 29 ordering, heavier first: recommended amount, then statutory
 * maximum; listing order breaks ties. */
static gboolean
heavier_than (const Eval *a, const Eval *b)
{
  gint64 sa = a->has_statutory ? a->stat_max : -1, sb = b->has_statutory ? b->stat_max : -1;

  if (eval_amount (a) != eval_amount (b))
    return eval_amount (a) > eval_amount (b);
  return sa > sb;
}

/* ------------------------------------------------------------------ */
/* The result                                                          */

static void
result_from_eval (EnforceRecommendation *r, const EnforceCase *k, Eval *e)
{
  r->outcome = e->outcome;
  r->discretionary = e->discretionary;
  r->decided_by = e->decided_by;
  r->benchmark = e->bm;
  r->version = e->v;
  r->version_text[0] = '\0';
  if (e->v)
    date_format_buf (e->v->from, r->version_text);
  r->has_party = k->has_party;
  r->party = k->party;
  r->reduced = e->reduced;
  rec_lists_copy (&r->lists, &e->lists);
  if (e->outcome == ENFORCE_OUTCOME_UNDETERMINED)
    return;                  /* tier, range and amount stay unset */
  r->tier = e->tier;
  r->kinds = e->outcome == ENFORCE_OUTCOME_NO_PENALTY ? 0 : e->kinds;
  if (e->outcome == ENFORCE_OUTCOME_NO_PENALTY)
    return;
  r->has_statutory = e->has_statutory && (e->kinds & KIND_BIT (KIND_FINE));
  r->statutory_min = ceil_fen (e->stat_min);
  r->statutory_max = e->stat_max / CENTIFEN_PER_FEN;
  if (e->has_amount)
    {
      r->has_range = TRUE;
      r->range_min = ceil_fen (e->min);
      r->range_max = e->max / CENTIFEN_PER_FEN;
      /* A range narrower than one fen shows as the rounded amount. */
      if (r->range_min > r->range_max)
        r->range_min = r->range_max = e->amount;
      r->has_amount = TRUE;
      r->amount = e->amount;
      r->has_rounding = e->has_rounding;
      r->rounding = e->rounding;
    }
}

static void
result_init (EnforceRecommendation *r, const RecCtx *ctx)
{
  /* Everything before the lists; the inline arrays are filled as far as
   * their counts say. */
  memset (r, 0, offsetof (EnforceRecommendation, lists));
  r->lists.n_missing = 0;
  r->lists.n_notes = 0;
  r->outcome = ENFORCE_OUTCOME_UNDETERMINED;
  r->procedure = ENFORCE_PROCEDURE_UNDETERMINED;
  r->onsite = r->hearing = r->legal_review = r->collective = ENFORCE_ANSWER_UNDETERMINED;
  r->simple_cap = r->onsite_cap = r->hearing_threshold = -1;
  r->decision_due = r->hearing_request_by = r->delivery_by = r->payment_due = DATE_NONE;
  r->surcharge_as_of = ctx->as_of;
}

/* Copies the stack-built result into its one allocation, moving the
 * composed strings into the block's pool. */
static EnforceRecommendation *
result_finish (const EnforceRecommendation *tmp, const RecCtx *ctx)
{
  const char *id = ctx->kase->id;
  gsize id_len = id ? strlen (id) + 1 : 0;
  EnforceRecommendation *r = g_malloc (sizeof *r + ctx->pool_used + id_len);

  memcpy (r, tmp, offsetof (EnforceRecommendation, lists));
  rec_lists_copy (&r->lists, &tmp->lists);
  memcpy (r->pool, ctx->pool, ctx->pool_used);
  for (guint i = 0; i < r->lists.n_missing; i++)
    {
      const char *p = r->lists.missing[i];

      if (p >= ctx->pool && p < ctx->pool + ctx->pool_used)
        r->lists.missing[i] = r->pool + (p - ctx->pool);
    }
  r->case_id = NULL;
  if (id)
    {
      memcpy (r->pool + ctx->pool_used, id, id_len);
      r->case_id = r->pool + ctx->pool_used;
    }
  r->pool_len = ctx->pool_used + id_len;
  r->rules = enforce_rule_set_ref ((EnforceRuleSet *) ctx->rules);
  return r;
}

static const Instrument *
find_apl (const EnforceRuleSet *rules)
{
  for (guint i = 0; i < rules->n_instruments; i++)
    if (strcmp (rules->instruments[i]->id, "cn-apl") == 0)
      return rules->instruments[i];
  return NULL;
}

static void
resolve_step (RecCtx *ctx, GPtrArray *steps, const Benchmark *const *cands, guint n,
              const Power *power)
{
  Inputs inp;
  JsonWriter *w = inputs_begin (&inp);
  Citation c;

  if (power)
    json_writer_member_string (w, "power", power->code);
  if (n == 1)
    json_writer_member_string (w, "benchmark", cands[0]->id);
  else
    {
      json_writer_key (w, "benchmarks");
      json_writer_begin_array (w);
      for (guint i = 0; i < n; i++)
        json_writer_string (w, cands[i]->id);
      json_writer_end_array (w);
    }
  if (n == 1)
    rec_step_add (steps, "resolve", inputs_end (&inp),
                  g_strdup_printf ("适用裁量基准 %s：%s", cands[0]->id, cands[0]->title),
                  g_strdup_printf ("Benchmark %s applies: %s", cands[0]->id, cands[0]->title),
                  &cands[0]->penalized_by);
  else
    rec_step_add (steps, "resolve", inputs_end (&inp),
                  g_strdup_printf ("同一违法行为涉及%u个条款，分别评估，按罚款数额高的规定处罚（一事不再罚款）", n),
                  g_strdup_printf ("One act, %u candidate provisions: each is evaluated and one fine is imposed under the heavier", n),
                  law_or_null (ctx, 29, 0, &c));
}

static void
excluded_steps (RecCtx *ctx, EnforceRecommendation *r)
{
  Citation c;

  for (guint i = 0; i < r->n_excluded; i++)
    {
      Inputs inp;
      JsonWriter *w = inputs_begin (&inp);
      gboolean lighter = r->excluded_reason[i] == EXCLUDED_LIGHTER_FINE;

      json_writer_member_string (w, "benchmark", r->excluded[i]->id);
      json_writer_member_string (w, "reason", rec_excluded_reason_name (r->excluded_reason[i]));
      rec_step_add (r->steps, "excluded", inputs_end (&inp),
                    g_strdup_printf (lighter ? "基准 %s 罚款较轻，不再适用（一事不再罚款）"
                        : "基准 %s 不适用于该类当事人", r->excluded[i]->id),
                    g_strdup_printf (lighter ? "Benchmark %s carries the lighter fine and is not applied (no double fine)"
                        : "Benchmark %s does not cover this class of party", r->excluded[i]->id),
                    law_or_null (ctx, 29, 0, &c));
    }
}

static void
add_excluded (EnforceRecommendation *r, const Benchmark *bm, ExcludedReason reason)
{
  if (r->n_excluded < REC_MAX_EXCLUDED)
    {
      r->excluded[r->n_excluded] = bm;
      r->excluded_reason[r->n_excluded] = (guint8) reason;
      r->n_excluded++;
    }
}

/* Evaluates every candidate and keeps the one Art. 29 applies in @best. */
static gboolean
choose_candidate (RecCtx *ctx, const Benchmark *const *cands, guint n, EnforceRecommendation *r,
                  Eval *best, GError **error)
{
  Eval cur;
  gint chosen = -1, undetermined = -1;
  gboolean covered[REC_MAX_CANDIDATES];
  RecLists missing_all;

  if (n == 1)
    {
      /* The common case: no choice to make, no copy. */
      if (!evaluate_candidate (ctx, cands[0], best, error))
        return FALSE;
      if (best->not_covered)
        {
          set_case_error (error, ENFORCE_ERROR_INVALID_CASE, ctx->kase, 0, 0,
                          "party.class: benchmark %s does not cover a party of class %s",
                          cands[0]->id, party_class_name (ctx->kase->party));
          return FALSE;
        }
      return TRUE;
    }
  missing_all.n_missing = 0;
  missing_all.n_notes = 0;
  eval_init (best, cands[0], NULL, FALSE);
  for (guint i = 0; i < n; i++)
    {
      if (!evaluate_candidate (ctx, cands[i], &cur, error))
        {
          eval_clear (&cur);
          return FALSE;
        }
      covered[i] = !cur.not_covered;
      if (cur.not_covered)
        {
          eval_clear (&cur);
          continue;
        }
      if (cur.outcome == ENFORCE_OUTCOME_UNDETERMINED)
        {
          merge_missing (&missing_all, &cur.lists);
          if (undetermined < 0)
            {
              undetermined = (gint) i;
              eval_move (best, &cur);
            }
          eval_clear (&cur);
          continue;
        }
      if (undetermined < 0 && (chosen < 0 || heavier_than (&cur, best)))
        {
          eval_move (best, &cur);
          chosen = (gint) i;
        }
      eval_clear (&cur);
    }
  if (undetermined < 0 && chosen < 0)
    {
      set_case_error (error, ENFORCE_ERROR_INVALID_CASE, ctx->kase, 0, 0,
                      "party.class: no candidate provision covers a party of class %s",
                      party_class_name (ctx->kase->party));
      return FALSE;
    }
  if (undetermined >= 0)
    {
      /* Undetermined candidates make the result undetermined; list
       * everything any of them needs. */
      merge_missing (&missing_all, &best->lists);
      best->lists.n_missing = 0;
      merge_missing (&best->lists, &missing_all);
      best->outcome = ENFORCE_OUTCOME_UNDETERMINED;
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    if ((gint) i != chosen)
      add_excluded (r, cands[i], covered[i] ? EXCLUDED_LIGHTER_FINE : EXCLUDED_NOT_COVERED);
  return TRUE;
}

static gint32
procedure_date (const EnforceCase *k)
{
  return k->decided != DATE_NONE ? k->decided : k->act;
}

EnforceRecommendation *
enforce_recommend (const EnforceRuleSet *rules, const EnforceCase *kase, const char *as_of,
                   EnforceRecommendFlags flags, GError **error)
{
  RecCtx ctx;
  const Benchmark *cands[REC_MAX_CANDIDATES];
  const Power *power;
  guint n;
  Eval best;
  EnforceRecommendation tmp;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.rules = rules;
  ctx.kase = kase;
  ctx.trace = (flags & ENFORCE_RECOMMEND_TRACE) != 0;
  ctx.apl = ctx.trace ? find_apl (rules) : NULL;
  ctx.as_of = DATE_NONE;
  ctx.pool_used = 0;
  if (as_of != NULL && !enforce_date_parse (as_of, strlen (as_of), &ctx.as_of, error))
    return NULL;

  if (!resolve_candidates (&ctx, cands, &n, &power, error)
      || !check_case_names (&ctx, cands, n, error))
    return NULL;

  result_init (&tmp, &ctx);
  if (!choose_candidate (&ctx, cands, n, &tmp, &best, error))
    {
      eval_clear (&best);
      return NULL;
    }
  result_from_eval (&tmp, kase, &best);
  if (ctx.trace)
    {
      tmp.steps = rec_steps_new ();
      resolve_step (&ctx, tmp.steps, cands, n, power);
      for (guint i = 0; best.steps && i < best.steps->len; i++)
        g_ptr_array_add (tmp.steps, g_steal_pointer (&best.steps->pdata[i]));
    }
  eval_clear (&best);

  rec_decide_procedure (&ctx, &tmp, procedure_date (kase));
  rec_compute_deadlines (&ctx, &tmp);
  if (ctx.trace)
    excluded_steps (&ctx, &tmp);
  return result_finish (&tmp, &ctx);
}
