#include "problem.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

mm_problem *mm_problem_alloc(void)
{
    mm_problem *p = mm_calloc(1, sizeof *p);

    if (!p)
        return NULL;
    mm_arena_init(&p->strings);
    p->program_slots = MM_NO_LIMIT;
    p->settings.weights[MM_W_RATING] = 1;
    p->settings.weights[MM_W_PREFERENCE] = 1;
    p->settings.weights[MM_W_SKILL] = 1;
    p->settings.weights[MM_W_IMPACT] = 0;
    p->settings.objective = MM_OBJ_COUNT_THEN_SCORE;
    p->settings.rating_lo = 1;
    p->settings.rating_hi = 5;
    mm_strmap_init(&p->org_ids);
    mm_strmap_init(&p->mentor_ids);
    mm_strmap_init(&p->idea_ids);
    mm_strmap_init(&p->student_ids);
    mm_strmap_init(&p->skill_ids);
    mm_strmap_init(&p->attr_ids);
    mm_strmap_init(&p->value_ids);
    mm_strmap_init(&p->quota_ids);
    mm_u64map_init(&p->app_of_pair);
    mm_u64map_init(&p->conflict_pairs);
    return p;
}

void mm_problem_free(mm_problem *p)
{
    if (!p)
        return;
    mm_free(p->orgs);
    mm_free(p->mentors);
    mm_free(p->ideas);
    mm_free(p->students);
    mm_free(p->apps);
    mm_free(p->idea_mentors);
    mm_free(p->levels);
    mm_free(p->ratings);
    mm_free(p->conflicts);
    mm_free(p->fixed);
    mm_free(p->forbidden);
    mm_free(p->skill_names);
    mm_free(p->students_by_id);
    mm_free(p->student_attrs);
    mm_free(p->attr_names);
    mm_free(p->values);
    mm_free(p->quotas);
    mm_free(p->cells);
    mm_strmap_dispose(&p->attr_ids);
    mm_strmap_dispose(&p->value_ids);
    mm_strmap_dispose(&p->quota_ids);
    mm_strmap_dispose(&p->org_ids);
    mm_strmap_dispose(&p->mentor_ids);
    mm_strmap_dispose(&p->idea_ids);
    mm_strmap_dispose(&p->student_ids);
    mm_strmap_dispose(&p->skill_ids);
    mm_u64map_dispose(&p->app_of_pair);
    mm_u64map_dispose(&p->conflict_pairs);
    mm_arena_dispose(&p->strings);
    mm_free(p);
}

int mm_problem_in_conflict(const mm_problem *p, uint32_t mentor, uint32_t student)
{
    return mm_u64map_get(&p->conflict_pairs, mm_pair_key(mentor, student)) != MM_NOT_FOUND;
}

int mm_problem_idea_has_mentor(const mm_problem *p, uint32_t idea, uint32_t mentor)
{
    const mm_idea *d = &p->ideas[idea];

    for (uint32_t k = 0; k < d->mentor_count; k++)
        if (p->idea_mentors[d->mentor_begin + k] == mentor)
            return 1;
    return 0;
}

uint32_t mm_problem_find_app(const mm_problem *p, uint32_t student, uint32_t idea)
{
    return mm_u64map_get(&p->app_of_pair, mm_pair_key(student, idea));
}

typedef struct {
    const char *id;
    uint32_t index;
} id_entry;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const id_entry *)a)->id, ((const id_entry *)b)->id);
}

int mm_problem_sort_students(mm_problem *p)
{
    id_entry *entries = mm_malloc(p->n_students * sizeof *entries);

    p->students_by_id = mm_malloc(p->n_students * sizeof *p->students_by_id);
    if (!entries || !p->students_by_id) {
        mm_free(entries);
        return MM_ENOMEM;
    }
    for (size_t i = 0; i < p->n_students; i++)
        entries[i] = (id_entry){p->students[i].id, (uint32_t)i};
    /* Ids are unique, so qsort's instability cannot show. */
    qsort(entries, p->n_students, sizeof *entries, by_id);
    for (size_t i = 0; i < p->n_students; i++)
        p->students_by_id[i] = entries[i].index;
    mm_free(entries);
    return 0;
}

size_t mm_problem_attributes_carried(const mm_problem *p)
{
    unsigned char *seen = mm_calloc(p->n_attrs + 1, 1);
    size_t n = 0;

    for (size_t k = 0; seen && k < p->n_student_attrs; k++)
        if (!seen[p->student_attrs[k].attr]) /* set, not counted: a count would wrap at 256 */
            seen[p->student_attrs[k].attr] = 1, n++;
    mm_free(seen);
    return n;
}

void mm_problem_summarize(mm_problem_summary *out, const mm_problem *p)
{
    memset(out, 0, sizeof *out);
    out->orgs = p->n_orgs;
    out->mentors = p->n_mentors;
    out->ideas = p->n_ideas;
    out->students = p->n_students;
    out->applications = p->n_apps;
    out->ratings = p->n_ratings;
    out->conflicts = p->n_conflicts;
    out->fixed = p->n_fixed;
    out->forbidden = p->n_forbidden;
    out->quotas = p->n_quotas;
    out->attributes = mm_problem_attributes_carried(p);
    for (size_t s = 0; s < p->n_students; s++)
        out->students_without_applications += p->students[s].app_count == 0;
    for (size_t m = 0; m < p->n_mentors; m++)
        out->total_capacity += (size_t)p->mentors[m].capacity;
    for (size_t i = 0; i < p->n_ideas; i++)
        out->total_idea_slots += (size_t)p->ideas[i].slots;
    for (size_t a = 0; a < p->n_apps; a++) {
        const mm_application *app = &p->apps[a];
        const mm_idea *idea = &p->ideas[app->idea];

        if (app->ineligible)
            continue;
        out->eligible_applications++;
        for (uint32_t k = 0; k < idea->mentor_count; k++)
            out->eligible_pairs +=
                !mm_problem_in_conflict(p, p->idea_mentors[idea->mentor_begin + k], app->student);
    }
}
