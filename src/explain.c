#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "model.h"
#include "reasons.h"
#include "solve.h"
#include "suggest.h"

void mm_explanation_free(mm_explanation *e)
{
    if (!e)
        return;
    mm_free(e->placed_app);
    mm_free(e->placed_mentor);
    mm_free(e->alts);
    mm_free(e);
}

static uint32_t find_id(const mm_strmap *ids, const char *id)
{
    return mm_strmap_get(ids, id, strlen(id));
}

/* Who went where, by index, from the result's id strings. */
static int index_placements(mm_explanation *e)
{
    const mm_problem *p = e->p;

    e->placed_app = mm_malloc((p->n_students + 1) * sizeof *e->placed_app);
    e->placed_mentor = mm_malloc((p->n_students + 1) * sizeof *e->placed_mentor);
    if (!e->placed_app || !e->placed_mentor)
        return MM_ENOMEM;
    for (size_t s = 0; s < p->n_students; s++)
        e->placed_app[s] = e->placed_mentor[s] = MM_NONE;
    for (size_t k = 0; k < mm_result_assignment_count(e->r); k++) {
        const mm_assignment *a = mm_result_assignment(e->r, k);
        uint32_t s = find_id(&p->student_ids, a->student);
        e->placed_app[s] = mm_problem_find_app(p, s, find_id(&p->idea_ids, a->idea));
        e->placed_mentor[s] = find_id(&p->mentor_ids, a->mentor);
    }
    return 0;
}

static int add_alternative(mm_explanation *e, uint32_t app)
{
    mm_alternative *grown = mm_realloc(e->alts, (e->n_alts + 1) * sizeof *grown);

    if (!grown)
        return MM_ENOMEM;
    e->alts = grown;
    memset(&e->alts[e->n_alts], 0, sizeof *e->alts);
    e->alts[e->n_alts].tie_with = MM_NONE;
    e->alts[e->n_alts].quota_cell = MM_NONE;
    e->alts[e->n_alts++].app = app;
    return 0;
}

/* A student's applications ranked better than where they went (all of them
 * when unassigned), best first. */
static int collect_for_student(mm_explanation *e, uint32_t s)
{
    const mm_problem *p = e->p;
    const mm_student *st = &p->students[s];
    int64_t placed_rank = e->placed_app[s] == MM_NONE ? INT64_MAX : p->apps[e->placed_app[s]].rank;

    for (int64_t best = 0;;) {
        uint32_t next = MM_NONE;
        for (uint32_t j = 0; j < st->app_count; j++) {
            const mm_application *app = &p->apps[st->app_begin + j];
            if (app->rank > best && app->rank < placed_rank &&
                (next == MM_NONE || app->rank < p->apps[next].rank))
                next = st->app_begin + j;
        }
        if (next == MM_NONE)
            return 0;
        if (add_alternative(e, next) != 0)
            return MM_ENOMEM;
        best = p->apps[next].rank;
    }
}

/* Everyone who applied to the idea and went elsewhere (or nowhere). */
static int collect_for_idea(mm_explanation *e, uint32_t idea)
{
    const mm_problem *p = e->p;

    for (size_t a = 0; a < p->n_apps; a++)
        if (p->apps[a].idea == idea && e->placed_app[p->apps[a].student] != a &&
            add_alternative(e, (uint32_t)a) != 0)
            return MM_ENOMEM;
    return 0;
}

static int collect_for_mentor(mm_explanation *e, uint32_t mentor)
{
    const mm_problem *p = e->p;

    for (size_t i = 0; i < p->n_ideas; i++)
        for (uint32_t k = 0; k < p->ideas[i].mentor_count; k++)
            if (p->idea_mentors[p->ideas[i].mentor_begin + k] == mentor &&
                collect_for_idea(e, (uint32_t)i) != 0)
                return MM_ENOMEM;
    return 0;
}

/* What was full in the solution, for each alternative (reasons.c, shared
 * with preview). */
static void mark_blocks(mm_explanation *e, mm_alternative *alt)
{
    mm_fill fill = {e->r->mentor_load, e->r->idea_filled, e->r->org_filled, e->r->assigned,
                    e->r->cell_count};
    mm_blocks b;

    mm_blocks_mark(e->p, &fill, alt->app, &b);
    alt->idea_full = b.idea_full;
    alt->mentors_full = b.mentors_full;
    alt->org_full = b.org_full;
    alt->program_full = b.program_full;
    alt->quota_cell = b.quota_cell;
}

/* The first student (document order) placed on `idea` now whom the what-if
 * allocation `chosen` places elsewhere or nowhere; MM_NONE if none. */
static uint32_t displaced(const mm_explanation *e, const mm_model *m, const unsigned char *chosen,
                          uint32_t idea)
{
    const mm_problem *p = e->p;

    for (size_t s = 0; chosen && s < p->n_students; s++) {
        uint32_t app = e->placed_app[s];
        int stays = 0;
        if (app == MM_NONE || p->apps[app].idea != idea)
            continue;
        for (uint32_t v = m->app_first_var[app]; v < m->app_first_var[app + 1]; v++)
            stays |= chosen[v];
        if (!stays)
            return (uint32_t)s;
    }
    return MM_NONE;
}

/* Solve with the pair fixed; compare with the solution being explained. */
static int what_if(mm_explanation *e, mm_model *m, const mm_glpk_objective *obj,
                   const mm_glpk_limits *limits, mm_alternative *alt)
{
    mm_glpk_outcome outcome;
    const char *used;
    size_t count = 0;
    double score = 0;
    int rc;

    if (m->app_first_var[alt->app] == m->app_first_var[alt->app + 1])
        return 0; /* ineligible, or every mentor in conflict: nothing to try */
    if ((rc = mm_model_push_fixed(m, alt->app)) != 0)
        return rc;
    rc = mm_program_solve(e->p, m, obj, limits, MM_SOLVER_AUTO, &outcome, &used, NULL);
    mm_model_pop_row(m);
    if (rc != 0)
        return rc;
    for (size_t v = 0; outcome.chosen && v < m->n_vars; v++) {
        count += outcome.chosen[v];
        score += outcome.chosen[v] ? obj->score[v] : 0;
    }
    if (outcome.kind == MM_OUTCOME_INFEASIBLE)
        alt->whatif = MM_WHATIF_INFEASIBLE;
    else if (outcome.kind != MM_OUTCOME_OPTIMAL)
        alt->whatif = MM_WHATIF_OUT_OF_TIME;
    else if (obj->count_first && count < e->r->assigned) {
        alt->whatif = MM_WHATIF_FEWER;
        alt->fewer = e->r->assigned - count;
    } else {
        alt->whatif = MM_WHATIF_RISE;
        alt->rise = e->r->score > score ? e->r->score - score : 0;
        alt->tie = alt->rise <= MM_EXPLAIN_TIE_TOLERANCE * (e->r->score > 1 ? e->r->score : 1);
        if (alt->tie) {
            alt->rise = 0;
            alt->tie_with = displaced(e, m, outcome.chosen, e->p->apps[alt->app].idea);
        }
    }
    mm_free(outcome.chosen);
    return 0;
}

static int run_what_ifs(mm_explanation *e, const mm_solve_options *opts)
{
    mm_model m;
    mm_glpk_limits limits = {.gap = opts->gap, .stop = opts->interrupt, .started = mm_now()};
    mm_glpk_objective obj = {NULL, e->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE, NULL, 0, NULL,
                             NULL, NULL};
    double *score = NULL;
    int rc = mm_model_build(&m, e->p);

    if (opts->time_limit > 0)
        limits.deadline = limits.started + opts->time_limit;
    if (rc == 0 && !(score = mm_model_scores(&m, e->p)))
        rc = MM_ENOMEM;
    obj.score = score;
    for (size_t k = 0; rc == 0 && k < e->n_alts; k++) {
        mark_blocks(e, &e->alts[k]);
        if (limits.deadline > 0 && mm_now() >= limits.deadline)
            e->alts[k].whatif = MM_WHATIF_OUT_OF_TIME;
        else
            rc = what_if(e, &m, &obj, &limits, &e->alts[k]);
    }
    mm_free(score);
    mm_model_dispose(&m);
    return rc;
}

static int by_what_it_takes(const void *a, const void *b)
{
    const mm_alternative *x = a, *y = b;
    /* Next in line first: smallest rise, then fewest lost, then the rest. */
    static const int order[] = {[MM_WHATIF_RISE] = 0, [MM_WHATIF_FEWER] = 1,
                                [MM_WHATIF_INFEASIBLE] = 2, [MM_WHATIF_OUT_OF_TIME] = 3,
                                [MM_WHATIF_NOT_RUN] = 4};

    if (order[x->whatif] != order[y->whatif])
        return order[x->whatif] - order[y->whatif];
    if (x->whatif == MM_WHATIF_RISE && x->rise != y->rise)
        return x->rise < y->rise ? -1 : 1;
    if (x->whatif == MM_WHATIF_FEWER && x->fewer != y->fewer)
        return x->fewer < y->fewer ? -1 : 1;
    return x->app < y->app ? -1 : x->app > y->app; /* input order: deterministic */
}

/* The mentor view keeps each idea's alternatives together, in idea order. */
static const mm_problem *sort_problem;

static int by_idea_then_what_it_takes(const void *a, const void *b)
{
    uint32_t x = sort_problem->apps[((const mm_alternative *)a)->app].idea;
    uint32_t y = sort_problem->apps[((const mm_alternative *)b)->app].idea;

    return x != y ? (x < y ? -1 : 1) : by_what_it_takes(a, b);
}

static void sort_alternatives(mm_explanation *e)
{
    if (e->subject == MM_EXPLAIN_STUDENT || e->n_alts < 2)
        return; /* a student's list stays in rank order; qsort may not take NULL */
    if (e->subject == MM_EXPLAIN_IDEA) {
        qsort(e->alts, e->n_alts, sizeof *e->alts, by_what_it_takes);
        return;
    }
    sort_problem = e->p; /* qsort has no context argument in C11 */
    qsort(e->alts, e->n_alts, sizeof *e->alts, by_idea_then_what_it_takes);
    sort_problem = NULL;
}

static int resolve_subject(mm_explanation *e, mm_explain_subject subject, const char *id,
                           mm_diags *diags)
{
    static const char *const kinds[] = {"student", "idea", "mentor"};
    const mm_strmap *ids = subject == MM_EXPLAIN_STUDENT ? &e->p->student_ids
                           : subject == MM_EXPLAIN_IDEA  ? &e->p->idea_ids
                                                         : &e->p->mentor_ids;

    e->subject = subject;
    e->subject_index = find_id(ids, id);
    if (e->subject_index != MM_NOT_FOUND)
        return 0;
    char near[MM_SUGGEST_SUFFIX_SIZE];

    mm_diag_add(diags, MM_SEVERITY_ERROR, NULL, "unknown %s " MM_ID_FMT "%s", kinds[subject],
                MM_ID_ARG(id), mm_suggest_id_suffix(near, id, strlen(id), ids, NULL));
    return MM_EINVALID;
}

int mm_explain(mm_explanation **out, const mm_problem *p, const mm_result *r,
               mm_explain_subject subject, const char *id, const mm_solve_options *opts,
               mm_diags *diags)
{
    static const mm_solve_options no_limits = MM_SOLVE_OPTIONS_INIT;
    mm_explanation *e = mm_calloc(1, sizeof *e);
    int rc;

    *out = NULL;
    if (!e)
        return MM_ENOMEM;
    e->p = p;
    e->r = r;
    rc = resolve_subject(e, subject, id, diags);
    if (rc == 0)
        rc = index_placements(e);
    if (rc == 0)
        rc = subject == MM_EXPLAIN_STUDENT ? collect_for_student(e, e->subject_index)
             : subject == MM_EXPLAIN_IDEA  ? collect_for_idea(e, e->subject_index)
                                           : collect_for_mentor(e, e->subject_index);
    if (rc == 0)
        rc = run_what_ifs(e, opts ? opts : &no_limits);
    if (rc != 0) {
        mm_explanation_free(e);
        return rc;
    }
    sort_alternatives(e);
    *out = e;
    return 0;
}
