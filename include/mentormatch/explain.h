/** Why a student went where they did, and what it would take to change it. */
#ifndef MENTORMATCH_EXPLAIN_H
#define MENTORMATCH_EXPLAIN_H

#include <stdio.h>

#include "common.h"
#include "result.h"
#include "solve.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Whose side mm_explain takes. */
typedef enum {
    MM_EXPLAIN_STUDENT, /**< the student's placement and each better-ranked application */
    MM_EXPLAIN_IDEA,    /**< who holds the idea's slots, and every other applicant */
    MM_EXPLAIN_MENTOR   /**< the idea view for each idea the mentor mentors */
} mm_explain_subject;

/** An explanation, made by mm_explain and written by mm_explanation_write. */
typedef struct mm_explanation mm_explanation;

/**
 * Explain `result` (a solution of `problem`) from the side of one student,
 * idea or mentor. For every alternative placement it says why it was not
 * made (ineligible and why; the idea, its mentors, its org or the program
 * full, and by whom) and what it would take: the problem is solved again
 * with that pair fixed, and the objectives compared.
 *
 * @param[out] out the explanation (mm_explanation_free); it borrows
 *             `problem` and `result`
 * @param id the student, idea or mentor id
 * @param opts limits for the what-if solves (the time limit covers them all)
 * @return 0, MM_EINVALID (unknown id, in diags), MM_ENOMEM or MM_EINTERNAL
 */
MM_EXTERN int mm_explain(mm_explanation **out, const mm_problem *problem,
                         const mm_result *result, mm_explain_subject subject, const char *id,
                         const mm_solve_options *opts, mm_diags *diags);

/** Write the explanation as readable text (MM_FORMAT_TABLE) or JSON. @return 0 or MM_EIO. */
MM_EXTERN int mm_explanation_write(const mm_explanation *explanation, mm_format format,
                                   FILE *out);

/** Free an explanation; NULL is accepted. */
MM_EXTERN void mm_explanation_free(mm_explanation *explanation);

#ifdef __cplusplus
}
#endif

#endif
