/* Stability in the sense of Abraham, Irving and Manlove (2007), "Two
 * algorithms for the Student-Project Allocation problem", generalised to
 * (idea, mentor) projects with ideas' slots, org and program caps shared
 * between mentors. The definition is in docs/strategies.md ("Blocking
 * pairs"); in short, variable x = (s, i, m) blocks when s is not held by a
 * fixed pair, s prefers x to what s has, and every cap of x that is full
 * (and does not already count s) is freed by dropping one non-fixed student
 * of m, lying in all those caps, whom m ranks below s. */
#ifndef MM_STABILITY_H
#define MM_STABILITY_H

#include "model.h"
#include "strategy_caps.h"

typedef struct {
    const mm_problem *p;
    const mm_model *m;
    double *key;          /* per variable: its mentor's rating of its student */
    uint32_t *id_pos;     /* per student: place in id order, the tie-break */
    uint32_t *project;    /* per variable: its (idea, mentor) pair, an index into p->idea_mentors */
    uint32_t *group;      /* per (idea, mentor) pair: its (mentor, org) pair */
    size_t n_groups;
    /* Scratch of mm_stability_count: loads, and the worst non-fixed holder
     * (a variable) of each project, (mentor, org) pair and mentor. */
    mm_caps caps;
    uint32_t *worst_project, *worst_group, *worst_mentor;
} mm_stability;

/* @return 0 or MM_ENOMEM; on failure *st is left disposable. */
int mm_stability_init(mm_stability *st, const mm_problem *p, const mm_model *m);
void mm_stability_dispose(mm_stability *st);

/* Non-zero when the mentor of variables a and b ranks a's student below
 * b's: a lower key, or an equal key and a later student id. */
int mm_stability_worse(const mm_stability *st, uint32_t a, uint32_t b);

/* Non-zero when a student prefers their variable a to their variable b:
 * a better idea rank, or the same idea and an earlier mentor. */
int mm_stability_prefers(const mm_stability *st, uint32_t a, uint32_t b);

/* The caps (MM_CAP_* bits) that hold both variables x and y; 0 when y is
 * MM_NONE. A student leaving y frees a place in each of them. */
unsigned mm_stability_common_caps(const mm_stability *st, uint32_t x, uint32_t y);

/* @return the number of blocking pairs of `chosen`; the first `max` of them
 * (variables, increasing) go to `list` unless it is NULL. O(variables). */
size_t mm_stability_count(mm_stability *st, const unsigned char *chosen, uint32_t *list,
                          size_t max);

/* The same in one call, for metrics.
 * @param[out] out the number of blocking pairs
 * @return 0 or MM_ENOMEM */
int mm_blocking_pairs(size_t *out, uint32_t *list, size_t max, const mm_problem *p,
                      const mm_model *m, const unsigned char *chosen);

#endif
