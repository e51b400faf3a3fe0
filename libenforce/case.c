/* case.c: reading one case (docs/case-format.md).
 *
 * The bytes go through the same limited readers as rule files (YAML, or JSON
 * under the strict profile), then the tree is bound field by field with a
 * first-error Binder, so every error names its field path and position:
 * "case.yaml:7:14: facts.area_m2: ...".  Facts stay raw text here; they are
 * typed only when a recommendation binds them to a benchmark's declarations.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "case-private.h"
#include "diag.h"
#include "limits-private.h"
#include "money.h"
#include "schema.h"

/* ---- names -------------------------------------------------------------- */

static const char *const root_keys[] = {
  "id", "benchmark", "benchmarks", "power", "party", "facts", "circumstances",
  "factors", "dates", "correction", "review", "prior_violations", NULL,
};
static const char *const party_keys[] = { "class", "birth_date", "age", "capacity", NULL };
static const char *const party_classes[] = { "individual", "organization", NULL };     /* PartyClass */
static const char *const capacities[] = { "full", "partial", "none", NULL };           /* Capacity */
/* Indexed by Builtin. */
static const char *const circumstance_keys[] = {
  "minor", "corrected", "harm", "first_violation", "no_fault", NULL,
};
static const char *const harm_values[] = { "none", "minor", "serious", NULL };
static const char *const date_keys[] = {
  "act", "act_end", "discovered", "filed", "notified", "decided", "received", NULL,
};
static const char *const correction_keys[] = { "ordered", "deadline", "outcome", NULL };
static const char *const correction_outcomes[] = {                                      /* CorrectionOutcome */
  "complied", "refused", "overdue", "pending", NULL,
};
/* Indexed by ReviewFlag. */
static const char *const review_keys[] = {
  "complex", "serious", "major_public_interest", "hearing_held", "other_required", NULL,
};
static const char *const prior_keys[] = { "benchmark", "date", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (circumstance_keys) == BUILTIN_COUNT + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (review_keys) == REVIEW_COUNT + 1);

/* ---- small helpers ------------------------------------------------------ */


/* The key's text; keys that are not scalars are refused. */
static const char *
key_text (Binder *b, const Node *key)
{
  if (key->kind == NODE_SCALAR)
    return key->v.text;
  bind_error (b, ENFORCE_ERROR_WRONG_TYPE, key,
              "键必须是标量", "a key must be a scalar");
  return NULL;
}

static gboolean
require_mapping (Binder *b, const Node *n)
{
  if (n->kind == NODE_MAPPING)
    return TRUE;
  bind_error (b, ENFORCE_ERROR_WRONG_TYPE, n, "应为映射", "expected a mapping");
  return FALSE;
}

static gboolean
bind_known_bool (Binder *b, const Node *n, FactValue *out)
{
  gboolean v = FALSE;

  if (node_is_null (n))
    return TRUE;
  if (!bind_bool (b, n, &v))
    return FALSE;
  out->value = v ? 1 : 0;
  out->known = TRUE;
  return TRUE;
}

static gboolean
bind_optional_date (Binder *b, const Node *n, gint32 *out)
{
  if (node_is_null (n))
    return TRUE;
  return bind_date (b, n, out);
}

/* ---- sections ----------------------------------------------------------- */

static gboolean
bind_benchmarks (Binder *b, EnforceCase *c, const Node *n)
{
  if (!bind_sequence (b, n))
    return FALSE;
  if (n->len == 0)
    {
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
                  "至少需要一个基准", "at least one benchmark is required");
      return FALSE;
    }
  c->benchmarks = arena_new0 (c->arena, const char *, n->len);
  for (guint i = 0; i < n->len; i++)
    {
      gsize saved = bind_push_index (b, i);
      gboolean ok = bind_id (b, n->v.items[i], &c->benchmarks[i]);
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  c->n_benchmarks = n->len;
  return TRUE;
}

static gboolean
bind_party (Binder *b, EnforceCase *c, const Node *n)
{
  const Node *cls, *birth = NULL, *age = NULL;
  int value = 0;

  if (!bind_mapping (b, n, party_keys) || b->failed)
    return FALSE;
  cls = bind_required (b, n, "class");
  if (cls == NULL)
    return FALSE;

  for (guint i = 0; i < n->len; i++)
    {
      const char *key = node_key (n, i)->v.text;
      const Node *v = node_value (n, i);
      gsize saved = bind_push_key (b, key);
      gboolean ok = TRUE;

      if (strcmp (key, "class") == 0)
        {
          ok = bind_enum (b, v, party_classes, &value);
          c->party = (PartyClass) value;
        }
      else if (strcmp (key, "birth_date") == 0)
        {
          ok = bind_optional_date (b, v, &c->birth_date);
          if (!node_is_null (v))
            birth = node_key (n, i);
        }
      else if (strcmp (key, "age") == 0 && !node_is_null (v))
        {
          ok = bind_int (b, v, 0, 150, &c->age);
          age = node_key (n, i);
        }
      else if (strcmp (key, "capacity") == 0 && !node_is_null (v))
        {
          ok = bind_enum (b, v, capacities, &value);
          c->capacity = (Capacity) value;
          c->has_capacity = ok;
        }
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }

  if (birth != NULL && age != NULL)
    {
      /* Two sources for one fact could disagree; refuse rather than pick. */
      const Node *later = birth->line > age->line
                          || (birth->line == age->line && birth->col > age->col) ? birth : age;
      bind_error (b, ENFORCE_ERROR_INVALID_CASE, later,
                  "birth_date 与 age 只能给出其一", "give birth_date or age, not both");
      return FALSE;
    }
  c->has_party = TRUE;
  return TRUE;
}

/* Every reading of @f's text (CaseFact.forms).  Booleans, integers and
 * null are plain scalars only; numbers, money and dates may be quoted. */
static void
read_fact_forms (CaseFact *f, gsize len, gboolean plain)
{
  gint32 day;
  gboolean overflow;

  f->forms = 0;
  if (plain && strcmp (f->text, "null") == 0)
    {
      f->forms = FACT_FORM_NULL;
      return;
    }
  if (plain && (strcmp (f->text, "true") == 0 || strcmp (f->text, "false") == 0))
    {
      f->forms |= FACT_FORM_BOOL;
      f->integer = f->text[0] == 't';
    }
  else if (plain && schema_parse_int (f->text, len, &f->integer, &overflow) && !overflow)
    f->forms |= FACT_FORM_INTEGER;
  if (decimal2_parse (f->text, len, &f->decimal))
    f->forms |= FACT_FORM_DECIMAL;
  if (enforce_date_parse (f->text, len, &day, NULL))
    {
      f->forms |= FACT_FORM_DATE;
      f->date = day;
    }
}

static gboolean
bind_facts (Binder *b, EnforceCase *c, const Node *n)
{
  if (!require_mapping (b, n))
    return FALSE;
  c->facts = arena_new0 (c->arena, CaseFact, n->len);
  for (guint i = 0; i < n->len; i++)
    {
      const Node *k = node_key (n, i), *v = node_value (n, i);
      const char *key = key_text (b, k);
      CaseFact *f = &c->facts[c->n_facts];
      gsize saved;
      gboolean ok;

      if (key == NULL)
        return FALSE;
      saved = bind_push_key (b, key);
      ok = bind_id (b, k, &f->name);
      if (ok)
        f->name_hash = g_str_hash (f->name);
      if (ok && v->kind != NODE_SCALAR)
        {
          bind_error (b, ENFORCE_ERROR_WRONG_TYPE, v,
                      "事实的值应为标量", "a fact's value must be a scalar");
          ok = FALSE;
        }
      else if (ok)
        {
          /* Every reading of the text, the text and its position: the
           * declaring benchmark picks a reading later and must still be able
           * to point at the case's scalar.  A null is kept (as "not known")
           * so its name is still checked. */
          gboolean null = node_is_null (v);
          f->text = null ? "null" : arena_strndup (c->arena, v->v.text, v->len);
          f->line = v->line;
          f->col = v->col;
          read_fact_forms (f, null ? 4 : v->len, null || v->style == SCALAR_PLAIN);
          c->n_facts++;
        }
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
bind_circumstances (Binder *b, EnforceCase *c, const Node *n)
{
  if (!bind_mapping (b, n, circumstance_keys) || b->failed)
    return FALSE;
  for (guint i = 0; i < n->len; i++)
    {
      const char *key = node_key (n, i)->v.text;
      const Node *v = node_value (n, i);
      int which = names_index_of (circumstance_keys, key);
      gsize saved = bind_push_key (b, key);
      gboolean ok = TRUE;

      if (which == BUILTIN_HARM)
        {
          int harm = 0;
          if (!node_is_null (v))
            {
              ok = bind_enum (b, v, harm_values, &harm);
              c->builtins[BUILTIN_HARM].value = harm;
              c->builtins[BUILTIN_HARM].known = ok;
            }
        }
      else if (which >= 0)
        ok = bind_known_bool (b, v, &c->builtins[which]);
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
bind_factors (Binder *b, EnforceCase *c, const Node *n)
{
  if (!bind_sequence (b, n))
    return FALSE;
  c->factors = arena_new0 (c->arena, const char *, n->len);
  for (guint i = 0; i < n->len; i++)
    {
      gsize saved = bind_push_index (b, i);
      gboolean ok = bind_id (b, n->v.items[i], &c->factors[i]);
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  c->n_factors = n->len;
  return TRUE;
}

static gint32 *
date_slot (EnforceCase *c, const char *key)
{
  gint32 *const slots[] = {
    &c->act, &c->act_end, &c->discovered, &c->filed, &c->notified, &c->decided, &c->received,
  };
  int which = names_index_of (date_keys, key);

  G_STATIC_ASSERT (G_N_ELEMENTS (slots) + 1 == G_N_ELEMENTS (date_keys));
  return which >= 0 ? slots[which] : NULL;
}

/* Reports @later being before @earlier (both set) as an invalid case. */
static gboolean
check_order (Binder *b, const Node *map, const char *earlier_key, gint32 earlier,
             const char *later_key, gint32 later)
{
  const Node *at;
  gsize saved;

  if (earlier == DATE_NONE || later == DATE_NONE || later >= earlier)
    return TRUE;
  at = node_lookup (map, later_key);
  saved = bind_push_key (b, later_key);
  bind_error (b, ENFORCE_ERROR_INVALID_CASE, at != NULL ? at : map,
              "不能早于 %s", "must not be before %s", earlier_key);
  bind_pop (b, saved);
  return FALSE;
}

static gboolean
bind_dates (Binder *b, EnforceCase *c, const Node *n)
{
  if (!bind_mapping (b, n, date_keys) || b->failed)
    return FALSE;
  for (guint i = 0; i < n->len; i++)
    {
      const char *key = node_key (n, i)->v.text;
      gint32 *slot = date_slot (c, key);
      gsize saved = bind_push_key (b, key);
      gboolean ok = slot == NULL || bind_optional_date (b, node_value (n, i), slot);
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  /* A continuing act cannot end before it began; the limitation period
   * (Art. 36) would otherwise run from a date before the act. */
  return check_order (b, n, "act", c->act, "act_end", c->act_end);
}

static gboolean
bind_correction (Binder *b, EnforceCase *c, const Node *n)
{
  const Node *outcome;
  int value = 0;

  if (!bind_mapping (b, n, correction_keys) || b->failed)
    return FALSE;
  /* A correction record without its outcome says nothing the triggers
   * 拒不改正 / 逾期不改正 can use; "pending" is the honest value for
   * an order whose deadline has not passed. */
  outcome = bind_required (b, n, "outcome");
  if (outcome == NULL)
    return FALSE;
  for (guint i = 0; i < n->len; i++)
    {
      const char *key = node_key (n, i)->v.text;
      const Node *v = node_value (n, i);
      gsize saved = bind_push_key (b, key);
      gboolean ok = TRUE;

      if (strcmp (key, "ordered") == 0)
        ok = bind_optional_date (b, v, &c->correction_ordered);
      else if (strcmp (key, "deadline") == 0)
        ok = bind_optional_date (b, v, &c->correction_deadline);
      else if (strcmp (key, "outcome") == 0)
        {
          ok = bind_enum (b, v, correction_outcomes, &value);
          c->correction = (CorrectionOutcome) value;
        }
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  if (!check_order (b, n, "ordered", c->correction_ordered, "deadline", c->correction_deadline))
    return FALSE;
  c->has_correction = TRUE;
  return TRUE;
}

static gboolean
bind_review (Binder *b, EnforceCase *c, const Node *n)
{
  if (!bind_mapping (b, n, review_keys) || b->failed)
    return FALSE;
  for (guint i = 0; i < n->len; i++)
    {
      const char *key = node_key (n, i)->v.text;
      int which = names_index_of (review_keys, key);
      gsize saved = bind_push_key (b, key);
      gboolean ok = which < 0 || bind_known_bool (b, node_value (n, i), &c->review[which]);
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
bind_prior (Binder *b, const Node *n, PriorViolation *out)
{
  const Node *bm, *date;
  gsize saved;
  gboolean ok;

  if (!bind_mapping (b, n, prior_keys) || b->failed)
    return FALSE;
  bm = bind_required (b, n, "benchmark");
  if (bm == NULL)
    return FALSE;
  date = bind_required (b, n, "date");
  if (date == NULL)
    return FALSE;

  saved = bind_push_key (b, "benchmark");
  ok = bind_id (b, bm, &out->benchmark);
  bind_pop (b, saved);
  if (!ok)
    return FALSE;
  saved = bind_push_key (b, "date");
  ok = bind_date (b, date, &out->date);
  bind_pop (b, saved);
  return ok;
}

static gboolean
bind_priors (Binder *b, EnforceCase *c, const Node *n)
{
  if (!bind_sequence (b, n))
    return FALSE;
  c->priors = arena_new0 (c->arena, PriorViolation, n->len);
  for (guint i = 0; i < n->len; i++)
    {
      gsize saved = bind_push_index (b, i);
      gboolean ok = bind_prior (b, n->v.items[i], &c->priors[i]);
      bind_pop (b, saved);
      if (!ok)
        return FALSE;
    }
  c->n_priors = n->len;
  c->has_priors = TRUE;
  return TRUE;
}

/* ---- the root ----------------------------------------------------------- */

static gboolean
bind_root_field (Binder *b, EnforceCase *c, const char *key, const Node *v)
{
  if (strcmp (key, "id") == 0)
    return node_is_null (v) || bind_text (b, v, &c->id);
  if (strcmp (key, "benchmark") == 0)
    {
      c->benchmarks = arena_new0 (c->arena, const char *, 1);
      c->n_benchmarks = 1;
      return bind_id (b, v, &c->benchmarks[0]);
    }
  if (strcmp (key, "benchmarks") == 0)
    return bind_benchmarks (b, c, v);
  if (strcmp (key, "power") == 0)
    return bind_id (b, v, &c->power);
  if (strcmp (key, "party") == 0)
    return bind_party (b, c, v);
  if (strcmp (key, "facts") == 0)
    return bind_facts (b, c, v);
  if (strcmp (key, "circumstances") == 0)
    return bind_circumstances (b, c, v);
  if (strcmp (key, "factors") == 0)
    return bind_factors (b, c, v);
  if (strcmp (key, "dates") == 0)
    return bind_dates (b, c, v);
  if (strcmp (key, "correction") == 0)
    return bind_correction (b, c, v);
  if (strcmp (key, "review") == 0)
    return bind_review (b, c, v);
  if (strcmp (key, "prior_violations") == 0)
    return bind_priors (b, c, v);
  return TRUE;                         /* unreachable: bind_mapping checked the keys */
}

/* Exactly one way of naming the violation: a benchmark, a list of
 * candidate benchmarks (Art. 29), or a power whose candidates the rule set
 * knows.  Two would leave it unclear which provision the case is about. */
static gboolean
check_violation_named (Binder *b, const Node *root)
{
  static const char *const selectors[] = { "benchmark", "benchmarks", "power" };
  const Node *second = NULL;
  guint given = 0;

  for (guint i = 0; i < root->len; i++)
    {
      const Node *k = node_key (root, i);
      for (guint s = 0; s < G_N_ELEMENTS (selectors); s++)
        if (strcmp (k->v.text, selectors[s]) == 0 && ++given == 2)
          second = k;
    }
  if (given == 1)
    return TRUE;
  bind_error (b, ENFORCE_ERROR_INVALID_CASE, second != NULL ? second : root,
              "必须且只能给出 benchmark、benchmarks、power 之一",
              "exactly one of benchmark, benchmarks or power is required");
  return FALSE;
}

static EnforceCase *
case_new (const char *name)
{
  Arena *arena = arena_new ();
  EnforceCase *c = arena_new0 (arena, EnforceCase, 1);

  c->arena = arena;
  c->name = arena_strdup (arena, name != NULL ? name : "case");
  c->birth_date = DATE_NONE;
  c->age = -1;
  c->act = c->act_end = c->discovered = c->filed = DATE_NONE;
  c->notified = c->decided = c->received = DATE_NONE;
  c->correction_ordered = c->correction_deadline = DATE_NONE;
  return c;
}

/* Binds @root into the fresh case @c; frees @c and returns NULL after an
 * error (reported through @b). */
static EnforceCase *
bind_case (Binder *b, EnforceCase *c, const Node *root)
{
  gboolean ok = bind_mapping (b, root, root_keys) && !b->failed;

  for (guint i = 0; ok && i < root->len; i++)
    {
      const char *key = node_key (root, i)->v.text;
      gsize field = bind_push_key (b, key);
      ok = bind_root_field (b, c, key, node_value (root, i)) && !b->failed;
      bind_pop (b, field);
    }
  ok = ok && check_violation_named (b, root) && !b->failed;
  if (!ok)
    {
      enforce_case_free (c);
      return NULL;
    }
  return c;
}

EnforceCase *
case_bind (Binder *b, const Node *root)
{
  Arena *outer;
  EnforceCase *c;

  g_return_val_if_fail (b != NULL && root != NULL, NULL);

  c = case_new (b->doc != NULL ? b->doc->file : NULL);
  /* Strings the binder copies must live as long as the case, whatever
   * arena the caller's binder normally copies into. */
  outer = b->arena;
  b->arena = c->arena;
  c = bind_case (b, c, root);
  b->arena = outer;
  return c;
}

EnforceCase *
case_from_node (const Doc *doc, const Node *root, const EnforceLimits *limits, GError **error)
{
  EnforceCase *c;
  Binder b;

  g_return_val_if_fail (doc != NULL && root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  c = case_new (doc->file);
  binder_init_first (&b, doc, limits_or_default (limits, ENFORCE_LIMITS_CASES), c->arena, error);
  return bind_case (&b, c, root);
}

/* ---- reading ------------------------------------------------------------ */

static void
set_io_error (GError **error, const char *path, int errsv)
{
  g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "%s: %s", path, g_strerror (errsv));
}

static void
set_size_error (GError **error, const char *path, gint64 max_bytes)
{
  g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_LIMIT_BYTES,
               "%s: input is larger than the limit %s = %" G_GINT64_FORMAT " bytes",
               path, enforce_limit_name (ENFORCE_LIMIT_INPUT_BYTES), max_bytes);
}

gboolean
case_read_file (const char *path, gint64 max_bytes, char **data_out, gsize *len_out,
                GError **error)
{
  g_autofree char *buf = NULL;
  GStatBuf st;
  gsize cap, len = 0;
  int fd;

  g_return_val_if_fail (path != NULL && data_out != NULL && len_out != NULL, FALSE);

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      set_io_error (error, path, errno);
      return FALSE;
    }
  /* Refuse an oversized regular file before reading a byte of it. */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > max_bytes)
    {
      close (fd);
      set_size_error (error, path, max_bytes);
      return FALSE;
    }
  /* Pipes and devices have no size: read at most one byte past the limit. */
  cap = (gsize) MIN (max_bytes, (gint64) 64 * 1024) + 1;
  buf = g_malloc (cap);
  for (;;)
    {
      gssize got;

      if (len == cap)
        {
          if ((gint64) len > max_bytes)
            {
              close (fd);
              set_size_error (error, path, max_bytes);
              return FALSE;
            }
          cap = (gsize) MIN ((gint64) cap * 2, max_bytes + 1);
          buf = g_realloc (buf, cap);
        }
      got = read (fd, buf + len, cap - len);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int errsv = errno;
          close (fd);
          set_io_error (error, path, errsv);
          return FALSE;
        }
      if (got == 0)
        break;
      len += (gsize) got;
    }
  close (fd);
  if ((gint64) len > max_bytes)
    {
      set_size_error (error, path, max_bytes);
      return FALSE;
    }
  *data_out = g_steal_pointer (&buf);
  *len_out = len;
  return TRUE;
}

static gboolean
looks_like_json (const char *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      char ch = data[i];
      if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
        continue;
      return ch == '{';
    }
  return FALSE;
}

EnforceCase *
enforce_case_parse (const char *data, gsize len, EnforceFormat format, const char *name,
                    const EnforceLimits *limits, GError **error)
{
  Doc *doc;
  EnforceCase *c;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (format <= ENFORCE_FORMAT_JSON, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  limits = limits_or_default (limits, ENFORCE_LIMITS_CASES);
  if (name == NULL)
    name = "case";
  if (data == NULL)
    data = "";
  if (format == ENFORCE_FORMAT_AUTO)
    format = looks_like_json (data, len) ? ENFORCE_FORMAT_JSON : ENFORCE_FORMAT_YAML;

  if (format == ENFORCE_FORMAT_JSON)
    doc = doc_parse_json (data, len, name, limits, error);
  else
    doc = doc_parse_yaml (data, len, name, limits, error);
  if (doc == NULL)
    return NULL;
  c = case_from_node (doc, doc->root, limits, error);
  doc_free (doc);
  return c;
}

EnforceCase *
enforce_case_load (const char *path, const EnforceLimits *limits, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  limits = limits_or_default (limits, ENFORCE_LIMITS_CASES);
  if (!case_read_file (path, enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES),
                       &data, &len, error))
    return NULL;
  return enforce_case_parse (data, len, ENFORCE_FORMAT_AUTO, path, limits, error);
}

const char *
enforce_case_get_id (const EnforceCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

void
enforce_case_free (EnforceCase *self)
{
  if (self == NULL)
    return;
  /* The case itself lives in its arena. */
  arena_free (self->arena);
}
