/* The mentor pages' library API (include/mentormatch/preview.h): one set
 * serves every mentor; a page from the set is the single-mentor page; the
 * headline counts the 2015 example's dscott as the issue states (load 2 of
 * 2); unknown and repeated mentors are refused with a diagnostic; every
 * allocation failure of a whole run ends in MM_ENOMEM with nothing leaked
 * (LeakSanitizer in the sanitizer build). */
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

static mm_problem *read_problem(const char *path)
{
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;

    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_file(&problem, path, NULL, diags), 0);
    mm_diags_free(diags);
    return problem;
}

/* The page written in `format`, as a new string. */
static char *page_text(const mm_mentor_page *page, mm_page_format format)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    assert_non_null(out);
    assert_int_equal(mm_mentor_page_write(page, format, out), 0);
    fclose(out);
    return text;
}

static void test_one_set_serves_every_mentor(void **state)
{
    mm_problem *p = read_problem(MM_EXAMPLES "/xen-2015.json");
    mm_preview_options opts = MM_PREVIEW_OPTIONS_INIT;
    mm_preview_set *set = NULL;
    mm_preview_result *one = NULL;
    mm_mentor_page *page = NULL;
    mm_mentor_headline h;
    size_t k, n;
    char *a, *b;

    (void)state;
    opts.samples = 40;
    assert_int_equal(mm_preview_all(&set, p, NULL, 0, &opts, NULL), 0);
    n = mm_preview_set_count(set);
    assert_int_equal(n, 13);
    for (k = 0; k < n && strcmp(mm_preview_set_mentor(set, k), "dscott") != 0; k++)
        ;
    assert_true(k < n);
    assert_null(mm_preview_set_mentor(set, n));
    assert_int_equal(mm_preview_page(&page, set, k), 0);
    mm_mentor_page_headline(page, &h);
    assert_string_equal(h.mentor, "dscott");
    assert_int_equal(h.load, 1); /* the tie rule gives s001 to avsm */
    assert_int_equal(h.capacity, 2);
    assert_int_equal(h.ideas, 2);
    assert_int_equal(h.filled, 2); /* mirage-pioneer 2 of 2, xl-to-xcp 0 of 1 */
    assert_int_equal(h.slots, 3);
    assert_int_equal(mm_preview(&one, p, "dscott", &opts, NULL), 0);
    for (int f = MM_PAGE_TEXT; f <= MM_PAGE_HTML; f++) {
        a = page_text(page, (mm_page_format)f);
        b = page_text(mm_preview_result_page(one), (mm_page_format)f);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    assert_int_equal(mm_preview_write(one, MM_FORMAT_CSV, stdout), MM_EINVALID);
    mm_preview_free(one);
    mm_mentor_page_free(page);
    mm_preview_set_free(set);
    mm_problem_free(p);
}

static void test_unknown_and_repeated_mentors(void **state)
{
    mm_problem *p = read_problem(MM_EXAMPLES "/xen-2015.json");
    const char *unknown[] = {"dscott", "nobody"}, *twice[] = {"wliu", "wliu"};
    mm_preview_set *set = NULL;
    mm_diags *diags = NULL;

    (void)state;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_preview_all(&set, p, unknown, 2, NULL, diags), MM_EINVALID);
    assert_null(set);
    assert_int_equal(mm_diags_count(diags), 1);
    assert_non_null(strstr(mm_diags_get(diags, 0)->message, "unknown mentor \"nobody\""));
    mm_diags_free(diags);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_preview_all(&set, p, twice, 2, NULL, diags), MM_EINVALID);
    assert_non_null(strstr(mm_diags_get(diags, 0)->message, "named twice"));
    mm_diags_free(diags);
    mm_problem_free(p);
}

/* A whole run: set, every page, every format, the index. */
static int run_all(const mm_problem *p)
{
    mm_preview_options opts = MM_PREVIEW_OPTIONS_INIT;
    mm_preview_set *set = NULL;
    mm_mentor_headline rows[16];
    FILE *sink = fopen("/dev/null", "w");
    int rc;

    opts.samples = 3;
    opts.jobs = 1; /* the count of allocations must not depend on a schedule */
    rc = mm_preview_all(&set, p, NULL, 0, &opts, NULL);
    for (size_t k = 0; rc == 0 && k < mm_preview_set_count(set) && k < 16; k++) {
        mm_mentor_page *page = NULL;
        rc = mm_preview_page(&page, set, k);
        for (int f = MM_PAGE_TEXT; rc == 0 && f <= MM_PAGE_HTML; f++)
            rc = mm_mentor_page_write(page, (mm_page_format)f, sink);
        if (rc == 0)
            mm_mentor_page_headline(page, &rows[k]);
        mm_mentor_page_free(page);
    }
    if (rc == 0)
        rc = mm_preview_index_write(set, rows, NULL, mm_preview_set_count(set), MM_PAGE_HTML, sink);
    mm_preview_set_free(set);
    fclose(sink);
    return rc;
}

/* Every allocation of a whole run on p failed in turn: MM_ENOMEM, nothing leaked. */
static void every_failure_is_clean(const mm_problem *p)
{
    unsigned long total, failures = 0;

    mm_alloc_fail_after(0);
    assert_int_equal(run_all(p), 0);
    total = mm_alloc_count();
    for (unsigned long n = 1; n <= total; n++) {
        int rc;
        mm_alloc_fail_after(n);
        rc = run_all(p);
        mm_alloc_fail_after(0);
        failures += rc != 0;
        if (rc != 0 && rc != MM_ENOMEM)
            fail_msg("failing allocation %lu of %lu gave %d (%s)", n, total, rc, mm_strerror(rc));
    }
    assert_true(failures > 0);
}

static void test_every_allocation_failure_is_clean(void **state)
{
    mm_problem *p = read_problem(MM_EXAMPLES "/../tests/report/hostile.json");

    (void)state;
    every_failure_is_clean(p);
    mm_problem_free(p);
}

/* Issue 17 (iss17-pages): a document whose quota binds (kvm takes at most
 * 2 MIT students; s3 is kept out): the page's quota cells and the
 * thresholds' quota path (the relaxed flow, re-solves) fail cleanly too. */
static const char QUOTA_DOC[] =
    "{\"orgs\": [{\"id\": \"xen\"}, {\"id\": \"kvm\"}],"
    " \"mentors\": [{\"id\": \"anne\", \"capacity\": 4}, {\"id\": \"bob\", \"capacity\": 4}],"
    " \"ideas\": [{\"id\": \"x1\", \"org\": \"xen\", \"mentors\": [\"anne\"], \"slots\": 3},"
    "  {\"id\": \"k1\", \"org\": \"kvm\", \"mentors\": [\"bob\", \"anne\"], \"slots\": 4}],"
    " \"students\": ["
    "  {\"id\": \"s1\", \"attributes\": {\"u\": \"MIT\"}, \"applications\": [{\"idea\": \"k1\"}]},"
    "  {\"id\": \"s2\", \"attributes\": {\"u\": \"MIT\"}, \"applications\": [{\"idea\": \"k1\"}]},"
    "  {\"id\": \"s3\", \"attributes\": {\"u\": \"MIT\"}, \"applications\": [{\"idea\": \"k1\"}, {\"idea\": \"x1\"}]},"
    "  {\"id\": \"s4\", \"attributes\": {\"u\": \"TU\"}, \"applications\": [{\"idea\": \"k1\"}]}],"
    " \"ratings\": [{\"mentor\": \"bob\", \"student\": \"s1\", \"idea\": \"k1\", \"score\": 4},"
    "  {\"mentor\": \"bob\", \"student\": \"s3\", \"idea\": \"k1\", \"score\": 3}],"
    " \"quotas\": [{\"id\": \"cap\", \"attribute\": \"u\", \"per\": \"org\", \"max\": 2},"
    "  {\"id\": \"one\", \"attribute\": \"u\", \"value\": \"TU\", \"min\": 1}]}";

static void test_every_allocation_failure_with_quotas_is_clean(void **state)
{
    mm_diags *diags = NULL;
    mm_problem *p = NULL;

    (void)state;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_buffer(&p, QUOTA_DOC, sizeof QUOTA_DOC - 1, NULL, diags), 0);
    mm_diags_free(diags);
    every_failure_is_clean(p);
    mm_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_set_serves_every_mentor),
        cmocka_unit_test(test_unknown_and_repeated_mentors),
        cmocka_unit_test(test_every_allocation_failure_is_clean),
        cmocka_unit_test(test_every_allocation_failure_with_quotas_is_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
