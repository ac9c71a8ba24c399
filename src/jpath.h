/* A JSON path being walked, for error places: "students[3].applications[1]". */
#ifndef MM_JPATH_H
#define MM_JPATH_H

#include <stddef.h>

typedef struct {
    char *text;
    size_t len, capacity;
    int oom;
} mm_jpath;

void mm_jpath_init(mm_jpath *path);
void mm_jpath_dispose(mm_jpath *path);
/* Push a member or an index; each returns the length to pop back to. */
size_t mm_jpath_key(mm_jpath *path, const char *key);
size_t mm_jpath_index(mm_jpath *path, size_t index);
void mm_jpath_pop(mm_jpath *path, size_t len);
/* The place text; "(root)" for the empty path. */
const char *mm_jpath_text(const mm_jpath *path);
/* Format "BASE[index].key" style places without a walker. */
char *mm_place_fmt(char *buf, size_t size, const char *array, size_t index, const char *key);

#endif
