/* The report's results: documents read back (read_result.c) and checked
 * against the problem, then rebuilt as results of it (result.c), so loads,
 * fills and metrics are counted the same way for every strategy. */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "jsonfile.h"
#include "read_result.h"
#include "suggest.h"

#define PLACE_SIZE 48

int mm_report_new(mm_report **out, const mm_problem *problem)
{
    *out = mm_calloc(1, sizeof **out);
    if (!*out)
        return MM_ENOMEM;
    (*out)->p = problem;
    return 0;
}

static void entry_dispose(mm_report_entry *e)
{
    mm_free(e->label);
    mm_free(e->reasons);
    mm_result_free(e->owned);
    mm_result_doc_free(e->doc);
}

void mm_report_free(mm_report *rep)
{
    if (!rep)
        return;
    for (size_t k = 0; k < rep->n; k++)
        entry_dispose(&rep->entries[k]);
    mm_free(rep->entries);
    mm_free(rep);
}

/* Take `e` over (on success only), labelled with a copy of `label`. */
static int push(mm_report *rep, mm_report_entry *e, const char *label)
{
    mm_report_entry *grown = mm_grow(rep->entries, &rep->capacity, rep->n + 1, sizeof *grown);

    if (!grown)
        return MM_ENOMEM;
    rep->entries = grown;
    if (!(e->label = mm_strdup(label)))
        return MM_ENOMEM;
    rep->entries[rep->n++] = *e;
    return 0;
}

int mm_report_add_result(mm_report *rep, const mm_result *result, const char *label)
{
    mm_report_entry e = {0};

    e.result = result;
    e.status = mm_status_name(result->status);
    e.strategy = result->strategy;
    e.seconds = result->seconds;
    return push(rep, &e, label ? label : result->strategy);
}

static uint32_t find_id(const mm_strmap *ids, const char *id)
{
    return mm_strmap_get(ids, id, strlen(id));
}

static int idea_has_mentor(const mm_problem *p, uint32_t i, uint32_t m)
{
    for (uint32_t k = 0; k < p->ideas[i].mentor_count; k++)
        if (p->idea_mentors[p->ideas[i].mentor_begin + k] == m)
            return 1;
    return 0;
}

/* One assignment that is not of the problem: reported, @return 1. */
static int misfit(const mm_result_doc *doc, mm_diags *diags, size_t k, const char *key,
                  const char *what, const char *id, const char *why)
{
    mm_result_doc_report(doc, diags, k, key, "%s " MM_ID_FMT ": %s", what, MM_ID_ARG(id), why);
    return 1;
}

/* A sheet's row without a mentor: the idea's only mentor who may lead the
 * student, as evaluate takes it; MM_NOT_FOUND when there is not one. */
static uint32_t implied_mentor(const mm_problem *p, uint32_t s, uint32_t i, uint32_t *candidates)
{
    uint32_t found = MM_NOT_FOUND;

    *candidates = 0;
    for (uint32_t k = 0; k < p->ideas[i].mentor_count; k++) {
        uint32_t m = p->idea_mentors[p->ideas[i].mentor_begin + k];
        if (!mm_problem_in_conflict(p, m, s) && ++*candidates)
            found = m;
    }
    return *candidates == 1 ? found : MM_NOT_FOUND;
}

/* An id the input does not hold, with the nearest one it does where that
 * is close: a result of another input names none, a typo one. */
static int unknown(const mm_result_doc *doc, mm_diags *diags, size_t k, const char *key, const char *id,
                   const mm_strmap *ids, size_t *budget)
{
    char what[32], near[MM_SUGGEST_SUFFIX_SIZE], why[sizeof near + 32];

    snprintf(what, sizeof what, "unknown %s", key);
    mm_suggest_id_suffix(near, id, strlen(id), ids, budget);
    snprintf(why, sizeof why, "not in the input%s",
             near[0] ? near : " (a result of another input?)");
    return misfit(doc, diags, k, key, what, id, why);
}

/* Assignment k as a pick of the problem. @return 0, or 1 when it is not one. */
static int resolve(const mm_problem *p, const mm_result_doc *doc, size_t k, mm_pick *picks,
                   size_t *budget, mm_diags *diags)
{
    const mm_assignment *a = &doc->assignments[k];
    uint32_t s = find_id(&p->student_ids, a->student), i = find_id(&p->idea_ids, a->idea);
    uint32_t m = find_id(&p->mentor_ids, a->mentor), app, candidates;

    if (s == MM_NOT_FOUND)
        return unknown(doc, diags, k, "student", a->student, &p->student_ids, budget);
    if (i == MM_NOT_FOUND)
        return unknown(doc, diags, k, "idea", a->idea, &p->idea_ids, budget);
    if ((app = mm_problem_find_app(p, s, i)) == MM_NONE)
        return misfit(doc, diags, k, "idea", "idea", a->idea, "the student did not apply to it");
    if (doc->is_sheet && !a->mentor[0] &&
        (m = implied_mentor(p, s, i, &candidates)) == MM_NOT_FOUND)
        return misfit(doc, diags, k, "mentor", "idea", a->idea,
                      candidates ? "more than one of its mentors may lead the student; "
                                   "name one in column 'mentor'"
                                 : "none of its mentors may lead the student (conflicts)");
    if (m == MM_NOT_FOUND)
        return unknown(doc, diags, k, "mentor", a->mentor, &p->mentor_ids, budget);
    if (!idea_has_mentor(p, i, m))
        return misfit(doc, diags, k, "mentor", "mentor", a->mentor, "not a mentor of this idea");
    picks[s] = (mm_pick){app, m};
    return 0;
}

/* Member `key` of `obj` when it is a string; NULL when absent, and when of
 * another type (reported at `place`). */
static const char *opt_text(json_t *obj, const char *key, const char *place, mm_diags *diags,
                            size_t *errors)
{
    json_t *v = json_object_get(obj, key);

    if (v && !json_is_string(v)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, place, "must be a string, not %s",
                    mm_json_type_name(v));
        ++*errors;
    }
    return json_string_value(v);
}

/* The reasons of "unassigned" (optional), by student. */
static void read_reasons(const mm_problem *p, json_t *list, const char **reasons,
                         mm_diags *diags, size_t *errors)
{
    char place[PLACE_SIZE];

    if (list && !json_is_array(list)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, "unassigned", "must be an array, not %s",
                    mm_json_type_name(list));
        ++*errors;
    }
    for (size_t k = 0; k < json_array_size(list); k++) {
        json_t *u = json_array_get(list, k);
        const char *student, *reason;
        uint32_t s;
        if (!json_is_object(u)) {
            snprintf(place, sizeof place, "unassigned[%zu]", k);
            mm_diag_add(diags, MM_SEVERITY_ERROR, place, "must be an object, not %s",
                        mm_json_type_name(u));
            ++*errors;
            continue;
        }
        snprintf(place, sizeof place, "unassigned[%zu].student", k);
        student = opt_text(u, "student", place, diags, errors);
        snprintf(place, sizeof place, "unassigned[%zu].reason", k);
        reason = opt_text(u, "reason", place, diags, errors);
        if (!student || !reason)
            continue;
        s = find_id(&p->student_ids, student);
        if (s != MM_NOT_FOUND)
            reasons[s] = reason;
    }
}

/* What the run says of itself: status, strategy, time, reasons. */
static int read_run(const mm_problem *p, mm_report_entry *e, mm_diags *diags)
{
    json_t *root = e->doc->root, *stats = json_object_get(root, "stats");
    json_t *seconds = json_object_get(stats, "seconds");
    size_t errors = 0;

    e->status = opt_text(root, "status", "status", diags, &errors);
    e->strategy = opt_text(root, "strategy", "strategy", diags, &errors);
    e->seconds = json_is_number(seconds) ? json_number_value(seconds) : -1;
    if (seconds && !json_is_number(seconds)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, "stats.seconds", "must be a number, not %s",
                    mm_json_type_name(seconds));
        errors++;
    }
    read_reasons(p, json_object_get(root, "unassigned"), e->reasons, diags, &errors);
    return errors ? MM_EINVALID : 0;
}

static int rebuild(const mm_problem *p, mm_report_entry *e, mm_diags *diags)
{
    mm_pick *picks = mm_malloc((p->n_students + 1) * sizeof *picks);
    size_t errors = 0, budget = MM_SUGGEST_BUDGET_INIT;
    int rc;

    e->reasons = mm_calloc(p->n_students + 1, sizeof *e->reasons);
    if (!picks || !e->reasons) {
        mm_free(picks);
        return MM_ENOMEM;
    }
    for (size_t s = 0; s < p->n_students; s++)
        picks[s] = (mm_pick){MM_NONE, MM_NONE};
    for (size_t k = 0; k < e->doc->n_assignments; k++)
        errors += (size_t)resolve(p, e->doc, k, picks, &budget, diags);
    rc = read_run(p, e, diags);
    if (rc == 0 && errors)
        rc = MM_EINVALID;
    if (rc == 0)
        rc = mm_result_build_picks(&e->owned, p, picks);
    e->result = e->owned;
    mm_free(picks);
    return rc;
}

int mm_report_add_file(mm_report *rep, const char *path, const char *label, mm_diags *diags)
{
    mm_report_entry e = {0};
    int rc = mm_result_doc_read_file(&e.doc, path, diags);

    if (rc == 0)
        rc = rebuild(rep->p, &e, diags);
    if (rc == 0)
        rc = push(rep, &e, label ? label : path);
    if (rc != 0)
        entry_dispose(&e);
    return rc;
}

const char *mm_report_reason(const mm_report_entry *e, const mm_unassigned *u)
{
    if (e->reasons && e->reasons[u->student])
        return e->reasons[u->student];
    return u->reason;
}
