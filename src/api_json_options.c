/* mm_json_call's options: a JSON object read key by key, each wrong value
 * an error at "options.KEY" worded as the input document's are. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "api_json.h"
#include "diag.h"
#include "jsonfile.h"

#define PLACE_SIZE 96

static const char *place_of(char *buf, const char *key)
{
    snprintf(buf, PLACE_SIZE, "options.%s", key);
    return buf;
}

int mm_opt_known(const json_t *opts, const char *const *known, mm_diags *diags)
{
    const char *key;
    json_t *value;
    size_t n = 0;
    int rc = 0;

    while (known[n])
        n++;
    json_object_foreach((json_t *)opts, key, value) {
        const char *const *k = known;
        while (*k && strcmp(*k, key) != 0)
            k++;
        if (!*k) {
            char place[PLACE_SIZE];
            const char *near = mm_suggest(key, known, n);
            mm_diag_add(diags, MM_SEVERITY_ERROR, place_of(place, key), "unknown option%s%s%s",
                        near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
            rc = MM_EINVALID;
        }
    }
    return rc;
}

/* The value at `key`, or NULL when absent or null (the default). */
static const json_t *value_at(const json_t *opts, const char *key)
{
    const json_t *v = json_object_get(opts, key);

    return v && !json_is_null(v) ? v : NULL;
}

static int wrong(mm_diags *diags, const char *key, const char *what, const json_t *v)
{
    char place[PLACE_SIZE];

    mm_diag_add(diags, MM_SEVERITY_ERROR, place_of(place, key), "must be %s, not %s", what,
                mm_json_type_name(v));
    return MM_EINVALID;
}

int mm_opt_string(const json_t *opts, const char *key, const char **out, mm_diags *diags)
{
    const json_t *v = value_at(opts, key);

    if (!v)
        return 0;
    if (!json_is_string(v))
        return wrong(diags, key, "a string", v);
    *out = json_string_value(v);
    return 0;
}

int mm_opt_bool(const json_t *opts, const char *key, int *out, mm_diags *diags)
{
    const json_t *v = value_at(opts, key);

    if (!v)
        return 0;
    if (!json_is_boolean(v))
        return wrong(diags, key, "true or false", v);
    *out = json_is_true(v);
    return 0;
}

static int out_of_range(mm_diags *diags, const char *key, double lo, double hi)
{
    char place[PLACE_SIZE];

    mm_diag_add(diags, MM_SEVERITY_ERROR, place_of(place, key), "must be from %g to %g", lo, hi);
    return MM_EINVALID;
}

int mm_opt_number(const json_t *opts, const char *key, double lo, double hi, double *out,
                  mm_diags *diags)
{
    const json_t *v = value_at(opts, key);
    double x;

    if (!v)
        return 0;
    if (!json_is_number(v))
        return wrong(diags, key, "a number", v);
    x = json_number_value(v);
    if (!(x >= lo && x <= hi))
        return out_of_range(diags, key, lo, hi);
    *out = x;
    return 0;
}

/* Decimal digits only, at most 2^64 - 1. @return 0 or -1. */
static int parse_digits(const char *text, unsigned long long *out)
{
    unsigned long long value = 0;
    const char *c = text;

    for (; *c >= '0' && *c <= '9'; c++) {
        unsigned d = (unsigned)(*c - '0');
        if (value > (~0ULL - d) / 10)
            return -1;
        value = value * 10 + d;
    }
    *out = value;
    return c == text || *c ? -1 : 0;
}

int mm_json_whole(const json_t *v, unsigned long long *out)
{
    long long x;

    if (json_is_string(v))
        return parse_digits(json_string_value(v), out);
    if (!mm_json_integer(v, &x) || x < 0)
        return -1;
    *out = (unsigned long long)x;
    return 0;
}

int mm_opt_whole(const json_t *opts, const char *key, unsigned long long lo,
                 unsigned long long hi, unsigned long long *out, mm_diags *diags)
{
    const json_t *v = value_at(opts, key);
    unsigned long long x = 0;

    if (!v)
        return 0;
    if (mm_json_whole(v, &x) != 0 && json_is_number(v)) {
        char place[PLACE_SIZE];
        mm_diag_add(diags, MM_SEVERITY_ERROR, place_of(place, key),
                    "must be a whole number from %llu to %llu, not %g", lo, hi,
                    json_number_value(v));
        return MM_EINVALID;
    }
    if (mm_json_whole(v, &x) != 0)
        return wrong(diags, key, "a whole number", v);
    if (x < lo || x > hi) {
        char place[PLACE_SIZE];
        mm_diag_add(diags, MM_SEVERITY_ERROR, place_of(place, key), "must be from %llu to %llu",
                    lo, hi);
        return MM_EINVALID;
    }
    *out = x;
    return 0;
}
