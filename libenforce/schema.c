/* schema.c: binding document nodes to typed values.
 *
 * The rule loader binds in collect mode (every error becomes a diagnostic
 * with a zh-CN and an en message); the case loader binds in first-error
 * mode (one GError, the first one).  Messages are "path: text" with the
 * position carried separately, so diag renders "file:line:col: ...".
 */
#include "schema.h"

#include <string.h>

#include <enforce/enforce-date.h>
#include <enforce/enforce-money.h>

#include "limits-private.h"
#include "money.h"

/* How much of an offending value a message shows. */
#define SHOWN_MAX 64

static void
binder_init (Binder *b, const Doc *doc, const EnforceLimits *limits, Arena *arena)
{
  memset (b, 0, sizeof *b);
  b->doc = doc;
  b->limits = limits_or_default (limits, ENFORCE_LIMITS_CASES);
  b->arena = arena;
}

void
binder_init_collect (Binder *b, const Doc *doc, const EnforceLimits *limits,
                     Arena *arena, EnforceDiagnostics *diag)
{
  g_return_if_fail (b != NULL && diag != NULL);
  binder_init (b, doc, limits, arena);
  b->diag = diag;
}

void
binder_init_first (Binder *b, const Doc *doc, const EnforceLimits *limits,
                   Arena *arena, GError **error)
{
  g_return_if_fail (b != NULL);
  binder_init (b, doc, limits, arena);
  b->error = error;
}

/* Paths. */

static gsize
path_append (Binder *b, const char *text, gsize len)
{
  gsize saved = b->path_len;
  gsize room = sizeof b->path - 1 - b->path_len;
  if (len > room)
    {
      /* Cut on an ASCII marker; the path only ever appears in messages. */
      len = room >= 3 ? room - 3 : 0;
      memcpy (b->path + b->path_len, text, len);
      b->path_len += len;
      while (b->path_len < sizeof b->path - 1)
        b->path[b->path_len++] = '.';
    }
  else
    {
      memcpy (b->path + b->path_len, text, len);
      b->path_len += len;
    }
  b->path[b->path_len] = '\0';
  return saved;
}

gsize
bind_push_key (Binder *b, const char *key)
{
  gsize saved = b->path_len;
  gsize len = strlen (key);

  /* Every field of every case is bound under its path: when ".key" fits,
   * as it nearly always does, it is written in one go. */
  if (saved + 1 + len < sizeof b->path)
    {
      char *p = b->path + saved;
      if (saved > 0)
        *p++ = '.';
      memcpy (p, key, len);
      p[len] = '\0';
      b->path_len = (gsize) (p + len - b->path);
      return saved;
    }
  if (b->path_len > 0)
    path_append (b, ".", 1);
  path_append (b, key, len);
  return saved;
}

gsize
bind_push_index (Binder *b, guint index)
{
  /* "[index]" by hand: every field of every case pushes its path, and
   * printf would cost more than the binding it labels. */
  char buf[24];
  char *end = buf + sizeof buf, *p = end;

  *--p = ']';
  do
    {
      *--p = (char) ('0' + index % 10);
      index /= 10;
    }
  while (index != 0);
  *--p = '[';
  return path_append (b, p, (gsize) (end - p));
}

void
bind_pop (Binder *b, gsize saved)
{
  g_return_if_fail (saved <= b->path_len);
  b->path_len = saved;
  b->path[saved] = '\0';
}

/* Reporting. */

static void report (Binder *b, EnforceSeverity severity, EnforceErrorCode code,
                    const Node *at, const char *zh_format, const char *en_format, va_list args)
  G_GNUC_PRINTF (5, 0) G_GNUC_PRINTF (6, 0);

static void
report (Binder *b, EnforceSeverity severity, EnforceErrorCode code, const Node *at,
        const char *zh_format, const char *en_format, va_list args)
{
  gboolean error = severity == ENFORCE_SEVERITY_ERROR;
  if (b->diag == NULL && (!error || b->failed))
    {
      /* First-error mode keeps one error and has nowhere to put warnings. */
      b->failed = b->failed || error;
      return;
    }

  va_list en_args;
  va_copy (en_args, args);
  g_autofree char *zh = g_strdup_vprintf (zh_format, args);
  g_autofree char *en = g_strdup_vprintf (en_format, en_args);
  va_end (en_args);
  const char *sep = b->path_len > 0 ? ": " : "";
  g_autofree char *zh_full = g_strconcat (b->path, sep, zh, NULL);
  g_autofree char *en_full = g_strconcat (b->path, sep, en, NULL);
  Loc loc = loc_of (b->doc, at);

  if (b->diag != NULL)
    /* Each format consumes both strings, printing one: diag_add takes one
     * argument list for the two languages. */
    diag_add (b->diag, severity, code, loc, "%s%.0s", "%.0s%s", zh_full, en_full);
  else
    {
      if (b->error == NULL || *b->error == NULL)
        set_error_at (b->error, code, loc, "%s", en_full);
      Arena *arena = b->arena != NULL ? b->arena : (b->doc != NULL ? b->doc->arena : NULL);
      if (arena != NULL)
        b->first_zh = arena_strdup (arena, zh_full);
    }
  if (error)
    b->failed = TRUE;
}

void
bind_error (Binder *b, EnforceErrorCode code, const Node *at,
            const char *zh_format, const char *en_format, ...)
{
  va_list args;
  va_start (args, en_format);
  report (b, ENFORCE_SEVERITY_ERROR, code, at, zh_format, en_format, args);
  va_end (args);
}

void
bind_warning (Binder *b, EnforceErrorCode code, const Node *at,
              const char *zh_format, const char *en_format, ...)
{
  va_list args;
  va_start (args, en_format);
  report (b, ENFORCE_SEVERITY_WARNING, code, at, zh_format, en_format, args);
  va_end (args);
}

/* Shapes. */

static const char *
kind_zh (NodeKind kind)
{
  return kind == NODE_MAPPING ? "映射" : kind == NODE_SEQUENCE ? "序列" : "标量";
}

static const char *
kind_en (NodeKind kind)
{
  return kind == NODE_MAPPING ? "a mapping" : kind == NODE_SEQUENCE ? "a sequence" : "a scalar";
}

static gboolean
expect_kind (Binder *b, const Node *n, NodeKind kind)
{
  if (n->kind == kind)
    return TRUE;
  bind_error (b, ENFORCE_ERROR_WRONG_TYPE, n, "应为%s，实际为%s%.0s%.0s", "%.0s%.0sexpected %s, found %s",
              kind_zh (kind), kind_zh (n->kind), kind_en (kind), kind_en (n->kind));
  return FALSE;
}

static char *
join_names (const char *const *names)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, names[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
name_in (const Node *key, const char *const *names)
{
  /* Every key of every mapping is checked against every allowed name: the
   * first byte rules most names out before they are measured.  (Key text
   * is NUL-terminated, so an empty key reads '\0' there.) */
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (names[i][0] == key->v.text[0] && strlen (names[i]) == key->len
        && memcmp (names[i], key->v.text, key->len) == 0)
      return TRUE;
  return FALSE;
}

static char *
shown (const Node *n)
{
  return escape_for_message (n->v.text, n->len, SHOWN_MAX);
}

gboolean
bind_mapping (Binder *b, const Node *n, const char *const *allowed)
{
  g_return_val_if_fail (b != NULL && n != NULL, FALSE);
  if (!expect_kind (b, n, NODE_MAPPING))
    return FALSE;
  g_autofree char *list = NULL;
  for (guint i = 0; i < n->len; i++)
    {
      const Node *key = node_key (n, i);
      if (name_in (key, allowed))
        continue;
      if (list == NULL)
        list = join_names (allowed);
      g_autofree char *k = shown (key);
      bind_error (b, ENFORCE_ERROR_UNKNOWN_KEY, key,
                  "未知的键 \"%s\"；允许的键：%s", "unknown key \"%s\"; allowed: %s", k, list);
    }
  return TRUE;
}

gboolean
bind_sequence (Binder *b, const Node *n)
{
  g_return_val_if_fail (b != NULL && n != NULL, FALSE);
  return expect_kind (b, n, NODE_SEQUENCE);
}

const Node *
bind_required (Binder *b, const Node *map, const char *key)
{
  g_return_val_if_fail (b != NULL && map != NULL && key != NULL, NULL);
  if (!expect_kind (b, map, NODE_MAPPING))
    return NULL;
  const Node *value = node_lookup (map, key);
  if (value == NULL)
    bind_error (b, ENFORCE_ERROR_MISSING_KEY, map, "缺少必填键 \"%s\"",
                "missing required key \"%s\"", key);
  return value;
}

/* Scalars. */

static gboolean
expect_scalar (Binder *b, const Node *n)
{
  return expect_kind (b, n, NODE_SCALAR);
}

static gboolean
text_is (const Node *n, const char *word)
{
  return strlen (word) == n->len && memcmp (n->v.text, word, n->len) == 0;
}

static const char *
bound_text (Binder *b, const Node *n)
{
  if (b->arena == NULL || (b->doc != NULL && b->arena == b->doc->arena))
    return n->v.text;
  return arena_strndup (b->arena, n->v.text, n->len);
}

gboolean
bind_text (Binder *b, const Node *n, const char **out)
{
  g_return_val_if_fail (b != NULL && n != NULL && out != NULL, FALSE);
  if (!expect_scalar (b, n))
    return FALSE;
  *out = bound_text (b, n);
  return TRUE;
}

static gboolean
id_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == ':' || c == '-';
}

gboolean
bind_id (Binder *b, const Node *n, const char **out)
{
  g_return_val_if_fail (b != NULL && n != NULL && out != NULL, FALSE);
  if (!expect_scalar (b, n))
    return FALSE;
  gint64 max = enforce_limits_get (b->limits, ENFORCE_LIMIT_SHORT_BYTES);
  if ((gint64) n->len > max)
    {
      bind_error (b, ENFORCE_ERROR_LIMIT_SCALAR, n,
                  "标识符长 %u 字节，超过限制 %s=%" G_GINT64_FORMAT,
                  "identifier of %u bytes exceeds the limit %s=%" G_GINT64_FORMAT,
                  n->len, enforce_limit_name (ENFORCE_LIMIT_SHORT_BYTES), max);
      return FALSE;
    }
  gboolean ok = n->len > 0;
  for (guint32 i = 0; ok && i < n->len; i++)
    ok = id_char (n->v.text[i]);
  if (!ok)
    {
      g_autofree char *s = shown (n);
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
                  "无效的标识符 \"%s\"：只能使用字母、数字和 _ . : -",
                  "invalid identifier \"%s\": use only letters, digits and _ . : -", s);
      return FALSE;
    }
  *out = bound_text (b, n);
  return TRUE;
}

/* Words YAML 1.1 reads as booleans; we refuse them rather than guess. */
static gboolean
yaml11_bool_word (const Node *n)
{
  static const char *const words[] = { "yes", "no", "on", "off", "y", "n", "true", "false" };
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strlen (words[i]) == n->len && g_ascii_strncasecmp (n->v.text, words[i], n->len) == 0)
      return TRUE;
  return FALSE;
}

gboolean
bind_bool (Binder *b, const Node *n, gboolean *out)
{
  g_return_val_if_fail (b != NULL && n != NULL && out != NULL, FALSE);
  if (!expect_scalar (b, n))
    return FALSE;
  gboolean plain = n->style == SCALAR_PLAIN;
  if (plain && (text_is (n, "true") || text_is (n, "false")))
    {
      *out = text_is (n, "true");
      return TRUE;
    }
  g_autofree char *s = shown (n);
  if (!plain && (text_is (n, "true") || text_is (n, "false")))
    bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
                "带引号的 \"%s\" 是文本而不是布尔值；请去掉引号，写 true 或 false",
                "quoted \"%s\" is text, not a boolean; write true or false without quotes", s);
  else if (yaml11_bool_word (n))
    bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
                "不接受 \"%s\" 作为布尔值（YAML 1.1 写法）；请写 true 或 false",
                "\"%s\" is not accepted as a boolean (YAML 1.1 spelling); write true or false",
                s);
  else
    bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n, "应为 true 或 false，实际为 \"%s\"",
                "expected true or false, found \"%s\"", s);
  return FALSE;
}

gboolean
schema_parse_int (const char *text, gsize len, gint64 *out, gboolean *overflow)
{
  *overflow = FALSE;
  gsize i = 0;
  gboolean negative = len > 0 && text[0] == '-';
  if (negative)
    i++;
  if (i >= len || (text[i] == '0' && i + 1 < len))
    return FALSE;
  guint64 v = 0;
  for (; i < len; i++)
    {
      if (text[i] < '0' || text[i] > '9')
        return FALSE;
      guint digit = (guint) (text[i] - '0');
      if (v > (G_MAXUINT64 - digit) / 10)
        *overflow = TRUE;
      else
        v = v * 10 + digit;
    }
  guint64 max_magnitude = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  if (*overflow || v > max_magnitude)
    {
      *overflow = TRUE;
      return TRUE;
    }
  if (negative)
    *out = v == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) v;
  else
    *out = (gint64) v;
  return TRUE;
}

gboolean
bind_int (Binder *b, const Node *n, gint64 min, gint64 max, gint64 *out)
{
  g_return_val_if_fail (b != NULL && n != NULL && out != NULL, FALSE);
  if (!expect_scalar (b, n))
    return FALSE;
  /* The value is escaped for a message only on the failure paths. */
  g_autofree char *s = NULL;
  if (n->style != SCALAR_PLAIN)
    {
      s = shown (n);
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n, "整数 \"%s\" 不应加引号",
                  "integer \"%s\" must not be quoted", s);
      return FALSE;
    }
  gint64 v = 0;
  gboolean overflow;
  if (!schema_parse_int (n->v.text, n->len, &v, &overflow))
    {
      s = shown (n);
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
                  "\"%s\" 不是整数：应为不带前导零的十进制数字",
                  "\"%s\" is not an integer: expected decimal digits without leading zeros",
                  s);
      return FALSE;
    }
  if (overflow || v < min || v > max)
    {
      s = shown (n);
      bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
                  "整数 %s 超出范围 [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                  "integer %s is out of range [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                  s, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* Plain or quoted, never a block scalar (which carries a newline). */
static gboolean
inline_scalar (const Node *n)
{
  return n->kind == NODE_SCALAR && n->style != SCALAR_BLOCK;
}

gboolean
bind_money (Binder *b, const Node *n, gint64 *fen_out)
{
  g_return_val_if_fail (b != NULL && n != NULL && fen_out != NULL, FALSE);
  if (!expect_scalar (b, n))
    return FALSE;
  g_autoptr (GError) local = NULL;
  if (inline_scalar (n) && enforce_money_parse (n->v.text, n->len, fen_out, &local))
    return TRUE;
  g_autofree char *s = shown (n);
  bind_error (b, ENFORCE_ERROR_INVALID_MONEY, n,
              "金额 \"%s\" 无效：应为以元为单位的 ASCII 数字，最多两位小数，"
              "不带符号、指数、千分位或单位%.0s",
              "%.0s%s", s,
              local != NULL ? local->message : "a block scalar is not an amount");
  return FALSE;
}

gboolean
bind_decimal2 (Binder *b, const Node *n, gint64 *scaled_out)
{
  g_return_val_if_fail (b != NULL && n != NULL && scaled_out != NULL, FALSE);
  if (!expect_scalar (b, n))
    return FALSE;
  if (n->style == SCALAR_PLAIN && decimal2_parse (n->v.text, n->len, scaled_out))
    return TRUE;
  g_autofree char *s = shown (n);
  bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n,
              "数值 \"%s\" 无效：应为不加引号的 ASCII 数字，最多两位小数",
              "invalid number \"%s\": expected unquoted ASCII digits with at most two decimals",
              s);
  return FALSE;
}

gboolean
bind_date (Binder *b, const Node *n, gint32 *day_out)
{
  g_return_val_if_fail (b != NULL && n != NULL && day_out != NULL, FALSE);
  if (!expect_scalar (b, n))
    return FALSE;
  g_autoptr (GError) local = NULL;
  if (inline_scalar (n) && enforce_date_parse (n->v.text, n->len, day_out, &local))
    return TRUE;
  g_autofree char *s = shown (n);
  bind_error (b, ENFORCE_ERROR_INVALID_DATE, n,
              "日期 \"%s\" 无效：应为 YYYY-MM-DD 格式的真实日期%.0s", "%.0s%s", s,
              local != NULL ? local->message : "a block scalar is not a date");
  return FALSE;
}

gboolean
bind_enum (Binder *b, const Node *n, const char *const *names, int *out)
{
  g_return_val_if_fail (b != NULL && n != NULL && names != NULL && out != NULL, FALSE);
  if (!expect_scalar (b, n))
    return FALSE;
  for (int i = 0; names[i] != NULL; i++)
    if (inline_scalar (n) && text_is (n, names[i]))
      {
        *out = i;
        return TRUE;
      }
  g_autofree char *s = shown (n);
  g_autofree char *list = join_names (names);
  bind_error (b, ENFORCE_ERROR_INVALID_VALUE, n, "无效的值 \"%s\"；应为以下之一：%s",
              "invalid value \"%s\"; expected one of: %s", s, list);
  return FALSE;
}

gboolean
node_is_unknown (const Node *n)
{
  return n != NULL && n->kind == NODE_SCALAR && n->style == SCALAR_PLAIN && text_is (n, "unknown");
}

gboolean
node_is_null (const Node *n)
{
  return n != NULL && n->kind == NODE_SCALAR && n->style == SCALAR_PLAIN && text_is (n, "null");
}

int
names_index_of (const char *const *names, const char *name)
{
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}
