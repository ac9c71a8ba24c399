#include "edits.h"

#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "suggest.h"

typedef struct {
    mm_problem *p;
    mm_diags *diags;
    const mm_edit *edit;
    int failed;
    size_t *suggest_budget; /* shared by the edits of one call */
} editor;

static uint32_t lookup(editor *e, const mm_strmap *ids, const char *id, const char *kind)
{
    uint32_t found = id ? mm_strmap_get(ids, id, strlen(id)) : MM_NOT_FOUND;

    if (found == MM_NOT_FOUND) {
        char near[MM_SUGGEST_SUFFIX_SIZE];
        mm_diag_add(e->diags, MM_SEVERITY_ERROR, e->edit->origin, "unknown %s " MM_ID_FMT "%s",
                    kind, MM_ID_ARG(id ? id : ""),
                    id ? mm_suggest_id_suffix(near, id, strlen(id), ids, e->suggest_budget) : "");
        e->failed = 1;
        return MM_NONE;
    }
    return found;
}

/* Validation has not indexed applications yet: scan the student's own. */
static int applied(const mm_problem *p, uint32_t student, uint32_t idea)
{
    const mm_student *st = &p->students[student];

    for (uint32_t j = 0; j < st->app_count; j++)
        if (p->apps[st->app_begin + j].idea == idea)
            return 1;
    return 0;
}

static int append(void **array, size_t *count, size_t size, const void *record)
{
    char *grown = mm_realloc(*array, (*count + 1) * size);

    if (!grown)
        return MM_ENOMEM;
    memcpy(grown + *count * size, record, size);
    *array = grown;
    (*count)++;
    return 0;
}

static int set_rating(editor *e, uint32_t mentor, uint32_t student, uint32_t idea)
{
    mm_problem *p = e->p;
    mm_rating rating = {mentor, student, idea, e->edit->score};

    if (!(e->edit->score >= p->settings.rating_lo && e->edit->score <= p->settings.rating_hi)) {
        mm_diag_add(e->diags, MM_SEVERITY_ERROR, e->edit->origin,
                    "score %g is outside the rating scale [%g, %g]", e->edit->score,
                    p->settings.rating_lo, p->settings.rating_hi);
        return MM_EINVALID;
    }
    if (!applied(p, student, idea)) {
        mm_diag_add(e->diags, MM_SEVERITY_ERROR, e->edit->origin,
                    "student " MM_ID_FMT " did not apply to idea " MM_ID_FMT,
                    MM_ID_ARG(p->students[student].id), MM_ID_ARG(p->ideas[idea].id));
        return MM_EINVALID;
    }
    for (size_t k = 0; k < p->n_ratings; k++) {
        mm_rating *r = &p->ratings[k];
        if (r->mentor == mentor && r->student == student && r->idea == idea) {
            r->score = e->edit->score;
            return 0;
        }
    }
    return append((void **)&p->ratings, &p->n_ratings, sizeof rating, &rating);
}

/* Drop every entry of `rules` for the pair (validation skips MM_NONE). */
static void drop_pair(mm_pair_rule *rules, size_t count, uint32_t student, uint32_t idea)
{
    for (size_t k = 0; k < count; k++)
        if (rules[k].student == student && rules[k].idea == idea)
            rules[k].student = MM_NONE;
}

static int set_pair(editor *e, uint32_t student, uint32_t idea)
{
    mm_problem *p = e->p;
    mm_pair_rule rule = {student, idea, MM_NONE, MM_NONE};
    int fix = e->edit->kind == MM_EDIT_FIX;

    if (fix && !applied(p, student, idea)) {
        mm_diag_add(e->diags, MM_SEVERITY_ERROR, e->edit->origin,
                    "student " MM_ID_FMT " did not apply to idea " MM_ID_FMT,
                    MM_ID_ARG(p->students[student].id), MM_ID_ARG(p->ideas[idea].id));
        return MM_EINVALID;
    }
    drop_pair(fix ? p->forbidden : p->fixed, fix ? p->n_forbidden : p->n_fixed, student, idea);
    drop_pair(fix ? p->fixed : p->forbidden, fix ? p->n_fixed : p->n_forbidden, student, idea);
    return fix ? append((void **)&p->fixed, &p->n_fixed, sizeof rule, &rule)
               : append((void **)&p->forbidden, &p->n_forbidden, sizeof rule, &rule);
}

static int apply_one(editor *e)
{
    mm_problem *p = e->p;
    uint32_t student = lookup(e, &p->student_ids, e->edit->student, "student");
    uint32_t idea = lookup(e, &p->idea_ids, e->edit->idea, "idea");
    uint32_t mentor = e->edit->kind == MM_EDIT_RATING
                          ? lookup(e, &p->mentor_ids, e->edit->mentor, "mentor")
                          : MM_NONE;

    if (e->failed)
        return MM_EINVALID;
    return e->edit->kind == MM_EDIT_RATING ? set_rating(e, mentor, student, idea)
                                           : set_pair(e, student, idea);
}

int mm_apply_edits(mm_problem *p, const mm_edit *edits, size_t n_edits, mm_diags *diags)
{
    int rc = 0;
    size_t budget = MM_SUGGEST_BUDGET_INIT;

    for (size_t k = 0; k < n_edits; k++) {
        editor e = {p, diags, &edits[k], 0, &budget};
        int one = apply_one(&e);
        if (one == MM_ENOMEM)
            return one;
        if (one)
            rc = one;
    }
    return rc;
}
