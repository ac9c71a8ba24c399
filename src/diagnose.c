#include "diagnose.h"

#include <stdio.h>

#include "alloc.h"
#include "diag.h"
#include "jpath.h"
#include "quota.h"
#include "strbuf.h"

#define PLACE_SIZE 96

typedef struct {
    const mm_problem *p;
    const mm_model *m;
    mm_diags *diags;
    size_t found;
    int oom;
} diagnosis;

static void clash(diagnosis *d, const char *place, mm_strbuf *message)
{
    if (message->oom)
        d->oom = 1;
    else
        mm_diag_add(d->diags, MM_SEVERITY_ERROR, place, "infeasible: %s", mm_strbuf_text(message));
    mm_strbuf_dispose(message);
    d->found++;
}

/* The mentor a fixed pair must be led by, or MM_NONE when it has a choice. */
static uint32_t forced_mentor(const diagnosis *d, const mm_pair_rule *rule)
{
    uint32_t first = d->m->app_first_var[rule->app], last = d->m->app_first_var[rule->app + 1];

    if (rule->mentor != MM_NONE)
        return rule->mentor;
    return last - first == 1 ? d->m->vars[first].mentor : MM_NONE;
}

static void fixed_without_mentor(diagnosis *d)
{
    const mm_problem *p = d->p;
    char place[PLACE_SIZE];

    for (size_t k = 0; k < p->n_fixed; k++) {
        const mm_pair_rule *rule = &p->fixed[k];
        mm_strbuf msg;
        if (rule->app == MM_NONE || d->m->app_first_var[rule->app] != d->m->app_first_var[rule->app + 1])
            continue;
        mm_strbuf_init(&msg);
        mm_strbuf_printf(&msg, "every mentor of idea " MM_ID_FMT " is in conflict with student " MM_ID_FMT,
                         MM_ID_ARG(p->ideas[rule->idea].id), MM_ID_ARG(p->students[rule->student].id));
        clash(d, mm_place_fmt(place, sizeof place, "fixed", k, NULL), &msg);
    }
}

static void student_fixed_twice(diagnosis *d)
{
    const mm_problem *p = d->p;
    uint32_t *first = mm_malloc(p->n_students * sizeof *first);
    char place[PLACE_SIZE];

    if (!first) {
        d->oom = 1;
        return;
    }
    for (size_t s = 0; s < p->n_students; s++)
        first[s] = MM_NONE;
    for (size_t k = 0; k < p->n_fixed; k++) {
        const mm_pair_rule *rule = &p->fixed[k];
        mm_strbuf msg;
        if (rule->app == MM_NONE)
            continue;
        if (first[rule->student] == MM_NONE) {
            first[rule->student] = (uint32_t)k;
            continue;
        }
        mm_strbuf_init(&msg);
        mm_strbuf_printf(&msg, "student " MM_ID_FMT " is fixed to idea " MM_ID_FMT
                         " and to idea " MM_ID_FMT " (fixed[%u]); a student takes one idea",
                         MM_ID_ARG(p->students[rule->student].id), MM_ID_ARG(p->ideas[rule->idea].id),
                         MM_ID_ARG(p->ideas[p->fixed[first[rule->student]].idea].id),
                         first[rule->student]);
        clash(d, mm_place_fmt(place, sizeof place, "fixed", k, NULL), &msg);
    }
    mm_free(first);
}

/* Which group a fixed pair falls in, for the overfill checks. */
typedef enum { GROUP_IDEA, GROUP_MENTOR, GROUP_ORG, GROUP_PROGRAM } group_kind;

static uint32_t group_of(const diagnosis *d, const mm_pair_rule *rule, group_kind kind)
{
    switch (kind) {
    case GROUP_IDEA: return rule->idea;
    case GROUP_MENTOR: return forced_mentor(d, rule);
    case GROUP_ORG: return d->p->ideas[rule->idea].org;
    default: return 0;
    }
}

static int64_t group_cap(const mm_problem *p, group_kind kind, size_t g)
{
    switch (kind) {
    case GROUP_IDEA: return p->ideas[g].slots;
    case GROUP_MENTOR: return p->mentors[g].capacity;
    case GROUP_ORG: return p->orgs[g].slots;
    default: return p->program_slots;
    }
}

static void describe_overfill(diagnosis *d, group_kind kind, size_t g, size_t count)
{
    static const char *const what[] = {"idea's slots", "mentor's capacity", "org's slots",
                                       "program's slots"};
    const mm_problem *p = d->p;
    char place[PLACE_SIZE];
    mm_strbuf msg;

    mm_strbuf_init(&msg);
    mm_strbuf_printf(&msg, "%zu fixed pairs (", count);
    for (size_t k = 0, listed = 0; k < p->n_fixed && listed < 10; k++) {
        const mm_pair_rule *rule = &p->fixed[k];
        if (rule->app == MM_NONE || d->m->app_first_var[rule->app] == d->m->app_first_var[rule->app + 1] ||
            group_of(d, rule, kind) != g)
            continue;
        mm_strbuf_printf(&msg, "%sfixed[%zu]", listed++ ? ", " : "", k);
    }
    mm_strbuf_printf(&msg, "%s) exceed the %s %lld", count > 10 ? ", ..." : "", what[kind],
                     (long long)group_cap(p, kind, g));
    if (kind == GROUP_IDEA)
        mm_place_fmt(place, sizeof place, "ideas", g, "slots");
    else if (kind == GROUP_MENTOR)
        mm_place_fmt(place, sizeof place, "mentors", g, "capacity");
    else if (kind == GROUP_ORG)
        mm_place_fmt(place, sizeof place, "orgs", g, "slots");
    else
        snprintf(place, sizeof place, "program.slots");
    clash(d, place, &msg);
}

static void fixed_overfill(diagnosis *d, group_kind kind, size_t n_groups)
{
    const mm_problem *p = d->p;
    size_t *count = mm_calloc(n_groups, sizeof *count);

    if (!count) {
        d->oom = 1;
        return;
    }
    for (size_t k = 0; k < p->n_fixed; k++) {
        const mm_pair_rule *rule = &p->fixed[k];
        uint32_t g;
        if (rule->app == MM_NONE || d->m->app_first_var[rule->app] == d->m->app_first_var[rule->app + 1])
            continue;
        g = group_of(d, rule, kind);
        if (g != MM_NONE)
            count[g]++;
    }
    for (size_t g = 0; g < n_groups; g++)
        if ((int64_t)count[g] > group_cap(p, kind, g))
            describe_overfill(d, kind, g, count[g]);
    mm_free(count);
}

/* Per mentor: distinct students who could be assigned, and the slots of the
 * ideas they could be assigned through. */
static void min_load_reach(diagnosis *d)
{
    const mm_problem *p = d->p;
    const mm_model *m = d->m;
    size_t *students = mm_calloc(p->n_mentors, sizeof *students);
    uint32_t *last_student = mm_malloc(p->n_mentors * sizeof *last_student);
    char place[PLACE_SIZE];

    if (!students || !last_student) {
        d->oom = 1;
        goto done;
    }
    for (size_t k = 0; k < p->n_mentors; k++)
        last_student[k] = MM_NONE;
    for (size_t v = 0; v < m->n_vars; v++) { /* variables come student by student */
        uint32_t mentor = m->vars[v].mentor;
        if (last_student[mentor] != m->vars[v].student) {
            last_student[mentor] = m->vars[v].student;
            students[mentor]++;
        }
    }
    for (size_t k = 0; k < p->n_mentors; k++) {
        mm_strbuf msg;
        if ((int64_t)students[k] >= p->mentors[k].min_load)
            continue;
        mm_strbuf_init(&msg);
        mm_strbuf_printf(&msg, "min_load %lld of mentor " MM_ID_FMT " exceeds the %zu students who could be assigned to them",
                         (long long)p->mentors[k].min_load, MM_ID_ARG(p->mentors[k].id), students[k]);
        clash(d, mm_place_fmt(place, sizeof place, "mentors", k, "min_load"), &msg);
    }
done:
    mm_free(students);
    mm_free(last_student);
}

/* Min loads that idea or org slots cannot hold: the mentors whose every
 * idea lies in one idea (or one org) together need more than its slots. */
static void min_loads_in_slots(diagnosis *d, group_kind kind, size_t n_groups)
{
    const mm_problem *p = d->p;
    uint32_t *home = mm_malloc(p->n_mentors * sizeof *home);
    int64_t *need = mm_calloc(n_groups, sizeof *need);
    char place[PLACE_SIZE];
    const uint32_t MIXED = MM_NONE - 1;

    if (!home || !need) {
        d->oom = 1;
        goto done;
    }
    for (size_t k = 0; k < p->n_mentors; k++)
        home[k] = MM_NONE;
    for (size_t i = 0; i < p->n_ideas; i++) {
        const mm_idea *idea = &p->ideas[i];
        uint32_t g = kind == GROUP_IDEA ? (uint32_t)i : idea->org;

        if (g == MM_NONE)
            g = MIXED; /* an idea outside every org ties its mentors to none */
        for (uint32_t k = 0; k < idea->mentor_count; k++) {
            uint32_t mentor = p->idea_mentors[idea->mentor_begin + k];
            home[mentor] = home[mentor] == MM_NONE || home[mentor] == g ? g : MIXED;
        }
    }
    for (size_t k = 0; k < p->n_mentors; k++)
        if (home[k] != MM_NONE && home[k] != MIXED)
            need[home[k]] += p->mentors[k].min_load;
    for (size_t g = 0; g < n_groups; g++) {
        mm_strbuf msg;
        if (need[g] <= group_cap(p, kind, g))
            continue;
        mm_strbuf_init(&msg);
        mm_strbuf_printf(&msg, "the min loads of mentors (");
        for (size_t k = 0, listed = 0; k < p->n_mentors; k++)
            if (home[k] == g && p->mentors[k].min_load > 0)
                mm_strbuf_printf(&msg, "%s" MM_ID_FMT, listed++ ? ", " : "",
                                 MM_ID_ARG(p->mentors[k].id));
        mm_strbuf_printf(&msg, ") whose ideas all lie in %s " MM_ID_FMT " add up to %lld, more than its %lld slots",
                         kind == GROUP_IDEA ? "idea" : "org",
                         MM_ID_ARG(kind == GROUP_IDEA ? p->ideas[g].id : p->orgs[g].id),
                         (long long)need[g], (long long)group_cap(p, kind, g));
        clash(d, mm_place_fmt(place, sizeof place, kind == GROUP_IDEA ? "ideas" : "orgs", g, "slots"), &msg);
    }
done:
    mm_free(home);
    mm_free(need);
}

static void min_loads_in_program(diagnosis *d)
{
    const mm_problem *p = d->p;
    int64_t need = 0;
    mm_strbuf msg;

    for (size_t k = 0; k < p->n_mentors; k++)
        need += p->mentors[k].min_load;
    if (need <= p->program_slots)
        return;
    mm_strbuf_init(&msg);
    mm_strbuf_printf(&msg, "the mentors' min loads add up to %lld, more than the program's %lld slots",
                     (long long)need, (long long)p->program_slots);
    clash(d, "program.slots", &msg);
}

/* "quota "first-timers", org "xen", value true": a quota cell in words. */
static void describe_cell(const mm_problem *p, uint32_t c, mm_strbuf *msg)
{
    const mm_quota_cell *cell = &p->cells[c];
    const mm_quota *q = &p->quotas[cell->quota];
    char value[MM_ID_SHOWN + 16];

    mm_value_format(value, sizeof value, p, cell->value);
    mm_strbuf_printf(msg, "quota " MM_ID_FMT, MM_ID_ARG(q->id));
    if (q->per != MM_PER_PROGRAM)
        mm_strbuf_printf(msg, ", %s " MM_ID_FMT, mm_quota_per_name(q->per),
                         MM_ID_ARG(mm_quota_unit_id(p, cell)));
    mm_strbuf_printf(msg, ", value %s", value);
}

/* Distinct students among a row's variables: the most it can count. */
static size_t row_students(diagnosis *d, const mm_row *row, unsigned char *seen)
{
    size_t n = 0;

    for (uint32_t k = 0; k < row->count; k++) {
        uint32_t s = d->m->vars[d->m->row_vars[row->begin + k]].student;
        n += !seen[s];
        seen[s] = 1;
    }
    for (uint32_t k = 0; k < row->count; k++)
        seen[d->m->vars[d->m->row_vars[row->begin + k]].student] = 0;
    return n;
}

/* A quota min beyond the students who could count in its unit and value. */
static void quota_min_reach(diagnosis *d)
{
    unsigned char *seen = d->m->n_rows ? mm_calloc(d->p->n_students + 1, 1) : NULL;
    char place[PLACE_SIZE];

    if (d->m->n_rows && !seen) {
        d->oom = 1;
        return;
    }
    for (size_t r = 0; r < d->m->n_rows; r++) {
        const mm_row *row = &d->m->rows[r];
        size_t reach;
        mm_strbuf msg;
        if (row->kind != MM_ROW_QUOTA || row->lo <= 0)
            continue;
        reach = row_students(d, row, seen);
        if ((int64_t)reach >= row->lo)
            continue;
        mm_strbuf_init(&msg);
        describe_cell(d->p, row->owner, &msg);
        mm_strbuf_printf(&msg, ": needs %lld, at most %zu eligible", (long long)row->lo, reach);
        clash(d, mm_place_fmt(place, sizeof place, "quotas", d->p->cells[row->owner].quota, NULL),
              &msg);
    }
    mm_free(seen);
}

int mm_diagnose_direct(const mm_problem *p, const mm_model *m, mm_diags *diags, size_t *found)
{
    diagnosis d = {p, m, diags, 0, 0};

    fixed_without_mentor(&d);
    student_fixed_twice(&d);
    fixed_overfill(&d, GROUP_IDEA, p->n_ideas);
    fixed_overfill(&d, GROUP_MENTOR, p->n_mentors);
    fixed_overfill(&d, GROUP_ORG, p->n_orgs);
    fixed_overfill(&d, GROUP_PROGRAM, 1);
    min_load_reach(&d);
    min_loads_in_slots(&d, GROUP_IDEA, p->n_ideas);
    min_loads_in_slots(&d, GROUP_ORG, p->n_orgs);
    min_loads_in_program(&d);
    quota_min_reach(&d);
    *found = d.found;
    return d.oom ? MM_ENOMEM : 0;
}

/* The upper-bound families that touch a row's variables, for the message. */
static void name_blocking_families(const diagnosis *d, const mm_row *row, mm_strbuf *msg)
{
    const mm_problem *p = d->p;
    int touches[MM_ROW_KINDS] = {0};

    for (uint32_t k = 0; k < row->count; k++) {
        const mm_var *var = &d->m->vars[d->m->row_vars[row->begin + k]];
        const mm_idea *idea = &p->ideas[p->apps[var->app].idea];
        touches[MM_ROW_STUDENT] = 1;
        touches[MM_ROW_IDEA] = 1;
        touches[MM_ROW_MENTOR] = 1;
        touches[MM_ROW_ORG] |= idea->org != MM_NONE && p->orgs[idea->org].slots != MM_NO_LIMIT;
    }
    touches[MM_ROW_PROGRAM] = p->program_slots != MM_NO_LIMIT;
    for (size_t r = 0; r < d->m->n_rows && !touches[MM_ROW_QUOTA]; r++)
        touches[MM_ROW_QUOTA] = d->m->rows[r].kind == MM_ROW_QUOTA &&
                                d->m->rows[r].hi != MM_NO_LIMIT;
    mm_strbuf_printf(msg, " (against the caps on ");
    for (int kind = 0, listed = 0; kind < MM_ROW_FIXED; kind++) {
        if (!touches[kind])
            continue;
        mm_strbuf_printf(msg, "%s%s", listed++ ? ", " : "",
                         kind == MM_ROW_STUDENT  ? "one idea per student"
                         : kind == MM_ROW_IDEA   ? "idea slots"
                         : kind == MM_ROW_MENTOR ? "mentor capacities"
                         : kind == MM_ROW_ORG    ? "org slots"
                                                 : "program slots");
    }
    if (touches[MM_ROW_QUOTA])
        mm_strbuf_printf(msg, ", quota maxima");
    mm_strbuf_printf(msg, ")");
}

static void row_place(const mm_problem *p, const mm_row *row, char *place, size_t size)
{
    if (row->kind == MM_ROW_QUOTA)
        mm_place_fmt(place, size, "quotas", p->cells[row->owner].quota, NULL);
    else if (row->kind == MM_ROW_MENTOR)
        mm_place_fmt(place, size, "mentors", row->owner, "min_load");
    else
        mm_place_fmt(place, size, "fixed", row->owner, NULL);
}

/* The other min loads and fixed pairs that compete for the same students. */
static void name_competitors(diagnosis *d, size_t target, mm_strbuf *msg)
{
    const mm_model *m = d->m;
    const mm_row *row = &m->rows[target];
    unsigned char *mine = mm_calloc(d->p->n_students + 1, 1);
    size_t listed = 0;
    char place[PLACE_SIZE];

    if (!mine) {
        d->oom = 1;
        return;
    }
    for (uint32_t k = 0; k < row->count; k++)
        mine[m->vars[m->row_vars[row->begin + k]].student] = 1;
    for (size_t r = 0; r < m->n_rows && listed < 5; r++) {
        const mm_row *other = &m->rows[r];
        int shares = 0;
        if (r == target || other->lo <= 0)
            continue;
        for (uint32_t k = 0; k < other->count && !shares; k++)
            shares = mine[m->vars[m->row_vars[other->begin + k]].student];
        if (!shares)
            continue;
        row_place(d->p, other, place, sizeof place);
        mm_strbuf_printf(msg, "%s%s", listed++ ? ", " : " competing with ", place);
    }
    mm_free(mine);
}

static void describe_shortfall(diagnosis *d, size_t r, double missed)
{
    const mm_row *row = &d->m->rows[r];
    const mm_problem *p = d->p;
    char place[PLACE_SIZE];
    mm_strbuf msg;

    mm_strbuf_init(&msg);
    if (row->kind == MM_ROW_MENTOR) {
        mm_strbuf_printf(&msg, "min_load %lld of mentor " MM_ID_FMT " can be met only up to %lld",
                         (long long)row->lo, MM_ID_ARG(p->mentors[row->owner].id),
                         (long long)(row->lo - (int64_t)(missed + 0.5)));
    } else if (row->kind == MM_ROW_QUOTA) {
        describe_cell(p, row->owner, &msg);
        mm_strbuf_printf(&msg, ": needs %lld, can be met only up to %lld", (long long)row->lo,
                         (long long)(row->lo - (int64_t)(missed + 0.5)));
    } else {
        const mm_pair_rule *rule = &p->fixed[row->owner];
        mm_strbuf_printf(&msg, "fixed pair (" MM_ID_FMT ", " MM_ID_FMT ") cannot be made",
                         MM_ID_ARG(p->students[rule->student].id), MM_ID_ARG(p->ideas[rule->idea].id));
    }
    row_place(p, row, place, sizeof place);
    name_competitors(d, r, &msg);
    name_blocking_families(d, row, &msg);
    clash(d, place, &msg);
}

/* When the solver found no elastic answer in time: name the families. */
static void describe_families(diagnosis *d)
{
    size_t min_loads = 0, fixed = 0, quotas = 0;
    mm_strbuf msg;

    for (size_t r = 0; r < d->m->n_rows; r++) {
        min_loads += d->m->rows[r].kind == MM_ROW_MENTOR && d->m->rows[r].lo > 0;
        fixed += d->m->rows[r].kind == MM_ROW_FIXED;
        quotas += d->m->rows[r].kind == MM_ROW_QUOTA;
    }
    mm_strbuf_init(&msg);
    mm_strbuf_printf(&msg, "the %zu mentor min loads and %zu fixed pairs cannot all be met within the "
                     "caps on one idea per student, idea slots, mentor capacities, org slots and program slots",
                     min_loads, fixed);
    if (quotas)
        mm_strbuf_printf(&msg, " and the %zu quota rows", quotas);
    clash(d, "", &msg);
}

int mm_diagnose_model(const mm_problem *p, const mm_model *m, const mm_glpk_limits *limits,
                      mm_diags *diags)
{
    diagnosis d = {p, m, diags, 0, 0};
    double *shortfall = mm_calloc(m->n_rows + 1, sizeof *shortfall);
    int rc;

    if (!shortfall)
        return MM_ENOMEM;
    rc = mm_glpk_elastic(m, limits, shortfall);
    for (size_t r = 0; rc == 0 && r < m->n_rows; r++)
        if (shortfall[r] > 0.5)
            describe_shortfall(&d, r, shortfall[r]);
    if (rc == MM_ENOSOLUTION || (rc == 0 && d.found == 0)) {
        describe_families(&d);
        rc = 0;
    }
    mm_free(shortfall);
    return d.oom ? MM_ENOMEM : rc;
}
