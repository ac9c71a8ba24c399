/* The builder's state, shared by its calls (build.c) and its finishing
 * (build_finish.c); and what it shares with other ways in (CSV import):
 * reading the record places that messages name, to map them elsewhere. */
#ifndef MM_BUILD_H
#define MM_BUILD_H

#include <jansson.h>
#include <stddef.h>

#include "hashmap.h"
#include "mentormatch/build.h"

/* The record arrays, in the document's order. */
enum { L_ORGS, L_MENTORS, L_IDEAS, L_STUDENTS, L_RATINGS, L_CONFLICTS, L_FIXED, L_FORBIDDEN,
       L_QUOTAS, N_LISTS };
extern const char *const MM_BUILD_LISTS[N_LISTS];

/* Program and settings members, in the document's order: weights in
 * mm_weight order, then the settings in mm_setting order. */
enum {
    F_NAME,
    F_SLOTS,
    F_WEIGHTS,
    F_OBJECTIVE = F_WEIGHTS + 4,
    F_SCALE,
    F_SETTINGS,
    N_FIELDS = F_SETTINGS + 4
};
typedef struct {
    const char *section, *group, *key; /* "settings", "weights", "rating" */
} mm_build_field;
extern const mm_build_field MM_BUILD_FIELDS[N_FIELDS];

struct mm_builder {
    json_t *lists[N_LISTS];
    json_t *fields[N_FIELDS]; /* NULL: not set */
    mm_strmap student_ids;    /* keys borrowed from the students' "id" values */
    mm_u64map app_call;       /* (student, position) -> its add_application call */
    size_t app_calls, attr_calls;
    mm_diags *early;          /* what the calls themselves got wrong */
    size_t suggest_budget;    /* "did you mean" work left (suggest.h) */
    int oom;
};

/* A place or reference "NAME[N]...": the length of NAME, N, and what
 * follows "]". @return 1 when `text` starts so, else 0. */
int mm_record_ref(const char *text, size_t *name_len, unsigned long *index, const char **rest);

/* A message that ends with a reference to another record, "(first at
 * mentors[0])" or "(at ratings[0])": the offset of "mentors[0]" in it.
 * @return 1 when it does. */
int mm_message_ref(const char *message, size_t *at);

#endif
