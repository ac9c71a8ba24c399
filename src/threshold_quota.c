/* Quotas in the threshold engine (threshold_internal.h). The flow holds no
 * quota row (SPEC 4 family 7), so where a document has quotas the flow
 * solves the model without them: a relaxation. Its cycles then bound every
 * answer from below (threshold.c), and a cycle is the answer only when,
 * applied to a flow that meets every quota, it keeps each quota's count
 * within its bounds in every unit and value it touches; everything else is
 * re-solved by GLPK with the quota rows in place. Per-mentor quotas count
 * by lead mentor, which a cycle does not fix: with one, no cycle is
 * certified. */
#include "threshold_internal.h"

#ifdef MM_HAVE_FLOW

#include <string.h>

#include "alloc.h"
#include "quota.h"

int mm_th_has_quota_rows(const mm_model *m)
{
    for (size_t r = 0; r < m->n_rows; r++)
        if (m->rows[r].kind == MM_ROW_QUOTA)
            return 1;
    return 0;
}

/* m's variables and every row but the quota rows: a copy of m, its rows
 * then compacted in place. */
static int without_quota_rows(const mm_model *m, size_t n_apps, mm_model *out)
{
    size_t entries = 0, rows = 0;
    int rc = mm_model_without_app(m, n_apps, MM_NONE, out);

    for (size_t r = 0; rc == 0 && r < out->n_rows; r++) {
        mm_row row = out->rows[r];
        if (row.kind == MM_ROW_QUOTA)
            continue;
        memmove(out->row_vars + entries, out->row_vars + row.begin,
                row.count * sizeof *out->row_vars);
        if (out->row_coef)
            memmove(out->row_coef + entries, out->row_coef + row.begin,
                    row.count * sizeof *out->row_coef);
        row.begin = (uint32_t)entries;
        entries += row.count;
        out->rows[rows++] = row;
    }
    if (rc == 0) {
        out->n_rows = rows;
        out->n_entries = entries;
    }
    return rc;
}

/* A mentor the application may count under: its first variable's, else
 * (no variable: below min_rating) its idea's first. Only per-mentor quotas
 * depend on which, and with those nothing is certified. */
static uint32_t some_mentor(const mm_problem *p, const mm_model *m, uint32_t a)
{
    const mm_idea *idea = &p->ideas[p->apps[a].idea];

    if (m->app_first_var[a] < m->app_first_var[a + 1])
        return m->vars[m->app_first_var[a]].mentor;
    return idea->mentor_count ? p->idea_mentors[idea->mentor_begin] : MM_NONE;
}

int mm_th_quotas_init(th_quotas *q, const mm_problem *p, const mm_model *m)
{
    int rc;

    memset(q, 0, sizeof *q);
    q->p = p;
    q->certifiable = 1;
    for (size_t k = 0; k < p->n_quotas; k++)
        q->certifiable &= p->quotas[k].per != MM_PER_MENTOR;
    if ((rc = without_quota_rows(m, p->n_apps, &q->model)) != 0)
        return rc;
    /* every cell looked up here, once, on this thread (the lookup is not
     * thread-safe; the cycle searches run on two) */
    q->app_cell = mm_malloc((p->n_apps * p->n_quotas + 1) * sizeof *q->app_cell);
    q->fill = mm_calloc(p->n_cells + 1, sizeof *q->fill);
    if (!q->app_cell || !q->fill)
        return MM_ENOMEM;
    for (uint32_t a = 0; a < p->n_apps; a++) {
        uint32_t mentor = some_mentor(p, m, a);
        for (uint32_t k = 0; k < p->n_quotas; k++)
            q->app_cell[(size_t)a * p->n_quotas + k] =
                mentor == MM_NONE ? MM_NONE : mm_quota_cell_of(p, k, a, mentor);
    }
    return 0;
}

void mm_th_quotas_count(th_quotas *q, const mm_model *m, const unsigned char *chosen)
{
    const mm_problem *p = q->p;

    for (size_t v = 0; v < m->n_vars; v++)
        for (uint32_t k = 0; chosen[v] && k < p->n_quotas; k++) {
            uint32_t c = q->app_cell[(size_t)m->vars[v].app * p->n_quotas + k];
            if (c != MM_NONE)
                q->fill[c]++;
        }
}

void mm_th_quotas_free(th_quotas *q)
{
    mm_model_dispose(&q->model);
    mm_free(q->app_cell);
    mm_free(q->fill);
    memset(q, 0, sizeof *q);
}

int mm_th_quotas_keep(const th_quotas *q, const uint32_t *apps, const int *signs, size_t n,
                      int64_t *delta, uint32_t *touched)
{
    const mm_problem *p = q->p;
    size_t n_touched = 0;
    int ok = q->certifiable;

    for (size_t j = 0; ok && j < n; j++)
        for (uint32_t k = 0; k < p->n_quotas; k++) {
            uint32_t c = q->app_cell[(size_t)apps[j] * p->n_quotas + k];
            if (c == MM_NONE)
                continue;
            if (delta[c] == 0)
                touched[n_touched++] = c; /* at most once while its delta stays 0 */
            delta[c] += signs[j];
        }
    for (size_t j = 0; j < n_touched; j++) {
        uint32_t c = touched[j];
        const mm_quota *quota = &p->quotas[p->cells[c].quota];
        int64_t count = q->fill[c] + delta[c];
        if (count < quota->min || (quota->has_max && count > quota->max))
            ok = 0;
        delta[c] = 0;
    }
    return ok;
}

#endif
