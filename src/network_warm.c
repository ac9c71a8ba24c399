/* Warm starts for solves that differ in their scores alone (preview's
 * samples): the base network's flow and potentials, repriced and
 * re-optimised (solve_network.h). */
#include <math.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "network.h"

#ifdef MM_HAVE_FLOW

struct mm_net_warm {
    network base;
    mm_glpk_limits limits; /* none: a warm solve runs to its end */
};

struct mm_net_warm_work {
    const mm_net_warm *w;
    network n; /* the base's arrays, read only, with its own flow and unsplit */
};

int mm_net_warm_new(mm_net_warm **out, const mm_problem *p, const mm_model *m,
                    const double *score, int count_first, double score_bound)
{
    mm_net_warm *w = mm_calloc(1, sizeof *w);
    network like = {.p = p, .m = m, .score = score, .count_first = count_first || !score};
    mm_flow_status status;
    const char *why = NULL;
    int rc;

    *out = NULL;
    if (!w)
        return MM_ENOMEM;
    w->limits.started = mm_now();
    like.limits = &w->limits;
    mm_net_init(&w->base, &like);
    w->base.score_bound = score_bound;
    rc = mm_net_run(&w->base, &status, &why);
    if (rc == 0 && !why && status == MM_FLOW_OPTIMAL && mm_flow_certify(&w->base.flow)) {
        w->base.score = NULL; /* each solve brings its own */
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
    if (!k->n.unsplit || mm_flow_clone(&k->n.flow, &w->base.flow) != 0) {
        mm_free(k->n.unsplit);
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
    mm_flow_dispose(&k->n.flow);
    mm_free(k);
}

static int within_bound(const network *n, const double *score)
{
    for (size_t v = 0; v < n->m->n_vars; v++)
        if (!(fabs(score[v]) <= n->score_bound))
            return 0;
    return 1;
}

int mm_net_warm_solve(mm_net_warm_work *k, const double *score, unsigned char *chosen,
                      int *proven)
{
    network *n = &k->n;
    const mm_problem *p = n->p;
    mm_flow_status status;
    int rc, split_ok;

    *proven = 0;
    if (score && !within_bound(n, score))
        return 0;
    n->score = score;
    mm_flow_restore(&n->flow, &k->w->base.flow);
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE)
            mm_flow_reprice(&n->flow, n->app_arc[a], mm_net_app_cost(n, &n->costs, (uint32_t)a));
    rc = mm_flow_resolve(&n->flow, NULL, NULL, &status);
    if (rc != 0 || status != MM_FLOW_OPTIMAL)
        return rc;
    if (getenv("MM_TRACE")) fprintf(stderr, "WARM paths=%llu scanned=%llu updates=%llu\n", n->flow.paths, n->flow.scanned, n->flow.updates);
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
                    const double *score, int count_first, double score_bound)
{
    (void)p, (void)m, (void)score, (void)count_first, (void)score_bound;
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
