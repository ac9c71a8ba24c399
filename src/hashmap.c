#include "hashmap.h"

#include <string.h>

#include "alloc.h"

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */

    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t hash_u64(uint64_t x)
{
    x ^= x >> 33; /* murmur3 finaliser */
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

void mm_strmap_init(mm_strmap *map)
{
    memset(map, 0, sizeof *map);
}

void mm_strmap_dispose(mm_strmap *map)
{
    mm_free(map->keys);
    mm_free(map->lens);
    mm_free(map->values);
    mm_strmap_init(map);
}

static size_t str_slot(const mm_strmap *map, const char *key, size_t len)
{
    size_t mask = map->capacity - 1;
    size_t i = hash_bytes(key, len) & mask;

    while (map->keys[i] &&
           !(map->lens[i] == len && memcmp(map->keys[i], key, len) == 0))
        i = (i + 1) & mask;
    return i;
}

uint32_t mm_strmap_get(const mm_strmap *map, const char *key, size_t len)
{
    size_t i;

    if (map->capacity == 0)
        return MM_NOT_FOUND;
    i = str_slot(map, key, len);
    return map->keys[i] ? map->values[i] : MM_NOT_FOUND;
}

static int strmap_rehash(mm_strmap *map, size_t capacity)
{
    mm_strmap bigger = {0};

    bigger.capacity = capacity;
    bigger.keys = mm_calloc(capacity, sizeof *bigger.keys);
    bigger.lens = mm_calloc(capacity, sizeof *bigger.lens);
    bigger.values = mm_calloc(capacity, sizeof *bigger.values);
    if (!bigger.keys || !bigger.lens || !bigger.values) {
        mm_strmap_dispose(&bigger);
        return -1;
    }
    for (size_t i = 0; i < map->capacity; i++) {
        if (map->keys[i]) {
            size_t j = str_slot(&bigger, map->keys[i], map->lens[i]);
            bigger.keys[j] = map->keys[i];
            bigger.lens[j] = map->lens[i];
            bigger.values[j] = map->values[i];
        }
    }
    bigger.count = map->count;
    mm_strmap_dispose(map);
    *map = bigger;
    return 0;
}

int mm_strmap_put(mm_strmap *map, const char *key, size_t len, uint32_t value,
                  uint32_t *out_existing)
{
    size_t i;

    if ((map->count + 1) * 2 > map->capacity &&
        strmap_rehash(map, map->capacity ? map->capacity * 2 : 16) != 0)
        return -1;
    i = str_slot(map, key, len);
    if (map->keys[i]) {
        if (out_existing)
            *out_existing = map->values[i];
        return 1;
    }
    map->keys[i] = key;
    map->lens[i] = len;
    map->values[i] = value;
    map->count++;
    return 0;
}

void mm_u64map_init(mm_u64map *map)
{
    memset(map, 0, sizeof *map);
}

void mm_u64map_dispose(mm_u64map *map)
{
    mm_free(map->keys);
    mm_free(map->values);
    mm_u64map_init(map);
}

static size_t u64_slot(const mm_u64map *map, uint64_t key)
{
    size_t mask = map->capacity - 1;
    size_t i = hash_u64(key) & mask;

    while (map->values[i] != MM_NOT_FOUND && map->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

uint32_t mm_u64map_get(const mm_u64map *map, uint64_t key)
{
    if (map->capacity == 0)
        return MM_NOT_FOUND;
    return map->values[u64_slot(map, key)];
}

static int u64map_rehash(mm_u64map *map, size_t capacity)
{
    mm_u64map bigger = {0};

    bigger.capacity = capacity;
    bigger.keys = mm_calloc(capacity, sizeof *bigger.keys);
    bigger.values = mm_malloc(capacity * sizeof *bigger.values);
    if (!bigger.keys || !bigger.values) {
        mm_u64map_dispose(&bigger);
        return -1;
    }
    memset(bigger.values, 0xff, capacity * sizeof *bigger.values);
    for (size_t i = 0; i < map->capacity; i++) {
        if (map->values[i] != MM_NOT_FOUND) {
            size_t j = u64_slot(&bigger, map->keys[i]);
            bigger.keys[j] = map->keys[i];
            bigger.values[j] = map->values[i];
        }
    }
    bigger.count = map->count;
    mm_u64map_dispose(map);
    *map = bigger;
    return 0;
}

int mm_u64map_put(mm_u64map *map, uint64_t key, uint32_t value, uint32_t *out_existing)
{
    size_t i;

    if ((map->count + 1) * 2 > map->capacity &&
        u64map_rehash(map, map->capacity ? map->capacity * 2 : 16) != 0)
        return -1;
    i = u64_slot(map, key);
    if (map->values[i] != MM_NOT_FOUND) {
        if (out_existing)
            *out_existing = map->values[i];
        return 1;
    }
    map->keys[i] = key;
    map->values[i] = value;
    map->count++;
    return 0;
}
