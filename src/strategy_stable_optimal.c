/* stable-optimal: the contract's objective over stable matchings only.
 *
 * Solve the integer program; if its solution x* has blocking pairs
 * (stability.c's definition), cut each one off and solve again. With s's
 * variables as in x*, a pair q = (s, i, m) can only stop blocking if one of
 * q's caps that is not full in x* (and does not count s) fills up, which
 * needs one of its variables to go from 0 to 1, or if a student who could
 * be m's witness (a non-fixed student of m ranked below s) leaves. So
 *     sum over s's variables of [changes] + sum over 0-variables of those
 *     caps of x_v + sum over those students' variables of (1 - x_v) >= 1
 * removes only solutions in which q still blocks. The program cap joins the
 * non-full caps only when s is unassigned and m has no such student (else
 * the witnesses cover it). The first stable solution found is optimal among
 * stable ones. With no stable matching at all the cuts end in an infeasible
 * program; the stable strategy's choice is returned, with status infeasible. */
#include "alloc.h"
#include "stability.h"
#include "strategy.h"

#define CUTS_PER_ROUND 256

/* Variables grouped by idea, mentor and org (CSR), for the supports. */
typedef struct {
    uint32_t *start[3], *items[3];
} var_index;

static int index_by(const mm_strategy_input *in, int kind, size_t n_keys, var_index *ix)
{
    const mm_model *m = in->m;
    uint32_t *start = mm_calloc(n_keys + 2, sizeof *start), *fill = NULL, *items = NULL;

    if (start)
        fill = mm_calloc(n_keys + 1, sizeof *fill);
    if (fill)
        items = mm_malloc((m->n_vars + 1) * sizeof *items);
    ix->start[kind] = start;
    ix->items[kind] = items;
    if (!items) {
        mm_free(fill);
        return MM_ENOMEM;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t v = 0; v < m->n_vars; v++) {
            const mm_idea *idea = &in->p->ideas[in->p->apps[m->vars[v].app].idea];
            uint32_t key = kind == 0 ? in->p->apps[m->vars[v].app].idea
                           : kind == 1 ? m->vars[v].mentor
                                       : idea->org;
            if (key == MM_NONE)
                continue;
            if (pass == 0)
                start[key + 1]++;
            else
                items[start[key] + fill[key]++] = (uint32_t)v;
            if (pass == 0 && v + 1 == m->n_vars)
                for (size_t k = 0; k < n_keys; k++)
                    start[k + 1] += start[k];
        }
    mm_free(fill);
    return 0;
}

static void dispose_index(var_index *ix)
{
    for (int k = 0; k < 3; k++) {
        mm_free(ix->start[k]);
        mm_free(ix->items[k]);
    }
}

typedef struct {
    const mm_strategy_input *in;
    mm_model *work;
    var_index ix;
    uint32_t *mark, generation;
    uint32_t *vars;
    double *coef;
    size_t n;
} cutter;

static void add_to_support(cutter *c, uint32_t v, const unsigned char *chosen)
{
    if (c->mark[v] == c->generation)
        return;
    c->mark[v] = c->generation;
    c->vars[c->n] = v;
    c->coef[c->n++] = chosen[v] ? -1.0 : 1.0;
}

static int64_t load_of(const cutter *c, int kind, uint32_t key, const unsigned char *chosen)
{
    int64_t load = 0;

    for (uint32_t k = c->ix.start[kind][key]; k < c->ix.start[kind][key + 1]; k++)
        load += chosen[c->ix.items[kind][k]];
    return load;
}

/* The variables of a cap not yet full that could fill it (0 in x*). */
static void add_fillers(cutter *c, int kind, uint32_t key, int64_t cap, const unsigned char *chosen)
{
    if (key == MM_NONE || load_of(c, kind, key, chosen) >= cap)
        return;
    for (uint32_t k = c->ix.start[kind][key]; k < c->ix.start[kind][key + 1]; k++)
        if (!chosen[c->ix.items[kind][k]])
            add_to_support(c, c->ix.items[kind][k], chosen);
}

/* m's non-fixed students ranked below s: leaving, they stop being witnesses. */
static size_t add_witnesses(cutter *c, const mm_stability *st, uint32_t q, const unsigned char *chosen)
{
    const mm_model *m = c->in->m;
    uint32_t mentor = m->vars[q].mentor;
    size_t found = 0;

    for (uint32_t k = c->ix.start[1][mentor]; k < c->ix.start[1][mentor + 1]; k++) {
        uint32_t v = c->ix.items[1][k];
        if (chosen[v] && c->in->p->apps[m->vars[v].app].fixed == MM_NONE &&
            mm_stability_worse(st, v, q)) {
            add_to_support(c, v, chosen);
            found++;
        }
    }
    return found;
}

static int cut_off(cutter *c, const mm_stability *st, uint32_t q, const unsigned char *chosen)
{
    const mm_problem *p = c->in->p;
    const mm_model *m = c->in->m;
    const mm_student *student = &p->students[m->vars[q].student];
    uint32_t idea = p->apps[m->vars[q].app].idea, mentor = m->vars[q].mentor;
    uint32_t first = m->app_first_var[student->app_begin];
    uint32_t last = m->app_first_var[student->app_begin + student->app_count];
    int64_t held = 0;
    int s_assigned = 0;

    c->generation++;
    c->n = 0;
    for (uint32_t v = first; v < last; v++) {
        add_to_support(c, v, chosen);
        s_assigned |= chosen[v];
    }
    /* A cap that counts s (s's place lies in it) is never in s's way. */
    for (uint32_t v = first; v < last; v++) {
        if (!chosen[v])
            continue;
        s_assigned = 2 | (p->apps[m->vars[v].app].idea == idea) << 2 |
                     (m->vars[v].mentor == mentor) << 3 |
                     (p->ideas[p->apps[m->vars[v].app].idea].org == p->ideas[idea].org) << 4;
    }
    if (!(s_assigned & 4))
        add_fillers(c, 0, idea, p->ideas[idea].slots, chosen);
    if (!(s_assigned & 8))
        add_fillers(c, 1, mentor, p->mentors[mentor].capacity, chosen);
    if (!(s_assigned & 16) && p->ideas[idea].org != MM_NONE)
        add_fillers(c, 2, p->ideas[idea].org, p->orgs[p->ideas[idea].org].slots, chosen);
    if (add_witnesses(c, st, q, chosen) == 0 && !s_assigned && p->program_slots != MM_NO_LIMIT)
        for (size_t v = 0; v < m->n_vars; v++)
            if (!chosen[v])
                add_to_support(c, (uint32_t)v, chosen);
    for (size_t k = 0; k < c->n; k++)
        held += c->coef[k] < 0;
    return mm_model_push_cut(c->work, c->vars, c->coef, (uint32_t)c->n, 1 - held);
}

/* Fall back on the stable strategy's choice: the best at hand without a proof. */
static int fall_back(const mm_strategy_input *in, mm_strategy_output *out, int no_stable_exists)
{
    int rc = mm_strategy_function(MM_STRATEGY_STABLE)(in, out);
    size_t blocking = 0;

    if (rc == 0)
        rc = mm_blocking_pairs(&blocking, NULL, 0, in->p, in->m, out->chosen);
    if (rc == 0 && blocking > 0)
        out->status = no_stable_exists ? MM_STATUS_INFEASIBLE : out->status;
    if (rc == 0 && blocking > 0 && !no_stable_exists)
        return MM_ENOSOLUTION; /* out of time with no stable matching in hand */
    return rc;
}

/* One round: solve, and cut off what blocks. @return 0 (stable: done), 1
 * (cuts added), or an MM_E* code; MM_EINFEASIBLE when no stable solution. */
static int round_of_cuts(cutter *c, mm_stability *st, const mm_glpk_objective *obj,
                         mm_strategy_output *out, uint32_t *blocking)
{
    mm_glpk_outcome outcome;
    size_t n_blocking;
    int rc = mm_glpk_solve(c->work, obj, c->in->limits, &outcome);

    if (rc == 0 && outcome.kind == MM_OUTCOME_INFEASIBLE)
        rc = MM_EINFEASIBLE;
    else if (rc == 0 && outcome.kind != MM_OUTCOME_OPTIMAL)
        rc = MM_ENOSOLUTION;
    if (rc != 0) {
        mm_free(outcome.chosen);
        return rc;
    }
    n_blocking = mm_stability_count(st, outcome.chosen, blocking, CUTS_PER_ROUND);
    for (size_t k = 0; rc == 0 && k < n_blocking && k < CUTS_PER_ROUND; k++)
        rc = cut_off(c, st, blocking[k], outcome.chosen);
    if (rc == 0 && n_blocking == 0) {
        for (size_t v = 0; v < c->in->m->n_vars; v++)
            out->chosen[v] = outcome.chosen[v];
        out->status = MM_STATUS_OPTIMAL;
        out->bound_assigned = (size_t)(outcome.bound_count + 0.5);
        out->bound_score = outcome.bound_score;
    }
    mm_free(outcome.chosen);
    return rc ? rc : n_blocking > 0;
}

static int setup(cutter *c, mm_model *work, const mm_strategy_input *in)
{
    size_t n = in->m->n_vars + 1;

    c->in = in;
    c->work = work;
    c->mark = mm_calloc(n, sizeof *c->mark);
    c->vars = mm_malloc(n * sizeof *c->vars);
    c->coef = mm_malloc(n * sizeof *c->coef);
    if (!c->mark || !c->vars || !c->coef || index_by(in, 0, in->p->n_ideas, &c->ix) ||
        index_by(in, 1, in->p->n_mentors, &c->ix) || index_by(in, 2, in->p->n_orgs, &c->ix))
        return MM_ENOMEM;
    return mm_model_build(work, in->p);
}

int mm_strategy_stable_optimal(const mm_strategy_input *in, mm_strategy_output *out)
{
    mm_glpk_objective obj = {in->score, in->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE,
                             NULL, 0};
    cutter c = {0};
    mm_model work = {0};
    mm_stability st = {0};
    uint32_t *blocking = mm_malloc(CUTS_PER_ROUND * sizeof *blocking);
    int rc = blocking ? setup(&c, &work, in) : MM_ENOMEM;

    int rounds = 0;

    if (rc == 0)
        rc = mm_stability_init(&st, in->p, &work);
    while (rc == 0 && (rc = round_of_cuts(&c, &st, &obj, out, blocking)) == 1) {
        rc = 0;
        rounds++;
    }
    /* Infeasible before any cut: the instance itself, for the usual diagnosis. */
    if ((rc == MM_EINFEASIBLE && rounds > 0) || rc == MM_ENOSOLUTION)
        rc = fall_back(in, out, rc == MM_EINFEASIBLE);
    mm_stability_dispose(&st);
    mm_model_dispose(&work);
    dispose_index(&c.ix);
    mm_free(c.mark);
    mm_free(c.vars);
    mm_free(c.coef);
    mm_free(blocking);
    return rc;
}
