/* JSON document -> problem: shapes, types, value ranges and id references,
 * each problem reported with its JSON path. Relations between records are
 * validate.c's. */
#ifndef MM_READ_JSON_H
#define MM_READ_JSON_H

#include <jansson.h>

#include "problem.h"

/* Fill `p` from the document; *parsed tells whether it was valid JSON (and
 * parsed in time). Parsing and the walk stop once mm_now() reaches
 * `deadline` (0: never).
 * @return 0, MM_EINVALID (errors in diags), MM_ENOMEM or MM_ENOSOLUTION (out
 *         of time; `p` is then incomplete) */
int mm_read_json(mm_problem *p, const char *data, size_t len, int strict, double deadline,
                 mm_diags *diags, int *parsed);

/* The same from a document already in memory (the builder's), borrowed.
 * @return 0, MM_EINVALID (errors in diags) or MM_ENOMEM. */
int mm_read_json_value(mm_problem *p, json_t *root, int strict, mm_diags *diags);

/* The rest of reading, for a problem just filled by either reader (`rc` its
 * return): edits, validation (even after reading errors, so one run reports
 * every problem), scoring. Takes `p`: *out gets it on success, else it is
 * freed. @return 0, MM_EINVALID or MM_ENOMEM. */
int mm_problem_complete(mm_problem **out, mm_problem *p, int rc, const mm_read_options *opts,
                        mm_diags *diags);

#endif
