/*
 * cli.h - what the subcommands of the parley program share: the command
 * table, option parsing helpers, atomic output files and diagnostics.
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

const cli_command *cli_command_lookup(const char *name);
const cli_command *cli_commands(size_t *count);

/* A usage error: prints "parley CMD: MESSAGE" and a hint, returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Option matching: `--name VALUE` or `--name=VALUE`. Returns 1 when argv[*i]
 * is the option (and sets *value, advancing *i), 0 when it is not, -1 when
 * the value is missing (after printing a usage error). */
int cli_opt_value(const char *cmd, int argc, char **argv, int *i,
	const char *name, const char **value);

/* Report an unknown option with the closest of `known` (NULL-terminated). */
int cli_unknown_option(const char *cmd, const char *arg, const char *const *known);

/* Write `len` bytes to `path` atomically (temporary file in the same
 * directory, then rename); "-" writes to stdout. Returns 0 or -1 after
 * printing the reason. */
int cli_write_output(const char *path, const char *data, size_t len);

/* The HTML report of a JSON result (html.c, parley/report.h): the page to
 * `path` ("-": stdout; NULL: no page) atomically and, unless `svg_dir` is
 * NULL, each chart as its own SVG file in svg_dir (made if missing), each
 * written atomically. `name` names the JSON in diagnostics and in the
 * page. Returns 0, or the exit status after printing why: EXIT_USAGE when
 * the JSON is not a parley result (diagnostics FILE:LINE:COL), EXIT_RUNTIME
 * when a file cannot be written. */
int cli_write_html(const char *path, const char *svg_dir, const parley_buf *json, const char *name);
/* As cli_write_html() from bytes, with report options (NULL: defaults). */
int cli_write_report(const char *path, const char *svg_dir, const char *json, size_t len,
	const char *name, const parley_report_options *opts);

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
/* MPI set-up (a no-op returning -1 when built without MPI). */
int cli_mpi_init(int *argc, char ***argv, int *rank, int *size);
void cli_mpi_finalize(void);
/* The worst status over all ranks (every rank calls it). */
int cli_mpi_agree(int status);

/* Parse a whole number in [lo, hi] for option `opt`; prints a usage error and
 * returns -1 when it is not one. */
int cli_parse_u64(const char *cmd, const char *opt, const char *text, uint64_t lo, uint64_t hi,
	uint64_t *out);

/* Parse "LO,HI". Returns 0 or -1. */
int cli_parse_scale(const char *text, double *lo, double *hi);

#endif
