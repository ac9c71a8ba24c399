/* stable-optimal on hospitals/residents instances (src/stable_hr.h): the
 * integral LP of the cloned instance and the exact rows alone both give
 * the best stable matching, found by enumerating every matching of
 * hundreds of small random instances. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentormatch.h"
#include "model.h"
#include "stability.h"
#include "stable_hr.h"
#include "strategy.h"

enum { INSTANCES = 600, MAX_VARS = 16, MAX_STUDENTS = 6, MAX_IDEAS = 5, MAX_MENTORS = 3 };

typedef struct {
    mm_diags *diags;
    mm_problem *p;
    mm_model m;
    double *score;
} instance;

static uint64_t rng_state;

static unsigned next_random(unsigned bound)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return (unsigned)((z ^ (z >> 31)) % bound);
}

typedef struct {
    char text[1 << 14];
    size_t len;
} buffer;

static void put(buffer *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(b->text + b->len, sizeof b->text - b->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && b->len + (size_t)n < sizeof b->text);
    b->len += (size_t)n;
}

/* One mentor per idea, slots mostly at least the mentor's capacity, no
 * org or program slots, each student applying to a mentor at most once;
 * some instances leave the shape (an idea below its mentor's capacity). */
static void make_instance(buffer *b)
{
    int n_students = 1 + (int)next_random(MAX_STUDENTS), n_ideas = 1 + (int)next_random(MAX_IDEAS);
    int n_mentors = 1 + (int)next_random(MAX_MENTORS), mentor_of[MAX_IDEAS], listed = 0;
    unsigned capacity[MAX_MENTORS];

    b->len = 0;
    put(b, "{\"settings\": {\"default_rating\": %s},\n \"mentors\": [",
        next_random(3) ? "null" : "2");
    for (int m = 0; m < n_mentors; m++) {
        capacity[m] = 1 + next_random(3);
        put(b, "%s{\"id\": \"m%d\", \"capacity\": %u}", m ? ", " : "", m, capacity[m]);
    }
    put(b, "],\n \"ideas\": [");
    for (int i = 0; i < n_ideas; i++) {
        unsigned cap = capacity[mentor_of[i] = (int)next_random((unsigned)n_mentors)];
        put(b, "%s{\"id\": \"i%d\", \"slots\": %u, \"mentors\": [\"m%d\"]}", i ? ", " : "", i,
            next_random(4) ? cap + next_random(2) : next_random(cap + 1), mentor_of[i]);
    }
    put(b, "],\n \"students\": [");
    for (int s = 0; s < n_students; s++) {
        int used[MAX_MENTORS] = {0}, start = (int)next_random((unsigned)n_ideas), n = 0;
        put(b, "%s{\"id\": \"s%s%d\", \"applications\": [", s ? ", " : "", s % 2 ? "1" : "", s);
        for (int k = 0; k < n_ideas && n < 3; k++) {
            int i = (start + k * 2) % n_ideas;
            if (used[mentor_of[i]] || next_random(4) == 0)
                continue;
            used[mentor_of[i]] = 1;
            put(b, "%s{\"idea\": \"i%d\"}", n++ ? ", " : "", i);
        }
        put(b, "]}");
    }
    put(b, "],\n \"ratings\": [");
    for (int s = 0; s < n_students; s++)
        for (int i = 0; i < n_ideas; i++)
            if (next_random(2))
                put(b, "%s{\"mentor\": \"m%d\", \"student\": \"s%s%d\", \"idea\": \"i%d\", "
                       "\"score\": %u}", listed++ ? ", " : "", mentor_of[i], s % 2 ? "1" : "",
                    s, i, 1 + next_random(5));
    put(b, "]}");
}

/* Applications of a student to ideas they did not apply to are warnings,
 * never errors: ratings are written for every pair and some are unused. */
static int load(instance *in, const char *json)
{
    memset(in, 0, sizeof *in);
    assert_int_equal(mm_diags_new(&in->diags), 0);
    if (mm_problem_read_buffer(&in->p, json, strlen(json), NULL, in->diags) != 0) {
        mm_diags_free(in->diags);
        return 0;
    }
    assert_int_equal(mm_model_build(&in->m, in->p), 0);
    assert_non_null(in->score = mm_model_scores(&in->m, in->p));
    return 1;
}

static void unload(instance *in)
{
    free(in->score);
    mm_model_dispose(&in->m);
    mm_problem_free(in->p);
    mm_diags_free(in->diags);
}

static int breaks_a_cap(const instance *in, const unsigned char *chosen)
{
    for (size_t r = 0; r < in->m.n_rows; r++) {
        const mm_row *row = &in->m.rows[r];
        int64_t sum = 0;
        for (uint32_t k = 0; k < row->count; k++)
            sum += chosen[in->m.row_vars[row->begin + k]];
        if (sum < row->lo || (row->hi != MM_NO_LIMIT && sum > row->hi))
            return 1;
    }
    return 0;
}

typedef struct {
    int any;
    size_t count;
    double score;
} best;

static size_t value_of(const instance *in, const unsigned char *chosen, double *score)
{
    size_t count = 0;

    *score = 0;
    for (uint32_t v = 0; v < in->m.n_vars; v++)
        if (chosen[v]) {
            count++;
            *score += in->score[v];
        }
    return count;
}

/* Every choice of at most one variable per student; the best stable one. */
static void enumerate(const instance *in, uint32_t s, unsigned char *chosen, best *b)
{
    const mm_student *st;
    uint32_t first, last;

    if (s == in->p->n_students) {
        size_t count, blocking;
        double score;
        if (breaks_a_cap(in, chosen))
            return;
        assert_int_equal(mm_blocking_pairs(&blocking, NULL, 0, in->p, &in->m, chosen), 0);
        count = value_of(in, chosen, &score);
        if (blocking == 0 && (!b->any || count > b->count ||
                              (count == b->count && score > b->score + 1e-9)))
            *b = (best){1, count, score};
        return;
    }
    st = &in->p->students[s];
    first = in->m.app_first_var[st->app_begin];
    last = in->m.app_first_var[st->app_begin + st->app_count];
    enumerate(in, s + 1, chosen, b);
    for (uint32_t v = first; v < last; v++) {
        chosen[v] = 1;
        enumerate(in, s + 1, chosen, b);
        chosen[v] = 0;
    }
}

/* One way of solving against the enumeration: optimal, stable, the best. */
static void check_method(const instance *in, const best *b, int use_hr, int hr, const char *json)
{
    mm_glpk_limits limits = {0};
    mm_strategy_input input = {in->p, &in->m, in->score, 0, &limits, MM_SOLVER_AUTO, NULL};
    mm_strategy_output out = {calloc(in->m.n_vars + 1, 1), MM_STATUS_OPTIMAL, 0, 0, -1, NULL};
    size_t count, blocking;
    double score;
    int rc, by_lp;

    assert_non_null(out.chosen);
    rc = mm_stable_optimal_run(&input, &out, use_hr, &by_lp);
    /* The LP answers every instance of its shape itself, no fallback. */
    if (rc == 0 && by_lp != (use_hr && hr))
        fail_msg("%s: answered by the LP %d, of the shape %d\n%s", use_hr ? "LP" : "rows", by_lp,
                 hr, json);
    if (rc != 0 || out.status != MM_STATUS_OPTIMAL)
        fail_msg("%s: rc %d status %d\n%s", use_hr ? "LP" : "rows", rc, (int)out.status, json);
    assert_int_equal(mm_blocking_pairs(&blocking, NULL, 0, in->p, &in->m, out.chosen), 0);
    count = value_of(in, out.chosen, &score);
    if (blocking != 0 || breaks_a_cap(in, out.chosen) || count != b->count ||
        fabs(score - b->score) > 1e-9)
        fail_msg("%s: (%zu, %.12g) with %zu blocking; best stable (%zu, %.12g)\n%s",
                 use_hr ? "LP" : "rows", count, score, blocking, b->count, b->score, json);
    free(out.chosen);
}

static void test_both_methods_give_the_best_stable_matching(void **state)
{
    static buffer b;
    int applied = 0, other = 0;

    (void)state;
    rng_state = 1989;
    for (int n = 0; n < INSTANCES; n++) {
        instance in;
        best found = {0};
        mm_stability st;
        unsigned char *scratch;
        int hr;
        make_instance(&b);
        if (!load(&in, b.text))
            fail_msg("invalid instance\n%s", b.text);
        if (in.m.n_vars > MAX_VARS) {
            unload(&in);
            continue;
        }
        assert_int_equal(mm_stability_init(&st, in.p, &in.m), 0);
        hr = mm_stable_hr_applies(&st);
        mm_stability_dispose(&st);
        assert_non_null(scratch = calloc(in.m.n_vars + 1, 1));
        enumerate(&in, 0, scratch, &found);
        /* Hospitals/residents always has a stable matching. */
        if (hr && !found.any)
            fail_msg("no stable matching\n%s", b.text);
        if (found.any) {
            check_method(&in, &found, 1, hr, b.text);
            check_method(&in, &found, 0, hr, b.text);
        }
        applied += hr;
        other += !hr;
        free(scratch);
        unload(&in);
    }
    printf("the LP and the exact rows equal the best stable matching on %d hospitals/residents "
           "instances (and %d others, the rows alone)\n", applied, other);
    assert_true(applied >= INSTANCES / 2 && other > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_methods_give_the_best_stable_matching),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
