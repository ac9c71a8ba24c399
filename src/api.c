/* The public entry points: the read pipeline (read, validate, score) and
 * the solve pipeline (model, diagnose, solve, result). */
#include <stdio.h>

#include "alloc.h"
#include "baseline.h"
#include "diag.h"
#include "diagnose.h"
#include "edits.h"
#include "jsonfile.h"
#include "mentormatch.h"
#include "quota.h"
#include "read_json.h"
#include "result.h"
#include "score.h"
#include "solve_glpk.h"
#include "solve.h"
#include "strategy.h"
#include "ties.h"
#include "validate.h"
#include "write.h"

const char *mm_version(void)
{
    return MM_VERSION;
}

const char *mm_strerror(int code)
{
    switch (code) {
    case MM_OK: return "success";
    case MM_EINVALID: return "invalid input";
    case MM_ENOMEM: return "out of memory";
    case MM_EIO: return "input or output error";
    case MM_EINFEASIBLE: return "the constraints cannot all hold";
    case MM_ENOSOLUTION: return "no solution found within the limits";
    case MM_EINTERNAL: return "internal solver error";
    default: return "unknown error";
    }
}

/* After each stage of reading: has the time limit passed? */
static int stage_rc(int rc, double deadline)
{
    return rc == 0 && mm_deadline_passed(deadline) ? MM_ENOSOLUTION : rc;
}

static int complete_until(mm_problem **out, mm_problem *p, int rc, const mm_read_options *opts,
                          double deadline, mm_diags *diags)
{
    *out = NULL;
    if (rc == 0 && opts && opts->n_edits)
        rc = mm_apply_edits(p, opts->edits, opts->n_edits, diags);
    rc = stage_rc(rc, deadline);
    if (rc == 0 || rc == MM_EINVALID) {
        int vrc = mm_validate(p, deadline, diags);
        /* Out of time wins over invalid: the list of errors is incomplete. */
        rc = vrc == MM_ENOMEM || vrc == MM_ENOSOLUTION ? vrc : rc ? rc : vrc;
    }
    rc = stage_rc(rc, deadline);
    if (rc == 0)
        rc = mm_score(p);
    if (rc == 0)
        rc = mm_problem_sort_students(p);
    if (rc == 0)
        rc = mm_quota_cells(p);
    rc = stage_rc(rc, deadline);
    if (rc != 0) {
        mm_problem_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int mm_problem_complete(mm_problem **out, mm_problem *p, int rc, const mm_read_options *opts,
                        mm_diags *diags)
{
    return complete_until(out, p, rc, opts, 0, diags);
}

/* The read's deadline on the mm_now clock, from opts->time_limit; 0: none. */
static double read_deadline(const mm_read_options *opts)
{
    return opts && opts->time_limit > 0 ? mm_now() + opts->time_limit : 0;
}

static int read_buffer_until(mm_problem **out, const char *data, size_t len,
                             const mm_read_options *opts, double deadline, mm_diags *diags)
{
    mm_problem *p = mm_problem_alloc();
    int rc, parsed = 0;

    *out = NULL;
    if (!p)
        return MM_ENOMEM;
    rc = mm_read_json(p, data, len, opts ? opts->strict : 0, deadline, diags, &parsed);
    /* A document that did not parse leaves nothing to validate; one read
     * only in part (out of time) nothing worth validating. */
    if (!parsed || rc == MM_ENOSOLUTION) {
        mm_problem_free(p);
        return rc;
    }
    return complete_until(out, p, rc, opts, deadline, diags);
}

int mm_problem_read_buffer(mm_problem **out, const char *data, size_t len,
                           const mm_read_options *opts, mm_diags *diags)
{
    return read_buffer_until(out, data, len, opts, read_deadline(opts), diags);
}

int mm_problem_read_file(mm_problem **out, const char *path, const mm_read_options *opts,
                         mm_diags *diags)
{
    double deadline = read_deadline(opts); /* the file's bytes count too */
    char *data = NULL;
    size_t len = 0;
    int rc = mm_file_read(path, &data, &len, diags);

    *out = NULL;
    if (rc == 0)
        rc = read_buffer_until(out, data, len, opts, deadline, diags);
    mm_free(data);
    return rc;
}

/* A strategy other than ilp: it fills the choices, the result is built as usual. */
static int solve_with_strategy(mm_result **out, const mm_problem *p, const mm_model *m,
                               const mm_solve_options *opts, mm_glpk_limits *limits,
                               const double *score, mm_diags *diags, double started)
{
    mm_strategy_input in = {p, m, score, opts->seed, limits, opts->solver, diags};
    mm_strategy_output result = {mm_calloc(m->n_vars + 1, 1), MM_STATUS_FEASIBLE, 0, 0, -1, NULL};
    int rc = result.chosen ? mm_strategy_function(opts->strategy)(&in, &result) : MM_ENOMEM;

    if (rc == MM_EINFEASIBLE) { /* a program found no solution at all: say why */
        rc = mm_diagnose_model(p, m, limits, diags);
        rc = rc == 0 ? MM_EINFEASIBLE : rc;
    }
    if (rc == 0) {
        mm_solution sol = {result.status, m, result.chosen, result.bound_assigned,
                           result.bound_score, mm_now() - started,
                           mm_strategy_name(opts->strategy), result.integral, result.solver};
        rc = mm_result_build(out, p, &sol);
    }
    mm_free(result.chosen);
    return rc;
}

static int solve_ilp(mm_result **out, const mm_problem *p, const mm_model *m,
                     const mm_solve_options *opts, mm_glpk_limits *limits, const double *score,
                     mm_diags *diags, double started)
{
    double *tie = mm_tie_weights(p, m); /* equal optima: one rule for every solver */
    double *kept = NULL, *mentor = NULL;
    mm_glpk_objective objective = {score, p->settings.objective == MM_OBJ_COUNT_THEN_SCORE, NULL,
                                   0, tie, NULL, "baseline"};
    mm_glpk_outcome outcome = {0};
    const char *used = NULL;
    int rc = tie ? 0 : MM_ENOMEM;

    /* SPEC 8: the baseline's pairs lead, its lead mentors trail the objective. */
    if (rc == 0 && opts->baseline &&
        (rc = mm_baseline_tiers(opts->baseline, m, &kept, &mentor)) == 0) {
        objective.lead = (const double *const *)&kept;
        objective.n_lead = 1;
        objective.trail = mentor;
    }
    if (rc == 0)
        rc = mm_program_solve(p, m, &objective, limits, opts->solver, &outcome, &used, diags);

    if (rc == 0 && outcome.kind == MM_OUTCOME_INFEASIBLE) {
        rc = mm_diagnose_model(p, m, limits, diags);
        rc = rc == 0 ? MM_EINFEASIBLE : rc;
    } else if (rc == 0 && outcome.kind == MM_OUTCOME_NO_SOLUTION) {
        rc = MM_ENOSOLUTION;
    } else if (rc == 0) {
        mm_solution sol = {outcome.kind == MM_OUTCOME_OPTIMAL ? MM_STATUS_OPTIMAL
                           : outcome.stopped                  ? MM_STATUS_INTERRUPTED
                                                              : MM_STATUS_FEASIBLE,
                           m, outcome.chosen, (size_t)(outcome.bound_count + 0.5),
                           outcome.bound_score, mm_now() - started, NULL, -1,
                           used};
        rc = mm_result_build(out, p, &sol);
        if (rc == 0 && opts->baseline &&
            (rc = mm_baseline_summarize(*out, opts->baseline, m, outcome.chosen)) != 0) {
            mm_result_free(*out);
            *out = NULL;
        }
    }
    mm_free(outcome.chosen);
    mm_free(tie);
    mm_free(kept);
    mm_free(mentor);
    return rc;
}

static int solve_model(mm_result **out, const mm_problem *p, const mm_model *m,
                       const mm_solve_options *opts, mm_diags *diags, double started)
{
    mm_glpk_limits limits = {.gap = opts->gap, .stop = opts->interrupt,
                             .progress = opts->progress,
                             .progress_context = opts->progress_context, .started = started};
    double *score = mm_model_scores(m, p);
    int rc;

    if (!score)
        return MM_ENOMEM;
    if (opts->time_limit > 0)
        limits.deadline = started + opts->time_limit;
    if (mm_strategy_function(opts->strategy))
        rc = solve_with_strategy(out, p, m, opts, &limits, score, diags, started);
    else
        rc = solve_ilp(out, p, m, opts, &limits, score, diags, started);
    mm_free(score);
    return rc;
}

const char *mm_quotas_refused(mm_strategy strategy)
{
    if (strategy != MM_STRATEGY_STABLE && strategy != MM_STRATEGY_STABLE_OPTIMAL)
        return NULL;
    return strategy == MM_STRATEGY_STABLE
               ? "strategy \"stable\" does not take quotas: stability subject to quotas is not "
                 "defined here (use --strategy ilp, or drop \"quotas\")"
               : "strategy \"stable-optimal\" does not take quotas: stability subject to quotas "
                 "is not defined here (use --strategy ilp, or drop \"quotas\")";
}

int mm_solve(mm_result **out, const mm_problem *p, const mm_solve_options *opts,
             mm_diags *diags)
{
    static const mm_solve_options no_limits = MM_SOLVE_OPTIONS_INIT;
    double started = mm_now();
    mm_model model;
    size_t clashes = 0;
    int rc;

    *out = NULL;
    if (opts && opts->strategy != MM_STRATEGY_ILP && !mm_strategy_function(opts->strategy)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL, "strategy \"%s\" is not available in this build",
                    mm_strategy_name(opts->strategy));
        return MM_EINTERNAL;
    }
    if (opts && opts->baseline && (mm_baseline_refused(opts->strategy) || opts->baseline->p != p)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL, "%s",
                    mm_baseline_refused(opts->strategy)
                        ? mm_baseline_refused(opts->strategy)
                        : "the baseline was read against another problem (read it again)");
        return MM_EINVALID;
    }
    if (opts && p->n_quotas > 0 && mm_quotas_refused(opts->strategy)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL, "%s", mm_quotas_refused(opts->strategy));
        return MM_EINVALID;
    }
    rc = mm_model_build(&model, p);
    if (rc == 0)
        rc = mm_diagnose_direct(p, &model, diags, &clashes);
    if (rc == 0 && clashes > 0)
        rc = MM_EINFEASIBLE;
    if (rc == 0)
        rc = solve_model(out, p, &model, opts ? opts : &no_limits, diags, started);
    mm_model_dispose(&model);
    return rc;
}

int mm_result_write(const mm_result *r, mm_format format, FILE *out)
{
    int rc = 0;

    if (format == MM_FORMAT_TABLE)
        mm_write_table(r, out);
    else if (format == MM_FORMAT_CSV)
        rc = mm_write_csv(r, out);
    else
        mm_write_json(r, out);
    if (rc == 0 && (ferror(out) || fflush(out) != 0))
        rc = MM_EIO;
    return rc;
}
