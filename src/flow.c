#include "flow.h"

#ifdef MM_HAVE_FLOW

#include <string.h>

#include "alloc.h"
#include "mentormatch/common.h"

#define NOT_SEEN UINT32_MAX
#define SETTLED (UINT32_MAX - 1)
#define STOP_EVERY 256 /* paths between two calls of the stop function */

int mm_flow_init(mm_flow *f, uint32_t n_nodes, size_t arcs_hint)
{
    memset(f, 0, sizeof *f);
    f->n_nodes = n_nodes;
    f->balance = mm_calloc(n_nodes + 1, sizeof *f->balance);
    if (!f->balance)
        return MM_ENOMEM;
    (void)arcs_hint;
    return 0;
}

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
    mm_free(f->first);
    mm_free(f->head);
    mm_free(f->rev);
    mm_free(f->resid);
    mm_free(f->cost);
    mm_free(f->slot);
    mm_free(f->pi);
    mm_free(f->dist);
    mm_free(f->pred);
    mm_free(f->heap);
    mm_free(f->heap_pos);
    mm_free(f->settled);
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

/* The residual network by tail: arc a's forward copy at its tail, its
 * backward copy at its head, in the order the arcs were added. */
static int lay_out(mm_flow *f)
{
    uint32_t n = f->n_nodes, *fill;
    size_t m = 2 * f->n_arcs;

    f->first = mm_calloc(n + 2, sizeof *f->first);
    fill = mm_calloc(n + 1, sizeof *fill);
    f->head = mm_malloc((m + 1) * sizeof *f->head);
    f->rev = mm_malloc((m + 1) * sizeof *f->rev);
    f->resid = mm_malloc((m + 1) * sizeof *f->resid);
    f->cost = mm_malloc((m + 1) * sizeof *f->cost);
    f->slot = mm_malloc((f->n_arcs + 1) * sizeof *f->slot);
    if (!f->first || !fill || !f->head || !f->rev || !f->resid || !f->cost || !f->slot) {
        mm_free(fill);
        return MM_ENOMEM;
    }
    for (size_t a = 0; a < f->n_arcs; a++) {
        f->first[f->arc_tail[a] + 1]++;
        f->first[f->arc_head[a] + 1]++;
    }
    for (uint32_t v = 0; v < n; v++)
        f->first[v + 1] += f->first[v];
    for (size_t a = 0; a < f->n_arcs; a++) {
        uint32_t t = f->arc_tail[a], h = f->arc_head[a];
        uint32_t fw = f->first[t] + fill[t]++, bw = f->first[h] + fill[h]++;
        f->head[fw] = h;
        f->head[bw] = t;
        f->rev[fw] = bw;
        f->rev[bw] = fw;
        f->resid[fw] = f->arc_cap[a] - f->arc_lo[a];
        f->resid[bw] = 0;
        f->cost[fw] = f->arc_cost[a];
        f->cost[bw] = -f->arc_cost[a];
        f->slot[a] = fw;
    }
    mm_free(fill);
    free_build_arrays(f);
    return 0;
}

/* Starting potentials: every arc runs to a lower node, so one pass upwards
 * makes every reduced cost non-negative, and zero on each node's cheapest
 * way down. */
static void start_potentials(mm_flow *f)
{
    for (uint32_t u = 0; u < f->n_nodes; u++) {
        mm_cost best = 0;
        for (uint32_t e = f->first[u]; e < f->first[u + 1]; e++) {
            mm_cost need = f->pi[f->head[e]] - f->cost[e];
            if (f->resid[e] > 0 && need > best)
                best = need;
        }
        f->pi[u] = best;
    }
}

static int alloc_search(mm_flow *f)
{
    uint32_t n = f->n_nodes;

    f->pi = mm_malloc((n + 1) * sizeof *f->pi);
    f->dist = mm_malloc((n + 1) * sizeof *f->dist);
    f->pred = mm_malloc((n + 1) * sizeof *f->pred);
    f->heap = mm_malloc((n + 1) * sizeof *f->heap);
    f->heap_pos = mm_malloc((n + 1) * sizeof *f->heap_pos);
    f->settled = mm_malloc((n + 1) * sizeof *f->settled);
    if (!f->pi || !f->dist || !f->pred || !f->heap || !f->heap_pos || !f->settled)
        return MM_ENOMEM;
    for (uint32_t v = 0; v < n; v++)
        f->heap_pos[v] = NOT_SEEN;
    return 0;
}

/* A binary min-heap of nodes keyed by dist; heap_pos tracks each entry. */
static void heap_place(mm_flow *f, uint32_t i, uint32_t node)
{
    f->heap[i] = node;
    f->heap_pos[node] = i;
}

static void sift_up(mm_flow *f, uint32_t i)
{
    uint32_t node = f->heap[i];
    mm_cost key = f->dist[node];

    while (i > 0) {
        uint32_t parent = (i - 1) / 2;
        if (f->dist[f->heap[parent]] <= key)
            break;
        heap_place(f, i, f->heap[parent]);
        i = parent;
    }
    heap_place(f, i, node);
}

static uint32_t heap_pop(mm_flow *f, uint32_t *size)
{
    uint32_t top = f->heap[0], n = --*size, i = 0, node;
    mm_cost key;

    if (n == 0)
        return top;
    node = f->heap[n];
    key = f->dist[node];
    for (;;) {
        uint32_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && f->dist[f->heap[child + 1]] < f->dist[f->heap[child]])
            child++;
        if (key <= f->dist[f->heap[child]])
            break;
        heap_place(f, i, f->heap[child]);
        i = child;
    }
    heap_place(f, i, node);
    return top;
}

/* Relax the residual arcs out of u. */
static void scan(mm_flow *f, uint32_t u, uint32_t *size, uint32_t *touched, uint32_t *n_touched)
{
    mm_cost base = f->dist[u] + f->pi[u];

    for (uint32_t e = f->first[u]; e < f->first[u + 1]; e++) {
        uint32_t v = f->head[e], pos = f->heap_pos[v];
        mm_cost d;
        if (f->resid[e] <= 0 || pos == SETTLED)
            continue;
        d = base + f->cost[e] - f->pi[v];
        if (pos == NOT_SEEN) {
            touched[(*n_touched)++] = v;
            f->dist[v] = d;
            f->pred[v] = e;
            f->heap[*size] = v;
            f->heap_pos[v] = (*size)++;
            sift_up(f, *size - 1);
        } else if (d < f->dist[v]) {
            f->dist[v] = d;
            f->pred[v] = e;
            sift_up(f, pos);
        }
    }
    f->scanned++;
}

/* Dijkstra from s to the nearest node with demand left; NOT_SEEN if none.
 * Settled nodes' potentials move by their distance minus the target's, the
 * rest stay: reduced costs stay non-negative and only the searched part of
 * the network is touched. */
static uint32_t shortest_path(mm_flow *f, uint32_t s, uint32_t *touched)
{
    uint32_t size = 0, n_touched = 0, target = NOT_SEEN;
    size_t n_settled = 0;

    f->dist[s] = 0;
    touched[n_touched++] = s;
    heap_place(f, 0, s);
    size = 1;
    while (size > 0) {
        uint32_t u = heap_pop(f, &size);
        f->heap_pos[u] = SETTLED;
        f->settled[n_settled++] = u;
        if (f->balance[u] < 0) {
            target = u;
            break;
        }
        scan(f, u, &size, touched, &n_touched);
    }
    if (target != NOT_SEEN)
        for (size_t k = 0; k < n_settled; k++) {
            uint32_t v = f->settled[k];
            f->pi[v] += f->dist[v] - f->dist[target];
        }
    for (uint32_t k = 0; k < n_touched; k++)
        f->heap_pos[touched[k]] = NOT_SEEN;
    return target;
}

static void augment(mm_flow *f, uint32_t s, uint32_t t)
{
    int64_t amount = f->balance[s] < -f->balance[t] ? f->balance[s] : -f->balance[t];

    for (uint32_t v = t; v != s; v = f->head[f->rev[f->pred[v]]])
        if (f->resid[f->pred[v]] < amount)
            amount = f->resid[f->pred[v]];
    for (uint32_t v = t; v != s; v = f->head[f->rev[f->pred[v]]]) {
        uint32_t e = f->pred[v];
        f->resid[e] -= amount;
        f->resid[f->rev[e]] += amount;
    }
    f->balance[s] -= amount;
    f->balance[t] += amount;
    f->paths++;
}

int mm_flow_solve(mm_flow *f, mm_flow_stop_fn stop, void *context, mm_flow_status *status)
{
    uint32_t *touched;

    *status = MM_FLOW_OPTIMAL;
    if (lay_out(f) != 0 || alloc_search(f) != 0)
        return MM_ENOMEM;
    touched = mm_malloc((f->n_nodes + 1) * sizeof *touched);
    if (!touched)
        return MM_ENOMEM;
    start_potentials(f);
    for (uint32_t s = 0; s < f->n_nodes && *status == MM_FLOW_OPTIMAL; s++) {
        while (f->balance[s] > 0) {
            uint32_t t;
            if (stop && f->paths % STOP_EVERY == STOP_EVERY - 1 &&
                stop(context, (double)s / f->n_nodes)) {
                *status = MM_FLOW_STOPPED;
                break;
            }
            t = shortest_path(f, s, touched);
            if (t == NOT_SEEN) {
                *status = MM_FLOW_INFEASIBLE;
                break;
            }
            augment(f, s, t);
        }
    }
    mm_free(touched);
    return 0;
}

int64_t mm_flow_of(const mm_flow *f, uint32_t id)
{
    return f->arc_lo[id] + f->resid[f->rev[f->slot[id]]];
}

int mm_flow_certify(const mm_flow *f)
{
    for (uint32_t u = 0; u < f->n_nodes; u++) {
        if (f->balance[u] != 0)
            return 0;
        for (uint32_t e = f->first[u]; e < f->first[u + 1]; e++)
            if (f->resid[e] < 0 ||
                (f->resid[e] > 0 && f->cost[e] + f->pi[u] - f->pi[f->head[e]] < 0))
                return 0;
    }
    for (size_t a = 0; a < f->n_arcs; a++) {
        uint32_t fw = f->slot[a];
        if (f->resid[fw] + f->resid[f->rev[fw]] != f->arc_cap[a] - f->arc_lo[a])
            return 0;
    }
    return 1;
}

#endif
