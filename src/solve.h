/* One door to the integer program for every caller (solve, explain,
 * preview, export): the network flow where it proves the optimum, GLPK
 * otherwise, started from the flow's repaired solution. */
#ifndef MM_SOLVE_H
#define MM_SOLVE_H

#include "solve_network.h"

/* @param solver MM_SOLVER_AUTO, NETWORK (else MM_EINVALID, why in diags,
 *        which may be NULL) or GLPK
 * @param[out] used "network", "glpk", or "network+glpk" (GLPK on the
 *        variables the flow's reduced costs left free)
 * @return as mm_glpk_solve, or MM_EINVALID */
int mm_program_solve(const mm_problem *p, const mm_model *m, const mm_glpk_objective *obj,
                     const mm_glpk_limits *limits, mm_solver solver, mm_glpk_outcome *out,
                     const char **used, mm_diags *diags);

/* --solver network on a model the flow cannot prove: the reason goes to
 * diags (may be NULL). @return MM_EINVALID */
int mm_network_refused(mm_diags *diags, const char *why);

#endif
