/* The greedy, rsd and stable strategies and the blocking-pair count
 * (docs/strategies.md):
 *  - stable on the worked example of Abraham, Irving and Manlove (2007);
 *  - stable leaves no blocking pair, and is student-optimal (checked by
 *    enumerating every matching), when no cap is shared between mentors;
 *  - the blocking-pair count agrees with a direct O(n^2) reading of the
 *    definition on random choices, caps shared or not;
 *  - greedy and rsd never break an upper cap, and every status is right;
 *  - greedy follows its order (hand-made cases and an independent re-run);
 *  - rsd repeats itself for one seed, differs across seeds, and its order
 *    for one seed is pinned, so a platform that shuffles differently fails.
 * Strategies are called directly on the model, so instances whose fixed
 * pairs or min_loads cannot hold are tested too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "mentormatch.h"
#include "model.h"
#include "stability.h"
#include "stable_hr.h"
#include "stable_reduce.h"
#include "stable_rotation.h"
#include "strategy.h"

/* rsd's order of s0..s7 for seed 3 (see test_rsd_order_for_a_seed_is_pinned). */
#define RSD_SEED_3 "s0=i1 s1=i2 s2=i4 s3=i6 s4=i3 s5=i7 s6=i5 s7=i0"

/* ------------------------------------------------------------ instances */

typedef struct {
    mm_diags *diags;
    mm_problem *p;
    mm_model m;
    double *score;
} instance;

static void load(instance *in, const char *json)
{
    memset(in, 0, sizeof *in);
    assert_int_equal(mm_diags_new(&in->diags), 0);
    if (mm_problem_read_buffer(&in->p, json, strlen(json), NULL, in->diags) != 0)
        fail_msg("invalid instance: %s\n%s",
                 mm_diags_count(in->diags) ? mm_diags_get(in->diags, 0)->message : "?", json);
    assert_int_equal(mm_model_build(&in->m, in->p), 0);
    in->score = mm_model_scores(&in->m, in->p);
    assert_non_null(in->score);
}

static void unload(instance *in)
{
    free(in->score);
    mm_model_dispose(&in->m);
    mm_problem_free(in->p);
    mm_diags_free(in->diags);
}

/* Run a strategy; `chosen` gets n_vars + 1 bytes, owned by the caller. */
static mm_status run(const instance *in, mm_strategy_fn fn, unsigned long long seed,
                     unsigned char **chosen)
{
    mm_strategy_input input = {in->p, &in->m, in->score, seed, NULL, MM_SOLVER_AUTO, NULL};
    mm_strategy_output out = {calloc(in->m.n_vars + 1, 1), MM_STATUS_OPTIMAL, 0, 0, -1, NULL};

    assert_non_null(out.chosen);
    assert_int_equal(fn(&input, &out), 0);
    *chosen = out.chosen;
    return out.status;
}

static size_t blocking(const instance *in, const unsigned char *chosen)
{
    size_t count;

    assert_int_equal(mm_blocking_pairs(&count, NULL, 0, in->p, &in->m, chosen), 0);
    return count;
}

/* "s1=p1 s2=p5": every chosen variable, as student=idea in variable order. */
static void describe(const instance *in, const unsigned char *chosen, char *out, size_t size)
{
    size_t len = 0;

    out[0] = '\0';
    for (uint32_t v = 0; v < in->m.n_vars; v++)
        if (chosen[v])
            len += (size_t)snprintf(out + len, size - len, "%s%s=%s", len ? " " : "",
                                    in->p->students[in->m.vars[v].student].id,
                                    in->p->ideas[in->p->apps[in->m.vars[v].app].idea].id);
}

/* ------------------------------------------------------ the paper's example */

/* Abraham, Irving and Manlove (2007), the worked example: students s1..s7
 * with their preference lists; projects p1..p8 (p1 holds 2, the others 1);
 * lecturer l1 (capacity 3) offers p1-p3 and ranks s7 s4 s1 s3 s2 s5 s6,
 * l2 (2) offers p4-p6 and ranks s3 s2 s6 s7 s5, l3 (2) offers p7-p8 and
 * ranks s1 s7. A lecturer's ranking is encoded as the score she gives to
 * every application to her projects (best first: 7, 6, ...), so a mentor's
 * best mean rating of a student orders them as the paper does. */
static const char PAPER[] =
    "{\"settings\": {\"rating_scale\": [1, 7]},"
    " \"mentors\": [{\"id\": \"l1\", \"capacity\": 3}, {\"id\": \"l2\", \"capacity\": 2},"
    "               {\"id\": \"l3\", \"capacity\": 2}],"
    " \"ideas\": [{\"id\": \"p1\", \"mentors\": [\"l1\"], \"slots\": 2},"
    "            {\"id\": \"p2\", \"mentors\": [\"l1\"]}, {\"id\": \"p3\", \"mentors\": [\"l1\"]},"
    "            {\"id\": \"p4\", \"mentors\": [\"l2\"]}, {\"id\": \"p5\", \"mentors\": [\"l2\"]},"
    "            {\"id\": \"p6\", \"mentors\": [\"l2\"]}, {\"id\": \"p7\", \"mentors\": [\"l3\"]},"
    "            {\"id\": \"p8\", \"mentors\": [\"l3\"]}],"
    " \"students\": ["
    "  {\"id\": \"s1\", \"applications\": [{\"idea\": \"p1\"}, {\"idea\": \"p7\"}]},"
    "  {\"id\": \"s2\", \"applications\": [{\"idea\": \"p1\"}, {\"idea\": \"p2\"}, {\"idea\": \"p3\"},"
    "                                    {\"idea\": \"p4\"}, {\"idea\": \"p5\"}, {\"idea\": \"p6\"}]},"
    "  {\"id\": \"s3\", \"applications\": [{\"idea\": \"p2\"}, {\"idea\": \"p1\"}, {\"idea\": \"p4\"}]},"
    "  {\"id\": \"s4\", \"applications\": [{\"idea\": \"p2\"}]},"
    "  {\"id\": \"s5\", \"applications\": [{\"idea\": \"p1\"}, {\"idea\": \"p2\"}, {\"idea\": \"p3\"},"
    "                                    {\"idea\": \"p4\"}]},"
    "  {\"id\": \"s6\", \"applications\": [{\"idea\": \"p2\"}, {\"idea\": \"p3\"}, {\"idea\": \"p4\"},"
    "                                    {\"idea\": \"p5\"}, {\"idea\": \"p6\"}]},"
    "  {\"id\": \"s7\", \"applications\": [{\"idea\": \"p5\"}, {\"idea\": \"p3\"}, {\"idea\": \"p8\"}]}],"
    " \"ratings\": [";

/* (lecturer, student, score): the lecturer's list, best first. */
static const struct {
    const char *mentor, *student;
    int score;
} PAPER_LISTS[] = {
    {"l1", "s7", 7}, {"l1", "s4", 6}, {"l1", "s1", 5}, {"l1", "s3", 4}, {"l1", "s2", 3},
    {"l1", "s5", 2}, {"l1", "s6", 1}, {"l2", "s3", 5}, {"l2", "s2", 4}, {"l2", "s6", 3},
    {"l2", "s7", 2}, {"l2", "s5", 1}, {"l3", "s1", 2}, {"l3", "s7", 1},
};

/* Ratings: each lecturer scores each application of a student to her projects. */
static void paper_instance(char *out, size_t size)
{
    static const char *const offers[3][3] = {{"p1", "p2", "p3"}, {"p4", "p5", "p6"}, {"p7", "p8", NULL}};
    const char *applied[8][6] = {{"p1", "p7"}, {"p1", "p2", "p3", "p4", "p5", "p6"},
                                 {"p2", "p1", "p4"}, {"p2"}, {"p1", "p2", "p3", "p4"},
                                 {"p2", "p3", "p4", "p5", "p6"}, {"p5", "p3", "p8"}};
    size_t len = (size_t)snprintf(out, size, "%s", PAPER), listed = 0;

    for (size_t k = 0; k < sizeof PAPER_LISTS / sizeof *PAPER_LISTS; k++) {
        int l = PAPER_LISTS[k].mentor[1] - '1', s = PAPER_LISTS[k].student[1] - '1';
        for (int a = 0; a < 6 && applied[s][a]; a++)
            for (int j = 0; j < 3 && offers[l][j]; j++)
                if (strcmp(applied[s][a], offers[l][j]) == 0)
                    len += (size_t)snprintf(out + len, size - len,
                                            "%s{\"mentor\": \"%s\", \"student\": \"%s\", "
                                            "\"idea\": \"%s\", \"score\": %d}",
                                            listed++ ? ", " : "", PAPER_LISTS[k].mentor,
                                            PAPER_LISTS[k].student, applied[s][a],
                                            PAPER_LISTS[k].score);
    }
    snprintf(out + len, size - len, "]}");
}

/* SPA-student's matching for the example: s1-p1, s2-p5, s3-p4, s4-p2 and
 * s7-p3; s5 and s6 unassigned. It is the example's only stable matching
 * (every matching enumerated against the paper's definition), hence the
 * student-optimal one. */
static void test_stable_finds_the_papers_student_optimal_matching(void **state)
{
    char json[8192], got[512];
    instance in;
    unsigned char *chosen;
    mm_status status;

    (void)state;
    paper_instance(json, sizeof json);
    load(&in, json);
    status = run(&in, mm_strategy_stable, 0, &chosen);
    describe(&in, chosen, got, sizeof got);
    printf("paper example: expected s1=p1 s2=p5 s3=p4 s4=p2 s7=p3, got %s\n", got);
    assert_string_equal(got, "s1=p1 s2=p5 s3=p4 s4=p2 s7=p3");
    assert_int_equal(status, MM_STATUS_FEASIBLE);
    assert_int_equal(blocking(&in, chosen), 0);
    free(chosen);
    unload(&in);
}

/* The same through the public API, as `mentormatch solve --strategy stable`. */
static void test_stable_through_the_public_api(void **state)
{
    static const char *const expected[][2] = {{"s1", "p1"}, {"s2", "p5"}, {"s3", "p4"},
                                              {"s4", "p2"}, {"s7", "p3"}};
    char json[8192];
    mm_diags *diags = NULL;
    mm_problem *p = NULL;
    mm_result *r = NULL;
    mm_solve_options opts = MM_SOLVE_OPTIONS_INIT;

    (void)state;
    paper_instance(json, sizeof json);
    opts.strategy = MM_STRATEGY_STABLE;
    assert_int_equal(mm_diags_new(&diags), 0);
    assert_int_equal(mm_problem_read_buffer(&p, json, strlen(json), NULL, diags), 0);
    assert_int_equal(mm_solve(&r, p, &opts, diags), 0);
    assert_int_equal(mm_result_assignment_count(r), 5);
    for (size_t k = 0; k < 5; k++) {
        assert_string_equal(mm_result_assignment(r, k)->student, expected[k][0]);
        assert_string_equal(mm_result_assignment(r, k)->idea, expected[k][1]);
    }
    mm_result_free(r);
    mm_problem_free(p);
    mm_diags_free(diags);
}

/* A fixed pair holds its place against a student its mentor ranks higher. */
static void test_stable_never_displaces_a_fixed_pair(void **state)
{
    instance in;
    unsigned char *chosen;
    char got[128];

    (void)state;
    load(&in, "{\"mentors\": [{\"id\": \"m\"}], \"ideas\": [{\"id\": \"x\", \"mentors\": [\"m\"]}],"
              " \"students\": [{\"id\": \"a\", \"applications\": [{\"idea\": \"x\"}]},"
              "{\"id\": \"b\", \"applications\": [{\"idea\": \"x\"}]}],"
              " \"ratings\": [{\"mentor\": \"m\", \"student\": \"b\", \"idea\": \"x\", \"score\": 5},"
              "{\"mentor\": \"m\", \"student\": \"a\", \"idea\": \"x\", \"score\": 1}],"
              " \"fixed\": [{\"student\": \"a\", \"idea\": \"x\"}]}");
    assert_int_equal(run(&in, mm_strategy_stable, 0, &chosen), MM_STATUS_FEASIBLE);
    describe(&in, chosen, got, sizeof got);
    assert_string_equal(got, "a=x");
    assert_int_equal(blocking(&in, chosen), 0); /* b's envy is not a blocking pair */
    free(chosen);
    unload(&in);
}

/* ------------------------------------------------------ random instances */

static uint64_t rng_state;

static unsigned next_random(unsigned bound)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return (unsigned)((z ^ (z >> 31)) % bound);
}

typedef struct {
    char *text;
    size_t len, cap;
} buffer;

static void put(buffer *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(b->text + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && b->len + (size_t)n < b->cap);
    b->len += (size_t)n;
}

enum { MAX_STUDENTS = 6, MAX_IDEAS = 4, MAX_MENTORS = 3 };

/* What the generator decided, to write ratings, conflicts and pairs. */
typedef struct {
    int n_students, n_ideas, n_mentors;
    int idea_mentors[MAX_IDEAS][2], n_idea_mentors[MAX_IDEAS];
    int apps[MAX_STUDENTS][MAX_IDEAS], n_apps[MAX_STUDENTS];
    int conflict[MAX_MENTORS][MAX_STUDENTS];
    int tight; /* few places, every cap present, everyone rated: caps bind */
} shape;

/* Kinds of instance: anything; the paper's setting; shared caps that bind. */
enum { MIXED, LAMINAR, TIGHT };

/* laminar: one mentor per idea, no org or program slots (the paper's
 * setting); pairs: fixed and forbidden pairs and min_loads too. */
static void write_mentors_and_ideas(buffer *b, shape *g, int laminar, int pairs)
{
    int n_orgs = (int)next_random(3);

    put(b, " \"mentors\": [");
    for (int m = 0; m < g->n_mentors; m++) {
        unsigned capacity = g->tight ? 1 + next_random(2) : next_random(3);
        put(b, "%s{\"id\": \"m%d\", \"capacity\": %u, \"min_load\": %u}", m ? ", " : "", m,
            capacity, pairs && capacity && !next_random(4) ? 1 : 0);
    }
    put(b, "],\n \"orgs\": [");
    for (int o = 0; o < n_orgs; o++)
        put(b, o ? ", {\"id\": \"o%d\"" : "{\"id\": \"o%d\"", o),
            put(b, laminar || (!g->tight && next_random(2)) ? "}" : ", \"slots\": %u}",
                1 + next_random(2));
    put(b, "],\n \"ideas\": [");
    for (int i = 0; i < g->n_ideas; i++) {
        int first = (int)next_random((unsigned)g->n_mentors);
        g->n_idea_mentors[i] = 1 + (!laminar && g->n_mentors > 1 && next_random(2));
        g->idea_mentors[i][0] = first;
        g->idea_mentors[i][1] = (first + 1) % g->n_mentors;
        put(b, "%s{\"id\": \"i%d\", \"slots\": %u, \"mentors\": [\"m%d\"", i ? ", " : "", i,
            g->tight ? 1 : next_random(3), first);
        if (g->n_idea_mentors[i] == 2)
            put(b, ", \"m%d\"", g->idea_mentors[i][1]);
        put(b, "]");
        if (n_orgs && next_random(3))
            put(b, ", \"org\": \"o%u\"", next_random((unsigned)n_orgs));
        put(b, "}");
    }
    put(b, "],\n");
}

static void write_students(buffer *b, shape *g)
{
    put(b, " \"students\": [");
    for (int s = 0; s < g->n_students; s++) {
        int start = (int)next_random((unsigned)g->n_ideas);
        g->n_apps[s] = g->tight ? 2 + (int)next_random(2) : (int)next_random(4);
        if (g->n_apps[s] > g->n_ideas)
            g->n_apps[s] = g->n_ideas;
        /* ids of two lengths, so bytewise order differs from index order */
        put(b, "%s{\"id\": \"s%s%d\", \"applications\": [", s ? ", " : "", s % 2 ? "1" : "", s);
        for (int k = 0; k < g->n_apps[s]; k++) {
            g->apps[s][k] = (start + k * 3) % g->n_ideas;
            for (int j = 0; j < k; j++)
                if (g->apps[s][j] == g->apps[s][k]) /* a repeat: stop the list here */
                    g->n_apps[s] = k;
            if (k < g->n_apps[s])
                put(b, "%s{\"idea\": \"i%d\"}", k ? ", " : "", g->apps[s][k]);
        }
        put(b, "]}");
    }
    put(b, "],\n");
}

static void write_ratings(buffer *b, const shape *g)
{
    int listed = 0;

    put(b, " \"ratings\": [");
    for (int s = 0; s < g->n_students; s++)
        for (int k = 0; k < g->n_apps[s]; k++) {
            int i = g->apps[s][k];
            for (int j = 0; j < g->n_idea_mentors[i]; j++)
                if (g->tight || next_random(3))
                    put(b, "%s{\"mentor\": \"m%d\", \"student\": \"s%s%d\", \"idea\": \"i%d\", "
                           "\"score\": %u}", listed++ ? ", " : "", g->idea_mentors[i][j],
                        s % 2 ? "1" : "", s, i, 1 + next_random(5));
        }
    put(b, "]");
}

static void write_conflicts(buffer *b, shape *g)
{
    int listed = 0;

    put(b, ",\n \"conflicts\": [");
    for (int m = 0; m < g->n_mentors; m++)
        for (int s = 0; s < g->n_students; s++)
            if ((g->conflict[m][s] = !next_random(12)))
                put(b, "%s{\"mentor\": \"m%d\", \"student\": \"s%s%d\"}", listed++ ? ", " : "", m,
                    s % 2 ? "1" : "", s);
    put(b, "]");
}

/* At most one fixed pair per student, with a mentor half the time (one not
 * in conflict); forbidden pairs among the other applications. */
static void write_pairs(buffer *b, const shape *g)
{
    int fixed = 0, forbidden = 0;

    put(b, ",\n \"fixed\": [");
    for (int s = 0; s < g->n_students; s++) {
        int i, m;
        if (!g->n_apps[s] || next_random(6))
            continue;
        i = g->apps[s][0];
        m = g->idea_mentors[i][next_random((unsigned)g->n_idea_mentors[i])];
        put(b, "%s{\"student\": \"s%s%d\", \"idea\": \"i%d\"", fixed++ ? ", " : "",
            s % 2 ? "1" : "", s, i);
        if (!g->conflict[m][s] && next_random(2))
            put(b, ", \"mentor\": \"m%d\"", m);
        put(b, "}");
    }
    put(b, "],\n \"forbidden\": [");
    for (int s = 0; s < g->n_students; s++)
        if (g->n_apps[s] > 1 && !next_random(6))
            put(b, "%s{\"student\": \"s%s%d\", \"idea\": \"i%d\"}", forbidden++ ? ", " : "",
                s % 2 ? "1" : "", s, g->apps[s][1]);
    put(b, "]");
}

static void make_instance(buffer *b, int kind, int pairs)
{
    shape g;

    memset(&g, 0, sizeof g);
    g.tight = kind == TIGHT;
    g.n_students = (g.tight ? 3 : 1) + (int)next_random(g.tight ? MAX_STUDENTS - 2 : MAX_STUDENTS);
    g.n_ideas = (g.tight ? 2 : 1) + (int)next_random(g.tight ? MAX_IDEAS - 1 : MAX_IDEAS);
    g.n_mentors = (g.tight ? 2 : 1) + (int)next_random(g.tight ? MAX_MENTORS - 1 : MAX_MENTORS);
    b->len = 0;
    put(b, "{\"settings\": {\"default_rating\": %s}", next_random(3) ? "null" : "2");
    if (kind != LAMINAR && (g.tight || next_random(2)))
        put(b, ", \"program\": {\"slots\": %u}", 1 + next_random(g.tight ? 3 : 4));
    put(b, ",\n");
    write_mentors_and_ideas(b, &g, kind == LAMINAR, pairs);
    write_students(b, &g);
    write_ratings(b, &g);
    write_conflicts(b, &g);
    if (pairs)
        write_pairs(b, &g);
    put(b, "}");
}

/* ------------------------------------------ checks against the model rows */

static int64_t row_sum(const mm_model *m, const mm_row *row, const unsigned char *chosen)
{
    int64_t sum = 0;

    for (uint32_t k = 0; k < row->count; k++)
        sum += chosen[m->row_vars[row->begin + k]];
    return sum;
}

/* Every upper bound holds; @return 1 when every lower bound does too. */
static int check_rows(const instance *in, const unsigned char *chosen, const char *json)
{
    int lower_met = 1;

    for (size_t r = 0; r < in->m.n_rows; r++) {
        const mm_row *row = &in->m.rows[r];
        int64_t sum = row_sum(&in->m, row, chosen);
        if (row->hi != MM_NO_LIMIT && sum > row->hi)
            fail_msg("%s row %u over its limit: %lld > %lld\n%s", mm_row_kind_name(row->kind),
                     row->owner, (long long)sum, (long long)row->hi, json);
        if (sum < row->lo)
            lower_met = 0;
    }
    for (size_t s = 0; s < in->p->n_students; s++) {
        int64_t taken = 0;
        for (uint32_t v = 0; v < in->m.n_vars; v++)
            taken += chosen[v] && in->m.vars[v].student == s;
        if (taken > 1)
            fail_msg("student %zu holds %lld variables\n%s", s, (long long)taken, json);
    }
    return lower_met;
}

static void check_status(const instance *in, mm_status status, const unsigned char *chosen,
                         const char *json)
{
    int lower_met = check_rows(in, chosen, json);

    if (status != (lower_met ? MM_STATUS_FEASIBLE : MM_STATUS_INFEASIBLE))
        fail_msg("status %d but lower bounds %s\n%s", (int)status, lower_met ? "met" : "unmet",
                 json);
}

/* ----------------------------------------- blocking pairs, read directly */

static int student_fixed(const mm_problem *p, uint32_t s)
{
    for (size_t k = 0; k < p->n_fixed; k++)
        if (p->fixed[k].app != MM_NONE && p->fixed[k].student == s)
            return 1;
    return 0;
}

static double app_rating(const mm_problem *p, uint32_t app)
{
    const mm_application *a = &p->apps[app];

    if (a->rating_count)
        return a->rating_sum / a->rating_count;
    return p->settings.has_default_rating ? p->settings.default_rating : 0;
}

/* Mentor of v's rating of v's student: best over the student's variables with that mentor. */
static double mentor_key(const instance *in, uint32_t v)
{
    double best = -1e300;

    for (uint32_t w = 0; w < in->m.n_vars; w++)
        if (in->m.vars[w].student == in->m.vars[v].student &&
            in->m.vars[w].mentor == in->m.vars[v].mentor && app_rating(in->p, in->m.vars[w].app) > best)
            best = app_rating(in->p, in->m.vars[w].app);
    return best;
}

static int id_worse(const mm_problem *p, uint32_t a, uint32_t b)
{
    return strcmp(p->students[a].id, p->students[b].id) > 0;
}

static int64_t rank_of(const instance *in, uint32_t v)
{
    return in->p->apps[in->m.vars[v].app].rank;
}

static uint32_t idea_of(const instance *in, uint32_t v)
{
    return in->p->apps[in->m.vars[v].app].idea;
}

/* The caps (bit 0 idea, 1 mentor, 2 org, 3 program) of v that are full. */
static unsigned full_caps(const instance *in, const unsigned char *chosen, uint32_t v)
{
    const mm_problem *p = in->p;
    uint32_t i = idea_of(in, v), o = p->ideas[i].org;
    int64_t idea = 0, mentor = 0, org = 0, total = 0;

    for (uint32_t w = 0; w < in->m.n_vars; w++) {
        if (!chosen[w])
            continue;
        total++;
        idea += idea_of(in, w) == i;
        mentor += in->m.vars[w].mentor == in->m.vars[v].mentor;
        org += o != MM_NONE && p->ideas[idea_of(in, w)].org == o;
    }
    return (idea >= p->ideas[i].slots) | (mentor >= p->mentors[in->m.vars[v].mentor].capacity) << 1 |
           (o != MM_NONE && p->orgs[o].slots != MM_NO_LIMIT && org >= p->orgs[o].slots) << 2 |
           (p->program_slots != MM_NO_LIMIT && total >= p->program_slots) << 3;
}

/* The caps of v that hold w too. */
static unsigned shared_caps(const instance *in, uint32_t v, uint32_t w)
{
    const mm_problem *p = in->p;
    uint32_t o = p->ideas[idea_of(in, v)].org;

    return (idea_of(in, v) == idea_of(in, w)) | (in->m.vars[v].mentor == in->m.vars[w].mentor) << 1 |
           (o != MM_NONE && p->ideas[idea_of(in, w)].org == o) << 2 | 1u << 3;
}

static int naive_blocks(const instance *in, const unsigned char *chosen, uint32_t x)
{
    uint32_t s = in->m.vars[x].student, now = MM_NONE;
    unsigned need;

    if (student_fixed(in->p, s))
        return 0;
    for (uint32_t w = 0; w < in->m.n_vars; w++)
        if (chosen[w] && in->m.vars[w].student == s &&
            (now == MM_NONE || rank_of(in, w) < rank_of(in, now) ||
             (rank_of(in, w) == rank_of(in, now) && w < now)))
            now = w;
    if (now != MM_NONE && !(rank_of(in, x) < rank_of(in, now) ||
                            (rank_of(in, x) == rank_of(in, now) && x < now)))
        return 0;
    need = full_caps(in, chosen, x) & ~(now == MM_NONE ? 0 : shared_caps(in, x, now));
    if (!need)
        return 1;
    for (uint32_t y = 0; y < in->m.n_vars; y++) {
        uint32_t r = in->m.vars[y].student;
        double ky, kx;
        if (!chosen[y] || in->m.vars[y].mentor != in->m.vars[x].mentor || r == s ||
            student_fixed(in->p, r) || (shared_caps(in, x, y) & need) != need)
            continue;
        ky = mentor_key(in, y);
        kx = mentor_key(in, x);
        if (ky < kx || (ky == kx && id_worse(in->p, r, s)))
            return 1;
    }
    return 0;
}

static void check_count(const instance *in, const unsigned char *chosen, const char *json)
{
    uint32_t *list = malloc((in->m.n_vars + 1) * sizeof *list);
    size_t count, expected = 0;

    assert_non_null(list);
    assert_int_equal(mm_blocking_pairs(&count, list, in->m.n_vars, in->p, &in->m, chosen), 0);
    for (uint32_t v = 0; v < in->m.n_vars; v++)
        if (naive_blocks(in, chosen, v)) {
            if (expected >= count || list[expected] != v)
                fail_msg("variable %u: the direct reading says it blocks\n%s", v, json);
            expected++;
        }
    if (expected != count)
        fail_msg("%zu blocking pairs counted, %zu by the direct reading\n%s", count, expected, json);
    free(list);
}

/* ---------------------------------------------------------- enumeration */

typedef void (*visit_fn)(const instance *in, const unsigned char *chosen, void *context);

/* Every choice with at most one variable per student and no upper cap broken. */
static void enumerate(const instance *in, uint32_t s, unsigned char *chosen, visit_fn visit,
                      void *context)
{
    const mm_student *st;
    uint32_t first, last;

    if (s == in->p->n_students) {
        for (size_t r = 0; r < in->m.n_rows; r++)
            if (in->m.rows[r].hi != MM_NO_LIMIT && row_sum(&in->m, &in->m.rows[r], chosen) > in->m.rows[r].hi)
                return;
        visit(in, chosen, context);
        return;
    }
    st = &in->p->students[s];
    first = in->m.app_first_var[st->app_begin];
    last = in->m.app_first_var[st->app_begin + st->app_count];
    enumerate(in, s + 1, chosen, visit, context);
    for (uint32_t v = first; v < last; v++) {
        chosen[v] = 1;
        enumerate(in, s + 1, chosen, visit, context);
        chosen[v] = 0;
    }
}

typedef struct {
    const unsigned char *found; /* stable's choice */
    int stable_seen;
} optimality;

/* How much student s likes a choice: their variable's place, n_vars when unassigned. */
static uint64_t standing(const instance *in, const unsigned char *chosen, uint32_t s)
{
    for (uint32_t v = 0; v < in->m.n_vars; v++)
        if (chosen[v] && in->m.vars[v].student == s)
            return (uint64_t)rank_of(in, v) * in->m.n_vars + v;
    return UINT64_MAX;
}

static void compare_with_stable(const instance *in, const unsigned char *chosen, void *context)
{
    optimality *o = context;

    if (blocking(in, chosen) != 0)
        return;
    o->stable_seen++;
    for (uint32_t s = 0; s < in->p->n_students; s++)
        if (standing(in, o->found, s) > standing(in, chosen, s))
            fail_msg("student %s does better in another stable matching", in->p->students[s].id);
}

/* The smallest instance with no stable matching (docs/strategies.md): one
 * program slot; a prefers x (mentor ma) to y (mb), b prefers y to x; ma
 * ranks b first, mb ranks a first. Each of the four matchings with one
 * student and the empty one has a blocking pair, and each blocking move
 * leads to the next matching round the cycle. stable returns one with a
 * single blocking pair, the fewest possible. */
static const char NO_STABLE[] =
    "{\"program\": {\"slots\": 1},"
    " \"mentors\": [{\"id\": \"ma\"}, {\"id\": \"mb\"}],"
    " \"ideas\": [{\"id\": \"x\", \"mentors\": [\"ma\"]}, {\"id\": \"y\", \"mentors\": [\"mb\"]}],"
    " \"students\": [{\"id\": \"a\", \"applications\": [{\"idea\": \"x\"}, {\"idea\": \"y\"}]},"
    "               {\"id\": \"b\", \"applications\": [{\"idea\": \"y\"}, {\"idea\": \"x\"}]}],"
    " \"ratings\": [{\"mentor\": \"ma\", \"student\": \"a\", \"idea\": \"x\", \"score\": 2},"
    "             {\"mentor\": \"ma\", \"student\": \"b\", \"idea\": \"x\", \"score\": 4},"
    "             {\"mentor\": \"mb\", \"student\": \"a\", \"idea\": \"y\", \"score\": 4},"
    "             {\"mentor\": \"mb\", \"student\": \"b\", \"idea\": \"y\", \"score\": 2}]}";

static void count_fewest(const instance *in, const unsigned char *chosen, void *context)
{
    size_t *fewest = context, count = blocking(in, chosen);

    if (count < *fewest)
        *fewest = count;
}

static void test_stable_matching_may_not_exist_with_a_shared_cap(void **state)
{
    instance in;
    unsigned char *chosen, *scratch;
    size_t fewest = SIZE_MAX;

    (void)state;
    load(&in, NO_STABLE);
    assert_non_null(scratch = calloc(in.m.n_vars + 1, 1));
    enumerate(&in, 0, scratch, count_fewest, &fewest);
    assert_int_equal(fewest, 1);
    assert_int_equal(run(&in, mm_strategy_stable, 0, &chosen), MM_STATUS_FEASIBLE);
    check_count(&in, chosen, NO_STABLE);
    assert_int_equal(blocking(&in, chosen), 1);
    free(chosen);
    free(scratch);
    unload(&in);
}

/* ------------------------------------------------------- property tests */

#define INSTANCES 300

static void test_stable_is_stable_and_student_optimal_without_shared_caps(void **state)
{
    buffer b = {malloc(1 << 15), 0, 1 << 15};
    int enumerated = 0;

    (void)state;
    assert_non_null(b.text);
    rng_state = 2007;
    for (int n = 0; n < INSTANCES; n++) {
        instance in;
        unsigned char *chosen, *scratch;
        int pairs = n % 2;
        mm_status status;
        make_instance(&b, LAMINAR, pairs);
        load(&in, b.text);
        status = run(&in, mm_strategy_stable, 0, &chosen);
        check_status(&in, status, chosen, b.text);
        if (blocking(&in, chosen) != 0)
            fail_msg("stable left a blocking pair\n%s", b.text);
        /* Student-optimality is the paper's claim for its setting: no fixed pairs. */
        if (!pairs && in.m.n_vars <= 14) {
            optimality o = {chosen, 0};
            assert_non_null(scratch = calloc(in.m.n_vars + 1, 1));
            enumerate(&in, 0, scratch, compare_with_stable, &o);
            assert_true(o.stable_seen >= 1);
            enumerated++;
            free(scratch);
        }
        free(chosen);
        unload(&in);
    }
    printf("%d instances, %d checked for student-optimality by enumeration\n", INSTANCES,
           enumerated);
    free(b.text);
}

typedef struct {
    int exists;
} existence;

static void note_stable(const instance *in, const unsigned char *chosen, void *context)
{
    existence *e = context;

    if (!e->exists && blocking(in, chosen) == 0)
        e->exists = 1;
}

/* With caps shared between mentors a stable matching may not exist; the
 * count must still be right, and stable should find one when there is one
 * (measured and printed, not promised: see docs/strategies.md). */
static void test_blocking_pairs_match_the_definition_with_shared_caps(void **state)
{
    buffer b = {malloc(1 << 15), 0, 1 << 15};
    int with_stable = 0, found = 0, none = 0;

    (void)state;
    assert_non_null(b.text);
    rng_state = 1962;
    for (int n = 0; n < INSTANCES; n++) {
        static mm_strategy_fn const fns[] = {mm_strategy_stable, mm_strategy_greedy, mm_strategy_rsd};
        instance in;
        unsigned char *chosen[3], *random_choice;
        existence e = {0};
        make_instance(&b, n % 3 ? TIGHT : MIXED, n % 2);
        load(&in, b.text);
        for (int k = 0; k < 3; k++) {
            mm_status status = run(&in, fns[k], (unsigned long long)n, &chosen[k]);
            check_status(&in, status, chosen[k], b.text);
            check_count(&in, chosen[k], b.text);
        }
        /* any choice at all, caps broken or not */
        assert_non_null(random_choice = calloc(in.m.n_vars + 1, 1));
        for (uint32_t v = 0; v < in.m.n_vars; v++)
            random_choice[v] = !next_random(3);
        check_count(&in, random_choice, b.text);
        if (in.m.n_vars <= 14) {
            memset(random_choice, 0, in.m.n_vars);
            enumerate(&in, 0, random_choice, note_stable, &e);
            with_stable += e.exists;
            found += e.exists && blocking(&in, chosen[0]) == 0;
            none += !e.exists;
        }
        for (int k = 0; k < 3; k++)
            free(chosen[k]);
        free(random_choice);
        unload(&in);
    }
    printf("shared caps: stable found a stable matching in %d of the %d enumerated instances "
           "that have one; %d have none\n", found, with_stable, none);
    assert_true(found * 10 >= with_stable * 9);
    free(b.text);
}

/* ------------------------------------------------------ stable-optimal */

typedef struct {
    int any;                    /* a stable matching meeting every row exists */
    size_t assigned;            /* the best one's count and score */
    double score;
} best_stable;

static size_t count_chosen(const instance *in, const unsigned char *chosen, double *score)
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

/* count-then-score: more assigned, then a higher score (1e-9 for sums). */
static int better(size_t count, double score, size_t best_count, double best_score)
{
    return count != best_count ? count > best_count : score > best_score + 1e-9;
}

static void note_best_stable(const instance *in, const unsigned char *chosen, void *context)
{
    best_stable *b = context;
    size_t count;
    double score;

    for (size_t r = 0; r < in->m.n_rows; r++)
        if (row_sum(&in->m, &in->m.rows[r], chosen) < in->m.rows[r].lo)
            return; /* a min_load or fixed pair unmet */
    if (blocking(in, chosen) != 0)
        return;
    count = count_chosen(in, chosen, &score);
    if (!b->any || better(count, score, b->assigned, b->score)) {
        b->any = 1;
        b->assigned = count;
        b->score = score;
    }
}

/* stable-optimal against every matching of small random instances: when a
 * stable matching meeting every row exists, the result is one, proven
 * optimal, and none is better; when none exists, it says so. The paper's
 * setting (one mentor per idea, no org or program slots), shared caps, and
 * fixed pairs with min_loads are all covered. Issue 18 item 5: the exact
 * rows, separated inside branch and bound, let no blocking solution
 * through, so one integer program settles it (no second round). */
static void check_best_stable_matching(size_t root_gomory_from)
{
    buffer b = {malloc(1 << 15), 0, 1 << 15};
    mm_glpk_limits limits = {0};
    int checked[3] = {0}, none = 0;
    size_t saved = mm_stable_root_gomory_from;

    mm_stable_root_gomory_from = root_gomory_from;
    assert_non_null(b.text);
    rng_state = 2019;
    for (int n = 0; n < 3 * INSTANCES; n++) {
        int kind = n % 3, rc;
        instance in;
        best_stable best = {0};
        unsigned char *scratch;
        mm_strategy_input input;
        mm_strategy_output out = {NULL, MM_STATUS_OPTIMAL, 0, 0, -1, NULL};
        mm_stable_run_stats stats;
        make_instance(&b, kind, n / 3 % 2);
        load(&in, b.text);
        if (in.m.n_vars > 16) {
            unload(&in);
            continue;
        }
        assert_non_null(scratch = calloc(in.m.n_vars + 1, 1));
        enumerate(&in, 0, scratch, note_best_stable, &best);
        input = (mm_strategy_input){in.p, &in.m, in.score, 0, &limits, MM_SOLVER_AUTO, NULL};
        assert_non_null(out.chosen = calloc(in.m.n_vars + 1, 1));
        rc = mm_stable_optimal_run(&input, &out, MM_STABLE_BY_ROTATIONS, &stats);
        if (stats.rounds > 0 && stats.root_gomory != (root_gomory_from == 0))
            fail_msg("Gomory's cuts at the root only: %d, wanted %d", stats.root_gomory,
                     root_gomory_from == 0);
        if (best.any && stats.rounds > 1)
            fail_msg("%zu rounds: the lazy rows let a blocking solution through\n%s",
                     stats.rounds, b.text);
        if (best.any) {
            size_t count;
            double score;
            if (rc != 0 || out.status != MM_STATUS_OPTIMAL)
                fail_msg("rc %d status %d, but a stable matching exists\n%s", rc, (int)out.status,
                         b.text);
            count = count_chosen(&in, out.chosen, &score);
            if (!check_rows(&in, out.chosen, b.text) || blocking(&in, out.chosen) != 0)
                fail_msg("the result breaks a row or is not stable\n%s", b.text);
            if (count != best.assigned || fabs(score - best.score) > 1e-9)
                fail_msg("stable-optimal (%zu, %g), best stable (%zu, %g)\n%s", count, score,
                         best.assigned, best.score, b.text);
            checked[kind]++;
        } else {
            if (!(rc == MM_EINFEASIBLE || (rc == 0 && out.status == MM_STATUS_INFEASIBLE)))
                fail_msg("rc %d status %d, but no stable matching exists\n%s", rc,
                         (int)out.status, b.text);
            none++;
        }
        free(out.chosen);
        free(scratch);
        unload(&in);
    }
    printf("stable-optimal equals the best stable matching on %d mixed, %d paper's-setting and "
           "%d tight instances; %d have no stable matching\n", checked[MIXED], checked[LAMINAR],
           checked[TIGHT], none);
    assert_true(checked[MIXED] > INSTANCES / 4 && checked[LAMINAR] > INSTANCES / 4 &&
                checked[TIGHT] > INSTANCES / 4 && none > 0);
    free(b.text);
    mm_stable_root_gomory_from = saved;
}

static void test_stable_optimal_is_the_best_stable_matching(void **state)
{
    (void)state;
    check_best_stable_matching(mm_stable_root_gomory_from);
}

/* Issue 18 item 5 (iss18-large2): the same with GLPK's Gomory cuts at the
 * root node only, as on the 50,000-student tier: still exact. */
static void test_stable_optimal_with_root_gomory_only(void **state)
{
    (void)state;
    check_best_stable_matching(0);
}

/* ---------------------- issue 18 item 5 (iss18-large): the reduction's rooms */

/* Students with an alive variable led by `mentor` (MM_NONE: any) in
 * `idea` (MM_NONE: any). */
static int64_t alive_students(const instance *in, const mm_stable_reducer *red, uint32_t mentor,
                              uint32_t idea)
{
    int64_t n = 0;

    for (uint32_t s = 0; s < in->p->n_students; s++) {
        const mm_student *st = &in->p->students[s];
        int here = 0;
        for (uint32_t v = in->m.app_first_var[st->app_begin];
             v < in->m.app_first_var[st->app_begin + st->app_count]; v++)
            here |= red->alive[v] && (mentor == MM_NONE || in->m.vars[v].mentor == mentor) &&
                    (idea == MM_NONE || idea_of(in, v) == idea);
        n += here;
    }
    return n;
}

static int64_t at_most(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* What x's idea (family 0) or mentor (else) can hold at most: an idea, its
 * mentors' capacities for their alive students; a mentor, her ideas'
 * slots for theirs. Below the cap's limit, the cap is never full. */
static int64_t naive_room(const instance *in, const mm_stable_reducer *red, uint32_t x, int idea_cap)
{
    const mm_problem *p = in->p;
    uint32_t i = idea_of(in, x), m = in->m.vars[x].mentor;
    int64_t room = 0;

    if (idea_cap) {
        for (uint32_t k = 0; k < p->ideas[i].mentor_count; k++) {
            uint32_t n = p->idea_mentors[p->ideas[i].mentor_begin + k];
            room += at_most(p->mentors[n].capacity, alive_students(in, red, n, MM_NONE));
        }
        return room;
    }
    for (uint32_t j = 0; j < p->n_ideas; j++)
        for (uint32_t k = 0; k < p->ideas[j].mentor_count; k++)
            if (p->idea_mentors[p->ideas[j].mentor_begin + k] == m)
                room += at_most(p->ideas[j].slots, alive_students(in, red, MM_NONE, j));
    return room;
}

/* No variable sees a cap open that the rest of the instance cannot fill;
 * @return how many such caps the instance has. */
static size_t check_rooms(const instance *in, const mm_stable_reducer *red, const char *json)
{
    size_t closed = 0;

    for (uint32_t x = 0; x < in->m.n_vars; x++) {
        unsigned open = mm_stable_open_caps(red, x);
        int64_t idea_room = naive_room(in, red, x, 1), mentor_room = naive_room(in, red, x, 0);
        int idea_closed = idea_room < in->p->ideas[idea_of(in, x)].slots;
        int mentor_closed = mentor_room < in->p->mentors[in->m.vars[x].mentor].capacity;
        if ((idea_closed && (open & MM_CAP_IDEA)) || (mentor_closed && (open & MM_CAP_MENTOR)))
            fail_msg("variable %u: a cap its neighbours cannot fill counts as open\n%s", x, json);
        closed += idea_closed + mentor_closed;
    }
    return closed;
}

/* Every stable matching meeting every row uses alive variables only and
 * gives each floored student her floor or better. */
typedef struct {
    const mm_stable_reducer *red;
    size_t matchings;
} reduction_check;

static void check_reduction(const instance *in, const unsigned char *chosen, void *context)
{
    reduction_check *c = context;
    const mm_stable_reducer *red = c->red;

    for (size_t r = 0; r < in->m.n_rows; r++)
        if (row_sum(&in->m, &in->m.rows[r], chosen) < in->m.rows[r].lo)
            return;
    if (blocking(in, chosen) != 0)
        return;
    c->matchings++;
    for (uint32_t v = 0; v < in->m.n_vars; v++)
        if (chosen[v] && !red->alive[v])
            fail_msg("a stable matching uses dead variable %u", v);
    for (uint32_t s = 0; s < in->p->n_students; s++) {
        uint32_t floor = red->floor[s], held = MM_NONE;
        const mm_student *st = &in->p->students[s];
        for (uint32_t v = in->m.app_first_var[st->app_begin];
             v < in->m.app_first_var[st->app_begin + st->app_count]; v++)
            held = chosen[v] ? v : held;
        if (floor != MM_NONE && (held == MM_NONE || (held != floor &&
                                 !mm_stability_prefers(red->st, held, floor))))
            fail_msg("student %u below her floor %u in a stable matching", s, floor);
    }
}

/* The reduction (src/stable_reduce.h) against enumeration: what it proves
 * (dead variables, floors) holds in every stable matching of small random
 * instances, with shared caps, fixed pairs and min loads; and a cap that
 * its idea's mentors or its mentor's ideas cannot fill is never open. */
static void test_stable_reduction_holds_in_every_stable_matching(void **state)
{
    buffer b = {malloc(1 << 15), 0, 1 << 15};
    size_t dead = 0, floors = 0, instances = 0, matchings = 0, closed = 0;

    (void)state;
    assert_non_null(b.text);
    rng_state = 1852;
    for (int n = 0; n < 3 * INSTANCES; n++) {
        instance in;
        mm_stability st;
        mm_stable_reducer red;
        reduction_check c = {&red, 0};
        unsigned char *scratch;
        make_instance(&b, n % 3, n / 3 % 2);
        load(&in, b.text);
        if (in.m.n_vars > 16) {
            unload(&in);
            continue;
        }
        assert_int_equal(mm_stability_init(&st, in.p, &in.m), 0);
        assert_int_equal(mm_stable_reduce(&red, &st), 0);
        assert_non_null(scratch = calloc(in.m.n_vars + 1, 1));
        enumerate(&in, 0, scratch, check_reduction, &c);
        closed += check_rooms(&in, &red, b.text);
        if (c.matchings > 0 && red.no_stable)
            fail_msg("no_stable, but a stable matching exists\n%s", b.text);
        for (uint32_t s = 0; s < in.p->n_students; s++)
            floors += red.floor[s] != MM_NONE;
        dead += red.dead;
        matchings += c.matchings;
        instances++;
        free(scratch);
        mm_stable_reducer_dispose(&red);
        mm_stability_dispose(&st);
        unload(&in);
    }
    printf("reduction: %zu dead variables and %zu floors on %zu instances hold in all %zu "
           "stable matchings; %zu caps closed by their neighbours' room\n", dead, floors,
           instances, matchings, closed);
    assert_true(instances > INSTANCES && dead > 0 && floors > 0 && matchings > 0 && closed > 0);
    free(b.text);
}

/* -------------------------------------- stable-optimal: hospitals/residents */

enum { HR_IDEAS = 5 };

/* One mentor per idea, slots mostly at least the mentor's capacity, no
 * org or program slots, each student applying to a mentor at most once;
 * some instances leave the shape (an idea below its mentor's capacity). */
enum { HR_MOST = 64 };

static void make_hr_sized(buffer *b, int most_students, int most_ideas, int most_mentors)
{
    int n_students = 1 + (int)next_random((unsigned)most_students);
    int n_ideas = 1 + (int)next_random((unsigned)most_ideas);
    int n_mentors = 1 + (int)next_random((unsigned)most_mentors), mentor_of[HR_MOST], listed = 0;
    unsigned capacity[HR_MOST];

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
        int used[HR_MOST] = {0}, start = (int)next_random((unsigned)n_ideas), n = 0;
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

static void make_hr_instance(buffer *b)
{
    make_hr_sized(b, MAX_STUDENTS, HR_IDEAS, MAX_MENTORS);
}


/* Issue 18 item 5: on hospitals/residents instances (src/stable_hr.h) the
 * rotation poset's cut (src/stable_rotation.h) and the integral LP of the
 * cloned instance each answer every instance of the shape themselves, and
 * they and the exact rows alone give the best stable matching, found by
 * enumeration; instances just outside the shape take the rows. */
static const char *const method_name[] = {"rows", "LP", "rotations"};

static void check_method(const instance *in, const best_stable *best, mm_stable_method method,
                         int hr, const char *json)
{
    mm_glpk_limits limits = {0};
    mm_strategy_input input = {in->p, &in->m, in->score, 0, &limits, MM_SOLVER_AUTO, NULL};
    mm_strategy_output out = {calloc(in->m.n_vars + 1, 1), MM_STATUS_OPTIMAL, 0, 0, -1, NULL};
    size_t count;
    double score;
    mm_stable_run_stats stats;
    int rc;

    assert_non_null(out.chosen);
    rc = mm_stable_optimal_run(&input, &out, method, &stats);
    if (rc != 0 || out.status != MM_STATUS_OPTIMAL ||
        stats.by_shortcut != (method != MM_STABLE_BY_ROWS && hr))
        fail_msg("%s: rc %d status %d, by the shortcut %d, of its shape %d\n%s",
                 method_name[method], rc, (int)out.status, stats.by_shortcut, hr, json);
    count = count_chosen(in, out.chosen, &score);
    if (!check_rows(in, out.chosen, json) || blocking(in, out.chosen) != 0 ||
        count != best->assigned || fabs(score - best->score) > 1e-9)
        fail_msg("%s: (%zu, %.12g); best stable (%zu, %.12g)\n%s", method_name[method],
                 count, score, best->assigned, best->score, json);
    free(out.chosen);
}

static void test_stable_optimal_lp_on_hospitals_residents(void **state)
{
    buffer b = {malloc(1 << 15), 0, 1 << 15};
    int applied = 0, other = 0;

    (void)state;
    assert_non_null(b.text);
    rng_state = 1989;
    for (int n = 0; n < 600; n++) {
        instance in;
        best_stable best = {0};
        mm_stability st;
        unsigned char *scratch;
        int hr;
        make_hr_instance(&b);
        load(&in, b.text);
        if (in.m.n_vars > 16) {
            unload(&in);
            continue;
        }
        assert_int_equal(mm_stability_init(&st, in.p, &in.m), 0);
        hr = mm_stable_hr_applies(&st);
        mm_stability_dispose(&st);
        assert_non_null(scratch = calloc(in.m.n_vars + 1, 1));
        enumerate(&in, 0, scratch, note_best_stable, &best);
        if (hr && !best.any) /* hospitals/residents always has one */
            fail_msg("no stable matching\n%s", b.text);
        if (best.any)
            for (int method = MM_STABLE_BY_ROWS; method <= MM_STABLE_BY_ROTATIONS; method++)
                check_method(&in, &best, (mm_stable_method)method, hr, b.text);
        applied += hr;
        other += !hr;
        free(scratch);
        unload(&in);
    }
    printf("the rotations, the LP and the exact rows equal the best stable matching on %d "
           "hospitals/residents instances (and %d others, the rows alone)\n", applied, other);
    assert_true(applied >= 300 && other > 0);
    free(b.text);
}

/* Issue 18 item 5: on hospitals/residents instances too big to enumerate
 * (up to 50 students), the rotations and the LP give stable matchings of
 * the same count and score, never below the stable strategy's
 * (student-optimal) one, and above it on a good share. */
/* Hospitals/residents with many rotations: every student applies to up
 * to six ideas of distinct mentors in random order; a mentor rates higher
 * the students who rank her lower, with noise, so the two sides disagree;
 * the students are about as many as the places (an unbalanced market has
 * few rotations). */
static void make_hr_contested(buffer *b, int most_mentors)
{
    int n_students = 0, n_mentors = 2 + (int)next_random((unsigned)most_mentors - 1);
    int n_ideas = n_mentors + (int)next_random((unsigned)n_mentors), mentor_of[HR_MOST];
    int listed = 0, chosen[HR_MOST][6], n_chosen[HR_MOST];
    unsigned capacity[HR_MOST];

    b->len = 0;
    put(b, "{\"settings\": {\"rating_scale\": [1, 100]},\n \"mentors\": [");
    for (int m = 0; m < n_mentors; m++) {
        capacity[m] = 1 + next_random(3);
        n_students += (int)capacity[m];
        put(b, "%s{\"id\": \"m%d\", \"capacity\": %u}", m ? ", " : "", m, capacity[m]);
    }
    n_students += (int)next_random(5); /* about as many students as places: many rotations */
    put(b, "],\n \"ideas\": [");
    for (int i = 0; i < n_ideas; i++) {
        mentor_of[i] = i < n_mentors ? i : (int)next_random((unsigned)n_mentors);
        put(b, "%s{\"id\": \"i%d\", \"slots\": %u, \"mentors\": [\"m%d\"]}", i ? ", " : "",
            i, capacity[mentor_of[i]], mentor_of[i]);
    }
    put(b, "],\n \"students\": [");
    for (int s = 0; s < n_students; s++) {
        int used[HR_MOST] = {0}, want = 3 + (int)next_random(4);
        n_chosen[s] = 0;
        for (int tries = 0; tries < 30 && n_chosen[s] < want; tries++) {
            int i = (int)next_random((unsigned)n_ideas);
            if (!used[mentor_of[i]]++)
                chosen[s][n_chosen[s]++] = i;
        }
        put(b, "%s{\"id\": \"s%d\", \"applications\": [", s ? ", " : "", s);
        for (int k = 0; k < n_chosen[s]; k++)
            put(b, "%s{\"idea\": \"i%d\"}", k ? ", " : "", chosen[s][k]);
        put(b, "]}");
    }
    put(b, "],\n \"ratings\": [");
    for (int s = 0; s < n_students; s++)
        for (int k = 0; k < n_chosen[s]; k++)
            put(b, "%s{\"mentor\": \"m%d\", \"student\": \"s%d\", \"idea\": \"i%d\", "
                   "\"score\": %u}", listed++ ? ", " : "", mentor_of[chosen[s][k]], s,
                chosen[s][k], 1 + 15 * k + next_random(25));
    put(b, "]}");
}

static double method_score(const instance *in, mm_stable_method method, size_t *count,
                           const char *json)
{
    mm_glpk_limits limits = {0};
    mm_strategy_input input = {in->p, &in->m, in->score, 0, &limits, MM_SOLVER_AUTO, NULL};
    mm_strategy_output out = {calloc(in->m.n_vars + 1, 1), MM_STATUS_OPTIMAL, 0, 0, -1, NULL};
    double score;
    mm_stable_run_stats stats;
    int rc;

    assert_non_null(out.chosen);
    rc = mm_stable_optimal_run(&input, &out, method, &stats);
    if (rc != 0 || out.status != MM_STATUS_OPTIMAL || !stats.by_shortcut ||
        blocking(in, out.chosen) != 0 || !check_rows(in, out.chosen, json))
        fail_msg("%s: rc %d status %d, by the shortcut %d\n%s", method_name[method], rc,
                 (int)out.status, stats.by_shortcut, json);
    *count = count_chosen(in, out.chosen, &score);
    free(out.chosen);
    return score;
}

static void test_stable_optimal_rotations_equal_the_lp(void **state)
{
    buffer b = {malloc(1 << 20), 0, 1 << 20};
    int compared = 0, better = 0;
    size_t rotations = 0;

    (void)state;
    assert_non_null(b.text);
    rng_state = 1987;
    for (int n = 0; n < 300; n++) {
        instance in;
        mm_stability st;
        size_t by_rot, by_lp, by_stable, n_rot = 0;
        double rot, lp, stable_score;
        int64_t places[HR_MOST];
        unsigned char *chosen;
        make_hr_contested(&b, 15);
        load(&in, b.text);
        assert_int_equal(mm_stability_init(&st, in.p, &in.m), 0);
        if (!mm_stable_hr_applies(&st)) {
            mm_stability_dispose(&st);
            unload(&in);
            continue;
        }
        assert_non_null(chosen = calloc(in.m.n_vars + 1, 1));
        assert_int_equal(mm_stable_hr_places(&st, places), 0);
        assert_int_equal(mm_stable_rotation_solve(&st, places, in.score, chosen, &n_rot), 0);
        rotations += n_rot;
        mm_stability_dispose(&st);
        rot = method_score(&in, MM_STABLE_BY_ROTATIONS, &by_rot, b.text);
        lp = method_score(&in, MM_STABLE_BY_LP, &by_lp, b.text);
        free(chosen);
        assert_int_equal(run(&in, mm_strategy_function(MM_STRATEGY_STABLE), 0, &chosen),
                         MM_STATUS_FEASIBLE);
        by_stable = count_chosen(&in, chosen, &stable_score);
        if (by_rot != by_lp || fabs(rot - lp) > 1e-6 || by_rot != by_stable ||
            rot < stable_score - 1e-9)
            fail_msg("rotations (%zu, %.12g), LP (%zu, %.12g), stable (%zu, %.12g)\n%s", by_rot,
                     rot, by_lp, lp, by_stable, stable_score, b.text);
        compared++;
        better += rot > stable_score + 1e-9;
        free(chosen);
        unload(&in);
    }
    printf("rotations equal the LP on %d hospitals/residents instances (%zu rotations), above "
           "student-optimal on %d\n", compared, rotations, better);
    assert_true(compared >= 150 && better >= compared / 10);
    free(b.text);
}

/* Issue 18 item 5: every edge of the rotation poset matters. On small
 * contested instances, with random scores in place of the document's (each
 * variable its own, so any closure may be the best), the rotations' cut
 * equals the best stable matching found by enumeration. */
static void test_stable_optimal_rotations_on_random_scores(void **state)
{
    buffer b = {malloc(1 << 16), 0, 1 << 16};
    int checked = 0, moved = 0;

    (void)state;
    assert_non_null(b.text);
    rng_state = 1962;
    for (int n = 0; n < 800; n++) {
        instance in;
        mm_stability st;
        int64_t places[HR_MOST];
        unsigned char *chosen, *scratch;
        size_t n_rot = 0;
        make_hr_contested(&b, 4);
        load(&in, b.text);
        assert_int_equal(mm_stability_init(&st, in.p, &in.m), 0);
        if (in.m.n_vars > 18 || in.p->n_students > 8 || !mm_stable_hr_applies(&st)) {
            mm_stability_dispose(&st);
            unload(&in);
            continue;
        }
        assert_int_equal(mm_stable_hr_places(&st, places), 0);
        assert_non_null(chosen = calloc(in.m.n_vars + 1, 1));
        assert_non_null(scratch = calloc(in.m.n_vars + 1, 1));
        for (int draw = 0; draw < 4; draw++) {
            best_stable best = {0};
            size_t count;
            double score;
            for (uint32_t v = 0; v < in.m.n_vars; v++)
                in.score[v] = (double)next_random(1000) / 100 - 3;
            assert_int_equal(mm_stable_rotation_solve(&st, places, in.score, chosen, &n_rot), 0);
            enumerate(&in, 0, scratch, note_best_stable, &best);
            count = count_chosen(&in, chosen, &score);
            if (!best.any || blocking(&in, chosen) != 0 || count != best.assigned ||
                fabs(score - best.score) > 1e-9)
                fail_msg("rotations (%zu, %.12g); best stable (%zu, %.12g)\n%s", count, score,
                         best.assigned, best.score, b.text);
            checked++;
        }
        moved += n_rot > 0;
        mm_stability_dispose(&st);
        free(chosen);
        free(scratch);
        unload(&in);
    }
    printf("rotations equal enumeration on %d random scorings of %d instances, %d with rotations\n",
           checked, checked / 4, moved);
    assert_true(checked >= 800 && moved >= 50);
    free(b.text);
}

/* ------------------------------------------------------------ greedy */

/* Re-run greedy from its description, independently of strategy_greedy.c. */
static void naive_greedy(const instance *in, unsigned char *chosen)
{
    const mm_problem *p = in->p;
    uint32_t n_apps = (uint32_t)p->n_apps;
    unsigned char *done = calloc(n_apps + 1, 1);
    unsigned char *taken_student = calloc(p->n_students + 1, 1);

    assert_true(done && taken_student);
    for (size_t k = 0; k < p->n_fixed; k++) {
        const mm_pair_rule *rule = &p->fixed[k];
        if (rule->app == MM_NONE)
            continue;
        taken_student[rule->student] = 2; /* held by its fixed pair */
        for (uint32_t v = in->m.app_first_var[rule->app]; v < in->m.app_first_var[rule->app + 1]; v++)
            if ((rule->mentor == MM_NONE || in->m.vars[v].mentor == rule->mentor) &&
                full_caps(in, chosen, v) == 0) {
                chosen[v] = 1;
                break;
            }
    }
    for (;;) {
        uint32_t best = MM_NONE;
        for (uint32_t a = 0; a < n_apps; a++) {
            const mm_application *x = &p->apps[a], *y;
            if (done[a] || in->m.app_first_var[a] == in->m.app_first_var[a + 1])
                continue;
            y = best == MM_NONE ? NULL : &p->apps[best];
            if (!y || x->score > y->score ||
                (x->score == y->score &&
                 (strcmp(p->students[x->student].id, p->students[y->student].id) < 0 ||
                  (x->student == y->student &&
                   strcmp(p->ideas[x->idea].id, p->ideas[y->idea].id) < 0))))
                best = a;
        }
        if (best == MM_NONE)
            break;
        done[best] = 1;
        if (taken_student[p->apps[best].student])
            continue;
        for (uint32_t v = in->m.app_first_var[best]; v < in->m.app_first_var[best + 1]; v++)
            if (full_caps(in, chosen, v) == 0) {
                chosen[v] = 1;
                taken_student[p->apps[best].student] = 1;
                break;
            }
    }
    free(done);
    free(taken_student);
}

static void test_greedy_matches_its_description_on_random_instances(void **state)
{
    buffer b = {malloc(1 << 15), 0, 1 << 15};

    (void)state;
    assert_non_null(b.text);
    rng_state = 1953;
    for (int n = 0; n < INSTANCES; n++) {
        instance in;
        unsigned char *chosen, *expected;
        make_instance(&b, n % 3, n % 2);
        load(&in, b.text);
        run(&in, mm_strategy_greedy, 0, &chosen);
        assert_non_null(expected = calloc(in.m.n_vars + 1, 1));
        naive_greedy(&in, expected);
        if (memcmp(chosen, expected, in.m.n_vars) != 0)
            fail_msg("greedy differs from its description\n%s", b.text);
        free(chosen);
        free(expected);
        unload(&in);
    }
    free(b.text);
}

/* Run greedy on a document and compare with "student=idea:mentor ..." in variable order. */
static void expect_greedy(const char *json, const char *expected)
{
    instance in;
    unsigned char *chosen;
    char got[512];
    size_t len = 0;

    load(&in, json);
    run(&in, mm_strategy_greedy, 0, &chosen);
    got[0] = '\0';
    for (uint32_t v = 0; v < in.m.n_vars; v++)
        if (chosen[v])
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%s=%s:%s", len ? " " : "",
                                    in.p->students[in.m.vars[v].student].id,
                                    in.p->ideas[idea_of(&in, v)].id,
                                    in.p->mentors[in.m.vars[v].mentor].id);
    assert_string_equal(got, expected);
    free(chosen);
    unload(&in);
}

#define ONE_SLOT_IDEAS                                                                    \
    "\"mentors\": [{\"id\": \"m1\", \"capacity\": 5}, {\"id\": \"m2\", \"capacity\": 5}], " \
    "\"ideas\": [{\"id\": \"x\", \"mentors\": [\"m1\"]}, {\"id\": \"y\", \"mentors\": [\"m1\"]}]"

static void test_greedy_takes_the_highest_score_first(void **state)
{
    (void)state;
    /* b rated higher than a on x: b gets x, a falls back to y */
    expect_greedy("{" ONE_SLOT_IDEAS ", \"students\": ["
                  "{\"id\": \"a\", \"applications\": [{\"idea\": \"x\"}, {\"idea\": \"y\"}]},"
                  "{\"id\": \"b\", \"applications\": [{\"idea\": \"x\"}]}],"
                  " \"ratings\": [{\"mentor\": \"m1\", \"student\": \"b\", \"idea\": \"x\", \"score\": 5},"
                  "{\"mentor\": \"m1\", \"student\": \"a\", \"idea\": \"x\", \"score\": 4}]}",
                  "a=y:m1 b=x:m1");
}

static void test_greedy_breaks_ties_by_student_id_bytewise(void **state)
{
    (void)state;
    /* equal scores: "b10" < "b9" byte by byte, so b10 gets x */
    expect_greedy("{" ONE_SLOT_IDEAS ", \"students\": ["
                  "{\"id\": \"b9\", \"applications\": [{\"idea\": \"x\"}]},"
                  "{\"id\": \"b10\", \"applications\": [{\"idea\": \"x\"}]}]}",
                  "b10=x:m1");
}

static void test_greedy_breaks_ties_by_idea_id_then(void **state)
{
    (void)state;
    /* preference weighs nothing, so y (rank 1) and x (rank 2) score the same: x first by id */
    expect_greedy("{\"settings\": {\"weights\": {\"preference\": 0}}, " ONE_SLOT_IDEAS
                  ", \"students\": [{\"id\": \"a\", \"applications\": [{\"idea\": \"y\"}, "
                  "{\"idea\": \"x\"}]}]}",
                  "a=x:m1");
}

static void test_greedy_takes_the_first_mentor_with_room(void **state)
{
    (void)state;
    expect_greedy("{\"mentors\": [{\"id\": \"m1\", \"capacity\": 1}, {\"id\": \"m2\"}],"
                  " \"ideas\": [{\"id\": \"x\", \"slots\": 3, \"mentors\": [\"m2\", \"m1\"]}],"
                  " \"students\": [{\"id\": \"a\", \"applications\": [{\"idea\": \"x\"}]},"
                  "{\"id\": \"b\", \"applications\": [{\"idea\": \"x\"}]},"
                  "{\"id\": \"c\", \"applications\": [{\"idea\": \"x\"}]}],"
                  " \"conflicts\": [{\"mentor\": \"m2\", \"student\": \"c\"}]}",
                  "a=x:m2 b=x:m1");
}

static void test_greedy_places_fixed_pairs_first(void **state)
{
    (void)state;
    /* b scores higher on x, but a's fixed pair holds the slot */
    expect_greedy("{" ONE_SLOT_IDEAS
                  ", \"students\": [{\"id\": \"a\", \"applications\": [{\"idea\": \"x\"}]},"
                  "{\"id\": \"b\", \"applications\": [{\"idea\": \"x\"}, {\"idea\": \"y\"}]}],"
                  " \"ratings\": [{\"mentor\": \"m1\", \"student\": \"b\", \"idea\": \"x\", \"score\": 5}],"
                  " \"fixed\": [{\"student\": \"a\", \"idea\": \"x\"}]}",
                  "a=x:m1 b=y:m1");
}

static void test_greedy_respects_org_slots(void **state)
{
    (void)state;
    expect_greedy("{\"orgs\": [{\"id\": \"o\", \"slots\": 1}],"
                  " \"mentors\": [{\"id\": \"m1\", \"capacity\": 5}],"
                  " \"ideas\": [{\"id\": \"x\", \"org\": \"o\", \"mentors\": [\"m1\"]},"
                  "{\"id\": \"y\", \"org\": \"o\", \"mentors\": [\"m1\"]}],"
                  " \"students\": [{\"id\": \"a\", \"applications\": [{\"idea\": \"x\"}]},"
                  "{\"id\": \"b\", \"applications\": [{\"idea\": \"y\"}]}]}",
                  "a=x:m1");
}

/* --------------------------------------------------------------- rsd */

/* Every cap of v has room for one: no zero capacity or slots. */
static int room_alone(const instance *in, uint32_t v)
{
    const mm_problem *p = in->p;
    uint32_t org = p->ideas[idea_of(in, v)].org;

    return p->mentors[in->m.vars[v].mentor].capacity > 0 && p->program_slots > 0 &&
           (org == MM_NONE || p->orgs[org].slots > 0);
}

/* No fixed pairs, and two students or more want the same idea first, more
 * than it holds, with room for one of them: then the order decides. */
static int contested(const instance *in)
{
    const mm_problem *p = in->p;
    int64_t wanted[MAX_IDEAS] = {0};

    if (p->n_fixed)
        return 0;
    for (uint32_t s = 0; s < p->n_students; s++) {
        const mm_student *st = &p->students[s];
        uint32_t first = in->m.app_first_var[st->app_begin], best = MM_NONE;
        for (uint32_t v = first; v < in->m.app_first_var[st->app_begin + st->app_count]; v++)
            if (best == MM_NONE || rank_of(in, v) < rank_of(in, best))
                best = v;
        if (best != MM_NONE && room_alone(in, best))
            wanted[idea_of(in, best)]++;
    }
    for (size_t i = 0; i < p->n_ideas; i++)
        if (p->ideas[i].slots > 0 && wanted[i] > p->ideas[i].slots)
            return 1;
    return 0;
}

static void test_rsd_repeats_for_a_seed_and_varies_across_seeds(void **state)
{
    buffer b = {malloc(1 << 15), 0, 1 << 15};
    int differing = 0, competitive = 0;

    (void)state;
    assert_non_null(b.text);
    rng_state = 1999;
    for (int n = 0; n < INSTANCES; n++) {
        instance in;
        unsigned char *first, *again, *other;
        make_instance(&b, n % 3, n % 2);
        load(&in, b.text);
        mm_status status = run(&in, mm_strategy_rsd, 42, &first);
        check_status(&in, status, first, b.text);
        run(&in, mm_strategy_rsd, 42, &again);
        if (memcmp(first, again, in.m.n_vars) != 0)
            fail_msg("rsd gave two results for seed 42\n%s", b.text);
        /* differing seeds: some seed among 1..8 changes something, where order matters */
        if (contested(&in)) {
            int changed = 0;
            competitive++;
            for (unsigned long long seed = 1; seed <= 8 && !changed; seed++) {
                run(&in, mm_strategy_rsd, seed, &other);
                changed = memcmp(first, other, in.m.n_vars) != 0;
                free(other);
            }
            differing += changed;
        }
        free(first);
        free(again);
        unload(&in);
    }
    printf("rsd: another seed changed the result in %d of %d contested instances\n", differing,
           competitive);
    assert_true(differing * 10 >= competitive * 8);
    free(b.text);
}

/* Eight students, eight one-slot ideas everyone ranks alike: the k-th
 * student in the random order gets the k-th idea, so the result shows the
 * permutation itself. Pinned for seed 3: splitmix64 and the rejection step
 * use integers only, so every platform must agree. */
static void test_rsd_order_for_a_seed_is_pinned(void **state)
{
    buffer b = {malloc(1 << 14), 0, 1 << 14};
    instance in;
    unsigned char *chosen;
    char got[256];

    (void)state;
    assert_non_null(b.text);
    put(&b, "{\"mentors\": [{\"id\": \"m\", \"capacity\": 8}], \"ideas\": [");
    for (int i = 0; i < 8; i++)
        put(&b, "%s{\"id\": \"i%d\", \"mentors\": [\"m\"]}", i ? ", " : "", i);
    put(&b, "], \"students\": [");
    for (int s = 0; s < 8; s++) {
        put(&b, "%s{\"id\": \"s%d\", \"applications\": [", s ? ", " : "", s);
        for (int i = 0; i < 8; i++)
            put(&b, "%s{\"idea\": \"i%d\"}", i ? ", " : "", i);
        put(&b, "]}");
    }
    put(&b, "]}");
    load(&in, b.text);
    run(&in, mm_strategy_rsd, 3, &chosen);
    describe(&in, chosen, got, sizeof got);
    printf("rsd seed 3: %s\n", got);
    assert_string_equal(got, RSD_SEED_3);
    free(chosen);
    unload(&in);
    free(b.text);
}

static void test_rsd_gives_each_student_a_fair_chance(void **state)
{
    const char *json = "{\"mentors\": [{\"id\": \"m\"}], \"ideas\": [{\"id\": \"x\", \"mentors\": [\"m\"]}],"
                       " \"students\": [{\"id\": \"a\", \"applications\": [{\"idea\": \"x\"}]},"
                       "{\"id\": \"b\", \"applications\": [{\"idea\": \"x\"}]},"
                       "{\"id\": \"c\", \"applications\": [{\"idea\": \"x\"}]}]}";
    instance in;
    int wins[3] = {0, 0, 0};

    (void)state;
    load(&in, json);
    for (unsigned long long seed = 0; seed < 300; seed++) {
        unsigned char *chosen;
        run(&in, mm_strategy_rsd, seed, &chosen);
        for (uint32_t v = 0; v < in.m.n_vars; v++)
            wins[in.m.vars[v].student] += chosen[v];
        free(chosen);
    }
    printf("rsd over 300 seeds: a %d, b %d, c %d\n", wins[0], wins[1], wins[2]);
    for (int s = 0; s < 3; s++)
        assert_true(wins[s] >= 70 && wins[s] <= 130);
    unload(&in);
}

/* ---------------------------------------------------- failure injection */

/* Fail each allocation a strategy or the count makes, in turn: every run
 * ends with MM_ENOMEM or succeeds, and (under the sanitizer build) leaks
 * nothing. */
static void fail_each_allocation(const instance *in, mm_strategy_fn fn)
{
    mm_glpk_limits limits = {0};
    mm_strategy_input input = {in->p, &in->m, in->score, 5, &limits, MM_SOLVER_AUTO, NULL};
    unsigned long total;
    size_t count;

    for (unsigned long n = 0;; n++) {
        mm_strategy_output out = {calloc(in->m.n_vars + 1, 1), MM_STATUS_OPTIMAL, 0, 0, -1, NULL};
        int rc;
        assert_non_null(out.chosen);
        mm_alloc_fail_after(n);
        rc = fn ? fn(&input, &out) : mm_blocking_pairs(&count, NULL, 0, in->p, &in->m, out.chosen);
        total = mm_alloc_count();
        mm_alloc_fail_after(0);
        free(out.chosen);
        if (n == 0)
            assert_int_equal(rc, 0);
        else if (rc != MM_ENOMEM && !(rc == 0 && n > total))
            fail_msg("allocation %lu failed: got %d", n, rc);
        if (n > total)
            break;
    }
}

static void test_strategies_survive_allocation_failures(void **state)
{
    static mm_strategy_fn const fns[] = {mm_strategy_greedy, mm_strategy_rsd, mm_strategy_stable,
                                         mm_strategy_stable_optimal, NULL};
    char json[8192];
    instance in;

    (void)state;
    paper_instance(json, sizeof json);
    load(&in, json);
    for (size_t k = 0; k < sizeof fns / sizeof *fns; k++)
        fail_each_allocation(&in, fns[k]);
    unload(&in);
    load(&in, NO_STABLE);
    fail_each_allocation(&in, mm_strategy_stable);
    fail_each_allocation(&in, mm_strategy_stable_optimal);
    unload(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stable_finds_the_papers_student_optimal_matching),
        cmocka_unit_test(test_stable_through_the_public_api),
        cmocka_unit_test(test_stable_never_displaces_a_fixed_pair),
        cmocka_unit_test(test_stable_matching_may_not_exist_with_a_shared_cap),
        cmocka_unit_test(test_stable_is_stable_and_student_optimal_without_shared_caps),
        cmocka_unit_test(test_blocking_pairs_match_the_definition_with_shared_caps),
        cmocka_unit_test(test_stable_optimal_is_the_best_stable_matching),
        cmocka_unit_test(test_stable_optimal_with_root_gomory_only),
        cmocka_unit_test(test_stable_reduction_holds_in_every_stable_matching),
        cmocka_unit_test(test_stable_optimal_lp_on_hospitals_residents),
        cmocka_unit_test(test_stable_optimal_rotations_equal_the_lp),
        cmocka_unit_test(test_stable_optimal_rotations_on_random_scores),
        cmocka_unit_test(test_greedy_matches_its_description_on_random_instances),
        cmocka_unit_test(test_greedy_takes_the_highest_score_first),
        cmocka_unit_test(test_greedy_breaks_ties_by_student_id_bytewise),
        cmocka_unit_test(test_greedy_breaks_ties_by_idea_id_then),
        cmocka_unit_test(test_greedy_takes_the_first_mentor_with_room),
        cmocka_unit_test(test_greedy_places_fixed_pairs_first),
        cmocka_unit_test(test_greedy_respects_org_slots),
        cmocka_unit_test(test_rsd_repeats_for_a_seed_and_varies_across_seeds),
        cmocka_unit_test(test_rsd_order_for_a_seed_is_pinned),
        cmocka_unit_test(test_rsd_gives_each_student_a_fair_chance),
        cmocka_unit_test(test_strategies_survive_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
