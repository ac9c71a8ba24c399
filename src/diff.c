/* diff: who moved between two result documents, and how the objective and
 * metrics changed. Students are matched by id; a student moves when the
 * idea or the lead mentor differs, or when only one side assigns them. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "emit.h"
#include "read_result.h"

struct mm_diff {
    const mm_result_doc *a, *b;
    mm_move *moves; /* by student id */
    size_t n_moves;
};

static int compare_by_student(const void *x, const void *y)
{
    const mm_assignment *const *a = x, *const *b = y;

    return strcmp((*a)->student, (*b)->student);
}

/* The document's assignments by student id (pointers into it). */
static const mm_assignment **sorted(const mm_result_doc *doc)
{
    const mm_assignment **order = mm_malloc(doc->n_assignments * sizeof *order);

    if (!order)
        return NULL;
    for (size_t k = 0; k < doc->n_assignments; k++)
        order[k] = &doc->assignments[k];
    qsort(order, doc->n_assignments, sizeof *order, compare_by_student);
    return order;
}

static int moved(const mm_assignment *a, const mm_assignment *b)
{
    return strcmp(a->idea, b->idea) != 0 || strcmp(a->mentor, b->mentor) != 0;
}

/* Merge the two sorted lists; a student on one side only, or on another
 * idea or mentor, is a move. */
static void merge(mm_diff *d, const mm_assignment **a, const mm_assignment **b)
{
    size_t i = 0, j = 0, na = d->a->n_assignments, nb = d->b->n_assignments;

    while (i < na || j < nb) {
        int c = i == na ? 1 : j == nb ? -1 : strcmp(a[i]->student, b[j]->student);
        if (c < 0)
            d->moves[d->n_moves++] = (mm_move){MM_MOVE_ONLY_IN_A, a[i]->student, a[i], NULL};
        else if (c > 0)
            d->moves[d->n_moves++] = (mm_move){MM_MOVE_ONLY_IN_B, b[j]->student, NULL, b[j]};
        else if (moved(a[i], b[j]))
            d->moves[d->n_moves++] = (mm_move){MM_MOVE_CHANGED, a[i]->student, a[i], b[j]};
        i += c <= 0;
        j += c >= 0;
    }
}

int mm_diff_new(mm_diff **out, const mm_result_doc *a, const mm_result_doc *b)
{
    mm_diff *d = mm_calloc(1, sizeof *d);
    const mm_assignment **sa = sorted(a), **sb = sorted(b);
    int rc = MM_ENOMEM;

    *out = NULL;
    if (d && sa && sb)
        d->moves = mm_malloc((a->n_assignments + b->n_assignments) * sizeof *d->moves);
    if (d && d->moves) {
        d->a = a;
        d->b = b;
        merge(d, sa, sb);
        *out = d;
        d = NULL;
        rc = 0;
    }
    mm_free(sa);
    mm_free(sb);
    mm_diff_free(d);
    return rc;
}

void mm_diff_free(mm_diff *d)
{
    if (!d)
        return;
    mm_free(d->moves);
    mm_free(d);
}

size_t mm_diff_move_count(const mm_diff *d)
{
    return d->n_moves;
}

const mm_move *mm_diff_move(const mm_diff *d, size_t i)
{
    return i < d->n_moves ? &d->moves[i] : NULL;
}

/* ------------------------------------------------------------------ text */

static void text_assignment(FILE *out, const mm_assignment *a)
{
    mm_emit_visible(out, a->idea);
    fputs("  mentor ", out);
    mm_emit_visible(out, a->mentor);
    fprintf(out, "  rank %d  score %.4f", a->rank, a->score);
}

static void text_section(FILE *out, const mm_diff *d, mm_move_kind kind, const char *title)
{
    size_t n = 0;

    for (size_t k = 0; k < d->n_moves; k++)
        n += d->moves[k].kind == kind;
    if (n == 0)
        return;
    fprintf(out, "%s (%zu):\n", title, n);
    for (size_t k = 0; k < d->n_moves; k++) {
        const mm_move *m = &d->moves[k];
        if (m->kind != kind)
            continue;
        fputs("  ", out);
        mm_emit_visible(out, m->student);
        fputs("  ", out);
        text_assignment(out, m->a ? m->a : m->b);
        if (m->a && m->b) {
            fputs("  ->  ", out);
            text_assignment(out, m->b);
        }
        fputc('\n', out);
    }
}

static void text_by_rank(FILE *out, const mm_result_doc *doc)
{
    fputc('[', out);
    for (size_t k = 0; k < doc->n_by_rank; k++)
        fprintf(out, "%s%zu", k ? " " : "", doc->by_rank[k]);
    fputc(']', out);
}

static void text_mean_rank(FILE *out, const mm_result_doc *a, const mm_result_doc *b)
{
    fputs(", mean rank ", out);
    if (a->has_mean_rank)
        fprintf(out, "%.2f", a->mean_rank);
    else
        fputs("-", out);
    if (b->has_mean_rank)
        fprintf(out, " -> %.2f", b->mean_rank);
    else
        fputs(" -> -", out);
    if (a->has_mean_rank && b->has_mean_rank)
        fprintf(out, " (%+.2f)", b->mean_rank - a->mean_rank);
}

static void text_summary(FILE *out, const mm_diff *d)
{
    const mm_result_doc *a = d->a, *b = d->b;

    fprintf(out, "summary: %zu student%s moved; assigned %zu -> %zu (%+lld)", d->n_moves,
            d->n_moves == 1 ? "" : "s", a->assigned, b->assigned,
            (long long)b->assigned - (long long)a->assigned);
    fprintf(out, ", score %.4f -> %.4f (%+.4f)", a->score, b->score, b->score - a->score);
    fprintf(out, ", unassigned %zu -> %zu (%+lld)", a->metric_unassigned, b->metric_unassigned,
            (long long)b->metric_unassigned - (long long)a->metric_unassigned);
    text_mean_rank(out, a, b);
    fputs(", by rank ", out);
    text_by_rank(out, a);
    fputs(" -> ", out);
    text_by_rank(out, b);
    fputc('\n', out);
}

static void write_text(const mm_diff *d, FILE *out)
{
    if (d->n_moves == 0)
        fputs("no student moved\n", out);
    text_section(out, d, MM_MOVE_ONLY_IN_A, "assigned in A only");
    text_section(out, d, MM_MOVE_ONLY_IN_B, "assigned in B only");
    text_section(out, d, MM_MOVE_CHANGED, "changed idea or mentor");
    text_summary(out, d);
}

/* ------------------------------------------------------------------ JSON */

static void json_side(FILE *out, const mm_assignment *a)
{
    if (!a) {
        fputs("null", out);
        return;
    }
    fputs("{\"idea\": ", out);
    mm_emit_json_string(out, a->idea);
    fputs(", \"mentor\": ", out);
    mm_emit_json_string(out, a->mentor);
    fprintf(out, ", \"rank\": %d, \"score\": ", a->rank);
    mm_emit_json_number(out, a->score);
    fputc('}', out);
}

static void json_moves(FILE *out, const mm_diff *d)
{
    static const char *const change[] = {"only_in_a", "only_in_b", "changed"};

    fprintf(out, "{\n  \"moved\": %zu,\n  \"moves\": [", d->n_moves);
    for (size_t k = 0; k < d->n_moves; k++) {
        const mm_move *m = &d->moves[k];
        fputs(k ? ",\n    {\"student\": " : "\n    {\"student\": ", out);
        mm_emit_json_string(out, m->student);
        fprintf(out, ", \"change\": \"%s\",\n     \"a\": ", change[m->kind]);
        json_side(out, m->a);
        fputs(", \"b\": ", out);
        json_side(out, m->b);
        fputc('}', out);
    }
    fputs(d->n_moves ? "\n  ],\n" : "],\n", out);
}

static void json_objective(FILE *out, const mm_result_doc *doc)
{
    fprintf(out, "{\"assigned\": %zu, \"score\": ", doc->assigned);
    mm_emit_json_number(out, doc->score);
    fputc('}', out);
}

static void json_mean_rank(FILE *out, const mm_result_doc *doc)
{
    if (doc->has_mean_rank)
        mm_emit_json_number(out, doc->mean_rank);
    else
        fputs("null", out);
}

static void json_metrics(FILE *out, const mm_result_doc *doc)
{
    fprintf(out, "{\"assigned\": %zu, \"unassigned\": %zu, \"by_rank\": [", doc->metric_assigned,
            doc->metric_unassigned);
    for (size_t k = 0; k < doc->n_by_rank; k++)
        fprintf(out, "%s%zu", k ? ", " : "", doc->by_rank[k]);
    fputs("], \"mean_rank\": ", out);
    json_mean_rank(out, doc);
    fputc('}', out);
}

static void json_summary(FILE *out, const mm_diff *d)
{
    const mm_result_doc *a = d->a, *b = d->b;

    fputs("  \"objective\": {\"a\": ", out);
    json_objective(out, a);
    fputs(", \"b\": ", out);
    json_objective(out, b);
    fprintf(out, ",\n    \"change\": {\"assigned\": %lld, \"score\": ",
            (long long)b->assigned - (long long)a->assigned);
    mm_emit_json_number(out, b->score - a->score);
    fputs("}},\n  \"metrics\": {\"a\": ", out);
    json_metrics(out, a);
    fputs(",\n    \"b\": ", out);
    json_metrics(out, b);
    fprintf(out, ",\n    \"change\": {\"assigned\": %lld, \"unassigned\": %lld, \"mean_rank\": ",
            (long long)b->metric_assigned - (long long)a->metric_assigned,
            (long long)b->metric_unassigned - (long long)a->metric_unassigned);
    if (a->has_mean_rank && b->has_mean_rank)
        mm_emit_json_number(out, b->mean_rank - a->mean_rank);
    else
        fputs("null", out);
    fputs("}}\n}\n", out);
}

int mm_diff_write(const mm_diff *d, mm_format format, FILE *out)
{
    if (format == MM_FORMAT_CSV)
        return MM_EINVALID;
    if (format == MM_FORMAT_JSON) {
        json_moves(out, d);
        json_summary(out, d);
    } else {
        write_text(d, out);
    }
    return ferror(out) || fflush(out) != 0 ? MM_EIO : 0;
}
