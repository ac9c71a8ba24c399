/* Many solves of one model whose scores alone change (preview's samples):
 * the network built once and copied, repriced and solved per solve
 * (solve_network.h). */
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "network.h"

#ifdef MM_HAVE_FLOW

struct mm_net_warm {
    network base;          /* built and laid out, never solved */
    mm_glpk_limits limits; /* none: a solve runs to its end */
};

struct mm_net_warm_work {
    const mm_net_warm *w;
    network n;       /* the base's arrays, read only, with its own flow and unsplit */
    uint32_t *order; /* per sample: the nodes in the order their supply is routed */
};

int mm_net_warm_new(mm_net_warm **out, const mm_problem *p, const mm_model *m,
                    const double *score, int count_first)
{
    mm_net_warm *w = mm_calloc(1, sizeof *w);
    network like = {.p = p, .m = m, .score = score, .count_first = count_first || !score};
    const char *why = NULL;
    int rc, infeasible = 0;

    *out = NULL;
    if (!w)
        return MM_ENOMEM;
    w->limits.started = mm_now();
    like.limits = &w->limits;
    mm_net_init(&w->base, &like);
    rc = mm_net_build(&w->base, &why, &infeasible);
    if (rc == 0 && !why && !infeasible && (rc = mm_flow_prepare(&w->base.flow)) == 0) {
        *out = w;
        return 0;
    }
    mm_net_free(&w->base);
    mm_free(w);
    return rc;
}

void mm_net_warm_free(mm_net_warm *w)
{
    if (!w)
        return;
    mm_net_free(&w->base);
    mm_free(w);
}

int mm_net_warm_work_new(mm_net_warm_work **out, const mm_net_warm *w)
{
    mm_net_warm_work *k = mm_calloc(1, sizeof *k);

    *out = NULL;
    if (!k)
        return MM_ENOMEM;
    k->w = w;
    k->n = w->base;
    k->n.unsplit = mm_calloc(w->base.p->n_apps + 1, 1);
    k->order = mm_malloc((w->base.n_nodes + 1) * sizeof *k->order);
    if (!k->n.unsplit || !k->order || mm_flow_clone(&k->n.flow, &w->base.flow) != 0) {
        mm_free(k->n.unsplit);
        mm_free(k->order);
        mm_free(k);
        return MM_ENOMEM;
    }
    *out = k;
    return 0;
}

void mm_net_warm_work_free(mm_net_warm_work *k)
{
    if (!k)
        return;
    mm_free(k->n.unsplit);
    mm_free(k->order);
    mm_flow_dispose(&k->n.flow);
    mm_free(k);
}

/* The order a network built for these scores would route in: the nodes
 * below the students, then the students best score first. */
static int routing_order(mm_net_warm_work *k)
{
    network *n = &k->n;
    uint32_t *rank = mm_net_rank_students(n);

    if (!rank)
        return MM_ENOMEM;
    for (uint32_t u = 0; u < n->student0; u++)
        k->order[u] = u;
    for (size_t r = 0; r < n->p->n_students; r++)
        k->order[n->student0 + r] = n->student_node[rank[r]];
    mm_free(rank);
    return 0;
}

int mm_net_warm_solve(mm_net_warm_work *k, const double *score, unsigned char *chosen,
                      int *proven)
{
    network *n = &k->n;
    const mm_problem *p = n->p;
    mm_flow_status status;
    int rc, split_ok;

    *proven = 0;
    n->score = score;
    n->costs = mm_net_choose_scale(n);
    mm_flow_restore(&n->flow, &k->w->base.flow);
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE)
            mm_flow_reprice(&n->flow, n->app_arc[a], mm_net_app_cost(n, &n->costs, (uint32_t)a));
    rc = routing_order(k);
    if (rc == 0)
        rc = mm_flow_solve_order(&n->flow, k->order, NULL, NULL, &status);
    if (rc != 0 || status != MM_FLOW_OPTIMAL)
        return rc;
    if (!mm_flow_certify(&n->flow))
        return MM_EINTERNAL;
    memset(n->unsplit, 0, p->n_apps + 1);
    memset(chosen, 0, n->m->n_vars + 1);
    split_ok = mm_net_decode(n, chosen);
    if (split_ok < 0)
        return MM_ENOMEM;
    *proven = split_ok && mm_model_satisfied(n->m, chosen);
    return 0;
}

#else

int mm_net_warm_new(mm_net_warm **out, const mm_problem *p, const mm_model *m,
                    const double *score, int count_first)
{
    (void)p, (void)m, (void)score, (void)count_first;
    *out = NULL;
    return 0;
}

void mm_net_warm_free(mm_net_warm *w)
{
    (void)w;
}

int mm_net_warm_work_new(mm_net_warm_work **out, const mm_net_warm *w)
{
    (void)w;
    *out = NULL;
    return MM_EINTERNAL;
}

void mm_net_warm_work_free(mm_net_warm_work *k)
{
    (void)k;
}

int mm_net_warm_solve(mm_net_warm_work *k, const double *score, unsigned char *chosen,
                      int *proven)
{
    (void)k, (void)score, (void)chosen;
    *proven = 0;
    return MM_EINTERNAL;
}

#endif
