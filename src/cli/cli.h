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
 * NULL: standard output), checked beforehand against the input and -o with
 * cli_outputs_check. @return 0 or an exit code (reported). */
int cli_report_result(const char *path, const mm_problem *problem, const mm_result *result);

int cmd_import(int argc, char **argv);
/* DIR/TABLE.csv (free it), or NULL (reported) when out of memory. */
char *cli_table_path(const char *dir, mm_csv_table table);


/* Set by --quiet: diagnostics print errors only. */
extern int cli_quiet;

/* A live progress line on standard error (mm_progress_fn); cli_progress_end
 * finishes the line if one was drawn. */
void cli_progress_print(const mm_progress *progress, void *context);
void cli_progress_end(void);

/* Print every diagnostic as FILE: PLACE: message (or FILE:LINE:COL: ...);
 * a NULL file: PLACE: message, for places that name their file. */
void cli_print_diags(const char *file, const mm_diags *diags);
/* Map a library return code to the exit code. */
int cli_exit_code(int rc);
/* Print one message line on standard error: formatted, then escaped
 * (mm_fputs_visible), so a file name or id holding a line break or an
 * escape sequence neither splits the line nor reaches the terminal raw.
 * `fmt` has no trailing newline: one is added. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Report wrong usage (escaped like cli_error) and return EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...);
/* An option's value that must be one of `values` (n of them): *out its
 * index, or EXIT_USAGE reported with the values and the nearest one
 * (mm_suggest): "--format takes json, table or csv, not 'jsno'; did you
 * mean 'json'?", or with `noun` (and its plural `nouns`) "unknown strategy
 * 'stabel'; did you mean 'stable'? (strategies: ilp, greedy, ...)".
 * @return 0 or EXIT_USAGE. */
int cli_choice(const char *command, const char *option, const char *noun, const char *nouns,
               const char *text, const char *const *values, size_t n, size_t *out);
/* getopt_long's '?': "unknown option '--stratgy'; did you mean
 * '--strategy'?", the nearest of the command's long `options` (ended by a
 * NULL name). @return EXIT_USAGE. */
struct option;
int cli_unknown_option(const char *command, const struct option *options, const char *arg);
/* Read INPUT with diagnostics printed; @return 0 or an exit code. */
int cli_read_problem(const char *path, int strict, mm_problem **out);

/* issue 16 item 3 (input.c): INPUT "-" is standard input, named "<stdin>"
 * in messages; a CSV file is refused in one line (use import). */
const char *cli_input_name(const char *path);
/* For "-": standard input, whole, in *data (free). For a file: *data NULL,
 * the library reads it. @return 0, or an exit code (reported): a CSV file,
 * standard input named twice or unreadable. */
int cli_input_load(const char *path, char **data, size_t *len);

/* What-if edits from the command line (--set, --fix, --forbid, --rate),
 * parsed straight into mm_edit records (edits.c). */
typedef struct {
    mm_edit *items;
    char **texts; /* owned blocks the edits point into */
    size_t count;
} cli_edits;

/* Parse one --set 'ratings:MENTOR,STUDENT,IDEA=SCORE', --fix STUDENT=IDEA or
 * --forbid STUDENT=IDEA (`option` as typed): fields split at unescaped ','
 * and '=', a backslash escaping ',', '=' or '\' inside an id.
 * @return 0, EXIT_USAGE (reported, naming `option`) or EXIT_INTERNAL. */
int cli_edits_add(cli_edits *edits, const char *command, const char *option, const char *text);
/* Parse one preview --rate STUDENT,IDEA=SCORE as a rating by `mentor`,
 * whose id is taken whole. @return as cli_edits_add. */
int cli_edits_add_rate(cli_edits *edits, const char *command, const char *mentor,
                       const char *text);
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

/* ---- numeric options (options.c; docs/commands.md, "Numbers") ---- */

/* A whole number lo..hi: decimal digits only, no sign, space or point.
 * @return 0 or EXIT_USAGE (reported, naming the option, range and text). */
int cli_parse_whole(const char *command, const char *option, const char *text,
                    unsigned long long lo, unsigned long long hi, unsigned long long *out);
/* --seed: a whole number 0..2^64-1. @return 0 or EXIT_USAGE (reported). */
int cli_parse_seed(const char *command, const char *text, unsigned long long *out);
/* DIGITS[.DIGITS][e[+-]DIGITS] or .DIGITS[...]: decimal, unsigned, with
 * no space, hex, inf or nan. */
int cli_is_decimal(const char *text);
/* A number 0..hi written in decimal (30, 0.5, 2e-3): no sign, space, hex,
 * inf or nan, and 0 or at least CLI_NUMBER_MIN. @return 0 or EXIT_USAGE. */
#define CLI_NUMBER_MIN 1e-9
int cli_parse_number(const char *command, const char *option, const char *text, double hi,
                     double *out);
/* Seconds (--time-limit) and other limits (--gap, --noise): 0..1e9. */
#define CLI_NUMBER_MAX 1e9
int cli_parse_seconds(const char *command, const char *option, const char *text, double *out);

/* ---- output files (output.c; docs/commands.md, "-o") ---- */

/* Output to standard output, or atomically to a file: a temporary file
 * beside its target (symbolic links followed, dangling ones too), renamed
 * into place only after a complete, flushed, synced write; removed on
 * failure and by SIGINT, SIGTERM or SIGHUP. A device or pipe is written in
 * place, and a descriptor's name (/dev/stdout, /dev/fd/N) through that
 * descriptor as it is open. */
typedef struct {
    char *name;             /* as the user named it; NULL: standard output */
    char *target;           /* where the path leads (links followed); NULL: standard output */
    char *temp_path;        /* the temporary file, when there is one */
    const char *write_path; /* the file the stream writes (for writers that need a path);
                               NULL for a descriptor that only `stream` writes */
    FILE *stream;
    int slot;               /* its place among the pending temporaries, or -1 */
    int in_dir;             /* a file of a new cli_output_dir */
    int alias;              /* an open descriptor named (/dev/stdout, /dev/fd/N) */
} cli_output;

/* Open `path` (NULL: standard output). @return 0 or EXIT_INTERNAL (reported). */
int cli_output_open(cli_output *o, const char *path);
/* Finish: flush, sync and rename; on failure remove the temporary file.
 * @return 0 or EXIT_INTERNAL (reported). */
int cli_output_commit(cli_output *o);
void cli_output_abort(cli_output *o);

/* A directory of outputs: a new DIR is made as a temporary directory beside
 * it and renamed into place whole; in an existing DIR each file is a
 * cli_output of its own. */
typedef struct {
    const char *name;
    char *target, *temp;
    int slot;
} cli_output_dir;

int cli_output_dir_open(cli_output_dir *d, const char *path);
/* DIR/NAME, opened for writing. @return 0 or EXIT_INTERNAL (reported). */
int cli_output_dir_add(cli_output_dir *d, cli_output *o, const char *name);
/* Commit the n files, then the directory. @return 0 or EXIT_INTERNAL (reported). */
int cli_output_dir_commit(cli_output_dir *d, cli_output *files, size_t n);
void cli_output_dir_abort(cli_output_dir *d, cli_output *files, size_t n);

/* A path a command reads or writes, for cli_outputs_check: the option that
 * named it and what it is ("output", "report", "input", "result"). */
typedef struct {
    const char *option, *path, *noun;
} cli_path;

/* Refuse outputs that name an input, or one another, through links too
 * (devices such as /dev/null excepted), before anything is written.
 * A NULL path is skipped. @return 0, or EXIT_USAGE (reported). */
int cli_outputs_check(const char *command, const cli_path *outputs, size_t n_outputs,
                      const cli_path *inputs, size_t n_inputs);

/* Route SIGINT and SIGTERM to `handler` (each command decides what stopping
 * means), except one ignored already (nohup), which stays ignored. Without
 * one, opening an output makes them end the run at once. */
void cli_catch_stop_signals(void (*handler)(int));
/* Async-signal-safe: remove every pending temporary file and directory. */
void cli_remove_pending(void);
/* A signal handler: cli_remove_pending, then die of the signal. */
void cli_stop_now(int signo);

#endif
