#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

int cli_quiet;
static int progress_drawn;

void cli_progress_print(const mm_progress *p, void *context)
{
    (void)context;
    fprintf(stderr, "\r%7.1f s  %-9s", p->seconds, p->phase);
    if (p->has_solution)
        fprintf(stderr, "  best %.6g", p->best);
    if (p->has_bound)
        fprintf(stderr, "  bound %.6g", p->bound);
    if (p->has_solution && p->has_bound)
        fprintf(stderr, "  gap %.3g%%",
                100.0 * fabs(p->bound - p->best) / (fabs(p->best) > 1e-9 ? fabs(p->best) : 1.0));
    fputs("\033[K", stderr); /* clear the rest of the line */
    progress_drawn = 1;
}

void cli_progress_end(void)
{
    if (progress_drawn)
        fputc('\n', stderr);
    progress_drawn = 0;
}

/* One problem, one line, every part escaped (mm_fputs_visible): a file
 * name, id or cell holding a line break or an escape sequence must neither
 * split the line nor reach the terminal. The library stores diagnostics
 * escaped already; escaping again changes nothing. */
static void print_one_line(const char *file, const mm_diag *d)
{
    const char *warning = d->severity == MM_SEVERITY_WARNING ? "warning: " : "";

    if (file)
        mm_fputs_visible(file, stderr);
    if (file && d->line > 0 && d->column > 0) {
        fprintf(stderr, ":%d:%d", d->line, d->column);
    } else if (file && d->line > 0) { /* a CSV row: FILE:ROW: column 'idea' */
        fprintf(stderr, ":%d", d->line);
        if (d->place[0]) {
            fputs(": ", stderr);
            mm_fputs_visible(d->place, stderr);
        }
    } else if (d->place[0]) {
        fputs(file ? ": " : "", stderr);
        mm_fputs_visible(d->place, stderr);
    }
    fprintf(stderr, "%s%s", file || d->place[0] ? ": " : "", warning);
    mm_fputs_visible(d->message, stderr);
    fputc('\n', stderr);
}

void cli_print_diags(const char *file, const mm_diags *diags)
{
    for (size_t k = 0; k < mm_diags_count(diags); k++) {
        const mm_diag *d = mm_diags_get(diags, k);
        if (!(cli_quiet && d->severity == MM_SEVERITY_WARNING))
            print_one_line(file, d);
    }
    if (mm_diags_truncated(diags)) {
        mm_fputs_visible(file ? file : "mentormatch", stderr);
        fputs(": more problems were found than memory allowed to list\n", stderr);
    }
}

int cli_exit_code(int rc)
{
    switch (rc) {
    case MM_OK: return EXIT_DONE;
    case MM_EINVALID:
    case MM_EIO: return EXIT_INVALID;
    case MM_EINFEASIBLE: return EXIT_INFEASIBLE;
    case MM_ENOSOLUTION: return EXIT_NO_SOLUTION;
    default: return EXIT_INTERNAL;
    }
}

/* `fmt` formatted: a new text, or NULL when out of memory. */
static char *format_text(const char *fmt, va_list ap)
{
    va_list copy;
    int len;
    char *text;

    va_copy(copy, ap);
    len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    text = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (text)
        vsnprintf(text, (size_t)len + 1, fmt, ap);
    return text;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = format_text(fmt, ap);
    va_end(ap);
    mm_fputs_visible(text ? text : "mentormatch: out of memory", stderr);
    fputc('\n', stderr);
    free(text);
}

/* The message quotes arguments (--fix TEXT, a format name): escaped, so a
 * control character in one reaches the terminal as \u001b, not raw. */
int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = format_text(fmt, ap);
    va_end(ap);
    fprintf(stderr, "mentormatch %s: ", command);
    mm_fputs_visible(text ? text : fmt, stderr);
    fprintf(stderr, " (try 'mentormatch %s --help')\n", command);
    free(text);
    return EXIT_USAGE;
}

int cli_read_problem(const char *path, int strict, mm_problem **out)
{
    return cli_read_problem_edited(path, strict, NULL, out);
}

int cli_read_problem_edited(const char *path, int strict, const cli_edits *edits,
                            mm_problem **out)
{
    return cli_read_problem_timed(path, strict, edits, 0, 0, out);
}

double cli_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

double cli_time_left(double time_limit, double started)
{
    double left = time_limit - (cli_now() - started);

    if (time_limit <= 0)
        return 0;
    return left > 0 ? left : 1e-9; /* spent: the next check stops at once */
}

int cli_read_problem_timed(const char *path, int strict, const cli_edits *edits,
                           double time_limit, double started, mm_problem **out)
{
    mm_read_options opts = MM_READ_OPTIONS_INIT;
    mm_diags *diags = NULL;
    char *data = NULL;
    size_t len = 0;
    int rc = cli_input_load(path, &data, &len);

    *out = NULL;
    if (rc != 0)
        return rc;
    if (mm_diags_new(&diags) != 0) {
        free(data);
        cli_error("mentormatch: out of memory");
        return EXIT_INTERNAL;
    }
    opts.strict = strict;
    if (edits) {
        opts.edits = edits->items;
        opts.n_edits = edits->count;
    }
    opts.time_limit = cli_time_left(time_limit, started);
    rc = data ? mm_problem_read_buffer(out, data, len, &opts, diags)
              : mm_problem_read_file(out, path, &opts, diags);
    free(data);
    path = cli_input_name(path);
    cli_print_diags(path, diags);
    if (rc == MM_ENOMEM)
        cli_error("%s: %s", path, mm_strerror(rc));
    else if (rc == MM_ENOSOLUTION)
        cli_error("%s: time limit reached while reading (%g s); raise --time-limit",
                  path, time_limit);
    mm_diags_free(diags);
    return cli_exit_code(rc);
}

/* ---- did you mean (issue 16 item 4): mm_suggest over the command's words ---- */

#define CLI_MAX_WORDS 64

/* "a, b or c" (or "a, b, c" when `comma_only`) in `buf`. */
static void join_words(char *buf, size_t size, const char *const *words, size_t n,
                       int comma_only)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t k = 0; k < n && len < size; k++) {
        const char *sep = k == 0 ? "" : k + 1 == n && !comma_only ? " or " : ", ";
        int wrote = snprintf(buf + len, size - len, "%s%s", sep, words[k]);
        len += wrote > 0 ? (size_t)wrote : 0;
    }
}

int cli_choice(const char *command, const char *option, const char *noun, const char *nouns,
               const char *text, const char *const *values, size_t n, size_t *out)
{
    char list[512];
    const char *near;

    for (size_t k = 0; k < n; k++)
        if (strcmp(text, values[k]) == 0) {
            *out = k;
            return 0;
        }
    near = mm_suggest(text, values, n);
    join_words(list, sizeof list, values, n, noun != NULL);
    if (noun)
        return cli_usage_error(command, "unknown %s '%s'%s%s%s (%s: %s)", noun, text,
                               near ? "; did you mean '" : "", near ? near : "",
                               near ? "'?" : "", nouns, list);
    return cli_usage_error(command, "%s takes %s, not '%s'%s%s%s", option, list, text,
                           near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

/* `arg` as getopt left it in argv: "--name", "--name=value" or "-x". */
int cli_unknown_option(const char *command, const struct option *options, const char *arg)
{
    const char *names[CLI_MAX_WORDS];
    char word[128]; /* longer: no option is near it */
    const char *near = NULL;
    size_t n = 0, len;

    if (strncmp(arg, "--", 2) == 0) {
        len = strcspn(arg + 2, "=");
        for (; options[n].name && n < CLI_MAX_WORDS; n++)
            names[n] = options[n].name;
        if (len < sizeof word) {
            memcpy(word, arg + 2, len);
            word[len] = '\0';
            near = mm_suggest(word, names, n);
        }
    }
    return cli_usage_error(command, "unknown option '%s'%s%s%s", arg,
                           near ? "; did you mean '--" : "", near ? near : "", near ? "'?" : "");
}
