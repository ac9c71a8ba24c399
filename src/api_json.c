/* mm_json_call: each command of the command line, JSON text in and out,
 * through the same public functions the CLI's commands call (src/cli/
 * cmd_*.c), so a binding needs one function and no struct layouts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_json.h"
#include "diag.h"
#include "mentormatch.h"
#include "mentormatch/json.h"
#include "solve_glpk.h" /* mm_now */

typedef struct {
    const char *input;
    size_t len;
    const json_t *opts; /* borrowed; an object */
    mm_diags *diags;
    FILE *out;          /* the command's document goes here */
    double started;     /* mm_now at the call: time limits count from it */
} json_call;

/* ---- reading the input document, as cli_read_problem_timed does */

/* Seconds left of `limit` (<= 0: none, 0); spent: the next check stops. */
static double time_left(const json_call *c, double limit)
{
    double left = limit - (mm_now() - c->started);

    return limit <= 0 ? 0 : left > 0 ? left : 1e-9;
}

static int read_problem(const json_call *c, double time_limit, mm_problem **out)
{
    mm_read_options ro = MM_READ_OPTIONS_INIT;

    if (mm_opt_bool(c->opts, "strict", &ro.strict, c->diags) != 0)
        return MM_EINVALID;
    ro.time_limit = time_left(c, time_limit);
    return mm_problem_read_buffer(out, c->input ? c->input : "", c->input ? c->len : 0, &ro,
                                  c->diags);
}

/* ---- solve */

static int read_strategy(const json_call *c, mm_solve_options *so)
{
    const char *strategy = NULL, *solver = NULL;
    int rc = mm_opt_string(c->opts, "strategy", &strategy, c->diags);

    rc |= mm_opt_string(c->opts, "solver", &solver, c->diags);

    if (rc == 0 && strategy && mm_strategy_from_name(&so->strategy, strategy) != 0) {
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, "options.strategy", "unknown strategy '%s'; "
                    "ilp, greedy, stable, stable-optimal, rank-maximal, rsd or lp", strategy);
        rc = MM_EINVALID;
    }
    if (rc == 0 && solver && mm_solver_from_name(&so->solver, solver) != 0) {
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, "options.solver",
                    "unknown solver '%s'; auto, network or glpk", solver);
        rc = MM_EINVALID;
    }
    return rc ? MM_EINVALID : 0;
}

/* The limits every solving command takes. */
static int read_limits(const json_call *c, mm_solve_options *so)
{
    int rc = mm_opt_number(c->opts, "time_limit", 0, 1e9, &so->time_limit, c->diags);

    rc |= mm_opt_number(c->opts, "gap", 0, 1e9, &so->gap, c->diags);
    return rc ? MM_EINVALID : 0;
}

/* An option that holds a document: text as it is, or a JSON value written
 * out as text; *out NULL where the option is absent. */
static int option_text(const json_call *c, const char *key, char **out)
{
    const json_t *v = json_object_get(c->opts, key);

    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    *out = json_is_string(v) ? strdup(json_string_value(v))
                             : json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY); /* 7 too */
    return *out ? 0 : MM_ENOMEM;
}

/* options.baseline (SPEC 8), read against the problem: its warnings and
 * errors go with the call's other diagnostics, placed under the option as
 * the command line places them under the file ("options.baseline" for
 * "told.json: ", then the place in the document). */
static int read_baseline(const json_call *c, const mm_problem *problem, mm_baseline **out)
{
    char *text = NULL;
    size_t before = mm_diags_count(c->diags);
    int rc = option_text(c, "baseline", &text);

    *out = NULL;
    if (rc == 0 && text)
        rc = mm_baseline_read_buffer(out, problem, text, strlen(text), c->diags);
    mm_diags_prefix(c->diags, before, "options.baseline");
    free(text);
    return rc;
}

static int cmd_solve(const json_call *c)
{
    mm_solve_options so = MM_SOLVE_OPTIONS_INIT;
    mm_problem *problem = NULL;
    mm_baseline *baseline = NULL;
    mm_result *result = NULL;
    int verbose = 0, rc = read_strategy(c, &so);

    rc |= read_limits(c, &so);
    rc |= mm_opt_whole(c->opts, "seed", 0, ~0ULL, &so.seed, c->diags);
    rc |= mm_opt_bool(c->opts, "verbose", &verbose, c->diags);
    rc = rc ? MM_EINVALID : read_problem(c, so.time_limit, &problem);
    if (rc == 0)
        rc = read_baseline(c, problem, &baseline);
    so.baseline = baseline;
    so.time_limit = time_left(c, so.time_limit);
    if (rc == 0)
        rc = mm_solve(&result, problem, &so, c->diags);
    if (rc == 0) {
        mm_result_set_verbose(result, verbose);
        rc = mm_result_write(result, MM_FORMAT_JSON, c->out);
    }
    mm_result_free(result);
    mm_baseline_free(baseline);
    mm_problem_free(problem);
    return rc;
}

/* ---- evaluate */

/* The assignment: text as it is, or a JSON value written out as text. */
static int assignment_text(const json_call *c, char **out)
{
    int rc = option_text(c, "assignment", out);

    if (rc == 0 && !*out) {
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, "options.assignment",
                    "missing: give the assignment to evaluate (a result document or an array "
                    "of {\"student\", \"idea\", \"mentor\"})");
        return MM_EINVALID;
    }
    return rc;
}

static int cmd_evaluate(const json_call *c)
{
    mm_problem *problem = NULL;
    mm_result *result = NULL;
    char *assignment = NULL;
    int verbose = 0, rc = mm_opt_bool(c->opts, "verbose", &verbose, c->diags);

    rc = rc ? rc : assignment_text(c, &assignment);
    if (rc == 0)
        rc = read_problem(c, 0, &problem);
    if (rc == 0) { /* its diagnostics are the assignment's: placed under the option */
        size_t before = mm_diags_count(c->diags);
        rc = mm_evaluate_buffer(&result, problem, assignment, strlen(assignment), c->diags);
        mm_diags_prefix(c->diags, before, "options.assignment");
    }
    if (rc == 0) {
        mm_result_set_verbose(result, verbose);
        rc = mm_result_write(result, MM_FORMAT_JSON, c->out);
    }
    mm_result_free(result);
    mm_problem_free(problem);
    free(assignment);
    return rc;
}

/* ---- explain */

static int read_subject(const json_call *c, mm_explain_subject *subject, const char **id)
{
    static const char *const keys[] = {"student", "idea", "mentor"};
    static const mm_explain_subject subjects[] = {MM_EXPLAIN_STUDENT, MM_EXPLAIN_IDEA,
                                                  MM_EXPLAIN_MENTOR};
    int given = 0, rc = 0;

    for (size_t k = 0; k < 3; k++) {
        const char *text = NULL;
        rc |= mm_opt_string(c->opts, keys[k], &text, c->diags);
        if (text) {
            *subject = subjects[k];
            *id = text;
            given++;
        }
    }
    if (rc == 0 && given != 1) {
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, "options",
                    "give one of \"student\", \"idea\" or \"mentor\" (an id), not %d", given);
        rc = MM_EINVALID;
    }
    return rc ? MM_EINVALID : 0;
}

static int cmd_explain(const json_call *c)
{
    mm_solve_options so = MM_SOLVE_OPTIONS_INIT;
    mm_explain_subject subject = MM_EXPLAIN_STUDENT;
    mm_problem *problem = NULL;
    mm_result *result = NULL;
    mm_explanation *explanation = NULL;
    const char *id = NULL;
    int rc = read_subject(c, &subject, &id);

    rc |= read_limits(c, &so);

    rc = rc ? MM_EINVALID : read_problem(c, so.time_limit, &problem);
    so.time_limit = time_left(c, so.time_limit);
    if (rc == 0)
        rc = mm_solve(&result, problem, &so, c->diags);
    if (rc == 0)
        rc = mm_explain(&explanation, problem, result, subject, id, &so, c->diags);
    if (rc == 0)
        rc = mm_explanation_write(explanation, MM_FORMAT_JSON, c->out);
    mm_explanation_free(explanation);
    mm_result_free(result);
    mm_problem_free(problem);
    return rc;
}

/* ---- preview */

static int read_preview(const json_call *c, mm_preview_options *po, const char **mentor)
{
    unsigned long long samples = po->samples, jobs = 2;
    int rc = mm_opt_string(c->opts, "mentor", mentor, c->diags);

    /* every option is read, so that every wrong one is reported */
    rc |= mm_opt_whole(c->opts, "samples", 0, 1000000, &samples, c->diags);
    rc |= mm_opt_whole(c->opts, "jobs", 1, 16, &jobs, c->diags);
    rc |= mm_opt_number(c->opts, "noise", 0, 1e9, &po->noise, c->diags);
    rc |= mm_opt_whole(c->opts, "seed", 0, ~0ULL, &po->seed, c->diags);
    rc |= mm_opt_number(c->opts, "threshold_time", 0, 1e9, &po->threshold_time, c->diags);
    po->samples = (size_t)samples;
    po->jobs = (size_t)jobs;
    if (rc == 0 && !*mentor) {
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, "options.mentor",
                    "missing: give the id of the mentor whose page to preview");
        rc = MM_EINVALID;
    }
    return rc ? MM_EINVALID : 0;
}

static int cmd_preview(const json_call *c)
{
    mm_preview_options po = MM_PREVIEW_OPTIONS_INIT;
    mm_problem *problem = NULL;
    mm_preview_result *preview = NULL;
    const char *mentor = NULL;
    int rc = read_preview(c, &po, &mentor);

    if (rc == 0)
        rc = read_problem(c, 0, &problem);
    if (rc == 0)
        rc = mm_preview(&preview, problem, mentor, &po, c->diags);
    if (rc == 0)
        rc = mm_preview_write(preview, MM_FORMAT_JSON, c->out);
    mm_preview_free(preview);
    mm_problem_free(problem);
    return rc;
}

/* ---- generate and check */

static int cmd_generate(const json_call *c)
{
    mm_generate_options go;
    int rc = mm_opt_generate(c->opts, &go, c->diags);

    return rc ? rc : mm_generate(&go, c->out);
}

static void write_summary(const mm_problem *problem, FILE *out)
{
    mm_problem_summary s;

    mm_problem_summarize(&s, problem);
    fprintf(out, "{\"valid\": true, \"summary\": {\"orgs\": %zu, \"mentors\": %zu, "
            "\"ideas\": %zu, \"students\": %zu, \"applications\": %zu, "
            "\"eligible_applications\": %zu, \"eligible_pairs\": %zu, \"ratings\": %zu, "
            "\"conflicts\": %zu, \"fixed\": %zu, \"forbidden\": %zu, "
            "\"students_without_applications\": %zu, \"total_capacity\": %zu, "
            "\"total_idea_slots\": %zu, \"quotas\": %zu, \"attributes\": %zu}}\n",
            s.orgs, s.mentors, s.ideas, s.students, s.applications, s.eligible_applications,
            s.eligible_pairs, s.ratings, s.conflicts, s.fixed, s.forbidden,
            s.students_without_applications, s.total_capacity, s.total_idea_slots, s.quotas,
            s.attributes);
}

static int cmd_check(const json_call *c)
{
    mm_problem *problem = NULL;
    int rc = read_problem(c, 0, &problem);

    if (rc == 0)
        rc = mm_problem_advise(problem, c->diags);
    if (rc == 0)
        write_summary(problem, c->out);
    mm_problem_free(problem);
    return rc;
}

/* ---- the call */

typedef struct {
    const char *name;
    int (*run)(const json_call *c);
    const char *const *keys; /* the options it takes, NULL-terminated */
} json_command;

static const char *const SOLVE_KEYS[] = {"strategy", "solver", "seed", "time_limit", "gap",
                                         "strict", "verbose", "baseline", NULL};
static const char *const EVALUATE_KEYS[] = {"assignment", "strict", "verbose", NULL};
static const char *const EXPLAIN_KEYS[] = {"student", "idea", "mentor", "time_limit", "gap",
                                           "strict", NULL};
static const char *const PREVIEW_KEYS[] = {"mentor", "samples", "noise", "seed", "jobs",
                                           "threshold_time", "strict", NULL};
static const char *const CHECK_KEYS[] = {"strict", NULL};

static const json_command COMMANDS[] = {
    {"solve", cmd_solve, SOLVE_KEYS},       {"evaluate", cmd_evaluate, EVALUATE_KEYS},
    {"explain", cmd_explain, EXPLAIN_KEYS}, {"preview", cmd_preview, PREVIEW_KEYS},
    {"generate", cmd_generate, NULL},       {"check", cmd_check, CHECK_KEYS},
};

static const json_command *find_command(const char *name, mm_diags *diags)
{
    const char *names[sizeof COMMANDS / sizeof COMMANDS[0]];
    size_t k, n = sizeof COMMANDS / sizeof COMMANDS[0];
    const char *near;

    for (k = 0; k < n; k++)
        if (name && strcmp(COMMANDS[k].name, name) == 0)
            return &COMMANDS[k];
    for (k = 0; k < n; k++)
        names[k] = COMMANDS[k].name;
    near = name ? mm_suggest(name, names, n) : NULL;
    mm_diag_add(diags, MM_SEVERITY_ERROR, "command", "unknown command '%s'%s%s%s; solve, "
                "evaluate, explain, preview, generate or check", name ? name : "(null)",
                near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    return NULL;
}

/* The options object: absent or "" is {}. @param[out] out owned (json_decref). */
static int parse_options(const char *text, json_t **out, mm_diags *diags)
{
    json_error_t error;

    *out = text && *text ? json_loads(text, JSON_REJECT_DUPLICATES, &error) : json_object();
    if (!*out) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, "options", "not JSON: %s (line %d, column %d)",
                    error.text, error.line, error.column);
        return MM_EINVALID;
    }
    if (json_is_object(*out))
        return 0;
    json_decref(*out);
    *out = NULL;
    mm_diag_add(diags, MM_SEVERITY_ERROR, "options", "must be a JSON object");
    return MM_EINVALID;
}

static int run_command(const char *command, json_call *c, const char *options_json, char **out)
{
    const json_command *cmd = find_command(command, c->diags);
    json_t *opts = NULL;
    size_t size = 0;
    int rc = cmd ? parse_options(options_json, &opts, c->diags) : MM_EINVALID;

    if (rc == 0 && cmd->keys && mm_opt_known(opts, cmd->keys, c->diags) != 0)
        rc = MM_EINVALID;
    if (rc == 0 && !(c->out = open_memstream(out, &size)))
        rc = MM_ENOMEM;
    c->opts = opts;
    if (rc == 0)
        rc = cmd->run(c);
    if (c->out && fclose(c->out) != 0 && rc == 0)
        rc = MM_ENOMEM;
    json_decref(opts);
    return rc;
}

static const char *severity_name(mm_severity severity)
{
    return severity == MM_SEVERITY_ERROR ? "error" : "warning";
}

/* The diagnostics as a JSON array. @return text (free) or NULL (no memory). */
static char *diags_text(const mm_diags *diags)
{
    json_t *list = json_array();
    char *text;

    for (size_t k = 0; list && k < mm_diags_count(diags); k++) {
        const mm_diag *d = mm_diags_get(diags, k);
        json_array_append_new(list, json_pack("{ssss?sisiss}", "severity",
                                              severity_name(d->severity), "place", d->place,
                                              "line", d->line, "column", d->column, "message",
                                              d->message));
    }
    text = list ? json_dumps(list, JSON_COMPACT) : NULL;
    json_decref(list);
    return text;
}

int mm_json_call(const char *command, const char *input, size_t len, const char *options_json,
                 char **out, char **diags_json)
{
    json_call c = {input, len, NULL, NULL, NULL, mm_now()};
    char *text = NULL;
    int rc;

    if (diags_json)
        *diags_json = NULL;
    if (!out)
        return MM_EINVALID;
    *out = NULL;
    if (mm_diags_new(&c.diags) != 0)
        return MM_ENOMEM;
    rc = run_command(command, &c, options_json, &text);
    if (rc == 0)
        *out = text;
    else
        free(text);
    if (diags_json)
        *diags_json = diags_text(c.diags);
    mm_diags_free(c.diags);
    return rc;
}

void mm_json_free(char *text)
{
    free(text);
}
