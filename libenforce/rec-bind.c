/* rec-bind.c: the case's facts, typed by a benchmark's declarations.
 *
 * A case keeps its facts as the scalars it was given, each with every
 * reading its text allows (case-private.h); only a benchmark says which
 * type applies, so the engine picks the reading per candidate into the
 * condition scope (declared facts, then the built-in circumstances).  A
 * fact absent or written null is unknown, never
 * defaulted.  Case errors name the field and, when the case gave one, its
 * position.
 */
#include "recommend-private.h"

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

void
rec_case_error (GError **error, EnforceErrorCode code, const EnforceCase *k,
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

static gboolean
declares (const FactDecl *d, const CaseFact *f)
{
  return d->name_hash == f->name_hash && strcmp (d->name, f->name) == 0;
}

/* The declaration of case fact @f, the @hint-th of its case, or -1.  Both
 * sides carry the name's hash (the loader's and the case parser's
 * g_str_hash), so only the declaration that matches is compared by name.
 * Cases usually list facts in the order the benchmark declares them, so
 * the same place is tried first: binding is on the path of every
 * recommendation, once per candidate and once more to check names. */
static int
find_fact (const Benchmark *bm, const CaseFact *f, guint hint)
{
  if (hint < bm->n_facts && declares (&bm->facts[hint], f))
    return (int) hint;
  for (guint i = 0; i < bm->n_facts; i++)
    if (declares (&bm->facts[i], f))
      return (int) i;
  return -1;
}

static gboolean
parse_enum (const FactDecl *d, const char *text, gint64 *out)
{
  for (guint i = 0; i < d->n_enum; i++)
    if (strcmp (d->enum_values[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* Where each declared type's reading of a case fact is, and the form bit
 * that says the text has it.  A table rather than a switch: the types of a
 * benchmark's facts vary from one to the next, and a jump on each one is
 * mispredicted in mixed workloads. */
static const struct {
  guint8 form;
  guint8 offset;
} readings[] = {
  [FACT_BOOL] = { FACT_FORM_BOOL, offsetof (CaseFact, integer) },
  [FACT_INTEGER] = { FACT_FORM_INTEGER, offsetof (CaseFact, integer) },
  [FACT_NUMBER] = { FACT_FORM_DECIMAL, offsetof (CaseFact, decimal) },
  [FACT_ENUM] = { 0, 0 },                      /* by name: parse_enum() */
  [FACT_MONEY] = { FACT_FORM_DECIMAL, offsetof (CaseFact, decimal) },
  [FACT_DATE] = { FACT_FORM_DATE, offsetof (CaseFact, date) },
};

/* Types one fact by its declaration, from the readings the case parser
 * found (CaseFact.forms); FALSE when the text has no reading of that type. */
static gboolean
type_fact (const FactDecl *d, const CaseFact *f, FactValue *out)
{
  /* An explicit null says "not known", which is what an absent fact says. */
  if (f->forms & FACT_FORM_NULL)
    {
      out->known = FALSE;
      out->value = 0;
      return TRUE;
    }
  out->known = TRUE;
  if (d->type == FACT_ENUM)
    return parse_enum (d, f->text, &out->value);
  if ((guint) d->type >= G_N_ELEMENTS (readings))
    return FALSE;
  out->value = G_STRUCT_MEMBER (gint64, f, readings[d->type].offset);
  return (f->forms & readings[d->type].form) != 0;
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

gboolean
rec_bind_facts (const RecCtx *ctx, const Benchmark *bm, FactValue *values, GError **error)
{
  const EnforceCase *k = ctx->kase;
  const gint8 *decl = ctx->decl_of == bm ? ctx->decl : NULL;

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
      int j = decl ? decl[i] : find_fact (bm, f, i);

      if (j < 0)
        continue;               /* declared by another candidate (checked before) */
      if (!type_fact (&bm->facts[j], f, &values[j]))
        {
          g_autofree char *shown = escape_for_message (f->text, strlen (f->text), 64);
          rec_case_error (error, ENFORCE_ERROR_FACT_TYPE, k, f->line, f->col,
                          "facts.%s: \"%s\" is not a valid %s for benchmark %s",
                          f->name, shown, fact_type_name (bm->facts[j].type), bm->id);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_fact_names (RecCtx *ctx, const Benchmark *const *cands, guint n, GError **error)
{
  const EnforceCase *k = ctx->kase;

  ctx->decl_of = k->n_facts <= REC_MAX_DECL ? cands[0] : NULL;
  for (guint i = 0; i < k->n_facts; i++)
    {
      int j = find_fact (cands[0], &k->facts[i], i);
      gboolean found = j >= 0;

      if (ctx->decl_of)
        ctx->decl[i] = (gint8) j;
      for (guint c = 1; c < n && !found; c++)
        found = find_fact (cands[c], &k->facts[i], i) >= 0;
      if (!found)
        {
          rec_case_error (error, ENFORCE_ERROR_UNKNOWN_FACT, k, k->facts[i].line, k->facts[i].col,
                          n == 1 ? "facts.%s: not a fact declared by benchmark %s"
                                 : "facts.%s: not a fact declared by any candidate benchmark (%s, ...)",
                          k->facts[i].name, cands[0]->id);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_factor_codes (RecCtx *ctx, const Benchmark *const *cands, guint n, GError **error)
{
  const EnforceCase *k = ctx->kase;

  /* The factor sum keeps at most REC_MAX_FACTORS of the case's codes. */
  if (k->n_factors > REC_MAX_FACTORS)
    {
      rec_case_error (error, ENFORCE_ERROR_LIMIT_ITEMS, k, 0, 0,
                      "factors: %u codes given, at most %d are accepted", k->n_factors,
                      REC_MAX_FACTORS);
      return FALSE;
    }
  for (guint i = 0; i < k->n_factors; i++)
    {
      gboolean found;

      ctx->jur_factor[i] = rules_find_factor (ctx->rules, NULL, k->factors[i]);
      found = ctx->jur_factor[i] != NULL;
      for (guint c = 0; c < n && !found; c++)
        for (guint v = 0; v < cands[c]->n_versions && !found; v++)
          found = version_find_factor (&cands[c]->versions[v], k->factors[i]) != NULL;
      if (!found)
        {
          rec_case_error (error, ENFORCE_ERROR_UNKNOWN_FACTOR, k, 0, 0,
                          "factors[%u]: unknown factor code \"%s\"", i, k->factors[i]);
          return FALSE;
        }
    }
  return TRUE;
}

const Factor *
rec_case_factor (const RecCtx *ctx, const Version *v, guint i)
{
  const Factor *f = version_find_factor (v, ctx->kase->factors[i]);

  return f != NULL ? f : ctx->jur_factor[i];
}

gboolean
rec_check_case_names (RecCtx *ctx, const Benchmark *const *cands, guint n, GError **error)
{
  return check_fact_names (ctx, cands, n, error)
         && check_factor_codes (ctx, cands, n, error);
}
