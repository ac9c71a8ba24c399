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

/* ---- branching -------------------------------------------------------- *
 * The relaxation's optimum left some students of a multi-mentor idea
 * without a lead mentor their conflicts allow. Branch and bound over
 * flows: a node bans some applications and pins others to one variable;
 * its flow's cost bounds every solution under those choices from below.
 * A node whose optimum splits and holds every row is solved at its bound;
 * one that does not split branches on an unsplit application a: a banned,
 * or a taken with each of its variables in turn, which together are every
 * solution of the node. Best bound first; done when no open bound is below
 * the best solution. Anything else (an org row broken, too many nodes)
 * leaves the sample undecided, for GLPK. */

#define MAX_NODES 48

typedef struct {
    mm_cost bound;
    unsigned char *banned;
    uint32_t *pin_var;
    uint32_t branch_app; /* an unsplit application to branch on */
} bb_node;

typedef struct {
    const network *like;
    bb_node open[MAX_NODES];
    size_t n_open, made;
    unsigned char *best; /* the incumbent's choices; NULL: none yet */
    mm_cost best_cost;
    int give_up;
} bb_search;

static void drop_node(bb_node *x)
{
    mm_free(x->banned);
    mm_free(x->pin_var);
}

/* The first unsplit application whose student the node leaves free. */
static uint32_t branch_app(const network *n)
{
    const mm_model *m = n->m;

    for (size_t a = 0; a < n->p->n_apps; a++)
        if (n->unsplit[a] && m->app_first_var[a] < m->app_first_var[a + 1] &&
            n->fixed_app[m->vars[m->app_first_var[a]].student] == MM_NONE)
            return (uint32_t)a;
    return MM_NONE;
}

/* Solve the node (banned, pin_var: taken over); solved, it may become the
 * incumbent, else it is kept open. */
static int add_node(bb_search *b, unsigned char *banned, uint32_t *pin_var)
{
    const mm_model *m = b->like->m;
    network n;
    mm_flow_status status;
    const char *why = NULL;
    unsigned char *chosen = mm_calloc(m->n_vars + 1, 1);
    int rc = chosen ? 0 : MM_ENOMEM, split_ok = 0;

    mm_net_init(&n, b->like);
    n.banned = banned;
    n.pin_var = pin_var;
    if (rc == 0)
        rc = mm_net_run(&n, &status, &why);
    if (rc == 0 && (why || status != MM_FLOW_OPTIMAL)) {
        b->give_up |= why != NULL || status == MM_FLOW_STOPPED;
        goto done; /* infeasible: no solution under these choices */
    }
    if (rc == 0 && !mm_flow_certify(&n.flow))
        rc = MM_EINTERNAL;
    if (rc == 0 && (split_ok = mm_net_decode(&n, chosen)) < 0)
        rc = MM_ENOMEM;
    if (rc == 0) {
        mm_cost cost = mm_net_flow_cost(&n);
        if (b->best && cost >= b->best_cost) {
            /* no better than what is held */
        } else if (split_ok && mm_model_satisfied(m, chosen)) {
            mm_free(b->best);
            b->best = chosen;
            b->best_cost = cost;
            chosen = NULL;
        } else if (!split_ok && branch_app(&n) != MM_NONE && b->n_open < MAX_NODES &&
                   b->made < MAX_NODES) {
            b->open[b->n_open++] = (bb_node){cost, banned, pin_var, branch_app(&n)};
            banned = NULL;
            pin_var = NULL;
        } else {
            b->give_up = 1;
        }
    }
done:
    b->made++;
    mm_free(banned);
    mm_free(pin_var);
    mm_free(chosen);
    mm_net_free(&n);
    return rc;
}

/* Take the open node of least bound (the first made among equals) and
 * make its children. */
static int expand(bb_search *b)
{
    const mm_problem *p = b->like->p;
    const mm_model *m = b->like->m;
    size_t best = 0;
    bb_node x;
    int rc = 0;

    for (size_t k = 1; k < b->n_open; k++)
        if (b->open[k].bound < b->open[best].bound)
            best = k;
    x = b->open[best];
    memmove(&b->open[best], &b->open[best + 1], (b->n_open - best - 1) * sizeof x);
    b->n_open--;
    for (uint32_t v = m->app_first_var[x.branch_app];
         rc == 0 && !b->give_up && v <= m->app_first_var[x.branch_app + 1]; v++) {
        unsigned char *banned = mm_malloc(p->n_apps + 1);
        uint32_t *pin_var = mm_malloc((p->n_apps + 1) * sizeof *pin_var);
        if (!banned || !pin_var) {
            mm_free(banned);
            mm_free(pin_var);
            rc = MM_ENOMEM;
            break;
        }
        memcpy(banned, x.banned, p->n_apps + 1);
        memcpy(pin_var, x.pin_var, (p->n_apps + 1) * sizeof *pin_var);
        if (v == m->app_first_var[x.branch_app + 1])
            banned[x.branch_app] = 1; /* the last child: a not taken */
        else
            pin_var[x.branch_app] = v;
        rc = add_node(b, banned, pin_var);
    }
    drop_node(&x);
    return rc;
}

static int open_below_best(const bb_search *b)
{
    for (size_t k = 0; k < b->n_open; k++)
        if (!b->best || b->open[k].bound < b->best_cost)
            return 1;
    return 0;
}

/* @param[out] proven 1: chosen holds the optimum */
static int branch_and_bound(const network *relaxed, unsigned char *chosen, int *proven)
{
    const mm_problem *p = relaxed->p;
    bb_search b;
    uint32_t *pin_var = mm_malloc((p->n_apps + 1) * sizeof *pin_var);
    unsigned char *banned = mm_calloc(p->n_apps + 1, 1);
    int rc = pin_var && banned ? 0 : MM_ENOMEM;

    memset(&b, 0, sizeof b);
    b.like = relaxed;
    *proven = 0;
    for (size_t a = 0; pin_var && a <= p->n_apps; a++)
        pin_var[a] = MM_NONE;
    if (rc == 0 && branch_app(relaxed) != MM_NONE) {
        b.open[b.n_open++] = (bb_node){mm_net_flow_cost(relaxed), banned, pin_var,
                                       branch_app(relaxed)};
        banned = NULL;
        pin_var = NULL;
    }
    while (rc == 0 && !b.give_up && open_below_best(&b))
        rc = expand(&b);
    if (rc == 0 && !b.give_up && b.best) {
        memcpy(chosen, b.best, relaxed->m->n_vars + 1);
        *proven = 1;
    }
    for (size_t k = 0; k < b.n_open; k++)
        drop_node(&b.open[k]);
    mm_free(b.best);
    mm_free(banned);
    mm_free(pin_var);
    return rc;
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
    if (!split_ok)
        return branch_and_bound(n, chosen, proven);
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
