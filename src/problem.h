/* The in-memory problem: flat arrays in input order, ids interned.
 * Index i of every array is element i of the matching input array, so a
 * place such as "students[3].applications[1]" can always be rebuilt. */
#ifndef MM_PROBLEM_H
#define MM_PROBLEM_H

#include <stdint.h>

#include "arena.h"
#include "hashmap.h"
#include "mentormatch/problem.h"

#define MM_NONE UINT32_MAX   /* an unresolved or absent reference */
#define MM_NO_LIMIT INT64_MAX /* an absent slots cap */

enum { MM_W_RATING, MM_W_PREFERENCE, MM_W_SKILL, MM_W_IMPACT, MM_COMPONENTS };

typedef enum { MM_OBJ_COUNT_THEN_SCORE, MM_OBJ_SCORE } mm_objective;

/* Why an application may not be assigned (SPEC 4); a bit set. */
enum {
    MM_INELIGIBLE_FORBIDDEN = 1 << 0,
    MM_INELIGIBLE_MAX_RANK = 1 << 1,
    MM_INELIGIBLE_MIN_RATING = 1 << 2,
    MM_INELIGIBLE_UNRATED = 1 << 3,
    MM_INELIGIBLE_MIN_SKILL = 1 << 4,
    MM_INELIGIBLE_CONFLICTS = 1 << 5
};

typedef struct {
    double weights[MM_COMPONENTS];
    mm_objective objective;
    double rating_lo, rating_hi;
    int has_default_rating, has_min_rating, has_min_skill, has_max_rank;
    double default_rating, min_rating, min_skill;
    int64_t max_rank;
} mm_settings;

typedef struct {
    const char *id, *name;
    int64_t slots; /* MM_NO_LIMIT when absent */
} mm_org;

typedef struct {
    const char *id, *name;
    int64_t capacity, min_load;
} mm_mentor;

typedef struct {
    uint32_t skill;
    double level;
} mm_skill_level;

typedef struct {
    const char *id, *title;
    uint32_t org;                  /* MM_NONE when absent */
    uint32_t mentor_begin, mentor_count; /* into idea_mentors */
    uint32_t req_begin, req_count;       /* into levels */
    int64_t slots;
    int impact, size, knowledge;   /* 0 when absent */
} mm_idea;

typedef struct {
    const char *id, *name;
    uint32_t skill_begin, skill_count; /* into levels */
    uint32_t app_begin, app_count;     /* into apps */
    uint32_t attr_begin, attr_count;   /* into student_attrs */
} mm_student;

/* An attribute value (SPEC 1): distinct values are interned once, so two
 * values are equal exactly when their indices are (a string byte for byte,
 * a number by value; 1 and true differ). */
typedef enum { MM_VALUE_BOOL, MM_VALUE_NUMBER, MM_VALUE_TEXT } mm_value_type;

typedef struct {
    mm_value_type type;
    const char *text;  /* MM_VALUE_TEXT; may hold NUL bytes */
    size_t len;
    double number;     /* MM_VALUE_NUMBER; MM_VALUE_BOOL: 0 or 1 */
} mm_attr_value;

typedef struct {
    uint32_t attr, value; /* into attr_names and values */
} mm_student_attr;

typedef enum { MM_PER_PROGRAM, MM_PER_ORG, MM_PER_IDEA, MM_PER_MENTOR } mm_quota_per;

/* A quota of SPEC 7. */
typedef struct {
    const char *id;
    uint32_t attr;     /* into attr_names; MM_NONE when unreadable */
    uint32_t value;    /* into values; MM_NONE: every value of the attribute */
    mm_quota_per per;
    int64_t min, max;  /* 0 and MM_NO_LIMIT when not given */
    int has_min, has_max;
} mm_quota;

/* One unit and value a quota constrains: a row of the program and an entry
 * of the result. unit is an org, idea or mentor index (0 for the program). */
typedef struct {
    uint32_t quota, unit, value;
} mm_quota_cell;

typedef struct {
    uint32_t student, idea; /* idea is MM_NONE when unresolved */
    int64_t rank;           /* explicit or implied; 0 when invalid */
    int explicit_rank;
    double rating_sum;
    uint32_t rating_count;
    uint32_t fixed;         /* index into fixed[], or MM_NONE */
    int forbidden;
    /* Filled by scoring. */
    double components[MM_COMPONENTS];
    double score;
    unsigned ineligible;    /* MM_INELIGIBLE_* bits; 0: eligible */
} mm_application;

typedef struct {
    uint32_t mentor, student, idea; /* MM_NONE when unresolved */
    double score;
} mm_rating;

typedef struct {
    uint32_t mentor, student;
} mm_conflict;

typedef struct {
    uint32_t student, idea, mentor; /* mentor MM_NONE when not given */
    uint32_t app;                   /* the application, MM_NONE if none */
} mm_pair_rule;

struct mm_problem {
    mm_arena strings;
    const char *program_name;
    int64_t program_slots;
    mm_settings settings;

    mm_org *orgs;
    mm_mentor *mentors;
    mm_idea *ideas;
    mm_student *students;
    mm_application *apps;
    uint32_t *idea_mentors;
    mm_skill_level *levels;
    mm_rating *ratings;
    mm_conflict *conflicts;
    mm_pair_rule *fixed, *forbidden;
    const char **skill_names; /* lower-cased */
    mm_student_attr *student_attrs;
    const char **attr_names;  /* byte for byte as written */
    mm_attr_value *values;
    mm_quota *quotas;
    mm_quota_cell *cells;     /* mm_quota_cells: sorted by quota, unit, value */
    size_t n_orgs, n_mentors, n_ideas, n_students, n_apps, n_idea_mentors,
        n_levels, n_ratings, n_conflicts, n_fixed, n_forbidden, n_skills;
    size_t n_student_attrs, n_attrs, n_values, n_quotas, n_cells;

    mm_strmap org_ids, mentor_ids, idea_ids, student_ids, skill_ids;
    mm_strmap attr_ids, value_ids, quota_ids; /* value_ids: keys from mm_value_key */
    mm_u64map app_of_pair;      /* (student, idea) -> application */
    mm_u64map conflict_pairs;   /* (mentor, student) -> conflict */

    int64_t max_rank_seen;      /* K of SPEC 3 */
    uint32_t *students_by_id;   /* student indices sorted by id, bytewise */
};

/* A new empty problem with the default settings (SPEC 2). */
mm_problem *mm_problem_alloc(void);

int mm_problem_in_conflict(const mm_problem *p, uint32_t mentor, uint32_t student);
uint32_t mm_problem_find_app(const mm_problem *p, uint32_t student, uint32_t idea);
/* 1 when `mentor` is one of idea `idea`'s mentors. */
int mm_problem_idea_has_mentor(const mm_problem *p, uint32_t idea, uint32_t mentor);
/* How many attribute names some student carries (0 when out of memory). */
size_t mm_problem_attributes_carried(const mm_problem *p);
/* Sort students by id for the result document; 0 or MM_ENOMEM. */
int mm_problem_sort_students(mm_problem *p);

#endif
