/**
 * mentormatch: match applicants to mentored project ideas, optimally.
 *
 * The umbrella header. Typical use:
 *
 *     mm_diags *diags = NULL;
 *     mm_problem *problem = NULL;
 *     mm_result *result = NULL;
 *     mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;
 *     mm_diags_new(&diags);
 *     if (mm_problem_read_file(&problem, "in.json", NULL, diags) == 0 &&
 *         mm_solve(&result, problem, &opts, diags) == 0)
 *         mm_result_write(result, MM_FORMAT_JSON, stdout);
 *     mm_result_free(result);
 *     mm_problem_free(problem);
 *     mm_diags_free(diags);
 */
#ifndef MENTORMATCH_H
#define MENTORMATCH_H

#include "mentormatch/common.h"
#include "mentormatch/problem.h"
#include "mentormatch/solve.h"
#include "mentormatch/result.h"
#include "mentormatch/evaluate.h"
#include "mentormatch/diff.h"
#include "mentormatch/explain.h"
#include "mentormatch/preview.h"
#include "mentormatch/export.h"
#include "mentormatch/generate.h"
#include "mentormatch/json.h"
#include "mentormatch/report.h"
#include "mentormatch/build.h"
#include "mentormatch/import.h"

#endif
