#include "read_json.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "jpath.h"
#include "score.h"
#include "jsonfile.h"
#include "suggest.h"
#include "quota.h"
#include "read_stream.h"
#include "read_value.h"

/* Integers must fit a 32-bit int: sums of them then never overflow. */
#define MM_INT_MAX 2147483647
/* Ranks stop at a million: the result lists assignments by rank. */
#define MM_RANK_MAX 1000000

typedef struct {
    mm_problem *p;
    mm_diags *diags;
    int strict;
    int oom;
    mm_jpath path;
    uint32_t *skill_mark; /* per skill: the last skills object that named it */
    size_t skill_mark_capacity;
    uint32_t skill_object;
    size_t capacity_idea_mentors, capacity_levels, capacity_attrs;
    double deadline;   /* mm_now seconds; 0: none */
    unsigned ticks;    /* items walked, for checking the clock now and then */
    int timed_out;     /* the deadline passed: the walk stops */
    size_t suggest_budget; /* "did you mean" work left for this document (suggest.h) */
    mm_stream *stream; /* top-level arrays read element by element, or NULL */
    int stream_rc;     /* an element failed to parse (read_stream.h): the walk stops */
    size_t capacity_apps;
} reader;

/* "$schema" names a JSON Schema for editors (docs/mentormatch-input.schema.json);
 * it is read as a string and not used. */
static const char *const TOP_KEYS[] = {"$schema", "program", "settings", "orgs", "mentors",
                                       "ideas", "students", "ratings", "conflicts",
                                       "fixed", "forbidden", "quotas", NULL};
static const char *const PROGRAM_KEYS[] = {"name", "slots", NULL};
static const char *const SETTINGS_KEYS[] = {"weights", "objective", "rating_scale",
                                            "default_rating", "min_rating",
                                            "min_skill", "max_rank", NULL};
static const char *const WEIGHT_KEYS[] = {"rating", "preference", "skill", "impact", NULL};
static const char *const ORG_KEYS[] = {"id", "name", "slots", NULL};
static const char *const MENTOR_KEYS[] = {"id", "name", "capacity", "min_load", NULL};
static const char *const IDEA_KEYS[] = {"id", "title", "org", "mentors", "slots",
                                        "requires", "size", "knowledge", "impact", NULL};
static const char *const STUDENT_KEYS[] = {"id", "name", "skills", "attributes",
                                           "applications", NULL};
static const char *const APPLICATION_KEYS[] = {"idea", "rank", NULL};
static const char *const RATING_KEYS[] = {"mentor", "student", "idea", "score", NULL};
static const char *const CONFLICT_KEYS[] = {"mentor", "student", NULL};
static const char *const FIXED_KEYS[] = {"student", "idea", "mentor", NULL};
static const char *const PAIR_KEYS[] = {"student", "idea", NULL};
static const char *const QUOTA_KEYS[] = {"id", "attribute", "value", "per", "min", "max", NULL};

static void report(reader *r, mm_severity severity, const char *fmt, ...) MM_PRINTF(3, 4);

static void report(reader *r, mm_severity severity, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mm_diag_vadd(r->diags, severity, mm_jpath_text(&r->path), fmt, ap);
    va_end(ap);
}

#define ERROR(r, ...) report((r), MM_SEVERITY_ERROR, __VA_ARGS__)

static const char *type_name(const mm_val v)
{
    switch (mm_val_type(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

static const char *intern(reader *r, const char *s, size_t len)
{
    const char *copy = mm_arena_strndup(&r->p->strings, s, len);

    if (!copy)
        r->oom = 1;
    return copy ? copy : "";
}

static int in_list(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(key, *list) == 0)
            return 1;
    return 0;
}

/* Unknown keys are warnings (errors with --strict), with the known key
 * nearest in spelling. Where `typo_is_error` (settings, weights) an unknown
 * key that is close to a known one is an error even without --strict: a
 * misspelled weight silently left at its default changes the allocation. */
static void check_keys_of(reader *r, mm_val obj, const char *const *known, int typo_is_error)
{
    const char *key;
    mm_val value;

    mm_val_iter it = mm_val_items(obj);

    while (mm_val_next(&it, &key, &value)) {
        if (!in_list(key, known)) {
            size_t mark = mm_jpath_key(&r->path, key);
            const char *near = mm_suggest_in_list(key, known, &r->suggest_budget);
            int error = r->strict || (near && typo_is_error);
            report(r, error ? MM_SEVERITY_ERROR : MM_SEVERITY_WARNING, "unknown key%s%s%s%s",
                   error ? "" : " (ignored)", near ? "; did you mean '" : "", near ? near : "",
                   near ? "'?" : "");
            mm_jpath_pop(&r->path, mark);
        }
    }
}

static void check_keys(reader *r, mm_val obj, const char *const *known)
{
    check_keys_of(r, obj, known, 0);
}

/* The streamed array a placeholder stands for (read_stream.h), or NULL. */
static mm_stream_array *streamed(const reader *r, mm_val array)
{
    return r->stream && array.j && json_array_size(array.j) == 0
               ? mm_stream_array_of(r->stream, array.j)
               : NULL;
}

static size_t array_size(const reader *r, mm_val array)
{
    mm_stream_array *a = streamed(r, array);

    return a ? a->count : mm_val_size(array);
}

/* Element i, parsed now when streamed (and alive until the next is);
 * absent once the stream failed, and the walk then stops. */
static mm_val take_element(reader *r, mm_val array, size_t i)
{
    mm_stream_array *a = streamed(r, array);
    mm_val el = mm_val_json(NULL);

    if (!a)
        return mm_val_at(array, i);
    if (r->stream_rc == 0)
        r->stream_rc = mm_stream_element(r->stream, a, i, &el);
    return el;
}

/* Look up `key` in `obj`; `required` reports its absence. The path then
 * points at the member until the matching mm_jpath_pop. */
static mm_val enter(reader *r, mm_val obj, const char *key, int required, size_t *mark)
{
    mm_val value = mm_val_get(obj, key);

    *mark = mm_jpath_key(&r->path, key);
    if (!mm_val_present(value) && required)
        ERROR(r, "missing (required)");
    return value;
}

static mm_val enter_array(reader *r, mm_val obj, const char *key, int required,
                           size_t *mark)
{
    mm_val value = enter(r, obj, key, required, mark);

    if (mm_val_present(value) && !mm_val_is_array(value)) {
        ERROR(r, "must be an array, not %s", type_name(value));
        return mm_val_json(NULL);
    }
    if (mm_val_present(value) && array_size(r, value) >= MM_NONE) {
        ERROR(r, "too many elements");
        return mm_val_json(NULL);
    }
    return value;
}

/* @return the string member (interned), or NULL when absent or not a string. */
static const char *read_string(reader *r, mm_val obj, const char *key, int required)
{
    size_t mark;
    mm_val value = enter(r, obj, key, required, &mark);
    const char *out = NULL;

    if (mm_val_present(value) && !mm_val_is_string(value))
        ERROR(r, "must be a string, not %s", type_name(value));
    else if (mm_val_present(value))
        out = intern(r, mm_val_string(value), mm_val_length(value));
    mm_jpath_pop(&r->path, mark);
    return out;
}

/* @return 1 with *out for an integral number that fits, 2 for an integral
 * number too large for int64 (an out-of-range error), 0 otherwise. */
static int as_integer(const mm_val value, int64_t *out)
{
    double d;

    if (mm_val_is_integer(value)) {
        *out = mm_val_integer(value);
        return 1;
    }
    if (!mm_val_is_real(value))
        return 0;
    d = mm_val_real(value);
    if (!isfinite(d) || d != floor(d))
        return 0;
    if (fabs(d) > 9.0e18)
        return 2;
    *out = (int64_t)d;
    return 1;
}

/* @return 1 and *out when valid, 0 when absent (out untouched), -1 when invalid. */
static int read_int(reader *r, mm_val obj, const char *key, int64_t lo, int64_t hi,
                    int64_t *out)
{
    size_t mark;
    mm_val value = enter(r, obj, key, 0, &mark);
    int64_t v;
    int status = 0;

    if (mm_val_present(value)) {
        int kind = as_integer(value, &v);
        status = -1;
        if (kind == 0)
            ERROR(r, "must be an integer, not %s",
                  mm_val_is_number(value) ? "a fraction" : type_name(value));
        else if (kind == 2)
            ERROR(r, "must be between %lld and %lld, not %g", (long long)lo, (long long)hi,
                  mm_val_real(value));
        else if (v < lo || v > hi)
            ERROR(r, "must be between %lld and %lld, not %lld", (long long)lo,
                  (long long)hi, (long long)v);
        else {
            *out = v;
            status = 1;
        }
    }
    mm_jpath_pop(&r->path, mark);
    return status;
}

/* A number in [lo, hi] (or (lo, hi] when lo_open). Same returns as read_int. */
static int check_number(reader *r, mm_val value, double lo, double hi, int lo_open,
                        double *out)
{
    double v;

    if (!mm_val_is_number(value)) {
        ERROR(r, "must be a number, not %s", type_name(value));
        return -1;
    }
    v = mm_val_number(value);
    if (v < lo || v > hi || (lo_open && v == lo)) {
        ERROR(r, "must be in %c%.15g, %.15g], not %.15g", lo_open ? '(' : '[', lo, hi, v);
        return -1;
    }
    *out = v;
    return 1;
}

static int read_number(reader *r, mm_val obj, const char *key, double lo, double hi,
                       double *out)
{
    size_t mark;
    mm_val value = enter(r, obj, key, 0, &mark);
    int status = mm_val_present(value) ? check_number(r, value, lo, hi, 0, out) : 0;

    mm_jpath_pop(&r->path, mark);
    return status;
}

/* Read an object's "id" and register it in `ids`. */
static const char *read_id(reader *r, mm_val obj, mm_strmap *ids, const char *kind,
                           size_t index)
{
    size_t mark;
    mm_val value = enter(r, obj, "id", 1, &mark);
    const char *id = "";
    uint32_t first;

    if (mm_val_present(value) && (!mm_val_is_string(value) || mm_val_length(value) == 0)) {
        ERROR(r, "must be a non-empty string");
    } else if (mm_val_present(value)) {
        size_t len = mm_val_length(value);
        id = intern(r, mm_val_string(value), len);
        /* Out of memory, the id is "" and not len bytes: nothing to register. */
        int put = r->oom ? 0 : mm_strmap_put(ids, id, len, (uint32_t)index, &first);
        if (put < 0)
            r->oom = 1;
        else if (put > 0)
            ERROR(r, "duplicate %s id " MM_ID_FMT " (first at %ss[%u])", kind,
                  MM_ID_ARG(id), kind, first);
    }
    mm_jpath_pop(&r->path, mark);
    return id;
}

/* Resolve a reference held in `value` (already entered in the path). */
static uint32_t resolve(reader *r, mm_val value, const mm_strmap *ids, const char *kind)
{
    uint32_t found;

    if (!mm_val_is_string(value)) {
        ERROR(r, "must be the id of %s %s (a string), not %s", strchr("aeiou", kind[0]) ? "an" : "a",
              kind, type_name(value));
        return MM_NONE;
    }
    found = mm_strmap_get(ids, mm_val_string(value), mm_val_length(value));
    if (found == MM_NOT_FOUND) {
        char near[MM_SUGGEST_SUFFIX_SIZE];
        ERROR(r, "unknown %s " MM_ID_FMT "%s", kind, MM_ID_ARG(mm_val_string(value)),
              mm_suggest_id_suffix(near, mm_val_string(value), mm_val_length(value),
                                   ids, &r->suggest_budget));
    }
    return found;
}

static uint32_t read_ref(reader *r, mm_val obj, const char *key, int required,
                         const mm_strmap *ids, const char *kind)
{
    size_t mark;
    mm_val value = enter(r, obj, key, required, &mark);
    uint32_t found = mm_val_present(value) ? resolve(r, value, ids, kind) : MM_NONE;

    mm_jpath_pop(&r->path, mark);
    return found;
}

/* Enter element `el`, number i of an array of objects; NULL (reported) when
 * not an object. */
static mm_val enter_element(reader *r, mm_val el, size_t i, const char *const *keys,
                             size_t *mark)
{
    *mark = mm_jpath_index(&r->path, i);
    if (!mm_val_is_object(el)) {
        ERROR(r, "must be an object, not %s", type_name(el));
        return mm_val_json(NULL);
    }
    check_keys(r, el, keys);
    return el;
}

static void *alloc_records(reader *r, size_t count, size_t size)
{
    void *records = mm_calloc(count, size);

    if (!records)
        r->oom = 1;
    return records;
}

/* ---- skills ---------------------------------------------------------- */

static uint32_t intern_skill(reader *r, const char *name)
{
    mm_problem *p = r->p;
    size_t len = strlen(name);
    char *lower = mm_malloc(len + 1);
    uint32_t skill = MM_NONE;

    if (!lower)
        goto oom;
    for (size_t i = 0; i <= len; i++)
        lower[i] = (char)tolower((unsigned char)name[i]);
    skill = mm_strmap_get(&p->skill_ids, lower, len);
    if (skill == MM_NOT_FOUND) {
        size_t cap = r->skill_mark_capacity;
        const char *copy = intern(r, lower, len);
        const char **names = mm_realloc(p->skill_names, (p->n_skills + 1) * sizeof *names);
        uint32_t *marks = mm_grow(r->skill_mark, &cap, p->n_skills + 1, sizeof *marks);
        if (names)
            p->skill_names = names;
        if (marks) {
            memset(marks + r->skill_mark_capacity, 0,
                   (cap - r->skill_mark_capacity) * sizeof *marks);
            r->skill_mark = marks;
            r->skill_mark_capacity = cap;
        }
        if (!names || !marks || r->oom ||
            mm_strmap_put(&p->skill_ids, copy, len, (uint32_t)p->n_skills, NULL) < 0)
            goto oom;
        skill = (uint32_t)p->n_skills;
        p->skill_names[p->n_skills++] = copy;
    }
    mm_free(lower);
    return skill;
oom:
    mm_free(lower);
    r->oom = 1;
    return MM_NONE;
}

static void add_level(reader *r, uint32_t skill, double level)
{
    mm_skill_level *grown = mm_grow(r->p->levels, &r->capacity_levels,
                                    r->p->n_levels + 1, sizeof *grown);

    if (!grown) {
        r->oom = 1;
        return;
    }
    r->p->levels = grown;
    r->p->levels[r->p->n_levels++] = (mm_skill_level){skill, level};
}

/* A {skill: level} map; requirements have levels in (0, 5], profiles in [0, 5]. */
static void read_skills(reader *r, mm_val obj, const char *key, int requirement,
                        uint32_t *begin, uint32_t *count)
{
    size_t mark;
    mm_val map = enter(r, obj, key, 0, &mark);
    const char *name;
    mm_val value;
    mm_val_iter it;

    *begin = (uint32_t)r->p->n_levels;
    *count = 0;
    if (mm_val_present(map) && !mm_val_is_object(map))
        ERROR(r, "must be an object of skill levels, not %s", type_name(map));
    if (!mm_val_present(map) || !mm_val_is_object(map)) {
        mm_jpath_pop(&r->path, mark);
        return;
    }
    r->skill_object++;
    it = mm_val_items(map);
    while (mm_val_next(&it, &name, &value)) {
        size_t inner = mm_jpath_key(&r->path, name);
        uint32_t skill = intern_skill(r, name);
        double level;

        if (skill != MM_NONE && r->skill_mark[skill] == r->skill_object)
            ERROR(r, "skill named twice (names ignore ASCII case)");
        else if (skill != MM_NONE &&
                 check_number(r, value, 0, 5, requirement, &level) > 0) {
            r->skill_mark[skill] = r->skill_object;
            add_level(r, skill, level);
        }
        mm_jpath_pop(&r->path, inner);
    }
    *count = (uint32_t)(r->p->n_levels - *begin);
    mm_jpath_pop(&r->path, mark);
}

/* ---- program and settings -------------------------------------------- */

static void read_program(reader *r, mm_val root)
{
    size_t mark;
    mm_val program = enter(r, root, "program", 0, &mark);

    if (mm_val_present(program) && !mm_val_is_object(program)) {
        ERROR(r, "must be an object, not %s", type_name(program));
    } else if (mm_val_present(program)) {
        check_keys(r, program, PROGRAM_KEYS);
        r->p->program_name = read_string(r, program, "name", 0);
        read_int(r, program, "slots", 0, MM_INT_MAX, &r->p->program_slots);
    }
    mm_jpath_pop(&r->path, mark);
}

static void read_weights(reader *r, mm_val settings)
{
    size_t mark;
    mm_val weights = enter(r, settings, "weights", 0, &mark);

    if (mm_val_present(weights) && !mm_val_is_object(weights)) {
        ERROR(r, "must be an object, not %s", type_name(weights));
    } else if (mm_val_present(weights)) {
        check_keys_of(r, weights, WEIGHT_KEYS, 1);
        for (int k = 0; k < MM_COMPONENTS; k++)
            read_number(r, weights, WEIGHT_KEYS[k], 0, MM_SCORE_INPUT_MAX,
                        &r->p->settings.weights[k]);
    }
    mm_jpath_pop(&r->path, mark);
}

static void read_objective(reader *r, mm_val settings)
{
    static const char *const objectives[] = {"count-then-score", "score", NULL};
    size_t mark;
    mm_val value = enter(r, settings, "objective", 0, &mark);
    const char *name = mm_val_string(value), *near;

    if (mm_val_present(value) && name && strcmp(name, "score") == 0) {
        r->p->settings.objective = MM_OBJ_SCORE;
    } else if (mm_val_present(value) && !(name && strcmp(name, "count-then-score") == 0)) {
        near = name ? mm_suggest_in_list(name, objectives, &r->suggest_budget) : NULL;
        ERROR(r, "must be \"count-then-score\" or \"score\"%s%s%s",
              near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "");
    }
    mm_jpath_pop(&r->path, mark);
}

/* Each end bounded, at its own place, then the pair: lo below hi by a span
 * wide enough that ratings normalise without losing digits (score.h). */
static void read_rating_scale(reader *r, mm_val settings)
{
    size_t mark;
    mm_val scale = enter(r, settings, "rating_scale", 0, &mark);
    double end[2], span;
    int ok = 1;

    if (mm_val_present(scale) && (!mm_val_is_array(scale) || mm_val_size(scale) != 2 ||
                  !mm_val_is_number(mm_val_at(scale, 0)) ||
                  !mm_val_is_number(mm_val_at(scale, 1)))) {
        ERROR(r, "must be an array of two numbers [lo, hi]");
        scale = mm_val_json(NULL);
    }
    for (size_t k = 0; mm_val_present(scale) && k < 2; k++) {
        size_t item = mm_jpath_index(&r->path, k);
        ok &= check_number(r, mm_val_at(scale, k), -MM_SCORE_INPUT_MAX,
                           MM_SCORE_INPUT_MAX, 0, &end[k]) > 0;
        mm_jpath_pop(&r->path, item);
    }
    if (mm_val_present(scale) && ok) {
        span = MM_SCALE_MIN_SPAN * fmax(1, fmax(fabs(end[0]), fabs(end[1])));
        if (!(end[0] < end[1]))
            ERROR(r, "the lowest score must be below the highest (%.15g >= %.15g)", end[0],
                  end[1]);
        else if (end[1] - end[0] < span)
            ERROR(r, "the lowest score must be below the highest by at least %.3g "
                     "(1e-6 x max(1, |lo|, |hi|)), not by %.3g", span, end[1] - end[0]);
        else {
            r->p->settings.rating_lo = end[0];
            r->p->settings.rating_hi = end[1];
        }
    }
    mm_jpath_pop(&r->path, mark);
}

/* A setting that is a number or null. @return 1 when a number was set. */
static int read_optional_number(reader *r, mm_val settings, const char *key, double lo,
                                double hi, double *out)
{
    size_t mark;
    mm_val value = enter(r, settings, key, 0, &mark);
    int set = mm_val_present(value) && !mm_val_is_null(value) && check_number(r, value, lo, hi, 0, out) > 0;

    mm_jpath_pop(&r->path, mark);
    return set;
}

static void read_settings(reader *r, mm_val root)
{
    mm_settings *s = &r->p->settings;
    size_t mark;
    mm_val settings = enter(r, root, "settings", 0, &mark);

    if (mm_val_present(settings) && !mm_val_is_object(settings))
        ERROR(r, "must be an object, not %s", type_name(settings));
    if (mm_val_present(settings) && mm_val_is_object(settings)) {
        check_keys_of(r, settings, SETTINGS_KEYS, 1);
        read_weights(r, settings);
        read_objective(r, settings);
        read_rating_scale(r, settings);
        s->has_default_rating = read_optional_number(r, settings, "default_rating",
                                                     s->rating_lo, s->rating_hi,
                                                     &s->default_rating);
        s->has_min_rating = read_optional_number(r, settings, "min_rating",
                                                 -MM_SCORE_INPUT_MAX, MM_SCORE_INPUT_MAX,
                                                 &s->min_rating);
        s->has_min_skill = read_optional_number(r, settings, "min_skill", 0, 1,
                                                &s->min_skill);
        if (!mm_val_is_null(mm_val_get(settings, "max_rank")))
            s->has_max_rank = read_int(r, settings, "max_rank", 1, MM_RANK_MAX,
                                       &s->max_rank) > 0;
    }
    mm_jpath_pop(&r->path, mark);
}

/* ---- arrays of records ---------------------------------------------- */

/* Has the time limit passed (or an element failed to parse)? Looks at the
 * clock every 4096 items, so a walk stops within milliseconds of the
 * deadline; once out of time, always. */
static int out_of_time(reader *r)
{
    if (!r->timed_out && r->deadline > 0 && (++r->ticks & 4095) == 0)
        r->timed_out = mm_deadline_passed(r->deadline);
    return r->timed_out || r->stream_rc != 0;
}

/* Fills record i: defaults first, then the element's members when it is an
 * object (el is NULL for an element that is not). */
typedef void (*record_reader)(reader *r, mm_val el, void *record, size_t i);

/* Read the array `key` of `root` into a new array of records, one per
 * element and in order, so index i is always element i. */
static void *read_records(reader *r, mm_val root, const char *key, int required,
                          const char *const *keys, size_t size, size_t *count,
                          record_reader read_one)
{
    size_t mark;
    mm_val array = enter_array(r, root, key, required, &mark);
    char *records;

    *count = array_size(r, array);
    records = alloc_records(r, *count, size);
    for (size_t i = 0; records && i < *count && !out_of_time(r); i++) {
        size_t el_mark;
        mm_val taken = take_element(r, array, i);
        if (!mm_val_present(taken))
            break;
        read_one(r, enter_element(r, taken, i, keys, &el_mark), records + i * size, i);
        mm_jpath_pop(&r->path, el_mark);
    }
    mm_jpath_pop(&r->path, mark);
    return records;
}

/* ---- orgs, mentors, ideas -------------------------------------------- */

static void read_org(reader *r, mm_val el, void *record, size_t i)
{
    mm_org *org = record;

    *org = (mm_org){"", NULL, MM_NO_LIMIT};
    if (!mm_val_present(el))
        return;
    org->id = read_id(r, el, &r->p->org_ids, "org", i);
    org->name = read_string(r, el, "name", 0);
    read_int(r, el, "slots", 0, MM_INT_MAX, &org->slots);
}

static void read_mentor(reader *r, mm_val el, void *record, size_t i)
{
    mm_mentor *m = record;

    *m = (mm_mentor){"", NULL, 1, 0};
    if (!mm_val_present(el))
        return;
    m->id = read_id(r, el, &r->p->mentor_ids, "mentor", i);
    m->name = read_string(r, el, "name", 0);
    read_int(r, el, "capacity", 0, MM_INT_MAX, &m->capacity);
    read_int(r, el, "min_load", 0, MM_INT_MAX, &m->min_load);
}

static void add_idea_mentor(reader *r, mm_idea *idea, uint32_t mentor)
{
    mm_problem *p = r->p;
    uint32_t *grown = mm_grow(p->idea_mentors, &r->capacity_idea_mentors,
                              p->n_idea_mentors + 1, sizeof *grown);

    if (!grown) {
        r->oom = 1;
        return;
    }
    p->idea_mentors = grown;
    p->idea_mentors[p->n_idea_mentors++] = mentor;
    idea->mentor_count++;
}

static void read_idea_mentors(reader *r, mm_val el, mm_idea *idea)
{
    size_t mark;
    mm_val list = enter_array(r, el, "mentors", 1, &mark), ref;
    mm_val_iter it = mm_val_items(list);
    const char *no_key;

    idea->mentor_begin = (uint32_t)r->p->n_idea_mentors;
    if (mm_val_present(list) && mm_val_size(list) == 0)
        ERROR(r, "must name at least one mentor");
    for (size_t j = 0; mm_val_next(&it, &no_key, &ref); j++) {
        size_t item = mm_jpath_index(&r->path, j);
        uint32_t m = resolve(r, ref, &r->p->mentor_ids, "mentor");
        int repeated = 0;

        for (uint32_t k = 0; m != MM_NONE && k < idea->mentor_count; k++)
            repeated |= r->p->idea_mentors[idea->mentor_begin + k] == m;
        if (repeated)
            ERROR(r, "mentor " MM_ID_FMT " named twice", MM_ID_ARG(r->p->mentors[m].id));
        else if (m != MM_NONE)
            add_idea_mentor(r, idea, m);
        mm_jpath_pop(&r->path, item);
    }
    mm_jpath_pop(&r->path, mark);
}

static void read_idea(reader *r, mm_val el, mm_idea *idea, size_t i)
{
    int64_t rating;

    idea->id = read_id(r, el, &r->p->idea_ids, "idea", i);
    idea->title = read_string(r, el, "title", 0);
    if (mm_val_present(mm_val_get(el, "org")))
        idea->org = read_ref(r, el, "org", 0, &r->p->org_ids, "org");
    read_idea_mentors(r, el, idea);
    read_int(r, el, "slots", 0, MM_INT_MAX, &idea->slots);
    read_skills(r, el, "requires", 1, &idea->req_begin, &idea->req_count);
    if (read_int(r, el, "size", 1, 5, &rating) > 0)
        idea->size = (int)rating;
    if (read_int(r, el, "knowledge", 1, 5, &rating) > 0)
        idea->knowledge = (int)rating;
    if (read_int(r, el, "impact", 1, 5, &rating) > 0)
        idea->impact = (int)rating;
}

static void read_idea_record(reader *r, mm_val el, void *record, size_t i)
{
    mm_idea *idea = record;

    memset(idea, 0, sizeof *idea);
    idea->id = "";
    idea->org = MM_NONE;
    idea->slots = 1;
    idea->mentor_begin = (uint32_t)r->p->n_idea_mentors;
    idea->req_begin = (uint32_t)r->p->n_levels;
    if (mm_val_present(el))
        read_idea(r, el, idea, i);
}

/* ---- students and applications --------------------------------------- */

static size_t count_applications(mm_val students)
{
    size_t total = 0;

    for (size_t i = 0; i < mm_val_size(students); i++) {
        mm_val apps = mm_val_get(mm_val_at(students, i), "applications");
        total += mm_val_size(apps); /* 0 for a non-array */
    }
    return total;
}

/* Room for `n` more applications. A streamed document is not counted
 * ahead (count_applications), so the array grows as students come. */
static int reserve_apps(reader *r, size_t n)
{
    mm_problem *p = r->p;
    mm_application *grown;

    if (p->n_apps + n <= r->capacity_apps)
        return 1;
    if (p->n_apps + n >= MM_NONE) {
        ERROR(r, "too many applications");
        return 0;
    }
    grown = mm_grow(p->apps, &r->capacity_apps, p->n_apps + n, sizeof *grown);
    if (!grown) {
        r->oom = 1;
        return 0;
    }
    p->apps = grown;
    return 1;
}

/* Give back what growing left unused (it would stay with the problem). */
static void shrink_apps(reader *r)
{
    mm_application *fit;

    if (r->capacity_apps <= r->p->n_apps || r->p->n_apps == 0)
        return;
    fit = mm_realloc(r->p->apps, r->p->n_apps * sizeof *fit);
    if (fit) { /* else the larger block stays: no harm */
        r->p->apps = fit;
        r->capacity_apps = r->p->n_apps;
    }
}

static void read_application(reader *r, mm_val el, mm_application *app)
{
    int64_t rank = 0;
    int status;

    app->idea = read_ref(r, el, "idea", 1, &r->p->idea_ids, "idea");
    status = read_int(r, el, "rank", 1, MM_RANK_MAX, &rank);
    app->explicit_rank = status != 0;
    app->rank = status > 0 ? rank : 0;
}

static void read_applications(reader *r, mm_val el, mm_student *student, uint32_t s)
{
    mm_problem *p = r->p;
    size_t mark;
    mm_val apps = enter_array(r, el, "applications", 1, &mark), item;
    mm_val_iter it;
    const char *no_key;

    student->app_begin = (uint32_t)p->n_apps;
    if (!reserve_apps(r, mm_val_size(apps)))
        apps = mm_val_json(NULL);
    it = mm_val_items(apps);
    for (size_t j = 0; !out_of_time(r) && mm_val_next(&it, &no_key, &item); j++) {
        size_t app_mark;
        mm_val app_el = enter_element(r, item, j, APPLICATION_KEYS, &app_mark);
        mm_application *app = &p->apps[p->n_apps++];

        memset(app, 0, sizeof *app);
        app->student = s;
        app->idea = MM_NONE;
        app->fixed = MM_NONE;
        if (mm_val_present(app_el))
            read_application(r, app_el, app);
        mm_jpath_pop(&r->path, app_mark);
    }
    student->app_count = (uint32_t)(p->n_apps - student->app_begin);
    mm_jpath_pop(&r->path, mark);
}

/* An attribute value or a quota's value: a string, number or boolean. */
static uint32_t read_attr_value(reader *r, mm_val value)
{
    uint32_t v = MM_NONE;

    if (mm_val_is_string(value))
        v = mm_value_intern(r->p, MM_VALUE_TEXT, mm_val_string(value),
                            mm_val_length(value), 0);
    else if (mm_val_is_number(value))
        v = mm_value_intern(r->p, MM_VALUE_NUMBER, NULL, 0, mm_val_number(value));
    else if (mm_val_is_boolean(value))
        v = mm_value_intern(r->p, MM_VALUE_BOOL, NULL, 0, mm_val_is_true(value));
    else {
        ERROR(r, "must be a string, a number or a boolean, not %s", type_name(value));
        return MM_NONE;
    }
    r->oom |= v == MM_NONE;
    return v;
}

static void add_student_attr(reader *r, uint32_t attr, uint32_t value)
{
    mm_student_attr *grown = mm_grow(r->p->student_attrs, &r->capacity_attrs,
                                     r->p->n_student_attrs + 1, sizeof *grown);

    if (!grown) {
        r->oom = 1;
        return;
    }
    r->p->student_attrs = grown;
    grown[r->p->n_student_attrs++] = (mm_student_attr){attr, value};
}

/* {name: value}; names byte for byte (a JSON object holds each once). */
static void read_attributes(reader *r, mm_val el, mm_student *st)
{
    size_t mark;
    mm_val map = enter(r, el, "attributes", 0, &mark);
    const char *name;
    mm_val value;

    st->attr_begin = (uint32_t)r->p->n_student_attrs;
    if (mm_val_present(map) && !mm_val_is_object(map))
        ERROR(r, "must be an object of attribute values, not %s", type_name(map));
    else if (mm_val_present(map)) {
        mm_val_iter it = mm_val_items(map);
        while (mm_val_next(&it, &name, &value)) {
            size_t inner = mm_jpath_key(&r->path, name);
            uint32_t attr = mm_attr_intern(r->p, name, strlen(name));
            uint32_t v = read_attr_value(r, value);
            r->oom |= attr == MM_NONE;
            if (attr != MM_NONE && v != MM_NONE)
                add_student_attr(r, attr, v);
            mm_jpath_pop(&r->path, inner);
        }
    }
    st->attr_count = (uint32_t)(r->p->n_student_attrs - st->attr_begin);
    mm_jpath_pop(&r->path, mark);
}

static void read_students(reader *r, mm_val root)
{
    mm_problem *p = r->p;
    size_t mark;
    mm_val students = enter_array(r, root, "students", 1, &mark);
    size_t total_apps = count_applications(students);

    if (total_apps >= MM_NONE) {
        ERROR(r, "too many applications");
        students = mm_val_json(NULL);
    }
    p->n_students = array_size(r, students);
    p->students = alloc_records(r, p->n_students, sizeof *p->students);
    p->apps = alloc_records(r, total_apps, sizeof *p->apps);
    r->capacity_apps = p->apps ? total_apps : 0;
    for (size_t i = 0; p->students && p->apps && i < p->n_students && !out_of_time(r); i++) {
        size_t el_mark;
        mm_val taken = take_element(r, students, i), el;
        mm_student *st = &p->students[i];

        if (!mm_val_present(taken))
            break;
        el = enter_element(r, taken, i, STUDENT_KEYS, &el_mark);

        memset(st, 0, sizeof *st);
        st->id = "";
        st->app_begin = (uint32_t)p->n_apps;
        st->skill_begin = (uint32_t)p->n_levels;
        st->attr_begin = (uint32_t)p->n_student_attrs;
        if (mm_val_present(el)) {
            st->id = read_id(r, el, &p->student_ids, "student", i);
            st->name = read_string(r, el, "name", 0);
            read_skills(r, el, "skills", 0, &st->skill_begin, &st->skill_count);
            read_attributes(r, el, st);
            read_applications(r, el, st, (uint32_t)i);
        }
        mm_jpath_pop(&r->path, el_mark);
    }
    shrink_apps(r);
    mm_jpath_pop(&r->path, mark);
}

/* ---- ratings, conflicts, fixed, forbidden ---------------------------- */

static void read_rating(reader *r, mm_val el, void *record, size_t i)
{
    mm_problem *p = r->p;
    mm_rating *rating = record;
    size_t score_mark;
    mm_val score;

    (void)i;
    *rating = (mm_rating){MM_NONE, MM_NONE, MM_NONE, NAN};
    if (!mm_val_present(el))
        return;
    rating->mentor = read_ref(r, el, "mentor", 1, &p->mentor_ids, "mentor");
    rating->student = read_ref(r, el, "student", 1, &p->student_ids, "student");
    rating->idea = read_ref(r, el, "idea", 1, &p->idea_ids, "idea");
    /* bounded here, on the scale in validate.c: a wild score reads as wild */
    score = enter(r, el, "score", 1, &score_mark);
    if (mm_val_present(score))
        check_number(r, score, -MM_SCORE_INPUT_MAX, MM_SCORE_INPUT_MAX, 0, &rating->score);
    mm_jpath_pop(&r->path, score_mark);
}

static void read_conflict(reader *r, mm_val el, void *record, size_t i)
{
    mm_conflict *c = record;

    (void)i;
    *c = (mm_conflict){MM_NONE, MM_NONE};
    if (!mm_val_present(el))
        return;
    c->mentor = read_ref(r, el, "mentor", 1, &r->p->mentor_ids, "mentor");
    c->student = read_ref(r, el, "student", 1, &r->p->student_ids, "student");
}

static void read_pair(reader *r, mm_val el, mm_pair_rule *rule)
{
    *rule = (mm_pair_rule){MM_NONE, MM_NONE, MM_NONE, MM_NONE};
    if (!mm_val_present(el))
        return;
    rule->student = read_ref(r, el, "student", 1, &r->p->student_ids, "student");
    rule->idea = read_ref(r, el, "idea", 1, &r->p->idea_ids, "idea");
}

static void read_forbidden_pair(reader *r, mm_val el, void *record, size_t i)
{
    (void)i;
    read_pair(r, el, record);
}

/* A fixed pair may also name the lead mentor. */
static void read_fixed_pair(reader *r, mm_val el, void *record, size_t i)
{
    mm_pair_rule *rule = record;

    (void)i;
    read_pair(r, el, rule);
    if (mm_val_present(el) && mm_val_present(mm_val_get(el, "mentor")))
        rule->mentor = read_ref(r, el, "mentor", 0, &r->p->mentor_ids, "mentor");
}

/* ---- quotas ---------------------------------------------------------- */

static void read_quota_per(reader *r, mm_val el, mm_quota *q)
{
    static const char *const pers[] = {"program", "org", "idea", "mentor", NULL};
    size_t mark;
    mm_val value = enter(r, el, "per", 0, &mark);
    const char *name = mm_val_string(value), *near;
    int found = 0;

    for (int k = 0; name && pers[k]; k++)
        if (strcmp(name, pers[k]) == 0) {
            q->per = (mm_quota_per)k;
            found = 1;
        }
    if (mm_val_present(value) && !found) {
        near = name ? mm_suggest_in_list(name, pers, &r->suggest_budget) : NULL;
        ERROR(r, "must be \"program\", \"org\", \"idea\" or \"mentor\"%s%s%s",
              near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "");
    }
    mm_jpath_pop(&r->path, mark);
}

static void read_quota_attribute(reader *r, mm_val el, mm_quota *q)
{
    size_t mark;
    mm_val value = enter(r, el, "attribute", 1, &mark);

    if (mm_val_present(value) && (!mm_val_is_string(value) || mm_val_length(value) == 0))
        ERROR(r, "must be a non-empty string (an attribute name)");
    else if (mm_val_present(value)) {
        q->attr = mm_attr_intern(r->p, mm_val_string(value), mm_val_length(value));
        r->oom |= q->attr == MM_NONE;
    }
    mm_jpath_pop(&r->path, mark);
}

static void read_quota(reader *r, mm_val el, void *record, size_t i)
{
    mm_quota *q = record;
    size_t mark;
    mm_val value;

    *q = (mm_quota){"", MM_NONE, MM_NONE, MM_PER_PROGRAM, 0, MM_NO_LIMIT, 0, 0};
    if (!mm_val_present(el))
        return;
    q->id = read_id(r, el, &r->p->quota_ids, "quota", i);
    read_quota_attribute(r, el, q);
    value = enter(r, el, "value", 0, &mark);
    if (mm_val_present(value))
        q->value = read_attr_value(r, value);
    mm_jpath_pop(&r->path, mark);
    read_quota_per(r, el, q);
    q->has_min = read_int(r, el, "min", 0, MM_INT_MAX, &q->min) > 0;
    q->has_max = read_int(r, el, "max", 0, MM_INT_MAX, &q->max) > 0;
    if (!mm_val_present(mm_val_get(el, "min")) && !mm_val_present(mm_val_get(el, "max")))
        ERROR(r, "gives neither \"min\" nor \"max\": a quota needs at least one");
}

/* ---- the document ---------------------------------------------------- */

static void read_document(reader *r, mm_val root)
{
    mm_problem *p = r->p;

    check_keys(r, root, TOP_KEYS);
    read_string(r, root, "$schema", 0);
    read_program(r, root);
    read_settings(r, root);
    p->orgs = read_records(r, root, "orgs", 0, ORG_KEYS, sizeof *p->orgs, &p->n_orgs, read_org);
    p->mentors = read_records(r, root, "mentors", 1, MENTOR_KEYS, sizeof *p->mentors,
                              &p->n_mentors, read_mentor);
    p->ideas = read_records(r, root, "ideas", 1, IDEA_KEYS, sizeof *p->ideas, &p->n_ideas,
                            read_idea_record);
    read_students(r, root);
    p->ratings = read_records(r, root, "ratings", 0, RATING_KEYS, sizeof *p->ratings,
                              &p->n_ratings, read_rating);
    p->conflicts = read_records(r, root, "conflicts", 0, CONFLICT_KEYS, sizeof *p->conflicts,
                                &p->n_conflicts, read_conflict);
    p->fixed = read_records(r, root, "fixed", 0, FIXED_KEYS, sizeof *p->fixed, &p->n_fixed,
                            read_fixed_pair);
    p->forbidden = read_records(r, root, "forbidden", 0, PAIR_KEYS, sizeof *p->forbidden,
                                &p->n_forbidden, read_forbidden_pair);
    p->quotas = read_records(r, root, "quotas", 0, QUOTA_KEYS, sizeof *p->quotas, &p->n_quotas,
                             read_quota);
}

static int read_value(mm_problem *p, json_t *root, mm_stream *stream, int strict,
                      double deadline, mm_diags *diags)
{
    reader r = {0};
    size_t errors_before = mm_diags_error_count(diags);
    int rc;

    r.p = p;
    r.diags = diags;
    r.strict = strict;
    r.deadline = deadline;
    r.suggest_budget = MM_SUGGEST_BUDGET_INIT;
    r.stream = stream;
    mm_jpath_init(&r.path);
    if (!json_is_object(root))
        ERROR(&r, "the document must be a JSON object, not %s", type_name(mm_val_json(root)));
    else
        read_document(&r, mm_val_json(root));
    rc = r.stream_rc                      ? r.stream_rc
         : r.oom || r.path.oom            ? MM_ENOMEM
         : r.timed_out                    ? MM_ENOSOLUTION
         : mm_diags_error_count(diags) > errors_before ? MM_EINVALID
                                                       : 0;
    mm_jpath_dispose(&r.path);
    mm_free(r.skill_mark);
    return rc;
}

int mm_read_json_value(mm_problem *p, json_t *root, int strict, mm_diags *diags)
{
    return read_value(p, root, NULL, strict, 0, diags);
}

/* Empty `p` again, as mm_problem_alloc made it. */
static int reset_problem(mm_problem *p)
{
    mm_problem *fresh = mm_problem_alloc(), old;

    if (!fresh)
        return MM_ENOMEM;
    old = *p;
    *p = *fresh;
    *fresh = old;
    mm_problem_free(fresh);
    return 0;
}

/* Record by record (read_stream.h). MM_STREAM_FALLBACK: `p` and `diags`
 * are as they were, and the whole-document parse must say what is wrong. */
static int read_streamed(mm_problem *p, const char *data, size_t len, int strict,
                         double deadline, mm_diags *diags)
{
    mm_stream stream;
    size_t count = mm_diags_count(diags), errors = mm_diags_error_count(diags);
    int rc = mm_stream_open(&stream, data, len);

    if (rc == 0)
        rc = read_value(p, stream.root, &stream, strict, deadline, diags);
    if (rc == 0 || rc == MM_EINVALID) {
        int rest = mm_stream_finish(&stream);
        rc = rest != 0 ? rest : rc;
    }
    mm_stream_dispose(&stream);
    if (rc == MM_STREAM_FALLBACK) {
        mm_diags_truncate(diags, count, errors);
        if (reset_problem(p) != 0)
            rc = MM_ENOMEM;
    }
    return rc;
}

int mm_read_json(mm_problem *p, const char *data, size_t len, int strict, double deadline,
                 mm_diags *diags, int *parsed)
{
    json_t *root;
    int rc = read_streamed(p, data, len, strict, deadline, diags);

    *parsed = rc != MM_STREAM_FALLBACK && rc != MM_ENOMEM;
    if (rc != MM_STREAM_FALLBACK)
        return rc;
    rc = mm_json_parse_until(&root, data, len, JSON_REJECT_DUPLICATES, deadline, diags);
    *parsed = rc == 0;
    if (rc != 0)
        return rc;
    rc = read_value(p, root, NULL, strict, deadline, diags);
    json_decref(root);
    return rc;
}
