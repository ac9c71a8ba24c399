/* What became of a baseline (SPEC 8): kept, moved, dropped with the
 * reason, added; the result's "baseline" member and the table's line. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "baseline.h"
#include "diag.h"
#include "quota.h"
#include "reasons.h"
#include "strbuf.h"

#define STUDENTS_NAMED 3 /* holders named in a "displaced" reason, then "..." */
#define PREFIX (sizeof "displaced:" - 1)

typedef struct {
    mm_result *r;
    const mm_baseline *b;
    uint32_t *app_of, *mentor_of; /* per student: the pick, or MM_NONE */
    int oom;
} summarizer;

static char *dup_or_null(summarizer *su, const char *s)
{
    char *d = s ? mm_strdup(s) : NULL;

    su->oom |= s && !d;
    return d;
}

static void add_item(summarizer *su, mm_baseline_list list, const char *student,
                     const char *idea, const char *to, char *reason, mm_drop_kind kind)
{
    mm_baseline_summary *s = su->r->baseline;
    mm_baseline_item *it = &s->items[list][s->count[list]++];

    it->student = dup_or_null(su, student);
    it->idea = dup_or_null(su, idea);
    it->to = dup_or_null(su, to);
    it->reason = reason;
    it->kind = kind;
    su->oom |= list == MM_BASELINE_DROPPED && !reason;
}

/* ", with \"s1\", \"s2\"": who holds idea `idea` (or is led by `mentor`) now. */
static void name_holders(const summarizer *su, uint32_t idea, uint32_t mentor, mm_strbuf *sb)
{
    const mm_problem *p = su->r->p;
    size_t named = 0;

    for (size_t k = 0; k < p->n_students; k++) {
        uint32_t s = p->students_by_id[k], app = su->app_of[s];
        if (app == MM_NONE || (idea != MM_NONE && p->apps[app].idea != idea) ||
            (mentor != MM_NONE && su->mentor_of[s] != mentor))
            continue;
        if (named++ == STUDENTS_NAMED) {
            mm_strbuf_printf(sb, ", ...");
            return;
        }
        mm_strbuf_printf(sb, "%s" MM_ID_FMT, named == 1 ? " with " : ", ",
                         MM_ID_ARG(p->students[s].id));
    }
}

/* Holder h takes a place that blocks e's pair: on its idea, with one of
 * its mentors, in its org, or (the program full) anywhere. */
static int holds_place(const summarizer *su, const mm_base_entry *e, const mm_blocks *b,
                       uint32_t h)
{
    const mm_problem *p = su->r->p;
    const mm_idea *idea = &p->ideas[e->idea];
    uint32_t at = p->apps[su->app_of[h]].idea;

    if (b->program_full || (b->idea_full && at == e->idea) ||
        (b->org_full && p->ideas[at].org == idea->org))
        return 1;
    return b->mentors_full && mm_problem_idea_has_mentor(p, e->idea, su->mentor_of[h]);
}

/* A quota cell at its min (SPEC 7) that a holder of a blocking place counts
 * in and e's student would not fill in the holder's stead: the min, not
 * the capacity alone, keeps the holder there. MM_NONE: none; *holder set. */
static uint32_t min_holding(const summarizer *su, const mm_base_entry *e, const mm_blocks *b,
                            uint32_t *holder)
{
    const mm_problem *p = su->r->p;
    uint32_t lead = e->mentor != MM_NONE ? e->mentor
                                         : p->idea_mentors[p->ideas[e->idea].mentor_begin];

    for (uint32_t q = 0; q < p->n_quotas; q++) {
        if (!p->quotas[q].has_min)
            continue;
        uint32_t mine = mm_quota_cell_of(p, q, e->app, lead);
        for (size_t k = 0; k < p->n_students; k++) {
            uint32_t h = p->students_by_id[k], c;
            if (su->app_of[h] == MM_NONE || !holds_place(su, e, b, h))
                continue;
            c = mm_quota_cell_of(p, q, su->app_of[h], su->mentor_of[h]);
            if (c != MM_NONE && c != mine && su->r->cell_count[c] <= p->quotas[q].min) {
                *holder = h;
                return c;
            }
        }
    }
    return MM_NONE;
}

/* What is full around a valid baseline pair its student lost. */
static char *displaced(const summarizer *su, const mm_base_entry *e)
{
    const mm_result *r = su->r;
    const mm_problem *p = r->p;
    const mm_idea *idea = &p->ideas[e->idea];
    mm_fill fill = {r->mentor_load, r->idea_filled, r->org_filled, r->assigned, r->cell_count};
    mm_blocks blocks;
    mm_strbuf sb;
    uint32_t holder, min_cell;

    mm_blocks_mark(p, &fill, e->app, &blocks);
    mm_strbuf_init(&sb);
    mm_strbuf_printf(&sb, "displaced:");
    if ((min_cell = min_holding(su, e, &blocks, &holder)) != MM_NONE) {
        mm_strbuf_printf(&sb, " ");
        mm_describe_quota_min(p, min_cell, &sb);
        mm_strbuf_printf(&sb, " keeps " MM_ID_FMT " in its place",
                         MM_ID_ARG(p->students[holder].id));
    }
    if (blocks.idea_full) {
        mm_strbuf_printf(&sb, " idea " MM_ID_FMT " is full (slots %lld)", MM_ID_ARG(idea->id),
                         (long long)idea->slots);
        name_holders(su, e->idea, MM_NONE, &sb);
    }
    for (uint32_t k = 0; blocks.mentors_full && k < idea->mentor_count; k++) {
        uint32_t m = p->idea_mentors[idea->mentor_begin + k];
        if (mm_problem_in_conflict(p, m, e->student))
            continue;
        mm_strbuf_printf(&sb, "%s mentor " MM_ID_FMT " is at capacity (%lld)",
                         sb.len > PREFIX ? ";" : "", MM_ID_ARG(p->mentors[m].id),
                         (long long)p->mentors[m].capacity);
        name_holders(su, MM_NONE, m, &sb);
    }
    if (blocks.org_full)
        mm_strbuf_printf(&sb, "%s org " MM_ID_FMT " is full (slots %lld)", sb.len > PREFIX ? ";" : "",
                         MM_ID_ARG(p->orgs[idea->org].id), (long long)p->orgs[idea->org].slots);
    if (blocks.program_full)
        mm_strbuf_printf(&sb, "%s the program is full (slots %lld)", sb.len > PREFIX ? ";" : "",
                         (long long)p->program_slots);
    if (blocks.quota_cell != MM_NONE) {
        mm_strbuf_printf(&sb, "%s ", sb.len > PREFIX ? ";" : "");
        mm_describe_quota_block(p, blocks.quota_cell, &sb);
    }
    if (sb.len == PREFIX)
        mm_strbuf_printf(&sb, r->status == MM_STATUS_OPTIMAL
                                  ? " room was left, yet keeping the pair breaks a bound"
                                  : " the search stopped before keeping the pair");
    return mm_strbuf_take(&sb);
}

/* The unassigned entry of student s (r->unassigned is by student id), or NULL. */
static mm_unassigned *unassigned_of(const mm_result *r, uint32_t s)
{
    const char *id = r->p->students[s].id;
    size_t lo = 0, hi = r->n_unassigned;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->p->students[r->unassigned[mid].student].id, id);
        if (c == 0)
            return &r->unassigned[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* A displaced student's unassigned reason says so first, as the dropped
 * entry does ("displaced from \"i1\": mentor ... at capacity"), then, where
 * the student applied elsewhere too, why not there: the reason as it was. */
static void restate_unassigned(summarizer *su, const mm_base_entry *e, const char *displaced)
{
    const mm_problem *p = su->r->p;
    const mm_student *st = &p->students[e->student];
    mm_unassigned *u = unassigned_of(su->r, e->student);
    int elsewhere = 0;
    mm_strbuf sb;

    if (!u)
        return;
    for (uint32_t j = 0; j < st->app_count; j++)
        elsewhere |= st->app_begin + j != e->app && !p->apps[st->app_begin + j].ineligible;
    mm_strbuf_init(&sb);
    mm_strbuf_printf(&sb, "displaced from " MM_ID_FMT ":%s", MM_ID_ARG(e->idea_id),
                     displaced + PREFIX);
    if (elsewhere)
        mm_strbuf_printf(&sb, "; not placed elsewhere: %s", u->reason);
    mm_free(u->reason);
    u->reason = mm_strbuf_take(&sb);
    su->oom |= !u->reason;
}

static char *drop_reason(summarizer *su, const mm_base_entry *e, mm_drop_kind *kind)
{
    mm_strbuf sb;

    mm_strbuf_init(&sb);
    *kind = e->state == MM_BASE_GONE_STUDENT ? MM_DROP_WITHDREW
            : e->state == MM_BASE_GONE_IDEA  ? MM_DROP_IDEA_GONE
            : e->state == MM_BASE_INELIGIBLE ? MM_DROP_INELIGIBLE
                                             : MM_DROP_DISPLACED;
    if (*kind == MM_DROP_DISPLACED) {
        char *why = displaced(su, e);
        if (why)
            restate_unassigned(su, e, why);
        return why;
    }
    if (*kind == MM_DROP_WITHDREW)
        mm_strbuf_printf(&sb, "gone from the input: the student is no longer in it (withdrew)");
    else if (*kind == MM_DROP_IDEA_GONE)
        mm_strbuf_printf(&sb, "gone from the input: idea " MM_ID_FMT " is no longer in it",
                         MM_ID_ARG(e->idea_id));
    else
        mm_strbuf_printf(&sb, "no longer eligible: %s", e->why);
    return mm_strbuf_take(&sb);
}

static void sort_out(summarizer *su, const mm_base_entry *e)
{
    const mm_problem *p = su->r->p;
    mm_baseline_summary *s = su->r->baseline;
    uint32_t app = e->student == MM_NONE ? MM_NONE : su->app_of[e->student];
    mm_drop_kind kind;

    if (app == MM_NONE) {
        char *why = drop_reason(su, e, &kind);
        add_item(su, MM_BASELINE_DROPPED, e->student_id, e->idea_id, NULL, why, kind);
    } else if (p->apps[app].idea == e->idea) {
        s->kept++;
        s->kept_mentor += e->mentor != MM_NONE && su->mentor_of[e->student] == e->mentor;
    } else {
        add_item(su, MM_BASELINE_MOVED, e->student_id, e->idea_id,
                 p->ideas[p->apps[app].idea].id, NULL, MM_DROP_KINDS);
    }
}

static int fill(summarizer *su, const mm_model *m, const unsigned char *chosen)
{
    const mm_problem *p = su->r->p;
    const mm_baseline *b = su->b;
    mm_baseline_summary *s = su->r->baseline;

    for (size_t k = 0; k < p->n_students; k++)
        su->app_of[k] = su->mentor_of[k] = MM_NONE;
    for (size_t v = 0; v < m->n_vars; v++)
        if (chosen[v]) {
            su->app_of[m->vars[v].student] = m->vars[v].app;
            su->mentor_of[m->vars[v].student] = m->vars[v].mentor;
        }
    for (int l = 0; l < MM_BASELINE_LISTS; l++)
        if (!(s->items[l] = mm_calloc(b->n + p->n_students + 1, sizeof *s->items[l])))
            return MM_ENOMEM;
    s->entries = b->n;
    for (size_t k = 0; k < b->n; k++)
        sort_out(su, &b->entries[k]);
    for (size_t k = 0; k < p->n_students; k++) {
        uint32_t st = p->students_by_id[k];
        if (b->entry_of[st] == MM_NONE && su->app_of[st] != MM_NONE)
            add_item(su, MM_BASELINE_ADDED, p->students[st].id,
                     p->ideas[p->apps[su->app_of[st]].idea].id, NULL, NULL, MM_DROP_KINDS);
    }
    return su->oom ? MM_ENOMEM : 0;
}

int mm_baseline_summarize(mm_result *r, const mm_baseline *b, const mm_model *m,
                          const unsigned char *chosen)
{
    summarizer su = {r, b, mm_malloc((r->p->n_students + 1) * sizeof *su.app_of),
                     mm_malloc((r->p->n_students + 1) * sizeof *su.mentor_of), 0};
    int rc = su.app_of && su.mentor_of && (r->baseline = mm_calloc(1, sizeof *r->baseline))
                 ? fill(&su, m, chosen)
                 : MM_ENOMEM;

    mm_free(su.app_of);
    mm_free(su.mentor_of);
    return rc;
}

void mm_baseline_summary_free(mm_baseline_summary *s)
{
    if (!s)
        return;
    for (int l = 0; l < MM_BASELINE_LISTS; l++) {
        for (size_t k = 0; k < s->count[l]; k++) {
            mm_free(s->items[l][k].student);
            mm_free(s->items[l][k].idea);
            mm_free(s->items[l][k].to);
            mm_free(s->items[l][k].reason);
        }
        mm_free(s->items[l]);
    }
    mm_free(s);
}

int mm_result_baseline(const mm_result *r, mm_baseline_counts *out)
{
    if (!r->baseline)
        return MM_EINVALID;
    out->entries = r->baseline->entries;
    out->kept = r->baseline->kept;
    out->kept_mentor = r->baseline->kept_mentor;
    for (int l = 0; l < MM_BASELINE_LISTS; l++)
        out->count[l] = r->baseline->count[l];
    return 0;
}

int mm_result_baseline_change(const mm_result *r, mm_baseline_list list, size_t i,
                              mm_baseline_change *out)
{
    const mm_baseline_item *it;

    if (!r->baseline || list < 0 || list >= MM_BASELINE_LISTS || i >= r->baseline->count[list])
        return MM_EINVALID;
    it = &r->baseline->items[list][i];
    *out = (mm_baseline_change){it->student, it->idea, it->to, it->reason};
    return 0;
}

/* "baseline: kept 118 of 120; moved 1; dropped 1 (withdrew); added 2; lead
 * mentor kept 117"; the dropped
 * ones by kind of reason, "dropped 3 (1 withdrew, 2 displaced)". */
void mm_baseline_write_line(const mm_baseline_summary *s, FILE *out)
{
    static const char *const words[MM_DROP_KINDS] = {"withdrew", "idea gone", "ineligible",
                                                     "displaced"};
    size_t by_kind[MM_DROP_KINDS] = {0}, kinds = 0;
    const char *sep = " (";

    for (size_t k = 0; k < s->count[MM_BASELINE_DROPPED]; k++)
        by_kind[s->items[MM_BASELINE_DROPPED][k].kind]++;
    for (int d = 0; d < MM_DROP_KINDS; d++)
        kinds += by_kind[d] > 0;
    fprintf(out, "baseline: kept %zu of %zu; moved %zu; dropped %zu", s->kept, s->entries,
            s->count[MM_BASELINE_MOVED], s->count[MM_BASELINE_DROPPED]);
    for (int d = 0; d < MM_DROP_KINDS; d++) {
        if (!by_kind[d])
            continue;
        if (kinds == 1)
            fprintf(out, "%s%s", sep, words[d]);
        else
            fprintf(out, "%s%zu %s", sep, by_kind[d], words[d]);
        sep = ", ";
    }
    fprintf(out, "%s; added %zu; lead mentor kept %zu\n", kinds ? ")" : "",
            s->count[MM_BASELINE_ADDED], s->kept_mentor);
}
