#include "jpath.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "textsafe.h"

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

/* A key that is not an identifier is written as ["..."]: '"' and '\\'
 * escaped as in JSON, control characters as textsafe.h says (the same as
 * JSON's escapes, since a JSON key is valid UTF-8). */
static void append_quoted(mm_jpath *path, const char *key)
{
    char esc[MM_VISIBLE_ESC_SIZE];

    append(path, "[\"", 2);
    while (*key) {
        size_t n = mm_visible_next(key, esc);
        if (*key == '"' || *key == '\\') {
            esc[0] = '\\';
            esc[1] = *key;
            esc[2] = '\0';
        }
        if (esc[0])
            append(path, esc, strlen(esc));
        else
            append(path, key, n);
        key += n;
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
    char *at = buf + sizeof buf;

    /* by hand: one index per record read, and snprintf costs more than
     * the rest of entering a record */
    *--at = ']';
    do
        *--at = (char)('0' + index % 10);
    while ((index /= 10) != 0);
    *--at = '[';
    append(path, at, (size_t)(buf + sizeof buf - at));
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
