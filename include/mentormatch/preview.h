/** A mentor's preview: who their ideas get now, and how likely each
 * applicant is to end up there when the ratings are a little different. */
#ifndef MENTORMATCH_PREVIEW_H
#define MENTORMATCH_PREVIEW_H

#include <stdio.h>

#include "common.h"
#include "problem.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How to sample. Initialise with MM_PREVIEW_OPTIONS_INIT. */
typedef struct {
    size_t samples;          /**< perturbed solves; 0: the base solve only */
    double noise;            /**< standard deviation of the rating noise, on the rating scale */
    unsigned long long seed; /**< the same seed gives the same probabilities */
} mm_preview_options;

#define MM_PREVIEW_OPTIONS_INIT {200, 0.5, 1}

/** A mentor's preview, made by mm_preview and written by mm_preview_write. */
typedef struct mm_preview_result mm_preview_result;

/**
 * Preview the allocation for one mentor. The problem is solved once as is
 * (the base: what `solve` gives), then `samples` times with every
 * application's rating moved by Gaussian noise N(0, noise), clipped to the
 * rating scale; each applicant's probability of ending up at each of the
 * mentor's ideas is the share of samples that put them there. The model is
 * built once; only the objective changes between samples.
 *
 * @param[out] out the preview (mm_preview_free); it borrows `problem`
 * @param mentor_id the mentor whose ideas are shown
 * @param opts NULL: MM_PREVIEW_OPTIONS_INIT
 * @return 0, MM_EINVALID (unknown mentor, in diags), MM_EINFEASIBLE,
 *         MM_ENOMEM or MM_EINTERNAL
 */
MM_EXTERN int mm_preview(mm_preview_result **out, const mm_problem *problem,
                         const char *mentor_id, const mm_preview_options *opts,
                         mm_diags *diags);

/**
 * Write the preview as readable text (MM_FORMAT_TABLE) or JSON. Only the
 * mentor's own ideas, their applicants and the mentor's own ratings are
 * shown; other ideas appear only by id, as destinations of the mentor's
 * applicants. @return 0, MM_ENOMEM or MM_EIO.
 */
MM_EXTERN int mm_preview_write(const mm_preview_result *preview, mm_format format, FILE *out);

/** Free a preview; NULL is accepted. */
MM_EXTERN void mm_preview_free(mm_preview_result *preview);

#ifdef __cplusplus
}
#endif

#endif
