/* mentormatch generate: write a random, valid and feasible instance. */
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char GENERATE_HELP_HEAD[] =
    "usage: mentormatch generate [options]\n"
    "\n"
    "Write a random input document: valid (check passes without warnings) and\n"
    "feasible (a --quota may make it infeasible). The same options give the\n"
    "same bytes on every machine; --seed picks another instance of the same\n"
    "kind. Without --ideas and --mentors they follow --students. What the\n"
    "instance looks like: share/doc/mentormatch/commands.md (generate).\n"
    "\n"
    "options (default in brackets):\n";

static const char GENERATE_HELP_TAIL[] =
    "      --quota SPEC           a quota, ATTRIBUTE[=VALUE]:PER:MIN:MAX, MIN or MAX\n"
    "                             empty; repeatable (university:org::2,\n"
    "                             first_time=true:program:10:)\n"
    "  -o, --output FILE          write to FILE (atomically), not standard output\n"
    "  -h, --help                 show this help\n"
    "N is at most 1000000, and students x apps at most 10000000 (the instance\n"
    "is built in memory). SHARE is a decimal number from 0 to 1; LO-HI is a\n"
    "range of whole numbers (or one).\n"
    "\n"
    "exit codes: 0 done, 2 wrong usage, 70 internal error (out of memory, or\n"
    "the output cannot be written)\n";

typedef enum { P_SIZE, P_UNSIGNED, P_RANGE, P_NUMBER, P_SEED, P_TEXT } param_kind;

/* One parameter: its option, where it goes in mm_generate_options, and the
 * largest value the option takes (the library checks the rest). */
typedef struct {
    const char *name, *value;
    param_kind kind;
    size_t offset;
    double max;
    const char *help;
} gen_param;

#define AT(field) offsetof(mm_generate_options, field)

static const gen_param PARAMS[] = {
    {"students", "N", P_SIZE, AT(students), MM_GENERATE_MAX_COUNT, "students"},
    {"ideas", "N", P_SIZE, AT(ideas), MM_GENERATE_MAX_COUNT, "project ideas"},
    {"mentors", "N", P_SIZE, AT(mentors), MM_GENERATE_MAX_COUNT, "mentors"},
    {"orgs", "N", P_SIZE, AT(orgs), MM_GENERATE_MAX_COUNT, "organisations; 0: no orgs"},
    {"apps", "K", P_SIZE, AT(apps), MM_GENERATE_MAX_COUNT,
     "applications per student, distinct ideas"},
    {"zipf", "S", P_NUMBER, AT(zipf), MM_GENERATE_MAX_ZIPF, "popularity skew, P(rank r) ~ r^-S"},
    {"skills", "N", P_UNSIGNED, AT(skills), MM_GENERATE_MAX_VOCABULARY,
     "size of the skill vocabulary"},
    {"student-skills", "LO-HI", P_RANGE, AT(student_skills), MM_GENERATE_MAX_SKILLS,
     "skills per student"},
    {"idea-skills", "LO-HI", P_RANGE, AT(idea_skills), MM_GENERATE_MAX_SKILLS,
     "skills an idea requires"},
    {"student-levels", "LO-HI", P_RANGE, AT(student_levels), 5, "a student's levels, 0-5"},
    {"idea-levels", "LO-HI", P_RANGE, AT(idea_levels), 5, "required levels, 1-5"},
    {"multi-mentor", "SHARE", P_NUMBER, AT(multi_mentor), 1, "share of ideas with 2-3 mentors"},
    {"rating-density", "SHARE", P_NUMBER, AT(rating_density), 1, "share of applications rated"},
    {"rating-noise", "X", P_NUMBER, AT(rating_noise), MM_GENERATE_MAX_NOISE,
     "scores up to X off 2+3*match, 0-4"},
    {"capacity", "LO-HI", P_RANGE, AT(capacity), MM_GENERATE_MAX_CAPACITY,
     "mentor capacity, LO most common"},
    {"slots", "LO-HI", P_RANGE, AT(slots), MM_GENERATE_MAX_CAPACITY,
     "idea slots, LO for 3 ideas in 4"},
    {"org-slots", "SHARE", P_NUMBER, AT(org_slots), 1, "org slots / its ideas' slots"},
    {"min-load", "SHARE", P_NUMBER, AT(min_load), 1, "mentors with min_load 1, at most"},
    {"program-slots", "SHARE", P_NUMBER, AT(program_slots), 1, "program slots / students"},
    {"conflicts", "X", P_NUMBER, AT(conflicts), MM_GENERATE_MAX_CONFLICTS,
     "conflicts per 1,000 students"},
    {"seed", "N", P_SEED, AT(seed), 0, "random seed, 0..2^64-1"},
    {"name", "TEXT", P_TEXT, AT(name), 0, "program name"},
    {"universities", "N", P_SIZE, AT(universities), MM_GENERATE_MAX_COUNT,
     "a university each, pool of N; 0: none"},
    {"university-zipf", "S", P_NUMBER, AT(university_zipf), MM_GENERATE_MAX_ZIPF,
     "university skew, P(rank r) ~ r^-S"},
    {"first-time", "SHARE", P_NUMBER, AT(first_time), 1, "share with first_time true"},
};

#define N_PARAMS (sizeof PARAMS / sizeof PARAMS[0])
enum { OPT_PARAM = 256 }; /* getopt value of PARAMS[k]: OPT_PARAM + k */

static void *field(mm_generate_options *o, const gen_param *p)
{
    return (char *)o + p->offset;
}

static void print_default(const gen_param *p, char *buf, size_t size)
{
    mm_generate_options d = MM_GENERATE_OPTIONS_INIT;
    const void *v = field(&d, p);
    const mm_generate_range *r = v;

    if (p->kind == P_SIZE && *(const size_t *)v == MM_GENERATE_DERIVE) {
        snprintf(buf, size, p->offset == AT(ideas) ? "1 per 4 students" : "3 per 5 ideas");
        return;
    }
    if (p->kind == P_NUMBER && *(const double *)v < 0) {
        snprintf(buf, size, "none");
        return;
    }
    switch (p->kind) {
    case P_SIZE: snprintf(buf, size, "%zu", *(const size_t *)v); break;
    case P_UNSIGNED: snprintf(buf, size, "%u", *(const unsigned *)v); break;
    case P_RANGE: snprintf(buf, size, "%u-%u", r->lo, r->hi); break;
    case P_NUMBER: snprintf(buf, size, "%g", *(const double *)v); break;
    case P_SEED: snprintf(buf, size, "%llu", *(const unsigned long long *)v); break;
    case P_TEXT: snprintf(buf, size, "%s", *(const char *const *)v); break;
    }
}

static void print_help(void)
{
    fputs(GENERATE_HELP_HEAD, stdout);
    for (size_t k = 0; k < N_PARAMS; k++) {
        char option[40], def[40];
        snprintf(option, sizeof option, "--%s %s", PARAMS[k].name, PARAMS[k].value);
        print_default(&PARAMS[k], def, sizeof def);
        printf("      %-22s %s [%s]\n", option, PARAMS[k].help, def);
    }
    fputs(GENERATE_HELP_TAIL, stdout);
}

/* A whole number 0..max, digits only; `end` is where the digits stop. */
static int parse_whole(const char *text, const char **end, unsigned long long max,
                       unsigned long long *out)
{
    unsigned long long value = 0;
    const char *c = text;

    for (; *c >= '0' && *c <= '9'; c++) {
        unsigned d = (unsigned)(*c - '0');
        if (d > max || value > (max - d) / 10)
            return -1;
        value = value * 10 + d;
    }
    *end = c;
    *out = value;
    return c == text ? -1 : 0;
}

static int parse_range(const char *text, unsigned max, mm_generate_range *out)
{
    unsigned long long lo, hi;
    const char *end;

    if (parse_whole(text, &end, max, &lo))
        return -1;
    hi = lo;
    if (*end == '-' && parse_whole(end + 1, &end, max, &hi))
        return -1;
    if (*end || lo > hi)
        return -1;
    *out = (mm_generate_range){(unsigned)lo, (unsigned)hi};
    return 0;
}

/* @return -1 to go on, or an exit code. */
static int set_param(mm_generate_options *o, const gen_param *p, const char *text)
{
    void *v = field(o, p);
    unsigned long long whole;
    char option[40];

    snprintf(option, sizeof option, "--%s", p->name);
    switch (p->kind) {
    case P_SIZE:
    case P_UNSIGNED:
        if (cli_parse_whole("generate", option, text, 0, (unsigned long long)p->max, &whole))
            return EXIT_USAGE;
        if (p->kind == P_SIZE)
            *(size_t *)v = (size_t)whole;
        else
            *(unsigned *)v = (unsigned)whole;
        return -1;
    case P_RANGE:
        if (parse_range(text, (unsigned)p->max, v))
            return cli_usage_error("generate", "--%s takes LO-HI, whole numbers with "
                                   "LO <= HI <= %.0f, not '%s'", p->name, p->max, text);
        return -1;
    case P_NUMBER:
        return cli_parse_number("generate", option, text, p->max, v) ? EXIT_USAGE : -1;
    case P_SEED: return cli_parse_seed("generate", text, v) ? EXIT_USAGE : -1;
    case P_TEXT: *(const char **)v = text; return -1;
    }
    return -1;
}

/* The --quota options, parsed; their text copied and cut into fields. */
typedef struct {
    mm_quota_spec spec[MM_GENERATE_MAX_QUOTAS];
    char *text[MM_GENERATE_MAX_QUOTAS];
    size_t n;
} quota_list;

static void quota_list_dispose(quota_list *l)
{
    for (size_t k = 0; k < l->n; k++)
        free(l->text[k]);
}

static int bad_quota(const char *text)
{
    return cli_usage_error("generate", "--quota takes ATTRIBUTE[=VALUE]:PER:MIN:MAX (MIN or MAX "
                           "may be empty, not both), not '%s'", text);
}

/* MIN or MAX: empty for none. @return 0 or EXIT_USAGE (reported). */
static int quota_bound(const char *text, const char *which, long long *out)
{
    unsigned long long v;
    char option[24];

    *out = MM_UNSET;
    if (!*text)
        return 0;
    snprintf(option, sizeof option, "--quota %s", which);
    if (cli_parse_whole("generate", option, text, 0, MM_GENERATE_MAX_COUNT, &v))
        return EXIT_USAGE;
    *out = (long long)v;
    return 0;
}

/* One --quota ATTRIBUTE[=VALUE]:PER:MIN:MAX; VALUE true or false is a
 * boolean, anything else text. The library checks what the fields mean.
 * @return -1 to go on, or an exit code. */
static int add_quota(quota_list *l, const char *text)
{
    mm_quota_spec q = MM_QUOTA_SPEC_INIT;
    char *field[4], *copy, *eq;
    size_t n = 1;

    if (l->n == MM_GENERATE_MAX_QUOTAS)
        return cli_usage_error("generate", "at most %u --quota options",
                               MM_GENERATE_MAX_QUOTAS);
    if (!(copy = strdup(text)))
        return cli_error("mentormatch: %s", mm_strerror(MM_ENOMEM)), EXIT_INTERNAL;
    l->text[l->n++] = copy;
    field[0] = copy;
    for (char *c = copy; *c; c++) {
        if (*c != ':')
            continue;
        if (n == 4)
            return bad_quota(text);
        *c = '\0';
        field[n++] = c + 1;
    }
    if (n != 4 || !*field[0] || !*field[1] || (!*field[2] && !*field[3]))
        return bad_quota(text);
    if ((eq = strchr(field[0], '=')) != NULL) {
        *eq++ = '\0';
        if (!*field[0] || !*eq)
            return bad_quota(text);
        if (!strcmp(eq, "true") || !strcmp(eq, "false"))
            q.value = (mm_attribute_value){MM_ATTRIBUTE_BOOLEAN, NULL, 0, !strcmp(eq, "true")};
        else
            q.value = (mm_attribute_value){MM_ATTRIBUTE_TEXT, eq, 0, 0};
    }
    q.attribute = field[0];
    q.per = field[1];
    if (quota_bound(field[2], "MIN", &q.min) || quota_bound(field[3], "MAX", &q.max))
        return EXIT_USAGE;
    l->spec[l->n - 1] = q;
    return -1;
}

enum { OPT_QUOTA = 'q' };

static void fill_options(struct option *options)
{
    size_t k;

    for (k = 0; k < N_PARAMS; k++)
        options[k] = (struct option){PARAMS[k].name, required_argument, NULL, OPT_PARAM + (int)k};
    options[k++] = (struct option){"quota", required_argument, NULL, OPT_QUOTA};
    options[k++] = (struct option){"output", required_argument, NULL, 'o'};
    options[k++] = (struct option){"help", no_argument, NULL, 'h'};
    options[k] = (struct option){NULL, 0, NULL, 0};
}

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, mm_generate_options *opts, quota_list *quotas,
                      const char **output)
{
    struct option options[N_PARAMS + 4];
    char why[200];
    int c, code = -1;

    fill_options(options);
    opterr = 0;
    while (code < 0 && (c = getopt_long(argc, argv, ":ho:", options, NULL)) != -1) {
        if (c >= OPT_PARAM && c < OPT_PARAM + (int)N_PARAMS)
            code = set_param(opts, &PARAMS[c - OPT_PARAM], optarg);
        else if (c == OPT_QUOTA)
            code = add_quota(quotas, optarg);
        else if (c == 'o')
            *output = optarg;
        else if (c == 'h')
            return print_help(), EXIT_DONE;
        else if (c == ':')
            return cli_usage_error("generate", "%s needs a value", argv[optind - 1]);
        else
            return cli_unknown_option("generate", options, argv[optind - 1]);
    }
    if (code >= 0)
        return code;
    if (optind < argc)
        return cli_usage_error("generate", "takes no INPUT, got '%s'", argv[optind]);
    opts->quotas = quotas->n ? quotas->spec : NULL;
    opts->n_quotas = quotas->n;
    if (mm_generate_check(opts, why, sizeof why) != 0)
        return cli_usage_error("generate", "%s", why);
    return -1;
}

static int write_instance(const mm_generate_options *opts, const char *output)
{
    cli_output out;
    int code, rc;

    /* A signal while a large instance is written removes the temporary
     * file (output.c). */
    if ((code = cli_output_open(&out, output)) != 0)
        return code;
    rc = mm_generate(opts, out.stream);
    if (rc == 0)
        return cli_output_commit(&out);
    if (rc == MM_EIO)
        cli_error("mentormatch: cannot write %s: %s", output ? output : "standard output",
                  strerror(errno));
    else
        cli_error("mentormatch: %s", mm_strerror(rc));
    cli_output_abort(&out);
    return EXIT_INTERNAL;
}

int cmd_generate(int argc, char **argv)
{
    mm_generate_options opts = MM_GENERATE_OPTIONS_INIT;
    quota_list quotas;
    const char *output = NULL;
    int code;

    quotas.n = 0;
    code = parse_args(argc, argv, &opts, &quotas, &output);
    if (code < 0)
        code = write_instance(&opts, output);
    quota_list_dispose(&quotas);
    return code;
}
