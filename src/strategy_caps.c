#include "strategy_caps.h"

#include <string.h>

#include "alloc.h"

int mm_caps_init(mm_caps *c, const mm_problem *p, const mm_model *m)
{
    *c = (mm_caps){p, m, NULL, NULL, NULL, 0, NULL, NULL, 0, 0, NULL, NULL, NULL};
    /* +1: a problem may have no ideas, orgs or students; calloc(0) may be NULL. */
    c->idea_load = mm_calloc(p->n_ideas + 1, sizeof *c->idea_load);
    c->mentor_load = mm_calloc(p->n_mentors + 1, sizeof *c->mentor_load);
    c->org_load = mm_calloc(p->n_orgs + 1, sizeof *c->org_load);
    c->current = mm_malloc((p->n_students + 1) * sizeof *c->current);
    c->fixed = mm_calloc(p->n_students + 1, 1);
    if (!c->idea_load || !c->mentor_load || !c->org_load || !c->current || !c->fixed)
        return MM_ENOMEM;
    mm_caps_clear(c);
    for (size_t k = 0; k < p->n_fixed; k++)
        if (p->fixed[k].app != MM_NONE)
            c->fixed[p->fixed[k].student] = 1;
    return 0;
}

int mm_caps_use_quotas(mm_caps *c)
{
    const mm_model *m = c->m;
    size_t entries = 0;

    c->var_row_begin = mm_calloc(m->n_vars + 2, sizeof *c->var_row_begin);
    c->row_load = mm_calloc(m->n_rows + 1, sizeof *c->row_load);
    for (size_t r = 0; c->var_row_begin && r < m->n_rows; r++)
        if (m->rows[r].kind == MM_ROW_QUOTA)
            for (uint32_t k = 0; k < m->rows[r].count; k++, entries++)
                c->var_row_begin[m->row_vars[m->rows[r].begin + k] + 2]++;
    c->var_rows = mm_malloc((entries + 1) * sizeof *c->var_rows);
    if (!c->var_row_begin || !c->row_load || !c->var_rows)
        return MM_ENOMEM;
    for (size_t v = 0; v < m->n_vars; v++) /* begin[v + 2]: counts -> starts at v + 1 */
        c->var_row_begin[v + 2] += c->var_row_begin[v + 1];
    for (size_t r = 0; r < m->n_rows; r++)
        if (m->rows[r].kind == MM_ROW_QUOTA)
            for (uint32_t k = 0; k < m->rows[r].count; k++)
                c->var_rows[c->var_row_begin[m->row_vars[m->rows[r].begin + k] + 1]++] =
                    (uint32_t)r;
    c->quotas = 1;
    return 0;
}

void mm_caps_clear(mm_caps *c)
{
    memset(c->idea_load, 0, c->p->n_ideas * sizeof *c->idea_load);
    memset(c->mentor_load, 0, c->p->n_mentors * sizeof *c->mentor_load);
    memset(c->org_load, 0, c->p->n_orgs * sizeof *c->org_load);
    c->total = 0;
    if (c->row_load)
        memset(c->row_load, 0, c->m->n_rows * sizeof *c->row_load);
    for (size_t s = 0; s < c->p->n_students; s++)
        c->current[s] = MM_NONE;
}

void mm_caps_dispose(mm_caps *c)
{
    mm_free(c->idea_load);
    mm_free(c->mentor_load);
    mm_free(c->org_load);
    mm_free(c->current);
    mm_free(c->fixed);
    mm_free(c->var_row_begin);
    mm_free(c->var_rows);
    mm_free(c->row_load);
    *c = (mm_caps){0};
}

/* at least (over: more than) `limit`; MM_NO_LIMIT never is */
static int reached(int64_t load, int64_t limit, int over)
{
    return limit != MM_NO_LIMIT && (over ? load > limit : load >= limit);
}

unsigned mm_caps_full(const mm_caps *c, uint32_t v, int over)
{
    const mm_problem *p = c->p;
    const mm_var *var = &c->m->vars[v];
    uint32_t idea = p->apps[var->app].idea, org = p->ideas[idea].org;
    unsigned full = 0;

    if (reached(c->idea_load[idea], p->ideas[idea].slots, over))
        full |= MM_CAP_IDEA;
    if (reached(c->mentor_load[var->mentor], p->mentors[var->mentor].capacity, over))
        full |= MM_CAP_MENTOR;
    if (org != MM_NONE && reached(c->org_load[org], p->orgs[org].slots, over))
        full |= MM_CAP_ORG;
    if (reached(c->total, p->program_slots, over))
        full |= MM_CAP_PROGRAM;
    for (uint32_t k = c->quotas ? c->var_row_begin[v] : 0;
         c->quotas && k < c->var_row_begin[v + 1]; k++)
        if (reached(c->row_load[c->var_rows[k]], c->m->rows[c->var_rows[k]].hi, over))
            full |= MM_CAP_QUOTA;
    return full;
}

int mm_caps_student_free(const mm_caps *c, uint32_t v)
{
    uint32_t s = c->m->vars[v].student;
    return c->current[s] == MM_NONE && !c->fixed[s];
}

/* Add `delta` to every load v counts in. */
static void load(mm_caps *c, uint32_t v, int64_t delta)
{
    const mm_var *var = &c->m->vars[v];
    uint32_t idea = c->p->apps[var->app].idea, org = c->p->ideas[idea].org;

    c->idea_load[idea] += delta;
    c->mentor_load[var->mentor] += delta;
    if (org != MM_NONE)
        c->org_load[org] += delta;
    c->total += delta;
    for (uint32_t k = c->quotas ? c->var_row_begin[v] : 0;
         c->quotas && k < c->var_row_begin[v + 1]; k++)
        c->row_load[c->var_rows[k]] += delta;
}

void mm_caps_take(mm_caps *c, unsigned char *chosen, uint32_t v)
{
    load(c, v, 1);
    if (chosen)
        chosen[v] = 1;
    c->current[c->m->vars[v].student] = v;
}

void mm_caps_release(mm_caps *c, unsigned char *chosen, uint32_t v)
{
    load(c, v, -1);
    if (chosen)
        chosen[v] = 0;
    c->current[c->m->vars[v].student] = MM_NONE;
}

/* Place one fixed pair; @return 0 when no variable of it fits. */
static int place_fixed(mm_caps *c, unsigned char *chosen, const mm_pair_rule *rule)
{
    uint32_t first = c->m->app_first_var[rule->app], last = c->m->app_first_var[rule->app + 1];

    if (c->current[rule->student] != MM_NONE)
        return 0; /* a second fixed pair of one student */
    for (uint32_t v = first; v < last; v++) {
        if (rule->mentor != MM_NONE && c->m->vars[v].mentor != rule->mentor)
            continue;
        if (!mm_caps_full(c, v, 0)) {
            mm_caps_take(c, chosen, v);
            return 1;
        }
    }
    return 0;
}

void mm_caps_place_fixed(mm_caps *c, unsigned char *chosen)
{
    for (size_t k = 0; k < c->p->n_fixed; k++) {
        const mm_pair_rule *rule = &c->p->fixed[k];
        if (rule->app != MM_NONE && !place_fixed(c, chosen, rule))
            c->unmet_fixed++;
    }
}

mm_status mm_caps_status(const mm_caps *c)
{
    if (c->unmet_fixed)
        return MM_STATUS_INFEASIBLE;
    for (size_t k = 0; k < c->p->n_mentors; k++)
        if (c->mentor_load[k] < c->p->mentors[k].min_load)
            return MM_STATUS_INFEASIBLE;
    for (size_t r = 0; c->quotas && r < c->m->n_rows; r++)
        if (c->m->rows[r].kind == MM_ROW_QUOTA && c->row_load[r] < c->m->rows[r].lo)
            return MM_STATUS_INFEASIBLE;
    return MM_STATUS_FEASIBLE;
}
