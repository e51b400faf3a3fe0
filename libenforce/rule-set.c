/* rule-set.c: the public rule-set handle and the model look-ups.
 *
 * A rule set is immutable once loaded; the only mutable field is the
 * reference count, changed atomically, so handles may be shared and
 * dropped across threads.  Every look-up here is read-only.
 */
#include "loader.h"

#include <string.h>
#include "limits-private.h"

EnforceRuleSet *
rule_set_new (void)
{
  EnforceRuleSet *rules = g_new0 (EnforceRuleSet, 1);
  rules->ref_count = 1;
  rules->arena = arena_new ();
  return rules;
}

static void
rule_set_free (EnforceRuleSet *rules)
{
  for (guint i = 0; i < rules->n_conds; i++)
    cond_free (rules->conds[i]);
  g_free (rules->conds);
  g_clear_pointer (&rules->benchmark_index, g_hash_table_unref);
  g_clear_pointer (&rules->power_index, g_hash_table_unref);
  arena_free (rules->arena);
  g_free (rules);
}

EnforceRuleSet *
enforce_rule_set_load (const char *path, const EnforceLimits *limits,
                       EnforceDiagnostics **diagnostics_out, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  EnforceDiagnostics *diag = diag_new ();
  EnforceRuleSet *rules = loader_load_path (path, limits_or_default (limits, ENFORCE_LIMITS_RULES),
                                            diag, error);
  if (diagnostics_out != NULL)
    *diagnostics_out = diag;
  else
    enforce_diagnostics_free (diag);
  return rules;
}

EnforceRuleSet *
enforce_rule_set_load_data (const char *name, const char *data, gsize len,
                            const EnforceLimits *limits,
                            EnforceDiagnostics **diagnostics_out, GError **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  EnforceDiagnostics *diag = diag_new ();
  EnforceRuleSet *rules = loader_load_data (name != NULL ? name : "<data>", data != NULL ? data : "",
                                            len, limits_or_default (limits, ENFORCE_LIMITS_RULES),
                                            diag, error);
  if (diagnostics_out != NULL)
    *diagnostics_out = diag;
  else
    enforce_diagnostics_free (diag);
  return rules;
}

EnforceRuleSet *
enforce_rule_set_ref (EnforceRuleSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
enforce_rule_set_unref (EnforceRuleSet *self)
{
  if (self == NULL)
    return;
  if (g_atomic_int_dec_and_test (&self->ref_count))
    rule_set_free (self);
}

const char *
enforce_rule_set_get_hash (const EnforceRuleSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->hash;
}

const char *
enforce_rule_set_get_jurisdiction_id (const EnforceRuleSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->jurisdiction != NULL ? self->jurisdiction->id : NULL;
}

guint
enforce_rule_set_get_benchmark_count (const EnforceRuleSet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_benchmarks;
}

const char *
enforce_rule_set_get_benchmark_id (const EnforceRuleSet *self, guint index)
{
  g_return_val_if_fail (self != NULL && index < self->n_benchmarks, NULL);
  return self->benchmarks[index]->id;
}

const char *
enforce_rule_set_get_benchmark_title (const EnforceRuleSet *self, guint index)
{
  g_return_val_if_fail (self != NULL && index < self->n_benchmarks, NULL);
  return self->benchmarks[index]->title;
}

/* Model look-ups. */

const Benchmark *
rules_find_benchmark (const EnforceRuleSet *rules, const char *id)
{
  g_return_val_if_fail (rules != NULL && id != NULL, NULL);
  return rules->benchmark_index != NULL ? g_hash_table_lookup (rules->benchmark_index, id) : NULL;
}

const Power *
rules_find_power (const EnforceRuleSet *rules, const char *code)
{
  g_return_val_if_fail (rules != NULL && code != NULL, NULL);
  return rules->power_index != NULL ? g_hash_table_lookup (rules->power_index, code) : NULL;
}

/* Versions, parameter versions and parameter spans are all arrays of
 * structs sorted by a gint32 `from`, not overlapping, each ending at an
 * inclusive gint32 `to` (lint and the loader guarantee it).  The one in
 * force on @date is the last starting on or before it, if it has not
 * ended: returns it, or NULL. */
static gconstpointer
in_force_on (gconstpointer items, guint n, gsize size, gsize from_offset, gsize to_offset,
             gint32 date)
{
  const char *base = items;
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (G_STRUCT_MEMBER (gint32, base + (gsize) mid * size, from_offset) <= date)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return NULL;
  base += (gsize) (lo - 1) * size;
  return date <= G_STRUCT_MEMBER (gint32, base, to_offset) ? base : NULL;
}

#define IN_FORCE_ON(array, n, Type, date) \
  ((const Type *) in_force_on ((array), (n), sizeof (Type), G_STRUCT_OFFSET (Type, from), \
                               G_STRUCT_OFFSET (Type, to), (date)))

const Version *
benchmark_version_on (const Benchmark *bm, gint32 date)
{
  g_return_val_if_fail (bm != NULL, NULL);
  return IN_FORCE_ON (bm->versions, bm->n_versions, Version, date);
}

static const ParamVersion *
param_version_on (const Jurisdiction *j, gint32 date)
{
  return IN_FORCE_ON (j->versions, j->n_versions, ParamVersion, date);
}

/* The loader's flattened spans (model.h) answer the three look-ups below
 * with one binary search instead of a search of every jurisdiction's
 * versions; before they exist (while loading) the chain is searched. */
static const ParamSpan *
span_on (const EnforceRuleSet *rules, gint32 date)
{
  return IN_FORCE_ON (rules->param_spans, rules->n_param_spans, ParamSpan, date);
}

const Param *
rules_param (const EnforceRuleSet *rules, ParamId id, gint32 date)
{
  g_return_val_if_fail (rules != NULL && id < PARAM_COUNT, NULL);

  if (rules->param_spans != NULL)
    {
      const ParamSpan *span = span_on (rules, date);
      return span ? span->params[id] : NULL;
    }
  for (const Jurisdiction *j = rules->jurisdiction; j != NULL; j = j->parent)
    {
      const ParamVersion *v = param_version_on (j, date);
      if (v != NULL && v->params[id].set)
        return &v->params[id];
    }
  return NULL;
}

const Rounding *
rules_rounding (const EnforceRuleSet *rules, gint32 date)
{
  g_return_val_if_fail (rules != NULL, NULL);

  if (rules->param_spans != NULL)
    {
      const ParamSpan *span = span_on (rules, date);
      return span ? span->rounding : NULL;
    }
  for (const Jurisdiction *j = rules->jurisdiction; j != NULL; j = j->parent)
    {
      const ParamVersion *v = param_version_on (j, date);
      if (v != NULL && v->has_rounding)
        return &v->rounding;
    }
  return NULL;
}

const Policy *
rules_policy (const EnforceRuleSet *rules, gint32 date)
{
  g_return_val_if_fail (rules != NULL, NULL);

  if (rules->param_spans != NULL)
    {
      const ParamSpan *span = span_on (rules, date);
      return span ? span->policy : NULL;
    }
  for (const Jurisdiction *j = rules->jurisdiction; j != NULL; j = j->parent)
    {
      const ParamVersion *v = param_version_on (j, date);
      if (v != NULL && v->policy.present)
        return &v->policy;
    }
  return NULL;
}

static const Factor *
find_factor (const Factor *factors, guint n, const char *code)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (factors[i].code, code) == 0)
      return &factors[i];
  return NULL;
}

const Factor *
version_find_factor (const Version *v, const char *code)
{
  return find_factor (v->factors, v->n_factors, code);
}

const Factor *
rules_find_factor (const EnforceRuleSet *rules, const Version *v, const char *code)
{
  const Factor *f = NULL;

  g_return_val_if_fail (rules != NULL && code != NULL, NULL);

  if (v != NULL)
    f = find_factor (v->factors, v->n_factors, code);
  for (const Jurisdiction *j = rules->jurisdiction; f == NULL && j != NULL; j = j->parent)
    f = find_factor (j->factors, j->n_factors, code);
  return f;
}
