/* lint.c: cross-checks over a bound rule set.
 *
 * Binding checks each value on its own; lint checks what only makes sense
 * across values: a tier's fine against the statutory fine, the order of
 * tiers, date-versioned lists, and what a benchmark needs from its
 * jurisdiction.  Every finding is a located diagnostic; warnings do not
 * fail a load.  Duplicate ids and dangling references are found by
 * loader.c while it builds the indexes that resolve them.
 *
 * A reduced (减轻) or no_penalty (不予) tier without a `ground` is reported
 * as ENFORCE_ERROR_MISSING_KEY: the tier lacks a key its class requires;
 * so is a statutory tier without a fine for a party class the provision
 * covers.  (`statutory` on a reduced or no_penalty tier is refused while
 * binding, as ENFORCE_ERROR_INVALID_VALUE, like a fine on a no_penalty
 * tier.)
 */
#include "loader.h"

#include <string.h>

typedef struct {
  gint32 from, to;
  Loc loc;
} Span;

/* Spans sorted by `from`: a version starting on or before the latest end
 * seen so far overlaps (error); one starting more than a day after it
 * leaves a gap (warning: nothing is in force then). */
static void
lint_spans (Loader *ld, const char *what_zh, const char *what_en, const char *id,
            const Span *spans, guint n)
{
  guint latest = 0;

  for (guint i = 1; i < n; i++)
    {
      const Span *prev = &spans[latest];
      const Span *cur = &spans[i];
      char from[11], to[11];

      date_format_buf (cur->from, from);
      if (cur->from <= prev->to)
        {
          if (prev->to == DATE_OPEN)
            g_strlcpy (to, "…", sizeof to);
          else
            date_format_buf (prev->to, to);
          ld_error (ld, ENFORCE_ERROR_VERSION_OVERLAP, cur->loc,
                    "%s%.0s \"%s\" 的版本重叠：生效日期 %s 不晚于 %s:%u:%u 处版本的失效日期 %s",
                    "%.0s%s \"%s\": versions overlap: effective_from %s is not after the "
                    "end of the version at %s:%u:%u (effective_to %s)",
                    what_zh, what_en, id, from,
                    prev->loc.file, prev->loc.line, prev->loc.col, to);
        }
      else if ((gint64) cur->from > (gint64) prev->to + 1)
        {
          date_format_buf (prev->to, to);
          ld_warning (ld, ENFORCE_ERROR_VERSION_GAP, cur->loc,
                      "%s%.0s \"%s\" 的版本之间有空档：%s 失效后至 %s 生效前无版本有效",
                      "%.0s%s \"%s\": gap between versions: none is in force after %s "
                      "until %s",
                      what_zh, what_en, id, to, from);
        }
      if (cur->to > prev->to)
        latest = i;
    }
}

static void
lint_instrument (Loader *ld, const Instrument *inst)
{
  g_autofree Span *spans = g_new (Span, MAX (inst->n_versions, 1));

  for (guint i = 0; i < inst->n_versions; i++)
    spans[i] = (Span) { inst->versions[i].from, inst->versions[i].to, inst->versions[i].loc };
  lint_spans (ld, "法律文件", "instrument", inst->id ? inst->id : "?", spans, inst->n_versions);
}

static void
lint_jurisdiction (Loader *ld, const Jurisdiction *j)
{
  g_autofree Span *spans = g_new (Span, MAX (j->n_versions, 1));

  for (guint i = 0; i < j->n_versions; i++)
    spans[i] = (Span) { j->versions[i].from, j->versions[i].to, j->versions[i].loc };
  lint_spans (ld, "辖区参数", "jurisdiction parameters", j->id ? j->id : "?", spans,
              j->n_versions);
}

/* Fines. */

/* "100–200元" / "100-200 yuan" style bounds for messages. */
static char *
bounds_text (gint64 min, gint64 max, EnforceLang lang)
{
  g_autofree char *lo = money_format_text (min, lang);
  g_autofree char *hi = money_format_text (max, lang);
  return g_strdup_printf ("%s–%s", lo, hi);
}

/* Multiples are stored × 100: "1.00–5.00". */
static char *
times_text (gint64 min, gint64 max)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d–%" G_GINT64_FORMAT ".%02d",
                          min / 100, (int) (min % 100), max / 100, (int) (max % 100));
}

static gboolean
is_amount_form (FineForm form)
{
  return form == FINE_RANGE || form == FINE_MAX_ONLY || form == FINE_FIXED;
}

typedef struct {
  Loader *ld;
  const Benchmark *bm;
  const Tier *tier;
  PartyClass party;
  gboolean upper_only;             /* a grounded reduced tier may go below the minimum */
} FineCheck;

/* Reports the tier's fine for one party class; @zh and @en say why. */
static void
out_of_range (const FineCheck *fc, const char *zh, const char *en)
{
  const Tier *t = fc->tier;
  ld_error (fc->ld, ENFORCE_ERROR_TIER_OUT_OF_RANGE, t->fine[fc->party].loc,
            "阶次 \"%s\"（%s%.0s）：%s%.0s",
            "tier \"%s\" (%.0s%s): %.0s%s",
            t->name ? t->name : "?",
            fc->party == PARTY_INDIVIDUAL ? "公民" : "法人或者其他组织",
            party_class_name (fc->party), zh, en);
}

static void
check_amounts (const FineCheck *fc, gint64 tmin, gint64 tmax, gint64 smin, gint64 smax,
               const char *what_zh, const char *what_en)
{
  if ((fc->upper_only || tmin >= smin) && tmax <= smax)
    return;
  g_autofree char *t_zh = bounds_text (tmin, tmax, ENFORCE_LANG_ZH);
  g_autofree char *t_en = bounds_text (tmin, tmax, ENFORCE_LANG_EN);
  g_autofree char *s_zh = bounds_text (smin, smax, ENFORCE_LANG_ZH);
  g_autofree char *s_en = bounds_text (smin, smax, ENFORCE_LANG_EN);
  g_autofree char *zh = g_strdup_printf ("%s %s 超出法定范围 %s", what_zh, t_zh, s_zh);
  g_autofree char *en = g_strdup_printf ("%s %s is outside the statutory %s", what_en, t_en, s_en);
  out_of_range (fc, zh, en);
}

static void
check_times (const FineCheck *fc, gint64 tmin, gint64 tmax, gint64 smin, gint64 smax)
{
  if ((fc->upper_only || tmin >= smin) && tmax <= smax)
    return;
  g_autofree char *t = times_text (tmin, tmax);
  g_autofree char *st = times_text (smin, smax);
  g_autofree char *zh = g_strdup_printf ("倍数 %s 超出法定范围 %s", t, st);
  g_autofree char *en = g_strdup_printf ("multiple %s is outside the statutory %s", t, st);
  out_of_range (fc, zh, en);
}

static const char *
fact_name (const Benchmark *bm, int index)
{
  return index >= 0 && (guint) index < bm->n_facts && bm->facts[index].name != NULL
    ? bm->facts[index].name : "?";
}

/* Bounds of different forms cannot be compared, so the tier must use the
 * provision's form (and base). */
static void
form_differs (const FineCheck *fc, const Fine *stat)
{
  g_autofree char *zh = NULL, *en = NULL;

  if (stat->form == FINE_MULTIPLE)
    {
      const char *base = fact_name (fc->bm, stat->base_fact);
      zh = g_strdup_printf ("罚款形式须与罚则相同：%s 的倍数", base);
      en = g_strdup_printf ("the fine must have the provision's form: a multiple of %s", base);
    }
  else if (stat->form == FINE_PER_UNIT)
    {
      const char *quantity = fact_name (fc->bm, stat->quantity_fact);
      zh = g_strdup_printf ("罚款形式须与罚则相同：按 %s 每单位计算", quantity);
      en = g_strdup_printf ("the fine must have the provision's form: a rate per unit of %s",
                            quantity);
    }
  else
    {
      zh = g_strdup ("罚款形式须与罚则相同：金额（min/max/fixed）");
      en = g_strdup ("the fine must have the provision's form: an amount (min/max/fixed)");
    }
  out_of_range (fc, zh, en);
}

static void
check_fine (const FineCheck *fc, const Fine *t, const Fine *s)
{
  if (is_amount_form (s->form))
    {
      if (!is_amount_form (t->form))
        form_differs (fc, s);
      else
        check_amounts (fc, t->min, t->max, s->min, s->max, "罚款", "fine");
      return;
    }
  if (t->form != s->form
      || (s->form == FINE_MULTIPLE && t->base_fact != s->base_fact)
      || (s->form == FINE_PER_UNIT && t->quantity_fact != s->quantity_fact))
    {
      form_differs (fc, s);
      return;
    }
  if (s->form == FINE_MULTIPLE)
    {
      check_times (fc, t->min_times, t->max_times, s->min_times, s->max_times);
      if (t->has_fallback && s->has_fallback)
        check_amounts (fc, t->fallback_min, t->fallback_max, s->fallback_min, s->fallback_max,
                       "保底罚款", "fallback fine");
      else if (t->has_fallback)
        out_of_range (fc, "写明了保底罚款，但罚则没有规定",
                      "gives a fallback fine the provision does not have");
      return;
    }
  check_amounts (fc, t->rate_min, t->rate_max, s->rate_min, s->rate_max,
                 "单位罚款", "rate per unit");
  if (s->has_cap && t->has_cap)
    check_amounts (fc, 0, t->cap, 0, s->cap, "罚款上限", "cap");
}

/* Tiers. */

static gboolean
is_catch_all (const Tier *t)
{
  return !t->has_when || (t->when != NULL && cond_is_always_true (t->when));
}

/* A statutory tier's fine is the provision's own (a 法定情形 sub-clause
 * such as "有碍城市容貌的，处二千元罚款"), so the engine takes it as the
 * statutory fine of the case: it must be there for every party class the
 * provision covers, or that class would silently fall back to the main
 * fine.  One report per tier, naming the first class without one. */
static void
lint_statutory_tier_covers (Loader *ld, const Version *v, const Tier *t)
{
  for (guint p = 0; p < PARTY_COUNT; p++)
    if (v->statutory[p].present && !t->fine[p].present)
      {
        ld_error (ld, ENFORCE_ERROR_MISSING_KEY, t->loc,
                  "法定情形阶次 \"%s\" 须写明%s%.0s的罚款（fine）",
                  "statutory tier \"%s\" must state the fine for %.0s%s",
                  t->name ? t->name : "?",
                  p == PARTY_INDIVIDUAL ? "公民" : "法人或者其他组织",
                  party_class_name ((PartyClass) p));
        return;
      }
}

static void
lint_tier_fines (Loader *ld, const Benchmark *bm, const Version *v, const Tier *t)
{
  gboolean grounded_reduced = t->cls == TIER_REDUCED && t->has_ground;

  if (t->statutory)
    lint_statutory_tier_covers (ld, v, t);
  for (guint p = 0; p < PARTY_COUNT; p++)
    {
      const Statutory *s = &v->statutory[p];
      const Fine *f = &t->fine[p];
      FineCheck fc = { ld, bm, t, (PartyClass) p, grounded_reduced };

      if (!s->present || !f->present)
        continue;
      if (!s->fine.present)
        {
          if (s->kinds != 0 && !(s->kinds & KIND_BIT (KIND_FINE)))
            out_of_range (&fc, "写明了罚款，但罚则对其不处罚款",
                          "gives a fine but the provision imposes none");
          continue;
        }
      /* The sub-clause sets its own amount (and may use another form):
       * it is not a part of the main fine. */
      if (!t->statutory)
        check_fine (&fc, f, &s->fine);
    }
}

static void
lint_tier_kinds (Loader *ld, const Version *v, const Tier *t)
{
  guint32 allowed = 0;
  gboolean needs_kinds = FALSE;

  for (guint p = 0; p < PARTY_COUNT; p++)
    if (v->statutory[p].present)
      {
        const Statutory *s = &v->statutory[p];
        allowed |= s->kinds;
        if (s->combine == COMBINE_OR && (s->kinds & (s->kinds - 1)) != 0)
          needs_kinds = TRUE;
      }
  if (t->kinds != 0 && (t->kinds & ~allowed) != 0)
    {
      guint k = 0;
      while (!((t->kinds & ~allowed) & KIND_BIT (k)))
        k++;
      ld_error (ld, ENFORCE_ERROR_TIER_OUT_OF_RANGE, t->loc,
                "阶次 \"%s\" 的处罚种类 %s 不在罚则规定的种类之内",
                "tier \"%s\": penalty kind %s is not among the statutory kinds",
                t->name ? t->name : "?", penalty_kind_name ((PenaltyKind) k));
    }
  /* With 或者, the tier is where the choice between kinds is made. */
  if (needs_kinds && t->kinds == 0 && t->cls != TIER_NO_PENALTY)
    ld_error (ld, ENFORCE_ERROR_MISSING_KEY, t->loc,
              "阶次 \"%s\" 须写明 kinds：罚则以“或者”并列多种处罚",
              "tier \"%s\" must state kinds: the provision combines several kinds with `or`",
              t->name ? t->name : "?");
}

static void
lint_tiers (Loader *ld, const Benchmark *bm, const Version *v)
{
  const Tier *catch_all = NULL;

  for (guint i = 0; i < v->n_tiers; i++)
    {
      const Tier *t = &v->tiers[i];

      if (catch_all != NULL)
        {
          ld_error (ld, ENFORCE_ERROR_TIER_UNREACHABLE, t->loc,
                    "阶次 \"%s\" 永远不会适用：%u:%u 处的阶次 \"%s\" 无条件适用",
                    "tier \"%s\" is unreachable: the tier at %u:%u (\"%s\") always applies",
                    t->name ? t->name : "?",
                    catch_all->loc.line, catch_all->loc.col,
                    catch_all->name ? catch_all->name : "?");
          /* One report per list: the rest follow from the same cause. */
          catch_all = NULL;
          break;
        }
      if ((t->cls == TIER_REDUCED || t->cls == TIER_NO_PENALTY) && !t->has_ground)
        ld_error (ld, ENFORCE_ERROR_MISSING_KEY, t->loc,
                  "%s%.0s阶次 \"%s\" 须写明法定依据 ground",
                  "%.0s%s tier \"%s\" must name its legal ground",
                  tier_class_label_zh (t->cls), tier_class_name (t->cls),
                  t->name ? t->name : "?");
      if (t->cls != TIER_NO_PENALTY)
        lint_tier_fines (ld, bm, v, t);
      lint_tier_kinds (ld, v, t);
      if (is_catch_all (t))
        catch_all = t;
    }
}

static gboolean
any_jurisdiction_policy (const EnforceRuleSet *rules)
{
  for (guint i = 0; i < rules->n_jurisdictions; i++)
    {
      const Jurisdiction *j = rules->jurisdictions[i];
      for (guint k = 0; k < j->n_versions; k++)
        if (j->versions[k].policy.present)
          return TRUE;
    }
  return FALSE;
}

/* repealed_from ends the benchmark: no version may still be in force on
 * it (error at the key), and the latest version should end the day before
 * (warning: between them nothing would be in force, and the engine would
 * report the decision-date version as missing rather than guess). */
static void
lint_repeal (Loader *ld, const Benchmark *bm)
{
  gint32 last_to = DATE_NONE;
  char rep[11], to[11];

  if (bm->repealed_from == DATE_NONE || bm->n_versions == 0)
    return;
  for (guint i = 0; i < bm->n_versions; i++)
    last_to = MAX (last_to, bm->versions[i].to);
  date_format_buf (bm->repealed_from, rep);
  for (guint i = 0; i < bm->n_versions; i++)
    if (bm->versions[i].to >= bm->repealed_from)
      {
        const Version *v = &bm->versions[i];

        if (v->to == DATE_OPEN)
          g_strlcpy (to, "…", sizeof to);
        else
          date_format_buf (v->to, to);
        ld_error (ld, ENFORCE_ERROR_VERSION_OVERLAP, bm->repealed_loc,
                  "裁量基准 \"%s\" 的废止日期 %s 不晚于 %s:%u:%u 处版本的失效日期 %s",
                  "benchmark \"%s\": repealed_from %s is not after the end of the version at "
                  "%s:%u:%u (effective_to %s)",
                  bm->id ? bm->id : "?", rep, v->loc.file, v->loc.line, v->loc.col, to);
        return;
      }
  if ((gint64) last_to + 1 < (gint64) bm->repealed_from)
    {
      date_format_buf (last_to, to);
      ld_warning (ld, ENFORCE_ERROR_VERSION_GAP, bm->repealed_loc,
                  "裁量基准 \"%s\" 的最后版本于 %s 失效，至废止日期 %s 前无版本有效",
                  "benchmark \"%s\": the last version ends on %s but repealed_from is %s: "
                  "none is in force in between",
                  bm->id ? bm->id : "?", to, rep);
    }
}

static void
lint_benchmark (Loader *ld, const Benchmark *bm, gboolean have_policy)
{
  g_autofree Span *spans = g_new (Span, MAX (bm->n_versions, 1));

  for (guint i = 0; i < bm->n_versions; i++)
    {
      const Version *v = &bm->versions[i];
      spans[i] = (Span) { v->from, v->to, v->loc };
      lint_tiers (ld, bm, v);
      /* The combination policy is never an unstated default. */
      if (!v->policy.present && !have_policy && !ld->incomplete)
        ld_error (ld, ENFORCE_ERROR_MISSING_KEY, v->loc,
                  "缺少裁量规则：请写明 policy，或由辖区的 discretion_policy 提供",
                  "no discretion policy: state policy or inherit jurisdiction discretion_policy");
    }
  lint_spans (ld, "裁量基准", "benchmark", bm->id ? bm->id : "?", spans, bm->n_versions);
  lint_repeal (ld, bm);
}

void
lint_rule_set (Loader *ld)
{
  const EnforceRuleSet *rules = ld->rules;
  gboolean have_policy = any_jurisdiction_policy (rules);

  for (guint i = 0; i < rules->n_instruments; i++)
    lint_instrument (ld, rules->instruments[i]);
  for (guint i = 0; i < ld->jurisdictions->len; i++)
    lint_jurisdiction (ld, g_ptr_array_index (ld->jurisdictions, i));
  for (guint i = 0; i < rules->n_benchmarks; i++)
    lint_benchmark (ld, rules->benchmarks[i], have_policy);
}
