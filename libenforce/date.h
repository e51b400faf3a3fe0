/* date.h: day numbers, calendar periods and working days.
 *
 * Day numbers count from 1970-01-01.  Calendar periods (15 days, 90 days,
 * 2 years) and working-day periods (Art. 85: 二日/三日/五日/七日) are both
 * computed here; a working-day count needs a calendar of statutory holidays
 * and make-up working days (调休) for every year it crosses, otherwise the
 * answer is "unknown" rather than a guess.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-date.h>

#define DATE_NONE G_MININT32

/* Years date_from_ymd() and the calendar functions handle: far wider than
 * parsed dates (1900..9999) so date arithmetic never needs a special case,
 * far narrower than what a gint32 day number holds. */
#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 99999

/* FALSE if @year is outside DATE_MIN_YEAR..DATE_MAX_YEAR or the month/day is
 * not a calendar day (leap years per the Gregorian rule). */
gboolean date_from_ymd (int year, int month, int day, gint32 *out);
/* Any day number; each out-parameter may be NULL. */
void     date_to_ymd (gint32 day, int *year, int *month, int *day_of_month);
int      date_weekday (gint32 day);        /* 1 = Monday .. 7 = Sunday */
/* Same month and day @years later (or earlier, if negative); 29 Feb becomes
 * 28 Feb in a common year.  DATE_NONE if the year leaves
 * DATE_MIN_YEAR..DATE_MAX_YEAR. */
gint32   date_add_years (gint32 day, int years);
/* Writes "YYYY-MM-DD" and a NUL into @buf (>= 11 bytes); a day whose year
 * has not four digits (0..9999) is written "????-??-??". */
void     date_format_buf (gint32 day, char buf[11]);
/* The length of that text, without the NUL. */
#define DATE_TEXT_LEN 10
/* Writes the same DATE_TEXT_LEN characters at @dst, without a NUL;
 * returns the end (for text being built in place). */
char    *date_format_to (gint32 day, char *dst);
/* Whole years completed between @birth and @on (age on a date).  The
 * birthday of someone born on 29 Feb is 28 Feb in a common year, as in
 * date_add_years().  Negative when @on precedes @birth. */
int      date_age_on (gint32 birth, gint32 on);

/* One calendar year's exceptions to the Monday–Friday week. */
typedef struct {
  int year;
  gint32 *holidays;           /* sorted day numbers that are days off */
  guint n_holidays;
  gint32 *workdays;           /* sorted weekend days that are working days */
  guint n_workdays;
  gboolean verified;
} CalendarYear;

typedef struct {
  const CalendarYear *years;  /* sorted by year, no duplicates */
  guint n_years;
} Calendar;

typedef enum {
  WORKDAY_NO = 0,
  WORKDAY_YES = 1,
  WORKDAY_UNKNOWN = 2,        /* no calendar for that year */
} WorkdayAnswer;

WorkdayAnswer calendar_is_workday (const Calendar *cal, gint32 day);
/* The @n-th working day after @from (the start day is not counted; n = 0
 * gives @from).  Returns FALSE and sets *@missing_year (may be NULL) to the
 * first year reached that has no calendar.  The walk ends at the first
 * missing year, so it takes at most 366 steps per calendar year. */
gboolean calendar_add_workdays (const Calendar *cal, gint32 from, int n,
                                gint32 *out, int *missing_year);
/* TRUE if every year in [from, to] (in either order) has a calendar marked
 * verified; a missing year is not verified. */
gboolean calendar_span_verified (const Calendar *cal, gint32 from, gint32 to);
