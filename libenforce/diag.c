/* diag.c: located diagnostics, their rendering, and GErrors with positions.
 *
 * One location format is used everywhere a position is written:
 * "file:line:col: ", with absent parts left out ("file:line: ", "file: ",
 * "line:col: " when there is no file, nothing at all when nothing is
 * known).  set_error_at() writes it, diag_add_error() reads it back, and
 * to_string()/diag_to_gerror() render it, so a reader's position survives
 * the trip through a GError into the diagnostics list.
 */
#include "diag.h"

#include <string.h>

/* Longest line or column number parsed back out of a message: 9 digits fit
 * a guint32 without overflow checks. */
#define MAX_POSITION_DIGITS 9

static void
diagnostic_clear (gpointer data)
{
  Diagnostic *d = data;
  g_free (d->file);
  g_free (d->message[ENFORCE_LANG_ZH]);
  g_free (d->message[ENFORCE_LANG_EN]);
}

EnforceDiagnostics *
diag_new (void)
{
  EnforceDiagnostics *diag = g_new0 (EnforceDiagnostics, 1);
  diag->items = g_array_new (FALSE, TRUE, sizeof (Diagnostic));
  g_array_set_clear_func (diag->items, diagnostic_clear);
  return diag;
}

void
enforce_diagnostics_free (EnforceDiagnostics *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->items);
  g_free (self);
}

/* Takes ownership of @zh and @en. */
static void
push (EnforceDiagnostics *diag, EnforceSeverity severity, EnforceErrorCode code,
      const char *file, guint32 line, guint32 col, char *zh, char *en)
{
  Diagnostic d = {
    .code = code,
    .severity = severity,
    .file = g_strdup (file),
    .line = line,
    .col = col,
    .message = { zh, en },
  };
  g_array_append_val (diag->items, d);
  if (severity == ENFORCE_SEVERITY_ERROR)
    diag->errors++;
}

void
diag_add (EnforceDiagnostics *diag, EnforceSeverity severity,
          EnforceErrorCode code, Loc loc,
          const char *zh_format, const char *en_format, ...)
{
  va_list args, args_en;

  g_return_if_fail (diag != NULL);
  g_return_if_fail (zh_format != NULL && en_format != NULL);

  va_start (args, en_format);
  /* Both formats consume the same arguments, so the list is walked twice. */
  va_copy (args_en, args);
  char *zh = g_strdup_vprintf (zh_format, args);
  char *en = g_strdup_vprintf (en_format, args_en);
  va_end (args_en);
  va_end (args);

  push (diag, severity, code, loc.file, loc.line, loc.col, zh, en);
}

/* Parses "D+" or "D+:D+" followed by ": " at @s.  Returns the number of
 * bytes consumed (including the ": "), or 0 when @s does not start so. */
static gsize
match_position (const char *s, guint32 *line, guint32 *col)
{
  guint32 numbers[2] = { 0, 0 };
  gsize i = 0;

  for (int n = 0; n < 2; n++)
    {
      gsize start = i;
      while (g_ascii_isdigit (s[i]) && i - start < MAX_POSITION_DIGITS)
        numbers[n] = numbers[n] * 10 + (guint32) (s[i++] - '0');
      if (i == start || g_ascii_isdigit (s[i]))
        return 0;
      if (s[i] == ':' && s[i + 1] == ' ')
        {
          *line = numbers[0];
          *col = numbers[1];
          return i + 2;
        }
      if (s[i] != ':')
        return 0;
      i++;
    }
  return 0;
}

/* Splits "file:line:col: text" (any of the location forms written by
 * append_location()) into its parts.  A message with no recognisable
 * position is kept whole as the text, so nothing is lost. */
static void
split_message (const char *message, char **file, guint32 *line, guint32 *col,
               const char **text)
{
  gsize used;

  *file = NULL;
  *line = 0;
  *col = 0;
  *text = message;

  used = match_position (message, line, col);
  if (used > 0)
    {
      *text = message + used;
      return;
    }
  for (const char *p = strchr (message, ':'); p != NULL; p = strchr (p + 1, ':'))
    {
      used = match_position (p + 1, line, col);
      /* The first ':' followed by a digit is where our own prefix would
       * put the line; if that is not a position, none later is either. */
      if (used == 0 && g_ascii_isdigit (p[1]))
        return;
      if (used == 0)
        continue;
      if (p == message)
        {
          /* ":12:7: " names no file: not a position we wrote. */
          *line = 0;
          *col = 0;
          return;
        }
      *file = g_strndup (message, (gsize) (p - message));
      *text = p + 1 + used;
      return;
    }
}

static EnforceErrorCode
code_of_error (const GError *error)
{
  if (error->domain == ENFORCE_ERROR)
    return (EnforceErrorCode) error->code;
  if (error->domain == G_FILE_ERROR)
    return ENFORCE_ERROR_IO;
  return ENFORCE_ERROR_FAILED;
}

void
diag_add_error (EnforceDiagnostics *diag, const GError *error)
{
  char *file;
  guint32 line, col;
  const char *text;

  g_return_if_fail (diag != NULL);
  g_return_if_fail (error != NULL);

  EnforceErrorCode code = code_of_error (error);
  split_message (error->message, &file, &line, &col, &text);
  /* Readers write English only; the zh line leads with the code's own zh
   * description so a Chinese reader still sees what kind of error it is. */
  char *zh = g_strconcat (error_code_description (code, ENFORCE_LANG_ZH), "：", text, NULL);
  push (diag, ENFORCE_SEVERITY_ERROR, code, file, line, col, zh, g_strdup (text));
  g_free (file);
}

gboolean
diag_has_errors (const EnforceDiagnostics *diag)
{
  return diag != NULL && diag->errors > 0;
}

static void
append_location (GString *out, const char *file, guint32 line, guint32 col)
{
  if (file != NULL)
    g_string_append (out, file);
  if (line > 0)
    {
      g_string_append_printf (out, file != NULL ? ":%u" : "%u", (unsigned) line);
      if (col > 0)
        g_string_append_printf (out, ":%u", (unsigned) col);
    }
  if (file != NULL || line > 0)
    g_string_append (out, ": ");
}

static EnforceLang
valid_lang (EnforceLang lang)
{
  return lang == ENFORCE_LANG_EN ? ENFORCE_LANG_EN : ENFORCE_LANG_ZH;
}

static void
append_line (GString *out, const Diagnostic *d, EnforceLang lang)
{
  append_location (out, d->file, d->line, d->col);
  g_string_append_printf (out, "%s[%s]: %s",
                          d->severity == ENFORCE_SEVERITY_ERROR ? "error" : "warning",
                          enforce_error_code_name (d->code),
                          d->message[valid_lang (lang)]);
}

void
diag_to_gerror (const EnforceDiagnostics *diag, GError **error)
{
  g_return_if_fail (diag_has_errors (diag));

  for (guint i = 0; i < diag->items->len; i++)
    {
      const Diagnostic *d = &g_array_index (diag->items, Diagnostic, i);
      if (d->severity != ENFORCE_SEVERITY_ERROR)
        continue;
      g_autoptr (GString) line = g_string_new (NULL);
      append_line (line, d, ENFORCE_LANG_EN);
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_RULES_INVALID,
                   "%u error%s; first: %s", diag->errors,
                   diag->errors == 1 ? "" : "s", line->str);
      return;
    }
}

void
set_error_at (GError **error, EnforceErrorCode code, Loc loc, const char *format, ...)
{
  va_list args;
  g_autoptr (GString) message = g_string_new (NULL);

  append_location (message, loc.file, loc.line, loc.col);
  va_start (args, format);
  g_string_append_vprintf (message, format, args);
  va_end (args);
  g_set_error_literal (error, ENFORCE_ERROR, (gint) code, message->str);
}

/* Length of the UTF-8 character at @p if it is valid and printable, else 0
 * (the first byte is then escaped on its own). */
static gsize
printable_char_len (const char *p, gsize avail)
{
  gunichar c = g_utf8_get_char_validated (p, (gssize) avail);
  if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isprint (c))
    return 0;
  return (gsize) (g_utf8_next_char (p) - p);
}

char *
escape_for_message (const char *text, gsize len, gsize max)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  GString *out = g_string_sized_new (MIN (len, max) + 8);
  for (gsize i = 0; i < len;)
    {
      char escaped[5];
      const char *unit = text + i;
      gsize consumed = printable_char_len (text + i, len - i);
      gsize n = consumed;

      if (consumed == 0)
        {
          g_snprintf (escaped, sizeof escaped, "\\x%02X", (guint) (guchar) text[i]);
          unit = escaped;
          n = 4;
          consumed = 1;
        }
      /* Whole characters and whole escapes only, so the cut never leaves
       * broken UTF-8 behind. */
      if (out->len + n > max)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_len (out, unit, (gssize) n);
      i += consumed;
    }
  return g_string_free (out, FALSE);
}

/* Public accessors. */

static const Diagnostic *
item (const EnforceDiagnostics *self, guint index)
{
  return &g_array_index (self->items, Diagnostic, index);
}

guint
enforce_diagnostics_get_count (const EnforceDiagnostics *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->items->len;
}

guint
enforce_diagnostics_get_error_count (const EnforceDiagnostics *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->errors;
}

EnforceErrorCode
enforce_diagnostics_get_code (const EnforceDiagnostics *self, guint index)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, ENFORCE_ERROR_FAILED);
  return item (self, index)->code;
}

EnforceSeverity
enforce_diagnostics_get_severity (const EnforceDiagnostics *self, guint index)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, ENFORCE_SEVERITY_ERROR);
  return item (self, index)->severity;
}

const char *
enforce_diagnostics_get_file (const EnforceDiagnostics *self, guint index)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, NULL);
  return item (self, index)->file;
}

guint
enforce_diagnostics_get_line (const EnforceDiagnostics *self, guint index)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, 0);
  return item (self, index)->line;
}

guint
enforce_diagnostics_get_column (const EnforceDiagnostics *self, guint index)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, 0);
  return item (self, index)->col;
}

const char *
enforce_diagnostics_get_message (const EnforceDiagnostics *self, guint index, EnforceLang lang)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, NULL);
  return item (self, index)->message[valid_lang (lang)];
}

char *
enforce_diagnostics_to_string (const EnforceDiagnostics *self, EnforceLang lang)
{
  g_return_val_if_fail (self != NULL, NULL);

  GString *out = g_string_new (NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      append_line (out, item (self, i), lang);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* JSON output.  A small escaper of its own keeps this module independent of
 * the engine's writer; the output must be valid UTF-8 JSON whatever bytes a
 * file name or message holds, so invalid sequences become U+FFFD. */

static void
json_append_string (GString *out, const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  gsize len = strlen (s);
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len;)
    {
      guchar c = (guchar) s[i];
      if (c >= 0x80)
        {
          gunichar u = g_utf8_get_char_validated (s + i, (gssize) (len - i));
          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              g_string_append (out, "\\ufffd");
              i++;
              continue;
            }
          gsize n = (gsize) (g_utf8_next_char (s + i) - (s + i));
          g_string_append_len (out, s + i, (gssize) n);
          i += n;
          continue;
        }
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", (guint) c);
          else
            g_string_append_c (out, (char) c);
        }
      i++;
    }
  g_string_append_c (out, '"');
}

static void
json_append_position (GString *out, guint32 value)
{
  if (value == 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%u", (unsigned) value);
}

char *
enforce_diagnostics_to_json (const EnforceDiagnostics *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  GString *out = g_string_new ("[");
  for (guint i = 0; i < self->items->len; i++)
    {
      const Diagnostic *d = item (self, i);
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, "{\"code\": ");
      json_append_string (out, enforce_error_code_name (d->code));
      g_string_append (out, ", \"severity\": ");
      json_append_string (out, d->severity == ENFORCE_SEVERITY_ERROR ? "error" : "warning");
      g_string_append (out, ", \"file\": ");
      json_append_string (out, d->file);
      g_string_append (out, ", \"line\": ");
      json_append_position (out, d->line);
      g_string_append (out, ", \"column\": ");
      json_append_position (out, d->col);
      g_string_append (out, ", \"message\": {\"zh\": ");
      json_append_string (out, d->message[ENFORCE_LANG_ZH]);
      g_string_append (out, ", \"en\": ");
      json_append_string (out, d->message[ENFORCE_LANG_EN]);
      g_string_append (out, "}}");
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}
