/* Exact score thresholds from the optimal flow's residual graph
 * (threshold.h; issue 15 prototype). */
#include "threshold.h"

#include <string.h>

#include "alloc.h"
#include "network.h"
#include "solve_glpk.h"

#ifndef MM_HAVE_FLOW

int mm_thresholds_flow(const mm_problem *p, const mm_model *m, const double *score,
                       int count_first, double cutoff, mm_threshold *th, unsigned char **chosen,
                       mm_threshold_stats *stats)
{
    (void)p, (void)m, (void)score, (void)count_first, (void)cutoff, (void)th, (void)stats;
    *chosen = NULL;
    return MM_EINVALID;
}

#else

#define NO_ARC UINT32_MAX

typedef struct {
    mm_cost key;
    uint32_t node;
} entry;

typedef struct {
    const mm_flow *f;
    mm_cost *dist;
    uint32_t *hop;        /* forward: first residual arc out of the source on the
                           * tree path; backward: first arc out of the node */
    unsigned char *state; /* 0 unseen, 1 in heap, 2 settled */
    uint32_t *touched;
    size_t n_touched;
    entry *heap;
    size_t heap_size, heap_cap;
    unsigned char *target;
    size_t searches, settled;
} search;

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

static int reach(search *s, uint32_t v, mm_cost d, uint32_t hop)
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
    return push(s, d, v);
}

static void reset(search *s)
{
    for (size_t k = 0; k < s->n_touched; k++)
        s->state[s->touched[k]] = 0;
    s->n_touched = 0;
    s->heap_size = 0;
}

/* Reduced-cost distances from src (forward) or to src (backward) until
 * `targets` target nodes are settled or the distance passes `limit`. */
static int dijkstra(search *s, uint32_t src, int backward, size_t targets, mm_cost limit)
{
    const mm_flow *f = s->f;
    int rc = 0;

    s->searches++;
    rc = reach(s, src, 0, NO_ARC);
    while (rc == 0 && s->heap_size > 0 && targets > 0) {
        entry top = pop(s);
        uint32_t u = top.node;
        mm_cost pu = f->nodes[u].pi;
        if (s->state[u] == 2 || top.key != s->dist[u])
            continue;
        if (top.key > limit)
            break;
        s->state[u] = 2;
        s->settled++;
        if (s->target[u])
            targets--;
        if (!backward) {
            /* forward arcs, then the backward arcs that carry something */
            for (uint32_t e = f->first[u]; rc == 0 && e < f->fwd_end[u]; e++) {
                const mm_flow_arc *a = &f->arcs[e];
                if (a->resid > 0)
                    rc = reach(s, a->head, top.key + a->cost + pu - f->nodes[a->head].pi,
                               u == src ? e : s->hop[u]);
            }
            for (uint32_t k = 0; rc == 0 && k < f->n_active[u]; k++) {
                uint32_t e = f->active[f->first[u] + k];
                const mm_flow_arc *a = &f->arcs[e];
                if (a->resid > 0)
                    rc = reach(s, a->head, top.key + a->cost + pu - f->nodes[a->head].pi,
                               u == src ? e : s->hop[u]);
            }
        } else {
            /* arcs into u: the reverse of each arc at u */
            for (uint32_t e = f->first[u]; rc == 0 && e < f->first[u + 1]; e++) {
                uint32_t w = f->arcs[e].head, in = f->arcs[e].rev;
                const mm_flow_arc *a = &f->arcs[in];
                if (a->resid > 0)
                    rc = reach(s, w, top.key + a->cost + f->nodes[w].pi - pu, in);
            }
        }
    }
    return rc;
}

/* The flow holds the model exactly for every score: no conflict splits a
 * multi-mentor idea's applicants, every capped org has its node. */
static const char *relaxes(const network *n)
{
    const mm_problem *p = n->p;
    const mm_model *m = n->m;

    for (size_t a = 0; a < p->n_apps; a++) {
        uint32_t vars = m->app_first_var[a + 1] - m->app_first_var[a];
        if (vars > 0 && vars != p->ideas[p->apps[a].idea].mentor_count)
            return "a conflict with some mentors of a multi-mentor idea";
    }
    for (size_t o = 0; o < p->n_orgs; o++)
        if (n->org_hi[o] < n->unlimited && !n->org_kept[o])
            return "an org's slots shared with mentors who lead ideas of other orgs";
    return NULL;
}

static void split_cost(const network *n, mm_cost c, int *lost, double *delta)
{
    mm_cost w = n->costs.per_assignment, q = 0;

    if (w > 0)
        q = (c + w / 2) / w;
    *lost = q > 0;
    *delta = (double)(c - q * w) / n->costs.scale;
}

static int compute(network *n, double cutoff, mm_threshold *th, mm_threshold_stats *stats)
{
    const mm_problem *p = n->p;
    const mm_flow *f = &n->flow;
    size_t n_res = f->first[f->n_nodes];
    search s;
    uint32_t *arc_app = mm_malloc((n_res + 1) * sizeof *arc_app);
    uint32_t *idea_begin = mm_calloc(p->n_ideas + 2, sizeof *idea_begin), *by_idea = NULL;
    mm_cost limit;
    int rc = 0;

    memset(&s, 0, sizeof s);
    s.f = f;
    s.dist = mm_malloc((f->n_nodes + 1) * sizeof *s.dist);
    s.hop = mm_malloc((f->n_nodes + 1) * sizeof *s.hop);
    s.state = mm_calloc(f->n_nodes + 1, 1);
    s.touched = mm_malloc((f->n_nodes + 1) * sizeof *s.touched);
    s.target = mm_calloc(f->n_nodes + 1, 1);
    by_idea = mm_malloc((p->n_apps + 1) * sizeof *by_idea);
    if (!arc_app || !idea_begin || !s.dist || !s.hop || !s.state || !s.touched || !s.target ||
        !by_idea) {
        rc = MM_ENOMEM;
        goto done;
    }
    /* Past this, no score move within a rating's reach matters (and a lost
     * assignment is further still). */
    limit = cutoff > 0 ? (mm_cost)(cutoff * n->costs.scale) + 1
                       : (n->costs.per_assignment > 0 ? n->costs.per_assignment * 2
                                                      : ((mm_cost)1 << 100));
    for (size_t e = 0; e < n_res; e++)
        arc_app[e] = MM_NONE;
    for (size_t a = 0; a < p->n_apps; a++) {
        memset(&th[a], 0, sizeof th[a]);
        th[a].via = MM_NONE;
        if (n->app_arc[a] == MM_NONE)
            continue;
        uint32_t fw = f->slot[n->app_arc[a]];
        arc_app[fw] = arc_app[f->arcs[fw].rev] = (uint32_t)a;
        th[a].has_arc = 1;
        th[a].placed = mm_flow_of(f, n->app_arc[a]) > 0;
        idea_begin[p->apps[a].idea + 1]++;
    }
    for (size_t i = 0; i < p->n_ideas; i++)
        idea_begin[i + 1] += idea_begin[i];
    {
        uint32_t *fill = mm_malloc((p->n_ideas + 1) * sizeof *fill);
        if (!fill) {
            rc = MM_ENOMEM;
            goto done;
        }
        memcpy(fill, idea_begin, p->n_ideas * sizeof *fill);
        for (size_t a = 0; a < p->n_apps; a++)
            if (th[a].has_arc)
                by_idea[fill[p->apps[a].idea]++] = (uint32_t)a;
        mm_free(fill);
    }
    for (uint32_t i = 0; rc == 0 && i < p->n_ideas; i++) {
        uint32_t node = n->idea_in0 + i;
        for (int pass = 0; rc == 0 && pass < 2; pass++) {
            int backward = pass == 1; /* 0: not placed, from i; 1: placed, into i */
            size_t targets = 0;
            mm_cost reach_limit = -1;
            for (uint32_t k = idea_begin[i]; k < idea_begin[i + 1]; k++) {
                uint32_t a = by_idea[k];
                if (th[a].placed == backward) {
                    uint32_t fw = f->slot[n->app_arc[a]];
                    mm_cost own = mm_flow_reduced_cost(f, n->app_arc[a]);
                    mm_cost left = limit - (backward ? -own : own);
                    if (left < 0)
                        continue; /* the arc alone costs more than any rating can give */
                    if (left > reach_limit)
                        reach_limit = left;
                    s.target[f->arcs[f->arcs[fw].rev].head] = 1;
                    targets++;
                }
            }
            if (targets > 0)
                rc = dijkstra(&s, node, backward, targets, reach_limit);
            for (uint32_t k = idea_begin[i]; k < idea_begin[i + 1]; k++) {
                uint32_t a = by_idea[k];
                uint32_t fw = f->slot[n->app_arc[a]];
                uint32_t st = f->arcs[f->arcs[fw].rev].head;
                mm_cost rcost = mm_flow_reduced_cost(f, n->app_arc[a]);
                int lost;
                if (th[a].placed != backward)
                    continue;
                s.target[st] = 0;
                if (s.state[st] != 2) {
                    /* beyond the limit (or no way at all) */
                    if (backward)
                        th[a].always = 1;
                    else
                        th[a].never = 1;
                    continue;
                }
                split_cost(n, (backward ? -rcost : rcost) + s.dist[st], &lost, &th[a].delta);
                if (cutoff > 0 && th[a].delta > cutoff)
                    lost = 1;
                if (backward)
                    th[a].always = (unsigned char)lost;
                else
                    th[a].never = (unsigned char)lost;
                th[a].via = s.hop[st] == NO_ARC ? MM_NONE : arc_app[s.hop[st]];
            }
            reset(&s);
        }
    }
    stats->searches = s.searches;
    stats->settled = s.settled;
done:
    mm_free(arc_app);
    mm_free(idea_begin);
    mm_free(by_idea);
    mm_free(s.dist);
    mm_free(s.hop);
    mm_free(s.state);
    mm_free(s.touched);
    mm_free(s.target);
    mm_free(s.heap);
    return rc;
}

int mm_thresholds_flow(const mm_problem *p, const mm_model *m, const double *score,
                       int count_first, double cutoff, mm_threshold *th, unsigned char **chosen,
                       mm_threshold_stats *stats)
{
    mm_glpk_limits limits = {0, 0, NULL, NULL, NULL, mm_now()};
    network n, like = {.p = p, .m = m, .score = score, .limits = &limits,
                       .count_first = count_first};
    mm_flow_status status;
    const char *why = NULL;
    double t0 = mm_now();
    int rc;

    memset(stats, 0, sizeof *stats);
    *chosen = NULL;
    mm_net_init(&n, &like);
    rc = mm_net_run(&n, &status, &why);
    if (rc == 0 && why)
        rc = MM_EINVALID;
    if (rc == 0 && status == MM_FLOW_INFEASIBLE)
        rc = MM_EINFEASIBLE;
    if (rc == 0 && (status != MM_FLOW_OPTIMAL || !mm_flow_certify(&n.flow)))
        rc = MM_EINTERNAL;
    if (rc == 0 && !(*chosen = mm_calloc(m->n_vars + 1, 1)))
        rc = MM_ENOMEM;
    if (rc == 0) {
        int split = mm_net_decode(&n, *chosen);
        stats->why_not = relaxes(&n);
        if (split < 0)
            rc = MM_ENOMEM;
        else if (!split || !mm_model_satisfied(m, *chosen))
            stats->why_not = stats->why_not ? stats->why_not : "the relaxation's optimum breaks a row";
        stats->exact_class = stats->why_not == NULL;
        mm_net_totals(m, score, *chosen, &(double){0}, &stats->base_score);
        for (size_t v = 0; v < m->n_vars; v++)
            stats->base_assigned += (*chosen)[v];
    }
    stats->seconds_solve = mm_now() - t0;
    t0 = mm_now();
    if (rc == 0)
        rc = compute(&n, cutoff, th, stats);
    stats->seconds_thresholds = mm_now() - t0;
    if (rc != 0) {
        mm_free(*chosen);
        *chosen = NULL;
    }
    mm_net_free(&n);
    return rc;
}

#endif
