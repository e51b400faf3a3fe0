/* rec-gates.c: step 3 of docs/semantics.md, the grounds for no penalty.
 *
 * In order: limitation (Art. 36), age (Art. 30), capacity (Art. 31), no
 * fault (Art. 33 ¶2), minor violation (Art. 33 ¶1, or a benchmark's 轻微不罚
 * exemption), first violation (a benchmark's 首违免罚 exemption,
 * discretionary) and the order-to-correct trigger (拒不改正 / 逾期不改正).
 * The first gate that holds decides; a gate that cannot be decided lists
 * what it needs and the others still run, so one answer names everything
 * missing.  Each gate decides first and then, with a trace, records a step.
 */
#include "recommend-private.h"

#include <string.h>

/* The built-in `harm` is an enum over harm_names (names.c): none, minor,
 * serious. */
#define HARM_NONE 0

static Tri
tri_of (const FactValue *fv)
{
  return !fv->known ? TRI_UNKNOWN : fv->value ? TRI_TRUE : TRI_FALSE;
}

static Tri
kleene_and (Tri a, Tri b)
{
  if (a == TRI_FALSE || b == TRI_FALSE)
    return TRI_FALSE;
  return a == TRI_TRUE && b == TRI_TRUE ? TRI_TRUE : TRI_UNKNOWN;
}

static const FactValue *
builtin (const RecEvalIn *in, Builtin b)
{
  return &in->values[in->bm->n_facts + b];
}

/* ------------------------------------------------------------------ */
/* Art. 36: limitation                                                 */

/* The period ends on the anniversary: discovery on that day is still in
 * time, the day after is not (Art. 36).  @years years span between 365 and
 * 366 days each, so the day count alone decides all but the last days. */
static gboolean
expired_after_years (gint32 start, gint32 discovered, gint64 years)
{
  gint64 days = (gint64) discovered - start;

  if (years < 0 || years > 1000)
    return discovered > date_add_years (start, (int) CLAMP (years, 0, 1000));
  if (days <= 365 * years)
    return FALSE;
  if (days > 366 * years)
    return TRUE;
  return discovered > date_add_years (start, (int) years);
}

/* Expired under a period of @id's years, or unknown (listing the parameter). */
static Tri
limitation_expired (const RecEvalIn *in, RecEval *e, ParamId id, gint32 start, int *years_out)
{
  const Param *p = rec_param (in->ctx, id, in->law_date);

  if (p == NULL || !p->known)
    {
      rec_add_missing (&e->lists, rec_param_path (id));
      return TRI_UNKNOWN;
    }
  rec_note_param (&e->lists, id, p);
  *years_out = (int) p->value;
  return expired_after_years (start, in->ctx->kase->discovered, p->value) ? TRI_TRUE : TRI_FALSE;
}

/* @years is -1 when the period is not known (its parameter is missing, or
 * the discovery date is, so no period was looked up). */
static void
limitation_step (const RecEvalIn *in, RecEval *e, gint32 start, int years, Tri t)
{
  const EnforceCase *k = in->ctx->kase;
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (in->ctx, &inp);
  char sbuf[DATE_TEXT_LEN + 1], dbuf[DATE_TEXT_LEN + 1];
  const char *verdict_zh = t == TRI_TRUE ? "已超过时效，不再给予行政处罚"
                           : t == TRI_FALSE ? "未超过时效" : "无法判断";
  const char *verdict_en = t == TRI_TRUE ? "expired, no penalty"
                           : t == TRI_FALSE ? "not expired" : "cannot be decided";
  guint32 zh, en;

  rec_inputs_date_text (w, "start", start, sbuf);
  rec_inputs_date_text (w, "discovered", k->discovered, dbuf);
  rec_inputs_int (w, "years", years >= 0, years);
  rec_inputs_flag (w, "life_health_finance", in->bm->life_health_finance);
  if (years >= 0)
    {
      zh = rec_textf (in->ctx, "追责时效%d年，自%-s起算，发现日期%-s：%-s",
                      years, sbuf, dbuf[0] ? dbuf : "未提供", verdict_zh);
      en = rec_textf (in->ctx, "Limitation %d years from %-s, discovered %-s: %-s",
                      years, sbuf, dbuf[0] ? dbuf : "not given", verdict_en);
    }
  else
    {
      zh = rec_textf (in->ctx, "追责时效期间未知，自%-s起算，发现日期%-s：%-s",
                      sbuf, dbuf[0] ? dbuf : "未提供", verdict_zh);
      en = rec_textf (in->ctx, "Limitation period unknown, from %-s, discovered %-s: %-s",
                      sbuf, dbuf[0] ? dbuf : "not given", verdict_en);
    }
  rec_step_add (e->steps, "gate.limitation", rec_inputs_end (&inp), zh, en,
                rec_law_citation (in->ctx, LAW_ART_36));
}

/* Art. 36 limitation: 2 years, 5 for life/health/finance with harm.  When
 * the harm is unknown both periods are tried: they may agree. */
static Tri
gate_limitation (const RecEvalIn *in, RecEval *e, RecGateOut *out)
{
  const EnforceCase *k = in->ctx->kase;
  gint32 start = k->act_end != DATE_NONE ? k->act_end : k->act;
  const FactValue *harm = builtin (in, BUILTIN_HARM);
  const gint64 none = HARM_NONE;
  gboolean need_short = !in->bm->life_health_finance || !harm->known || harm->value == none;
  gboolean need_long = in->bm->life_health_finance && (!harm->known || harm->value != none);
  Tri t_short = TRI_FALSE, t_long = TRI_FALSE, t;
  int y_short = -1, y_long = -1;

  (void) out;
  if (k->discovered == DATE_NONE)
    {
      rec_add_missing (&e->lists, "dates.discovered");
      t = TRI_UNKNOWN;
    }
  else
    {
      if (need_short)
        t_short = limitation_expired (in, e, PARAM_LIMITATION_YEARS, start, &y_short);
      if (need_long)
        t_long = limitation_expired (in, e, PARAM_LIMITATION_LONG_YEARS, start, &y_long);
      if (need_short && need_long)
        {
          t = t_short == t_long ? t_short : TRI_UNKNOWN;
          if (t == TRI_UNKNOWN && t_short != TRI_UNKNOWN && t_long != TRI_UNKNOWN)
            rec_add_missing (&e->lists, rec_builtin_path (BUILTIN_HARM));
        }
      else
        t = need_long ? t_long : t_short;
    }
  if (in->ctx->trace)
    limitation_step (in, e, start, need_long && !need_short ? y_long : y_short, t);
  return t;
}

/* ------------------------------------------------------------------ */
/* Art. 30 and 31: age and capacity                                    */

static void
add_extra_factor (const RecEvalIn *in, RecGateOut *out, const char *code)
{
  const Factor *f = rules_find_factor (in->ctx->rules, in->v, code);

  if (f != NULL && out->n_extra < G_N_ELEMENTS (out->extra))
    out->extra[out->n_extra++] = f;
}

static void
age_step (const RecEvalIn *in, RecEval *e, gint64 age, Tri t)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (in->ctx, &inp);
  guint32 zh, en;

  rec_inputs_date (w, "birth_date", in->ctx->kase->birth_date);
  rec_inputs_int (w, "age", age >= 0, age);
  if (t == TRI_UNKNOWN)
    {
      zh = rec_text (in->ctx, "未提供出生日期或年龄，无法判断是否不满十四周岁");
      en = rec_text (in->ctx, "Neither birth date nor age given: cannot tell whether under 14");
    }
  else if (t == TRI_TRUE)
    {
      zh = rec_textf (in->ctx, "违法时不满十四周岁（%" G_GINT64_FORMAT "周岁），不予处罚，责令监护人加以管教", age);
      en = rec_textf (in->ctx, "Under 14 at the time of the act (%" G_GINT64_FORMAT "): no penalty; the guardian is told to discipline", age);
    }
  else if (age < 18)
    {
      zh = rec_textf (in->ctx, "已满十四周岁不满十八周岁（%" G_GINT64_FORMAT "周岁），应当从轻或者减轻处罚", age);
      en = rec_textf (in->ctx, "Aged 14 to 17 (%" G_GINT64_FORMAT "): a lighter or reduced penalty is mandatory", age);
    }
  else
    {
      zh = rec_textf (in->ctx, "违法时已满十八周岁（%" G_GINT64_FORMAT "周岁）", age);
      en = rec_textf (in->ctx, "Aged 18 or over at the time of the act (%" G_GINT64_FORMAT ")", age);
    }
  rec_step_add (e->steps, "gate.age", rec_inputs_end (&inp), zh, en,
                rec_law_citation (in->ctx, LAW_ART_30));
}

/* Completed 周岁 on @act: a year is completed the day after the birthday,
 * not on it (法释〔2006〕1号 第二条, the reading favourable to the party;
 * docs/semantics.md step 3), so the age is the one reached the day before.
 * An act before the birth gives -1 (treated as not given). */
static gint64
age_at_act (gint32 birth, gint32 act)
{
  return act > birth ? date_age_on (birth, act - 1) : date_age_on (birth, act);
}

/* Art. 30: under 14 no penalty; 14-17 mandatory mitigation. */
static Tri
gate_age (const RecEvalIn *in, RecEval *e, RecGateOut *out)
{
  const EnforceCase *k = in->ctx->kase;
  gint64 age = -1;
  Tri t;

  if (k->party != PARTY_INDIVIDUAL)
    return TRI_FALSE;
  if (k->birth_date != DATE_NONE)
    age = age_at_act (k->birth_date, k->act);
  else if (k->age >= 0)
    age = k->age;
  if (age < 0)
    {
      rec_add_missing (&e->lists, "party.birth_date");
      t = TRI_UNKNOWN;
    }
  else
    t = age < 14 ? TRI_TRUE : TRI_FALSE;
  if (t == TRI_FALSE && age < 18)
    {
      out->mandatory_mitigation = TRUE;
      add_extra_factor (in, out, "minor_14_17");
    }
  if (in->ctx->trace)
    age_step (in, e, age, t);
  return t;
}

static void
capacity_step (const RecEvalIn *in, RecEval *e, Tri t)
{
  static const char *const names[] = { "full", "partial", "none" };
  const EnforceCase *k = in->ctx->kase;
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (in->ctx, &inp);
  const char *zh, *en;

  rec_inputs_name (w, "capacity",
                           k->has_capacity && (guint) k->capacity < 3 ? names[k->capacity] : NULL);
  if (t == TRI_UNKNOWN)
    {
      zh = "未提供责任能力，无法判断";
      en = "Capacity not given: cannot decide";
    }
  else if (t == TRI_TRUE)
    {
      zh = "不能辨认或者不能控制自己行为，不予处罚，责令监护人严加看管和治疗";
      en = "Could not recognise or control the conduct: no penalty; the guardian is ordered to supervise";
    }
  else if (k->capacity == CAPACITY_PARTIAL)
    {
      zh = "尚未完全丧失辨认或者控制能力，可以从轻或者减轻处罚";
      en = "Capacity not fully lost: a lighter or reduced penalty may apply";
    }
  else
    {
      zh = "具有完全责任能力";
      en = "Full capacity";
    }
  rec_step_add (e->steps, "gate.capacity", rec_inputs_end (&inp), rec_text (in->ctx, zh), rec_text (in->ctx, en),
                rec_law_citation (in->ctx, LAW_ART_31));
}

/* Art. 31: no capacity no penalty; partial capacity may mitigate. */
static Tri
gate_capacity (const RecEvalIn *in, RecEval *e, RecGateOut *out)
{
  const EnforceCase *k = in->ctx->kase;
  Tri t;

  if (k->party != PARTY_INDIVIDUAL)
    return TRI_FALSE;
  if (!k->has_capacity)
    {
      rec_add_missing (&e->lists, "party.capacity");
      t = TRI_UNKNOWN;
    }
  else
    t = k->capacity == CAPACITY_NONE ? TRI_TRUE : TRI_FALSE;
  if (t == TRI_FALSE && k->capacity == CAPACITY_PARTIAL)
    add_extra_factor (in, out, "partial_capacity");
  if (in->ctx->trace)
    capacity_step (in, e, t);
  return t;
}

/* ------------------------------------------------------------------ */
/* Art. 33: no fault, minor violation, first violation                 */

/* Art. 33 ¶2: no fault, no penalty. */
static Tri
gate_no_fault (const RecEvalIn *in, RecEval *e, RecGateOut *out)
{
  const FactValue *fv = builtin (in, BUILTIN_NO_FAULT);
  Tri t = tri_of (fv);

  (void) out;
  if (t == TRI_UNKNOWN)
    rec_add_missing (&e->lists, rec_builtin_path (BUILTIN_NO_FAULT));
  if (in->ctx->trace)
    {
      RecInputs inp;
      RecInputs *w = rec_inputs_begin (in->ctx, &inp);

      rec_inputs_bool (w, "no_fault", fv);
      rec_step_add (e->steps, "gate.no_fault", rec_inputs_end (&inp),
                    rec_textf (in->ctx, "有证据足以证明没有主观过错：%-s", rec_tri_zh (t)),
                    rec_textf (in->ctx, "Sufficient evidence of no fault: %-s", rec_tri_en (t)),
                    rec_law_citation (in->ctx, LAW_ART_33_2));
    }
  return t;
}

/* The exemptions of @kind, or-ed. */
typedef struct {
  gboolean any;                      /* the version lists one of the kind */
  const Exemption *held;             /* the first that holds, or NULL */
  guint64 missing;                   /* scope bits of those left unknown */
} ExemptionResult;

/* TRUE with the exemption that held, or UNKNOWN with the missing facts of
 * those left unknown. */
static Tri
exemptions_hold (const RecEvalIn *in, ExemptionKind kind, ExemptionResult *res)
{
  Tri result = TRI_FALSE;

  res->held = NULL;
  res->missing = 0;
  res->any = FALSE;
  for (guint i = 0; i < in->v->n_exemptions; i++)
    {
      const Exemption *ex = &in->v->exemptions[i];
      guint64 m = 0;
      Tri t;

      if (ex->kind != kind)
        continue;
      res->any = TRUE;
      t = ex->when ? cond_eval (ex->when, in->values, &m) : TRI_TRUE;
      if (t == TRI_TRUE)
        {
          res->held = ex;
          return TRI_TRUE;
        }
      if (t == TRI_UNKNOWN)
        {
          result = TRI_UNKNOWN;
          res->missing |= m;
        }
    }
  return result;
}

static void
note_exemption (const RecEvalIn *in, RecEval *e, const Exemption *ex)
{
  if (!ex->provenance.verified)
    rec_add_note (&e->lists, NOTE_EXEMPTION, ex, ex->text ? ex->text : in->bm->id, 0);
  rec_note_citation (&e->lists, &ex->basis, in->bm->id);
}

static const char *
harm_name (const RecEvalIn *in)
{
  const FactValue *harm = builtin (in, BUILTIN_HARM);
  const CondVar *decl = &in->bm->scope[in->bm->n_facts + BUILTIN_HARM];

  return harm->known && harm->value >= 0 && (guint) harm->value < decl->n_enum
         ? decl->enum_values[harm->value] : NULL;
}

static void
minor_step (const RecEvalIn *in, RecEval *e, Tri law, const Exemption *held, Tri t)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (in->ctx, &inp);
  /* An exemption that decided is cited by its own basis. */
  const Citation *cite = held && law != TRI_TRUE && held->basis.article ? &held->basis
                         : rec_law_citation (in->ctx, LAW_ART_33_1);
  const char *text = held && held->text ? held->text : "";
  PlainLen text_plain = held ? held->text_plain : -1;
  guint32 zh, en;

  rec_inputs_bool (w, "minor", builtin (in, BUILTIN_MINOR));
  rec_inputs_bool (w, "corrected", builtin (in, BUILTIN_CORRECTED));
  rec_inputs_name (w, "harm", harm_name (in));
  rec_inputs_string (w, "exemption", held ? held->text : NULL, held ? held->text_plain : -1);
  if (t == TRI_TRUE && law == TRI_TRUE)
    {
      zh = rec_text (in->ctx, "违法行为轻微并及时改正，没有造成危害后果，不予处罚");
      en = rec_text (in->ctx, "Minor violation, corrected promptly, no harm: no penalty (mandatory)");
    }
  else if (t == TRI_TRUE)
    {
      zh = rec_textf (in->ctx, "符合轻微不罚情形：%.*s，不予处罚", text_plain, text);
      en = rec_textf (in->ctx, "A minor-violation exemption holds (%.*s): no penalty (mandatory)", text_plain, text);
    }
  else
    {
      zh = rec_textf (in->ctx, "轻微不罚：%-s", rec_tri_zh (t));
      en = rec_textf (in->ctx, "Minor violation exemption (Art. 33 ¶1): %-s", rec_tri_en (t));
    }
  rec_step_add (e->steps, "gate.minor", rec_inputs_end (&inp), zh, en, cite);
}

/* Art. 33 ¶1: minor, corrected and harmless → no penalty (mandatory), or a
 * benchmark's 轻微不罚 exemption holds. */
static Tri
gate_minor (const RecEvalIn *in, RecEval *e, RecGateOut *out)
{
  const FactValue *minor = builtin (in, BUILTIN_MINOR);
  const FactValue *corrected = builtin (in, BUILTIN_CORRECTED);
  const FactValue *harm = builtin (in, BUILTIN_HARM);
  Tri harm_none = !harm->known ? TRI_UNKNOWN
                  : harm->value == HARM_NONE ? TRI_TRUE : TRI_FALSE;
  Tri law = kleene_and (kleene_and (tri_of (minor), tri_of (corrected)), harm_none);
  ExemptionResult ex;
  Tri exempt = exemptions_hold (in, EXEMPT_MINOR, &ex);
  Tri t = law == TRI_TRUE || exempt == TRI_TRUE ? TRI_TRUE
          : law == TRI_FALSE && exempt == TRI_FALSE ? TRI_FALSE : TRI_UNKNOWN;

  (void) out;
  if (t == TRI_UNKNOWN)
    {
      if (law == TRI_UNKNOWN)
        {
          if (!minor->known)
            rec_add_missing (&e->lists, rec_builtin_path (BUILTIN_MINOR));
          if (!corrected->known)
            rec_add_missing (&e->lists, rec_builtin_path (BUILTIN_CORRECTED));
          if (!harm->known)
            rec_add_missing (&e->lists, rec_builtin_path (BUILTIN_HARM));
        }
      if (exempt == TRI_UNKNOWN)
        rec_add_missing_mask (in->ctx, &e->lists, in->bm, ex.missing);
    }
  /* The law itself needs no note; an exemption is data that may not be. */
  if (t == TRI_TRUE && law != TRI_TRUE && ex.held != NULL)
    note_exemption (in, e, ex.held);
  if (in->ctx->trace)
    minor_step (in, e, law, ex.held, t);
  return t;
}

static void
first_violation_step (const RecEvalIn *in, RecEval *e, const ExemptionResult *ex, Tri t)
{
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (in->ctx, &inp);
  const Exemption *held = ex->held;
  const Citation *cite = held && held->basis.article ? &held->basis
                         : rec_law_citation (in->ctx, LAW_ART_33_1);
  guint32 zh, en;

  rec_inputs_bool (w, "first_violation", builtin (in, BUILTIN_FIRST_VIOLATION));
  rec_inputs_flag (w, "exemption_listed", ex->any);
  if (!ex->any)
    {
      zh = rec_text (in->ctx, "本基准未列首违免罚情形");
      en = rec_text (in->ctx, "The benchmark lists no first-violation exemption");
    }
  else if (t == TRI_TRUE)
    {
      zh = rec_textf (in->ctx, "符合首违免罚情形：%.*s，可以不予处罚（裁量）", held->text_plain, held->text ? held->text : "");
      en = rec_textf (in->ctx, "A first-violation exemption holds (%.*s): no penalty may be imposed (discretionary)", held->text_plain, held->text ? held->text : "");
    }
  else
    {
      zh = rec_textf (in->ctx, "首违免罚：%-s", rec_tri_zh (t));
      en = rec_textf (in->ctx, "First-violation exemption: %-s", rec_tri_en (t));
    }
  rec_step_add (e->steps, "gate.first_violation", rec_inputs_end (&inp), zh, en, cite);
}

/* Art. 33 ¶1 second sentence: a benchmark's 首违免罚 exemption holds → no
 * penalty, discretionary. */
static Tri
gate_first_violation (const RecEvalIn *in, RecEval *e, RecGateOut *out)
{
  ExemptionResult ex;
  Tri t = exemptions_hold (in, EXEMPT_FIRST_VIOLATION, &ex);

  (void) out;
  if (t == TRI_UNKNOWN)
    rec_add_missing_mask (in->ctx, &e->lists, in->bm, ex.missing);
  if (t == TRI_TRUE)
    note_exemption (in, e, ex.held);
  if (in->ctx->trace)
    first_violation_step (in, e, &ex, t);
  return t;
}

/* ------------------------------------------------------------------ */
/* The trigger                                                         */

static void
trigger_step (const RecEvalIn *in, RecEval *e, Tri t)
{
  static const char *const outcomes[] = { "complied", "refused", "overdue", "pending" };
  const EnforceCase *k = in->ctx->kase;
  RecInputs inp;
  RecInputs *w = rec_inputs_begin (in->ctx, &inp);
  const char *zh, *en;

  rec_inputs_name (w, "trigger", in->bm->trigger == TRIGGER_REFUSED ? "refused" : "overdue");
  rec_inputs_name (w, "outcome", k->has_correction && (guint) k->correction < 4
                           ? outcomes[k->correction] : NULL);
  if (t == TRI_UNKNOWN && k->has_correction && k->correction == CORRECTION_PENDING)
    {
      zh = "改正期限尚未届满，拒不改正或逾期不改正的处罚责任尚未产生，应在期限届满后重新评估";
      en = "The deadline to correct has not passed: liability for refusing or missing it has not "
           "arisen yet; re-evaluate after the deadline";
    }
  else if (t == TRI_UNKNOWN)
    {
      zh = "须拒不改正或逾期不改正方可处罚，未提供责令改正结果";
      en = "The penalty requires a refused or overdue order to correct; its outcome is not given";
    }
  else if (t == TRI_TRUE)
    {
      zh = "已按期改正，不具备拒不改正/逾期不改正的处罚条件，本规定不予处罚";
      en = "Corrected in time: the refused or overdue correction this provision punishes is absent, "
           "so it does not punish the act";
    }
  else
    {
      zh = "责令改正后拒不改正或逾期不改正，应予处罚";
      en = "The order to correct was refused or not met in time: the penalty applies";
    }
  rec_step_add (e->steps, "gate.trigger", rec_inputs_end (&inp), rec_text (in->ctx, zh), rec_text (in->ctx, en),
                &in->bm->penalized_by);
}

/* 拒不改正 / 逾期不改正: the penalty is due only once the order to correct
 * was refused or not met in time.  Before the deadline the element may
 * still come about, so nothing can be decided yet; once the party complied
 * the element is absent and the provision does not reach the act at all. */
static Tri
gate_trigger (const RecEvalIn *in, RecEval *e, RecGateOut *out)
{
  const EnforceCase *k = in->ctx->kase;
  Tri t;

  (void) out;
  if (in->bm->trigger == TRIGGER_IMMEDIATE)
    return TRI_FALSE;
  if (!k->has_correction || k->correction == CORRECTION_PENDING)
    {
      rec_add_missing (&e->lists, "correction.outcome");
      t = TRI_UNKNOWN;
    }
  else
    t = k->correction == CORRECTION_COMPLIED ? TRI_TRUE : TRI_FALSE;
  if (in->ctx->trace)
    trigger_step (in, e, t);
  return t;
}

/* ------------------------------------------------------------------ */
/* All gates                                                           */

typedef Tri (*GateFn) (const RecEvalIn *in, RecEval *e, RecGateOut *out);

static const struct {
  const char *code;
  GateFn fn;
  gboolean discretionary;            /* "may" rather than "must" not penalise */
  gboolean education;                /* an Art. 33 不予处罚, so Art. 33 ¶3 education follows */
} gates[] = {
  { "gate.limitation", gate_limitation, FALSE, TRUE },
  { "gate.age", gate_age, FALSE, TRUE },
  { "gate.capacity", gate_capacity, FALSE, TRUE },
  { "gate.no_fault", gate_no_fault, FALSE, TRUE },
  { "gate.minor", gate_minor, FALSE, TRUE },
  { "gate.first_violation", gate_first_violation, TRUE, TRUE },
  /* A complied order leaves the provision's element absent: the act is not
   * punishable under it at all, which is not an Art. 33 不予处罚. */
  { "gate.trigger", gate_trigger, FALSE, FALSE },
};

void
rec_education_step (RecCtx *ctx, RecEval *e)
{
  RecInputs inp;

  if (!ctx->trace)
    return;
  rec_inputs_begin (ctx, &inp);
  rec_step_add (e->steps, "education", rec_inputs_end (&inp),
                rec_text (ctx, "不予行政处罚的，应当对当事人进行教育"),
                rec_text (ctx, "No penalty is imposed: the party must be educated (Art. 33 ¶3)"),
                rec_law_citation (ctx, LAW_ART_33_3));
}

Tri
rec_run_gates (const RecEvalIn *in, RecEval *e, RecGateOut *out)
{
  gboolean unknown = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (gates); i++)
    {
      Tri t = gates[i].fn (in, e, out);

      if (t == TRI_TRUE)
        {
          e->outcome = ENFORCE_OUTCOME_NO_PENALTY;
          e->decided_by = gates[i].code;
          e->discretionary = gates[i].discretionary;
          if (gates[i].education)
            rec_education_step (in->ctx, e);
          return TRI_TRUE;
        }
      unknown |= t == TRI_UNKNOWN;
    }
  return unknown ? TRI_UNKNOWN : TRI_FALSE;
}
