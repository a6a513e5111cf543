/*
 * cmd_report.c - `parley report RESULT.json [-o FILE] [--svg DIR]`: render
 * the HTML report of a saved JSON result (a forecast, a backtest, or a
 * ledger's export or scores) as one
 * self-contained page, and optionally each chart as an SVG file
 * (docs/report.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const char *const known_options[] = { "--output", "-o", "--svg", "--tornado",
	"--tornado-inputs", "--help", NULL };

/* Largest JSON result read (bytes). */
#define MAX_INPUT ((size_t)1 << 30)

void help_report(void)
{
	printf("Usage: parley report RESULT.json [OPTIONS]\n\n"
	       "Render the JSON result of 'parley forecast --format json' (or of a backtest, or\n"
	       "of 'parley ledger export --format json' or 'parley ledger score --format json')\n"
	       "as one self-contained HTML page: no network, no script, printable. RESULT.json\n"
	       "may be '-' for standard input. 'parley forecast FILE --html report.html' gives\n"
	       "the same page in one step.\n\n"
	       "Options:\n"
	       "  -o, --output FILE     write the page to FILE (atomically; default: standard output)\n"
	       "  --svg DIR             also write each chart as its own SVG file in DIR\n"
	       "                        (made if missing), e.g. DIR/04-missiles-positions.svg\n"
	       "  --tornado MODEL       whose sensitivity the tornado charts rank (default compromise)\n"
	       "  --tornado-inputs N    inputs per tornado chart (default 10)\n"
	       "  --help                show this help\n\n"
	       "Exit status: 0 success, 1 runtime failure, 2 bad input (positioned as\n"
	       "FILE:LINE:COL) or usage.\n"
	       "Example: parley forecast examples/security-guarantees-2022.yaml --draws 2000 \\\n"
	       "           --format json -o result.json && parley report result.json -o report.html\n");
}

/* Read all of `path` ("-": standard input). 0, or the exit status after printing why. */
static int read_all(const char *path, char **out, size_t *len)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!fp) {
		fprintf(stderr, "%s: error: cannot read the file: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	do {
		if (cap - n < 65536) {
			char *p;
			cap = cap ? cap * 2 : 262144;
			if (cap > MAX_INPUT + 65536 || !(p = realloc(buf, cap))) {
				fprintf(stderr, "%s: error: %s\n", path, cap > MAX_INPUT + 65536 ?
					"the file is larger than 1 GiB" : "out of memory");
				free(buf);
				if (fp != stdin)
					fclose(fp);
				return cap > MAX_INPUT + 65536 ? EXIT_USAGE : EXIT_RUNTIME;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
	} while (got > 0);
	if (ferror(fp)) {
		fprintf(stderr, "%s: error: cannot read the file: %s\n", path, strerror(errno));
		free(buf);
		if (fp != stdin)
			fclose(fp);
		return EXIT_USAGE;
	}
	if (fp != stdin)
		fclose(fp);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int cmd_report(int argc, char **argv)
{
	parley_report_options opts = PARLEY_REPORT_OPTIONS_INIT;
	const char *input = NULL, *output = "-", *svg_dir = NULL, *v;
	char *json = NULL;
	size_t len = 0;
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
			if (!*v)
				return cli_usage_error("report", "--svg needs a directory");
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
	if ((rc = read_all(input, &json, &len)) != 0)
		return rc;
	rc = cli_write_report(output, svg_dir, json, len, strcmp(input, "-") ? input : "<stdin>", &opts);
	free(json);
	return rc;
}
