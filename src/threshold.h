/* CONTRACT between the two issue-15 engineers (thresholds: `iss15-thresholds`;
 * pages: `iss15-pages`). The thresholds engineer owns src/threshold*.c and this
 * header (copy it to src/threshold.h on your branch; you may add fields/functions,
 * but keep these names and meanings so the pages engineer can build against it).
 *
 * Exact rating thresholds (design: /work/wt/issue15-design.md sections 1-4).
 * For an application a = (s, i), holding every other score fixed, the optimum as
 * a function of a's score shift d is opt(d) = max(A, B + d): A best without a,
 * B best with a. */
#ifndef MM_THRESHOLD_H
#define MM_THRESHOLD_H

#include "model.h"
#include "problem.h"

typedef enum {
    MM_THRESHOLD_NONE = 0,   /* not computed: not requested, or no variable */
    MM_THRESHOLD_NEEDS,      /* not placed: comes at a score rise >= delta (tie at ==) */
    MM_THRESHOLD_NEVER,      /* not placed: no score brings it (it costs an assignment
                              * under count-then-score, or needs more than `cutoff`) */
    MM_THRESHOLD_STAYS,      /* placed: stays while its score drops by < delta (tie at ==) */
    MM_THRESHOLD_ALWAYS,     /* placed: stays whatever its score */
    MM_THRESHOLD_FIXED,      /* a fixed pair (placed by the organizer) */
    MM_THRESHOLD_INELIGIBLE  /* not eligible for a reason no rating changes (forbidden,
                              * max_rank, min_skill, every mentor in conflict, fixed
                              * elsewhere) */
} mm_threshold_kind;

typedef struct {
    mm_threshold_kind kind;
    unsigned char exact;     /* 0: delta is only a proven bound (budget ran out) */
    unsigned char costs_assignment; /* NEVER/ALWAYS because the count would change */
    double delta;            /* score units, >= 0 */
    uint32_t tie_app;        /* NEEDS: an application an as-good allocation moves out of
                              * the idea to make room (the displaced student); STAYS: the
                              * application that would take the place; MM_NONE if none */
    /* Added: the application is ineligible today only for min_rating (or unrated
     * under min_rating): delta is for the pair made eligible at today's score;
     * mm_threshold_rating adds the rating that makes it eligible. */
    unsigned char below_min_rating;
} mm_threshold;

typedef struct {
    const unsigned char *want_idea; /* per idea (p->n_ideas): compute for its
                                     * applications; NULL: every application */
    double cutoff;                  /* > 0: rises/drops beyond it are NEVER/ALWAYS */
    double time_budget;             /* seconds for GLPK re-solves (0: none) */
} mm_threshold_options;

typedef struct {
    int exact_class;          /* the flow is the model: no re-solve was needed */
    size_t searches, resolves;
    double seconds;
    /* Added: */
    const char *why_not;      /* !exact_class: what the flow relaxes (or "no flow") */
    size_t settled;           /* nodes settled by all searches */
    size_t certified;         /* non-exact class: answers proven by a relaxed cycle
                               * that breaks no row (no re-solve) */
    size_t pruned;            /* non-exact class: never/always proven by the relaxed bound */
    size_t bounded;           /* answers left inexact (time_budget ran out) */
} mm_threshold_stats;

/* Thresholds of every requested application against the base optimum `chosen`
 * (per variable, the allocation the page shows as "now"; placed/not placed is
 * read from it). `score` per variable; count_first: the count-then-score objective.
 * m must be mm_model_build(p) (pairs below min_rating are rebuilt from p).
 * A preview passes cutoff = weights.rating, the most a rating moves a score.
 * The flow's searches run on two threads (nothing else is shared; GLPK
 * re-solves stay on the calling thread).
 * @param[out] out p->n_apps entries
 * @return 0, MM_ENOMEM, MM_EINTERNAL */
int mm_thresholds(const mm_problem *p, const mm_model *m, const double *score, int count_first,
                  const unsigned char *chosen, const mm_threshold_options *opts,
                  mm_threshold *out, mm_threshold_stats *stats);

/* One threshold in one mentor's own rating units (section 1 of the design:
 * the mean with this mentor's rating r, clipped to the rating scale, min_rating). */
typedef enum {
    MM_RATING_NEEDS,        /* "needs your rating of at least `rating`" */
    MM_RATING_STAYS_ABOVE,  /* "stays while your rating is at least `rating`" */
    MM_RATING_CANNOT,       /* no rating of yours can bring this student here */
    MM_RATING_STAYS_ALWAYS, /* stays whatever your rating */
    MM_RATING_ANY,          /* any rating of yours brings the student (only if unrated) */
    MM_RATING_FIXED,
    MM_RATING_NOT_ELIGIBLE,
    MM_RATING_NO_WEIGHT,    /* weights.rating is 0: ratings move nothing (with min_rating
                             * set, a placed student that leaves below the eligible rating
                             * is STAYS_ABOVE it, and one that only becomes eligible is
                             * CANNOT, or NO_WEIGHT where it would be a tie at any rating) */
    MM_RATING_UNKNOWN       /* added: th->kind was MM_THRESHOLD_NONE (not computed) */
} mm_rating_threshold_kind;

typedef struct {
    mm_rating_threshold_kind kind;
    double rating;          /* the exact threshold on the rating scale */
    double shown;           /* rounded so the sentence stays true: up for NEEDS/STAYS_ABOVE,
                             * to a multiple of `step`, within the scale (down for a NEEDS
                             * that is only a lower bound, !exact) */
    double step;            /* 0.01, or finer on a scale narrower than 1 (mm_rating_step) */
    unsigned char exact;
    unsigned char tie;      /* at exactly `rating` an allocation as good exists either way */
} mm_rating_threshold;

void mm_threshold_rating(const mm_problem *p, uint32_t app, uint32_t mentor,
                         const mm_threshold *th, mm_rating_threshold *out);

/* Added: the same with the mentor's own rating given (rated: 1 and `own`;
 * 0: the mentor has not rated the pair), for callers holding an index of the
 * ratings (mm_threshold_rating scans p->ratings: O(ratings) a call). */
void mm_threshold_rating_known(const mm_problem *p, uint32_t app, int rated, double own,
                               const mm_threshold *th, mm_rating_threshold *out);

/* Added (issue 16, explain): the same in the application's mean rating over
 * its raters (what every rater would have to give), not one mentor's own:
 * `rating` is the mean at which the score has moved by th->delta (an
 * unrated application: the rating that replaces default_rating or 0). */
void mm_threshold_mean_rating(const mm_problem *p, uint32_t app, const mm_threshold *th,
                              mm_rating_threshold *out);

/* The step thresholds are rounded to: 0.01 on a rating scale of width 1
 * or more, a tenth as much for every further tenth of width ([0, 0.1]: 0.001),
 * so that a rounded threshold never leaves or blurs a narrow scale. */
double mm_rating_step(double lo, double hi);

/* Added: the mentor's own rating of an application. @return 1 and *own, or 0. */
int mm_mentor_rating(const mm_problem *p, uint32_t app, uint32_t mentor, double *own);

#endif
