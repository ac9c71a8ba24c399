/* The integer program as a CPLEX LP or free MPS file, with names a reader
 * can follow back to the input: x_STUDENT_IDEA_MENTOR, student_ID, ... */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "baseline.h"
#include "diagnose.h"
#include "hashmap.h"
#include "mentormatch.h"
#include "model.h"
#include "problem.h"
#include "quota.h"
#include "solve.h"

/* A name holds at most 3 ids of PART_MAX bytes, a prefix and separators
 * (244 bytes), then a "~N" suffix: within the 255 bytes GLPK and the LP
 * format allow. */
#define PART_MAX 80
#define NAME_CAP 256
/* A quota row's value part is cut shorter: its name holds two ids, the
 * value and "quota_" and the unit kind (236 bytes at most). */
#define VALUE_MAX 60

/* Names made unique: each base name is kept in `bases` with how many times
 * it was asked for. Bases never hold '~', so "base~N" cannot meet another
 * name. */
typedef struct {
    mm_arena arena;
    mm_strmap bases;
    uint32_t *uses;
    size_t n_bases, uses_capacity;
} namer;

/* Characters both formats accept in a name, besides ASCII letters and
 * digits. Left out though CPLEX LP allows them: quotes and '$' (some MPS
 * readers treat them specially), '|' and '~' (the collision suffix). */
static const char KEEP[] = "!#%&()/,.;?@_{}";

static int kept(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr(KEEP, c));
}

/* Append at most `max` bytes of `id` to `buf` (which has room for them and
 * a NUL): kept characters as they are, '-' as '.', any other character (a
 * whole UTF-8 sequence) as '_'. */
static size_t append_cut(char *buf, size_t len, const char *id, size_t max)
{
    const unsigned char *c = (const unsigned char *)id;
    size_t end = len + max;

    while (*c && len < end) {
        if (kept(*c))
            buf[len++] = (char)*c++;
        else {
            buf[len++] = *c == '-' ? '.' : '_';
            for (c++; (*c & 0xC0) == 0x80; c++) /* the rest of a UTF-8 sequence */
                ;
        }
    }
    buf[len] = '\0';
    return len;
}

static size_t append_part(char *buf, size_t len, const char *id)
{
    return append_cut(buf, len, id, PART_MAX);
}

static void namer_init(namer *nm)
{
    memset(nm, 0, sizeof *nm);
    mm_arena_init(&nm->arena);
    mm_strmap_init(&nm->bases);
}

static void namer_dispose(namer *nm)
{
    mm_strmap_dispose(&nm->bases);
    mm_arena_dispose(&nm->arena);
    mm_free(nm->uses);
}

/* @return the unique name for base name `buf` (arena-owned), or NULL when
 * out of memory. */
static const char *namer_take(namer *nm, char *buf, size_t len)
{
    uint32_t existing;
    char *copy = mm_arena_strndup(&nm->arena, buf, len);
    uint32_t *uses = mm_grow(nm->uses, &nm->uses_capacity, nm->n_bases + 1, sizeof *uses);
    int found;

    if (!copy || !uses)
        return NULL;
    nm->uses = uses;
    found = mm_strmap_put(&nm->bases, copy, len, (uint32_t)nm->n_bases, &existing);
    if (found < 0)
        return NULL;
    if (found == 0) {
        nm->uses[nm->n_bases++] = 1;
        return copy;
    }
    /* The copy stays in the arena unused: cheaper than a lookup first. */
    len += (size_t)snprintf(buf + len, NAME_CAP - len, "~%u", (unsigned)++nm->uses[existing]);
    return mm_arena_strndup(&nm->arena, buf, len);
}

static const char *column_name(namer *nm, const mm_problem *p, const mm_var *v)
{
    char buf[NAME_CAP] = "x_";
    size_t len = append_part(buf, 2, p->students[v->student].id);

    buf[len++] = '_';
    len = append_part(buf, len, p->ideas[p->apps[v->app].idea].id);
    buf[len++] = '_';
    len = append_part(buf, len, p->mentors[v->mentor].id);
    return namer_take(nm, buf, len);
}

/* quota_ID_PER_UNIT_VALUE (no unit per program), as in
 * quota_uni.cap_org_xen_MIT: the quota, the unit and the value of cell
 * `cell`. @return the length written to buf (NAME_CAP bytes). */
static size_t quota_row_name(char *buf, const mm_problem *p, uint32_t cell)
{
    const mm_quota_cell *c = &p->cells[cell];
    const mm_quota *q = &p->quotas[c->quota];
    char value[40];
    size_t len;

    memcpy(buf, "quota_", sizeof "quota_");
    len = append_part(buf, sizeof "quota_" - 1, q->id);
    len += (size_t)snprintf(buf + len, NAME_CAP - len, "_%s_", mm_quota_per_name(q->per));
    if (q->per != MM_PER_PROGRAM) {
        len = append_part(buf, len, mm_quota_unit_id(p, c));
        buf[len++] = '_';
    }
    if (p->values[c->value].type == MM_VALUE_TEXT)
        return append_cut(buf, len, p->values[c->value].text, VALUE_MAX);
    mm_value_format(value, sizeof value, p, c->value); /* true, 2.5 */
    return append_cut(buf, len, value, VALUE_MAX);
}

static const char *row_name(namer *nm, const mm_problem *p, const mm_row *row)
{
    char buf[NAME_CAP];
    const char *id = NULL;
    size_t len;

    switch (row->kind) {
    case MM_ROW_STUDENT: id = p->students[row->owner].id; break;
    case MM_ROW_IDEA: id = p->ideas[row->owner].id; break;
    case MM_ROW_MENTOR: id = p->mentors[row->owner].id; break;
    case MM_ROW_ORG: id = p->orgs[row->owner].id; break;
    default: break;
    }
    if (row->kind == MM_ROW_QUOTA)
        return namer_take(nm, buf, quota_row_name(buf, p, row->owner));
    if (row->kind == MM_ROW_FIXED)
        len = (size_t)snprintf(buf, sizeof buf, "fixed_%u", (unsigned)row->owner);
    else
        len = (size_t)snprintf(buf, sizeof buf, "%s%s", mm_row_kind_name(row->kind),
                               id ? "_" : "");
    if (id)
        len = append_part(buf, len, id);
    return namer_take(nm, buf, len);
}

/* Fill ex's names and objective; @return 0 or MM_ENOMEM. */
static int name_model(mm_glpk_export *ex, namer *nm, const mm_problem *p, const mm_model *m)
{
    const char **cols = mm_calloc(m->n_vars + 1, sizeof *cols);
    const char **rows = mm_calloc(m->n_rows + 1, sizeof *rows);
    double *score = mm_malloc((m->n_vars + 1) * sizeof *score);
    char buf[NAME_CAP] = "";

    ex->col_names = cols;
    ex->row_names = rows;
    ex->score = score;
    if (!cols || !rows || !score)
        return MM_ENOMEM;
    for (size_t v = 0; v < m->n_vars; v++) {
        score[v] = p->apps[m->vars[v].app].score;
        if (!(cols[v] = column_name(nm, p, &m->vars[v])))
            return MM_ENOMEM;
    }
    for (size_t r = 0; r < m->n_rows; r++)
        if (!(rows[r] = row_name(nm, p, &m->rows[r])))
            return MM_ENOMEM;
    /* The problem name is the program's, made safe; "mentormatch" without one. */
    append_part(buf, 0, p->program_name ? p->program_name : "");
    ex->problem_name = buf[0] ? mm_arena_strndup(&nm->arena, buf, strlen(buf)) : "mentormatch";
    return ex->problem_name ? 0 : MM_ENOMEM;
}

/* The phases before the score: with a baseline its kept pairs (SPEC 8),
 * then under count-then-score the count; their optima (kept, count), or
 * MM_EINFEASIBLE with the same diagnosis `solve` gives. */
static int optimum_count(double *out, double *kept, const double *kept_coef,
                         const mm_problem *p, const mm_model *m, mm_diags *diags)
{
    /* NULL scores: maximise sum x */
    mm_glpk_objective count_only = {NULL, 0, (const double *const *)&kept_coef, kept_coef != NULL,
                                    NULL, NULL, "baseline"};
    mm_glpk_limits limits;
    mm_glpk_outcome outcome;
    const char *used;
    size_t clashes = 0, count = 0;
    int rc;

    memset(&limits, 0, sizeof limits);
    rc = mm_diagnose_direct(p, m, diags, &clashes);
    if (rc != 0 || clashes > 0)
        return rc ? rc : MM_EINFEASIBLE;
    rc = mm_program_solve(p, m, &count_only, &limits, MM_SOLVER_AUTO, &outcome, &used, NULL);
    if (rc == 0 && outcome.kind == MM_OUTCOME_INFEASIBLE) {
        rc = mm_diagnose_model(p, m, &limits, diags);
        rc = rc ? rc : MM_EINFEASIBLE;
    } else if (rc == 0 && outcome.kind != MM_OUTCOME_OPTIMAL) {
        rc = MM_EINTERNAL; /* no limits were set: cannot happen */
    }
    *kept = 0;
    for (size_t v = 0; rc == 0 && v < m->n_vars; v++) {
        count += outcome.chosen[v];
        *kept += kept_coef && outcome.chosen[v] ? kept_coef[v] : 0;
    }
    mm_free(outcome.chosen);
    *out = (double)count;
    return rc;
}

int mm_export(const mm_problem *p, const mm_export_file *files, size_t n_files, size_t *failed,
              mm_diags *diags)
{
    return mm_export_baseline(p, NULL, files, n_files, failed, diags);
}

int mm_export_baseline(const mm_problem *p, const mm_baseline *baseline,
                       const mm_export_file *files, size_t n_files, size_t *failed,
                       mm_diags *diags)
{
    mm_glpk_export ex;
    mm_model model;
    namer nm;
    size_t failed_index = 0;
    double *kept = NULL, *mentor = NULL, count = 0;
    int rc, saved_errno;

    memset(&ex, 0, sizeof ex);
    namer_init(&nm);
    rc = mm_model_build(&model, p);
    if (rc == 0 && baseline && (rc = mm_baseline_tiers(baseline, &model, &kept, &mentor)) == 0) {
        ex.kept_coef = kept;
        ex.kept_row = "baseline_kept";
    }
    if (rc == 0 && (baseline || p->settings.objective == MM_OBJ_COUNT_THEN_SCORE))
        rc = optimum_count(&count, &ex.kept, kept, p, &model, diags);
    if (rc == 0 && p->settings.objective == MM_OBJ_COUNT_THEN_SCORE) {
        ex.count_row = "count";
        ex.count = count;
    }
    if (rc == 0)
        rc = name_model(&ex, &nm, p, &model);
    if (rc == 0)
        rc = mm_glpk_write(&model, &ex, files, n_files, &failed_index);
    if (rc == MM_EIO && failed)
        *failed = failed_index;
    saved_errno = errno;
    mm_free((void *)ex.col_names);
    mm_free((void *)ex.row_names);
    mm_free((void *)ex.score);
    mm_free(kept);
    mm_free(mentor);
    namer_dispose(&nm);
    mm_model_dispose(&model);
    errno = saved_errno; /* why a write failed, for the caller's message */
    return rc;
}
