#include "stable_program.h"

#include <string.h>

#include "alloc.h"

/* sp->open of a variable that blocks in no solution of the program. */
#define NEVER_BLOCKS 0xff

/* The alive variables of a cap, by family: ideas, orgs, mentors (CSR). */
static uint32_t cap_key(const mm_stability *st, int family, uint32_t v)
{
    uint32_t idea = st->p->apps[st->m->vars[v].app].idea;

    return family == MM_FAMILY_PROJECT ? idea
           : family == MM_FAMILY_GROUP ? st->p->ideas[idea].org
                                       : st->m->vars[v].mentor;
}

static int index_family(mm_stable_program *sp, int family, size_t n_keys)
{
    const mm_stability *st = sp->red->st;
    uint32_t *start = mm_calloc(n_keys + 2, sizeof *start);
    uint32_t *items = mm_malloc((sp->n_real + 1) * sizeof *items);

    sp->n_keys[family] = n_keys;
    sp->by_start[family] = start;
    sp->by_items[family] = items;
    if (!start || !items)
        return MM_ENOMEM;
    for (size_t k = 0; k < sp->n_real; k++) {
        uint32_t key = cap_key(st, family, sp->original[k]);
        if (key != MM_NONE)
            start[key + 2]++;
    }
    for (size_t k = 0; k < n_keys; k++)
        start[k + 2] += start[k + 1];
    for (size_t k = 0; k < sp->n_real; k++) {
        uint32_t key = cap_key(st, family, sp->original[k]);
        if (key != MM_NONE)
            items[start[key + 1]++] = (uint32_t)k;
    }
    return 0;
}

/* ------------------------------------------------------------ the rows */

typedef struct {
    uint32_t n;
    int64_t lo;
} row;

static void put(mm_stable_program *sp, row *r, uint32_t col, double coef)
{
    sp->vars[r->n] = col;
    sp->coef[r->n++] = coef;
}

/* theta: s's alive variables as good as x, each with `coef`. */
static void put_theta(mm_stable_program *sp, row *r, uint32_t x, double coef)
{
    const mm_stability *st = sp->red->st;
    const mm_student *s = &st->p->students[st->m->vars[x].student];
    uint32_t first = st->m->app_first_var[s->app_begin];
    uint32_t end = st->m->app_first_var[s->app_begin + s->app_count];

    for (uint32_t y = first; y < end; y++)
        if (sp->local[y] != MM_NONE && (y == x || mm_stability_prefers(st, y, x)))
            put(sp, r, sp->local[y], coef);
}

/* others(C): C's alive variables of other students that cannot witness x. */
static void put_others(mm_stable_program *sp, row *r, int family, uint32_t x)
{
    const mm_stability *st = sp->red->st;
    const mm_var *var = &st->m->vars[x];
    uint32_t begin = 0, end = (uint32_t)sp->n_real, key = cap_key(st, family, x);

    if (family != MM_FAMILY_ALL) {
        begin = sp->by_start[family][key];
        end = sp->by_start[family][key + 1];
    }
    for (uint32_t k = begin; k < end; k++) {
        uint32_t local = family == MM_FAMILY_ALL ? k : sp->by_items[family][k];
        uint32_t u = sp->original[local], student = st->m->vars[u].student;
        int witness = st->m->vars[u].mentor == var->mentor && !st->caps.fixed[student] &&
                      mm_stability_worse(st, u, x);
        if (student != var->student && !witness)
            put(sp, r, local, 1.0);
    }
}

/* The value of a row under the start. */
static double start_value(const mm_stable_program *sp, const row *r)
{
    double sum = 0;

    for (uint32_t k = 0; k < r->n; k++)
        sum += sp->coef[k] * sp->start[sp->vars[k]];
    return sum;
}

static int push(mm_stable_program *sp, const row *r)
{
    return mm_model_push_cut(&sp->model, sp->vars, sp->coef, r->n, r->lo);
}

/* A binary column outside the matching (no student, idea or mentor). */
static int add_column(mm_stable_program *sp, unsigned char start, uint32_t *col)
{
    size_t n = sp->model.n_vars;
    mm_var *vars = mm_realloc(sp->model.vars, (n + 2) * sizeof *vars);
    unsigned char *st = sp->start ? mm_realloc(sp->start, n + 2) : NULL;

    if (vars)
        sp->model.vars = vars;
    if (sp->start && st)
        sp->start = st;
    if (!vars || (sp->start && !st))
        return MM_ENOMEM;
    vars[n] = (mm_var){MM_NONE, MM_NONE, MM_NONE};
    if (sp->start)
        sp->start[n] = start;
    *col = (uint32_t)n;
    sp->model.n_vars = n + 1;
    return 0;
}

/* Merge a row's repeated columns (a variable can lie in several caps)
 * into one coefficient each, in place, as GLPK wants. */
static void merge(mm_stable_program *sp, row *r)
{
    uint32_t n = 0;

    for (uint32_t k = 0; k < r->n; k++)
        sp->acc[sp->vars[k]] += sp->coef[k];
    for (uint32_t k = 0; k < r->n; k++) {
        uint32_t col = sp->vars[k];
        if (sp->acc[col] != 0) {
            sp->coef[n] = sp->acc[col];
            sp->vars[n++] = col; /* n <= k: never overtakes the reading */
            sp->acc[col] = 0;
        }
    }
    r->n = n;
}

/* scale * (theta + sum over the caps in `caps` of others(C) / cap(C)),
 * merged. A unit cap's others(C) is 0 or 1 (its row caps it), so it is
 * exactly that cap's z and needs no column. */
static void put_cover(mm_stable_program *sp, row *r, uint32_t x, unsigned caps, double scale)
{
    const mm_stability *st = sp->red->st;

    put_theta(sp, r, x, scale);
    for (int f = 0; f < MM_FAMILIES; f++) {
        uint32_t from = r->n;
        if (!(caps & mm_stable_cap_bit(f)))
            continue;
        put_others(sp, r, f, x);
        for (uint32_t k = from; k < r->n; k++)
            sp->coef[k] = scale / (double)mm_stable_limit(st, f, x);
    }
    merge(sp, r);
}

/* The open caps of x holding two or more: only these need a z column. */
static unsigned wide_caps(const mm_stable_program *sp, uint32_t x)
{
    unsigned wide = 0;

    for (int f = 0; f < MM_FAMILIES; f++)
        if ((sp->open[x] & mm_stable_cap_bit(f)) && mm_stable_limit(sp->red->st, f, x) >= 2)
            wide |= mm_stable_cap_bit(f);
    return wide;
}

/* With two or more wide caps: one z per wide cap, then theta + the unit
 * caps' others + sum z >= 1. The start's z is 1 on the first cap that
 * keeps x from blocking there. */
static int cut_with_columns(mm_stable_program *sp, uint32_t x, unsigned wide)
{
    const mm_stability *st = sp->red->st;
    uint32_t z[MM_FAMILIES];
    unsigned n_z = 0;
    int need = 1, rc = 0;
    row r = {0, 1};

    if (sp->start) {
        put_cover(sp, &r, x, sp->open[x] & ~wide, 1.0);
        need = start_value(sp, &r) < 0.5;
    }
    for (int f = 0; rc == 0 && f < MM_FAMILIES; f++) {
        int64_t limit = mm_stable_limit(st, f, x);
        int on = 0;
        if (!(wide & mm_stable_cap_bit(f)))
            continue;
        r = (row){0, 0};
        put_others(sp, &r, f, x);
        if (sp->start && need && start_value(sp, &r) >= (double)limit - 0.5)
            need = 0, on = 1;
        rc = add_column(sp, (unsigned char)on, &z[n_z]);
        if (rc == 0) {
            put(sp, &r, z[n_z++], -(double)limit);
            rc = push(sp, &r);
        }
    }
    r = (row){0, 1};
    put_cover(sp, &r, x, sp->open[x] & ~wide, 1.0);
    for (unsigned k = 0; k < n_z; k++)
        put(sp, &r, z[k], 1.0);
    if (sp->start && need) {
        mm_free(sp->start); /* not stable after all: no incumbent */
        sp->start = NULL;
    }
    return rc ? rc : push(sp, &r);
}

int mm_stable_program_cut(mm_stable_program *sp, uint32_t x)
{
    const mm_stability *st = sp->red->st;
    unsigned wide;
    int64_t scale = 1;
    row r = {0, 1};

    if (sp->has_cut[x] || sp->open[x] == NEVER_BLOCKS)
        return 0;
    sp->has_cut[x] = 1;
    sp->n_cuts++;
    wide = wide_caps(sp, x);
    if (wide & (wide - 1))
        return cut_with_columns(sp, x, wide);
    /* At most one wide cap C: scaled by cap(C), the row has integer
     * coefficients; with none it is theta + the unit caps' others >= 1. */
    for (int f = 0; f < MM_FAMILIES; f++)
        if (wide == mm_stable_cap_bit(f))
            scale = mm_stable_limit(st, f, x);
    put_cover(sp, &r, x, sp->open[x], (double)scale);
    r.lo = scale;
    return push(sp, &r);
}

/* ---------------------------------------------------------- separation */

/* Per family, each cap's load under `value`; the program's in load[ALL][0]. */
static int cap_loads(const mm_stable_program *sp, const double *value, double *load[MM_FAMILIES])
{
    for (int f = 0; f < MM_FAMILIES; f++) {
        size_t n_keys = f == MM_FAMILY_ALL ? 1 : sp->n_keys[f];
        load[f] = mm_calloc(n_keys + 1, sizeof *load[f]);
        if (!load[f])
            return MM_ENOMEM;
        for (size_t key = 0; f != MM_FAMILY_ALL && key < n_keys; key++)
            for (uint32_t k = sp->by_start[f][key]; k < sp->by_start[f][key + 1]; k++)
                load[f][key] += value[sp->by_items[f][k]];
    }
    for (size_t k = 0; k < sp->n_real; k++)
        load[MM_FAMILY_ALL][0] += value[k];
    return 0;
}

/* others(C) under `value`, as put_others sums it: C's load less s's
 * variables there and m's witnesses there (all among m's variables). */
static double others_value(const mm_stable_program *sp, double *const load[MM_FAMILIES],
                           int family, uint32_t x, const double *value)
{
    const mm_stability *st = sp->red->st;
    const mm_var *var = &st->m->vars[x];
    const mm_student *s = &st->p->students[var->student];
    uint32_t first = st->m->app_first_var[s->app_begin];
    uint32_t end = st->m->app_first_var[s->app_begin + s->app_count];
    const uint32_t *mine = sp->by_start[MM_FAMILY_MENTOR];
    double sum = load[family][family == MM_FAMILY_ALL ? 0 : cap_key(st, family, x)];

    for (uint32_t y = first; y < end; y++)
        if (sp->local[y] != MM_NONE && mm_stable_same_cap(st, family, x, y))
            sum -= value[sp->local[y]];
    for (uint32_t k = mine[var->mentor]; k < mine[var->mentor + 1]; k++) {
        uint32_t local = sp->by_items[MM_FAMILY_MENTOR][k], u = sp->original[local];
        uint32_t student = st->m->vars[u].student;
        if (student != var->student && !st->caps.fixed[student] &&
            mm_stability_worse(st, u, x) && mm_stable_same_cap(st, family, x, u))
            sum -= value[local];
    }
    return sum;
}

/* theta + sum over open caps of min(1, others(C) / cap(C)): at least 1
 * exactly when some z meets x's constraint at `value`. */
static double cover(mm_stable_program *sp, double *const load[MM_FAMILIES], uint32_t x,
                    const double *value)
{
    const mm_stability *st = sp->red->st;
    row r = {0, 0};
    double sum = 0;
    unsigned open;

    put_theta(sp, &r, x, 1.0);
    for (uint32_t k = 0; k < r.n; k++)
        sum += value[sp->vars[k]];
    open = sum < 1 ? sp->open[x] : 0;
    for (int f = 0; f < MM_FAMILIES && sum < 1; f++) {
        int64_t limit = mm_stable_limit(st, f, x);
        double share;
        if (!(open & mm_stable_cap_bit(f)))
            continue;
        share = limit <= 0 ? 1 : others_value(sp, load, f, x, value) / (double)limit;
        sum += share < 1 ? share : 1;
    }
    return sum;
}

/* x's constraint with z projected out: theta + sum_C others(C) / cap(C)
 * >= 1. */
static int weak_cut(mm_stable_program *sp, uint32_t x)
{
    row r = {0, 1};

    sp->has_weak[x] = 1;
    sp->n_weak++;
    put_cover(sp, &r, x, sp->open[x], 1.0);
    return push(sp, &r);
}

int mm_stable_program_separate_lazy(mm_stable_program *sp, const double *value, double eps,
                                    size_t *added)
{
    const mm_stability *st = sp->red->st;
    double *load[MM_FAMILIES] = {0};
    size_t before = sp->n_cuts + sp->n_weak;
    int rc = cap_loads(sp, value, load);

    for (uint32_t x = 0; rc == 0 && x < st->m->n_vars; x++) {
        unsigned wide;
        if (sp->has_cut[x] || sp->has_weak[x] || sp->open[x] == NEVER_BLOCKS)
            continue;
        if (cover(sp, load, x, value) >= 1 - eps)
            continue;
        wide = wide_caps(sp, x);
        rc = wide & (wide - 1) ? weak_cut(sp, x) : mm_stable_program_cut(sp, x);
    }
    for (int f = 0; f < MM_FAMILIES; f++)
        mm_free(load[f]);
    *added = sp->n_cuts + sp->n_weak - before;
    return rc;
}

/* ---------------------------------------------------------- the start */

static int row_holds(const mm_stable_program *sp, const mm_row *r)
{
    const mm_model *m = &sp->model;
    double sum = 0;

    for (uint32_t k = 0; k < r->count; k++)
        sum += (m->row_coef ? m->row_coef[r->begin + k] : 1.0) *
               sp->start[m->row_vars[r->begin + k]];
    return sum >= (double)r->lo - 1e-9 && (r->hi == MM_NO_LIMIT || sum <= (double)r->hi + 1e-9);
}

const unsigned char *mm_stable_program_start(const mm_stable_program *sp)
{
    for (size_t r = 0; sp->start && r < sp->model.n_rows; r++)
        if (!row_holds(sp, &sp->model.rows[r]))
            return NULL;
    return sp->start;
}

/* ------------------------------------------------------------- set-up */

static int map_start(mm_stable_program *sp, const unsigned char *start)
{
    const mm_model *full = sp->red->st->m;

    if (!start)
        return 0;
    for (size_t v = 0; v < full->n_vars; v++)
        if (start[v] && sp->local[v] == MM_NONE)
            return 0; /* a stable matching uses no dead variable; this one is not */
    sp->start = mm_malloc(sp->n_real + 1);
    if (!sp->start)
        return MM_ENOMEM;
    for (size_t k = 0; k < sp->n_real; k++)
        sp->start[k] = start[sp->original[k]];
    return 0;
}

/* Each variable's open caps, or NEVER_BLOCKS. */
static void fill_open(mm_stable_program *sp)
{
    const mm_stability *st = sp->red->st;

    for (uint32_t x = 0; x < st->m->n_vars; x++) {
        uint32_t s = st->m->vars[x].student, floor = sp->red->floor[s];
        unsigned open = 0;
        int never = st->caps.fixed[s] ||
                    (floor != MM_NONE && (floor == x || mm_stability_prefers(st, floor, x)));
        if (!never)
            open = mm_stable_open_caps(sp->red, x);
        for (int f = 0; !never && f < MM_FAMILIES; f++)
            never = (open & mm_stable_cap_bit(f)) && mm_stable_limit(st, f, x) <= 0;
        sp->open[x] = never ? NEVER_BLOCKS : (unsigned char)open;
    }
}

/* Each floor: s holds that variable or a better one. */
static int add_floors(mm_stable_program *sp)
{
    const mm_stability *st = sp->red->st;
    int rc = 0;

    for (size_t s = 0; rc == 0 && s < st->p->n_students; s++) {
        row r = {0, 1};
        if (sp->red->floor[s] == MM_NONE)
            continue;
        put_theta(sp, &r, sp->red->floor[s], 1.0);
        rc = push(sp, &r);
    }
    return rc;
}

/* Rows that cannot bind over the alive variables (at most their cap of
 * them, no floor) only slow the LPs down: the restricted model keeps every
 * row of the full one. */
static void drop_idle_rows(mm_model *m)
{
    size_t kept = 0;

    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *each = &m->rows[r];
        int idle = !m->row_coef && each->lo <= 0 &&
                   (each->hi == MM_NO_LIMIT || (int64_t)each->count <= each->hi);
        if (!idle)
            m->rows[kept++] = *each;
    }
    m->n_rows = kept;
}

#define ROW_ROOM(n) ((MM_FAMILIES + 1) * ((n) + 1))

int mm_stable_program_init(mm_stable_program *sp, const mm_stable_reducer *red,
                           const unsigned char *start)
{
    const mm_stability *st = red->st;
    size_t n = st->m->n_vars;
    int rc;

    memset(sp, 0, sizeof *sp);
    sp->red = red;
    rc = mm_model_restrict(st->m, red->alive, &sp->model, &sp->original);
    drop_idle_rows(&sp->model);
    sp->n_real = sp->model.n_vars;
    sp->local = mm_malloc((n + 1) * sizeof *sp->local);
    sp->has_cut = mm_calloc(n + 1, 1);
    sp->has_weak = mm_calloc(n + 1, 1);
    sp->open = mm_malloc(n + 1);
    sp->acc = mm_calloc(sp->n_real + 1, sizeof *sp->acc);
    /* A projected row lists theta and each family's others before merging. */
    sp->vars = mm_malloc(ROW_ROOM(sp->n_real) * sizeof *sp->vars);
    sp->coef = mm_malloc(ROW_ROOM(sp->n_real) * sizeof *sp->coef);
    if (rc == 0 && (!sp->local || !sp->has_cut || !sp->has_weak || !sp->open || !sp->acc || !sp->vars ||
                    !sp->coef))
        rc = MM_ENOMEM;
    if (rc != 0)
        return rc;
    for (size_t v = 0; v < n; v++)
        sp->local[v] = MM_NONE;
    for (size_t k = 0; k < sp->n_real; k++)
        sp->local[sp->original[k]] = (uint32_t)k;
    fill_open(sp);
    rc = index_family(sp, MM_FAMILY_PROJECT, st->p->n_ideas);
    if (rc == 0)
        rc = index_family(sp, MM_FAMILY_GROUP, st->p->n_orgs);
    if (rc == 0)
        rc = index_family(sp, MM_FAMILY_MENTOR, st->p->n_mentors);
    if (rc == 0)
        rc = map_start(sp, start);
    return rc == 0 ? add_floors(sp) : rc;
}

void mm_stable_program_dispose(mm_stable_program *sp)
{
    for (int f = 0; f < MM_FAMILIES - 1; f++) {
        mm_free(sp->by_start[f]);
        mm_free(sp->by_items[f]);
    }
    mm_model_dispose(&sp->model);
    mm_free(sp->original);
    mm_free(sp->local);
    mm_free(sp->has_cut);
    mm_free(sp->has_weak);
    mm_free(sp->open);
    mm_free(sp->acc);
    mm_free(sp->start);
    mm_free(sp->vars);
    mm_free(sp->coef);
    memset(sp, 0, sizeof *sp);
}
