/** Writing the integer program to files that other solvers read. */
#ifndef MENTORMATCH_EXPORT_H
#define MENTORMATCH_EXPORT_H

#include "common.h"
#include "problem.h"
#include "solve.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    MM_EXPORT_LP, /**< CPLEX LP format */
    MM_EXPORT_MPS /**< free (whitespace-separated) MPS format */
} mm_export_format;

/** One file to write. */
typedef struct {
    mm_export_format format;
    const char *path;
} mm_export_file;

/**
 * Write the integer program of `problem` (SPEC section 4) to each of `files`,
 * with row and column names made from the ids: `x_STUDENT_IDEA_MENTOR`,
 * `student_ID`, `idea_ID`, `mentor_ID`, `org_ID`, `program`, `fixed_K`.
 * Names keep ASCII letters, digits and `!#%&()/,.;?@_{}`; `-` becomes `.`,
 * any other character `_`; each id is cut to 80 bytes; a name made twice
 * gets `~2`, `~3`, ... The objective, `score`, is maximised.
 *
 * Under "count-then-score" the count phase is solved first (with no limits)
 * and the files hold the score phase: the score maximised subject to the row
 * `count`, sum of all x = the optimum count. Under "score" nothing is solved.
 *
 * Each path is written directly (the caller makes it atomic if it wishes);
 * a failed write may leave a partial file there.
 * @param n_files how many entries `files` holds
 * @param[out] failed on MM_EIO, the index in `files` of the one that could
 *             not be written (errno then tells why); may be NULL
 * @param diags where a diagnosis of infeasibility goes
 * @return 0, MM_EINFEASIBLE (the count phase has no solution; diagnosis in
 *         `diags`), MM_EIO, MM_ENOMEM or MM_EINTERNAL (GLPK failed)
 */
MM_EXTERN int mm_export(const mm_problem *problem, const mm_export_file *files, size_t n_files,
                        size_t *failed, mm_diags *diags);

/**
 * As mm_export, re-allocating from `baseline` (SPEC 8; NULL: mm_export):
 * the phases before the score are solved first (with no limits): the most
 * baseline pairs kept, then under "count-then-score" the count. The files
 * hold the score phase, as solve's phases take it: the score maximised
 * subject to the row `baseline_kept` (sum of x over the baseline's pairs >=
 * the optimum kept) and, under "count-then-score", the row `count`. The
 * third tier (baseline lead mentors) follows the score and is not in the
 * files.
 */
MM_EXTERN int mm_export_baseline(const mm_problem *problem, const mm_baseline *baseline,
                                 const mm_export_file *files, size_t n_files, size_t *failed,
                                 mm_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
