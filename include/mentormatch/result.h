/** The result of a solve: assignments, reasons, metrics, and writers. */
#ifndef MENTORMATCH_RESULT_H
#define MENTORMATCH_RESULT_H

#include <stdio.h>

#include "common.h"
#include "solve.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How good a result is, as its "status" member spells it (mm_status_name). */
typedef enum {
    MM_STATUS_OPTIMAL,    /**< proven optimal */
    MM_STATUS_FEASIBLE,   /**< a limit stopped the search; see mm_result_bound */
    MM_STATUS_INTERRUPTED, /**< stopped by a signal, best solution kept */
    MM_STATUS_INFEASIBLE   /**< mm_evaluate_* only: the given assignment breaks a constraint */
} mm_status;

/** Output formats: the JSON document, readable text tables, CSV. */
typedef enum { MM_FORMAT_JSON, MM_FORMAT_TABLE, MM_FORMAT_CSV } mm_format;

/** One assignment. Strings are borrowed from the problem. */
typedef struct {
    const char *student;
    const char *idea;
    const char *mentor;
    int rank;
    double score;
    double rating, preference, skill, impact; /**< the score's components */
} mm_assignment;

/** Free a result; NULL is accepted. */
MM_EXTERN void mm_result_free(mm_result *result);

/** @return the status of the solution. */
MM_EXTERN mm_status mm_result_status(const mm_result *result);

/** @return the status as the result document spells it ("optimal", ...). */
MM_EXTERN const char *mm_status_name(mm_status status);

/** @param[out] assigned @param[out] score the objective of the solution. */
MM_EXTERN void mm_result_objective(const mm_result *result, size_t *assigned, double *score);

/** @param[out] assigned @param[out] score the best proven bound (equal to the objective when optimal). */
MM_EXTERN void mm_result_bound(const mm_result *result, size_t *assigned, double *score);

/** @return the number of blocking pairs of the assignment (docs/strategies.md);
 *  a pick of an evaluated assignment that is not eligible cannot block. */
MM_EXTERN long mm_result_blocking_pairs(const mm_result *result);

/** A blocking pair (docs/strategies.md#blocking-pairs): the student would
 *  rather have the idea under the mentor, and the mentor would take the
 *  student. Strings are borrowed from the problem. */
typedef struct {
    const char *student;
    const char *idea;
    const char *mentor;
    int rank;          /**< the student's rank of the idea */
    const char *holds; /**< the idea the student holds, or NULL */
} mm_blocking_pair;

/** The i-th blocking pair, in student-id order (mm_result_blocking_pairs
 *  counts them). @return 0, or MM_EINVALID past the end. */
MM_EXTERN int mm_result_blocking_pair(const mm_result *result, size_t i, mm_blocking_pair *out);

/** Make mm_result_write list the blocking pairs themselves (JSON member
 *  "blocking", a table section), not only count them. */
MM_EXTERN void mm_result_set_verbose(mm_result *result, int verbose);

/** @return the solver that found the solution, "network" or "glpk"; NULL when
 *  none ran (strategies other than ilp, evaluated assignments). */
MM_EXTERN const char *mm_result_solver(const mm_result *result);

/** @return the number of assignments. */
MM_EXTERN size_t mm_result_assignment_count(const mm_result *result);

/** @return the i-th assignment in student-id order, or NULL past the end. */
MM_EXTERN const mm_assignment *mm_result_assignment(const mm_result *result, size_t i);

/** The lists of the result's "baseline" member (SPEC 8). */
typedef enum {
    MM_BASELINE_MOVED,   /**< baseline students now on another idea */
    MM_BASELINE_DROPPED, /**< baseline students now unassigned, with the reason */
    MM_BASELINE_ADDED,   /**< students assigned now who were not in the baseline */
    MM_BASELINE_LISTS
} mm_baseline_list;

/** What a re-allocation kept of its baseline. */
typedef struct {
    size_t entries;     /**< baseline entries (one per student named), stale ones too */
    size_t kept;        /**< of them, students on the same idea now */
    size_t kept_mentor; /**< of those, with the same lead mentor */
    size_t count[MM_BASELINE_LISTS]; /**< entries of each list */
} mm_baseline_counts;

/** One entry of a baseline list; strings are borrowed from the result. */
typedef struct {
    const char *student;
    const char *idea;   /**< moved: the baseline's idea ("from"); dropped, added: the idea */
    const char *to;     /**< moved: the idea now; else NULL */
    const char *reason; /**< dropped: why ("gone from the input: ...", "no longer
                         *   eligible: ...", "displaced: ..."); else NULL */
} mm_baseline_change;

/** @param[out] out the counts of a result solved with a baseline.
 *  @return 0, or MM_EINVALID when it was solved without one. */
MM_EXTERN int mm_result_baseline(const mm_result *result, mm_baseline_counts *out);

/** @param[out] out the i-th entry of `list`, in student-id order.
 *  @return 0, or MM_EINVALID past the end or without a baseline. */
MM_EXTERN int mm_result_baseline_change(const mm_result *result, mm_baseline_list list, size_t i,
                                        mm_baseline_change *out);

/**
 * Write the result document (SPEC section 5) as JSON, or as a table or CSV.
 * @return 0, MM_EIO when writing failed, or MM_ENOMEM
 */
MM_EXTERN int mm_result_write(const mm_result *result, mm_format format, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
