/* Replays files through the fuzz target without libFuzzer, so every CI run
 * (gcc, sanitizers) re-checks the corpus: standalone FILE|DIR... */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *in = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t len = 0, capacity = 0, got;

    if (!in) {
        perror(path);
        return 1;
    }
    do {
        if (len == capacity) {
            uint8_t *grown = realloc(data, capacity = capacity ? capacity * 2 : 65536);
            if (!grown) {
                free(data);
                fclose(in);
                return 1;
            }
            data = grown;
        }
        got = fread(data + len, 1, capacity - len, in);
        len += got;
    } while (got > 0);
    fclose(in);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    return 0;
}

static int replay(const char *path, size_t *count)
{
    struct stat st;
    DIR *dir;
    struct dirent *entry;
    int failed = 0;

    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        (*count)++;
        return replay_file(path);
    }
    if (!(dir = opendir(path)))
        return 1;
    while ((entry = readdir(dir)) != NULL) {
        char child[4096];
        if (entry->d_name[0] == '.')
            continue;
        snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
        failed |= replay(child, count);
    }
    closedir(dir);
    return failed;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int failed = 0;

    for (int i = 1; i < argc; i++)
        failed |= replay(argv[i], &count);
    printf("replayed %zu inputs: %s\n", count, failed ? "FAILED" : "ok");
    return failed;
}
