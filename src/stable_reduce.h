/* What every stable matching must look like, found before any program is
 * solved: variables that are 0 in every stable matching ("dead"), and
 * students who are assigned, at least as well as some variable, in every
 * stable matching. Two rules, applied until nothing changes, each proved
 * for the blocking pairs of stability.h (docs/strategies.md, stable-optimal):
 *
 * R1. Let x = (s, i, m), s not fixed. In a stable matching where s holds
 *     nothing as good as x, x does not block, so some cap C of x is full
 *     with none of m's witnesses (her non-fixed students ranked below s, in
 *     C) and without s: its load comes from other students, none of them a
 *     witness. When for every cap of x fewer such students are alive than
 *     the cap holds, s holds x or better in every stable matching: s's
 *     variables worse than x are dead.
 * R2. Let y_t = (t, i, m) be the best alive variable of a non-fixed
 *     student t. If a non-fixed student s' ranked below t by m holds
 *     x' = (s', i', m), x' witnesses y_t in every cap of y_t that holds x';
 *     when y_t's other caps are closed (R1's count: they cannot fill
 *     without t or a witness), y_t does not block only if t holds it. So
 *     in a cap C of x' (its project, its (mentor, org) pair, its mentor),
 *     let T be the students t ranked above s' with y_t in C whose caps
 *     outside C are closed (none for the project; the idea for the pair;
 *     the idea and the org for the mentor). When |T| reaches the smallest
 *     cap holding C, x' would make one too many: x' is dead.
 *
 * They play the part of the deletions that reduce preference lists to the
 * "GS-lists" in Gale-Shapley and in SPA-student (Abraham, Irving and
 * Manlove 2007); as rules on counts they stay valid with shared caps. */
#ifndef MM_STABLE_REDUCE_H
#define MM_STABLE_REDUCE_H

#include "stability.h"

enum { MM_FAMILY_PROJECT, MM_FAMILY_GROUP, MM_FAMILY_MENTOR, MM_FAMILY_ALL, MM_FAMILIES };

/* Students of one kind per key, best first in the key's mentor's order. */
typedef struct {
    uint32_t *start, *items; /* CSR: items[start[k] .. start[k + 1]) */
    size_t n_keys;
} mm_buckets;

typedef struct {
    const mm_stability *st;
    unsigned char *alive;    /* per variable: not proved 0 in every stable matching */
    uint32_t *floor;         /* per student: every stable matching gives them this
                              * variable or a better one; MM_NONE when unknown */
    int no_stable;           /* proved: no stable matching exists */
    size_t passes, dead;
    /* State of the last pass, consistent with `alive` once reduced. */
    uint32_t *sorted;        /* variables in their mentor's order, best first */
    uint32_t *pref;          /* each student's variables, best first (the model's ranges) */
    unsigned char *flags;    /* per variable: the buckets it represents its student in */
    mm_buckets only[MM_FAMILIES]; /* per cap and mentor: students alive there with her only */
    mm_buckets best[MM_FAMILY_ALL]; /* R2: per project, (mentor, org) pair, mentor */
    uint32_t *alive_in[MM_FAMILIES]; /* students alive in each idea, org, mentor; [3][0]: all */
    int64_t *room[MM_FAMILIES]; /* per idea, org, mentor: the most it can hold given
                              * the alive students (stable_reduce.c, fill_rooms); [3]: scratch */
    unsigned char *group_seen; /* scratch: per (mentor, org) pair */
} mm_stable_reducer;

/* Apply R1 and R2 until nothing changes.
 * @return 0 or MM_ENOMEM; on failure *r is left disposable. */
int mm_stable_reduce(mm_stable_reducer *r, const mm_stability *st);
void mm_stable_reducer_dispose(mm_stable_reducer *r);

/* The caps of x (MM_CAP_* bits) that could still be full without s and
 * without any of m's witnesses for x, given the alive variables. */
unsigned mm_stable_open_caps(const mm_stable_reducer *r, uint32_t x);

/* The MM_CAP_* bit of a family's cap. */
unsigned mm_stable_cap_bit(int family);
/* The limit of x's cap in a family; MM_NO_LIMIT when it has none. */
int64_t mm_stable_limit(const mm_stability *st, int family, uint32_t x);
/* Whether variable u lies in x's cap of a family. */
int mm_stable_same_cap(const mm_stability *st, int family, uint32_t x, uint32_t u);

#endif
