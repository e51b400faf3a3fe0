/* cond.h: condition expressions over declared facts.
 *
 * Tier, exemption and gate conditions are short expressions compiled once at
 * load time and evaluated many times:
 *
 *   area_m2 < 5 and first_violation and harm in [none, minor]
 *
 * Grammar (docs/rule-format.md#conditions):
 *   expr    := and ("or" and)*
 *   and     := unary ("and" unary)*
 *   unary   := "not" unary | "(" expr ")" | test
 *   test    := NAME                              (bool fact)
 *            | NAME CMP literal                  (CMP: == != < <= > >=)
 *            | NAME ["not"] "in" "[" literal ("," literal)* "]"
 *            | "true" | "false"
 *   literal := number (digits, at most 2 decimals) | date YYYY-MM-DD
 *            | NAME (an enum value) | true | false
 * Money facts compare against yuan literals; number facts against decimals;
 * integer facts against integers; enum facts against their declared values
 * with == != in; date facts against dates.  Parentheses nest at most
 * COND_MAX_DEPTH deep; expressions are compiled to postfix code without
 * recursion and evaluated with a fixed-size stack.
 *
 * Evaluation uses three-valued (Kleene) logic: a fact the case does not give
 * is *unknown*, never false, and "unknown" propagates unless the other side
 * of and/or decides the answer.
 */
#pragma once

#include <glib.h>
#include <enforce/enforce-error.h>

#define COND_MAX_DEPTH 16
#define COND_MAX_TOKENS 256
#define COND_MAX_FACTS 64         /* scope size: declared facts + built-ins */
#define COND_MAX_LIST 32          /* literals in one in [...] list */

typedef enum {
  FACT_BOOL = 0,
  FACT_INTEGER = 1,
  FACT_NUMBER = 2,            /* decimal, stored × 100 */
  FACT_ENUM = 3,              /* stored as the value's index */
  FACT_MONEY = 4,             /* stored as fen */
  FACT_DATE = 5,              /* stored as a day number */
} FactType;

typedef struct {
  const char *name;
  FactType type;
  const char *const *enum_values;   /* FACT_ENUM: n_enum names */
  guint n_enum;
} CondVar;

typedef struct {
  gint64 value;
  gboolean known;
} FactValue;

typedef enum {
  TRI_FALSE = 0,
  TRI_TRUE = 1,
  TRI_UNKNOWN = 2,
} Tri;

typedef struct Cond Cond;

typedef struct {
  EnforceErrorCode code;      /* _INVALID_CONDITION, _UNDECLARED_FACT, _TYPE_MISMATCH */
  guint offset;               /* byte offset in the source where the problem starts */
  char message_zh[200];
  char message_en[200];
} CondError;

/* Compiles @src (@len bytes, UTF-8, need not be NUL-terminated) against
 * the facts in @scope (at most COND_MAX_FACTS).  Returns NULL and fills
 * @err (may be NULL) on failure; the first problem in the text wins:
 *   _INVALID_CONDITION  syntax, bad character, bad number or date literal,
 *                       or a limit (COND_MAX_TOKENS, COND_MAX_DEPTH,
 *                       COND_MAX_LIST; offset of the first token past it;
 *                       a scope too large: offset 0);
 *   _UNDECLARED_FACT    a name not in @scope (offset of the name);
 *   _TYPE_MISMATCH      a literal of the wrong type or an undeclared enum
 *                       value (offset of the literal), an operator the
 *                       fact's type does not allow (offset of the
 *                       operator), a non-bool fact used bare (its name).
 * An error at the end of the text (e.g. "area_m2 <") has offset @len.
 * The result keeps no pointer into @src or @scope.  Free with cond_free().
 * Thread-safe; a compiled Cond is immutable. */
Cond *cond_compile (const char *src, gsize len,
                    const CondVar *scope, guint n_scope, CondError *err);
void  cond_free (Cond *cond);             /* NULL-safe */
/* Evaluates against @values (indexed like the scope).  When the result is
 * TRI_UNKNOWN, *@missing (may be NULL) gets the bits (1 << scope index) of
 * the unknown facts that left it undecided; otherwise 0.  A bool fact is
 * true when its value is non-zero.  Never allocates; reentrant. */
Tri   cond_eval (const Cond *cond, const FactValue *values, guint64 *missing);
/* Bits of every fact the condition reads. */
guint64 cond_facts_used (const Cond *cond);
/* TRUE if the condition is the literal "true" (a catch-all). */
gboolean cond_is_always_true (const Cond *cond);
/* The source text, as given (for messages). */
const char *cond_source (const Cond *cond);
