/* stable: the student-proposing algorithm SPA-student of Abraham, Irving
 * and Manlove (2007), run on (idea, mentor) projects, then a bounded repair
 * of the blocking pairs that caps shared between mentors can leave
 * (docs/strategies.md explains both, and why a stable matching may then
 * not exist at all). Blocking pairs are those of stability.h.
 *
 * Proposal: a free student applies to the next variable on their list.
 * When that puts caps over their limit, the mentor of the variable gives
 * up her worst non-fixed student among those in every cap that is over
 * (possibly the applicant): in the project when the idea is over, else in
 * the (mentor, org) pair when the org is, else among all her students.
 * With one mentor per idea and no org or program caps this is exactly the
 * paper's rule (reject the worst of the project, else of the lecturer).
 * Mentors' worst students are kept in lazily pruned binary heaps, so a
 * proposal costs O(log) and the whole run O(variables log). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "stability.h"
#include "strategy.h"

/* Sweeps of repair after the proposals, each O(variables log). Where a
 * stable matching existed, one to three sweeps found one on every instance
 * tried (tests/test_strategies.c, a 565,000-variable generated one); where
 * none exists the moves would cycle for ever, so the count is bounded. */
#define REPAIR_ROUNDS 50

typedef struct {
    uint32_t *items;
    size_t n, capacity;
} heap;

typedef struct {
    const mm_problem *p;
    const mm_model *m;
    mm_stability st;       /* keys, preferences, blocking pairs */
    mm_caps caps;
    unsigned char *chosen;
    uint32_t *order;       /* each student's variables, best first (same ranges as the model's) */
    uint32_t *next;        /* per student: where in `order` they apply next */
    uint32_t *free_students;
    size_t n_free;
    heap *heaps;           /* projects, then (mentor, org) pairs, then mentors */
    int rc;                /* MM_ENOMEM once a heap could not grow */
} run;

static uint32_t range_begin(const run *r, uint32_t s)
{
    return r->m->app_first_var[r->p->students[s].app_begin];
}

static uint32_t range_end(const run *r, uint32_t s)
{
    const mm_student *st = &r->p->students[s];
    return r->m->app_first_var[st->app_begin + st->app_count];
}

/* ---------------------------------------------------------------- heaps */

/* The top of a heap is the variable whose mentor ranks its student worst. */
static void heap_push(run *r, heap *h, uint32_t v)
{
    uint32_t *items = mm_grow(h->items, &h->capacity, h->n + 1, sizeof *items);
    size_t k;

    if (!items) {
        r->rc = MM_ENOMEM;
        return;
    }
    h->items = items;
    for (k = h->n++; k > 0 && mm_stability_worse(&r->st, v, items[(k - 1) / 2]); k = (k - 1) / 2)
        items[k] = items[(k - 1) / 2];
    items[k] = v;
}

static void heap_pop(const run *r, heap *h)
{
    uint32_t last = h->items[--h->n];
    size_t k = 0, child;

    while ((child = 2 * k + 1) < h->n) {
        if (child + 1 < h->n && mm_stability_worse(&r->st, h->items[child + 1], h->items[child]))
            child++;
        if (!mm_stability_worse(&r->st, h->items[child], last))
            break;
        h->items[k] = h->items[child];
        k = child;
    }
    if (h->n)
        h->items[k] = last;
}

/* The worst variable still chosen; entries given up since are dropped here. */
static uint32_t heap_worst(const run *r, heap *h)
{
    while (h->n && !r->chosen[h->items[0]])
        heap_pop(r, h);
    return h->n ? h->items[0] : MM_NONE;
}

static heap *heap_of(run *r, uint32_t v, unsigned cap)
{
    uint32_t project = r->st.project[v];

    if (cap & MM_CAP_IDEA)
        return &r->heaps[project];
    if (cap & MM_CAP_ORG)
        return &r->heaps[r->p->n_idea_mentors + r->st.group[project]];
    return &r->heaps[r->p->n_idea_mentors + r->st.n_groups + r->m->vars[v].mentor];
}

/* ------------------------------------------------------------ proposals */

/* A student applies to x. @return 1 when they hold it afterwards. */
static int propose(run *r, uint32_t x)
{
    unsigned over;
    uint32_t loser, s;

    mm_caps_take(&r->caps, r->chosen, x);
    heap_push(r, heap_of(r, x, MM_CAP_IDEA), x);
    heap_push(r, heap_of(r, x, MM_CAP_ORG), x);
    heap_push(r, heap_of(r, x, 0), x);
    over = mm_caps_full(&r->caps, x, 1);
    if (!over || r->rc)
        return 1; /* on failure: stop here, the run is abandoned */
    loser = heap_worst(r, heap_of(r, x, over));
    mm_caps_release(&r->caps, r->chosen, loser);
    if (loser == x)
        return 0;
    s = r->m->vars[loser].student;
    r->next[s]++;
    r->free_students[r->n_free++] = s;
    return 1;
}

static void run_proposals(run *r)
{
    while (r->n_free && r->rc == 0) {
        uint32_t s = r->free_students[--r->n_free], end = range_end(r, s);
        while (r->next[s] < end && !propose(r, r->order[r->next[s]]))
            r->next[s]++;
    }
}

/* --------------------------------------------------------------- set-up */

typedef struct {
    int64_t rank;
    uint32_t var;
} ranked;

static int by_rank(const void *a, const void *b)
{
    const ranked *x = a, *y = b;

    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->var < y->var ? -1 : x->var > y->var;
}

/* Each student's list: their variables by idea rank, then mentor order. */
static int sort_lists(run *r)
{
    ranked *all = mm_malloc((r->m->n_vars + 1) * sizeof *all);

    if (!all)
        return MM_ENOMEM;
    for (uint32_t v = 0; v < r->m->n_vars; v++)
        all[v] = (ranked){r->p->apps[r->m->vars[v].app].rank, v};
    for (uint32_t s = 0; s < r->p->n_students; s++)
        qsort(all + range_begin(r, s), range_end(r, s) - range_begin(r, s), sizeof *all, by_rank);
    for (uint32_t v = 0; v < r->m->n_vars; v++)
        r->order[v] = all[v].var;
    mm_free(all);
    return 0;
}

static int setup(run *r, const mm_strategy_input *in, unsigned char *chosen)
{
    const mm_problem *p = in->p;
    int rc;

    memset(r, 0, sizeof *r);
    r->p = p;
    r->m = in->m;
    r->chosen = chosen;
    rc = mm_stability_init(&r->st, p, in->m);
    if (rc == 0)
        rc = mm_caps_init(&r->caps, p, in->m);
    if (rc != 0)
        return rc;
    r->order = mm_malloc((in->m->n_vars + 1) * sizeof *r->order);
    r->next = mm_malloc((p->n_students + 1) * sizeof *r->next);
    r->free_students = mm_malloc((p->n_students + 1) * sizeof *r->free_students);
    r->heaps = mm_calloc(p->n_idea_mentors + r->st.n_groups + p->n_mentors + 1, sizeof *r->heaps);
    if (!r->order || !r->next || !r->free_students || !r->heaps)
        return MM_ENOMEM;
    return sort_lists(r);
}

static void dispose(run *r)
{
    size_t n_heaps = r->p->n_idea_mentors + r->st.n_groups + r->p->n_mentors;

    for (size_t k = 0; r->heaps && k < n_heaps; k++)
        mm_free(r->heaps[k].items);
    mm_free(r->heaps);
    mm_free(r->order);
    mm_free(r->next);
    mm_free(r->free_students);
    mm_caps_dispose(&r->caps);
    mm_stability_dispose(&r->st);
}

/* Fixed pairs first, never displaced (they are in no heap); then every
 * other student applies, in id order. */
static void start(run *r)
{
    mm_caps_place_fixed(&r->caps, r->chosen);
    for (uint32_t s = 0; s < r->p->n_students; s++)
        r->next[s] = range_begin(r, s);
    for (size_t k = r->p->n_students; k-- > 0;) {
        uint32_t s = r->p->students_by_id[k];
        if (!r->caps.fixed[s] && range_begin(r, s) < range_end(r, s))
            r->free_students[r->n_free++] = s;
    }
    run_proposals(r);
}

/* ---------------------------------------------------------------- repair */

/* Whether x blocks now, read from the loads and heaps as they stand (the
 * same test as stability.c's, which rebuilds them from a choice). */
static int blocks_now(run *r, uint32_t x, uint32_t now)
{
    unsigned need = mm_caps_full(&r->caps, x, 0) & ~mm_stability_common_caps(&r->st, x, now);
    uint32_t holder;

    if (!need)
        return 1;
    holder = heap_worst(r, heap_of(r, x, need));
    return holder != MM_NONE && mm_stability_worse(&r->st, holder, x);
}

/* The student's best blocking pair, or MM_NONE: only variables they prefer
 * to what they hold, which come before it on their list. */
static uint32_t best_blocking(run *r, uint32_t s)
{
    uint32_t now = r->caps.current[s];

    for (uint32_t k = range_begin(r, s); k < range_end(r, s); k++) {
        uint32_t x = r->order[k];
        if (x == now)
            break;
        if (blocks_now(r, x, now))
            return x;
    }
    return MM_NONE;
}

/* Let x's student leave what they hold and apply to x; anyone displaced
 * applies further down their list, as in the proposals. */
static void satisfy(run *r, uint32_t x)
{
    uint32_t s = r->m->vars[x].student;

    if (r->caps.current[s] != MM_NONE)
        mm_caps_release(&r->caps, r->chosen, r->caps.current[s]);
    r->next[s] = range_begin(r, s);
    while (r->order[r->next[s]] != x)
        r->next[s]++;
    r->free_students[r->n_free++] = s;
    run_proposals(r);
}

/* One sweep: each student in id order who has a blocking pair moves to
 * their best one (Roth and Vande Vate's way of reaching stability from an
 * unstable matching, one blocking pair at a time). */
static void sweep(run *r)
{
    for (size_t k = 0; k < r->p->n_students && r->rc == 0; k++) {
        uint32_t s = r->p->students_by_id[k], x;
        if (r->caps.fixed[s])
            continue;
        x = best_blocking(r, s);
        if (x != MM_NONE)
            satisfy(r, x);
    }
}

/* Sweep until no pair blocks or the rounds run out; `chosen` ends as the
 * choice with the fewest blocking pairs met (the first of them). */
static int repair(run *r, unsigned char *best)
{
    size_t n_vars = r->m->n_vars;
    size_t fewest = mm_stability_count(&r->st, r->chosen, NULL, 0), count = fewest;

    memcpy(best, r->chosen, n_vars);
    for (int round = 0; round < REPAIR_ROUNDS && count > 0 && r->rc == 0; round++) {
        sweep(r);
        count = mm_stability_count(&r->st, r->chosen, NULL, 0);
        if (count < fewest) {
            fewest = count;
            memcpy(best, r->chosen, n_vars);
        }
    }
    memcpy(r->chosen, best, n_vars);
    return r->rc;
}

/* The status of the final choice, its loads counted afresh. */
static mm_status status_of(mm_caps *caps, const unsigned char *chosen, size_t n_vars)
{
    mm_caps_clear(caps);
    for (uint32_t v = 0; v < n_vars; v++)
        if (chosen[v])
            mm_caps_take(caps, NULL, v);
    return mm_caps_status(caps);
}

int mm_strategy_stable(const mm_strategy_input *in, mm_strategy_output *out)
{
    run r;
    unsigned char *best = mm_malloc(in->m->n_vars + 1);
    int rc = setup(&r, in, out->chosen);

    if (rc == 0 && !best)
        rc = MM_ENOMEM;
    if (rc == 0) {
        start(&r);
        rc = r.rc ? r.rc : repair(&r, best);
    }
    if (rc == 0)
        out->status = status_of(&r.caps, out->chosen, in->m->n_vars);
    dispose(&r);
    mm_free(best);
    return rc;
}
