/** Mentor pages: who a mentor's ideas get now, how likely each applicant
 * is to end up there when the ratings are a little different, why those
 * not placed are not, and the rating of the mentor's own that would change
 * it. One set of solves serves every mentor (mm_preview_all); each page is
 * then bookkeeping over the mentor's ideas (mm_preview_page). */
#ifndef MENTORMATCH_PREVIEW_H
#define MENTORMATCH_PREVIEW_H

#include <stdint.h>
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
    size_t jobs;             /**< threads for the samples; 0: 2 (the result does not depend on it) */
    double threshold_time;   /**< seconds for the exact thresholds' re-solves; 0: no limit */
} mm_preview_options;

#define MM_PREVIEW_OPTIONS_INIT {200, 0.5, 1, 0, 30}

/** The solves shared by every page: the base solve, the samples, and the
 * exact rating thresholds of every application to the requested mentors'
 * ideas. It borrows the problem. */
typedef struct mm_preview_set mm_preview_set;

/** One mentor's page. It holds only what the mentor may see (the privacy
 * rule of docs/commands.md, "preview"): the applications to the ideas they
 * mentor, every rating given to those, and other ideas by id only. */
typedef struct mm_mentor_page mm_mentor_page;

/**
 * Solve once as is (the base: what `solve` gives), then `samples` times
 * with every application's rating moved by Gaussian noise N(0, noise),
 * clipped to the rating scale, counting where every application lands;
 * then the exact threshold of each application to the ideas of the mentors
 * named (holding every other rating fixed, the score at which it comes or
 * leaves). The model is built once; only the objective changes.
 *
 * @param[out] out the set (mm_preview_set_free)
 * @param mentor_ids the mentors whose pages will be made; NULL: every mentor
 * @param n_mentors how many ids (ignored when mentor_ids is NULL)
 * @param opts NULL: MM_PREVIEW_OPTIONS_INIT
 * @return 0, MM_EINVALID (an unknown or repeated mentor, in diags),
 *         MM_EINFEASIBLE, MM_ENOMEM or MM_EINTERNAL
 */
MM_EXTERN int mm_preview_all(mm_preview_set **out, const mm_problem *problem,
                             const char *const *mentor_ids, size_t n_mentors,
                             const mm_preview_options *opts, mm_diags *diags);

/** How many mentors the set was made for. */
MM_EXTERN size_t mm_preview_set_count(const mm_preview_set *set);
/** The id of the set's k-th mentor (in the order asked; input order for all), or NULL. */
MM_EXTERN const char *mm_preview_set_mentor(const mm_preview_set *set, size_t k);

/** The page of the set's k-th mentor. @return 0 or MM_ENOMEM. */
MM_EXTERN int mm_preview_page(mm_mentor_page **out, const mm_preview_set *set, size_t k);

/** A page's headline, for the organizer's index. Strings belong to the page. */
typedef struct {
    const char *mentor, *name;  /**< name NULL when the input gives none */
    int64_t load, capacity;     /**< students the base gives the mentor, and their capacity */
    int64_t filled, slots;      /**< over the mentor's ideas */
    size_t ideas;               /**< ideas the mentor mentors */
    size_t at_risk;             /**< placed at their ideas with probability below 1/2 */
} mm_mentor_headline;

/** Fill `out` with the page's headline. */
MM_EXTERN void mm_mentor_page_headline(const mm_mentor_page *page, mm_mentor_headline *out);

/** How a page or index is written. */
typedef enum { MM_PAGE_TEXT, MM_PAGE_JSON, MM_PAGE_HTML } mm_page_format;

/** Write the page. HTML: one self-contained file (no script, no external
 * URL, every input string escaped). @return 0, MM_ENOMEM or MM_EIO. */
MM_EXTERN int mm_mentor_page_write(const mm_mentor_page *page, mm_page_format format, FILE *out);

/**
 * Write the organizer's index: a row per headline, linking `links[k]`
 * (a relative file name, written escaped; NULL: no links).
 * @return 0 or MM_EIO.
 */
MM_EXTERN int mm_preview_index_write(const mm_preview_set *set, const mm_mentor_headline *rows,
                                     const char *const *links, size_t n, mm_page_format format,
                                     FILE *out);

/**
 * Say on `after` (a page of a problem with the mentor's ratings edited,
 * `preview --rate`) what each edited (student, idea) changed against
 * `before` (the same mentor's page without the edits; samples may be 0):
 * where the allocation moved, or that it moves nothing and why.
 * @return 0, MM_EINVALID (not the same mentor) or MM_ENOMEM.
 */
MM_EXTERN int mm_mentor_page_note_rates(mm_mentor_page *after, const mm_mentor_page *before,
                                        const char *const *students, const char *const *ideas,
                                        size_t n);

/** Whether the page lists `student` as an applicant of `idea` (one of the
 * page mentor's ideas): the only pairs `preview --rate` may change, since a
 * rating of any other application would probe ratings the page may not
 * show. @return 1 or 0. */
MM_EXTERN int mm_mentor_page_has_application(const mm_mentor_page *page, const char *student,
                                             const char *idea);

/** Free a page; NULL is accepted. */
MM_EXTERN void mm_mentor_page_free(mm_mentor_page *page);
/** Free a set (after its pages, which borrow its problem, not the set); NULL is accepted. */
MM_EXTERN void mm_preview_set_free(mm_preview_set *set);

/** A single mentor's preview, made by mm_preview and written by mm_preview_write. */
typedef struct mm_preview_result mm_preview_result;

/**
 * Preview the allocation for one mentor: mm_preview_all for that mentor
 * alone, then its page.
 * @param[out] out the preview (mm_preview_free); it borrows `problem`
 * @return as mm_preview_all
 */
MM_EXTERN int mm_preview(mm_preview_result **out, const mm_problem *problem,
                         const char *mentor_id, const mm_preview_options *opts,
                         mm_diags *diags);

/** The preview's page (owned by the preview). */
MM_EXTERN mm_mentor_page *mm_preview_result_page(mm_preview_result *preview);

/**
 * Write the preview as readable text (MM_FORMAT_TABLE) or JSON, as
 * mm_mentor_page_write. @return 0, MM_EINVALID (CSV), MM_ENOMEM or MM_EIO.
 */
MM_EXTERN int mm_preview_write(const mm_preview_result *preview, mm_format format, FILE *out);

/** Free a preview; NULL is accepted. */
MM_EXTERN void mm_preview_free(mm_preview_result *preview);

#ifdef __cplusplus
}
#endif

#endif
