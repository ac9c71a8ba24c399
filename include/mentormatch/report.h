/** A self-contained HTML report of one or more result documents. */
#ifndef MENTORMATCH_REPORT_H
#define MENTORMATCH_REPORT_H

#include <stdio.h>

#include "common.h"
#include "diff.h"
#include "problem.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Write one HTML page about results of `problem`: a summary, an SVG chart of
 * the assignments by rank, an SVG chart of each mentor's load against
 * capacity, the ideas with their students, mentors and fill, and the
 * unassigned students with their reasons, all of the first result; with
 * more than one result, a table comparing their strategies and metrics.
 * The page has inline CSS and SVG only: no script, no external URL. Every
 * string from the problem or the results is HTML-escaped.
 * @param results the documents (mm_result_doc_read_file), at least one
 * @param labels  a name for each (its file name), or NULL: "result N"
 * @return 0, MM_EINVALID when n is 0, or MM_EIO when writing failed
 */
MM_EXTERN int mm_report_write_html(const mm_problem *problem, const mm_result_doc *const *results,
                                   const char *const *labels, size_t n, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
