/*
 * cmd_report.c - `parley report RESULT.json [-o FILE] [--svg DIR]`: render
 * the HTML report of a saved JSON result (a forecast, a backtest, or a
 * ledger's export or scores) as one
 * self-contained page, and optionally each chart as an SVG file
 * (docs/report.md).
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const char *const known_options[] = { "--output", "-o", "--svg", "--tornado",
	"--tornado-inputs", "--help", NULL };

void help_report(void)
{
	printf("Usage: parley report RESULT.json [OPTIONS]\n\n"
	       "Render the JSON result of 'parley forecast --format json' (or of a backtest, or\n"
	       "of 'parley ledger export --format json' or 'parley ledger score --format json')\n"
	       "as one self-contained HTML page: no network, no script, printable. RESULT.json\n"
	       "may be '-' for standard input. 'parley forecast FILE --html report.html' gives\n"
	       "the same page in one step.\n\n"
	       "Options:\n"
	       "  -o, --output FILE     write the page to FILE (atomically; default: standard output;\n"
	       "                        never over RESULT.json)\n"
	       "  --svg DIR             also write each chart as its own SVG file in DIR\n"
	       "                        (made if missing), e.g. DIR/04-missiles-positions.svg\n"
	       "  --tornado MODEL       whose sensitivity the tornado charts rank (default compromise)\n"
	       "  --tornado-inputs N    inputs per tornado chart (default 10)\n"
	       "  --help                show this help\n\n"
	       "The page and the charts are written all or none: temporary files first, renamed\n"
	       "into place once every one is written (docs/security.md).\n\n"
	       "Exit status: 0 success, 1 runtime failure, 2 bad input (positioned as\n"
	       "FILE:LINE:COL) or usage.\n"
	       "Example: parley forecast examples/security-guarantees-2022.yaml --draws 2000 \\\n"
	       "           --format json -o result.json && parley report result.json -o report.html\n");
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
	parley_report_options opts = PARLEY_REPORT_OPTIONS_INIT;
	const char *input = NULL, *output = "-", *svg_dir = NULL, *v;
	parley_buf json = PARLEY_BUF_INIT;
	cli_outputs *outs;
	uint64_t n;
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			help_report();
			return 0;
		}
		if ((rc = cli_opt_value("report", argc, argv, &i, "--output", &v)) != 0 ||
		    (rc = cli_opt_value("report", argc, argv, &i, "-o", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			output = v;
		} else if ((rc = cli_opt_value("report", argc, argv, &i, "--svg", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			svg_dir = v;
		} else if ((rc = cli_opt_value("report", argc, argv, &i, "--tornado-inputs", &v)) != 0) {
			if (rc < 0 || cli_parse_u64("report", "--tornado-inputs", v, 1, 1000, &n) < 0)
				return EXIT_USAGE;
			opts.tornado_inputs = (size_t)n;
		} else if ((rc = cli_opt_value("report", argc, argv, &i, "--tornado", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (strcmp(v, "mean") && strcmp(v, "compromise") && strcmp(v, "median") &&
			    strcmp(v, "nbs") && strcmp(v, "bdm"))
				return cli_usage_error("report", "unknown model '%s' for --tornado "
					"(mean, compromise, median, nbs or bdm)", v);
			opts.sensitivity_model = v;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return cli_unknown_option("report", arg, known_options);
		} else if (!input) {
			input = arg;
		} else {
			return cli_usage_error("report", "more than one input file ('%s' and '%s')", input, arg);
		}
	}
	if (!input)
		return cli_usage_error("report", "no input file (the JSON result of 'parley forecast --format json')");
	if (!(outs = cli_outputs_new("report")))
		return EXIT_RUNTIME;
	if ((rc = cli_outputs_input(outs, input)) == 0 &&
	    (rc = cli_outputs_check(outs, "-o", output)) == 0 &&
	    (!svg_dir || (rc = cli_outputs_check_dir(outs, "--svg", svg_dir)) == 0) &&
	    (rc = read_all(input, &json)) == 0 &&
	    (rc = cli_write_report(outs, "-o", output, svg_dir, json.ptr ? json.ptr : "", json.size,
		strcmp(input, "-") ? input : "<stdin>", &opts)) == 0)
		rc = cli_outputs_commit(outs);
	cli_outputs_free(outs);
	parley_buf_dispose(&json);
	return rc;
}
