/* mentormatch check: validate and summarise an instance. */
#include <getopt.h>

#include "cli.h"

static const char CHECK_HELP[] =
    "usage: mentormatch check [options] INPUT\n"
    "\n"
    "Validate INPUT against the input rules and print a summary: counts,\n"
    "eligible applications and pairs, capacities. Problems go to standard\n"
    "error, one per line, as FILE: PLACE: message; so do warnings about\n"
    "what the document may not mean (unrated applications without a\n"
    "default_rating, ideas nobody applied to, capacity that cannot be used).\n"
    "INPUT '-' reads standard input. CSV files are read by 'mentormatch import'.\n"
    "\n"
    "options:\n"
    "      --strict   unknown keys are errors, not warnings\n"
    "  -h, --help     show this help\n"
    "\n"
    "exit codes: 0 valid, 1 invalid input, 2 wrong usage, 70 internal error\n"
    "(out of memory, or standard output cannot be written)\n";

static void print_summary(const char *path, const mm_problem *problem)
{
    mm_problem_summary s;

    mm_problem_summarize(&s, problem);
    printf("%s: valid\n", path);
    printf("orgs          %zu\n", s.orgs);
    printf("mentors       %zu (total capacity %zu)\n", s.mentors, s.total_capacity);
    printf("ideas         %zu (total slots %zu)\n", s.ideas, s.total_idea_slots);
    printf("students      %zu (%zu without applications)\n", s.students,
           s.students_without_applications);
    printf("applications  %zu (%zu eligible)\n", s.applications, s.eligible_applications);
    printf("eligible pairs %zu (application, mentor)\n", s.eligible_pairs);
    printf("ratings       %zu\n", s.ratings);
    printf("conflicts     %zu\n", s.conflicts);
    printf("fixed         %zu\n", s.fixed);
    printf("forbidden     %zu\n", s.forbidden);
}

/* The warnings about what a valid document may not mean (exit unchanged). */
static int print_advice(const char *path, const mm_problem *problem)
{
    mm_diags *diags = NULL;
    int rc = mm_diags_new(&diags);

    if (rc == 0)
        rc = mm_problem_advise(problem, diags);
    cli_print_diags(cli_input_name(path), diags);
    mm_diags_free(diags);
    if (rc != 0)
        cli_error("mentormatch: %s", mm_strerror(rc));
    return rc == 0 ? EXIT_DONE : EXIT_INTERNAL;
}

int cmd_check(int argc, char **argv)
{
    static const struct option options[] = {
        {"strict", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    mm_problem *problem = NULL;
    int c, strict = 0, code;

    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c == 's')
            strict = 1;
        else if (c == 'h')
            return fputs(CHECK_HELP, stdout), EXIT_DONE;
        else
            return cli_unknown_option("check", options, argv[optind - 1]);
    }
    if (argc - optind != 1)
        return cli_usage_error("check", "expects one INPUT file, got %d", argc - optind);
    code = cli_read_problem(argv[optind], strict, &problem);
    if (code == EXIT_DONE)
        code = print_advice(argv[optind], problem);
    if (code == EXIT_DONE) {
        print_summary(cli_input_name(argv[optind]), problem);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            cli_error("mentormatch: cannot write standard output");
            code = EXIT_INTERNAL;
        }
    }
    mm_problem_free(problem);
    return code;
}
