/* A limit never returns worse than what the run already held (issue 14):
 * whatever stops GLPK's phases, the solution returned is the best by the
 * whole objective among the start and every incumbent, and the bounds are
 * never below it. The stop is placed by the limits' test hook at a chosen
 * phase, never by a clock. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "solve_glpk.h"

#define N 4 /* students, and ideas of one slot each: every student applies to all */

/* The complete N x N assignment model: variable s * N + i puts student s on
 * idea i; a row per student and per idea, each at most 1. Its LP optimum
 * for the count alone is integral, so GLPK keeps it as the count phase's
 * incumbent without asking for a heuristic solution: the start is never
 * offered there. */
typedef struct {
    mm_var vars[N * N];
    mm_row rows[2 * N];
    uint32_t row_vars[2 * N * N];
    uint32_t app_first_var[N * N + 1];
    mm_model m;
} assignment;

static void make_assignment(assignment *a)
{
    uint32_t e = 0;

    memset(a, 0, sizeof *a);
    for (uint32_t v = 0; v < N * N; v++) {
        a->vars[v] = (mm_var){v, v % N, v / N};
        a->app_first_var[v] = v;
    }
    a->app_first_var[N * N] = N * N;
    for (uint32_t s = 0; s < N; s++) {
        a->rows[s] = (mm_row){MM_ROW_STUDENT, s, 0, 1, e, N};
        for (uint32_t i = 0; i < N; i++)
            a->row_vars[e++] = s * N + i;
    }
    for (uint32_t i = 0; i < N; i++) {
        a->rows[N + i] = (mm_row){MM_ROW_IDEA, i, 0, 1, e, N};
        for (uint32_t s = 0; s < N; s++)
            a->row_vars[e++] = s * N + i;
    }
    a->m = (mm_model){a->vars, N * N, a->rows, 2 * N, a->row_vars, NULL, e, a->app_first_var};
}

/* The hook: stop once the phase named in context runs. */
static int stop_in(const char *phase, void *context)
{
    return strcmp(phase, (const char *)context) == 0;
}

/* The hook for a signal: it arrives once the phase named runs. */
static volatile sig_atomic_t signalled;

static int signal_in(const char *phase, void *context)
{
    if (strcmp(phase, (const char *)context) == 0)
        signalled = 1;
    return signalled;
}

static double total(const unsigned char *chosen, const double *score, double *count)
{
    double sum = 0;

    *count = 0;
    for (size_t v = 0; v < N * N; v++)
        if (chosen[v]) {
            *count += 1;
            sum += score[v];
        }
    return sum;
}

/* The count phase's own incumbent C (the stop before the score phase
 * returns it: it is all the run held), then a start S as large but better
 * by score, disjoint from C: student s takes the idea C gives s + 1. The
 * count phase ignores the score, so it keeps C whatever the scores. */
static void count_incumbent_and_better_start(const assignment *a, unsigned char *c,
                                             unsigned char *start, double *score)
{
    mm_glpk_limits limits = {.stop_at = stop_in, .stop_context = (void *)"score"};
    mm_glpk_objective obj = {score, 1, NULL, 0};
    mm_glpk_outcome out;
    int idea_of[N];
    double count;

    for (size_t v = 0; v < N * N; v++)
        score[v] = 1;
    assert_int_equal(mm_glpk_solve(&a->m, &obj, &limits, &out), 0);
    assert_int_equal(out.kind, MM_OUTCOME_LIMITED);
    total(out.chosen, score, &count);
    assert_true(count == N);
    memcpy(c, out.chosen, N * N);
    free(out.chosen);
    for (size_t v = 0; v < N * N; v++)
        if (c[v])
            idea_of[v / N] = (int)(v % N);
    memset(start, 0, N * N);
    for (int s = 0; s < N; s++)
        start[s * N + idea_of[(s + 1) % N]] = 1;
    for (size_t v = 0; v < N * N; v++)
        score[v] = start[v] ? 10 : 1;
}

static void assert_start_returned(const mm_glpk_outcome *out, const unsigned char *start,
                                  const double *score)
{
    double count, got;

    assert_int_equal(out->kind, MM_OUTCOME_LIMITED);
    got = total(out->chosen, score, &count);
    if (memcmp(out->chosen, start, N * N) != 0)
        fail_msg("the limit returned %g assignments scoring %g, worse than the start's %d "
                 "scoring %d",
                 count, got, N, 10 * N);
    assert_true(out->bound_count >= count);
    assert_true(out->bound_score >= got);
}

/* The case: the count phase keeps an incumbent as large as the
 * start but worse by score, and the limit strikes as the score phase
 * begins. The start comes back, not the count phase's incumbent. */
static void test_a_limit_before_the_score_phase_keeps_the_better_start(void **state)
{
    assignment a;
    unsigned char c[N * N], start[N * N];
    double score[N * N];
    mm_glpk_limits limits = {.stop_at = stop_in, .stop_context = (void *)"score"};
    mm_glpk_objective obj = {score, 1, NULL, 0};
    mm_glpk_outcome out;

    (void)state;
    make_assignment(&a);
    count_incumbent_and_better_start(&a, c, start, score);
    assert_int_equal(mm_glpk_solve_from(&a.m, &obj, &limits, start, &out), 0);
    assert_start_returned(&out, start, score);
    assert_int_equal(out.stopped, 0);
    free(out.chosen);
}

/* The same stop as a signal (the stop flag), reported as stopped. */
static void test_a_signal_before_the_score_phase_keeps_the_better_start(void **state)
{
    assignment a;
    unsigned char c[N * N], start[N * N];
    double score[N * N];
    mm_glpk_limits limits = {.stop = &signalled, .stop_at = signal_in, .stop_context = (void *)"score"};
    mm_glpk_objective obj = {score, 1, NULL, 0};
    mm_glpk_outcome out;

    (void)state;
    make_assignment(&a);
    count_incumbent_and_better_start(&a, c, start, score);
    signalled = 0;
    assert_int_equal(mm_glpk_solve_from(&a.m, &obj, &limits, start, &out), 0);
    assert_start_returned(&out, start, score);
    assert_int_equal(out.stopped, 1);
    free(out.chosen);
}

/* A limit before GLPK holds any solution of its own: the start is held,
 * so it comes back (not "no solution"), under either objective. */
static void test_a_limit_before_any_incumbent_keeps_the_start(void **state)
{
    assignment a;
    unsigned char c[N * N], start[N * N];
    double score[N * N];
    mm_glpk_outcome out;

    (void)state;
    make_assignment(&a);
    count_incumbent_and_better_start(&a, c, start, score);
    for (int count_first = 0; count_first <= 1; count_first++) {
        const char *first = count_first ? "count" : "score";
        mm_glpk_limits limits = {.stop_at = stop_in, .stop_context = (void *)first};
        mm_glpk_objective obj = {score, count_first, NULL, 0};
        assert_int_equal(mm_glpk_solve_from(&a.m, &obj, &limits, start, &out), 0);
        assert_start_returned(&out, start, score);
        free(out.chosen);
    }
}

/* Without a stop the optimum is proven, and it is the start's score; a
 * start that breaks a row is not held. */
static void test_without_a_limit_the_optimum_stands(void **state)
{
    assignment a;
    unsigned char c[N * N], start[N * N];
    double score[N * N], count;
    mm_glpk_limits limits = {0};
    mm_glpk_objective obj = {score, 1, NULL, 0};
    mm_glpk_outcome out;

    (void)state;
    make_assignment(&a);
    count_incumbent_and_better_start(&a, c, start, score);
    assert_int_equal(mm_glpk_solve_from(&a.m, &obj, &limits, start, &out), 0);
    assert_int_equal(out.kind, MM_OUTCOME_OPTIMAL);
    assert_true(total(out.chosen, score, &count) == 10 * N && count == N);
    assert_true(out.bound_count == N && out.bound_score == 10 * N);
    free(out.chosen);
    /* Every student on idea 0 breaks idea 0's row: never returned. */
    memset(start, 0, sizeof start);
    for (int s = 0; s < N; s++)
        start[s * N] = 1;
    limits = (mm_glpk_limits){.stop_at = stop_in, .stop_context = (void *)"count"};
    assert_int_equal(mm_glpk_solve_from(&a.m, &obj, &limits, start, &out), 0);
    assert_int_equal(out.kind, MM_OUTCOME_NO_SOLUTION);
    free(out.chosen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_limit_before_the_score_phase_keeps_the_better_start),
        cmocka_unit_test(test_a_signal_before_the_score_phase_keeps_the_better_start),
        cmocka_unit_test(test_a_limit_before_any_incumbent_keeps_the_start),
        cmocka_unit_test(test_without_a_limit_the_optimum_stands),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
