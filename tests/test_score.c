/* Scores (SPEC 3) and eligibility (SPEC 4) against values computed by hand,
 * through the public API: each instance fixes or offers exactly the pair
 * under test, so the assignment shows its components. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "mentormatch.h"

typedef struct {
    mm_diags *diags;
    mm_problem *problem;
    mm_result *result;
    int solve_rc;
} run;

static void solve_text(run *r, const char *json)
{
    mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;

    memset(r, 0, sizeof *r);
    assert_int_equal(mm_diags_new(&r->diags), 0);
    assert_int_equal(mm_problem_read_buffer(&r->problem, json, strlen(json), NULL, r->diags), 0);
    r->solve_rc = mm_solve(&r->result, r->problem, &opts, r->diags);
}

static void finish(run *r)
{
    mm_result_free(r->result);
    mm_problem_free(r->problem);
    mm_diags_free(r->diags);
}

static const mm_assignment *assignment_of(const run *r, const char *student)
{
    for (size_t k = 0; k < mm_result_assignment_count(r->result); k++)
        if (strcmp(mm_result_assignment(r->result, k)->student, student) == 0)
            return mm_result_assignment(r->result, k);
    return NULL;
}

/* rating: mean of 4 and 5 on [1,5] = (4.5-1)/4 = 0.875
 * preference: rank 1 of K = 2: (2+1-1)/2 = 1
 * skill: requires c:4, python:2; has C:3, python:5: (3+2)/6 = 5/6
 * impact 4: (4-1)/4 = 0.75
 * score: 2*0.875 + 1*1 + 1*5/6 + 0.5*0.75 = 3.958333... */
static void test_components_match_hand_computation(void **state)
{
    static const char doc[] =
        "{\"settings\": {\"weights\": {\"rating\": 2, \"impact\": 0.5}},"
        " \"mentors\": [{\"id\": \"m1\"}, {\"id\": \"m2\"}],"
        " \"ideas\": [{\"id\": \"i1\", \"mentors\": [\"m1\", \"m2\"], \"impact\": 4,"
        "              \"requires\": {\"c\": 4, \"python\": 2}},"
        "            {\"id\": \"i2\", \"mentors\": [\"m2\"]}],"
        " \"students\": [{\"id\": \"s1\", \"skills\": {\"C\": 3, \"python\": 5},"
        "                 \"applications\": [{\"idea\": \"i1\"}, {\"idea\": \"i2\"}]}],"
        " \"ratings\": [{\"mentor\": \"m1\", \"student\": \"s1\", \"idea\": \"i1\", \"score\": 4},"
        "             {\"mentor\": \"m2\", \"student\": \"s1\", \"idea\": \"i1\", \"score\": 5}],"
        " \"fixed\": [{\"student\": \"s1\", \"idea\": \"i1\"}]}";
    run r;
    const mm_assignment *a;

    (void)state;
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    a = assignment_of(&r, "s1");
    assert_non_null(a);
    assert_string_equal(a->idea, "i1");
    assert_int_equal(a->rank, 1);
    assert_float_equal(a->rating, 0.875, 1e-12);
    assert_float_equal(a->preference, 1.0, 1e-12);
    assert_float_equal(a->skill, 5.0 / 6.0, 1e-12);
    assert_float_equal(a->impact, 0.75, 1e-12);
    assert_float_equal(a->score, 2 * 0.875 + 1 + 5.0 / 6.0 + 0.5 * 0.75, 1e-12);
    finish(&r);
}

/* Unrated with default 3 on [1,5]: 0.5. Rank 2 of K = 4 (ranks given): 3/4.
 * No requirement: skill 1. No impact: 0. Score 0.5 + 0.75 + 1 = 2.25. */
static void test_default_rating_and_explicit_rank(void **state)
{
    static const char doc[] =
        "{\"settings\": {\"default_rating\": 3},"
        " \"mentors\": [{\"id\": \"m\", \"capacity\": 2}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m\"]}, {\"id\": \"b\", \"mentors\": [\"m\"]}],"
        " \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"a\", \"rank\": 4},"
        "                                                {\"idea\": \"b\", \"rank\": 2}]}],"
        " \"fixed\": [{\"student\": \"s\", \"idea\": \"b\"}]}";
    run r;
    const mm_assignment *a;

    (void)state;
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    a = assignment_of(&r, "s");
    assert_non_null(a);
    assert_string_equal(a->idea, "b");
    assert_int_equal(a->rank, 2);
    assert_float_equal(a->rating, 0.5, 1e-12);
    assert_float_equal(a->preference, 0.75, 1e-12);
    assert_float_equal(a->skill, 1.0, 1e-12);
    assert_float_equal(a->impact, 0.0, 1e-12);
    assert_float_equal(a->score, 2.25, 1e-12);
    finish(&r);
}

/* Unrated with no default: rating 0; a skill the student lacks counts 0. */
static void test_unrated_without_default_and_missing_skill(void **state)
{
    static const char doc[] =
        "{\"mentors\": [{\"id\": \"m\"}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m\"], \"requires\": {\"go\": 2, \"c\": 2}}],"
        " \"students\": [{\"id\": \"s\", \"skills\": {\"c\": 1}, \"applications\": [{\"idea\": \"a\"}]}]}";
    run r;
    const mm_assignment *a;

    (void)state;
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    a = assignment_of(&r, "s");
    assert_non_null(a);
    assert_float_equal(a->rating, 0.0, 1e-12);
    assert_float_equal(a->skill, 0.25, 1e-12);
    assert_float_equal(a->score, 0.25 + 1.0, 1e-12);
    finish(&r);
}

/* min_rating makes the low-rated application ineligible; the student then
 * goes to the other one even though it ranks lower. */
static void test_min_rating_excludes_low_rated_application(void **state)
{
    static const char doc[] =
        "{\"settings\": {\"min_rating\": 3, \"default_rating\": 3},"
        " \"mentors\": [{\"id\": \"m\", \"capacity\": 2}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m\"]}, {\"id\": \"b\", \"mentors\": [\"m\"]}],"
        " \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"a\"}, {\"idea\": \"b\"}]}],"
        " \"ratings\": [{\"mentor\": \"m\", \"student\": \"s\", \"idea\": \"a\", \"score\": 2}]}";
    run r;
    const mm_assignment *a;

    (void)state;
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    a = assignment_of(&r, "s");
    assert_non_null(a);
    assert_string_equal(a->idea, "b");
    finish(&r);
}

/* A fixed pair is eligible whatever max_rank says. */
static void test_fixed_pair_ignores_thresholds(void **state)
{
    static const char doc[] =
        "{\"settings\": {\"max_rank\": 1, \"min_skill\": 0.9},"
        " \"mentors\": [{\"id\": \"m\", \"capacity\": 2}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m\"]},"
        "            {\"id\": \"b\", \"mentors\": [\"m\"], \"requires\": {\"c\": 5}}],"
        " \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"a\"}, {\"idea\": \"b\"}]}],"
        " \"fixed\": [{\"student\": \"s\", \"idea\": \"b\", \"mentor\": \"m\"}]}";
    run r;
    const mm_assignment *a;

    (void)state;
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    a = assignment_of(&r, "s");
    assert_non_null(a);
    assert_string_equal(a->idea, "b");
    assert_string_equal(a->mentor, "m");
    finish(&r);
}

/* Conflicts remove the mentor, not the idea, while another mentor remains. */
static void test_conflict_moves_lead_to_other_mentor(void **state)
{
    static const char doc[] =
        "{\"mentors\": [{\"id\": \"m1\"}, {\"id\": \"m2\"}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m1\", \"m2\"]}],"
        " \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"a\"}]}],"
        " \"conflicts\": [{\"mentor\": \"m1\", \"student\": \"s\"}]}";
    run r;
    const mm_assignment *a;

    (void)state;
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    a = assignment_of(&r, "s");
    assert_non_null(a);
    assert_string_equal(a->mentor, "m2");
    finish(&r);
}

/* count-then-score prefers two assignments over one better one; score
 * prefers the better one. s1 can take a (score high) or b; s2 only a. */
static void test_objectives_differ_as_specified(void **state)
{
    static const char fmt[] =
        "{\"settings\": {\"objective\": \"%s\", \"weights\": {\"preference\": 0, \"skill\": 0}},"
        " \"mentors\": [{\"id\": \"m\", \"capacity\": 2}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m\"]}, {\"id\": \"b\", \"mentors\": [\"m\"]}],"
        " \"students\": [{\"id\": \"s1\", \"applications\": [{\"idea\": \"a\"}, {\"idea\": \"b\"}]},"
        "               {\"id\": \"s2\", \"applications\": [{\"idea\": \"a\"}]}],"
        " \"ratings\": [{\"mentor\": \"m\", \"student\": \"s1\", \"idea\": \"a\", \"score\": 5},"
        "             {\"mentor\": \"m\", \"student\": \"s1\", \"idea\": \"b\", \"score\": 1},"
        "             {\"mentor\": \"m\", \"student\": \"s2\", \"idea\": \"a\", \"score\": 1}]}";
    char doc[sizeof fmt + 32];
    size_t assigned;
    double score;
    run r;

    (void)state;
    snprintf(doc, sizeof doc, fmt, "count-then-score");
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    mm_result_objective(r.result, &assigned, &score);
    assert_int_equal(assigned, 2);
    assert_float_equal(score, 0.0, 1e-9);
    finish(&r);

    snprintf(doc, sizeof doc, fmt, "score");
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    mm_result_objective(r.result, &assigned, &score);
    assert_int_equal(assigned, 1);
    assert_float_equal(score, 1.0, 1e-9);
    finish(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_components_match_hand_computation),
        cmocka_unit_test(test_default_rating_and_explicit_rank),
        cmocka_unit_test(test_unrated_without_default_and_missing_skill),
        cmocka_unit_test(test_min_rating_excludes_low_rated_application),
        cmocka_unit_test(test_fixed_pair_ignores_thresholds),
        cmocka_unit_test(test_conflict_moves_lead_to_other_mentor),
        cmocka_unit_test(test_objectives_differ_as_specified),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
