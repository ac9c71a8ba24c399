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

#if defined(__unix__) || defined(__APPLE__)
#include <pthread.h>
#define MM_TH_THREADS 1
#endif

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

typedef struct {
    search s;
    uint32_t *arc_app, *idea_begin, *by_idea, *orgs;
    int64_t *org_delta;
    uint32_t *path;    /* the cycle's residual arcs */
    uint32_t *touched; /* conflict ideas it touches */
    /* one idea's split: its students, their mentors, what each pair carries */
    uint32_t *stud, *assign;
    int64_t *cnt, *load;
    unsigned char *visited;
    uint32_t hyp;      /* an application below min_rating the cycle brings in, or MM_NONE */
    /* quotas: the applications a cycle moves, in (1) or out (-1) */
    uint32_t *moved;
    int *sign;
    int64_t *cell_delta;
    uint32_t *cells;
} work;

/* One arc of a cycle, tail -> head: conflict ideas touched, org fills moved. */
static void arc_effect(const th_flow *t, work *w, uint32_t tail, uint32_t head, size_t *n_orgs,
                       size_t *n_touched)
{
    const network *n = &t->n;
    uint32_t ends[2] = {idea_of(n, tail), idea_of(n, head)};

    for (int k = 0; k < 2; k++) {
        int seen = 0;
        if (ends[k] == MM_NONE || !t->conflict_idea[ends[k]])
            continue;
        for (size_t j = 0; j < *n_touched; j++)
            seen |= w->touched[j] == ends[k];
        if (!seen)
            w->touched[(*n_touched)++] = ends[k];
    }
    if (ends[0] != MM_NONE && ends[0] == ends[1] && n->p->ideas[ends[0]].org != MM_NONE) {
        uint32_t o = n->p->ideas[ends[0]].org;
        int step = tail == n->idea_in0 + ends[0] ? 1 : -1; /* idea_in -> idea_out: one more */
        if (!n->org_kept[o] && n->org_hi[o] < n->unlimited) {
            if (w->org_delta[o] == 0) {
                int seen = 0;
                for (size_t j = 0; j < *n_orgs; j++)
                    seen |= w->orgs[j] == o;
                if (!seen)
                    w->orgs[(*n_orgs)++] = o;
            }
            w->org_delta[o] += step;
        }
    }
}

/* Does mentor k of the idea suit application b (its conflicts, its fixed mentor)? */
static int suits(const th_flow *t, const work *w, uint32_t b, uint32_t mentor)
{
    const mm_model *m = t->n.m;
    uint32_t fixed;

    if (b == w->hyp) /* in conflict with none of its mentors (else not certified) */
        return 1;
    fixed = t->n.fixed_var[m->vars[m->app_first_var[b]].student];

    if (fixed != MM_NONE)
        return m->vars[fixed].mentor == mentor;
    for (uint32_t v = m->app_first_var[b]; v < m->app_first_var[b + 1]; v++)
        if (m->vars[v].mentor == mentor)
            return 1;
    return 0;
}

static int augment(const th_flow *t, work *w, const mm_idea *idea, uint32_t j)
{
    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        if (w->visited[k] || !suits(t, w, w->stud[j], t->n.p->idea_mentors[idea->mentor_begin + k]))
            continue;
        w->visited[k] = 1;
        if (w->load[k] < w->cnt[k]) {
            w->load[k]++;
            w->assign[j] = k;
            return 1;
        }
        for (uint32_t j2 = 0; j2 < j; j2++)
            if (w->assign[j2] == k && augment(t, w, idea, j2)) {
                w->assign[j] = k;
                return 1;
            }
    }
    return 0;
}

/* After the cycle, do the idea's students still split over its mentors as
 * the flow's idea -> mentor arcs carry them, none with a mentor in conflict? */
static int splits(const th_flow *t, work *w, uint32_t i, size_t len)
{
    const network *n = &t->n;
    const mm_flow *f = &n->flow;
    const mm_idea *idea = &n->p->ideas[i];
    uint32_t ns = 0;

    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        uint32_t arc = n->pair_arc[idea->mentor_begin + k];
        w->load[k] = 0;
        w->cnt[k] = arc == MM_NONE ? 0 : mm_flow_of(f, arc);
        for (size_t j = 0; arc != MM_NONE && j < len; j++)
            w->cnt[k] += w->path[j] == f->slot[arc] ? 1 : w->path[j] == f->arcs[f->slot[arc]].rev ? -1 : 0;
    }
    /* who is there: those there now whose arc the cycle does not empty,
     * and those whose arc it fills */
    for (uint32_t k = t->idea_first[i]; k < t->idea_first[i + 1]; k++) {
        uint32_t b = t->idea_apps[k], back = f->arcs[f->slot[n->app_arc[b]]].rev;
        int in = 1;
        for (size_t j = 0; in && j < len; j++)
            in = w->path[j] != back;
        if (in)
            w->stud[ns++] = b;
    }
    for (size_t j = 0; j < len; j++) {
        uint32_t e = w->path[j], b = w->arc_app[e];
        if (b != MM_NONE && n->p->apps[b].idea == i && e == f->slot[n->app_arc[b]])
            w->stud[ns++] = b;
    }
    if (w->hyp != MM_NONE && n->p->apps[w->hyp].idea == i)
        w->stud[ns++] = w->hyp;
    for (uint32_t j = 0; j < ns; j++) {
        memset(w->visited, 0, idea->mentor_count);
        if (!augment(t, w, idea, j))
            return 0;
    }
    return 1;
}

/* Applied to a flow that meets every quota, the cycle keeps them all. */
static int keeps_quotas(const th_flow *t, work *w, size_t len)
{
    const mm_flow *f = &t->n.flow;
    size_t n = 0;

    for (size_t j = 0; j < len; j++) {
        uint32_t e = w->path[j], b = w->arc_app[e];
        if (b == MM_NONE)
            continue;
        w->moved[n] = b;
        w->sign[n++] = e == f->slot[t->n.app_arc[b]] ? 1 : -1;
    }
    if (w->hyp != MM_NONE) {
        w->moved[n] = w->hyp;
        w->sign[n++] = 1;
    }
    return mm_th_quotas_keep(&t->quota, w->moved, w->sign, n, w->cell_delta, w->cells);
}

/* The cycle of `target` (the tree path back to the source and a's own arc
 * `own`), applied to the feasible base flow: does it break no row of the
 * model? Orgs the flow relaxes must keep within their slots, and every
 * conflict idea it touches must still split over its mentors. */
static int certified(const th_flow *t, work *w, uint32_t src, uint32_t target, int backward,
                     uint32_t own)
{
    const mm_flow *f = &t->n.flow;
    size_t n_orgs = 0, n_touched = 0, len = 0;
    uint32_t ends[2];
    int ok = 1;

    if (own != NO_ARC)
        w->path[len++] = own;
    if (w->hyp != MM_NONE && t->conflict_idea[src - t->n.idea_in0])
        w->touched[n_touched++] = src - t->n.idea_in0;
    for (uint32_t v = target; v != src;) {
        uint32_t e = w->s.pred[v];
        w->path[len++] = e;
        v = backward ? f->arcs[e].head : f->arcs[f->arcs[e].rev].head;
    }
    for (size_t j = 0; j < len; j++) {
        uint32_t e = w->path[j];
        ends[0] = f->arcs[f->arcs[e].rev].head;
        ends[1] = f->arcs[e].head;
        arc_effect(t, w, ends[0], ends[1], &n_orgs, &n_touched);
    }
    for (size_t k = 0; k < n_orgs; k++) {
        uint32_t o = w->orgs[k];
        if (t->org_fill[o] + w->org_delta[o] > t->n.org_hi[o])
            ok = 0;
        w->org_delta[o] = 0;
    }
    if (ok && t->has_quota)
        ok = keeps_quotas(t, w, len);
    for (size_t k = 0; ok && k < n_touched; k++)
        ok = splits(t, w, w->touched[k], len);
    return ok;
}

static void work_free(work *w)
{
    mm_free(w->arc_app);
    mm_free(w->idea_begin);
    mm_free(w->by_idea);
    mm_free(w->orgs);
    mm_free(w->org_delta);
    mm_free(w->path);
    mm_free(w->touched);
    mm_free(w->stud);
    mm_free(w->assign);
    mm_free(w->cnt);
    mm_free(w->load);
    mm_free(w->visited);
    mm_free(w->moved);
    mm_free(w->sign);
    mm_free(w->cell_delta);
    mm_free(w->cells);
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
    w->hyp = MM_NONE;
    w->arc_app = mm_malloc((n_res + 1) * sizeof *w->arc_app);
    w->idea_begin = mm_calloc(p->n_ideas + 2, sizeof *w->idea_begin);
    w->by_idea = mm_malloc((p->n_apps + 1) * sizeof *w->by_idea);
    w->orgs = mm_malloc((p->n_orgs + 1) * sizeof *w->orgs);
    w->org_delta = mm_calloc(p->n_orgs + 1, sizeof *w->org_delta);
    w->path = mm_malloc(nodes * sizeof *w->path);
    w->touched = mm_malloc((p->n_ideas + 1) * sizeof *w->touched);
    w->stud = mm_malloc((p->n_apps + 1) * sizeof *w->stud);
    w->assign = mm_malloc((p->n_apps + 1) * sizeof *w->assign);
    w->cnt = mm_malloc((p->n_idea_mentors + 1) * sizeof *w->cnt);
    w->load = mm_malloc((p->n_idea_mentors + 1) * sizeof *w->load);
    w->visited = mm_malloc(p->n_idea_mentors + 1);
    if (t->has_quota) {
        w->moved = mm_malloc((nodes + 1) * sizeof *w->moved);
        w->sign = mm_malloc((nodes + 1) * sizeof *w->sign);
        w->cell_delta = mm_calloc(p->n_cells + 1, sizeof *w->cell_delta);
        w->cells = mm_malloc(((nodes + 1) * p->n_quotas + 1) * sizeof *w->cells);
        if (!w->moved || !w->sign || !w->cell_delta || !w->cells)
            return MM_ENOMEM;
    }
    w->s.dist = mm_malloc(nodes * sizeof *w->s.dist);
    w->s.hop = mm_malloc(nodes * sizeof *w->s.hop);
    w->s.pred = mm_malloc(nodes * sizeof *w->s.pred);
    w->s.state = mm_calloc(nodes, 1);
    w->s.touched = mm_malloc(nodes * sizeof *w->s.touched);
    w->s.target = mm_calloc(nodes, 1);
    if (!w->arc_app || !w->idea_begin || !w->by_idea || !w->orgs || !w->org_delta || !w->path || !w->touched || !w->stud || !w->assign ||
        !w->cnt || !w->load || !w->visited ||
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
        uint32_t arc = t->n.app_arc[w->by_idea[k]];
        if (t->feasible && (arc != MM_NONE || !c->split)) {
            const mm_flow *f = &t->n.flow;
            uint32_t fw = arc == MM_NONE ? NO_ARC : f->slot[arc];
            /* below min_rating: no arc, the student joins the idea all the same */
            w->hyp = arc == MM_NONE ? w->by_idea[k] : MM_NONE;
            c->clean = certified(t, w, src, c->node, dir == TH_OUT,
                                 arc == MM_NONE || dir == TH_IN ? fw : f->arcs[fw].rev);
            w->hyp = MM_NONE;
        }

    }
    reset(s);
    return rc;
}

typedef struct {
    th_flow *t;
    th_cycle *cyc;
    mm_cost limit;
    uint32_t first, step;
    work w;
    int rc;
#ifdef MM_TH_THREADS
    pthread_t thread;
#endif
} share;

/* Every step-th idea from `first`, both directions: the ideas are
 * independent and the flow is only read, so shares run side by side. */
static void *run_share(void *arg)
{
    share *sh = arg;

    sh->rc = work_init(&sh->w, sh->t, sh->cyc);
    for (uint32_t i = sh->first; sh->rc == 0 && i < sh->t->n.p->n_ideas; i += sh->step) {
        sh->rc = idea_pass(sh->t, &sh->w, sh->cyc, i, TH_IN, sh->limit);
        if (sh->rc == 0)
            sh->rc = idea_pass(sh->t, &sh->w, sh->cyc, i, TH_OUT, sh->limit);
    }
    return NULL;
}

int mm_th_flow_cycles(th_flow *t, th_cycle *cyc, mm_cost limit, unsigned threads)
{
    share sh[MM_TH_MAX_THREADS];
    unsigned n = threads < 1 ? 1 : threads > MM_TH_MAX_THREADS ? MM_TH_MAX_THREADS : threads;
    unsigned started = 1; /* shares 1..started-1 run in their own thread */
    int rc = 0;

    memset(sh, 0, sizeof sh);
    for (unsigned k = 0; k < n; k++) {
        sh[k].t = t;
        sh[k].cyc = cyc;
        sh[k].limit = limit;
        sh[k].first = k;
        sh[k].step = n;
    }
#ifdef MM_TH_THREADS
    while (started < n && pthread_create(&sh[started].thread, NULL, run_share, &sh[started]) == 0)
        started++;
#endif
    run_share(&sh[0]);
    for (unsigned k = started; k < n; k++)
        run_share(&sh[k]); /* no thread for it: here, after the first */
#ifdef MM_TH_THREADS
    for (unsigned k = 1; k < started; k++)
        pthread_join(sh[k].thread, NULL);
#endif
    for (unsigned k = 0; k < n; k++) {
        rc = rc ? rc : sh[k].rc;
        t->searches += sh[k].w.s.searches;
        t->settled += sh[k].w.s.settled;
    }
    for (unsigned k = 0; k < n; k++)
        work_free(&sh[k].w);
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
    return t->has_quota ? "quota rows" : why;
}

static int placed_in_flow(const th_flow *t, size_t a)
{
    return t->n.app_arc[a] != MM_NONE && mm_flow_of(&t->n.flow, t->n.app_arc[a]) > 0;
}

void mm_th_flow_free(th_flow *t)
{
    mm_net_free(&t->n);
    mm_th_quotas_free(&t->quota);
    mm_free(t->flow_chosen);
    mm_free(t->conflict_idea);
    mm_free(t->org_fill);
    mm_free(t->idea_first);
    mm_free(t->idea_apps);
    memset(t, 0, sizeof *t);
}

int mm_th_flow_solve(th_flow *t, const mm_problem *p, const mm_model *m, const double *score,
                     int count_first, int *ok)
{
    static const mm_glpk_limits no_limits = {.deadline = 0};
    network like = {.p = p, .m = m, .score = score, .limits = &no_limits,
                    .count_first = count_first};
    mm_flow_status status;
    const char *why = NULL;
    int rc, split;

    memset(t, 0, sizeof *t);
    *ok = 0;
    if (mm_th_has_quota_rows(m)) { /* the flow holds the rest; the cycles check quotas */
        t->has_quota = 1;
        if ((rc = mm_th_quotas_init(&t->quota, p, m)) != 0)
            return rc;
        like.m = &t->quota.model;
    }
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
    t->idea_first = mm_calloc(p->n_ideas + 2, sizeof *t->idea_first);
    t->idea_apps = mm_malloc((p->n_apps + 1) * sizeof *t->idea_apps);
    if (!t->flow_chosen || !t->conflict_idea || !t->org_fill || !t->idea_first || !t->idea_apps)
        return MM_ENOMEM;
    for (size_t a = 0; a < p->n_apps; a++)
        t->idea_first[p->apps[a].idea + 2] += placed_in_flow(t, a);
    for (size_t i = 0; i < p->n_ideas; i++)
        t->idea_first[i + 2] += t->idea_first[i + 1];
    for (uint32_t a = 0; a < p->n_apps; a++)
        if (placed_in_flow(t, a))
            t->idea_apps[t->idea_first[p->apps[a].idea + 1]++] = a;
    split = mm_net_decode(&t->n, t->flow_chosen);
    if (split < 0)
        return MM_ENOMEM;
    t->feasible = split && mm_model_satisfied(m, t->flow_chosen);
    if (t->has_quota)
        mm_th_quotas_count(&t->quota, m, t->flow_chosen);
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
