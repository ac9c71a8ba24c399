/* Reading a baseline (SPEC 8) against a problem: each entry resolved, or
 * kept aside with a warning at its place saying what changed. */
#include "baseline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "jsonfile.h"
#include "read_assignment.h"
#include "reasons.h"
#include "strbuf.h"

#define PLACE_SIZE 64

typedef struct {
    mm_baseline *b;
    const mm_given_doc *doc;
    mm_diags *diags;
} reader;

static void warn(const reader *rd, size_t k, const char *key, const char *fmt, ...)
    MM_PRINTF(4, 5);

/* A warning at entry k (its member `key`), placed as evaluate places errors. */
static void warn(const reader *rd, size_t k, const char *key, const char *fmt, ...)
{
    char place[PLACE_SIZE];
    va_list ap;

    if (!rd->diags)
        return;
    va_start(ap, fmt);
    if (rd->doc->is_sheet) {
        char column[48];
        snprintf(column, sizeof column, "column '%s'", key ? key : "student");
        mm_diag_vadd_row(rd->diags, MM_SEVERITY_WARNING, rd->doc->sheet.rows[k].row, column, fmt,
                         ap);
    } else {
        mm_diag_vadd(rd->diags, MM_SEVERITY_WARNING,
                     mm_given_place(rd->doc, place, sizeof place, k, key), fmt, ap);
    }
    va_end(ap);
}

static char *copy_id(const char *id, size_t len)
{
    char *s = mm_malloc(len + 1);

    if (s) {
        memcpy(s, id, len);
        s[len] = '\0';
    }
    return s;
}

/* The entry's lead mentor, or MM_NONE with a warning: the pair stays in the
 * baseline, only its lead is left out (tier 3 cannot keep it). */
static uint32_t resolve_mentor(const reader *rd, size_t k, const mm_given_entry *g,
                               const mm_base_entry *e)
{
    const mm_problem *p = rd->b->p;
    uint32_t m;

    if (!g->mentor)
        return MM_NONE;
    m = mm_strmap_get(&p->mentor_ids, g->mentor, g->mentor_len);
    if (m == MM_NOT_FOUND)
        warn(rd, k, "mentor", "mentor " MM_ID_FMT " is not in the input: the pair stays in the "
             "baseline, its lead mentor is left out", MM_ID_ARG(g->mentor));
    else if (!mm_problem_idea_has_mentor(p, e->idea, m))
        warn(rd, k, "mentor", "mentor " MM_ID_FMT " no longer mentors idea " MM_ID_FMT ": the pair "
             "stays in the baseline, its lead mentor is left out", MM_ID_ARG(p->mentors[m].id),
             MM_ID_ARG(p->ideas[e->idea].id));
    else if (mm_problem_in_conflict(p, m, e->student))
        warn(rd, k, "mentor", "mentor " MM_ID_FMT " is now in conflict with student " MM_ID_FMT
             ": the pair stays in the baseline, its lead mentor is left out",
             MM_ID_ARG(p->mentors[m].id), MM_ID_ARG(e->student_id));
    else
        return m;
    return MM_NONE;
}

/* The pair of a known student and idea: valid, or not eligible (why). */
static int resolve_pair(const reader *rd, size_t k, const mm_given_entry *g, mm_base_entry *e)
{
    const mm_problem *p = rd->b->p;
    mm_strbuf why;

    e->app = mm_problem_find_app(p, e->student, e->idea);
    mm_strbuf_init(&why);
    if (e->app == MM_NONE)
        mm_strbuf_printf(&why, "student " MM_ID_FMT " has no application to idea " MM_ID_FMT,
                         MM_ID_ARG(e->student_id), MM_ID_ARG(e->idea_id));
    else if (p->apps[e->app].ineligible)
        mm_describe_ineligible(p, &p->apps[e->app], &why);
    if (why.len == 0) {
        e->state = MM_BASE_VALID;
        e->mentor = resolve_mentor(rd, k, g, e);
        mm_strbuf_dispose(&why);
        return 0;
    }
    e->state = MM_BASE_INELIGIBLE;
    e->app = MM_NONE;
    e->why = mm_strdup(mm_strbuf_text(&why) + (mm_strbuf_text(&why)[0] == ' '));
    mm_strbuf_dispose(&why);
    if (!e->why)
        return MM_ENOMEM;
    warn(rd, k, NULL, "no longer eligible: %s; left out of the baseline", e->why);
    return 0;
}

/* Entry k of the document into e; 1 when it joins the baseline. */
static int resolve(reader *rd, size_t k, mm_base_entry *e, int *rc)
{
    const mm_problem *p = rd->b->p;
    const mm_given_entry *g = &rd->doc->entries[k];
    uint32_t s;

    memset(e, 0, sizeof *e);
    e->index = k;
    e->student = e->idea = e->app = e->mentor = MM_NONE;
    if (!g->idea) /* a sheet's unassigned row: not announced */
        return 0;
    s = mm_strmap_get(&p->student_ids, g->student, g->student_len);
    if (s != MM_NOT_FOUND && rd->b->entry_of[s] != MM_NONE) {
        warn(rd, k, "student", "student " MM_ID_FMT " is listed again: only the first entry "
             "counts", MM_ID_ARG(p->students[s].id));
        return 0;
    }
    e->student_id = copy_id(g->student, g->student_len);
    e->idea_id = copy_id(g->idea, g->idea_len);
    if (!e->student_id || !e->idea_id) {
        *rc = MM_ENOMEM;
        return 1;
    }
    e->idea = mm_strmap_get(&p->idea_ids, g->idea, g->idea_len);
    e->idea = e->idea == MM_NOT_FOUND ? MM_NONE : e->idea;
    if (s == MM_NOT_FOUND) {
        e->state = MM_BASE_GONE_STUDENT;
        warn(rd, k, "student", "student " MM_ID_FMT " is no longer in the input (withdrew?): "
             "reported as dropped", MM_ID_ARG(e->student_id));
        return 1;
    }
    e->student = s;
    rd->b->entry_of[s] = 0; /* taken; the index is set once sorted */
    if (e->idea == MM_NONE) {
        e->state = MM_BASE_GONE_IDEA;
        warn(rd, k, "idea", "idea " MM_ID_FMT " is no longer in the input: left out of the "
             "baseline", MM_ID_ARG(e->idea_id));
        return 1;
    }
    *rc = resolve_pair(rd, k, g, e);
    return 1;
}

static int by_student_id(const void *a, const void *b)
{
    const mm_base_entry *x = a, *y = b;
    int c = strcmp(x->student_id, y->student_id);

    return c ? c : x->index < y->index ? -1 : x->index > y->index;
}

static void dispose_entry(mm_base_entry *e)
{
    mm_free(e->student_id);
    mm_free(e->idea_id);
    mm_free(e->why);
}

/* A student no longer in the input listed again: only the first counts. */
static void drop_repeats(reader *rd)
{
    mm_baseline *b = rd->b;
    size_t n = 0;

    for (size_t k = 0; k < b->n; k++) {
        mm_base_entry *e = &b->entries[k];
        if (n > 0 && strcmp(b->entries[n - 1].student_id, e->student_id) == 0) {
            warn(rd, e->index, "student", "student " MM_ID_FMT " is listed again: only the "
                 "first entry counts", MM_ID_ARG(e->student_id));
            dispose_entry(e);
            continue;
        }
        b->entries[n++] = *e;
    }
    b->n = n;
}

static int build(mm_baseline *b, const mm_given_doc *doc, mm_diags *diags)
{
    reader rd = {b, doc, diags};
    int rc = 0;

    b->entries = mm_calloc(doc->n_entries + 1, sizeof *b->entries);
    b->entry_of = mm_malloc((b->p->n_students + 1) * sizeof *b->entry_of);
    if (!b->entries || !b->entry_of)
        return MM_ENOMEM;
    for (size_t s = 0; s < b->p->n_students; s++)
        b->entry_of[s] = MM_NONE;
    for (size_t k = 0; rc == 0 && k < doc->n_entries; k++)
        b->n += (size_t)resolve(&rd, k, &b->entries[b->n], &rc);
    if (rc != 0)
        return rc;
    qsort(b->entries, b->n, sizeof *b->entries, by_student_id);
    drop_repeats(&rd);
    for (size_t k = 0; k < b->n; k++)
        if (b->entries[k].student != MM_NONE)
            b->entry_of[b->entries[k].student] = (uint32_t)k;
    return 0;
}

void mm_baseline_free(mm_baseline *b)
{
    if (!b)
        return;
    for (size_t k = 0; k < b->n; k++)
        dispose_entry(&b->entries[k]);
    mm_free(b->entries);
    mm_free(b->entry_of);
    mm_free(b);
}

int mm_baseline_read_buffer(mm_baseline **out, const mm_problem *p, const char *data, size_t len,
                            mm_diags *diags)
{
    mm_given_doc doc;
    mm_baseline *b = mm_calloc(1, sizeof *b);
    int rc = b ? mm_given_read(&doc, data, len, diags) : MM_ENOMEM;

    *out = NULL;
    if (b)
        b->p = p;
    if (rc == 0)
        rc = build(b, &doc, diags);
    if (b)
        mm_given_dispose(&doc);
    if (rc != 0) {
        mm_baseline_free(b);
        return rc;
    }
    *out = b;
    return 0;
}

int mm_baseline_read_file(mm_baseline **out, const mm_problem *p, const char *path,
                          mm_diags *diags)
{
    char *data = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    rc = mm_file_read(path, &data, &len, diags);
    rc = rc ? rc : mm_baseline_read_buffer(out, p, data, len, diags);
    mm_free(data);
    return rc;
}

size_t mm_baseline_size(const mm_baseline *b)
{
    return b ? b->n : 0;
}

const char *mm_baseline_refused(mm_strategy strategy)
{
    if (strategy == MM_STRATEGY_ILP)
        return NULL;
    return "--baseline takes strategy \"ilp\" only: the other strategies have no objective "
           "to keep the baseline in (drop --strategy, or --baseline)";
}

int mm_baseline_tiers(const mm_baseline *b, const mm_model *m, double **kept, double **mentor)
{
    *kept = mm_calloc(m->n_vars + 1, sizeof **kept);
    *mentor = mm_calloc(m->n_vars + 1, sizeof **mentor);
    if (!*kept || !*mentor)
        return MM_ENOMEM;
    for (size_t k = 0; k < b->n; k++) {
        const mm_base_entry *e = &b->entries[k];
        if (e->state != MM_BASE_VALID)
            continue;
        for (uint32_t v = m->app_first_var[e->app]; v < m->app_first_var[e->app + 1]; v++) {
            (*kept)[v] = 1;
            (*mentor)[v] = m->vars[v].mentor == e->mentor;
        }
    }
    return 0;
}
