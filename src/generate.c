/* mm_generate: a random, valid and feasible input document from a seed and
 * a few documented parameters (docs/commands.md, `generate`). The instance
 * is built here phase by phase, each phase drawing from its own stream, and
 * written by generate_write.c; the options are checked by generate_check.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "generate.h"
#include "mentormatch.h"

static const mm_generate_options DEFAULTS = MM_GENERATE_OPTIONS_INIT;

/* ------------------------------------------------------- mentors -- */

/* Weights n, n-1, ..., 1 over lo..hi: capacity 1-4 is 40/30/20/10 %. */
static uint16_t draw_capacity(mm_rng *r, mm_generate_range c)
{
    uint64_t n = c.hi - c.lo + 1, u = mm_rng_below(r, n * (n + 1) / 2);
    unsigned k = 0;

    while (u >= n - k) {
        u -= n - k;
        k++;
    }
    return (uint16_t)(c.lo + k);
}

/* org -> its mentors, by a counting sort. */
static int index_org_mentors(mm_gen_instance *in)
{
    uint32_t M = in->mentors, O = in->orgs, *fill;

    for (uint32_t m = 0; m < M; m++)
        in->org_mstart[in->mentor_org[m] + 1]++;
    for (uint32_t g = 0; g < O; g++)
        in->org_mstart[g + 1] += in->org_mstart[g];
    if (!(fill = mm_malloc(((size_t)O + 1) * sizeof *fill)))
        return MM_ENOMEM;
    memcpy(fill, in->org_mstart, ((size_t)O + 1) * sizeof *fill);
    for (uint32_t m = 0; m < M; m++)
        in->org_mlist[fill[in->mentor_org[m]]++] = m;
    mm_free(fill);
    return 0;
}

/* Each mentor in an org when there are orgs: the first `orgs` mentors one
 * per org, the rest by a mild Zipf law, so org sizes vary. */
static int gen_mentors(mm_gen_instance *in)
{
    uint32_t M = in->mentors, O = in->orgs;
    mm_rng r = mm_rng_stream(in->o.seed, MM_GEN_PHASE_MENTORS);
    mm_cdf oc = {NULL, 0};

    in->capacity = mm_malloc(((size_t)M + 1) * sizeof *in->capacity);
    in->min_load = mm_calloc((size_t)M + 1, 1);
    in->mentor_org = mm_malloc(((size_t)M + 1) * sizeof *in->mentor_org);
    in->org_mstart = mm_calloc((size_t)O + 2, sizeof *in->org_mstart);
    in->org_mlist = mm_malloc(((size_t)M + 1) * sizeof *in->org_mlist);
    if (!in->capacity || !in->min_load || !in->mentor_org || !in->org_mstart || !in->org_mlist ||
        (O && mm_cdf_zipf(&oc, O, 0.7)))
        return MM_ENOMEM;
    for (uint32_t m = 0; m < M; m++) {
        in->capacity[m] = draw_capacity(&r, in->o.capacity);
        in->mentor_org[m] = !O ? -1 : m < O ? (int32_t)m : (int32_t)mm_cdf_draw(&oc, &r);
    }
    mm_cdf_dispose(&oc);
    return O ? index_org_mentors(in) : 0;
}

/* --------------------------------------------------------- ideas -- */

/* `n` distinct skills of the vocabulary, levels in `levels`. */
static void draw_skills(mm_rng *r, mm_gen_skills *k, mm_generate_range n, mm_generate_range levels,
                        unsigned vocabulary)
{
    k->n = (uint8_t)(n.lo + mm_rng_below(r, n.hi - n.lo + 1));
    for (unsigned j = 0; j < k->n; j++) {
        uint16_t s;
        int dup;
        do {
            s = (uint16_t)mm_rng_below(r, vocabulary);
            dup = 0;
            for (unsigned q = 0; q < j; q++)
                dup |= k->skill[q] == s;
        } while (dup);
        k->skill[j] = s;
        k->level[j] = (uint8_t)(levels.lo + mm_rng_below(r, levels.hi - levels.lo + 1));
    }
}

/* lo for 3 ideas in 4, else above lo. The first draw is made even when
 * lo = hi, so the draws after it do not move. */
static uint16_t draw_slots(mm_rng *r, mm_generate_range s)
{
    if (!mm_rng_chance(r, 1, 4) || s.hi == s.lo)
        return (uint16_t)s.lo;
    return (uint16_t)(s.lo + 1 + (s.hi - s.lo > 1 ? mm_rng_below(r, s.hi - s.lo) : 0));
}

/* A `multi_mentor` share of ideas get 1-2 co-mentors from the lead's org
 * (from all mentors without orgs), as many as the org has. */
static void draw_mentors(mm_gen_instance *in, mm_rng *r, mm_gen_idea *d, mm_share multi)
{
    const uint32_t *pool = NULL;
    uint32_t npool = in->mentors;
    unsigned want = 1;

    if (d->org >= 0) {
        pool = in->org_mlist + in->org_mstart[d->org];
        npool = in->org_mstart[d->org + 1] - in->org_mstart[d->org];
    }
    if (mm_rng_chance(r, multi.num, multi.den))
        want = mm_rng_chance(r, 7, 10) ? 2 : 3;
    if (want > npool)
        want = npool;
    while (d->nmentors < want) {
        uint32_t k = (uint32_t)mm_rng_below(r, npool), m = pool ? pool[k] : k;
        int dup = 0;
        for (unsigned q = 0; q < d->nmentors; q++)
            dup |= d->mentor[q] == m;
        if (!dup)
            d->mentor[d->nmentors++] = m;
    }
}

/* Idea j < mentors is led by mentor j (so every mentor has an idea when
 * ideas >= mentors), later ones by a random mentor; the idea's org is its
 * lead's. Orgs get an `org_slots` share of their ideas' slots, so org caps
 * bind. */
static int gen_ideas(mm_gen_instance *in)
{
    uint32_t I = in->ideas, M = in->mentors;
    mm_rng r = mm_rng_stream(in->o.seed, MM_GEN_PHASE_IDEAS);
    /* 10^6: the benchmark's instances were drawn so */
    mm_share multi = mm_share_of(in->o.multi_mentor, 1000000);

    in->idea = mm_calloc((size_t)I + 1, sizeof *in->idea);
    in->pop_order = mm_malloc(((size_t)I + 1) * sizeof *in->pop_order);
    in->org_slots = mm_calloc((size_t)in->orgs + 1, sizeof *in->org_slots);
    if (!in->idea || !in->pop_order || !in->org_slots)
        return MM_ENOMEM;
    for (uint32_t j = 0; j < I; j++) {
        mm_gen_idea *d = &in->idea[j];
        uint32_t lead = j < M ? j : (uint32_t)mm_rng_below(&r, M);
        d->mentor[0] = lead;
        d->nmentors = 1;
        d->org = in->mentor_org[lead];
        draw_mentors(in, &r, d, multi);
        d->slots = draw_slots(&r, in->o.slots);
        d->impact = (uint8_t)(1 + mm_rng_below(&r, 5));
        draw_skills(&r, &d->req, in->o.idea_skills, in->o.idea_levels, in->o.skills);
        if (d->org >= 0)
            in->org_slots[d->org] += d->slots;
        in->pop_order[j] = j;
    }
    mm_rng_shuffle(&r, in->pop_order, I);
    for (uint32_t g = 0; g < in->orgs; g++)
        in->org_slots[g] = (uint32_t)mm_share_round(in->org_slots[g], in->o.org_slots);
    return 0;
}

/* ------------------------------------------------------ students -- */

/* The k-th application of a student whose first k are in `a`: by
 * popularity, a different idea from those. */
static uint32_t draw_application(const mm_gen_instance *in, const mm_cdf *pc, mm_rng *r,
                                 const uint32_t *a, uint32_t k)
{
    uint32_t idea = 0;
    int dup, tries = 0;

    do {
        if (++tries <= 64)
            idea = in->pop_order[mm_cdf_draw(pc, r)];
        else /* heavy skew, apps near ideas: the next idea not yet taken */
            idea = (idea + 1) % in->ideas;
        dup = 0;
        for (uint32_t q = 0; q < k; q++)
            dup |= a[q] == idea;
    } while (dup);
    return idea;
}

/* Exactly `apps` distinct ideas per student, listed in the order drawn
 * (that order is the rank). */
static int gen_students(mm_gen_instance *in)
{
    uint32_t S = in->students, K = in->apps;
    mm_rng r = mm_rng_stream(in->o.seed, MM_GEN_PHASE_STUDENTS);
    mm_cdf pc = {NULL, 0};

    if (K && S > (SIZE_MAX / sizeof *in->app - 1) / K)
        return MM_ENOMEM;
    in->sk = mm_malloc(((size_t)S + 1) * sizeof *in->sk);
    in->app = mm_malloc(((size_t)S * K + 1) * sizeof *in->app);
    in->app_count = mm_calloc((size_t)in->ideas + 1, sizeof *in->app_count);
    if (!in->sk || !in->app || !in->app_count || (K && mm_cdf_zipf(&pc, in->ideas, in->o.zipf)))
        return MM_ENOMEM;
    for (uint32_t s = 0; s < S; s++) {
        uint32_t *a = in->app + (size_t)s * K;
        draw_skills(&r, &in->sk[s], in->o.student_skills, in->o.student_levels, in->o.skills);
        for (uint32_t k = 0; k < K; k++) {
            a[k] = draw_application(in, &pc, &r, a, k);
            in->app_count[a[k]]++;
        }
    }
    mm_cdf_dispose(&pc);
    in->program_slots = (uint32_t)mm_share_round(S, in->o.program_slots);
    return 0;
}

/* ------------------------------------------------------ min_load -- */

/* min_load 1 for at most L = floor(min_load x mentors) mentors, only where
 * a matching that meets them all is sure to exist: the lead mentor of one
 * of the 4L most popular ideas, one such mentor per idea, each such idea
 * with slots, a mentor with capacity and at least L applicants (so L
 * distinct students can fill them, one each, whatever the others took),
 * within the org and program caps. Conflicts never involve these mentors
 * and nothing else is a lower bound, so the instance stays feasible. */
static int gen_min_load(mm_gen_instance *in)
{
    uint64_t L = mm_share_floor(in->mentors, in->o.min_load), chosen = 0;
    uint32_t *org_used = mm_calloc((size_t)in->orgs + 1, sizeof *org_used);

    if (!org_used)
        return MM_ENOMEM;
    for (uint64_t r = 0; r < in->ideas && r < 4 * L && chosen < L && chosen < in->program_slots;
         r++) {
        const mm_gen_idea *d = &in->idea[in->pop_order[r]];
        uint32_t m = d->mentor[0];
        if (in->app_count[in->pop_order[r]] < L || in->min_load[m] || !d->slots ||
            !in->capacity[m])
            continue;
        if (d->org >= 0 && org_used[d->org] + 1 > in->org_slots[d->org])
            continue;
        if (d->org >= 0)
            org_used[d->org]++;
        in->min_load[m] = 1;
        chosen++;
    }
    mm_free(org_used);
    return 0;
}

/* ----------------------------------------------------- conflicts -- */

int mm_gen_in_conflict(const mm_gen_instance *in, uint32_t m, uint32_t s)
{
    for (uint32_t c = in->conf_head[s]; c != MM_GEN_NONE; c = in->conf_next[c])
        if (in->conf[c].mentor == m)
            return 1;
    return 0;
}

/* A conflict (m, s) keeps every application of s eligible: each of s's
 * ideas that m mentors still has a mentor not in conflict with s. */
static int conflict_ok(const mm_gen_instance *in, uint32_t m, uint32_t s)
{
    const uint32_t *a = in->app + (size_t)s * in->apps;

    if (in->min_load[m] || mm_gen_in_conflict(in, m, s))
        return 0;
    for (uint32_t k = 0; k < in->apps; k++) {
        const mm_gen_idea *d = &in->idea[a[k]];
        int has_m = 0, other = 0;
        for (unsigned q = 0; q < d->nmentors; q++) {
            if (d->mentor[q] == m)
                has_m = 1;
            else if (!mm_gen_in_conflict(in, d->mentor[q], s))
                other = 1;
        }
        if (has_m && !other)
            return 0;
    }
    return 1;
}

static void add_conflict(mm_gen_instance *in, uint32_t m, uint32_t s)
{
    in->conf[in->nconf] = (mm_gen_conflict){m, s};
    in->conf_next[in->nconf] = in->conf_head[s];
    in->conf_head[s] = in->nconf++;
}

static int by_student_then_mentor(const void *a, const void *b)
{
    const mm_gen_conflict *x = a, *y = b;

    if (x->student != y->student)
        return x->student < y->student ? -1 : 1;
    return x->mentor < y->mentor ? -1 : x->mentor > y->mentor;
}

/* Sorted for a tidy document (no two are equal, so qsort's order is
 * fixed); the lists are rebuilt over the new positions. */
static void sort_conflicts(mm_gen_instance *in)
{
    qsort(in->conf, in->nconf, sizeof *in->conf, by_student_then_mentor);
    for (uint32_t s = 0; s < in->students; s++)
        in->conf_head[s] = MM_GEN_NONE;
    for (uint32_t c = in->nconf; c-- > 0;) {
        in->conf_next[c] = in->conf_head[in->conf[c].student];
        in->conf_head[in->conf[c].student] = c;
    }
}

/* `conflicts` per 1,000 students (rounded up), each between a student and
 * a mentor of a multi-mentor idea the student applied to; fewer where too
 * few such pairs keep every application eligible. */
static int gen_conflicts(mm_gen_instance *in)
{
    uint32_t S = in->students, K = in->apps;
    uint64_t per_million = (uint64_t)(in->o.conflicts * 1000.0 + 0.5);
    uint32_t want = (uint32_t)(((uint64_t)S * per_million + 999999) / 1000000);
    mm_rng r = mm_rng_stream(in->o.seed, MM_GEN_PHASE_CONFLICTS);

    in->conf = mm_malloc(((size_t)want + 1) * sizeof *in->conf);
    in->conf_next = mm_malloc(((size_t)want + 1) * sizeof *in->conf_next);
    in->conf_head = mm_malloc(((size_t)S + 1) * sizeof *in->conf_head);
    if (!in->conf || !in->conf_next || !in->conf_head)
        return MM_ENOMEM;
    for (uint32_t s = 0; s < S; s++)
        in->conf_head[s] = MM_GEN_NONE;
    if (!S || !K)
        return 0;
    for (uint64_t tries = 0; in->nconf < want && tries < 100 * (uint64_t)want + 1000; tries++) {
        uint32_t s = (uint32_t)mm_rng_below(&r, S);
        const mm_gen_idea *d = &in->idea[in->app[(size_t)s * K + mm_rng_below(&r, K)]];
        uint32_t m;
        if (d->nmentors < 2)
            continue;
        m = d->mentor[mm_rng_below(&r, d->nmentors)];
        if (conflict_ok(in, m, s))
            add_conflict(in, m, s);
    }
    sort_conflicts(in);
    return 0;
}

/* ---------------------------------------------------- attributes -- */

/* Every student gets a university of the pool by a Zipf law (uni01 the
 * largest) and first_time true with the given share, independent of each
 * other and of everything else: each from a stream of its own, drawn last,
 * so a document without them is what it was before they existed. */
static int gen_attributes(mm_gen_instance *in)
{
    uint32_t S = in->students;
    mm_rng ru = mm_rng_stream(in->o.seed, MM_GEN_PHASE_UNIVERSITY);
    mm_rng rf = mm_rng_stream(in->o.seed, MM_GEN_PHASE_FIRST_TIME);
    mm_share first = mm_share_of(in->o.first_time > 0 ? in->o.first_time : 0, 10);
    mm_cdf uc = {NULL, 0};

    if (in->o.universities &&
        (!(in->university = mm_malloc(((size_t)S + 1) * sizeof *in->university)) ||
         mm_cdf_zipf(&uc, (uint32_t)in->o.universities, in->o.university_zipf)))
        return MM_ENOMEM;
    if (in->o.first_time >= 0 && !(in->first_time = mm_malloc((size_t)S + 1))) {
        mm_cdf_dispose(&uc);
        return MM_ENOMEM;
    }
    for (uint32_t s = 0; s < S; s++) {
        if (in->university)
            in->university[s] = mm_cdf_draw(&uc, &ru);
        if (in->first_time)
            in->first_time[s] = (uint8_t)mm_rng_chance(&rf, first.num, first.den);
    }
    mm_cdf_dispose(&uc);
    return 0;
}

/* Student s's value of quota k's attribute as a slot of the counts: a
 * university's rank, or `universities` + first_time. */
static size_t slot_of(const mm_gen_instance *in, size_t k, uint32_t s)
{
    if (!strcmp(in->o.quotas[k].attribute, "university"))
        return in->university[s];
    return in->o.universities + in->first_time[s];
}

static void set_slot(mm_gen_instance *in, size_t k, uint32_t s, size_t slot)
{
    if (!strcmp(in->o.quotas[k].attribute, "university"))
        in->university[s] = (uint32_t)slot;
    else
        in->first_time[s] = (uint8_t)(slot - in->o.universities);
}

static size_t named_slot(const mm_gen_instance *in, size_t k)
{
    long v = mm_gen_quota_value(&in->o, k);

    return !strcmp(in->o.quotas[k].attribute, "university") ? (size_t)v
                                                            : in->o.universities + (size_t)v;
}

/* A value a quota names that the draws gave nobody goes to one student, so
 * that no quota counts nobody (a warning): the first student from a drawn
 * place on who is not the only one with another named value. There is one:
 * mm_generate_check asks for as many students as named values. */
static int cover_named_values(mm_gen_instance *in)
{
    size_t n = in->o.universities + 2;
    uint32_t *count = mm_calloc(n, sizeof *count), S = in->students;
    uint8_t *named = mm_calloc(n, 1);
    mm_rng r = mm_rng_stream(in->o.seed, MM_GEN_PHASE_COVER);

    if (!count || !named) {
        mm_free(count);
        mm_free(named);
        return MM_ENOMEM;
    }
    for (uint32_t s = 0; s < S; s++) {
        if (in->university)
            count[in->university[s]]++;
        if (in->first_time)
            count[in->o.universities + in->first_time[s]]++;
    }
    for (size_t k = 0; k < in->o.n_quotas; k++)
        if (mm_gen_quota_value(&in->o, k) >= 0)
            named[named_slot(in, k)] = 1;
    for (size_t k = 0; k < in->o.n_quotas; k++) {
        size_t want, had;
        uint32_t s;
        if (mm_gen_quota_value(&in->o, k) < 0 || count[want = named_slot(in, k)])
            continue;
        for (s = (uint32_t)mm_rng_below(&r, S); named[had = slot_of(in, k, s)] && count[had] == 1;
             s = (s + 1) % S)
            ;
        count[had]--;
        count[want]++;
        set_slot(in, k, s, want);
    }
    mm_free(count);
    mm_free(named);
    return 0;
}

/* ------------------------------------------------------ the whole -- */

static int digits(uint32_t n)
{
    int d = 1;

    for (; n >= 10; n /= 10)
        d++;
    return d;
}

static void instance_dispose(mm_gen_instance *in)
{
    mm_free(in->capacity);
    mm_free(in->min_load);
    mm_free(in->mentor_org);
    mm_free(in->org_mstart);
    mm_free(in->org_mlist);
    mm_free(in->idea);
    mm_free(in->pop_order);
    mm_free(in->org_slots);
    mm_free(in->sk);
    mm_free(in->app);
    mm_free(in->app_count);
    mm_free(in->conf);
    mm_free(in->conf_head);
    mm_free(in->conf_next);
    mm_free(in->university);
    mm_free(in->first_time);
}

static void instance_init(mm_gen_instance *in, const mm_generate_options *opts)
{
    memset(in, 0, sizeof *in);
    in->o = *opts;
    in->students = (uint32_t)opts->students;
    in->ideas = (uint32_t)opts->ideas;
    in->mentors = (uint32_t)opts->mentors;
    in->orgs = (uint32_t)opts->orgs;
    in->apps = (uint32_t)opts->apps;
    in->wid_s = digits(in->students);
    in->wid_i = digits(in->ideas);
    in->wid_m = digits(in->mentors);
    in->wid_o = digits(in->orgs);
    in->wid_u = digits((uint32_t)opts->universities);
}

int mm_generate(const mm_generate_options *opts, FILE *out)
{
    mm_generate_options sized;
    mm_gen_instance in;
    int rc;

    if (!opts)
        opts = &DEFAULTS;
    if ((rc = mm_generate_check(opts, NULL, 0)) != 0)
        return rc;
    sized = *opts;
    mm_gen_resolve(&sized);
    instance_init(&in, &sized);
    if (!(rc = gen_mentors(&in)) && !(rc = gen_ideas(&in)) && !(rc = gen_students(&in)) &&
        !(rc = gen_min_load(&in)) && !(rc = gen_conflicts(&in)) && !(rc = gen_attributes(&in)) &&
        !(rc = cover_named_values(&in)))
        rc = mm_gen_write(&in, out);
    instance_dispose(&in);
    return rc;
}
