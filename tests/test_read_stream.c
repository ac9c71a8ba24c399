/* The streaming reader (issue 19, items 2 and 3): an input document is read
 * record by record, yet every diagnostic (place, message, line, column) and
 * every record read is the same as when the whole document was one DOM:
 * jansson's whole-document parse, then the same walk (mm_read_json_value).
 * That old path is the oracle here, for every case file of the corpus, the
 * generated bad inputs, the examples and documents made to trip a splitter.
 * And the point of it: the read holds at most 3 times the document's size
 * on top of the problem it builds (the DOM took about 8). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "alloc.h"
#include "diag.h"
#include "jsonfile.h"
#include "mentormatch.h"
#include "problem.h"
#include "read_json.h"
#include "read_simd.h"

typedef struct {
    mm_problem *p;
    mm_diags *diags;
    int rc;
} reading;

static reading read_streamed(const char *doc, size_t len, int strict)
{
    reading out = {mm_problem_alloc(), NULL, 0};
    int parsed;

    assert_non_null(out.p);
    assert_int_equal(mm_diags_new(&out.diags), 0);
    out.rc = mm_read_json(out.p, doc, len, strict, 0, out.diags, &parsed);
    return out;
}

/* The reader before streaming, step by step. */
static reading read_whole(const char *doc, size_t len, int strict)
{
    reading out = {mm_problem_alloc(), NULL, 0};
    json_t *root;

    assert_non_null(out.p);
    assert_int_equal(mm_diags_new(&out.diags), 0);
    out.rc = mm_json_parse_until(&root, doc, len, JSON_REJECT_DUPLICATES, 0, out.diags);
    if (out.rc == 0) {
        out.rc = mm_read_json_value(out.p, root, strict, out.diags);
        json_decref(root);
    }
    return out;
}

static void dispose(reading *r)
{
    mm_problem_free(r->p);
    mm_diags_free(r->diags);
}

static void same_records(const mm_problem *a, const mm_problem *b, const char *label)
{
    size_t counts_a[] = {a->n_orgs, a->n_mentors, a->n_ideas, a->n_students, a->n_apps,
                         a->n_idea_mentors, a->n_levels, a->n_ratings, a->n_conflicts,
                         a->n_fixed, a->n_forbidden, a->n_skills, a->n_student_attrs,
                         a->n_quotas};
    size_t counts_b[] = {b->n_orgs, b->n_mentors, b->n_ideas, b->n_students, b->n_apps,
                         b->n_idea_mentors, b->n_levels, b->n_ratings, b->n_conflicts,
                         b->n_fixed, b->n_forbidden, b->n_skills, b->n_student_attrs,
                         b->n_quotas};

    if (memcmp(counts_a, counts_b, sizeof counts_a) != 0)
        fail_msg("%s: record counts differ", label);
    for (size_t i = 0; i < a->n_students; i++)
        if (strcmp(a->students[i].id, b->students[i].id) != 0 ||
            a->students[i].app_count != b->students[i].app_count)
            fail_msg("%s: students[%zu] differs", label, i);
    for (size_t i = 0; i < a->n_apps; i++)
        if (a->apps[i].student != b->apps[i].student || a->apps[i].idea != b->apps[i].idea ||
            a->apps[i].rank != b->apps[i].rank)
            fail_msg("%s: application %zu differs", label, i);
    for (size_t i = 0; i < a->n_ratings; i++)
        if (a->ratings[i].mentor != b->ratings[i].mentor ||
            a->ratings[i].student != b->ratings[i].student ||
            a->ratings[i].idea != b->ratings[i].idea ||
            memcmp(&a->ratings[i].score, &b->ratings[i].score, sizeof(double)) != 0)
            fail_msg("%s: ratings[%zu] differs", label, i);
}

/* Streamed and whole: the same code, diagnostics and (when read) records. */
static void assert_same_reading(const char *doc, size_t len, int strict, const char *label)
{
    reading s = read_streamed(doc, len, strict), w = read_whole(doc, len, strict);
    size_t n = mm_diags_count(w.diags);

    if (s.rc != w.rc)
        fail_msg("%s: streamed read gave %d, whole-document read %d", label, s.rc, w.rc);
    if (mm_diags_count(s.diags) != n ||
        mm_diags_error_count(s.diags) != mm_diags_error_count(w.diags))
        fail_msg("%s: %zu diagnostics streamed, %zu whole", label, mm_diags_count(s.diags), n);
    for (size_t i = 0; i < n; i++) {
        const mm_diag *a = mm_diags_get(s.diags, i), *b = mm_diags_get(w.diags, i);
        if (a->severity != b->severity || a->line != b->line || a->column != b->column ||
            strcmp(a->place, b->place) != 0 || strcmp(a->message, b->message) != 0)
            fail_msg("%s: diagnostic %zu: streamed %d:%d %s: %s, whole %d:%d %s: %s", label, i,
                     a->line, a->column, a->place, a->message, b->line, b->column, b->place,
                     b->message);
    }
    same_records(s.p, w.p, label); /* both empty after a syntax error */
    dispose(&s);
    dispose(&w);
}

static void assert_same(const char *doc)
{
    assert_same_reading(doc, strlen(doc), 0, doc);
    assert_same_reading(doc, strlen(doc), 1, doc);
}

/* Every *.json file of `dir`; @return how many. */
static size_t same_for_each_file_of(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t files = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name), len;
        char path[4096];
        char *data;
        if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        assert_int_equal(mm_file_read(path, &data, &len, NULL), 0);
        assert_same_reading(data, len, 0, path);
        assert_same_reading(data, len, 1, path);
        mm_free(data);
        files++;
    }
    closedir(d);
    return files;
}

static void test_corpus_reads_the_same(void **state)
{
    (void)state;
    assert_true(same_for_each_file_of(MM_CASES) > 100);
    assert_true(same_for_each_file_of(MM_BAD) > 100);
    assert_true(same_for_each_file_of(MM_EXAMPLES) > 0);
}

#define BASE "\"mentors\": [{\"id\": \"m\"}], \"ideas\": [{\"id\": \"i\", \"mentors\": [\"m\"]}]"

/* Errors found in early records, then a syntax error later: only the
 * syntax error, at its line and column, as when nothing was read before. */
static void test_syntax_error_after_records_read(void **state)
{
    (void)state;
    assert_same("{" BASE ",\n \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"x\"}]},\n"
                "  {\"id\": \"t\", \"applications\": [}]}");
    assert_same("{" BASE ", \"students\": [{\"id\": 1}], \"ratings\": [{\"score\": 1e400}]}");
    assert_same("{" BASE ", \"students\": [{\"id\": 1}], \"ratings\": [{\"score\": "
                "9223372036854775808}]}");
    assert_same("{" BASE ", \"students\": [{\"id\": \"s\", \"applications\": []}, 1,]}");
    assert_same("{" BASE ", \"students\": [{\"id\": \"s\", \"applications\": []} {}]}");
    assert_same("{" BASE ", \"students\": [{\"id\": \"s\", \"applications\": [], \"name\": \"a");
    assert_same("{" BASE ", \"students\": [tru]}");
    assert_same("{" BASE ", \"students\": [1 2]}");
    assert_same("{" BASE ", \"students\": [\"a\"\"b\"]}");
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    /* at the top, after a streamed member with errors in it */
    assert_same("{" BASE ", \"students\": [{\"id\": 2}],\n \"mentors\": []}");
    assert_same("{" BASE ", \"students\": [], \"\\u0073tudents\": []}");
    /* in a record, and deeper */
    assert_same("{" BASE ", \"students\": [{\"id\": \"s\", \"id\": \"t\"}]}");
    assert_same("{" BASE ", \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"i\","
                " \"idea\": \"i\"}]}]}");
    assert_same("{" BASE ", \"settings\": {\"weights\": {\"skill\": 1, \"skill\": 2}}}");
}

/* What a splitter could get wrong: quotes, escapes and brackets in strings,
 * keys spelled with escapes, members in any order, odd elements. */
static void test_strings_order_and_shapes(void **state)
{
    (void)state;
    assert_same("{\"students\": [{\"id\": \"a\\\"]}\", \"name\": \"\\\\\", \"applications\": "
                "[{\"idea\": \"i\"}]}, {\"id\": \"b\\\\\\\"[{\", \"applications\": []}], " BASE
                "}");
    assert_same("{\"\\u0073tudents\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"i\"}]}],"
                " " BASE "}");
    assert_same("{" BASE ", \"students\": [1, \"x\", null, true, [], {}, [{\"id\": \"s\"}]]}");
    assert_same("{" BASE ", \"students\": \"all of them\", \"ratings\": {}}");
    assert_same("{" BASE ", \"students\": [ ], \"ratings\": [\n]\t}\r\n");
    assert_same("{" BASE ", \"students\": [], \"notes\": [1, {\"a\": [2, {]}]}");
    assert_same("{" BASE ", \"students\": [], \"notes\": [1, {\"a\": [2, {}]}], \"x\": 1}");
    assert_same("{" BASE ", \"students\": [], \"program\": [], \"$schema\": [\"s\"]}");
    assert_same("{\"mentors\": [{\"id\": \"m\"}], \"ideas\": [{\"id\": \"i\", \"mentors\": "
                "[\"m\"]}], \"students\": [{\"id\": \"s\", \"applications\": [{\"idea\": \"i\"}]}],"
                " \"ratings\": [{\"mentor\": \"m\", \"student\": \"s\", \"idea\": \"i\", "
                "\"score\": 4.5}, {\"mentor\": \"m\", \"student\": \"s\", \"idea\": \"j\", "
                "\"score\": 2}]}");
}

/* Bytes that are not JSON, outside values or in them; the document's frame. */
static void test_frame_and_bytes(void **state)
{
    static const char nul_in_element[] = "{\"mentors\": [{\"id\": \"m\0\"}], \"ideas\": []}";
    static const char nul_between[] = "{\"mentors\": [], \0 \"ideas\": []}";
    (void)state;
    assert_same("");
    assert_same("   \n ");
    assert_same("[]");
    assert_same("42");
    assert_same("\xEF\xBB\xBF{" BASE "}");
    assert_same("{" BASE "} x");
    assert_same("{" BASE "}}");
    assert_same("{" BASE ",}");
    assert_same("{,}");
    assert_same("{}");
    assert_same("{" BASE ", \"students\": []\f}");
    assert_same("{" BASE ", \"stud\xC3\x28nts\": []}");
    assert_same("{" BASE ", \"students\": [{\"id\": \"s\xFF\"}]}");
    assert_same("{" BASE ", \"a\\u0000b\": []}");
    assert_same("{" BASE ", \"students\": [{\"id\": \"a\\u0000b\"}]}");
    assert_same("{" BASE ", \"students\": [{\"id\": \"\\uD800\"}]}");
    assert_same("{" BASE " \"students\": []}");
    assert_same("{" BASE ", \"students\" []}");
    assert_same("{" BASE ", students: []}");
    assert_same_reading(nul_in_element, sizeof nul_in_element - 1, 0, "NUL in an element");
    assert_same_reading(nul_between, sizeof nul_between - 1, 0, "NUL between members");
}

/* A student nested `depth` levels deep, the document ending with `tail`:
 * read streamed as whole. */
static void assert_same_nested(size_t depth, const char *tail)
{
    size_t len = 0, cap = 2 * depth + strlen(tail) + 256;
    char *doc = malloc(cap), label[64];

    assert_non_null(doc);
    len += (size_t)snprintf(doc, cap, "{" BASE ", \"students\": [{\"id\": \"s\", \"x\": ");
    for (size_t k = 0; k < depth; k++)
        doc[len++] = '[';
    for (size_t k = 0; k < depth; k++)
        doc[len++] = ']';
    len += (size_t)snprintf(doc + len, cap - len, "%s", tail);
    snprintf(label, sizeof label, "nesting %zu", depth);
    assert_same_reading(doc, len, 0, label);
    free(doc);
}

/* jansson's limit of 2048 levels counts the levels above an element too. */
static void test_nesting_near_the_limit(void **state)
{
    (void)state;
    for (size_t depth = 2036; depth <= 2052; depth++)
        assert_same_nested(depth, "}]}");
}

/* A generated document in memory, with a few conflicts (caller frees). */
static char *generate(size_t students, size_t *len)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;
    char *text = NULL;
    FILE *f;

    opts.students = students;
    opts.ideas = students / 5;
    opts.mentors = students / 10;
    opts.conflicts = 5;
    f = open_memstream(&text, len);
    assert_true(f && mm_generate(&opts, f) == 0 && fclose(f) == 0);
    return text;
}

static void test_generated_document_reads_the_same(void **state)
{
    size_t len;
    char *doc = generate(3000, &len);

    (void)state;
    assert_same_reading(doc, len, 0, "generated");
    free(doc);
}

/* ---- issue 19 (iss19-simd): the simdjson fast path ------------------- */

/* Three plain students after the record under test: it is then parsed in
 * place, not from a padded copy near the document's end. */
#define PLAIN_TAIL                                                               \
    ", {\"id\": \"t1\", \"name\": \"padding padding padding\", \"applications\": []}" \
    ", {\"id\": \"t2\", \"name\": \"padding padding padding\", \"applications\": []}" \
    ", {\"id\": \"t3\", \"name\": \"padding padding padding\", \"applications\": []}]}"
#define IN_STUDENT(member) \
    "{" BASE ",\n\"students\": [{\"id\": \"s\", \"applications\": []},\n {" member "}" PLAIN_TAIL

/* The streamed read's first diagnostic is jansson's, at its line:column. */
static void assert_syntax_error(const char *doc, int line, int column, const char *message)
{
    reading s = read_streamed(doc, strlen(doc), 0);
    const mm_diag *d;

    assert_int_equal(s.rc, MM_EINVALID);
    assert_int_equal(mm_diags_count(s.diags), 1);
    d = mm_diags_get(s.diags, 0);
    if (d->line != line || d->column != column || strncmp(d->message, message, strlen(message)))
        fail_msg("%s: %d:%d %s, expected %d:%d %s", doc, d->line, d->column, d->message, line,
                 column, message);
    dispose(&s);
    assert_same(doc);
}

/* What simdjson takes but jansson refuses goes back to jansson: its message,
 * its line and column, in a record in the middle of the document. */
static void test_fast_path_gives_back_what_jansson_refuses(void **state)
{
    static const struct {
        const char *doc;
        int line, column;
        const char *message;
    } cases[] = {
        {IN_STUDENT("\"id\": \"a\", \"id\": \"b\""), 3, 17, "duplicate object key near '\"id\"'"},
        {IN_STUDENT("\"id\": \"a\", \"skills\": {\"c\": 1, \"c\": 2}"), 3, 35,
         "duplicate object key near '\"c\"'"},
        /* an object of more than 16 members: its keys are sorted to compare */
        {IN_STUDENT("\"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, \"k7\": 7, "
                    "\"k8\": 8, \"k9\": 9, \"k10\": 10, \"k11\": 11, \"k12\": 12, \"k13\": 13, "
                    "\"k14\": 14, \"k15\": 15, \"k16\": 16, \"k17\": 17, \"k3\": 18"),
         3, 175, "duplicate object key near '\"k3\"'"},
        {IN_STUDENT("\"id\": \"a\", \"x\": 9223372036854775808"), 3, 37,
         "too big integer near '9223372036854775808'"},
        {IN_STUDENT("\"id\": \"a\", \"x\": 99999999999999999999"), 3, 38,
         "too big integer near '99999999999999999999'"},
        {IN_STUDENT("\"id\": \"a\", \"x\": 1e400"), 3, 23, "real number overflow"},
        {IN_STUDENT("\"id\": \"a\\u0000b\""), 3, 18, "\\u0000 is not allowed without JSON_ALLOW_NUL"},
        {IN_STUDENT("\"a\\u0000b\": 1"), 3, 12, "NUL byte in object key not supported"},
        {IN_STUDENT("\"id\": \"a\xC3\x28\""), 3, 10, "unable to decode byte 0xc3"},
        {IN_STUDENT("\"id\": \"\\uDC00\""), 3, 16, "invalid Unicode '\\uDC00'"},
        {IN_STUDENT("\"id\": \"a\x01\""), 3, 10, "control character 0x1"},
        {IN_STUDENT("\"id\": \"a\", \"x\": [1,]"), 3, 22, "unexpected token near ']'"},
    };

    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        assert_syntax_error(cases[k].doc, cases[k].line, cases[k].column, cases[k].message);
}

/* Numbers simdjson reads as jansson does, to the same records and messages. */
static void test_fast_path_numbers_as_jansson(void **state)
{
    static const char *const numbers[] = {"-0", "-0.0", "0.0", "1e-400", "-1e-400", "2.0",
                                          "1.5e3", "1e308", "-9223372036854775808",
                                          "9223372036854775807", "9.2e18", "9.3e18",
                                          "4.9e-324", "0.1000000000000000055511151231257827",
                                          "123456789012345678901234567890.5"};
    char doc[1024];

    (void)state;
    for (size_t k = 0; k < sizeof numbers / sizeof *numbers; k++) {
        snprintf(doc, sizeof doc,
                 "{\"mentors\": [{\"id\": \"m\", \"capacity\": %s}, {\"id\": \"n\"}], \"ideas\": "
                 "[{\"id\": \"i\", \"mentors\": [\"m\"], \"slots\": %s}], \"students\": [{\"id\": "
                 "\"s\", \"skills\": {\"c\": %s}, \"attributes\": {\"a\": %s}, \"applications\": "
                 "[{\"idea\": \"i\", \"rank\": %s}]}" PLAIN_TAIL,
                 numbers[k], numbers[k], numbers[k], numbers[k], numbers[k]);
        assert_same(doc);
    }
}

/* Nested deeper than simdjson's 1024 levels, not jansson's 2048: jansson
 * reads that record, the stream goes on. */
static void test_fast_path_depth_beyond_simdjson(void **state)
{
    (void)state;
    assert_same_nested(1500, "}" PLAIN_TAIL);
}

/* A plain document is parsed by simdjson, one record at a time. */
static void test_fast_path_serves(void **state)
{
#ifdef MM_HAVE_SIMDJSON
    size_t len;
    char *doc = generate(300, &len);
    unsigned long before = mm_simd_parsed();
    reading s = read_streamed(doc, len, 0);

    (void)state;
    assert_int_equal(s.rc, 0);
    assert_true(mm_simd_parsed() - before >=
                s.p->n_orgs + s.p->n_mentors + s.p->n_ideas + s.p->n_students + s.p->n_ratings);
    dispose(&s);
    free(doc);
#else
    (void)state;
    skip(); /* built without simdjson (MM_SIMDJSON=OFF) */
#endif
}

/* GCC says so with __SANITIZE_ADDRESS__, clang with __has_feature. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MM_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MM_TEST_ASAN 1
#endif

#if !defined(MM_TEST_ASAN)
static size_t resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0, resident = 0;

    assert_non_null(f);
    assert_int_equal(fscanf(f, "%lu %lu", &pages, &resident), 2);
    fclose(f);
    return resident * 4096;
}

static size_t peak_resident_bytes(void)
{
    struct rusage ru;

    assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
    return (size_t)ru.ru_maxrss * 1024;
}

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();

    return mi.uordblks + mi.hblkhd;
}
#endif

/* Item 3: peak memory at most 3 times the document plus the problem read
 * (what stays allocated after the read). The DOM alone took 8 times. */
static void test_peak_memory_within_three_times_the_document(void **state)
{
#if defined(MM_TEST_ASAN)
    (void)state;
    skip(); /* the sanitizer's allocator: no mallinfo, shadow memory in RSS */
#else
    size_t len, before, in_use, peak, model;
    char *doc = generate(30000, &len);
    mm_diags *diags = NULL;
    mm_problem *p = NULL;

    (void)state;
    assert_int_equal(mm_diags_new(&diags), 0);
    malloc_trim(0);
    before = resident_bytes();
    in_use = heap_in_use();
    assert_int_equal(mm_problem_read_buffer(&p, doc, len, NULL, diags), 0);
    peak = peak_resident_bytes();
    model = heap_in_use() - in_use;
    print_message("document %.1f MB, problem %.1f MB, peak %.1f MB above the start\n", len / 1e6,
                  model / 1e6, (double)(peak - before) / 1e6);
    assert_true(peak - before <= 3 * len + model);
    mm_problem_free(p);
    mm_diags_free(diags);
    free(doc);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_reads_the_same),
        cmocka_unit_test(test_syntax_error_after_records_read),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_strings_order_and_shapes),
        cmocka_unit_test(test_frame_and_bytes),
        cmocka_unit_test(test_nesting_near_the_limit),
        cmocka_unit_test(test_generated_document_reads_the_same),
        cmocka_unit_test(test_peak_memory_within_three_times_the_document),
        cmocka_unit_test(test_fast_path_gives_back_what_jansson_refuses),
        cmocka_unit_test(test_fast_path_numbers_as_jansson),
        cmocka_unit_test(test_fast_path_depth_beyond_simdjson),
        cmocka_unit_test(test_fast_path_serves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
