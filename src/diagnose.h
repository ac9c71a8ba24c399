/* Why an instance is infeasible, named by the constraints that clash. */
#ifndef MM_DIAGNOSE_H
#define MM_DIAGNOSE_H

#include "model.h"
#include "solve_glpk.h"

/* Direct causes found without solving: fixed pairs that overfill an idea,
 * mentor, org or the program, or that no mentor can lead; a student fixed
 * twice; min loads beyond the students or slots that could meet them.
 * @param[out] found how many clashes were reported to diags
 * @return 0 or MM_ENOMEM */
int mm_diagnose_direct(const mm_problem *p, const mm_model *m, mm_diags *diags, size_t *found);

/* After the solver proved infeasibility: find the min loads and fixed pairs
 * that must give way (an elastic solve) and report each; falls back to
 * naming the clashing families. @return 0, MM_ENOMEM or MM_EINTERNAL */
int mm_diagnose_model(const mm_problem *p, const mm_model *m, const mm_glpk_limits *limits,
                      mm_diags *diags);

#endif
