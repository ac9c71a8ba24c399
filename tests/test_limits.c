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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"
#include "mentormatch/generate.h"
#include "model.h"
#include "solve.h"
#include "solve_glpk.h"
#include "solve_network.h"

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
    mm_glpk_objective obj = {score, 1, NULL, 0, NULL, NULL, NULL};
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
    mm_glpk_objective obj = {score, 1, NULL, 0, NULL, NULL, NULL};
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
    mm_glpk_objective obj = {score, 1, NULL, 0, NULL, NULL, NULL};
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
        mm_glpk_objective obj = {score, count_first, NULL, 0, NULL, NULL, NULL};
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
    mm_glpk_objective obj = {score, 1, NULL, 0, NULL, NULL, NULL};
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

/* ------------------------------------------------ the network stage -- */

/* A program with orgs and conflicts, so the flow solves a relaxation and
 * GLPK finishes from its repaired optimum: the case, smaller. */
static mm_problem *program_with_orgs_and_conflicts(void)
{
    mm_generate_options o = MM_GENERATE_OPTIONS_INIT;
    char *doc = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&doc, &len);
    mm_problem *p = NULL;

    o.students = 3000;
    o.ideas = 600;
    o.mentors = 300;
    o.orgs = 10;
    o.apps = 5;
    o.conflicts = 50;
    o.seed = 2;
    assert_non_null(f);
    assert_int_equal(mm_generate(&o, f), 0);
    fclose(f);
    assert_int_equal(mm_problem_read_buffer(&p, doc, len, NULL, NULL), 0);
    free(doc);
    return p;
}

/* The hook for a stop that stays: at the k-th check of the limits, in
 * the network or in GLPK, and at every check after it, as a signal. */
typedef struct {
    long calls, network_calls, stop_at_call;
} stop_count;

static int stop_at_check(const char *phase, void *context)
{
    stop_count *s = context;

    s->calls++;
    s->network_calls += strcmp(phase, "network") == 0;
    return s->stop_at_call > 0 && s->calls >= s->stop_at_call;
}

/* No student left out could be added: every variable of theirs is in a
 * row already at its cap. */
static int maximal(const mm_model *m, const unsigned char *chosen, const mm_problem *p)
{
    unsigned char *blocked = calloc(m->n_vars + 1, 1), *placed = calloc(p->n_students + 1, 1);
    int ok = 1;

    assert_non_null(blocked);
    assert_non_null(placed);
    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        int64_t sum = 0;
        for (uint32_t k = 0; k < row->count; k++)
            sum += chosen[m->row_vars[row->begin + k]];
        for (uint32_t k = 0; row->hi != MM_NO_LIMIT && sum >= row->hi && k < row->count; k++)
            blocked[m->row_vars[row->begin + k]] = 1;
    }
    for (size_t v = 0; v < m->n_vars; v++)
        placed[m->vars[v].student] |= chosen[v];
    for (size_t v = 0; v < m->n_vars; v++)
        if (!placed[m->vars[v].student] && !blocked[v])
            ok = 0;
    free(blocked);
    free(placed);
    return ok;
}

static double score_of(const mm_model *m, const double *score, const unsigned char *chosen,
                       double *count)
{
    double sum = 0;

    *count = 0;
    for (size_t v = 0; v < m->n_vars; v++)
        if (chosen[v]) {
            *count += 1;
            sum += score[v];
        }
    return sum;
}

/* A stop anywhere in the network stage (the relaxation's flow, the
 * restrictions' flows) or in GLPK after it: what comes back is feasible
 * and maximal, never "no solution" and never the few students the flow
 * had routed when it stopped; the bounds never below it. A stop in GLPK
 * alone returns the repaired optimum it started from, as good. */
static void test_a_stop_in_the_network_stage_keeps_a_maximal_solution(void **state)
{
    mm_problem *p = program_with_orgs_and_conflicts();
    mm_model m;
    double *score, count, got, start_score = -1;
    stop_count unstopped = {0, 0, 0};
    mm_glpk_limits limits = {.stop_at = stop_at_check, .stop_context = &unstopped};
    mm_glpk_objective obj = {NULL, 1, NULL, 0, NULL, NULL, NULL};
    mm_glpk_outcome out;
    const char *used;
    long in_network, step;

    (void)state;
    assert_int_equal(mm_model_build(&m, p), 0);
    obj.score = score = mm_model_scores(&m, p);
    assert_int_equal(mm_program_solve(p, &m, &obj, &limits, MM_SOLVER_AUTO, &out, &used, NULL), 0);
    assert_int_equal(out.kind, MM_OUTCOME_OPTIMAL);
    assert_string_equal(used, "network+glpk"); /* the case wanted: relaxed, then GLPK */
    free(out.chosen);
    in_network = unstopped.network_calls;
    assert_true(in_network >= 8 && unstopped.calls > in_network);
    step = in_network / 8;
    for (long k = 1; k <= unstopped.calls; k = k < 4 || (k > in_network - step && k <= in_network) ? k + 1 : k + step) {
        stop_count stop = {0, 0, k};
        limits.stop_context = &stop;
        assert_int_equal(mm_program_solve(p, &m, &obj, &limits, MM_SOLVER_AUTO, &out, &used, NULL), 0);
        if (out.kind != MM_OUTCOME_LIMITED || !out.chosen)
            fail_msg("a stop at check %ld (the network checks %ld times): no solution came back "
                     "(kind %d)", k, in_network, (int)out.kind);
        assert_true(mm_model_satisfied(&m, out.chosen));
        got = score_of(&m, score, out.chosen, &count);
        if (!maximal(&m, out.chosen, p))
            fail_msg("a stop at check %ld (the network checks %ld times): %g students scoring %g, "
                     "not maximal (students left out who fit)", k, in_network, count, got);
        assert_true(out.bound_count >= count && out.bound_score >= got - 1e-9);
        if (k == in_network + 1) /* GLPK's first check: the repaired optimum it starts from */
            start_score = got;
        if (k > in_network + 1 && got < start_score - 1e-9)
            fail_msg("a stop at check %ld, in GLPK: %.9g, below its start's %.9g", k, got, start_score);
        free(out.chosen);
    }
    assert_true(start_score > 0);
    free(score);
    mm_model_dispose(&m);
    mm_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_limit_before_the_score_phase_keeps_the_better_start),
        cmocka_unit_test(test_a_signal_before_the_score_phase_keeps_the_better_start),
        cmocka_unit_test(test_a_limit_before_any_incumbent_keeps_the_start),
        cmocka_unit_test(test_without_a_limit_the_optimum_stands),
        cmocka_unit_test(test_a_stop_in_the_network_stage_keeps_a_maximal_solution),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
