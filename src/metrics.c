#include "metrics.h"

#include <stdlib.h>

#include "alloc.h"
#include "result.h"

static int by_value(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Gini = sum_i (2i - n - 1) x_(i) / (n sum x), loads sorted ascending. */
static double gini(const int64_t *sorted, size_t n, double total)
{
    double weighted = 0;

    if (n == 0 || total <= 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        weighted += (double)(2 * (int64_t)(i + 1) - (int64_t)n - 1) * (double)sorted[i];
    return weighted / ((double)n * total);
}

int mm_measure(mm_metrics *out, const mm_result *r)
{
    const mm_problem *p = r->p;
    size_t n = p->n_mentors;
    int64_t *loads = mm_malloc((n + 1) * sizeof *loads);
    double total = 0;

    if (!loads)
        return MM_ENOMEM;
    for (size_t m = 0; m < n; m++) {
        loads[m] = r->mentor_load[m];
        total += (double)loads[m];
    }
    qsort(loads, n, sizeof *loads, by_value);
    out->load_min = n ? loads[0] : 0;
    out->load_max = n ? loads[n - 1] : 0;
    out->load_mean = n ? total / (double)n : 0;
    out->load_gini = gini(loads, n, total);
    mm_free(loads);
    out->ideas_filled = 0;
    out->slots_unused = 0;
    for (size_t i = 0; i < p->n_ideas; i++) {
        out->ideas_filled += r->idea_filled[i] > 0;
        if (r->idea_filled[i] < p->ideas[i].slots)
            out->slots_unused += p->ideas[i].slots - r->idea_filled[i];
    }
    return 0;
}
