#include "stable_program.h"

#include <string.h>

#include "alloc.h"

/* sp->open of a variable that needs no row: it blocks in no solution of
 * the program, or only where another variable's rows already fail. */
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

/* ------------------------------------------------ the full-cap columns */

static uint32_t full_key(const mm_stability *st, int family, uint32_t v)
{
    return family == MM_FAMILY_ALL ? 0 : cap_key(st, family, v);
}

/* The alive variables (columns) of x's cap in a family: [*begin, *end) of
 * by_items, or of all columns for the program. */
static const uint32_t *members(const mm_stable_program *sp, int family, uint32_t key,
                               uint32_t *begin, uint32_t *end)
{
    if (family == MM_FAMILY_ALL) {
        *begin = 0;
        *end = (uint32_t)sp->n_real;
        return NULL;
    }
    *begin = sp->by_start[family][key];
    *end = sp->by_start[family][key + 1];
    return sp->by_items[family];
}

static uint32_t member(const uint32_t *items, uint32_t k)
{
    return items ? items[k] : k;
}

/* A cap of two or more places open for x. */
static int wide(const mm_stable_program *sp, int family, uint32_t x)
{
    return sp->open[x] != NEVER_BLOCKS && (sp->open[x] & mm_stable_cap_bit(family)) &&
           mm_stable_limit(sp->red->st, family, x) >= 2;
}

/* F_C for one cap: binary, and limit * F_C <= load(C), so F_C = 1 only
 * when C is full. The start's F_C is 1 when C is full there. */
static int full_column(mm_stable_program *sp, int family, uint32_t x)
{
    uint32_t key = full_key(sp->red->st, family, x), begin, end, col;
    const uint32_t *items = members(sp, family, key, &begin, &end);
    int64_t limit = mm_stable_limit(sp->red->st, family, x);
    row r = {0, 0};
    int rc;

    for (uint32_t k = begin; k < end; k++)
        put(sp, &r, member(items, k), 1.0);
    rc = add_column(sp, sp->start && start_value(sp, &r) >= (double)limit - 0.5, &col);
    if (rc != 0)
        return rc;
    put(sp, &r, col, -(double)limit);
    sp->full[family][key] = col;
    return push(sp, &r);
}

/* One F_C per cap that is wide and open for some variable. */
static int add_full_columns(mm_stable_program *sp)
{
    const mm_stability *st = sp->red->st;
    int rc = 0;

    for (int f = 0; f < MM_FAMILIES; f++) {
        size_t n_keys = f == MM_FAMILY_ALL ? 1 : sp->n_keys[f];
        sp->full[f] = mm_malloc((n_keys + 1) * sizeof *sp->full[f]);
        if (!sp->full[f])
            return MM_ENOMEM;
        for (size_t key = 0; key < n_keys; key++)
            sp->full[f][key] = MM_NONE;
    }
    for (uint32_t x = 0; rc == 0 && x < st->m->n_vars; x++)
        for (int f = 0; rc == 0 && f < MM_FAMILIES; f++)
            if (wide(sp, f, x) && sp->full[f][full_key(st, f, x)] == MM_NONE)
                rc = full_column(sp, f, x);
    return rc;
}

/* ------------------------------------------------------ x's exact rows */

/* s's alive variables in x's cap of a family, summed under `value`. */
static double self_value(const mm_stable_program *sp, int family, uint32_t x,
                         const double *value)
{
    const mm_stability *st = sp->red->st;
    const mm_student *s = &st->p->students[st->m->vars[x].student];
    uint32_t first = st->m->app_first_var[s->app_begin];
    uint32_t end = st->m->app_first_var[s->app_begin + s->app_count];
    double sum = 0;

    for (uint32_t y = first; y < end; y++)
        if (sp->local[y] != MM_NONE && mm_stable_same_cap(st, family, x, y))
            sum += value[sp->local[y]];
    return sum;
}

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

static void free_loads(double *load[MM_FAMILIES])
{
    for (int f = 0; f < MM_FAMILIES; f++)
        mm_free(load[f]);
}

/* others(C) under `value`, as put_others sums it: C's load less s's
 * variables there and m's witnesses there (all among m's variables). */
static double others_value(const mm_stable_program *sp, double *const load[MM_FAMILIES],
                           int family, uint32_t x, const double *value)
{
    const mm_stability *st = sp->red->st;
    const mm_var *var = &st->m->vars[x];
    const uint32_t *mine = sp->by_start[MM_FAMILY_MENTOR];
    double sum = load[family][full_key(st, family, x)] - self_value(sp, family, x, value);

    for (uint32_t k = mine[var->mentor]; k < mine[var->mentor + 1]; k++) {
        uint32_t local = sp->by_items[MM_FAMILY_MENTOR][k], u = sp->original[local];
        uint32_t student = st->m->vars[u].student;
        if (student != var->student && !st->caps.fixed[student] &&
            mm_stability_worse(st, u, x) && mm_stable_same_cap(st, family, x, u))
            sum -= value[local];
    }
    return sum;
}



/* What makes a wide cap C keep x from blocking: C full (F_C), no witness
 * of x in C, s not in C. z_C is at most each of F_C, 1 - w per witness w
 * and 1 - (s's variables in C), and at their minimum in an integer point. */
typedef enum { TERM_FULL, TERM_WITNESS, TERM_SELF } term_kind;

typedef struct {
    term_kind kind;
    uint32_t col;   /* the F_C column or the witness */
    double value;
} term;

/* The smallest of C's terms under `value`. */
static term least_term(const mm_stable_program *sp, int family, uint32_t x, const double *value)
{
    const mm_stability *st = sp->red->st;
    const mm_var *var = &st->m->vars[x];
    const uint32_t *mine = sp->by_start[MM_FAMILY_MENTOR];
    uint32_t col = sp->full[family][full_key(st, family, x)];
    term best = {TERM_FULL, col, value[col]};
    double self = 1 - self_value(sp, family, x, value);

    if (self < best.value)
        best = (term){TERM_SELF, MM_NONE, self};
    for (uint32_t k = mine[var->mentor]; k < mine[var->mentor + 1]; k++) {
        uint32_t local = sp->by_items[MM_FAMILY_MENTOR][k], u = sp->original[local];
        uint32_t student = st->m->vars[u].student;
        if (student != var->student && !st->caps.fixed[student] && 1 - value[local] < best.value &&
            mm_stability_worse(st, u, x) && mm_stable_same_cap(st, family, x, u))
            best = (term){TERM_WITNESS, local, 1 - value[local]};
    }
    return best;
}

/* x's theta and, per open cap, others(C), under `value`: both rows start
 * from them. */
typedef struct {
    double theta, others[MM_FAMILIES];
} sums;

static sums sums_of(mm_stable_program *sp, double *const load[MM_FAMILIES], uint32_t x,
                    const double *value)
{
    row r = {0, 0};
    sums out = {0, {0}};

    put_theta(sp, &r, x, 1.0);
    for (uint32_t k = 0; k < r.n; k++)
        out.theta += value[sp->vars[k]];
    for (int f = 0; f < MM_FAMILIES; f++)
        if (sp->open[x] & mm_stable_cap_bit(f))
            out.others[f] = others_value(sp, load, f, x, value);
    return out;
}

/* theta + the unit caps' others(C) + each wide cap's least term, under
 * `value`, the terms in terms[family]. A unit cap's others(C) is 0 or 1
 * (its row caps it): exactly its z. */
static double row_value(mm_stable_program *sp, const sums *sum, uint32_t x, const double *value,
                        term *terms)
{
    double total = sum->theta;

    for (int f = 0; f < MM_FAMILIES; f++) {
        if (!(sp->open[x] & mm_stable_cap_bit(f)))
            continue;
        if (wide(sp, f, x)) {
            terms[f] = least_term(sp, f, x, value);
            total += terms[f].value;
        } else {
            total += sum->others[f];
        }
    }
    return total;
}

/* The row: theta + unit others + per wide cap F_C, or 1 - w, or 1 - self >= 1. */
static int push_exact(mm_stable_program *sp, uint32_t x, const term *terms)
{
    const mm_stability *st = sp->red->st;
    row r = {0, 1};

    put_theta(sp, &r, x, 1.0);
    for (int f = 0; f < MM_FAMILIES; f++) {
        if (!(sp->open[x] & mm_stable_cap_bit(f)))
            continue;
        if (!wide(sp, f, x)) {
            put_others(sp, &r, f, x);
        } else if (terms[f].kind == TERM_FULL) {
            put(sp, &r, terms[f].col, 1.0);
        } else if (terms[f].kind == TERM_WITNESS) {
            put(sp, &r, terms[f].col, -1.0);
            r.lo--;
        } else {
            const mm_student *s = &st->p->students[st->m->vars[x].student];
            uint32_t first = st->m->app_first_var[s->app_begin];
            uint32_t end = st->m->app_first_var[s->app_begin + s->app_count];
            for (uint32_t y = first; y < end; y++)
                if (sp->local[y] != MM_NONE && mm_stable_same_cap(st, f, x, y))
                    put(sp, &r, sp->local[y], -1.0);
            r.lo--;
        }
    }
    merge(sp, &r);
    sp->n_cuts++;
    return push(sp, &r);
}
/* theta + sum over open caps of others(C) / cap(C): at least 1 in every
 * stable matching (each z_C is at most others(C) / cap(C)), so a valid
 * row too, and on wide caps it bounds what the F_C rows leave. */
static double projected_value(const mm_stable_program *sp, const sums *sum, uint32_t x)
{
    const mm_stability *st = sp->red->st;
    double total = sum->theta;

    for (int f = 0; f < MM_FAMILIES; f++)
        if (sp->open[x] & mm_stable_cap_bit(f))
            total += sum->others[f] / (double)mm_stable_limit(st, f, x);
    return total;
}

static int push_projected(mm_stable_program *sp, uint32_t x)
{
    const mm_stability *st = sp->red->st;
    row r = {0, 1};

    put_theta(sp, &r, x, 1.0);
    for (int f = 0; f < MM_FAMILIES; f++) {
        uint32_t from = r.n;
        if (!(sp->open[x] & mm_stable_cap_bit(f)))
            continue;
        put_others(sp, &r, f, x);
        for (uint32_t k = from; k < r.n; k++)
            sp->coef[k] = 1.0 / (double)mm_stable_limit(st, f, x);
    }
    merge(sp, &r);
    sp->n_cuts++;
    return push(sp, &r);
}

/* x's exact row when `value` misses it by more than eps; at a fractional
 * point, also the projected row when that is missed. */
static int separate(mm_stable_program *sp, double *const load[MM_FAMILIES], uint32_t x,
                    const double *value, double eps)
{
    term terms[MM_FAMILIES];
    sums sum;
    int rc = 0;

    if (sp->open[x] == NEVER_BLOCKS)
        return 0;
    sum = sums_of(sp, load, x, value);
    if (row_value(sp, &sum, x, value, terms) < 1 - eps)
        rc = push_exact(sp, x, terms);
    if (rc == 0 && projected_value(sp, &sum, x) < 1 - eps)
        rc = push_projected(sp, x);
    return rc;
}

int mm_stable_program_cut(mm_stable_program *sp, uint32_t x, const double *value)
{
    double *load[MM_FAMILIES] = {0};
    int rc = cap_loads(sp, value, load);

    if (rc == 0)
        rc = separate(sp, load, x, value, 0.5);
    free_loads(load);
    return rc;
}

int mm_stable_program_separate_lazy(mm_stable_program *sp, const double *value, double eps,
                                    size_t *added)
{
    double *load[MM_FAMILIES] = {0};
    size_t before = sp->n_cuts;
    int rc = cap_loads(sp, value, load);

    for (size_t k = 0; rc == 0 && k < sp->n_needs; k++)
        rc = separate(sp, load, sp->needs[k], value, eps);
    free_loads(load);
    *added = sp->n_cuts - before;
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

/* The variables that need rows: the lazy rows' search visits only these. */
static int list_needs(mm_stable_program *sp)
{
    size_t n = sp->red->st->m->n_vars;

    sp->n_needs = 0;
    for (uint32_t x = 0; x < n; x++)
        sp->n_needs += sp->open[x] != NEVER_BLOCKS;
    sp->needs = mm_malloc((sp->n_needs + 1) * sizeof *sp->needs);
    if (!sp->needs)
        return MM_ENOMEM;
    sp->n_needs = 0;
    for (uint32_t x = 0; x < n; x++)
        if (sp->open[x] != NEVER_BLOCKS)
            sp->needs[sp->n_needs++] = x;
    return 0;
}

/* A student with no alive variable holds nothing in any solution. Of such
 * students' variables in one project (idea, mentor), the one whose student
 * the mentor ranks highest has the strongest rows: the same caps, more
 * witnesses, so fewer others and no more open caps; and whenever another
 * blocks, it blocks too (a witness of the lower student is one of the
 * higher's). The others need no row of their own. */
static int skip_dominated(mm_stable_program *sp)
{
    const mm_stability *st = sp->red->st;
    size_t n = st->m->n_vars, n_projects = st->p->n_idea_mentors;
    unsigned char *has_alive = mm_calloc(st->p->n_students + 1, 1);
    uint32_t *top = mm_malloc((n_projects + 1) * sizeof *top);

    if (!has_alive || !top) {
        mm_free(has_alive);
        mm_free(top);
        return MM_ENOMEM;
    }
    for (size_t k = 0; k < sp->n_real; k++)
        has_alive[sp->model.vars[k].student] = 1;
    for (size_t e = 0; e < n_projects; e++)
        top[e] = MM_NONE;
    for (uint32_t x = 0; x < n; x++) {
        uint32_t *t = &top[st->project[x]];
        if (sp->open[x] == NEVER_BLOCKS || has_alive[st->m->vars[x].student])
            continue;
        if (*t == MM_NONE || mm_stability_worse(st, *t, x)) {
            if (*t != MM_NONE)
                sp->open[*t] = NEVER_BLOCKS;
            *t = x;
        } else {
            sp->open[x] = NEVER_BLOCKS;
        }
    }
    mm_free(has_alive);
    mm_free(top);
    return 0;
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
    sp->open = mm_malloc(n + 1);
    /* A projected row lists theta and each family's others before merging. */
    sp->vars = mm_malloc(ROW_ROOM(sp->n_real) * sizeof *sp->vars);
    sp->coef = mm_malloc(ROW_ROOM(sp->n_real) * sizeof *sp->coef);
    if (rc == 0 && (!sp->local || !sp->open || !sp->vars || !sp->coef))
        rc = MM_ENOMEM;
    if (rc != 0)
        return rc;
    for (size_t v = 0; v < n; v++)
        sp->local[v] = MM_NONE;
    for (size_t k = 0; k < sp->n_real; k++)
        sp->local[sp->original[k]] = (uint32_t)k;
    fill_open(sp);
    rc = skip_dominated(sp);
    if (rc == 0)
        rc = list_needs(sp);
    if (rc == 0)
        rc = index_family(sp, MM_FAMILY_PROJECT, st->p->n_ideas);
    if (rc == 0)
        rc = index_family(sp, MM_FAMILY_GROUP, st->p->n_orgs);
    if (rc == 0)
        rc = index_family(sp, MM_FAMILY_MENTOR, st->p->n_mentors);
    if (rc == 0)
        rc = map_start(sp, start);
    if (rc == 0)
        rc = add_full_columns(sp);
    /* merge's accumulator, over every column, F_C included */
    if (rc == 0 && !(sp->acc = mm_calloc(sp->model.n_vars + 1, sizeof *sp->acc)))
        rc = MM_ENOMEM;
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
    for (int f = 0; f < MM_FAMILIES; f++)
        mm_free(sp->full[f]);
    mm_free(sp->open);
    mm_free(sp->needs);
    mm_free(sp->acc);
    mm_free(sp->start);
    mm_free(sp->vars);
    mm_free(sp->coef);
    memset(sp, 0, sizeof *sp);
}
