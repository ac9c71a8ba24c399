/* Fuzz target: arbitrary bytes through reading, validation, scoring and
 * model building (not the solver, whose time is not the fuzzer's to spend).
 * Built with clang -fsanitize=fuzzer, or with standalone.c to replay a corpus. */
#include <stddef.h>
#include <stdint.h>

#include "mentormatch.h"
#include "model.h"
#include "problem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mm_read_options strict = MM_READ_OPTIONS_INIT;
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;
    mm_model model;

    if (mm_diags_new(&diags) != 0)
        return 0;
    strict.strict = size % 2; /* both modes, chosen by the input itself */
    if (mm_problem_read_buffer(&problem, (const char *)data, size, &strict, diags) == 0) {
        mm_problem_summary summary;
        mm_problem_summarize(&summary, problem);
        if (mm_model_build(&model, problem) == 0 && model.n_vars > summary.eligible_pairs)
            __builtin_trap(); /* the model has exactly one variable per eligible pair */
        mm_model_dispose(&model);
    }
    for (size_t k = 0; k < mm_diags_count(diags); k++)
        if (!mm_diags_get(diags, k)->message || !mm_diags_get(diags, k)->place)
            __builtin_trap();
    mm_problem_free(problem);
    mm_diags_free(diags);
    return 0;
}
