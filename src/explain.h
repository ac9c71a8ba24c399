/* An explanation: alternatives to a placement, why each was not made, and
 * what it would take (from what-if solves). Written by write_explain.c. */
#ifndef MM_EXPLAIN_H
#define MM_EXPLAIN_H

#include "mentormatch/explain.h"
#include "result.h"

typedef enum {
    MM_WHATIF_NOT_RUN,     /* ineligible, or no mentor can lead it */
    MM_WHATIF_INFEASIBLE,  /* fixing the pair breaks the constraints */
    MM_WHATIF_FEWER,       /* the pair costs `fewer` assignments */
    MM_WHATIF_RISE,        /* its score must rise by at least `rise` */
    MM_WHATIF_OUT_OF_TIME  /* the time limit struck first */
} mm_whatif;

typedef struct {
    uint32_t app;
    int idea_full, mentors_full, org_full, program_full;
    uint32_t quota_cell; /* a quota cell at its max that blocks it, or MM_NONE */
    mm_whatif whatif;
    size_t fewer;
    double rise;
    int tie;            /* RISE within the tie tolerance: an allocation as good places it */
    uint32_t tie_with;  /* tie: the student that allocation takes off the idea, or MM_NONE */
} mm_alternative;

/* Equal scores for explain: within 1e-9 relative, GLPK's tolerance for the
 * score before the tie tier (docs/result-format.md, "How ties are broken"). */
#define MM_EXPLAIN_TIE_TOLERANCE 1e-9

struct mm_explanation {
    const mm_problem *p;
    const mm_result *r;
    mm_explain_subject subject;
    uint32_t subject_index;
    uint32_t *placed_app;    /* per student: the application assigned, or MM_NONE */
    uint32_t *placed_mentor; /* per student: its lead mentor */
    mm_alternative *alts;
    size_t n_alts;
};

#endif
