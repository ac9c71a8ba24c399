/* When the relaxation's optimum is not the model's: restrictions that are
 * (pinned, banned), a repair, and reduced-cost fixing for GLPK. */
#include <string.h>

#include "alloc.h"
#include "network.h"

#ifdef MM_HAVE_FLOW

/* A relaxed optimum made feasible for GLPK to start from: in each row over
 * its cap, drop the lowest-scored choices that are not fixed. 1 when every
 * row then holds. */
int mm_net_repair(const network *n, unsigned char *chosen)
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
                    (worst == MM_NONE || mm_net_score(n->score, v) < mm_net_score(n->score, worst)))
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
int mm_net_refill(const network *n, unsigned char *chosen)
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
        if (fits && (best == MM_NONE || mm_net_score(n->score, v) > mm_net_score(n->score, best)))
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

mm_cost mm_net_solution_cost(const network *n, const unsigned char *chosen)
{
    mm_cost total = 0;

    for (size_t v = 0; v < n->m->n_vars; v++)
        if (chosen[v])
            total += mm_net_app_cost(n, &n->costs, n->m->vars[v].app);
    return total;
}

mm_cost mm_net_flow_cost(const network *n)
{
    mm_cost total = 0;

    for (size_t a = 0; a < n->p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE && mm_flow_of(&n->flow, n->app_arc[a]) > 0)
            total += mm_net_app_cost(n, &n->costs, (uint32_t)a);
    return total;
}

void mm_net_flow_totals(const network *n, double *count, double *score)
{
    *count = *score = 0;
    for (size_t a = 0; a < n->p->n_apps; a++)
        if (n->app_arc[a] != MM_NONE && mm_flow_of(&n->flow, n->app_arc[a]) > 0) {
            *count += 1;
            *score += mm_net_score(n->score, n->m->app_first_var[a]);
        }
}

/* Reduced-cost fixing: no solution at least as good as `chosen` uses an
 * arc whose reduced cost exceeds the gap between chosen and the flow's
 * optimum, so the variables on such arcs can be left out of GLPK's model.
 * NULL (no error) when the gap spans an assignment under count-then-score:
 * then nothing can be fixed. */
int mm_net_mark_free(const network *n, const unsigned char *chosen, unsigned char **keep)
{
    const mm_model *m = n->m;
    mm_cost gap = mm_net_solution_cost(n, chosen) - mm_net_flow_cost(n);

    *keep = NULL;
    if (n->count_first && gap >= n->costs.per_assignment)
        return 0;
    *keep = mm_calloc(m->n_vars + 1, 1);
    if (!*keep)
        return MM_ENOMEM;
    mm_net_keep_within(n, chosen, gap, *keep);
    return 0;
}

void mm_net_keep_within(const network *n, const unsigned char *chosen, mm_cost gap,
                        unsigned char *keep)
{
    const mm_model *m = n->m;

    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t arc = n->app_arc[m->vars[v].app], pair = n->var_pair[v];
        int fixed = arc == MM_NONE || mm_flow_reduced_cost(&n->flow, arc) > gap ||
                    (n->pair_lo[pair] == 0 && n->pair_arc[pair] != MM_NONE &&
                     mm_flow_reduced_cost(&n->flow, n->pair_arc[pair]) > gap);
        keep[v] = chosen[v] || !fixed;
    }
}

/* Why the relaxed optimum is not the model's. */
const char *mm_net_broken_family(const mm_model *m, const unsigned char *chosen, int split_ok)
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

#define RESTRICTION_ROUNDS 4

/* The relaxation's optimum left some students without a lead mentor their
 * conflicts allow. Solve restrictions instead, feasible for the model when
 * they split: first those students pinned to their idea under a mentor they
 * may have, then (and in later rounds) those applications banned. One as
 * good as the relaxation is optimal; a worse one starts GLPK, with the
 * relaxation's reduced costs fixing what cannot improve on it. */
/* Keep `chosen` as the start when it beats the one in hand. @return 1 when
 * it proves the optimum (as good as the relaxation). */
int mm_net_offer_start(network *relaxed, const network *n, unsigned char **chosen,
                       mm_glpk_outcome *out, mm_network_report *report, mm_cost *best)
{
    mm_cost gap = *chosen ? mm_net_solution_cost(relaxed, *chosen) - mm_net_flow_cost(relaxed) : *best;

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
        mm_net_totals(n->m, n->score, out->chosen, &out->bound_count, &out->bound_score);
        return 1;
    }
    return 0;
}

int mm_net_try_restrictions(network *relaxed, mm_glpk_outcome *out, mm_network_report *report)
{
    const mm_problem *p = relaxed->p;
    unsigned char *banned = mm_calloc(p->n_apps + 1, 1), *chosen = NULL;
    mm_cost best = report->has_start ? mm_net_solution_cost(relaxed, out->chosen) - mm_net_flow_cost(relaxed) : 0;
    int rc = banned ? 0 : MM_ENOMEM, found = 0, proven = 0;

    if (banned)
        memcpy(banned, relaxed->unsplit, p->n_apps);
    proven = rc == 0 && mm_net_offer_start(relaxed, relaxed, &chosen, out, report, &best);
    for (int round = 0; rc == 0 && !proven && found < 2 && round < RESTRICTION_ROUNDS; round++) {
        network n;
        mm_flow_status status;
        const char *why;
        int split_ok;
        mm_net_init(&n, relaxed);
        if (round == 0)
            n.pinned = relaxed->unsplit;
        else
            n.banned = banned;
        rc = mm_net_run(&n, &status, &why);
        if (rc == 0 && !(chosen = mm_calloc(n.m->n_vars + 1, 1)))
            rc = MM_ENOMEM;
        split_ok = rc == 0 && status == MM_FLOW_OPTIMAL && mm_flow_certify(&n.flow) ? mm_net_decode(&n, chosen) : 0;
        if (split_ok < 0)
            rc = MM_ENOMEM;
        if (rc == 0 && split_ok > 0 && mm_model_satisfied(n.m, chosen)) {
            found++; /* the pinned and the banned restriction: the better one stays */
            proven = mm_net_offer_start(relaxed, &n, &chosen, out, report, &best);
        }
        for (size_t a = 0; rc == 0 && a < p->n_apps; a++)
            banned[a] |= n.unsplit[a];
        mm_free(chosen);
        chosen = NULL;
        mm_net_free(&n);
        if (rc == 0 && status == MM_FLOW_STOPPED)
            break;
    }
    mm_free(report->keep);
    report->keep = NULL;
    if (rc == 0 && !proven && report->has_start)
        rc = mm_net_mark_free(relaxed, out->chosen, &report->keep);
    mm_free(chosen);
    mm_free(banned);
    return rc;
}

#endif
