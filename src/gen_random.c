/* Deterministic random numbers for the generator. The same seed must give
 * the same document on every platform: randomness is integer-only
 * (splitmix64), probabilities are integer fractions, and the one
 * transcendental function used (the Zipf weight r^-s) is computed here with
 * + - * / only, then rounded to an integer weight. No libm. */
#include "generate.h"

#include "alloc.h"

/* Clang contracts a * b + c into one fused instruction by default where the
 * target has one (GCC does not under -std=c11): rounded once instead of
 * twice, a Zipf weight could come out one unit different, and so the
 * documents between machines. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

uint64_t mm_rng_next(mm_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

mm_rng mm_rng_stream(uint64_t seed, uint64_t phase)
{
    mm_rng r = {seed * 0xD1B54A32D192ED03ULL + phase * 0x8CB92BA72F3D8DD7ULL};

    mm_rng_next(&r);
    return r;
}

uint64_t mm_rng_below(mm_rng *r, uint64_t n)
{
    return mm_rng_next(r) % n;
}

int mm_rng_chance(mm_rng *r, uint64_t num, uint64_t den)
{
    return mm_rng_below(r, den) < num;
}

void mm_rng_shuffle(mm_rng *r, uint32_t *a, uint32_t n)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = (uint32_t)mm_rng_below(r, i), t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

mm_share mm_share_of(double share, uint64_t min_den)
{
    mm_share f = {0, min_den};

    /* 0.7 stays 7/10 rather than 700000/10^6: a smaller denominator draws
     * other numbers, and the benchmark's instances were made with 7/10. */
    for (;; f.den *= 10) {
        double scaled = share * (double)f.den;
        f.num = (uint64_t)(scaled + 0.5);
        double off = (double)f.num - scaled;
        if (f.den >= 1000000 || (off < 1e-6 && off > -1e-6))
            return f;
    }
}

/* A share in parts per 10^9: exact for the defaults (0.9, 0.8, 1/128), so
 * the counts below need no floating point. */
static uint64_t per_billion(double share)
{
    return (uint64_t)(share * 1e9 + 0.5);
}

uint64_t mm_share_round(uint64_t count, double share)
{
    return (count * per_billion(share) + 500000000u) / 1000000000u;
}

uint64_t mm_share_floor(uint64_t count, double share)
{
    return count * per_billion(share) / 1000000000u;
}

#define LN2 0.69314718055994530942

/* ln(n) for an integer n >= 1. */
static double det_log(uint64_t n)
{
    int e = 0;
    double m = (double)n, t, t2, term, sum = 0.0;

    while (m >= 1.0) { /* exact: m ends in [0.5, 1) */
        m *= 0.5;
        e++;
    }
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e--;
    }
    t = (m - 1.0) / (m + 1.0);
    t2 = t * t;
    term = t;
    for (int k = 1; k <= 41; k += 2) {
        sum += term / k;
        term *= t2;
    }
    return e * LN2 + 2.0 * sum;
}

/* e^x for x <= 0. */
static double det_exp(double x)
{
    double sum = 1.0, term = 1.0;
    int k = 0;

    if (x < -700.0)
        return 0.0;
    while (x < -0.5 * LN2) { /* e^x = e^r * 2^-k */
        x += LN2;
        k++;
    }
    for (int i = 1; i <= 24; i++) {
        term *= x / i;
        sum += term;
    }
    while (k-- > 0)
        sum *= 0.5;
    return sum;
}

int mm_cdf_zipf(mm_cdf *c, uint32_t n, double s)
{
    uint64_t acc = 0;

    c->n = n;
    c->cum = mm_malloc((n ? n : 1) * sizeof *c->cum);
    if (!c->cum)
        return MM_ENOMEM;
    for (uint32_t r = 0; r < n; r++) {
        double w = det_exp(-s * det_log((uint64_t)r + 1));
        acc += (uint64_t)(w * 4294967296.0) + 1; /* 2^32 scale; every rank possible */
        c->cum[r] = acc;
    }
    return 0;
}

uint32_t mm_cdf_draw(const mm_cdf *c, mm_rng *r)
{
    uint64_t u = mm_rng_below(r, c->cum[c->n - 1]);
    uint32_t lo = 0, hi = c->n - 1; /* the first cum > u */

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->cum[mid] > u)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

void mm_cdf_dispose(mm_cdf *c)
{
    mm_free(c->cum);
    c->cum = NULL;
}
