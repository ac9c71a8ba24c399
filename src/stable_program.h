/* stable-optimal's integer program: the contract's model over the variables
 * that stable_reduce.h left alive, the rows its floors imply, and, added on
 * demand, an exact "x does not block" constraint per variable x.
 *
 * For x = (s, i, m) with s not fixed, let theta = the sum of s's variables
 * as good as x, and for each cap C of x that may fill without s and without
 * m's witnesses (mm_stable_open_caps), let others(C) = the sum of the
 * variables in C of students other than s that are not m's witnesses for x
 * (students of other mentors, fixed ones, those m ranks above s). Then
 *     theta + sum_C z_C >= 1,   others(C) - cap(C) z_C >= 0,   z_C binary
 * holds, for some z, exactly when x does not block: z_C = 1 forces C full
 * (its row caps it) with no witness and no s in it. With one open cap, z_C
 * is 1 - theta and the pair becomes cap(C) theta + others(C) >= cap(C),
 * the hospitals/residents stability row; with none, theta >= 1. */
#ifndef MM_STABLE_PROGRAM_H
#define MM_STABLE_PROGRAM_H

#include "stable_reduce.h"

typedef struct {
    const mm_stable_reducer *red;
    mm_model model;           /* alive variables first, then the z columns */
    size_t n_real;            /* the alive variables: model.vars[0 .. n_real) */
    uint32_t *original;       /* per alive variable: its index in the full model */
    uint32_t *local;          /* per full variable: its index here, MM_NONE if dead */
    unsigned char *has_cut;   /* per full variable: its exact constraint is in */
    unsigned char *has_weak;  /* per full variable: its projected constraint is in */
    unsigned char *open;      /* per full variable: its open caps, fixed once reduced;
                               * 0xff when it never blocks (a fixed student, a
                               * floor as good, an open cap of 0 places) */
    double *acc;              /* scratch: per alive variable, a row's coefficient */
    uint32_t *by_start[MM_FAMILIES - 1], *by_items[MM_FAMILIES - 1]; /* alive by idea, org, mentor */
    size_t n_keys[MM_FAMILIES - 1];
    unsigned char *start;     /* per column: a known stable matching, or NULL */
    uint32_t *vars;           /* scratch for one row */
    double *coef;
    size_t n_cuts, n_weak;
} mm_stable_program;

/* The program over r's alive variables with its floor rows; `start` (full
 * model, or NULL): a stable matching meeting every row, kept as incumbent.
 * @return 0 or MM_ENOMEM; on failure *sp is left disposable. */
int mm_stable_program_init(mm_stable_program *sp, const mm_stable_reducer *r,
                           const unsigned char *start);
/* Add x's exact constraint, once. @return 0 or MM_ENOMEM. */
int mm_stable_program_cut(mm_stable_program *sp, uint32_t x);
/* Lazy rows for branch and bound, where no column can be added: each x
 * whose constraint `value` (per column, a node's LP optimum) misses by more
 * than `eps`, taking each z_C at its best, min(1, others(C) / cap(C)), gets
 * it when x has at most one open cap (no z then). With two or more, x gets
 * the constraint with z projected out, theta + sum_C others(C) / cap(C)
 * >= 1: implied by the exact one, so valid in every stable matching, but
 * weaker (a blocking x may meet it; the rounds then add the exact one).
 * @param[out] added how many rows went in
 * @return 0 or MM_ENOMEM */
int mm_stable_program_separate_lazy(mm_stable_program *sp, const double *value, double eps,
                                    size_t *added);
/* The start when it meets every row of the program, else NULL. */
const unsigned char *mm_stable_program_start(const mm_stable_program *sp);
void mm_stable_program_dispose(mm_stable_program *sp);

#endif
