/* stable-optimal: the contract's objective over stable matchings only.
 *
 * 1. The stable strategy's choice, when it has no blocking pair, is a stable
 *    matching in hand: the incumbent, and the answer if time runs out.
 * 2. stable_reduce.h proves most variables 0 in every stable matching and
 *    some students assigned; the program keeps the rest (stable_program.h).
 * 3. Solve; each blocking pair x of the solution gets its exact "x does not
 *    block" constraint; solve again. Every constraint holds in every stable
 *    matching and removes exactly the solutions where its x blocks, so the
 *    first stable solution is optimal among stable matchings, and an
 *    infeasible program proves that none exists. Then the result is the
 *    stable strategy's choice with status infeasible, as when time runs out
 *    without a stable matching in hand (exit 4). */
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "stable_hr.h"
#include "stable_program.h"
#include "stable_rotation.h"
#include "strategy.h"

/* Blocking pairs cut per round: enough to settle most in one round, few
 * enough that the program grows by what the solutions actually violate. */
#define CUTS_PER_ROUND 4096
/* From this many alive variables on, GLPK's Gomory cuts at the root node
 * only (stable_hr.h): each costs a row of the simplex tableau, O(the
 * matrix), and at every node they took half the search on the 50,000-student tier (14,511
 * alive), which then proved in 400 s of CPU instead of running out at 900 s
 * wall; on the 6,000-student tier (2,255 alive) they pay for themselves:
 * seeds 1-3 took 6.3-8.9 s of CPU with them at the root only, 5.4-6.5 s
 * with them everywhere. */
size_t mm_stable_root_gomory_from = 8000;
/* A lazy row goes in when a node's LP optimum misses it by more than this. */
#define LP_EPS 1e-6

typedef struct {
    const mm_strategy_input *in;
    mm_stability st;
    mm_stable_reducer red;
    mm_stable_program sp;
    unsigned char *known;   /* the stable strategy's choice */
    mm_status known_status;
    size_t known_blocking;
    uint32_t *blocking;     /* scratch: blocking pairs of a solution */
    unsigned char *chosen;  /* scratch: a solution in the full model */
    double *score, *count;  /* per column of the program */
    size_t rounds;
    int root_gomory;
    /* Upper bounds on the best stable matching, for a run a limit stops:
     * the trivial ones, tightened by the search's (tighten_bounds). */
    double bound_count, bound_score;
} search;

/* The stable strategy's choice and how it stands. */
static int take_known(search *s, mm_strategy_output *out)
{
    const mm_model *m = s->in->m;
    int rc = mm_strategy_function(MM_STRATEGY_STABLE)(s->in, out);

    if (rc != 0)
        return rc;
    memcpy(s->known, out->chosen, m->n_vars);
    s->known_status = out->status;
    s->known_blocking = mm_stability_count(&s->st, s->known, NULL, 0);
    return 0;
}

/* Out of time, or no stable matching: the stable strategy's choice. */
static int fall_back(search *s, mm_strategy_output *out, int no_stable_exists)
{
    const mm_strategy_input *in = s->in;

    memcpy(out->chosen, s->known, in->m->n_vars);
    out->status = s->known_status;
    /* Under "score" the count is no objective: the result holds its own. */
    out->bound_assigned = in->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE
                              ? (size_t)(s->bound_count + 0.5)
                              : 0;
    out->bound_score = s->bound_score;
    if (s->known_blocking > 0 && no_stable_exists)
        out->status = MM_STATUS_INFEASIBLE;
    if (s->known_blocking > 0 && !no_stable_exists)
        return MM_ENOSOLUTION; /* out of time with no stable matching in hand */
    return 0;
}

/* No stable matching among the program's solutions: none exists, unless
 * the instance has no solution at all (then MM_EINFEASIBLE, for the usual
 * diagnosis). The stable strategy's choice meeting every row shows one. */
static int none_stable(search *s, mm_strategy_output *out)
{
    const mm_strategy_input *in = s->in;
    mm_glpk_objective obj = {in->score, 0, NULL, 0, NULL, NULL, NULL};
    mm_glpk_outcome outcome;
    int rc;

    if (s->known_status == MM_STATUS_FEASIBLE)
        return fall_back(s, out, 1);
    rc = mm_glpk_solve(in->m, &obj, in->limits, &outcome);
    mm_free(outcome.chosen);
    if (rc == 0 && outcome.kind == MM_OUTCOME_INFEASIBLE)
        return MM_EINFEASIBLE;
    if (rc == 0 && outcome.kind == MM_OUTCOME_NO_SOLUTION)
        return fall_back(s, out, 0);
    return rc ? rc : fall_back(s, out, 1);
}

/* The objective per column: the score, and 1 per alive variable for the
 * count; the z columns count for nothing. */
static int objective(search *s, mm_glpk_objective *obj)
{
    const mm_stable_program *sp = &s->sp;
    size_t n = sp->model.n_vars;
    double *score = mm_realloc(s->score, (n + 1) * sizeof *score);
    double *count = score ? mm_realloc(s->count, (n + 1) * sizeof *count) : NULL;

    if (score)
        s->score = score;
    if (count)
        s->count = count;
    if (!score || !count)
        return MM_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        score[k] = k < sp->n_real ? s->in->score[sp->original[k]] : 0;
        count[k] = k < sp->n_real;
    }
    /* The count as a leading objective: the z columns stay out of it. */
    *obj = (mm_glpk_objective){score, 0, (const double *const *)&s->count, 0, NULL, NULL, NULL};
    obj->n_lead = s->in->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE;
    return 0;
}

/* Lazy rows inside branch and bound (mm_glpk_rows_fn). */
static int lazy_rows(const double *x, void *context)
{
    search *s = context;
    size_t added;

    return mm_stable_program_separate_lazy(&s->sp, x, LP_EPS, &added);
}

/* A limit stopped a round: its search's bounds hold for every stable
 * matching too (each is a solution of the program, reduced or not). */
static void tighten_bounds(search *s, const mm_glpk_outcome *outcome, int count_leads)
{
    if (count_leads && outcome->bound_lead < s->bound_count)
        s->bound_count = floor(outcome->bound_lead + 1e-6);
    if (outcome->bound_score < s->bound_score)
        s->bound_score = outcome->bound_score;
}

/* One round. @return 0 (a stable solution: out filled), 1 (cuts added),
 * 2 (no stable solution), 3 (a limit struck), or an MM_E* code. */
static int round_of_cuts(search *s, mm_strategy_output *out)
{
    const mm_model *m = s->in->m;
    mm_glpk_objective obj;
    mm_glpk_outcome outcome = {0};
    /* GLPK's cuts: these programs' bounds are loose (measured: a round on
     * the 6,000-student tier went from stalling at 2% to 23 s). */
    mm_glpk_lazy lazy = {lazy_rows, s, 1, s->sp.n_real >= mm_stable_root_gomory_from};
    size_t n_blocking, before = s->sp.n_cuts;
    double *value;
    int rc = objective(s, &obj);

    s->root_gomory = lazy.root_gomory;
    if (rc == 0)
        rc = mm_glpk_solve_lazy(&s->sp.model, &obj, s->in->limits,
                                mm_stable_program_start(&s->sp), &lazy, &outcome);
    if (rc == 0 && (outcome.kind == MM_OUTCOME_LIMITED || outcome.kind == MM_OUTCOME_NO_SOLUTION))
        tighten_bounds(s, &outcome, obj.n_lead > 0);
    if (rc != 0 || outcome.kind != MM_OUTCOME_OPTIMAL) {
        mm_free(outcome.chosen);
        return rc ? rc : outcome.kind == MM_OUTCOME_INFEASIBLE ? 2 : 3;
    }
    memset(s->chosen, 0, m->n_vars);
    for (size_t k = 0; k < s->sp.n_real; k++)
        s->chosen[s->sp.original[k]] = outcome.chosen[k];
    n_blocking = mm_stability_count(&s->st, s->chosen, s->blocking, CUTS_PER_ROUND);
    value = n_blocking ? mm_malloc((s->sp.model.n_vars + 1) * sizeof *value) : NULL;
    if (n_blocking && !value)
        rc = MM_ENOMEM;
    for (size_t k = 0; value && k < s->sp.model.n_vars; k++)
        value[k] = outcome.chosen[k];
    mm_free(outcome.chosen);
    for (size_t k = 0; rc == 0 && k < n_blocking && k < CUTS_PER_ROUND; k++)
        rc = mm_stable_program_cut(&s->sp, s->blocking[k], value);
    mm_free(value);
    if (rc == 0 && n_blocking == 0) {
        memcpy(out->chosen, s->chosen, m->n_vars);
        out->status = MM_STATUS_OPTIMAL;
        out->bound_assigned = (size_t)(outcome.bound_count + 0.5);
        out->bound_score = outcome.bound_score;
    }
    /* A pair that blocks despite its exact constraint: a bug, not an answer. */
    if (rc == 0 && n_blocking > 0 && s->sp.n_cuts == before)
        rc = MM_EINTERNAL;
    return rc ? rc : n_blocking > 0;
}

/* The rotation poset's cut (stable_rotation.h). @return 0 with *solved
 * set, or MM_ENOMEM; MM_EINTERNAL (the shape failed it) leaves *solved 0. */
static int solve_by_rotations(search *s, int *solved)
{
    int64_t *places = mm_malloc((s->in->p->n_mentors + 1) * sizeof *places);
    int rc = places ? mm_stable_hr_places(&s->st, places) : MM_ENOMEM;

    if (rc == 0)
        rc = mm_stable_rotation_solve(&s->st, places, s->in->score, s->chosen, NULL);
    mm_free(places);
    *solved = rc == 0;
    return rc == MM_EINTERNAL ? 0 : rc;
}

/* Hospitals/residents (stable_hr.h): the rotations or the integral LP,
 * checked. @return 0 with *done set when solved; *done 0: the exact rows
 * take over. */
static int solve_hr(search *s, mm_stable_method method, mm_strategy_output *out, int *done)
{
    const mm_strategy_input *in = s->in;
    mm_glpk_objective obj = {in->score, in->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE,
                             NULL, 0, NULL, NULL, NULL};
    int solved, rc;

    *done = 0;
    if (method == MM_STABLE_BY_ROWS || !mm_stable_hr_applies(&s->st))
        return 0;
    if (method == MM_STABLE_BY_ROTATIONS)
        rc = solve_by_rotations(s, &solved);
    else
        rc = mm_stable_hr_solve(&s->st, &obj, in->limits, s->chosen, &solved);
    if (rc == MM_ENOSOLUTION)
        return fall_back(s, out, 0);
    if (rc != 0 || !solved || mm_stability_count(&s->st, s->chosen, NULL, 0) != 0)
        return rc;
    memcpy(out->chosen, s->chosen, in->m->n_vars);
    out->status = MM_STATUS_OPTIMAL;
    out->bound_assigned = 0;
    out->bound_score = 0;
    for (size_t v = 0; v < in->m->n_vars; v++)
        if (s->chosen[v]) {
            out->bound_assigned++;
            out->bound_score += in->score[v];
        }
    *done = 1;
    return 0;
}

static int solve(search *s, mm_strategy_output *out)
{
    const unsigned char *start = NULL;
    int rc;

    if (s->red.no_stable)
        return none_stable(s, out);
    if (s->known_blocking == 0 && s->known_status == MM_STATUS_FEASIBLE)
        start = s->known;
    rc = mm_stable_program_init(&s->sp, &s->red, start);
    for (int cuts_added = rc == 0; cuts_added;) {
        rc = round_of_cuts(s, out);
        s->rounds++;
        cuts_added = rc == 1;
    }
    if (rc == 2)
        return none_stable(s, out);
    return rc == 3 ? fall_back(s, out, 0) : rc;
}

int mm_stable_optimal_run(const mm_strategy_input *in, mm_strategy_output *out,
                          mm_stable_method method, mm_stable_run_stats *stats)
{
    size_t n = in->m->n_vars + 1;
    search s = {0};
    int rc, done = 0;

    s.in = in;
    s.bound_count = mm_trivial_score_bound(in->m, NULL);
    s.bound_score = mm_trivial_score_bound(in->m, in->score);
    s.known = mm_malloc(n);
    s.chosen = mm_malloc(n);
    s.blocking = mm_malloc(CUTS_PER_ROUND * sizeof *s.blocking);
    rc = s.known && s.chosen && s.blocking ? mm_stability_init(&s.st, in->p, in->m) : MM_ENOMEM;
    if (rc == 0)
        rc = take_known(&s, out);
    if (rc == 0)
        rc = solve_hr(&s, method, out, &done);
    if (rc == 0 && !done)
        rc = mm_stable_reduce(&s.red, &s.st);
    if (rc == 0 && !done)
        rc = solve(&s, out);
    if (stats)
        *stats = (mm_stable_run_stats){done, s.rounds, s.root_gomory};
    mm_stable_program_dispose(&s.sp);
    mm_stable_reducer_dispose(&s.red);
    mm_stability_dispose(&s.st);
    mm_free(s.known);
    mm_free(s.chosen);
    mm_free(s.blocking);
    mm_free(s.score);
    mm_free(s.count);
    return rc;
}

int mm_strategy_stable_optimal(const mm_strategy_input *in, mm_strategy_output *out)
{
    return mm_stable_optimal_run(in, out, MM_STABLE_BY_ROTATIONS, NULL);
}
