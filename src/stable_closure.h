/* A maximum-weight closure of a directed graph, by a minimum cut (Picard,
 * "Maximal closure of a graph and applications to combinatorial problems",
 * Management Science 22(11), 1976): source -> v with capacity w(v) > 0,
 * v -> sink with -w(v) > 0, and an unbounded arc along each "needs" edge.
 * The closure is what the source reaches in the residual network of a
 * maximum flow (Dinic's algorithm): the smallest of the maximum-weight
 * closures, which is unique. Integer weights, so the cut is exact. */
#ifndef MM_STABLE_CLOSURE_H
#define MM_STABLE_CLOSURE_H

#include <stddef.h>
#include <stdint.h>

/* Nodes 0 .. n-1 with weight[v]; edge e says node from[e] needs node to[e]
 * (a closure holding from[e] holds to[e]). The sum of the positive weights
 * must stay below 2^62. in_closure[v] gets 1 for the closure's nodes.
 * @return 0 or MM_ENOMEM */
int mm_max_weight_closure(size_t n, const int64_t *weight, size_t n_edges, const uint32_t *from,
                          const uint32_t *to, unsigned char *in_closure);

#endif
