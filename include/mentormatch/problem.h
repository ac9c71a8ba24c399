/** The problem: an input document read, validated and scored. */
#ifndef MENTORMATCH_PROBLEM_H
#define MENTORMATCH_PROBLEM_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A validated, scored instance. Immutable once read. */
typedef struct mm_problem mm_problem;

/** What-if changes applied to a document as it is read. */
typedef enum {
    MM_EDIT_RATING, /**< mentor rates (student, idea) `score`, replacing a rating they gave */
    MM_EDIT_FIX,    /**< (student, idea) must be assigned; a forbidden entry for it is dropped */
    MM_EDIT_FORBID  /**< (student, idea) must not be assigned; a fixed entry for it is dropped */
} mm_edit_kind;

/** One what-if change. Strings are borrowed for the duration of the read. */
typedef struct {
    mm_edit_kind kind;
    const char *mentor;  /**< MM_EDIT_RATING only */
    const char *student;
    const char *idea;
    double score;        /**< MM_EDIT_RATING only */
    const char *origin;  /**< named as the place of a problem with it, e.g. "--fix s1=drbd" */
} mm_edit;

/** How to read. Initialise with MM_READ_OPTIONS_INIT. */
typedef struct {
    int strict;           /**< non-zero: unknown keys are errors, not warnings */
    const mm_edit *edits; /**< applied in order after the document is read */
    size_t n_edits;
    /** Seconds for the whole read (the file, parsing, validation, scoring),
     * on the wall clock from the call; <= 0: none. Once it has passed, the
     * read stops at its next look at the clock (every 64 KB parsed, every
     * few thousand records walked, after each stage) and returns
     * MM_ENOSOLUTION, adding no diagnostic for it. */
    double time_limit;
} mm_read_options;

#define MM_READ_OPTIONS_INIT {0, NULL, 0, 0.0}

/**
 * Read, validate and score an input document from a file.
 *
 * Every problem found is added to `diags` (all of them, not only the first).
 * @param[out] out the problem, owned by the caller (mm_problem_free); NULL on failure
 * @param path the file to read; it is opened read-only
 * @param opts options, or NULL for the defaults
 * @param diags where errors and warnings go; must not be NULL
 * @return 0, MM_EINVALID, MM_EIO, MM_ENOMEM, or MM_ENOSOLUTION when
 *         opts->time_limit passed first (the diagnostics found until then
 *         are kept, the rest of the document was not looked at)
 */
MM_EXTERN int mm_problem_read_file(mm_problem **out, const char *path,
                                   const mm_read_options *opts, mm_diags *diags);

/** As mm_problem_read_file, from `len` bytes at `data`. */
MM_EXTERN int mm_problem_read_buffer(mm_problem **out, const char *data, size_t len,
                                     const mm_read_options *opts, mm_diags *diags);

/**
 * Warnings about a valid document that may not mean what its author
 * thinks (docs/input-format.md, "Warnings"): unrated applications while
 * default_rating is null, ideas nobody applies to, mentor capacity that can
 * never be used. `check` prints them; reading a document does not add them.
 * @param diags where the warnings go (MM_SEVERITY_WARNING, JSON places)
 * @return 0, MM_EINVALID (a NULL argument) or MM_ENOMEM
 */
MM_EXTERN int mm_problem_advise(const mm_problem *problem, mm_diags *diags);

/** Free a problem; NULL is accepted. Free its results first. */
MM_EXTERN void mm_problem_free(mm_problem *problem);

/** Counts for a summary of a problem. */
typedef struct {
    size_t orgs, mentors, ideas, students;
    size_t applications;          /**< all applications */
    size_t eligible_applications; /**< applications that may be assigned (SPEC 4) */
    size_t eligible_pairs;        /**< (application, mentor) variables of the model */
    size_t ratings, conflicts, fixed, forbidden;
    size_t students_without_applications;
    size_t total_capacity;        /**< sum of mentor capacities */
    size_t total_idea_slots;      /**< sum of idea slots */
    size_t quotas;                /**< quotas (SPEC 7) */
    size_t attributes;            /**< distinct attribute names students carry */
} mm_problem_summary;

/** @param[out] out the counts of `problem`. */
MM_EXTERN void mm_problem_summarize(mm_problem_summary *out, const mm_problem *problem);

#ifdef __cplusplus
}
#endif

#endif
