/* enforce.h: the one header consumers include. */
#pragma once

#include <enforce/enforce-export.h>
#include <enforce/enforce-version.h>
#include <enforce/enforce-error.h>
#include <enforce/enforce-limits.h>
#include <enforce/enforce-money.h>
#include <enforce/enforce-date.h>
#include <enforce/enforce-rule-set.h>
#include <enforce/enforce-case.h>
#include <enforce/enforce-recommendation.h>
#include <enforce/enforce-batch.h>
#include <enforce/enforce-test.h>
