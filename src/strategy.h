/* Strategies other than the contract's integer program. Each fills one
 * choice per model variable (x = 1 or 0) from the same model, so every
 * strategy's result is built, measured and written the same way. */
#ifndef MM_STRATEGY_H
#define MM_STRATEGY_H

#include "diag.h"
#include "model.h"
#include "result.h"
#include "solve_glpk.h"

typedef struct {
    const mm_problem *p;
    const mm_model *m;
    const double *score;          /* per variable: its application's score */
    unsigned long long seed;      /* rsd */
    const mm_glpk_limits *limits; /* strategies that solve programs */
    mm_solver solver;             /* rank-maximal, lp: which solver may prove them */
    mm_diags *diags;              /* why a solver refused; may be NULL */
} mm_strategy_input;

typedef struct {
    unsigned char *chosen;   /* per variable; allocated by the caller, zeroed */
    mm_status status;        /* OPTIMAL for exact methods; FEASIBLE when every
                              * constraint holds; INFEASIBLE when a heuristic
                              * could not meet a min_load or a fixed pair */
    size_t bound_assigned;   /* lp: the relaxation's values; else unused */
    double bound_score;
    int integral;            /* lp: 1 when the relaxation's optimum is integral, else 0; others -1 */
    const char *solver;      /* programs: "network", "glpk", ...; NULL for the others */
} mm_strategy_output;

typedef int (*mm_strategy_fn)(const mm_strategy_input *in, mm_strategy_output *out);

/* Heuristics and stable matching, one file each (strategy_greedy.c, ...). */
int mm_strategy_greedy(const mm_strategy_input *in, mm_strategy_output *out);
int mm_strategy_rsd(const mm_strategy_input *in, mm_strategy_output *out);
int mm_strategy_stable(const mm_strategy_input *in, mm_strategy_output *out);
/* Strategies solved as programs over the model (strategy_ilp.c). */
int mm_strategy_rank_maximal(const mm_strategy_input *in, mm_strategy_output *out);
int mm_strategy_lp(const mm_strategy_input *in, mm_strategy_output *out);
/* The contract's objective over stable matchings (strategy_stable_optimal.c). */
int mm_strategy_stable_optimal(const mm_strategy_input *in, mm_strategy_output *out);
/* 1 when every min_load and fixed pair holds in `chosen`. */
int mm_lower_bounds_met(const mm_problem *p, const mm_model *m, const unsigned char *chosen);

/* The function of a strategy other than ilp; NULL when it has none. */
mm_strategy_fn mm_strategy_function(mm_strategy strategy);

#endif
