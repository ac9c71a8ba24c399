/* The builder: calls become an input document held as jansson values, and
 * finishing reads that document with read_json.c's own walker, so a built
 * problem passes the very checks, and gets the very messages, of a document
 * read from a file. Only what a document could not say is checked here, as
 * the calls are made: numbers that are not finite, text that is not UTF-8,
 * one skill twice, an application of a student never added. */
#include "mentormatch/build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "build.h"
#include "diag.h"
#include "hashmap.h"
#include "jpath.h"
#include "read_json.h"
#include "strbuf.h"
#include "write_document.h"

/* The record arrays, in the document's order. */
enum { L_ORGS, L_MENTORS, L_IDEAS, L_STUDENTS, L_RATINGS, L_CONFLICTS, L_FIXED, L_FORBIDDEN,
       N_LISTS };
static const char *const LIST_NAMES[N_LISTS] = {"orgs", "mentors", "ideas", "students",
                                                "ratings", "conflicts", "fixed", "forbidden"};

/* Program and settings members, in the document's order. */
enum { F_NAME, F_SLOTS, F_WEIGHTS, F_OBJECTIVE = F_WEIGHTS + 4, F_SCALE, F_SETTINGS, N_FIELDS = F_SETTINGS + 4 };
static const struct {
    const char *section, *group, *key;
} FIELDS[N_FIELDS] = {
    {"program", NULL, "name"},          {"program", NULL, "slots"},
    {"settings", "weights", "rating"},  {"settings", "weights", "preference"},
    {"settings", "weights", "skill"},   {"settings", "weights", "impact"},
    {"settings", NULL, "objective"},    {"settings", NULL, "rating_scale"},
    {"settings", NULL, "default_rating"}, {"settings", NULL, "min_rating"},
    {"settings", NULL, "min_skill"},    {"settings", NULL, "max_rank"},
};

struct mm_builder {
    json_t *lists[N_LISTS];
    json_t *fields[N_FIELDS]; /* NULL: not set */
    mm_strmap student_ids;    /* keys borrowed from the students' "id" values */
    mm_u64map app_call;       /* (student, position) -> its add_application call */
    size_t app_calls;
    mm_diags *early;          /* what the calls themselves got wrong */
    int oom;
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
    record_begin_at(r, b, LIST_NAMES[list], json_array_size(b->lists[list]));
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
    json_set_alloc_funcs(mm_malloc, mm_free);
    for (int k = 0; rc == 0 && k < N_LISTS; k++)
        if (!(b->lists[k] = json_array()))
            rc = MM_ENOMEM;
    if (b) {
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
    mm_jpath_key(path, FIELDS[field].section);
    if (FIELDS[field].group)
        mm_jpath_key(path, FIELDS[field].group);
    mm_jpath_key(path, FIELDS[field].key);
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

/* The student's applications array, or NULL (reported) when there is none. */
static json_t *applications_of(mm_builder *b, record *r, const char *student, uint32_t *s)
{
    size_t mark = mm_jpath_key(&r->path, "student");

    *s = student ? mm_strmap_get(&b->student_ids, student, strlen(student)) : MM_NOT_FOUND;
    if (!student)
        early(b, &r->path, "missing (required)");
    else if (*s == MM_NOT_FOUND)
        early(b, &r->path, "unknown student " MM_ID_FMT, MM_ID_ARG(student));
    mm_jpath_pop(&r->path, mark);
    if (*s == MM_NOT_FOUND)
        return NULL;
    return json_object_get(json_array_get(b->lists[L_STUDENTS], *s), "applications");
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

/* ---- the document ---------------------------------------------------- */

static json_t *member(json_t *obj, const char *key)
{
    json_t *inner = json_object_get(obj, key);

    if (!inner && obj && json_object_set_new(obj, key, inner = json_object()) != 0)
        inner = NULL;
    return inner;
}

/* The document the calls describe; the builder's values are shared, not
 * copied. @return it (json_decref), or NULL when out of memory. */
static json_t *document(const mm_builder *b)
{
    json_t *root = json_object();
    int failed = !root;

    for (int k = 0; !failed && k < N_FIELDS; k++) {
        json_t *section = b->fields[k] ? member(root, FIELDS[k].section) : NULL;
        if (section && FIELDS[k].group)
            section = member(section, FIELDS[k].group);
        failed = b->fields[k] && (!section || json_object_set(section, FIELDS[k].key,
                                                               b->fields[k]) != 0);
    }
    for (int k = 0; !failed && k < N_LISTS; k++) {
        int required = k == L_MENTORS || k == L_IDEAS || k == L_STUDENTS;
        if (required || json_array_size(b->lists[k]) > 0)
            failed = json_object_set(root, LIST_NAMES[k], b->lists[k]) != 0;
    }
    if (failed) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int mm_builder_write_json(const mm_builder *b, FILE *out)
{
    json_t *root;

    if (!b || !out)
        return MM_EINVALID;
    if (b->oom || !(root = document(b)))
        return MM_ENOMEM;
    mm_write_document(root, out);
    json_decref(root);
    return ferror(out) || fflush(out) != 0 ? MM_EIO : 0;
}

int mm_record_ref(const char *text, size_t *name_len, unsigned long *index, const char **rest)
{
    const char *open = strchr(text, '[');
    char *end;

    if (!open || open == text || open[1] < '0' || open[1] > '9')
        return 0;
    for (const char *c = text; c < open; c++)
        if (!((*c >= 'a' && *c <= 'z') || *c == '_'))
            return 0;
    *index = strtoul(open + 1, &end, 10);
    if (*end != ']')
        return 0;
    *name_len = (size_t)(open - text);
    *rest = end + 1;
    return 1;
}

int mm_message_ref(const char *message, size_t *at)
{
    size_t len = strlen(message), name_len;
    const char *ref, *rest;
    unsigned long index;

    if (len < 2 || strcmp(message + len - 2, "])") != 0)
        return 0;
    for (ref = message + len - 2; ref > message && ref[-1] != ' '; ref--)
        ;
    if (ref - message < 3 || strncmp(ref - 3, "at ", 3) != 0 ||
        !mm_record_ref(ref, &name_len, &index, &rest) || strcmp(rest, ")") != 0)
        return 0;
    *at = (size_t)(ref - message);
    return 1;
}

/* The call that added application `j` of student `s`, or MM_NOT_FOUND. */
static uint32_t app_call(const mm_builder *b, unsigned long s, unsigned long j)
{
    if (s >= MM_NONE || j >= MM_NONE)
        return MM_NOT_FOUND;
    return mm_u64map_get(&b->app_call, mm_pair_key((uint32_t)s, (uint32_t)j));
}

/* "students[S].applications[J]REST" -> "applications[K]REST", K the call
 * that added it, and in the message "(first at applications[J2])" likewise.
 * @return 1 when the diagnostic was translated into `place` and `message`. */
static int call_places(const mm_builder *b, const mm_diag *d, mm_strbuf *place,
                       mm_strbuf *message)
{
    static const char prefix[] = "students[";
    unsigned long s, j, j2;
    const char *rest;
    size_t name_len, at;
    uint32_t call, call2;

    if (strncmp(d->place, prefix, sizeof prefix - 1) != 0 ||
        !mm_record_ref(d->place, &name_len, &s, &rest) ||
        strncmp(rest, ".applications[", 14) != 0 ||
        !mm_record_ref(rest + 1, &name_len, &j, &rest) ||
        (call = app_call(b, s, j)) == MM_NOT_FOUND)
        return 0;
    mm_strbuf_printf(place, "applications[%lu]%s", (unsigned long)call, rest);
    if (mm_message_ref(d->message, &at) && strncmp(d->message + at, "applications[", 13) == 0 &&
        (call2 = app_call(b, s, j2 = strtoul(d->message + at + 13, NULL, 10))) != MM_NOT_FOUND)
        mm_strbuf_printf(message, "%.*sapplications[%lu])", (int)at, d->message,
                         (unsigned long)call2);
    else
        mm_strbuf_printf(message, "%s", d->message);
    return !place->oom && !message->oom;
}

/* Copy `from` into `to`, document places turned into call places. */
static void copy_diags(const mm_builder *b, mm_diags *to, const mm_diags *from)
{
    for (size_t k = 0; k < mm_diags_count(from); k++) {
        const mm_diag *d = mm_diags_get(from, k);
        mm_strbuf place, message;
        int translated;

        mm_strbuf_init(&place);
        mm_strbuf_init(&message);
        translated = call_places(b, d, &place, &message);
        mm_diag_add(to, d->severity, translated ? mm_strbuf_text(&place) : d->place, "%s",
                    translated ? mm_strbuf_text(&message) : d->message);
        mm_strbuf_dispose(&place);
        mm_strbuf_dispose(&message);
    }
}

int mm_builder_finish(mm_problem **out, const mm_builder *b, mm_diags *diags)
{
    mm_diags *found = NULL;
    mm_problem *p = NULL;
    json_t *root = NULL;
    int rc;

    *out = NULL;
    if (!b || !diags)
        return MM_EINVALID;
    rc = b->oom ? MM_ENOMEM : mm_diags_new(&found);
    if (rc == 0 && (!(root = document(b)) || !(p = mm_problem_alloc())))
        rc = MM_ENOMEM;
    if (rc == 0) {
        rc = mm_read_json_value(p, root, 0, found);
        rc = mm_problem_complete(out, p, rc, NULL, found);
    }
    copy_diags(b, diags, b->early);
    copy_diags(b, diags, found);
    if (rc == 0 && mm_diags_error_count(b->early) > 0) {
        mm_problem_free(*out);
        *out = NULL;
        rc = MM_EINVALID;
    }
    json_decref(root);
    mm_diags_free(found);
    return rc;
}
