/* The report's tables of the first result: mentors and their load, ideas by
 * org with their students, unassigned students with their reasons, the
 * quotas' counts (SPEC 7). */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "quota.h"
#include "report.h"

static long long least(long long a, long long b)
{
    return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

void mm_report_count_caps(mm_report_caps *out, const mm_problem *p)
{
    long long unslotted = 0; /* idea slots outside every org with slots */

    out->program = p->program_slots == MM_NO_LIMIT ? -1 : (long long)p->program_slots;
    out->orgs = -1;
    out->ideas = out->mentors = 0;
    for (size_t m = 0; m < p->n_mentors; m++)
        out->mentors += (long long)p->mentors[m].capacity;
    for (size_t o = 0; o < p->n_orgs; o++) {
        long long slots = 0;
        for (size_t i = 0; i < p->n_ideas; i++)
            slots += p->ideas[i].org == o ? (long long)p->ideas[i].slots : 0;
        if (p->orgs[o].slots != MM_NO_LIMIT)
            out->orgs = (out->orgs < 0 ? 0 : out->orgs) + least(slots, (long long)p->orgs[o].slots);
    }
    for (size_t i = 0; i < p->n_ideas; i++) {
        uint32_t o = p->ideas[i].org;
        out->ideas += (long long)p->ideas[i].slots;
        if (o == MM_NONE || p->orgs[o].slots == MM_NO_LIMIT)
            unslotted += (long long)p->ideas[i].slots;
    }
    if (out->orgs >= 0)
        out->orgs += unslotted;
    out->least = least(least(out->program, out->orgs), least(out->ideas, out->mentors));
}

static uint32_t find_id(const mm_strmap *ids, const char *id)
{
    return mm_strmap_get(ids, id, strlen(id));
}

/* An id in code, then its name (or title) when it has one; each isolated,
 * so right-to-left text keeps the punctuation around it in place. */
static void id_name(FILE *out, const char *id, const char *name)
{
    fputs("<code dir=\"auto\">", out);
    mm_html_text(out, id);
    fputs("</code>", out);
    if (name && *name) {
        fputs(" <bdi>", out);
        mm_html_text(out, name);
        fputs("</bdi>", out);
    }
}

static void mentor_row(FILE *out, const mm_mentor *m, long long load, double max)
{
    int off = load > m->capacity || load < m->min_load;

    fputs("<tr><td>", out);
    id_name(out, m->id, m->name);
    fprintf(out, "</td><td class=\"n%s\">%lld / %lld", off ? " warn" : "", load,
            (long long)m->capacity);
    if (load > m->capacity)
        fputs("<br><span>over capacity</span>", out);
    else if (load < m->min_load)
        fprintf(out, "<br><span>below min_load %lld</span>", (long long)m->min_load);
    fputs("</td><td class=\"barcell\">", out);
    mm_chart_load(out, (double)load, (double)m->capacity, max, off ? "#b42318" : "#3c7be0",
                  m->id);
    fputs("</td></tr>\n", out);
}

void mm_report_mentors(FILE *out, const mm_problem *p, const mm_result *r)
{
    double max = 1;

    fputs("<h2 id=\"mentors\">Mentor load</h2>\n", out);
    if (p->n_mentors == 0) {
        fputs("<p class=\"muted\">No mentors.</p>\n", out);
        return;
    }
    for (size_t m = 0; m < p->n_mentors; m++) {
        if ((double)p->mentors[m].capacity > max)
            max = (double)p->mentors[m].capacity;
        if ((double)r->mentor_load[m] > max)
            max = (double)r->mentor_load[m];
    }
    fprintf(out, "<p>Students each mentor leads (dark) against their capacity (light): "
            "%lld to %lld each, %.2f on average.</p>\n",
            (long long)r->metrics.load_min, (long long)r->metrics.load_max,
            r->metrics.load_mean);
    fputs("<div class=\"scroll\"><table>\n<thead><tr><th>mentor</th><th class=\"n\">load</th>"
          "<th>load against capacity</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t m = 0; m < p->n_mentors; m++)
        mentor_row(out, &p->mentors[m], (long long)r->mentor_load[m], max);
    fputs("</tbody></table></div>\n", out);
}

/* The students of idea i; assignments borrow the problem's id strings, so
 * the idea is found by its pointer. */
static void idea_students(FILE *out, const mm_problem *p, const mm_result *r, size_t i)
{
    int any = 0;

    for (size_t k = 0; k < r->n_assignments; k++) {
        const mm_assignment *a = &r->assignments[k];
        uint32_t s;
        if (a->idea != p->ideas[i].id)
            continue;
        s = find_id(&p->student_ids, a->student);
        fputs(any ? "<li>" : "<ul class=\"students\"><li>", out);
        id_name(out, a->student, s == MM_NOT_FOUND ? NULL : p->students[s].name);
        fprintf(out, " <span class=\"muted\"><span class=\"nw\">choice %d</span>, led by "
                "<code dir=\"auto\">", a->rank);
        mm_html_text(out, a->mentor);
        fputs("</code></span></li>", out);
        any = 1;
    }
    fputs(any ? "</ul>" : "<span class=\"muted\">none</span>", out);
}

static void idea_row(FILE *out, const mm_problem *p, const mm_result *r, size_t i)
{
    const mm_idea *idea = &p->ideas[i];

    fputs("<tr><td>", out);
    id_name(out, idea->id, idea->title);
    fputs("</td><td data-label=\"mentors\">", out);
    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        fputs(k ? ", <code dir=\"auto\">" : "<code dir=\"auto\">", out);
        mm_html_text(out, p->mentors[p->idea_mentors[idea->mentor_begin + k]].id);
        fputs("</code>", out);
    }
    fprintf(out, "</td><td class=\"n%s\" data-label=\"fill\">%lld / %lld</td>"
            "<td data-label=\"students\">",
            r->idea_filled[i] > idea->slots ? " warn" : r->idea_filled[i] ? "" : " muted",
            (long long)r->idea_filled[i], (long long)idea->slots);
    idea_students(out, p, r, i);
    fputs("</td></tr>\n", out);
}

/* The rows of the ideas of org o (MM_NONE: of no org), under a heading row
 * when the problem has orgs. */
static void org_rows(FILE *out, const mm_problem *p, const mm_result *r, uint32_t o)
{
    size_t ideas = 0;

    for (size_t i = 0; i < p->n_ideas; i++)
        ideas += p->ideas[i].org == o;
    if (ideas == 0)
        return;
    if (o != MM_NONE) {
        fputs("<tr class=\"group\"><th colspan=\"4\">", out);
        id_name(out, p->orgs[o].id, p->orgs[o].name);
        fprintf(out, " <span class=\"muted\">%lld", (long long)r->org_filled[o]);
        if (p->orgs[o].slots != MM_NO_LIMIT)
            fprintf(out, " of %lld slots", (long long)p->orgs[o].slots);
        fputs(" filled</span></th></tr>\n", out);
    } else if (p->n_orgs) {
        fputs("<tr class=\"group\"><th colspan=\"4\">no org</th></tr>\n", out);
    }
    for (size_t i = 0; i < p->n_ideas; i++)
        if (p->ideas[i].org == o)
            idea_row(out, p, r, i);
}

void mm_report_ideas(FILE *out, const mm_problem *p, const mm_result *r)
{
    fprintf(out, "<h2 id=\"ideas\">Ideas</h2>\n<p>%zu of %zu ideas have a student; %lld idea slots are "
            "unused.</p>\n", r->metrics.ideas_filled, p->n_ideas,
            (long long)r->metrics.slots_unused);
    fputs("<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th>idea</th><th>mentors</th>"
          "<th class=\"n\">fill</th><th>students</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t o = 0; o < p->n_orgs; o++)
        org_rows(out, p, r, (uint32_t)o);
    org_rows(out, p, r, MM_NONE);
    fputs("</tbody></table></div>\n", out);
}

void mm_report_unassigned(FILE *out, const mm_problem *p, const mm_report_entry *e)
{
    const mm_result *r = e->result;

    fprintf(out, "<h2 id=\"unassigned\">Unassigned students (%zu)</h2>\n", r->n_unassigned);
    if (r->n_unassigned == 0) {
        fputs("<p>Every student is assigned.</p>\n", out);
        return;
    }
    fputs("<div class=\"scroll\"><table>\n<thead><tr><th>student</th><th>reason</th></tr>"
          "</thead>\n<tbody>\n",
          out);
    for (size_t k = 0; k < r->n_unassigned; k++) {
        const mm_student *st = &p->students[r->unassigned[k].student];
        fputs("<tr><td>", out);
        id_name(out, st->id, st->name);
        fputs("</td><td>", out);
        mm_html_text(out, mm_report_reason(e, &r->unassigned[k]));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
}

/* One quota cell: its unit and value, the count against the bounds, and
 * whether the count is at a bound (binds) or past one (an evaluated
 * allocation that breaks the quota). */
static void quota_row(FILE *out, const mm_problem *p, const mm_result *r, size_t c)
{
    const mm_quota_cell *cell = &p->cells[c];
    const mm_quota *q = &p->quotas[cell->quota];
    int breaks = mm_result_cell_breaks(r, c), binds = mm_result_cell_binds(r, c);
    char value[MM_ID_SHOWN + 16];

    mm_value_format(value, sizeof value, p, cell->value);
    fprintf(out, "<tr%s><td><code dir=\"auto\">", breaks ? " class=\"warn\"" : "");
    mm_html_text(out, q->id);
    fprintf(out, "</code></td><td data-label=\"per\">%s</td><td data-label=\"unit\">",
            mm_quota_per_name(q->per));
    if (q->per == MM_PER_PROGRAM)
        fputs("<span class=\"muted\">the program</span>", out);
    else {
        fputs("<code dir=\"auto\">", out);
        mm_html_text(out, mm_quota_unit_id(p, cell));
        fputs("</code>", out);
    }
    fputs("</td><td data-label=\"value\"><code dir=\"auto\">", out);
    mm_html_text(out, p->attr_names[q->attr]);
    fputs("</code> = <code dir=\"auto\">", out);
    mm_html_text(out, value);
    fprintf(out, "</code></td><td class=\"n\" data-label=\"count\">%lld</td>",
            (long long)r->cell_count[c]);
    if (q->has_min)
        fprintf(out, "<td class=\"n\" data-label=\"min\">%lld</td>", (long long)q->min);
    else
        fputs("<td class=\"n muted\" data-label=\"min\">-</td>", out);
    if (q->has_max)
        fprintf(out, "<td class=\"n\" data-label=\"max\">%lld</td>", (long long)q->max);
    else
        fputs("<td class=\"n muted\" data-label=\"max\">-</td>", out);
    fprintf(out, "<td data-label=\"status\">%s</td></tr>\n",
            breaks < 0 ? "<b>below its min</b>"
            : breaks   ? "<b>above its max</b>"
            : binds    ? (q->has_max && r->cell_count[c] == q->max ? "<b>binds</b>: at its max"
                                                                   : "<b>binds</b>: at its min")
                       : "<span class=\"muted\">slack</span>");
}

void mm_report_quotas(FILE *out, const mm_problem *p, const mm_result *r)
{
    size_t binding = 0, broken = 0;

    if (p->n_quotas == 0)
        return;
    for (size_t c = 0; c < p->n_cells; c++) {
        binding += mm_result_cell_binds(r, c) != 0;
        broken += mm_result_cell_breaks(r, c) != 0;
    }
    fprintf(out, "<h2 id=\"quotas\">Quotas</h2>\n<p%s>%zu quota%s on %zu units and values: "
            "%zu binding, %zu broken.</p>\n", broken ? " class=\"warn\"" : "", p->n_quotas,
            p->n_quotas == 1 ? "" : "s", p->n_cells, binding, broken);
    if (p->n_cells == 0)
        return;
    fputs("<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th>quota</th><th>per</th>"
          "<th>unit</th><th>value</th><th class=\"n\">count</th><th class=\"n\">min</th>"
          "<th class=\"n\">max</th><th>status</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t c = 0; c < p->n_cells; c++)
        quota_row(out, p, r, c);
    fputs("</tbody></table></div>\n", out);
}
