/* mm_generate through the public API: what it writes reads back valid and
 * without warnings, the same options give the same bytes, bad options and
 * failed writes and allocations end cleanly with their codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "mentormatch.h"

/* The document mm_generate writes, in memory (caller frees). */
static char *generate(const mm_generate_options *opts, size_t *len, int *rc)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);

    assert_non_null(f);
    *rc = mm_generate(opts, f);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void assert_reads_clean(const char *text, size_t len)
{
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;
    mm_read_options ro = MM_READ_OPTIONS_INIT;

    ro.strict = 1;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_buffer(&problem, text, len, &ro, diags), 0);
    assert_int_equal(mm_diags_count(diags), 0);
    mm_problem_free(problem);
    mm_diags_free(diags);
}

static void test_defaults_read_back_valid_without_warnings(void **state)
{
    size_t len;
    int rc;
    char *text = generate(NULL, &len, &rc);

    (void)state;
    assert_int_equal(rc, 0);
    assert_reads_clean(text, len);
    free(text);
}

static void test_null_options_are_the_defaults(void **state)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;
    size_t len1, len2;
    int rc1, rc2;
    char *a = generate(NULL, &len1, &rc1), *b = generate(&opts, &len2, &rc2);

    (void)state;
    assert_int_equal(rc1 | rc2, 0);
    assert_int_equal(len1, len2);
    assert_memory_equal(a, b, len1);
    free(a);
    free(b);
}

static void test_same_seed_same_bytes_other_seed_other_bytes(void **state)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;
    size_t len1, len2, len3;
    int rc1, rc2, rc3;
    char *a, *b, *c;

    (void)state;
    opts.seed = 42;
    a = generate(&opts, &len1, &rc1);
    b = generate(&opts, &len2, &rc2);
    opts.seed = 43;
    c = generate(&opts, &len3, &rc3);
    assert_int_equal(rc1 | rc2 | rc3, 0);
    assert_int_equal(len1, len2);
    assert_memory_equal(a, b, len1);
    assert_true(len1 != len3 || memcmp(a, c, len1) != 0);
    free(a);
    free(b);
    free(c);
}

static void test_odd_parameters_still_read_back_clean(void **state)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;
    size_t len;
    int rc;
    char *text;

    (void)state;
    opts.skills = 0;
    opts.student_skills = (mm_generate_range){0, 0};
    opts.idea_skills = (mm_generate_range){0, 0};
    opts.capacity = (mm_generate_range){0, 2};
    opts.slots = (mm_generate_range){0, 3};
    opts.min_load = 1;
    opts.conflicts = 1000;
    opts.multi_mentor = 1;
    opts.name = "Ünïcode \"quoted\" \\ and\ta tab";
    text = generate(&opts, &len, &rc);
    assert_int_equal(rc, 0);
    assert_reads_clean(text, len);
    free(text);
}

static void assert_rejected(const mm_generate_options *opts, const char *expected)
{
    char why[200] = "";
    FILE *sink = fopen("/dev/null", "w");

    assert_non_null(sink);
    assert_int_equal(mm_generate_check(opts, why, sizeof why), MM_EINVALID);
    assert_non_null(strstr(why, expected));
    assert_int_equal(mm_generate(opts, sink), MM_EINVALID);
    fclose(sink);
}

static void test_bad_options_are_rejected_with_a_reason(void **state)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;

    (void)state;
    opts.apps = opts.ideas + 1;
    assert_rejected(&opts, "applications per student exceed");
    opts = (mm_generate_options)MM_GENERATE_OPTIONS_INIT;
    opts.mentors = 0;
    assert_rejected(&opts, "at least one mentor");
    opts = (mm_generate_options)MM_GENERATE_OPTIONS_INIT;
    opts.rating_density = NAN;
    assert_rejected(&opts, "rating density");
    opts = (mm_generate_options)MM_GENERATE_OPTIONS_INIT;
    opts.idea_levels = (mm_generate_range){0, 5};
    assert_rejected(&opts, "required skill levels");
    opts = (mm_generate_options)MM_GENERATE_OPTIONS_INIT;
    opts.name = "\xc3\x28"; /* a broken two-byte sequence */
    assert_rejected(&opts, "not UTF-8");
    opts = (mm_generate_options)MM_GENERATE_OPTIONS_INIT;
    opts.name = "\xed\xa0\x80"; /* a surrogate */
    assert_rejected(&opts, "not UTF-8");
    assert_int_equal(mm_generate_check(&opts, NULL, 0), MM_EINVALID);
}

static void test_a_failed_write_is_eio(void **state)
{
    FILE *full = fopen("/dev/full", "w");

    (void)state;
    if (!full)
        skip();
    assert_int_equal(mm_generate(NULL, full), MM_EIO);
    fclose(full);
}

/* Fail the Nth allocation for every N: MM_ENOMEM and nothing leaked (the
 * sanitizer build checks), until the run needs no more and succeeds. */
static void test_every_failed_allocation_ends_cleanly(void **state)
{
    FILE *sink = fopen("/dev/null", "w");
    unsigned long n;
    int rc = MM_ENOMEM;

    (void)state;
    assert_non_null(sink);
    for (n = 1; rc == MM_ENOMEM && n < 1000; n++) {
        mm_alloc_fail_after(n);
        rc = mm_generate(NULL, sink);
    }
    mm_alloc_fail_after(0);
    fclose(sink);
    assert_int_equal(rc, 0);
    assert_true(n > 10); /* the failures were real */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_read_back_valid_without_warnings),
        cmocka_unit_test(test_null_options_are_the_defaults),
        cmocka_unit_test(test_same_seed_same_bytes_other_seed_other_bytes),
        cmocka_unit_test(test_odd_parameters_still_read_back_clean),
        cmocka_unit_test(test_bad_options_are_rejected_with_a_reason),
        cmocka_unit_test(test_a_failed_write_is_eio),
        cmocka_unit_test(test_every_failed_allocation_ends_cleanly),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
