/* The report's charts: inline SVG, drawn in print as on screen (a CSS
 * background may be left out of a printout; an SVG fill is not). Labels
 * that come from the input stay in HTML beside the charts, where long or
 * right-to-left text wraps and flows as text should. */
#include <stdio.h>

#include "report.h"

/* First choice darkest; ranks past the palette share its last colour. */
#define RANK_COLORS 6

const char *mm_rank_color(size_t rank)
{
    static const char *const palette[RANK_COLORS] = {"#1f4fb4", "#3c7be0", "#72a5ee",
                                                     "#a9c8f4", "#cfdff8", "#e4edfb"};

    return palette[rank == 0 ? 0 : rank <= RANK_COLORS ? rank - 1 : RANK_COLORS - 1];
}

static void swatch(FILE *out, const char *color)
{
    fprintf(out,
            "<svg class=\"swatch\" width=\"12\" height=\"12\" aria-hidden=\"true\">"
            "<rect width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#8c959f\" "
            "stroke-width=\"1\"/></svg>",
            color);
}

#define RANK_W 520.0
#define RANK_H 220.0
#define RANK_LEFT 34.0
#define RANK_TOP 22.0
#define RANK_BOTTOM 34.0

static void rank_bar(FILE *out, size_t k, size_t count, size_t max, size_t total, double slot)
{
    int share = slot >= 64 && count > 0 && total > 0; /* room for "12 (60%)" */
    double area = RANK_H - RANK_TOP - RANK_BOTTOM;
    double bh = area * (double)count / (double)max, bw = slot * 0.68;
    double x = RANK_LEFT + slot * (double)k + (slot - bw) / 2, base = RANK_H - RANK_BOTTOM;

    fprintf(out,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
            "stroke=\"#1f4fb4\" stroke-width=\"0.6\"><title>rank %zu: %zu</title></rect>\n",
            x, base - bh, bw, bh, mm_rank_color(k + 1), k + 1, count);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%zu", x + bw / 2,
            base - bh - 6, count);
    if (share)
        fprintf(out, " <tspan class=\"muted\">(%.0f%%)</tspan>",
                100.0 * (double)count / (double)total);
    fprintf(out, "</text>\n<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%zu</text>\n",
            x + bw / 2, base + 18, k + 1);
}

static void rank_chart(FILE *out, const mm_result *r)
{
    size_t n = r->n_by_rank, max = 1, columns = n < 4 ? 4 : n; /* a lone bar stays a bar */
    double slot = (RANK_W - RANK_LEFT - 8) / (double)columns;

    for (size_t k = 0; k < n; k++)
        if (r->by_rank[k] > max)
            max = r->by_rank[k];
    fprintf(out,
            "<svg class=\"chart\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "role=\"img\" aria-label=\"assignments by rank of choice\">\n"
            "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#57606a\"/>\n",
            RANK_W, RANK_H, RANK_W, RANK_H, RANK_LEFT, RANK_H - RANK_BOTTOM,
            RANK_LEFT + slot * (double)columns, RANK_H - RANK_BOTTOM);
    for (size_t k = 0; k < n; k++)
        rank_bar(out, k, r->by_rank[k], max, r->n_assignments, slot);
    fprintf(out, "<text x=\"0\" y=\"%.0f\" class=\"muted\">rank</text>\n</svg>\n",
            RANK_H - RANK_BOTTOM + 18);
}

void mm_report_ranks(FILE *out, const mm_report *rep)
{
    const mm_result *r = rep->entries[0].result;

    fputs("<h2 id=\"ranks\">Assignments by rank of choice</h2>\n", out);
    if (r->n_assignments == 0) {
        fputs("<p class=\"muted\">Nobody is assigned.</p>\n", out);
        return;
    }
    fprintf(out, "<p>How far down their list each assigned student got: %zu of %zu their "
            "first choice.</p>\n", r->by_rank[0], r->n_assignments);
    rank_chart(out, r);
}

/* The start of a bar: 1000 units wide, stretched to its container. */
static void bar_start(FILE *out, const char *label)
{
    fputs("<svg class=\"bar\" viewBox=\"0 0 1000 14\" preserveAspectRatio=\"none\" "
          "role=\"img\" aria-label=\"",
          out);
    mm_html_text(out, label);
    fputs("\">", out);
}

void mm_report_rank_bar(FILE *out, const mm_result *r, double max, const char *label)
{
    double x = 0, scale = max > 0 ? 1000.0 / max : 0;

    bar_start(out, label);
    for (size_t k = 0; k < r->n_by_rank; k++) {
        double w = (double)r->by_rank[k] * scale;
        if (w <= 0)
            continue;
        fprintf(out, "<rect x=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\">"
                "<title>rank %zu: %zu</title></rect>", x, w, mm_rank_color(k + 1), k + 1,
                r->by_rank[k]);
        x += w;
    }
    fputs("</svg>", out);
}

void mm_report_rank_legend(FILE *out, const mm_report *rep)
{
    size_t ranks = 0;

    for (size_t k = 0; k < rep->n; k++)
        if (rep->entries[k].result->n_by_rank > ranks)
            ranks = rep->entries[k].result->n_by_rank;
    if (ranks == 0)
        return;
    fputs("<p class=\"legend\">Rank of choice:", out);
    for (size_t k = 1; k <= ranks && k <= RANK_COLORS; k++) {
        swatch(out, mm_rank_color(k));
        fprintf(out, "%zu%s", k, k == RANK_COLORS && ranks > k ? " and after" : "");
    }
    fputs("</p>\n", out);
}

void mm_chart_load(FILE *out, double load, double capacity, double max, const char *color,
                   const char *label)
{
    double scale = max > 0 ? 1000.0 / max : 0;

    bar_start(out, label);
    fprintf(out, "<rect width=\"%.1f\" height=\"14\" fill=\"#e6ebf1\"/>"
            "<rect width=\"%.1f\" height=\"14\" fill=\"%s\"/></svg>",
            capacity * scale, load * scale, color);
}
