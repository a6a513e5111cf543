/*
 * test_forecast.c - the scenario-level runner (parley/forecast.h) and the
 * renderers (parley/output.h) on scenarios built from YAML strings.
 *
 * Where the expected values come from:
 *  - test_forecast_props__*: symmetries of the model definitions
 *    (shared/specs/models.md sections 1-3, as used in test_models.c) lifted
 *    to whole scenarios: a scenario is a set of actors, so their order in the
 *    file cannot matter; reflecting the scale x -> lo + hi - x (positions,
 *    status quo, red lines) reflects every forecast; only ratios of
 *    capabilities matter, so scaling them all by 1000 or 0.001 changes
 *    nothing;
 *  - test_forecast_options__* and test_forecast_zones__*: hand computations
 *    on the small scenarios below (the arithmetic is written next to each
 *    value), and the one-issue functions of parley/models.h called on the
 *    same arrays (forecast.h: the runner passes the actors present on an
 *    issue, salience / 100, to those functions);
 *  - test_forecast_output__*: docs/output.md (version, sha256 and seed in
 *    every format; one CSV row per issue and model; same input, same bytes).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley.h"

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */

static parley_scenario *load_yaml(const char *yaml, const char *name)
{
	return tu_load_yaml(yaml, name);
}

static parley_forecast *run(const parley_scenario *s, const parley_forecast_options *o)
{
	parley_forecast *f = NULL;

	assert_int_equal(parley_forecast_run(&f, s, o), 0);
	assert_non_null(f);
	return f;
}

static const parley_model_result *result(const parley_forecast *f, size_t issue,
	parley_model_id m)
{
	const parley_model_result *r = parley_forecast_result(f, issue, m);

	assert_non_null(r);
	assert_int_equal(r->model, m);
	return r;
}

static size_t count_char(const char *s, char c)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

/* ------------------------------------------------------------------ */
/* the 7-actor, 2-issue scenario of the property tests                  */
/* ------------------------------------------------------------------ */

/* Issue alpha: scale [0, 100], status quo 1.85 (below every position, so
 * the NBS is interior). Issue beta: scale [-3.5, 12.25], status quo 11.95
 * (above every position). On beta the weights c * s / 100 are A 15, B 10
 * (capability override 12.5), C 5 | D 15, E 10, F 5: the three lowest
 * positions hold exactly half of W = 60, so the median is a tie over
 * [1.95, 7.3] with midpoint 4.625. G takes no part in beta. */
#define NACT 7
typedef struct {
	const char *id;
	double cap;
	double x[2], s[2];
	int present[2];
	double cap_override_beta; /* < 0: none */
	int has_red[2];
	double red[2][2];
} actor_def;

static const actor_def ACTORS[NACT] = {
	{ "A", 30.0,  { 12.85, -2.875 }, { 63.7, 50.0 }, { 1, 1 }, -1, { 1, 0 }, { { 5.5, 60.25 }, { 0, 0 } } },
	{ "B", 47.3,  { 77.4, 0.6 },     { 41.2, 80.0 }, { 1, 1 }, 12.5, { 0, 0 }, { { 0, 0 }, { 0, 0 } } },
	{ "C", 25.0,  { 45.15, 1.95 },   { 88.9, 20.0 }, { 1, 1 }, -1, { 0, 0 }, { { 0, 0 }, { 0, 0 } } },
	{ "D", 20.0,  { 3.3, 7.3 },      { 27.35, 75.0 }, { 1, 1 }, -1, { 0, 1 }, { { 0, 0 }, { -1.0, 10.6 } } },
	{ "E", 40.0,  { 96.05, 9.125 },  { 70.05, 25.0 }, { 1, 1 }, -1, { 0, 0 }, { { 0, 0 }, { 0, 0 } } },
	{ "F", 50.0,  { 58.6, 11.4 },    { 55.5, 10.0 }, { 1, 1 }, -1, { 0, 0 }, { { 0, 0 }, { 0, 0 } } },
	{ "G", 18.65, { 33.95, 0 },      { 92.4, 0 },    { 1, 0 }, -1, { 0, 0 }, { { 0, 0 }, { 0, 0 } } },
};
static const double LO[2] = { 0.0, -3.5 }, HI[2] = { 100.0, 12.25 }, SQ[2] = { 1.85, 11.95 };
static const char *const ISSUE_ID[2] = { "alpha", "beta" };

/* YAML of the scenario with the actors in order `perm`, optionally with
 * the scale reflected, capabilities multiplied by `cap_mult`. Numbers are
 * printed with %.17g so that they read back exactly. Caller frees. */
static char *make_scenario(const size_t perm[NACT], int reflect, double cap_mult)
{
	tu_sbuf b = TU_SBUF_INIT;
	size_t i, k;

	tu_sbuf_printf(&b, "parley: 1\ntitle: \"Seven actors\"\nissues:\n");
	for (i = 0; i < 2; i++) {
		double sq = reflect ? LO[i] + HI[i] - SQ[i] : SQ[i];
		tu_sbuf_printf(&b, "  - id: %s\n    title: \"Issue %s\"\n    scale: [%.17g, %.17g]\n"
			"    status_quo: %.17g\n", ISSUE_ID[i], ISSUE_ID[i], LO[i], HI[i], sq);
	}
	tu_sbuf_printf(&b, "actors:\n");
	for (k = 0; k < NACT; k++) {
		const actor_def *a = &ACTORS[perm[k]];
		tu_sbuf_printf(&b, "  - id: %s\n    name: \"Actor %s\"\n    capability: %.17g\n"
			"    positions:\n", a->id, a->id, a->cap * cap_mult);
		for (i = 0; i < 2; i++) {
			double x = reflect ? LO[i] + HI[i] - a->x[i] : a->x[i];
			if (!a->present[i])
				continue;
			tu_sbuf_printf(&b, "      %s: {position: %.17g, salience: %.17g", ISSUE_ID[i], x, a->s[i]);
			if (i == 1 && a->cap_override_beta >= 0)
				tu_sbuf_printf(&b, ", capability: %.17g", a->cap_override_beta * cap_mult);
			if (a->has_red[i]) {
				double r0 = a->red[i][0], r1 = a->red[i][1];
				if (reflect) {
					r0 = LO[i] + HI[i] - a->red[i][1];
					r1 = LO[i] + HI[i] - a->red[i][0];
				}
				tu_sbuf_printf(&b, ", red_line: [%.17g, %.17g]", r0, r1);
			}
			tu_sbuf_printf(&b, "}\n");
		}
	}
	return b.p;
}

/* The option sets each property is checked under: NBS loss 1 and 2 with
 * both bargaining weights; median tie rule midpoint (the default). */
static parley_forecast_options prop_options(size_t k)
{
	parley_forecast_options o = PARLEY_FORECAST_OPTIONS_INIT;

	o.nbs_loss = (k & 1) ? 1 : 2;
	o.nbs_weights = (k & 2) ? PARLEY_NBS_WEIGHTS_CAPABILITY_SALIENCE
		: PARLEY_NBS_WEIGHTS_CAPABILITY;
	return o;
}
#define PROP_OPTION_SETS 4

static int close_enough(double got, double want, double abs_tol, double rel_tol)
{
	double tol = abs_tol + rel_tol * fmax(fabs(got), fabs(want));
	return fabs(got - want) <= tol;
}

/* Compare every result of `b` against `a` mapped by the reflection (when
 * `reflect`) of issue i: y -> LO + HI - y, intervals swapped. */
static void assert_same_forecasts(const parley_forecast *a, const parley_forecast *b,
	int reflect, double abs_tol, double rel_tol, const char *what)
{
	size_t i, m;

	assert_int_equal(parley_forecast_issue_count(a), 2);
	assert_int_equal(parley_forecast_issue_count(b), 2);
	for (i = 0; i < 2; i++)
		/* the models a forecast runs without a selection */
		for (m = 0; m < parley_model_count(); m++) if (parley_model_type_at(m)->by_default) {
			const parley_model_result *ra = result(a, i, (parley_model_id)m);
			const parley_model_result *rb = result(b, i, (parley_model_id)m);
			double sum = LO[i] + HI[i];
			double want = reflect ? sum - ra->forecast : ra->forecast;
			char msg[160];

			snprintf(msg, sizeof(msg), "%s: issue %s model %s", what, ISSUE_ID[i],
				parley_model_type_at(m)->name);
			assert_int_equal(ra->error, 0);
			assert_int_equal(rb->error, 0);
			if (!close_enough(rb->forecast, want, abs_tol, rel_tol))
				tu_assert_close(rb->forecast, want, 0, msg);
			if (m == PARLEY_MODEL_MEDIAN) {
				double lo = reflect ? sum - ra->interval[1] : ra->interval[0];
				double hi = reflect ? sum - ra->interval[0] : ra->interval[1];
				assert_int_equal(ra->tie, rb->tie);
				if (!close_enough(rb->interval[0], lo, abs_tol, rel_tol))
					tu_assert_close(rb->interval[0], lo, 0, msg);
				if (!close_enough(rb->interval[1], hi, abs_tol, rel_tol))
					tu_assert_close(rb->interval[1], hi, 0, msg);
			}
			if (m == PARLEY_MODEL_BDM) {
				/* the expected-utility mean after the last round reflects too */
				double mw = reflect ? sum - ra->mean : ra->mean;
				assert_non_null(ra->bdm);
				assert_int_equal(ra->bdm->rounds, rb->bdm->rounds);
				assert_int_equal(ra->bdm->status, rb->bdm->status);
				if (!close_enough(rb->mean, mw, abs_tol, rel_tol))
					tu_assert_close(rb->mean, mw, 0, msg);
			}
			if (m == PARLEY_MODEL_NBS) {
				double lo = reflect ? sum - ra->feasible[1] : ra->feasible[0];
				double hi = reflect ? sum - ra->feasible[0] : ra->feasible[1];
				assert_int_equal(ra->nbs_status, rb->nbs_status);
				if (!close_enough(rb->feasible[0], lo, abs_tol, rel_tol))
					tu_assert_close(rb->feasible[0], lo, 0, msg);
				if (!close_enough(rb->feasible[1], hi, abs_tol, rel_tol))
					tu_assert_close(rb->feasible[1], hi, 0, msg);
			}
		}
}

/* How many models run without a selection. */
static size_t n_default(void)
{
	unsigned mask = parley_model_default_selection();
	size_t n = 0;
	for (; mask; mask >>= 1)
		n += mask & 1u;
	return n;
}

static const size_t IDENTITY[NACT] = { 0, 1, 2, 3, 4, 5, 6 };

/* The construction of the scenario holds: every model runs, the median on
 * beta is the tie [1.95, 7.3] with midpoint 4.625, the NBS is interior on
 * both issues (status quo beyond every position), G is absent on beta. */
static void test_forecast_props__baseline(void **state)
{
	char *yaml = make_scenario(IDENTITY, 0, 1.0);
	parley_scenario *s = load_yaml(yaml, "seven.yaml");
	parley_forecast *f = run(s, NULL);
	const parley_model_result *r;

	(void)state;
	assert_int_equal(parley_scenario_stance(s, 1, 6)->present, 0);
	assert_true(parley_scenario_stance(s, 1, 1)->capability.value == 12.5);
	r = result(f, 1, PARLEY_MODEL_MEDIAN);
	assert_int_equal(r->tie, 1);
	tu_assert_close(r->interval[0], 1.95, 0, "beta tie lo");
	tu_assert_close(r->interval[1], 7.3, 0, "beta tie hi");
	tu_assert_close(r->forecast, 4.625, 1e-15, "beta median midpoint");
	r = result(f, 0, PARLEY_MODEL_MEDIAN);
	assert_int_equal(r->tie, 0);
	assert_int_equal(result(f, 0, PARLEY_MODEL_NBS)->nbs_status, PARLEY_NBS_INTERIOR);
	assert_int_equal(result(f, 1, PARLEY_MODEL_NBS)->nbs_status, PARLEY_NBS_INTERIOR);
	parley_forecast_free(f);
	parley_scenario_free(s);
	free(yaml);
}

static void test_forecast_props__actor_permutation(void **state)
{
	static const size_t perms[3][NACT] = {
		{ 6, 5, 4, 3, 2, 1, 0 },
		{ 3, 0, 6, 1, 5, 2, 4 },
		{ 1, 2, 3, 4, 5, 6, 0 },
	};
	char *base_yaml = make_scenario(IDENTITY, 0, 1.0);
	parley_scenario *base = load_yaml(base_yaml, "seven.yaml");
	size_t p, k;

	(void)state;
	for (p = 0; p < 3; p++) {
		char *yaml = make_scenario(perms[p], 0, 1.0);
		parley_scenario *s = load_yaml(yaml, "seven.yaml");
		assert_int_equal(parley_scenario_actor_index(s, "A"), (long)(p == 0 ? 6 : p == 1 ? 1 : 6));
		for (k = 0; k < PROP_OPTION_SETS; k++) {
			parley_forecast_options o = prop_options(k);
			parley_forecast *fa = run(base, &o), *fb = run(s, &o);
			assert_same_forecasts(fa, fb, 0, 0.0, 1e-12, "permutation");
			parley_forecast_free(fa);
			parley_forecast_free(fb);
		}
		parley_scenario_free(s);
		free(yaml);
	}
	parley_scenario_free(base);
	free(base_yaml);
}

static void test_forecast_props__reflection(void **state)
{
	char *yaml = make_scenario(IDENTITY, 0, 1.0);
	char *ryaml = make_scenario(IDENTITY, 1, 1.0);
	parley_scenario *s = load_yaml(yaml, "seven.yaml");
	parley_scenario *rs = load_yaml(ryaml, "seven-reflected.yaml");
	size_t k;

	(void)state;
	/* the reflected red line of D on beta: [8.75 - 10.6, 8.75 + 1] */
	tu_assert_close(parley_scenario_stance(rs, 1, 3)->red_lo.value, -1.85, 1e-12, "red lo");
	tu_assert_close(parley_scenario_stance(rs, 1, 3)->red_hi.value, 9.75, 1e-12, "red hi");
	for (k = 0; k < PROP_OPTION_SETS; k++) {
		parley_forecast_options o = prop_options(k);
		parley_forecast *f = run(s, &o), *rf = run(rs, &o);
		assert_same_forecasts(f, rf, 1, 1e-9, 0.0, "reflection");
		parley_forecast_free(f);
		parley_forecast_free(rf);
	}
	parley_scenario_free(s);
	parley_scenario_free(rs);
	free(yaml);
	free(ryaml);
}

static void test_forecast_props__capability_scale(void **state)
{
	static const double mult[2] = { 1000.0, 0.001 };
	char *yaml = make_scenario(IDENTITY, 0, 1.0);
	parley_scenario *s = load_yaml(yaml, "seven.yaml");
	size_t j, k;

	(void)state;
	for (j = 0; j < 2; j++) {
		char *syaml = make_scenario(IDENTITY, 0, mult[j]);
		parley_scenario *ss = load_yaml(syaml, "seven-scaled.yaml");
		tu_assert_close(parley_scenario_actor(ss, 1)->capability.value, 47.3 * mult[j],
			1e-12 * 47.3 * mult[j], "scaled capability");
		for (k = 0; k < PROP_OPTION_SETS; k++) {
			parley_forecast_options o = prop_options(k);
			parley_forecast *f = run(s, &o), *sf = run(ss, &o);
			assert_same_forecasts(f, sf, 0, 1e-9, 0.0, "capability scale");
			parley_forecast_free(f);
			parley_forecast_free(sf);
		}
		parley_scenario_free(ss);
		free(syaml);
	}
	parley_scenario_free(s);
	free(yaml);
}

/* ------------------------------------------------------------------ */
/* a small scenario for options, zones and output                       */
/* ------------------------------------------------------------------ */

/* budget: no status quo; P 12.5/c30/s40, Q 47.25/c45/s90, R 83/c25/s55.
 *   mean       = (30*12.5 + 45*47.25 + 25*83) / 100 = 4576.25/100 = 45.7625
 *                -> zone "middle ground" [40.5, 46]
 *   compromise = w = c*s/100 = 12, 40.5, 13.75 (W = 66.25):
 *                (150 + 1913.625 + 1141.25) / 66.25 = 48.37547169811321
 *                -> no zone (between "firm" [47.25, 47.5] and "high")
 *   median     = cumulative 12 < 33.125 < 52.5 -> Q's 47.25, no tie
 *                -> "firm", whose closed range starts at 47.25
 *   nbs        = PARLEY_ENOSTATUSQUO
 * levy: scale [0, 10], status quo 0.75 below every position:
 *   P 3.85/s70, Q 6.2/s35, R 9.1/s20. */
static const char SMALL_YAML[] =
	"parley: 1\n"
	"title: \"Budget round\"\n"
	"date: \"2024-02-29\"\n"
	"issues:\n"
	"  - id: budget\n"
	"    title: \"Budget split\"\n"
	"    labels: {0: \"nothing\", 50: \"half\", 100: \"everything\"}\n"
	"    zones:\n"
	"      - {name: \"low\", range: [0, 30]}\n"
	"      - {name: \"middle ground\", range: [40.5, 46]}\n"
	"      - {name: \"firm\", range: [47.25, 47.5]}\n"
	"      - {name: \"high\", range: [71.25, 90]}\n"
	"  - id: levy\n"
	"    title: \"Levy rate\"\n"
	"    scale: [0, 10]\n"
	"    status_quo: 0.75\n"
	"actors:\n"
	"  - id: p\n"
	"    name: \"Party P\"\n"
	"    capability: 30\n"
	"    positions:\n"
	"      budget: {position: 12.5, salience: 40}\n"
	"      levy: {position: 3.85, salience: 70}\n"
	"  - id: q\n"
	"    name: \"Party Q\"\n"
	"    capability: 45\n"
	"    positions:\n"
	"      budget: {position: 47.25, salience: 90, red_line: [30, 60.5]}\n"
	"      levy: {position: 6.2, salience: 35}\n"
	"  - id: r\n"
	"    name: \"Party R\"\n"
	"    capability: 25\n"
	"    positions:\n"
	"      budget: {position: 83, salience: 55}\n"
	"      levy: {position: 9.1, salience: 20}\n";

static void test_forecast_zones__values_and_zones(void **state)
{
	parley_scenario *s = load_yaml(SMALL_YAML, "budget.yaml");
	parley_forecast *f = run(s, NULL);
	const parley_model_result *r;

	(void)state;
	r = result(f, 0, PARLEY_MODEL_MEAN);
	assert_int_equal(r->error, 0);
	tu_assert_close(r->forecast, 45.7625, 1e-12, "budget mean");
	assert_non_null(r->zone);
	assert_string_equal(r->zone, "middle ground");

	r = result(f, 0, PARLEY_MODEL_COMPROMISE);
	tu_assert_close(r->forecast, 48.37547169811321, 1e-12, "budget compromise");
	assert_null(r->zone);

	r = result(f, 0, PARLEY_MODEL_MEDIAN);
	assert_true(r->forecast == 47.25);
	assert_int_equal(r->tie, 0);
	assert_true(r->interval[0] == 47.25 && r->interval[1] == 47.25);
	assert_non_null(r->zone);
	assert_string_equal(r->zone, "firm");
	parley_forecast_free(f);
	parley_scenario_free(s);
}

/* NBS on an issue without status quo: its result carries the error and a
 * message; the call and the other models succeed. The forecast keeps its
 * strings after the scenario is freed (forecast.h: it borrows nothing). */
static void test_forecast_zones__no_status_quo(void **state)
{
	parley_scenario *s = load_yaml(SMALL_YAML, "budget.yaml");
	parley_forecast *f = run(s, NULL);
	const parley_model_result *r;
	size_t m;

	(void)state;
	parley_scenario_free(s);
	r = result(f, 0, PARLEY_MODEL_NBS);
	assert_int_equal(r->error, PARLEY_ENOSTATUSQUO);
	assert_non_null(r->message);
	assert_non_null(strstr(r->message, "status quo"));
	assert_null(r->zone);
	for (m = 0; m < PARLEY_MODEL_NBS; m++) {
		assert_int_equal(result(f, 0, (parley_model_id)m)->error, 0);
		assert_null(result(f, 0, (parley_model_id)m)->message);
	}
	/* levy has a status quo: NBS runs there */
	r = result(f, 1, PARLEY_MODEL_NBS);
	assert_int_equal(r->error, 0);
	assert_int_equal(r->nbs_status, PARLEY_NBS_INTERIOR);
	assert_true(r->forecast > 0.75 && r->forecast <= 9.1);
	/* the zone string outlives the scenario */
	assert_string_equal(result(f, 0, PARLEY_MODEL_MEAN)->zone, "middle ground");
	parley_forecast_free(f);
	parley_forecast_free(NULL);
}

/* ------------------------------------------------------------------ */
/* options                                                              */
/* ------------------------------------------------------------------ */

static void test_forecast_options__model_mask(void **state)
{
	parley_scenario *s = load_yaml(SMALL_YAML, "budget.yaml");
	parley_forecast_options o = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *all, *some;

	(void)state;
	all = run(s, NULL);
	/* 0 selects the models of the table marked by_default: the six of
	 * models.md sections 1-4 and the exchange model at least, not the
	 * blend (it needs a fit) nor pivot-mid (it needs a QMV venue) */
	assert_int_equal(parley_forecast_options_used(all)->models, parley_model_default_selection());
	assert_int_equal(parley_model_default_selection() & 0x3fu, 0x3fu);
	assert_false(parley_model_default_selection() >>
		parley_model_type_index(parley_model_type_lookup("blend")) & 1u);
	assert_false(parley_model_default_selection() >>
		parley_model_type_index(parley_model_type_lookup("pivot-mid")) & 1u);
	o.models = (1u << PARLEY_MODEL_MEAN) | (1u << PARLEY_MODEL_NBS);
	some = run(s, &o);
	assert_int_equal(parley_forecast_options_used(some)->models, o.models);
	assert_null(parley_forecast_result(some, 0, PARLEY_MODEL_COMPROMISE));
	assert_null(parley_forecast_result(some, 1, PARLEY_MODEL_MEDIAN));
	/* the selected ones are the same numbers as in a full run */
	assert_true(result(some, 0, PARLEY_MODEL_MEAN)->forecast ==
		result(all, 0, PARLEY_MODEL_MEAN)->forecast);
	assert_true(result(some, 1, PARLEY_MODEL_NBS)->forecast ==
		result(all, 1, PARLEY_MODEL_NBS)->forecast);
	assert_int_equal(result(some, 0, PARLEY_MODEL_NBS)->error, PARLEY_ENOSTATUSQUO);
	/* out of range */
	assert_null(parley_forecast_result(all, 2, PARLEY_MODEL_MEAN));
	assert_null(parley_forecast_result(all, 0, (parley_model_id)parley_model_count()));
	assert_null(parley_forecast_result(NULL, 0, PARLEY_MODEL_MEAN));
	assert_int_equal(parley_forecast_issue_count(all), 2);
	parley_forecast_free(all);
	parley_forecast_free(some);
	parley_scenario_free(s);
}

/* Two actors with equal weight 40 * 60 / 100 = 24 at 23.5 and 71.25: an
 * exact tie over [23.5, 71.25]; midpoint (23.5 + 71.25) / 2 = 47.375. */
static void test_forecast_options__median_tie_rules(void **state)
{
	static const char yaml[] =
		"parley: 1\n"
		"title: \"Split\"\n"
		"issues: [{id: split, title: \"Split vote\"}]\n"
		"actors:\n"
		"  - {id: t1, name: T1, capability: 40, positions: {split: {position: 23.5, salience: 60}}}\n"
		"  - {id: t2, name: T2, capability: 40, positions: {split: {position: 71.25, salience: 60}}}\n";
	static const parley_median_tie rule[3] = { PARLEY_TIE_MIDPOINT, PARLEY_TIE_LOWER,
		PARLEY_TIE_UPPER };
	static const double want[3] = { 47.375, 23.5, 71.25 };
	parley_scenario *s = load_yaml(yaml, "split.yaml");
	size_t k;

	(void)state;
	for (k = 0; k < 3; k++) {
		parley_forecast_options o = PARLEY_FORECAST_OPTIONS_INIT;
		parley_forecast *f;
		const parley_model_result *r;
		o.median_tie = rule[k];
		f = run(s, &o);
		r = result(f, 0, PARLEY_MODEL_MEDIAN);
		assert_int_equal(r->tie, 1);
		assert_true(r->forecast == want[k]);
		assert_true(r->interval[0] == 23.5 && r->interval[1] == 71.25);
		assert_int_equal(parley_forecast_options_used(f)->median_tie, rule[k]);
		parley_forecast_free(f);
	}
	parley_scenario_free(s);
}

/* levy: asymmetric (three actors on one side of the status quo with
 * different weights): linear and quadratic loss give different bargains,
 * each equal to parley_nbs() on the same arrays. */
static void test_forecast_options__nbs_loss(void **state)
{
	static const double x[3] = { 3.85, 6.2, 9.1 }, c[3] = { 30, 45, 25 };
	static const double sal[3] = { 0.70, 0.35, 0.20 };
	parley_scenario *s = load_yaml(SMALL_YAML, "budget.yaml");
	double got[2][2];
	int loss, wt;

	(void)state;
	for (wt = 0; wt < 2; wt++)
		for (loss = 1; loss <= 2; loss++) {
			parley_forecast_options o = PARLEY_FORECAST_OPTIONS_INIT;
			parley_forecast *f;
			parley_nbs_result ref;
			double a[3];
			const parley_model_result *r;
			size_t i;

			o.nbs_loss = loss;
			o.nbs_weights = wt ? PARLEY_NBS_WEIGHTS_CAPABILITY_SALIENCE
				: PARLEY_NBS_WEIGHTS_CAPABILITY;
			for (i = 0; i < 3; i++)
				a[i] = wt ? c[i] * sal[i] : c[i]; /* forecast.c: w = c * (s / 100) */
			assert_int_equal(parley_nbs(&ref, x, a, sal, 3, 0.75, 0, 10, loss, 1e-13), 0);
			f = run(s, &o);
			r = result(f, 1, PARLEY_MODEL_NBS);
			assert_int_equal(r->error, 0);
			tu_assert_close(r->forecast, ref.solution, 1e-12, "nbs vs parley_nbs");
			assert_int_equal(r->nbs_status, ref.status);
			tu_assert_close(r->feasible[0], ref.feasible_lo, 1e-12, "feasible lo");
			tu_assert_close(r->feasible[1], ref.feasible_hi, 1e-12, "feasible hi");
			got[wt][loss - 1] = r->forecast;
			parley_forecast_free(f);
		}
	/* loss 1 and loss 2 differ by more than the bisection tolerance */
	assert_true(fabs(got[0][0] - got[0][1]) > 1e-6);
	assert_true(fabs(got[1][0] - got[1][1]) > 1e-6);
	/* and so do the two weightings */
	assert_true(fabs(got[0][1] - got[1][1]) > 1e-6);
	parley_scenario_free(s);
}

static void test_forecast_options__invalid(void **state)
{
	parley_scenario *s = load_yaml(SMALL_YAML, "budget.yaml");
	parley_forecast_options o;
	parley_forecast *f;

	(void)state;
#define EXPECT_EINVAL(field, value) do { \
		parley_forecast_options init = PARLEY_FORECAST_OPTIONS_INIT; \
		o = init; \
		o.field = value; \
		f = (parley_forecast *)&o; \
		parley_error_clear(); \
		assert_int_equal(parley_forecast_run(&f, s, &o), PARLEY_EINVAL); \
		assert_null(f); \
		assert_int_equal(parley_error_last()->code, PARLEY_EINVAL); \
		assert_true(parley_error_last()->message[0] != '\0'); \
	} while (0)
	EXPECT_EINVAL(nbs_loss, 3);
	EXPECT_EINVAL(nbs_loss, 0);
	EXPECT_EINVAL(version, 2);
	EXPECT_EINVAL(version, 0);
	EXPECT_EINVAL(median_tie, (parley_median_tie)7);
	EXPECT_EINVAL(nbs_tol, 0.0);
	EXPECT_EINVAL(median_rel_tol, -1e-12);
#undef EXPECT_EINVAL
	assert_int_equal(parley_forecast_run(NULL, s, NULL), PARLEY_EINVAL);
	/* (forecast.h does not promise *out = NULL for a NULL scenario, and
	 * forecast.c returns before clearing it: not asserted) */
	f = NULL;
	assert_int_equal(parley_forecast_run(&f, NULL, NULL), PARLEY_EINVAL);
	assert_null(f);
	parley_scenario_free(s);
}

/* ------------------------------------------------------------------ */
/* output                                                               */
/* ------------------------------------------------------------------ */

static char *render(const parley_scenario *s, const parley_forecast *f,
	parley_output_format fmt)
{
	parley_buf b = PARLEY_BUF_INIT;
	char *copy;

	assert_int_equal(parley_output_render(&b, s, f, fmt), 0);
	assert_non_null(b.ptr);
	assert_int_equal(strlen(b.ptr), b.size);
	copy = strdup(b.ptr);
	parley_buf_dispose(&b);
	return copy;
}

static void test_forecast_output__json(void **state)
{
	parley_scenario *s = load_yaml(SMALL_YAML, "in/budget.yaml");
	parley_forecast *f = run(s, NULL), *f2 = run(s, NULL);
	char *a = render(s, f, PARLEY_OUTPUT_JSON);
	char *b = render(s, f, PARLEY_OUTPUT_JSON);
	char *c = render(s, f2, PARLEY_OUTPUT_JSON);
	char want[160];

	(void)state;
	/* the same forecast twice, and a second run, give the same bytes */
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	snprintf(want, sizeof(want), "\"parley_version\": \"%s\"", parley_version());
	assert_non_null(strstr(a, want));
	assert_string_equal(parley_version(), PARLEY_VERSION);
	snprintf(want, sizeof(want), "\"sha256\": \"%s\"", parley_scenario_sha256(s));
	assert_non_null(strstr(a, want));
	assert_non_null(strstr(a, "\"seed\": null"));
	assert_non_null(strstr(a, "\"path\": \"in/budget.yaml\""));
	/* docs/output.md: status_quo null without one, the NBS error object,
	 * the mean's zone, the exact compromise */
	assert_non_null(strstr(a, "\"status_quo\": null"));
	assert_non_null(strstr(a, "\"nbs\": {\"error\": \""));
	assert_non_null(strstr(a, "\"mean\": {\"forecast\": 45.7625, \"zone\": \"middle ground\"}"));
	assert_non_null(strstr(a, "48.37547169811321"));
	assert_non_null(strstr(a, "\"red_line\": [30, 60.5]"));
	assert_int_equal(count_char(a, '{'), count_char(a, '}'));
	assert_int_equal(count_char(a, '['), count_char(a, ']'));
	free(a);
	free(b);
	free(c);
	parley_forecast_free(f);
	parley_forecast_free(f2);
	parley_scenario_free(s);
}

static void test_forecast_output__csv(void **state)
{
	parley_scenario *s = load_yaml(SMALL_YAML, "budget.yaml");
	parley_forecast_options o = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f = run(s, NULL), *f2;
	char *csv = render(s, f, PARLEY_OUTPUT_CSV), *csv2, *line, *save = NULL;
	char tail[128];
	size_t rows = 0;

	(void)state;
	/* header + 2 issues x every model */
	assert_int_equal(count_char(csv, '\n'), 1 + 2 * n_default());
	{
		static const char header[] = "issue,model,forecast,zone,status,tie,interval_lo,"
			"interval_hi,error,parley_version,input_sha256,seed\n";
		assert_true(strncmp(csv, header, strlen(header)) == 0);
	}
	snprintf(tail, sizeof(tail), ",%s,%s,", PARLEY_VERSION, parley_scenario_sha256(s));
	for (line = strtok_r(csv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);
		if (rows++ == 0)
			continue;
		/* every row ends with version, sha256 and an empty seed */
		assert_true(n > strlen(tail));
		assert_string_equal(line + n - strlen(tail), tail);
	}
	assert_int_equal(rows, 1 + 2 * n_default());
	free(csv);
	csv = render(s, f, PARLEY_OUTPUT_CSV);
	assert_non_null(strstr(csv, "\nbudget,mean,45.7625,middle ground,,,,,,"));
	assert_non_null(strstr(csv, "\nbudget,median,47.25,firm,,false,47.25,47.25,,"));
	assert_non_null(strstr(csv, "\nbudget,nbs,,,error,,,,"));

	/* two models selected: header + 2 issues x 2 */
	o.models = (1u << PARLEY_MODEL_COMPROMISE) | (1u << PARLEY_MODEL_MEDIAN);
	f2 = run(s, &o);
	csv2 = render(s, f2, PARLEY_OUTPUT_CSV);
	assert_int_equal(count_char(csv2, '\n'), 1 + 2 * 2);
	assert_null(strstr(csv2, ",mean,"));
	free(csv);
	free(csv2);
	parley_forecast_free(f);
	parley_forecast_free(f2);
	parley_scenario_free(s);
}

static void test_forecast_output__text(void **state)
{
	parley_scenario *s = load_yaml(SMALL_YAML, "budget.yaml");
	parley_forecast *f = run(s, NULL);
	char *t = render(s, f, PARLEY_OUTPUT_TEXT);
	char want[128];

	(void)state;
	assert_non_null(strstr(t, "Budget round"));
	assert_non_null(strstr(t, "Budget split"));
	assert_non_null(strstr(t, "Levy rate"));
	assert_non_null(strstr(t, "as of 2024-02-29"));
	snprintf(want, sizeof(want), "sha256 %s", parley_scenario_sha256(s));
	assert_non_null(strstr(t, want));
	assert_non_null(strstr(t, "seed none"));
	assert_non_null(strstr(t, "zone: middle ground"));
	free(t);
	parley_forecast_free(f);
	parley_scenario_free(s);
}

static void test_forecast_output__invalid(void **state)
{
	static const char other[] =
		"parley: 1\ntitle: One\nissues: [{id: i, title: I}]\n"
		"actors: [{id: a, name: A, capability: 2.5, positions: {i: {position: 40.125, salience: 60}}}]\n";
	parley_scenario *s = load_yaml(SMALL_YAML, "budget.yaml");
	parley_scenario *one = load_yaml(other, "one.yaml");
	parley_forecast *f = run(s, NULL);
	parley_buf b = PARLEY_BUF_INIT;

	(void)state;
	parley_error_clear();
	assert_int_equal(parley_output_render(&b, s, f, (parley_output_format)3), PARLEY_EINVAL);
	assert_int_equal(parley_error_last()->code, PARLEY_EINVAL);
	assert_int_equal(parley_output_render(&b, s, f, (parley_output_format)-1), PARLEY_EINVAL);
	assert_int_equal(b.size, 0);
	/* a forecast of another scenario (1 issue, not 2) */
	assert_int_equal(parley_output_render(&b, one, f, PARLEY_OUTPUT_JSON), PARLEY_EINVAL);
	assert_int_equal(parley_output_render(NULL, s, f, PARLEY_OUTPUT_JSON), PARLEY_EINVAL);
	assert_int_equal(parley_output_render(&b, s, NULL, PARLEY_OUTPUT_JSON), PARLEY_EINVAL);
	/* rendering appends to what the buffer holds */
	assert_int_equal(parley_output_render(&b, s, f, PARLEY_OUTPUT_CSV), 0);
	{
		size_t first = b.size;
		assert_int_equal(parley_output_render(&b, s, f, PARLEY_OUTPUT_CSV), 0);
		assert_int_equal(b.size, 2 * first);
		assert_memory_equal(b.ptr, b.ptr + first, first);
	}
	parley_buf_dispose(&b);
	parley_buf_dispose(NULL);
	parley_forecast_free(f);
	parley_scenario_free(s);
	parley_scenario_free(one);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forecast_props__baseline),
		cmocka_unit_test(test_forecast_props__actor_permutation),
		cmocka_unit_test(test_forecast_props__reflection),
		cmocka_unit_test(test_forecast_props__capability_scale),
		cmocka_unit_test(test_forecast_zones__values_and_zones),
		cmocka_unit_test(test_forecast_zones__no_status_quo),
		cmocka_unit_test(test_forecast_options__model_mask),
		cmocka_unit_test(test_forecast_options__median_tie_rules),
		cmocka_unit_test(test_forecast_options__nbs_loss),
		cmocka_unit_test(test_forecast_options__invalid),
		cmocka_unit_test(test_forecast_output__json),
		cmocka_unit_test(test_forecast_output__csv),
		cmocka_unit_test(test_forecast_output__text),
		cmocka_unit_test(test_forecast_output__invalid),
	};

	return tu_run_tests(tests, argc, argv);
}
