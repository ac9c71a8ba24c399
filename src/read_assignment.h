/* An assignment made elsewhere, as written (evaluate): a result document's
 * "assignments", a bare array of {"student", "idea", "mentor"?}, or a sheet
 * (read_sheet.h), told apart by content. Only the shape is checked here;
 * the ids and constraints are evaluate.c's. */
#ifndef MM_READ_ASSIGNMENT_H
#define MM_READ_ASSIGNMENT_H

#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>

#include "read_sheet.h"

#include "mentormatch/common.h"

/* One entry; strings are borrowed from the document. */
typedef struct {
    const char *student, *idea, *mentor; /* mentor NULL when left out; idea NULL for a
                                          * sheet's unassigned row */
    size_t student_len, idea_len, mentor_len;
} mm_given_entry;

typedef struct {
    json_t *root;
    const char *base; /* the array's place: "assignments", or "" for the root */
    mm_given_entry *entries;
    size_t n_entries;
    int is_sheet;  /* read from a sheet: entries are its rows */
    mm_sheet sheet;
} mm_given_doc;

/* @return 0, MM_EINVALID (each problem in diags with its place) or
 * MM_ENOMEM; the document is disposable either way. */
int mm_given_read(mm_given_doc *doc, const char *data, size_t len, mm_diags *diags);
void mm_given_dispose(mm_given_doc *doc);

/* "assignments[3]", "[3]" or "assignments[3].mentor" into buf; a sheet's
 * "row 5". */
const char *mm_given_place(const mm_given_doc *doc, char *buf, size_t size, size_t index,
                           const char *key);

/* An error at entry `index` (`key`: its member or column; NULL for the
 * entry), placed as mm_given_place says or at the sheet's row. */
void mm_given_vreport(const mm_given_doc *doc, mm_diags *diags, size_t index, const char *key,
                      const char *fmt, va_list ap);

#endif
