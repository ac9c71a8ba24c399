/* The loads of every cap of the model (student, idea, mentor, org, program)
 * as a heuristic strategy takes and gives back variables, and the fixed
 * pairs placed first. Shared by greedy, rsd and stable, so the three agree
 * on what "a cap allows" means. */
#ifndef MM_STRATEGY_CAPS_H
#define MM_STRATEGY_CAPS_H

#include "model.h"
#include "result.h"

typedef struct {
    const mm_problem *p;
    const mm_model *m;
    int64_t *idea_load, *mentor_load, *org_load, total;
    uint32_t *current;      /* per student: the variable taken, or MM_NONE */
    unsigned char *fixed;   /* per student: has a fixed pair, so never moves */
    size_t unmet_fixed;     /* fixed pairs no cap allowed */
    /* Quota rows (family 7), counted once mm_caps_use_quotas is called. */
    int quotas;
    uint32_t *var_row_begin, *var_rows; /* per variable: its quota rows (CSR) */
    int64_t *row_load;                  /* per model row */
} mm_caps;

/* Which caps a variable's idea, mentor, org and the program put on it. */
enum { MM_CAP_IDEA = 1, MM_CAP_MENTOR = 2, MM_CAP_ORG = 4, MM_CAP_PROGRAM = 8, MM_CAP_QUOTA = 16 };

/* All loads zero, no student assigned. @return 0 or MM_ENOMEM. */
int mm_caps_init(mm_caps *c, const mm_problem *p, const mm_model *m);
void mm_caps_dispose(mm_caps *c);
/* Count the model's quota rows too: a quota's max is then a cap
 * (MM_CAP_QUOTA) and its min a lower bound mm_caps_status checks. Greedy
 * and rsd call it; stable refuses quotas. @return 0 or MM_ENOMEM. */
int mm_caps_use_quotas(mm_caps *c);
/* Back to all loads zero and no student assigned. */
void mm_caps_clear(mm_caps *c);

/* The caps of variable v that are at least full (over: above their limit)
 * as a set of MM_CAP_* bits; 0 when all have room. */
unsigned mm_caps_full(const mm_caps *c, uint32_t v, int over);
/* Non-zero when v's student is free to take a variable: unassigned and not
 * held by a fixed pair. */
int mm_caps_student_free(const mm_caps *c, uint32_t v);
/* Take or give back v, marking it in `chosen` unless that is NULL. */
void mm_caps_take(mm_caps *c, unsigned char *chosen, uint32_t v);
void mm_caps_release(mm_caps *c, unsigned char *chosen, uint32_t v);

/* Place the fixed pairs in input order: with their mentor when one is
 * given, else with the first of the idea's mentors whose caps allow; a
 * fixed pair no cap allows is counted in unmet_fixed and left out. */
void mm_caps_place_fixed(mm_caps *c, unsigned char *chosen);

/* FEASIBLE when every fixed pair, min_load and (counted) quota min holds,
 * else INFEASIBLE. */
mm_status mm_caps_status(const mm_caps *c);

#endif
