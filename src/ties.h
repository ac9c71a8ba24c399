/* How ties are broken (docs/result-format.md, "How ties are broken"): among
 * allocations equally good by the contract's objective, the one with the
 * largest tie weight, whichever solver found it. A variable's weight is its
 * application's plus its (idea, lead mentor) pair's, each a fixed hash of
 * the ids in [1, 2^20]: the flow prices the two on different arcs, GLPK sums
 * them, and the optimum of the tier is almost never itself a tie. Which
 * student of an idea gets which of the idea's mentors is then settled by one
 * rule after either solver (mm_tie_split). */
#ifndef MM_TIES_H
#define MM_TIES_H

#include <stdint.h>

#include "model.h"
#include "problem.h"

#define MM_TIE_WEIGHT_MAX ((int64_t)1 << 20)

/* In [1, MM_TIE_WEIGHT_MAX]: (student, idea) and (idea, mentor). */
int64_t mm_tie_app_weight(const mm_problem *p, uint32_t app);
int64_t mm_tie_pair_weight(const mm_problem *p, uint32_t pair);

/* Per variable, the two summed (exact in a double). NULL on oom. */
double *mm_tie_weights(const mm_problem *p, const mm_model *m);

/* The lead mentors of each idea's students given again by one rule, as
 * many to each mentor as `chosen` gives: students in document order, each
 * to the first of the idea's mentors (in the idea's order) with a place left
 * and no conflict, moving earlier ones along where needed (augmenting
 * paths). Count, score, tie weight and every mentor's load are unchanged;
 * kept only when every row of the model still holds (a quota per mentor may
 * not). With `trail` (a baseline's lead mentors, 1 per variable that keeps
 * one), baseline students take their baseline lead first while its places
 * last, so the trail's sum never falls and is the largest these places
 * allow unless conflicts force the solver's own choice. @return 0 or
 * MM_ENOMEM */
int mm_tie_split(const mm_problem *p, const mm_model *m, const double *trail,
                 unsigned char *chosen);

#endif
