#include "stable_reduce.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* Bits of reducer.flags: the buckets a variable stands for its student in,
 * `only` ones (1 << family), then R2's (FLAG_BEST << family). */
enum { FLAG_BEST = 1 << MM_FAMILIES, R2_FAMILIES = MM_FAMILY_ALL };

typedef struct {
    double key;
    uint32_t pos, var;
} ranked;

/* Best first: a higher rating, then an earlier id (mm_stability_worse's order). */
static int by_mentor_order(const void *a, const void *b)
{
    const ranked *x = a, *y = b;

    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static uint32_t first_var(const mm_stability *st, uint32_t s)
{
    return st->m->app_first_var[st->p->students[s].app_begin];
}

static uint32_t end_var(const mm_stability *st, uint32_t s)
{
    const mm_student *student = &st->p->students[s];
    return st->m->app_first_var[student->app_begin + student->app_count];
}

static uint32_t idea_of(const mm_stability *st, uint32_t v)
{
    return st->p->apps[st->m->vars[v].app].idea;
}

static uint32_t org_of(const mm_stability *st, uint32_t v)
{
    return st->p->ideas[idea_of(st, v)].org;
}

/* The bucket of x's cap in a family: its project, (mentor, org) pair or mentor. */
static uint32_t key_of(const mm_stability *st, int family, uint32_t x)
{
    return family == MM_FAMILY_PROJECT ? st->project[x]
           : family == MM_FAMILY_GROUP ? st->group[st->project[x]]
                                       : st->m->vars[x].mentor;
}

/* The cap's limit, MM_NO_LIMIT when it has none. */
int64_t mm_stable_limit(const mm_stability *st, int family, uint32_t x)
{
    const mm_problem *p = st->p;
    uint32_t org = org_of(st, x);

    switch (family) {
    case MM_FAMILY_PROJECT: return p->ideas[idea_of(st, x)].slots;
    case MM_FAMILY_GROUP: return org == MM_NONE ? MM_NO_LIMIT : p->orgs[org].slots;
    case MM_FAMILY_MENTOR: return p->mentors[st->m->vars[x].mentor].capacity;
    default: return p->program_slots;
    }
}

/* Whether u lies in x's cap of a family (the program holds everything). */
int mm_stable_same_cap(const mm_stability *st, int family, uint32_t x, uint32_t u)
{
    switch (family) {
    case MM_FAMILY_PROJECT: return idea_of(st, u) == idea_of(st, x);
    case MM_FAMILY_GROUP: return org_of(st, x) != MM_NONE && org_of(st, u) == org_of(st, x);
    case MM_FAMILY_MENTOR: return st->m->vars[u].mentor == st->m->vars[x].mentor;
    default: return 1;
    }
}

/* x's cap in a family: its idea, org or mentor (0 for the program). */
static uint32_t cap_of(const mm_stability *st, int family, uint32_t x)
{
    switch (family) {
    case MM_FAMILY_PROJECT: return idea_of(st, x);
    case MM_FAMILY_GROUP: return org_of(st, x);
    case MM_FAMILY_MENTOR: return st->m->vars[x].mentor;
    default: return 0;
    }
}

/* The alive students of x's cap: which counter, and its slot. */
static uint32_t *counter_of(const mm_stable_reducer *r, int family, uint32_t x)
{
    return &r->alive_in[family][cap_of(r->st, family, x)];
}

static int64_t least(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* ------------------------------------------------------------ one pass */

/* For each alive variable v of student s: is it the first of s's alive
 * variables in its cap of each family (counted once), and, for a non-fixed
 * s, are all of s's alive variables in that cap with v's mentor (then s
 * joins the mentor's bucket: all of s there witnesses x when ranked below)? */
static void flag_student(mm_stable_reducer *r, uint32_t s)
{
    const mm_stability *st = r->st;
    uint32_t first = first_var(st, s), end = end_var(st, s);
    int fixed = st->caps.fixed[s];

    for (uint32_t k = first; k < end; k++) {
        uint32_t v = r->pref[k];
        unsigned flags = 0;
        if (!r->alive[v])
            continue;
        for (int f = 0; f < MM_FAMILIES; f++) {
            int first_here = 1, only = !fixed && (f != MM_FAMILY_GROUP || org_of(st, v) != MM_NONE);
            for (uint32_t u = first; u < end; u++) {
                if (u == v || !r->alive[u] || !mm_stable_same_cap(st, f, v, u))
                    continue;
                if (u < v)
                    first_here = 0;
                if (st->m->vars[u].mentor != st->m->vars[v].mentor)
                    only = 0;
            }
            /* The first alive variable in the cap counts the student there. */
            if (first_here && (f != MM_FAMILY_GROUP || org_of(st, v) != MM_NONE))
                (*counter_of(r, f, v))++;
            if (only && first_here)
                flags |= 1u << f;
        }
        r->flags[v] = (unsigned char)flags;
    }
}

/* Fill a family's buckets in mentor order from the flags. */
static void fill_buckets(mm_stable_reducer *r, mm_buckets *b, int family, unsigned flag)
{
    const mm_stability *st = r->st;
    size_t n = st->m->n_vars;

    memset(b->start, 0, (b->n_keys + 2) * sizeof *b->start);
    for (size_t v = 0; v < n; v++)
        if (r->alive[v] && (r->flags[v] & flag))
            b->start[key_of(st, family, (uint32_t)v) + 2]++;
    for (size_t k = 0; k < b->n_keys; k++)
        b->start[k + 2] += b->start[k + 1];
    for (size_t j = 0; j < n; j++) {
        uint32_t v = r->sorted[j];
        if (r->alive[v] && (r->flags[v] & flag))
            b->items[b->start[key_of(st, family, v) + 1]++] = v;
    }
}

/* How many of a bucket's students m ranks below x's student. */
static uint32_t below(const mm_stable_reducer *r, const mm_buckets *b, uint32_t key, uint32_t x)
{
    uint32_t lo = b->start[key], hi = b->start[key + 1], end = hi;

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (mm_stability_worse(r->st, b->items[mid], x))
            hi = mid;
        else
            lo = mid + 1;
    }
    return end - lo;
}

unsigned mm_stable_cap_bit(int family)
{
    static const unsigned bit[MM_FAMILIES] = {MM_CAP_IDEA, MM_CAP_ORG, MM_CAP_MENTOR,
                                              MM_CAP_PROGRAM};
    return bit[family];
}

unsigned mm_stable_open_caps(const mm_stable_reducer *r, uint32_t x)
{
    const mm_stability *st = r->st;
    uint32_t s = st->m->vars[x].student;
    unsigned open = 0;

    for (int f = 0; f < MM_FAMILIES; f++) {
        int64_t limit = mm_stable_limit(st, f, x), others;
        int s_there = 0;
        if (limit == MM_NO_LIMIT)
            continue;
        for (uint32_t u = first_var(st, s); u < end_var(st, s); u++)
            s_there |= r->alive[u] && mm_stable_same_cap(st, f, x, u);
        others = (int64_t)*counter_of(r, f, x) - s_there -
                 below(r, &r->only[f], key_of(st, f, x), x);
        if (f != MM_FAMILY_ALL)
            others = least(others, r->room[f][cap_of(st, f, x)]); /* no more than it holds */
        if (others >= limit)
            open |= mm_stable_cap_bit(f);
    }
    return open;
}

/* R2's buckets for s's best alive variable y: the project always; the
 * (mentor, org) pair when y's idea is closed; the mentor when its org is
 * too. Then a student of y's mentor there, ranked below s, forces s to y. */
static void flag_best(mm_stable_reducer *r, uint32_t y, unsigned open)
{
    r->flags[y] |= FLAG_BEST << MM_FAMILY_PROJECT;
    if (!(open & MM_CAP_IDEA))
        r->flags[y] |= FLAG_BEST << MM_FAMILY_GROUP;
    if (!(open & (MM_CAP_IDEA | MM_CAP_ORG)))
        r->flags[y] |= FLAG_BEST << MM_FAMILY_MENTOR;
}

/* R1 for one student: the best x with no open cap sets the floor. */
static int apply_r1(mm_stable_reducer *r, uint32_t s)
{
    const mm_stability *st = r->st;
    uint32_t first = first_var(st, s), end = end_var(st, s);
    int changed = 0, any_alive = 0;

    for (uint32_t k = first; k < end; k++) {
        uint32_t x = r->pref[k];
        unsigned open = mm_stable_open_caps(r, x);
        if (r->alive[x] && !any_alive)
            flag_best(r, x, open);
        any_alive |= r->alive[x];
        if (open)
            continue;
        if (r->floor[s] != x) {
            r->floor[s] = x;
            changed = 1;
        }
        if (!any_alive)
            r->no_stable = 1; /* s must hold x or better, and can't */
        for (uint32_t j = k + 1; j < end; j++)
            if (r->alive[r->pref[j]]) {
                r->alive[r->pref[j]] = 0;
                r->dead++;
                changed = 1;
            }
        break;
    }
    return changed;
}

/* The smallest cap over x's cap of a family: at most this many fit in it. */
static int64_t room_of(const mm_stability *st, int family, uint32_t x)
{
    int64_t room = MM_NO_LIMIT;

    for (int f = family; f < MM_FAMILIES; f++) {
        int64_t limit = mm_stable_limit(st, f, x);
        room = limit < room ? limit : room;
    }
    return room;
}

/* R2 in one family: kill each variable below the room-th best student
 * forced to hold their best alive variable once it is taken. */
static int apply_r2(mm_stable_reducer *r, int family)
{
    const mm_stability *st = r->st;
    const mm_buckets *b = &r->best[family];
    int changed = 0;

    for (uint32_t v = 0; v < st->m->n_vars; v++) {
        uint32_t key = key_of(st, family, v), s = st->m->vars[v].student, held;
        int64_t room;
        if (!r->alive[v] || st->caps.fixed[s])
            continue;
        room = room_of(st, family, v);
        held = b->start[key + 1] - b->start[key];
        if (room <= 0 || (int64_t)held < room)
            continue;
        if (mm_stability_worse(st, v, b->items[b->start[key] + room - 1])) {
            r->alive[v] = 0;
            r->dead++;
            changed = 1;
        }
    }
    return changed;
}

/* The most each idea, org and mentor can hold given the alive students
 * (every place needs one in its idea and one with a mentor of it): an
 * idea, its mentors' capacities for their alive students; a mentor, her
 * ideas' slots for theirs; an org, the least of both sums over it. A cap
 * whose room is below its limit is never full. */
static void fill_rooms(mm_stable_reducer *r)
{
    const mm_stability *st = r->st;
    const mm_problem *p = st->p;
    int64_t *idea_room = r->room[MM_FAMILY_PROJECT], *org_room = r->room[MM_FAMILY_GROUP];
    int64_t *mentor_room = r->room[MM_FAMILY_MENTOR], *org_by_mentors = r->room[MM_FAMILY_ALL];

    memset(idea_room, 0, (p->n_ideas + 1) * sizeof *idea_room);
    memset(org_room, 0, (p->n_orgs + 1) * sizeof *org_room);
    memset(mentor_room, 0, (p->n_mentors + 1) * sizeof *mentor_room);
    memset(org_by_mentors, 0, (p->n_orgs + 1) * sizeof *org_by_mentors);
    memset(r->group_seen, 0, st->n_groups + 1);
    for (uint32_t i = 0; i < p->n_ideas; i++) {
        const mm_idea *idea = &p->ideas[i];
        int64_t held = least(r->alive_in[MM_FAMILY_PROJECT][i], idea->slots);
        if (idea->org != MM_NONE)
            org_room[idea->org] += held;
        for (uint32_t k = 0; k < idea->mentor_count; k++) {
            uint32_t e = idea->mentor_begin + k, m = p->idea_mentors[e];
            int64_t with_m = least(r->alive_in[MM_FAMILY_MENTOR][m], p->mentors[m].capacity);
            idea_room[i] += with_m;
            mentor_room[m] += held;
            if (idea->org != MM_NONE && !r->group_seen[st->group[e]]++)
                org_by_mentors[idea->org] += with_m; /* each (mentor, org) pair once */
        }
    }
    for (size_t o = 0; o < p->n_orgs; o++)
        org_room[o] = least(org_room[o], org_by_mentors[o]);
}

static int pass(mm_stable_reducer *r)
{
    const mm_stability *st = r->st;
    const mm_problem *p = st->p;
    int changed = 0;

    memset(r->flags, 0, st->m->n_vars + 1);
    memset(r->alive_in[MM_FAMILY_PROJECT], 0, (p->n_ideas + 1) * sizeof(uint32_t));
    memset(r->alive_in[MM_FAMILY_GROUP], 0, (p->n_orgs + 1) * sizeof(uint32_t));
    memset(r->alive_in[MM_FAMILY_MENTOR], 0, (p->n_mentors + 1) * sizeof(uint32_t));
    r->alive_in[MM_FAMILY_ALL][0] = 0;
    for (uint32_t s = 0; s < p->n_students; s++)
        flag_student(r, s);
    fill_rooms(r);
    for (int f = 0; f < MM_FAMILIES; f++)
        fill_buckets(r, &r->only[f], f, 1u << f);
    for (uint32_t s = 0; s < p->n_students && !r->no_stable; s++)
        if (!st->caps.fixed[s])
            changed |= apply_r1(r, s);
    /* R2 reads what R1 saw, which R1's kills outdate. */
    for (int f = 0; f < R2_FAMILIES && !changed && !r->no_stable; f++) {
        fill_buckets(r, &r->best[f], f, FLAG_BEST << f);
        changed = apply_r2(r, f);
    }
    r->passes++;
    return changed && !r->no_stable;
}

/* ---------------------------------------------------------------- set-up */

/* Each student's variables best first: insertion sort, lists are short. */
static void sort_preferences(mm_stable_reducer *r)
{
    const mm_stability *st = r->st;

    for (uint32_t s = 0; s < st->p->n_students; s++) {
        uint32_t first = first_var(st, s), end = end_var(st, s);
        for (uint32_t k = first; k < end; k++) {
            uint32_t v = k, j = k;
            for (; j > first && mm_stability_prefers(st, v, r->pref[j - 1]); j--)
                r->pref[j] = r->pref[j - 1];
            r->pref[j] = v;
        }
    }
}

static int sort_by_mentor_order(mm_stable_reducer *r)
{
    const mm_stability *st = r->st;
    size_t n = st->m->n_vars;
    ranked *all = mm_malloc((n + 1) * sizeof *all);

    if (!all)
        return MM_ENOMEM;
    for (size_t v = 0; v < n; v++)
        all[v] = (ranked){st->key[v], st->id_pos[st->m->vars[v].student], (uint32_t)v};
    qsort(all, n, sizeof *all, by_mentor_order);
    for (size_t k = 0; k < n; k++)
        r->sorted[k] = all[k].var;
    mm_free(all);
    return 0;
}

static int buckets_init(mm_buckets *b, size_t n_keys, size_t n_items)
{
    b->n_keys = n_keys;
    b->start = mm_calloc(n_keys + 2, sizeof *b->start);
    b->items = mm_malloc((n_items + 1) * sizeof *b->items);
    return b->start && b->items ? 0 : MM_ENOMEM;
}

static int setup(mm_stable_reducer *r, const mm_stability *st)
{
    const mm_problem *p = st->p;
    size_t n = st->m->n_vars, keys[MM_FAMILIES] = {p->n_idea_mentors, st->n_groups,
                                                     p->n_mentors, p->n_mentors};
    size_t counters[MM_FAMILIES] = {p->n_ideas, p->n_orgs, p->n_mentors, 1};
    int rc = 0;

    memset(r, 0, sizeof *r);
    r->st = st;
    r->alive = mm_malloc(n + 1);
    r->flags = mm_malloc(n + 1);
    r->floor = mm_malloc((p->n_students + 1) * sizeof *r->floor);
    r->sorted = mm_malloc((n + 1) * sizeof *r->sorted);
    r->pref = mm_malloc((n + 1) * sizeof *r->pref);
    for (int f = 0; f < MM_FAMILIES; f++) {
        rc |= buckets_init(&r->only[f], keys[f], n);
        r->alive_in[f] = mm_calloc(counters[f] + 1, sizeof *r->alive_in[f]);
        rc |= r->alive_in[f] ? 0 : MM_ENOMEM;
    }
    for (int f = 0; f < R2_FAMILIES; f++)
        rc |= buckets_init(&r->best[f], keys[f], n);
    for (int f = 0; f < MM_FAMILIES; f++) {
        size_t n_keys = f == MM_FAMILY_ALL ? p->n_orgs : counters[f]; /* ALL: scratch per org */
        r->room[f] = mm_calloc(n_keys + 1, sizeof *r->room[f]);
        rc |= r->room[f] ? 0 : MM_ENOMEM;
    }
    r->group_seen = mm_malloc(st->n_groups + 1);
    if (rc || !r->group_seen || !r->alive || !r->flags || !r->floor || !r->sorted || !r->pref)
        return MM_ENOMEM;
    memset(r->alive, 1, n + 1);
    for (size_t s = 0; s < p->n_students; s++)
        r->floor[s] = MM_NONE;
    sort_preferences(r);
    return sort_by_mentor_order(r);
}

int mm_stable_reduce(mm_stable_reducer *r, const mm_stability *st)
{
    int rc = setup(r, st);

    while (rc == 0 && pass(r))
        ;
    return rc;
}

void mm_stable_reducer_dispose(mm_stable_reducer *r)
{
    for (int f = 0; f < MM_FAMILIES; f++) {
        mm_free(r->only[f].start);
        mm_free(r->only[f].items);
        mm_free(r->alive_in[f]);
    }
    for (int f = 0; f < MM_FAMILIES; f++)
        mm_free(r->room[f]);
    mm_free(r->group_seen);
    for (int f = 0; f < R2_FAMILIES; f++) {
        mm_free(r->best[f].start);
        mm_free(r->best[f].items);
    }
    mm_free(r->alive);
    mm_free(r->flags);
    mm_free(r->floor);
    mm_free(r->sorted);
    mm_free(r->pref);
    memset(r, 0, sizeof *r);
}
