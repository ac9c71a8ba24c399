/* Side rows over the flow (network_side.c): rows of the model the network
 * does not hold (an org's cap when its mentors also lead ideas elsewhere,
 * quota rows), each over whole applications, priced on the application
 * arcs by Lagrangian multipliers. Shared by network_side.c (the prices,
 * the bound, the fixing) and network_side_primal.c (a feasible solution
 * from each priced flow). */
#ifndef MM_NETWORK_SIDE_H
#define MM_NETWORK_SIDE_H

#include "network.h"

#ifdef MM_HAVE_FLOW

/* Side rows are over the flow's arcs: a model row over whole
 * applications counts their application arcs (+1); a conflict row (Hall's
 * condition of one idea's split, network_side_hall.c) counts the
 * applicants whose allowed lead mentors all lie in a set S (+1) against
 * the units sent to S (-1 on those idea-mentor arcs). */
typedef struct {
    uint32_t arc, row;
    int32_t coef;
} mm_side_term;

#define MM_SIDE_NO_LO INT64_MIN

typedef struct {
    int64_t lo, hi;     /* MM_SIDE_NO_LO, MM_NO_LIMIT where none */
    uint32_t model_row; /* or MM_NONE (a conflict row) */
} mm_side_row;

typedef struct {
    network n;              /* its own flow: arc cost = base + sum coef x price */
    size_t n_side, side_capacity;
    mm_side_row *rows;
    long double *lambda, *best_lambda; /* per side row: > 0 prices the cap, < 0 rewards
                                        * the minimum; those of the best bound */
    mm_cost *price, *best_price; /* lambda rounded; the prices of the best bound */
    int64_t *grad, *best_grad; /* per side row: the subgradient at the last flow, at the best */
    mm_side_term *terms;    /* sorted by arc */
    size_t n_terms, terms_capacity;
    uint32_t *arc_begin;    /* per flow arc: its terms */
    mm_cost *arc_base;      /* per flow arc: its cost unpriced */
    mm_cost *base;          /* per application: the lexicographic cost, unpriced */
    mm_cost *var_cost;      /* later tiers: per variable, their cost (NULL: base's) */
    mm_cost primary_cost, primary_tol; /* later tiers: the optimum's cost by base, and
                                        * how far above it a solution may be */
    uint32_t *var_begin, *var_rows; /* per variable: every model row holding it */
    int64_t *load;          /* per model row, during a repair */
    unsigned char *chosen, *best, *placed;
    int has_best;
    mm_cost best_cost, bound; /* the incumbent's cost; the best Lagrangian bound */
    double best_score;      /* the incumbent's score, once handed over */
    unsigned iterations;
} mm_side;

/* Append a side row (its terms follow with mm_side_term_add). @return
 * its index, or -1 on oom. */
long mm_side_row_add(mm_side *s, int64_t lo, int64_t hi, uint32_t model_row);
int mm_side_term_add(mm_side *s, uint32_t arc, uint32_t row, int32_t coef);
/* network_side_hall.c: the conflict rows of every idea whose split the
 * flow cannot promise. @return 0, MM_ENOMEM, or MM_EINVALID when an idea
 * has too many mentors to list its sets. */
int mm_side_hall_rows(mm_side *s);

/* An application arc's cost under the current prices (unpriced base when it has no arc). */
mm_cost mm_side_app_price(const mm_side *s, uint32_t app);
/* The cost of a solution, unpriced. */
mm_cost mm_side_cost(const mm_side *s, const unsigned char *chosen);
/* The ascent: priced flows, warm, each offered as a primal, until the
 * incumbent meets the bound or the steps are spent. @return 0, MM_ENOMEM
 * or MM_EINTERNAL; *stopped when a limit struck. */
int mm_side_ascend(mm_side *s, int *stopped);
/* network_side_ties.c: with the incumbent proven for every tier before
 * them, the baseline's lead mentors and the tie tier over the flows
 * optimal at the best prices (every optimum of the model is among them),
 * the side rows priced again; out->chosen is replaced where proven.
 * *unproven when they are not settled (out->chosen is then the start
 * GLPK settles them from). @return 0, MM_ENOMEM or MM_EINTERNAL */
int mm_side_later_tiers(mm_side *s, const mm_glpk_objective *obj, mm_glpk_outcome *out,
                        int *unproven);
/* network_side_primal.c: the flow's split made feasible for every row
 * (drop the dearest choices in rows over their cap, then fill rows under
 * their minimum and place students left out where every row has room);
 * kept as the incumbent when it is feasible and cheaper. @return 0 or
 * MM_ENOMEM */
int mm_side_offer_primal(mm_side *s);
/* Per variable, the model rows holding it. @return 0 or MM_ENOMEM */
int mm_side_index_rows(mm_side *s);

#endif
#endif
