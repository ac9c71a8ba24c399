/* mentormatch solve: read, solve, write the result document. */
#include <getopt.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char SOLVE_HELP[] =
    "usage: mentormatch solve [options] INPUT\n"
    "\n"
    "Solve INPUT (with the default strategy, to proven optimality) and write the\n"
    "result document.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE      write to FILE (atomically) instead of standard output;\n"
    "                         /dev/stdout, /dev/fd/N: to that descriptor as it is\n"
    "  -f, --format FORMAT    json (default), table or csv (one row per student,\n"
    "                         assigned or with its reason; evaluate, diff and\n"
    "                         report read it back: share/doc/mentormatch/\n"
    "                         result-format.md)\n"
    "      --report FILE      also write an HTML report of the result to FILE\n"
    "                         (as 'mentormatch report' does); not INPUT nor -o's FILE\n"
    "  -s, --strategy NAME    ilp (default), greedy, stable, stable-optimal,\n"
    "                         rank-maximal, rsd or lp (share/doc/mentormatch/\n"
    "                         strategies.md)\n"
    "      --seed N           the seed of rsd, 0 to 2^64-1 (default 0)\n"
    "      --solver NAME      auto (default): the network flow where it proves the\n"
    "                         optimum, else GLPK; network; glpk (strategies ilp,\n"
    "                         rank-maximal and lp)\n"
    "      --time-limit SECS  stop SECS seconds after the start, reading included;\n"
    "                         the best solution so far is written (status \"feasible\");\n"
    "                         0 (none) or 1e-9 to 1e9\n"
    "      --gap REL          stop once the relative gap is at most REL; 0 or 1e-9 to 1e9\n"
    "      --strict           unknown keys in INPUT are errors, not warnings\n"
    "      --set 'ratings:MENTOR,STUDENT,IDEA=SCORE'\n"
    "                         what if MENTOR rated the application SCORE, a decimal\n"
    "                         number such as 4, 2.5 or -1 (repeatable)\n"
    "      --fix STUDENT=IDEA what if the pair were fixed (repeatable)\n"
    "      --forbid STUDENT=IDEA  what if the pair were forbidden (repeatable)\n"
    "      --baseline FILE    re-allocate from FILE (a result document, an array of\n"
    "                         {student, idea, mentor?} or a result sheet): keep the\n"
    "                         most of its pairs, then the objective, then the most\n"
    "                         of its lead mentors; entries that no longer apply are\n"
    "                         warnings (strategy ilp only)\n"
    "      --progress         a live progress line on standard error (default on a terminal)\n"
    "      --verbose          also list the blocking pairs (json and table)\n"
    "  -q, --quiet            print nothing but errors and the result\n"
    "  -h, --help             show this help\n"
    "\n"
    "exit codes: 0 done, 1 invalid input, 2 wrong usage, 3 infeasible (with a\n"
    "diagnosis), 4 no solution within the limits, 70 internal error\n";

/* The first SIGINT or SIGTERM stops the search, which then writes its best
 * solution; a second ends at once, removing the unfinished output files
 * (output.c keeps their names where a handler may read them). */
static volatile sig_atomic_t interrupted;

static void on_stop_signal(int signo)
{
    if (interrupted)
        cli_stop_now(signo);
    interrupted = 1;
}

typedef struct {
    const char *input, *output, *report, *baseline;
    mm_format format;
    mm_solve_options limits;
    int strict, progress, verbose;
    cli_edits edits;
} solve_args;

static int parse_format(const char *text, mm_format *out)
{
    static const char *const names[] = {"json", "table", "csv"};
    static const mm_format formats[] = {MM_FORMAT_JSON, MM_FORMAT_TABLE, MM_FORMAT_CSV};
    size_t k;

    if (cli_choice("solve", "--format", NULL, NULL, text, names, 3, &k))
        return EXIT_USAGE;
    *out = formats[k];
    return 0;
}

/* --strategy and --solver: the library's names, in its order. */
static int parse_strategy(const char *text, mm_strategy *out)
{
    const char *names[MM_STRATEGY_COUNT];
    size_t k;

    for (k = 0; k < MM_STRATEGY_COUNT; k++)
        names[k] = mm_strategy_name((mm_strategy)k);
    if (cli_choice("solve", "--strategy", "strategy", "strategies", text, names,
                   MM_STRATEGY_COUNT, &k))
        return EXIT_USAGE;
    return mm_strategy_from_name(out, names[k]) ? EXIT_USAGE : 0;
}

static int parse_solver(const char *text, mm_solver *out)
{
    const char *names[MM_SOLVER_COUNT];
    size_t k;

    for (k = 0; k < MM_SOLVER_COUNT; k++)
        names[k] = mm_solver_name((mm_solver)k);
    if (cli_choice("solve", "--solver", NULL, NULL, text, names, MM_SOLVER_COUNT, &k))
        return EXIT_USAGE;
    return mm_solver_from_name(out, names[k]) ? EXIT_USAGE : 0;
}

/* -o and --report name neither INPUT nor each other: refused before
 * anything is read or written. @return -1 to go on, or an exit code. */
static int check_paths(const solve_args *args)
{
    const cli_path outputs[] = {{"-o", args->output, "output"},
                                {"--report", args->report, "report"}};
    const cli_path inputs[] = {{"INPUT", args->input, "input"},
                               {"--baseline", args->baseline, "baseline"}};
    int code = cli_outputs_check("solve", outputs, 2, inputs, 2);

    return code ? code : -1;
}

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, solve_args *args)
{
    enum { OPT_TIME_LIMIT = 256, OPT_GAP, OPT_STRICT, OPT_SET, OPT_FIX, OPT_FORBID, OPT_PROGRESS,
           OPT_SEED, OPT_SOLVER, OPT_REPORT, OPT_VERBOSE, OPT_BASELINE };
    static const struct option options[] = {
        {"strategy", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, OPT_SEED},
        {"solver", required_argument, NULL, OPT_SOLVER},
        {"set", required_argument, NULL, OPT_SET},
        {"fix", required_argument, NULL, OPT_FIX},
        {"forbid", required_argument, NULL, OPT_FORBID},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"progress", no_argument, NULL, OPT_PROGRESS},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, OPT_VERBOSE},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"report", required_argument, NULL, OPT_REPORT},
        {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
        {"gap", required_argument, NULL, OPT_GAP},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:hqs:", options, NULL)) != -1) {
        switch (c) {
        case 's':
            if (parse_strategy(optarg, &args->limits.strategy))
                return EXIT_USAGE;
            break;
        case OPT_SEED:
            if (cli_parse_seed("solve", optarg, &args->limits.seed))
                return EXIT_USAGE;
            break;
        case OPT_SOLVER:
            if (parse_solver(optarg, &args->limits.solver))
                return EXIT_USAGE;
            break;
        case OPT_SET:
        case OPT_FIX:
        case OPT_FORBID:
            if (cli_edits_add(&args->edits, "solve",
                              c == OPT_SET ? "--set" : c == OPT_FIX ? "--fix" : "--forbid", optarg))
                return EXIT_USAGE;
            break;
        case OPT_BASELINE: args->baseline = optarg; break;
        case OPT_PROGRESS: args->progress = 1; break;
        case OPT_VERBOSE: args->verbose = 1; break;
        case 'q': cli_quiet = 1; break;
        case 'o': args->output = optarg; break;
        case OPT_REPORT: args->report = optarg; break;
        case 'f':
            if (parse_format(optarg, &args->format))
                return EXIT_USAGE;
            break;
        case OPT_TIME_LIMIT:
            if (cli_parse_seconds("solve", "--time-limit", optarg, &args->limits.time_limit))
                return EXIT_USAGE;
            break;
        case OPT_GAP:
            if (cli_parse_seconds("solve", "--gap", optarg, &args->limits.gap))
                return EXIT_USAGE;
            break;
        case OPT_STRICT: args->strict = 1; break;
        case 'h': fputs(SOLVE_HELP, stdout); return EXIT_DONE;
        case ':': return cli_usage_error("solve", "%s needs a value", argv[optind - 1]);
        default: return cli_unknown_option("solve", options, argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error("solve", "expects one INPUT file, got %d", argc - optind);
    args->input = argv[optind];
    if (args->baseline && mm_baseline_refused(args->limits.strategy))
        return cli_usage_error("solve", "%s", mm_baseline_refused(args->limits.strategy));
    return check_paths(args);
}

/* A strategy that cannot honour quotas is a wrong choice of option (exit 2). */
static int refuse_quotas(const solve_args *args, const mm_problem *problem)
{
    mm_problem_summary summary;
    const char *why = mm_quotas_refused(args->limits.strategy);

    mm_problem_summarize(&summary, problem);
    if (why && summary.quotas > 0)
        return cli_usage_error("solve", "%s", why);
    return EXIT_DONE;
}

/* --baseline FILE, read against the problem; its warnings name FILE. */
static int read_baseline(solve_args *args, const mm_problem *problem, mm_baseline **out)
{
    mm_diags *diags = NULL;
    int rc;

    *out = NULL;
    if (!args->baseline)
        return EXIT_DONE;
    if (mm_diags_new(&diags) != 0)
        return EXIT_INTERNAL;
    rc = mm_baseline_read_file(out, problem, args->baseline, diags);
    cli_print_diags(args->baseline, diags);
    if (rc == MM_ENOMEM)
        cli_error("%s: %s", args->baseline, mm_strerror(rc));
    mm_diags_free(diags);
    args->limits.baseline = *out;
    return cli_exit_code(rc);
}

static int solve_and_write(const solve_args *args, const mm_problem *problem)
{
    mm_diags *diags = NULL;
    mm_result *result = NULL;
    cli_output out;
    int rc, code;

    if (mm_diags_new(&diags) != 0)
        return EXIT_INTERNAL;
    code = cli_output_open(&out, args->output);
    if (code) {
        mm_diags_free(diags);
        return code;
    }
    rc = mm_solve(&result, problem, &args->limits, diags);
    cli_progress_end();
    cli_print_diags(args->input, diags);
    if (rc == MM_ENOSOLUTION)
        cli_error("%s: no solution found %s", args->input,
                  interrupted ? "before the interruption" : "within the limits");
    else if (rc != 0 && rc != MM_EINFEASIBLE &&
             !(rc == MM_EINVALID && mm_diags_error_count(diags) > 0)) /* said already */
        cli_error("%s: %s", args->input, mm_strerror(rc));
    if (rc == 0)
        mm_result_set_verbose(result, args->verbose);
    if (rc == 0 && mm_result_write(result, args->format, out.stream) == 0) {
        code = cli_output_commit(&out);
        if (code == EXIT_DONE && args->report)
            code = cli_report_result(args->report, problem, result);
    } else {
        code = rc ? cli_exit_code(rc) : EXIT_INTERNAL;
        if (rc == 0)
            cli_error("mentormatch: cannot write the result");
        cli_output_abort(&out);
    }
    mm_result_free(result);
    mm_diags_free(diags);
    return code;
}

int cmd_solve(int argc, char **argv)
{
    double started = cli_now();
    solve_args args = {NULL, NULL, NULL, NULL, MM_FORMAT_JSON, MM_SOLVE_OPTIONS_INIT, 0, 0, 0, {0}};
    mm_problem *problem = NULL;
    mm_baseline *baseline = NULL;
    int code = parse_args(argc, argv, &args);

    if (code >= 0) {
        cli_edits_free(&args.edits);
        return code;
    }
    if ((args.progress || isatty(STDERR_FILENO)) && !cli_quiet)
        args.limits.progress = cli_progress_print;
    args.limits.interrupt = &interrupted;
    cli_catch_stop_signals(on_stop_signal);
    code = cli_read_problem_timed(args.input, args.strict, &args.edits, args.limits.time_limit,
                                  started, &problem);
    /* The limit is the user's wall clock: what reading took comes off the search. */
    args.limits.time_limit = cli_time_left(args.limits.time_limit, started);
    if (code == EXIT_DONE)
        code = refuse_quotas(&args, problem);
    if (code == EXIT_DONE)
        code = read_baseline(&args, problem, &baseline);
    if (code == EXIT_DONE)
        code = solve_and_write(&args, problem);
    mm_baseline_free(baseline);
    mm_problem_free(problem);
    cli_edits_free(&args.edits);
    return code;
}
