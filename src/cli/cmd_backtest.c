/*
 * cmd_backtest.c - `parley backtest DATASET`: load a dataset of past issues
 * (the DEU layout, or the long layout with --outcomes), the Council weight
 * tables for the DEU layout, run every model, and print the scores as a
 * text table, JSON or CSV; optionally write every issue's predictions
 * (--predictions). Both files are written atomically, both or neither, and
 * never over an input (outfile.c).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

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

typedef struct {
	parley_backtest_options opts;
	const char *file, *output, *predictions, *outcomes, *wdir;
	int format, blank_salience, blend_select, quiet, cap_given;
} backtest_args;

static int model_bit(const char *name)
{
	return parley_backtest_model_lookup(name);
}

static const char *model_name(size_t i)
{
	return parley_backtest_model_name((parley_backtest_model)i);
}

static int parse_models(const char *cmd, const char *v, void *args)
{
	return cli_parse_names(cmd, "--models", "model", NULL, v, model_bit, model_name,
		parley_backtest_model_count(), &((backtest_args *)args)->opts.models);
}

static int parse_features(const char *cmd, const char *v, void *args)
{
	return cli_parse_names(cmd, "--blend-features", "feature", "unknown blend feature '%s' "
		"(compromise, mean, median, bdm, intercept, pivot-lo, pivot-hi, ep or com)", v,
		parley_backtest_feature_lookup, NULL, 0, &((backtest_args *)args)->opts.blend_features);
}

static int parse_capability_opt(const char *cmd, const char *v, void *args)
{
	backtest_args *a = args;
	(void)cmd;
	a->cap_given = 1;
	return parse_capability(v, &a->opts);
}

static int parse_snap(const char *cmd, const char *v, void *args)
{
	const char *name;
	unsigned k = 0;
	while ((name = parley_backtest_snap_name((parley_backtest_snap)k)) && strcmp(name, v))
		k++;
	if (!name)
		return cli_usage_error(cmd, "unknown --blend-snap '%s' (nearest or off)", v);
	((backtest_args *)args)->opts.blend_snap = (parley_backtest_snap)k;
	return 0;
}

static int parse_lambdas_opt(const char *cmd, const char *v, void *args)
{
	(void)cmd;
	return parse_lambdas(v, ((backtest_args *)args)->opts.blend_lambdas) < 0 ? EXIT_USAGE : 0;
}

static int parse_inner_folds(const char *cmd, const char *v, void *args)
{
	(void)cmd;
	return parse_folds("--blend-inner-folds", v, &((backtest_args *)args)->opts.blend_inner_folds) < 0 ?
		EXIT_USAGE : 0;
}

static int parse_outer_folds(const char *cmd, const char *v, void *args)
{
	(void)cmd;
	return parse_folds("--blend-outer-folds", v, &((backtest_args *)args)->opts.blend_outer_folds) < 0 ?
		EXIT_USAGE : 0;
}

static int parse_max_work(const char *cmd, const char *v, void *args)
{
	double g;
	if (parse_number(v, &g) < 0 || g > 1e12)
		return cli_usage_error(cmd, "bad --max-work '%s' (a number of 10^9 operations "
			"from 0 to 1e12; 0: no limit)", v);
	((backtest_args *)args)->opts.max_work = g * 1e9;
	return 0;
}

static int parse_resamples(const char *cmd, const char *v, void *args)
{
	unsigned long long n;
	if (parse_count(v, 10000000, &n) < 0)
		return cli_usage_error(cmd, "bad --resamples '%s' (a whole number from 0 to 10000000)", v);
	((backtest_args *)args)->opts.resamples = (size_t)n;
	return 0;
}

static int parse_seed(const char *cmd, const char *v, void *args)
{
	unsigned long long n;
	if (parse_count(v, UINT64_MAX, &n) < 0)
		return cli_usage_error(cmd, "bad --seed '%s' (a whole number from 0 to 2^64-1)", v);
	((backtest_args *)args)->opts.seed = (uint64_t)n;
	return 0;
}

static int parse_eu27(const char *cmd, const char *v, void *args)
{
	unsigned long long n;
	if (parse_count(v, 1000000000, &n) < 0 || n < 1)
		return cli_usage_error(cmd, "bad --eu27-from '%s' (a proposal number >= 1)", v);
	((backtest_args *)args)->opts.eu27_from = (unsigned)n;
	return 0;
}

static void help_models(void)
{
	size_t i;
	for (i = 0; i < parley_backtest_model_count(); i++)
		printf("                          %-21s %s\n", parley_backtest_model_name((parley_backtest_model)i),
			parley_backtest_model_summary((parley_backtest_model)i));
}

static void help_seed(void)
{
	printf("bootstrap seed (default %u)\n", (unsigned)PARLEY_BACKTEST_SEED);
}

static void help_max_work(void)
{
	printf("refuse a run estimated to take more than G x 10^9 operations\n"
	       "                        (default %g; 0: no limit); the blend is the costly part\n",
	       PARLEY_BACKTEST_MAX_WORK / 1e9);
}

static const char *const formats[] = { "text", "json", "csv", NULL };
static const parley_backtest_format format_values[] = { PARLEY_BT_OUTPUT_TEXT, PARLEY_BT_OUTPUT_JSON,
	PARLEY_BT_OUTPUT_CSV };
static const char *const blank_rules[] = { "mean", "drop", NULL };
static const parley_backtest_salience_rule blank_values[] = { PARLEY_BT_SALIENCE_MEAN,
	PARLEY_BT_SALIENCE_DROP };
static const char *const selects[] = { "fixed", "nested", "penalized", NULL };
static const parley_backtest_select select_values[] = { PARLEY_BT_SELECT_FIXED, PARLEY_BT_SELECT_NESTED,
	PARLEY_BT_SELECT_PENALIZED };

#define AT(field) offsetof(backtest_args, field)
static const cli_opt backtest_opts[] = {
	{ "--models", "--model", NULL, "LIST", CLI_OPT_CALL, 0,
	  "comma-separated models to report (default: all):", NULL, NULL, 0, 0, parse_models, help_models },
	{ "--format", NULL, NULL, "FORMAT", CLI_OPT_CHOICE, AT(format), "text (default), json or csv",
	  formats, "unknown format '%s' (text, json or csv)", 0, 0, NULL, NULL },
	{ "--output", "-o", NULL, "FILE", CLI_OPT_STRING, AT(output),
	  "write the scores to FILE (atomically; never over an input)", NULL, NULL, 0, 0, NULL, NULL },
	{ "--predictions", NULL, NULL, "FILE", CLI_OPT_STRING, AT(predictions),
	  "write every issue's forecasts of every model as CSV (atomically)", NULL, NULL, 0, 0, NULL, NULL },
	{ "--capability", NULL, NULL, "SPEC", CLI_OPT_CALL, 0,
	  "votes (default), banzhaf, shapley or equal, optionally\n"
	  "followed by ,com=C and ,ep=C (the Commission's and the\n"
	  "Parliament's capability; default: the mean member-state\n"
	  "capability of the proposal's era); long layout: data\n"
	  "(default, the capability column) or equal", NULL, NULL, 0, 0, parse_capability_opt, NULL },
	{ "--weights-dir", NULL, NULL, "DIR", CLI_OPT_STRING, AT(wdir),
	  "where council-weights-eu15.csv and -eu27.csv are\n(default: the dataset's directory)",
	  NULL, NULL, 0, 0, NULL, NULL },
	{ "--eu27-from", NULL, NULL, "N", CLI_OPT_CALL, 0,
	  "first proposal number (prnrnmc) of the EU-27 era (default 67)", NULL, NULL, 0, 0, parse_eu27, NULL },
	{ "--outcomes", NULL, NULL, "FILE", CLI_OPT_STRING, AT(outcomes),
	  "the outcomes table of the long layout", NULL, NULL, 0, 0, NULL, NULL },
	{ "--blank-salience", NULL, NULL, "R", CLI_OPT_CHOICE, AT(blank_salience),
	  "mean (default: the mean salience of the other actors on the\n"
	  "issue) or drop (leave the actor out of the issue)",
	  blank_rules, "unknown --blank-salience '%s' (mean or drop)", 0, 0, NULL, NULL },
	{ "--blend-features", NULL, NULL, "LIST", CLI_OPT_CALL, 0,
	  "what the blend combines, comma-separated from compromise,\n"
	  "mean, median, bdm, intercept, pivot-lo, pivot-hi (the\n"
	  "Council's qualified-majority pivots), ep and com (the\n"
	  "Parliament's and the Commission's positions) (default\n"
	  "pivot-lo,pivot-hi,mean,bdm,ep,com)", NULL, NULL, 0, 0, parse_features, NULL },
	{ "--blend-select", NULL, NULL, "RULE", CLI_OPT_CHOICE, AT(blend_select),
	  "penalized (default: the features plus interactions of\n"
	  "mean - mid and ep - mid with eight issue covariates,\n"
	  "L1-penalised; each fold chooses the penalty by an inner\n"
	  "cross-validation), fixed (every feature of\n"
	  "--blend-features) or nested (each fold chooses its subset\n"
	  "of those features by an inner cross-validation)",
	  selects, "unknown --blend-select '%s' (fixed, nested or penalized)", 0, 0, NULL, NULL },
	{ "--blend-inner-folds", NULL, NULL, "K", CLI_OPT_CALL, 0,
	  "nested, penalized: inner folds (default 10), 0 = leave one\nproposal out",
	  NULL, NULL, 0, 0, parse_inner_folds, NULL },
	{ "--blend-lambdas", NULL, NULL, "LIST", CLI_OPT_CALL, 0,
	  "penalized: penalties tried after no interactions (default\n400,200,100,50; at most 8, each > 0)",
	  NULL, NULL, 0, 0, parse_lambdas_opt, NULL },
	{ "--blend-snap", NULL, NULL, "RULE", CLI_OPT_CALL, 0,
	  "nearest (default: move the blend's forecast to the nearest\n"
	  "actor position or reference point where a model of the\n"
	  "change in error, fitted in each fold on its training\n"
	  "proposals' inner cross-validation forecasts, predicts a\n"
	  "gain) or off", NULL, NULL, 0, 0, parse_snap, NULL },
	{ "--blend-outer-folds", NULL, NULL, "K", CLI_OPT_CALL, 0,
	  "folds of the cross-validation that scores the blend: 0 =\n"
	  "leave one proposal out (default); K >= 2 folds of\n"
	  "proposals cost time in proportion to the data, not its square",
	  NULL, NULL, 0, 0, parse_outer_folds, NULL },
	{ "--resamples", NULL, NULL, "N", CLI_OPT_CALL, 0,
	  "bootstrap resamples (default 2000; 0: no intervals)", NULL, NULL, 0, 0, parse_resamples, NULL },
	{ "--seed", NULL, NULL, "N", CLI_OPT_CALL, 0, NULL, NULL, NULL, 0, 0, parse_seed, help_seed },
	{ "--max-work", NULL, NULL, "G", CLI_OPT_CALL, 0, NULL, NULL, NULL, 0, 0, parse_max_work,
	  help_max_work },
	{ "--quiet", NULL, "-q", NULL, CLI_OPT_FLAG, AT(quiet),
	  "no progress (shown on stderr when it is a terminal)", NULL, NULL, 0, 0, NULL, NULL },
	CLI_OPT_HELP_ENTRY,
	CLI_OPT_END
};
#undef AT

void help_backtest(void)
{
	printf("Usage: parley backtest DATASET [OPTIONS]\n"
	       "       parley backtest POSITIONS --outcomes OUTCOMES [OPTIONS]\n\n"
	       "Forecast every issue of a dataset of past decisions with every model and score\n"
	       "the forecasts against the outcomes: mean absolute error, root mean squared error,\n"
	       "median absolute error, share within 10 and 20 points, each with a bootstrap 95%%\n"
	       "interval that resamples proposals. DATASET has the DEU II columns (prnrnmc, isnrnmc,\n"
	       "cod, p<actor>, s<actor>, rp, out); with --outcomes, POSITIONS has the columns\n"
	       "issue,actor,position,salience,capability[,votes] and OUTCOMES\n"
	       "issue,outcome,reference_point[,proposal,procedure,quota] (docs/backtest.md).\n\n"
	       "Options:\n");
	cli_opt_help(backtest_opts, 21);
	printf("\nOnly the models asked for run: without 'blend' in --models there is no blend and\n"
	       "no cross-validation; without 'bdm' or 'blend', no expected-utility model.\n\n"
	       "Exit status: 0 success, 1 runtime failure, 2 bad input or usage (also a run over\n"
	       "the work limit).\n"
	       "Example: parley backtest ../shared/data/deu/deu2-dev.csv --predictions predictions.csv\n");
}

static int operand(const char *cmd, const char *arg, void *args)
{
	return cli_one_operand(cmd, "dataset", &((backtest_args *)args)->file, arg);
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
	backtest_args a = { PARLEY_BACKTEST_OPTIONS_INIT, NULL, "-", NULL, NULL, NULL, -1, -1, -1, 0, 0 };
	parley_backtest_format fmt = PARLEY_BT_OUTPUT_TEXT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_backtest_data *data = NULL;
	parley_backtest_council *eu15 = NULL, *eu27 = NULL;
	parley_backtest *bt = NULL;
	parley_buf out = PARLEY_BUF_INIT, pred = PARLEY_BUF_INIT;
	char *dir = NULL;
	cli_outputs *outs = NULL;
	int rc, status = cli_parse("backtest", backtest_opts, help_backtest, argc, argv, 1, 0, &a, operand);

	if (status)
		return status == CLI_DONE ? 0 : status;
	/* the choices given, as the library's values */
	if (a.format >= 0)
		fmt = format_values[a.format];
	if (a.blank_salience >= 0)
		a.opts.blank_salience = blank_values[a.blank_salience];
	if (a.blend_select >= 0)
		a.opts.blend_select = select_values[a.blend_select];
	if (!a.file)
		return cli_usage_error("backtest", "no dataset");
	if (a.cap_given && a.outcomes && a.opts.capability != PARLEY_BT_CAP_EQUAL && a.opts.capability != PARLEY_BT_CAP_DATA)
		return cli_usage_error("backtest", "the long layout carries its own capabilities: "
			"--capability data or equal");
	if (a.cap_given && a.outcomes && (a.opts.com_capability >= 0 || a.opts.ep_capability >= 0))
		return cli_usage_error("backtest", "com= and ep= apply to the DEU layout; the long layout "
			"gives every actor's capability");
	if (a.cap_given && !a.outcomes && a.opts.capability == PARLEY_BT_CAP_DATA)
		return cli_usage_error("backtest", "the DEU layout has no capability column: "
			"--capability votes, banzhaf, shapley or equal");
	if (a.outcomes && a.wdir)
		return cli_usage_error("backtest", "--weights-dir applies to the DEU layout only");

	if (!a.outcomes && !a.wdir) {
		const char *slash = strrchr(a.file, '/');
		dir = slash ? strndup(a.file, (size_t)(slash - a.file) + (slash == a.file)) : strdup(".");
		if (!dir) {
			fprintf(stderr, "parley: out of memory\n");
			return EXIT_RUNTIME;
		}
		a.wdir = dir;
	}
	/* every output checked before the work: never over an input, never empty */
	if (!(outs = cli_outputs_new("backtest"))) {
		free(dir);
		return EXIT_RUNTIME;
	}
	if ((status = cli_outputs_input(outs, a.file)) != 0 || (status = cli_outputs_input(outs, a.outcomes)) != 0 ||
	    (!a.outcomes && ((status = council_input(outs, a.wdir, "council-weights-eu15.csv")) != 0 ||
			   (status = council_input(outs, a.wdir, "council-weights-eu27.csv")) != 0)) ||
	    (a.predictions && (status = cli_outputs_check(outs, "--predictions", a.predictions)) != 0) ||
	    (status = cli_outputs_check(outs, "-o", a.output)) != 0)
		goto done;

	rc = parley_backtest_data_load_file(&data, a.file, a.outcomes, &diags);
	if (rc < 0) {
		if (rc == PARLEY_EPARSE) {
			cli_print_diags(&diags);
			status = EXIT_USAGE;
		} else if (rc == PARLEY_EIO) {
			const char *msg = parley_error_last()->message;
			fprintf(stderr, "%s: error: %s\n", a.outcomes && strstr(msg, a.outcomes) ? a.outcomes : a.file, msg);
			status = EXIT_USAGE;
		} else {
			fprintf(stderr, "parley: %s\n", parley_error_last()->message);
			status = EXIT_RUNTIME;
		}
		goto done;
	}
	if (!a.outcomes) {
		if ((status = load_council(&eu15, a.wdir, "council-weights-eu15.csv")) != 0 ||
		    (status = load_council(&eu27, a.wdir, "council-weights-eu27.csv")) != 0)
			goto done;
		a.opts.eu15 = eu15;
		a.opts.eu27 = eu27;
	}
	if ((status = run(&bt, data, &a.opts, a.quiet)) != 0)
		goto done;
	if (parley_backtest_render(&out, bt, fmt) < 0 ||
	    (a.predictions && parley_backtest_render(&pred, bt, PARLEY_BT_OUTPUT_PREDICTIONS) < 0)) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
		goto done;
	}
	/* both outputs, or neither */
	if ((!a.predictions || (status = cli_outputs_add(outs, "--predictions", a.predictions, pred.ptr,
			pred.size)) == 0) &&
	    (status = cli_outputs_add(outs, "-o", a.output, out.ptr, out.size)) == 0)
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
