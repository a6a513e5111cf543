/*
 * test_edge.c - numerical edge cases of every model, through the public
 * API on scenarios built in memory: one actor, all actors at one point,
 * zero saliences, zero capabilities, capability ratios of 1e12, positions
 * at the scale's ends, and 10^5 actors on an issue. Each model must give
 * either a correct answer (worked out by hand below) or a clear error (a
 * non-zero `error` with a message); never a NaN or an infinity, neither as
 * a forecast nor in the JSON, text or CSV output, nor in a Monte Carlo
 * summary.
 *
 * Where the expected values come from: docs/models.md and models.h. With
 * every actor at one point x, every weighted mean, the weighted median,
 * the Nash solution (every actor's ideal point is x, and x is no worse
 * than the status quo for anyone) and the expected-utility model (no
 * challenge gains anything) give x; with one actor the same holds for its
 * position. An issue on which every capability x salience is zero is
 * refused by the loader (a positioned diagnostic); zero saliences or
 * capabilities for all but one actor leave the weighted models on it. The
 * expected-utility model needs two actors (PARLEY_EINVAL with a message).
 */
#include <ctype.h>
#include <strings.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "testutil.h"
#include "parley.h"

/* ------------------------------------------------------------------ */
/* building scenarios                                                   */
/* ------------------------------------------------------------------ */

typedef struct {
	char *p;
	size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	for (;;) {
		size_t room = b->cap - b->n;
		va_start(ap, fmt);
		k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? room : 0, fmt, ap);
		va_end(ap);
		assert_true(k >= 0);
		if (b->p && (size_t)k < room) {
			b->n += (size_t)k;
			return;
		}
		b->cap = b->cap ? b->cap * 2 + (size_t)k : 4096 + (size_t)k;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
}

/* One issue `x` on [lo, hi] (status quo `sq` unless NaN) and `n` actors
 * with capability cap[i], position pos[i], salience sal[i]. A second issue
 * `y` (same actors at 2.385 + i mod 7, salience 50) lets the exchange
 * model run. */
static char *scenario_yaml(size_t n, const double *cap, const double *pos, const double *sal,
	double lo, double hi, double sq)
{
	sbuf b = { NULL, 0, 0 };
	size_t i;

	sb_add(&b, "parley: 1\ntitle: \"edge\"\nissues:\n");
	sb_add(&b, "  - {id: x, title: X, scale: [%.17g, %.17g]", lo, hi);
	if (!isnan(sq))
		sb_add(&b, ", status_quo: %.17g", sq);
	sb_add(&b, "}\n  - {id: y, title: Y, status_quo: 50}\nactors:\n");
	for (i = 0; i < n; i++)
		sb_add(&b, "  - {id: a%zu, name: A%zu, capability: %.17g, positions: "
			"{x: {position: %.17g, salience: %.17g}, y: {position: %.17g, salience: 50}}}\n",
			i, i, cap[i], pos[i], sal[i], 2.385 + (double)(i % 7));
	return b.p;
}

static parley_scenario *load(const char *yaml)
{
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	int rc = parley_scenario_load_buffer(&s, yaml, strlen(yaml), "edge.yaml", NULL, &diags);

	if (rc != 0) {
		size_t i;
		for (i = 0; i < diags.count; i++)
			print_message("%s\n", diags.items[i].message);
		fail_msg("edge.yaml does not load: %d", rc);
	}
	parley_diag_list_dispose(&diags);
	return s;
}

/* ------------------------------------------------------------------ */
/* checks                                                               */
/* ------------------------------------------------------------------ */

/* Outside JSON strings, every word must be true, false or null: no nan,
 * inf, NaN, Infinity. */
static void assert_json_finite(const char *json)
{
	const char *p = json;

	assert_non_null(json);
	while (*p) {
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			assert_true(*p == '"');
			p++;
		} else if (isalpha((unsigned char)*p) && (p == json || !isalnum((unsigned char)p[-1]))) {
			size_t k = 0;
			while (isalpha((unsigned char)p[k]))
				k++;
			if (!((k == 4 && !strncmp(p, "true", 4)) || (k == 5 && !strncmp(p, "false", 5)) ||
			      (k == 4 && !strncmp(p, "null", 4)) ||
			      ((k == 1 && (*p == 'e' || *p == 'E')) && p > json && isdigit((unsigned char)p[-1]))))
				fail_msg("JSON word '%.*s' at offset %zu", (int)k, p, (size_t)(p - json));
			p += k;
		} else {
			p++;
		}
	}
}

/* Text and CSV: no "nan" or "inf" word (case-insensitive) anywhere. */
static void assert_text_finite(const char *text, const char *what)
{
	const char *p;

	assert_non_null(text);
	for (p = text; *p; p++) {
		if (p > text && isalpha((unsigned char)p[-1]))
			continue;
		if ((!strncasecmp(p, "nan", 3) || !strncasecmp(p, "inf", 3)) && !isalpha((unsigned char)p[3]))
			fail_msg("%s output has '%.8s' at offset %zu", what, p, (size_t)(p - text));
	}
}

typedef struct {
	int err[32];    /* each model's error on issue x (0: ran) */
	double fc[32];  /* its forecast when it ran */
} outcome;

/* Forecast every model (bdm_rounds rounds), render JSON, text and CSV, and
 * check: every result finite and on the scale, or an error with a message;
 * no NaN/inf in any output. */
static outcome forecast_all_models(const parley_scenario *s, size_t bdm_rounds, unsigned models)
{
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	const parley_issue *is;
	outcome o;
	size_t i, m;

	memset(&o, 0, sizeof(o));
	fo.bdm.max_rounds = bdm_rounds;
	fo.models = models;
	assert_int_equal(parley_forecast_run(&f, s, &fo), 0);
	for (i = 0; i < parley_forecast_issue_count(f); i++) {
		is = parley_scenario_issue(s, i);
		for (m = 0; m < parley_model_count(); m++) {
			const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
			if (!r)
				continue;
			if (r->error) {
				assert_true(r->error < 0);
				if (m != PARLEY_MODEL_EXCHANGE)
					assert_non_null(r->message);
			} else {
				if (!isfinite(r->forecast))
					fail_msg("issue %zu model %zu: forecast %g", i, m, r->forecast);
				assert_true(r->forecast >= is->lo - 1e-9 * fabs(is->hi - is->lo));
				assert_true(r->forecast <= is->hi + 1e-9 * fabs(is->hi - is->lo));
				if (m == PARLEY_MODEL_BDM)
					assert_true(isfinite(r->mean));
			}
			if (i == 0) {
				o.err[m] = r->error;
				o.fc[m] = r->forecast;
			}
		}
	}
	assert_int_equal(parley_output_render(&out, s, f, PARLEY_OUTPUT_JSON), 0);
	assert_json_finite(out.ptr);
	parley_buf_dispose(&out);
	assert_int_equal(parley_output_render(&out, s, f, PARLEY_OUTPUT_TEXT), 0);
	assert_text_finite(out.ptr, "text");
	parley_buf_dispose(&out);
	assert_int_equal(parley_output_render(&out, s, f, PARLEY_OUTPUT_CSV), 0);
	assert_text_finite(out.ptr, "CSV");
	parley_buf_dispose(&out);
	parley_forecast_free(f);
	return o;
}

static outcome forecast_all(const parley_scenario *s, size_t bdm_rounds)
{
	return forecast_all_models(s, bdm_rounds, 0);
}

/* A short Monte Carlo run: summaries finite, JSON without NaN/inf. */
static void mc_all(const parley_scenario *s, uint64_t draws)
{
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
	parley_output_options oo = PARLEY_OUTPUT_OPTIONS_INIT;
	parley_forecast *f = NULL;
	parley_mc *mc = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	size_t i, m, q;

	fo.bdm.max_rounds = 3;
	mo.draws = draws;
	mo.seed = 2385;
	mo.threads = 1;
	assert_int_equal(parley_forecast_run(&f, s, &fo), 0);
	assert_int_equal(parley_mc_create(&mc, s, &fo, &mo), 0);
	while (parley_mc_remaining(mc) > 0)
		assert_int_equal(parley_mc_step(mc, 64), 0);
	for (i = 0; i < parley_scenario_issue_count(s); i++)
		for (m = 0; m < parley_model_count(); m++) {
			parley_mc_summary sum;
			if (parley_mc_summary_get(&sum, mc, i, (parley_model_id)m) != 0 || sum.ok == 0)
				continue;
			assert_true(isfinite(sum.mean) && isfinite(sum.sd));
			for (q = 0; q < 5; q++)
				assert_true(isfinite(sum.quantiles[q]));
		}
	oo.format = PARLEY_OUTPUT_JSON;
	oo.mc = mc;
	assert_int_equal(parley_output_write(&out, s, f, &oo), 0);
	assert_json_finite(out.ptr);
	parley_buf_dispose(&out);
	oo.format = PARLEY_OUTPUT_TEXT;
	assert_int_equal(parley_output_write(&out, s, f, &oo), 0);
	assert_text_finite(out.ptr, "text (Monte Carlo)");
	parley_buf_dispose(&out);
	parley_mc_free(mc);
	parley_forecast_free(f);
}

static outcome run_case(size_t n, const double *cap, const double *pos, const double *sal,
	double lo, double hi, double sq, int with_mc)
{
	char *yaml = scenario_yaml(n, cap, pos, sal, lo, hi, sq);
	parley_scenario *s = load(yaml);
	outcome o = forecast_all(s, 10);

	if (with_mc)
		mc_all(s, 200);
	parley_scenario_free(s);
	free(yaml);
	return o;
}

static void assert_model(const outcome *o, parley_model_id m, double want, double tol)
{
	if (o->err[m] != 0)
		fail_msg("model %d: error %d, want %.17g", (int)m, o->err[m], want);
	tu_assert_close(o->fc[m], want, tol, parley_model_type_at((size_t)m)->name);
}

/* ------------------------------------------------------------------ */
/* tests                                                                */
/* ------------------------------------------------------------------ */

static void test_edge_models__one_actor(void **state)
{
	double cap[] = { 42.5 }, pos[] = { 37.25 }, sal[] = { 71 };
	outcome o = run_case(1, cap, pos, sal, 0, 100, 20, 1);
	size_t m;

	(void)state;
	for (m = PARLEY_MODEL_MEAN; m <= PARLEY_MODEL_NBS; m++)
		assert_model(&o, (parley_model_id)m, 37.25, 1e-9);
	/* "the expected-utility model needs at least two actors on the issue" */
	assert_int_equal(o.err[PARLEY_MODEL_BDM], PARLEY_EINVAL);
}

static void test_edge_models__all_at_one_point(void **state)
{
	double cap[] = { 42.5, 1, 27.25, 1e3 }, pos[] = { 61.5, 61.5, 61.5, 61.5 },
		sal[] = { 71, 2.385, 100, 50 };
	outcome o = run_case(4, cap, pos, sal, 0, 100, 20, 1);
	size_t m;

	(void)state;
	for (m = PARLEY_MODEL_MEAN; m <= PARLEY_MODEL_BDM; m++)
		assert_model(&o, (parley_model_id)m, 61.5, 1e-9);
	/* ... and at the status quo itself */
	o = run_case(4, cap, pos, sal, 0, 100, 61.5, 0);
	for (m = PARLEY_MODEL_MEAN; m <= PARLEY_MODEL_BDM; m++)
		assert_model(&o, (parley_model_id)m, 61.5, 1e-9);
}

/* The loader refuses an issue on which every capability x salience is
 * zero ("every weight is zero on issue 'x'"), in YAML and in CSV. */
static void assert_refused(const char *data, const char *name, const char *what)
{
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	size_t i;
	int found = 0;

	assert_int_equal(parley_scenario_load_buffer(&s, data, strlen(data), name, NULL, &diags),
		PARLEY_EPARSE);
	assert_null(s);
	for (i = 0; i < diags.count; i++)
		found |= strstr(diags.items[i].message, what) != NULL;
	if (!found)
		fail_msg("%s: no diagnostic says '%s'", name, what);
	parley_diag_list_dispose(&diags);
}

static void test_edge_models__zero_saliences(void **state)
{
	double cap[] = { 42.5, 27.25, 30 }, pos[] = { 63.125, 8.5, 41.75 }, sal[] = { 0, 0, 0 };
	char *yaml = scenario_yaml(3, cap, pos, sal, 0, 100, 20);
	outcome o;

	(void)state;
	assert_refused(yaml, "edge.yaml", "every weight is zero on issue 'x'");
	free(yaml);
	assert_refused("Actor,Capability,Position,Salience\na,42.5,63.125,0\nb,27.25,8.5,0\n", "z.csv",
		"every weight is zero");
	/* one actor with a salience: the others' zero saliences leave the
	 * compromise and the median on it; the mean weighs capability only */
	sal[1] = 2.385;
	o = run_case(3, cap, pos, sal, 0, 100, 20, 1);
	assert_model(&o, PARLEY_MODEL_MEAN, (42.5 * 63.125 + 27.25 * 8.5 + 30 * 41.75) / 99.75, 1e-9);
	assert_model(&o, PARLEY_MODEL_COMPROMISE, 8.5, 1e-9);
	assert_model(&o, PARLEY_MODEL_MEDIAN, 8.5, 1e-9);
}

static void test_edge_models__zero_capabilities(void **state)
{
	double cap[] = { 0, 0, 0 }, pos[] = { 63.125, 8.5, 41.75 }, sal[] = { 71, 93, 48 };
	char *yaml = scenario_yaml(3, cap, pos, sal, 0, 100, 20);
	outcome o;

	(void)state;
	assert_refused(yaml, "edge.yaml", "every weight is zero on issue 'x'");
	free(yaml);
	assert_refused("Actor,Capability,Position,Salience\na,0,63.125,71\nb,0,8.5,93\n", "z.csv",
		"every weight is zero");
	/* one actor with a capability: every model on it */
	cap[2] = 2.385;
	o = run_case(3, cap, pos, sal, 0, 100, 20, 1);
	assert_model(&o, PARLEY_MODEL_MEAN, 41.75, 1e-9);
	assert_model(&o, PARLEY_MODEL_COMPROMISE, 41.75, 1e-9);
	assert_model(&o, PARLEY_MODEL_MEDIAN, 41.75, 1e-9);
}

/* One actor a 1e12 times stronger than the others: the weighted means sit
 * within 1e-9 of it, the median on it. */
static void test_edge_models__capability_ratio_1e12(void **state)
{
	double cap[] = { 1e12, 1, 1, 2.385 }, pos[] = { 77.5, 0, 12.5, 100 }, sal[] = { 50, 50, 50, 50 };
	outcome o = run_case(4, cap, pos, sal, 0, 100, 20, 1);
	double w = 1e12 + 4.385;
	double want = (1e12 * 77.5 + 12.5 + 238.5) / w;

	(void)state;
	assert_model(&o, PARLEY_MODEL_MEAN, want, 1e-9);
	assert_model(&o, PARLEY_MODEL_COMPROMISE, want, 1e-9);
	assert_model(&o, PARLEY_MODEL_MEDIAN, 77.5, 1e-9);
	/* and the tiny actors the other way round: 1e-12 against 1 */
	cap[0] = 1e-12;
	o = run_case(4, cap, pos, sal, 0, 100, 20, 1);
	assert_model(&o, PARLEY_MODEL_MEAN, (1e-12 * 77.5 + 12.5 + 238.5) / (1e-12 + 4.385), 1e-9);
}

/* Positions at both ends of the scale, and a scale far from 0..100. */
static void test_edge_models__positions_at_scale_ends(void **state)
{
	double cap[] = { 50, 50 }, pos[] = { 0, 100 }, sal[] = { 80, 80 };
	double pos2[] = { -1e6, 1e6 };
	outcome o = run_case(2, cap, pos, sal, 0, 100, 0, 1);

	(void)state;
	assert_model(&o, PARLEY_MODEL_MEAN, 50, 1e-9);
	assert_model(&o, PARLEY_MODEL_COMPROMISE, 50, 1e-9);
	assert_model(&o, PARLEY_MODEL_MEDIAN, 50, 1e-9); /* tie [0, 100], midpoint */
	o = run_case(2, cap, pos, sal, 0, 100, 100, 1);
	o = run_case(2, cap, pos2, sal, -1e6, 1e6, -1e6, 1);
	assert_model(&o, PARLEY_MODEL_MEAN, 0, 1e-6);
	/* every actor at the lower end, and at the upper end */
	pos[1] = 0;
	o = run_case(2, cap, pos, sal, 0, 100, 50, 0);
	assert_model(&o, PARLEY_MODEL_NBS, 0, 1e-9);
	pos[0] = pos[1] = 100;
	o = run_case(2, cap, pos, sal, 0, 100, 50, 0);
	assert_model(&o, PARLEY_MODEL_NBS, 100, 1e-9);
	assert_model(&o, PARLEY_MODEL_BDM, 100, 1e-9);
}

/* No status quo: the NBS reports its error, the others run. */
static void test_edge_models__no_status_quo(void **state)
{
	double cap[] = { 42.5, 27.25 }, pos[] = { 63.125, 8.5 }, sal[] = { 71, 93 };
	outcome o = run_case(2, cap, pos, sal, 0, 100, NAN, 1);

	(void)state;
	assert_int_equal(o.err[PARLEY_MODEL_NBS], PARLEY_ENOSTATUSQUO);
	assert_int_equal(o.err[PARLEY_MODEL_MEAN], 0);
}

/* 10^5 actors on one issue (a CSV actor table read from memory). The
 * means and the median are exact sums; a CSV table has no status quo, so
 * the NBS reports that; the expected-utility model (n^2 pair evaluations a
 * round: 10^11 at 10 rounds) refuses with its work limit. The NBS with a
 * status quo and BDM run at 2000 actors on YAML below. */
static void test_edge_models__1e5_actors(void **state)
{
	const size_t n = 100000;
	sbuf b = { NULL, 0, 0 };
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_load_options lo = PARLEY_LOAD_OPTIONS_INIT;
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_forecast *f = NULL;
	parley_buf out = PARLEY_BUF_INIT;
	double sw = 0, swx = 0;
	size_t i;
	clock_t t0 = clock();

	(void)state;
	sb_add(&b, "Actor,Capability,Position,Salience\n");
	for (i = 0; i < n; i++) {
		/* capability 1..10, position i mod 101, salience 50: mean = compromise */
		double c = (double)(1 + i % 10), x = (double)(i % 101);
		sb_add(&b, "a%zu,%g,%g,50\n", i, c, x);
		sw += c;
		swx += c * x;
	}
	lo.format = PARLEY_FORMAT_ACTOR_CSV;
	assert_int_equal(parley_scenario_load_buffer(&s, b.p, b.n, "big.csv", &lo, &diags), 0);
	assert_int_equal(parley_scenario_actor_count(s), n);
	fo.models = (1u << PARLEY_MODEL_MEAN) | (1u << PARLEY_MODEL_COMPROMISE) |
		(1u << PARLEY_MODEL_MEDIAN) | (1u << PARLEY_MODEL_NBS);
	assert_int_equal(parley_forecast_run(&f, s, &fo), 0);
	tu_assert_close(parley_forecast_result(f, 0, PARLEY_MODEL_MEAN)->forecast, swx / sw, 1e-9, "mean");
	tu_assert_close(parley_forecast_result(f, 0, PARLEY_MODEL_COMPROMISE)->forecast, swx / sw, 1e-9,
		"compromise");
	assert_int_equal(parley_forecast_result(f, 0, PARLEY_MODEL_MEDIAN)->error, 0);
	assert_true(isfinite(parley_forecast_result(f, 0, PARLEY_MODEL_MEDIAN)->forecast));
	/* a CSV table has no status quo: the NBS says so */
	assert_int_equal(parley_forecast_result(f, 0, PARLEY_MODEL_NBS)->error, PARLEY_ENOSTATUSQUO);
	assert_int_equal(parley_output_render(&out, s, f, PARLEY_OUTPUT_JSON), 0);
	assert_json_finite(out.ptr);
	parley_buf_dispose(&out);
	parley_forecast_free(f);
	/* the expected-utility model weighs n^2 pairs a round: at 10^5 actors
	 * it refuses at once, with its work limit in the message */
	fo.models = 1u << PARLEY_MODEL_BDM;
	assert_int_equal(parley_forecast_run(&f, s, &fo), 0);
	assert_int_equal(parley_forecast_result(f, 0, PARLEY_MODEL_BDM)->error, PARLEY_EINVAL);
	assert_non_null(strstr(parley_forecast_result(f, 0, PARLEY_MODEL_BDM)->message, "work limit"));
	parley_forecast_free(f);
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
	free(b.p);
	print_message("1e5 actors (CSV): load + mean, compromise, median, nbs in %.2f s of CPU\n",
		(double)(clock() - t0) / CLOCKS_PER_SEC);
}

/* The same models, the NBS with a status quo and the expected-utility model
 * (3 rounds) on YAML with 2000 actors. */
static void test_edge_models__many_actors_yaml(void **state)
{
	const size_t n = 2000;
	double *cap = malloc(n * sizeof(double)), *pos = malloc(n * sizeof(double)),
		*sal = malloc(n * sizeof(double));
	char *yaml;
	parley_scenario *s;
	size_t i;
	clock_t t0 = clock();

	(void)state;
	assert_true(cap && pos && sal);
	for (i = 0; i < n; i++) {
		cap[i] = 1 + (double)(i % 13) * 2.385;
		pos[i] = (double)((i * 37) % 101);
		sal[i] = 10 + (double)(i % 9) * 10;
	}
	yaml = scenario_yaml(n, cap, pos, sal, 0, 100, 20);
	s = load(yaml);
	forecast_all_models(s, 3, ~(1u << PARLEY_MODEL_EXCHANGE) & parley_model_default_selection());
	print_message("2000 actors (YAML), every model but exchange, BDM 3 rounds: %.2f s of CPU\n",
		(double)(clock() - t0) / CLOCKS_PER_SEC);
	/* the exchange model's work grows with actors^3: at 2000 actors it
	 * stops at its work limit (exchange.max_evaluations) with a clear
	 * error, in seconds, instead of running for hours */
	t0 = clock();
	{
		parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
		parley_forecast *f = NULL;
		const parley_model_result *r;
		fo.models = 1u << PARLEY_MODEL_EXCHANGE;
		/* the refusal is the model's error on each issue, not the run's */
		assert_int_equal(parley_forecast_run(&f, s, &fo), 0);
		r = parley_forecast_result(f, 0, PARLEY_MODEL_EXCHANGE);
		assert_non_null(r);
		assert_int_equal(r->error, PARLEY_EINVAL);
		assert_non_null(r->message);
		parley_forecast_free(f);
	}
	print_message("2000 actors, exchange model: refused after %.2f s of CPU\n",
		(double)(clock() - t0) / CLOCKS_PER_SEC);
	parley_scenario_free(s);
	free(yaml);
	free(cap);
	free(pos);
	free(sal);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edge_models__one_actor),
		cmocka_unit_test(test_edge_models__all_at_one_point),
		cmocka_unit_test(test_edge_models__zero_saliences),
		cmocka_unit_test(test_edge_models__zero_capabilities),
		cmocka_unit_test(test_edge_models__capability_ratio_1e12),
		cmocka_unit_test(test_edge_models__positions_at_scale_ends),
		cmocka_unit_test(test_edge_models__no_status_quo),
		cmocka_unit_test(test_edge_models__1e5_actors),
		cmocka_unit_test(test_edge_models__many_actors_yaml),
	};

	return tu_run_tests(tests, argc, argv);
}
