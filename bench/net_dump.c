/* Issue 19: the network mentormatch's flow solves, written out and timed.
 *
 *   mm_netdump FILE [-o NETWORK.min]
 *
 * Reads and validates FILE, builds its model and, as mm_network_solve does,
 * the count-and-score network (src/solve_network.c: mm_net_build), then
 * writes it as a DIMACS minimum-cost-flow file (bench/lemon_ns.cpp solves
 * it with LEMON) and solves it with the library's own flow (src/flow.c).
 * Prints one JSON line: the network's size, the seconds of laying it out
 * and of routing it, and the optimal cost as an exact integer. A bench-only
 * hook: it links the library's internals and changes none of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "mentormatch.h"
#include "model.h"
#include "network.h"
#include "solve.h"

#ifndef MM_HAVE_FLOW
int main(void)
{
    fprintf(stderr, "mm_netdump: this build has no 128-bit integers, hence no flow\n");
    return 1;
}
#else

/* An exact 128-bit integer in decimal (DIMACS costs and the optimum). */
static void put_cost(FILE *out, mm_cost v)
{
    char digits[48];
    size_t k = 0;
    unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;

    do {
        digits[k++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u > 0);
    if (v < 0)
        fputc('-', out);
    while (k > 0)
        fputc(digits[--k], out);
}

/* DIMACS min: nodes 1-based, "n ID SUPPLY" for every node with a balance,
 * "a TAIL HEAD LOW CAP COST" for every arc as added. */
static int write_dimacs(const mm_flow *f, const char *path)
{
    int64_t *supply = mm_malloc((f->n_nodes + 1) * sizeof *supply);
    FILE *out = supply ? fopen(path, "w") : NULL;

    if (!out) {
        fprintf(stderr, "mm_netdump: %s: cannot write (check the folder exists)\n", path);
        mm_free(supply);
        return 1;
    }
    /* mm_flow_add_arc routes each lower bound up front, in the balances:
     * the file has the supplies before that, and the bounds on the arcs. */
    memcpy(supply, f->balance, f->n_nodes * sizeof *supply);
    for (size_t e = 0; e < f->n_arcs; e++) {
        supply[f->arc_tail[e]] += f->arc_lo[e];
        supply[f->arc_head[e]] -= f->arc_lo[e];
    }
    fprintf(out, "c mentormatch count-and-score network (bench/net_dump.c)\n");
    fprintf(out, "p min %u %zu\n", f->n_nodes, f->n_arcs);
    for (uint32_t u = 0; u < f->n_nodes; u++)
        if (supply[u] != 0)
            fprintf(out, "n %u %lld\n", u + 1, (long long)supply[u]);
    for (size_t e = 0; e < f->n_arcs; e++) {
        fprintf(out, "a %u %u %lld %lld ", f->arc_tail[e] + 1, f->arc_head[e] + 1,
                (long long)f->arc_lo[e], (long long)f->arc_cap[e]);
        put_cost(out, f->arc_cost[e]);
        fputc('\n', out);
    }
    mm_free(supply);
    if (ferror(out) | (fclose(out) != 0)) {
        fprintf(stderr, "mm_netdump: %s: write failed (disk full?)\n", path);
        return 1;
    }
    return 0;
}

/* After the solve: the arcs as added are gone, their costs are on the
 * laid-out forward arcs. */
static mm_cost flow_cost(const mm_flow *f)
{
    mm_cost total = 0;

    for (size_t e = 0; e < f->n_arcs; e++)
        total += f->arcs[f->slot[e]].cost * mm_flow_of(f, (uint32_t)e);
    return total;
}

static const char *status_name(mm_flow_status s)
{
    return s == MM_FLOW_OPTIMAL ? "optimal" : s == MM_FLOW_INFEASIBLE ? "infeasible" : "stopped";
}

/* Build the network as mm_network_solve does, write it, solve it. */
static int run(const mm_problem *p, const mm_model *m, const char *dump)
{
    double *score = mm_model_scores(m, p);
    mm_glpk_limits limits = {.deadline = 0};
    network like = {.p = p, .m = m, .score = score, .limits = &limits,
                    .count_first = p->settings.objective == MM_OBJ_COUNT_THEN_SCORE}, n;
    const char *why = NULL;
    mm_flow_status status = MM_FLOW_OPTIMAL;
    int infeasible = 0, rc = score ? 0 : 1;
    double t0, t1, t2, t3;

    mm_net_init(&n, &like);
    t0 = mm_now();
    if (rc == 0 && (mm_net_build(&n, &why, &infeasible) != 0 || why || infeasible)) {
        fprintf(stderr, "mm_netdump: the model is no flow network (%s)\n",
                why ? why : infeasible ? "a mentor's bounds cross" : "out of memory");
        rc = 1;
    }
    t1 = mm_now();
    if (rc == 0 && dump)
        rc = write_dimacs(&n.flow, dump);
    t2 = mm_now();
    if (rc == 0 && mm_flow_prepare(&n.flow) != 0)
        rc = 1;
    t3 = mm_now();
    if (rc == 0 && mm_flow_solve(&n.flow, NULL, NULL, &status) != 0)
        rc = 1;
    if (rc == 0) {
        double t4 = mm_now();
        printf("{\"nodes\": %u, \"arcs\": %zu, \"build_seconds\": %.6f, \"layout_seconds\": %.6f, "
               "\"solve_seconds\": %.6f, \"status\": \"%s\", \"certified\": %s, \"cost\": \"",
               n.flow.n_nodes, n.flow.n_arcs, t1 - t0, t3 - t2, t4 - t3, status_name(status),
               status == MM_FLOW_OPTIMAL && mm_flow_certify(&n.flow) ? "true" : "false");
        put_cost(stdout, flow_cost(&n.flow));
        printf("\", \"paths\": %llu}\n", n.flow.paths);
    }
    mm_net_free(&n);
    mm_free(score);
    return rc;
}

int main(int argc, char **argv)
{
    mm_problem *p = NULL;
    mm_diags *diags = NULL;
    mm_model m;
    const char *dump = NULL;
    int rc;

    if (argc == 4 && strcmp(argv[2], "-o") == 0)
        dump = argv[3];
    else if (argc != 2) {
        fprintf(stderr, "usage: mm_netdump FILE [-o NETWORK.min]\n");
        return 2;
    }
    mm_diags_new(&diags);
    if (mm_problem_read_file(&p, argv[1], NULL, diags) != 0) {
        fprintf(stderr, "mm_netdump: %s: not a valid input document (run 'mentormatch check %s')\n",
                argv[1], argv[1]);
        return 1;
    }
    if (mm_model_build(&m, p) != 0) {
        fprintf(stderr, "mm_netdump: %s: out of memory building the model\n", argv[1]);
        return 1;
    }
    rc = run(p, &m, dump);
    mm_model_dispose(&m);
    mm_problem_free(p);
    mm_diags_free(diags);
    return rc;
}
#endif
