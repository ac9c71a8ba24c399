/* mentormatch explain: why a student, idea or mentor ended up as they did. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char EXPLAIN_HELP[] =
    "usage: mentormatch explain [options] INPUT (--student ID | --idea ID | --mentor ID)\n"
    "\n"
    "Solve INPUT, then explain the allocation from one side:\n"
    "  --student ID  where the student went, and for each application ranked\n"
    "                better: why not (not eligible and why; the idea, its mentors,\n"
    "                its org or the program full) and what it would take\n"
    "  --idea ID     who holds the idea's slots; every other applicant, next in\n"
    "                line first, with what it would take to place them there\n"
    "  --mentor ID   the idea view for each idea the mentor mentors\n"
    "\n"
    "\"What it would take\" comes from solving again with the pair fixed: the\n"
    "smallest rise in that application's score that would make placing it\n"
    "optimal, or the assignments it would cost, or that it cannot be made.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT    text (default) or json\n"
    "      --time-limit SECS  for reading, the solve and all what-if solves\n"
    "                         together; 0 (none) or 1e-9 to 1e9\n"
    "      --gap REL          relative gap for every solve; 0 or 1e-9 to 1e9\n"
    "      --set, --fix, --forbid  what-if edits, as for solve\n"
    "      --strict           unknown keys in INPUT are errors, not warnings\n"
    "  -q, --quiet            print nothing but errors and the explanation\n"
    "  -h, --help             show this help\n"
    "\n"
    "exit codes: 0 done, 1 invalid input or unknown id, 2 wrong usage,\n"
    "3 infeasible, 4 no solution within the limits, 70 internal error\n";

typedef struct {
    const char *input, *id;
    mm_explain_subject subject;
    mm_format format;
    mm_solve_options limits;
    int strict, subjects;
    cli_edits edits;
} explain_args;

static int parse_one(explain_args *args, int c, const char *arg)
{
    switch (c) {
    case 's': case 'i': case 'm':
        args->subject = c == 's' ? MM_EXPLAIN_STUDENT : c == 'i' ? MM_EXPLAIN_IDEA : MM_EXPLAIN_MENTOR;
        args->id = arg;
        args->subjects++;
        return 0;
    case 'f': {
        static const char *const formats[] = {"text", "json"};
        size_t k;
        if (cli_choice("explain", "--format", NULL, NULL, arg, formats, 2, &k))
            return EXIT_USAGE;
        args->format = k == 1 ? MM_FORMAT_JSON : MM_FORMAT_TABLE;
        return 0;
    }
    case 't': return cli_parse_seconds("explain", "--time-limit", arg, &args->limits.time_limit) ? EXIT_USAGE : 0;
    case 'g': return cli_parse_seconds("explain", "--gap", arg, &args->limits.gap) ? EXIT_USAGE : 0;
    case 'S': return cli_edits_add(&args->edits, "explain", "--set", arg);
    case 'F': return cli_edits_add(&args->edits, "explain", "--fix", arg);
    case 'B': return cli_edits_add(&args->edits, "explain", "--forbid", arg);
    case 'x': args->strict = 1; return 0;
    case 'q': cli_quiet = 1; return 0;
    default: return EXIT_USAGE;
    }
}

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, explain_args *args)
{
    static const struct option options[] = {
        {"student", required_argument, NULL, 's'}, {"idea", required_argument, NULL, 'i'},
        {"mentor", required_argument, NULL, 'm'},  {"format", required_argument, NULL, 'f'},
        {"time-limit", required_argument, NULL, 't'}, {"gap", required_argument, NULL, 'g'},
        {"set", required_argument, NULL, 'S'},     {"fix", required_argument, NULL, 'F'},
        {"forbid", required_argument, NULL, 'B'},  {"strict", no_argument, NULL, 'x'},
        {"quiet", no_argument, NULL, 'q'},         {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:qh", options, NULL)) != -1) {
        if (c == 'h')
            return fputs(EXPLAIN_HELP, stdout), EXIT_DONE;
        if (c == ':')
            return cli_usage_error("explain", "%s needs a value", argv[optind - 1]);
        if (c == '?')
            return cli_unknown_option("explain", options, argv[optind - 1]);
        if (parse_one(args, c, optarg) != 0)
            return EXIT_USAGE;
    }
    if (args->subjects != 1)
        return cli_usage_error("explain", "give one of --student, --idea or --mentor");
    if (argc - optind != 1)
        return cli_usage_error("explain", "expects one INPUT file, got %d", argc - optind);
    args->input = argv[optind];
    return -1;
}

static int explain(const explain_args *args, const mm_problem *problem)
{
    mm_diags *diags = NULL;
    mm_result *result = NULL;
    mm_explanation *explanation = NULL;
    int rc = mm_diags_new(&diags);

    if (rc == 0)
        rc = mm_solve(&result, problem, &args->limits, diags);
    if (rc == 0)
        rc = mm_explain(&explanation, problem, result, args->subject, args->id, &args->limits, diags);
    cli_print_diags(args->input, diags);
    if (rc != 0 && rc != MM_EINVALID && rc != MM_EINFEASIBLE)
        cli_error("%s: %s", args->input, mm_strerror(rc));
    if (rc == 0 && mm_explanation_write(explanation, args->format, stdout) != 0) {
        cli_error("mentormatch: cannot write standard output");
        rc = MM_EINTERNAL;
    }
    mm_explanation_free(explanation);
    mm_result_free(result);
    mm_diags_free(diags);
    return cli_exit_code(rc);
}

int cmd_explain(int argc, char **argv)
{
    double started = cli_now();
    explain_args args = {NULL, NULL, MM_EXPLAIN_STUDENT, MM_FORMAT_TABLE, MM_SOLVE_OPTIONS_INIT, 0, 0, {0}};
    mm_problem *problem = NULL;
    int code = parse_args(argc, argv, &args);

    if (code < 0) {
        code = cli_read_problem_timed(args.input, args.strict, &args.edits, args.limits.time_limit,
                                      started, &problem);
        args.limits.time_limit = cli_time_left(args.limits.time_limit, started);
        if (code == EXIT_DONE)
            code = explain(&args, problem);
    }
    mm_problem_free(problem);
    cli_edits_free(&args.edits);
    return code;
}
