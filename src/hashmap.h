/* Open-addressing maps for interning: string -> index and 64-bit key -> index. */
#ifndef MM_HASHMAP_H
#define MM_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

/* One slot holds all a probe reads: a lookup touches one cache line, and a
 * key's bytes only when its hash matches. */
typedef struct {
    const char *key; /* borrowed; must outlive the map; NULL: an empty slot */
    size_t len;
    uint32_t hash, value;
} mm_strmap_slot;

typedef struct {
    mm_strmap_slot *slots;
    size_t capacity, count;
} mm_strmap;

typedef struct {
    uint64_t key;
    uint32_t value; /* UINT32_MAX marks an empty slot */
} mm_u64map_slot;

typedef struct {
    mm_u64map_slot *slots;
    size_t capacity, count;
} mm_u64map;

#define MM_NOT_FOUND UINT32_MAX

void mm_strmap_init(mm_strmap *map);
void mm_strmap_dispose(mm_strmap *map);
uint32_t mm_strmap_get(const mm_strmap *map, const char *key, size_t len);
/* Insert key -> value unless present. @return 0, 1 when present (out_existing
 * then holds its value), or -1 on allocation failure. */
int mm_strmap_put(mm_strmap *map, const char *key, size_t len, uint32_t value,
                  uint32_t *out_existing);

void mm_u64map_init(mm_u64map *map);
void mm_u64map_dispose(mm_u64map *map);
uint32_t mm_u64map_get(const mm_u64map *map, uint64_t key);
int mm_u64map_put(mm_u64map *map, uint64_t key, uint32_t value, uint32_t *out_existing);
/* Room for `count` keys in all, so that putting them rehashes nothing.
 * @return 0, or -1 when out of memory (the map is as it was) */
int mm_u64map_reserve(mm_u64map *map, size_t count);

static inline uint64_t mm_pair_key(uint32_t a, uint32_t b)
{
    return ((uint64_t)a << 32) | b;
}

#endif
