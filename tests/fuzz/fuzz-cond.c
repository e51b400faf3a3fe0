/* fuzz-cond.c: libFuzzer target for condition expressions (cond.h).
 *
 * Compiles the input against a fixed scope with every fact type, then
 * evaluates the result under several value vectors and checks what must
 * hold for any input: a rejected condition carries one of the three
 * condition codes, an offset inside the input and both messages; an
 * accepted one evaluates deterministically, is never unknown when every
 * fact is known, and reports as missing only facts it reads.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>
#include "cond.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *const HARM[] = { "none", "minor", "serious" };

static const CondVar SCOPE[] = {
  { "area_m2", FACT_NUMBER, NULL, 0 },
  { "count", FACT_INTEGER, NULL, 0 },
  { "gains", FACT_MONEY, NULL, 0 },
  { "act_date", FACT_DATE, NULL, 0 },
  { "first_offense", FACT_BOOL, NULL, 0 },
  { "harm", FACT_ENUM, HARM, G_N_ELEMENTS (HARM) },
  { "minor", FACT_BOOL, NULL, 0 },
  { "corrected", FACT_BOOL, NULL, 0 },
};

#define N_SCOPE G_N_ELEMENTS (SCOPE)

/* known_mask selects which facts are known; values are spread so that
 * typical literals land on both sides of a comparison. */
static void
fill (FactValue *vals, guint known_mask, gint64 base)
{
  for (guint i = 0; i < N_SCOPE; i++)
    {
      vals[i].known = (known_mask >> i) & 1;
      vals[i].value = SCOPE[i].type == FACT_BOOL ? (base + i) & 1
                      : SCOPE[i].type == FACT_ENUM ? (base + i) % 3
                      : SCOPE[i].type == FACT_DATE ? 19723 + base * 40
                      : base * 250;
    }
}

static void
check (const Cond *cond, const FactValue *vals, gboolean all_known)
{
  guint64 missing = 0, again = 0;
  Tri t = cond_eval (cond, vals, &missing);

  if (cond_eval (cond, vals, &again) != t || again != missing)
    abort ();
  if (t == TRI_UNKNOWN)
    {
      if (all_known || missing == 0 || (missing & ~cond_facts_used (cond)) != 0)
        abort ();
    }
  else if ((t != TRI_TRUE && t != TRI_FALSE) || missing != 0)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const guint all = (1u << N_SCOPE) - 1;
  FactValue vals[N_SCOPE];
  CondError err;
  Cond *cond = cond_compile ((const char *) data, size, SCOPE, N_SCOPE, &err);

  if (cond == NULL)
    {
      if ((err.code != ENFORCE_ERROR_INVALID_CONDITION
           && err.code != ENFORCE_ERROR_UNDECLARED_FACT
           && err.code != ENFORCE_ERROR_TYPE_MISMATCH)
          || err.offset > size || err.message_en[0] == '\0'
          || err.message_zh[0] == '\0'
          || !g_utf8_validate (err.message_zh, -1, NULL)
          || !g_utf8_validate (err.message_en, -1, NULL))
        abort ();
      return 0;
    }
  fill (vals, 0, 0);
  check (cond, vals, FALSE);
  for (gint64 base = 0; base < 4; base++)
    {
      fill (vals, all, base);
      check (cond, vals, TRUE);
      fill (vals, all & ~(1u << base) & ~(1u << (base + 4)), base);
      check (cond, vals, FALSE);
    }
  cond_free (cond);
  return 0;
}
