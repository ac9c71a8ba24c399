/* Reading a result document back, each problem reported with its place,
 * so that diff can say why a file is not one. */
#include "read_result.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv_format.h"
#include "diag.h"
#include "jpath.h"
#include "jsonfile.h"

typedef struct {
    mm_result_doc *doc;
    mm_diags *diags;
    mm_jpath path;
    size_t errors;
} reader;

static void bad(reader *r, const char *fmt, ...) MM_PRINTF(2, 3);

static void bad(reader *r, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mm_diag_vadd(r->diags, MM_SEVERITY_ERROR, mm_jpath_text(&r->path), fmt, ap);
    va_end(ap);
    r->errors++;
}

/* Member `key` of `obj`, with the path pointing at it until the caller pops
 * back to *mark; a missing member is reported. */
static json_t *enter(reader *r, json_t *obj, const char *key, size_t *mark)
{
    json_t *value = json_object_get(obj, key);

    *mark = mm_jpath_key(&r->path, key);
    if (!value)
        bad(r, "missing: a result document has it");
    return value;
}

static json_t *read_object(reader *r, json_t *obj, const char *key)
{
    size_t mark;
    json_t *value = enter(r, obj, key, &mark);

    if (value && !json_is_object(value)) {
        bad(r, "must be an object, not %s", mm_json_type_name(value));
        value = NULL;
    }
    mm_jpath_pop(&r->path, mark);
    return value;
}

static void read_number(reader *r, json_t *obj, const char *key, double *out)
{
    size_t mark;
    json_t *value = enter(r, obj, key, &mark);

    if (value && !json_is_number(value))
        bad(r, "must be a number, not %s", mm_json_type_name(value));
    else if (value)
        *out = json_number_value(value);
    mm_jpath_pop(&r->path, mark);
}

/* Exact in a double, and far above any real count. */
#define COUNT_MAX (1LL << 52)

/* An integral number from lo to hi. */
static int check_int(reader *r, json_t *value, long long lo, long long hi, size_t *out)
{
    long long n;

    if (!mm_json_integer(value, &n) || n < lo || n > hi) {
        if (hi == COUNT_MAX)
            bad(r, "must be an integer >= %lld", lo);
        else
            bad(r, "must be an integer from %lld to %lld", lo, hi);
        return 0;
    }
    *out = (size_t)n;
    return 1;
}

static void read_count(reader *r, json_t *obj, const char *key, size_t *out)
{
    size_t mark;
    json_t *value = enter(r, obj, key, &mark);

    if (value)
        check_int(r, value, 0, COUNT_MAX, out);
    mm_jpath_pop(&r->path, mark);
}

static const char *read_text(reader *r, json_t *obj, const char *key)
{
    size_t mark;
    json_t *value = enter(r, obj, key, &mark);
    const char *out = NULL;

    if (value && !json_is_string(value))
        bad(r, "must be a string, not %s", mm_json_type_name(value));
    else if (value)
        out = json_string_value(value);
    mm_jpath_pop(&r->path, mark);
    return out ? out : "";
}

/* "components" may be left out, and so may each of its members. */
static void read_components(reader *r, json_t *el, mm_assignment *a)
{
    static const char *const names[] = {"rating", "preference", "skill", "impact"};
    double *fields[] = {&a->rating, &a->preference, &a->skill, &a->impact};
    json_t *c = json_object_get(el, "components");
    size_t mark;

    if (!c)
        return;
    mark = mm_jpath_key(&r->path, "components");
    if (!json_is_object(c))
        bad(r, "must be an object, not %s", mm_json_type_name(c));
    for (int k = 0; k < 4 && json_is_object(c); k++)
        if (json_object_get(c, names[k]))
            read_number(r, c, names[k], fields[k]);
    mm_jpath_pop(&r->path, mark);
}

static void read_assignment(reader *r, json_t *el, mm_assignment *a)
{
    size_t rank = 0, mark;
    json_t *value;

    a->student = a->idea = a->mentor = ""; /* never NULL, even when broken */
    if (!json_is_object(el)) {
        bad(r, "must be an object, not %s", mm_json_type_name(el));
        return;
    }
    a->student = read_text(r, el, "student");
    a->idea = read_text(r, el, "idea");
    a->mentor = read_text(r, el, "mentor");
    value = enter(r, el, "rank", &mark);
    if (value)
        check_int(r, value, 1, 1000000, &rank);
    mm_jpath_pop(&r->path, mark);
    a->rank = (int)rank;
    read_number(r, el, "score", &a->score);
    read_components(r, el, a);
}

typedef struct {
    const char *student;
    size_t index;
} by_student;

static int compare_students(const void *x, const void *y)
{
    const by_student *a = x, *b = y;
    int c = strcmp(a->student, b->student);

    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* A result lists each student once; a second listing is reported where it
 * stands. @return 0 or MM_ENOMEM. */
static int check_students_once(reader *r)
{
    const mm_result_doc *doc = r->doc;
    by_student *order = mm_malloc(doc->n_assignments * sizeof *order);

    if (!order)
        return MM_ENOMEM;
    for (size_t k = 0; k < doc->n_assignments; k++)
        order[k] = (by_student){doc->assignments[k].student, k};
    qsort(order, doc->n_assignments, sizeof *order, compare_students);
    for (size_t k = 1; k < doc->n_assignments; k++) {
        size_t mark;
        if (strcmp(order[k].student, order[k - 1].student) != 0 || !order[k].student[0])
            continue;
        mark = mm_jpath_index(&r->path, order[k].index);
        mm_jpath_key(&r->path, "student");
        bad(r, "student " MM_ID_FMT " is listed twice (assignments[%zu])",
            MM_ID_ARG(order[k].student), order[k - 1].index);
        mm_jpath_pop(&r->path, mark);
    }
    mm_free(order);
    return 0;
}

static int read_assignments(reader *r, json_t *root)
{
    mm_result_doc *doc = r->doc;
    size_t mark;
    json_t *array = enter(r, root, "assignments", &mark);
    int rc = 0;

    if (array && !json_is_array(array))
        bad(r, "must be an array, not %s", mm_json_type_name(array));
    if (json_is_array(array)) {
        doc->n_assignments = json_array_size(array);
        doc->assignments = mm_calloc(doc->n_assignments, sizeof *doc->assignments);
        if (!doc->assignments)
            return MM_ENOMEM;
        for (size_t k = 0; k < doc->n_assignments; k++) {
            size_t at = mm_jpath_index(&r->path, k);
            read_assignment(r, json_array_get(array, k), &doc->assignments[k]);
            mm_jpath_pop(&r->path, at);
        }
        rc = check_students_once(r);
    }
    mm_jpath_pop(&r->path, mark);
    return rc;
}

static int read_by_rank(reader *r, json_t *metrics)
{
    mm_result_doc *doc = r->doc;
    size_t mark;
    json_t *array = enter(r, metrics, "by_rank", &mark);

    if (array && !json_is_array(array))
        bad(r, "must be an array, not %s", mm_json_type_name(array));
    if (json_is_array(array)) {
        doc->n_by_rank = json_array_size(array);
        doc->by_rank = mm_calloc(doc->n_by_rank, sizeof *doc->by_rank);
        if (!doc->by_rank)
            return MM_ENOMEM;
        for (size_t k = 0; k < doc->n_by_rank; k++) {
            size_t at = mm_jpath_index(&r->path, k);
            check_int(r, json_array_get(array, k), 0, COUNT_MAX, &doc->by_rank[k]);
            mm_jpath_pop(&r->path, at);
        }
    }
    mm_jpath_pop(&r->path, mark);
    return 0;
}

/* A number, or null when nobody is assigned. */
static void read_mean_rank(reader *r, json_t *metrics)
{
    size_t mark;
    json_t *value = enter(r, metrics, "mean_rank", &mark);

    if (json_is_number(value)) {
        r->doc->mean_rank = json_number_value(value);
        r->doc->has_mean_rank = 1;
    } else if (value && !json_is_null(value)) {
        bad(r, "must be a number or null, not %s", mm_json_type_name(value));
    }
    mm_jpath_pop(&r->path, mark);
}

static int read_metrics(reader *r, json_t *root)
{
    mm_result_doc *doc = r->doc;
    json_t *metrics = read_object(r, root, "metrics");
    size_t mark;
    int rc;

    if (!metrics)
        return 0;
    mark = mm_jpath_key(&r->path, "metrics");
    read_count(r, metrics, "assigned", &doc->metric_assigned);
    read_count(r, metrics, "unassigned", &doc->metric_unassigned);
    rc = read_by_rank(r, metrics);
    read_mean_rank(r, metrics);
    mm_jpath_pop(&r->path, mark);
    return rc;
}

static int read_document(reader *r)
{
    json_t *root = r->doc->root, *objective;
    size_t mark;
    int rc;

    if (!json_is_object(root)) {
        bad(r, "must be a result document (an object), not %s", mm_json_type_name(root));
        return 0;
    }
    if ((objective = read_object(r, root, "objective")) != NULL) {
        mark = mm_jpath_key(&r->path, "objective");
        read_count(r, objective, "assigned", &r->doc->assigned);
        read_number(r, objective, "score", &r->doc->score);
        mm_jpath_pop(&r->path, mark);
    }
    rc = read_assignments(r, root);
    return rc ? rc : read_metrics(r, root);
}

/* ---- a sheet ------------------------------------------------------------ */

void mm_result_doc_report(const mm_result_doc *doc, mm_diags *diags, size_t k, const char *key,
                          const char *fmt, ...)
{
    char place[64];
    va_list ap;

    va_start(ap, fmt);
    if (doc->is_sheet) {
        mm_sheet_vreport(&doc->sheet, diags, doc->sheet_row[k], key, fmt, ap);
    } else {
        snprintf(place, sizeof place, key ? "assignments[%zu].%s" : "assignments[%zu]", k, key);
        mm_diag_vadd(diags, MM_SEVERITY_ERROR, place, fmt, ap);
    }
    va_end(ap);
}

/* A number cell, 0 when empty. @return 0, or 1 when it is not a number. */
static int sheet_number(const mm_sheet *sheet, size_t k, int column, double *out,
                        mm_diags *diags)
{
    const char *cell = mm_sheet_cell(sheet, k, column);

    *out = 0;
    if (!cell || mm_csv_parse_number(cell, out) == 1)
        return 0;
    mm_sheet_report(sheet, diags, k, mm_sheet_column_name(column),
                    "'%.*s%s' is not a number: write one with a decimal point (2.5), "
                    "or leave the cell empty", MM_ID_ARG(cell));
    return 1;
}

static int sheet_rank(const mm_sheet *sheet, size_t k, int *out, mm_diags *diags)
{
    const char *cell = mm_sheet_cell(sheet, k, MM_SHEET_RANK);
    long long rank = 0;

    *out = 0;
    if (!cell || (mm_csv_parse_whole(cell, &rank) == 1 && rank >= 1 && rank <= 1000000)) {
        *out = (int)rank;
        return 0;
    }
    mm_sheet_report(sheet, diags, k, "rank",
                    "'%.*s%s' is not a rank: a whole number from 1 (the student's choice), "
                    "or leave the cell empty", MM_ID_ARG(cell));
    return 1;
}

static size_t sheet_assignment(mm_result_doc *doc, size_t k, mm_diags *diags)
{
    const mm_sheet_row *row = &doc->sheet.rows[k];
    mm_assignment *a = &doc->assignments[doc->n_assignments];
    double *numbers[] = {&a->score, &a->rating, &a->preference, &a->skill, &a->impact};
    size_t errors = 0;

    a->student = row->student;
    a->idea = row->idea;
    a->mentor = row->mentor ? row->mentor : "";
    errors += (size_t)sheet_rank(&doc->sheet, k, &a->rank, diags);
    for (int c = 0; c < 5; c++)
        errors += (size_t)sheet_number(&doc->sheet, k, MM_SHEET_SCORE + c, numbers[c], diags);
    doc->sheet_row[doc->n_assignments++] = k;
    return errors;
}

/* A student on two rows, assigned or not: reported at the second. */
static size_t sheet_twice(const mm_result_doc *doc, mm_diags *diags)
{
    const mm_sheet *sheet = &doc->sheet;
    by_student *order = mm_malloc((sheet->n_rows + 1) * sizeof *order);
    size_t errors = 0;

    if (!order)
        return (size_t)-1;
    for (size_t k = 0; k < sheet->n_rows; k++)
        order[k] = (by_student){sheet->rows[k].student, k};
    qsort(order, sheet->n_rows, sizeof *order, compare_students);
    for (size_t k = 1; k < sheet->n_rows; k++)
        if (strcmp(order[k].student, order[k - 1].student) == 0 && ++errors)
            mm_sheet_report(sheet, diags, order[k].index, "student",
                            "student " MM_ID_FMT " is listed twice (rows %zu and %zu): keep "
                            "one row per student", MM_ID_ARG(order[k].student),
                            sheet->rows[order[k - 1].index].row, sheet->rows[order[k].index].row);
    mm_free(order);
    return errors;
}

/* Objective and metrics, counted from the rows as solve counts them. */
static int sheet_metrics(mm_result_doc *doc)
{
    size_t ranked = 0;

    for (size_t k = 0; k < doc->n_assignments; k++) {
        int rank = doc->assignments[k].rank;
        doc->score += doc->assignments[k].score;
        if ((size_t)rank > doc->n_by_rank)
            doc->n_by_rank = (size_t)rank;
    }
    doc->by_rank = mm_calloc(doc->n_by_rank + 1, sizeof *doc->by_rank);
    if (!doc->by_rank)
        return MM_ENOMEM;
    for (size_t k = 0; k < doc->n_assignments; k++)
        if (doc->assignments[k].rank > 0) {
            doc->by_rank[doc->assignments[k].rank - 1]++;
            doc->mean_rank += doc->assignments[k].rank;
            ranked++;
        }
    doc->has_mean_rank = ranked > 0;
    if (ranked)
        doc->mean_rank /= (double)ranked;
    doc->assigned = doc->metric_assigned = doc->n_assignments;
    doc->metric_unassigned = doc->sheet.n_rows - doc->n_assignments;
    return 0;
}

static int read_sheet(mm_result_doc *doc, const char *data, size_t len, mm_diags *diags)
{
    size_t n, errors;
    int rc = mm_sheet_read(&doc->sheet, data, len, diags);

    doc->is_sheet = 1;
    if (rc != 0)
        return rc;
    n = doc->sheet.n_rows;
    doc->assignments = mm_calloc(n + 1, sizeof *doc->assignments);
    doc->sheet_row = mm_calloc(n + 1, sizeof *doc->sheet_row);
    if (!doc->assignments || !doc->sheet_row || (errors = sheet_twice(doc, diags)) == (size_t)-1)
        return MM_ENOMEM;
    for (size_t k = 0; k < n; k++)
        if (doc->sheet.rows[k].idea)
            errors += sheet_assignment(doc, k, diags);
    rc = sheet_metrics(doc);
    return rc ? rc : errors ? MM_EINVALID : 0;
}

/* ---- either ------------------------------------------------------------- */

int mm_result_doc_read_buffer(mm_result_doc **out, const char *data, size_t len,
                              mm_diags *diags)
{
    reader r = {NULL, diags, {0}, 0};
    int rc;

    *out = NULL;
    if (!(r.doc = mm_calloc(1, sizeof *r.doc)))
        return MM_ENOMEM;
    if (mm_sheet_sniff(data, len)) {
        rc = read_sheet(r.doc, data, len, diags);
        if (rc != 0)
            mm_result_doc_free(r.doc);
        else
            *out = r.doc;
        return rc;
    }
    mm_jpath_init(&r.path);
    rc = mm_json_parse(&r.doc->root, data, len, diags);
    if (rc == 0)
        rc = read_document(&r);
    if (rc == 0 && r.path.oom)
        rc = MM_ENOMEM;
    if (rc == 0 && r.errors)
        rc = MM_EINVALID;
    mm_jpath_dispose(&r.path);
    if (rc != 0)
        mm_result_doc_free(r.doc);
    else
        *out = r.doc;
    return rc;
}

int mm_result_doc_read_file(mm_result_doc **out, const char *path, mm_diags *diags)
{
    char *data = NULL;
    size_t len = 0;
    int rc = mm_file_read(path, &data, &len, diags);

    *out = NULL;
    if (rc == 0)
        rc = mm_result_doc_read_buffer(out, data, len, diags);
    mm_free(data);
    return rc;
}

void mm_result_doc_free(mm_result_doc *doc)
{
    if (!doc)
        return;
    json_decref(doc->root);
    mm_free(doc->assignments);
    mm_free(doc->by_rank);
    mm_free(doc->sheet_row);
    if (doc->is_sheet)
        mm_sheet_dispose(&doc->sheet);
    mm_free(doc);
}

void mm_result_doc_objective(const mm_result_doc *doc, size_t *assigned, double *score)
{
    if (assigned)
        *assigned = doc->assigned;
    if (score)
        *score = doc->score;
}
