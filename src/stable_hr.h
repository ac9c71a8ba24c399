/* stable-optimal where the instance is hospitals/residents with strict
 * preferences: every idea has one mentor, no org or program cap can fill
 * (slots at least the students or all the mentors hold), no fixed pair, min load or quota, each
 * student applies to a mentor at most once, and each mentor's caps act as
 * one: her capacity, when each of her ideas has at least that many slots,
 * or her only idea's slots. A mentor is then a hospital of that capacity,
 * ranking students as stability.h does, and the blocking pairs of
 * stability.h are exactly the hospitals/residents ones.
 *
 * Method: clone each mentor into one place per unit of capacity, ranked
 * one after the other by every student who applies to her (Gusfield and
 * Irving 1989, section 1.6.5): stable matchings of the two instances
 * correspond one to one. The one-to-one instance's stable matchings are
 * the vertices of the polytope of Vande Vate (1989) and Rothblum (1992):
 * x >= 0, at most 1 per student and per place, and per acceptable pair
 * (s, p) x(s's pairs as good as p) + x(p's pairs with students p prefers
 * to s) >= 1. So the linear program's simplex optimum is the best stable
 * matching, with no branching. */
#ifndef MM_STABLE_HR_H
#define MM_STABLE_HR_H

#include "solve_glpk.h"
#include "stability.h"
#include "strategy.h"

/* Non-zero when the instance is hospitals/residents as above. */
int mm_stable_hr_applies(const mm_stability *st);

/* Each mentor's places as a hospital (n_mentors entries).
 * @return 0, MM_ENOMEM, or MM_EINTERNAL when not the shape */
int mm_stable_hr_places(const mm_stability *st, int64_t *places);

/* Each mentor's variables in her order (mm_stability_worse), best first:
 * by_mentor (n_vars) holds mentor k's from mentor_at[k] to mentor_at[k + 1]
 * (n_mentors + 2 entries), rank[v] is v's place among its mentor's.
 * @return 0 or MM_ENOMEM */
int mm_stable_mentor_order(const mm_stability *st, uint32_t *by_mentor, uint32_t *mentor_at,
                           uint32_t *rank);

/* The best stable matching by the lexicographic objective (lead entries
 * ignored), into chosen (per full variable). *solved is 0 when the
 * simplex optimum came out fractional or not stable (numerical trouble):
 * the caller then solves another way.
 * @return 0, MM_ENOSOLUTION (a limit struck), MM_ENOMEM or MM_EINTERNAL */
int mm_stable_hr_solve(const mm_stability *st, const mm_glpk_objective *obj,
                       const mm_glpk_limits *limits, unsigned char *chosen, int *solved);

/* How stable-optimal solves hospitals/residents instances: tests compare
 * the methods. The exact rows alone also serve every other instance. */
typedef enum {
    MM_STABLE_BY_ROWS,      /* the exact rows of stable_program.h */
    MM_STABLE_BY_LP,        /* this linear program, then the rows */
    MM_STABLE_BY_ROTATIONS  /* the rotation poset's cut (stable_rotation.h), then the rows */
} mm_stable_method;

/* How a run went, for tests. */
typedef struct {
    int by_shortcut;  /* 1 when the LP or the rotations gave the answer */
    size_t rounds;    /* integer programs solved by the exact rows */
    int root_gomory;  /* 1 when they ran with GLPK's Gomory cuts at the root only */
} mm_stable_run_stats;

/* From this many alive variables on, the exact rows' search makes GLPK's
 * Gomory cuts at the root node only (strategy_stable_optimal.c says why);
 * tests lower it to run small instances the large ones' way. */
extern size_t mm_stable_root_gomory_from;

/* stable-optimal (strategy_stable_optimal.c) with `method` first where it
 * applies; *stats (unless NULL) says how it went. */
int mm_stable_optimal_run(const mm_strategy_input *in, mm_strategy_output *out,
                          mm_stable_method method, mm_stable_run_stats *stats);

#endif
