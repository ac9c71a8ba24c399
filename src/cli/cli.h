/* The command-line tool: a thin client of the public API. */
#ifndef MM_CLI_H
#define MM_CLI_H

#include <stdio.h>

#include "mentormatch.h"

/* Exit codes (SPEC 6). */
enum {
    EXIT_DONE = 0,
    EXIT_INVALID = 1,
    EXIT_USAGE = 2,
    EXIT_INFEASIBLE = 3,
    EXIT_NO_SOLUTION = 4,
    EXIT_INTERNAL = 70
};

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

int cmd_solve(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_preview(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* solve --report: write the HTML report of `result` to `path` (atomically;
 * NULL: standard output). @return 0 or an exit code (reported). */
int cli_report_result(const char *path, const char *input, const mm_problem *problem,
                      const mm_result *result);

int cmd_import(int argc, char **argv);
/* DIR/TABLE.csv (free it), or NULL (reported) when out of memory. */
char *cli_table_path(const char *dir, mm_csv_table table);

/* Route SIGINT and SIGTERM to `handler` (each command decides what stopping means). */
void cli_catch_stop_signals(void (*handler)(int));

/* Set by --quiet: diagnostics print errors only. */
extern int cli_quiet;

/* A live progress line on standard error (mm_progress_fn); cli_progress_end
 * finishes the line if one was drawn. */
void cli_progress_print(const mm_progress *progress, void *context);
void cli_progress_end(void);

/* Print every diagnostic as FILE: PLACE: message (or FILE:LINE:COL: ...);
 * a NULL file: PLACE: message, for places that name their file. */
void cli_print_diags(const char *file, const mm_diags *diags);
/* Do the two paths name one existing file? */
int cli_same_file(const char *a, const char *b);
/* Map a library return code to the exit code. */
int cli_exit_code(int rc);
/* Report wrong usage and return EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...);
/* Parse --seed: a whole number 0..2^64-1; 0 or -1 (reported). */
int cli_parse_seed(const char *command, const char *text, unsigned long long *out);
/* Parse a non-negative number option; 0 or -1 (reported). */
int cli_parse_seconds(const char *command, const char *option, const char *text, double *out);
/* Read INPUT with diagnostics printed; @return 0 or an exit code. */
int cli_read_problem(const char *path, int strict, mm_problem **out);

/* What-if edits from the command line (--set, --fix, --forbid). */
typedef struct {
    mm_edit *items;
    char **texts; /* owned copies the edits point into */
    size_t count;
} cli_edits;

/* Parse one --set 'ratings:MENTOR,STUDENT,IDEA=SCORE', --fix STUDENT=IDEA or
 * --forbid STUDENT=IDEA. @return 0, or EXIT_USAGE (reported). */
int cli_edits_add(cli_edits *edits, const char *command, const char *option, const char *text);
void cli_edits_free(cli_edits *edits);
/* Read INPUT with what-if edits applied; @return 0 or an exit code. */
int cli_read_problem_edited(const char *path, int strict, const cli_edits *edits,
                            mm_problem **out);
/* The same within what is left of `time_limit` seconds (<= 0: none) counted
 * from `started` (cli_now): out of time is "time limit reached while
 * reading" and EXIT_NO_SOLUTION. */
int cli_read_problem_timed(const char *path, int strict, const cli_edits *edits,
                           double time_limit, double started, mm_problem **out);
/* Monotonic seconds, the clock of --time-limit. */
double cli_now(void);
/* What is left of `time_limit` seconds counted from `started`: 0 for no
 * limit (<= 0), a tiny positive number when spent. */
double cli_time_left(double time_limit, double started);

/* Output to standard output, or atomically to a file: a temporary file
 * beside it, renamed into place only after a complete, flushed write. */
typedef struct {
    const char *path; /* NULL: standard output */
    char *resolved;   /* the target when path is a symbolic link */
    char *temp_path;
    FILE *stream;
} cli_output;

int cli_output_open(cli_output *o, const char *path, const char *input_path);
/* Finish: flush, sync and rename; on failure remove the temporary file.
 * @return 0 or EXIT_INTERNAL (reported). */
int cli_output_commit(cli_output *o);
void cli_output_abort(cli_output *o);

#endif
