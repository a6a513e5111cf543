/*
 * cmd_ledger.c - `parley ledger SUBCOMMAND`: the forecast ledger from the
 * command line (docs/ledger.md). Subcommands: add, resolve, list, score,
 * export, import, words, info. Every one takes --db FILE (default
 * $XDG_DATA_HOME/parley/ledger.sqlite, else ~/.local/share/parley/...).
 *
 * Exit status: 0 success; 1 runtime failure (the ledger cannot be opened,
 * read or written, stays locked, is not a parley ledger, is damaged or has
 * a newer schema: the file is then left unchanged); 2 bad usage or input
 * (options, unknown words, a question of another kind, errors in an import
 * file as FILE:LINE:COL).
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

typedef struct {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
	void (*help)(void);
} sub_command;

/* ------------------------------------------------------------------ */
/* Shared helpers                                                       */
/* ------------------------------------------------------------------ */

/* How a subcommand opens the ledger. */
enum { OPEN_READ, OPEN_WRITE, OPEN_CREATE };

/* Open the ledger at `db` (NULL: the default): to read only (list, score,
 * export, info, check: never created, migrated or written), to write, or
 * to write and create it when missing. Returns 0 or the exit status. */
static int open_ledger(parley_ledger **out, const char *db, int mode)
{
	parley_ledger_open_options o = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_buf path = PARLEY_BUF_INIT;
	int rc;

	*out = NULL;
	if (!db) {
		if (parley_ledger_default_path(&path, mode == OPEN_CREATE) < 0) {
			fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
			parley_buf_dispose(&path);
			return EXIT_RUNTIME;
		}
		db = path.ptr;
	}
	o.create = mode == OPEN_CREATE;
	o.read_only = mode == OPEN_READ;
	rc = parley_ledger_open(out, db, &o);
	if (rc < 0)
		fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
	else if (parley_ledger_schema_problems(*out))
		fprintf(stderr, "parley ledger: warning: %s: the ledger's schema is not parley's: %s; "
			"it is read as it is, but parley will not write to it\n", db,
			parley_ledger_schema_problems(*out));
	parley_buf_dispose(&path);
	return rc < 0 ? EXIT_RUNTIME : 0;
}

/* The value of --db: a file name, not empty. 0, or the exit status. */
static int db_option(const char *cmd, const char *v, const char **db)
{
	if (!*v)
		return cli_usage_error(cmd, "--db needs a file name");
	*db = v;
	return 0;
}

/* A probability: a number from 0 to 1, or a percentage "75%". */
static int parse_probability(const char *text, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (end == text || errno)
		return -1;
	if (*end == '%' && end[1] == '\0')
		v /= 100;
	else if (*end)
		return -1;
	if (!(v >= 0 && v <= 1))
		return -1;
	*out = v;
	return 0;
}

static int parse_number(const char *text, double *out)
{
	char *end;
	errno = 0;
	*out = strtod(text, &end);
	return end != text && !*end && !errno && isfinite(*out) ? 0 : -1;
}

/* The arguments of every subcommand (each reads the ones it has). */
typedef struct {
	const char *db, *output, *first, *second;
	parley_ledger_query q;
	parley_ledger_score_options so;
	parley_ledger_apply_options ao;
	parley_ledger_forecast f;
	parley_ledger_resolution r;
	const char *text, *prob, *words, *value;
	double lo, hi;
	int format, kind, by, dry;
} ledger_args;

static void ledger_args_init(ledger_args *a)
{
	static const parley_ledger_query q = PARLEY_LEDGER_QUERY_INIT;
	static const parley_ledger_score_options so = PARLEY_LEDGER_SCORE_OPTIONS_INIT;
	static const parley_ledger_apply_options ao = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	memset(a, 0, sizeof(*a));
	a->output = "-";
	a->q = q;
	a->so = so;
	a->ao = ao;
	a->f.probability = a->f.value = a->f.p_lo = a->f.p_hi = NAN;
	a->r.value = NAN;
	a->lo = a->hi = NAN;
	a->format = a->kind = a->by = -1;
}

static int db_opt(const char *cmd, const char *v, void *args)
{
	return db_option(cmd, v, &((ledger_args *)args)->db) ? EXIT_USAGE : 0;
}

static int scale_opt(const char *cmd, const char *v, void *args)
{
	ledger_args *a = args;
	if (cli_parse_scale(v, &a->lo, &a->hi) < 0)
		return cli_usage_error(cmd, "bad --scale '%s' (LO,HI with LO < HI)", v);
	return 0;
}

static int log_clip_opt(const char *cmd, const char *v, void *args)
{
	double *e = &((ledger_args *)args)->so.log_clip;
	if (parse_number(v, e) < 0 || !(*e > 0 && *e < 0.5))
		return cli_usage_error(cmd, "bad --log-clip '%s' (a number above 0 and below 0.5)", v);
	return 0;
}

/* Operands: none, one (QUESTION, FILE) or two (QUESTION OUTCOME). */
static int no_operand(const char *cmd, const char *arg, void *args)
{
	(void)args;
	return cli_usage_error(cmd, "unexpected argument '%s'", arg);
}

static int one_question(const char *cmd, const char *arg, void *args)
{
	return cli_one_operand(cmd, "question", &((ledger_args *)args)->first, arg);
}

static int one_file(const char *cmd, const char *arg, void *args)
{
	return cli_one_operand(cmd, "file", &((ledger_args *)args)->first, arg);
}

static int question_outcome(const char *cmd, const char *arg, void *args)
{
	ledger_args *a = args;
	if (a->first && a->second)
		return cli_usage_error(cmd, "too many arguments ('%s')", arg);
	*(a->first ? &a->second : &a->first) = arg;
	return 0;
}

static const char *const formats[] = { "text", "json", "csv", NULL };
static const parley_ledger_format format_values[] = { PARLEY_LEDGER_TEXT, PARLEY_LEDGER_JSON,
	PARLEY_LEDGER_CSV };
#define FORMAT_BAD "unknown format '%s' (text, json or csv)"
#define DB_HELP "the ledger (default $XDG_DATA_HOME/parley/ledger.sqlite)"
#define AT(field) offsetof(ledger_args, field)
#define STRING_OPT(name, arg, field, help) \
	{ name, NULL, NULL, arg, CLI_OPT_STRING, AT(field), help, NULL, NULL, 0, 0, NULL, NULL }
#define DB_OPT { "--db", NULL, NULL, "FILE", CLI_OPT_CALL, 0, DB_HELP, NULL, NULL, 0, 0, db_opt, NULL }
#define FORMAT_OPT(help) \
	{ "--format", NULL, NULL, "FORMAT", CLI_OPT_CHOICE, AT(format), help, formats, FORMAT_BAD, 0, 0, \
	  NULL, NULL }
#define OUTPUT_OPT(help) \
	{ "--output", "-o", NULL, "FILE", CLI_OPT_STRING, AT(output), help, NULL, NULL, 0, 0, NULL, NULL }

/* The format asked for, or text. */
static parley_ledger_format format_of(const ledger_args *a)
{
	return a->format < 0 ? PARLEY_LEDGER_TEXT : format_values[a->format];
}

/* Check -o before the work: never empty, never the ledger itself (--db or
 * the default) or its journal. *out receives the outputs; 0 or the exit status. */
static int check_output(cli_outputs **out, const char *cmd, const char *db, const char *output)
{
	static const char *const parts[] = { "", "-wal", "-shm", "-journal" };
	parley_buf path = PARLEY_BUF_INIT;
	size_t i;
	int rc = 0;

	if (!(*out = cli_outputs_new(cmd)))
		return EXIT_RUNTIME;
	if (!db && parley_ledger_default_path(&path, 0) == 0)
		db = path.ptr;
	for (i = 0; db && i < sizeof(parts) / sizeof(parts[0]) && !rc; i++) {
		char *name = malloc(strlen(db) + strlen(parts[i]) + 1);
		if (!name) {
			fprintf(stderr, "parley: out of memory\n");
			rc = EXIT_RUNTIME;
			break;
		}
		sprintf(name, "%s%s", db, parts[i]);
		rc = cli_outputs_input(*out, name);
		free(name);
	}
	parley_buf_dispose(&path);
	return rc ? rc : cli_outputs_check(*out, "-o", output);
}

static int write_buf(cli_outputs *o, const char *output, const parley_buf *b)
{
	return cli_write_output(o, "-o", output, b->ptr, b->size);
}

/* The status of a batch's check or application (rc), after printing its
 * diagnostics or error: 0, EXIT_USAGE or EXIT_RUNTIME. */
static int batch_status(int rc, parley_diag_list *diags)
{
	int status = 0;

	if (rc == PARLEY_EPARSE) {
		cli_print_diags(diags);
		status = EXIT_USAGE;
	} else if (rc < 0) {
		fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	}
	parley_diag_list_dispose(diags);
	return status;
}

/* Apply a batch, printing diagnostics; returns 0 or the exit status. */
static int apply(parley_ledger *l, const parley_ledger_batch *b, const parley_ledger_apply_options *o,
	parley_ledger_apply_stats *stats)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	int rc = parley_ledger_apply(l, b, o, stats, &diags);
	return batch_status(rc, &diags);
}

/* The checks that need no ledger, before one is opened (and perhaps
 * created): a refused batch leaves no new file behind. 0 or the exit status. */
static int check_batch(const parley_ledger_batch *b, const parley_ledger_apply_options *o)
{
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	int rc = parley_ledger_batch_check(b, o, &diags);
	return batch_status(rc, &diags);
}

static const cli_opt db_only_opts[] = { DB_OPT, CLI_OPT_HELP_UNLISTED, CLI_OPT_END };

/* The arguments of a subcommand whose only option is --db: 0 with *db set
 * (NULL: the default), CLI_DONE after printing its help, or the exit status. */
static int db_only_args(const char *cmd, int argc, char **argv, void (*help)(void), const char **db)
{
	ledger_args a;
	int rc;
	ledger_args_init(&a);
	rc = cli_parse(cmd, db_only_opts, help, argc, argv, 1, 0, &a, no_operand);
	*db = a.db;
	return rc;
}

static void print_known_words(FILE *fp)
{
	size_t i, n = parley_ledger_word_count();
	for (i = 0; i < n; i++)
		fprintf(fp, "%s\"%s\"", i ? ", " : "", parley_ledger_word_at(i)->words);
}

/* ------------------------------------------------------------------ */
/* add                                                                  */
/* ------------------------------------------------------------------ */

static const char *const kinds[] = { "person", "model", NULL };
static const parley_ledger_forecaster_kind kind_values[] = { PARLEY_LEDGER_PERSON, PARLEY_LEDGER_MODEL };

static const cli_opt add_opts[] = {
	STRING_OPT("--forecaster", "NAME", f.forecaster, "who made the forecast"),
	STRING_OPT("--date", "D", f.date, "when it was made (YYYY-MM-DD)"),
	STRING_OPT("--probability", "P", prob, "a probability from 0 to 1, or a percentage (75%)"),
	STRING_OPT("--words", "WORDS", words, "words of estimative probability (\"odds are high\"), mapped\n"
		"through the table of 'parley ledger words'"),
	STRING_OPT("--value", "X", value, "a forecast value (value questions)"),
	{ "--kind", NULL, NULL, "person|model", CLI_OPT_CHOICE, AT(kind),
	  "what the forecaster is (default person)", kinds, "unknown --kind '%s' (person or model)",
	  0, 0, NULL, NULL },
	STRING_OPT("--text", "TEXT", text, "what the question asks (when it is new)"),
	{ "--scale", NULL, NULL, "LO,HI", CLI_OPT_CALL, 0, "a new value question's scale", NULL, NULL, 0, 0,
	  scale_opt, NULL },
	STRING_OPT("--quote", "TEXT", f.quote, "the forecast as it was said"),
	STRING_OPT("--source", "TEXT", f.source, "where it was said (document, URL)"),
	STRING_OPT("--note", "TEXT", f.note, "anything else"),
	DB_OPT,
	CLI_OPT_HELP_UNLISTED,
	CLI_OPT_END
};

static void help_add(void)
{
	printf("Usage: parley ledger add QUESTION --forecaster NAME --date YYYY-MM-DD\n"
	       "                        (--probability P | --words WORDS | --value X) [OPTIONS]\n\n"
	       "Add one forecast. A new QUESTION is created: yes/no with --probability or --words,\n"
	       "a value question with --value.\n\n"
	       "Options:\n");
	cli_opt_help(add_opts, 19);
	printf("\n"
	       "Example: parley ledger add us-guarantee --forecaster \"D. Suslov\" --date 2022-01-17 \\\n"
	       "           --words \"doomed in principle\" --source \"TASS, 17 January 2022\"\n");
}

static int ledger_add(int argc, char **argv)
{
	const char *cmd = "ledger add", *question, *text, *prob, *words, *value, *db;
	ledger_args a;
	parley_ledger_forecast f;
	parley_ledger_question q;
	parley_ledger_batch batch;
	parley_ledger_apply_options ao = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	parley_ledger_apply_stats stats;
	parley_ledger *l = NULL;
	double lo, hi;
	int rc, status, has_q = 0;

	ledger_args_init(&a);
	if ((rc = cli_parse(cmd, add_opts, help_add, argc, argv, 1, 0, &a, one_question)) != 0)
		return rc == CLI_DONE ? 0 : rc;
	f = a.f;
	if (a.kind >= 0)
		f.forecaster_kind = kind_values[a.kind];
	question = a.first;
	text = a.text;
	prob = a.prob;
	words = a.words;
	value = a.value;
	db = a.db;
	lo = a.lo;
	hi = a.hi;
	memset(&q, 0, sizeof(q));
	q.lo = q.hi = NAN;
	if (!question)
		return cli_usage_error(cmd, "no question");
	if (!f.forecaster)
		return cli_usage_error(cmd, "--forecaster NAME is required");
	if (!f.date)
		return cli_usage_error(cmd, "--date YYYY-MM-DD is required");
	if (!parley_ledger_date_valid(f.date))
		return cli_usage_error(cmd, "bad --date '%s' (YYYY-MM-DD)", f.date);
	if ((prob != NULL) + (words != NULL) + (value != NULL) != 1)
		return cli_usage_error(cmd, "give exactly one of --probability, --words and --value");
	if (prob && parse_probability(prob, &f.probability) < 0)
		return cli_usage_error(cmd, "bad --probability '%s' (a number from 0 to 1, or a percentage)", prob);
	if (value && parse_number(value, &f.value) < 0)
		return cli_usage_error(cmd, "bad --value '%s' (a number)", value);
	if (words) {
		const parley_ledger_word *w = parley_ledger_word_lookup(words);
		if (!w) {
			fprintf(stderr, "parley ledger add: unknown words of estimative probability '%s'\n"
				"Known words (parley ledger words shows their numbers): ", words);
			print_known_words(stderr);
			fprintf(stderr, "\nOr give a number with --probability.\n");
			return EXIT_USAGE;
		}
		f.words = w->words;
		f.probability = w->p;
		f.p_lo = w->lo;
		f.p_hi = w->hi;
	}
	if (!isnan(lo) && !value)
		return cli_usage_error(cmd, "--scale applies to value questions (give --value)");
	f.question = question;
	memset(&batch, 0, sizeof(batch));
	if (text || !isnan(lo)) {
		q.id = question;
		q.kind = value ? PARLEY_LEDGER_VALUE : PARLEY_LEDGER_BINARY;
		q.text = text;
		q.lo = lo;
		q.hi = hi;
		has_q = 1;
	}
	batch.questions = &q;
	batch.question_count = (size_t)has_q;
	batch.forecasts = &f;
	batch.forecast_count = 1;
	ao.file = "parley ledger add";
	if ((status = check_batch(&batch, &ao)) != 0 ||
	    (status = open_ledger(&l, db, OPEN_CREATE)) != 0)
		return status;
	status = apply(l, &batch, &ao, &stats);
	if (!status) {
		printf("added: %s, %s, %s: ", question, f.forecaster, f.date);
		if (!isnan(f.value))
			printf("value %g", f.value);
		else if (f.words)
			printf("%g (\"%s\", %g-%g)", f.probability, f.words, f.p_lo, f.p_hi);
		else
			printf("%g", f.probability);
		printf("%s\n", stats.questions_added ? " (new question)" : "");
	}
	parley_ledger_free(l);
	return status;
}

/* ------------------------------------------------------------------ */
/* resolve                                                              */
/* ------------------------------------------------------------------ */

static const cli_opt resolve_opts[] = {
	STRING_OPT("--date", "D", r.date, "when it was resolved (YYYY-MM-DD)"),
	STRING_OPT("--source", "TEXT", r.source, "what shows the outcome"),
	STRING_OPT("--note", "TEXT", r.note, "why it cannot be resolved, or a comment"),
	{ "--replace", NULL, NULL, NULL, CLI_OPT_FLAG, AT(ao.replace),
	  "replace a different earlier resolution", NULL, NULL, 0, 0, NULL, NULL },
	DB_OPT,
	CLI_OPT_HELP_UNLISTED,
	CLI_OPT_END
};

static void help_resolve(void)
{
	printf("Usage: parley ledger resolve QUESTION yes|no|VALUE|unresolvable --date YYYY-MM-DD\n"
	       "                            --source TEXT [OPTIONS]\n\n"
	       "Say what happened. A yes/no question resolves yes or no, a value question to a\n"
	       "number; either may be unresolvable, with a --note saying why.\n\n"
	       "Options:\n");
	cli_opt_help(resolve_opts, 16);
	printf("\n"
	       "Example: parley ledger resolve us-guarantee no --date 2022-02-24 \\\n"
	       "           --source \"No guarantee was given; Russia invaded Ukraine on 24 February 2022\"\n");
}

static int ledger_resolve(int argc, char **argv)
{
	const char *cmd = "ledger resolve", *db, *question, *outcome;
	ledger_args a;
	parley_ledger_resolution r;
	parley_ledger_batch batch;
	parley_ledger_apply_options ao;
	parley_ledger_apply_stats stats;
	parley_ledger *l = NULL;
	int rc, status;

	ledger_args_init(&a);
	if ((rc = cli_parse(cmd, resolve_opts, help_resolve, argc, argv, 1, CLI_NUMBERS, &a,
			question_outcome)) != 0)
		return rc == CLI_DONE ? 0 : rc;
	r = a.r;
	ao = a.ao;
	db = a.db;
	question = a.first;
	outcome = a.second;
	if (!question || !outcome)
		return cli_usage_error(cmd, "give QUESTION and its outcome (yes, no, a number or unresolvable)");
	if (!strcmp(outcome, "yes"))
		r.outcome = PARLEY_LEDGER_YES;
	else if (!strcmp(outcome, "no"))
		r.outcome = PARLEY_LEDGER_NO;
	else if (!strcmp(outcome, "unresolvable"))
		r.outcome = PARLEY_LEDGER_UNRESOLVABLE;
	else if (parse_number(outcome, &r.value) == 0)
		r.outcome = PARLEY_LEDGER_RESOLVED_VALUE;
	else
		return cli_usage_error(cmd, "bad outcome '%s' (yes, no, a number or unresolvable)", outcome);
	if (!r.date)
		return cli_usage_error(cmd, "--date YYYY-MM-DD is required");
	if (!parley_ledger_date_valid(r.date))
		return cli_usage_error(cmd, "bad --date '%s' (YYYY-MM-DD)", r.date);
	if (!r.source || !r.source[0])
		return cli_usage_error(cmd, "--source TEXT is required: what shows the outcome");
	if (r.outcome == PARLEY_LEDGER_UNRESOLVABLE && (!r.note || !r.note[0]))
		return cli_usage_error(cmd, "an unresolvable question needs --note saying why");
	r.question = question;
	memset(&batch, 0, sizeof(batch));
	batch.resolutions = &r;
	batch.resolution_count = 1;
	ao.file = "parley ledger resolve";
	if ((status = check_batch(&batch, &ao)) != 0 ||
	    (status = open_ledger(&l, db, OPEN_WRITE)) != 0)
		return status;
	status = apply(l, &batch, &ao, &stats);
	if (!status)
		printf("%s: %s: %s on %s\n", question,
			stats.resolutions_same ? "already resolved" : "resolved", outcome, r.date);
	parley_ledger_free(l);
	return status;
}

/* ------------------------------------------------------------------ */
/* list and export                                                      */
/* ------------------------------------------------------------------ */

static const cli_opt list_opts[] = {
	STRING_OPT("--question", "GLOB", q.question, "only questions whose id matches (SQLite GLOB: * ? [..])"),
	STRING_OPT("--forecaster", "NAME", q.forecaster, "only this forecaster's forecasts"),
	FORMAT_OPT("text (default), json (the import format) or csv"),
	OUTPUT_OPT("write to FILE atomically"),
	DB_OPT,
	CLI_OPT_HELP_UNLISTED,
	CLI_OPT_END
};

static const cli_opt export_opts[] = {
	FORMAT_OPT("json or csv"),
	OUTPUT_OPT("write to FILE atomically (temporary file, then rename)"),
	STRING_OPT("--question", "GLOB", q.question, "only questions whose id matches"),
	STRING_OPT("--forecaster", "NAME", q.forecaster, "only this forecaster's forecasts"),
	DB_OPT,
	CLI_OPT_HELP_UNLISTED,
	CLI_OPT_END
};

static void help_list(void)
{
	printf("Usage: parley ledger list [OPTIONS]\n\n"
	       "List the questions with their resolutions and forecasts, by question id, then\n"
	       "by date and forecaster.\n\n"
	       "Options:\n");
	cli_opt_help(list_opts, 19);
}

static void help_export(void)
{
	printf("Usage: parley ledger export --format csv|json [-o FILE] [OPTIONS]\n\n"
	       "Write the whole ledger (or the questions matching --question) as JSON, which\n"
	       "'parley ledger import' reads back, or as CSV with one row per forecast.\n\n"
	       "Options:\n");
	cli_opt_help(export_opts, 19);
}

static int list_or_export(int argc, char **argv, int export)
{
	const char *cmd = export ? "ledger export" : "ledger list", *db, *output;
	ledger_args a;
	parley_ledger_query q;
	parley_ledger_format fmt;
	parley_ledger_view *view = NULL;
	parley_ledger *l = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	cli_outputs *outs = NULL;
	int rc, status, have_fmt;

	ledger_args_init(&a);
	if ((rc = cli_parse(cmd, export ? export_opts : list_opts, export ? help_export : help_list,
			argc, argv, 1, 0, &a, no_operand)) != 0)
		return rc == CLI_DONE ? 0 : rc;
	db = a.db;
	output = a.output;
	q = a.q;
	fmt = format_of(&a);
	have_fmt = a.format >= 0;
	if (export && (!have_fmt || fmt == PARLEY_LEDGER_TEXT))
		return cli_usage_error(cmd, "--format csv or --format json is required");
	if ((status = check_output(&outs, cmd, db, output)) != 0 ||
	    (status = open_ledger(&l, db, OPEN_READ)) != 0) {
		cli_outputs_free(outs);
		return status;
	}
	if (parley_ledger_view_load(&view, l, &q) < 0 ||
	    parley_ledger_render_view(&out, view, fmt) < 0) {
		fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	} else {
		if (parley_ledger_view_escaped(view))
			fprintf(stderr, "parley ledger: warning: %zu text field%s of the ledger hold%s control "
				"characters or unbalanced bidirectional controls (an older or hand-edited ledger); "
				"they are shown escaped (\\x1b, \\u202e)\n", parley_ledger_view_escaped(view),
				parley_ledger_view_escaped(view) == 1 ? "" : "s",
				parley_ledger_view_escaped(view) == 1 ? "s" : "");
		status = write_buf(outs, output, &out);
	}
	cli_outputs_free(outs);
	parley_buf_dispose(&out);
	parley_ledger_view_free(view);
	parley_ledger_free(l);
	return status;
}

static int ledger_list(int argc, char **argv)
{
	return list_or_export(argc, argv, 0);
}

static int ledger_export(int argc, char **argv)
{
	return list_or_export(argc, argv, 1);
}

/* ------------------------------------------------------------------ */
/* score                                                                */
/* ------------------------------------------------------------------ */

static const char *const bys[] = { "forecaster", "model", NULL };
static const parley_ledger_group by_values[] = { PARLEY_LEDGER_BY_FORECASTER, PARLEY_LEDGER_BY_MODEL };

static const cli_opt score_opts[] = {
	{ "--by", NULL, NULL, "forecaster|model", CLI_OPT_CHOICE, AT(by),
	  "one row per forecaster (default), or per model with all\npeople together as \"people\"",
	  bys, "unknown --by '%s' (forecaster or model)", 0, 0, NULL, NULL },
	STRING_OPT("--question", "GLOB", q.question, "only questions whose id matches (SQLite GLOB)"),
	STRING_OPT("--forecaster", "NAME", q.forecaster, "only this forecaster"),
	{ "--shared", NULL, NULL, NULL, CLI_OPT_FLAG, AT(so.shared),
	  "only questions that people and models both forecast", NULL, NULL, 0, 0, NULL, NULL },
	{ "--bins", NULL, NULL, "N", CLI_OPT_SIZE, AT(so.bins), "calibration bins, 1 to 20 (default 10)",
	  NULL, NULL, 1, PARLEY_LEDGER_MAX_BINS, NULL, NULL },
	{ "--log-clip", NULL, NULL, "E", CLI_OPT_CALL, 0,
	  "clip probabilities to [E, 1-E] in the log score, 0 < E < 0.5\n(default 0.01)",
	  NULL, NULL, 0, 0, log_clip_opt, NULL },
	FORMAT_OPT("text (default), json or csv"),
	OUTPUT_OPT("write to FILE atomically"),
	DB_OPT,
	CLI_OPT_HELP_UNLISTED,
	CLI_OPT_END
};

static void help_score(void)
{
	printf("Usage: parley ledger score [OPTIONS]\n\n"
	       "Score the resolved questions: per forecaster (or model) the Brier score, the log\n"
	       "score (base 2, p clipped to [e, 1-e]), Murphy's reliability, resolution and\n"
	       "uncertainty, the Brier score with words at the ends of their ranges, the mean\n"
	       "absolute error on value questions, and a calibration table. Only the latest\n"
	       "forecast of each forecaster on each question counts.\n\n"
	       "Options:\n");
	cli_opt_help(score_opts, 22);
}

static int ledger_score(int argc, char **argv)
{
	const char *cmd = "ledger score", *db, *output;
	ledger_args a;
	parley_ledger_query q;
	parley_ledger_score_options so;
	parley_ledger_format fmt;
	parley_ledger_view *view = NULL;
	parley_ledger_scores *scores = NULL;
	parley_ledger *l = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	cli_outputs *outs = NULL;
	int rc, status;

	ledger_args_init(&a);
	if ((rc = cli_parse(cmd, score_opts, help_score, argc, argv, 1, 0, &a, no_operand)) != 0)
		return rc == CLI_DONE ? 0 : rc;
	db = a.db;
	output = a.output;
	q = a.q;
	so = a.so;
	if (a.by >= 0)
		so.by = by_values[a.by];
	fmt = format_of(&a);
	if ((status = check_output(&outs, cmd, db, output)) != 0 ||
	    (status = open_ledger(&l, db, OPEN_READ)) != 0) {
		cli_outputs_free(outs);
		return status;
	}
	if (parley_ledger_view_load(&view, l, &q) < 0 ||
	    parley_ledger_scores_compute(&scores, view, &so) < 0 ||
	    parley_ledger_render_scores(&out, scores, fmt) < 0) {
		fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	} else {
		status = write_buf(outs, output, &out);
	}
	cli_outputs_free(outs);
	parley_buf_dispose(&out);
	parley_ledger_scores_free(scores);
	parley_ledger_view_free(view);
	parley_ledger_free(l);
	return status;
}

/* ------------------------------------------------------------------ */
/* import                                                               */
/* ------------------------------------------------------------------ */

static const cli_opt import_opts[] = {
	{ "--dry-run", NULL, NULL, NULL, CLI_OPT_FLAG, AT(dry),
	  "check the file and report what it holds; change nothing", NULL, NULL, 0, 0, NULL, NULL },
	{ "--replace", NULL, NULL, NULL, CLI_OPT_FLAG, AT(ao.replace),
	  "let its resolutions replace different earlier ones", NULL, NULL, 0, 0, NULL, NULL },
	DB_OPT,
	CLI_OPT_HELP_UNLISTED,
	CLI_OPT_END
};

static void help_import(void)
{
	printf("Usage: parley ledger import FILE [OPTIONS]\n\n"
	       "Add the questions, forecasts and resolutions of a ledger file (YAML, or the JSON\n"
	       "of 'parley ledger export'; docs/ledger.md) in one transaction: all or nothing.\n"
	       "Forecasts already in the ledger (same question, forecaster, date, number and\n"
	       "words) are skipped, so importing a file twice adds nothing. Errors in the file\n"
	       "are reported as FILE:LINE:COL: error: ... (exit status 2).\n\n"
	       "Options:\n");
	cli_opt_help(import_opts, 12);
	printf("\n"
	       "Example: parley ledger import examples/security-guarantees-2022-experts.yaml\n");
}

static int ledger_import(int argc, char **argv)
{
	const char *cmd = "ledger import", *db, *file;
	ledger_args a;
	parley_ledger_apply_options ao;
	parley_ledger_apply_stats stats;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_ledger_doc *doc = NULL;
	parley_ledger *l = NULL;
	const parley_ledger_batch *b;
	int rc, status = 0, dry;

	ledger_args_init(&a);
	if ((rc = cli_parse(cmd, import_opts, help_import, argc, argv, 1, 0, &a, one_file)) != 0)
		return rc == CLI_DONE ? 0 : rc;
	db = a.db;
	file = a.first;
	ao = a.ao;
	dry = a.dry;
	if (!file)
		return cli_usage_error(cmd, "no ledger file to import");
	rc = parley_ledger_doc_load_file(&doc, file, &diags);
	if (rc == PARLEY_EPARSE) {
		cli_print_diags(&diags);
		parley_diag_list_dispose(&diags);
		return EXIT_USAGE;
	}
	parley_diag_list_dispose(&diags);
	if (rc == PARLEY_EIO) {
		fprintf(stderr, "%s: error: %s\n", file, parley_error_last()->message);
		return EXIT_USAGE;
	}
	if (rc < 0) {
		fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
		return EXIT_RUNTIME;
	}
	b = parley_ledger_doc_batch(doc);
	if (dry) {
		printf("%s: %zu questions, %zu forecasts, %zu resolutions; no errors (nothing imported)\n",
			file, b->question_count, b->forecast_count, b->resolution_count);
		parley_ledger_doc_free(doc);
		return 0;
	}
	ao.file = file;
	if ((status = check_batch(b, &ao)) != 0 || (status = open_ledger(&l, db, OPEN_CREATE)) != 0) {
		if (status == EXIT_USAGE)
			fprintf(stderr, "%s: nothing was imported\n", file);
		parley_ledger_doc_free(doc);
		return status;
	}
	ao.skip_duplicates = 1;
	status = apply(l, b, &ao, &stats);
	if (!status)
		printf("%s: imported %zu forecasts (%zu already there), %zu new questions, "
			"%zu resolutions (%zu already there)\n", file, stats.forecasts_added,
			stats.forecasts_skipped, stats.questions_added, stats.resolutions_added,
			stats.resolutions_same);
	else if (status == EXIT_USAGE)
		fprintf(stderr, "%s: nothing was imported\n", file);
	parley_ledger_free(l);
	parley_ledger_doc_free(doc);
	return status;
}

/* ------------------------------------------------------------------ */
/* words and info                                                       */
/* ------------------------------------------------------------------ */

static const cli_opt words_opts[] = {
	FORMAT_OPT("text (default), json or csv"),
	CLI_OPT_HELP_UNLISTED,
	CLI_OPT_END
};

static void help_words(void)
{
	printf("Usage: parley ledger words [--format text|json|csv]\n\n"
	       "Print the table of words of estimative probability that --words and ledger files\n"
	       "use: the number each stands for, its range and its source (Kent 1964, ICD 203,\n"
	       "or parley's own mapping; docs/ledger.md).\n");
}

static int ledger_words(int argc, char **argv)
{
	ledger_args a;
	parley_buf out = PARLEY_BUF_INIT;
	parley_ledger_format fmt;
	int status;

	ledger_args_init(&a);
	if ((status = cli_parse("ledger words", words_opts, help_words, argc, argv, 1, 0, &a,
			no_operand)) != 0)
		return status == CLI_DONE ? 0 : status;
	fmt = format_of(&a);
	if (parley_ledger_render_words(&out, fmt) < 0) {
		fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	} else {
		cli_outputs *outs = cli_outputs_new("ledger words");
		status = outs ? write_buf(outs, "-", &out) : EXIT_RUNTIME;
		cli_outputs_free(outs);
	}
	parley_buf_dispose(&out);
	return status;
}

static void help_info(void)
{
	printf("Usage: parley ledger info [--db FILE]\n\n"
	       "Print the ledger's path, schema version and how many questions, forecasts and\n"
	       "resolutions it holds.\n");
}

static int ledger_info(int argc, char **argv)
{
	const char *db = NULL;
	parley_ledger_stats st;
	parley_ledger *l = NULL;
	int status;

	if ((status = db_only_args("ledger info", argc, argv, help_info, &db)) != 0)
		return status == CLI_DONE ? 0 : status;
	if ((status = open_ledger(&l, db, OPEN_READ)) != 0)
		return status;
	if (parley_ledger_stats_get(&st, l) < 0) {
		fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	} else {
		printf("ledger: %s\nschema: %d\nquestions: %zu\nforecasts: %zu\nresolved: %zu\n"
		       "unresolvable: %zu\nopen: %zu\n", parley_ledger_path(l), st.schema, st.questions,
		       st.forecasts, st.resolved, st.unresolvable,
		       st.questions - st.resolved - st.unresolvable);
	}
	parley_ledger_free(l);
	return status;
}

static void help_check(void)
{
	printf("Usage: parley ledger check [--db FILE]\n\n"
	       "Check a ledger without changing it: list every object of its schema that\n"
	       "parley does not make (a trigger, a view, an index, a table, an altered table;\n"
	       "parley refuses to write to such a ledger) and every row that breaks what\n"
	       "parley writes (a question without a key or twice, a forecast of no question,\n"
	       "a probability outside [0, 1], ...; the other commands refuse to read those).\n"
	       "Exit status 0 when there is nothing to report, 1 when there is.\n");
}

static int ledger_check(int argc, char **argv)
{
	const char *db = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	parley_ledger_open_options o = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_ledger *l = NULL;
	parley_buf path = PARLEY_BUF_INIT;
	size_t problems = 0;
	int status;

	if ((status = db_only_args("ledger check", argc, argv, help_check, &db)) != 0)
		return status == CLI_DONE ? 0 : status;
	if (!db) {
		if (parley_ledger_default_path(&path, 0) < 0) {
			fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
			parley_buf_dispose(&path);
			return EXIT_RUNTIME;
		}
		db = path.ptr;
	}
	/* read-only, and without the warning open_ledger() gives: this lists it */
	o.create = 0;
	o.read_only = 1;
	if (parley_ledger_open(&l, db, &o) < 0 || parley_ledger_check(&out, l, &problems) < 0) {
		fprintf(stderr, "parley ledger: %s\n", parley_error_last()->message);
		status = EXIT_RUNTIME;
	} else if (problems) {
		printf("%s: %zu problem%s:\n%s", db, problems, problems == 1 ? "" : "s", out.ptr);
		status = EXIT_RUNTIME;
	} else {
		printf("%s: the ledger's schema is parley's and its rows are sound\n", db);
		status = 0;
	}
	parley_buf_dispose(&out);
	parley_buf_dispose(&path);
	parley_ledger_free(l);
	return status;
}

/* ------------------------------------------------------------------ */
/* The command                                                          */
/* ------------------------------------------------------------------ */

static const sub_command subs[] = {
	{ "add", "add a forecast (a probability, words or a value)", ledger_add, help_add },
	{ "resolve", "say what happened: yes, no, a value or unresolvable", ledger_resolve, help_resolve },
	{ "list", "list questions, resolutions and forecasts", ledger_list, help_list },
	{ "score", "Brier and log scores, Murphy's decomposition, calibration", ledger_score, help_score },
	{ "export", "write the ledger as JSON or CSV", ledger_export, help_export },
	{ "import", "add a ledger file (YAML or exported JSON) in one transaction", ledger_import,
	  help_import },
	{ "words", "the table of words of estimative probability", ledger_words, help_words },
	{ "info", "the ledger's path, schema and counts", ledger_info, help_info },
	{ "check", "list what in a ledger is not parley's (schema objects, rows)", ledger_check, help_check },
};

void help_ledger(void)
{
	size_t i;
	printf("Usage: parley ledger SUBCOMMAND [OPTIONS]\n\n"
	       "Keep every forecast (the models' and people's) in one SQLite ledger, resolve it\n"
	       "when reality answers, and score who was right how often (docs/ledger.md).\n\n"
	       "Subcommands:\n");
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		printf("  %-9s %s\n", subs[i].name, subs[i].summary);
	printf("\nEvery subcommand takes --db FILE; the default ledger is\n"
	       "$XDG_DATA_HOME/parley/ledger.sqlite, else ~/.local/share/parley/ledger.sqlite.\n"
	       "Model forecasts are recorded with 'parley forecast FILE --record [--db FILE]'.\n"
	       "Run 'parley ledger SUBCOMMAND --help' for its options.\n\n"
	       "Exit status: 0 success; 1 runtime failure (the ledger cannot be opened or written,\n"
	       "is not a parley ledger, is damaged or has a newer schema: it is left unchanged);\n"
	       "2 bad usage or input.\n"
	       "Example: parley ledger import examples/security-guarantees-2022-experts.yaml && "
	       "parley ledger score\n");
}

int cmd_ledger(int argc, char **argv)
{
	const char *names[sizeof(subs) / sizeof(subs[0]) + 1];
	size_t i;

	if (argc < 2) {
		help_ledger();
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
				if (!strcmp(subs[i].name, argv[2])) {
					subs[i].help();
					return 0;
				}
			return cli_usage_error("ledger", "unknown subcommand '%s'", argv[2]);
		}
		help_ledger();
		return 0;
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		if (!strcmp(subs[i].name, argv[1]))
			return subs[i].run(argc - 1, argv + 1);
		names[i] = subs[i].name;
	}
	names[i] = NULL;
	if (argv[1][0] == '-')
		return cli_unknown_option("ledger", argv[1], names);
	return cli_usage_error("ledger", "unknown subcommand '%s' (add, resolve, list, score, export, "
		"import, words, info or check)", argv[1]);
}
