/* enforce-bench.c: how fast libenforce loads rules and recommends penalties.
 *
 * Not a test: nothing here decides pass or fail in CTest.  `make bench` runs
 * it on an optimised build and prints a table against the targets of
 * docs/performance.md.  Everything is generated from a fixed seed, so two
 * runs measure the same work:
 *
 *   - N benchmarks (default 2,000, and 20,000 for the large load figures),
 *     each with 3–5 tiers whose conditions read 4–6 facts of the types
 *     bool, integer, number, enum and money, and one of the fine forms
 *     range, fixed, max only, per unit and multiple; written as YAML bundles
 *     of 100 benchmarks per file next to a jurisdiction, two instruments and
 *     the 2024 calendar in a temporary directory (docs/rule-format.md);
 *   - M cases (default 10,000) as YAML documents and JSON lines in memory
 *     (docs/case-format.md), about 5 % of them missing a fact, so the
 *     undetermined path is part of the mix as in real batches.
 *
 * Reported (each time the median of --runs runs, default 5): rule-set load
 * time and peak RSS for both sizes (VmHWM of a fresh child process that
 * only loads), the size of the rule files, case parsing, recommendations per
 * second with the trace off and with the trace on plus JSON output, and the
 * JSON Lines batch (parse + recommend + JSON) on 1 and 2 threads.
 *
 * Modes:
 *   --callgrind  a fixed number of recommendations (trace off, then trace
 *                on + JSON) bracketed by callgrind client requests, for
 *                instruction counts per recommendation (bench/callgrind.sh);
 *   --allocs     only in enforce-bench-allocs, which counts every malloc in
 *                the process (alloc-count.c): allocations per recommendation.
 *
 * Only the public API is used (<enforce/enforce.h>).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <enforce/enforce.h>

#ifdef ENFORCE_BENCH_HAVE_CALLGRIND
#include <valgrind/callgrind.h>
#endif
#ifdef ENFORCE_BENCH_COUNT_ALLOCS
#include "alloc-count.h"
#endif

#define BENCHMARKS_PER_FILE 100
#define MAX_FACTS 6
#define SEED 0x9e3779b97f4a7c15ull

/* ------------------------------------------------------------------ */
/* Deterministic generator                                             */

typedef struct {
  guint64 state;
} Rng;

/* xorshift64: small, fast and the same on every machine. */
static guint64
rng_next (Rng *rng)
{
  guint64 x = rng->state;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  rng->state = x;
  return x;
}

static guint
rng_below (Rng *rng, guint n)
{
  return (guint) (rng_next (rng) % n);
}

static gboolean
rng_chance (Rng *rng, guint percent)
{
  return rng_below (rng, 100) < percent;
}

typedef enum {
  FACT_BOOL,
  FACT_INTEGER,
  FACT_NUMBER,
  FACT_ENUM,
  FACT_MONEY,
  N_FACT_TYPES
} FactType;

static const char *const FACT_TYPE_NAME[N_FACT_TYPES] = {
  "bool", "integer", "number", "enum", "money",
};
static const char *const FACT_PREFIX[N_FACT_TYPES] = {
  "flag", "count", "area", "level", "gains",
};
static const char *const LEVELS[] = { "low", "medium", "high", "severe" };

typedef enum {
  FORM_RANGE,
  FORM_FIXED,
  FORM_MAX_ONLY,
  FORM_PER_UNIT,
  FORM_MULTIPLE,
} FineForm;

typedef struct {
  char name[16];
  FactType type;
} Fact;

/* What the case generator needs to know about one benchmark. */
typedef struct {
  char id[32];
  Fact facts[MAX_FACTS];
  guint n_facts;
} Spec;

typedef struct {
  char *dir;                  /* temporary rule-set directory */
  guint n_benchmarks;
  Spec *specs;
  guint64 bytes;              /* size of every rule file written */
} RuleSetFiles;

static const char JURISDICTION[] =
  "kind: jurisdiction\n"
  "id: bench\n"
  "name: 性能测试辖区（生成数据）\n"
  "code: \"990100\"\n"
  "factors:\n"
  "  - {code: minor_14_17, direction: mitigating, mandatory: true, allows_reduction: true, label: 已满十四周岁不满十八周岁, basis: {instrument: cn-apl, article: 30}}\n"
  "  - {code: cooperated, direction: mitigating, label: 积极配合调查}\n"
  "  - {code: repeat, direction: aggravating, label: 一年内再次违法}\n"
  "parameters:\n"
  "  - effective_from: 2020-01-01\n"
  "    simple_procedure_cap: {individual: 200, organization: 3000, basis: {instrument: cn-apl, article: 51}}\n"
  "    onsite_collection_cap: {value: 100, basis: {instrument: cn-apl, article: 68}}\n"
  "    hearing_threshold: {individual: 5000, organization: 50000, basis: {instrument: cn-apl, article: 63}}\n"
  "    late_surcharge_percent_per_day: {value: 3, basis: {instrument: cn-apl, article: 72}}\n"
  "    payment_period_days: {value: 15, basis: {instrument: cn-apl, article: 67}}\n"
  "    case_period_days: {value: 90, basis: {instrument: cn-apl, article: 60}}\n"
  "    delivery_workdays: {value: 7, basis: {instrument: cn-apl, article: 61}}\n"
  "    hearing_request_workdays: {value: 5, basis: {instrument: cn-apl, article: 64}}\n"
  "    publication_workdays: {value: unknown}\n"
  "    limitation_years: {value: 2, basis: {instrument: cn-apl, article: 36}}\n"
  "    limitation_years_life_health_finance: {value: 5, basis: {instrument: cn-apl, article: 36}}\n"
  "    rounding: {unit: yuan, mode: half_up}\n"
  "    discretion_policy: {combine: tier_shift, start_percent: 50}\n"
  "provenance: {source: enforce-bench 生成的数据, verified: true}\n";

static const char INSTRUMENTS[] =
  "kind: bundle\n"
  "documents:\n"
  "  - kind: instrument\n"
  "    id: cn-apl\n"
  "    title: 中华人民共和国行政处罚法\n"
  "    level: law\n"
  "    issuer: 全国人民代表大会常务委员会\n"
  "    versions:\n"
  "      - {id: \"2021\", effective_from: 2021-07-15}\n"
  "  - kind: instrument\n"
  "    id: bench-reg\n"
  "    title: 性能测试条例（生成数据）\n"
  "    level: local_regulation\n"
  "    issuer: 性能测试辖区人民代表大会常务委员会\n"
  "    versions:\n"
  "      - {id: \"2020\", effective_from: 2020-01-01}\n";

/* Working-day deadlines need the calendar of every year they cross; the
 * cases' dates all fall in 2024 (holidays as in rules/cn/calendar/2024.yaml). */
static const char CALENDAR[] =
  "kind: calendar\n"
  "year: 2024\n"
  "holidays:\n"
  "  - 2024-01-01\n"
  "  - {from: 2024-02-10, to: 2024-02-17, name: 春节}\n"
  "  - {from: 2024-04-04, to: 2024-04-06, name: 清明节}\n"
  "  - {from: 2024-05-01, to: 2024-05-05, name: 劳动节}\n"
  "  - 2024-06-10\n"
  "  - {from: 2024-09-15, to: 2024-09-17, name: 中秋节}\n"
  "  - {from: 2024-10-01, to: 2024-10-07, name: 国庆节}\n"
  "workdays: [2024-02-04, 2024-02-18, 2024-04-07, 2024-04-28, 2024-05-11, 2024-09-14, 2024-09-29, 2024-10-12]\n"
  "provenance: {source: 国办发明电〔2023〕7号, verified: false}\n";

/* Tier classes and names for 3, 4 and 5 tiers, heaviest first. */
static const char *const TIER_CLASS[3][5] = {
  { "heavier", "general", "lighter" },
  { "heavier", "heavier", "general", "lighter" },
  { "heavier", "heavier", "general", "lighter", "lighter" },
};
static const char *const TIER_NAME[3][5] = {
  { "从重", "一般", "从轻" },
  { "特别严重", "严重", "一般", "从轻" },
  { "特别严重", "严重", "一般", "较轻", "轻微" },
};

/* Yuan amount in hundredths ("fen") written as YAML money text. */
static void
append_yuan (GString *out, gint64 fen)
{
  if (fen % 100 == 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, fen / 100);
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (fen % 100));
}

/* One atom of a condition over @fact.  @band is 0 for the heaviest tier
 * and grows for lighter ones, so heavier tiers need larger values. */
static void
append_atom (GString *out, Rng *rng, const Fact *fact, guint band)
{
  switch (fact->type)
    {
    case FACT_BOOL:
      g_string_append_printf (out, band % 2 == 0 ? "%s" : "not %s", fact->name);
      break;
    case FACT_INTEGER:
      g_string_append_printf (out, "%s >= %u", fact->name, 8 - MIN (band, 3u) * 2);
      break;
    case FACT_NUMBER:
      g_string_append_printf (out, "%s > %u.%02u", fact->name, 24 - band * 6, rng_below (rng, 100));
      break;
    case FACT_ENUM:
      if (band == 0)
        g_string_append_printf (out, "%s == severe", fact->name);
      else if (band == 1)
        g_string_append_printf (out, "%s in [high, severe]", fact->name);
      else
        g_string_append_printf (out, "%s not in [low]", fact->name);
      break;
    case FACT_MONEY:
      g_string_append_printf (out, "%s >= ", fact->name);
      append_yuan (out, (gint64) (15000 - band * 4000) * 100 + rng_below (rng, 2) * 50);
      break;
    case N_FACT_TYPES:
    default:
      g_assert_not_reached ();
    }
}

/* 1–3 atoms joined by and/or, sometimes with parentheses. */
static void
append_condition (GString *out, Rng *rng, const Spec *spec, guint band)
{
  guint atoms = 1 + rng_below (rng, 3);
  gboolean paren = atoms == 3 && rng_chance (rng, 50);

  if (paren)
    g_string_append_c (out, '(');
  for (guint i = 0; i < atoms; i++)
    {
      if (i > 0)
        g_string_append (out, rng_chance (rng, 60) ? " and " : " or ");
      append_atom (out, rng, &spec->facts[rng_below (rng, spec->n_facts)], band);
      if (paren && i == 1)
        g_string_append_c (out, ')');
    }
}

/* The fine of band @band out of @n (0 = lightest) inside the statutory
 * fine @lo..@hi (fen), in the given form. */
static void
append_band_fine (GString *out, FineForm form, gint64 lo, gint64 hi, guint band, guint n,
                  const char *quantity, const char *base)
{
  gint64 b_lo = lo + (hi - lo) * band / n;
  gint64 b_hi = lo + (hi - lo) * (band + 1) / n;

  switch (form)
    {
    case FORM_RANGE:
    case FORM_MAX_ONLY:
      if (form == FORM_MAX_ONLY && band == 0)
        {
          g_string_append (out, "{max: ");
          append_yuan (out, b_hi);
          g_string_append_c (out, '}');
          break;
        }
      if (form == FORM_RANGE && band == n - 1)
        {
          g_string_append (out, "{fixed: ");
          append_yuan (out, hi);
          g_string_append_c (out, '}');
          break;
        }
      g_string_append (out, "{min: ");
      append_yuan (out, b_lo);
      g_string_append (out, ", max: ");
      append_yuan (out, b_hi);
      g_string_append_c (out, '}');
      break;
    case FORM_PER_UNIT:
      g_string_append_printf (out, "{per_unit: %s, unit: 平方米, min: ", quantity);
      append_yuan (out, b_lo);
      g_string_append (out, ", max: ");
      append_yuan (out, b_hi);
      g_string_append (out, ", cap: ");
      append_yuan (out, hi * 500);
      g_string_append_c (out, '}');
      break;
    case FORM_MULTIPLE:
      /* times 1..5 split into bands, in hundredths; fallback likewise. */
      g_string_append_printf (out, "{multiple_of: %s, min_times: ", base);
      append_yuan (out, 100 + 400 * (gint64) band / n);
      g_string_append (out, ", max_times: ");
      append_yuan (out, 100 + 400 * (gint64) (band + 1) / n);
      g_string_append (out, ", fallback: {min: ");
      append_yuan (out, b_lo);
      g_string_append (out, ", max: ");
      append_yuan (out, b_hi);
      g_string_append (out, "}}");
      break;
    case FORM_FIXED:
    default:
      g_assert_not_reached ();
    }
}

/* The statutory fine: the whole of @lo..@hi in the given form. */
static void
append_statutory_fine (GString *out, FineForm form, gint64 lo, gint64 hi,
                       const char *quantity, const char *base)
{
  switch (form)
    {
    case FORM_FIXED:
      g_string_append (out, "{fixed: ");
      append_yuan (out, hi);
      g_string_append_c (out, '}');
      break;
    case FORM_MAX_ONLY:
      g_string_append (out, "{max: ");
      append_yuan (out, hi);
      g_string_append_c (out, '}');
      break;
    case FORM_RANGE:
      g_string_append (out, "{min: ");
      append_yuan (out, lo);
      g_string_append (out, ", max: ");
      append_yuan (out, hi);
      g_string_append_c (out, '}');
      break;
    case FORM_PER_UNIT:
    case FORM_MULTIPLE:
    default:
      append_band_fine (out, form, lo, hi, 0, 1, quantity, base);
      break;
    }
}

static FineForm
pick_form (Rng *rng)
{
  guint r = rng_below (rng, 100);

  return r < 40 ? FORM_RANGE : r < 55 ? FORM_FIXED : r < 70 ? FORM_MAX_ONLY
         : r < 85 ? FORM_PER_UNIT : FORM_MULTIPLE;
}

/* 4–6 facts; at least four distinct types, and the number (per unit) or
 * money (multiple) fact the fine form needs. */
static void
pick_facts (Rng *rng, Spec *spec, FineForm form)
{
  gboolean used[N_FACT_TYPES] = { FALSE };
  guint n = 4 + rng_below (rng, 3);
  guint distinct = 0;

  if (form == FORM_PER_UNIT)
    {
      used[FACT_NUMBER] = TRUE;
      distinct++;
    }
  if (form == FORM_MULTIPLE)
    {
      used[FACT_MONEY] = TRUE;
      distinct++;
    }
  while (distinct < 4)
    {
      guint t = rng_below (rng, N_FACT_TYPES);
      if (!used[t])
        {
          used[t] = TRUE;
          distinct++;
        }
    }
  spec->n_facts = 0;
  for (guint t = 0; t < N_FACT_TYPES; t++)
    if (used[t])
      {
        Fact *f = &spec->facts[spec->n_facts];
        f->type = (FactType) t;
        g_snprintf (f->name, sizeof f->name, "%s_%u", FACT_PREFIX[t], spec->n_facts);
        spec->n_facts++;
      }
  while (spec->n_facts < n)
    {
      Fact *f = &spec->facts[spec->n_facts];
      f->type = (FactType) rng_below (rng, N_FACT_TYPES);
      g_snprintf (f->name, sizeof f->name, "%s_%u", FACT_PREFIX[f->type], spec->n_facts);
      spec->n_facts++;
    }
}

static const char *
first_fact_of (const Spec *spec, FactType type)
{
  for (guint i = 0; i < spec->n_facts; i++)
    if (spec->facts[i].type == type)
      return spec->facts[i].name;
  return NULL;
}

/* A tier's fine for both party classes; organizations' amounts are ten
 * times individuals', as in the statutory fine. */
static void
append_tier_fine (GString *out, FineForm form, gint64 lo, gint64 hi, guint band, guint n,
                  const char *quantity, const char *base)
{
  g_string_append (out, "            fine: {individual: ");
  append_band_fine (out, form, lo, hi, band, n, quantity, base);
  g_string_append (out, ", organization: ");
  append_band_fine (out, form, lo * 10, hi * 10, band, n, quantity, base);
  g_string_append (out, "}\n");
}

static void
append_version (GString *out, Rng *rng, const Spec *spec, FineForm form,
                const char *from, const char *to)
{
  guint n_tiers = 3 + rng_below (rng, 3);
  const char *quantity = first_fact_of (spec, FACT_NUMBER);
  const char *base = first_fact_of (spec, FACT_MONEY);
  /* Statutory individual fine in fen: 50..500 yuan up to 10x that, or a
   * per-unit rate 5..50 yuan per square metre. */
  gint64 lo = (gint64) (50 + rng_below (rng, 10) * 50) * 100;
  gint64 hi = lo * (2 + rng_below (rng, 9));

  if (form == FORM_PER_UNIT)
    {
      lo = (gint64) (5 + rng_below (rng, 10)) * 100;
      hi = lo * 4;
    }

  g_string_append_printf (out, "      - effective_from: %s\n", from);
  if (to != NULL)
    g_string_append_printf (out, "        effective_to: %s\n", to);
  g_string_append (out, "        penalties:\n          individual: {kinds: [fine], fine: ");
  append_statutory_fine (out, form, lo, hi, quantity, base);
  g_string_append (out, "}\n          organization: {kinds: [fine], fine: ");
  append_statutory_fine (out, form, lo * 10, hi * 10, quantity, base);
  g_string_append (out, "}\n");
  if (rng_chance (rng, 20))
    g_string_append (out, "        policy: {combine: position, start_percent: 50, step_percent: 20}\n");
  if (quantity != NULL && rng_chance (rng, 30))
    g_string_append_printf (out,
      "        exemptions:\n"
      "          - kind: minor\n"
      "            when: %s < 1 and corrected and harm == none\n"
      "            text: 数量不足一且已改正\n"
      "            basis: {instrument: cn-apl, article: 33, paragraph: 1}\n", quantity);
  g_string_append (out, "        tiers:\n");
  for (guint k = 0; k < n_tiers; k++)
    {
      guint band = n_tiers - 1 - k;       /* listing is heaviest first */
      g_string_append_printf (out, "          - name: %s\n            class: %s\n",
                              TIER_NAME[n_tiers - 3][k], TIER_CLASS[n_tiers - 3][k]);
      if (k + 1 < n_tiers)
        {
          g_string_append (out, "            when: ");
          append_condition (out, rng, spec, k);
          g_string_append_c (out, '\n');
        }
      g_string_append_printf (out, "            text: 第%u档情形\n", k + 1);
      if (form != FORM_FIXED)
        append_tier_fine (out, form, lo, hi, band, n_tiers, quantity, base);
    }
}

/* One benchmark document as an item of a bundle's "documents:". */
static void
append_benchmark (GString *out, Rng *rng, Spec *spec, guint index)
{
  FineForm form = pick_form (rng);

  g_snprintf (spec->id, sizeof spec->id, "bench.%05u", index);
  pick_facts (rng, spec, form);
  g_string_append_printf (out,
    "  - kind: benchmark\n"
    "    id: %s\n"
    "    title: 生成的违法行为%u\n"
    "    violates: {instrument: bench-reg, article: %u}\n"
    "    penalized_by: {instrument: bench-reg, article: %u, paragraph: %u}\n"
    "    trigger: immediate\n"
    "    order: correct\n"
    "    order_text: 责令改正\n"
    "    life_health_finance: false\n"
    "    facts:\n",
    spec->id, index, 1 + index % 200, 1 + index % 200, 1 + index % 3);
  for (guint i = 0; i < spec->n_facts; i++)
    {
      const Fact *f = &spec->facts[i];
      g_string_append_printf (out, "      %s: {type: %s", f->name, FACT_TYPE_NAME[f->type]);
      if (f->type == FACT_ENUM)
        g_string_append (out, ", values: [low, medium, high, severe]");
      if (f->type == FACT_NUMBER)
        g_string_append (out, ", unit: 平方米");
      g_string_append_printf (out, ", label: 事实%u}\n", i);
    }
  g_string_append (out, "    versions:\n");
  /* One benchmark in ten has two versions, so law-in-force (Art. 37)
   * compares outcomes for cases decided after the change. */
  if (index % 10 == 0)
    {
      append_version (out, rng, spec, form, "2020-01-01", "2023-12-31");
      append_version (out, rng, spec, form, "2024-01-01", NULL);
    }
  else
    append_version (out, rng, spec, form, "2020-01-01", NULL);
}

static gboolean
write_file (const char *path, const GString *text, guint64 *bytes, GError **error)
{
  if (!g_file_set_contents (path, text->str, (gssize) text->len, error))
    return FALSE;
  *bytes += text->len;
  return TRUE;
}

/* Writes a rule set of @n benchmarks into a new temporary directory. */
static gboolean
rule_set_files_write (RuleSetFiles *files, guint n, GError **error)
{
  Rng rng = { SEED ^ n };
  g_autoptr(GString) text = g_string_sized_new (1 << 20);
  g_autofree char *bench_dir = NULL;

  memset (files, 0, sizeof *files);
  files->dir = g_dir_make_tmp ("enforce-bench-XXXXXX", error);
  if (files->dir == NULL)
    return FALSE;
  files->n_benchmarks = n;
  files->specs = g_new0 (Spec, n);

  g_autofree char *jpath = g_build_filename (files->dir, "jurisdiction.yaml", NULL);
  g_autofree char *ipath = g_build_filename (files->dir, "instruments.yaml", NULL);
  g_string_assign (text, JURISDICTION);
  if (!write_file (jpath, text, &files->bytes, error))
    return FALSE;
  g_string_assign (text, INSTRUMENTS);
  if (!write_file (ipath, text, &files->bytes, error))
    return FALSE;
  g_autofree char *cpath = g_build_filename (files->dir, "calendar-2024.yaml", NULL);
  g_string_assign (text, CALENDAR);
  if (!write_file (cpath, text, &files->bytes, error))
    return FALSE;

  bench_dir = g_build_filename (files->dir, "benchmarks", NULL);
  if (g_mkdir (bench_dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "%s: %s", bench_dir, g_strerror (errno));
      return FALSE;
    }
  for (guint first = 0; first < n; first += BENCHMARKS_PER_FILE)
    {
      g_string_assign (text, "kind: bundle\ndocuments:\n");
      for (guint i = first; i < n && i < first + BENCHMARKS_PER_FILE; i++)
        append_benchmark (text, &rng, &files->specs[i], i);
      g_autofree char *name = g_strdup_printf ("bundle-%05u.yaml", first / BENCHMARKS_PER_FILE);
      g_autofree char *path = g_build_filename (bench_dir, name, NULL);
      if (!write_file (path, text, &files->bytes, error))
        return FALSE;
    }
  return TRUE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
rule_set_files_clear (RuleSetFiles *files, gboolean keep)
{
  if (files->dir != NULL && !keep)
    remove_tree (files->dir);
  g_clear_pointer (&files->dir, g_free);
  g_clear_pointer (&files->specs, g_free);
}

/* ------------------------------------------------------------------ */
/* Cases                                                               */

typedef struct {
  GPtrArray *yaml;            /* char *: one YAML document per case */
  GString *jsonl;             /* the same cases, one JSON object per line */
  guint count;
} Cases;

/* One fact value as YAML text and as JSON text. */
static void
fact_value (Rng *rng, FactType type, char *yaml, char *json, gsize size)
{
  switch (type)
    {
    case FACT_BOOL:
      g_strlcpy (yaml, rng_chance (rng, 50) ? "true" : "false", size);
      g_strlcpy (json, yaml, size);
      break;
    case FACT_INTEGER:
      g_snprintf (yaml, size, "%u", rng_below (rng, 11));
      g_strlcpy (json, yaml, size);
      break;
    case FACT_NUMBER:
      g_snprintf (yaml, size, "%u.%02u", rng_below (rng, 31), rng_below (rng, 100));
      g_strlcpy (json, yaml, size);
      break;
    case FACT_ENUM:
      g_strlcpy (yaml, LEVELS[rng_below (rng, G_N_ELEMENTS (LEVELS))], size);
      g_snprintf (json, size, "\"%s\"", yaml);
      break;
    case FACT_MONEY:
      g_snprintf (yaml, size, "%u.%02u", rng_below (rng, 20001), rng_below (rng, 2) * 50);
      g_snprintf (json, size, "\"%s\"", yaml);
      break;
    case N_FACT_TYPES:
    default:
      g_assert_not_reached ();
    }
}

static const char *const HARM[] = { "none", "minor", "serious" };
static const char *const BOOL_TEXT[] = { "false", "true" };

static void
cases_generate (Cases *cases, const RuleSetFiles *rules, guint m)
{
  Rng rng = { SEED ^ 0xcafe };
  gint32 base_day = 0;
  g_autoptr(GString) y = g_string_new (NULL);
  g_autoptr(GString) j = g_string_new (NULL);

  enforce_date_parse ("2024-03-01", 10, &base_day, NULL);
  cases->yaml = g_ptr_array_new_with_free_func (g_free);
  cases->jsonl = g_string_sized_new ((gsize) m * 600);
  cases->count = m;

  for (guint i = 0; i < m; i++)
    {
      const Spec *spec = &rules->specs[rng_below (&rng, rules->n_benchmarks)];
      gboolean org = rng_chance (&rng, 30);
      guint skip = rng_chance (&rng, 5) ? rng_below (&rng, spec->n_facts) : G_MAXUINT;
      g_autofree char *act = enforce_date_format (base_day + (gint32) rng_below (&rng, 60));
      g_autofree char *found = enforce_date_format (base_day + 60 + (gint32) rng_below (&rng, 10));
      g_autofree char *decided = enforce_date_format (base_day + 90 + (gint32) rng_below (&rng, 30));
      const char *harm = HARM[rng_below (&rng, 3)];
      const char *corrected = BOOL_TEXT[rng_below (&rng, 2)];
      const char *minor = BOOL_TEXT[rng_chance (&rng, 10)];
      guint factor = rng_below (&rng, 4);       /* 0 none, 1 repeat, 2 cooperated, 3 both */

      g_string_printf (y, "id: case-%06u\nbenchmark: %s\nparty: ", i, spec->id);
      g_string_printf (j, "{\"id\": \"case-%06u\", \"benchmark\": \"%s\", \"party\": ", i, spec->id);
      if (org)
        {
          g_string_append (y, "{class: organization}\n");
          g_string_append (j, "{\"class\": \"organization\"}");
        }
      else
        {
          g_string_append (y, "{class: individual, age: 35, capacity: full}\n");
          g_string_append (j, "{\"class\": \"individual\", \"age\": 35, \"capacity\": \"full\"}");
        }
      g_string_append (y, "facts:\n");
      g_string_append (j, ", \"facts\": {");
      gboolean first = TRUE;
      for (guint f = 0; f < spec->n_facts; f++)
        {
          char yv[32], jv[32];
          fact_value (&rng, spec->facts[f].type, yv, jv, sizeof yv);
          if (f == skip)
            continue;
          g_string_append_printf (y, "  %s: %s\n", spec->facts[f].name, yv);
          g_string_append_printf (j, "%s\"%s\": %s", first ? "" : ", ", spec->facts[f].name, jv);
          first = FALSE;
        }
      g_string_append_printf (y,
        "circumstances: {minor: %s, corrected: %s, harm: %s, first_violation: false, no_fault: false}\n",
        minor, corrected, harm);
      g_string_append_printf (j,
        "}, \"circumstances\": {\"minor\": %s, \"corrected\": %s, \"harm\": \"%s\", "
        "\"first_violation\": false, \"no_fault\": false}", minor, corrected, harm);
      if (factor != 0)
        {
          const char *list = factor == 1 ? "repeat" : factor == 2 ? "cooperated" : "repeat, cooperated";
          const char *jlist = factor == 1 ? "\"repeat\"" : factor == 2 ? "\"cooperated\""
                                                                       : "\"repeat\", \"cooperated\"";
          g_string_append_printf (y, "factors: [%s]\n", list);
          g_string_append_printf (j, ", \"factors\": [%s]", jlist);
        }
      g_string_append_printf (y, "dates: {act: %s, discovered: %s, filed: %s, decided: %s}\n",
                              act, found, found, decided);
      g_string_append_printf (j, ", \"dates\": {\"act\": \"%s\", \"discovered\": \"%s\", "
                              "\"filed\": \"%s\", \"decided\": \"%s\"}", act, found, found, decided);
      g_string_append (y, "review: {complex: false, serious: false, major_public_interest: false, "
                          "hearing_held: false, other_required: false}\n");
      g_string_append (j, ", \"review\": {\"complex\": false, \"serious\": false, "
                          "\"major_public_interest\": false, \"hearing_held\": false, "
                          "\"other_required\": false}}\n");
      g_ptr_array_add (cases->yaml, g_strndup (y->str, y->len));
      g_string_append_len (cases->jsonl, j->str, (gssize) j->len);
    }
}

static void
cases_clear (Cases *cases)
{
  g_clear_pointer (&cases->yaml, g_ptr_array_unref);
  if (cases->jsonl != NULL)
    g_string_free (g_steal_pointer (&cases->jsonl), TRUE);
}

/* Parses every case; exits on the first failure (the generator is wrong). */
static EnforceCase **
cases_parse (const Cases *cases, gboolean json)
{
  EnforceCase **parsed = g_new0 (EnforceCase *, cases->count);
  const char *line = cases->jsonl->str;

  for (guint i = 0; i < cases->count; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *text;
      gsize len;
      if (json)
        {
          const char *end = strchr (line, '\n');
          text = line;
          len = (gsize) (end - line);
          line = end + 1;
        }
      else
        {
          text = cases->yaml->pdata[i];
          len = strlen (text);
        }
      parsed[i] = enforce_case_parse (text, len, json ? ENFORCE_FORMAT_JSON : ENFORCE_FORMAT_YAML,
                                      "bench", NULL, &error);
      if (parsed[i] == NULL)
        {
          g_printerr ("enforce-bench: generated case %u does not parse: %s\n%.*s\n",
                      i, error->message, (int) len, text);
          exit (1);
        }
    }
  return parsed;
}

static void
cases_free_parsed (EnforceCase **parsed, guint count)
{
  for (guint i = 0; i < count; i++)
    enforce_case_free (parsed[i]);
  g_free (parsed);
}

/* ------------------------------------------------------------------ */
/* Measuring                                                           */

/* Cases of the in-cache trace-off row. */
#define RESIDENT_CASES 256

typedef struct {
  guint runs;
  guint n_small;
  guint n_large;
  guint n_cases;
  guint passes;               /* passes over the cases per trace-off run */
  gboolean keep;
} Options;

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
median (gint64 *values, guint n)
{
  qsort (values, n, sizeof *values, compare_gint64);
  return values[n / 2];
}

/* @count items in @us microseconds, per second. */
static gint64
per_second (guint64 count, gint64 us)
{
  return us > 0 ? (gint64) (count * G_USEC_PER_SEC / (guint64) us) : 0;
}

static EnforceRuleSet *
load_or_die (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnforceDiagnostics) diags = NULL;
  EnforceRuleSet *rules = enforce_rule_set_load (dir, NULL, &diags, &error);

  if (rules == NULL)
    {
      g_autofree char *text = diags != NULL ? enforce_diagnostics_to_string (diags, ENFORCE_LANG_EN) : NULL;
      g_printerr ("enforce-bench: the generated rule set in %s does not load (kept): %s\n%s",
                  dir, error->message, text != NULL ? text : "");
      exit (1);
    }
  return rules;
}

static gint64
time_load (const char *dir, guint runs)
{
  g_autofree gint64 *us = g_new (gint64, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      EnforceRuleSet *rules = load_or_die (dir);
      us[r] = g_get_monotonic_time () - t0;
      enforce_rule_set_unref (rules);
    }
  return median (us, runs);
}

/* Peak RSS (KiB) of a fresh process that loads @dir, and of one that does
 * not (the baseline), so the figure is not inflated by this process's
 * generated cases and earlier loads. */
static gboolean
measure_rss (const char *self, const char *dir, gint64 *peak_kib, gint64 *baseline_kib)
{
  const char *argv_load[] = { self, "--rss-child", dir, NULL };
  const char *argv_base[] = { self, "--rss-child", "", NULL };
  const char *const *argvs[] = { argv_load, argv_base };
  gint64 *out[] = { peak_kib, baseline_kib };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *stdout_text = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;
      if (!g_spawn_sync (NULL, (char **) argvs[i], NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &stdout_text, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("enforce-bench: RSS child failed: %s\n", error->message);
          return FALSE;
        }
      *out[i] = g_ascii_strtoll (stdout_text, NULL, 10);
    }
  return TRUE;
}

/* Peak RSS of this process image, KiB.  VmHWM, not getrusage(): Linux
 * carries ru_maxrss across fork and exec, so a child spawned by a large
 * parent would report the parent's size. */
static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  struct rusage usage;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *hwm = strstr (status, "VmHWM:");
      if (hwm != NULL)
        return g_ascii_strtoll (hwm + strlen ("VmHWM:"), NULL, 10);
    }
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static int
rss_child (const char *dir)
{
  if (dir[0] != '\0')
    enforce_rule_set_unref (load_or_die (dir));
  printf ("%" G_GINT64_FORMAT "\n", peak_rss_kib ());
  return 0;
}

typedef struct {
  guint fine, no_penalty, warning, other, undetermined, errors;
} Mix;

/* One pass, trace off: the workload mix, so a table never reports the speed
 * of failing fast. */
static Mix
outcome_mix (const EnforceRuleSet *rules, EnforceCase **cases, guint n)
{
  Mix mix = { 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EnforceRecommendation) rec =
        enforce_recommend (rules, cases[i], NULL, ENFORCE_RECOMMEND_DEFAULT, &error);
      if (rec == NULL)
        {
          if (mix.errors++ == 0)
            g_printerr ("enforce-bench: first case error: %s\n", error->message);
          continue;
        }
      switch (enforce_recommendation_get_outcome (rec))
        {
        case ENFORCE_OUTCOME_FINE:
        case ENFORCE_OUTCOME_FINE_AND_OTHER: mix.fine++; break;
        case ENFORCE_OUTCOME_NO_PENALTY: mix.no_penalty++; break;
        case ENFORCE_OUTCOME_WARNING: mix.warning++; break;
        case ENFORCE_OUTCOME_OTHER: mix.other++; break;
        case ENFORCE_OUTCOME_UNDETERMINED:
        default: mix.undetermined++; break;
        }
    }
  return mix;
}

/* The timed loops are external and never inlined or cloned, so a profiler
 * finds them by name (callgrind --toggle-collect=bench_loop_trace_off). */
#if defined(__clang__)
#define BENCH_LOOP __attribute__ ((noinline))
#else
#define BENCH_LOOP __attribute__ ((noipa))
#endif

guint64 bench_loop_trace_off (const EnforceRuleSet *rules, EnforceCase **cases, guint n, guint passes);
guint64 bench_loop_trace_json (const EnforceRuleSet *rules, EnforceCase **cases, guint n);

/* Recommends every case @passes times with the trace off; returns the sum
 * of recommended amounts, so the work cannot be optimised away. */
BENCH_LOOP guint64
bench_loop_trace_off (const EnforceRuleSet *rules, EnforceCase **cases, guint n, guint passes)
{
  guint64 sum = 0;

  for (guint p = 0; p < passes; p++)
    for (guint i = 0; i < n; i++)
      {
        EnforceRecommendation *rec =
          enforce_recommend (rules, cases[i], NULL, ENFORCE_RECOMMEND_DEFAULT, NULL);
        gint64 amount = 0;
        if (rec != NULL && enforce_recommendation_get_amount (rec, &amount))
          sum += (guint64) amount;
        enforce_recommendation_free (rec);
      }
  return sum;
}

/* Recommends every case once with the trace on and renders it as JSON;
 * returns how many documents came back (each an object).  The count looks
 * at one byte of each: a strlen() of the ~10 KB document would walk it
 * all again, which is the benchmark's own cost, not the library's, and
 * was about 2% of the instructions this loop counts. */
BENCH_LOOP guint64
bench_loop_trace_json (const EnforceRuleSet *rules, EnforceCase **cases, guint n)
{
  guint64 documents = 0;

  for (guint i = 0; i < n; i++)
    {
      EnforceRecommendation *rec =
        enforce_recommend (rules, cases[i], NULL, ENFORCE_RECOMMEND_TRACE, NULL);
      if (rec == NULL)
        continue;
      char *json = enforce_recommendation_to_json (rec);
      documents += json != NULL && json[0] == '{';
      g_free (json);
      enforce_recommendation_free (rec);
    }
  return documents;
}

static gint64
time_batch (const EnforceRuleSet *rules, const Cases *cases, guint threads, guint runs,
            char **output)
{
  g_autofree gint64 *us = g_new (gint64, runs);

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      gsize out_len = 0;
      gint64 t0 = g_get_monotonic_time ();
      char *out = enforce_recommend_batch (rules, cases->jsonl->str, cases->jsonl->len, NULL,
                                           ENFORCE_RECOMMEND_DEFAULT, threads, NULL, &out_len, &error);
      us[r] = g_get_monotonic_time () - t0;
      if (out == NULL)
        {
          g_printerr ("enforce-bench: batch failed: %s\n", error->message);
          exit (1);
        }
      if (r + 1 == runs && output != NULL)
        *output = out;
      else
        g_free (out);
    }
  return median (us, runs);
}

/* ------------------------------------------------------------------ */
/* Report                                                              */

static void
row (const char *what, const char *target, const char *measured, const char *verdict)
{
  printf ("| %-52s | %-16s | %-22s | %-4s |\n", what, target, measured, verdict);
}

static const char *
verdict (gboolean ok)
{
  return ok ? "ok" : "MISS";
}

static char *
fmt_ms (gint64 us)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%01d ms", us / 1000, (int) (us % 1000 / 100));
}

static char *
fmt_rate (gint64 per_s, const char *unit)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", per_s, unit);
}

static char *
fmt_size (guint64 bytes)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%01u MiB", bytes >> 20,
                          (guint) ((bytes & 0xfffff) * 10 >> 20));
}

static void
report_load (const char *self, const RuleSetFiles *files, gint64 target_ms, guint runs)
{
  gint64 us = time_load (files->dir, runs);
  gint64 peak = 0, baseline = 0;
  g_autofree char *what = g_strdup_printf ("load %u benchmarks (%u files)", files->n_benchmarks,
                                           files->n_benchmarks / BENCHMARKS_PER_FILE + 3);
  g_autofree char *target = g_strdup_printf ("<= %" G_GINT64_FORMAT " ms", target_ms);
  g_autofree char *ms = fmt_ms (us);
  g_autofree char *size = fmt_size (files->bytes);

  row (what, target, ms, verdict (us <= target_ms * 1000));
  g_free (what);
  what = g_strdup_printf ("  size of the rule files (%u benchmarks)", files->n_benchmarks);
  row (what, "", size, "");
  if (measure_rss (self, files->dir, &peak, &baseline))
    {
      /* ru_maxrss is KiB on Linux. */
      guint64 limit_kib = files->bytes * 10 / 1024;
      g_autofree char *target_rss = g_strdup_printf ("<= %" G_GUINT64_FORMAT " MiB", limit_kib >> 10);
      g_autofree char *measured = g_strdup_printf ("%" G_GINT64_FORMAT " MiB (+%" G_GINT64_FORMAT " load)",
                                                   peak >> 10, (peak - baseline) >> 10);
      g_autofree char *ratio = g_strdup_printf ("  peak RSS, loading only (x%" G_GUINT64_FORMAT ".%01u of files)",
                                                (guint64) peak * 1024 / files->bytes,
                                                (guint) ((guint64) peak * 10240 / files->bytes % 10));
      row (ratio, target_rss, measured, verdict ((guint64) peak <= limit_kib));
    }
}

static int
run_benchmarks (const char *self, const Options *opt)
{
  RuleSetFiles small = { 0 }, large = { 0 };
  Cases cases = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *us = g_new (gint64, opt->runs);

  printf ("libenforce %s, enforce-bench: %u and %u benchmarks, %u cases, median of %u runs\n",
          enforce_version (), opt->n_small, opt->n_large, opt->n_cases, opt->runs);
  if (!rule_set_files_write (&small, opt->n_small, &error))
    {
      g_printerr ("enforce-bench: %s\n", error->message);
      return 1;
    }
  printf ("rule files: %s%s\n\n", small.dir, opt->keep ? " (kept)" : "");
  printf ("| %-52s | %-16s | %-22s | %-4s |\n", "measure", "target", "measured", "");
  printf ("|%s|%s|%s|%s|\n", "------------------------------------------------------",
          "------------------", "------------------------", "------");

  report_load (self, &small, 150, opt->runs);
  if (opt->n_large > 0)
    {
      if (!rule_set_files_write (&large, opt->n_large, &error))
        {
          g_printerr ("enforce-bench: %s\n", error->message);
          return 1;
        }
      report_load (self, &large, 1500, opt->runs);
      rule_set_files_clear (&large, opt->keep);
    }

  g_autoptr(EnforceRuleSet) rules = load_or_die (small.dir);
  cases_generate (&cases, &small, opt->n_cases);
  if (opt->keep)
    {
      /* The workload too, so a change can be checked against it
       * (enforce recommend --batch DIR.cases.jsonl). */
      g_autofree char *path = g_strconcat (small.dir, ".cases.jsonl", NULL);

      if (!g_file_set_contents (path, cases.jsonl->str, (gssize) cases.jsonl->len, &error))
        {
          g_printerr ("enforce-bench: %s\n", error->message);
          return 1;
        }
      g_printerr ("enforce-bench: cases kept in %s\n", path);
    }

  /* Case parsing, YAML and JSON. */
  EnforceCase **parsed = NULL;
  for (guint json = 0; json < 2; json++)
    {
      for (guint r = 0; r < opt->runs; r++)
        {
          gint64 t0 = g_get_monotonic_time ();
          EnforceCase **p = cases_parse (&cases, json);
          us[r] = g_get_monotonic_time () - t0;
          if (json == 0 && r + 1 == opt->runs)
            parsed = p;
          else
            cases_free_parsed (p, cases.count);
        }
      g_autofree char *rate = fmt_rate (per_second (cases.count, median (us, opt->runs)), "cases/s");
      row (json ? "parse cases, JSON" : "parse cases, YAML", "", rate, "");
    }

  Mix mix = outcome_mix (rules, parsed, cases.count);

  for (guint r = 0; r < opt->runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      bench_loop_trace_off (rules, parsed, cases.count, opt->passes);
      us[r] = g_get_monotonic_time () - t0;
    }
  gint64 off = per_second ((guint64) cases.count * opt->passes, median (us, opt->runs));
  g_autofree char *off_text = fmt_rate (off, "/s");
  g_autofree char *off_what = g_strdup_printf ("recommend, trace off, 1 thread (%u benchmarks)", opt->n_small);
  row (off_what, ">= 3000000 /s", off_text, verdict (off >= 3000000));

  /* The same loop over the first RESIDENT_CASES cases only, many passes:
   * their data and the benchmarks they use stay in cache, so the gap
   * between the two rows is the cost of reading cases and benchmarks from
   * memory (docs/performance.md).  Informative, not a target. */
  guint resident = MIN (cases.count, RESIDENT_CASES);
  guint resident_passes = MAX (1, cases.count * opt->passes / resident);
  for (guint r = 0; r < opt->runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      bench_loop_trace_off (rules, parsed, resident, resident_passes);
      us[r] = g_get_monotonic_time () - t0;
    }
  gint64 hot = per_second ((guint64) resident * resident_passes, median (us, opt->runs));
  g_autofree char *hot_text = fmt_rate (hot, "/s");
  g_autofree char *hot_what = g_strdup_printf ("  same, %u cases in cache", resident);
  row (hot_what, "", hot_text, "");

  /* The first case parsed into as many separate copies: as cold in memory
   * as the cases of the first row, but one benchmark and one path through
   * the engine, so the CPU predicts every branch.  With the row above it
   * tells what the first row pays for (docs/performance.md). */
  EnforceCase **copies = g_new0 (EnforceCase *, cases.count);
  const char *first = cases.yaml->pdata[0];
  for (guint i = 0; i < cases.count; i++)
    copies[i] = enforce_case_parse (first, strlen (first), ENFORCE_FORMAT_YAML, "bench", NULL, NULL);
  for (guint r = 0; r < opt->runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      bench_loop_trace_off (rules, copies, cases.count, opt->passes);
      us[r] = g_get_monotonic_time () - t0;
    }
  cases_free_parsed (copies, cases.count);
  gint64 one = per_second ((guint64) cases.count * opt->passes, median (us, opt->runs));
  g_autofree char *one_text = fmt_rate (one, "/s");
  g_autofree char *one_what = g_strdup_printf ("  same, one case copied %u times", cases.count);
  row (one_what, "", one_text, "");

  for (guint r = 0; r < opt->runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      bench_loop_trace_json (rules, parsed, cases.count);
      us[r] = g_get_monotonic_time () - t0;
    }
  gint64 on = per_second (cases.count, median (us, opt->runs));
  g_autofree char *on_text = fmt_rate (on, "/s");
  row ("recommend, trace on + JSON, 1 thread", ">= 300000 /s", on_text, verdict (on >= 300000));
  /* DESIGN.md section 4; the row is measured once validate exists. */
  row ("validate (case-file review), 1 thread", "", "not built yet", "");

  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  for (guint threads = 1; threads <= 2; threads++)
    {
      gint64 t = time_batch (rules, &cases, threads, opt->runs, threads == 1 ? &out1 : &out2);
      gint64 rate = per_second (cases.count, t);
      g_autofree char *text = fmt_rate (rate, "cases/s");
      g_autofree char *what = g_strdup_printf ("batch JSONL parse+recommend+JSON, %u thread%s",
                                               threads, threads > 1 ? "s" : "");
      if (threads == 2)
        row (what, ">= 300000 /s", text, verdict (rate >= 300000));
      else
        row (what, "", text, "");
    }

  printf ("\nworkload: %u fine, %u no penalty, %u warning, %u other, %u undetermined, %u case errors\n",
          mix.fine, mix.no_penalty, mix.warning, mix.other, mix.undetermined, mix.errors);
  printf ("batch output identical on 1 and 2 threads: %s\n",
          g_strcmp0 (out1, out2) == 0 ? "yes" : "NO (nondeterministic batch output)");
  printf ("processors: %u (the 2-thread figure needs 2 idle cores to mean anything)\n",
          g_get_num_processors ());

  cases_free_parsed (parsed, cases.count);
  cases_clear (&cases);
  rule_set_files_clear (&small, opt->keep);
  return mix.errors * 10 > cases.count ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Instruction counts and allocation counts                            */

#define CALLGRIND_RECOMMENDATIONS 1000

/* Fixed work for callgrind: CALLGRIND_RECOMMENDATIONS recommendations with
 * the trace off, then as many with the trace on + JSON, each phase dumped
 * separately (bench/callgrind.sh divides each total by the count). */
static int
run_callgrind (const Options *opt)
{
  RuleSetFiles files = { 0 };
  Cases cases = { 0 };
  g_autoptr(GError) error = NULL;

  if (!rule_set_files_write (&files, opt->n_small, &error))
    {
      g_printerr ("enforce-bench: %s\n", error->message);
      return 1;
    }
  g_autoptr(EnforceRuleSet) rules = load_or_die (files.dir);
  cases_generate (&cases, &files, CALLGRIND_RECOMMENDATIONS);
  EnforceCase **parsed = cases_parse (&cases, FALSE);

  /* Warm-up: first-use initialisation (quarks, lazy tables) is not part of
   * the per-recommendation cost. */
  bench_loop_trace_off (rules, parsed, cases.count, 1);
  bench_loop_trace_json (rules, parsed, cases.count);

  /* Collection is switched on by name for the two loop functions
   * (--toggle-collect, bench/callgrind.sh); the client requests only zero
   * the warm-up away and dump each phase on its own. */
#ifdef ENFORCE_BENCH_HAVE_CALLGRIND
  CALLGRIND_ZERO_STATS;
#endif
  bench_loop_trace_off (rules, parsed, cases.count, 1);
#ifdef ENFORCE_BENCH_HAVE_CALLGRIND
  CALLGRIND_DUMP_STATS_AT ("trace-off");
#endif
  bench_loop_trace_json (rules, parsed, cases.count);
#ifdef ENFORCE_BENCH_HAVE_CALLGRIND
  CALLGRIND_DUMP_STATS_AT ("trace-json");
#endif
  printf ("callgrind: %u recommendations per phase (trace-off, trace-json), %u benchmarks\n",
          cases.count, files.n_benchmarks);

  cases_free_parsed (parsed, cases.count);
  cases_clear (&cases);
  rule_set_files_clear (&files, FALSE);
  return 0;
}

#ifdef ENFORCE_BENCH_COUNT_ALLOCS
static void
count_allocs (const char *what, const EnforceRuleSet *rules, EnforceCase **parsed, guint n,
              gboolean trace)
{
  AllocCounts before, after;

  alloc_count_get (&before);
  if (trace)
    bench_loop_trace_json (rules, parsed, n);
  else
    bench_loop_trace_off (rules, parsed, n, 1);
  alloc_count_get (&after);
  guint64 total = after.allocations - before.allocations;
  guint64 reallocs = after.reallocations - before.reallocations;
  printf ("| %-46s | %10u | %12" G_GUINT64_FORMAT " | %4" G_GUINT64_FORMAT ".%02u | %8" G_GUINT64_FORMAT " |\n",
          what, n, total, total / n, (guint) (total * 100 / n % 100), reallocs);
}

/* Allocations per recommendation: every malloc/calloc/realloc/memalign in
 * the process is counted (alloc-count.c), glib's and libyaml's included. */
static int
run_allocs (const Options *opt)
{
  RuleSetFiles files = { 0 };
  Cases cases = { 0 };
  g_autoptr(GError) error = NULL;

  if (!rule_set_files_write (&files, opt->n_small, &error))
    {
      g_printerr ("enforce-bench: %s\n", error->message);
      return 1;
    }
  g_autoptr(EnforceRuleSet) rules = load_or_die (files.dir);
  cases_generate (&cases, &files, opt->n_cases);
  EnforceCase **parsed = cases_parse (&cases, FALSE);
  Mix mix = outcome_mix (rules, parsed, cases.count);      /* also the warm-up */

  printf ("allocations counted over %u cases, %u benchmarks (%u fine, %u no penalty, %u undetermined, %u errors)\n\n",
          cases.count, files.n_benchmarks, mix.fine, mix.no_penalty, mix.undetermined, mix.errors);
  printf ("| %-46s | %10s | %12s | %7s | %8s |\n", "path", "recs", "allocations", "per rec", "reallocs");
  printf ("|%s|%s|%s|%s|%s|\n", "------------------------------------------------", "------------",
          "--------------", "---------", "----------");
  count_allocs ("recommend, trace off (target: 1 = the result)", rules, parsed, cases.count, FALSE);
  count_allocs ("recommend, trace on + JSON (for information)", rules, parsed, cases.count, TRUE);

  cases_free_parsed (parsed, cases.count);
  cases_clear (&cases);
  rule_set_files_clear (&files, FALSE);
  return 0;
}
#endif

/* ------------------------------------------------------------------ */

int
main (int argc, char **argv)
{
  Options opt = { .runs = 5, .n_small = 2000, .n_large = 20000, .n_cases = 10000, .passes = 10 };
  gboolean callgrind = FALSE, allocs = FALSE;
  char *rss_dir = NULL;
  int n_small = 2000, n_large = 20000, n_cases = 10000, runs = 5, passes = 10;
  GOptionEntry entries[] = {
    { "benchmarks", 'n', 0, G_OPTION_ARG_INT, &n_small, "Benchmarks in the main rule set (2000)", "N" },
    { "large", 'l', 0, G_OPTION_ARG_INT, &n_large, "Benchmarks in the large rule set, 0 to skip (20000)", "N" },
    { "cases", 'm', 0, G_OPTION_ARG_INT, &n_cases, "Cases (10000)", "M" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs per measure; the median is reported (5)", "R" },
    { "passes", 'p', 0, G_OPTION_ARG_INT, &passes, "Passes over the cases per trace-off run (10)", "P" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &opt.keep, "Keep the generated rule files, and the cases as DIR.cases.jsonl", NULL },
    { "callgrind", 0, 0, G_OPTION_ARG_NONE, &callgrind, "Fixed work for valgrind --tool=callgrind", NULL },
    { "allocs", 0, 0, G_OPTION_ARG_NONE, &allocs, "Count allocations per recommendation (enforce-bench-allocs)", NULL },
    { "rss-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &rss_dir, "internal", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

#ifdef ENFORCE_BENCH_COUNT_ALLOCS
  /* GLib 2.74's GString and GPtrArray headers come from g_slice, whose
   * magazines hide allocations from malloc; count them as the mallocs they
   * are.  The setting is read once, early, hence the re-exec. */
  if (g_getenv ("G_SLICE") == NULL)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      execv ("/proc/self/exe", argv);
    }
#endif
  context = g_option_context_new ("- libenforce performance benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("enforce-bench: %s\n", error->message);
      return 2;
    }
  if (rss_dir != NULL)
    return rss_child (rss_dir);
  if (n_small < 1 || n_large < 0 || n_cases < 1 || runs < 1 || passes < 1)
    {
      g_printerr ("enforce-bench: counts must be positive\n");
      return 2;
    }
  opt.n_small = (guint) n_small;
  opt.n_large = (guint) n_large;
  opt.n_cases = (guint) n_cases;
  opt.runs = (guint) runs;
  opt.passes = (guint) passes;

  if (callgrind)
    return run_callgrind (&opt);
  if (allocs)
    {
#ifdef ENFORCE_BENCH_COUNT_ALLOCS
      return run_allocs (&opt);
#else
      g_printerr ("enforce-bench: --allocs needs enforce-bench-allocs (malloc is not counted here)\n");
      return 2;
#endif
    }
  /* /proc/self/exe: the RSS children must be this very binary. */
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  return run_benchmarks (self != NULL ? self : argv[0], &opt);
}
