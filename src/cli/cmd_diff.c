/* mentormatch diff: who moved between two result documents. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char DIFF_HELP[] =
    "usage: mentormatch diff [options] RESULT_A RESULT_B\n"
    "\n"
    "List the students who moved from RESULT_A to RESULT_B, two result\n"
    "documents (of solve or evaluate) or result sheets (their --format csv,\n"
    "edited or not; a sheet's rank and score are those of its cells): assigned\n"
    "in A only, assigned in B only, and on another idea or mentor (with ranks\n"
    "and scores before and after); then a summary line of the objective and\n"
    "metrics, B minus A.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT  text (default) or json\n"
    "  -h, --help           show this help\n"
    "\n"
    "exit codes: 0 done, whether or not anyone moved; 1 a file is not a result\n"
    "document nor a sheet (the place is named); 2 wrong usage; 70 internal error\n";

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, mm_format *format)
{
    static const struct option options[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char *const FORMATS[] = {"text", "json"};
    size_t k;
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:h", options, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (cli_choice("diff", "--format", NULL, NULL, optarg, FORMATS, 2, &k))
                return EXIT_USAGE;
            *format = k == 1 ? MM_FORMAT_JSON : MM_FORMAT_TABLE;
            break;
        case 'h': fputs(DIFF_HELP, stdout); return EXIT_DONE;
        case ':': return cli_usage_error("diff", "%s needs a value", argv[optind - 1]);
        default: return cli_unknown_option("diff", options, argv[optind - 1]);
        }
    }
    if (argc - optind != 2)
        return cli_usage_error("diff", "expects RESULT_A and RESULT_B, got %d file%s",
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
        cli_error("%s: %s", path, mm_strerror(rc));
    mm_diags_free(diags);
    return rc;
}

static int diff(mm_format format, const mm_result_doc *a, const mm_result_doc *b)
{
    mm_diff *d = NULL;
    int rc = mm_diff_new(&d, a, b);

    if (rc == 0 && (rc = mm_diff_write(d, format, stdout)) != 0)
        cli_error("mentormatch: cannot write standard output");
    else if (rc != 0)
        cli_error("mentormatch: %s", mm_strerror(rc));
    mm_diff_free(d);
    return rc == 0 ? EXIT_DONE : EXIT_INTERNAL;
}

int cmd_diff(int argc, char **argv)
{
    mm_format format = MM_FORMAT_TABLE;
    mm_result_doc *a = NULL, *b = NULL;
    int code = parse_args(argc, argv, &format), rc_a, rc_b;

    if (code >= 0)
        return code;
    /* Both are read whatever the first gives, so one run names every problem. */
    rc_a = read_doc(argv[optind], &a);
    rc_b = read_doc(argv[optind + 1], &b);
    if (rc_a == 0 && rc_b == 0)
        code = diff(format, a, b);
    else
        code = rc_a == MM_ENOMEM || rc_b == MM_ENOMEM ? EXIT_INTERNAL : EXIT_INVALID;
    mm_result_doc_free(a);
    mm_result_doc_free(b);
    return code;
}
