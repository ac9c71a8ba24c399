/*
 * bench_solve: time `mentormatch check` and `mentormatch solve` on generated
 * instances of fixed size tiers and print a Markdown table.
 *
 *   bench_solve --mentormatch PATH --gen PATH [--tier NAME]... [--repeat R]
 *               [--cache DIR] [--timeout SECONDS] [--solve-arg ARG]...
 *
 * Each tier's instance is generated once into the cache directory (its file
 * name records every generator argument; an existing file is reused). Then
 * `mentormatch check FILE` and `mentormatch solve FILE -o RESULT` run R times
 * each, every run in its own child process (fork/execv/wait4), timed with
 * CLOCK_MONOTONIC; peak RSS is the child's ru_maxrss.
 *
 * The solve result goes to a file in the cache directory rather than to
 * /dev/null: `-o` writes atomically (temporary file + rename), and a rename
 * onto /dev/null, run as root, would replace the device. The result of the
 * timed runs also gives the objective, so no extra run is needed, and lets
 * the runs be compared with each other (the assignments must not change).
 *
 * Child output goes to CACHE/TIER.{check,solve}.{out,err} for inspection.
 * POSIX; Linux reports ru_maxrss in KiB.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GEN_TAG "g1"          /* bump when gen_instance's output changes */
#define MAX_TIERS 16
#define MAX_REPEAT 100
#define MAX_SOLVE_ARGS 16

typedef struct {
    const char *name;
    unsigned students, ideas, mentors, apps, orgs;
} tier_t;

static const tier_t tiers[] = {
    { "t1", 200, 50, 30, 3, 5 },
    { "t2", 6000, 1500, 800, 5, 30 },
    { "t3", 50000, 10000, 5000, 8, 100 },
    { "t4", 200000, 40000, 20000, 10, 200 },
};
#define NTIERS (sizeof tiers / sizeof tiers[0])
static const char *const multi_share = "0.3";
static const char *const zipf = "1";
static const char *const seed = "1";

typedef struct {
    const char *mm, *gen, *cache;
    const tier_t *tier[MAX_TIERS];
    int ntiers, repeat;
    unsigned timeout;
    const char *solve_args[MAX_SOLVE_ARGS];
    int nsolve_args;
} opts_t;

typedef struct {
    double wall;        /* seconds */
    double rss_mb;      /* peak resident set, MiB */
    int status;         /* raw wait status; -1: could not start */
} run_t;

/* --------------------------------------------------------- processes -- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void redirect(int fd, const char *path)
{
    int f = open(path ? path : "/dev/null", path ? O_WRONLY | O_CREAT | O_TRUNC : O_WRONLY, 0644);
    if (f < 0) _exit(126);
    if (f != fd) { dup2(f, fd); close(f); }
}

/* Run argv[0] with argv, stdout/stderr to the given files (NULL: /dev/null),
 * killed by SIGALRM after `timeout` seconds when non-zero. */
static run_t run(char *const argv[], const char *out, const char *err, unsigned timeout)
{
    run_t r = { 0, 0, -1 };
    struct rusage ru;
    double t0 = now();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return r;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0 && in != 0) { dup2(in, 0); close(in); }
        redirect(1, out);
        redirect(2, err);
        signal(SIGALRM, SIG_DFL);
        if (timeout) alarm(timeout);
        execv(argv[0], argv);
        _exit(127);
    }
    int st;
    while (wait4(pid, &st, 0, &ru) < 0)
        if (errno != EINTR) return r;
    r.wall = now() - t0;
    r.rss_mb = ru.ru_maxrss / 1024.0;
    r.status = st;
    return r;
}

static int ok(const run_t *r) { return r->status >= 0 && WIFEXITED(r->status) && !WEXITSTATUS(r->status); }

static void status_text(const run_t *r, unsigned timeout, char *buf, size_t n)
{
    if (r->status < 0) snprintf(buf, n, "not run");
    else if (WIFEXITED(r->status)) {
        int c = WEXITSTATUS(r->status);
        snprintf(buf, n, c == 127 ? "%d (exec?)" : "%d", c);
    } else if (WIFSIGNALED(r->status)) {
        int s = WTERMSIG(r->status);
        if (s == SIGALRM && timeout) snprintf(buf, n, "timeout");
        else snprintf(buf, n, "signal %d", s);
    } else snprintf(buf, n, "?");
}

/* ------------------------------------------------------------- files -- */

static int mkdir_p(const char *dir)
{
    char buf[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof buf) return -1;
    memcpy(buf, dir, n + 1);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(buf, 0755) < 0 && errno != EEXIST) return -1;
            *p = c;
            if (!c) break;
        }
    }
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    for (size_t got; b && (got = fread(b + n, 1, cap - n, f)) > 0; ) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, 2 * cap + 1);
            if (!nb) { free(b); b = NULL; break; }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b) { b[n] = '\0'; if (len) *len = n; }
    return b;
}

/* ----------------------------------------------- reading the result -- */

typedef struct {
    char assigned[32], score[32], status[32];
    uint64_t assignments_hash;   /* FNV-1a of the "assignments" array */
    int found;
} result_t;

/* Copy the JSON scalar after `"key":` found at or after `from` (up to `to`). */
static int scalar_after(const char *from, const char *to, const char *key, char *out, size_t n)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = strstr(from, pat);
    if (!p || (to && p > to)) return -1;
    p += strlen(pat);
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == ':') p++;
    if (*p == '"') p++;
    size_t k = 0;
    while (*p && *p != ',' && *p != '}' && *p != '"' && *p != '\n' && k + 1 < n) out[k++] = *p++;
    out[k] = '\0';
    return k ? 0 : -1;
}

static result_t read_result(const char *path)
{
    result_t r = { .found = 0 };
    char *doc = read_all(path, NULL);
    if (!doc) return r;
    const char *obj = strstr(doc, "\"objective\"");
    if (obj) {
        const char *end = strchr(obj, '}');
        if (!scalar_after(obj, end, "assigned", r.assigned, sizeof r.assigned) &&
            !scalar_after(obj, end, "score", r.score, sizeof r.score))
            r.found = 1;
    }
    scalar_after(doc, NULL, "status", r.status, sizeof r.status);
    /* assignments hold only ids and numbers: the array ends at the first ']' */
    const char *a = strstr(doc, "\"assignments\"");
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const char *p = a; p && *p && *p != ']'; p++) h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
    r.assignments_hash = a ? h : 0;
    free(doc);
    return r;
}

/* ------------------------------------------------------------- tiers -- */

typedef struct {
    const tier_t *t;
    char file[4096];
    double size_mb;
    run_t check[MAX_REPEAT], solve[MAX_REPEAT];
    result_t res;
    int gen_failed, varies;
} row_t;

static int ensure_instance(const opts_t *o, row_t *row)
{
    const tier_t *t = row->t;
    char tmp[4200], num[5][16];
    struct stat st;
    snprintf(row->file, sizeof row->file, "%s/%s-s%u-i%u-m%u-a%u-o%u-mm%s-z%s-seed%s-%s.json",
             o->cache, t->name, t->students, t->ideas, t->mentors, t->apps, t->orgs,
             multi_share, zipf, seed, GEN_TAG);
    if (stat(row->file, &st) == 0) {
        row->size_mb = st.st_size / 1e6;
        return 0;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", row->file, (long)getpid());
    snprintf(num[0], sizeof num[0], "%u", t->students);
    snprintf(num[1], sizeof num[1], "%u", t->ideas);
    snprintf(num[2], sizeof num[2], "%u", t->mentors);
    snprintf(num[3], sizeof num[3], "%u", t->apps);
    snprintf(num[4], sizeof num[4], "%u", t->orgs);
    char *argv[] = { (char *)o->gen, "--students", num[0], "--ideas", num[1],
                     "--mentors", num[2], "--apps", num[3], "--orgs", num[4],
                     "--multi-mentor", (char *)multi_share, "--zipf", (char *)zipf,
                     "--seed", (char *)seed, "-o", tmp, NULL };
    fprintf(stderr, "bench: generating %s ...", row->file);
    run_t r = run(argv, NULL, NULL, 0);
    if (!ok(&r) || rename(tmp, row->file) != 0) {
        fprintf(stderr, " failed\n");
        remove(tmp);
        return -1;
    }
    fprintf(stderr, " %.2f s\n", r.wall);
    if (stat(row->file, &st) == 0) row->size_mb = st.st_size / 1e6;
    return 0;
}

static void log_path(char *buf, size_t n, const opts_t *o, const row_t *row, const char *what)
{
    snprintf(buf, n, "%s/%s.%s", o->cache, row->t->name, what);
}

static void bench_tier(const opts_t *o, row_t *row)
{
    char out[4200], err[4200], result[4200];
    if (ensure_instance(o, row)) { row->gen_failed = 1; return; }

    log_path(out, sizeof out, o, row, "check.out");
    log_path(err, sizeof err, o, row, "check.err");
    char *check_argv[] = { (char *)o->mm, "check", row->file, NULL };
    for (int i = 0; i < o->repeat; i++) {
        fprintf(stderr, "bench: %s check %d/%d\n", row->t->name, i + 1, o->repeat);
        row->check[i] = run(check_argv, out, err, o->timeout);
    }

    log_path(out, sizeof out, o, row, "solve.out");
    log_path(err, sizeof err, o, row, "solve.err");
    log_path(result, sizeof result, o, row, "result.json");
    char *solve_argv[8 + MAX_SOLVE_ARGS];
    int k = 0;
    solve_argv[k++] = (char *)o->mm;
    solve_argv[k++] = "solve";
    solve_argv[k++] = row->file;
    solve_argv[k++] = "-o";
    solve_argv[k++] = result;
    for (int i = 0; i < o->nsolve_args; i++) solve_argv[k++] = (char *)o->solve_args[i];
    solve_argv[k] = NULL;
    for (int i = 0; i < o->repeat; i++) {
        fprintf(stderr, "bench: %s solve %d/%d\n", row->t->name, i + 1, o->repeat);
        remove(result);
        row->solve[i] = run(solve_argv, out, err, o->timeout);
        result_t r = read_result(result);
        if (i == 0) row->res = r;
        else if (r.found != row->res.found || strcmp(r.assigned, row->res.assigned) ||
                 strcmp(r.score, row->res.score) ||
                 r.assignments_hash != row->res.assignments_hash)
            row->varies = 1;
    }
}

/* ------------------------------------------------------------ report -- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* best and median wall time of n runs */
static void times(const run_t *r, int n, double *best, double *median)
{
    double w[MAX_REPEAT];
    for (int i = 0; i < n; i++) w[i] = r[i].wall;
    qsort(w, (size_t)n, sizeof w[0], cmp_double);
    *best = w[0];
    *median = n % 2 ? w[n / 2] : (w[n / 2 - 1] + w[n / 2]) / 2;
}

/* the exit status shared by all runs, or each run's when they differ */
static void exits(const run_t *r, int n, unsigned timeout, char *buf, size_t len)
{
    int mixed = 0;
    for (int k = 1; k < n; k++) mixed |= r[k].status != r[0].status;
    buf[0] = '\0';
    for (int k = 0; k < (mixed ? n : 1); k++) {
        char one[32];
        size_t used = strlen(buf);
        status_text(&r[k], timeout, one, sizeof one);
        snprintf(buf + used, len - used, "%s%s", k ? ", " : "", one);
    }
}

static void print_table(const opts_t *o, row_t *rows, int n)
{
    printf("| tier | students | ideas | mentors | applications | file MB | check s "
           "| solve best s | solve median s | x floor | peak RSS MB | exit | assigned | score |\n");
    printf("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|\n");
    for (int i = 0; i < n; i++) {
        row_t *w = &rows[i];
        const tier_t *t = w->t;
        printf("| %s | %u | %u | %u | %u | ", t->name, t->students, t->ideas, t->mentors,
               t->students * t->apps);
        if (w->gen_failed) {
            printf("- | - | - | - | - | - | generator failed | - | - |\n");
            continue;
        }
        double cb, cm, sb, sm, rss = 0;
        char cex[256], sex[256];
        times(w->check, o->repeat, &cb, &cm);
        times(w->solve, o->repeat, &sb, &sm);
        for (int r = 0; r < o->repeat; r++)
            if (w->solve[r].rss_mb > rss) rss = w->solve[r].rss_mb;
        exits(w->check, o->repeat, o->timeout, cex, sizeof cex);
        exits(w->solve, o->repeat, o->timeout, sex, sizeof sex);
        printf("%.1f | %.3f", w->size_mb, cb);
        if (strcmp(cex, "0")) printf(" (exit %s)", cex);
        printf(" | %.3f | %.3f | %.1f | %.1f | %s | %s | %s |\n", sb, sm,
               cb > 0 ? sb / cb : 0.0, rss, sex,
               w->res.found ? w->res.assigned : "-", w->res.found ? w->res.score : "-");
    }
    for (int i = 0; i < n; i++) {
        if (rows[i].varies)
            printf("\n**%s: the runs' objective or assignments differ** (SPEC 5: same input, same assignments)\n",
                   rows[i].t->name);
        if (!rows[i].gen_failed && rows[i].res.status[0] && strcmp(rows[i].res.status, "optimal"))
            printf("\n%s: status \"%s\"\n", rows[i].t->name, rows[i].res.status);
    }
}

/* ------------------------------------------------------------- main -- */

static const char *const usage_text =
    "usage: bench_solve --mentormatch PATH --gen PATH [--tier NAME]... [--repeat R]\n"
    "                   [--cache DIR] [--timeout SECONDS] [--solve-arg ARG]...\n"
    "  --tier NAME       t1, t2, t3, t4 or all (repeatable; default t2)\n"
    "  --repeat R        runs of check and of solve per tier (default 3)\n"
    "  --cache DIR       where instances and logs are kept (default bench/cache)\n"
    "  --timeout S       kill a run after S seconds (default: no limit)\n"
    "  --solve-arg ARG   extra argument for `mentormatch solve` (repeatable)\n"
    "tiers (seed 1, multi-mentor share 0.3, zipf 1):\n";

static void usage(FILE *f)
{
    fputs(usage_text, f);
    for (size_t i = 0; i < NTIERS; i++)
        fprintf(f, "  %s: %u students, %u ideas, %u mentors, %u applications each, %u orgs\n",
                tiers[i].name, tiers[i].students, tiers[i].ideas, tiers[i].mentors,
                tiers[i].apps, tiers[i].orgs);
}

static int add_tier(opts_t *o, const char *name)
{
    for (size_t i = 0; i < NTIERS; i++) {
        if (strcmp(name, "all") && strcmp(name, tiers[i].name)) continue;
        if (o->ntiers == MAX_TIERS) return -1;
        o->tier[o->ntiers++] = &tiers[i];
        if (strcmp(name, "all")) return 0;
    }
    return strcmp(name, "all") ? -1 : 0;
}

static int parse_args(int argc, char **argv, opts_t *o)
{
    *o = (opts_t){ .cache = "bench/cache", .repeat = 3 };
    /* Every option but --help takes a value: step over both. */
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); exit(0); }
        if (!v) { fprintf(stderr, "bench_solve: %s: missing value\n", a); return -1; }
        if (!strcmp(a, "--mentormatch")) o->mm = v;
        else if (!strcmp(a, "--gen")) o->gen = v;
        else if (!strcmp(a, "--cache")) o->cache = v;
        else if (!strcmp(a, "--tier")) {
            if (add_tier(o, v)) { fprintf(stderr, "bench_solve: unknown or too many tiers: %s\n", v); return -1; }
        } else if (!strcmp(a, "--repeat")) {
            long r = strtol(v, &end, 10);
            if (*end || r < 1 || r > MAX_REPEAT) { fprintf(stderr, "bench_solve: --repeat: 1..%d\n", MAX_REPEAT); return -1; }
            o->repeat = (int)r;
        } else if (!strcmp(a, "--timeout")) {
            long s = strtol(v, &end, 10);
            if (*end || s < 0 || s > 1000000) { fprintf(stderr, "bench_solve: --timeout: seconds >= 0\n"); return -1; }
            o->timeout = (unsigned)s;
        } else if (!strcmp(a, "--solve-arg")) {
            if (o->nsolve_args == MAX_SOLVE_ARGS) { fprintf(stderr, "bench_solve: too many --solve-arg\n"); return -1; }
            o->solve_args[o->nsolve_args++] = v;
        } else { fprintf(stderr, "bench_solve: unknown option %s\n", a); return -1; }
    }
    if (!o->mm || !o->gen) { fprintf(stderr, "bench_solve: --mentormatch and --gen are required\n"); return -1; }
    if (!o->ntiers) add_tier(o, "t2");
    if (access(o->mm, X_OK)) { fprintf(stderr, "bench_solve: %s: %s\n", o->mm, strerror(errno)); return -1; }
    if (access(o->gen, X_OK)) { fprintf(stderr, "bench_solve: %s: %s\n", o->gen, strerror(errno)); return -1; }
    return 0;
}

static void print_version(const opts_t *o)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/version.txt", o->cache);
    char *argv[] = { (char *)o->mm, "--version", NULL };
    run_t r = run(argv, path, NULL, 10);
    char *v = ok(&r) ? read_all(path, NULL) : NULL;
    if (v) v[strcspn(v, "\n")] = '\0';
    printf("mentormatch: %s (%s); %d run%s each of `check` and `solve`\n\n", o->mm,
           v && *v ? v : "version unknown", o->repeat, o->repeat == 1 ? "" : "s");
    free(v);
}

int main(int argc, char **argv)
{
    static row_t rows[MAX_TIERS];
    opts_t o;
    if (parse_args(argc, argv, &o)) { usage(stderr); return 2; }
    if (mkdir_p(o.cache)) { fprintf(stderr, "bench_solve: %s: cannot create directory\n", o.cache); return 1; }
    print_version(&o);
    int failed = 0;
    for (int i = 0; i < o.ntiers; i++) {
        rows[i].t = o.tier[i];
        bench_tier(&o, &rows[i]);
        failed |= rows[i].gen_failed || !ok(&rows[i].solve[0]) || rows[i].varies;
    }
    print_table(&o, rows, o.ntiers);
    printf("\nx floor = solve best / check best (check: read and validate only).\n");
    return failed ? 1 : 0;
}
