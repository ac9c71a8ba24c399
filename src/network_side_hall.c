/* Conflict rows (network_side.h): the flow sends an idea's students to it
 * and units to each of its mentors, but a student in conflict with some
 * of them may be led only by the others. The split exists exactly when,
 * for every set S of the idea's mentors, the students whose allowed lead
 * mentors all lie in S are at most the units sent to S (Hall's theorem
 * for b-matchings). Only the sets that are unions of applicants' allowed
 * sets can be tight, and only ideas with a restricted applicant need any. */
#include <string.h>

#include "alloc.h"
#include "network_side.h"

#ifdef MM_HAVE_FLOW

#define HALL_MAX_MENTORS 8

/* The idea's mentors whose arc exists, as bits of its mentor list. */
static uint32_t arcs_of(const network *n, const mm_idea *idea)
{
    uint32_t mask = 0;

    for (uint32_t k = 0; k < idea->mentor_count; k++)
        if (n->pair_arc[idea->mentor_begin + k] != MM_NONE)
            mask |= 1u << k;
    return mask;
}

/* The lead mentors an application may have, as bits. */
static uint32_t allowed(const network *n, uint32_t app)
{
    const mm_model *m = n->m;
    const mm_idea *idea = &n->p->ideas[n->p->apps[app].idea];
    uint32_t fixed = n->fixed_var[m->vars[m->app_first_var[app]].student], mask = 0;

    if (fixed != MM_NONE && m->vars[fixed].app == app)
        return 1u << (n->var_pair[fixed] - idea->mentor_begin);
    for (uint32_t v = m->app_first_var[app]; v < m->app_first_var[app + 1]; v++)
        mask |= 1u << (n->var_pair[v] - idea->mentor_begin);
    return mask;
}

/* One row for the set S of the idea's mentors. */
static int add_set(mm_side *s, const mm_idea *idea, const uint32_t *apps, const uint32_t *masks,
                   uint32_t count, uint32_t set)
{
    const network *n = &s->n;
    long j = mm_side_row_add(s, MM_SIDE_NO_LO, 0, MM_NONE);
    int rc = j < 0 ? MM_ENOMEM : 0;

    for (uint32_t k = 0; rc == 0 && k < count; k++)
        if ((masks[k] & ~set) == 0)
            rc = mm_side_term_add(s, n->app_arc[apps[k]], (uint32_t)j, 1);
    for (uint32_t k = 0; rc == 0 && k < idea->mentor_count; k++) {
        uint32_t q = idea->mentor_begin + k;
        if (!(set >> k & 1))
            continue;
        rc = mm_side_term_add(s, n->pair_arc[q], (uint32_t)j, -1);
        if (rc == 0 && n->trail_arc && n->trail_arc[q] != MM_NONE)
            rc = mm_side_term_add(s, n->trail_arc[q], (uint32_t)j, -1);
    }
    return rc;
}

/* The rows of one idea, given its applicants' allowed sets. */
static int idea_rows(mm_side *s, const mm_idea *idea, const uint32_t *apps, uint32_t *masks,
                     uint32_t count)
{
    uint32_t all = arcs_of(&s->n, idea);
    int restricted = 0, rc = 0;

    for (uint32_t k = 0; k < count; k++)
        restricted |= masks[k] != all;
    if (!restricted)
        return 0;
    if (idea->mentor_count > HALL_MAX_MENTORS)
        return MM_EINVALID;
    for (uint32_t set = 1; rc == 0 && set < all; set++) {
        uint32_t cover = 0;
        if ((set & ~all) != 0)
            continue;
        for (uint32_t k = 0; k < count; k++)
            if ((masks[k] & ~set) == 0)
                cover |= masks[k];
        if (cover == set)
            rc = add_set(s, idea, apps, masks, count, set);
    }
    return rc;
}

/* The routed applications grouped by idea (counting sort). */
static int group_apps(const network *n, uint32_t **start, uint32_t **apps)
{
    const mm_problem *p = n->p;
    uint32_t *fill = mm_calloc(p->n_ideas + 1, sizeof *fill);

    *start = mm_calloc(p->n_ideas + 2, sizeof **start);
    *apps = mm_malloc((p->n_apps + 1) * sizeof **apps);
    if (!fill || !*start || !*apps) {
        mm_free(fill);
        return MM_ENOMEM;
    }
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE)
            (*start)[p->apps[a].idea + 1]++;
    for (size_t i = 0; i < p->n_ideas; i++)
        (*start)[i + 1] += (*start)[i];
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE) {
            uint32_t i = p->apps[a].idea;
            (*apps)[(*start)[i] + fill[i]++] = (uint32_t)a;
        }
    mm_free(fill);
    return 0;
}

int mm_side_hall_rows(mm_side *s)
{
    const network *n = &s->n;
    const mm_problem *p = n->p;
    uint32_t *start = NULL, *apps = NULL, *masks = mm_malloc((p->n_apps + 1) * sizeof *masks);
    int rc = masks ? group_apps(n, &start, &apps) : MM_ENOMEM;

    for (size_t i = 0; rc == 0 && i < p->n_ideas; i++) {
        const mm_idea *idea = &p->ideas[i];
        uint32_t count = start[i + 1] - start[i];
        if (idea->mentor_count < 2 || count == 0)
            continue;
        for (uint32_t k = 0; k < count; k++)
            masks[k] = allowed(n, apps[start[i] + k]);
        rc = idea_rows(s, idea, apps + start[i], masks, count);
    }
    mm_free(start);
    mm_free(apps);
    mm_free(masks);
    return rc;
}

#endif
