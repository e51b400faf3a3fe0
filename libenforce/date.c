/* date.c: day numbers, strict ISO dates and working-day arithmetic.
 *
 * Conversions use Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html): integer only,
 * exact for the proleptic Gregorian calendar, no table, no clock.  They
 * work in gint64 so that any gint32 day number converts without overflow;
 * date_to_ymd() takes the days of the usual years by Neri and Schneider's
 * equivalent, faster form (a trace formats a dozen dates).
 */
#include "date.h"

#include "diag.h"

#include <string.h>

#define PARSE_MIN_YEAR 1900
#define ISO_DATE_LEN 10
/* Longest date text echoed back in an error message. */
#define DATE_MESSAGE_MAX 40

static gboolean
is_leap (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (gint64 year, int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  return month == 2 && is_leap (year) ? 29 : days[month - 1];
}

/* Hinnant's general form floors a negative era; callers pass years >=
 * DATE_MIN_YEAR, so y - 1 >= 0 and plain division is that floor. */
G_STATIC_ASSERT (DATE_MIN_YEAR >= 1);

static gint64
days_from_civil (gint64 y, int m, int d)
{
  y -= m <= 2;
  gint64 era = y / 400;
  gint64 yoe = y - era * 400;                                   /* [0, 399] */
  gint64 doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
  return era * 146097 + doe - 719468;
}

gboolean
date_from_ymd (int year, int month, int day, gint32 *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR || month < 1 || month > 12
      || day < 1 || day > days_in_month (year, month))
    return FALSE;
  *out = (gint32) days_from_civil (year, month, day);
  return TRUE;
}

/* Hinnant's civil_from_days for any day number (the signed divisions
 * cost more than the rest of the conversion; see date_to_ymd()). */
static void
civil_from_days (gint32 day, int *y_out, int *m_out, int *d_out)
{
  gint64 z = (gint64) day + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;                                        /* [0, 146096] */
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;   /* [0, 399] */
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                 /* [0, 365] */
  gint64 mp = (5 * doy + 2) / 153;                                      /* [0, 11] */

  *d_out = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m_out = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y_out = (int) (yoe + era * 400 + (*m_out <= 2));
}

/* Neri and Schneider's form of the same conversion ("Euclidean affine
 * functions and their application to calendar algorithms", Software:
 * Practice and Experience 53(4), 2023): unsigned 32-bit arithmetic, each
 * division by a constant a multiply and a shift, about a third of the
 * instructions of the signed form.  The day is moved NS_ERAS eras of
 * 146097 days (400 years) forward so that every day it takes is
 * non-negative; 4 * n + 3 must not overflow, so it takes the days from
 * -NS_SHIFT to 2^30 - NS_SHIFT - 1 (years -32800 to about 2.9 million),
 * on each of which it was checked to agree with civil_from_days()
 * (test-date.c samples the same comparison). */
#define NS_ERAS 82u
#define NS_SHIFT (719468u + 146097u * NS_ERAS)
#define NS_DAYS (1u << 30)

static void
civil_from_days_fast (guint32 n, int *y_out, int *m_out, int *d_out)
{
  guint32 n1 = 4 * n + 3;
  guint32 century = n1 / 146097;
  guint32 n2 = n1 % 146097 / 4 * 4 + 3;                 /* the day of the century, × 4 + 3 */
  guint64 p2 = (guint64) 2939745 * n2;
  guint32 year_of_century = (guint32) (p2 >> 32);
  guint32 day_of_year = (guint32) p2 / 2939745 / 4;     /* from 1 March */
  guint32 n3 = 2141 * day_of_year + 197913;
  guint32 january = day_of_year >= 306;                 /* January or February: next year */

  *d_out = (int) ((n3 & 0xffff) / 2141) + 1;
  *m_out = (int) (n3 >> 16) - (january ? 12 : 0);
  *y_out = (int) (100 * century + year_of_century) - (int) (400 * NS_ERAS) + (int) january;
}

void
date_to_ymd (gint32 day, int *year, int *month, int *day_of_month)
{
  /* Unsigned: a day before -NS_SHIFT wraps far past NS_DAYS. */
  guint32 n = (guint32) day + NS_SHIFT;
  int y, m, d;

  if (G_LIKELY (n < NS_DAYS))
    civil_from_days_fast (n, &y, &m, &d);
  else
    civil_from_days (day, &y, &m, &d);
  if (year)
    *year = y;
  if (month)
    *month = m;
  if (day_of_month)
    *day_of_month = d;
}

int
date_weekday (gint32 day)
{
  /* 1970-01-01 was a Thursday (4). */
  gint64 from_monday = ((gint64) day + 3) % 7;
  if (from_monday < 0)
    from_monday += 7;
  return (int) from_monday + 1;
}

gint32
date_add_years (gint32 day, int years)
{
  int y, m, d;
  gint32 out = DATE_NONE;     /* always set below: the date is valid */

  date_to_ymd (day, &y, &m, &d);
  gint64 target = (gint64) y + years;
  if (target < DATE_MIN_YEAR || target > DATE_MAX_YEAR)
    return DATE_NONE;
  d = MIN (d, days_in_month (target, m));
  date_from_ymd ((int) target, m, d, &out);
  return out;
}

/* Two digits of @value (0..99) at @dst: formatting dates is on the path
 * of every trace, so no division per digit. */
static void
put_two_digits (char *dst, int value)
{
  static const char pairs[] =
    "00010203040506070809" "10111213141516171819" "20212223242526272829"
    "30313233343536373839" "40414243444546474849" "50515253545556575859"
    "60616263646566676869" "70717273747576777879" "80818283848586878889"
    "90919293949596979899";

  memcpy (dst, pairs + 2 * value, 2);
}

char *
date_format_to (gint32 day, char *dst)
{
  int y, m, d;

  date_to_ymd (day, &y, &m, &d);
  if (y < 0 || y > 9999)
    {
      /* Escaped: "??-" is a trigraph in strict C11. */
      memcpy (dst, "\?\?\?\?-\?\?-\?\?", DATE_TEXT_LEN);
      return dst + DATE_TEXT_LEN;
    }
  put_two_digits (dst, y / 100);
  put_two_digits (dst + 2, y % 100);
  dst[4] = '-';
  put_two_digits (dst + 5, m);
  dst[7] = '-';
  put_two_digits (dst + 8, d);
  return dst + DATE_TEXT_LEN;
}

void
date_format_buf (gint32 day, char buf[11])
{
  *date_format_to (day, buf) = '\0';
}

char *
enforce_date_format (gint32 day)
{
  char *buf = g_malloc (11);
  date_format_buf (day, buf);
  return buf;
}

int
date_age_on (gint32 birth, gint32 on)
{
  int yb, mb, db, yo, mo, dob;

  date_to_ymd (birth, &yb, &mb, &db);
  date_to_ymd (on, &yo, &mo, &dob);
  /* The birthday in @on's year, as date_add_years() would place it. */
  if (mb == 2 && db == 29 && !is_leap (yo))
    db = 28;
  int age = yo - yb;
  if (mo < mb || (mo == mb && dob < db))
    age--;
  return age;
}

/* Reads @width ASCII digits; FALSE on anything else. */
static gboolean
read_digits (const char *s, int width, int *value)
{
  int v = 0;
  for (int i = 0; i < width; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *value = v;
  return TRUE;
}

static gboolean
date_fail (GError **error, const char *text, gsize len, const char *reason)
{
  g_autofree char *shown = NULL;

  /* The case parser tries every fact as a date and asks for no message. */
  if (error == NULL)
    return FALSE;
  shown = escape_for_message (text, len, DATE_MESSAGE_MAX);
  g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_DATE, "date \"%s\" %s", shown, reason);
  return FALSE;
}

gboolean
enforce_date_parse (const char *text, gsize len, gint32 *day_out, GError **error)
{
  int y, m, d;
  gint32 day;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (day_out != NULL, FALSE);

  if (len != ISO_DATE_LEN || text[4] != '-' || text[7] != '-'
      || !read_digits (text, 4, &y) || !read_digits (text + 5, 2, &m)
      || !read_digits (text + 8, 2, &d))
    return date_fail (error, text, len, "is not YYYY-MM-DD");
  /* Four digits cannot exceed PARSE_MAX_YEAR. */
  if (y < PARSE_MIN_YEAR)
    return date_fail (error, text, len, "has a year outside 1900..9999");
  if (!date_from_ymd (y, m, d, &day))
    return date_fail (error, text, len, "is not a calendar day");
  *day_out = day;
  return TRUE;
}

/* Calendars. */

static const CalendarYear *
find_year (const Calendar *cal, int year, guint *index)
{
  guint lo = 0, hi = cal->n_years;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (cal->years[mid].year < year)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == cal->n_years || cal->years[lo].year != year)
    return NULL;
  if (index)
    *index = lo;
  return &cal->years[lo];
}

/* Index of the first of the sorted @days that is >= @day (@n if none). */
static guint
lower_bound (const gint32 *days, guint n, gint32 day)
{
  guint lo = 0, hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (days[mid] < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
contains (const gint32 *days, guint n, gint32 day)
{
  guint i = lower_bound (days, n, day);
  return i < n && days[i] == day;
}

WorkdayAnswer
calendar_is_workday (const Calendar *cal, gint32 day)
{
  int year;

  date_to_ymd (day, &year, NULL, NULL);
  const CalendarYear *cy = NULL;
  if (cal != NULL && year >= DATE_MIN_YEAR && year <= DATE_MAX_YEAR)
    cy = find_year (cal, year, NULL);
  if (cy == NULL)
    return WORKDAY_UNKNOWN;
  if (contains (cy->holidays, cy->n_holidays, day))
    return WORKDAY_NO;
  if (contains (cy->workdays, cy->n_workdays, day))
    return WORKDAY_YES;
  return date_weekday (day) >= 6 ? WORKDAY_NO : WORKDAY_YES;
}

/* The first entry of the sorted @days after @day, from index *@i on
 * (moving *@i to it), or G_MAXINT32 (a day no calendar year holds) when
 * there is none.  Skipping every entry up to @day passes repeats too. */
static inline gint32
next_after (const gint32 *days, guint n, guint *i, gint32 day)
{
  while (*i < n && days[*i] <= day)
    (*i)++;
  return *i < n ? days[*i] : G_MAXINT32;
}

/* Walks the days after @from up to 31 December of @cy's year (@from lies
 * in that year or is 31 December of the year before), counting the working
 * days down from *@left.  Returns the day it stopped on: the day the count
 * reached 0, or 31 December.  Answers exactly as calendar_is_workday() for
 * each day, but finds the year once, advances the weekday with the day and
 * merges the sorted holiday and make-up-day lists in step, instead of
 * converting and searching for every day walked. */
static gint32
walk_year (const CalendarYear *cy, gint32 from, int *left)
{
  gint32 last = (gint32) days_from_civil (cy->year, 12, 31);
  gint32 day = from + 1;
  /* The first entries of the lists not before @day. */
  guint h = lower_bound (cy->holidays, cy->n_holidays, day);
  guint w = lower_bound (cy->workdays, cy->n_workdays, day);
  gint32 next_holiday = next_after (cy->holidays, cy->n_holidays, &h, day - 1);
  gint32 next_workday = next_after (cy->workdays, cy->n_workdays, &w, day - 1);
  int weekday = date_weekday (day);

  for (;; day++, weekday = weekday == 7 ? 1 : weekday + 1)
    {
      gboolean working = weekday < 6;

      if (day == next_workday)
        {
          working = TRUE;
          next_workday = next_after (cy->workdays, cy->n_workdays, &w, day);
        }
      /* Last, as a holiday wins over a make-up day (the loader lets no day
       * be both). */
      if (day == next_holiday)
        {
          working = FALSE;
          next_holiday = next_after (cy->holidays, cy->n_holidays, &h, day);
        }
      if ((working && --*left == 0) || day == last)
        return day;
    }
}

gboolean
calendar_add_workdays (const Calendar *cal, gint32 from, int n,
                       gint32 *out, int *missing_year)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n >= 0, FALSE);

  gint32 day = from;            /* the last day walked */
  int left = n;

  /* One pass per calendar year: every pass ends in a year the calendar
   * has, so the walk cannot outlast the calendar's years. */
  while (left > 0)
    {
      int year;
      const CalendarYear *cy = NULL;

      /* The last gint32 day lies in no year a calendar can hold. */
      if (day == G_MAXINT32)
        {
          if (missing_year)
            date_to_ymd (day, missing_year, NULL, NULL);
          return FALSE;
        }
      date_to_ymd (day + 1, &year, NULL, NULL);
      if (cal != NULL && year >= DATE_MIN_YEAR && year <= DATE_MAX_YEAR)
        cy = find_year (cal, year, NULL);
      if (cy == NULL)
        {
          if (missing_year)
            *missing_year = year;
          return FALSE;
        }
      day = walk_year (cy, day, &left);
    }
  *out = day;
  return TRUE;
}

gboolean
calendar_span_verified (const Calendar *cal, gint32 from, gint32 to)
{
  int first, last;
  guint index = 0;

  if (from > to)
    {
      gint32 tmp = from;
      from = to;
      to = tmp;
    }
  date_to_ymd (from, &first, NULL, NULL);
  date_to_ymd (to, &last, NULL, NULL);
  if (cal == NULL || find_year (cal, first, &index) == NULL)
    return FALSE;
  /* Years are sorted without duplicates, so the span is covered exactly
   * when the entries from @first on are consecutive up to @last. */
  for (gint64 year = first; year <= last; year++, index++)
    {
      if (index >= cal->n_years || cal->years[index].year != year
          || !cal->years[index].verified)
        return FALSE;
    }
  return TRUE;
}
