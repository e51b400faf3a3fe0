/* load-calendar.c: `kind: calendar` — one year's statutory holidays and
 * make-up working days (docs/rule-format.md#calendar). */
#include "loader.h"

#include <stdlib.h>

typedef struct {
  Loader *ld;
  Binder *b;
  int year;
  gint32 first, last;              /* 1 January and 31 December of the year */
} CalendarCtx;

/* A date of the calendar's year, or FALSE after reporting. */
static gboolean
bind_year_date (CalendarCtx *c, const Node *n, gint32 *day)
{
  if (!bind_date (c->b, n, day))
    return FALSE;
  if (*day < c->first || *day > c->last)
    {
      bind_error (c->b, ENFORCE_ERROR_INVALID_DATE, n,
                  "日期 %s 不在 %d 年内", "date %s is not in %d",
                  n->v.text, c->year);
      return FALSE;
    }
  return TRUE;
}

static void
bind_holiday (CalendarCtx *c, const Node *n, GArray *days)
{
  static const char *const keys[] = { "from", "to", "name", NULL };
  gint32 from, to;

  if (n->kind == NODE_SCALAR)
    {
      if (bind_year_date (c, n, &from))
        g_array_append_val (days, from);
      return;
    }
  if (!bind_mapping (c->b, n, keys))
    return;
  const Node *n_from = bind_required (c->b, n, "from");
  const Node *n_to = bind_required (c->b, n, "to");
  const char *name;
  ld_bind_text_key (c->b, n, "name", &name);
  if (n_from == NULL || n_to == NULL)
    return;
  gsize saved = bind_push_key (c->b, "from");
  gboolean ok = bind_year_date (c, n_from, &from);
  bind_pop (c->b, saved);
  saved = bind_push_key (c->b, "to");
  ok &= bind_year_date (c, n_to, &to);
  if (ok && to < from)
    {
      bind_error (c->b, ENFORCE_ERROR_INVALID_DATE, n_to, "to 早于 from", "to is before from");
      ok = FALSE;
    }
  bind_pop (c->b, saved);
  /* Both ends lie in one year, so a range adds at most 366 days. */
  for (gint32 d = from; ok && d <= to; d++)
    g_array_append_val (days, d);
}

static int
compare_days (const void *a, const void *b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;
  return x < y ? -1 : x > y;
}

/* Sorted, without repeats (ranges may overlap single dates harmlessly). */
static gint32 *
sorted_days (Loader *ld, GArray *days, guint *n_out)
{
  guint n = 0;

  if (days->len > 1)
    qsort (days->data, days->len, sizeof (gint32), compare_days);
  gint32 *out = arena_new0 (ld->arena, gint32, MAX (days->len, 1));
  for (guint i = 0; i < days->len; i++)
    {
      gint32 d = g_array_index (days, gint32, i);
      if (n == 0 || out[n - 1] != d)
        out[n++] = d;
    }
  *n_out = n;
  return out;
}

static void
bind_date_list (CalendarCtx *c, const Node *map, const char *key, gboolean ranges, GArray *days)
{
  const Node *n = node_lookup (map, key);
  if (n == NULL)
    return;
  gsize saved = bind_push_key (c->b, key);
  int count = ld_sequence_length (c->b, n);
  for (int i = 0; i < count; i++)
    {
      gsize item = bind_push_index (c->b, (guint) i);
      if (ranges)
        bind_holiday (c, n->v.items[i], days);
      else
        {
          gint32 day;
          if (bind_year_date (c, n->v.items[i], &day))
            g_array_append_val (days, day);
        }
      bind_pop (c->b, item);
    }
  bind_pop (c->b, saved);
}

void
load_calendar (Loader *ld, Binder *b, const Node *map)
{
  static const char *const keys[] = {
    "kind", "year", "holidays", "workdays", "provenance", NULL,
  };
  CalendarCtx c = { ld, b, 0, 0, 0 };
  LoadedCalendar cal = { 0 };
  gint64 year = 0;
  Provenance prov;

  if (!bind_mapping (b, map, keys))
    return;
  const Node *n_year = bind_required (b, map, "year");
  ld_bind_provenance (b, map, "provenance", NULL, &prov);
  if (n_year == NULL)
    return;
  gsize saved = bind_push_key (b, "year");
  gboolean ok = bind_int (b, n_year, 1900, 2999, &year);
  bind_pop (b, saved);
  if (!ok)
    return;
  c.year = (int) year;
  if (!date_from_ymd (c.year, 1, 1, &c.first) || !date_from_ymd (c.year, 12, 31, &c.last))
    return;

  g_autoptr (GArray) holidays = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr (GArray) workdays = g_array_new (FALSE, FALSE, sizeof (gint32));
  bind_date_list (&c, map, "holidays", TRUE, holidays);
  bind_date_list (&c, map, "workdays", FALSE, workdays);

  cal.year.year = c.year;
  cal.year.verified = prov.verified;
  cal.year.holidays = sorted_days (ld, holidays, &cal.year.n_holidays);
  cal.year.workdays = sorted_days (ld, workdays, &cal.year.n_workdays);
  cal.loc = ld_loc (ld, n_year);
  cal.seq = ld->calendars->len;

  /* Both lists are sorted: one merge pass finds a day listed as both. */
  for (guint i = 0, j = 0; i < cal.year.n_holidays && j < cal.year.n_workdays;)
    {
      gint32 h = cal.year.holidays[i], w = cal.year.workdays[j];
      if (h == w)
        {
          char text[11];
          date_format_buf (h, text);
          bind_error (b, ENFORCE_ERROR_INVALID_VALUE, node_lookup (map, "workdays"),
                      "%s 同时被列为假日和调休工作日",
                      "%s is listed both as a holiday and as a working day", text);
          return;
        }
      if (h < w)
        i++;
      else
        j++;
    }
  g_array_append_val (ld->calendars, cal);
}
