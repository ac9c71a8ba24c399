/** Who moved between two result documents: pure JSON processing, no
 * problem needed. */
#ifndef MENTORMATCH_DIFF_H
#define MENTORMATCH_DIFF_H

#include <stdio.h>

#include "common.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A result document read back (SPEC section 5), as `solve` or `evaluate`
 * writes it. */
typedef struct mm_result_doc mm_result_doc;

/**
 * Read a result document. It must be a JSON object with "objective"
 * ({"assigned", "score"}), "assignments" (each with "student", "idea",
 * "mentor", "rank", "score"; "components" optional; no student twice) and
 * "metrics" ({"assigned", "unassigned", "by_rank", "mean_rank"}); other
 * members are not read.
 * @param[out] out the document (mm_result_doc_free); NULL on failure
 * @param diags every problem, with its place ("assignments[3].rank")
 * @return 0, MM_EINVALID, MM_EIO or MM_ENOMEM
 */
MM_EXTERN int mm_result_doc_read_file(mm_result_doc **out, const char *path, mm_diags *diags);

/** As mm_result_doc_read_file, from `len` bytes at `data`. */
MM_EXTERN int mm_result_doc_read_buffer(mm_result_doc **out, const char *data, size_t len,
                                        mm_diags *diags);

/** Free a document; NULL is accepted. Free its diffs first. */
MM_EXTERN void mm_result_doc_free(mm_result_doc *doc);

/** @param[out] assigned @param[out] score the document's "objective". */
MM_EXTERN void mm_result_doc_objective(const mm_result_doc *doc, size_t *assigned,
                                       double *score);

typedef enum {
    MM_MOVE_ONLY_IN_A, /**< assigned in A, not in B */
    MM_MOVE_ONLY_IN_B, /**< assigned in B, not in A */
    MM_MOVE_CHANGED    /**< assigned in both, to another idea or mentor */
} mm_move_kind;

/** One student who moved. Pointers are borrowed from the documents. */
typedef struct {
    mm_move_kind kind;
    const char *student;
    const mm_assignment *a, *b; /**< the student's assignment in A and in B; NULL where none */
} mm_move;

/** The moves from A to B, by student id, and the two objectives and metrics. */
typedef struct mm_diff mm_diff;

/**
 * @param[out] out the diff (mm_diff_free); it borrows `a` and `b`, which
 *             must outlive it
 * @return 0 or MM_ENOMEM
 */
MM_EXTERN int mm_diff_new(mm_diff **out, const mm_result_doc *a, const mm_result_doc *b);

/** Free a diff; NULL is accepted. */
MM_EXTERN void mm_diff_free(mm_diff *diff);

/** @return how many students moved (0 when A and B assign alike). */
MM_EXTERN size_t mm_diff_move_count(const mm_diff *diff);

/** @return the i-th move in student-id order, or NULL past the end. */
MM_EXTERN const mm_move *mm_diff_move(const mm_diff *diff, size_t i);

/**
 * Write the diff as text (MM_FORMAT_TABLE) or as a JSON document
 * (MM_FORMAT_JSON).
 * @return 0, MM_EIO when writing failed, or MM_EINVALID for MM_FORMAT_CSV
 */
MM_EXTERN int mm_diff_write(const mm_diff *diff, mm_format format, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
