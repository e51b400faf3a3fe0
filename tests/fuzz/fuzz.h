/* fuzz.h: what every fuzz target shares.
 *
 * Each target defines LLVMFuzzerTestOneInput (and optionally
 * LLVMFuzzerInitialize).  Built with clang and -fsanitize=fuzzer it is a
 * libFuzzer binary; built with any compiler and replay-main.c it replays a
 * corpus directory as an ordinary CTest test.  A broken invariant calls
 * fuzz_fail(), which aborts, so libFuzzer records a crash and the replay
 * test fails with the message on stderr.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* Prints "fuzz invariant broken: <what>" and aborts. */
G_NORETURN void fuzz_fail_at (const char *file, int line, const char *what);

#define fuzz_fail(what) fuzz_fail_at (__FILE__, __LINE__, (what))
/* Like assert(), but never compiled out (NDEBUG) and with a message. */
#define fuzz_check(cond) \
  do { if (!(cond)) fuzz_fail_at (__FILE__, __LINE__, #cond); } while (0)

/* Checks the GError contract after a call that failed: an error is set, in
 * ENFORCE_ERROR, with a non-empty valid UTF-8 message. */
void fuzz_check_error (const GError *error);
