/* stable-optimal on hospitals/residents instances (the shape of
 * stable_hr.h), combinatorially: the best stable matching is a
 * maximum-weight closure of the rotation poset (Irving, Leather and
 * Gusfield, "An efficient algorithm for the optimal stable marriage",
 * Journal of the ACM 34(3), 1987; D. Gusfield and R. W. Irving, The Stable
 * Marriage Problem: Structure and Algorithms, MIT Press 1989, chapter 3).
 *
 * Each mentor is cloned into one place per unit of her places (at most her
 * applicants), ranked one after the other by each student (Gusfield and
 * Irving section 1.6.5). Gale-Shapley from both sides gives the
 * student-optimal and mentor-optimal matchings and the GS-lists; walking
 * from the first to the second (the minimal-differences algorithm, section
 * 3.2) finds every rotation, and the two rules of section 3.3 its
 * predecessors. A rotation weighs the score its students gain (or lose)
 * when it is eliminated; the same students are matched in every stable
 * matching (the rural hospitals theorem), so the count never changes.
 * Scores are scaled to integers (2^40 for the largest), so the cut is
 * exact up to that resolution. Of the best stable matchings, the closure
 * found is the smallest: the one every student likes at least as well as
 * any other best one. O(pairs) besides the cut. */
#ifndef MM_STABLE_ROTATION_H
#define MM_STABLE_ROTATION_H

#include "stability.h"

/* The best stable matching by score (NULL: every variable scores 1), into
 * chosen (per variable), given each mentor's places (mm_stable_hr_places).
 * @param[out] n_rotations (unless NULL) how many rotations the poset has
 * @return 0, MM_ENOMEM, or MM_EINTERNAL (not hospitals/residents after all:
 *         the caller solves another way) */
int mm_stable_rotation_solve(const mm_stability *st, const int64_t *places, const double *score,
                             unsigned char *chosen, size_t *n_rotations);

#endif
