/* Tie weights and the lead-mentor rule (ties.h). */
#include "ties.h"

#include <string.h>

#include "alloc.h"
#include "solve_network.h"

/* FNV-1a, 64 bits, over the ids with a 0 byte after each: a fixed function
 * of the ids, the same on every machine and for every document order. */
static uint64_t fnv(uint64_t h, const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s;; c++) {
        h = (h ^ *c) * 0x100000001b3ull;
        if (!*c)
            return h;
    }
}

static int64_t weight_of(uint64_t h)
{
    h ^= h >> 29; /* fold the high bits in: FNV's low bits mix least */
    return 1 + (int64_t)(h % (uint64_t)MM_TIE_WEIGHT_MAX);
}

int64_t mm_tie_app_weight(const mm_problem *p, uint32_t app)
{
    const mm_application *a = &p->apps[app];

    return weight_of(fnv(fnv(0xcbf29ce484222325ull, p->students[a->student].id),
                         p->ideas[a->idea].id));
}

/* The idea owning idea_mentors entry `pair`. */
static uint32_t idea_of_pair(const mm_problem *p, uint32_t pair)
{
    uint32_t lo = 0, hi = (uint32_t)p->n_ideas;

    while (hi - lo > 1) { /* ideas' entries are contiguous, in idea order */
        uint32_t mid = lo + (hi - lo) / 2;
        if (p->ideas[mid].mentor_begin <= pair)
            lo = mid;
        else
            hi = mid;
    }
    while (lo + 1 < p->n_ideas && p->ideas[lo].mentor_count == 0 &&
           p->ideas[lo + 1].mentor_begin <= pair)
        lo++;
    return lo;
}

int64_t mm_tie_pair_weight(const mm_problem *p, uint32_t pair)
{
    uint64_t h = fnv(0x84222325cbf29ce4ull, p->ideas[idea_of_pair(p, pair)].id);

    return weight_of(fnv(h, p->mentors[p->idea_mentors[pair]].id));
}

/* The idea_mentors entry of variable v. */
static uint32_t pair_of(const mm_problem *p, const mm_model *m, size_t v)
{
    const mm_idea *idea = &p->ideas[p->apps[m->vars[v].app].idea];

    for (uint32_t k = 0; k < idea->mentor_count; k++)
        if (p->idea_mentors[idea->mentor_begin + k] == m->vars[v].mentor)
            return idea->mentor_begin + k;
    return MM_NONE;
}

double *mm_tie_weights(const mm_problem *p, const mm_model *m)
{
    double *w = mm_malloc((m->n_vars + 1) * sizeof *w);

    for (size_t v = 0; w && v < m->n_vars; v++)
        w[v] = (double)(mm_tie_app_weight(p, m->vars[v].app) +
                        mm_tie_pair_weight(p, pair_of(p, m, v)));
    return w;
}

/* ---- the lead-mentor rule ---------------------------------------------- */

typedef struct {
    const mm_problem *p;
    const mm_model *m;
    uint32_t *apps;    /* one idea's assigned applications, document order */
    const double *trail; /* per variable: keeps a baseline lead (NULL: none) */
    uint32_t *orig;    /* per position: its variable as chosen */
    uint32_t *lead;    /* per position: its variable */
    unsigned char *pinned; /* per position: the model fixes its variable */
    int64_t *left;     /* per pair: places not given out */
    unsigned char *seen;
    size_t n;
} split;

/* Kuhn's augmenting path for position j over its variables in mentor order. */
static int place(split *sp, size_t j)
{
    const mm_model *m = sp->m;
    uint32_t app = sp->apps[j];

    for (uint32_t v = m->app_first_var[app]; v < m->app_first_var[app + 1]; v++) {
        uint32_t pair = pair_of(sp->p, m, v);
        if (sp->seen[pair])
            continue;
        sp->seen[pair] = 1;
        if (sp->left[pair] > 0) {
            sp->left[pair]--;
            sp->lead[j] = v;
            return 1;
        }
        for (size_t k = 0; k < sp->n; k++)
            if (k != j && !sp->pinned[k] && sp->lead[k] != MM_NONE &&
                pair_of(sp->p, m, sp->lead[k]) == pair && place(sp, k)) {
                sp->lead[j] = v;
                return 1;
            }
    }
    return 0;
}

/* Variables the model fixes alone (a fixed lead mentor). */
static unsigned char *fixed_vars(const mm_model *m)
{
    unsigned char *fixed = mm_calloc(m->n_vars + 1, 1);

    for (size_t r = 0; fixed && r < m->n_rows; r++)
        if (m->rows[r].kind == MM_ROW_FIXED && m->rows[r].count == 1)
            fixed[m->row_vars[m->rows[r].begin]] = 1;
    return fixed;
}

/* The variable of position j that keeps its baseline lead, or MM_NONE. */
static uint32_t trail_var(const split *sp, size_t j)
{
    const mm_model *m = sp->m;

    for (uint32_t v = m->app_first_var[sp->apps[j]]; v < m->app_first_var[sp->apps[j] + 1]; v++)
        if (sp->trail[v] != 0)
            return v;
    return MM_NONE;
}

/* Pin position j to variable v, its place taken. */
static void pin(split *sp, size_t j, uint32_t v)
{
    sp->pinned[j] = 1;
    sp->lead[j] = v;
    sp->left[pair_of(sp->p, sp->m, v)]--;
}

/* The idea's places (from the variables in sp->orig) given out again:
 * fixed leads pinned; PIN_GREEDY: then each baseline student, in document
 * order, to its baseline lead while that mentor has a place left;
 * PIN_CHOSEN: the baseline leads the solver chose; then the rest. */
enum { PIN_FIXED, PIN_GREEDY, PIN_CHOSEN };

static int give_out(split *sp, const unsigned char *fixed, uint32_t idea, int mode)
{
    const mm_idea *d = &sp->p->ideas[idea];
    int ok = 1;

    memset(sp->left + d->mentor_begin, 0, d->mentor_count * sizeof *sp->left);
    for (size_t j = 0; j < sp->n; j++) {
        sp->left[pair_of(sp->p, sp->m, sp->orig[j])]++;
        sp->lead[j] = MM_NONE;
        sp->pinned[j] = 0;
    }
    for (size_t j = 0; j < sp->n; j++)
        if (fixed[sp->orig[j]] || (mode == PIN_CHOSEN && sp->trail[sp->orig[j]] != 0))
            pin(sp, j, sp->orig[j]);
    for (size_t j = 0; mode == PIN_GREEDY && j < sp->n; j++) {
        uint32_t v = sp->pinned[j] ? MM_NONE : trail_var(sp, j);
        if (v != MM_NONE && sp->left[pair_of(sp->p, sp->m, v)] > 0)
            pin(sp, j, v);
    }
    for (size_t j = 0; ok && j < sp->n; j++) {
        if (sp->pinned[j])
            continue;
        memset(sp->seen + d->mentor_begin, 0, d->mentor_count);
        ok = place(sp, j);
    }
    return ok;
}

/* One idea: its mentors' places from `chosen`, given out again; with a
 * baseline, its leads first where the places allow, else those chosen. */
static int split_idea(split *sp, const unsigned char *fixed, uint32_t idea, unsigned char *out)
{
    const mm_model *m = sp->m;
    int ok = 0;

    for (size_t j = 0; j < sp->n; j++)
        for (uint32_t v = m->app_first_var[sp->apps[j]]; v < m->app_first_var[sp->apps[j] + 1]; v++)
            if (out[v]) {
                sp->orig[j] = v;
                out[v] = 0;
            }
    if (sp->trail)
        ok = give_out(sp, fixed, idea, PIN_GREEDY) || give_out(sp, fixed, idea, PIN_CHOSEN);
    else
        ok = give_out(sp, fixed, idea, PIN_FIXED);
    for (size_t j = 0; j < sp->n; j++)
        out[ok ? sp->lead[j] : sp->orig[j]] = 1;
    return ok;
}

/* The chosen applications grouped by idea, document order within each
 * (counting sort; applications are numbered student by student). */
static uint32_t *group_by_idea(const mm_problem *p, const mm_model *m, const unsigned char *chosen,
                               uint32_t *start)
{
    uint32_t *apps = mm_malloc((m->n_vars + 1) * sizeof *apps);
    uint32_t *fill = mm_calloc(p->n_ideas + 1, sizeof *fill);

    if (!apps || !fill) {
        mm_free(apps);
        mm_free(fill);
        return NULL;
    }
    for (size_t v = 0; v < m->n_vars; v++)
        if (chosen[v])
            start[p->apps[m->vars[v].app].idea + 1]++;
    for (size_t i = 0; i < p->n_ideas; i++)
        start[i + 1] += start[i];
    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t idea = p->apps[m->vars[v].app].idea;
        if (chosen[v])
            apps[start[idea] + fill[idea]++] = m->vars[v].app;
    }
    mm_free(fill);
    return apps;
}

int mm_tie_split(const mm_problem *p, const mm_model *m, const double *trail,
                 unsigned char *chosen)
{
    unsigned char *out = mm_malloc(m->n_vars + 1), *fixed = fixed_vars(m);
    uint32_t *start = mm_calloc(p->n_ideas + 2, sizeof *start);
    uint32_t *grouped = start ? group_by_idea(p, m, chosen, start) : NULL;
    split sp = {p, m, NULL, trail, mm_malloc((m->n_vars + 1) * sizeof *sp.orig),
                mm_malloc((m->n_vars + 1) * sizeof *sp.lead), mm_malloc(m->n_vars + 1),
                mm_calloc(p->n_idea_mentors + 1, sizeof *sp.left),
                mm_calloc(p->n_idea_mentors + 1, 1), 0};
    int rc = out && fixed && grouped && sp.orig && sp.lead && sp.pinned && sp.left && sp.seen
                 ? 0
                 : MM_ENOMEM;
    int ok = 1;

    if (rc == 0)
        memcpy(out, chosen, m->n_vars);
    for (uint32_t i = 0; rc == 0 && ok && i < p->n_ideas; i++) {
        sp.apps = grouped + start[i];
        sp.n = start[i + 1] - start[i];
        if (sp.n > 0)
            ok = split_idea(&sp, fixed, i, out);
    }
    if (rc == 0 && ok && mm_model_satisfied(m, out))
        memcpy(chosen, out, m->n_vars);
    mm_free(out);
    mm_free(fixed);
    mm_free(start);
    mm_free(grouped);
    mm_free(sp.orig);
    mm_free(sp.lead);
    mm_free(sp.pinned);
    mm_free(sp.left);
    mm_free(sp.seen);
    return rc;
}
