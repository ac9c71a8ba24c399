/** Generating random, valid input documents: for tests, benchmarks and demos. */
#ifndef MENTORMATCH_GENERATE_H
#define MENTORMATCH_GENERATE_H

#include <stdio.h>

#include "build.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest students, ideas, mentors or orgs. The instance is built in
 * memory before a byte is written (some 100 bytes per student, idea or
 * mentor, 4 per application), so these bound it to a few hundred MB. */
#define MM_GENERATE_MAX_COUNT 1000000u
/** Most applications in all (students x apps). */
#define MM_GENERATE_MAX_APPLICATIONS 10000000u
/** Largest skill vocabulary. */
#define MM_GENERATE_MAX_VOCABULARY 1000u
/** Most skills one student has, or one idea requires. */
#define MM_GENERATE_MAX_SKILLS 16u
/** Largest mentor capacity or idea slots. */
#define MM_GENERATE_MAX_CAPACITY 1000u
/** Largest conflicts per 1,000 students. */
#define MM_GENERATE_MAX_CONFLICTS 1000.0
/** Most quotas a generated document carries. */
#define MM_GENERATE_MAX_QUOTAS 100u
/** `ideas` or `mentors` derived, so that any size gets a realistic share
 * placed: one idea per 4 students (12 applications per idea at 3 each) and
 * 3 mentors per 5 ideas, ratios within those of the two Xen examples
 * (docs/commands.md, `generate`, Sizes that scale). */
#define MM_GENERATE_DERIVE ((size_t)-1)
/** Largest popularity skew and rating noise. */
#define MM_GENERATE_MAX_ZIPF 20.0
#define MM_GENERATE_MAX_NOISE 4.0

/** Whole numbers lo..hi, both included. */
typedef struct {
    unsigned lo, hi;
} mm_generate_range;

/**
 * What to generate. Initialise with MM_GENERATE_OPTIONS_INIT, whose values
 * are the defaults given here. Shares are numbers in [0, 1]: a probability
 * (multi_mentor, rating_density) is used to six decimal places, a share of
 * a count to nine. docs/commands.md (`generate`) describes the instance.
 */
typedef struct {
    size_t students;   /**< 200 */
    size_t ideas;      /**< MM_GENERATE_DERIVE: students / 4, rounded, at least `apps` (50 for 200) */
    size_t mentors;    /**< MM_GENERATE_DERIVE: ideas x 3/5, rounded, at least 1 when
                        *   there are ideas (30 for 50); given, at least 1 when there are ideas */
    size_t orgs;       /**< 5; 0: no orgs, ideas without an org */
    size_t apps;       /**< applications per student, to distinct ideas; 3; <= ideas */
    double zipf;       /**< popularity skew: P(idea of popularity rank r) ~ r^-zipf; 1; 0..20 */
    unsigned skills;   /**< size of the skill vocabulary; 20; 0..1000 */
    mm_generate_range student_skills; /**< skills per student; 2-5; hi <= 16 and <= skills */
    mm_generate_range idea_skills;    /**< skills an idea requires; 1-3; likewise */
    mm_generate_range student_levels; /**< a student's skill levels; 0-5; within 0..5 */
    mm_generate_range idea_levels;    /**< required levels; 1-5; within 1..5 */
    double multi_mentor;   /**< share of ideas with 2-3 mentors (of one org); 0.3 */
    double rating_density; /**< share of applications rated; 0.7 */
    double rating_noise;   /**< scores spread up to this far around the skill
                            *   match, in steps of 0.5 (rounded to one); 1; 0..4 */
    mm_generate_range capacity; /**< mentor capacity; 1-4, lo the most common; hi <= 1000 */
    mm_generate_range slots;    /**< idea slots; 1-2, lo for 3 ideas in 4; hi <= 1000 */
    double org_slots;      /**< an org's slots as a share of its ideas' slots; 0.8 */
    double min_load;       /**< at most this share of mentors (rounded down) gets
                            *   min_load 1, where clearly achievable; 1/128 */
    double program_slots;  /**< program.slots as a share of the students (rounded); 0.9 */
    double conflicts;      /**< conflicts per 1,000 students (rounded up); 1; 0..1000 */
    unsigned long long seed; /**< 1 */
    const char *name;      /**< program.name (UTF-8); "generated" */
    /* Student attributes and quotas (SPEC 1 and 7), drawn from a stream of
     * their own: without them the document is what it was before them. */
    size_t universities;   /**< a "university" for every student from a pool of this
                            *   many ("uni01", ..., zero-padded); 0: no such attribute; 0 */
    double university_zipf; /**< P(university of rank r) ~ r^-university_zipf; 1; 0..20 */
    double first_time;     /**< share of students with "first_time": true, the others
                            *   false; negative: no such attribute; -1 */
    const mm_quota_spec *quotas; /**< written as given, in order; an id NULL is "q1",
                                  *   "q2", ... by position; NULL */
    size_t n_quotas;       /**< 0; at most MM_GENERATE_MAX_QUOTAS */
} mm_generate_options;

#define MM_GENERATE_OPTIONS_INIT                                                                   \
    {200, MM_GENERATE_DERIVE, MM_GENERATE_DERIVE, 5, 3, 1.0, 20, {2, 5}, {1, 3}, {0, 5}, {1, 5},  \
     0.3, 0.7, 1.0, {1, 4}, {1, 2}, 0.8, 0.0078125, 0.9, 1.0, 1, "generated", 0, 1.0, -1.0, NULL, 0}

/**
 * Check options without generating.
 * @param opts the options, or NULL for the defaults (which are valid)
 * @param why where a one-line, lower-case reason goes when they are not
 *            valid; may be NULL
 * @param size bytes at `why`
 * @return 0 or MM_EINVALID (a size above MM_GENERATE_MAX_COUNT or
 *         MM_GENERATE_MAX_APPLICATIONS too, refused before any allocation)
 */
MM_EXTERN int mm_generate_check(const mm_generate_options *opts, char *why, size_t size);

/**
 * Write a random input document (SPEC section 1) to `out`: valid, without
 * warnings, and feasible (no fixed or forbidden pairs, no thresholds;
 * min_load only where a matching that meets it is known to exist). Ids are
 * ASCII ("s001", "idea01", "m01", "org1"). The same options give the same
 * bytes on every platform with IEEE-754 doubles.
 *
 * @param opts what to generate, or NULL for the defaults
 * @param out where the JSON goes; it is flushed, not closed
 * @return 0, MM_EINVALID (see mm_generate_check), MM_ENOMEM or MM_EIO (a
 *         write failed; part of the document may have been written)
 */
MM_EXTERN int mm_generate(const mm_generate_options *opts, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
