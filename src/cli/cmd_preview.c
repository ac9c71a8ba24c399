/* mentormatch preview: mentor pages. One set of solves for every mentor
 * asked (mm_preview_all); one page each, to standard output (one mentor)
 * or to DIR/MENTOR.html|json with DIR/index.html|json for the organizer. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

static const char PREVIEW_HELP[] =
    "usage: mentormatch preview [options] INPUT --mentor ID\n"
    "       mentormatch preview [options] INPUT --all -o DIR\n"
    "\n"
    "A page per mentor: for each idea they mentor, its slots and who the\n"
    "optimal allocation places there now (and with which lead mentor); the\n"
    "mentor's load against capacity; every applicant with the rank they gave\n"
    "the idea, the ratings of the application (the mentor's and co-mentors'),\n"
    "the probability of ending up there and where they go otherwise (by idea\n"
    "id only); for each applicant not placed, why; and what it would take in\n"
    "the mentor's own rating: \"needs your rating of at least 4.3\", \"stays\n"
    "while your rating is at least 2.5\" (exact, every other rating fixed).\n"
    "\n"
    "Probabilities come from solving again SAMPLES times with every\n"
    "application's rating moved by Gaussian noise N(0, SIGMA), clipped to the\n"
    "rating scale; one set of solves serves every mentor. A page shows nothing\n"
    "of any idea the mentor does not mentor (share/doc/mentormatch/\n"
    "commands.md, \"preview\").\n"
    "\n"
    "options:\n"
    "  -m, --mentor ID        a mentor (repeatable; several need -o DIR)\n"
    "      --all              every mentor (needs -o DIR)\n"
    "  -o, --output DIR       write DIR/MENTOR.html (or .json) per mentor and\n"
    "                         DIR/index.html (index.json); DIR is made if absent\n"
    "  -f, --format FORMAT    text (one mentor, standard output; the default),\n"
    "                         json or html (the default with -o)\n"
    "  -n, --samples N        perturbed solves, 1 to 1000000 [200]\n"
    "      --noise SIGMA      rating noise, on the rating scale; 0 or 1e-9 to 1e9 [0.5]\n"
    "      --seed N           the same seed gives the same output; 0 to 2^64-1 [1]\n"
    "  -j, --jobs N           threads for the samples, 1 to 16 [2]\n"
    "      --threshold-time SEC  seconds for exact thresholds' re-solves; 0: no\n"
    "                         limit [30]\n"
    "      --rate STUDENT,IDEA=SCORE  what if this mentor rated the pair SCORE\n"
    "                         (a decimal number such as 4, 2.5 or -1)\n"
    "                         (one --mentor only, an applicant of their ideas;\n"
    "                         repeatable; in an id write\n"
    "                         , = \\ as \\, \\= \\\\); the page says what it moved\n"
    "      --strict           unknown keys in INPUT are errors, not warnings\n"
    "  -q, --quiet            print nothing but errors and the preview\n"
    "  -h, --help             show this help\n"
    "\n"
    "exit codes: 0 done, 1 invalid input or unknown mentor, 2 wrong usage,\n"
    "3 infeasible, 70 internal error\n";

typedef enum { FMT_DEFAULT, FMT_TEXT, FMT_JSON, FMT_HTML } page_format;

typedef struct {
    const char *input, *dir;
    const char **mentors, **rates;
    size_t n_mentors, n_rates;
    int all;
    page_format format;
    mm_preview_options opts;
    int strict;
    cli_edits edits;
} preview_args;

static int grow(const char ***list, size_t *n, const char *arg)
{
    const char **grown = realloc(*list, (*n + 1) * sizeof *grown);

    if (!grown) {
        cli_error("mentormatch: out of memory");
        return EXIT_INTERNAL;
    }
    *list = grown;
    (*list)[(*n)++] = arg;
    return 0;
}

static int parse_format(preview_args *args, const char *arg)
{
    static const char *const names[] = {"text", "json", "html"};
    size_t k;

    if (cli_choice("preview", "--format", NULL, NULL, arg, names, 3, &k))
        return EXIT_USAGE;
    args->format = (page_format)(FMT_TEXT + (int)k);
    return 0;
}

static int parse_one(preview_args *args, int c, const char *arg)
{
    unsigned long long value;

    switch (c) {
    case 'm': return grow(&args->mentors, &args->n_mentors, arg);
    case 'A': args->all = 1; return 0;
    case 'o': args->dir = arg; return 0;
    case 'n':
        if (cli_parse_whole("preview", "--samples", arg, 1, 1000000, &value))
            return EXIT_USAGE;
        args->opts.samples = (size_t)value;
        return 0;
    case 'j':
        if (cli_parse_whole("preview", "--jobs", arg, 1, 16, &value))
            return EXIT_USAGE;
        args->opts.jobs = (size_t)value;
        return 0;
    case 'T':
        return cli_parse_seconds("preview", "--threshold-time", arg, &args->opts.threshold_time)
                   ? EXIT_USAGE : 0;
    case 'N': return cli_parse_seconds("preview", "--noise", arg, &args->opts.noise) ? EXIT_USAGE : 0;
    case 'e': return cli_parse_seed("preview", arg, &args->opts.seed) ? EXIT_USAGE : 0;
    case 'r': return grow(&args->rates, &args->n_rates, arg);
    case 'f': return parse_format(args, arg);
    case 'x': args->strict = 1; return 0;
    case 'q': cli_quiet = 1; return 0;
    default: return EXIT_USAGE;
    }
}

/* Which mentors, where, in what format: the combinations that make sense. */
static int check_combination(preview_args *args)
{
    if (args->all && args->n_mentors)
        return cli_usage_error("preview", "--all and --mentor exclude each other");
    if (!args->all && !args->n_mentors)
        return cli_usage_error("preview", "--mentor ID or --all is required");
    if (!args->dir && (args->all || args->n_mentors > 1))
        return cli_usage_error("preview", "pages for %s need -o DIR",
                               args->all ? "--all" : "several mentors");
    if (args->dir && args->format == FMT_TEXT)
        return cli_usage_error("preview", "-o DIR takes --format html or json; text goes to "
                                          "standard output, for one mentor");
    if (args->n_rates && (args->all || args->n_mentors != 1))
        return cli_usage_error("preview", "--rate needs exactly one --mentor (it is that "
                                          "mentor's rating)");
    if (args->n_rates && args->dir)
        return cli_usage_error("preview", "--rate writes one page to standard output; leave "
                                          "out -o");
    if (args->format == FMT_DEFAULT)
        args->format = args->dir ? FMT_HTML : FMT_TEXT;
    return 0;
}

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, preview_args *args)
{
    static const struct option options[] = {
        {"mentor", required_argument, NULL, 'm'}, {"all", no_argument, NULL, 'A'},
        {"output", required_argument, NULL, 'o'}, {"samples", required_argument, NULL, 'n'},
        {"noise", required_argument, NULL, 'N'},  {"seed", required_argument, NULL, 'e'},
        {"jobs", required_argument, NULL, 'j'},   {"threshold-time", required_argument, NULL, 'T'},
        {"rate", required_argument, NULL, 'r'},   {"format", required_argument, NULL, 'f'},
        {"strict", no_argument, NULL, 'x'},       {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    int c, code;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":m:o:n:f:j:qh", options, NULL)) != -1) {
        if (c == 'h')
            return fputs(PREVIEW_HELP, stdout), EXIT_DONE;
        if (c == ':')
            return cli_usage_error("preview", "%s needs a value", argv[optind - 1]);
        if (c == '?')
            return cli_unknown_option("preview", options, argv[optind - 1]);
        if ((code = parse_one(args, c, optarg)) != 0)
            return code;
    }
    if ((code = check_combination(args)) != 0)
        return code;
    if (argc - optind != 1)
        return cli_usage_error("preview", "expects one INPUT file, got %d", argc - optind);
    args->input = argv[optind];
    for (size_t k = 0; k < args->n_rates; k++)
        if ((code = cli_edits_add_rate(&args->edits, "preview", args->mentors[0], args->rates[k])))
            return code;
    return -1;
}

/* ---- file names -------------------------------------------------------- */

/* A mentor id as a file name: bytes outside [A-Za-z0-9._-] (and a leading
 * '.') as %XX, so any id makes a plain name inside DIR; NULL when too long. */
static char *file_name(const char *id, const char *ext)
{
    size_t n = strlen(id), k = 0;
    char *name = malloc(3 * n + strlen(ext) + 1);

    if (!name)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || (c == '.' && i > 0);
        k += (size_t)(plain ? snprintf(name + k, 2, "%c", c) : snprintf(name + k, 4, "%%%02X", c));
    }
    strcpy(name + k, ext);
    if (strlen(name) > 255) {
        free(name);
        errno = ENAMETOOLONG;
        return NULL;
    }
    return name;
}

/* Two pages may not share a file, nor a page the index, even where file
 * names ignore case. @return 0 or EXIT_USAGE (reported). */
static int check_names(char **names, size_t n, const char *index, const mm_preview_set *set)
{
    for (size_t k = 0; k < n; k++) {
        if (strcasecmp(names[k], index) == 0)
            return cli_usage_error("preview", "mentor '%s' would be written over %s; rename the "
                                              "mentor or leave them out with --mentor",
                                   mm_preview_set_mentor(set, k), index);
        for (size_t j = 0; j < k; j++)
            if (strcasecmp(names[k], names[j]) == 0)
                return cli_usage_error("preview", "mentors '%s' and '%s' would share the file %s "
                                                  "(names that differ only in case); rename one",
                                       mm_preview_set_mentor(set, j), mm_preview_set_mentor(set, k),
                                       names[k]);
    }
    return 0;
}

/* ---- writing ----------------------------------------------------------- */

static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir);
    char *path = malloc(len + strlen(name) + 2);

    if (path)
        sprintf(path, "%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/", name);
    return path;
}

static int make_dir(const char *dir)
{
    struct stat st;

    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (mkdir(dir, 0777) == 0)
        return 0;
    cli_error("mentormatch: cannot make the directory '%s': %s", dir, strerror(errno));
    return EXIT_INTERNAL;
}

static mm_page_format lib_format(page_format f)
{
    return f == FMT_JSON ? MM_PAGE_JSON : f == FMT_HTML ? MM_PAGE_HTML : MM_PAGE_TEXT;
}

/* One file, atomically (temp + rename; removed on failure or a signal). */
static int write_file(const char *path, const mm_mentor_page *page, const mm_preview_set *set,
                      const mm_mentor_headline *rows, char *const *links, size_t n,
                      page_format format)
{
    cli_output out;
    int code = cli_output_open(&out, path), rc;

    if (code != 0)
        return code;
    rc = page ? mm_mentor_page_write(page, lib_format(format), out.stream)
              : mm_preview_index_write(set, rows, (const char *const *)links, n,
                                       lib_format(format), out.stream);
    if (rc != 0) {
        cli_error("mentormatch: cannot write '%s': %s", path, mm_strerror(rc));
        cli_output_abort(&out);
        return EXIT_INTERNAL;
    }
    return cli_output_commit(&out);
}

/* The index; in HTML its links are the file names with '%' written %25 (a
 * URL path), in JSON the file names themselves. */
static int write_index(const char *path, const mm_preview_set *set,
                       const mm_mentor_headline *rows, char **names, size_t n, page_format format)
{
    char **links = calloc(n + 1, sizeof *links);
    int code = links ? 0 : EXIT_INTERNAL;

    for (size_t k = 0; code == 0 && k < n; k++) {
        size_t len = 0;
        if (!(links[k] = malloc(3 * strlen(names[k]) + 1))) {
            code = EXIT_INTERNAL;
            break;
        }
        for (const char *c = names[k]; *c; c++)
            len += (size_t)(*c == '%' && format == FMT_HTML ? sprintf(links[k] + len, "%%25")
                                      : sprintf(links[k] + len, "%c", *c));
    }
    if (code == 0)
        code = write_file(path, NULL, set, rows, links, n, format);
    else
        cli_error("mentormatch: out of memory");
    for (size_t k = 0; links && k < n; k++)
        free(links[k]);
    free(links);
    return code;
}

/* Refuse a page path that is the input (through links too). */
static int check_path(const preview_args *args, const char *path)
{
    cli_path output = {"-o", path, "output"}, input = {NULL, args->input, "input"};

    return cli_outputs_check("preview", &output, 1, &input, 1);
}

static int write_pages(const preview_args *args, const mm_preview_set *set)
{
    size_t n = mm_preview_set_count(set);
    const char *ext = args->format == FMT_JSON ? ".json" : ".html";
    const char *index = args->format == FMT_JSON ? "index.json" : "index.html";
    char **names = calloc(n + 1, sizeof *names), *path = NULL;
    mm_mentor_headline *rows = calloc(n + 1, sizeof *rows);
    int code = names && rows ? 0 : EXIT_INTERNAL;

    for (size_t k = 0; code == 0 && k < n; k++)
        if (!(names[k] = file_name(mm_preview_set_mentor(set, k), ext))) {
            if (errno == ENAMETOOLONG)
                code = cli_usage_error("preview", "mentor '%s' would need a file name longer than "
                                                  "255 bytes (a byte outside A-Z a-z 0-9 . _ - "
                                                  "takes 3); shorten the id or leave the mentor "
                                                  "out with --mentor",
                                       mm_preview_set_mentor(set, k));
            else {
                cli_error("mentormatch: out of memory");
                code = EXIT_INTERNAL;
            }
        }
    if (code == 0)
        code = check_names(names, n, index, set);
    if (code == 0)
        code = make_dir(args->dir);
    for (size_t k = 0; code == 0 && k < n; k++) {
        mm_mentor_page *page = NULL;
        int rc = mm_preview_page(&page, set, k);
        if (rc != 0) {
            cli_error("%s: %s", args->input, mm_strerror(rc));
            code = cli_exit_code(rc);
        } else if (!(path = join(args->dir, names[k])))
            code = EXIT_INTERNAL;
        else if ((code = check_path(args, path)) == 0)
            code = write_file(path, page, set, NULL, NULL, 0, args->format);
        if (page)
            mm_mentor_page_headline(page, &rows[k]);
        mm_mentor_page_free(page); /* the headline's strings are the problem's */
        free(path);
        path = NULL;
    }
    if (code == 0 && !(path = join(args->dir, index)))
        code = EXIT_INTERNAL;
    if (code == 0 && (code = check_path(args, path)) == 0)
        code = write_index(path, set, rows, names, n, args->format);
    free(path);
    for (size_t k = 0; names && k < n; k++)
        free(names[k]);
    free(names);
    free(rows);
    return code;
}

/* --rate: the same mentor's page without the edits (samples 0: only the
 * base placements are compared), made first so that an edit of an
 * application outside the mentor's ideas is refused before any solve of
 * the edited document: a rating of someone else's application would let
 * the page probe ratings it may not show (docs/commands.md, "preview"). */
typedef struct {
    mm_problem *problem;
    mm_preview_result *result;
} rate_base;

static void rate_base_free(rate_base *b)
{
    mm_preview_free(b->result);
    mm_problem_free(b->problem);
}

static int make_rate_base(const preview_args *args, rate_base *b)
{
    mm_diags *diags = NULL;
    mm_preview_options opts = args->opts;
    int code = cli_read_problem(args->input, args->strict, &b->problem), rc = 0;

    opts.samples = 0;
    if (code == 0 && (rc = mm_diags_new(&diags)) == 0)
        rc = mm_preview(&b->result, b->problem, args->mentors[0], &opts, diags);
    if (code == 0 && rc != 0) {
        cli_print_diags(args->input, diags);
        if (rc != MM_EINVALID && rc != MM_EINFEASIBLE)
            cli_error("%s: %s", args->input, mm_strerror(rc));
        code = cli_exit_code(rc);
    }
    for (size_t k = 0; code == 0 && k < args->edits.count; k++) {
        const mm_edit *e = &args->edits.items[k];
        if (!mm_mentor_page_has_application(mm_preview_result_page(b->result), e->student,
                                            e->idea)) {
            cli_error("%s: %s: student \"%s\" at idea \"%s\" is not an applicant of an idea "
                      "mentor \"%s\" mentors; --rate changes only the mentor's own applicants' "
                      "ratings",
                      args->input, e->origin, e->student, e->idea, args->mentors[0]);
            code = EXIT_INVALID;
        }
    }
    mm_diags_free(diags);
    return code;
}

static int note_rates(const preview_args *args, const rate_base *b, mm_mentor_page *after)
{
    const char **students = calloc(args->edits.count + 1, sizeof *students);
    const char **ideas = calloc(args->edits.count + 1, sizeof *ideas);
    int code = students && ideas ? 0 : EXIT_INTERNAL, rc = 0;

    for (size_t k = 0; code == 0 && k < args->edits.count; k++) {
        students[k] = args->edits.items[k].student;
        ideas[k] = args->edits.items[k].idea;
    }
    if (code == 0)
        rc = mm_mentor_page_note_rates(after, mm_preview_result_page(b->result), students, ideas,
                                       args->edits.count);
    if (code == 0 && rc != 0) {
        cli_error("%s: %s", args->input, mm_strerror(rc));
        code = cli_exit_code(rc);
    }
    if (code == EXIT_INTERNAL && (!students || !ideas))
        cli_error("mentormatch: out of memory");
    free(students);
    free(ideas);
    return code;
}

static int preview_one(const preview_args *args, const mm_problem *problem)
{
    mm_diags *diags = NULL;
    mm_preview_result *result = NULL;
    rate_base base = {NULL, NULL};
    int rc = 0, code = args->n_rates ? make_rate_base(args, &base) : 0;

    if (code != 0) {
        rate_base_free(&base);
        return code;
    }
    rc = mm_diags_new(&diags);
    if (rc == 0)
        rc = mm_preview(&result, problem, args->mentors[0], &args->opts, diags);
    cli_print_diags(args->input, diags);
    if (rc != 0 && rc != MM_EINVALID && rc != MM_EINFEASIBLE)
        cli_error("%s: %s", args->input, mm_strerror(rc));
    code = cli_exit_code(rc);
    if (rc == 0 && args->n_rates)
        code = note_rates(args, &base, mm_preview_result_page(result));
    if (code == 0 &&
        mm_mentor_page_write(mm_preview_result_page(result), lib_format(args->format), stdout)) {
        cli_error("mentormatch: cannot write standard output");
        code = EXIT_INTERNAL;
    }
    mm_preview_free(result);
    mm_diags_free(diags);
    rate_base_free(&base);
    return code;
}

static int preview_many(const preview_args *args, const mm_problem *problem)
{
    mm_diags *diags = NULL;
    mm_preview_set *set = NULL;
    int rc = mm_diags_new(&diags), code;

    if (rc == 0)
        rc = mm_preview_all(&set, problem, args->all ? NULL : args->mentors,
                            args->all ? 0 : args->n_mentors, &args->opts, diags);
    cli_print_diags(args->input, diags);
    if (rc != 0 && rc != MM_EINVALID && rc != MM_EINFEASIBLE)
        cli_error("%s: %s", args->input, mm_strerror(rc));
    code = cli_exit_code(rc);
    if (rc == 0)
        code = write_pages(args, set);
    mm_preview_set_free(set);
    mm_diags_free(diags);
    return code;
}

int cmd_preview(int argc, char **argv)
{
    preview_args args = {NULL, NULL, NULL, NULL, 0, 0, 0, FMT_DEFAULT, MM_PREVIEW_OPTIONS_INIT,
                         0, {0}};
    mm_problem *problem = NULL;
    int code = parse_args(argc, argv, &args);

    if (code < 0) {
        code = cli_read_problem_edited(args.input, args.strict, &args.edits, &problem);
        if (code == EXIT_DONE)
            code = args.dir ? preview_many(&args, problem) : preview_one(&args, problem);
    }
    mm_problem_free(problem);
    cli_edits_free(&args.edits);
    free(args.mentors);
    free(args.rates);
    return code;
}
