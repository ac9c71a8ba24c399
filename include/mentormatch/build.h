/**
 * Building a problem through function calls instead of a JSON document.
 *
 * A builder collects records in the order they are added; mm_builder_finish
 * then reads, validates and scores them exactly as mm_problem_read_buffer
 * does a document, with the same rules and the same messages. Nothing is
 * checked when a record is added: every problem is reported by
 * mm_builder_finish, all of them, each at a place that names the call:
 *
 *  - `mentors[3]` is the fourth mentor added, `mentors[3].capacity` its
 *    capacity; likewise `orgs[k]`, `ideas[k]`, `students[k]`, `ratings[k]`,
 *    `conflicts[k]`, `fixed[k]`, `forbidden[k]` and `quotas[k]`;
 *  - `applications[k]` is the (k+1)-th call of mm_builder_add_application,
 *    counting calls for every student together;
 *  - `ideas[2].mentors[1]`, `students[0].skills.c`: an element of a list
 *    passed in one call;
 *  - `students[2].attributes.university`: an attribute set on a student;
 *    `attributes[k]` is the (k+1)-th call of mm_builder_set_attribute when
 *    the call itself is wrong (a student never added);
 *  - `program.slots`, `settings.weights.rating`, `settings.min_skill`: the
 *    program and settings.
 *
 *     mm_builder *b = NULL;
 *     const char *mentors[] = {"ann"};
 *     mm_idea_spec idea = MM_IDEA_SPEC_INIT;
 *     mm_builder_new(&b);
 *     mm_builder_add_mentor(b, "ann", NULL, 2, MM_UNSET);
 *     idea.id = "drivers";
 *     idea.mentors = mentors;
 *     idea.n_mentors = 1;
 *     mm_builder_add_idea(b, &idea);
 *     mm_builder_add_student(b, "kim", NULL, NULL, 0);
 *     mm_builder_add_application(b, "kim", "drivers", MM_UNSET);
 *     if (mm_builder_finish(&problem, b, diags) == 0) ...
 *     mm_builder_free(b);
 *
 * Strings are copied: the caller's may be freed once a call returns. Every
 * function returns 0, MM_ENOMEM (the record may be lost, and
 * mm_builder_finish will fail with MM_ENOMEM too) or MM_EINVALID when the
 * builder itself is NULL.
 */
#ifndef MENTORMATCH_BUILD_H
#define MENTORMATCH_BUILD_H

#include <limits.h>
#include <stdio.h>

#include "common.h"
#include "problem.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An input document under construction. */
typedef struct mm_builder mm_builder;

/** An integer argument left out: the field takes its default (or none). */
#define MM_UNSET LLONG_MIN

/** One skill and its level: a student's (0..5) or an idea's requirement (0 < level <= 5). */
typedef struct {
    const char *name;
    double level;
} mm_skill;

/** An idea. Initialise with MM_IDEA_SPEC_INIT, then set what you have. */
typedef struct {
    const char *id;
    const char *title;                /**< NULL: none */
    const char *org;                  /**< the org's id; NULL: no org */
    const char *const *mentors;       /**< ids of its mentors, at least one */
    size_t n_mentors;
    long long slots;                  /**< MM_UNSET: 1 */
    const mm_skill *required_skills;  /**< the skill levels it needs */
    size_t n_required_skills;
    long long size, knowledge, impact; /**< 1..5; MM_UNSET: none */
} mm_idea_spec;

#define MM_IDEA_SPEC_INIT                                                                         \
    {NULL, NULL, NULL, NULL, 0, MM_UNSET, NULL, 0, MM_UNSET, MM_UNSET, MM_UNSET}

/** The type of an attribute value (SPEC 1: a string, a number or a boolean). */
typedef enum {
    MM_ATTRIBUTE_NONE,    /**< no value: a quota then counts every value */
    MM_ATTRIBUTE_TEXT,
    MM_ATTRIBUTE_NUMBER,
    MM_ATTRIBUTE_BOOLEAN
} mm_attribute_type;

/** An attribute value: set the member its type names. */
typedef struct {
    mm_attribute_type type;
    const char *text;   /**< MM_ATTRIBUTE_TEXT: compared byte for byte */
    double number;      /**< MM_ATTRIBUTE_NUMBER: compared by value */
    int boolean;        /**< MM_ATTRIBUTE_BOOLEAN: 0 false, else true */
} mm_attribute_value;

/** A quota (SPEC 7). Initialise with MM_QUOTA_SPEC_INIT, then set what you have. */
typedef struct {
    const char *id;
    const char *attribute;    /**< the attribute counted, non-empty */
    mm_attribute_value value; /**< MM_ATTRIBUTE_NONE: every value separately */
    const char *per;          /**< "program" (NULL: the default), "org", "idea", "mentor" */
    long long min, max;       /**< >= 0, at least one; MM_UNSET: none */
} mm_quota_spec;

#define MM_QUOTA_SPEC_INIT {NULL, NULL, {MM_ATTRIBUTE_NONE, NULL, 0, 0}, NULL, MM_UNSET, MM_UNSET}

/** The four components of the score, whose weights settings give. */
typedef enum {
    MM_WEIGHT_RATING,
    MM_WEIGHT_PREFERENCE,
    MM_WEIGHT_SKILL,
    MM_WEIGHT_IMPACT
} mm_weight;

/** The settings that are "not set" unless given. */
typedef enum {
    MM_SETTING_DEFAULT_RATING, /**< the rating of an unrated application */
    MM_SETTING_MIN_RATING,     /**< lowest rating an eligible application has */
    MM_SETTING_MIN_SKILL,      /**< lowest skill component, 0..1 */
    MM_SETTING_MAX_RANK        /**< worst rank that is eligible (an integer) */
} mm_setting;

/**
 * Start an empty document: no program, default settings, no records.
 * @param[out] out the builder, owned by the caller (mm_builder_free)
 * @return 0 or MM_ENOMEM
 */
MM_EXTERN int mm_builder_new(mm_builder **out);

/** Free a builder; NULL is accepted. Problems it finished are not affected. */
MM_EXTERN void mm_builder_free(mm_builder *b);

/**
 * Set the program: its name (NULL: none) and `slots`, the cap on all
 * assignments (MM_UNSET: no cap). A second call replaces the first.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_set_program(mm_builder *b, const char *name, long long slots);

/**
 * Set one score weight (default: rating 1, preference 1, skill 1, impact 0).
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_set_weight(mm_builder *b, mm_weight which, double weight);

/**
 * Set the objective, spelled as in the document: "count-then-score" (the
 * default) or "score"; any other text is reported by mm_builder_finish.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_set_objective(mm_builder *b, const char *objective);

/**
 * Set the rating scale, the lowest and highest score a mentor gives
 * (default 1 and 5).
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_set_rating_scale(mm_builder *b, double lo, double hi);

/**
 * Set one of the settings that are otherwise not set.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_set_setting(mm_builder *b, mm_setting which, double value);

/**
 * Add an org: its id, name (NULL: none) and `slots`, the cap on the
 * assignments to its ideas (MM_UNSET: no cap).
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_org(mm_builder *b, const char *id, const char *name,
                                 long long slots);

/**
 * Add a mentor: id, name (NULL: none), capacity (MM_UNSET: 1) and min_load
 * (MM_UNSET: 0).
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_mentor(mm_builder *b, const char *id, const char *name,
                                    long long capacity, long long min_load);

/**
 * Add an idea. Its mentors and org are referred to by id; they may be added
 * before or after it.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_idea(mm_builder *b, const mm_idea_spec *idea);

/**
 * Add a student with a name (NULL: none) and `n_skills` skills (NULL, 0:
 * none). The student starts with no applications.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_student(mm_builder *b, const char *id, const char *name,
                                     const mm_skill *skills, size_t n_skills);

/**
 * Add an application of the student `student`, who must have been added
 * already, to `idea`, after the student's earlier ones. `rank` is 1 for a
 * first choice; MM_UNSET: the order of the student's applications is the
 * rank (a student ranks all applications or none).
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_application(mm_builder *b, const char *student, const char *idea,
                                         long long rank);

/**
 * Add a mentor's rating `score` of the application (student, idea); a NAN
 * score is left out, and reported as missing.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_rating(mm_builder *b, const char *mentor, const char *student,
                                    const char *idea, double score);

/**
 * Add a conflict: `mentor` may not lead `student`.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_conflict(mm_builder *b, const char *mentor, const char *student);

/**
 * Fix the application (student, idea): it must be assigned, led by
 * `mentor` (NULL: any of the idea's mentors).
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_fixed(mm_builder *b, const char *student, const char *idea,
                                   const char *mentor);

/**
 * Forbid the pair (student, idea): it must not be assigned.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_forbidden(mm_builder *b, const char *student, const char *idea);

/**
 * Set attribute `name` of the student `student`, who must have been added
 * already, to `value` (not MM_ATTRIBUTE_NONE); a second call with the same
 * name replaces the value. Names compare byte for byte.
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_set_attribute(mm_builder *b, const char *student, const char *name,
                                       mm_attribute_value value);

/**
 * Add a quota: in each unit of `per`, the number of assigned students whose
 * attribute has the value (or each value) lies within [min, max].
 * @return 0, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_add_quota(mm_builder *b, const mm_quota_spec *quota);

/**
 * Read, validate and score what was added, as mm_problem_read_buffer does a
 * document. Every problem goes to `diags` at a place naming its call (see
 * above). The builder is left as it was: more records may be added and the
 * problem finished again.
 * @param[out] out the problem, owned by the caller (mm_problem_free); NULL on failure
 * @param diags where errors and warnings go; must not be NULL
 * @return 0, MM_EINVALID or MM_ENOMEM
 */
MM_EXTERN int mm_builder_finish(mm_problem **out, const mm_builder *b, mm_diags *diags);

/**
 * Write the input document (SPEC section 1) the calls describe, one record
 * a line, keys in the order of docs/input-format.md. Fields left out stay
 * out; empty optional arrays and an empty program or settings are left out.
 * Numbers are written in the shortest form that reads back the same.
 * Nothing is validated: a document with errors is written as it is, but
 * for what a call could not record (an application of a student never
 * added, a number that is not finite, text that is not UTF-8).
 * @param out where the JSON goes; it is flushed, not closed
 * @return 0, MM_EIO when writing failed, MM_ENOMEM or MM_EINVALID
 */
MM_EXTERN int mm_builder_write_json(const mm_builder *b, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
