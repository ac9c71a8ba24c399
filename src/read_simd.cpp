// simdjson's DOM laid out as mm_node (read_simd.h). C++ only because
// simdjson is; the rest of the library sees the C interface.
#include "read_simd.h"

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>
#include <string_view>
#include <vector>

#include "mentormatch/common.h"

extern "C" {
#include "alloc.h"
}

namespace {

// Past this many members an object's keys are sorted to find a repeat;
// below it, each key is compared with those before it.
constexpr uint32_t PAIRWISE_KEYS = 16;

std::atomic<unsigned long> parsed_count{0};

} // namespace

struct mm_simd {
    simdjson::dom::parser parser;
    mm_node *nodes = nullptr;
    size_t n_nodes = 0, capacity = 0;
    char *copy = nullptr; // a value too near the end of its buffer, padded
    size_t copy_capacity = 0;
    std::vector<std::string_view> keys; // a large object's keys, to sort
};

namespace {

// The reasons a value goes back to jansson, or memory.
enum class status { ok, fallback, nomem };

status push(mm_simd *s, size_t *at)
{
    mm_node *grown = static_cast<mm_node *>(
        mm_grow(s->nodes, &s->capacity, s->n_nodes + 1, sizeof *grown));

    if (!grown)
        return status::nomem;
    s->nodes = grown;
    *at = s->n_nodes++;
    std::memset(&s->nodes[*at], 0, sizeof(mm_node));
    return status::ok;
}

// jansson refuses "\u0000" (without JSON_ALLOW_NUL): a string with a NUL
// inside is its to report.
status set_string(mm_node *n, const char *str, size_t len)
{
    if (len > UINT32_MAX || std::strlen(str) != len)
        return status::fallback;
    n->type = MM_NODE_STRING;
    n->str = str;
    n->len = static_cast<uint32_t>(len);
    return status::ok;
}

// Is a key repeated among the object's members starting at node `first`?
// (JSON_REJECT_DUPLICATES: jansson names the key and its place.)
bool repeated_key(mm_simd *s, size_t first, uint32_t count)
{
    const mm_node *n = s->nodes;

    if (count <= PAIRWISE_KEYS) {
        size_t key[PAIRWISE_KEYS];
        size_t at = first;
        for (uint32_t k = 0; k < count; k++) {
            key[k] = at;
            at += 1 + n[at + 1].skip;
        }
        for (uint32_t k = 1; k < count; k++)
            for (uint32_t j = 0; j < k; j++)
                if (n[key[j]].len == n[key[k]].len &&
                    std::memcmp(n[key[j]].str, n[key[k]].str, n[key[k]].len) == 0)
                    return true;
        return false;
    }
    s->keys.clear();
    for (size_t at = first, k = 0; k < count; k++) {
        s->keys.emplace_back(n[at].str, n[at].len);
        at += 1 + n[at + 1].skip;
    }
    std::sort(s->keys.begin(), s->keys.end());
    return std::adjacent_find(s->keys.begin(), s->keys.end()) != s->keys.end();
}

status lay_out(mm_simd *s, simdjson::dom::element e);

status lay_out_object(mm_simd *s, size_t at, simdjson::dom::object obj)
{
    uint32_t count = 0;
    status st;

    s->nodes[at].type = MM_NODE_OBJECT;
    for (auto field = obj.begin(); field != obj.end(); ++field) {
        size_t key;
        if ((st = push(s, &key)) != status::ok ||
            (st = set_string(&s->nodes[key], field.key_c_str(), field.key_length())) !=
                status::ok ||
            (st = lay_out(s, field.value())) != status::ok)
            return st;
        count++;
    }
    s->nodes[at].count = count;
    return repeated_key(s, at + 1, count) ? status::fallback : status::ok;
}

status lay_out_array(mm_simd *s, size_t at, simdjson::dom::array array)
{
    uint32_t count = 0;
    status st;

    s->nodes[at].type = MM_NODE_ARRAY;
    for (auto element : array) {
        if ((st = lay_out(s, element)) != status::ok)
            return st;
        count++;
    }
    s->nodes[at].count = count;
    return status::ok;
}

// The value `e` and its children, from the next node on.
status lay_out(mm_simd *s, simdjson::dom::element e)
{
    size_t at;
    status st = push(s, &at);
    std::string_view text;

    if (st != status::ok)
        return st;
    switch (e.type()) {
    case simdjson::dom::element_type::OBJECT:
        st = lay_out_object(s, at, e.get_object().value_unsafe());
        break;
    case simdjson::dom::element_type::ARRAY:
        st = lay_out_array(s, at, e.get_array().value_unsafe());
        break;
    case simdjson::dom::element_type::STRING:
        text = e.get_string().value_unsafe();
        st = set_string(&s->nodes[at], e.get_c_str().value_unsafe(), text.size());
        break;
    case simdjson::dom::element_type::INT64:
        s->nodes[at].type = MM_NODE_INTEGER;
        s->nodes[at].num.integer = e.get_int64().value_unsafe();
        break;
    case simdjson::dom::element_type::DOUBLE:
        s->nodes[at].type = MM_NODE_REAL;
        s->nodes[at].num.real = e.get_double().value_unsafe();
        break;
    case simdjson::dom::element_type::BOOL:
        s->nodes[at].type = e.get_bool().value_unsafe() ? MM_NODE_TRUE : MM_NODE_FALSE;
        break;
    case simdjson::dom::element_type::NULL_VALUE:
        s->nodes[at].type = MM_NODE_NULL;
        break;
    default: // UINT64: beyond jansson's integers, "too big integer" is its to say
        st = status::fallback;
        break;
    }
    if (st == status::ok)
        s->nodes[at].skip = static_cast<uint32_t>(s->n_nodes - at);
    return st;
}

// The bytes to parse, padded as simdjson reads: in place, or a copy.
const char *padded(mm_simd *s, const char *data, size_t len, size_t readable)
{
    if (readable - len >= simdjson::SIMDJSON_PADDING)
        return data;
    char *grown = static_cast<char *>(
        mm_grow(s->copy, &s->copy_capacity, len + simdjson::SIMDJSON_PADDING, 1));
    if (!grown)
        return nullptr;
    s->copy = grown;
    std::memcpy(s->copy, data, len);
    std::memset(s->copy + len, 0, simdjson::SIMDJSON_PADDING);
    return s->copy;
}

} // namespace

extern "C" mm_simd *mm_simd_new(void)
{
    return new (std::nothrow) mm_simd;
}

extern "C" void mm_simd_free(mm_simd *s)
{
    if (!s)
        return;
    mm_free(s->nodes);
    mm_free(s->copy);
    delete s;
}

extern "C" int mm_simd_parse(mm_simd *s, const char *data, size_t len, size_t readable,
                             const mm_node **root)
{
    const char *bytes = padded(s, data, len, readable);
    simdjson::dom::element e;
    simdjson::error_code error;
    status st;

    *root = nullptr;
    if (!bytes)
        return MM_ENOMEM;
    try {
        error = s->parser.parse(bytes, len, false).get(e);
    } catch (const std::bad_alloc &) {
        return MM_ENOMEM;
    }
    if (error == simdjson::MEMALLOC)
        return MM_ENOMEM;
    if (error) // jansson finds the syntax error, and its line and column
        return MM_STREAM_FALLBACK;
    s->n_nodes = 0;
    st = lay_out(s, e);
    if (st != status::ok)
        return st == status::nomem ? MM_ENOMEM : MM_STREAM_FALLBACK;
    parsed_count.fetch_add(1, std::memory_order_relaxed);
    *root = s->nodes;
    return 0;
}

extern "C" unsigned long mm_simd_parsed(void)
{
    return parsed_count.load(std::memory_order_relaxed);
}
