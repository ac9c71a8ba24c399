/* Solving the model with GLPK's MIP solver, guarded so GLPK can neither
 * abort the process nor print. */
#ifndef MM_SOLVE_GLPK_H
#define MM_SOLVE_GLPK_H

#include <signal.h>

#include "mentormatch/export.h"
#include "mentormatch/solve.h"
#include "model.h"

typedef struct {
    double deadline;            /* monotonic seconds; 0: none */
    double gap;                 /* relative MIP gap; 0: prove optimality */
    const volatile sig_atomic_t *stop; /* set non-zero to stop the search (signals) */
    mm_progress_fn progress;    /* NULL: no reports */
    void *progress_context;
    double started;             /* monotonic seconds, for progress */
    /* Tests: asked wherever the GLPK phases or the network flow check the
     * limits, with the phase running ("rank", "count", "score", or
     * "network" every 256 paths of a flow); non-zero stops the search
     * as the deadline does, so a test places a stop without a clock.
     * NULL: none. */
    int (*stop_at)(const char *phase, void *context);
    void *stop_context;
} mm_glpk_limits;

typedef enum {
    MM_OUTCOME_OPTIMAL,
    MM_OUTCOME_LIMITED,    /* a limit stopped the search; a solution is held */
    MM_OUTCOME_INFEASIBLE,
    MM_OUTCOME_NO_SOLUTION /* a limit struck before any solution */
} mm_outcome_kind;

typedef struct {
    mm_outcome_kind kind;
    int stopped;            /* the stop flag ended the search */
    unsigned char *chosen;  /* per variable, 1 when x = 1; caller frees */
    double bound_count, bound_score;
    double bound_lead;      /* the first leading objective's bound (its optimum once
                             * proven); 0 without leading objectives */
} mm_glpk_outcome;

/* The most leading objectives GLPK's phases take; the flow refuses more. */
#define MM_GLPK_MAX_LEADS 64

/* A lexicographic objective: maximise each leading 0/1 objective in turn
 * (rank-maximal's "most rank-k assignments", a baseline's kept pairs),
 * then the count when count_first, then the score, then the trailing tier,
 * then the tie weights; each phase keeps the optimum of those before. */
typedef struct {
    const double *score;          /* maximise sum score[v] x[v] */
    int count_first;              /* first maximise sum x[v] (count-then-score) */
    const double *const *lead;    /* 0/1 coefficients per variable, or NULL */
    size_t n_lead;
    /* A last tier among the optima of the others (ties.h): maximise sum
     * tie[v] x[v], integer weights; the score is held within 1e-9 relative
     * of its optimum. Its phase is a preference: a limit striking in it
     * leaves the outcome OPTIMAL. NULL: none. */
    const double *tie;
    /* A contract tier after the score and before the ties (a baseline's
     * lead mentors, SPEC 8): maximise sum trail[v] x[v], 0/1 per variable,
     * kept exactly. NULL: none. */
    const double *trail;
    const char *lead_name; /* the leading phases' name (progress, export); NULL: "rank" */
} mm_glpk_objective;

/* Whatever stops the search, `chosen` is the best by the whole objective
 * among every solution the run held: the start, and each incumbent of
 * every phase (a phase's incumbent is best by that phase's objective
 * alone). The bounds are the best proven, never below chosen's own count
 * and score. @return 0 (outcome filled), MM_ENOMEM or MM_EINTERNAL (GLPK
 * failed). */
int mm_glpk_solve(const mm_model *m, const mm_glpk_objective *obj,
                  const mm_glpk_limits *limits, mm_glpk_outcome *out);

/* The same, with a feasible solution to start from (per variable, 0 or 1;
 * one that breaks a model row is ignored). */
int mm_glpk_solve_from(const mm_model *m, const mm_glpk_objective *obj,
                       const mm_glpk_limits *limits, const unsigned char *start,
                       mm_glpk_outcome *out);

/* Lazy rows: called with the optimum of each branch-and-bound node's LP
 * relaxation (x per variable) before GLPK may accept it as a solution. It
 * may append rows (mm_model_push_cut), never columns, to the model being
 * solved; every model row that x violates then joins the node's problem,
 * and all of them join the problem for later phases. Each row must hold
 * for every solution wanted. @return 0 or an MM_E* code, which ends the
 * solve with that code. */
typedef int (*mm_glpk_rows_fn)(const double *x, void *context);

typedef struct {
    mm_glpk_rows_fn rows;   /* NULL: none */
    void *context;
    int cuts;               /* GLPK's cut generators and pseudocost branching */
    int root_gomory;        /* with cuts: Gomory's cuts at the root node only */
} mm_glpk_lazy;

/* mm_glpk_solve_from with lazy rows and options (lazy NULL: none). */
int mm_glpk_solve_lazy(const mm_model *m, const mm_glpk_objective *obj,
                       const mm_glpk_limits *limits, const unsigned char *start,
                       const mm_glpk_lazy *lazy, mm_glpk_outcome *out);

/* The LP relaxation of the same lexicographic objective: each phase's LP
 * optimum is kept (within 1e-9) while the next runs.
 * @param[out] x per variable, its value in the relaxation's optimum
 * @param[out] count, score: sum x and sum score x there
 * @return 0, MM_EINFEASIBLE, MM_ENOSOLUTION (a limit struck), MM_ENOMEM or MM_EINTERNAL */
int mm_glpk_relaxation(const mm_model *m, const mm_glpk_objective *obj,
                       const mm_glpk_limits *limits, double *x, double *count, double *score);

/* An upper bound that needs no solver: each student's best variable, at
 * least 0 (a student's variables are contiguous); NULL scores: 1 a student,
 * the count's bound. */
double mm_trivial_score_bound(const mm_model *m, const double *score);

/* Raise out's bounds to at least out->chosen's own count and score
 * (score NULL: 1 a variable): no bound lies below a solution held. */
void mm_glpk_cover_bounds(const mm_model *m, const double *score, mm_glpk_outcome *out);

/* Monotonic clock in seconds. */
double mm_now(void);

/* Infeasibility analysis: the same model with a slack on every row that has
 * a lower bound (min loads, fixed pairs), minimising the total slack.
 * @param[out] shortfall per row, how far its lower bound is missed
 * @return 0, MM_ENOSOLUTION (a limit struck), MM_ENOMEM or MM_EINTERNAL */
int mm_glpk_elastic(const mm_model *m, const mm_glpk_limits *limits, double *shortfall);

/* The model as a file for other solvers: names, objective and, for
 * count-then-score's score phase, the row fixing the count. */
typedef struct {
    const char *problem_name;
    const char *const *col_names; /* per variable */
    const char *const *row_names; /* per model row */
    const double *score;          /* objective coefficient per variable (maximised) */
    const char *count_row;        /* name of the row sum x = count; NULL: none */
    double count;
    /* A baseline's first tier, kept (SPEC 8): sum kept_coef[v] x[v] >= kept,
     * named kept_row; NULL: none. */
    const double *kept_coef;
    const char *kept_row;
    double kept;
} mm_glpk_export;

/* Write the model to each file, CPLEX LP or free MPS.
 * @param[out] failed on MM_EIO, the index of the file not written (errno says why)
 * @return 0, MM_EIO, MM_ENOMEM or MM_EINTERNAL */
int mm_glpk_write(const mm_model *m, const mm_glpk_export *ex, const mm_export_file *files,
                  size_t n_files, size_t *failed);

#endif
