/* Exact score thresholds of applications (threshold.h; design sections 1-3).
 *
 * Where the flow is the model, every answer is a residual cycle of the
 * optimal flow (threshold_flow.c). Where it relaxes the model (org slots
 * shared across orgs, conflicts on multi-mentor ideas), a relaxed cycle
 * still bounds the answer from below; it is the answer when applied to a
 * feasible base flow it breaks no row (it avoids conflict ideas and keeps
 * the relaxed orgs within their slots). Everything else is re-solved
 * (threshold_resolve.c) under the time budget. */
#include "threshold_internal.h"

#include <string.h>

#include "alloc.h"
#include "solve_glpk.h"

enum { NEED_NOTHING, NEED_CYCLE, NEED_RESOLVE };

typedef struct {
    const mm_problem *p;
    const mm_model *m;
    const double *score;
    const unsigned char *chosen;
    const mm_threshold_options *opts;
    int count_first;
    mm_threshold *out;
    mm_threshold_stats *stats;
    unsigned char *base_at, *need;
    uint32_t *idea_first, *idea_apps; /* applications grouped by idea */
    double base_count, base_score;
    double *bound;                    /* per application: a proven lower bound on delta */
    size_t *idea_vars, *mentor_vars, *org_vars; /* variables per row's owner */
} ctx;

static void init_out(mm_threshold *t)
{
    memset(t, 0, sizeof *t);
    t->kind = MM_THRESHOLD_NONE;
    t->exact = 1;
    t->tie_app = MM_NONE;
}

/* The student's fixed application, if any. */
static uint32_t fixed_app(const mm_problem *p, uint32_t student)
{
    const mm_student *st = &p->students[student];

    for (uint32_t a = st->app_begin; a < st->app_begin + st->app_count; a++)
        if (p->apps[a].fixed != MM_NONE)
            return a;
    return MM_NONE;
}

/* What each requested application needs; FIXED and INELIGIBLE settled here. */
static void classify(ctx *c)
{
    const mm_problem *p = c->p;
    const unsigned rating_bits = MM_INELIGIBLE_MIN_RATING | MM_INELIGIBLE_UNRATED;

    for (uint32_t a = 0; a < p->n_apps; a++) {
        const mm_application *app = &p->apps[a];
        uint32_t fixed = fixed_app(p, app->student);
        mm_threshold *t = &c->out[a];
        c->need[a] = NEED_NOTHING;
        if (c->opts && c->opts->want_idea && !c->opts->want_idea[app->idea])
            continue;
        if (app->fixed != MM_NONE)
            t->kind = MM_THRESHOLD_FIXED;
        else if (fixed != MM_NONE || (app->ineligible & ~rating_bits))
            t->kind = MM_THRESHOLD_INELIGIBLE;
        else if (!app->ineligible && c->m->app_first_var[a] == c->m->app_first_var[a + 1])
            t->kind = MM_THRESHOLD_INELIGIBLE; /* no variable: not this problem's model */
        else {
            t->below_min_rating = app->ineligible != 0;
            c->need[a] = NEED_CYCLE;
        }
    }
}

static double cutoff(const ctx *c)
{
    return c->opts && c->opts->cutoff > 0 ? c->opts->cutoff : 0;
}

/* A final answer: rise (not placed) or drop (placed) of `delta`; `lost`: it
 * costs an assignment; `none`: no allocation with (without) it at all. */
static void answer(const ctx *c, uint32_t a, int lost, int none, double delta, uint32_t via)
{
    mm_threshold *t = &c->out[a];
    int placed = c->base_at[a];

    if (delta < 0)
        delta = 0;
    if (!lost && !none && cutoff(c) > 0 && delta > cutoff(c))
        none = 1;
    t->costs_assignment = (unsigned char)lost;
    if (lost || none) {
        t->kind = placed ? MM_THRESHOLD_ALWAYS : MM_THRESHOLD_NEVER;
        t->delta = 0;
        return;
    }
    t->kind = placed ? MM_THRESHOLD_STAYS : MM_THRESHOLD_NEEDS;
    t->delta = delta;
    t->tie_app = via;
}

/* An application of a's idea placed in one of two solutions, not the other. */
static uint32_t differs(const ctx *c, uint32_t a, const unsigned char *in, const unsigned char *out)
{
    uint32_t idea = c->p->apps[a].idea;

    for (uint32_t k = c->idea_first[idea]; k < c->idea_first[idea + 1]; k++) {
        uint32_t b = c->idea_apps[k];
        if (b != a && in[b] && !out[b])
            return b;
    }
    return MM_NONE;
}

static void placed_apps(const mm_model *m, const unsigned char *chosen, unsigned char *at,
                        size_t n_apps, double *count, double *score, const double *sc)
{
    memset(at, 0, n_apps + 1);
    *count = *score = 0;
    for (size_t v = 0; v < m->n_vars; v++)
        if (chosen[v]) {
            at[m->vars[v].app] = 1;
            *count += 1;
            *score += sc[v];
        }
}

/* A row the model left out as never binding (lo <= 0, hi >= count) binds
 * once `more` variables join it. */
static int starts_binding(int64_t lo, int64_t hi, size_t count, size_t more)
{
    return lo <= 0 && hi >= (int64_t)count && hi < (int64_t)(count + more);
}

static int count_vars(ctx *c)
{
    const mm_problem *p = c->p;
    const mm_model *m = c->m;

    c->idea_vars = mm_calloc(p->n_ideas + 1, sizeof *c->idea_vars);
    c->mentor_vars = mm_calloc(p->n_mentors + 1, sizeof *c->mentor_vars);
    c->org_vars = mm_calloc(p->n_orgs + 1, sizeof *c->org_vars);
    if (!c->idea_vars || !c->mentor_vars || !c->org_vars)
        return MM_ENOMEM;
    for (size_t v = 0; v < m->n_vars; v++) {
        const mm_idea *idea = &p->ideas[p->apps[m->vars[v].app].idea];
        c->idea_vars[p->apps[m->vars[v].app].idea]++;
        c->mentor_vars[m->vars[v].mentor]++;
        if (idea->org != MM_NONE)
            c->org_vars[idea->org]++;
    }
    return 0;
}

/* An application below min_rating made eligible: do the model's rows stay
 * the same (none it left out starts to bind)? Then the flow with its arc is
 * the flow of that model. */
static int same_rows_with(const ctx *c, uint32_t a)
{
    const mm_problem *p = c->p;
    const mm_application *app = &p->apps[a];
    const mm_idea *idea = &p->ideas[app->idea];
    size_t added = 0;

    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        uint32_t mentor = p->idea_mentors[idea->mentor_begin + k];
        if (mm_problem_in_conflict(p, mentor, app->student))
            continue;
        added++;
        if (starts_binding(p->mentors[mentor].min_load, p->mentors[mentor].capacity,
                           c->mentor_vars[mentor], 1))
            return 0;
    }
    if (starts_binding(0, idea->slots, c->idea_vars[app->idea], added) ||
        (idea->org != MM_NONE &&
         starts_binding(0, p->orgs[idea->org].slots, c->org_vars[idea->org], added)) ||
        starts_binding(0, p->program_slots, c->m->n_vars, added))
        return 0;
    return 1;
}

#ifdef MM_HAVE_FLOW

/* The student's node in the flow (SINK when it has no arc: alone, its
 * potential would be the sink's). */
static uint32_t student_node(const th_flow *t, uint32_t student)
{
    const mm_problem *p = t->n.p;
    const mm_student *st = &p->students[student];
    const mm_flow *f = &t->n.flow;

    for (uint32_t a = st->app_begin; a < st->app_begin + st->app_count; a++)
        if (t->n.app_arc[a] != MM_NONE)
            return f->arcs[f->arcs[f->slot[t->n.app_arc[a]]].rev].head;
    return SINK;
}

/* The flow has an idea -> mentor arc for every mentor the application may
 * have (an idea without eligible applicants has none). */
static int pairs_in_flow(const th_flow *t, uint32_t a, uint32_t *free_mentors)
{
    const mm_problem *p = t->n.p;
    const mm_idea *idea = &p->ideas[p->apps[a].idea];
    int ok = 1;

    *free_mentors = 0;
    for (uint32_t k = 0; k < idea->mentor_count; k++) {
        if (mm_problem_in_conflict(p, p->idea_mentors[idea->mentor_begin + k], p->apps[a].student))
            continue;
        (*free_mentors)++;
        ok &= t->n.pair_arc[idea->mentor_begin + k] != MM_NONE;
    }
    return ok;
}

static void set_question(const ctx *c, const th_flow *t, uint32_t a, th_cycle *q)
{
    const mm_problem *p = c->p;
    const mm_flow *f = &t->n.flow;
    uint32_t arc = t->n.app_arc[a];

    memset(q, 0, sizeof *q);
    q->via = MM_NONE;
    if (c->need[a] != NEED_CYCLE)
        return;
    if (arc == MM_NONE) { /* below min_rating: the arc it would have */
        uint32_t node = student_node(t, p->apps[a].student), free_mentors;
        uint32_t in = t->n.idea_in0 + p->apps[a].idea;
        if (!pairs_in_flow(t, a, &free_mentors) || !same_rows_with(c, a))
            return; /* the flow lacks its arcs, or lacks a row it makes bind: re-solve */
        q->dir = TH_IN;
        q->node = node;
        q->own = mm_th_flow_cost_of(t, p->apps[a].score) + f->nodes[node].pi - f->nodes[in].pi;
        /* a conflict with some of its idea's mentors: a bound, not certified */
        q->split = free_mentors != p->ideas[p->apps[a].idea].mentor_count;
        return;
    }
    q->node = f->arcs[f->arcs[f->slot[arc]].rev].head;
    q->split = c->m->app_first_var[a + 1] - c->m->app_first_var[a] !=
               p->ideas[p->apps[a].idea].mentor_count;
    if (mm_flow_of(f, arc) > 0) {
        q->dir = TH_OUT;
        q->own = -mm_flow_reduced_cost(f, arc);
    } else {
        q->dir = TH_IN;
        q->own = mm_flow_reduced_cost(f, arc);
    }
}

/* One application from its cycle; NEED_RESOLVE when the cycle proves too little. */
static void from_cycle(ctx *c, const th_flow *t, uint32_t a, const th_cycle *q, int exact,
                       mm_cost gap, const unsigned char *flow_at)
{
    int placed = c->base_at[a];
    mm_cost k;
    double b;

    if (placed != flow_at[a]) {
        /* The base and the flow are both optima (a tie): one has a, one not. */
        if (t->feasible) {
            answer(c, a, 0, 0, 0, placed ? differs(c, a, flow_at, c->base_at)
                                         : differs(c, a, c->base_at, flow_at));
            c->stats->certified += !exact;
        } else {
            c->need[a] = NEED_RESOLVE;
        }
        return;
    }
    if (!q->reached) { /* beyond the limit, or no cycle at all */
        answer(c, a, c->count_first, 1, 0, MM_NONE);
        c->stats->pruned += !exact;
        return;
    }
    mm_th_split_cost(t, q->cycle - gap, &k, &b);
    if (k > 0 || (cutoff(c) > 0 && b > cutoff(c))) {
        answer(c, a, k > 0, 1, 0, MM_NONE);
        c->stats->pruned += !exact;
    } else if (exact || (t->feasible && q->clean)) {
        answer(c, a, 0, 0, b, q->via);
        c->stats->certified += !exact;
    } else {
        c->bound[a] = b > 0 ? b : 0;
        c->need[a] = NEED_RESOLVE;
    }
}

static int by_flow(ctx *c)
{
    const mm_problem *p = c->p;
    th_flow t;
    th_cycle *cyc = NULL;
    unsigned char *flow_at = NULL;
    mm_cost gap = 0, limit, w;
    int ok, exact, rc = mm_th_flow_solve(&t, p, c->m, c->score, c->count_first, &ok);

    if (rc != 0 || !ok) {
        c->stats->why_not = "no flow holds this model";
        for (size_t a = 0; a < p->n_apps; a++)
            if (c->need[a] == NEED_CYCLE)
                c->need[a] = NEED_RESOLVE;
        mm_th_flow_free(&t);
        return rc;
    }
    exact = !t.relaxes && t.feasible;
    c->stats->exact_class = exact;
    c->stats->why_not = exact ? NULL : t.relaxes ? t.relaxes : "the flow's optimum breaks a row";
    if (!t.feasible) /* the base is the model's optimum, above the relaxation's */
        gap = mm_net_solution_cost(&t.n, c->chosen) - t.flow_cost;
    if (gap < 0)
        gap = 0;
    w = t.n.costs.per_assignment;
    limit = w > 0 ? 2 * w + gap
            : cutoff(c) > 0 ? (mm_cost)(cutoff(c) * t.n.costs.scale) + gap + 2
                            : (mm_cost)1 << 100;
    cyc = mm_malloc((p->n_apps + 1) * sizeof *cyc);
    flow_at = mm_calloc(p->n_apps + 1, 1);
    if (!cyc || !flow_at)
        rc = MM_ENOMEM;
    for (uint32_t a = 0; rc == 0 && a < p->n_apps; a++) {
        set_question(c, &t, a, &cyc[a]);
        flow_at[a] = t.n.app_arc[a] != MM_NONE && mm_flow_of(&t.n.flow, t.n.app_arc[a]) > 0;
    }
    if (rc == 0)
        rc = mm_th_flow_cycles(&t, cyc, limit);
    for (uint32_t a = 0; rc == 0 && a < p->n_apps; a++) {
        if (c->need[a] != NEED_CYCLE)
            continue;
        c->need[a] = cyc[a].dir == TH_SKIP ? NEED_RESOLVE : NEED_NOTHING;
        if (cyc[a].dir == TH_SKIP)
            continue;
        from_cycle(c, &t, a, &cyc[a], exact && !cyc[a].split, gap, flow_at);
    }
    c->stats->searches += t.searches;
    c->stats->settled += t.settled;
    mm_free(cyc);
    mm_free(flow_at);
    mm_th_flow_free(&t);
    return rc;
}

#else

static int by_flow(ctx *c)
{
    c->stats->why_not = "this build has no 128-bit integers";
    for (size_t a = 0; a < c->p->n_apps; a++)
        if (c->need[a] == NEED_CYCLE)
            c->need[a] = NEED_RESOLVE;
    return 0;
}

#endif

/* Every application the cycles left open, by re-solving under the budget. */
static int by_resolving(ctx *c, double started)
{
    th_resolve r = {c->p, c->m, c->score, c->count_first, 0, c->base_count, c->base_score};
    int rc = 0;

    if (c->opts && c->opts->time_budget > 0)
        r.deadline = started + c->opts->time_budget;
    for (uint32_t a = 0; rc == 0 && a < c->p->n_apps; a++) {
        th_answer ans;
        int placed = c->base_at[a];
        if (c->need[a] != NEED_RESOLVE)
            continue;
        if (r.deadline > 0 && mm_now() >= r.deadline)
            ans.done = 0;
        else {
            rc = mm_th_resolve(&r, a, placed, c->base_at, &ans);
            c->stats->resolves++;
        }
        if (rc != 0)
            break;
        if (!ans.done) { /* out of time: the proven bound stands */
            answer(c, a, 0, 0, c->bound[a], MM_NONE);
            c->out[a].exact = 0;
            c->stats->bounded++;
        } else if (ans.infeasible) {
            answer(c, a, 0, 1, 0, MM_NONE);
        } else {
            int lost = c->count_first && ans.count < c->base_count - 0.5;
            answer(c, a, lost, 0, c->base_score - ans.score, ans.via);
        }
    }
    return rc;
}

static int group_by_idea(ctx *c)
{
    const mm_problem *p = c->p;

    c->idea_first = mm_calloc(p->n_ideas + 2, sizeof *c->idea_first);
    c->idea_apps = mm_malloc((p->n_apps + 1) * sizeof *c->idea_apps);
    if (!c->idea_first || !c->idea_apps)
        return MM_ENOMEM;
    for (size_t a = 0; a < p->n_apps; a++)
        c->idea_first[p->apps[a].idea + 2]++;
    for (size_t i = 0; i < p->n_ideas; i++)
        c->idea_first[i + 2] += c->idea_first[i + 1];
    for (uint32_t a = 0; a < p->n_apps; a++)
        c->idea_apps[c->idea_first[p->apps[a].idea + 1]++] = a;
    return 0;
}

int mm_thresholds(const mm_problem *p, const mm_model *m, const double *score, int count_first,
                  const unsigned char *chosen, const mm_threshold_options *opts,
                  mm_threshold *out, mm_threshold_stats *stats)
{
    double started = mm_now();
    ctx c = {p, m, score, chosen, opts, count_first, out, stats, NULL, NULL, NULL, NULL, 0, 0,
             NULL, NULL, NULL, NULL};
    int rc = 0;

    memset(stats, 0, sizeof *stats);
    for (size_t a = 0; a < p->n_apps; a++)
        init_out(&out[a]);
    c.base_at = mm_malloc(p->n_apps + 1);
    c.need = mm_malloc(p->n_apps + 1);
    c.bound = mm_calloc(p->n_apps + 1, sizeof *c.bound);
    if (!c.base_at || !c.need || !c.bound || group_by_idea(&c) != 0 || count_vars(&c) != 0)
        rc = MM_ENOMEM;
    if (rc == 0) {
        placed_apps(m, chosen, c.base_at, p->n_apps, &c.base_count, &c.base_score, score);
        classify(&c);
        rc = by_flow(&c);
    }
    if (rc == 0)
        rc = by_resolving(&c, started);
    mm_free(c.base_at);
    mm_free(c.need);
    mm_free(c.bound);
    mm_free(c.idea_first);
    mm_free(c.idea_apps);
    mm_free(c.idea_vars);
    mm_free(c.mentor_vars);
    mm_free(c.org_vars);
    stats->seconds = mm_now() - started;
    return rc;
}
