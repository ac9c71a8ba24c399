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

/* The document mm_generate writes, in memory (caller frees). Not inlined:
 * GCC 12's -Wdangling-pointer then takes pointers into the returned text for
 * pointers to the local that open_memstream filled. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char *generate(const mm_generate_options *opts, size_t *len, int *rc)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);

    assert_non_null(f);
    *rc = mm_generate(opts, f);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* The document read back strictly, without a diagnostic (caller frees). */
static mm_problem *read_clean(const char *text, size_t len)
{
    mm_diags *diags = NULL;
    mm_problem *problem = NULL;
    mm_read_options ro = MM_READ_OPTIONS_INIT;

    ro.strict = 1;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_buffer(&problem, text, len, &ro, diags), 0);
    assert_int_equal(mm_diags_count(diags), 0);
    mm_diags_free(diags);
    return problem;
}

static void assert_reads_clean(const char *text, size_t len)
{
    mm_problem_free(read_clean(text, len));
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

/* Two documents with the same bytes; both freed. */
static void assert_same_bytes(char *a, size_t len_a, char *b, size_t len_b)
{
    assert_int_equal(len_a, len_b);
    assert_memory_equal(a, b, len_a);
    free(a);
    free(b);
}

static void test_null_options_are_the_defaults(void **state)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;
    size_t len1, len2;
    int rc1, rc2;
    char *a = generate(NULL, &len1, &rc1), *b = generate(&opts, &len2, &rc2);

    (void)state;
    assert_int_equal(rc1 | rc2, 0);
    assert_same_bytes(a, len1, b, len2);
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
    opts.ideas = 50;
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


/* ------------------------------------------------ issue 17 item 6, issue 18 item 4 (gen-attrs) */

static uint64_t fnv1a(const char *text, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)text[k]) * 0x100000001b3ULL;
    return h;
}

/* Options as the command line sets them: "students=500 ideas=50 ...". */
static mm_generate_options options_of(const char *spec)
{
    mm_generate_options o = MM_GENERATE_OPTIONS_INIT;
    char key[32];
    unsigned long long v;
    double x;
    int used;

    for (const char *c = spec; sscanf(c, " %31[a-z_]=%n", key, &used) == 1; c += used) {
        c += used;
        assert_int_equal(sscanf(c, "%lf%n", &x, &used), 1);
        v = (unsigned long long)x;
        if (!strcmp(key, "students")) o.students = v;
        else if (!strcmp(key, "ideas")) o.ideas = v;
        else if (!strcmp(key, "mentors")) o.mentors = v;
        else if (!strcmp(key, "apps")) o.apps = v;
        else if (!strcmp(key, "orgs")) o.orgs = v;
        else if (!strcmp(key, "zipf")) o.zipf = x;
        else if (!strcmp(key, "conflicts")) o.conflicts = x;
        else if (!strcmp(key, "multi_mentor")) o.multi_mentor = x;
        else if (!strcmp(key, "min_load")) o.min_load = x;
        else if (!strcmp(key, "slots_hi")) o.slots.lo = 0, o.slots.hi = (unsigned)v;
        else fail_msg("unknown key %s", key);
    }
    return o;
}

/* Same options, same bytes: the FNV-1a hash and length of what
 * `mentormatch generate` wrote with these options and seed before
 * attributes, quotas and derived sizes existed (main at 1a5b4c0). The last
 * two give only some sizes; the derived ones are what the defaults were. */
static void test_old_options_give_the_old_bytes(void **state)
{
    static const struct {
        const char *options;
        unsigned long long seed;
        uint64_t hash;
        size_t len;
    } pinned[] = {
        {"", 1, 0x8821bf093b03120fULL, 60879},
        {"students=500 ideas=50 mentors=30", 1, 0xd075464d14f16f80ULL, 140683},
        {"students=1000 ideas=250 mentors=150 apps=4 orgs=10 zipf=1.5 conflicts=50 "
         "multi_mentor=0.6", 7, 0xb782500b0cf03871ULL, 381026},
        {"students=37 ideas=9 mentors=4 apps=2 orgs=0 min_load=1 slots_hi=3",
         18446744073709551615ULL, 0x54ca70de24946583ULL, 8640},
        {"students=200 ideas=50", 1, 0x8821bf093b03120fULL, 60879},
        {"mentors=12", 1, 0x434c87b8da34e241ULL, 60364},
    };

    (void)state;
    for (size_t k = 0; k < sizeof pinned / sizeof pinned[0]; k++) {
        mm_generate_options o = options_of(pinned[k].options);
        size_t len;
        int rc;
        char *text;
        o.seed = pinned[k].seed;
        text = generate(&o, &len, &rc);
        assert_int_equal(rc, 0);
        if (len != pinned[k].len || fnv1a(text, len) != pinned[k].hash)
            fail_msg("'%s': %zu bytes, hash 0x%016llx; before: %zu bytes, 0x%016llx",
                     pinned[k].options, len, (unsigned long long)fnv1a(text, len),
                     pinned[k].len, (unsigned long long)pinned[k].hash);
        free(text);
    }
}

/* The document without its students' attributes and its quotas, in place. */
static size_t strip_attributes_and_quotas(char *text, size_t len)
{
    static const char attr[] = ",\"attributes\":{", quotas[] = ",\n\"quotas\":[";
    char *at, *end;

    while ((at = strstr(text, attr)) != NULL) {
        end = strchr(at, '}') + 1; /* no object inside */
        memmove(at, end, strlen(end) + 1);
    }
    if ((at = strstr(text, quotas)) != NULL) {
        end = strstr(at, "\n]\n}\n") + 2;
        memmove(at, end, strlen(end) + 1);
    }
    (void)len;
    return strlen(text);
}

static void set_attributes(mm_generate_options *o, size_t universities, double first_time,
                           const mm_quota_spec *quotas, size_t n_quotas)
{
    o->universities = universities;
    o->first_time = first_time;
    o->quotas = quotas;
    o->n_quotas = n_quotas;
}

static const mm_quota_spec TWO_QUOTAS[] = {
    {NULL, "university", {MM_ATTRIBUTE_NONE, NULL, 0, 0}, "org", MM_UNSET, 3},
    {"first-timers", "first_time", {MM_ATTRIBUTE_BOOLEAN, NULL, 0, 1}, NULL, 20, MM_UNSET},
};

/* Attributes and quotas come from streams of their own, after the rest:
 * take them out again and the document is the one without them, byte for
 * byte; with them it reads back clean, quotas and all. */
static void test_attributes_and_quotas_leave_the_rest_as_it_was(void **state)
{
    mm_generate_options o = MM_GENERATE_OPTIONS_INIT;
    mm_problem_summary sum;
    mm_problem *p;
    size_t len0, len1;
    int rc0, rc1;
    char *plain, *with;

    (void)state;
    o.students = 400;
    o.seed = 11;
    plain = generate(&o, &len0, &rc0);
    o.university_zipf = 1.2;
    set_attributes(&o, 25, 0.3, TWO_QUOTAS, 2);
    with = generate(&o, &len1, &rc1);
    assert_int_equal(rc0 | rc1, 0);
    assert_non_null(strstr(with, "\"attributes\":{\"university\":\"uni"));
    assert_non_null(strstr(with, "{\"id\":\"q1\",\"attribute\":\"university\",\"per\":\"org\","
                                 "\"max\":3},\n{\"id\":\"first-timers\",\"attribute\":"
                                 "\"first_time\",\"value\":true,\"per\":\"program\",\"min\":20}"));
    p = read_clean(with, len1);
    mm_problem_summarize(&sum, p);
    assert_int_equal(sum.quotas, 2);
    assert_int_equal(sum.attributes, 2);
    mm_problem_free(p);
    len1 = strip_attributes_and_quotas(with, len1);
    assert_same_bytes(with, len1, plain, len0);
}

/* Universities by a Zipf law over the pool, uni01 the largest, every value
 * within the pool; first_time true for about the share asked. */
static void test_universities_are_skewed_and_first_time_has_its_share(void **state)
{
    mm_generate_options o = MM_GENERATE_OPTIONS_INIT;
    size_t len, count[12] = {0}, first = 0, students = 0;
    int rc;
    char *text, *at;

    (void)state;
    o.students = 3000;
    o.universities = 12;
    o.first_time = 0.25;
    text = generate(&o, &len, &rc);
    assert_int_equal(rc, 0);
    for (at = text; (at = strstr(at, "\"attributes\":{\"university\":\"uni")) != NULL; at++) {
        unsigned u;
        char truth[6];
        assert_int_equal(sscanf(at, "\"attributes\":{\"university\":\"uni%2u\",\"first_time\":%5[a-z]",
                                &u, truth), 2);
        assert_true(u >= 1 && u <= 12);
        count[u - 1]++;
        first += !strcmp(truth, "true");
        students++;
    }
    assert_int_equal(students, 3000);
    for (size_t k = 1; k < 12; k++)
        assert_true(count[0] > count[k]);
    assert_true(count[0] > 3 * count[11]); /* r^-1: 12 times as likely, give or take */
    assert_true(first > 3000 * 20 / 100 && first < 3000 * 30 / 100);
    free(text);
}

static void test_bad_quotas_are_rejected_with_a_reason(void **state)
{
    mm_generate_options o = MM_GENERATE_OPTIONS_INIT;
    mm_quota_spec q[2] = {MM_QUOTA_SPEC_INIT, MM_QUOTA_SPEC_INIT};

    (void)state;
    o.quotas = q;
    o.n_quotas = 1;
    q[0].attribute = "university";
    q[0].max = 2;
    assert_rejected(&o, "quotas[0].attribute: no student carries a university");
    o.universities = 10;
    q[0].value = (mm_attribute_value){MM_ATTRIBUTE_TEXT, "uni1", 0, 0};
    assert_rejected(&o, "quotas[0].value: not one of the 10 universities (uni01 to uni10)");
    q[0].value = (mm_attribute_value){MM_ATTRIBUTE_TEXT, "uni10", 0, 0};
    q[0].per = "team";
    assert_rejected(&o, "quotas[0].per: \"team\" is not program, org, idea or mentor");
    q[0].per = "mentor";
    q[0].min = 3;
    assert_rejected(&o, "quotas[0]: min 3 exceeds max 2");
    q[0].min = MM_UNSET;
    q[0].max = MM_UNSET;
    assert_rejected(&o, "quotas[0]: give a min, a max or both");
    q[0].max = 1;
    assert_int_equal(mm_generate_check(&o, NULL, 0), 0);
    q[1].attribute = "first_time";
    q[1].min = 1;
    o.n_quotas = 2;
    assert_rejected(&o, "quotas[1].attribute: no student carries first_time");
    o.first_time = 0.5;
    q[1].value = (mm_attribute_value){MM_ATTRIBUTE_TEXT, "yes", 0, 0};
    assert_rejected(&o, "quotas[1].value: first_time is true or false");
    q[1].value.type = MM_ATTRIBUTE_NONE;
    q[1].id = "q1";
    assert_rejected(&o, "quotas[1].id: \"q1\" is also quotas[0]'s");
    q[1].id = NULL;
    q[1].attribute = "gpa";
    assert_rejected(&o, "the students carry only university and first_time, not \"gpa\"");
    q[1].attribute = "first_time";
    q[1].value = (mm_attribute_value){MM_ATTRIBUTE_BOOLEAN, NULL, 0, 1};
    o.students = 1;
    assert_rejected(&o, "the quotas name 2 values, more than the 1 students");
    q[1].value.type = MM_ATTRIBUTE_NONE;
    o.students = 0;
    assert_rejected(&o, "quotas need students");
    o.students = 10;
    o.first_time = 1.5;
    assert_rejected(&o, "first-time share 1.5 is not within 0-1");
}

/* A value a quota names but nobody drew is given to a student, so no
 * quota counts nobody (a warning): a pool far larger than the students,
 * first_time true with a share of 0. */
static void test_a_value_a_quota_names_is_carried(void **state)
{
    mm_quota_spec q[2] = {MM_QUOTA_SPEC_INIT, MM_QUOTA_SPEC_INIT};
    mm_generate_options o = MM_GENERATE_OPTIONS_INIT;
    mm_problem *p;
    size_t len;
    int rc;
    char *text, *at;

    (void)state;
    q[0].attribute = "university";
    q[0].value = (mm_attribute_value){MM_ATTRIBUTE_TEXT, "uni0777", 0, 0};
    q[0].max = 1;
    q[1].attribute = "first_time";
    q[1].value = (mm_attribute_value){MM_ATTRIBUTE_BOOLEAN, NULL, 0, 1};
    q[1].max = 1;
    o.students = 5;
    set_attributes(&o, 1000, 0, q, 2);
    text = generate(&o, &len, &rc);
    assert_int_equal(rc, 0);
    p = read_clean(text, len);
    at = strstr(text, "\"university\":\"uni0777\"");
    assert_non_null(at);
    assert_null(strstr(at + 1, "\"university\":\"uni0777\"")); /* one student; the quota has "value" */
    assert_non_null(strstr(text, "\"first_time\":true}"));
    mm_problem_free(p);
    free(text);
}

/* Without ideas and mentors the sizes follow the students (one idea per 4
 * students, 3 mentors per 5 ideas), so every size places a like share:
 * 15 to 30 % of the students, where 50 ideas and 30 mentors placed 9 % of
 * 500 students and 0.8 % of 6,000. */
static void test_derived_sizes_place_a_realistic_share_at_any_size(void **state)
{
    static const size_t sizes[] = {100, 500, 2000, 6000};

    (void)state;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        mm_generate_options o = MM_GENERATE_OPTIONS_INIT;
        mm_problem_summary sum;
        mm_result *r = NULL;
        mm_problem *p;
        size_t len, assigned;
        double score, share;
        int rc;
        char *text;
        o.students = sizes[k];
        text = generate(&o, &len, &rc);
        assert_int_equal(rc, 0);
        p = read_clean(text, len);
        mm_problem_summarize(&sum, p);
        assert_int_equal(sum.ideas, (sizes[k] + 2) / 4);
        assert_int_equal(sum.mentors, (3 * sum.ideas + 2) / 5);
        assert_int_equal(mm_solve(&r, p, NULL, NULL), 0);
        assert_int_equal(mm_result_status(r), MM_STATUS_OPTIMAL);
        mm_result_objective(r, &assigned, &score);
        share = (double)assigned / (double)sizes[k];
        if (share < 0.15 || share > 0.30)
            fail_msg("%zu students: %zu assigned (%.1f %%), not 15-30 %%", sizes[k], assigned,
                     100 * share);
        mm_result_free(r);
        mm_problem_free(p);
        free(text);
    }
}

/* The ideas and mentors of the document `o` gives. */
static void assert_sizes(const mm_generate_options *o, size_t ideas, size_t mentors)
{
    mm_problem_summary sum;
    mm_problem *p;
    size_t len;
    int rc;
    char *text = generate(o, &len, &rc);

    assert_int_equal(rc, 0);
    p = read_clean(text, len);
    mm_problem_summarize(&sum, p);
    assert_int_equal(sum.ideas, ideas);
    assert_int_equal(sum.mentors, mentors);
    mm_problem_free(p);
    free(text);
}

/* A size given is kept, the other derived from it; few students still get
 * as many ideas as they apply to. */
static void test_a_size_given_is_kept_and_the_rest_derived(void **state)
{
    mm_generate_options o = MM_GENERATE_OPTIONS_INIT;

    (void)state;
    o.students = 2;
    o.apps = 3;
    assert_sizes(&o, 3, 2);
    o.students = 1000;
    o.ideas = 100;
    assert_sizes(&o, 100, 60);
    o.ideas = MM_GENERATE_DERIVE;
    o.mentors = 7;
    assert_sizes(&o, 250, 7);
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
        cmocka_unit_test(test_old_options_give_the_old_bytes),
        cmocka_unit_test(test_attributes_and_quotas_leave_the_rest_as_it_was),
        cmocka_unit_test(test_universities_are_skewed_and_first_time_has_its_share),
        cmocka_unit_test(test_bad_quotas_are_rejected_with_a_reason),
        cmocka_unit_test(test_a_value_a_quota_names_is_carried),
        cmocka_unit_test(test_derived_sizes_place_a_realistic_share_at_any_size),
        cmocka_unit_test(test_a_size_given_is_kept_and_the_rest_derived),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
