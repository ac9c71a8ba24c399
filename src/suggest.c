#include "suggest.h"

#include <stdio.h>
#include <string.h>

#include "mentormatch/common.h"

#define MAX_CANDIDATE (MM_SUGGEST_MAX_WORD + MM_SUGGEST_MAX_DISTANCE)

static unsigned char fold_byte(unsigned char c, int fold)
{
    return fold && c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

unsigned mm_suggest_limit(size_t len)
{
    unsigned limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;

    /* fewer than half the bytes edited: "m9" is not a misspelling of "m1" */
    return 2 * (size_t)limit < len ? limit : len > 0 ? (unsigned)((len - 1) / 2) : 0;
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
    unsigned m = a < b ? a : b;

    return m < c ? m : c;
}

/* Three rows of the distance table, each cell capped at limit + 1; only the
 * band |i - j| <= limit is computed, the cells just outside it hold the cap,
 * and the walk stops once a whole row is over the limit. */
unsigned mm_suggest_distance(const char *a, size_t na, const char *b, size_t nb,
                             unsigned limit, int fold, size_t *cells)
{
    unsigned rows[3][MAX_CANDIDATE + 2];
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    const unsigned cap = limit + 1;
    size_t work = 0;

    if (limit > MM_SUGGEST_MAX_DISTANCE || na > MAX_CANDIDATE || nb > MAX_CANDIDATE)
        return cap;
    if ((na > nb ? na - nb : nb - na) > limit)
        return cap;
    for (size_t j = 0; j <= nb; j++)
        rows[0][j] = j <= limit ? (unsigned)j : cap;
    for (size_t i = 1; i <= na; i++) {
        unsigned *cur = rows[i % 3], *up = rows[(i - 1) % 3], *up2 = rows[(i + 1) % 3];
        size_t lo = i > limit ? i - limit : 0, hi = i + limit < nb ? i + limit : nb;
        unsigned row_min = cap;

        if (lo > 0)
            cur[lo - 1] = cap;
        else
            cur[0] = (unsigned)i;
        for (size_t j = lo > 0 ? lo : 1; j <= hi; j++) {
            unsigned char ai = fold_byte(x[i - 1], fold), bj = fold_byte(y[j - 1], fold);
            unsigned d = min3(up[j] + 1, cur[j - 1] + 1, up[j - 1] + (ai != bj));
            if (i > 1 && j > 1 && ai == fold_byte(y[j - 2], fold) &&
                fold_byte(x[i - 2], fold) == bj && up2[j - 2] + 1 < d)
                d = up2[j - 2] + 1;
            cur[j] = d < cap ? d : cap;
            work++;
        }
        if (hi < nb)
            cur[hi + 1] = cap;
        for (size_t j = lo; j <= hi; j++)
            row_min = cur[j] < row_min ? cur[j] : row_min;
        if (row_min >= cap) {
            if (cells)
                *cells += work;
            return cap;
        }
    }
    if (cells)
        *cells += work;
    return rows[na % 3][nb];
}

void mm_suggest_start(mm_suggester *s, const char *word, size_t len, size_t *budget)
{
    memset(s, 0, sizeof *s);
    s->word = word;
    s->len = len;
    s->own_budget = MM_SUGGEST_BUDGET_INIT;
    s->budget = budget ? budget : &s->own_budget;
    s->spent = len > MM_SUGGEST_MAX_WORD || len == 0;
}

/* Is (folded, exact, order) better than the best so far? */
static int better(const mm_suggester *s, unsigned folded, unsigned exact, size_t order)
{
    if (!s->best)
        return 1;
    if (folded != s->best_folded)
        return folded < s->best_folded;
    if (exact != s->best_exact)
        return exact < s->best_exact;
    return order < s->best_order;
}

static int charge(mm_suggester *s, size_t work)
{
    if (work > *s->budget) {
        *s->budget = 0;
        s->spent = 1;
        s->best = NULL;
        return 0;
    }
    *s->budget -= work;
    return 1;
}

void mm_suggest_offer(mm_suggester *s, const char *candidate, size_t len, size_t order)
{
    size_t shorter = len < s->len ? len : s->len, cells = 0;
    unsigned limit, folded, exact;

    if (s->spent || !charge(s, 1) || len == 0)
        return;
    limit = mm_suggest_limit(shorter);
    if ((len > s->len ? len - s->len : s->len - len) > limit)
        return;
    if (len == s->len && memcmp(candidate, s->word, len) == 0)
        return;
    if (s->best && s->best_folded < limit)
        limit = s->best_folded; /* only as near as the best can still win */
    folded = mm_suggest_distance(s->word, s->len, candidate, len, limit, 1, &cells);
    if (folded <= limit && (!s->best || folded <= s->best_folded)) {
        /* the exact distance only ranks equals; it may exceed the limit */
        exact = mm_suggest_distance(s->word, s->len, candidate, len, MM_SUGGEST_MAX_DISTANCE, 0,
                                    &cells);
        if (better(s, folded, exact, order)) {
            s->best = candidate;
            s->best_folded = folded;
            s->best_exact = exact;
            s->best_order = order;
        }
    }
    charge(s, cells);
}

const char *mm_suggest_result(const mm_suggester *s)
{
    return s->spent ? NULL : s->best;
}

const char *mm_suggest_in_map(const char *word, size_t len, const mm_strmap *ids,
                              size_t *budget)
{
    mm_suggester s;

    mm_suggest_start(&s, word, len, budget);
    if (s.spent || ids->capacity > *s.budget)
        return NULL; /* too large to scan in what is left: no half answer */
    for (size_t k = 0; k < ids->capacity && !s.spent; k++)
        if (ids->slots[k].key)
            mm_suggest_offer(&s, ids->slots[k].key, ids->slots[k].len, ids->slots[k].value);
    return mm_suggest_result(&s);
}

/* strlen, stopping past what a close candidate can hold. */
static size_t bounded_len(const char *text)
{
    size_t n = 0;

    while (n <= MAX_CANDIDATE && text[n])
        n++;
    return n;
}

const char *mm_suggest_in_list(const char *word, const char *const *list, size_t *budget)
{
    mm_suggester s;

    mm_suggest_start(&s, word, bounded_len(word), budget);
    for (size_t k = 0; list[k] && !s.spent; k++)
        mm_suggest_offer(&s, list[k], bounded_len(list[k]), k);
    return mm_suggest_result(&s);
}

const char *mm_suggest(const char *word, const char *const *candidates, size_t n)
{
    mm_suggester s;

    if (!word || !candidates)
        return NULL;
    mm_suggest_start(&s, word, bounded_len(word), NULL);
    for (size_t k = 0; k < n && !s.spent; k++)
        if (candidates[k])
            mm_suggest_offer(&s, candidates[k], bounded_len(candidates[k]), k);
    return mm_suggest_result(&s);
}

const char *mm_suggest_id_suffix(char *buf, const char *word, size_t len, const mm_strmap *ids,
                                 size_t *budget)
{
    const char *near = mm_suggest_in_map(word, len, ids, budget);

    buf[0] = '\0';
    if (near)
        snprintf(buf, MM_SUGGEST_SUFFIX_SIZE, "; did you mean \"%s\"?", near);
    return buf;
}
