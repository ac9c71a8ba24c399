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
    mm_free(map->slots);
    mm_strmap_init(map);
}

static size_t str_slot(const mm_strmap *map, const char *key, size_t len, uint32_t hash)
{
    size_t mask = map->capacity - 1;
    size_t i = hash & mask;
    const mm_strmap_slot *slot;

    while ((slot = &map->slots[i])->key &&
           !(slot->hash == hash && slot->len == len && memcmp(slot->key, key, len) == 0))
        i = (i + 1) & mask;
    return i;
}

uint32_t mm_strmap_get(const mm_strmap *map, const char *key, size_t len)
{
    const mm_strmap_slot *slot;

    if (map->capacity == 0)
        return MM_NOT_FOUND;
    slot = &map->slots[str_slot(map, key, len, (uint32_t)hash_bytes(key, len))];
    return slot->key ? slot->value : MM_NOT_FOUND;
}

static int strmap_rehash(mm_strmap *map, size_t capacity)
{
    mm_strmap bigger = {mm_calloc(capacity, sizeof *bigger.slots), capacity, map->count};

    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < map->capacity; i++) {
        const mm_strmap_slot *slot = &map->slots[i];
        if (slot->key)
            bigger.slots[str_slot(&bigger, slot->key, slot->len, slot->hash)] = *slot;
    }
    mm_strmap_dispose(map);
    *map = bigger;
    return 0;
}

int mm_strmap_put(mm_strmap *map, const char *key, size_t len, uint32_t value,
                  uint32_t *out_existing)
{
    uint32_t hash = (uint32_t)hash_bytes(key, len);
    mm_strmap_slot *slot;

    if ((map->count + 1) * 2 > map->capacity &&
        strmap_rehash(map, map->capacity ? map->capacity * 2 : 16) != 0)
        return -1;
    slot = &map->slots[str_slot(map, key, len, hash)];
    if (slot->key) {
        if (out_existing)
            *out_existing = slot->value;
        return 1;
    }
    *slot = (mm_strmap_slot){key, len, hash, value};
    map->count++;
    return 0;
}

void mm_u64map_init(mm_u64map *map)
{
    memset(map, 0, sizeof *map);
}

void mm_u64map_dispose(mm_u64map *map)
{
    mm_free(map->slots);
    mm_u64map_init(map);
}

static size_t u64_slot(const mm_u64map *map, uint64_t key)
{
    size_t mask = map->capacity - 1;
    size_t i = hash_u64(key) & mask;

    while (map->slots[i].value != MM_NOT_FOUND && map->slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

uint32_t mm_u64map_get(const mm_u64map *map, uint64_t key)
{
    if (map->capacity == 0)
        return MM_NOT_FOUND;
    return map->slots[u64_slot(map, key)].value;
}

static int u64map_rehash(mm_u64map *map, size_t capacity)
{
    mm_u64map bigger = {mm_malloc(capacity * sizeof *bigger.slots), capacity, map->count};

    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < capacity; i++)
        bigger.slots[i] = (mm_u64map_slot){0, MM_NOT_FOUND};
    for (size_t i = 0; i < map->capacity; i++)
        if (map->slots[i].value != MM_NOT_FOUND)
            bigger.slots[u64_slot(&bigger, map->slots[i].key)] = map->slots[i];
    mm_u64map_dispose(map);
    *map = bigger;
    return 0;
}

int mm_u64map_reserve(mm_u64map *map, size_t count)
{
    size_t capacity = map->capacity ? map->capacity : 16;

    while ((count + 1) * 2 > capacity)
        capacity *= 2;
    return capacity > map->capacity ? u64map_rehash(map, capacity) : 0;
}

int mm_u64map_put(mm_u64map *map, uint64_t key, uint32_t value, uint32_t *out_existing)
{
    mm_u64map_slot *slot;

    if ((map->count + 1) * 2 > map->capacity &&
        u64map_rehash(map, map->capacity ? map->capacity * 2 : 16) != 0)
        return -1;
    slot = &map->slots[u64_slot(map, key)];
    if (slot->value != MM_NOT_FOUND) {
        if (out_existing)
            *out_existing = slot->value;
        return 1;
    }
    *slot = (mm_u64map_slot){key, value};
    map->count++;
    return 0;
}
