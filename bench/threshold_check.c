/* Issue 15: every application's rating threshold (src/threshold.c) on an
 * input document, timed.  threshold_check FILE [CUTOFF [BUDGET]]
 * CUTOFF: score rises beyond it are "never" (weights.rating is the most a
 * rating can move a score; "w" uses it); BUDGET: seconds for re-solves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"
#include "model.h"
#include "solve.h"
#include "threshold.h"

int main(int argc, char **argv)
{
    mm_problem *p = NULL;
    mm_diags *diags = NULL;
    mm_model m;
    mm_threshold_options opts = {NULL, 0, 0};
    mm_threshold_stats st;
    mm_glpk_limits limits = {.deadline = 0};
    mm_glpk_outcome base;
    const char *used;
    size_t count[MM_THRESHOLD_INELIGIBLE + 1] = {0}, ties = 0, inexact = 0;
    double t0;
    int cf;

    if (argc < 2) {
        fprintf(stderr, "usage: threshold_check FILE [CUTOFF|w [BUDGET]]\n");
        return 2;
    }
    mm_diags_new(&diags);
    if (mm_problem_read_file(&p, argv[1], NULL, diags) != 0) {
        fprintf(stderr, "threshold_check: %s: unreadable\n", argv[1]);
        return 1;
    }
    if (argc > 2)
        opts.cutoff = strcmp(argv[2], "w") == 0 ? p->settings.weights[MM_W_RATING] : atof(argv[2]);
    if (argc > 3)
        opts.time_budget = atof(argv[3]);
    cf = p->settings.objective == MM_OBJ_COUNT_THEN_SCORE;
    mm_model_build(&m, p);
    double *score = mm_model_scores(&m, p);
    mm_glpk_objective obj = {score, cf, NULL, 0, NULL, NULL, NULL};
    t0 = mm_now();
    limits.started = t0;
    if (mm_program_solve(p, &m, &obj, &limits, MM_SOLVER_AUTO, &base, &used, NULL) != 0 ||
        base.kind != MM_OUTCOME_OPTIMAL) {
        fprintf(stderr, "threshold_check: no optimum\n");
        return 1;
    }
    printf("base solve (%s): %.3f s\n", used, mm_now() - t0);
    mm_threshold *th = malloc((p->n_apps + 1) * sizeof *th);
    int rc = mm_thresholds(p, &m, score, cf, base.chosen, &opts, th, &st);
    if (rc != 0) {
        printf("rc %d\n", rc);
        return 1;
    }
    for (size_t a = 0; a < p->n_apps; a++) {
        count[th[a].kind]++;
        ties += (th[a].kind == MM_THRESHOLD_NEEDS || th[a].kind == MM_THRESHOLD_STAYS) &&
                th[a].delta == 0;
        inexact += !th[a].exact;
    }
    printf("%s: %zu students, %zu apps; exact class %s%s%s; cutoff %g budget %g\n", argv[1],
           p->n_students, p->n_apps, st.exact_class ? "yes" : "no", st.why_not ? ": " : "",
           st.why_not ? st.why_not : "", opts.cutoff, opts.time_budget);
    printf("thresholds %.3f s: %zu searches (%zu settled), %zu re-solves, %zu certified, "
           "%zu pruned, %zu bounded\n",
           st.seconds, st.searches, st.settled, st.resolves, st.certified, st.pruned, st.bounded);
    printf("needs %zu, never %zu, stays %zu, always %zu, fixed %zu, ineligible %zu, ties %zu, "
           "inexact %zu\n",
           count[MM_THRESHOLD_NEEDS], count[MM_THRESHOLD_NEVER], count[MM_THRESHOLD_STAYS],
           count[MM_THRESHOLD_ALWAYS], count[MM_THRESHOLD_FIXED], count[MM_THRESHOLD_INELIGIBLE],
           ties, inexact);
    free(th);
    free(base.chosen);
    free(score);
    mm_model_dispose(&m);
    mm_problem_free(p);
    mm_diags_free(diags);
    return 0;
}
