#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>

#include "alloc.h"

void mm_strbuf_init(mm_strbuf *sb)
{
    sb->text = NULL;
    sb->len = sb->capacity = 0;
    sb->oom = 0;
}

void mm_strbuf_dispose(mm_strbuf *sb)
{
    mm_free(sb->text);
    mm_strbuf_init(sb);
}

void mm_strbuf_printf(mm_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *grown;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sb->oom)
        return;
    grown = mm_grow(sb->text, &sb->capacity, sb->len + (size_t)n + 1, 1);
    if (!grown) {
        sb->oom = 1;
        return;
    }
    sb->text = grown;
    va_start(ap, fmt);
    vsnprintf(sb->text + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void mm_strbuf_sep(mm_strbuf *sb, const char *sep)
{
    if (sb->len)
        mm_strbuf_printf(sb, "%s", sep);
}

char *mm_strbuf_take(mm_strbuf *sb)
{
    char *text;

    if (sb->oom) {
        mm_strbuf_dispose(sb);
        return NULL;
    }
    text = sb->text ? sb->text : mm_strdup("");
    mm_strbuf_init(sb);
    return text;
}

const char *mm_strbuf_text(const mm_strbuf *sb)
{
    return sb->text && !sb->oom ? sb->text : "";
}
