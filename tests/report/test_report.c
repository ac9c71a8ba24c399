/* The report library: a document read back makes the page its result in
 * hand makes; a document of another input is refused with places; text is
 * escaped byte for byte; write errors and every allocation failure end
 * cleanly (LeakSanitizer checks the frees in the sanitizer build). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "mentormatch.h"
#include "report.h"

typedef struct {
    mm_problem *problem;
    mm_result *result;
    char doc_path[64]; /* the result document, written to a temporary file */
} fixture;

static mm_problem *read_problem(const char *path)
{
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;

    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_file(&problem, path, NULL, diags), 0);
    mm_diags_free(diags);
    return problem;
}

static void fixture_init(fixture *f, const char *input)
{
    mm_diags *diags = NULL;
    mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;
    FILE *doc;
    int fd;

    f->problem = read_problem(input);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_solve(&f->result, f->problem, &opts, diags), 0);
    mm_diags_free(diags);
    strcpy(f->doc_path, "/tmp/mm_test_report.XXXXXX");
    fd = mkstemp(f->doc_path);
    assert_true(fd >= 0);
    doc = fdopen(fd, "w");
    assert_non_null(doc);
    assert_int_equal(mm_result_write(f->result, MM_FORMAT_JSON, doc), 0);
    assert_int_equal(fclose(doc), 0);
}

static void fixture_dispose(fixture *f)
{
    unlink(f->doc_path);
    mm_result_free(f->result);
    mm_problem_free(f->problem);
}

/* The page of `report`, in a string the caller frees. */
static char *page_of(const mm_report *report)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    assert_non_null(out);
    assert_int_equal(mm_report_write_html(report, out), 0);
    assert_int_equal(fclose(out), 0);
    return text;
}

static void test_empty_report_is_invalid(void **state)
{
    fixture *f = *state;
    mm_report *report = NULL;
    FILE *sink = fopen("/dev/null", "w");

    assert_int_equal(mm_report_new(&report, f->problem), 0);
    assert_int_equal(mm_report_write_html(report, sink), MM_EINVALID);
    fclose(sink);
    mm_report_free(report);
}

/* Loads, fills, metrics and reasons counted back from the document are
 * the solver's: the two pages are the same bytes. */
static void test_document_read_back_makes_the_same_page(void **state)
{
    fixture *f = *state;
    mm_report *held = NULL, *read = NULL;
    mm_diags *diags = NULL;
    char *a, *b;

    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_report_new(&held, f->problem), 0);
    assert_int_equal(mm_report_new(&read, f->problem), 0);
    assert_int_equal(mm_report_add_result(held, f->result, "run"), 0);
    assert_int_equal(mm_report_add_file(read, f->doc_path, "run", diags), 0);
    assert_int_equal(mm_diags_count(diags), 0);
    a = page_of(held);
    b = page_of(read);
    assert_non_null(strstr(a, "<h2 id=\"unassigned\">"));
    assert_string_equal(a, b);
    free(a);
    free(b);
    mm_report_free(held);
    mm_report_free(read);
    mm_diags_free(diags);
}

static void test_document_of_another_input_is_refused_with_places(void **state)
{
    fixture *f = *state;
    mm_problem *other = read_problem(MM_EXAMPLES "/xen-2010-xcp.json");
    mm_report *report = NULL;
    mm_diags *diags = NULL;
    const mm_diag *d;

    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_report_new(&report, other), 0);
    assert_int_equal(mm_report_add_file(report, f->doc_path, NULL, diags), MM_EINVALID);
    assert_true(mm_diags_error_count(diags) > 0);
    d = mm_diags_get(diags, 0);
    assert_non_null(d->place);
    assert_memory_equal(d->place, "assignments[", 12);
    assert_non_null(strstr(d->message, "not in the input"));
    mm_report_free(report);
    mm_problem_free(other);
    mm_diags_free(diags);
}

static void test_text_is_escaped_byte_for_byte(void **state)
{
    static const char input[] = "a<b>&\"'\t\x01\x7f\xc3\xa9\xed\xa0\x80\xff\xe2\x82";
    static const char want[] = "a&lt;b&gt;&amp;&quot;&#39;\t"
                               "\xef\xbf\xbd\xef\xbf\xbd" /* control characters */
                               "\xc3\xa9"                 /* e acute, kept */
                               "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" /* a surrogate, 3 bytes */
                               "\xef\xbf\xbd"             /* 0xff */
                               "\xef\xbf\xbd\xef\xbf\xbd"; /* cut short at the end */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    (void)state;
    assert_non_null(out);
    mm_html_text(out, input);
    fclose(out);
    assert_string_equal(text, want);
    free(text);
}

static void test_write_error_is_reported(void **state)
{
    fixture *f = *state;
    mm_report *report = NULL;
    FILE *full = fopen("/dev/full", "w");

    if (!full)
        skip();
    assert_int_equal(mm_report_new(&report, f->problem), 0);
    assert_int_equal(mm_report_add_result(report, f->result, NULL), 0);
    assert_int_equal(mm_report_write_html(report, full), MM_EIO);
    fclose(full);
    mm_report_free(report);
}

/* A tiny problem and a result document written by hand: numbers kept
 * short, since jansson 2.14 asserts (lex_unget_unsave) when an allocation
 * fails while it lexes a number of 16 or more characters. */
static const char TINY[] =
    "{\"program\": {\"name\": \"tiny\", \"slots\": 3}, \"orgs\": [{\"id\": \"o\", \"slots\": 2}],"
    " \"mentors\": [{\"id\": \"m1\", \"capacity\": 2}, {\"id\": \"m2\"}],"
    " \"ideas\": [{\"id\": \"i1\", \"org\": \"o\", \"mentors\": [\"m1\"], \"slots\": 2},"
    "  {\"id\": \"i2\", \"mentors\": [\"m2\"]}],"
    " \"students\": [{\"id\": \"s1\", \"name\": \"Ann\", \"applications\": [{\"idea\": \"i1\"},"
    "  {\"idea\": \"i2\"}]}, {\"id\": \"s2\", \"applications\": [{\"idea\": \"i1\"}]},"
    "  {\"id\": \"s3\", \"applications\": [{\"idea\": \"i2\"}]}, {\"id\": \"s4\", \"applications\": []}]}";

static const char TINY_RESULT[] =
    "{\"status\": \"feasible\", \"strategy\": \"by hand\", \"objective\": {\"assigned\": 2,"
    " \"score\": 3.5}, \"assignments\": [{\"student\": \"s1\", \"idea\": \"i1\", \"mentor\": \"m1\","
    " \"rank\": 1, \"score\": 2}, {\"student\": \"s3\", \"idea\": \"i2\", \"mentor\": \"m2\","
    " \"rank\": 1, \"score\": 1.5}], \"unassigned\": [{\"student\": \"s2\", \"reason\":"
    " \"a reason written by hand\"}, {\"student\": \"s4\", \"reason\": \"no applications\"}],"
    " \"metrics\": {\"assigned\": 2, \"unassigned\": 2, \"by_rank\": [2], \"mean_rank\": 1},"
    " \"stats\": {\"seconds\": 0.25}}";

static void tiny_init(fixture *f)
{
    mm_diags *diags = NULL;
    FILE *doc;
    int fd;

    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_buffer(&f->problem, TINY, strlen(TINY), NULL, diags), 0);
    mm_diags_free(diags);
    f->result = NULL;
    strcpy(f->doc_path, "/tmp/mm_test_report.XXXXXX");
    fd = mkstemp(f->doc_path);
    assert_true(fd >= 0);
    doc = fdopen(fd, "w");
    assert_non_null(doc);
    assert_int_equal(fputs(TINY_RESULT, doc) >= 0, 1);
    assert_int_equal(fclose(doc), 0);
}

/* The document's own words: its reasons, status, strategy and time. */
static void test_document_says_why_and_how(void **state)
{
    fixture f;
    mm_report *report = NULL;
    mm_diags *diags = NULL;
    char *page;

    (void)state;
    tiny_init(&f);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_report_new(&report, f.problem), 0);
    assert_int_equal(mm_report_add_file(report, f.doc_path, "mine", diags), 0);
    page = page_of(report);
    assert_non_null(strstr(page, "<td>a reason written by hand</td>"));
    assert_non_null(strstr(page, "<b>by hand</b>"));
    assert_non_null(strstr(page, "<b>feasible</b>"));
    assert_non_null(strstr(page, "<b>250 ms</b>"));
    assert_non_null(strstr(page, "<b>2 / 4</b><span>students assigned"));
    assert_non_null(strstr(page, "<b>2 / 3</b><span>places filled")); /* program slots 3 */
    free(page);
    mm_report_free(report);
    mm_diags_free(diags);
    fixture_dispose(&f);
}

/* One pass: a report of a document, written out. */
static int run_report(const fixture *f, FILE *sink)
{
    mm_report *report = NULL;
    mm_diags *diags = NULL;
    int rc = mm_diags_new(&diags);

    if (rc == 0)
        rc = mm_report_new(&report, f->problem);
    if (rc == 0)
        rc = mm_report_add_file(report, f->doc_path, "read", diags);
    if (rc == 0)
        rc = mm_report_add_file(report, f->doc_path, NULL, diags);
    if (rc == 0)
        rc = mm_report_write_html(report, sink);
    mm_report_free(report);
    mm_diags_free(diags);
    return rc;
}

static void test_every_allocation_failure_is_clean(void **state)
{
    FILE *sink = fopen("/dev/null", "w");
    unsigned long total, failures = 0;
    fixture f;

    (void)state;
    tiny_init(&f);
    mm_alloc_fail_after(0);
    assert_int_equal(run_report(&f, sink), 0);
    total = mm_alloc_count();
    for (unsigned long n = 1; n <= total; n++) {
        int rc;
        mm_alloc_fail_after(n);
        rc = run_report(&f, sink);
        mm_alloc_fail_after(0);
        failures += rc != 0;
        if (rc != 0 && rc != MM_ENOMEM)
            fail_msg("failing allocation %lu of %lu gave %d (%s)", n, total, rc,
                     mm_strerror(rc));
    }
    printf("report: %lu allocations, each failed once; %lu runs gave MM_ENOMEM\n", total,
           failures);
    assert_true(failures > 0);
    fclose(sink);
    fixture_dispose(&f);
}

static int setup_2015(void **state)
{
    static fixture f;

    fixture_init(&f, MM_EXAMPLES "/xen-2015.json");
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture_dispose(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_report_is_invalid),
        cmocka_unit_test(test_document_read_back_makes_the_same_page),
        cmocka_unit_test(test_document_of_another_input_is_refused_with_places),
        cmocka_unit_test(test_text_is_escaped_byte_for_byte),
        cmocka_unit_test(test_write_error_is_reported),
        cmocka_unit_test(test_document_says_why_and_how),
        cmocka_unit_test(test_every_allocation_failure_is_clean),
    };
    return cmocka_run_group_tests(tests, setup_2015, teardown);
}
