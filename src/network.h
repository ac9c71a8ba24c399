/* The network flow's private parts, shared by solve_network.c (building
 * and solving), network_split.c (from flow to choices) and
 * network_repair.c (what to do when the relaxation's optimum is not the
 * model's). */
#ifndef MM_NETWORK_H
#define MM_NETWORK_H

#include "flow.h"
#include "solve_network.h"

#ifdef MM_HAVE_FLOW

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
    /* Leading 0/1 objectives before count and score (rank-maximal's tiers),
     * per variable; solved in phases (solve_network.c). */
    const double *const *lead;
    size_t n_lead;
    /* A baseline's lead mentors (per variable 0/1; NULL: none): each pair
     * arc has a parallel arc for as many units as baseline students name
     * that (idea, mentor), priced in the tie phase (solve_network.c). */
    const double *trail;
    int64_t *trail_cap;    /* per idea_mentors entry */
    uint32_t *trail_arc;   /* per idea_mentors entry, or MM_NONE */
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
    uint32_t *student_node; /* per student: its node */
    uint32_t mentor0, idea_out0, idea_in0, student0, n_nodes;
    unsigned char *banned; /* per application: no arc (a restriction); NULL: none */
    const unsigned char *pinned; /* per application: its student must take it, led
                                  * by its first mentor allowed (a restriction) */
    const uint32_t *pin_var; /* per application: MM_NONE, or the variable its
                              * student must take (a branch); NULL: none */
    unsigned char *unsplit; /* per application: assigned by the flow, but no lead
                             * mentor it may have was left for it */
    cost_scale costs;
    mm_flow flow;
} network;

/* NULL scores: counting only. */
static inline double mm_net_score(const double *score, size_t v)
{
    return score ? score[v] : 0;
}


void mm_net_free(network *n);
/* A fresh network over the same model and objective as `like`. */
void mm_net_init(network *n, const network *like);
/* Read the model into n and solve its flow. @return 0, MM_ENOMEM or
 * MM_EINTERNAL; *class_why is set when the model is no flow at all. */
int mm_net_run(network *n, mm_flow_status *status, const char **class_why);
/* Read the model into n and build its flow, unsolved (mm_net_run without
 * the solve); *infeasible when a mentor's bounds cross. */
int mm_net_build(network *n, const char **class_why, int *infeasible);
mm_cost mm_net_app_cost(const network *n, const cost_scale *c, uint32_t app);
cost_scale mm_net_choose_scale(const network *n);
/* The students, best score first (the order they are routed in). */
uint32_t *mm_net_rank_students(const network *n);
void mm_net_totals(const mm_model *m, const double *score, const unsigned char *chosen,
                   double *count, double *total);

/* The flow's stop function: limits, progress (context: the network). */
int mm_net_should_stop(void *context, double done);

/* The tiers after the score (a baseline's lead mentors, ties), over the
 * flows optimal so far (solve_network.c). */
typedef int (*mm_net_accept_fn)(void *context, const unsigned char *chosen);
int mm_net_break_ties(network *n, const mm_glpk_objective *obj, mm_glpk_outcome *out,
                      int *unproven, mm_net_accept_fn accept, void *context);

/* network_side.c: rows the network does not hold (org caps it relaxed,
 * quota rows) priced over the flow; see there. mm_net_side_row_fits: 1
 * when a row counts whole applications with coefficients 1, so a price
 * on the application arcs is its multiplier. mm_net_side_solve: from the
 * relaxation `relaxed`, a better start for GLPK (out->chosen,
 * report->has_start) and report->keep by the Lagrangian bound, or SOLVED
 * when the start meets the bound. @return 0, MM_ENOMEM or MM_EINTERNAL */
int mm_net_side_row_fits(const mm_model *m, const mm_row *row);
int mm_net_side_solve(const network *relaxed, const mm_glpk_objective *obj, mm_glpk_outcome *out,
                      mm_network_report *report);

/* network_split.c: the flow as one choice per variable. @return 1 when
 * every assigned student found a lead mentor, 0 when some did not (they are
 * left out and marked in n->unsplit), -1 on oom. */
int mm_net_decode(network *n, unsigned char *chosen);

/* network_repair.c */
int mm_net_repair(const network *n, unsigned char *chosen);
int mm_net_refill(const network *n, unsigned char *chosen);
mm_cost mm_net_solution_cost(const network *n, const unsigned char *chosen);
mm_cost mm_net_flow_cost(const network *n);
void mm_net_flow_totals(const network *n, double *count, double *score);
int mm_net_mark_free(const network *n, const unsigned char *chosen, unsigned char **keep);
/* keep[v] = 0 where v's arcs' reduced costs exceed `gap`: no solution
 * within gap of the flow's bound uses v (chosen's own variables stay). */
void mm_net_keep_within(const network *n, const unsigned char *chosen, mm_cost gap,
                        unsigned char *keep);
const char *mm_net_broken_family(const mm_model *m, const unsigned char *chosen, int split_ok);
int mm_net_offer_start(network *relaxed, const network *n, unsigned char **chosen,
                       mm_glpk_outcome *out, mm_network_report *report, mm_cost *best);
int mm_net_try_restrictions(network *relaxed, mm_glpk_outcome *out, mm_network_report *report);

#endif
#endif
