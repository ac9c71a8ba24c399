/* mentormatch preview: a mentor's ideas now, and how likely each applicant is. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char PREVIEW_HELP[] =
    "usage: mentormatch preview [options] INPUT --mentor ID\n"
    "\n"
    "For each idea the mentor mentors: the students the optimal allocation\n"
    "gives it now; every applicant with the probability of ending up there;\n"
    "and the students the mentor rated highly (top quarter of the rating\n"
    "scale) who are likely to go elsewhere, and where (by idea id only).\n"
    "\n"
    "Probabilities come from solving again SAMPLES times with every\n"
    "application's rating moved by Gaussian noise N(0, SIGMA), clipped to the\n"
    "rating scale. Only the mentor's own ideas and ratings are shown.\n"
    "\n"
    "options:\n"
    "  -m, --mentor ID        the mentor (required)\n"
    "  -n, --samples N        perturbed solves, 1 to 1000000 [200]\n"
    "      --noise SIGMA      rating noise, on the rating scale; 0 or 1e-9 to 1e9 [0.5]\n"
    "      --seed N           the same seed gives the same output; 0 to 2^64-1 [1]\n"
    "      --rate STUDENT,IDEA=SCORE  what if this mentor rated the pair SCORE\n"
    "                         (repeatable; in an id write , = \\ as \\, \\= \\\\)\n"
    "  -f, --format FORMAT    text (default) or json\n"
    "      --strict           unknown keys in INPUT are errors, not warnings\n"
    "  -q, --quiet            print nothing but errors and the preview\n"
    "  -h, --help             show this help\n"
    "\n"
    "exit codes: 0 done, 1 invalid input or unknown mentor, 2 wrong usage,\n"
    "3 infeasible, 70 internal error\n";

typedef struct {
    const char *input, *mentor;
    const char **rates;
    size_t n_rates;
    mm_format format;
    mm_preview_options opts;
    int strict;
    cli_edits edits;
} preview_args;

static int parse_samples(const char *text, size_t *out)
{
    unsigned long long value;

    if (cli_parse_whole("preview", "--samples", text, 1, 1000000, &value))
        return EXIT_USAGE;
    *out = (size_t)value;
    return 0;
}

static int parse_one(preview_args *args, int c, const char *arg)
{
    const char **grown;

    switch (c) {
    case 'm': args->mentor = arg; return 0;
    case 'n': return parse_samples(arg, &args->opts.samples);
    case 'N': return cli_parse_seconds("preview", "--noise", arg, &args->opts.noise) ? EXIT_USAGE : 0;
    case 'e': return cli_parse_seed("preview", arg, &args->opts.seed) ? EXIT_USAGE : 0;
    case 'r':
        if (!(grown = realloc(args->rates, (args->n_rates + 1) * sizeof *grown))) {
            fprintf(stderr, "mentormatch: out of memory\n");
            return EXIT_INTERNAL;
        }
        args->rates = grown;
        args->rates[args->n_rates++] = arg;
        return 0;
    case 'f':
        if (strcmp(arg, "json") == 0 || strcmp(arg, "text") == 0) {
            args->format = arg[0] == 'j' ? MM_FORMAT_JSON : MM_FORMAT_TABLE;
            return 0;
        }
        return cli_usage_error("preview", "--format takes text or json, not '%s'", arg);
    case 'x': args->strict = 1; return 0;
    case 'q': cli_quiet = 1; return 0;
    default: return EXIT_USAGE;
    }
}

/* Each --rate as a rating by the --mentor given, whatever option order. */
static int add_rates(preview_args *args)
{
    for (size_t k = 0; k < args->n_rates; k++) {
        int code = cli_edits_add_rate(&args->edits, "preview", args->mentor, args->rates[k]);
        if (code != 0)
            return code;
    }
    return 0;
}

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, preview_args *args)
{
    static const struct option options[] = {
        {"mentor", required_argument, NULL, 'm'}, {"samples", required_argument, NULL, 'n'},
        {"noise", required_argument, NULL, 'N'},  {"seed", required_argument, NULL, 'e'},
        {"rate", required_argument, NULL, 'r'},   {"format", required_argument, NULL, 'f'},
        {"strict", no_argument, NULL, 'x'},       {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    int c, code;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":m:n:f:qh", options, NULL)) != -1) {
        if (c == 'h')
            return fputs(PREVIEW_HELP, stdout), EXIT_DONE;
        if (c == ':')
            return cli_usage_error("preview", "%s needs a value", argv[optind - 1]);
        if (c == '?')
            return cli_usage_error("preview", "unknown option '%s'", argv[optind - 1]);
        if ((code = parse_one(args, c, optarg)) != 0)
            return code;
    }
    if (!args->mentor)
        return cli_usage_error("preview", "--mentor ID is required");
    if (argc - optind != 1)
        return cli_usage_error("preview", "expects one INPUT file, got %d", argc - optind);
    args->input = argv[optind];
    return (code = add_rates(args)) != 0 ? code : -1;
}

static int preview(const preview_args *args, const mm_problem *problem)
{
    mm_diags *diags = NULL;
    mm_preview_result *result = NULL;
    int rc = mm_diags_new(&diags);

    if (rc == 0)
        rc = mm_preview(&result, problem, args->mentor, &args->opts, diags);
    cli_print_diags(args->input, diags);
    if (rc != 0 && rc != MM_EINVALID && rc != MM_EINFEASIBLE)
        fprintf(stderr, "%s: %s\n", args->input, mm_strerror(rc));
    if (rc == 0 && mm_preview_write(result, args->format, stdout) != 0) {
        fprintf(stderr, "mentormatch: cannot write standard output\n");
        rc = MM_EINTERNAL;
    }
    mm_preview_free(result);
    mm_diags_free(diags);
    return cli_exit_code(rc);
}

int cmd_preview(int argc, char **argv)
{
    preview_args args = {NULL, NULL, NULL, 0, MM_FORMAT_TABLE, MM_PREVIEW_OPTIONS_INIT, 0, {0}};
    mm_problem *problem = NULL;
    int code = parse_args(argc, argv, &args);

    if (code < 0) {
        code = cli_read_problem_edited(args.input, args.strict, &args.edits, &problem);
        if (code == EXIT_DONE)
            code = preview(&args, problem);
    }
    mm_problem_free(problem);
    cli_edits_free(&args.edits);
    free(args.rates);
    return code;
}
