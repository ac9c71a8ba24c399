/* greedy: fixed pairs first, then applications from the highest score
 * down, each taken with the first of its idea's mentors whose caps allow.
 * Fast and easy to explain; no promise of optimality (docs/strategies.md). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "strategy.h"
#include "strategy_caps.h"

typedef struct {
    double score;
    uint32_t student_pos, idea_pos; /* places in id order: the tie-breaks */
    uint32_t app;
} candidate;

typedef struct {
    const char *id;
    uint32_t index;
} named;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const named *)a)->id, ((const named *)b)->id);
}

static int by_score_then_ids(const void *a, const void *b)
{
    const candidate *x = a, *y = b;

    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->student_pos != y->student_pos)
        return x->student_pos < y->student_pos ? -1 : 1;
    return x->idea_pos < y->idea_pos ? -1 : x->idea_pos > y->idea_pos;
}

/* Per idea, its place when ideas are sorted by id (bytewise). */
static uint32_t *idea_positions(const mm_problem *p)
{
    named *sorted = mm_malloc((p->n_ideas + 1) * sizeof *sorted);
    uint32_t *pos = mm_malloc((p->n_ideas + 1) * sizeof *pos);

    if (sorted && pos) {
        for (size_t i = 0; i < p->n_ideas; i++)
            sorted[i] = (named){p->ideas[i].id, (uint32_t)i};
        qsort(sorted, p->n_ideas, sizeof *sorted, by_id);
        for (size_t i = 0; i < p->n_ideas; i++)
            pos[sorted[i].index] = (uint32_t)i;
    } else {
        mm_free(pos);
        pos = NULL;
    }
    mm_free(sorted);
    return pos;
}

/* The applications that have variables, best first. @return their count. */
static size_t rank_applications(candidate *out, const mm_strategy_input *in,
                                const uint32_t *student_pos, const uint32_t *idea_pos)
{
    const mm_problem *p = in->p;
    const mm_model *m = in->m;
    size_t n = 0;

    for (size_t a = 0; a < p->n_apps; a++) {
        uint32_t first = m->app_first_var[a];
        if (first == m->app_first_var[a + 1])
            continue;
        out[n++] = (candidate){in->score[first], student_pos[p->apps[a].student],
                               idea_pos[p->apps[a].idea], (uint32_t)a};
    }
    qsort(out, n, sizeof *out, by_score_then_ids);
    return n;
}

/* Take application `app` with the first mentor whose caps allow, if any. */
static void take_first_fit(mm_caps *c, unsigned char *chosen, uint32_t app)
{
    const mm_model *m = c->m;

    if (!mm_caps_student_free(c, m->app_first_var[app]))
        return;
    for (uint32_t v = m->app_first_var[app]; v < m->app_first_var[app + 1]; v++)
        if (!mm_caps_full(c, v, 0)) {
            mm_caps_take(c, chosen, v);
            return;
        }
}

int mm_strategy_greedy(const mm_strategy_input *in, mm_strategy_output *out)
{
    const mm_problem *p = in->p;
    mm_caps caps;
    uint32_t *student_pos = mm_malloc((p->n_students + 1) * sizeof *student_pos);
    uint32_t *idea_pos = idea_positions(p);
    candidate *order = mm_malloc((p->n_apps + 1) * sizeof *order);
    int rc = mm_caps_init(&caps, p, in->m);

    if (rc == 0)
        rc = mm_caps_use_quotas(&caps);

    if (rc == 0 && (!student_pos || !idea_pos || !order))
        rc = MM_ENOMEM;
    if (rc == 0) {
        size_t n;
        for (size_t k = 0; k < p->n_students; k++)
            student_pos[p->students_by_id[k]] = (uint32_t)k;
        n = rank_applications(order, in, student_pos, idea_pos);
        mm_caps_place_fixed(&caps, out->chosen);
        for (size_t k = 0; k < n; k++)
            take_first_fit(&caps, out->chosen, order[k].app);
        out->status = mm_caps_status(&caps);
    }
    mm_caps_dispose(&caps);
    mm_free(student_pos);
    mm_free(idea_pos);
    mm_free(order);
    return rc;
}
