/* version.c */
#include <enforce/enforce-version.h>

const char *
enforce_version (void)
{
  return ENFORCE_VERSION_STRING;
}
