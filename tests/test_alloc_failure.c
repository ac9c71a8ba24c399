/* Failure injection: fail the Nth allocation, for every N the pipeline makes,
 * from reading to writing. Each run must end cleanly with MM_ENOMEM (or
 * succeed when the failed allocation was optional) and free everything;
 * under the sanitizer build LeakSanitizer checks the latter. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "mentormatch.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *in = fopen(path, "rb");
    char *data;
    long size;

    assert_non_null(in);
    fseek(in, 0, SEEK_END);
    size = ftell(in);
    rewind(in);
    data = malloc((size_t)size + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)size, in), (size_t)size);
    fclose(in);
    *len = (size_t)size;
    return data;
}

/* One pass of the pipeline; @return its first non-zero code, or 0. */
static int run_pipeline(const char *data, size_t len)
{
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;
    mm_result *result = NULL;
    mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;
    FILE *sink = fopen("/dev/null", "w");
    int rc = mm_diags_new(&diags);

    if (rc == 0)
        rc = mm_problem_read_buffer(&problem, data, len, NULL, diags);
    if (rc == 0)
        rc = mm_solve(&result, problem, &opts, diags);
    for (int format = MM_FORMAT_JSON; rc == 0 && format <= MM_FORMAT_CSV; format++)
        rc = mm_result_write(result, (mm_format)format, sink);
    fclose(sink);
    mm_result_free(result);
    mm_problem_free(problem);
    mm_diags_free(diags);
    return rc;
}

static void fail_every_allocation_of(const char *path)
{
    size_t len;
    char *data = slurp(path, &len);
    unsigned long total, failures = 0;

    mm_alloc_fail_after(0);
    assert_int_equal(run_pipeline(data, len), 0);
    total = mm_alloc_count();
    assert_true(total > 0);
    for (unsigned long n = 1; n <= total; n++) {
        int rc;
        mm_alloc_fail_after(n);
        rc = run_pipeline(data, len);
        mm_alloc_fail_after(0);
        if (rc != 0)
            failures++;
        if (rc != 0 && rc != MM_ENOMEM)
            fail_msg("failing allocation %lu of %lu gave %d (%s), not MM_ENOMEM", n, total, rc,
                     mm_strerror(rc));
    }
    printf("%s: %lu allocations, each failed once; %lu runs reported MM_ENOMEM\n", path, total,
           failures);
    assert_true(failures > 0);
    free(data);
}

static void test_every_allocation_failure_is_clean_2010(void **state)
{
    (void)state;
    fail_every_allocation_of(MM_EXAMPLES "/xen-2010-xcp.json");
}

static void test_every_allocation_failure_is_clean_2015(void **state)
{
    (void)state;
    fail_every_allocation_of(MM_EXAMPLES "/xen-2015.json");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_failure_is_clean_2010),
        cmocka_unit_test(test_every_allocation_failure_is_clean_2015),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
