/* An assignment made elsewhere, as written (evaluate): a result document's
 * "assignments" or a bare array of {"student", "idea", "mentor"?}. Only the
 * shape is checked here; the ids and constraints are evaluate.c's. */
#ifndef MM_READ_ASSIGNMENT_H
#define MM_READ_ASSIGNMENT_H

#include <jansson.h>
#include <stddef.h>

#include "mentormatch/common.h"

/* One entry; strings are borrowed from the document. */
typedef struct {
    const char *student, *idea, *mentor; /* mentor NULL when left out */
    size_t student_len, idea_len, mentor_len;
} mm_given_entry;

typedef struct {
    json_t *root;
    const char *base; /* the array's place: "assignments", or "" for the root */
    mm_given_entry *entries;
    size_t n_entries;
} mm_given_doc;

/* @return 0, MM_EINVALID (each problem in diags with its place) or
 * MM_ENOMEM; the document is disposable either way. */
int mm_given_read(mm_given_doc *doc, const char *data, size_t len, mm_diags *diags);
void mm_given_dispose(mm_given_doc *doc);

/* "assignments[3]", "[3]" or "assignments[3].mentor" into buf. */
const char *mm_given_place(const mm_given_doc *doc, char *buf, size_t size, size_t index,
                           const char *key);

#endif
