/* The threshold engine's parts (threshold.c drives them): residual-cycle
 * searches on the optimal flow (threshold_flow.c) and exact re-solves
 * (threshold_resolve.c). */
#ifndef MM_THRESHOLD_INTERNAL_H
#define MM_THRESHOLD_INTERNAL_H

#include "network.h"
#include "threshold.h"

#ifdef MM_HAVE_FLOW

/* One application's cycle question. */
enum { TH_SKIP, TH_IN, TH_OUT };

typedef struct {
    /* in */
    unsigned char dir;     /* TH_IN: the cheapest cycle that brings a in (a not in the
                            * flow); TH_OUT: that takes a out (a in the flow) */
    unsigned char split;   /* a's own variables split its idea's mentors (a conflict):
                            * no cycle through it is certified */
    mm_cost own;           /* the reduced cost of a's arc in the cycle's direction */
    uint32_t node;         /* a's student node (TH_IN: SINK for a student with no arc) */
    /* out */
    unsigned char reached; /* a cycle within the search limit exists */
    unsigned char clean;   /* it touches no idea with a conflict and keeps every org the
                            * flow relaxes within its slots: applied to a feasible base
                            * flow, it gives a feasible solution */
    mm_cost cycle;         /* own + the shortest path back */
    uint32_t via;          /* TH_IN: the application the cycle moves out of a's idea;
                            * TH_OUT: the one it moves in; MM_NONE: none */
} th_cycle;

/* Quotas (threshold_quota.c): the flow solves the model without its quota
 * rows, and a cycle is certified only where it keeps every quota. */
typedef struct {
    const mm_problem *p;
    mm_model model;        /* m without its quota rows: what the flow holds */
    uint32_t *app_cell;    /* per application and quota: the cell it counts in, or MM_NONE */
    int64_t *fill;         /* per cell: the flow's students counted */
    int certifiable;       /* no per-mentor quota: a cycle's counts follow from its applications */
} th_quotas;

int mm_th_has_quota_rows(const mm_model *m);
/* @return 0 or MM_ENOMEM */
int mm_th_quotas_init(th_quotas *q, const mm_problem *p, const mm_model *m);
/* q->fill from an allocation of m's variables. */
void mm_th_quotas_count(th_quotas *q, const mm_model *m, const unsigned char *chosen);
void mm_th_quotas_free(th_quotas *q);
/* Moving applications apps[j] in (signs[j] 1) or out (-1) of the counted
 * allocation keeps every quota's count within its bounds. delta: per cell,
 * all 0 (left so); touched: room for n * p->n_quotas cells. */
int mm_th_quotas_keep(const th_quotas *q, const uint32_t *apps, const int *signs, size_t n,
                      int64_t *delta, uint32_t *touched);

typedef struct {
    network n;
    int has_quota;              /* the model has quota rows: n holds it without them */
    th_quotas quota;
    unsigned char *flow_chosen; /* the flow decoded, per variable */
    int feasible;               /* flow_chosen breaks no row of the model */
    const char *relaxes;        /* what the flow relaxes; NULL: the flow is the model */
    mm_cost flow_cost;
    unsigned char *conflict_idea; /* per idea: an applicant in conflict with some mentors */
    int64_t *org_fill;          /* per org, the flow's assignments there */
    uint32_t *idea_first, *idea_apps; /* the applications the flow places, by idea */
    size_t searches, settled;
} th_flow;

/* Solve the model's flow. @return 0 (*ok 1: a certified optimal flow; 0: no
 * flow for this model, or it is infeasible), MM_ENOMEM or MM_EINTERNAL */
int mm_th_flow_solve(th_flow *t, const mm_problem *p, const mm_model *m, const double *score,
                     int count_first, int *ok);
void mm_th_flow_free(th_flow *t);
/* The arc cost of application app at score `s` (also for one without an arc). */
mm_cost mm_th_flow_cost_of(const th_flow *t, double s);
#define MM_TH_MAX_THREADS 8
/* Answer every cycle question on up to `threads` threads; `limit`: cycles
 * above it need not be found (reached 0). @return 0 or MM_ENOMEM */
int mm_th_flow_cycles(th_flow *t, th_cycle *cyc, mm_cost limit, unsigned threads);
/* c = q W + b with |b| < W / 2: q assignments, b / scale score. */
void mm_th_split_cost(const th_flow *t, mm_cost c, mm_cost *q, double *score);

#endif

/* Re-solves (threshold_resolve.c). */
typedef struct {
    const mm_problem *p;
    const mm_model *m;
    const double *score;
    int count_first;
    double deadline;          /* monotonic seconds; 0: none */
    double base_count, base_score;
} th_resolve;

typedef struct {
    int done;                 /* 0: out of time (or no solution in time) */
    int infeasible;
    double count, score;      /* the re-solve's optimum */
    uint32_t via;             /* the application of a's idea that differs from the base */
} th_answer;

/* Best with application `app` fixed (placed: 0) or forbidden (placed: 1);
 * `base_at` per application: placed in the base. Ineligible for min_rating
 * only: the model with the pair made eligible.
 * @return 0, MM_ENOMEM or MM_EINTERNAL */
int mm_th_resolve(const th_resolve *r, uint32_t app, int placed, const unsigned char *base_at,
                  th_answer *out);

#endif
