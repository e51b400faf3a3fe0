/* enforce_java.i: the Java module org.libenforce; SWIG runs on this file
 * (with -package org.libenforce from CMake).
 *
 * Only what is Java-specific:
 * - strings cross as real UTF-8 byte arrays, both ways (JNI's "modified
 *   UTF-8" would mangle characters outside the BMP, which Chinese names do
 *   use, and cut strings at U+0000);
 * - a set GError becomes an unchecked org.libenforce.EnforceException with
 *   the stable code name; an index out of range becomes
 *   IndexOutOfBoundsException, a missing Case a NullPointerException;
 * - every class is AutoCloseable: close() is idempotent and releases the
 *   library object at once (or when the last call using it returns).  There
 *   is no finalize(): a java.lang.ref.Cleaner frees the small native handle
 *   once the Java object is unreachable, closing it first if the caller
 *   forgot to;
 * - getters are camelCase, amounts are long fen (OptionalLong when absent),
 *   lists are java.util.List.
 */

%module Enforce

%{
#include <enforce/enforce.h>

/* Defined in enforce.i's support code, which follows. */
static const char *binding_error_code_name (const GError *error);
static gboolean binding_error_is_index (const GError *error);

static jbyteArray
binding_java_bytes (JNIEnv *jenv, const char *s)
{
  jsize n = (jsize) strlen (s);
  jbyteArray array = (*jenv)->NewByteArray (jenv, n);

  if (array != NULL)
    (*jenv)->SetByteArrayRegion (jenv, array, 0, n, (const jbyte *) s);
  return array;
}

static void
binding_java_throw (JNIEnv *jenv, const GError *error)
{
  jclass cls;
  jmethodID ctor;
  jstring code;
  jbyteArray message;
  jobject exc;

  if (binding_error_is_index (error))
    {
      SWIG_JavaThrowException (jenv, SWIG_JavaIndexOutOfBoundsException, error->message);
      return;
    }
  /* Any failure below leaves a Java error (NoClassDefFoundError,
   * OutOfMemoryError ...) pending, which is thrown instead. */
  cls = (*jenv)->FindClass (jenv, "org/libenforce/EnforceException");
  if (cls == NULL)
    return;
  ctor = (*jenv)->GetMethodID (jenv, cls, "<init>", "(Ljava/lang/String;[B)V");
  if (ctor == NULL)
    return;
  /* Code names are ASCII, so modified UTF-8 is exact for them. */
  code = (*jenv)->NewStringUTF (jenv, binding_error_code_name (error));
  message = code != NULL ? binding_java_bytes (jenv, error->message) : NULL;
  if (message == NULL)
    return;
  exc = (*jenv)->NewObject (jenv, cls, ctor, code, message);
  if (exc != NULL)
    (*jenv)->Throw (jenv, (jthrowable) exc);
}
%}

/* ---- errors ------------------------------------------------------------- */

%typemap(argout) GError **error {
  if (tmp_error$argnum != NULL)
    {
      binding_java_throw (jenv, tmp_error$argnum);
      g_error_free (tmp_error$argnum);
      return $null;
    }
}

/* ---- strings in: NUL-terminated UTF-8 built by Enforce.cString() -------- */

%typemap(jni) binding_text "jbyteArray"
%typemap(jtype) binding_text "byte[]"
%typemap(jstype) binding_text "String"
%typemap(javain) binding_text "Enforce.cString($javainput)"
%typemap(in) binding_text {
  $1 = NULL;
  if ($input != NULL)
    {
      $1 = (binding_text) (*jenv)->GetByteArrayElements (jenv, $input, NULL);
      if ($1 == NULL)
        return $null;
    }
}
%typemap(freearg) binding_text {
  if ($input != NULL)
    (*jenv)->ReleaseByteArrayElements (jenv, $input, (jbyte *) $1, JNI_ABORT);
}

/* ---- documents in: String as UTF-8 bytes with their length -------------- */

%typemap(jni) (const char *data, size_t len) "jbyteArray"
%typemap(jtype) (const char *data, size_t len) "byte[]"
%typemap(jstype) (const char *data, size_t len) "String"
%typemap(javain) (const char *data, size_t len) "Enforce.utf8($javainput)"
%typemap(in) (const char *data, size_t len) {
  if ($input == NULL)
    {
      SWIG_JavaThrowException (jenv, SWIG_JavaNullPointerException, "document is null");
      return $null;
    }
  $1 = ($1_ltype) (*jenv)->GetByteArrayElements (jenv, $input, NULL);
  if ($1 == NULL)
    return $null;
  $2 = (size_t) (*jenv)->GetArrayLength (jenv, $input);
}
%typemap(freearg) (const char *data, size_t len) {
  if ($input != NULL && $1 != NULL)
    (*jenv)->ReleaseByteArrayElements (jenv, $input, (jbyte *) $1, JNI_ABORT);
}

/* ---- bytes in and out, as byte[] without conversion --------------------- */

%typemap(jni) (const char *bytes, size_t len) "jbyteArray"
%typemap(jtype) (const char *bytes, size_t len) "byte[]"
%typemap(jstype) (const char *bytes, size_t len) "byte[]"
%typemap(javain) (const char *bytes, size_t len) "$javainput"
%typemap(in) (const char *bytes, size_t len) {
  if ($input == NULL)
    {
      SWIG_JavaThrowException (jenv, SWIG_JavaNullPointerException, "document is null");
      return $null;
    }
  $1 = ($1_ltype) (*jenv)->GetByteArrayElements (jenv, $input, NULL);
  if ($1 == NULL)
    return $null;
  $2 = (size_t) (*jenv)->GetArrayLength (jenv, $input);
}
%typemap(freearg) (const char *bytes, size_t len) {
  if ($input != NULL && $1 != NULL)
    (*jenv)->ReleaseByteArrayElements (jenv, $input, (jbyte *) $1, JNI_ABORT);
}

%typemap(jni) binding_bytes "jbyteArray"
%typemap(jtype) binding_bytes "byte[]"
%typemap(jstype) binding_bytes "byte[]"
%typemap(javaout) binding_bytes {
    return $jnicall;
  }
%typemap(out) binding_bytes {
  $result = NULL;
  if ($1.data != NULL)
    {
      $result = (*jenv)->NewByteArray (jenv, (jsize) $1.len);
      if ($result != NULL)
        (*jenv)->SetByteArrayRegion (jenv, $result, 0, (jsize) $1.len, (const jbyte *) $1.data);
      g_free ($1.data);
      if ($result == NULL)
        return $null;
    }
}

/* ---- strings out: owned UTF-8, decoded by Enforce.string() -------------- */

%typemap(jni) binding_utf8 "jbyteArray"
%typemap(jtype) binding_utf8 "byte[]"
%typemap(jstype) binding_utf8 "String"
%typemap(javaout) binding_utf8 {
    return Enforce.string($jnicall);
  }
%typemap(out) binding_utf8 {
  $result = NULL;
  if ($1 != NULL)
    {
      $result = binding_java_bytes (jenv, $1);
      g_free ($1);
      if ($result == NULL)
        return $null;
    }
}

/* A Case argument is required. */
%typemap(check) struct Case *kase {
  if ($1 == NULL)
    {
      SWIG_JavaThrowException (jenv, SWIG_JavaNullPointerException, "kase is null");
      return $null;
    }
}

/* ---- classes: AutoCloseable, Cleaner instead of finalize() -------------- */

/* In C mode the class typemaps must name "struct X" (TOOLCHAIN.md). */
%define ENFORCE_JAVA_CLOSEABLE(TYPE)
%typemap(javainterfaces) struct TYPE "AutoCloseable"
%typemap(javaclassmodifiers) struct TYPE "public final class"
%typemap(javafinalize) struct TYPE ""
/* close() (from enforce.i) is the public way to release; the native handle
 * itself is freed by the Cleaner, never while a call may still use it. */
%typemap(javadestruct, methodname="delete", methodmodifiers="private") struct TYPE ""
%typemap(javabody) struct TYPE %{
  private final transient long swigCPtr;

  $javaclassname(long cPtr, boolean cMemoryOwn) {
    swigCPtr = cPtr;
    if (cMemoryOwn) {
      final long handle = cPtr;
      Enforce.CLEANER.register(this, () -> $imclassname.delete_$javaclassname(handle));
    }
  }

  static long getCPtr($javaclassname obj) {
    return (obj == null) ? 0 : obj.swigCPtr;
  }
%}
%enddef

ENFORCE_JAVA_CLOSEABLE(RuleSet)
ENFORCE_JAVA_CLOSEABLE(Case)
ENFORCE_JAVA_CLOSEABLE(Recommendation)
ENFORCE_JAVA_CLOSEABLE(Diagnostics)
ENFORCE_JAVA_CLOSEABLE(Limits)
ENFORCE_JAVA_CLOSEABLE(TestReport)

/* Money and Dates hold static methods only. */
%define ENFORCE_JAVA_STATIC(TYPE)
%typemap(javaclassmodifiers) struct TYPE "public final class"
%typemap(javafinalize) struct TYPE ""
%typemap(javadestruct, methodname="delete", methodmodifiers="private") struct TYPE ""
%typemap(javabody) struct TYPE %{
  private $javaclassname() {
  }
%}
%enddef

ENFORCE_JAVA_STATIC(Money)
ENFORCE_JAVA_STATIC(Dates)

/* ---- names -------------------------------------------------------------- */

%rename("%(lowercamelcase)s", %$isfunction) "";
/* Internal halves of the public methods written in javacode below. */
%javamethodmodifiers Recommendation::get_amount_fen "private";
%javamethodmodifiers Recommendation::get_range_min_fen "private";
%javamethodmodifiers Recommendation::get_range_max_fen "private";
%javamethodmodifiers Recommendation::get_missing "private";
%javamethodmodifiers Recommendation::get_missing_count "private";
%javamethodmodifiers RuleSet::recommend_text "private";
%javamethodmodifiers RuleSet::recommend_batch "private";
%javamethodmodifiers RuleSet::recommend_batch_bytes "private";
%javamethodmodifiers RuleSet::load "private";
%javamethodmodifiers RuleSet::load_data "private";
%javamethodmodifiers Limits::create "private";
%javamethodmodifiers Limits::name_count "private";
%javamethodmodifiers Limits::name_at "private";
%javamethodmodifiers Diagnostics::create "private";
%rename(loadWith) RuleSet::load;
%rename(loadDataWith) RuleSet::load_data;
%rename(recommendBatchWith) RuleSet::recommend_batch;
%rename(missingAt) Recommendation::get_missing;

/* ---- hand-written Java over the generated methods ----------------------- */

/* Every native call goes through EnforceJNI, so it loads the JNI library
 * (found through -Djava.library.path or LD_LIBRARY_PATH). */
%pragma(java) jniclasscode=%{
  static {
    System.loadLibrary("enforce_java");
  }
%}
%pragma(java) jniclassclassmodifiers="final class"
%pragma(java) moduleclassmodifiers="public final class"
%pragma(java) modulecode=%{
  private Enforce() {
  }

  /* Frees native handles of unreachable objects (instead of finalize()). */
  static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

  /* NUL-terminated UTF-8 for a C string argument; null stays null. */
  static byte[] cString(String s) {
    if (s == null) {
      return null;
    }
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("string contains U+0000");
    }
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(utf8, utf8.length + 1);
  }

  /* A document's UTF-8 bytes; a U+0000 inside reaches the library's reader,
   * which refuses it with the "encoding" code. */
  static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static String string(byte[] utf8) {
    return utf8 == null ? null : new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
  }
%}

%typemap(javacode) struct RuleSet %{
  /** Loads the rule set at {@code path} (a directory, or one YAML file) with
   *  the default limits.  Throws EnforceException ("io", "yaml_syntax",
   *  "rules_invalid" ...). */
  public static RuleSet load(String path) {
    return loadWith(path, null, null);
  }

  /** Like {@link #load(String)}; {@code limits} may be null, and
   *  {@code diagnostics}, if not null, receives every problem the load
   *  found, on failure too. */
  public static RuleSet load(String path, Limits limits, Diagnostics diagnostics) {
    return loadWith(path, limits, diagnostics);
  }

  /** Loads one in-memory YAML document (usually {@code kind: bundle}). */
  public static RuleSet loadData(String name, String yaml, Limits limits, Diagnostics diagnostics) {
    return loadDataWith(name, yaml, limits, diagnostics);
  }

  /** Benchmark ids in load order. */
  public java.util.List<String> getBenchmarkIds() {
    int n = getBenchmarkCount();
    java.util.List<String> ids = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(getBenchmarkId(i));
    }
    return java.util.Collections.unmodifiableList(ids);
  }

  /** Recommends a penalty for a case given as YAML or JSON text.
   *  {@code asOf}: "YYYY-MM-DD" for the late surcharge, or null. */
  public Recommendation recommend(String caseText, String asOf, boolean trace) {
    return recommendText(caseText, asOf, trace, null);
  }

  /** Like {@link #recommend(String, String, boolean)} with limits for
   *  reading the case (null for the defaults). */
  public Recommendation recommend(String caseText, String asOf, boolean trace, Limits limits) {
    return recommendText(caseText, asOf, trace, limits);
  }

  /** The recommendation's JSON document (docs/json-output.md) directly. */
  public String recommendJson(String caseText, String asOf, boolean trace) {
    return recommendJson(caseText, asOf, trace, null);
  }

  /** JSON Lines in, JSON Lines out, one record per case in input order,
   *  on {@code threads} threads (0 = one per processor). */
  public String recommendBatch(String jsonl, String asOf, boolean trace, int threads) {
    return recommendBatchWith(jsonl, asOf, trace, threads, null);
  }

  public String recommendBatch(String jsonl, String asOf, boolean trace, int threads, Limits limits) {
    return recommendBatchWith(jsonl, asOf, trace, threads, limits);
  }

  /** The same with UTF-8 bytes in and out: no conversion to and from
   *  String, for batches read from and written to files or sockets. */
  public byte[] recommendBatch(byte[] jsonl, String asOf, boolean trace, int threads) {
    return recommendBatchBytes(jsonl, asOf, trace, threads, null);
  }

  public byte[] recommendBatch(byte[] jsonl, String asOf, boolean trace, int threads, Limits limits) {
    return recommendBatchBytes(jsonl, asOf, trace, threads, limits);
  }
%}

%typemap(javacode) struct Recommendation %{
  /** The recommended fine in fen, if the outcome has one. */
  public java.util.OptionalLong getAmount() {
    boolean[] has = new boolean[1];
    long fen = getAmountFen(has);
    return has[0] ? java.util.OptionalLong.of(fen) : java.util.OptionalLong.empty();
  }

  public boolean hasAmount() {
    return getAmount().isPresent();
  }

  /** Lower end of the fine range in fen, if the outcome has a fine. */
  public java.util.OptionalLong getRangeMin() {
    boolean[] has = new boolean[1];
    long fen = getRangeMinFen(has);
    return has[0] ? java.util.OptionalLong.of(fen) : java.util.OptionalLong.empty();
  }

  public java.util.OptionalLong getRangeMax() {
    boolean[] has = new boolean[1];
    long fen = getRangeMaxFen(has);
    return has[0] ? java.util.OptionalLong.of(fen) : java.util.OptionalLong.empty();
  }

  /** What an undetermined part needs: case paths or rule parameters. */
  public java.util.List<String> getMissing() {
    int n = getMissingCount();
    java.util.List<String> missing = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      missing.add(missingAt(i));
    }
    return java.util.Collections.unmodifiableList(missing);
  }
%}

%typemap(javacode) struct Limits %{
  /** The defaults for rule files (trusted authors, large). */
  public static Limits forRules() {
    return create("rules");
  }

  /** The defaults for case files (untrusted, small). */
  public static Limits forCases() {
    return create("cases");
  }

  /** Limit names accepted by get() and set(), in docs/limits.md order. */
  public static java.util.List<String> names() {
    int n = nameCount();
    java.util.List<String> names = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(nameAt(i));
    }
    return java.util.Collections.unmodifiableList(names);
  }
%}

%typemap(javacode) struct Diagnostics %{
  /** An empty holder for RuleSet.load(path, limits, diagnostics) to fill. */
  public Diagnostics() {
    this(EnforceJNI.Diagnostics_create(), true);
  }

  /** All diagnostics, one per line, in English. */
  @Override
  public String toString() {
    return toString("en");
  }
%}

%typemap(javacode) struct Money %{
  /** Fen as an exact BigDecimal of yuan: 15050 -> 150.50. */
  public static java.math.BigDecimal toYuan(long fen) {
    return java.math.BigDecimal.valueOf(fen, 2);
  }
%}

%include "enforce.i"
