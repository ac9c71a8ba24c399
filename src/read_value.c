#include "read_value.h"

#include <string.h>

size_t mm_val_size(mm_val v)
{
    if (v.n)
        return v.n->type == MM_NODE_ARRAY ? v.n->count : 0;
    return json_array_size(v.j);
}

mm_val_iter mm_val_items(mm_val v)
{
    mm_val_iter it = {v, 0, 0, NULL, NULL};

    if (v.n) {
        it.count = v.n->type == MM_NODE_ARRAY || v.n->type == MM_NODE_OBJECT ? v.n->count : 0;
        it.at = v.n + 1;
    } else if (json_is_object(v.j)) {
        it.count = json_object_size(v.j);
        it.iter = json_object_iter(v.j);
    } else {
        it.count = json_array_size(v.j);
    }
    return it;
}

int mm_val_next(mm_val_iter *it, const char **key, mm_val *out)
{
    if (it->i >= it->count)
        return 0;
    it->i++;
    *key = NULL;
    if (it->v.n) {
        if (it->v.n->type == MM_NODE_OBJECT) {
            *key = it->at->str;
            it->at++;
        }
        *out = mm_val_node(it->at);
        it->at += it->at->skip;
        return 1;
    }
    if (!json_is_object(it->v.j)) {
        *out = mm_val_json(json_array_get(it->v.j, it->i - 1));
        return 1;
    }
    *key = json_object_iter_key(it->iter);
    *out = mm_val_json(json_object_iter_value(it->iter));
    it->iter = json_object_iter_next(it->v.j, it->iter);
    return 1;
}

mm_val mm_val_get(mm_val obj, const char *key)
{
    mm_val_iter it;
    const char *name;
    mm_val value;

    if (!obj.n)
        return mm_val_json(json_object_get(obj.j, key));
    if (obj.n->type != MM_NODE_OBJECT)
        return mm_val_node(NULL);
    it = mm_val_items(obj);
    while (mm_val_next(&it, &name, &value))
        if (strcmp(name, key) == 0)
            return value;
    return mm_val_node(NULL);
}

mm_val mm_val_at(mm_val array, size_t i)
{
    const mm_node *el;

    if (!array.n)
        return mm_val_json(json_array_get(array.j, i));
    if (array.n->type != MM_NODE_ARRAY || i >= array.n->count)
        return mm_val_node(NULL);
    for (el = array.n + 1; i > 0; i--) /* each element's nodes, skipped */
        el += el->skip;
    return mm_val_node(el);
}
