/* rec-amount.c: steps 5-7 of docs/semantics.md on the tier step 4 chose.
 *
 * Step 5 computes the tier's fine range for the party class (fixed, range,
 * maximum only, multiple of a base, per unit × quantity), clamped to the
 * statutory range; step 6 (rec-tier.c) applies the factors, which may move
 * the tier and so the range; step 7 puts the point inside the final range
 * and rounds it once.  Ranges are exact in centifen (money.h); only the
 * point becomes fen, by the jurisdiction's rounding rule.
 */
#include "recommend-private.h"

/* ------------------------------------------------------------------ */
/* Step 5: the range                                                   */

typedef enum {
  SPAN_OK = 0,
  SPAN_MISSING,                      /* a base or quantity fact is unknown */
  SPAN_NEGATIVE,                     /* an integer quantity below zero */
  SPAN_OVERFLOW,
} SpanResult;

static SpanResult
span_of_fixed (gint64 min_fen, gint64 max_fen, gint64 *min, gint64 *max)
{
  return checked_mul (min_fen, CENTIFEN_PER_FEN, min) && checked_mul (max_fen, CENTIFEN_PER_FEN, max)
         ? SPAN_OK : SPAN_OVERFLOW;
}

static SpanResult
span_of_multiple (const Fine *f, const FactValue *values, gint64 *min, gint64 *max,
                  guint *missing_index)
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
      return span_of_fixed (f->fallback_min, f->fallback_max, min, max);
    }
  /* fen × (times × 100) = centifen, exactly. */
  return checked_mul (base->value, f->min_times, min) && checked_mul (base->value, f->max_times, max)
         ? SPAN_OK : SPAN_OVERFLOW;
}

static SpanResult
span_of_per_unit (const Fine *f, const Benchmark *bm, const FactValue *values,
                  gint64 *min, gint64 *max, guint *missing_index)
{
  const FactValue *q = &values[f->quantity_fact];
  gint64 q100, cap;

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
    {
      /* Integer facts may be negative in general; as a count of units
       * (处, 辆) a negative one is a bad case, not a zero fine. */
      *missing_index = (guint) f->quantity_fact;
      return SPAN_NEGATIVE;
    }
  /* fen per unit × (quantity × 100) = centifen, exactly. */
  if (!checked_mul (f->rate_min, q100, min) || !checked_mul (f->rate_max, q100, max))
    return SPAN_OVERFLOW;
  if (!f->has_cap)
    return SPAN_OK;
  if (!checked_mul (f->cap, CENTIFEN_PER_FEN, &cap))
    return SPAN_OVERFLOW;
  *min = MIN (*min, cap);
  *max = MIN (*max, cap);
  return SPAN_OK;
}

/* The fine form's range in centifen. */
static SpanResult
fine_span (const Fine *f, const Benchmark *bm, const FactValue *values,
           gint64 *min, gint64 *max, guint *missing_index)
{
  switch (f->form)
    {
    case FINE_RANGE:
    case FINE_FIXED:
      return span_of_fixed (f->min, f->max, min, max);
    case FINE_MAX_ONLY:
      *min = 0;
      return checked_mul (f->max, CENTIFEN_PER_FEN, max) ? SPAN_OK : SPAN_OVERFLOW;
    case FINE_MULTIPLE:
      return span_of_multiple (f, values, min, max, missing_index);
    case FINE_PER_UNIT:
      return span_of_per_unit (f, bm, values, min, max, missing_index);
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

/* fine_span() with its failures reported: FALSE on overflow; *@ok FALSE
 * when a fact is missing (listed). */
static gboolean
span_reported (const RecEvalIn *in, const Fine *f, RecEval *e, gint64 *min, gint64 *max,
               gboolean *ok, GError **error)
{
  guint missing = 0;
  SpanResult r = fine_span (f, in->bm, in->values, min, max, &missing);

  *ok = r == SPAN_OK;
  if (r == SPAN_OVERFLOW)
    return overflow_error (in->bm, error);
  if (r == SPAN_NEGATIVE)
    {
      rec_case_error (error, ENFORCE_ERROR_FACT_TYPE, in->ctx->kase, 0, 0,
                      "facts.%s: a quantity cannot be negative (benchmark %s)",
                      in->bm->facts[missing].name, in->bm->id);
      return FALSE;
    }
  if (r == SPAN_MISSING)
    rec_add_missing_scope (in->ctx, &e->lists, in->bm, missing);
  return TRUE;
}

/* The fine range of e->tier (or the statute) for the party class, clamped
 * to the statutory range unless the tier is reduced.  @matched is the tier
 * the facts selected (step 4): when it is statutory, its fine is the
 * provision's own for this case (a 法定情形 sub-clause), so it is the
 * statutory range — for @matched itself (nothing clamps it) and for a
 * reduced tier mandatory mitigation moved the case to (减轻 below it).
 * FALSE on overflow; *@ok FALSE when a fact is missing (listed). */
static gboolean
compute_range (const RecEvalIn *in, const Statutory *stat, const Tier *matched, RecEval *e,
               gboolean *ok, GError **error)
{
  PartyClass party = in->ctx->kase->party;
  const Tier *tier = e->tier;
  const Fine *f = tier && tier->fine[party].present ? &tier->fine[party] : &stat->fine;
  const Fine *sf = matched && matched->statutory && matched->fine[party].present
                   ? &matched->fine[party] : &stat->fine;
  gboolean span_ok;

  *ok = FALSE;
  e->has_statutory = FALSE;
  e->has_range = FALSE;
  if (sf->present)
    {
      if (!span_reported (in, sf, e, &e->stat_min, &e->stat_max, &span_ok, error))
        return FALSE;
      if (!span_ok)
        return TRUE;
      e->has_statutory = TRUE;
    }
  if (!f->present)
    {
      /* Lint requires a fine wherever the kinds include one. */
      rec_add_missing (&e->lists, "tiers.fine");
      return TRUE;
    }
  if (!span_reported (in, f, e, &e->min, &e->max, &span_ok, error))
    return FALSE;
  if (!span_ok)
    return TRUE;
  if (e->has_statutory && !(tier && (tier->cls == TIER_REDUCED || tier->cls == TIER_NO_PENALTY)))
    {
      e->min = rec_clamp64 (e->min, e->stat_min, e->stat_max);
      e->max = rec_clamp64 (e->max, e->stat_min, e->stat_max);
    }
  if (e->min > e->max)
    e->min = e->max;
  e->has_range = TRUE;
  *ok = TRUE;
  return TRUE;
}

/* centifen → yuan with up to four decimals, for the trace only; returns
 * the length. */
static gsize
format_cf_yuan (gint64 cf, char buf[40])
{
  gint64 fen = cf / CENTIFEN_PER_FEN, rest = cf % CENTIFEN_PER_FEN;
  char *end;

  if (rest != 0 && cf < 0)
    return (gsize) g_snprintf (buf, 40, "%" G_GINT64_FORMAT ".%02d%02d", fen / 100,
                               (int) (fen % 100), (int) rest);
  /* The yuan and fen as rec_format_yuan() writes them, then any centifen
   * digits: what the printf above gives, without printf. */
  end = rec_format_yuan_to (fen, buf);
  if (rest != 0)
    {
      *end++ = (char) ('0' + rest / 10);
      *end++ = (char) ('0' + rest % 10);
    }
  *end = '\0';
  return (gsize) (end - buf);
}

static inline char *
copy (char *dst, const char *s, gsize n)
{
  memcpy (dst, s, n);
  return dst + n;
}

#define COPY_LITERAL(dst, s) copy ((dst), (s), sizeof (s) - 1)

/* "2000元" / "500元以下" / "200元至500元" into @zh and "2000 yuan" /
 * "up to 500 yuan" / "200 to 500 yuan" into @en: a fixed fine as one
 * amount, one without a minimum as a ceiling.  Each amount is written
 * once for both, and the pieces copied rather than printed: g_snprintf()
 * cost more than the rest of the range step.  At most 2 × 39 bytes of
 * amounts and 15 of words: within the buffers. */
static void
format_range (gint64 min, gint64 max, char zh[96], char en[96])
{
  char a[40], b[40];
  gsize a_len = format_cf_yuan (min, a);
  gsize b_len = format_cf_yuan (max, b);

  if (min == max)
    {
      zh = copy (zh, a, a_len);
      zh = COPY_LITERAL (zh, "元");
      en = copy (en, a, a_len);
    }
  else if (min == 0)
    {
      zh = copy (zh, b, b_len);
      zh = COPY_LITERAL (zh, "元以下");
      en = COPY_LITERAL (en, "up to ");
      en = copy (en, b, b_len);
    }
  else
    {
      zh = copy (zh, a, a_len);
      zh = COPY_LITERAL (zh, "元至");
      zh = copy (zh, b, b_len);
      zh = COPY_LITERAL (zh, "元");
      en = copy (en, a, a_len);
      en = COPY_LITERAL (en, " to ");
      en = copy (en, b, b_len);
    }
  en = COPY_LITERAL (en, " yuan");
  *zh = *en = '\0';
}

static void
range_step (RecCtx *ctx, const Benchmark *bm, RecEval *e)
{
  RecInputs inp;
  RecInputs *w;
  char r_zh[96], r_en[96], s_zh[96], s_en[96];

  if (!ctx->trace || !e->has_range)
    return;
  w = rec_inputs_begin (ctx, &inp);
  rec_inputs_string (w, "tier", e->tier ? e->tier->name : NULL, e->tier ? e->tier->name_plain : -1);
  rec_inputs_number (w, "min_centifen", e->min);
  rec_inputs_number (w, "max_centifen", e->max);
  format_range (e->min, e->max, r_zh, r_en);
  if (e->has_statutory)
    {
      format_range (e->stat_min, e->stat_max, s_zh, s_en);
      rec_step_add (e->steps, "range", rec_inputs_end (&inp),
                    rec_textf (ctx, "罚款幅度%-s（法定%-s）", r_zh, s_zh),
                    rec_textf (ctx, "Fine range %-s (statutory %-s)", r_en, s_en),
                    &bm->penalized_by);
    }
  else
    rec_step_add (e->steps, "range", rec_inputs_end (&inp),
                  rec_textf (ctx, "罚款幅度%-s", r_zh),
                  rec_textf (ctx, "Fine range %-s", r_en),
                  &bm->penalized_by);
}

/* Step 5 when the kinds include a fine (*@ok TRUE otherwise): the range,
 * recorded. */
static gboolean
fine_range (const RecEvalIn *in, const Statutory *stat, const Tier *matched, RecEval *e,
            gboolean *ok, GError **error)
{
  *ok = TRUE;
  if (!(e->kinds & KIND_BIT (KIND_FINE)))
    return TRUE;
  if (!compute_range (in, stat, matched, e, ok, error))
    return FALSE;
  if (*ok)
    range_step (in->ctx, in->bm, e);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Step 7: the point                                                   */

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

static void
point_step (RecCtx *ctx, RecEval *e, guint percent, gint64 q, const Rounding *rule)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (ctx, &inp);
  char a[32], pt[40];

  rec_inputs_number (w, "percent", percent);
  rec_inputs_number (w, "point_centifen", q);
  rec_inputs_name (w, "unit", round_unit_name (rule->unit));
  rec_inputs_name (w, "mode", round_mode_name (rule->mode));
  rec_format_yuan (e->amount, a);
  format_cf_yuan (q, pt);
  rec_step_add (e->steps, "point", rec_inputs_end (&inp),
                rec_textf (ctx, "幅度%u%%处为%-s元，按%-s%-s取整一次，建议罚款%-s元", percent, pt,
                     rule->unit == ROUND_UNIT_YUAN ? "元" : rule->unit == ROUND_UNIT_JIAO ? "角" : "分",
                     rule->mode == ROUND_HALF_UP ? "四舍五入" : rule->mode == ROUND_HALF_EVEN ? "四舍六入五成双"
                     : rule->mode == ROUND_DOWN ? "舍去" : "进位", a),
                rec_textf (ctx, "%u%% into the range is %-s yuan; rounded once (%-s, %-s): %-s yuan", percent, pt, round_unit_name (rule->unit), round_mode_name (rule->mode), a),
                NULL);
}

/* The point inside the final range, rounded once. */
static gboolean
compute_point (const RecEvalIn *in, guint percent, RecEval *e, GError **error)
{
  const Rounding *rule = rec_rounding (in->ctx, in->date);
  gint64 width, num, q, min_fen, max_fen;

  if (rule == NULL)
    {
      rec_add_missing (&e->lists, "parameters.rounding");
      return TRUE;
    }
  e->has_rounding = TRUE;
  e->rounding = *rule;
  width = e->max - e->min;
  if (!checked_mul (width, percent, &num))
    return overflow_error (in->bm, error);
  q = e->min + num / 100;
  e->amount = round_point (q, num % 100 != 0, rule);
  /* Rounding to a whole unit may step past an end of the range that is
   * not a whole unit; the point stays inside whenever a whole fen is. */
  min_fen = rec_ceil_fen (e->min);
  max_fen = e->max / CENTIFEN_PER_FEN;
  if (min_fen <= max_fen)
    e->amount = rec_clamp64 (e->amount, min_fen, max_fen);
  e->has_amount = TRUE;
  if (in->ctx->trace)
    point_step (in->ctx, e, percent, q, rule);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Steps 5-7                                                           */

static EnforceOutcome
outcome_of_kinds (guint32 kinds)
{
  if (kinds & KIND_BIT (KIND_FINE))
    return kinds & ~KIND_BIT (KIND_FINE) ? ENFORCE_OUTCOME_FINE_AND_OTHER : ENFORCE_OUTCOME_FINE;
  if (kinds == KIND_BIT (KIND_WARNING))
    return ENFORCE_OUTCOME_WARNING;
  return ENFORCE_OUTCOME_OTHER;
}

/* The policy decides how factors act and where the point lies; a fixed
 * amount without factors does not need one. */
static gboolean
needs_policy (const RecEval *e, const RecFactors *fs)
{
  return fs->n > 0 || (e->has_range && e->min < e->max);
}

/* The kinds imposed: the tier's own, else the statute's, which must then
 * be a single kind when the statute joins them with "or" (或者). */
static gboolean
choose_kinds (const Statutory *stat, RecEval *e)
{
  e->kinds = e->tier && e->tier->kinds ? e->tier->kinds : stat->kinds;
  if (stat->combine == COMBINE_OR && !(e->tier && e->tier->kinds)
      && (e->kinds & (e->kinds - 1)) != 0)
    {
      rec_add_missing (&e->lists, "tiers.kinds");
      return FALSE;
    }
  return TRUE;
}

gboolean
rec_decide_penalty (const RecEvalIn *in, const Statutory *stat, const RecGateOut *g,
                    RecEval *e, GError **error)
{
  const Policy *policy;
  const Tier *matched = e->tier;
  RecFactors fs;
  guint percent = 50;
  gboolean ok;

  rec_sum_factors (in->ctx, in->v, g, &fs);
  if (!choose_kinds (stat, e))
    return TRUE;
  if (!fine_range (in, stat, matched, e, &ok, error))
    return FALSE;
  if (!ok)
    return TRUE;
  policy = in->v->policy.present ? &in->v->policy : rec_policy (in->ctx, in->date);
  if (policy == NULL && needs_policy (e, &fs))
    {
      rec_add_missing (&e->lists, "parameters.discretion_policy");
      return TRUE;
    }
  /* A jurisdiction's policy (where the point starts, how factors move it)
   * is the rule set's convention, not law: the amount visibly rests on it.
   * A version's own policy is the benchmark's and goes with its provenance. */
  if (policy != NULL && !in->v->policy.present && needs_policy (e, &fs))
    rec_add_note (&e->lists, NOTE_POLICY, policy, NULL, 0);
  if (!rec_apply_factors (in->ctx, in->v, policy, &fs, e, &percent))
    return TRUE;
  if (e->tier != matched)
    {
      /* The factors moved the tier: its kinds and range replace the
       * matched tier's. */
      rec_note_tier (in->bm, in->v, e->tier, &e->lists);
      e->kinds = e->tier->kinds ? e->tier->kinds : stat->kinds;
      e->has_range = e->has_statutory = FALSE;
      if (!fine_range (in, stat, matched, e, &ok, error))
        return FALSE;
      if (!ok)
        return TRUE;
    }
  e->reduced = e->tier && e->tier->cls == TIER_REDUCED;
  if (e->kinds & KIND_BIT (KIND_FINE))
    {
      if (!compute_point (in, percent, e, error))
        return FALSE;
      if (!e->has_amount)
        return TRUE;
    }
  e->outcome = outcome_of_kinds (e->kinds);
  return TRUE;
}
