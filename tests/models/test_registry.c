/*
 * test_registry.c - the one model table (src/lib/models/models.c): every
 * model of it is reachable from every caller that takes a model (the
 * forecast's selection, the Monte Carlo runner, the backtest's list, a
 * stage's `model:` key; the CLI's --model in tests/cli/test_models.sh), and
 * a model whose needs the scenario does not meet says what is missing on
 * each issue. The loops run over the table, so a model added to it is
 * tested here without a change to this file.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "testutil.h"
#include "parley/backtest.h"
#include "parley/forecast.h"
#include "parley/mc.h"

/* Issue `trade` has a status quo and is on the table of the qualified-
 * majority venue `qmv`; `border` has neither (the venue lists only trade). */
static const char SCENARIO[] =
	"parley: 1\n"
	"title: \"Registry test\"\n"
	"issues:\n"
	"  - {id: trade, title: \"Trade\", status_quo: 20}\n"
	"  - {id: border, title: \"Border\"}\n"
	"actors:\n"
	"  - id: a\n"
	"    name: A\n"
	"    capability: 30\n"
	"    positions: {trade: {position: 60, salience: 50}, border: {position: 40, salience: 50}}\n"
	"  - id: b\n"
	"    name: B\n"
	"    capability: 20\n"
	"    positions: {trade: {position: 70, salience: 50}, border: {position: 60, salience: 50}}\n"
	"  - id: c\n"
	"    name: C\n"
	"    capability: 50\n"
	"    positions: {trade: {position: 10, salience: 50}, border: {position: 55, salience: 80}}\n"
	"venues:\n"
	"  - {id: qmv, rule: qualified_majority, members: [a, b, c], weights: {a: 30, b: 20, c: 50},\n"
	"     quota: 50, issues: [trade]}\n";

static parley_scenario *load_scenario(void)
{
	return tu_load_yaml(SCENARIO, "registry.yaml");
}

/* Whether model t can run on issue 0 (trade): it needs nothing the
 * scenario lacks there. */
static int runs_on_trade(const parley_model_type *t)
{
	return !(t->needs & PARLEY_MODEL_NEEDS_FIT);
}

static parley_forecast *forecast_with(const parley_scenario *s, unsigned models)
{
	parley_forecast_options o = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f = NULL;
	o.models = models;
	assert_int_equal(parley_forecast_run(&f, s, &o), 0);
	return f;
}

/* The table: unique names found by name and index; the default selection
 * is its by_default models. */
static void test_registry__table(void **state)
{
	size_t i, j, n = parley_model_count();
	unsigned dflt = 0;

	(void)state;
	assert_true(n >= 6 && n <= 32);
	assert_null(parley_model_type_at(n));
	assert_null(parley_model_type_lookup("no-such-model"));
	assert_null(parley_model_type_lookup(NULL));
	for (i = 0; i < n; i++) {
		const parley_model_type *t = parley_model_type_at(i);
		assert_non_null(t);
		assert_non_null(t->name);
		assert_non_null(t->title);
		assert_non_null(t->summary);
		assert_non_null(t->ops);
		assert_ptr_equal(parley_model_type_lookup(t->name), t);
		assert_int_equal(parley_model_type_index(t), i);
		for (j = 0; j < i; j++)
			assert_string_not_equal(parley_model_type_at(j)->name, t->name);
		if (t->by_default)
			dflt |= 1u << i;
	}
	assert_int_equal(parley_model_default_selection(), dflt);
	/* the built-in ids name the first entries */
	assert_string_equal(parley_model_type_at(PARLEY_MODEL_MEAN)->name, "mean");
	assert_string_equal(parley_model_type_at(PARLEY_MODEL_NBS)->name, "nbs");
	assert_string_equal(parley_model_type_at(PARLEY_MODEL_EXCHANGE)->name, "exchange");
}

/* The forecast: each model alone, on both issues. */
static void test_registry__forecast_reaches_every_model(void **state)
{
	parley_scenario *s = load_scenario();
	size_t m, i;

	(void)state;
	for (m = 0; m < parley_model_count(); m++) {
		const parley_model_type *t = parley_model_type_at(m);
		parley_forecast *f = forecast_with(s, 1u << m);
		for (i = 0; i < 2; i++) {
			const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
			size_t k;
			assert_non_null(r);
			assert_int_equal((size_t)r->model, m);
			for (k = 0; k < parley_model_count(); k++)
				if (k != m)
					assert_null(parley_forecast_result(f, i, (parley_model_id)k));
			if (i == 0 && runs_on_trade(t)) {
				if (r->error)
					fail_msg("model %s on trade: %s", t->name, r->message);
				assert_true(r->forecast >= 0 && r->forecast <= 100);
			}
			if (r->error)
				assert_non_null(r->message);
		}
		parley_forecast_free(f);
	}
	parley_scenario_free(s);
}

/* What is missing is said on each issue where it is missing. */
static void test_registry__unmet_needs_are_reported(void **state)
{
	parley_scenario *s = load_scenario();
	parley_forecast *f = forecast_with(s, 0);
	size_t pivot = parley_model_type_index(parley_model_type_lookup("pivot-mid"));
	size_t blend = parley_model_type_index(parley_model_type_lookup("blend"));
	const parley_model_result *r;

	(void)state;
	/* no status quo on border: the Nash bargaining solution says so */
	r = parley_forecast_result(f, 1, PARLEY_MODEL_NBS);
	assert_int_equal(r->error, PARLEY_ENOSTATUSQUO);
	assert_non_null(strstr(r->message, "status quo"));
	parley_forecast_free(f);
	assert_true(pivot < parley_model_count() && blend < parley_model_count());
	f = forecast_with(s, 1u << pivot | 1u << blend);
	/* border is on no qualified-majority venue's table */
	r = parley_forecast_result(f, 1, (parley_model_id)pivot);
	assert_true(r->error < 0);
	assert_non_null(strstr(r->message, "qualified-majority"));
	/* trade is: the pivots of qmv (votes 30/20/50, quota 50 of 100) are 60
	 * (a and b at or above it hold 50) and 10 (c alone at or below it holds
	 * 50), by hand from the scenario: midpoint 35 */
	r = parley_forecast_result(f, 0, (parley_model_id)pivot);
	assert_int_equal(r->error, 0);
	assert_true(r->forecast == 35);
	/* the blend needs fitted coefficients on every issue, and invents none */
	for (size_t i = 0; i < 2; i++) {
		r = parley_forecast_result(f, i, (parley_model_id)blend);
		assert_true(r->error < 0);
		assert_non_null(strstr(r->message, "fitted coefficients"));
	}
	parley_forecast_free(f);
	parley_scenario_free(s);
}

/* The Monte Carlo runner: each model that runs on trade, alone. */
static void test_registry__mc_reaches_every_model(void **state)
{
	parley_scenario *s = load_scenario();
	size_t m;

	(void)state;
	for (m = 0; m < parley_model_count(); m++) {
		const parley_model_type *t = parley_model_type_at(m);
		parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
		parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
		parley_mc_summary sum;
		parley_mc *mc = NULL;

		fo.models = 1u << m;
		mo.draws = 64;
		mo.seed = 16;
		mo.threads = 1;
		assert_int_equal(parley_mc_create(&mc, s, &fo, &mo), 0);
		while (parley_mc_remaining(mc) > 0)
			assert_int_equal(parley_mc_step(mc, 64), 0);
		assert_int_equal(parley_mc_summary_get(&sum, mc, 0, (parley_model_id)m), 0);
		if (runs_on_trade(t)) {
			/* the Monte Carlo runner's point value is the forecast's: the
			 * same model on the same numbers, reached by two callers */
			parley_forecast *f = forecast_with(s, 1u << m);
			const parley_model_result *r = parley_forecast_result(f, 0, (parley_model_id)m);
			if (sum.ok == 0)
				fail_msg("model %s: no successful draw on trade", t->name);
			assert_true(sum.mean >= 0 && sum.mean <= 100);
			if (!(sum.point == r->forecast))
				fail_msg("model %s: Monte Carlo point %g, forecast %g", t->name, sum.point,
					r->forecast);
			parley_forecast_free(f);
		} else {
			assert_int_equal(sum.ok, 0);
		}
		parley_mc_free(mc);
	}
	parley_scenario_free(s);
}

/* The backtest's list: every model of the table that runs on one issue at
 * a time (not the exchange model, which needs every issue of a scenario). */
static void test_registry__backtest_lists_every_model(void **state)
{
	size_t m;

	(void)state;
	for (m = 0; m < parley_model_count(); m++) {
		const parley_model_type *t = parley_model_type_at(m);
		int b = parley_backtest_model_lookup(t->name);
		if (t->needs & PARLEY_MODEL_NEEDS_ALL_ISSUES) {
			assert_int_equal(b, -1);
			continue;
		}
		if (b < 0)
			fail_msg("model %s is not in the backtest's list", t->name);
		assert_string_equal(parley_backtest_model_name((parley_backtest_model)b), t->name);
		assert_true((size_t)b < parley_backtest_model_count());
	}
}

/* A stage's `model:` takes every name of the table, and the stage runs it. */
static void test_registry__stage_model_key(void **state)
{
	size_t m;

	(void)state;
	for (m = 0; m < parley_model_count(); m++) {
		const parley_model_type *t = parley_model_type_at(m);
		tu_sbuf y = TU_SBUF_INIT;
		parley_scenario *s;
		parley_forecast *f;
		const parley_stage_step *st;

		tu_sbuf_printf(&y, "%sstages:\n  - {id: s1, venue: qmv, model: %s}\n", SCENARIO, t->name);
		s = tu_load_yaml(y.p, "registry-stage.yaml");
		assert_non_null(s);
		assert_string_equal(parley_scenario_stage(s, 0)->model, t->name);
		f = forecast_with(s, 0);
		assert_int_equal(parley_forecast_stage_step_count(f), 1);
		st = parley_forecast_stage_step(f, 0);
		/* one model of one issue: those that run on trade give a forecast */
		assert_int_equal(st->forecast_ok, runs_on_trade(t) && !(t->needs & PARLEY_MODEL_NEEDS_ALL_ISSUES));
		parley_forecast_free(f);
		parley_scenario_free(s);
		free(y.p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry__table),
		cmocka_unit_test(test_registry__forecast_reaches_every_model),
		cmocka_unit_test(test_registry__unmet_needs_are_reported),
		cmocka_unit_test(test_registry__mc_reaches_every_model),
		cmocka_unit_test(test_registry__backtest_lists_every_model),
		cmocka_unit_test(test_registry__stage_model_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
