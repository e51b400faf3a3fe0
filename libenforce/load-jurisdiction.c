/* load-jurisdiction.c: `kind: jurisdiction` — the jurisdiction, its parent
 * rule set, its factors and its date-versioned parameters
 * (docs/rule-format.md#jurisdiction). */
#include "loader.h"

#include <string.h>

typedef struct {
  const char *key;
  ParamId id;                      /* the value, or the individual's */
  ParamId id_organization;         /* per-class parameters only */
  gboolean per_class;
  gboolean money;                  /* yuan in the file, fen in the model */
  gint64 max;                      /* integers: largest sensible value */
} ParamSpec;

static const ParamSpec param_specs[] = {
  { "simple_procedure_cap", PARAM_SIMPLE_CAP_INDIVIDUAL, PARAM_SIMPLE_CAP_ORGANIZATION, TRUE, TRUE, 0 },
  { "onsite_collection_cap", PARAM_ONSITE_CAP, 0, FALSE, TRUE, 0 },
  { "hearing_threshold", PARAM_HEARING_INDIVIDUAL, PARAM_HEARING_ORGANIZATION, TRUE, TRUE, 0 },
  { "late_surcharge_percent_per_day", PARAM_LATE_PERCENT_PER_DAY, 0, FALSE, FALSE, 100 },
  { "payment_period_days", PARAM_PAYMENT_DAYS, 0, FALSE, FALSE, 3660 },
  { "case_period_days", PARAM_CASE_DAYS, 0, FALSE, FALSE, 3660 },
  { "delivery_workdays", PARAM_DELIVERY_WORKDAYS, 0, FALSE, FALSE, 3660 },
  { "hearing_request_workdays", PARAM_HEARING_REQUEST_WORKDAYS, 0, FALSE, FALSE, 3660 },
  { "publication_workdays", PARAM_PUBLICATION_WORKDAYS, 0, FALSE, FALSE, 3660 },
  { "limitation_years", PARAM_LIMITATION_YEARS, 0, FALSE, FALSE, 100 },
  { "limitation_years_life_health_finance", PARAM_LIMITATION_LONG_YEARS, 0, FALSE, FALSE, 100 },
};

static const char *const round_unit_names[] = { "fen", "jiao", "yuan", NULL };
static const RoundUnit round_units[] = { ROUND_UNIT_FEN, ROUND_UNIT_JIAO, ROUND_UNIT_YUAN };
/* In RoundMode order. */
static const char *const round_mode_names[] = { "half_up", "half_even", "down", "up", NULL };

/* One value: a number of the parameter's kind, or `unknown`. */
static void
bind_param_value (Loader *ld, Binder *b, const ParamSpec *spec, const Node *n, Param *p)
{
  p->set = TRUE;
  p->loc = ld_loc (ld, n);
  if (node_is_unknown (n))
    {
      p->known = FALSE;
      return;
    }
  p->known = spec->money ? bind_money (b, n, &p->value)
                         : bind_int (b, n, 0, spec->max, &p->value);
}

static void
bind_param (Loader *ld, Binder *b, const ParamSpec *spec, const Node *n,
            gboolean inherited_verified, ParamVersion *v)
{
  static const char *const value_keys[] = { "value", "basis", "verified", "note", NULL };
  static const char *const class_keys[] = {
    "individual", "organization", "basis", "verified", "note", NULL,
  };
  const Node *value;

  if (!bind_mapping (b, n, spec->per_class ? class_keys : value_keys))
    return;

  /* basis, verified and note are shared by both classes: bound once into
   * the first parameter and copied (with its pending reference) after. */
  const char *keys[2] = { spec->per_class ? "individual" : "value", "organization" };
  ParamId ids[2] = { spec->id, spec->id_organization };
  Param *first = &v->params[ids[0]];
  ld_bind_citation_key (ld, b, n, "basis", &first->basis);
  ld_bind_bool_key (b, n, "verified", inherited_verified, &first->verified);
  ld_bind_text_key (b, n, "note", &first->note);
  if (spec->per_class)
    {
      Param *second = &v->params[ids[1]];
      second->verified = first->verified;
      second->note = first->note;
      ld_copy_citation (ld, &first->basis, &second->basis);
    }
  for (guint i = 0; i < (spec->per_class ? 2u : 1u); i++)
    {
      if ((value = bind_required (b, n, keys[i])) == NULL)
        continue;
      gsize saved = bind_push_key (b, keys[i]);
      bind_param_value (ld, b, spec, value, &v->params[ids[i]]);
      bind_pop (b, saved);
    }
}

static void
bind_rounding (Loader *ld, Binder *b, const Node *n, ParamVersion *v)
{
  static const char *const keys[] = { "unit", "mode", NULL };
  const Node *unit, *mode;
  int index;

  v->rounding_loc = ld_loc (ld, n);
  if (!bind_mapping (b, n, keys))
    return;
  unit = bind_required (b, n, "unit");
  mode = bind_required (b, n, "mode");
  if (unit == NULL || mode == NULL)
    return;
  gsize saved = bind_push_key (b, "unit");
  gboolean ok = bind_enum (b, unit, round_unit_names, &index);
  if (ok)
    v->rounding.unit = round_units[index];
  bind_pop (b, saved);
  saved = bind_push_key (b, "mode");
  if (bind_enum (b, mode, round_mode_names, &index))
    v->rounding.mode = (RoundMode) index;
  else
    ok = FALSE;
  bind_pop (b, saved);
  v->has_rounding = ok;
}

static void
bind_param_version (Loader *ld, Binder *b, const Node *n, const Provenance *doc_prov,
                    ParamVersion *v)
{
  const char *allowed[G_N_ELEMENTS (param_specs) + 6];
  Provenance prov;
  const Node *value;
  guint k = 0;

  allowed[k++] = "effective_from";
  allowed[k++] = "effective_to";
  for (guint i = 0; i < G_N_ELEMENTS (param_specs); i++)
    allowed[k++] = param_specs[i].key;
  allowed[k++] = "rounding";
  allowed[k++] = "discretion_policy";
  allowed[k++] = "provenance";
  allowed[k] = NULL;

  v->loc = ld_loc (ld, n);
  v->to = DATE_OPEN;
  if (!bind_mapping (b, n, allowed))
    return;
  ld_bind_period (b, n, &v->from, &v->to);
  ld_bind_provenance (b, n, "provenance", doc_prov, &prov);
  for (guint i = 0; i < G_N_ELEMENTS (param_specs); i++)
    if ((value = node_lookup (n, param_specs[i].key)) != NULL)
      {
        gsize saved = bind_push_key (b, param_specs[i].key);
        bind_param (ld, b, &param_specs[i], value, prov.verified, v);
        bind_pop (b, saved);
      }
  if ((value = node_lookup (n, "rounding")) != NULL)
    {
      gsize saved = bind_push_key (b, "rounding");
      bind_rounding (ld, b, value, v);
      bind_pop (b, saved);
    }
  if ((value = node_lookup (n, "discretion_policy")) != NULL)
    {
      gsize saved = bind_push_key (b, "discretion_policy");
      ld_bind_policy (ld, b, value, &v->policy);
      bind_pop (b, saved);
    }
}

void
load_jurisdiction (Loader *ld, Binder *b, const Node *map)
{
  static const char *const keys[] = {
    "kind", "id", "name", "code", "parent", "factors", "parameters", "provenance", NULL,
  };
  Jurisdiction *j = arena_new0 (ld->arena, Jurisdiction, 1);
  const char *parent = NULL;
  const Node *n, *parent_node;

  j->loc = ld_loc (ld, map);
  if (!bind_mapping (b, map, keys))
    return;
  if ((n = bind_required (b, map, "id")) != NULL)
    {
      gsize saved = bind_push_key (b, "id");
      bind_id (b, n, &j->id);
      bind_pop (b, saved);
      j->loc = ld_loc (ld, n);
    }
  if ((n = bind_required (b, map, "name")) != NULL)
    {
      gsize saved = bind_push_key (b, "name");
      bind_text (b, n, &j->name);
      bind_pop (b, saved);
    }
  if ((n = node_lookup (map, "code")) != NULL)
    {
      gsize saved = bind_push_key (b, "code");
      bind_id (b, n, &j->code);
      bind_pop (b, saved);
    }
  ld_bind_provenance (b, map, "provenance", NULL, &j->provenance);
  if ((n = node_lookup (map, "factors")) != NULL)
    {
      gsize saved = bind_push_key (b, "factors");
      ld_bind_factors (ld, b, n, &j->factors, &j->n_factors);
      bind_pop (b, saved);
    }
  if ((n = node_lookup (map, "parameters")) != NULL)
    {
      gsize saved = bind_push_key (b, "parameters");
      int count = ld_sequence_length (b, n);
      if (count > 0)
        {
          j->versions = arena_new0 (ld->arena, ParamVersion, count);
          j->n_versions = (guint) count;
          for (guint i = 0; i < j->n_versions; i++)
            {
              gsize item = bind_push_index (b, i);
              bind_param_version (ld, b, n->v.items[i], &j->provenance, &j->versions[i]);
              bind_pop (b, item);
            }
        }
      bind_pop (b, saved);
    }
  if ((parent_node = node_lookup (map, "parent")) != NULL)
    {
      gsize saved = bind_push_key (b, "parent");
      if (!bind_text (b, parent_node, &parent))
        parent = NULL;
      bind_pop (b, saved);
    }
  ld_add_jurisdiction (ld, j, parent, parent_node);
}
