/* test-concurrency.c: one rule set, many threads.
 *
 * A loaded rule set is immutable, so N threads recommending over the same
 * case mix must produce exactly the multiset of results one thread
 * produces.  A second test swaps in a freshly loaded rule set every 10 ms
 * while readers evaluate: readers hold their own reference, so the old set
 * is freed by whichever thread drops the last one.  A third runs with the
 * trace and JSON on, through the one piece of process-wide state
 * evaluation writes: rec-trace.c's cache of parsed message formats, filled
 * lock-free on first use.  Run under ThreadSanitizer by `make test`.
 *
 * The swap is guarded by a pthread mutex rather than a GMutex: GLib's
 * futex-based GMutex is invisible to ThreadSanitizer.
 *
 * ENFORCE_CONCURRENCY_ITERATIONS overrides the per-thread count (default
 * 100000, as the reliability issue asks).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <enforce/enforce.h>
#include "test-util.h"

#define N_CASES 6

static const char *const CASES[N_CASES] = {
  "{\"benchmark\":\"b.area\",\"party\":{\"class\":\"individual\",\"age\":30,\"capacity\":\"full\"},"
  "\"facts\":{\"area_m2\":2.5,\"repeat\":false},"
  "\"circumstances\":{\"minor\":false,\"corrected\":false,\"harm\":\"minor\",\"first_violation\":true,\"no_fault\":false},"
  "\"dates\":{\"act\":\"2024-05-10\",\"discovered\":\"2024-05-10\"}}",
  "{\"benchmark\":\"b.area\",\"party\":{\"class\":\"organization\"},"
  "\"facts\":{\"area_m2\":20,\"repeat\":true},"
  "\"circumstances\":{\"minor\":false,\"corrected\":false,\"harm\":\"minor\",\"first_violation\":false,\"no_fault\":false},"
  "\"dates\":{\"act\":\"2024-05-10\",\"discovered\":\"2024-05-11\"}}",
  "{\"benchmark\":\"b.area\",\"party\":{\"class\":\"individual\",\"age\":40,\"capacity\":\"full\"},"
  "\"facts\":{\"area_m2\":80,\"repeat\":true},"
  "\"circumstances\":{\"minor\":false,\"corrected\":false,\"harm\":\"serious\",\"first_violation\":false,\"no_fault\":false},"
  "\"dates\":{\"act\":\"2024-05-10\",\"discovered\":\"2024-05-12\"}}",
  /* Undetermined: area unknown. */
  "{\"benchmark\":\"b.area\",\"party\":{\"class\":\"individual\",\"age\":40,\"capacity\":\"full\"},"
  "\"facts\":{\"repeat\":false},"
  "\"circumstances\":{\"minor\":false,\"corrected\":false,\"harm\":\"minor\",\"first_violation\":true,\"no_fault\":false},"
  "\"dates\":{\"act\":\"2024-05-10\",\"discovered\":\"2024-05-12\"}}",
  /* Art. 33 ¶1: minor, corrected, no harm → no penalty. */
  "{\"benchmark\":\"b.area\",\"party\":{\"class\":\"individual\",\"age\":40,\"capacity\":\"full\"},"
  "\"facts\":{\"area_m2\":1,\"repeat\":false},"
  "\"circumstances\":{\"minor\":true,\"corrected\":true,\"harm\":\"none\",\"first_violation\":true,\"no_fault\":false},"
  "\"dates\":{\"act\":\"2024-05-10\",\"discovered\":\"2024-05-12\"}}",
  /* Art. 30: under 14 → no penalty. */
  "{\"benchmark\":\"b.area\",\"party\":{\"class\":\"individual\",\"age\":13,\"capacity\":\"full\"},"
  "\"facts\":{\"area_m2\":10,\"repeat\":false},"
  "\"circumstances\":{\"minor\":false,\"corrected\":false,\"harm\":\"minor\",\"first_violation\":true,\"no_fault\":false},"
  "\"dates\":{\"act\":\"2024-05-10\",\"discovered\":\"2024-05-12\"}}",
};

typedef struct {
  EnforceRuleSet *rules;           /* fixed set (test 1) */
  pthread_mutex_t *lock;           /* swapped set (test 2) */
  EnforceRuleSet **current;
  EnforceCase *const *cases;
  guint iterations;
  guint thread_index;
  gint64 counts[N_CASES][8];       /* per case: outcome histogram */
  gint64 amount_sum[N_CASES];
  guint failures;
} Worker;

static guint
iterations_from_env (void)
{
  const char *s = g_getenv ("ENFORCE_CONCURRENCY_ITERATIONS");
  guint64 v = s ? g_ascii_strtoull (s, NULL, 10) : 0;
  return v > 0 && v < G_MAXUINT ? (guint) v : 100000;
}

/* Counts @rec (taken; NULL is a failure) in case @c's histogram. */
static void
tally (Worker *w, guint c, EnforceRecommendation *rec)
{
  gint64 fen = 0;
  if (rec == NULL)
    {
      w->failures++;
      return;
    }
  w->counts[c][enforce_recommendation_get_outcome (rec)]++;
  if (enforce_recommendation_get_amount (rec, &fen))
    w->amount_sum[c] += fen;
  enforce_recommendation_free (rec);
}

static gpointer
run_fixed (gpointer data)
{
  Worker *w = data;
  for (guint i = 0; i < w->iterations; i++)
    {
      guint c = (i + w->thread_index) % N_CASES;
      EnforceRecommendation *rec = enforce_recommend (w->rules, w->cases[c], NULL,
                                                      ENFORCE_RECOMMEND_DEFAULT, NULL);
      tally (w, c, rec);
    }
  return NULL;
}

static void
parse_cases (EnforceCase *cases[N_CASES])
{
  for (guint c = 0; c < N_CASES; c++)
    {
      g_autoptr (GError) error = NULL;
      cases[c] = enforce_case_parse (CASES[c], strlen (CASES[c]), ENFORCE_FORMAT_JSON,
                                     "case", NULL, &error);
      if (cases[c] == NULL)
        fail_msg ("case %u did not parse: %s", c, error->message);
    }
}

/* Each thread starts at a different offset into the case mix, so per-case
 * histograms (not per-thread sequences) are what must match. */
static void
test_concurrency__threads_agree_with_single_thread (void **state)
{
  (void) state;
  EnforceRuleSet *rules = test_load_rules (TEST_AREA_RULES);
  EnforceCase *cases[N_CASES];
  guint iterations = iterations_from_env ();
  static const guint thread_counts[] = { 1, 2, 4, 8, 16 };
  gint64 reference[N_CASES][8] = { { 0 } };
  gint64 reference_amount[N_CASES] = { 0 };

  parse_cases (cases);
  for (guint t = 0; t < G_N_ELEMENTS (thread_counts); t++)
    {
      guint n = thread_counts[t];
      g_autofree Worker *workers = g_new0 (Worker, n);
      g_autofree GThread **threads = g_new0 (GThread *, n);
      gint64 counts[N_CASES][8] = { { 0 } };
      gint64 amount[N_CASES] = { 0 };

      for (guint i = 0; i < n; i++)
        {
          workers[i] = (Worker) { .rules = rules, .cases = cases,
                                  .iterations = iterations, .thread_index = i };
          threads[i] = g_thread_new ("recommend", run_fixed, &workers[i]);
        }
      for (guint i = 0; i < n; i++)
        {
          g_thread_join (threads[i]);
          assert_int_equal (workers[i].failures, 0);
          for (guint c = 0; c < N_CASES; c++)
            {
              for (guint o = 0; o < 8; o++)
                counts[c][o] += workers[i].counts[c][o];
              amount[c] += workers[i].amount_sum[c];
            }
        }

      /* Scale the single-thread histogram by n: every thread sees the same
       * number of each case when iterations is a multiple of N_CASES, and
       * off by at most one otherwise, so compare per evaluation instead. */
      for (guint c = 0; c < N_CASES; c++)
        {
          gint64 evals = 0;
          for (guint o = 0; o < 8; o++)
            evals += counts[c][o];
          assert_true (evals > 0);
          if (t == 0)
            {
              memcpy (reference[c], counts[c], sizeof counts[c]);
              reference_amount[c] = amount[c];
              /* One outcome per case: evaluation is deterministic. */
              guint distinct = 0;
              for (guint o = 0; o < 8; o++)
                distinct += counts[c][o] != 0;
              assert_int_equal (distinct, 1);
              continue;
            }
          gint64 ref_evals = 0;
          for (guint o = 0; o < 8; o++)
            ref_evals += reference[c][o];
          for (guint o = 0; o < 8; o++)
            assert_true (counts[c][o] * ref_evals == reference[c][o] * evals);
          assert_true (amount[c] * ref_evals == reference_amount[c] * evals);
        }
    }

  /* The mix covers fine, no-penalty and undetermined outcomes. */
  assert_true (reference[0][ENFORCE_OUTCOME_FINE] > 0);
  assert_true (reference[3][ENFORCE_OUTCOME_UNDETERMINED] > 0);
  assert_true (reference[4][ENFORCE_OUTCOME_NO_PENALTY] > 0);
  assert_true (reference[5][ENFORCE_OUTCOME_NO_PENALTY] > 0);

  for (guint c = 0; c < N_CASES; c++)
    enforce_case_free (cases[c]);
  enforce_rule_set_unref (rules);
}

typedef struct {
  pthread_mutex_t *lock;
  EnforceRuleSet **current;
  gint *stop;
  guint swaps;
} Writer;

static gpointer
run_writer (gpointer data)
{
  Writer *wr = data;
  while (!g_atomic_int_get (wr->stop))
    {
      EnforceRuleSet *fresh = test_load_rules (TEST_AREA_RULES);
      pthread_mutex_lock (wr->lock);
      EnforceRuleSet *old = *wr->current;
      *wr->current = fresh;
      pthread_mutex_unlock (wr->lock);
      enforce_rule_set_unref (old);          /* readers may still hold it */
      wr->swaps++;
      g_usleep (10 * 1000);
    }
  return NULL;
}

static gpointer
run_swapping (gpointer data)
{
  Worker *w = data;
  for (guint i = 0; i < w->iterations; i++)
    {
      guint c = (i + w->thread_index) % N_CASES;
      pthread_mutex_lock (w->lock);
      EnforceRuleSet *rules = enforce_rule_set_ref (*w->current);
      pthread_mutex_unlock (w->lock);
      EnforceRecommendation *rec = enforce_recommend (rules, w->cases[c], NULL,
                                                      ENFORCE_RECOMMEND_DEFAULT, NULL);
      enforce_rule_set_unref (rules);        /* the recommendation keeps its own reference */
      tally (w, c, rec);
    }
  return NULL;
}

static void
test_concurrency__rule_set_swapped_under_readers (void **state)
{
  (void) state;
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  EnforceRuleSet *current = test_load_rules (TEST_AREA_RULES);
  EnforceCase *cases[N_CASES];
  gint stop = 0;
  Writer writer = { &lock, &current, &stop, 0 };
  enum { READERS = 4 };
  Worker workers[READERS];
  GThread *threads[READERS];
  guint iterations = iterations_from_env ();

  parse_cases (cases);
  GThread *wthread = g_thread_new ("writer", run_writer, &writer);
  for (guint i = 0; i < READERS; i++)
    {
      workers[i] = (Worker) { .lock = &lock, .current = &current, .cases = cases,
                              .iterations = iterations, .thread_index = i };
      threads[i] = g_thread_new ("reader", run_swapping, &workers[i]);
    }
  for (guint i = 0; i < READERS; i++)
    g_thread_join (threads[i]);
  g_atomic_int_set (&stop, 1);
  g_thread_join (wthread);

  for (guint i = 0; i < READERS; i++)
    {
      assert_int_equal (workers[i].failures, 0);
      /* Every freshly loaded set gives the same answers. */
      for (guint c = 0; c < N_CASES; c++)
        {
          guint distinct = 0;
          for (guint o = 0; o < 8; o++)
            distinct += workers[i].counts[c][o] != 0;
          assert_int_equal (distinct, 1);
        }
    }
  assert_true (writer.swaps >= 1);

  for (guint c = 0; c < N_CASES; c++)
    enforce_case_free (cases[c]);
  enforce_rule_set_unref (current);
  pthread_mutex_destroy (&lock);
}

/* Traced: each thread keeps the JSON of its first recommendation of each
 * case and counts any later one that differs. */
typedef struct {
  EnforceRuleSet *rules;
  EnforceCase *const *cases;
  const gint *start;
  guint iterations;
  guint thread_index;
  char *json[N_CASES];
  guint mismatches;
  guint failures;
} TracedWorker;

static char *
traced_json (EnforceRuleSet *rules, EnforceCase *kase)
{
  EnforceRecommendation *rec = enforce_recommend (rules, kase, "2026-01-01",
                                                  ENFORCE_RECOMMEND_TRACE, NULL);
  char *json = rec ? enforce_recommendation_to_json (rec) : NULL;

  enforce_recommendation_free (rec);
  return json;
}

static gpointer
run_traced (gpointer data)
{
  TracedWorker *w = data;

  /* Start together, so the first uses of every format race. */
  while (!g_atomic_int_get (w->start))
    g_thread_yield ();
  for (guint i = 0; i < w->iterations; i++)
    {
      guint c = (i + w->thread_index) % N_CASES;
      char *json = traced_json (w->rules, w->cases[c]);

      if (json == NULL)
        w->failures++;
      else if (w->json[c] == NULL)
        w->json[c] = g_steal_pointer (&json);
      else if (strcmp (json, w->json[c]) != 0)
        w->mismatches++;
      g_free (json);
    }
  return NULL;
}

static void
test_concurrency__traced_json_agrees_across_threads (void **state)
{
  (void) state;
  EnforceRuleSet *rules = test_load_rules (TEST_AREA_RULES);
  EnforceCase *cases[N_CASES];
  gint start = 0;
  enum { THREADS = 8 };
  TracedWorker workers[THREADS];
  GThread *threads[THREADS];
  /* Enough for every thread to meet every case several times; a traced
   * recommendation costs far more than one without. */
  guint iterations = MAX (iterations_from_env () / 200, 3 * N_CASES);

  parse_cases (cases);
  for (guint i = 0; i < THREADS; i++)
    {
      workers[i] = (TracedWorker) { .rules = rules, .cases = cases, .start = &start,
                                    .iterations = iterations, .thread_index = i };
      threads[i] = g_thread_new ("traced", run_traced, &workers[i]);
    }
  g_atomic_int_set (&start, 1);
  for (guint i = 0; i < THREADS; i++)
    g_thread_join (threads[i]);

  /* One thread, afterwards, is the reference. */
  for (guint c = 0; c < N_CASES; c++)
    {
      g_autofree char *expected = traced_json (rules, cases[c]);

      assert_non_null (expected);
      /* A trace with steps: the messages went through the cache. */
      assert_non_null (strstr (expected, "\"trace\":[{"));
      for (guint i = 0; i < THREADS; i++)
        {
          assert_int_equal (workers[i].failures, 0);
          assert_int_equal (workers[i].mismatches, 0);
          assert_non_null (workers[i].json[c]);
          assert_string_equal (workers[i].json[c], expected);
        }
    }

  for (guint i = 0; i < THREADS; i++)
    for (guint c = 0; c < N_CASES; c++)
      g_free (workers[i].json[c]);
  for (guint c = 0; c < N_CASES; c++)
    enforce_case_free (cases[c]);
  enforce_rule_set_unref (rules);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    /* First: the format cache is still empty (the others run untraced). */
    cmocka_unit_test (test_concurrency__traced_json_agrees_across_threads),
    cmocka_unit_test (test_concurrency__threads_agree_with_single_thread),
    cmocka_unit_test (test_concurrency__rule_set_swapped_under_readers),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
