/* enforce: the command-line front end (docs/cli.md).
 *
 * A small program over the public API only: everything it prints comes from
 * the library (diagnostics, recommendation text and JSON, test reports), so
 * the CLI, the bindings and host systems see the same answers.  Chinese by
 * default, English with --lang en.  Exit codes are part of the interface:
 *
 *   0  success (an undetermined recommendation is a valid answer)
 *   1  rule-set tests failed, or lint found errors
 *   2  usage error
 *   3  the rule set failed to load
 *   4  a case is invalid or unreadable, or its recommendation failed;
 *      with --batch, any record is an error, or the batch could not be
 *      read or its records written
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <enforce/enforce.h>

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_RULES = 3,
  EXIT_CASE = 4,
};

typedef enum {
  CMD_HELP,
  CMD_VERSION,
  CMD_LINT,
  CMD_RECOMMEND,
  CMD_TEST,
} Command;

/* Which options a command accepts. */
enum {
  OPT_JSON = 1 << 0,
  OPT_LANG = 1 << 1,
  OPT_RULES = 1 << 2,
  OPT_AS_OF = 1 << 3,
  OPT_TESTS = 1 << 4,
  OPT_TRACE = 1 << 5,
  OPT_BATCH = 1 << 6,
  OPT_THREADS = 1 << 7,
  OPT_QUIET = 1 << 8,
};

typedef struct {
  Command command;
  EnforceLang lang;
  gboolean json;
  gboolean trace;
  const char *rules;
  const char *as_of;
  const char *tests;
  const char *batch;               /* --batch FILE, or "-" for stdin */
  guint threads;                   /* --threads; 0: one per processor */
  gboolean quiet;
  const char **args;               /* positional arguments, borrowed from argv */
  int n_args;
  guint given;                     /* OPT_* bits seen on the command line */
} Options;

static const char *
tr (const Options *o, const char *zh, const char *en)
{
  return o->lang == ENFORCE_LANG_EN ? en : zh;
}

/* ---- JSON helpers (only for the CLI's own error objects) --------------- */

static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

static void
print_json_error (const char *code, const char *message)
{
  g_autoptr(GString) out = g_string_new ("{\"error\": {\"code\": ");

  append_json_string (out, code);
  g_string_append (out, ", \"message\": ");
  append_json_string (out, message);
  g_string_append (out, "}}\n");
  fputs (out->str, stdout);
}

/* One JSON document on one line, for JSON Lines.  Whitespace outside
 * strings is insignificant in JSON, and a string never holds a raw newline,
 * so dropping it keeps the document identical. */
static char *
json_one_line (const char *json)
{
  GString *out = g_string_sized_new (strlen (json));
  gboolean in_string = FALSE, escaped = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      char ch = *p;

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (ch == '\\')
            escaped = TRUE;
          else if (ch == '"')
            in_string = FALSE;
          g_string_append_c (out, ch);
          continue;
        }
      if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')
        continue;
      if (ch == '"')
        in_string = TRUE;
      g_string_append_c (out, ch);
    }
  return g_string_free (out, FALSE);
}

static void
print_ending_with_newline (const char *text)
{
  gsize len = strlen (text);

  fputs (text, stdout);
  if (len == 0 || text[len - 1] != '\n')
    fputc ('\n', stdout);
}

/* ---- errors ------------------------------------------------------------ */

/* Reports a library error: "enforce: ..." on stderr, and with --json the
 * error object on stdout so a JSON consumer sees every case's result. */
static void
report_error (const Options *o, const GError *error, const char *prefix)
{
  const char *code = error->domain == ENFORCE_ERROR
                     ? enforce_error_code_name ((EnforceErrorCode) error->code) : "failed";
  g_autofree char *message = prefix != NULL && !g_str_has_prefix (error->message, prefix)
                             ? g_strdup_printf ("%s: %s", prefix, error->message)
                             : g_strdup (error->message);

  fprintf (stderr, "enforce: %s\n", message);
  if (o->json)
    print_json_error (code, message);
}

static int
usage_error (const Options *o, const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (2, 4) G_GNUC_PRINTF (3, 4);

static int
usage_error (const Options *o, const char *zh_format, const char *en_format, ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, en_format);
  message = g_strdup_vprintf (o->lang == ENFORCE_LANG_EN ? en_format : zh_format, ap);
  va_end (ap);
  fprintf (stderr, "enforce: %s\n%s\n", message,
           tr (o, "用法见 enforce --help", "see enforce --help"));
  if (o->json)
    print_json_error ("usage", message);
  return EXIT_USAGE;
}

/* Prints to stdout in the chosen language. */
static void
say (const Options *o, const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (2, 4) G_GNUC_PRINTF (3, 4);

static void
say (const Options *o, const char *zh_format, const char *en_format, ...)
{
  va_list ap;

  va_start (ap, en_format);
  vprintf (o->lang == ENFORCE_LANG_EN ? en_format : zh_format, ap);
  va_end (ap);
}

/* Prints to stderr in the chosen language: progress and summaries, which
 * must not mix with the records on stdout. */
static void
tell (const Options *o, const char *zh_format, const char *en_format, ...)
  G_GNUC_PRINTF (2, 4) G_GNUC_PRINTF (3, 4);

static void
tell (const Options *o, const char *zh_format, const char *en_format, ...)
{
  va_list ap;

  va_start (ap, en_format);
  vfprintf (stderr, o->lang == ENFORCE_LANG_EN ? en_format : zh_format, ap);
  va_end (ap);
}

/* ---- help -------------------------------------------------------------- */

static const char help_zh[] =
  "用法:\n"
  "  enforce lint RULES [--json] [--lang zh|en]\n"
  "      加载并检查规则集，列出每个错误和警告 (文件:行:列)。\n"
  "  enforce recommend --rules RULES CASE... [--as-of DATE] [--json]\n"
  "                    [--lang zh|en] [--trace|--no-trace]\n"
  "      为每个案件 (YAML 或 JSON) 给出处罚建议及法律依据。\n"
  "      --as-of DATE   计算加处罚款的日期 (YYYY-MM-DD)\n"
  "      --json         输出 JSON；多个案件时每行一个 JSON 文档 (JSON Lines)\n"
  "      --no-trace     不输出推理过程 (默认输出，含法律依据)\n"
  "      CASE 为 - 时从标准输入读取一个案件\n"
  "  enforce recommend --rules RULES --batch FILE|- [--threads N] [--as-of DATE]\n"
  "                    [--trace|--no-trace] [--quiet] [--lang zh|en]\n"
  "      批量建议: FILE 每行一个 JSON 案件 (JSON Lines；- 为标准输入)。\n"
  "      标准输出按输入顺序每行一条 JSON 记录\n"
  "      {\"line\", \"case_id\", \"recommendation\", \"error\"} (即 --json)；\n"
  "      结束时在标准错误输出一行统计: 案件数、错误数、用时。\n"
  "      --threads N    工作线程数 (0-" G_STRINGIFY (ENFORCE_BATCH_MAX_THREADS) ")，"
  "默认 0 即每个处理器一个\n"
  "      --quiet        不输出统计行\n"
  "  enforce test RULES [--tests DIR] [--lang zh|en]\n"
  "      运行规则集自带的测试 (默认 RULES/tests)。\n"
  "  enforce version     显示版本\n"
  "  enforce help        显示本帮助 (--lang en 显示英文)\n"
  "\n"
  "退出码:\n"
  "  0  成功 (建议结果为\"无法确定\"也是有效答案，退出码仍为 0)\n"
  "  1  规则集测试失败，或 lint 发现错误\n"
  "  2  用法错误\n"
  "  3  规则集加载失败\n"
  "  4  案件无效或无法读取，或无法给出建议；批量时: 有记录为错误 (其余记录\n"
  "     照常输出)，或批量文件无法读取、结果无法写出\n"
  "\n"
  "错误输出到标准错误 (\"enforce: 信息\")；使用 --json 时另在标准输出\n"
  "打印 {\"error\": {\"code\": ..., \"message\": ...}}。\n";

static const char help_en[] =
  "Usage:\n"
  "  enforce lint RULES [--json] [--lang zh|en]\n"
  "      Load and check a rule set; list every error and warning (file:line:col).\n"
  "  enforce recommend --rules RULES CASE... [--as-of DATE] [--json]\n"
  "                    [--lang zh|en] [--trace|--no-trace]\n"
  "      Recommend a penalty, with its legal reasoning, for each case (YAML or JSON).\n"
  "      --as-of DATE   date for the late-payment surcharge (YYYY-MM-DD)\n"
  "      --json         print JSON; several cases give one document per line (JSON Lines)\n"
  "      --no-trace     leave out the reasoning (shown by default, with citations)\n"
  "      a CASE of - reads one case from standard input\n"
  "  enforce recommend --rules RULES --batch FILE|- [--threads N] [--as-of DATE]\n"
  "                    [--trace|--no-trace] [--quiet] [--lang zh|en]\n"
  "      Batch: FILE holds one JSON case per line (JSON Lines; - reads stdin).\n"
  "      stdout gets one JSON record per case, in input order\n"
  "      {\"line\", \"case_id\", \"recommendation\", \"error\"} (--json is implied);\n"
  "      stderr gets one summary line at the end: cases, errors, time.\n"
  "      --threads N    worker threads (0-" G_STRINGIFY (ENFORCE_BATCH_MAX_THREADS) "); "
  "0, the default, is one per processor\n"
  "      --quiet        leave out the summary line\n"
  "  enforce test RULES [--tests DIR] [--lang zh|en]\n"
  "      Run the tests shipped with a rule set (default RULES/tests).\n"
  "  enforce version     print the version\n"
  "  enforce help        print this help (--lang zh for Chinese)\n"
  "\n"
  "Exit codes:\n"
  "  0  success (an undetermined recommendation is a valid answer: still 0)\n"
  "  1  rule-set tests failed, or lint found errors\n"
  "  2  usage error\n"
  "  3  the rule set failed to load\n"
  "  4  a case is invalid or unreadable, or its recommendation failed; with\n"
  "     --batch: a record is an error (every record is still printed), or the\n"
  "     batch could not be read or its records written\n"
  "\n"
  "Errors go to stderr (\"enforce: message\"); with --json, stdout also gets\n"
  "{\"error\": {\"code\": ..., \"message\": ...}}.\n";

static int
cmd_help (const Options *o)
{
  fputs (tr (o, help_zh, help_en), stdout);
  return EXIT_OK;
}

static int
cmd_version (void)
{
  printf ("enforce %s\n", enforce_version ());
  return EXIT_OK;
}

/* ---- lint -------------------------------------------------------------- */

static int
cmd_lint (const Options *o)
{
  const char *path = o->args[0];
  g_autoptr(EnforceDiagnostics) diags = NULL;
  g_autoptr(EnforceRuleSet) rules = NULL;
  g_autoptr(GError) error = NULL;
  guint count, errors;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Nothing to check: that is a load failure, not a lint finding. */
      g_set_error (&error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "%s: %s", path,
                   tr (o, "没有这个文件或目录", "no such file or directory"));
      report_error (o, error, NULL);
      return EXIT_RULES;
    }
  rules = enforce_rule_set_load (path, NULL, &diags, &error);
  count = diags != NULL ? enforce_diagnostics_get_count (diags) : 0;
  errors = diags != NULL ? enforce_diagnostics_get_error_count (diags) : 0;

  if (rules == NULL && errors == 0)
    {
      report_error (o, error, NULL);
      return EXIT_RULES;
    }
  if (o->json)
    {
      g_autofree char *json = diags != NULL ? enforce_diagnostics_to_json (diags) : g_strdup ("[]");
      print_ending_with_newline (json);
    }
  else
    {
      if (count > 0)
        {
          g_autofree char *text = enforce_diagnostics_to_string (diags, o->lang);
          print_ending_with_newline (text);
        }
      if (rules != NULL)
        say (o, "%s: %u 个基准，%u 个错误，%u 个警告\n",
             "%s: %u benchmarks, %u errors, %u warnings\n", path, enforce_rule_set_get_benchmark_count (rules), errors, count - errors);
      else
        say (o, "%s: %u 个错误，%u 个警告\n", "%s: %u errors, %u warnings\n", path, errors, count - errors);
    }
  return errors > 0 || rules == NULL ? EXIT_FAILED : EXIT_OK;
}

/* ---- loading the rule set for recommend and test ----------------------- */

static EnforceRuleSet *
load_rules (const Options *o, const char *path)
{
  g_autoptr(EnforceDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  EnforceRuleSet *rules;

  rules = enforce_rule_set_load (path, NULL, &diags, &error);
  if (rules != NULL)
    return rules;
  /* Show every error, not just the first the GError carries. */
  if (diags != NULL && enforce_diagnostics_get_error_count (diags) > 0)
    {
      g_autofree char *text = enforce_diagnostics_to_string (diags, o->lang);
      fputs (text, stderr);
      if (text[0] != '\0' && text[strlen (text) - 1] != '\n')
        fputc ('\n', stderr);
    }
  report_error (o, error, NULL);
  return NULL;
}

/* ---- recommend --------------------------------------------------------- */

/* "-": one case from standard input, bounded by the same input limit a
 * case file has, so a runaway pipe cannot exhaust memory. */
static EnforceCase *
load_case_from_stdin (GError **error)
{
  g_autoptr(EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_CASES);
  gint64 max = enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[16384];
  gsize got;

  while ((got = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    {
      g_byte_array_append (data, chunk, (guint) got);
      if ((gint64) data->len > max)
        {
          g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_LIMIT_BYTES,
                       "stdin: input is larger than the limit %s = %" G_GINT64_FORMAT " bytes",
                       enforce_limit_name (ENFORCE_LIMIT_INPUT_BYTES), max);
          return NULL;
        }
    }
  if (ferror (stdin))
    {
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "stdin: read error");
      return NULL;
    }
  return enforce_case_parse ((const char *) data->data, data->len, ENFORCE_FORMAT_AUTO, "stdin",
                             limits, error);
}

static gboolean
recommend_one (const Options *o, const EnforceRuleSet *rules, const char *path)
{
  g_autoptr(EnforceCase) kase = NULL;
  g_autoptr(EnforceRecommendation) rec = NULL;
  g_autoptr(GError) error = NULL;
  EnforceRecommendFlags flags = o->trace ? ENFORCE_RECOMMEND_TRACE : ENFORCE_RECOMMEND_DEFAULT;
  const char *label = strcmp (path, "-") == 0 ? "stdin" : path;

  if (strcmp (path, "-") == 0)
    kase = load_case_from_stdin (&error);
  else
    kase = enforce_case_load (path, NULL, &error);
  if (kase == NULL)
    {
      report_error (o, error, label);
      return FALSE;
    }
  rec = enforce_recommend (rules, kase, o->as_of, flags, &error);
  if (rec == NULL)
    {
      report_error (o, error, label);
      return FALSE;
    }
  if (o->json)
    {
      g_autofree char *json = enforce_recommendation_to_json (rec);
      if (o->n_args > 1)
        {
          g_autofree char *line = json_one_line (json);
          print_ending_with_newline (line);
        }
      else
        print_ending_with_newline (json);
    }
  else
    {
      g_autofree char *text = enforce_recommendation_to_text (rec, o->lang);
      print_ending_with_newline (text);
    }
  return TRUE;
}

/* ---- recommend --batch ------------------------------------------------- */

/* The input goes to the library a block of whole lines at a time, whichever
 * limit comes first, so memory is bounded by the block and not by the file:
 * a block's records are held until written, ~1 KB per case (~6 KB with the
 * trace), twice that while the library joins its threads' output. */
#define BATCH_BLOCK_LINES 4096
#define BATCH_BLOCK_BYTES (4 * 1024 * 1024)
#define BATCH_READ_BYTES 65536

/* The tail of every successful record (docs/batch.md: the four keys always
 * come in the same order); an error record ends with its error object. */
static const char ok_record_end[] = "\"error\":null}";

typedef struct {
  const Options *o;
  const EnforceRuleSet *rules;
  const EnforceLimits *limits;
  gint64 max_line;                 /* input_bytes: the longest line a case may be */
  GString *block;                  /* whole lines, then the start of the next one */
  gsize line_start;                /* where the unfinished line starts in block */
  guint block_lines;               /* whole lines in block */
  guint64 first_line;              /* number of block's first line in the input */
  /* A line too long to be a case is not held, only measured. */
  gboolean skipping;
  guint64 skip_bytes;
  gboolean skip_blank;
  char skip_last;
  guint64 records;
  guint64 errors;
  gboolean progress;               /* stderr is a terminal and not --quiet */
} BatchReader;

static gboolean
is_blank (const char *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
      return FALSE;
  return TRUE;
}

/* Writes records to stdout and counts them and the errors among them. */
static gboolean
write_records (BatchReader *r, const char *out, gsize len, GError **error)
{
  const char *p = out;
  const char *end = out + len;

  while (p < end)
    {
      const char *lf = memchr (p, '\n', (gsize) (end - p));
      gsize n = (gsize) ((lf != NULL ? lf : end) - p);

      gsize tail = sizeof ok_record_end - 1;

      r->records++;
      if (n < tail || memcmp (p + n - tail, ok_record_end, tail) != 0)
        r->errors++;
      p += n + 1;
    }
  if (len > 0 && fwrite (out, 1, len, stdout) != len)
    {
      int saved = errno;
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "stdout: %s", g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
show_progress (const BatchReader *r)
{
  if (r->progress)
    tell (r->o, "\r已处理 %" G_GUINT64_FORMAT " 个案件…", "\r%" G_GUINT64_FORMAT " cases…",
          r->records);
}

/* Hands the block's whole lines (and, at the end of the input, a last line
 * without LF) to the library, numbered from their line in the input. */
static gboolean
flush_block (BatchReader *r, GError **error)
{
  const Options *o = r->o;
  EnforceRecommendFlags flags = o->trace ? ENFORCE_RECOMMEND_TRACE : ENFORCE_RECOMMEND_DEFAULT;
  g_autofree char *out = NULL;
  gsize out_len = 0;

  if (r->block->len > 0)
    {
      out = enforce_recommend_batch_from_line (r->rules, r->block->str, r->block->len,
                                               r->first_line, o->as_of, flags, o->threads,
                                               r->limits, &out_len, error);
      if (out == NULL || !write_records (r, out, out_len, error))
        return FALSE;
      fflush (stdout);
      show_progress (r);
    }
  r->first_line += r->block_lines;
  g_string_truncate (r->block, 0);
  r->line_start = 0;
  r->block_lines = 0;
  return TRUE;
}

/* The record the library gives a line longer than input_bytes (its
 * "limit_bytes" error, refused before parsing), written here because the
 * line itself was never held: tests/test-cli.c checks the two agree. */
static gboolean
end_long_line (BatchReader *r, GError **error)
{
  guint64 line = r->first_line++;
  /* A CR before the LF is not part of the case (docs/batch.md). */
  guint64 bytes = r->skip_bytes - (r->skip_last == '\r' ? 1 : 0);
  g_autofree char *record = NULL;

  r->skipping = FALSE;
  if (r->skip_blank)
    return TRUE;
  record = g_strdup_printf ("{\"line\":%" G_GUINT64_FORMAT ",\"case_id\":null,"
                            "\"recommendation\":null,\"error\":{\"code\":\"%s\","
                            "\"message\":\"batch:%" G_GUINT64_FORMAT ": input of %"
                            G_GUINT64_FORMAT " bytes exceeds the limit %s=%"
                            G_GINT64_FORMAT "\"}}\n",
                            line, enforce_error_code_name (ENFORCE_ERROR_LIMIT_BYTES), line,
                            bytes, enforce_limit_name (ENFORCE_LIMIT_INPUT_BYTES), r->max_line);
  return write_records (r, record, strlen (record), error);
}

/* The unfinished line has grown past any case's size: evaluate the whole
 * lines before it, then only measure it until its LF. */
static gboolean
start_long_line (BatchReader *r, GError **error)
{
  const char *p = r->block->str + r->line_start;
  gsize n = r->block->len - r->line_start;

  r->skipping = TRUE;
  r->skip_bytes = n;
  r->skip_blank = is_blank (p, n);
  r->skip_last = p[n - 1];
  g_string_truncate (r->block, r->line_start);
  return flush_block (r, error);
}

static void
measure_long_line (BatchReader *r, const char *p, gsize n)
{
  if (n == 0)
    return;
  r->skip_bytes += n;
  r->skip_blank = r->skip_blank && is_blank (p, n);
  r->skip_last = p[n - 1];
}

static gboolean
end_line (BatchReader *r, GError **error)
{
  if (r->skipping)
    return end_long_line (r, error);
  g_string_append_c (r->block, '\n');
  r->block_lines++;
  r->line_start = r->block->len;
  if (r->block_lines >= BATCH_BLOCK_LINES || r->block->len >= BATCH_BLOCK_BYTES)
    return flush_block (r, error);
  return TRUE;
}

static gboolean
feed_batch (BatchReader *r, const char *p, gsize n, GError **error)
{
  const char *end = p + n;

  while (p < end)
    {
      const char *lf = memchr (p, '\n', (gsize) (end - p));
      const char *stop = lf != NULL ? lf : end;

      if (r->skipping)
        measure_long_line (r, p, (gsize) (stop - p));
      else
        g_string_append_len (r->block, p, stop - p);
      p = stop;
      if (lf != NULL)
        {
          if (!end_line (r, error))
            return FALSE;
          p++;
        }
      /* One byte more than input_bytes may be the CR of a CRLF. */
      else if (!r->skipping && r->block->len - r->line_start > (guint64) r->max_line + 1
               && !start_long_line (r, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_batch (BatchReader *r, FILE *in, const char *label, GError **error)
{
  g_autofree char *buffer = g_malloc (BATCH_READ_BYTES);
  gsize got;

  while ((got = fread (buffer, 1, BATCH_READ_BYTES, in)) > 0)
    if (!feed_batch (r, buffer, got, error))
      return FALSE;
  if (ferror (in))
    {
      int saved = errno;
      g_set_error (error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "%s: %s", label, g_strerror (saved));
      return FALSE;
    }
  return r->skipping ? end_long_line (r, error) : flush_block (r, error);
}

static int
recommend_batch (const Options *o, const EnforceRuleSet *rules)
{
  gboolean from_stdin = strcmp (o->batch, "-") == 0;
  const char *label = from_stdin ? "stdin" : o->batch;
  g_autoptr(EnforceLimits) limits = enforce_limits_new (ENFORCE_LIMITS_CASES);
  g_autoptr(GString) block = g_string_sized_new (BATCH_READ_BYTES);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  BatchReader r = {
    .o = o, .rules = rules, .limits = limits, .block = block, .first_line = 1,
    .max_line = enforce_limits_get (limits, ENFORCE_LIMIT_INPUT_BYTES),
    .progress = !o->quiet && isatty (STDERR_FILENO),
  };
  FILE *in = from_stdin ? stdin : fopen (o->batch, "rb");
  gboolean ok;

  if (in == NULL)
    {
      int saved = errno;
      g_set_error (&error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "%s: %s", label, g_strerror (saved));
      report_error (o, error, NULL);
      return EXIT_CASE;
    }
  ok = read_batch (&r, in, label, &error);
  if (!from_stdin)
    fclose (in);
  if (ok && fflush (stdout) != 0)
    {
      int saved = errno;
      g_set_error (&error, ENFORCE_ERROR, ENFORCE_ERROR_IO, "stdout: %s", g_strerror (saved));
      ok = FALSE;
    }
  if (r.progress)
    fputs ("\r\033[K", stderr);
  if (!ok)
    report_error (o, error, NULL);
  if (!o->quiet)
    tell (o, "%" G_GUINT64_FORMAT " 个案件，%" G_GUINT64_FORMAT " 个错误，用时 %"
             G_GINT64_FORMAT " 毫秒\n",
          "%" G_GUINT64_FORMAT " cases, %" G_GUINT64_FORMAT " errors, %" G_GINT64_FORMAT " ms\n",
          r.records, r.errors, (g_get_monotonic_time () - started) / 1000);
  return ok && r.errors == 0 ? EXIT_OK : EXIT_CASE;
}

static int
cmd_recommend (const Options *o)
{
  g_autoptr(EnforceRuleSet) rules = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;
  gint32 day = 0;

  if (o->as_of != NULL && !enforce_date_parse (o->as_of, strlen (o->as_of), &day, &error))
    return usage_error (o, "--as-of: %s", "--as-of: %s", error->message);
  rules = load_rules (o, o->rules);
  if (rules == NULL)
    return EXIT_RULES;
  if (o->batch != NULL)
    return recommend_batch (o, rules);
  for (int i = 0; i < o->n_args; i++)
    {
      if (!o->json && o->n_args > 1)
        printf ("%s── %s ──\n", i > 0 ? "\n" : "", o->args[i]);
      /* One bad case must not hide the others' results. */
      if (!recommend_one (o, rules, o->args[i]))
        status = EXIT_CASE;
      fflush (stdout);
    }
  return status;
}

/* ---- test -------------------------------------------------------------- */

static char *
default_tests_path (const char *rules_path)
{
  if (g_file_test (rules_path, G_FILE_TEST_IS_DIR))
    return g_build_filename (rules_path, "tests", NULL);
  {
    g_autofree char *dir = g_path_get_dirname (rules_path);
    return g_build_filename (dir, "tests", NULL);
  }
}

static void
print_detail (const char *detail)
{
  g_auto(GStrv) lines = g_strsplit (detail, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    printf ("    %s\n", lines[i]);
}

static int
cmd_test (const Options *o)
{
  const char *rules_path = o->args[0];
  g_autofree char *tests_path = o->tests != NULL ? g_strdup (o->tests)
                                                 : default_tests_path (rules_path);
  g_autoptr(EnforceRuleSet) rules = NULL;
  g_autoptr(EnforceTestReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint count, failed;

  rules = load_rules (o, rules_path);
  if (rules == NULL)
    return EXIT_RULES;
  report = enforce_rule_set_run_tests (rules, tests_path, &error);
  if (report == NULL)
    {
      /* Tests that cannot be read cannot pass. */
      report_error (o, error, NULL);
      return EXIT_FAILED;
    }
  count = enforce_test_report_get_count (report);
  failed = enforce_test_report_get_failed (report);
  for (guint i = 0; i < count; i++)
    {
      gboolean passed = enforce_test_report_passed (report, i);
      const char *detail = enforce_test_report_get_detail (report, i);

      printf ("%s %s\n", passed ? "✓" : "✗", enforce_test_report_get_name (report, i));
      if (!passed && detail != NULL)
        print_detail (detail);
    }
  if (count == 0)
    say (o, "%s: 没有测试\n", "%s: no tests\n", tests_path);
  say (o, "%u 项通过，%u 项失败\n", "%u passed, %u failed\n", count - failed, failed);
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}

/* ---- argument parsing -------------------------------------------------- */

static gboolean
parse_command (const char *word, Command *out)
{
  static const struct { const char *name; Command command; } commands[] = {
    { "help", CMD_HELP }, { "--help", CMD_HELP }, { "-h", CMD_HELP },
    { "version", CMD_VERSION }, { "--version", CMD_VERSION },
    { "lint", CMD_LINT }, { "recommend", CMD_RECOMMEND }, { "test", CMD_TEST },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (word, commands[i].name) == 0)
      {
        *out = commands[i].command;
        return TRUE;
      }
  return FALSE;
}

static guint
allowed_options (Command command)
{
  switch (command)
    {
    case CMD_LINT:
      return OPT_JSON | OPT_LANG;
    case CMD_RECOMMEND:
      return OPT_JSON | OPT_LANG | OPT_RULES | OPT_AS_OF | OPT_TRACE | OPT_BATCH | OPT_THREADS
             | OPT_QUIET;
    case CMD_TEST:
      return OPT_LANG | OPT_TESTS;
    case CMD_HELP:
      return OPT_LANG;
    case CMD_VERSION:
    default:
      return 0;
    }
}

typedef struct {
  const char *name;
  guint bit;
  gboolean takes_value;
} OptionSpec;

static const OptionSpec option_specs[] = {
  { "--json", OPT_JSON, FALSE },
  { "--lang", OPT_LANG, TRUE },
  { "--rules", OPT_RULES, TRUE },
  { "--as-of", OPT_AS_OF, TRUE },
  { "--tests", OPT_TESTS, TRUE },
  { "--trace", OPT_TRACE, FALSE },
  { "--no-trace", OPT_TRACE, FALSE },
  { "--batch", OPT_BATCH, TRUE },
  { "--threads", OPT_THREADS, TRUE },
  { "--quiet", OPT_QUIET, FALSE },
};

static const OptionSpec *
find_option (const char *arg, gsize name_len)
{
  for (guint i = 0; i < G_N_ELEMENTS (option_specs); i++)
    if (strlen (option_specs[i].name) == name_len
        && strncmp (option_specs[i].name, arg, name_len) == 0)
      return &option_specs[i];
  return NULL;
}

/* Stores one option's value; returns an exit code or -1 to go on. */
static int
apply_option (Options *o, const OptionSpec *spec, const char *value)
{
  if (spec->bit == OPT_JSON)
    o->json = TRUE;
  else if (spec->bit == OPT_TRACE)
    o->trace = strcmp (spec->name, "--trace") == 0;
  else if (spec->bit == OPT_LANG)
    {
      if (strcmp (value, "zh") == 0)
        o->lang = ENFORCE_LANG_ZH;
      else if (strcmp (value, "en") == 0)
        o->lang = ENFORCE_LANG_EN;
      else
        return usage_error (o, "--lang 只能是 zh 或 en，而不是 \"%s\"",
                            "--lang must be zh or en, not \"%s\"", value);
    }
  else if (spec->bit == OPT_RULES)
    o->rules = value;
  else if (spec->bit == OPT_AS_OF)
    o->as_of = value;
  else if (spec->bit == OPT_TESTS)
    o->tests = value;
  else if (spec->bit == OPT_BATCH)
    {
      o->batch = value;
      o->json = TRUE;                /* records are JSON Lines */
    }
  else if (spec->bit == OPT_THREADS)
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 0, ENFORCE_BATCH_MAX_THREADS, &n, NULL))
        return usage_error (o, "--threads 须为 0 到 %u 之间的整数，而不是 \"%s\"",
                            "--threads must be an integer from 0 to %u, not \"%s\"",
                            (guint) ENFORCE_BATCH_MAX_THREADS, value);
      o->threads = (guint) n;
    }
  else if (spec->bit == OPT_QUIET)
    o->quiet = TRUE;
  o->given |= spec->bit;
  return -1;
}

/* First pass: --lang and --json (which --batch implies), so that even a
 * usage error about another option is reported in the language and form
 * asked for. */
static void
scan_output_options (Options *o, int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--json") == 0 || strcmp (argv[i], "--batch") == 0
          || g_str_has_prefix (argv[i], "--batch="))
        o->json = TRUE;
      else if (strcmp (argv[i], "--lang=en") == 0
               || (strcmp (argv[i], "--lang") == 0 && i + 1 < argc && strcmp (argv[i + 1], "en") == 0))
        o->lang = ENFORCE_LANG_EN;
    }
}

static int
parse_options (Options *o, int argc, char **argv)
{
  gboolean options_done = FALSE;
  guint allowed = allowed_options (o->command);

  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *eq, *value = NULL;
      const OptionSpec *spec;
      int status;

      if (options_done || arg[0] != '-' || strcmp (arg, "-") == 0)
        {
          o->args[o->n_args++] = arg;
          continue;
        }
      if (strcmp (arg, "--") == 0)
        {
          options_done = TRUE;
          continue;
        }
      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          o->command = CMD_HELP;
          return -1;
        }
      eq = strchr (arg, '=');
      spec = find_option (arg, eq != NULL ? (gsize) (eq - arg) : strlen (arg));
      if (spec == NULL || (spec->bit & allowed) == 0)
        return usage_error (o, "未知选项 %s", "unknown option %s", arg);
      if (spec->takes_value)
        {
          if (eq != NULL)
            value = eq + 1;
          else if (i + 1 < argc)
            value = argv[++i];
          else
            return usage_error (o, "%s 需要一个值", "%s needs a value", arg);
        }
      else if (eq != NULL)
        return usage_error (o, "%s 不接受值", "%s takes no value", spec->name);
      status = apply_option (o, spec, value);
      if (status >= 0)
        return status;
    }
  return -1;
}

static int
check_arguments (const Options *o)
{
  switch (o->command)
    {
    case CMD_LINT:
    case CMD_TEST:
      if (o->n_args != 1)
        return usage_error (o, "需要且只需要一个规则集路径 RULES",
                            "exactly one rule-set path RULES is needed");
      return -1;
    case CMD_RECOMMEND:
      if (o->rules == NULL)
        return usage_error (o, "缺少 --rules RULES", "--rules RULES is missing");
      if (o->batch != NULL && o->n_args > 0)
        return usage_error (o, "--batch 不能与案件文件 %s 同时使用",
                            "--batch takes no case files, but %s was given", o->args[0]);
      if (o->batch == NULL && (o->given & (OPT_THREADS | OPT_QUIET)) != 0)
        return usage_error (o, "%s 只能与 --batch 一起使用", "%s needs --batch",
                            (o->given & OPT_THREADS) != 0 ? "--threads" : "--quiet");
      if (o->batch == NULL && o->n_args == 0)
        return usage_error (o, "至少需要一个案件文件", "at least one case file is needed");
      return -1;
    case CMD_HELP:
    case CMD_VERSION:
    default:
      if (o->n_args != 0)
        return usage_error (o, "多余的参数 %s", "unexpected argument %s", o->args[0]);
      return -1;
    }
}

int
main (int argc, char **argv)
{
  g_autofree const char **args = g_new0 (const char *, (gsize) argc + 1);
  Options o = { .lang = ENFORCE_LANG_ZH, .trace = TRUE, .args = args };
  int status;

  scan_output_options (&o, argc, argv);
  if (argc < 2)
    {
      fputs (tr (&o, help_zh, help_en), stderr);
      return EXIT_USAGE;
    }
  if (!parse_command (argv[1], &o.command))
    return usage_error (&o, "未知命令 %s", "unknown command %s", argv[1]);
  if ((status = parse_options (&o, argc, argv)) >= 0)
    return status;
  if (o.command != CMD_HELP && (status = check_arguments (&o)) >= 0)
    return status;

  switch (o.command)
    {
    case CMD_HELP:
      return cmd_help (&o);
    case CMD_VERSION:
      return cmd_version ();
    case CMD_LINT:
      return cmd_lint (&o);
    case CMD_RECOMMEND:
      return cmd_recommend (&o);
    case CMD_TEST:
    default:
      return cmd_test (&o);
    }
}
