/* The integer program as a minimum-cost flow, where it is one.
 *
 * source -> student (1) -> idea (slots) -> mentor (min_load..capacity)
 *        -> org (slots) -> program (slots) -> sink, plus student -> sink for
 * "unassigned". Each application is an arc whose cost is minus its score
 * (scaled to integers), minus a large constant per assignment under
 * count-then-score, so the cheapest flow of all students is the
 * lexicographic optimum. Fixed pairs are students with one arc and no way
 * around it; a fixed lead mentor is a lower bound on idea -> mentor.
 *
 * What a flow cannot say exactly is relaxed: a student in conflict with
 * some mentors of a multi-mentor idea, an org whose mentors also lead ideas
 * elsewhere. The flow then solves a relaxation; its optimum is split into
 * (application, mentor) choices and checked against every row of the model.
 * If every row holds, the relaxation's optimum is feasible, hence optimal;
 * otherwise the caller goes to GLPK, starting from the optimum with the
 * assignments over a cap dropped. */
#ifndef MM_SOLVE_NETWORK_H
#define MM_SOLVE_NETWORK_H

#include "model.h"
#include "solve_glpk.h"

typedef enum {
    MM_NETWORK_SOLVED,     /* out holds the outcome */
    MM_NETWORK_NOT_CLASS,  /* the model has rows no flow can hold (cuts, odd fixed rows) */
    MM_NETWORK_RELAXED,    /* the relaxation's optimum breaks a conflict or an org cap */
} mm_network_verdict;

typedef struct {
    mm_network_verdict verdict;
    const char *why;            /* NOT_CLASS or RELAXED: a short reason */
    int has_start;              /* RELAXED: out->chosen holds a feasible start for GLPK */
    unsigned char *keep;        /* RELAXED: per variable, 0 where reduced-cost fixing
                                 * proved it 0 in every optimum; NULL: none
                                 * (caller frees) */
    double relaxed_count, relaxed_score; /* RELAXED: the relaxation's optimum, a bound */
    int split_failed;           /* RELAXED: conflicts left some students without a lead */
    unsigned side_iterations;   /* priced flows solved for the side rows (network_side.c) */
} mm_network_report;

/* Solve the model's lexicographic objective (obj's leading objectives,
 * then the count when count_first or when there is no score, then the
 * score) as a flow. On SOLVED, `out` is filled as mm_glpk_solve fills it
 * (OPTIMAL, LIMITED with a solution, INFEASIBLE, NO_SOLUTION); on RELAXED
 * with has_start, out->chosen is a feasible solution and the bounds are the
 * relaxation's. With leading objectives there is never a start: a relaxed
 * optimum is left whole to GLPK. @return 0, MM_ENOMEM or MM_EINTERNAL (the
 * optimality certificate failed). */
int mm_network_solve(const mm_problem *p, const mm_model *m, const mm_glpk_objective *obj,
                     const mm_glpk_limits *limits, mm_glpk_outcome *out,
                     mm_network_report *report);

/* Many solves of one model whose scores alone change (preview's samples):
 * the network is built once; each solve copies it, reprices the
 * application arcs and solves it exactly as mm_network_solve would a
 * network built for those scores (the same costs, the same routing order,
 * so the same flow), without building it. mm_net_warm_new sets *out NULL
 * (returning 0) when the model is no flow. A solve's answer is proven: the
 * flow certified optimal for the relaxation, its split feasible for every
 * row of the model; otherwise it is undecided and the caller solves it
 * plainly. Each thread has its own work; the warm start is only read. */
typedef struct mm_net_warm mm_net_warm;
typedef struct mm_net_warm_work mm_net_warm_work;
int mm_net_warm_new(mm_net_warm **out, const mm_problem *p, const mm_model *m,
                    const double *score, int count_first);
void mm_net_warm_free(mm_net_warm *w);
int mm_net_warm_work_new(mm_net_warm_work **out, const mm_net_warm *w);
void mm_net_warm_work_free(mm_net_warm_work *k);
/* @param[out] chosen per variable, when *proven
 * @param[out] proven 1: chosen is an optimum of `score`; 0: undecided (the
 * relaxation's optimum breaks a row, or it is infeasible): solve it
 * plainly @return 0, MM_ENOMEM or MM_EINTERNAL (a certificate failed) */
int mm_net_warm_solve(mm_net_warm_work *k, const double *score, unsigned char *chosen,
                      int *proven);

/* 1 when every row of the model holds for `chosen`. */
int mm_model_satisfied(const mm_model *m, const unsigned char *chosen);

#endif
