/* recommendation-json.c: the one JSON schema (docs/json-output.md).
 * Every key is always present (null when absent), in the documented order. */
#include "recommend-private.h"

#include <enforce/enforce-version.h>
#include "citation.h"

static void
member_yuan (JsonWriter *w, const char *key, gint64 fen)
{
  char buf[32];

  rec_format_yuan (fen, buf);
  json_writer_member_string (w, key, buf);
}

static void
member_date (JsonWriter *w, const char *key, gint32 day)
{
  char buf[11];

  json_writer_key (w, key);
  if (day == DATE_NONE)
    {
      json_writer_null (w);
      return;
    }
  date_format_buf (day, buf);
  json_writer_string (w, buf);
}

static void
member_optional_int (JsonWriter *w, const char *key, gboolean present, gint64 v)
{
  json_writer_key (w, key);
  if (present)
    json_writer_int (w, v);
  else
    json_writer_null (w);
}

static void
write_benchmark (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "benchmark");
  if (r->benchmark == NULL)
    {
      json_writer_null (w);
      return;
    }
  json_writer_begin_object (w);
  json_writer_member_string (w, "id", r->benchmark->id);
  json_writer_member_string (w, "title", r->benchmark->title);
  json_writer_member_string (w, "version", r->version ? r->version_text : NULL);
  json_writer_end_object (w);
}

static void
write_excluded (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "excluded");
  json_writer_begin_array (w);
  for (guint i = 0; i < r->n_excluded; i++)
    {
      json_writer_begin_object (w);
      json_writer_member_string (w, "id", r->excluded[i]->id);
      json_writer_member_string (w, "reason", rec_excluded_reason_name (r->excluded_reason[i]));
      json_writer_end_object (w);
    }
  json_writer_end_array (w);
}

static void
write_tier (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "tier");
  if (r->tier == NULL)
    {
      json_writer_null (w);
      return;
    }
  json_writer_begin_object (w);
  json_writer_member_string (w, "name", r->tier->name);
  json_writer_member_string (w, "class", tier_class_name (r->tier->cls));
  json_writer_member_string (w, "text", r->tier->text);
  json_writer_member_bool (w, "verified", r->tier->provenance.verified);
  json_writer_end_object (w);
}

static void
write_penalties (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "penalties");
  json_writer_begin_array (w);
  for (guint k = 0; k < KIND_COUNT; k++)
    if (r->kinds & KIND_BIT (k))
      json_writer_string (w, penalty_kind_name ((PenaltyKind) k));
  json_writer_end_array (w);
}

static void
write_order (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "order");
  if (r->benchmark == NULL || r->benchmark->order == ORDER_NONE)
    {
      json_writer_null (w);
      return;
    }
  json_writer_begin_object (w);
  json_writer_member_string (w, "kind", rec_order_kind_name (r->benchmark->order));
  json_writer_member_string (w, "text", r->benchmark->order_text ? r->benchmark->order_text
                                                                   : rec_order_label_zh (r->benchmark->order));
  json_writer_end_object (w);
}

static void
write_amounts (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "range");
  if (!r->has_range)
    json_writer_null (w);
  else
    {
      json_writer_begin_object (w);
      json_writer_member_int (w, "min", r->range_min);
      json_writer_member_int (w, "max", r->range_max);
      member_yuan (w, "min_yuan", r->range_min);
      member_yuan (w, "max_yuan", r->range_max);
      json_writer_end_object (w);
    }
  member_optional_int (w, "amount", r->has_amount, r->amount);
  if (r->has_amount)
    member_yuan (w, "amount_yuan", r->amount);
  else
    json_writer_member_null (w, "amount_yuan");
  json_writer_key (w, "rounding");
  if (!r->has_rounding)
    json_writer_null (w);
  else
    {
      json_writer_begin_object (w);
      json_writer_member_string (w, "unit", round_unit_name (r->rounding.unit));
      json_writer_member_string (w, "mode", round_mode_name (r->rounding.mode));
      json_writer_end_object (w);
    }
}

static void
write_procedure (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "procedure");
  json_writer_begin_object (w);
  json_writer_member_string (w, "kind", enforce_procedure_name (r->procedure));
  json_writer_member_string (w, "onsite_collection", enforce_answer_name (r->onsite));
  json_writer_member_string (w, "hearing", enforce_answer_name (r->hearing));
  json_writer_member_string (w, "legal_review", enforce_answer_name (r->legal_review));
  json_writer_member_string (w, "collective_discussion", enforce_answer_name (r->collective));
  json_writer_end_object (w);
}

static void
write_deadlines (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "deadlines");
  json_writer_begin_object (w);
  member_date (w, "decision_due", r->decision_due);
  member_date (w, "hearing_request_by", r->hearing_request_by);
  member_date (w, "delivery_by", r->delivery_by);
  member_date (w, "payment_due", r->payment_due);
  json_writer_key (w, "late_surcharge");
  if (!r->has_surcharge)
    json_writer_null (w);
  else
    {
      json_writer_begin_object (w);
      member_date (w, "as_of", r->surcharge_as_of);
      json_writer_member_int (w, "days_late", r->days_late);
      json_writer_member_int (w, "amount", r->surcharge);
      member_yuan (w, "amount_yuan", r->surcharge);
      json_writer_end_object (w);
    }
  json_writer_end_object (w);
}

static void
write_lists (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "missing");
  json_writer_begin_array (w);
  for (guint i = 0; i < r->lists.n_missing; i++)
    json_writer_string (w, r->lists.missing[i]);
  json_writer_end_array (w);
  json_writer_key (w, "unverified");
  json_writer_begin_array (w);
  for (guint i = 0; i < r->lists.n_notes; i++)
    {
      char *text = rec_note_text (&r->lists.notes[i], ENFORCE_LANG_EN);

      json_writer_string (w, text);
      g_free (text);
    }
  json_writer_end_array (w);
}

static void
write_citation (const RecStep *s, JsonWriter *w)
{
  const Citation *c = &s->citation;

  json_writer_key (w, "citation");
  if (!s->has_citation)
    {
      json_writer_null (w);
      return;
    }
  json_writer_begin_object (w);
  json_writer_member_string (w, "instrument", c->instrument ? c->instrument->id : NULL);
  json_writer_member_string (w, "title", c->instrument ? c->instrument->title : NULL);
  json_writer_member_int (w, "article", c->article);
  member_optional_int (w, "paragraph", c->paragraph != 0, c->paragraph);
  member_optional_int (w, "item", c->item != 0, c->item);
  json_writer_member_bool (w, "verified", c->verified);
  json_writer_key (w, "text");
  json_writer_begin_object (w);
  json_writer_member_string (w, "zh", s->citation_text[ENFORCE_LANG_ZH]);
  json_writer_member_string (w, "en", s->citation_text[ENFORCE_LANG_EN]);
  json_writer_end_object (w);
  json_writer_end_object (w);
}

static void
write_trace (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_key (w, "trace");
  json_writer_begin_array (w);
  for (guint i = 0; r->steps && i < r->steps->len; i++)
    {
      const RecStep *s = g_ptr_array_index (r->steps, i);

      json_writer_begin_object (w);
      json_writer_member_string (w, "code", s->code);
      json_writer_key (w, "inputs");
      json_writer_raw (w, s->inputs ? s->inputs : "{}");
      json_writer_key (w, "message");
      json_writer_begin_object (w);
      json_writer_member_string (w, "zh", s->message[ENFORCE_LANG_ZH]);
      json_writer_member_string (w, "en", s->message[ENFORCE_LANG_EN]);
      json_writer_end_object (w);
      write_citation (s, w);
      json_writer_end_object (w);
    }
  json_writer_end_array (w);
}

void
recommendation_write_json (const EnforceRecommendation *r, JsonWriter *w)
{
  json_writer_begin_object (w);
  json_writer_member_string (w, "schema", "libenforce/recommendation/1");
  json_writer_member_string (w, "case_id", r->case_id);
  json_writer_member_string (w, "outcome", enforce_outcome_name (r->outcome));
  json_writer_member_bool (w, "discretionary", r->discretionary);
  write_benchmark (r, w);
  write_excluded (r, w);
  write_tier (r, w);
  write_penalties (r, w);
  write_order (r, w);
  write_amounts (r, w);
  write_procedure (r, w);
  write_deadlines (r, w);
  write_lists (r, w);
  write_trace (r, w);
  json_writer_key (w, "stamp");
  json_writer_begin_object (w);
  json_writer_member_string (w, "rule_set", r->rules->hash);
  json_writer_member_string (w, "benchmark_version", r->version ? r->version_text : NULL);
  json_writer_member_string (w, "engine", ENFORCE_VERSION_STRING);
  json_writer_end_object (w);
  json_writer_end_object (w);
}

char *
enforce_recommendation_to_json (const EnforceRecommendation *self)
{
  GString *out;
  JsonWriter w;

  g_return_val_if_fail (self != NULL, NULL);
  out = g_string_sized_new (1024);
  json_writer_init (&w, out);
  recommendation_write_json (self, &w);
  return g_string_free (out, FALSE);
}
