#include "reasons.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "quota.h"
#include "score.h"
#include "strbuf.h"
#include "write_document.h" /* mm_format_number: the text that reads back as v */

/* v with the fewest digits (from `decimals` fixed ones, or 6 significant
 * when negative) that still read below `threshold`: a value that fails
 * it by 1e-9 must not print as the threshold itself. `size` is at least
 * MM_NUMBER_SIZE. */
static void below_text(char *buf, size_t size, double v, int decimals, double threshold)
{
    for (int d = decimals < 0 ? 6 : decimals; d <= 17; d++) {
        snprintf(buf, size, decimals < 0 ? "%.*g" : "%.*f", d, v);
        if (strtod(buf, NULL) < threshold)
            return;
    }
    mm_format_number(buf, v);
}

void mm_describe_thresholds(const mm_problem *p, const mm_application *app, const char *sep,
                            mm_strbuf *sb)
{
    const mm_settings *set = &p->settings;
    char value[MM_NUMBER_SIZE], threshold[MM_NUMBER_SIZE];
    double rating = 0;

    mm_format_number(threshold, set->min_rating);
    if (app->ineligible & MM_INELIGIBLE_UNRATED)
        mm_strbuf_printf(sb, "%sunrated (min_rating %s, no default_rating)", sep, threshold);
    if ((app->ineligible & MM_INELIGIBLE_MIN_RATING) && mm_app_rating(p, app, &rating)) {
        below_text(value, sizeof value, rating, -1, set->min_rating);
        mm_strbuf_printf(sb, "%srating %s below min_rating %s", sep, value, threshold);
    }
    if (app->ineligible & MM_INELIGIBLE_MIN_SKILL) {
        mm_format_number(threshold, set->min_skill);
        below_text(value, sizeof value, app->components[MM_W_SKILL], 2, set->min_skill);
        mm_strbuf_printf(sb, "%sskill %s below min_skill %s", sep, value, threshold);
    }
}

void mm_describe_ineligible(const mm_problem *p, const mm_application *app, mm_strbuf *sb)
{
    const mm_settings *set = &p->settings;

    if (app->ineligible & MM_INELIGIBLE_FORBIDDEN)
        mm_strbuf_printf(sb, " forbidden");
    if (app->ineligible & MM_INELIGIBLE_CONFLICTS)
        mm_strbuf_printf(sb, " every mentor in conflict");
    if (app->ineligible & MM_INELIGIBLE_MAX_RANK)
        mm_strbuf_printf(sb, " rank %lld above max_rank %lld", (long long)app->rank,
                         (long long)set->max_rank);
    mm_describe_thresholds(p, app, " ", sb);
}

/* The first cell of (app, mentor) at its quota's max, or MM_NONE. */
static uint32_t full_cell(const mm_problem *p, const int64_t *cell_count, uint32_t app,
                          uint32_t mentor)
{
    for (uint32_t q = 0; q < p->n_quotas; q++) {
        uint32_t c = mm_quota_cell_of(p, q, app, mentor);
        if (c != MM_NONE && p->quotas[q].has_max && cell_count[c] >= p->quotas[q].max)
            return c;
    }
    return MM_NONE;
}

uint32_t mm_quota_blocking(const mm_problem *p, const int64_t *mentor_load,
                           const int64_t *cell_count, uint32_t app)
{
    const mm_idea *idea = &p->ideas[p->apps[app].idea];
    uint32_t first = MM_NONE;

    if (!cell_count || p->n_quotas == 0)
        return MM_NONE;
    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        uint32_t m = p->idea_mentors[idea->mentor_begin + k], c;
        if (mm_problem_in_conflict(p, m, p->apps[app].student) ||
            mentor_load[m] >= p->mentors[m].capacity)
            continue;
        if ((c = full_cell(p, cell_count, app, m)) == MM_NONE)
            return MM_NONE; /* this mentor has room under every quota */
        if (first == MM_NONE)
            first = c;
    }
    return first;
}

/* "quota \"ID\" at its WHICH N (UNIT \"U\", value V)" */
static void describe_cell(const mm_problem *p, uint32_t cell, const char *which, int64_t bound,
                          mm_strbuf *sb)
{
    const mm_quota_cell *c = &p->cells[cell];
    const mm_quota *q = &p->quotas[c->quota];
    char value[MM_ID_SHOWN + 16];

    mm_value_format(value, sizeof value, p, c->value);
    mm_strbuf_printf(sb, "quota " MM_ID_FMT " at its %s %lld (", MM_ID_ARG(q->id), which,
                     (long long)bound);
    if (q->per != MM_PER_PROGRAM)
        mm_strbuf_printf(sb, "%s " MM_ID_FMT ", ", mm_quota_per_name(q->per),
                         MM_ID_ARG(mm_quota_unit_id(p, c)));
    mm_strbuf_printf(sb, "value %s)", value);
}

void mm_describe_quota_block(const mm_problem *p, uint32_t cell, mm_strbuf *sb)
{
    describe_cell(p, cell, "max", p->quotas[p->cells[cell].quota].max, sb);
}

void mm_describe_quota_min(const mm_problem *p, uint32_t cell, mm_strbuf *sb)
{
    describe_cell(p, cell, "min", p->quotas[p->cells[cell].quota].min, sb);
}

/* Why an eligible application found no room; 1 when something is full. */
static int describe_blocked(const mm_result *r, const mm_application *app, mm_strbuf *sb)
{
    const mm_problem *p = r->p;
    const mm_idea *idea = &p->ideas[app->idea];
    int free_mentor = 0, blocked = 0;

    mm_strbuf_sep(sb, "; ");
    mm_strbuf_printf(sb, MM_ID_FMT, MM_ID_ARG(idea->id));
    if (r->idea_filled[app->idea] >= idea->slots) {
        mm_strbuf_printf(sb, " idea filled");
        blocked = 1;
    }
    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        uint32_t m = p->idea_mentors[idea->mentor_begin + k];
        if (!mm_problem_in_conflict(p, m, app->student) && r->mentor_load[m] < p->mentors[m].capacity)
            free_mentor = 1;
    }
    if (!free_mentor) {
        mm_strbuf_printf(sb, "%s mentors at capacity", blocked ? "," : "");
        blocked = 1;
    }
    if (idea->org != MM_NONE && r->org_filled[idea->org] >= p->orgs[idea->org].slots) {
        mm_strbuf_printf(sb, "%s org " MM_ID_FMT " slots used", blocked ? "," : "",
                         MM_ID_ARG(p->orgs[idea->org].id));
        blocked = 1;
    }
    if ((int64_t)r->assigned >= p->program_slots) {
        mm_strbuf_printf(sb, "%s program slots used", blocked ? "," : "");
        blocked = 1;
    }
    if (!blocked) {
        uint32_t cell = mm_quota_blocking(p, r->mentor_load, r->cell_count,
                                          (uint32_t)(app - p->apps));
        if (cell != MM_NONE) {
            mm_strbuf_printf(sb, " ");
            mm_describe_quota_block(p, cell, sb);
            blocked = 1;
        }
    }
    if (!blocked)
        mm_strbuf_printf(sb, " had room");
    return blocked;
}

static int every_idea_filled(const mm_result *r, const mm_student *st)
{
    int eligible = 0;

    for (uint32_t j = 0; j < st->app_count; j++) {
        const mm_application *app = &r->p->apps[st->app_begin + j];
        if (app->ineligible)
            continue;
        eligible = 1;
        if (r->idea_filled[app->idea] < r->p->ideas[app->idea].slots)
            return 0;
    }
    return eligible;
}

char *mm_unassigned_reason(const mm_result *r, uint32_t student)
{
    const mm_problem *p = r->p;
    const mm_student *st = &p->students[student];
    mm_strbuf sb, detail;
    int eligible = 0, all_blocked = 1;

    mm_strbuf_init(&sb);
    mm_strbuf_init(&detail);
    if (st->app_count == 0)
        return mm_strdup("no applications");
    if (every_idea_filled(r, st))
        return mm_strdup("every applied idea filled");
    for (uint32_t j = 0; j < st->app_count; j++)
        eligible |= p->apps[st->app_begin + j].ineligible == 0;
    for (uint32_t j = 0; j < st->app_count; j++) {
        const mm_application *app = &p->apps[st->app_begin + j];
        if (!eligible) {
            mm_strbuf_sep(&detail, "; ");
            mm_strbuf_printf(&detail, MM_ID_FMT, MM_ID_ARG(p->ideas[app->idea].id));
            mm_describe_ineligible(p, app, &detail);
        }
        else if (!app->ineligible)
            all_blocked &= describe_blocked(r, app, &detail);
    }
    if (!eligible)
        mm_strbuf_printf(&sb, "no eligible application: %s", mm_strbuf_text(&detail));
    else if (all_blocked)
        mm_strbuf_printf(&sb, "no room: %s", mm_strbuf_text(&detail));
    else if (r->given) /* no search to blame or to credit */
        mm_strbuf_printf(&sb, "left out by the given assignment: %s", mm_strbuf_text(&detail));
    else if (r->status != MM_STATUS_OPTIMAL)
        mm_strbuf_printf(&sb, "the search stopped before placing this student: %s",
                         mm_strbuf_text(&detail));
    else
        mm_strbuf_printf(&sb, "placing this student would not raise the objective: %s",
                         mm_strbuf_text(&detail));
    if (detail.oom)
        sb.oom = 1;
    mm_strbuf_dispose(&detail);
    return mm_strbuf_take(&sb);
}

void mm_blocks_mark(const mm_problem *p, const mm_fill *f, uint32_t app, mm_blocks *out)
{
    const mm_application *a = &p->apps[app];
    const mm_idea *idea = &p->ideas[a->idea];

    out->idea_full = f->idea_filled[a->idea] >= idea->slots;
    out->mentors_full = 1;
    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        uint32_t m = p->idea_mentors[idea->mentor_begin + k];
        if (!mm_problem_in_conflict(p, m, a->student) && f->mentor_load[m] < p->mentors[m].capacity)
            out->mentors_full = 0;
    }
    out->org_full = idea->org != MM_NONE && f->org_filled[idea->org] >= p->orgs[idea->org].slots;
    out->program_full = (int64_t)f->assigned >= p->program_slots;
    out->quota_cell = mm_quota_blocking(p, f->mentor_load, f->cell_count, app);
}

int mm_blocks_describe(const mm_problem *p, const mm_blocks *b, uint32_t app, mm_strbuf *sb)
{
    const mm_idea *idea = &p->ideas[p->apps[app].idea];
    int n = 0;

    if (b->idea_full && ++n)
        mm_strbuf_sep(sb, "; "), mm_strbuf_printf(sb, "idea filled");
    if (b->mentors_full && ++n)
        mm_strbuf_sep(sb, "; "), mm_strbuf_printf(sb, "mentors at capacity");
    if (b->org_full && ++n) {
        mm_strbuf_sep(sb, "; ");
        mm_strbuf_printf(sb, "org " MM_ID_FMT " slots used", MM_ID_ARG(p->orgs[idea->org].id));
    }
    if (b->program_full && ++n)
        mm_strbuf_sep(sb, "; "), mm_strbuf_printf(sb, "program slots used");
    if (b->quota_cell != MM_NONE && ++n) {
        mm_strbuf_sep(sb, "; ");
        mm_describe_quota_block(p, b->quota_cell, sb);
    }
    return n;
}
