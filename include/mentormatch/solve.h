/** Solving a problem to proven optimality. */
#ifndef MENTORMATCH_SOLVE_H
#define MENTORMATCH_SOLVE_H

#include <signal.h>

#include "common.h"
#include "problem.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A solution of a problem (mm_solve) or an evaluated assignment
 * (mm_evaluate_file); read it with the mm_result_* functions of result.h. */
typedef struct mm_result mm_result;

/** Where a long solve stands, for a progress display. */
typedef struct {
    const char *phase;  /**< "count", "score" (count-then-score's phases) or "diagnosis" */
    double seconds;     /**< since the solve began */
    int has_solution;   /**< non-zero: `best` holds the phase's best objective so far */
    double best;
    int has_bound;      /**< non-zero: `bound` holds the phase's best proven bound */
    double bound;
} mm_progress;

/** Called at most a few times a second during a solve, on the solving thread. */
typedef void (*mm_progress_fn)(const mm_progress *progress, void *context);

/** How to choose the assignment (see docs/strategies.md). */
typedef enum {
    MM_STRATEGY_ILP,            /**< the contract's integer program, solved to optimality */
    MM_STRATEGY_GREEDY,         /**< applications by score, each taken while every cap allows */
    MM_STRATEGY_STABLE,         /**< student-proposing stable matching (Abraham, Irving, Manlove 2007) */
    MM_STRATEGY_STABLE_OPTIMAL, /**< the contract's objective over stable matchings only */
    MM_STRATEGY_RANK_MAXIMAL,   /**< most first choices, then most second choices, ... */
    MM_STRATEGY_RSD,            /**< random serial dictatorship (seeded) */
    MM_STRATEGY_LP,             /**< the LP relaxation's optimum, as a bound */
    MM_STRATEGY_COUNT
} mm_strategy;

/** @return the strategy's name as the result document spells it ("ilp", ...). */
MM_EXTERN const char *mm_strategy_name(mm_strategy strategy);

/**
 * Why `strategy` refuses a problem with quotas (mm_problem_summary.quotas
 * > 0), one line; NULL when it takes them. mm_solve then fails with
 * MM_EINVALID and this message; the CLI says it as a usage error (exit 2).
 */
MM_EXTERN const char *mm_quotas_refused(mm_strategy strategy);

/** @param[out] out the strategy named `name`. @return 0 or MM_EINVALID. */
MM_EXTERN int mm_strategy_from_name(mm_strategy *out, const char *name);

/** Which solver takes the contract's integer program (strategy ilp). */
typedef enum {
    MM_SOLVER_AUTO,    /**< the network flow where it proves the optimum, else GLPK */
    MM_SOLVER_NETWORK, /**< only the network flow; MM_EINVALID where it cannot */
    MM_SOLVER_GLPK,    /**< only GLPK's branch and bound */
    MM_SOLVER_COUNT
} mm_solver;

/** @return the solver's name ("auto", "network", "glpk"). */
MM_EXTERN const char *mm_solver_name(mm_solver solver);

/** @param[out] out the solver named `name`. @return 0 or MM_EINVALID. */
MM_EXTERN int mm_solver_from_name(mm_solver *out, const char *name);

/** A baseline for re-allocation (SPEC 8): the assignments announced before,
 * resolved against one problem (mm_baseline_read_file). */
typedef struct mm_baseline mm_baseline;

/** Solver limits. Initialise with MM_SOLVE_OPTIONS_INIT. */
typedef struct {
    double time_limit; /**< seconds for the whole solve; <= 0: none */
    double gap;        /**< stop when the relative gap is at most this; 0: prove optimality */
    /** When the flag it points to becomes non-zero (from a signal handler,
     * say), the search stops and keeps its best solution (status
     * interrupted). NULL: never. */
    const volatile sig_atomic_t *interrupt;
    mm_progress_fn progress;  /**< NULL: no reports */
    void *progress_context;   /**< passed to progress */
    mm_strategy strategy;     /**< MM_STRATEGY_ILP by default */
    unsigned long long seed;  /**< for MM_STRATEGY_RSD */
    mm_solver solver;         /**< MM_SOLVER_AUTO by default */
    /** Re-allocate from this baseline (strategy ilp only; SPEC 8): keep the
     * most baseline pairs, then the document's objective, then keep the
     * most baseline lead mentors. Borrowed; it must have been read against
     * the problem solved. NULL: none. */
    const mm_baseline *baseline;
} mm_solve_options;

#define MM_SOLVE_OPTIONS_INIT {0.0, 0.0, NULL, NULL, NULL, MM_STRATEGY_ILP, 0, MM_SOLVER_AUTO, NULL}

/**
 * Read a baseline: a result document (its "assignments"), a JSON array of
 * {"student", "idea", "mentor"?}, or a result sheet, as mm_evaluate_file
 * reads an assignment. An entry that no longer applies to `problem` is a
 * warning in `diags` at its place ("assignments[3].student") and is left
 * out of the objective, though the result still reports it: a student or
 * an idea no longer in the input, a pair no longer an eligible
 * application. A lead mentor no longer in the input, no longer the idea's
 * or now in conflict is a warning too; the pair stays, its lead is left
 * out. A student listed again is a warning; the first entry counts.
 *
 * @param[out] out the baseline, owned by the caller (mm_baseline_free); it
 *             borrows `problem`, which must outlive it. NULL on failure.
 * @param diags where warnings and the errors of a malformed document go
 * @return 0, MM_EINVALID (not JSON of that shape, nor a sheet), MM_EIO or
 *         MM_ENOMEM
 */
MM_EXTERN int mm_baseline_read_file(mm_baseline **out, const mm_problem *problem,
                                    const char *path, mm_diags *diags);

/** As mm_baseline_read_file, from `len` bytes at `data`. */
MM_EXTERN int mm_baseline_read_buffer(mm_baseline **out, const mm_problem *problem,
                                      const char *data, size_t len, mm_diags *diags);

/** @return the number of entries (one per student named, stale ones too). */
MM_EXTERN size_t mm_baseline_size(const mm_baseline *baseline);

/** Free a baseline; NULL is accepted. */
MM_EXTERN void mm_baseline_free(mm_baseline *baseline);

/**
 * Why `strategy` refuses a baseline, one line; NULL when it takes one
 * (ilp). mm_solve then fails with MM_EINVALID and this message; the CLI
 * says it as a usage error (exit 2).
 */
MM_EXTERN const char *mm_baseline_refused(mm_strategy strategy);

/**
 * Solve the integer program of `problem` (SPEC section 4).
 *
 * @param[out] out the result, owned by the caller (mm_result_free); it borrows
 *             `problem`, which must outlive it
 * @param opts limits, or NULL for none
 * @param diags where a diagnosis of infeasibility goes
 * @return 0 (a solution: optimal; feasible when a limit stopped the search;
 *         interrupted when opts->interrupt did),
 *         MM_EINFEASIBLE (diagnosis in `diags`), MM_ENOSOLUTION, MM_ENOMEM or
 *         MM_EINTERNAL
 */
MM_EXTERN int mm_solve(mm_result **out, const mm_problem *problem,
                       const mm_solve_options *opts, mm_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
