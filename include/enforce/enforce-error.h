/* enforce-error.h: the error domain, its codes and the diagnostics list.
 *
 * One GError domain (ENFORCE_ERROR) with fine-grained, stable codes so a
 * caller (and a test) can act on the exact failure.  Codes are API: values
 * are explicit and only ever appended.  Every code has a stable short name
 * (enforce_error_code_name()) and a zh-CN and en description, documented in
 * docs/error-codes.md.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-export.h>

G_BEGIN_DECLS

#define ENFORCE_ERROR (enforce_error_quark ())
ENFORCE_EXPORT GQuark enforce_error_quark (void);

typedef enum {
  ENFORCE_ERROR_FAILED = 0,              /* internal failure, should not happen */
  ENFORCE_ERROR_IO = 1,                  /* file cannot be read */

  /* Reading: the bytes are not an acceptable YAML/JSON document. */
  ENFORCE_ERROR_YAML_SYNTAX = 10,
  ENFORCE_ERROR_JSON_SYNTAX = 11,
  ENFORCE_ERROR_ENCODING = 12,           /* invalid UTF-8, BOM, NUL, control character */

  /* A per-loader limit was exceeded (docs/limits.md). */
  ENFORCE_ERROR_LIMIT_BYTES = 20,
  ENFORCE_ERROR_LIMIT_DEPTH = 21,
  ENFORCE_ERROR_LIMIT_SCALAR = 22,
  ENFORCE_ERROR_LIMIT_NODES = 23,
  ENFORCE_ERROR_LIMIT_KEYS = 24,
  ENFORCE_ERROR_LIMIT_ITEMS = 25,
  ENFORCE_ERROR_LIMIT_FILES = 26,

  /* YAML features refused in rule and case files. */
  ENFORCE_ERROR_ALIAS = 30,              /* anchors and aliases */
  ENFORCE_ERROR_TAG = 31,                /* explicit tags such as !!binary */
  ENFORCE_ERROR_MERGE_KEY = 32,          /* << */
  ENFORCE_ERROR_MULTI_DOCUMENT = 33,
  ENFORCE_ERROR_ROOT_NOT_MAPPING = 34,

  /* Schema: the document does not have the shape its kind requires. */
  ENFORCE_ERROR_DUPLICATE_KEY = 40,
  ENFORCE_ERROR_UNKNOWN_KEY = 41,
  ENFORCE_ERROR_MISSING_KEY = 42,
  ENFORCE_ERROR_WRONG_TYPE = 43,         /* mapping / sequence / scalar expected */
  ENFORCE_ERROR_INVALID_VALUE = 44,      /* bad enum, boolean, integer, identifier */
  ENFORCE_ERROR_INVALID_MONEY = 45,
  ENFORCE_ERROR_INVALID_DATE = 46,
  ENFORCE_ERROR_INVALID_CONDITION = 47,
  ENFORCE_ERROR_UNKNOWN_KIND = 48,

  /* Rule-set semantics (lint). */
  ENFORCE_ERROR_DUPLICATE_ID = 50,
  ENFORCE_ERROR_UNKNOWN_REFERENCE = 51,
  ENFORCE_ERROR_UNDECLARED_FACT = 52,
  ENFORCE_ERROR_TYPE_MISMATCH = 53,
  ENFORCE_ERROR_TIER_OUT_OF_RANGE = 54,
  ENFORCE_ERROR_VERSION_OVERLAP = 55,
  ENFORCE_ERROR_VERSION_GAP = 56,        /* warning */
  ENFORCE_ERROR_TIER_UNREACHABLE = 57,
  ENFORCE_ERROR_RULES_INVALID = 58,      /* a load failed; see the diagnostics */
  ENFORCE_ERROR_PARENT_CYCLE = 59,
  ENFORCE_ERROR_RESERVED_NAME = 60,      /* a fact named like a built-in circumstance */

  /* Cases. */
  ENFORCE_ERROR_INVALID_CASE = 70,
  ENFORCE_ERROR_UNKNOWN_BENCHMARK = 71,
  ENFORCE_ERROR_UNKNOWN_FACTOR = 72,
  ENFORCE_ERROR_UNKNOWN_FACT = 73,
  ENFORCE_ERROR_FACT_TYPE = 74,

  /* Arithmetic. */
  ENFORCE_ERROR_OVERFLOW = 80,
} EnforceErrorCode;

/* Stable ASCII name of a code ("duplicate_key"); never NULL. */
ENFORCE_EXPORT const char *enforce_error_code_name (EnforceErrorCode code);

typedef enum {
  ENFORCE_LANG_ZH = 0,                   /* zh-CN, the default */
  ENFORCE_LANG_EN = 1,
} EnforceLang;

typedef enum {
  ENFORCE_SEVERITY_ERROR = 0,
  ENFORCE_SEVERITY_WARNING = 1,
} EnforceSeverity;

/* A list of located diagnostics, as collected by one rule-set load.
 * Owned by the caller; free with enforce_diagnostics_free() (NULL-safe).
 * Strings are borrowed from the list; an out-of-range @index is a
 * programmer error (g_critical, NULL / 0). */
typedef struct _EnforceDiagnostics EnforceDiagnostics;

ENFORCE_EXPORT guint            enforce_diagnostics_get_count    (const EnforceDiagnostics *self);
ENFORCE_EXPORT guint            enforce_diagnostics_get_error_count (const EnforceDiagnostics *self);
ENFORCE_EXPORT EnforceErrorCode enforce_diagnostics_get_code     (const EnforceDiagnostics *self, guint index);
ENFORCE_EXPORT EnforceSeverity  enforce_diagnostics_get_severity (const EnforceDiagnostics *self, guint index);
/* File name (borrowed), or NULL when the diagnostic has no file. */
ENFORCE_EXPORT const char      *enforce_diagnostics_get_file     (const EnforceDiagnostics *self, guint index);
/* 1-based line and column; 0 when unknown. */
ENFORCE_EXPORT guint            enforce_diagnostics_get_line     (const EnforceDiagnostics *self, guint index);
ENFORCE_EXPORT guint            enforce_diagnostics_get_column   (const EnforceDiagnostics *self, guint index);
/* Message in the given language, borrowed. */
ENFORCE_EXPORT const char      *enforce_diagnostics_get_message  (const EnforceDiagnostics *self, guint index, EnforceLang lang);
/* One line per diagnostic, "file:line:col: error[code]: message"; caller frees. */
ENFORCE_EXPORT char            *enforce_diagnostics_to_string    (const EnforceDiagnostics *self, EnforceLang lang);
/* JSON array of diagnostic objects (docs/json-output.md); caller frees. */
ENFORCE_EXPORT char            *enforce_diagnostics_to_json      (const EnforceDiagnostics *self);
ENFORCE_EXPORT void             enforce_diagnostics_free         (EnforceDiagnostics *self);

#ifndef SWIG
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnforceDiagnostics, enforce_diagnostics_free)
#endif

G_END_DECLS
