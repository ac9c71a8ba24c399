#include "flow.h"

#ifdef MM_HAVE_FLOW

#include <string.h>

#include "alloc.h"
#include "mentormatch/common.h"

enum { NOT_SEEN, IN_HEAP, SETTLED };
#define NO_ARC UINT32_MAX
#define STOP_EVERY 256 /* paths between two calls of the stop function */
/* ... or node scans, whichever comes first: a warm re-solve's few paths can
 * each search most of the network, and a stop must not wait seconds. */
#define STOP_SCANS (1ull << 16)
/* A global update costs about a search that scans every node a few times;
 * measured on the benchmark tiers, one per 16 such searches is best. */
#define UPDATE_EVERY 16

int mm_flow_init(mm_flow *f, uint32_t n_nodes)
{
    memset(f, 0, sizeof *f);
    f->n_nodes = n_nodes;
    f->balance = mm_calloc(n_nodes + 1, sizeof *f->balance);
    if (!f->balance)
        return MM_ENOMEM;
    return 0;
}

static void free_search(mm_flow *f);

static void free_build_arrays(mm_flow *f)
{
    mm_free(f->arc_tail);
    mm_free(f->arc_head);
    mm_free(f->arc_cost);
    f->arc_tail = f->arc_head = NULL;
    f->arc_cost = NULL;
}

void mm_flow_dispose(mm_flow *f)
{
    free_build_arrays(f);
    mm_free(f->arc_lo);
    mm_free(f->arc_cap);
    mm_free(f->balance);
    free_search(f);
    memset(f, 0, sizeof *f);
}

void mm_flow_supply(mm_flow *f, uint32_t node, int64_t amount)
{
    f->balance[node] += amount;
}

static int grow_arcs(mm_flow *f)
{
    size_t capacity = f->arcs_capacity, need = f->n_arcs + 1;
    void *p;

    if (need <= capacity)
        return 0;
    capacity = capacity < 1024 ? 1024 : capacity * 2;
#define GROW(field)                                                                                \
    if (!(p = mm_realloc(f->field, capacity * sizeof *f->field)))                                  \
        return MM_ENOMEM;                                                                          \
    f->field = p;
    GROW(arc_tail) GROW(arc_head) GROW(arc_lo) GROW(arc_cap) GROW(arc_cost)
#undef GROW
    f->arcs_capacity = capacity;
    return 0;
}

int mm_flow_add_arc(mm_flow *f, uint32_t tail, uint32_t head, int64_t lo, int64_t hi,
                    mm_cost cost, uint32_t *id)
{
    size_t a = f->n_arcs;

    if (tail <= head || tail >= f->n_nodes || lo < 0 || lo > hi || a >= UINT32_MAX / 2)
        return MM_EINTERNAL;
    if (grow_arcs(f) != 0)
        return MM_ENOMEM;
    f->arc_tail[a] = tail;
    f->arc_head[a] = head;
    f->arc_lo[a] = lo;
    f->arc_cap[a] = hi;
    f->arc_cost[a] = cost;
    /* The lower bound is routed up front: its units leave the tail and
     * reach the head before the search starts. */
    f->balance[tail] -= lo;
    f->balance[head] += lo;
    f->n_arcs++;
    if (id)
        *id = (uint32_t)a;
    return 0;
}

static int alloc_layout(mm_flow *f)
{
    uint32_t n = f->n_nodes;
    size_t m = 2 * f->n_arcs;

    f->first = mm_calloc(n + 2, sizeof *f->first);
    f->fwd_end = mm_calloc(n + 1, sizeof *f->fwd_end);
    f->n_active = mm_calloc(n + 1, sizeof *f->n_active);
    f->arcs = mm_malloc((m + 1) * sizeof *f->arcs);
    f->active = mm_malloc((m + 1) * sizeof *f->active);
    f->active_pos = mm_malloc((m + 1) * sizeof *f->active_pos);
    f->slot = mm_malloc((f->n_arcs + 1) * sizeof *f->slot);
    return f->first && f->fwd_end && f->n_active && f->arcs && f->active && f->active_pos && f->slot
               ? 0
               : MM_ENOMEM;
}

/* The residual network by tail: each node's forward arcs, then its
 * backward arcs, each group in the order the arcs were added. */
static int lay_out(mm_flow *f)
{
    uint32_t n = f->n_nodes, *fill = mm_calloc(n + 1, sizeof *fill);

    if (!fill || alloc_layout(f) != 0) {
        mm_free(fill);
        return MM_ENOMEM;
    }
    for (size_t a = 0; a < f->n_arcs; a++) {
        f->first[f->arc_tail[a] + 1]++;
        f->first[f->arc_head[a] + 1]++;
        f->fwd_end[f->arc_tail[a]]++;
    }
    for (uint32_t v = 0; v < n; v++) {
        f->first[v + 1] += f->first[v];
        f->fwd_end[v] += f->first[v];
        fill[v] = f->first[v];
    }
    for (size_t a = 0; a < f->n_arcs; a++) {
        uint32_t t = f->arc_tail[a];
        f->slot[a] = fill[t]++;
    }
    for (uint32_t v = 0; v < n; v++)
        fill[v] = f->fwd_end[v];
    for (size_t a = 0; a < f->n_arcs; a++) {
        uint32_t t = f->arc_tail[a], h = f->arc_head[a], fw = f->slot[a], bw = fill[h]++;
        f->arcs[fw] = (mm_flow_arc){f->arc_cost[a], f->arc_cap[a] - f->arc_lo[a], h, bw};
        f->arcs[bw] = (mm_flow_arc){-f->arc_cost[a], 0, t, fw};
        f->active_pos[fw] = f->active_pos[bw] = NO_ARC;
    }
    mm_free(fill);
    free_build_arrays(f);
    return 0;
}

/* Keep u's list of backward arcs with residual capacity up to date after
 * arc e (at tail u) changed. */
static void track(mm_flow *f, uint32_t u, uint32_t e)
{
    uint32_t pos = f->active_pos[e];

    if (e < f->fwd_end[u])
        return;
    if (f->arcs[e].resid > 0 && pos == NO_ARC) {
        pos = f->first[u] + f->n_active[u]++;
        f->active[pos] = e;
        f->active_pos[e] = pos;
    } else if (f->arcs[e].resid == 0 && pos != NO_ARC) {
        uint32_t last = f->first[u] + --f->n_active[u], moved = f->active[last];
        f->active[pos] = moved;
        f->active_pos[moved] = pos;
        f->active_pos[e] = NO_ARC;
    }
}

/* Starting potentials: every arc runs to a lower node, so one pass upwards
 * makes every reduced cost non-negative, and zero on each node's cheapest
 * way down. */
static void start_potentials(mm_flow *f)
{
    for (uint32_t u = 0; u < f->n_nodes; u++) {
        mm_cost best = 0;
        for (uint32_t e = f->first[u]; e < f->fwd_end[u]; e++) {
            const mm_flow_arc *a = &f->arcs[e];
            mm_cost need = f->nodes[a->head].pi - a->cost;
            if (a->resid > 0 && need > best)
                best = need;
        }
        f->nodes[u].pi = best;
        f->nodes[u].state = NOT_SEEN;
    }
}

static int alloc_search(mm_flow *f)
{
    uint32_t n = f->n_nodes;

    f->nodes = mm_malloc((n + 1) * sizeof *f->nodes);
    f->settled = mm_malloc((n + 1) * sizeof *f->settled);
    f->touched = mm_malloc((n + 1) * sizeof *f->touched);
    f->heap_capacity = 1024;
    f->heap = mm_malloc(f->heap_capacity * sizeof *f->heap);
    return f->nodes && f->settled && f->touched && f->heap ? 0 : MM_ENOMEM;
}

/* A 4-ary min-heap of (distance, node); a node may sit in it more than
 * once, and only its first pop counts. */
static int heap_push(mm_flow *f, mm_cost key, uint32_t node)
{
    size_t i = f->heap_size;

    if (i == f->heap_capacity) {
        mm_flow_entry *grown = mm_grow(f->heap, &f->heap_capacity, i + 1, sizeof *grown);
        if (!grown)
            return MM_ENOMEM;
        f->heap = grown;
    }
    while (i > 0) {
        size_t parent = (i - 1) / 4;
        if (f->heap[parent].key <= key)
            break;
        f->heap[i] = f->heap[parent];
        i = parent;
    }
    f->heap[i] = (mm_flow_entry){key, node};
    f->heap_size++;
    return 0;
}

static mm_flow_entry heap_pop(mm_flow *f)
{
    mm_flow_entry top = f->heap[0], last = f->heap[--f->heap_size];
    size_t n = f->heap_size, i = 0;

    for (;;) {
        size_t child = 4 * i + 1, best = child;
        if (child >= n)
            break;
        for (size_t k = child + 1; k < child + 4 && k < n; k++)
            if (f->heap[k].key < f->heap[best].key)
                best = k;
        if (last.key <= f->heap[best].key)
            break;
        f->heap[i] = f->heap[best];
        i = best;
    }
    if (n > 0)
        f->heap[i] = last;
    return top;
}

static int relax(mm_flow *f, uint32_t e, mm_cost base, uint32_t *n_touched)
{
    const mm_flow_arc *a = &f->arcs[e];
    mm_flow_node *v = &f->nodes[a->head];
    mm_cost d;

    if (a->resid <= 0 || v->state == SETTLED)
        return 0;
    d = base + a->cost - v->pi;
    if (v->state == NOT_SEEN) {
        f->touched[(*n_touched)++] = a->head;
        v->state = IN_HEAP;
    } else if (d >= v->dist) {
        return 0;
    }
    v->dist = d;
    v->pred = e;
    return heap_push(f, d, a->head);
}

/* A node with demand reached at u's own distance is as near as any node
 * can be (u is the nearest unsettled one): the search may end there at
 * once, without settling the rest of a tie (a popular idea's applicants). */
static uint32_t demand_at_par(const mm_flow *f, uint32_t u, uint32_t e)
{
    uint32_t v = f->arcs[e].head;

    return f->arcs[e].resid > 0 && f->balance[v] < 0 && f->nodes[v].state == IN_HEAP &&
                   f->nodes[v].dist == f->nodes[u].dist
               ? v
               : NO_ARC;
}

/* Relax the residual arcs out of u: its forward arcs, and only those of
 * its backward arcs that carry something. *par is set to a node with
 * demand found at u's distance, which ends the search. */
static int scan(mm_flow *f, uint32_t u, uint32_t *n_touched, uint32_t *par)
{
    mm_cost base = f->nodes[u].dist + f->nodes[u].pi;
    int rc = 0;

    for (uint32_t e = f->first[u]; rc == 0 && *par == NO_ARC && e < f->fwd_end[u]; e++) {
        rc = relax(f, e, base, n_touched);
        *par = demand_at_par(f, u, e);
    }
    for (uint32_t k = 0; rc == 0 && *par == NO_ARC && k < f->n_active[u]; k++) {
        uint32_t e = f->active[f->first[u] + k];
        rc = relax(f, e, base, n_touched);
        *par = demand_at_par(f, u, e);
    }
    f->scanned++;
    return rc;
}

/* Dijkstra from s to the nearest node with demand left; NO_ARC if none.
 * Settled nodes' potentials move by their distance minus the target's, the
 * rest stay: reduced costs stay non-negative and only the searched part of
 * the network is touched. */
static int shortest_path(mm_flow *f, uint32_t s, uint32_t *target)
{
    uint32_t n_touched = 1, par = NO_ARC;
    size_t n_settled = 0;
    int rc = 0;

    *target = NO_ARC;
    f->touched[0] = s;
    f->nodes[s].state = IN_HEAP;
    f->nodes[s].dist = 0;
    f->heap_size = 0;
    rc = heap_push(f, 0, s);
    while (rc == 0 && f->heap_size > 0) {
        mm_flow_entry top = heap_pop(f);
        mm_flow_node *u = &f->nodes[top.node];
        if (u->state == SETTLED || top.key != u->dist)
            continue; /* a stale entry */
        u->state = SETTLED;
        f->settled[n_settled++] = top.node;
        if (f->balance[top.node] < 0) {
            *target = top.node;
            break;
        }
        rc = scan(f, top.node, &n_touched, &par);
        if (par != NO_ARC) {
            f->nodes[par].state = SETTLED;
            f->settled[n_settled++] = par;
            *target = par;
            break;
        }
    }
    if (*target != NO_ARC)
        for (size_t k = 0; k < n_settled; k++) {
            mm_flow_node *v = &f->nodes[f->settled[k]];
            v->pi += v->dist - f->nodes[*target].dist;
        }
    for (uint32_t k = 0; k < n_touched; k++)
        f->nodes[f->touched[k]].state = NOT_SEEN;
    return rc;
}

/* Global update: exact potentials from a backward Dijkstra from every node
 * with demand left, over arcs into each node. Every node's way to a
 * demand then has reduced cost zero, so the next searches go straight
 * there instead of wading through potentials gone stale. Nodes that reach
 * no demand move by the largest distance found, which keeps every reduced
 * cost non-negative. */
static int global_update(mm_flow *f)
{
    uint32_t n_touched = 0;
    size_t n_settled = 0;
    mm_cost reach = 0;
    int rc = 0;

    f->heap_size = 0;
    for (uint32_t v = 0; rc == 0 && v < f->n_nodes; v++)
        if (f->balance[v] < 0) {
            f->touched[n_touched++] = v;
            f->nodes[v].state = IN_HEAP;
            f->nodes[v].dist = 0;
            rc = heap_push(f, 0, v);
        }
    while (rc == 0 && f->heap_size > 0) {
        mm_flow_entry top = heap_pop(f);
        mm_flow_node *v = &f->nodes[top.node];
        if (v->state == SETTLED || top.key != v->dist)
            continue;
        v->state = SETTLED;
        f->settled[n_settled++] = top.node;
        reach = top.key;
        for (uint32_t e = f->first[top.node]; rc == 0 && e < f->first[top.node + 1]; e++) {
            const mm_flow_arc *in = &f->arcs[f->arcs[e].rev]; /* u -> v */
            uint32_t u = f->arcs[e].head;
            mm_flow_node *w = &f->nodes[u];
            mm_cost d;
            if (in->resid <= 0 || w->state == SETTLED)
                continue;
            d = top.key + in->cost + w->pi - v->pi;
            if (w->state == NOT_SEEN) {
                f->touched[n_touched++] = u;
                w->state = IN_HEAP;
            } else if (d >= w->dist) {
                continue;
            }
            w->dist = d;
            rc = heap_push(f, d, u);
        }
    }
    for (uint32_t v = 0; v < f->n_nodes; v++)
        f->nodes[v].pi -= f->nodes[v].state == SETTLED ? f->nodes[v].dist : reach;
    for (uint32_t k = 0; k < n_touched; k++)
        f->nodes[f->touched[k]].state = NOT_SEEN;
    f->updates++;
    return rc;
}

static uint32_t tail_of(const mm_flow *f, uint32_t e)
{
    return f->arcs[f->arcs[e].rev].head;
}

static void augment(mm_flow *f, uint32_t s, uint32_t t)
{
    int64_t amount = f->balance[s] < -f->balance[t] ? f->balance[s] : -f->balance[t];

    for (uint32_t v = t; v != s; v = tail_of(f, f->nodes[v].pred))
        if (f->arcs[f->nodes[v].pred].resid < amount)
            amount = f->arcs[f->nodes[v].pred].resid;
    for (uint32_t v = t; v != s;) {
        uint32_t e = f->nodes[v].pred, u = tail_of(f, e), r = f->arcs[e].rev;
        f->arcs[e].resid -= amount;
        f->arcs[r].resid += amount;
        track(f, u, e);
        track(f, v, r);
        v = u;
    }
    f->balance[s] -= amount;
    f->balance[t] += amount;
    f->paths++;
}

static int time_to_ask(mm_flow *f)
{
    if (f->paths % STOP_EVERY != STOP_EVERY - 1 && f->scanned - f->scanned_at_check < STOP_SCANS)
        return 0;
    f->scanned_at_check = f->scanned;
    return 1;
}

/* Route every node's supply along shortest paths to demands, in node
 * order; the potentials must keep every residual reduced cost >= 0. */
static int route(mm_flow *f, const uint32_t *order, mm_flow_stop_fn stop, void *context,
                 mm_flow_status *status)
{
    int rc = 0;

    *status = MM_FLOW_OPTIMAL;
    for (uint32_t k = 0; rc == 0 && k < f->n_nodes && *status == MM_FLOW_OPTIMAL; k++) {
        uint32_t s = order ? order[k] : k;
        while (rc == 0 && f->balance[s] > 0) {
            uint32_t t;
            if (stop && time_to_ask(f) && stop(context, (double)k / f->n_nodes)) {
                *status = MM_FLOW_STOPPED;
                break;
            }
            /* Once the searches since the last update have cost about
             * one update, another is worth it. */
            if (f->scanned - f->scanned_at_update > UPDATE_EVERY * f->n_nodes) {
                rc = global_update(f);
                f->scanned_at_update = f->scanned;
            }
            if (rc == 0)
                rc = shortest_path(f, s, &t);
            if (rc == 0 && t == NO_ARC) {
                *status = MM_FLOW_INFEASIBLE;
                break;
            }
            if (rc == 0)
                augment(f, s, t);
        }
    }
    return rc;
}

int mm_flow_prepare(mm_flow *f)
{
    if (f->arcs)
        return 0;
    return lay_out(f) != 0 || alloc_search(f) != 0 ? MM_ENOMEM : 0;
}

int mm_flow_solve_order(mm_flow *f, const uint32_t *order, mm_flow_stop_fn stop, void *context,
                        mm_flow_status *status)
{
    *status = MM_FLOW_OPTIMAL;
    if (mm_flow_prepare(f) != 0)
        return MM_ENOMEM;
    start_potentials(f);
    return route(f, order, stop, context, status);
}

int mm_flow_solve(mm_flow *f, mm_flow_stop_fn stop, void *context, mm_flow_status *status)
{
    return mm_flow_solve_order(f, NULL, stop, context, status);
}

void mm_flow_set_cost(mm_flow *f, uint32_t id, mm_cost cost)
{
    f->arc_cost[id] = cost;
}

static void free_search(mm_flow *f)
{
    mm_free(f->arcs);
    mm_free(f->first);
    mm_free(f->fwd_end);
    mm_free(f->active);
    mm_free(f->active_pos);
    mm_free(f->n_active);
    mm_free(f->slot);
    mm_free(f->nodes);
    mm_free(f->heap);
    mm_free(f->settled);
    mm_free(f->touched);
    f->arcs = NULL;
    f->first = f->fwd_end = f->active = f->active_pos = f->n_active = f->slot = NULL;
    f->nodes = NULL;
    f->heap = NULL;
    f->settled = f->touched = NULL;
    f->heap_size = f->heap_capacity = 0;
}

/* Complementary slackness: with the final potentials, every optimal flow
 * carries on an arc of positive reduced cost its lower bound, and on one of
 * negative reduced cost its capacity, exactly as this flow does. Fixing
 * those arcs at what they carry leaves the set of optimal flows, nothing
 * more and nothing less. The balances are rebuilt from the flow: a node's
 * supply is what it sends out net, less the fixed units. */
int mm_flow_keep_optimal(mm_flow *f)
{
    return mm_flow_keep_near_optimal(f, 0);
}

int mm_flow_keep_near_optimal(mm_flow *f, mm_cost slack)
{
    size_t m = f->n_arcs;

    f->arc_tail = mm_malloc((m + 1) * sizeof *f->arc_tail);
    f->arc_head = mm_malloc((m + 1) * sizeof *f->arc_head);
    f->arc_cost = mm_malloc((m + 1) * sizeof *f->arc_cost);
    if (!f->arc_tail || !f->arc_head || !f->arc_cost)
        return MM_ENOMEM;
    memset(f->balance, 0, (f->n_nodes + 1) * sizeof *f->balance);
    for (size_t a = 0; a < m; a++) {
        const mm_flow_arc *fw = &f->arcs[f->slot[a]];
        int64_t carried = mm_flow_of(f, (uint32_t)a);
        f->arc_tail[a] = f->arcs[fw->rev].head;
        f->arc_head[a] = fw->head;
        f->arc_cost[a] = fw->cost;
        mm_cost rc = mm_flow_reduced_cost(f, (uint32_t)a);
        if (rc > slack || rc < -slack)
            f->arc_lo[a] = f->arc_cap[a] = carried;
        f->balance[f->arc_tail[a]] += carried - f->arc_lo[a];
        f->balance[f->arc_head[a]] -= carried - f->arc_lo[a];
    }
    free_search(f);
    return 0;
}

int64_t mm_flow_of(const mm_flow *f, uint32_t id)
{
    return f->arc_lo[id] + f->arcs[f->arcs[f->slot[id]].rev].resid;
}

mm_cost mm_flow_reduced_cost(const mm_flow *f, uint32_t id)
{
    const mm_flow_arc *a = &f->arcs[f->slot[id]];

    return a->cost + f->nodes[f->arcs[a->rev].head].pi - f->nodes[a->head].pi;
}

int mm_flow_certify(const mm_flow *f)
{
    for (uint32_t u = 0; u < f->n_nodes; u++) {
        if (f->balance[u] != 0)
            return 0;
        for (uint32_t e = f->first[u]; e < f->first[u + 1]; e++) {
            const mm_flow_arc *a = &f->arcs[e];
            if (a->resid < 0 ||
                (a->resid > 0 && a->cost + f->nodes[u].pi - f->nodes[a->head].pi < 0))
                return 0;
        }
    }
    for (size_t a = 0; a < f->n_arcs; a++) {
        uint32_t fw = f->slot[a];
        if (f->arcs[fw].resid + f->arcs[f->arcs[fw].rev].resid != f->arc_cap[a] - f->arc_lo[a])
            return 0;
    }
    return 1;
}

/* ---- warm starts ------------------------------------------------------- */

#define COPY(field, count)                                                                         \
    memcpy(dst->field, src->field, (count) * sizeof *dst->field)

int mm_flow_clone(mm_flow *dst, const mm_flow *src)
{
    uint32_t n = src->n_nodes;
    size_t m = src->n_arcs;

    memset(dst, 0, sizeof *dst);
    dst->n_nodes = n;
    dst->n_arcs = m;
    dst->balance = mm_malloc((n + 1) * sizeof *dst->balance);
    dst->arc_lo = mm_malloc((m + 1) * sizeof *dst->arc_lo);
    dst->arc_cap = mm_malloc((m + 1) * sizeof *dst->arc_cap);
    if (!dst->balance || !dst->arc_lo || !dst->arc_cap || alloc_layout(dst) != 0 ||
        alloc_search(dst) != 0) {
        mm_flow_dispose(dst);
        return MM_ENOMEM;
    }
    COPY(arc_lo, m);
    COPY(arc_cap, m);
    COPY(first, n + 1);
    COPY(fwd_end, n);
    COPY(slot, m);
    mm_flow_restore(dst, src);
    return 0;
}

void mm_flow_restore(mm_flow *dst, const mm_flow *src)
{
    COPY(balance, src->n_nodes);
    COPY(arcs, 2 * src->n_arcs);
    COPY(active, 2 * src->n_arcs);
    COPY(active_pos, 2 * src->n_arcs);
    COPY(n_active, src->n_nodes);
    dst->paths = dst->scanned = dst->updates = dst->scanned_at_update = dst->scanned_at_check = 0;
}

#undef COPY

/* Saturate every residual arc the new costs price below zero: the flow
 * moves off it, which leaves excesses and deficits at its ends, and every
 * residual arc's reduced cost is non-negative again under the old
 * potentials. */
static void saturate_negative(mm_flow *f)
{
    for (uint32_t u = 0; u < f->n_nodes; u++)
        for (uint32_t e = f->first[u]; e < f->first[u + 1]; e++) {
            mm_flow_arc *a = &f->arcs[e];
            int64_t amount = a->resid;
            if (amount <= 0 || a->cost + f->nodes[u].pi - f->nodes[a->head].pi >= 0)
                continue;
            a->resid = 0;
            f->arcs[a->rev].resid += amount;
            f->balance[u] -= amount;
            f->balance[a->head] += amount;
            track(f, u, e);
            track(f, a->head, a->rev);
        }
}

int mm_flow_resolve(mm_flow *f, mm_flow_stop_fn stop, void *context, mm_flow_status *status)
{
    saturate_negative(f);
    f->scanned_at_update = f->scanned;
    return route(f, NULL, stop, context, status);
}

void mm_flow_reprice(mm_flow *f, uint32_t id, mm_cost cost)
{
    mm_flow_arc *a = &f->arcs[f->slot[id]];

    a->cost = cost;
    f->arcs[a->rev].cost = -cost;
}

#endif
