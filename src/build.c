/* The builder's calls: each becomes part of an input document held as
 * jansson values (build_finish.c reads it). Only what a document could not
 * say is checked here, as the calls are made: numbers that are not finite,
 * text that is not UTF-8, one skill twice, an application of a student
 * never added. */
#include "mentormatch/build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "build.h"
#include "diag.h"
#include "hashmap.h"
#include "jpath.h"
#include "jsonfile.h"
#include "suggest.h"

const char *const MM_BUILD_LISTS[N_LISTS] = {"orgs",    "mentors",   "ideas", "students",
                                           "ratings", "conflicts", "fixed", "forbidden",
                                           "quotas"};

const mm_build_field MM_BUILD_FIELDS[N_FIELDS] = {
    {"program", NULL, "name"},          {"program", NULL, "slots"},
    {"settings", "weights", "rating"},  {"settings", "weights", "preference"},
    {"settings", "weights", "skill"},   {"settings", "weights", "impact"},
    {"settings", NULL, "objective"},    {"settings", NULL, "rating_scale"},
    {"settings", NULL, "default_rating"}, {"settings", NULL, "min_rating"},
    {"settings", NULL, "min_skill"},    {"settings", NULL, "max_rank"},
};

/* One record being filled, and its place for messages ("mentors[3]"). */
typedef struct {
    mm_builder *b;
    json_t *obj;
    mm_jpath path;
} record;

static int builder_status(const mm_builder *b)
{
    return b->oom ? MM_ENOMEM : 0;
}

static void early(mm_builder *b, const mm_jpath *path, const char *fmt, ...) MM_PRINTF(3, 4);

static void early(mm_builder *b, const mm_jpath *path, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mm_diag_vadd(b->early, MM_SEVERITY_ERROR, mm_jpath_text(path), fmt, ap);
    va_end(ap);
}

/* ---- values ---------------------------------------------------------- */

/* A finite number; integral ones as integers, so they are written "2". */
static json_t *number(mm_builder *b, const mm_jpath *path, double value)
{
    json_t *v;

    if (!isfinite(value)) {
        early(b, path, "must be a finite number, not %g", value);
        return NULL;
    }
    v = value == floor(value) && fabs(value) <= 9007199254740992.0
            ? json_integer((json_int_t)value)
            : json_real(value);
    b->oom |= !v;
    return v;
}

static json_t *text(mm_builder *b, const mm_jpath *path, const char *s)
{
    unsigned long failures = mm_alloc_failures();
    json_t *v = json_string(s);

    if (!v && mm_alloc_failures() == failures)
        early(b, path, "must be valid UTF-8");
    else if (!v)
        b->oom = 1;
    return v;
}

/* Set obj[key] = value, taking the reference; a NULL value sets nothing. A
 * key that is not UTF-8 (a skill name) is reported at `path`. */
static void put(mm_builder *b, const mm_jpath *path, json_t *obj, const char *key, json_t *value)
{
    unsigned long failures = mm_alloc_failures();

    if (!value || json_object_set_new(obj, key, value) == 0)
        return;
    if (mm_alloc_failures() == failures)
        early(b, path, "must be valid UTF-8");
    else
        b->oom = 1;
}

static void append(mm_builder *b, json_t *array, json_t *value)
{
    if (value && json_array_append_new(array, value) != 0)
        b->oom = 1;
}

/* ---- records --------------------------------------------------------- */

static void record_begin_at(record *r, mm_builder *b, const char *list, size_t index)
{
    r->b = b;
    r->obj = json_object();
    b->oom |= !r->obj;
    mm_jpath_init(&r->path);
    mm_jpath_key(&r->path, list);
    mm_jpath_index(&r->path, index);
}

/* A record that will be the next element of lists[list]. */
static void record_begin(record *r, mm_builder *b, int list)
{
    record_begin_at(r, b, MM_BUILD_LISTS[list], json_array_size(b->lists[list]));
}

/* Append the record to `list` (NULL: drop it). @return 0 or MM_ENOMEM. */
static int record_end(record *r, json_t *list)
{
    r->b->oom |= r->path.oom;
    if (r->obj && list)
        append(r->b, list, r->obj);
    else
        json_decref(r->obj);
    mm_jpath_dispose(&r->path);
    return builder_status(r->b);
}

static void set_text(record *r, const char *key, const char *s)
{
    size_t mark = mm_jpath_key(&r->path, key);

    if (s && r->obj)
        put(r->b, &r->path, r->obj, key, text(r->b, &r->path, s));
    mm_jpath_pop(&r->path, mark);
}

static void set_int(record *r, const char *key, long long value)
{
    if (value != MM_UNSET && r->obj) {
        json_t *v = json_integer(value);
        r->b->oom |= !v;
        put(r->b, &r->path, r->obj, key, v);
    }
}

static void set_number(record *r, const char *key, double value)
{
    size_t mark = mm_jpath_key(&r->path, key);

    if (r->obj)
        put(r->b, &r->path, r->obj, key, number(r->b, &r->path, value));
    mm_jpath_pop(&r->path, mark);
}

/* A list of ids; a NULL id becomes null, which the reader reports. */
static void set_ids(record *r, const char *key, const char *const *ids, size_t n)
{
    size_t mark = mm_jpath_key(&r->path, key);
    json_t *list = json_array();

    r->b->oom |= !list;
    for (size_t k = 0; list && k < n; k++) {
        size_t item = mm_jpath_index(&r->path, k);
        append(r->b, list, ids && ids[k] ? text(r->b, &r->path, ids[k]) : json_null());
        mm_jpath_pop(&r->path, item);
    }
    if (r->obj)
        put(r->b, &r->path, r->obj, key, list);
    else
        json_decref(list);
    mm_jpath_pop(&r->path, mark);
}

/* A {skill: level} object. The same spelling twice cannot be a JSON key:
 * it is reported here, in the reader's words for two spellings. */
static void set_skills(record *r, const char *key, const mm_skill *skills, size_t n)
{
    size_t mark = mm_jpath_key(&r->path, key);
    json_t *map = n > 0 ? json_object() : NULL;

    r->b->oom |= n > 0 && !map;
    for (size_t k = 0; map && k < n; k++) {
        const char *name = skills[k].name ? skills[k].name : "";
        size_t item = mm_jpath_key(&r->path, name);
        if (json_object_get(map, name))
            early(r->b, &r->path, "skill named twice (names ignore ASCII case)");
        else
            put(r->b, &r->path, map, name, number(r->b, &r->path, skills[k].level));
        mm_jpath_pop(&r->path, item);
    }
    if (r->obj && map)
        put(r->b, &r->path, r->obj, key, map);
    else
        json_decref(map);
    mm_jpath_pop(&r->path, mark);
}

/* ---- the builder ----------------------------------------------------- */

int mm_builder_new(mm_builder **out)
{
    mm_builder *b = mm_calloc(1, sizeof *b);
    int rc = b ? mm_diags_new(&b->early) : MM_ENOMEM;

    *out = NULL;
    mm_json_use_allocator();
    for (int k = 0; rc == 0 && k < N_LISTS; k++)
        if (!(b->lists[k] = json_array()))
            rc = MM_ENOMEM;
    if (b) {
        b->suggest_budget = MM_SUGGEST_BUDGET_INIT;
        mm_strmap_init(&b->student_ids);
        mm_u64map_init(&b->app_call);
    }
    if (rc != 0) {
        mm_builder_free(b);
        return rc;
    }
    *out = b;
    return 0;
}

void mm_builder_free(mm_builder *b)
{
    if (!b)
        return;
    for (int k = 0; k < N_LISTS; k++)
        json_decref(b->lists[k]);
    for (int k = 0; k < N_FIELDS; k++)
        json_decref(b->fields[k]);
    mm_strmap_dispose(&b->student_ids);
    mm_u64map_dispose(&b->app_call);
    mm_diags_free(b->early);
    mm_free(b);
}

/* Program and settings members replace what an earlier call set. */
static void set_field(mm_builder *b, int field, json_t *value)
{
    json_decref(b->fields[field]);
    b->fields[field] = value;
}

/* The place of a program or settings member, for a message about it. */
static void field_path(mm_jpath *path, int field)
{
    mm_jpath_init(path);
    mm_jpath_key(path, MM_BUILD_FIELDS[field].section);
    if (MM_BUILD_FIELDS[field].group)
        mm_jpath_key(path, MM_BUILD_FIELDS[field].group);
    mm_jpath_key(path, MM_BUILD_FIELDS[field].key);
}

static int set_number_field(mm_builder *b, int field, double value)
{
    mm_jpath path;
    json_t *v;

    field_path(&path, field);
    v = number(b, &path, value);
    b->oom |= path.oom;
    mm_jpath_dispose(&path);
    if (v)
        set_field(b, field, v);
    return builder_status(b);
}

int mm_builder_set_program(mm_builder *b, const char *name, long long slots)
{
    mm_jpath path;

    if (!b)
        return MM_EINVALID;
    field_path(&path, F_NAME);
    set_field(b, F_NAME, name ? text(b, &path, name) : NULL);
    b->oom |= path.oom;
    mm_jpath_dispose(&path);
    set_field(b, F_SLOTS, slots != MM_UNSET ? json_integer(slots) : NULL);
    b->oom |= slots != MM_UNSET && !b->fields[F_SLOTS];
    return builder_status(b);
}

int mm_builder_set_weight(mm_builder *b, mm_weight which, double weight)
{
    if (!b || which < MM_WEIGHT_RATING || which > MM_WEIGHT_IMPACT)
        return MM_EINVALID;
    return set_number_field(b, F_WEIGHTS + (int)which, weight);
}

int mm_builder_set_objective(mm_builder *b, const char *objective)
{
    mm_jpath path;

    if (!b)
        return MM_EINVALID;
    field_path(&path, F_OBJECTIVE);
    /* NULL is passed on as null, which the reader reports like any bad name. */
    set_field(b, F_OBJECTIVE, objective ? text(b, &path, objective) : json_null());
    b->oom |= path.oom;
    mm_jpath_dispose(&path);
    return builder_status(b);
}

int mm_builder_set_rating_scale(mm_builder *b, double lo, double hi)
{
    mm_jpath path;
    json_t *scale;

    if (!b)
        return MM_EINVALID;
    field_path(&path, F_SCALE);
    scale = json_array();
    b->oom |= !scale || path.oom;
    if (scale) {
        append(b, scale, number(b, &path, lo));
        append(b, scale, number(b, &path, hi));
    }
    mm_jpath_dispose(&path);
    if (json_array_size(scale) == 2)
        set_field(b, F_SCALE, scale);
    else
        json_decref(scale);
    return builder_status(b);
}

int mm_builder_set_setting(mm_builder *b, mm_setting which, double value)
{
    if (!b || which < MM_SETTING_DEFAULT_RATING || which > MM_SETTING_MAX_RANK)
        return MM_EINVALID;
    return set_number_field(b, F_SETTINGS + (int)which, value);
}

int mm_builder_add_org(mm_builder *b, const char *id, const char *name, long long slots)
{
    record r;

    if (!b)
        return MM_EINVALID;
    record_begin(&r, b, L_ORGS);
    set_text(&r, "id", id);
    set_text(&r, "name", name);
    set_int(&r, "slots", slots);
    return record_end(&r, b->lists[L_ORGS]);
}

int mm_builder_add_mentor(mm_builder *b, const char *id, const char *name, long long capacity,
                          long long min_load)
{
    record r;

    if (!b)
        return MM_EINVALID;
    record_begin(&r, b, L_MENTORS);
    set_text(&r, "id", id);
    set_text(&r, "name", name);
    set_int(&r, "capacity", capacity);
    set_int(&r, "min_load", min_load);
    return record_end(&r, b->lists[L_MENTORS]);
}

int mm_builder_add_idea(mm_builder *b, const mm_idea_spec *idea)
{
    record r;

    if (!b || !idea)
        return MM_EINVALID;
    record_begin(&r, b, L_IDEAS);
    set_text(&r, "id", idea->id);
    set_text(&r, "title", idea->title);
    set_text(&r, "org", idea->org);
    set_ids(&r, "mentors", idea->mentors, idea->n_mentors);
    set_int(&r, "slots", idea->slots);
    set_skills(&r, "requires", idea->required_skills, idea->n_required_skills);
    set_int(&r, "size", idea->size);
    set_int(&r, "knowledge", idea->knowledge);
    set_int(&r, "impact", idea->impact);
    return record_end(&r, b->lists[L_IDEAS]);
}

/* Remember a student's id, so applications can find the record. */
static void index_student(mm_builder *b, const json_t *student, size_t index)
{
    const json_t *id = json_object_get(student, "id");

    if (id && mm_strmap_put(&b->student_ids, json_string_value(id), json_string_length(id),
                            (uint32_t)index, NULL) < 0)
        b->oom = 1;
}

int mm_builder_add_student(mm_builder *b, const char *id, const char *name,
                           const mm_skill *skills, size_t n_skills)
{
    size_t index;
    record r;
    json_t *apps;

    if (!b)
        return MM_EINVALID;
    index = json_array_size(b->lists[L_STUDENTS]);
    record_begin(&r, b, L_STUDENTS);
    set_text(&r, "id", id);
    set_text(&r, "name", name);
    set_skills(&r, "skills", skills, n_skills);
    apps = json_array();
    b->oom |= !apps;
    if (r.obj && apps) {
        put(b, &r.path, r.obj, "applications", apps);
        index_student(b, r.obj, index);
    } else {
        json_decref(apps);
    }
    return record_end(&r, b->lists[L_STUDENTS]);
}

/* The student's record, or NULL (reported at r's "student") when there is none. */
static json_t *student_of(mm_builder *b, record *r, const char *student, uint32_t *s)
{
    size_t mark = mm_jpath_key(&r->path, "student");

    *s = student ? mm_strmap_get(&b->student_ids, student, strlen(student)) : MM_NOT_FOUND;
    if (!student)
        early(b, &r->path, "missing (required)");
    else if (*s == MM_NOT_FOUND) {
        char near[MM_SUGGEST_SUFFIX_SIZE];
        early(b, &r->path, "unknown student " MM_ID_FMT "%s", MM_ID_ARG(student),
              mm_suggest_id_suffix(near, student, strlen(student), &b->student_ids,
                                   &b->suggest_budget));
    }
    mm_jpath_pop(&r->path, mark);
    if (*s == MM_NOT_FOUND)
        return NULL;
    return json_array_get(b->lists[L_STUDENTS], *s);
}

static json_t *applications_of(mm_builder *b, record *r, const char *student, uint32_t *s)
{
    return json_object_get(student_of(b, r, student, s), "applications");
}

int mm_builder_add_application(mm_builder *b, const char *student, const char *idea,
                               long long rank)
{
    record r;
    uint32_t s;
    json_t *apps;
    size_t call;

    if (!b)
        return MM_EINVALID;
    call = b->app_calls++;
    record_begin_at(&r, b, "applications", call);
    apps = applications_of(b, &r, student, &s);
    set_text(&r, "idea", idea);
    set_int(&r, "rank", rank);
    /* Places in the document name (student, position): map them back to the call. */
    if (apps && r.obj &&
        mm_u64map_put(&b->app_call, mm_pair_key(s, (uint32_t)json_array_size(apps)),
                      (uint32_t)call, NULL) < 0)
        b->oom = 1;
    return record_end(&r, apps);
}

int mm_builder_add_rating(mm_builder *b, const char *mentor, const char *student,
                          const char *idea, double score)
{
    record r;

    if (!b)
        return MM_EINVALID;
    record_begin(&r, b, L_RATINGS);
    set_text(&r, "mentor", mentor);
    set_text(&r, "student", student);
    set_text(&r, "idea", idea);
    if (!isnan(score))
        set_number(&r, "score", score);
    return record_end(&r, b->lists[L_RATINGS]);
}

int mm_builder_add_conflict(mm_builder *b, const char *mentor, const char *student)
{
    record r;

    if (!b)
        return MM_EINVALID;
    record_begin(&r, b, L_CONFLICTS);
    set_text(&r, "mentor", mentor);
    set_text(&r, "student", student);
    return record_end(&r, b->lists[L_CONFLICTS]);
}

/* A fixed or forbidden pair; only a fixed one may name a mentor. */
static int add_pair(mm_builder *b, int list, const char *student, const char *idea,
                    const char *mentor)
{
    record r;

    if (!b)
        return MM_EINVALID;
    record_begin(&r, b, list);
    set_text(&r, "student", student);
    set_text(&r, "idea", idea);
    set_text(&r, "mentor", mentor);
    return record_end(&r, b->lists[list]);
}

int mm_builder_add_fixed(mm_builder *b, const char *student, const char *idea,
                         const char *mentor)
{
    return add_pair(b, L_FIXED, student, idea, mentor);
}

int mm_builder_add_forbidden(mm_builder *b, const char *student, const char *idea)
{
    return add_pair(b, L_FORBIDDEN, student, idea, NULL);
}

/* ---- attributes and quotas ------------------------------------------- */

/* The JSON value of `value`; NULL (reported at path) when it has none. */
static json_t *attribute_value(mm_builder *b, const mm_jpath *path, mm_attribute_value value)
{
    json_t *v = NULL;

    switch (value.type) {
    case MM_ATTRIBUTE_TEXT:
        if (!value.text)
            early(b, path, "must be a string, a number or a boolean, not null");
        return value.text ? text(b, path, value.text) : NULL;
    case MM_ATTRIBUTE_NUMBER: return number(b, path, value.number);
    case MM_ATTRIBUTE_BOOLEAN:
        v = json_boolean(value.boolean);
        b->oom |= !v;
        return v;
    default:
        early(b, path, "must be a string, a number or a boolean, not null");
        return NULL;
    }
}

int mm_builder_set_attribute(mm_builder *b, const char *student, const char *name,
                             mm_attribute_value value)
{
    record r;
    uint32_t s;
    json_t *st, *attrs;

    if (!b)
        return MM_EINVALID;
    record_begin_at(&r, b, "attributes", b->attr_calls++);
    st = student_of(b, &r, student, &s);
    if (st && !name) {
        size_t mark = mm_jpath_key(&r.path, "name");
        early(b, &r.path, "missing (required)");
        mm_jpath_pop(&r.path, mark);
    } else if (st) {
        /* Messages about the value name the student's own place. */
        mm_jpath place;
        mm_jpath_init(&place);
        mm_jpath_key(&place, "students");
        mm_jpath_index(&place, s);
        mm_jpath_key(&place, "attributes");
        mm_jpath_key(&place, name);
        attrs = json_object_get(st, "attributes");
        if (!attrs && (attrs = json_object()) != NULL)
            put(b, &place, st, "attributes", attrs);
        b->oom |= !attrs || place.oom;
        if (attrs)
            put(b, &place, attrs, name, attribute_value(b, &place, value));
        mm_jpath_dispose(&place);
    }
    return record_end(&r, NULL);
}

int mm_builder_add_quota(mm_builder *b, const mm_quota_spec *quota)
{
    record r;

    if (!b || !quota)
        return MM_EINVALID;
    record_begin(&r, b, L_QUOTAS);
    set_text(&r, "id", quota->id);
    set_text(&r, "attribute", quota->attribute);
    if (quota->value.type != MM_ATTRIBUTE_NONE && r.obj) {
        size_t mark = mm_jpath_key(&r.path, "value");
        put(b, &r.path, r.obj, "value", attribute_value(b, &r.path, quota->value));
        mm_jpath_pop(&r.path, mark);
    }
    set_text(&r, "per", quota->per);
    set_int(&r, "min", quota->min);
    set_int(&r, "max", quota->max);
    return record_end(&r, b->lists[L_QUOTAS]);
}
