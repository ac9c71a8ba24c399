/* mentormatch preview: one set of solves for every mentor's page. The base
 * solve; the same model solved again with the rating part of every score
 * perturbed, counting placements of every application (on up to `jobs`
 * threads: sample k draws from its own stretch of the seed's sequence, so
 * the counts do not depend on the threads); then the exact thresholds of
 * the applications to the requested mentors' ideas (threshold.c). */
#include "preview.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "model.h"
#include "quota.h"
#include "score.h"
#include "solve.h"
#include "ties.h"
#include "solve_network.h"
#include "suggest.h"

void mm_preview_set_free(mm_preview_set *s)
{
    if (!s)
        return;
    mm_free(s->mentors);
    mm_free(s->want_idea);
    mm_free(s->base_app);
    mm_free(s->base_mentor);
    mm_free(s->mentor_load);
    mm_free(s->idea_filled);
    mm_free(s->org_filled);
    mm_free(s->cell_count);
    mm_free(s->placed);
    mm_free(s->has_var);
    mm_free(s->th);
    mm_free(s->idea_begin);
    mm_free(s->idea_apps);
    mm_free(s->rating_begin);
    mm_free(s->rating_of);
    mm_free(s);
}

size_t mm_preview_set_count(const mm_preview_set *s)
{
    return s->n_mentors;
}

const char *mm_preview_set_mentor(const mm_preview_set *s, size_t k)
{
    return k < s->n_mentors ? s->p->mentors[s->mentors[k]].id : NULL;
}

int mm_preview_mentors_idea(const mm_problem *p, uint32_t mentor, uint32_t idea)
{
    const mm_idea *d = &p->ideas[idea];

    for (uint32_t k = 0; k < d->mentor_count; k++)
        if (p->idea_mentors[d->mentor_begin + k] == mentor)
            return 1;
    return 0;
}

/* ---- sampling ---------------------------------------------------------- */

#define GOLDEN 0x9e3779b97f4a7c15ULL

/* splitmix64: small, seedable, the same sequence everywhere. */
static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += GOLDEN);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A standard normal draw (Box-Muller, cosine branch): two steps of the state. */
static double next_gauss(uint64_t *state)
{
    const double pi = 3.14159265358979323846;
    double u1 = ((double)(next_u64(state) >> 11) + 1.0) * 0x1.0p-53; /* (0, 1] */
    double u2 = (double)(next_u64(state) >> 11) * 0x1.0p-53;         /* [0, 1) */

    return sqrt(-2.0 * log(u1)) * cos(2.0 * pi * u2);
}

/* Per application, the rating value the noise is added to: its mean rating,
 * the default, or the mean of every rating in the document. */
static void centre_ratings(const mm_problem *p, double *centre)
{
    double sum = 0, fallback;
    size_t n = 0;

    for (size_t k = 0; k < p->n_ratings; k++)
        if (p->ratings[k].mentor != MM_NONE && p->ratings[k].student != MM_NONE &&
            p->ratings[k].idea != MM_NONE) {
            sum += p->ratings[k].score;
            n++;
        }
    fallback = n ? sum / (double)n : (p->settings.rating_lo + p->settings.rating_hi) / 2;
    for (size_t a = 0; a < p->n_apps; a++)
        if (!mm_app_rating(p, &p->apps[a], &centre[a]))
            centre[a] = fallback;
}

/* tie: the tie tier's weights (the base, so that "now" is solve's
 * allocation, ties.h), or NULL (samples). */
static int solve_once(const mm_problem *p, const mm_model *m, const double *score,
                      int count_first, const double *tie, unsigned char **chosen)
{
    mm_glpk_objective obj = {score, count_first, NULL, 0, tie, NULL, NULL};
    mm_glpk_limits limits = {.started = mm_now()};
    mm_glpk_outcome outcome = {0};
    const char *used;
    int rc = mm_program_solve(p, m, &obj, &limits, MM_SOLVER_AUTO, &outcome, &used, NULL);

    *chosen = NULL;
    if (rc != 0)
        return rc;
    if (outcome.kind == MM_OUTCOME_OPTIMAL) {
        *chosen = outcome.chosen;
        return 0;
    }
    mm_free(outcome.chosen);
    return outcome.kind == MM_OUTCOME_INFEASIBLE ? MM_EINFEASIBLE : MM_EINTERNAL;
}

/* What one thread of samples shares and owns. */
typedef struct {
    const mm_preview_set *s;
    const mm_model *m;
    const mm_net_warm *warm; /* the base's flow to start from; NULL: none */
    const double *score, *centre;
    size_t first, step;  /* samples first, first + step, ... */
    size_t *placed;      /* this thread's counts, per application */
    int rc;
} sampler;

/* One sample: warm from the base's flow when that proves its optimum,
 * else the plain solve (the relaxation broke a row: GLPK decides). */
static int solve_sample(const sampler *w, mm_net_warm_work *work, const double *score,
                        unsigned char **chosen)
{
    int proven = 0, rc = 0;

    *chosen = NULL;
    if (work) {
        if (!(*chosen = mm_malloc(w->m->n_vars + 1)))
            return MM_ENOMEM;
        rc = mm_net_warm_solve(work, score, *chosen, &proven);
        if (rc != 0 || proven)
            return rc;
        mm_free(*chosen);
    }
    return solve_once(w->s->p, w->m, score,
                      w->s->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE, NULL, chosen);
}

static void *run_samples(void *arg)
{
    sampler *w = arg;
    const mm_problem *p = w->s->p;
    const mm_settings *set = &p->settings;
    double span = set->rating_hi - set->rating_lo, w_rating = set->weights[MM_W_RATING];
    double *delta = mm_malloc((p->n_apps + 1) * sizeof *delta);
    double *perturbed = mm_malloc((w->m->n_vars + 1) * sizeof *perturbed);
    unsigned char *chosen = NULL;
    mm_net_warm_work *work = NULL;

    w->rc = delta && perturbed ? 0 : MM_ENOMEM;
    if (w->rc == 0 && w->warm)
        w->rc = mm_net_warm_work_new(&work, w->warm);
    for (size_t k = w->first; w->rc == 0 && k < w->s->opts.samples; k += w->step) {
        /* Sample k starts where k samples of two draws per application end. */
        uint64_t state = (uint64_t)w->s->opts.seed + (uint64_t)k * 2 * (uint64_t)p->n_apps * GOLDEN;
        for (size_t a = 0; a < p->n_apps; a++) {
            double moved = w->centre[a] + w->s->opts.noise * next_gauss(&state);
            moved = moved < set->rating_lo ? set->rating_lo
                    : moved > set->rating_hi ? set->rating_hi : moved;
            delta[a] = w_rating * (moved - w->centre[a]) / span;
        }
        for (size_t v = 0; v < w->m->n_vars; v++)
            perturbed[v] = w->score[v] + delta[w->m->vars[v].app];
        w->rc = solve_sample(w, work, perturbed, &chosen);
        for (size_t v = 0; w->rc == 0 && v < w->m->n_vars; v++)
            w->placed[w->m->vars[v].app] += chosen[v];
        mm_free(chosen);
        chosen = NULL;
    }
    mm_net_warm_work_free(work);
    mm_free(delta);
    mm_free(perturbed);
    return NULL;
}

/* The network the samples solve, built once. */
static int warm_start(const mm_preview_set *s, const mm_model *m, const double *score,
                      mm_net_warm **warm)
{
    return mm_net_warm_new(warm, s->p, m, score,
                           s->p->settings.objective == MM_OBJ_COUNT_THEN_SCORE);
}

static int sample(mm_preview_set *s, const mm_model *m, const double *score)
{
    enum { MAX_JOBS = 16 };
    const mm_problem *p = s->p;
    size_t jobs = s->opts.jobs ? s->opts.jobs : 2;
    sampler w[MAX_JOBS];
    pthread_t threads[MAX_JOBS];
    int started[MAX_JOBS] = {0};
    double *centre = mm_malloc((p->n_apps + 1) * sizeof *centre);
    mm_net_warm *warm = NULL;
    int rc = centre ? 0 : MM_ENOMEM;

    jobs = jobs > MAX_JOBS ? MAX_JOBS : jobs > s->opts.samples ? s->opts.samples : jobs;
    if (rc == 0)
        centre_ratings(p, centre);
    if (rc == 0)
        rc = warm_start(s, m, score, &warm);
    for (size_t j = 0; j < jobs; j++) {
        w[j] = (sampler){s, m, warm, score, centre, j, jobs, NULL, 0};
        w[j].placed = j == 0 ? s->placed : mm_calloc(p->n_apps + 1, sizeof *w[j].placed);
        if (rc == 0 && !w[j].placed)
            rc = MM_ENOMEM;
    }
    /* Thread 0 is this one; the others only when they start. */
    for (size_t j = 1; rc == 0 && j < jobs; j++)
        started[j] = pthread_create(&threads[j], NULL, run_samples, &w[j]) == 0;
    if (rc == 0)
        run_samples(&w[0]);
    for (size_t j = 1; j < jobs; j++) {
        if (rc == 0 && !started[j])
            run_samples(&w[j]); /* no thread to be had: its share here */
        else if (started[j])
            pthread_join(threads[j], NULL);
    }
    for (size_t j = 0; j < jobs; j++) {
        if (rc == 0 && w[j].rc != 0)
            rc = w[j].rc;
        for (size_t a = 0; j > 0 && w[j].placed && a < p->n_apps; a++)
            s->placed[a] += w[j].placed[a];
        if (j > 0)
            mm_free(w[j].placed);
    }
    mm_net_warm_free(warm);
    mm_free(centre);
    return rc;
}

/* ---- the set ----------------------------------------------------------- */

static void record_base(mm_preview_set *s, const mm_model *m, const unsigned char *chosen)
{
    const mm_problem *p = s->p;

    for (size_t v = 0; v < m->n_vars; v++) {
        const mm_var *x = &m->vars[v];
        s->has_var[x->app] = 1;
        if (!chosen[v])
            continue;
        s->base_app[x->student] = x->app;
        s->base_mentor[x->student] = x->mentor;
        s->mentor_load[x->mentor]++;
        s->idea_filled[p->apps[x->app].idea]++;
        if (p->ideas[p->apps[x->app].idea].org != MM_NONE)
            s->org_filled[p->ideas[p->apps[x->app].idea].org]++;
        s->assigned++;
        for (uint32_t q = 0; q < p->n_quotas; q++) {
            uint32_t c = mm_quota_cell_of(p, q, x->app, x->mentor);
            if (c != MM_NONE)
                s->cell_count[c]++;
        }
    }
}

static int thresholds(mm_preview_set *s, const mm_model *m, const double *score,
                      const unsigned char *chosen)
{
    const mm_settings *set = &s->p->settings;
    double w = set->weights[MM_W_RATING];
    /* No rating moves a score by more than the rating's weight. */
    mm_threshold_options topts = {s->want_idea, w > 0 ? w * (1 + 1e-9) + 1e-12 : 1e-12,
                                  s->opts.threshold_time};
    double started = mm_now();
    int rc = mm_thresholds(s->p, m, score, set->objective == MM_OBJ_COUNT_THEN_SCORE, chosen,
                           &topts, s->th, &s->th_stats);

    s->seconds_thresholds = mm_now() - started;
    return rc;
}

static int run(mm_preview_set *s, mm_diags *diags)
{
    const mm_problem *p = s->p;
    mm_model m;
    double *score = NULL, *tie = NULL, started;
    unsigned char *chosen = NULL;
    int rc = mm_model_build(&m, p);

    if (rc == 0 && (!(score = mm_model_scores(&m, p)) || !(tie = mm_tie_weights(p, &m))))
        rc = MM_ENOMEM;
    if (rc == 0)
        rc = solve_once(p, &m, score, p->settings.objective == MM_OBJ_COUNT_THEN_SCORE, tie,
                        &chosen);
    mm_free(tie);
    if (rc == MM_EINFEASIBLE)
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL,
                    "the constraints cannot all hold; run 'check' or 'solve' for why");
    if (rc == 0)
        record_base(s, &m, chosen);
    started = mm_now();
    /* Without noise (or without weight on the rating) every sample is the base. */
    if (rc == 0 && (s->opts.samples == 0 || s->opts.noise == 0 ||
                    p->settings.weights[MM_W_RATING] == 0)) {
        for (size_t v = 0; v < m.n_vars; v++)
            s->placed[m.vars[v].app] += chosen[v] ? (s->opts.samples ? s->opts.samples : 1) : 0;
    } else if (rc == 0)
        rc = sample(s, &m, score);
    s->seconds_samples = mm_now() - started;
    if (rc == 0)
        rc = thresholds(s, &m, score, chosen);
    mm_free(chosen);
    mm_free(score);
    mm_model_dispose(&m);
    return rc;
}

static int find_mentors(mm_preview_set *s, const char *const *ids, size_t n, mm_diags *diags)
{
    const mm_problem *p = s->p;
    int rc = 0;
    size_t budget = MM_SUGGEST_BUDGET_INIT;

    s->n_mentors = ids ? n : p->n_mentors;
    if (!(s->mentors = mm_malloc((s->n_mentors + 1) * sizeof *s->mentors)))
        return MM_ENOMEM;
    for (size_t k = 0; k < s->n_mentors; k++) {
        uint32_t m = ids ? mm_strmap_get(&p->mentor_ids, ids[k], strlen(ids[k])) : (uint32_t)k;
        s->mentors[k] = m;
        if (m == MM_NOT_FOUND) {
            char near[MM_SUGGEST_SUFFIX_SIZE];
            mm_diag_add(diags, MM_SEVERITY_ERROR, NULL, "unknown mentor " MM_ID_FMT "%s",
                        MM_ID_ARG(ids[k]),
                        mm_suggest_id_suffix(near, ids[k], strlen(ids[k]), &p->mentor_ids,
                                             &budget));
            rc = MM_EINVALID;
            continue;
        }
        for (size_t j = 0; j < k; j++)
            if (s->mentors[j] == m) {
                mm_diag_add(diags, MM_SEVERITY_ERROR, NULL,
                            "mentor " MM_ID_FMT " is named twice; name each mentor once",
                            MM_ID_ARG(ids[k]));
                rc = MM_EINVALID;
                break;
            }
        for (size_t i = 0; rc == 0 && i < p->n_ideas; i++)
            s->want_idea[i] |= (unsigned char)mm_preview_mentors_idea(p, m, (uint32_t)i);
    }
    return rc;
}

/* Per key (n_keys), the items whose key is key_of[item], in item order:
 * begin[key]..begin[key + 1] in items. MM_NONE keys are left out. */
static int bucket(const uint32_t *key_of, size_t n, size_t n_keys, uint32_t **begin,
                  uint32_t **items)
{
    uint32_t *fill;

    *begin = mm_calloc(n_keys + 2, sizeof **begin);
    *items = mm_malloc((n + 1) * sizeof **items);
    fill = mm_malloc((n_keys + 1) * sizeof *fill);
    if (!*begin || !*items || !fill) {
        mm_free(fill);
        return MM_ENOMEM;
    }
    for (size_t k = 0; k < n; k++)
        if (key_of[k] != MM_NONE)
            (*begin)[key_of[k] + 1]++;
    for (size_t k = 0; k < n_keys; k++)
        (*begin)[k + 1] += (*begin)[k];
    memcpy(fill, *begin, n_keys * sizeof *fill);
    for (size_t k = 0; k < n; k++)
        if (key_of[k] != MM_NONE)
            (*items)[fill[key_of[k]]++] = (uint32_t)k;
    mm_free(fill);
    return 0;
}

/* Which applications each idea has, which ratings each application. */
static int index_problem(mm_preview_set *s)
{
    const mm_problem *p = s->p;
    size_t n = p->n_apps > p->n_ratings ? p->n_apps : p->n_ratings;
    uint32_t *key = mm_malloc((n + 1) * sizeof *key);
    int rc;

    if (!key)
        return MM_ENOMEM;
    for (size_t a = 0; a < p->n_apps; a++)
        key[a] = p->apps[a].idea;
    rc = bucket(key, p->n_apps, p->n_ideas, &s->idea_begin, &s->idea_apps);
    for (size_t k = 0; k < p->n_ratings; k++) {
        const mm_rating *g = &p->ratings[k];
        key[k] = g->mentor == MM_NONE || g->student == MM_NONE || g->idea == MM_NONE
                     ? MM_NONE
                     : mm_problem_find_app(p, g->student, g->idea);
    }
    if (rc == 0)
        rc = bucket(key, p->n_ratings, p->n_apps, &s->rating_begin, &s->rating_of);
    mm_free(key);
    return rc;
}

static int allocate(mm_preview_set *s)
{
    const mm_problem *p = s->p;

    s->want_idea = mm_calloc(p->n_ideas + 1, 1);
    s->base_app = mm_malloc((p->n_students + 1) * sizeof *s->base_app);
    s->base_mentor = mm_malloc((p->n_students + 1) * sizeof *s->base_mentor);
    s->mentor_load = mm_calloc(p->n_mentors + 1, sizeof *s->mentor_load);
    s->idea_filled = mm_calloc(p->n_ideas + 1, sizeof *s->idea_filled);
    s->org_filled = mm_calloc(p->n_orgs + 1, sizeof *s->org_filled);
    s->cell_count = mm_calloc(p->n_cells + 1, sizeof *s->cell_count);
    s->placed = mm_calloc(p->n_apps + 1, sizeof *s->placed);
    s->has_var = mm_calloc(p->n_apps + 1, 1);
    s->th = mm_calloc(p->n_apps + 1, sizeof *s->th);
    if (!s->want_idea || !s->base_app || !s->base_mentor || !s->mentor_load || !s->idea_filled ||
        !s->org_filled || !s->cell_count || !s->placed || !s->has_var || !s->th)
        return MM_ENOMEM;
    for (size_t st = 0; st < p->n_students; st++)
        s->base_app[st] = s->base_mentor[st] = MM_NONE;
    return 0;
}

int mm_preview_all(mm_preview_set **out, const mm_problem *p, const char *const *mentor_ids,
                   size_t n_mentors, const mm_preview_options *opts, mm_diags *diags)
{
    static const mm_preview_options defaults = MM_PREVIEW_OPTIONS_INIT;
    mm_preview_set *s = mm_calloc(1, sizeof *s);
    int rc;

    *out = NULL;
    if (!s)
        return MM_ENOMEM;
    s->p = p;
    s->opts = opts ? *opts : defaults;
    rc = allocate(s);
    if (rc == 0)
        rc = index_problem(s);
    if (rc == 0)
        rc = find_mentors(s, mentor_ids, n_mentors, diags);
    if (rc == 0)
        rc = run(s, diags);
    if (rc != 0) {
        mm_preview_set_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* ---- one mentor -------------------------------------------------------- */

int mm_preview(mm_preview_result **out, const mm_problem *p, const char *mentor_id,
               const mm_preview_options *opts, mm_diags *diags)
{
    mm_preview_result *r = mm_calloc(1, sizeof *r);
    int rc;

    *out = NULL;
    if (!r)
        return MM_ENOMEM;
    rc = mm_preview_all(&r->set, p, &mentor_id, 1, opts, diags);
    if (rc == 0)
        rc = mm_preview_page(&r->page, r->set, 0);
    if (rc != 0) {
        mm_preview_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

mm_mentor_page *mm_preview_result_page(mm_preview_result *r)
{
    return r->page;
}

int mm_preview_write(const mm_preview_result *r, mm_format format, FILE *out)
{
    if (format == MM_FORMAT_CSV)
        return MM_EINVALID;
    return mm_mentor_page_write(r->page, format == MM_FORMAT_JSON ? MM_PAGE_JSON : MM_PAGE_TEXT,
                                out);
}

void mm_preview_free(mm_preview_result *r)
{
    if (!r)
        return;
    mm_mentor_page_free(r->page);
    mm_preview_set_free(r->set);
    mm_free(r);
}
