/* mentormatch preview: the base solve, then the same model solved again
 * with the rating part of every score perturbed, counting placements. */
#include "preview.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "emit.h"
#include "model.h"
#include "score.h"
#include "solve.h"

void mm_preview_free(mm_preview_result *r)
{
    if (!r)
        return;
    mm_free(r->base_app);
    mm_free(r->placed);
    mm_free(r->eligible);
    mm_free(r);
}

/* ---- sampling ---------------------------------------------------------- */

/* splitmix64: small, seedable, the same sequence everywhere. */
static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A standard normal draw (Box-Muller, cosine branch). */
static double next_gauss(uint64_t *state)
{
    const double pi = 3.14159265358979323846;
    double u1 = ((double)(next_u64(state) >> 11) + 1.0) * 0x1.0p-53; /* (0, 1] */
    double u2 = (double)(next_u64(state) >> 11) * 0x1.0p-53;         /* [0, 1) */

    return sqrt(-2.0 * log(u1)) * cos(2.0 * pi * u2);
}

/* Per application, the rating value the noise is added to: its mean rating,
 * the default, or the mean of every rating in the document. */
static int centre_ratings(const mm_problem *p, double *centre)
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
    return 0;
}

/* Record where each student went in a solution. */
static void count_chosen(mm_preview_result *r, const mm_model *m, const unsigned char *chosen,
                         size_t times)
{
    for (size_t v = 0; v < m->n_vars; v++)
        if (chosen[v])
            r->placed[m->vars[v].app] += times;
}

static int solve_once(const mm_problem *p, const mm_model *m, const double *score,
                      int count_first, unsigned char **chosen)
{
    mm_glpk_objective obj = {score, count_first, NULL, 0};
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

static int run_samples(mm_preview_result *r, const mm_model *m, const double *score)
{
    const mm_problem *p = r->p;
    const mm_settings *set = &p->settings;
    int count_first = set->objective == MM_OBJ_COUNT_THEN_SCORE;
    double span = set->rating_hi - set->rating_lo;
    double w = set->weights[MM_W_RATING];
    double *centre = mm_malloc((p->n_apps + 1) * sizeof *centre);
    double *delta = mm_malloc((p->n_apps + 1) * sizeof *delta);
    double *perturbed = mm_malloc((m->n_vars + 1) * sizeof *perturbed);
    uint64_t state = (uint64_t)r->opts.seed;
    unsigned char *chosen = NULL;
    int rc = centre && delta && perturbed ? 0 : MM_ENOMEM;

    if (rc == 0)
        rc = centre_ratings(p, centre);
    for (size_t k = 0; rc == 0 && k < r->opts.samples; k++) {
        for (size_t a = 0; a < p->n_apps; a++) {
            double moved = centre[a] + r->opts.noise * next_gauss(&state);
            moved = moved < set->rating_lo ? set->rating_lo
                    : moved > set->rating_hi ? set->rating_hi : moved;
            delta[a] = w * (moved - centre[a]) / span;
        }
        for (size_t v = 0; v < m->n_vars; v++)
            perturbed[v] = score[v] + delta[m->vars[v].app];
        rc = solve_once(p, m, perturbed, count_first, &chosen);
        if (rc == 0)
            count_chosen(r, m, chosen, 1);
        mm_free(chosen);
        chosen = NULL;
    }
    mm_free(centre);
    mm_free(delta);
    mm_free(perturbed);
    return rc;
}

static int run(mm_preview_result *r, mm_diags *diags)
{
    const mm_problem *p = r->p;
    mm_model m;
    double *score = NULL;
    unsigned char *chosen = NULL;
    int rc = mm_model_build(&m, p);

    if (rc == 0 && !(score = mm_model_scores(&m, p)))
        rc = MM_ENOMEM;
    if (rc == 0)
        rc = solve_once(p, &m, score, p->settings.objective == MM_OBJ_COUNT_THEN_SCORE, &chosen);
    if (rc == MM_EINFEASIBLE)
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL,
                    "the constraints cannot all hold; run 'check' or 'solve' for why");
    if (rc == 0) {
        for (size_t v = 0; v < m.n_vars; v++) {
            r->eligible[m.vars[v].app] = 1;
            if (chosen[v])
                r->base_app[m.vars[v].student] = m.vars[v].app;
        }
        /* Without noise (or without weight on the rating) every sample is the base. */
        if (r->opts.samples == 0 || r->opts.noise == 0 || p->settings.weights[MM_W_RATING] == 0)
            count_chosen(r, &m, chosen, r->opts.samples ? r->opts.samples : 1);
        else
            rc = run_samples(r, &m, score);
    }
    mm_free(chosen);
    mm_free(score);
    mm_model_dispose(&m);
    return rc;
}

int mm_preview(mm_preview_result **out, const mm_problem *p, const char *mentor_id,
               const mm_preview_options *opts, mm_diags *diags)
{
    static const mm_preview_options defaults = MM_PREVIEW_OPTIONS_INIT;
    mm_preview_result *r = mm_calloc(1, sizeof *r);
    int rc = 0;

    *out = NULL;
    if (!r)
        return MM_ENOMEM;
    r->p = p;
    r->opts = opts ? *opts : defaults;
    r->high = p->settings.rating_hi - (p->settings.rating_hi - p->settings.rating_lo) / 4;
    r->mentor = mm_strmap_get(&p->mentor_ids, mentor_id, strlen(mentor_id));
    if (r->mentor == MM_NOT_FOUND) {
        mm_diag_add(diags, MM_SEVERITY_ERROR, NULL, "unknown mentor " MM_ID_FMT,
                    MM_ID_ARG(mentor_id));
        rc = MM_EINVALID;
    }
    if (rc == 0) {
        r->base_app = mm_malloc((p->n_students + 1) * sizeof *r->base_app);
        r->placed = mm_calloc(p->n_apps + 1, sizeof *r->placed);
        r->eligible = mm_calloc(p->n_apps + 1, 1);
        rc = r->base_app && r->placed && r->eligible ? 0 : MM_ENOMEM;
    }
    for (size_t s = 0; rc == 0 && s < p->n_students; s++)
        r->base_app[s] = MM_NONE;
    if (rc == 0)
        rc = run(r, diags);
    if (rc != 0) {
        mm_preview_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* ---- writing ----------------------------------------------------------- */

static double denominator(const mm_preview_result *r)
{
    return r->opts.samples ? (double)r->opts.samples : 1.0;
}

static double probability(const mm_preview_result *r, uint32_t app)
{
    return (double)r->placed[app] / denominator(r);
}

static int mentors_idea(const mm_preview_result *r, uint32_t idea)
{
    const mm_idea *d = &r->p->ideas[idea];

    for (uint32_t k = 0; k < d->mentor_count; k++)
        if (r->p->idea_mentors[d->mentor_begin + k] == r->mentor)
            return 1;
    return 0;
}

/* This mentor's own mean rating of the application; 0 when they gave none. */
static int own_rating(const mm_preview_result *r, uint32_t app, double *out)
{
    const mm_application *a = &r->p->apps[app];
    double sum = 0;
    size_t n = 0;

    for (size_t k = 0; k < r->p->n_ratings; k++) {
        const mm_rating *g = &r->p->ratings[k];
        if (g->mentor == r->mentor && g->student == a->student && g->idea == a->idea) {
            sum += g->score;
            n++;
        }
    }
    if (n)
        *out = sum / (double)n;
    return n > 0;
}

/* Rated highly by this mentor, and more likely elsewhere (or nowhere) than here. */
static int going_elsewhere(const mm_preview_result *r, uint32_t app)
{
    double rating;

    return own_rating(r, app, &rating) && rating >= r->high && probability(r, app) < 0.5;
}

/* The idea's applications, most likely first, then input order; @return how many. */
static size_t idea_apps(const mm_preview_result *r, uint32_t idea, uint32_t *apps)
{
    size_t n = 0;

    for (size_t a = 0; a < r->p->n_apps; a++) {
        if (r->p->apps[a].idea != idea)
            continue;
        size_t k = n++;
        while (k > 0 && r->placed[apps[k - 1]] < r->placed[a]) {
            apps[k] = apps[k - 1];
            k--;
        }
        apps[k] = (uint32_t)a;
    }
    return n;
}

static double unassigned(const mm_preview_result *r, uint32_t student)
{
    const mm_student *st = &r->p->students[student];
    size_t placed = 0;

    for (uint32_t j = 0; j < st->app_count; j++)
        placed += r->placed[st->app_begin + j];
    return 1.0 - (double)placed / denominator(r);
}

static void text_idea(const mm_preview_result *r, uint32_t idea, uint32_t *apps, FILE *out)
{
    const mm_problem *p = r->p;
    const mm_idea *d = &p->ideas[idea];
    size_t n = idea_apps(r, idea, apps), shown = 0;
    double rating;

    fputs("\nidea ", out);
    mm_emit_visible(out, d->id);
    if (d->title) {
        fputs(" - ", out);
        mm_emit_visible(out, d->title);
    }
    fprintf(out, " (%lld slot%s)\n  now:", (long long)d->slots, d->slots == 1 ? "" : "s");
    for (size_t k = 0; k < n; k++)
        if (r->base_app[p->apps[apps[k]].student] == apps[k]) {
            fputc(' ', out);
            mm_emit_visible(out, p->students[p->apps[apps[k]].student].id);
            shown++;
        }
    fputs(shown ? "\n" : " (nobody)\n", out);
    if (n == 0) {
        fputs("  no applicants\n", out);
        return;
    }
    fprintf(out, "  %-16s %-11s %-4s %s\n", "applicant", "your rating", "now", "P(here)");
    for (size_t k = 0; k < n; k++) {
        const mm_application *a = &p->apps[apps[k]];
        const char *id = p->students[a->student].id;
        fputs("  ", out);
        mm_emit_visible(out, id);
        for (size_t w = mm_visible_width(id); w < 17; w++)
            fputc(' ', out);
        if (own_rating(r, apps[k], &rating))
            fprintf(out, "%-11.2f ", rating);
        else
            fprintf(out, "%-11s ", "-");
        fprintf(out, "%-4s %.3f%s\n", r->base_app[a->student] == apps[k] ? "yes" : "-",
                probability(r, apps[k]), r->eligible[apps[k]] ? "" : "  (not eligible)");
    }
    shown = 0;
    for (size_t k = 0; k < n; k++) {
        const mm_application *a = &p->apps[apps[k]];
        const mm_student *st = &p->students[a->student];
        if (!going_elsewhere(r, apps[k]))
            continue;
        if (shown++ == 0)
            fputs("  rated highly, likely elsewhere:\n", out);
        fputs("    ", out);
        mm_emit_visible(out, st->id);
        fputs(" ->", out);
        for (uint32_t j = 0; j < st->app_count; j++) {
            uint32_t other = st->app_begin + j;
            if (other == apps[k] || r->placed[other] == 0)
                continue;
            fputc(' ', out);
            mm_emit_visible(out, p->ideas[p->apps[other].idea].id);
            fprintf(out, " %.3f,", probability(r, other));
        }
        fprintf(out, " unassigned %.3f\n", unassigned(r, a->student));
    }
}

static void write_text(const mm_preview_result *r, uint32_t *apps, FILE *out)
{
    const mm_problem *p = r->p;
    size_t n = 0;

    fputs("preview for mentor ", out);
    mm_emit_visible(out, p->mentors[r->mentor].id);
    fprintf(out, ": %zu samples, rating noise %g, seed %llu\n", r->opts.samples, r->opts.noise,
            r->opts.seed);
    for (size_t i = 0; i < p->n_ideas; i++)
        if (mentors_idea(r, (uint32_t)i)) {
            text_idea(r, (uint32_t)i, apps, out);
            n++;
        }
    if (n == 0)
        fputs("\nthe mentor mentors no idea\n", out);
}

static void json_idea(const mm_preview_result *r, uint32_t idea, uint32_t *apps, FILE *out)
{
    const mm_problem *p = r->p;
    const mm_idea *d = &p->ideas[idea];
    size_t n = idea_apps(r, idea, apps), shown = 0;
    double rating;

    fputs("{\"id\": ", out);
    mm_emit_json_string(out, d->id);
    fputs(", \"title\": ", out);
    if (d->title)
        mm_emit_json_string(out, d->title);
    else
        fputs("null", out);
    fprintf(out, ", \"slots\": %lld, \"now\": [", (long long)d->slots);
    for (size_t k = 0; k < n; k++)
        if (r->base_app[p->apps[apps[k]].student] == apps[k]) {
            fputs(shown++ ? ", " : "", out);
            mm_emit_json_string(out, p->students[p->apps[apps[k]].student].id);
        }
    fputs("], \"applicants\": [", out);
    for (size_t k = 0; k < n; k++) {
        const mm_application *a = &p->apps[apps[k]];
        fputs(k ? ", {\"student\": " : "{\"student\": ", out);
        mm_emit_json_string(out, p->students[a->student].id);
        fputs(", \"rating\": ", out);
        if (own_rating(r, apps[k], &rating))
            mm_emit_json_number(out, rating);
        else
            fputs("null", out);
        fprintf(out, ", \"now\": %s, \"eligible\": %s, \"probability\": ",
                r->base_app[a->student] == apps[k] ? "true" : "false",
                r->eligible[apps[k]] ? "true" : "false");
        mm_emit_json_number(out, probability(r, apps[k]));
        fputc('}', out);
    }
    fputs("], \"elsewhere\": [", out);
    shown = 0;
    for (size_t k = 0; k < n; k++) {
        const mm_application *a = &p->apps[apps[k]];
        const mm_student *st = &p->students[a->student];
        size_t dests = 0;
        if (!going_elsewhere(r, apps[k]))
            continue;
        fputs(shown++ ? ", {\"student\": " : "{\"student\": ", out);
        mm_emit_json_string(out, st->id);
        fputs(", \"destinations\": [", out);
        for (uint32_t j = 0; j < st->app_count; j++) {
            uint32_t other = st->app_begin + j;
            if (other == apps[k] || r->placed[other] == 0)
                continue;
            fputs(dests++ ? ", {\"idea\": " : "{\"idea\": ", out);
            mm_emit_json_string(out, p->ideas[p->apps[other].idea].id);
            fputs(", \"probability\": ", out);
            mm_emit_json_number(out, probability(r, other));
            fputc('}', out);
        }
        fputs("], \"unassigned\": ", out);
        mm_emit_json_number(out, unassigned(r, a->student));
        fputc('}', out);
    }
    fputs("]}", out);
}

static void write_json(const mm_preview_result *r, uint32_t *apps, FILE *out)
{
    const mm_problem *p = r->p;
    size_t n = 0;

    fputs("{\"mentor\": ", out);
    mm_emit_json_string(out, p->mentors[r->mentor].id);
    fprintf(out, ", \"samples\": %zu, \"noise\": ", r->opts.samples);
    mm_emit_json_number(out, r->opts.noise);
    fprintf(out, ", \"seed\": %llu, \"ideas\": [", r->opts.seed);
    for (size_t i = 0; i < p->n_ideas; i++)
        if (mentors_idea(r, (uint32_t)i)) {
            fputs(n++ ? ",\n  " : "\n  ", out);
            json_idea(r, (uint32_t)i, apps, out);
        }
    fputs(n ? "\n]}\n" : "]}\n", out);
}

int mm_preview_write(const mm_preview_result *r, mm_format format, FILE *out)
{
    uint32_t *apps = mm_malloc((r->p->n_apps + 1) * sizeof *apps);

    if (!apps)
        return MM_ENOMEM;
    if (format == MM_FORMAT_JSON)
        write_json(r, apps, out);
    else
        write_text(r, apps, out);
    mm_free(apps);
    return fflush(out) != 0 || ferror(out) ? MM_EIO : 0;
}
