/*
 * cmd_forecast.c - `parley forecast FILE`: load a scenario (YAML or a CSV
 * actor table), run the selected models on every issue and print the
 * result as text, JSON or CSV, to stdout or atomically to a file.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

typedef struct {
	parley_load_options lopts;
	parley_forecast_options fopts;
	parley_mc_options mopts;
	const char *file, *output, *trace, *db, *html, *svg;
	int format, median_tie, nbs_weights, nbs_loss, bdm_profile, bdm_selection, bdm_range;
	int quiet, mpi, record;
	uint64_t draws, threads;
} forecast_args;

static int model_bit(const char *name)
{
	const parley_model_type *t = parley_model_type_lookup(name);
	return t ? (int)parley_model_type_index(t) : -1;
}

static const char *model_name(size_t i)
{
	return parley_model_type_at(i)->name;
}

static int parse_models(const char *cmd, const char *v, void *args)
{
	return cli_parse_names(cmd, "--model", "model", NULL, v, model_bit, model_name, parley_model_count(),
		&((forecast_args *)args)->fopts.models);
}

static int parse_scale(const char *cmd, const char *v, void *args)
{
	return cli_scale_option(cmd, v, &((forecast_args *)args)->lopts);
}

static int parse_bdm_q(const char *cmd, const char *v, void *args)
{
	char *end;
	double *q = &((forecast_args *)args)->fopts.bdm.q;
	*q = strtod(v, &end);
	if (end == v || *end || !(*q >= 0 && *q <= 1))
		return cli_usage_error(cmd, "bad --bdm-q '%s' (a number from 0 to 1)", v);
	return 0;
}

static int parse_db(const char *cmd, const char *v, void *args)
{
	if (!*v)
		return cli_usage_error(cmd, "--db needs a file name");
	((forecast_args *)args)->db = v;
	return 0;
}

static void help_models(void)
{
	size_t i;
	for (i = 0; i < parley_model_count(); i++) {
		const parley_model_type *t = parley_model_type_at(i);
		printf("                          %-10s %s%s\n", t->name, t->title,
			t->by_default ? "" : " (only when asked for)");
	}
}

/* the choices, in the order of the values they stand for */
static const char *const formats[] = { "text", "json", "csv", NULL };
static const parley_output_format format_values[] = { PARLEY_OUTPUT_TEXT, PARLEY_OUTPUT_JSON,
	PARLEY_OUTPUT_CSV };
static const char *const ties[] = { "lower", "midpoint", "upper", NULL };
static const parley_median_tie tie_values[] = { PARLEY_TIE_LOWER, PARLEY_TIE_MIDPOINT,
	PARLEY_TIE_UPPER };
static const char *const nbs_weights[] = { "capability", "capability-salience", NULL };
static const parley_nbs_weights nbs_weight_values[] = { PARLEY_NBS_WEIGHTS_CAPABILITY,
	PARLEY_NBS_WEIGHTS_CAPABILITY_SALIENCE };
static const char *const nbs_losses[] = { "1", "2", NULL };
static const char *const profiles[] = { "paper", "compat", NULL };
static const parley_bdm_profile profile_values[] = { PARLEY_BDM_PAPER, PARLEY_BDM_COMPAT };
static const char *const selections[] = { "category", "least", "max_eu", NULL };
static const parley_bdm_selection selection_values[] = { PARLEY_BDM_SELECT_CATEGORY,
	PARLEY_BDM_SELECT_LEAST, PARLEY_BDM_SELECT_MAX_EU };
static const char *const ranges[] = { "initial", "scale", NULL };
static const parley_bdm_range range_values[] = { PARLEY_BDM_RANGE_INITIAL, PARLEY_BDM_RANGE_SCALE };

#define AT(field) offsetof(forecast_args, field)
static const cli_opt forecast_opts[] = {
	{ "--model", "--models", NULL, "LIST", CLI_OPT_CALL, 0,
	  "comma-separated models (default: all that apply):", NULL, NULL, 0, 0, parse_models, help_models },
	{ "--format", NULL, NULL, "FORMAT", CLI_OPT_CHOICE, AT(format), "text (default), json or csv",
	  formats, "unknown format '%s' (text, json or csv)", 0, 0, NULL, NULL },
	{ "--output", "-o", NULL, "FILE", CLI_OPT_STRING, AT(output),
	  "write to FILE (atomically: temporary file, then rename;\n"
	  "never over FILE; - or /dev/stdout: standard output)", NULL, NULL, 0, 0, NULL, NULL },
	{ "--scale", NULL, NULL, "LO,HI", CLI_OPT_CALL, 0, "scale of a CSV actor table (default 0,100)",
	  NULL, NULL, 0, 0, parse_scale, NULL },
	{ "--median-tie", NULL, NULL, "RULE", CLI_OPT_CHOICE, AT(median_tie),
	  "lower, midpoint (default) or upper end of a tie interval",
	  ties, "unknown --median-tie '%s' (lower, midpoint or upper)", 0, 0, NULL, NULL },
	{ "--nbs-weights", NULL, NULL, "W", CLI_OPT_CHOICE, AT(nbs_weights),
	  "capability (default) or capability-salience", nbs_weights,
	  "unknown --nbs-weights '%s' (capability or capability-salience)", 0, 0, NULL, NULL },
	{ "--nbs-loss", NULL, NULL, "P", CLI_OPT_CHOICE, AT(nbs_loss), "1 (linear) or 2 (quadratic, default)",
	  nbs_losses, "unknown --nbs-loss '%s' (1 or 2)", 0, 0, NULL, NULL },
	{ "--bdm-profile", NULL, NULL, "P", CLI_OPT_CHOICE, AT(bdm_profile),
	  "expected-utility profile: paper (default) or compat\n"
	  "(compat reproduces Scholz et al. 2011, Table 2)",
	  profiles, "unknown --bdm-profile '%s' (paper or compat)", 0, 0, NULL, NULL },
	{ "--rounds", NULL, NULL, "N", CLI_OPT_SIZE, AT(fopts.bdm.max_rounds),
	  "at most N rounds of the expected-utility model (default 10)", NULL, NULL, 1, 100000, NULL, NULL },
	{ "--bdm-q", NULL, NULL, "Q", CLI_OPT_CALL, 0,
	  "probability an unchallenged actor stays put, 0-1 (default 1)", NULL, NULL, 0, 0, parse_bdm_q, NULL },
	{ "--bdm-selection", NULL, NULL, "S", CLI_OPT_CHOICE, AT(bdm_selection),
	  "category (default), least or max_eu: how an actor picks\namong offers (paper profile)",
	  selections, "unknown --bdm-selection '%s' (category, least or max_eu)", 0, 0, NULL, NULL },
	{ "--bdm-range", NULL, NULL, "R", CLI_OPT_CHOICE, AT(bdm_range),
	  "initial (default: spread of the initial positions) or scale",
	  ranges, "unknown --bdm-range '%s' (initial or scale)", 0, 0, NULL, NULL },
	{ "--trace", NULL, NULL, "ISSUE", CLI_OPT_STRING, AT(trace),
	  "print the expected-utility internals of each round for ISSUE\n"
	  "(P, EU, risk exponents, offers; text format only)", NULL, NULL, 0, 0, NULL, NULL },
	{ "--draws", NULL, NULL, "N", CLI_OPT_U64, AT(draws),
	  "Monte Carlo: N draws of every uncertain input (default: none,\n"
	  "a point forecast); adds distributions, probabilities and\n"
	  "sensitivity to the output", NULL, NULL, 1, UINT64_C(1) << 31, NULL, NULL },
	{ "--seed", NULL, NULL, "S", CLI_OPT_U64, AT(mopts.seed),
	  "the generator's seed, 0 to 2^64-1 (default 1)", NULL, NULL, 0, UINT64_MAX, NULL, NULL },
	{ "--threads", NULL, NULL, "T", CLI_OPT_U64, AT(threads),
	  "worker threads (default: one per core)", NULL, NULL, 1, 1024, NULL, NULL },
	{ "--quiet", NULL, "-q", NULL, CLI_OPT_FLAG, AT(quiet), "no progress bar",
	  NULL, NULL, 0, 0, NULL, NULL },
	{ "--mpi", NULL, NULL, NULL, CLI_OPT_FLAG, AT(mpi),
	  "split the draws over the MPI ranks (run under mpirun)", NULL, NULL, 0, 0, NULL, NULL },
	{ "--packages", NULL, NULL, "K", CLI_OPT_SIZE, AT(fopts.package_combinations),
	  "also analyse every package of 2..K linked issues (K <= 4)", NULL, NULL, 2, 4, NULL, NULL },
	{ "--html", NULL, NULL, "FILE", CLI_OPT_STRING, AT(html),
	  "also write the HTML report (self-contained) to FILE", NULL, NULL, 0, 0, NULL, NULL },
	{ "--svg", NULL, NULL, "DIR", CLI_OPT_STRING, AT(svg),
	  "with --html: also write each chart as an SVG file in DIR", NULL, NULL, 0, 0, NULL, NULL },
	{ "--record", NULL, NULL, NULL, CLI_OPT_FLAG, AT(record),
	  "record the forecasts in the ledger (see 'parley help ledger')", NULL, NULL, 0, 0, NULL, NULL },
	{ "--db", NULL, NULL, "FILE", CLI_OPT_CALL, 0,
	  "the ledger's database (default under $XDG_DATA_HOME/parley)", NULL, NULL, 0, 0, parse_db, NULL },
	CLI_OPT_HELP_ENTRY,
	CLI_OPT_END
};
#undef AT

void help_forecast(void)
{
	printf("Usage: parley forecast FILE [OPTIONS]\n\n"
	       "Forecast every issue of FILE with the models side by side. FILE is a\n"
	       "scenario in YAML (docs/scenario-format.md) or an actor table in CSV with\n"
	       "the header Actor,Capability,Position,Salience (one issue named after the file).\n\n"
	       "Options:\n");
	cli_opt_help(forecast_opts, 21);
	printf("\nOutputs (-o, --html, --svg) are written all or none: temporary files first,\n"
	       "renamed into place once every one is written and the ledger is recorded\n"
	       "(docs/security.md).\n\n"
	       "Exit status: 0 success, 1 runtime failure, 2 bad input or usage.\n"
	       "Example: parley forecast examples/security-guarantees-2022.yaml --format json -o out.json\n");
}

static int operand(const char *cmd, const char *arg, void *args)
{
	return cli_one_operand(cmd, "input file", &((forecast_args *)args)->file, arg);
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
	forecast_args a = { PARLEY_LOAD_OPTIONS_INIT, PARLEY_FORECAST_OPTIONS_INIT, PARLEY_MC_OPTIONS_INIT,
		NULL, "-", NULL, NULL, NULL, NULL, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0 };
	parley_output_format fmt = PARLEY_OUTPUT_TEXT;
	parley_scenario *s = NULL;
	parley_forecast *f = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	cli_text tr = { NULL, 0, 0 };
	parley_output_options oopts = PARLEY_OUTPUT_OPTIONS_INIT;
	parley_diag_list warnings = PARLEY_DIAG_LIST_INIT;
	parley_mc *mc = NULL;
	int rank = 0, size = 1;
	cli_outputs *outs;
	int status = 0;

	status = cli_parse("forecast", forecast_opts, help_forecast, argc, argv, 1, 0, &a, operand);
	if (status)
		return status == CLI_DONE ? 0 : status;
	/* the choices given, as the library's values */
	if (a.format >= 0)
		fmt = format_values[a.format];
	if (a.median_tie >= 0)
		a.fopts.median_tie = tie_values[a.median_tie];
	if (a.nbs_weights >= 0)
		a.fopts.nbs_weights = nbs_weight_values[a.nbs_weights];
	if (a.nbs_loss >= 0)
		a.fopts.nbs_loss = a.nbs_loss + 1;
	if (a.bdm_profile >= 0)
		a.fopts.bdm.profile = profile_values[a.bdm_profile];
	if (a.bdm_selection >= 0)
		a.fopts.bdm.selection = selection_values[a.bdm_selection];
	if (a.bdm_range >= 0)
		a.fopts.bdm.range = range_values[a.bdm_range];
	if (a.threads)
		a.mopts.threads = (unsigned)a.threads;
	if (!a.file)
		return cli_usage_error("forecast", "no input file");
	if (a.lopts.has_scale) {
		size_t n = strlen(a.file);
		if (n < 4 || strcmp(a.file + n - 4, ".csv"))
			return cli_usage_error("forecast", "--scale applies to CSV actor tables only; "
				"a YAML scenario gives each issue's scale");
	}

	if (a.trace && fmt != PARLEY_OUTPUT_TEXT)
		return cli_usage_error("forecast", "--trace works with --format text only");
	if (a.mpi && !a.draws)
		return cli_usage_error("forecast", "--mpi splits Monte Carlo draws: give --draws N");
	if (a.svg && !a.html)
		return cli_usage_error("forecast", "--svg goes with --html FILE");
	if (a.db && !a.record)
		return cli_usage_error("forecast", "--db goes with --record");
	/* every output checked before the work: never over an input, never empty */
	if (!(outs = cli_outputs_new("forecast")))
		return EXIT_RUNTIME;
	if ((status = cli_outputs_input(outs, a.file)) != 0 ||
	    (a.record && (status = record_input(outs, a.db)) != 0) ||
	    (status = cli_outputs_check(outs, "-o", a.output)) != 0 ||
	    (a.html && (status = cli_outputs_check(outs, "--html", a.html)) != 0) ||
	    (a.svg && (status = cli_outputs_check_dir(outs, "--svg", a.svg)) != 0)) {
		cli_outputs_free(outs);
		return status;
	}
	if (a.mpi) {
		if (cli_mpi_init(&argc, &argv, &rank, &size) < 0) {
			fprintf(stderr, "parley: this parley was built without MPI (install Open MPI and rebuild)\n");
			return EXIT_RUNTIME;
		}
		a.mopts.part_index = (unsigned)rank;
		a.mopts.part_count = (unsigned)size;
		if (rank != 0)
			a.quiet = 1;
	}

	status = cli_load(&s, a.file, &a.lopts, &warnings);
	if (a.mpi)
		status = cli_mpi_agree(status);
	if (!status && rank == 0)
		cli_print_diags(&warnings); /* on stderr, and in the JSON output */
	if (status) {
		parley_diag_list_dispose(&warnings);
		parley_scenario_free(s);
		cli_outputs_free(outs);
		if (a.mpi)
			cli_mpi_finalize();
		return status;
	}
	if (a.trace && parley_scenario_issue_index(s, a.trace) < 0) {
		trace_unknown_issue(s, a.trace, a.file);
		parley_diag_list_dispose(&warnings);
		parley_scenario_free(s);
		cli_outputs_free(outs);
		return EXIT_USAGE;
	}
	if (a.draws) {
		a.mopts.draws = a.draws;
		status = cli_mc_run(&mc, s, &a.fopts, &a.mopts, a.quiet, a.mpi);
		if (a.mpi)
			status = cli_mpi_agree(status);
		if (status || rank != 0) {
			/* other ranks have handed their totals to rank 0 */
			parley_mc_free(mc);
			parley_diag_list_dispose(&warnings);
			parley_scenario_free(s);
			cli_outputs_free(outs);
			if (a.mpi)
				cli_mpi_finalize();
			return status;
		}
		{
			/* a point forecast outside its own band: on stderr and in the JSON */
			size_t before = warnings.count;
			if (parley_mc_band_warnings(&warnings, mc, a.file) < 0) {
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
	} else if (parley_forecast_run(&f, s, &a.fopts) < 0 ||
	    parley_output_write(&out, s, f, &oopts) < 0) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	} else if (a.trace && cli_bdm_trace(&tr, s, (size_t)parley_scenario_issue_index(s, a.trace),
			&a.fopts.bdm) < 0) {
		fprintf(stderr, "parley: out of memory\n");
		status = EXIT_RUNTIME;
	} else if (!tr.size) {
		status = cli_outputs_add(outs, "-o", a.output, out.ptr, out.size);
	} else {
		/* one output: the report followed by the trace */
		char *all = malloc(out.size + tr.size + 1);
		if (!all) {
			fprintf(stderr, "parley: out of memory\n");
			status = EXIT_RUNTIME;
		} else {
			memcpy(all, out.ptr, out.size);
			memcpy(all + out.size, tr.ptr, tr.size);
			status = cli_outputs_add(outs, "-o", a.output, all, out.size + tr.size);
			free(all);
		}
	}
	if (!status && a.html) {
		/* the report is rendered from the JSON result, as `parley report` does */
		parley_buf json = PARLEY_BUF_INIT;
		parley_output_options jo = oopts;
		jo.format = PARLEY_OUTPUT_JSON;
		if (parley_output_write(&json, s, f, &jo) < 0) {
			fprintf(stderr, "parley: %s\n", parley_error_last()->message);
			status = EXIT_RUNTIME;
		} else {
			status = cli_write_html(outs, "--html", a.html, a.svg, &json, a.file);
		}
		parley_buf_dispose(&json);
	}
	/* every output is staged: record, then write them all (a failure before
	 * this point leaves every file as it was) */
	if (!status && a.record)
		status = cli_record_forecast(a.db, s, f, mc, a.file);
	if (!status)
		status = cli_outputs_commit(outs);
	cli_outputs_free(outs);
	free(tr.ptr);
	parley_mc_free(mc);
	if (a.mpi)
		cli_mpi_finalize();
	parley_buf_dispose(&out);
	parley_forecast_free(f);
	parley_diag_list_dispose(&warnings);
	parley_scenario_free(s);
	return status;
}
