/* The contract's rules between records (SPEC 1): ranks, duplicate
 * applications and ratings, min loads, fixed and forbidden pairs. Also
 * builds the lookups later stages use (application of a pair, conflicts). */
#ifndef MM_VALIDATE_H
#define MM_VALIDATE_H

#include "problem.h"

/* Stops early once mm_now() reaches `deadline` (0: never).
 * @return 0, MM_EINVALID (errors in diags), MM_ENOMEM or MM_ENOSOLUTION. */
int mm_validate(mm_problem *p, double deadline, mm_diags *diags);

#endif
