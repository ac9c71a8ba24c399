/* Every allocation of the library goes through here, so tests can fail the
 * Nth one and check that each caller cleans up. */
#ifndef MM_ALLOC_H
#define MM_ALLOC_H

#include <stddef.h>

void *mm_malloc(size_t size);
void *mm_calloc(size_t count, size_t size);
void *mm_realloc(void *ptr, size_t size);
/* Grow an array to hold at least `need` items; NULL (old block kept) on failure. */
void *mm_grow(void *ptr, size_t *capacity, size_t need, size_t item_size);
void mm_free(void *ptr);
char *mm_strdup(const char *s);

/* How many allocations have failed since the program started: a caller of a
 * library that may hide its out-of-memory (jansson's parser) compares it
 * before and after the call. */
unsigned long mm_alloc_failures(void);

/* Test hook: make the allocation numbered `n` (1-based, counted from this
 * call) and every later one fail; 0 turns failures off. */
void mm_alloc_fail_after(unsigned long n);
/* Number of allocations since the last mm_alloc_fail_after call. */
unsigned long mm_alloc_count(void);

#endif
