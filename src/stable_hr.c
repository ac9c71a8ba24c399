#include "stable_hr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* ------------------------------------------------------------ the shape */

/* A cap that can never fill: no more than all the mentors hold, nor than
 * the students, can be placed. */
static int wide_open(int64_t slots, int64_t most)
{
    return slots == MM_NO_LIMIT || slots >= most;
}

static int64_t most_placed(const mm_problem *p)
{
    int64_t held = 0;

    for (size_t k = 0; k < p->n_mentors && held < (int64_t)p->n_students; k++)
        held += p->mentors[k].capacity > 0 ? p->mentors[k].capacity : 0;
    return held < (int64_t)p->n_students ? held : (int64_t)p->n_students;
}

/* Rows other than the contract's caps, or with a floor, leave the shape. */
static int plain_rows(const mm_model *m)
{
    for (size_t r = 0; r < m->n_rows; r++)
        if (m->rows[r].lo > 0 || m->rows[r].kind > MM_ROW_PROGRAM)
            return 0;
    return 1;
}

/* Each student's variables have distinct mentors (lists are short). */
static int one_var_per_mentor(const mm_model *m)
{
    for (size_t v = 0; v < m->n_vars; v++)
        for (size_t u = v + 1; u < m->n_vars && m->vars[u].student == m->vars[v].student; u++)
            if (m->vars[u].mentor == m->vars[v].mentor)
                return 0;
    return 1;
}

/* Per mentor, her places as a hospital: her capacity when every idea of
 * hers with a variable has at least as many slots, else her only idea's
 * slots when below; 0 (and the shape fails) otherwise.
 * @return non-zero when every mentor's caps act as one */
static int fill_places(const mm_stability *st, int64_t *places, uint32_t *idea)
{
    const mm_problem *p = st->p;
    int ok = 1;

    for (size_t k = 0; k < p->n_mentors; k++) {
        places[k] = p->mentors[k].capacity;
        idea[k] = MM_NONE;
    }
    for (size_t v = 0; v < st->m->n_vars; v++) {
        uint32_t k = st->m->vars[v].mentor, i = p->apps[st->m->vars[v].app].idea;
        if (idea[k] == MM_NONE)
            idea[k] = i;
        else if (idea[k] != i)
            idea[k] = MM_NONE - 1; /* several ideas */
    }
    for (size_t v = 0; ok && v < st->m->n_vars; v++) {
        uint32_t k = st->m->vars[v].mentor;
        int64_t slots = p->ideas[p->apps[st->m->vars[v].app].idea].slots;
        if (idea[k] != MM_NONE - 1 && slots < places[k])
            places[k] = slots;
        ok = slots >= places[k];
    }
    for (size_t k = 0; k < p->n_mentors; k++)
        places[k] = places[k] > 0 ? places[k] : 0;
    return ok;
}

int mm_stable_hr_places(const mm_stability *st, int64_t *places)
{
    uint32_t *idea = mm_malloc((st->p->n_mentors + 1) * sizeof *idea);
    int rc = !idea ? MM_ENOMEM : fill_places(st, places, idea) ? 0 : MM_EINTERNAL;

    mm_free(idea);
    return rc;
}

int mm_stable_hr_applies(const mm_stability *st)
{
    const mm_problem *p = st->p;
    int64_t *places = mm_malloc((p->n_mentors + 1) * sizeof *places);
    uint32_t *idea = mm_malloc((p->n_mentors + 1) * sizeof *idea);
    int64_t most = most_placed(p);
    int ok = places && idea && wide_open(p->program_slots, most) &&
             plain_rows(st->m) && one_var_per_mentor(st->m);

    for (size_t i = 0; ok && i < p->n_ideas; i++)
        ok = p->ideas[i].mentor_count <= 1 &&
             (p->ideas[i].org == MM_NONE || wide_open(p->orgs[p->ideas[i].org].slots, most));
    ok = ok && fill_places(st, places, idea);
    mm_free(places);
    mm_free(idea);
    return ok;
}

/* ------------------------------------------------------------- the LP */

typedef struct {
    const mm_stability *st;
    int64_t *places;
    uint32_t *first;       /* per full variable: its first clone column (CSR) */
    uint32_t *by_mentor;   /* variables by mentor, each mentor's best first */
    uint32_t *mentor_at;   /* per mentor: where hers start in by_mentor (CSR) */
    uint32_t *rank;        /* per variable: its place in its mentor's order */
    uint32_t *ladder;      /* per mentor: her first ladder column */
    size_t n_clones;       /* columns before the ladders */
    mm_model lp;
    size_t room;           /* entries allocated in lp.row_vars and row_coef */
} clones;

typedef struct {
    double key;
    uint32_t mentor, pos, var;
} ranked;

/* By mentor, then her order, best first (mm_stability_worse's order). */
static int by_mentor_order(const void *a, const void *b)
{
    const ranked *x = a, *y = b;

    if (x->mentor != y->mentor)
        return x->mentor < y->mentor ? -1 : 1;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int mm_stable_mentor_order(const mm_stability *st, uint32_t *by_mentor, uint32_t *mentor_at,
                           uint32_t *rank)
{
    size_t n = st->m->n_vars, n_mentors = st->p->n_mentors;
    ranked *all = mm_malloc((n + 1) * sizeof *all);

    if (!all)
        return MM_ENOMEM;
    memset(mentor_at, 0, (n_mentors + 2) * sizeof *mentor_at);
    for (uint32_t v = 0; v < n; v++) {
        all[v] = (ranked){st->key[v], st->m->vars[v].mentor, st->id_pos[st->m->vars[v].student], v};
        mentor_at[st->m->vars[v].mentor + 1]++;
    }
    for (size_t k = 0; k < n_mentors; k++)
        mentor_at[k + 1] += mentor_at[k];
    qsort(all, n, sizeof *all, by_mentor_order);
    for (uint32_t j = 0; j < n; j++) {
        by_mentor[j] = all[j].var;
        rank[all[j].var] = j - mentor_at[st->m->vars[all[j].var].mentor];
    }
    mm_free(all);
    return 0;
}

static int index_mentors(clones *c)
{
    const mm_stability *st = c->st;
    size_t n = st->m->n_vars, n_mentors = st->p->n_mentors;

    c->by_mentor = mm_malloc((n + 1) * sizeof *c->by_mentor);
    c->rank = mm_malloc((n + 1) * sizeof *c->rank);
    c->mentor_at = mm_calloc(n_mentors + 2, sizeof *c->mentor_at);
    c->first = mm_malloc((n + 1) * sizeof *c->first);
    if (!c->by_mentor || !c->rank || !c->mentor_at || !c->first ||
        mm_stable_mentor_order(st, c->by_mentor, c->mentor_at, c->rank) != 0)
        return MM_ENOMEM;
    c->first[0] = 0;
    for (size_t v = 0; v < n; v++)
        c->first[v + 1] = c->first[v] + (uint32_t)c->places[st->m->vars[v].mentor];
    return 0;
}

/* The clones, then per mentor and place a ladder: column r of place p
 * sums the clones at p of her r + 1 best students, so a stability row
 * names one column for "p holds someone she prefers" and the program
 * stays linear in size. The ladders are fixed by the clones: the same
 * polytope, the same vertices. */
static uint32_t ladder_col(const clones *c, uint32_t mentor, uint32_t place, uint32_t rank)
{
    uint32_t degree = c->mentor_at[mentor + 1] - c->mentor_at[mentor];

    return c->ladder[mentor] + place * degree + rank;
}

static int columns(clones *c)
{
    const mm_model *m = c->st->m;
    size_t n_mentors = c->st->p->n_mentors, n_cols = c->first[m->n_vars];

    c->n_clones = n_cols;
    c->ladder = mm_malloc((n_mentors + 1) * sizeof *c->ladder);
    if (!c->ladder)
        return MM_ENOMEM;
    for (size_t k = 0; k < n_mentors; k++) {
        c->ladder[k] = (uint32_t)n_cols;
        n_cols += (size_t)c->places[k] * (c->mentor_at[k + 1] - c->mentor_at[k]);
    }
    if (n_cols >= UINT32_MAX / 2)
        return MM_ENOMEM;
    c->lp.vars = mm_malloc((n_cols + 1) * sizeof *c->lp.vars);
    if (!c->lp.vars)
        return MM_ENOMEM;
    for (size_t col = c->n_clones; col < n_cols; col++)
        c->lp.vars[col] = (mm_var){MM_NONE, MM_NONE, MM_NONE};
    for (size_t v = 0; v < m->n_vars; v++)
        for (uint32_t col = c->first[v]; col < c->first[v + 1]; col++)
            c->lp.vars[col] = m->vars[v];
    c->lp.n_vars = n_cols;
    return 0;
}

/* Start a row; entries follow with put_entry. */
static int open_row(clones *c, size_t count, int64_t lo, int64_t hi)
{
    mm_model *lp = &c->lp;
    mm_row *rows = mm_realloc(lp->rows, (lp->n_rows + 1) * sizeof *rows);

    if (!rows)
        return MM_ENOMEM;
    lp->rows = rows;
    if (lp->n_entries + count > c->room) {
        size_t room = 2 * (lp->n_entries + count) + 16;
        uint32_t *entries = mm_realloc(lp->row_vars, room * sizeof *entries);
        double *coef = entries ? mm_realloc(lp->row_coef, room * sizeof *coef) : NULL;
        if (entries)
            lp->row_vars = entries;
        if (!coef)
            return MM_ENOMEM;
        lp->row_coef = coef;
        c->room = room;
    }
    rows[lp->n_rows++] = (mm_row){MM_ROW_CUT, MM_NONE, lo, hi, (uint32_t)lp->n_entries, 0};
    return 0;
}

static void put_coef(clones *c, uint32_t col, double coef)
{
    mm_model *lp = &c->lp;

    lp->row_coef[lp->n_entries] = coef;
    lp->row_vars[lp->n_entries++] = col;
    lp->rows[lp->n_rows - 1].count++;
}

static void put_entry(clones *c, uint32_t col)
{
    put_coef(c, col, 1.0);
}

/* At most one place per student; the ladders; one student per place (the
 * top of its ladder). */
static int degree_rows(clones *c)
{
    const mm_stability *st = c->st;
    const mm_model *m = st->m;
    int rc = 0;

    for (size_t v = 0; rc == 0 && v < m->n_vars; v++) {
        size_t end = v;
        while (end < m->n_vars && m->vars[end].student == m->vars[v].student)
            end++;
        rc = open_row(c, c->first[end] - c->first[v], 0, 1);
        for (uint32_t col = c->first[v]; rc == 0 && col < c->first[end]; col++)
            put_entry(c, col);
        v = end - 1;
    }
    for (size_t k = 0; rc == 0 && k < st->p->n_mentors; k++) {
        uint32_t begin = c->mentor_at[k], end = c->mentor_at[k + 1];
        for (uint32_t place = 0; rc == 0 && place < c->places[k]; place++) {
            for (uint32_t j = begin; rc == 0 && j < end; j++) {
                rc = open_row(c, 3, 0, 0);
                if (rc != 0)
                    break;
                put_coef(c, ladder_col(c, (uint32_t)k, place, j - begin), 1.0);
                put_coef(c, c->first[c->by_mentor[j]] + place, -1.0);
                if (j > begin)
                    put_coef(c, ladder_col(c, (uint32_t)k, place, j - begin - 1), -1.0);
            }
            if (rc == 0 && end > begin)
                rc = open_row(c, 1, 0, 1);
            if (rc == 0 && end > begin)
                put_entry(c, ladder_col(c, (uint32_t)k, place, end - begin - 1));
        }
    }
    return rc;
}

/* For the clone of x at place `place`: x's student as well placed, or the
 * place held by a student its mentor prefers. */
static int stability_row(clones *c, uint32_t x, uint32_t place)
{
    const mm_stability *st = c->st;
    const mm_model *m = st->m;
    uint32_t s = m->vars[x].student, k = m->vars[x].mentor;
    uint32_t first = m->app_first_var[st->p->students[s].app_begin];
    uint32_t end = m->app_first_var[st->p->students[s].app_begin + st->p->students[s].app_count];
    int rc = open_row(c, (c->first[end] - c->first[first]) + 1, 1, MM_NO_LIMIT);

    for (uint32_t y = first; rc == 0 && y < end; y++)
        if (y != x && mm_stability_prefers(st, y, x))
            for (uint32_t col = c->first[y]; col < c->first[y + 1]; col++)
                put_entry(c, col);
    for (uint32_t j = 0; rc == 0 && j <= place; j++)
        put_entry(c, c->first[x] + j);
    if (rc == 0 && c->rank[x] > 0)
        put_entry(c, ladder_col(c, k, place, c->rank[x] - 1));
    return rc;
}

static int build(clones *c)
{
    int rc = index_mentors(c);

    if (rc == 0)
        rc = columns(c);
    if (rc == 0)
        rc = degree_rows(c);
    for (uint32_t x = 0; rc == 0 && x < c->st->m->n_vars; x++)
        for (uint32_t place = 0; rc == 0 && place < c->first[x + 1] - c->first[x]; place++)
            rc = stability_row(c, x, place);
    return rc;
}

/* The simplex optimum back on the full variables; 0 when fractional. */
static int read_back(const clones *c, const double *value, unsigned char *chosen)
{
    for (size_t v = 0; v < c->st->m->n_vars; v++) {
        double sum = 0;
        for (uint32_t col = c->first[v]; col < c->first[v + 1]; col++) {
            if (fabs(value[col] - round(value[col])) > 1e-6)
                return 0;
            sum += value[col];
        }
        chosen[v] = sum > 0.5;
    }
    return 1;
}

static int solve_lp(clones *c, const mm_glpk_objective *obj, const mm_glpk_limits *limits,
                    unsigned char *chosen, int *solved)
{
    size_t n = c->lp.n_vars;
    double *score = mm_calloc(n + 1, sizeof *score), count, total;
    double *is_clone = mm_calloc(n + 1, sizeof *is_clone);
    double *value = mm_malloc((n + 1) * sizeof *value);
    const double *lead = is_clone;
    /* The count as a leading objective, so the ladders count for nothing. */
    mm_glpk_objective o = {score, 0, &lead, obj->count_first != 0, NULL, NULL, NULL};
    int rc = score && is_clone && value ? 0 : MM_ENOMEM;

    for (size_t v = 0; rc == 0 && v < c->st->m->n_vars; v++)
        for (uint32_t col = c->first[v]; col < c->first[v + 1]; col++) {
            score[col] = obj->score ? obj->score[v] : 1.0;
            is_clone[col] = 1;
        }
    if (rc == 0)
        rc = mm_glpk_relaxation(&c->lp, &o, limits, value, &count, &total);
    if (rc == MM_EINFEASIBLE)
        rc = 0; /* not reached: a stable matching exists; let the caller judge */
    else if (rc == 0)
        *solved = read_back(c, value, chosen);
    mm_free(score);
    mm_free(is_clone);
    mm_free(value);
    return rc;
}

int mm_stable_hr_solve(const mm_stability *st, const mm_glpk_objective *obj,
                       const mm_glpk_limits *limits, unsigned char *chosen, int *solved)
{
    const mm_problem *p = st->p;
    clones c = {0};
    uint32_t *idea = mm_malloc((p->n_mentors + 1) * sizeof *idea);
    int rc;

    *solved = 0;
    c.st = st;
    c.places = mm_malloc((p->n_mentors + 1) * sizeof *c.places);
    rc = idea && c.places ? 0 : MM_ENOMEM;
    if (rc == 0 && !fill_places(st, c.places, idea))
        rc = MM_EINTERNAL; /* not the shape: mm_stable_hr_applies first */
    if (rc == 0)
        rc = build(&c);
    if (rc == 0 && c.lp.n_vars > 0) {
        rc = solve_lp(&c, obj, limits, chosen, solved);
    } else if (rc == 0) {
        memset(chosen, 0, st->m->n_vars); /* no place at all */
        *solved = 1;
    }
    mm_model_dispose(&c.lp);
    mm_free(idea);
    mm_free(c.places);
    mm_free(c.first);
    mm_free(c.by_mentor);
    mm_free(c.mentor_at);
    mm_free(c.rank);
    mm_free(c.ladder);
    return rc;
}
