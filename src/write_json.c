/* The result document (SPEC 5) as JSON, streamed: nothing to allocate, so
 * nothing can fail half way but the stream itself. */
#include "emit.h"
#include "quota.h"
#include "write.h"

static void emit_pair(FILE *out, const char *name, size_t assigned, double score)
{
    fprintf(out, "  \"%s\": {\"assigned\": %zu, \"score\": ", name, assigned);
    mm_emit_json_number(out, score);
    fputs("},\n", out);
}

static void emit_assignment(FILE *out, const mm_assignment *a, int last)
{
    fputs("    {\"student\": ", out);
    mm_emit_json_string(out, a->student);
    fputs(", \"idea\": ", out);
    mm_emit_json_string(out, a->idea);
    fputs(", \"mentor\": ", out);
    mm_emit_json_string(out, a->mentor);
    fprintf(out, ", \"rank\": %d, \"score\": ", a->rank);
    mm_emit_json_number(out, a->score);
    fputs(",\n     \"components\": {\"rating\": ", out);
    mm_emit_json_number(out, a->rating);
    fputs(", \"preference\": ", out);
    mm_emit_json_number(out, a->preference);
    fputs(", \"skill\": ", out);
    mm_emit_json_number(out, a->skill);
    fputs(", \"impact\": ", out);
    mm_emit_json_number(out, a->impact);
    fprintf(out, "}}%s\n", last ? "" : ",");
}

static void emit_unassigned(FILE *out, const mm_result *r)
{
    fputs("  \"unassigned\": [", out);
    for (size_t k = 0; k < r->n_unassigned; k++) {
        fputs(k ? ",\n    {\"student\": " : "\n    {\"student\": ", out);
        mm_emit_json_string(out, r->p->students[r->unassigned[k].student].id);
        fputs(", \"reason\": ", out);
        mm_emit_json_string(out, r->unassigned[k].reason);
        fputs("}", out);
    }
    fputs(r->n_unassigned ? "\n  ],\n" : "],\n", out);
}

static void emit_loads(FILE *out, const mm_result *r)
{
    fputs("  \"mentors\": [", out);
    for (size_t m = 0; m < r->p->n_mentors; m++) {
        fputs(m ? ",\n    {\"id\": " : "\n    {\"id\": ", out);
        mm_emit_json_string(out, r->p->mentors[m].id);
        fprintf(out, ", \"load\": %lld, \"capacity\": %lld}", (long long)r->mentor_load[m],
                (long long)r->p->mentors[m].capacity);
    }
    fputs(r->p->n_mentors ? "\n  ],\n  \"ideas\": [" : "],\n  \"ideas\": [", out);
    for (size_t i = 0; i < r->p->n_ideas; i++) {
        fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", out);
        mm_emit_json_string(out, r->p->ideas[i].id);
        fprintf(out, ", \"filled\": %lld, \"slots\": %lld}", (long long)r->idea_filled[i],
                (long long)r->p->ideas[i].slots);
    }
    fputs(r->p->n_ideas ? "\n  ],\n" : "],\n", out);
}

/* SPEC 7: one entry per unit and value a quota constrains, in cell order
 * (quota, unit, value); only for a document with quotas. */
static void emit_quotas(FILE *out, const mm_result *r)
{
    const mm_problem *p = r->p;
    char value[64];

    fputs("  \"quotas\": [", out);
    for (size_t c = 0; c < p->n_cells; c++) {
        const mm_quota_cell *cell = &p->cells[c];
        const mm_quota *q = &p->quotas[cell->quota];
        const mm_attr_value *v = &p->values[cell->value];
        fputs(c ? ",\n    {\"id\": " : "\n    {\"id\": ", out);
        mm_emit_json_string(out, q->id);
        fprintf(out, ", \"per\": \"%s\", \"unit\": ", mm_quota_per_name(q->per));
        if (q->per == MM_PER_PROGRAM)
            fputs("null", out);
        else
            mm_emit_json_string(out, mm_quota_unit_id(p, cell));
        fputs(", \"value\": ", out);
        if (v->type == MM_VALUE_TEXT) {
            mm_emit_json_string(out, v->text);
        } else {
            mm_value_format(value, sizeof value, p, cell->value);
            fputs(value, out);
        }
        fprintf(out, ", \"count\": %lld", (long long)r->cell_count[c]);
        if (q->has_min)
            fprintf(out, ", \"min\": %lld", (long long)q->min);
        if (q->has_max)
            fprintf(out, ", \"max\": %lld", (long long)q->max);
        fputs("}", out);
    }
    fputs(p->n_cells ? "\n  ],\n" : "],\n", out);
}

static void emit_baseline_list(FILE *out, const mm_baseline_summary *b, mm_baseline_list list)
{
    static const char *const names[MM_BASELINE_LISTS] = {"moved", "dropped", "added"};

    fprintf(out, "\"%s\": [", names[list]);
    for (size_t k = 0; k < b->count[list]; k++) {
        const mm_baseline_item *it = &b->items[list][k];
        fputs(k ? ",\n      {\"student\": " : "\n      {\"student\": ", out);
        mm_emit_json_string(out, it->student);
        fputs(list == MM_BASELINE_MOVED ? ", \"from\": " : ", \"idea\": ", out);
        mm_emit_json_string(out, it->idea);
        if (list == MM_BASELINE_MOVED) {
            fputs(", \"to\": ", out);
            mm_emit_json_string(out, it->to);
        } else if (list == MM_BASELINE_DROPPED) {
            fputs(", \"reason\": ", out);
            mm_emit_json_string(out, it->reason);
        }
        fputs("}", out);
    }
    fputs(b->count[list] ? "\n    ]" : "]", out);
}

/* SPEC 8: what a re-allocation kept of its baseline. */
static void emit_baseline(FILE *out, const mm_baseline_summary *b)
{
    fprintf(out, "  \"baseline\": {\"entries\": %zu, \"kept\": %zu, \"kept_mentor\": %zu,\n    ",
            b->entries, b->kept, b->kept_mentor);
    for (int l = 0; l < MM_BASELINE_LISTS; l++) {
        emit_baseline_list(out, b, (mm_baseline_list)l);
        fputs(l + 1 < MM_BASELINE_LISTS ? ",\n    " : "},\n", out);
    }
}

/* --verbose: the pairs behind metrics.blocking_pairs. */
static void emit_blocking(FILE *out, const mm_result *r)
{
    mm_blocking_pair b;

    fputs("  \"blocking\": [", out);
    for (size_t k = 0; mm_result_blocking_pair(r, k, &b) == 0; k++) {
        fputs(k ? ",\n    {\"student\": " : "\n    {\"student\": ", out);
        mm_emit_json_string(out, b.student);
        fputs(", \"idea\": ", out);
        mm_emit_json_string(out, b.idea);
        fputs(", \"mentor\": ", out);
        mm_emit_json_string(out, b.mentor);
        fprintf(out, ", \"rank\": %d, \"holds\": ", b.rank);
        if (b.holds)
            mm_emit_json_string(out, b.holds);
        else
            fputs("null", out);
        fputs("}", out);
    }
    fputs(r->blocking_pairs > 0 ? "\n  ],\n" : "],\n", out);
}

static void emit_metrics(FILE *out, const mm_result *r)
{
    fprintf(out, "  \"metrics\": {\"assigned\": %zu, \"unassigned\": %zu, \"by_rank\": [",
            r->n_assignments, r->n_unassigned);
    for (size_t k = 0; k < r->n_by_rank; k++)
        fprintf(out, "%s%zu", k ? ", " : "", r->by_rank[k]);
    fputs("], \"mean_rank\": ", out);
    if (r->n_assignments)
        mm_emit_json_number(out, r->mean_rank);
    else
        fputs("null", out);
    fputs(",\n              \"score\": ", out);
    mm_emit_json_number(out, r->score);
    fprintf(out, ", \"mentor_load\": {\"min\": %lld, \"max\": %lld, \"mean\": ",
            (long long)r->metrics.load_min, (long long)r->metrics.load_max);
    mm_emit_json_number(out, r->metrics.load_mean);
    fputs(", \"gini\": ", out);
    mm_emit_json_number(out, r->metrics.load_gini);
    fprintf(out, "},\n              \"ideas_filled\": %zu, \"slots_unused\": %lld, "
                 "\"blocking_pairs\": ", r->metrics.ideas_filled, (long long)r->metrics.slots_unused);
    if (r->blocking_pairs >= 0)
        fprintf(out, "%ld},\n", r->blocking_pairs);
    else
        fputs("null},\n", out);
    fprintf(out, "  \"stats\": {\"variables\": %zu, \"constraints\": %zu, \"seconds\": ",
            r->variables, r->constraints);
    mm_emit_json_number(out, r->seconds);
    if (r->solver)
        fprintf(out, ", \"solver\": \"%s\"", r->solver);
    fputs("}\n", out);
}

/* What `evaluate` adds: the given assignment against the constraints and
 * the optimum. */
static void emit_evaluation(FILE *out, const mm_evaluation *e)
{
    fprintf(out, "  \"evaluation\": {\"feasible\": %s, \"violations\": %zu, \"optimum\": ",
            e->feasible ? "true" : "false", e->violations);
    if (!e->has_optimum) {
        fputs("null, \"gap\": null},\n", out);
        return;
    }
    fprintf(out, "{\"assigned\": %zu, \"score\": ", e->optimum_assigned);
    mm_emit_json_number(out, e->optimum_score);
    fprintf(out, "},\n    \"gap\": {\"assigned\": %lld, \"score\": ", e->gap_assigned);
    mm_emit_json_number(out, e->gap_score);
    fputs("}},\n", out);
}

void mm_write_json(const mm_result *r, FILE *out)
{
    fprintf(out, "{\n  \"status\": \"%s\",\n  \"strategy\": ", mm_status_name(r->status));
    mm_emit_json_string(out, r->strategy);
    fputs(",\n", out);
    emit_pair(out, "objective", r->assigned, r->score);
    emit_pair(out, "bound", r->bound_assigned, r->bound_score);
    if (r->integral >= 0) /* lp: is the relaxation's optimum an assignment? */
        fprintf(out, "  \"relaxation\": {\"integral\": %s},\n", r->integral ? "true" : "false");
    if (r->has_evaluation)
        emit_evaluation(out, &r->evaluation);
    fputs("  \"assignments\": [", out);
    for (size_t k = 0; k < r->n_assignments; k++) {
        if (k == 0)
            fputs("\n", out);
        emit_assignment(out, &r->assignments[k], k + 1 == r->n_assignments);
    }
    fputs(r->n_assignments ? "  ],\n" : "],\n", out);
    emit_unassigned(out, r);
    emit_loads(out, r);
    if (r->p->n_quotas)
        emit_quotas(out, r);
    if (r->baseline)
        emit_baseline(out, r->baseline);
    if (r->verbose && r->blocking_pairs >= 0)
        emit_blocking(out, r);
    emit_metrics(out, r);
    fputs("}\n", out);
}
