/* The blocking pairs behind metrics.blocking_pairs (solve and evaluate
 * --verbose): a two-student instance where each pair is known by hand, and
 * the examples under every strategy, where the list and the count agree. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"

/* ma leads x, mb leads y, one student each. a wants x then y; b wants x
 * only; ma rates b above a. */
static const char INSTANCE[] =
    "{\"program\": {\"slots\": 2},"
    " \"mentors\": [{\"id\": \"ma\", \"capacity\": 1}, {\"id\": \"mb\", \"capacity\": 1}],"
    " \"ideas\": [{\"id\": \"x\", \"mentors\": [\"ma\"], \"slots\": 1},"
    "   {\"id\": \"y\", \"mentors\": [\"mb\"], \"slots\": 1}],"
    " \"students\": ["
    "   {\"id\": \"a\", \"applications\": [{\"idea\": \"x\", \"rank\": 1}, {\"idea\": \"y\", \"rank\": 2}]},"
    "   {\"id\": \"b\", \"applications\": [{\"idea\": \"x\", \"rank\": 1}]}],"
    " \"ratings\": [{\"mentor\": \"ma\", \"student\": \"a\", \"idea\": \"x\", \"score\": 1},"
    "   {\"mentor\": \"ma\", \"student\": \"b\", \"idea\": \"x\", \"score\": 5}]}";

static mm_problem *instance(void)
{
    mm_problem *p = NULL;

    assert_int_equal(mm_problem_read_buffer(&p, INSTANCE, strlen(INSTANCE), NULL, NULL), 0);
    return p;
}

static mm_result *evaluated(const mm_problem *p, const char *assignment)
{
    mm_result *r = NULL;

    assert_int_equal(mm_evaluate_buffer(&r, p, assignment, strlen(assignment), NULL), 0);
    return r;
}

static void expect_pair(const mm_result *r, size_t i, const char *student, const char *idea,
                        const char *mentor, int rank, const char *holds)
{
    mm_blocking_pair b;

    assert_int_equal(mm_result_blocking_pair(r, i, &b), 0);
    assert_string_equal(b.student, student);
    assert_string_equal(b.idea, idea);
    assert_string_equal(b.mentor, mentor);
    assert_int_equal(b.rank, rank);
    if (holds)
        assert_string_equal(b.holds, holds);
    else
        assert_null(b.holds);
}

/* a on x leaves b out, and ma would rather have b: (b, x, ma) blocks. */
static void test_mentor_would_rather(void **state)
{
    mm_problem *p = instance();
    mm_result *r = evaluated(p, "[{\"student\": \"a\", \"idea\": \"x\"}]");
    mm_blocking_pair b;

    (void)state;
    assert_int_equal(mm_result_blocking_pairs(r), 1);
    expect_pair(r, 0, "b", "x", "ma", 1, NULL);
    assert_int_equal(mm_result_blocking_pair(r, 1, &b), MM_EINVALID);
    mm_result_free(r);
    mm_problem_free(p);
}

/* b on x, a on y: a would rather have x, but ma prefers b: stable. */
static void test_stable_has_none(void **state)
{
    mm_problem *p = instance();
    mm_result *r = evaluated(p, "[{\"student\": \"b\", \"idea\": \"x\"}, {\"student\": \"a\", \"idea\": \"y\"}]");
    mm_blocking_pair b;

    (void)state;
    assert_int_equal(mm_result_blocking_pairs(r), 0);
    assert_int_equal(mm_result_blocking_pair(r, 0, &b), MM_EINVALID);
    mm_result_free(r);
    mm_problem_free(p);
}

/* a on y with x empty: both a (holding y) and b block with x, in student order. */
static void test_empty_idea_draws_both(void **state)
{
    mm_problem *p = instance();
    mm_result *r = evaluated(p, "[{\"student\": \"a\", \"idea\": \"y\"}]");

    (void)state;
    assert_int_equal(mm_result_blocking_pairs(r), 2);
    expect_pair(r, 0, "a", "x", "ma", 1, "y");
    expect_pair(r, 1, "b", "x", "ma", 1, NULL);
    mm_result_free(r);
    mm_problem_free(p);
}

static char *written(const mm_result *r, mm_format format)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    assert_non_null(f);
    assert_int_equal(mm_result_write(r, format, f), 0);
    fclose(f);
    return text;
}

/* The list is written only when asked for, in JSON and in the table. */
static void test_written_when_verbose(void **state)
{
    mm_problem *p = instance();
    mm_result *r = evaluated(p, "[{\"student\": \"a\", \"idea\": \"y\"}]");
    char *quiet = written(r, MM_FORMAT_JSON), *json, *table;

    (void)state;
    assert_null(strstr(quiet, "\"blocking\""));
    mm_result_set_verbose(r, 1);
    json = written(r, MM_FORMAT_JSON);
    table = written(r, MM_FORMAT_TABLE);
    assert_non_null(strstr(json, "\"blocking\": [\n    {\"student\": \"a\", \"idea\": \"x\", "
                                 "\"mentor\": \"ma\", \"rank\": 1, \"holds\": \"y\"},\n"
                                 "    {\"student\": \"b\", \"idea\": \"x\", \"mentor\": \"ma\", "
                                 "\"rank\": 1, \"holds\": null}\n  ],"));
    assert_non_null(strstr(table, "\nBlocking pairs\n"));
    assert_non_null(strstr(table, "\nb        x     ma      1     -\n"));
    free(quiet);
    free(json);
    free(table);
    mm_result_free(r);
    mm_problem_free(p);
}

/* `holds` is the student's assigned idea, and the pair is not that place. */
static void expect_not_own_place(const mm_result *r, const mm_blocking_pair *b)
{
    const mm_assignment *own = NULL;

    for (size_t k = 0; k < mm_result_assignment_count(r); k++)
        if (strcmp(mm_result_assignment(r, k)->student, b->student) == 0)
            own = mm_result_assignment(r, k);
    if (!own) {
        assert_null(b->holds);
        return;
    }
    assert_string_equal(b->holds, own->idea);
    assert_false(strcmp(own->idea, b->idea) == 0 && strcmp(own->mentor, b->mentor) == 0);
}

/* Every strategy on both examples: as many pairs listed as counted, none of
 * them the student's own place. */
static void test_examples_list_what_they_count(void **state)
{
    static const char *const files[] = {MM_SOURCE_DIR "/examples/xen-2010-xcp.json",
                                        MM_SOURCE_DIR "/examples/xen-2015.json"};
    static const mm_strategy strategies[] = {MM_STRATEGY_ILP, MM_STRATEGY_GREEDY,
                                             MM_STRATEGY_STABLE, MM_STRATEGY_RSD,
                                             MM_STRATEGY_RANK_MAXIMAL};
    (void)state;
    for (size_t f = 0; f < 2; f++) {
        mm_problem *p = NULL;
        assert_int_equal(mm_problem_read_file(&p, files[f], NULL, NULL), 0);
        for (size_t k = 0; k < sizeof strategies / sizeof *strategies; k++) {
            mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;
            mm_result *r = NULL;
            mm_blocking_pair b;
            size_t listed = 0;
            opts.strategy = strategies[k];
            assert_int_equal(mm_solve(&r, p, &opts, NULL), 0);
            for (; mm_result_blocking_pair(r, listed, &b) == 0; listed++)
                expect_not_own_place(r, &b);
            assert_int_equal((long)listed, mm_result_blocking_pairs(r));
            if (strategies[k] == MM_STRATEGY_STABLE)
                assert_int_equal(listed, 0);
            else if (strategies[k] == MM_STRATEGY_ILP)
                assert_true(listed > 0); /* the optimum is not stable on either */
            mm_result_free(r);
        }
        mm_problem_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mentor_would_rather),
        cmocka_unit_test(test_stable_has_none),
        cmocka_unit_test(test_empty_idea_draws_both),
        cmocka_unit_test(test_written_when_verbose),
        cmocka_unit_test(test_examples_list_what_they_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
