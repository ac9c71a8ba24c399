/* mentormatch evaluate: check an assignment made elsewhere against INPUT
 * and compare it with the optimum. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char EVALUATE_HELP[] =
    "usage: mentormatch evaluate [options] INPUT ASSIGNMENT\n"
    "\n"
    "Check ASSIGNMENT, made elsewhere, against every constraint of INPUT and\n"
    "compare it with the optimum. ASSIGNMENT is a result document (its\n"
    "\"assignments\" are used), a JSON array of {\"student\", \"idea\", \"mentor\"}\n"
    "objects, or a result sheet (the CSV of solve --format csv, edited or not:\n"
    "columns student, idea and mentor found by name, an empty idea for a student\n"
    "left out), told apart by content; \"mentor\" may be left out where the idea\n"
    "has one mentor who may lead the student.\n"
    "\n"
    "Each broken constraint is one line on standard error, as\n"
    "ASSIGNMENT: PLACE: FAMILY: message (a sheet's PLACE: ROW: column 'NAME').\n"
    "Standard output gets the assignment's\n"
    "result document, as solve writes it, with an \"evaluation\" member:\n"
    "feasible or not, the number of violations, the optimum and the gap.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT  json (default), table or csv\n"
    "      --strict         unknown keys in INPUT are errors, not warnings\n"
    "      --verbose        also list the blocking pairs (json and table)\n"
    "  -h, --help           show this help\n"
    "\n"
    "exit codes: 0 feasible, 1 invalid INPUT or malformed ASSIGNMENT, 2 wrong\n"
    "usage, 3 ASSIGNMENT breaks a constraint (the result is still written),\n"
    "70 internal error\n";

typedef struct {
    const char *input, *assignment;
    mm_format format;
    int strict, verbose;
} evaluate_args;

static int parse_format(const char *text, mm_format *out)
{
    static const char *const names[] = {"json", "table", "csv"};
    static const mm_format formats[] = {MM_FORMAT_JSON, MM_FORMAT_TABLE, MM_FORMAT_CSV};
    size_t k;

    if (cli_choice("evaluate", "--format", NULL, NULL, text, names, 3, &k))
        return EXIT_USAGE;
    *out = formats[k];
    return 0;
}

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, evaluate_args *args)
{
    enum { OPT_STRICT = 256, OPT_VERBOSE };
    static const struct option options[] = {
        {"format", required_argument, NULL, 'f'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"verbose", no_argument, NULL, OPT_VERBOSE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:h", options, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (parse_format(optarg, &args->format))
                return EXIT_USAGE;
            break;
        case OPT_STRICT: args->strict = 1; break;
        case OPT_VERBOSE: args->verbose = 1; break;
        case 'h': fputs(EVALUATE_HELP, stdout); return EXIT_DONE;
        case ':': return cli_usage_error("evaluate", "%s needs a value", argv[optind - 1]);
        default: return cli_unknown_option("evaluate", options, argv[optind - 1]);
        }
    }
    if (argc - optind != 2)
        return cli_usage_error("evaluate", "expects INPUT and ASSIGNMENT, got %d file%s",
                               argc - optind, argc - optind == 1 ? "" : "s");
    args->input = argv[optind];
    args->assignment = argv[optind + 1];
    return -1;
}

/* The exit code of a written evaluation: 3 when a constraint is broken. */
static int report(const evaluate_args *args, mm_result *result)
{
    mm_evaluation e;

    mm_result_evaluation(result, &e);
    mm_result_set_verbose(result, args->verbose);
    if (!e.has_optimum)
        cli_error("%s: infeasible: no assignment meets every constraint "
                  "('mentormatch solve %s' names the clash)", args->input, args->input);
    if (mm_result_write(result, args->format, stdout) != 0) {
        cli_error("mentormatch: cannot write standard output");
        return EXIT_INTERNAL;
    }
    return e.feasible ? EXIT_DONE : EXIT_INFEASIBLE;
}

static int evaluate(const evaluate_args *args, const mm_problem *problem)
{
    mm_diags *diags = NULL;
    mm_result *result = NULL;
    int rc = mm_diags_new(&diags), code;

    if (rc == 0)
        rc = mm_evaluate_file(&result, problem, args->assignment, diags);
    cli_print_diags(args->assignment, diags);
    if (rc != 0 && rc != MM_EINVALID && rc != MM_EIO)
        cli_error("%s: %s", args->assignment, mm_strerror(rc));
    code = rc == 0 ? report(args, result) : cli_exit_code(rc);
    mm_result_free(result);
    mm_diags_free(diags);
    return code;
}

int cmd_evaluate(int argc, char **argv)
{
    evaluate_args args = {NULL, NULL, MM_FORMAT_JSON, 0, 0};
    mm_problem *problem = NULL;
    int code = parse_args(argc, argv, &args);

    if (code >= 0)
        return code;
    code = cli_read_problem(args.input, args.strict, &problem);
    if (code == EXIT_DONE)
        code = evaluate(&args, problem);
    mm_problem_free(problem);
    return code;
}
