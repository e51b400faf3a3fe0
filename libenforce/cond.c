/* cond.c: compiling and evaluating condition expressions (cond.h).
 *
 * Compilation runs in three flat passes, none of them recursive, so a
 * hostile condition cannot exhaust a small (JVM) thread stack:
 *
 *   1. the lexer turns the whole source into at most COND_MAX_TOKENS tokens;
 *      a lexical error or the token limit becomes a final ERROR token, so
 *      the parser still reports whichever problem comes first in the text;
 *   2. a shunting-yard parser with an explicit operator stack type-checks
 *      each test against the scope and emits postfix code;
 *   3. the code and a copy of the source go into one allocation.
 *
 * Evaluation walks the postfix code once with a fixed-size value stack on
 * the C stack and never allocates.
 */
#include "cond.h"

#include <string.h>

#include <enforce/enforce-date.h>
#include "money.h"

/* ---------------------------------------------------------------- tokens */

typedef enum {
  TOK_END = 0,
  TOK_ERROR,           /* lexical error or token limit; message in lex_err */
  TOK_NAME,
  TOK_INT,             /* number without decimals; value × 100 */
  TOK_DECIMAL,         /* number with decimals; value × 100 */
  TOK_DATE,            /* value = day number */
  TOK_TRUE,
  TOK_FALSE,
  TOK_AND,
  TOK_OR,
  TOK_NOT,
  TOK_IN,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_LBRACKET,
  TOK_RBRACKET,
  TOK_COMMA,
  TOK_EQ,
  TOK_NE,
  TOK_LT,
  TOK_LE,
  TOK_GT,
  TOK_GE,
} TokKind;

typedef struct {
  TokKind kind;
  guint start;         /* byte offset in the source */
  guint len;
  gint64 value;
} Tok;

/* ------------------------------------------------------------------ code */

/* Postfix instructions.  The order of OP_EQ..OP_GE matches TOK_EQ..TOK_GE. */
typedef enum {
  OP_CONST = 0,        /* operand: TRI_TRUE / TRI_FALSE */
  OP_BOOL,             /* bool fact, true when its value is non-zero */
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,               /* n OP_ITEM instructions follow */
  OP_NOT_IN,
  OP_ITEM,             /* a list value, skipped by OP_IN */
  OP_NOT,
  OP_AND,
  OP_OR,
} Op;

typedef struct {
  guint8 op;
  guint8 fact;         /* scope index (< COND_MAX_FACTS) */
  guint16 n;           /* OP_IN / OP_NOT_IN: number of items */
  gint64 operand;
} Insn;

/* One allocation: header, code, then the NUL-terminated source. */
struct Cond {
  guint64 used;
  const char *source;
  guint n_code;
  gboolean always_true;
  Insn code[];
};

/* ------------------------------------------------------------- messages */

/* Token text shown in messages is capped so a message always fits its
 * buffer; tokens are ASCII, so a byte cap never splits a character. */
#define SHOW_MAX 40

static const char *
type_name_en (FactType type)
{
  switch (type)
    {
    case FACT_BOOL: return "bool";
    case FACT_INTEGER: return "integer";
    case FACT_NUMBER: return "number";
    case FACT_ENUM: return "enum";
    case FACT_MONEY: return "money";
    case FACT_DATE: return "date";
    }
  return "?";
}

static const char *
type_name_zh (FactType type)
{
  switch (type)
    {
    case FACT_BOOL: return "布尔";
    case FACT_INTEGER: return "整数";
    case FACT_NUMBER: return "数值";
    case FACT_ENUM: return "枚举";
    case FACT_MONEY: return "金额";
    case FACT_DATE: return "日期";
    }
  return "?";
}

static const char *
wanted_en (FactType type)
{
  switch (type)
    {
    case FACT_BOOL: return "true or false";
    case FACT_INTEGER: return "an integer";
    case FACT_NUMBER: return "a number with at most two decimals";
    case FACT_ENUM: return "one of its declared values";
    case FACT_MONEY: return "an amount in yuan";
    case FACT_DATE: return "a date YYYY-MM-DD";
    }
  return "?";
}

static const char *
wanted_zh (FactType type)
{
  switch (type)
    {
    case FACT_BOOL: return "true 或 false";
    case FACT_INTEGER: return "整数";
    case FACT_NUMBER: return "最多两位小数的数值";
    case FACT_ENUM: return "已声明的取值";
    case FACT_MONEY: return "以元为单位的金额";
    case FACT_DATE: return "YYYY-MM-DD 格式的日期";
    }
  return "?";
}

/* Records the code and offset; the caller writes both messages. */
static CondError *
mark (CondError *err, EnforceErrorCode code, guint offset)
{
  err->code = code;
  err->offset = offset;
  err->message_zh[0] = '\0';
  err->message_en[0] = '\0';
  return err;
}

/* g_snprintf may cut a message inside a multi-byte character when it
 * truncates; drop the partial character. */
static void
tidy_utf8 (char *buf)
{
  const char *end;

  if (!g_utf8_validate (buf, -1, &end))
    buf[end - buf] = '\0';
}

static int
show_len (guint len)
{
  return (int) MIN (len, SHOW_MAX);
}

/* ----------------------------------------------------------------- lexer */

typedef struct {
  const char *src;
  guint len;
  const CondVar *scope;
  guint n_scope;
  Tok toks[COND_MAX_TOKENS + 1];   /* + the final END or ERROR */
  guint n_toks;
  CondError lex_err;               /* explains the ERROR token */
  Insn code[COND_MAX_TOKENS];      /* each token emits at most one insn */
  guint n_code;
  guint64 used;
} Compiler;

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_name_start (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_name_char (char c)
{
  return is_name_start (c) || is_digit (c);
}

/* A literal run: everything that could belong to a number or a date, plus
 * letters, so "5abc" is one bad literal rather than "5" then "abc". */
static gboolean
is_literal_char (char c)
{
  return is_name_char (c) || c == '.' || c == '-';
}

static gboolean
token_is (const char *p, guint n, const char *word)
{
  return strlen (word) == n && memcmp (p, word, n) == 0;
}

static TokKind
keyword_kind (const char *p, guint n)
{
  if (token_is (p, n, "and"))
    return TOK_AND;
  if (token_is (p, n, "or"))
    return TOK_OR;
  if (token_is (p, n, "not"))
    return TOK_NOT;
  if (token_is (p, n, "in"))
    return TOK_IN;
  if (token_is (p, n, "true"))
    return TOK_TRUE;
  if (token_is (p, n, "false"))
    return TOK_FALSE;
  return TOK_NAME;
}

static gboolean
lex_literal (Compiler *c, Tok *t)
{
  const char *p = c->src + t->start;
  gboolean has_dash = memchr (p, '-', t->len) != NULL;
  gboolean has_dot = memchr (p, '.', t->len) != NULL;

  if (has_dash)
    {
      gint32 day;
      if (enforce_date_parse (p, t->len, &day, NULL))
        {
          t->kind = TOK_DATE;
          t->value = day;
          return TRUE;
        }
      mark (&c->lex_err, ENFORCE_ERROR_INVALID_CONDITION, t->start);
      g_snprintf (c->lex_err.message_zh, sizeof c->lex_err.message_zh,
                  "无效的日期“%.*s”（应为 YYYY-MM-DD）", show_len (t->len), p);
      g_snprintf (c->lex_err.message_en, sizeof c->lex_err.message_en,
                  "invalid date \"%.*s\" (expected YYYY-MM-DD)", show_len (t->len), p);
      return FALSE;
    }
  if (decimal2_parse (p, t->len, &t->value))
    {
      t->kind = has_dot ? TOK_DECIMAL : TOK_INT;
      return TRUE;
    }
  mark (&c->lex_err, ENFORCE_ERROR_INVALID_CONDITION, t->start);
  g_snprintf (c->lex_err.message_zh, sizeof c->lex_err.message_zh,
              "无效的数字“%.*s”（只能是数字，最多两位小数）", show_len (t->len), p);
  g_snprintf (c->lex_err.message_en, sizeof c->lex_err.message_en,
              "invalid number \"%.*s\" (digits with at most two decimals)",
              show_len (t->len), p);
  return FALSE;
}

/* Operators and brackets; sets t->len.  Returns FALSE for anything else. */
static gboolean
lex_punct (const char *p, guint left, Tok *t)
{
  char next = left > 1 ? p[1] : '\0';

  t->len = 1;
  switch (p[0])
    {
    case '(': t->kind = TOK_LPAREN; return TRUE;
    case ')': t->kind = TOK_RPAREN; return TRUE;
    case '[': t->kind = TOK_LBRACKET; return TRUE;
    case ']': t->kind = TOK_RBRACKET; return TRUE;
    case ',': t->kind = TOK_COMMA; return TRUE;
    case '<':
      t->kind = next == '=' ? TOK_LE : TOK_LT;
      t->len = next == '=' ? 2 : 1;
      return TRUE;
    case '>':
      t->kind = next == '=' ? TOK_GE : TOK_GT;
      t->len = next == '=' ? 2 : 1;
      return TRUE;
    case '=':
      t->kind = TOK_EQ;
      t->len = 2;
      return next == '=';
    case '!':
      t->kind = TOK_NE;
      t->len = 2;
      return next == '=';
    default:
      return FALSE;
    }
}

static void
bad_character (Compiler *c, guint at)
{
  const char *p = c->src + at;
  guint left = c->len - at;
  gunichar ch;

  mark (&c->lex_err, ENFORCE_ERROR_INVALID_CONDITION, at);
  /* Hints for what other languages spell differently. */
  if (p[0] == '=' || p[0] == '!' || p[0] == '&' || p[0] == '|')
    {
      static const char punct[] = "=!&|";
      static const char *const hint_zh[] = { "“==”", "“!=”或“not”", "“and”", "“or”" };
      static const char *const hint_en[] = { "\"==\"", "\"!=\" or \"not\"", "\"and\"", "\"or\"" };
      gsize k = (gsize) (strchr (punct, p[0]) - punct);
      g_snprintf (c->lex_err.message_zh, sizeof c->lex_err.message_zh,
                  "意外的“%c”，请用%s", p[0], hint_zh[k]);
      g_snprintf (c->lex_err.message_en, sizeof c->lex_err.message_en,
                  "unexpected \"%c\"; use %s", p[0], hint_en[k]);
      return;
    }
  /* g_utf8_get_char_validated() calls a NUL byte incomplete. */
  ch = p[0] == '\0' ? 0 : g_utf8_get_char_validated (p, (gssize) MIN (left, 6u));
  if (ch == (gunichar) -1 || ch == (gunichar) -2)
    {
      g_snprintf (c->lex_err.message_zh, sizeof c->lex_err.message_zh,
                  "无效的 UTF-8 字节 0x%02X", (guint) (guchar) p[0]);
      g_snprintf (c->lex_err.message_en, sizeof c->lex_err.message_en,
                  "invalid UTF-8 byte 0x%02X", (guint) (guchar) p[0]);
    }
  else if (ch != 0 && g_unichar_isgraph (ch))
    {
      int n = g_utf8_skip[(guchar) p[0]];
      g_snprintf (c->lex_err.message_zh, sizeof c->lex_err.message_zh,
                  "意外的字符“%.*s”", n, p);
      g_snprintf (c->lex_err.message_en, sizeof c->lex_err.message_en,
                  "unexpected character \"%.*s\"", n, p);
    }
  else
    {
      g_snprintf (c->lex_err.message_zh, sizeof c->lex_err.message_zh,
                  "意外的字符 U+%04X", (guint) ch);
      g_snprintf (c->lex_err.message_en, sizeof c->lex_err.message_en,
                  "unexpected character U+%04X", (guint) ch);
    }
}

static void
too_many_tokens (Compiler *c, guint at)
{
  mark (&c->lex_err, ENFORCE_ERROR_INVALID_CONDITION, at);
  g_snprintf (c->lex_err.message_zh, sizeof c->lex_err.message_zh,
              "条件过长：超过 %d 个记号", COND_MAX_TOKENS);
  g_snprintf (c->lex_err.message_en, sizeof c->lex_err.message_en,
              "condition too long: more than %d tokens", COND_MAX_TOKENS);
}

/* Scans one token at @at (not whitespace).  FALSE on a lexical error. */
static gboolean
lex_one (Compiler *c, guint at, Tok *t)
{
  const char *p = c->src + at;
  guint end = at;

  t->start = at;
  t->value = 0;
  if (is_name_start (*p))
    {
      while (end < c->len && is_name_char (c->src[end]))
        end++;
      t->len = end - at;
      t->kind = keyword_kind (p, t->len);
      return TRUE;
    }
  if (is_digit (*p))
    {
      while (end < c->len && is_literal_char (c->src[end]))
        end++;
      t->len = end - at;
      return lex_literal (c, t);
    }
  if (lex_punct (p, c->len - at, t))
    return TRUE;
  bad_character (c, at);
  return FALSE;
}

/* Fills c->toks, ending with TOK_END, or TOK_ERROR at the first lexical
 * error or at the token one past the limit. */
static void
lex_all (Compiler *c)
{
  guint at = 0;

  c->n_toks = 0;
  for (;;)
    {
      Tok *t = &c->toks[c->n_toks];

      while (at < c->len && is_space (c->src[at]))
        at++;
      if (at == c->len)
        {
          t->kind = TOK_END;
          t->start = at;
          t->len = 0;
          c->n_toks++;
          return;
        }
      if (c->n_toks == COND_MAX_TOKENS)
        {
          t->kind = TOK_ERROR;
          t->start = at;
          t->len = 0;
          too_many_tokens (c, at);
          c->n_toks++;
          return;
        }
      if (!lex_one (c, at, t))
        {
          t->kind = TOK_ERROR;
          c->n_toks++;
          return;
        }
      at += t->len;
      c->n_toks++;
    }
}

/* ---------------------------------------------------------------- parser */

static gboolean
emit (Compiler *c, Op op, guint fact, gint64 operand, CondError *err)
{
  Insn *in;

  /* Cannot happen: every instruction consumes at least one token. */
  if (c->n_code == G_N_ELEMENTS (c->code))
    {
      mark (err, ENFORCE_ERROR_FAILED, 0);
      g_strlcpy (err->message_zh, "内部错误：条件代码溢出", sizeof err->message_zh);
      g_strlcpy (err->message_en, "internal error: condition code overflow",
                 sizeof err->message_en);
      return FALSE;
    }
  in = &c->code[c->n_code++];
  in->op = (guint8) op;
  in->fact = (guint8) fact;
  in->n = 0;
  in->operand = operand;
  return TRUE;
}

static const char *
tok_text (const Compiler *c, const Tok *t)
{
  return c->src + t->start;
}

/* A lexical error surfaces when the parser reaches it, so an earlier
 * syntax error still wins. */
static gboolean
lex_error (const Compiler *c, CondError *err)
{
  *err = c->lex_err;
  return FALSE;
}

static gboolean
fail_expected_value (const Compiler *c, const Tok *after, const Tok *t,
                     CondError *err)
{
  if (t->kind == TOK_ERROR)
    return lex_error (c, err);
  mark (err, ENFORCE_ERROR_INVALID_CONDITION, t->start);
  g_snprintf (err->message_zh, sizeof err->message_zh, "“%.*s”之后缺少取值",
              show_len (after->len), tok_text (c, after));
  g_snprintf (err->message_en, sizeof err->message_en,
              "expected a value after \"%.*s\"", show_len (after->len),
              tok_text (c, after));
  return FALSE;
}

/* "(none, minor, serious)" for an enum, whole values only, "…" when they
 * do not fit; "" for other types. */
static void
enum_values_text (const CondVar *var, char *buf, gsize size)
{
  buf[0] = '\0';
  if (var->type != FACT_ENUM || var->n_enum == 0)
    return;
  g_strlcat (buf, " (", size);
  for (guint i = 0; i < var->n_enum; i++)
    {
      /* Room for the value, a separator, "…)" and the NUL. */
      if (strlen (buf) + strlen (var->enum_values[i]) + 2 + 5 > size)
        {
          g_strlcat (buf, "…", size);
          break;
        }
      if (i > 0)
        g_strlcat (buf, ", ", size);
      g_strlcat (buf, var->enum_values[i], size);
    }
  g_strlcat (buf, ")", size);
}

static gboolean
fail_literal_type (const Compiler *c, const CondVar *var, const Tok *lit,
                   CondError *err)
{
  char values[72];

  enum_values_text (var, values, sizeof values);
  mark (err, ENFORCE_ERROR_TYPE_MISMATCH, lit->start);
  g_snprintf (err->message_zh, sizeof err->message_zh,
              "类型不符：事实“%.*s”（%s）需要%s%s，而不是“%.*s”",
              show_len ((guint) strlen (var->name)), var->name,
              type_name_zh (var->type), wanted_zh (var->type), values,
              show_len (lit->len), tok_text (c, lit));
  g_snprintf (err->message_en, sizeof err->message_en,
              "type mismatch: fact \"%.*s\" (%s) needs %s%s, not \"%.*s\"",
              show_len ((guint) strlen (var->name)), var->name,
              type_name_en (var->type), wanted_en (var->type), values,
              show_len (lit->len), tok_text (c, lit));
  return FALSE;
}

static gboolean
fail_operator_type (const Compiler *c, const CondVar *var, const Tok *op,
                    CondError *err)
{
  mark (err, ENFORCE_ERROR_TYPE_MISMATCH, op->start);
  g_snprintf (err->message_zh, sizeof err->message_zh,
              "“%.*s”不能用于%s事实“%.*s”", show_len (op->len),
              tok_text (c, op), type_name_zh (var->type),
              show_len ((guint) strlen (var->name)), var->name);
  g_snprintf (err->message_en, sizeof err->message_en,
              "\"%.*s\" cannot be used with %s fact \"%.*s\"",
              show_len (op->len), tok_text (c, op), type_name_en (var->type),
              show_len ((guint) strlen (var->name)), var->name);
  return FALSE;
}

static gboolean
is_literal_token (TokKind kind)
{
  return kind == TOK_NAME || kind == TOK_INT || kind == TOK_DECIMAL
         || kind == TOK_DATE || kind == TOK_TRUE || kind == TOK_FALSE;
}

static gboolean
find_enum_value (const CondVar *var, const char *p, guint n, gint64 *out)
{
  for (guint i = 0; i < var->n_enum; i++)
    if (strncmp (var->enum_values[i], p, n) == 0 && var->enum_values[i][n] == '\0')
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* The value of literal @lit for a comparison with @var, in @var's storage
 * unit (fen, × 100, day number, enum index).  @lit is a literal token. */
static gboolean
literal_value (const Compiler *c, const CondVar *var, const Tok *lit,
               gint64 *out, CondError *err)
{
  gboolean ok = FALSE;

  switch (var->type)
    {
    case FACT_BOOL:
      ok = lit->kind == TOK_TRUE || lit->kind == TOK_FALSE;
      *out = lit->kind == TOK_TRUE;
      break;
    case FACT_INTEGER:
      ok = lit->kind == TOK_INT;
      *out = lit->value / 100;
      break;
    case FACT_NUMBER:
    case FACT_MONEY:
      ok = lit->kind == TOK_INT || lit->kind == TOK_DECIMAL;
      *out = lit->value;
      break;
    case FACT_DATE:
      ok = lit->kind == TOK_DATE;
      *out = lit->value;
      break;
    case FACT_ENUM:
      ok = lit->kind == TOK_NAME
           && find_enum_value (var, tok_text (c, lit), lit->len, out);
      break;
    }
  if (!ok)
    return fail_literal_type (c, var, lit, err);
  return TRUE;
}

static gboolean
lookup_fact (const Compiler *c, const Tok *name, guint *index, CondError *err)
{
  const char *p = tok_text (c, name);

  for (guint i = 0; i < c->n_scope; i++)
    {
      const char *s = c->scope[i].name;
      if (strncmp (s, p, name->len) == 0 && s[name->len] == '\0')
        {
          *index = i;
          return TRUE;
        }
    }
  mark (err, ENFORCE_ERROR_UNDECLARED_FACT, name->start);
  g_snprintf (err->message_zh, sizeof err->message_zh, "未声明的事实“%.*s”",
              show_len (name->len), p);
  g_snprintf (err->message_en, sizeof err->message_en, "undeclared fact \"%.*s\"",
              show_len (name->len), p);
  return FALSE;
}

/* NAME CMP literal, at toks[*i]. */
static gboolean
parse_comparison (Compiler *c, guint *i, guint fact, CondError *err)
{
  const CondVar *var = &c->scope[fact];
  const Tok *op = &c->toks[*i + 1];
  const Tok *lit = &c->toks[*i + 2];
  gboolean equality = op->kind == TOK_EQ || op->kind == TOK_NE;
  gint64 value;

  if (!equality && (var->type == FACT_BOOL || var->type == FACT_ENUM))
    return fail_operator_type (c, var, op, err);
  if (!is_literal_token (lit->kind))
    return fail_expected_value (c, op, lit, err);
  if (!literal_value (c, var, lit, &value, err))
    return FALSE;
  *i += 3;
  if (var->type == FACT_BOOL)
    {
      /* "== false" and "!= true" read the fact and negate it. */
      if (!emit (c, OP_BOOL, fact, 0, err))
        return FALSE;
      return (value != 0) == (op->kind == TOK_EQ) || emit (c, OP_NOT, 0, 0, err);
    }
  return emit (c, (Op) (OP_EQ + (op->kind - TOK_EQ)), fact, value, err);
}

static gboolean
fail_at (const Compiler *c, const Tok *t, CondError *err,
           const char *zh, const char *en)
{
  if (t->kind == TOK_ERROR)
    return lex_error (c, err);
  mark (err, ENFORCE_ERROR_INVALID_CONDITION, t->start);
  g_strlcpy (err->message_zh, zh, sizeof err->message_zh);
  g_strlcpy (err->message_en, en, sizeof err->message_en);
  return FALSE;
}

/* NAME [not] in [ literal, ... ]; @j indexes the "in" token. */
static gboolean
parse_in_list (Compiler *c, guint *i, guint j, guint fact, gboolean negate,
               CondError *err)
{
  const CondVar *var = &c->scope[fact];
  guint head;
  guint n = 0;

  if (var->type == FACT_BOOL)
    return fail_operator_type (c, var, &c->toks[j], err);
  j++;
  if (c->toks[j].kind != TOK_LBRACKET)
    return fail_at (c, &c->toks[j], err, "“in”之后缺少“[”",
                      "expected \"[\" after \"in\"");
  head = c->n_code;
  if (!emit (c, negate ? OP_NOT_IN : OP_IN, fact, 0, err))
    return FALSE;
  for (;;)
    {
      const Tok *lit = &c->toks[++j];
      gint64 value;

      if (!is_literal_token (lit->kind))
        return fail_at (c, lit, err, "列表中缺少取值", "expected a value in the list");
      if (n == COND_MAX_LIST)
        return fail_at (c, lit, err, "列表中的取值超过 " G_STRINGIFY (COND_MAX_LIST) " 个",
                          "more than " G_STRINGIFY (COND_MAX_LIST) " values in the list");
      if (!literal_value (c, var, lit, &value, err)
          || !emit (c, OP_ITEM, fact, value, err))
        return FALSE;
      n++;
      j++;
      if (c->toks[j].kind == TOK_RBRACKET)
        break;
      if (c->toks[j].kind != TOK_COMMA)
        return fail_at (c, &c->toks[j], err, "列表中应为“,”或“]”",
                          "expected \",\" or \"]\" in the list");
    }
  c->code[head].n = (guint16) n;
  *i = j + 1;
  return TRUE;
}

/* One test starting at the NAME toks[*i]; advances *i past it. */
static gboolean
parse_test (Compiler *c, guint *i, CondError *err)
{
  const Tok *name = &c->toks[*i];
  const Tok *next = &c->toks[*i + 1];
  const CondVar *var;
  guint fact;

  if (!lookup_fact (c, name, &fact, err))
    return FALSE;
  /* "count = 3": the stray "=" explains the problem better than calling
   * the bare name a non-bool. */
  if (next->kind == TOK_ERROR)
    return lex_error (c, err);
  var = &c->scope[fact];
  c->used |= G_GUINT64_CONSTANT (1) << fact;
  if (next->kind >= TOK_EQ && next->kind <= TOK_GE)
    return parse_comparison (c, i, fact, err);
  if (next->kind == TOK_IN)
    return parse_in_list (c, i, *i + 1, fact, FALSE, err);
  if (next->kind == TOK_NOT && c->toks[*i + 2].kind == TOK_IN)
    return parse_in_list (c, i, *i + 2, fact, TRUE, err);
  if (var->type != FACT_BOOL)
    {
      mark (err, ENFORCE_ERROR_TYPE_MISMATCH, name->start);
      g_snprintf (err->message_zh, sizeof err->message_zh,
                  "事实“%.*s”（%s）不是布尔值，需与%s比较",
                  show_len (name->len), tok_text (c, name),
                  type_name_zh (var->type), wanted_zh (var->type));
      g_snprintf (err->message_en, sizeof err->message_en,
                  "fact \"%.*s\" (%s) is not a bool; compare it with %s",
                  show_len (name->len), tok_text (c, name),
                  type_name_en (var->type), wanted_en (var->type));
      return FALSE;
    }
  *i += 1;
  return emit (c, OP_BOOL, fact, 0, err);
}

typedef struct {
  TokKind kind;        /* TOK_NOT, TOK_AND, TOK_OR or TOK_LPAREN */
  guint start;
} Pending;

static int
precedence (TokKind kind)
{
  switch (kind)
    {
    case TOK_NOT: return 3;
    case TOK_AND: return 2;
    case TOK_OR: return 1;
    default: return 0;      /* "(" is never popped by an operator */
    }
}

static Op
op_of (TokKind kind)
{
  return kind == TOK_NOT ? OP_NOT : kind == TOK_AND ? OP_AND : OP_OR;
}

/* In operand position: not, (, true, false or a test. */
static gboolean
parse_operand (Compiler *c, guint *i, Pending *stack, guint *n_stack,
               guint *depth, gboolean *done_operand, CondError *err)
{
  const Tok *t = &c->toks[*i];

  *done_operand = FALSE;
  switch (t->kind)
    {
    case TOK_NOT:
      stack[(*n_stack)++] = (Pending) { TOK_NOT, t->start };
      (*i)++;
      return TRUE;
    case TOK_LPAREN:
      if (*depth == COND_MAX_DEPTH)
        return fail_at (c, t, err, "括号嵌套超过 " G_STRINGIFY (COND_MAX_DEPTH) " 层",
                        "parentheses nested deeper than " G_STRINGIFY (COND_MAX_DEPTH));
      (*depth)++;
      stack[(*n_stack)++] = (Pending) { TOK_LPAREN, t->start };
      (*i)++;
      return TRUE;
    case TOK_TRUE:
    case TOK_FALSE:
      (*i)++;
      *done_operand = TRUE;
      return emit (c, OP_CONST, 0, t->kind == TOK_TRUE ? TRI_TRUE : TRI_FALSE, err);
    case TOK_NAME:
      *done_operand = TRUE;
      return parse_test (c, i, err);
    case TOK_END:
      if (c->n_toks == 1)
        return fail_at (c, t, err, "条件为空", "empty condition");
      return fail_at (c, t, err, "条件不完整：结尾缺少条件",
                      "incomplete condition: expected a test at the end");
    default:
      if (t->kind == TOK_ERROR)
        return lex_error (c, err);
      mark (err, ENFORCE_ERROR_INVALID_CONDITION, t->start);
      g_snprintf (err->message_zh, sizeof err->message_zh,
                  "意外的“%.*s”：此处应为条件", show_len (t->len), tok_text (c, t));
      g_snprintf (err->message_en, sizeof err->message_en,
                  "unexpected \"%.*s\": expected a test", show_len (t->len),
                  tok_text (c, t));
      return FALSE;
    }
}

/* Pops pending operators down to (not including) a "(" or one of lower
 * precedence than @prec. */
static gboolean
reduce (Compiler *c, Pending *stack, guint *n_stack, int prec, CondError *err)
{
  while (*n_stack > 0 && stack[*n_stack - 1].kind != TOK_LPAREN
         && precedence (stack[*n_stack - 1].kind) >= prec)
    if (!emit (c, op_of (stack[--(*n_stack)].kind), 0, 0, err))
      return FALSE;
  return TRUE;
}

/* "AND", "Or": a rule author's slip worth naming in the message. */
static gboolean
miscased_keyword (const char *p, guint n)
{
  return (n == 3 && g_ascii_strncasecmp (p, "and", 3) == 0)
         || (n == 2 && g_ascii_strncasecmp (p, "or", 2) == 0);
}

/* In operator position: and, or, ) or the end.  Sets *finished at the end. */
static gboolean
parse_operator (Compiler *c, guint *i, Pending *stack, guint *n_stack,
                guint *depth, gboolean *finished, CondError *err)
{
  const Tok *t = &c->toks[*i];

  switch (t->kind)
    {
    case TOK_AND:
    case TOK_OR:
      if (!reduce (c, stack, n_stack, precedence (t->kind), err))
        return FALSE;
      stack[(*n_stack)++] = (Pending) { t->kind, t->start };
      (*i)++;
      return TRUE;
    case TOK_RPAREN:
      if (!reduce (c, stack, n_stack, 0, err))
        return FALSE;
      if (*n_stack == 0)
        return fail_at (c, t, err, "多余的“)”", "unmatched \")\"");
      (*n_stack)--;
      (*depth)--;
      (*i)++;
      return TRUE;
    case TOK_END:
      if (!reduce (c, stack, n_stack, 0, err))
        return FALSE;
      if (*n_stack > 0)
        return fail_at (c, t, err, "缺少“)”", "missing \")\"");
      *finished = TRUE;
      return TRUE;
    default:
      if (t->kind == TOK_ERROR)
        return lex_error (c, err);
      if (t->kind == TOK_NAME && miscased_keyword (tok_text (c, t), t->len))
        return fail_at (c, t, err, "关键字须小写：“and”“or”",
                        "keywords are lowercase: \"and\", \"or\"");
      mark (err, ENFORCE_ERROR_INVALID_CONDITION, t->start);
      g_snprintf (err->message_zh, sizeof err->message_zh,
                  "意外的“%.*s”：此处应为“and”“or”或“)”",
                  show_len (t->len), tok_text (c, t));
      g_snprintf (err->message_en, sizeof err->message_en,
                  "unexpected \"%.*s\": expected \"and\", \"or\" or \")\"",
                  show_len (t->len), tok_text (c, t));
      return FALSE;
    }
}

/* Shunting-yard over c->toks into c->code. */
static gboolean
parse (Compiler *c, CondError *err)
{
  Pending stack[COND_MAX_TOKENS];
  guint n_stack = 0;
  guint depth = 0;
  guint i = 0;
  gboolean want_operand = TRUE;
  gboolean finished = FALSE;

  while (!finished)
    {
      if (want_operand)
        {
          gboolean done_operand;
          if (!parse_operand (c, &i, stack, &n_stack, &depth, &done_operand, err))
            return FALSE;
          want_operand = !done_operand;
        }
      else
        {
          if (!parse_operator (c, &i, stack, &n_stack, &depth, &finished, err))
            return FALSE;
          want_operand = !finished && c->toks[i - 1].kind != TOK_RPAREN;
        }
    }
  return TRUE;
}

static gboolean
source_is_true (const char *src, guint len)
{
  guint a = 0, b = len;

  while (a < b && is_space (src[a]))
    a++;
  while (b > a && is_space (src[b - 1]))
    b--;
  return token_is (src + a, b - a, "true");
}

static Cond *
finish (const Compiler *c)
{
  gsize code_bytes = c->n_code * sizeof (Insn);
  Cond *cond = g_malloc (sizeof (Cond) + code_bytes + c->len + 1);
  char *text = (char *) cond->code + code_bytes;

  memcpy (cond->code, c->code, code_bytes);
  memcpy (text, c->src, c->len);
  text[c->len] = '\0';
  cond->source = text;
  cond->n_code = c->n_code;
  cond->used = c->used;
  cond->always_true = source_is_true (c->src, c->len);
  return cond;
}

Cond *
cond_compile (const char *src, gsize len, const CondVar *scope, guint n_scope,
              CondError *err)
{
  CondError scratch;
  CondError *e = err != NULL ? err : &scratch;
  Compiler *c;
  Cond *cond = NULL;

  g_return_val_if_fail (src != NULL || len == 0, NULL);
  g_return_val_if_fail (scope != NULL || n_scope == 0, NULL);

  if (n_scope > COND_MAX_FACTS || len > G_MAXINT32)
    {
      mark (e, ENFORCE_ERROR_INVALID_CONDITION, 0);
      g_snprintf (e->message_zh, sizeof e->message_zh,
                  "条件过大：超过 %d 个事实或 2 GiB", COND_MAX_FACTS);
      g_snprintf (e->message_en, sizeof e->message_en,
                  "condition too large: more than %d facts or 2 GiB", COND_MAX_FACTS);
      return NULL;
    }
  c = g_new (Compiler, 1);
  c->src = src != NULL ? src : "";
  c->len = (guint) len;
  c->scope = scope;
  c->n_scope = n_scope;
  c->n_code = 0;
  c->used = 0;
  lex_all (c);
  if (parse (c, e))
    cond = finish (c);
  else
    {
      tidy_utf8 (e->message_zh);
      tidy_utf8 (e->message_en);
    }
  g_free (c);
  return cond;
}

void
cond_free (Cond *cond)
{
  g_free (cond);
}

guint64
cond_facts_used (const Cond *cond)
{
  g_return_val_if_fail (cond != NULL, 0);
  return cond->used;
}

gboolean
cond_is_always_true (const Cond *cond)
{
  g_return_val_if_fail (cond != NULL, FALSE);
  return cond->always_true;
}

const char *
cond_source (const Cond *cond)
{
  g_return_val_if_fail (cond != NULL, NULL);
  return cond->source;
}

/* ------------------------------------------------------------- evaluator */

/* Stack invariant: a decided value (TRUE/FALSE) carries an empty mask; an
 * UNKNOWN one carries the facts whose absence made it unknown. */

/* The comparisons as a table over the sign of a - b rather than a jump per
 * operator, which a mix of conditions mispredicts. */
static const guint8 compare_table[][3] = {
  /*                 a < b  a == b  a > b */
  [OP_EQ - OP_EQ] = { 0,     1,      0 },
  [OP_NE - OP_EQ] = { 1,     0,      1 },
  [OP_LT - OP_EQ] = { 1,     0,      0 },
  [OP_LE - OP_EQ] = { 1,     1,      0 },
  [OP_GT - OP_EQ] = { 0,     0,      1 },
  [OP_GE - OP_EQ] = { 0,     1,      1 },
};

static inline gboolean
compare (Op op, gint64 a, gint64 b)
{
  return compare_table[op - OP_EQ][(a > b) - (a < b) + 1];
}

static inline gboolean
in_list (const Insn *items, guint n, gint64 value)
{
  for (guint k = 0; k < n; k++)
    if (items[k].operand == value)
      return TRUE;
  return FALSE;
}

Tri
cond_eval (const Cond *cond, const FactValue *values, guint64 *missing)
{
  guint8 tri[COND_MAX_TOKENS];
  guint64 mask[COND_MAX_TOKENS];
  guint sp = 0;
  const Insn *code;
  guint n;

  g_return_val_if_fail (cond != NULL, TRI_UNKNOWN);
  code = cond->code;
  n = cond->n_code;
  for (guint pc = 0; pc < n; pc++)
    {
      const Insn *in = &code[pc];
      const FactValue *v;
      gboolean hit;

      /* Tests first, as one path: they are most of the code, and one
       * conditional branch predicts better than a jump table. */
      if (in->op >= OP_BOOL && in->op <= OP_NOT_IN)
        {
          v = &values[in->fact];
          if (!v->known)
            {
              tri[sp] = TRI_UNKNOWN;
              mask[sp++] = G_GUINT64_CONSTANT (1) << in->fact;
              pc += in->n;
              continue;
            }
          if (in->op == OP_BOOL)
            hit = v->value != 0;
          else if (in->op == OP_IN || in->op == OP_NOT_IN)
            {
              hit = in_list (in + 1, in->n, v->value) == (in->op == OP_IN);
              pc += in->n;
            }
          else
            hit = compare ((Op) in->op, v->value, in->operand);
          tri[sp] = hit ? TRI_TRUE : TRI_FALSE;
          mask[sp++] = 0;
          continue;
        }

      switch ((Op) in->op)
        {
        case OP_CONST:
          tri[sp] = (guint8) in->operand;
          mask[sp++] = 0;
          continue;
        case OP_NOT:
          if (tri[sp - 1] != TRI_UNKNOWN)
            tri[sp - 1] ^= 1;
          continue;
        case OP_AND:
          sp--;
          if (tri[sp - 1] == TRI_FALSE)
            continue;
          if (tri[sp] == TRI_FALSE)
            {
              tri[sp - 1] = TRI_FALSE;
              mask[sp - 1] = 0;
              continue;
            }
          tri[sp - 1] = tri[sp - 1] == TRI_UNKNOWN || tri[sp] == TRI_UNKNOWN
                        ? TRI_UNKNOWN : TRI_TRUE;
          mask[sp - 1] |= mask[sp];
          continue;
        case OP_OR:
          sp--;
          if (tri[sp - 1] == TRI_TRUE)
            continue;
          if (tri[sp] == TRI_TRUE)
            {
              tri[sp - 1] = TRI_TRUE;
              mask[sp - 1] = 0;
              continue;
            }
          tri[sp - 1] = tri[sp - 1] == TRI_UNKNOWN || tri[sp] == TRI_UNKNOWN
                        ? TRI_UNKNOWN : TRI_FALSE;
          mask[sp - 1] |= mask[sp];
          continue;
        case OP_ITEM:          /* consumed by OP_IN */
        default:               /* the tests, handled above */
          continue;
        }
    }

  if (missing != NULL)
    *missing = tri[0] == TRI_UNKNOWN ? mask[0] : 0;
  return (Tri) tri[0];
}
