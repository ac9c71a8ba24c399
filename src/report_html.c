/* The report page: head and style, summary, comparison of results. Every
 * string from the problem or a result goes through mm_html_text. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "report.h"

/* The length of the UTF-8 sequence at s, or 0 when it is not one (jansson
 * checks documents, but a label may come from a file name). */
static size_t utf8_length(const unsigned char *s)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                               : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                               : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;

    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) || (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
        (n == 4 && s[0] == 0xF0 && s[1] < 0x90) || (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
        return 0; /* overlong, surrogate, past U+10FFFF */
    return n;
}

void mm_html_text(FILE *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;

    while (s && *s) {
        size_t n = utf8_length(s);
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (n == 0 || (*s < 0x20 && *s != '\t' && *s != '\n') || *s == 0x7f || *s == '\r')
                fputs("\xEF\xBF\xBD", out); /* U+FFFD */
            else
                fwrite(s, 1, n, out);
        }
        s += n ? n : 1;
    }
}

static const char STYLE[] =
    "<style>\n"
    ":root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--warn:#b42318}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
    "\"Noto Sans CJK SC\",\"Noto Sans Arabic\",\"DejaVu Sans\",sans-serif;color:var(--fg);"
    "background:#fff;margin:0 auto;max-width:1080px;padding:20px 24px 40px;"
    "overflow-wrap:break-word}\n"
    "h1{font-size:1.65em;line-height:1.2;margin:.2em 0 .2em}"
    "h2{font-size:1.2em;margin:1.8em 0 .6em;border-bottom:1px solid var(--line);"
    "padding-bottom:.25em}\n"
    "p{margin:.4em 0}.nw{white-space:nowrap}.muted{color:var(--muted)}.warn{color:var(--warn)}\n"
    "code{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:.9em;"
    "background:var(--soft);border-radius:3px;padding:0 .25em;overflow-wrap:break-word}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:10px;"
    "margin:.8em 0}\n"
    ".card{border:1px solid var(--line);border-radius:8px;padding:8px 12px}\n"
    ".card b{display:block;font-size:1.5em;line-height:1.3;font-variant-numeric:tabular-nums}"
    ".card span{color:var(--muted);font-size:.85em}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
    "th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;"
    "vertical-align:top}\n"
    "thead th{background:var(--soft);font-size:.9em}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.group th{background:#eef3fb;border-top:2px solid var(--line);font-weight:600}\n"
    "td.barcell{width:60%;min-width:120px;vertical-align:middle}\n"
    ".best{font-weight:700}\n"
    "svg.chart{display:block;max-width:100%;height:auto;margin:.6em 0}\n"
    "svg.chart text{font:13px system-ui,\"DejaVu Sans\",sans-serif;fill:var(--fg)}"
    "svg.chart .muted{fill:var(--muted)}\n"
    "svg.bar{display:block;width:100%;height:14px}\n"
    "svg.swatch{display:inline-block;vertical-align:-1px;margin:0 .3em 0 .8em}\n"
    ".legend{font-size:.85em;color:var(--muted)}\n"
    "ul.students{margin:0;padding:0;list-style:none}\n"
    "nav{font-size:.9em;margin:.3em 0}nav a{color:#1f4fb4}\n"
    "footer{margin-top:2.5em;font-size:.85em;color:var(--muted)}\n"
    "@media (max-width:640px){body{padding:10px 10px 24px;font-size:14px}"
    ".cards{grid-template-columns:repeat(2,1fr);gap:6px}.card b{font-size:1.25em}"
    "th,td{padding:4px 5px}td.barcell{min-width:80px}"
    "svg.chart text{font-size:17px}" /* the chart shrinks, its labels less */
    /* Phones: each idea a block of labelled lines, not a row of four cramped columns. */
    "table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack th{display:block}"
    "table.stack thead{display:none}table.stack td{border:0;padding:1px 5px}"
    "table.stack tr{border-bottom:1px solid var(--line);padding:4px 0}"
    "table.stack td[data-label]::before{content:attr(data-label) \": \";color:var(--muted)}"
    "table.stack td.n{text-align:left}}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}"
    ".cards{grid-template-columns:repeat(4,1fr)}"
    "h2{break-after:avoid}tr,svg,.card{break-inside:avoid}.scroll{overflow:visible}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "@page{margin:14mm 12mm}\n";

/* "3 ms", "0.42 s", "12.5 s" */
static void duration(FILE *out, double seconds)
{
    if (seconds < 0)
        fputs("&ndash;", out);
    else if (seconds < 0.001)
        fputs("&lt; 1 ms", out);
    else if (seconds < 1)
        fprintf(out, "%.0f ms", seconds * 1000);
    else
        fprintf(out, "%.3g s", seconds);
}

static double first_choice_share(const mm_result *r)
{
    return r->n_assignments ? (double)r->by_rank[0] / (double)r->n_assignments : 0;
}

static void card_start(FILE *out)
{
    fputs("<div class=\"card\"><b>", out);
}

static void card_end(FILE *out, const char *label)
{
    fprintf(out, "</b><span>%s</span></div>\n", label);
}

static void card_text(FILE *out, const char *value, const char *label)
{
    card_start(out);
    mm_html_text(out, value ? value : "unknown");
    card_end(out, label);
}

/* Places filled, out of the least cap on the number of assignments. */
static void places_card(FILE *out, const mm_problem *p, size_t assigned)
{
    mm_report_caps c;

    mm_report_count_caps(&c, p);
    card_start(out);
    fprintf(out, "%zu / %lld</b><span>places filled (caps: ", assigned, c.least);
    if (c.program >= 0)
        fprintf(out, "program %lld, ", c.program);
    if (c.orgs >= 0)
        fprintf(out, "org slots %lld, ", c.orgs);
    fprintf(out, "idea slots %lld, mentors %lld)</span></div>\n", c.ideas, c.mentors);
}

static void summary(FILE *out, const mm_problem *p, const mm_report_entry *e)
{
    const mm_result *r = e->result;

    fputs("<h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">\n", out);
    card_text(out, e->status, "status");
    card_text(out, e->strategy, "strategy");
    card_start(out);
    fprintf(out, "%zu / %zu", r->n_assignments, p->n_students);
    card_end(out, "students assigned");
    places_card(out, p, r->n_assignments);
    card_start(out);
    fprintf(out, "%.0f%%", 100 * first_choice_share(r));
    fprintf(out, "</b><span>first choice (%zu of %zu)</span></div>\n",
            r->n_assignments ? r->by_rank[0] : 0, r->n_assignments);
    card_start(out);
    if (r->n_assignments)
        fprintf(out, "%.2f", r->mean_rank);
    else
        fputs("&ndash;", out);
    card_end(out, "mean rank (1 = first choice)");
    card_start(out);
    fprintf(out, "%.4g", r->score);
    card_end(out, "score");
    card_start(out);
    duration(out, e->seconds);
    card_end(out, "time");
    fputs("</div>\n", out);
}

/* A metric of one result; NAN where it has none. */
typedef double (*metric_fn)(const mm_report_entry *e);

static double m_assigned(const mm_report_entry *e) { return (double)e->result->n_assignments; }
static double m_first(const mm_report_entry *e) { return 100 * first_choice_share(e->result); }
static double m_score(const mm_report_entry *e) { return e->result->score; }
static double m_gini(const mm_report_entry *e) { return e->result->metrics.load_gini; }
static double m_filled(const mm_report_entry *e) { return (double)e->result->metrics.ideas_filled; }
static double m_unused(const mm_report_entry *e) { return (double)e->result->metrics.slots_unused; }
static double m_seconds(const mm_report_entry *e) { return e->seconds < 0 ? NAN : e->seconds; }

static double m_mean_rank(const mm_report_entry *e)
{
    return e->result->n_assignments ? e->result->mean_rank : NAN;
}

static double m_blocking(const mm_report_entry *e)
{
    return e->result->blocking_pairs < 0 ? NAN : (double)e->result->blocking_pairs;
}

typedef struct {
    const char *name, *format; /* format of the value, or NULL: a duration */
    metric_fn get;
    int better;                /* +1 higher is better, -1 lower, 0 neither */
} metric;

static const metric METRICS[] = {
    {"assigned", "%.0f", m_assigned, +1},
    {"first choice", "%.0f%%", m_first, +1},
    {"mean rank", "%.2f", m_mean_rank, -1},
    {"score", "%.4g", m_score, +1},
    {"blocking pairs", "%.0f", m_blocking, -1},
    {"mentor load Gini", "%.3f", m_gini, -1},
    {"ideas with a student", "%.0f", m_filled, +1},
    {"idea slots unused", "%.0f", m_unused, -1},
    {"time", NULL, m_seconds, 0},
};

/* The best value of a row, marked only where the results differ. */
static int best_of(const mm_report *rep, const metric *m, double *best)
{
    int differ = 0, any = 0;

    for (size_t k = 0; k < rep->n; k++) {
        double v = m->get(&rep->entries[k]);
        if (isnan(v))
            continue;
        if (any && v != *best)
            differ = 1;
        if (!any || (m->better > 0 ? v > *best : v < *best))
            *best = v;
        any = 1;
    }
    return differ && m->better != 0;
}

static void metric_row(FILE *out, const mm_report *rep, const metric *m)
{
    double best = 0;
    int mark = best_of(rep, m, &best);

    fprintf(out, "<tr><th>%s</th>", m->name);
    for (size_t k = 0; k < rep->n; k++) {
        double v = m->get(&rep->entries[k]);
        fputs(mark && v == best ? "<td class=\"n best\">" : "<td class=\"n\">", out);
        if (isnan(v))
            fputs("&ndash;", out);
        else if (!m->format)
            duration(out, v);
        else
            fprintf(out, m->format, v);
        fputs("</td>", out);
    }
    fputs("</tr>\n", out);
}

static void text_row(FILE *out, const mm_report *rep, const char *name, size_t field)
{
    fprintf(out, "<tr><th>%s</th>", name);
    for (size_t k = 0; k < rep->n; k++) {
        const mm_report_entry *e = &rep->entries[k];
        const char *text = field == 0 ? e->strategy : e->status;
        fputs("<td class=\"n\">", out);
        mm_html_text(out, text ? text : "unknown");
        fputs("</td>", out);
    }
    fputs("</tr>\n", out);
}

/* One stacked bar per result: its assignments by rank. */
static void comparison_chart(FILE *out, const mm_report *rep)
{
    double max = 1;

    for (size_t k = 0; k < rep->n; k++)
        max = fmax(max, (double)rep->entries[k].result->n_assignments);
    fputs("<div class=\"scroll\"><table>\n<thead><tr><th>result</th><th class=\"n\">assigned</th>"
          "<th>assignments by rank of choice</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t k = 0; k < rep->n; k++) {
        const mm_report_entry *e = &rep->entries[k];
        fputs("<tr><td><bdi>", out);
        mm_html_text(out, e->label);
        fprintf(out, "</bdi></td><td class=\"n\">%zu</td><td class=\"barcell\">",
                e->result->n_assignments);
        mm_report_rank_bar(out, e->result, max, e->label);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
    mm_report_rank_legend(out, rep);
}

static void comparison(FILE *out, const mm_report *rep)
{
    fprintf(out, "<h2 id=\"comparison\">Comparison of %zu results</h2>\n", rep->n);
    comparison_chart(out, rep);
    fputs("<div class=\"scroll\"><table>\n<thead><tr><th></th>", out);
    for (size_t k = 0; k < rep->n; k++) {
        fputs("<th class=\"n\"><bdi>", out);
        mm_html_text(out, rep->entries[k].label);
        fputs("</bdi></th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    text_row(out, rep, "strategy", 0);
    text_row(out, rep, "status", 1);
    for (size_t k = 0; k < sizeof METRICS / sizeof METRICS[0]; k++)
        metric_row(out, rep, &METRICS[k]);
    fputs("</tbody></table></div>\n<p class=\"legend\">Bold: the best value of a row where "
          "the results differ. Blocking pairs: a student and an idea that would both rather "
          "have each other (docs/strategies.md).</p>\n",
          out);
}

void mm_html_head(FILE *out, const char *title, const char *suffix, const char *css)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"mentormatch ",
          out);
    mm_html_text(out, mm_version());
    fputs("\">\n<title>", out);
    mm_html_text(out, title);
    fputs(suffix, out);
    fputs("</title>\n", out);
    fputs(STYLE, out);
    if (css)
        fputs(css, out);
    fputs("</style>\n</head>\n", out);
}

static void head(FILE *out, const char *title)
{
    mm_html_head(out, title, ": matching report", NULL);
}

static void header(FILE *out, const mm_report *rep, const char *title)
{
    const mm_problem *p = rep->p;

    fputs("<header>\n<h1>", out);
    mm_html_text(out, title);
    fputs(": matching report</h1>\n", out);
    fprintf(out, "<p class=\"muted\">%zu students, %zu ideas, %zu mentors", p->n_students,
            p->n_ideas, p->n_mentors);
    if (p->n_orgs)
        fprintf(out, ", %zu orgs", p->n_orgs);
    fputs(". Result: <bdi>", out);
    mm_html_text(out, rep->entries[0].label);
    fputs(rep->n > 1 ? "</bdi> (the comparison below shows all).</p>\n"
                     : "</bdi>.</p>\n",
          out);
    fputs("<nav><a href=\"#summary\">Summary</a>", out);
    if (rep->n > 1)
        fputs(" &middot; <a href=\"#comparison\">Comparison</a>", out);
    fputs(" &middot; <a href=\"#ranks\">Ranks</a> &middot; <a href=\"#mentors\">Mentors</a>"
          " &middot; <a href=\"#ideas\">Ideas</a> &middot; <a href=\"#unassigned\">"
          "Unassigned</a>",
          out);
    if (p->n_quotas)
        fputs(" &middot; <a href=\"#quotas\">Quotas</a>", out);
    fputs("</nav>\n</header>\n", out);
}

int mm_report_write_html(const mm_report *rep, FILE *out)
{
    const mm_problem *p = rep->p;
    const char *title = p->program_name && *p->program_name ? p->program_name : "mentormatch";

    if (rep->n == 0)
        return MM_EINVALID;
    head(out, title);
    fputs("<body>\n", out);
    header(out, rep, title);
    fputs("<main>\n", out);
    summary(out, p, &rep->entries[0]);
    if (rep->n > 1)
        comparison(out, rep);
    mm_report_ranks(out, rep);
    mm_report_mentors(out, p, rep->entries[0].result);
    mm_report_ideas(out, p, rep->entries[0].result);
    mm_report_unassigned(out, p, &rep->entries[0]);
    mm_report_quotas(out, p, rep->entries[0].result);
    fprintf(out, "</main>\n<footer>Written by mentormatch %s.</footer>\n</body>\n</html>\n",
            mm_version());
    return ferror(out) ? MM_EIO : 0;
}
