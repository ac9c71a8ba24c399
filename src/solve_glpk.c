#include "solve_glpk.h"

#include <errno.h>
#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "alloc.h"

typedef struct {
    jmp_buf on_error;
} guard;

/* Called by GLPK on invalid use or its own failure; must not return. */
static void escape_glpk_error(void *info)
{
    longjmp(((guard *)info)->on_error, 1);
}

static int swallow_output(void *info, const char *text)
{
    (void)info;
    (void)text;
    return 1; /* non-zero: GLPK prints nothing */
}

static void silence_glpk(guard *g)
{
    glp_error_hook(escape_glpk_error, g);
    glp_term_hook(swallow_output, NULL);
    glp_term_out(GLP_OFF);
}

double mm_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Milliseconds left before the deadline, for GLPK's tm_lim; INT_MAX when none. */
static int ms_left(const mm_glpk_limits *limits)
{
    double left;

    if (limits->deadline <= 0)
        return INT_MAX;
    left = (limits->deadline - mm_now()) * 1000.0;
    return left <= 1 ? 1 : left >= INT_MAX ? INT_MAX : (int)left;
}

/* A stop asked for: the signal's flag or a test's hook. */
static int stop_asked(const mm_glpk_limits *limits, const char *phase)
{
    return (limits->stop && *limits->stop) ||
           (limits->stop_at && limits->stop_at(phase, limits->stop_context));
}

static int expired(const mm_glpk_limits *limits, const char *phase)
{
    return (limits->deadline > 0 && mm_now() >= limits->deadline) || stop_asked(limits, phase);
}

/* The phases in order: leading objectives, the count, the score, the
 * trailing tier, the ties. */
#define MAX_PHASES (MM_GLPK_MAX_LEADS + 4)

typedef struct {
    const double *coef[MAX_PHASES]; /* NULL: the count (all ones) */
    const char *name[MAX_PHASES];
    size_t n, count_phase;          /* count_phase == SIZE_MAX: none */
    size_t n_lead;                  /* the leading objectives, phases 0 to n_lead - 1 */
    size_t score_phase;             /* the score; a trailing tier and ties may follow */
    size_t last_tier;               /* the contract's last tier: the score or the trail */
} phase_list;

/* Every solution the run holds (the caller's start, each incumbent GLPK
 * keeps in any phase) weighed by the whole lexicographic objective: a
 * phase's incumbent is the best by that phase's objective only, and a
 * limit may strike before a later phase improves on the start. */
typedef struct {
    const mm_model *m;
    const phase_list *ph;
    unsigned char *best;      /* per variable; the outcome's chosen */
    double value[MAX_PHASES]; /* best's value of each phase's objective */
    int have;
    unsigned char *read;      /* the incumbent read last */
    int seen;                 /* read holds this phase's incumbent, of objective seen_obj */
    double seen_obj;
} held_best;

/* What the branch-and-bound callback sees and does. */
typedef struct {
    const mm_glpk_limits *limits;
    int has_bound;
    double bound;
    const double *start; /* 1-based column values of a known solution, or NULL */
    int stopped;
    const char *phase;
    double last_report;
    /* Lazy rows: the generator, the model it extends, how many of its rows
     * the problem holds for good, scratch, and the generator's error. */
    mm_glpk_rows_fn rows;
    void *rows_context;
    const mm_model *m;
    size_t loaded;
    double *x;
    int *ind;
    double *val;
    int rows_rc;
    int cuts; /* GLPK's cut generators and pseudocost branching */
    int pump;     /* GLPK's feasibility pump in the count phase (has_quota_rows) */
    int counting; /* the phase run is the count */
    int root_gomory; /* with cuts: Gomory's only at the root (root_gomory_only) */
    glp_iocp *iocp;  /* the search's parameters while it runs with cuts, else NULL */
    held_best *held; /* NULL: incumbents are not weighed */
} search_state;

#define PROGRESS_INTERVAL 0.25 /* seconds between reports */

static void report_progress(search_state *state, glp_prob *lp, int has_solution)
{
    const mm_glpk_limits *limits = state->limits;
    double now = mm_now();
    mm_progress progress;

    if (!limits->progress || now - state->last_report < PROGRESS_INTERVAL)
        return;
    state->last_report = now;
    progress.phase = state->phase;
    progress.seconds = now - limits->started;
    progress.has_solution = has_solution;
    progress.best = has_solution ? glp_mip_obj_val(lp) : 0;
    progress.has_bound = state->has_bound;
    progress.bound = state->bound;
    limits->progress(&progress, limits->progress_context);
}

static void set_row(glp_prob *lp, int i, const mm_model *m, size_t r, int *ind, double *val);

/* Whether x misses model row r by more than GLPK's feasibility tolerance. */
static int violated(const mm_model *m, size_t r, const double *x)
{
    const mm_row *row = &m->rows[r];
    double sum = 0;

    for (uint32_t k = 0; k < row->count; k++)
        sum += (m->row_coef ? m->row_coef[row->begin + k] : 1.0) * x[m->row_vars[row->begin + k]];
    return sum < (double)row->lo - 1e-6 ||
           (row->hi != MM_NO_LIMIT && sum > (double)row->hi + 1e-6);
}

/* The node's LP optimum goes to the generator; each model row beyond those
 * loaded for good that it violates joins the node (rows added at another
 * node left with it, so all are checked). */
static void generate_rows(glp_tree *tree, search_state *state)
{
    glp_prob *lp = glp_ios_get_prob(tree);
    const mm_model *m = state->m;
    size_t n_vars = m->n_vars;

    for (size_t v = 0; v < n_vars; v++)
        state->x[v] = glp_get_col_prim(lp, (int)v + 1);
    state->rows_rc = state->rows(state->x, state->rows_context);
    if (state->rows_rc != 0 || m->n_vars != n_vars) {
        state->rows_rc = state->rows_rc ? state->rows_rc : MM_EINTERNAL; /* no new columns */
        glp_ios_terminate(tree);
        return;
    }
    for (size_t r = state->loaded; r < m->n_rows; r++)
        if (violated(m, r, state->x))
            set_row(lp, glp_add_rows(lp, 1), m, r, state->ind, state->val);
}

static double phase_value(const mm_model *m, const double *coef, const unsigned char *chosen)
{
    double sum = 0;

    for (size_t v = 0; v < m->n_vars; v++)
        sum += chosen[v] ? (coef ? coef[v] : 1.0) : 0;
    return sum;
}

/* 1 when a is better than b lexicographically, -1 when worse, 0 when each
 * value is the same within 1e-9 relative (scores are sums of doubles). */
static int compare_values(const double *a, const double *b, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        double tol = 1e-9 * fmax(1.0, fmax(fabs(a[k]), fabs(b[k])));
        if (a[k] > b[k] + tol)
            return 1;
        if (a[k] < b[k] - tol)
            return -1;
    }
    return 0;
}

/* The solution in held->read becomes the best unless it is worse: on a tie
 * the later one wins, so a run proven optimal returns its last phase's. */
static void weigh(held_best *h)
{
    double value[MAX_PHASES];

    for (size_t k = 0; k < h->ph->n; k++)
        value[k] = phase_value(h->m, h->ph->coef[k], h->read);
    if (h->have && compare_values(value, h->value, h->ph->n) < 0)
        return;
    memcpy(h->best, h->read, h->m->n_vars);
    memcpy(h->value, value, sizeof value);
    h->have = 1;
}

/* GLPK's incumbent, weighed when new: within a phase each incumbent beats
 * the one before by the phase's objective, so a new one has a new value. */
static void weigh_incumbent(held_best *h, glp_prob *lp)
{
    int status = glp_mip_status(lp);

    if (!h || (status != GLP_OPT && status != GLP_FEAS))
        return;
    if (h->seen && glp_mip_obj_val(lp) == h->seen_obj)
        return;
    h->seen = 1;
    h->seen_obj = glp_mip_obj_val(lp);
    for (size_t v = 0; v < h->m->n_vars; v++)
        h->read[v] = glp_mip_col_val(lp, (int)v + 1) > 0.5;
    weigh(h);
}

/* Gomory's cuts at the root node only: each costs a row of the simplex
 * tableau, O(the matrix), and GLPK makes them at every node. GLPK's tree
 * reads the iocp given to glp_intopt (by pointer, not a copy) before each
 * node's cuts; on a GLPK that copied it, this would change nothing. */
static void root_gomory_only(glp_tree *tree, glp_iocp *iocp)
{
    int root = glp_ios_node_level(tree, glp_ios_curr_node(tree)) == 0;

    iocp->gmi_cuts = root ? GLP_ON : GLP_OFF;
}

static void on_search_event(glp_tree *tree, void *info)
{
    search_state *state = info;
    int best = glp_ios_best_node(tree);

    if (glp_ios_reason(tree) == GLP_IROWGEN && state->rows)
        generate_rows(tree, state);
    if (state->root_gomory && state->iocp && glp_ios_curr_node(tree))
        root_gomory_only(tree, state->iocp);

    if (best) {
        state->bound = glp_ios_node_bound(tree, best);
        state->has_bound = 1;
    }
    if (glp_ios_reason(tree) == GLP_IHEUR && state->start) {
        glp_ios_heur_sol(tree, state->start);
        state->start = NULL;
    }
    weigh_incumbent(state->held, glp_ios_get_prob(tree));
    if (stop_asked(state->limits, state->phase)) {
        state->stopped = 1;
        glp_ios_terminate(tree);
    }
    report_progress(state, glp_ios_get_prob(tree), glp_ios_mip_gap(tree) < DBL_MAX);
}

static glp_prob *build_prob(const mm_model *m)
{
    glp_prob *lp = glp_create_prob();
    int n = (int)m->n_vars;

    glp_set_obj_dir(lp, GLP_MAX);
    if (n > 0)
        glp_add_cols(lp, n);
    for (int j = 1; j <= n; j++)
        glp_set_col_kind(lp, j, GLP_BV);
    return lp;
}

/* Problem row i: model row r, its bounds and coefficients; `ind` and `val`
 * hold n_vars + 1 entries. */
static void set_row(glp_prob *lp, int i, const mm_model *m, size_t r, int *ind, double *val)
{
    const mm_row *row = &m->rows[r];

    if (row->hi == MM_NO_LIMIT)
        glp_set_row_bnds(lp, i, GLP_LO, (double)row->lo, 0);
    else if (row->lo == row->hi)
        glp_set_row_bnds(lp, i, GLP_FX, (double)row->lo, (double)row->hi);
    else if (row->lo > 0)
        glp_set_row_bnds(lp, i, GLP_DB, (double)row->lo, (double)row->hi);
    else
        glp_set_row_bnds(lp, i, GLP_UP, 0, (double)row->hi);
    for (uint32_t k = 0; k < row->count; k++) {
        ind[k + 1] = (int)m->row_vars[row->begin + k] + 1;
        val[k + 1] = m->row_coef ? m->row_coef[row->begin + k] : 1.0;
    }
    glp_set_mat_row(lp, i, (int)row->count, ind, val);
}

/* Load the model's rows from `from` on, appended to the problem. */
static void load_rows_from(glp_prob *lp, const mm_model *m, size_t from, int *ind, double *val)
{
    int first = from < m->n_rows ? glp_add_rows(lp, (int)(m->n_rows - from)) : 0;

    for (size_t r = from; r < m->n_rows; r++)
        set_row(lp, first + (int)(r - from), m, r, ind, val);
}

static void load_rows(glp_prob *lp, const mm_model *m, int *ind, double *val)
{
    load_rows_from(lp, m, 0, ind, val);
}

/* GLPK's simplex has no callback, so it runs in chunks of iterations; before
 * each the stop flag and the clock are checked (a stop that came during the
 * flow starts no simplex at all). It resumes from its basis. */
#define SIMPLEX_CHUNK 2000

static int run_simplex(glp_prob *lp, search_state *state, glp_smcp *smcp)
{
    const mm_glpk_limits *limits = state->limits;
    int rc = GLP_EITLIM;

    while (rc == GLP_EITLIM && !expired(limits, state->phase)) {
        smcp->tm_lim = ms_left(limits);
        smcp->it_lim = SIMPLEX_CHUNK;
        rc = glp_simplex(lp, smcp);
        report_progress(state, lp, 0);
    }
    return rc;
}

/* Solve the LP relaxation, then branch and bound. Returns the MIP status
 * (GLP_OPT, GLP_FEAS, GLP_NOFEAS, GLP_UNDEF) and whether a limit struck. */
static int solve_phase(glp_prob *lp, search_state *state, int *limited)
{
    glp_smcp smcp;
    glp_iocp iocp;
    int rc;

    *limited = 0;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    rc = run_simplex(lp, state, &smcp);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        glp_std_basis(lp);
        rc = run_simplex(lp, state, &smcp);
    }
    if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
        *limited = rc == GLP_ETMLIM || rc == GLP_EITLIM || expired(state->limits, state->phase);
        return glp_get_status(lp) == GLP_NOFEAS ? GLP_NOFEAS : GLP_UNDEF;
    }
    glp_init_iocp(&iocp);
    iocp.msg_lev = GLP_MSG_OFF;
    iocp.tm_lim = ms_left(state->limits);
    iocp.mip_gap = state->limits->gap;
    iocp.cb_func = on_search_event;
    iocp.cb_info = state;
    state->iocp = NULL;
    if (state->rows)
        iocp.sr_heur = GLP_OFF; /* its rounding checks only the rows GLPK started with */
    else if (state->pump && state->counting)
        iocp.fp_heur = GLP_ON;
    /* The cut generators abort on a problem without columns. */
    if (state->cuts && glp_get_num_cols(lp) > 0) {
        iocp.gmi_cuts = iocp.mir_cuts = iocp.cov_cuts = iocp.clq_cuts = GLP_ON;
        iocp.br_tech = GLP_BR_PCH;
        state->iocp = &iocp;
    }
    rc = glp_intopt(lp, &iocp);
    state->iocp = NULL;
    *limited = rc == GLP_ETMLIM || rc == GLP_EMIPGAP || rc == GLP_ESTOP || state->stopped;
    return glp_mip_status(lp);
}

static void set_objective(glp_prob *lp, const mm_model *m, const double *score)
{
    for (size_t v = 0; v < m->n_vars; v++)
        glp_set_obj_coef(lp, (int)v + 1, score ? score[v] : 1.0);
}

double mm_trivial_score_bound(const mm_model *m, const double *score)
{
    double total = 0, best = 0;

    for (size_t v = 0; v < m->n_vars; v++) {
        if (v > 0 && m->vars[v].student != m->vars[v - 1].student) {
            total += best;
            best = 0;
        }
        best = !score ? 1 : score[v] > best ? score[v] : best; /* NULL: counting */
    }
    return total + best;
}

/* Keep a phase's optimum while later phases run: coef . x >= value. */
static void keep_phase(glp_prob *lp, const mm_model *m, const double *coef, double value, int *ind,
                       double *val)
{
    int row = glp_add_rows(lp, 1), len = 0;

    for (size_t v = 0; v < m->n_vars; v++) {
        if (coef && coef[v] == 0)
            continue;
        ind[++len] = (int)v + 1;
        val[len] = coef ? coef[v] : 1.0;
    }
    glp_set_mat_row(lp, row, len, ind, val);
    glp_set_row_bnds(lp, row, GLP_LO, value, 0);
}

/* What a phase's optimum is kept at: a count or 0/1 objective exactly; the
 * score (before the ties) within 1e-9 relative, the tolerance equal
 * scores are compared with (compare_values). */
static double kept_value(const phase_list *ph, size_t k, double best)
{
    if (k == ph->score_phase && ph->coef[k])
        return best - 1e-9 * fmax(1.0, fabs(best));
    return floor(best + 0.5);
}

/* The tie phase's objective less the start's value: GLPK's tolerances are
 * relative to the objective's size, and the gains are small integers. */
static void offset_objective(glp_prob *lp, const mm_model *m, const phase_list *ph, size_t k,
                             const double *x1)
{
    double start = 0;

    for (size_t v = 0; k > ph->score_phase && v < m->n_vars; v++)
        start += ph->coef[k][v] * x1[v + 1];
    glp_set_obj_coef(lp, 0, -start);
}

static void list_phases(const mm_glpk_objective *obj, phase_list *ph)
{
    ph->n = 0;
    for (size_t k = 0; k < obj->n_lead && k < MM_GLPK_MAX_LEADS; k++) {
        ph->coef[ph->n] = obj->lead[k];
        ph->name[ph->n++] = obj->lead_name ? obj->lead_name : "rank";
    }
    ph->n_lead = ph->n;
    ph->count_phase = obj->count_first ? ph->n : SIZE_MAX;
    if (obj->count_first) {
        ph->coef[ph->n] = NULL;
        ph->name[ph->n++] = "count";
    }
    ph->score_phase = ph->n;
    ph->coef[ph->n] = obj->score;
    ph->name[ph->n++] = "score";
    ph->last_tier = ph->score_phase;
    if (obj->trail) {
        ph->last_tier = ph->n;
        ph->coef[ph->n] = obj->trail;
        ph->name[ph->n++] = "mentors";
    }
    if (obj->tie) {
        ph->coef[ph->n] = obj->tie;
        ph->name[ph->n++] = "ties";
    }
}

/* Under count-then-score the count's bound is proven by the count phase;
 * under "score" (and once proven optimal) it is the count held. */
static void finish_counts(const mm_model *m, const phase_list *ph, mm_glpk_outcome *out)
{
    if (ph->count_phase == SIZE_MAX || out->kind == MM_OUTCOME_OPTIMAL)
        out->bound_count = phase_value(m, NULL, out->chosen);
}

void mm_glpk_cover_bounds(const mm_model *m, const double *score, mm_glpk_outcome *out)
{
    double count = phase_value(m, NULL, out->chosen), total = phase_value(m, score, out->chosen);

    if (out->bound_count < count)
        out->bound_count = count;
    if (out->bound_score < total)
        out->bound_score = total;
}

/* The best proven bound of the phase just run: its optimum, else the
 * search's bound, else `known`; never below its incumbent. */
static double phase_bound(glp_prob *lp, const search_state *state, int solved, int limited,
                          double known)
{
    double bound = solved && !limited ? glp_mip_obj_val(lp) : state->has_bound ? state->bound : known;

    return solved && bound < glp_mip_obj_val(lp) ? glp_mip_obj_val(lp) : bound;
}

/* The caller's start, held (and offered) when it keeps every model row. */
static void hold_start(held_best *h, const unsigned char *start, const double *x1)
{
    for (size_t v = 0; start && v < h->m->n_vars; v++)
        h->read[v] = start[v];
    for (size_t r = 0; start && r < h->m->n_rows; r++)
        if (violated(h->m, r, x1 + 1))
            return;
    if (start)
        weigh(h);
}

/* What phase k starts from: the best held when it keeps each earlier
 * phase's value (after a phase the gap stopped it may not: it can be
 * better in an earlier objective, worse in a later one), else the last
 * phase's incumbent, which does. */
static void offer(const held_best *h, const double *kept, size_t k, double *x1)
{
    const unsigned char *from = h->best;

    for (size_t j = 0; j < k; j++)
        if (h->value[j] < kept[j] - 1e-6)
            from = h->read;
    for (size_t v = 0; v < h->m->n_vars; v++)
        x1[v + 1] = from[v];
}

/* Every phase of a lexicographic objective, each from the best solution
 * held so far. Runs inside the GLPK guard; everything it allocates is
 * GLPK's or passed in. */
static void run_phases(const mm_model *m, const phase_list *ph, const mm_glpk_limits *limits,
                       mm_glpk_outcome *out, double *x1, held_best *held, search_state *state_in)
{
    glp_prob *lp = build_prob(m);
    search_state state = *state_in;
    double kept[MAX_PHASES];
    int status = GLP_UNDEF, limited = 0, any_limited = 0, complete = 0;

    out->bound_count = mm_trivial_score_bound(m, NULL);
    out->bound_score = mm_trivial_score_bound(m, ph->coef[ph->score_phase]);
    out->bound_lead = ph->n_lead > 0 ? mm_trivial_score_bound(m, ph->coef[0]) : 0;
    state.held = held;
    for (size_t k = 0; k < ph->n; k++) {
        int solved, last = k + 1 == ph->n;
        /* The rows so far, lazy ones of earlier phases included, for good. */
        load_rows_from(lp, m, state.loaded, state.ind, state.val);
        state.loaded = m->n_rows;
        set_objective(lp, m, ph->coef[k]);
        state.phase = ph->name[k];
        state.counting = k == ph->count_phase;
        state.has_bound = 0;
        if (held->have)
            offer(held, kept, k, x1);
        offset_objective(lp, m, ph, k, x1);
        state.start = held->have ? x1 : NULL;
        held->seen = 0;
        status = solve_phase(lp, &state, &limited);
        if (state.rows_rc != 0)
            break;
        solved = status == GLP_OPT || status == GLP_FEAS;
        any_limited |= limited;
        if (solved)
            weigh_incumbent(held, lp);
        if (k == 0 && ph->n_lead > 0)
            out->bound_lead = phase_bound(lp, &state, solved, limited, out->bound_lead);
        if (k == ph->count_phase)
            out->bound_count =
                floor(phase_bound(lp, &state, solved, limited, out->bound_count) + 1e-6);
        if (k == ph->score_phase)
            out->bound_score = phase_bound(lp, &state, solved, limited, out->bound_score);
        if (k == ph->last_tier) /* the contract's objective ends here; ties only choose */
            complete = solved && !any_limited;
        /* Stopped by the gap only: the later phases still run. */
        if (!solved || last || expired(limits, state.phase))
            break;
        kept[k] = kept_value(ph, k, glp_mip_obj_val(lp));
        keep_phase(lp, m, ph->coef[k], kept[k], state.ind, state.val);
    }
    out->kind = complete       ? MM_OUTCOME_OPTIMAL
                : held->have   ? MM_OUTCOME_LIMITED
                : status == GLP_NOFEAS && !limited ? MM_OUTCOME_INFEASIBLE
                                                   : MM_OUTCOME_NO_SOLUTION;
    state_in->rows_rc = state.rows_rc;
    glp_delete_prob(lp);
}

int mm_glpk_solve(const mm_model *m, const mm_glpk_objective *obj,
                  const mm_glpk_limits *limits, mm_glpk_outcome *out)
{
    return mm_glpk_solve_from(m, obj, limits, NULL, out);
}

int mm_glpk_solve_from(const mm_model *m, const mm_glpk_objective *obj,
                       const mm_glpk_limits *limits, const unsigned char *start,
                       mm_glpk_outcome *out)
{
    return mm_glpk_solve_lazy(m, obj, limits, start, NULL, out);
}

/* Quota rows cut across the flow's structure: the count phase's root LP is
 * fractional and its all-ones objective degenerate, and GLPK's search
 * rarely rounds it to the optimum, while its feasibility pump (once, at the
 * root) does: a 2,000-student program with a quota per org and university
 * went from feasible after 60 s (326 placed, 327 the optimum) to proven in
 * 5 s. In the other phases, and without quota rows, the pump costs more
 * than it finds (t2 under --solver glpk: 5.5 s without, 27.7 s with; a
 * baseline re-solve with quotas 13% slower with it in every phase). */
static int has_quota_rows(const mm_model *m)
{
    for (size_t r = 0; r < m->n_rows; r++)
        if (m->rows[r].kind == MM_ROW_QUOTA)
            return 1;
    return 0;
}

int mm_glpk_solve_lazy(const mm_model *m, const mm_glpk_objective *obj,
                       const mm_glpk_limits *limits, const unsigned char *start,
                       const mm_glpk_lazy *lazy, mm_glpk_outcome *out)
{
    mm_glpk_rows_fn rows = lazy ? lazy->rows : NULL;
    guard g;
    int *volatile ind = mm_malloc((m->n_vars + 1) * sizeof *ind);
    double *volatile val = mm_malloc((m->n_vars + 1) * sizeof *val);
    double *volatile x1 = mm_calloc(m->n_vars + 1, sizeof *x1);
    double *volatile x = rows ? mm_malloc((m->n_vars + 1) * sizeof *x) : NULL;
    unsigned char *volatile read = mm_calloc(m->n_vars + 1, 1);
    search_state state = {.limits = limits, .rows = rows, .m = m, .pump = has_quota_rows(m)};
    phase_list ph;
    held_best held = {.m = m, .ph = &ph};
    volatile int rc = 0;

    memset(out, 0, sizeof *out);
    out->chosen = mm_calloc(m->n_vars + 1, 1);
    if (!ind || !val || !x1 || !out->chosen || !read || (rows && !x)) {
        rc = MM_ENOMEM;
    } else if (setjmp(g.on_error) == 0) {
        silence_glpk(&g);
        list_phases(obj, &ph);
        held.best = out->chosen;
        held.read = read;
        for (size_t v = 0; start && v < m->n_vars; v++)
            x1[v + 1] = start[v];
        hold_start(&held, start, x1);
        state.rows_context = lazy ? lazy->context : NULL;
        state.cuts = lazy && lazy->cuts;
        state.root_gomory = lazy && lazy->root_gomory;
        state.x = x;
        state.ind = ind;
        state.val = val;
        run_phases(m, &ph, limits, out, x1, &held, &state);
        out->stopped = limits->stop && *limits->stop;
        rc = state.rows_rc;
        if (rc == 0 && held.have) {
            finish_counts(m, &ph, out);
            mm_glpk_cover_bounds(m, obj->score, out);
        }
    } else {
        rc = MM_EINTERNAL; /* GLPK failed; its objects die with its environment */
    }
    glp_free_env(); /* frees every GLPK object and resets the hooks */
    mm_free(ind);
    mm_free(val);
    mm_free(x1);
    mm_free(x);
    mm_free(read);
    if (rc != 0) {
        mm_free(out->chosen);
        out->chosen = NULL;
    }
    return rc;
}

/* The relaxation's phases: simplex only, fractional optima kept. */
static int run_lp_phases(const mm_model *m, const mm_glpk_objective *obj,
                         const mm_glpk_limits *limits, double *x, int *ind, double *val)
{
    glp_prob *lp = build_prob(m);
    search_state state = {.limits = limits};
    glp_smcp smcp;
    phase_list ph;
    int rc = 0;

    list_phases(obj, &ph);
    load_rows(lp, m, ind, val);
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    for (size_t k = 0; rc == 0 && k < ph.n; k++) {
        double best;
        set_objective(lp, m, ph.coef[k]);
        state.phase = ph.name[k];
        if (run_simplex(lp, &state, &smcp) != 0 || glp_get_status(lp) != GLP_OPT) {
            rc = glp_get_status(lp) == GLP_NOFEAS ? MM_EINFEASIBLE : MM_ENOSOLUTION;
            break;
        }
        best = glp_get_obj_val(lp);
        if (k + 1 < ph.n) {
            keep_phase(lp, m, ph.coef[k], 0, ind, val);
            glp_set_row_bnds(lp, glp_get_num_rows(lp), GLP_LO, best - 1e-9 * (1 + fabs(best)), 0);
        }
    }
    for (size_t v = 0; rc == 0 && v < m->n_vars; v++)
        x[v] = glp_get_col_prim(lp, (int)v + 1);
    glp_delete_prob(lp);
    return rc;
}

int mm_glpk_relaxation(const mm_model *m, const mm_glpk_objective *obj,
                       const mm_glpk_limits *limits, double *x, double *count, double *score)
{
    guard g;
    int *volatile ind = mm_malloc((m->n_vars + 2) * sizeof *ind);
    double *volatile val = mm_malloc((m->n_vars + 2) * sizeof *val);
    volatile int rc = 0;

    if (!ind || !val) {
        rc = MM_ENOMEM;
    } else if (setjmp(g.on_error) == 0) {
        silence_glpk(&g);
        rc = run_lp_phases(m, obj, limits, x, ind, val);
    } else {
        rc = MM_EINTERNAL;
    }
    glp_free_env();
    mm_free(ind);
    mm_free(val);
    *count = *score = 0;
    for (size_t v = 0; rc == 0 && v < m->n_vars; v++) {
        *count += x[v];
        *score += x[v] * (obj->score ? obj->score[v] : 1.0);
    }
    return rc;
}

static void run_elastic(const mm_model *m, const mm_glpk_limits *limits, double *shortfall,
                        int *ind, double *val, int *solved)
{
    glp_prob *lp = build_prob(m);
    search_state state = {.limits = limits, .phase = "diagnosis"};
    int limited, status, slack_col;

    load_rows(lp, m, ind, val);
    glp_set_obj_dir(lp, GLP_MIN);
    for (size_t r = 0; r < m->n_rows; r++) {
        const mm_row *row = &m->rows[r];
        if (row->lo <= 0)
            continue;
        slack_col = glp_add_cols(lp, 1);
        glp_set_col_bnds(lp, slack_col, GLP_DB, 0, (double)row->lo);
        glp_set_obj_coef(lp, slack_col, 1.0);
        /* Add the slack to the row's existing coefficients. */
        int len = glp_get_mat_row(lp, (int)r + 1, ind, val);
        ind[len + 1] = slack_col;
        val[len + 1] = 1.0;
        glp_set_mat_row(lp, (int)r + 1, len + 1, ind, val);
    }
    status = solve_phase(lp, &state, &limited);
    *solved = (status == GLP_OPT || status == GLP_FEAS) && !limited;
    for (size_t r = 0, col = m->n_vars; *solved && r < m->n_rows; r++) {
        if (m->rows[r].lo <= 0) {
            shortfall[r] = 0;
            continue;
        }
        shortfall[r] = glp_mip_col_val(lp, (int)++col);
    }
    glp_delete_prob(lp);
}

int mm_glpk_elastic(const mm_model *m, const mm_glpk_limits *limits, double *shortfall)
{
    guard g;
    /* A row's coefficients plus one slack: at most n_vars + 2 entries. */
    int *volatile ind = mm_malloc((m->n_vars + 2) * sizeof *ind);
    double *volatile val = mm_malloc((m->n_vars + 2) * sizeof *val);
    volatile int rc = 0;
    int solved = 0;

    if (!ind || !val) {
        rc = MM_ENOMEM;
    } else if (setjmp(g.on_error) == 0) {
        silence_glpk(&g);
        run_elastic(m, limits, shortfall, ind, val, &solved);
        rc = solved ? 0 : MM_ENOSOLUTION;
    } else {
        rc = MM_EINTERNAL;
    }
    glp_free_env();
    mm_free(ind);
    mm_free(val);
    return rc;
}

/* The count row of count-then-score's score phase: sum of all x = count. */
static void add_count_row(glp_prob *lp, const mm_model *m, const mm_glpk_export *ex, int *ind,
                          double *val)
{
    int row = glp_add_rows(lp, 1);

    for (size_t v = 0; v < m->n_vars; v++) {
        ind[v + 1] = (int)v + 1;
        val[v + 1] = 1.0;
    }
    glp_set_mat_row(lp, row, (int)m->n_vars, ind, val);
    glp_set_row_bnds(lp, row, GLP_FX, ex->count, ex->count);
    glp_set_row_name(lp, row, ex->count_row);
}

/* A baseline's tier 1 at its optimum: sum over its pairs' x >= kept. */
static void add_kept_row(glp_prob *lp, const mm_model *m, const mm_glpk_export *ex, int *ind,
                         double *val)
{
    int row = glp_add_rows(lp, 1), len = 0;

    for (size_t v = 0; v < m->n_vars; v++)
        if (ex->kept_coef[v] != 0) {
            ind[++len] = (int)v + 1;
            val[len] = ex->kept_coef[v];
        }
    glp_set_mat_row(lp, row, len, ind, val);
    glp_set_row_bnds(lp, row, GLP_LO, ex->kept, 0);
    glp_set_row_name(lp, row, ex->kept_row);
}

static glp_prob *build_named_prob(const mm_model *m, const mm_glpk_export *ex, int *ind,
                                  double *val)
{
    glp_prob *lp = build_prob(m);

    load_rows(lp, m, ind, val);
    glp_set_prob_name(lp, ex->problem_name);
    glp_set_obj_name(lp, "score");
    for (size_t v = 0; v < m->n_vars; v++)
        glp_set_col_name(lp, (int)v + 1, ex->col_names[v]);
    for (size_t r = 0; r < m->n_rows; r++)
        glp_set_row_name(lp, (int)r + 1, ex->row_names[r]);
    if (ex->kept_row)
        add_kept_row(lp, m, ex, ind, val);
    if (ex->count_row)
        add_count_row(lp, m, ex, ind, val);
    if (m->n_vars == 0) {
        /* GLPK's LP writer gives up on a problem without columns, leaving a
         * file no LP reader takes: one column fixed at 0 stands in. */
        int col = glp_add_cols(lp, 1);
        glp_set_col_name(lp, col, "none");
        glp_set_col_bnds(lp, col, GLP_FX, 0, 0);
    }
    return lp;
}

/* MPS has no portable way to say "maximise": GLPK's reader rejects an
 * OBJSENSE section and every reader minimises by default. So the MPS file
 * minimises -score: any reader finds the same optimum, with its sign
 * flipped. The LP file says Maximize. */
static void set_sense(glp_prob *lp, const mm_model *m, const double *score, int maximise)
{
    glp_set_obj_dir(lp, maximise ? GLP_MAX : GLP_MIN);
    for (size_t v = 0; v < m->n_vars; v++)
        glp_set_obj_coef(lp, (int)v + 1, maximise ? score[v] : -score[v]);
}

/* Runs inside the GLPK guard. GLPK reports a file it cannot write by its
 * return code (its message is swallowed); errno still says why. */
static int write_files(const mm_model *m, const mm_glpk_export *ex, const mm_export_file *files,
                       size_t n_files, size_t *failed, int *ind, double *val)
{
    glp_prob *lp = build_named_prob(m, ex, ind, val);

    for (size_t k = 0; k < n_files; k++) {
        int rc;
        set_sense(lp, m, ex->score, files[k].format == MM_EXPORT_LP);
        errno = 0;
        rc = files[k].format == MM_EXPORT_LP
                 ? glp_write_lp(lp, NULL, files[k].path)
                 : glp_write_mps(lp, GLP_MPS_FILE, NULL, files[k].path);
        if (rc != 0) {
            *failed = k;
            return MM_EIO; /* lp dies with the environment */
        }
    }
    glp_delete_prob(lp);
    return 0;
}

int mm_glpk_write(const mm_model *m, const mm_glpk_export *ex, const mm_export_file *files,
                  size_t n_files, size_t *failed)
{
    guard g;
    int *volatile ind = mm_malloc((m->n_vars + 1) * sizeof *ind);
    double *volatile val = mm_malloc((m->n_vars + 1) * sizeof *val);
    volatile int rc = 0, saved_errno = 0;

    if (!ind || !val) {
        rc = MM_ENOMEM;
    } else if (setjmp(g.on_error) == 0) {
        silence_glpk(&g);
        rc = write_files(m, ex, files, n_files, failed, ind, val);
        saved_errno = errno;
    } else {
        rc = MM_EINTERNAL;
    }
    glp_free_env();
    mm_free(ind);
    mm_free(val);
    errno = saved_errno; /* clean-up must not hide why a write failed */
    return rc;
}
