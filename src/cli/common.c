#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

/* One problem, one line: an id holding a newline must not split it. */
static void print_one_line(const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c < 0x20 || *c == 0x7f)
            fprintf(stderr, *c == '\n' ? "\\n" : "\\u%04x", *c);
        else
            fputc(*c, stderr);
    }
    fputc('\n', stderr);
}

void cli_print_diags(const char *file, const mm_diags *diags)
{
    for (size_t k = 0; k < mm_diags_count(diags); k++) {
        const mm_diag *d = mm_diags_get(diags, k);
        const char *warning = d->severity == MM_SEVERITY_WARNING ? "warning: " : "";
        if (cli_quiet && d->severity == MM_SEVERITY_WARNING)
            continue;
        if (!file) /* the place names the file itself (CSV import) */
            fprintf(stderr, "%s%s%s", d->place, d->place[0] ? ": " : "", warning);
        else if (d->line > 0)
            fprintf(stderr, "%s:%d:%d: %s", file, d->line, d->column, warning);
        else if (d->place[0])
            fprintf(stderr, "%s: %s: %s", file, d->place, warning);
        else
            fprintf(stderr, "%s: %s", file, warning);
        print_one_line(d->message);
    }
    if (mm_diags_truncated(diags))
        fprintf(stderr, "%s: more problems were found than memory allowed to list\n",
                file ? file : "mentormatch");
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

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "mentormatch %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try 'mentormatch %s --help')\n", command);
    return EXIT_USAGE;
}

int cli_read_problem(const char *path, int strict, mm_problem **out)
{
    return cli_read_problem_edited(path, strict, NULL, out);
}

int cli_read_problem_edited(const char *path, int strict, const cli_edits *edits,
                            mm_problem **out)
{
    mm_read_options opts = MM_READ_OPTIONS_INIT;
    mm_diags *diags = NULL;
    int rc;

    *out = NULL;
    if (mm_diags_new(&diags) != 0) {
        fprintf(stderr, "mentormatch: out of memory\n");
        return EXIT_INTERNAL;
    }
    opts.strict = strict;
    if (edits) {
        opts.edits = edits->items;
        opts.n_edits = edits->count;
    }
    rc = mm_problem_read_file(out, path, &opts, diags);
    cli_print_diags(path, diags);
    if (rc == MM_ENOMEM)
        fprintf(stderr, "%s: %s\n", path, mm_strerror(rc));
    mm_diags_free(diags);
    return cli_exit_code(rc);
}
