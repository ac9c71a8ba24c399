/* Side rows over the flow by Lagrangian relaxation (network_side.h).
 *
 * The rows the network cannot hold are priced instead: each application
 * arc costs its lexicographic cost (leading tiers, count, score in one
 * integer) plus the multipliers of the side rows it counts in. For any
 * multipliers the priced flow's optimum, less sum lambda+ hi - lambda- lo,
 * bounds every solution of the model from below (a cap kept costs nothing
 * more, a minimum met gains nothing). The multipliers move by subgradient
 * steps (Polyak's, towards the incumbent); each step is a warm re-solve of
 * the flow on the changed arc costs (mm_flow_resolve). Each priced flow is
 * split and repaired into a feasible solution (network_side_primal.c).
 * Where the incumbent meets the bound it is optimal; otherwise the arcs
 * whose reduced cost under the best multipliers exceeds the gap are fixed
 * at 0 (no solution at least as good uses them) and GLPK solves the rest
 * from the incumbent. Every bound used is a certified flow optimum. */
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "network_side.h"

#ifdef MM_HAVE_FLOW

#define SIDE_ITERATIONS 80
#define SIDE_STALL 3      /* steps without a better bound before the step halves */
#define SIDE_MIN_THETA 0x1p-6 /* about 18 steps without progress: the gap is GLPK's */

static mm_cost arc_price(const mm_side *s, uint32_t arc)
{
    mm_cost c = s->arc_base[arc];

    for (uint32_t k = s->arc_begin[arc]; k < s->arc_begin[arc + 1]; k++)
        c += s->terms[k].coef * s->price[s->terms[k].row];
    return c;
}

mm_cost mm_side_app_price(const mm_side *s, uint32_t app)
{
    uint32_t arc = s->n.app_arc[app];

    return arc == MM_NONE ? s->base[app] : arc_price(s, arc);
}

mm_cost mm_side_cost(const mm_side *s, const unsigned char *chosen)
{
    mm_cost total = 0;

    for (size_t v = 0; v < s->n.m->n_vars; v++)
        if (chosen[v])
            total += s->var_cost ? s->var_cost[v] : s->base[s->n.m->vars[v].app];
    return total;
}

long mm_side_row_add(mm_side *s, int64_t lo, int64_t hi, uint32_t model_row)
{
    if (s->n_side == s->side_capacity) {
        mm_side_row *r = mm_grow(s->rows, &s->side_capacity, s->n_side + 1, sizeof *r);
        if (!r)
            return -1;
        s->rows = r;
    }
    s->rows[s->n_side] = (mm_side_row){lo, hi, model_row};
    return (long)s->n_side++;
}

int mm_side_term_add(mm_side *s, uint32_t arc, uint32_t row, int32_t coef)
{
    if (s->n_terms == s->terms_capacity) {
        mm_side_term *t = mm_grow(s->terms, &s->terms_capacity, s->n_terms + 1, sizeof *t);
        if (!t)
            return MM_ENOMEM;
        s->terms = t;
    }
    s->terms[s->n_terms++] = (mm_side_term){arc, row, coef};
    return 0;
}

/* A row the flow leaves to prices: over whole applications (every
 * variable of each application it counts), coefficients 1. */
int mm_net_side_row_fits(const mm_model *m, const mm_row *row)
{
    if (m->row_coef)
        return 0;
    for (uint32_t k = 0; k < row->count;) {
        uint32_t v = m->row_vars[row->begin + k], app = m->vars[v].app;
        uint32_t n = m->app_first_var[app + 1] - m->app_first_var[app];
        if (v != m->app_first_var[app] || k + n > row->count)
            return 0;
        for (uint32_t j = 1; j < n; j++)
            if (m->row_vars[row->begin + k + j] != v + j)
                return 0;
        k += n;
    }
    return 1;
}

static int is_side(const network *n, const mm_row *row)
{
    return (row->kind == MM_ROW_ORG && !n->org_kept[row->owner]) || row->kind == MM_ROW_QUOTA;
}

/* The model rows the flow leaves out, each over its applications' arcs. */
static int model_side_rows(mm_side *s)
{
    const mm_model *m = s->n.m;
    int rc = 0;

    for (size_t r = 0; rc == 0 && r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        long j;
        if (!is_side(&s->n, row))
            continue;
        if (!mm_net_side_row_fits(m, row))
            return MM_EINVALID;
        j = mm_side_row_add(s, row->lo > 0 ? row->lo : MM_SIDE_NO_LO, row->hi, (uint32_t)r);
        if (j < 0)
            return MM_ENOMEM;
        for (uint32_t k = 0; rc == 0 && k < row->count; k++) {
            uint32_t v = m->row_vars[row->begin + k], a = m->vars[v].app;
            if (v == m->app_first_var[a] && s->n.app_arc[a] != MM_NONE)
                rc = mm_side_term_add(s, s->n.app_arc[a], (uint32_t)j, 1);
        }
    }
    return rc;
}

/* Terms grouped by arc (counting sort), for pricing an arc. */
static int sort_terms(mm_side *s)
{
    size_t n_arcs = s->n.flow.n_arcs;
    mm_side_term *sorted = mm_malloc((s->n_terms + 1) * sizeof *sorted);
    uint32_t *fill = mm_calloc(n_arcs + 1, sizeof *fill);

    s->arc_begin = mm_calloc(n_arcs + 2, sizeof *s->arc_begin);
    if (!sorted || !fill || !s->arc_begin) {
        mm_free(sorted);
        mm_free(fill);
        return MM_ENOMEM;
    }
    for (size_t k = 0; k < s->n_terms; k++)
        s->arc_begin[s->terms[k].arc + 1]++;
    for (size_t a = 0; a < n_arcs; a++)
        s->arc_begin[a + 1] += s->arc_begin[a];
    for (size_t k = 0; k < s->n_terms; k++) {
        uint32_t a = s->terms[k].arc;
        sorted[s->arc_begin[a] + fill[a]++] = s->terms[k];
    }
    mm_free(s->terms);
    mm_free(fill);
    s->terms = sorted;
    return 0;
}

static int collect_side(mm_side *s)
{
    int rc = model_side_rows(s);

    if (rc == 0)
        rc = mm_side_hall_rows(s);
    return rc == 0 ? sort_terms(s) : rc;
}

/* The whole lexicographic objective in one integer per application: each
 * leading tier weighs more than everything after it together. 0 when the
 * weights would not leave the potentials room in 128 bits. */
static int base_costs(mm_side *s)
{
    const network *n = &s->n;
    const mm_model *m = n->m;
    mm_cost b = (mm_cost)n->p->n_students + 1;
    mm_cost unit = b * (n->costs.per_assignment + ((mm_cost)1 << 62)), top = unit;
    double bits = log2((double)unit) + (double)n->n_lead * log2((double)b) +
                  log2((double)n->n_nodes + 1);

    if (bits > 116)
        return 0;
    for (size_t k = 0; k < n->n_lead; k++)
        top *= b;
    for (size_t a = 0; a < n->p->n_apps; a++) {
        mm_cost c = mm_net_app_cost(n, &n->costs, (uint32_t)a), w = top;
        for (size_t k = 0; k < n->n_lead; k++) {
            w /= b;
            c -= n->lead[k][m->app_first_var[a]] != 0 ? w : 0;
        }
        s->base[a] = c;
        if (n->app_arc[a] != MM_NONE)
            s->arc_base[n->app_arc[a]] = c;
    }
    return 1;
}

static int side_alloc(mm_side *s)
{
    const mm_model *m = s->n.m;
    size_t k = s->n_side + 1;

    s->lambda = mm_calloc(k, sizeof *s->lambda);
    s->best_lambda = mm_calloc(k, sizeof *s->best_lambda);
    s->price = mm_calloc(k, sizeof *s->price);
    s->best_price = mm_calloc(k, sizeof *s->best_price);
    s->grad = mm_calloc(k, sizeof *s->grad);
    s->best_grad = mm_calloc(k, sizeof *s->best_grad);
    s->load = mm_calloc(m->n_rows + 1, sizeof *s->load);
    s->chosen = mm_calloc(m->n_vars + 1, 1);
    s->best = mm_calloc(m->n_vars + 1, 1);
    s->placed = mm_calloc(s->n.p->n_students + 1, 1);
    return s->lambda && s->best_lambda && s->price && s->best_price && s->grad &&
                   s->best_grad && s->load && s->chosen && s->best && s->placed
               ? 0
               : MM_ENOMEM;
}

static void side_free(mm_side *s)
{
    mm_net_free(&s->n);
    mm_free(s->rows);
    mm_free(s->terms);
    mm_free(s->arc_begin);
    mm_free(s->arc_base);
    mm_free(s->lambda);
    mm_free(s->best_lambda);
    mm_free(s->price);
    mm_free(s->best_price);
    mm_free(s->grad);
    mm_free(s->best_grad);
    mm_free(s->base);
    mm_free(s->var_cost);
    mm_free(s->var_begin);
    mm_free(s->var_rows);
    mm_free(s->load);
    mm_free(s->chosen);
    mm_free(s->best);
    mm_free(s->placed);
}

/* Every arc a price touches; all of them when `all` (the first solve). */
static void reprice(mm_side *s, int all)
{
    for (size_t a = 0; a < s->n.flow.n_arcs; a++)
        if (all || s->arc_begin[a] < s->arc_begin[a + 1])
            mm_flow_reprice(&s->n.flow, (uint32_t)a, arc_price(s, (uint32_t)a));
}

/* The priced flow's Lagrangian bound; the side rows' subgradient. */
static mm_cost lagrangian(mm_side *s)
{
    const mm_flow *f = &s->n.flow;
    mm_cost value = 0;

    memset(s->grad, 0, s->n_side * sizeof *s->grad);
    for (size_t a = 0; a < f->n_arcs; a++) {
        int64_t units = mm_flow_of(f, (uint32_t)a);
        if (units == 0)
            continue;
        value += arc_price(s, (uint32_t)a) * units;
        for (uint32_t k = s->arc_begin[a]; k < s->arc_begin[a + 1]; k++)
            s->grad[s->terms[k].row] += s->terms[k].coef * units;
    }
    for (size_t j = 0; j < s->n_side; j++) {
        int64_t load = s->grad[j], lo = s->rows[j].lo, hi = s->rows[j].hi;
        if (s->price[j] > 0)
            value -= s->price[j] * hi;
        else if (s->price[j] < 0)
            value -= s->price[j] * lo;
        s->grad[j] = hi != MM_NO_LIMIT && (load > hi || s->price[j] > 0) ? load - hi
                     : lo != MM_SIDE_NO_LO && (load < lo || s->price[j] < 0) ? load - lo
                                                                              : 0;
    }
    return value;
}

/* Solve the priced flow (warm after the first) and certify it. @return 0,
 * MM_ENOMEM, MM_EINTERNAL; *status says whether it finished. */
static int priced_solve(mm_side *s, int warm, mm_flow_status *status)
{
    int rc = warm ? mm_flow_resolve(&s->n.flow, mm_net_should_stop, &s->n, status)
                  : mm_flow_solve(&s->n.flow, mm_net_should_stop, &s->n, status);

    if (rc == 0 && *status == MM_FLOW_OPTIMAL && !mm_flow_certify(&s->n.flow))
        return MM_EINTERNAL;
    return rc;
}

/* One Polyak step towards the incumbent (a guess above the bound while
 * there is none), projected on each multiplier's sign. */
static void step(mm_side *s, mm_cost value, long double theta, const int64_t *grad)
{
    long double target, norm = 0, t;

    target = s->has_best ? (long double)s->best_cost
                         : (long double)value + fabsl((long double)value) / 100 + 1;
    for (size_t j = 0; j < s->n_side; j++)
        norm += (long double)grad[j] * (long double)grad[j];
    if (norm == 0)
        return;
    t = theta * (target - (long double)value) / norm;
    for (size_t j = 0; j < s->n_side; j++) {
        long double l = s->lambda[j] + t * (long double)grad[j];
        if ((s->rows[j].hi == MM_NO_LIMIT && l > 0) || (s->rows[j].lo == MM_SIDE_NO_LO && l < 0))
            l = 0;
        s->lambda[j] = l;
        s->price[j] = (mm_cost)roundl(l);
    }
}

/* The subgradient ascent. @return 0, MM_ENOMEM or MM_EINTERNAL; *stopped
 * when a limit struck (the bound and incumbent so far stand). */
int mm_side_ascend(mm_side *s, int *stopped)
{
    long double theta = 1;
    unsigned stall = 0;
    int back = 0;
    mm_flow_status status;
    int rc = 0;

    *stopped = 0;
    for (unsigned it = 0; rc == 0 && it < SIDE_ITERATIONS; it++) {
        mm_cost value;
        reprice(s, it == 0);
        rc = priced_solve(s, it > 0, &status);
        if (rc != 0 || status != MM_FLOW_OPTIMAL) {
            *stopped = rc == 0;
            break;
        }
        s->iterations++;
        value = lagrangian(s);
        if (it == 0 || value > s->bound) {
            s->bound = value;
            memcpy(s->best_price, s->price, s->n_side * sizeof *s->price);
            memcpy(s->best_lambda, s->lambda, s->n_side * sizeof *s->lambda);
            memcpy(s->best_grad, s->grad, s->n_side * sizeof *s->grad);
            stall = 0;
        } else if (++stall >= SIDE_STALL) {
            theta /= 2; /* and back to the best prices: the steps overshot */
            stall = 0;
            back = 1;
        }
        rc = mm_side_offer_primal(s);
        if (rc != 0 || (s->has_best && s->best_cost <= s->bound) || theta < SIDE_MIN_THETA)
            break;
        if (back) {
            memcpy(s->lambda, s->best_lambda, s->n_side * sizeof *s->lambda);
            memcpy(s->price, s->best_price, s->n_side * sizeof *s->price);
        }
        step(s, back ? s->bound : value, theta, back ? s->best_grad : s->grad);
        back = 0;
    }
    return rc;
}

/* The flow at the best bound's prices (the last one, or solved again). */
static int at_best(mm_side *s, int *stopped)
{
    mm_flow_status status;
    int rc;

    if (memcmp(s->price, s->best_price, s->n_side * sizeof *s->price) == 0)
        return 0;
    memcpy(s->price, s->best_price, s->n_side * sizeof *s->price);
    reprice(s, 0);
    rc = priced_solve(s, 1, &status);
    *stopped = rc == 0 && status != MM_FLOW_OPTIMAL;
    return rc;
}

/* Reduced-cost fixing against the best bound (the flow at its prices): a
 * variable whose application arc (or idea-mentor arc) costs more than the
 * gap reduced is in no solution as good as the incumbent. */
static int fix_by_bound(mm_side *s, unsigned char **keep)
{
    if (!(*keep = mm_calloc(s->n.m->n_vars + 1, 1)))
        return MM_ENOMEM;
    mm_net_keep_within(&s->n, s->best, s->best_cost - s->bound, *keep);
    return 0;
}

/* Build the priced network: NULL *why when it applies. */
static int side_build(mm_side *s, const network *relaxed, const char **why)
{
    int infeasible = 0, rc;

    mm_net_init(&s->n, relaxed);
    rc = mm_net_build(&s->n, why, &infeasible);
    if (rc == 0 && !*why && infeasible)
        *why = "a mentor's bounds cross";
    if (rc == 0 && !*why && (rc = collect_side(s)) == MM_EINVALID) {
        *why = "a side row the prices cannot hold";
        return 0;
    }
    if (rc == 0 && !*why && !(s->base = mm_malloc((s->n.p->n_apps + 1) * sizeof *s->base)))
        rc = MM_ENOMEM;
    if (rc == 0 && !*why &&
        !(s->arc_base = mm_calloc(s->n.flow.n_arcs + 1, sizeof *s->arc_base)))
        rc = MM_ENOMEM;
    if (rc == 0 && !*why && !base_costs(s))
        *why = "leading tiers too heavy for 128-bit costs";
    if (rc == 0 && !*why)
        rc = side_alloc(s);
    if (rc == 0 && !*why)
        rc = mm_side_index_rows(s);
    if (rc == 0 && !*why)
        rc = mm_flow_prepare(&s->n.flow);
    return rc;
}

/* The incumbent in `out` (as GLPK's start). Where it meets the bound it
 * is optimal; the later tiers are then settled over the flows of the best
 * prices' optimal face (every optimum of the model is in it), or left to
 * GLPK on what the fixing kept. */
static int hand_over(mm_side *s, const mm_glpk_objective *obj, mm_glpk_outcome *out,
                     mm_network_report *report, int proven)
{
    int unproven = 0, rc = 0;
    double count;

    mm_net_totals(s->n.m, s->n.score, s->best, &count, &s->best_score);
    mm_free(out->chosen);
    out->chosen = s->best;
    s->best = NULL;
    report->has_start = 1;
    report->side_iterations = s->iterations;
    if (!proven)
        return 0;
    if (obj->tie || obj->trail)
        rc = mm_side_later_tiers(s, obj, out, &unproven);
    if (rc == 0 && !unproven) {
        report->verdict = MM_NETWORK_SOLVED;
        out->kind = MM_OUTCOME_OPTIMAL;
        mm_net_totals(s->n.m, s->n.score, out->chosen, &out->bound_count, &out->bound_score);
        mm_free(report->keep);
        report->keep = NULL;
    }
    return rc;
}

int mm_net_side_solve(const network *relaxed, const mm_glpk_objective *obj, mm_glpk_outcome *out,
                      mm_network_report *report)
{
    mm_side s;
    const char *why = NULL;
    unsigned char *keep = NULL;
    int rc, stopped = 0;

    memset(&s, 0, sizeof s);
    rc = side_build(&s, relaxed, &why);
    if (rc == 0 && !why && s.n_side > 0) {
        if (report->has_start && out->chosen) {
            memcpy(s.best, out->chosen, s.n.m->n_vars);
            s.best_cost = mm_side_cost(&s, s.best);
            s.has_best = 1;
        }
        rc = mm_side_ascend(&s, &stopped);
        if (rc == 0 && !stopped && s.has_best)
            rc = at_best(&s, &stopped);
        if (rc == 0 && !stopped && s.has_best)
            rc = fix_by_bound(&s, &keep);
        if (rc == 0 && s.has_best) {
            mm_free(report->keep);
            report->keep = keep;
            keep = NULL;
            rc = hand_over(&s, obj, out, report, !stopped && s.best_cost <= s.bound);
        }
    }
    if (rc != 0) {
        mm_free(report->keep);
        report->keep = NULL;
    }
    mm_free(keep);
    side_free(&s);
    return rc;
}

#endif
