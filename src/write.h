/* Writers of a result: JSON document, aligned tables, CSV. Each writes to a
 * stream; the caller checks the stream for errors. */
#ifndef MM_WRITE_H
#define MM_WRITE_H

#include <stdio.h>

#include "result.h"

void mm_write_json(const mm_result *r, FILE *out);
void mm_write_table(const mm_result *r, FILE *out);
/* @return 0 or MM_ENOMEM (the sheet is then incomplete). */
int mm_write_csv(const mm_result *r, FILE *out);

#endif
