/** A self-contained HTML report of one or more results of one problem. */
#ifndef MENTORMATCH_REPORT_H
#define MENTORMATCH_REPORT_H

#include <stdio.h>

#include "common.h"
#include "problem.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The results to report, each with a label, and the problem they solve. */
typedef struct mm_report mm_report;

/**
 * @param[out] out an empty report (mm_report_free); it borrows `problem`,
 *             which must outlive it
 * @return 0 or MM_ENOMEM
 */
MM_EXTERN int mm_report_new(mm_report **out, const mm_problem *problem);

/** Free a report; NULL is accepted. Borrowed results are not freed. */
MM_EXTERN void mm_report_free(mm_report *report);

/**
 * Add a result document (of solve or evaluate) read from `path`. It must be
 * a result of the report's problem: every assignment names a student, an
 * idea the student applied to, and a mentor of that idea. Loads, fills and
 * metrics are counted from the problem, so results of any strategy compare
 * alike; the status, strategy, time and unassigned reasons are the
 * document's.
 * @param label the result's name in the report (copied); NULL: `path`
 * @param diags every problem found, with its place ("assignments[3].idea")
 * @return 0, MM_EINVALID, MM_EIO or MM_ENOMEM
 */
MM_EXTERN int mm_report_add_file(mm_report *report, const char *path, const char *label,
                                 mm_diags *diags);

/**
 * Add a result in hand (from mm_solve of the report's problem).
 * @param result borrowed: it must outlive the report
 * @param label the result's name (copied); NULL: the strategy's name
 * @return 0 or MM_ENOMEM
 */
MM_EXTERN int mm_report_add_result(mm_report *report, const mm_result *result,
                                   const char *label);

/**
 * Write the page: a summary, an SVG chart of the assignments by rank, one of
 * each mentor's load against capacity, the ideas (by org) with their
 * students, mentors and fill, and the unassigned students with their
 * reasons, all of the first result; with more than one, a comparison of
 * every result's strategy and metrics. Inline CSS and SVG only: no script,
 * no URL. Every string of the problem and the results is HTML-escaped.
 * @return 0, MM_EINVALID when no result was added, or MM_EIO when writing
 *         failed
 */
MM_EXTERN int mm_report_write_html(const mm_report *report, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
