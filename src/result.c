#include "result.h"

#include <string.h>

#include "alloc.h"
#include "reasons.h"

void mm_result_free(mm_result *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < r->n_unassigned; k++)
        mm_free(r->unassigned[k].reason);
    mm_free(r->assignments);
    mm_free(r->unassigned);
    mm_free(r->mentor_load);
    mm_free(r->idea_filled);
    mm_free(r->org_filled);
    mm_free(r->by_rank);
    mm_free(r);
}

mm_status mm_result_status(const mm_result *r)
{
    return r->status;
}

const char *mm_status_name(mm_status status)
{
    switch (status) {
    case MM_STATUS_OPTIMAL: return "optimal";
    case MM_STATUS_FEASIBLE: return "feasible";
    default: return "interrupted";
    }
}

void mm_result_objective(const mm_result *r, size_t *assigned, double *score)
{
    if (assigned)
        *assigned = r->assigned;
    if (score)
        *score = r->score;
}

void mm_result_bound(const mm_result *r, size_t *assigned, double *score)
{
    if (assigned)
        *assigned = r->bound_assigned;
    if (score)
        *score = r->bound_score;
}

size_t mm_result_assignment_count(const mm_result *r)
{
    return r->n_assignments;
}

const mm_assignment *mm_result_assignment(const mm_result *r, size_t i)
{
    return i < r->n_assignments ? &r->assignments[i] : NULL;
}

static int alloc_tables(mm_result *r, const mm_problem *p)
{
    r->assignments = mm_calloc(p->n_students, sizeof *r->assignments);
    r->unassigned = mm_calloc(p->n_students, sizeof *r->unassigned);
    r->mentor_load = mm_calloc(p->n_mentors, sizeof *r->mentor_load);
    r->idea_filled = mm_calloc(p->n_ideas, sizeof *r->idea_filled);
    r->org_filled = mm_calloc(p->n_orgs, sizeof *r->org_filled);
    r->by_rank = mm_calloc((size_t)p->max_rank_seen, sizeof *r->by_rank);
    return r->assignments && r->unassigned && r->mentor_load && r->idea_filled &&
                   r->org_filled && r->by_rank
               ? 0
               : MM_ENOMEM;
}

/* Per student, the chosen variable or MM_NONE; counts loads and fills. */
static uint32_t *choose(mm_result *r, const mm_solution *sol)
{
    const mm_problem *p = r->p;
    const mm_model *m = sol->model;
    uint32_t *var_of = mm_malloc(p->n_students * sizeof *var_of);

    if (!var_of)
        return NULL;
    for (size_t s = 0; s < p->n_students; s++)
        var_of[s] = MM_NONE;
    for (size_t v = 0; v < m->n_vars; v++) {
        const mm_var *var = &m->vars[v];
        uint32_t idea = p->apps[var->app].idea;
        if (!sol->chosen[v])
            continue;
        var_of[var->student] = (uint32_t)v;
        r->mentor_load[var->mentor]++;
        r->idea_filled[idea]++;
        if (p->ideas[idea].org != MM_NONE)
            r->org_filled[p->ideas[idea].org]++;
        r->assigned++;
    }
    return var_of;
}

static void record_assignment(mm_result *r, const mm_var *var)
{
    const mm_problem *p = r->p;
    const mm_application *app = &p->apps[var->app];
    mm_assignment *a = &r->assignments[r->n_assignments++];

    a->student = p->students[var->student].id;
    a->idea = p->ideas[app->idea].id;
    a->mentor = p->mentors[var->mentor].id;
    a->rank = (int)app->rank;
    a->score = app->score;
    a->rating = app->components[MM_W_RATING];
    a->preference = app->components[MM_W_PREFERENCE];
    a->skill = app->components[MM_W_SKILL];
    a->impact = app->components[MM_W_IMPACT];
    r->score += app->score;
    r->by_rank[app->rank - 1]++;
    if ((size_t)app->rank > r->n_by_rank)
        r->n_by_rank = (size_t)app->rank;
    r->mean_rank += (double)app->rank;
}

static int fill_lists(mm_result *r, const mm_solution *sol, const uint32_t *var_of)
{
    const mm_problem *p = r->p;

    for (size_t k = 0; k < p->n_students; k++) {
        uint32_t s = p->students_by_id[k];
        if (var_of[s] != MM_NONE) {
            record_assignment(r, &sol->model->vars[var_of[s]]);
            continue;
        }
        mm_unassigned *u = &r->unassigned[r->n_unassigned++];
        u->student = s;
        u->reason = mm_unassigned_reason(r, s);
        if (!u->reason)
            return MM_ENOMEM;
    }
    if (r->n_assignments)
        r->mean_rank /= (double)r->n_assignments;
    return 0;
}

int mm_result_build(mm_result **out, const mm_problem *p, const mm_solution *sol)
{
    mm_result *r = mm_calloc(1, sizeof *r);
    uint32_t *var_of = NULL;
    int rc = MM_ENOMEM;

    *out = NULL;
    if (!r)
        return MM_ENOMEM;
    r->p = p;
    r->status = sol->status;
    r->strategy = "ilp";
    r->variables = sol->model->n_vars;
    r->constraints = sol->model->n_rows;
    r->seconds = sol->seconds;
    if (alloc_tables(r, p) == 0 && (var_of = choose(r, sol)) != NULL)
        rc = fill_lists(r, sol, var_of);
    mm_free(var_of);
    if (rc != 0) {
        mm_result_free(r);
        return rc;
    }
    /* The bound can never be below the solution in hand. */
    r->bound_assigned = sol->bound_assigned > r->assigned ? sol->bound_assigned : r->assigned;
    r->bound_score = sol->bound_score > r->score ? sol->bound_score : r->score;
    if (r->status == MM_STATUS_OPTIMAL) {
        r->bound_assigned = r->assigned;
        r->bound_score = r->score;
    }
    *out = r;
    return 0;
}
