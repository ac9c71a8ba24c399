/* mm_json_call "generate": the generator's options from a JSON object, one
 * key per field of mm_generate_options, named as `mentormatch generate`'s
 * options with '_' for '-'. Limits are the generator's (generate.h);
 * mm_generate_check says what else is wrong. */
#include <stddef.h>
#include <stdio.h>

#include "api_json.h"
#include "diag.h"

typedef enum { G_SIZE, G_UNSIGNED, G_RANGE, G_NUMBER, G_SEED, G_TEXT } gen_kind;

typedef struct {
    const char *key;
    gen_kind kind;
    size_t offset;
    double max;
} gen_key;

#define AT(field) offsetof(mm_generate_options, field)

static const gen_key KEYS[] = {
    {"students", G_SIZE, AT(students), MM_GENERATE_MAX_COUNT},
    {"ideas", G_SIZE, AT(ideas), MM_GENERATE_MAX_COUNT},
    {"mentors", G_SIZE, AT(mentors), MM_GENERATE_MAX_COUNT},
    {"orgs", G_SIZE, AT(orgs), MM_GENERATE_MAX_COUNT},
    {"apps", G_SIZE, AT(apps), MM_GENERATE_MAX_COUNT},
    {"zipf", G_NUMBER, AT(zipf), MM_GENERATE_MAX_ZIPF},
    {"skills", G_UNSIGNED, AT(skills), MM_GENERATE_MAX_VOCABULARY},
    {"student_skills", G_RANGE, AT(student_skills), MM_GENERATE_MAX_SKILLS},
    {"idea_skills", G_RANGE, AT(idea_skills), MM_GENERATE_MAX_SKILLS},
    {"student_levels", G_RANGE, AT(student_levels), 5},
    {"idea_levels", G_RANGE, AT(idea_levels), 5},
    {"multi_mentor", G_NUMBER, AT(multi_mentor), 1},
    {"rating_density", G_NUMBER, AT(rating_density), 1},
    {"rating_noise", G_NUMBER, AT(rating_noise), MM_GENERATE_MAX_NOISE},
    {"capacity", G_RANGE, AT(capacity), MM_GENERATE_MAX_CAPACITY},
    {"slots", G_RANGE, AT(slots), MM_GENERATE_MAX_CAPACITY},
    {"org_slots", G_NUMBER, AT(org_slots), 1},
    {"min_load", G_NUMBER, AT(min_load), 1},
    {"program_slots", G_NUMBER, AT(program_slots), 1},
    {"conflicts", G_NUMBER, AT(conflicts), MM_GENERATE_MAX_CONFLICTS},
    {"seed", G_SEED, AT(seed), 0},
    {"name", G_TEXT, AT(name), 0},
};

#define N_KEYS (sizeof KEYS / sizeof KEYS[0])

/* LO-HI as [LO, HI], or one whole number for both. */
static int read_range(const json_t *opts, const gen_key *k, mm_generate_range *out,
                      mm_diags *diags)
{
    const json_t *v = json_object_get(opts, k->key);
    unsigned long long lo = 0, hi = 0;
    char place[96];
    int ok;

    if (json_is_array(v))
        ok = json_array_size(v) == 2 && mm_json_whole(json_array_get(v, 0), &lo) == 0 &&
             mm_json_whole(json_array_get(v, 1), &hi) == 0;
    else
        ok = mm_json_whole(v, &lo) == 0 && (hi = lo, 1);
    if (ok && lo <= hi && hi <= (unsigned long long)k->max) {
        *out = (mm_generate_range){(unsigned)lo, (unsigned)hi};
        return 0;
    }
    snprintf(place, sizeof place, "options.%s", k->key);
    mm_diag_add(diags, MM_SEVERITY_ERROR, place, "must be [LO, HI], whole numbers "
                "with LO <= HI <= %.0f, or one such number", k->max);
    return MM_EINVALID;
}

static int read_key(const json_t *opts, const gen_key *k, mm_generate_options *o,
                    mm_diags *diags)
{
    void *v = (char *)o + k->offset;
    unsigned long long whole = 0;
    int rc;

    switch (k->kind) {
    case G_SIZE:
        whole = *(size_t *)v;
        rc = mm_opt_whole(opts, k->key, 0, (unsigned long long)k->max, &whole, diags);
        *(size_t *)v = (size_t)whole;
        return rc;
    case G_UNSIGNED:
        whole = *(unsigned *)v;
        rc = mm_opt_whole(opts, k->key, 0, (unsigned long long)k->max, &whole, diags);
        *(unsigned *)v = (unsigned)whole;
        return rc;
    case G_RANGE: return json_object_get(opts, k->key) ? read_range(opts, k, v, diags) : 0;
    case G_NUMBER: return mm_opt_number(opts, k->key, 0, k->max, v, diags);
    case G_SEED: return mm_opt_whole(opts, k->key, 0, ~0ULL, v, diags);
    case G_TEXT: return mm_opt_string(opts, k->key, v, diags);
    }
    return 0;
}

int mm_opt_generate(const json_t *opts, mm_generate_options *out, mm_diags *diags)
{
    const char *known[N_KEYS + 1];
    char why[200];
    int rc = 0;
    size_t k;

    for (k = 0; k < N_KEYS; k++)
        known[k] = KEYS[k].key;
    known[N_KEYS] = NULL;
    *out = (mm_generate_options)MM_GENERATE_OPTIONS_INIT;
    if (mm_opt_known(opts, known, diags) != 0)
        return MM_EINVALID;
    for (k = 0; k < N_KEYS; k++)
        if (read_key(opts, &KEYS[k], out, diags) != 0)
            rc = MM_EINVALID;
    if (rc != 0)
        return MM_EINVALID;
    if (mm_generate_check(out, why, sizeof why) != 0) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, "options", "%s", why);
        return MM_EINVALID;
    }
    return 0;
}
