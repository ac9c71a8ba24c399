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

/* Split "A=B" at the last '=' into owned text; ids may not hold '='. */
static char *split_pair(char *text, char **right)
{
    char *eq = strrchr(text, '=');

    if (!eq || eq == text || !eq[1])
        return NULL;
    *eq = '\0';
    *right = eq + 1;
    return text;
}

static int parse_rating(mm_edit *edit, char *body, char *value)
{
    char *end, *student, *idea;

    edit->kind = MM_EDIT_RATING;
    edit->mentor = body;
    if (!(student = strchr(body, ',')) || !(idea = strchr(student + 1, ',')))
        return -1;
    *student++ = '\0';
    *idea++ = '\0';
    edit->student = student;
    edit->idea = idea;
    edit->score = strtod(value, &end);
    return *body && *student && *idea && end != value && !*end ? 0 : -1;
}

static int parse_edit(mm_edit *edit, const char *option, char *text)
{
    char *value = NULL, *body = split_pair(text, &value);

    if (!body)
        return -1;
    if (strcmp(option, "--set") == 0)
        return strncmp(body, "ratings:", 8) == 0 ? parse_rating(edit, body + 8, value) : -1;
    edit->kind = strcmp(option, "--fix") == 0 ? MM_EDIT_FIX : MM_EDIT_FORBID;
    edit->student = body;
    edit->idea = value;
    return 0;
}

int cli_edits_add(cli_edits *edits, const char *command, const char *option, const char *text)
{
    size_t n = edits->count;
    mm_edit *items = realloc(edits->items, (n + 1) * sizeof *items);
    char **texts = items ? realloc(edits->texts, (n + 2) * sizeof *texts) : NULL;
    size_t origin_len = strlen(option) + strlen(text) + 2;

    if (items)
        edits->items = items;
    if (texts)
        edits->texts = texts;
    if (!items || !texts || !(texts[n] = malloc(strlen(text) + 1 + origin_len))) {
        fprintf(stderr, "mentormatch: out of memory\n");
        return EXIT_INTERNAL;
    }
    memset(&items[n], 0, sizeof items[n]);
    strcpy(texts[n], text);
    items[n].origin = texts[n] + strlen(text) + 1;
    snprintf((char *)items[n].origin, origin_len, "%s %s", option, text);
    edits->count++;
    if (parse_edit(&items[n], option, texts[n]) != 0)
        return cli_usage_error(command, "%s takes %s, not '%s'", option,
                               strcmp(option, "--set") == 0 ? "'ratings:MENTOR,STUDENT,IDEA=SCORE'"
                                                            : "STUDENT=IDEA",
                               text);
    return 0;
}

void cli_edits_free(cli_edits *edits)
{
    for (size_t k = 0; k < edits->count; k++)
        free(edits->texts[k]);
    free(edits->texts);
    free(edits->items);
    memset(edits, 0, sizeof *edits);
}
