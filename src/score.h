/* Score components and eligibility of every application (SPEC 3 and 4). */
#ifndef MM_SCORE_H
#define MM_SCORE_H

#include "problem.h"

/* Fill components, score and the ineligible bits of every application.
 * Requires a validated problem. @return 0 or MM_ENOMEM. */
int mm_score(mm_problem *p);

/* The mean rating of an application on the rating scale, or the default;
 * @return 0 when neither exists. */
int mm_app_rating(const mm_problem *p, const mm_application *app, double *out);

#endif
