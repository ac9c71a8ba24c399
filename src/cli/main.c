/* mentormatch COMMAND [options] INPUT... */
#include <string.h>

#include "cli.h"

static const cli_command COMMANDS[] = {
    {"solve", cmd_solve, "solve an instance to proven optimality and write the result"},
    {"check", cmd_check, "validate an instance and print a summary"},
    {"evaluate", cmd_evaluate, "check an assignment made elsewhere and compare it with the optimum"},
    {"diff", cmd_diff, "list the students who moved between two result documents"},
    {"explain", cmd_explain, "why a student, idea or mentor ended up as they did"},
    {"preview", cmd_preview, "a mentor's ideas now, and how likely each applicant is"},
    {"export", cmd_export, "write the integer program (LP, MPS), or the input as CSV files"},
    {"generate", cmd_generate, "write a random, valid instance (seeded, reproducible)"},
    {"report", cmd_report, "write a self-contained HTML report of results"},
    {"import", cmd_import, "build an input document from CSV files (spreadsheets)"},
};

#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static void print_help(FILE *out)
{
    fprintf(out,
            "usage: mentormatch COMMAND [options] INPUT\n"
            "\n"
            "Match applicants to mentored project ideas, optimally.\n"
            "\n"
            "commands:\n");
    for (size_t k = 0; k < N_COMMANDS; k++)
        fprintf(out, "  %-9s %s\n", COMMANDS[k].name, COMMANDS[k].summary);
    fprintf(out,
            "\n"
            "options:\n"
            "  -h, --help     show this help; 'mentormatch COMMAND --help' for a command\n"
            "  -V, --version  show the version\n"
            "\n"
            "documents: share/doc/mentormatch/*.md under the installation prefix\n"
            "(/usr/local by default; docs/ in the source tree), and 'man mentormatch'\n"
            "\n"
            "exit codes: 0 done, 1 invalid input, 2 wrong usage, 3 infeasible,\n"
            "            4 no solution within the limits, 70 internal error\n");
}

/* With the nearest command, where one is close (mm_suggest). */
static int unknown_command(const char *word)
{
    const char *names[N_COMMANDS];
    const char *near;

    for (size_t k = 0; k < N_COMMANDS; k++)
        names[k] = COMMANDS[k].name;
    near = mm_suggest(word, names, N_COMMANDS);
    cli_error("mentormatch: unknown command '%s'%s%s%s (try 'mentormatch --help')", word,
              near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        print_help(stdout);
        return EXIT_DONE;
    }
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("mentormatch %s\n", mm_version());
        return EXIT_DONE;
    }
    for (size_t k = 0; k < N_COMMANDS; k++)
        if (strcmp(argv[1], COMMANDS[k].name) == 0)
            return COMMANDS[k].run(argc - 1, argv + 1);
    return unknown_command(argv[1]);
}
