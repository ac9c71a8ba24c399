/* mentormatch report: one self-contained HTML page of results. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char REPORT_HELP[] =
    "usage: mentormatch report [options] INPUT RESULT...\n"
    "\n"
    "Write an HTML report of RESULT, a result document of INPUT (of solve or\n"
    "evaluate): a summary, charts of the assignments by rank and of each\n"
    "mentor's load, the ideas with their students, and the unassigned students\n"
    "with their reasons. With several RESULT files, a table compares their\n"
    "strategies and metrics; the details are of the first. The page is one\n"
    "file: inline CSS and SVG, no script, no external URL.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "      --strict       unknown keys in INPUT are errors\n"
    "  -h, --help         show this help\n"
    "\n"
    "exit codes: 0 done; 1 INPUT or a RESULT is invalid (the place is named);\n"
    "2 wrong usage; 70 internal error\n";

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, const char **output, int *strict)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"strict", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (c) {
        case 'o': *output = optarg; break;
        case 's': *strict = 1; break;
        case 'h': fputs(REPORT_HELP, stdout); return EXIT_DONE;
        case ':': return cli_usage_error("report", "%s needs a value", argv[optind - 1]);
        default: return cli_usage_error("report", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind < 2)
        return cli_usage_error("report", "expects INPUT and at least one RESULT, got %d file%s",
                               argc - optind, argc - optind == 1 ? "" : "s");
    return -1;
}

/* Read one document, its problems printed under its name. */
static int read_doc(const char *path, mm_result_doc **out)
{
    mm_diags *diags = NULL;
    int rc = mm_diags_new(&diags);

    *out = NULL;
    if (rc == 0)
        rc = mm_result_doc_read_file(out, path, diags);
    cli_print_diags(path, diags);
    if (rc == MM_ENOMEM)
        fprintf(stderr, "%s: %s\n", path, mm_strerror(rc));
    mm_diags_free(diags);
    return rc;
}

/* The file name, without its directories. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static int write_report(const char *output, const char *input, const mm_problem *p,
                        const mm_result_doc *const *docs, const char *const *labels, size_t n)
{
    cli_output o;
    int code = cli_output_open(&o, output, input), rc;

    if (code)
        return code;
    rc = mm_report_write_html(p, docs, labels, n, o.stream);
    if (rc != 0) {
        fprintf(stderr, "mentormatch: cannot write %s\n", output ? output : "standard output");
        cli_output_abort(&o);
        return EXIT_INTERNAL;
    }
    return cli_output_commit(&o);
}

int cmd_report(int argc, char **argv)
{
    const char *output = NULL;
    int strict = 0, code = parse_args(argc, argv, &output, &strict), failed = 0, oom = 0;
    mm_problem *p = NULL;
    mm_result_doc **docs;
    const char **labels;
    size_t n;

    if (code >= 0)
        return code;
    n = (size_t)(argc - optind - 1);
    docs = calloc(n, sizeof *docs);
    labels = calloc(n, sizeof *labels);
    if (!docs || !labels) {
        free(docs);
        free(labels);
        fprintf(stderr, "mentormatch: %s\n", mm_strerror(MM_ENOMEM));
        return EXIT_INTERNAL;
    }
    code = cli_read_problem(argv[optind], strict, &p);
    /* Every file is read whatever the others give, so one run names every problem. */
    for (size_t k = 0; k < n; k++) {
        int rc = read_doc(argv[optind + 1 + (int)k], &docs[k]);
        labels[k] = base_name(argv[optind + 1 + (int)k]);
        failed |= rc != 0;
        oom |= rc == MM_ENOMEM;
    }
    if (code == 0 && failed)
        code = oom ? EXIT_INTERNAL : EXIT_INVALID;
    if (code == 0)
        code = write_report(output, argv[optind], p,
                            (const mm_result_doc *const *)docs, labels, n);
    for (size_t k = 0; k < n; k++)
        mm_result_doc_free(docs[k]);
    free(docs);
    free(labels);
    mm_problem_free(p);
    return code;
}
