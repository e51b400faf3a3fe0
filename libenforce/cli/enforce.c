/* enforce: command-line front end over the public API. (not yet written) */
#include <enforce/enforce.h>

int
main (void)
{
  return 0;
}
