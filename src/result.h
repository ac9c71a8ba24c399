/* The result of a solve, in the shape of the result document (SPEC 5). */
#ifndef MM_RESULT_H
#define MM_RESULT_H

#include "mentormatch/evaluate.h"
#include "mentormatch/result.h"
#include "metrics.h"
#include "model.h"
#include "problem.h"

typedef struct {
    uint32_t student;
    char *reason;
} mm_unassigned;

/* One entry of the result's baseline lists (SPEC 8); strings owned. */
typedef enum { MM_DROP_WITHDREW, MM_DROP_IDEA_GONE, MM_DROP_INELIGIBLE, MM_DROP_DISPLACED,
               MM_DROP_KINDS } mm_drop_kind;

typedef struct {
    char *student, *idea; /* moved: idea is where the student was */
    char *to;             /* moved: where the student is now */
    char *reason;         /* dropped */
    mm_drop_kind kind;    /* dropped: the table's word for the reason */
} mm_baseline_item;

/* The result's "baseline" member: lists indexed by mm_baseline_list. */
typedef struct {
    size_t entries, kept, kept_mentor;
    mm_baseline_item *items[MM_BASELINE_LISTS];
    size_t count[MM_BASELINE_LISTS];
} mm_baseline_summary;

struct mm_result {
    const mm_problem *p;
    mm_status status;
    const char *strategy;
    size_t assigned, bound_assigned;
    double score, bound_score;
    mm_assignment *assignments; /* by student id */
    size_t n_assignments;
    mm_unassigned *unassigned;  /* by student id */
    size_t n_unassigned;
    int64_t *mentor_load, *idea_filled, *org_filled;
    int64_t *cell_count;        /* per quota cell (p->cells): students counted */
    size_t *by_rank;            /* max_rank_seen entries allocated */
    size_t n_by_rank;           /* listed: up to the largest rank assigned */
    double mean_rank;
    size_t variables, constraints;
    double seconds;
    const char *solver;         /* which solver ran; NULL: none (heuristics, given) */
    int integral;               /* lp: whether the relaxation was integral; else -1 */
    mm_metrics metrics;
    long blocking_pairs;        /* -1 until measured */
    /* The blocking pairs themselves, three entries each: application,
     * mentor, and the idea the student holds (MM_NONE: none). */
    uint32_t *blocking;
    int verbose;                /* the writers list them */
    int given;                  /* built from a given assignment, not a search */
    int has_evaluation;         /* evaluation holds how the given one fares */
    mm_evaluation evaluation;
    mm_baseline_summary *baseline; /* solve --baseline; NULL: none */
};

/* What a solver hands over to build a result. */
typedef struct {
    mm_status status;
    const mm_model *model;
    const unsigned char *chosen; /* per model variable */
    size_t bound_assigned;
    double bound_score;
    double seconds;
    const char *strategy;        /* its name in the result; NULL: "ilp" */
    int integral;                /* lp: whether the relaxation was integral; else -1 */
    const char *solver;          /* ilp: "network" or "glpk"; NULL for other strategies */
} mm_solution;

/* Cell c's count breaks its quota's min (-1), its max (1), or neither (0). */
int mm_result_cell_breaks(const mm_result *r, size_t c);
/* Cell c's count is at its quota's min or max. */
int mm_result_cell_binds(const mm_result *r, size_t c);

/* @return 0 or MM_ENOMEM. */
int mm_result_build(mm_result **out, const mm_problem *p, const mm_solution *solution);

/* One student's placement: an application and its lead mentor, or MM_NONE. */
typedef struct {
    uint32_t app, mentor;
} mm_pick;

/* A result of a given assignment, one pick per student (evaluate): the
 * picks may break caps or be ineligible. Status "feasible", strategy
 * "given", no stats and no bound; the caller sets those. @return 0 or
 * MM_ENOMEM. */
int mm_result_build_picks(mm_result **out, const mm_problem *p, const mm_pick *picks);

#endif
