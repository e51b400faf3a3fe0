/* test-date.c: strict ISO dates, day-number arithmetic and working days. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <enforce/enforce-error.h>
#include <enforce/enforce-date.h>
#include "date.h"
#include "test-util.h"

static gint32
ymd (int y, int m, int d)
{
  gint32 day = DATE_NONE;
  assert_true (date_from_ymd (y, m, d, &day));
  return day;
}

static gint32
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  gint32 day = DATE_NONE;
  assert_true (enforce_date_parse (text, strlen (text), &day, &error));
  assert_null (error);
  return day;
}

static void
assert_date_rejected (const char *text, gsize len, const char *message)
{
  g_autoptr (GError) error = NULL;
  gint32 day = 77;
  assert_false (enforce_date_parse (text, len, &day, &error));
  test_assert_error (error, ENFORCE_ERROR_INVALID_DATE);
  assert_int_equal (day, 77);
  if (message)
    assert_string_equal (error->message, message);
}

/* Parsing. */

static void
test_date_parse__accepts_calendar_days (void **state)
{
  (void) state;
  /* Day numbers checked against Python's datetime.date ordinals. */
  assert_int_equal (parse_ok ("1970-01-01"), 0);
  assert_int_equal (parse_ok ("2024-02-29"), 19782);
  assert_int_equal (parse_ok ("2000-02-29"), 11016);
  assert_int_equal (parse_ok ("1900-01-01"), -25567);
  assert_int_equal (parse_ok ("9999-12-31"), 2932896);
  assert_int_equal (parse_ok ("1969-12-31"), -1);
}

static void
test_date_parse__rejects_non_calendar_days (void **state)
{
  static const char *const rejected[] = {
    "2023-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
    "2024-01-32", "1900-02-29", "2100-02-29",
  };
  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    assert_date_rejected (rejected[i], strlen (rejected[i]), NULL);
  assert_date_rejected ("2024-02-30", 10, "date \"2024-02-30\" is not a calendar day");
}

static void
test_date_parse__rejects_other_shapes (void **state)
{
  static const char *const rejected[] = {
    "2024/01/01", "2024-1-01", "2024-01-1", "20240101", "", " 2024-01-01", "2024-01-01 ",
    "2024-01-01T00:00", "24-01-01", "２０２４-01-01", "2024-01-0a", "+024-01-01", "2024_01-01",
    "2024-01_01", "2024-0a-01", "202a-01-01", "2024--1-01",
  };
  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    assert_date_rejected (rejected[i], strlen (rejected[i]), NULL);
  assert_date_rejected ("2024/01/01", 10, "date \"2024/01/01\" is not YYYY-MM-DD");
  assert_date_rejected ("2024-01-0\0", 10, "date \"2024-01-0\\x00\" is not YYYY-MM-DD");
  assert_date_rejected (NULL, 0, "date \"\" is not YYYY-MM-DD");
}

static void
test_date_parse__rejects_years_outside_1900_9999 (void **state)
{
  (void) state;
  assert_date_rejected ("1899-12-31", 10, "date \"1899-12-31\" has a year outside 1900..9999");
  assert_date_rejected ("0000-01-01", 10, NULL);
}

static void
test_date_parse__reads_only_len_bytes (void **state)
{
  gint32 day = 0;
  (void) state;
  assert_true (enforce_date_parse ("2024-02-29xyz", 10, &day, NULL));
  assert_int_equal (day, 19782);
}

static void
test_date_parse__guards_programmer_errors (void **state)
{
  gint32 day = 5;
  (void) state;
  assert_false (enforce_date_parse (NULL, 10, &day, NULL));
  assert_false (enforce_date_parse ("2024-01-01", 10, NULL, NULL));
  assert_int_equal (test_criticals, 2);
  assert_int_equal (day, 5);
}

/* Formatting. */

static void
test_date_format__writes_iso (void **state)
{
  char buf[11];
  (void) state;
  g_autofree char *s = enforce_date_format (19782);
  assert_string_equal (s, "2024-02-29");
  date_format_buf (-25567, buf);
  assert_string_equal (buf, "1900-01-01");
  date_format_buf (2932896, buf);
  assert_string_equal (buf, "9999-12-31");
  /* Year 0 (proleptic, a leap year) still has four digits. */
  date_format_buf (-719468, buf);
  assert_string_equal (buf, "0000-03-01");
  date_format_buf (-719469, buf);
  assert_string_equal (buf, "0000-02-29");
}

static void
test_date_format__marks_years_without_four_digits (void **state)
{
  char buf[11];
  (void) state;
  date_format_buf (DATE_NONE, buf);
  assert_string_equal (buf, "\?\?\?\?-\?\?-\?\?");
  date_format_buf (2932897, buf);  /* 10000-01-01 */
  assert_string_equal (buf, "\?\?\?\?-\?\?-\?\?");
  date_format_buf (-719469 - 366, buf);  /* year -1 */
  assert_string_equal (buf, "\?\?\?\?-\?\?-\?\?");
}

/* Conversions. */

static void
test_date_from_ymd__round_trips_every_day_1900_to_9999 (void **state)
{
  static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gint32 expected = -25567;  /* 1900-01-01 */
  (void) state;
  for (int y = 1900; y <= 9999; y++)
    {
      gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      for (int m = 1; m <= 12; m++)
        {
          int n = month_days[m - 1] + (m == 2 && leap);
          for (int d = 1; d <= n; d++, expected++)
            {
              gint32 day;
              int yy, mm, dd;
              if (!date_from_ymd (y, m, d, &day) || day != expected)
                fail_msg ("date_from_ymd(%d, %d, %d)", y, m, d);
              date_to_ymd (expected, &yy, &mm, &dd);
              if (yy != y || mm != m || dd != d)
                fail_msg ("date_to_ymd(%d) = %d-%d-%d", expected, yy, mm, dd);
            }
        }
    }
  assert_int_equal (expected, 2932897);
}

static void
test_date_from_ymd__rejects_invalid_fields (void **state)
{
  gint32 day = 9;
  (void) state;
  assert_false (date_from_ymd (0, 1, 1, &day));
  assert_false (date_from_ymd (DATE_MAX_YEAR + 1, 1, 1, &day));
  assert_false (date_from_ymd (2024, 0, 1, &day));
  assert_false (date_from_ymd (2024, 13, 1, &day));
  assert_false (date_from_ymd (2024, 1, 0, &day));
  assert_false (date_from_ymd (2024, 1, 32, &day));
  assert_false (date_from_ymd (2023, 2, 29, &day));
  assert_false (date_from_ymd (1900, 2, 29, &day));
  assert_int_equal (day, 9);
  assert_true (date_from_ymd (DATE_MIN_YEAR, 1, 1, &day));
  assert_true (date_from_ymd (DATE_MAX_YEAR, 12, 31, &day));
  assert_false (date_from_ymd (2024, 1, 1, NULL));
  assert_int_equal (test_criticals, 1);
}

static void
test_date_to_ymd__handles_extremes_and_null_outputs (void **state)
{
  int y = 0, m = 0, d = 0;
  (void) state;
  date_to_ymd (19782, NULL, NULL, NULL);
  date_to_ymd (19782, NULL, &m, NULL);
  assert_int_equal (m, 2);
  date_to_ymd (G_MAXINT32, &y, &m, &d);
  assert_true (y > DATE_MAX_YEAR);
  assert_true (m >= 1 && m <= 12 && d >= 1 && d <= 31);
  date_to_ymd (G_MININT32, &y, &m, &d);
  assert_true (y < DATE_MIN_YEAR);
  assert_true (m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

/* Hinnant's civil_from_days in signed 64-bit arithmetic, as date_to_ymd()
 * computed every day before it took the usual years by a faster form. */
static void
reference_to_ymd (gint32 day, int *year, int *month, int *day_of_month)
{
  gint64 z = (gint64) day + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;

  *day_of_month = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

static void
assert_to_ymd_matches_reference (gint64 day)
{
  int y, m, d, ry, rm, rd;

  date_to_ymd ((gint32) day, &y, &m, &d);
  reference_to_ymd ((gint32) day, &ry, &rm, &rd);
  if (y != ry || m != rm || d != rd)
    fail_msg ("date_to_ymd(%" G_GINT64_FORMAT ") = %d-%d-%d, expected %d-%d-%d",
              day, y, m, d, ry, rm, rd);
}

static void
test_date_to_ymd__agrees_with_the_reference_on_every_range (void **state)
{
  /* The fast form takes the days from -12699422 (year -32800) to
   * 2^30 - 12699423; the signed form the rest. */
  static const gint64 edges[] = { -12699422, 1073741824 - 12699422 };
  (void) state;

  /* Every day of years -4000 to 12000, around the edges of the fast
   * range, and every 997th day of the whole gint32 range. */
  for (gint64 day = -2180000; day <= 3664000; day++)
    assert_to_ymd_matches_reference (day);
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    for (gint64 day = edges[i] - 2000; day <= edges[i] + 2000; day++)
      assert_to_ymd_matches_reference (day);
  for (gint64 day = G_MININT32; day <= G_MAXINT32; day += 997)
    assert_to_ymd_matches_reference (day);
  assert_to_ymd_matches_reference (G_MAXINT32);
}

static void
test_date_weekday__monday_is_one (void **state)
{
  (void) state;
  assert_int_equal (date_weekday (0), 4);                     /* 1970-01-01 Thursday */
  assert_int_equal (date_weekday (-1), 3);                    /* 1969-12-31 Wednesday */
  assert_int_equal (date_weekday (-25567), 1);                /* 1900-01-01 Monday */
  assert_int_equal (date_weekday (ymd (2024, 2, 4)), 7);      /* Sunday */
  assert_int_equal (date_weekday (ymd (2024, 2, 10)), 6);     /* Saturday */
  assert_int_equal (date_weekday (ymd (9999, 12, 31)), 5);    /* Friday */
  assert_int_equal (date_weekday (G_MININT32), 2);
  for (gint32 day = -30; day < 30; day++)
    assert_int_equal (date_weekday (day + 1), date_weekday (day) % 7 + 1);
}

static void
test_date_add_years__keeps_month_and_day (void **state)
{
  (void) state;
  assert_int_equal (date_add_years (ymd (2023, 3, 15), 2), ymd (2025, 3, 15));
  assert_int_equal (date_add_years (ymd (2023, 3, 15), -2), ymd (2021, 3, 15));
  assert_int_equal (date_add_years (ymd (2023, 12, 31), 0), ymd (2023, 12, 31));
}

static void
test_date_add_years__moves_feb_29_to_feb_28 (void **state)
{
  (void) state;
  assert_int_equal (date_add_years (ymd (2024, 2, 29), 1), ymd (2025, 2, 28));
  assert_int_equal (date_add_years (ymd (2024, 2, 29), 4), ymd (2028, 2, 29));
  assert_int_equal (date_add_years (ymd (2096, 2, 29), 4), ymd (2100, 2, 28));
}

static void
test_date_add_years__refuses_years_out_of_range (void **state)
{
  (void) state;
  assert_int_equal (date_add_years (ymd (2024, 1, 1), DATE_MAX_YEAR), DATE_NONE);
  assert_int_equal (date_add_years (ymd (2024, 1, 1), -2024), DATE_NONE);
  assert_int_equal (date_add_years (ymd (2024, 1, 1), G_MAXINT), DATE_NONE);
  assert_int_equal (date_add_years (ymd (2024, 1, 1), -2023), ymd (1, 1, 1));
}

static void
test_date_age_on__counts_completed_years (void **state)
{
  gint32 birth = ymd (2010, 6, 15);
  (void) state;
  assert_int_equal (date_age_on (birth, ymd (2024, 6, 14)), 13);
  assert_int_equal (date_age_on (birth, ymd (2024, 6, 15)), 14);
  assert_int_equal (date_age_on (birth, ymd (2024, 6, 16)), 14);
  assert_int_equal (date_age_on (birth, ymd (2024, 5, 31)), 13);
  assert_int_equal (date_age_on (birth, ymd (2024, 7, 1)), 14);
  assert_int_equal (date_age_on (birth, birth), 0);
  assert_int_equal (date_age_on (birth, birth - 1), -1);
  /* A February birthday other than the 29th is not moved. */
  assert_int_equal (date_age_on (ymd (2010, 2, 28), ymd (2023, 2, 27)), 12);
  assert_int_equal (date_age_on (ymd (2010, 2, 28), ymd (2023, 2, 28)), 13);
}

static void
test_date_age_on__feb_29_birthday_is_feb_28_in_common_years (void **state)
{
  gint32 birth = ymd (2008, 2, 29);
  (void) state;
  assert_int_equal (date_age_on (birth, ymd (2022, 2, 27)), 13);
  assert_int_equal (date_age_on (birth, ymd (2022, 2, 28)), 14);
  assert_int_equal (date_age_on (birth, ymd (2024, 2, 28)), 15);
  assert_int_equal (date_age_on (birth, ymd (2024, 2, 29)), 16);
  /* Consistent with date_add_years(). */
  assert_int_equal (date_add_years (birth, 14), ymd (2022, 2, 28));
}

/* Calendars.  The 2024 Spring Festival as the test calendar states it:
 * days off 2024-02-10 (Sat) .. 2024-02-17 (Sat), make-up working days
 * 2024-02-04 (Sun) and 2024-02-18 (Sun). */

static gint32 spring_holidays[8];
static gint32 spring_workdays[2];
static CalendarYear spring_years[1];
static Calendar spring;

static int
setup_spring (void **state)
{
  test_count_criticals (state);
  for (int i = 0; i < 8; i++)
    spring_holidays[i] = ymd (2024, 2, 10 + i);
  spring_workdays[0] = ymd (2024, 2, 4);
  spring_workdays[1] = ymd (2024, 2, 18);
  spring_years[0] = (CalendarYear) { 2024, spring_holidays, 8, spring_workdays, 2, FALSE };
  spring = (Calendar) { spring_years, 1 };
  return 0;
}

static void
test_calendar_is_workday__spring_festival_2024 (void **state)
{
  (void) state;
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 4)), WORKDAY_YES);   /* Sun, make-up */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 8)), WORKDAY_YES);   /* Thu */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 9)), WORKDAY_YES);   /* Fri */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 10)), WORKDAY_NO);   /* Sat, off */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 12)), WORKDAY_NO);   /* Mon, off */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 17)), WORKDAY_NO);   /* Sat, off */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 18)), WORKDAY_YES);  /* Sun, make-up */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 19)), WORKDAY_YES);  /* Mon */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 24)), WORKDAY_NO);   /* Sat */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 2, 25)), WORKDAY_NO);   /* Sun */
  assert_int_equal (calendar_is_workday (&spring, ymd (2024, 1, 1)), WORKDAY_YES);   /* not listed here */
}

static void
test_calendar_is_workday__unknown_without_that_year (void **state)
{
  (void) state;
  assert_int_equal (calendar_is_workday (&spring, ymd (2023, 12, 29)), WORKDAY_UNKNOWN);
  assert_int_equal (calendar_is_workday (&spring, ymd (2025, 1, 2)), WORKDAY_UNKNOWN);
  assert_int_equal (calendar_is_workday (NULL, ymd (2024, 2, 8)), WORKDAY_UNKNOWN);
  assert_int_equal (calendar_is_workday (&spring, G_MAXINT32), WORKDAY_UNKNOWN);
  assert_int_equal (calendar_is_workday (&spring, G_MININT32), WORKDAY_UNKNOWN);
}

static gint32
add_ok (const Calendar *cal, gint32 from, int n)
{
  gint32 out = DATE_NONE;
  int missing = -1;
  assert_true (calendar_add_workdays (cal, from, n, &out, &missing));
  assert_int_equal (missing, -1);
  return out;
}

static void
test_calendar_add_workdays__five_after_2024_02_08_is_02_21 (void **state)
{
  (void) state;
  /* Working days strictly after Thu 2024-02-08:
   *   1  Fri 02-09
   *      Sat 02-10 .. Sat 02-17 days off (holiday)
   *   2  Sun 02-18 (make-up working day)
   *   3  Mon 02-19
   *   4  Tue 02-20
   *   5  Wed 02-21
   * So the fifth is 2024-02-21.  Forgetting the make-up day 02-18 would
   * give 02-22; 02-23 would also need 02-09 (除夕, a working day in this
   * calendar) taken as a day off. */
  assert_int_equal (add_ok (&spring, ymd (2024, 2, 8), 5), ymd (2024, 2, 21));
  assert_int_equal (add_ok (&spring, ymd (2024, 2, 8), 1), ymd (2024, 2, 9));
  assert_int_equal (add_ok (&spring, ymd (2024, 2, 8), 2), ymd (2024, 2, 18));
  assert_int_equal (add_ok (&spring, ymd (2024, 2, 9), 1), ymd (2024, 2, 18));
  /* Fri 02-02 → Sat 02-03 off, Sun 02-04 make-up. */
  assert_int_equal (add_ok (&spring, ymd (2024, 2, 2), 1), ymd (2024, 2, 4));
  /* Seven working days (Art. 61 delivery) after Fri 2024-02-09:
   * 18, 19, 20, 21, 22, 23, then Sat 24/Sun 25 off, Mon 26. */
  assert_int_equal (add_ok (&spring, ymd (2024, 2, 9), 7), ymd (2024, 2, 26));
  /* A start on a day off is not counted either way. */
  assert_int_equal (add_ok (&spring, ymd (2024, 2, 12), 1), ymd (2024, 2, 18));
}

static void
test_calendar_add_workdays__zero_is_the_start_day (void **state)
{
  (void) state;
  assert_int_equal (add_ok (&spring, ymd (2024, 2, 10), 0), ymd (2024, 2, 10));
  /* Even in a year the calendar lacks: no day is looked at. */
  assert_int_equal (add_ok (&spring, ymd (2030, 1, 1), 0), ymd (2030, 1, 1));
}

static void
test_calendar_add_workdays__stops_at_a_missing_year (void **state)
{
  gint32 out = 123;
  int missing = 0;
  (void) state;
  /* After Mon 12-30: Tue 12-31 (1), then 2025 has no calendar. */
  assert_false (calendar_add_workdays (&spring, ymd (2024, 12, 30), 2, &out, &missing));
  assert_int_equal (missing, 2025);
  assert_int_equal (out, 123);
  assert_int_equal (add_ok (&spring, ymd (2024, 12, 30), 1), ymd (2024, 12, 31));
  assert_false (calendar_add_workdays (&spring, ymd (2023, 12, 28), 1, &out, &missing));
  assert_int_equal (missing, 2023);
  assert_false (calendar_add_workdays (&spring, ymd (2023, 12, 28), 1, &out, NULL));
  assert_false (calendar_add_workdays (NULL, ymd (2024, 2, 8), 1, &out, &missing));
  assert_int_equal (missing, 2024);
  assert_int_equal (out, 123);
}

static void
test_calendar_add_workdays__crosses_into_the_next_calendar_year (void **state)
{
  gint32 holidays_2025[] = { ymd (2025, 1, 1) };
  CalendarYear years[] = {
    { 2024, spring_holidays, 8, spring_workdays, 2, FALSE },
    { 2025, holidays_2025, 1, NULL, 0, TRUE },
  };
  Calendar cal = { years, 2 };
  (void) state;
  /* Tue 12-31 (1), Wed 01-01 off, Thu 01-02 (2), Fri 01-03 (3). */
  assert_int_equal (add_ok (&cal, ymd (2024, 12, 30), 3), ymd (2025, 1, 3));
}

static void
test_calendar_add_workdays__ends_when_every_day_is_off (void **state)
{
  /* A hostile calendar: every day of 2024 is a holiday.  The walk crosses
   * the year and stops at 2025, which it does not know. */
  gint32 *all = g_new (gint32, 366);
  gint32 out = 0;
  int missing = 0;
  (void) state;
  for (int i = 0; i < 366; i++)
    all[i] = ymd (2024, 1, 1) + i;
  CalendarYear years[] = { { 2024, all, 366, NULL, 0, TRUE } };
  Calendar cal = { years, 1 };
  assert_false (calendar_add_workdays (&cal, ymd (2024, 1, 1), 1, &out, &missing));
  assert_int_equal (missing, 2025);
  g_free (all);
}

static void
test_calendar_add_workdays__stops_at_the_last_day_number (void **state)
{
  gint32 out = 0;
  int missing = 0;
  (void) state;
  assert_false (calendar_add_workdays (&spring, G_MAXINT32, 1, &out, &missing));
  assert_true (missing > DATE_MAX_YEAR);
}

static void
test_calendar_add_workdays__guards_programmer_errors (void **state)
{
  gint32 out = 0;
  (void) state;
  assert_false (calendar_add_workdays (&spring, ymd (2024, 2, 8), -1, &out, NULL));
  assert_false (calendar_add_workdays (&spring, ymd (2024, 2, 8), 1, NULL, NULL));
  assert_int_equal (test_criticals, 2);
}

/* The definition calendar_add_workdays() must agree with: ask
 * calendar_is_workday() about every day after @from in turn. */
static gboolean
add_day_by_day (const Calendar *cal, gint32 from, int n, gint32 *out, int *missing)
{
  gint32 day = from;

  for (int found = 0; found < n;)
    {
      WorkdayAnswer answer = calendar_is_workday (cal, ++day);
      if (answer == WORKDAY_UNKNOWN)
        {
          date_to_ymd (day, missing, NULL, NULL);
          return FALSE;
        }
      found += answer == WORKDAY_YES;
    }
  *out = day;
  return TRUE;
}

static void
test_calendar_add_workdays__agrees_with_is_workday_day_by_day (void **state)
{
  /* 2023 and 2024 with long holidays, make-up days, a repeated entry and
   * a day listed as both (the holiday wins, as in calendar_is_workday());
   * 2025 is missing, 2026 has only New Year's Day.  Every start day from
   * late 2022 to early 2027 and every count up to 40 (and a few long
   * ones) must give the day-by-day answer, or the same missing year. */
  gint32 h2023[] = { ymd (2023, 1, 1), ymd (2023, 1, 2), ymd (2023, 1, 21), ymd (2023, 1, 22),
                     ymd (2023, 1, 23), ymd (2023, 1, 24), ymd (2023, 1, 25), ymd (2023, 1, 26),
                     ymd (2023, 1, 27), ymd (2023, 10, 1), ymd (2023, 10, 2), ymd (2023, 10, 3),
                     ymd (2023, 10, 4), ymd (2023, 10, 5), ymd (2023, 10, 6), ymd (2023, 12, 29),
                     ymd (2023, 12, 30), ymd (2023, 12, 31) };
  gint32 w2023[] = { ymd (2023, 1, 28), ymd (2023, 1, 29), ymd (2023, 10, 7), ymd (2023, 10, 8) };
  gint32 h2024[] = { ymd (2024, 1, 1), ymd (2024, 2, 10), ymd (2024, 2, 11), ymd (2024, 2, 12),
                     ymd (2024, 2, 12), ymd (2024, 2, 13), ymd (2024, 2, 14), ymd (2024, 2, 15),
                     ymd (2024, 2, 16), ymd (2024, 2, 17), ymd (2024, 12, 31) };
  gint32 w2024[] = { ymd (2024, 2, 4), ymd (2024, 2, 18), ymd (2024, 2, 18), ymd (2024, 12, 31) };
  gint32 h2026[] = { ymd (2026, 1, 1) };
  CalendarYear years[] = {
    { 2023, h2023, G_N_ELEMENTS (h2023), w2023, G_N_ELEMENTS (w2023), TRUE },
    { 2024, h2024, G_N_ELEMENTS (h2024), w2024, G_N_ELEMENTS (w2024), TRUE },
    { 2026, h2026, G_N_ELEMENTS (h2026), NULL, 0, TRUE },
  };
  Calendar cal = { years, G_N_ELEMENTS (years) };
  static const int long_counts[] = { 100, 250, 251, 400 };
  (void) state;

  for (gint32 from = ymd (2022, 12, 20); from <= ymd (2027, 1, 10); from++)
    for (int k = 0; k < 41 + (int) G_N_ELEMENTS (long_counts); k++)
      {
        int n = k <= 40 ? k : long_counts[k - 41];
        gint32 want = DATE_NONE, got = DATE_NONE;
        int want_missing = -1, got_missing = -1;
        gboolean want_ok = add_day_by_day (&cal, from, n, &want, &want_missing);
        gboolean got_ok = calendar_add_workdays (&cal, from, n, &got, &got_missing);

        if (got_ok != want_ok || got != want || got_missing != want_missing)
          {
            char text[11];
            date_format_buf (from, text);
            fail_msg ("%s + %d working days: %d %d (missing %d), day by day %d %d (missing %d)",
                      text, n, got_ok, got, got_missing, want_ok, want, want_missing);
          }
      }
}

static void
test_calendar_span_verified__needs_every_year_verified (void **state)
{
  CalendarYear years[] = {
    { 2023, NULL, 0, NULL, 0, TRUE },
    { 2024, NULL, 0, NULL, 0, FALSE },
    { 2025, NULL, 0, NULL, 0, TRUE },
    { 2027, NULL, 0, NULL, 0, TRUE },
  };
  Calendar cal = { years, 4 };
  (void) state;
  assert_true (calendar_span_verified (&cal, ymd (2023, 5, 1), ymd (2023, 6, 1)));
  assert_true (calendar_span_verified (&cal, ymd (2023, 6, 1), ymd (2023, 5, 1)));
  assert_true (calendar_span_verified (&cal, ymd (2025, 1, 1), ymd (2025, 12, 31)));
  assert_false (calendar_span_verified (&cal, ymd (2023, 12, 1), ymd (2024, 1, 5)));  /* 2024 unverified */
  assert_false (calendar_span_verified (&cal, ymd (2024, 3, 1), ymd (2024, 3, 2)));
  assert_false (calendar_span_verified (&cal, ymd (2025, 6, 1), ymd (2027, 1, 1)));  /* 2026 missing */
  assert_false (calendar_span_verified (&cal, ymd (2027, 6, 1), ymd (2028, 1, 1)));  /* past the end */
  assert_false (calendar_span_verified (&cal, ymd (2022, 6, 1), ymd (2023, 1, 1)));  /* 2022 missing */
  assert_false (calendar_span_verified (NULL, ymd (2023, 5, 1), ymd (2023, 6, 1)));
}

#define T(name) cmocka_unit_test_setup (name, test_count_criticals)
#define S(name) cmocka_unit_test_setup (name, setup_spring)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_date_parse__accepts_calendar_days),
    T (test_date_parse__rejects_non_calendar_days),
    T (test_date_parse__rejects_other_shapes),
    T (test_date_parse__rejects_years_outside_1900_9999),
    T (test_date_parse__reads_only_len_bytes),
    T (test_date_parse__guards_programmer_errors),
    T (test_date_format__writes_iso),
    T (test_date_format__marks_years_without_four_digits),
    T (test_date_from_ymd__round_trips_every_day_1900_to_9999),
    T (test_date_from_ymd__rejects_invalid_fields),
    T (test_date_to_ymd__handles_extremes_and_null_outputs),
    T (test_date_to_ymd__agrees_with_the_reference_on_every_range),
    T (test_date_weekday__monday_is_one),
    T (test_date_add_years__keeps_month_and_day),
    T (test_date_add_years__moves_feb_29_to_feb_28),
    T (test_date_add_years__refuses_years_out_of_range),
    T (test_date_age_on__counts_completed_years),
    T (test_date_age_on__feb_29_birthday_is_feb_28_in_common_years),
    S (test_calendar_is_workday__spring_festival_2024),
    S (test_calendar_is_workday__unknown_without_that_year),
    S (test_calendar_add_workdays__five_after_2024_02_08_is_02_21),
    T (test_calendar_add_workdays__agrees_with_is_workday_day_by_day),
    S (test_calendar_add_workdays__zero_is_the_start_day),
    S (test_calendar_add_workdays__stops_at_a_missing_year),
    S (test_calendar_add_workdays__crosses_into_the_next_calendar_year),
    S (test_calendar_add_workdays__ends_when_every_day_is_off),
    S (test_calendar_add_workdays__stops_at_the_last_day_number),
    S (test_calendar_add_workdays__guards_programmer_errors),
    T (test_calendar_span_verified__needs_every_year_verified),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
