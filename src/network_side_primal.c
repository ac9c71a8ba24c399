/* A feasible solution from a priced flow (network_side.h): its split,
 * repaired against every row of the model, the side rows included. */
#include <string.h>

#include "alloc.h"
#include "network_side.h"

#ifdef MM_HAVE_FLOW

int mm_side_index_rows(mm_side *s)
{
    const mm_model *m = s->n.m;
    uint32_t *fill = mm_calloc(m->n_vars + 1, sizeof *fill);

    s->var_begin = mm_calloc(m->n_vars + 2, sizeof *s->var_begin);
    s->var_rows = mm_malloc((m->n_entries + 1) * sizeof *s->var_rows);
    if (!fill || !s->var_begin || !s->var_rows) {
        mm_free(fill);
        return MM_ENOMEM;
    }
    for (size_t e = 0; e < m->n_entries; e++)
        s->var_begin[m->row_vars[e] + 1]++;
    for (size_t v = 0; v < m->n_vars; v++)
        s->var_begin[v + 1] += s->var_begin[v];
    for (size_t r = 0; r < m->n_rows; r++)
        for (uint32_t k = 0; k < m->rows[r].count; k++) {
            uint32_t v = m->row_vars[m->rows[r].begin + k];
            s->var_rows[s->var_begin[v] + fill[v]++] = (uint32_t)r;
        }
    mm_free(fill);
    return 0;
}

static void take(mm_side *s, uint32_t v, int on)
{
    s->chosen[v] = (unsigned char)on;
    s->placed[s->n.m->vars[v].student] = (unsigned char)on;
    for (uint32_t k = s->var_begin[v]; k < s->var_begin[v + 1]; k++)
        s->load[s->var_rows[k]] += on ? 1 : -1;
}

static int fits(const mm_side *s, uint32_t v)
{
    const mm_model *m = s->n.m;

    if (s->placed[m->vars[v].student])
        return 0;
    for (uint32_t k = s->var_begin[v]; k < s->var_begin[v + 1]; k++) {
        const mm_row *row = &m->rows[s->var_rows[k]];
        if (row->hi != MM_NO_LIMIT && s->load[s->var_rows[k]] >= row->hi)
            return 0;
    }
    return 1;
}

static void count_loads(mm_side *s)
{
    const mm_model *m = s->n.m;

    memset(s->load, 0, m->n_rows * sizeof *s->load);
    memset(s->placed, 0, s->n.p->n_students);
    for (size_t v = 0; v < m->n_vars; v++)
        if (s->chosen[v])
            take(s, (uint32_t)v, 1);
}

/* In each row over its cap, drop the dearest choices of students not
 * fixed. 0 when a row cannot be brought down. */
static int drop_over(mm_side *s)
{
    const mm_model *m = s->n.m;

    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        while (row->hi != MM_NO_LIMIT && s->load[r] > row->hi) {
            uint32_t worst = MM_NONE;
            mm_cost dearest = 0;
            for (uint32_t k = 0; k < row->count; k++) {
                uint32_t v = m->row_vars[row->begin + k];
                mm_cost c = mm_side_app_price(s, m->vars[v].app);
                if (s->chosen[v] && s->n.fixed_app[m->vars[v].student] == MM_NONE &&
                    (worst == MM_NONE || c > dearest)) {
                    worst = v;
                    dearest = c;
                }
            }
            if (worst == MM_NONE)
                return 0;
            take(s, worst, 0);
        }
    }
    return 1;
}

/* Rows under their minimum (quotas' min, mentors' min loads): add
 * students left out, cheapest first, where every row has room. */
static void fill_under(mm_side *s)
{
    const mm_model *m = s->n.m;

    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        while (s->load[r] < row->lo) {
            uint32_t best = MM_NONE;
            mm_cost cheapest = 0;
            for (uint32_t k = 0; k < row->count; k++) {
                uint32_t v = m->row_vars[row->begin + k];
                mm_cost c = mm_side_app_price(s, m->vars[v].app);
                if (fits(s, v) && (best == MM_NONE || c < cheapest)) {
                    best = v;
                    cheapest = c;
                }
            }
            if (best == MM_NONE)
                break;
            take(s, best, 1);
        }
    }
}

/* Each student left out takes its cheapest variable of negative priced
 * cost where every row has room. */
static void place_left_out(mm_side *s)
{
    const mm_problem *p = s->n.p;
    const mm_model *m = s->n.m;

    for (size_t st = 0; st < p->n_students; st++) {
        const mm_student *stu = &p->students[st];
        uint32_t best = MM_NONE;
        mm_cost cheapest = 0;
        if (s->placed[st])
            continue;
        for (uint32_t a = stu->app_begin; a < stu->app_begin + stu->app_count; a++)
            for (uint32_t v = m->app_first_var[a]; v < m->app_first_var[a + 1]; v++) {
                mm_cost c = mm_side_app_price(s, a);
                if (c < cheapest && fits(s, v)) {
                    best = v;
                    cheapest = c;
                }
            }
        if (best != MM_NONE)
            take(s, best, 1);
    }
}

static mm_cost primary_cost(const mm_side *s, const unsigned char *chosen)
{
    mm_cost total = 0;

    for (size_t v = 0; v < s->n.m->n_vars; v++)
        if (chosen[v])
            total += s->base[s->n.m->vars[v].app];
    return total;
}

int mm_side_offer_primal(mm_side *s)
{
    const mm_model *m = s->n.m;
    mm_cost cost;

    memset(s->chosen, 0, m->n_vars);
    memset(s->n.unsplit, 0, s->n.p->n_apps);
    if (mm_net_decode(&s->n, s->chosen) < 0)
        return MM_ENOMEM;
    count_loads(s);
    if (!drop_over(s))
        return 0;
    fill_under(s);
    place_left_out(s);
    if (!mm_model_satisfied(m, s->chosen))
        return 0;
    if (s->var_cost && primary_cost(s, s->chosen) - s->primary_cost > s->primary_tol)
        return 0; /* a later tier's solution must keep the optimum */
    cost = mm_side_cost(s, s->chosen);
    if (!s->has_best || cost < s->best_cost) {
        memcpy(s->best, s->chosen, m->n_vars);
        s->best_cost = cost;
        s->has_best = 1;
    }
    return 0;
}

#endif
