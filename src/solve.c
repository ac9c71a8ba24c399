#include "solve.h"

#include "alloc.h"
#include "diag.h"

int mm_program_solve(const mm_problem *p, const mm_model *m, const mm_glpk_objective *obj,
                     const mm_glpk_limits *limits, mm_solver solver, mm_glpk_outcome *out,
                     const char **used, mm_diags *diags)
{
    mm_network_report report = {MM_NETWORK_NOT_CLASS, "leading objectives", 0, 0, 0};
    unsigned char *start = NULL;
    int rc = 0;

    *used = "glpk";
    if (solver != MM_SOLVER_GLPK && obj->n_lead == 0)
        rc = mm_network_solve(p, m, obj->score, obj->count_first || !obj->score, limits, out,
                              &report);
    if (rc != 0)
        return rc;
    if (solver != MM_SOLVER_GLPK && report.verdict == MM_NETWORK_SOLVED) {
        *used = "network";
        return 0;
    }
    if (solver == MM_SOLVER_NETWORK) {
        mm_free(out->chosen);
        out->chosen = NULL;
        if (diags)
            mm_diag_add(diags, MM_SEVERITY_ERROR, NULL,
                        "the network solver cannot take this instance: %s (try --solver auto)",
                        report.why);
        return MM_EINVALID;
    }
    if (report.has_start)
        start = out->chosen;
    rc = mm_glpk_solve_from(m, obj, limits, start, out);
    mm_free(start);
    return rc;
}
