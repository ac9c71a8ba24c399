/* A small program built against an installed mentormatch (tests/install):
 * read an instance, solve it, and print the version, the status, the
 * objective and each assignment as student,idea,mentor,rank, for the test
 * to compare with what the installed command prints. */
#include <stdio.h>

#include <mentormatch.h>

static void print_result(const mm_result *result)
{
    size_t assigned;
    double score;

    mm_result_objective(result, &assigned, &score);
    printf("status %s\n", mm_status_name(mm_result_status(result)));
    printf("objective %zu %.15g\n", assigned, score);
    for (size_t i = 0; i < mm_result_assignment_count(result); i++) {
        const mm_assignment *a = mm_result_assignment(result, i);
        printf("%s,%s,%s,%d\n", a->student, a->idea, a->mentor, a->rank);
    }
}

int main(int argc, char **argv)
{
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;
    mm_result *result = NULL;
    mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: %s INPUT\n", argv[0]);
        return 2;
    }
    printf("mentormatch %s\n", mm_version());
    rc = mm_diags_new(&diags);
    if (rc == 0)
        rc = mm_problem_read_file(&problem, argv[1], NULL, diags);
    if (rc == 0)
        rc = mm_solve(&result, problem, &opts, diags);
    if (rc == 0)
        print_result(result);
    else
        fprintf(stderr, "%s: %s\n", argv[1], mm_strerror(rc));
    mm_result_free(result);
    mm_problem_free(problem);
    mm_diags_free(diags);
    return rc == 0 ? 0 : 1;
}
