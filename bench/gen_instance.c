/*
 * gen_instance (mm_gen): the benchmark's instance generator, a thin client
 * of mm_generate (src/generate.c), which `mentormatch generate` also uses.
 *
 *   gen_instance --students N --ideas N --mentors N --apps K [--orgs N]
 *                [--multi-mentor SHARE] [--zipf S] [--seed N] [-o FILE]
 *
 * Its flags and their defaults are older than `mentormatch generate`'s and
 * stay as they were (no orgs by default, program name "bench"), so the same
 * arguments still give the same bytes: tests and the benchmark tiers rely
 * on them. Every other parameter keeps the library's default.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"

static const char *const usage_text =
    "usage: gen_instance --students N --ideas N --mentors N --apps K\n"
    "                    [--orgs N] [--multi-mentor SHARE] [--zipf S]\n"
    "                    [--seed N] [-o FILE]\n"
    "Writes a valid mentormatch input document (stdout unless -o).\n"
    "  --apps K           applications per student (distinct ideas, K <= ideas)\n"
    "  --orgs N           organisations (default 0: ideas without org)\n"
    "  --multi-mentor X   share of ideas with 2-3 mentors (default 0.3)\n"
    "  --zipf S           popularity skew of ideas, P(rank r) ~ r^-S (default 1.0)\n"
    "  --seed N           random seed (default 1)\n"
    "`mentormatch generate` takes these and more.\n";

static int parse_count(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v > MM_GENERATE_MAX_COUNT)
        return -1;
    *out = (size_t)v;
    return 0;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static int parse_seed(const char *s, unsigned long long *out)
{
    char *end;

    errno = 0;
    *out = strtoull(s, &end, 10);
    return errno || end == s || *end || s[0] == '-' ? -1 : 0;
}

/* One flag and its value; *have collects the required ones seen. */
static int parse_one(const char *a, const char *v, mm_generate_options *o, const char **out_path,
                     int *have)
{
    if (!strcmp(a, "--students"))
        return *have |= 1, parse_count(v, &o->students);
    if (!strcmp(a, "--ideas"))
        return *have |= 2, parse_count(v, &o->ideas);
    if (!strcmp(a, "--mentors"))
        return *have |= 4, parse_count(v, &o->mentors);
    if (!strcmp(a, "--apps"))
        return *have |= 8, parse_count(v, &o->apps);
    if (!strcmp(a, "--orgs"))
        return parse_count(v, &o->orgs);
    if (!strcmp(a, "--multi-mentor"))
        return parse_double(v, 0, 1, &o->multi_mentor);
    if (!strcmp(a, "--zipf"))
        return parse_double(v, 0, MM_GENERATE_MAX_ZIPF, &o->zipf);
    if (!strcmp(a, "--seed"))
        return parse_seed(v, &o->seed);
    if (!strcmp(a, "-o"))
        return *out_path = v, 0;
    return -2;
}

static int parse_args(int argc, char **argv, mm_generate_options *o, const char **out_path)
{
    char why[200];
    int have = 0;

    o->orgs = 0;
    o->name = "bench";
    for (int i = 1; i < argc; i += 2) { /* flag and value */
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int bad;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            exit(0);
        }
        if (!v) {
            fprintf(stderr, "gen_instance: %s: missing value\n", a);
            return -1;
        }
        bad = parse_one(a, v, o, out_path, &have);
        if (bad == -2) {
            fprintf(stderr, "gen_instance: unknown option %s\n%s", a, usage_text);
            return -1;
        }
        if (bad) {
            fprintf(stderr, "gen_instance: %s: bad value \"%s\"\n", a, v);
            return -1;
        }
    }
    if (have != 15) {
        fprintf(stderr, "gen_instance: --students, --ideas, --mentors and --apps are required\n%s",
                usage_text);
        return -1;
    }
    if (mm_generate_check(o, why, sizeof why)) {
        fprintf(stderr, "gen_instance: %s\n", why);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;
    const char *path = NULL;
    FILE *f;
    int rc;

    if (parse_args(argc, argv, &opts, &path))
        return 2;
    f = path ? fopen(path, "wb") : stdout;
    if (!f) {
        fprintf(stderr, "gen_instance: %s: %s\n", path, strerror(errno));
        return 1;
    }
    rc = mm_generate(&opts, f);
    if (path && fclose(f) != 0 && rc == 0)
        rc = MM_EIO;
    if (rc) {
        fprintf(stderr, "gen_instance: %s: %s\n", path ? path : "stdout",
                rc == MM_EIO ? "write error" : mm_strerror(rc));
        return 1;
    }
    return 0;
}
