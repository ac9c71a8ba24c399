/* Strategy names and the table from strategy to function. */
#include "strategy.h"

#include <string.h>

static const char *const NAMES[MM_STRATEGY_COUNT] = {
    "ilp", "greedy", "stable", "stable-optimal", "rank-maximal", "rsd", "lp",
};

const char *mm_strategy_name(mm_strategy strategy)
{
    return strategy < MM_STRATEGY_COUNT ? NAMES[strategy] : "?";
}

int mm_strategy_from_name(mm_strategy *out, const char *name)
{
    for (int k = 0; k < MM_STRATEGY_COUNT; k++)
        if (strcmp(name, NAMES[k]) == 0) {
            *out = (mm_strategy)k;
            return 0;
        }
    return MM_EINVALID;
}

mm_strategy_fn mm_strategy_function(mm_strategy strategy)
{
    switch (strategy) {
    case MM_STRATEGY_GREEDY: return mm_strategy_greedy;
    case MM_STRATEGY_RSD: return mm_strategy_rsd;
    case MM_STRATEGY_STABLE: return mm_strategy_stable;
    case MM_STRATEGY_RANK_MAXIMAL: return mm_strategy_rank_maximal;
    case MM_STRATEGY_LP: return mm_strategy_lp;
    case MM_STRATEGY_STABLE_OPTIMAL: return mm_strategy_stable_optimal;
    default: return NULL;
    }
}

static const char *const SOLVER_NAMES[MM_SOLVER_COUNT] = {"auto", "network", "glpk"};

const char *mm_solver_name(mm_solver solver)
{
    return solver < MM_SOLVER_COUNT ? SOLVER_NAMES[solver] : "?";
}

int mm_solver_from_name(mm_solver *out, const char *name)
{
    for (int k = 0; k < MM_SOLVER_COUNT; k++)
        if (strcmp(name, SOLVER_NAMES[k]) == 0) {
            *out = (mm_solver)k;
            return 0;
        }
    return MM_EINVALID;
}
