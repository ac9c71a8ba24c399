/* mm_generate_check: the options of mm_generate, each within its documented
 * range, with a one-line reason for the first that is not. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "generate.h"
#include "mentormatch.h"

static int reject(char *why, size_t size, const char *fmt, ...) MM_PRINTF(3, 4);

static int reject(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;

    if (why && size) {
        va_start(ap, fmt);
        vsnprintf(why, size, fmt, ap);
        va_end(ap);
    }
    return MM_EINVALID;
}

static int within(mm_generate_range r, unsigned lo, unsigned hi)
{
    return r.lo <= r.hi && r.lo >= lo && r.hi <= hi;
}

/* round(count x num / den), halves up; count <= MM_GENERATE_MAX_COUNT. */
static size_t ratio(size_t count, size_t num, size_t den)
{
    return (count * num + den / 2) / den;
}

void mm_gen_resolve(mm_generate_options *o)
{
    if (o->ideas == MM_GENERATE_DERIVE && o->students <= MM_GENERATE_MAX_COUNT) {
        o->ideas = ratio(o->students, 1, 4);
        if (o->ideas < o->apps) /* each student applies to `apps` distinct ideas */
            o->ideas = o->apps;
    }
    if (o->mentors == MM_GENERATE_DERIVE && o->ideas <= MM_GENERATE_MAX_COUNT) {
        o->mentors = ratio(o->ideas, 3, 5);
        if (o->ideas && !o->mentors)
            o->mentors = 1;
    }
}

static int check_sizes(const mm_generate_options *o, char *why, size_t size)
{
    if (o->students > MM_GENERATE_MAX_COUNT || o->ideas > MM_GENERATE_MAX_COUNT ||
        o->mentors > MM_GENERATE_MAX_COUNT || o->orgs > MM_GENERATE_MAX_COUNT)
        return reject(why, size, "students, ideas, mentors and orgs are at most %u",
                      MM_GENERATE_MAX_COUNT);
    if (o->universities > MM_GENERATE_MAX_COUNT)
        return reject(why, size, "the university pool has at most %u universities",
                      MM_GENERATE_MAX_COUNT);
    if (o->apps > o->ideas)
        return reject(why, size,
                      "%zu applications per student exceed the %zu ideas (a student applies to "
                      "distinct ideas)",
                      o->apps, o->ideas);
    if (o->apps && o->students > MM_GENERATE_MAX_APPLICATIONS / o->apps)
        return reject(why, size,
                      "%zu students with %zu applications each exceed the %u applications an "
                      "instance may have (it is built in memory)",
                      o->students, o->apps, MM_GENERATE_MAX_APPLICATIONS);
    if (o->ideas > 0 && o->mentors == 0)
        return reject(why, size, "ideas need at least one mentor");
    if (!within(o->capacity, 0, MM_GENERATE_MAX_CAPACITY))
        return reject(why, size, "capacity %u-%u is not a range within 0-%u", o->capacity.lo,
                      o->capacity.hi, MM_GENERATE_MAX_CAPACITY);
    if (!within(o->slots, 0, MM_GENERATE_MAX_CAPACITY))
        return reject(why, size, "idea slots %u-%u is not a range within 0-%u", o->slots.lo,
                      o->slots.hi, MM_GENERATE_MAX_CAPACITY);
    return 0;
}

static int check_skills(const mm_generate_options *o, char *why, size_t size)
{
    unsigned most = o->skills < MM_GENERATE_MAX_SKILLS ? o->skills : MM_GENERATE_MAX_SKILLS;

    if (o->skills > MM_GENERATE_MAX_VOCABULARY)
        return reject(why, size, "the skill vocabulary has at most %u skills, not %u",
                      MM_GENERATE_MAX_VOCABULARY, o->skills);
    if (!within(o->student_skills, 0, most))
        return reject(why, size, "skills per student %u-%u is not a range within 0-%u (%s)",
                      o->student_skills.lo, o->student_skills.hi, most,
                      most < MM_GENERATE_MAX_SKILLS ? "the skill vocabulary" : "the most allowed");
    if (!within(o->idea_skills, 0, most))
        return reject(why, size, "skills per idea %u-%u is not a range within 0-%u (%s)",
                      o->idea_skills.lo, o->idea_skills.hi, most,
                      most < MM_GENERATE_MAX_SKILLS ? "the skill vocabulary" : "the most allowed");
    if (!within(o->student_levels, 0, 5))
        return reject(why, size, "student skill levels %u-%u are not a range within 0-5",
                      o->student_levels.lo, o->student_levels.hi);
    if (!within(o->idea_levels, 1, 5))
        return reject(why, size, "required skill levels %u-%u are not a range within 1-5",
                      o->idea_levels.lo, o->idea_levels.hi);
    return 0;
}

static int check_numbers(const mm_generate_options *o, char *why, size_t size)
{
    const struct {
        double value, hi;
        const char *what;
    } numbers[] = {
        {o->zipf, MM_GENERATE_MAX_ZIPF, "popularity skew"},
        {o->multi_mentor, 1, "share of multi-mentor ideas"},
        {o->rating_density, 1, "rating density"},
        {o->rating_noise, MM_GENERATE_MAX_NOISE, "rating noise"},
        {o->org_slots, 1, "org slots share"},
        {o->min_load, 1, "min_load share"},
        {o->program_slots, 1, "program slots share"},
        {o->conflicts, MM_GENERATE_MAX_CONFLICTS, "conflicts per 1,000 students"},
        {o->university_zipf, MM_GENERATE_MAX_ZIPF, "university skew"},
        {o->first_time < 0 ? 0 : o->first_time, 1, "first-time share"}, /* < 0: none */
    };

    for (size_t k = 0; k < sizeof numbers / sizeof numbers[0]; k++)
        if (!(numbers[k].value >= 0 && numbers[k].value <= numbers[k].hi)) /* NaN too */
            return reject(why, size, "%s %g is not within 0-%g", numbers[k].what,
                          numbers[k].value, numbers[k].hi);
    return 0;
}

/* The reader rejects a document that is not UTF-8. */
static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s++, more = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2
                                              : c >= 0xF0 && c < 0xF5 ? 3 : 9;
        unsigned long cp = more == 1 ? c & 0x1F : more == 2 ? c & 0x0F : c & 0x07;
        if (more == 9)
            return 0;
        for (unsigned k = 0; k < more; k++, s++) {
            if ((*s & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (*s & 0x3F);
        }
        /* overlong forms, surrogates, beyond U+10FFFF */
        if ((more == 2 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
            (more == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------- quotas -- */

const char *mm_gen_quota_id(const mm_generate_options *o, size_t k, char buf[24])
{
    if (o->quotas[k].id)
        return o->quotas[k].id;
    snprintf(buf, 24, "q%zu", k + 1);
    return buf;
}

/* Whether `text` is a university of the pool: "uni" and its number, 1 to
 * `pool`, zero-padded to the digits of `pool` as written. */
static int in_pool(const char *text, size_t pool)
{
    char name[32];
    size_t n = 0;
    int width = snprintf(name, sizeof name, "%zu", pool);

    if (strncmp(text, "uni", 3) != 0 || strlen(text + 3) != (size_t)width)
        return 0;
    for (const char *c = text + 3; *c; c++) {
        if (*c < '0' || *c > '9')
            return 0;
        n = n * 10 + (size_t)(*c - '0');
    }
    return n >= 1 && n <= pool;
}

long mm_gen_quota_value(const mm_generate_options *o, size_t k)
{
    const mm_attribute_value *v = &o->quotas[k].value;

    if (v->type == MM_ATTRIBUTE_BOOLEAN)
        return v->boolean != 0;
    if (v->type == MM_ATTRIBUTE_TEXT)
        return strtol(v->text + 3, NULL, 10) - 1;
    return -1;
}

/* Every value a quota names is given to a student (generate.c), one
 * student each at least, so there must be as many students as values. */
static int check_named_values(const mm_generate_options *o, char *why, size_t size)
{
    size_t named = 0;

    for (size_t k = 0; k < o->n_quotas; k++) {
        int first = mm_gen_quota_value(o, k) >= 0;
        for (size_t j = 0; first && j < k; j++)
            first = strcmp(o->quotas[j].attribute, o->quotas[k].attribute) ||
                    mm_gen_quota_value(o, j) != mm_gen_quota_value(o, k);
        named += first;
    }
    if (named > o->students)
        return reject(why, size, "the quotas name %zu values, more than the %zu students (each "
                                 "value a quota names is some student's)", named, o->students);
    return 0;
}

/* The attribute a quota counts is one the generator makes, and its value
 * one that attribute can take, so no quota draws a warning. */
static int check_quota_value(const mm_generate_options *o, size_t k, char *why, size_t size)
{
    const mm_quota_spec *q = &o->quotas[k];
    mm_attribute_type t = q->value.type;

    if (q->attribute && !strcmp(q->attribute, "university") && o->universities) {
        if (t == MM_ATTRIBUTE_NONE || (t == MM_ATTRIBUTE_TEXT && q->value.text &&
                                       in_pool(q->value.text, o->universities)))
            return 0;
        return reject(why, size, "quotas[%zu].value: not one of the %zu universities (uni%0*d to "
                      "uni%zu)", k, o->universities, snprintf(NULL, 0, "%zu", o->universities), 1,
                      o->universities);
    }
    if (q->attribute && !strcmp(q->attribute, "first_time") && o->first_time >= 0) {
        if (t == MM_ATTRIBUTE_NONE || t == MM_ATTRIBUTE_BOOLEAN)
            return 0;
        return reject(why, size, "quotas[%zu].value: first_time is true or false", k);
    }
    if (q->attribute && !strcmp(q->attribute, "university"))
        return reject(why, size, "quotas[%zu].attribute: no student carries a university (the "
                                 "pool of universities is empty)", k);
    if (q->attribute && !strcmp(q->attribute, "first_time"))
        return reject(why, size, "quotas[%zu].attribute: no student carries first_time (no "
                                 "first-time share is given)", k);
    return reject(why, size,
                  "quotas[%zu].attribute: the students carry only university and first_time, "
                  "not \"%s\"", k, q->attribute ? q->attribute : "");
}

static int bound_ok(long long b)
{
    return b == MM_UNSET || (b >= 0 && b <= (long long)MM_GENERATE_MAX_COUNT);
}

static int check_quota(const mm_generate_options *o, size_t k, char *why, size_t size)
{
    const mm_quota_spec *q = &o->quotas[k];
    char mine[24], other[24];
    const char *id = mm_gen_quota_id(o, k, mine);

    if (!*id || !valid_utf8((const unsigned char *)id))
        return reject(why, size, "quotas[%zu].id: not a non-empty UTF-8 text", k);
    for (size_t j = 0; j < k; j++)
        if (!strcmp(id, mm_gen_quota_id(o, j, other)))
            return reject(why, size, "quotas[%zu].id: \"%s\" is also quotas[%zu]'s", k, id, j);
    if (q->per && strcmp(q->per, "program") && strcmp(q->per, "org") && strcmp(q->per, "idea") &&
        strcmp(q->per, "mentor"))
        return reject(why, size, "quotas[%zu].per: \"%s\" is not program, org, idea or mentor",
                      k, q->per);
    if (!bound_ok(q->min) || !bound_ok(q->max))
        return reject(why, size, "quotas[%zu]: min and max are whole numbers from 0 to %u", k,
                      MM_GENERATE_MAX_COUNT);
    if (q->min == MM_UNSET && q->max == MM_UNSET)
        return reject(why, size, "quotas[%zu]: give a min, a max or both", k);
    if (q->min != MM_UNSET && q->max != MM_UNSET && q->min > q->max)
        return reject(why, size, "quotas[%zu]: min %lld exceeds max %lld", k, q->min, q->max);
    return check_quota_value(o, k, why, size);
}

static int check_quotas(const mm_generate_options *o, char *why, size_t size)
{
    int rc;

    if (o->n_quotas > MM_GENERATE_MAX_QUOTAS)
        return reject(why, size, "at most %u quotas, not %zu", MM_GENERATE_MAX_QUOTAS,
                      o->n_quotas);
    if (o->n_quotas && !o->quotas)
        return reject(why, size, "%zu quotas, but no array of them", o->n_quotas);
    if (o->n_quotas && !o->students)
        return reject(why, size, "quotas need students (a quota on an attribute no student "
                                 "carries draws a warning)");
    for (size_t k = 0; k < o->n_quotas; k++)
        if ((rc = check_quota(o, k, why, size)) != 0)
            return rc;
    return check_named_values(o, why, size);
}

int mm_generate_check(const mm_generate_options *opts, char *why, size_t size)
{
    mm_generate_options o;
    int rc;

    if (!opts) /* the defaults */
        return 0;
    o = *opts;
    mm_gen_resolve(&o);
    if ((rc = check_sizes(&o, why, size)) || (rc = check_skills(&o, why, size)) ||
        (rc = check_numbers(&o, why, size)) || (rc = check_quotas(&o, why, size)))
        return rc;
    if (!o.name || !valid_utf8((const unsigned char *)o.name))
        return reject(why, size, "the program name is not UTF-8 text");
    return 0;
}
