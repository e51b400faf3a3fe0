/* procedure.c: steps 8 and 9 of docs/semantics.md.
 *
 * Procedure: simple (Art. 51), on-site collection (Art. 68), hearing
 * (Art. 63), legal review (Art. 58), collective discussion (Art. 57).
 * Deadlines: decision (Art. 60), hearing request (Art. 64 + 85), delivery
 * (Art. 61 + 85), payment (Art. 67) and the late surcharge (Art. 72).
 *
 * An unknown parameter or calendar year makes only the answer that needs
 * it undetermined (and lists it); the outcome stands.  Each period reads the
 * parameters in force on the day it starts.
 */
#include "recommend-private.h"

#include <string.h>

/* The parameter in force on @date, or NULL (listing its path) when absent
 * or "unknown"; notes it when unverified. */
static const Param *
known_param (RecCtx *ctx, EnforceRecommendation *r, ParamId id, gint32 date)
{
  const Param *p = date == DATE_NONE ? NULL : rec_param (ctx, id, date);

  if (p == NULL || !p->known)
    {
      rec_add_missing (&r->lists, rec_param_path (id));
      return NULL;
    }
  rec_note_param (&r->lists, id, p);
  return p;
}

static const Citation *
param_basis (const Param *p)
{
  return p && p->basis.article != 0 ? &p->basis : NULL;
}

static const char *
answer_zh (EnforceAnswer a)
{
  return a == ENFORCE_ANSWER_YES ? "是" : a == ENFORCE_ANSWER_NO ? "否" : "待定";
}

/* A procedure step @code (REC_CODE()), its inputs with @value as the
 * member @key (REC_KEY(): the key and its length; NULL for none); its
 * messages are in the text buffer already. */
static void
step (RecCtx *ctx, RecSteps *steps, const EnforceRecommendation *r, const char *code,
      gsize code_len, const Citation *c, const char *key, gsize key_len, gint64 value,
      guint32 zh, guint32 en)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (ctx, &inp);

  rec_inputs_name (w, "outcome", enforce_outcome_name (r->outcome));
  rec_inputs_int (w, "amount", r->has_amount, r->amount);
  if (key)
    rec_inputs_int_len (w, key, key_len, value >= 0, value);
  rec_step_add_len (steps, code, code_len, rec_inputs_end (&inp), zh, en, c);
}

/* Art. 51: a warning, or a fine alone at most the party class's cap. */
static void
decide_simple (RecCtx *ctx, EnforceRecommendation *r, gint32 date, const Param **cap_out)
{
  ParamId id = r->party == PARTY_ORGANIZATION ? PARAM_SIMPLE_CAP_ORGANIZATION
                                                : PARAM_SIMPLE_CAP_INDIVIDUAL;
  const Param *cap;

  *cap_out = NULL;
  switch (r->outcome)
    {
    case ENFORCE_OUTCOME_UNDETERMINED:
      r->procedure = ENFORCE_PROCEDURE_UNDETERMINED;
      r->why_procedure = WHY_OUTCOME_UNDETERMINED;
      return;
    case ENFORCE_OUTCOME_NO_PENALTY:
      r->procedure = ENFORCE_PROCEDURE_NONE;
      r->why_procedure = WHY_NO_PENALTY;
      return;
    case ENFORCE_OUTCOME_WARNING:
      r->procedure = ENFORCE_PROCEDURE_SIMPLE;
      r->why_procedure = WHY_WARNING;
      return;
    case ENFORCE_OUTCOME_FINE:
      break;
    default:
      r->procedure = ENFORCE_PROCEDURE_GENERAL;
      r->why_procedure = WHY_OTHER_KINDS;
      return;
    }
  cap = known_param (ctx, r, id, date);
  *cap_out = cap;
  if (cap == NULL)
    {
      r->procedure = ENFORCE_PROCEDURE_UNDETERMINED;
      r->why_procedure = WHY_PARAM_UNKNOWN;
      return;
    }
  r->simple_cap = cap->value;
  r->procedure = r->amount <= cap->value ? ENFORCE_PROCEDURE_SIMPLE : ENFORCE_PROCEDURE_GENERAL;
  r->why_procedure = r->amount <= cap->value ? WHY_FINE_WITHIN : WHY_FINE_OVER;
}

/* Art. 68: on-site collection after a simple-procedure fine of at most the
 * cap (the "hard to collect later" ground is for the officer to judge). */
static void
decide_onsite (RecCtx *ctx, EnforceRecommendation *r, gint32 date, const Param **cap_out)
{
  const Param *cap;

  *cap_out = NULL;
  if (r->procedure == ENFORCE_PROCEDURE_NONE || r->procedure == ENFORCE_PROCEDURE_GENERAL)
    {
      r->onsite = ENFORCE_ANSWER_NO;
      r->why_onsite = r->procedure == ENFORCE_PROCEDURE_NONE ? WHY_NO_PENALTY : WHY_NOT_SIMPLE;
      return;
    }
  if (r->outcome == ENFORCE_OUTCOME_UNDETERMINED)
    {
      r->onsite = ENFORCE_ANSWER_UNDETERMINED;
      r->why_onsite = WHY_OUTCOME_UNDETERMINED;
      return;
    }
  if (!r->has_amount)
    {
      r->onsite = ENFORCE_ANSWER_NO;
      r->why_onsite = WHY_NO_FINE;
      return;
    }
  cap = known_param (ctx, r, PARAM_ONSITE_CAP, date);
  *cap_out = cap;
  if (cap == NULL)
    {
      r->onsite = ENFORCE_ANSWER_UNDETERMINED;
      r->why_onsite = WHY_PARAM_UNKNOWN;
      return;
    }
  r->onsite_cap = cap->value;
  if (r->amount > cap->value)
    {
      /* No on-site collection whichever procedure applies. */
      r->onsite = ENFORCE_ANSWER_NO;
      r->why_onsite = WHY_FINE_OVER;
    }
  else if (r->procedure == ENFORCE_PROCEDURE_SIMPLE)
    {
      r->onsite = ENFORCE_ANSWER_YES;
      r->why_onsite = WHY_FINE_WITHIN;
    }
  else
    {
      r->onsite = ENFORCE_ANSWER_UNDETERMINED;
      r->why_onsite = WHY_NOT_SIMPLE;
    }
}

const char *
rec_onsite_caveat (const EnforceRecommendation *r, EnforceLang lang)
{
  /* The answer is Art. 68(1)'s only: a "no" there leaves the other
   * grounds, which turn on facts the engine does not model. */
  if (r->onsite != ENFORCE_ANSWER_NO
      || (r->why_onsite != WHY_NOT_SIMPLE && r->why_onsite != WHY_FINE_OVER))
    return NULL;
  return lang == ENFORCE_LANG_EN
    ? "no on-site collection under Art. 68(1); it is allowed where a fine decided on the spot "
      "would be hard to enforce afterwards (Art. 68(2)), or where a party in a remote, "
      "waterborne or hard-to-reach area asks for it (Art. 69)"
    : "按第六十八条第（一）项不得当场收缴；依法当场作出决定后事后难以执行的（第六十八条第（二）项），"
      "或者边远、水上、交通不便地区当事人提出的（第六十九条），可以当场收缴";
}

#define HEARING_KINDS (KIND_BIT (KIND_SUSPEND_PERMIT) | KIND_BIT (KIND_LOWER_QUALIFICATION) \
                       | KIND_BIT (KIND_REVOKE_PERMIT) | KIND_BIT (KIND_RESTRICT_BUSINESS) \
                       | KIND_BIT (KIND_SUSPEND_BUSINESS) | KIND_BIT (KIND_CLOSE)       \
                       | KIND_BIT (KIND_BAR_OCCUPATION))

/* Art. 63: the heavy kinds always; a fine from the local 较大数额 on. */
static void
decide_hearing (RecCtx *ctx, EnforceRecommendation *r, gint32 date, const Param **thr_out)
{
  ParamId id = r->party == PARTY_ORGANIZATION ? PARAM_HEARING_ORGANIZATION : PARAM_HEARING_INDIVIDUAL;
  const Param *thr;

  *thr_out = NULL;
  if (r->outcome == ENFORCE_OUTCOME_UNDETERMINED)
    {
      r->hearing = ENFORCE_ANSWER_UNDETERMINED;
      r->why_hearing = WHY_OUTCOME_UNDETERMINED;
      return;
    }
  if (r->outcome == ENFORCE_OUTCOME_NO_PENALTY)
    {
      r->hearing = ENFORCE_ANSWER_NO;
      r->why_hearing = WHY_NO_PENALTY;
      return;
    }
  if (r->kinds & HEARING_KINDS)
    {
      r->hearing = ENFORCE_ANSWER_YES;
      r->why_hearing = WHY_HEAVY_KIND;
      return;
    }
  if (!r->has_amount)
    {
      r->hearing = ENFORCE_ANSWER_NO;
      r->why_hearing = WHY_NO_FINE;
      return;
    }
  thr = known_param (ctx, r, id, date);
  *thr_out = thr;
  if (thr == NULL)
    {
      r->hearing = ENFORCE_ANSWER_UNDETERMINED;
      r->why_hearing = WHY_PARAM_UNKNOWN;
      return;
    }
  r->hearing_threshold = thr->value;
  r->hearing = r->amount >= thr->value ? ENFORCE_ANSWER_YES : ENFORCE_ANSWER_NO;
  r->why_hearing = r->amount >= thr->value ? WHY_AT_THRESHOLD : WHY_BELOW_THRESHOLD;
}

static const char *const review_paths[REVIEW_COUNT] = {
  "review.complex",
  "review.serious",
  "review.major_public_interest",
  "review.hearing_held",
  "review.other_required",
};

/* Any of @flags true → yes; all false → no; otherwise undetermined with
 * the unknown ones listed. */
static EnforceAnswer
any_flag (const EnforceCase *k, EnforceRecommendation *r, const ReviewFlag *flags, guint n,
          guint8 *why)
{
  gboolean unknown = FALSE;

  for (guint i = 0; i < n; i++)
    if (k->review[flags[i]].known && k->review[flags[i]].value)
      {
        *why = WHY_FLAG_SET;
        return ENFORCE_ANSWER_YES;
      }
  for (guint i = 0; i < n; i++)
    if (!k->review[flags[i]].known)
      {
        rec_add_missing (&r->lists, review_paths[flags[i]]);
        unknown = TRUE;
      }
  *why = unknown ? WHY_FLAGS_UNKNOWN : WHY_FLAGS_CLEAR;
  return unknown ? ENFORCE_ANSWER_UNDETERMINED : ENFORCE_ANSWER_NO;
}

void
rec_decide_procedure (RecCtx *ctx, EnforceRecommendation *r, RecSteps *steps, gint32 param_date)
{
  /* Art. 58 items (1)-(4), in the article's order. */
  static const ReviewFlag review58[] = { REVIEW_MAJOR_PUBLIC_INTEREST, REVIEW_HEARING_HELD,
                                         REVIEW_COMPLEX, REVIEW_OTHER_REQUIRED };
  static const ReviewFlag review57[] = { REVIEW_COMPLEX, REVIEW_SERIOUS };
  const EnforceCase *k = ctx->kase;
  const Param *simple_cap, *onsite_cap, *threshold;
  const char *caveat_zh, *caveat_en;
  gboolean unknown_threshold, reduced;

  decide_simple (ctx, r, param_date, &simple_cap);
  decide_onsite (ctx, r, param_date, &onsite_cap);
  decide_hearing (ctx, r, param_date, &threshold);
  r->legal_review = any_flag (k, r, review58, G_N_ELEMENTS (review58), &r->why_review);
  if (r->reduced)
    {
      /* 减轻 goes below the statutory minimum: the leadership decides. */
      r->collective = ENFORCE_ANSWER_YES;
      r->why_collective = WHY_REDUCED_TIER;
    }
  else
    r->collective = any_flag (k, r, review57, G_N_ELEMENTS (review57), &r->why_collective);

  /* After a no-penalty outcome the trace ends with its reason (and the
   * education step); the answers are in the result all the same. */
  if (!ctx->trace || r->outcome == ENFORCE_OUTCOME_NO_PENALTY)
    return;
  /* The messages' optional parts are in their formats, so no conversion
   * is of an empty string. */
  caveat_zh = rec_onsite_caveat (r, ENFORCE_LANG_ZH);
  caveat_en = rec_onsite_caveat (r, ENFORCE_LANG_EN);
  unknown_threshold = r->why_hearing == WHY_PARAM_UNKNOWN;
  reduced = r->why_collective == WHY_REDUCED_TIER;
  step (ctx, steps, r, REC_CODE ("procedure.simple"), simple_cap ? param_basis (simple_cap)
        : rec_law_citation (ctx, LAW_ART_51), REC_KEY ("cap"), r->simple_cap,
        rec_textf (ctx, "程序：%-s", r->procedure == ENFORCE_PROCEDURE_SIMPLE ? "简易程序"
                   : r->procedure == ENFORCE_PROCEDURE_GENERAL ? "普通程序"
                   : r->procedure == ENFORCE_PROCEDURE_NONE ? "不作处罚决定" : "待定"),
        rec_textf (ctx, "Procedure: %-s", enforce_procedure_name (r->procedure)));
  step (ctx, steps, r, REC_CODE ("procedure.onsite_collection"),
        onsite_cap ? param_basis (onsite_cap) : rec_law_citation (ctx, LAW_ART_68),
        REC_KEY ("cap"), r->onsite_cap,
        caveat_zh ? rec_textf (ctx, "当场收缴罚款：%-s。%-s", answer_zh (r->onsite), caveat_zh)
        : rec_textf (ctx, "当场收缴罚款：%-s", answer_zh (r->onsite)),
        caveat_en ? rec_textf (ctx, "On-site collection: %-s: %-s", enforce_answer_name (r->onsite),
                               caveat_en)
        : rec_textf (ctx, "On-site collection: %-s", enforce_answer_name (r->onsite)));
  step (ctx, steps, r, REC_CODE ("procedure.hearing"), threshold ? param_basis (threshold)
        : rec_law_citation (ctx, LAW_ART_63), REC_KEY ("threshold"), r->hearing_threshold,
        unknown_threshold
        ? rec_textf (ctx, "告知听证权利：%-s（较大数额罚款标准未知）", answer_zh (r->hearing))
        : rec_textf (ctx, "告知听证权利：%-s", answer_zh (r->hearing)),
        unknown_threshold ? rec_textf (ctx, "Hearing right: %-s (the large-fine threshold is unknown)",
                                       enforce_answer_name (r->hearing))
        : rec_textf (ctx, "Hearing right: %-s", enforce_answer_name (r->hearing)));
  step (ctx, steps, r, REC_CODE ("procedure.legal_review"), rec_law_citation (ctx, LAW_ART_58),
        NULL, 0, 0,
        rec_textf (ctx, "法制审核：%-s", answer_zh (r->legal_review)),
        rec_textf (ctx, "Legal review: %-s", enforce_answer_name (r->legal_review)));
  step (ctx, steps, r, REC_CODE ("procedure.collective_discussion"),
        rec_law_citation (ctx, LAW_ART_57), NULL, 0, 0,
        reduced ? rec_textf (ctx, "集体讨论：%-s（减轻处罚）", answer_zh (r->collective))
        : rec_textf (ctx, "集体讨论：%-s", answer_zh (r->collective)),
        reduced ? rec_textf (ctx, "Collective discussion: %-s (reduced penalty)",
                             enforce_answer_name (r->collective))
        : rec_textf (ctx, "Collective discussion: %-s", enforce_answer_name (r->collective)));
}

/* The loader's working-day list (model.h WorkdayYear) of the year that
 * holds @day, or NULL when the calendar has no such year. */
static const WorkdayYear *
workday_year_of (const EnforceRuleSet *rules, gint32 day, guint *index)
{
  const WorkdayYear *years = rules->workday_years;
  guint lo = 0, hi = rules->calendar.n_years;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (years[mid].first <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0 || day - years[lo - 1].first >= (gint32) years[lo - 1].n_days)
    return NULL;
  if (index)
    *index = lo - 1;
  return &years[lo - 1];
}

gboolean
rec_add_workdays (const EnforceRuleSet *rules, gint32 from, int n, gint32 *out,
                  int *missing_year)
{
  gint32 day = from;
  int left = n;

  /* The walk's own checks and messages for what the lists do not cover. */
  if (rules->workday_years == NULL || n < 0)
    return calendar_add_workdays (&rules->calendar, from, n, out, missing_year);
  /* As calendar_add_workdays() walks a year at a time, take the year of
   * the day after @day: its working days from there on either hold the
   * answer or are all used up by 31 December. */
  while (left > 0)
    {
      const WorkdayYear *y;
      guint after;

      if (day == G_MAXINT32 || (y = workday_year_of (rules, day + 1, NULL)) == NULL)
        {
          if (missing_year)
            date_to_ymd (day == G_MAXINT32 ? day : day + 1, missing_year, NULL, NULL);
          return FALSE;
        }
      after = y->before[day + 1 - y->first];   /* working days of the year up to @day */
      if ((guint) left <= y->n_workdays - after)
        {
          day = y->workdays[after + (guint) left - 1];
          left = 0;
        }
      else
        {
          left -= (int) (y->n_workdays - after);
          day = y->first + y->n_days - 1;
        }
    }
  *out = day;
  return TRUE;
}

/* Notes the unverified calendar years a working-day period used: those
 * from the year of @from to the year of @to. */
static void
note_calendar (RecLists *l, const EnforceRuleSet *rules, gint32 from, gint32 to)
{
  const Calendar *cal = &rules->calendar;
  int y0, y1, m, d;

  if (rules->workday_years != NULL)
    {
      /* The lists hold each year's first day and length: no date
       * conversion needed. */
      for (guint i = 0; i < cal->n_years; i++)
        {
          const WorkdayYear *y = &rules->workday_years[i];
          if (y->first <= to && from - y->first < (gint32) y->n_days && !cal->years[i].verified)
            rec_add_note (l, NOTE_CALENDAR, &cal->years[i], NULL, cal->years[i].year);
        }
      return;
    }
  date_to_ymd (from, &y0, &m, &d);
  date_to_ymd (to, &y1, &m, &d);
  for (guint i = 0; i < cal->n_years; i++)
    if (cal->years[i].year >= y0 && cal->years[i].year <= y1 && !cal->years[i].verified)
      rec_add_note (l, NOTE_CALENDAR, &cal->years[i], NULL, cal->years[i].year);
}

/* @from + the parameter's working days; DATE_NONE when unknown. */
static gint32
workdays_after (RecCtx *ctx, EnforceRecommendation *r, ParamId id, gint32 from, const Param **p_out)
{
  const Param *p = known_param (ctx, r, id, from);
  gint32 out;
  int year = 0;

  *p_out = p;
  if (p == NULL)
    return DATE_NONE;
  if (!rec_add_workdays (ctx->rules, from, (int) p->value, &out, &year))
    {
      rec_add_missing_year (ctx, &r->lists, year);
      return DATE_NONE;
    }
  note_calendar (&r->lists, ctx->rules, from, out);
  return out;
}

static gint32
days_after (RecCtx *ctx, EnforceRecommendation *r, ParamId id, gint32 from, const Param **p_out)
{
  const Param *p = known_param (ctx, r, id, from);

  *p_out = p;
  if (p == NULL || p->value < 0 || p->value > 100000)
    return DATE_NONE;
  return from + (gint32) p->value;
}

/* Art. 72: 3 % of the fine per day late, capped at the fine, rounded once. */
static void
late_surcharge (RecCtx *ctx, EnforceRecommendation *r, const Param **p_out)
{
  const Param *pct;
  const Rounding *rule;
  gint64 cf, cap;

  *p_out = NULL;
  if (ctx->as_of == DATE_NONE || r->payment_due == DATE_NONE || !r->has_amount)
    return;
  r->days_late = ctx->as_of > r->payment_due ? ctx->as_of - r->payment_due : 0;
  if (r->days_late == 0)
    {
      r->has_surcharge = TRUE;
      r->surcharge = 0;
      return;
    }
  pct = known_param (ctx, r, PARAM_LATE_PERCENT_PER_DAY, r->payment_due);
  *p_out = pct;
  rule = r->has_rounding ? &r->rounding : rec_rounding (ctx, r->payment_due);
  if (pct == NULL)
    return;
  if (rule == NULL)
    {
      rec_add_missing (&r->lists, "parameters.rounding");
      return;
    }
  /* fen × percent = centifen per day.  Past the cap (or on overflow, which
   * only happens far past it) the fine itself is owed: Art. 72 caps the
   * surcharge at the fine, which is already rounded by the same rule. */
  if (!checked_mul (r->amount, pct->value, &cf) || !checked_mul (cf, r->days_late, &cf)
      || !checked_mul (r->amount, CENTIFEN_PER_FEN, &cap) || cf >= cap)
    r->surcharge = r->amount;
  else
    r->surcharge = round_centifen (cf, rule);
  r->has_surcharge = TRUE;
}

/* A deadline step @code (REC_CODE()): @p's period from @from, due @due. */
static void
deadline_step (RecCtx *ctx, RecSteps *steps, const char *code, gsize code_len, const Param *p,
               gint32 from, gint32 due, const char *zh, const char *en)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (ctx, &inp);
  char b[DATE_TEXT_LEN + 1];

  rec_inputs_date (w, "from", from);
  rec_inputs_int (w, "period", p != NULL, p ? p->value : 0);
  rec_inputs_date_text (w, "due", due, b);
  rec_step_add_len (steps, code, code_len, rec_inputs_end (&inp),
                rec_textf (ctx, "%-s：%-s", zh, due != DATE_NONE ? b : "待定"),
                rec_textf (ctx, "%-s: %-s", en, due != DATE_NONE ? b : "undetermined"),
                param_basis (p));
}

void
rec_compute_deadlines (RecCtx *ctx, EnforceRecommendation *r, RecSteps *steps)
{
  const EnforceCase *k = ctx->kase;
  const Param *p;
  /* As for the procedure: no deadline steps after a no-penalty outcome. */
  gboolean trace = ctx->trace && r->outcome != ENFORCE_OUTCOME_NO_PENALTY;

  if (k->filed != DATE_NONE)
    {
      r->decision_due = days_after (ctx, r, PARAM_CASE_DAYS, k->filed, &p);
      if (trace)
        deadline_step (ctx, steps, REC_CODE ("deadline.decision"), p, k->filed, r->decision_due,
                       "作出处罚决定期限（立案之日起）", "Decision due (from filing)");
    }
  if (k->notified != DATE_NONE && r->hearing != ENFORCE_ANSWER_NO)
    {
      r->hearing_request_by = workdays_after (ctx, r, PARAM_HEARING_REQUEST_WORKDAYS, k->notified, &p);
      if (trace)
        deadline_step (ctx, steps, REC_CODE ("deadline.hearing_request"), p, k->notified,
                       r->hearing_request_by,
                       "要求听证期限（告知后，工作日）", "Hearing request by (working days from notice)");
    }
  if (k->decided != DATE_NONE)
    {
      r->delivery_by = workdays_after (ctx, r, PARAM_DELIVERY_WORKDAYS, k->decided, &p);
      if (trace)
        deadline_step (ctx, steps, REC_CODE ("deadline.delivery"), p, k->decided, r->delivery_by,
                       "送达期限（决定后，工作日）", "Delivery by (working days from the decision)");
    }
  if (k->received != DATE_NONE && r->has_amount)
    {
      r->payment_due = days_after (ctx, r, PARAM_PAYMENT_DAYS, k->received, &p);
      if (trace)
        deadline_step (ctx, steps, REC_CODE ("deadline.payment"), p, k->received, r->payment_due,
                       "缴纳罚款期限（收到决定书之日起）", "Payment due (from receipt of the decision)");
    }
  late_surcharge (ctx, r, &p);
  if (trace && r->has_surcharge)
    {
      RecInputs inp;
      RecInputs *w = rec_inputs_begin (ctx, &inp);
      char as_of[11], amount[32];

      date_format_buf (ctx->as_of, as_of);
      rec_inputs_name (w, "as_of", as_of);
      rec_inputs_number (w, "days_late", r->days_late);
      rec_inputs_number (w, "fine", r->amount);
      rec_inputs_int (w, "percent_per_day", p != NULL, p ? p->value : 0);
      rec_format_yuan (r->surcharge, amount);
      rec_step_add (steps, "deadline.late_surcharge", rec_inputs_end (&inp),
                    rec_textf (ctx, "截至%-s逾期%" G_GINT64_FORMAT "日，加处罚款%-s元（不超过罚款数额）",
                               as_of, r->days_late, amount),
                    rec_textf (ctx, "As of %-s, %" G_GINT64_FORMAT " days late: surcharge %-s yuan (capped at the fine)",
                               as_of, r->days_late, amount),
                    param_basis (p));
    }
}
