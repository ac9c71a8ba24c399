/* Exact thresholds by re-solving (threshold_internal.h): the best
 * allocation with the pair fixed (not placed now) or forbidden (placed),
 * through the solver every caller uses (flow where it proves the optimum,
 * GLPK otherwise), as explain's what-if does. */
#include "threshold_internal.h"

#include <string.h>

#include "alloc.h"
#include "solve.h"

/* The model with application `app` made eligible (it fails min_rating
 * only): built from a copy of the problem whose application lacks those
 * bits. Its variables are m's with app's inserted where they belong. */
static int model_with_app(const th_resolve *r, uint32_t app, mm_problem *copy, mm_model *out,
                          double **score)
{
    const mm_problem *p = r->p;
    mm_application *apps = mm_malloc((p->n_apps + 1) * sizeof *apps);
    uint32_t first, added;
    int rc;

    *score = NULL;
    memset(out, 0, sizeof *out);
    if (!apps)
        return MM_ENOMEM;
    memcpy(apps, p->apps, p->n_apps * sizeof *apps);
    apps[app].ineligible &= ~(unsigned)(MM_INELIGIBLE_MIN_RATING | MM_INELIGIBLE_UNRATED);
    *copy = *p;
    copy->apps = apps;
    rc = mm_model_build(out, copy);
    if (rc != 0)
        return rc;
    first = out->app_first_var[app];
    added = out->app_first_var[app + 1] - first;
    if (out->n_vars != r->m->n_vars + added)
        return MM_EINTERNAL; /* m is not this problem's model */
    if (!(*score = mm_malloc((out->n_vars + 1) * sizeof **score)))
        return MM_ENOMEM;
    for (uint32_t v = 0; v < out->n_vars; v++)
        (*score)[v] = v < first             ? r->score[v]
                      : v < first + added ? p->apps[app].score
                                          : r->score[v - added];
    return 0;
}

/* Scores of m without app's variables. */
static double *scores_without(const th_resolve *r, uint32_t app)
{
    const mm_model *m = r->m;
    uint32_t first = m->app_first_var[app], gone = m->app_first_var[app + 1] - first;
    double *score = mm_malloc((m->n_vars + 1) * sizeof *score);

    for (uint32_t v = 0; score && v + gone < m->n_vars; v++)
        score[v] = r->score[v < first ? v : v + gone];
    return score;
}

/* The application of app's idea that is placed in one solution and not the
 * other: the student displaced (fixed) or the one taking the place (forbidden). */
static uint32_t partner(const mm_problem *p, const mm_model *m, const unsigned char *chosen,
                        uint32_t app, int placed, const unsigned char *base_at)
{
    uint32_t idea = p->apps[app].idea;

    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t a = m->vars[v].app;
        if (a != app && p->apps[a].idea == idea && chosen[v] && !base_at[a] && placed)
            return a;
    }
    if (placed)
        return MM_NONE;
    for (uint32_t a = 0; a < p->n_apps; a++) {
        int in_new = 0;
        if (a == app || p->apps[a].idea != idea || !base_at[a])
            continue;
        for (uint32_t v = m->app_first_var[a]; v < m->app_first_var[a + 1]; v++)
            in_new |= chosen[v];
        if (!in_new)
            return a;
    }
    return MM_NONE;
}

int mm_th_resolve(const th_resolve *r, uint32_t app, int placed, const unsigned char *base_at,
                  th_answer *out)
{
    const mm_problem *p = r->p;
    mm_problem copy;
    mm_model model;
    double *score = NULL;
    mm_glpk_limits limits = {.deadline = r->deadline, .started = mm_now()};
    mm_glpk_objective obj = {NULL, r->count_first, NULL, 0, NULL, NULL, NULL};
    mm_glpk_outcome outcome;
    const char *used;
    int eligible = r->m->app_first_var[app] < r->m->app_first_var[app + 1];
    int rc;

    memset(out, 0, sizeof *out);
    memset(&outcome, 0, sizeof outcome);
    out->via = MM_NONE;
    copy.apps = NULL;
    if (!eligible) {
        rc = model_with_app(r, app, &copy, &model, &score);
    } else if (placed) {
        rc = mm_model_without_app(r->m, p->n_apps, app, &model);
        if (rc == 0 && !(score = scores_without(r, app)))
            rc = MM_ENOMEM;
    } else {
        rc = mm_model_without_app(r->m, p->n_apps, MM_NONE, &model);
        if (rc == 0 && !(score = mm_malloc((r->m->n_vars + 1) * sizeof *score)))
            rc = MM_ENOMEM;
        if (rc == 0)
            memcpy(score, r->score, r->m->n_vars * sizeof *score);
    }
    if (rc == 0 && !placed)
        rc = mm_model_push_fixed(&model, app);
    obj.score = score;
    if (rc == 0)
        rc = mm_program_solve(eligible ? p : &copy, &model, &obj, &limits, MM_SOLVER_AUTO,
                              &outcome, &used, NULL);
    if (rc == 0 && outcome.kind == MM_OUTCOME_INFEASIBLE) {
        out->done = out->infeasible = 1;
    } else if (rc == 0 && outcome.kind == MM_OUTCOME_OPTIMAL) {
        out->done = 1;
        for (size_t v = 0; v < model.n_vars; v++)
            if (outcome.chosen[v]) {
                out->count += 1;
                out->score += score[v];
            }
        out->via = partner(eligible ? p : &copy, &model, outcome.chosen, app, placed, base_at);
    }
    mm_free(outcome.chosen);
    mm_free(score);
    mm_free(copy.apps);
    mm_model_dispose(&model);
    return rc;
}
