#include "jpath.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"

void mm_jpath_init(mm_jpath *path)
{
    memset(path, 0, sizeof *path);
}

void mm_jpath_dispose(mm_jpath *path)
{
    mm_free(path->text);
    mm_jpath_init(path);
}

static void append(mm_jpath *path, const char *s, size_t n)
{
    char *grown = mm_grow(path->text, &path->capacity, path->len + n + 1, 1);

    if (!grown) {
        path->oom = 1;
        return;
    }
    path->text = grown;
    memcpy(path->text + path->len, s, n);
    path->len += n;
    path->text[path->len] = '\0';
}

static int is_plain_key(const char *key)
{
    if (!((*key >= 'A' && *key <= 'Z') || (*key >= 'a' && *key <= 'z') || *key == '_'))
        return 0;
    for (const char *c = key + 1; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
              (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
            return 0;
    return 1;
}

/* A key that is not an identifier is written as ["..."], JSON-escaped. */
static void append_quoted(mm_jpath *path, const char *key)
{
    append(path, "[\"", 2);
    for (const unsigned char *c = (const unsigned char *)key; *c; c++) {
        char esc[8];
        if (*c == '"' || *c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*c;
            append(path, esc, 2);
        } else if (*c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *c);
            append(path, esc, 6);
        } else {
            append(path, (const char *)c, 1);
        }
    }
    append(path, "\"]", 2);
}

size_t mm_jpath_key(mm_jpath *path, const char *key)
{
    size_t old = path->len;

    if (is_plain_key(key)) {
        if (path->len)
            append(path, ".", 1);
        append(path, key, strlen(key));
    } else {
        append_quoted(path, key);
    }
    return old;
}

size_t mm_jpath_index(mm_jpath *path, size_t index)
{
    size_t old = path->len;
    char buf[32];
    int n = snprintf(buf, sizeof buf, "[%zu]", index);

    append(path, buf, (size_t)n);
    return old;
}

void mm_jpath_pop(mm_jpath *path, size_t len)
{
    if (path->text && len <= path->len) {
        path->len = len;
        path->text[len] = '\0';
    }
}

const char *mm_jpath_text(const mm_jpath *path)
{
    return path->len ? path->text : "(root)";
}

char *mm_place_fmt(char *buf, size_t size, const char *array, size_t index, const char *key)
{
    snprintf(buf, size, key ? "%s[%zu].%s" : "%s[%zu]", array, index, key);
    return buf;
}
