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

/* ---- issue 14, items 2 and 3 (fix-numbers) ------------------------------ */

/* SPEC 4: 0.6 / 6 (0.09999999999999999 in doubles) meets min_skill 0.1; 0.5999 / 6
 * does not. s1 keeps its first choice a, s2 falls back to b; the skill
 * weight is 0 so that only eligibility decides. */
static void test_min_skill_met_within_tolerance(void **state)
{
    static const char doc[] =
        "{\"settings\": {\"min_skill\": 0.1, \"weights\": {\"skill\": 0}},"
        " \"mentors\": [{\"id\": \"m\", \"capacity\": 2}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m\"], \"slots\": 2,"
        "              \"requires\": {\"c\": 3, \"go\": 3}},"
        "            {\"id\": \"b\", \"mentors\": [\"m\"], \"slots\": 2}],"
        " \"students\": [{\"id\": \"s1\", \"skills\": {\"c\": 0.6},"
        "                 \"applications\": [{\"idea\": \"a\"}, {\"idea\": \"b\"}]},"
        "                {\"id\": \"s2\", \"skills\": {\"c\": 0.5999},"
        "                 \"applications\": [{\"idea\": \"a\"}, {\"idea\": \"b\"}]}]}";
    run r;

    (void)state;
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    assert_non_null(assignment_of(&r, "s1"));
    assert_string_equal(assignment_of(&r, "s1")->idea, "a");
    assert_float_equal(assignment_of(&r, "s1")->skill, 0.1, 1e-12);
    assert_non_null(assignment_of(&r, "s2"));
    assert_string_equal(assignment_of(&r, "s2")->idea, "b");
    finish(&r);
}

/* min_rating 3: a mean 0.5e-9 below meets it (s1 keeps a), one 2e-9 below
 * fails it (s2 falls back to b, rated by default); 3 itself meets it (s3). */
static void test_min_rating_tolerance_both_sides(void **state)
{
    static const char doc[] =
        "{\"settings\": {\"min_rating\": 3, \"default_rating\": 3},"
        " \"mentors\": [{\"id\": \"m\", \"capacity\": 3}, {\"id\": \"n\"}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m\"], \"slots\": 3},"
        "            {\"id\": \"b\", \"mentors\": [\"m\"], \"slots\": 3}],"
        " \"students\": [{\"id\": \"s1\", \"applications\": [{\"idea\": \"a\"}, {\"idea\": \"b\"}]},"
        "                {\"id\": \"s2\", \"applications\": [{\"idea\": \"a\"}, {\"idea\": \"b\"}]},"
        "                {\"id\": \"s3\", \"applications\": [{\"idea\": \"a\"}, {\"idea\": \"b\"}]}],"
        " \"ratings\": [{\"mentor\": \"m\", \"student\": \"s1\", \"idea\": \"a\", \"score\": 3},"
        "             {\"mentor\": \"n\", \"student\": \"s1\", \"idea\": \"a\", \"score\": 2.999999999},"
        "             {\"mentor\": \"m\", \"student\": \"s2\", \"idea\": \"a\", \"score\": 2.999999998},"
        "             {\"mentor\": \"m\", \"student\": \"s3\", \"idea\": \"a\", \"score\": 3}]}";
    run r;

    (void)state;
    solve_text(&r, doc);
    assert_int_equal(r.solve_rc, 0);
    assert_non_null(assignment_of(&r, "s1"));
    assert_string_equal(assignment_of(&r, "s1")->idea, "a");
    assert_non_null(assignment_of(&r, "s2"));
    assert_string_equal(assignment_of(&r, "s2")->idea, "b");
    assert_non_null(assignment_of(&r, "s3"));
    assert_string_equal(assignment_of(&r, "s3")->idea, "a");
    finish(&r);
}

/* Every number at its bound: finite scores, as computed by hand, and the
 * same optimum from the network flow and from GLPK. s1 on i1: rating
 * (1e6 - -1e6) / 2e6 = 1, preference 1, skill 1, impact 1: 4e6. */
static void test_scores_at_the_bounds_are_finite(void **state)
{
    static const char doc[] =
        "{\"settings\": {\"rating_scale\": [-1e6, 1e6], \"default_rating\": 1e6,"
        "  \"min_rating\": -1e6, \"weights\": {\"rating\": 1e6, \"preference\": 1e6,"
        "  \"skill\": 1e6, \"impact\": 1e6}},"
        " \"mentors\": [{\"id\": \"m1\"}, {\"id\": \"m2\"}],"
        " \"ideas\": [{\"id\": \"i1\", \"mentors\": [\"m1\", \"m2\"], \"impact\": 5},"
        "            {\"id\": \"i2\", \"mentors\": [\"m2\"], \"impact\": 5}],"
        " \"students\": [{\"id\": \"s1\", \"applications\": [{\"idea\": \"i1\"}, {\"idea\": \"i2\"}]},"
        "                {\"id\": \"s2\", \"applications\": [{\"idea\": \"i2\"}, {\"idea\": \"i1\"}]}],"
        " \"ratings\": [{\"mentor\": \"m1\", \"student\": \"s1\", \"idea\": \"i1\", \"score\": 1e6},"
        "             {\"mentor\": \"m2\", \"student\": \"s1\", \"idea\": \"i1\", \"score\": 1e6},"
        "             {\"mentor\": \"m2\", \"student\": \"s2\", \"idea\": \"i2\", \"score\": -1e6}]}";
    static const mm_solver solvers[] = {MM_SOLVER_NETWORK, MM_SOLVER_GLPK};
    mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;
    size_t assigned;
    double score;
    char first[8] = "";
    run r;

    (void)state;
    for (size_t k = 0; k < 2; k++) {
        solve_text(&r, doc);
        mm_result_free(r.result);
        opts.solver = solvers[k];
        assert_int_equal(mm_solve(&r.result, r.problem, &opts, r.diags), 0);
        assert_string_equal(mm_result_solver(r.result), mm_solver_name(solvers[k]));
        mm_result_objective(r.result, &assigned, &score);
        assert_int_equal(assigned, 2);
        /* s1 on i1 4e6 and s2 on i2 (rating 0, the rest 1) 3e6; or, as
         * good, each on its second choice (unrated: default_rating) at
         * 3.5e6. The tie rule chooses, the same for both solvers. */
        assert_float_equal(score, 7e6, 1e-6);
        if (k == 0)
            snprintf(first, sizeof first, "%s", assignment_of(&r, "s1")->idea);
        assert_string_equal(assignment_of(&r, "s1")->idea, first);
        assert_float_equal(assignment_of(&r, "s1")->score,
                           strcmp(first, "i1") == 0 ? 4e6 : 3.5e6, 1e-6);
        finish(&r);
    }
}

/* Past a bound, the document is invalid at the place of the number. */
static void test_numbers_past_their_bounds_are_errors(void **state)
{
    static const char fmt[] =
        "{\"settings\": {%s}, \"mentors\": [{\"id\": \"m\"}],"
        " \"ideas\": [{\"id\": \"a\", \"mentors\": [\"m\"]}],"
        " \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"a\"}]}]%s}";
    static const char *const cases[][3] = {
        {"\"rating_scale\": [1, 1.7e308]", "", "settings.rating_scale[1]"},
        {"\"rating_scale\": [-1000001, 5]", "", "settings.rating_scale[0]"},
        {"\"rating_scale\": [0, 1e-300]", "", "settings.rating_scale"},
        {"\"weights\": {\"skill\": 1000001}", "", "settings.weights.skill"},
        {"\"min_rating\": 1e7", "", "settings.min_rating"},
        {"\"rating_scale\": [-1e6, 1e6], \"default_rating\": -1.5e6", "",
         "settings.default_rating"},
        {"\"rating_scale\": [-1e6, 1e6]",
         ", \"ratings\": [{\"mentor\": \"m\", \"student\": \"s\", \"idea\": \"a\", \"score\": 2e6}]",
         "ratings[0].score"},
    };
    char doc[sizeof fmt + 256];

    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        mm_diags *diags = NULL;
        mm_problem *p = NULL;
        snprintf(doc, sizeof doc, fmt, cases[k][0], cases[k][1]);
        assert_int_equal(mm_diags_new(&diags), 0);
        assert_int_equal(mm_problem_read_buffer(&p, doc, strlen(doc), NULL, diags), MM_EINVALID);
        assert_null(p);
        assert_int_equal(mm_diags_error_count(diags), 1);
        assert_string_equal(mm_diags_get(diags, 0)->place, cases[k][2]);
        mm_diags_free(diags);
    }
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
        cmocka_unit_test(test_min_skill_met_within_tolerance),
        cmocka_unit_test(test_min_rating_tolerance_both_sides),
        cmocka_unit_test(test_scores_at_the_bounds_are_finite),
        cmocka_unit_test(test_numbers_past_their_bounds_are_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
