/* CSV files -> builder. Each data row becomes one builder call, so the
 * builder's places ("mentors[3].capacity") map back to a file, a row and a
 * column ("mentors.csv:5: column 'capacity'"). Cells are converted here,
 * and their problems reported at once; everything else (ranges, ids,
 * references, the rules between records) is the builder's, which is to say
 * the JSON reader's and validation's. */
#include "mentormatch/import.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "alloc.h"
#include "build.h"
#include "csv_format.h"
#include "csv_read.h"
#include "diag.h"
#include "hashmap.h"
#include "suggest.h"
#include "import_csv.h"

/* One data row being imported. */
typedef struct {
    mm_importer *im;
    mm_csv_table table;
    size_t row; /* index into the table's data rows */
} row_ref;

/* ---- cells ------------------------------------------------------------ */

/* Cell text in messages: 'text', cut like ids (diag.h) so a huge cell stays readable. */
#define CUT_FMT "'%.*s%s'"

static size_t schema_index(mm_csv_table table, const char *name)
{
    const char *const *columns = mm_csv_columns(table);

    for (size_t k = 0; columns[k]; k++)
        if (strcmp(columns[k], name) == 0)
            return k;
    return MM_NO_COLUMN; /* not reached: names come from the schema */
}

/* A free-text cell (a name, a title): a quoted empty cell is the empty text. */
static const char *text_cell(const row_ref *r, const char *name)
{
    const mm_csv_data *t = &r->im->data[r->table];

    return mm_csv_cell(t, r->row, r->im->column[r->table][schema_index(r->table, name)]);
}

/* A cell's text; NULL when empty, even quoted (""): the field is left out. */
static const char *cell(const row_ref *r, const char *name)
{
    const char *text = text_cell(r, name);

    return text && *text ? text : NULL;
}

/* "FILE:ROW: column 'NAME'" of a cell of the row. */
static void cell_place(const row_ref *r, const char *name, mm_strbuf *place)
{
    const mm_csv_data *t = &r->im->data[r->table];

    mm_strbuf_init(place);
    mm_strbuf_printf(place, "%s:%zu: column '%s'", t->file, t->row_number[r->row], name);
}

/* Report a problem with a cell (with `skill`: with that item of a skill
 * map), and remember the cell so the builder's consequences of it are not
 * reported again. */
static void cell_vreport(const row_ref *r, const char *name, const char *skill, const char *fmt,
                         va_list ap)
{
    mm_strbuf place;
    const char *kept;

    cell_place(r, name, &place);
    kept = mm_arena_strndup(&r->im->scratch, mm_strbuf_text(&place), place.len);
    if (place.oom || !kept || mm_strmap_put(&r->im->bad_places, kept, place.len, 0, NULL) < 0)
        r->im->oom = 1;
    if (skill)
        mm_strbuf_printf(&place, ", skill '%s'", skill);
    mm_diag_vadd(r->im->diags, MM_SEVERITY_ERROR, mm_strbuf_text(&place), fmt, ap);
    mm_strbuf_dispose(&place);
}

static void cell_error(const row_ref *r, const char *name, const char *fmt, ...) MM_PRINTF(3, 4);

static void cell_error(const row_ref *r, const char *name, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    cell_vreport(r, name, NULL, fmt, ap);
    va_end(ap);
}

static void skill_error(const row_ref *r, const char *name, const char *skill, const char *fmt,
                        ...) MM_PRINTF(4, 5);

static void skill_error(const row_ref *r, const char *name, const char *skill, const char *fmt,
                        ...)
{
    va_list ap;

    va_start(ap, fmt);
    cell_vreport(r, name, skill, fmt, ap);
    va_end(ap);
}

/* "3,5" (a decimal comma, as spreadsheets in much of Europe write it):
 * @return its length, the comma at text[*comma]; 0 for any other text. */
static size_t decimal_comma(const char *text, size_t *comma)
{
    size_t sign = *text == '+' || *text == '-', digits = strspn(text + sign, "0123456789");
    size_t after = digits ? strspn(text + sign + digits + 1, "0123456789") : 0;

    *comma = sign + digits;
    return digits && text[*comma] == ',' && after && !text[*comma + 1 + after]
               ? *comma + 1 + after
               : 0;
}

/* A cell that is not a number: with a hint where it has a decimal comma. */
static void not_number(const row_ref *r, const char *name, const char *skill, const char *text,
                       const char *what)
{
    size_t comma, len = decimal_comma(text, &comma);
    int whole = strcmp(what, "whole number") == 0;

    if (!len)
        skill_error(r, name, skill, "expected a %s, got " CUT_FMT, what, MM_ID_ARG(text));
    else if (whole)
        skill_error(r, name, skill, "expected a whole number, got '%s' (a decimal comma; "
                    "this column takes whole numbers only)", text);
    else
        skill_error(r, name, skill, "expected a number, got '%s'; use a decimal point: %.*s.%s",
                    text, (int)comma, text, text + comma + 1);
}

/* Report a cell that did not read as `what` (mm_csv_parse_* gave `ok`).
 * @return 1 when it did. */
static int parsed(const row_ref *r, const char *name, const char *text, int ok, const char *what)
{
    if (ok == 0)
        not_number(r, name, NULL, text, what);
    else if (ok < 0)
        cell_error(r, name, "%s out of range: " CUT_FMT, what, MM_ID_ARG(text));
    return ok > 0;
}

/* A whole-number cell; MM_UNSET when empty or wrong (reported). */
static long long whole(const row_ref *r, const char *name)
{
    const char *text = cell(r, name);
    long long value = MM_UNSET;

    return text && parsed(r, name, text, mm_csv_parse_whole(text, &value), "whole number")
               ? value
               : MM_UNSET;
}

/* A number cell; NAN when empty or wrong (reported). */
static double number(const row_ref *r, const char *name, const char *text)
{
    double value = NAN;

    return text && parsed(r, name, text, mm_csv_parse_number(text, &value), "number") ? value
                                                                                      : NAN;
}

/* A list cell's items; NULL for an empty cell or a problem (reported). */
static mm_csv_item *items(const row_ref *r, const char *name, int want_value, size_t *n)
{
    const char *text = cell(r, name);
    mm_csv_item *list = NULL;
    int rc;

    *n = 0;
    if (!text)
        return NULL;
    rc = mm_csv_split(text, want_value, &r->im->scratch, &list, n);
    if (rc == MM_EINVALID)
        cell_error(r, name, "a backslash at the end: write \\\\ for a backslash");
    r->im->oom |= rc == MM_ENOMEM;
    return list; /* NULL for a cell of only separators too: no list */
}

/* A list of ids ("ann; bob"). @return the ids (mm_free), NULL when none. */
static const char **id_list(const row_ref *r, const char *name, size_t *n)
{
    mm_csv_item *list = items(r, name, 0, n);
    const char **ids = list ? mm_calloc(*n + 1, sizeof *ids) : NULL;

    r->im->oom |= list && !ids;
    for (size_t k = 0; ids && k < *n; k++)
        ids[k] = list[k].text;
    mm_free(list);
    return ids;
}

/* Skill levels ("C=4; linux=2.5"). @return them (mm_free), NULL when none. */
static mm_skill *skill_list(const row_ref *r, const char *name, size_t *n)
{
    mm_csv_item *list = items(r, name, 1, n);
    mm_skill *skills = list ? mm_calloc(*n + 1, sizeof *skills) : NULL;

    r->im->oom |= list && !skills;
    for (size_t k = 0; skills && k < *n; k++) {
        skills[k].name = list[k].text;
        skills[k].level = NAN;
        if (!list[k].value || !*list[k].value)
            skill_error(r, name, list[k].text, "expected SKILL=LEVEL, as in 'C=4'");
        else if (mm_csv_parse_number(list[k].value, &skills[k].level) <= 0)
            not_number(r, name, list[k].text, list[k].value, "number");
    }
    mm_free(list);
    return skills;
}

/* ---- the program table ------------------------------------------------ */

/* @return the field whose key is `key`, or -1. */
static int program_key(const char *key)
{
    char buf[MM_CSV_KEY_SIZE];

    for (int k = 0; k < N_FIELDS; k++)
        if (strcmp(mm_csv_program_key(k, buf), key) == 0)
            return k;
    return -1;
}

/* "; did you mean 'K'?" for the program key nearest `key`, or "". */
static const char *near_program_key(const char *key, mm_strbuf *out)
{
    char names[N_FIELDS][MM_CSV_KEY_SIZE];
    const char *list[N_FIELDS + 1];
    const char *near;

    for (int k = 0; k < N_FIELDS; k++)
        list[k] = mm_csv_program_key(k, names[k]);
    list[N_FIELDS] = NULL;
    near = mm_suggest_in_list(key, list, NULL);
    mm_strbuf_init(out);
    if (near)
        mm_strbuf_printf(out, "; did you mean '%s'?", near);
    return mm_strbuf_text(out);
}

static void set_rating_scale(const row_ref *r, const char *text)
{
    size_t n;
    mm_csv_item *list = items(r, "value", 0, &n);
    double lo, hi;

    if (list && n == 2 && mm_csv_parse_number(list[0].text, &lo) > 0 &&
        mm_csv_parse_number(list[1].text, &hi) > 0)
        r->im->oom |= mm_builder_set_rating_scale(r->im->b, lo, hi) != 0;
    else if (list)
        cell_error(r, "value", "expected two numbers LO; HI, got " CUT_FMT, MM_ID_ARG(text));
    mm_free(list);
}

/* One program or settings member; `key` indexes MM_BUILD_FIELDS. */
static void set_program_value(const row_ref *r, int key, const char *text)
{
    mm_importer *im = r->im;
    double value;
    int rc = 0;

    if (key == F_NAME) {
        im->program_name = text; /* set with the slots, once every row is read */
    } else if (key == F_SLOTS) {
        im->program_slots = whole(r, "value");
    } else if (key == F_OBJECTIVE) {
        rc = mm_builder_set_objective(im->b, text);
    } else if (key == F_SCALE) {
        set_rating_scale(r, text);
    } else if (!(key >= F_SETTINGS && strcmp(text, "null") == 0)) {
        /* "null" leaves a setting unset, as in the document */
        value = number(r, "value", text);
        if (!isnan(value) && key < F_OBJECTIVE)
            rc = mm_builder_set_weight(im->b, (mm_weight)(key - F_WEIGHTS), value);
        else if (!isnan(value))
            rc = mm_builder_set_setting(im->b, (mm_setting)(key - F_SETTINGS), value);
    }
    im->oom |= rc != 0;
}

static void import_program_row(const row_ref *r)
{
    mm_importer *im = r->im;
    const mm_csv_data *t = &im->data[r->table];
    const char *key = cell(r, "key"), *value = text_cell(r, "value");
    int k = key ? program_key(key) : -1;
    mm_strbuf place, near;

    if (!key) {
        cell_error(r, "key", "missing (required)");
    } else if (k < 0) {
        /* A close misspelling of a setting is an error, as in a JSON
         * document (input-format.md, "Did you mean"): a dropped weight
         * changes the allocation. */
        const char *hint = near_program_key(key, &near);
        int error = im->files->strict || (hint[0] && strncmp(key, "settings.", 9) == 0);
        cell_place(r, "key", &place);
        mm_diag_add(im->diags, error ? MM_SEVERITY_ERROR : MM_SEVERITY_WARNING,
                    mm_strbuf_text(&place), "unknown key " CUT_FMT "%s%s", MM_ID_ARG(key),
                    error ? "" : " (ignored)", hint);
        mm_strbuf_dispose(&near);
        mm_strbuf_dispose(&place);
    } else if (im->program_row[k]) {
        cell_error(r, "key", CUT_FMT " given twice (first at %s:%zu)", MM_ID_ARG(key), t->file,
                   im->program_row[k]);
    } else {
        im->program_row[k] = t->row_number[r->row];
        if (value && (*value || k == F_NAME)) /* "" is text only in the name */
            set_program_value(r, k, value);
    }
}

/* ---- record tables: one builder call a row ---------------------------- */

static int import_org(const row_ref *r)
{
    return mm_builder_add_org(r->im->b, cell(r, "id"), text_cell(r, "name"), whole(r, "slots"));
}

static int import_mentor(const row_ref *r)
{
    return mm_builder_add_mentor(r->im->b, cell(r, "id"), text_cell(r, "name"),
                                 whole(r, "capacity"), whole(r, "min_load"));
}

static int import_idea(const row_ref *r)
{
    mm_idea_spec idea = MM_IDEA_SPEC_INIT;
    const char **mentors = id_list(r, "mentors", &idea.n_mentors);
    mm_skill *needs = skill_list(r, "requires", &idea.n_required_skills);
    int rc;

    idea.id = cell(r, "id");
    idea.title = text_cell(r, "title");
    idea.org = cell(r, "org");
    idea.mentors = mentors;
    idea.slots = whole(r, "slots");
    idea.required_skills = needs;
    idea.size = whole(r, "size");
    idea.knowledge = whole(r, "knowledge");
    idea.impact = whole(r, "impact");
    rc = mm_builder_add_idea(r->im->b, &idea);
    mm_free(mentors);
    mm_free(needs);
    return rc;
}

/* An attribute cell or a quota's value (csv_format.h: mm_csv_parse_attribute);
 * `column` names it. @return 1, or 0 for a number out of range (reported). */
static int attribute_value(const row_ref *r, const char *column, const char *text,
                           mm_attribute_value *out)
{
    if (mm_csv_parse_attribute(text, out) > 0)
        return 1;
    cell_error(r, column, "number out of range: " CUT_FMT "; write \\%.*s%s for the text",
               MM_ID_ARG(text), MM_ID_ARG(text));
    return 0;
}

/* The row's attr.NAME cells; an empty one leaves the attribute out. They
 * are read always, but set on the student this row made only: a row
 * repeating an earlier id (an error reported at its id) would change the
 * earlier student. */
static int import_attributes(const row_ref *r, const char *id)
{
    mm_importer *im = r->im;
    const mm_csv_data *t = &im->data[r->table];
    size_t skip = sizeof MM_CSV_ATTR_PREFIX - 1;
    int own = id && mm_strmap_get(&im->b->student_ids, id, strlen(id)) == r->row, rc = 0;

    for (size_t k = 0; rc == 0 && k < im->n_attr; k++) {
        const char *text = mm_csv_cell(t, r->row, im->attr_column[k]);
        const char *name = t->header[im->attr_column[k]] + skip;
        mm_attribute_value value;
        mm_strbuf column;
        if (!text || !*text)
            continue;
        mm_strbuf_init(&column);
        mm_strbuf_printf(&column, MM_CSV_ATTR_PREFIX "%s", name);
        im->oom |= column.oom;
        if (attribute_value(r, mm_strbuf_text(&column), text, &value) && own)
            rc = mm_builder_set_attribute(im->b, id, name, value);
        mm_strbuf_dispose(&column);
    }
    return rc;
}

static int import_student(const row_ref *r)
{
    size_t n;
    mm_skill *skills = skill_list(r, "skills", &n);
    const char *id = cell(r, "id");
    int rc = mm_builder_add_student(r->im->b, id, text_cell(r, "name"), skills, n);

    mm_free(skills);
    return rc ? rc : import_attributes(r, id);
}

static int import_application(const row_ref *r)
{
    return mm_builder_add_application(r->im->b, cell(r, "student"), cell(r, "idea"),
                                      whole(r, "rank"));
}

static int import_rating(const row_ref *r)
{
    /* An empty or wrong score is NAN, which the builder leaves out. */
    return mm_builder_add_rating(r->im->b, cell(r, "mentor"), cell(r, "student"),
                                 cell(r, "idea"), number(r, "score", cell(r, "score")));
}

static int import_conflict(const row_ref *r)
{
    return mm_builder_add_conflict(r->im->b, cell(r, "mentor"), cell(r, "student"));
}

static int import_fixed(const row_ref *r)
{
    return mm_builder_add_fixed(r->im->b, cell(r, "student"), cell(r, "idea"), cell(r, "mentor"));
}

static int import_forbidden(const row_ref *r)
{
    return mm_builder_add_forbidden(r->im->b, cell(r, "student"), cell(r, "idea"));
}

static int import_quota(const row_ref *r)
{
    mm_quota_spec quota = MM_QUOTA_SPEC_INIT;
    const char *value = cell(r, "value");

    quota.id = cell(r, "id");
    quota.attribute = cell(r, "attribute");
    if (value && !attribute_value(r, "value", value, &quota.value))
        quota.value.type = MM_ATTRIBUTE_NONE; /* reported; the quota is still checked */
    quota.per = cell(r, "per");
    quota.min = whole(r, "min");
    quota.max = whole(r, "max");
    return mm_builder_add_quota(r->im->b, &quota);
}

typedef int (*row_importer)(const row_ref *r);

/* In the order the builder needs: students before their applications. */
static const struct {
    mm_csv_table table;
    row_importer import;
} ORDER[] = {
    {MM_CSV_ORGS, import_org},           {MM_CSV_MENTORS, import_mentor},
    {MM_CSV_IDEAS, import_idea},         {MM_CSV_STUDENTS, import_student},
    {MM_CSV_APPLICATIONS, import_application}, {MM_CSV_RATINGS, import_rating},
    {MM_CSV_CONFLICTS, import_conflict}, {MM_CSV_FIXED, import_fixed},
    {MM_CSV_FORBIDDEN, import_forbidden}, {MM_CSV_QUOTAS, import_quota},
};

static int import_rows(mm_importer *im)
{
    int rc = 0;

    for (size_t row = 0; row < im->data[MM_CSV_PROGRAM].n_rows; row++)
        import_program_row(&(row_ref){im, MM_CSV_PROGRAM, row});
    if (im->program_name || im->program_slots != MM_UNSET)
        rc = mm_builder_set_program(im->b, im->program_name, im->program_slots);
    for (size_t k = 0; rc == 0 && k < sizeof ORDER / sizeof ORDER[0]; k++) {
        const mm_csv_data *t = &im->data[ORDER[k].table];
        for (size_t row = 0; rc == 0 && row < t->n_rows; row++)
            rc = ORDER[k].import(&(row_ref){im, ORDER[k].table, row});
    }
    return rc != 0 || im->oom ? MM_ENOMEM : 0;
}

/* ---- reading the files ------------------------------------------------ */

/* The header of table t: its columns, and the students' attr.NAME ones.
 * @return 0, MM_EINVALID or MM_ENOMEM */
static int read_columns(mm_importer *im, mm_csv_table t)
{
    const char *prefix = t == MM_CSV_STUDENTS ? MM_CSV_ATTR_PREFIX : NULL;
    int rc = mm_csv_data_columns(&im->data[t], mm_csv_columns(t), mm_csv_required_columns(t),
                                 prefix, im->files->strict, im->column[t], im->diags);
    int attrs = prefix ? mm_csv_prefixed_columns(&im->data[t], prefix, &im->attr_column,
                                                 &im->n_attr, im->diags)
                       : 0;

    return attrs == MM_ENOMEM || rc == 0 ? attrs : rc;
}

static int read_tables(mm_importer *im)
{
    int rc = 0;

    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++) {
        const char *path = im->files->paths[t];
        int one;
        if (!path && mm_csv_table_required((mm_csv_table)t)) {
            mm_diag_add(im->diags, MM_SEVERITY_ERROR, NULL, "the %s table is required",
                        mm_csv_table_name((mm_csv_table)t));
            rc = rc ? rc : MM_EINVALID;
        }
        if (!path)
            continue;
        mm_csv_data_init(&im->data[t], path);
        im->data[t].delimiter = im->files->delimiter;
        one = mm_csv_data_read(&im->data[t], im->diags);
        if (one == 0)
            one = read_columns(im, (mm_csv_table)t);
        if (one == MM_ENOMEM || (one != 0 && rc == 0))
            rc = one;
    }
    return rc;
}

int mm_import_csv(mm_builder **out, const mm_csv_files *files, mm_diags *diags)
{
    mm_importer im;
    size_t errors = mm_diags_error_count(diags);
    int rc;

    *out = NULL;
    if (!files || !diags)
        return MM_EINVALID;
    memset(&im, 0, sizeof im);
    im.files = files;
    im.diags = diags;
    im.program_slots = MM_UNSET;
    mm_arena_init(&im.scratch);
    mm_strmap_init(&im.bad_places);
    rc = read_tables(&im);
    if (rc == 0)
        rc = mm_builder_new(&im.b);
    if (rc == 0)
        rc = import_rows(&im);
    if (rc == 0)
        rc = mm_import_check(&im);
    if (rc == 0 && mm_diags_error_count(diags) > errors)
        rc = MM_EINVALID;
    if (rc == 0) {
        *out = im.b;
        im.b = NULL;
    }
    mm_builder_free(im.b);
    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++)
        mm_csv_data_dispose(&im.data[t]);
    mm_free(im.attr_column);
    mm_strmap_dispose(&im.bad_places);
    mm_arena_dispose(&im.scratch);
    return rc;
}
