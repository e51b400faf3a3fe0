/* recommend.c: enforce_recommend(), the order of docs/semantics.md.
 *
 * Step 1 resolves the candidate provisions; each is evaluated under the
 * version in force (step 2, Art. 37) through steps 3-7 (rec-gates.c,
 * rec-tier.c, rec-amount.c), one fine is imposed under the heavier
 * (Art. 29), and steps 8-9 (procedure.c) read the result.
 *
 * Everything is evaluated on the stack.  With the trace off the only
 * allocation is the result block (recommend-private.h); messages and
 * citations are produced only when the trace is asked for.  Missing inputs
 * are never defaulted: conditions use Kleene logic (cond.h) and whatever
 * leaves a step undecided is listed (rec-trace.c).
 */
#include "recommend-private.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Evaluations                                                         */

static void
eval_init (RecEval *e, const Benchmark *bm, const Version *v, gboolean trace)
{
  memset (e, 0, offsetof (RecEval, lists));
  e->lists.n_missing = 0;
  e->lists.n_notes = 0;
  e->bm = bm;
  e->v = v;
  e->outcome = ENFORCE_OUTCOME_UNDETERMINED;
  e->steps = trace ? rec_steps_init (&e->steps_store) : NULL;
}

static void
eval_clear (RecEval *e)
{
  if (e->steps)
    rec_steps_clear (e->steps);
  e->steps = NULL;
}

static void
eval_move (RecEval *dst, RecEval *src)
{
  eval_clear (dst);
  memcpy (dst, src, offsetof (RecEval, lists));
  rec_lists_copy (&dst->lists, &src->lists);
  if (src->steps)
    {
      dst->steps = rec_steps_init (&dst->steps_store);
      rec_steps_move (dst->steps, src->steps);
      src->steps = NULL;
    }
}

static gint64
eval_amount (const RecEval *e)
{
  return e->has_amount ? e->amount : -1;
}

/* Steps 3-7 for one benchmark version. */
static gboolean
eval_version (const RecEvalIn *in, RecEval *e, GError **error)
{
  const EnforceCase *k = in->ctx->kase;
  const Statutory *stat;
  RecGateOut gout = { 0 };
  Tri gates, tier;

  rec_note_provenance (in->bm, in->v, &e->lists);
  if (!k->has_party)
    {
      rec_add_missing (&e->lists, "party.class");
      return TRUE;
    }
  stat = &in->v->statutory[k->party];
  if (!stat->present)
    {
      e->not_covered = TRUE;
      return TRUE;
    }
  gates = rec_run_gates (in, e, &gout);
  if (gates == TRI_TRUE)
    return TRUE;
  tier = rec_select_tier (in, e, &e->tier);
  if (gates == TRI_UNKNOWN || tier == TRI_UNKNOWN)
    {
      /* The tier ran only to list everything missing in one go. */
      e->tier = NULL;
      return TRUE;
    }
  rec_note_tier (in->bm, in->v, e->tier, &e->lists);
  rec_tier_step (in->ctx, in->bm, e, e->tier);
  if (e->tier && e->tier->cls == TIER_NO_PENALTY)
    {
      e->outcome = ENFORCE_OUTCOME_NO_PENALTY;
      e->decided_by = "tier";
      rec_education_step (in->ctx, e);
      return TRUE;
    }
  return rec_decide_penalty (in, stat, &gout, e, error);
}

/* ------------------------------------------------------------------ */
/* Step 2: the law in force (Art. 37)                                  */

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
eval_range_max (const RecEval *e)
{
  return e->has_range ? e->max : -1;
}

/* Art. 37 ordering, lighter first: outcome rank, then amount, then range
 * maximum.  Negative when @a is lighter. */
static int
compare_lighter (const RecEval *a, const RecEval *b)
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

/* The versions compared by step 2. */
typedef struct {
  gint32 law_date;                   /* the act, or act_end for continuing acts */
  const Version *act;                /* in force on law_date */
  const Version *decision;           /* in force on the decision date; NULL when repealed
                                      * by then or without a decision date */
} LawVersions;

static void
law_step (RecCtx *ctx, RecEval *e, const LawVersions *lv, const char *zh, const char *en)
{
  RecInputs inp;
  RecInputs *w;
  /* The versions' dates as the loader wrote them (Version.from_text). */
  const char *a = lv->act ? lv->act->from_text : "";
  const char *d = lv->decision ? lv->decision->from_text : "";
  gboolean no_decision;

  if (!ctx->trace)
    return;
  no_decision = ctx->kase->decided == DATE_NONE;
  w = rec_inputs_begin (ctx, &inp);
  rec_inputs_date (w, "act", lv->law_date);
  rec_inputs_date (w, "decided", ctx->kase->decided);
  rec_inputs_name (w, "act_version", lv->act ? a : NULL);
  rec_inputs_name (w, "decision_version", lv->decision ? d : NULL);
  rec_step_add (e->steps, "law_in_force", rec_inputs_end (&inp),
                rec_textf (ctx, "%-s（行为时版本%-s，决定时版本%-s）", zh, a, d[0] ? d : no_decision ? "（未提供决定日期）" : "无"),
                rec_textf (ctx, "%-s (act-date version %-s, decision-date version %-s)", en, a, d[0] ? d : no_decision ? "no decision date" : "none"),
                rec_law_citation (ctx, LAW_ART_37));
  /* The law step precedes the gates it governs. */
  rec_step_to_front (e->steps);
}

/* The versions in force on the act date and, when the case gives it, on
 * the decision date.  Case errors: no version on the act date, a decision
 * before the act. */
static gboolean
find_versions (const RecCtx *ctx, const Benchmark *bm, LawVersions *lv, GError **error)
{
  const EnforceCase *k = ctx->kase;

  lv->law_date = k->act_end != DATE_NONE && k->act_end > k->act ? k->act_end : k->act;
  lv->act = benchmark_version_on (bm, lv->law_date);
  lv->decision = NULL;
  if (lv->act == NULL)
    {
      char buf[11];

      date_format_buf (lv->law_date, buf);
      rec_case_error (error, ENFORCE_ERROR_UNKNOWN_BENCHMARK, k, 0, 0,
                      "dates.act: no version of benchmark %s is in force on %s", bm->id, buf);
      return FALSE;
    }
  if (k->decided == DATE_NONE)
    return TRUE;
  if (k->decided < k->act)
    {
      rec_case_error (error, ENFORCE_ERROR_INVALID_CASE, k, 0, 0,
                      "dates.decided: the decision precedes the act");
      return FALSE;
    }
  lv->decision = benchmark_version_on (bm, k->decided);
  return TRUE;
}

/* Art. 37 with an undetermined side: a settled no-penalty is the lightest
 * outcome there is; otherwise the comparison needs what is missing. */
static void
compare_undetermined (RecCtx *ctx, const LawVersions *lv, RecEval *out, RecEval *alt)
{
  if (alt->outcome == ENFORCE_OUTCOME_NO_PENALTY)
    {
      eval_move (out, alt);
      law_step (ctx, out, lv, "新规定不予处罚，依从旧兼从轻原则适用新规定",
                "Under the new version no penalty is due: by the rule of the old law unless the new "
                "is lighter, the new version applies");
    }
  else if (out->outcome != ENFORCE_OUTCOME_NO_PENALTY)
    {
      if (out->outcome != ENFORCE_OUTCOME_UNDETERMINED)
        eval_move (out, alt);
      else
        rec_merge_missing (&out->lists, &alt->lists);
      out->outcome = ENFORCE_OUTCOME_UNDETERMINED;
      law_step (ctx, out, lv, "新旧版本的轻重无法比较",
                "The act-date and decision-date versions cannot be compared");
    }
  else
    law_step (ctx, out, lv, "行为时版本不予处罚，适用旧规定",
              "Under the act-date version no penalty is due: it applies");
}

/* Art. 37: a different version is in force on the decision date; @out,
 * evaluated under the act-date version, becomes the lighter of the two. */
static gboolean
apply_lighter_version (const RecEvalIn *act_in, const LawVersions *lv, RecEval *out,
                       GError **error)
{
  RecCtx *ctx = act_in->ctx;
  RecEvalIn in = *act_in;
  RecEval alt;

  in.v = lv->decision;
  in.date = ctx->kase->decided;
  eval_init (&alt, in.bm, in.v, ctx->trace);
  if (!eval_version (&in, &alt, error))
    {
      eval_clear (&alt);
      return FALSE;
    }
  if (out->outcome == ENFORCE_OUTCOME_UNDETERMINED || alt.outcome == ENFORCE_OUTCOME_UNDETERMINED)
    compare_undetermined (ctx, lv, out, &alt);
  else if (compare_lighter (&alt, out) < 0)
    {
      eval_move (out, &alt);
      law_step (ctx, out, lv, "新规定处罚较轻，依从旧兼从轻原则适用新规定",
                "The new version is lighter: by the rule of the old law unless the new is "
                "lighter, the new version applies");
    }
  else
    law_step (ctx, out, lv, "决定时有效的版本不轻于旧规定，适用行为时版本",
              "The decision-date version is not lighter: the act-date version applies");
  eval_clear (&alt);
  return TRUE;
}

/* Art. 37 when no version is in force on the decision date and the rule
 * set does not state repealed_from: a version also ends when the article
 * is renumbered or a revision is not yet in the rule set, so repeal is
 * never inferred.  The decision-date rule is unknown: a settled no-penalty
 * under the act-date version stands (nothing is lighter); anything else is
 * undetermined until the rule set states the successor or the repeal. */
static void
no_decision_version (RecCtx *ctx, const LawVersions *lv, RecEval *out)
{
  if (out->outcome == ENFORCE_OUTCOME_NO_PENALTY)
    {
      law_step (ctx, out, lv, "决定日期无有效版本，但行为时版本不予处罚，适用旧规定",
                "No version is in force on the decision date, but under the act-date version "
                "no penalty is due: it applies");
      return;
    }
  if (out->outcome != ENFORCE_OUTCOME_UNDETERMINED)
    {
      const Benchmark *bm = out->bm;
      const Version *v = out->v;
      RecSteps *steps = out->steps;

      /* An undetermined result carries no tier, range or amount. */
      memset (out, 0, offsetof (RecEval, lists));
      out->bm = bm;
      out->v = v;
      out->steps = steps;
      out->outcome = ENFORCE_OUTCOME_UNDETERMINED;
    }
  rec_add_missing_decided_version (ctx, &out->lists, out->bm);
  law_step (ctx, out, lv, "决定日期无有效版本：规则集须写明后续版本或废止日期（repealed_from）",
            "No version is in force on the decision date: the rule set must state the "
            "successor version or repealed_from");
}

/* Step 2 and steps 3-7 for one candidate benchmark. */
static gboolean
evaluate_candidate (RecCtx *ctx, const Benchmark *bm, RecEval *out, GError **error)
{
  const EnforceCase *k = ctx->kase;
  FactValue values[COND_MAX_FACTS];
  RecEvalIn in = { ctx, bm, NULL, values, DATE_NONE, DATE_NONE };
  LawVersions lv = { DATE_NONE, NULL, NULL };

  eval_init (out, bm, NULL, ctx->trace);
  if (!rec_bind_facts (ctx, bm, values, error))
    return FALSE;
  if (k->act == DATE_NONE)
    {
      /* Without the act date neither the version in force nor the
       * limitation can be known. */
      rec_note_provenance (bm, NULL, &out->lists);
      rec_add_missing (&out->lists, "dates.act");
      law_step (ctx, out, &lv, "未提供违法行为发生日期，无法确定适用的版本",
                "The act date is not given: the version in force cannot be determined");
      return TRUE;
    }
  if (!find_versions (ctx, bm, &lv, error))
    return FALSE;
  out->v = lv.act;
  if (k->decided != DATE_NONE && lv.decision == NULL && bm->repealed_from != DATE_NONE
      && bm->repealed_from <= k->decided)
    {
      rec_note_provenance (bm, lv.act, &out->lists);
      out->outcome = ENFORCE_OUTCOME_NO_PENALTY;
      out->decided_by = "law_in_force";
      law_step (ctx, out, &lv, "决定时该规定已废止，违法行为不再受处罚",
                "The provision is repealed by the decision date: the act is no longer punishable");
      return TRUE;
    }
  in.v = lv.act;
  in.law_date = in.date = lv.law_date;
  if (!eval_version (&in, out, error))
    return FALSE;
  if (k->decided != DATE_NONE && lv.decision == NULL)
    {
      no_decision_version (ctx, &lv, out);
      return TRUE;
    }
  if (lv.decision == NULL || lv.decision == lv.act)
    {
      law_step (ctx, out, &lv, "适用行为时有效的版本",
                "The version in force on the act date applies");
      return TRUE;
    }
  return apply_lighter_version (&in, &lv, out, error);
}

/* ------------------------------------------------------------------ */
/* Step 1: the candidates and the choice among them (Art. 29)          */

static gboolean
add_candidate (const RecCtx *ctx, const Benchmark **cands, guint *n, const Benchmark *bm,
               GError **error)
{
  for (guint i = 0; i < *n; i++)
    if (cands[i] == bm)
      return TRUE;
  if (*n >= REC_MAX_CANDIDATES)
    {
      rec_case_error (error, ENFORCE_ERROR_LIMIT_ITEMS, ctx->kase, 0, 0,
                      "benchmarks: more than %d candidate provisions", REC_MAX_CANDIDATES);
      return FALSE;
    }
  cands[(*n)++] = bm;
  return TRUE;
}

static gboolean
resolve_benchmarks (const RecCtx *ctx, const Benchmark **cands, guint *n, GError **error)
{
  const EnforceCase *k = ctx->kase;

  for (guint i = 0; i < k->n_benchmarks; i++)
    {
      const Benchmark *bm = rules_find_benchmark (ctx->rules, k->benchmarks[i]);

      if (bm == NULL)
        {
          if (k->n_benchmarks == 1)
            rec_case_error (error, ENFORCE_ERROR_UNKNOWN_BENCHMARK, k, 0, 0,
                            "benchmark: unknown benchmark \"%s\"", k->benchmarks[i]);
          else
            rec_case_error (error, ENFORCE_ERROR_UNKNOWN_BENCHMARK, k, 0, 0,
                            "benchmarks[%u]: unknown benchmark \"%s\"", i, k->benchmarks[i]);
          return FALSE;
        }
      if (!add_candidate (ctx, cands, n, bm, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_power (const RecCtx *ctx, const Benchmark **cands, guint *n, const Power **power,
               GError **error)
{
  const EnforceCase *k = ctx->kase;
  const Power *p = rules_find_power (ctx->rules, k->power);

  if (p == NULL || p->n_benchmarks == 0)
    {
      rec_case_error (error, ENFORCE_ERROR_UNKNOWN_BENCHMARK, k, 0, 0,
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

/* The candidates from `benchmark`/`benchmarks`, else from the power. */
static gboolean
resolve_candidates (const RecCtx *ctx, const Benchmark **cands, guint *n, const Power **power,
                    GError **error)
{
  const EnforceCase *k = ctx->kase;

  *n = 0;
  *power = NULL;
  if (k->n_benchmarks > 0)
    return resolve_benchmarks (ctx, cands, n, error);
  if (k->power != NULL)
    return resolve_power (ctx, cands, n, power, error);
  rec_case_error (error, ENFORCE_ERROR_INVALID_CASE, k, 0, 0,
                  "benchmark: the case names no benchmark, benchmarks or power");
  return FALSE;
}

/* What Art. 29 weighs, heavier first: the recommended amount, then the
 * statutory maximum (the case's statutory range: a statutory tier's fine
 * where one applies); -1 for none, below any amount. */
typedef struct {
  gint64 amount;
  gint64 stat_max;
} Weight;

static Weight
weight_of (const RecEval *e)
{
  Weight w = { eval_amount (e), e->has_statutory ? e->stat_max : -1 };

  return w;
}

static gboolean
heavier_than (Weight a, Weight b)
{
  if (a.amount != b.amount)
    return a.amount > b.amount;
  return a.stat_max > b.stat_max;
}

/* The running choice among several candidates. */
typedef struct {
  gint chosen;                       /* the heaviest so far, -1 for none */
  gint undetermined;                 /* the first undetermined, -1 for none */
  gboolean covered[REC_MAX_CANDIDATES];
  Weight weight[REC_MAX_CANDIDATES]; /* of the covered, determined ones */
  RecLists missing_all;              /* of the undetermined ones */
} Choice;

/* Weighs candidate @i against the best so far, keeping the heavier in
 * @best; listing order breaks ties.  Once one is undetermined it stays in
 * @best: the result will be undetermined. */
static void
weigh_candidate (Choice *ch, guint i, RecEval *cur, RecEval *best)
{
  ch->covered[i] = !cur->not_covered;
  if (cur->not_covered)
    return;
  if (cur->outcome == ENFORCE_OUTCOME_UNDETERMINED)
    {
      rec_merge_missing (&ch->missing_all, &cur->lists);
      if (ch->undetermined < 0)
        {
          ch->undetermined = (gint) i;
          eval_move (best, cur);
        }
      return;
    }
  ch->weight[i] = weight_of (cur);
  if (ch->undetermined < 0
      && (ch->chosen < 0 || heavier_than (ch->weight[i], ch->weight[ch->chosen])))
    {
      eval_move (best, cur);
      ch->chosen = (gint) i;
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

/* Every candidate but the chosen one, with the reason it was not applied.
 * One that weighs the same comes after the chosen one in the listing. */
static void
record_excluded (const Choice *ch, const Benchmark *const *cands, guint n,
                 EnforceRecommendation *r)
{
  const Weight *chosen = &ch->weight[ch->chosen];

  for (guint i = 0; i < n; i++)
    {
      const Weight *w = &ch->weight[i];

      if ((gint) i == ch->chosen)
        continue;
      if (!ch->covered[i])
        add_excluded (r, cands[i], EXCLUDED_NOT_COVERED);
      else if (w->amount == chosen->amount && w->stat_max == chosen->stat_max)
        add_excluded (r, cands[i], EXCLUDED_EQUAL_FINE);
      else
        add_excluded (r, cands[i], EXCLUDED_LIGHTER_FINE);
    }
}

/* The common case: no choice to make, no copy. */
static gboolean
evaluate_only_candidate (RecCtx *ctx, const Benchmark *bm, RecEval *best, GError **error)
{
  if (!evaluate_candidate (ctx, bm, best, error))
    return FALSE;
  if (best->not_covered)
    {
      rec_case_error (error, ENFORCE_ERROR_INVALID_CASE, ctx->kase, 0, 0,
                      "party.class: benchmark %s does not cover a party of class %s",
                      bm->id, party_class_name (ctx->kase->party));
      return FALSE;
    }
  return TRUE;
}

/* Evaluates every candidate and keeps the one Art. 29 applies in @best;
 * the others go to @r's excluded list. */
static gboolean
choose_candidate (RecCtx *ctx, const Benchmark *const *cands, guint n, EnforceRecommendation *r,
                  RecEval *best, GError **error)
{
  Choice ch;
  RecEval cur;

  if (n == 1)
    return evaluate_only_candidate (ctx, cands[0], best, error);
  ch.chosen = ch.undetermined = -1;
  ch.missing_all.n_missing = 0;
  ch.missing_all.n_notes = 0;
  eval_init (best, cands[0], NULL, FALSE);
  for (guint i = 0; i < n; i++)
    {
      gboolean ok = evaluate_candidate (ctx, cands[i], &cur, error);

      if (ok)
        weigh_candidate (&ch, i, &cur, best);
      eval_clear (&cur);
      if (!ok)
        return FALSE;
    }
  if (ch.undetermined >= 0)
    {
      /* Undetermined candidates make the result undetermined; list
       * everything any of them needs. */
      rec_merge_missing (&ch.missing_all, &best->lists);
      best->lists.n_missing = 0;
      rec_merge_missing (&best->lists, &ch.missing_all);
      best->outcome = ENFORCE_OUTCOME_UNDETERMINED;
      return TRUE;
    }
  if (ch.chosen < 0)
    {
      rec_case_error (error, ENFORCE_ERROR_INVALID_CASE, ctx->kase, 0, 0,
                      "party.class: no candidate provision covers a party of class %s",
                      party_class_name (ctx->kase->party));
      return FALSE;
    }
  record_excluded (&ch, cands, n, r);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Trace of step 1 and of Art. 29                                      */

static void
resolve_step (RecCtx *ctx, RecSteps *steps, const Benchmark *const *cands, guint n,
              const Power *power)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (ctx, &inp);

  if (power)
    rec_inputs_string (w, "power", power->code, power->code_plain);
  if (n == 1)
    rec_inputs_string (w, "benchmark", cands[0]->id, cands[0]->id_plain);
  else
    {
      rec_inputs_array_begin (w, "benchmarks");
      for (guint i = 0; i < n; i++)
        rec_inputs_array_string (w, i, cands[i]->id, cands[i]->id_plain);
      rec_inputs_array_end (w);
    }
  if (n == 1)
    rec_step_add (steps, "resolve", rec_inputs_end (&inp),
                  rec_textf (ctx, "适用裁量基准 %.*s：%.*s", cands[0]->id_plain, cands[0]->id,
                             cands[0]->title_plain, cands[0]->title),
                  rec_textf (ctx, "Benchmark %.*s applies: %.*s", cands[0]->id_plain, cands[0]->id,
                             cands[0]->title_plain, cands[0]->title),
                  &cands[0]->penalized_by);
  else
    rec_step_add (steps, "resolve", rec_inputs_end (&inp),
                  rec_textf (ctx, "同一违法行为涉及%u个条款，分别评估，按罚款数额高的规定处罚（一事不再罚款）", n),
                  rec_textf (ctx, "One act, %u candidate provisions: each is evaluated and one fine is imposed under the heavier", n),
                  rec_law_citation (ctx, LAW_ART_29));
}

static void
excluded_steps (RecCtx *ctx, RecSteps *steps, const EnforceRecommendation *r)
{
  for (guint i = 0; i < r->n_excluded; i++)
    {
      RecInputs inp;
      RecInputs *w = rec_inputs_begin (ctx, &inp);
      const char *id = r->excluded[i]->id;
      PlainLen id_plain = r->excluded[i]->id_plain;
      guint32 zh, en;

      rec_inputs_string (w, "benchmark", id, id_plain);
      rec_inputs_name (w, "reason", rec_excluded_reason_name (r->excluded_reason[i]));
      switch (r->excluded_reason[i])
        {
        case EXCLUDED_LIGHTER_FINE:
          zh = rec_textf (ctx, "基准 %.*s 罚款较轻，不再适用（一事不再罚款）", id_plain, id);
          en = rec_textf (ctx, "Benchmark %.*s carries the lighter fine and is not applied (no double fine)", id_plain, id);
          break;
        case EXCLUDED_EQUAL_FINE:
          zh = rec_textf (ctx, "基准 %.*s 罚款数额相同，按列出顺序适用在先的规定，不再适用（一事不再罚款）", id_plain, id);
          en = rec_textf (ctx, "Benchmark %.*s carries the same fine; the provision listed first applies (no double fine)", id_plain, id);
          break;
        default:
          zh = rec_textf (ctx, "基准 %.*s 不适用于该类当事人", id_plain, id);
          en = rec_textf (ctx, "Benchmark %.*s does not cover this class of party", id_plain, id);
          break;
        }
      rec_step_add (steps, "excluded", rec_inputs_end (&inp), zh, en,
                    rec_law_citation (ctx, LAW_ART_29));
    }
}

/* ------------------------------------------------------------------ */
/* The result                                                          */

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

/* The fine of a determined penalty, from centifen to the fen shown. */
static void
result_fine (EnforceRecommendation *r, const RecEval *e)
{
  r->has_statutory = e->has_statutory && (e->kinds & KIND_BIT (KIND_FINE));
  r->statutory_min = rec_ceil_fen (e->stat_min);
  r->statutory_max = e->stat_max / CENTIFEN_PER_FEN;
  if (!e->has_amount)
    return;
  r->has_range = TRUE;
  r->range_min = rec_ceil_fen (e->min);
  r->range_max = e->max / CENTIFEN_PER_FEN;
  /* A range narrower than one fen shows as the rounded amount. */
  if (r->range_min > r->range_max)
    r->range_min = r->range_max = e->amount;
  r->has_amount = TRUE;
  r->amount = e->amount;
  r->has_rounding = e->has_rounding;
  r->rounding = e->rounding;
}

static void
result_from_eval (EnforceRecommendation *r, const EnforceCase *k, const RecEval *e)
{
  r->outcome = e->outcome;
  r->discretionary = e->discretionary;
  r->decided_by = e->decided_by;
  r->benchmark = e->bm;
  r->version = e->v;
  r->version_text = e->v ? e->v->from_text : "";
  r->has_party = k->has_party;
  r->party = k->party;
  r->reduced = e->reduced;
  rec_lists_copy (&r->lists, &e->lists);
  if (e->outcome == ENFORCE_OUTCOME_UNDETERMINED)
    return;                  /* tier, range and amount stay unset */
  r->tier = e->tier;
  r->kinds = e->outcome == ENFORCE_OUTCOME_NO_PENALTY ? 0 : e->kinds;
  if (e->outcome != ENFORCE_OUTCOME_NO_PENALTY)
    result_fine (r, e);
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

/* Room for a usual trace (about 1 KB of inputs; 2.5 KB of messages and
 * 20 steps of 32 bytes), so that the buffers seldom grow: the text buffer
 * also holds the RecTrace header and the steps at the end. */
#define TRACE_INPUTS_SIZE 2048
#define TRACE_TEXT_SIZE 4096

/* @buf, a GString in enforce_recommend()'s frame (json_out_init()),
 * empty but for @reserved bytes. */
static GString *
trace_buffer_init (GString *buf, gsize size, gsize reserved)
{
  json_out_init (buf, size);
  buf->len = reserved;
  buf->str[reserved] = '\0';
  return buf;
}

/* The trace buffers of @ctx handed to the result: the inputs as they are,
 * the messages with the RecTrace header they start with (the room
 * trace_buffer_init() reserved) and @steps copied after them. */
static RecTrace *
trace_finish (RecCtx *ctx, const RecSteps *steps)
{
  GString *text = g_steal_pointer (&ctx->text);
  GString *inputs = g_steal_pointer (&ctx->inputs);
  gsize text_len = text->len;
  gsize at = (text_len + G_ALIGNOF (RecStep) - 1) / G_ALIGNOF (RecStep) * G_ALIGNOF (RecStep);
  gsize size = steps->n * sizeof (RecStep);
  RecTrace *t;

  json_out_reserve (text, at - text_len + size);
  memcpy (text->str + at, rec_steps_items (steps), size);
  /* g_malloc() aligns the block for any type; @at is aligned for a step. */
  t = (RecTrace *) (void *) text->str;
  t->text = text->str;
  t->text_len = text_len;
  t->inputs = inputs->str;
  t->inputs_len = inputs->len;
  t->steps = (const RecStep *) (void *) (text->str + at);
  t->n_steps = steps->n;
  return t;
}

static void
ctx_clear (RecCtx *ctx)
{
  if (ctx->inputs)
    g_free (ctx->inputs->str);
  if (ctx->text)
    g_free (ctx->text->str);
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
  RecEval best;
  EnforceRecommendation tmp;
  GString inputs, text;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.rules = rules;
  ctx.kase = kase;
  ctx.trace = (flags & ENFORCE_RECOMMEND_TRACE) != 0;
  ctx.inputs = ctx.text = NULL;
  ctx.decl_of = NULL;
  ctx.span = NULL;
  ctx.as_of = DATE_NONE;
  ctx.pool_used = 0;
  if (as_of != NULL && !enforce_date_parse (as_of, strlen (as_of), &ctx.as_of, error))
    return NULL;

  if (!resolve_candidates (&ctx, cands, &n, &power, error)
      || !rec_check_case_names (&ctx, cands, n, error))
    return NULL;

  if (ctx.trace)
    {
      ctx.inputs = trace_buffer_init (&inputs, TRACE_INPUTS_SIZE, 0);
      ctx.text = trace_buffer_init (&text, TRACE_TEXT_SIZE, sizeof (RecTrace));
    }
  result_init (&tmp, &ctx);
  if (!choose_candidate (&ctx, cands, n, &tmp, &best, error))
    {
      eval_clear (&best);
      ctx_clear (&ctx);
      return NULL;
    }
  result_from_eval (&tmp, kase, &best);
  if (ctx.trace)
    {
      /* The resolve step goes first, then the chosen evaluation's. */
      RecSteps *steps;

      if (best.steps == NULL)
        best.steps = rec_steps_init (&best.steps_store);
      steps = best.steps;
      resolve_step (&ctx, steps, cands, n, power);
      rec_step_to_front (steps);
      rec_decide_procedure (&ctx, &tmp, steps, procedure_date (kase));
      rec_compute_deadlines (&ctx, &tmp, steps);
      excluded_steps (&ctx, steps, &tmp);
      tmp.trace = trace_finish (&ctx, steps);
    }
  else
    {
      rec_decide_procedure (&ctx, &tmp, NULL, procedure_date (kase));
      rec_compute_deadlines (&ctx, &tmp, NULL);
    }
  eval_clear (&best);
  return result_finish (&tmp, &ctx);
}
