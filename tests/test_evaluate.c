/* evaluate and diff through the public API: every constraint family named
 * at its place, the optimum evaluated as optimal, moves between two result
 * documents; and every allocation of both failed in turn. */
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

/* Four ideas, five students, every cap and threshold: small enough to see
 * each case through. Its optimum: s1 on i1 with bob (fixed), one more. */
static const char INSTANCE[] =
    "{\"program\": {\"slots\": 2},"
    " \"settings\": {\"max_rank\": 2, \"min_skill\": 0.5, \"min_rating\": 2, \"default_rating\": 3},"
    " \"orgs\": [{\"id\": \"o\", \"slots\": 1}],"
    " \"mentors\": [{\"id\": \"ann\"}, {\"id\": \"bob\", \"min_load\": 1}, {\"id\": \"cy\", \"capacity\": 3}],"
    " \"ideas\": [{\"id\": \"i1\", \"mentors\": [\"ann\", \"bob\"], \"org\": \"o\"},"
    "   {\"id\": \"i2\", \"mentors\": [\"cy\"]}, {\"id\": \"i3\", \"mentors\": [\"ann\"], \"slots\": 2},"
    "   {\"id\": \"i4\", \"mentors\": [\"cy\"], \"requires\": {\"c\": 4}}],"
    " \"students\": ["
    "   {\"id\": \"s1\", \"applications\": [{\"idea\": \"i1\"}, {\"idea\": \"i2\"}]},"
    "   {\"id\": \"s2\", \"applications\": [{\"idea\": \"i1\"}, {\"idea\": \"i3\"}]},"
    "   {\"id\": \"s3\", \"applications\": [{\"idea\": \"i2\"}, {\"idea\": \"i3\"}]},"
    "   {\"id\": \"s4\", \"applications\": [{\"idea\": \"i3\"}]},"
    "   {\"id\": \"s5\", \"skills\": {\"c\": 1},"
    "    \"applications\": [{\"idea\": \"i4\"}, {\"idea\": \"i2\"}, {\"idea\": \"i3\"}]}],"
    " \"ratings\": [{\"mentor\": \"cy\", \"student\": \"s5\", \"idea\": \"i2\", \"score\": 1}],"
    " \"conflicts\": [{\"mentor\": \"ann\", \"student\": \"s4\"}],"
    " \"forbidden\": [{\"student\": \"s3\", \"idea\": \"i2\"}],"
    " \"fixed\": [{\"student\": \"s1\", \"idea\": \"i1\", \"mentor\": \"bob\"}]}";

#define FIXED_OK "{\"student\": \"s1\", \"idea\": \"i1\", \"mentor\": \"bob\"}"

typedef struct {
    const char *assignment, *place, *message; /* message: the start of one */
} family_case;

static const family_case FAMILIES[] = {
    {"[" FIXED_OK ", {\"student\": \"s1\", \"idea\": \"i2\", \"mentor\": \"cy\"}]", "[1]",
     "one idea per student: student \"s1\" is already assigned at [0]"},
    {"{\"assignments\": [" FIXED_OK ", {\"student\": \"s1\", \"idea\": \"i2\"}]}", "assignments[1]",
     "one idea per student: student \"s1\" is already assigned at assignments[0]"},
    {"[" FIXED_OK ", {\"student\": \"zz\", \"idea\": \"i2\"}]", "[1].student", "unknown student \"zz\""},
    {"[" FIXED_OK ", {\"student\": \"s2\", \"idea\": \"i9\"}]", "[1].idea", "unknown idea \"i9\""},
    {"[{\"student\": \"s1\", \"idea\": \"i1\", \"mentor\": \"dan\"}]", "[0].mentor", "unknown mentor \"dan\""},
    {"[" FIXED_OK ", {\"student\": \"s4\", \"idea\": \"i2\", \"mentor\": \"cy\"}]", "[1]",
     "not an application: student \"s4\" did not apply to idea \"i2\""},
    {"[" FIXED_OK ", {\"student\": \"s3\", \"idea\": \"i2\"}]", "[1]",
     "not eligible: student \"s3\" on idea \"i2\": forbidden"},
    {"[" FIXED_OK ", {\"student\": \"s4\", \"idea\": \"i3\", \"mentor\": \"ann\"}]", "[1]",
     "not eligible: student \"s4\" on idea \"i3\": every mentor of the idea in conflict (conflicts)"},
    {"[" FIXED_OK ", {\"student\": \"s4\", \"idea\": \"i3\", \"mentor\": \"ann\"}]", "[1].mentor",
     "conflicts: mentor \"ann\" is in conflict with student \"s4\""},
    {"[" FIXED_OK ", {\"student\": \"s5\", \"idea\": \"i4\"}]", "[1]",
     "not eligible: student \"s5\" on idea \"i4\": skill 0.25 below min_skill 0.5"},
    {"[" FIXED_OK ", {\"student\": \"s5\", \"idea\": \"i2\"}]", "[1]",
     "not eligible: student \"s5\" on idea \"i2\": rating 1 below min_rating 2"},
    {"[" FIXED_OK ", {\"student\": \"s5\", \"idea\": \"i3\"}]", "[1]",
     "not eligible: student \"s5\" on idea \"i3\": rank 3 above max_rank 2"},
    {"[{\"student\": \"s1\", \"idea\": \"i1\", \"mentor\": \"cy\"}]", "[0].mentor",
     "lead mentor: \"cy\" is not a mentor of idea \"i1\""},
    {"[{\"student\": \"s1\", \"idea\": \"i1\"}]", "[0].mentor",
     "lead mentor: none given, and idea \"i1\" has 2 mentors who may lead student \"s1\"; name one"},
    {"[{\"student\": \"s1\", \"idea\": \"i1\"}]", "[0]",
     "fixed pair: fixed[0] (student \"s1\", idea \"i1\") is not assigned: this entry is left out"},
    {"[" FIXED_OK ", {\"student\": \"s2\", \"idea\": \"i1\", \"mentor\": \"ann\"}]", "[1]",
     "idea slots: idea \"i1\" filled 2, slots 1 ([0], [1])"},
    {"[" FIXED_OK ", {\"student\": \"s2\", \"idea\": \"i1\", \"mentor\": \"ann\"}]", "[1]",
     "org slots: org \"o\" filled 2, slots 1 ([0], [1])"},
    {"[" FIXED_OK ", {\"student\": \"s2\", \"idea\": \"i3\"}, {\"student\": \"s3\", \"idea\": \"i3\"}]",
     "[2]", "mentor capacity: mentor \"ann\" load 2, capacity 1 ([1], [2])"},
    {"[" FIXED_OK ", {\"student\": \"s2\", \"idea\": \"i3\"}, {\"student\": \"s3\", \"idea\": \"i3\"}]",
     "[2]", "program slots: 3 assigned, program slots 2"},
    {"[{\"student\": \"s2\", \"idea\": \"i3\"}]", "(root)", "min_load: mentor \"bob\" load 0, min_load 1"},
    {"[{\"student\": \"s2\", \"idea\": \"i3\"}]", "(root)",
     "fixed pair: fixed[0] (student \"s1\", idea \"i1\") is not assigned"},
    {"{\"assignments\": []}", "assignments", "fixed pair: fixed[0] (student \"s1\", idea \"i1\") is not assigned"},
    {"[{\"student\": \"s1\", \"idea\": \"i1\", \"mentor\": \"ann\"}]", "[0].mentor",
     "fixed pair: fixed[0] wants mentor \"bob\" to lead student \"s1\", not \"ann\""},
    {"[{\"student\": \"s1\", \"idea\": \"i2\"}]", "[0]",
     "fixed pair: fixed[0] puts student \"s1\" on idea \"i1\", not \"i2\""},
};

static mm_problem *read_instance(void)
{
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;

    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_buffer(&problem, INSTANCE, strlen(INSTANCE), NULL, diags), 0);
    mm_diags_free(diags);
    return problem;
}

static int has_diag(const mm_diags *diags, const char *place, const char *message)
{
    for (size_t k = 0; k < mm_diags_count(diags); k++) {
        const mm_diag *d = mm_diags_get(diags, k);
        if (strcmp(d->place, place) == 0 && strncmp(d->message, message, strlen(message)) == 0)
            return 1;
    }
    return 0;
}

static void print_diags(const mm_diags *diags)
{
    for (size_t k = 0; k < mm_diags_count(diags); k++)
        print_message("  %s: %s\n", mm_diags_get(diags, k)->place, mm_diags_get(diags, k)->message);
}

static void test_each_family_is_named_at_its_place(void **state)
{
    mm_problem *problem = read_instance();

    (void)state;
    for (size_t k = 0; k < sizeof FAMILIES / sizeof FAMILIES[0]; k++) {
        const family_case *c = &FAMILIES[k];
        mm_diags *diags = NULL;
        mm_result *result = NULL;
        mm_evaluation e;
        assert_int_equal(mm_diags_new(&diags), 0);
        assert_int_equal(mm_evaluate_buffer(&result, problem, c->assignment, strlen(c->assignment), diags), 0);
        assert_int_equal(mm_result_evaluation(result, &e), 0);
        if (!has_diag(diags, c->place, c->message)) {
            print_diags(diags);
            fail_msg("case %zu: no \"%s: %s\"", k, c->place, c->message);
        }
        assert_false(e.feasible);
        assert_int_equal(e.violations, mm_diags_error_count(diags));
        assert_int_equal(mm_result_status(result), MM_STATUS_INFEASIBLE);
        mm_result_free(result);
        mm_diags_free(diags);
    }
    mm_problem_free(problem);
}

/* The result document of a solve, in memory. */
static char *solve_to_json(const mm_problem *problem, size_t *len)
{
    mm_diags *diags = NULL;
    mm_result *result = NULL;
    char *text = NULL;
    FILE *out = open_memstream(&text, len);

    assert_non_null(out);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_solve(&result, problem, NULL, diags), 0);
    assert_int_equal(mm_result_write(result, MM_FORMAT_JSON, out), 0);
    fclose(out);
    mm_result_free(result);
    mm_diags_free(diags);
    return text;
}

static void test_optimum_evaluates_optimal_with_no_gap(void **state)
{
    mm_problem *problem = read_instance();
    mm_diags *diags = NULL;
    mm_result *result = NULL;
    mm_evaluation e;
    size_t len, assigned;
    char *optimum = solve_to_json(problem, &len);

    (void)state;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_evaluate_buffer(&result, problem, optimum, len, diags), 0);
    assert_int_equal(mm_diags_count(diags), 0);
    assert_int_equal(mm_result_evaluation(result, &e), 0);
    assert_true(e.feasible && e.has_optimum);
    assert_int_equal(e.violations, 0);
    assert_int_equal(e.gap_assigned, 0);
    assert_true(e.gap_score == 0);
    mm_result_objective(result, &assigned, NULL);
    assert_int_equal(assigned, 2);
    assert_int_equal(mm_result_status(result), MM_STATUS_OPTIMAL);
    free(optimum);
    mm_result_free(result);
    mm_diags_free(diags);
    mm_problem_free(problem);
}

static void test_fewer_assignments_are_feasible_with_a_gap(void **state)
{
    static const char assignment[] = "[" FIXED_OK "]";
    mm_problem *problem = read_instance();
    mm_diags *diags = NULL;
    mm_result *result = NULL;
    mm_evaluation e;

    (void)state;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_evaluate_buffer(&result, problem, assignment, strlen(assignment), diags), 0);
    assert_int_equal(mm_diags_count(diags), 0);
    assert_int_equal(mm_result_evaluation(result, &e), 0);
    assert_true(e.feasible);
    assert_int_equal(e.gap_assigned, 1);
    assert_true(e.gap_score > 0);
    assert_int_equal(mm_result_status(result), MM_STATUS_FEASIBLE);
    mm_result_free(result);
    mm_diags_free(diags);
    mm_problem_free(problem);
}

static void test_malformed_assignment_is_invalid(void **state)
{
    static const struct {
        const char *text, *place;
    } cases[] = {
        {"7", "(root)"},
        {"{}", "assignments"},
        {"[1]", "[0]"},
        {"[{\"idea\": \"i1\"}]", "[0].student"},
        {"[{\"student\": \"s1\", \"idea\": \"i1\", \"mentor\": 3}]", "[0].mentor"},
    };
    mm_problem *problem = read_instance();

    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        mm_diags *diags = NULL;
        mm_result *result = NULL;
        assert_int_equal(mm_diags_new(&diags), 0);
        assert_int_equal(mm_evaluate_buffer(&result, problem, cases[k].text, strlen(cases[k].text), diags),
                         MM_EINVALID);
        assert_null(result);
        assert_string_equal(mm_diags_get(diags, 0)->place, cases[k].place);
        mm_diags_free(diags);
    }
    mm_problem_free(problem);
}

#define DOC(assignments)                                                                      \
    "{\"objective\": {\"assigned\": 2, \"score\": 3}, \"assignments\": [" assignments "],"    \
    " \"metrics\": {\"assigned\": 2, \"unassigned\": 1, \"by_rank\": [2], \"mean_rank\": 1}}"
#define ENTRY(s, i, m) "{\"student\": \"" s "\", \"idea\": \"" i "\", \"mentor\": \"" m "\", \"rank\": 1, \"score\": 1.5}"

static mm_result_doc *read_doc(const char *text)
{
    mm_diags *diags = NULL;
    mm_result_doc *doc = NULL;

    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_result_doc_read_buffer(&doc, text, strlen(text), diags), 0);
    mm_diags_free(diags);
    return doc;
}

static void test_diff_lists_who_moved_by_student(void **state)
{
    mm_result_doc *a = read_doc(DOC(ENTRY("s1", "i1", "bob") "," ENTRY("s2", "i3", "ann") "," ENTRY("s3", "i2", "cy")));
    mm_result_doc *b = read_doc(DOC(ENTRY("s4", "i3", "cy") "," ENTRY("s1", "i1", "ann") "," ENTRY("s3", "i2", "cy")));
    mm_diff *d = NULL;

    (void)state;
    assert_int_equal(mm_diff_new(&d, a, b), 0);
    assert_int_equal(mm_diff_move_count(d), 3);
    assert_string_equal(mm_diff_move(d, 0)->student, "s1");
    assert_int_equal(mm_diff_move(d, 0)->kind, MM_MOVE_CHANGED);
    assert_string_equal(mm_diff_move(d, 0)->b->mentor, "ann");
    assert_string_equal(mm_diff_move(d, 1)->student, "s2");
    assert_int_equal(mm_diff_move(d, 1)->kind, MM_MOVE_ONLY_IN_A);
    assert_null(mm_diff_move(d, 1)->b);
    assert_string_equal(mm_diff_move(d, 2)->student, "s4");
    assert_int_equal(mm_diff_move(d, 2)->kind, MM_MOVE_ONLY_IN_B);
    assert_null(mm_diff_move(d, 3));
    mm_diff_free(d);
    mm_result_doc_free(a);
    mm_result_doc_free(b);
}

static void test_not_a_result_document_names_the_place(void **state)
{
    static const char text[] = DOC(ENTRY("s1", "i1", "bob") "," ENTRY("s1", "i2", "cy"));
    mm_diags *diags = NULL;
    mm_result_doc *doc = NULL;

    (void)state;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_result_doc_read_buffer(&doc, text, strlen(text), diags), MM_EINVALID);
    assert_null(doc);
    assert_string_equal(mm_diags_get(diags, 0)->place, "assignments[1].student");
    mm_diags_free(diags);
}

/* A result sheet (solve --format csv, edited): each problem at its row,
 * the column named in the place, as the CLI prints FILE:ROW: PLACE. */
typedef struct {
    const char *sheet;
    int line;
    const char *place, *message;
} sheet_case;

static const sheet_case SHEET_CASES[] = {
    {"student,idea,mentor\ns1,i1,bob\nzz,i2,\n", 3, "column 'student'", "unknown student \"zz\""},
    {"\xef\xbb\xbfStudent;Idea;Mentor\r\ns1;i1;bob\r\ns2;I3;\r\n", 3, "column 'idea'",
     "unknown idea \"I3\"; did you mean \"i3\"?"},
    {"student,idea,mentor\n\"s1\",i1,bob\ns1,,\n", 3, "",
     "one idea per student: student \"s1\" is already listed at row 2: keep one row per student"},
    {"name\tstudent\tidea\nx\ts1\ti1\n", 2, "column 'mentor'",
     "lead mentor: none given, and idea \"i1\" has 2 mentors who may lead student \"s1\"; name one"},
    {"student,idea,mentor\ns1,i1,bob\ns2,i1,ann\n", 3, "",
     "idea slots: idea \"i1\" filled 2, slots 1 (row 2, row 3)"},
};

static void test_sheet_problems_are_named_at_their_rows(void **state)
{
    mm_problem *problem = read_instance();

    (void)state;
    for (size_t k = 0; k < sizeof SHEET_CASES / sizeof SHEET_CASES[0]; k++) {
        const sheet_case *c = &SHEET_CASES[k];
        mm_diags *diags = NULL;
        mm_result *result = NULL;
        int found = 0;
        assert_int_equal(mm_diags_new(&diags), 0);
        assert_int_equal(mm_evaluate_buffer(&result, problem, c->sheet, strlen(c->sheet), diags), 0);
        for (size_t j = 0; j < mm_diags_count(diags); j++) {
            const mm_diag *d = mm_diags_get(diags, j);
            found |= d->line == c->line && d->column == 0 && strcmp(d->place, c->place) == 0 &&
                     strcmp(d->message, c->message) == 0;
        }
        if (!found) {
            print_diags(diags);
            fail_msg("sheet case %zu: no row %d \"%s: %s\"", k, c->line, c->place, c->message);
        }
        assert_int_equal(mm_result_status(result), MM_STATUS_INFEASIBLE);
        mm_result_free(result);
        mm_diags_free(diags);
    }
    mm_problem_free(problem);
}

/* solve --format csv, read back by evaluate and diff, is the optimum. */
static void test_sheet_reads_back_as_the_optimum(void **state)
{
    mm_problem *problem = read_instance();
    mm_diags *diags = NULL;
    mm_result *solved = NULL, *given = NULL;
    mm_result_doc *doc = NULL;
    char *sheet = NULL;
    size_t len = 0, assigned = 0;
    double score = 0;
    FILE *out = open_memstream(&sheet, &len);

    (void)state;
    assert_non_null(out);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_solve(&solved, problem, NULL, diags), 0);
    assert_int_equal(mm_result_write(solved, MM_FORMAT_CSV, out), 0);
    fclose(out);
    assert_int_equal(mm_evaluate_buffer(&given, problem, sheet, len, diags), 0);
    assert_int_equal(mm_result_status(given), MM_STATUS_OPTIMAL);
    assert_int_equal(mm_result_doc_read_buffer(&doc, sheet, len, diags), 0);
    mm_result_doc_objective(doc, &assigned, &score);
    assert_int_equal(assigned, mm_result_assignment_count(solved));
    assert_int_equal(mm_diags_error_count(diags), 0);
    mm_result_doc_free(doc);
    mm_result_free(given);
    mm_result_free(solved);
    mm_diags_free(diags);
    free(sheet);
    mm_problem_free(problem);
}

/* One evaluation and one diff; @return the first non-zero code, or 0. The
 * documents hold no number longer than 15 characters: jansson (2.14)
 * asserts when it runs out of memory inside such a number (jansson issue
 * 362), which is not ours to test. */
static int run_both(const mm_problem *problem)
{
    static const char doc_a[] = DOC(ENTRY("s1", "i1", "bob") "," ENTRY("s2", "i3", "ann"));
    static const char doc_b[] = DOC(ENTRY("s1", "i1", "ann"));
    static const char broken[] = "[" FIXED_OK ", {\"student\": \"s2\", \"idea\": \"i3\"},"
                                 " {\"student\": \"s3\", \"idea\": \"i3\"}, {\"student\": \"s2\", \"idea\": \"i1\"},"
                                 " {\"student\": \"zz\", \"idea\": \"i1\"}]";
    static const char sheet[] = "student;idea;mentor;rank;score\r\ns1;i1;bob;1;2.5\r\ns2;;;;\r\n"
                                "s3;i3x;;;\r\n";
    mm_diags *diags = NULL;
    mm_result *result = NULL;
    mm_result_doc *a = NULL, *b = NULL;
    mm_diff *d = NULL;
    FILE *sink = fopen("/dev/null", "w");
    int rc = mm_diags_new(&diags);

    if (rc == 0)
        rc = mm_evaluate_buffer(&result, problem, broken, strlen(broken), diags);
    if (rc == 0)
        rc = mm_result_write(result, MM_FORMAT_TABLE, sink);
    if (rc == 0)
        rc = mm_result_doc_read_buffer(&a, doc_a, strlen(doc_a), diags);
    if (rc == 0)
        rc = mm_result_doc_read_buffer(&b, doc_b, strlen(doc_b), diags);
    if (rc == 0)
        rc = mm_diff_new(&d, a, b);
    if (rc == 0)
        rc = mm_diff_write(d, MM_FORMAT_JSON, sink);
    mm_diff_free(d);
    mm_result_doc_free(a);
    mm_result_free(result);
    d = NULL, a = NULL, result = NULL;
    if (rc == 0)
        rc = mm_evaluate_buffer(&result, problem, sheet, strlen(sheet), diags);
    if (rc == 0)
        rc = mm_result_write(result, MM_FORMAT_CSV, sink);
    if (rc == 0)
        rc = mm_result_doc_read_buffer(&a, sheet, strlen(sheet), diags);
    if (rc == 0)
        rc = mm_diff_new(&d, a, b);
    fclose(sink);
    mm_diff_free(d);
    mm_result_doc_free(a);
    mm_result_doc_free(b);
    mm_result_free(result);
    mm_diags_free(diags);
    return rc;
}

static void test_every_allocation_failure_is_clean(void **state)
{
    mm_problem *problem = read_instance();
    unsigned long total;

    (void)state;
    mm_alloc_fail_after(0);
    assert_int_equal(run_both(problem), 0);
    total = mm_alloc_count();
    for (unsigned long n = 1; n <= total; n++) {
        int rc;
        mm_alloc_fail_after(n);
        rc = run_both(problem);
        mm_alloc_fail_after(0);
        if (rc != 0 && rc != MM_ENOMEM)
            fail_msg("failing allocation %lu of %lu gave %d (%s)", n, total, rc, mm_strerror(rc));
    }
    print_message("evaluate and diff: %lu allocations, each failed once\n", total);
    mm_problem_free(problem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_family_is_named_at_its_place),
        cmocka_unit_test(test_optimum_evaluates_optimal_with_no_gap),
        cmocka_unit_test(test_fewer_assignments_are_feasible_with_a_gap),
        cmocka_unit_test(test_malformed_assignment_is_invalid),
        cmocka_unit_test(test_diff_lists_who_moved_by_student),
        cmocka_unit_test(test_not_a_result_document_names_the_place),
        cmocka_unit_test(test_sheet_problems_are_named_at_their_rows),
        cmocka_unit_test(test_sheet_reads_back_as_the_optimum),
        cmocka_unit_test(test_every_allocation_failure_is_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
