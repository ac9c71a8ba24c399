#include "validate.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "diag.h"
#include "jpath.h"
#include "jsonfile.h" /* mm_deadline_passed */

typedef struct {
    mm_problem *p;
    mm_diags *diags;
    int oom;
} checker;

#define PLACE_SIZE 96

static void check_min_loads(checker *c)
{
    char place[PLACE_SIZE];

    for (size_t m = 0; m < c->p->n_mentors; m++) {
        const mm_mentor *mentor = &c->p->mentors[m];
        if (mentor->min_load > mentor->capacity)
            mm_diag_add(c->diags, MM_SEVERITY_ERROR,
                        mm_place_fmt(place, sizeof place, "mentors", m, "min_load"),
                        "min_load %lld exceeds capacity %lld",
                        (long long)mentor->min_load, (long long)mentor->capacity);
    }
}

static void app_place(char *buf, size_t size, size_t s, size_t j, const char *key)
{
    snprintf(buf, size, key ? "students[%zu].applications[%zu].%s"
                            : "students[%zu].applications[%zu]", s, j, key);
}

/* Map (student, idea) to its application; a second application is an error. */
static void index_applications(checker *c, const mm_student *st, size_t s)
{
    char place[PLACE_SIZE];

    for (uint32_t j = 0; j < st->app_count; j++) {
        uint32_t a = st->app_begin + j, first;
        const mm_application *app = &c->p->apps[a];
        int put;

        if (app->idea == MM_NONE)
            continue;
        put = mm_u64map_put(&c->p->app_of_pair, mm_pair_key(app->student, app->idea), a, &first);
        if (put < 0)
            c->oom = 1;
        if (put > 0) {
            app_place(place, sizeof place, s, j, "idea");
            mm_diag_add(c->diags, MM_SEVERITY_ERROR, place,
                        "applies to idea " MM_ID_FMT " again (first at applications[%u])",
                        MM_ID_ARG(c->p->ideas[app->idea].id), first - st->app_begin);
        }
    }
}

typedef struct {
    int64_t rank;
    uint32_t position;
} rank_entry;

static int by_rank_then_position(const void *a, const void *b)
{
    const rank_entry *x = a, *y = b;

    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->position < y->position ? -1 : x->position > y->position;
}

static void check_duplicate_ranks(checker *c, const mm_student *st, size_t s)
{
    rank_entry *entries = mm_malloc(st->app_count * sizeof *entries);
    size_t n = 0;
    char place[PLACE_SIZE];

    if (!entries) {
        c->oom = 1;
        return;
    }
    for (uint32_t j = 0; j < st->app_count; j++)
        if (c->p->apps[st->app_begin + j].rank > 0)
            entries[n++] = (rank_entry){c->p->apps[st->app_begin + j].rank, j};
    qsort(entries, n, sizeof *entries, by_rank_then_position);
    for (size_t k = 1; k < n; k++) {
        if (entries[k].rank != entries[k - 1].rank)
            continue;
        app_place(place, sizeof place, s, entries[k].position, "rank");
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, place,
                    "rank %lld given twice (also at applications[%u])",
                    (long long)entries[k].rank, entries[k - 1].position);
    }
    mm_free(entries);
}

/* A student ranks all applications or none; none means list order. */
static void check_ranks(checker *c, const mm_student *st, size_t s)
{
    uint32_t explicit_count = 0, first_missing = MM_NONE;
    char place[PLACE_SIZE];

    for (uint32_t j = 0; j < st->app_count; j++) {
        const mm_application *app = &c->p->apps[st->app_begin + j];
        explicit_count += app->explicit_rank != 0;
        if (!app->explicit_rank && first_missing == MM_NONE)
            first_missing = j;
    }
    if (explicit_count == 0) {
        for (uint32_t j = 0; j < st->app_count; j++)
            c->p->apps[st->app_begin + j].rank = j + 1;
    } else if (explicit_count < st->app_count) {
        app_place(place, sizeof place, s, first_missing, NULL);
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, place,
                    "rank missing: the student ranks other applications (rank all or none)");
    } else {
        check_duplicate_ranks(c, st, s);
    }
}

static void check_students(checker *c)
{
    /* one key per application: no rehash on the way (a failure here is
     * no error, the map then grows as before) */
    mm_u64map_reserve(&c->p->app_of_pair, c->p->app_of_pair.count + c->p->n_apps);
    for (size_t s = 0; s < c->p->n_students; s++) {
        const mm_student *st = &c->p->students[s];
        index_applications(c, st, s);
        check_ranks(c, st, s);
    }
    for (size_t a = 0; a < c->p->n_apps; a++)
        if (c->p->apps[a].rank > c->p->max_rank_seen)
            c->p->max_rank_seen = c->p->apps[a].rank;
}

static void index_conflicts(checker *c)
{
    for (size_t k = 0; k < c->p->n_conflicts; k++) {
        const mm_conflict *conflict = &c->p->conflicts[k];
        if (conflict->mentor == MM_NONE || conflict->student == MM_NONE)
            continue;
        if (mm_u64map_put(&c->p->conflict_pairs,
                          mm_pair_key(conflict->mentor, conflict->student), (uint32_t)k,
                          NULL) < 0)
            c->oom = 1;
    }
}

/* Score in scale, one per mentor and application, of an application at all. */
static void check_rating(checker *c, mm_u64map *seen, size_t k)
{
    mm_problem *p = c->p;
    mm_rating *rating = &p->ratings[k];
    const mm_settings *set = &p->settings;
    char place[PLACE_SIZE];
    uint32_t app, first;
    int put;

    if (rating->mentor == MM_NONE || rating->student == MM_NONE || rating->idea == MM_NONE ||
        rating->score != rating->score)
        return;
    if (rating->score < set->rating_lo || rating->score > set->rating_hi) {
        mm_diag_add(c->diags, MM_SEVERITY_ERROR,
                    mm_place_fmt(place, sizeof place, "ratings", k, "score"),
                    "score %g is outside the rating scale [%g, %g]", rating->score,
                    set->rating_lo, set->rating_hi);
        return;
    }
    /* the place is written only for a message: most ratings have none */
    app = mm_problem_find_app(p, rating->student, rating->idea);
    if (app == MM_NOT_FOUND) {
        mm_diag_add(c->diags, MM_SEVERITY_WARNING,
                    mm_place_fmt(place, sizeof place, "ratings", k, NULL),
                    "student " MM_ID_FMT " did not apply to idea " MM_ID_FMT
                    "; rating ignored",
                    MM_ID_ARG(p->students[rating->student].id),
                    MM_ID_ARG(p->ideas[rating->idea].id));
        return;
    }
    put = mm_u64map_put(seen, mm_pair_key(rating->mentor, app), (uint32_t)k, &first);
    if (put < 0)
        c->oom = 1;
    else if (put > 0)
        mm_diag_add(c->diags, MM_SEVERITY_ERROR,
                    mm_place_fmt(place, sizeof place, "ratings", k, NULL),
                    "mentor " MM_ID_FMT " already rated this application (at ratings[%u])",
                    MM_ID_ARG(p->mentors[rating->mentor].id), first);
    else {
        p->apps[app].rating_sum += rating->score;
        p->apps[app].rating_count++;
    }
}

static void check_ratings(checker *c)
{
    mm_u64map seen;

    mm_u64map_init(&seen);
    mm_u64map_reserve(&seen, c->p->n_ratings); /* failing, it grows as it goes */
    for (size_t k = 0; k < c->p->n_ratings; k++)
        check_rating(c, &seen, k);
    mm_u64map_dispose(&seen);
}

static int idea_has_mentor(const mm_problem *p, uint32_t idea, uint32_t mentor)
{
    const mm_idea *i = &p->ideas[idea];

    for (uint32_t k = 0; k < i->mentor_count; k++)
        if (p->idea_mentors[i->mentor_begin + k] == mentor)
            return 1;
    return 0;
}

static void check_fixed_mentor(checker *c, const mm_pair_rule *rule, size_t k)
{
    const mm_problem *p = c->p;
    char place[PLACE_SIZE];

    mm_place_fmt(place, sizeof place, "fixed", k, "mentor");
    if (!idea_has_mentor(p, rule->idea, rule->mentor))
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, place,
                    "mentor " MM_ID_FMT " is not a mentor of idea " MM_ID_FMT,
                    MM_ID_ARG(p->mentors[rule->mentor].id), MM_ID_ARG(p->ideas[rule->idea].id));
    else if (mm_problem_in_conflict(p, rule->mentor, rule->student))
        mm_diag_add(c->diags, MM_SEVERITY_ERROR, place,
                    "mentor " MM_ID_FMT " is in conflict with student " MM_ID_FMT,
                    MM_ID_ARG(p->mentors[rule->mentor].id),
                    MM_ID_ARG(p->students[rule->student].id));
}

static void check_fixed(checker *c)
{
    mm_problem *p = c->p;
    char place[PLACE_SIZE];

    for (size_t k = 0; k < p->n_fixed; k++) {
        mm_pair_rule *rule = &p->fixed[k];
        if (rule->student == MM_NONE || rule->idea == MM_NONE)
            continue;
        mm_place_fmt(place, sizeof place, "fixed", k, NULL);
        rule->app = mm_problem_find_app(p, rule->student, rule->idea);
        if (rule->app == MM_NOT_FOUND) {
            rule->app = MM_NONE;
            mm_diag_add(c->diags, MM_SEVERITY_ERROR, place,
                        "student " MM_ID_FMT " did not apply to idea " MM_ID_FMT,
                        MM_ID_ARG(p->students[rule->student].id),
                        MM_ID_ARG(p->ideas[rule->idea].id));
            continue;
        }
        if (p->apps[rule->app].fixed != MM_NONE) {
            mm_diag_add(c->diags, MM_SEVERITY_ERROR, place,
                        "this pair is already fixed (at fixed[%u])", p->apps[rule->app].fixed);
            continue;
        }
        p->apps[rule->app].fixed = (uint32_t)k;
        if (rule->mentor != MM_NONE)
            check_fixed_mentor(c, rule, k);
    }
}

static void check_forbidden(checker *c)
{
    mm_problem *p = c->p;
    char place[PLACE_SIZE];

    for (size_t k = 0; k < p->n_forbidden; k++) {
        mm_pair_rule *rule = &p->forbidden[k];
        if (rule->student == MM_NONE || rule->idea == MM_NONE)
            continue;
        rule->app = mm_problem_find_app(p, rule->student, rule->idea);
        if (rule->app == MM_NOT_FOUND) {
            rule->app = MM_NONE; /* forbidding a pair nobody applied for changes nothing */
            continue;
        }
        if (p->apps[rule->app].fixed != MM_NONE)
            mm_diag_add(c->diags, MM_SEVERITY_ERROR,
                        mm_place_fmt(place, sizeof place, "forbidden", k, NULL),
                        "this pair is also fixed (at fixed[%u])", p->apps[rule->app].fixed);
        p->apps[rule->app].forbidden = 1;
    }
}

/* Does some student carry attribute `attr` (with `value`, unless MM_NONE)? */
static int carried(const mm_problem *p, uint32_t attr, uint32_t value)
{
    for (size_t k = 0; k < p->n_student_attrs; k++)
        if (p->student_attrs[k].attr == attr &&
            (value == MM_NONE || p->student_attrs[k].value == value))
            return 1;
    return 0;
}

static void check_quotas(checker *c)
{
    const mm_problem *p = c->p;
    char place[PLACE_SIZE];

    for (size_t k = 0; k < p->n_quotas; k++) {
        const mm_quota *q = &p->quotas[k];
        if (q->has_min && q->has_max && q->min > q->max)
            mm_diag_add(c->diags, MM_SEVERITY_ERROR,
                        mm_place_fmt(place, sizeof place, "quotas", k, "min"),
                        "min %lld exceeds max %lld", (long long)q->min, (long long)q->max);
        if (q->attr == MM_NONE)
            continue;
        if (!carried(p, q->attr, MM_NONE))
            mm_diag_add(c->diags, MM_SEVERITY_WARNING,
                        mm_place_fmt(place, sizeof place, "quotas", k, "attribute"),
                        "no student has attribute " MM_ID_FMT ": the quota counts nobody",
                        MM_ID_ARG(p->attr_names[q->attr]));
        else if (q->value != MM_NONE && !carried(p, q->attr, q->value))
            mm_diag_add(c->diags, MM_SEVERITY_WARNING,
                        mm_place_fmt(place, sizeof place, "quotas", k, "value"),
                        "no student has this value of attribute " MM_ID_FMT
                        ": the quota counts nobody",
                        MM_ID_ARG(p->attr_names[q->attr]));
    }
}

int mm_validate(mm_problem *p, double deadline, mm_diags *diags)
{
    checker c = {p, diags, 0};
    size_t errors_before = mm_diags_error_count(diags);

    check_min_loads(&c);
    check_students(&c);
    if (mm_deadline_passed(deadline)) /* after each long stage */
        return MM_ENOSOLUTION;
    index_conflicts(&c);
    check_ratings(&c);
    if (mm_deadline_passed(deadline))
        return MM_ENOSOLUTION;
    check_fixed(&c);
    check_forbidden(&c);
    check_quotas(&c);
    if (c.oom)
        return MM_ENOMEM;
    return mm_diags_error_count(diags) > errors_before ? MM_EINVALID : 0;
}

/* ---- warnings about what a valid document may not mean ---------------- */

/* Unrated applications without a default_rating: they score as the lowest
 * rating (or, with min_rating, are not eligible). Said once, with the count;
 * not when no application is rated, where the rating changes nothing. */
static void warn_unrated(const mm_problem *p, mm_diags *diags)
{
    const mm_settings *set = &p->settings;
    size_t unrated = 0, apps = 0;

    if (set->has_default_rating)
        return;
    for (size_t a = 0; a < p->n_apps; a++) {
        apps += p->apps[a].idea != MM_NONE;
        unrated += p->apps[a].idea != MM_NONE && p->apps[a].rating_count == 0;
    }
    if (unrated == 0 || (!set->has_min_rating && (unrated == apps || set->weights[MM_W_RATING] == 0)))
        return;
    if (set->has_min_rating)
        mm_diag_add(diags, MM_SEVERITY_WARNING, "settings.default_rating",
                    "%zu of %zu applications are unrated and default_rating is null: with "
                    "min_rating set they are not eligible; set settings.default_rating, or "
                    "rate them", unrated, apps);
    else
        mm_diag_add(diags, MM_SEVERITY_WARNING, "settings.default_rating",
                    "%zu of %zu applications are unrated and default_rating is null: they get "
                    "rating 0, the same as the lowest rating (%g); set settings.default_rating "
                    "(%g is the middle of the scale), or rate them", unrated, apps,
                    set->rating_lo, (set->rating_lo + set->rating_hi) / 2);
}

/* What each mentor can reach, summed over the ideas they mentor in one
 * pass over idea_mentors (a scan of every idea per mentor was quadratic). */
typedef struct {
    size_t ideas;        /* the ideas m mentors */
    int64_t slots;       /* their slots in all */
    size_t applications; /* their eligible applications from students not in conflict with m */
} mentor_reach;

/* `open` counts per entry of idea_mentors; @return one per mentor (free) or NULL. */
static mentor_reach *mentors_reach(const mm_problem *p, const size_t *open)
{
    mentor_reach *reach = mm_calloc(p->n_mentors + 1, sizeof *reach);

    for (size_t i = 0; reach && i < p->n_ideas; i++) {
        const mm_idea *idea = &p->ideas[i];
        for (uint32_t k = idea->mentor_begin; k < idea->mentor_begin + idea->mentor_count; k++) {
            mentor_reach *r = &reach[p->idea_mentors[k]];
            r->ideas++;
            r->slots += idea->slots;
            r->applications += open[k];
        }
    }
    return reach;
}

/* A capacity that can never be used (docs/input-format.md, "Warnings"):
 * none of it, when no idea the mentor mentors has an eligible application
 * they could lead; in part, when it exceeds the slots of those ideas. */
static void warn_mentor(const mm_problem *p, const mentor_reach *reach, uint32_t m,
                        mm_diags *diags)
{
    const mm_mentor *mentor = &p->mentors[m];
    char place[PLACE_SIZE];
    int64_t slots = reach->slots;
    size_t ideas = reach->ideas, applications = reach->applications;

    if (mentor->capacity <= 0)
        return;
    mm_place_fmt(place, sizeof place, "mentors", m, "capacity");
    if (ideas == 0)
        mm_diag_add(diags, MM_SEVERITY_WARNING, place,
                    "mentor " MM_ID_FMT " mentors no idea; their capacity %lld is never used",
                    MM_ID_ARG(mentor->id), (long long)mentor->capacity);
    else if (applications == 0)
        mm_diag_add(diags, MM_SEVERITY_WARNING, place,
                    "mentor " MM_ID_FMT " can lead no student: no idea they mentor has an "
                    "eligible application; their capacity %lld is never used",
                    MM_ID_ARG(mentor->id), (long long)mentor->capacity);
    else if (mentor->capacity > slots)
        mm_diag_add(diags, MM_SEVERITY_WARNING, place,
                    "capacity %lld can never be used in full: the ideas mentor " MM_ID_FMT
                    " mentors have %lld slot%s in all; lower the capacity or raise the slots",
                    (long long)mentor->capacity, MM_ID_ARG(mentor->id), (long long)slots,
                    slots == 1 ? "" : "s");
}

/* Ideas nobody applied to, and mentors whose capacity cannot be used. */
static int warn_unused(const mm_problem *p, mm_diags *diags)
{
    size_t *applied = mm_calloc(p->n_ideas + 1, sizeof *applied);
    size_t *open = mm_calloc(p->n_idea_mentors + 1, sizeof *open);
    mentor_reach *reach;
    char place[PLACE_SIZE];

    if (!applied || !open) {
        mm_free(applied);
        mm_free(open);
        return MM_ENOMEM;
    }
    for (size_t a = 0; a < p->n_apps; a++) {
        const mm_application *app = &p->apps[a];
        if (app->idea == MM_NONE)
            continue;
        applied[app->idea]++;
        for (uint32_t k = 0; !app->ineligible && k < p->ideas[app->idea].mentor_count; k++) {
            uint32_t at = p->ideas[app->idea].mentor_begin + k;
            open[at] += !mm_problem_in_conflict(p, p->idea_mentors[at], app->student);
        }
    }
    for (size_t i = 0; i < p->n_ideas; i++)
        if (applied[i] == 0)
            mm_diag_add(diags, MM_SEVERITY_WARNING,
                        mm_place_fmt(place, sizeof place, "ideas", i, NULL),
                        "no student applies to idea " MM_ID_FMT ": it stays empty",
                        MM_ID_ARG(p->ideas[i].id));
    reach = mentors_reach(p, open);
    for (uint32_t m = 0; reach && m < p->n_mentors; m++)
        warn_mentor(p, &reach[m], m, diags);
    mm_free(applied);
    mm_free(open);
    if (!reach)
        return MM_ENOMEM;
    mm_free(reach);
    return 0;
}

int mm_problem_advise(const mm_problem *p, mm_diags *diags)
{
    if (!p || !diags)
        return MM_EINVALID;
    warn_unrated(p, diags);
    return warn_unused(p, diags);
}
