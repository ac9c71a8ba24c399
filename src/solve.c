#include "solve.h"

#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "ties.h"

/* obj's per-variable arrays for the restricted model: every one is indexed
 * by variable, the leading tiers (a baseline's kept pairs, rank-maximal's
 * ranks) too. @return 0 or MM_ENOMEM (sub_obj's arrays are in `arrays`). */
static int restrict_objective(const mm_glpk_objective *obj, size_t n_vars,
                              const uint32_t *original, mm_glpk_objective *sub_obj,
                              double **arrays)
{
    const double *from[MM_GLPK_MAX_LEADS + 3];
    size_t n_lead = obj->n_lead < MM_GLPK_MAX_LEADS ? obj->n_lead : MM_GLPK_MAX_LEADS, n = 0;

    *sub_obj = *obj;
    for (size_t k = 0; k < n_lead; k++)
        from[n++] = obj->lead[k];
    from[n++] = obj->score;
    from[n++] = obj->tie;
    from[n++] = obj->trail;
    for (size_t j = 0; j < n; j++) {
        if (!from[j])
            continue;
        if (!(arrays[j] = mm_malloc((n_vars + 1) * sizeof *arrays[j])))
            return MM_ENOMEM;
        for (size_t k = 0; k < n_vars; k++)
            arrays[j][k] = from[j][original[k]];
    }
    sub_obj->lead = n_lead ? (const double *const *)arrays : NULL;
    sub_obj->n_lead = n_lead;
    sub_obj->score = arrays[n_lead];
    sub_obj->tie = arrays[n_lead + 1];
    sub_obj->trail = arrays[n_lead + 2];
    return 0;
}

/* GLPK over the variables reduced-cost fixing left free, from the repaired
 * flow; the answer is mapped back. A limit's bound is the relaxation's: the
 * smaller model's own bound holds for it alone. */
static int solve_restricted(const mm_model *m, const mm_glpk_objective *obj,
                            const mm_glpk_limits *limits, const mm_network_report *report,
                            const unsigned char *start, mm_glpk_outcome *out)
{
    mm_model sub;
    uint32_t *original = NULL;
    mm_glpk_objective sub_obj;
    double *arrays[MM_GLPK_MAX_LEADS + 3] = {NULL};
    unsigned char *sub_start = NULL;
    mm_glpk_outcome sub_out;
    int rc = mm_model_restrict(m, report->keep, &sub, &original);

    memset(&sub_out, 0, sizeof sub_out);
    if (rc == 0)
        rc = restrict_objective(obj, sub.n_vars, original, &sub_obj, arrays);
    if (rc == 0 && !(sub_start = mm_malloc(sub.n_vars + 1)))
        rc = MM_ENOMEM;
    for (size_t k = 0; rc == 0 && k < sub.n_vars; k++)
        sub_start[k] = start[original[k]];
    if (rc == 0)
        rc = mm_glpk_solve_from(&sub, &sub_obj, limits, sub_start, &sub_out);
    if (rc == 0 && !(out->chosen = mm_calloc(m->n_vars + 1, 1)))
        rc = MM_ENOMEM;
    if (rc == 0) {
        for (size_t k = 0; sub_out.chosen && k < sub.n_vars; k++)
            out->chosen[original[k]] = sub_out.chosen[k];
        out->kind = sub_out.kind;
        out->stopped = sub_out.stopped;
        out->bound_count = sub_out.kind == MM_OUTCOME_OPTIMAL ? sub_out.bound_count
                                                              : report->relaxed_count;
        out->bound_score = sub_out.kind == MM_OUTCOME_OPTIMAL ? sub_out.bound_score
                                                              : report->relaxed_score;
        mm_glpk_cover_bounds(m, obj->score, out);
    }
    mm_free(sub_out.chosen);
    for (size_t j = 0; j < sizeof arrays / sizeof *arrays; j++)
        mm_free(arrays[j]);
    mm_free(sub_start);
    mm_free(original);
    mm_model_dispose(&sub);
    return rc;
}

/* A limit struck GLPK on the whole model, started from the flow's repaired
 * solution: the relaxation's bounds are proven too, so the tighter stand
 * (never below the solution held); where the start is what stands, the
 * flow found it. */
static void limited_from_start(const mm_model *m, const mm_glpk_objective *obj,
                               const mm_network_report *report, const unsigned char *start,
                               mm_glpk_outcome *out, const char **used)
{
    if (out->bound_count > report->relaxed_count)
        out->bound_count = report->relaxed_count;
    if (out->bound_score > report->relaxed_score)
        out->bound_score = report->relaxed_score;
    mm_glpk_cover_bounds(m, obj->score, out);
    if (memcmp(out->chosen, start, m->n_vars) == 0)
        *used = "network+glpk";
}

int mm_network_refused(mm_diags *diags, const char *why)
{
    if (diags)
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL,
                    "the network solver cannot take this instance: %s (try --solver auto)", why);
    return MM_EINVALID;
}

static int solve_any(const mm_problem *p, const mm_model *m, const mm_glpk_objective *obj,
                     const mm_glpk_limits *limits, mm_solver solver, mm_glpk_outcome *out,
                     const char **used, mm_diags *diags)
{
    mm_network_report report;
    unsigned char *start = NULL;
    int rc = 0;

    memset(&report, 0, sizeof report);
    report.verdict = MM_NETWORK_NOT_CLASS;
    report.why = "not tried";
    *used = "glpk";
    if (solver != MM_SOLVER_GLPK)
        rc = mm_network_solve(p, m, obj, limits, out, &report);
    if (rc != 0)
        return rc;
    if (solver != MM_SOLVER_GLPK && report.verdict == MM_NETWORK_SOLVED) {
        *used = "network";
        mm_free(report.keep);
        return 0;
    }
    if (solver == MM_SOLVER_NETWORK) {
        mm_free(out->chosen);
        mm_free(report.keep);
        out->chosen = NULL;
        return mm_network_refused(diags, report.why);
    }
    if (report.has_start)
        start = out->chosen;
    out->chosen = NULL; /* start's now, whatever GLPK does */
    if (report.keep) {
        *used = "network+glpk";
        rc = solve_restricted(m, obj, limits, &report, start, out);
    } else {
        rc = mm_glpk_solve_from(m, obj, limits, start, out);
    }
    /* GLPK holds the start: whatever stops it, nothing worse comes back. */
    if (rc == 0 && start && !report.keep && out->kind == MM_OUTCOME_LIMITED)
        limited_from_start(m, obj, &report, start, out, used);
    mm_free(start);
    mm_free(report.keep);
    return rc;
}

/* With a tie tier, the lead mentors within each idea are settled by one
 * rule whichever solver chose the pairs (ties.h), the baseline's lead
 * mentors (obj->trail) kept. */
int mm_program_solve(const mm_problem *p, const mm_model *m, const mm_glpk_objective *obj,
                     const mm_glpk_limits *limits, mm_solver solver, mm_glpk_outcome *out,
                     const char **used, mm_diags *diags)
{
    int rc = solve_any(p, m, obj, limits, solver, out, used, diags);

    if (rc == 0 && obj->tie && out->chosen &&
        (out->kind == MM_OUTCOME_OPTIMAL || out->kind == MM_OUTCOME_LIMITED) &&
        (rc = mm_tie_split(p, m, obj->trail, out->chosen)) != 0) {
        mm_free(out->chosen);
        out->chosen = NULL;
    }
    return rc;
}
