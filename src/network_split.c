/* From the flow to one choice per variable: each idea's students are given
 * lead mentors, as many to each as the flow sent, by augmenting paths. */
#include <string.h>

#include "alloc.h"
#include "network.h"

#ifdef MM_HAVE_FLOW


typedef struct {
    uint32_t *apps;      /* assigned applications, grouped by idea */
    uint32_t *lead;      /* per position: its pair (idea_mentors entry) */
    unsigned char *held; /* per position: a fixed lead mentor, never moved */
    int64_t *left;       /* per pair: units of its arc not yet given out */
    unsigned char *seen; /* per pair, during one search */
} split;

/* Give position j a lead mentor among its own variables, moving others
 * of the same idea along (an augmenting path, Kuhn's method). */
static int place(const network *n, split *sp, uint32_t begin, uint32_t end, uint32_t j)
{
    const mm_model *m = n->m;
    uint32_t app = sp->apps[j];

    for (uint32_t v = m->app_first_var[app]; v < m->app_first_var[app + 1]; v++) {
        uint32_t pair = n->var_pair[v];
        if (sp->seen[pair])
            continue;
        sp->seen[pair] = 1;
        if (sp->left[pair] > 0) {
            sp->left[pair]--;
            sp->lead[j] = pair;
            return 1;
        }
        for (uint32_t k = begin; k < end; k++)
            if (k != j && sp->lead[k] == pair && !sp->held[k] && place(n, sp, begin, end, k)) {
                sp->lead[j] = pair;
                return 1;
            }
    }
    return 0;
}

static void clear_seen(const network *n, split *sp, uint32_t idea)
{
    const mm_idea *d = &n->p->ideas[idea];

    memset(sp->seen + d->mentor_begin, 0, d->mentor_count);
}

/* One idea's students to its mentors, as many to each as the flow sent.
 * @return 1 when each found one; those that did not keep lead MM_NONE. */
static int split_idea(const network *n, split *sp, uint32_t idea, uint32_t begin, uint32_t end)
{
    int all = 1;

    for (uint32_t j = begin; j < end; j++) {
        uint32_t student = n->m->vars[n->m->app_first_var[sp->apps[j]]].student;
        uint32_t fixed = n->fixed_var[student];
        sp->lead[j] = MM_NONE;
        sp->held[j] = fixed != MM_NONE && sp->left[n->var_pair[fixed]] > 0;
        if (sp->held[j]) {
            sp->left[n->var_pair[fixed]]--;
            sp->lead[j] = n->var_pair[fixed];
        }
    }
    for (uint32_t j = begin; j < end; j++) {
        if (sp->held[j])
            continue;
        clear_seen(n, sp, idea);
        if (n->fixed_var[n->m->vars[n->m->app_first_var[sp->apps[j]]].student] != MM_NONE ||
            !place(n, sp, begin, end, j))
            all = 0;
    }
    return all;
}

static uint32_t var_of(const mm_model *m, const network *n, uint32_t app, uint32_t pair)
{
    for (uint32_t v = m->app_first_var[app]; v < m->app_first_var[app + 1]; v++)
        if (n->var_pair[v] == pair)
            return v;
    return MM_NONE;
}

/* Group the assigned applications by idea (counting sort). */
static uint32_t *group_by_idea(const network *n, uint32_t *start)
{
    const mm_problem *p = n->p;
    uint32_t *apps = mm_malloc((p->n_apps + 1) * sizeof *apps), *fill = mm_calloc(p->n_ideas + 1, sizeof *fill);

    if (!apps || !fill) {
        mm_free(apps);
        mm_free(fill);
        return NULL;
    }
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE && mm_flow_of(&n->flow, n->app_arc[a]) > 0)
            start[p->apps[a].idea + 1]++;
    for (size_t i = 0; i < p->n_ideas; i++)
        start[i + 1] += start[i];
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE && mm_flow_of(&n->flow, n->app_arc[a]) > 0)
            apps[start[p->apps[a].idea] + fill[p->apps[a].idea]++] = (uint32_t)a;
    mm_free(fill);
    return apps;
}

/* Turn the flow into one choice per variable. @return 1 when every
 * assigned student found a lead mentor, 0 when some did not (they are left
 * out), -1 on oom. */
int mm_net_decode(network *n, unsigned char *chosen)
{
    const mm_problem *p = n->p;
    uint32_t *start = mm_calloc(p->n_ideas + 2, sizeof *start);
    split sp = {NULL, NULL, NULL, NULL, NULL};
    int ok = 1;

    if (start)
        sp.apps = group_by_idea(n, start);
    if (sp.apps) {
        sp.lead = mm_malloc((start[p->n_ideas] + 1) * sizeof *sp.lead);
        sp.held = mm_malloc(start[p->n_ideas] + 1);
        sp.left = mm_calloc(p->n_idea_mentors + 1, sizeof *sp.left);
        sp.seen = mm_calloc(p->n_idea_mentors + 1, 1);
    }
    if (!start || !sp.apps || !sp.lead || !sp.held || !sp.left || !sp.seen) {
        ok = -1;
    } else {
        for (size_t q = 0; q < p->n_idea_mentors; q++)
            sp.left[q] = (n->pair_arc[q] == MM_NONE ? 0 : mm_flow_of(&n->flow, n->pair_arc[q])) +
                         (!n->trail_arc || n->trail_arc[q] == MM_NONE
                              ? 0
                              : mm_flow_of(&n->flow, n->trail_arc[q]));
        for (uint32_t i = 0; i < p->n_ideas; i++)
            ok &= split_idea(n, &sp, i, start[i], start[i + 1]);
        for (uint32_t j = 0; j < start[p->n_ideas]; j++)
            if (sp.lead[j] != MM_NONE)
                chosen[var_of(n->m, n, sp.apps[j], sp.lead[j])] = 1;
            else
                n->unsplit[sp.apps[j]] = 1;
    }
    mm_free(start);
    mm_free(sp.apps);
    mm_free(sp.lead);
    mm_free(sp.held);
    mm_free(sp.left);
    mm_free(sp.seen);
    return ok;
}

#endif
