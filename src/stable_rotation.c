#include "stable_rotation.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "stable_closure.h"
#include "stable_hr.h"

/* del_by: a pair still in the reduced lists, or out of the GS-lists from
 * the start; otherwise the rotation that deleted it. */
#define ALIVE MM_NONE
#define DEAD (MM_NONE - 1)
/* Clone pairs beyond this: too big for this method, the caller goes on. */
#define MAX_PAIRS ((size_t)1 << 27)

typedef struct {
    const mm_stability *st;
    const mm_model *m;
    size_t n_pairs, n_places;
    uint32_t *first;       /* per variable: its first pair, one per place (n_vars + 1) */
    uint32_t *pair_var;    /* per pair */
    uint32_t *place_base;  /* per mentor: her first place (n_mentors + 1) */
    uint32_t *place_mentor;
    uint32_t *by_mentor, *mentor_at, *rank; /* each mentor's variables, best first */
    uint32_t *slist, *sbegin; /* per student, her pairs best first (CSR) */
    uint32_t *spos;        /* per pair: its index in slist */
    uint32_t *m0, *mz;     /* per student: slist index in the student- and mentor-optimal */
    uint32_t *holder;      /* per place: its pair now (MM_NONE: empty) */
    uint32_t *cur, *scan;  /* per student: slist index now; where her next pair search resumes */
    uint32_t *del_by, *moved_by; /* per pair: the rotation that deleted it, that moved to it */
    int64_t *gain;         /* per variable: the scaled score */
    /* Rotations: entries (student, slist index moved to), CSR by rotation. */
    uint32_t *rot_begin, *ent_student, *ent_to;
    int64_t *weight;
    size_t n_rot, n_ent, cap_begin, cap_weight, cap_student, cap_to;
    uint32_t *edge_from, *edge_to; /* rotation edge_from[e] needs edge_to[e] */
    size_t n_edges, cap_from, cap_edge_to;
    uint32_t *stack, *stack_next, *on_stack; /* the walk: students, their next slist index */
} rotations;

static uint32_t student_of(const rotations *r, uint32_t pair)
{
    return r->m->vars[r->pair_var[pair]].student;
}

static uint32_t place_of(const rotations *r, uint32_t pair)
{
    uint32_t v = r->pair_var[pair];

    return r->place_base[r->m->vars[v].mentor] + (pair - r->first[v]);
}

/* The pair of place q's student at its mentor's rank `at`. */
static uint32_t pair_at(const rotations *r, uint32_t q, uint32_t at)
{
    uint32_t k = r->place_mentor[q];

    return r->first[r->by_mentor[r->mentor_at[k] + at]] + (q - r->place_base[k]);
}

static uint32_t place_degree(const rotations *r, uint32_t q)
{
    uint32_t k = r->place_mentor[q];

    return r->mentor_at[k + 1] - r->mentor_at[k];
}

static int grow(void **array, size_t *cap, size_t need, size_t size)
{
    void *more;

    if (need <= *cap)
        return 0;
    more = mm_realloc(*array, (2 * need + 16) * size);
    if (!more)
        return MM_ENOMEM;
    *array = more;
    *cap = 2 * need + 16;
    return 0;
}

/* ------------------------------------------------------- the instance */

/* Each mentor's variables in her order (mm_stability_worse), best first. */
static int order_mentors(rotations *r)
{
    size_t n = r->m->n_vars, n_mentors = r->st->p->n_mentors;

    r->by_mentor = mm_malloc((n + 1) * sizeof *r->by_mentor);
    r->rank = mm_malloc((n + 1) * sizeof *r->rank);
    r->mentor_at = mm_calloc(n_mentors + 2, sizeof *r->mentor_at);
    if (!r->by_mentor || !r->rank || !r->mentor_at)
        return MM_ENOMEM;
    return mm_stable_mentor_order(r->st, r->by_mentor, r->mentor_at, r->rank);
}

/* Places per mentor (at most her applicants: more never fill) and pairs. */
static int make_pairs(rotations *r, const int64_t *places)
{
    const mm_model *m = r->m;
    size_t n_mentors = r->st->p->n_mentors;

    r->place_base = mm_calloc(n_mentors + 1, sizeof *r->place_base);
    r->first = mm_malloc((m->n_vars + 1) * sizeof *r->first);
    if (!r->place_base || !r->first)
        return MM_ENOMEM;
    for (size_t k = 0; k < n_mentors; k++) {
        int64_t degree = r->mentor_at[k + 1] - r->mentor_at[k];
        int64_t n = places[k] < degree ? places[k] : degree;
        r->place_base[k + 1] = r->place_base[k] + (uint32_t)(n > 0 ? n : 0);
        if (r->place_base[k + 1] > MAX_PAIRS)
            return MM_EINTERNAL;
    }
    r->n_places = r->place_base[n_mentors];
    r->first[0] = 0;
    for (size_t v = 0; v < m->n_vars; v++) {
        uint32_t k = m->vars[v].mentor;
        r->first[v + 1] = r->first[v] + (r->place_base[k + 1] - r->place_base[k]);
        if (r->first[v + 1] > MAX_PAIRS)
            return MM_EINTERNAL;
    }
    r->n_pairs = r->first[m->n_vars];
    r->pair_var = mm_malloc((r->n_pairs + 1) * sizeof *r->pair_var);
    r->place_mentor = mm_malloc((r->n_places + 1) * sizeof *r->place_mentor);
    if (!r->pair_var || !r->place_mentor)
        return MM_ENOMEM;
    for (uint32_t v = 0; v < m->n_vars; v++)
        for (uint32_t c = r->first[v]; c < r->first[v + 1]; c++)
            r->pair_var[c] = v;
    for (uint32_t k = 0; k < n_mentors; k++)
        for (uint32_t q = r->place_base[k]; q < r->place_base[k + 1]; q++)
            r->place_mentor[q] = k;
    return 0;
}

/* Each student's pairs, best first: her variables (contiguous in the
 * model, and few) by mm_stability_prefers, each one place after another. */
static int student_lists(rotations *r)
{
    const mm_model *m = r->m;
    const mm_problem *p = r->st->p;
    uint32_t *order = mm_malloc((m->n_vars + 1) * sizeof *order), at = 0;

    r->sbegin = mm_calloc(p->n_students + 1, sizeof *r->sbegin);
    r->slist = mm_malloc((r->n_pairs + 1) * sizeof *r->slist);
    r->spos = mm_malloc((r->n_pairs + 1) * sizeof *r->spos);
    if (!order || !r->sbegin || !r->slist || !r->spos) {
        mm_free(order);
        return MM_ENOMEM;
    }
    for (size_t s = 0; s < p->n_students; s++) {
        uint32_t first = m->app_first_var[p->students[s].app_begin];
        uint32_t end = m->app_first_var[p->students[s].app_begin + p->students[s].app_count];
        for (uint32_t v = first; v < end; v++) { /* insertion sort */
            uint32_t j = v;
            for (; j > first && mm_stability_prefers(r->st, v, order[j - 1]); j--)
                order[j] = order[j - 1];
            order[j] = v;
        }
        r->sbegin[s] = at;
        for (uint32_t k = first; k < end; k++)
            for (uint32_t c = r->first[order[k]]; c < r->first[order[k] + 1]; c++) {
                r->spos[c] = at;
                r->slist[at++] = c;
            }
    }
    r->sbegin[p->n_students] = at;
    mm_free(order);
    return 0;
}

/* ------------------------------------------------------ Gale-Shapley */

/* Students propose: r->m0 and r->holder. */
static void students_propose(rotations *r, uint32_t *next)
{
    size_t n_students = r->st->p->n_students;

    for (uint32_t s = 0; s < n_students; s++) {
        next[s] = r->sbegin[s];
        r->m0[s] = MM_NONE;
    }
    for (uint32_t s0 = 0; s0 < n_students; s0++)
        for (uint32_t s = s0; s != MM_NONE && next[s] < r->sbegin[s + 1];) {
            uint32_t i = next[s]++, c = r->slist[i], q = place_of(r, c), h = r->holder[q];
            if (h != MM_NONE && r->rank[r->pair_var[h]] < r->rank[r->pair_var[c]])
                continue; /* q keeps h */
            r->holder[q] = c;
            r->m0[s] = i;
            s = h == MM_NONE ? MM_NONE : student_of(r, h);
            if (s != MM_NONE)
                r->m0[s] = MM_NONE;
        }
}

/* Places propose: r->mz. */
static void places_propose(rotations *r, uint32_t *next)
{
    for (uint32_t s = 0; s < r->st->p->n_students; s++)
        r->mz[s] = MM_NONE;
    for (uint32_t q = 0; q < r->n_places; q++)
        next[q] = 0;
    for (uint32_t q0 = 0; q0 < r->n_places; q0++)
        for (uint32_t q = q0; q != MM_NONE && next[q] < place_degree(r, q);) {
            uint32_t c = pair_at(r, q, next[q]++), s = student_of(r, c), i = r->spos[c];
            uint32_t held = r->mz[s];
            if (held != MM_NONE && held < i)
                continue; /* s keeps hers */
            r->mz[s] = i;
            q = held == MM_NONE ? MM_NONE : place_of(r, r->slist[held]);
        }
}

/* The GS-lists: a pair stays when its place does not prefer its
 * student-optimal partner and its student not her mentor-optimal one.
 * @return 0, or MM_EINTERNAL when the two matchings place different students */
static int gs_lists(rotations *r)
{
    for (uint32_t s = 0; s < r->st->p->n_students; s++)
        if ((r->m0[s] == MM_NONE) != (r->mz[s] == MM_NONE))
            return MM_EINTERNAL;
    for (uint32_t c = 0; c < r->n_pairs; c++) {
        uint32_t s = student_of(r, c), h = r->holder[place_of(r, c)];
        int keep = h != MM_NONE && r->rank[r->pair_var[c]] <= r->rank[r->pair_var[h]] &&
                   r->m0[s] != MM_NONE && r->spos[c] >= r->m0[s] && r->spos[c] <= r->mz[s];
        r->del_by[c] = keep ? ALIVE : DEAD;
        r->moved_by[c] = MM_NONE;
    }
    return 0;
}

/* ---------------------------------------------------------- rotations */

/* Student s's next pair in her reduced list after her partner, as an slist
 * index; MM_NONE past her mentor-optimal one. Deletions are for good and
 * her partner only gets worse, so the search resumes where it stopped. */
static uint32_t next_pair(rotations *r, uint32_t s)
{
    uint32_t i = r->scan[s] > r->cur[s] + 1 ? r->scan[s] : r->cur[s] + 1;

    while (i <= r->mz[s] && r->del_by[r->slist[i]] != ALIVE)
        i++;
    r->scan[s] = i;
    return i <= r->mz[s] ? i : MM_NONE;
}

static int add_edge(rotations *r, uint32_t from, uint32_t to)
{
    if (grow((void **)&r->edge_from, &r->cap_from, r->n_edges + 1, sizeof *r->edge_from) ||
        grow((void **)&r->edge_to, &r->cap_edge_to, r->n_edges + 1, sizeof *r->edge_to))
        return MM_ENOMEM;
    r->edge_from[r->n_edges] = from;
    r->edge_to[r->n_edges++] = to;
    return 0;
}

/* Rotation rho's predecessors (Gusfield and Irving, section 3.3): the
 * rotation that moved student s to her pair now (rule 1), and each one
 * that deleted a pair between it and her next (rule 2). */
static int predecessors(rotations *r, uint32_t rho, uint32_t s, uint32_t to)
{
    uint32_t from = r->slist[r->cur[s]];
    int rc = r->moved_by[from] != MM_NONE ? add_edge(r, rho, r->moved_by[from]) : 0;

    for (uint32_t i = r->cur[s] + 1; rc == 0 && i < to; i++) {
        uint32_t d = r->del_by[r->slist[i]];
        if (d != DEAD && d != ALIVE)
            rc = add_edge(r, rho, d);
    }
    return rc;
}

/* Student s moves to slist index `to`: her new place deletes every pair
 * below her. */
static void move(rotations *r, uint32_t rho, uint32_t s, uint32_t to)
{
    uint32_t c = r->slist[to], q = place_of(r, c), old = r->holder[q];

    for (uint32_t at = r->rank[r->pair_var[c]] + 1; at <= r->rank[r->pair_var[old]]; at++) {
        uint32_t d = pair_at(r, q, at);
        if (r->del_by[d] == ALIVE)
            r->del_by[d] = rho;
    }
    r->holder[q] = c;
    r->cur[s] = to;
    r->moved_by[c] = rho;
}

/* The cycle stack[from .. depth) is a rotation: record and eliminate it. */
static int eliminate(rotations *r, uint32_t from, uint32_t depth)
{
    uint32_t rho = (uint32_t)r->n_rot;
    size_t n = depth - from;
    int64_t weight = 0;
    int rc = 0;

    if (grow((void **)&r->rot_begin, &r->cap_begin, r->n_rot + 2, sizeof *r->rot_begin) ||
        grow((void **)&r->weight, &r->cap_weight, r->n_rot + 1, sizeof *r->weight) ||
        grow((void **)&r->ent_student, &r->cap_student, r->n_ent + n, sizeof *r->ent_student) ||
        grow((void **)&r->ent_to, &r->cap_to, r->n_ent + n, sizeof *r->ent_to))
        return MM_ENOMEM;
    for (uint32_t k = from; rc == 0 && k < depth; k++)
        rc = predecessors(r, rho, r->stack[k], r->stack_next[k]);
    if (rc != 0)
        return rc;
    r->rot_begin[rho] = (uint32_t)r->n_ent;
    for (uint32_t k = from; k < depth; k++) {
        uint32_t s = r->stack[k], to = r->stack_next[k];
        weight += r->gain[r->pair_var[r->slist[to]]] - r->gain[r->pair_var[r->slist[r->cur[s]]]];
        r->ent_student[r->n_ent] = s;
        r->ent_to[r->n_ent++] = to;
        r->on_stack[s] = 0;
    }
    for (uint32_t k = from; k < depth; k++)
        move(r, rho, r->stack[k], r->stack_next[k]);
    r->weight[rho] = weight;
    r->rot_begin[++r->n_rot] = (uint32_t)r->n_ent;
    return 0;
}

/* From student s0, follow "her next pair's place's student" until someone
 * comes back: that cycle is a rotation exposed in the current matching
 * (section 3.2). The path below the cycle stays valid, so the walk goes on
 * from its top until s0 reaches her mentor-optimal pair.
 * @return 0, MM_ENOMEM, or MM_EINTERNAL (the walk broke: not the shape) */
static int walk(rotations *r, uint32_t s0)
{
    uint32_t depth = 0;
    int rc = 0;

    while (rc == 0 && (depth > 0 || r->cur[s0] != r->mz[s0])) {
        if (depth == 0) {
            r->stack[depth++] = s0;
            r->on_stack[s0] = depth;
        }
        uint32_t s = r->stack[depth - 1], i = next_pair(r, s), t;
        if (i == MM_NONE)
            return MM_EINTERNAL;
        r->stack_next[depth - 1] = i;
        t = student_of(r, r->holder[place_of(r, r->slist[i])]);
        if (r->on_stack[t]) {
            uint32_t from = r->on_stack[t] - 1;
            rc = eliminate(r, from, depth);
            depth = from;
        } else if (depth < r->st->p->n_students) {
            r->stack[depth++] = t;
            r->on_stack[t] = depth;
        } else {
            return MM_EINTERNAL;
        }
    }
    return rc;
}

/* Scores as integers: the largest at about 2^40, fewer bits when the pairs
 * are many, so no sum of rotation weights overflows. */
static void scale_scores(rotations *r, const double *score)
{
    double most = 0;
    int exponent, bits = 40;

    for (size_t v = 0; score && v < r->m->n_vars; v++)
        most = fabs(score[v]) > most ? fabs(score[v]) : most;
    while (bits > 20 && ((double)r->n_pairs + 1) * ldexp(1.0, bits + 2) > ldexp(1.0, 61))
        bits--;
    frexp(most > 0 ? most : 1.0, &exponent);
    for (size_t v = 0; v < r->m->n_vars; v++)
        r->gain[v] = score ? llround(ldexp(score[v], bits - exponent)) : 1;
}

/* Every rotation from the student-optimal to the mentor-optimal matching. */
static int find_rotations(rotations *r)
{
    size_t n_students = r->st->p->n_students;
    int rc = 0;

    for (uint32_t s = 0; s < n_students; s++) {
        r->cur[s] = r->m0[s];
        r->scan[s] = r->m0[s] == MM_NONE ? 0 : r->m0[s] + 1;
        r->on_stack[s] = 0;
    }
    for (uint32_t s = 0; rc == 0 && s < n_students; s++)
        if (r->m0[s] != MM_NONE)
            rc = walk(r, s);
    for (uint32_t s = 0; rc == 0 && s < n_students; s++)
        if (r->cur[s] != r->mz[s])
            rc = MM_EINTERNAL;
    return rc;
}

/* Eliminate the closure's rotations from the student-optimal matching: a
 * student's rotations come in the order they were found, and a closure
 * holds a first run of them, so the last one held says where she ends. */
static void apply(const rotations *r, const unsigned char *in_closure, unsigned char *chosen)
{
    size_t n_students = r->st->p->n_students;

    for (uint32_t s = 0; s < n_students; s++)
        r->cur[s] = r->m0[s];
    for (size_t rho = 0; rho < r->n_rot; rho++)
        for (uint32_t e = r->rot_begin[rho]; in_closure[rho] && e < r->rot_begin[rho + 1]; e++)
            r->cur[r->ent_student[e]] = r->ent_to[e];
    memset(chosen, 0, r->m->n_vars);
    for (uint32_t s = 0; s < n_students; s++)
        if (r->cur[s] != MM_NONE)
            chosen[r->pair_var[r->slist[r->cur[s]]]] = 1;
}

static int allocate(rotations *r)
{
    size_t n_students = r->st->p->n_students + 1, n_places = r->n_places + 1;
    size_t n_pairs = r->n_pairs + 1;

    r->m0 = mm_malloc(n_students * sizeof *r->m0);
    r->mz = mm_malloc(n_students * sizeof *r->mz);
    r->cur = mm_malloc(n_students * sizeof *r->cur);
    r->scan = mm_malloc(n_students * sizeof *r->scan);
    r->stack = mm_malloc(n_students * sizeof *r->stack);
    r->stack_next = mm_malloc(n_students * sizeof *r->stack_next);
    r->on_stack = mm_malloc(n_students * sizeof *r->on_stack);
    r->holder = mm_malloc(n_places * sizeof *r->holder);
    r->del_by = mm_malloc(n_pairs * sizeof *r->del_by);
    r->moved_by = mm_malloc(n_pairs * sizeof *r->moved_by);
    r->gain = mm_malloc((r->m->n_vars + 1) * sizeof *r->gain);
    if (!r->m0 || !r->mz || !r->cur || !r->scan || !r->stack || !r->stack_next ||
        !r->on_stack || !r->holder || !r->del_by || !r->moved_by || !r->gain)
        return MM_ENOMEM;
    for (size_t q = 0; q < r->n_places; q++)
        r->holder[q] = MM_NONE;
    return 0;
}

static void dispose(rotations *r)
{
    void *all[] = {r->first, r->pair_var, r->place_base, r->place_mentor, r->by_mentor,
                   r->mentor_at, r->rank, r->slist, r->sbegin, r->spos, r->m0, r->mz,
                   r->holder, r->cur, r->scan, r->del_by, r->moved_by, r->gain, r->rot_begin,
                   r->ent_student, r->ent_to, r->weight, r->edge_from, r->edge_to, r->stack,
                   r->stack_next, r->on_stack};

    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        mm_free(all[k]);
}

/* The instance, both Gale-Shapley matchings and the GS-lists. */
static int prepare(rotations *r, const int64_t *places, const double *score)
{
    size_t most;
    uint32_t *next;
    int rc = order_mentors(r);

    if (rc == 0)
        rc = make_pairs(r, places);
    if (rc == 0)
        rc = student_lists(r);
    if (rc == 0)
        rc = allocate(r);
    if (rc != 0)
        return rc;
    most = r->st->p->n_students > r->n_places ? r->st->p->n_students : r->n_places;
    next = mm_malloc((most + 1) * sizeof *next);
    if (!next)
        return MM_ENOMEM;
    students_propose(r, next);
    places_propose(r, next);
    mm_free(next);
    scale_scores(r, score);
    return gs_lists(r);
}

int mm_stable_rotation_solve(const mm_stability *st, const int64_t *places, const double *score,
                             unsigned char *chosen, size_t *n_rotations)
{
    rotations r = {0};
    unsigned char *in_closure = NULL;
    int rc;

    r.st = st;
    r.m = st->m;
    rc = prepare(&r, places, score);
    if (rc == 0)
        rc = find_rotations(&r);
    if (rc == 0)
        rc = (in_closure = mm_malloc(r.n_rot + 1)) ? 0 : MM_ENOMEM;
    if (rc == 0)
        rc = mm_max_weight_closure(r.n_rot, r.weight, r.n_edges, r.edge_from, r.edge_to,
                                   in_closure);
    if (rc == 0)
        apply(&r, in_closure, chosen);
    if (n_rotations)
        *n_rotations = r.n_rot;
    mm_free(in_closure);
    dispose(&r);
    return rc;
}
