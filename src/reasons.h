/* Short, plain reasons why a student is unassigned. */
#ifndef MM_REASONS_H
#define MM_REASONS_H

#include "result.h"
#include "strbuf.h"

/* A new string (caller frees with mm_free), or NULL when out of memory.
 * `result` must have its loads and fills counted. */
char *mm_unassigned_reason(const mm_result *result, uint32_t student);

/* Why an ineligible application is (" forbidden", " rank 4 above max_rank 3", ...). */
void mm_describe_ineligible(const mm_problem *p, const mm_application *app, mm_strbuf *sb);

/* The threshold causes of an ineligible application (unrated, min_rating,
 * min_skill), each after `sep`, the value with the digits that show it
 * below the threshold ("skill 0.0999 below min_skill 0.1"). */
void mm_describe_thresholds(const mm_problem *p, const mm_application *app, const char *sep,
                            mm_strbuf *sb);

/* What was full in an allocation, for an application that was not made
 * (explain and preview share it). */
typedef struct {
    const int64_t *mentor_load, *idea_filled, *org_filled; /* per mentor, idea, org */
    size_t assigned;
    const int64_t *cell_count; /* per quota cell; NULL: quotas not counted */
} mm_fill;

typedef struct {
    int idea_full, mentors_full, org_full, program_full;
    uint32_t quota_cell; /* a quota cell at its max that blocks every free mentor, or MM_NONE */
} mm_blocks;

/* The quota cell at its max that keeps application `app` from every mentor
 * with room, or MM_NONE (also when cell_count is NULL). */
uint32_t mm_quota_blocking(const mm_problem *p, const int64_t *mentor_load,
                           const int64_t *cell_count, uint32_t app);
/* "quota \"uni-cap\" at its max 1 (org \"xen\", value \"MIT\")" */
void mm_describe_quota_block(const mm_problem *p, uint32_t cell, mm_strbuf *sb);
/* "quota \"first-timers\" at its min 6 (value true)": a cell held at its min. */
void mm_describe_quota_min(const mm_problem *p, uint32_t cell, mm_strbuf *sb);

/* Mark what blocks application `app` in the allocation `fill`: the idea's
 * slots, every mentor free of conflict at capacity, its org's slots, the
 * program's. */
void mm_blocks_mark(const mm_problem *p, const mm_fill *fill, uint32_t app, mm_blocks *out);
/* The marks in words, each after "; " ("idea filled; org \"xen\" slots
 * used"); nothing when nothing is full. @return how many were written. */
int mm_blocks_describe(const mm_problem *p, const mm_blocks *b, uint32_t app, mm_strbuf *sb);

#endif
