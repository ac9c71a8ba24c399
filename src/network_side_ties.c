/* The tiers after the score over the side rows' flow (network_side.h).
 *
 * Once the incumbent meets the Lagrangian bound, every optimum x of the
 * model has c(x) = L(lambda): it is an optimal flow at those prices and
 * keeps tight each row with a price (complementary slackness). So the flow
 * is kept to its optimal face (mm_flow_keep_near_optimal, with the slack
 * the plain flow's tie phase uses), priced rows become equalities, and the
 * arcs are priced by the later tiers instead (a baseline's lead mentors
 * above every tie weight, as solve_network.c prices them); a second ascent
 * over the same side rows proves the best of them. A solution is taken
 * only when it keeps the optimum: the leading tiers and the count exactly,
 * the score within 1e-9 relative (as GLPK's tie phase holds it). */
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "network_side.h"
#include "ties.h"

#ifdef MM_HAVE_FLOW

/* Per arc and per variable, the later tiers' costs. */
static void tier_costs(mm_side *s, const mm_glpk_objective *obj)
{
    const network *n = &s->n;
    const mm_problem *p = n->p;
    const mm_model *m = n->m;
    mm_cost keep = ((mm_cost)p->n_students + 1) << 22;

    memset(s->arc_base, 0, n->flow.n_arcs * sizeof *s->arc_base);
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE)
            s->arc_base[n->app_arc[a]] = obj->tie ? -(mm_cost)mm_tie_app_weight(p, (uint32_t)a) : 0;
    for (size_t q = 0; q < p->n_idea_mentors; q++) {
        mm_cost w = obj->tie ? -(mm_cost)mm_tie_pair_weight(p, (uint32_t)q) : 0;
        if (n->pair_arc[q] != MM_NONE)
            s->arc_base[n->pair_arc[q]] = w;
        if (n->trail && n->trail_arc[q] != MM_NONE)
            s->arc_base[n->trail_arc[q]] = w - keep;
    }
    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t a = m->vars[v].app;
        s->var_cost[v] = (obj->tie ? -(mm_cost)mm_tie_app_weight(p, a) -
                                         (mm_cost)mm_tie_pair_weight(p, n->var_pair[v])
                                   : 0) -
                         (n->trail && n->trail[v] != 0 ? keep : 0);
    }
}

/* Rows with a price are tight at every optimum; the prices start again. */
static void tighten(mm_side *s)
{
    for (size_t j = 0; j < s->n_side; j++) {
        if (s->best_price[j] > 0)
            s->rows[j].lo = s->rows[j].hi;
        else if (s->best_price[j] < 0)
            s->rows[j].hi = s->rows[j].lo;
        s->lambda[j] = s->best_lambda[j] = 0;
        s->price[j] = s->best_price[j] = 0;
    }
}

static int restart(mm_side *s, const mm_glpk_objective *obj, const unsigned char *incumbent)
{
    long double score = fabsl((long double)s->best_score);
    int rc;

    s->var_cost = mm_malloc((s->n.m->n_vars + 1) * sizeof *s->var_cost);
    s->best = mm_malloc(s->n.m->n_vars + 1);
    if (!s->var_cost || !s->best)
        return MM_ENOMEM;
    s->primary_cost = s->best_cost;
    s->primary_tol = (mm_cost)(1e-9L * (score > 1 ? score : 1) * (long double)s->n.costs.scale);
    rc = mm_flow_keep_near_optimal(&s->n.flow, (mm_cost)1 << 21);
    if (rc == 0)
        rc = mm_flow_prepare(&s->n.flow);
    if (rc != 0)
        return rc;
    tighten(s);
    tier_costs(s, obj);
    memcpy(s->best, incumbent, s->n.m->n_vars);
    s->best_cost = mm_side_cost(s, s->best);
    s->has_best = 1;
    return 0;
}

int mm_side_later_tiers(mm_side *s, const mm_glpk_objective *obj, mm_glpk_outcome *out,
                        int *unproven)
{
    int stopped = 0, rc = restart(s, obj, out->chosen);

    *unproven = 1;
    if (rc == 0)
        rc = mm_side_ascend(s, &stopped);
    if (rc == 0 && !stopped && s->best_cost <= s->bound) {
        memcpy(out->chosen, s->best, s->n.m->n_vars);
        *unproven = 0;
    }
    return rc;
}

#endif
