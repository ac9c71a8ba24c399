/* stable-optimal's integer program: the contract's model over the variables
 * that stable_reduce.h left alive, the rows its floors imply, and, added on
 * demand, exact "x does not block" rows, without z columns.
 *
 * For x = (s, i, m) with s not fixed, let theta = the sum of s's variables
 * as good as x, and for each cap C of x that may fill without s and without
 * m's witnesses (mm_stable_open_caps), let others(C) = the sum of the
 * variables in C of students other than s that are not m's witnesses for x
 * (students of other mentors, fixed ones, those m ranks above s). x does
 * not block exactly when theta = 1 or some such C is full with no witness
 * and no s in it. For a cap of one place that is others(C) (0 or 1). For a
 * cap of two or more ("wide"), one binary column F_C per cap, shared by
 * every x, with cap(C) F_C <= load(C): F_C = 1 only when C is full. Then C
 * keeps x from blocking exactly when the least of F_C, 1 - w for each
 * witness w of x in C, and 1 - (s's variables in C) is 1, and x does not
 * block exactly when, for every choice of one of these terms per wide cap,
 *     theta + sum over unit caps of others(C) + sum of the chosen terms >= 1
 * (a sum of minima is the minimum of the sums). Each such row holds in
 * every stable matching (set F_C = 1 on every full cap). Separation picks,
 * per wide cap, the term least under the point. */
#ifndef MM_STABLE_PROGRAM_H
#define MM_STABLE_PROGRAM_H

#include "stable_reduce.h"

typedef struct {
    const mm_stable_reducer *red;
    mm_model model;           /* alive variables first, then the F_C columns */
    size_t n_real;            /* the alive variables: model.vars[0 .. n_real) */
    uint32_t *original;       /* per alive variable: its index in the full model */
    uint32_t *local;          /* per full variable: its index here, MM_NONE if dead */
    uint32_t *full[MM_FAMILIES]; /* per cap (program: key 0): its F_C column, MM_NONE if none */
    unsigned char *open;      /* per full variable: its open caps, fixed once reduced;
                               * 0xff when it needs no row: it never blocks (a
                               * fixed student, a floor as good, an open cap of 0
                               * places), or a variable of its project has
                               * stronger rows (stable_program.c, skip_dominated) */
    uint32_t *needs;          /* the full variables that need rows, increasing */
    size_t n_needs;
    double *acc;              /* scratch: per column, a row's coefficient */
    uint32_t *by_start[MM_FAMILIES - 1], *by_items[MM_FAMILIES - 1]; /* alive by idea, org, mentor */
    size_t n_keys[MM_FAMILIES - 1];
    unsigned char *start;     /* per column: a known stable matching, or NULL */
    uint32_t *vars;           /* scratch for one row */
    double *coef;
    size_t n_cuts;
} mm_stable_program;

/* The program over r's alive variables with its floor rows; `start` (full
 * model, or NULL): a stable matching meeting every row, kept as incumbent.
 * @return 0 or MM_ENOMEM; on failure *sp is left disposable. */
int mm_stable_program_init(mm_stable_program *sp, const mm_stable_reducer *r,
                           const unsigned char *start);
/* Add x's exact row violated at an integer point `value` (per column),
 * when one is: always when x blocks there. @return 0 or MM_ENOMEM. */
int mm_stable_program_cut(mm_stable_program *sp, uint32_t x, const double *value);
/* Lazy rows for branch and bound: each x whose rows `value` (per column, a
 * node's LP optimum) misses by more than `eps` gets the most violated one.
 * @param[out] added how many rows went in
 * @return 0 or MM_ENOMEM */
int mm_stable_program_separate_lazy(mm_stable_program *sp, const double *value, double eps,
                                    size_t *added);
/* The start when it meets every row of the program, else NULL. */
const unsigned char *mm_stable_program_start(const mm_stable_program *sp);
void mm_stable_program_dispose(mm_stable_program *sp);

#endif
