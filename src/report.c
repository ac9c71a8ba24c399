/* The HTML report: one self-contained page (inline CSS and SVG, no script,
 * no URL) streamed from result documents read back and their problem. */
#include "mentormatch/report.h"

#include <string.h>

#include "problem.h"
#include "read_result.h"

/* Text as HTML character data or attribute value: & < > " ' escaped;
 * control characters other than tab, line feed and carriage return, which
 * HTML forbids, written as U+FFFD. */
static void esc(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                fputs("\xEF\xBF\xBD", out);
            else
                fputc(c, out);
        }
    }
}

static const char *json_text(json_t *obj, const char *key, const char *fallback)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : fallback;
}

static double json_num(json_t *obj, const char *key, double fallback)
{
    json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : fallback;
}

static json_t *json_path2(json_t *obj, const char *a, const char *b)
{
    return json_object_get(json_object_get(obj, a), b);
}

/* The name (or title) of record `id` in `map` when it has one, else NULL. */
static const char *student_name(const mm_problem *p, const char *id)
{
    uint32_t k = mm_strmap_get(&p->student_ids, id, strlen(id));
    return k == MM_NOT_FOUND || k >= p->n_students ? NULL : p->students[k].name;
}

static void id_with_name(FILE *out, const char *id, const char *name)
{
    fputs("<code>", out);
    esc(out, id);
    fputs("</code>", out);
    if (name && *name) {
        fputs(" ", out);
        esc(out, name);
    }
}

static const char STYLE[] =
    "<style>\n"
    ":root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bar:#2f6feb;--cap:#dbe5f5;"
    "--warn:#c2410c;--bg:#fff}\n"
    "*{box-sizing:border-box}\n"
    "body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",\"Noto Sans\",\"Noto Sans CJK SC\","
    "sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:16px}\n"
    "h1{font-size:1.6em;margin:.2em 0 .6em}h2{font-size:1.2em;margin:1.6em 0 .5em;"
    "border-bottom:1px solid var(--line);padding-bottom:.2em}\n"
    "code{font-family:ui-monospace,\"SFMono-Regular\",Menlo,Consolas,monospace;font-size:.92em;"
    "overflow-wrap:anywhere}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px}\n"
    ".card{border:1px solid var(--line);border-radius:8px;padding:8px 12px}\n"
    ".card b{display:block;font-size:1.35em}.card span{color:var(--muted);font-size:.85em}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
    "th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}\n"
    "th{background:#f6f8fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "svg{display:block;width:100%;height:auto;max-width:900px}\n"
    "svg text{font:12px system-ui,sans-serif;fill:var(--fg)}\n"
    ".full{color:var(--warn)}.muted{color:var(--muted)}\n"
    "ul.plain{margin:0;padding-left:1.1em}\n"
    "@media (max-width:600px){body{padding:8px;font-size:14px}th,td{padding:4px}}\n"
    "@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid}"
    "tr,svg,.card{break-inside:avoid}.scroll{overflow:visible}"
    "th{background:none}}\n"
    "</style>\n";

static void summary(FILE *out, const mm_problem *p, const mm_result_doc *d)
{
    json_t *root = d->root;
    mm_problem_summary s;
    size_t first = d->n_by_rank > 0 ? d->by_rank[0] : 0;

    mm_problem_summarize(&s, p);
    fputs("<h2>Summary</h2>\n<div class=\"cards\">\n", out);
    fputs("<div class=\"card\"><span>status</span><b>", out);
    esc(out, json_text(root, "status", "?"));
    fputs("</b></div>\n<div class=\"card\"><span>strategy</span><b>", out);
    esc(out, json_text(root, "strategy", "?"));
    fprintf(out, "</b></div>\n<div class=\"card\"><span>assigned of %zu students</span><b>%zu</b></div>\n",
            s.students, d->assigned);
    fprintf(out, "<div class=\"card\"><span>of %zu idea slots, %zu mentor places</span><b>%.0f%%</b></div>\n",
            s.total_idea_slots, s.total_capacity,
            s.total_idea_slots ? 100.0 * (double)d->assigned / (double)s.total_idea_slots : 0.0);
    fprintf(out, "<div class=\"card\"><span>first choice</span><b>%.0f%%</b></div>\n",
            d->assigned ? 100.0 * (double)first / (double)d->assigned : 0.0);
    if (d->has_mean_rank)
        fprintf(out, "<div class=\"card\"><span>mean rank</span><b>%.2f</b></div>\n", d->mean_rank);
    else
        fputs("<div class=\"card\"><span>mean rank</span><b>&ndash;</b></div>\n", out);
    fprintf(out, "<div class=\"card\"><span>score</span><b>%.4g</b></div>\n", d->score);
    fprintf(out, "<div class=\"card\"><span>time</span><b>%.3g s</b></div>\n",
            json_num(json_object_get(root, "stats"), "seconds", 0.0));
    fputs("</div>\n", out);
}

static void rank_chart(FILE *out, const mm_result_doc *d)
{
    const double w = 600, h = 220, left = 40, bottom = 30, top = 20;
    size_t max = 1, n = d->n_by_rank;
    double slot;

    fputs("<h2>Assignments by rank</h2>\n", out);
    if (n == 0) {
        fputs("<p class=\"muted\">Nobody is assigned.</p>\n", out);
        return;
    }
    for (size_t k = 0; k < n; k++)
        if (d->by_rank[k] > max)
            max = d->by_rank[k];
    slot = (w - left - 10) / (double)n;
    fprintf(out,
            "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"assignments by rank\">\n"
            "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#57606a\"/>\n",
            w, h, left, h - bottom, w - 10, h - bottom);
    for (size_t k = 0; k < n; k++) {
        double bh = (h - bottom - top) * (double)d->by_rank[k] / (double)max;
        double x = left + slot * (double)k + slot * 0.15, bw = slot * 0.7;
        fprintf(out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2f6feb\">"
                "<title>rank %zu: %zu</title></rect>\n",
                x, h - bottom - bh, bw, bh, k + 1, d->by_rank[k]);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%zu</text>\n",
                x + bw / 2, h - bottom - bh - 4, d->by_rank[k]);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%zu</text>\n",
                x + bw / 2, h - bottom + 16, k + 1);
    }
    fprintf(out, "<text x=\"4\" y=\"%.0f\">rank</text>\n</svg>\n", h - bottom + 16);
}

static void load_chart(FILE *out, const mm_result_doc *d)
{
    json_t *mentors = json_object_get(d->root, "mentors");
    size_t n = json_array_size(mentors);
    double max = 1, w = 600, left = 170, row = 22;

    fputs("<h2>Mentor load</h2>\n", out);
    if (n == 0) {
        fputs("<p class=\"muted\">No mentors listed in the result.</p>\n", out);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        json_t *m = json_array_get(mentors, k);
        double c = json_num(m, "capacity", 0), l = json_num(m, "load", 0);
        if (c > max)
            max = c;
        if (l > max)
            max = l;
    }
    fprintf(out,
            "<p class=\"muted\">Dark: students led; light: capacity.</p>\n"
            "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"mentor load against capacity\">\n",
            w, row * (double)n + 8);
    for (size_t k = 0; k < n; k++) {
        json_t *m = json_array_get(mentors, k);
        double c = json_num(m, "capacity", 0), l = json_num(m, "load", 0);
        double y = 4 + row * (double)k, span = w - left - 60;
        fputs("<text x=\"4\" y=\"", out);
        fprintf(out, "%.1f\">", y + 15);
        esc(out, json_text(m, "id", ""));
        fprintf(out,
                "</text>\n<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"#dbe5f5\"/>\n"
                "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>\n"
                "<text x=\"%.1f\" y=\"%.1f\">%g / %g</text>\n",
                left, y + 2, span * c / max, left, y + 2, span * l / max,
                l >= c && c > 0 ? "#c2410c" : "#2f6feb", left + span * (c > l ? c : l) / max + 6,
                y + 15, l, c);
    }
    fputs("</svg>\n", out);
}

/* The problem's mentors of idea `id`, or nothing when it is unknown. */
static void idea_mentors(FILE *out, const mm_problem *p, const char *id)
{
    uint32_t k = mm_strmap_get(&p->idea_ids, id, strlen(id));

    if (k == MM_NOT_FOUND || k >= p->n_ideas)
        return;
    for (uint32_t j = 0; j < p->ideas[k].mentor_count; j++) {
        uint32_t m = p->idea_mentors[p->ideas[k].mentor_begin + j];
        fputs(j ? ", <code>" : "<code>", out);
        esc(out, p->mentors[m].id);
        fputs("</code>", out);
    }
}

static const char *idea_title(const mm_problem *p, const char *id)
{
    uint32_t k = mm_strmap_get(&p->idea_ids, id, strlen(id));
    return k == MM_NOT_FOUND || k >= p->n_ideas ? NULL : p->ideas[k].title;
}

static void ideas(FILE *out, const mm_problem *p, const mm_result_doc *d)
{
    json_t *list = json_object_get(d->root, "ideas");

    fputs("<h2>Ideas</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>idea</th><th>mentors</th>"
          "<th class=\"n\">fill</th><th>students (lead mentor, rank)</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t k = 0; k < json_array_size(list); k++) {
        json_t *idea = json_array_get(list, k);
        const char *id = json_text(idea, "id", "");
        double filled = json_num(idea, "filled", 0), slots = json_num(idea, "slots", 0);
        int any = 0;

        fputs("<tr><td>", out);
        id_with_name(out, id, idea_title(p, id));
        fputs("</td><td>", out);
        idea_mentors(out, p, id);
        fprintf(out, "</td><td class=\"n%s\">%g / %g</td><td>", filled >= slots ? "" : " muted",
                filled, slots);
        for (size_t a = 0; a < d->n_assignments; a++) {
            const mm_assignment *as = &d->assignments[a];
            if (strcmp(as->idea, id) != 0)
                continue;
            fputs(any ? "<br>" : "", out);
            id_with_name(out, as->student, student_name(p, as->student));
            fputs(" <span class=\"muted\">(", out);
            esc(out, as->mentor);
            fprintf(out, ", %d)</span>", as->rank);
            any = 1;
        }
        if (!any)
            fputs("<span class=\"muted\">none</span>", out);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
}

static void unassigned(FILE *out, const mm_problem *p, const mm_result_doc *d)
{
    json_t *list = json_object_get(d->root, "unassigned");
    size_t n = json_array_size(list);

    fprintf(out, "<h2>Unassigned students (%zu)</h2>\n", n);
    if (n == 0) {
        fputs("<p>Every student is assigned.</p>\n", out);
        return;
    }
    fputs("<div class=\"scroll\"><table>\n<thead><tr><th>student</th><th>reason</th></tr></thead>\n"
          "<tbody>\n",
          out);
    for (size_t k = 0; k < n; k++) {
        json_t *u = json_array_get(list, k);
        const char *id = json_text(u, "student", "");
        fputs("<tr><td>", out);
        id_with_name(out, id, student_name(p, id));
        fputs("</td><td>", out);
        esc(out, json_text(u, "reason", ""));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
}

static void label(FILE *out, const char *const *labels, size_t k)
{
    if (labels && labels[k])
        esc(out, labels[k]);
    else
        fprintf(out, "result %zu", k + 1);
}

static void comparison(FILE *out, const mm_result_doc *const *r, const char *const *labels,
                       size_t n)
{
    fputs("<h2>Comparison</h2>\n<div class=\"scroll\"><table class=\"compare\">\n"
          "<thead><tr><th></th>",
          out);
    for (size_t k = 0; k < n; k++) {
        fputs("<th class=\"n\">", out);
        label(out, labels, k);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n<tr><th>strategy</th>", out);
    for (size_t k = 0; k < n; k++) {
        fputs("<td class=\"n\">", out);
        esc(out, json_text(r[k]->root, "strategy", "?"));
        fputs("</td>", out);
    }
    fputs("</tr>\n<tr><th>status</th>", out);
    for (size_t k = 0; k < n; k++) {
        fputs("<td class=\"n\">", out);
        esc(out, json_text(r[k]->root, "status", "?"));
        fputs("</td>", out);
    }
    fputs("</tr>\n<tr><th>assigned</th>", out);
    for (size_t k = 0; k < n; k++)
        fprintf(out, "<td class=\"n\">%zu</td>", r[k]->assigned);
    fputs("</tr>\n<tr><th>score</th>", out);
    for (size_t k = 0; k < n; k++)
        fprintf(out, "<td class=\"n\">%.6g</td>", r[k]->score);
    fputs("</tr>\n<tr><th>by rank</th>", out);
    for (size_t k = 0; k < n; k++) {
        fputs("<td class=\"n\">", out);
        for (size_t j = 0; j < r[k]->n_by_rank; j++)
            fprintf(out, "%s%zu", j ? " / " : "", r[k]->by_rank[j]);
        fputs("</td>", out);
    }
    fputs("</tr>\n<tr><th>mean rank</th>", out);
    for (size_t k = 0; k < n; k++)
        if (r[k]->has_mean_rank)
            fprintf(out, "<td class=\"n\">%.3f</td>", r[k]->mean_rank);
        else
            fputs("<td class=\"n\">&ndash;</td>", out);
    fputs("</tr>\n<tr><th>blocking pairs</th>", out);
    for (size_t k = 0; k < n; k++) {
        json_t *v = json_path2(r[k]->root, "metrics", "blocking_pairs");
        if (json_is_number(v))
            fprintf(out, "<td class=\"n\">%g</td>", json_number_value(v));
        else
            fputs("<td class=\"n\">&ndash;</td>", out);
    }
    fputs("</tr>\n<tr><th>load Gini</th>", out);
    for (size_t k = 0; k < n; k++) {
        json_t *v = json_object_get(json_path2(r[k]->root, "metrics", "mentor_load"), "gini");
        if (json_is_number(v))
            fprintf(out, "<td class=\"n\">%.3f</td>", json_number_value(v));
        else
            fputs("<td class=\"n\">&ndash;</td>", out);
    }
    fputs("</tr>\n</tbody></table></div>\n", out);
}

int mm_report_write_html(const mm_problem *problem, const mm_result_doc *const *results,
                         const char *const *labels, size_t n, FILE *out)
{
    const char *title = problem->program_name && *problem->program_name
                            ? problem->program_name
                            : "mentormatch";

    if (n == 0)
        return MM_EINVALID;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    esc(out, title);
    fputs(" &ndash; matching report</title>\n", out);
    fputs(STYLE, out);
    fputs("</head>\n<body>\n<h1>", out);
    esc(out, title);
    fputs(" &ndash; matching report</h1>\n", out);
    if (n > 1) {
        fputs("<p class=\"muted\">Details below are of ", out);
        label(out, labels, 0);
        fputs(".</p>\n", out);
    }
    summary(out, problem, results[0]);
    if (n > 1)
        comparison(out, results, labels, n);
    rank_chart(out, results[0]);
    load_chart(out, results[0]);
    ideas(out, problem, results[0]);
    unassigned(out, problem, results[0]);
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? MM_EIO : 0;
}
