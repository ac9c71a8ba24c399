#include "stability.h"

#include <string.h>

#include "alloc.h"
#include "score.h"

/* The (idea, mentor) pair of a variable: its mentor's place in the idea's list. */
static uint32_t project_of(const mm_problem *p, const mm_var *var)
{
    const mm_idea *idea = &p->ideas[p->apps[var->app].idea];

    for (uint32_t k = 0; k < idea->mentor_count; k++)
        if (p->idea_mentors[idea->mentor_begin + k] == var->mentor)
            return idea->mentor_begin + k;
    return MM_NONE; /* not reached: a variable's mentor is one of its idea's */
}

static double rating_of(const mm_problem *p, const mm_var *var)
{
    double rating;

    return mm_app_rating(p, &p->apps[var->app], &rating) ? rating : 0;
}

/* A mentor ranks a student by the student's best mean rating over the
 * mentor's ideas (the paper's lecturer ranks students, not applications).
 * `best` and `seen` (zeroed) hold, per mentor, the best so far and the
 * student (+1) it belongs to, so each student costs their variables only. */
static void fill_keys(mm_stability *st, double *best, uint32_t *seen)
{
    const mm_problem *p = st->p;
    const mm_model *m = st->m;

    for (size_t s = 0; s < p->n_students; s++) {
        const mm_student *student = &p->students[s];
        uint32_t first = m->app_first_var[student->app_begin];
        uint32_t last = m->app_first_var[student->app_begin + student->app_count];
        for (uint32_t v = first; v < last; v++) {
            uint32_t mentor = m->vars[v].mentor;
            double rating = rating_of(p, &m->vars[v]);
            if (seen[mentor] != s + 1 || rating > best[mentor]) {
                best[mentor] = rating;
                seen[mentor] = (uint32_t)s + 1;
            }
        }
        for (uint32_t v = first; v < last; v++)
            st->key[v] = best[m->vars[v].mentor];
    }
}

/* Number the (mentor, org) pairs met among the ideas' mentors. */
static int fill_groups(mm_stability *st)
{
    const mm_problem *p = st->p;
    mm_u64map ids;
    int rc = 0;

    mm_u64map_init(&ids);
    for (size_t i = 0; rc == 0 && i < p->n_ideas; i++) {
        const mm_idea *idea = &p->ideas[i];
        for (uint32_t k = 0; rc == 0 && k < idea->mentor_count; k++) {
            uint32_t e = idea->mentor_begin + k, existing;
            int put = mm_u64map_put(&ids, mm_pair_key(p->idea_mentors[e], idea->org),
                                    (uint32_t)st->n_groups, &existing);
            if (put < 0)
                rc = MM_ENOMEM;
            else
                st->group[e] = put ? existing : (uint32_t)st->n_groups++;
        }
    }
    mm_u64map_dispose(&ids);
    return rc;
}

static int fill(mm_stability *st)
{
    const mm_problem *p = st->p;
    double *best = mm_malloc((p->n_mentors + 1) * sizeof *best);
    uint32_t *seen = mm_calloc(p->n_mentors + 1, sizeof *seen);
    int rc = best && seen ? fill_groups(st) : MM_ENOMEM;

    if (rc == 0) {
        fill_keys(st, best, seen);
        for (size_t v = 0; v < st->m->n_vars; v++)
            st->project[v] = project_of(p, &st->m->vars[v]);
        for (size_t k = 0; k < p->n_students; k++)
            st->id_pos[p->students_by_id[k]] = (uint32_t)k;
    }
    mm_free(best);
    mm_free(seen);
    return rc;
}

int mm_stability_init(mm_stability *st, const mm_problem *p, const mm_model *m)
{
    size_t n = m->n_vars + 1;
    int rc;

    memset(st, 0, sizeof *st);
    st->p = p;
    st->m = m;
    rc = mm_caps_init(&st->caps, p, m);
    st->key = mm_malloc(n * sizeof *st->key);
    st->id_pos = mm_malloc((p->n_students + 1) * sizeof *st->id_pos);
    st->project = mm_malloc(n * sizeof *st->project);
    st->group = mm_malloc((p->n_idea_mentors + 1) * sizeof *st->group);
    st->worst_project = mm_malloc((p->n_idea_mentors + 1) * sizeof *st->worst_project);
    st->worst_group = mm_malloc((p->n_idea_mentors + 1) * sizeof *st->worst_group);
    st->worst_mentor = mm_malloc((p->n_mentors + 1) * sizeof *st->worst_mentor);
    if (rc == 0 && (!st->key || !st->id_pos || !st->project || !st->group ||
                    !st->worst_project || !st->worst_group || !st->worst_mentor))
        rc = MM_ENOMEM;
    return rc == 0 ? fill(st) : rc;
}

void mm_stability_dispose(mm_stability *st)
{
    mm_caps_dispose(&st->caps);
    mm_free(st->key);
    mm_free(st->id_pos);
    mm_free(st->project);
    mm_free(st->group);
    mm_free(st->worst_project);
    mm_free(st->worst_group);
    mm_free(st->worst_mentor);
    memset(st, 0, sizeof *st);
}

int mm_stability_worse(const mm_stability *st, uint32_t a, uint32_t b)
{
    if (st->key[a] != st->key[b])
        return st->key[a] < st->key[b];
    return st->id_pos[st->m->vars[a].student] > st->id_pos[st->m->vars[b].student];
}

int mm_stability_prefers(const mm_stability *st, uint32_t a, uint32_t b)
{
    int64_t rank_a = st->p->apps[st->m->vars[a].app].rank;
    int64_t rank_b = st->p->apps[st->m->vars[b].app].rank;

    /* One application's variables follow its idea's mentor order. */
    return rank_a != rank_b ? rank_a < rank_b : a < b;
}

static void keep_worst(const mm_stability *st, uint32_t *worst, uint32_t v)
{
    if (*worst == MM_NONE || mm_stability_worse(st, v, *worst))
        *worst = v;
}

/* Loads, each student's best chosen variable, the worst non-fixed holders. */
static void load(mm_stability *st, const unsigned char *chosen)
{
    const mm_problem *p = st->p;
    mm_caps *c = &st->caps;

    mm_caps_clear(c);
    memset(st->worst_project, 0xff, p->n_idea_mentors * sizeof *st->worst_project);
    memset(st->worst_group, 0xff, p->n_idea_mentors * sizeof *st->worst_group);
    memset(st->worst_mentor, 0xff, p->n_mentors * sizeof *st->worst_mentor);
    for (uint32_t v = 0; v < st->m->n_vars; v++) {
        uint32_t s = st->m->vars[v].student, before = c->current[s];
        if (!chosen[v])
            continue;
        mm_caps_take(c, NULL, v);
        if (before != MM_NONE && mm_stability_prefers(st, before, v))
            c->current[s] = before; /* not a valid choice; judge by the best one */
        if (c->fixed[s])
            continue;
        keep_worst(st, &st->worst_project[st->project[v]], v);
        keep_worst(st, &st->worst_group[st->group[st->project[v]]], v);
        keep_worst(st, &st->worst_mentor[st->m->vars[v].mentor], v);
    }
}

unsigned mm_stability_common_caps(const mm_stability *st, uint32_t x, uint32_t y)
{
    const mm_problem *p = st->p;
    uint32_t ix, iy;
    unsigned common = MM_CAP_PROGRAM;

    if (y == MM_NONE)
        return 0;
    ix = p->apps[st->m->vars[x].app].idea;
    iy = p->apps[st->m->vars[y].app].idea;
    if (ix == iy)
        common |= MM_CAP_IDEA;
    if (st->m->vars[x].mentor == st->m->vars[y].mentor)
        common |= MM_CAP_MENTOR;
    if (p->ideas[ix].org != MM_NONE && p->ideas[ix].org == p->ideas[iy].org)
        common |= MM_CAP_ORG;
    return common;
}

static int blocks(const mm_stability *st, uint32_t x)
{
    const mm_var *var = &st->m->vars[x];
    uint32_t now = st->caps.current[var->student], holder;
    unsigned need;

    if (st->caps.fixed[var->student] || (now != MM_NONE && !mm_stability_prefers(st, x, now)))
        return 0;
    /* Leaving `now` frees a place in every cap it shares with x. */
    need = mm_caps_full(&st->caps, x, 0) & ~mm_stability_common_caps(st, x, now);
    if (!need)
        return 1;
    /* One student of x's mentor, in every cap of `need`, must make way: the
     * smallest such set is the project, else the (mentor, org) pair, else
     * the mentor (the program holds them all). */
    holder = need & MM_CAP_IDEA  ? st->worst_project[st->project[x]]
             : need & MM_CAP_ORG ? st->worst_group[st->group[st->project[x]]]
                                 : st->worst_mentor[var->mentor];
    return holder != MM_NONE && mm_stability_worse(st, holder, x);
}

size_t mm_stability_count(mm_stability *st, const unsigned char *chosen, uint32_t *list,
                          size_t max)
{
    size_t count = 0;

    load(st, chosen);
    for (uint32_t v = 0; v < st->m->n_vars; v++)
        if (blocks(st, v)) {
            if (list && count < max)
                list[count] = v;
            count++;
        }
    return count;
}

int mm_blocking_pairs(size_t *out, uint32_t *list, size_t max, const mm_problem *p,
                      const mm_model *m, const unsigned char *chosen)
{
    mm_stability st;
    int rc = mm_stability_init(&st, p, m);

    *out = 0;
    if (rc == 0)
        *out = mm_stability_count(&st, chosen, list, max);
    mm_stability_dispose(&st);
    return rc;
}
