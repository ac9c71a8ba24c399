/* Score thresholds in a mentor's own rating units (threshold.h). */
#include "threshold.h"

#include <math.h>
#include <string.h>

#include "score.h"

int mm_mentor_rating(const mm_problem *p, uint32_t app, uint32_t mentor, double *own)
{
    const mm_application *a = &p->apps[app];

    for (size_t k = 0; k < p->n_ratings; k++) {
        const mm_rating *r = &p->ratings[k];
        if (r->mentor == mentor && r->student == a->student && r->idea == a->idea) {
            *own = r->score;
            return 1;
        }
    }
    return 0;
}

typedef struct {
    double others;  /* sum of the other mentors' ratings */
    double raters;  /* raters once this mentor's rating counts */
    double now;     /* the rating component today */
    double lo, hi, w;
} rating_line;

/* The mentor's rating at which the score moves by `shift` from today's. */
static double rating_at(const rating_line *l, int rated, double own, double shift)
{
    if (rated) /* score(r) = score_now + w (r - own) / (raters (hi - lo)) */
        return own + shift * l->raters * (l->hi - l->lo) / l->w;
    return l->raters * (l->lo + (l->hi - l->lo) * (l->now + shift / l->w)) - l->others;
}

/* The least rating of this mentor's that meets min_rating (SPEC 4: a mean
 * below it by no more than the tolerance meets it), as the scoring tests it. */
static double least_eligible(const mm_problem *p, const rating_line *l)
{
    double min = p->settings.min_rating;
    double r = l->raters * (min - MM_THRESHOLD_TOLERANCE) - l->others;

    for (int k = 0; k < 64 && mm_below_threshold((l->others + r) / l->raters, min); k++)
        r = nextafter(r, HUGE_VAL);
    for (int k = 0; k < 64; k++) {
        double below = nextafter(r, -HUGE_VAL);
        if (mm_below_threshold((l->others + below) / l->raters, min))
            break;
        r = below;
    }
    return r;
}

/* 10^decimals, decimals = 2 for a width >= 1, one more per tenth below. */
static double step_scale(double lo, double hi)
{
    double width = hi - lo, scale = 100;

    for (int k = 0; k < 13 && width * scale < 100; k++)
        scale *= 10;
    return scale;
}

double mm_rating_step(double lo, double hi)
{
    return 1 / step_scale(lo, hi);
}

/* Rounded up to the step (a hair of rounding noise aside), within the
 * scale; divided by a power of ten, so it prints as the short decimal. */
static double shown_up(double r, double lo, double hi)
{
    double scale = step_scale(lo, hi), up = ceil(r * scale - 1e-6) / scale;

    return up > hi ? hi : up < lo ? lo : up;
}

/* Rounded down to the step, within the scale. */
static double shown_down(double r, double lo, double hi)
{
    double scale = step_scale(lo, hi), down = floor(r * scale + 1e-6) / scale;

    return down > hi ? hi : down < lo ? lo : down;
}

static void rating_kind(mm_rating_threshold *out, mm_rating_threshold_kind kind, double rating,
                        int tie)
{
    out->kind = kind;
    out->rating = rating;
    out->tie = (unsigned char)tie;
}

/* Not placed: it comes at `need` (a tie there when `tie`). */
static void needs(mm_rating_threshold *out, const rating_line *l, int rated, double need, int tie)
{
    double slack = 1e-12 * (l->hi - l->lo);

    if (need > l->hi + slack)
        rating_kind(out, MM_RATING_CANNOT, 0, 0);
    else if (need < l->lo - slack && !rated)
        rating_kind(out, MM_RATING_ANY, l->lo, 0);
    else
        rating_kind(out, MM_RATING_NEEDS, need < l->lo ? l->lo : need > l->hi ? l->hi : need,
                    tie);
}

/* Placed: it leaves below `stay` (a tie there when `tie`). */
static void stays(mm_rating_threshold *out, const rating_line *l, double stay, int tie)
{
    double slack = 1e-12 * (l->hi - l->lo);

    if (stay < l->lo - slack || (stay <= l->lo && !tie))
        rating_kind(out, MM_RATING_STAYS_ALWAYS, l->lo, 0);
    else
        rating_kind(out, MM_RATING_STAYS_ABOVE, stay < l->lo ? l->lo : stay, tie);
}

/* weights.rating 0: only min_rating can make a rating matter, and only by
 * making the pair eligible or not; where the answer is a tie at every
 * rating it stays NO_WEIGHT. */
static void no_weight(const mm_problem *p, const mm_threshold *th, const rating_line *l,
                      mm_rating_threshold *out)
{
    int elig = p->settings.has_min_rating;
    double r_elig = elig ? least_eligible(p, l) : l->lo;
    int strict = th->kind == MM_THRESHOLD_ALWAYS ||
                 ((th->kind == MM_THRESHOLD_STAYS || th->kind == MM_THRESHOLD_NEEDS) &&
                  th->delta > 0);

    rating_kind(out, MM_RATING_NO_WEIGHT, 0, 0);
    if (th->below_min_rating && strict)
        rating_kind(out, MM_RATING_CANNOT, 0, 0);
    else if ((th->kind == MM_THRESHOLD_STAYS || th->kind == MM_THRESHOLD_ALWAYS) && strict &&
             elig && r_elig > l->lo)
        stays(out, l, r_elig, 0);
}

/* One threshold on the line l: a rating r, with the mean (others + r) /
 * raters (rated: r replaces `own`). */
static void on_line(const mm_problem *p, rating_line l, int rated, double own,
                    const mm_threshold *th, mm_rating_threshold *out)
{
    const mm_settings *set = &p->settings;
    int elig = set->has_min_rating;
    double r_elig = 0, r;

    memset(out, 0, sizeof *out);
    out->exact = th->exact;
    if (elig)
        r_elig = least_eligible(p, &l);
    switch (th->kind) {
    case MM_THRESHOLD_NONE: rating_kind(out, MM_RATING_UNKNOWN, 0, 0); return;
    case MM_THRESHOLD_FIXED: rating_kind(out, MM_RATING_FIXED, 0, 0); return;
    case MM_THRESHOLD_INELIGIBLE: rating_kind(out, MM_RATING_NOT_ELIGIBLE, 0, 0); return;
    default: break;
    }
    if (!(l.w > 0)) {
        no_weight(p, th, &l, out);
    } else if (th->kind == MM_THRESHOLD_NEVER) {
        rating_kind(out, MM_RATING_CANNOT, 0, 0);
    } else if (th->kind == MM_THRESHOLD_NEEDS) {
        r = rating_at(&l, rated, own, th->delta);
        if (th->below_min_rating && r_elig > r)
            needs(out, &l, rated, r_elig, 0);
        else
            needs(out, &l, rated, r, 1);
    } else if (th->kind == MM_THRESHOLD_STAYS) {
        r = rating_at(&l, rated, own, -th->delta);
        if (elig && r_elig > r)
            stays(out, &l, r_elig, 0);
        else
            stays(out, &l, r, 1);
    } else if (elig && r_elig > l.lo) { /* ALWAYS, but below min_rating it leaves */
        stays(out, &l, r_elig, 0);
    } else {
        rating_kind(out, MM_RATING_STAYS_ALWAYS, l.lo, 0);
    }
    /* A bound past the scale proves the answer: no rating is enough, or
     * none is low enough to matter. */
    if (out->kind == MM_RATING_CANNOT || out->kind == MM_RATING_STAYS_ALWAYS)
        out->exact = 1;
    if (out->kind == MM_RATING_NEEDS && !out->exact) /* a lower bound: "at least" holds rounded down */
        out->shown = shown_down(out->rating, l.lo, l.hi);
    else
        out->shown = out->kind == MM_RATING_NEEDS || out->kind == MM_RATING_STAYS_ABOVE
                         ? shown_up(out->rating, l.lo, l.hi)
                         : out->rating;
    out->step = mm_rating_step(l.lo, l.hi);
}

void mm_threshold_rating_known(const mm_problem *p, uint32_t app, int rated, double own,
                               const mm_threshold *th, mm_rating_threshold *out)
{
    const mm_settings *set = &p->settings;
    const mm_application *a = &p->apps[app];
    rating_line l = {rated ? a->rating_sum - own : a->rating_sum,
                     (double)a->rating_count + (rated ? 0 : 1),
                     a->components[MM_W_RATING],
                     set->rating_lo,
                     set->rating_hi,
                     set->weights[MM_W_RATING]};

    on_line(p, l, rated, own, th, out);
}

/* The mean is the rating of one rater standing for all of them: every
 * mentor giving r makes the mean r, and the line's algebra is the same. */
void mm_threshold_mean_rating(const mm_problem *p, uint32_t app, const mm_threshold *th,
                              mm_rating_threshold *out)
{
    const mm_settings *set = &p->settings;
    const mm_application *a = &p->apps[app];
    rating_line l = {0, 1, a->components[MM_W_RATING], set->rating_lo, set->rating_hi,
                     set->weights[MM_W_RATING]};
    double mean = a->rating_count ? a->rating_sum / (double)a->rating_count : 0;

    on_line(p, l, a->rating_count > 0, mean, th, out);
}

void mm_threshold_rating(const mm_problem *p, uint32_t app, uint32_t mentor,
                         const mm_threshold *th, mm_rating_threshold *out)
{
    double own = 0;
    int rated = mm_mentor_rating(p, app, mentor, &own);

    mm_threshold_rating_known(p, app, rated, own, th, out);
}
