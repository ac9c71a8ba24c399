/* Score components and eligibility of every application (SPEC 3 and 4). */
#ifndef MM_SCORE_H
#define MM_SCORE_H

#include "problem.h"

/* Bounds on every number that enters a score (docs/input-format.md, "Number
 * bounds"). With |rating_scale ends|, |ratings|, |min_rating| and weights at
 * most MM_SCORE_INPUT_MAX, every component lies in [0, 1] and every score in
 * [0, 4e6]: a sum over any number of assignments stays finite, and the
 * network solver's integer costs (solve_network.c) round each score to a
 * unit of at most 2^-60 of the largest one: off by at most 2^-61 of it
 * (about 18 digits below the largest score, under 2e-12 in all). */
#define MM_SCORE_INPUT_MAX 1e6
/* hi - lo of the rating scale is at least this times max(1, |lo|, |hi|): a
 * rating then keeps 9 exact digits after (mean - lo) / (hi - lo), and the
 * threshold tolerance is at most a thousandth of the scale. */
#define MM_SCALE_MIN_SPAN 1e-6
/* A value fails min_rating or min_skill only when below it by more than
 * this (SPEC 4), so 0.6 / 6 meets 0.1 whatever the rounding. */
#define MM_THRESHOLD_TOLERANCE 1e-9

/* @return 1 when `value` fails the threshold: below it by more than the tolerance. */
int mm_below_threshold(double value, double threshold);

/* Fill components, score and the ineligible bits of every application.
 * Requires a validated problem. @return 0 or MM_ENOMEM. */
int mm_score(mm_problem *p);

/* The mean rating of an application on the rating scale, or the default;
 * @return 0 when neither exists. */
int mm_app_rating(const mm_problem *p, const mm_application *app, double *out);

#endif
