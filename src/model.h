/* The integer program of SPEC 4, independent of any solver: one binary
 * variable per eligible (application, mentor) pair, rows of the seven
 * constraint families, rows that can never bind left out. */
#ifndef MM_MODEL_H
#define MM_MODEL_H

#include "problem.h"

typedef enum {
    MM_ROW_STUDENT,
    MM_ROW_IDEA,
    MM_ROW_MENTOR,
    MM_ROW_ORG,
    MM_ROW_PROGRAM,
    MM_ROW_FIXED,
    MM_ROW_CUT,     /* stable-optimal: excludes a blocking configuration */
    MM_ROW_QUOTA,   /* SPEC 4 family 7: owner is the quota cell (p->cells) */
    MM_ROW_KINDS
} mm_row_kind;

typedef struct {
    uint32_t app, mentor, student;
} mm_var;

typedef struct {
    mm_row_kind kind;
    uint32_t owner;     /* student, idea, mentor, org, fixed or quota cell index */
    int64_t lo, hi;     /* lo 0: no lower bound; hi MM_NO_LIMIT: none */
    uint32_t begin, count; /* into row_vars */
} mm_row;

typedef struct {
    mm_var *vars;
    size_t n_vars;
    mm_row *rows;
    size_t n_rows;
    uint32_t *row_vars;
    double *row_coef;   /* aligned with row_vars; NULL while every coefficient is 1 */
    size_t n_entries;
    uint32_t *app_first_var; /* per application: its first variable (n_apps + 1 entries) */
} mm_model;

/* @return 0 or MM_ENOMEM; on failure *m is left disposable. */
int mm_model_build(mm_model *m, const mm_problem *p);
/* Per variable, the score of its application (caller frees); NULL on oom. */
double *mm_model_scores(const mm_model *m, const mm_problem *p);
/* Require application `app` to be assigned (a fixed row over its variables),
 * for what-if solves; mm_model_pop_row takes it back. 0 or MM_ENOMEM. */
int mm_model_push_fixed(mm_model *m, uint32_t app);
void mm_model_pop_row(mm_model *m);
/* A copy of m without application `app`'s variables (MM_NONE: a plain copy):
 * the model with the pair forbidden, which a flow still holds (no row is
 * added). Variables after app's shift down by their count.
 * @return 0 or MM_ENOMEM (out disposable either way) */
int mm_model_without_app(const mm_model *m, size_t n_apps, uint32_t app, mm_model *out);
/* Append a row sum coef[k] x[vars[k]] >= lo (no upper bound). 0 or MM_ENOMEM. */
int mm_model_push_cut(mm_model *m, const uint32_t *vars, const double *coef, uint32_t count,
                      int64_t lo);
/* The same rows over the variables with keep[v] set (variables fixed to 0
 * left out), for a smaller solve; no app_first_var.
 * @param[out] original per new variable, its index in m (caller frees)
 * @return 0 or MM_ENOMEM (out disposable either way) */
int mm_model_restrict(const mm_model *m, const unsigned char *keep, mm_model *out,
                      uint32_t **original);
void mm_model_dispose(mm_model *m);
const char *mm_row_kind_name(mm_row_kind kind);

#endif
