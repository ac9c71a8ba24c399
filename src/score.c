#include "score.h"

#include "alloc.h"

int mm_app_rating(const mm_problem *p, const mm_application *app, double *out)
{
    if (app->rating_count) {
        *out = app->rating_sum / app->rating_count;
        return 1;
    }
    if (p->settings.has_default_rating) {
        *out = p->settings.default_rating;
        return 1;
    }
    return 0;
}

int mm_below_threshold(double value, double threshold)
{
    return threshold - value > MM_THRESHOLD_TOLERANCE;
}

/* `levels` holds the student's level of every skill (0 where absent). */
static double skill_component(const mm_problem *p, const mm_idea *idea, const double *levels)
{
    double met = 0, required = 0;

    for (uint32_t k = 0; k < idea->req_count; k++) {
        const mm_skill_level *req = &p->levels[idea->req_begin + k];
        double have = levels[req->skill];
        met += have < req->level ? have : req->level;
        required += req->level;
    }
    return required > 0 ? met / required : 1;
}

static int all_mentors_in_conflict(const mm_problem *p, const mm_application *app)
{
    const mm_idea *idea = &p->ideas[app->idea];

    for (uint32_t k = 0; k < idea->mentor_count; k++)
        if (!mm_problem_in_conflict(p, p->idea_mentors[idea->mentor_begin + k], app->student))
            return 0;
    return 1;
}

static unsigned ineligibility(const mm_problem *p, const mm_application *app)
{
    const mm_settings *set = &p->settings;
    unsigned why = all_mentors_in_conflict(p, app) ? MM_INELIGIBLE_CONFLICTS : 0;
    double rating;

    if (app->forbidden)
        why |= MM_INELIGIBLE_FORBIDDEN;
    if (app->fixed != MM_NONE)
        return why; /* thresholds do not apply to a fixed pair */
    if (set->has_max_rank && app->rank > set->max_rank)
        why |= MM_INELIGIBLE_MAX_RANK;
    if (set->has_min_rating) {
        if (!mm_app_rating(p, app, &rating))
            why |= MM_INELIGIBLE_UNRATED;
        else if (mm_below_threshold(rating, set->min_rating))
            why |= MM_INELIGIBLE_MIN_RATING;
    }
    if (set->has_min_skill && mm_below_threshold(app->components[MM_W_SKILL], set->min_skill))
        why |= MM_INELIGIBLE_MIN_SKILL;
    return why;
}

static void score_application(const mm_problem *p, mm_application *app, const double *levels)
{
    const mm_settings *set = &p->settings;
    const mm_idea *idea = &p->ideas[app->idea];
    double k = (double)p->max_rank_seen, rating;
    double *c = app->components;

    c[MM_W_PREFERENCE] = (k + 1 - (double)app->rank) / k;
    c[MM_W_RATING] = mm_app_rating(p, app, &rating)
                         ? (rating - set->rating_lo) / (set->rating_hi - set->rating_lo)
                         : 0;
    c[MM_W_SKILL] = skill_component(p, idea, levels);
    c[MM_W_IMPACT] = idea->impact ? (idea->impact - 1) / 4.0 : 0;
    app->score = 0;
    for (int w = 0; w < MM_COMPONENTS; w++)
        app->score += set->weights[w] * c[w];
    app->ineligible = ineligibility(p, app);
}

int mm_score(mm_problem *p)
{
    double *levels = mm_calloc(p->n_skills, sizeof *levels);

    if (!levels)
        return MM_ENOMEM;
    for (size_t s = 0; s < p->n_students; s++) {
        const mm_student *st = &p->students[s];
        for (uint32_t k = 0; k < st->skill_count; k++)
            levels[p->levels[st->skill_begin + k].skill] = p->levels[st->skill_begin + k].level;
        for (uint32_t j = 0; j < st->app_count; j++)
            score_application(p, &p->apps[st->app_begin + j], levels);
        for (uint32_t k = 0; k < st->skill_count; k++)
            levels[p->levels[st->skill_begin + k].skill] = 0;
    }
    mm_free(levels);
    return 0;
}
