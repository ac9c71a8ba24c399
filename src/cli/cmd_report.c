/* mentormatch report: one self-contained HTML page of results. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char REPORT_HELP[] =
    "usage: mentormatch report [options] INPUT RESULT...\n"
    "\n"
    "Write an HTML page about RESULT, a result document of INPUT (from solve or\n"
    "evaluate) or a result sheet (their CSV, edited or not): a summary,\n"
    "charts of the assignments by rank and of each mentor's load against\n"
    "capacity, the ideas by org with their students, and the unassigned\n"
    "students with their reasons. With several RESULT files (say\n"
    "of solve with the greedy, stable and rsd strategies), a chart and a table\n"
    "compare them, each named by its file name; the details are of the first.\n"
    "\n"
    "The page is one file that needs nothing else: inline CSS and SVG, no\n"
    "script, no external URL; it reads on a phone and prints. Loads, fills and\n"
    "metrics are counted from INPUT, so every RESULT must be one of INPUT.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "      --strict       unknown keys in INPUT are errors, not warnings\n"
    "  -h, --help         show this help\n"
    "\n"
    "exit codes: 0 done; 1 INPUT or a RESULT is invalid (the place is named);\n"
    "2 wrong usage; 70 internal error\n";

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, const char **output, int *strict)
{
    enum { OPT_STRICT = 256 };
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (c) {
        case 'o': *output = optarg; break;
        case OPT_STRICT: *strict = 1; break;
        case 'h': fputs(REPORT_HELP, stdout); return EXIT_DONE;
        case ':': return cli_usage_error("report", "%s needs a value", argv[optind - 1]);
        default: return cli_unknown_option("report", options, argv[optind - 1]);
        }
    }
    if (argc - optind < 2)
        return cli_usage_error("report", "expects INPUT and at least one RESULT, got %d file%s",
                               argc - optind, argc - optind == 1 ? "" : "s");
    return -1;
}

/* -o names neither INPUT nor a RESULT (read before the report is written,
 * so -o over one would lose it). @return 0 or EXIT_USAGE (reported). */
static int check_paths(const char *output, int argc, char **argv)
{
    const cli_path page = {"-o", output, "output"}, report = {"-o", output, "report"};
    const cli_path input = {"INPUT", argv[optind], "input"};
    int code = cli_outputs_check("report", &page, 1, &input, 1);

    for (int k = optind + 1; code == 0 && k < argc; k++) {
        const cli_path result = {"RESULT", argv[k], "result"};
        code = cli_outputs_check("report", &report, 1, &result, 1);
    }
    return code;
}

/* The file name, without its directories: the result's name in the report. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Add one document, its problems printed under its name. @return 0 or an exit code. */
static int add_file(mm_report *report, const char *path)
{
    mm_diags *diags = NULL;
    int rc = mm_diags_new(&diags);

    if (rc == 0)
        rc = mm_report_add_file(report, path, base_name(path), diags);
    cli_print_diags(path, diags);
    if (rc != 0 && rc != MM_EINVALID && rc != MM_EIO)
        cli_error("%s: %s", path, mm_strerror(rc));
    mm_diags_free(diags);
    return rc ? cli_exit_code(rc) : EXIT_DONE;
}

static int write_report(const char *output, const mm_report *report)
{
    cli_output o;
    int code;

    if ((code = cli_output_open(&o, output)) != 0)
        return code;
    if (mm_report_write_html(report, o.stream) != 0) {
        cli_error("mentormatch: cannot write %s", output ? output : "standard output");
        cli_output_abort(&o);
        return EXIT_INTERNAL;
    }
    return cli_output_commit(&o);
}

int cli_report_result(const char *path, const mm_problem *problem,
                      const mm_result *result)
{
    mm_report *report = NULL;
    int code = EXIT_INTERNAL;

    if (mm_report_new(&report, problem) == 0 && mm_report_add_result(report, result, NULL) == 0)
        code = write_report(path, report);
    else
        cli_error("mentormatch: %s", mm_strerror(MM_ENOMEM));
    mm_report_free(report);
    return code;
}

int cmd_report(int argc, char **argv)
{
    const char *output = NULL;
    int strict = 0, code = parse_args(argc, argv, &output, &strict);
    mm_problem *problem = NULL;
    mm_report *report = NULL;

    if (code >= 0)
        return code;
    if ((code = check_paths(output, argc, argv)) != 0)
        return code;
    code = cli_read_problem(argv[optind], strict, &problem);
    if (code == EXIT_DONE && mm_report_new(&report, problem) != 0) {
        cli_error("mentormatch: %s", mm_strerror(MM_ENOMEM));
        code = EXIT_INTERNAL;
    }
    /* Every RESULT is read even after one fails, so one run names every
     * problem; the exit code is the gravest (internal over invalid). */
    for (int k = optind + 1; report && k < argc; k++) {
        int rc = add_file(report, argv[k]);
        code = rc > code ? rc : code;
    }
    if (code == EXIT_DONE)
        code = write_report(output, report);
    mm_report_free(report);
    mm_problem_free(problem);
    return code;
}
