/* Minimum-cost flow with exact integer costs, by successive shortest paths
 * with node potentials (Dijkstra on reduced costs).
 *
 * Nodes carry balances (supply > 0, demand < 0); arcs carry a lower bound,
 * a capacity and a cost. Arcs must run from a higher-numbered node to a
 * lower-numbered one: the network is then acyclic, which gives valid
 * starting potentials in one pass. Each node with supply is drained in node
 * order along a shortest path to the nearest node with demand left, so the
 * flow stays optimal for what has been routed after every step. At the end
 * the potentials certify optimality: mm_flow_certify checks every residual
 * arc's reduced cost is non-negative. */
#ifndef MM_FLOW_H
#define MM_FLOW_H

#include <stddef.h>
#include <stdint.h>

#ifdef __SIZEOF_INT128__
#define MM_HAVE_FLOW 1
/* Costs are scaled scores plus a large count term; 128 bits leave room for
 * both and for the potentials' sums. */
__extension__ typedef __int128 mm_cost;

/* A residual arc: the forward copy of an added arc at its tail, the
 * backward copy at its head. */
typedef struct {
    mm_cost cost;
    int64_t resid;
    uint32_t head, rev;
} mm_flow_arc;

/* What the search keeps per node, together for locality. */
typedef struct {
    mm_cost pi;     /* potential; reduced cost = cost + pi[tail] - pi[head] */
    mm_cost dist;
    uint32_t pred;  /* residual arc into the node on the search tree */
    uint32_t state; /* not seen, in the heap or settled */
} mm_flow_node;

typedef struct {
    mm_cost key;
    uint32_t node;
} mm_flow_entry;

typedef struct {
    uint32_t n_nodes;
    /* Arcs as added, before mm_flow_solve lays them out. */
    uint32_t *arc_tail, *arc_head;
    int64_t *arc_lo, *arc_cap;
    mm_cost *arc_cost;
    size_t n_arcs, arcs_capacity;
    int64_t *balance;  /* per node */

    /* Residual network by tail: a node's forward arcs, then its backward
     * ones from fwd_end. */
    mm_flow_arc *arcs;
    uint32_t *first;   /* n_nodes + 1 */
    uint32_t *fwd_end;
    /* A node's backward arcs with residual capacity, packed from first[u]:
     * most backward arcs carry nothing (an idea's applicants who went
     * elsewhere), and the search skips them. */
    uint32_t *active, *active_pos, *n_active;
    uint32_t *slot;    /* per added arc: its forward residual arc */
    mm_flow_node *nodes;

    /* Dijkstra scratch: a 4-ary heap with stale entries skipped. */
    mm_flow_entry *heap;
    size_t heap_size, heap_capacity;
    uint32_t *settled, *touched;
    unsigned long long paths, scanned, updates, scanned_at_update; /* for statistics */
    unsigned long long scanned_at_check; /* when the stop function was last asked */
} mm_flow;

typedef enum { MM_FLOW_OPTIMAL, MM_FLOW_INFEASIBLE, MM_FLOW_STOPPED } mm_flow_status;

/* Asked every few hundred paths; non-zero stops the solve. */
typedef int (*mm_flow_stop_fn)(void *context, double done);

/* @return 0 or MM_ENOMEM. */
int mm_flow_init(mm_flow *f, uint32_t n_nodes);
void mm_flow_dispose(mm_flow *f);
/* Add supply (or, negative, demand) at a node. */
void mm_flow_supply(mm_flow *f, uint32_t node, int64_t amount);
/* An arc tail -> head (tail > head) carrying lo..hi units at `cost` each.
 * @param[out] id the arc's number, for mm_flow_of
 * @return 0, MM_ENOMEM, or MM_EINTERNAL when tail <= head or lo > hi */
int mm_flow_add_arc(mm_flow *f, uint32_t tail, uint32_t head, int64_t lo, int64_t hi,
                    mm_cost cost, uint32_t *id);
/* @param[out] status how it ended; on STOPPED the flow routed so far stands
 * @return 0 or MM_ENOMEM */
int mm_flow_solve(mm_flow *f, mm_flow_stop_fn stop, void *context, mm_flow_status *status);
/* Change an added arc's cost: before the first solve, or after
 * mm_flow_keep_optimal. */
void mm_flow_set_cost(mm_flow *f, uint32_t id, mm_cost cost);
/* After an optimal solve: fix every arc whose reduced cost is not zero at
 * what it carries, so that the flows left are exactly this solve's optima,
 * and make ready for the next solve (new costs: a lexicographic objective,
 * one part at a time). @return 0 or MM_ENOMEM */
int mm_flow_keep_optimal(mm_flow *f);
/* The same keeping every arc whose reduced cost is within `slack` of 0:
 * the flows left include every one within `slack` of the optimum (a
 * cycle's cost is the sum of its arcs' reduced costs, each >= 0), and some
 * up to a cycle's length times `slack` from it. */
int mm_flow_keep_near_optimal(mm_flow *f, mm_cost slack);
/* Units on an added arc. */
int64_t mm_flow_of(const mm_flow *f, uint32_t id);
/* An added arc's reduced cost under the final potentials: what any other
 * flow pays, at least, per unit it moves along the arc against the optimum
 * (LP reduced-cost fixing). */
mm_cost mm_flow_reduced_cost(const mm_flow *f, uint32_t id);
/* 1 when every balance is met, every arc within its bounds and every
 * residual arc's reduced cost non-negative: the flow is optimal. */
int mm_flow_certify(const mm_flow *f);

/* Solving one network again and again with new costs (preview's samples):
 * mm_flow_prepare lays out a network (mm_flow_solve does it too) and
 * mm_flow_clone copies it unsolved; mm_flow_restore puts a clone back to
 * its source's unsolved state; mm_flow_reprice changes a laid-out arc's
 * cost; mm_flow_solve_order solves draining supplies in `order` (a
 * permutation of the nodes; NULL: node order) instead of node order: the
 * same search as a network built in that order. @return 0 or MM_ENOMEM */
int mm_flow_prepare(mm_flow *f);
int mm_flow_clone(mm_flow *dst, const mm_flow *src);
void mm_flow_restore(mm_flow *dst, const mm_flow *src);
void mm_flow_reprice(mm_flow *f, uint32_t id, mm_cost cost);
/* Solve again, warm, after an optimal solve and mm_flow_reprice of some
 * arcs: arcs the new costs make worth moving along are saturated and the
 * excesses routed to the deficits by shortest paths, from the old flow and
 * potentials. Same statuses as mm_flow_solve. @return 0 or MM_ENOMEM */
int mm_flow_resolve(mm_flow *f, mm_flow_stop_fn stop, void *context, mm_flow_status *status);
int mm_flow_solve_order(mm_flow *f, const uint32_t *order, mm_flow_stop_fn stop, void *context,
                        mm_flow_status *status);

#endif
#endif
