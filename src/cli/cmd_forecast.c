/*
 * cmd_forecast.c - `parley forecast FILE`: load a scenario (YAML or a CSV
 * actor table), run the selected models on every issue and print the
 * result as text, JSON or CSV, to stdout or atomically to a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const char *const known_options[] = { "--model", "--models", "--format", "--output",
	"-o", "--scale", "--median-tie", "--nbs-weights", "--nbs-loss", "--bdm-profile", "--rounds",
	"--bdm-q", "--bdm-selection", "--bdm-range", "--trace", "--draws", "--seed", "--threads",
	"--quiet", "--mpi", "--record", "--db", "--html", "--svg", "--packages", "--help", NULL };

void help_forecast(void)
{
	size_t i;
	printf("Usage: parley forecast FILE [OPTIONS]\n\n"
	       "Forecast every issue of FILE with the models side by side. FILE is a\n"
	       "scenario in YAML (docs/scenario-format.md) or an actor table in CSV with\n"
	       "the header Actor,Capability,Position,Salience (one issue named after the file).\n\n"
	       "Options:\n"
	       "  --model LIST          comma-separated models (default: all that apply):\n");
	for (i = 0; i < parley_model_count(); i++) {
		const parley_model_type *t = parley_model_type_at(i);
		printf("                          %-10s %s%s\n", t->name, t->title,
			t->by_default ? "" : " (only when asked for)");
	}
	printf("  --format FORMAT       text (default), json or csv\n"
	       "  -o, --output FILE     write to FILE (atomically: temporary file, then rename;\n"
	       "                        never over FILE; - or /dev/stdout: standard output)\n"
	       "  --scale LO,HI         scale of a CSV actor table (default 0,100)\n"
	       "  --median-tie RULE     lower, midpoint (default) or upper end of a tie interval\n"
	       "  --nbs-weights W       capability (default) or capability-salience\n"
	       "  --nbs-loss P          1 (linear) or 2 (quadratic, default)\n"
	       "  --bdm-profile P       expected-utility profile: paper (default) or compat\n"
	       "                        (compat reproduces Scholz et al. 2011, Table 2)\n"
	       "  --rounds N            at most N rounds of the expected-utility model (default 10)\n"
	       "  --bdm-q Q             probability an unchallenged actor stays put, 0-1 (default 1)\n"
	       "  --bdm-selection S     category (default), least or max_eu: how an actor picks\n"
	       "                        among offers (paper profile)\n"
	       "  --bdm-range R         initial (default: spread of the initial positions) or scale\n"
	       "  --trace ISSUE         print the expected-utility internals of each round for ISSUE\n"
	       "                        (P, EU, risk exponents, offers; text format only)\n"
	       "  --draws N             Monte Carlo: N draws of every uncertain input (default: none,\n"
	       "                        a point forecast); adds distributions, probabilities and\n"
	       "                        sensitivity to the output\n"
	       "  --seed S              the generator's seed, 0 to 2^64-1 (default 1)\n"
	       "  --threads T           worker threads (default: one per core)\n"
	       "  --quiet               no progress bar\n"
	       "  --mpi                 split the draws over the MPI ranks (run under mpirun)\n"
	       "  --packages K          also analyse every package of 2..K linked issues (K <= 4)\n"
	       "  --html FILE           also write the HTML report (self-contained) to FILE\n"
	       "  --svg DIR             with --html: also write each chart as an SVG file in DIR\n"
	       "  --record              record the forecasts in the ledger (see 'parley help ledger')\n"
	       "  --db FILE             the ledger's database (default under $XDG_DATA_HOME/parley)\n"
	       "  --help                show this help\n\n"
	       "Outputs (-o, --html, --svg) are written all or none: temporary files first,\n"
	       "renamed into place once every one is written and the ledger is recorded\n"
	       "(docs/security.md).\n\n"
	       "Exit status: 0 success, 1 runtime failure, 2 bad input or usage.\n"
	       "Example: parley forecast examples/security-guarantees-2022.yaml --format json -o out.json\n");
}

static int parse_models(const char *list, unsigned *mask)
{
	char *copy = strdup(list), *tok, *save = NULL;
	int rc = 0;

	if (!copy)
		return -1;
	*mask = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const parley_model_type *t = parley_model_type_lookup(tok);
		if (!t) {
			size_t i;
			fprintf(stderr, "parley forecast: unknown model '%s' (known models:", tok);
			for (i = 0; i < parley_model_count(); i++)
				fprintf(stderr, " %s", parley_model_type_at(i)->name);
			fprintf(stderr, ")\nTry 'parley forecast --help'.\n");
			rc = -1;
			break;
		}
		*mask |= 1u << parley_model_type_index(t);
	}
	free(copy);
	if (!rc && !*mask) {
		cli_usage_error("forecast", "--model needs at least one model");
		rc = -1;
	}
	return rc;
}

/* --trace names no issue of the scenario: say so, with the closest id. */
static void trace_unknown_issue(const parley_scenario *s, const char *trace, const char *file)
{
	size_t n = parley_scenario_issue_count(s), i;
	const char **ids = malloc((n + 1) * sizeof(*ids));
	const char *hint = NULL;

	if (ids) {
		for (i = 0; i < n; i++)
			ids[i] = parley_scenario_issue(s, i)->id;
		hint = parley_suggest(trace, ids, n);
	}
	if (hint)
		fprintf(stderr, "parley forecast: --trace: no issue '%s' in %s (did you mean '%s'?)\n",
			trace, file, hint);
	else
		fprintf(stderr, "parley forecast: --trace: no issue '%s' in %s\n", trace, file);
	free(ids);
}

/* The ledger --record writes to (--db, or the default) is an input too:
 * no output may replace it. */
static int record_input(cli_outputs *o, const char *db)
{
	parley_buf def = PARLEY_BUF_INIT;
	int rc;

	if (db)
		return cli_outputs_input(o, db);
	if (parley_ledger_default_path(&def, 0) < 0) {
		parley_buf_dispose(&def);
		return 0; /* no default ledger: recording reports why */
	}
	rc = cli_outputs_input(o, def.ptr);
	parley_buf_dispose(&def);
	return rc;
}

int cmd_forecast(int argc, char **argv)
{
	parley_load_options lopts = PARLEY_LOAD_OPTIONS_INIT;
	parley_forecast_options fopts = PARLEY_FORECAST_OPTIONS_INIT;
	parley_output_format fmt = PARLEY_OUTPUT_TEXT;
	parley_scenario *s = NULL;
	parley_forecast *f = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	const char *file = NULL, *output = "-", *v, *trace = NULL;
	cli_text tr = { NULL, 0, 0 };
	parley_mc_options mopts = PARLEY_MC_OPTIONS_INIT;
	parley_output_options oopts = PARLEY_OUTPUT_OPTIONS_INIT;
	parley_diag_list warnings = PARLEY_DIAG_LIST_INIT;
	parley_mc *mc = NULL;
	int quiet = 0, mpi = 0, rank = 0, size = 1, record = 0;
	const char *db = NULL, *html = NULL, *svg = NULL;
	cli_outputs *outs;
	uint64_t draws = 0;
	int i, rc, status = 0;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			help_forecast();
			return 0;
		}
		if ((rc = cli_opt_value("forecast", argc, argv, &i, "--model", &v)) != 0 ||
		    (rc = cli_opt_value("forecast", argc, argv, &i, "--models", &v)) != 0) {
			if (rc < 0 || parse_models(v, &fopts.models) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--format", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "text")) fmt = PARLEY_OUTPUT_TEXT;
			else if (!strcmp(v, "json")) fmt = PARLEY_OUTPUT_JSON;
			else if (!strcmp(v, "csv")) fmt = PARLEY_OUTPUT_CSV;
			else return cli_usage_error("forecast", "unknown format '%s' (text, json or csv)", v);
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--output", &v)) != 0 ||
			   (rc = cli_opt_value("forecast", argc, argv, &i, "-o", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			output = v;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--scale", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (cli_parse_scale(v, &lopts.scale_lo, &lopts.scale_hi) < 0)
				return cli_usage_error("forecast", "bad --scale '%s' (LO,HI with LO < HI)", v);
			lopts.has_scale = 1;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--median-tie", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "lower")) fopts.median_tie = PARLEY_TIE_LOWER;
			else if (!strcmp(v, "midpoint")) fopts.median_tie = PARLEY_TIE_MIDPOINT;
			else if (!strcmp(v, "upper")) fopts.median_tie = PARLEY_TIE_UPPER;
			else return cli_usage_error("forecast", "unknown --median-tie '%s' (lower, midpoint or upper)", v);
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--nbs-weights", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "capability")) fopts.nbs_weights = PARLEY_NBS_WEIGHTS_CAPABILITY;
			else if (!strcmp(v, "capability-salience")) fopts.nbs_weights = PARLEY_NBS_WEIGHTS_CAPABILITY_SALIENCE;
			else return cli_usage_error("forecast", "unknown --nbs-weights '%s' (capability or capability-salience)", v);
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--nbs-loss", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "1")) fopts.nbs_loss = 1;
			else if (!strcmp(v, "2")) fopts.nbs_loss = 2;
			else return cli_usage_error("forecast", "unknown --nbs-loss '%s' (1 or 2)", v);
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--bdm-profile", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "paper")) fopts.bdm.profile = PARLEY_BDM_PAPER;
			else if (!strcmp(v, "compat")) fopts.bdm.profile = PARLEY_BDM_COMPAT;
			else return cli_usage_error("forecast", "unknown --bdm-profile '%s' (paper or compat)", v);
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--rounds", &v)) != 0) {
			char *end;
			unsigned long r;
			if (rc < 0)
				return EXIT_USAGE;
			r = strtoul(v, &end, 10);
			if (end == v || *end || v[0] == '-' || r < 1 || r > 100000)
				return cli_usage_error("forecast", "bad --rounds '%s' (a whole number from 1 to 100000)", v);
			fopts.bdm.max_rounds = (size_t)r;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--bdm-q", &v)) != 0) {
			char *end;
			if (rc < 0)
				return EXIT_USAGE;
			fopts.bdm.q = strtod(v, &end);
			if (end == v || *end || !(fopts.bdm.q >= 0 && fopts.bdm.q <= 1))
				return cli_usage_error("forecast", "bad --bdm-q '%s' (a number from 0 to 1)", v);
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--bdm-selection", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "category")) fopts.bdm.selection = PARLEY_BDM_SELECT_CATEGORY;
			else if (!strcmp(v, "least")) fopts.bdm.selection = PARLEY_BDM_SELECT_LEAST;
			else if (!strcmp(v, "max_eu")) fopts.bdm.selection = PARLEY_BDM_SELECT_MAX_EU;
			else return cli_usage_error("forecast", "unknown --bdm-selection '%s' (category, least or max_eu)", v);
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--bdm-range", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "initial")) fopts.bdm.range = PARLEY_BDM_RANGE_INITIAL;
			else if (!strcmp(v, "scale")) fopts.bdm.range = PARLEY_BDM_RANGE_SCALE;
			else return cli_usage_error("forecast", "unknown --bdm-range '%s' (initial or scale)", v);
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--draws", &v)) != 0) {
			if (rc < 0 || cli_parse_u64("forecast", "--draws", v, 1, UINT64_C(1) << 31, &draws) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--seed", &v)) != 0) {
			if (rc < 0 || cli_parse_u64("forecast", "--seed", v, 0, UINT64_MAX, &mopts.seed) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--threads", &v)) != 0) {
			uint64_t t;
			if (rc < 0 || cli_parse_u64("forecast", "--threads", v, 1, 1024, &t) < 0)
				return EXIT_USAGE;
			mopts.threads = (unsigned)t;
		} else if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q")) {
			quiet = 1;
		} else if (!strcmp(arg, "--mpi")) {
			mpi = 1;
		} else if (!strcmp(arg, "--record")) {
			record = 1;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--db", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!*v)
				return cli_usage_error("forecast", "--db needs a file name");
			db = v;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--html", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			html = v;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--svg", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			svg = v;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--packages", &v)) != 0) {
			uint64_t k;
			if (rc < 0 || cli_parse_u64("forecast", "--packages", v, 2, 4, &k) < 0)
				return EXIT_USAGE;
			fopts.package_combinations = (size_t)k;
		} else if ((rc = cli_opt_value("forecast", argc, argv, &i, "--trace", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			trace = v;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return cli_unknown_option("forecast", arg, known_options);
		} else if (!file) {
			file = arg;
		} else {
			return cli_usage_error("forecast", "more than one input file ('%s' and '%s')", file, arg);
		}
	}
	if (!file)
		return cli_usage_error("forecast", "no input file");
	if (lopts.has_scale) {
		size_t n = strlen(file);
		if (n < 4 || strcmp(file + n - 4, ".csv"))
			return cli_usage_error("forecast", "--scale applies to CSV actor tables only; "
				"a YAML scenario gives each issue's scale");
	}

	if (trace && fmt != PARLEY_OUTPUT_TEXT)
		return cli_usage_error("forecast", "--trace works with --format text only");
	if (mpi && !draws)
		return cli_usage_error("forecast", "--mpi splits Monte Carlo draws: give --draws N");
	if (svg && !html)
		return cli_usage_error("forecast", "--svg goes with --html FILE");
	if (db && !record)
		return cli_usage_error("forecast", "--db goes with --record");
	/* every output checked before the work: never over an input, never empty */
	if (!(outs = cli_outputs_new("forecast")))
		return EXIT_RUNTIME;
	if ((status = cli_outputs_input(outs, file)) != 0 ||
	    (record && (status = record_input(outs, db)) != 0) ||
	    (status = cli_outputs_check(outs, "-o", output)) != 0 ||
	    (html && (status = cli_outputs_check(outs, "--html", html)) != 0) ||
	    (svg && (status = cli_outputs_check_dir(outs, "--svg", svg)) != 0)) {
		cli_outputs_free(outs);
		return status;
	}
	if (mpi) {
		if (cli_mpi_init(&argc, &argv, &rank, &size) < 0) {
			fprintf(stderr, "parley: this parley was built without MPI (install Open MPI and rebuild)\n");
			return EXIT_RUNTIME;
		}
		mopts.part_index = (unsigned)rank;
		mopts.part_count = (unsigned)size;
		if (rank != 0)
			quiet = 1;
	}

	status = cli_load(&s, file, &lopts, &warnings);
	if (mpi)
		status = cli_mpi_agree(status);
	if (!status && rank == 0)
		cli_print_diags(&warnings); /* on stderr, and in the JSON output */
	if (status) {
		parley_diag_list_dispose(&warnings);
		parley_scenario_free(s);
		cli_outputs_free(outs);
		if (mpi)
			cli_mpi_finalize();
		return status;
	}
	if (trace && parley_scenario_issue_index(s, trace) < 0) {
		trace_unknown_issue(s, trace, file);
		parley_diag_list_dispose(&warnings);
		parley_scenario_free(s);
		cli_outputs_free(outs);
		return EXIT_USAGE;
	}
	if (draws) {
		mopts.draws = draws;
		status = cli_mc_run(&mc, s, &fopts, &mopts, quiet, mpi);
		if (mpi)
			status = cli_mpi_agree(status);
		if (status || rank != 0) {
			/* other ranks have handed their totals to rank 0 */
			parley_mc_free(mc);
			parley_diag_list_dispose(&warnings);
			parley_scenario_free(s);
			cli_outputs_free(outs);
			if (mpi)
				cli_mpi_finalize();
			return status;
		}
		{
			/* a point forecast outside its own band: on stderr and in the JSON */
			size_t before = warnings.count;
			if (parley_mc_band_warnings(&warnings, mc, file) < 0) {
				fprintf(stderr, "parley: out of memory\n");
				status = EXIT_RUNTIME;
			} else {
				parley_diag_list tail = { warnings.items + before, warnings.count - before, 0 };
				cli_print_diags(&tail);
			}
		}
	}
	oopts.format = fmt;
	oopts.mc = mc;
	oopts.warnings = &warnings;
	if (status) {
		/* reported above */
	} else if (parley_forecast_run(&f, s, &fopts) < 0 ||
	    parley_output_write(&out, s, f, &oopts) < 0) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	} else if (trace && cli_bdm_trace(&tr, s, (size_t)parley_scenario_issue_index(s, trace),
			&fopts.bdm) < 0) {
		fprintf(stderr, "parley: out of memory\n");
		status = EXIT_RUNTIME;
	} else if (!tr.size) {
		status = cli_outputs_add(outs, "-o", output, out.ptr, out.size);
	} else {
		/* one output: the report followed by the trace */
		char *all = malloc(out.size + tr.size + 1);
		if (!all) {
			fprintf(stderr, "parley: out of memory\n");
			status = EXIT_RUNTIME;
		} else {
			memcpy(all, out.ptr, out.size);
			memcpy(all + out.size, tr.ptr, tr.size);
			status = cli_outputs_add(outs, "-o", output, all, out.size + tr.size);
			free(all);
		}
	}
	if (!status && html) {
		/* the report is rendered from the JSON result, as `parley report` does */
		parley_buf json = PARLEY_BUF_INIT;
		parley_output_options jo = oopts;
		jo.format = PARLEY_OUTPUT_JSON;
		if (parley_output_write(&json, s, f, &jo) < 0) {
			fprintf(stderr, "parley: %s\n", parley_error_last()->message);
			status = EXIT_RUNTIME;
		} else {
			status = cli_write_html(outs, "--html", html, svg, &json, file);
		}
		parley_buf_dispose(&json);
	}
	/* every output is staged: record, then write them all (a failure before
	 * this point leaves every file as it was) */
	if (!status && record)
		status = cli_record_forecast(db, s, f, mc, file);
	if (!status)
		status = cli_outputs_commit(outs);
	cli_outputs_free(outs);
	free(tr.ptr);
	parley_mc_free(mc);
	if (mpi)
		cli_mpi_finalize();
	parley_buf_dispose(&out);
	parley_forecast_free(f);
	parley_diag_list_dispose(&warnings);
	parley_scenario_free(s);
	return status;
}
