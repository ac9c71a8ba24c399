/* The quotas on a mentor's page (SPEC 7): every unit and value of a quota
 * that counts one of the applicants to the mentor's ideas, with how many
 * students the base counts there and whether that is at a bound, so a
 * mentor sees why a student who would otherwise come cannot. Units are
 * the program, the org of one of the mentor's ideas, the idea, or a mentor
 * who may lead its students: counts only, by attribute value, never who
 * is counted (the privacy rule, preview.h). */
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "preview.h"
#include "quota.h"
#include "strbuf.h"

/* Can the application take part in an allocation whatever the rating? */
static int may_count(const mm_preview_set *s, uint32_t app)
{
    const unsigned rating_bits = MM_INELIGIBLE_MIN_RATING | MM_INELIGIBLE_UNRATED;

    return s->has_var[app] || (s->p->apps[app].ineligible & ~rating_bits) == 0;
}

/* Mark the cells that count applicants to idea i under any of its mentors. */
static void mark_idea(const mm_preview_set *s, uint32_t i, unsigned char *mark)
{
    const mm_problem *p = s->p;
    const mm_idea *idea = &p->ideas[i];

    for (uint32_t k = s->idea_begin[i]; k < s->idea_begin[i + 1]; k++) {
        uint32_t app = s->idea_apps[k];
        if (!may_count(s, app))
            continue;
        for (uint32_t q = 0; q < p->n_quotas; q++)
            for (uint32_t j = 0; j < idea->mentor_count; j++) {
                uint32_t c = mm_quota_cell_of(p, q, app, p->idea_mentors[idea->mentor_begin + j]);
                if (c != MM_NONE)
                    mark[c] = 1;
            }
    }
}

/* "at most 2", "at least 1", "1 to 3" */
static void bounds_text(const mm_quota *q, mm_strbuf *sb)
{
    if (q->has_min && q->has_max)
        mm_strbuf_printf(sb, "%lld to %lld", (long long)q->min, (long long)q->max);
    else if (q->has_max)
        mm_strbuf_printf(sb, "at most %lld", (long long)q->max);
    else
        mm_strbuf_printf(sb, "at least %lld", (long long)q->min);
}

/* quota "uni-cap": at most 2 per org with university "MIT"; org "kvm" has 2 of 2, at its max */
static char *line(const mm_page_quota *pq, const mm_quota *q)
{
    static const char *const per[] = {"in the program", "per org", "per idea", "per lead mentor"};
    int shown = (int)strnlen(pq->attribute, MM_ID_SHOWN);
    mm_strbuf sb;

    mm_strbuf_init(&sb);
    mm_strbuf_printf(&sb, "quota " MM_ID_FMT ": ", MM_ID_ARG(pq->quota));
    bounds_text(q, &sb);
    mm_strbuf_printf(&sb, " %s with %.*s%s %s; ", per[q->per], shown, pq->attribute,
                     pq->attribute[shown] ? "..." : "", pq->value);
    if (pq->unit)
        mm_strbuf_printf(&sb, "%s " MM_ID_FMT, pq->per, MM_ID_ARG(pq->unit));
    else
        mm_strbuf_printf(&sb, "the program");
    mm_strbuf_printf(&sb, " has %lld", (long long)pq->count);
    if (q->has_max && !q->has_min)
        mm_strbuf_printf(&sb, " of %lld", (long long)q->max);
    if (pq->binds)
        mm_strbuf_printf(&sb, ", at its %s", pq->binds);
    return mm_strbuf_take(&sb);
}

static int fill_quota(const mm_preview_set *s, uint32_t c, mm_page_quota *pq)
{
    const mm_problem *p = s->p;
    const mm_quota_cell *cell = &p->cells[c];
    const mm_quota *q = &p->quotas[cell->quota];
    char value[MM_ID_SHOWN + 16];

    mm_value_format(value, sizeof value, p, cell->value);
    pq->quota = q->id;
    pq->attribute = p->attr_names[q->attr];
    pq->per = mm_quota_per_name(q->per);
    pq->unit = q->per == MM_PER_PROGRAM ? NULL : mm_quota_unit_id(p, cell);
    pq->value_type = p->values[cell->value].type;
    pq->value_number = p->values[cell->value].number;
    pq->value_text = p->values[cell->value].text;
    pq->count = s->cell_count[c];
    pq->min = q->min;
    pq->max = q->max;
    pq->has_min = q->has_min;
    pq->has_max = q->has_max;
    pq->binds = q->has_max && pq->count >= q->max   ? "max"
                : q->has_min && pq->count <= q->min ? "min"
                                                    : NULL;
    if (!(pq->value = mm_strdup(value)))
        return MM_ENOMEM;
    return (pq->text = line(pq, q)) ? 0 : MM_ENOMEM;
}

int mm_page_quotas(mm_mentor_page *page, const mm_preview_set *s, uint32_t mentor)
{
    const mm_problem *p = s->p;
    unsigned char *mark;
    size_t n = 0;
    int rc = 0;

    if (p->n_cells == 0)
        return 0;
    if (!(mark = mm_calloc(p->n_cells, 1)))
        return MM_ENOMEM;
    for (uint32_t i = 0; i < p->n_ideas; i++)
        if (mm_preview_mentors_idea(p, mentor, i))
            mark_idea(s, i, mark);
    for (size_t c = 0; c < p->n_cells; c++)
        n += mark[c];
    if (n && !(page->quotas = mm_calloc(n, sizeof *page->quotas)))
        rc = MM_ENOMEM;
    for (uint32_t c = 0; rc == 0 && c < p->n_cells; c++)
        if (mark[c])
            rc = fill_quota(s, c, &page->quotas[page->n_quotas++]);
    mm_free(mark);
    return rc;
}

void mm_page_quotas_free(mm_mentor_page *page)
{
    for (size_t k = 0; k < page->n_quotas; k++) {
        mm_free(page->quotas[k].value);
        mm_free(page->quotas[k].text);
    }
    mm_free(page->quotas);
}
