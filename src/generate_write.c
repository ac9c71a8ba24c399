/* Writing a generated instance as an input document: one record a line,
 * through a buffer of our own (the largest documents run to hundreds of
 * megabytes, and a stdio call per token would dominate the time). */
#include <string.h>

#include "alloc.h"
#include "generate.h"
#include "mentormatch.h"

typedef struct {
    FILE *f;
    char *buf;
    size_t len;
    int err;
} out_t;

#define OUT_CAP ((size_t)1 << 16)

/* The first names of the skill vocabulary; later ones are "skill21", ... */
static const char *const SKILL_NAMES[] = {
    "c",          "cpp",      "rust",     "go",     "python",   "java",     "javascript",
    "typescript", "sql",      "linux",    "networking", "security", "compilers", "graphics",
    "ml",         "databases", "embedded", "web",    "devops",   "math",
};

#define N_SKILL_NAMES (sizeof SKILL_NAMES / sizeof SKILL_NAMES[0])

static void out_flush(out_t *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
        o->err = 1;
    o->len = 0;
}

static void out_mem(out_t *o, const char *s, size_t n)
{
    if (o->len + n > OUT_CAP)
        out_flush(o);
    if (n > OUT_CAP) {
        if (fwrite(s, 1, n, o->f) != n)
            o->err = 1;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_str(out_t *o, const char *s)
{
    out_mem(o, s, strlen(s));
}

static void out_uint(out_t *o, uint64_t v)
{
    char tmp[24];
    int i = (int)sizeof tmp;

    do
        tmp[--i] = (char)('0' + v % 10);
    while (v /= 10);
    out_mem(o, tmp + i, sizeof tmp - (size_t)i);
}

/* An id: prefix and number, zero-padded to `width` digits so that the byte
 * order of ids is their numeric order. */
static void out_id(out_t *o, const char *prefix, uint32_t num, int width)
{
    char tmp[16];
    int i = (int)sizeof tmp;

    tmp[--i] = '"';
    for (int d = 0; d < width || num; d++, num /= 10)
        tmp[--i] = (char)('0' + num % 10);
    out_str(o, "\"");
    out_str(o, prefix);
    out_mem(o, tmp + i, sizeof tmp - (size_t)i);
}

/* A JSON string: quotes, backslashes and control characters escaped; other
 * bytes (UTF-8) as they are. */
static void out_json_string(out_t *o, const char *s)
{
    static const char HEX[] = "0123456789abcdef";

    out_str(o, "\"");
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        char esc[6] = {'\\', 'u', '0', '0', HEX[*c >> 4], HEX[*c & 15]};
        if (*c == '"' || *c == '\\')
            out_mem(o, esc, 1), out_mem(o, (const char *)c, 1);
        else if (*c < 0x20)
            out_mem(o, esc, sizeof esc);
        else
            out_mem(o, (const char *)c, 1);
    }
    out_str(o, "\"");
}

/* A score in halves (2..10) as a JSON number: 1, 1.5, ... 5. */
static void out_halves(out_t *o, unsigned halves)
{
    out_uint(o, halves / 2);
    if (halves % 2)
        out_str(o, ".5");
}

/* The start of the `k`-th record of an array. */
static void out_record(out_t *o, uint64_t k, const char *key)
{
    out_str(o, k ? ",\n{\"" : "\n{\"");
    out_str(o, key);
    out_str(o, "\":");
}

static void out_skill_name(out_t *o, unsigned skill)
{
    if (skill < N_SKILL_NAMES) {
        out_str(o, SKILL_NAMES[skill]);
    } else {
        out_str(o, "skill");
        out_uint(o, skill + 1);
    }
}

static void write_skills(out_t *o, const mm_gen_skills *k)
{
    out_str(o, "{");
    for (unsigned j = 0; j < k->n; j++) {
        out_str(o, j ? ",\"" : "\"");
        out_skill_name(o, k->skill[j]);
        out_str(o, "\":");
        out_uint(o, k->level[j]);
    }
    out_str(o, "}");
}

static void write_program(out_t *o, const mm_gen_instance *in)
{
    out_str(o, "{\n\"program\":{\"name\":");
    out_json_string(o, in->o.name);
    out_str(o, ",\"slots\":");
    out_uint(o, in->program_slots);
    out_str(o, "},\n\"settings\":{\"weights\":{\"rating\":1,\"preference\":1,"
               "\"skill\":1,\"impact\":0.5},\"default_rating\":2.5},\n");
}

/* No "orgs" key at all without orgs. */
static void write_orgs(out_t *o, const mm_gen_instance *in)
{
    if (!in->orgs)
        return;
    out_str(o, "\"orgs\":[");
    for (uint32_t g = 0; g < in->orgs; g++) {
        out_record(o, g, "id");
        out_id(o, "org", g + 1, in->wid_o);
        out_str(o, ",\"name\":\"Organisation ");
        out_uint(o, g + 1);
        out_str(o, "\",\"slots\":");
        out_uint(o, in->org_slots[g]);
        out_str(o, "}");
    }
    out_str(o, "\n],\n");
}

static void write_mentors(out_t *o, const mm_gen_instance *in)
{
    out_str(o, "\"mentors\":[");
    for (uint32_t m = 0; m < in->mentors; m++) {
        out_record(o, m, "id");
        out_id(o, "m", m + 1, in->wid_m);
        out_str(o, ",\"capacity\":");
        out_uint(o, in->capacity[m]);
        if (in->min_load[m])
            out_str(o, ",\"min_load\":1");
        out_str(o, "}");
    }
    out_str(o, "\n],\n");
}

static void write_idea(out_t *o, const mm_gen_instance *in, uint32_t j)
{
    const mm_gen_idea *d = &in->idea[j];

    out_record(o, j, "id");
    out_id(o, "idea", j + 1, in->wid_i);
    out_str(o, ",\"title\":\"Project idea ");
    out_uint(o, j + 1);
    out_str(o, "\"");
    if (d->org >= 0) {
        out_str(o, ",\"org\":");
        out_id(o, "org", (uint32_t)d->org + 1, in->wid_o);
    }
    out_str(o, ",\"mentors\":[");
    for (unsigned q = 0; q < d->nmentors; q++) {
        if (q)
            out_str(o, ",");
        out_id(o, "m", d->mentor[q] + 1, in->wid_m);
    }
    out_str(o, "],\"slots\":");
    out_uint(o, d->slots);
    out_str(o, ",\"requires\":");
    write_skills(o, &d->req);
    out_str(o, ",\"impact\":");
    out_uint(o, d->impact);
    out_str(o, "}");
}

static void write_ideas(out_t *o, const mm_gen_instance *in)
{
    out_str(o, "\"ideas\":[");
    for (uint32_t j = 0; j < in->ideas; j++)
        write_idea(o, in, j);
    out_str(o, "\n],\n");
}

/* `"attributes":{...}` after the applications, where there are any. */
static void write_attributes(out_t *o, const mm_gen_instance *in, uint32_t s)
{
    if (!in->university && !in->first_time)
        return;
    out_str(o, ",\"attributes\":{");
    if (in->university) {
        out_str(o, "\"university\":");
        out_id(o, "uni", in->university[s] + 1, in->wid_u);
    }
    if (in->first_time) {
        out_str(o, in->university ? ",\"first_time\":" : "\"first_time\":");
        out_str(o, in->first_time[s] ? "true" : "false");
    }
    out_str(o, "}");
}

/* Applications in rank order, without "rank" keys. */
static void write_students(out_t *o, const mm_gen_instance *in)
{
    out_str(o, "\"students\":[");
    for (uint32_t s = 0; s < in->students; s++) {
        const uint32_t *a = in->app + (size_t)s * in->apps;
        out_record(o, s, "id");
        out_id(o, "s", s + 1, in->wid_s);
        out_str(o, ",\"skills\":");
        write_skills(o, &in->sk[s]);
        out_str(o, ",\"applications\":[");
        for (uint32_t k = 0; k < in->apps; k++) {
            out_str(o, k ? ",{\"idea\":" : "{\"idea\":");
            out_id(o, "idea", a[k] + 1, in->wid_i);
            out_str(o, "}");
        }
        out_str(o, "]");
        write_attributes(o, in, s);
        out_str(o, "}");
    }
    out_str(o, "\n],\n");
}

/* The skill component of student `st` for an idea requiring `req` (SPEC 3),
 * times 6 and rounded: 0..6 half-points of the 1-5 rating scale. */
static unsigned match_halves(const mm_gen_skills *st, const mm_gen_skills *req)
{
    unsigned num = 0, den = 0;

    for (unsigned j = 0; j < req->n; j++) {
        unsigned have = 0;
        for (unsigned q = 0; q < st->n; q++)
            if (st->skill[q] == req->skill[j])
                have = st->level[q];
        num += have < req->level[j] ? have : req->level[j];
        den += req->level[j];
    }
    return den ? (12 * num + den) / (2 * den) : 6; /* requiring nothing is a full match */
}

/* One rating: by a mentor of the idea not in conflict with the student
 * (there is one: conflicts keep every application eligible), the score
 * 2 + 3 x skill match plus noise of up to `noise` half-points either way,
 * in steps of 0.5, within [1, 5]. */
static void write_rating(out_t *o, const mm_gen_instance *in, mm_rng *r, uint32_t s, uint32_t k,
                         uint64_t n_written)
{
    uint32_t idea = in->app[(size_t)s * in->apps + k];
    const mm_gen_idea *d = &in->idea[idea];
    unsigned noise = (unsigned)(in->o.rating_noise * 2.0 + 0.5);
    uint32_t m = d->mentor[mm_rng_below(r, d->nmentors)];
    int halves;

    for (unsigned q = 0; q < d->nmentors && mm_gen_in_conflict(in, m, s); q++)
        m = d->mentor[q];
    halves = 4 + (int)match_halves(&in->sk[s], &d->req) + (int)mm_rng_below(r, 2 * noise + 1) -
             (int)noise;
    halves = halves < 2 ? 2 : halves > 10 ? 10 : halves;
    out_record(o, n_written, "mentor");
    out_id(o, "m", m + 1, in->wid_m);
    out_str(o, ",\"student\":");
    out_id(o, "s", s + 1, in->wid_s);
    out_str(o, ",\"idea\":");
    out_id(o, "idea", idea + 1, in->wid_i);
    out_str(o, ",\"score\":");
    out_halves(o, (unsigned)halves);
    out_str(o, "}");
}

/* A `rating_density` share of applications get one rating each. Drawn as
 * the document is written, from a stream of its own. */
static void write_ratings(out_t *o, const mm_gen_instance *in)
{
    mm_rng r = mm_rng_stream(in->o.seed, MM_GEN_PHASE_RATINGS);
    mm_share density = mm_share_of(in->o.rating_density, 10);
    uint64_t n = 0;

    out_str(o, "\"ratings\":[");
    for (uint32_t s = 0; s < in->students; s++)
        for (uint32_t k = 0; k < in->apps; k++)
            if (mm_rng_chance(&r, density.num, density.den))
                write_rating(o, in, &r, s, k, n++);
    out_str(o, "\n],\n");
}

static void write_conflicts(out_t *o, const mm_gen_instance *in)
{
    out_str(o, "\"conflicts\":[");
    for (uint32_t c = 0; c < in->nconf; c++) {
        out_record(o, c, "mentor");
        out_id(o, "m", in->conf[c].mentor + 1, in->wid_m);
        out_str(o, ",\"student\":");
        out_id(o, "s", in->conf[c].student + 1, in->wid_s);
        out_str(o, "}");
    }
    out_str(o, "\n]");
}

static void write_quota_value(out_t *o, const mm_attribute_value *v)
{
    if (v->type == MM_ATTRIBUTE_NONE)
        return;
    out_str(o, ",\"value\":");
    if (v->type == MM_ATTRIBUTE_TEXT)
        out_json_string(o, v->text);
    else /* the checks allow only text and booleans */
        out_str(o, v->boolean ? "true" : "false");
}

/* Quotas as given, after the conflicts; no "quotas" key without them. */
static void write_quotas(out_t *o, const mm_gen_instance *in)
{
    if (!in->o.n_quotas)
        return;
    out_str(o, ",\n\"quotas\":[");
    for (size_t k = 0; k < in->o.n_quotas; k++) {
        const mm_quota_spec *q = &in->o.quotas[k];
        char id[24];
        out_record(o, k, "id");
        out_json_string(o, mm_gen_quota_id(&in->o, k, id));
        out_str(o, ",\"attribute\":");
        out_json_string(o, q->attribute);
        write_quota_value(o, &q->value);
        out_str(o, ",\"per\":");
        out_json_string(o, q->per ? q->per : "program");
        if (q->min != MM_UNSET)
            out_str(o, ",\"min\":"), out_uint(o, (uint64_t)q->min);
        if (q->max != MM_UNSET)
            out_str(o, ",\"max\":"), out_uint(o, (uint64_t)q->max);
        out_str(o, "}");
    }
    out_str(o, "\n]");
}

int mm_gen_write(const mm_gen_instance *in, FILE *f)
{
    out_t o = {f, mm_malloc(OUT_CAP), 0, 0};

    if (!o.buf)
        return MM_ENOMEM;
    write_program(&o, in);
    write_orgs(&o, in);
    write_mentors(&o, in);
    write_ideas(&o, in);
    write_students(&o, in);
    write_ratings(&o, in);
    write_conflicts(&o, in);
    write_quotas(&o, in);
    out_str(&o, "\n}\n");
    out_flush(&o);
    mm_free(o.buf);
    if (fflush(f) != 0 || ferror(f))
        o.err = 1;
    return o.err ? MM_EIO : 0;
}
