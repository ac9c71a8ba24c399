/* Strategies solved as programs over the same model as ilp:
 *  - rank-maximal: most rank-1 assignments, then most rank-2, ... (Irving,
 *    Kavitha, Mehlhorn, Michail, Paluch 2006), then the contract's objective
 *    among those, as a sequence of integer programs;
 *  - lp: the LP relaxation's optimum, a bound on the contract's objective. */
#include <math.h>
#include <stdlib.h>

#include "alloc.h"
#include "strategy.h"
#include "solve.h"

/* At most this many distinct ranks are separated (phases of a solve). */
#define MAX_RANK_PHASES 64

int mm_lower_bounds_met(const mm_problem *p, const mm_model *m, const unsigned char *chosen)
{
    int64_t *load = mm_calloc(p->n_mentors + 1, sizeof *load);
    int met = load != NULL;

    for (size_t v = 0; met && v < m->n_vars; v++)
        load[m->vars[v].mentor] += chosen[v];
    for (size_t k = 0; met && k < p->n_mentors; k++)
        met = load[k] >= p->mentors[k].min_load;
    for (size_t k = 0; met && k < p->n_fixed; k++) {
        const mm_pair_rule *rule = &p->fixed[k];
        int made = 0;
        if (rule->app == MM_NONE)
            continue;
        for (uint32_t v = m->app_first_var[rule->app]; v < m->app_first_var[rule->app + 1]; v++)
            made |= chosen[v] && (rule->mentor == MM_NONE || m->vars[v].mentor == rule->mentor);
        met = made;
    }
    mm_free(load);
    return met;
}

static int compare_ranks(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The distinct ranks of the model's variables, best first; @return how many. */
static size_t distinct_ranks(const mm_strategy_input *in, int64_t *ranks)
{
    size_t n = 0, kept = 0;

    for (size_t v = 0; v < in->m->n_vars; v++)
        ranks[n++] = in->p->apps[in->m->vars[v].app].rank;
    qsort(ranks, n, sizeof *ranks, compare_ranks);
    for (size_t k = 0; k < n && kept < MAX_RANK_PHASES; k++)
        if (kept == 0 || ranks[k] != ranks[kept - 1])
            ranks[kept++] = ranks[k];
    return kept;
}

static int copy_outcome(const mm_glpk_outcome *outcome, const mm_model *m, mm_strategy_output *out)
{
    switch (outcome->kind) {
    case MM_OUTCOME_INFEASIBLE: return MM_EINFEASIBLE;
    case MM_OUTCOME_NO_SOLUTION: return MM_ENOSOLUTION;
    default: break;
    }
    for (size_t v = 0; v < m->n_vars; v++)
        out->chosen[v] = outcome->chosen[v];
    out->status = outcome->kind == MM_OUTCOME_OPTIMAL ? MM_STATUS_OPTIMAL
                  : outcome->stopped                  ? MM_STATUS_INTERRUPTED
                                                      : MM_STATUS_FEASIBLE;
    out->bound_assigned = (size_t)(outcome->bound_count + 0.5);
    out->bound_score = outcome->bound_score;
    return 0;
}

/* One leading objective per distinct rank, as the network flow (in phases)
 * or GLPK (one program per phase) solves them, whichever proves it. */
int mm_strategy_rank_maximal(const mm_strategy_input *in, mm_strategy_output *out)
{
    const mm_model *m = in->m;
    int64_t *ranks = mm_malloc((m->n_vars + 1) * sizeof *ranks);
    double *coef = NULL;
    const double *lead[MAX_RANK_PHASES];
    mm_glpk_objective obj = {in->score, in->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE,
                             lead, 0, NULL, NULL, NULL};
    mm_glpk_outcome outcome = {0};
    int rc = MM_ENOMEM;

    if (ranks)
        obj.n_lead = distinct_ranks(in, ranks);
    if (ranks && (coef = mm_calloc(obj.n_lead * m->n_vars + 1, sizeof *coef))) {
        for (size_t k = 0; k < obj.n_lead; k++) {
            for (size_t v = 0; v < m->n_vars; v++)
                coef[k * m->n_vars + v] = in->p->apps[m->vars[v].app].rank == ranks[k];
            lead[k] = coef + k * m->n_vars;
        }
        rc = mm_program_solve(in->p, m, &obj, in->limits, in->solver, &outcome, &out->solver,
                              in->diags);
    }
    if (rc == 0)
        rc = copy_outcome(&outcome, m, out);
    mm_free(outcome.chosen);
    mm_free(coef);
    mm_free(ranks);
    return rc;
}

/* Where the network flow proves the integer optimum, that optimum is also
 * the LP relaxation's: the flow's own LP is a relaxation of the model's and
 * has an integral optimum the model allows. @return 0 with *done set when
 * it applied. */
static int lp_by_network(const mm_strategy_input *in, mm_strategy_output *out, int *done,
                         const char **why)
{
    mm_glpk_outcome outcome;
    mm_network_report report;
    mm_glpk_objective obj = {in->score, in->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE,
                             NULL, 0, NULL, NULL, NULL};
    double count = 0, score = 0;
    int rc = mm_network_solve(in->p, in->m, &obj, in->limits, &outcome, &report);

    *done = rc == 0 && report.verdict == MM_NETWORK_SOLVED && outcome.kind == MM_OUTCOME_OPTIMAL;
    *why = report.verdict == MM_NETWORK_SOLVED ? NULL : report.why;
    for (size_t v = 0; *done && v < in->m->n_vars; v++) {
        out->chosen[v] = outcome.chosen[v];
        count += outcome.chosen[v];
        score += outcome.chosen[v] ? in->score[v] : 0;
    }
    if (*done) {
        out->integral = 1;
        out->status = MM_STATUS_OPTIMAL;
        out->bound_assigned = (size_t)count;
        out->bound_score = score;
    }
    mm_free(outcome.chosen);
    mm_free(report.keep);
    return rc;
}

int mm_strategy_lp(const mm_strategy_input *in, mm_strategy_output *out)
{
    const mm_model *m = in->m;
    double *x, count, score;
    mm_glpk_objective obj = {in->score, in->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE,
                             NULL, 0, NULL, NULL, NULL};
    const char *why = NULL;
    int done = 0, rc = in->solver == MM_SOLVER_GLPK ? 0 : lp_by_network(in, out, &done, &why);

    out->solver = done ? "network" : "glpk";
    if (rc != 0 || done)
        return rc;
    /* A flow that ran to its end (infeasible, or stopped) says so through
     * GLPK as under auto; one that cannot hold the model refuses. */
    if (in->solver == MM_SOLVER_NETWORK && why)
        return mm_network_refused(in->diags, why);
    x = mm_malloc((m->n_vars + 1) * sizeof *x);
    rc = x ? mm_glpk_relaxation(m, &obj, in->limits, x, &count, &score) : MM_ENOMEM;

    if (rc == 0) {
        out->integral = 1;
        for (size_t v = 0; v < m->n_vars; v++) {
            out->chosen[v] = x[v] > 1 - 1e-9; /* the whole part: every upper cap holds */
            out->integral &= x[v] < 1e-9 || x[v] > 1 - 1e-9;
        }
        out->status = out->integral                                      ? MM_STATUS_OPTIMAL
                      : mm_lower_bounds_met(in->p, m, out->chosen) ? MM_STATUS_FEASIBLE
                                                                          : MM_STATUS_INFEASIBLE;
        /* Each phase's optimum is kept within 1e-9 relative: undo that here. */
        out->bound_assigned = (size_t)floor(count + 1e-6 * (1 + count));
        out->bound_score = score;
    }
    mm_free(x);
    return rc;
}
