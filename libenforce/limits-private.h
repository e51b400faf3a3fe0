/* limits-private.h */
#pragma once

#include <enforce/enforce-limits.h>

struct _EnforceLimits {
  gint64 value[ENFORCE_LIMIT_COUNT];
};

/* The limits to use: @limits, or the defaults of @profile when NULL. */
const EnforceLimits *limits_or_default (const EnforceLimits *limits, EnforceLimitsProfile profile);
