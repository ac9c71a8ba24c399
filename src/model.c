#include "model.h"

#include <string.h>

#include "alloc.h"
#include "quota.h"

typedef struct {
    mm_model *m;
    const mm_problem *p;
    size_t rows_capacity, entries_capacity;
    uint32_t *bucket_start, *bucket_fill; /* counting sort scratch */
    uint32_t *sorted;
    uint32_t quota;  /* add_quota_rows: the quota being grouped */
} builder;

const char *mm_row_kind_name(mm_row_kind kind)
{
    static const char *const names[] = {"student", "idea", "mentor", "org", "program", "fixed",
                                        "cut", "quota"};
    return kind < MM_ROW_KINDS ? names[kind] : "?";
}

static int build_vars(mm_model *m, const mm_problem *p)
{
    size_t count = 0;

    m->app_first_var = mm_malloc((p->n_apps + 1) * sizeof *m->app_first_var);
    if (!m->app_first_var)
        return MM_ENOMEM;
    for (int pass = 0; pass < 2; pass++) {
        count = 0;
        for (size_t a = 0; a < p->n_apps; a++) {
            const mm_application *app = &p->apps[a];
            const mm_idea *idea = &p->ideas[app->idea];
            m->app_first_var[a] = (uint32_t)count;
            if (app->ineligible)
                continue;
            for (uint32_t k = 0; k < idea->mentor_count; k++) {
                uint32_t mentor = p->idea_mentors[idea->mentor_begin + k];
                if (mm_problem_in_conflict(p, mentor, app->student))
                    continue;
                if (pass)
                    m->vars[count] = (mm_var){(uint32_t)a, mentor, app->student};
                count++;
            }
        }
        m->app_first_var[p->n_apps] = (uint32_t)count;
        if (!pass && count >= MM_NONE)
            return MM_ENOMEM;
        if (!pass && !(m->vars = mm_malloc(count * sizeof *m->vars)))
            return MM_ENOMEM;
    }
    m->n_vars = count;
    return 0;
}

static int add_row(builder *b, mm_row_kind kind, uint32_t owner, int64_t lo, int64_t hi,
                   const uint32_t *vars, uint32_t count)
{
    mm_model *m = b->m;
    mm_row *rows;
    uint32_t *entries;

    if (lo <= 0 && hi >= (int64_t)count)
        return 0; /* can never bind */
    rows = mm_grow(m->rows, &b->rows_capacity, m->n_rows + 1, sizeof *rows);
    if (!rows)
        return MM_ENOMEM;
    m->rows = rows;
    /* A row with no variables (a min load nobody can meet) still counts:
     * it is what makes the instance infeasible. */
    if (count > 0) {
        entries = mm_grow(m->row_vars, &b->entries_capacity, m->n_entries + count,
                          sizeof *entries);
        if (!entries)
            return MM_ENOMEM;
        m->row_vars = entries;
        memcpy(m->row_vars + m->n_entries, vars, count * sizeof *vars);
    }
    m->rows[m->n_rows++] = (mm_row){kind, owner, lo, hi, (uint32_t)m->n_entries, count};
    m->n_entries += count;
    return 0;
}

/* Group variables by a key (idea, mentor, org) with a counting sort, so each
 * group's row is built in one pass and in variable order. */
static int group_vars(builder *b, size_t n_keys, uint32_t (*key_of)(const builder *, const mm_var *))
{
    const mm_model *m = b->m;

    b->bucket_start = mm_calloc(n_keys + 1, sizeof *b->bucket_start);
    b->bucket_fill = mm_calloc(n_keys + 1, sizeof *b->bucket_fill);
    b->sorted = mm_malloc(m->n_vars * sizeof *b->sorted);
    if (!b->bucket_start || !b->bucket_fill || !b->sorted)
        return MM_ENOMEM;
    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t key = key_of(b, &m->vars[v]);
        if (key != MM_NONE)
            b->bucket_start[key + 1]++;
    }
    for (size_t k = 0; k < n_keys; k++)
        b->bucket_start[k + 1] += b->bucket_start[k];
    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t key = key_of(b, &m->vars[v]);
        if (key != MM_NONE)
            b->sorted[b->bucket_start[key] + b->bucket_fill[key]++] = (uint32_t)v;
    }
    return 0;
}

static void ungroup(builder *b)
{
    mm_free(b->bucket_start);
    mm_free(b->bucket_fill);
    mm_free(b->sorted);
    b->bucket_start = b->bucket_fill = b->sorted = NULL;
}

static uint32_t idea_of(const builder *b, const mm_var *v)
{
    return b->p->apps[v->app].idea;
}

static uint32_t mentor_of(const builder *b, const mm_var *v)
{
    return v->mentor;
}

static uint32_t org_of(const builder *b, const mm_var *v)
{
    return b->p->ideas[b->p->apps[v->app].idea].org;
}

static int add_grouped_rows(builder *b, mm_row_kind kind)
{
    const mm_problem *p = b->p;
    size_t n = kind == MM_ROW_IDEA ? p->n_ideas : kind == MM_ROW_MENTOR ? p->n_mentors : p->n_orgs;
    int rc = group_vars(b, n, kind == MM_ROW_IDEA     ? idea_of
                               : kind == MM_ROW_MENTOR ? mentor_of
                                                       : org_of);

    for (size_t k = 0; rc == 0 && k < n; k++) {
        int64_t lo = 0, hi;
        if (kind == MM_ROW_IDEA) {
            hi = p->ideas[k].slots;
        } else if (kind == MM_ROW_MENTOR) {
            lo = p->mentors[k].min_load;
            hi = p->mentors[k].capacity;
        } else {
            hi = p->orgs[k].slots;
        }
        rc = add_row(b, kind, (uint32_t)k, lo, hi, b->sorted + b->bucket_start[k],
                     b->bucket_start[k + 1] - b->bucket_start[k]);
    }
    ungroup(b);
    return rc;
}

static int add_student_rows(builder *b)
{
    const mm_problem *p = b->p;
    const mm_model *m = b->m;
    uint32_t *all = mm_malloc(m->n_vars * sizeof *all);
    int rc = 0;

    if (!all)
        return MM_ENOMEM;
    for (size_t v = 0; v < m->n_vars; v++)
        all[v] = (uint32_t)v;
    /* A student's applications, hence variables, are contiguous. */
    for (size_t s = 0; rc == 0 && s < p->n_students; s++) {
        const mm_student *st = &p->students[s];
        uint32_t first = m->app_first_var[st->app_begin];
        uint32_t last = m->app_first_var[st->app_begin + st->app_count];
        rc = add_row(b, MM_ROW_STUDENT, (uint32_t)s, 0, 1, all + first, last - first);
    }
    if (rc == 0)
        rc = add_row(b, MM_ROW_PROGRAM, 0, 0, p->program_slots, all, (uint32_t)m->n_vars);
    mm_free(all);
    return rc;
}

static int add_fixed_rows(builder *b)
{
    const mm_problem *p = b->p;
    const mm_model *m = b->m;
    int rc = 0;

    for (size_t k = 0; rc == 0 && k < p->n_fixed; k++) {
        const mm_pair_rule *rule = &p->fixed[k];
        uint32_t vars[1], first, last, count = 0;
        if (rule->app == MM_NONE)
            continue;
        first = m->app_first_var[rule->app];
        last = m->app_first_var[rule->app + 1];
        if (rule->mentor != MM_NONE) {
            for (uint32_t v = first; v < last; v++)
                if (m->vars[v].mentor == rule->mentor)
                    vars[count++] = v;
            rc = add_row(b, MM_ROW_FIXED, (uint32_t)k, 1, 1, vars, count);
        } else {
            uint32_t *range = mm_malloc((last - first + 1) * sizeof *range);
            if (!range)
                return MM_ENOMEM;
            for (uint32_t v = first; v < last; v++)
                range[count++] = v;
            rc = add_row(b, MM_ROW_FIXED, (uint32_t)k, 1, 1, range, count);
            mm_free(range);
        }
    }
    return rc;
}

static uint32_t cell_of(const builder *b, const mm_var *v)
{
    return mm_quota_cell_of(b->p, b->quota, v->app, v->mentor);
}

/* One row per cell of each quota (family 7), over the variables counted in it. */
static int add_quota_rows(builder *b)
{
    const mm_problem *p = b->p;
    size_t c = 0;
    int rc = 0;

    for (uint32_t q = 0; rc == 0 && q < p->n_quotas; q++) {
        const mm_quota *quota = &p->quotas[q];
        b->quota = q;
        rc = group_vars(b, p->n_cells, cell_of);
        for (; rc == 0 && c < p->n_cells && p->cells[c].quota == q; c++)
            rc = add_row(b, MM_ROW_QUOTA, (uint32_t)c, quota->min,
                         quota->has_max ? quota->max : MM_NO_LIMIT,
                         b->sorted + b->bucket_start[c],
                         b->bucket_start[c + 1] - b->bucket_start[c]);
        ungroup(b);
    }
    return rc;
}

int mm_model_build(mm_model *m, const mm_problem *p)
{
    builder b = {m, p, 0, 0, NULL, NULL, NULL, 0};
    int rc;

    memset(m, 0, sizeof *m);
    rc = build_vars(m, p);
    if (rc == 0)
        rc = add_student_rows(&b);
    if (rc == 0)
        rc = add_grouped_rows(&b, MM_ROW_IDEA);
    if (rc == 0)
        rc = add_grouped_rows(&b, MM_ROW_MENTOR);
    if (rc == 0 && p->n_orgs)
        rc = add_grouped_rows(&b, MM_ROW_ORG);
    if (rc == 0)
        rc = add_fixed_rows(&b);
    if (rc == 0 && p->n_cells)
        rc = add_quota_rows(&b);
    return rc;
}

void mm_model_dispose(mm_model *m)
{
    mm_free(m->vars);
    mm_free(m->rows);
    mm_free(m->row_vars);
    mm_free(m->row_coef);
    mm_free(m->app_first_var);
    memset(m, 0, sizeof *m);
}

double *mm_model_scores(const mm_model *m, const mm_problem *p)
{
    double *score = mm_malloc((m->n_vars + 1) * sizeof *score);

    for (size_t v = 0; score && v < m->n_vars; v++)
        score[v] = p->apps[m->vars[v].app].score;
    return score;
}

/* Give every entry so far an explicit coefficient 1, once. */
static int ensure_coefficients(mm_model *m, size_t need)
{
    double *coef = mm_realloc(m->row_coef, (need + 1) * sizeof *coef);

    if (!coef)
        return MM_ENOMEM;
    if (!m->row_coef)
        for (size_t k = 0; k < m->n_entries; k++)
            coef[k] = 1.0;
    m->row_coef = coef;
    return 0;
}

int mm_model_push_fixed(mm_model *m, uint32_t app)
{
    uint32_t first = m->app_first_var[app], count = m->app_first_var[app + 1] - first;
    mm_row *rows = mm_realloc(m->rows, (m->n_rows + 1) * sizeof *rows);
    uint32_t *entries = rows ? mm_realloc(m->row_vars, (m->n_entries + count + 1) * sizeof *entries)
                             : NULL;

    if (rows)
        m->rows = rows;
    if (!entries)
        return MM_ENOMEM;
    m->row_vars = entries;
    if (m->row_coef && ensure_coefficients(m, m->n_entries + count) != 0)
        return MM_ENOMEM;
    for (uint32_t k = 0; k < count; k++) {
        m->row_vars[m->n_entries + k] = first + k;
        if (m->row_coef)
            m->row_coef[m->n_entries + k] = 1.0;
    }
    m->rows[m->n_rows++] = (mm_row){MM_ROW_FIXED, MM_NONE, 1, 1, (uint32_t)m->n_entries, count};
    m->n_entries += count;
    return 0;
}

void mm_model_pop_row(mm_model *m)
{
    m->n_rows--;
    m->n_entries -= m->rows[m->n_rows].count;
}

int mm_model_without_app(const mm_model *m, size_t n_apps, uint32_t app, mm_model *out)
{
    uint32_t first = app == MM_NONE ? (uint32_t)m->n_vars : m->app_first_var[app];
    uint32_t gone = app == MM_NONE ? 0 : m->app_first_var[app + 1] - first;
    size_t entries = 0;

    memset(out, 0, sizeof *out);
    out->app_first_var = mm_malloc((n_apps + 1) * sizeof *out->app_first_var);
    out->vars = mm_malloc((m->n_vars + 1) * sizeof *out->vars);
    out->rows = mm_malloc((m->n_rows + 1) * sizeof *out->rows);
    out->row_vars = mm_malloc((m->n_entries + 1) * sizeof *out->row_vars);
    out->row_coef = m->row_coef ? mm_malloc((m->n_entries + 1) * sizeof *out->row_coef) : NULL;
    if (!out->app_first_var || !out->vars || !out->rows || !out->row_vars ||
        (m->row_coef && !out->row_coef))
        return MM_ENOMEM;
    for (size_t a = 0; a <= n_apps; a++)
        out->app_first_var[a] = m->app_first_var[a] - (m->app_first_var[a] > first ? gone : 0);
    if (m->n_vars > gone) {
        memcpy(out->vars, m->vars, first * sizeof *out->vars);
        memcpy(out->vars + first, m->vars + first + gone,
               (m->n_vars - first - gone) * sizeof *out->vars);
    }
    for (size_t r = 0; r < m->n_rows; r++) {
        mm_row row = m->rows[r];
        uint32_t begin = (uint32_t)entries;
        for (uint32_t k = 0; k < row.count; k++) {
            uint32_t v = m->row_vars[row.begin + k];
            if (v >= first && v < first + gone)
                continue;
            if (m->row_coef)
                out->row_coef[entries] = m->row_coef[row.begin + k];
            out->row_vars[entries++] = v < first ? v : v - gone;
        }
        row.begin = begin;
        row.count = (uint32_t)entries - begin;
        out->rows[r] = row;
    }
    out->n_vars = m->n_vars - gone;
    out->n_rows = m->n_rows;
    out->n_entries = entries;
    return 0;
}


int mm_model_push_cut(mm_model *m, const uint32_t *vars, const double *coef, uint32_t count,
                      int64_t lo)
{
    mm_row *rows = mm_realloc(m->rows, (m->n_rows + 1) * sizeof *rows);
    uint32_t *entries = rows ? mm_realloc(m->row_vars, (m->n_entries + count + 1) * sizeof *entries)
                             : NULL;

    if (rows)
        m->rows = rows;
    if (entries)
        m->row_vars = entries;
    if (!entries || ensure_coefficients(m, m->n_entries + count) != 0)
        return MM_ENOMEM;
    for (uint32_t k = 0; k < count; k++) {
        m->row_vars[m->n_entries + k] = vars[k];
        m->row_coef[m->n_entries + k] = coef[k];
    }
    m->rows[m->n_rows++] = (mm_row){MM_ROW_CUT, MM_NONE, lo, MM_NO_LIMIT, (uint32_t)m->n_entries, count};
    m->n_entries += count;
    return 0;
}

int mm_model_restrict(const mm_model *m, const unsigned char *keep, mm_model *out,
                      uint32_t **original)
{
    uint32_t *new_of = mm_malloc((m->n_vars + 1) * sizeof *new_of);
    size_t n = 0, entries = 0;

    memset(out, 0, sizeof *out);
    *original = mm_malloc((m->n_vars + 1) * sizeof **original);
    out->vars = mm_malloc((m->n_vars + 1) * sizeof *out->vars);
    out->rows = mm_malloc((m->n_rows + 1) * sizeof *out->rows);
    out->row_vars = mm_malloc((m->n_entries + 1) * sizeof *out->row_vars);
    out->row_coef = m->row_coef ? mm_malloc((m->n_entries + 1) * sizeof *out->row_coef) : NULL;
    if (!new_of || !*original || !out->vars || !out->rows || !out->row_vars ||
        (m->row_coef && !out->row_coef)) {
        mm_free(new_of);
        return MM_ENOMEM;
    }
    for (size_t v = 0; v < m->n_vars; v++) {
        new_of[v] = keep[v] ? (uint32_t)n : MM_NONE;
        if (keep[v]) {
            (*original)[n] = (uint32_t)v;
            out->vars[n++] = m->vars[v];
        }
    }
    for (size_t r = 0; r < m->n_rows; r++) {
        mm_row row = m->rows[r];
        uint32_t begin = (uint32_t)entries;
        for (uint32_t k = 0; k < row.count; k++) {
            uint32_t v = new_of[m->row_vars[row.begin + k]];
            if (v == MM_NONE)
                continue;
            if (m->row_coef)
                out->row_coef[entries] = m->row_coef[row.begin + k];
            out->row_vars[entries++] = v;
        }
        row.begin = begin;
        row.count = (uint32_t)entries - begin;
        out->rows[r] = row;
    }
    out->n_vars = n;
    out->n_rows = m->n_rows;
    out->n_entries = entries;
    mm_free(new_of);
    return 0;
}
