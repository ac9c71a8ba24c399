/* CSV import, second half: the builder checks what the rows built, and its
 * places ("mentors[3].capacity", "(first at mentors[0])") become the files'
 * ("mentors.csv:5: column 'capacity'"): call k of a list was made by data
 * row k of its table. */
#include <string.h>

#include "csv_format.h"
#include "diag.h"
#include "import_csv.h"
#include "strbuf.h"

static const struct {
    const char *list;
    mm_csv_table table;
} LISTS[] = {
    {"orgs", MM_CSV_ORGS},           {"mentors", MM_CSV_MENTORS},   {"ideas", MM_CSV_IDEAS},
    {"students", MM_CSV_STUDENTS},   {"applications", MM_CSV_APPLICATIONS},
    {"ratings", MM_CSV_RATINGS},     {"conflicts", MM_CSV_CONFLICTS}, {"fixed", MM_CSV_FIXED},
    {"forbidden", MM_CSV_FORBIDDEN}, {"quotas", MM_CSV_QUOTAS},
};

/* "mentors[3]..." -> "FILE:ROW"; the data row that made call 3. @return 1 if done. */
static int record_place(const mm_importer *im, const char *ref, mm_strbuf *out, const char **rest)
{
    size_t len;
    unsigned long index;

    if (!mm_record_ref(ref, &len, &index, rest))
        return 0;
    for (size_t k = 0; k < sizeof LISTS / sizeof LISTS[0]; k++) {
        const mm_csv_data *t = &im->data[LISTS[k].table];
        if (strlen(LISTS[k].list) == len && strncmp(ref, LISTS[k].list, len) == 0 &&
            index < t->n_rows) {
            mm_strbuf_printf(out, "%s:%zu", t->file, t->row_number[index]);
            return 1;
        }
    }
    return 0;
}

/* "program.slots", "settings.weights.rating": the program row with that key. */
static int setting_place(const mm_importer *im, const char *place, mm_strbuf *out)
{
    char key[MM_CSV_KEY_SIZE];

    for (int k = 0; k < N_FIELDS; k++) {
        size_t len = strlen(mm_csv_program_key(k, key));
        if (strncmp(place, key, len) == 0 && im->program_row[k] &&
            (place[len] == '\0' || place[len] == '.' || place[len] == '[')) {
            mm_strbuf_printf(out, "%s:%zu: column 'value'", im->data[MM_CSV_PROGRAM].file,
                             im->program_row[k]);
            return 1;
        }
    }
    return 0;
}

/* Is `key` a map's key after its column, ".c" or ["c++"]? */
static int is_key(const char *key)
{
    return *key == '.' || strncmp(key, "[\"", 2) == 0;
}

/* Such a key (is_key) as its text; \u escapes of control characters stay
 * escaped. */
static void append_key(const char *key, mm_strbuf *out)
{
    if (*key == '.') {
        mm_strbuf_printf(out, "%s", key + 1);
        return;
    }
    for (const char *c = key + 2; *c && !(c[0] == '"' && c[1] == ']'); c++) {
        if (*c == '\\' && (c[1] == '"' || c[1] == '\\'))
            c++;
        mm_strbuf_printf(out, "%c", *c);
    }
}

/* A builder place as "FILE:ROW: column 'NAME'" (and the skill, in a skill
 * map). @return the length of the part that names the cell. */
static size_t translate_place(const mm_importer *im, const char *place, mm_strbuf *out)
{
    const char *rest, *column;
    size_t cell_len, len;

    if (!record_place(im, place, out, &rest)) {
        if (!setting_place(im, place, out))
            mm_strbuf_printf(out, "%s", place);
        return out->len;
    }
    if (*rest != '.')
        return out->len;
    /* The first key after the record names the column; a student's
     * attribute, the attr.NAME column. */
    column = rest + 1;
    len = strcspn(column, ".[");
    if (len == 10 && strncmp(column, "attributes", len) == 0 && is_key(column + len)) {
        mm_strbuf_printf(out, ": column '" MM_CSV_ATTR_PREFIX);
        append_key(column + len, out);
        mm_strbuf_printf(out, "'");
        return out->len;
    }
    mm_strbuf_printf(out, ": column '%.*s'", (int)len, column);
    cell_len = out->len;
    if (((len == 6 && strncmp(column, "skills", len) == 0) ||
         (len == 8 && strncmp(column, "requires", len) == 0)) &&
        is_key(column + len)) {
        mm_strbuf_printf(out, ", skill '");
        append_key(column + len, out);
        mm_strbuf_printf(out, "'");
    }
    return cell_len;
}

/* "... (first at mentors[0])" -> "... (first at mentors.csv:2)". */
static void translate_message(const mm_importer *im, const char *message, mm_strbuf *out)
{
    mm_strbuf ref;
    const char *rest;
    size_t at;

    mm_strbuf_init(&ref);
    if (mm_message_ref(message, &at) && record_place(im, message + at, &ref, &rest))
        mm_strbuf_printf(out, "%.*s%s)", (int)at, message, mm_strbuf_text(&ref));
    else
        mm_strbuf_printf(out, "%s", message);
    mm_strbuf_dispose(&ref);
}

int mm_import_check(mm_importer *im)
{
    mm_diags *found = NULL;
    mm_problem *p = NULL;
    int rc = mm_diags_new(&found);

    if (rc == 0)
        rc = mm_builder_finish(&p, im->b, found);
    mm_problem_free(p);
    for (size_t k = 0; k < mm_diags_count(found); k++) {
        const mm_diag *d = mm_diags_get(found, k);
        mm_strbuf place, message;
        mm_strbuf_init(&place);
        mm_strbuf_init(&message);
        size_t cell_len = translate_place(im, d->place, &place);
        translate_message(im, d->message, &message);
        im->oom |= place.oom || message.oom;
        if (mm_strmap_get(&im->bad_places, mm_strbuf_text(&place), cell_len) == MM_NOT_FOUND)
            mm_diag_add(im->diags, d->severity, mm_strbuf_text(&place), "%s",
                        mm_strbuf_text(&message));
        mm_strbuf_dispose(&place);
        mm_strbuf_dispose(&message);
    }
    mm_diags_free(found);
    return rc == MM_ENOMEM || im->oom ? MM_ENOMEM : rc;
}

