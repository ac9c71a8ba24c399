#include "read_sheet.h"

#include <string.h>

#include "alloc.h"
#include "strbuf.h"

static const char *const NAMES[MM_SHEET_COLUMNS] = {
    "student", "idea", "mentor", "rank", "score", "rating", "preference", "skill", "impact",
};

const char *mm_sheet_column_name(int column)
{
    return NAMES[column];
}

int mm_sheet_sniff(const char *data, size_t len)
{
    size_t k = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

    while (k < len && strchr(" \t\r\n", data[k]) && data[k])
        k++;
    return k < len && !strchr("{[-0123456789", data[k]);
}

void mm_sheet_vreport(const mm_sheet *sheet, mm_diags *diags, size_t k, const char *key,
                      const char *fmt, va_list ap)
{
    char place[48];

    if (key)
        snprintf(place, sizeof place, "column '%s'", key);
    mm_diag_vadd_row(diags, MM_SEVERITY_ERROR, sheet->rows[k].row, key ? place : "", fmt, ap);
}

void mm_sheet_report(const mm_sheet *sheet, mm_diags *diags, size_t k, const char *key,
                     const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mm_sheet_vreport(sheet, diags, k, key, fmt, ap);
    va_end(ap);
}

static int same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) != (*b >= 'A' && *b <= 'Z' ? *b + 32 : *b))
            return 0;
    return *a == *b;
}

/* "'student', 'name', 'project'": what the header holds, for a message. */
static void list_header(const mm_csv_data *t, mm_strbuf *sb)
{
    for (size_t c = 0; c < t->n_columns; c++) {
        mm_strbuf_sep(sb, ", ");
        mm_strbuf_printf(sb, "'%.*s%s'", MM_ID_ARG(t->header[c]));
    }
    if (!t->n_columns)
        mm_strbuf_printf(sb, "nothing");
}

static int find_columns(mm_sheet *sheet, mm_diags *diags)
{
    const mm_csv_data *t = &sheet->csv;
    int errors = 0;

    for (int k = 0; k < MM_SHEET_COLUMNS; k++)
        sheet->column[k] = MM_NO_COLUMN;
    for (size_t c = 0; c < t->n_columns; c++)
        for (int k = 0; k < MM_SHEET_COLUMNS; k++) {
            if (!same_name(t->header[c], NAMES[k]))
                continue;
            if (sheet->column[k] != MM_NO_COLUMN && ++errors)
                mm_diag_add_row(diags, MM_SEVERITY_ERROR, t->header_row, "",
                                "column '%s' is named twice (columns %zu and %zu): keep one",
                                NAMES[k], sheet->column[k] + 1, c + 1);
            else
                sheet->column[k] = c;
        }
    for (int k = 0; k <= MM_SHEET_IDEA; k++) {
        mm_strbuf found;
        if (sheet->column[k] != MM_NO_COLUMN)
            continue;
        mm_strbuf_init(&found);
        list_header(t, &found);
        mm_diag_add_row(diags, MM_SEVERITY_ERROR, t->header_row, "",
                        "no column '%s': an assignment sheet needs the columns 'student' and "
                        "'idea' (as solve --format csv writes them); the header row holds %s",
                        NAMES[k], found.oom ? "?" : mm_strbuf_text(&found));
        mm_strbuf_dispose(&found);
        errors++;
    }
    return errors ? MM_EINVALID : 0;
}

const char *mm_sheet_cell(const mm_sheet *sheet, size_t k, int column)
{
    const char *cell = mm_csv_cell(&sheet->csv, k, sheet->column[column]);

    return cell && cell[0] ? cell : NULL;
}

static int take_rows(mm_sheet *sheet, mm_diags *diags)
{
    int errors = 0;

    sheet->n_rows = sheet->csv.n_rows;
    sheet->rows = mm_calloc(sheet->n_rows + 1, sizeof *sheet->rows);
    if (!sheet->rows)
        return MM_ENOMEM;
    for (size_t k = 0; k < sheet->n_rows; k++) {
        mm_sheet_row *r = &sheet->rows[k];
        r->row = sheet->csv.row_number[k];
        r->student = mm_sheet_cell(sheet, k, MM_SHEET_STUDENT);
        r->idea = mm_sheet_cell(sheet, k, MM_SHEET_IDEA);
        r->mentor = mm_sheet_cell(sheet, k, MM_SHEET_MENTOR);
        if (!r->student && ++errors)
            mm_sheet_report(sheet, diags, k, "student",
                            "empty: each row names one student; fill in the id or delete the row");
    }
    return errors ? MM_EINVALID : 0;
}

int mm_sheet_read(mm_sheet *sheet, const char *data, size_t len, mm_diags *diags)
{
    int rc;

    memset(sheet, 0, sizeof *sheet);
    mm_csv_data_init(&sheet->csv, NULL);
    rc = mm_csv_data_parse(&sheet->csv, data, len, 0, diags); /* detected: csv_sniff.c */
    if (rc == 0)
        rc = find_columns(sheet, diags);
    if (rc == 0)
        rc = take_rows(sheet, diags);
    return rc;
}

void mm_sheet_dispose(mm_sheet *sheet)
{
    mm_csv_data_dispose(&sheet->csv);
    mm_free(sheet->rows);
    memset(sheet, 0, sizeof *sheet);
}
