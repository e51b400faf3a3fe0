/* diag.h: collecting located diagnostics, and turning them into GErrors.
 *
 * The rule loader collects every semantic error of a load in one Diag list
 * (EnforceDiagnostics is its public face); the case loader stops at the
 * first.  Messages are kept in zh-CN and en; the code's stable name is part
 * of every rendered line: "file:line:col: error[unknown_key]: ...".
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-error.h>
#include "node.h"

typedef struct {
  const char *file;           /* borrowed; must outlive the diagnostic's use */
  guint32 line;
  guint32 col;
} Loc;

static inline Loc loc_of (const Doc *doc, const Node *node)
{
  Loc loc = { doc ? doc->file : NULL, node ? node->line : 0, node ? node->col : 0 };
  return loc;
}

typedef struct {
  EnforceErrorCode code;
  EnforceSeverity severity;
  char *file;                 /* owned */
  guint32 line;
  guint32 col;
  char *message[2];           /* [ENFORCE_LANG_ZH], [ENFORCE_LANG_EN], owned */
} Diagnostic;

struct _EnforceDiagnostics {
  GArray *items;              /* of Diagnostic */
  guint errors;
};

EnforceDiagnostics *diag_new (void);
/* Adds one diagnostic.  @zh_format and @en_format take the same arguments in
 * the same order. */
void diag_add (EnforceDiagnostics *diag, EnforceSeverity severity,
               EnforceErrorCode code, Loc loc,
               const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (5, 7) G_GNUC_PRINTF (6, 7);
/* Adds a GError raised by a reader (its message already carries the
 * position) as an error diagnostic, taking the code from it (ENFORCE_ERROR
 * codes as they are; G_FILE_ERROR → IO; other domains → FAILED).  The
 * position is read back from the prefix set_error_at() writes: the first
 * ":LINE[:COL]: " after the file name (or "LINE[:COL]: " at the start).  A
 * message without such a prefix is kept whole as the text, with no
 * position.  en = the text; zh = the code's zh description + "：" + text. */
void diag_add_error (EnforceDiagnostics *diag, const GError *error);
gboolean diag_has_errors (const EnforceDiagnostics *diag);
/* Sets @error from the first error in @diag: ENFORCE_ERROR_RULES_INVALID with
 * "N errors; first: <rendered line>". */
void diag_to_gerror (const EnforceDiagnostics *diag, GError **error);

/* Sets a GError "file:line:col: text" (English; the zh text is looked up by
 * code in the message table when needed).  Unknown parts are left out:
 * "file:line: text" (col 0), "file: text" (line 0), "line:col: text" (no
 * file), "text" (nothing known). */
void set_error_at (GError **error, EnforceErrorCode code, Loc loc,
                   const char *format, ...) G_GNUC_PRINTF (4, 5);

/* Stable code names and their one-line descriptions (error.c). */
const char *error_code_description (EnforceErrorCode code, EnforceLang lang);

/* Escapes non-printable bytes as \xNN for messages: control characters,
 * DEL, invalid UTF-8 and non-printable Unicode (format characters such as
 * U+202E); printable UTF-8 (Chinese) is kept.  The result holds at most @max
 * bytes, then "…" when cut; a cut never splits an escape or a character.
 * @text need not be NUL-terminated.  Caller frees. */
char *escape_for_message (const char *text, gsize len, gsize max);
