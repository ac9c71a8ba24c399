/* mentormatch import: CSV files -> input document (docs/csv-format.md);
 * export --csv, the way back, is cmd_export.c's. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char IMPORT_HELP[] =
    "usage: mentormatch import [options]\n"
    "\n"
    "Build an input document from CSV files, one per table, and write it as\n"
    "JSON to standard output (or FILE). The files, their columns and the\n"
    "notation of a cell holding a list are in\n"
    "share/doc/mentormatch/csv-format.md.\n"
    "\n"
    "options:\n"
    "      --dir DIR            each table from DIR/TABLE.csv; mentors, ideas,\n"
    "                           students and applications must be there, the\n"
    "                           others are read when they are\n"
    "      --mentors FILE       id,name,capacity,min_load (required)\n"
    "      --ideas FILE         id,title,org,mentors,slots,requires,size,knowledge,\n"
    "                           impact (required)\n"
    "      --students FILE      id,name,skills,attr.NAME... (required); an attr.NAME\n"
    "                           cell is true/false, a number or text (\\ before\n"
    "                           it forces text), empty: no attribute\n"
    "      --applications FILE  student,idea,rank (required)\n"
    "      --program FILE       key,value: program.name, settings.min_rating, ...\n"
    "      --orgs FILE          id,name,slots\n"
    "      --ratings FILE       mentor,student,idea,score\n"
    "      --conflicts FILE     mentor,student\n"
    "      --fixed FILE         student,idea,mentor\n"
    "      --forbidden FILE     student,idea\n"
    "      --quotas FILE        id,attribute,value,per,min,max\n"
    "      --delimiter C        the cell delimiter of every file: ',', ';' or tab\n"
    "                           (or '\\t'); by default each file's is found from\n"
    "                           its header row\n"
    "      --strict             unknown columns and program keys are errors,\n"
    "                           not warnings\n"
    "  -o, --output FILE        write the document to FILE (atomically)\n"
    "  -h, --help               show this help\n"
    "A file named by its option wins over --dir's. Lists in one cell are\n"
    "separated by ';': \"ann; bob\", skills as \"C=4; linux=2.5\" (quoted in a file\n"
    "whose delimiter is ';'). Files are UTF-8; numbers take a decimal point.\n"
    "Every problem is reported, at its file, row (the header is row 1) and column:\n"
    "  ideas.csv:7: column 'slots': expected a whole number, got 'x'\n"
    "\n"
    "exit codes: 0 done, 1 a problem in the files or in the document they\n"
    "make, 2 wrong usage, 70 internal error or FILE cannot be written\n";

typedef struct {
    mm_csv_files files;
    char *found[MM_CSV_TABLE_COUNT]; /* paths made from --dir (owned) */
    const char *dir, *output;
} import_args;

enum { OPT_TABLE = 256, OPT_DIR = OPT_TABLE + MM_CSV_TABLE_COUNT, OPT_STRICT, OPT_DELIMITER };

char *cli_table_path(const char *dir, mm_csv_table table)
{
    const char *name = mm_csv_table_name(table);
    size_t len = strlen(dir), size = len + strlen(name) + sizeof "/.csv";
    char *path = malloc(size);

    if (path)
        snprintf(path, size, "%s%s%s.csv", dir, len && dir[len - 1] == '/' ? "" : "/", name);
    else
        cli_error("mentormatch: out of memory");
    return path;
}

/* Every table not named by its option, from DIR. @return 0 or an exit code. */
static int take_dir(import_args *args)
{
    for (int t = 0; args->dir && t < MM_CSV_TABLE_COUNT; t++) {
        if (args->files.paths[t])
            continue;
        if (!(args->found[t] = cli_table_path(args->dir, (mm_csv_table)t)))
            return EXIT_INTERNAL;
        /* A required table is taken whether or not it is there: its absence
         * is then reported as the file that cannot be opened. */
        if (mm_csv_table_required((mm_csv_table)t) || access(args->found[t], F_OK) == 0)
            args->files.paths[t] = args->found[t];
    }
    return 0;
}

/* -o names none of the CSV files. @return -1 to go on, or EXIT_USAGE. */
static int check_output(const import_args *args)
{
    const cli_path output = {"-o", args->output, "output"};
    cli_path inputs[MM_CSV_TABLE_COUNT];
    int code;

    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++)
        inputs[t] = (cli_path){mm_csv_table_name((mm_csv_table)t), args->files.paths[t], "input"};
    code = cli_outputs_check("import", &output, 1, inputs, MM_CSV_TABLE_COUNT);
    return code ? code : -1;
}

static int check_args(import_args *args, int operands)
{
    int code;

    if (operands > 0)
        return cli_usage_error("import", "takes no INPUT; name the files with options");
    if ((code = take_dir(args)) != 0)
        return code;
    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++)
        if (mm_csv_table_required((mm_csv_table)t) && !args->files.paths[t])
            return cli_usage_error("import", "needs --%s FILE (or --dir DIR)",
                                   mm_csv_table_name((mm_csv_table)t));
    return check_output(args);
}

/* --delimiter C: ',', ';', a tab, or its names "tab" and "\t".
 * @return -1 to go on, or EXIT_USAGE. */
static int set_delimiter(import_args *args, const char *value)
{
    if (strcmp(value, ",") == 0 || strcmp(value, ";") == 0 || strcmp(value, "\t") == 0)
        args->files.delimiter = value[0];
    else if (strcmp(value, "tab") == 0 || strcmp(value, "\\t") == 0)
        args->files.delimiter = '\t';
    else
        return cli_usage_error("import", "--delimiter takes ',', ';' or tab, not '%s'", value);
    return -1;
}

/* @return -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, import_args *args)
{
    struct option options[MM_CSV_TABLE_COUNT + 6];
    int c, n = 0, code;

    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++)
        options[n++] = (struct option){mm_csv_table_name((mm_csv_table)t), required_argument,
                                       NULL, OPT_TABLE + t};
    options[n++] = (struct option){"dir", required_argument, NULL, OPT_DIR};
    options[n++] = (struct option){"strict", no_argument, NULL, OPT_STRICT};
    options[n++] = (struct option){"delimiter", required_argument, NULL, OPT_DELIMITER};
    options[n++] = (struct option){"output", required_argument, NULL, 'o'};
    options[n++] = (struct option){"help", no_argument, NULL, 'h'};
    options[n] = (struct option){NULL, 0, NULL, 0};
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        if (c >= OPT_TABLE && c < OPT_DIR) {
            args->files.paths[c - OPT_TABLE] = optarg;
            continue;
        }
        switch (c) {
        case OPT_DIR: args->dir = optarg; break;
        case OPT_STRICT: args->files.strict = 1; break;
        case OPT_DELIMITER:
            if ((code = set_delimiter(args, optarg)) >= 0)
                return code;
            break;
        case 'o': args->output = optarg; break;
        case 'h': fputs(IMPORT_HELP, stdout); return EXIT_DONE;
        case ':': return cli_usage_error("import", "%s needs a value", argv[optind - 1]);
        default: return cli_unknown_option("import", options, argv[optind - 1]);
        }
    }
    return check_args(args, argc - optind);
}

static int write_document(const import_args *args, const mm_builder *b)
{
    cli_output out;
    int code = cli_output_open(&out, args->output);

    if (code)
        return code;
    if (mm_builder_write_json(b, out.stream) != 0) {
        cli_error("mentormatch: cannot write %s", args->output ? args->output
                                                                 : "standard output");
        cli_output_abort(&out);
        return EXIT_INTERNAL;
    }
    return cli_output_commit(&out);
}

int cmd_import(int argc, char **argv)
{
    import_args args;
    mm_builder *b = NULL;
    mm_diags *diags = NULL;
    int code, rc;

    memset(&args, 0, sizeof args);
    code = parse_args(argc, argv, &args);
    if (code < 0 && mm_diags_new(&diags) != 0) {
        cli_error("mentormatch: out of memory");
        code = EXIT_INTERNAL;
    }
    if (code < 0) {
        rc = mm_import_csv(&b, &args.files, diags);
        cli_print_diags(NULL, diags);
        if (rc == MM_ENOMEM)
            cli_error("mentormatch: %s", mm_strerror(rc));
        code = rc == 0 ? write_document(&args, b) : cli_exit_code(rc);
    }
    mm_builder_free(b);
    mm_diags_free(diags);
    for (int t = 0; t < MM_CSV_TABLE_COUNT; t++)
        free(args.found[t]);
    return code;
}
