/* evaluate: an assignment made elsewhere, checked against every constraint
 * of SPEC 4 and compared with the optimum. Each violation is one error,
 * placed in the assignment document, whose message starts with the
 * constraint family. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "jsonfile.h"
#include "mentormatch.h"
#include "model.h"
#include "quota.h"
#include "read_assignment.h"
#include "reasons.h"
#include "result.h"
#include "score.h"
#include "solve_glpk.h"
#include "strbuf.h"
#include "suggest.h"

#define PLACE_SIZE 64
#define PLACES_LISTED 10 /* entries named in one cap message, then "..." */
#define WHOLE_ARRAY ((size_t)-1)

typedef struct {
    uint32_t entry, student;
} counted_entry;

typedef struct {
    const mm_problem *p;
    const mm_given_doc *doc;
    mm_diags *diags;
    size_t violations;
    mm_pick *picks;          /* per student */
    uint32_t *first_entry;   /* per student: the first entry naming them */
    counted_entry *counted;  /* the entries in the result, in file order */
    size_t n_counted;
    size_t suggest_budget;   /* "did you mean" work left (suggest.h) */
} evaluator;

static void violation(evaluator *ev, size_t entry, const char *key, const char *fmt, ...)
    MM_PRINTF(4, 5);

/* One broken constraint at entry[`entry`].`key`, or at the whole array. */
static void violation(evaluator *ev, size_t entry, const char *key, const char *fmt, ...)
{
    const mm_given_doc *doc = ev->doc;
    va_list ap;

    va_start(ap, fmt);
    if (entry == WHOLE_ARRAY) {
        mm_diag_vadd(ev->diags, MM_SEVERITY_ERROR,
                     doc->base[0] ? doc->base : doc->is_sheet ? "" : "(root)", fmt, ap);
    } else {
        mm_given_vreport(ev->doc, ev->diags, entry, key, fmt, ap);
    }
    va_end(ap);
    ev->violations++;
}

static uint32_t lookup(evaluator *ev, const mm_strmap *ids, const char *kind, size_t entry,
                       const char *id, size_t len)
{
    uint32_t found = mm_strmap_get(ids, id, len);
    char near[MM_SUGGEST_SUFFIX_SIZE];

    if (found == MM_NOT_FOUND)
        violation(ev, entry, kind, "unknown %s " MM_ID_FMT "%s", kind, MM_ID_ARG(id),
                  mm_suggest_id_suffix(near, id, len, ids, &ev->suggest_budget));
    return found == MM_NOT_FOUND ? MM_NONE : found;
}

/* The causes of SPEC 4, in the words of the unassigned reasons. */
static void describe_causes(const mm_problem *p, const mm_application *app, mm_strbuf *sb)
{
    const mm_settings *set = &p->settings;

    if (app->ineligible & MM_INELIGIBLE_FORBIDDEN)
        mm_strbuf_printf(sb, ", forbidden");
    if (app->ineligible & MM_INELIGIBLE_CONFLICTS)
        mm_strbuf_printf(sb, ", every mentor of the idea in conflict (conflicts)");
    if (app->ineligible & MM_INELIGIBLE_MAX_RANK)
        mm_strbuf_printf(sb, ", rank %lld above max_rank %lld", (long long)app->rank,
                         (long long)set->max_rank);
    mm_describe_thresholds(p, app, ", ", sb);
}

static void check_application(evaluator *ev, size_t entry, uint32_t s, uint32_t i, uint32_t app)
{
    const mm_problem *p = ev->p;
    mm_strbuf why;

    if (app == MM_NONE) {
        violation(ev, entry, NULL, "not an application: student " MM_ID_FMT
                  " did not apply to idea " MM_ID_FMT, MM_ID_ARG(p->students[s].id),
                  MM_ID_ARG(p->ideas[i].id));
        return;
    }
    if (!p->apps[app].ineligible)
        return;
    mm_strbuf_init(&why);
    describe_causes(p, &p->apps[app], &why);
    violation(ev, entry, NULL, "not eligible: student " MM_ID_FMT " on idea " MM_ID_FMT ": %s",
              MM_ID_ARG(p->students[s].id), MM_ID_ARG(p->ideas[i].id),
              why.oom || why.len < 2 ? "?" : mm_strbuf_text(&why) + 2);
    mm_strbuf_dispose(&why);
}

static int idea_has_mentor(const mm_problem *p, uint32_t i, uint32_t m)
{
    const mm_idea *idea = &p->ideas[i];

    for (uint32_t k = 0; k < idea->mentor_count; k++)
        if (p->idea_mentors[idea->mentor_begin + k] == m)
            return 1;
    return 0;
}

static uint32_t check_named_mentor(evaluator *ev, size_t entry, uint32_t s, uint32_t i,
                                   uint32_t m)
{
    const mm_problem *p = ev->p;

    if (!idea_has_mentor(p, i, m))
        violation(ev, entry, "mentor",
                  "lead mentor: " MM_ID_FMT " is not a mentor of idea " MM_ID_FMT,
                  MM_ID_ARG(p->mentors[m].id), MM_ID_ARG(p->ideas[i].id));
    else if (mm_problem_in_conflict(p, m, s))
        violation(ev, entry, "mentor", "conflicts: mentor " MM_ID_FMT
                  " is in conflict with student " MM_ID_FMT,
                  MM_ID_ARG(p->mentors[m].id), MM_ID_ARG(p->students[s].id));
    return m;
}

/* The lead of an entry that names none: the idea's only mentor who may lead
 * the student. With none, the entry is already not eligible (conflicts). */
static uint32_t implied_mentor(evaluator *ev, size_t entry, uint32_t s, uint32_t i)
{
    const mm_problem *p = ev->p;
    const mm_idea *idea = &p->ideas[i];
    uint32_t found = MM_NONE, candidates = 0;

    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        uint32_t m = p->idea_mentors[idea->mentor_begin + k];
        if (!mm_problem_in_conflict(p, m, s)) {
            found = m;
            candidates++;
        }
    }
    if (candidates > 1)
        violation(ev, entry, "mentor", "lead mentor: none given, and idea " MM_ID_FMT
                  " has %u mentors who may lead student " MM_ID_FMT "; name one",
                  MM_ID_ARG(idea->id), candidates, MM_ID_ARG(p->students[s].id));
    return candidates == 1 ? found : MM_NONE;
}

static void check_entry(evaluator *ev, size_t k)
{
    const mm_problem *p = ev->p;
    const mm_given_entry *e = &ev->doc->entries[k];
    uint32_t s = lookup(ev, &p->student_ids, "student", k, e->student, e->student_len);
    uint32_t i = e->idea ? lookup(ev, &p->idea_ids, "idea", k, e->idea, e->idea_len) : MM_NONE;
    uint32_t m = e->mentor && e->idea
                     ? lookup(ev, &p->mentor_ids, "mentor", k, e->mentor, e->mentor_len)
                     : MM_NONE;
    uint32_t app;
    int again = s != MM_NONE && ev->first_entry[s] != MM_NONE;
    char first[PLACE_SIZE];

    if (again)
        violation(ev, k, NULL, "one idea per student: student " MM_ID_FMT " is already %s at %s%s",
                  MM_ID_ARG(p->students[s].id), ev->doc->is_sheet ? "listed" : "assigned",
                  mm_given_place(ev->doc, first, sizeof first, ev->first_entry[s], NULL),
                  ev->doc->is_sheet ? ": keep one row per student" : "");
    else if (s != MM_NONE)
        ev->first_entry[s] = (uint32_t)k;
    if (s == MM_NONE || i == MM_NONE) /* unknown, or a sheet's unassigned row */
        return;
    app = mm_problem_find_app(p, s, i);
    check_application(ev, k, s, i, app);
    if (m != MM_NONE)
        m = check_named_mentor(ev, k, s, i, m);
    else if (!e->mentor)
        m = implied_mentor(ev, k, s, i);
    /* Only an entry the result can show is counted: a known application
     * with a lead, for a student not listed before. */
    if (again || app == MM_NONE || m == MM_NONE)
        return;
    ev->picks[s] = (mm_pick){app, m};
    ev->counted[ev->n_counted++] = (counted_entry){(uint32_t)k, s};
}

/* The caps of SPEC 4 constraints 2 to 4, one group per idea, mentor or org. */
typedef enum { CAP_IDEA, CAP_MENTOR, CAP_ORG } cap_kind;

static uint32_t group_of(const mm_problem *p, const mm_pick *pick, cap_kind kind)
{
    uint32_t idea = p->apps[pick->app].idea;

    return kind == CAP_IDEA ? idea : kind == CAP_MENTOR ? pick->mentor : p->ideas[idea].org;
}

/* Is the pick one of the members being listed (a capped group, a quota cell)? */
typedef int (*member_fn)(const evaluator *ev, const mm_pick *pick, size_t member, int kind);

/* The entries whose pick is `member`, listed; @return the first entry past the cap. */
static uint32_t list_members(const evaluator *ev, member_fn is_member, size_t member, int kind,
                             int64_t cap, mm_strbuf *places)
{
    uint32_t past = 0;
    int64_t seen = 0;
    char place[PLACE_SIZE];

    for (size_t c = 0; c < ev->n_counted; c++) {
        const counted_entry *ce = &ev->counted[c];
        if (!is_member(ev, &ev->picks[ce->student], member, kind))
            continue;
        if (seen++ == cap)
            past = ce->entry;
        mm_strbuf_sep(places, ", ");
        if (seen <= PLACES_LISTED)
            mm_strbuf_printf(places, "%s",
                             mm_given_place(ev->doc, place, sizeof place, ce->entry, NULL));
        else if (seen == PLACES_LISTED + 1)
            mm_strbuf_printf(places, "...");
    }
    return past;
}

static int in_group(const evaluator *ev, const mm_pick *pick, size_t g, int kind)
{
    return group_of(ev->p, pick, (cap_kind)kind) == g;
}

static void report_cap(evaluator *ev, cap_kind kind, size_t g, int64_t used, int64_t cap)
{
    static const char *const family[] = {"idea slots: idea", "mentor capacity: mentor",
                                         "org slots: org"};
    static const char *const used_name[] = {"filled", "load", "filled"};
    static const char *const cap_name[] = {"slots", "capacity", "slots"};
    const mm_problem *p = ev->p;
    const char *id = kind == CAP_IDEA     ? p->ideas[g].id
                     : kind == CAP_MENTOR ? p->mentors[g].id
                                          : p->orgs[g].id;
    mm_strbuf places;
    uint32_t past;

    mm_strbuf_init(&places);
    past = list_members(ev, in_group, g, (int)kind, cap, &places);
    violation(ev, past, NULL, "%s " MM_ID_FMT " %s %lld, %s %lld (%s)", family[kind], MM_ID_ARG(id),
              used_name[kind], (long long)used, cap_name[kind], (long long)cap,
              mm_strbuf_text(&places));
    mm_strbuf_dispose(&places);
}

static void check_caps(evaluator *ev, const mm_result *r)
{
    const mm_problem *p = ev->p;

    for (size_t i = 0; i < p->n_ideas; i++)
        if (r->idea_filled[i] > p->ideas[i].slots)
            report_cap(ev, CAP_IDEA, i, r->idea_filled[i], p->ideas[i].slots);
    for (size_t m = 0; m < p->n_mentors; m++)
        if (r->mentor_load[m] > p->mentors[m].capacity)
            report_cap(ev, CAP_MENTOR, m, r->mentor_load[m], p->mentors[m].capacity);
    for (size_t m = 0; m < p->n_mentors; m++)
        if (r->mentor_load[m] < p->mentors[m].min_load)
            violation(ev, WHOLE_ARRAY, NULL,
                      "min_load: mentor " MM_ID_FMT " load %lld, min_load %lld",
                      MM_ID_ARG(p->mentors[m].id), (long long)r->mentor_load[m],
                      (long long)p->mentors[m].min_load);
    for (size_t o = 0; o < p->n_orgs; o++)
        if (r->org_filled[o] > p->orgs[o].slots)
            report_cap(ev, CAP_ORG, o, r->org_filled[o], p->orgs[o].slots);
    if ((int64_t)ev->n_counted > p->program_slots)
        violation(ev, ev->counted[p->program_slots].entry, NULL,
                  "program slots: %zu assigned, program slots %lld", ev->n_counted,
                  (long long)p->program_slots);
}

/* "quota: quotas[1] ("first"), org "xen", value true": a cell in words. */
static void quota_words(const mm_problem *p, size_t c, mm_strbuf *sb)
{
    const mm_quota_cell *cell = &p->cells[c];
    const mm_quota *q = &p->quotas[cell->quota];
    char value[MM_ID_SHOWN + 16];

    mm_value_format(value, sizeof value, p, cell->value);
    mm_strbuf_printf(sb, "quota: quotas[%u] (" MM_ID_FMT ")", cell->quota, MM_ID_ARG(q->id));
    if (q->per != MM_PER_PROGRAM)
        mm_strbuf_printf(sb, ", %s " MM_ID_FMT, mm_quota_per_name(q->per),
                         MM_ID_ARG(mm_quota_unit_id(p, cell)));
    mm_strbuf_printf(sb, ", value %s", value);
}

static int in_cell(const evaluator *ev, const mm_pick *pick, size_t c, int kind)
{
    (void)kind;
    return mm_quota_cell_of(ev->p, ev->p->cells[c].quota, pick->app, pick->mentor) == c;
}

/* SPEC 7: a max broken at the entry past it, a min at the whole array. */
static void check_quotas(evaluator *ev, const mm_result *r)
{
    const mm_problem *p = ev->p;

    for (size_t c = 0; c < p->n_cells; c++) {
        const mm_quota *q = &p->quotas[p->cells[c].quota];
        int breaks = mm_result_cell_breaks(r, c);
        mm_strbuf words, places;
        uint32_t past;
        if (!breaks)
            continue;
        mm_strbuf_init(&words);
        mm_strbuf_init(&places);
        quota_words(p, c, &words);
        if (breaks > 0) {
            past = list_members(ev, in_cell, c, 0, q->max, &places);
            violation(ev, past, NULL, "%s: count %lld, max %lld (%s)", mm_strbuf_text(&words),
                      (long long)r->cell_count[c], (long long)q->max, mm_strbuf_text(&places));
        } else {
            violation(ev, WHOLE_ARRAY, NULL, "%s: count %lld, min %lld", mm_strbuf_text(&words),
                      (long long)r->cell_count[c], (long long)q->min);
        }
        mm_strbuf_dispose(&words);
        mm_strbuf_dispose(&places);
    }
}

/* A student's first entry is the one counted, when any is: the place to
 * name for a fixed pair made otherwise. */
static void check_fixed(evaluator *ev)
{
    const mm_problem *p = ev->p;

    for (size_t k = 0; k < p->n_fixed; k++) {
        const mm_pair_rule *rule = &p->fixed[k];
        const mm_pick *pick = &ev->picks[rule->student];
        const char *student = p->students[rule->student].id, *idea = p->ideas[rule->idea].id;
        uint32_t listed = ev->first_entry[rule->student];
        if (pick->app == MM_NONE && listed != MM_NONE && !ev->doc->entries[listed].idea)
            violation(ev, listed, NULL, "fixed pair: fixed[%zu] (student " MM_ID_FMT ", idea "
                      MM_ID_FMT ") is not assigned", k, MM_ID_ARG(student), MM_ID_ARG(idea));
        else if (pick->app == MM_NONE && listed != MM_NONE) /* listed, but left out */
            violation(ev, listed, NULL, "fixed pair: fixed[%zu] (student " MM_ID_FMT ", idea "
                      MM_ID_FMT ") is not assigned: this entry is left out", k,
                      MM_ID_ARG(student), MM_ID_ARG(idea));
        else if (pick->app == MM_NONE)
            violation(ev, WHOLE_ARRAY, NULL, "fixed pair: fixed[%zu] (student " MM_ID_FMT
                      ", idea " MM_ID_FMT ") is not assigned", k, MM_ID_ARG(student),
                      MM_ID_ARG(idea));
        else if (pick->app != rule->app)
            violation(ev, listed, NULL, "fixed pair: fixed[%zu] puts student "
                      MM_ID_FMT " on idea " MM_ID_FMT ", not " MM_ID_FMT, k, MM_ID_ARG(student),
                      MM_ID_ARG(idea), MM_ID_ARG(p->ideas[p->apps[pick->app].idea].id));
        else if (rule->mentor != MM_NONE && pick->mentor != rule->mentor)
            violation(ev, listed, "mentor",
                      "fixed pair: fixed[%zu] wants mentor "
                      MM_ID_FMT " to lead student " MM_ID_FMT ", not " MM_ID_FMT, k,
                      MM_ID_ARG(p->mentors[rule->mentor].id), MM_ID_ARG(student),
                      MM_ID_ARG(p->mentors[pick->mentor].id));
    }
}

static int evaluator_init(evaluator *ev, const mm_problem *p, const mm_given_doc *doc,
                          mm_diags *diags)
{
    memset(ev, 0, sizeof *ev);
    ev->p = p;
    ev->doc = doc;
    ev->diags = diags;
    ev->suggest_budget = MM_SUGGEST_BUDGET_INIT;
    ev->picks = mm_malloc(p->n_students * sizeof *ev->picks);
    ev->first_entry = mm_malloc(p->n_students * sizeof *ev->first_entry);
    ev->counted = mm_malloc(doc->n_entries * sizeof *ev->counted);
    if (!ev->picks || !ev->first_entry || !ev->counted)
        return MM_ENOMEM;
    for (size_t s = 0; s < p->n_students; s++) {
        ev->picks[s] = (mm_pick){MM_NONE, MM_NONE};
        ev->first_entry[s] = MM_NONE;
    }
    return 0;
}

static void evaluator_dispose(evaluator *ev)
{
    mm_free(ev->picks);
    mm_free(ev->first_entry);
    mm_free(ev->counted);
}

/* The model's size for the stats, as solve reports them. */
static int count_model(mm_result *r, const mm_problem *p)
{
    mm_model m;
    int rc = mm_model_build(&m, p);

    r->variables = m.n_vars;
    r->constraints = m.n_rows;
    mm_model_dispose(&m);
    return rc;
}

/* Solve for the optimum; an instance without one (infeasible) is no error:
 * the violations say what the given assignment breaks. */
static int find_optimum(mm_evaluation *e, const mm_problem *p)
{
    mm_diags *ignored = NULL;
    mm_result *opt = NULL;
    int rc = mm_diags_new(&ignored);

    if (rc == 0)
        rc = mm_solve(&opt, p, NULL, ignored);
    if (rc == 0) {
        e->has_optimum = 1;
        e->optimum_assigned = opt->assigned;
        e->optimum_score = opt->score;
    } else if (rc == MM_EINFEASIBLE || rc == MM_ENOSOLUTION) {
        rc = 0;
    }
    mm_result_free(opt);
    mm_diags_free(ignored);
    return rc;
}

static int same_objective(const mm_problem *p, const mm_evaluation *e)
{
    double tolerance = 1e-6 * fmax(1.0, fabs(e->optimum_score));

    if (p->settings.objective == MM_OBJ_COUNT_THEN_SCORE && e->gap_assigned != 0)
        return 0;
    return fabs(e->gap_score) <= tolerance;
}

/* Status, bound and evaluation of the given assignment's result. */
static void settle(mm_result *r, const mm_problem *p, mm_evaluation *e)
{
    r->bound_assigned = r->assigned;
    r->bound_score = r->score;
    r->status = e->feasible ? MM_STATUS_FEASIBLE : MM_STATUS_INFEASIBLE;
    if (e->has_optimum) {
        e->gap_assigned = (long long)e->optimum_assigned - (long long)r->assigned;
        e->gap_score = e->optimum_score - r->score;
        /* Sums of the same scores in another order differ in the last bits. */
        if (fabs(e->gap_score) <= 1e-9 * fmax(1.0, fabs(e->optimum_score)))
            e->gap_score = 0;
        r->bound_assigned = e->optimum_assigned;
        r->bound_score = e->optimum_score;
        if (e->feasible && same_objective(p, e))
            r->status = MM_STATUS_OPTIMAL;
    }
    r->evaluation = *e;
    r->has_evaluation = 1;
}

static int evaluate(mm_result **out, const mm_problem *p, const mm_given_doc *doc,
                    mm_diags *diags, double started)
{
    mm_evaluation e = {0};
    mm_result *r = NULL;
    evaluator ev;
    int rc = evaluator_init(&ev, p, doc, diags);

    for (size_t k = 0; rc == 0 && k < doc->n_entries; k++)
        check_entry(&ev, k);
    if (rc == 0)
        rc = mm_result_build_picks(&r, p, ev.picks);
    if (rc == 0) {
        check_caps(&ev, r);
        check_fixed(&ev);
        check_quotas(&ev, r);
        e.violations = ev.violations;
        e.feasible = ev.violations == 0;
        rc = count_model(r, p);
    }
    if (rc == 0)
        rc = find_optimum(&e, p);
    if (rc == 0) {
        settle(r, p, &e);
        r->seconds = mm_now() - started;
        *out = r;
        r = NULL;
    }
    mm_result_free(r);
    evaluator_dispose(&ev);
    return rc;
}

int mm_evaluate_buffer(mm_result **out, const mm_problem *p, const char *data, size_t len,
                       mm_diags *diags)
{
    double started = mm_now();
    mm_given_doc doc;
    int rc = mm_given_read(&doc, data, len, diags);

    *out = NULL;
    if (rc == 0)
        rc = evaluate(out, p, &doc, diags, started);
    mm_given_dispose(&doc);
    return rc;
}

int mm_evaluate_file(mm_result **out, const mm_problem *p, const char *path, mm_diags *diags)
{
    char *data = NULL;
    size_t len = 0;
    int rc = mm_file_read(path, &data, &len, diags);

    *out = NULL;
    if (rc == 0)
        rc = mm_evaluate_buffer(out, p, data, len, diags);
    mm_free(data);
    return rc;
}

int mm_result_evaluation(const mm_result *r, mm_evaluation *out)
{
    if (!r->has_evaluation)
        return MM_EINVALID;
    *out = r->evaluation;
    return 0;
}
