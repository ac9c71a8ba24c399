/* Input document -> CSV files, the inverse of import_csv.c. The document is
 * validated first, then walked as JSON (not as the problem), so that what
 * the problem does not keep, such as a skill's spelling, survives. */
#include <string.h>

#include "alloc.h"
#include "build.h"
#include "csv_format.h"
#include "jsonfile.h"
#include "mentormatch/import.h"
#include "mentormatch/problem.h"
#include "write_document.h"

static void append_number(mm_strbuf *sb, const json_t *value)
{
    char number[MM_NUMBER_SIZE];

    if (json_is_integer(value)) {
        mm_strbuf_printf(sb, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
    } else {
        mm_format_number(number, json_number_value(value));
        mm_strbuf_printf(sb, "%s", number);
    }
}

/* A value as cell text: lists as "a; b", skill maps as "C=4; linux=2". */
static void append_value(mm_strbuf *sb, const json_t *value)
{
    const char *key;
    const json_t *item;
    size_t k;

    if (json_is_string(value)) {
        mm_strbuf_printf(sb, "%s", json_string_value(value));
    } else if (json_is_number(value)) {
        append_number(sb, value);
    } else if (json_is_array(value)) {
        json_array_foreach(value, k, item) {
            mm_strbuf_sep(sb, "; ");
            if (json_is_string(item))
                mm_csv_item_append(sb, json_string_value(item));
            else
                append_number(sb, item);
        }
    } else if (json_is_object(value)) {
        json_object_foreach((json_t *)value, key, item) {
            mm_strbuf_sep(sb, "; ");
            mm_csv_item_append(sb, key);
            mm_strbuf_printf(sb, "=");
            append_number(sb, item);
        }
    }
}

/* An attribute value, or a quota's, as mm_csv_parse_attribute reads it
 * back: a string that would read as a boolean or a number, that starts with
 * a backslash or that is empty gets a backslash before it. */
static void append_attribute(mm_strbuf *sb, const json_t *value)
{
    const char *text = json_string_value(value);
    mm_attribute_value back;

    if (json_is_boolean(value))
        mm_strbuf_printf(sb, "%s", json_is_true(value) ? "true" : "false");
    else if (json_is_number(value))
        append_number(sb, value);
    else if (text && (!*text || mm_csv_parse_attribute(text, &back) <= 0 ||
                      back.type != MM_ATTRIBUTE_TEXT || back.text != text))
        mm_strbuf_printf(sb, "\\%s", text);
    else if (text)
        mm_strbuf_printf(sb, "%s", text);
}

/* One cell; with `attribute`, an attribute value (append_attribute). An
 * absent or null value, or an empty list or map, is an empty cell (all mean
 * none); empty text a quoted empty one (""). @return 0 or MM_ENOMEM */
static int write_value(FILE *out, const json_t *value, int attribute)
{
    mm_strbuf sb;
    int rc;

    if (!value || json_is_null(value) || (json_is_array(value) && !json_array_size(value)) ||
        (json_is_object(value) && !json_object_size(value)))
        return 0;
    mm_strbuf_init(&sb);
    if (attribute)
        append_attribute(&sb, value);
    else
        append_value(&sb, value);
    rc = sb.oom ? MM_ENOMEM : 0;
    if (rc == 0)
        mm_csv_cell_write(out, mm_strbuf_text(&sb));
    mm_strbuf_dispose(&sb);
    return rc;
}

static void write_header(FILE *out, const char *const *columns)
{
    for (size_t k = 0; columns[k]; k++)
        fprintf(out, "%s%s", k ? "," : "", columns[k]);
}

/* The cells of `obj`'s members named by the columns, without the line's
 * end; `first`, when not NULL, fills the first column instead (an
 * application's student); the column `attribute`, when not NULL, holds an
 * attribute value (a quota's). */
static int write_cells(FILE *out, const json_t *obj, const char *const *columns,
                       const json_t *first, const char *attribute)
{
    int rc = 0;

    for (size_t k = 0; rc == 0 && columns[k]; k++) {
        const json_t *value = k == 0 && first ? first : json_object_get(obj, columns[k]);
        if (k)
            fputc(',', out);
        rc = write_value(out, value, attribute && strcmp(columns[k], attribute) == 0);
    }
    return rc;
}

static int write_record(FILE *out, const json_t *obj, const char *const *columns,
                        const json_t *first, const char *attribute)
{
    int rc = write_cells(out, obj, columns, first, attribute);

    fputc('\n', out);
    return rc;
}

/* Students, with an attr.NAME column for every attribute any student
 * has, in the order they first appear. */
static int write_students(FILE *out, const json_t *root)
{
    const char *const *columns = mm_csv_columns(MM_CSV_STUDENTS);
    const json_t *students = json_object_get(root, "students"), *student, *value;
    json_t *names = json_object();
    const char *name;
    size_t k;
    int rc = names ? 0 : MM_ENOMEM;

    json_array_foreach(students, k, student)
        json_object_foreach(json_object_get(student, "attributes"), name, value)
            if (rc == 0 && !json_object_get(names, name))
                rc = json_object_set_new(names, name, json_null()) ? MM_ENOMEM : 0;
    write_header(out, columns);
    json_object_foreach(names, name, value) {
        mm_strbuf column;
        mm_strbuf_init(&column);
        mm_strbuf_printf(&column, MM_CSV_ATTR_PREFIX "%s", name);
        rc = rc ? rc : column.oom ? MM_ENOMEM : 0;
        fputc(',', out);
        mm_csv_cell_write(out, mm_strbuf_text(&column));
        mm_strbuf_dispose(&column);
    }
    fputc('\n', out);
    json_array_foreach(students, k, student) {
        const json_t *attrs = json_object_get(student, "attributes");
        if (rc == 0)
            rc = write_cells(out, student, columns, NULL, NULL);
        json_object_foreach(names, name, value) {
            fputc(',', out);
            if (rc == 0)
                rc = write_value(out, json_object_get(attrs, name), 1);
        }
        fputc('\n', out);
    }
    json_decref(names);
    return rc;
}

/* key,value rows for every program and settings member that is set. */
static int write_program(FILE *out, const json_t *root)
{
    char key[MM_CSV_KEY_SIZE];
    int rc = 0;

    write_header(out, mm_csv_columns(MM_CSV_PROGRAM));
    fputc('\n', out);
    for (int k = 0; rc == 0 && k < N_FIELDS; k++) {
        const mm_build_field *f = &MM_BUILD_FIELDS[k];
        const json_t *value = json_object_get(root, f->section);
        if (f->group)
            value = json_object_get(value, f->group);
        value = json_object_get(value, f->key);
        if (!value || json_is_null(value))
            continue;
        fprintf(out, "%s,", mm_csv_program_key(k, key));
        rc = write_value(out, value, 0);
        fputc('\n', out);
    }
    return rc;
}

/* Applications come out of the students, one row each, in order. */
static int write_applications(FILE *out, const json_t *root)
{
    const json_t *student, *app;
    size_t s, j;
    int rc = 0;

    write_header(out, mm_csv_columns(MM_CSV_APPLICATIONS));
    fputc('\n', out);
    json_array_foreach(json_object_get(root, "students"), s, student)
        json_array_foreach(json_object_get(student, "applications"), j, app)
            if (rc == 0)
                rc = write_record(out, app, mm_csv_columns(MM_CSV_APPLICATIONS),
                                  json_object_get(student, "id"), NULL);
    return rc;
}

static int write_table(FILE *out, mm_csv_table table, const json_t *root)
{
    const char *const *columns = mm_csv_columns(table);
    const json_t *record;
    size_t k;
    int rc = 0;

    if (table == MM_CSV_PROGRAM)
        return write_program(out, root);
    if (table == MM_CSV_APPLICATIONS)
        return write_applications(out, root);
    if (table == MM_CSV_STUDENTS)
        return write_students(out, root);
    write_header(out, columns);
    fputc('\n', out);
    json_array_foreach(json_object_get(root, mm_csv_table_name(table)), k, record)
        if (rc == 0)
            rc = write_record(out, record, columns, NULL,
                              table == MM_CSV_QUOTAS ? "value" : NULL);
    return rc;
}

/* Is it valid? The problem itself is not needed. */
static int validate(const char *data, size_t len, int strict, mm_diags *diags)
{
    mm_read_options opts = MM_READ_OPTIONS_INIT;
    mm_problem *problem = NULL;
    int rc;

    opts.strict = strict;
    rc = mm_problem_read_buffer(&problem, data, len, &opts, diags);
    mm_problem_free(problem);
    return rc;
}

int mm_export_csv(const char *data, size_t len, int strict, FILE *const out[MM_CSV_TABLE_COUNT],
                  mm_diags *diags)
{
    json_t *root = NULL;
    int rc;

    if (!data || !out || !diags)
        return MM_EINVALID;
    rc = validate(data, len, strict, diags);
    if (rc == 0)
        rc = mm_json_parse(&root, data, len, diags);
    for (int t = 0; rc == 0 && t < MM_CSV_TABLE_COUNT; t++) {
        if (!out[t])
            continue;
        rc = write_table(out[t], (mm_csv_table)t, root);
        if (rc == 0 && (ferror(out[t]) || fflush(out[t]) != 0))
            rc = MM_EIO;
    }
    json_decref(root);
    return rc;
}

int mm_export_csv_file(const char *path, int strict, FILE *const out[MM_CSV_TABLE_COUNT],
                       mm_diags *diags)
{
    char *data = NULL;
    size_t len = 0;
    int rc = path && diags ? mm_file_read(path, &data, &len, diags) : MM_EINVALID;

    if (rc == 0)
        rc = mm_export_csv(data, len, strict, out, diags);
    mm_free(data);
    return rc;
}
