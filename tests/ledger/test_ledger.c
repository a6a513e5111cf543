/*
 * test_ledger.c - the forecast ledger (parley/ledger.h): the word table,
 * the scoring formulas, the database (creation, migrations, refusals,
 * batches and their conflicts), ledger files and recording model forecasts.
 *
 * Where the expected values come from:
 *  - test_ledger_words__*: Kent (1964) and ICD 203 (2015), as quoted in
 *    src/lib/ledger/ledger_words.c and docs/ledger.md;
 *  - test_ledger_score__*: hand computations written next to each value
 *    (Brier 1950; log score in bits; Murphy 1973: REL - RES + UNC = BS);
 *  - test_ledger_db__migrate: tests/data/ledger/schema-v1.sql, a ledger as
 *    schema version 1 wrote it;
 *  - test_ledger_record__*: the small scenario below, whose point forecasts
 *    are computed in test_forecast.c (budget mean 45.7625).
 * Every test works in its own temporary directory.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "testutil.h"
#include "parley.h"

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */

#define setup tu_tmpdir_setup
#define teardown tu_tmpdir_teardown
#define tpath tu_tmppath

static void sql(const char *path, const char *text)
{
	sqlite3 *db = NULL;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("sql failed: %s", err ? err : "?");
	sqlite3_close(db);
}

static parley_ledger *open_new(const char *name)
{
	parley_ledger *l = NULL;
	assert_int_equal(parley_ledger_open(&l, tpath(name), NULL), 0);
	assert_non_null(l);
	return l;
}

static parley_ledger_forecast forecast(const char *q, const char *who, const char *date, double p)
{
	parley_ledger_forecast f;
	memset(&f, 0, sizeof(f));
	f.question = q;
	f.forecaster = who;
	f.date = date;
	f.probability = p;
	f.value = f.p_lo = f.p_hi = NAN;
	return f;
}

static parley_ledger_resolution resolution(const char *q, parley_ledger_outcome o, double v)
{
	parley_ledger_resolution r;
	memset(&r, 0, sizeof(r));
	r.question = q;
	r.outcome = o;
	r.value = v;
	r.date = "2022-02-24";
	r.source = "what happened";
	return r;
}

static int apply(parley_ledger *l, const parley_ledger_question *q, size_t nq,
	const parley_ledger_forecast *f, size_t nf, const parley_ledger_resolution *r, size_t nr,
	const parley_ledger_apply_options *o, parley_ledger_apply_stats *st, parley_diag_list *d)
{
	parley_ledger_batch b;
	b.questions = q;
	b.question_count = nq;
	b.forecasts = f;
	b.forecast_count = nf;
	b.resolutions = r;
	b.resolution_count = nr;
	return parley_ledger_apply(l, &b, o, st, d);
}

static size_t count_forecasts(parley_ledger *l)
{
	parley_ledger_stats st;
	assert_int_equal(parley_ledger_stats_get(&st, l), 0);
	return st.forecasts;
}

/* ------------------------------------------------------------------ */
/* words                                                                */
/* ------------------------------------------------------------------ */

static void expect_word(const char *words, double p, double lo, double hi, const char *source)
{
	const parley_ledger_word *w = parley_ledger_word_lookup(words);
	if (!w)
		fail_msg("no entry for '%s'", words);
	assert_true(w->p == p);
	assert_true(w->lo == lo);
	assert_true(w->hi == hi);
	if (source)
		assert_string_equal(w->source, source);
}

static void test_ledger_words__sources(void **state)
{
	(void)state;
	/* Kent (1964): 93 +/- 6, 75 +/- 12, 50 +/- 10, 30 +/- 10, 7 +/- 5; 100 and 0. */
	expect_word("certain", 1.0, 1.0, 1.0, "Kent 1964");
	expect_word("almost certain", 0.93, 0.87, 0.99, "Kent 1964");
	expect_word("probable", 0.75, 0.63, 0.87, "Kent 1964");
	expect_word("chances about even", 0.5, 0.4, 0.6, "Kent 1964");
	expect_word("probably not", 0.3, 0.2, 0.4, "Kent 1964");
	expect_word("almost certainly not", 0.07, 0.02, 0.12, "Kent 1964");
	expect_word("impossible", 0.0, 0.0, 0.0, "Kent 1964");
	/* ICD 203 (2015): bands, midpoints. */
	expect_word("almost no chance", 0.03, 0.01, 0.05, "ICD 203");
	expect_word("very unlikely", 0.125, 0.05, 0.2, "ICD 203");
	expect_word("unlikely", 0.325, 0.2, 0.45, "ICD 203");
	expect_word("roughly even chance", 0.5, 0.45, 0.55, "ICD 203");
	expect_word("likely", 0.675, 0.55, 0.8, "ICD 203");
	expect_word("very likely", 0.875, 0.8, 0.95, "ICD 203");
	expect_word("nearly certain", 0.97, 0.95, 0.99, "ICD 203");
	/* parley's own readings, each as the entry its basis names. */
	expect_word("highly likely", 0.875, 0.8, 0.95, "parley");
	expect_word("very probable", 0.875, 0.8, 0.95, "parley");
	expect_word("odds are high", 0.8, 0.7, 0.9, "parley");
	expect_word("chances are good", 0.75, 0.63, 0.87, "parley");
	expect_word("about even", 0.5, 0.4, 0.6, "parley");
	expect_word("highly unlikely", 0.125, 0.05, 0.2, "parley");
	expect_word("chances are slight", 0.07, 0.02, 0.12, "parley");
	expect_word("doomed in principle", 0.03, 0.01, 0.05, "parley");
	expect_word("very hard", 0.125, 0.05, 0.2, "parley");
	expect_word("hardly be expected", 0.125, 0.05, 0.2, "parley");
}

static void test_ledger_words__table(void **state)
{
	size_t i, j, n = parley_ledger_word_count();
	(void)state;
	assert_true(n >= 30);
	assert_null(parley_ledger_word_at(n));
	for (i = 0; i < n; i++) {
		const parley_ledger_word *w = parley_ledger_word_at(i), *prev;
		const char *c;
		assert_non_null(w);
		assert_true(w->lo >= 0 && w->lo <= w->p && w->p <= w->hi && w->hi <= 1);
		assert_true(!strcmp(w->source, "Kent 1964") || !strcmp(w->source, "ICD 203") ||
			!strcmp(w->source, "parley"));
		assert_true(strlen(w->basis) > 10);
		/* lower case, single spaces, no blanks at the ends */
		assert_true(w->words[0] != ' ' && w->words[strlen(w->words) - 1] != ' ');
		for (c = w->words; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || (*c == ' ' && c[1] != ' '));
		/* the lookup finds each entry itself */
		assert_ptr_equal(parley_ledger_word_lookup(w->words), w);
		if (i) {
			prev = parley_ledger_word_at(i - 1);
			assert_true(prev->p > w->p || (prev->p == w->p && strcmp(prev->words, w->words) < 0));
		}
		for (j = 0; j < i; j++)
			assert_string_not_equal(parley_ledger_word_at(j)->words, w->words);
	}
}

static void test_ledger_words__lookup(void **state)
{
	char longw[200];
	(void)state;
	assert_string_equal(parley_ledger_word_lookup("  The  ODDS are\thigh ")->words, "odds are high");
	assert_string_equal(parley_ledger_word_lookup("Doomed in principle")->words, "doomed in principle");
	assert_null(parley_ledger_word_lookup("fairly probable"));
	assert_null(parley_ledger_word_lookup(""));
	assert_null(parley_ledger_word_lookup(NULL));
	memset(longw, 'a', sizeof(longw) - 1);
	longw[sizeof(longw) - 1] = '\0';
	assert_null(parley_ledger_word_lookup(longw));
}

/* ------------------------------------------------------------------ */
/* scores                                                               */
/* ------------------------------------------------------------------ */

static void test_ledger_score__hand_case(void **state)
{
	/* p = 0.85 0.35 0.35 0.6 0.1, outcomes 1 0 1 1 0:
	 * Brier = (0.15^2 + 0.35^2 + 0.65^2 + 0.4^2 + 0.1^2) / 5 = 0.7375 / 5 = 0.1475;
	 * log = -(log2 0.85 + log2 0.65 + log2 0.35 + log2 0.6 + log2 0.9) / 5 = 0.65189909816486...;
	 * groups 0.1 (1, none happened), 0.35 (2, half), 0.6 (1, happened), 0.85 (1, happened);
	 * base rate 3/5: UNC = 0.6 * 0.4 = 0.24;
	 * REL = (0.1^2 + 2 * 0.15^2 + 0.4^2 + 0.15^2) / 5 = 0.2375 / 5 = 0.0475;
	 * RES = (0.6^2 + 2 * 0.1^2 + 0.4^2 + 0.4^2) / 5 = 0.7 / 5 = 0.14;
	 * REL - RES + UNC = 0.1475. The first forecast came with words of range
	 * [0.7, 0.9]: best 0.9 -> (0.01 + 0.715) / 5 = 0.145, worst 0.7 -> (0.09 + 0.715) / 5 = 0.161. */
	static const double p[] = { 0.85, 0.35, 0.35, 0.6, 0.1 };
	static const double lo[] = { 0.7, NAN, NAN, NAN, NAN }, hi[] = { 0.9, NAN, NAN, NAN, NAN };
	static const int o[] = { 1, 0, 1, 1, 0 };
	parley_ledger_binary_score s;
	(void)state;

	assert_int_equal(parley_ledger_score_binary(&s, p, lo, hi, o, 5, NULL), 0);
	assert_int_equal(s.n, 5);
	tu_assert_close(s.brier, 0.1475, 1e-15, "brier");
	tu_assert_close(s.log_score, -(log2(0.85) + log2(0.65) + log2(0.35) + log2(0.6) + log2(0.9)) / 5,
		1e-15, "log");
	tu_assert_close(s.log_score, 0.6518990981648616, 1e-15, "log value");
	tu_assert_close(s.uncertainty, 0.24, 1e-15, "uncertainty");
	tu_assert_close(s.reliability, 0.0475, 1e-15, "reliability");
	tu_assert_close(s.resolution, 0.14, 1e-15, "resolution");
	tu_assert_close(s.reliability - s.resolution + s.uncertainty, s.brier, 1e-15, "identity");
	tu_assert_close(s.brier_best, 0.145, 1e-15, "best");
	tu_assert_close(s.brier_worst, 0.161, 1e-15, "worst");
	/* bins of 0.1: 0.1 -> [0.1, 0.2), 0.35 x2 -> [0.3, 0.4), 0.6 -> [0.6, 0.7), 0.85 -> [0.8, 0.9) */
	assert_int_equal(s.bin_count, 10);
	assert_int_equal(s.bins[1].n, 1);
	assert_int_equal(s.bins[3].n, 2);
	tu_assert_close(s.bins[3].mean_p, 0.35, 1e-15, "bin 3 mean");
	tu_assert_close(s.bins[3].observed, 0.5, 1e-15, "bin 3 observed");
	assert_int_equal(s.bins[6].n, 1);
	assert_int_equal(s.bins[8].n, 1);
	assert_int_equal(s.bins[0].n + s.bins[2].n + s.bins[4].n + s.bins[5].n + s.bins[7].n + s.bins[9].n, 0);
	assert_true(isnan(s.bins[0].mean_p) && isnan(s.bins[0].observed));
	tu_assert_close(s.bins[9].hi, 1.0, 0, "last bin");
}

static void test_ledger_score__clipping_and_edges(void **state)
{
	/* p = 0 for an event that happened and p = 1 for one that happened:
	 * clipped to 0.01 and 0.99: log = (-log2 0.01 - log2 0.99) / 2 = 3.32917787973492;
	 * Brier = (1 + 0) / 2. With e = 0.001 the first costs log2 1000. */
	static const double p[] = { 0.0, 1.0 };
	static const int o[] = { 1, 1 };
	parley_ledger_score_options opts = PARLEY_LEDGER_SCORE_OPTIONS_INIT;
	parley_ledger_binary_score s;
	double bad[] = { 1.25 };
	int bado[] = { 2 };
	(void)state;

	assert_int_equal(parley_ledger_score_binary(&s, p, NULL, NULL, o, 2, NULL), 0);
	tu_assert_close(s.log_score, 3.3291778797349196, 1e-15, "clipped log");
	tu_assert_close(s.brier, 0.5, 0, "brier");
	tu_assert_close(s.reliability - s.resolution + s.uncertainty, s.brier, 1e-15, "identity");
	tu_assert_close(s.uncertainty, 0, 0, "no uncertainty when everything happened");
	assert_int_equal(s.bins[0].n, 1);
	assert_int_equal(s.bins[9].n, 1); /* p = 1 lands in the last, closed bin */
	opts.log_clip = 0.001;
	opts.bins = 4;
	assert_int_equal(parley_ledger_score_binary(&s, p, NULL, NULL, o, 1, &opts), 0);
	tu_assert_close(s.log_score, log2(1000.0), 1e-12, "clip 0.001");
	assert_int_equal(s.bin_count, 4);
	/* nothing to score */
	assert_int_equal(parley_ledger_score_binary(&s, NULL, NULL, NULL, NULL, 0, NULL), 0);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.brier) && isnan(s.log_score) && isnan(s.reliability));
	/* bad input */
	assert_int_equal(parley_ledger_score_binary(&s, bad, NULL, NULL, o, 1, NULL), PARLEY_EINVAL);
	assert_int_equal(parley_ledger_score_binary(&s, p, NULL, NULL, bado, 1, NULL), PARLEY_EINVAL);
	opts.bins = 0;
	assert_int_equal(parley_ledger_score_binary(&s, p, NULL, NULL, o, 1, &opts), PARLEY_EINVAL);
	opts.bins = 10;
	opts.log_clip = 0.5;
	assert_int_equal(parley_ledger_score_binary(&s, p, NULL, NULL, o, 1, &opts), PARLEY_EINVAL);
	assert_int_equal(parley_ledger_score_binary(NULL, p, NULL, NULL, o, 1, NULL), PARLEY_EINVAL);
}

static void test_ledger_score__decomposition_identity(void **state)
{
	/* Murphy's identity on 200 random sets (a fixed LCG), forecasts drawn
	 * from 7 values so that groups hold several forecasts. */
	static const double values[] = { 0.03, 0.125, 0.3, 0.5, 0.675, 0.875, 0.97 };
	double p[97];
	int o[97];
	unsigned long long x = 2385;
	size_t rep, i, n;
	parley_ledger_binary_score s;
	(void)state;

	for (rep = 0; rep < 200; rep++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 1 + (size_t)((x >> 33) % 97);
		for (i = 0; i < n; i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			p[i] = values[(x >> 33) % 7];
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			o[i] = (double)((x >> 33) % 1000) / 1000.0 < p[i];
		}
		assert_int_equal(parley_ledger_score_binary(&s, p, NULL, NULL, o, n, NULL), 0);
		tu_assert_close(s.reliability - s.resolution + s.uncertainty, s.brier, 1e-14, "identity");
		assert_true(s.reliability >= 0 && s.resolution >= 0 && s.resolution <= s.uncertainty + 1e-15);
	}
}

/* ------------------------------------------------------------------ */
/* the database                                                         */
/* ------------------------------------------------------------------ */

static void test_ledger_db__create_apply_view(void **state)
{
	parley_ledger *l = open_new("a.sqlite");
	parley_ledger_forecast f[3];
	parley_ledger_question q;
	parley_ledger_resolution r[2];
	parley_ledger_apply_stats st;
	parley_ledger_view *v = NULL;
	const parley_ledger_entry *e;
	parley_ledger_query query = PARLEY_LEDGER_QUERY_INIT;
	long long app = 0, ver = 0;
	sqlite3 *db;
	sqlite3_stmt *stmt;
	(void)state;

	assert_int_equal(parley_ledger_schema_before(l), 0);
	assert_string_equal(parley_ledger_path(l), tpath("a.sqlite"));
	memset(&q, 0, sizeof(q));
	q.id = "t/level";
	q.kind = PARLEY_LEDGER_VALUE;
	q.text = "Where it lands";
	q.lo = 0;
	q.hi = 20;
	f[0] = forecast("t/deal", "Ann", "2022-01-10", 0.8);
	f[0].words = "odds are high";
	f[0].p_lo = 0.7;
	f[0].p_hi = 0.9;
	f[1] = forecast("t/deal", "mean", "2022-01-18", 0.625);
	f[1].forecaster_kind = PARLEY_LEDGER_MODEL;
	f[1].has_seed = 1;
	f[1].seed = UINT64_MAX;
	f[1].draws = 10000;
	f[2] = forecast("t/level", "mean", "2022-01-18", NAN);
	f[2].value = 12.25;
	f[2].forecaster_kind = PARLEY_LEDGER_MODEL;
	r[0] = resolution("t/deal", PARLEY_LEDGER_NO, NAN);
	r[1] = resolution("t/level", PARLEY_LEDGER_RESOLVED_VALUE, 4.5);
	assert_int_equal(apply(l, &q, 1, f, 3, r, 2, NULL, &st, NULL), 0);
	assert_int_equal(st.questions_added, 2);
	assert_int_equal(st.forecasts_added, 3);
	assert_int_equal(st.resolutions_added, 2);
	assert_int_equal(count_forecasts(l), 3);

	assert_int_equal(parley_ledger_view_load(&v, l, NULL), 0);
	assert_int_equal(parley_ledger_view_entry_count(v), 2);
	e = parley_ledger_view_entry(v, 0);
	assert_string_equal(e->question.id, "t/deal");
	assert_int_equal(e->question.kind, PARLEY_LEDGER_BINARY);
	assert_int_equal(e->resolution.outcome, PARLEY_LEDGER_NO);
	assert_int_equal(e->forecast_count, 2);
	assert_string_equal(parley_ledger_view_forecast(v, e->first_forecast)->forecaster, "Ann");
	assert_string_equal(parley_ledger_view_forecast(v, e->first_forecast)->words, "odds are high");
	assert_true(parley_ledger_view_forecast(v, e->first_forecast + 1)->seed == UINT64_MAX);
	e = parley_ledger_view_entry(v, 1);
	assert_string_equal(e->question.text, "Where it lands");
	assert_true(e->question.hi == 20);
	assert_true(e->resolution.value == 4.5);
	assert_true(parley_ledger_view_forecast(v, e->first_forecast)->value == 12.25);
	assert_null(parley_ledger_view_entry(v, 2));
	assert_null(parley_ledger_view_forecast(v, 3));
	parley_ledger_view_free(v);

	/* filters */
	query.question = "t/l*";
	assert_int_equal(parley_ledger_view_load(&v, l, &query), 0);
	assert_int_equal(parley_ledger_view_entry_count(v), 1);
	parley_ledger_view_free(v);
	query.question = NULL;
	query.forecaster = "Ann";
	assert_int_equal(parley_ledger_view_load(&v, l, &query), 0);
	assert_int_equal(parley_ledger_view_entry_count(v), 1);
	assert_int_equal(parley_ledger_view_forecast_count(v), 1);
	parley_ledger_view_free(v);
	parley_ledger_free(l);

	/* the file is marked as ours, at the current schema, in WAL mode */
	assert_int_equal(sqlite3_open(tpath("a.sqlite"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	app = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	ver = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	assert_int_equal(app, PARLEY_LEDGER_APPLICATION_ID);
	assert_int_equal(ver, PARLEY_LEDGER_SCHEMA_VERSION);

	/* reopening finds it at the current version */
	assert_int_equal(parley_ledger_open(&l, tpath("a.sqlite"), NULL), 0);
	assert_int_equal(parley_ledger_schema_before(l), PARLEY_LEDGER_SCHEMA_VERSION);
	parley_ledger_free(l);
	parley_ledger_free(NULL);
	parley_ledger_view_free(NULL);
	parley_ledger_doc_free(NULL);
	parley_ledger_scores_free(NULL);
}

static void test_ledger_db__conflicts(void **state)
{
	parley_ledger *l = open_new("c.sqlite");
	parley_ledger_apply_options o = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	parley_ledger_apply_stats st;
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	parley_ledger_forecast f[4];
	parley_ledger_resolution r;
	parley_ledger_question q;
	(void)state;

	f[0] = forecast("b", "Ann", "2022-01-10", 0.25);
	f[1] = forecast("v", "Ann", "2022-01-10", NAN);
	f[1].value = 3.5;
	assert_int_equal(apply(l, NULL, 0, f, 2, NULL, 0, NULL, &st, NULL), 0);

	/* a value on a binary question, a probability on a value question, a
	 * bad date and a probability out of range: all reported, nothing added */
	o.file = "batch";
	f[0] = forecast("b", "Bob", "2022-01-11", NAN);
	f[0].value = 2;
	f[1] = forecast("v", "Bob", "2022-01-11", 0.5);
	f[2] = forecast("b", "Bob", "2022-13-01", 0.5);
	f[3] = forecast("new", "Bob", "2022-01-11", 1.5);
	assert_int_equal(apply(l, NULL, 0, f, 4, NULL, 0, &o, &st, &d), PARLEY_EPARSE);
	assert_int_equal(d.count, 4);
	assert_string_equal(d.items[0].file, "batch");
	assert_non_null(strstr(d.items[0].message, "is a yes/no question"));
	assert_non_null(strstr(d.items[1].message, "is a value question"));
	assert_non_null(strstr(d.items[2].message, "bad date"));
	assert_non_null(strstr(d.items[3].message, "out of range"));
	assert_int_equal(st.forecasts_added, 0);
	assert_int_equal(count_forecasts(l), 2);
	parley_diag_list_dispose(&d);

	/* words stand for a probability: a value forecast with words is
	 * refused (its export would not import: fuzz_ledger_db found one) */
	f[0] = forecast("v", "Cy", "2022-01-11", NAN);
	f[0].value = 4;
	f[0].words = "likely";
	assert_int_equal(apply(l, NULL, 0, f, 1, NULL, 0, &o, &st, &d), PARLEY_EPARSE);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "a forecast of a value has words"));
	assert_int_equal(count_forecasts(l), 2);
	parley_diag_list_dispose(&d);

	/* a question of the other kind */
	memset(&q, 0, sizeof(q));
	q.id = "b";
	q.kind = PARLEY_LEDGER_VALUE;
	q.lo = q.hi = NAN;
	assert_int_equal(apply(l, &q, 1, NULL, 0, NULL, 0, NULL, NULL, &d), PARLEY_EPARSE);
	assert_non_null(strstr(parley_error_last()->message, "binary question in the ledger"));
	parley_diag_list_dispose(&d);

	/* resolutions: unknown question, wrong kind, no note when unresolvable */
	r = resolution("nope", PARLEY_LEDGER_YES, NAN);
	assert_int_equal(apply(l, NULL, 0, NULL, 0, &r, 1, NULL, NULL, &d), PARLEY_EPARSE);
	assert_non_null(strstr(d.items[0].message, "no question 'nope'"));
	parley_diag_list_dispose(&d);
	r = resolution("b", PARLEY_LEDGER_RESOLVED_VALUE, 3);
	assert_int_equal(apply(l, NULL, 0, NULL, 0, &r, 1, NULL, NULL, &d), PARLEY_EPARSE);
	parley_diag_list_dispose(&d);
	r = resolution("v", PARLEY_LEDGER_NO, NAN);
	assert_int_equal(apply(l, NULL, 0, NULL, 0, &r, 1, NULL, NULL, &d), PARLEY_EPARSE);
	parley_diag_list_dispose(&d);
	r = resolution("b", PARLEY_LEDGER_UNRESOLVABLE, NAN);
	assert_int_equal(apply(l, NULL, 0, NULL, 0, &r, 1, NULL, NULL, &d), PARLEY_EPARSE);
	assert_non_null(strstr(d.items[0].message, "note"));
	parley_diag_list_dispose(&d);

	/* resolve; the same again is a no-op; a different one needs replace */
	r = resolution("b", PARLEY_LEDGER_YES, NAN);
	assert_int_equal(apply(l, NULL, 0, NULL, 0, &r, 1, NULL, &st, NULL), 0);
	assert_int_equal(st.resolutions_added, 1);
	assert_int_equal(apply(l, NULL, 0, NULL, 0, &r, 1, NULL, &st, NULL), 0);
	assert_int_equal(st.resolutions_same, 1);
	r = resolution("b", PARLEY_LEDGER_NO, NAN);
	assert_int_equal(apply(l, NULL, 0, NULL, 0, &r, 1, NULL, NULL, &d), PARLEY_EPARSE);
	assert_non_null(strstr(d.items[0].message, "was resolved as yes on 2022-02-24"));
	parley_diag_list_dispose(&d);
	o.replace = 1;
	assert_int_equal(apply(l, NULL, 0, NULL, 0, &r, 1, &o, &st, NULL), 0);
	assert_int_equal(st.resolutions_added, 1);

	/* duplicates: skipped only when asked */
	f[0] = forecast("b", "Ann", "2022-01-10", 0.25);
	o.skip_duplicates = 1;
	assert_int_equal(apply(l, NULL, 0, f, 1, NULL, 0, &o, &st, NULL), 0);
	assert_int_equal(st.forecasts_skipped, 1);
	assert_int_equal(count_forecasts(l), 2);
	assert_int_equal(apply(l, NULL, 0, f, 1, NULL, 0, NULL, &st, NULL), 0);
	assert_int_equal(count_forecasts(l), 3);

	/* questions must exist when creation is off */
	o.create_questions = 0;
	f[0] = forecast("unknown", "Ann", "2022-01-10", 0.25);
	assert_int_equal(apply(l, NULL, 0, f, 1, NULL, 0, &o, NULL, NULL), PARLEY_EPARSE);
	/* bad names */
	f[0] = forecast("", "Ann", "2022-01-10", 0.25);
	assert_int_equal(apply(l, NULL, 0, f, 1, NULL, 0, NULL, NULL, NULL), PARLEY_EPARSE);
	f[0] = forecast("x", "An\x01n", "2022-01-10", 0.25);
	assert_int_equal(apply(l, NULL, 0, f, 1, NULL, 0, NULL, NULL, NULL), PARLEY_EPARSE);
	assert_int_equal(count_forecasts(l), 3);
	parley_ledger_free(l);
}

static void test_ledger_db__migrate(void **state)
{
	char path[512], *text;
	size_t n;
	parley_ledger *l = NULL;
	parley_ledger_view *v = NULL;
	const parley_ledger_entry *e;
	const parley_ledger_forecast *f;
	(void)state;

	snprintf(path, sizeof(path), "%s/data/ledger/schema-v1.sql", PARLEY_TEST_DIR);
	text = tu_slurp(path, &n);
	sql(tpath("v1.sqlite"), text);
	free(text);
	assert_int_equal(parley_ledger_open(&l, tpath("v1.sqlite"), NULL), 0);
	assert_int_equal(parley_ledger_schema_before(l), 1);
	assert_int_equal(parley_ledger_view_load(&v, l, NULL), 0);
	assert_int_equal(parley_ledger_view_entry_count(v), 2);
	assert_int_equal(parley_ledger_view_forecast_count(v), 3);
	e = parley_ledger_view_entry(v, 0);
	assert_string_equal(e->question.id, "v1/outcome");
	e = parley_ledger_view_entry(v, 1);
	assert_string_equal(e->question.id, "v1/talks-succeed");
	assert_int_equal(e->resolution.outcome, PARLEY_LEDGER_NO);
	f = parley_ledger_view_forecast(v, e->first_forecast);
	assert_string_equal(f->words, "unlikely");
	assert_true(f->probability == 0.325);
	assert_null(f->quote);            /* columns added by version 2 are empty */
	assert_true(isnan(f->p_lo));
	f = parley_ledger_view_forecast(v, e->first_forecast + 1);
	assert_true(f->has_seed && f->seed == 7 && f->draws == 500);
	parley_ledger_view_free(v);
	parley_ledger_free(l);
	/* opened again: already current */
	assert_int_equal(parley_ledger_open(&l, tpath("v1.sqlite"), NULL), 0);
	assert_int_equal(parley_ledger_schema_before(l), PARLEY_LEDGER_SCHEMA_VERSION);
	parley_ledger_free(l);
}

/* Opening `path` fails with `code` and a message holding `what`, and leaves the bytes as they were. */
static void expect_refused(const char *path, int create, int code, const char *what)
{
	parley_ledger_open_options o = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_ledger *l = (parley_ledger *)&o;
	size_t n0 = 0, n1 = 0;
	char *before = NULL, *after;
	struct stat st;
	int found = stat(path, &st) == 0, exists = found && S_ISREG(st.st_mode);

	if (exists)
		before = tu_slurp(path, &n0);
	o.create = create;
	assert_int_equal(parley_ledger_open(&l, path, &o), code);
	assert_null(l);
	if (!strstr(parley_error_last()->message, what))
		fail_msg("'%s' lacks '%s'", parley_error_last()->message, what);
	if (exists) {
		after = tu_slurp(path, &n1);
		assert_int_equal(n0, n1);
		assert_memory_equal(before, after, n0);
		free(after);
		free(before);
	} else if (!found) {
		assert_int_not_equal(stat(path, &st), 0); /* not created */
	}
}

static void test_ledger_db__refuse(void **state)
{
	parley_ledger *l;
	FILE *fp;
	char junk[4096];
	size_t i;
	(void)state;

	/* another program's database */
	sql(tpath("other.sqlite"), "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
	expect_refused(tpath("other.sqlite"), 1, PARLEY_EPARSE, "not a parley ledger");
	/* marked as ours but written by a newer parley */
	sql(tpath("newer.sqlite"), "PRAGMA application_id = 1349676153; CREATE TABLE x(y); PRAGMA user_version = 99;");
	expect_refused(tpath("newer.sqlite"), 1, PARLEY_EPARSE, "newer than this parley");
	/* not SQLite at all */
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)((i * 7919) % 251);
	fp = fopen(tpath("junk.sqlite"), "wb");
	assert_non_null(fp);
	fwrite(junk, 1, sizeof(junk), fp);
	fclose(fp);
	expect_refused(tpath("junk.sqlite"), 1, PARLEY_EPARSE, "not an SQLite database");
	fp = fopen(tpath("short.txt"), "wb");
	fputs("hello\n", fp);
	fclose(fp);
	expect_refused(tpath("short.txt"), 1, PARLEY_EPARSE, "not an SQLite database");
	/* missing, or empty, and not to be created */
	expect_refused(tpath("missing.sqlite"), 0, PARLEY_ENOTFOUND, "no ledger there");
	fp = fopen(tpath("empty.sqlite"), "wb");
	fclose(fp);
	expect_refused(tpath("empty.sqlite"), 0, PARLEY_ENOTFOUND, "empty");
	/* a directory */
	assert_int_equal(mkdir(tpath("dir.sqlite"), 0700), 0);
	expect_refused(tpath("dir.sqlite"), 1, PARLEY_EIO, "directory");
	/* a damaged ledger: the first page of the forecasts table overwritten */
	l = open_new("bad.sqlite");
	{
		parley_ledger_forecast f = forecast("q", "Ann", "2022-01-10", 0.5);
		assert_int_equal(apply(l, NULL, 0, &f, 1, NULL, 0, NULL, NULL, NULL), 0);
	}
	parley_ledger_free(l);
	{
		sqlite3 *db;
		sqlite3_stmt *st;
		long root = 0, psize = 0;
		assert_int_equal(sqlite3_open(tpath("bad.sqlite"), &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
			"FROM sqlite_schema WHERE name = 'forecasts'", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		root = (long)sqlite3_column_int64(st, 0);
		psize = (long)sqlite3_column_int64(st, 1);
		sqlite3_finalize(st);
		sqlite3_close(db);
		fp = fopen(tpath("bad.sqlite"), "r+b");
		assert_non_null(fp);
		assert_int_equal(fseek(fp, (root - 1) * psize, SEEK_SET), 0);
		memset(junk, 0xff, 64);
		fwrite(junk, 1, 64, fp);
		fclose(fp);
	}
	expect_refused(tpath("bad.sqlite"), 1, PARLEY_EPARSE, "damaged");
	/* bad arguments */
	assert_int_equal(parley_ledger_open(NULL, "x", NULL), PARLEY_EINVAL);
	assert_int_equal(parley_ledger_open(&l, "", NULL), PARLEY_EINVAL);
	assert_int_equal(parley_ledger_open(&l, tpath("nodir/x.sqlite"), NULL), PARLEY_EIO);
}

/* A ledger whose forecasts table lost its primary key (read as it is,
 * never written) with a row of no id that belongs to no question: the row
 * check's description is NULL in SQL ('forecast row ' || NULL); it must
 * still refuse the rows as damage (fuzz_ledger_db crashed on such a file,
 * fuzz/corpus/ledger_db/null-id-in-row-check.sqlite). */
static void test_ledger_db__null_in_row_check(void **state)
{
	parley_ledger *l = open_new("nullid.sqlite");
	parley_ledger_open_options o = PARLEY_LEDGER_OPEN_OPTIONS_INIT;
	parley_ledger_view *v = NULL;
	sqlite3 *db;
	sqlite3_stmt *st;
	char create[2048], *pk;
	(void)state;

	parley_ledger_free(l);
	assert_int_equal(sqlite3_open(tpath("nullid.sqlite"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE name = 'forecasts'",
		-1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(create, sizeof(create), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	pk = strstr(create, "PRIMARY KEY");
	assert_non_null(pk);
	memset(pk, ' ', strlen("PRIMARY KEY"));
	sqlite3_close(db);
	{
		char text[2600];
		snprintf(text, sizeof(text), "DROP TABLE forecasts; %s; INSERT INTO forecasts "
			"(id, question_id, forecaster, forecaster_kind, made_on, probability) "
			"VALUES (NULL, 99, 'Ann', 'person', '2022-01-10', 0.5);", create);
		sql(tpath("nullid.sqlite"), text);
	}
	o.read_only = 1;
	o.create = 0;
	assert_int_equal(parley_ledger_open(&l, tpath("nullid.sqlite"), &o), 0);
	assert_int_equal(parley_ledger_view_load(&v, l, NULL), PARLEY_EPARSE);
	assert_null(v);
	if (!strstr(parley_error_last()->message, "damaged: a row with no id or key"))
		fail_msg("message: %s", parley_error_last()->message);
	parley_ledger_free(l);
}

static void test_ledger_db__default_path(void **state)
{
	parley_buf b = PARLEY_BUF_INIT;
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char *xdg = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
	struct stat st;
	(void)state;

	setenv("XDG_DATA_HOME", tpath("xdg"), 1);
	assert_int_equal(parley_ledger_default_path(&b, 1), 0);
	assert_string_equal(b.ptr, tpath("xdg/parley/ledger.sqlite"));
	assert_int_equal(stat(tpath("xdg/parley"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	parley_buf_dispose(&b);
	/* a relative XDG_DATA_HOME is ignored (XDG base directory specification) */
	setenv("XDG_DATA_HOME", "relative/dir", 1);
	setenv("HOME", tpath("home"), 1);
	assert_int_equal(parley_ledger_default_path(&b, 0), 0);
	assert_string_equal(b.ptr, tpath("home/.local/share/parley/ledger.sqlite"));
	assert_int_not_equal(stat(tpath("home"), &st), 0);
	parley_buf_dispose(&b);
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	assert_int_equal(parley_ledger_default_path(&b, 0), PARLEY_ENOTFOUND);
	parley_buf_dispose(&b);
	if (home) setenv("HOME", home, 1);
	if (xdg) setenv("XDG_DATA_HOME", xdg, 1);
	free(home);
	free(xdg);
}

/* ------------------------------------------------------------------ */
/* files                                                                */
/* ------------------------------------------------------------------ */

static const char SMALL_LEDGER[] =
	"parley_ledger: 1\n"
	"questions:\n"
	"  - id: t/deal\n"
	"    text: \"A deal is signed\"\n"
	"    resolution: {outcome: no, date: 2022-02-24, source: \"no deal\"}\n"
	"  - id: t/level\n"
	"    kind: value\n"
	"    scale: [0, 100]\n"
	"    resolution: {outcome: 20.5, date: 2022-02-24, source: \"status quo\", note: \"coded\"}\n"
	"  - id: t/cond\n"
	"    resolution: {outcome: unresolvable, date: 2022-02-24, source: x, note: \"never held\"}\n"
	"forecasts:\n"
	"  - {question: t/deal, forecaster: Ann, date: 2022-01-10, words: \"The odds are high\", quote: \"odds\"}\n"
	"  - {question: t/deal, forecaster: Bob, date: 2022-01-11, probability: 0.15, range: [0.1, 0.2]}\n"
	"  - {question: t/deal, forecaster: mean, kind: model, date: 2022-01-18, probability: 0.625,\n"
	"     seed: 18446744073709551615, draws: 1000, scenario_sha256: ab, parley_version: 0.1.0}\n"
	"  - {question: t/level, forecaster: mean, kind: model, date: 2022-01-18, value: 61.25}\n"
	"  - {question: t/cond, forecaster: Bob, date: 2022-01-11, words: unlikely}\n";

/* Single-quoted strings are read from their source (ytree.h: libfyaml
 * 0.7.12 leaks on a run of five or more '' and misreads some multi-line
 * ones); by YAML 1.2 section 7.3.2, by hand: '' is a quote, a line break
 * with its indentation a space, and a key may be single-quoted too. */
static void test_ledger_file__single_quoted(void **state)
{
	static const char text[] =
		"parley_ledger: 1\n"
		"questions:\n"
		"  - 'id': t/deal\n"
		"    text: 'It''s signed: ''''''''''''''''''''''''\n"
		"      by both'\n"
		"forecasts: []\n";
	parley_ledger_doc *doc = NULL;
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	const parley_ledger_batch *b;
	(void)state;

	assert_int_equal(parley_ledger_doc_load_buffer(&doc, text, strlen(text), "q.yaml", &d), 0);
	assert_int_equal(d.count, 0);
	b = parley_ledger_doc_batch(doc);
	assert_int_equal(b->question_count, 1);
	assert_string_equal(b->questions[0].id, "t/deal");
	assert_string_equal(b->questions[0].text, "It's signed: '''''''''''' by both");
	parley_ledger_doc_free(doc);
	parley_diag_list_dispose(&d);
}

static void test_ledger_file__round_trip(void **state)
{
	parley_ledger_doc *doc = NULL, *doc2 = NULL;
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	const parley_ledger_batch *b;
	parley_ledger *l = open_new("f.sqlite"), *l2 = open_new("g.sqlite");
	parley_ledger_view *v = NULL, *v2 = NULL;
	parley_buf j1 = PARLEY_BUF_INIT, j2 = PARLEY_BUF_INIT, csv = PARLEY_BUF_INIT, txt = PARLEY_BUF_INIT;
	parley_ledger_apply_stats st;
	parley_ledger_apply_options o = PARLEY_LEDGER_APPLY_OPTIONS_INIT;
	(void)state;

	assert_int_equal(parley_ledger_doc_load_buffer(&doc, SMALL_LEDGER, strlen(SMALL_LEDGER), "small.yaml", &d), 0);
	assert_int_equal(d.count, 0);
	b = parley_ledger_doc_batch(doc);
	assert_int_equal(b->question_count, 3);
	assert_int_equal(b->forecast_count, 5);
	assert_int_equal(b->resolution_count, 3);
	assert_true(b->forecasts[0].probability == 0.8);     /* "odds are high" */
	assert_true(b->forecasts[0].p_lo == 0.7 && b->forecasts[0].p_hi == 0.9);
	assert_int_equal(b->forecasts[0].line, 13);
	assert_int_equal(b->forecasts[0].column, 5);
	assert_true(b->forecasts[2].seed == UINT64_MAX);
	assert_int_equal(b->forecasts[2].forecaster_kind, PARLEY_LEDGER_MODEL);
	assert_true(b->resolutions[1].value == 20.5);
	o.skip_duplicates = 1;
	assert_int_equal(parley_ledger_apply(l, b, &o, &st, &d), 0);
	assert_int_equal(st.forecasts_added, 5);
	assert_int_equal(parley_ledger_apply(l, b, &o, &st, &d), 0);
	assert_int_equal(st.forecasts_added, 0);
	assert_int_equal(st.forecasts_skipped, 5);
	assert_int_equal(st.resolutions_same, 3);

	/* export as JSON, import that into a new ledger, export again: same bytes */
	assert_int_equal(parley_ledger_view_load(&v, l, NULL), 0);
	assert_int_equal(parley_ledger_render_view(&j1, v, PARLEY_LEDGER_JSON), 0);
	assert_int_equal(parley_ledger_doc_load_buffer(&doc2, j1.ptr, j1.size, "export.json", &d), 0);
	assert_int_equal(parley_ledger_apply(l2, parley_ledger_doc_batch(doc2), NULL, NULL, &d), 0);
	assert_int_equal(parley_ledger_view_load(&v2, l2, NULL), 0);
	assert_int_equal(parley_ledger_render_view(&j2, v2, PARLEY_LEDGER_JSON), 0);
	assert_int_equal(j1.size, j2.size);
	assert_memory_equal(j1.ptr, j2.ptr, j1.size);
	/* CSV: a header and one row per forecast; text names every question */
	assert_int_equal(parley_ledger_render_view(&csv, v, PARLEY_LEDGER_CSV), 0);
	{
		size_t lines = 0;
		const char *c;
		for (c = csv.ptr; *c; c++)
			lines += *c == '\n';
		assert_int_equal(lines, 6);
	}
	assert_non_null(strstr(csv.ptr, "t/level,value,,0,100,value,20.5,"));
	assert_int_equal(parley_ledger_render_view(&txt, v, PARLEY_LEDGER_TEXT), 0);
	assert_non_null(strstr(txt.ptr, "3 questions, 5 forecasts; 2 resolved, 1 unresolvable, 0 open"));
	assert_non_null(strstr(txt.ptr, "unresolvable (2022-02-24): never held"));
	assert_int_equal(parley_ledger_render_view(&txt, v, (parley_ledger_format)7), PARLEY_EINVAL);

	parley_buf_dispose(&j1);
	parley_buf_dispose(&j2);
	parley_buf_dispose(&csv);
	parley_buf_dispose(&txt);
	parley_ledger_view_free(v);
	parley_ledger_view_free(v2);
	parley_ledger_doc_free(doc);
	parley_ledger_doc_free(doc2);
	parley_diag_list_dispose(&d);
	parley_ledger_free(l);
	parley_ledger_free(l2);
}

/* Reading `text` fails with a diagnostic at line:col whose message holds `what`. */
static void expect_file_error(const char *text, unsigned line, unsigned col, const char *what)
{
	parley_ledger_doc *doc = (parley_ledger_doc *)&line;
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	size_t i;

	assert_int_equal(parley_ledger_doc_load_buffer(&doc, text, strlen(text), "e.yaml", &d), PARLEY_EPARSE);
	assert_null(doc);
	for (i = 0; i < d.count; i++)
		if (d.items[i].line == line && d.items[i].column == col && strstr(d.items[i].message, what))
			break;
	if (i == d.count) {
		for (i = 0; i < d.count; i++)
			print_error("  %u:%u: %s\n", d.items[i].line, d.items[i].column, d.items[i].message);
		fail_msg("no error at %u:%u with '%s'", line, col, what);
	}
	assert_string_equal(d.items[0].file, "e.yaml");
	parley_diag_list_dispose(&d);
}

static void test_ledger_file__errors(void **state)
{
	char path[512], *text;
	size_t n;
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	parley_ledger_doc *doc = NULL;
	(void)state;

	expect_file_error("parley_ledger: 2\n", 1, 16, "unsupported ledger file version");
	expect_file_error("questions: []\n", 1, 1, "parley_ledger: 1");
	expect_file_error("- a\n- b\n", 1, 1, "not a ledger file");
	expect_file_error("parley_ledger: 1\nforecasts: [{question: q, forecaster: a, date: 2022-01-01, "
		"words: fairly likely}]\n", 2, 67, "unknown words");
	expect_file_error("parley_ledger: 1\nforecasts:\n  - question: q\n    forecaster: a\n    date: 2022-01-01\n",
		3, 5, "needs a probability, words or a value");
	expect_file_error("parley_ledger: 1\nforecasts:\n  - {question: q, forecaster: a, date: 2022-02-29, "
		"probability: 0.5}\n", 3, 40, "bad date");
	expect_file_error("parley_ledger: 1\nforecasts:\n  - {question: q, forecaster: a, date: 2022-01-01, "
		"probability: .5x}\n", 3, 65, "not a number");
	expect_file_error("parley_ledger: 1\nforecasts:\n  - {question: q, forecaster: a, date: 2022-01-01, "
		"probability: 0.5, seed: 3}\n", 3, 76, "seed and draws go together");
	expect_file_error("parley_ledger: 1\nforecasts:\n  - {question: q, forecaster: a, date: 2022-01-01, "
		"probability: 0.5, range: [0.6, 0.9]}\n", 3, 77, "does not hold the probability");
	expect_file_error("parley_ledger: 1\nquestions:\n  - id: q\n    resolution: {outcome: unresolvable, "
		"date: 2022-01-01, source: s}\n", 4, 27, "needs a note");
	expect_file_error("parley_ledger: 1\nquestions:\n  - id: q\n    scale: [0, 1]\n    kind: binary\n",
		4, 12, "binary question has no scale");
	expect_file_error("parley_ledger: 1\nquestions:\n  - &a {id: q}\n  - *a\n", 4, 5, "aliases");
	expect_file_error("parley_ledger: 1\nquestions: [\n", 3, 1, "syntax error");
	expect_file_error("parley_ledger: 1\n---\nparley_ledger: 1\n", 3, 1, "second YAML document");
	expect_file_error("parley_ledger: 1\nnote: \"a\x01\"\n", 2, 9, "control character");
	expect_file_error("", 1, 1, "no YAML document");
	expect_file_error("parley_ledger: 1\nextra: 1\n", 2, 1, "unknown key 'extra'");

	/* the fixture of the CLI tests: every error, sorted by position */
	snprintf(path, sizeof(path), "%s/data/ledger/errors.yaml", PARLEY_TEST_DIR);
	text = tu_slurp(path, &n);
	assert_int_equal(parley_ledger_doc_load_buffer(&doc, text, n, "errors.yaml", &d), PARLEY_EPARSE);
	assert_int_equal(d.count, 8);
	for (n = 1; n < d.count; n++)
		assert_true(d.items[n - 1].line < d.items[n].line ||
			(d.items[n - 1].line == d.items[n].line && d.items[n - 1].column <= d.items[n].column));
	free(text);
	parley_diag_list_dispose(&d);
	assert_int_equal(parley_ledger_doc_load_file(&doc, tpath("nothing.yaml"), &d), PARLEY_EIO);
}

/* ------------------------------------------------------------------ */
/* scores of a view                                                     */
/* ------------------------------------------------------------------ */

static void test_ledger_scores__latest_and_groups(void **state)
{
	parley_ledger *l = open_new("s.sqlite");
	parley_ledger_forecast f[6];
	parley_ledger_resolution r[2];
	parley_ledger_view *v = NULL;
	parley_ledger_scores *s = NULL;
	parley_ledger_score_options o = PARLEY_LEDGER_SCORE_OPTIONS_INIT;
	const parley_ledger_score_row *row;
	parley_buf b = PARLEY_BUF_INIT;
	(void)state;

	/* Ann changes her mind on q1 (0.9 then 0.35: the later counts); Bob and
	 * the model each forecast q1 once; q2 is open. q1 did not happen:
	 * Ann 0.35^2 = 0.1225, Bob 0.2^2 = 0.04, mean 0.625^2 = 0.390625;
	 * people together: (0.1225 + 0.04) / 2 = 0.08125. */
	f[0] = forecast("q1", "Ann", "2022-01-10", 0.9);
	f[1] = forecast("q1", "Ann", "2022-01-12", 0.35);
	f[2] = forecast("q1", "Bob", "2022-01-11", 0.2);
	f[3] = forecast("q1", "mean", "2022-01-18", 0.625);
	f[3].forecaster_kind = PARLEY_LEDGER_MODEL;
	f[4] = forecast("q2", "Ann", "2022-01-10", 0.5);
	f[5] = forecast("q3", "mean", "2022-01-18", 0.125);
	f[5].forecaster_kind = PARLEY_LEDGER_MODEL;
	r[0] = resolution("q1", PARLEY_LEDGER_NO, NAN);
	r[1] = resolution("q3", PARLEY_LEDGER_YES, NAN);
	assert_int_equal(apply(l, NULL, 0, f, 6, r, 2, NULL, NULL, NULL), 0);
	assert_int_equal(parley_ledger_view_load(&v, l, NULL), 0);

	assert_int_equal(parley_ledger_scores_compute(&s, v, NULL), 0);
	assert_int_equal(parley_ledger_scores_count(s), 3);
	row = parley_ledger_scores_row(s, 0);
	assert_string_equal(row->group, "Ann");
	assert_int_equal(row->forecasts, 2);
	assert_int_equal(row->open, 1);
	assert_int_equal(row->binary.n, 1);
	tu_assert_close(row->binary.brier, 0.1225, 1e-15, "Ann");
	row = parley_ledger_scores_row(s, 1);
	assert_string_equal(row->group, "Bob");
	tu_assert_close(row->binary.brier, 0.04, 1e-15, "Bob");
	row = parley_ledger_scores_row(s, 2);
	assert_string_equal(row->group, "mean");
	assert_int_equal(row->kind, PARLEY_LEDGER_MODEL);
	/* mean: (0.625^2 + 0.875^2) / 2 = (0.390625 + 0.765625) / 2 = 0.578125 */
	tu_assert_close(row->binary.brier, 0.578125, 1e-15, "mean");
	assert_null(parley_ledger_scores_row(s, 3));
	assert_int_equal(parley_ledger_render_scores(&b, s, PARLEY_LEDGER_TEXT), 0);
	assert_int_equal(parley_ledger_render_scores(&b, s, PARLEY_LEDGER_JSON), 0);
	assert_int_equal(parley_ledger_render_scores(&b, s, PARLEY_LEDGER_CSV), 0);
	assert_non_null(strstr(b.ptr, "group,kind,forecasts,open,unresolvable,binary_n,brier"));
	parley_ledger_scores_free(s);

	o.by = PARLEY_LEDGER_BY_MODEL;
	assert_int_equal(parley_ledger_scores_compute(&s, v, &o), 0);
	assert_int_equal(parley_ledger_scores_count(s), 2);
	row = parley_ledger_scores_row(s, 0);
	assert_string_equal(row->group, "people");
	tu_assert_close(row->binary.brier, 0.08125, 1e-15, "people");
	assert_int_equal(parley_ledger_scores_options(s)->by, PARLEY_LEDGER_BY_MODEL);
	parley_ledger_scores_free(s);

	/* only the questions both people and models forecast: q1 */
	o.shared = 1;
	assert_int_equal(parley_ledger_scores_compute(&s, v, &o), 0);
	row = parley_ledger_scores_row(s, 1);
	assert_string_equal(row->group, "mean");
	tu_assert_close(row->binary.brier, 0.390625, 1e-15, "mean on shared");
	parley_ledger_scores_free(s);
	o.bins = 21;
	assert_int_equal(parley_ledger_scores_compute(&s, v, &o), PARLEY_EINVAL);
	assert_null(s);

	parley_buf_dispose(&b);
	parley_ledger_view_free(v);
	parley_ledger_free(l);
}

/* ------------------------------------------------------------------ */
/* recording a model forecast                                           */
/* ------------------------------------------------------------------ */

static const char SCENARIO[] =
	"parley: 1\n"
	"title: \"Budget round\"\n"
	"issues:\n"
	"  - id: budget\n"
	"    title: \"Budget split\"\n"
	"    status_quo: 20\n"
	"    zones:\n"
	"      - {name: \"Low\", range: [0, 30]}\n"
	"      - {name: \"middle ground\", range: [40.5, 46]}\n"
	"      - {name: \"Party Q's wish\", range: [71.25, 90]}\n"
	"actors:\n"
	"  - {id: p, name: P, capability: 30, positions: {budget: {position: 12.5, salience: 40}}}\n"
	"  - {id: q, name: Q, capability: 45, positions: {budget: {position: 76.25, salience: 55}}}\n"
	"  - {id: r, name: R, capability: 25, positions: {budget: {position: 40.5, salience: 80}}}\n";

static void test_ledger_record__point_and_mc(void **state)
{
	parley_scenario *s = NULL;
	parley_forecast *f = NULL;
	parley_mc *mc = NULL;
	parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
	parley_ledger_record_options ro = PARLEY_LEDGER_RECORD_OPTIONS_INIT;
	parley_ledger_doc *doc = NULL;
	const parley_ledger_batch *b;
	const parley_model_result *mean;
	parley_mc_summary sum;
	parley_ledger *l = open_new("r.sqlite");
	parley_ledger_apply_stats st;
	size_t i, found = 0;
	(void)state;

	assert_int_equal(parley_scenario_load_buffer(&s, SCENARIO, strlen(SCENARIO), "dir/budget.yaml", NULL, NULL), 0);
	assert_int_equal(parley_forecast_run(&f, s, NULL), 0);
	mean = parley_forecast_result(f, 0, PARLEY_MODEL_MEAN);
	assert_non_null(mean);
	/* no date */
	assert_int_equal(parley_ledger_doc_from_forecast(&doc, s, f, NULL, &ro), PARLEY_EINVAL);
	ro.date = "2022-01-18";
	assert_int_equal(parley_ledger_doc_from_forecast(&doc, s, f, NULL, &ro), 0);
	b = parley_ledger_doc_batch(doc);
	/* value + 3 zones; no agreement question without Monte Carlo */
	assert_int_equal(b->question_count, 4);
	assert_string_equal(b->questions[0].id, "budget/budget/value");
	assert_string_equal(b->questions[1].id, "budget/budget/zone/low");
	assert_string_equal(b->questions[2].id, "budget/budget/zone/middle-ground");
	assert_string_equal(b->questions[3].id, "budget/budget/zone/party-qs-wish");
	assert_true(b->questions[0].lo == 0 && b->questions[0].hi == 100);
	for (i = 0; i < b->forecast_count; i++) {
		const parley_ledger_forecast *x = &b->forecasts[i];
		assert_int_equal(x->forecaster_kind, PARLEY_LEDGER_MODEL);
		assert_string_equal(x->date, "2022-01-18");
		assert_string_equal(x->scenario_sha256, parley_scenario_sha256(s));
		assert_string_equal(x->parley_version, PARLEY_VERSION);
		assert_int_equal(x->has_seed, 0);
		if (!strcmp(x->forecaster, "mean")) {
			found++;
			if (!strcmp(x->question, "budget/budget/value")) {
				assert_true(x->value == mean->forecast);
			} else {
				/* 0/1 after the point forecast */
				const parley_issue *is = parley_scenario_issue(s, 0);
				size_t z = !strcmp(x->question, "budget/budget/zone/low") ? 0 :
					!strcmp(x->question, "budget/budget/zone/middle-ground") ? 1 : 2;
				double want = mean->forecast >= is->zones[z].lo && mean->forecast <= is->zones[z].hi;
				assert_true(x->probability == want);
			}
		}
	}
	assert_int_equal(found, 4);
	assert_int_equal(parley_ledger_apply(l, b, NULL, &st, NULL), 0);
	assert_int_equal(st.questions_added, 4);
	parley_ledger_doc_free(doc);

	/* with Monte Carlo: shares of draws, seed and draws, and an agreement question */
	mo.draws = 300;
	mo.seed = 2385;
	mo.threads = 1;
	assert_int_equal(parley_mc_create(&mc, s, NULL, &mo), 0);
	while (parley_mc_remaining(mc))
		assert_int_equal(parley_mc_step(mc, 1000), 0);
	ro.scenario_id = "b2";
	assert_int_equal(parley_ledger_doc_from_forecast(&doc, s, f, mc, &ro), 0);
	b = parley_ledger_doc_batch(doc);
	assert_int_equal(b->question_count, 5);
	assert_string_equal(b->questions[4].id, "b2/budget/agreement");
	assert_int_equal(parley_mc_summary_get(&sum, mc, 0, PARLEY_MODEL_MEAN), 0);
	found = 0;
	for (i = 0; i < b->forecast_count; i++) {
		const parley_ledger_forecast *x = &b->forecasts[i];
		assert_int_equal(x->has_seed, 1);
		assert_true(x->seed == 2385 && x->draws == 300);
		if (!strcmp(x->forecaster, "mean") && !strcmp(x->question, "b2/budget/zone/middle-ground")) {
			assert_true(x->probability == (double)sum.zone_hits[1] / (double)sum.draws);
			found++;
		}
		if (strstr(x->question, "/zone/")) {
			/* a model the Monte Carlo run did not cover falls back to 0/1 */
			const parley_model_type *t = parley_model_type_lookup(x->forecaster);
			parley_mc_summary ms;
			assert_non_null(t);
			if (parley_mc_summary_get(&ms, mc, 0, (parley_model_id)parley_model_type_index(t)) != 0 || ms.ok == 0) {
				assert_true(x->probability == 0 || x->probability == 1);
				assert_non_null(strstr(x->note, "point forecast"));
			} else {
				assert_non_null(strstr(x->note, "Monte Carlo draws"));
			}
		}
		if (!strcmp(x->forecaster, "feasibility")) {
			assert_string_equal(x->question, "b2/budget/agreement");
			assert_true(x->probability == parley_mc_p_agreement(mc, 0));
			found++;
		}
	}
	assert_int_equal(found, 2);
	assert_int_equal(parley_ledger_apply(l, b, NULL, &st, NULL), 0);
	assert_int_equal(st.questions_added, 5);
	parley_ledger_doc_free(doc);

	/* a forecast of another scenario */
	{
		parley_scenario *other = NULL;
		static const char one[] = "parley: 1\ntitle: One\nissues: [{id: i, title: I}, {id: j, title: J}]\n"
			"actors: [{id: a, name: A, capability: 2.5, positions: {i: {position: 40.125, salience: 60}, "
			"j: {position: 3, salience: 60}}}]\n";
		assert_int_equal(parley_scenario_load_buffer(&other, one, strlen(one), "one.yaml", NULL, NULL), 0);
		assert_int_equal(parley_ledger_doc_from_forecast(&doc, other, f, NULL, &ro), PARLEY_EINVAL);
		parley_scenario_free(other);
	}
	parley_mc_free(mc);
	parley_forecast_free(f);
	parley_scenario_free(s);
	parley_ledger_free(l);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ledger_words__sources),
		cmocka_unit_test(test_ledger_words__table),
		cmocka_unit_test(test_ledger_words__lookup),
		cmocka_unit_test(test_ledger_score__hand_case),
		cmocka_unit_test(test_ledger_score__clipping_and_edges),
		cmocka_unit_test(test_ledger_score__decomposition_identity),
		cmocka_unit_test_setup_teardown(test_ledger_db__create_apply_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_db__conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_db__migrate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_db__refuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_db__null_in_row_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_db__default_path, setup, teardown),
		cmocka_unit_test(test_ledger_file__single_quoted),
		cmocka_unit_test_setup_teardown(test_ledger_file__round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_file__errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_scores__latest_and_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_record__point_and_mc, setup, teardown),
	};

	return tu_run_tests(tests, argc, argv);
}
