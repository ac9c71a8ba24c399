/* Preview's sample solves (src/network_warm.c, issue 15 item 6): the
 * network built once and copied per sample, and branch and bound over
 * flows where the relaxation does not split, against the plain solve of
 * the same perturbed scores (mm_program_solve: flow, restrictions, GLPK).
 * Every answer the fast path calls proven has the plain optimum's count
 * exactly and its score within 1e-9 relative; some of them must be
 * samples the plain path needed more than the flow for (the branching is
 * exercised). Preview's counts are the same for 1 and 2 threads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"
#include "mentormatch/generate.h"
#include "model.h"
#include "preview.h"
#include "solve.h"
#include "solve_network.h"

static uint64_t rng;

static double uniform(void)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng >> 11) * 0x1.0p-53;
}

static mm_problem *generate(unsigned long long seed, size_t students)
{
    mm_generate_options g = MM_GENERATE_OPTIONS_INIT;
    mm_read_options o = MM_READ_OPTIONS_INIT;
    mm_problem *p = NULL;
    mm_diags *diags = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);

    g.students = students;
    g.ideas = students / 3;
    g.mentors = students / 6;
    g.orgs = 4;
    g.apps = 4;
    g.multi_mentor = 0.6;
    g.conflicts = 150;
    g.seed = seed;
    assert_non_null(mem);
    assert_int_equal(mm_generate(&g, mem), 0);
    fclose(mem);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_buffer(&p, buf, len, &o, diags), 0);
    mm_diags_free(diags);
    free(buf);
    return p;
}

static void totals(const mm_model *m, const double *score, const unsigned char *chosen,
                   double *count, double *total)
{
    *count = *total = 0;
    for (size_t v = 0; v < m->n_vars; v++)
        if (chosen[v]) {
            *count += 1;
            *total += score[v];
        }
}

/* Proven samples that the plain path did not settle with the flow alone. */
static size_t beyond_flow;

static void compare_instance(unsigned long long seed)
{
    mm_problem *p = generate(seed, 60 + 40 * (size_t)(seed % 5));
    int count_first = p->settings.objective == MM_OBJ_COUNT_THEN_SCORE;
    mm_model m;
    double *score, *perturbed;
    unsigned char *fast;
    mm_net_warm *warm = NULL;
    mm_net_warm_work *work = NULL;

    assert_int_equal(mm_model_build(&m, p), 0);
    score = mm_model_scores(&m, p);
    perturbed = malloc((m.n_vars + 1) * sizeof *perturbed);
    fast = malloc(m.n_vars + 1);
    assert_true(score && perturbed && fast);
    assert_int_equal(mm_net_warm_new(&warm, p, &m, score, count_first), 0);
    assert_non_null(warm);
    assert_int_equal(mm_net_warm_work_new(&work, warm), 0);
    rng = seed;
    for (int k = 0; k < 30; k++) {
        mm_glpk_objective obj = {perturbed, count_first, NULL, 0, NULL, NULL, NULL};
        mm_glpk_limits limits = {.started = mm_now()};
        mm_glpk_outcome out = {0};
        const char *used = NULL;
        double *delta = malloc((p->n_apps + 1) * sizeof *delta);
        double fc, fs, pc, ps;
        int proven;
        assert_non_null(delta);
        for (size_t a = 0; a < p->n_apps; a++)
            delta[a] = (uniform() * 2 - 1) * p->settings.weights[MM_W_RATING];
        for (size_t v = 0; v < m.n_vars; v++)
            perturbed[v] = score[v] + delta[m.vars[v].app];
        free(delta);
        assert_int_equal(mm_net_warm_solve(work, perturbed, fast, &proven), 0);
        assert_int_equal(mm_program_solve(p, &m, &obj, &limits, MM_SOLVER_AUTO, &out, &used, NULL),
                         0);
        assert_int_equal(out.kind, MM_OUTCOME_OPTIMAL);
        if (proven) {
            assert_true(mm_model_satisfied(&m, fast));
            totals(&m, perturbed, fast, &fc, &fs);
            totals(&m, perturbed, out.chosen, &pc, &ps);
            if ((count_first && fc != pc) || fabs(fs - ps) > 1e-9 * fmax(1, fabs(ps)))
                fail_msg("seed %llu sample %d: fast %g / %.12g, plain (%s) %g / %.12g", seed, k,
                         fc, fs, used, pc, ps);
            assert_true(!count_first || fc == pc);
            beyond_flow += strcmp(used, "network") != 0;
        }
        free(out.chosen);
    }
    mm_net_warm_work_free(work);
    mm_net_warm_free(warm);
    free(fast);
    free(perturbed);
    free(score);
    mm_model_dispose(&m);
    mm_problem_free(p);
}

static void fast_samples_match_plain_solves(void **state)
{
    (void)state;
    for (unsigned long long seed = 1; seed <= 12; seed++)
        compare_instance(seed);
    print_message("proven samples the flow alone did not settle: %zu\n", beyond_flow);
    assert_true(beyond_flow > 0);
}

static void counts_do_not_depend_on_jobs(void **state)
{
    (void)state;
    for (unsigned long long seed = 1; seed <= 3; seed++) {
        mm_problem *p = generate(seed, 120);
        mm_preview_options o = MM_PREVIEW_OPTIONS_INIT;
        mm_preview_set *one = NULL, *two = NULL;
        o.samples = 40;
        o.seed = seed;
        o.jobs = 1;
        assert_int_equal(mm_preview_all(&one, p, NULL, 0, &o, NULL), 0);
        o.jobs = 2;
        assert_int_equal(mm_preview_all(&two, p, NULL, 0, &o, NULL), 0);
        assert_memory_equal(one->placed, two->placed, p->n_apps * sizeof *one->placed);
        mm_preview_set_free(one);
        mm_preview_set_free(two);
        mm_problem_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fast_samples_match_plain_solves),
        cmocka_unit_test(counts_do_not_depend_on_jobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
