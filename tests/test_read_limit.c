/* mm_read_options.time_limit (issue 14, item 9): a read that runs out of
 * time stops with MM_ENOSOLUTION, frees what it built (the sanitizer build
 * checks) and says nothing for it; a generous limit changes nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"

/* A limit already spent when the read looks at the clock. */
#define SPENT 1e-9

/* A generated document in memory (caller frees). */
static char *generate(size_t students, size_t *len)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;
    char *text = NULL;
    FILE *f = open_memstream(&text, len);

    opts.students = students;
    opts.ideas = students / 5;
    opts.mentors = students / 10;
    assert_non_null(f);
    assert_int_equal(mm_generate(&opts, f), 0);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* Read `text` with `time_limit`; @return the code, *count the diagnostics. */
static int read_within(const char *text, size_t len, double time_limit, size_t *count)
{
    mm_read_options ro = MM_READ_OPTIONS_INIT;
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;
    int rc;

    ro.time_limit = time_limit;
    assert_int_equal(mm_diags_new(&diags), 0);
    rc = mm_problem_read_buffer(&problem, text, len, &ro, diags);
    if (rc != 0)
        assert_null(problem);
    *count = mm_diags_count(diags);
    mm_problem_free(problem);
    mm_diags_free(diags);
    return rc;
}

static void test_no_limit_by_default(void **state)
{
    mm_read_options ro = MM_READ_OPTIONS_INIT;

    (void)state;
    assert_true(ro.time_limit == 0.0);
}

/* 20,000 students: some 9 MB, far more than the first 64 KB the parser
 * reads before it looks at the clock. */
static void test_spent_limit_stops_parsing_a_large_document(void **state)
{
    size_t len, count;
    char *text = generate(20000, &len);

    (void)state;
    assert_int_equal(read_within(text, len, SPENT, &count), MM_ENOSOLUTION);
    assert_int_equal(count, 0);
    free(text);
}

/* 200 students parse before any look at the clock: a later stage stops. */
static void test_spent_limit_stops_a_small_read(void **state)
{
    size_t len, count;
    char *text = generate(200, &len);

    (void)state;
    assert_int_equal(read_within(text, len, SPENT, &count), MM_ENOSOLUTION);
    assert_int_equal(count, 0);
    free(text);
}

/* Errors found before time ran out are kept, but the code says out of
 * time: the list may be incomplete. */
static void test_out_of_time_wins_over_errors_found(void **state)
{
    static const char doc[] =
        "{\"mentors\": [], \"ideas\": [],"
        " \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"nope\"}]}]}";
    size_t count;

    (void)state;
    assert_int_equal(read_within(doc, strlen(doc), SPENT, &count), MM_ENOSOLUTION);
    assert_true(count >= 1);
    assert_int_equal(read_within(doc, strlen(doc), 0, &count), MM_EINVALID);
}

static void test_generous_limit_reads_in_full(void **state)
{
    size_t len, count;
    char *text = generate(2000, &len);

    (void)state;
    assert_int_equal(read_within(text, len, 600, &count), 0);
    assert_int_equal(count, 0);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_limit_by_default),
        cmocka_unit_test(test_spent_limit_stops_parsing_a_large_document),
        cmocka_unit_test(test_spent_limit_stops_a_small_read),
        cmocka_unit_test(test_out_of_time_wins_over_errors_found),
        cmocka_unit_test(test_generous_limit_reads_in_full),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
