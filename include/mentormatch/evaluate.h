/** Checking an assignment made elsewhere against a problem. */
#ifndef MENTORMATCH_EVALUATE_H
#define MENTORMATCH_EVALUATE_H

#include "common.h"
#include "problem.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How a given assignment compares with the constraints and the optimum. */
typedef struct {
    int feasible;            /**< non-zero when no constraint is broken */
    size_t violations;       /**< broken constraints reported to the diagnostics */
    int has_optimum;         /**< 0 when the instance itself is infeasible */
    size_t optimum_assigned; /**< the optimum's objective (when has_optimum) */
    double optimum_score;
    long long gap_assigned;  /**< optimum minus the given assignment; negative
                              *   only where the given one breaks a cap, or
                              *   (objective "score") assigns more */
    double gap_score;        /**< likewise; rounding noise below 1e-9 of the
                              *   optimum is reported as 0 */
} mm_evaluation;

/**
 * Read an assignment and check it against `problem` (SPEC section 4), then
 * solve `problem` to compare it with the optimum.
 *
 * The assignment is a JSON document: a result document (its "assignments"
 * array is used) or a bare array of {"student", "idea", "mentor"?} objects.
 * "mentor" may be left out where the idea has exactly one mentor not in
 * conflict with the student.
 *
 * Each broken constraint is one error in `diags`, placed in the assignment
 * document ("assignments[3].idea"), with a message that starts with the
 * constraint family ("idea slots: ..."). An entry with an unknown id, for a
 * pair that is not an application, with no lead mentor resolved, or for a
 * student already listed is reported and left out of the result; every
 * other entry is counted, even where it breaks a constraint.
 *
 * @param[out] out a result of the given assignment, owned by the caller
 *             (mm_result_free): the writers of mm_result_write print it with
 *             an "evaluation" member (see mm_result_evaluation). Its status
 *             is "optimal" (feasible and as good as the optimum), "feasible"
 *             or "infeasible"; its bound is the optimum. It borrows
 *             `problem`. NULL on failure.
 * @param diags where the violations, or the problems of a malformed
 *              document, go; must not be NULL
 * @return 0 when the document was read (whether or not it breaks
 *         constraints: see mm_result_evaluation), MM_EINVALID for a document
 *         that is not JSON or not of that shape, MM_EIO, MM_ENOMEM or
 *         MM_EINTERNAL
 */
MM_EXTERN int mm_evaluate_file(mm_result **out, const mm_problem *problem, const char *path,
                               mm_diags *diags);

/** As mm_evaluate_file, from `len` bytes at `data`. */
MM_EXTERN int mm_evaluate_buffer(mm_result **out, const mm_problem *problem, const char *data,
                                 size_t len, mm_diags *diags);

/**
 * @param[out] out how the evaluated assignment fares
 * @return 0, or MM_EINVALID when `result` did not come from mm_evaluate_*
 */
MM_EXTERN int mm_result_evaluation(const mm_result *result, mm_evaluation *out);

#ifdef __cplusplus
}
#endif

#endif
