/* mm_generate_check: the options of mm_generate, each within its documented
 * range, with a one-line reason for the first that is not. */
#include <stdarg.h>
#include <stdio.h>

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

static int check_sizes(const mm_generate_options *o, char *why, size_t size)
{
    if (o->students > MM_GENERATE_MAX_COUNT || o->ideas > MM_GENERATE_MAX_COUNT ||
        o->mentors > MM_GENERATE_MAX_COUNT || o->orgs > MM_GENERATE_MAX_COUNT)
        return reject(why, size, "students, ideas, mentors and orgs are at most %u",
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

int mm_generate_check(const mm_generate_options *opts, char *why, size_t size)
{
    int rc;

    if (!opts) /* the defaults */
        return 0;
    if ((rc = check_sizes(opts, why, size)) || (rc = check_skills(opts, why, size)) ||
        (rc = check_numbers(opts, why, size)))
        return rc;
    if (!opts->name || !valid_utf8((const unsigned char *)opts->name))
        return reject(why, size, "the program name is not UTF-8 text");
    return 0;
}
