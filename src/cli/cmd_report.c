/*
 * cmd_report.c - `parley report RESULT.json [-o FILE] [--svg DIR]`: render
 * the HTML report of a saved JSON result (a forecast, a backtest, or a
 * ledger's export or scores) as one
 * self-contained page, and optionally each chart as an SVG file
 * (docs/report.md).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

typedef struct {
	parley_report_options opts;
	const char *input, *output, *svg_dir;
} report_args;

static int parse_tornado(const char *cmd, const char *v, void *args)
{
	if (strcmp(v, "mean") && strcmp(v, "compromise") && strcmp(v, "median") &&
	    strcmp(v, "nbs") && strcmp(v, "bdm"))
		return cli_usage_error(cmd, "unknown model '%s' for --tornado "
			"(mean, compromise, median, nbs or bdm)", v);
	((report_args *)args)->opts.sensitivity_model = v;
	return 0;
}

static const cli_opt report_opts[] = {
	{ "--output", "-o", NULL, "FILE", CLI_OPT_STRING, offsetof(report_args, output),
	  "write the page to FILE (atomically; default: standard output;\nnever over RESULT.json)",
	  NULL, NULL, 0, 0, NULL, NULL },
	{ "--svg", NULL, NULL, "DIR", CLI_OPT_STRING, offsetof(report_args, svg_dir),
	  "also write each chart as its own SVG file in DIR\n"
	  "(made if missing), e.g. DIR/04-missiles-positions.svg", NULL, NULL, 0, 0, NULL, NULL },
	{ "--tornado", NULL, NULL, "MODEL", CLI_OPT_CALL, 0,
	  "whose sensitivity the tornado charts rank (default compromise)",
	  NULL, NULL, 0, 0, parse_tornado, NULL },
	{ "--tornado-inputs", NULL, NULL, "N", CLI_OPT_SIZE,
	  offsetof(report_args, opts) + offsetof(parley_report_options, tornado_inputs),
	  "inputs per tornado chart (default 10)", NULL, NULL, 1, 1000, NULL, NULL },
	CLI_OPT_HELP_ENTRY,
	CLI_OPT_END
};

void help_report(void)
{
	printf("Usage: parley report RESULT.json [OPTIONS]\n\n"
	       "Render the JSON result of 'parley forecast --format json' (or of a backtest, or\n"
	       "of 'parley ledger export --format json' or 'parley ledger score --format json')\n"
	       "as one self-contained HTML page: no network, no script, printable. RESULT.json\n"
	       "may be '-' for standard input. 'parley forecast FILE --html report.html' gives\n"
	       "the same page in one step.\n\n"
	       "Options:\n");
	cli_opt_help(report_opts, 21);
	printf("\nThe page and the charts are written all or none: temporary files first, renamed\n"
	       "into place once every one is written (docs/security.md).\n\n"
	       "Exit status: 0 success, 1 runtime failure, 2 bad input (positioned as\n"
	       "FILE:LINE:COL) or usage.\n"
	       "Example: parley forecast examples/security-guarantees-2022.yaml --draws 2000 \\\n"
	       "           --format json -o result.json && parley report result.json -o report.html\n");
}

static int operand(const char *cmd, const char *arg, void *args)
{
	return cli_one_operand(cmd, "input file", &((report_args *)args)->input, arg);
}

/* Read all of `path` ("-": standard input), at most the library's limit
 * for a JSON result. 0, or the exit status after printing why. */
static int read_all(const char *path, parley_buf *out)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	int rc = parley_read_file(out, strcmp(path, "-") ? path : "/dev/stdin",
		PARLEY_MAX_INPUT_BYTES, &diags);

	if (rc == PARLEY_EPARSE)
		cli_print_diags(&diags);
	else if (rc == PARLEY_EIO)
		fprintf(stderr, "%s: error: %s\n", path, parley_error_last()->message);
	else if (rc < 0)
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
	parley_diag_list_dispose(&diags);
	return rc == 0 ? 0 : rc == PARLEY_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

int cmd_report(int argc, char **argv)
{
	report_args a = { PARLEY_REPORT_OPTIONS_INIT, NULL, "-", NULL };
	const char *input, *output, *svg_dir;
	parley_buf json = PARLEY_BUF_INIT;
	cli_outputs *outs;
	int rc = cli_parse("report", report_opts, help_report, argc, argv, 1, 0, &a, operand);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	input = a.input;
	output = a.output;
	svg_dir = a.svg_dir;
	if (!input)
		return cli_usage_error("report", "no input file (the JSON result of 'parley forecast --format json')");
	if (!(outs = cli_outputs_new("report")))
		return EXIT_RUNTIME;
	if ((rc = cli_outputs_input(outs, input)) == 0 &&
	    (rc = cli_outputs_check(outs, "-o", output)) == 0 &&
	    (!svg_dir || (rc = cli_outputs_check_dir(outs, "--svg", svg_dir)) == 0) &&
	    (rc = read_all(input, &json)) == 0 &&
	    (rc = cli_write_report(outs, "-o", output, svg_dir, json.ptr ? json.ptr : "", json.size,
		strcmp(input, "-") ? input : "<stdin>", &a.opts)) == 0)
		rc = cli_outputs_commit(outs);
	cli_outputs_free(outs);
	parley_buf_dispose(&json);
	return rc;
}
