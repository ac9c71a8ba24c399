/* The builder (include/mentormatch/build.h), and CSV import and export
 * built on it: a problem built call by call must be the problem read from
 * the equivalent document. The strongest check
 * walks each shipped example with jansson, drives the builder with what it
 * finds, and compares the solved results byte for byte with the document's
 * own; then errors, reported at the place of the call that made them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "mentormatch.h"

/* ---- driving the builder from a parsed document ----------------------- */

static long long int_or_unset(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);

    return v ? (long long)json_number_value(v) : MM_UNSET;
}

static const char *text_or_null(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* A {skill: level} object as mm_skill entries (free the array). */
static mm_skill *skills_of(const json_t *map, size_t *n)
{
    mm_skill *out = calloc(json_object_size(map) + 1, sizeof *out);
    const char *name;
    json_t *level;

    *n = 0;
    json_object_foreach((json_t *)map, name, level)
        out[(*n)++] = (mm_skill){name, json_number_value(level)};
    return out;
}

static void build_settings(mm_builder *b, const json_t *doc)
{
    static const char *const weights[] = {"rating", "preference", "skill", "impact"};
    static const char *const optional[] = {"default_rating", "min_rating", "min_skill", "max_rank"};
    const json_t *program = json_object_get(doc, "program");
    const json_t *settings = json_object_get(doc, "settings");
    const json_t *scale = json_object_get(settings, "rating_scale");

    if (program)
        assert_int_equal(mm_builder_set_program(b, text_or_null(program, "name"),
                                                int_or_unset(program, "slots")), 0);
    for (int k = 0; k < 4; k++) {
        const json_t *w = json_object_get(json_object_get(settings, "weights"), weights[k]);
        if (w)
            assert_int_equal(mm_builder_set_weight(b, (mm_weight)k, json_number_value(w)), 0);
    }
    if (json_object_get(settings, "objective"))
        assert_int_equal(mm_builder_set_objective(b, text_or_null(settings, "objective")), 0);
    if (scale)
        assert_int_equal(mm_builder_set_rating_scale(b, json_number_value(json_array_get(scale, 0)),
                                                     json_number_value(json_array_get(scale, 1))),
                         0);
    for (int k = 0; k < 4; k++) {
        const json_t *v = json_object_get(settings, optional[k]);
        if (v && !json_is_null(v))
            assert_int_equal(mm_builder_set_setting(b, (mm_setting)k, json_number_value(v)), 0);
    }
}

static void build_idea(mm_builder *b, const json_t *el)
{
    mm_idea_spec idea = MM_IDEA_SPEC_INIT;
    const json_t *mentors = json_object_get(el, "mentors");
    const char **ids = calloc(json_array_size(mentors) + 1, sizeof *ids);
    mm_skill *required = skills_of(json_object_get(el, "requires"), &idea.n_required_skills);

    for (size_t k = 0; k < json_array_size(mentors); k++)
        ids[k] = json_string_value(json_array_get(mentors, k));
    idea.id = text_or_null(el, "id");
    idea.title = text_or_null(el, "title");
    idea.org = text_or_null(el, "org");
    idea.mentors = ids;
    idea.n_mentors = json_array_size(mentors);
    idea.slots = int_or_unset(el, "slots");
    idea.required_skills = required;
    idea.size = int_or_unset(el, "size");
    idea.knowledge = int_or_unset(el, "knowledge");
    idea.impact = int_or_unset(el, "impact");
    assert_int_equal(mm_builder_add_idea(b, &idea), 0);
    free(ids);
    free(required);
}

static void build_student(mm_builder *b, const json_t *el)
{
    size_t n, k;
    mm_skill *skills = skills_of(json_object_get(el, "skills"), &n);
    const char *id = text_or_null(el, "id");
    const json_t *app;

    assert_int_equal(mm_builder_add_student(b, id, text_or_null(el, "name"), skills, n), 0);
    json_array_foreach(json_object_get(el, "applications"), k, app)
        assert_int_equal(mm_builder_add_application(b, id, text_or_null(app, "idea"),
                                                    int_or_unset(app, "rank")), 0);
    free(skills);
}

static mm_builder *build_from(const json_t *doc)
{
    mm_builder *b = NULL;
    const json_t *el;
    size_t k;

    assert_int_equal(mm_builder_new(&b), 0);
    build_settings(b, doc);
    json_array_foreach(json_object_get(doc, "orgs"), k, el)
        assert_int_equal(mm_builder_add_org(b, text_or_null(el, "id"), text_or_null(el, "name"),
                                            int_or_unset(el, "slots")), 0);
    json_array_foreach(json_object_get(doc, "mentors"), k, el)
        assert_int_equal(mm_builder_add_mentor(b, text_or_null(el, "id"), text_or_null(el, "name"),
                                               int_or_unset(el, "capacity"),
                                               int_or_unset(el, "min_load")), 0);
    json_array_foreach(json_object_get(doc, "ideas"), k, el)
        build_idea(b, el);
    json_array_foreach(json_object_get(doc, "students"), k, el)
        build_student(b, el);
    json_array_foreach(json_object_get(doc, "ratings"), k, el)
        assert_int_equal(mm_builder_add_rating(b, text_or_null(el, "mentor"),
                                               text_or_null(el, "student"),
                                               text_or_null(el, "idea"),
                                               json_number_value(json_object_get(el, "score"))), 0);
    json_array_foreach(json_object_get(doc, "conflicts"), k, el)
        assert_int_equal(mm_builder_add_conflict(b, text_or_null(el, "mentor"),
                                                 text_or_null(el, "student")), 0);
    json_array_foreach(json_object_get(doc, "fixed"), k, el)
        assert_int_equal(mm_builder_add_fixed(b, text_or_null(el, "student"),
                                              text_or_null(el, "idea"),
                                              text_or_null(el, "mentor")), 0);
    json_array_foreach(json_object_get(doc, "forbidden"), k, el)
        assert_int_equal(mm_builder_add_forbidden(b, text_or_null(el, "student"),
                                                  text_or_null(el, "idea")), 0);
    return b;
}

/* ---- comparing -------------------------------------------------------- */

/* The result document of `problem`, without "stats" (its seconds vary). */
static json_t *solved(const mm_problem *problem)
{
    mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;
    mm_result *result = NULL;
    mm_diags *diags = NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    json_t *doc;

    assert_non_null(mem);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_solve(&result, problem, &opts, diags), 0);
    assert_int_equal(mm_result_write(result, MM_FORMAT_JSON, mem), 0);
    fclose(mem);
    doc = json_loads(text, 0, NULL);
    assert_non_null(doc);
    assert_int_equal(json_object_del(doc, "stats"), 0);
    free(text);
    mm_result_free(result);
    mm_diags_free(diags);
    return doc;
}

static json_t *builder_document(const mm_builder *b)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    json_t *doc;

    assert_non_null(mem);
    assert_int_equal(mm_builder_write_json(b, mem), 0);
    fclose(mem);
    doc = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    assert_non_null(doc);
    free(text);
    return doc;
}

/* A setting given as null is one not given (docs/input-format.md). */
static void drop_null_settings(json_t *doc)
{
    json_t *settings = json_object_get(doc, "settings");
    const char *key;
    json_t *value;
    void *tmp;

    json_object_foreach_safe(settings, tmp, key, value)
        if (json_is_null(value))
            json_object_del(settings, key);
}

static void assert_same_json(const json_t *want, const json_t *got)
{
    if (!json_equal(want, got)) {
        char *a = json_dumps(want, JSON_INDENT(1) | JSON_SORT_KEYS);
        char *b = json_dumps(got, JSON_INDENT(1) | JSON_SORT_KEYS);
        print_error("want %.2000s\ngot  %.2000s\n", a, b);
        free(a);
        free(b);
        fail();
    }
}

static void built_equals_read(const char *name)
{
    char path[512];
    mm_problem *read = NULL, *built = NULL;
    mm_diags *diags = NULL;
    json_t *doc, *want, *got, *rebuilt;
    mm_builder *b;
    mm_problem_summary s1, s2;

    snprintf(path, sizeof path, "%s/%s", MM_EXAMPLES, name);
    doc = json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
    assert_non_null(doc);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_file(&read, path, NULL, diags), 0);
    b = build_from(doc);
    assert_int_equal(mm_builder_finish(&built, b, diags), 0);
    assert_int_equal(mm_diags_count(diags), 0);

    mm_problem_summarize(&s1, read);
    mm_problem_summarize(&s2, built);
    assert_memory_equal(&s1, &s2, sizeof s1);
    want = solved(read);
    got = solved(built);
    assert_same_json(want, got);

    /* The builder's document says what the file says. */
    rebuilt = builder_document(b);
    drop_null_settings(doc);
    assert_same_json(doc, rebuilt);

    json_decref(rebuilt);
    json_decref(want);
    json_decref(got);
    json_decref(doc);
    mm_builder_free(b);
    mm_problem_free(read);
    mm_problem_free(built);
    mm_diags_free(diags);
}

static void test_xen_2010_built_equals_read(void **state)
{
    (void)state;
    built_equals_read("xen-2010-xcp.json");
}

static void test_xen_2015_built_equals_read(void **state)
{
    (void)state;
    built_equals_read("xen-2015.json");
}

/* ---- errors, at the place of their call ------------------------------- */

/* Finish `b`, expecting failure; @return the diagnostics (free them). */
static mm_diags *finish_fails(const mm_builder *b)
{
    mm_diags *diags = NULL;
    mm_problem *p = (mm_problem *)&diags; /* must come back NULL */

    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_builder_finish(&p, b, diags), MM_EINVALID);
    assert_null(p);
    assert_true(mm_diags_error_count(diags) > 0);
    return diags;
}

static void assert_diag(const mm_diags *diags, const char *place, const char *message)
{
    for (size_t k = 0; k < mm_diags_count(diags); k++) {
        const mm_diag *d = mm_diags_get(diags, k);
        if (strcmp(d->place, place) == 0 && strcmp(d->message, message) == 0)
            return;
    }
    for (size_t k = 0; k < mm_diags_count(diags); k++)
        print_error("  have %s: %s\n", mm_diags_get(diags, k)->place,
                    mm_diags_get(diags, k)->message);
    fail_msg("no diagnostic '%s: %s'", place, message);
}

/* Two mentors, one idea each, two students: valid as it stands. */
static mm_builder *small(void)
{
    static const char *const ann[] = {"ann"}, *const bob[] = {"bob"};
    mm_idea_spec idea = MM_IDEA_SPEC_INIT;
    mm_builder *b = NULL;

    assert_int_equal(mm_builder_new(&b), 0);
    assert_int_equal(mm_builder_add_mentor(b, "ann", "Ann", 2, MM_UNSET), 0);
    assert_int_equal(mm_builder_add_mentor(b, "bob", NULL, MM_UNSET, MM_UNSET), 0);
    idea.id = "drivers";
    idea.mentors = ann;
    idea.n_mentors = 1;
    assert_int_equal(mm_builder_add_idea(b, &idea), 0);
    idea.id = "docs";
    idea.mentors = bob;
    assert_int_equal(mm_builder_add_idea(b, &idea), 0);
    assert_int_equal(mm_builder_add_student(b, "kim", NULL, NULL, 0), 0);
    assert_int_equal(mm_builder_add_student(b, "lee", NULL, NULL, 0), 0);
    return b;
}

static void test_small_builds_and_solves(void **state)
{
    mm_builder *b = small();
    mm_diags *diags = NULL;
    mm_problem *p = NULL;
    mm_problem_summary s;
    json_t *result;

    (void)state;
    assert_int_equal(mm_builder_add_application(b, "kim", "drivers", MM_UNSET), 0);
    assert_int_equal(mm_builder_add_application(b, "lee", "drivers", MM_UNSET), 0);
    assert_int_equal(mm_builder_add_application(b, "lee", "docs", MM_UNSET), 0);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_builder_finish(&p, b, diags), 0);
    mm_problem_summarize(&s, p);
    assert_int_equal(s.mentors, 2);
    assert_int_equal(s.total_capacity, 3);
    assert_int_equal(s.applications, 3);
    result = solved(p);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(result, "objective"),
                                                        "assigned")), 2);
    json_decref(result);
    mm_problem_free(p);
    mm_diags_free(diags);
    mm_builder_free(b);
}

static void test_duplicate_id_is_reported_at_the_second_call(void **state)
{
    mm_builder *b = small();
    mm_diags *diags;

    (void)state;
    assert_int_equal(mm_builder_add_mentor(b, "ann", NULL, 1, MM_UNSET), 0);
    assert_int_equal(mm_builder_add_student(b, "kim", NULL, NULL, 0), 0);
    diags = finish_fails(b);
    assert_diag(diags, "mentors[2].id", "duplicate mentor id \"ann\" (first at mentors[0])");
    assert_diag(diags, "students[2].id", "duplicate student id \"kim\" (first at students[0])");
    assert_int_equal(mm_diags_error_count(diags), 2);
    mm_diags_free(diags);
    mm_builder_free(b);
}

static void test_unknown_references_name_the_element(void **state)
{
    static const char *const mentors[] = {"ann", "zed"};
    mm_idea_spec idea = MM_IDEA_SPEC_INIT;
    mm_builder *b = small();
    mm_diags *diags;

    (void)state;
    idea.id = "extra";
    idea.org = "nowhere";
    idea.mentors = mentors;
    idea.n_mentors = 2;
    assert_int_equal(mm_builder_add_idea(b, &idea), 0);
    assert_int_equal(mm_builder_add_application(b, "kim", "nothing", MM_UNSET), 0);
    assert_int_equal(mm_builder_add_application(b, "nobody", "docs", MM_UNSET), 0);
    assert_int_equal(mm_builder_add_rating(b, "ann", "kim", "drivers", 4), 0);
    assert_int_equal(mm_builder_add_conflict(b, "ann", "zoe"), 0);
    assert_int_equal(mm_builder_add_fixed(b, "kim", "drivers", "cho"), 0);
    diags = finish_fails(b);
    assert_diag(diags, "ideas[2].org", "unknown org \"nowhere\"");
    assert_diag(diags, "ideas[2].mentors[1]", "unknown mentor \"zed\"");
    assert_diag(diags, "applications[0].idea", "unknown idea \"nothing\"");
    assert_diag(diags, "applications[1].student", "unknown student \"nobody\"");
    assert_diag(diags, "ratings[0]",
                "student \"kim\" did not apply to idea \"drivers\"; rating ignored");
    assert_diag(diags, "conflicts[0].student", "unknown student \"zoe\"");
    assert_diag(diags, "fixed[0].mentor", "unknown mentor \"cho\"");
    mm_diags_free(diags);
    mm_builder_free(b);
}

static void test_bad_numbers_are_reported_with_their_field(void **state)
{
    static const char *const ann[] = {"ann"};
    mm_idea_spec idea = MM_IDEA_SPEC_INIT;
    mm_skill skills[] = {{"c", 3}, {"C", 2}, {"go", 7}, {"go", 1}};
    mm_builder *b = small();
    mm_diags *diags;

    (void)state;
    assert_int_equal(mm_builder_add_mentor(b, "cho", NULL, -1, MM_UNSET), 0);
    assert_int_equal(mm_builder_add_mentor(b, "dee", NULL, 2, 3), 0);
    idea.id = "big";
    idea.mentors = ann;
    idea.n_mentors = 1;
    idea.slots = 4294967297LL;
    idea.impact = 6;
    assert_int_equal(mm_builder_add_idea(b, &idea), 0);
    assert_int_equal(mm_builder_add_student(b, "max", NULL, skills, 4), 0);
    assert_int_equal(mm_builder_set_weight(b, MM_WEIGHT_SKILL, 1.0 / 0.0), 0);
    assert_int_equal(mm_builder_set_setting(b, MM_SETTING_MAX_RANK, 2.5), 0);
    assert_int_equal(mm_builder_set_objective(b, "fastest"), 0);
    assert_int_equal(mm_builder_set_rating_scale(b, 5, 1), 0);
    diags = finish_fails(b);
    assert_diag(diags, "mentors[2].capacity", "must be between 0 and 2147483647, not -1");
    assert_diag(diags, "mentors[3].min_load", "min_load 3 exceeds capacity 2");
    assert_diag(diags, "ideas[2].slots", "must be between 0 and 2147483647, not 4294967297");
    assert_diag(diags, "ideas[2].impact", "must be between 1 and 5, not 6");
    assert_diag(diags, "students[2].skills.C", "skill named twice (names ignore ASCII case)");
    assert_diag(diags, "students[2].skills.go", "must be in [0, 5], not 7");
    assert_diag(diags, "students[2].skills.go", "skill named twice (names ignore ASCII case)");
    assert_diag(diags, "settings.weights.skill", "must be a finite number, not inf");
    assert_diag(diags, "settings.max_rank", "must be an integer, not a fraction");
    assert_diag(diags, "settings.objective", "must be \"count-then-score\" or \"score\"");
    assert_diag(diags, "settings.rating_scale",
                "the lowest score must be below the highest (5 >= 1)");
    mm_diags_free(diags);
    mm_builder_free(b);
}

/* Issue 14 item 2 (fix-numbers): the calls get the document's bounds on
 * every number that enters a score, each error at the call's field. */
static void test_score_numbers_past_their_bounds_name_the_field(void **state)
{
    mm_builder *b = small();
    mm_diags *diags;

    (void)state;
    assert_int_equal(mm_builder_add_application(b, "kim", "drivers", MM_UNSET), 0);
    assert_int_equal(mm_builder_set_rating_scale(b, -1.7e308, 1.7e308), 0);
    assert_int_equal(mm_builder_add_rating(b, "ann", "kim", "drivers", 1.7e308), 0);
    assert_int_equal(mm_builder_set_weight(b, MM_WEIGHT_RATING, 2e6), 0);
    assert_int_equal(mm_builder_set_setting(b, MM_SETTING_MIN_RATING, -1e300), 0);
    diags = finish_fails(b);
    assert_diag(diags, "settings.rating_scale[0]",
                "must be in [-1000000, 1000000], not -1.7e+308");
    assert_diag(diags, "settings.rating_scale[1]",
                "must be in [-1000000, 1000000], not 1.7e+308");
    assert_diag(diags, "ratings[0].score", "must be in [-1000000, 1000000], not 1.7e+308");
    assert_diag(diags, "settings.weights.rating", "must be in [0, 1000000], not 2000000");
    assert_diag(diags, "settings.min_rating", "must be in [-1000000, 1000000], not -1e+300");
    assert_int_equal(mm_diags_error_count(diags), 5);
    mm_diags_free(diags);

    assert_int_equal(mm_builder_set_rating_scale(b, 0, 1e-300), 0);
    assert_int_equal(mm_builder_set_weight(b, MM_WEIGHT_RATING, 1e6), 0);
    assert_int_equal(mm_builder_set_setting(b, MM_SETTING_MIN_RATING, 0), 0);
    diags = finish_fails(b);
    assert_diag(diags, "settings.rating_scale",
                "the lowest score must be below the highest by at least 1e-06 "
                "(1e-6 x max(1, |lo|, |hi|)), not by 1e-300");
    mm_diags_free(diags);
    mm_builder_free(b);
}

/* Validation speaks of a student's applications by position; the builder
 * names the add_application call instead, in the place and the message. */
static void test_application_places_name_the_call(void **state)
{
    mm_builder *b = small();
    mm_diags *diags;

    (void)state;
    assert_int_equal(mm_builder_add_application(b, "lee", "docs", 1), 0);
    assert_int_equal(mm_builder_add_application(b, "kim", "docs", 2), 0);
    assert_int_equal(mm_builder_add_application(b, "lee", "drivers", 1), 0);
    assert_int_equal(mm_builder_add_application(b, "kim", "docs", 1), 0);
    assert_int_equal(mm_builder_add_application(b, "kim", "drivers", MM_UNSET), 0);
    diags = finish_fails(b);
    assert_diag(diags, "applications[2].rank", "rank 1 given twice (also at applications[0])");
    assert_diag(diags, "applications[3].idea",
                "applies to idea \"docs\" again (first at applications[1])");
    assert_diag(diags, "applications[4]",
                "rank missing: the student ranks other applications (rank all or none)");
    assert_int_equal(mm_diags_error_count(diags), 3);
    mm_diags_free(diags);
    mm_builder_free(b);
}

/* ---- issue 17: attributes and quotas ---------------------------------- */

static mm_attribute_value text_value(const char *t)
{
    mm_attribute_value v = {MM_ATTRIBUTE_TEXT, t, 0, 0};
    return v;
}

/* Attributes and quotas go into the document as JSON would say them, and
 * the built problem takes them like a read one. */
static void test_attributes_and_quotas_are_written_and_read(void **state)
{
    mm_builder *b = small();
    mm_quota_spec q = MM_QUOTA_SPEC_INIT;
    mm_attribute_value yes = {MM_ATTRIBUTE_BOOLEAN, NULL, 0, 1};
    mm_attribute_value two = {MM_ATTRIBUTE_NUMBER, NULL, 2, 0};
    mm_diags *diags = NULL;
    mm_problem *p = NULL;
    json_t *doc, *want;

    (void)state;
    assert_int_equal(mm_builder_set_attribute(b, "kim", "university", text_value("MIT")), 0);
    assert_int_equal(mm_builder_set_attribute(b, "kim", "first_time", yes), 0);
    assert_int_equal(mm_builder_set_attribute(b, "lee", "year", two), 0);
    q.id = "cap";
    q.attribute = "university";
    q.per = "org";
    q.max = 1;
    assert_int_equal(mm_builder_add_quota(b, &q), 0);
    q.id = "first";
    q.attribute = "first_time";
    q.per = NULL;
    q.value = yes;
    q.max = MM_UNSET;
    q.min = 0;
    assert_int_equal(mm_builder_add_quota(b, &q), 0);
    doc = builder_document(b);
    want = json_loads("[{\"id\": \"cap\", \"attribute\": \"university\", \"per\": \"org\", "
                      "\"max\": 1}, {\"id\": \"first\", \"attribute\": \"first_time\", "
                      "\"value\": true, \"min\": 0}]", 0, NULL);
    assert_same_json(want, json_object_get(doc, "quotas"));
    json_decref(want);
    want = json_loads("{\"university\": \"MIT\", \"first_time\": true}", 0, NULL);
    assert_same_json(want, json_object_get(json_array_get(json_object_get(doc, "students"), 0),
                                           "attributes"));
    json_decref(want);
    json_decref(doc);
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_builder_finish(&p, b, diags), 0);
    assert_int_equal(mm_diags_count(diags), 0);
    mm_problem_free(p);
    mm_diags_free(diags);
    mm_builder_free(b);
}

/* A quota's errors name quotas[k]; an attribute's the student's place, or
 * the call when the student was never added. */
static void test_attribute_and_quota_errors_name_the_call(void **state)
{
    mm_builder *b = small();
    mm_quota_spec q = MM_QUOTA_SPEC_INIT;
    mm_attribute_value none = {MM_ATTRIBUTE_NONE, NULL, 0, 0};
    mm_diags *diags;

    (void)state;
    assert_int_equal(mm_builder_set_attribute(b, "nobody", "u", text_value("x")), 0);
    assert_int_equal(mm_builder_set_attribute(b, "lee", "u", none), 0);
    q.id = "q";
    q.attribute = "u";
    q.min = 3;
    q.max = 2;
    assert_int_equal(mm_builder_add_quota(b, &q), 0);
    q.attribute = "";
    q.per = "orgs";
    assert_int_equal(mm_builder_add_quota(b, &q), 0);
    diags = finish_fails(b);
    assert_diag(diags, "attributes[0].student", "unknown student \"nobody\"");
    assert_diag(diags, "students[1].attributes.u",
                "must be a string, a number or a boolean, not null");
    assert_diag(diags, "quotas[0].min", "min 3 exceeds max 2");
    assert_diag(diags, "quotas[1].id", "duplicate quota id \"q\" (first at quotas[0])");
    assert_diag(diags, "quotas[1].attribute", "must be a non-empty string (an attribute name)");
    assert_diag(diags, "quotas[1].per",
                "must be \"program\", \"org\", \"idea\" or \"mentor\"; did you mean \"org\"?");
    mm_diags_free(diags);
    mm_builder_free(b);
}

static void test_missing_ids_and_bad_text(void **state)
{
    static const char *const nobody[] = {NULL};
    mm_idea_spec idea = MM_IDEA_SPEC_INIT;
    mm_builder *b = small();
    mm_diags *diags;

    (void)state;
    assert_int_equal(mm_builder_add_mentor(b, NULL, "\xff\xfe", MM_UNSET, MM_UNSET), 0);
    idea.id = "empty";
    assert_int_equal(mm_builder_add_idea(b, &idea), 0);
    idea.id = "null";
    idea.mentors = nobody;
    idea.n_mentors = 1;
    assert_int_equal(mm_builder_add_idea(b, &idea), 0);
    assert_int_equal(mm_builder_add_application(b, NULL, "docs", MM_UNSET), 0);
    assert_int_equal(mm_builder_add_forbidden(b, "kim", NULL), 0);
    diags = finish_fails(b);
    assert_diag(diags, "mentors[2].id", "missing (required)");
    assert_diag(diags, "mentors[2].name", "must be valid UTF-8");
    assert_diag(diags, "ideas[2].mentors", "must name at least one mentor");
    assert_diag(diags, "ideas[3].mentors[0]", "must be the id of a mentor (a string), not null");
    assert_diag(diags, "applications[0].student", "missing (required)");
    assert_diag(diags, "forbidden[0].idea", "missing (required)");
    mm_diags_free(diags);
    mm_builder_free(b);
}

/* Finishing leaves the builder as it was: add more, finish again. */
static void test_finish_twice(void **state)
{
    mm_builder *b = small();
    mm_diags *diags = NULL;
    mm_problem *p1 = NULL, *p2 = NULL;
    mm_problem_summary s1, s2;

    (void)state;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_builder_finish(&p1, b, diags), 0);
    assert_int_equal(mm_builder_add_application(b, "kim", "docs", MM_UNSET), 0);
    assert_int_equal(mm_builder_set_program(b, "again", 1), 0);
    assert_int_equal(mm_builder_finish(&p2, b, diags), 0);
    mm_problem_summarize(&s1, p1);
    mm_problem_summarize(&s2, p2);
    assert_int_equal(s1.applications, 0);
    assert_int_equal(s2.applications, 1);
    assert_int_equal(mm_diags_count(diags), 0);
    mm_problem_free(p1);
    assert_int_equal(mm_builder_finish(&p1, NULL, diags), MM_EINVALID);
    assert_null(p1);
    mm_problem_free(p2);
    mm_diags_free(diags);
    mm_builder_free(b);
}

/* Every allocation of building and finishing failed in turn: a clean
 * MM_ENOMEM, and nothing leaked (LeakSanitizer checks that). */
static void test_allocation_failures(void **state)
{
    unsigned long n, total;

    (void)state;
    for (n = 1;; n++) {
        mm_builder *b = NULL;
        mm_diags *diags = NULL;
        mm_problem *p = NULL;
        int rc;

        mm_alloc_fail_after(n);
        rc = mm_diags_new(&diags);
        if (rc == 0)
            rc = mm_builder_new(&b);
        if (rc == 0)
            rc = mm_builder_add_mentor(b, "ann", "Ann", 2, MM_UNSET);
        if (rc == 0)
            rc = mm_builder_add_student(b, "kim", NULL, (const mm_skill[]){{"c", 2}}, 1);
        if (rc == 0)
            rc = mm_builder_add_application(b, "kim", "x", MM_UNSET);
        if (rc == 0)
            rc = mm_builder_finish(&p, b, diags);
        total = mm_alloc_count();
        mm_alloc_fail_after(0);
        assert_true(rc == MM_ENOMEM || rc == MM_EINVALID);
        mm_problem_free(p);
        mm_builder_free(b);
        mm_diags_free(diags);
        if (rc == MM_EINVALID && total < n)
            break; /* every allocation of the run succeeded */
    }
    assert_true(n > 20);
}

/* ---- CSV import and export (include/mentormatch/import.h) ------------- */

static void base_files(mm_csv_files *files, char paths[][512])
{
    *files = (mm_csv_files)MM_CSV_FILES_INIT;
    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++) {
        snprintf(paths[t], 512, "%s/%s.csv", MM_IMPORT_BASE, mm_csv_table_name((mm_csv_table)t));
        files->paths[t] = paths[t];
    }
}

/* One import of the base set, written to `out`. @return its first failure, or 0. */
static int import_base(FILE *out)
{
    char paths[MM_CSV_TABLE_COUNT][512];
    mm_csv_files files;
    mm_builder *b = NULL;
    mm_diags *diags = NULL;
    int rc = mm_diags_new(&diags);

    base_files(&files, paths);
    if (rc == 0)
        rc = mm_import_csv(&b, &files, diags);
    if (rc == 0)
        rc = mm_builder_write_json(b, out);
    mm_builder_free(b);
    mm_diags_free(diags);
    return rc;
}

static void test_import_allocation_failures(void **state)
{
    FILE *sink = fopen("/dev/null", "w");
    unsigned long n, total;
    int rc;

    (void)state;
    assert_non_null(sink);
    assert_int_equal(import_base(sink), 0);
    for (n = 1;; n++) {
        mm_alloc_fail_after(n);
        rc = import_base(sink);
        total = mm_alloc_count();
        mm_alloc_fail_after(0);
        if (rc == 0 && total < n)
            break;
        assert_int_equal(rc, MM_ENOMEM);
    }
    assert_true(n > 100);
    fclose(sink);
}

/* The small example, exported with every allocation failing in turn. */
static void test_export_allocation_failures(void **state)
{
    FILE *out[MM_CSV_TABLE_COUNT];
    char *doc = NULL;
    size_t len = 0, n;
    FILE *mem = open_memstream(&doc, &len);
    int rc;

    (void)state;
    assert_int_equal(import_base(mem), 0);
    fclose(mem);
    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++)
        assert_non_null(out[t] = fopen("/dev/null", "w"));
    for (n = 1;; n++) {
        mm_diags *diags = NULL;
        unsigned long total;
        mm_alloc_fail_after(n);
        rc = mm_diags_new(&diags);
        if (rc == 0)
            rc = mm_export_csv(doc, len, 0, out, diags);
        total = mm_alloc_count();
        mm_alloc_fail_after(0);
        mm_diags_free(diags);
        if (rc == 0 && total < n)
            break;
        assert_int_equal(rc, MM_ENOMEM);
    }
    assert_true(n > 100);
    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++)
        fclose(out[t]);
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xen_2010_built_equals_read),
        cmocka_unit_test(test_xen_2015_built_equals_read),
        cmocka_unit_test(test_small_builds_and_solves),
        cmocka_unit_test(test_duplicate_id_is_reported_at_the_second_call),
        cmocka_unit_test(test_unknown_references_name_the_element),
        cmocka_unit_test(test_bad_numbers_are_reported_with_their_field),
        cmocka_unit_test(test_score_numbers_past_their_bounds_name_the_field),
        cmocka_unit_test(test_application_places_name_the_call),
        cmocka_unit_test(test_missing_ids_and_bad_text),
        cmocka_unit_test(test_attributes_and_quotas_are_written_and_read),
        cmocka_unit_test(test_attribute_and_quota_errors_name_the_call),
        cmocka_unit_test(test_finish_twice),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_import_allocation_failures),
        cmocka_unit_test(test_export_allocation_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
