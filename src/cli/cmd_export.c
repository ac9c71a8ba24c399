/* mentormatch export: write the integer program for another solver. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char EXPORT_HELP[] =
    "usage: mentormatch export [options] INPUT\n"
    "\n"
    "Write the integer program of INPUT for another solver (glpsol, CBC,\n"
    "HiGHS, ...). Rows and columns are named after the ids:\n"
    "x_STUDENT_IDEA_MENTOR, student_ID, idea_ID, mentor_ID, org_ID, program,\n"
    "fixed_K. Under \"count-then-score\" the count phase is solved first, and\n"
    "the file holds the score phase: the row 'count' fixes the number of\n"
    "assignments to that optimum. Under \"score\" nothing is solved.\n"
    "The LP file maximises the score; the MPS file minimises -score, as MPS\n"
    "has no portable way to say maximise (so solvers report it negated).\n"
    "\n"
    "options:\n"
    "      --lp FILE    write CPLEX LP format to FILE (atomically)\n"
    "      --mps FILE   write free MPS format to FILE (atomically)\n"
    "      --csv DIR    write INPUT itself as CSV files, DIR/TABLE.csv, for\n"
    "                   'mentormatch import' (share/doc/mentormatch/\n"
    "                   csv-format.md); a new DIR appears whole or not at all\n"
    "      --baseline FILE  re-allocate from FILE as 'solve --baseline' does: the\n"
    "                   most baseline pairs kept is solved first, and the row\n"
    "                   'baseline_kept' holds it in the file (with --lp, --mps)\n"
    "      --strict     unknown keys in INPUT are errors, not warnings\n"
    "  -h, --help       show this help\n"
    "At least one of --lp, --mps and --csv is needed; any may be combined.\n"
    "\n"
    "exit codes: 0 done, 1 invalid input, 2 wrong usage, 3 infeasible (the\n"
    "count phase has no solution; with a diagnosis), 70 internal error or a\n"
    "FILE that cannot be written\n";

/* The most files open at once: the CSV tables (--lp and --mps make two). */
enum { MAX_FILES = MM_CSV_TABLE_COUNT };

typedef struct {
    const char *input;
    mm_export_file files[MAX_FILES]; /* as the user named them */
    size_t n_files;
    const char *csv_dir;
    const char *baseline;
    int strict;
} export_args;

/* @return -1 to go on, or an exit code. */
static int add_file(export_args *args, mm_export_format format, const char *path)
{
    const char *option = format == MM_EXPORT_LP ? "--lp" : "--mps";

    for (size_t k = 0; k < args->n_files; k++)
        if (args->files[k].format == format)
            return cli_usage_error("export", "%s given twice", option);
    args->files[args->n_files++] = (mm_export_file){format, path};
    return -1;
}

/* No output names INPUT or another output (--lp, --mps, the CSV tables).
 * @return -1 to go on, or an exit code. */
static int check_paths(const export_args *args)
{
    cli_path outputs[MAX_FILES + MM_CSV_TABLE_COUNT];
    char *tables[MM_CSV_TABLE_COUNT] = {NULL};
    const cli_path inputs[] = {{"INPUT", args->input, "input"},
                               {"--baseline", args->baseline, "baseline"}};
    size_t n = 0;
    int code = 0;

    for (size_t k = 0; k < args->n_files; k++)
        outputs[n++] = (cli_path){args->files[k].format == MM_EXPORT_LP ? "--lp" : "--mps",
                                  args->files[k].path, "output"};
    for (int t = 0; args->csv_dir && t < MM_CSV_TABLE_COUNT && code == 0; t++) {
        if (!(tables[t] = cli_table_path(args->csv_dir, (mm_csv_table)t)))
            code = EXIT_INTERNAL;
        outputs[n++] = (cli_path){"--csv", tables[t], "output"};
    }
    if (code == 0)
        code = cli_outputs_check("export", outputs, n, inputs, 2);
    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++)
        free(tables[t]);
    return code ? code : -1;
}

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, export_args *args)
{
    enum { OPT_LP = 256, OPT_MPS, OPT_CSV, OPT_STRICT, OPT_BASELINE };
    static const struct option options[] = {
        {"lp", required_argument, NULL, OPT_LP},
        {"mps", required_argument, NULL, OPT_MPS},
        {"csv", required_argument, NULL, OPT_CSV},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, code = -1;

    opterr = 0;
    while (code < 0 && (c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case OPT_LP: code = add_file(args, MM_EXPORT_LP, optarg); break;
        case OPT_MPS: code = add_file(args, MM_EXPORT_MPS, optarg); break;
        case OPT_CSV: args->csv_dir = optarg; break;
        case OPT_STRICT: args->strict = 1; break;
        case OPT_BASELINE: args->baseline = optarg; break;
        case 'h': fputs(EXPORT_HELP, stdout); return EXIT_DONE;
        case ':': return cli_usage_error("export", "%s needs a value", argv[optind - 1]);
        default: return cli_unknown_option("export", options, argv[optind - 1]);
        }
    }
    if (code >= 0)
        return code;
    if (args->n_files == 0 && !args->csv_dir)
        return cli_usage_error("export", "needs --lp FILE, --mps FILE or --csv DIR");
    if (argc - optind != 1)
        return cli_usage_error("export", "expects one INPUT file, got %d", argc - optind);
    args->input = argv[optind];
    return check_paths(args);
}

static void abort_all(cli_output *outs, size_t n)
{
    for (size_t k = 0; k < n; k++)
        cli_output_abort(&outs[k]);
}

/* Open every output before the count phase, so a FILE that cannot be made
 * is reported at once. GLPK writes by path: the temporary file's, the
 * target's itself for a device, /dev/stdout or /dev/stderr for those
 * descriptors (output.c). */
static int open_all(const export_args *args, cli_output *outs, mm_export_file *targets)
{
    for (size_t k = 0; k < args->n_files; k++) {
        int code = cli_output_open(&outs[k], args->files[k].path);
        if (code == 0 && !outs[k].write_path) {
            cli_error("mentormatch: cannot write '%s': GLPK would open it again and empty the "
                      "file behind it; name that file, or use /dev/stdout or a pipe",
                      args->files[k].path);
            cli_output_abort(&outs[k]);
            code = EXIT_USAGE;
        }
        if (code) {
            abort_all(outs, k);
            return code;
        }
        targets[k].format = args->files[k].format;
        targets[k].path = outs[k].write_path;
    }
    return 0;
}

static int commit_all(cli_output *outs, size_t n)
{
    int code = 0;

    for (size_t k = 0; k < n; k++) {
        if (code == 0)
            code = cli_output_commit(&outs[k]);
        else
            cli_output_abort(&outs[k]);
    }
    return code;
}

/* ---- --csv DIR -------------------------------------------------------- */

/* DIR/TABLE.csv for every table, in DIR as a whole (output.c). */
static int open_tables(cli_output_dir *dir, cli_output *outs, FILE **streams)
{
    char name[64];

    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++) {
        snprintf(name, sizeof name, "%s.csv", mm_csv_table_name((mm_csv_table)t));
        if (cli_output_dir_add(dir, &outs[t], name) != 0) {
            cli_output_dir_abort(dir, outs, (size_t)t);
            return EXIT_INTERNAL;
        }
        streams[t] = outs[t].stream;
    }
    return 0;
}

/* After a failed CSV export, nothing is kept. @return the exit code. */
static int csv_failure(const export_args *args, cli_output_dir *dir, cli_output *outs, int rc,
                       const mm_diags *diags)
{
    cli_output_dir_abort(dir, outs, MM_CSV_TABLE_COUNT);
    if (rc == MM_EIO && mm_diags_count(diags) == 0) { /* a write failed, not the input */
        cli_error("mentormatch: cannot write the CSV files in '%s'", args->csv_dir);
        return EXIT_INTERNAL;
    }
    if (rc == MM_ENOMEM)
        cli_error("%s: %s", args->input, mm_strerror(rc));
    return cli_exit_code(rc);
}

/* INPUT itself as CSV files, kept only when all of them were written: a new
 * DIR appears whole or not at all. */
static int export_csv(const export_args *args)
{
    cli_output_dir dir;
    cli_output outs[MM_CSV_TABLE_COUNT];
    FILE *streams[MM_CSV_TABLE_COUNT];
    mm_diags *diags = NULL;
    int rc, code;

    if (mm_diags_new(&diags) != 0) {
        cli_error("mentormatch: out of memory");
        return EXIT_INTERNAL;
    }
    code = cli_output_dir_open(&dir, args->csv_dir);
    if (code == 0)
        code = open_tables(&dir, outs, streams);
    if (code == 0) {
        rc = mm_export_csv_file(args->input, args->strict, streams, diags);
        cli_print_diags(args->input, diags);
        code = rc == 0 ? cli_output_dir_commit(&dir, outs, MM_CSV_TABLE_COUNT)
                       : csv_failure(args, &dir, outs, rc, diags);
    }
    mm_diags_free(diags);
    return code;
}

/* ---- --lp, --mps ------------------------------------------------------ */

/* Report a failed export; @return its exit code. */
static int report_failure(const export_args *args, const cli_output *outs, int rc, size_t failed,
                          int why)
{
    if (rc == MM_EIO) {
        cli_error("mentormatch: cannot write '%s'%s%s", outs[failed].name,
                  why ? ": " : "", why ? strerror(why) : "");
        return EXIT_INTERNAL; /* not the input's fault: cli_exit_code says 1 */
    }
    if (rc != MM_EINFEASIBLE)
        cli_error("%s: %s", args->input, mm_strerror(rc));
    return cli_exit_code(rc);
}

static int export_files(const export_args *args, const mm_problem *problem)
{
    cli_output outs[MAX_FILES];
    mm_export_file targets[MAX_FILES];
    mm_diags *diags = NULL;
    mm_baseline *baseline = NULL;
    size_t failed = 0;
    int rc, why, code;

    if (mm_diags_new(&diags) != 0) {
        cli_error("mentormatch: out of memory");
        return EXIT_INTERNAL;
    }
    code = open_all(args, outs, targets);
    if (code) {
        mm_diags_free(diags);
        return code;
    }
    rc = args->baseline ? mm_baseline_read_file(&baseline, problem, args->baseline, diags) : 0;
    cli_print_diags(args->baseline, diags); /* its warnings name FILE */
    mm_diags_free(diags);
    diags = NULL;
    if (rc == 0 && mm_diags_new(&diags) != 0)
        rc = MM_ENOMEM;
    if (rc != 0) {
        mm_diags_free(diags);
        abort_all(outs, args->n_files);
        return cli_exit_code(rc);
    }
    rc = mm_export_baseline(problem, baseline, targets, args->n_files, &failed, diags);
    why = errno;
    mm_baseline_free(baseline);
    cli_print_diags(args->input, diags);
    if (rc == 0) {
        code = commit_all(outs, args->n_files);
    } else {
        code = report_failure(args, outs, rc, failed, why);
        abort_all(outs, args->n_files);
    }
    mm_diags_free(diags);
    return code;
}

int cmd_export(int argc, char **argv)
{
    export_args args;
    mm_problem *problem = NULL;
    int code;

    memset(&args, 0, sizeof args);
    code = parse_args(argc, argv, &args);
    if (code >= 0)
        return code;
    /* A signal ends the run at once, removing what is unfinished (output.c);
     * the count phase has no best-so-far worth waiting for. */
    code = args.csv_dir ? export_csv(&args) : EXIT_DONE;
    if (code == EXIT_DONE && args.n_files > 0)
        code = cli_read_problem(args.input, args.strict, &problem);
    if (code == EXIT_DONE && args.n_files > 0)
        code = export_files(&args, problem);
    mm_problem_free(problem);
    return code;
}
