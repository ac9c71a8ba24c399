/* Human-readable tables and spreadsheet-safe CSV of a result: table cells
 * escaped (textsafe.h), CSV cells by csv_format.h's one cell writer. */
#include <string.h>

#include "csv_format.h"
#include "emit.h"
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
    if (r->verbose && r->blocking_pairs >= 0)
        table_blocking(r, out);
}

void mm_write_csv(const mm_result *r, FILE *out)
{
    fputs("student,idea,mentor,rank,score,rating,preference,skill,impact\r\n", out);
    for (size_t k = 0; k < r->n_assignments; k++) {
        const mm_assignment *a = &r->assignments[k];
        mm_csv_cell_write(out, a->student);
        fputc(',', out);
        mm_csv_cell_write(out, a->idea);
        fputc(',', out);
        mm_csv_cell_write(out, a->mentor);
        fprintf(out, ",%d,%.15g,%.15g,%.15g,%.15g,%.15g\r\n", a->rank, a->score, a->rating,
                a->preference, a->skill, a->impact);
    }
}
