#include "solve_network.h"

#include <math.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "network.h"
#include "ties.h"

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

int mm_network_solve(const mm_problem *p, const mm_model *m, const mm_glpk_objective *obj,
                     const mm_glpk_limits *limits, mm_glpk_outcome *out,
                     mm_network_report *report)
{
    (void)p, (void)m, (void)obj, (void)limits;
    memset(out, 0, sizeof *out);
    memset(report, 0, sizeof *report);
    report->verdict = MM_NETWORK_NOT_CLASS;
    report->why = "this build has no 128-bit integers";
    return 0;
}

#else


void mm_net_free(network *n)
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
    mm_free(n->trail_arc);
    mm_free(n->trail_cap);
    mm_free(n->student_node);
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
    if (n->trail && (!(n->trail_arc = nones(p->n_idea_mentors)) ||
                     !(n->trail_cap = filled(p->n_idea_mentors, 0))))
        return MM_ENOMEM;
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
                if (n->trail && n->trail[v] != 0)
                    n->trail_cap[idea->mentor_begin + k]++;
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
        if (row->kind != MM_ROW_MENTOR && row->kind != MM_ROW_FIXED && row->kind != MM_ROW_QUOTA &&
            row->lo != 0)
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
        case MM_ROW_QUOTA: /* priced over the flow (network_side.c) where it fits */
            if (!mm_net_side_row_fits(m, row))
                return "a quota row over part of an application's mentors";
            break;
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
        if (org != MM_NONE && n->mentor_drain[m->vars[v].mentor] == MIXED)
            n->org_kept[org] = 0;
    }
    for (size_t k = 0; k < p->n_mentors; k++) {
        uint32_t drain = n->mentor_drain[k];
        n->mentor_drain[k] = drain < p->n_orgs && n->org_kept[drain] ? FIRST_ORG + drain : PROGRAM;
    }
}

/* Application costs: minus the score scaled to an integer, so the largest
 * score is in [2^60, 2^61): a score is off by at most 2^-61 of the largest
 * (about 18 digits below it; score.h). Under count-then-score each
 * assignment also costs -W, with W above any difference the scores can
 * make, so counts come first. */
cost_scale mm_net_choose_scale(const network *n)
{
    const mm_model *m = n->m;
    double largest = 0;
    cost_scale c;
    int exponent;

    for (size_t v = 0; v < m->n_vars; v++)
        if (fabs(mm_net_score(n->score, v)) > largest)
            largest = fabs(mm_net_score(n->score, v));
    /* Scores all below 2^-900 (tiny skill levels or weights) would make the
     * scale infinite, and 0 x inf a NaN cost: they count as 0 instead, far
     * within the contract's tolerance. */
    frexp(largest > 0x1p-900 ? largest : 1, &exponent);
    c.scale = ldexp(1.0, 61 - exponent);
    c.per_assignment = n->count_first ? ((mm_cost)n->p->n_students + 1) << 62 : 0;
    return c;
}

mm_cost mm_net_app_cost(const network *n, const cost_scale *c, uint32_t app)
{
    double s = mm_net_score(n->score, n->m->app_first_var[app]);

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
            if (rc == 0 && n->trail && n->trail_cap[pair] > 0)
                rc = mm_flow_add_arc(&n->flow, n->idea_out0 + (uint32_t)i, to, 0,
                                     n->trail_cap[pair], 0, &n->trail_arc[pair]);
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

uint32_t *mm_net_rank_students(const network *n)
{
    const mm_problem *p = n->p;
    const mm_model *m = n->m;
    student_rank *rank = mm_malloc((p->n_students + 1) * sizeof *rank);
    uint32_t *order = mm_malloc((p->n_students + 1) * sizeof *order);

    if (!rank || !order) {
        mm_free(rank);
        mm_free(order);
        return NULL;
    }
    for (size_t s = 0; s < p->n_students; s++)
        rank[s] = (student_rank){-HUGE_VAL, (uint32_t)s};
    for (size_t v = 0; v < m->n_vars; v++)
        if (mm_net_score(n->score, v) > rank[m->vars[v].student].best)
            rank[m->vars[v].student].best = mm_net_score(n->score, v);
    qsort(rank, p->n_students, sizeof *rank, by_best_score);
    for (size_t k = 0; k < p->n_students; k++)
        order[k] = rank[k].student;
    mm_free(rank);
    return order;
}

/* Students are routed in node order, best score first: a later student
 * then seldom displaces an earlier one, so its search stays small. */
static uint32_t *routing_order(const network *n)
{
    uint32_t *order = mm_net_rank_students(n), *node_of;

    node_of = order ? mm_malloc((n->p->n_students + 1) * sizeof *node_of) : NULL;
    for (size_t k = 0; node_of && k < n->p->n_students; k++)
        node_of[order[k]] = n->student0 + (uint32_t)k;
    mm_free(order);
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
            rc = mm_flow_add_arc(&n->flow, node, idea_in(n, p->apps[a].idea), 0, 1,
                                 mm_net_app_cost(n, c, a), &n->app_arc[a]);
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
    n->student_node = node_of;
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
    n->costs = mm_net_choose_scale(n);
    rc = mm_flow_init(&n->flow, n->n_nodes);
    if (rc == 0)
        rc = add_fixed_arcs(n);
    if (rc == 0)
        rc = add_student_arcs(n, &n->costs);
    return rc;
}

/* ------------------------------------------------------------ solving -- */

int mm_net_should_stop(void *context, double done)
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
    return (limits->deadline > 0 && now >= limits->deadline) || (limits->stop && *limits->stop) ||
           (limits->stop_at && limits->stop_at("network", limits->stop_context));
}

void mm_net_totals(const mm_model *m, const double *score, const unsigned char *chosen,
                   double *count, double *total)
{
    *count = *total = 0;
    for (size_t v = 0; v < m->n_vars; v++)
        if (chosen[v]) {
            *count += 1;
            *total += mm_net_score(score, v);
        }
}

/* A stop during the flow: the students routed so far are cheapest among
 * flows of their number, the others not routed at all. Repaired and filled
 * as a relaxed optimum is, they become a maximal feasible assignment, the
 * best the run holds; the fill is dropped if it breaks a row the flow
 * relaxed, and nothing is held if neither is feasible (a min load unmet). */
static int keep_partial_flow(network *n, mm_glpk_outcome *out)
{
    const mm_model *m = n->m;
    unsigned char *repaired = mm_malloc(m->n_vars + 1);
    int ok;

    if (!repaired)
        return MM_ENOMEM;
    mm_net_repair(n, out->chosen);
    memcpy(repaired, out->chosen, m->n_vars);
    if (mm_net_refill(n, out->chosen) != 0) {
        mm_free(repaired);
        return MM_ENOMEM;
    }
    ok = mm_model_satisfied(m, out->chosen);
    if (!ok && (ok = mm_model_satisfied(m, repaired)) != 0)
        memcpy(out->chosen, repaired, m->n_vars);
    mm_free(repaired);
    out->kind = ok ? MM_OUTCOME_LIMITED : MM_OUTCOME_NO_SOLUTION;
    out->stopped = n->limits->stop && *n->limits->stop;
    out->bound_count = mm_trivial_score_bound(m, NULL);
    out->bound_score = mm_trivial_score_bound(m, n->score);
    if (!ok)
        memset(out->chosen, 0, m->n_vars);
    return 0;
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
    split_ok = mm_net_decode(n, out->chosen);
    if (split_ok < 0)
        return MM_ENOMEM;
    if (status == MM_FLOW_STOPPED)
        return keep_partial_flow(n, out);
    ok = split_ok && mm_model_satisfied(n->m, out->chosen);
    mm_net_totals(n->m, n->score, out->chosen, &out->bound_count, &out->bound_score);
    if (!ok) {
        report->verdict = MM_NETWORK_RELAXED;
        report->why = mm_net_broken_family(n->m, out->chosen, split_ok);
        /* The repair and the reduced-cost fixing reason on count and
         * score alone: with leading objectives GLPK takes the model whole. */
        if (n->n_lead > 0)
            return 0;
        report->split_failed = !split_ok;
        mm_net_flow_totals(n, &report->relaxed_count, &report->relaxed_score);
        report->has_start = mm_net_repair(n, out->chosen);
        if (report->has_start && mm_net_refill(n, out->chosen) != 0)
            return MM_ENOMEM;
        /* The fill knows the flow's caps only: a quota it broke is repaired again. */
        if (report->has_start && !mm_model_satisfied(n->m, out->chosen))
            report->has_start = mm_net_repair(n, out->chosen);
        return report->has_start ? mm_net_mark_free(n, out->chosen, &report->keep) : 0;
    }
    out->kind = MM_OUTCOME_OPTIMAL;
    return 0;
}

/* Read the model into n and solve its flow. @return 0, MM_ENOMEM or
 * MM_EINTERNAL; *class_why is set when the model is no flow at all. */
/* A pinned application becomes a fixed pair with its first mentor the
 * student may have (or the variable pin_var names): the conflict is then
 * held by the flow. */
static void pin_students(network *n)
{
    const mm_model *m = n->m;

    for (size_t a = 0; (n->pinned || n->pin_var) && a < n->p->n_apps; a++) {
        uint32_t v = m->app_first_var[a], s;
        if (n->pin_var && n->pin_var[a] != MM_NONE)
            v = n->pin_var[a];
        else if (!n->pinned || !n->pinned[a] || v == m->app_first_var[a + 1])
            continue;
        s = m->vars[v].student;
        if (n->fixed_app[s] != MM_NONE)
            continue;
        n->fixed_app[s] = (uint32_t)a;
        n->fixed_var[s] = v;
        n->pair_lo[n->var_pair[v]]++;
    }
}

/* Leading objectives must be 0/1 and the same for every mentor of an
 * application: the flow prices applications, not mentors. */
static const char *leads_unfit(const network *n)
{
    const mm_model *m = n->m;

    if (n->n_lead > MM_GLPK_MAX_LEADS)
        return "more than 64 leading objectives";
    for (size_t k = 0; k < n->n_lead; k++)
        for (size_t v = 0; v < m->n_vars; v++) {
            double c = n->lead[k][v];
            if ((c != 0 && c != 1) || c != n->lead[k][m->app_first_var[m->vars[v].app]])
                return "a leading objective that is not 0/1 per application";
        }
    return NULL;
}

/* Costs below this leave the potentials' path sums room in 128 bits. */
#define PHASE_COST_LIMIT ((mm_cost)1 << 90)

/* Leading objectives from `first` priced in base B = students + 1 (no
 * objective counts more than every student): the cheapest flow is then
 * lexicographically best over them. @return the first objective left out. */
static size_t price_leads(network *n, size_t first)
{
    const mm_model *m = n->m;
    mm_cost base = (mm_cost)n->p->n_students + 1, weight = 1;
    size_t end = first + 1;

    while (end < n->n_lead && weight * base * base <= PHASE_COST_LIMIT) {
        weight *= base;
        end++;
    }
    for (size_t a = 0; a < n->p->n_apps; a++) {
        mm_cost cost = 0, w = weight;
        if (n->app_arc[a] == MM_NONE)
            continue;
        for (size_t k = first; k < end; k++, w /= base)
            cost -= n->lead[k][m->app_first_var[a]] != 0 ? w : 0;
        mm_flow_set_cost(&n->flow, n->app_arc[a], cost);
    }
    return end;
}

/* Lexicographic optimum in phases: each phase's leading objectives, then
 * only the flows optimal for them are kept (mm_flow_keep_optimal) for the
 * next; the last phase is count and score. A phase's certificate is checked
 * before its optima are trusted. */
static int solve_in_phases(network *n, mm_flow_status *status)
{
    size_t next = 0;
    int rc = 0;

    while (rc == 0 && next < n->n_lead) {
        next = price_leads(n, next);
        rc = mm_flow_solve(&n->flow, mm_net_should_stop, n, status);
        if (rc != 0 || *status != MM_FLOW_OPTIMAL)
            return rc;
        if (!mm_flow_certify(&n->flow))
            return MM_EINTERNAL;
        rc = mm_flow_keep_optimal(&n->flow);
    }
    for (size_t a = 0; rc == 0 && n->n_lead > 0 && a < n->p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE)
            mm_flow_set_cost(&n->flow, n->app_arc[a], mm_net_app_cost(n, &n->costs, (uint32_t)a));
    return rc == 0 ? mm_flow_solve(&n->flow, mm_net_should_stop, n, status) : rc;
}

int mm_net_build(network *n, const char **class_why, int *infeasible)
{
    int rc = net_alloc(n);

    *infeasible = 0;
    *class_why = NULL;
    if (rc != 0)
        return rc;
    find_pairs(n);
    if ((*class_why = leads_unfit(n)) != NULL || (*class_why = read_rows(n)) != NULL)
        return 0;
    pin_students(n);
    route_mentors(n);
    rc = build(n);
    if (rc == MM_EINFEASIBLE) {
        *infeasible = 1;
        return 0;
    }
    return rc;
}

int mm_net_run(network *n, mm_flow_status *status, const char **class_why)
{
    int infeasible, rc = mm_net_build(n, class_why, &infeasible);

    *status = infeasible ? MM_FLOW_INFEASIBLE : MM_FLOW_OPTIMAL;
    if (rc != 0 || *class_why || infeasible)
        return rc;
    return solve_in_phases(n, status);
}

void mm_net_init(network *n, const network *like)
{
    memset(n, 0, sizeof *n);
    n->p = like->p;
    n->m = like->m;
    n->score = like->score;
    n->limits = like->limits;
    n->count_first = like->count_first;
    n->lead = like->lead;
    n->n_lead = like->n_lead;
    n->trail = like->trail;
}

/* The baseline lead mentors the flow's relaxation keeps: what its
 * parallel arcs carry, an upper bound on any split's. */
static double trail_relaxed(const network *n)
{
    double total = 0;

    for (size_t q = 0; n->trail && q < n->p->n_idea_mentors; q++)
        if (n->trail_arc[q] != MM_NONE)
            total += (double)mm_flow_of(&n->flow, n->trail_arc[q]);
    return total;
}

static double trail_kept(const network *n, const unsigned char *chosen)
{
    double total = 0;

    for (size_t v = 0; v < n->m->n_vars; v++)
        total += chosen[v] ? n->trail[v] : 0;
    return total;
}

/* Tie-phase prices: the tie weights (ties.h) when `tie`; a baseline lead
 * kept is worth more than every tie weight together. */
static void price_ties(network *n, int tie)
{
    const mm_problem *p = n->p;
    mm_cost keep = ((mm_cost)p->n_students + 1) << 22;

    for (size_t a = 0; a < p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE)
            mm_flow_set_cost(&n->flow, n->app_arc[a],
                             tie ? -(mm_cost)mm_tie_app_weight(p, (uint32_t)a) : 0);
    for (size_t q = 0; q < p->n_idea_mentors; q++) {
        mm_cost w = tie ? -(mm_cost)mm_tie_pair_weight(p, (uint32_t)q) : 0;
        if (n->pair_arc[q] != MM_NONE)
            mm_flow_set_cost(&n->flow, n->pair_arc[q], w);
        if (n->trail && n->trail_arc[q] != MM_NONE)
            mm_flow_set_cost(&n->flow, n->trail_arc[q], w - keep);
    }
}

/* The baseline's lead mentors (when there is a baseline), then the tie tier
 * (ties.h), after a proven optimum: only the flows optimal so far are kept,
 * the arcs are priced (price_ties), and the flow is solved again: exact in
 * integers. Its answer replaces out->chosen when its split keeps every row.
 * The leads are proven only when the split keeps as many as the
 * relaxation's parallel arcs carry; *unproven is set otherwise (out->chosen
 * is then GLPK's start). A limit striking first leaves the optimum found.
 * With `accept`, a split it refuses is not taken and sets *unproven too.
 * @return 0, MM_ENOMEM or MM_EINTERNAL */
int mm_net_break_ties(network *n, const mm_glpk_objective *obj, mm_glpk_outcome *out,
                      int *unproven, mm_net_accept_fn accept, void *context)
{
    mm_flow_status status;
    unsigned char *chosen = mm_calloc(n->m->n_vars + 1, 1);
    /* Equal scores: within 2^-40 of the largest score an arc (the scale puts
     * it at 2^61), so that sums equal but for rounding (7/6 + 3/2 + 11/6
     * against 11/8 + 19/12 + 37/24) tie, as GLPK's 1e-9 makes them. */
    int rc = chosen ? mm_flow_keep_near_optimal(&n->flow, (mm_cost)1 << 21) : MM_ENOMEM, ok = 0;

    *unproven = n->trail != NULL;
    if (rc == 0) {
        price_ties(n, obj->tie != NULL);
        rc = mm_flow_solve(&n->flow, mm_net_should_stop, n, &status);
    }
    if (rc == 0 && status == MM_FLOW_OPTIMAL && !mm_flow_certify(&n->flow))
        rc = MM_EINTERNAL;
    if (rc == 0 && status == MM_FLOW_OPTIMAL) {
        ok = mm_net_decode(n, chosen);
        if (ok < 0)
            rc = MM_ENOMEM;
        ok = ok > 0 && mm_model_satisfied(n->m, chosen) && (!accept || accept(context, chosen));
    }
    if (rc == 0 && ok && n->trail && (rc = mm_tie_split(n->p, n->m, n->trail, chosen)) == 0)
        *unproven = trail_kept(n, chosen) < trail_relaxed(n) - 0.5;
    if (rc == 0 && ok)
        memcpy(out->chosen, chosen, n->m->n_vars);
    if (rc == 0 && !ok && accept)
        *unproven = 1;
    mm_net_totals(n->m, n->score, out->chosen, &out->bound_count, &out->bound_score);
    mm_free(chosen);
    return rc;
}

/* The relaxation's optimum breaks a row: price the rows it breaks
 * (network_side.c). With leading tiers the relaxation's count and score
 * bound nothing; the trivial bounds stand for a limit. */
static int side_rows(const network *n, const mm_glpk_objective *obj, mm_glpk_outcome *out,
                     mm_network_report *report)
{
    if (n->n_lead > 0) {
        report->relaxed_count = mm_trivial_score_bound(n->m, NULL);
        report->relaxed_score = mm_trivial_score_bound(n->m, n->score);
    }
    return mm_net_side_solve(n, obj, out, report);
}

int mm_network_solve(const mm_problem *p, const mm_model *m, const mm_glpk_objective *obj,
                     const mm_glpk_limits *limits, mm_glpk_outcome *out,
                     mm_network_report *report)
{
    network n, like = {.p = p, .m = m, .score = obj->score, .limits = limits,
                       .count_first = obj->count_first || !obj->score,
                       .lead = obj->lead, .n_lead = obj->n_lead, .trail = obj->trail};
    mm_flow_status status = MM_FLOW_OPTIMAL;
    int rc, unproven = 0;

    mm_net_init(&n, &like);
    memset(out, 0, sizeof *out);
    memset(report, 0, sizeof *report);
    if (p->n_students >= (1u << 30) ||
        (uint64_t)p->n_students + 2 * p->n_ideas + p->n_mentors + p->n_orgs + 2 >= MM_NONE - 2) {
        report->verdict = MM_NETWORK_NOT_CLASS;
        report->why = "too many nodes";
        return 0;
    }
    rc = mm_net_run(&n, &status, &report->why);
    report->verdict = report->why ? MM_NETWORK_NOT_CLASS : MM_NETWORK_SOLVED;
    if (rc == 0 && !report->why && !(out->chosen = mm_calloc(m->n_vars + 1, 1)))
        rc = MM_ENOMEM;
    if (rc == 0 && !report->why)
        rc = finish(&n, status, out, report);
    if (rc == 0 && (obj->tie || obj->trail) && report->verdict == MM_NETWORK_SOLVED &&
        status == MM_FLOW_OPTIMAL && out->kind == MM_OUTCOME_OPTIMAL)
        rc = mm_net_break_ties(&n, obj, out, &unproven, NULL, NULL);
    if (rc == 0 && report->verdict == MM_NETWORK_RELAXED && report->split_failed) {
        rc = mm_net_try_restrictions(&n, out, report);
    } else if (rc == 0 && report->verdict == MM_NETWORK_RELAXED && report->has_start) {
        unsigned char *none = NULL;
        mm_cost best = mm_net_solution_cost(&n, out->chosen) - mm_net_flow_cost(&n);
        if (mm_net_offer_start(&n, &n, &none, out, report, &best)) {
            mm_free(report->keep); /* the repair lost nothing: it is optimal */
            report->keep = NULL;
        }
    }
    if (rc == 0 && report->verdict == MM_NETWORK_RELAXED)
        rc = side_rows(&n, obj, out, report);
    if (rc == 0 && unproven) { /* tiers 1 and 2 proven: GLPK settles the leads from here */
        report->verdict = MM_NETWORK_RELAXED;
        report->why = "the split keeps fewer baseline lead mentors than the flow's bound";
        report->has_start = 1;
    }
    if (rc != 0 || (report->verdict != MM_NETWORK_SOLVED && !report->has_start)) {
        mm_free(out->chosen);
        out->chosen = NULL;
    }
    mm_net_free(&n);
    return rc;
}

#endif
