/* Residual-cycle searches on the optimal flow (threshold_internal.h).
 *
 * After an optimal solve the potentials make every residual reduced cost
 * >= 0. The difference of two flows is a sum of residual cycles, so the
 * best flow with an arc it does not use costs the optimum plus the cheapest
 * residual cycle through the arc: its reduced cost plus a shortest
 * reduced-cost path back (design section 2). One Dijkstra from an idea's
 * node answers it for every applicant not placed there, one backward
 * Dijkstra into the node for every student placed there. */
#include "threshold_internal.h"

#ifdef MM_HAVE_FLOW

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "solve_glpk.h"

#define NO_ARC UINT32_MAX

typedef struct {
    mm_cost key;
    uint32_t node;
} entry;

typedef struct {
    const mm_flow *f;
    mm_cost *dist;
    uint32_t *hop;        /* the tree path's arc at the source */
    uint32_t *pred;       /* the tree arc at the node (toward the source) */
    unsigned char *state; /* 0 unseen, 1 in heap, 2 settled */
    uint32_t *touched;
    size_t n_touched;
    entry *heap;
    size_t heap_size, heap_cap;
    unsigned char *target;
    size_t searches, settled;
} search;

void mm_th_split_cost(const th_flow *t, mm_cost c, mm_cost *q, double *score)
{
    mm_cost w = t->n.costs.per_assignment, k = 0;

    if (w > 0) {
        mm_cost x = c + w / 2;
        k = x >= 0 ? x / w : -((-x + w - 1) / w);
    }
    *q = k;
    *score = (double)(c - k * w) / t->n.costs.scale;
}

mm_cost mm_th_flow_cost_of(const th_flow *t, double s)
{
    return -(t->n.costs.per_assignment + (mm_cost)llround(s * t->n.costs.scale));
}

static int push(search *s, mm_cost key, uint32_t node)
{
    size_t i = s->heap_size;

    if (i == s->heap_cap) {
        size_t cap = s->heap_cap ? 2 * s->heap_cap : 1024;
        entry *grown = mm_realloc(s->heap, cap * sizeof *grown);
        if (!grown)
            return MM_ENOMEM;
        s->heap = grown;
        s->heap_cap = cap;
    }
    while (i > 0 && s->heap[(i - 1) / 2].key > key) {
        s->heap[i] = s->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    s->heap[i] = (entry){key, node};
    s->heap_size++;
    return 0;
}

static entry pop(search *s)
{
    entry top = s->heap[0], last = s->heap[--s->heap_size];
    size_t i = 0, n = s->heap_size;

    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && s->heap[c + 1].key < s->heap[c].key)
            c++;
        if (last.key <= s->heap[c].key)
            break;
        s->heap[i] = s->heap[c];
        i = c;
    }
    if (n > 0)
        s->heap[i] = last;
    return top;
}

static int reach(search *s, uint32_t v, mm_cost d, uint32_t hop, uint32_t pred)
{
    if (s->state[v] == 2)
        return 0;
    if (s->state[v] == 0) {
        s->state[v] = 1;
        s->touched[s->n_touched++] = v;
    } else if (d >= s->dist[v]) {
        return 0;
    }
    s->dist[v] = d;
    s->hop[v] = hop;
    s->pred[v] = pred;
    return push(s, d, v);
}

static void reset(search *s)
{
    for (size_t k = 0; k < s->n_touched; k++)
        s->state[s->touched[k]] = 0;
    s->n_touched = 0;
    s->heap_size = 0;
}

/* Forward: residual arcs out of u (forward ones, then the backward ones
 * that carry something). */
static int scan_forward(search *s, uint32_t src, uint32_t u, mm_cost du)
{
    const mm_flow *f = s->f;
    mm_cost pu = f->nodes[u].pi;
    int rc = 0;

    for (uint32_t e = f->first[u]; rc == 0 && e < f->fwd_end[u]; e++) {
        const mm_flow_arc *a = &f->arcs[e];
        if (a->resid > 0)
            rc = reach(s, a->head, du + a->cost + pu - f->nodes[a->head].pi,
                       u == src ? e : s->hop[u], e);
    }
    for (uint32_t k = 0; rc == 0 && k < f->n_active[u]; k++) {
        uint32_t e = f->active[f->first[u] + k];
        const mm_flow_arc *a = &f->arcs[e];
        if (a->resid > 0)
            rc = reach(s, a->head, du + a->cost + pu - f->nodes[a->head].pi,
                       u == src ? e : s->hop[u], e);
    }
    return rc;
}

/* Backward: residual arcs into u, the reverse of each arc at u. */
static int scan_backward(search *s, uint32_t src, uint32_t u, mm_cost du)
{
    const mm_flow *f = s->f;
    mm_cost pu = f->nodes[u].pi;
    int rc = 0;

    for (uint32_t e = f->first[u]; rc == 0 && e < f->first[u + 1]; e++) {
        uint32_t w = f->arcs[e].head, in = f->arcs[e].rev;
        const mm_flow_arc *a = &f->arcs[in];
        if (a->resid > 0)
            rc = reach(s, w, du + a->cost + f->nodes[w].pi - pu, u == src ? in : s->hop[u], in);
    }
    return rc;
}

/* Reduced-cost distances from src (forward) or to src (backward) until
 * `targets` target nodes are settled or the distance passes `limit`. */
static int dijkstra(search *s, uint32_t src, int backward, size_t targets, mm_cost limit)
{
    int rc = reach(s, src, 0, NO_ARC, NO_ARC);

    s->searches++;
    while (rc == 0 && s->heap_size > 0 && targets > 0) {
        entry top = pop(s);
        uint32_t u = top.node;
        if (s->state[u] == 2 || top.key != s->dist[u])
            continue;
        if (top.key > limit)
            break;
        s->state[u] = 2;
        s->settled++;
        if (s->target[u])
            targets--;
        rc = backward ? scan_backward(s, src, u, top.key) : scan_forward(s, src, u, top.key);
    }
    return rc;
}

/* The idea a node belongs to (idea_in or idea_out), else MM_NONE. */
static uint32_t idea_of(const network *n, uint32_t v)
{
    if (v >= n->idea_out0 && v < n->idea_in0)
        return v - n->idea_out0;
    if (v >= n->idea_in0 && v < n->student0)
        return v - n->idea_in0;
    return MM_NONE;
}

/* One arc of a cycle, tail -> head: conflict ideas touched, org fills moved. */
static int arc_clean(const th_flow *t, uint32_t tail, uint32_t head, int64_t *org_delta,
                     uint32_t *orgs, size_t *n_orgs)
{
    const network *n = &t->n;
    uint32_t it = idea_of(n, tail), ih = idea_of(n, head), idea = MM_NONE;
    int step = 0;

    if ((it != MM_NONE && t->conflict_idea[it]) || (ih != MM_NONE && t->conflict_idea[ih]))
        return 0;
    if (it != MM_NONE && it == ih) {
        idea = it;
        step = tail == n->idea_in0 + it ? 1 : -1; /* idea_in -> idea_out carries one more */
    }
    if (step != 0 && n->p->ideas[idea].org != MM_NONE) {
        uint32_t o = n->p->ideas[idea].org;
        if (!n->org_kept[o] && n->org_hi[o] < n->unlimited) {
            if (org_delta[o] == 0) {
                int seen = 0;
                for (size_t k = 0; k < *n_orgs; k++)
                    seen |= orgs[k] == o;
                if (!seen)
                    orgs[(*n_orgs)++] = o;
            }
            org_delta[o] += step;
        }
    }
    return 1;
}

/* Walk the tree path of `target` back to the source: is the cycle clean? */
static int path_clean(const th_flow *t, const search *s, uint32_t src, uint32_t target,
                      int backward, int64_t *org_delta, uint32_t *orgs)
{
    const mm_flow *f = &t->n.flow;
    size_t n_orgs = 0;
    int ok = 1;

    if (t->conflict_idea[src - t->n.idea_in0])
        return 0;
    for (uint32_t v = target; ok && v != src;) {
        uint32_t e = s->pred[v], other;
        if (backward) {
            other = f->arcs[e].head; /* v -> other */
            ok = arc_clean(t, v, other, org_delta, orgs, &n_orgs);
        } else {
            other = f->arcs[f->arcs[e].rev].head; /* other -> v */
            ok = arc_clean(t, other, v, org_delta, orgs, &n_orgs);
        }
        v = other;
    }
    for (size_t k = 0; k < n_orgs; k++) {
        uint32_t o = orgs[k];
        if (t->org_fill[o] + org_delta[o] > t->n.org_hi[o])
            ok = 0;
        org_delta[o] = 0;
    }
    return ok;
}

typedef struct {
    search s;
    uint32_t *arc_app, *idea_begin, *by_idea, *orgs;
    int64_t *org_delta;
    unsigned char *decoded; /* per variable, scratch for mm_net_decode */
} work;

/* Push one unit around the cycle (sign 1) or take it back (sign -1). */
static void push_cycle(th_flow *t, const search *s, uint32_t src, uint32_t target, int backward,
                       uint32_t own, int sign)
{
    mm_flow_arc *arcs = t->n.flow.arcs;

    arcs[own].resid -= sign;
    arcs[arcs[own].rev].resid += sign;
    for (uint32_t v = target; v != src;) {
        uint32_t e = s->pred[v];
        arcs[e].resid -= sign;
        arcs[arcs[e].rev].resid += sign;
        v = backward ? arcs[e].head : arcs[arcs[e].rev].head;
    }
}

/* A cycle through a conflict idea: applied to the feasible base flow, does
 * the flow still split into (application, mentor) choices that break no
 * row? Then the relaxation's answer is the model's. @return 1, 0, or -1 (oom) */
static int decodes(th_flow *t, work *w, uint32_t src, uint32_t app, int backward,
                   uint32_t target)
{
    const mm_flow *f = &t->n.flow;
    uint32_t fw = f->slot[t->n.app_arc[app]];
    uint32_t own = backward ? f->arcs[fw].rev : fw;
    int split;

    push_cycle(t, &w->s, src, target, backward, own, 1);
    memset(w->decoded, 0, t->n.m->n_vars + 1);
    split = mm_net_decode(&t->n, w->decoded);
    push_cycle(t, &w->s, src, target, backward, own, -1);
    memset(t->n.unsplit, 0, t->n.p->n_apps + 1);
    if (split < 0)
        return -1;
    return split && mm_model_satisfied(t->n.m, w->decoded);
}

static void work_free(work *w)
{
    mm_free(w->arc_app);
    mm_free(w->idea_begin);
    mm_free(w->by_idea);
    mm_free(w->orgs);
    mm_free(w->org_delta);
    mm_free(w->decoded);
    mm_free(w->s.dist);
    mm_free(w->s.hop);
    mm_free(w->s.pred);
    mm_free(w->s.state);
    mm_free(w->s.touched);
    mm_free(w->s.target);
    mm_free(w->s.heap);
}

static int work_init(work *w, const th_flow *t, const th_cycle *cyc)
{
    const mm_problem *p = t->n.p;
    const mm_flow *f = &t->n.flow;
    size_t n_res = f->first[f->n_nodes], nodes = f->n_nodes + 1;

    memset(w, 0, sizeof *w);
    w->s.f = f;
    w->arc_app = mm_malloc((n_res + 1) * sizeof *w->arc_app);
    w->idea_begin = mm_calloc(p->n_ideas + 2, sizeof *w->idea_begin);
    w->by_idea = mm_malloc((p->n_apps + 1) * sizeof *w->by_idea);
    w->orgs = mm_malloc((p->n_orgs + 1) * sizeof *w->orgs);
    w->org_delta = mm_calloc(p->n_orgs + 1, sizeof *w->org_delta);
    w->decoded = mm_malloc(t->n.m->n_vars + 1);
    w->s.dist = mm_malloc(nodes * sizeof *w->s.dist);
    w->s.hop = mm_malloc(nodes * sizeof *w->s.hop);
    w->s.pred = mm_malloc(nodes * sizeof *w->s.pred);
    w->s.state = mm_calloc(nodes, 1);
    w->s.touched = mm_malloc(nodes * sizeof *w->s.touched);
    w->s.target = mm_calloc(nodes, 1);
    if (!w->arc_app || !w->idea_begin || !w->by_idea || !w->orgs || !w->org_delta || !w->decoded ||
        !w->s.dist || !w->s.hop || !w->s.pred || !w->s.state || !w->s.touched || !w->s.target)
        return MM_ENOMEM;
    for (size_t e = 0; e < n_res; e++)
        w->arc_app[e] = MM_NONE;
    for (size_t a = 0; a < p->n_apps; a++) {
        uint32_t arc = t->n.app_arc[a];
        if (arc != MM_NONE)
            w->arc_app[f->slot[arc]] = w->arc_app[f->arcs[f->slot[arc]].rev] = (uint32_t)a;
        if (cyc[a].dir != TH_SKIP)
            w->idea_begin[p->apps[a].idea + 1]++;
    }
    for (size_t i = 0; i < p->n_ideas; i++)
        w->idea_begin[i + 1] += w->idea_begin[i];
    for (size_t a = 0; a < p->n_apps; a++)
        if (cyc[a].dir != TH_SKIP)
            w->by_idea[w->idea_begin[p->apps[a].idea]++] = (uint32_t)a;
    /* the increments above moved each begin to the next idea's */
    for (size_t i = p->n_ideas; i > 0; i--)
        w->idea_begin[i] = w->idea_begin[i - 1];
    w->idea_begin[0] = 0;
    return 0;
}

/* One idea, one direction: every target's cycle. */
static int idea_pass(th_flow *t, work *w, th_cycle *cyc, uint32_t idea, int dir, mm_cost limit)
{
    search *s = &w->s;
    uint32_t src = t->n.idea_in0 + idea;
    size_t targets = 0;
    mm_cost reach_limit = -1;
    int rc = 0;

    for (uint32_t k = w->idea_begin[idea]; k < w->idea_begin[idea + 1]; k++) {
        th_cycle *c = &cyc[w->by_idea[k]];
        mm_cost left = limit - c->own;
        if (c->dir != dir || left < 0)
            continue; /* the arc alone costs more than matters */
        if (left > reach_limit)
            reach_limit = left;
        if (!s->target[c->node])
            targets++;
        s->target[c->node] = 1;
    }
    if (targets > 0)
        rc = dijkstra(s, src, dir == TH_OUT, targets, reach_limit);
    for (uint32_t k = w->idea_begin[idea]; rc == 0 && k < w->idea_begin[idea + 1]; k++) {
        th_cycle *c = &cyc[w->by_idea[k]];
        if (c->dir != dir)
            continue;
        s->target[c->node] = 0;
        c->reached = s->state[c->node] == 2 && c->own + s->dist[c->node] <= limit;
        if (!c->reached)
            continue;
        c->cycle = c->own + s->dist[c->node];
        c->via = s->hop[c->node] == NO_ARC ? MM_NONE : w->arc_app[s->hop[c->node]];
        c->clean = !c->split && path_clean(t, s, src, c->node, dir == TH_OUT, w->org_delta, w->orgs);
        if (!c->clean && t->feasible && t->n.app_arc[w->by_idea[k]] != MM_NONE) {
            int ok = decodes(t, w, src, w->by_idea[k], dir == TH_OUT, c->node);
            if (ok < 0)
                rc = MM_ENOMEM;
            c->clean = ok > 0;
        }
    }
    reset(s);
    return rc;
}

int mm_th_flow_cycles(th_flow *t, th_cycle *cyc, mm_cost limit)
{
    work w;
    int rc = work_init(&w, t, cyc);

    for (uint32_t i = 0; rc == 0 && i < t->n.p->n_ideas; i++) {
        rc = idea_pass(t, &w, cyc, i, TH_IN, limit);
        if (rc == 0)
            rc = idea_pass(t, &w, cyc, i, TH_OUT, limit);
    }
    t->searches += w.s.searches;
    t->settled += w.s.settled;
    work_free(&w);
    return rc;
}

/* What the flow relaxes; NULL when it holds the model exactly for every score. */
static const char *relaxes(th_flow *t)
{
    const network *n = &t->n;
    const mm_problem *p = n->p;
    const mm_model *m = n->m;
    const char *why = NULL;

    for (size_t a = 0; a < p->n_apps; a++) {
        uint32_t vars = m->app_first_var[a + 1] - m->app_first_var[a];
        if (vars > 0 && vars != p->ideas[p->apps[a].idea].mentor_count) {
            t->conflict_idea[p->apps[a].idea] = 1;
            why = "a conflict with some mentors of a multi-mentor idea";
        }
    }
    for (size_t o = 0; o < p->n_orgs; o++)
        if (n->org_hi[o] < n->unlimited && !n->org_kept[o])
            return "an org's slots shared with mentors who lead ideas of other orgs";
    return why;
}

void mm_th_flow_free(th_flow *t)
{
    mm_net_free(&t->n);
    mm_free(t->flow_chosen);
    mm_free(t->conflict_idea);
    mm_free(t->org_fill);
    memset(t, 0, sizeof *t);
}

int mm_th_flow_solve(th_flow *t, const mm_problem *p, const mm_model *m, const double *score,
                     int count_first, int *ok)
{
    static const mm_glpk_limits no_limits = {0, 0, NULL, NULL, NULL, 0};
    network like = {.p = p, .m = m, .score = score, .limits = &no_limits,
                    .count_first = count_first};
    mm_flow_status status;
    const char *why = NULL;
    int rc, split;

    memset(t, 0, sizeof *t);
    *ok = 0;
    mm_net_init(&t->n, &like);
    if (p->n_students >= (1u << 30) ||
        (uint64_t)p->n_students + 2 * p->n_ideas + p->n_mentors + p->n_orgs + 2 >= MM_NONE - 2)
        return 0; /* as mm_network_solve: too many nodes */
    rc = mm_net_run(&t->n, &status, &why);
    if (rc != 0 || why || status != MM_FLOW_OPTIMAL)
        return rc;
    if (!mm_flow_certify(&t->n.flow))
        return MM_EINTERNAL;
    t->flow_chosen = mm_calloc(m->n_vars + 1, 1);
    t->conflict_idea = mm_calloc(p->n_ideas + 1, 1);
    t->org_fill = mm_calloc(p->n_orgs + 1, sizeof *t->org_fill);
    if (!t->flow_chosen || !t->conflict_idea || !t->org_fill)
        return MM_ENOMEM;
    split = mm_net_decode(&t->n, t->flow_chosen);
    if (split < 0)
        return MM_ENOMEM;
    t->feasible = split && mm_model_satisfied(m, t->flow_chosen);
    t->relaxes = relaxes(t);
    t->flow_cost = mm_net_flow_cost(&t->n);
    for (size_t a = 0; a < p->n_apps; a++)
        if (t->n.app_arc[a] != MM_NONE && mm_flow_of(&t->n.flow, t->n.app_arc[a]) > 0 &&
            p->ideas[p->apps[a].idea].org != MM_NONE)
            t->org_fill[p->ideas[p->apps[a].idea].org]++;
    *ok = 1;
    return 0;
}

#endif
