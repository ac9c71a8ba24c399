/*
 * gen_instance: a seeded, deterministic generator of mentormatch input
 * documents (SPEC section 1) for benchmarks.
 *
 *   gen_instance --students N --ideas N --mentors N --apps K [--orgs N]
 *                [--multi-mentor SHARE] [--zipf S] [--seed N] [-o FILE]
 *
 * Standalone C11, libc only. The same arguments give the same bytes on every
 * platform with IEEE-754 doubles: all randomness comes from splitmix64, all
 * probabilities are integers, and the one transcendental function used (the
 * Zipf weight r^-s) is computed here with + - * / only, then rounded to an
 * integer weight. Build with -std=c11 (no floating-point contraction).
 *
 * Every phase draws from its own stream (seed mixed with a phase number), so
 * changing --apps, say, leaves the mentors and ideas of a seed unchanged.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- PRNG -- */

typedef struct { uint64_t s; } rng_t;

static uint64_t rng_next(rng_t *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static rng_t rng_stream(uint64_t seed, uint64_t phase)
{
    rng_t r = { seed * 0xD1B54A32D192ED03ULL + phase * 0x8CB92BA72F3D8DD7ULL };
    rng_next(&r);
    return r;
}

/* Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for our n. */
static uint64_t rng_below(rng_t *r, uint64_t n) { return rng_next(r) % n; }

/* True with probability num/den. */
static int rng_chance(rng_t *r, uint64_t num, uint64_t den)
{
    return rng_below(r, den) < num;
}

static void shuffle(rng_t *r, uint32_t *a, uint32_t n)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = (uint32_t)rng_below(r, i);
        uint32_t t = a[i - 1]; a[i - 1] = a[j]; a[j] = t;
    }
}

/* ------------------------------------------------- deterministic math -- */

#define LN2 0.69314718055994530942

/* ln(n) for an integer n >= 1, from basic arithmetic only. */
static double det_log(uint64_t n)
{
    int e = 0;
    double m = (double)n;
    while (m >= 1.0) { m *= 0.5; e++; }          /* exact: m in [0.5, 1) */
    if (m < 0.70710678118654752440) { m *= 2.0; e--; }
    double t = (m - 1.0) / (m + 1.0), t2 = t * t, term = t, sum = 0.0;
    for (int k = 1; k <= 41; k += 2) { sum += term / k; term *= t2; }
    return e * LN2 + 2.0 * sum;
}

/* e^x for x <= 0, from basic arithmetic only. */
static double det_exp(double x)
{
    if (x < -700.0) return 0.0;
    int k = 0;
    while (x < -0.5 * LN2) { x += LN2; k++; }    /* e^x = e^r * 2^-k */
    double sum = 1.0, term = 1.0;
    for (int i = 1; i <= 24; i++) { term *= x / i; sum += term; }
    while (k-- > 0) sum *= 0.5;
    return sum;
}

/* ------------------------------------------------- cumulative weights -- */

/* A discrete distribution over [0, n) with integer weights: draw by binary
 * search over the cumulative sums. */
typedef struct { uint64_t *cum; uint32_t n; } cdf_t;

/* Zipf: P(r) proportional to (r + 1)^-s, scaled to integers (>= 1 each). */
static int cdf_zipf(cdf_t *c, uint32_t n, double s)
{
    c->n = n;
    c->cum = malloc((n ? n : 1) * sizeof *c->cum);
    if (!c->cum) return -1;
    uint64_t acc = 0;
    for (uint32_t r = 0; r < n; r++) {
        double w = det_exp(-s * det_log((uint64_t)r + 1));
        acc += (uint64_t)(w * 4294967296.0) + 1;  /* 2^32 scale */
        c->cum[r] = acc;
    }
    return 0;
}

static uint32_t cdf_draw(const cdf_t *c, rng_t *r)
{
    uint64_t u = rng_below(r, c->cum[c->n - 1]);
    uint32_t lo = 0, hi = c->n - 1;              /* first cum > u */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->cum[mid] > u) hi = mid; else lo = mid + 1;
    }
    return lo;
}

/* ------------------------------------------------------------- output -- */

typedef struct {
    FILE *f;
    char buf[1 << 16];
    size_t len;
    int err;
} out_t;

static void out_flush(out_t *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len) o->err = 1;
    o->len = 0;
}

static void out_str(out_t *o, const char *s)
{
    size_t n = strlen(s);
    if (o->len + n > sizeof o->buf) out_flush(o);
    if (n > sizeof o->buf) { if (fwrite(s, 1, n, o->f) != n) o->err = 1; return; }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_uint(out_t *o, uint64_t v)
{
    char tmp[24];
    int i = (int)sizeof tmp;
    tmp[--i] = '\0';
    do { tmp[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    out_str(o, tmp + i);
}

/* An id: prefix + number zero-padded to `width` digits, so byte order of ids
 * is numeric order. */
static void out_id(out_t *o, const char *prefix, uint32_t num, int width)
{
    char tmp[48];
    size_t n = strlen(prefix);
    if (n > 16) n = 16;
    tmp[0] = '"';
    memcpy(tmp + 1, prefix, n);
    char *p = tmp + 1 + n + (width > 10 ? 10 : width);
    char *end = p;
    do { *--p = (char)('0' + num % 10); num /= 10; } while (p > tmp + 1 + n);
    end[0] = '"';
    end[1] = '\0';
    out_str(o, tmp);
}

/* A score in halves (2..10) as a JSON number: 1, 1.5, ... 5. */
static void out_halves(out_t *o, unsigned halves)
{
    out_uint(o, halves / 2);
    if (halves % 2) out_str(o, ".5");
}

/* ------------------------------------------------------------ options -- */

typedef struct {
    uint32_t students, ideas, mentors, apps, orgs;
    double multi_share, zipf;
    uint64_t seed;
    const char *out_path;
} opts_t;

static const char *const usage_text =
    "usage: gen_instance --students N --ideas N --mentors N --apps K\n"
    "                    [--orgs N] [--multi-mentor SHARE] [--zipf S]\n"
    "                    [--seed N] [-o FILE]\n"
    "Writes a valid mentormatch input document (stdout unless -o).\n"
    "  --apps K           applications per student (distinct ideas, K <= ideas)\n"
    "  --orgs N           organisations (default 0: ideas without org)\n"
    "  --multi-mentor X   share of ideas with 2-3 mentors (default 0.3)\n"
    "  --zipf S           popularity skew of ideas, P(rank r) ~ r^-S (default 1.0)\n"
    "  --seed N           random seed (default 1)\n";

static int parse_u32(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v > 100000000ULL) return -1;
    *out = (uint32_t)v;
    return 0;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi)) return -1;
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, opts_t *o)
{
    int have = 0;
    *o = (opts_t){ .multi_share = 0.3, .zipf = 1.0, .seed = 1 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int bad = 0;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            exit(0);
        }
        if (!v) { fprintf(stderr, "gen_instance: %s: missing value\n", a); return -1; }
        if (!strcmp(a, "--students")) { bad = parse_u32(v, &o->students); have |= 1; }
        else if (!strcmp(a, "--ideas")) { bad = parse_u32(v, &o->ideas); have |= 2; }
        else if (!strcmp(a, "--mentors")) { bad = parse_u32(v, &o->mentors); have |= 4; }
        else if (!strcmp(a, "--apps")) { bad = parse_u32(v, &o->apps); have |= 8; }
        else if (!strcmp(a, "--orgs")) bad = parse_u32(v, &o->orgs);
        else if (!strcmp(a, "--multi-mentor")) bad = parse_double(v, 0, 1, &o->multi_share);
        else if (!strcmp(a, "--zipf")) bad = parse_double(v, 0, 20, &o->zipf);
        else if (!strcmp(a, "--seed")) {
            char *end;
            errno = 0;
            o->seed = strtoull(v, &end, 10);
            bad = errno || end == v || *end || v[0] == '-';
        }
        else if (!strcmp(a, "-o")) o->out_path = v;
        else { fprintf(stderr, "gen_instance: unknown option %s\n%s", a, usage_text); return -1; }
        if (bad) { fprintf(stderr, "gen_instance: %s: bad value \"%s\"\n", a, v); return -1; }
        i++;
    }
    if (have != 15) {
        fprintf(stderr, "gen_instance: --students, --ideas, --mentors and --apps are required\n%s",
                usage_text);
        return -1;
    }
    if (o->apps > o->ideas) {
        fprintf(stderr, "gen_instance: --apps (%u) exceeds --ideas (%u)\n", o->apps, o->ideas);
        return -1;
    }
    if (o->ideas > 0 && o->mentors == 0) {
        fprintf(stderr, "gen_instance: ideas need at least one mentor\n");
        return -1;
    }
    return 0;
}

/* -------------------------------------------------------------- model -- */

#define NSKILLS 20
static const char *const skill_names[NSKILLS] = {
    "c", "cpp", "rust", "go", "python", "java", "javascript", "typescript",
    "sql", "linux", "networking", "security", "compilers", "graphics", "ml",
    "databases", "embedded", "web", "devops", "math",
};

typedef struct { uint8_t n; uint8_t skill[5]; uint8_t level[5]; } skills_t;

typedef struct {
    uint32_t mentor[3];
    uint8_t nmentors, slots, impact;
    int32_t org;                 /* -1: none */
    skills_t req;
} idea_t;

typedef struct { uint32_t mentor, student; } conflict_t;

typedef struct {
    opts_t o;
    int wid_s, wid_i, wid_m, wid_o;
    /* mentors */
    uint8_t *capacity, *min_load;
    int32_t *mentor_org;
    /* org -> its mentors (CSR) */
    uint32_t *org_mstart, *org_mlist;
    /* ideas */
    idea_t *idea;
    uint32_t *pop_order;         /* pop_order[r]: idea of popularity rank r */
    uint32_t *org_slots;
    /* students */
    skills_t *sk;
    uint32_t *app;               /* students * apps, in rank order */
    uint32_t *app_count;         /* applications per idea */
    conflict_t *conf;
    uint32_t nconf;
    uint8_t *has_conf;           /* per student */
    uint32_t program_slots;
} inst_t;

static int digits(uint32_t n)
{
    int d = 1;
    while (n >= 10) { n /= 10; d++; }
    return d;
}

static void draw_skills(rng_t *r, skills_t *k, unsigned nmin, unsigned nmax,
                        unsigned lmin, unsigned lmax)
{
    k->n = (uint8_t)(nmin + rng_below(r, nmax - nmin + 1));
    for (unsigned j = 0; j < k->n; j++) {
        uint8_t s;
        int dup;
        do {
            s = (uint8_t)rng_below(r, NSKILLS);
            dup = 0;
            for (unsigned q = 0; q < j; q++) dup |= k->skill[q] == s;
        } while (dup);
        k->skill[j] = s;
        k->level[j] = (uint8_t)(lmin + rng_below(r, lmax - lmin + 1));
    }
}

/* Mentors: capacity 1-4 (40/30/20/10 %), each in an org when there are
 * orgs: the first `orgs` mentors one per org, the rest by a mild Zipf so
 * org sizes vary. */
static int gen_mentors(inst_t *in)
{
    uint32_t M = in->o.mentors, O = in->o.orgs;
    rng_t r = rng_stream(in->o.seed, 1);
    in->capacity = malloc(M + 1);
    in->min_load = calloc(M + 1, 1);
    in->mentor_org = malloc((M + 1) * sizeof *in->mentor_org);
    in->org_mstart = calloc((size_t)O + 2, sizeof *in->org_mstart);
    in->org_mlist = malloc((M + 1) * sizeof *in->org_mlist);
    if (!in->capacity || !in->min_load || !in->mentor_org || !in->org_mstart || !in->org_mlist)
        return -1;
    cdf_t oc = { 0 };
    if (O && cdf_zipf(&oc, O, 0.7)) return -1;
    for (uint32_t m = 0; m < M; m++) {
        unsigned u = (unsigned)rng_below(&r, 10);
        in->capacity[m] = (uint8_t)(u < 4 ? 1 : u < 7 ? 2 : u < 9 ? 3 : 4);
        in->mentor_org[m] = !O ? -1 : m < O ? (int32_t)m : (int32_t)cdf_draw(&oc, &r);
    }
    free(oc.cum);
    if (O) {   /* counting sort of mentors by org */
        for (uint32_t m = 0; m < M; m++) in->org_mstart[in->mentor_org[m] + 1]++;
        for (uint32_t g = 0; g < O; g++) in->org_mstart[g + 1] += in->org_mstart[g];
        uint32_t *fill = malloc(((size_t)O + 1) * sizeof *fill);
        if (!fill) return -1;
        memcpy(fill, in->org_mstart, ((size_t)O + 1) * sizeof *fill);
        for (uint32_t m = 0; m < M; m++) in->org_mlist[fill[in->mentor_org[m]]++] = m;
        free(fill);
    }
    return 0;
}

/* Ideas: idea j < mentors is led by mentor j (so every mentor has an idea
 * when ideas >= mentors), later ones by a random mentor; the org is the lead
 * mentor's; a `multi_share` of ideas get 1-2 co-mentors from the same org. */
static int gen_ideas(inst_t *in)
{
    uint32_t I = in->o.ideas, M = in->o.mentors, O = in->o.orgs;
    rng_t r = rng_stream(in->o.seed, 2);
    uint64_t multi = (uint64_t)(in->o.multi_share * 1000000.0 + 0.5);
    in->idea = calloc((size_t)I + 1, sizeof *in->idea);
    in->pop_order = malloc(((size_t)I + 1) * sizeof *in->pop_order);
    in->org_slots = calloc((size_t)O + 1, sizeof *in->org_slots);
    if (!in->idea || !in->pop_order || !in->org_slots) return -1;
    for (uint32_t j = 0; j < I; j++) {
        idea_t *d = &in->idea[j];
        uint32_t lead = j < M ? j : (uint32_t)rng_below(&r, M);
        d->mentor[0] = lead;
        d->nmentors = 1;
        d->org = in->mentor_org[lead];
        const uint32_t *pool = NULL;
        uint32_t npool = M;
        if (d->org >= 0) {
            pool = in->org_mlist + in->org_mstart[d->org];
            npool = in->org_mstart[d->org + 1] - in->org_mstart[d->org];
        }
        unsigned want = rng_chance(&r, multi, 1000000) ? (rng_chance(&r, 7, 10) ? 2 : 3) : 1;
        if (want > npool) want = npool;
        while (d->nmentors < want) {
            uint32_t k = (uint32_t)rng_below(&r, npool), m = pool ? pool[k] : k;
            int dup = 0;
            for (unsigned q = 0; q < d->nmentors; q++) dup |= d->mentor[q] == m;
            if (!dup) d->mentor[d->nmentors++] = m;
        }
        d->slots = (uint8_t)(rng_chance(&r, 1, 4) ? 2 : 1);
        d->impact = (uint8_t)(1 + rng_below(&r, 5));
        draw_skills(&r, &d->req, 1, 3, 1, 5);
        if (d->org >= 0) in->org_slots[d->org] += d->slots;
        in->pop_order[j] = j;
    }
    shuffle(&r, in->pop_order, I);
    for (uint32_t g = 0; g < O; g++)   /* ~80 % of the ideas' slots, so caps bind */
        if (in->org_slots[g]) in->org_slots[g] = (in->org_slots[g] * 4 + 2) / 5;
    return 0;
}

/* Students: 2-5 skills; exactly `apps` distinct ideas drawn by popularity,
 * listed in the order drawn (= rank order). */
static int gen_students(inst_t *in)
{
    uint32_t S = in->o.students, K = in->o.apps, I = in->o.ideas;
    rng_t r = rng_stream(in->o.seed, 3);
    in->sk = malloc(((size_t)S + 1) * sizeof *in->sk);
    in->app = malloc(((size_t)S * K + 1) * sizeof *in->app);
    in->app_count = calloc((size_t)I + 1, sizeof *in->app_count);
    in->has_conf = calloc((size_t)S + 1, 1);
    if (!in->sk || !in->app || !in->app_count || !in->has_conf) return -1;
    cdf_t pc = { 0 };
    if (K && cdf_zipf(&pc, I, in->o.zipf)) return -1;
    for (uint32_t s = 0; s < S; s++) {
        draw_skills(&r, &in->sk[s], 2, 5, 0, 5);
        uint32_t *a = in->app + (size_t)s * K;
        for (uint32_t k = 0; k < K; k++) {
            uint32_t idea = 0;
            int dup, tries = 0;
            do {
                if (++tries <= 64) {
                    idea = in->pop_order[cdf_draw(&pc, &r)];
                } else {   /* heavy skew, K near I: next idea not yet taken */
                    idea = (idea + 1) % I;
                }
                dup = 0;
                for (uint32_t q = 0; q < k; q++) dup |= a[q] == idea;
            } while (dup);
            a[k] = idea;
            in->app_count[idea]++;
        }
    }
    free(pc.cum);
    in->program_slots = (uint32_t)(((uint64_t)S * 9 + 5) / 10);
    return 0;
}

/* min_load 1 for under 1 % of mentors, only where clearly feasible: the lead
 * mentor of one of the most popular ideas, one such mentor per idea, every
 * chosen idea with at least L applicants (L = number of such mentors, so the
 * ideas can be served by distinct students), within org and program caps.
 * Conflicts never involve these mentors. */
static int gen_min_load(inst_t *in)
{
    uint32_t M = in->o.mentors, I = in->o.ideas, O = in->o.orgs;
    uint32_t L = M / 128, chosen = 0;
    uint32_t *org_used = calloc((size_t)O + 1, sizeof *org_used);
    if (!org_used) return -1;
    for (uint32_t r = 0; r < I && r < 4 * L && chosen < L && chosen < in->program_slots; r++) {
        const idea_t *d = &in->idea[in->pop_order[r]];
        uint32_t m = d->mentor[0];
        if (in->app_count[in->pop_order[r]] < L || in->min_load[m]) continue;
        if (d->org >= 0 && org_used[d->org] + 1 > in->org_slots[d->org]) continue;
        if (d->org >= 0) org_used[d->org]++;
        in->min_load[m] = 1;
        chosen++;
    }
    free(org_used);
    return 0;
}

static int in_conflict(const inst_t *in, uint32_t m, uint32_t s)
{
    if (!in->has_conf[s]) return 0;
    for (uint32_t c = 0; c < in->nconf; c++)
        if (in->conf[c].mentor == m && in->conf[c].student == s) return 1;
    return 0;
}

/* A conflict (m, s) keeps every application of s eligible: each of s's
 * ideas that m mentors still has a mentor not in conflict with s. */
static int conflict_ok(const inst_t *in, uint32_t m, uint32_t s)
{
    const uint32_t *a = in->app + (size_t)s * in->o.apps;
    if (in->min_load[m] || in_conflict(in, m, s)) return 0;
    for (uint32_t k = 0; k < in->o.apps; k++) {
        const idea_t *d = &in->idea[a[k]];
        int has_m = 0, other = 0;
        for (unsigned q = 0; q < d->nmentors; q++) {
            if (d->mentor[q] == m) has_m = 1;
            else if (!in_conflict(in, d->mentor[q], s)) other = 1;
        }
        if (has_m && !other) return 0;
    }
    return 1;
}

/* About one conflict per 1,000 students (at least one where possible):
 * a mentor of a multi-mentor idea the student applied to. */
static int gen_conflicts(inst_t *in)
{
    uint32_t S = in->o.students, K = in->o.apps;
    uint32_t want = (S + 999) / 1000;
    rng_t r = rng_stream(in->o.seed, 4);
    in->conf = malloc(((size_t)want + 1) * sizeof *in->conf);
    if (!in->conf) return -1;
    if (!S || !K) return 0;
    for (uint32_t tries = 0; in->nconf < want && tries < 100 * want + 1000; tries++) {
        uint32_t s = (uint32_t)rng_below(&r, S);
        const idea_t *d = &in->idea[in->app[(size_t)s * K + rng_below(&r, K)]];
        if (d->nmentors < 2) continue;
        uint32_t m = d->mentor[rng_below(&r, d->nmentors)];
        if (!conflict_ok(in, m, s)) continue;
        in->conf[in->nconf++] = (conflict_t){ m, s };
        in->has_conf[s] = 1;
    }
    /* sorted by student, then mentor, for a tidy document */
    for (uint32_t i = 1; i < in->nconf; i++) {
        conflict_t c = in->conf[i];
        uint32_t j = i;
        while (j > 0 && (in->conf[j - 1].student > c.student ||
                         (in->conf[j - 1].student == c.student && in->conf[j - 1].mentor > c.mentor))) {
            in->conf[j] = in->conf[j - 1];
            j--;
        }
        in->conf[j] = c;
    }
    return 0;
}

/* ------------------------------------------------------------ writing -- */

static void write_skills(out_t *o, const skills_t *k)
{
    out_str(o, "{");
    for (unsigned j = 0; j < k->n; j++) {
        out_str(o, j ? ",\"" : "\"");
        out_str(o, skill_names[k->skill[j]]);
        out_str(o, "\":");
        out_uint(o, k->level[j]);
    }
    out_str(o, "}");
}

static void write_head(out_t *o, const inst_t *in)
{
    out_str(o, "{\n\"program\":{\"name\":\"bench\",\"slots\":");
    out_uint(o, in->program_slots);
    out_str(o, "},\n\"settings\":{\"weights\":{\"rating\":1,\"preference\":1,"
               "\"skill\":1,\"impact\":0.5},\"default_rating\":2.5},\n");
    if (in->o.orgs) {
        out_str(o, "\"orgs\":[");
        for (uint32_t g = 0; g < in->o.orgs; g++) {
            char name[32];
            out_str(o, g ? ",\n{\"id\":" : "\n{\"id\":");
            out_id(o, "org", g + 1, in->wid_o);
            snprintf(name, sizeof name, "Organisation %u", (unsigned)g + 1);
            out_str(o, ",\"name\":\"");
            out_str(o, name);
            out_str(o, "\",\"slots\":");
            out_uint(o, in->org_slots[g]);
            out_str(o, "}");
        }
        out_str(o, "\n],\n");
    }
    out_str(o, "\"mentors\":[");
    for (uint32_t m = 0; m < in->o.mentors; m++) {
        out_str(o, m ? ",\n{\"id\":" : "\n{\"id\":");
        out_id(o, "m", m + 1, in->wid_m);
        out_str(o, ",\"capacity\":");
        out_uint(o, in->capacity[m]);
        if (in->min_load[m]) out_str(o, ",\"min_load\":1");
        out_str(o, "}");
    }
    out_str(o, "\n],\n");
}

static void write_ideas(out_t *o, const inst_t *in)
{
    out_str(o, "\"ideas\":[");
    for (uint32_t j = 0; j < in->o.ideas; j++) {
        const idea_t *d = &in->idea[j];
        char title[32];
        out_str(o, j ? ",\n{\"id\":" : "\n{\"id\":");
        out_id(o, "idea", j + 1, in->wid_i);
        snprintf(title, sizeof title, "Project idea %u", (unsigned)j + 1);
        out_str(o, ",\"title\":\"");
        out_str(o, title);
        out_str(o, "\"");
        if (d->org >= 0) {
            out_str(o, ",\"org\":");
            out_id(o, "org", (uint32_t)d->org + 1, in->wid_o);
        }
        out_str(o, ",\"mentors\":[");
        for (unsigned q = 0; q < d->nmentors; q++) {
            if (q) out_str(o, ",");
            out_id(o, "m", d->mentor[q] + 1, in->wid_m);
        }
        out_str(o, "],\"slots\":");
        out_uint(o, d->slots);
        out_str(o, ",\"requires\":");
        write_skills(o, &d->req);
        out_str(o, ",\"impact\":");
        out_uint(o, d->impact);
        out_str(o, "}");
    }
    out_str(o, "\n],\n");
}

static void write_students(out_t *o, const inst_t *in)
{
    out_str(o, "\"students\":[");
    for (uint32_t s = 0; s < in->o.students; s++) {
        const uint32_t *a = in->app + (size_t)s * in->o.apps;
        out_str(o, s ? ",\n{\"id\":" : "\n{\"id\":");
        out_id(o, "s", s + 1, in->wid_s);
        out_str(o, ",\"skills\":");
        write_skills(o, &in->sk[s]);
        out_str(o, ",\"applications\":[");
        for (uint32_t k = 0; k < in->o.apps; k++) {
            out_str(o, k ? ",{\"idea\":" : "{\"idea\":");
            out_id(o, "idea", a[k] + 1, in->wid_i);
            out_str(o, "}");
        }
        out_str(o, "]}");
    }
    out_str(o, "\n],\n");
}

/* Skill match of student s for idea d, as a fraction num/den. */
static void skill_match(const skills_t *st, const skills_t *req, unsigned *num, unsigned *den)
{
    *num = *den = 0;
    for (unsigned j = 0; j < req->n; j++) {
        unsigned have = 0;
        for (unsigned q = 0; q < st->n; q++)
            if (st->skill[q] == req->skill[j]) have = st->level[q];
        *num += have < req->level[j] ? have : req->level[j];
        *den += req->level[j];
    }
}

/* Ratings: ~70 % of applications get one score from a mentor of the idea
 * not in conflict with the student; the score follows the skill match
 * (2 + 3 * match) plus noise of up to +-1, in steps of 0.5, within [1, 5]. */
static void write_ratings(out_t *o, const inst_t *in)
{
    rng_t r = rng_stream(in->o.seed, 5);
    int first = 1;
    out_str(o, "\"ratings\":[");
    for (uint32_t s = 0; s < in->o.students; s++) {
        const uint32_t *a = in->app + (size_t)s * in->o.apps;
        for (uint32_t k = 0; k < in->o.apps; k++) {
            const idea_t *d = &in->idea[a[k]];
            if (!rng_chance(&r, 7, 10)) continue;
            uint32_t m = d->mentor[rng_below(&r, d->nmentors)];
            for (unsigned q = 0; q < d->nmentors && in_conflict(in, m, s); q++)
                m = d->mentor[q];
            unsigned num, den;
            skill_match(&in->sk[s], &d->req, &num, &den);
            int halves = 4 + (int)((12 * num + den) / (2 * den)) + (int)rng_below(&r, 5) - 2;
            halves = halves < 2 ? 2 : halves > 10 ? 10 : halves;
            out_str(o, first ? "\n{\"mentor\":" : ",\n{\"mentor\":");
            first = 0;
            out_id(o, "m", m + 1, in->wid_m);
            out_str(o, ",\"student\":");
            out_id(o, "s", s + 1, in->wid_s);
            out_str(o, ",\"idea\":");
            out_id(o, "idea", a[k] + 1, in->wid_i);
            out_str(o, ",\"score\":");
            out_halves(o, (unsigned)halves);
            out_str(o, "}");
        }
    }
    out_str(o, "\n],\n");
}

static void write_conflicts(out_t *o, const inst_t *in)
{
    out_str(o, "\"conflicts\":[");
    for (uint32_t c = 0; c < in->nconf; c++) {
        out_str(o, c ? ",\n{\"mentor\":" : "\n{\"mentor\":");
        out_id(o, "m", in->conf[c].mentor + 1, in->wid_m);
        out_str(o, ",\"student\":");
        out_id(o, "s", in->conf[c].student + 1, in->wid_s);
        out_str(o, "}");
    }
    out_str(o, "\n]\n}\n");
}

static void inst_free(inst_t *in)
{
    free(in->capacity); free(in->min_load); free(in->mentor_org);
    free(in->org_mstart); free(in->org_mlist);
    free(in->idea); free(in->pop_order); free(in->org_slots);
    free(in->sk); free(in->app); free(in->app_count);
    free(in->conf); free(in->has_conf);
}

int main(int argc, char **argv)
{
    static out_t out;
    inst_t in = { 0 };
    int rc = 1;
    if (parse_args(argc, argv, &in.o)) return 2;
    in.wid_s = digits(in.o.students);
    in.wid_i = digits(in.o.ideas);
    in.wid_m = digits(in.o.mentors);
    in.wid_o = digits(in.o.orgs);
    if (gen_mentors(&in) || gen_ideas(&in) || gen_students(&in) ||
        gen_min_load(&in) || gen_conflicts(&in)) {
        fprintf(stderr, "gen_instance: out of memory\n");
        goto done;
    }
    out.f = in.o.out_path ? fopen(in.o.out_path, "wb") : stdout;
    if (!out.f) {
        fprintf(stderr, "gen_instance: %s: %s\n", in.o.out_path, strerror(errno));
        goto done;
    }
    write_head(&out, &in);
    write_ideas(&out, &in);
    write_students(&out, &in);
    write_ratings(&out, &in);
    write_conflicts(&out, &in);
    out_flush(&out);
    if (fflush(out.f) || ferror(out.f)) out.err = 1;
    if (in.o.out_path && fclose(out.f)) out.err = 1;
    if (out.err) {
        fprintf(stderr, "gen_instance: %s: write error\n", in.o.out_path ? in.o.out_path : "stdout");
        goto done;
    }
    rc = 0;
done:
    inst_free(&in);
    return rc;
}
