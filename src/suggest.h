/* "Did you mean": the known spelling nearest an unknown word (an id, a key,
 * a setting, an option or its value), where one is close.
 *
 * The rule (docs/input-format.md, "Did you mean"): distance is the
 * optimal-string-alignment (restricted Damerau-Levenshtein) distance over
 * bytes, ignoring ASCII case; a candidate is close when that distance is at
 * most 1 for a shorter word of up to 4 bytes, 2 up to 8, 3 beyond, and less
 * than half the shorter word (so a word of one or two bytes gets only a
 * case-only match: "m9" is not taken for "m1"). Among close candidates the
 * smallest distance wins, then the smallest distance counting case, then
 * the first in the candidates' order.
 *
 * Cost is bounded whatever the input: a word longer than MM_SUGGEST_MAX_WORD
 * bytes gets no suggestion, a candidate whose length differs by more than
 * the limit is skipped at once, distances are computed in a band 7 cells
 * wide that stops as soon as every cell is over the limit, and a budget
 * shared by the callers of one stage caps the work in all: a scan that would
 * overrun it gives no suggestion rather than a nearest-so-far. */
#ifndef MM_SUGGEST_H
#define MM_SUGGEST_H

#include <stddef.h>

#include "hashmap.h"

#define MM_SUGGEST_MAX_WORD 64
/* The largest limit (3): a suggestion is at most this many bytes longer. */
#define MM_SUGGEST_MAX_DISTANCE 3
/* Work units (candidates seen plus distance cells) for one stage, about a
 * tenth of a second; MM_SUGGEST_BUDGET_INIT starts a budget. */
#define MM_SUGGEST_BUDGET_INIT ((size_t)1 << 26)

/* One search: start, offer every candidate, read the result. */
typedef struct {
    const char *word;
    size_t len;
    size_t *budget; /* shared; the search's own when the caller gives none */
    size_t own_budget;
    int spent;      /* the budget ran out: no result */
    const char *best;
    unsigned best_folded, best_exact;
    size_t best_order;
} mm_suggester;

/* `budget` may be NULL (the search then has MM_SUGGEST_BUDGET_INIT of its
 * own); `word` is borrowed and must outlive the search. */
void mm_suggest_start(mm_suggester *s, const char *word, size_t len, size_t *budget);
/* Offer one candidate of `len` bytes; `order` ranks equals (smaller first).
 * An empty candidate or one equal to the word byte for byte is skipped. */
void mm_suggest_offer(mm_suggester *s, const char *candidate, size_t len, size_t order);
/* @return the nearest close candidate (borrowed), or NULL. */
const char *mm_suggest_result(const mm_suggester *s);

/* The nearest key of an id map, ties to the smallest index (first in the
 * document). A map larger than what is left of `budget` is not scanned. */
const char *mm_suggest_in_map(const char *word, size_t len, const mm_strmap *ids,
                              size_t *budget);
/* The nearest of a NULL-terminated list. */
const char *mm_suggest_in_list(const char *word, const char *const *list, size_t *budget);

/* "; did you mean \"ID\"?" for the id nearest `word` in `ids`, or "" when
 * none is close, in `buf` (MM_SUGGEST_SUFFIX_SIZE bytes). @return buf. */
#define MM_SUGGEST_SUFFIX_SIZE (MM_SUGGEST_MAX_WORD + MM_SUGGEST_MAX_DISTANCE + 24)
const char *mm_suggest_id_suffix(char *buf, const char *word, size_t len, const mm_strmap *ids,
                                 size_t *budget);

/* The OSA distance of a and b, ignoring ASCII case when `fold`, or
 * limit + 1 when it is above `limit` (at most MM_SUGGEST_MAX_DISTANCE);
 * both at most MM_SUGGEST_MAX_WORD + MM_SUGGEST_MAX_DISTANCE bytes.
 * `cells` (may be NULL) adds the cells computed. */
unsigned mm_suggest_distance(const char *a, size_t na, const char *b, size_t nb,
                             unsigned limit, int fold, size_t *cells);
/* The limit of the rule above for a shorter word of `len` bytes. */
unsigned mm_suggest_limit(size_t len);

#endif
