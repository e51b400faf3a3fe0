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

/* Constant text: keys with their quotes and colons, punctuation. */
#define PUT_LITERAL(out, s) json_out_put ((out), (s), sizeof (s) - 1)

static inline char *
copy (char *dst, const char *s, gsize n)
{
  return json_copy (dst, s, n);
}

/* Constant text: a copy of a known size, which the compiler inlines. */
#define COPY_LITERAL(dst, s) (memcpy ((dst), (s), sizeof (s) - 1), (dst) + sizeof (s) - 1)

/* A string from the rules or the case, escaped; NULL writes null. */
static void
put_string (GString *out, const char *s)
{
  if (s == NULL)
    PUT_LITERAL (out, "null");
  else
    json_append_escaped (out, s, strlen (s));
}

/* @s (@len bytes) between quotes, as it is. */
static void
put_quoted (GString *out, const char *s, gsize len)
{
  char *dst = json_out_reserve (out, len + 2);

  *dst++ = '"';
  dst = json_copy (dst, s, len);
  *dst++ = '"';
  json_out_commit (out, dst);
}

/* Rule text with its PlainLen (model.h): copied as it is when the loader
 * found it needs no escape, as most does. */
static void
put_rule_text (GString *out, const char *s, PlainLen plain)
{
  if (s != NULL && plain >= 0)
    put_quoted (out, s, (gsize) plain);
  else
    put_string (out, s);
}

/* One of the engine's own names ("fine", "half_up", a trace code): plain
 * ASCII identifiers that need no escaping. */
static void
put_name (GString *out, const char *s)
{
  put_quoted (out, s, strlen (s));
}

/* The version's effective_from, which the loader wrote as a date
 * (DATE_TEXT_LEN characters), or null. */
static void
put_version (GString *out, const EnforceRecommendation *r)
{
  if (r->version == NULL)
    PUT_LITERAL (out, "null");
  else
    put_quoted (out, r->version_text, DATE_TEXT_LEN);
}

/* Members: the key's constant text (",\"key\":", KEY()) and the value
 * written into room made once, where a PUT_LITERAL() of the key and a
 * put_*() of the value would make it twice.  Inline, so the key's copy is
 * of a known size. */
#define KEY(s) (s), sizeof (s) - 1

static inline char *
put_key (GString *out, const char *key, gsize key_len, gsize value_len)
{
  char *dst = json_out_reserve (out, key_len + value_len);

  memcpy (dst, key, key_len);
  return dst + key_len;
}

static inline void
member_literal (GString *out, const char *key, gsize key_len, const char *text, gsize len)
{
  char *dst = put_key (out, key, key_len, len);

  memcpy (dst, text, len);
  json_out_commit (out, dst + len);
}

#define member_null(out, key) member_literal ((out), KEY (key), "null", 4)

static inline void
member_bool (GString *out, const char *key, gsize key_len, gboolean v)
{
  if (v)
    member_literal (out, key, key_len, "true", 4);
  else
    member_literal (out, key, key_len, "false", 5);
}

/* One of the engine's own names (put_name()). */
static inline void
member_name (GString *out, const char *key, gsize key_len, const char *name)
{
  gsize len = strlen (name);
  char *dst = put_key (out, key, key_len, len + 2);

  *dst++ = '"';
  dst = json_copy (dst, name, len);
  *dst++ = '"';
  json_out_commit (out, dst);
}

static inline void
member_int (GString *out, const char *key, gsize key_len, gint64 v)
{
  json_out_commit (out, json_out_int (put_key (out, key, key_len, JSON_INT_MAX_LEN), v));
}

/* A yuan amount: rec_format_yuan_to() writes at most 32 bytes. */
static inline void
member_yuan (GString *out, const char *key, gsize key_len, gint64 fen)
{
  char *dst = put_key (out, key, key_len, 32 + 2);

  *dst++ = '"';
  dst = rec_format_yuan_to (fen, dst);
  *dst++ = '"';
  json_out_commit (out, dst);
}

/* A date or null. */
static inline void
member_date (GString *out, const char *key, gsize key_len, gint32 day)
{
  char *dst = put_key (out, key, key_len, DATE_TEXT_LEN + 2);

  if (day == DATE_NONE)
    dst = COPY_LITERAL (dst, "null");
  else
    {
      *dst++ = '"';
      dst = date_format_to (day, dst);
      *dst++ = '"';
    }
  json_out_commit (out, dst);
}

/* Rule text with its PlainLen (put_rule_text()); NULL writes null. */
static inline void
member_rule_text (GString *out, const char *key, gsize key_len, const char *s, PlainLen plain)
{
  char *dst;

  if (s == NULL || plain < 0)
    {
      json_out_commit (out, put_key (out, key, key_len, 0));
      put_string (out, s);
      return;
    }
  dst = put_key (out, key, key_len, (gsize) plain + 2);
  *dst++ = '"';
  dst = json_copy (dst, s, (gsize) plain);
  *dst++ = '"';
  json_out_commit (out, dst);
}

static void
write_benchmark (GString *out, const EnforceRecommendation *r)
{
  if (r->benchmark == NULL)
    {
      member_null (out, ",\"benchmark\":");
      return;
    }
  member_rule_text (out, KEY (",\"benchmark\":{\"id\":"), r->benchmark->id, r->benchmark->id_plain);
  member_rule_text (out, KEY (",\"title\":"), r->benchmark->title, r->benchmark->title_plain);
  PUT_LITERAL (out, ",\"version\":");
  put_version (out, r);
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
      member_rule_text (out, KEY ("{\"id\":"), r->excluded[i]->id, r->excluded[i]->id_plain);
      member_name (out, KEY (",\"reason\":"), rec_excluded_reason_name (r->excluded_reason[i]));
      PUT_LITERAL (out, "}");
    }
  PUT_LITERAL (out, "]");
}

static void
write_tier (GString *out, const EnforceRecommendation *r)
{
  if (r->tier == NULL)
    {
      member_null (out, ",\"tier\":");
      return;
    }
  member_rule_text (out, KEY (",\"tier\":{\"name\":"), r->tier->name, r->tier->name_plain);
  member_name (out, KEY (",\"class\":"), tier_class_name (r->tier->cls));
  member_rule_text (out, KEY (",\"text\":"), r->tier->text, r->tier->text_plain);
  if (r->tier->provenance.verified)
    PUT_LITERAL (out, ",\"verified\":true}");
  else
    PUT_LITERAL (out, ",\"verified\":false}");
}

static void
write_penalties (GString *out, const EnforceRecommendation *r)
{
  PUT_LITERAL (out, ",\"penalties\":[");
  /* The kinds imposed, lowest bit first: one look per kind, not per bit. */
  for (guint32 kinds = r->kinds; kinds != 0; kinds &= kinds - 1)
    {
      if (kinds != r->kinds)
        PUT_LITERAL (out, ",");
      put_name (out, penalty_kind_name ((PenaltyKind) __builtin_ctz (kinds)));
    }
  PUT_LITERAL (out, "]");
}

static void
write_order (GString *out, const EnforceRecommendation *r)
{
  if (r->benchmark == NULL || r->benchmark->order == ORDER_NONE)
    {
      member_null (out, ",\"order\":");
      return;
    }
  member_name (out, KEY (",\"order\":{\"kind\":"), rec_order_kind_name (r->benchmark->order));
  PUT_LITERAL (out, ",\"text\":");
  if (r->benchmark->order_text)
    put_rule_text (out, r->benchmark->order_text, r->benchmark->order_text_plain);
  else
    put_string (out, rec_order_label_zh (r->benchmark->order));
  PUT_LITERAL (out, "}");
}

static void
write_amounts (GString *out, const EnforceRecommendation *r)
{
  if (!r->has_range)
    member_null (out, ",\"range\":");
  else
    {
      member_int (out, KEY (",\"range\":{\"min\":"), r->range_min);
      member_int (out, KEY (",\"max\":"), r->range_max);
      member_yuan (out, KEY (",\"min_yuan\":"), r->range_min);
      member_yuan (out, KEY (",\"max_yuan\":"), r->range_max);
      PUT_LITERAL (out, "}");
    }
  if (r->has_amount)
    {
      member_int (out, KEY (",\"amount\":"), r->amount);
      member_yuan (out, KEY (",\"amount_yuan\":"), r->amount);
    }
  else
    PUT_LITERAL (out, ",\"amount\":null,\"amount_yuan\":null");
  if (!r->has_rounding)
    member_null (out, ",\"rounding\":");
  else
    {
      member_name (out, KEY (",\"rounding\":{\"unit\":"), round_unit_name (r->rounding.unit));
      member_name (out, KEY (",\"mode\":"), round_mode_name (r->rounding.mode));
      PUT_LITERAL (out, "}");
    }
}

static void
write_procedure (GString *out, const EnforceRecommendation *r)
{
  member_name (out, KEY (",\"procedure\":{\"kind\":"), enforce_procedure_name (r->procedure));
  member_name (out, KEY (",\"onsite_collection\":"), enforce_answer_name (r->onsite));
  member_name (out, KEY (",\"hearing\":"), enforce_answer_name (r->hearing));
  member_name (out, KEY (",\"legal_review\":"), enforce_answer_name (r->legal_review));
  member_name (out, KEY (",\"collective_discussion\":"), enforce_answer_name (r->collective));
  PUT_LITERAL (out, "}");
}

static void
write_deadlines (GString *out, const EnforceRecommendation *r)
{
  member_date (out, KEY (",\"deadlines\":{\"decision_due\":"), r->decision_due);
  member_date (out, KEY (",\"hearing_request_by\":"), r->hearing_request_by);
  member_date (out, KEY (",\"delivery_by\":"), r->delivery_by);
  member_date (out, KEY (",\"payment_due\":"), r->payment_due);
  if (!r->has_surcharge)
    PUT_LITERAL (out, ",\"late_surcharge\":null}");
  else
    {
      member_date (out, KEY (",\"late_surcharge\":{\"as_of\":"), r->surcharge_as_of);
      member_int (out, KEY (",\"days_late\":"), r->days_late);
      member_int (out, KEY (",\"amount\":"), r->surcharge);
      member_yuan (out, KEY (",\"amount_yuan\":"), r->surcharge);
      PUT_LITERAL (out, "}}");
    }
}

/* One "unverified" line, written where it goes and escaped only when it
 * must be (a note quotes rule text): no scratch string to allocate. */
static void
put_note (GString *out, const RecNote *note)
{
  gsize start = out->len;
  gsize len;

  if (rec_note_is_plain (note, ENFORCE_LANG_EN))
    {
      PUT_LITERAL (out, "\"");
      rec_note_append (out, note, ENFORCE_LANG_EN);
      PUT_LITERAL (out, "\"");
      return;
    }
  /* Rule text of its own: the line as written decides. */
  rec_note_append (out, note, ENFORCE_LANG_EN);
  len = out->len - start;
  if (json_is_plain (out->str + start, len))
    {
      char *text;

      json_out_reserve (out, 2);
      text = out->str + start;
      memmove (text + 1, text, len);         /* after its opening quote */
      text[0] = '"';
      text[len + 1] = '"';
      json_out_commit (out, text + len + 2);
    }
  else
    {
      g_autofree char *text = g_strndup (out->str + start, len);

      g_string_truncate (out, start);
      json_append_escaped (out, text, len);
    }
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
  for (guint i = 0; i < r->lists.n_notes; i++)
    {
      if (i > 0)
        PUT_LITERAL (out, ",");
      put_note (out, &r->lists.notes[i]);
    }
  PUT_LITERAL (out, "]");
}

/* @s (@len bytes), JSON-plain but for its '"', as a string literal: the
 * escape for each quote and the text between copied as it is. */
static void
put_quoting (GString *out, const char *s, gsize len)
{
  const char *end = s + len;
  const char *quote;

  PUT_LITERAL (out, "\"");
  while ((quote = memchr (s, '"', (gsize) (end - s))) != NULL)
    {
      json_out_put (out, s, (gsize) (quote - s));
      PUT_LITERAL (out, "\\\"");
      s = quote + 1;
    }
  json_out_put (out, s, (gsize) (end - s));
  PUT_LITERAL (out, "\"");
}

/* A step message, with what escaping rec_textf() found it needs: most
 * need none, so most are copied without a second scan. */
typedef struct {
  const char *text;
  gsize len;
  char escape;                         /* REC_MESSAGE_* */
} Message;

static Message
message_at (const RecTrace *t, guint32 offset)
{
  Message m;

  m.text = t->text + offset;
  m.len = rec_trace_len (t->text, offset);
  m.escape = m.text[m.len + 1];
  return m;
}

static void
put_message (GString *out, const Message *m)
{
  switch (m->escape)
    {
    case REC_MESSAGE_PLAIN:
      put_quoted (out, m->text, m->len);
      break;
    case REC_MESSAGE_QUOTES:
      put_quoting (out, m->text, m->len);
      break;
    default:
      json_append_escaped (out, m->text, m->len);
      break;
    }
}

/* One step: {"code":…,"inputs":{…},"message":{"zh":…,"en":…},"citation":{…}|null}.
 * The inputs and the citation are JSON already (the citation written once
 * by the loader), so only the messages may need escaping. */
static void
write_step (GString *out, const RecTrace *t, const RecStep *s)
{
  Message zh = message_at (t, s->message[ENFORCE_LANG_ZH]);
  Message en = message_at (t, s->message[ENFORCE_LANG_EN]);
  const Citation *c = s->citation;
  gsize code_len = s->code_len;
  gsize inputs_len = rec_trace_len (t->inputs, s->inputs);
  char *dst;

  /* The usual step, whose messages need no escape and whose citation is
   * rendered (or absent): every piece copied into room made once.  The
   * constant text is 60 bytes. */
  if (zh.escape == REC_MESSAGE_PLAIN && en.escape == REC_MESSAGE_PLAIN
      && (c == NULL || c->json != NULL))
    {
      gsize cite_len = c != NULL ? c->json_len : 4;

      dst = json_out_reserve (out, code_len + inputs_len + zh.len + en.len + cite_len + 64);
      dst = COPY_LITERAL (dst, "{\"code\":\"");
      dst = copy (dst, s->code, code_len);
      dst = COPY_LITERAL (dst, "\",\"inputs\":");
      dst = copy (dst, t->inputs + s->inputs, inputs_len);
      dst = COPY_LITERAL (dst, ",\"message\":{\"zh\":\"");
      dst = copy (dst, zh.text, zh.len);
      dst = COPY_LITERAL (dst, "\",\"en\":\"");
      dst = copy (dst, en.text, en.len);
      dst = COPY_LITERAL (dst, "\"},\"citation\":");
      dst = c != NULL ? copy (dst, c->json, cite_len) : COPY_LITERAL (dst, "null");
      *dst++ = '}';
      json_out_commit (out, dst);
      return;
    }

  dst = json_out_reserve (out, code_len + inputs_len + 64);
  dst = COPY_LITERAL (dst, "{\"code\":\"");
  dst = copy (dst, s->code, code_len);
  dst = COPY_LITERAL (dst, "\",\"inputs\":");
  dst = copy (dst, t->inputs + s->inputs, inputs_len);
  dst = COPY_LITERAL (dst, ",\"message\":{\"zh\":");
  json_out_commit (out, dst);
  put_message (out, &zh);
  PUT_LITERAL (out, ",\"en\":");
  put_message (out, &en);
  PUT_LITERAL (out, "},\"citation\":");
  if (c == NULL)
    PUT_LITERAL (out, "null");
  else if (c->json != NULL)
    json_out_put (out, c->json, c->json_len);
  else
    {
      JsonWriter cw;

      json_writer_init (&cw, out);
      citation_write_json (&cw, c);
    }
  PUT_LITERAL (out, "}");
}

static void
write_trace (GString *out, const EnforceRecommendation *r)
{
  const RecTrace *t = r->trace;

  PUT_LITERAL (out, ",\"trace\":[");
  for (guint i = 0; t && i < t->n_steps; i++)
    {
      if (i > 0)
        PUT_LITERAL (out, ",");
      write_step (out, t, &t->steps[i]);
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
  member_name (out, KEY (",\"outcome\":"), enforce_outcome_name (r->outcome));
  member_bool (out, KEY (",\"discretionary\":"), r->discretionary);
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
  member_name (out, KEY (",\"stamp\":{\"rule_set\":"), r->rules->hash);   /* "sha256:" and hex digits */
  PUT_LITERAL (out, ",\"benchmark_version\":");
  put_version (out, r);
  PUT_LITERAL (out, ",\"engine\":\"" ENFORCE_VERSION_STRING "\"");
  PUT_LITERAL (out, "}}");
}

char *
enforce_recommendation_to_json (const EnforceRecommendation *self)
{
  GString out;
  JsonWriter w;

  g_return_val_if_fail (self != NULL, NULL);
  /* Sized once: a trace is most of the output, its citations about 300
   * bytes a step and its text about as long once written as JSON (less
   * the lengths stored before each piece).  The GString itself is local:
   * only its text is allocated, and returned. */
  json_out_init (&out, 1024 + (self->trace ? self->trace->inputs_len + self->trace->text_len * 9 / 8
                                            + 320 * self->trace->n_steps : 0));
  json_writer_init (&w, &out);
  recommendation_write_json (self, &w);
  return out.str;
}
