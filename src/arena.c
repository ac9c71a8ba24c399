#include "arena.h"

#include <string.h>

#include "alloc.h"

enum { BLOCK_SIZE = 64 * 1024 };

struct mm_arena_block {
    mm_arena_block *next;
    size_t used, size;
    char data[];
};

void mm_arena_init(mm_arena *arena)
{
    arena->head = NULL;
}

void mm_arena_dispose(mm_arena *arena)
{
    mm_arena_block *block = arena->head;

    while (block) {
        mm_arena_block *next = block->next;
        mm_free(block);
        block = next;
    }
    arena->head = NULL;
}

static mm_arena_block *new_block(mm_arena *arena, size_t need)
{
    size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
    mm_arena_block *block = mm_malloc(sizeof *block + size);

    if (!block)
        return NULL;
    block->used = 0;
    block->size = size;
    /* An oversized block goes second so the current block keeps filling. */
    if (arena->head && need > BLOCK_SIZE) {
        block->next = arena->head->next;
        arena->head->next = block;
    } else {
        block->next = arena->head;
        arena->head = block;
    }
    return block;
}

char *mm_arena_strndup(mm_arena *arena, const char *s, size_t len)
{
    mm_arena_block *block = arena->head;
    size_t need = len + 1;
    char *copy;

    if (!block || block->size - block->used < need)
        block = new_block(arena, need);
    if (!block)
        return NULL;
    copy = block->data + block->used;
    block->used += need;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}
