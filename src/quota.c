#include "quota.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"

/* A value's key in value_ids: its type's letter, then the text or the
 * number's shortest round-trip digits (-0 taken as 0: equal by value). */
static size_t value_key(char *buf, size_t size, mm_value_type type, const char *text,
                        size_t len, double number)
{
    if (type == MM_VALUE_TEXT) {
        if (len + 1 > size)
            return 0;
        buf[0] = 's';
        memcpy(buf + 1, text, len);
        return len + 1;
    }
    return (size_t)snprintf(buf, size, "%c%.17g", type == MM_VALUE_BOOL ? 'b' : 'n',
                            number + 0.0);
}

uint32_t mm_value_intern(mm_problem *p, mm_value_type type, const char *text, size_t len,
                         double number)
{
    char small[64], *buf = type == MM_VALUE_TEXT ? mm_malloc(len + 2) : small;
    size_t n = buf ? value_key(buf, type == MM_VALUE_TEXT ? len + 2 : sizeof small, type,
                               text, len, number)
                   : 0;
    uint32_t found = n ? mm_strmap_get(&p->value_ids, buf, n) : MM_NONE;
    const char *key;
    mm_attr_value *grown;

    if (n && found == MM_NOT_FOUND) {
        key = mm_arena_strndup(&p->strings, buf, n);
        grown = key ? mm_realloc(p->values, (p->n_values + 1) * sizeof *grown) : NULL;
        if (grown) {
            p->values = grown;
            grown[p->n_values] = (mm_attr_value){type, key + 1, n - 1, number + 0.0};
            if (mm_strmap_put(&p->value_ids, key, n, (uint32_t)p->n_values, NULL) == 0)
                found = (uint32_t)p->n_values++;
        }
    }
    if (buf != small)
        mm_free(buf);
    return found == MM_NOT_FOUND ? MM_NONE : found;
}

uint32_t mm_attr_intern(mm_problem *p, const char *name, size_t len)
{
    uint32_t found = mm_strmap_get(&p->attr_ids, name, len);
    const char *copy;
    const char **grown;

    if (found != MM_NOT_FOUND)
        return found;
    copy = mm_arena_strndup(&p->strings, name, len);
    grown = copy ? mm_realloc(p->attr_names, (p->n_attrs + 1) * sizeof *grown) : NULL;
    if (!grown)
        return MM_NONE;
    p->attr_names = grown;
    grown[p->n_attrs] = copy;
    if (mm_strmap_put(&p->attr_ids, copy, len, (uint32_t)p->n_attrs, NULL) != 0)
        return MM_NONE;
    return (uint32_t)p->n_attrs++;
}

uint32_t mm_student_value(const mm_problem *p, uint32_t s, uint32_t attr)
{
    const mm_student *st = &p->students[s];

    for (uint32_t k = 0; k < st->attr_count; k++)
        if (p->student_attrs[st->attr_begin + k].attr == attr)
            return p->student_attrs[st->attr_begin + k].value;
    return MM_NONE;
}

int mm_value_compare(const mm_problem *p, uint32_t a, uint32_t b)
{
    const mm_attr_value *x = &p->values[a], *y = &p->values[b];
    size_t n;
    int c;

    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    if (x->type != MM_VALUE_TEXT)
        return x->number < y->number ? -1 : x->number > y->number;
    n = x->len < y->len ? x->len : y->len;
    c = memcmp(x->text, y->text, n);
    return c ? c : x->len < y->len ? -1 : x->len > y->len;
}

uint32_t mm_quota_unit(const mm_problem *p, const mm_quota *q, uint32_t app, uint32_t mentor)
{
    uint32_t idea = p->apps[app].idea;

    switch (q->per) {
    case MM_PER_ORG: return p->ideas[idea].org;
    case MM_PER_IDEA: return idea;
    case MM_PER_MENTOR: return mentor;
    default: return 0;
    }
}

/* The value (unit, value) of q that (app, mentor) counts for; 0 when none. */
static int counted(const mm_problem *p, const mm_quota *q, uint32_t app, uint32_t mentor,
                   uint32_t *unit, uint32_t *value)
{
    if (q->attr == MM_NONE)
        return 0;
    *unit = mm_quota_unit(p, q, app, mentor);
    *value = mm_student_value(p, p->apps[app].student, q->attr);
    return *unit != MM_NONE && *value != MM_NONE && (q->value == MM_NONE || q->value == *value);
}

/* qsort and bsearch have no context argument; one per thread, as preview
 * and the Python binding solve on several at once. */
static _Thread_local const mm_problem *sort_problem;

static int by_cell(const void *a, const void *b)
{
    const mm_quota_cell *x = a, *y = b;

    if (x->quota != y->quota)
        return x->quota < y->quota ? -1 : 1;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return x->value == y->value ? 0 : mm_value_compare(sort_problem, x->value, y->value);
}

uint32_t mm_quota_cell_of(const mm_problem *p, uint32_t q, uint32_t app, uint32_t mentor)
{
    mm_quota_cell key = {q, 0, 0};
    const mm_quota_cell *found;

    if (!counted(p, &p->quotas[q], app, mentor, &key.unit, &key.value))
        return MM_NONE;
    if (p->n_cells == 0)
        return MM_NONE;
    sort_problem = p;
    found = bsearch(&key, p->cells, p->n_cells, sizeof *p->cells, by_cell);
    return found ? (uint32_t)(found - p->cells) : MM_NONE;
}

typedef struct {
    mm_quota_cell *cells;
    size_t n, capacity;
    int oom;
} cell_list;

static void push_cell(cell_list *l, uint32_t q, uint32_t unit, uint32_t value)
{
    mm_quota_cell *grown = mm_grow(l->cells, &l->capacity, l->n + 1, sizeof *grown);

    if (!grown) {
        l->oom = 1;
        return;
    }
    l->cells = grown;
    l->cells[l->n++] = (mm_quota_cell){q, unit, value};
}

/* Every (application, mentor) pair, eligible or not: a what-if that makes
 * a pair eligible (threshold_resolve.c) still finds its cell. */
static void cells_of_pairs(const mm_problem *p, uint32_t q, cell_list *l)
{
    for (size_t a = 0; a < p->n_apps && !l->oom; a++) {
        const mm_idea *idea = &p->ideas[p->apps[a].idea];
        uint32_t unit, value;
        for (uint32_t k = 0; k < idea->mentor_count; k++) {
            uint32_t mentor = p->idea_mentors[idea->mentor_begin + k];
            if (counted(p, &p->quotas[q], (uint32_t)a, mentor, &unit, &value))
                push_cell(l, q, unit, value);
        }
    }
}

static size_t unit_count(const mm_problem *p, mm_quota_per per)
{
    return per == MM_PER_ORG    ? p->n_orgs
           : per == MM_PER_IDEA ? p->n_ideas
           : per == MM_PER_MENTOR ? p->n_mentors
                                  : 1;
}

/* A min holds in every unit and value, reachable or not. */
static void cells_of_min(const mm_problem *p, uint32_t q, const unsigned char *carried,
                         cell_list *l)
{
    const mm_quota *quota = &p->quotas[q];
    size_t units = unit_count(p, quota->per);

    for (size_t u = 0; u < units && !l->oom; u++) {
        if (quota->value != MM_NONE) {
            push_cell(l, q, (uint32_t)u, quota->value);
            continue;
        }
        for (size_t v = 0; v < p->n_values; v++)
            if (carried[v])
                push_cell(l, q, (uint32_t)u, (uint32_t)v);
    }
}

static void sort_unique(const mm_problem *p, cell_list *l)
{
    size_t kept = 0;

    if (l->n == 0)
        return;
    sort_problem = p;
    qsort(l->cells, l->n, sizeof *l->cells, by_cell);
    for (size_t k = 0; k < l->n; k++)
        if (kept == 0 || by_cell(&l->cells[kept - 1], &l->cells[k]) != 0)
            l->cells[kept++] = l->cells[k];
    l->n = kept;
}

int mm_quota_cells(mm_problem *p)
{
    cell_list l = {NULL, 0, 0, 0};
    unsigned char *carried;

    if (p->n_quotas == 0)
        return 0; /* a version 1 document: nothing to count */
    carried = mm_calloc(p->n_values + 1, 1);
    if (!carried)
        return MM_ENOMEM;
    for (size_t q = 0; q < p->n_quotas && !l.oom; q++) {
        const mm_quota *quota = &p->quotas[q];
        if (quota->attr == MM_NONE)
            continue;
        memset(carried, 0, p->n_values);
        for (size_t k = 0; k < p->n_student_attrs; k++)
            if (p->student_attrs[k].attr == quota->attr)
                carried[p->student_attrs[k].value] = 1;
        cells_of_pairs(p, (uint32_t)q, &l);
        if (quota->min > 0)
            cells_of_min(p, (uint32_t)q, carried, &l);
    }
    mm_free(carried);
    if (l.oom) {
        mm_free(l.cells);
        return MM_ENOMEM;
    }
    sort_unique(p, &l);
    mm_free(p->cells);
    p->cells = l.cells;
    p->n_cells = l.n;
    return 0;
}

const char *mm_quota_per_name(mm_quota_per per)
{
    static const char *const names[] = {"program", "org", "idea", "mentor"};
    return per <= MM_PER_MENTOR ? names[per] : "?";
}

const char *mm_quota_unit_id(const mm_problem *p, const mm_quota_cell *c)
{
    switch (p->quotas[c->quota].per) {
    case MM_PER_ORG: return p->orgs[c->unit].id;
    case MM_PER_IDEA: return p->ideas[c->unit].id;
    case MM_PER_MENTOR: return p->mentors[c->unit].id;
    default: return "";
    }
}

void mm_number_shortest(char *buf, size_t size, double x)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

void mm_value_format(char *buf, size_t size, const mm_problem *p, uint32_t v)
{
    const mm_attr_value *value = &p->values[v];

    if (value->type == MM_VALUE_BOOL)
        snprintf(buf, size, "%s", value->number ? "true" : "false");
    else if (value->type == MM_VALUE_NUMBER)
        mm_number_shortest(buf, size, value->number);
    else
        snprintf(buf, size, MM_ID_FMT, MM_ID_ARG(value->text));
}
