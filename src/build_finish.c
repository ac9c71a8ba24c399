/* Finishing a builder: its calls, as a document, read by read_json.c's own
 * walker and then validated and scored like any document, so a built
 * problem passes the very checks, and gets the very messages, of a document
 * read from a file; and the document written out. */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "read_json.h"
#include "strbuf.h"
#include "write_document.h"

/* ---- the document ---------------------------------------------------- */

static json_t *member(json_t *obj, const char *key)
{
    json_t *inner = json_object_get(obj, key);

    if (!inner && obj && json_object_set_new(obj, key, inner = json_object()) != 0)
        inner = NULL;
    return inner;
}

/* The document the calls describe; the builder's values are shared, not
 * copied. @return it (json_decref), or NULL when out of memory. */
static json_t *document(const mm_builder *b)
{
    json_t *root = json_object();
    int failed = !root;

    for (int k = 0; !failed && k < N_FIELDS; k++) {
        json_t *section = b->fields[k] ? member(root, MM_BUILD_FIELDS[k].section) : NULL;
        if (section && MM_BUILD_FIELDS[k].group)
            section = member(section, MM_BUILD_FIELDS[k].group);
        failed = b->fields[k] && (!section || json_object_set(section, MM_BUILD_FIELDS[k].key,
                                                               b->fields[k]) != 0);
    }
    for (int k = 0; !failed && k < N_LISTS; k++) {
        int required = k == L_MENTORS || k == L_IDEAS || k == L_STUDENTS;
        if (required || json_array_size(b->lists[k]) > 0)
            failed = json_object_set(root, MM_BUILD_LISTS[k], b->lists[k]) != 0;
    }
    if (failed) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int mm_builder_write_json(const mm_builder *b, FILE *out)
{
    json_t *root;

    if (!b || !out)
        return MM_EINVALID;
    if (b->oom || !(root = document(b)))
        return MM_ENOMEM;
    mm_write_document(root, out);
    json_decref(root);
    return ferror(out) || fflush(out) != 0 ? MM_EIO : 0;
}

int mm_record_ref(const char *text, size_t *name_len, unsigned long *index, const char **rest)
{
    const char *open = strchr(text, '[');
    char *end;

    if (!open || open == text || open[1] < '0' || open[1] > '9')
        return 0;
    for (const char *c = text; c < open; c++)
        if (!((*c >= 'a' && *c <= 'z') || *c == '_'))
            return 0;
    *index = strtoul(open + 1, &end, 10);
    if (*end != ']')
        return 0;
    *name_len = (size_t)(open - text);
    *rest = end + 1;
    return 1;
}

int mm_message_ref(const char *message, size_t *at)
{
    size_t len = strlen(message), name_len;
    const char *ref, *rest;
    unsigned long index;

    if (len < 2 || strcmp(message + len - 2, "])") != 0)
        return 0;
    for (ref = message + len - 2; ref > message && ref[-1] != ' '; ref--)
        ;
    if (ref - message < 3 || strncmp(ref - 3, "at ", 3) != 0 ||
        !mm_record_ref(ref, &name_len, &index, &rest) || strcmp(rest, ")") != 0)
        return 0;
    *at = (size_t)(ref - message);
    return 1;
}

/* The call that added application `j` of student `s`, or MM_NOT_FOUND. */
static uint32_t app_call(const mm_builder *b, unsigned long s, unsigned long j)
{
    if (s >= MM_NONE || j >= MM_NONE)
        return MM_NOT_FOUND;
    return mm_u64map_get(&b->app_call, mm_pair_key((uint32_t)s, (uint32_t)j));
}

/* "students[S].applications[J]REST" -> "applications[K]REST", K the call
 * that added it, and in the message "(first at applications[J2])" likewise.
 * @return 1 when the diagnostic was translated into `place` and `message`. */
static int call_places(const mm_builder *b, const mm_diag *d, mm_strbuf *place,
                       mm_strbuf *message)
{
    static const char prefix[] = "students[";
    unsigned long s, j, j2;
    const char *rest;
    size_t name_len, at;
    uint32_t call, call2;

    if (strncmp(d->place, prefix, sizeof prefix - 1) != 0 ||
        !mm_record_ref(d->place, &name_len, &s, &rest) ||
        strncmp(rest, ".applications[", 14) != 0 ||
        !mm_record_ref(rest + 1, &name_len, &j, &rest) ||
        (call = app_call(b, s, j)) == MM_NOT_FOUND)
        return 0;
    mm_strbuf_printf(place, "applications[%lu]%s", (unsigned long)call, rest);
    if (mm_message_ref(d->message, &at) && strncmp(d->message + at, "applications[", 13) == 0 &&
        (call2 = app_call(b, s, j2 = strtoul(d->message + at + 13, NULL, 10))) != MM_NOT_FOUND)
        mm_strbuf_printf(message, "%.*sapplications[%lu])", (int)at, d->message,
                         (unsigned long)call2);
    else
        mm_strbuf_printf(message, "%s", d->message);
    return !place->oom && !message->oom;
}

/* Copy `from` into `to`, document places turned into call places. */
static void copy_diags(const mm_builder *b, mm_diags *to, const mm_diags *from)
{
    for (size_t k = 0; k < mm_diags_count(from); k++) {
        const mm_diag *d = mm_diags_get(from, k);
        mm_strbuf place, message;
        int translated;

        mm_strbuf_init(&place);
        mm_strbuf_init(&message);
        translated = call_places(b, d, &place, &message);
        mm_diag_add(to, d->severity, translated ? mm_strbuf_text(&place) : d->place, "%s",
                    translated ? mm_strbuf_text(&message) : d->message);
        mm_strbuf_dispose(&place);
        mm_strbuf_dispose(&message);
    }
}

int mm_builder_finish(mm_problem **out, const mm_builder *b, mm_diags *diags)
{
    mm_diags *found = NULL;
    mm_problem *p = NULL;
    json_t *root = NULL;
    int rc;

    *out = NULL;
    if (!b || !diags)
        return MM_EINVALID;
    rc = b->oom ? MM_ENOMEM : mm_diags_new(&found);
    if (rc == 0 && (!(root = document(b)) || !(p = mm_problem_alloc())))
        rc = MM_ENOMEM;
    if (rc == 0) {
        rc = mm_read_json_value(p, root, 0, found);
        rc = mm_problem_complete(out, p, rc, NULL, found);
    }
    copy_diags(b, diags, b->early);
    copy_diags(b, diags, found);
    if (rc == 0 && mm_diags_error_count(b->early) > 0) {
        mm_problem_free(*out);
        *out = NULL;
        rc = MM_EINVALID;
    }
    json_decref(root);
    mm_diags_free(found);
    return rc;
}
