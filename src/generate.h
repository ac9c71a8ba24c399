/* The generator behind mm_generate: options checked (generate_check.c), a
 * seeded random instance built in memory (generate.c) from deterministic
 * random numbers (gen_random.c), then written as JSON (generate_write.c). */
#ifndef MM_GENERATE_PRIV_H
#define MM_GENERATE_PRIV_H

#include <stdint.h>
#include <stdio.h>

#include "mentormatch/generate.h"

/* ------------------------------------------------ random numbers -- */

/* splitmix64: integer-only, so the same seed gives the same numbers
 * everywhere. */
typedef struct {
    uint64_t s;
} mm_rng;

/* A stream of its own for each phase of generation (seed mixed with the
 * phase), so changing one parameter leaves the other phases' draws alone. */
mm_rng mm_rng_stream(uint64_t seed, uint64_t phase);
enum {
    MM_GEN_PHASE_MENTORS = 1,
    MM_GEN_PHASE_IDEAS,
    MM_GEN_PHASE_STUDENTS,
    MM_GEN_PHASE_CONFLICTS,
    MM_GEN_PHASE_RATINGS,
    MM_GEN_PHASE_UNIVERSITY, /* later phases: new draws leave the earlier ones as they were */
    MM_GEN_PHASE_FIRST_TIME,
    MM_GEN_PHASE_COVER
};
uint64_t mm_rng_next(mm_rng *r);
/* Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for our n. */
uint64_t mm_rng_below(mm_rng *r, uint64_t n);
/* 1 with probability num/den. */
int mm_rng_chance(mm_rng *r, uint64_t num, uint64_t den);
void mm_rng_shuffle(mm_rng *r, uint32_t *a, uint32_t n);

/* A probability num/den, den a power of ten from `min_den` up to 10^6: the
 * smallest that holds `share` to six decimal places. */
typedef struct {
    uint64_t num, den;
} mm_share;

mm_share mm_share_of(double share, uint64_t min_den);
/* round(count * share) to whole numbers, halves up, exactly. */
uint64_t mm_share_round(uint64_t count, double share);
/* floor(count * share), exactly. */
uint64_t mm_share_floor(uint64_t count, double share);

/* A discrete distribution over [0, n) with integer weights, drawn by binary
 * search over the cumulative sums. */
typedef struct {
    uint64_t *cum;
    uint32_t n;
} mm_cdf;

/* Zipf: P(r) ~ (r + 1)^-s, each weight scaled to an integer >= 1.
 * @return 0 or MM_ENOMEM. */
int mm_cdf_zipf(mm_cdf *c, uint32_t n, double s);
uint32_t mm_cdf_draw(const mm_cdf *c, mm_rng *r);
void mm_cdf_dispose(mm_cdf *c);

/* ------------------------------------------------------- options -- */

/* The options with MM_GENERATE_DERIVE replaced by the derived sizes (left
 * as they are where the size they derive from is already out of range). */
void mm_gen_resolve(mm_generate_options *o);

/* The value quota k names as a number: a university's rank from 0, or
 * first_time's 0 or 1; -1 for none. The quota has passed the checks. */
long mm_gen_quota_value(const mm_generate_options *o, size_t k);

/* The id of quota k: its own, or "q" and k + 1 written into `buf`. */
const char *mm_gen_quota_id(const mm_generate_options *o, size_t k, char buf[24]);

/* ------------------------------------------------------ instance -- */

typedef struct {
    uint8_t n;
    uint16_t skill[MM_GENERATE_MAX_SKILLS];
    uint8_t level[MM_GENERATE_MAX_SKILLS];
} mm_gen_skills;

typedef struct {
    uint32_t mentor[3];
    uint8_t nmentors, impact;
    uint16_t slots;
    int32_t org; /* -1: none */
    mm_gen_skills req;
} mm_gen_idea;

typedef struct {
    uint32_t mentor, student;
} mm_gen_conflict;

#define MM_GEN_NONE UINT32_MAX

typedef struct {
    mm_generate_options o;
    uint32_t students, ideas, mentors, orgs, apps;
    int wid_s, wid_i, wid_m, wid_o, wid_u; /* digits of the ids' (and universities') numbers */
    /* mentors */
    uint16_t *capacity;
    uint8_t *min_load;
    int32_t *mentor_org;
    uint32_t *org_mstart, *org_mlist; /* org -> its mentors (CSR) */
    /* ideas */
    mm_gen_idea *idea;
    uint32_t *pop_order; /* pop_order[r]: the idea of popularity rank r */
    uint32_t *org_slots;
    /* students */
    mm_gen_skills *sk;
    uint32_t *app;       /* students x apps, in rank order */
    uint32_t *app_count; /* applications per idea */
    /* conflicts, with a list per student: conf_head[s], then conf_next[c] */
    mm_gen_conflict *conf;
    uint32_t nconf, *conf_head, *conf_next;
    uint32_t program_slots;
    /* attributes, NULL where not generated: university rank, first_time */
    uint32_t *university;
    uint8_t *first_time;
} mm_gen_instance;

/* Whether mentor m is in conflict with student s. */
int mm_gen_in_conflict(const mm_gen_instance *in, uint32_t m, uint32_t s);

/* Write the instance as an input document. @return 0 or MM_EIO. */
int mm_gen_write(const mm_gen_instance *in, FILE *f);

#endif
