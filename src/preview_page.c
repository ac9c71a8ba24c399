/* One mentor's page from the shared set: bookkeeping over the mentor's
 * ideas. Only what the mentor may see is copied in (docs/commands.md,
 * "preview"): the applications to their ideas, every rating of those, and
 * other ideas by id as destinations; the page holds no pointer to the
 * problem, so no writer can reach anything else. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "preview.h"
#include "reasons.h"
#include "strbuf.h"
#include "write_document.h" /* mm_format_number */

const char MM_PREVIEW_PRIVACY[] =
    "This page shows the applications to the ideas you mentor, every rating given to them "
    "(yours and your co-mentors'), and for those students other destinations by idea id "
    "and probability only; nothing about any other idea (no rating, score, applicant list "
    "or slot use beyond reasons such as \"org slots used\", and for a quota that counts "
    "these students, how many students its unit counts with each value). Thresholds hold "
    "every other rating fixed; they summarise the whole allocation without showing it.";

static void free_idea(mm_page_idea *d)
{
    for (size_t k = 0; k < d->n_apps; k++) {
        mm_free(d->apps[k].ratings);
        mm_free(d->apps[k].elsewhere);
        mm_free(d->apps[k].why);
        mm_free(d->apps[k].sentence);
    }
    mm_free(d->apps);
    mm_free(d->co_mentors);
    mm_free(d->why_empty);
}

void mm_mentor_page_free(mm_mentor_page *page)
{
    if (!page)
        return;
    for (size_t i = 0; i < page->n_ideas; i++)
        free_idea(&page->ideas[i]);
    mm_free(page->ideas);
    mm_page_quotas_free(page);
    for (size_t k = 0; k < page->n_notes; k++)
        mm_free(page->notes[k]);
    mm_free(page->notes);
    mm_free(page);
}

static double denominator(const mm_preview_set *s)
{
    return s->opts.samples ? (double)s->opts.samples : 1.0;
}

/* "4.3", "2.5", "4.25": a rating as the page shows it, exactly (a rating as
 * given, or a threshold already rounded to its step): the shortest text
 * that reads back as v, so 4.996 never shows as 5. */
static void rating_text(char buf[MM_NUMBER_SIZE], double v)
{
    mm_format_number(buf, v == 0 ? 0 : v); /* no "-0" */
}

/* ---- why not here ------------------------------------------------------ */

static int ranked_lower(const mm_preview_set *s, uint32_t app)
{
    const mm_problem *p = s->p;
    uint32_t there = s->base_app[p->apps[app].student];

    return there != MM_NONE && p->apps[there].rank < p->apps[app].rank;
}

/* Whether the student has a fixed pair at another idea. */
static int fixed_elsewhere(const mm_problem *p, uint32_t app)
{
    const mm_student *st = &p->students[p->apps[app].student];

    for (uint32_t j = 0; j < st->app_count; j++)
        if (st->app_begin + j != app && p->apps[st->app_begin + j].fixed != MM_NONE)
            return 1;
    return 0;
}

/* Why the base does not place `app` here: explain's words. */
static void why_not(const mm_preview_set *s, uint32_t app, mm_strbuf *sb)
{
    const mm_problem *p = s->p;
    const mm_application *a = &p->apps[app];
    mm_fill fill = {s->mentor_load, s->idea_filled, s->org_filled, s->assigned, s->cell_count};
    mm_blocks b;
    int n;

    if (a->ineligible) {
        mm_strbuf_printf(sb, "not eligible:");
        mm_describe_ineligible(p, a, sb);
        return;
    }
    if (fixed_elsewhere(p, app)) { /* the organizer's pair, whatever is full */
        mm_strbuf_printf(sb, "placed at another idea by the organizer (a fixed pair)");
        return;
    }
    if (!s->has_var[app]) {
        mm_strbuf_printf(sb, "not eligible: no mentor of the idea can lead it");
        return;
    }
    mm_blocks_mark(p, &fill, app, &b);
    n = mm_blocks_describe(p, &b, app, sb);
    if (ranked_lower(s, app)) {
        mm_strbuf_sep(sb, "; ");
        mm_strbuf_printf(sb, "ranked it lower than where they go");
        n++;
    }
    if (n == 0)
        mm_strbuf_printf(sb, "%s", s->base_app[a->student] == MM_NONE
                                       ? "placing them here would not raise the objective"
                                       : "the allocation scores them higher where they go");
}

/* Where the tie is: "at 4" when the shown value is the exact one, else
 * "between 4.16 and 4.17" (the exact value lies in that step, and at the
 * shown value itself the student strictly moves or stays). */
static void tie_point(const mm_rating_threshold *th, const char *shown, char *buf, size_t size)
{
    char below[MM_NUMBER_SIZE];
    double scale = th->step > 0 ? nearbyint(1 / th->step) : 100;

    if (fabs(th->shown - th->rating) * scale <= 1e-6) {
        snprintf(buf, size, "at %s", shown);
        return;
    }
    rating_text(below, (ceil(th->shown * scale - 1e-6) - 1) / scale);
    snprintf(buf, size, "between %s and %s", below, shown);
}

/* The threshold in words: "needs your rating of at least 4.3", ... */
static void sentence(const mm_preview_set *s, const mm_page_applicant *pa, uint32_t app,
                     mm_strbuf *sb)
{
    const mm_threshold *th = &s->th[app];
    char r[MM_NUMBER_SIZE], at[2 * MM_NUMBER_SIZE + 32];

    rating_text(r, pa->th.shown);
    tie_point(&pa->th, r, at, sizeof at);
    switch (pa->th.kind) {
    case MM_RATING_NEEDS:
        mm_strbuf_printf(sb, "needs your rating of at least %s", r);
        if (pa->th.tie && pa->tie_student)
            mm_strbuf_printf(sb, " (%s it is a tie: an allocation as good places them here "
                                 "instead of %s)", at, pa->tie_student);
        break;
    case MM_RATING_STAYS_ABOVE:
        mm_strbuf_printf(sb, "stays while your rating is at least %s", r);
        if (pa->th.tie && pa->tie_student)
            mm_strbuf_printf(sb, " (%s it is a tie: an allocation as good places %s here "
                                 "instead)", at, pa->tie_student);
        break;
    case MM_RATING_CANNOT:
        mm_strbuf_printf(sb, "no rating of yours can bring this student here: %s%s",
                         th->costs_assignment ? "placing them here costs an assignment; " : "",
                         pa->why ? pa->why : "it would lower the objective");
        break;
    case MM_RATING_STAYS_ALWAYS:
        mm_strbuf_printf(sb, "stays whatever your rating%s",
                         th->costs_assignment ? " (nobody else can take the place without "
                                                "losing an assignment)" : "");
        break;
    case MM_RATING_ANY:
        mm_strbuf_printf(sb, "any rating of yours brings this student here");
        break;
    case MM_RATING_FIXED:
        mm_strbuf_printf(sb, "placed here by the organizer (a fixed pair): no rating changes it");
        break;
    case MM_RATING_NOT_ELIGIBLE:
        mm_strbuf_printf(sb, "no rating of yours can bring this student here: %s",
                         pa->why ? pa->why : "not eligible");
        break;
    case MM_RATING_UNKNOWN:
        break;
    case MM_RATING_NO_WEIGHT:
        mm_strbuf_printf(sb, "ratings carry no weight in this program's score: no rating of "
                             "yours changes where this student goes");
        break;
    }
    if (!pa->th.exact)
        mm_strbuf_printf(sb, " (a proven bound; the exact value was not computed in time)");
}

/* ---- one applicant ----------------------------------------------------- */

static int copy_ratings(const mm_preview_set *s, uint32_t mentor, uint32_t app,
                        mm_page_applicant *pa)
{
    const mm_problem *p = s->p;
    uint32_t begin = s->rating_begin[app], n = s->rating_begin[app + 1] - begin;
    double own = 0;
    size_t own_n = 0;

    if (n && !(pa->ratings = mm_malloc(n * sizeof *pa->ratings)))
        return MM_ENOMEM;
    for (uint32_t k = 0; k < n; k++) {
        const mm_rating *g = &p->ratings[s->rating_of[begin + k]];
        pa->ratings[pa->n_ratings++] = (mm_page_rating){p->mentors[g->mentor].id, g->score};
        if (g->mentor == mentor) {
            own += g->score;
            own_n++;
        }
    }
    pa->has_own = own_n > 0;
    pa->own = own_n ? own / (double)own_n : 0;
    return 0;
}

static int copy_elsewhere(const mm_preview_set *s, uint32_t app, mm_page_applicant *pa)
{
    const mm_problem *p = s->p;
    const mm_student *st = &p->students[p->apps[app].student];
    size_t placed = 0;

    if (!(pa->elsewhere = mm_malloc((st->app_count + 1) * sizeof *pa->elsewhere)))
        return MM_ENOMEM;
    for (uint32_t j = 0; j < st->app_count; j++) {
        uint32_t other = st->app_begin + j;
        placed += s->placed[other];
        if (other != app && s->placed[other] > 0)
            pa->elsewhere[pa->n_elsewhere++] =
                (mm_page_dest){p->ideas[p->apps[other].idea].id,
                               (double)s->placed[other] / denominator(s)};
    }
    pa->unassigned = 1.0 - (double)placed / denominator(s);
    if (pa->unassigned < 0)
        pa->unassigned = 0;
    return 0;
}

static int fill_applicant(const mm_preview_set *s, uint32_t mentor, uint32_t app,
                          mm_page_applicant *pa)
{
    const mm_problem *p = s->p;
    const mm_application *a = &p->apps[app];
    uint32_t there = s->base_app[a->student];
    mm_strbuf sb;
    int rc;

    pa->student = p->students[a->student].id;
    pa->rank = a->rank;
    pa->now = there == app;
    pa->lead = pa->now ? p->mentors[s->base_mentor[a->student]].id : NULL;
    pa->probability = (double)s->placed[app] / denominator(s);
    pa->goes_to = !pa->now && there != MM_NONE ? p->ideas[p->apps[there].idea].id : NULL;
    if ((rc = copy_ratings(s, mentor, app, pa)) != 0 || (rc = copy_elsewhere(s, app, pa)) != 0)
        return rc;
    if (!pa->now) {
        mm_strbuf_init(&sb);
        why_not(s, app, &sb);
        if (!(pa->why = mm_strbuf_take(&sb)))
            return MM_ENOMEM;
    }
    if (s->th[app].kind == MM_THRESHOLD_NONE)
        return 0;
    mm_threshold_rating_known(p, app, pa->has_own, pa->own, &s->th[app], &pa->th);
    if (pa->th.kind == MM_RATING_UNKNOWN)
        return 0;
    pa->computed = 1;
    if (s->th[app].tie_app != MM_NONE && s->th[app].tie_app < p->n_apps &&
        p->apps[s->th[app].tie_app].idea == a->idea) /* never a student of another idea */
        pa->tie_student = p->students[p->apps[s->th[app].tie_app].student].id;
    mm_strbuf_init(&sb);
    sentence(s, pa, app, &sb);
    return (pa->sentence = mm_strbuf_take(&sb)) ? 0 : MM_ENOMEM;
}

/* ---- one idea ---------------------------------------------------------- */

/* Most likely first, then input order (insertion: ideas have few applicants). */
static void sort_applicants(mm_page_idea *d)
{
    for (size_t k = 1; k < d->n_apps; k++) {
        mm_page_applicant x = d->apps[k];
        size_t j = k;
        while (j > 0 && d->apps[j - 1].probability < x.probability) {
            d->apps[j] = d->apps[j - 1];
            j--;
        }
        d->apps[j] = x;
    }
}

/* A slot left free: what keeps every applicant out. */
static int why_empty(const mm_preview_set *s, uint32_t idea, mm_page_idea *d)
{
    const char *why = NULL;

    if (d->filled >= d->slots)
        return 0;
    if (d->n_apps == 0)
        why = "nobody applied";
    for (size_t k = 0; !why && k < d->n_apps; k++)
        if (!d->apps[k].now && d->apps[k].why)
            why = d->apps[k].why; /* the first (most likely) one's reason */
    (void)s;
    (void)idea;
    if (!why)
        return 0;
    return (d->why_empty = mm_strdup(why)) ? 0 : MM_ENOMEM;
}

static int fill_idea(const mm_preview_set *s, uint32_t mentor, uint32_t idea, mm_page_idea *d)
{
    const mm_problem *p = s->p;
    const mm_idea *src = &p->ideas[idea];
    uint32_t begin = s->idea_begin[idea], n = s->idea_begin[idea + 1] - begin;
    int rc = 0;

    d->id = src->id;
    d->title = src->title;
    d->org = src->org != MM_NONE ? p->orgs[src->org].id : NULL;
    d->slots = src->slots;
    d->filled = s->idea_filled[idea];
    d->co_mentors = mm_malloc((src->mentor_count + 1) * sizeof *d->co_mentors);
    d->apps = mm_calloc(n + 1, sizeof *d->apps);
    if (!d->co_mentors || !d->apps)
        return MM_ENOMEM;
    for (uint32_t k = 0; k < src->mentor_count; k++) {
        uint32_t m = p->idea_mentors[src->mentor_begin + k];
        if (m != mentor)
            d->co_mentors[d->n_co++] = p->mentors[m].id;
    }
    for (uint32_t k = 0; rc == 0 && k < n; k++) {
        d->n_apps++;
        rc = fill_applicant(s, mentor, s->idea_apps[begin + k], &d->apps[k]);
    }
    sort_applicants(d);
    return rc ? rc : why_empty(s, idea, d);
}

int mm_preview_page(mm_mentor_page **out, const mm_preview_set *s, size_t k)
{
    const mm_problem *p = s->p;
    uint32_t mentor = s->mentors[k];
    const mm_mentor *m = &p->mentors[mentor];
    mm_mentor_page *page = mm_calloc(1, sizeof *page);
    int rc = 0;

    *out = NULL;
    if (!page || !(page->ideas = mm_calloc(p->n_ideas + 1, sizeof *page->ideas))) {
        mm_free(page);
        return MM_ENOMEM;
    }
    page->mentor = m->id;
    page->name = m->name;
    page->program = p->program_name && *p->program_name ? p->program_name : NULL;
    page->load = s->mentor_load[mentor];
    page->capacity = m->capacity;
    page->min_load = m->min_load;
    page->samples = s->opts.samples;
    page->noise = s->opts.noise;
    page->seed = s->opts.seed;
    page->rating_lo = p->settings.rating_lo;
    page->rating_hi = p->settings.rating_hi;
    page->count_first = p->settings.objective == MM_OBJ_COUNT_THEN_SCORE;
    for (size_t i = 0; rc == 0 && i < p->n_ideas; i++)
        if (mm_preview_mentors_idea(p, mentor, (uint32_t)i))
            rc = fill_idea(s, mentor, (uint32_t)i, &page->ideas[page->n_ideas++]);
    if (rc == 0)
        rc = mm_page_quotas(page, s, mentor);
    for (size_t i = 0; i < page->n_ideas; i++)
        for (size_t a = 0; a < page->ideas[i].n_apps; a++)
            page->at_risk += page->ideas[i].apps[a].now && page->ideas[i].apps[a].probability < 0.5;
    if (rc != 0) {
        mm_mentor_page_free(page);
        return rc;
    }
    *out = page;
    return 0;
}

void mm_mentor_page_headline(const mm_mentor_page *page, mm_mentor_headline *out)
{
    memset(out, 0, sizeof *out);
    out->mentor = page->mentor;
    out->name = page->name;
    out->load = page->load;
    out->capacity = page->capacity;
    out->ideas = page->n_ideas;
    out->at_risk = page->at_risk;
    for (size_t i = 0; i < page->n_ideas; i++) {
        out->filled += page->ideas[i].filled;
        out->slots += page->ideas[i].slots;
    }
}

/* ---- --rate: what an edit changed -------------------------------------- */

static const mm_page_applicant *find_applicant(const mm_mentor_page *page, const char *student,
                                               const char *idea)
{
    for (size_t i = 0; i < page->n_ideas; i++)
        if (strcmp(page->ideas[i].id, idea) == 0)
            for (size_t a = 0; a < page->ideas[i].n_apps; a++)
                if (strcmp(page->ideas[i].apps[a].student, student) == 0)
                    return &page->ideas[i].apps[a];
    return NULL;
}

int mm_mentor_page_has_application(const mm_mentor_page *page, const char *student,
                                   const char *idea)
{
    return find_applicant(page, student, idea) != NULL;
}

/* Where the base places the student, as the page may say it. */
static const char *placement(const mm_page_applicant *pa, const char *idea)
{
    return pa->now ? idea : pa->goes_to ? pa->goes_to : "unassigned";
}

static int moved_any(const mm_mentor_page *after, const mm_mentor_page *before)
{
    for (size_t i = 0; i < after->n_ideas; i++)
        for (size_t a = 0; a < after->ideas[i].n_apps; a++) {
            const mm_page_applicant *x = &after->ideas[i].apps[a];
            const mm_page_applicant *y = find_applicant(before, x->student, after->ideas[i].id);
            if (!y || x->now != y->now)
                return 1;
        }
    return 0;
}

static void note_one(const mm_mentor_page *after, const mm_mentor_page *before, const char *st,
                     const char *idea, int moved, mm_strbuf *sb)
{
    const mm_page_applicant *x = find_applicant(after, st, idea);
    const mm_page_applicant *y = find_applicant(before, st, idea);
    char r[MM_NUMBER_SIZE];

    if (!x || !y) {
        mm_strbuf_printf(sb, "your rating of %s at %s: not an application to your ideas", st, idea);
        return;
    }
    rating_text(r, x->own);
    mm_strbuf_printf(sb, "your rating %s of %s at %s: ", r, st, idea);
    if (strcmp(placement(x, idea), placement(y, idea)) != 0)
        mm_strbuf_printf(sb, "moves them from %s to %s", placement(y, idea), placement(x, idea));
    else if (moved)
        mm_strbuf_printf(sb, "they stay %s%s, but the allocation of your ideas changes",
                         x->now || x->goes_to ? "at " : "", placement(x, idea));
    else
        mm_strbuf_printf(sb, "your change moves nothing: they stay %s%s%s%s%s",
                         x->now || x->goes_to ? "at " : "", placement(x, idea),
                         x->why ? " (" : "", x->why ? x->why : "", x->why ? ")" : "");
    if (x->sentence)
        mm_strbuf_printf(sb, "; %s", x->sentence);
}

int mm_mentor_page_note_rates(mm_mentor_page *after, const mm_mentor_page *before,
                              const char *const *students, const char *const *ideas, size_t n)
{
    int moved;

    if (strcmp(after->mentor, before->mentor) != 0)
        return MM_EINVALID;
    moved = moved_any(after, before);
    for (size_t k = 0; k < n; k++) {
        char **grown = mm_realloc(after->notes, (after->n_notes + 1) * sizeof *grown);
        mm_strbuf sb;
        if (!grown)
            return MM_ENOMEM;
        after->notes = grown;
        mm_strbuf_init(&sb);
        note_one(after, before, students[k], ideas[k], moved, &sb);
        if (!(after->notes[after->n_notes] = mm_strbuf_take(&sb)))
            return MM_ENOMEM;
        after->n_notes++;
    }
    return 0;
}

int mm_mentor_page_write(const mm_mentor_page *page, mm_page_format format, FILE *out)
{
    if (format == MM_PAGE_JSON)
        mm_page_write_json(page, out);
    else if (format == MM_PAGE_HTML)
        mm_page_write_html(page, out);
    else
        mm_page_write_text(page, out);
    return fflush(out) != 0 || ferror(out) ? MM_EIO : 0;
}
