/*
 * cmd_backtest.c - `parley backtest DATASET`: load a dataset of past issues
 * (the DEU layout, or the long layout with --outcomes), the Council weight
 * tables for the DEU layout, run every model, and print the scores as a
 * text table, JSON or CSV; optionally write every issue's predictions
 * (--predictions). Both files are written atomically, both or neither, and
 * never over an input (outfile.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static const char *const known_options[] = { "--format", "--models", "--model", "--capability",
	"--predictions", "--output", "-o", "--outcomes", "--weights-dir", "--blank-salience", "--seed",
	"--resamples", "--eu27-from", "--blend-features", "--blend-select", "--blend-inner-folds", "--blend-lambdas", "--blend-snap", "--blend-outer-folds", "--max-work",
	"--quiet", "--help", NULL };

void help_backtest(void)
{
	size_t i;
	printf("Usage: parley backtest DATASET [OPTIONS]\n"
	       "       parley backtest POSITIONS --outcomes OUTCOMES [OPTIONS]\n\n"
	       "Forecast every issue of a dataset of past decisions with every model and score\n"
	       "the forecasts against the outcomes: mean absolute error, root mean squared error,\n"
	       "median absolute error, share within 10 and 20 points, each with a bootstrap 95%%\n"
	       "interval that resamples proposals. DATASET has the DEU II columns (prnrnmc, isnrnmc,\n"
	       "cod, p<actor>, s<actor>, rp, out); with --outcomes, POSITIONS has the columns\n"
	       "issue,actor,position,salience,capability[,votes] and OUTCOMES\n"
	       "issue,outcome,reference_point[,proposal,procedure,quota] (docs/backtest.md).\n\n"
	       "Options:\n"
	       "  --models LIST         comma-separated models to report (default: all):\n");
	for (i = 0; i < parley_backtest_model_count(); i++)
		printf("                          %-21s %s\n", parley_backtest_model_name((parley_backtest_model)i),
			parley_backtest_model_summary((parley_backtest_model)i));
	printf("  --format FORMAT       text (default), json or csv\n"
	       "  -o, --output FILE     write the scores to FILE (atomically; never over an input)\n"
	       "  --predictions FILE    write every issue's forecasts of every model as CSV (atomically)\n"
	       "  --capability SPEC     votes (default), banzhaf, shapley or equal, optionally\n"
	       "                        followed by ,com=C and ,ep=C (the Commission's and the\n"
	       "                        Parliament's capability; default: the mean member-state\n"
	       "                        capability of the proposal's era); long layout: data\n"
	       "                        (default, the capability column) or equal\n"
	       "  --weights-dir DIR     where council-weights-eu15.csv and -eu27.csv are\n"
	       "                        (default: the dataset's directory)\n"
	       "  --eu27-from N         first proposal number (prnrnmc) of the EU-27 era (default 67)\n"
	       "  --outcomes FILE       the outcomes table of the long layout\n"
	       "  --blank-salience R    mean (default: the mean salience of the other actors on the\n"
	       "                        issue) or drop (leave the actor out of the issue)\n"
	       "  --blend-features LIST what the blend combines, comma-separated from compromise,\n"
	       "                        mean, median, bdm, intercept, pivot-lo, pivot-hi (the\n"
	       "                        Council's qualified-majority pivots), ep and com (the\n"
	       "                        Parliament's and the Commission's positions) (default\n"
	       "                        pivot-lo,pivot-hi,mean,bdm,ep,com)\n"
	       "  --blend-select RULE   penalized (default: the features plus interactions of\n"
	       "                        mean - mid and ep - mid with eight issue covariates,\n"
	       "                        L1-penalised; each fold chooses the penalty by an inner\n"
	       "                        cross-validation), fixed (every feature of\n"
	       "                        --blend-features) or nested (each fold chooses its subset\n"
	       "                        of those features by an inner cross-validation)\n"
	       "  --blend-inner-folds K nested, penalized: inner folds (default 10), 0 = leave one\n"
	       "                        proposal out\n"
	       "  --blend-lambdas LIST  penalized: penalties tried after no interactions (default\n"
	       "                        400,200,100,50; at most 8, each > 0)\n"
	       "  --blend-snap RULE     nearest (default: move the blend's forecast to the nearest\n"
	       "                        actor position or reference point where a model of the\n"
	       "                        change in error, fitted in each fold on its training\n"
	       "                        proposals' inner cross-validation forecasts, predicts a\n"
	       "                        gain) or off\n"
	       "  --blend-outer-folds K folds of the cross-validation that scores the blend: 0 =\n"
	       "                        leave one proposal out (default); K >= 2 folds of\n"
	       "                        proposals cost time in proportion to the data, not its square\n"
	       "  --resamples N         bootstrap resamples (default 2000; 0: no intervals)\n"
	       "  --seed N              bootstrap seed (default %u)\n"
	       "  --max-work G          refuse a run estimated to take more than G x 10^9 operations\n"
	       "                        (default %g; 0: no limit); the blend is the costly part\n"
	       "  --quiet               no progress (shown on stderr when it is a terminal)\n"
	       "  --help                show this help\n\n"
	       "Only the models asked for run: without 'blend' in --models there is no blend and\n"
	       "no cross-validation; without 'bdm' or 'blend', no expected-utility model.\n\n"
	       "Exit status: 0 success, 1 runtime failure, 2 bad input or usage (also a run over\n"
	       "the work limit).\n"
	       "Example: parley backtest ../shared/data/deu/deu2-dev.csv --predictions predictions.csv\n",
	       (unsigned)PARLEY_BACKTEST_SEED, PARLEY_BACKTEST_MAX_WORK / 1e9);
}

static int parse_models(const char *list, unsigned *mask)
{
	char *copy = strdup(list), *tok, *save = NULL;
	int rc = 0;

	if (!copy)
		return -1;
	*mask = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int m = parley_backtest_model_lookup(tok);
		if (m < 0) {
			size_t i;
			fprintf(stderr, "parley backtest: unknown model '%s' (known models:", tok);
			for (i = 0; i < parley_backtest_model_count(); i++)
				fprintf(stderr, " %s", parley_backtest_model_name((parley_backtest_model)i));
			fprintf(stderr, ")\nTry 'parley backtest --help'.\n");
			rc = -1;
			break;
		}
		*mask |= 1u << m;
	}
	free(copy);
	if (!rc && !*mask) {
		cli_usage_error("backtest", "--models needs at least one model");
		rc = -1;
	}
	return rc;
}

static int parse_features(const char *list, unsigned *mask)
{
	char *copy = strdup(list), *tok, *save = NULL;
	int rc = 0;

	if (!copy)
		return -1;
	*mask = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int f = parley_backtest_feature_lookup(tok);
		if (f < 0) {
			cli_usage_error("backtest", "unknown blend feature '%s' (compromise, mean, median, bdm, "
				"intercept, pivot-lo, pivot-hi, ep or com)", tok);
			rc = -1;
			break;
		}
		*mask |= 1u << f;
	}
	free(copy);
	if (!rc && !*mask) {
		cli_usage_error("backtest", "--blend-features needs at least one feature");
		rc = -1;
	}
	return rc;
}

static int parse_number(const char *text, double *out)
{
	char *end;
	errno = 0;
	*out = strtod(text, &end);
	return end != text && *end == '\0' && !errno && *out >= 0 && *out < 1e300 ? 0 : -1;
}

/* LIST = up to PARLEY_BT_LAMBDA_MAX numbers > 0; the rest of `out` is zeroed. */
static int parse_lambdas(const char *list, double *out)
{
	char *copy = strdup(list), *tok, *save = NULL;
	size_t n = 0;
	int rc = 0;

	if (!copy)
		return -1;
	memset(out, 0, PARLEY_BT_LAMBDA_MAX * sizeof(double));
	for (tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
		if (n == PARLEY_BT_LAMBDA_MAX || parse_number(tok, &out[n]) < 0 || !(out[n] > 0)) {
			cli_usage_error("backtest", "bad --blend-lambdas '%s' (at most %d numbers > 0, "
				"comma-separated)", list, PARLEY_BT_LAMBDA_MAX);
			rc = -1;
		}
		n++;
	}
	free(copy);
	return rc;
}

/* SPEC = SOURCE[,com=C][,ep=C]. Returns 0 or the exit status after a usage error. */
static int parse_capability(const char *spec, parley_backtest_options *o)
{
	char *copy = strdup(spec), *tok, *save = NULL;
	int rc = 0, first = 1;

	if (!copy)
		return EXIT_RUNTIME;
	for (tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save), first = 0) {
		if (first && !strcmp(tok, "votes")) o->capability = PARLEY_BT_CAP_VOTES;
		else if (first && !strcmp(tok, "banzhaf")) o->capability = PARLEY_BT_CAP_BANZHAF;
		else if (first && !strcmp(tok, "shapley")) o->capability = PARLEY_BT_CAP_SHAPLEY;
		else if (first && !strcmp(tok, "equal")) o->capability = PARLEY_BT_CAP_EQUAL;
		else if (first && !strcmp(tok, "data")) o->capability = PARLEY_BT_CAP_DATA;
		else if (!strncmp(tok, "com=", 4)) {
			if (parse_number(tok + 4, &o->com_capability) < 0)
				rc = cli_usage_error("backtest", "bad --capability '%s': com= needs a number >= 0", spec);
		} else if (!strncmp(tok, "ep=", 3)) {
			if (parse_number(tok + 3, &o->ep_capability) < 0)
				rc = cli_usage_error("backtest", "bad --capability '%s': ep= needs a number >= 0", spec);
		} else {
			rc = cli_usage_error("backtest", "bad --capability '%s' (votes, banzhaf, shapley, equal "
				"or data, then optionally ,com=C,ep=C)", spec);
		}
	}
	free(copy);
	return rc;
}

static int parse_count(const char *text, unsigned long long max, unsigned long long *out)
{
	char *end;
	errno = 0;
	if (!*text || text[0] == '-')
		return -1;
	*out = strtoull(text, &end, 10);
	return *end == '\0' && !errno && *out <= max ? 0 : -1;
}

/* Folds: 0 (leave one proposal out) or 2 to 1000000; -1 after a usage error. */
static int parse_folds(const char *opt, const char *v, size_t *out)
{
	unsigned long long n;
	if (parse_count(v, 1000000, &n) < 0 || n == 1) {
		cli_usage_error("backtest", "bad %s '%s' (0 for leave one proposal out, or a whole number of "
			"folds from 2 to 1000000)", opt, v);
		return -1;
	}
	*out = (size_t)n;
	return 0;
}

/* "dir/file" (malloc'ed), or NULL after printing "out of memory". */
static char *council_path(const char *dir, const char *file)
{
	char *path = malloc(strlen(dir) + strlen(file) + 2);
	if (path)
		sprintf(path, "%s/%s", dir, file);
	else
		fprintf(stderr, "parley: out of memory\n");
	return path;
}

/* The Council table dir/file is an input: no output may replace it. */
static int council_input(cli_outputs *o, const char *dir, const char *file)
{
	char *path = council_path(dir, file);
	int rc = path ? cli_outputs_input(o, path) : EXIT_RUNTIME;
	free(path);
	return rc;
}

/* Load a Council table; 0, or the exit status after printing the problem. */
static int load_council(parley_backtest_council **out, const char *dir, const char *file)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	char *path = council_path(dir, file);
	int rc;

	if (!path)
		return EXIT_RUNTIME;
	rc = parley_backtest_council_load_file(out, path, &diags);
	if (rc == PARLEY_EPARSE) {
		cli_print_diags(&diags);
		rc = EXIT_USAGE;
	} else if (rc == PARLEY_EIO) {
		fprintf(stderr, "%s: error: %s (the Council weights; set their directory with --weights-dir)\n",
			path, parley_error_last()->message);
		rc = EXIT_USAGE;
	} else if (rc < 0) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		rc = EXIT_RUNTIME;
	}
	parley_diag_list_dispose(&diags);
	free(path);
	return rc;
}

/* Run the backtest in steps, with a progress bar per stage on a terminal
 * unless quiet (each stage's bar ends with the time it took). 0, or the
 * exit status after printing why: EXIT_USAGE over the work limit. */
static int run(parley_backtest **out, const parley_backtest_data *data,
	const parley_backtest_options *opts, int quiet)
{
	static const char *const units[] = { "folds", "steps" };
	int bar = !quiet && isatty(2);
	double started = cli_now(), shown = 0;
	parley_backtest_stage st, was;
	size_t done, total, was_total;
	int rc;

	rc = parley_backtest_create(out, data, opts);
	if (rc == PARLEY_EINVAL) {
		fprintf(stderr, "parley backtest: %s\n(at most --max-work %g x 10^9: give --blend-outer-folds 10, "
			"fewer --resamples, --models without blend, or a larger --max-work)\n",
			parley_error_last()->message, opts->max_work / 1e9);
		return EXIT_USAGE;
	}
	if (rc < 0) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		return EXIT_RUNTIME;
	}
	if (bar)
		fprintf(stderr, "models: %zu issues in %.1f s; estimated work: blend %.3g, bootstrap %.3g "
			"x 10^9 operations\n", parley_backtest_issue_count(*out), cli_now() - started,
			parley_backtest_work_estimate(*out, PARLEY_BT_STAGE_BLEND) / 1e9,
			parley_backtest_work_estimate(*out, PARLEY_BT_STAGE_BOOTSTRAP) / 1e9);
	started = cli_now();
	was = parley_backtest_progress(*out, NULL, &was_total);
	while (parley_backtest_remaining(*out) > 0) {
		/* one fold of the blend, or a slice of the bootstrap's resamples */
		if (parley_backtest_step(*out, was == PARLEY_BT_STAGE_BLEND ? 1 : 64) < 0) {
			fprintf(stderr, "parley: %s\n", parley_error_last()->message);
			return EXIT_RUNTIME;
		}
		st = parley_backtest_progress(*out, &done, &total);
		if (bar && st != was) {
			/* the stage just finished: its full bar and the time it took */
			cli_progress(parley_backtest_stage_name(was), units[was], was_total, was_total, started, 1);
			started = shown = cli_now();
			was = st;
			was_total = total;
		} else if (bar && cli_now() - shown > 0.1) {
			cli_progress(parley_backtest_stage_name(st), units[st], done, total, started, 0);
			shown = cli_now();
		}
	}
	return 0;
}

int cmd_backtest(int argc, char **argv)
{
	parley_backtest_options opts = PARLEY_BACKTEST_OPTIONS_INIT;
	parley_backtest_format fmt = PARLEY_BT_OUTPUT_TEXT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_backtest_data *data = NULL;
	parley_backtest_council *eu15 = NULL, *eu27 = NULL;
	parley_backtest *bt = NULL;
	parley_buf out = PARLEY_BUF_INIT, pred = PARLEY_BUF_INIT;
	const char *file = NULL, *output = "-", *predictions = NULL, *outcomes = NULL, *wdir = NULL, *v;
	char *dir = NULL;
	cli_outputs *outs = NULL;
	int i, rc, status = 0, cap_given = 0, quiet = 0;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		unsigned long long n;
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			help_backtest();
			return 0;
		}
		if ((rc = cli_opt_value("backtest", argc, argv, &i, "--models", &v)) != 0 ||
		    (rc = cli_opt_value("backtest", argc, argv, &i, "--model", &v)) != 0) {
			if (rc < 0 || parse_models(v, &opts.models) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--format", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "text")) fmt = PARLEY_BT_OUTPUT_TEXT;
			else if (!strcmp(v, "json")) fmt = PARLEY_BT_OUTPUT_JSON;
			else if (!strcmp(v, "csv")) fmt = PARLEY_BT_OUTPUT_CSV;
			else return cli_usage_error("backtest", "unknown format '%s' (text, json or csv)", v);
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--output", &v)) != 0 ||
			   (rc = cli_opt_value("backtest", argc, argv, &i, "-o", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			output = v;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--predictions", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			predictions = v;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--outcomes", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			outcomes = v;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--weights-dir", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			wdir = v;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--capability", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if ((rc = parse_capability(v, &opts)) != 0)
				return rc;
			cap_given = 1;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--blank-salience", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "mean")) opts.blank_salience = PARLEY_BT_SALIENCE_MEAN;
			else if (!strcmp(v, "drop")) opts.blank_salience = PARLEY_BT_SALIENCE_DROP;
			else return cli_usage_error("backtest", "unknown --blank-salience '%s' (mean or drop)", v);
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--blend-features", &v)) != 0) {
			if (rc < 0 || parse_features(v, &opts.blend_features) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--blend-select", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "fixed")) opts.blend_select = PARLEY_BT_SELECT_FIXED;
			else if (!strcmp(v, "nested")) opts.blend_select = PARLEY_BT_SELECT_NESTED;
			else if (!strcmp(v, "penalized")) opts.blend_select = PARLEY_BT_SELECT_PENALIZED;
			else return cli_usage_error("backtest", "unknown --blend-select '%s' (fixed, nested or penalized)", v);
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--blend-snap", &v)) != 0) {
			const char *name;
			unsigned k = 0;
			if (rc < 0)
				return EXIT_USAGE;
			while ((name = parley_backtest_snap_name((parley_backtest_snap)k)) && strcmp(name, v))
				k++;
			if (!name)
				return cli_usage_error("backtest", "unknown --blend-snap '%s' (nearest or off)", v);
			opts.blend_snap = (parley_backtest_snap)k;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--blend-lambdas", &v)) != 0) {
			if (rc < 0 || parse_lambdas(v, opts.blend_lambdas) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--blend-inner-folds", &v)) != 0) {
			if (rc < 0 || parse_folds("--blend-inner-folds", v, &opts.blend_inner_folds) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--blend-outer-folds", &v)) != 0) {
			if (rc < 0 || parse_folds("--blend-outer-folds", v, &opts.blend_outer_folds) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--max-work", &v)) != 0) {
			double g;
			if (rc < 0)
				return EXIT_USAGE;
			if (parse_number(v, &g) < 0 || g > 1e12)
				return cli_usage_error("backtest", "bad --max-work '%s' (a number of 10^9 operations "
					"from 0 to 1e12; 0: no limit)", v);
			opts.max_work = g * 1e9;
		} else if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q")) {
			quiet = 1;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--resamples", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (parse_count(v, 10000000, &n) < 0)
				return cli_usage_error("backtest", "bad --resamples '%s' (a whole number from 0 to 10000000)", v);
			opts.resamples = (size_t)n;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--seed", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (parse_count(v, UINT64_MAX, &n) < 0)
				return cli_usage_error("backtest", "bad --seed '%s' (a whole number from 0 to 2^64-1)", v);
			opts.seed = (uint64_t)n;
		} else if ((rc = cli_opt_value("backtest", argc, argv, &i, "--eu27-from", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (parse_count(v, 1000000000, &n) < 0 || n < 1)
				return cli_usage_error("backtest", "bad --eu27-from '%s' (a proposal number >= 1)", v);
			opts.eu27_from = (unsigned)n;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return cli_unknown_option("backtest", arg, known_options);
		} else if (!file) {
			file = arg;
		} else {
			return cli_usage_error("backtest", "more than one dataset ('%s' and '%s')", file, arg);
		}
	}
	if (!file)
		return cli_usage_error("backtest", "no dataset");
	if (cap_given && outcomes && opts.capability != PARLEY_BT_CAP_EQUAL && opts.capability != PARLEY_BT_CAP_DATA)
		return cli_usage_error("backtest", "the long layout carries its own capabilities: "
			"--capability data or equal");
	if (cap_given && outcomes && (opts.com_capability >= 0 || opts.ep_capability >= 0))
		return cli_usage_error("backtest", "com= and ep= apply to the DEU layout; the long layout "
			"gives every actor's capability");
	if (cap_given && !outcomes && opts.capability == PARLEY_BT_CAP_DATA)
		return cli_usage_error("backtest", "the DEU layout has no capability column: "
			"--capability votes, banzhaf, shapley or equal");
	if (outcomes && wdir)
		return cli_usage_error("backtest", "--weights-dir applies to the DEU layout only");

	if (!outcomes && !wdir) {
		const char *slash = strrchr(file, '/');
		dir = slash ? strndup(file, (size_t)(slash - file) + (slash == file)) : strdup(".");
		if (!dir) {
			fprintf(stderr, "parley: out of memory\n");
			return EXIT_RUNTIME;
		}
		wdir = dir;
	}
	/* every output checked before the work: never over an input, never empty */
	if (!(outs = cli_outputs_new("backtest"))) {
		free(dir);
		return EXIT_RUNTIME;
	}
	if ((status = cli_outputs_input(outs, file)) != 0 || (status = cli_outputs_input(outs, outcomes)) != 0 ||
	    (!outcomes && ((status = council_input(outs, wdir, "council-weights-eu15.csv")) != 0 ||
			   (status = council_input(outs, wdir, "council-weights-eu27.csv")) != 0)) ||
	    (predictions && (status = cli_outputs_check(outs, "--predictions", predictions)) != 0) ||
	    (status = cli_outputs_check(outs, "-o", output)) != 0)
		goto done;

	rc = parley_backtest_data_load_file(&data, file, outcomes, &diags);
	if (rc < 0) {
		if (rc == PARLEY_EPARSE) {
			cli_print_diags(&diags);
			status = EXIT_USAGE;
		} else if (rc == PARLEY_EIO) {
			const char *msg = parley_error_last()->message;
			fprintf(stderr, "%s: error: %s\n", outcomes && strstr(msg, outcomes) ? outcomes : file, msg);
			status = EXIT_USAGE;
		} else {
			fprintf(stderr, "parley: %s\n", parley_error_last()->message);
			status = EXIT_RUNTIME;
		}
		goto done;
	}
	if (!outcomes) {
		if ((status = load_council(&eu15, wdir, "council-weights-eu15.csv")) != 0 ||
		    (status = load_council(&eu27, wdir, "council-weights-eu27.csv")) != 0)
			goto done;
		opts.eu15 = eu15;
		opts.eu27 = eu27;
	}
	if ((status = run(&bt, data, &opts, quiet)) != 0)
		goto done;
	if (parley_backtest_render(&out, bt, fmt) < 0 ||
	    (predictions && parley_backtest_render(&pred, bt, PARLEY_BT_OUTPUT_PREDICTIONS) < 0)) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
		goto done;
	}
	/* both outputs, or neither */
	if ((!predictions || (status = cli_outputs_add(outs, "--predictions", predictions, pred.ptr,
			pred.size)) == 0) &&
	    (status = cli_outputs_add(outs, "-o", output, out.ptr, out.size)) == 0)
		status = cli_outputs_commit(outs);
done:
	cli_outputs_free(outs);
	parley_diag_list_dispose(&diags);
	parley_buf_dispose(&out);
	parley_buf_dispose(&pred);
	parley_backtest_free(bt);
	parley_backtest_council_free(eu15);
	parley_backtest_council_free(eu27);
	parley_backtest_data_free(data);
	free(dir);
	return status;
}
