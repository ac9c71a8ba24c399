/* A result document read back (diff, report): what a diff compares. A
 * sheet (read_sheet.h) is read too, told apart by content: its assigned
 * rows are the assignments, rank, score and components from their cells
 * (0 where empty), objective and metrics counted from the rows. */
#ifndef MM_READ_RESULT_H
#define MM_READ_RESULT_H

#include <jansson.h>

#include "mentormatch/diff.h"
#include "read_sheet.h"

struct mm_result_doc {
    json_t *root;                /* owns every string below; NULL for a sheet */
    int is_sheet;
    mm_sheet sheet;              /* a sheet's: owns its strings */
    size_t *sheet_row;           /* a sheet's: per assignment, its index in sheet.rows */
    size_t assigned;             /* objective */
    double score;
    mm_assignment *assignments;  /* in document order */
    size_t n_assignments;
    size_t metric_assigned, metric_unassigned;
    size_t *by_rank;
    size_t n_by_rank;
    int has_mean_rank;           /* 0: "mean_rank" is null */
    double mean_rank;
};

/* An error at assignment k (`key`: its member or column), placed at
 * "assignments[k].key" or at the sheet's row. */
void mm_result_doc_report(const mm_result_doc *doc, mm_diags *diags, size_t k, const char *key,
                          const char *fmt, ...) MM_PRINTF(5, 6);

#endif
