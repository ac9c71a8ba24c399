/* One CSV file read whole, with libcsv: a header row naming the columns,
 * then data rows, each remembering its row number as a spreadsheet shows it
 * (the header is row 1; a blank line is a row; a quoted cell that holds
 * line breaks stays in one row). UTF-8 with or without a byte-order mark,
 * LF or CRLF line ends; cells separated by a comma, a semicolon or a tab,
 * found from the header row unless the caller names one. */
#ifndef MM_CSV_READ_H
#define MM_CSV_READ_H

#include <stddef.h>

#include "arena.h"
#include "mentormatch/common.h"

#define MM_NO_COLUMN ((size_t)-1)

typedef struct {
    const char *file;    /* as the caller named it, for places (borrowed) */
    size_t n_columns;
    const char **header; /* n_columns names; "" for a column without one */
    size_t n_rows;       /* data rows: blank rows and rows of empty cells are left out */
    size_t *row_number;  /* per data row */
    const char **cells;  /* n_rows * n_columns: NULL for an empty cell, "" for a quoted
                          * empty one ("") */
    size_t header_row;
    char delimiter;      /* before the read: ',', ';' or '\t' to force it, 0 (as
                          * mm_csv_data_init leaves it) to detect it; after: the
                          * one used */
    size_t capacity_rows, capacity_cells;
    mm_arena strings;
} mm_csv_data;

void mm_csv_data_init(mm_csv_data *t, const char *file);
void mm_csv_data_dispose(mm_csv_data *t);

/* Read `t->file`. Problems of shape (quoting, a row wider than the header,
 * NUL bytes, no header) are reported at "FILE:ROW" places. A file that is
 * not UTF-8 is one problem at its first bad "FILE:LINE:COLUMN", and nothing
 * more is read; so is a forced delimiter the header does not hold while it
 * holds another ("looks semicolon-separated").
 * @return 0, MM_EINVALID, MM_EIO (reported) or MM_ENOMEM */
int mm_csv_data_read(mm_csv_data *t, mm_diags *diags);

/* Read `len` bytes at `data`, cells split at `delimiter` (0: as
 * mm_csv_data_read, detected from the header; the one used is left in
 * t->delimiter). With no file (`t->file` NULL) problems are placed at rows
 * (diag.h's mm_diag_add_row) and the encoding and delimiter checks of a
 * file are the caller's. @return 0, MM_EINVALID or MM_ENOMEM */
int mm_csv_data_parse(mm_csv_data *t, const char *data, size_t len, char delimiter,
                      mm_diags *diags);

/* Match the header against `names` (NULL-terminated): index[k] gets the
 * column of names[k], or MM_NO_COLUMN. Names compare ignoring ASCII case.
 * A column named twice, or missing while `required` names it, is an error;
 * an unknown column a warning (an error when `strict`). Columns whose name
 * starts with `prefix` (unless NULL; ASCII case ignored) are left to
 * mm_csv_prefixed_columns. @return 0 or MM_EINVALID */
int mm_csv_data_columns(const mm_csv_data *t, const char *const *names,
                        const char *const *required, const char *prefix, int strict,
                        size_t *index, mm_diags *diags);

/* The columns whose name starts with `prefix` (ASCII case ignored), in file
 * order; what follows the prefix compares byte for byte. One with nothing
 * after the prefix, or named twice, is an error (and not listed).
 * @param[out] out their indexes (mm_free; even on error) @param[out] n how many
 * @return 0, MM_EINVALID or MM_ENOMEM */
int mm_csv_prefixed_columns(const mm_csv_data *t, const char *prefix, size_t **out, size_t *n,
                            mm_diags *diags);

/* The cell of data row `row` in column `column` (MM_NO_COLUMN: NULL). */
const char *mm_csv_cell(const mm_csv_data *t, size_t row, size_t column);

#endif
