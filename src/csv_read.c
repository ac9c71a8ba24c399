#include "csv_read.h"

#include <csv.h>
#include <string.h>

#include "alloc.h"
#include "csv_format.h"
#include "csv_sniff.h"
#include "diag.h"
#include "jsonfile.h"
#include "strbuf.h"
#include "suggest.h"

/* The state of one pass of libcsv over a file. */
typedef struct {
    mm_csv_data *t;
    mm_diags *diags;
    size_t row;          /* the row being read; the header is 1 */
    int after_cr;        /* a row just ended at CR: an LF now completes CRLF */
    int have_header;
    const char **fields; /* the row being read */
    size_t n_fields, capacity_fields;
    int failed, oom;
} reader;

void mm_csv_data_init(mm_csv_data *t, const char *file)
{
    memset(t, 0, sizeof *t);
    t->file = file;
    mm_arena_init(&t->strings);
}

void mm_csv_data_dispose(mm_csv_data *t)
{
    mm_free(t->header);
    mm_free(t->row_number);
    mm_free(t->cells);
    mm_arena_dispose(&t->strings);
    mm_csv_data_init(t, NULL);
}

const char *mm_csv_cell(const mm_csv_data *t, size_t row, size_t column)
{
    return column == MM_NO_COLUMN ? NULL : t->cells[row * t->n_columns + column];
}

static void report(reader *r, size_t column, const char *fmt, ...) MM_PRINTF(3, 4);

/* An error at "FILE:ROW" or, with a column, "FILE:ROW: column 'NAME'". */
static void report(reader *r, size_t column, const char *fmt, ...)
{
    mm_strbuf place;
    va_list ap;

    mm_strbuf_init(&place);
    if (r->t->file) /* else a buffer's: the row goes in the diagnostic's line */
        mm_strbuf_printf(&place, "%s:%zu", r->t->file, r->row);
    if (column != MM_NO_COLUMN)
        mm_strbuf_sep(&place, ": ");
    if (column != MM_NO_COLUMN && r->have_header && column < r->t->n_columns &&
        r->t->header[column][0])
        mm_strbuf_printf(&place, "column '%s'", r->t->header[column]);
    else if (column != MM_NO_COLUMN)
        mm_strbuf_printf(&place, "column %zu", column + 1);
    va_start(ap, fmt);
    if (r->t->file)
        mm_diag_vadd(r->diags, MM_SEVERITY_ERROR, mm_strbuf_text(&place), fmt, ap);
    else
        mm_diag_vadd_row(r->diags, MM_SEVERITY_ERROR, r->row, mm_strbuf_text(&place), fmt, ap);
    va_end(ap);
    mm_strbuf_dispose(&place);
    r->failed = 1;
}

/* libcsv's end-of-field callback: keep a copy (NULL for an empty cell),
 * without one leading '\'' (csv_format.h: mm_csv_cell_unmark). */
static void on_field(void *data, size_t len, void *context)
{
    reader *r = context;
    const char **grown;
    char *copy = NULL;

    r->after_cr = 0;
    if (r->oom)
        return;
    if (data)
        data = (void *)mm_csv_cell_unmark(data, &len);
    if (data && memchr(data, '\0', len)) {
        report(r, r->n_fields, "holds a NUL byte");
        data = NULL;
    }
    grown = mm_grow(r->fields, &r->capacity_fields, r->n_fields + 1, sizeof *grown);
    if (grown)
        r->fields = grown;
    if (!grown || (data && !(copy = mm_arena_strndup(&r->t->strings, data, len)))) {
        r->oom = 1;
        return;
    }
    r->fields[r->n_fields++] = copy;
}

static int all_empty(const char *const *fields, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (fields[k])
            return 0;
    return 1;
}

static void take_header(reader *r)
{
    mm_csv_data *t = r->t;

    t->header = mm_malloc(r->n_fields * sizeof *t->header);
    if (!t->header) {
        r->oom = 1;
        return;
    }
    for (size_t k = 0; k < r->n_fields; k++)
        t->header[k] = r->fields[k] ? r->fields[k] : "";
    t->n_columns = r->n_fields;
    t->header_row = r->row;
    r->have_header = 1;
}

/* A data row: as wide as the header, padded with empty cells. Cells past
 * the header's width, or under a column without a name, must be empty. */
static void take_row(reader *r)
{
    mm_csv_data *t = r->t;
    size_t need = t->n_rows + 1;
    const char **cells;
    size_t *rows;

    for (size_t k = 0; k < r->n_fields; k++)
        if (r->fields[k] && (k >= t->n_columns || !t->header[k][0]))
            report(r, k, "a cell under no column name ('%.*s%s'); the header names %zu column%s",
                   MM_ID_ARG(r->fields[k]), t->n_columns, t->n_columns == 1 ? "" : "s");
    cells = mm_grow(t->cells, &t->capacity_cells, need * t->n_columns, sizeof *cells);
    if (cells)
        t->cells = cells;
    rows = cells ? mm_grow(t->row_number, &t->capacity_rows, need, sizeof *rows) : NULL;
    if (!rows) {
        r->oom = 1;
        return;
    }
    t->row_number = rows;
    for (size_t k = 0; k < t->n_columns; k++)
        t->cells[t->n_rows * t->n_columns + k] = k < r->n_fields ? r->fields[k] : NULL;
    t->row_number[t->n_rows++] = r->row;
}

/* libcsv's end-of-row callback, also called for every line break outside a
 * row (CSV_REPALL_NL), so blank lines count as rows. */
static void on_row(int c, void *context)
{
    reader *r = context;

    if (c == '\n' && r->after_cr && r->n_fields == 0) {
        r->after_cr = 0; /* the LF of a CRLF */
        return;
    }
    if (!r->oom && !all_empty(r->fields, r->n_fields)) {
        if (r->have_header)
            take_row(r);
        else
            take_header(r);
    }
    r->n_fields = 0;
    r->row++;
    r->after_cr = c == '\r';
}

/* With tabs between cells only a space is white space around a cell. */
static int is_space(unsigned char c)
{
    return c == CSV_SPACE;
}

/* libcsv allocates through ours, so failure injection reaches it too. */
static int parse(reader *r, const char *data, size_t len, unsigned char delimiter)
{
    struct csv_parser parser;
    size_t done;
    int rc = 0;

    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_EMPTY_IS_NULL) != 0)
        return MM_ENOMEM;
    csv_set_delim(&parser, delimiter);
    csv_set_realloc_func(&parser, mm_realloc);
    csv_set_free_func(&parser, mm_free);
    if (delimiter == '\t')
        csv_set_space_func(&parser, is_space);
    done = csv_parse(&parser, data, len, on_field, on_row, r);
    if (done < len && csv_error(&parser) == CSV_EPARSE)
        report(r, r->n_fields, "misplaced quote: a quoted cell is \"...\", and a quote inside "
                               "it is written \"\"");
    else if (done < len)
        rc = MM_ENOMEM;
    else if (csv_fini(&parser, on_field, on_row, r) != 0 || csv_error(&parser) == CSV_EPARSE)
        report(r, r->n_fields, "a quoted cell is not closed by the end of the file");
    csv_free(&parser);
    return rc;
}

/* Open and read the whole file, its problems placed at the file. */
static int load(mm_csv_data *t, char **data, size_t *len, mm_diags *diags)
{
    mm_diags *found = NULL;
    int rc = mm_diags_new(&found);

    if (rc == 0)
        rc = mm_file_read(t->file, data, len, found);
    for (size_t k = 0; k < mm_diags_count(found); k++)
        mm_diag_add(diags, MM_SEVERITY_ERROR, t->file, "%s", mm_diags_get(found, k)->message);
    mm_diags_free(found);
    return rc;
}

/* "dir/mentors.csv" -> "dir/mentors-utf8.csv": a name for the converted copy. */
static void utf8_name(const char *file, mm_strbuf *out)
{
    size_t len = strlen(file);

    if (len > 4 && strcmp(file + len - 4, ".csv") == 0)
        mm_strbuf_printf(out, "%.*s-utf8.csv", (int)(len - 4), file);
    else
        mm_strbuf_printf(out, "%s.utf8", file);
}

/* A file that is not UTF-8: one message, at its first bad byte, saying how
 * to save it as UTF-8, rather than one per cell. @return 1 when reported. */
static int not_utf8(const mm_csv_data *t, const char *data, size_t len, mm_diags *diags)
{
    mm_csv_bad_byte bad;
    mm_strbuf place, copy;
    const char *from;

    if (!mm_csv_find_bad_byte(data, len, &bad))
        return 0;
    mm_strbuf_init(&place);
    mm_strbuf_init(&copy);
    mm_strbuf_printf(&place, "%s:%zu:%zu", t->file, bad.line, bad.column);
    utf8_name(t->file, &copy);
    from = bad.utf16 ? "UTF-16" : "WINDOWS-1252";
    if (bad.utf16 || bad.windows_1252)
        mm_diag_add(diags, MM_SEVERITY_ERROR, mm_strbuf_text(&place),
                    "not UTF-8: byte 0x%02X is %s text; save the file as 'CSV UTF-8' in "
                    "Excel, or convert it: iconv -f %s -t UTF-8 %s > %s",
                    bad.byte, bad.utf16 ? "UTF-16" : "Latin-1 or Windows-1252", from,
                    t->file, mm_strbuf_text(&copy));
    else
        mm_diag_add(diags, MM_SEVERITY_ERROR, mm_strbuf_text(&place),
                    "not UTF-8: byte 0x%02X is not text in UTF-8 nor Windows-1252; save the "
                    "file as 'CSV UTF-8' in Excel, or as UTF-8 text in its editor", bad.byte);
    mm_strbuf_dispose(&place);
    mm_strbuf_dispose(&copy);
    return 1;
}

/* Take the delimiter from the header unless the caller forced one; a forced
 * one that the header lacks while it holds another is reported, since every
 * row would be one cell. @return 0, or 1 when reported. */
static int choose_delimiter(mm_csv_data *t, const char *data, size_t len, mm_diags *diags)
{
    mm_csv_sniffed found;
    mm_strbuf place;

    mm_csv_sniff_delimiter(data, len, &found);
    if (!t->delimiter) {
        t->delimiter = found.delimiter;
        return 0;
    }
    if (mm_csv_sniffed_count(&found, t->delimiter) > 0 || found.delimiter == t->delimiter ||
        mm_csv_sniffed_count(&found, found.delimiter) == 0)
        return 0;
    mm_strbuf_init(&place);
    mm_strbuf_printf(&place, "%s:%zu", t->file, found.header_line);
    mm_diag_add(diags, MM_SEVERITY_ERROR, mm_strbuf_text(&place),
                "this file looks %s-separated; use --delimiter %s",
                mm_csv_delimiter_name(found.delimiter),
                mm_csv_delimiter_option(found.delimiter));
    mm_strbuf_dispose(&place);
    return 1;
}

int mm_csv_data_read(mm_csv_data *t, mm_diags *diags)
{
    char *data = NULL;
    size_t len = 0;
    int rc = load(t, &data, &len, diags);

    if (rc == 0)
        rc = mm_csv_data_parse(t, data, len, t->delimiter, diags);
    mm_free(data);
    return rc;
}

int mm_csv_data_parse(mm_csv_data *t, const char *data, size_t len, char delimiter,
                      mm_diags *diags)
{
    static const char bom[] = "\xef\xbb\xbf";
    reader r = {t, diags, 1, 0, 0, NULL, 0, 0, 0, 0};
    size_t skip = len >= 3 && memcmp(data, bom, 3) == 0 ? 3 : 0;
    int rc;

    t->delimiter = delimiter;
    /* A file's encoding and delimiter are its own messages (a buffer's
     * caller chose its delimiter, and its cells name their rows). */
    if (t->file && (not_utf8(t, data + skip, len - skip, diags) ||
                    choose_delimiter(t, data + skip, len - skip, diags)))
        return MM_EINVALID;
    if (!t->delimiter) {
        mm_csv_sniffed found;
        mm_csv_sniff_delimiter(data + skip, len - skip, &found);
        t->delimiter = found.delimiter;
    }
    rc = parse(&r, data + skip, len - skip, (unsigned char)t->delimiter);
    if (rc == 0 && r.oom)
        rc = MM_ENOMEM;
    if (rc == 0 && !r.failed && !r.have_header) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, t->file ? t->file : "",
                    "no header row: the first row names the columns");
        r.failed = 1;
    }
    mm_free(r.fields);
    return rc != 0 ? rc : r.failed ? MM_EINVALID : 0;
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static int same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (ascii_lower(*a) != ascii_lower(*b))
            return 0;
    return *a == *b;
}

static size_t find_name(const char *const *names, const char *name)
{
    for (size_t k = 0; names[k]; k++)
        if (same_name(names[k], name))
            return k;
    return MM_NO_COLUMN;
}

/* A problem with the header row: "column 'NAME' ...", the name cut like an id. */
static void header_problem(const mm_csv_data *t, mm_severity severity, mm_diags *diags,
                           const char *before, const char *name, const char *after)
{
    mm_strbuf place;

    mm_strbuf_init(&place);
    mm_strbuf_printf(&place, "%s:%zu", t->file, t->header_row);
    mm_diag_add(diags, severity, mm_strbuf_text(&place), "%scolumn '%.*s%s'%s", before,
                MM_ID_ARG(name), after);
    mm_strbuf_dispose(&place);
}

/* "unknown column 'X'", with the nearest known name where one is close. */
static void unknown_column(const mm_csv_data *t, const char *const *names, const char *name,
                           int strict, mm_diags *diags)
{
    const char *near = mm_suggest_in_list(name, names, NULL);
    mm_strbuf after;

    mm_strbuf_init(&after);
    mm_strbuf_printf(&after, "%s", strict ? "" : " (ignored)");
    if (near)
        mm_strbuf_printf(&after, "; did you mean '%s'?", near);
    header_problem(t, strict ? MM_SEVERITY_ERROR : MM_SEVERITY_WARNING, diags, "unknown ", name,
                   mm_strbuf_text(&after));
    mm_strbuf_dispose(&after);
}

/* Does `name` start with `prefix` (ASCII case ignored)? */
static int has_prefix(const char *name, const char *prefix)
{
    for (; prefix && *prefix; name++, prefix++)
        if (ascii_lower(*name) != ascii_lower(*prefix))
            return 0; /* the end of name too */
    return prefix != NULL;
}

int mm_csv_data_columns(const mm_csv_data *t, const char *const *names,
                        const char *const *required, const char *prefix, int strict,
                        size_t *index, mm_diags *diags)
{
    size_t errors = mm_diags_error_count(diags);

    for (size_t k = 0; names[k]; k++)
        index[k] = MM_NO_COLUMN;
    for (size_t c = 0; c < t->n_columns; c++) {
        size_t k = find_name(names, t->header[c]);
        if (!t->header[c][0] || has_prefix(t->header[c], prefix))
            continue; /* a column without a name: its cells were checked empty */
        if (k == MM_NO_COLUMN)
            unknown_column(t, names, t->header[c], strict, diags);
        else if (index[k] != MM_NO_COLUMN)
            header_problem(t, MM_SEVERITY_ERROR, diags, "", names[k], " named twice");
        else
            index[k] = c;
    }
    for (size_t k = 0; required[k]; k++)
        if (index[find_name(names, required[k])] == MM_NO_COLUMN)
            header_problem(t, MM_SEVERITY_ERROR, diags, "missing ", required[k], " (required)");
    return mm_diags_error_count(diags) > errors ? MM_EINVALID : 0;
}

int mm_csv_prefixed_columns(const mm_csv_data *t, const char *prefix, size_t **out, size_t *n,
                            mm_diags *diags)
{
    size_t len = strlen(prefix), errors = mm_diags_error_count(diags);
    size_t *list = mm_calloc(t->n_columns + 1, sizeof *list);

    *out = list;
    *n = 0;
    if (!list)
        return MM_ENOMEM;
    for (size_t c = 0; c < t->n_columns; c++) {
        const char *name = t->header[c];
        int twice = 0;
        if (!has_prefix(name, prefix))
            continue;
        for (size_t k = 0; k < *n; k++)
            twice |= strcmp(t->header[list[k]] + len, name + len) == 0;
        if (!name[len])
            header_problem(t, MM_SEVERITY_ERROR, diags, "", name,
                           " names nothing: write the name after it, as in 'attr.university'");
        else if (twice)
            header_problem(t, MM_SEVERITY_ERROR, diags, "", name, " named twice");
        else
            list[(*n)++] = c;
    }
    return mm_diags_error_count(diags) > errors ? MM_EINVALID : 0;
}
