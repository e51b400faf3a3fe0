/* rec-tier.c: which tier applies (step 4) and what the factors do to it
 * (step 6 of docs/semantics.md).
 *
 * Step 4 takes the first tier whose condition holds; a condition that needs
 * a missing fact is undecided, not false.  Step 6 applies the combination
 * policy: tier_shift moves the tier one place per net factor, position
 * moves the point inside the range; mandatory mitigation (Art. 30 (second sentence), 32)
 * forbids staying at 一般 or 从重.
 */
#include "recommend-private.h"

/* ------------------------------------------------------------------ */
/* Step 4: the tier                                                    */

static void
undecided_tier_step (const RecEvalIn *in, RecEval *e, const Tier *t)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (in->ctx, &inp);

  rec_inputs_string (w, "tier", t->name, t->name_plain);
  rec_inputs_string (w, "when", cond_source (t->when), t->when_plain);
  rec_step_add (e->steps, "tier", rec_inputs_end (&inp),
                rec_textf (in->ctx, "阶次“%.*s”的适用条件（%.*s）因缺少事实无法判断", t->name_plain, t->name, t->when_plain, cond_source (t->when)),
                rec_textf (in->ctx, "The condition of tier \"%.*s\" (%.*s) cannot be decided: facts are missing", t->name_plain, t->name, t->when_plain, cond_source (t->when)),
                &in->bm->penalized_by);
}

Tri
rec_select_tier (const RecEvalIn *in, RecEval *e, const Tier **tier)
{
  const Version *v = in->v;

  *tier = NULL;
  for (guint i = 0; i < v->n_tiers; i++)
    {
      const Tier *t = &v->tiers[i];
      guint64 missing = 0;
      Tri r = t->when ? cond_eval (t->when, in->values, &missing) : TRI_TRUE;

      if (r == TRI_TRUE)
        {
          *tier = t;
          return TRI_TRUE;
        }
      if (r == TRI_UNKNOWN)
        {
          rec_add_missing_mask (in->ctx, &e->lists, in->bm, missing);
          if (in->ctx->trace)
            undecided_tier_step (in, e, t);
          return TRI_UNKNOWN;
        }
    }
  return TRI_FALSE;
}

void
rec_tier_step (RecCtx *ctx, const Benchmark *bm, RecEval *e, const Tier *t)
{
  RecInputs inp;
  RecInputs *w;

  if (!ctx->trace)
    return;
  w = rec_inputs_begin (ctx, &inp);
  rec_inputs_string (w, "tier", t ? t->name : NULL, t ? t->name_plain : -1);
  rec_inputs_string (w, "when", t && t->when ? cond_source (t->when) : NULL, t ? t->when_plain : -1);
  if (t == NULL)
    rec_step_add (e->steps, "tier", rec_inputs_end (&inp),
                  rec_text (ctx, "无阶次适用，按法定罚则"),
                  rec_text (ctx, "No tier applies: the statutory penalty applies"),
                  &bm->penalized_by);
  else
    rec_step_add (e->steps, "tier", rec_inputs_end (&inp),
                  /* A statutory tier is no discretion class: labelled 法定情形 only. */
                  rec_textf (ctx, "适用阶次“%.*s”（%-s）：%.*s", t->name_plain, t->name,
                             t->statutory ? "法定情形：罚款由罚则直接规定" : tier_class_label_zh (t->cls),
                             t->text_plain, t->text ? t->text : ""),
                  rec_textf (ctx, "Tier \"%.*s\" (%-s) applies: %.*s", t->name_plain, t->name,
                             t->statutory ? "statutory: the provision itself sets the fine"
                             : tier_class_name (t->cls),
                             t->text_plain, t->text ? t->text : ""),
                  t->has_ground ? &t->ground : &bm->penalized_by);
}

void
rec_note_tier (const Benchmark *bm, const Version *v, const Tier *t, RecLists *l)
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
    rec_note_citation (l, &t->ground, t->name);
}

/* ------------------------------------------------------------------ */
/* Step 6: the factors                                                 */

static void
factor_add (RecFactors *s, const Factor *f)
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

void
rec_sum_factors (const RecCtx *ctx, const Version *v, const RecGateOut *g, RecFactors *s)
{
  /* Only the counters: the list is filled as far as n says. */
  s->mitigating = s->aggravating = 0;
  s->mandatory = s->allows_reduction = FALSE;
  s->n = 0;
  for (guint i = 0; i < ctx->kase->n_factors; i++)
    {
      const Factor *f = rec_case_factor (ctx, v, i);

      if (f != NULL)          /* a code only another candidate knows */
        factor_add (s, f);
    }
  for (guint i = 0; i < g->n_extra; i++)
    factor_add (s, g->extra[i]);
  /* Art. 30 (second sentence) binds whether or not the rules declare minor_14_17. */
  if (g->mandatory_mitigation)
    {
      s->mandatory = TRUE;
      s->allows_reduction = TRUE;
    }
}

/* Tier shifting works on the discretionary (non-statutory) tiers only: a
 * statutory tier's fine is set by the provision for its circumstance, so
 * discretion can neither move a case into it nor out of it. */

static const Tier *
shift_tier (const Version *v, const Tier *t, int net_mitigating, gboolean allows_reduction)
{
  /* 不予处罚 is never reached by factors, 减轻 only when one allows it. */
  gint64 lo = v->n_ladder_no_penalty + (allows_reduction ? 0 : v->n_ladder_reduced);
  gint64 pos = t->position, target;

  if (t->statutory)
    return t;
  target = rec_clamp64 (pos - net_mitigating, MIN (lo, pos), (gint64) v->n_ladder - 1);
  return v->ladder[target];
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

/* Trace of mandatory mitigation (Art. 30 (second sentence), 32) on a statutory tier with
 * no reduced tier to go to: the result is undetermined rather than a
 * silent 从重, and the trace says why. */
static void
statutory_mandatory_step (RecCtx *ctx, RecEval *e, const RecFactors *fs)
{
  RecInputs inp;
  RecInputs *w;
  const Tier *t = e->tier;

  if (!ctx->trace || t == NULL || !t->statutory)
    return;
  w = rec_inputs_begin (ctx, &inp);
  rec_inputs_string (w, "tier", t->name, t->name_plain);
  rec_inputs_flag (w, "statutory", TRUE);
  rec_inputs_number (w, "mitigating", fs->mitigating);
  rec_step_add (e->steps, "factors", rec_inputs_end (&inp),
                rec_textf (ctx, "应当从轻或者减轻处罚，但阶次“%.*s”的罚款由罚则直接规定（法定情形），不能改按其他情形的阶次从轻，本基准也没有减轻处罚阶次：结果待定", t->name_plain, t->name),
                rec_textf (ctx, "Mitigation is mandatory, but the fine of tier \"%.*s\" is set by the provision itself (statutory): no other circumstance's tier may stand in for a lighter penalty and the benchmark has no reduced tier, so the result is undetermined", t->name_plain, t->name),
                rec_law_citation (ctx, LAW_ART_32));
}

/* Mandatory mitigation leaves 一般 and 从重 for the heaviest lighter tier,
 * else the heaviest reduced one; FALSE (listed, traced) when there is
 * neither. */
static gboolean
apply_mandatory (RecCtx *ctx, const Version *v, const RecFactors *fs, RecEval *e)
{
  const Tier *t;

  if (!fs->mandatory || (e->tier != NULL && e->tier->cls < TIER_GENERAL))
    return TRUE;
  /* Out of a statutory tier only 减轻 is open: a lighter tier carries
   * another circumstance's fine, and 从轻 inside the amount the provision
   * fixes for this one is not something a tier offers. */
  t = e->tier && e->tier->statutory ? NULL : heaviest_of_class (v, TIER_LIGHTER);
  if (t == NULL)
    t = heaviest_of_class (v, TIER_REDUCED);
  if (t == NULL)
    {
      rec_add_missing (&e->lists, "tiers.lighter");
      statutory_mandatory_step (ctx, e, fs);
      return FALSE;
    }
  e->tier = t;
  return TRUE;
}

static void
factors_step (RecCtx *ctx, const Policy *policy, const RecFactors *fs, RecEval *e,
              const Tier *t0, int net, guint percent)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (ctx, &inp);
  const Citation *cite = NULL;
  guint32 zh, en;

  rec_inputs_array_begin (w, "factors");
  for (guint i = 0; i < fs->n; i++)
    rec_inputs_array_string (w, i, fs->list[i]->code, fs->list[i]->code_plain);
  rec_inputs_array_end (w);
  rec_inputs_name (w, "policy", policy == NULL ? NULL
                           : policy->kind == POLICY_POSITION ? "position" : "tier_shift");
  rec_inputs_number (w, "net_mitigating", net);
  rec_inputs_flag (w, "mandatory", fs->mandatory);
  rec_inputs_string (w, "tier", e->tier ? e->tier->name : NULL, e->tier ? e->tier->name_plain : -1);
  /* Cited by the first factor with a basis, else Art. 32 when mandatory. */
  for (guint i = 0; i < fs->n && cite == NULL; i++)
    if (fs->list[i]->has_basis)
      cite = &fs->list[i]->basis;
  if (cite == NULL && fs->mandatory)
    cite = rec_law_citation (ctx, LAW_ART_32);
  if (e->tier == t0 && t0 != NULL && t0->statutory && net != 0
      && !(policy && policy->kind == POLICY_POSITION))
    {
      zh = rec_textf (ctx, "从轻情节%u个、从重情节%u个；阶次“%.*s”的罚款由罚则直接规定（法定情形），情节不调整阶次，裁量起点为幅度的%u%%", fs->mitigating, fs->aggravating, t0->name_plain, t0->name, percent);
      en = rec_textf (ctx, "%u mitigating and %u aggravating factors; the fine of tier \"%.*s\" is set by the provision itself (statutory), so factors do not move the tier; the point starts at %u%% of the range", fs->mitigating, fs->aggravating, t0->name_plain, t0->name, percent);
    }
  else if (e->tier != t0)
    {
      zh = rec_textf (ctx, "从轻情节%u个、从重情节%u个%-s，阶次由“%.*s”调整为“%.*s”", fs->mitigating, fs->aggravating, fs->mandatory ? "（应当从轻或者减轻）" : "", t0 ? t0->name_plain : -1, t0 ? t0->name : "-", e->tier->name_plain, e->tier->name);
      en = rec_textf (ctx, "%u mitigating and %u aggravating factors%-s: tier moves from \"%.*s\" to \"%.*s\"", fs->mitigating, fs->aggravating, fs->mandatory ? " (mitigation mandatory)" : "", t0 ? t0->name_plain : -1, t0 ? t0->name : "-", e->tier->name_plain, e->tier->name);
    }
  else
    {
      zh = rec_textf (ctx, "从轻情节%u个、从重情节%u个，裁量起点为幅度的%u%%", fs->mitigating, fs->aggravating, percent);
      en = rec_textf (ctx, "%u mitigating and %u aggravating factors: the point starts at %u%% of the range", fs->mitigating, fs->aggravating, percent);
    }
  rec_step_add (e->steps, "factors", rec_inputs_end (&inp), zh, en, cite);
}

gboolean
rec_apply_factors (RecCtx *ctx, const Version *v, const Policy *policy, const RecFactors *fs,
                   RecEval *e, guint *percent)
{
  const Tier *t0 = e->tier;
  int net = (int) fs->mitigating - (int) fs->aggravating;

  *percent = policy ? policy->start_percent : 50;
  if (policy && policy->kind == POLICY_POSITION)
    {
      gint64 p = (gint64) policy->start_percent - (gint64) net * (gint64) policy->step_percent;
      *percent = (guint) rec_clamp64 (p, 0, 100);
    }
  else if (e->tier && net != 0)
    e->tier = shift_tier (v, e->tier, net, fs->allows_reduction);
  if (!apply_mandatory (ctx, v, fs, e))
    return FALSE;
  for (guint i = 0; i < fs->n; i++)
    if (fs->list[i]->has_basis)
      rec_note_citation (&e->lists, &fs->list[i]->basis, fs->list[i]->code);
  if (ctx->trace)
    factors_step (ctx, policy, fs, e, t0, net, *percent);
  return TRUE;
}
