/*
 * test_backtest.c - the backtest harness (parley/backtest.h) on small
 * hand-made datasets whose errors are known exactly, its data errors with
 * their exact FILE:LINE:COL, the bootstrap's determinism and its unit (the
 * proposal), the blend's leave-one-proposal-out cross-validation, the
 * renderers, and allocation failure.
 *
 * Where the expected values come from: hand computations on
 * tests/data/backtest/small-deu.csv with the Council tables beside it
 * (written out next to each value, following docs/backtest.md and the
 * model definitions of shared/specs/models.md sections 1-3: mean = sum c x
 * / sum c, compromise = sum c s x / sum c s, median with weights c s); the
 * Nash bargaining solution is compared with parley_nbs() on the same
 * arrays; bootstrap bounds follow from enumerating the possible resamples
 * of two proposals (docs/backtest.md: "resamples proposals"; type-7
 * percentiles); the blend's cross-validation from the definition of least
 * absolute deviations (an intercept alone is the median of the training
 * outcomes).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley.h"
#include "backtest_internal.h"

#define DATA PARLEY_TEST_DIR "/data/backtest/"
#define TOL 1e-12

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */

static void print_diags(const parley_diag_list *d)
{
	size_t i;
	for (i = 0; i < d->count; i++) {
		parley_buf b = PARLEY_BUF_INIT;
		parley_diag_format(&b, &d->items[i]);
		print_error("%s", b.ptr ? b.ptr : "");
		parley_buf_dispose(&b);
	}
}

static parley_backtest_council *council(const char *file)
{
	parley_backtest_council *c = NULL;
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	int rc = parley_backtest_council_load_file(&c, file, &d);
	print_diags(&d);
	assert_int_equal(rc, 0);
	parley_diag_list_dispose(&d);
	return c;
}

typedef struct {
	parley_backtest_council *eu15, *eu27;
	parley_backtest_data *data;
	parley_backtest_options opts;
} fixture;

static void fixture_init(fixture *f, const char *dataset)
{
	parley_diag_list d = PARLEY_DIAG_LIST_INIT;
	parley_backtest_options o = PARLEY_BACKTEST_OPTIONS_INIT;
	int rc;

	f->eu15 = council(DATA "council-weights-eu15.csv");
	f->eu27 = council(DATA "council-weights-eu27.csv");
	f->data = NULL;
	if (dataset) {
		rc = parley_backtest_data_load_file(&f->data, dataset, NULL, &d);
		print_diags(&d);
		assert_int_equal(rc, 0);
	}
	parley_diag_list_dispose(&d);
	o.eu15 = f->eu15;
	o.eu27 = f->eu27;
	f->opts = o;
}

static void fixture_dispose(fixture *f)
{
	parley_backtest_data_free(f->data);
	parley_backtest_council_free(f->eu15);
	parley_backtest_council_free(f->eu27);
}

static parley_backtest *run(const parley_backtest_data *d, const parley_backtest_options *o)
{
	parley_backtest *bt = NULL;
	int rc = parley_backtest_run(&bt, d, o);
	if (rc)
		print_error("%s\n", parley_error_last()->message);
	assert_int_equal(rc, 0);
	assert_non_null(bt);
	return bt;
}

static double pred(const parley_backtest *bt, size_t i, parley_backtest_model m)
{
	double v = NAN;
	assert_int_equal(parley_backtest_prediction(&v, NULL, bt, i, m), 1);
	return v;
}

static parley_backtest_skip why(const parley_backtest *bt, size_t i, parley_backtest_model m)
{
	parley_backtest_skip s = PARLEY_BT_SKIP_NONE;
	double v;
	assert_int_equal(parley_backtest_prediction(&v, &s, bt, i, m), 0);
	return s;
}

/* A DEU buffer loaded as NAME, expecting success. */
static parley_backtest_data *deu(const char *text, const char *name)
{
	parley_backtest_data *d = NULL;
	parley_diag_list dl = PARLEY_DIAG_LIST_INIT;
	int rc = parley_backtest_data_load_deu(&d, text, strlen(text), name, &dl);
	print_diags(&dl);
	assert_int_equal(rc, 0);
	parley_diag_list_dispose(&dl);
	return d;
}

/* Whether `d` holds a diagnostic formatted as "FILE:LINE:COL: error: ..."
 * with every one of up to two words in it. */
static int has_diag(const parley_diag_list *d, const char *prefix, const char *w1, const char *w2)
{
	size_t i;
	for (i = 0; i < d->count; i++) {
		parley_buf b = PARLEY_BUF_INIT;
		int hit;
		assert_int_equal(parley_diag_format(&b, &d->items[i]), 0);
		hit = !strncmp(b.ptr, prefix, strlen(prefix)) && (!w1 || strstr(b.ptr, w1)) &&
			(!w2 || strstr(b.ptr, w2));
		parley_buf_dispose(&b);
		if (hit)
			return 1;
	}
	return 0;
}

#define assert_diag(d, prefix, w1, w2) do { \
	if (!has_diag((d), (prefix), (w1), (w2))) { \
		print_diags(d); \
		fail_msg("no diagnostic %s ... %s ... %s", (prefix), (w1) ? (w1) : "", (w2) ? (w2) : ""); \
	} } while (0)

/* Load a bad DEU buffer: PARLEY_EPARSE, no dataset, the diagnostics in *dl. */
static void bad_deu(parley_diag_list *dl, const char *text)
{
	parley_backtest_data *d = (parley_backtest_data *)1;
	assert_int_equal(parley_backtest_data_load_deu(&d, text, strlen(text), "bad.csv", dl), PARLEY_EPARSE);
	assert_null(d);
	assert_true(dl->count > 0);
}

/* ------------------------------------------------------------------ */
/* known errors on small-deu.csv                                        */
/* ------------------------------------------------------------------ */

/*
 * small-deu.csv, default options (Council votes; Commission and Parliament
 * at the mean member-state votes of the era):
 *  a1 (proposal 1, EU-15: at 2, be 3; com = ep = 2.5): positions com 20,
 *     ep 80, at 40, be 60, saliences all 50, rp 0, out 50.
 *     mean = (2.5*20 + 2.5*80 + 2*40 + 3*60) / 10 = 510 / 10 = 51;
 *     compromise: equal saliences, so also 51;
 *     median: weights c s = 1.25, 1.25, 1, 1.5 (W 5) at 20, 80, 40, 60;
 *       sorted 20 (1.25), 40 (2.25), 60 (3.75 > 2.5) -> 60;
 *     winset: members at 40 and be 60 with 2 and 3 votes, quota 4/5 of
 *       their 5 votes = 4; mirrors of q = 0 at 80 and 120: a move to y
 *       passes while both support it, y < 80: passable (0, 80); 51 is in it.
 *     procedure (COD, EP at 80: its win-set (0, 100]): still 51.
 *  a2 (proposal 1): at 10 (salience 100), be 30 (50), rp 50, out 20.
 *     mean = (2*10 + 3*30) / 5 = 22; compromise = (2*10 + 1.5*30) / 3.5
 *     = 65/3.5; median: weights 2 at 10, 1.5 at 30, W/2 = 1.75 -> 10;
 *     winset: mirrors of 50: -30 and 10, both support y in (10, 50):
 *     65/3.5 = 18.57 is inside; CNS: the procedure variant is the same.
 *  b1 (proposal 70): no outcome: skipped.
 *  b2 (proposal 70, EU-27: at 10, be 12, cz 12; com = 34/3): com 0 (100),
 *     at 100 (blank salience -> the mean of the others, (100+50+50)/3),
 *     be 100 (50), cz 50 (50); no rp; out 75.
 *     mean = (10*100 + 12*100 + 12*50) / (34/3 + 34) = 2800 / (136/3)
 *     compromise: weights 34/3, 10*2/3, 6, 6 (W 30): (2000/3 + 600 + 300) / 30
 *     median: 0 (34/3), 50 (6: cumulative 52/3 > 15) -> 50.
 */
static const double MEAN_B2 = 2800.0 / (136.0 / 3.0);
static const double COMP_A2 = 65.0 / 3.5;
static const double COMP_B2 = (2000.0 / 3.0 + 900.0) / 30.0;

static void test_backtest_deu__known_errors(void **state)
{
	fixture f;
	parley_backtest *bt;
	const parley_backtest_stats *s;
	const parley_backtest_issue *is;
	parley_nbs_result nr;
	size_t blank_issues;
	(void)state;

	fixture_init(&f, DATA "small-deu.csv");
	assert_int_equal(parley_backtest_data_layout(f.data), PARLEY_BACKTEST_DEU);
	assert_int_equal(parley_backtest_data_issue_count(f.data), 4);
	bt = run(f.data, &f.opts);

	assert_int_equal(parley_backtest_issue_count(bt), 4);
	assert_int_equal(parley_backtest_issues_used(bt), 3);
	assert_int_equal(parley_backtest_issues_skipped(bt), 1);
	assert_int_equal(parley_backtest_skipped_for(bt, PARLEY_BT_SKIP_NO_OUTCOME), 1);
	assert_int_equal(parley_backtest_proposal_count(bt), 2);
	/* b1's blank salience does not count: b1 is not scored */
	assert_int_equal(parley_backtest_blank_saliences(bt, &blank_issues), 1);
	assert_int_equal(blank_issues, 1);

	is = parley_backtest_issue_at(bt, 0);
	assert_string_equal(is->id, "a1");
	assert_string_equal(is->proposal, "1");
	assert_int_equal(is->line, 2);
	assert_int_equal(is->actors, 4);
	is = parley_backtest_issue_at(bt, 2);
	assert_string_equal(is->id, "b1");
	assert_int_equal(is->skip, PARLEY_BT_SKIP_NO_OUTCOME);
	assert_int_equal(why(bt, 2, PARLEY_BT_COMPROMISE), PARLEY_BT_SKIP_NO_OUTCOME);
	assert_null(parley_backtest_issue_at(bt, 4));

	tu_assert_close(pred(bt, 0, PARLEY_BT_MEAN), 51, TOL, "a1 mean");
	tu_assert_close(pred(bt, 0, PARLEY_BT_COMPROMISE), 51, TOL, "a1 compromise");
	tu_assert_close(pred(bt, 0, PARLEY_BT_MEDIAN), 60, 0, "a1 median");
	tu_assert_close(pred(bt, 0, PARLEY_BT_STATUS_QUO), 0, 0, "a1 status quo");
	tu_assert_close(pred(bt, 0, PARLEY_BT_WINSET_COMPROMISE), 51, TOL, "a1 winset");
	tu_assert_close(pred(bt, 0, PARLEY_BT_PROCEDURE_COMPROMISE), 51, TOL, "a1 procedure");
	tu_assert_close(pred(bt, 1, PARLEY_BT_MEAN), 22, TOL, "a2 mean");
	tu_assert_close(pred(bt, 1, PARLEY_BT_COMPROMISE), COMP_A2, TOL, "a2 compromise");
	tu_assert_close(pred(bt, 1, PARLEY_BT_MEDIAN), 10, 0, "a2 median");
	tu_assert_close(pred(bt, 1, PARLEY_BT_WINSET_COMPROMISE), COMP_A2, TOL, "a2 winset");
	tu_assert_close(pred(bt, 1, PARLEY_BT_PROCEDURE_COMPROMISE), COMP_A2, TOL, "a2 procedure");
	tu_assert_close(pred(bt, 3, PARLEY_BT_MEAN), MEAN_B2, TOL, "b2 mean");
	tu_assert_close(pred(bt, 3, PARLEY_BT_COMPROMISE), COMP_B2, TOL, "b2 compromise");
	tu_assert_close(pred(bt, 3, PARLEY_BT_MEDIAN), 50, 0, "b2 median");
	assert_int_equal(why(bt, 3, PARLEY_BT_NBS), PARLEY_BT_SKIP_NO_REFERENCE_POINT);
	assert_int_equal(why(bt, 3, PARLEY_BT_STATUS_QUO), PARLEY_BT_SKIP_NO_REFERENCE_POINT);
	assert_int_equal(why(bt, 3, PARLEY_BT_WINSET_COMPROMISE), PARLEY_BT_SKIP_NO_REFERENCE_POINT);

	/* NBS: parley_nbs on the same arrays (capabilities as bargaining weights) */
	{
		const double x[4] = { 20, 80, 40, 60 }, c[4] = { 2.5, 2.5, 2, 3 }, sal[4] = { .5, .5, .5, .5 };
		assert_int_equal(parley_nbs(&nr, x, c, sal, 4, 0, 0, 100, 2, 1e-13), 0);
		tu_assert_close(pred(bt, 0, PARLEY_BT_NBS), nr.solution, 0, "a1 nbs");
	}
	{
		const double x[2] = { 10, 30 }, c[2] = { 2, 3 }, sal[2] = { 1, .5 };
		assert_int_equal(parley_nbs(&nr, x, c, sal, 2, 50, 0, 100, 2, 1e-13), 0);
		tu_assert_close(pred(bt, 1, PARLEY_BT_NBS), nr.solution, 0, "a2 nbs");
	}

	/* scores: errors mean 1, 2, |MEAN_B2 - 75|; median 10, 10, 25 */
	s = parley_backtest_model_stats(bt, PARLEY_BT_MEAN);
	assert_int_equal(s->n, 3);
	tu_assert_close(s->mae, (1 + 2 + (75 - MEAN_B2)) / 3, TOL, "mean mae");
	tu_assert_close(s->rmse, sqrt((1 + 4 + (75 - MEAN_B2) * (75 - MEAN_B2)) / 3), TOL, "mean rmse");
	tu_assert_close(s->median_ae, 2, TOL, "mean median ae");
	tu_assert_close(s->within10, 2.0 / 3.0, TOL, "mean within10");
	tu_assert_close(s->within20, 1, TOL, "mean within20");
	s = parley_backtest_model_stats(bt, PARLEY_BT_COMPROMISE);
	tu_assert_close(s->mae, (1 + (20 - COMP_A2) + (75 - COMP_B2)) / 3, TOL, "compromise mae");
	s = parley_backtest_model_stats(bt, PARLEY_BT_MEDIAN);
	tu_assert_close(s->mae, 15, TOL, "median mae");
	tu_assert_close(s->rmse, sqrt(275), TOL, "median rmse");
	tu_assert_close(s->median_ae, 10, TOL, "median median ae");
	tu_assert_close(s->within10, 2.0 / 3.0, TOL, "median within10");
	tu_assert_close(s->within20, 2.0 / 3.0, TOL, "median within20");
	s = parley_backtest_model_stats(bt, PARLEY_BT_STATUS_QUO);
	assert_int_equal(s->n, 2);
	assert_int_equal(s->skipped[PARLEY_BT_SKIP_NO_REFERENCE_POINT], 1);
	tu_assert_close(s->mae, 40, TOL, "status quo mae: (50 + 30) / 2");
	tu_assert_close(s->median_ae, 40, TOL, "status quo median ae");
	tu_assert_close(s->within20, 0, TOL, "status quo within20");
	s = parley_backtest_model_stats(bt, PARLEY_BT_WINSET_COMPROMISE);
	assert_int_equal(s->n, 2);
	tu_assert_close(s->mae, (1 + (20 - COMP_A2)) / 2, TOL, "winset mae");
	assert_null(parley_backtest_model_stats(bt, (parley_backtest_model)parley_backtest_model_count()));

	parley_backtest_free(bt);
	fixture_dispose(&f);
}

/* The win-set variants where the status quo is held: a1 with rp = 100.
 * Mirrors of 100 at -20 (at, 40) and 20 (be, 60): both support y in (20,
 * 100) -> passable (20, 100): compromise 51 stays. With the Parliament at
 * 80 (COD), its win-set is (60, 100): the procedure variant moves 51 to
 * 60, the open end (a limit). Then rp = 50 between at (40) and be (60):
 * no move below 50 has be's 3 votes, none above has at's... a quota of 4
 * needs both: the win-set is empty and the forecast is rp. */
static void test_backtest_deu__winsets(void **state)
{
	fixture f;
	parley_backtest *bt;
	parley_backtest_data *d;
	(void)state;

	fixture_init(&f, NULL);
	d = deu("prnrnmc,isnrnmc,cod,pcom,pep,pat,pbe,scom,sep,sat,sbe,rp,out\n"
		"1,1,x(COD),20,80,40,60,50,50,50,50,100,50\n"
		"1,2,x(COD),20,80,40,60,50,50,50,50,50,50\n"
		"1,3,x,20,80,40,60,50,50,50,50,50,50\n", "w.csv");
	bt = run(d, &f.opts);
	tu_assert_close(pred(bt, 0, PARLEY_BT_WINSET_COMPROMISE), 51, TOL, "rp 100: winset");
	tu_assert_close(pred(bt, 0, PARLEY_BT_PROCEDURE_COMPROMISE), 60, 0, "rp 100: EP win-set end");
	tu_assert_close(pred(bt, 1, PARLEY_BT_WINSET_COMPROMISE), 50, 0, "rp 50: empty win-set");
	tu_assert_close(pred(bt, 1, PARLEY_BT_PROCEDURE_COMPROMISE), 50, 0, "rp 50: empty win-set");
	assert_int_equal(why(bt, 2, PARLEY_BT_PROCEDURE_COMPROMISE), PARLEY_BT_SKIP_NO_PROCEDURE);
	assert_int_equal(parley_backtest_model_stats(bt, PARLEY_BT_PROCEDURE_COMPROMISE)
		->skipped[PARLEY_BT_SKIP_NO_PROCEDURE], 1);
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
	fixture_dispose(&f);
}

/*
 * The Council's qualified-majority pivots (parley/backtest.h): L is the
 * largest position whose members at or above it hold the quota share of the
 * votes of the members with a position, H the smallest position whose
 * members at or below it do; pivot-mid = (L + H) / 2. Test tables: EU-27 =
 * at 10, be 12, cz 12 votes, quota 25 of 34 (proposals from 67 on).
 *  i1: at 0, be 30, cz 80 (all 34 votes, need 25): at >= 80 hold 12, >= 30
 *      hold 24, >= 0 hold 34 -> L = 0; <= 0 hold 10, <= 30 22, <= 80 34 ->
 *      H = 80; mid 40, outcome 35: error 5.
 *  i2: at 20, be 70 (22 votes, need 25/34 x 22 = 16.18): >= 70 hold 12 ->
 *      L = 20; <= 20 hold 10 -> H = 70; mid 45, outcome 60: error 15.
 *  i3: at 50, be 50, cz 10 (34, need 25): >= 50 hold 22 -> L = 10; <= 10
 *      hold 12 -> H = 50; mid 30, outcome 30: error 0.
 * MAE 20/3. The Commission and the Parliament have no votes and no part.
 * On small-deu.csv the midpoints are a1 (40, 60) 50, a2 (10, 30) 20 and b2
 * (50, 100) 75, the outcomes exactly.
 */
static void test_backtest_pivots__known(void **state)
{
	fixture f;
	parley_backtest *bt;
	parley_backtest_data *d;
	const parley_backtest_stats *s;
	(void)state;

	fixture_init(&f, NULL);
	d = deu("prnrnmc,isnrnmc,pcom,pep,pat,pbe,pcz,scom,sep,sat,sbe,scz,rp,out\n"
		"70,1,100,,0,30,80,90,,50,50,50,,35\n"
		"71,2,,0,20,70,,,40,50,50,,,60\n"
		"72,3,,,50,50,10,,,50,50,50,,30\n", "pivots.csv");
	bt = run(d, &f.opts);
	tu_assert_close(pred(bt, 0, PARLEY_BT_PIVOT_MID), 40, 0, "i1 (0 + 80) / 2");
	tu_assert_close(pred(bt, 1, PARLEY_BT_PIVOT_MID), 45, 0, "i2 (20 + 70) / 2");
	tu_assert_close(pred(bt, 2, PARLEY_BT_PIVOT_MID), 30, 0, "i3 (10 + 50) / 2");
	s = parley_backtest_model_stats(bt, PARLEY_BT_PIVOT_MID);
	assert_int_equal(s->n, 3);
	tu_assert_close(s->mae, 20.0 / 3.0, TOL, "pivot-mid mae");
	tu_assert_close(s->within10, 2.0 / 3.0, TOL, "pivot-mid within 10");
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
	fixture_dispose(&f);

	fixture_init(&f, DATA "small-deu.csv");
	bt = run(f.data, &f.opts);
	tu_assert_close(pred(bt, 0, PARLEY_BT_PIVOT_MID), 50, 0, "a1");
	tu_assert_close(pred(bt, 1, PARLEY_BT_PIVOT_MID), 20, 0, "a2");
	tu_assert_close(pred(bt, 3, PARLEY_BT_PIVOT_MID), 75, 0, "b2");
	tu_assert_close(parley_backtest_model_stats(bt, PARLEY_BT_PIVOT_MID)->mae, 0, 0, "small-deu mae");
	parley_backtest_free(bt);
	fixture_dispose(&f);
}

/* The long layout: members are the actors with votes > 0, the quota the
 * issue's share. Votes a 1, b 1, c 2, quota 0.75 (3 of 4 votes), the
 * Commission without votes: at or above 50 hold exactly 3 (the boundary
 * counts) -> L = 50; at or below 10 hold 1, 50 hold 2, 90 hold 4 -> H = 90;
 * mid 70. With quota 1: L = 10 (only everybody), H = 90: mid 50. */
static void test_backtest_pivots__long(void **state)
{
	static const char pos[] = "issue,actor,position,salience,capability,votes\n"
		"x,com,0,50,1,\nx,a,10,50,1,1\nx,b,50,50,1,1\nx,c,90,50,1,2\n"
		"y,com,0,50,1,\ny,a,10,50,1,1\ny,b,50,50,1,1\ny,c,90,50,1,2\n";
	static const char outc[] = "issue,outcome,reference_point,quota\nx,75,,0.75\ny,40,,1\n";
	parley_backtest_data *d = NULL;
	parley_backtest *bt;
	(void)state;

	assert_int_equal(parley_backtest_data_load_long(&d, pos, strlen(pos), "p.csv", outc, strlen(outc),
		"o.csv", NULL), 0);
	bt = run(d, NULL);
	tu_assert_close(pred(bt, 0, PARLEY_BT_PIVOT_MID), 70, 0, "quota 0.75");
	tu_assert_close(pred(bt, 1, PARLEY_BT_PIVOT_MID), 50, 0, "quota 1");
	tu_assert_close(parley_backtest_model_stats(bt, PARLEY_BT_PIVOT_MID)->mae, 7.5, TOL, "(5 + 10) / 2");
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
}

/* Capability rules on a1 and b2. */
static void test_backtest_capability__rules(void **state)
{
	fixture f;
	parley_backtest *bt;
	(void)state;

	fixture_init(&f, DATA "small-deu.csv");
	/* Banzhaf: at .4, be .6, com = ep = .5: (.5*20 + .5*80 + .4*40 + .6*60) / 2 = 51 */
	f.opts.capability = PARLEY_BT_CAP_BANZHAF;
	bt = run(f.data, &f.opts);
	tu_assert_close(pred(bt, 0, PARLEY_BT_MEAN), 51, TOL, "banzhaf a1");
	/* b2: com = mean index 1/3; (0.3*100 + .35*100 + .35*50) / (1/3 + 1) */
	tu_assert_close(pred(bt, 3, PARLEY_BT_MEAN), (30 + 35 + 17.5) / (4.0 / 3.0), TOL, "banzhaf b2");
	parley_backtest_free(bt);
	/* equal: a1 (20 + 80 + 40 + 60) / 4 = 50; b2 (0 + 100 + 100 + 50) / 4 */
	f.opts.capability = PARLEY_BT_CAP_EQUAL;
	bt = run(f.data, &f.opts);
	tu_assert_close(pred(bt, 0, PARLEY_BT_MEAN), 50, TOL, "equal a1");
	tu_assert_close(pred(bt, 3, PARLEY_BT_MEAN), 62.5, TOL, "equal b2");
	/* the win-set still counts Council votes: a1 as before */
	tu_assert_close(pred(bt, 0, PARLEY_BT_WINSET_COMPROMISE), 50, TOL, "equal a1 winset");
	parley_backtest_free(bt);
	/* votes with com = 10, ep = 0: a1 (10*20 + 0 + 80 + 180) / 15 */
	f.opts.capability = PARLEY_BT_CAP_VOTES;
	f.opts.com_capability = 10;
	f.opts.ep_capability = 0;
	bt = run(f.data, &f.opts);
	tu_assert_close(pred(bt, 0, PARLEY_BT_MEAN), 460.0 / 15.0, TOL, "com=10,ep=0 a1");
	parley_backtest_free(bt);
	/* the EU-27 table from proposal 1 on: at 10, be 12 for a2: (100 + 360) / 22 */
	f.opts.com_capability = f.opts.ep_capability = -1;
	f.opts.eu27_from = 1;
	bt = run(f.data, &f.opts);
	tu_assert_close(pred(bt, 1, PARLEY_BT_MEAN), 460.0 / 22.0, TOL, "eu27 from 1: a2");
	parley_backtest_free(bt);
	fixture_dispose(&f);
}

/* Blank saliences: dropping at from b2 leaves com 0 (34/3), be 100 (12),
 * cz 50 (12): mean (1200 + 600) / (34/3 + 24); compromise weights 34/3,
 * 6, 6: (600 + 300) / (34/3 + 12). */
static void test_backtest_salience__drop(void **state)
{
	fixture f;
	parley_backtest *bt;
	size_t issues;
	(void)state;

	fixture_init(&f, DATA "small-deu.csv");
	f.opts.blank_salience = PARLEY_BT_SALIENCE_DROP;
	bt = run(f.data, &f.opts);
	tu_assert_close(pred(bt, 3, PARLEY_BT_MEAN), 1800.0 / (34.0 / 3.0 + 24.0), TOL, "drop: b2 mean");
	tu_assert_close(pred(bt, 3, PARLEY_BT_COMPROMISE), 900.0 / (34.0 / 3.0 + 12.0), TOL,
		"drop: b2 compromise");
	assert_int_equal(parley_backtest_issue_at(bt, 3)->actors, 3);
	assert_int_equal(parley_backtest_blank_saliences(bt, &issues), 1);
	parley_backtest_free(bt);
	fixture_dispose(&f);
}

/* ------------------------------------------------------------------ */
/* the bootstrap                                                        */
/* ------------------------------------------------------------------ */

/*
 * Two proposals: 1 = {a1, a2}, 70 = {b2}. A resample draws two proposals
 * with replacement: (1, 1), (1, 70), (70, 1) or (70, 70), each with
 * probability 1/4, so with 2000 resamples the 2.5% and 97.5% percentiles
 * are the smallest and the largest of the possible values (hundreds of
 * draws of each). Median model: errors {10, 10} and {25}: MAE 10, 15 or
 * 25 -> interval [10, 25]. Mean model: errors {1, 2} and {75 - MEAN_B2}:
 * MAE from 1.5 to 75 - MEAN_B2. Resampling issues instead would reach 1
 * (a1 three times, probability 1/27 > 2.5%).
 */
static void test_backtest_bootstrap__resamples_proposals(void **state)
{
	fixture f;
	parley_backtest *bt;
	const parley_backtest_stats *s;
	(void)state;

	fixture_init(&f, DATA "small-deu.csv");
	bt = run(f.data, &f.opts);
	s = parley_backtest_model_stats(bt, PARLEY_BT_MEDIAN);
	assert_int_equal(s->resamples_used, 2000);
	tu_assert_close(s->mae_ci95[0], 10, TOL, "median mae lo");
	tu_assert_close(s->mae_ci95[1], 25, TOL, "median mae hi");
	tu_assert_close(s->within20_ci95[0], 0, TOL, "median within20 lo (70, 70)");
	tu_assert_close(s->within20_ci95[1], 1, TOL, "median within20 hi (1, 1)");
	s = parley_backtest_model_stats(bt, PARLEY_BT_MEAN);
	tu_assert_close(s->mae_ci95[0], 1.5, TOL, "mean mae lo: proposals, not issues");
	tu_assert_close(s->mae_ci95[1], 75 - MEAN_B2, TOL, "mean mae hi");
	/* status quo: only proposal 1 has rp; a (70, 70) draw has no issue for it */
	s = parley_backtest_model_stats(bt, PARLEY_BT_STATUS_QUO);
	assert_true(s->resamples_used < 2000 && s->resamples_used > 1000);
	tu_assert_close(s->mae_ci95[0], 40, TOL, "status quo lo");
	tu_assert_close(s->mae_ci95[1], 40, TOL, "status quo hi");
	parley_backtest_free(bt);
	fixture_dispose(&f);
}

static void render(parley_buf *b, const parley_backtest *bt, parley_backtest_format fmt)
{
	assert_int_equal(parley_backtest_render(b, bt, fmt), 0);
	assert_non_null(b->ptr);
}

/* Same data and seed: the same bytes; another seed: other intervals; no
 * resamples: no intervals (null in JSON). */
static void test_backtest_bootstrap__deterministic(void **state)
{
	fixture f;
	parley_backtest *a, *b, *c, *z;
	parley_buf ja = PARLEY_BUF_INIT, jb = PARLEY_BUF_INIT, jc = PARLEY_BUF_INIT, jz = PARLEY_BUF_INIT;
	parley_backtest_data *d;
	(void)state;

	fixture_init(&f, NULL);
	/* Six proposals with different errors, so that intervals vary with the seed. */
	d = deu("prnrnmc,isnrnmc,pat,sat,pbe,sbe,rp,out\n"
		"1,1,10,50,30,40,0,12.5\n2,2,80,20,20,90,,41\n3,3,55,70,60,10,100,3\n"
		"4,4,0,30,100,30,50,66\n5,5,35,35,45,45,,90.25\n6,6,70,15,25,85,20,35\n", "seeds.csv");
	a = run(d, &f.opts);
	b = run(d, &f.opts);
	f.opts.seed = 7;
	c = run(d, &f.opts);
	f.opts.resamples = 0;
	z = run(d, &f.opts);
	render(&ja, a, PARLEY_BT_OUTPUT_JSON);
	render(&jb, b, PARLEY_BT_OUTPUT_JSON);
	render(&jc, c, PARLEY_BT_OUTPUT_JSON);
	render(&jz, z, PARLEY_BT_OUTPUT_JSON);
	assert_string_equal(ja.ptr, jb.ptr);
	assert_true(strcmp(ja.ptr, jc.ptr) != 0);
	assert_true(memcmp(parley_backtest_model_stats(a, PARLEY_BT_MEAN)->mae_ci95,
		parley_backtest_model_stats(b, PARLEY_BT_MEAN)->mae_ci95, 2 * sizeof(double)) == 0);
	assert_true(parley_backtest_model_stats(a, PARLEY_BT_MEAN)->mae_ci95[0] !=
		parley_backtest_model_stats(c, PARLEY_BT_MEAN)->mae_ci95[0]);
	assert_non_null(strstr(ja.ptr, "\"seed\": 20120604"));
	assert_non_null(strstr(jc.ptr, "\"seed\": 7"));
	assert_non_null(strstr(jz.ptr, "\"mae_ci95\": [null, null]"));
	assert_true(isnan(parley_backtest_model_stats(z, PARLEY_BT_MEAN)->mae_ci95[0]));
	/* the point estimates do not depend on the seed */
	assert_true(parley_backtest_model_stats(a, PARLEY_BT_MEAN)->mae ==
		parley_backtest_model_stats(z, PARLEY_BT_MEAN)->mae);
	parley_buf_dispose(&ja);
	parley_buf_dispose(&jb);
	parley_buf_dispose(&jc);
	parley_buf_dispose(&jz);
	parley_backtest_free(a);
	parley_backtest_free(b);
	parley_backtest_free(c);
	parley_backtest_free(z);
	parley_backtest_data_free(d);
	fixture_dispose(&f);
}

/* ------------------------------------------------------------------ */
/* the long layout                                                      */
/* ------------------------------------------------------------------ */

/* small-positions.csv + small-outcomes.csv hold the issues of small-deu.csv
 * with the capabilities and quotas the DEU layout derives: same forecasts. */
static void test_backtest_long__same_as_deu(void **state)
{
	fixture f;
	parley_backtest_data *l = NULL;
	parley_diag_list dl = PARLEY_DIAG_LIST_INIT;
	parley_backtest *a, *b;
	parley_backtest_options lo = PARLEY_BACKTEST_OPTIONS_INIT;
	size_t i, m;
	(void)state;

	fixture_init(&f, DATA "small-deu.csv");
	assert_int_equal(parley_backtest_data_load_file(&l, DATA "small-positions.csv",
		DATA "small-outcomes.csv", &dl), 0);
	assert_int_equal(dl.count, 0);
	assert_int_equal(parley_backtest_data_layout(l), PARLEY_BACKTEST_LONG);
	a = run(f.data, &f.opts);
	b = run(l, &lo);
	assert_int_equal(parley_backtest_issues_used(b), 3);
	for (i = 0; i < 4; i++) {
		assert_string_equal(parley_backtest_issue_at(a, i)->id, parley_backtest_issue_at(b, i)->id);
		assert_string_equal(parley_backtest_issue_at(a, i)->proposal,
			parley_backtest_issue_at(b, i)->proposal);
		for (m = 0; m < parley_backtest_model_count(); m++) {
			double x = NAN, y = NAN;
			parley_backtest_skip sx, sy;
			int hx = parley_backtest_prediction(&x, &sx, a, i, (parley_backtest_model)m);
			int hy = parley_backtest_prediction(&y, &sy, b, i, (parley_backtest_model)m);
			assert_int_equal(hx, hy);
			assert_int_equal(sx, sy);
			if (hx)
				tu_assert_close(y, x, 1e-9, parley_backtest_model_name((parley_backtest_model)m));
		}
	}
	/* equal capabilities in the long layout: a1 mean 50 */
	lo.capability = PARLEY_BT_CAP_EQUAL;
	parley_backtest_free(b);
	b = run(l, &lo);
	tu_assert_close(pred(b, 0, PARLEY_BT_MEAN), 50, TOL, "long equal a1");
	parley_backtest_free(a);
	parley_backtest_free(b);
	parley_backtest_data_free(l);
	parley_diag_list_dispose(&dl);
	fixture_dispose(&f);
}

/* Without votes and quota the win-set variants cannot run; without a
 * procedure column the procedure variant cannot. */
static void test_backtest_long__no_council_rule(void **state)
{
	static const char pos[] = "issue,actor,position,salience,capability\nx,a,10,50,1\nx,b,90,50,3\n";
	static const char outc[] = "issue,outcome,reference_point\nx,70,0\n";
	parley_backtest_data *d = NULL;
	parley_backtest *bt;
	(void)state;

	assert_int_equal(parley_backtest_data_load_long(&d, pos, strlen(pos), "p.csv", outc, strlen(outc),
		"o.csv", NULL), 0);
	bt = run(d, NULL);
	tu_assert_close(pred(bt, 0, PARLEY_BT_MEAN), 70, TOL, "(10 + 270) / 4");
	assert_int_equal(why(bt, 0, PARLEY_BT_WINSET_COMPROMISE), PARLEY_BT_SKIP_NO_COUNCIL_RULE);
	assert_int_equal(why(bt, 0, PARLEY_BT_PROCEDURE_COMPROMISE), PARLEY_BT_SKIP_NO_COUNCIL_RULE);
	assert_int_equal(why(bt, 0, PARLEY_BT_PIVOT_MID), PARLEY_BT_SKIP_NO_COUNCIL_RULE);
	/* one proposal per issue when the column is absent */
	assert_string_equal(parley_backtest_issue_at(bt, 0)->proposal, "x");
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
}

/* ------------------------------------------------------------------ */
/* the blend                                                            */
/* ------------------------------------------------------------------ */

/* An intercept alone, fitted by least absolute deviations, is the median
 * of the training outcomes. Four proposals with outcomes 10, 20, 30, 100:
 * leaving out 10 predicts median(20, 30, 100) = 30 (error 20); 20 -> 30
 * (10); 30 -> median(10, 20, 100) = 20 (10); 100 -> 20 (80): CV MAE 30.
 * Fitted on all four the LAD intercept is any point of [20, 30]. */
static void test_backtest_blend__leave_one_proposal_out(void **state)
{
	fixture f;
	parley_backtest_data *d;
	parley_backtest *bt;
	const parley_backtest_blend *bl;
	(void)state;

	fixture_init(&f, NULL);
	d = deu("prnrnmc,isnrnmc,pat,sat,rp,out\n1,1,50,50,,10\n2,2,50,50,,20\n3,3,50,50,,30\n4,4,50,50,,100\n",
		"lopo.csv");
	f.opts.blend_features = 1u << PARLEY_BT_FEATURE_INTERCEPT;
	bt = run(d, &f.opts);
	bl = parley_backtest_blend_result(bt);
	assert_int_equal(bl->folds, 4);
	assert_int_equal(bl->folds_unfitted, 0);
	assert_int_equal(bl->fitted, 1);
	tu_assert_close(pred(bt, 0, PARLEY_BT_BLEND), 30, 1e-4, "leave out 10");
	tu_assert_close(pred(bt, 1, PARLEY_BT_BLEND), 30, 1e-4, "leave out 20");
	tu_assert_close(pred(bt, 2, PARLEY_BT_BLEND), 20, 1e-4, "leave out 30");
	tu_assert_close(pred(bt, 3, PARLEY_BT_BLEND), 20, 1e-4, "leave out 100");
	tu_assert_close(bl->cv_mae, 30, 1e-4, "cv mae");
	assert_true(bl->weights[PARLEY_BT_FEATURE_INTERCEPT] >= 20 - 1e-4 &&
		bl->weights[PARLEY_BT_FEATURE_INTERCEPT] <= 30 + 1e-4);
	/* compromise = 50 everywhere: errors 40, 30, 20, 50 -> 35; ratio 30/35 */
	tu_assert_close(bl->compromise_mae, 35, TOL, "compromise mae");
	tu_assert_close(bl->ratio, 30.0 / 35.0, 1e-5, "ratio");
	assert_int_equal(bl->goal_met, 1);
	tu_assert_close(parley_backtest_model_stats(bt, PARLEY_BT_BLEND)->mae, bl->cv_mae, 0, "blend row");
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
	fixture_dispose(&f);
}

/* Outcomes equal to the capability-weighted mean (at 2 votes, be 3): the
 * blend over `mean` alone finds weight 1 in every fold: no error. */
static void test_backtest_blend__exact_fit(void **state)
{
	fixture f;
	parley_backtest_data *d;
	parley_backtest *bt;
	const parley_backtest_blend *bl;
	(void)state;

	fixture_init(&f, NULL);
	d = deu("prnrnmc,isnrnmc,pat,sat,pbe,sbe,rp,out\n"
		"1,1,10,50,60,20,,40\n2,2,50,10,0,90,,20\n3,3,100,50,50,50,,70\n"
		"4,4,30,70,80,20,,60\n5,5,0,50,100,40,,60\n6,6,20,50,20,50,,20\n", "exact.csv");
	f.opts.blend_features = 1u << PARLEY_BT_FEATURE_MEAN;
	bt = run(d, &f.opts);
	bl = parley_backtest_blend_result(bt);
	tu_assert_close(bl->weights[PARLEY_BT_FEATURE_MEAN], 1, 1e-9, "weight");
	tu_assert_close(bl->fold_min[PARLEY_BT_FEATURE_MEAN], 1, 1e-9, "fold min");
	tu_assert_close(bl->fold_max[PARLEY_BT_FEATURE_MEAN], 1, 1e-9, "fold max");
	tu_assert_close(bl->weights[PARLEY_BT_FEATURE_COMPROMISE], 0, 0, "unused weight");
	tu_assert_close(bl->cv_mae, 0, 1e-7, "cv mae");
	tu_assert_close(parley_backtest_model_stats(bt, PARLEY_BT_MEAN)->mae, 0, 1e-12, "mean mae");
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
	fixture_dispose(&f);
}

/*
 * The position features: outcomes equal to the Parliament's position where
 * it has one and, where not, to the member states' vote-weighted mean
 * position (EU-27 test table: at 10, be 12, cz 12): i2 (10 x 0 + 12 x 17 +
 * 12 x 17) / 34 = 12, i4 (340 + 408 + 0) / 34 = 22. The blend over `ep`
 * alone then finds weight 1 in every fold: no error. The same outcomes are
 * not the Commission's positions (com 40 on i1 and i3), so a blend over
 * `com` alone errs. Pivots as features: outcomes = L + H fitted exactly.
 */
static void test_backtest_blend__position_features(void **state)
{
	fixture f;
	parley_backtest_data *d;
	parley_backtest *bt;
	const parley_backtest_blend *bl;
	(void)state;

	fixture_init(&f, NULL);
	d = deu("prnrnmc,isnrnmc,pcom,pep,pat,pbe,pcz,scom,sep,sat,sbe,scz,rp,out\n"
		"70,1,40,60,0,30,80,50,50,50,50,50,,60\n"
		"71,2,,,0,17,17,,,50,50,50,,12\n"
		"72,3,40,90,5,5,5,50,50,50,50,50,,90\n"
		"73,4,,,34,34,0,,,50,50,50,,22\n", "positions.csv");
	f.opts.blend_features = 1u << PARLEY_BT_FEATURE_EP;
	f.opts.resamples = 0;
	bt = run(d, &f.opts);
	bl = parley_backtest_blend_result(bt);
	assert_int_equal(bl->folds_unfitted, 0);
	tu_assert_close(bl->weights[PARLEY_BT_FEATURE_EP], 1, 1e-9, "ep weight");
	tu_assert_close(bl->cv_mae, 0, 1e-7, "ep cv mae");
	parley_backtest_free(bt);
	f.opts.blend_features = 1u << PARLEY_BT_FEATURE_COM;
	bt = run(d, &f.opts);
	assert_true(parley_backtest_blend_result(bt)->cv_mae > 1);
	parley_backtest_free(bt);
	parley_backtest_data_free(d);

	/* L + H: i1 (0, 80) 80; i2: at 17 or above hold 24 < 25 -> L = 0, H = 17:
	 * 17; i3 (5, 5): 10; i4: at 34 hold 22 -> L = 0, at or below 0 hold 12 ->
	 * H = 34: 34; i5 (10, 50) as i3 of test_backtest_pivots__known: 60 */
	d = deu("prnrnmc,isnrnmc,pat,pbe,pcz,sat,sbe,scz,rp,out\n"
		"70,1,0,30,80,50,50,50,,80\n71,2,0,17,17,50,50,50,,17\n"
		"72,3,5,5,5,50,50,50,,10\n73,4,34,34,0,50,50,50,,34\n74,5,50,50,10,50,50,50,,60\n", "lh.csv");
	f.opts.blend_features = (1u << PARLEY_BT_FEATURE_PIVOT_LO) | (1u << PARLEY_BT_FEATURE_PIVOT_HI);
	bt = run(d, &f.opts);
	bl = parley_backtest_blend_result(bt);
	tu_assert_close(bl->weights[PARLEY_BT_FEATURE_PIVOT_LO], 1, 1e-6, "L weight");
	tu_assert_close(bl->weights[PARLEY_BT_FEATURE_PIVOT_HI], 1, 1e-6, "H weight");
	tu_assert_close(bl->cv_mae, 0, 1e-5, "L + H cv mae");
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
	fixture_dispose(&f);
}

/* Too few issues to fit (fewer than two per weight): the blend is the
 * compromise model, and says so. */
static void test_backtest_blend__fallback(void **state)
{
	fixture f;
	parley_backtest *bt;
	const parley_backtest_blend *bl;
	size_t i;
	(void)state;

	fixture_init(&f, DATA "small-deu.csv");
	bt = run(f.data, &f.opts);
	bl = parley_backtest_blend_result(bt);
	assert_int_equal(bl->fitted, 0);
	assert_int_equal(bl->folds, 2);
	assert_int_equal(bl->folds_unfitted, 2);
	assert_int_equal(bl->features, PARLEY_BT_BLEND_DEFAULT);
	for (i = 0; i < 4; i++) {
		double x, y;
		if (parley_backtest_prediction(&x, NULL, bt, i, PARLEY_BT_COMPROMISE)) {
			y = pred(bt, i, PARLEY_BT_BLEND);
			tu_assert_close(y, x, 0, "blend = compromise");
		}
	}
	tu_assert_close(bl->ratio, 1, 0, "ratio");
	assert_int_equal(bl->goal_met, 0);
	parley_backtest_free(bt);
	fixture_dispose(&f);
}

/* Nested selection on the exact-fit data: in every fold the inner
 * cross-validation of the training proposals finds no error for `mean`
 * (compromise alone errs; compromise + mean is no better, and the simpler
 * subset wins ties), so every fold chooses `mean` and the blend is exact. */
static void test_backtest_blend__nested_exact(void **state)
{
	static const size_t inner[] = { 0, 2, 100 };
	fixture f;
	parley_backtest_data *d;
	size_t t;
	(void)state;

	fixture_init(&f, NULL);
	d = deu("prnrnmc,isnrnmc,pat,sat,pbe,sbe,rp,out\n"
		"1,1,10,50,60,20,,40\n2,2,50,10,0,90,,20\n3,3,100,50,50,50,,70\n"
		"4,4,30,70,80,20,,60\n5,5,0,50,100,40,,60\n6,6,20,50,20,50,,20\n", "exact.csv");
	f.opts.blend_features = (1u << PARLEY_BT_FEATURE_COMPROMISE) | (1u << PARLEY_BT_FEATURE_MEAN);
	f.opts.blend_select = PARLEY_BT_SELECT_NESTED;
	for (t = 0; t < sizeof(inner) / sizeof(inner[0]); t++) {
		parley_backtest *bt;
		const parley_backtest_blend *bl;
		f.opts.blend_inner_folds = inner[t];
		bt = run(d, &f.opts);
		bl = parley_backtest_blend_result(bt);
		assert_int_equal(bl->select, PARLEY_BT_SELECT_NESTED);
		assert_int_equal(bl->inner_folds, inner[t]);
		assert_int_equal(bl->folds, 6);
		assert_int_equal(bl->chosen, 1u << PARLEY_BT_FEATURE_MEAN);
		tu_assert_close(bl->chosen_lopo_mae, 0, 1e-7, "chosen lopo mae");
		assert_int_equal(bl->fold_chose[PARLEY_BT_FEATURE_MEAN], 6);
		assert_int_equal(bl->fold_chose[PARLEY_BT_FEATURE_COMPROMISE], 0);
		assert_int_equal(bl->fold_modal, 1u << PARLEY_BT_FEATURE_MEAN);
		assert_int_equal(bl->fold_modal_count, 6);
		tu_assert_close(bl->weights[PARLEY_BT_FEATURE_MEAN], 1, 1e-9, "weight");
		tu_assert_close(bl->weights[PARLEY_BT_FEATURE_COMPROMISE], 0, 0, "left out");
		tu_assert_close(bl->cv_mae, 0, 1e-7, "cv mae");
		parley_backtest_free(bt);
	}
	parley_backtest_data_free(d);
	fixture_dispose(&f);
}

/* With one feature there is nothing to choose: nested selection gives the
 * fixed blend's predictions bit for bit (intercept: CV MAE 30, as in
 * test_backtest_blend__leave_one_proposal_out), and the subset's plain
 * leave-one-proposal-out MAE is that same 30. */
static void test_backtest_blend__nested_one_feature(void **state)
{
	fixture f;
	parley_backtest_data *d;
	parley_backtest *a, *b;
	const parley_backtest_blend *bl;
	size_t i;
	(void)state;

	fixture_init(&f, NULL);
	d = deu("prnrnmc,isnrnmc,pat,sat,rp,out\n1,1,50,50,,10\n2,2,50,50,,20\n3,3,50,50,,30\n4,4,50,50,,100\n",
		"lopo.csv");
	f.opts.blend_features = 1u << PARLEY_BT_FEATURE_INTERCEPT;
	a = run(d, &f.opts);
	f.opts.blend_select = PARLEY_BT_SELECT_NESTED;
	b = run(d, &f.opts);
	bl = parley_backtest_blend_result(b);
	for (i = 0; i < 4; i++)
		tu_assert_close(pred(b, i, PARLEY_BT_BLEND), pred(a, i, PARLEY_BT_BLEND), 0, "same prediction");
	tu_assert_close(bl->cv_mae, 30, 1e-4, "cv mae");
	tu_assert_close(bl->chosen_lopo_mae, 30, 1e-4, "chosen lopo mae");
	assert_int_equal(bl->chosen, 1u << PARLEY_BT_FEATURE_INTERCEPT);
	assert_true(isnan(parley_backtest_blend_result(a)->chosen_lopo_mae));
	assert_int_equal(parley_backtest_blend_result(a)->chosen, 1u << PARLEY_BT_FEATURE_INTERCEPT);
	parley_backtest_free(b);
	/* penalized without penalties to try: no interactions, the fixed blend */
	f.opts.blend_select = PARLEY_BT_SELECT_PENALIZED;
	f.opts.blend_lambdas[0] = 0;
	b = run(d, &f.opts);
	bl = parley_backtest_blend_result(b);
	for (i = 0; i < 4; i++)
		tu_assert_close(pred(b, i, PARLEY_BT_BLEND), pred(a, i, PARLEY_BT_BLEND), 0, "penalized, no grid");
	assert_true(isinf(bl->lambda));
	assert_int_equal(bl->fold_lambda[0], 4);
	parley_backtest_free(a);
	parley_backtest_free(b);
	parley_backtest_data_free(d);
	fixture_dispose(&f);
}

/* No leak from the held-out proposal: its outcomes take no part in its
 * own fold (neither the fit nor the inner selection of the subset or of
 * the penalty), so changing them leaves its forecasts unchanged, bit for
 * bit; while the other folds, which train on it, may change. The penalized
 * run (mean and intercept, penalties 1 and 0.01: few enough columns for
 * the inner folds of 12 issues) must choose interactions in some fold, so
 * that their fit is exercised too. */
static void test_backtest_blend__nested_no_leak(void **state)
{
	static const char *const text[2] = {
		"prnrnmc,isnrnmc,pat,sat,pbe,sbe,pcom,scom,rp,out\n"
		"1,1,10,50,60,20,90,80,,40\n1,2,50,10,0,90,30,50,,0\n2,3,100,50,50,50,0,20,,70\n"
		"3,4,30,70,80,20,60,90,,60\n3,5,0,50,100,40,20,50,,100\n4,6,20,50,20,50,70,40,,20\n"
		"5,7,40,30,90,60,10,70,,50\n6,8,70,80,30,20,50,50,,30\n6,9,60,40,0,80,100,30,,90\n"
		"7,10,0,90,50,50,50,10,,0\n8,11,90,20,40,70,20,60,,80\n8,12,30,60,70,30,80,80,,50\n",
		"prnrnmc,isnrnmc,pat,sat,pbe,sbe,pcom,scom,rp,out\n"
		"1,1,10,50,60,20,90,80,,100\n1,2,50,10,0,90,30,50,,100\n2,3,100,50,50,50,0,20,,70\n"
		"3,4,30,70,80,20,60,90,,60\n3,5,0,50,100,40,20,50,,100\n4,6,20,50,20,50,70,40,,20\n"
		"5,7,40,30,90,60,10,70,,50\n6,8,70,80,30,20,50,50,,30\n6,9,60,40,0,80,100,30,,90\n"
		"7,10,0,90,50,50,50,10,,0\n8,11,90,20,40,70,20,60,,80\n8,12,30,60,70,30,80,80,,50\n" };
	static const size_t inner[] = { 0, 3, 0, 3 };
	fixture f;
	parley_backtest_data *d[2];
	size_t t, i;
	(void)state;

	fixture_init(&f, NULL);
	d[0] = deu(text[0], "a.csv");
	d[1] = deu(text[1], "b.csv");
	f.opts.resamples = 0;
	for (t = 0; t < 4; t++) {
		parley_backtest *a, *b;
		int differs = 0;
		f.opts.blend_inner_folds = inner[t];
		if (t < 2) {
			f.opts.blend_features = PARLEY_BT_BLEND_MODELS | (1u << PARLEY_BT_FEATURE_INTERCEPT);
			f.opts.blend_select = PARLEY_BT_SELECT_NESTED;
		} else {
			f.opts.blend_features = (1u << PARLEY_BT_FEATURE_MEAN) | (1u << PARLEY_BT_FEATURE_INTERCEPT);
			f.opts.blend_select = PARLEY_BT_SELECT_PENALIZED;
			f.opts.blend_lambdas[0] = 1;
			f.opts.blend_lambdas[1] = 0.01;
			f.opts.blend_lambdas[2] = 0;
		}
		a = run(d[0], &f.opts);
		b = run(d[1], &f.opts);
		assert_int_equal(parley_backtest_blend_result(a)->folds, 8);
		/* the snapping model (on by default) is fitted in some folds: 12 issues are few */
		assert_true(parley_backtest_blend_result(a)->snap_folds_unfitted < 8);
		for (i = 0; i < 2; i++)
			tu_assert_close(pred(b, i, PARLEY_BT_BLEND), pred(a, i, PARLEY_BT_BLEND), 0, "held out");
		for (i = 2; i < 12; i++)
			differs |= pred(b, i, PARLEY_BT_BLEND) != pred(a, i, PARLEY_BT_BLEND);
		assert_true(differs);
		if (t >= 2) {
			const parley_backtest_blend *bl = parley_backtest_blend_result(a);
			assert_int_equal(bl->lambda_count, 2);
			assert_int_equal(bl->fold_lambda[0] + bl->fold_lambda[1] + bl->fold_lambda[2], 8);
			assert_true(bl->fold_lambda[0] < 8);
		}
		parley_backtest_free(a);
		parley_backtest_free(b);
	}
	parley_backtest_data_free(d[0]);
	parley_backtest_data_free(d[1]);
	fixture_dispose(&f);
}

/*
 * Snapping to coded positions, worked out by hand. Long layout without
 * votes (no pivots), no Commission or Parliament, no position at 0 or 100:
 * of the snapping terms only constant, distance, capability and rp can be
 * non-zero. Nine issues, one proposal each; the blend is an intercept
 * alone, a least-absolute-deviations fit, i.e. the median of the training
 * outcomes: six outcomes are 50 and the others 40, 60, 60, so every
 * training set (8 issues in an outer fold, 7 in its inner leave-one-out)
 * has a strict majority at 50 and every forecast b is 50 (up to the
 * reweighting's convergence).
 *   a1..a6: outcome 50; nearest coded position at distance 20 (30 or 70)
 *     with capability shares 1/2, 1/4, 3/4, 1/2, 1/5, 4/5; the other actor
 *     at least 38 away. Moving would change the error by
 *     |x - y| - |b - y| = 20 - 0 = +20 = d x (+1).
 *   b1, b2: outcome = the nearest actor's position at distance 10 (40 with
 *     share 1/2, 60 with share 3/4): change -10 = d x (-1).
 *   b3: the reference point 60 is the nearest coded position (actors at 30
 *     and 90; no capability there: share 0) and the outcome: change -10.
 * So the change divided by d is exactly -3 + 0.2 d + 0 x share + 0 x rp
 * (20 -> +1, 10 -> -1), and least squares finds these coefficients in
 * every fold and on all issues (the design has full rank: the shares vary
 * within a1..a6). Held out, a1..a6 predict +1 > 0 and stay at 50 (error 0);
 * b1..b3 predict -1 < 0 and move onto their outcomes: 3 snapped, all 3
 * exactly, MAE 0 instead of 3 x 10 / 9 without snapping.
 * No leak: with b3's outcome 0 instead of 60 (still a strict majority at
 * 50), moving b3 to 60 would change its error by 60 - 50 = +10 = d x (+1),
 * which the rp term, non-zero on b3 only, takes up: c_rp = 2 in every fold
 * that trains on b3 and on all issues. b3's own fold does not see it
 * (c_rp = 0, no rp column), so b3 still moves to 60: error 60 there.
 */
static void test_backtest_snap__known(void **state)
{
	static const char pos[] = "issue,actor,position,salience,capability\n"
		"a1,x,30,50,1\na1,y,95,50,1\na2,x,70,50,1\na2,y,5,50,3\na3,x,30,50,3\na3,y,88,50,1\n"
		"a4,x,70,50,2\na4,y,8,50,2\na5,x,30,50,1\na5,y,91,50,4\na6,x,70,50,4\na6,y,12,50,1\n"
		"b1,x,40,50,1\nb1,y,85,50,1\nb2,x,60,50,3\nb2,y,15,50,1\nb3,x,30,50,1\nb3,y,90,50,2\n";
	static const char outc[] = "issue,outcome,reference_point\n"
		"a1,50,\na2,50,\na3,50,\na4,50,\na5,50,\na6,50,\nb1,40,\nb2,60,\nb3,60,60\n";
	static const double coef[PARLEY_BT_SNAP_TERM_COUNT] = { -3, 0.2, 0, 0, 0, 0, 0, 0 };
	parley_backtest_options o = PARLEY_BACKTEST_OPTIONS_INIT;
	parley_backtest_data *d = NULL;
	parley_backtest *bt;
	const parley_backtest_blend *bl;
	size_t i, t;
	(void)state;

	assert_int_equal(parley_backtest_data_load_long(&d, pos, strlen(pos), "p.csv", outc, strlen(outc),
		"o.csv", NULL), 0);
	o.blend_features = 1u << PARLEY_BT_FEATURE_INTERCEPT;
	o.blend_select = PARLEY_BT_SELECT_FIXED;
	o.blend_inner_folds = 0;
	o.resamples = 0;
	assert_int_equal(o.blend_snap, PARLEY_BT_SNAP_NEAREST); /* the default */
	bt = run(d, &o);
	bl = parley_backtest_blend_result(bt);
	assert_int_equal(bl->snap, PARLEY_BT_SNAP_NEAREST);
	assert_int_equal(bl->folds, 9);
	assert_int_equal(bl->snap_fitted, 1);
	assert_int_equal(bl->snap_folds_unfitted, 0);
	for (t = 0; t < PARLEY_BT_SNAP_TERM_COUNT; t++) {
		const char *name = parley_backtest_snap_term_name((parley_backtest_snap_term)t);
		tu_assert_close(bl->snap_coef[t], coef[t], 1e-4, name);
		tu_assert_close(bl->snap_fold_min[t], coef[t], 1e-4, name);
		tu_assert_close(bl->snap_fold_max[t], coef[t], 1e-4, name);
	}
	/* terms that are 0 on every issue get no column: exactly 0 */
	tu_assert_close(bl->snap_coef[PARLEY_BT_SNAP_TERM_PIVOT], 0, 0, "pivot");
	tu_assert_close(bl->snap_coef[PARLEY_BT_SNAP_TERM_END], 0, 0, "end");
	for (i = 0; i < 6; i++)
		tu_assert_close(pred(bt, i, PARLEY_BT_BLEND), 50, 1e-4, "a: stays at the blend's 50");
	tu_assert_close(pred(bt, 6, PARLEY_BT_BLEND), 40, 0, "b1: onto the nearest position");
	tu_assert_close(pred(bt, 7, PARLEY_BT_BLEND), 60, 0, "b2: onto the nearest position");
	tu_assert_close(pred(bt, 8, PARLEY_BT_BLEND), 60, 0, "b3: onto the reference point");
	assert_int_equal(bl->snapped, 3);
	assert_int_equal(bl->snapped_exact, 3);
	tu_assert_close(bl->cv_mae, 0, 1e-4, "snapped MAE");
	tu_assert_close(bl->unsnapped_mae, 30.0 / 9.0, 1e-4, "MAE before snapping");
	parley_backtest_free(bt);

	/* no leak: b3's outcome 0 */
	{
		static const char outc0[] = "issue,outcome,reference_point\n"
			"a1,50,\na2,50,\na3,50,\na4,50,\na5,50,\na6,50,\nb1,40,\nb2,60,\nb3,0,60\n";
		parley_backtest_data *d0 = NULL;
		assert_int_equal(parley_backtest_data_load_long(&d0, pos, strlen(pos), "p.csv", outc0,
			strlen(outc0), "o.csv", NULL), 0);
		bt = run(d0, &o);
		bl = parley_backtest_blend_result(bt);
		tu_assert_close(bl->snap_coef[PARLEY_BT_SNAP_TERM_RP], 2, 1e-4, "rp on all issues");
		tu_assert_close(bl->snap_fold_min[PARLEY_BT_SNAP_TERM_RP], 0, 0, "rp in b3's fold");
		tu_assert_close(bl->snap_fold_max[PARLEY_BT_SNAP_TERM_RP], 2, 1e-4, "rp in the other folds");
		tu_assert_close(pred(bt, 8, PARLEY_BT_BLEND), 60, 0, "b3 held out: still onto rp");
		tu_assert_close(pred(bt, 6, PARLEY_BT_BLEND), 40, 0, "b1");
		assert_int_equal(bl->snapped, 3);
		assert_int_equal(bl->snapped_exact, 2);
		tu_assert_close(bl->cv_mae, 60.0 / 9.0, 1e-4, "b3 misses by 60");
		parley_backtest_free(bt);
		parley_backtest_data_free(d0);
	}

	/* off: the blend's 50 everywhere, nothing fitted or moved */
	o.blend_snap = PARLEY_BT_SNAP_OFF;
	bt = run(d, &o);
	bl = parley_backtest_blend_result(bt);
	for (i = 0; i < 9; i++)
		tu_assert_close(pred(bt, i, PARLEY_BT_BLEND), 50, 1e-4, "off");
	assert_int_equal(bl->snapped, 0);
	assert_int_equal(bl->snap_fitted, 0);
	tu_assert_close(bl->cv_mae, 30.0 / 9.0, 1e-4, "MAE without snapping");
	tu_assert_close(bl->unsnapped_mae, bl->cv_mae, 0, "unsnapped = cv when off");
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
}

/* ------------------------------------------------------------------ */
/* data errors                                                          */
/* ------------------------------------------------------------------ */

static void test_backtest_errors__deu(void **state)
{
	parley_diag_list dl = PARLEY_DIAG_LIST_INIT;
	(void)state;

	/* a missing required column: reported at the header */
	bad_deu(&dl, "prnrnmc,isnrnmc,rp,pat,sat\n1,1,0,50,50\n");
	assert_diag(&dl, "bad.csv:1:1: error: missing column 'out'", NULL, NULL);
	assert_int_equal(dl.count, 1);
	parley_diag_list_dispose(&dl);

	/* a position column without its salience column, and no actor at all */
	bad_deu(&dl, "prnrnmc,isnrnmc,rp,out,pat\n1,1,0,50,50\n");
	assert_diag(&dl, "bad.csv:1:24: error: column 'pat' has no salience column 'sat'", NULL, NULL);
	parley_diag_list_dispose(&dl);
	bad_deu(&dl, "prnrnmc,isnrnmc,rp,out\n1,1,0,50\n");
	assert_diag(&dl, "bad.csv:1:1: error: no position column", NULL, NULL);
	parley_diag_list_dispose(&dl);

	/* cells: every error of the file, each at its cell, naming the column */
	bad_deu(&dl,
		"prnrnmc,isnrnmc,rp,out,pat,sat\n"
		"1,1,0,50,abc,50\n"     /* line 2: 'abc' at column 10 */
		"1,2,0,50,120,50\n"     /* line 3: position out of range */
		"1,3,0,50,40,101\n"     /* line 4: salience out of range at column 13 */
		"1,4,-5,50,40,50\n"     /* line 5: rp out of range at column 5 */
		"1,5,0,nan,40,50\n"     /* line 6: NaN in out at column 7 */
		"1,6,0,50,40\n"         /* line 7: ragged, short: end of line, column 12 */
		"1,7,0,50,40,50,9\n"    /* line 8: ragged, long: the extra cell at column 16 */
		"x,8,0,50,40,50\n"      /* line 9: proposal not a number */
		"2.5,9,0,50,40,50\n"    /* line 10: proposal not whole */
		"1,,0,50,40,50\n"       /* line 11: issue number missing at column 3 */
		"1,1,0,50,40,50\n"      /* line 12: issue 1 again */
		"1,12,\"0,50,40,50\n"); /* line 13: unterminated quote at column 6 */
	assert_diag(&dl, "bad.csv:2:10: error: not a number in column 'pat': 'abc'", "(a position from 0 to 100", NULL);
	assert_diag(&dl, "bad.csv:3:10: error: a position out of range in column 'pat': 120", NULL, NULL);
	assert_diag(&dl, "bad.csv:4:13: error: a salience out of range in column 'sat': 101", NULL, NULL);
	assert_diag(&dl, "bad.csv:5:5: error: a reference point out of range in column 'rp': -5", NULL, NULL);
	assert_diag(&dl, "bad.csv:6:7: error: NaN or infinity in column 'out'", NULL, NULL);
	assert_diag(&dl, "bad.csv:7:12: error: ragged row: 5 cells where the header has 6", NULL, NULL);
	assert_diag(&dl, "bad.csv:8:16: error: ragged row: 7 cells where the header has 6", NULL, NULL);
	assert_diag(&dl, "bad.csv:9:1: error: not a number in column 'prnrnmc': 'x' (a proposal number from 1 to 1e+09)", NULL, NULL);
	assert_diag(&dl, "bad.csv:10:1: error: not a whole proposal number in column 'prnrnmc'", NULL, NULL);
	assert_diag(&dl, "bad.csv:11:3: error: missing issue number in column 'isnrnmc'", NULL, NULL);
	assert_diag(&dl, "bad.csv:12:3: error: duplicate issue '1' (first on line 2)", NULL, NULL);
	assert_diag(&dl, "bad.csv:13:6: error: unterminated quote", NULL, NULL);
	assert_int_equal(dl.count, 12);
	/* sorted by position */
	assert_int_equal(dl.items[0].line, 2);
	assert_int_equal(dl.items[11].line, 13);
	parley_diag_list_dispose(&dl);

	/* an empty file, a duplicated column, invalid UTF-8 */
	bad_deu(&dl, "");
	assert_diag(&dl, "bad.csv:1:1: error: the file is empty", NULL, NULL);
	parley_diag_list_dispose(&dl);
	bad_deu(&dl, "prnrnmc,isnrnmc,rp,out,pat,sat,rp\n1,1,0,50,40,50,0\n");
	assert_diag(&dl, "bad.csv:1:32: error: duplicate column 'rp' (first at column 17)", NULL, NULL);
	parley_diag_list_dispose(&dl);
	bad_deu(&dl, "prnrnmc,isnrnmc,rp,out,pat,sat\n1,1,0,50,4\xff,50\n");
	assert_diag(&dl, "bad.csv:2:11: error: the file is not UTF-8 text", NULL, NULL);
	parley_diag_list_dispose(&dl);
}

static void test_backtest_errors__long(void **state)
{
	static const char pos[] =
		"issue,actor,position,salience,capability,votes\n"
		"x,a,10,50,1,\n"
		"x,b,90,50,,\n"       /* line 3: capability missing at column 11 */
		"x,a,20,50,1,\n"      /* line 4: actor a twice on x */
		"y,a,20,50,1,-2\n"    /* line 5: votes out of range at column 13 */
		"q,a,20,50,1,\n";     /* line 6: issue q has no outcome row */
	static const char outc[] =
		"issue,outcome,reference_point,procedure,quota\n"
		"x,70,0,cod,0.5\n"
		"y,70,0,ordinary,0\n" /* line 3: unknown procedure (col 8), quota 0 (col 17) */
		"z,70,0,cns,1\n";     /* line 4: no positions for z (when the rest is right) */
	static const char pos_ok[] = "issue,actor,position,salience,capability\nx,a,10,50,1\nq,a,1,1,1\n";
	static const char outc_ok[] = "issue,outcome,reference_point\nx,70,0\nz,70,0\n";
	static const char outc_nohdr[] = "issue,result,reference_point\nx,70,0\n";
	parley_diag_list dl = PARLEY_DIAG_LIST_INIT;
	parley_backtest_data *d = NULL;
	(void)state;

	assert_int_equal(parley_backtest_data_load_long(&d, pos, strlen(pos), "p.csv", outc, strlen(outc),
		"o.csv", &dl), PARLEY_EPARSE);
	assert_null(d);
	assert_diag(&dl, "p.csv:3:11: error: missing capability in column 'capability' (a capability >= 0)", NULL, NULL);
	assert_diag(&dl, "p.csv:5:13: error: a number of votes out of range in column 'votes': -2", NULL, NULL);
	assert_diag(&dl, "o.csv:3:8: error: unknown procedure in column 'procedure': 'ordinary'", NULL, NULL);
	assert_diag(&dl, "o.csv:3:17: error: a share out of range in column 'quota': 0", NULL, NULL);
	/* positions errors first, then the outcomes', each sorted */
	assert_string_equal(dl.items[0].file, "p.csv");
	assert_string_equal(dl.items[dl.count - 1].file, "o.csv");
	parley_diag_list_dispose(&dl);

	/* cross-file checks run when each file is right on its own */
	assert_int_equal(parley_backtest_data_load_long(&d, pos_ok, strlen(pos_ok), "p.csv", outc_ok,
		strlen(outc_ok), "o.csv", &dl), PARLEY_EPARSE);
	assert_diag(&dl, "p.csv:3:1: error: issue 'q' has no row in o.csv", NULL, NULL);
	assert_diag(&dl, "o.csv:3:1: error: issue 'z' has no row in p.csv", NULL, NULL);
	assert_int_equal(dl.count, 2);
	parley_diag_list_dispose(&dl);
	{
		static const char dup[] = "issue,actor,position,salience,capability\nx,a,10,50,1\nx,a,20,50,1\n";
		static const char o1[] = "issue,outcome,reference_point\nx,70,0\n";
		assert_int_equal(parley_backtest_data_load_long(&d, dup, strlen(dup), "p.csv", o1, strlen(o1),
			"o.csv", &dl), PARLEY_EPARSE);
		assert_diag(&dl, "p.csv:3:3: error: duplicate actor 'a' on issue 'x' (first on line 2)", NULL, NULL);
		parley_diag_list_dispose(&dl);
	}
	assert_int_equal(parley_backtest_data_load_long(&d, pos_ok, strlen(pos_ok), "p.csv", outc_nohdr,
		strlen(outc_nohdr), "o.csv", &dl), PARLEY_EPARSE);
	assert_diag(&dl, "o.csv:1:1: error: missing column 'outcome'", NULL, NULL);
	parley_diag_list_dispose(&dl);

	/* a file that cannot be read */
	assert_int_equal(parley_backtest_data_load_file(&d, DATA "no-such-file.csv", NULL, &dl), PARLEY_EIO);
	assert_non_null(strstr(parley_error_last()->message, "no-such-file.csv"));
	assert_int_equal(dl.count, 0);
}

static void test_backtest_errors__council(void **state)
{
	static const char bad[] =
		"country,abbr,weights,quota,banzhaf,shapleyshubik\n"
		"a,at,2,4,0.4,0.4\n"
		"b,be,3,5,0.6,x\n"   /* line 3: quota differs (col 10), index not a number (col 18) */
		"c,at,1,4,1.5,0\n";  /* line 4: at twice (col 3), banzhaf above 1 (col 10) */
	static const char high[] = "abbr,weights,quota,banzhaf,shapleyshubik\nat,2,9,0.5,0.5\nbe,3,9,0.5,0.5\n";
	parley_diag_list dl = PARLEY_DIAG_LIST_INIT;
	parley_backtest_council *c = NULL;
	(void)state;

	assert_int_equal(parley_backtest_council_load_buffer(&c, bad, strlen(bad), "w.csv", &dl), PARLEY_EPARSE);
	assert_null(c);
	assert_diag(&dl, "w.csv:3:8: error: quota 5 differs from 4 on line 2", NULL, NULL);
	assert_diag(&dl, "w.csv:3:14: error: not a number in column 'shapleyshubik': 'x'", NULL, NULL);
	assert_diag(&dl, "w.csv:4:3: error: duplicate member state 'at'", NULL, NULL);
	assert_diag(&dl, "w.csv:4:10: error: a power index out of range in column 'banzhaf': 1.5", NULL, NULL);
	parley_diag_list_dispose(&dl);
	assert_int_equal(parley_backtest_council_load_buffer(&c, high, strlen(high), "w.csv", &dl), PARLEY_EPARSE);
	assert_diag(&dl, "w.csv:2:1: error: quota 9 is outside (0, 5]", NULL, NULL);
	parley_diag_list_dispose(&dl);
	c = council(DATA "council-weights-eu27.csv");
	assert_int_equal(parley_backtest_council_member_count(c), 3);
	tu_assert_close(parley_backtest_council_quota(c), 25, 0, "quota");
	tu_assert_close(parley_backtest_council_total(c), 34, 0, "total");
	parley_backtest_council_free(c);
}

/* A member state outside the era's table skips the issue; bad options fail. */
static void test_backtest_errors__options(void **state)
{
	fixture f;
	parley_backtest_data *d;
	parley_backtest *bt = (parley_backtest *)1;
	parley_backtest_options o;
	(void)state;

	fixture_init(&f, NULL);
	d = deu("prnrnmc,isnrnmc,pat,sat,pcz,scz,rp,out\n1,1,10,50,20,50,,15\n70,2,10,50,20,50,,15\n", "era.csv");
	bt = run(d, &f.opts);
	/* cz is not in the EU-15 table (proposal 1), but is in the EU-27 one */
	assert_int_equal(parley_backtest_issue_at(bt, 0)->skip, PARLEY_BT_SKIP_NOT_IN_COUNCIL);
	assert_int_equal(parley_backtest_issue_at(bt, 1)->skip, PARLEY_BT_SKIP_NONE);
	assert_int_equal(parley_backtest_skipped_for(bt, PARLEY_BT_SKIP_NOT_IN_COUNCIL), 1);
	parley_backtest_free(bt);

	o = f.opts;
	o.eu27 = NULL;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	assert_null(bt);
	assert_int_equal(parley_backtest_run(&bt, d, NULL), PARLEY_EINVAL);
	o = f.opts;
	o.capability = PARLEY_BT_CAP_DATA;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	o = f.opts;
	o.version = 99;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	o = f.opts;
	o.blend_features = 0;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	o = f.opts;
	o.blend_select = (parley_backtest_select)3;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	o = f.opts;
	o.blend_lambdas[3] = -1;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	o = f.opts;
	o.blend_snap = (parley_backtest_snap)2;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	o = f.opts;
	o.blend_inner_folds = 1000001;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	o = f.opts;
	o.com_capability = NAN;
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	o = f.opts;
	o.models = 1u << parley_backtest_model_count();
	assert_int_equal(parley_backtest_run(&bt, d, &o), PARLEY_EINVAL);
	assert_int_equal(parley_backtest_render(NULL, NULL, PARLEY_BT_OUTPUT_TEXT), PARLEY_EINVAL);
	parley_backtest_data_free(d);
	fixture_dispose(&f);

	assert_string_equal(parley_backtest_model_name(PARLEY_BT_WINSET_COMPROMISE), "winset-compromise");
	assert_int_equal(parley_backtest_model_lookup("blend"), PARLEY_BT_BLEND);
	assert_int_equal(parley_backtest_model_lookup("nope"), -1);
	assert_null(parley_backtest_model_name((parley_backtest_model)parley_backtest_model_count()));
	assert_string_equal(parley_backtest_skip_name(PARLEY_BT_SKIP_NO_REFERENCE_POINT), "no_reference_point");
	assert_int_equal(parley_backtest_feature_lookup("intercept"), PARLEY_BT_FEATURE_INTERCEPT);
	assert_string_equal(parley_backtest_select_name(PARLEY_BT_SELECT_NESTED), "nested");
	assert_string_equal(parley_backtest_select_name(PARLEY_BT_SELECT_PENALIZED), "penalized");
	assert_null(parley_backtest_select_name((parley_backtest_select)3));
	assert_string_equal(parley_backtest_covariate_name(PARLEY_BT_COV_EU27), "eu27");
	assert_null(parley_backtest_covariate_name(PARLEY_BT_COV_COUNT));
	assert_string_equal(parley_backtest_snap_name(PARLEY_BT_SNAP_OFF), "off");
	assert_string_equal(parley_backtest_snap_name(PARLEY_BT_SNAP_NEAREST), "nearest");
	assert_null(parley_backtest_snap_name((parley_backtest_snap)2));
	assert_string_equal(parley_backtest_snap_term_name(PARLEY_BT_SNAP_TERM_RP), "rp");
	assert_null(parley_backtest_snap_term_name(PARLEY_BT_SNAP_TERM_COUNT));
}

/* ------------------------------------------------------------------ */
/* output                                                               */
/* ------------------------------------------------------------------ */

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_backtest_output__formats(void **state)
{
	fixture f;
	parley_backtest *bt;
	parley_buf t = PARLEY_BUF_INIT, j = PARLEY_BUF_INIT, c = PARLEY_BUF_INIT, p = PARLEY_BUF_INIT;
	(void)state;

	fixture_init(&f, DATA "small-deu.csv");
	f.opts.models = (1u << PARLEY_BT_COMPROMISE) | (1u << PARLEY_BT_STATUS_QUO);
	bt = run(f.data, &f.opts);
	render(&t, bt, PARLEY_BT_OUTPUT_TEXT);
	render(&j, bt, PARLEY_BT_OUTPUT_JSON);
	render(&c, bt, PARLEY_BT_OUTPUT_CSV);
	render(&p, bt, PARLEY_BT_OUTPUT_PREDICTIONS);

	assert_non_null(strstr(t.ptr, "Issues: 4 read, 3 scored, 1 skipped (no_outcome 1); 2 proposals"));
	assert_non_null(strstr(t.ptr, "  compromise                 3  "));
	assert_non_null(strstr(t.ptr, "  status-quo                 2  40.00 [40.00, 40.00]"));
	assert_null(strstr(t.ptr, "  median "));
	assert_non_null(strstr(t.ptr, "status-quo            no_reference_point 1"));

	assert_non_null(strstr(j.ptr, "\"issues_used\": 3, \"issues_skipped\": 1, \"skipped\": {\"no_outcome\": 1}"));
	assert_non_null(strstr(j.ptr, "\"status-quo\": {\"n\": 2, \"skipped\": {\"no_reference_point\": 1}, "
		"\"mae\": 40, \"rmse\": "));
	assert_null(strstr(j.ptr, "\"median\": {"));
	assert_non_null(strstr(j.ptr, "\"blank_salience\": {\"rule\": \"mean\", \"actors\": 1, \"issues\": 1}"));

	assert_int_equal(count_lines(c.ptr), 3);
	assert_true(!strncmp(c.ptr, "model,n,mae,mae_lo,mae_hi,", 26));
	assert_non_null(strstr(c.ptr, "\nstatus-quo,2,40,40,40,"));

	assert_int_equal(count_lines(p.ptr), 5);
	assert_true(!strncmp(p.ptr, "issue,proposal,outcome,reference_point,skipped,compromise,status-quo,"
		"parley_version,dataset_sha256\n", 95));
	assert_non_null(strstr(p.ptr, "\na1,1,50,0,,51,0,"));
	assert_non_null(strstr(p.ptr, "\nb1,70,,,no_outcome,,,"));
	assert_non_null(strstr(p.ptr, "\nb2,70,75,,,52.22222222222222,"));
	parley_buf_dispose(&t);
	parley_buf_dispose(&j);
	parley_buf_dispose(&c);
	parley_buf_dispose(&p);
	parley_backtest_free(bt);
	fixture_dispose(&f);
}

/* ------------------------------------------------------------------ */
/* allocation failure                                                   */
/* ------------------------------------------------------------------ */

/* One load + run + render cycle; returns 0 when everything succeeded. */
static int cycle(parley_buf *json)
{
	parley_backtest_council *a = NULL, *b = NULL;
	parley_backtest_data *d = NULL, *l = NULL;
	parley_backtest *bt = NULL, *bl = NULL;
	parley_backtest_options o = PARLEY_BACKTEST_OPTIONS_INIT, lo = PARLEY_BACKTEST_OPTIONS_INIT;
	parley_diag_list dl = PARLEY_DIAG_LIST_INIT;
	static const char bad[] = "prnrnmc,isnrnmc,rp,out,pat,sat\n1,1,0,50,abc,50\n1,2,0,50,40\n";
	int rc;

	o.resamples = 50;
	lo.resamples = 50;
	rc = parley_backtest_council_load_file(&a, DATA "council-weights-eu15.csv", &dl);
	if (!rc) rc = parley_backtest_council_load_file(&b, DATA "council-weights-eu27.csv", &dl);
	if (!rc) rc = parley_backtest_data_load_file(&d, DATA "small-deu.csv", NULL, &dl);
	if (!rc) rc = parley_backtest_data_load_file(&l, DATA "small-positions.csv", DATA "small-outcomes.csv", &dl);
	if (!rc) {
		o.eu15 = a;
		o.eu27 = b;
		rc = parley_backtest_run(&bt, d, &o);
	}
	if (!rc) rc = parley_backtest_run(&bl, l, &lo);
	if (!rc) rc = parley_backtest_render(json, bt, PARLEY_BT_OUTPUT_JSON);
	if (!rc) rc = parley_backtest_render(json, bl, PARLEY_BT_OUTPUT_TEXT);
	if (!rc) rc = parley_backtest_render(json, bl, PARLEY_BT_OUTPUT_PREDICTIONS);
	if (!rc) {
		parley_backtest_data *x = NULL;
		int r2 = parley_backtest_data_load_deu(&x, bad, strlen(bad), "bad.csv", &dl);
		rc = r2 == PARLEY_EPARSE ? 0 : r2;
		parley_backtest_data_free(x);
	}
	parley_backtest_free(bt);
	parley_backtest_free(bl);
	parley_backtest_data_free(d);
	parley_backtest_data_free(l);
	parley_backtest_council_free(a);
	parley_backtest_council_free(b);
	parley_diag_list_dispose(&dl);
	return rc;
}

/* The Nth allocation refused (the counting allocator of testutil.h), for
 * every N: PARLEY_ENOMEM or success, nothing left alive. */
static void test_backtest_alloc__every_failure(void **state)
{
	parley_buf ref = PARLEY_BUF_INIT;
	long n;
	(void)state;

	assert_int_equal(cycle(&ref), 0);
	for (n = 1;; n++) {
		parley_buf out = PARLEY_BUF_INIT;
		int rc;
		tu_counter_install(n, 0);
		rc = cycle(&out);
		parley_buf_dispose(&out);
		parley_set_allocator(NULL);
		if (tu_counter.nlive != 0 || tu_counter.bad_frees != 0)
			fail_msg("allocation %ld refused: %zu allocations left alive, %ld bad frees", n,
				tu_counter.nlive, tu_counter.bad_frees);
		if (rc == 0 && tu_counter.count < n) {
			break; /* nothing was refused: every allocation point is covered */
		}
		if (rc != 0 && rc != PARLEY_ENOMEM)
			fail_msg("allocation %ld refused: error %d (%s)", n, rc, parley_error_last()->message);
	}
	assert_true(n > 50);
	parley_buf_dispose(&ref);
}

/* ------------------------------------------------------------------ */
/* the development set                                                  */
/* ------------------------------------------------------------------ */

/* The structure of a run on ../shared/data/deu/deu2-dev.csv (257 issues of
 * 94 proposals; 7 without an outcome, leaving 92 proposals; 76 issues
 * without rp, 74 of them with an outcome; 24 blank saliences with a
 * position on 10 issues with an outcome; counted with Python's csv module).
 * Skipped with a printed reason when the data is absent. */
static void test_backtest_dev__structure(void **state)
{
	const char *path = PARLEY_SOURCE_DIR "/../shared/data/deu/deu2-dev.csv";
	parley_backtest_council *a, *b;
	parley_backtest_data *d = NULL;
	parley_backtest_options o = PARLEY_BACKTEST_OPTIONS_INIT;
	parley_backtest *bt;
	FILE *fp = fopen(path, "rb");
	size_t issues;
	(void)state;

	if (!fp) {
		print_message("SKIP: %s is absent\n", path);
		skip();
	}
	fclose(fp);
	a = council(PARLEY_SOURCE_DIR "/../shared/data/deu/council-weights-eu15.csv");
	b = council(PARLEY_SOURCE_DIR "/../shared/data/deu/council-weights-eu27.csv");
	assert_int_equal(parley_backtest_data_load_file(&d, path, NULL, NULL), 0);
	o.eu15 = a;
	o.eu27 = b;
	o.resamples = 0;
	o.blend_select = PARLEY_BT_SELECT_FIXED; /* the structure only: the quick blend will do */
	bt = run(d, &o);
	assert_int_equal(parley_backtest_issue_count(bt), 257);
	assert_int_equal(parley_backtest_issues_used(bt), 250);
	assert_int_equal(parley_backtest_skipped_for(bt, PARLEY_BT_SKIP_NO_OUTCOME), 7);
	assert_int_equal(parley_backtest_proposal_count(bt), 92);
	assert_int_equal(parley_backtest_blank_saliences(bt, &issues), 24);
	assert_int_equal(issues, 10);
	assert_int_equal(parley_backtest_model_stats(bt, PARLEY_BT_NBS)->skipped[PARLEY_BT_SKIP_NO_REFERENCE_POINT], 74);
	assert_int_equal(parley_backtest_model_stats(bt, PARLEY_BT_COMPROMISE)->n, 250);
	/* Council tables of EU-15: 87 votes, quota 62; EU-27: 345, quota 255 */
	tu_assert_close(parley_backtest_council_total(a), 87, 0, "eu15 votes");
	tu_assert_close(parley_backtest_council_total(b), 345, 0, "eu27 votes");
	parley_backtest_free(bt);
	parley_backtest_data_free(d);
	parley_backtest_council_free(a);
	parley_backtest_council_free(b);
}

/* ------------------------------------------------------------------ */
/* cost: steps, outer folds, the work limit (issue 21, item 2)          */
/* ------------------------------------------------------------------ */

/* A DEU text of `props` proposals (numbered from `first`, EU-15) with 1 to 3
 * issues each, positions, saliences and outcomes drawn from a fixed
 * generator seeded with `seed`; the issue numbers count on from 1; the
 * outcome, last, has three digits ("007"). */
static unsigned rnd(uint64_t *x, unsigned m)
{
	*x = *x * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((*x >> 33) % m);
}

static char *random_deu(size_t props, unsigned first, uint64_t seed)
{
	size_t cap = 128 + props * 3 * 96, n, q, k, j, m, issue = 0;
	char *t = malloc(cap);
	uint64_t x = seed;
	unsigned v[10];

	assert_non_null(t);
	n = (size_t)snprintf(t, cap, "prnrnmc,isnrnmc,pat,sat,pbe,sbe,pcom,scom,pep,sep,rp,out\n");
	for (q = 0; q < props; q++)
		for (k = 0, m = 1 + rnd(&x, 3); k < m; k++) {
			for (j = 0; j < 10; j++) /* position 0-100, salience 10-100; rp, outcome 0-100 */
				v[j] = j < 8 && j % 2 ? 10 + rnd(&x, 91) : rnd(&x, 101);
			n += (size_t)snprintf(t + n, cap - n, "%u,%zu,%u,%u,%u,%u,%u,%u,%u,%u,%u,%03u\n",
				first + (unsigned)q, ++issue, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
		}
	return t;
}

/* Any split of the work into steps gives the same result, bit for bit, as
 * parley_backtest_run(); progress counts the steps of each stage; an
 * unfinished result is not rendered. */
static void test_backtest_steps__any_split(void **state)
{
	static const size_t splits[] = { 1, 2, 7, 1000 };
	fixture f;
	parley_backtest *a, *b;
	parley_backtest_data *d;
	parley_buf ja = PARLEY_BUF_INIT, jb = PARLEY_BUF_INIT, no = PARLEY_BUF_INIT;
	char *text = random_deu(9, 1, 2385);
	size_t t, done, total, last, steps;
	(void)state;

	fixture_init(&f, NULL);
	d = deu(text, "steps.csv");
	f.opts.resamples = 40;
	f.opts.blend_lambdas[2] = 0; /* two penalties: quicker */
	a = run(d, &f.opts);
	render(&ja, a, PARLEY_BT_OUTPUT_JSON);
	assert_int_equal(parley_backtest_remaining(a), 0);
	for (t = 0; t < sizeof(splits) / sizeof(splits[0]); t++) {
		assert_int_equal(parley_backtest_create(&b, d, &f.opts), 0);
		/* one step for the fit on all issues and one per proposal (leave one out), then
		 * the point scores and one per resample */
		assert_int_equal(parley_backtest_remaining(b), 1 + 9 + 1 + 40);
		assert_int_equal(parley_backtest_progress(b, &done, &total), PARLEY_BT_STAGE_BLEND);
		assert_int_equal(done, 0);
		assert_int_equal(total, 10);
		assert_int_equal(parley_backtest_render(&no, b, PARLEY_BT_OUTPUT_JSON), PARLEY_EINVAL);
		for (steps = 0; (last = parley_backtest_remaining(b)) > 0; steps++) {
			assert_int_equal(parley_backtest_step(b, splits[t]), 0);
			assert_true(parley_backtest_remaining(b) < last);
			assert_true(last - parley_backtest_remaining(b) <= splits[t]);
		}
		assert_int_equal(parley_backtest_progress(b, NULL, NULL), PARLEY_BT_STAGE_DONE);
		assert_string_equal(parley_backtest_stage_name(PARLEY_BT_STAGE_BOOTSTRAP), "bootstrap");
		render(&jb, b, PARLEY_BT_OUTPUT_JSON);
		assert_string_equal(jb.ptr, ja.ptr);
		parley_buf_dispose(&jb);
		parley_backtest_free(b);
	}
	assert_int_equal(no.size, 0);
	parley_buf_dispose(&ja);
	parley_backtest_free(a);
	parley_backtest_data_free(d);
	free(text);
	fixture_dispose(&f);
}

/* K outer folds: with K >= the proposals, the same as leave one proposal
 * out (fold g is proposal g); with K = 3, no held-out forecast depends on
 * the outcomes of its own fold (changing them changes nothing there, and
 * something elsewhere), for every selection rule. */
static void test_backtest_blend__outer_folds(void **state)
{
	static const parley_backtest_select rules[] = { PARLEY_BT_SELECT_FIXED, PARLEY_BT_SELECT_NESTED,
		PARLEY_BT_SELECT_PENALIZED };
	fixture f;
	parley_backtest *lopo, *big, *a, *b;
	parley_backtest_data *d, *e;
	char *text = random_deu(10, 1, 77), *changed;
	size_t r, i, n;
	(void)state;

	fixture_init(&f, NULL);
	d = deu(text, "folds.csv");
	/* the same proposals with every outcome of proposals 1, 4, 7, 10 (fold 0 of 3: ranks 0, 3,
	 * 6, 9) replaced by 100 - outcome */
	changed = strdup(text);
	assert_non_null(changed);
	{
		char *line = strchr(changed, '\n') + 1;
		while (*line) {
			char *end = strchr(line, '\n'), *out = end - 3;
			if ((atoi(line) - 1) % 3 == 0) {
				char buf[16];
				snprintf(buf, sizeof(buf), "%03d", 100 - atoi(out) % 1000); /* three digits, as before */
				memcpy(out, buf, 3);
			}
			line = end + 1;
		}
	}
	f.opts.resamples = 0;
	f.opts.blend_lambdas[2] = 0;
	for (r = 0; r < 3; r++) {
		f.opts.blend_select = rules[r];
		f.opts.blend_features = r == 1 ? (1u << PARLEY_BT_FEATURE_MEAN) | (1u << PARLEY_BT_FEATURE_INTERCEPT) |
			(1u << PARLEY_BT_FEATURE_COM) : PARLEY_BT_BLEND_DEFAULT;
		f.opts.blend_outer_folds = 0;
		lopo = run(d, &f.opts);
		f.opts.blend_outer_folds = 10;
		big = run(d, &f.opts);
		n = parley_backtest_issue_count(lopo);
		assert_int_equal(parley_backtest_blend_result(big)->folds, 10);
		assert_int_equal(parley_backtest_blend_result(big)->outer_folds, 10);
		for (i = 0; i < n; i++)
			tu_assert_close(pred(big, i, PARLEY_BT_BLEND), pred(lopo, i, PARLEY_BT_BLEND), 0, "K = P");
		f.opts.blend_outer_folds = 3;
		a = run(d, &f.opts);
		e = deu(changed, "changed.csv");
		b = run(e, &f.opts);
		assert_int_equal(parley_backtest_blend_result(a)->folds, 3);
		{
			int differs = 0;
			for (i = 0; i < n; i++) {
				const char *prop = parley_backtest_issue_at(a, i)->proposal;
				if ((atoi(prop) - 1) % 3 == 0)
					tu_assert_close(pred(b, i, PARLEY_BT_BLEND), pred(a, i, PARLEY_BT_BLEND), 0,
						"held out in fold 0");
				else
					differs |= pred(b, i, PARLEY_BT_BLEND) != pred(a, i, PARLEY_BT_BLEND);
			}
			assert_true(differs);
		}
		parley_backtest_free(lopo);
		parley_backtest_free(big);
		parley_backtest_free(a);
		parley_backtest_free(b);
		parley_backtest_data_free(e);
	}
	parley_backtest_data_free(d);
	free(text);
	free(changed);
	fixture_dispose(&f);
}

/* The estimated work: leave one proposal out grows as the square of the
 * data (twice the proposals: about 4 times the blend's work), K = 10 outer
 * folds linearly (about twice); a limit below the estimate refuses the run
 * before any of it (PARLEY_EINVAL, with the figures); models without the
 * blend do no blend work and have no blend (nor expected-utility model). */
static void test_backtest_work__limit(void **state)
{
	fixture f;
	parley_backtest *bt = NULL;
	parley_backtest_data *d1, *d2;
	char *t1 = random_deu(30, 1, 5), *t2 = random_deu(60, 1, 5);
	double w1, w2;
	size_t i;
	(void)state;

	fixture_init(&f, NULL);
	d1 = deu(t1, "one.csv");
	d2 = deu(t2, "two.csv");
	f.opts.resamples = 0;
	assert_int_equal(parley_backtest_create(&bt, d1, &f.opts), 0);
	w1 = parley_backtest_work_estimate(bt, PARLEY_BT_STAGE_BLEND);
	parley_backtest_free(bt);
	assert_int_equal(parley_backtest_create(&bt, d2, &f.opts), 0);
	w2 = parley_backtest_work_estimate(bt, PARLEY_BT_STAGE_BLEND);
	tu_assert_close(parley_backtest_work_estimate(bt, PARLEY_BT_STAGE_DONE),
		w2 + parley_backtest_work_estimate(bt, PARLEY_BT_STAGE_BOOTSTRAP), 0, "total");
	parley_backtest_free(bt);
	/* the issues per proposal vary (1 to 3): allow 3 to 5.5 for "about 4" */
	if (!(w2 / w1 > 3 && w2 / w1 < 5.5))
		fail_msg("leave one out: work ratio %g for twice the proposals", w2 / w1);

	f.opts.blend_outer_folds = 10;
	assert_int_equal(parley_backtest_create(&bt, d1, &f.opts), 0);
	w1 = parley_backtest_work_estimate(bt, PARLEY_BT_STAGE_BLEND);
	parley_backtest_free(bt);
	assert_int_equal(parley_backtest_create(&bt, d2, &f.opts), 0);
	w2 = parley_backtest_work_estimate(bt, PARLEY_BT_STAGE_BLEND);
	parley_backtest_free(bt);
	if (!(w2 / w1 > 1.5 && w2 / w1 < 2.75))
		fail_msg("10 outer folds: work ratio %g for twice the proposals", w2 / w1);

	f.opts.max_work = w2 * 0.999;
	bt = (parley_backtest *)1;
	assert_int_equal(parley_backtest_create(&bt, d2, &f.opts), PARLEY_EINVAL);
	assert_null(bt);
	assert_non_null(strstr(parley_error_last()->message, "over the limit"));
	assert_int_equal(parley_backtest_run(&bt, d2, &f.opts), PARLEY_EINVAL);
	f.opts.max_work = 0; /* no limit */
	assert_int_equal(parley_backtest_create(&bt, d2, &f.opts), 0);
	parley_backtest_free(bt);

	/* --models mean,median: no blend, no expected-utility model, no blend work */
	f.opts.max_work = PARLEY_BACKTEST_MAX_WORK;
	f.opts.models = (1u << PARLEY_BT_MEAN) | (1u << PARLEY_BT_MEDIAN);
	bt = run(d2, &f.opts);
	assert_true(parley_backtest_work_estimate(bt, PARLEY_BT_STAGE_BLEND) == 0);
	assert_int_equal(parley_backtest_blend_result(bt)->computed, 0);
	for (i = 0; i < parley_backtest_issue_count(bt); i++)
		if (!parley_backtest_issue_at(bt, i)->skip) {
			assert_int_equal(why(bt, i, PARLEY_BT_BLEND), PARLEY_BT_SKIP_NOT_RUN);
			assert_int_equal(why(bt, i, PARLEY_BT_BDM), PARLEY_BT_SKIP_NOT_RUN);
		}
	{
		parley_buf j = PARLEY_BUF_INIT, t = PARLEY_BUF_INIT;
		render(&j, bt, PARLEY_BT_OUTPUT_JSON);
		render(&t, bt, PARLEY_BT_OUTPUT_TEXT);
		assert_null(strstr(j.ptr, "\"blend\""));
		assert_null(strstr(t.ptr, "Blend ("));
		assert_non_null(strstr(j.ptr, "\"mean\": {"));
		parley_buf_dispose(&j);
		parley_buf_dispose(&t);
	}
	parley_backtest_free(bt);
	/* with the blend asked for, bdm runs (a feature) though not reported */
	f.opts.models = 1u << PARLEY_BT_BLEND;
	bt = run(d1, &f.opts);
	assert_int_equal(parley_backtest_blend_result(bt)->computed, 1);
	for (i = 0; i < parley_backtest_issue_count(bt); i++)
		if (!parley_backtest_issue_at(bt, i)->skip)
			assert_true(parley_backtest_prediction(NULL, NULL, bt, i, PARLEY_BT_BDM));
	parley_backtest_free(bt);
	parley_backtest_data_free(d1);
	parley_backtest_data_free(d2);
	free(t1);
	free(t2);
	fixture_dispose(&f);
}

/* The blend's normal equations four columns at a time (AVX2) give the
 * same bits as the portable loop, on random rows of every width from 1 to
 * 22 columns (the penalized blend's widest), weighted and unweighted, with
 * residuals below the floor too: the figures of the development set must
 * not move (issue 21, item 2: a faster fit, the same result). */
static void test_backtest_fit__avx2_matches_portable(void **state)
{
	double X[40 * 22], y[40], prev[22], A[2][22 * 22], r[2][22];
	uint64_t x = 2385;
	size_t k, m, t, trial;
	(void)state;

	if (!parley_bt__have_avx2()) {
		print_message("SKIP: this CPU has no AVX2 (the portable path is the only one)\n");
		skip();
	}
	for (trial = 0; trial < 400; trial++) {
		k = 1 + trial % 22;
		m = 1 + rnd(&x, 40);
		for (t = 0; t < m * k; t++)
			X[t] = (double)rnd(&x, 200001) / 1000.0 - 100.0; /* -100 .. 100, 3 decimals */
		for (t = 0; t < m; t++)
			y[t] = (double)rnd(&x, 100001) / 1000.0;
		for (t = 0; t < k; t++)
			prev[t] = ((double)rnd(&x, 2001) - 1000.0) / 997.0;
		memset(A, 0, sizeof(A));
		memset(r, 0, sizeof(r));
		parley_bt__normal_equations(A[0], r[0], X, y, m, k, trial % 3 ? prev : NULL,
			trial % 5 ? 1e-6 : 50.0, 0);
		parley_bt__normal_equations(A[1], r[1], X, y, m, k, trial % 3 ? prev : NULL,
			trial % 5 ? 1e-6 : 50.0, 1);
		assert_memory_equal(A[0], A[1], sizeof(A[0]));
		assert_memory_equal(r[0], r[1], sizeof(r[0]));
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backtest_deu__known_errors),
		cmocka_unit_test(test_backtest_deu__winsets),
		cmocka_unit_test(test_backtest_pivots__known),
		cmocka_unit_test(test_backtest_pivots__long),
		cmocka_unit_test(test_backtest_capability__rules),
		cmocka_unit_test(test_backtest_salience__drop),
		cmocka_unit_test(test_backtest_bootstrap__resamples_proposals),
		cmocka_unit_test(test_backtest_bootstrap__deterministic),
		cmocka_unit_test(test_backtest_long__same_as_deu),
		cmocka_unit_test(test_backtest_long__no_council_rule),
		cmocka_unit_test(test_backtest_blend__leave_one_proposal_out),
		cmocka_unit_test(test_backtest_blend__exact_fit),
		cmocka_unit_test(test_backtest_blend__position_features),
		cmocka_unit_test(test_backtest_blend__fallback),
		cmocka_unit_test(test_backtest_blend__nested_exact),
		cmocka_unit_test(test_backtest_blend__nested_one_feature),
		cmocka_unit_test(test_backtest_blend__nested_no_leak),
		cmocka_unit_test(test_backtest_snap__known),
		cmocka_unit_test(test_backtest_errors__deu),
		cmocka_unit_test(test_backtest_errors__long),
		cmocka_unit_test(test_backtest_errors__council),
		cmocka_unit_test(test_backtest_errors__options),
		cmocka_unit_test(test_backtest_output__formats),
		cmocka_unit_test_teardown(test_backtest_alloc__every_failure, tu_counter_restore),
		cmocka_unit_test(test_backtest_dev__structure),
		cmocka_unit_test(test_backtest_steps__any_split),
		cmocka_unit_test(test_backtest_blend__outer_folds),
		cmocka_unit_test(test_backtest_work__limit),
		cmocka_unit_test(test_backtest_fit__avx2_matches_portable),
	};
	return tu_run_tests(tests, argc, argv);
}
