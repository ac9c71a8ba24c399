#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static unsigned long fail_at;
static unsigned long counter;
static unsigned long failures;

static int should_fail(void)
{
    counter++;
    if (fail_at != 0 && counter >= fail_at) {
        failures++;
        return 1;
    }
    return 0;
}

static void *counted(void *block)
{
    if (!block)
        failures++;
    return block;
}

unsigned long mm_alloc_failures(void)
{
    return failures;
}

void mm_alloc_fail_after(unsigned long n)
{
    fail_at = n;
    counter = 0;
}

unsigned long mm_alloc_count(void)
{
    return counter;
}

void *mm_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return counted(malloc(size ? size : 1));
}

void *mm_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return counted(calloc(count ? count : 1, size ? size : 1));
}

void *mm_realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return counted(realloc(ptr, size ? size : 1));
}

void *mm_grow(void *ptr, size_t *capacity, size_t need, size_t item_size)
{
    size_t cap = *capacity ? *capacity : 8;
    void *grown;

    if (need <= *capacity)
        return ptr;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return NULL;
        cap *= 2;
    }
    if (cap > SIZE_MAX / item_size)
        return NULL;
    grown = mm_realloc(ptr, cap * item_size);
    if (grown)
        *capacity = cap;
    return grown;
}

void mm_free(void *ptr)
{
    free(ptr);
}

char *mm_strdup(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = mm_malloc(len);

    if (copy)
        memcpy(copy, s, len);
    return copy;
}
