/* Strings that live as long as the problem: ids, names, titles. Freed at once. */
#ifndef MM_ARENA_H
#define MM_ARENA_H

#include <stddef.h>

typedef struct mm_arena_block mm_arena_block;

typedef struct {
    mm_arena_block *head;
} mm_arena;

void mm_arena_init(mm_arena *arena);
void mm_arena_dispose(mm_arena *arena);
/* Copy `len` bytes and a terminating NUL; NULL when out of memory. */
char *mm_arena_strndup(mm_arena *arena, const char *s, size_t len);

#endif
