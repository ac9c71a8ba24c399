#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void cli_catch_stop_signals(void (*handler)(int))
{
    struct sigaction action;

    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

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

int cli_parse_seconds(const char *command, const char *option, const char *text, double *out)
{
    char *end;
    double value;

    errno = 0;
    value = strtod(text, &end);
    if (errno || end == text || *end || !(value >= 0) || value > 1e9) {
        cli_usage_error(command, "%s takes a non-negative number, not '%s'", option, text);
        return -1;
    }
    *out = value;
    return 0;
}

int cli_parse_seed(const char *command, const char *text, unsigned long long *out)
{
    char *end;

    errno = 0;
    *out = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-') {
        cli_usage_error(command, "--seed takes a whole number, not '%s'", text);
        return -1;
    }
    return 0;
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
    opts.time_limit = cli_time_left(time_limit, started);
    rc = mm_problem_read_file(out, path, &opts, diags);
    cli_print_diags(path, diags);
    if (rc == MM_ENOMEM)
        fprintf(stderr, "%s: %s\n", path, mm_strerror(rc));
    else if (rc == MM_ENOSOLUTION)
        fprintf(stderr, "%s: time limit reached while reading (%g s); raise --time-limit\n",
                path, time_limit);
    mm_diags_free(diags);
    return cli_exit_code(rc);
}

int cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static mode_t current_umask(void)
{
    mode_t mask = umask(0);

    umask(mask);
    return mask;
}

static int open_output(cli_output *o, const char *path, const char *input_path)
{
    struct stat st;
    mode_t mode;
    size_t len;
    int fd;

    memset(o, 0, sizeof *o);
    if (!path) {
        o->stream = stdout;
        return 0;
    }
    if (input_path && cli_same_file(path, input_path)) {
        fprintf(stderr, "mentormatch: refusing to write the output over the input '%s'\n", path);
        return EXIT_USAGE;
    }
    /* Write through a symbolic link to its target: the link stays a link. */
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        o->resolved = realpath(path, NULL);
        if (!o->resolved) {
            /* A dangling link: write through it, creating its target. */
            if (!(o->stream = fopen(path, "w"))) {
                fprintf(stderr, "mentormatch: cannot write '%s': %s\n", path, strerror(errno));
                return EXIT_INTERNAL;
            }
            o->path = path;
            return 0;
        }
        path = o->resolved;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or pipe (/dev/null, /dev/stdout) has no place for a
         * temporary file beside it, and must not be renamed over. */
        if (!(o->stream = fopen(path, "w"))) {
            fprintf(stderr, "mentormatch: cannot write '%s': %s\n", path, strerror(errno));
            return EXIT_INTERNAL;
        }
        o->path = path;
        return 0;
    }
    mode = stat(path, &st) == 0 ? st.st_mode & 07777 : 0666 & ~current_umask();
    o->path = path;
    len = strlen(path);
    o->temp_path = malloc(len + sizeof ".tmp.XXXXXX");
    if (!o->temp_path) {
        fprintf(stderr, "mentormatch: out of memory\n");
        return EXIT_INTERNAL;
    }
    memcpy(o->temp_path, path, len);
    memcpy(o->temp_path + len, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    fd = mkstemp(o->temp_path);
    if (fd >= 0)
        fchmod(fd, mode); /* mkstemp makes 0600; give the file its usual mode */
    if (fd < 0 || !(o->stream = fdopen(fd, "w"))) {
        fprintf(stderr, "mentormatch: cannot write '%s': %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->temp_path);
        }
        free(o->temp_path);
        o->temp_path = NULL;
        return EXIT_INTERNAL;
    }
    return 0;
}

int cli_output_open(cli_output *o, const char *path, const char *input_path)
{
    int code = open_output(o, path, input_path);

    if (code)
        cli_output_abort(o);
    return code;
}

void cli_output_abort(cli_output *o)
{
    free(o->resolved);
    if (o->stream && o->stream != stdout)
        fclose(o->stream);
    if (o->temp_path) {
        unlink(o->temp_path);
        free(o->temp_path);
    }
    memset(o, 0, sizeof *o);
}

int cli_output_commit(cli_output *o)
{
    const char *name = o->path ? o->path : "standard output";
    int failed;

    if (!o->path) {
        failed = fflush(stdout) != 0 || ferror(stdout);
    } else if (!o->temp_path) {
        failed = fflush(o->stream) != 0 || ferror(o->stream);
        failed |= fclose(o->stream) != 0;
    } else {
        failed = fflush(o->stream) != 0 || ferror(o->stream) || fsync(fileno(o->stream)) != 0;
        failed |= fclose(o->stream) != 0;
        o->stream = NULL;
        if (!failed && rename(o->temp_path, o->path) != 0)
            failed = 1;
    }
    if (failed)
        fprintf(stderr, "mentormatch: cannot write %s: %s\n", name, strerror(errno));
    if (o->temp_path && failed)
        unlink(o->temp_path);
    free(o->temp_path);
    free(o->resolved);
    memset(o, 0, sizeof *o);
    return failed ? EXIT_INTERNAL : 0;
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
