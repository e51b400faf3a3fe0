/* enforce.i: the language-neutral SWIG interface of libenforce.
 *
 * One class per library object (RuleSet, Case, Recommendation, Diagnostics,
 * Limits, TestReport) plus two holders of static functions (Money, Dates).
 * Every method is an %extend over the public C API of <enforce/enforce.h>;
 * the bindings add no rule, no arithmetic and no default the library lacks.
 * The per-language files (python/enforce_python.i, java/enforce_java.i) are
 * what SWIG is run on: each names its module, defines how text, bytes,
 * errors and object lifetimes look in its language, then includes this file.
 * (The module names differ - enforce.native inside the Python package,
 * org.libenforce.Enforce in Java - and UseSWIG derives its outputs from the
 * file it runs on, so %module lives there.)
 *
 * Why each class wraps a small Handle instead of the library pointer itself:
 * a host language must be able to close an object twice, call it after it
 * was closed, or close it on one thread while another thread is inside a
 * call that released the GIL (Python) or simply runs in parallel (Java) -
 * and none of that may crash.  A Handle is owned by the proxy object and
 * outlives close(); the library object it holds is released by close() (or
 * by the proxy's destructor), but never while a call is still using it.
 *
 * Errors: every method that can fail takes GError **error last, exactly like
 * the C API.  The language layer turns a set GError into an exception by
 * typemap (enforce.Error in Python, org.libenforce.EnforceException in Java)
 * carrying the stable code name, e.g. "unknown_benchmark".  The bindings
 * have two codes of their own, in their own domain: "closed" (the object was
 * closed) and an index out of range (IndexError / IndexOutOfBoundsException).
 */

%{
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <enforce/enforce.h>

/* ---- errors that exist only in the bindings ---------------------------- */

#define BINDING_ERROR (binding_error_quark ())

typedef enum {
  BINDING_ERROR_CLOSED = 1,      /* the object was closed */
  BINDING_ERROR_INDEX = 2,       /* an index outside 0 .. count-1 */
} BindingErrorCode;

static GQuark
binding_error_quark (void)
{
  return g_quark_from_static_string ("enforce-binding-error-quark");
}

/* The stable name a host-language exception carries as its code. */
static const char *
binding_error_code_name (const GError *error)
{
  if (error->domain == ENFORCE_ERROR)
    return enforce_error_code_name ((EnforceErrorCode) error->code);
  if (error->domain == BINDING_ERROR && error->code == BINDING_ERROR_CLOSED)
    return "closed";
  if (error->domain == BINDING_ERROR && error->code == BINDING_ERROR_INDEX)
    return "index_out_of_range";
  return enforce_error_code_name (ENFORCE_ERROR_FAILED);
}

static gboolean
binding_error_is_index (const GError *error)
{
  return error->domain == BINDING_ERROR && error->code == BINDING_ERROR_INDEX;
}

/* ---- handles ----------------------------------------------------------- */

/* One lock for every handle: the critical sections only move a pointer and
 * a counter, so sharing it costs nothing measurable, and it keeps a Handle
 * small and free of per-object initialisation. */
G_LOCK_DEFINE_STATIC (handles);

typedef struct {
  gpointer ptr;                 /* the library object; NULL when empty or closed */
  GDestroyNotify destroy;       /* how to release ptr */
  guint users;                  /* calls in progress that borrowed ptr */
  gboolean closed;              /* close() was called */
} Handle;

static void
handle_init (Handle *h, gpointer ptr, GDestroyNotify destroy)
{
  h->ptr = ptr;
  h->destroy = destroy;
  h->users = 0;
  h->closed = FALSE;
}

/* Borrows the object for the duration of one call.  *out may be NULL for an
 * empty holder (Diagnostics before a load).  Fails only when closed. */
static gboolean
handle_acquire (Handle *h, gpointer *out, GError **error)
{
  gboolean ok;

  G_LOCK (handles);
  ok = !h->closed;
  if (ok)
    {
      h->users++;
      *out = h->ptr;
    }
  G_UNLOCK (handles);
  if (!ok)
    g_set_error_literal (error, BINDING_ERROR, BINDING_ERROR_CLOSED,
                         "the object has been closed");
  return ok;
}

/* A NULL handle stands for an optional argument that was not given. */
static gboolean
handle_acquire_optional (Handle *h, gpointer *out, GError **error)
{
  *out = NULL;
  return h == NULL || handle_acquire (h, out, error);
}

static void
handle_release (Handle *h)
{
  gpointer doomed = NULL;

  if (h == NULL)
    return;
  G_LOCK (handles);
  h->users--;
  /* The last call out of a closed object releases what close() could not. */
  if (h->users == 0 && h->closed)
    {
      doomed = h->ptr;
      h->ptr = NULL;
    }
  G_UNLOCK (handles);
  if (doomed != NULL)
    h->destroy (doomed);
}

/* Idempotent.  Releases the object now, or when the last call using it
 * returns. */
static void
handle_close (Handle *h)
{
  gpointer doomed = NULL;

  G_LOCK (handles);
  h->closed = TRUE;
  if (h->users == 0)
    {
      doomed = h->ptr;
      h->ptr = NULL;
    }
  G_UNLOCK (handles);
  if (doomed != NULL)
    h->destroy (doomed);
}

/* Fills an empty holder.  A holder that is closed or in use keeps what it
 * has, and @ptr is released: misuse of a holder must not crash or leak. */
static void
handle_fill (Handle *h, gpointer ptr)
{
  gpointer doomed = ptr;

  if (ptr == NULL)
    return;
  G_LOCK (handles);
  if (!h->closed && h->users == 0)
    {
      doomed = h->ptr;
      h->ptr = ptr;
    }
  G_UNLOCK (handles);
  if (doomed != NULL)
    h->destroy (doomed);
}

static gboolean
check_index (int index, guint count, GError **error)
{
  if (index >= 0 && (guint) index < count)
    return TRUE;
  g_set_error (error, BINDING_ERROR, BINDING_ERROR_INDEX,
               "index %d out of range 0..%u", index, count);
  return FALSE;
}

/* ---- the classes ------------------------------------------------------- */

struct RuleSet { Handle h; };
struct Case { Handle h; };
struct Recommendation { Handle h; };
struct Diagnostics { Handle h; };
struct Limits { Handle h; };
struct TestReport { Handle h; };
/* Holders of static functions; never instantiated. */
struct Money { char unused; };
struct Dates { char unused; };

static void
rule_set_destroy (gpointer p)
{
  enforce_rule_set_unref (p);
}

static void
case_destroy (gpointer p)
{
  enforce_case_free (p);
}

static void
recommendation_destroy (gpointer p)
{
  enforce_recommendation_free (p);
}

static void
diagnostics_destroy (gpointer p)
{
  enforce_diagnostics_free (p);
}

static void
limits_destroy (gpointer p)
{
  enforce_limits_free (p);
}

static void
test_report_destroy (gpointer p)
{
  enforce_test_report_free (p);
}

#define BINDING_NEW(Type, ptr, destroy) \
  ((ptr) == NULL ? NULL : binding_new_handle (sizeof (struct Type), (ptr), (destroy)))

/* Every class starts with its Handle, so one constructor serves all. */
static gpointer
binding_new_handle (gsize size, gpointer ptr, GDestroyNotify destroy)
{
  Handle *h = g_malloc0 (size);

  handle_init (h, ptr, destroy);
  return h;
}

static void
binding_free_handle (Handle *h)
{
  if (h == NULL)
    return;
  handle_close (h);
  g_free (h);
}

/* ---- small conversions (names <-> enums) -------------------------------- */

static gboolean
lang_from_name (const char *name, EnforceLang *out, GError **error)
{
  if (name == NULL || strcmp (name, "zh") == 0 || strcmp (name, "zh-CN") == 0)
    *out = ENFORCE_LANG_ZH;
  else if (strcmp (name, "en") == 0)
    *out = ENFORCE_LANG_EN;
  else
    {
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_VALUE,
                   "unknown language \"%s\" (expected \"zh\" or \"en\")", name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
format_from_name (const char *name, EnforceFormat *out, GError **error)
{
  if (name == NULL || strcmp (name, "auto") == 0)
    *out = ENFORCE_FORMAT_AUTO;
  else if (strcmp (name, "yaml") == 0)
    *out = ENFORCE_FORMAT_YAML;
  else if (strcmp (name, "json") == 0)
    *out = ENFORCE_FORMAT_JSON;
  else
    {
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_VALUE,
                   "unknown case format \"%s\" (expected \"auto\", \"yaml\" or \"json\")", name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
limit_from_name (const char *name, EnforceLimit *out, GError **error)
{
  for (int i = 0; i < ENFORCE_LIMIT_COUNT; i++)
    if (name != NULL && strcmp (name, enforce_limit_name ((EnforceLimit) i)) == 0)
      {
        *out = (EnforceLimit) i;
        return TRUE;
      }
  g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_VALUE,
               "unknown limit \"%s\" (see docs/limits.md)", name ? name : "(null)");
  return FALSE;
}

static EnforceRecommendFlags
recommend_flags (bool trace)
{
  return trace ? ENFORCE_RECOMMEND_TRACE : ENFORCE_RECOMMEND_DEFAULT;
}

/* Borrowed library strings are copied while the object is held, so a close
 * on another thread cannot free them before the language layer reads them. */
static char *
dup_or_null (const char *s)
{
  return g_strdup (s);
}

/* The type of every string the bindings return: owned, UTF-8, freed by the
 * language layer's out typemap after it made its own copy; NULL means
 * None / null. */
typedef char *binding_utf8;
/* A NUL-terminated UTF-8 input string; NULL (None / null) where optional. */
typedef const char *binding_text;
/* Owned bytes with their length (bytes / byte[]), for large outputs that a
 * caller writes out as they are: no decoding into a host string. */
typedef struct {
  char *data;
  size_t len;
} binding_bytes;
%}

%include <stdint.i>
%include <typemaps.i>

/* Language layers give these their own typemaps; any other language falls
 * back to plain char *. */
typedef char *binding_utf8;
typedef const char *binding_text;

/* GError **error: never an argument in the host language.  The language
 * layer's argout typemap raises when it was set. */
%typemap(in, numinputs=0) GError **error (GError *tmp_error = NULL) {
  $1 = &tmp_error;
}

/* Objects come only from the static factories below; destructors are the
 * %extend ones (they close, then free the handle). */
%nodefaultctor;
%nodefaultdtor;

%newobject RuleSet::load;
%newobject RuleSet::load_data;
%newobject RuleSet::recommend;
%newobject RuleSet::recommend_text;
%newobject RuleSet::run_tests;
%newobject Case::parse;
%newobject Limits::create;
%newobject Case::load;

/* ======================================================================= */
/* Limits                                                                   */
/* ======================================================================= */

struct Limits {};
%extend Limits {
  /* "rules" or "cases": the defaults of ENFORCE_LIMITS_RULES / _CASES. */
  static struct Limits *create (binding_text profile, GError **error) {
    EnforceLimitsProfile p;

    if (profile != NULL && strcmp (profile, "rules") == 0)
      p = ENFORCE_LIMITS_RULES;
    else if (profile != NULL && strcmp (profile, "cases") == 0)
      p = ENFORCE_LIMITS_CASES;
    else
      {
        g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_VALUE,
                     "unknown limits profile \"%s\" (expected \"rules\" or \"cases\")",
                     profile ? profile : "(null)");
        return NULL;
      }
    return BINDING_NEW (Limits, enforce_limits_new (p), limits_destroy);
  }
  ~Limits () { binding_free_handle (&$self->h); }
  void close () { handle_close (&$self->h); }

  int64_t get (binding_text name, GError **error) {
    EnforceLimit limit;
    gpointer p;
    int64_t value;

    if (!limit_from_name (name, &limit, error) || !handle_acquire (&$self->h, &p, error))
      return 0;
    value = enforce_limits_get (p, limit);
    handle_release (&$self->h);
    return value;
  }

  void set (binding_text name, int64_t value, GError **error) {
    EnforceLimit limit;
    gpointer p;
    gboolean ok;

    if (!limit_from_name (name, &limit, error) || !handle_acquire (&$self->h, &p, error))
      return;
    ok = enforce_limits_set (p, limit, value);
    handle_release (&$self->h);
    if (!ok)
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_VALUE,
                   "limit %s: %" G_GINT64_FORMAT " is out of range (docs/limits.md)",
                   name, (gint64) value);
  }

  /* The names get() and set() accept, in docs/limits.md order. */
  static int name_count () { return ENFORCE_LIMIT_COUNT; }
  static binding_utf8 name_at (int index, GError **error) {
    if (!check_index (index, ENFORCE_LIMIT_COUNT, error))
      return NULL;
    return dup_or_null (enforce_limit_name ((EnforceLimit) index));
  }
}

/* ======================================================================= */
/* Diagnostics: every problem one rule-set load found                      */
/* ======================================================================= */

%newobject Diagnostics::create;
struct Diagnostics {};
%extend Diagnostics {
  /* An empty holder for RuleSet.load(..., diagnostics) to fill. */
  static struct Diagnostics *create () {
    struct Diagnostics *d = g_new0 (struct Diagnostics, 1);

    handle_init (&d->h, NULL, diagnostics_destroy);
    return d;
  }
  ~Diagnostics () { binding_free_handle (&$self->h); }
  void close () { handle_close (&$self->h); }

  int get_count (GError **error) {
    gpointer p;
    int n;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    n = p ? (int) enforce_diagnostics_get_count (p) : 0;
    handle_release (&$self->h);
    return n;
  }

  int get_error_count (GError **error) {
    gpointer p;
    int n;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    n = p ? (int) enforce_diagnostics_get_error_count (p) : 0;
    handle_release (&$self->h);
    return n;
  }

  /* The stable code name of diagnostic @index ("unknown_key"). */
  binding_utf8 get_code (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, p ? enforce_diagnostics_get_count (p) : 0, error))
      s = dup_or_null (enforce_error_code_name (enforce_diagnostics_get_code (p, (guint) index)));
    handle_release (&$self->h);
    return s;
  }

  /* "error" or "warning". */
  binding_utf8 get_severity (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, p ? enforce_diagnostics_get_count (p) : 0, error))
      s = dup_or_null (enforce_diagnostics_get_severity (p, (guint) index) == ENFORCE_SEVERITY_ERROR
                       ? "error" : "warning");
    handle_release (&$self->h);
    return s;
  }

  binding_utf8 get_file (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, p ? enforce_diagnostics_get_count (p) : 0, error))
      s = dup_or_null (enforce_diagnostics_get_file (p, (guint) index));
    handle_release (&$self->h);
    return s;
  }

  int get_line (int index, GError **error) {
    gpointer p;
    int n = 0;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    if (check_index (index, p ? enforce_diagnostics_get_count (p) : 0, error))
      n = (int) enforce_diagnostics_get_line (p, (guint) index);
    handle_release (&$self->h);
    return n;
  }

  int get_column (int index, GError **error) {
    gpointer p;
    int n = 0;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    if (check_index (index, p ? enforce_diagnostics_get_count (p) : 0, error))
      n = (int) enforce_diagnostics_get_column (p, (guint) index);
    handle_release (&$self->h);
    return n;
  }

  binding_utf8 get_message (int index, binding_text lang, GError **error) {
    EnforceLang l;
    gpointer p;
    char *s = NULL;

    if (!lang_from_name (lang, &l, error) || !handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, p ? enforce_diagnostics_get_count (p) : 0, error))
      s = dup_or_null (enforce_diagnostics_get_message (p, (guint) index, l));
    handle_release (&$self->h);
    return s;
  }

  /* One line per diagnostic: "file:line:col: error[code]: message". */
  binding_utf8 to_string (binding_text lang, GError **error) {
    EnforceLang l;
    gpointer p;
    char *s;

    if (!lang_from_name (lang, &l, error) || !handle_acquire (&$self->h, &p, error))
      return NULL;
    s = p ? enforce_diagnostics_to_string (p, l) : g_strdup ("");
    handle_release (&$self->h);
    return s;
  }

  /* JSON array of diagnostic objects (docs/json-output.md). */
  binding_utf8 to_json (GError **error) {
    gpointer p;
    char *s;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    s = p ? enforce_diagnostics_to_json (p) : g_strdup ("[]");
    handle_release (&$self->h);
    return s;
  }
}

/* ======================================================================= */
/* Case                                                                     */
/* ======================================================================= */

struct Case {};
%extend Case {
  /* @format: "auto" (or NULL), "yaml" or "json".  @name: used in messages. */
  static struct Case *parse (const char *data, size_t len, binding_text format,
                             binding_text name, struct Limits *limits, GError **error) {
    EnforceFormat f;
    gpointer lim;
    EnforceCase *k;

    if (!format_from_name (format, &f, error)
        || !handle_acquire_optional (limits ? &limits->h : NULL, &lim, error))
      return NULL;
    k = enforce_case_parse (data, len, f, name, lim, error);
    handle_release (limits ? &limits->h : NULL);
    return BINDING_NEW (Case, k, case_destroy);
  }

  static struct Case *load (binding_text path, struct Limits *limits, GError **error) {
    gpointer lim;
    EnforceCase *k;

    if (!handle_acquire_optional (limits ? &limits->h : NULL, &lim, error))
      return NULL;
    k = enforce_case_load (path, lim, error);
    handle_release (limits ? &limits->h : NULL);
    return BINDING_NEW (Case, k, case_destroy);
  }

  ~Case () { binding_free_handle (&$self->h); }
  void close () { handle_close (&$self->h); }

  /* The case's "id", or NULL. */
  binding_utf8 get_id (GError **error) {
    gpointer p;
    char *s;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    s = dup_or_null (enforce_case_get_id (p));
    handle_release (&$self->h);
    return s;
  }
}

/* ======================================================================= */
/* Recommendation                                                           */
/* ======================================================================= */

%{
/* Recommendation getters share one shape: hold, read, release. */
typedef const char *(*RecStringGetter) (const EnforceRecommendation *self);

static char *
rec_get_string (Handle *h, RecStringGetter getter, GError **error)
{
  gpointer p;
  char *s;

  if (!handle_acquire (h, &p, error))
    return NULL;
  s = dup_or_null (getter (p));
  handle_release (h);
  return s;
}

typedef EnforceAnswer (*RecAnswerGetter) (const EnforceRecommendation *self);

static char *
rec_get_answer (Handle *h, RecAnswerGetter getter, GError **error)
{
  gpointer p;
  char *s;

  if (!handle_acquire (h, &p, error))
    return NULL;
  s = dup_or_null (enforce_answer_name (getter (p)));
  handle_release (h);
  return s;
}

static const char *
rec_outcome_name (const EnforceRecommendation *rec)
{
  return enforce_outcome_name (enforce_recommendation_get_outcome (rec));
}

static const char *
rec_procedure_name (const EnforceRecommendation *rec)
{
  return enforce_procedure_name (enforce_recommendation_get_procedure (rec));
}

/* Which part of the fine a caller asks for. */
typedef enum { REC_AMOUNT, REC_RANGE_MIN, REC_RANGE_MAX } RecMoney;

static gboolean
rec_money (const EnforceRecommendation *rec, RecMoney which, gint64 *fen)
{
  gint64 min = 0, max = 0;

  if (which == REC_AMOUNT)
    return enforce_recommendation_get_amount (rec, fen);
  if (!enforce_recommendation_get_range (rec, &min, &max))
    return FALSE;
  *fen = which == REC_RANGE_MIN ? min : max;
  return TRUE;
}

/* @has receives whether the value exists; the value is 0 when it does not
 * (the language layers turn that pair into None / OptionalLong). */
static int64_t
rec_get_money (Handle *h, RecMoney which, bool *has, GError **error)
{
  gpointer p;
  gint64 fen = 0;

  *has = FALSE;
  if (!handle_acquire (h, &p, error))
    return 0;
  *has = rec_money (p, which, &fen);
  handle_release (h);
  return *has ? fen : 0;
}

static EnforceRecommendation *
recommend_case (struct RuleSet *self, struct Case *kase, const char *as_of, bool trace,
                GError **error)
{
  gpointer rules, k;
  EnforceRecommendation *rec = NULL;

  if (!handle_acquire (&self->h, &rules, error))
    return NULL;
  if (handle_acquire (&kase->h, &k, error))
    {
      rec = enforce_recommend (rules, k, as_of, recommend_flags (trace), error);
      handle_release (&kase->h);
    }
  handle_release (&self->h);
  return rec;
}

/* Parses and evaluates case text in one call: one trip across the language
 * boundary (and one GIL release) instead of three. */
static EnforceRecommendation *
recommend_data (struct RuleSet *self, const char *data, size_t len, const char *as_of,
                bool trace, struct Limits *limits, GError **error)
{
  gpointer rules, lim;
  EnforceCase *k;
  EnforceRecommendation *rec = NULL;

  if (!handle_acquire_optional (limits ? &limits->h : NULL, &lim, error))
    return NULL;
  k = enforce_case_parse (data, len, ENFORCE_FORMAT_AUTO, NULL, lim, error);
  handle_release (limits ? &limits->h : NULL);
  if (k == NULL)
    return NULL;
  if (handle_acquire (&self->h, &rules, error))
    {
      rec = enforce_recommend (rules, k, as_of, recommend_flags (trace), error);
      handle_release (&self->h);
    }
  enforce_case_free (k);
  return rec;
}
%}

%apply bool *OUTPUT { bool *has };

struct Recommendation {};
%extend Recommendation {
  ~Recommendation () { binding_free_handle (&$self->h); }
  void close () { handle_close (&$self->h); }

  /* Stable names: "fine", "no_penalty", "undetermined" ... */
  binding_utf8 get_outcome (GError **error) {
    return rec_get_string (&$self->h, rec_outcome_name, error);
  }
  bool is_discretionary (GError **error) {
    gpointer p;
    bool b;

    if (!handle_acquire (&$self->h, &p, error))
      return false;
    b = enforce_recommendation_is_discretionary (p);
    handle_release (&$self->h);
    return b;
  }
  binding_utf8 get_benchmark_id (GError **error) {
    return rec_get_string (&$self->h, enforce_recommendation_get_benchmark_id, error);
  }
  binding_utf8 get_version (GError **error) {
    return rec_get_string (&$self->h, enforce_recommendation_get_version, error);
  }
  binding_utf8 get_tier (GError **error) {
    return rec_get_string (&$self->h, enforce_recommendation_get_tier, error);
  }
  /* Fen.  has is false (and the value 0) when the outcome has no fine. */
  int64_t get_amount_fen (bool *has, GError **error) {
    return rec_get_money (&$self->h, REC_AMOUNT, has, error);
  }
  int64_t get_range_min_fen (bool *has, GError **error) {
    return rec_get_money (&$self->h, REC_RANGE_MIN, has, error);
  }
  int64_t get_range_max_fen (bool *has, GError **error) {
    return rec_get_money (&$self->h, REC_RANGE_MAX, has, error);
  }
  /* "simple", "general", "none", "undetermined". */
  binding_utf8 get_procedure (GError **error) {
    return rec_get_string (&$self->h, rec_procedure_name, error);
  }
  /* "yes", "no", "undetermined". */
  binding_utf8 get_hearing (GError **error) {
    return rec_get_answer (&$self->h, enforce_recommendation_get_hearing, error);
  }
  binding_utf8 get_legal_review (GError **error) {
    return rec_get_answer (&$self->h, enforce_recommendation_get_legal_review, error);
  }
  binding_utf8 get_collective_discussion (GError **error) {
    return rec_get_answer (&$self->h, enforce_recommendation_get_collective_discussion, error);
  }
  binding_utf8 get_onsite_collection (GError **error) {
    return rec_get_answer (&$self->h, enforce_recommendation_get_onsite_collection, error);
  }

  int get_missing_count (GError **error) {
    gpointer p;
    int n;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    n = (int) enforce_recommendation_get_missing_count (p);
    handle_release (&$self->h);
    return n;
  }
  binding_utf8 get_missing (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, enforce_recommendation_get_missing_count (p), error))
      s = dup_or_null (enforce_recommendation_get_missing (p, (guint) index));
    handle_release (&$self->h);
    return s;
  }

  int get_step_count (GError **error) {
    gpointer p;
    int n;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    n = (int) enforce_recommendation_get_step_count (p);
    handle_release (&$self->h);
    return n;
  }
  binding_utf8 get_step_code (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, enforce_recommendation_get_step_count (p), error))
      s = dup_or_null (enforce_recommendation_get_step_code (p, (guint) index));
    handle_release (&$self->h);
    return s;
  }
  binding_utf8 get_step_message (int index, binding_text lang, GError **error) {
    EnforceLang l;
    gpointer p;
    char *s = NULL;

    if (!lang_from_name (lang, &l, error) || !handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, enforce_recommendation_get_step_count (p), error))
      s = dup_or_null (enforce_recommendation_get_step_message (p, (guint) index, l));
    handle_release (&$self->h);
    return s;
  }
  /* Citation as legal text, or NULL when the step cites nothing. */
  binding_utf8 get_step_citation (int index, binding_text lang, GError **error) {
    EnforceLang l;
    gpointer p;
    char *s = NULL;

    if (!lang_from_name (lang, &l, error) || !handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, enforce_recommendation_get_step_count (p), error))
      s = dup_or_null (enforce_recommendation_get_step_citation (p, (guint) index, l));
    handle_release (&$self->h);
    return s;
  }

  /* docs/json-output.md */
  binding_utf8 to_json (GError **error) {
    gpointer p;
    char *s;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    s = enforce_recommendation_to_json (p);
    handle_release (&$self->h);
    return s;
  }
  binding_utf8 to_text (binding_text lang, GError **error) {
    EnforceLang l;
    gpointer p;
    char *s;

    if (!lang_from_name (lang, &l, error) || !handle_acquire (&$self->h, &p, error))
      return NULL;
    s = enforce_recommendation_to_text (p, l);
    handle_release (&$self->h);
    return s;
  }
}

/* ======================================================================= */
/* TestReport: the YAML tests shipped with a rule set                       */
/* ======================================================================= */

struct TestReport {};
%extend TestReport {
  ~TestReport () { binding_free_handle (&$self->h); }
  void close () { handle_close (&$self->h); }

  int get_count (GError **error) {
    gpointer p;
    int n;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    n = (int) enforce_test_report_get_count (p);
    handle_release (&$self->h);
    return n;
  }
  int get_failed (GError **error) {
    gpointer p;
    int n;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    n = (int) enforce_test_report_get_failed (p);
    handle_release (&$self->h);
    return n;
  }
  binding_utf8 get_name (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, enforce_test_report_get_count (p), error))
      s = dup_or_null (enforce_test_report_get_name (p, (guint) index));
    handle_release (&$self->h);
    return s;
  }
  bool passed (int index, GError **error) {
    gpointer p;
    bool b = false;

    if (!handle_acquire (&$self->h, &p, error))
      return false;
    if (check_index (index, enforce_test_report_get_count (p), error))
      b = enforce_test_report_passed (p, (guint) index);
    handle_release (&$self->h);
    return b;
  }
  /* Why test @index failed; NULL when it passed. */
  binding_utf8 get_detail (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, enforce_test_report_get_count (p), error))
      s = dup_or_null (enforce_test_report_get_detail (p, (guint) index));
    handle_release (&$self->h);
    return s;
  }
}

/* ======================================================================= */
/* RuleSet                                                                  */
/* ======================================================================= */

%{
/* Length of @data for the (data, len) pair: the bindings pass exact lengths. */
static EnforceRuleSet *
load_rules (const char *path, const char *name, const char *data, size_t len,
            struct Limits *limits, struct Diagnostics *diagnostics, GError **error)
{
  gpointer lim;
  EnforceDiagnostics *diag = NULL;
  EnforceRuleSet *rules;

  if (!handle_acquire_optional (limits ? &limits->h : NULL, &lim, error))
    return NULL;
  if (path != NULL)
    rules = enforce_rule_set_load (path, lim, diagnostics ? &diag : NULL, error);
  else
    rules = enforce_rule_set_load_data (name, data, len, lim, diagnostics ? &diag : NULL, error);
  handle_release (limits ? &limits->h : NULL);
  if (diagnostics != NULL)
    handle_fill (&diagnostics->h, diag);
  return rules;
}
%}

struct RuleSet {};
%extend RuleSet {
  /* A directory (or one YAML file).  @limits: NULL for the rule defaults.
   * @diagnostics: NULL, or a holder that receives every diagnostic of the
   * load, on failure too. */
  static struct RuleSet *load (binding_text path, struct Limits *limits,
                               struct Diagnostics *diagnostics, GError **error) {
    EnforceRuleSet *rules;

    if (path == NULL)
      {
        g_set_error_literal (error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "no rule set path given");
        return NULL;
      }
    rules = load_rules (path, NULL, NULL, 0, limits, diagnostics, error);
    return BINDING_NEW (RuleSet, rules, rule_set_destroy);
  }

  /* One in-memory document (usually a bundle); @name is used in messages. */
  static struct RuleSet *load_data (binding_text name, const char *data, size_t len,
                                    struct Limits *limits, struct Diagnostics *diagnostics,
                                    GError **error) {
    EnforceRuleSet *rules = load_rules (NULL, name, data, len, limits, diagnostics, error);

    return BINDING_NEW (RuleSet, rules, rule_set_destroy);
  }

  ~RuleSet () { binding_free_handle (&$self->h); }
  /* Drops this object's reference; recommendations made from it keep theirs. */
  void close () { handle_close (&$self->h); }

  /* "sha256:<hex>" */
  binding_utf8 get_hash (GError **error) {
    gpointer p;
    char *s;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    s = dup_or_null (enforce_rule_set_get_hash (p));
    handle_release (&$self->h);
    return s;
  }
  binding_utf8 get_jurisdiction_id (GError **error) {
    gpointer p;
    char *s;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    s = dup_or_null (enforce_rule_set_get_jurisdiction_id (p));
    handle_release (&$self->h);
    return s;
  }
  int get_benchmark_count (GError **error) {
    gpointer p;
    int n;

    if (!handle_acquire (&$self->h, &p, error))
      return 0;
    n = (int) enforce_rule_set_get_benchmark_count (p);
    handle_release (&$self->h);
    return n;
  }
  binding_utf8 get_benchmark_id (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, enforce_rule_set_get_benchmark_count (p), error))
      s = dup_or_null (enforce_rule_set_get_benchmark_id (p, (guint) index));
    handle_release (&$self->h);
    return s;
  }
  binding_utf8 get_benchmark_title (int index, GError **error) {
    gpointer p;
    char *s = NULL;

    if (!handle_acquire (&$self->h, &p, error))
      return NULL;
    if (check_index (index, enforce_rule_set_get_benchmark_count (p), error))
      s = dup_or_null (enforce_rule_set_get_benchmark_title (p, (guint) index));
    handle_release (&$self->h);
    return s;
  }

  /* @as_of: "YYYY-MM-DD" for the late surcharge, or NULL.  The
   * recommendation keeps its own reference on the rule set. */
  struct Recommendation *recommend (struct Case *kase, binding_text as_of, bool trace,
                                    GError **error) {
    EnforceRecommendation *rec = recommend_case ($self, kase, as_of, trace, error);

    return BINDING_NEW (Recommendation, rec, recommendation_destroy);
  }

  /* Case text (YAML or JSON) in, recommendation object out, in one call. */
  struct Recommendation *recommend_text (const char *data, size_t len, binding_text as_of,
                                         bool trace, struct Limits *limits, GError **error) {
    EnforceRecommendation *rec = recommend_data ($self, data, len, as_of, trace, limits, error);

    return BINDING_NEW (Recommendation, rec, recommendation_destroy);
  }

  /* Case text in, recommendation JSON out: the fast path for callers that
   * want the JSON document anyway. */
  binding_utf8 recommend_json (const char *data, size_t len, binding_text as_of, bool trace,
                               struct Limits *limits, GError **error) {
    EnforceRecommendation *rec = recommend_data ($self, data, len, as_of, trace, limits, error);
    char *json;

    if (rec == NULL)
      return NULL;
    json = enforce_recommendation_to_json (rec);
    enforce_recommendation_free (rec);
    return json;
  }

  binding_utf8 recommend_case_json (struct Case *kase, binding_text as_of, bool trace,
                                    GError **error) {
    EnforceRecommendation *rec = recommend_case ($self, kase, as_of, trace, error);
    char *json;

    if (rec == NULL)
      return NULL;
    json = enforce_recommendation_to_json (rec);
    enforce_recommendation_free (rec);
    return json;
  }

  /* JSON Lines in, JSON Lines out (enforce-batch.h).  @threads: 0 = one per
   * processor. */
  binding_utf8 recommend_batch (const char *data, size_t len, binding_text as_of, bool trace,
                                int threads, struct Limits *limits, GError **error) {
    gpointer rules, lim;
    char *out = NULL;

    if (threads < 0)
      {
        g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_VALUE,
                     "threads must be 0 (one per processor) or more, not %d", threads);
        return NULL;
      }
    if (!handle_acquire_optional (limits ? &limits->h : NULL, &lim, error))
      return NULL;
    if (handle_acquire (&$self->h, &rules, error))
      {
        out = enforce_recommend_batch (rules, data, len, as_of, recommend_flags (trace),
                                       (guint) threads, lim, NULL, error);
        handle_release (&$self->h);
      }
    handle_release (limits ? &limits->h : NULL);
    return out;
  }

  /* The same with bytes in and bytes out. */
  binding_bytes recommend_batch_bytes (const char *bytes, size_t len, binding_text as_of,
                                       bool trace, int threads, struct Limits *limits,
                                       GError **error) {
    binding_bytes out = { NULL, 0 };
    gpointer rules, lim;

    if (threads < 0)
      {
        g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_VALUE,
                     "threads must be 0 (one per processor) or more, not %d", threads);
        return out;
      }
    if (!handle_acquire_optional (limits ? &limits->h : NULL, &lim, error))
      return out;
    if (handle_acquire (&$self->h, &rules, error))
      {
        gsize n = 0;

        out.data = enforce_recommend_batch (rules, bytes, len, as_of, recommend_flags (trace),
                                            (guint) threads, lim, &n, error);
        out.len = n;
        handle_release (&$self->h);
      }
    handle_release (limits ? &limits->h : NULL);
    return out;
  }

  /* Runs the YAML tests at @tests_path against this rule set. */
  struct TestReport *run_tests (binding_text tests_path, GError **error) {
    gpointer rules;
    EnforceTestReport *report = NULL;

    if (!handle_acquire (&$self->h, &rules, error))
      return NULL;
    report = enforce_rule_set_run_tests (rules, tests_path, error);
    handle_release (&$self->h);
    return BINDING_NEW (TestReport, report, test_report_destroy);
  }
}

/* ======================================================================= */
/* Money and Dates: the library's own exact grammars                        */
/* ======================================================================= */

struct Money {};
%extend Money {
  /* Yuan text ("150.50") to fen (15050).  Errors: invalid_money, overflow. */
  static int64_t parse (binding_text text, GError **error) {
    gint64 fen = 0;

    if (text == NULL)
      {
        g_set_error_literal (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_MONEY, "no amount given");
        return 0;
      }
    if (!enforce_money_parse (text, strlen (text), &fen, error))
      return 0;
    return fen;
  }
  /* Fen to yuan text with two decimals ("150.50"). */
  static binding_utf8 format (int64_t fen) {
    return enforce_money_format (fen);
  }
}

struct Dates {};
%extend Dates {
  /* "YYYY-MM-DD" to days since 1970-01-01.  Errors: invalid_date. */
  static int32_t parse (binding_text text, GError **error) {
    gint32 day = 0;

    if (text == NULL)
      {
        g_set_error_literal (error, ENFORCE_ERROR, ENFORCE_ERROR_INVALID_DATE, "no date given");
        return 0;
      }
    if (!enforce_date_parse (text, strlen (text), &day, error))
      return 0;
    return day;
  }
  static binding_utf8 format (int32_t day) {
    return enforce_date_format (day);
  }
}

/* ======================================================================= */
/* Free functions                                                           */
/* ======================================================================= */

%inline %{
/* The version of the library actually loaded ("0.1.0"). */
static binding_utf8 version (void) { return g_strdup (enforce_version ()); }
/* Stable name of an EnforceErrorCode value ("duplicate_key"). */
static binding_utf8 error_code_name (int code)
{
  return g_strdup (enforce_error_code_name ((EnforceErrorCode) code));
}
%}
