/* limits.c: per-loader input limits and their documented defaults.
 *
 * The defaults and the reasoning behind each number are in docs/limits.md;
 * keep the two in step.
 */
#include "limits-private.h"

#define KIB ((gint64) 1024)
#define MIB (KIB * 1024)

/* Upper bound for any limit: node lengths and positions are 32-bit. */
#define LIMIT_MAX ((gint64) G_MAXINT32)

static const EnforceLimits defaults[2] = {
  [ENFORCE_LIMITS_RULES] = { .value = {
    [ENFORCE_LIMIT_INPUT_BYTES] = 8 * MIB,
    [ENFORCE_LIMIT_DEPTH] = 32,
    [ENFORCE_LIMIT_TEXT_BYTES] = 64 * KIB,
    [ENFORCE_LIMIT_SHORT_BYTES] = 256,
    [ENFORCE_LIMIT_NODES] = 500000,
    [ENFORCE_LIMIT_KEYS] = 4096,
    [ENFORCE_LIMIT_ITEMS] = 100000,
    [ENFORCE_LIMIT_FILES] = 10000,
  } },
  [ENFORCE_LIMITS_CASES] = { .value = {
    [ENFORCE_LIMIT_INPUT_BYTES] = 256 * KIB,
    [ENFORCE_LIMIT_DEPTH] = 16,
    [ENFORCE_LIMIT_TEXT_BYTES] = 16 * KIB,
    [ENFORCE_LIMIT_SHORT_BYTES] = 128,
    [ENFORCE_LIMIT_NODES] = 10000,
    [ENFORCE_LIMIT_KEYS] = 256,
    [ENFORCE_LIMIT_ITEMS] = 1000,
    [ENFORCE_LIMIT_FILES] = 1,
  } },
};

static const char *const names[ENFORCE_LIMIT_COUNT] = {
  [ENFORCE_LIMIT_INPUT_BYTES] = "input_bytes",
  [ENFORCE_LIMIT_DEPTH] = "depth",
  [ENFORCE_LIMIT_TEXT_BYTES] = "text_bytes",
  [ENFORCE_LIMIT_SHORT_BYTES] = "short_bytes",
  [ENFORCE_LIMIT_NODES] = "nodes",
  [ENFORCE_LIMIT_KEYS] = "keys",
  [ENFORCE_LIMIT_ITEMS] = "items",
  [ENFORCE_LIMIT_FILES] = "files",
};

static gboolean
profile_valid (EnforceLimitsProfile profile)
{
  return profile == ENFORCE_LIMITS_RULES || profile == ENFORCE_LIMITS_CASES;
}

static gboolean
limit_valid (EnforceLimit limit)
{
  return (int) limit >= 0 && (int) limit < ENFORCE_LIMIT_COUNT;
}

EnforceLimits *
enforce_limits_new (EnforceLimitsProfile profile)
{
  g_return_val_if_fail (profile_valid (profile), NULL);
  return g_memdup2 (&defaults[profile], sizeof (EnforceLimits));
}

EnforceLimits *
enforce_limits_copy (const EnforceLimits *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof (EnforceLimits));
}

void
enforce_limits_free (EnforceLimits *self)
{
  g_free (self);
}

gint64
enforce_limits_get (const EnforceLimits *self, EnforceLimit limit)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (limit_valid (limit), 0);
  return self->value[limit];
}

gboolean
enforce_limits_set (EnforceLimits *self, EnforceLimit limit, gint64 value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (!limit_valid (limit) || value < 1 || value > LIMIT_MAX)
    return FALSE;
  self->value[limit] = value;
  return TRUE;
}

const char *
enforce_limit_name (EnforceLimit limit)
{
  if (!limit_valid (limit))
    return "unknown";
  return names[limit];
}

const EnforceLimits *
limits_or_default (const EnforceLimits *limits, EnforceLimitsProfile profile)
{
  if (limits != NULL)
    return limits;
  return &defaults[profile_valid (profile) ? profile : ENFORCE_LIMITS_CASES];
}
