#include "solve_network.h"

#include <math.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "flow.h"

int mm_model_satisfied(const mm_model *m, const unsigned char *chosen)
{
    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        double sum = 0;
        for (uint32_t k = 0; k < row->count; k++) {
            uint32_t v = m->row_vars[row->begin + k];
            if (chosen[v])
                sum += m->row_coef ? m->row_coef[row->begin + k] : 1.0;
        }
        if (sum < (double)row->lo - 1e-9 ||
            (row->hi != MM_NO_LIMIT && sum > (double)row->hi + 1e-9))
            return 0;
    }
    return 1;
}

#ifndef MM_HAVE_FLOW

int mm_network_solve(const mm_problem *p, const mm_model *m, const double *score,
                     int count_first, const mm_glpk_limits *limits, mm_glpk_outcome *out,
                     mm_network_report *report)
{
    memset(report, 0, sizeof *report);
    report->verdict = MM_NETWORK_NOT_CLASS;
    report->why = "this build has no 128-bit integers";
    return 0;
}

#else

enum { SINK = 0, PROGRAM = 1, FIRST_ORG = 2 };

typedef struct {
    double scale;
    mm_cost per_assignment;
} cost_scale;

typedef struct {
    const mm_problem *p;
    const mm_model *m;
    const double *score;
    const mm_glpk_limits *limits;
    int count_first;
    double last_report;
    /* Caps read from the model's rows; `unlimited` where a row is absent. */
    int64_t unlimited, program_hi;
    int64_t *idea_hi, *mentor_lo, *mentor_hi, *org_hi, *pair_lo;
    uint32_t *fixed_app;   /* per student: the application it is fixed to, or MM_NONE */
    uint32_t *fixed_var;   /* per student: the variable fixed with its mentor, or MM_NONE */
    uint32_t *var_pair;    /* per variable: its entry of idea_mentors */
    unsigned char *pair_used, *org_kept;
    uint32_t *mentor_drain; /* per mentor: the node its load flows into */
    unsigned char *mentor_free; /* per mentor: no row (its load can never bind) */
    uint32_t *app_arc, *pair_arc;
    uint32_t mentor0, idea_out0, idea_in0, student0, n_nodes;
    int relaxed;           /* some conflict or org was left to the final check */
    unsigned char *banned; /* per application: no arc (a restriction); NULL: none */
    const unsigned char *pinned; /* per application: its student must take it, led
                                  * by its first mentor allowed (a restriction) */
    unsigned char *unsplit; /* per application: assigned by the flow, but no lead
                             * mentor it may have was left for it */
    cost_scale costs;
    mm_flow flow;
} network;

/* NULL scores: counting only. */
static double score_of(const double *score, size_t v)
{
    return score ? score[v] : 0;
}

static void net_free(network *n)
{
    mm_free(n->idea_hi);
    mm_free(n->mentor_lo);
    mm_free(n->mentor_hi);
    mm_free(n->org_hi);
    mm_free(n->pair_lo);
    mm_free(n->fixed_app);
    mm_free(n->fixed_var);
    mm_free(n->var_pair);
    mm_free(n->pair_used);
    mm_free(n->org_kept);
    mm_free(n->mentor_drain);
    mm_free(n->mentor_free);
    mm_free(n->unsplit);
    mm_free(n->app_arc);
    mm_free(n->pair_arc);
    mm_flow_dispose(&n->flow);
}

static int64_t *filled(size_t count, int64_t value)
{
    int64_t *a = mm_malloc((count + 1) * sizeof *a);

    for (size_t k = 0; a && k <= count; k++)
        a[k] = value;
    return a;
}

static uint32_t *nones(size_t count)
{
    uint32_t *a = mm_malloc((count + 1) * sizeof *a);

    for (size_t k = 0; a && k <= count; k++)
        a[k] = MM_NONE;
    return a;
}

static int net_alloc(network *n)
{
    const mm_problem *p = n->p;
    const mm_model *m = n->m;

    n->unlimited = (int64_t)p->n_students;
    n->program_hi = n->unlimited;
    n->idea_hi = filled(p->n_ideas, n->unlimited);
    n->mentor_lo = filled(p->n_mentors, 0);
    n->mentor_hi = filled(p->n_mentors, n->unlimited);
    n->org_hi = filled(p->n_orgs, n->unlimited);
    n->pair_lo = filled(p->n_idea_mentors, 0);
    n->fixed_app = nones(p->n_students);
    n->fixed_var = nones(p->n_students);
    n->var_pair = nones(m->n_vars);
    n->pair_used = mm_calloc(p->n_idea_mentors + 1, 1);
    n->org_kept = mm_calloc(p->n_orgs + 1, 1);
    n->mentor_drain = nones(p->n_mentors);
    n->mentor_free = mm_malloc(p->n_mentors + 1);
    if (n->mentor_free)
        memset(n->mentor_free, 1, p->n_mentors + 1);
    n->app_arc = nones(p->n_apps);
    n->unsplit = mm_calloc(p->n_apps + 1, 1);
    n->pair_arc = nones(p->n_idea_mentors);
    return n->idea_hi && n->mentor_lo && n->mentor_hi && n->org_hi && n->pair_lo && n->fixed_app &&
                   n->fixed_var && n->var_pair && n->pair_used && n->org_kept && n->mentor_drain &&
                   n->app_arc && n->pair_arc && n->mentor_free && n->unsplit
               ? 0
               : MM_ENOMEM;
}

/* Each variable's (idea, mentor) entry, and which entries any variable uses. */
static void find_pairs(network *n)
{
    const mm_problem *p = n->p;
    const mm_model *m = n->m;

    for (size_t v = 0; v < m->n_vars; v++) {
        const mm_idea *idea = &p->ideas[p->apps[m->vars[v].app].idea];
        for (uint32_t k = 0; k < idea->mentor_count; k++)
            if (p->idea_mentors[idea->mentor_begin + k] == m->vars[v].mentor) {
                n->var_pair[v] = idea->mentor_begin + k;
                n->pair_used[idea->mentor_begin + k] = 1;
                break;
            }
    }
}

/* A fixed row: one application's variables (any lead mentor) or one
 * variable (that lead mentor). NULL when it fits, else why not. */
static const char *read_fixed_row(network *n, const mm_row *row)
{
    const mm_model *m = n->m;
    uint32_t first, app, student;

    if (row->lo != 1 || row->hi != 1 || row->count == 0)
        return "a fixed row that is not sum = 1";
    first = m->row_vars[row->begin];
    app = m->vars[first].app;
    student = m->vars[first].student;
    for (uint32_t k = 1; k < row->count; k++)
        if (m->vars[m->row_vars[row->begin + k]].app != app)
            return "a fixed row over several applications";
    if (n->fixed_app[student] != MM_NONE && n->fixed_app[student] != app)
        return "a student fixed to two ideas";
    n->fixed_app[student] = app;
    if (row->count == 1 && n->fixed_var[student] != first) {
        if (n->fixed_var[student] != MM_NONE)
            return "a student fixed to two lead mentors";
        n->fixed_var[student] = first;
        n->pair_lo[n->var_pair[first]]++;
    } else if (row->count != m->app_first_var[app + 1] - m->app_first_var[app] && row->count != 1) {
        return "a fixed row over part of an application's mentors";
    }
    return NULL;
}

/* The caps of every row; NULL when each row is one a flow can hold. */
static const char *read_rows(network *n)
{
    const mm_model *m = n->m;

    if (m->row_coef)
        return "rows with coefficients other than 1";
    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        const char *why = NULL;
        if (row->kind != MM_ROW_MENTOR && row->kind != MM_ROW_FIXED && row->lo != 0)
            return "a lower bound on a row other than a mentor's or a fixed pair's";
        switch (row->kind) {
        case MM_ROW_STUDENT:
            if (row->hi != 1)
                return "a student row other than at most 1";
            break;
        case MM_ROW_IDEA: n->idea_hi[row->owner] = row->hi; break;
        case MM_ROW_MENTOR:
            n->mentor_free[row->owner] = 0;
            n->mentor_lo[row->owner] = row->lo;
            n->mentor_hi[row->owner] = row->hi == MM_NO_LIMIT ? n->unlimited : row->hi;
            break;
        case MM_ROW_ORG: n->org_hi[row->owner] = row->hi; break;
        case MM_ROW_PROGRAM: n->program_hi = row->hi; break;
        case MM_ROW_FIXED: why = read_fixed_row(n, row); break;
        default: return "stability cuts";
        }
        if (why)
            return why;
    }
    return NULL;
}

/* Where each mentor's load drains: its org's node when all its ideas lie
 * in one org with a cap and every mentor of that org does the same, else
 * straight to the program. Orgs left out are checked after the solve. A
 * mentor without a row (a load that can never bind) needs no node: each of
 * its ideas sends its share straight to the idea's org. */
static void route_mentors(network *n)
{
    const mm_problem *p = n->p;
    const mm_model *m = n->m;
    enum { UNSEEN = MM_NONE, MIXED = MM_NONE - 1, UNCAPPED = MM_NONE - 2 };

    for (size_t k = 0; k < p->n_mentors; k++)
        n->mentor_drain[k] = UNSEEN;
    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t org = p->ideas[p->apps[m->vars[v].app].idea].org;
        uint32_t *drain = &n->mentor_drain[m->vars[v].mentor];
        if (n->mentor_free[m->vars[v].mentor])
            continue;
        if (org == MM_NONE || n->org_hi[org] >= n->unlimited)
            org = UNCAPPED;
        *drain = *drain == UNSEEN || *drain == org ? org : MIXED;
    }
    for (size_t o = 0; o < p->n_orgs; o++)
        n->org_kept[o] = n->org_hi[o] < n->unlimited;
    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t org = p->ideas[p->apps[m->vars[v].app].idea].org;
        if (org != MM_NONE && n->mentor_drain[m->vars[v].mentor] == MIXED && n->org_kept[org]) {
            n->org_kept[org] = 0;
            n->relaxed = 1;
        }
    }
    for (size_t k = 0; k < p->n_mentors; k++) {
        uint32_t drain = n->mentor_drain[k];
        n->mentor_drain[k] = drain < p->n_orgs && n->org_kept[drain] ? FIRST_ORG + drain : PROGRAM;
    }
}

/* Application costs: minus the score scaled to an integer, so the largest
 * score is just under 2^61: a score is exact to about 19 digits below the
 * largest. Under count-then-score each assignment also costs -W, with W
 * above any difference the scores can make, so counts come first. */
static cost_scale choose_scale(const network *n)
{
    const mm_model *m = n->m;
    double largest = 0;
    cost_scale c;
    int exponent;

    for (size_t v = 0; v < m->n_vars; v++)
        if (fabs(score_of(n->score, v)) > largest)
            largest = fabs(score_of(n->score, v));
    frexp(largest > 0 ? largest : 1, &exponent);
    c.scale = ldexp(1.0, 61 - exponent);
    c.per_assignment = n->count_first ? ((mm_cost)n->p->n_students + 1) << 62 : 0;
    return c;
}

static mm_cost app_cost(const network *n, const cost_scale *c, uint32_t app)
{
    double s = score_of(n->score, n->m->app_first_var[app]);

    return -(c->per_assignment + (mm_cost)llround(s * c->scale));
}

static uint32_t idea_in(const network *n, uint32_t idea)
{
    return n->idea_in0 + idea;
}

/* Sink, program, orgs, mentors, ideas (out, in), students: every arc runs
 * to a lower node. */
static int add_fixed_arcs(network *n)
{
    const mm_problem *p = n->p;
    int rc = mm_flow_add_arc(&n->flow, PROGRAM, SINK, 0, n->program_hi, 0, NULL);

    for (size_t o = 0; rc == 0 && o < p->n_orgs; o++)
        if (n->org_kept[o])
            rc = mm_flow_add_arc(&n->flow, FIRST_ORG + (uint32_t)o, PROGRAM, 0, n->org_hi[o], 0,
                                 NULL);
    for (size_t k = 0; rc == 0 && k < p->n_mentors; k++) {
        if (n->mentor_free[k])
            continue;
        if (n->mentor_lo[k] > n->mentor_hi[k])
            return MM_EINFEASIBLE;
        rc = mm_flow_add_arc(&n->flow, n->mentor0 + (uint32_t)k, n->mentor_drain[k],
                             n->mentor_lo[k], n->mentor_hi[k], 0, NULL);
    }
    for (size_t i = 0; rc == 0 && i < p->n_ideas; i++) {
        const mm_idea *idea = &p->ideas[i];
        for (uint32_t k = 0; rc == 0 && k < idea->mentor_count; k++) {
            uint32_t pair = idea->mentor_begin + k;
            uint32_t mentor = p->idea_mentors[pair];
            uint32_t to = !n->mentor_free[mentor]                     ? n->mentor0 + mentor
                          : idea->org != MM_NONE && n->org_kept[idea->org] ? FIRST_ORG + idea->org
                                                                      : PROGRAM;
            if (n->pair_used[pair])
                rc = mm_flow_add_arc(&n->flow, n->idea_out0 + (uint32_t)i, to, n->pair_lo[pair],
                                     n->unlimited, 0, &n->pair_arc[pair]);
        }
        if (rc == 0)
            rc = mm_flow_add_arc(&n->flow, idea_in(n, (uint32_t)i), n->idea_out0 + (uint32_t)i, 0,
                                 n->idea_hi[i], 0, NULL);
    }
    return rc;
}

typedef struct {
    double best;
    uint32_t student;
} student_rank;

static int by_best_score(const void *x, const void *y)
{
    const student_rank *a = x, *b = y;

    if (a->best != b->best)
        return a->best > b->best ? -1 : 1;
    return a->student < b->student ? -1 : a->student > b->student;
}

/* Students are routed in node order, best score first: a later student
 * then seldom displaces an earlier one, so its search stays small. */
static uint32_t *routing_order(const network *n)
{
    const mm_problem *p = n->p;
    const mm_model *m = n->m;
    student_rank *rank = mm_malloc((p->n_students + 1) * sizeof *rank);
    uint32_t *node_of = mm_malloc((p->n_students + 1) * sizeof *node_of);

    if (!rank || !node_of) {
        mm_free(rank);
        mm_free(node_of);
        return NULL;
    }
    for (size_t s = 0; s < p->n_students; s++)
        rank[s] = (student_rank){-HUGE_VAL, (uint32_t)s};
    for (size_t v = 0; v < m->n_vars; v++)
        if (score_of(n->score, v) > rank[m->vars[v].student].best)
            rank[m->vars[v].student].best = score_of(n->score, v);
    qsort(rank, p->n_students, sizeof *rank, by_best_score);
    for (size_t k = 0; k < p->n_students; k++)
        node_of[rank[k].student] = n->student0 + (uint32_t)k;
    mm_free(rank);
    return node_of;
}

static int add_student_arcs(network *n, const cost_scale *c)
{
    const mm_problem *p = n->p;
    const mm_model *m = n->m;
    int64_t supplied = 0;
    uint32_t *node_of = routing_order(n);
    int rc = node_of ? 0 : MM_ENOMEM;

    for (size_t s = 0; rc == 0 && s < p->n_students; s++) {
        const mm_student *st = &p->students[s];
        uint32_t node = node_of[s], arcs = 0;
        for (uint32_t a = st->app_begin; rc == 0 && a < st->app_begin + st->app_count; a++) {
            if (m->app_first_var[a] == m->app_first_var[a + 1])
                continue;
            if ((n->fixed_app[s] != MM_NONE && n->fixed_app[s] != a) || (n->banned && n->banned[a]))
                continue;
            if (m->app_first_var[a + 1] - m->app_first_var[a] < p->ideas[p->apps[a].idea].mentor_count)
                n->relaxed = 1; /* some mentors are in conflict with this student */
            rc = mm_flow_add_arc(&n->flow, node, idea_in(n, p->apps[a].idea), 0, 1,
                                 app_cost(n, c, a), &n->app_arc[a]);
            arcs++;
        }
        if (rc != 0 || arcs == 0)
            continue;
        /* A fixed student has no way out but its application. */
        if (n->fixed_app[s] == MM_NONE)
            rc = mm_flow_add_arc(&n->flow, node, SINK, 0, 1, 0, NULL);
        mm_flow_supply(&n->flow, node, 1);
        supplied++;
    }
    mm_flow_supply(&n->flow, SINK, -supplied);
    mm_free(node_of);
    return rc;
}

static int build(network *n)
{
    const mm_problem *p = n->p;
    int rc;

    n->mentor0 = FIRST_ORG + (uint32_t)p->n_orgs;
    n->idea_out0 = n->mentor0 + (uint32_t)p->n_mentors;
    n->idea_in0 = n->idea_out0 + (uint32_t)p->n_ideas;
    n->student0 = n->idea_in0 + (uint32_t)p->n_ideas;
    n->n_nodes = n->student0 + (uint32_t)p->n_students;
    n->costs = choose_scale(n);
    rc = mm_flow_init(&n->flow, n->n_nodes, n->m->n_vars + p->n_students);
    if (rc == 0)
        rc = add_fixed_arcs(n);
    if (rc == 0)
        rc = add_student_arcs(n, &n->costs);
    return rc;
}

/* ------------------------------------------------ from flow to choices -- */

typedef struct {
    uint32_t *apps;      /* assigned applications, grouped by idea */
    uint32_t *lead;      /* per position: its pair (idea_mentors entry) */
    unsigned char *held; /* per position: a fixed lead mentor, never moved */
    int64_t *left;       /* per pair: units of its arc not yet given out */
    unsigned char *seen; /* per pair, during one search */
} split;

/* Give position j a lead mentor among its own variables, moving others
 * of the same idea along (an augmenting path, Kuhn's method). */
static int place(const network *n, split *sp, uint32_t begin, uint32_t end, uint32_t j)
{
    const mm_model *m = n->m;
    uint32_t app = sp->apps[j];

    for (uint32_t v = m->app_first_var[app]; v < m->app_first_var[app + 1]; v++) {
        uint32_t pair = n->var_pair[v];
        if (sp->seen[pair])
            continue;
        sp->seen[pair] = 1;
        if (sp->left[pair] > 0) {
            sp->left[pair]--;
            sp->lead[j] = pair;
            return 1;
        }
        for (uint32_t k = begin; k < end; k++)
            if (k != j && sp->lead[k] == pair && !sp->held[k] && place(n, sp, begin, end, k)) {
                sp->lead[j] = pair;
                return 1;
            }
    }
    return 0;
}

static void clear_seen(const network *n, split *sp, uint32_t idea)
{
    const mm_idea *d = &n->p->ideas[idea];

    memset(sp->seen + d->mentor_begin, 0, d->mentor_count);
}

/* One idea's students to its mentors, as many to each as the flow sent.
 * @return 1 when each found one; those that did not keep lead MM_NONE. */
static int split_idea(const network *n, split *sp, uint32_t idea, uint32_t begin, uint32_t end)
{
    int all = 1;

    for (uint32_t j = begin; j < end; j++) {
        uint32_t student = n->m->vars[n->m->app_first_var[sp->apps[j]]].student;
        uint32_t fixed = n->fixed_var[student];
        sp->lead[j] = MM_NONE;
        sp->held[j] = fixed != MM_NONE && sp->left[n->var_pair[fixed]] > 0;
        if (sp->held[j]) {
            sp->left[n->var_pair[fixed]]--;
            sp->lead[j] = n->var_pair[fixed];
        }
    }
    for (uint32_t j = begin; j < end; j++) {
        if (sp->held[j])
            continue;
        clear_seen(n, sp, idea);
        if (n->fixed_var[n->m->vars[n->m->app_first_var[sp->apps[j]]].student] != MM_NONE ||
            !place(n, sp, begin, end, j))
            all = 0;
    }
    return all;
}

static uint32_t var_of(const mm_model *m, const network *n, uint32_t app, uint32_t pair)
{
    for (uint32_t v = m->app_first_var[app]; v < m->app_first_var[app + 1]; v++)
        if (n->var_pair[v] == pair)
            return v;
    return MM_NONE;
}

/* Group the assigned applications by idea (counting sort). */
static uint32_t *group_by_idea(const network *n, uint32_t *start)
{
    const mm_problem *p = n->p;
    uint32_t *apps = mm_malloc((p->n_apps + 1) * sizeof *apps), *fill = mm_calloc(p->n_ideas + 1, sizeof *fill);

    if (!apps || !fill) {
        mm_free(apps);
        mm_free(fill);
        return NULL;
    }
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE && mm_flow_of(&n->flow, n->app_arc[a]) > 0)
            start[p->apps[a].idea + 1]++;
    for (size_t i = 0; i < p->n_ideas; i++)
        start[i + 1] += start[i];
    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE && mm_flow_of(&n->flow, n->app_arc[a]) > 0)
            apps[start[p->apps[a].idea] + fill[p->apps[a].idea]++] = (uint32_t)a;
    mm_free(fill);
    return apps;
}

/* Turn the flow into one choice per variable. @return 1 when every
 * assigned student found a lead mentor, 0 when some did not (they are left
 * out), -1 on oom. */
static int decode(network *n, unsigned char *chosen)
{
    const mm_problem *p = n->p;
    uint32_t *start = mm_calloc(p->n_ideas + 2, sizeof *start);
    split sp = {NULL, NULL, NULL, NULL, NULL};
    int ok = 1;

    if (start)
        sp.apps = group_by_idea(n, start);
    if (sp.apps) {
        sp.lead = mm_malloc((start[p->n_ideas] + 1) * sizeof *sp.lead);
        sp.held = mm_malloc(start[p->n_ideas] + 1);
        sp.left = mm_calloc(p->n_idea_mentors + 1, sizeof *sp.left);
        sp.seen = mm_calloc(p->n_idea_mentors + 1, 1);
    }
    if (!start || !sp.apps || !sp.lead || !sp.held || !sp.left || !sp.seen) {
        ok = -1;
    } else {
        for (size_t q = 0; q < p->n_idea_mentors; q++)
            sp.left[q] = n->pair_arc[q] == MM_NONE ? 0 : mm_flow_of(&n->flow, n->pair_arc[q]);
        for (uint32_t i = 0; i < p->n_ideas; i++)
            ok &= split_idea(n, &sp, i, start[i], start[i + 1]);
        for (uint32_t j = 0; j < start[p->n_ideas]; j++)
            if (sp.lead[j] != MM_NONE)
                chosen[var_of(n->m, n, sp.apps[j], sp.lead[j])] = 1;
            else
                n->unsplit[sp.apps[j]] = 1;
    }
    mm_free(start);
    mm_free(sp.apps);
    mm_free(sp.lead);
    mm_free(sp.held);
    mm_free(sp.left);
    mm_free(sp.seen);
    return ok;
}

/* ------------------------------------------------------------ solving -- */

static int should_stop(void *context, double done)
{
    network *n = context;
    const mm_glpk_limits *limits = n->limits;
    double now = mm_now();

    if (limits->progress && now - n->last_report >= 0.25) {
        mm_progress progress = {"network", now - limits->started, 0, 0, 0, 0};
        n->last_report = now;
        limits->progress(&progress, limits->progress_context);
    }
    (void)done;
    return (limits->deadline > 0 && now >= limits->deadline) || (limits->stop && *limits->stop);
}

static void totals(const mm_model *m, const double *score, const unsigned char *chosen,
                   double *count, double *total)
{
    *count = *total = 0;
    for (size_t v = 0; v < m->n_vars; v++)
        if (chosen[v]) {
            *count += 1;
            *total += score_of(score, v);
        }
}

/* A bound that needs no solver, for a flow stopped early: each student's
 * best score, and every student with a variable. */
static void trivial_bounds(const mm_model *m, const double *score, double *count, double *total)
{
    double best = 0;

    *count = *total = 0;
    for (size_t v = 0; v < m->n_vars; v++) {
        if (v == 0 || m->vars[v].student != m->vars[v - 1].student) {
            *total += best;
            best = 0;
            *count += 1;
        }
        if (score_of(score, v) > best)
            best = score_of(score, v);
    }
    *total += best;
}

/* A relaxed optimum made feasible for GLPK to start from: in each row over
 * its cap, drop the lowest-scored choices that are not fixed. 1 when every
 * row then holds. */
static int repair(const network *n, unsigned char *chosen)
{
    const mm_model *m = n->m;

    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        int64_t sum = 0;
        for (uint32_t k = 0; k < row->count; k++)
            sum += chosen[m->row_vars[row->begin + k]];
        while (row->hi != MM_NO_LIMIT && sum > row->hi) {
            uint32_t worst = MM_NONE;
            for (uint32_t k = 0; k < row->count; k++) {
                uint32_t v = m->row_vars[row->begin + k];
                if (chosen[v] && n->fixed_app[m->vars[v].student] == MM_NONE &&
                    (worst == MM_NONE || score_of(n->score, v) < score_of(n->score, worst)))
                    worst = v;
            }
            if (worst == MM_NONE)
                return 0;
            chosen[worst] = 0;
            sum--;
        }
    }
    return mm_model_satisfied(m, chosen);
}

/* After a repair, place each student left out where every cap still has
 * room: its best such variable. */
static int refill(const network *n, unsigned char *chosen)
{
    const mm_problem *p = n->p;
    const mm_model *m = n->m;
    int64_t *idea = mm_calloc(p->n_ideas + 1, sizeof *idea);
    int64_t *mentor = mm_calloc(p->n_mentors + 1, sizeof *mentor);
    int64_t *org = mm_calloc(p->n_orgs + 1, sizeof *org), program = 0;
    unsigned char *placed = mm_calloc(p->n_students + 1, 1);
    int rc = idea && mentor && org && placed ? 0 : MM_ENOMEM;

    for (size_t v = 0; rc == 0 && v < m->n_vars; v++)
        if (chosen[v]) {
            const mm_idea *d = &p->ideas[p->apps[m->vars[v].app].idea];
            idea[p->apps[m->vars[v].app].idea]++;
            mentor[m->vars[v].mentor]++;
            org[d->org == MM_NONE ? p->n_orgs : d->org]++;
            program++;
            placed[m->vars[v].student] = 1;
        }
    for (size_t v = 0, best = MM_NONE; rc == 0 && v < m->n_vars; v++) {
        uint32_t s = m->vars[v].student, i = p->apps[m->vars[v].app].idea, k = m->vars[v].mentor;
        uint32_t o = p->ideas[i].org;
        int fits = !placed[s] && n->fixed_app[s] == MM_NONE && idea[i] < n->idea_hi[i] &&
                   mentor[k] < n->mentor_hi[k] && (o == MM_NONE || org[o] < n->org_hi[o]) &&
                   program < n->program_hi;
        if (fits && (best == MM_NONE || score_of(n->score, v) > score_of(n->score, best)))
            best = v;
        if (best != MM_NONE && (v + 1 == m->n_vars || m->vars[v + 1].student != s)) {
            const mm_var *b = &m->vars[best];
            uint32_t bo = p->ideas[p->apps[b->app].idea].org;
            chosen[best] = placed[s] = 1;
            idea[p->apps[b->app].idea]++;
            mentor[b->mentor]++;
            org[bo == MM_NONE ? p->n_orgs : bo]++;
            program++;
            best = MM_NONE;
        }
    }
    mm_free(idea);
    mm_free(mentor);
    mm_free(org);
    mm_free(placed);
    return rc;
}

static mm_cost solution_cost(const network *n, const unsigned char *chosen)
{
    mm_cost total = 0;

    for (size_t v = 0; v < n->m->n_vars; v++)
        if (chosen[v])
            total += app_cost(n, &n->costs, n->m->vars[v].app);
    return total;
}

static mm_cost flow_cost(const network *n)
{
    mm_cost total = 0;

    for (size_t a = 0; a < n->p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE && mm_flow_of(&n->flow, n->app_arc[a]) > 0)
            total += app_cost(n, &n->costs, (uint32_t)a);
    return total;
}

static void flow_totals(const network *n, double *count, double *score)
{
    *count = *score = 0;
    for (size_t a = 0; a < n->p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE && mm_flow_of(&n->flow, n->app_arc[a]) > 0) {
            *count += 1;
            *score += score_of(n->score, n->m->app_first_var[a]);
        }
}

/* Reduced-cost fixing: no solution at least as good as `chosen` uses an
 * arc whose reduced cost exceeds the gap between chosen and the flow's
 * optimum, so the variables on such arcs can be left out of GLPK's model.
 * NULL (no error) when the gap spans an assignment under count-then-score:
 * then nothing can be fixed. */
static int mark_free(const network *n, const unsigned char *chosen, unsigned char **keep)
{
    const mm_model *m = n->m;
    mm_cost gap = solution_cost(n, chosen) - flow_cost(n);

    *keep = NULL;
    if (n->count_first && gap >= n->costs.per_assignment)
        return 0;
    *keep = mm_calloc(m->n_vars + 1, 1);
    if (!*keep)
        return MM_ENOMEM;
    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t arc = n->app_arc[m->vars[v].app], pair = n->var_pair[v];
        int fixed = arc == MM_NONE || mm_flow_reduced_cost(&n->flow, arc) > gap ||
                    (n->pair_lo[pair] == 0 && n->pair_arc[pair] != MM_NONE &&
                     mm_flow_reduced_cost(&n->flow, n->pair_arc[pair]) > gap);
        (*keep)[v] = chosen[v] || !fixed;
    }
    return 0;
}

/* Why the relaxed optimum is not the model's. */
static const char *broken_family(const mm_model *m, const unsigned char *chosen, int split_ok)
{
    if (!split_ok)
        return "conflicts leave some students of a multi-mentor idea without a lead mentor";
    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        int64_t sum = 0;
        for (uint32_t k = 0; k < row->count; k++)
            sum += chosen[m->row_vars[row->begin + k]];
        if (row->kind == MM_ROW_ORG && sum > row->hi)
            return "an org's slots are shared with mentors who also lead ideas of other orgs";
    }
    return "the flow's optimum breaks a row of the model";
}

static int finish(network *n, mm_flow_status status, mm_glpk_outcome *out, mm_network_report *report)
{
    int split_ok, ok;

    if (status == MM_FLOW_INFEASIBLE) {
        out->kind = MM_OUTCOME_INFEASIBLE; /* the relaxation is: so is the model */
        return 0;
    }
    if (status == MM_FLOW_OPTIMAL && !mm_flow_certify(&n->flow))
        return MM_EINTERNAL;
    split_ok = decode(n, out->chosen);
    if (split_ok < 0)
        return MM_ENOMEM;
    ok = split_ok && mm_model_satisfied(n->m, out->chosen);
    if (status == MM_FLOW_STOPPED) {
        out->kind = ok ? MM_OUTCOME_LIMITED : MM_OUTCOME_NO_SOLUTION;
        out->stopped = n->limits->stop && *n->limits->stop;
        trivial_bounds(n->m, n->score, &out->bound_count, &out->bound_score);
        if (!ok)
            memset(out->chosen, 0, n->m->n_vars);
        return 0;
    }
    totals(n->m, n->score, out->chosen, &out->bound_count, &out->bound_score);
    if (!ok) {
        report->verdict = MM_NETWORK_RELAXED;
        report->why = broken_family(n->m, out->chosen, split_ok);
        report->split_failed = !split_ok;
        flow_totals(n, &report->relaxed_count, &report->relaxed_score);
        report->has_start = repair(n, out->chosen);
        if (report->has_start && refill(n, out->chosen) != 0)
            return MM_ENOMEM;
        return report->has_start ? mark_free(n, out->chosen, &report->keep) : 0;
    }
    out->kind = MM_OUTCOME_OPTIMAL;
    return 0;
}

/* Read the model into n and solve its flow. @return 0, MM_ENOMEM or
 * MM_EINTERNAL; *class_why is set when the model is no flow at all. */
/* A pinned application becomes a fixed pair with its first mentor the
 * student may have: the conflict is then held by the flow. */
static void pin_students(network *n)
{
    const mm_model *m = n->m;

    for (size_t a = 0; n->pinned && a < n->p->n_apps; a++) {
        uint32_t v = m->app_first_var[a], s;
        if (!n->pinned[a] || v == m->app_first_var[a + 1])
            continue;
        s = m->vars[v].student;
        if (n->fixed_app[s] != MM_NONE)
            continue;
        n->fixed_app[s] = (uint32_t)a;
        n->fixed_var[s] = v;
        n->pair_lo[n->var_pair[v]]++;
    }
}

static int run_network(network *n, mm_flow_status *status, const char **class_why)
{
    int rc = net_alloc(n);

    *status = MM_FLOW_OPTIMAL;
    *class_why = NULL;
    if (rc != 0)
        return rc;
    find_pairs(n);
    if ((*class_why = read_rows(n)) != NULL)
        return 0;
    pin_students(n);
    route_mentors(n);
    rc = build(n);
    if (rc == MM_EINFEASIBLE) {
        *status = MM_FLOW_INFEASIBLE;
        return 0;
    }
    return rc == 0 ? mm_flow_solve(&n->flow, should_stop, n, status) : rc;
}

static void net_init(network *n, const network *like)
{
    memset(n, 0, sizeof *n);
    n->p = like->p;
    n->m = like->m;
    n->score = like->score;
    n->limits = like->limits;
    n->count_first = like->count_first;
}

#define RESTRICTION_ROUNDS 4

/* The relaxation's optimum left some students without a lead mentor their
 * conflicts allow. Solve restrictions instead, feasible for the model when
 * they split: first those students pinned to their idea under a mentor they
 * may have, then (and in later rounds) those applications banned. One as
 * good as the relaxation is optimal; a worse one starts GLPK, with the
 * relaxation's reduced costs fixing what cannot improve on it. */
/* Keep `chosen` as the start when it beats the one in hand. @return 1 when
 * it proves the optimum (as good as the relaxation). */
static int offer_start(network *relaxed, const network *n, unsigned char **chosen,
                       mm_glpk_outcome *out, mm_network_report *report, mm_cost *best)
{
    mm_cost gap = *chosen ? solution_cost(relaxed, *chosen) - flow_cost(relaxed) : *best;

    if (*chosen && (!report->has_start || gap < *best)) {
        *best = gap;
        mm_free(out->chosen);
        out->chosen = *chosen;
        *chosen = NULL;
        report->has_start = 1;
    }
    if (report->has_start && *best == 0) {
        report->verdict = MM_NETWORK_SOLVED;
        out->kind = MM_OUTCOME_OPTIMAL;
        totals(n->m, n->score, out->chosen, &out->bound_count, &out->bound_score);
        return 1;
    }
    return 0;
}

static int try_restrictions(network *relaxed, mm_glpk_outcome *out, mm_network_report *report)
{
    const mm_problem *p = relaxed->p;
    unsigned char *banned = mm_calloc(p->n_apps + 1, 1), *chosen = NULL;
    mm_cost best = report->has_start ? solution_cost(relaxed, out->chosen) - flow_cost(relaxed) : 0;
    int rc = banned ? 0 : MM_ENOMEM, found = 0, proven = 0;

    memcpy(banned, relaxed->unsplit, banned ? p->n_apps : 0);
    proven = rc == 0 && offer_start(relaxed, relaxed, &chosen, out, report, &best);
    for (int round = 0; rc == 0 && !proven && found < 2 && round < RESTRICTION_ROUNDS; round++) {
        network n;
        mm_flow_status status;
        const char *why;
        int split_ok;
        net_init(&n, relaxed);
        if (round == 0)
            n.pinned = relaxed->unsplit;
        else
            n.banned = banned;
        rc = run_network(&n, &status, &why);
        if (rc == 0 && !(chosen = mm_calloc(n.m->n_vars + 1, 1)))
            rc = MM_ENOMEM;
        split_ok = rc == 0 && status == MM_FLOW_OPTIMAL && mm_flow_certify(&n.flow) ? decode(&n, chosen) : 0;
        if (split_ok < 0)
            rc = MM_ENOMEM;
        if (rc == 0 && split_ok > 0 && mm_model_satisfied(n.m, chosen)) {
            found++; /* the pinned and the banned restriction: the better one stays */
            proven = offer_start(relaxed, &n, &chosen, out, report, &best);
        }
        for (size_t a = 0; rc == 0 && a < p->n_apps; a++)
            banned[a] |= n.unsplit[a];
        mm_free(chosen);
        chosen = NULL;
        net_free(&n);
        if (rc == 0 && status == MM_FLOW_STOPPED)
            break;
    }
    mm_free(report->keep);
    report->keep = NULL;
    if (rc == 0 && !proven && report->has_start)
        rc = mark_free(relaxed, out->chosen, &report->keep);
    mm_free(chosen);
    mm_free(banned);
    return rc;
}

int mm_network_solve(const mm_problem *p, const mm_model *m, const double *score,
                     int count_first, const mm_glpk_limits *limits, mm_glpk_outcome *out,
                     mm_network_report *report)
{
    network n;
    mm_flow_status status = MM_FLOW_OPTIMAL;
    double started = mm_now();
    int rc;

    memset(&n, 0, sizeof n);
    memset(out, 0, sizeof *out);
    memset(report, 0, sizeof *report);
    n.p = p;
    n.m = m;
    n.score = score;
    n.limits = limits;
    n.count_first = count_first;
    if (p->n_students >= (1u << 30) ||
        (uint64_t)p->n_students + 2 * p->n_ideas + p->n_mentors + p->n_orgs + 2 >= MM_NONE - 2) {
        report->verdict = MM_NETWORK_NOT_CLASS;
        report->why = "too many nodes";
        return 0;
    }
    rc = run_network(&n, &status, &report->why);
    report->verdict = report->why ? MM_NETWORK_NOT_CLASS : MM_NETWORK_SOLVED;
    if (rc == 0 && !report->why && !(out->chosen = mm_calloc(m->n_vars + 1, 1)))
        rc = MM_ENOMEM;
    if (rc == 0 && !report->why)
        rc = finish(&n, status, out, report);
    if (rc == 0 && report->verdict == MM_NETWORK_RELAXED && report->split_failed) {
        rc = try_restrictions(&n, out, report);
    } else if (rc == 0 && report->verdict == MM_NETWORK_RELAXED && report->has_start) {
        unsigned char *none = NULL;
        mm_cost best = solution_cost(&n, out->chosen) - flow_cost(&n);
        if (offer_start(&n, &n, &none, out, report, &best)) {
            mm_free(report->keep); /* the repair lost nothing: it is optimal */
            report->keep = NULL;
        }
    }
    report->paths = n.flow.paths;
    report->seconds = mm_now() - started;
    if (rc != 0 || (report->verdict != MM_NETWORK_SOLVED && !report->has_start)) {
        mm_free(out->chosen);
        out->chosen = NULL;
    }
    net_free(&n);
    return rc;
}

#endif
