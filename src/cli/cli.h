/*
 * cli.h - what the subcommands of the parley program share: the command
 * type, option parsing (cli_opt.c), loading and diagnostics (load.c),
 * atomic output files (outfile.c) and the rest, one file each.
 * The CLI uses only the public API (include/parley.h).
 *
 * Exit status: 0 success, 1 runtime failure, 2 bad input or usage.
 */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include <stddef.h>
#include <stdint.h>
#include "parley.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

typedef struct {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
	void (*help)(void);
} cli_command;

int cmd_forecast(int argc, char **argv);
void help_forecast(void);
int cmd_validate(int argc, char **argv);
void help_validate(void);
int cmd_backtest(int argc, char **argv);
void help_backtest(void);
int cmd_ledger(int argc, char **argv);
void help_ledger(void);
int cmd_help(int argc, char **argv);
void help_help(void);
int cmd_report(int argc, char **argv);
void help_report(void);

/* A usage error: prints "parley CMD: MESSAGE" and a hint, returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The option parser (cli_opt.c): each subcommand describes its options in
 * one table, which the parser, the usage errors ("did you mean"), the help
 * text and the manual pages all read. Values go into the command's own
 * struct of arguments, at the offsets the table gives:
 *
 *   typedef struct { const char *output; int quiet; uint64_t seed; } my_args;
 *   static const cli_opt my_opts[] = {
 *       { "--output", "-o", NULL, "FILE", CLI_OPT_STRING, offsetof(my_args, output),
 *         "write to FILE" },
 *       ...
 *       CLI_OPT_HELP_ENTRY,
 *       CLI_OPT_END
 *   };
 *   status = cli_parse("cmd", my_opts, help_cmd, argc, argv, 1, 0, &args, operand);
 *   if (status) return status == CLI_DONE ? 0 : status;
 *
 * Options are read in order, `--name VALUE` or `--name=VALUE` (`alias`
 * likewise); the first bad one ends the parse with its usage error.
 */
typedef enum {
	CLI_OPT_FLAG,    /* no value: the int at `at` becomes 1 */
	CLI_OPT_STRING,  /* the value as it is, in the const char * at `at` */
	CLI_OPT_CHOICE,  /* one of `choices`: its index in the int at `at` */
	CLI_OPT_U64,     /* a whole number from lo to hi, in the uint64_t at `at` */
	CLI_OPT_SIZE,    /* the same, in the size_t at `at` */
	CLI_OPT_CALL,    /* parse(cmd, value, args) reads it: 0 or the exit status */
	CLI_OPT_HELP     /* prints the help; the parse ends with CLI_DONE */
} cli_opt_kind;

typedef struct {
	const char *name;    /* "--output" */
	const char *alias;   /* the same option: "-o" (shown in the help) or "--models"
	                      * (not shown); both suggested for a misspelt option */
	const char *hidden;  /* accepted, neither shown nor suggested ("-q", "-h") */
	const char *arg;     /* the value's name in the help ("FILE"); NULL for a flag */
	cli_opt_kind kind;
	size_t at;           /* offsetof() the target in the command's arguments */
	const char *help;    /* what it does, lines separated by '\n' */
	const char *const *choices; /* CHOICE: the values, NULL-terminated */
	const char *bad;     /* CHOICE: the usage error for another value (one %s) */
	uint64_t lo, hi;     /* U64, SIZE: the range */
	int (*parse)(const char *cmd, const char *value, void *args); /* CALL */
	void (*help_more)(void); /* prints lines after the description (a list of models),
	                          * or the description itself when help is NULL */
} cli_opt;

#define CLI_OPT_HELP_ENTRY \
	{ "--help", NULL, "-h", NULL, CLI_OPT_HELP, 0, "show this help", NULL, NULL, 0, 0, NULL, NULL }
/* the same, not listed in the help (whose text does not list it) */
#define CLI_OPT_HELP_UNLISTED \
	{ "--help", NULL, "-h", NULL, CLI_OPT_HELP, 0, NULL, NULL, NULL, 0, 0, NULL, NULL }
#define CLI_OPT_END { NULL, NULL, NULL, NULL, CLI_OPT_FLAG, 0, NULL, NULL, NULL, 0, 0, NULL, NULL }

/* cli_parse()'s result when --help was shown: the command returns 0. */
#define CLI_DONE (-1)

/* Parse argv[first .. argc) against `opts` (ended by a NULL name) into
 * `args`; each operand (an argument not starting with '-', or "-") goes
 * to operand(cmd, arg, args), which returns 0 or the exit status after a
 * usage error. Returns 0, CLI_DONE after --help, or the exit status after
 * printing the usage error. */
int cli_parse(const char *cmd, const cli_opt *opts, void (*help)(void), int argc, char **argv,
	int first, unsigned flags, void *args, int (*operand)(const char *cmd, const char *arg, void *args));
/* flags of cli_parse(): "-5" and "-.5" are operands (numbers), not options */
#define CLI_NUMBERS 1u

/* The one operand of a command: *slot = arg, or when *slot is set already
 * "more than one WHAT ('A' and 'B')". 0 or EXIT_USAGE. */
int cli_one_operand(const char *cmd, const char *what, const char **slot, const char *arg);

/* --scale LO,HI of a CSV actor table into `lo`; 0 or EXIT_USAGE. */
int cli_scale_option(const char *cmd, const char *v, parley_load_options *lo);

/* Print the options' help: "  -o, --output FILE" padded to `width`, then
 * the description (its further lines indented to match), then help_more. */
void cli_opt_help(const cli_opt *opts, int width);

/* A comma-separated list of names into a bit mask: lookup() gives a name's
 * bit (or -1); an unknown name is the usage error `bad` (one %s) or, when
 * NULL, "unknown WHAT 'x' (known WHATs: a b ...)" from name_at(i), the i-th
 * of `count` known names; an empty list is "OPT needs at least one WHAT".
 * 0, or the exit status after the error. */
int cli_parse_names(const char *cmd, const char *opt, const char *what, const char *bad,
	const char *list, int (*lookup)(const char *name), const char *(*name_at)(size_t i),
	size_t count, unsigned *mask);

/* Report an unknown option with the closest of `known` (NULL-terminated). */
int cli_unknown_option(const char *cmd, const char *arg, const char *const *known);

/*
 * Output files (outfile.c): every file a command writes, checked before the
 * work and written all or none (docs/security.md, "Outputs").
 *
 *   cli_outputs *o = cli_outputs_new("forecast");
 *   cli_outputs_input(o, scenario);              each file the command reads
 *   cli_outputs_check(o, "-o", output);          each output, before the work
 *   ... compute ...
 *   cli_outputs_add(o, "-o", output, bytes, n);  stage (temporary file)
 *   status = cli_outputs_commit(o);              streams, then renames
 *   cli_outputs_free(o);                         removes what was not committed
 *
 * Regular files (symlinks followed to their final target) are written to
 * TARGET.tmp.XXXXXX, fsync'ed and renamed over the target at commit,
 * keeping an existing target's mode (and owner and group where allowed);
 * "-", /dev/stdout, /dev/stderr and /dev/fd/N are written to that
 * descriptor, devices and FIFOs straight, both at commit. Every function
 * returns 0 or the exit status after printing why: EXIT_USAGE for an empty
 * name, an output that is one of the inputs (same device and inode), or
 * two outputs naming the same file; EXIT_RUNTIME when a file cannot be
 * written (nothing is then changed: see outfile.c for a failed rename).
 */
typedef struct cli_outputs cli_outputs;

/* A new set of outputs of command `cmd` (static string); NULL after printing
 * "out of memory". */
cli_outputs *cli_outputs_new(const char *cmd);
/* Register a file the command reads ("-": standard input; NULL: none). A
 * file that cannot be stat'ed, or is not a regular file, is skipped. */
int cli_outputs_input(cli_outputs *o, const char *path);
/* Check an output named by option `opt` ("-o", ...) before the work. */
int cli_outputs_check(cli_outputs *o, const char *opt, const char *path);
/* Check a directory option (--svg): not empty, not an existing non-directory. */
int cli_outputs_check_dir(cli_outputs *o, const char *opt, const char *dir);
/* Make `dir` unless it is a directory already; one made here is removed
 * again (if empty) unless the outputs are committed. */
int cli_outputs_make_dir(cli_outputs *o, const char *dir);
/* Stage `len` bytes for `path` (as checked with `opt`, or checked now). */
int cli_outputs_add(cli_outputs *o, const char *opt, const char *path, const char *data, size_t len);
/* Write the staged streams, then rename every staged file into place. */
int cli_outputs_commit(cli_outputs *o);
/* Free; temporary files and directories of an uncommitted set are removed. */
void cli_outputs_free(cli_outputs *o);
/* cli_outputs_add() then cli_outputs_commit(): a command with one output. */
int cli_write_output(cli_outputs *o, const char *opt, const char *path, const char *data, size_t len);

/* The HTML report of a JSON result (html.c, parley/report.h): stage the
 * page for `path` (NULL: no page; checked before as option "--html" or
 * "-o", `page_opt`) and, unless `svg_dir` is NULL, each chart as its own SVG
 * file in svg_dir (made if missing) in `o`; the caller commits. `name`
 * names the JSON in diagnostics and in the page. Returns 0, or the exit
 * status after printing why: EXIT_USAGE when the JSON is not a parley
 * result (diagnostics FILE:LINE:COL), EXIT_RUNTIME when a file cannot be
 * written. */
int cli_write_html(cli_outputs *o, const char *page_opt, const char *path, const char *svg_dir,
	const parley_buf *json, const char *name);
/* As cli_write_html() from bytes, with report options (NULL: defaults). */
int cli_write_report(cli_outputs *o, const char *page_opt, const char *path, const char *svg_dir,
	const char *json, size_t len, const char *name, const parley_report_options *opts);

/* Record a forecast in the ledger (record.c, parley/ledger.h): the
 * questions and forecasts of parley_ledger_doc_from_forecast() added to the
 * ledger at db_path (NULL: the default, its directory made if missing) in
 * one transaction, dated $PARLEY_DATE when set (YYYY-MM-DD) or today (UTC).
 * `mc` may be NULL; `input_path` names the scenario (its base name without
 * extension starts the question ids). Prints one line on stderr saying what
 * was recorded. Returns 0, or the exit status after printing why
 * (EXIT_USAGE: a bad PARLEY_DATE; EXIT_RUNTIME: the ledger cannot be
 * opened or written, or is not a parley ledger). */
int cli_record_forecast(const char *db_path, const parley_scenario *s, const parley_forecast *f,
	const parley_mc *mc, const char *input_path);

/* Print every diagnostic to stderr. */
void cli_print_diags(const parley_diag_list *diags);

/* Load a scenario, printing diagnostics or the error. On success the
 * warnings are moved into `warnings` (the caller prints them and disposes
 * of it), or printed when it is NULL. Returns 0, or the exit status. */
int cli_load(parley_scenario **out, const char *path, const parley_load_options *opts,
	parley_diag_list *warnings);

/* Text built by the CLI itself (malloc'ed; the caller frees ptr). */
typedef struct {
	char *ptr;
	size_t size, asize;
} cli_text;

/* Append the expected-utility model's round-by-round internals on one
 * issue to `out` (trace.c). Returns 0 or -1 on out of memory. */
int cli_bdm_trace(cli_text *out, const parley_scenario *s, size_t issue,
	const parley_bdm_options *opts);

/* Monte Carlo from the command line (mc_run.c): create and run the draws
 * of this process's part, with a progress bar on a terminal unless quiet;
 * with mpi, rank 0 ends with every rank's totals merged. 0 or exit status. */
int cli_mc_run(parley_mc **out, const parley_scenario *s, const parley_forecast_options *fo,
	const parley_mc_options *mo, int quiet, int mpi);
/* A monotonic clock in seconds (mc_run.c). */
double cli_now(void);
/* One line of a progress bar on stderr ("\rWHAT [####....] 40% 4/10 UNIT,
 * 2/s, 3 s left"; what may be NULL); `last` ends the line with the time
 * taken (with what) and a newline. */
void cli_progress(const char *what, const char *unit, uint64_t done, uint64_t total, double started,
	int last);
/* MPI set-up (a no-op returning -1 when built without MPI). */
int cli_mpi_init(int *argc, char ***argv, int *rank, int *size);
void cli_mpi_finalize(void);
/* The worst status over all ranks (every rank calls it). */
int cli_mpi_agree(int status);

/* Parse "LO,HI". Returns 0 or -1. */
int cli_parse_scale(const char *text, double *lo, double *hi);

#endif
