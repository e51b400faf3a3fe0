/* recommendation.c: the recommendation object, its accessors and the text
 * report officers read (Chinese by default). */
#include "recommend-private.h"

#include <string.h>
#include "citation.h"

/* A literal in the report's language (kept literal so formats stay checked). */
#define T(tx, in_zh, in_en) ((tx)->zh ? (in_zh) : (in_en))

/* ------------------------------------------------------------------ */
/* Trace steps                                                         */

RecSteps *
rec_steps_init (RecSteps *steps)
{
  steps->n = 0;
  steps->cap = REC_STEPS_INLINE;
  steps->heap = NULL;
  return steps;
}

void
rec_steps_clear (RecSteps *steps)
{
  g_free (steps->heap);
  rec_steps_init (steps);
}

void
rec_steps_move (RecSteps *to, RecSteps *from)
{
  rec_steps_clear (to);
  to->n = from->n;
  if (from->heap != NULL)
    {
      to->cap = from->cap;
      to->heap = g_steal_pointer (&from->heap);
    }
  else
    memcpy (to->inline_steps, from->inline_steps, from->n * sizeof from->inline_steps[0]);
  rec_steps_init (from);
}

static RecStep *
items_of (RecSteps *steps)
{
  return steps->heap != NULL ? steps->heap : steps->inline_steps;
}

/* Twice the room, on the heap, once the steps fill what they have: there
 * is always room for one more, so rec_step_add() stores first and only
 * then, seldom, calls this, out of line (saving no registers for the
 * usual step). */
static G_GNUC_NO_INLINE void
steps_grow (RecSteps *steps)
{
  RecStep *items = g_new (RecStep, steps->cap * 2);

  memcpy (items, items_of (steps), steps->n * sizeof *items);
  g_free (steps->heap);
  steps->heap = items;
  steps->cap *= 2;
}

void
rec_step_add_len (RecSteps *steps, const char *code, gsize code_len, guint32 inputs,
                  guint32 zh, guint32 en, const Citation *citation)
{
  RecStep *s = &items_of (steps)[steps->n++];

  s->code = code;
  s->code_len = (guint32) code_len;
  s->inputs = inputs;
  s->message[ENFORCE_LANG_ZH] = zh;
  s->message[ENFORCE_LANG_EN] = en;
  s->citation = citation != NULL && citation->article != 0 ? citation : NULL;
  if (G_UNLIKELY (steps->n == steps->cap))
    steps_grow (steps);
}

void
rec_step_to_front (RecSteps *steps)
{
  RecStep *items = items_of (steps);
  RecStep last;

  if (steps->n < 2)
    return;
  last = items[steps->n - 1];
  memmove (items + 1, items, (steps->n - 1) * sizeof *items);
  items[0] = last;
}

void
rec_trace_free (RecTrace *trace)
{
  if (trace == NULL)
    return;
  g_free (trace->inputs);
  g_free (trace);                      /* with the messages and steps (recommend-private.h) */
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

EnforceOutcome
enforce_recommendation_get_outcome (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, ENFORCE_OUTCOME_UNDETERMINED);
  return self->outcome;
}

gboolean
enforce_recommendation_is_discretionary (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->discretionary;
}

const char *
enforce_recommendation_get_benchmark_id (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->benchmark ? self->benchmark->id : NULL;
}

const char *
enforce_recommendation_get_version (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->version ? self->version_text : NULL;
}

const char *
enforce_recommendation_get_tier (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tier ? self->tier->name : NULL;
}

gboolean
enforce_recommendation_get_range (const EnforceRecommendation *self, gint64 *min_fen, gint64 *max_fen)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (!self->has_range)
    return FALSE;
  if (min_fen)
    *min_fen = self->range_min;
  if (max_fen)
    *max_fen = self->range_max;
  return TRUE;
}

gboolean
enforce_recommendation_get_amount (const EnforceRecommendation *self, gint64 *fen)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (!self->has_amount)
    return FALSE;
  if (fen)
    *fen = self->amount;
  return TRUE;
}

EnforceProcedure
enforce_recommendation_get_procedure (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, ENFORCE_PROCEDURE_UNDETERMINED);
  return self->procedure;
}

EnforceAnswer
enforce_recommendation_get_hearing (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, ENFORCE_ANSWER_UNDETERMINED);
  return self->hearing;
}

EnforceAnswer
enforce_recommendation_get_legal_review (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, ENFORCE_ANSWER_UNDETERMINED);
  return self->legal_review;
}

EnforceAnswer
enforce_recommendation_get_collective_discussion (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, ENFORCE_ANSWER_UNDETERMINED);
  return self->collective;
}

EnforceAnswer
enforce_recommendation_get_onsite_collection (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, ENFORCE_ANSWER_UNDETERMINED);
  return self->onsite;
}

guint
enforce_recommendation_get_missing_count (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lists.n_missing;
}

const char *
enforce_recommendation_get_missing (const EnforceRecommendation *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->lists.n_missing, NULL);
  return self->lists.missing[index];
}

guint
enforce_recommendation_get_step_count (const EnforceRecommendation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->trace ? self->trace->n_steps : 0;
}

static const RecStep *
step_at (const EnforceRecommendation *self, guint index)
{
  if (self->trace == NULL || index >= self->trace->n_steps)
    return NULL;
  return &self->trace->steps[index];
}

/* A citation's text; rendered at load, so NULL only for one the loader
 * never saw. */
static const char *
citation_text (const Citation *c, EnforceLang lang)
{
  return c != NULL ? c->text[lang == ENFORCE_LANG_EN ? ENFORCE_LANG_EN : ENFORCE_LANG_ZH] : NULL;
}

const char *
enforce_recommendation_get_step_code (const EnforceRecommendation *self, guint index)
{
  const RecStep *s;

  g_return_val_if_fail (self != NULL, NULL);
  s = step_at (self, index);
  g_return_val_if_fail (s != NULL, NULL);
  return s->code;
}

const char *
enforce_recommendation_get_step_message (const EnforceRecommendation *self, guint index,
                                         EnforceLang lang)
{
  const RecStep *s;

  g_return_val_if_fail (self != NULL, NULL);
  s = step_at (self, index);
  g_return_val_if_fail (s != NULL, NULL);
  return self->trace->text + s->message[lang == ENFORCE_LANG_EN ? ENFORCE_LANG_EN : ENFORCE_LANG_ZH];
}

const char *
enforce_recommendation_get_step_citation (const EnforceRecommendation *self, guint index,
                                          EnforceLang lang)
{
  const RecStep *s;

  g_return_val_if_fail (self != NULL, NULL);
  s = step_at (self, index);
  g_return_val_if_fail (s != NULL, NULL);
  return citation_text (s->citation, lang);
}

void
enforce_recommendation_free (EnforceRecommendation *self)
{
  if (self == NULL)
    return;
  rec_trace_free (self->trace);
  enforce_rule_set_unref (self->rules);
  g_free (self);
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

const char *
enforce_outcome_name (EnforceOutcome outcome)
{
  switch (outcome)
    {
    case ENFORCE_OUTCOME_NO_PENALTY: return "no_penalty";
    case ENFORCE_OUTCOME_WARNING: return "warning";
    case ENFORCE_OUTCOME_FINE: return "fine";
    case ENFORCE_OUTCOME_FINE_AND_OTHER: return "fine_and_other";
    case ENFORCE_OUTCOME_OTHER: return "other";
    case ENFORCE_OUTCOME_UNDETERMINED: return "undetermined";
    default: return "unknown";
    }
}

const char *
enforce_procedure_name (EnforceProcedure procedure)
{
  switch (procedure)
    {
    case ENFORCE_PROCEDURE_UNDETERMINED: return "undetermined";
    case ENFORCE_PROCEDURE_SIMPLE: return "simple";
    case ENFORCE_PROCEDURE_GENERAL: return "general";
    case ENFORCE_PROCEDURE_NONE: return "none";
    default: return "unknown";
    }
}

const char *
enforce_answer_name (EnforceAnswer answer)
{
  switch (answer)
    {
    case ENFORCE_ANSWER_NO: return "no";
    case ENFORCE_ANSWER_YES: return "yes";
    case ENFORCE_ANSWER_UNDETERMINED: return "undetermined";
    default: return "unknown";
    }
}

const char *
rec_order_kind_name (OrderKind k)
{
  switch (k)
    {
    case ORDER_NONE: return "none";
    case ORDER_CORRECT: return "correct";
    case ORDER_CORRECT_WITHIN: return "correct_within";
    case ORDER_REMOVE: return "remove";
    case ORDER_DEMOLISH: return "demolish";
    case ORDER_STOP: return "stop";
    default: return "none";
    }
}

const char *
rec_order_label_zh (OrderKind k)
{
  switch (k)
    {
    case ORDER_CORRECT: return "责令改正";
    case ORDER_CORRECT_WITHIN: return "责令限期改正";
    case ORDER_REMOVE: return "责令清除";
    case ORDER_DEMOLISH: return "责令限期拆除";
    case ORDER_STOP: return "责令停止违法行为";
    case ORDER_NONE:
    default: return NULL;
    }
}

char *
rec_format_yuan_to (gint64 fen, char *dst)
{
  /* "-12.05": written by hand, it is on the path of every amount shown. */
  guint64 a = fen < 0 ? 0 - (guint64) fen : (guint64) fen;
  guint cents = (guint) (a % FEN_PER_YUAN);

  if (fen < 0)
    *dst++ = '-';
  dst = json_out_uint (dst, a / FEN_PER_YUAN);
  *dst++ = '.';
  *dst++ = (char) ('0' + cents / 10);
  *dst++ = (char) ('0' + cents % 10);
  return dst;
}

void
rec_format_yuan (gint64 fen, char buf[32])
{
  *rec_format_yuan_to (fen, buf) = '\0';
}

const char *
rec_excluded_reason_name (guint8 reason)
{
  switch (reason)
    {
    case EXCLUDED_NOT_COVERED: return "party_class_not_covered";
    case EXCLUDED_EQUAL_FINE: return "equal_fine";
    case EXCLUDED_LIGHTER_FINE:
    default: return "lighter_fine";
    }
}

/* The provenance note of a note's subject, or NULL. */
static const char *
note_of (const RecNote *n)
{
  switch (n->kind)
    {
    case NOTE_BENCHMARK: return ((const Benchmark *) n->subject)->provenance.note;
    case NOTE_VERSION: return ((const Version *) n->subject)->provenance.note;
    case NOTE_TIER: return ((const Tier *) n->subject)->provenance.note;
    case NOTE_EXEMPTION: return ((const Exemption *) n->subject)->provenance.note;
    case NOTE_PARAM: return ((const Param *) n->subject)->note;
    default: return NULL;
    }
}

/* Decimal @v appended (years, dates' numbers: no printf needed). */
static void
append_int (GString *out, gint64 v)
{
  char *dst = json_out_reserve (out, JSON_INT_MAX_LEN);

  json_out_commit (out, json_out_int (dst, v));
}

/* @s appended: the JSON of every recommendation writes its notes, and
 * GLib 2.74's g_string_append() is an out-of-line call that checks its
 * arguments (json-writer.h). */
static void
append (GString *out, const char *s)
{
  json_out_put (out, s, strlen (s));
}

/* Constant text appended, its length counted by the compiler rather than
 * by strlen() each time (every recommendation's JSON writes its notes). */
#define APPEND_LITERAL(out, s) json_out_put ((out), (s), sizeof (s) - 1)
#define APPEND_LANG(out, zh, s_zh, s_en) \
  ((zh) ? APPEND_LITERAL ((out), s_zh) : APPEND_LITERAL ((out), s_en))

void
rec_note_append (GString *out, const RecNote *n, EnforceLang lang)
{
  gboolean zh = lang != ENFORCE_LANG_EN;
  const char *note = note_of (n);
  char date[11];

  switch (n->kind)
    {
    case NOTE_BENCHMARK:
      APPEND_LANG (out, zh, "基准 ", "benchmark ");
      append (out, n->name ? n->name : "(null)");
      break;
    case NOTE_VERSION:
      date_format_buf (n->number, date);
      if (zh)
        {
          APPEND_LITERAL (out, "基准 ");
          append (out, n->name ? n->name : "(null)");
          APPEND_LITERAL (out, "（");
          append (out, date);
          APPEND_LITERAL (out, "版）");
        }
      else
        {
          APPEND_LITERAL (out, "version ");
          append (out, date);
          APPEND_LITERAL (out, " of ");
          append (out, n->name ? n->name : "(null)");
        }
      break;
    case NOTE_TIER:
      APPEND_LANG (out, zh, "阶次“", "tier ");
      append (out, n->name ? n->name : "(null)");
      if (zh)
        APPEND_LITERAL (out, "”");
      break;
    case NOTE_EXEMPTION:
      APPEND_LANG (out, zh, "免罚情形“", "exemption ");
      append (out, n->name ? n->name : "(null)");
      if (zh)
        APPEND_LITERAL (out, "”");
      break;
    case NOTE_CITATION:
      {
        const Citation *c = n->subject;

        append (out, n->name ? n->name : "");
        APPEND_LANG (out, zh, " 引用", " cites ");
        if (c == NULL)
          APPEND_LITERAL (out, "?");
        else if (c->text[zh ? ENFORCE_LANG_ZH : ENFORCE_LANG_EN] != NULL)
          append (out, c->text[zh ? ENFORCE_LANG_ZH : ENFORCE_LANG_EN]);
        else
          citation_append (out, c, lang);
      }
      break;
    case NOTE_PARAM:
      APPEND_LANG (out, zh, "参数 ", "parameter ");
      append (out, n->name ? n->name : "(null)");
      break;
    case NOTE_POLICY:
      {
        const Policy *pol = n->subject;

        APPEND_LANG (out, zh, "裁量政策（", "discretion policy (");
        append (out, policy_kind_names[pol->kind]);
        APPEND_LANG (out, zh, "，起点", ", start ");
        append_int (out, pol->start_percent);
        APPEND_LITERAL (out, "%");
        if (pol->kind == POLICY_POSITION)
          {
            APPEND_LANG (out, zh, "，每项", ", step ");
            append_int (out, pol->step_percent);
            APPEND_LITERAL (out, "%");
          }
        APPEND_LANG (out, zh, "）为规则集约定，并非法律规定",
                     ") is this rule set's convention, not law");
      }
      break;
    case NOTE_CALENDAR:
      if (!zh)
        APPEND_LITERAL (out, "calendar ");
      append_int (out, n->number);
      if (zh)
        APPEND_LITERAL (out, "年节假日安排");
      break;
    default:
      APPEND_LITERAL (out, "?");
      break;
    }
  if (note == NULL || note[0] == '\0')
    return;
  APPEND_LANG (out, zh, "：", ": ");
  append (out, note);
}

/* Whether rule text @s, which may be NULL, needs no JSON escape. */
static gboolean
text_is_plain (const char *s)
{
  return s == NULL || json_is_plain (s, strlen (s));
}

gboolean
rec_note_is_plain (const RecNote *n, EnforceLang lang)
{
  const char *quoted = n->name;        /* the rule text rec_note_append() writes */

  switch (n->kind)
    {
    case NOTE_POLICY:
    case NOTE_CALENDAR:
      quoted = NULL;                   /* words and numbers only */
      break;
    case NOTE_CITATION:
      {
        const Citation *c = n->subject;
        const char *text = c != NULL ? c->text[lang == ENFORCE_LANG_EN ? ENFORCE_LANG_EN
                                                                       : ENFORCE_LANG_ZH] : "?";

        if (text == NULL || !text_is_plain (text))
          return FALSE;                /* citation_append()'s text: not looked at */
      }
      break;
    default:
      break;
    }
  return text_is_plain (quoted) && text_is_plain (note_of (n));
}

char *
rec_note_text (const RecNote *n, EnforceLang lang)
{
  GString *out = g_string_new (NULL);

  rec_note_append (out, n, lang);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Text report                                                         */

typedef struct {
  GString *out;
  gboolean zh;
} Text;

static void
line (Text *tx, const char *label_zh, const char *label_en, const char *value)
{
  g_string_append_printf (tx->out, "%s%s%s\n", T (tx, label_zh, label_en), T (tx, "：", ": "), value);
}

static char *
money (const Text *tx, gint64 fen)
{
  return money_format_text (fen, tx->zh ? ENFORCE_LANG_ZH : ENFORCE_LANG_EN);
}

static const char *
outcome_label (const Text *tx, EnforceOutcome o)
{
  switch (o)
    {
    case ENFORCE_OUTCOME_NO_PENALTY: return T (tx, "不予处罚", "no penalty");
    case ENFORCE_OUTCOME_WARNING: return T (tx, "警告", "warning");
    case ENFORCE_OUTCOME_FINE: return T (tx, "罚款", "fine");
    case ENFORCE_OUTCOME_FINE_AND_OTHER: return T (tx, "罚款并处其他处罚", "fine with other penalties");
    case ENFORCE_OUTCOME_OTHER: return T (tx, "其他处罚", "other penalties");
    default: return T (tx, "待定", "undetermined");
    }
}

static const char *
answer_label (const Text *tx, EnforceAnswer a)
{
  return a == ENFORCE_ANSWER_YES ? T (tx, "是", "yes")
         : a == ENFORCE_ANSWER_NO ? T (tx, "否", "no") : T (tx, "待定", "undetermined");
}

static const char *
decided_by_label (const Text *tx, const char *code)
{
  static const struct { const char *code, *zh, *en; } labels[] = {
    { "gate.limitation", "超过追责时效（第三十六条）", "limitation period expired (Art. 36)" },
    { "gate.age", "不满十四周岁（第三十条）", "under 14 (Art. 30)" },
    { "gate.capacity", "不能辨认或者不能控制自己的行为（第三十一条）", "no capacity (Art. 31)" },
    { "gate.no_fault", "没有主观过错（第三十三条第二款）", "no fault (Art. 33 ¶2)" },
    { "gate.minor", "违法行为轻微并及时改正，没有造成危害后果（第三十三条第一款）",
      "minor, corrected, no harm (Art. 33 ¶1)" },
    { "gate.first_violation", "初次违法且危害后果轻微并及时改正，可以不予处罚（第三十三条第一款）",
      "first violation, minor harm, corrected: may be exempted (Art. 33 ¶1)" },
    { "gate.trigger", "已按期改正，不具备拒不改正/逾期不改正的处罚条件",
      "corrected in time: the refused or overdue correction this provision punishes is absent" },
    { "tier", "裁量基准规定不予处罚", "the benchmark's tier imposes no penalty" },
    { "law_in_force", "决定时该规定已废止（第三十七条）", "the provision was repealed (Art. 37)" },
  };

  for (guint i = 0; code && i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i].code, code) == 0)
      return T (tx, labels[i].zh, labels[i].en);
  return NULL;
}

/* "罚款2000元超过简易程序限额200元" / "fine of 2000 yuan above the cap of 200 yuan". */
static void
append_money_reason (Text *tx, GString *why, const char *mid_zh, const char *mid_en,
                     gint64 amount, gint64 param)
{
  char *a = money (tx, amount), *p = money (tx, param);

  if (tx->zh)
    g_string_append_printf (why, "罚款%s%s%s", a, mid_zh, p);
  else
    g_string_append_printf (why, "fine of %s %s %s", a, mid_en, p);
  g_free (a);
  g_free (p);
}

static void
procedure_line (Text *tx, const EnforceRecommendation *r)
{
  GString *why = g_string_new (NULL);
  const char *kind;

  switch (r->procedure)
    {
    case ENFORCE_PROCEDURE_SIMPLE: kind = T (tx, "简易程序（可当场作出决定）", "simple procedure"); break;
    case ENFORCE_PROCEDURE_GENERAL: kind = T (tx, "普通程序", "general procedure"); break;
    case ENFORCE_PROCEDURE_NONE: kind = T (tx, "不作出处罚决定", "no penalty decision"); break;
    default: kind = T (tx, "待定", "undetermined"); break;
    }
  switch (r->why_procedure)
    {
    case WHY_WARNING: g_string_append (why, T (tx, "警告", "a warning")); break;
    case WHY_FINE_WITHIN:
      append_money_reason (tx, why, "不超过简易程序限额", "within the simple-procedure cap of",
                           r->amount, r->simple_cap);
      break;
    case WHY_FINE_OVER:
      append_money_reason (tx, why, "超过简易程序限额", "above the simple-procedure cap of",
                           r->amount, r->simple_cap);
      break;
    case WHY_OTHER_KINDS: g_string_append (why, T (tx, "含罚款、警告以外的处罚种类", "penalty kinds other than a fine or warning")); break;
    case WHY_PARAM_UNKNOWN: g_string_append (why, T (tx, "简易程序限额未知", "the simple-procedure cap is unknown")); break;
    case WHY_OUTCOME_UNDETERMINED: g_string_append (why, T (tx, "处罚结果待定", "the outcome is undetermined")); break;
    default: break;
    }
  g_string_append_printf (tx->out, "%s%s%s", T (tx, "程序", "Procedure"), T (tx, "：", ": "), kind);
  if (why->len)
    g_string_append_printf (tx->out, T (tx, "（%s）", " (%s)"), why->str);
  if (r->procedure != ENFORCE_PROCEDURE_NONE)
    g_string_append (tx->out, T (tx, "（第五十一条）", " (Art. 51)"));
  g_string_append_c (tx->out, '\n');
  g_string_free (why, TRUE);
}

static void
answer_line (Text *tx, const char *label_zh, const char *label_en, EnforceAnswer a,
             const char *why, const char *article)
{
  g_string_append_printf (tx->out, "%s%s%s", T (tx, label_zh, label_en), T (tx, "：", ": "),
                          answer_label (tx, a));
  if (why && why[0])
    g_string_append_printf (tx->out, T (tx, "（%s）", " (%s)"), why);
  if (article)
    g_string_append_printf (tx->out, T (tx, "（%s）", " (%s)"), article);
  g_string_append_c (tx->out, '\n');
}

static void
onsite_line (Text *tx, const EnforceRecommendation *r)
{
  GString *why = g_string_new (NULL);

  switch (r->why_onsite)
    {
    case WHY_FINE_WITHIN:
      append_money_reason (tx, why, "不超过", "within", r->amount, r->onsite_cap);
      break;
    case WHY_FINE_OVER:
      append_money_reason (tx, why, "超过", "above", r->amount, r->onsite_cap);
      break;
    case WHY_NOT_SIMPLE: g_string_append (why, T (tx, "仅限简易程序", "simple procedure only")); break;
    case WHY_NO_FINE: g_string_append (why, T (tx, "无罚款", "no fine")); break;
    case WHY_PARAM_UNKNOWN: g_string_append (why, T (tx, "当场收缴限额未知", "the on-site cap is unknown")); break;
    case WHY_NO_PENALTY: g_string_append (why, T (tx, "不予处罚", "no penalty")); break;
    case WHY_OUTCOME_UNDETERMINED: g_string_append (why, T (tx, "处罚结果待定", "the outcome is undetermined")); break;
    default: break;
    }
  answer_line (tx, "当场收缴罚款", "On-site collection", r->onsite, why->str, T (tx, "第六十八条", "Art. 68"));
  if (rec_onsite_caveat (r, tx->zh ? ENFORCE_LANG_ZH : ENFORCE_LANG_EN) != NULL)
    g_string_append_printf (tx->out, "  %s\n", rec_onsite_caveat (r, tx->zh ? ENFORCE_LANG_ZH : ENFORCE_LANG_EN));
  g_string_free (why, TRUE);
}

static void
hearing_line (Text *tx, const EnforceRecommendation *r)
{
  GString *why = g_string_new (NULL);

  switch (r->why_hearing)
    {
    case WHY_HEAVY_KIND: g_string_append (why, T (tx, "拟作出吊销许可证件、责令停产停业等处罚", "revocation, closure or a like penalty")); break;
    case WHY_AT_THRESHOLD:
      append_money_reason (tx, why, "达到较大数额标准", "reaches the large-fine threshold of",
                           r->amount, r->hearing_threshold);
      break;
    case WHY_BELOW_THRESHOLD:
      append_money_reason (tx, why, "低于较大数额标准", "below the large-fine threshold of",
                           r->amount, r->hearing_threshold);
      break;
    case WHY_PARAM_UNKNOWN: g_string_append (why, T (tx, "本地较大数额罚款标准未知", "the local large-fine threshold is unknown")); break;
    case WHY_NO_FINE: g_string_append (why, T (tx, "无罚款", "no fine")); break;
    case WHY_NO_PENALTY: g_string_append (why, T (tx, "不予处罚", "no penalty")); break;
    case WHY_OUTCOME_UNDETERMINED: g_string_append (why, T (tx, "处罚结果待定", "the outcome is undetermined")); break;
    default: break;
    }
  answer_line (tx, "告知听证权利", "Hearing right", r->hearing, why->str, T (tx, "第六十三条", "Art. 63"));
  g_string_free (why, TRUE);
}

static const char *
flags_why (const Text *tx, ProcWhy why)
{
  switch (why)
    {
    case WHY_FLAG_SET: return T (tx, "存在法定情形", "a statutory ground holds");
    case WHY_FLAGS_CLEAR: return T (tx, "无法定情形", "no statutory ground");
    case WHY_FLAGS_UNKNOWN: return T (tx, "案件未说明相关情形", "the case does not state the grounds");
    case WHY_REDUCED_TIER: return T (tx, "减轻处罚", "reduced penalty");
    default: return NULL;
    }
}

static void
date_item (Text *tx, const char *zh, const char *en, gint32 day)
{
  char buf[11];

  if (day == DATE_NONE)
    return;
  date_format_buf (day, buf);
  g_string_append_printf (tx->out, "  %s%s%s\n", T (tx, zh, en), T (tx, "：", ": "), buf);
}

static void
deadlines_block (Text *tx, const EnforceRecommendation *r)
{
  if (r->decision_due == DATE_NONE && r->hearing_request_by == DATE_NONE && r->delivery_by == DATE_NONE
      && r->payment_due == DATE_NONE && !r->has_surcharge)
    return;
  g_string_append (tx->out, T (tx, "期限：\n", "Deadlines:\n"));
  date_item (tx, "作出处罚决定（第六十条）", "decision due (Art. 60)", r->decision_due);
  date_item (tx, "要求听证（第六十四条）", "hearing request by (Art. 64)", r->hearing_request_by);
  date_item (tx, "送达决定书（第六十一条）", "delivery by (Art. 61)", r->delivery_by);
  date_item (tx, "缴纳罚款（第六十七条）", "payment due (Art. 67)", r->payment_due);
  if (r->has_surcharge)
    {
      char d[11], *m = money (tx, r->surcharge);

      date_format_buf (r->surcharge_as_of, d);
      g_string_append_printf (tx->out, tx->zh ? "  加处罚款（第七十二条）：截至%s逾期%" G_GINT64_FORMAT "日，%s\n"
                                              : "  late surcharge (Art. 72): as of %s, %" G_GINT64_FORMAT " days late, %s\n",
                              d, r->days_late, m);
      g_free (m);
    }
}

static void
range_line (Text *tx, const char *zh, const char *en, gint64 min, gint64 max)
{
  char *a = money (tx, min), *b = money (tx, max);
  /* A fixed fine reads as one amount, one without a minimum as a ceiling
   * ("500元以下"), as the statutes themselves put them. */
  char *v = min == max ? g_strdup (a)
            : min == 0 ? g_strdup_printf (T (tx, "%s以下", "up to %s"), b)
            : g_strdup_printf (T (tx, "%s至%s", "%s to %s"), a, b);

  line (tx, zh, en, v);
  g_free (v);
  g_free (a);
  g_free (b);
}

static void
penalties_line (Text *tx, const EnforceRecommendation *r)
{
  GString *s;

  if (r->kinds == 0)
    return;
  s = g_string_new (NULL);
  for (guint k = 0; k < KIND_COUNT; k++)
    if (r->kinds & KIND_BIT (k))
      {
        if (s->len)
          g_string_append (s, T (tx, "、", ", "));
        g_string_append (s, tx->zh ? penalty_kind_label_zh ((PenaltyKind) k) : penalty_kind_name ((PenaltyKind) k));
      }
  line (tx, "处罚种类", "Penalty kinds", s->str);
  g_string_free (s, TRUE);
}

static void
list_line (Text *tx, const char *zh, const char *en, const char *const *items, guint n)
{
  GString *s;

  if (n == 0)
    return;
  s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append (s, T (tx, "、", ", "));
      g_string_append (s, items[i]);
    }
  line (tx, zh, en, s->str);
  g_string_free (s, TRUE);
}

static void
trace_block (Text *tx, const EnforceRecommendation *r)
{
  EnforceLang lang = tx->zh ? ENFORCE_LANG_ZH : ENFORCE_LANG_EN;

  if (r->trace == NULL || r->trace->n_steps == 0)
    return;
  g_string_append (tx->out, T (tx, "推理过程：\n", "Reasoning:\n"));
  for (guint i = 0; i < r->trace->n_steps; i++)
    {
      const RecStep *s = &r->trace->steps[i];
      const char *cite = citation_text (s->citation, lang);

      g_string_append_printf (tx->out, "  %u. [%s] %s", i + 1, s->code,
                              r->trace->text + s->message[lang]);
      if (cite)
        g_string_append_printf (tx->out, T (tx, "（%s）", " (%s)"), cite);
      g_string_append_c (tx->out, '\n');
    }
}

static void
head_block (Text *tx, const EnforceRecommendation *r)
{
  const char *why;

  g_string_append_printf (tx->out, "%s%s%s", T (tx, "处罚建议", "Recommendation"), T (tx, "：", ": "),
                          outcome_label (tx, r->outcome));
  if (r->discretionary)
    g_string_append (tx->out, T (tx, "（可以不予处罚，属裁量）", " (discretionary: may be exempted)"));
  g_string_append_c (tx->out, '\n');
  if (r->outcome == ENFORCE_OUTCOME_NO_PENALTY && (why = decided_by_label (tx, r->decided_by)) != NULL)
    line (tx, "理由", "Ground", why);
  /* Art. 33 ¶3 follows a 不予处罚, not an act the provision does not reach
   * (a repealed provision, a complied order to correct). */
  if (r->outcome == ENFORCE_OUTCOME_NO_PENALTY && r->decided_by && strcmp (r->decided_by, "law_in_force") != 0
      && strcmp (r->decided_by, "gate.trigger") != 0)
    line (tx, "教育", "Education",
          T (tx, "应当对当事人进行教育（第三十三条第三款）", "the party must be educated (Art. 33 ¶3)"));
  if (r->case_id)
    line (tx, "案件编号", "Case", r->case_id);
  if (r->benchmark)
    {
      char *v = r->version
        ? g_strdup_printf (T (tx, "%s（%s，%s版）", "%s (%s, version %s)"),
                           r->benchmark->title, r->benchmark->id, r->version_text)
        : g_strdup_printf (T (tx, "%s（%s）", "%s (%s)"), r->benchmark->title, r->benchmark->id);
      line (tx, "适用基准", "Benchmark", v);
      g_free (v);
    }
}

static void
amount_block (Text *tx, const EnforceRecommendation *r)
{
  if (r->tier)
    {
      /* A statutory tier's fine is the provision's own (法定情形), not a
       * discretion class: it is labelled so and only so, since the
       * statutory range below is then the tier's. */
      const char *cls = r->tier->statutory ? T (tx, "法定情形", "statutory")
                        : tx->zh ? tier_class_label_zh (r->tier->cls) : tier_class_name (r->tier->cls);
      char *v = strcmp (cls, r->tier->name) == 0 ? g_strdup (cls)
                : g_strdup_printf (T (tx, "%s（%s）", "%s (%s)"), r->tier->name, cls);
      line (tx, "裁量阶次", "Tier", v);
      g_free (v);
      if (r->tier->text)
        line (tx, "适用条件", "Applies when", r->tier->text);
    }
  penalties_line (tx, r);
  if (r->has_statutory)
    range_line (tx, "法定罚款幅度", "Statutory range", r->statutory_min, r->statutory_max);
  if (r->has_range)
    range_line (tx, "阶次罚款幅度", "Tier range", r->range_min, r->range_max);
  if (r->has_amount)
    {
      char *m = money (tx, r->amount);

      line (tx, "建议罚款", "Recommended fine", m);
      g_free (m);
    }
  if (r->benchmark && rec_order_label_zh (r->benchmark->order))
    line (tx, "责令改正", "Order", tx->zh ? (r->benchmark->order_text ? r->benchmark->order_text
                                                                    : rec_order_label_zh (r->benchmark->order))
                                           : rec_order_kind_name (r->benchmark->order));
}

static const char *
excluded_reason_label (const Text *tx, guint8 reason)
{
  switch (reason)
    {
    case EXCLUDED_NOT_COVERED: return T (tx, "（不适用于该类当事人）", " (does not cover the party)");
    case EXCLUDED_EQUAL_FINE:
      return T (tx, "（罚款数额相同，按列出顺序适用在先的规定）", " (same fine; the provision listed first applies)");
    case EXCLUDED_LIGHTER_FINE:
    default: return T (tx, "（罚款较轻）", " (lighter fine)");
    }
}

char *
enforce_recommendation_to_text (const EnforceRecommendation *self, EnforceLang lang)
{
  Text tx;

  g_return_val_if_fail (self != NULL, NULL);
  tx.out = g_string_new (NULL);
  tx.zh = lang != ENFORCE_LANG_EN;

  head_block (&tx, self);
  amount_block (&tx, self);
  procedure_line (&tx, self);
  onsite_line (&tx, self);
  hearing_line (&tx, self);
  answer_line (&tx, "法制审核", "Legal review", self->legal_review, flags_why (&tx, self->why_review),
               T (&tx, "第五十八条", "Art. 58"));
  answer_line (&tx, "集体讨论", "Collective discussion", self->collective,
               flags_why (&tx, self->why_collective), T (&tx, "第五十七条", "Art. 57"));
  deadlines_block (&tx, self);
  if (self->n_excluded)
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < self->n_excluded; i++)
        g_string_append_printf (s, "%s%s%s", i ? T (&tx, "、", ", ") : "", self->excluded[i]->id,
                                excluded_reason_label (&tx, self->excluded_reason[i]));
      line (&tx, "不予适用（一事不再罚款，第二十九条）", "Not applied (Art. 29)", s->str);
      g_string_free (s, TRUE);
    }
  list_line (&tx, "待补充", "Missing", self->lists.missing, self->lists.n_missing);
  if (self->lists.n_notes)
    {
      const char *items[REC_MAX_NOTES];
      char *owned[REC_MAX_NOTES];

      for (guint i = 0; i < self->lists.n_notes; i++)
        items[i] = owned[i] = rec_note_text (&self->lists.notes[i], lang);
      list_line (&tx, "未核实", "Unverified", items, self->lists.n_notes);
      for (guint i = 0; i < self->lists.n_notes; i++)
        g_free (owned[i]);
    }
  trace_block (&tx, self);
  return g_string_free (tx.out, FALSE);
}
