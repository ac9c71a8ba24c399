/* Human-readable tables and spreadsheet-safe CSV of a result: table cells
 * escaped (textsafe.h), CSV cells by csv_format.h's one cell writer. */
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "csv_format.h"
#include "emit.h"
#include "quota.h"
#include "result.h"
#include "write.h"

#define MAX_COLUMNS 6

typedef struct {
    const char *title;
    const char *headers[MAX_COLUMNS];
    size_t width[MAX_COLUMNS];
    int columns;
} table;

static void widen(table *t, int column, const char *text)
{
    size_t w = mm_visible_width(text);

    if (w > t->width[column])
        t->width[column] = w;
}

static void print_cell(FILE *out, const char *text, size_t width, int last)
{
    mm_emit_visible(out, text);
    if (!last)
        for (size_t w = mm_visible_width(text); w < width + 2; w++)
            fputc(' ', out);
}

static void print_row(FILE *out, const table *t, const char *const *cells)
{
    for (int c = 0; c < t->columns; c++)
        print_cell(out, cells[c], t->width[c], c + 1 == t->columns);
    fputc('\n', out);
}

static void print_header(FILE *out, table *t)
{
    for (int c = 0; c < t->columns; c++)
        widen(t, c, t->headers[c]);
    fprintf(out, "\n%s\n", t->title);
    print_row(out, t, t->headers);
}

static void assignment_cells(const mm_assignment *a, char *rank, char *score, const char **cells)
{
    snprintf(rank, 16, "%d", a->rank);
    snprintf(score, 32, "%.4f", a->score);
    cells[0] = a->student;
    cells[1] = a->idea;
    cells[2] = a->mentor;
    cells[3] = rank;
    cells[4] = score;
}

static void table_assignments(const mm_result *r, FILE *out)
{
    table t = {"Assignments", {"student", "idea", "mentor", "rank", "score"}, {0}, 5};
    char rank[16], score[32];
    const char *cells[MAX_COLUMNS];

    for (size_t k = 0; k < r->n_assignments; k++) {
        assignment_cells(&r->assignments[k], rank, score, cells);
        for (int c = 0; c < t.columns; c++)
            widen(&t, c, cells[c]);
    }
    print_header(out, &t);
    for (size_t k = 0; k < r->n_assignments; k++) {
        assignment_cells(&r->assignments[k], rank, score, cells);
        print_row(out, &t, cells);
    }
}

static void table_loads(const mm_result *r, FILE *out, int ideas)
{
    table t = {ideas ? "Ideas" : "Mentors",
               {"id", ideas ? "filled" : "load", ideas ? "slots" : "capacity"}, {0}, 3};
    size_t n = ideas ? r->p->n_ideas : r->p->n_mentors;
    char used[24], cap[24];
    const char *cells[3] = {NULL, used, cap};

    for (int pass = 0; pass < 2; pass++) {
        if (pass)
            print_header(out, &t);
        for (size_t k = 0; k < n; k++) {
            cells[0] = ideas ? r->p->ideas[k].id : r->p->mentors[k].id;
            snprintf(used, sizeof used, "%lld",
                     (long long)(ideas ? r->idea_filled[k] : r->mentor_load[k]));
            snprintf(cap, sizeof cap, "%lld",
                     (long long)(ideas ? r->p->ideas[k].slots : r->p->mentors[k].capacity));
            if (pass)
                print_row(out, &t, cells);
            else
                for (int c = 0; c < 3; c++)
                    widen(&t, c, cells[c]);
        }
    }
}

static void table_unassigned(const mm_result *r, FILE *out)
{
    table t = {"Unassigned", {"student", "reason"}, {0}, 2};
    const char *cells[2];

    for (size_t k = 0; k < r->n_unassigned; k++)
        widen(&t, 0, r->p->students[r->unassigned[k].student].id);
    print_header(out, &t);
    for (size_t k = 0; k < r->n_unassigned; k++) {
        cells[0] = r->p->students[r->unassigned[k].student].id;
        cells[1] = r->unassigned[k].reason;
        print_row(out, &t, cells);
    }
}

static void blocking_cells(const mm_blocking_pair *b, char *rank, const char **cells)
{
    snprintf(rank, 16, "%d", b->rank);
    cells[0] = b->student;
    cells[1] = b->idea;
    cells[2] = b->mentor;
    cells[3] = rank;
    cells[4] = b->holds ? b->holds : "-";
}

/* --verbose: who would rather be where, with a mentor who would take them. */
static void table_blocking(const mm_result *r, FILE *out)
{
    table t = {"Blocking pairs", {"student", "idea", "mentor", "rank", "holds"}, {0}, 5};
    mm_blocking_pair b;
    char rank[16];
    const char *cells[MAX_COLUMNS];

    for (size_t k = 0; mm_result_blocking_pair(r, k, &b) == 0; k++) {
        blocking_cells(&b, rank, cells);
        for (int c = 0; c < t.columns; c++)
            widen(&t, c, cells[c]);
    }
    print_header(out, &t);
    for (size_t k = 0; mm_result_blocking_pair(r, k, &b) == 0; k++) {
        blocking_cells(&b, rank, cells);
        print_row(out, &t, cells);
    }
}

/* The fourth summary line of `evaluate`. */
static void table_evaluation(const mm_evaluation *e, FILE *out)
{
    fprintf(out, "evaluation: %s, %zu violation%s; ", e->feasible ? "feasible" : "infeasible",
            e->violations, e->violations == 1 ? "" : "s");
    if (e->has_optimum)
        fprintf(out, "optimum %zu, %.4f; gap %lld, %.4f\n", e->optimum_assigned,
                e->optimum_score, e->gap_assigned, e->gap_score);
    else
        fputs("no optimum: the instance is infeasible\n", out);
}

/* "quotas: 3 quotas over 8 units and values, 2 at a bound, 0 broken" */
static void quota_summary(const mm_result *r, FILE *out)
{
    size_t binding = 0, broken = 0;

    for (size_t c = 0; c < r->p->n_cells; c++) {
        binding += mm_result_cell_binds(r, c);
        broken += mm_result_cell_breaks(r, c) != 0;
    }
    fprintf(out, "quotas: %zu quota%s over %zu units and values, %zu at a bound, %zu broken\n",
            r->p->n_quotas, r->p->n_quotas == 1 ? "" : "s", r->p->n_cells, binding, broken);
}

/* Each unit and value a quota constrains, with its count and bounds. */
static void table_quotas(const mm_result *r, FILE *out)
{
    const mm_problem *p = r->p;
    table t = {"Quotas", {"quota", "per", "unit", "value", "count", "bounds"}, {0}, 6};
    char value[64], count[24], bounds[64];
    const char *cells[MAX_COLUMNS] = {NULL, NULL, NULL, value, count, bounds};

    for (int pass = 0; pass < 2; pass++) {
        if (pass)
            print_header(out, &t);
        for (size_t c = 0; c < p->n_cells; c++) {
            const mm_quota *q = &p->quotas[p->cells[c].quota];
            const mm_attr_value *v = &p->values[p->cells[c].value];
            cells[0] = q->id;
            cells[1] = mm_quota_per_name(q->per);
            cells[2] = q->per == MM_PER_PROGRAM ? "-" : mm_quota_unit_id(p, &p->cells[c]);
            if (v->type == MM_VALUE_TEXT)
                cells[3] = v->text;
            else {
                mm_value_format(value, sizeof value, p, p->cells[c].value);
                cells[3] = value;
            }
            snprintf(count, sizeof count, "%lld", (long long)r->cell_count[c]);
            if (q->has_max)
                snprintf(bounds, sizeof bounds, "%lld..%lld", (long long)q->min, (long long)q->max);
            else
                snprintf(bounds, sizeof bounds, "%lld..", (long long)q->min);
            if (pass)
                print_row(out, &t, cells);
            else
                for (int k = 0; k < t.columns; k++)
                    widen(&t, k, cells[k]);
        }
    }
}

/* The baseline students who moved or were dropped, one row each. */
static void table_baseline(const mm_baseline_summary *b, FILE *out)
{
    table t = {"Baseline changes", {"student", "change", "from", "to or reason"}, {0}, 4};
    const char *cells[MAX_COLUMNS];

    for (int pass = 0; pass < 2; pass++) {
        if (pass)
            print_header(out, &t);
        for (int l = 0; l < MM_BASELINE_LISTS; l++)
            for (size_t k = 0; k < b->count[l]; k++) {
                const mm_baseline_item *it = &b->items[l][k];
                cells[0] = it->student;
                cells[1] = l == MM_BASELINE_MOVED ? "moved" : l == MM_BASELINE_DROPPED ? "dropped"
                                                                                       : "added";
                cells[2] = l == MM_BASELINE_ADDED ? "-" : it->idea;
                cells[3] = l == MM_BASELINE_MOVED     ? it->to
                           : l == MM_BASELINE_DROPPED ? it->reason
                                                      : it->idea;
                if (pass)
                    print_row(out, &t, cells);
                else
                    for (int c = 0; c < 3; c++)
                        widen(&t, c, cells[c]);
            }
    }
}

static void table_summary(const mm_result *r, FILE *out)
{
    fprintf(out, "status %s, %zu of %zu students assigned, score %.4f", mm_status_name(r->status),
            r->n_assignments, r->p->n_students, r->score);
    if (r->status != MM_STATUS_OPTIMAL)
        fprintf(out, " (bound %zu, %.4f)", r->bound_assigned, r->bound_score);
    fputs("\nby rank:", out);
    for (size_t k = 0; k < r->n_by_rank; k++)
        fprintf(out, " %zu:%zu", k + 1, r->by_rank[k]);
    if (r->n_assignments)
        fprintf(out, ", mean rank %.2f", r->mean_rank);
    fprintf(out, "\n%zu variables, %zu constraints, %.3f s%s%s\n", r->variables, r->constraints,
            r->seconds, r->solver ? ", " : "", r->solver ? r->solver : "");
    if (r->p->n_quotas)
        quota_summary(r, out);
    if (r->baseline)
        mm_baseline_write_line(r->baseline, out);
    if (r->has_evaluation)
        table_evaluation(&r->evaluation, out);
}

void mm_write_table(const mm_result *r, FILE *out)
{
    table_summary(r, out);
    table_assignments(r, out);
    table_loads(r, out, 0);
    table_loads(r, out, 1);
    table_unassigned(r, out);
    if (r->p->n_quotas)
        table_quotas(r, out);
    if (r->baseline)
        table_baseline(r->baseline, out);
    if (r->verbose && r->blocking_pairs >= 0)
        table_blocking(r, out);
}

/* ---- the result sheet (docs/result-format.md, "CSV") ------------------ */

/* The sheet's columns, in order. */
static const char CSV_HEADER[] =
    "student,student_name,idea,idea_title,org,mentor,mentor_name,co_mentors,"
    "rank,score,rating,preference,skill,impact,reason\r\n";

static int compare_assignment(const void *key, const void *el)
{
    return strcmp(key, ((const mm_assignment *)el)->student);
}

/* Student s's assignment: the list is sorted by id, bytewise, like
 * students_by_id. */
static const mm_assignment *find_assignment(const mm_result *r, uint32_t s)
{
    if (!r->n_assignments)
        return NULL;
    return bsearch(r->p->students[s].id, r->assignments, r->n_assignments,
                   sizeof *r->assignments, compare_assignment);
}

static const char *find_reason(const mm_result *r, uint32_t s)
{
    for (size_t lo = 0, hi = r->n_unassigned; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->p->students[s].id, r->p->students[r->unassigned[mid].student].id);
        if (c == 0)
            return r->unassigned[mid].reason;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* A number as the JSON document writes it, through the one cell writer. */
static void csv_number(FILE *out, double value)
{
    char text[40];

    if (value == 0)
        snprintf(text, sizeof text, "0");
    else
        snprintf(text, sizeof text, "%.15g", value);
    fputc(',', out);
    mm_csv_cell_write(out, text);
}

static void csv_text(FILE *out, const char *text)
{
    fputc(',', out);
    mm_csv_cell_write(out, text);
}

/* The idea's mentors other than the lead, as a list cell ("ann; bob"). */
static int csv_co_mentors(FILE *out, const mm_problem *p, uint32_t i, uint32_t lead)
{
    const mm_idea *idea = &p->ideas[i];
    mm_strbuf list;
    int oom;

    mm_strbuf_init(&list);
    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        uint32_t m = p->idea_mentors[idea->mentor_begin + k];
        if (m == lead)
            continue;
        mm_strbuf_sep(&list, "; ");
        mm_csv_item_append(&list, p->mentors[m].id);
    }
    oom = list.oom;
    csv_text(out, list.len ? mm_strbuf_text(&list) : NULL);
    mm_strbuf_dispose(&list);
    return oom ? MM_ENOMEM : 0;
}

/* The cells of an assignment, from idea to impact. */
static int csv_assigned(FILE *out, const mm_problem *p, const mm_assignment *a)
{
    uint32_t i = mm_strmap_get(&p->idea_ids, a->idea, strlen(a->idea));
    uint32_t m = mm_strmap_get(&p->mentor_ids, a->mentor, strlen(a->mentor));
    uint32_t org = p->ideas[i].org;
    char rank[16];
    int rc;

    csv_text(out, a->idea);
    csv_text(out, p->ideas[i].title);
    csv_text(out, org == MM_NONE ? NULL : p->orgs[org].id);
    csv_text(out, a->mentor);
    csv_text(out, p->mentors[m].name);
    rc = csv_co_mentors(out, p, i, m);
    snprintf(rank, sizeof rank, "%d", a->rank);
    csv_text(out, rank);
    csv_number(out, a->score);
    csv_number(out, a->rating);
    csv_number(out, a->preference);
    csv_number(out, a->skill);
    csv_number(out, a->impact);
    return rc;
}

/* One row per student, in the input's order, assigned or not: a sheet to
 * sort, share, edit and read back (evaluate, diff, report). */
int mm_write_csv(const mm_result *r, FILE *out)
{
    const mm_problem *p = r->p;
    int rc = 0;

    fputs(CSV_HEADER, out);
    for (uint32_t s = 0; s < p->n_students; s++) {
        const mm_assignment *a = find_assignment(r, s);
        mm_csv_cell_write(out, p->students[s].id);
        csv_text(out, p->students[s].name);
        if (a && csv_assigned(out, p, a) != 0)
            rc = MM_ENOMEM;
        if (!a)
            fputs(",,,,,,,,,,,,", out); /* idea to impact */
        csv_text(out, a ? NULL : find_reason(r, s));
        fputs("\r\n", out);
    }
    return rc;
}
