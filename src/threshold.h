/* Exact score thresholds of every application from one optimal flow
 * (issue 15 prototype). For an application a = (s, i), holding every other
 * score fixed, the optimum as a function of a's score shift d is
 *     opt(d) = max(A, B + d)
 * where A is the best objective without a and B the best with a (the
 * objective is linear in d and only a's variables carry d). So:
 *  - a not placed now (opt = A): s comes to i iff d >= A - B = `delta`
 *    (a tie at equality); where B has fewer assignments (count-then-score)
 *    no score brings it (`never`);
 *  - a placed now (opt = B): s stays iff d > -(B - A), i.e. the score may
 *    drop by `delta` = B - A (a tie at equality); where A has fewer
 *    assignments no score removes it (`always`).
 * On a flow, B - A (or A - B) is the cost of the cheapest residual cycle
 * through a's arc: the reduced cost of the arc (or of its reverse) plus a
 * shortest reduced-cost path back. One Dijkstra from idea i's node gives it
 * for every applicant of i not placed there; one backward Dijkstra into it,
 * for every student placed there. */
#ifndef MM_THRESHOLD_H
#define MM_THRESHOLD_H

#include "model.h"

typedef struct {
    unsigned char has_arc;  /* 0: no arc (ineligible, fixed elsewhere): nothing computed */
    unsigned char placed;   /* in the base optimum */
    unsigned char never;    /* not placed: placing it costs an assignment, or needs more
                             * than `cutoff` score */
    unsigned char always;   /* placed: removing it costs an assignment, or more than `cutoff` */
    double delta;           /* score rise needed (not placed) / drop tolerated (placed) */
    uint32_t via;           /* first application the cycle moves out of i (not placed), or
                             * the application s moves to (placed); MM_NONE: s unassigned */
} mm_threshold;

typedef struct {
    int exact_class;        /* the flow is the model for every score: thresholds are exact */
    const char *why_not;    /* when not exact_class: what the flow relaxes */
    size_t searches, settled, base_assigned;
    double base_score, seconds_solve, seconds_thresholds;
} mm_threshold_stats;

/* Solve the model as a flow and compute every application's threshold.
 * cutoff > 0: a rise or drop beyond it is reported as never/always without
 * finishing the search (the most any rating can move a score).
 * @param[out] th per application (n_apps entries)
 * @param[out] chosen per variable, the base optimum (caller frees), or NULL
 * @return 0, MM_ENOMEM, MM_EINVALID (no flow), MM_EINFEASIBLE or MM_EINTERNAL */
int mm_thresholds_flow(const mm_problem *p, const mm_model *m, const double *score,
                       int count_first, double cutoff, mm_threshold *th, unsigned char **chosen,
                       mm_threshold_stats *stats);

#endif
