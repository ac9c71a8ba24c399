/* JSON document -> problem: shapes, types, value ranges and id references,
 * each problem reported with its JSON path. Relations between records are
 * validate.c's. */
#ifndef MM_READ_JSON_H
#define MM_READ_JSON_H

#include "problem.h"

/* Fill `p` from the document; *parsed tells whether it was valid JSON. @return 0, MM_EINVALID (errors in diags) or MM_ENOMEM. */
int mm_read_json(mm_problem *p, const char *data, size_t len, int strict, mm_diags *diags,
                 int *parsed);

#endif
