/* rsd, random serial dictatorship: fixed pairs first, then the students in
 * a uniformly random order, each taking their best-ranked application that
 * every cap still allows. The order comes from a seeded splitmix64 and
 * integer arithmetic only, so one seed gives one result on every platform. */
#include "alloc.h"
#include "strategy.h"
#include "strategy_caps.h"

/* splitmix64 (Steele, Lea and Flood 2014): a 64-bit state, full period. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A uniform integer in [0, n), n > 0: draws below 2^64 mod n are thrown
 * away so every remainder is equally likely (a plain % would favour small
 * ones). */
static uint64_t uniform_below(uint64_t *state, uint64_t n)
{
    uint64_t threshold = (UINT64_C(0) - n) % n, r;

    do
        r = next_random(state);
    while (r < threshold);
    return r % n;
}

/* Fisher-Yates over the students in id order, so the order does not depend
 * on how the input happens to list them. */
static void shuffle_students(uint32_t *order, const mm_problem *p, unsigned long long seed)
{
    uint64_t state = seed;

    for (size_t k = 0; k < p->n_students; k++)
        order[k] = p->students_by_id[k];
    for (size_t k = p->n_students; k > 1; k--) {
        size_t j = (size_t)uniform_below(&state, k);
        uint32_t t = order[k - 1];
        order[k - 1] = order[j];
        order[j] = t;
    }
}

/* The student's variable of best rank whose caps all allow (ties within one
 * application: the idea's mentor order, which is variable order), or MM_NONE. */
static uint32_t best_fit(const mm_caps *c, uint32_t student)
{
    const mm_problem *p = c->p;
    const mm_model *m = c->m;
    const mm_student *st = &p->students[student];
    uint32_t best = MM_NONE;
    int64_t best_rank = 0;

    for (uint32_t v = m->app_first_var[st->app_begin];
         v < m->app_first_var[st->app_begin + st->app_count]; v++) {
        int64_t rank = p->apps[m->vars[v].app].rank;
        if ((best == MM_NONE || rank < best_rank) && !mm_caps_full(c, v, 0)) {
            best = v;
            best_rank = rank;
        }
    }
    return best;
}

int mm_strategy_rsd(const mm_strategy_input *in, mm_strategy_output *out)
{
    const mm_problem *p = in->p;
    uint32_t *order = mm_malloc((p->n_students + 1) * sizeof *order);
    mm_caps caps;
    int rc = mm_caps_init(&caps, p, in->m);

    if (rc == 0)
        rc = mm_caps_use_quotas(&caps);

    if (rc == 0 && !order)
        rc = MM_ENOMEM;
    if (rc == 0) {
        shuffle_students(order, p, in->seed);
        mm_caps_place_fixed(&caps, out->chosen);
        for (size_t k = 0; k < p->n_students; k++) {
            uint32_t s = order[k], v;
            if (caps.current[s] != MM_NONE || caps.fixed[s])
                continue;
            v = best_fit(&caps, s);
            if (v != MM_NONE)
                mm_caps_take(&caps, out->chosen, v);
        }
        out->status = mm_caps_status(&caps);
    }
    mm_caps_dispose(&caps);
    mm_free(order);
    return rc;
}
