/* The report: results gathered (report.c), written as one HTML page
 * (report_html.c) with SVG charts (report_chart.c). */
#ifndef MM_REPORT_PRIVATE_H
#define MM_REPORT_PRIVATE_H

#include <stdio.h>

#include "mentormatch/diff.h"
#include "mentormatch/report.h"
#include "result.h"

/* One result as the page shows it. */
typedef struct {
    char *label;
    const mm_result *result;    /* assignments, loads, fills, metrics */
    mm_result *owned;           /* the result built from a document, or NULL */
    mm_result_doc *doc;         /* owns the strings below when read from a file */
    const char *status, *strategy;
    double seconds;             /* < 0 when the document gives none */
    const char **reasons;       /* per student, the document's reason, or NULL */
} mm_report_entry;

struct mm_report {
    const mm_problem *p;
    mm_report_entry *entries;
    size_t n, capacity;
};

/* Why `student` (unassigned in e) is unassigned: the document's words, or
 * else the library's. */
const char *mm_report_reason(const mm_report_entry *e, const mm_unassigned *u);

/* Text as HTML character data or attribute value: & < > " ' escaped,
 * characters HTML forbids and bytes that are not UTF-8 written as U+FFFD. */
void mm_html_text(FILE *out, const char *s);

/* The colour of rank k (1-based) in every chart and legend. */
const char *mm_rank_color(size_t rank);

/* The caps on the number of assignments (SPEC 4), -1 where there is none,
 * and the least of them: the most students that could be placed. */
typedef struct {
    long long program, orgs, ideas, mentors, least;
} mm_report_caps;

void mm_report_count_caps(mm_report_caps *out, const mm_problem *p);

/* The sections of the page past the summary and comparison (report_tables.c). */
void mm_report_mentors(FILE *out, const mm_problem *p, const mm_result *r);
void mm_report_ideas(FILE *out, const mm_problem *p, const mm_result *r);
void mm_report_unassigned(FILE *out, const mm_problem *p, const mm_report_entry *e);
/* Every unit and value a quota constrains, its count against the bounds,
 * the binding ones marked; nothing for a document without quotas. */
void mm_report_quotas(FILE *out, const mm_problem *p, const mm_result *r);

/* SVG charts (report_chart.c). The section of the first result's
 * assignments by rank. */
void mm_report_ranks(FILE *out, const mm_report *rep);
/* One result's assignments as a bar of rank-coloured segments, on a scale
 * of `max` assignments; `label` names it to screen readers. */
void mm_report_rank_bar(FILE *out, const mm_result *r, double max, const char *label);
/* A legend of the rank colours used by any result. */
void mm_report_rank_legend(FILE *out, const mm_report *rep);
/* A bar as wide as its container: `load` of `capacity` on a scale of `max`,
 * in `color`. */
void mm_chart_load(FILE *out, double load, double capacity, double max, const char *color,
                   const char *label);

#endif
