/* Exact rating thresholds (threshold.h): first compiling version, every
 * answer MM_THRESHOLD_NONE while the engine is written. */
#include "threshold.h"

#include <string.h>

int mm_thresholds(const mm_problem *p, const mm_model *m, const double *score, int count_first,
                  const unsigned char *chosen, const mm_threshold_options *opts,
                  mm_threshold *out, mm_threshold_stats *stats)
{
    (void)m, (void)score, (void)count_first, (void)chosen, (void)opts;
    memset(stats, 0, sizeof *stats);
    for (size_t a = 0; a < p->n_apps; a++) {
        memset(&out[a], 0, sizeof out[a]);
        out[a].tie_app = MM_NONE;
    }
    return 0;
}
