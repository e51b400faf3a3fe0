/* load-benchmark.c: `kind: benchmark` — one violation's penalty rules
 * (docs/rule-format.md#benchmark).
 *
 * Facts are bound first, whatever their place in the mapping, because fines
 * (multiple_of, per_unit) and conditions refer to them.  Every `when` is
 * compiled here against the benchmark's scope (declared facts, then the
 * built-in circumstances), and a compile error is reported at the column
 * inside the YAML scalar where the problem starts.
 */
#include "loader.h"

#include <string.h>

typedef struct {
  Loader *ld;
  Binder *b;
  Benchmark *bm;
  /* The fact list could not be bound as a whole (too many facts, not a
   * mapping): conditions are not compiled, since every reference would be
   * reported as undeclared. */
  gboolean skip_conditions;
} Ctx;

/* Messages name a thing in both languages with one argument list: the zh
 * format prints the zh word and skips the en one with "%.0s", and the en
 * format the other way round. */

/* Words of the condition grammar: a fact or enum value so named could
 * never be referred to. */
static const char *const condition_keywords[] = {
  "and", "or", "not", "in", "true", "false", NULL,
};

static gboolean
in_list (const char *const *names, const char *text)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], text) == 0)
      return TRUE;
  return FALSE;
}

/* [A-Za-z_][A-Za-z0-9_]*: the names a condition can spell. */
static gboolean
is_condition_name (const char *text)
{
  if (!(g_ascii_isalpha (text[0]) || text[0] == '_'))
    return FALSE;
  for (const char *p = text + 1; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return FALSE;
  return TRUE;
}

/* A name declared for conditions (fact, enum value): reports and returns
 * FALSE when it cannot be used in one. */
static gboolean
check_name (Ctx *c, const Node *n, const char *what_zh, const char *what_en)
{
  if (n->kind != NODE_SCALAR || !is_condition_name (n->v.text))
    {
      g_autofree char *shown = n->kind == NODE_SCALAR
        ? escape_for_message (n->v.text, n->len, 64) : g_strdup ("…");
      bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, n,
                  "%s%.0s \"%s\" 不是合法的名称（应匹配 [A-Za-z_][A-Za-z0-9_]*）",
                  "%.0s%s \"%s\" is not a valid name (expected [A-Za-z_][A-Za-z0-9_]*)",
                  what_zh, what_en, shown);
      return FALSE;
    }
  if (in_list (condition_keywords, n->v.text))
    {
      bind_error (c->b, ENFORCE_ERROR_RESERVED_NAME, n,
                  "%s%.0s \"%s\" 是条件表达式的保留字",
                  "%.0s%s \"%s\" is a word of the condition grammar",
                  what_zh, what_en, n->v.text);
      return FALSE;
    }
  return TRUE;
}

/* Facts. */

static void
bind_enum_values (Ctx *c, const Node *n, FactDecl *f)
{
  int count = ld_sequence_length (c->b, n);

  if (count == 0)
    bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, n, "枚举至少需要一个取值",
                "an enum needs at least one value");
  if (count <= 0)
    return;
  const char **values = arena_new0 (c->ld->arena, const char *, count);
  guint n_values = 0;
  for (guint i = 0; i < (guint) count; i++)
    {
      const Node *v = n->v.items[i];
      gsize saved = bind_push_index (c->b, i);
      if (check_name (c, v, "枚举值", "enum value"))
        {
          gboolean repeated = FALSE;
          for (guint j = 0; j < n_values && !repeated; j++)
            repeated = strcmp (values[j], v->v.text) == 0;
          if (repeated)
            bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, v, "枚举值 \"%s\" 重复",
                        "duplicate enum value \"%s\"", v->v.text);
          else
            values[n_values++] = arena_strndup (c->ld->arena, v->v.text, v->len);
        }
      bind_pop (c->b, saved);
    }
  f->enum_values = values;
  f->n_enum = n_values;
}

static void
bind_fact (Ctx *c, const Node *key, const Node *n, FactDecl *f)
{
  static const char *const keys[] = { "type", "unit", "label", "values", NULL };
  const Node *v;
  int type = 0;

  f->loc = ld_loc (c->ld, key);
  if (check_name (c, key, "事实", "fact"))
    {
      if (in_list (builtin_names, key->v.text))
        bind_error (c->b, ENFORCE_ERROR_RESERVED_NAME, key,
                    "事实名 \"%s\" 与内置情节同名（minor、corrected、harm、first_violation、no_fault）",
                    "fact \"%s\" has the name of a built-in circumstance "
                    "(minor, corrected, harm, first_violation, no_fault)", key->v.text);
      else
        f->name = arena_strndup (c->ld->arena, key->v.text, key->len);
    }
  if (!bind_mapping (c->b, n, keys))
    return;
  if ((v = bind_required (c->b, n, "type")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "type");
      if (bind_enum (c->b, v, fact_type_names, &type))
        f->type = (FactType) type;
      bind_pop (c->b, saved);
    }
  ld_bind_text_key (c->b, n, "unit", &f->unit);
  ld_bind_text_key (c->b, n, "label", &f->label);
  v = node_lookup (n, "values");
  if (f->type == FACT_ENUM && v == NULL)
    bind_required (c->b, n, "values");
  else if (f->type != FACT_ENUM && v != NULL)
    bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, v, "只有 enum 类型的事实才有 values",
                "only an enum fact has values");
  else if (v != NULL)
    {
      gsize saved = bind_push_key (c->b, "values");
      bind_enum_values (c, v, f);
      bind_pop (c->b, saved);
    }
}

static void
build_scope (Ctx *c)
{
  static const FactType builtin_types[BUILTIN_COUNT] = {
    [BUILTIN_MINOR] = FACT_BOOL,
    [BUILTIN_CORRECTED] = FACT_BOOL,
    [BUILTIN_HARM] = FACT_ENUM,
    [BUILTIN_FIRST_VIOLATION] = FACT_BOOL,
    [BUILTIN_NO_FAULT] = FACT_BOOL,
  };
  Benchmark *bm = c->bm;

  bm->n_scope = bm->n_facts + BUILTIN_COUNT;
  bm->scope = arena_new0 (c->ld->arena, CondVar, bm->n_scope);
  for (guint i = 0; i < bm->n_facts; i++)
    {
      const FactDecl *f = &bm->facts[i];
      /* A fact whose name failed gets a name no condition can spell, so
       * the scope stays indexed like the facts. */
      bm->scope[i] = (CondVar) { f->name != NULL ? f->name : "", f->type,
                                 f->enum_values, f->n_enum };
    }
  for (guint i = 0; i < BUILTIN_COUNT; i++)
    {
      CondVar *var = &bm->scope[bm->n_facts + i];
      *var = (CondVar) { builtin_names[i], builtin_types[i], NULL, 0 };
      if (i == BUILTIN_HARM)
        {
          var->enum_values = harm_names;
          var->n_enum = 3;
        }
    }
}

static void
bind_facts (Ctx *c, const Node *n)
{
  const guint max_facts = COND_MAX_FACTS - BUILTIN_COUNT;

  if (n == NULL)
    {
      build_scope (c);
      return;
    }
  gsize saved = bind_push_key (c->b, "facts");
  if (n->kind != NODE_MAPPING)
    {
      bind_error (c->b, ENFORCE_ERROR_WRONG_TYPE, n, "facts 应为映射", "facts must be a mapping");
      c->skip_conditions = TRUE;
    }
  else if (n->len > max_facts)
    {
      bind_error (c->b, ENFORCE_ERROR_LIMIT_KEYS, n,
                  "事实过多：%u 个，最多 %u 个", "too many facts: %u, at most %u",
                  (guint) n->len, max_facts);
      c->skip_conditions = TRUE;
    }
  else
    {
      c->bm->n_facts = n->len;
      c->bm->facts = arena_new0 (c->ld->arena, FactDecl, MAX (n->len, 1));
      for (guint i = 0; i < n->len; i++)
        {
          const Node *key = node_key (n, i);
          gsize item = bind_push_key (c->b, key->kind == NODE_SCALAR ? key->v.text : "?");
          bind_fact (c, key, node_value (n, i), &c->bm->facts[i]);
          bind_pop (c->b, item);
        }
    }
  bind_pop (c->b, saved);
  build_scope (c);
}

/* The index of the declared fact named by @n, or -1 after reporting. */
static int
fact_ref (Ctx *c, const Node *n, gboolean (*type_ok) (FactType),
          const char *expected_zh, const char *expected_en)
{
  const char *name;

  if (!bind_id (c->b, n, &name))
    return -1;
  for (guint i = 0; i < c->bm->n_facts; i++)
    {
      const FactDecl *f = &c->bm->facts[i];
      if (f->name == NULL || strcmp (f->name, name) != 0)
        continue;
      if (!type_ok (f->type))
        {
          bind_error (c->b, ENFORCE_ERROR_TYPE_MISMATCH, n,
                      "事实 \"%s\" 的类型是 %s，此处需要%s%.0s",
                      "fact \"%s\" is of type %s; %.0s%s is needed here",
                      name, fact_type_names[f->type], expected_zh, expected_en);
          return -1;
        }
      return (int) i;
    }
  bind_error (c->b, ENFORCE_ERROR_UNDECLARED_FACT, n, "事实 \"%s\" 未在 facts 中声明",
              "fact \"%s\" is not declared in facts", name);
  return -1;
}

static gboolean
is_money (FactType t)
{
  return t == FACT_MONEY;
}

static gboolean
is_quantity (FactType t)
{
  return t == FACT_INTEGER || t == FACT_NUMBER;
}

/* Fines. */

static gboolean
money_key (Ctx *c, const Node *map, const char *key, gboolean required, gint64 *out)
{
  const Node *n = required ? bind_required (c->b, map, key) : node_lookup (map, key);

  if (n == NULL)
    return !required;
  gsize saved = bind_push_key (c->b, key);
  gboolean ok = bind_money (c->b, n, out);
  bind_pop (c->b, saved);
  return ok;
}

static gboolean
decimal_key (Ctx *c, const Node *map, const char *key, gboolean required, gint64 *out)
{
  const Node *n = required ? bind_required (c->b, map, key) : node_lookup (map, key);

  if (n == NULL)
    return !required;
  gsize saved = bind_push_key (c->b, key);
  gboolean ok = bind_decimal2 (c->b, n, out);
  bind_pop (c->b, saved);
  return ok;
}

static gboolean
check_order (Ctx *c, const Node *map, const char *low_key, gint64 low, gint64 high)
{
  if (low <= high)
    return TRUE;
  bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, node_lookup (map, low_key),
              "%s 大于上限", "%s is greater than the maximum", low_key);
  return FALSE;
}

/* {min, max} of a multiple's fallback; min defaults to 0. */
static gboolean
bind_fallback (Ctx *c, const Node *n, Fine *f)
{
  static const char *const keys[] = { "min", "max", NULL };

  if (!bind_mapping (c->b, n, keys))
    return FALSE;
  gboolean ok = money_key (c, n, "min", FALSE, &f->fallback_min);
  ok &= money_key (c, n, "max", TRUE, &f->fallback_max);
  if (ok)
    ok = check_order (c, n, "min", f->fallback_min, f->fallback_max);
  f->has_fallback = TRUE;
  return ok;
}

static gboolean
bind_multiple (Ctx *c, const Node *n, Fine *f)
{
  const Node *v = bind_required (c->b, n, "multiple_of");
  gboolean ok = v != NULL;

  f->form = FINE_MULTIPLE;
  if (v != NULL)
    {
      gsize saved = bind_push_key (c->b, "multiple_of");
      f->base_fact = fact_ref (c, v, is_money, "金额（money）类型", "a money fact");
      ok = f->base_fact >= 0;
      bind_pop (c->b, saved);
    }
  gboolean times = decimal_key (c, n, "min_times", FALSE, &f->min_times);
  times &= decimal_key (c, n, "max_times", TRUE, &f->max_times);
  ok &= times && check_order (c, n, "min_times", f->min_times, f->max_times);
  if ((v = node_lookup (n, "fallback")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "fallback");
      ok &= bind_fallback (c, v, f);
      bind_pop (c->b, saved);
    }
  return ok;
}

static gboolean
bind_per_unit (Ctx *c, const Node *n, Fine *f)
{
  const Node *v = bind_required (c->b, n, "per_unit");
  gboolean ok = v != NULL;

  f->form = FINE_PER_UNIT;
  if (v != NULL)
    {
      gsize saved = bind_push_key (c->b, "per_unit");
      f->quantity_fact = fact_ref (c, v, is_quantity, "整数或数值（integer / number）类型",
                                   "an integer or number fact");
      ok = f->quantity_fact >= 0;
      bind_pop (c->b, saved);
    }
  ld_bind_text_key (c->b, n, "unit", &f->unit);
  gboolean rates = money_key (c, n, "min", FALSE, &f->rate_min);
  rates &= money_key (c, n, "max", TRUE, &f->rate_max);
  ok &= rates && check_order (c, n, "min", f->rate_min, f->rate_max);
  if (node_lookup (n, "cap") != NULL)
    {
      f->has_cap = money_key (c, n, "cap", FALSE, &f->cap);
      ok &= f->has_cap;
    }
  return ok;
}

/* Each form accepts only its own keys, so a fixed fine with a min, or a
 * range with a multiple's key, is an unknown-key error.  The fine is
 * marked present only when every part of it bound, so lint never compares
 * half a fine. */
static void
bind_fine (Ctx *c, const Node *n, Fine *f)
{
  static const char *const multiple_keys[] = {
    "multiple_of", "min_times", "max_times", "fallback", NULL,
  };
  static const char *const per_unit_keys[] = { "per_unit", "unit", "min", "max", "cap", NULL };
  static const char *const fixed_keys[] = { "fixed", NULL };
  static const char *const range_keys[] = { "min", "max", NULL };
  gboolean ok = FALSE;

  memset (f, 0, sizeof *f);
  f->loc = ld_loc (c->ld, n);
  f->base_fact = -1;
  f->quantity_fact = -1;
  if (n->kind != NODE_MAPPING)
    {
      bind_mapping (c->b, n, range_keys);       /* reports the wrong type */
      return;
    }
  if (node_lookup (n, "multiple_of") != NULL)
    ok = bind_mapping (c->b, n, multiple_keys) & bind_multiple (c, n, f);
  else if (node_lookup (n, "per_unit") != NULL)
    ok = bind_mapping (c->b, n, per_unit_keys) & bind_per_unit (c, n, f);
  else if (node_lookup (n, "fixed") != NULL)
    {
      f->form = FINE_FIXED;
      ok = bind_mapping (c->b, n, fixed_keys) & money_key (c, n, "fixed", TRUE, &f->min);
      f->max = f->min;
    }
  else
    {
      f->form = node_lookup (n, "min") != NULL ? FINE_RANGE : FINE_MAX_ONLY;
      ok = bind_mapping (c->b, n, range_keys);
      gboolean bounds = money_key (c, n, "min", FALSE, &f->min);
      bounds &= money_key (c, n, "max", TRUE, &f->max);
      ok &= bounds && check_order (c, n, "min", f->min, f->max);
    }
  f->present = ok;
}

/* Penalty kinds. */

/* A list of Art. 9 kinds as a mask; 0 after reporting an empty list. */
static guint32
bind_kinds (Ctx *c, const Node *n)
{
  guint32 mask = 0;
  int count = ld_sequence_length (c->b, n);

  if (count == 0)
    bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, n, "至少需要一种处罚种类",
                "at least one penalty kind is required");
  for (guint i = 0; i < (guint) MAX (count, 0); i++)
    {
      int kind;
      gsize saved = bind_push_index (c->b, i);
      if (bind_enum (c->b, n->v.items[i], penalty_kind_names, &kind))
        {
          if (mask & KIND_BIT (kind))
            bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, n->v.items[i],
                        "处罚种类 \"%s\" 重复", "penalty kind \"%s\" is repeated",
                        penalty_kind_names[kind]);
          mask |= KIND_BIT (kind);
        }
      bind_pop (c->b, saved);
    }
  return mask;
}

static void
bind_statutory (Ctx *c, const Node *n, Statutory *s)
{
  static const char *const keys[] = { "kinds", "combine", "fine", NULL };
  const Node *v;

  if (!bind_mapping (c->b, n, keys))
    return;
  s->present = TRUE;
  if ((v = bind_required (c->b, n, "kinds")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "kinds");
      s->kinds = bind_kinds (c, v);
      bind_pop (c->b, saved);
    }
  /* `and` is only implied when there is nothing to combine: with several
   * kinds, 并处 versus 或者 changes the outcome and must be written. */
  v = node_lookup (n, "combine");
  if (v == NULL && s->kinds != 0 && (s->kinds & (s->kinds - 1)) != 0)
    bind_error (c->b, ENFORCE_ERROR_MISSING_KEY, n,
                "有多种处罚种类时必须写明 combine（and 并处 / or 或者）",
                "combine (and / or) is required when there are several kinds");
  else if (v != NULL)
    {
      int combine;
      gsize saved = bind_push_key (c->b, "combine");
      if (bind_enum (c->b, v, combine_names, &combine))
        s->combine = (Combine) combine;
      bind_pop (c->b, saved);
    }
  v = node_lookup (n, "fine");
  if (v == NULL && (s->kinds & KIND_BIT (KIND_FINE)))
    bind_required (c->b, n, "fine");
  else if (v != NULL && s->kinds != 0 && !(s->kinds & KIND_BIT (KIND_FINE)))
    bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, v, "kinds 不含 fine，不能写 fine",
                "fine is given but kinds does not include fine");
  else if (v != NULL)
    {
      gsize saved = bind_push_key (c->b, "fine");
      bind_fine (c, v, &s->fine);
      bind_pop (c->b, saved);
    }
}

static void
bind_penalties (Ctx *c, const Node *n, Version *v)
{
  if (!bind_mapping (c->b, n, party_class_names))
    return;
  if (n->len == 0)
    bind_error (c->b, ENFORCE_ERROR_MISSING_KEY, n,
                "penalties 至少需要 individual 或 organization",
                "penalties needs individual or organization");
  for (guint p = 0; p < PARTY_COUNT; p++)
    {
      const Node *s = node_lookup (n, party_class_names[p]);
      if (s == NULL)
        continue;
      gsize saved = bind_push_key (c->b, party_class_names[p]);
      bind_statutory (c, s, &v->statutory[p]);
      bind_pop (c->b, saved);
    }
}

/* Conditions. */

/* Where a condition error lies: the scalar's own column plus the
 * characters before the offset (and the opening quote).  Block scalars and
 * scalars spanning lines have no single column to point at: the node then. */
static Loc
condition_error_loc (const Ctx *c, const Node *n, guint offset)
{
  Loc loc = ld_loc (c->ld, n);

  if (n->style == SCALAR_BLOCK || memchr (n->v.text, '\n', n->len) != NULL)
    return loc;
  offset = MIN (offset, n->len);
  loc.col = n->col + (n->style == SCALAR_QUOTED ? 1 : 0)
            + (guint32) g_utf8_strlen (n->v.text, offset);
  return loc;
}

static const Cond *
compile_when (Ctx *c, const Node *n)
{
  CondError err;

  if (n->kind != NODE_SCALAR)
    {
      bind_error (c->b, ENFORCE_ERROR_WRONG_TYPE, n, "条件应为字符串",
                  "a condition must be a scalar");
      return NULL;
    }
  if (c->skip_conditions)
    return NULL;
  memset (&err, 0, sizeof err);
  Cond *cond = cond_compile (n->v.text, n->len, c->bm->scope, c->bm->n_scope, &err);
  if (cond == NULL)
    {
      /* The path prefix matches the binder's own messages. */
      ld_error (c->ld, err.code, condition_error_loc (c, n, err.offset),
                "%s: %s%.0s", "%s: %.0s%s", c->b->path, err.message_zh, err.message_en);
      return NULL;
    }
  ld_add_cond (c->ld, cond);
  return cond;
}

/* Tiers, exemptions and versions. */

static void
bind_tier_fine (Ctx *c, const Node *n, Tier *t)
{
  if (n->kind == NODE_MAPPING
      && (node_lookup (n, "individual") != NULL || node_lookup (n, "organization") != NULL))
    {
      if (!bind_mapping (c->b, n, party_class_names))
        return;
      for (guint p = 0; p < PARTY_COUNT; p++)
        {
          const Node *f = node_lookup (n, party_class_names[p]);
          if (f == NULL)
            continue;
          gsize saved = bind_push_key (c->b, party_class_names[p]);
          bind_fine (c, f, &t->fine[p]);
          bind_pop (c->b, saved);
        }
      return;
    }
  bind_fine (c, n, &t->fine[PARTY_INDIVIDUAL]);
  t->fine[PARTY_ORGANIZATION] = t->fine[PARTY_INDIVIDUAL];
}

static void
bind_tier (Ctx *c, const Node *n, const Provenance *inherit, Tier *t)
{
  static const char *const keys[] = {
    "name", "class", "when", "text", "fine", "kinds", "ground", "statutory", "provenance", NULL,
  };
  const Node *v;
  int cls = 0;
  gboolean has_class = FALSE;

  t->loc = ld_loc (c->ld, n);
  t->provenance = *inherit;
  if (!bind_mapping (c->b, n, keys))
    return;
  if ((v = bind_required (c->b, n, "name")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "name");
      bind_text (c->b, v, &t->name);
      bind_pop (c->b, saved);
    }
  if ((v = bind_required (c->b, n, "class")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "class");
      if (bind_enum (c->b, v, tier_class_names, &cls))
        {
          t->cls = (TierClass) cls;
          has_class = TRUE;
        }
      bind_pop (c->b, saved);
    }
  if ((v = node_lookup (n, "when")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "when");
      t->has_when = TRUE;
      t->when = compile_when (c, v);
      bind_pop (c->b, saved);
    }
  ld_bind_text_key (c->b, n, "text", &t->text);
  if ((v = node_lookup (n, "fine")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "fine");
      if (t->cls == TIER_NO_PENALTY)
        bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, v, "不予处罚阶次不能写 fine",
                    "a no_penalty tier cannot state a fine");
      else
        bind_tier_fine (c, v, t);
      bind_pop (c->b, saved);
    }
  if ((v = node_lookup (n, "kinds")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "kinds");
      t->kinds = bind_kinds (c, v);
      bind_pop (c->b, saved);
      if (t->kinds != 0 && !(t->kinds & KIND_BIT (KIND_FINE)) && node_lookup (n, "fine") != NULL)
        bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, node_lookup (n, "fine"),
                    "阶次的 kinds 不含 fine，不能写 fine",
                    "the tier's kinds do not include fine, so it cannot state a fine");
    }
  t->has_ground = ld_bind_citation_key (c->ld, c->b, n, "ground", &t->ground);
  if ((v = node_lookup (n, "statutory")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "statutory");
      /* 减轻 and 不予 depart from the provision's fine on a ground of
       * Art. 30-33; they are never the provision's own fine. */
      if (bind_bool (c->b, v, &t->statutory) && t->statutory && has_class
          && (t->cls == TIER_REDUCED || t->cls == TIER_NO_PENALTY))
        bind_error (c->b, ENFORCE_ERROR_INVALID_VALUE, v,
                    "%s%.0s阶次不能是法定情形阶次（statutory）",
                    "%.0s%s tier cannot be statutory",
                    tier_class_label_zh (t->cls), tier_class_name (t->cls));
      bind_pop (c->b, saved);
    }
  ld_bind_provenance (c->b, n, "provenance", inherit, &t->provenance);
}

static void
bind_exemption (Ctx *c, const Node *n, const Provenance *inherit, Exemption *e)
{
  static const char *const keys[] = { "kind", "when", "text", "basis", "provenance", NULL };
  const Node *v;
  int kind = 0;

  e->loc = ld_loc (c->ld, n);
  e->provenance = *inherit;
  if (!bind_mapping (c->b, n, keys))
    return;
  if ((v = bind_required (c->b, n, "kind")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "kind");
      if (bind_enum (c->b, v, exemption_kind_names, &kind))
        e->kind = (ExemptionKind) kind;
      bind_pop (c->b, saved);
    }
  if ((v = bind_required (c->b, n, "when")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "when");
      e->when = compile_when (c, v);
      bind_pop (c->b, saved);
    }
  ld_bind_text_key (c->b, n, "text", &e->text);
  ld_bind_citation_key (c->ld, c->b, n, "basis", &e->basis);
  ld_bind_provenance (c->b, n, "provenance", inherit, &e->provenance);
}

/* Binds each item of the sequence under @key into an arena array of
 * @size-byte elements. */
static gpointer
bind_list (Ctx *c, const Node *map, const char *key, gboolean required, gsize size,
           guint *n_out, void (*bind_item) (Ctx *, const Node *, const Provenance *, gpointer),
           const Provenance *inherit)
{
  const Node *n = required ? bind_required (c->b, map, key) : node_lookup (map, key);
  guint8 *items = NULL;

  *n_out = 0;
  if (n == NULL)
    return NULL;
  gsize saved = bind_push_key (c->b, key);
  int count = ld_sequence_length (c->b, n);
  if (count == 0 && required)
    bind_error (c->b, ENFORCE_ERROR_MISSING_KEY, n, "%s 至少需要一项",
                "%s needs at least one item", key);
  if (count > 0)
    {
      items = arena_alloc (c->ld->arena, size * (gsize) count);
      for (guint i = 0; i < (guint) count; i++)
        {
          gsize item = bind_push_index (c->b, i);
          bind_item (c, n->v.items[i], inherit, items + size * i);
          bind_pop (c->b, item);
        }
      *n_out = (guint) count;
    }
  bind_pop (c->b, saved);
  return items;
}

static void
tier_item (Ctx *c, const Node *n, const Provenance *inherit, gpointer out)
{
  bind_tier (c, n, inherit, out);
}

static void
exemption_item (Ctx *c, const Node *n, const Provenance *inherit, gpointer out)
{
  bind_exemption (c, n, inherit, out);
}

static void
bind_version (Ctx *c, const Node *n, Version *v)
{
  static const char *const keys[] = {
    "effective_from", "effective_to", "penalties", "tiers", "factors", "policy",
    "exemptions", "provenance", NULL,
  };
  const Node *x;

  v->loc = ld_loc (c->ld, n);
  v->to = DATE_OPEN;
  v->provenance = c->bm->provenance;
  if (!bind_mapping (c->b, n, keys))
    return;
  ld_bind_period (c->b, n, &v->from, &v->to);
  ld_bind_provenance (c->b, n, "provenance", &c->bm->provenance, &v->provenance);
  if ((x = bind_required (c->b, n, "penalties")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "penalties");
      bind_penalties (c, x, v);
      bind_pop (c->b, saved);
    }
  v->tiers = bind_list (c, n, "tiers", TRUE, sizeof (Tier), &v->n_tiers, tier_item,
                        &v->provenance);
  if ((x = node_lookup (n, "factors")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "factors");
      ld_bind_factors (c->ld, c->b, x, &v->factors, &v->n_factors);
      bind_pop (c->b, saved);
    }
  if ((x = node_lookup (n, "policy")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "policy");
      ld_bind_policy (c->ld, c->b, x, &v->policy);
      bind_pop (c->b, saved);
    }
  v->exemptions = bind_list (c, n, "exemptions", FALSE, sizeof (Exemption), &v->n_exemptions,
                             exemption_item, &v->provenance);
}

/* The document. */

static void
bind_enum_key (Ctx *c, const Node *map, const char *key, const char *const *names, int *out)
{
  const Node *n = node_lookup (map, key);
  if (n == NULL)
    return;
  gsize saved = bind_push_key (c->b, key);
  bind_enum (c->b, n, names, out);
  bind_pop (c->b, saved);
}

/* `repealed_from`: repeal is stated, never inferred from a version that
 * ends (a renumbered article or a pending revision also end one). */
static void
bind_repealed_from (Ctx *c, const Node *map)
{
  const Node *n = node_lookup (map, "repealed_from");
  gsize saved;

  c->bm->repealed_from = DATE_NONE;
  if (n == NULL)
    return;
  c->bm->repealed_loc = ld_loc (c->ld, n);
  saved = bind_push_key (c->b, "repealed_from");
  if (!bind_date (c->b, n, &c->bm->repealed_from))
    c->bm->repealed_from = DATE_NONE;
  bind_pop (c->b, saved);
}

static void
bind_header (Ctx *c, const Node *map)
{
  Benchmark *bm = c->bm;
  const Node *n;
  int trigger = TRIGGER_IMMEDIATE, order = ORDER_NONE;

  if ((n = bind_required (c->b, map, "id")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "id");
      bind_id (c->b, n, &bm->id);
      bind_pop (c->b, saved);
      bm->loc = ld_loc (c->ld, n);
    }
  if ((n = bind_required (c->b, map, "title")) != NULL)
    {
      gsize saved = bind_push_key (c->b, "title");
      bind_text (c->b, n, &bm->title);
      bind_pop (c->b, saved);
    }
  ld_bind_text_key (c->b, map, "enforcer", &bm->enforcer);
  ld_bind_citation_key (c->ld, c->b, map, "violates", &bm->violates);
  if (bind_required (c->b, map, "penalized_by") != NULL)
    ld_bind_citation_key (c->ld, c->b, map, "penalized_by", &bm->penalized_by);
  bind_enum_key (c, map, "trigger", trigger_names, &trigger);
  bind_enum_key (c, map, "order", order_kind_names, &order);
  bm->trigger = (Trigger) trigger;
  bm->order = (OrderKind) order;
  ld_bind_text_key (c->b, map, "order_text", &bm->order_text);
  ld_bind_bool_key (c->b, map, "life_health_finance", FALSE, &bm->life_health_finance);
  bind_repealed_from (c, map);
  ld_bind_provenance (c->b, map, "provenance", NULL, &bm->provenance);
}

static void
version_item (Ctx *c, const Node *n, const Provenance *inherit, gpointer out)
{
  (void) inherit;
  bind_version (c, n, out);
}

void
load_benchmark (Loader *ld, Binder *b, const Node *map)
{
  static const char *const keys[] = {
    "kind", "id", "title", "enforcer", "violates", "penalized_by", "trigger", "order",
    "order_text", "life_health_finance", "facts", "versions", "repealed_from", "provenance",
    NULL,
  };
  Benchmark *bm = arena_new0 (ld->arena, Benchmark, 1);
  Ctx c = { ld, b, bm, FALSE };

  bm->loc = ld_loc (ld, map);
  bm->repealed_from = DATE_NONE;
  if (!bind_mapping (b, map, keys))
    return;
  bind_header (&c, map);
  bind_facts (&c, node_lookup (map, "facts"));
  bm->versions = bind_list (&c, map, "versions", TRUE, sizeof (Version), &bm->n_versions,
                            version_item, NULL);
  g_ptr_array_add (ld->benchmarks, bm);
}
