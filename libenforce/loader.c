/* loader.c: reading a rule set's files and assembling the model.
 *
 * A load walks one or more *roots*: the path given, then the parent rule
 * set its jurisdiction names, then that one's parent, and so on.  Roots are
 * a queue, not a recursion, so a long parent chain costs no stack.  Each
 * file is size-checked before it is read, hashed, parsed by the limited
 * reader and bound document by document.  A file that cannot be read or
 * parsed becomes one diagnostic and the load goes on, so one run reports
 * every error; only a failure that leaves nothing to read (the top path
 * itself, or too many files) stops it.  Once everything is bound, references
 * are resolved, versions sorted, indexes built, calendars merged and the
 * whole set linted; any error leaves nothing behind.
 */
#define _XOPEN_SOURCE 700          /* realpath() under -std=c11 */

#include "loader.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include "citation.h"
#include "json-writer.h"
#include "node.h"

/* Diagnostics. */

static void add_va (Loader *ld, EnforceSeverity severity, EnforceErrorCode code, Loc loc,
                    const char *zh_format, const char *en_format, va_list args)
  G_GNUC_PRINTF (5, 0) G_GNUC_PRINTF (6, 0);

static void
add_va (Loader *ld, EnforceSeverity severity, EnforceErrorCode code, Loc loc,
        const char *zh_format, const char *en_format, va_list args)
{
  va_list args_en;

  va_copy (args_en, args);
  g_autofree char *zh = g_strdup_vprintf (zh_format, args);
  g_autofree char *en = g_strdup_vprintf (en_format, args_en);
  va_end (args_en);
  diag_add (ld->diag, severity, code, loc, "%s%.0s", "%.0s%s", zh, en);
}

void
ld_error (Loader *ld, EnforceErrorCode code, Loc loc,
          const char *zh_format, const char *en_format, ...)
{
  va_list args;

  va_start (args, en_format);
  add_va (ld, ENFORCE_SEVERITY_ERROR, code, loc, zh_format, en_format, args);
  va_end (args);
}

void
ld_warning (Loader *ld, EnforceErrorCode code, Loc loc,
            const char *zh_format, const char *en_format, ...)
{
  va_list args;

  va_start (args, en_format);
  add_va (ld, ENFORCE_SEVERITY_WARNING, code, loc, zh_format, en_format, args);
  va_end (args);
}

/* A file that could not be read or parsed: reported, remembered as a GError
 * (the load returns its code when nothing else went wrong), and the rest of
 * the set marked incomplete. */
static void
remember_read_error (Loader *ld, GError *error)
{
  ld->read_errors++;
  ld->incomplete = TRUE;
  if (ld->first_read_error == NULL)
    ld->first_read_error = error;
  else
    g_error_free (error);
}

/* A reader's error: its message already carries file:line:col. */
static void
read_failed (Loader *ld, GError *error)
{
  diag_add_error (ld->diag, error);
  remember_read_error (ld, error);
}

/* A file that could not be opened or is too large, reported against its
 * name (no position: nothing of it was read). */
static void file_failed (Loader *ld, EnforceErrorCode code, const char *file,
                         const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (4, 6) G_GNUC_PRINTF (5, 6);

static void
file_failed (Loader *ld, EnforceErrorCode code, const char *file,
             const char *zh_format, const char *en_format, ...)
{
  va_list args, args_en;
  Loc loc = { file, 0, 0 };
  GError *error = NULL;

  va_start (args, en_format);
  va_copy (args_en, args);
  g_autofree char *zh = g_strdup_vprintf (zh_format, args);
  g_autofree char *en = g_strdup_vprintf (en_format, args_en);
  va_end (args_en);
  va_end (args);
  diag_add (ld->diag, ENFORCE_SEVERITY_ERROR, code, loc, "%s%.0s", "%.0s%s", zh, en);
  set_error_at (&error, code, loc, "%s", en);
  remember_read_error (ld, error);
}

/* A failure that stops the load (the top path, the file limit): reported
 * against the file or directory and set on @error. */
static void set_fatal (Loader *ld, GError **error, EnforceErrorCode code, const char *file,
                       const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (5, 7) G_GNUC_PRINTF (6, 7);

static void
set_fatal (Loader *ld, GError **error, EnforceErrorCode code, const char *file,
           const char *zh_format, const char *en_format, ...)
{
  va_list args, args_en;
  Loc loc = { file, 0, 0 };

  va_start (args, en_format);
  va_copy (args_en, args);
  g_autofree char *zh = g_strdup_vprintf (zh_format, args);
  g_autofree char *en = g_strdup_vprintf (en_format, args_en);
  va_end (args_en);
  va_end (args);
  diag_add (ld->diag, ENFORCE_SEVERITY_ERROR, code, loc, "%s%.0s", "%.0s%s", zh, en);
  set_error_at (error, code, loc, "%s", en);
}

/* Shared sub-binders. */

void
ld_bind_text_key (Binder *b, const Node *map, const char *key, const char **out)
{
  const Node *n = node_lookup (map, key);

  *out = NULL;
  if (n == NULL)
    return;
  gsize saved = bind_push_key (b, key);
  bind_text (b, n, out);
  bind_pop (b, saved);
}

void
ld_bind_bool_key (Binder *b, const Node *map, const char *key, gboolean dflt,
                  gboolean *out)
{
  const Node *n = node_lookup (map, key);

  *out = dflt;
  if (n == NULL)
    return;
  gsize saved = bind_push_key (b, key);
  if (!bind_bool (b, n, out))
    *out = dflt;
  bind_pop (b, saved);
}

int
ld_sequence_length (Binder *b, const Node *n)
{
  if (!bind_sequence (b, n))
    return -1;
  return (int) n->len;
}

void
ld_bind_provenance (Binder *b, const Node *map, const char *key,
                    const Provenance *inherit, Provenance *out)
{
  static const char *const keys[] = { "source", "document_number", "verified", "note", NULL };
  const Node *n = node_lookup (map, key);

  if (inherit != NULL)
    *out = *inherit;
  else
    memset (out, 0, sizeof *out);
  if (n == NULL)
    return;

  gsize saved = bind_push_key (b, key);
  if (bind_mapping (b, n, keys))
    {
      const char *text;
      ld_bind_text_key (b, n, "source", &text);
      if (text != NULL)
        out->source = text;
      ld_bind_text_key (b, n, "document_number", &text);
      if (text != NULL)
        out->document_number = text;
      ld_bind_text_key (b, n, "note", &text);
      if (text != NULL)
        out->note = text;
      ld_bind_bool_key (b, n, "verified", inherit != NULL ? inherit->verified : FALSE,
                        &out->verified);
    }
  bind_pop (b, saved);
}

static gboolean
bind_small_int_key (Binder *b, const Node *map, const char *key, gint64 min, gint64 max,
                    guint16 *out)
{
  const Node *n = node_lookup (map, key);
  gint64 value = 0;

  *out = 0;
  if (n == NULL)
    return TRUE;
  gsize saved = bind_push_key (b, key);
  gboolean ok = bind_int (b, n, min, max, &value);
  bind_pop (b, saved);
  *out = (guint16) value;
  return ok;
}

gboolean
ld_bind_citation (Loader *ld, Binder *b, const Node *n, Citation *out)
{
  static const char *const keys[] = {
    "instrument", "article", "paragraph", "item", "verified", NULL,
  };
  gboolean ok = TRUE;

  memset (out, 0, sizeof *out);
  out->loc = ld_loc (ld, n);
  out->verified = TRUE;
  if (!bind_mapping (b, n, keys))
    return FALSE;

  const Node *inst = bind_required (b, n, "instrument");
  if (inst != NULL)
    {
      PendingCitation pending = { out, NULL, ld_loc (ld, inst) };
      gsize saved = bind_push_key (b, "instrument");
      if (bind_id (b, inst, &pending.instrument_id))
        g_array_append_val (ld->citations, pending);
      else
        ok = FALSE;
      bind_pop (b, saved);
    }
  else
    ok = FALSE;

  if (bind_required (b, n, "article") != NULL)
    ok &= bind_small_int_key (b, n, "article", 1, 9999, &out->article);
  else
    ok = FALSE;
  ok &= bind_small_int_key (b, n, "paragraph", 1, 999, &out->paragraph);
  ok &= bind_small_int_key (b, n, "item", 1, 999, &out->item);
  ld_bind_bool_key (b, n, "verified", TRUE, &out->verified);
  return ok;
}

void
ld_copy_citation (Loader *ld, const Citation *from, Citation *to)
{
  *to = *from;
  /* The pending reference of @from, if any, is among the latest. */
  for (guint i = ld->citations->len; i > 0; i--)
    {
      PendingCitation copy = g_array_index (ld->citations, PendingCitation, i - 1);
      if (copy.citation != from)
        continue;
      copy.citation = to;
      g_array_append_val (ld->citations, copy);
      return;
    }
}

gboolean
ld_bind_citation_key (Loader *ld, Binder *b, const Node *map, const char *key,
                      Citation *out)
{
  const Node *n = node_lookup (map, key);

  memset (out, 0, sizeof *out);
  if (n == NULL)
    return FALSE;
  gsize saved = bind_push_key (b, key);
  gboolean ok = ld_bind_citation (ld, b, n, out);
  bind_pop (b, saved);
  return ok;
}

gboolean
ld_bind_period (Binder *b, const Node *map, gint32 *from, gint32 *to)
{
  const Node *n_from = bind_required (b, map, "effective_from");
  const Node *n_to = node_lookup (map, "effective_to");
  gboolean ok = n_from != NULL;

  *from = 0;
  *to = DATE_OPEN;
  if (n_from != NULL)
    {
      gsize saved = bind_push_key (b, "effective_from");
      ok = bind_date (b, n_from, from);
      bind_pop (b, saved);
    }
  if (n_to != NULL)
    {
      gsize saved = bind_push_key (b, "effective_to");
      if (!bind_date (b, n_to, to))
        {
          *to = DATE_OPEN;
          ok = FALSE;
        }
      else if (ok && *to < *from)
        {
          bind_error (b, ENFORCE_ERROR_INVALID_DATE, n_to,
                      "effective_to 早于 effective_from",
                      "effective_to is before effective_from");
          ok = FALSE;
        }
      bind_pop (b, saved);
    }
  return ok;
}

static void
bind_factor (Loader *ld, Binder *b, const Node *n, Factor *f)
{
  static const char *const keys[] = {
    "code", "direction", "label", "mandatory", "allows_reduction", "basis", NULL,
  };
  const Node *v;
  int direction = 0;

  f->loc = ld_loc (ld, n);
  if (!bind_mapping (b, n, keys))
    return;
  if ((v = bind_required (b, n, "code")) != NULL)
    {
      gsize saved = bind_push_key (b, "code");
      bind_id (b, v, &f->code);
      bind_pop (b, saved);
    }
  if ((v = bind_required (b, n, "direction")) != NULL)
    {
      gsize saved = bind_push_key (b, "direction");
      if (bind_enum (b, v, factor_direction_names, &direction))
        f->direction = (FactorDirection) direction;
      bind_pop (b, saved);
    }
  if ((v = bind_required (b, n, "label")) != NULL)
    {
      gsize saved = bind_push_key (b, "label");
      bind_text (b, v, &f->label);
      bind_pop (b, saved);
    }
  ld_bind_bool_key (b, n, "mandatory", FALSE, &f->mandatory);
  ld_bind_bool_key (b, n, "allows_reduction", FALSE, &f->allows_reduction);
  f->has_basis = ld_bind_citation_key (ld, b, n, "basis", &f->basis);
}

void
ld_bind_factors (Loader *ld, Binder *b, const Node *seq, Factor **out, guint *n_out)
{
  int n = ld_sequence_length (b, seq);

  *out = NULL;
  *n_out = 0;
  if (n <= 0)
    return;
  Factor *factors = arena_new0 (ld->arena, Factor, n);
  for (guint i = 0; i < (guint) n; i++)
    {
      gsize saved = bind_push_index (b, i);
      bind_factor (ld, b, seq->v.items[i], &factors[i]);
      /* Codes are looked up by a linear scan at evaluation; a duplicate
       * would silently shadow the later entry. */
      for (guint j = 0; j < i && factors[i].code != NULL; j++)
        if (factors[j].code != NULL && strcmp (factors[j].code, factors[i].code) == 0)
          {
            bind_error (b, ENFORCE_ERROR_DUPLICATE_ID, seq->v.items[i],
                        "因素代码 \"%s\" 重复，首次出现于第 %u 行第 %u 列",
                        "duplicate factor code \"%s\", first at %u:%u",
                        factors[i].code, factors[j].loc.line, factors[j].loc.col);
            break;
          }
      bind_pop (b, saved);
    }
  *out = factors;
  *n_out = (guint) n;
}

void
ld_bind_policy (Loader *ld, Binder *b, const Node *n, Policy *out)
{
  static const char *const keys[] = { "combine", "start_percent", "step_percent", NULL };
  const Node *v;
  int kind = 0;
  gint64 value = 0;

  memset (out, 0, sizeof *out);
  out->loc = ld_loc (ld, n);
  if (!bind_mapping (b, n, keys))
    return;
  out->present = TRUE;
  if ((v = bind_required (b, n, "combine")) != NULL)
    {
      gsize saved = bind_push_key (b, "combine");
      if (bind_enum (b, v, policy_kind_names, &kind))
        out->kind = (PolicyKind) kind;
      bind_pop (b, saved);
    }
  if ((v = bind_required (b, n, "start_percent")) != NULL)
    {
      gsize saved = bind_push_key (b, "start_percent");
      if (bind_int (b, v, 0, 100, &value))
        out->start_percent = (guint) value;
      bind_pop (b, saved);
    }
  v = node_lookup (n, "step_percent");
  if (out->kind == POLICY_POSITION)
    v = bind_required (b, n, "step_percent");
  else if (v != NULL)
    {
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, v,
                  "step_percent 仅适用于 combine: position",
                  "step_percent applies only to combine: position");
      v = NULL;
    }
  if (v != NULL)
    {
      gsize saved = bind_push_key (b, "step_percent");
      if (bind_int (b, v, 0, 100, &value))
        out->step_percent = (guint) value;
      bind_pop (b, saved);
    }
}

void
ld_add_cond (Loader *ld, Cond *cond)
{
  g_ptr_array_add (ld->conds, cond);
}

/* Paths. */

/* Collapses "." and "dir/.." lexically, for message names only (files are
 * opened by their real path, so a symlink cannot make this wrong where it
 * matters). */
static char *
tidy_path (const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  GPtrArray *kept = g_ptr_array_new ();
  gboolean absolute = path[0] == '/';

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = parts[i];
      if (p[0] == '\0' || strcmp (p, ".") == 0)
        continue;
      if (strcmp (p, "..") == 0 && kept->len > 0
          && strcmp (g_ptr_array_index (kept, kept->len - 1), "..") != 0)
        {
          g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      if (strcmp (p, "..") == 0 && absolute)
        continue;
      g_ptr_array_add (kept, (gpointer) p);
    }
  g_ptr_array_add (kept, NULL);
  g_autofree char *joined = g_strjoinv ("/", (char **) kept->pdata);
  g_ptr_array_free (kept, TRUE);
  if (absolute)
    return g_strconcat ("/", joined, NULL);
  return joined[0] != '\0' ? g_steal_pointer (&joined) : g_strdup (".");
}

static char *
real_path (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy = resolved != NULL ? g_strdup (resolved) : NULL;

  free (resolved);
  return copy;
}

static LoadRoot *
root_at (Loader *ld, guint i)
{
  return g_ptr_array_index (ld->roots, i);
}

static void
root_free (gpointer data)
{
  LoadRoot *root = data;
  g_free (root->display);
  g_free (root->io);
  g_free (root->real);
  g_free (root);
}

static LoadRoot *
add_root (Loader *ld, char *display, char *io, char *real)
{
  LoadRoot *root = g_new0 (LoadRoot, 1);
  root->display = display;
  root->io = io;
  root->real = real;
  g_ptr_array_add (ld->roots, root);
  return root;
}

/* Jurisdictions and parents. */

void
ld_add_jurisdiction (Loader *ld, Jurisdiction *j, const char *parent,
                     const Node *parent_node)
{
  LoadRoot *root = root_at (ld, ld->root);

  if (root->jurisdiction != NULL)
    {
      const Loc *first = &root->jurisdiction->loc;
      ld_error (ld, ENFORCE_ERROR_DUPLICATE_ID, j->loc,
                "一个规则集只能有一个 jurisdiction 文档，第一个位于 %s:%u:%u",
                "a rule set has one jurisdiction document; the first is at %s:%u:%u",
                first->file, first->line, first->col);
      return;
    }
  root->jurisdiction = j;
  g_ptr_array_add (ld->jurisdictions, j);
  if (parent == NULL)
    return;

  Loc loc = ld_loc (ld, parent_node);
  if (ld->from_data || ld->file_dir == NULL)
    {
      ld_error (ld, ENFORCE_ERROR_INVALID_VALUE, loc,
                "从内存加载的规则集不能指定 parent",
                "a rule set loaded from memory cannot name a parent");
      return;
    }

  g_autofree char *io = g_path_is_absolute (parent)
    ? g_strdup (parent) : g_build_filename (ld->file_dir, parent, NULL);
  char *real = real_path (io);
  if (real == NULL)
    {
      int saved_errno = errno;
      ld_error (ld, ENFORCE_ERROR_IO, loc, "无法读取上级规则集 \"%s\"：%s",
                "parent rule set \"%s\" cannot be read: %s", parent, g_strerror (saved_errno));
      ld->incomplete = TRUE;
      return;
    }
  for (guint i = 0; i < ld->roots->len; i++)
    if (strcmp (root_at (ld, i)->real, real) == 0)
      {
        ld_error (ld, ENFORCE_ERROR_PARENT_CYCLE, loc,
                  "上级规则集 \"%s\" 已在本次加载的上级链中（%s），形成循环",
                  "parent rule set \"%s\" is already in this load's chain (%s): a cycle",
                  parent, root_at (ld, i)->display);
        g_free (real);
        return;
      }

  g_autofree char *file_dir_display = g_path_get_dirname (ld->file);
  g_autofree char *display = g_path_is_absolute (parent)
    ? g_strdup (parent) : g_build_filename (file_dir_display, parent, NULL);
  root->has_parent = TRUE;
  root->parent_loc = loc;
  add_root (ld, tidy_path (display), g_strdup (real), real);
}

/* Reading files. */

static void
hash_file (Loader *ld, const char *rel, const char *data, gsize len)
{
  char size[32];
  int n = g_snprintf (size, sizeof size, "%" G_GSIZE_FORMAT, len);

  /* Each part is NUL-terminated and the length precedes the bytes, so no
   * two different sets of files hash the same input. */
  g_checksum_update (ld->hash, (const guchar *) rel, (gssize) strlen (rel) + 1);
  g_checksum_update (ld->hash, (const guchar *) size, n + 1);
  g_checksum_update (ld->hash, (const guchar *) data, (gssize) len);
}

static const char *const document_kinds[] = {
  "jurisdiction", "instrument", "calendar", "power", "benchmark", "bundle", NULL,
};

enum { DOC_JURISDICTION, DOC_INSTRUMENT, DOC_CALENDAR, DOC_POWER, DOC_BENCHMARK, DOC_BUNDLE };

static int
find_name (const char *const *names, const char *text)
{
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], text) == 0)
      return i;
  return -1;
}

static void bind_bundle (Loader *ld, Binder *b, const Node *map);

/* One document (a file's root, or an item of a bundle). */
static void
bind_document (Loader *ld, Binder *b, const Node *map, gboolean in_bundle)
{
  if (map->kind != NODE_MAPPING)
    {
      bind_error (b, ENFORCE_ERROR_WRONG_TYPE, map, "文档应为映射", "a document must be a mapping");
      ld->incomplete = TRUE;
      return;
    }
  const Node *kind = bind_required (b, map, "kind");
  if (kind == NULL)
    {
      ld->incomplete = TRUE;
      return;
    }
  int which = kind->kind == NODE_SCALAR ? find_name (document_kinds, kind->v.text) : -1;
  if (which < 0)
    {
      g_autofree char *shown = kind->kind == NODE_SCALAR
        ? escape_for_message (kind->v.text, kind->len, 64) : g_strdup ("…");
      bind_error (b, ENFORCE_ERROR_UNKNOWN_KIND, kind,
                  "未知的文档类型 \"%s\"（应为 jurisdiction、instrument、calendar、power、benchmark 或 bundle）",
                  "unknown kind \"%s\" (expected jurisdiction, instrument, calendar, power, benchmark or bundle)",
                  shown);
      ld->incomplete = TRUE;
      return;
    }
  switch (which)
    {
    case DOC_JURISDICTION: load_jurisdiction (ld, b, map); break;
    case DOC_INSTRUMENT:   load_instrument (ld, b, map); break;
    case DOC_CALENDAR:     load_calendar (ld, b, map); break;
    case DOC_POWER:        load_power (ld, b, map); break;
    case DOC_BENCHMARK:    load_benchmark (ld, b, map); break;
    default:
      if (in_bundle)
        {
          bind_error (b, ENFORCE_ERROR_INVALID_VALUE, kind,
                      "bundle 中不能嵌套 bundle", "a bundle cannot contain a bundle");
          ld->incomplete = TRUE;
        }
      else
        bind_bundle (ld, b, map);
      break;
    }
}

static void
bind_bundle (Loader *ld, Binder *b, const Node *map)
{
  static const char *const keys[] = { "kind", "documents", NULL };

  if (!bind_mapping (b, map, keys))
    return;
  const Node *docs = bind_required (b, map, "documents");
  if (docs == NULL)
    return;
  gsize saved = bind_push_key (b, "documents");
  int n = ld_sequence_length (b, docs);
  for (int i = 0; i < n; i++)
    {
      gsize item = bind_push_index (b, (guint) i);
      bind_document (ld, b, docs->v.items[i], TRUE);
      bind_pop (b, item);
    }
  bind_pop (b, saved);
}

/* Parses and binds the bytes of one file (or in-memory document). */
static void
load_bytes (Loader *ld, const char *data, gsize len, const char *display,
            const char *rel, const char *io_dir)
{
  GError *error = NULL;

  hash_file (ld, rel, data, len);
  Doc *doc = doc_parse_yaml (data, len, display, ld->limits, &error);
  if (doc == NULL)
    {
      read_failed (ld, error);
      return;
    }
  Binder b;
  binder_init_collect (&b, doc, ld->limits, ld->arena, ld->diag);
  ld->file = arena_strdup (ld->arena, display);
  ld->file_dir = io_dir;
  bind_document (ld, &b, doc->root, FALSE);
  ld->file_dir = NULL;
  doc_free (doc);
}

static void
load_file (Loader *ld, const char *io, const char *display, const char *rel)
{
  gint64 limit = enforce_limits_get (ld->limits, ENFORCE_LIMIT_INPUT_BYTES);
  GError *error = NULL;
  GStatBuf st;
  char *data = NULL;
  gsize len = 0;

  /* The size is checked before reading so an oversized file never makes
   * us allocate its length. */
  if (g_stat (io, &st) != 0)
    {
      int saved_errno = errno;
      file_failed (ld, ENFORCE_ERROR_IO, display, "无法读取：%s", "cannot read: %s",
                   g_strerror (saved_errno));
      return;
    }
  if ((gint64) st.st_size > limit)
    {
      file_failed (ld, ENFORCE_ERROR_LIMIT_BYTES, display,
                   "文件有 %" G_GINT64_FORMAT " 字节，超过限制 input_bytes = %" G_GINT64_FORMAT,
                   "file is %" G_GINT64_FORMAT " bytes, over the limit input_bytes = %"
                   G_GINT64_FORMAT, (gint64) st.st_size, limit);
      return;
    }
  if (!g_file_get_contents (io, &data, &len, &error))
    {
      file_failed (ld, ENFORCE_ERROR_IO, display, "无法读取：%s", "cannot read: %s",
                   error->message);
      g_error_free (error);
      return;
    }
  if ((gint64) len > limit)           /* it grew since g_stat() */
    file_failed (ld, ENFORCE_ERROR_LIMIT_BYTES, display,
                 "文件有 %" G_GSIZE_FORMAT " 字节，超过限制 input_bytes = %" G_GINT64_FORMAT,
                 "file is %" G_GSIZE_FORMAT " bytes, over the limit input_bytes = %"
                 G_GINT64_FORMAT, len, limit);
  else
    {
      g_autofree char *io_dir = g_path_get_dirname (io);
      load_bytes (ld, data, len, display, rel, io_dir);
    }
  g_free (data);
}

static void
too_many_files (Loader *ld, const char *display, gint64 limit, GError **error)
{
  set_fatal (ld, error, ENFORCE_ERROR_LIMIT_FILES, display,
             "规则集及其上级规则集的文件超过 %" G_GINT64_FORMAT " 个（限制 files）",
             "more than %" G_GINT64_FORMAT " files in the rule set and its parents (limit files)",
             limit);
}

static gboolean
count_file (Loader *ld, const char *display, GError **error)
{
  gint64 limit = enforce_limits_get (ld->limits, ENFORCE_LIMIT_FILES);

  if ((gint64) ld->n_files + 1 > limit)
    {
      too_many_files (ld, display, limit, error);
      return FALSE;
    }
  ld->n_files++;
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Relative paths of the *.yaml files under @root (an explicit stack, not a
 * recursion, walks the directories).  Dotfiles and dot-directories are
 * skipped everywhere, `tests/` at the top (rule-set tests, read by
 * `enforce test`), and symlinked directories (a loop of them would never
 * end).  Sorted by bytes so the load order, and the hash, do not depend on
 * the file system. */
static gboolean
list_yaml_files (Loader *ld, const LoadRoot *root, GPtrArray *out, GError **error)
{
  gint64 limit = enforce_limits_get (ld->limits, ENFORCE_LIMIT_FILES);
  g_autoptr (GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (stack, g_strdup (""));
  while (stack->len > 0)
    {
      g_autofree char *rel = g_ptr_array_steal_index_fast (stack, stack->len - 1);
      g_autofree char *dir_io = g_build_filename (root->io, rel, NULL);
      GError *dir_error = NULL;
      GDir *dir = g_dir_open (dir_io, 0, &dir_error);
      const char *name;

      if (dir == NULL)
        {
          g_autofree char *display = g_build_filename (root->display, rel, NULL);
          file_failed (ld, ENFORCE_ERROR_IO, display, "无法读取目录：%s",
                       "cannot read directory: %s", dir_error->message);
          g_error_free (dir_error);
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          if (name[0] == '.' || (rel[0] == '\0' && strcmp (name, "tests") == 0))
            continue;
          char *child = rel[0] != '\0' ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
          g_autofree char *child_io = g_build_filename (root->io, child, NULL);
          GStatBuf st;

          if (g_lstat (child_io, &st) == 0 && S_ISDIR (st.st_mode))
            g_ptr_array_add (stack, child);
          else if (g_str_has_suffix (name, ".yaml") && g_stat (child_io, &st) == 0
                   && S_ISREG (st.st_mode))
            {
              g_ptr_array_add (out, child);
              if ((gint64) (ld->n_files + out->len) > limit)
                {
                  too_many_files (ld, root->display, limit, error);
                  g_dir_close (dir);
                  return FALSE;
                }
            }
          else
            g_free (child);
        }
      g_dir_close (dir);
    }
  g_ptr_array_sort (out, compare_strings);
  return TRUE;
}

/* Reads every file of the root being loaded.  FALSE only for a fatal
 * failure (@error set). */
static gboolean
load_root (Loader *ld, GError **error)
{
  LoadRoot *root = root_at (ld, ld->root);
  GStatBuf st;

  if (g_stat (root->io, &st) != 0)
    {
      int saved_errno = errno;
      set_fatal (ld, error, ENFORCE_ERROR_IO, root->display, "无法读取规则集：%s",
                 "cannot read rule set: %s", g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISREG (st.st_mode))
    {
      g_autofree char *rel = g_path_get_basename (root->io);
      if (!count_file (ld, root->display, error))
        return FALSE;
      load_file (ld, root->io, root->display, rel);
      return TRUE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      set_fatal (ld, error, ENFORCE_ERROR_IO, root->display,
                 "无法读取规则集：既不是文件也不是目录",
                 "cannot read rule set: neither a file nor a directory");
      return FALSE;
    }

  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  if (!list_yaml_files (ld, root, files, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      const char *rel = g_ptr_array_index (files, i);
      g_autofree char *io = g_build_filename (root->io, rel, NULL);
      g_autofree char *display = g_build_filename (root->display, rel, NULL);
      if (!count_file (ld, display, error))
        return FALSE;
      load_file (ld, io, display, rel);
    }
  return TRUE;
}

/* Assembling the rule set. */

/* Ids come from trusted rule authors and their number is capped by the
 * file, node and key limits, so GLib's unseeded string hash is acceptable
 * here (RELIABILITY.md reserves seeded hashing for untrusted input). */
static GHashTable *
build_index (Loader *ld, GPtrArray *items, gsize id_offset, gsize loc_offset,
             const char *what_zh, const char *what_en)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      const char *id = G_STRUCT_MEMBER (const char *, item, id_offset);
      const Loc *loc = G_STRUCT_MEMBER_P (item, loc_offset);
      if (id == NULL)
        continue;
      gpointer first = g_hash_table_lookup (index, id);
      if (first == NULL)
        {
          g_hash_table_insert (index, (gpointer) id, item);
          continue;
        }
      const Loc *first_loc = G_STRUCT_MEMBER_P (first, loc_offset);
      ld_error (ld, ENFORCE_ERROR_DUPLICATE_ID, *loc,
                "%s%.0s \"%s\" 重复定义，首次定义于 %s:%u:%u",
                "duplicate %.0s%s \"%s\"; first defined at %s:%u:%u",
                what_zh, what_en, id, first_loc->file, first_loc->line, first_loc->col);
    }
  return index;
}

static void
resolve_citations (Loader *ld, GHashTable *instruments)
{
  for (guint i = 0; i < ld->citations->len; i++)
    {
      PendingCitation *p = &g_array_index (ld->citations, PendingCitation, i);
      p->citation->instrument = g_hash_table_lookup (instruments, p->instrument_id);
      if (p->citation->instrument == NULL && !ld->incomplete)
        ld_error (ld, ENFORCE_ERROR_UNKNOWN_REFERENCE, p->loc,
                  "引用了未定义的法律文件 \"%s\"", "unknown instrument \"%s\"",
                  p->instrument_id);
    }
}

static void
resolve_powers (Loader *ld, GHashTable *benchmarks)
{
  for (guint i = 0; i < ld->pending_powers->len; i++)
    {
      PendingPower *p = &g_array_index (ld->pending_powers, PendingPower, i);
      Power *power = p->power;
      const Benchmark **found = arena_new0 (ld->arena, const Benchmark *, power->n_benchmarks);
      guint n = 0;

      for (guint j = 0; j < power->n_benchmarks; j++)
        {
          if (p->ids[j] == NULL)
            continue;
          const Benchmark *bm = g_hash_table_lookup (benchmarks, p->ids[j]);
          if (bm != NULL)
            found[n++] = bm;
          else if (!ld->incomplete)
            ld_error (ld, ENFORCE_ERROR_UNKNOWN_REFERENCE, p->locs[j],
                      "引用了未定义的裁量基准 \"%s\"", "unknown benchmark \"%s\"", p->ids[j]);
        }
      power->benchmarks = found;
      power->n_benchmarks = n;
    }
}

static void
link_parents (Loader *ld)
{
  for (guint i = 0; i + 1 < ld->roots->len; i++)
    {
      LoadRoot *root = root_at (ld, i);
      LoadRoot *parent = root_at (ld, i + 1);
      if (!root->has_parent || root->jurisdiction == NULL)
        continue;
      if (parent->jurisdiction == NULL)
        ld_error (ld, ENFORCE_ERROR_UNKNOWN_REFERENCE, root->parent_loc,
                  "上级规则集 \"%s\" 没有 jurisdiction 文档",
                  "parent rule set \"%s\" has no jurisdiction document", parent->display);
      else
        root->jurisdiction->parent = parent->jurisdiction;
    }
}

static int
compare_spans (gint32 from_a, gint32 to_a, gint32 from_b, gint32 to_b)
{
  if (from_a != from_b)
    return from_a < from_b ? -1 : 1;
  return to_a < to_b ? -1 : to_a > to_b;
}

static int
compare_versions (const void *a, const void *b)
{
  const Version *x = a, *y = b;
  return compare_spans (x->from, x->to, y->from, y->to);
}

static int
compare_instrument_versions (const void *a, const void *b)
{
  const InstrumentVersion *x = a, *y = b;
  return compare_spans (x->from, x->to, y->from, y->to);
}

static int
compare_param_versions (const void *a, const void *b)
{
  const ParamVersion *x = a, *y = b;
  return compare_spans (x->from, x->to, y->from, y->to);
}

/* Look-ups binary-search versions by date, so every version list is kept
 * sorted; overlaps are then adjacent for lint to find. */
static void
sort_versions (Loader *ld)
{
  for (guint i = 0; i < ld->benchmarks->len; i++)
    {
      Benchmark *bm = g_ptr_array_index (ld->benchmarks, i);
      if (bm->n_versions > 1)
        qsort (bm->versions, bm->n_versions, sizeof (Version), compare_versions);
    }
  for (guint i = 0; i < ld->instruments->len; i++)
    {
      Instrument *inst = g_ptr_array_index (ld->instruments, i);
      if (inst->n_versions > 1)
        qsort (inst->versions, inst->n_versions, sizeof (InstrumentVersion),
               compare_instrument_versions);
    }
  for (guint i = 0; i < ld->jurisdictions->len; i++)
    {
      Jurisdiction *j = g_ptr_array_index (ld->jurisdictions, i);
      if (j->n_versions > 1)
        qsort (j->versions, j->n_versions, sizeof (ParamVersion), compare_param_versions);
    }
}

static int
compare_calendars (const void *a, const void *b)
{
  const LoadedCalendar *x = a, *y = b;
  if (x->year.year != y->year.year)
    return x->year.year < y->year.year ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
merge_calendars (Loader *ld)
{
  GArray *cals = ld->calendars;
  CalendarYear *years = arena_new0 (ld->arena, CalendarYear, MAX (cals->len, 1));
  guint n = 0;

  if (cals->len > 1)
    qsort (cals->data, cals->len, sizeof (LoadedCalendar), compare_calendars);
  for (guint i = 0; i < cals->len; i++)
    {
      const LoadedCalendar *c = &g_array_index (cals, LoadedCalendar, i);
      if (i > 0)
        {
          const LoadedCalendar *prev = &g_array_index (cals, LoadedCalendar, i - 1);
          if (prev->year.year == c->year.year)
            {
              ld_error (ld, ENFORCE_ERROR_DUPLICATE_ID, c->loc,
                        "%d 年的日历重复，首次定义于 %s:%u:%u",
                        "duplicate calendar for %d; first defined at %s:%u:%u",
                        c->year.year, prev->loc.file, prev->loc.line, prev->loc.col);
              continue;
            }
        }
      years[n++] = c->year;
    }
  ld->rules->calendar.years = years;
  ld->rules->calendar.n_years = n;
}

static void *
pointers_to_arena (Loader *ld, GPtrArray *items, guint *n_out)
{
  gpointer *copy = arena_new0 (ld->arena, gpointer, MAX (items->len, 1));
  if (items->len > 0)
    memcpy (copy, items->pdata, items->len * sizeof (gpointer));
  *n_out = items->len;
  return copy;
}

static void
assemble (Loader *ld)
{
  EnforceRuleSet *rules = ld->rules;
  g_autoptr (GHashTable) instruments = NULL;
  g_autoptr (GHashTable) jurisdictions = NULL;

  instruments = build_index (ld, ld->instruments, G_STRUCT_OFFSET (Instrument, id),
                             G_STRUCT_OFFSET (Instrument, loc), "法律文件", "instrument");
  rules->benchmark_index = build_index (ld, ld->benchmarks, G_STRUCT_OFFSET (Benchmark, id),
                                        G_STRUCT_OFFSET (Benchmark, loc),
                                        "裁量基准", "benchmark");
  rules->power_index = build_index (ld, ld->powers, G_STRUCT_OFFSET (Power, code),
                                    G_STRUCT_OFFSET (Power, loc), "权责事项", "power");
  jurisdictions = build_index (ld, ld->jurisdictions, G_STRUCT_OFFSET (Jurisdiction, id),
                               G_STRUCT_OFFSET (Jurisdiction, loc), "辖区", "jurisdiction");

  resolve_citations (ld, instruments);
  resolve_powers (ld, rules->benchmark_index);
  link_parents (ld);
  sort_versions (ld);
  merge_calendars (ld);

  rules->instruments = pointers_to_arena (ld, ld->instruments, &rules->n_instruments);
  rules->benchmarks = pointers_to_arena (ld, ld->benchmarks, &rules->n_benchmarks);
  rules->powers = pointers_to_arena (ld, ld->powers, &rules->n_powers);

  /* The chain of jurisdictions, own first: the roots' order. */
  GPtrArray *chain = g_ptr_array_new ();
  for (const Jurisdiction *j = root_at (ld, 0)->jurisdiction; j != NULL; j = j->parent)
    {
      g_ptr_array_add (chain, (gpointer) j);
      if (chain->len > ld->roots->len)          /* cannot happen: roots never repeat */
        break;
    }
  rules->jurisdictions = pointers_to_arena (ld, chain, &rules->n_jurisdictions);
  rules->jurisdiction = chain->len > 0 ? chain->pdata[0] : NULL;
  g_ptr_array_free (chain, TRUE);

  rules->n_conds = ld->conds->len;
  rules->conds = (Cond **) g_ptr_array_free (ld->conds, FALSE);
  ld->conds = NULL;

  g_snprintf (rules->hash, sizeof rules->hash, "sha256:%s", g_checksum_get_string (ld->hash));
}

/* ------------------------------------------------------------------ */
/* Precomputation for the engine                                       */

/* A loaded rule set never changes, so whatever a recommendation would
 * otherwise work out again and again from it is worked out here, once, for
 * a rule set that loaded without errors.  Each field has a fallback (NULL:
 * compute as before), and every answer equals the computation it replaces. */

/* The fact names of @bm copied side by side: binding a case compares one
 * with every case fact, usually reading it from memory, and packed they
 * share a cache line or two instead of taking one each. */
static void
pack_fact_names (Arena *arena, Benchmark *bm)
{
  gsize total = 0;
  char *p;

  for (guint f = 0; f < bm->n_facts; f++)
    if (bm->facts[f].name != NULL)
      total += strlen (bm->facts[f].name) + 1;
  if (total == 0)
    return;
  p = arena_alloc_bytes (arena, total);
  for (guint f = 0; f < bm->n_facts; f++)
    if (bm->facts[f].name != NULL)
      {
        gsize len = strlen (bm->facts[f].name) + 1;

        memcpy (p, bm->facts[f].name, len);
        bm->facts[f].name = p;
        p += len;
      }
}

/* @v's ladder (model.h): its non-statutory tiers ordered by class, then
 * listing order, which the listing does not give (heaviest first, and
 * statutory tiers interleaved). */
static void
build_ladder (Arena *arena, Version *v)
{
  v->ladder = arena_new0 (arena, const Tier *, MAX (v->n_tiers, 1));
  v->n_ladder = v->n_ladder_no_penalty = v->n_ladder_reduced = 0;
  for (int cls = TIER_NO_PENALTY; cls <= TIER_HEAVIER; cls++)
    for (guint j = 0; j < v->n_tiers; j++)
      {
        Tier *t = &v->tiers[j];

        if (t->statutory || (int) t->cls != cls)
          continue;
        t->position = v->n_ladder;
        v->ladder[v->n_ladder++] = t;
        if (t->cls == TIER_NO_PENALTY)
          v->n_ladder_no_penalty++;
        else if (t->cls == TIER_REDUCED)
          v->n_ladder_reduced++;
      }
}

/* Fact names packed, with their hashes (binding a case compares them
 * before the names); version dates as text (the result's "version") and
 * tier ladders. */
static void
precompute_benchmarks (Loader *ld)
{
  for (guint i = 0; i < ld->benchmarks->len; i++)
    {
      Benchmark *bm = g_ptr_array_index (ld->benchmarks, i);

      pack_fact_names (ld->arena, bm);
      for (guint f = 0; f < bm->n_facts; f++)
        bm->facts[f].name_hash = bm->facts[f].name ? g_str_hash (bm->facts[f].name) : 0;
      for (guint v = 0; v < bm->n_versions; v++)
        {
          date_format_buf (bm->versions[v].from, bm->versions[v].from_text);
          build_ladder (ld->arena, &bm->versions[v]);
        }
    }
}

static void
plain_factors (Factor *factors, guint n)
{
  for (guint i = 0; i < n; i++)
    factors[i].code_plain = json_plain_len (factors[i].code);
}

static void
plain_version (Version *v)
{
  for (guint i = 0; i < v->n_tiers; i++)
    {
      Tier *t = &v->tiers[i];

      t->name_plain = json_plain_len (t->name);
      t->text_plain = json_plain_len (t->text);
      t->when_plain = json_plain_len (t->when ? cond_source (t->when) : NULL);
    }
  for (guint i = 0; i < v->n_exemptions; i++)
    v->exemptions[i].text_plain = json_plain_len (v->exemptions[i].text);
  plain_factors (v->factors, v->n_factors);
}

/* The PlainLen (model.h) of the rule text a trace or its JSON prints. */
static void
precompute_plain_text (Loader *ld)
{
  for (guint i = 0; i < ld->benchmarks->len; i++)
    {
      Benchmark *bm = g_ptr_array_index (ld->benchmarks, i);

      bm->id_plain = json_plain_len (bm->id);
      bm->title_plain = json_plain_len (bm->title);
      bm->order_text_plain = json_plain_len (bm->order_text);
      for (guint v = 0; v < bm->n_versions; v++)
        plain_version (&bm->versions[v]);
    }
  for (guint i = 0; i < ld->jurisdictions->len; i++)
    {
      Jurisdiction *j = g_ptr_array_index (ld->jurisdictions, i);

      plain_factors (j->factors, j->n_factors);
    }
  for (guint i = 0; i < ld->powers->len; i++)
    {
      Power *p = g_ptr_array_index (ld->powers, i);

      p->code_plain = json_plain_len (p->code);
    }
}

static const Instrument *
find_instrument (Loader *ld, const char *id)
{
  for (guint i = 0; i < ld->instruments->len; i++)
    {
      const Instrument *inst = g_ptr_array_index (ld->instruments, i);
      if (inst->id != NULL && strcmp (inst->id, id) == 0)
        return inst;
    }
  return NULL;
}

/* Every citation's text in both languages and its JSON object, and the
 * engine's own citations of the Administrative Penalty Law: a trace then
 * borrows them. */
static void
precompute_citations (Loader *ld)
{
  CitationCache *cache = citation_cache_new (ld->arena);
  const Instrument *apl = find_instrument (ld, "cn-apl");

  for (guint i = 0; i < ld->citations->len; i++)
    citation_prerender (cache, g_array_index (ld->citations, PendingCitation, i).citation);
  ld->rules->law_citations = apl ? citations_law_new (cache, apl) : NULL;
  citation_cache_free (cache);
}

static int
compare_days (const void *a, const void *b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;
  return x < y ? -1 : x > y;
}

static gboolean
same_params (const ParamSpan *a, const ParamSpan *b)
{
  return memcmp (a->params, b->params, sizeof a->params) == 0
         && a->rounding == b->rounding && a->policy == b->policy;
}

/* The jurisdiction chain's parameter versions flattened into spans over
 * which nothing starts or ends: each answer is the chain search's own
 * answer on the span's first day (rules_param() before the spans exist),
 * and it holds for the whole span because no version starts or ends
 * inside it. */
static void
precompute_param_spans (Loader *ld)
{
  EnforceRuleSet *rules = ld->rules;
  GArray *days = g_array_new (FALSE, FALSE, sizeof (gint32));
  GArray *spans = g_array_new (FALSE, TRUE, sizeof (ParamSpan));

  for (const Jurisdiction *j = rules->jurisdiction; j != NULL; j = j->parent)
    for (guint i = 0; i < j->n_versions; i++)
      {
        g_array_append_val (days, j->versions[i].from);
        if (j->versions[i].to < G_MAXINT32)
          {
            gint32 after = j->versions[i].to + 1;
            g_array_append_val (days, after);
          }
      }
  if (days->len > 1)
    qsort (days->data, days->len, sizeof (gint32), compare_days);
  for (guint i = 0; i < days->len; i++)
    {
      gint32 from = g_array_index (days, gint32, i);
      ParamSpan span = { 0 };
      gboolean any;

      if (i + 1 < days->len && g_array_index (days, gint32, i + 1) == from)
        continue;                  /* a repeated day: the last copy opens the span */
      span.from = from;
      span.to = i + 1 < days->len ? g_array_index (days, gint32, i + 1) - 1 : G_MAXINT32;
      any = FALSE;
      for (guint id = 0; id < PARAM_COUNT; id++)
        any |= (span.params[id] = rules_param (rules, (ParamId) id, from)) != NULL;
      span.rounding = rules_rounding (rules, from);
      span.policy = rules_policy (rules, from);
      if (!any && span.rounding == NULL && span.policy == NULL)
        continue;                  /* nothing in force: found in no span */
      if (spans->len > 0)
        {
          ParamSpan *prev = &g_array_index (spans, ParamSpan, spans->len - 1);
          if ((gint64) prev->to + 1 == span.from && same_params (prev, &span))
            {
              prev->to = span.to;
              continue;
            }
        }
      g_array_append_val (spans, span);
    }
  if (spans->len > 0)
    {
      ParamSpan *copy = arena_new0 (ld->arena, ParamSpan, spans->len);
      memcpy (copy, spans->data, spans->len * sizeof (ParamSpan));
      rules->param_spans = copy;
      rules->n_param_spans = spans->len;
    }
  g_array_free (days, TRUE);
  g_array_free (spans, TRUE);
}

/* Each calendar year's working days, as calendar_is_workday() answers for
 * every day of it. */
static void
precompute_workdays (Loader *ld)
{
  const Calendar *cal = &ld->rules->calendar;
  WorkdayYear *years;

  if (cal->n_years == 0)
    return;
  years = arena_new0 (ld->arena, WorkdayYear, cal->n_years);
  for (guint i = 0; i < cal->n_years; i++)
    {
      gint32 first, next;
      guint16 *before;
      gint32 *workdays;
      guint n = 0;

      if (!date_from_ymd (cal->years[i].year, 1, 1, &first)
          || !date_from_ymd (cal->years[i].year + 1, 1, 1, &next))
        return;                    /* outside the date range: the walk answers */
      before = arena_new0 (ld->arena, guint16, next - first);
      workdays = arena_new0 (ld->arena, gint32, next - first);
      for (gint32 day = first; day < next; day++)
        {
          before[day - first] = (guint16) n;
          if (calendar_is_workday (cal, day) == WORKDAY_YES)
            workdays[n++] = day;
        }
      years[i] = (WorkdayYear) { first, (guint16) (next - first), (guint16) n, before, workdays };
    }
  ld->rules->workday_years = years;
}

static void
precompute (Loader *ld)
{
  precompute_benchmarks (ld);
  precompute_plain_text (ld);
  precompute_citations (ld);
  precompute_param_spans (ld);
  precompute_workdays (ld);
}

/* Loader lifetime. */

static void
loader_init (Loader *ld, const EnforceLimits *limits, EnforceDiagnostics *diag)
{
  memset (ld, 0, sizeof *ld);
  ld->rules = rule_set_new ();
  ld->arena = ld->rules->arena;
  ld->limits = limits;
  ld->diag = diag;
  ld->roots = g_ptr_array_new_with_free_func (root_free);
  ld->hash = g_checksum_new (G_CHECKSUM_SHA256);
  ld->jurisdictions = g_ptr_array_new ();
  ld->instruments = g_ptr_array_new ();
  ld->benchmarks = g_ptr_array_new ();
  ld->powers = g_ptr_array_new ();
  ld->calendars = g_array_new (FALSE, TRUE, sizeof (LoadedCalendar));
  ld->citations = g_array_new (FALSE, TRUE, sizeof (PendingCitation));
  ld->pending_powers = g_array_new (FALSE, TRUE, sizeof (PendingPower));
  ld->conds = g_ptr_array_new_with_free_func ((GDestroyNotify) cond_free);
}

static void
loader_clear (Loader *ld)
{
  g_ptr_array_unref (ld->roots);
  g_checksum_free (ld->hash);
  g_ptr_array_unref (ld->jurisdictions);
  g_ptr_array_unref (ld->instruments);
  g_ptr_array_unref (ld->benchmarks);
  g_ptr_array_unref (ld->powers);
  g_array_unref (ld->calendars);
  g_array_unref (ld->citations);
  g_array_unref (ld->pending_powers);
  if (ld->conds != NULL)
    g_ptr_array_unref (ld->conds);
  g_clear_error (&ld->first_read_error);
  if (ld->rules != NULL)
    enforce_rule_set_unref (ld->rules);
}

/* A fatal failure (already in the diagnostics): nothing is kept. */
static EnforceRuleSet *
fail_fatal (Loader *ld, GError *fatal, GError **error)
{
  g_propagate_error (error, fatal);
  loader_clear (ld);
  return NULL;
}

static EnforceRuleSet *
finish (Loader *ld, GError **error)
{
  assemble (ld);
  lint_rule_set (ld);

  if (diag_has_errors (ld->diag))
    {
      /* Only unreadable files: the load failed where reading stopped, and
       * says so with the reader's own code. */
      if (ld->first_read_error != NULL && ld->diag->errors == ld->read_errors)
        g_propagate_error (error, g_steal_pointer (&ld->first_read_error));
      else
        diag_to_gerror (ld->diag, error);
      loader_clear (ld);
      return NULL;
    }
  precompute (ld);
  EnforceRuleSet *rules = g_steal_pointer (&ld->rules);
  loader_clear (ld);
  return rules;
}

EnforceRuleSet *
loader_load_path (const char *path, const EnforceLimits *limits,
                  EnforceDiagnostics *diag, GError **error)
{
  Loader ld;
  GError *fatal = NULL;

  loader_init (&ld, limits, diag);
  char *real = real_path (path);
  if (real == NULL)
    {
      int saved_errno = errno;
      set_fatal (&ld, &fatal, ENFORCE_ERROR_IO, path, "无法读取规则集：%s",
                 "cannot read rule set: %s", g_strerror (saved_errno));
      return fail_fatal (&ld, fatal, error);
    }
  add_root (&ld, g_strdup (path), g_strdup (path), real);
  for (ld.root = 0; ld.root < ld.roots->len; ld.root++)
    if (!load_root (&ld, &fatal))
      return fail_fatal (&ld, fatal, error);
  ld.root = 0;
  return finish (&ld, error);
}

EnforceRuleSet *
loader_load_data (const char *name, const char *data, gsize len,
                  const EnforceLimits *limits, EnforceDiagnostics *diag, GError **error)
{
  Loader ld;
  gint64 limit = enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES);

  loader_init (&ld, limits, diag);
  ld.from_data = TRUE;
  add_root (&ld, g_strdup (name), NULL, g_strdup (""));
  ld.n_files = 1;
  if ((gint64) len > limit)
    file_failed (&ld, ENFORCE_ERROR_LIMIT_BYTES, name,
                 "输入有 %" G_GSIZE_FORMAT " 字节，超过限制 input_bytes = %" G_GINT64_FORMAT,
                 "input is %" G_GSIZE_FORMAT " bytes, over the limit input_bytes = %"
                 G_GINT64_FORMAT, len, limit);
  else
    load_bytes (&ld, data, len, name, name, NULL);
  return finish (&ld, error);
}
