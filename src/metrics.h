/* Metrics every result carries, whatever the strategy (issue 5): load
 * balance across mentors, fill of ideas, slots left unused. */
#ifndef MM_METRICS_H
#define MM_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "mentormatch/result.h"

typedef struct {
    int64_t load_min, load_max;
    double load_mean, load_gini; /* Gini coefficient of mentor loads, 0 = even */
    size_t ideas_filled;         /* ideas with at least one student */
    int64_t slots_unused;        /* idea slots left empty */
} mm_metrics;

/* Fill `out` from a result whose loads and fills are counted. 0 or MM_ENOMEM. */
int mm_measure(mm_metrics *out, const mm_result *r);

#endif
