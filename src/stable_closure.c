#include "stable_closure.h"

#include "alloc.h"
#include "problem.h"

#define UNBOUNDED ((int64_t)1 << 62)

/* The residual network: arcs by tail (CSR), each with its reverse. */
typedef struct {
    uint32_t n;                 /* nodes, the source n - 2 and the sink n - 1 */
    uint32_t *first;            /* n + 1 */
    uint32_t *head, *rev;
    int64_t *resid;
    uint32_t *fill;             /* scratch while building: next free arc per node */
    int32_t *level;
    uint32_t *queue, *current;  /* BFS queue; per node, the next arc to try */
    uint32_t *path;             /* arcs from the source */
} network;

static void count_arc(network *g, uint32_t u, uint32_t v)
{
    g->first[u + 1]++;
    g->first[v + 1]++;
}

static void put_arc(network *g, uint32_t u, uint32_t v, int64_t cap)
{
    uint32_t a = g->fill[u]++, b = g->fill[v]++;

    g->head[a] = v;
    g->rev[a] = b;
    g->resid[a] = cap;
    g->head[b] = u;
    g->rev[b] = a;
    g->resid[b] = 0;
}

/* Each pass: the source's and sink's arcs, then the edges. */
static void arcs(network *g, int place, size_t n, const int64_t *weight, size_t n_edges,
                 const uint32_t *from, const uint32_t *to)
{
    uint32_t source = g->n - 2, sink = g->n - 1;

    for (uint32_t v = 0; v < n; v++) {
        if (weight[v] == 0)
            continue;
        uint32_t u = weight[v] > 0 ? source : v, w = weight[v] > 0 ? v : sink;
        if (place)
            put_arc(g, u, w, weight[v] > 0 ? weight[v] : -weight[v]);
        else
            count_arc(g, u, w);
    }
    for (size_t e = 0; e < n_edges; e++) {
        if (place)
            put_arc(g, from[e], to[e], UNBOUNDED);
        else
            count_arc(g, from[e], to[e]);
    }
}

static int build(network *g, size_t n, const int64_t *weight, size_t n_edges,
                 const uint32_t *from, const uint32_t *to)
{
    size_t m;

    g->n = (uint32_t)n + 2;
    g->first = mm_calloc(g->n + 1, sizeof *g->first);
    g->fill = mm_malloc((g->n + 1) * sizeof *g->fill);
    g->level = mm_malloc((g->n + 1) * sizeof *g->level);
    g->queue = mm_malloc((g->n + 1) * sizeof *g->queue);
    g->current = mm_malloc((g->n + 1) * sizeof *g->current);
    g->path = mm_malloc((g->n + 1) * sizeof *g->path);
    if (!g->first || !g->fill || !g->level || !g->queue || !g->current || !g->path)
        return MM_ENOMEM;
    arcs(g, 0, n, weight, n_edges, from, to);
    for (uint32_t u = 0; u < g->n; u++)
        g->first[u + 1] += g->first[u];
    m = g->first[g->n];
    g->head = mm_malloc((m + 1) * sizeof *g->head);
    g->rev = mm_malloc((m + 1) * sizeof *g->rev);
    g->resid = mm_malloc((m + 1) * sizeof *g->resid);
    if (!g->head || !g->rev || !g->resid)
        return MM_ENOMEM;
    for (uint32_t u = 0; u < g->n; u++)
        g->fill[u] = g->first[u];
    arcs(g, 1, n, weight, n_edges, from, to);
    return 0;
}

/* Levels from the source over arcs with room; non-zero when the sink is reached. */
static int levels(network *g)
{
    uint32_t source = g->n - 2, sink = g->n - 1, begin = 0, end = 0;

    for (uint32_t u = 0; u < g->n; u++)
        g->level[u] = -1;
    g->level[source] = 0;
    g->queue[end++] = source;
    while (begin < end) {
        uint32_t u = g->queue[begin++];
        for (uint32_t a = g->first[u]; a < g->first[u + 1]; a++)
            if (g->resid[a] > 0 && g->level[g->head[a]] < 0) {
                g->level[g->head[a]] = g->level[u] + 1;
                g->queue[end++] = g->head[a];
            }
    }
    return g->level[sink] >= 0;
}

/* Push the bottleneck along the path; return the path's length kept (up
 * to the first arc it saturated). */
static uint32_t augment(network *g, uint32_t len)
{
    int64_t bottleneck = UNBOUNDED;
    uint32_t keep = len;

    for (uint32_t k = 0; k < len; k++)
        if (g->resid[g->path[k]] < bottleneck)
            bottleneck = g->resid[g->path[k]];
    for (uint32_t k = len; k-- > 0;) {
        uint32_t a = g->path[k];
        g->resid[a] -= bottleneck;
        g->resid[g->rev[a]] += bottleneck;
        if (g->resid[a] == 0)
            keep = k;
    }
    return keep;
}

/* A blocking flow on the level graph, depth first without recursion. */
static void blocking_flow(network *g)
{
    uint32_t source = g->n - 2, sink = g->n - 1, len = 0, u = source;

    for (uint32_t v = 0; v < g->n; v++)
        g->current[v] = g->first[v];
    for (;;) {
        if (u == sink) {
            len = augment(g, len);
            u = len ? g->head[g->path[len - 1]] : source;
            continue;
        }
        uint32_t a = g->current[u];
        while (a < g->first[u + 1] &&
               (g->resid[a] <= 0 || g->level[g->head[a]] != g->level[u] + 1))
            a++;
        g->current[u] = a;
        if (a < g->first[u + 1]) {
            g->path[len++] = a;
            u = g->head[a];
            continue;
        }
        g->level[u] = -1; /* a dead end */
        if (u == source)
            return;
        len--;
        u = len ? g->head[g->path[len - 1]] : source;
        g->current[u]++;
    }
}

static void dispose(network *g)
{
    void *all[] = {g->first, g->fill, g->level, g->queue, g->current, g->path, g->head, g->rev,
                   g->resid};

    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        mm_free(all[k]);
}

int mm_max_weight_closure(size_t n, const int64_t *weight, size_t n_edges, const uint32_t *from,
                          const uint32_t *to, unsigned char *in_closure)
{
    network g = {0};
    int rc = n < UINT32_MAX - 4 ? build(&g, n, weight, n_edges, from, to) : MM_ENOMEM;

    while (rc == 0 && levels(&g))
        blocking_flow(&g);
    if (rc == 0)
        for (size_t v = 0; v < n; v++)
            in_closure[v] = g.level[v] >= 0; /* the last search reached it */
    dispose(&g);
    return rc;
}
