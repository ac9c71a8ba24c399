/* Score thresholds in a mentor's own rating units (threshold.h). */
#include "threshold.h"

#include <string.h>

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

void mm_threshold_rating_known(const mm_problem *p, uint32_t app, int rated, double own,
                               const mm_threshold *th, mm_rating_threshold *out)
{
    (void)p, (void)app, (void)rated, (void)own, (void)th;
    memset(out, 0, sizeof *out);
    out->kind = MM_RATING_UNKNOWN;
}

void mm_threshold_rating(const mm_problem *p, uint32_t app, uint32_t mentor,
                         const mm_threshold *th, mm_rating_threshold *out)
{
    double own = 0;
    int rated = mm_mentor_rating(p, app, mentor, &own);

    mm_threshold_rating_known(p, app, rated, own, th, out);
}
