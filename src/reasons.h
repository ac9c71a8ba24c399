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

#endif
