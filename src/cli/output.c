/* Every file a command writes, written one way (docs/commands.md, "-o"): a
 * temporary file beside the target, reached through symbolic links (dangling
 * ones too), renamed into place only after a complete, flushed and synced
 * write. Pending temporaries sit in fixed slots that a signal handler empties
 * with unlink and rmdir alone, so an interrupted run leaves nothing behind.
 * Outputs that clash with an input or with each other are refused before
 * anything is written. A name of a descriptor already open (/dev/stdout,
 * /dev/fd/N) is written through that descriptor: never reopened. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- pending temporaries, removed on a signal ------------------------- */

enum { PENDING_MAX = 32, PENDING_FREE = 0, PENDING_FILE, PENDING_DIR };

/* A slot's path is complete before its kind is set, and its kind is cleared
 * before the path is reused: the handler only reads whole paths, never
 * memory that was freed. */
static char pending_path[PENDING_MAX][PATH_MAX];
static volatile sig_atomic_t pending_kind[PENDING_MAX];

static const int STOP_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};
#define N_STOP_SIGNALS (sizeof STOP_SIGNALS / sizeof STOP_SIGNALS[0])

void cli_remove_pending(void)
{
    for (int k = 0; k < PENDING_MAX; k++) /* files first, then their directories */
        if (pending_kind[k] == PENDING_FILE)
            unlink(pending_path[k]);
    for (int k = 0; k < PENDING_MAX; k++)
        if (pending_kind[k] == PENDING_DIR)
            rmdir(pending_path[k]);
}

void cli_stop_now(int signo)
{
    sigset_t set;

    cli_remove_pending();
    signal(signo, SIG_DFL); /* then die of the signal, as the caller expects */
    sigemptyset(&set);
    sigaddset(&set, signo);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(signo);
    _exit(128 + signo);
}

/* A signal ignored when the command starts (nohup, a shell's trap '') was
 * meant to be ignored: it stays so. */
static int is_ignored(int signo)
{
    struct sigaction old;

    return sigaction(signo, NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
           old.sa_handler == SIG_IGN;
}

void cli_catch_stop_signals(void (*handler)(int))
{
    static const int signals[] = {SIGINT, SIGTERM};
    struct sigaction action;

    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    for (size_t k = 0; k < 2; k++)
        if (!is_ignored(signals[k]))
            sigaction(signals[k], &action, NULL);
}

/* A stop signal left at its default would end the run with temporaries in
 * place: take it over. A handler the command chose, or an ignored signal,
 * stays as it is. */
static void guard_signals(void)
{
    struct sigaction old, action;

    memset(&action, 0, sizeof action);
    action.sa_handler = cli_stop_now;
    sigemptyset(&action.sa_mask);
    for (size_t k = 0; k < N_STOP_SIGNALS; k++)
        if (sigaction(STOP_SIGNALS[k], NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
            old.sa_handler == SIG_DFL)
            sigaction(STOP_SIGNALS[k], &action, NULL);
}

/* Block the stop signals around making a temporary and registering it, so
 * none can land between the two. */
static void block_signals(int block, sigset_t *saved)
{
    sigset_t set;

    if (!block) {
        sigprocmask(SIG_SETMASK, saved, NULL);
        return;
    }
    sigemptyset(&set);
    for (size_t k = 0; k < N_STOP_SIGNALS; k++)
        sigaddset(&set, STOP_SIGNALS[k]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

/* @return the slot, or -1 when the path is too long or no slot is free. */
static int pending_add(const char *path, int kind)
{
    size_t len = strlen(path);

    if (len >= PATH_MAX)
        return -1;
    for (int k = 0; k < PENDING_MAX; k++)
        if (pending_kind[k] == PENDING_FREE) {
            memcpy(pending_path[k], path, len + 1);
            atomic_signal_fence(memory_order_seq_cst);
            pending_kind[k] = kind;
            return k;
        }
    return -1;
}

static void pending_drop(int *slot)
{
    if (*slot >= 0)
        pending_kind[*slot] = PENDING_FREE;
    atomic_signal_fence(memory_order_seq_cst);
    *slot = -1;
}

/* ---- where a path leads ----------------------------------------------- */

static char *join(const char *dir, size_t dir_len, const char *name)
{
    size_t len = strlen(name);
    char *path = malloc(dir_len + len + 1);

    if (path) {
        memcpy(path, dir, dir_len);
        memcpy(path + dir_len, name, len + 1);
    }
    return path;
}

/* /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the
 * name of descriptor N, already open. Opening it again would truncate the
 * file behind it (one that `>>` appends to), and its link leads to
 * "pipe:[N]" for a pipe: such an output is written to descriptor N as it
 * is. @return N, or -1 for any other path. */
static int fd_alias(const char *path)
{
    static const char *const names[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    const char *num = NULL;
    long n = 0;

    for (int k = 0; k < 3; k++)
        if (strcmp(path, names[k]) == 0)
            return k;
    if (strncmp(path, "/dev/fd/", 8) == 0)
        num = path + 8;
    else if (strncmp(path, "/proc/self/fd/", 14) == 0)
        num = path + 14;
    if (!num || !*num)
        return -1;
    for (; *num >= '0' && *num <= '9' && n <= INT_MAX / 10; num++)
        n = n * 10 + (*num - '0');
    return *num || n > INT_MAX ? -1 : (int)n;
}

/* The file that writing `path` reaches: symbolic links followed, a dangling
 * one to the path of its absent target, stopping at a descriptor's name
 * (fd_alias). Free it; NULL with errno set. */
static char *resolve_target(const char *path)
{
    char *cur = strdup(path), link[PATH_MAX];

    for (int hops = 0; cur && hops < 40; hops++) {
        struct stat st;
        const char *slash;
        char *next;
        ssize_t n;

        if (fd_alias(cur) >= 0 || lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur; /* absent, or not a link: the target itself */
        if ((n = readlink(cur, link, sizeof link - 1)) < 0)
            break;
        link[n] = '\0';
        slash = strrchr(cur, '/');
        next = link[0] == '/' || !slash ? strdup(link)
                                        : join(cur, (size_t)(slash - cur) + 1, link);
        free(cur);
        cur = next;
    }
    if (cur)
        errno = ELOOP;
    free(cur);
    return NULL;
}

/* ---- clashing outputs ------------------------------------------------- */

/* What names one file: its device and inode when it exists, else its
 * canonical path (canonical_path). */
typedef struct {
    int exists, special, alias;
    dev_t dev;
    ino_t ino;
    char *path;
} file_key;

/* `out` (canonical) and "/" and `len` bytes of `name`: by realpath while
 * every name so far exists, else by the text. Frees `out`; NULL when out of
 * memory. */
static char *append_name(char *out, const char *name, size_t len, size_t *virtual_names)
{
    size_t n = strlen(out), size = n + len + 2;
    char *next = malloc(size), *real;

    if (next)
        snprintf(next, size, "%s%s%.*s", out, n > 1 ? "/" : "", (int)len, name);
    free(out);
    if (next && *virtual_names == 0 && (real = realpath(next, NULL))) {
        free(next);
        return real;
    }
    ++*virtual_names; /* absent (or unreadable): what follows is text */
    return next;
}

/* `path` absolute and canonical, though it need not exist (a new --csv
 * DIR): its longest existing prefix by realpath (links resolved), the rest
 * by its text, "." dropped and ".." removing the name before it. A prefix
 * made by realpath holds no link, so ".." removes text there too. Free it;
 * NULL when out of memory or the working directory cannot be named. */
static char *canonical_path(const char *path)
{
    char *out = path[0] == '/' ? strdup("/") : realpath(".", NULL), *slash;
    size_t virtual_names = 0, len;

    for (const char *c = path; out && *c; c += len) {
        while (*c == '/')
            c++;
        if (!(len = strcspn(c, "/")) || (len == 1 && c[0] == '.'))
            continue;
        if (len == 2 && c[0] == '.' && c[1] == '.') {
            slash = strrchr(out, '/');
            slash[slash == out] = '\0'; /* "/a" to "/", "/a/b" to "/a" */
            virtual_names -= virtual_names > 0;
        } else {
            out = append_name(out, c, len, &virtual_names);
        }
    }
    return out;
}

/* A descriptor's key: the file it is open on. */
static void key_of_alias(int fd, file_key *key)
{
    struct stat st;

    if (fstat(fd, &st) != 0)
        return; /* not open: writing reports it */
    key->exists = key->alias = 1;
    key->special = !S_ISREG(st.st_mode);
    key->dev = st.st_dev;
    key->ino = st.st_ino;
}

/* The key of an output (links followed, dangling ones too) or of an input
 * (only when it exists: one that does not is reported when read).
 * @return 0, or -1 when out of memory. */
static int key_of(const char *path, int is_output, file_key *key)
{
    char *target = is_output ? resolve_target(path) : strdup(path);
    struct stat st;

    memset(key, 0, sizeof *key);
    if (!target)
        return errno == ENOMEM ? -1 : 0; /* a link loop: writing reports it */
    if (is_output && fd_alias(target) >= 0) {
        key_of_alias(fd_alias(target), key);
    } else if (stat(target, &st) == 0) {
        key->exists = 1;
        key->special = !S_ISREG(st.st_mode); /* /dev/null may take two outputs */
        key->dev = st.st_dev;
        key->ino = st.st_ino;
    } else if (is_output) {
        key->path = canonical_path(target);
        if (!key->path && errno != ENOMEM)
            key->path = strdup(target); /* no working directory: the text */
        if (!key->path) {
            free(target);
            return -1;
        }
    }
    free(target);
    return 0;
}

/* Devices and pipes may take several outputs, and so may one descriptor
 * (each output is appended to it in turn); a regular file only one. */
static int same_key(const file_key *a, const file_key *b)
{
    if (a->exists || b->exists)
        return a->exists && b->exists && !a->special && !b->special &&
               !(a->alias && b->alias) && a->dev == b->dev && a->ino == b->ino;
    return a->path && b->path && strcmp(a->path, b->path) == 0;
}

static int clash(const char *command, const cli_path *out, const file_key *out_key,
                 const cli_path *other, const file_key *other_key, int other_is_input)
{
    if (!same_key(out_key, other_key))
        return 0;
    if (other_is_input)
        cli_error("mentormatch: refusing to write the %s over the %s '%s'", out->noun,
                  other->noun, other->path);
    else
        cli_usage_error(command, "%s '%s' and %s '%s' are the same file; give each output its own",
                        other->option, other->path, out->option, out->path);
    return 1;
}

int cli_outputs_check(const char *command, const cli_path *outputs, size_t n_outputs,
                      const cli_path *inputs, size_t n_inputs)
{
    file_key *keys = calloc(n_outputs + n_inputs + 1, sizeof *keys);
    size_t n = n_outputs + n_inputs, k, j;
    int code = 0;

    for (k = 0; keys && k < n && code == 0; k++) {
        const cli_path *p = k < n_outputs ? &outputs[k] : &inputs[k - n_outputs];
        if (p->path && key_of(p->path, k < n_outputs, &keys[k]) != 0)
            code = EXIT_INTERNAL;
    }
    for (k = 0; keys && code == 0 && k < n_outputs; k++)
        for (j = 0; outputs[k].path && code == 0 && j < n; j++) {
            const cli_path *other = j < n_outputs ? &outputs[j] : &inputs[j - n_outputs];
            if (j != k && other->path && (j >= n_outputs || j < k) &&
                clash(command, &outputs[k], &keys[k], other, &keys[j], j >= n_outputs))
                code = EXIT_USAGE;
        }
    if (!keys || code == EXIT_INTERNAL)
        cli_error("mentormatch: out of memory");
    for (k = 0; keys && k < n; k++)
        free(keys[k].path);
    free(keys);
    return !keys ? EXIT_INTERNAL : code;
}

/* ---- one output file -------------------------------------------------- */

static mode_t current_umask(void)
{
    mode_t mask = umask(0);

    umask(mask);
    return mask;
}

static int cannot_write(const char *name)
{
    cli_error("mentormatch: cannot write '%s': %s", name, strerror(errno));
    return EXIT_INTERNAL;
}

static int out_of_memory(void)
{
    cli_error("mentormatch: out of memory");
    return EXIT_INTERNAL;
}

/* Make the temporary file `template` (its XXXXXX replaced) and register it. */
static int make_temp(cli_output *o, char *template, mode_t mode)
{
    sigset_t saved;
    int fd;

    guard_signals();
    block_signals(1, &saved);
    fd = mkstemp(template);
    if (fd >= 0 && (o->slot = pending_add(template, PENDING_FILE)) < 0) {
        unlink(template);
        close(fd);
        fd = -1;
        errno = ENAMETOOLONG;
    }
    block_signals(0, &saved);
    if (fd < 0)
        return cannot_write(o->name);
    fchmod(fd, mode); /* mkstemp makes 0600; give the file its usual mode */
    o->temp_path = template;
    o->write_path = template;
    if (!(o->stream = fdopen(fd, "w"))) {
        close(fd);
        return cannot_write(o->name);
    }
    return 0;
}

/* Descriptor `fd` as it is open (fd_alias): no reopening, truncation,
 * temporary or rename. Writers that need a path get /dev/stdout or
 * /dev/stderr, which GLPK writes to its C streams without opening them; for
 * another descriptor, its name where opening it again truncates nothing
 * (a pipe, a device), else none. */
static int open_alias(cli_output *o, int fd)
{
    struct stat st;
    int copy;

    o->alias = 1;
    if (fstat(fd, &st) != 0)
        return cannot_write(o->name);
    if (fd == STDOUT_FILENO || fd == STDERR_FILENO) {
        o->stream = fd == STDOUT_FILENO ? stdout : stderr;
        o->write_path = fd == STDOUT_FILENO ? "/dev/stdout" : "/dev/stderr";
        return 0;
    }
    o->write_path = S_ISREG(st.st_mode) ? NULL : o->target;
    if ((copy = dup(fd)) < 0)
        return cannot_write(o->name);
    if (!(o->stream = fdopen(copy, "w"))) {
        close(copy);
        return cannot_write(o->name);
    }
    return 0;
}

static int open_output(cli_output *o, const char *path)
{
    struct stat st;
    char *template;
    mode_t mode;
    size_t len;

    if (!(o->name = strdup(path)))
        return out_of_memory();
    if (!(o->target = resolve_target(path)))
        return errno == ENOMEM ? out_of_memory() : cannot_write(path);
    if (fd_alias(o->target) >= 0)
        return open_alias(o, fd_alias(o->target));
    /* A device or pipe (/dev/null, a FIFO) has no place for a temporary
     * file beside it, and must not be renamed over. */
    if (stat(o->target, &st) == 0 && !S_ISREG(st.st_mode)) {
        free(o->target);
        o->target = NULL;
        o->write_path = o->name;
        return (o->stream = fopen(path, "w")) ? 0 : cannot_write(path);
    }
    /* Only the permission bits carry over: a setuid or setgid bit would
     * give the new content rights the user did not grant it. */
    mode = stat(o->target, &st) == 0 ? st.st_mode & 0777 : 0666 & ~current_umask();
    len = strlen(o->target);
    if (!(template = malloc(len + sizeof ".tmp.XXXXXX")))
        return out_of_memory();
    memcpy(template, o->target, len);
    memcpy(template + len, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    if (make_temp(o, template, mode) != 0) {
        if (!o->temp_path)
            free(template);
        return EXIT_INTERNAL;
    }
    return 0;
}

int cli_output_open(cli_output *o, const char *path)
{
    int code;

    memset(o, 0, sizeof *o);
    o->slot = -1;
    if (!path) {
        o->stream = stdout;
        return 0;
    }
    if ((code = open_output(o, path)) != 0)
        cli_output_abort(o);
    return code;
}

static void output_free(cli_output *o)
{
    free(o->name);
    free(o->target);
    free(o->temp_path);
    memset(o, 0, sizeof *o);
    o->slot = -1;
}

static int is_std_stream(const FILE *stream)
{
    return stream == stdout || stream == stderr;
}

void cli_output_abort(cli_output *o)
{
    if (o->stream && !is_std_stream(o->stream))
        fclose(o->stream);
    if (o->temp_path)
        unlink(o->temp_path);
    pending_drop(&o->slot);
    output_free(o);
}

/* Flush, sync and close (standard output and error stay open);
 * @return 0 or -1 with errno set. */
static int finish(cli_output *o)
{
    int failed = fflush(o->stream) != 0 || ferror(o->stream);

    if (!failed && o->temp_path && fsync(fileno(o->stream)) != 0)
        failed = 1; /* a device or pipe is not synced */
    if (!is_std_stream(o->stream) && fclose(o->stream) != 0)
        failed = 1;
    o->stream = NULL;
    return failed ? -1 : 0;
}

int cli_output_commit(cli_output *o)
{
    int failed;

    if (!o->name) {
        failed = fflush(stdout) != 0 || ferror(stdout);
        if (failed)
            cli_error("mentormatch: cannot write standard output: %s", strerror(errno));
        memset(o, 0, sizeof *o);
        o->slot = -1;
        return failed ? EXIT_INTERNAL : 0;
    }
    failed = finish(o) != 0 || (o->temp_path && o->target && rename(o->temp_path, o->target) != 0);
    if (failed) {
        cannot_write(o->name);
        cli_output_abort(o);
        return EXIT_INTERNAL;
    }
    pending_drop(&o->slot); /* renamed: nothing is pending any more */
    output_free(o);
    return 0;
}

/* ---- a directory of outputs ------------------------------------------- */

int cli_output_dir_open(cli_output_dir *d, const char *path)
{
    struct stat st;
    size_t len;
    sigset_t saved;
    char *made;

    memset(d, 0, sizeof *d);
    d->slot = -1;
    d->name = path;
    if (stat(path, &st) == 0) { /* an existing DIR: each file atomically inside it */
        if (S_ISDIR(st.st_mode))
            return 0;
        cli_error("mentormatch: cannot make the directory '%s': a file is in the way",
                  path);
        return EXIT_INTERNAL;
    }
    if (!(d->target = resolve_target(path)))
        return errno == ENOMEM ? out_of_memory() : cannot_write(path);
    len = strlen(d->target);
    if (!(d->temp = malloc(len + sizeof ".tmp.XXXXXX")))
        return out_of_memory();
    memcpy(d->temp, d->target, len);
    memcpy(d->temp + len, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    guard_signals();
    block_signals(1, &saved);
    made = mkdtemp(d->temp);
    if (made && (d->slot = pending_add(d->temp, PENDING_DIR)) < 0) {
        rmdir(d->temp);
        made = NULL;
        errno = ENAMETOOLONG;
    }
    block_signals(0, &saved);
    if (!made) {
        cli_error("mentormatch: cannot make the directory '%s': %s", path,
                  strerror(errno));
        cli_output_dir_abort(d, NULL, 0);
        return EXIT_INTERNAL;
    }
    chmod(d->temp, 0777 & ~current_umask()); /* mkdtemp makes 0700 */
    return 0;
}

int cli_output_dir_add(cli_output_dir *d, cli_output *o, const char *name)
{
    const char *dir = d->temp ? d->temp : d->name;
    size_t len = strlen(dir), size = len + strlen(name) + 2;
    char *path = malloc(size);
    sigset_t saved;
    int fd, code;

    memset(o, 0, sizeof *o);
    o->slot = -1;
    if (!path)
        return out_of_memory();
    snprintf(path, size, "%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/", name);
    if (!d->temp) {
        code = cli_output_open(o, path);
        free(path);
        return code;
    }
    /* Inside the temporary directory: the file itself, removed with it. */
    o->temp_path = path;
    o->write_path = path;
    if (!(o->name = strdup(path)))
        return cli_output_abort(o), out_of_memory();
    o->in_dir = 1;
    block_signals(1, &saved);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd >= 0 && (o->slot = pending_add(path, PENDING_FILE)) < 0) {
        close(fd);
        fd = -1;
        errno = ENAMETOOLONG;
    }
    block_signals(0, &saved);
    if (fd < 0 || !(o->stream = fdopen(fd, "w"))) {
        code = cannot_write(path);
        if (fd >= 0)
            close(fd);
        cli_output_abort(o); /* removes the file if it was made */
        return code;
    }
    return 0;
}

void cli_output_dir_abort(cli_output_dir *d, cli_output *files, size_t n)
{
    for (size_t k = 0; k < n; k++)
        cli_output_abort(&files[k]);
    if (d->temp && d->slot >= 0)
        rmdir(d->temp);
    pending_drop(&d->slot);
    free(d->temp);
    free(d->target);
    memset(d, 0, sizeof *d);
    d->slot = -1;
}

static int sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY), rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int cli_output_dir_commit(cli_output_dir *d, cli_output *files, size_t n)
{
    size_t k;

    if (!d->temp) { /* files in an existing DIR: each commits itself */
        int code = 0;
        for (k = 0; k < n; k++)
            if (code)
                cli_output_abort(&files[k]);
            else
                code = cli_output_commit(&files[k]);
        cli_output_dir_abort(d, NULL, 0);
        return code;
    }
    for (k = 0; k < n; k++)
        if (finish(&files[k]) != 0)
            break;
    if (k < n || sync_dir(d->temp) != 0 || rename(d->temp, d->target) != 0) {
        cli_error("mentormatch: cannot write the directory '%s': %s", d->name,
                  strerror(errno));
        cli_output_dir_abort(d, files, n);
        return EXIT_INTERNAL;
    }
    for (k = 0; k < n; k++) { /* renamed with the directory: nothing pending */
        pending_drop(&files[k].slot);
        output_free(&files[k]);
    }
    pending_drop(&d->slot);
    free(d->temp);
    free(d->target);
    memset(d, 0, sizeof *d);
    d->slot = -1;
    return 0;
}
