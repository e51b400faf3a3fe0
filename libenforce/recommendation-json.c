/* recommendation-json.c: the one JSON schema (docs/json-output.md).
 * Every key is always present (null when absent), in the documented order.
 *
 * The object has one fixed shape, so it is written straight into the
 * writer's string rather than member by member: keys and punctuation are
 * constant text, the engine's own names (outcome, procedure, …) are plain
 * identifiers, and only strings that come from the rules or the case are
 * escaped (json_append_escaped, the writer's own escaping).  The writer
 * takes the whole object as one raw value, which keeps its commas right
 * for whatever the caller writes around it (batch.c puts it inside a
 * record).  Written member by member, the keys and the per-call checks cost
 * more than the rest of the recommendation. */
#include "recommend-private.h"

#include <string.h>
#include <enforce/enforce-version.h>
#include "citation.h"

/* Appends @n bytes (GString's own append is an out-of-line call that
 * re-checks its arguments every time). */
static inline void
put (GString *out, const char *s, gsize n)
{
  if (out->allocated_len - out->len > n)
    {
      memcpy (out->str + out->len, s, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, s, (gssize) n);
}

/* Constant text: keys with their quotes and colons, punctuation. */
#define PUT_LITERAL(out, s) put ((out), (s), sizeof (s) - 1)

/* A string from the rules or the case, escaped; NULL writes null. */
static void
put_string (GString *out, const char *s)
{
  if (s == NULL)
    PUT_LITERAL (out, "null");
  else
    json_append_escaped (out, s, strlen (s));
}

/* One of the engine's own names ("fine", "half_up", a trace code): plain
 * ASCII identifiers that need no escaping. */
static void
put_name (GString *out, const char *s)
{
  PUT_LITERAL (out, "\"");
  put (out, s, strlen (s));
  PUT_LITERAL (out, "\"");
}

static void
put_int (GString *out, gint64 v)
{
  char buf[24];
  char *end = buf + sizeof buf, *p = end;
  guint64 u = v < 0 ? 0 - (guint64) v : (guint64) v;   /* well defined for G_MININT64 */

  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (v < 0)
    *--p = '-';
  put (out, p, (gsize) (end - p));
}

static void
put_optional_int (GString *out, gboolean present, gint64 v)
{
  if (present)
    put_int (out, v);
  else
    PUT_LITERAL (out, "null");
}

static void
put_bool (GString *out, gboolean v)
{
  if (v)
    PUT_LITERAL (out, "true");
  else
    PUT_LITERAL (out, "false");
}

static void
put_yuan (GString *out, gint64 fen)
{
  char buf[32];

  rec_format_yuan (fen, buf);
  put_name (out, buf);
}

static void
put_date (GString *out, gint32 day)
{
  char buf[11];

  if (day == DATE_NONE)
    {
      PUT_LITERAL (out, "null");
      return;
    }
  date_format_buf (day, buf);
  put_name (out, buf);
}

static void
write_benchmark (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"benchmark\":");
  if (r->benchmark == NULL)
    {
      PUT_LITERAL (out, "null");
      return;
    }
  PUT_LITERAL (out, "{\"id\":");
  put_string (out, r->benchmark->id);
  PUT_LITERAL (out, ",\"title\":");
  put_string (out, r->benchmark->title);
  PUT_LITERAL (out, ",\"version\":");
  put_string (out, r->version ? r->version_text : NULL);
  PUT_LITERAL (out, "}");
}

static void
write_excluded (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"excluded\":[");
  for (guint i = 0; i < r->n_excluded; i++)
    {
      if (i > 0)
        PUT_LITERAL (out, ",");
      PUT_LITERAL (out, "{\"id\":");
      put_string (out, r->excluded[i]->id);
      PUT_LITERAL (out, ",\"reason\":");
      put_name (out, rec_excluded_reason_name (r->excluded_reason[i]));
      PUT_LITERAL (out, "}");
    }
  PUT_LITERAL (out, "]");
}

static void
write_tier (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"tier\":");
  if (r->tier == NULL)
    {
      PUT_LITERAL (out, "null");
      return;
    }
  PUT_LITERAL (out, "{\"name\":");
  put_string (out, r->tier->name);
  PUT_LITERAL (out, ",\"class\":");
  put_name (out, tier_class_name (r->tier->cls));
  PUT_LITERAL (out, ",\"text\":");
  put_string (out, r->tier->text);
  PUT_LITERAL (out, ",\"verified\":");
  put_bool (out, r->tier->provenance.verified);
  PUT_LITERAL (out, "}");
}

static void
write_penalties (GString *out, const EnforceRecommendation *r)
{
  gboolean first = TRUE;

  PUT_LITERAL (out, ",\"penalties\":[");
  for (guint k = 0; k < KIND_COUNT; k++)
    if (r->kinds & KIND_BIT (k))
      {
        if (!first)
          PUT_LITERAL (out, ",");
        first = FALSE;
        put_name (out, penalty_kind_name ((PenaltyKind) k));
      }
  PUT_LITERAL (out, "]");
}

static void
write_order (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"order\":");
  if (r->benchmark == NULL || r->benchmark->order == ORDER_NONE)
    {
      PUT_LITERAL (out, "null");
      return;
    }
  PUT_LITERAL (out, "{\"kind\":");
  put_name (out, rec_order_kind_name (r->benchmark->order));
  PUT_LITERAL (out, ",\"text\":");
  put_string (out, r->benchmark->order_text ? r->benchmark->order_text
                                            : rec_order_label_zh (r->benchmark->order));
  PUT_LITERAL (out, "}");
}

static void
write_amounts (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"range\":");
  if (!r->has_range)
    PUT_LITERAL (out, "null");
  else
    {
      PUT_LITERAL (out, "{\"min\":");
      put_int (out, r->range_min);
      PUT_LITERAL (out, ",\"max\":");
      put_int (out, r->range_max);
      PUT_LITERAL (out, ",\"min_yuan\":");
      put_yuan (out, r->range_min);
      PUT_LITERAL (out, ",\"max_yuan\":");
      put_yuan (out, r->range_max);
      PUT_LITERAL (out, "}");
    }
  PUT_LITERAL (out, ",\"amount\":");
  put_optional_int (out, r->has_amount, r->amount);
  PUT_LITERAL (out, ",\"amount_yuan\":");
  if (r->has_amount)
    put_yuan (out, r->amount);
  else
    PUT_LITERAL (out, "null");
  PUT_LITERAL (out, ",\"rounding\":");
  if (!r->has_rounding)
    PUT_LITERAL (out, "null");
  else
    {
      PUT_LITERAL (out, "{\"unit\":");
      put_name (out, round_unit_name (r->rounding.unit));
      PUT_LITERAL (out, ",\"mode\":");
      put_name (out, round_mode_name (r->rounding.mode));
      PUT_LITERAL (out, "}");
    }
}

static void
write_procedure (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"procedure\":{\"kind\":");
  put_name (out, enforce_procedure_name (r->procedure));
  PUT_LITERAL (out, ",\"onsite_collection\":");
  put_name (out, enforce_answer_name (r->onsite));
  PUT_LITERAL (out, ",\"hearing\":");
  put_name (out, enforce_answer_name (r->hearing));
  PUT_LITERAL (out, ",\"legal_review\":");
  put_name (out, enforce_answer_name (r->legal_review));
  PUT_LITERAL (out, ",\"collective_discussion\":");
  put_name (out, enforce_answer_name (r->collective));
  PUT_LITERAL (out, "}");
}

static void
write_deadlines (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"deadlines\":{\"decision_due\":");
  put_date (out, r->decision_due);
  PUT_LITERAL (out, ",\"hearing_request_by\":");
  put_date (out, r->hearing_request_by);
  PUT_LITERAL (out, ",\"delivery_by\":");
  put_date (out, r->delivery_by);
  PUT_LITERAL (out, ",\"payment_due\":");
  put_date (out, r->payment_due);
  PUT_LITERAL (out, ",\"late_surcharge\":");
  if (!r->has_surcharge)
    PUT_LITERAL (out, "null");
  else
    {
      PUT_LITERAL (out, "{\"as_of\":");
      put_date (out, r->surcharge_as_of);
      PUT_LITERAL (out, ",\"days_late\":");
      put_int (out, r->days_late);
      PUT_LITERAL (out, ",\"amount\":");
      put_int (out, r->surcharge);
      PUT_LITERAL (out, ",\"amount_yuan\":");
      put_yuan (out, r->surcharge);
      PUT_LITERAL (out, "}");
    }
  PUT_LITERAL (out, "}");
}

static void
write_lists (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"missing\":[");
  for (guint i = 0; i < r->lists.n_missing; i++)
    {
      if (i > 0)
        PUT_LITERAL (out, ",");
      put_string (out, r->lists.missing[i]);
    }
  PUT_LITERAL (out, "],\"unverified\":[");
  if (r->lists.n_notes > 0)
    {
      /* One scratch string for all the lines. */
      GString *text = g_string_sized_new (128);

      for (guint i = 0; i < r->lists.n_notes; i++)
        {
          if (i > 0)
            PUT_LITERAL (out, ",");
          g_string_truncate (text, 0);
          rec_note_append (text, &r->lists.notes[i], ENFORCE_LANG_EN);
          json_append_escaped (out, text->str, text->len);
        }
      g_string_free (text, TRUE);
    }
  PUT_LITERAL (out, "]");
}

/* A step message; rec_textf() has marked whether it needs an escape, and
 * most do not, so most are copied without a second scan. */
static void
put_message (GString *out, const char *msg)
{
  gsize len = strlen (msg);

  if (msg[len + 1] == REC_MESSAGE_PLAIN)
    {
      PUT_LITERAL (out, "\"");
      put (out, msg, len);
      PUT_LITERAL (out, "\"");
    }
  else
    json_append_escaped (out, msg, len);
}

/* One step: {"code":…,"inputs":{…},"message":{"zh":…,"en":…},"citation":{…}|null}.
 * The inputs and the citation are JSON already (the citation written once
 * by the loader), so only the messages need escaping. */
static void
write_step (GString *out, const RecTrace *t, const RecStep *s)
{
  const char *zh = t->text + s->message[ENFORCE_LANG_ZH];
  const char *en = t->text + s->message[ENFORCE_LANG_EN];
  const char *inputs = t->inputs + s->inputs;

  PUT_LITERAL (out, "{\"code\":");
  put_name (out, s->code);
  PUT_LITERAL (out, ",\"inputs\":");
  put (out, inputs, strlen (inputs));
  PUT_LITERAL (out, ",\"message\":{\"zh\":");
  put_message (out, zh);
  PUT_LITERAL (out, ",\"en\":");
  put_message (out, en);
  PUT_LITERAL (out, "},\"citation\":");
  if (s->citation == NULL)
    PUT_LITERAL (out, "null");
  else if (s->citation->json != NULL)
    put (out, s->citation->json, strlen (s->citation->json));
  else
    {
      JsonWriter cw;

      json_writer_init (&cw, out);
      citation_write_json (&cw, s->citation);
    }
  PUT_LITERAL (out, "}");
}

static void
write_trace (GString *out, const EnforceRecommendation *r)
{
  const RecTrace *t = r->trace;

  PUT_LITERAL (out, ",\"trace\":[");
  for (guint i = 0; t && i < t->steps->len; i++)
    {
      if (i > 0)
        PUT_LITERAL (out, ",");
      write_step (out, t, &g_array_index (t->steps, RecStep, i));
    }
  PUT_LITERAL (out, "]");
}

void
recommendation_write_json (const EnforceRecommendation *r, JsonWriter *w)
{
  GString *out = w->out;

  /* The writer sees one value, whose text follows its opening brace. */
  json_writer_raw (w, "{");
  PUT_LITERAL (out, "\"schema\":\"libenforce/recommendation/1\",\"case_id\":");
  put_string (out, r->case_id);
  PUT_LITERAL (out, ",\"outcome\":");
  put_name (out, enforce_outcome_name (r->outcome));
  PUT_LITERAL (out, ",\"discretionary\":");
  put_bool (out, r->discretionary);
  write_benchmark (out, r);
  write_excluded (out, r);
  write_tier (out, r);
  write_penalties (out, r);
  write_order (out, r);
  write_amounts (out, r);
  write_procedure (out, r);
  write_deadlines (out, r);
  write_lists (out, r);
  write_trace (out, r);
  PUT_LITERAL (out, ",\"stamp\":{\"rule_set\":");
  put_string (out, r->rules->hash);
  PUT_LITERAL (out, ",\"benchmark_version\":");
  put_string (out, r->version ? r->version_text : NULL);
  PUT_LITERAL (out, ",\"engine\":");
  put_string (out, ENFORCE_VERSION_STRING);
  PUT_LITERAL (out, "}}");
}

char *
enforce_recommendation_to_json (const EnforceRecommendation *self)
{
  GString *out;
  JsonWriter w;

  g_return_val_if_fail (self != NULL, NULL);
  /* Sized once: a trace is most of the output, its citations about 300
   * bytes a step and its text about as long once written as JSON. */
  out = g_string_sized_new (1024 + (self->trace ? self->trace->inputs_len + self->trace->text_len * 9 / 8
                                                  + 320 * self->trace->steps->len : 0));
  json_writer_init (&w, out);
  recommendation_write_json (self, &w);
  return g_string_free (out, FALSE);
}
