/* What-if edits: ratings set, pairs fixed or forbidden, on a problem just
 * read (before validation), each problem reported at the edit's origin. */
#ifndef MM_EDITS_H
#define MM_EDITS_H

#include "problem.h"

/* @return 0, MM_EINVALID (errors in diags) or MM_ENOMEM. */
int mm_apply_edits(mm_problem *p, const mm_edit *edits, size_t n_edits, mm_diags *diags);

#endif
