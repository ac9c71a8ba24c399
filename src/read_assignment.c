#include "read_assignment.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "jsonfile.h"

#define PLACE_SIZE 64

const char *mm_given_place(const mm_given_doc *doc, char *buf, size_t size, size_t index,
                           const char *key)
{
    if (doc->is_sheet)
        snprintf(buf, size, "row %zu", doc->sheet.rows[index].row);
    else
        snprintf(buf, size, key ? "%s[%zu].%s" : "%s[%zu]", doc->base, index, key);
    return buf;
}

void mm_given_vreport(const mm_given_doc *doc, mm_diags *diags, size_t index, const char *key,
                      const char *fmt, va_list ap)
{
    char place[PLACE_SIZE];

    if (doc->is_sheet)
        mm_sheet_vreport(&doc->sheet, diags, index, key, fmt, ap);
    else
        mm_diag_vadd(diags, MM_SEVERITY_ERROR, mm_given_place(doc, place, sizeof place, index, key),
                     fmt, ap);
}

/* The rows of a sheet as entries, unassigned ones too (idea NULL), so that
 * evaluate checks every student id the sheet names. */
static int read_sheet(mm_given_doc *doc, const char *data, size_t len, mm_diags *diags)
{
    int rc = mm_sheet_read(&doc->sheet, data, len, diags);

    doc->is_sheet = 1;
    doc->base = "";
    if (rc != 0)
        return rc;
    doc->n_entries = doc->sheet.n_rows;
    doc->entries = mm_calloc(doc->n_entries + 1, sizeof *doc->entries);
    if (!doc->entries)
        return MM_ENOMEM;
    for (size_t k = 0; k < doc->n_entries; k++) {
        const mm_sheet_row *r = &doc->sheet.rows[k];
        mm_given_entry *e = &doc->entries[k];
        *e = (mm_given_entry){r->student, r->idea, r->mentor, strlen(r->student),
                              r->idea ? strlen(r->idea) : 0, r->mentor ? strlen(r->mentor) : 0};
    }
    return 0;
}

/* A string member; NULL, reported, when it is not a string or (when
 * required) missing. */
static const char *read_id(const mm_given_doc *doc, json_t *el, size_t k, const char *key,
                           int required, size_t *len, mm_diags *diags)
{
    json_t *value = json_object_get(el, key);
    char place[PLACE_SIZE];

    if (!value || json_is_string(value)) {
        if (!value && required)
            mm_diag_add(diags, MM_SEVERITY_ERROR, mm_given_place(doc, place, sizeof place, k, key),
                        "missing (required)");
        *len = value ? json_string_length(value) : 0;
        return value ? json_string_value(value) : NULL;
    }
    mm_diag_add(diags, MM_SEVERITY_ERROR, mm_given_place(doc, place, sizeof place, k, key),
                "must be a string, not %s", mm_json_type_name(value));
    return NULL;
}

/* Other members (a result document's rank, score, components) are ignored:
 * they are recomputed from the input. @return 1 when the entry is whole. */
static int read_entry(mm_given_doc *doc, json_t *el, size_t k, mm_diags *diags)
{
    mm_given_entry *e = &doc->entries[k];
    char place[PLACE_SIZE];
    int whole;

    if (!json_is_object(el)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, mm_given_place(doc, place, sizeof place, k, NULL),
                    "must be an object, not %s", mm_json_type_name(el));
        return 0;
    }
    e->student = read_id(doc, el, k, "student", 1, &e->student_len, diags);
    e->idea = read_id(doc, el, k, "idea", 1, &e->idea_len, diags);
    whole = e->student && e->idea;
    e->mentor = read_id(doc, el, k, "mentor", 0, &e->mentor_len, diags);
    return whole && (e->mentor || !json_object_get(el, "mentor"));
}

/* The array of entries: the root, or a result document's "assignments". */
static json_t *find_entries(mm_given_doc *doc, mm_diags *diags)
{
    json_t *array;

    doc->base = "";
    if (json_is_array(doc->root))
        return doc->root;
    if (!json_is_object(doc->root)) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, "(root)",
                    "must be a result document (an object with \"assignments\") or an array "
                    "of assignments, not %s", mm_json_type_name(doc->root));
        return NULL;
    }
    doc->base = "assignments";
    array = json_object_get(doc->root, "assignments");
    if (!array)
        mm_diag_add(diags, MM_SEVERITY_ERROR, "assignments",
                    "missing (required): a result document lists its \"assignments\"");
    else if (!json_is_array(array))
        mm_diag_add(diags, MM_SEVERITY_ERROR, "assignments", "must be an array, not %s",
                    mm_json_type_name(array));
    return json_is_array(array) ? array : NULL;
}

int mm_given_read(mm_given_doc *doc, const char *data, size_t len, mm_diags *diags)
{
    json_t *array;
    size_t whole = 0;
    int rc;

    memset(doc, 0, sizeof *doc);
    if (mm_sheet_sniff(data, len))
        return read_sheet(doc, data, len, diags);
    rc = mm_json_parse(&doc->root, data, len, diags);
    if (rc != 0)
        return rc;
    if (!(array = find_entries(doc, diags)))
        return MM_EINVALID;
    doc->n_entries = json_array_size(array);
    doc->entries = mm_calloc(doc->n_entries, sizeof *doc->entries);
    if (!doc->entries)
        return MM_ENOMEM;
    for (size_t k = 0; k < doc->n_entries; k++)
        whole += (size_t)read_entry(doc, json_array_get(array, k), k, diags);
    return whole == doc->n_entries ? 0 : MM_EINVALID;
}

void mm_given_dispose(mm_given_doc *doc)
{
    json_decref(doc->root);
    mm_free(doc->entries);
    if (doc->is_sheet)
        mm_sheet_dispose(&doc->sheet);
    memset(doc, 0, sizeof *doc);
}
