/* A result document read back (diff): what a diff compares. */
#ifndef MM_READ_RESULT_H
#define MM_READ_RESULT_H

#include <jansson.h>

#include "mentormatch/diff.h"

struct mm_result_doc {
    json_t *root;                /* owns every string below */
    size_t assigned;             /* objective */
    double score;
    mm_assignment *assignments;  /* in document order */
    size_t n_assignments;
    size_t metric_assigned, metric_unassigned;
    size_t *by_rank;
    size_t n_by_rank;
    int has_mean_rank;           /* 0: "mean_rank" is null */
    double mean_rank;
};

#endif
