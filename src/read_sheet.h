/* An assignment sheet read back: the CSV file `solve -f csv` writes, or one
 * edited in a spreadsheet (docs/result-format.md, "Reading a sheet back").
 * Columns are found by header name, ignoring ASCII case; others are
 * ignored. Each problem is placed at its row (diag.h's mm_diag_add_row),
 * for the caller to print as FILE:ROW: column 'NAME': message. */
#ifndef MM_READ_SHEET_H
#define MM_READ_SHEET_H

#include <stdarg.h>
#include <stddef.h>

#include "csv_read.h"
#include "diag.h"

enum {
    MM_SHEET_STUDENT, MM_SHEET_IDEA, MM_SHEET_MENTOR, MM_SHEET_RANK, MM_SHEET_SCORE,
    MM_SHEET_RATING, MM_SHEET_PREFERENCE, MM_SHEET_SKILL, MM_SHEET_IMPACT, MM_SHEET_COLUMNS
};

/* One data row; strings belong to the sheet. */
typedef struct {
    const char *student;
    const char *idea;   /* NULL: the student is unassigned */
    const char *mentor; /* NULL: not given */
    size_t row;         /* as a spreadsheet numbers it (the header is 1) */
} mm_sheet_row;

typedef struct {
    mm_csv_data csv;
    size_t column[MM_SHEET_COLUMNS]; /* MM_NO_COLUMN where the file has none */
    mm_sheet_row *rows;
    size_t n_rows;
} mm_sheet;

/* Whether `data` is a sheet rather than JSON: its first byte that is not
 * white space (after a byte-order mark) is none of '{', '[', '-' or a digit,
 * which start a JSON document (or a number, reported as not one). A
 * sheet's header starts with a name, or a quote. */
int mm_sheet_sniff(const char *data, size_t len);

/* Read a sheet split at ',', or at ';' or tab when the header row holds
 * more of those than commas. A row without a student, and a header
 * without "student" and "idea" columns, are errors; ids are checked by the
 * caller. @return 0, MM_EINVALID or MM_ENOMEM; dispose the sheet either way */
int mm_sheet_read(mm_sheet *sheet, const char *data, size_t len, mm_diags *diags);
void mm_sheet_dispose(mm_sheet *sheet);

/* The key of a column ("idea"), as results name it. */
const char *mm_sheet_column_name(int column);

/* The cell of row k in `column`; NULL when empty or absent. */
const char *mm_sheet_cell(const mm_sheet *sheet, size_t k, int column);

/* A problem at row k, in the column of `key` ("idea", or NULL for the row). */
void mm_sheet_vreport(const mm_sheet *sheet, mm_diags *diags, size_t k, const char *key,
                      const char *fmt, va_list ap);
void mm_sheet_report(const mm_sheet *sheet, mm_diags *diags, size_t k, const char *key,
                     const char *fmt, ...) MM_PRINTF(5, 6);

#endif
