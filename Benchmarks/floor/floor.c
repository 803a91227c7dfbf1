/*
 * The floor anchor of the trustc benchmark (Benchmarks/run.py compiles and runs it).
 *
 *     floor INPUT_DIR                         parse only
 *     floor INPUT_DIR SIZES_FILE OUTPUT_DIR   parse, then write the output files
 *
 * Parses every YAML file (*.yaml, *.yml) under INPUT_DIR with LibYAML's event parser alone
 * (yaml_parser_parse until the end of the stream, every event deleted), which is the least any
 * YAML-reading compiler must do. With SIZES_FILE (lines "SIZE<TAB>RELATIVE/PATH", as run.py
 * writes them from the tree trustc rendered), it then creates OUTPUT_DIR and writes the same
 * number of files, with the same relative paths and byte sizes, creating directories as needed:
 * the least any renderer of that output must do. Prints one summary line on stdout.
 *
 * Build: cc -O2 -o floor floor.c $(pkg-config --cflags --libs yaml-0.1)
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static long files_parsed, events_parsed, bytes_parsed;
static int failures;

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void parse_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { fprintf(stderr, "floor: %s: %s\n", path, strerror(errno)); failures++; return; }
    yaml_parser_t parser;
    yaml_event_t event;
    if (!yaml_parser_initialize(&parser)) { fprintf(stderr, "floor: out of memory\n"); exit(2); }
    yaml_parser_set_input_file(&parser, file);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "floor: %s:%lu: %s\n", path, (unsigned long)parser.problem_mark.line + 1,
                    parser.problem ? parser.problem : "parse error");
            failures++;
            break;
        }
        events_parsed++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    bytes_parsed += (long)ftell(file);
    yaml_parser_delete(&parser);
    fclose(file);
    files_parsed++;
}

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw) {
    (void)sb; (void)ftw;
    if (type == FTW_F && (ends_with(path, ".yaml") || ends_with(path, ".yml"))) parse_file(path);
    return 0;
}

/* mkdir -p of the directory part of `path` (which is modified and restored). */
static int make_parents(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        int rc = mkdir(path, 0755);
        *p = '/';
        if (rc != 0 && errno != EEXIST) return -1;
    }
    return 0;
}

static long write_outputs(const char *sizes_file, const char *out_dir, long *bytes_written) {
    FILE *list = fopen(sizes_file, "r");
    if (!list) { fprintf(stderr, "floor: %s: %s\n", sizes_file, strerror(errno)); exit(2); }
    if (mkdir(out_dir, 0755) != 0) { fprintf(stderr, "floor: %s: %s\n", out_dir, strerror(errno)); exit(2); }
    size_t capacity = 1 << 20;
    char *buffer = malloc(capacity);
    memset(buffer, 'x', capacity);
    char line[8192], path[8192 + 1024];
    long files = 0;
    *bytes_written = 0;
    while (fgets(line, sizeof line, list)) {
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        char *relative = tab + 1;
        relative[strcspn(relative, "\n")] = '\0';
        size_t size = strtoul(line, NULL, 10);
        snprintf(path, sizeof path, "%s/%s", out_dir, relative);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 && errno == ENOENT) {
            if (make_parents(path) != 0) { fprintf(stderr, "floor: %s: %s\n", path, strerror(errno)); exit(2); }
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        }
        if (fd < 0) { fprintf(stderr, "floor: %s: %s\n", path, strerror(errno)); exit(2); }
        if (size > capacity) {
            capacity = size;
            buffer = realloc(buffer, capacity);
            memset(buffer, 'x', capacity);
        }
        size_t done = 0;
        while (done < size) {
            ssize_t n = write(fd, buffer + done, size - done);
            if (n < 0) { fprintf(stderr, "floor: %s: %s\n", path, strerror(errno)); exit(2); }
            done += (size_t)n;
        }
        close(fd);
        files++;
        *bytes_written += (long)size;
    }
    fclose(list);
    free(buffer);
    return files;
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: floor INPUT_DIR [SIZES_FILE OUTPUT_DIR]\n");
        return 2;
    }
    if (nftw(argv[1], visit, 64, FTW_PHYS) != 0) {
        fprintf(stderr, "floor: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    printf("parsed %ld YAML files, %ld bytes, %ld events", files_parsed, bytes_parsed, events_parsed);
    if (argc == 4) {
        long bytes_written;
        long files = write_outputs(argv[2], argv[3], &bytes_written);
        printf("; wrote %ld files, %ld bytes", files, bytes_written);
    }
    printf("\n");
    return failures ? 1 : 0;
}
