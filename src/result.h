/* The result of a solve, in the shape of the result document (SPEC 5). */
#ifndef MM_RESULT_H
#define MM_RESULT_H

#include "mentormatch/result.h"
#include "model.h"
#include "problem.h"

typedef struct {
    uint32_t student;
    char *reason;
} mm_unassigned;

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
    size_t *by_rank;            /* max_rank_seen entries allocated */
    size_t n_by_rank;           /* listed: up to the largest rank assigned */
    double mean_rank;
    size_t variables, constraints;
    double seconds;
};

/* What a solver hands over to build a result. */
typedef struct {
    mm_status status;
    const mm_model *model;
    const unsigned char *chosen; /* per model variable */
    size_t bound_assigned;
    double bound_score;
    double seconds;
} mm_solution;

/* @return 0 or MM_ENOMEM. */
int mm_result_build(mm_result **out, const mm_problem *p, const mm_solution *solution);

#endif
