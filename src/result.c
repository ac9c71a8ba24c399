#include "result.h"

#include <string.h>

#include "alloc.h"
#include "baseline.h"
#include "quota.h"
#include "reasons.h"
#include "stability.h"

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
    mm_free(r->cell_count);
    mm_free(r->by_rank);
    mm_free(r->blocking);
    mm_baseline_summary_free(r->baseline);
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
    case MM_STATUS_INFEASIBLE: return "infeasible";
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
    r->cell_count = mm_calloc(p->n_cells + 1, sizeof *r->cell_count);
    return r->assignments && r->unassigned && r->mentor_load && r->idea_filled &&
                   r->org_filled && r->by_rank && r->cell_count
               ? 0
               : MM_ENOMEM;
}

/* Per student, the (application, mentor) the solver chose, or MM_NONE. */
static mm_pick *picks_of_solution(const mm_problem *p, const mm_solution *sol)
{
    const mm_model *m = sol->model;
    mm_pick *picks = mm_malloc(p->n_students * sizeof *picks);

    if (!picks)
        return NULL;
    for (size_t s = 0; s < p->n_students; s++)
        picks[s] = (mm_pick){MM_NONE, MM_NONE};
    for (size_t v = 0; v < m->n_vars; v++)
        if (sol->chosen[v])
            picks[m->vars[v].student] = (mm_pick){m->vars[v].app, m->vars[v].mentor};
    return picks;
}

static void count_loads(mm_result *r, const mm_pick *picks)
{
    const mm_problem *p = r->p;

    for (size_t s = 0; s < p->n_students; s++) {
        uint32_t idea;
        if (picks[s].app == MM_NONE)
            continue;
        idea = p->apps[picks[s].app].idea;
        r->mentor_load[picks[s].mentor]++;
        r->idea_filled[idea]++;
        if (p->ideas[idea].org != MM_NONE)
            r->org_filled[p->ideas[idea].org]++;
        r->assigned++;
        for (uint32_t q = 0; q < p->n_quotas; q++) {
            uint32_t c = mm_quota_cell_of(p, q, picks[s].app, picks[s].mentor);
            if (c != MM_NONE)
                r->cell_count[c]++;
        }
    }
}

int mm_result_cell_breaks(const mm_result *r, size_t c)
{
    const mm_quota *q = &r->p->quotas[r->p->cells[c].quota];

    if (r->cell_count[c] < q->min)
        return -1;
    return q->has_max && r->cell_count[c] > q->max;
}

int mm_result_cell_binds(const mm_result *r, size_t c)
{
    const mm_quota *q = &r->p->quotas[r->p->cells[c].quota];

    return (q->has_min && r->cell_count[c] == q->min) ||
           (q->has_max && r->cell_count[c] == q->max);
}

static void record_assignment(mm_result *r, uint32_t student, const mm_pick *pick)
{
    const mm_problem *p = r->p;
    const mm_application *app = &p->apps[pick->app];
    mm_assignment *a = &r->assignments[r->n_assignments++];

    a->student = p->students[student].id;
    a->idea = p->ideas[app->idea].id;
    a->mentor = p->mentors[pick->mentor].id;
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

static int fill_lists(mm_result *r, const mm_pick *picks)
{
    const mm_problem *p = r->p;

    count_loads(r, picks);
    for (size_t k = 0; k < p->n_students; k++) {
        uint32_t s = p->students_by_id[k];
        if (picks[s].app != MM_NONE) {
            record_assignment(r, s, &picks[s]);
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

/* A result with its lists filled from `picks`; the caller sets the rest.
 * `given` must be set before the reasons are written. */
static int build_from_picks(mm_result **out, const mm_problem *p, const mm_pick *picks,
                            mm_status status, int given)
{
    mm_result *r = mm_calloc(1, sizeof *r);
    int rc = MM_ENOMEM;

    *out = NULL;
    if (!r)
        return MM_ENOMEM;
    r->p = p;
    r->integral = -1;
    r->blocking_pairs = -1;
    r->status = status;
    r->strategy = given ? "given" : "ilp";
    r->given = given;
    if (alloc_tables(r, p) == 0)
        rc = fill_lists(r, picks);
    if (rc == 0)
        rc = mm_measure(&r->metrics, r);
    if (rc != 0) {
        mm_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* The blocking pairs of `chosen`, counted and listed in one pass (at most
 * one per variable), with the idea each student holds. */
static int measure_blocking(mm_result *r, const mm_model *m, const unsigned char *chosen)
{
    size_t count = 0;
    uint32_t *vars = mm_malloc((m->n_vars + 1) * sizeof *vars);
    int rc = vars ? mm_blocking_pairs(&count, vars, m->n_vars, r->p, m, chosen) : MM_ENOMEM;

    if (rc == 0 && count > 0 && !(r->blocking = mm_malloc(3 * count * sizeof *r->blocking)))
        rc = MM_ENOMEM;
    for (size_t k = 0; rc == 0 && k < count; k++) {
        const mm_student *st = &r->p->students[m->vars[vars[k]].student];
        uint32_t first = m->app_first_var[st->app_begin];
        uint32_t *pair = &r->blocking[3 * k];
        pair[0] = m->vars[vars[k]].app;
        pair[1] = m->vars[vars[k]].mentor;
        pair[2] = MM_NONE;
        for (uint32_t v = first; v < m->app_first_var[st->app_begin + st->app_count]; v++)
            if (chosen[v])
                pair[2] = r->p->apps[m->vars[v].app].idea;
    }
    r->blocking_pairs = (long)count;
    mm_free(vars);
    return rc;
}

/* Blocking pairs of given picks: each pick that is a variable of the model
 * (eligible, mentor free of conflict) counts as chosen; others cannot block. */
static int count_given_blocking_pairs(mm_result *r, const mm_pick *picks)
{
    mm_model m;
    unsigned char *chosen = NULL;
    int rc = mm_model_build(&m, r->p);

    if (rc == 0 && !(chosen = mm_calloc(m.n_vars + 1, 1)))
        rc = MM_ENOMEM;
    for (size_t s = 0; rc == 0 && s < r->p->n_students; s++) {
        if (picks[s].app == MM_NONE)
            continue;
        for (uint32_t v = m.app_first_var[picks[s].app]; v < m.app_first_var[picks[s].app + 1]; v++)
            chosen[v] |= m.vars[v].mentor == picks[s].mentor;
    }
    if (rc == 0)
        rc = measure_blocking(r, &m, chosen);
    mm_free(chosen);
    mm_model_dispose(&m);
    return rc;
}

int mm_result_build_picks(mm_result **out, const mm_problem *p, const mm_pick *picks)
{
    int rc = build_from_picks(out, p, picks, MM_STATUS_FEASIBLE, 1);

    if (rc == 0 && (rc = count_given_blocking_pairs(*out, picks)) != 0) {
        mm_result_free(*out);
        *out = NULL;
    }
    return rc;
}


const char *mm_result_solver(const mm_result *r)
{
    return r->solver;
}

long mm_result_blocking_pairs(const mm_result *r)
{
    return r->blocking_pairs;
}

int mm_result_blocking_pair(const mm_result *r, size_t i, mm_blocking_pair *out)
{
    const uint32_t *pair;

    if (r->blocking_pairs < 0 || i >= (size_t)r->blocking_pairs)
        return MM_EINVALID;
    pair = &r->blocking[3 * i];
    out->student = r->p->students[r->p->apps[pair[0]].student].id;
    out->idea = r->p->ideas[r->p->apps[pair[0]].idea].id;
    out->mentor = r->p->mentors[pair[1]].id;
    out->rank = (int)r->p->apps[pair[0]].rank;
    out->holds = pair[2] == MM_NONE ? NULL : r->p->ideas[pair[2]].id;
    return 0;
}

void mm_result_set_verbose(mm_result *r, int verbose)
{
    r->verbose = verbose;
}

int mm_result_build(mm_result **out, const mm_problem *p, const mm_solution *sol)
{
    mm_pick *picks = picks_of_solution(p, sol);
    mm_result *r = NULL;
    int rc = picks ? build_from_picks(&r, p, picks, sol->status, 0) : MM_ENOMEM;

    mm_free(picks);
    *out = r;
    if (rc != 0)
        return rc;
    if (sol->strategy)
        r->strategy = sol->strategy;
    if (measure_blocking(r, sol->model, sol->chosen) != 0) {
        mm_result_free(r);
        *out = NULL;
        return MM_ENOMEM;
    }
    r->integral = sol->integral;
    r->variables = sol->model->n_vars;
    r->constraints = sol->model->n_rows;
    r->seconds = sol->seconds;
    r->solver = sol->solver;
    /* The bound can never be below the solution in hand. */
    r->bound_assigned = sol->bound_assigned > r->assigned ? sol->bound_assigned : r->assigned;
    r->bound_score = sol->bound_score > r->score ? sol->bound_score : r->score;
    if (r->status == MM_STATUS_OPTIMAL) {
        r->bound_assigned = r->assigned;
        r->bound_score = r->score;
    }
    return 0;
}
