/*
 * test_mc.c - Monte Carlo forecasts (parley/mc.h) through the public API,
 * on tiny scenarios built from YAML strings.
 *
 * Where the expected values come from:
 *  - test_mc_philox__*: Random123's known-answer vectors (its file
 *    tests/kat_vectors, the "philox4x32 10" lines: counter, key, output), and
 *    mc.h's definition of a draw (key = seed, counter = (draw, variable,
 *    attempt); a uniform takes words 0 and 1 as 53 bits, ((bits >> 11) +
 *    0.5) / 2^53, mc.c `unit`).
 *  - test_mc_stats__*: closed forms. The scenarios make a model's forecast a
 *    known function of one uncertain position X: the weighted median is X
 *    when X's actor holds more than half the weight (Black 1948;
 *    models.md 3), the capability-weighted mean is sum(c x) / sum(c). The
 *    distributions' moments: normal N(m, s) (truncation at 5 sd changes the
 *    sd by a relative 7e-6, below every tolerance); uniform [a, b] mean
 *    (a + b) / 2, sd (b - a) / sqrt(12); triangular mean (a + m + b) / 3,
 *    variance (a^2 + m^2 + b^2 - am - ab - mb) / 18; PERT (Malcolm et al.
 *    1959) Beta(1 + 4 (m - a)/(b - a), 1 + 4 (b - m)/(b - a)) on [a, b],
 *    mean (a + 4m + b) / 6; a normal truncated to [lo, hi] has mean
 *    mu + s (phi(al) - phi(be)) / Z (Johnson, Kotz and Balakrishnan 1994,
 *    13.10); truncated triangulars by numerical integration of the density
 *    (Simpson, 20000 panels, error far below the tolerance).
 *    Tolerances: K = 4 standard errors of the estimate at N draws (a fixed
 *    seed makes each check deterministic; a correct implementation fails a
 *    4-SE check with probability 6e-5 per check over seeds): SE(mean) =
 *    sd / sqrt(N); SE(sd) <= sd sqrt((kurtosis - 1) / (4N)) with kurtosis
 *    <= 3 for every distribution here, i.e. sd / sqrt(2N); SE(p) = sqrt(p (1
 *    - p) / N); SE(quantile q_p) = sqrt(p (1 - p) / N) / f(q_p), plus one
 *    fine-histogram bin (hi - lo) / 1024 for reading quantiles from the
 *    histogram (mc.h).
 *  - test_mc_repro__*: mc.h ("the output is identical for any number of
 *    threads and any split of the draws over processes").
 *  - test_mc_sensitivity__*: mc.h (variance share = squared correlation of
 *    input and forecast; derivative = central difference at the point
 *    values, exact for a linear forecast up to rounding).
 *  - test_mc_errors__*, test_mc_alloc__*: mc.h's return codes; common.h
 *    (PARLEY_ENOMEM when an allocation fails, nothing leaked).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley.h"
#include "mc_draw.h"

#if defined(__has_include)
#if __has_include(<Random123/philox.h>)
#include <Random123/philox.h>
#define HAVE_RANDOM123 1
#endif
#endif

#define N_STAT 20000   /* draws of the statistical tests */
#define K_SE 4.0       /* tolerance in standard errors */
#define BIN(lo, hi) (((hi) - (lo)) / 1024.0) /* one fine-histogram bin (mc.h) */

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */

static parley_scenario *load_yaml(const char *yaml)
{
	return tu_load_yaml(yaml, "mc.yaml");
}

static parley_scenario *load_file(const char *name)
{
	char path[1024];
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;

	snprintf(path, sizeof(path), "%s/data/mc/%s", PARLEY_TEST_DIR, name);
	assert_int_equal(parley_scenario_load_file(&s, path, NULL, &diags), 0);
	parley_diag_list_dispose(&diags);
	assert_non_null(s);
	return s;
}

/* A finished run: create, then step by `chunk` draws until none remain. */
static parley_mc *run_mc(const parley_scenario *s, unsigned models, uint64_t draws, uint64_t seed,
	unsigned threads, uint64_t chunk)
{
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
	parley_mc *mc = NULL;

	fo.models = models;
	mo.draws = draws;
	mo.seed = seed;
	mo.threads = threads;
	assert_int_equal(parley_mc_create(&mc, s, &fo, &mo), 0);
	assert_non_null(mc);
	assert_int_equal(parley_mc_part_draws(mc), draws);
	while (parley_mc_remaining(mc) > 0)
		assert_int_equal(parley_mc_step(mc, chunk), 0);
	return mc;
}

static parley_mc_summary summary(const parley_mc *mc, size_t issue, parley_model_id m)
{
	parley_mc_summary sum;

	assert_int_equal(parley_mc_summary_get(&sum, mc, issue, m), 0);
	return sum;
}

/* The serialised totals as a malloc'ed copy. */
static char *totals(const parley_mc *mc, size_t *len)
{
	parley_buf b = PARLEY_BUF_INIT;
	char *copy;

	assert_int_equal(parley_mc_serialize(&b, mc), 0);
	assert_true(b.size > 32);
	copy = malloc(b.size);
	assert_non_null(copy);
	memcpy(copy, b.ptr, b.size);
	*len = b.size;
	parley_buf_dispose(&b);
	return copy;
}

static void assert_same_totals(const parley_mc *a, const parley_mc *b, const char *what)
{
	size_t la, lb;
	char *ta = totals(a, &la), *tb = totals(b, &lb);

	if (la != lb || memcmp(ta, tb, la) != 0)
		fail_msg("%s: serialised totals differ (%zu and %zu bytes)", what, la, lb);
	free(ta);
	free(tb);
}

/* The JSON report with the run's results, as a malloc'ed string. */
static char *json_report(const parley_scenario *s, const parley_mc *mc, unsigned models)
{
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_output_options oo = PARLEY_OUTPUT_OPTIONS_INIT;
	parley_forecast *f = NULL;
	parley_buf b = PARLEY_BUF_INIT;
	char *copy;

	fo.models = models;
	oo.format = PARLEY_OUTPUT_JSON;
	oo.mc = mc;
	assert_int_equal(parley_forecast_run(&f, s, &fo), 0);
	assert_int_equal(parley_output_write(&b, s, f, &oo), 0);
	assert_non_null(b.ptr);
	copy = strdup(b.ptr);
	assert_non_null(copy);
	parley_buf_dispose(&b);
	parley_forecast_free(f);
	return copy;
}

/* K standard errors of a mean and an sd at n draws, given the sd. */
static double tol_mean(double sd, uint64_t n)
{
	return K_SE * sd / sqrt((double)n);
}

static double tol_sd(double sd, uint64_t n)
{
	return K_SE * sd / sqrt(2.0 * (double)n);
}

static double tol_p(double p, uint64_t n)
{
	return K_SE * sqrt(p * (1 - p) / (double)n);
}

static double phi(double z)
{
	return exp(-0.5 * z * z) / 2.5066282746310002; /* sqrt(2 pi) */
}

static double Phi(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

/* Standard normal quantiles of the levels 5, 25, 50, 75, 95 (to 9 digits;
 * Abramowitz and Stegun 26.2, Table 26.1). */
static const double Z_LEVELS[5] = { -1.644853627, -0.674489750, 0.0, 0.674489750, 1.644853627 };

/*
 * One issue on [0, 100] (no status quo), actor A with weight above half
 * (capability 61.5 of 100, salience 50 like everybody's) and position
 * `pos_a` (YAML of a coded number); B (23.25 at 12.5) and C (15.25 at
 * 87.75) fixed. So the weighted median is A's position exactly, and the
 * capability-weighted mean is 0.615 X + (23.25 * 12.5 + 15.25 * 87.75) /
 * 100 = 0.615 X + 16.288125. `extra` is added at the top level (defaults).
 */
#define W_A 0.615
#define MEAN_OFFSET 16.288125
/* The same on the scale [lo, hi]: every point t of the 0-100 version at
 * lo + t (hi - lo) / 100; `extra` may also hold the issue's own keys
 * (`issue_extra`, e.g. its uncertainty). */
static parley_scenario *dominant_on(double lo, double hi, const char *pos_a, const char *extra,
	const char *issue_extra)
{
	tu_sbuf b = TU_SBUF_INIT;
	parley_scenario *s;
	double f = (hi - lo) / 100;

	tu_sbuf_printf(&b, "parley: 1\ntitle: \"Dominant actor\"\n%s"
		"issues:\n  - {id: x, title: X, scale: [%.17g, %.17g], zones: [{name: low, range: [%.17g, %.17g]}, "
		"{name: upper, range: [%.17g, %.17g]}]%s%s}\n"
		"actors:\n"
		"  - {id: a, name: A, capability: 61.5, positions: {x: {position: %s, salience: 50}}}\n"
		"  - {id: b, name: B, capability: 23.25, positions: {x: {position: %.17g, salience: 50}}}\n"
		"  - {id: c, name: C, capability: 15.25, positions: {x: {position: %.17g, salience: 50}}}\n",
		extra ? extra : "", lo, hi, lo, lo + 40 * f, lo + 62.5 * f, lo + 87.5 * f,
		issue_extra ? ", " : "", issue_extra ? issue_extra : "", pos_a, lo + 12.5 * f, lo + 87.75 * f);
	s = load_yaml(b.p);
	free(b.p);
	return s;
}

static parley_scenario *dominant(const char *pos_a, const char *extra)
{
	return dominant_on(0, 100, pos_a, extra, NULL);
}

#define M_MEAN (1u << PARLEY_MODEL_MEAN)
#define M_MEDIAN (1u << PARLEY_MODEL_MEDIAN)
#define M_COMPROMISE (1u << PARLEY_MODEL_COMPROMISE)

/* Mean and sd of the weighted median (= A's position) over N_STAT draws
 * against the exact values, within K_SE standard errors. */
static void check_moments(const char *pos_a, const char *extra, double mean, double sd,
	const char *what)
{
	parley_scenario *s = dominant(pos_a, extra);
	parley_mc *mc = run_mc(s, M_MEDIAN, N_STAT, 20220110, 2, N_STAT);
	parley_mc_summary sum = summary(mc, 0, PARLEY_MODEL_MEDIAN);

	assert_int_equal(sum.draws, N_STAT);
	assert_int_equal(sum.ok, N_STAT);
	tu_assert_close(sum.mean, mean, tol_mean(sd, N_STAT), what);
	tu_assert_close(sum.sd, sd, tol_sd(sd, N_STAT), what);
	/* every draw on the scale: the extreme quantiles inside [lo, hi] */
	assert_true(sum.quantiles[0] >= 0 && sum.quantiles[4] <= 100);
	parley_mc_free(mc);
	parley_scenario_free(s);
}

/* Mean and sd of a density on [lo, hi] (not normalised) by Simpson's rule. */
static void density_moments(double (*f)(double, const double *), const double *par, double lo,
	double hi, double *mean, double *sd)
{
	const int n = 20000;
	double h = (hi - lo) / n, m0 = 0, m1 = 0, m2 = 0;
	int k;

	for (k = 0; k <= n; k++) {
		double x = lo + h * k, w = (k == 0 || k == n) ? 1 : (k % 2 ? 4 : 2), y = f(x, par) * w;
		m0 += y;
		m1 += y * x;
		m2 += y * x * x;
	}
	*mean = m1 / m0;
	*sd = sqrt(m2 / m0 - *mean * *mean);
}

/* Triangular density on [par[0], par[2]] with mode par[1] (unnormalised). */
static double tri_density(double x, const double *par)
{
	double a = par[0], m = par[1], b = par[2];
	if (x < a || x > b)
		return 0;
	return x <= m ? (x - a) / (m - a) : (b - x) / (b - m);
}

/* ------------------------------------------------------------------ */
/* Philox                                                               */
/* ------------------------------------------------------------------ */

/* Random123 known answers, through the header the library is built with. */
static void test_mc_philox__known_answer(void **state)
{
#ifdef HAVE_RANDOM123
	static const struct { uint32_t ctr[4], key[2], out[4]; } kat[3] = {
		{ { 0, 0, 0, 0 }, { 0, 0 }, { 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8 } },
		{ { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }, { 0xffffffff, 0xffffffff },
		  { 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd } },
		{ { 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344 }, { 0xa4093822, 0x299f31d0 },
		  { 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1 } },
	};
	size_t k, j;

	(void)state;
	for (k = 0; k < 3; k++) {
		philox4x32_ctr_t c = {{ kat[k].ctr[0], kat[k].ctr[1], kat[k].ctr[2], kat[k].ctr[3] }};
		philox4x32_key_t key = {{ kat[k].key[0], kat[k].key[1] }};
		philox4x32_ctr_t r = philox4x32(c, key);
		for (j = 0; j < 4; j++)
			if (r.v[j] != kat[k].out[j])
				fail_msg("KAT %zu word %zu: %08x, want %08x", k, j, r.v[j], kat[k].out[j]);
	}
#else
	(void)state;
	print_message("SKIP: <Random123/philox.h> is not on the test's include path\n");
	skip();
#endif
}

#ifdef HAVE_RANDOM123
/* The uniform of variable v in draw d as mc.h defines it: word v % 4 of
 * Philox4x32-10 block (d, v / 4, 0) under key = seed, mapped to (0, 1). */
static double variable_unit(uint64_t seed, uint64_t d, unsigned v)
{
	philox4x32_ctr_t c = {{ (uint32_t)d, (uint32_t)(d >> 32), v / 4, 0 }};
	philox4x32_key_t k = {{ (uint32_t)seed, (uint32_t)(seed >> 32) }};
	philox4x32_ctr_t r = philox4x32(c, k);

	return ((double)r.v[v % 4] + 0.5) / 4294967296.0;
}
#endif

/* The library's draws are the ones mc.h defines: a uniform position on
 * [0, 100] of variable 1 (variable 0 is the status quo: status quos come
 * first) in draws 0 and 1 with seed 0x0123456789abcdef; the weighted
 * median is that position, so the run's mean is their average (to the
 * 32-bit fixed point, 100 / 2^32). */
static void test_mc_philox__draws_follow_the_counter(void **state)
{
#ifdef HAVE_RANDOM123
	static const char yaml[] =
		"parley: 1\ntitle: t\n"
		"issues: [{id: x, title: X, status_quo: {value: 30, uniform: [10, 50]}}]\n"
		"actors:\n"
		"  - {id: a, name: A, capability: 61.5, positions: {x: {position: {value: 40, uniform: [0, 100]}, salience: 50}}}\n"
		"  - {id: b, name: B, capability: 38.5, positions: {x: {position: 12.5, salience: 50}}}\n";
	const uint64_t seed = UINT64_C(0x0123456789abcdef);
	parley_scenario *s = load_yaml(yaml);
	parley_mc *mc = run_mc(s, M_MEDIAN, 2, seed, 1, 2);
	parley_mc_summary sum = summary(mc, 0, PARLEY_MODEL_MEDIAN);
	double want = 0;
	uint64_t d;

	(void)state;
	for (d = 0; d < 2; d++) {
		/* variable 1 shares block (d, 1 / 4 = 0, 0) with variables 0, 2
		 * and 3: its word is word 1 */
		want += 100 * variable_unit(seed, d, 1) / 2;
	}
	assert_int_equal(sum.ok, 2);
	tu_assert_close(sum.mean, want, 1e-7, "mean of draws 0 and 1");
	parley_mc_free(mc);
	parley_scenario_free(s);
#else
	(void)state;
	skip();
#endif
}

/* Variables 0..71 (uniform positions on [0, 100]: eighteen Philox blocks,
 * so two full groups of eight blocks of the AVX2 path and a partial third,
 * four-block groups of the portable path) take word v % 4 of block
 * (d, v / 4, 0): the capability-weighted mean of one draw, with
 * capabilities 1..72 that tell the variables apart, is the mean of those
 * uniforms weighted so (to the 32-bit fixed point). */
static void test_mc_philox__every_lane_follows_the_counter(void **state)
{
#ifdef HAVE_RANDOM123
	const uint64_t seed = UINT64_C(0xfedcba9876543210);
	tu_sbuf b = TU_SBUF_INIT;
	parley_scenario *s;
	parley_mc *mc;
	parley_mc_summary sum;
	double swx = 0, sw = 0;
	unsigned v;

	(void)state;
	tu_sbuf_printf(&b, "parley: 1\ntitle: t\nissues: [{id: x, title: X}]\nactors:\n");
	for (v = 0; v < 72; v++)
		tu_sbuf_printf(&b, "  - {id: a%u, name: A%u, capability: %u, positions: "
			"{x: {position: {value: 50, uniform: [0, 100]}, salience: 50}}}\n", v, v, v + 1);
	s = load_yaml(b.p);
	free(b.p);
	mc = run_mc(s, M_MEAN, 1, seed, 1, 1);
	sum = summary(mc, 0, PARLEY_MODEL_MEAN);
	for (v = 0; v < 72; v++) {
		swx += (v + 1) * 100 * variable_unit(seed, 0, v);
		sw += v + 1;
	}
	assert_int_equal(sum.ok, 1);
	tu_assert_close(sum.mean, swx / sw, 1e-7, "weighted mean of draw 0");
	parley_mc_free(mc);
	parley_scenario_free(s);
#else
	(void)state;
	skip();
#endif
}

/* Knuth's MMIX LCG, and its top 53 bits as a uniform on [0, 1). */
static uint64_t lcg_next(uint64_t *st)
{
	*st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
	return *st >> 11;
}

static double lcg_unit(uint64_t *st)
{
	return (double)lcg_next(st) / 9007199254740992.0;
}

#ifdef HAVE_RANDOM123
/* The ziggurat's layer ends as mc.c computes them (Marsaglia and Tsang
 * 2000, 256 layers). */
static void zig_table(double *x)
{
	const double R = 3.6541528853610088, V = 4.92867323399e-3;
	size_t i;

	x[0] = V / exp(-0.5 * R * R);
	x[1] = R;
	for (i = 1; i < 255; i++)
		x[i + 1] = sqrt(-2.0 * log(V / x[i] + exp(-0.5 * x[i] * x[i])));
	x[256] = 0;
}
#endif

/* The first pass of a draw (mc_draw.c) gives the same bits with AVX2 as in
 * portable C: 1024 variables (normals around random values with random
 * spreads and supports, some narrow enough that draws fall outside, and
 * variables the fast path does not apply to), 300 draws under two seeds:
 * every word equals Random123's, every flag, and every value and fixed
 * point where the fast path applies. */
static void test_mc_first__avx2_matches_portable(void **state)
{
#ifdef HAVE_RANDOM123
	enum { NV = 1024 };
	static double store[6 * NV], zx[257], va[NV], vb[NV];
	static uint32_t wa[NV], wb[NV], fa[NV], fb[NV];
	static unsigned char oa[NV], ob[NV];
	parley_mc_fast f;
	uint64_t st = 99, d, seed;
	size_t v, fast = 0, accepted = 0;

	(void)state;
	if (!parley_mc__have_avx2()) {
		print_message("SKIP: this CPU has no AVX2 (the portable path is the only one)\n");
		skip();
		return;
	}
	zig_table(zx);
	f.value = store;
	f.p0 = store + NV;
	f.lo = store + 2 * NV;
	f.hi = store + 3 * NV;
	f.slo = store + 4 * NV;
	f.scale = store + 5 * NV;
	f.zx = zx;
	f.padded = NV;
	for (v = 0; v < NV; v++) {
		int on = lcg_next(&st) % 5 != 0;
		double lo = 100.0 * lcg_unit(&st) - 50.0, width = 1.0 + 200.0 * lcg_unit(&st);
		f.value[v] = lo + width * lcg_unit(&st);
		f.p0[v] = 0.1 + 30.0 * lcg_unit(&st);
		f.lo[v] = on ? lo : HUGE_VAL;
		f.hi[v] = on ? lo + width : -HUGE_VAL;
		f.slo[v] = lo;
		f.scale[v] = PARLEY_MC_INPUT_ONE / width;
		fast += (size_t)on;
	}
	for (seed = 1; seed <= 2; seed++)
		for (d = 0; d < 150; d++) {
			uint64_t draw = d * UINT64_C(0x100000001) + seed;
			parley_mc__draw_first(&f, seed * UINT64_C(0x9e3779b97f4a7c15), draw, wa, va, fa, oa, 0);
			parley_mc__draw_first(&f, seed * UINT64_C(0x9e3779b97f4a7c15), draw, wb, vb, fb, ob, 1);
			for (v = 0; v < NV; v++) {
				philox4x32_ctr_t c = {{ (uint32_t)draw, (uint32_t)(draw >> 32), (uint32_t)(v / 4), 0 }};
				uint64_t key = seed * UINT64_C(0x9e3779b97f4a7c15);
				philox4x32_key_t k = {{ (uint32_t)key, (uint32_t)(key >> 32) }};
				uint32_t want = philox4x32(c, k).v[v % 4];
				if (wa[v] != want || wb[v] != want)
					fail_msg("draw %llu variable %zu: words %08x / %08x, Random123 %08x",
						(unsigned long long)draw, v, wa[v], wb[v], want);
				if (oa[v] != ob[v])
					fail_msg("draw %llu variable %zu: flags %d / %d",
						(unsigned long long)draw, v, oa[v], ob[v]);
				if (oa[v] && (memcmp(&va[v], &vb[v], sizeof(double)) != 0 || fa[v] != fb[v]))
					fail_msg("draw %llu variable %zu: %.17g / %.17g, fixed %u / %u",
						(unsigned long long)draw, v, va[v], vb[v], fa[v], fb[v]);
				accepted += oa[v];
			}
		}
	/* the fast path took most of its variables' draws, and not all */
	assert_true(accepted > 300 * fast / 2 && accepted < 300 * fast);
#else
	(void)state;
	print_message("SKIP: <Random123/philox.h> is not on the test's include path\n");
	skip();
#endif
}

/* ------------------------------------------------------------------ */
/* statistics                                                           */
/* ------------------------------------------------------------------ */

/* Normal(50, 10) position of A: the median is X, the mean 0.615 X +
 * 16.288125, so mean 47.038125 and sd 6.15; quantiles m + sd z_p. */
static void test_mc_stats__normal_linear(void **state)
{
	parley_scenario *s = dominant("{value: 50, sd: 10}", NULL);
	parley_mc *mc = run_mc(s, M_MEAN | M_MEDIAN, N_STAT, 1, 2, 4096);
	size_t k, m;

	(void)state;
	for (m = 0; m < 2; m++) {
		parley_model_id id = m ? PARLEY_MODEL_MEDIAN : PARLEY_MODEL_MEAN;
		double mean = m ? 50 : W_A * 50 + MEAN_OFFSET, sd = m ? 10 : W_A * 10;
		parley_mc_summary sum = summary(mc, 0, id);
		assert_int_equal(sum.draws, N_STAT);
		assert_int_equal(sum.ok, N_STAT);
		tu_assert_close(sum.mean, mean, tol_mean(sd, N_STAT), m ? "median mean" : "mean mean");
		tu_assert_close(sum.sd, sd, tol_sd(sd, N_STAT), m ? "median sd" : "mean sd");
		for (k = 0; k < 5; k++) {
			double p = parley_mc_quantile_levels[k] / 100.0, z = Z_LEVELS[k];
			double f = phi(z) / sd; /* density at the quantile */
			double tol = BIN(0, 100) + K_SE * sqrt(p * (1 - p) / N_STAT) / f;
			tu_assert_close(sum.quantiles[k], mean + sd * z, tol, "quantile");
		}
		/* the coarse histogram holds every draw */
		{
			uint64_t total = 0;
			assert_int_equal(sum.bins, 20);
			for (k = 0; k < sum.bins; k++)
				total += sum.counts[k];
			assert_int_equal(total, N_STAT);
		}
	}
	assert_int_equal(parley_mc_quantile_levels[0], 5);
	assert_int_equal(parley_mc_quantile_levels[4], 95);
	parley_mc_free(mc);
	parley_scenario_free(s);
}

static void test_mc_stats__uniform(void **state)
{
	/* uniform [12.5, 92.5]: mean 52.5, sd 80 / sqrt(12) */
	(void)state;
	check_moments("{value: 40, uniform: [12.5, 92.5]}", NULL, 52.5, 80 / sqrt(12.0), "uniform");
}

static void test_mc_stats__triangular(void **state)
{
	/* triangular(10, 25, 90): mean 125 / 3; variance (100 + 625 + 8100 -
	 * 250 - 900 - 2250) / 18 = 5425 / 18 */
	(void)state;
	check_moments("{value: 25, triangular: [10, 90]}", NULL, 125.0 / 3, sqrt(5425.0 / 18),
		"triangular");
}

static void test_mc_stats__pert(void **state)
{
	/* low 10, likely 25, high 90: mean (10 + 4 * 25 + 90) / 6 = 200 / 6;
	 * Beta(1.75, 4.25) on [10, 90]: variance 1.75 * 4.25 / (6^2 * 7) * 80^2 */
	(void)state;
	check_moments("{low: 10, likely: 25, high: 90}", NULL, 200.0 / 6,
		80 * sqrt(1.75 * 4.25 / (36.0 * 7.0)), "pert");
}

/* A normal(90, 10) position truncated to the scale [0, 100]: inverse-CDF
 * sampling between the truncation points gives the truncated normal, with
 * mean 90 + 10 (phi(-9) - phi(1)) / (Phi(1) - Phi(-9)) = 87.124 (clamping
 * the draws at 100 would give 89.17) and every draw inside [0, 100]. */
static void test_mc_stats__normal_truncated(void **state)
{
	double al = -9, be = 1, z = Phi(be) - Phi(al);
	double mean = 90 + 10 * (phi(al) - phi(be)) / z;
	double var = 100 * (1 + (al * phi(al) - be * phi(be)) / z - pow((phi(al) - phi(be)) / z, 2));

	(void)state;
	check_moments("{value: 90, sd: 10}", NULL, mean, sqrt(var), "truncated normal");
}

/* A normal whose support holds under a quarter of its mass is drawn by
 * the inverse CDF between the truncation points (mc.c: draw_value), the
 * others by the ziggurat with rejection: normal(50, 1000) on [0, 100] has
 * al = -0.05, be = 0.05, nearly uniform (mean 50 by symmetry). */
static void test_mc_stats__normal_wide_truncated(void **state)
{
	double al = -0.05, be = 0.05, z = Phi(be) - Phi(al);
	double var = 1e6 * (1 + (al * phi(al) - be * phi(be)) / z);

	(void)state;
	check_moments("{value: 50, sd: 1000}", NULL, 50, sqrt(var), "wide truncated normal");
}

/* The ziggurat's rare branches: the wedges of its layers and the tail
 * beyond R = 3.654 sd (mc.c: ziggurat_normal). A normal(500, 10) position
 * on [0, 1000]: P(|z| >= 3) = 2.6998e-3 and P(|z| >= 3.8) = 1.4470e-4
 * (two-sided normal tails), within 4 standard errors over 400,000 draws
 * (expected 1,080 and 58 draws). */
static void test_mc_stats__normal_tails(void **state)
{
	static const char yaml[] =
		"parley: 1\ntitle: t\n"
		"issues:\n  - {id: x, title: X, scale: [0, 1000], zones: ["
		"{name: lo3, range: [0, 470]}, {name: hi3, range: [530, 1000]},"
		"{name: lo38, range: [0, 462]}, {name: hi38, range: [538, 1000]}]}\n"
		"actors:\n"
		"  - {id: a, name: A, capability: 1, positions: {x: {position: {value: 500, sd: 10}, salience: 50}}}\n";
	const uint64_t n = 400000;
	parley_scenario *s = load_yaml(yaml);
	parley_mc *mc = run_mc(s, M_MEDIAN, n, 7, 2, 65536);
	parley_mc_summary sum = summary(mc, 0, PARLEY_MODEL_MEDIAN);
	double p3, p38;

	(void)state;
	assert_int_equal(sum.zone_count, 4);
	p3 = (double)(sum.zone_hits[0] + sum.zone_hits[1]) / (double)n;
	p38 = (double)(sum.zone_hits[2] + sum.zone_hits[3]) / (double)n;
	tu_assert_close(p3, 2.6998e-3, tol_p(2.6998e-3, n), "P(|z| >= 3)");
	tu_assert_close(p38, 1.4470e-4, tol_p(1.4470e-4, n), "P(|z| >= 3.8)");
	/* both tails: symmetric within the same tolerance */
	tu_assert_close((double)sum.zone_hits[2] / (double)n, 0.7235e-4, tol_p(0.7235e-4, n), "P(z <= -3.8)");
	parley_mc_free(mc);
	parley_scenario_free(s);
}

/* Scenario defaults whose ranges cross the scale's end are truncated too
 * (mc.c: "each truncated to the number's domain"): uniform [-10, 10]
 * around 95 is uniform on [85, 100] (mean 92.5, sd 15 / sqrt(12)), not a
 * mass of 1/4 at 100 (mean 94.375); triangular [-10, 10] around 95 is
 * triangular(85, 95, 105) cut at 100. */
static void test_mc_stats__default_truncated(void **state)
{
	static const double tri[3] = { 85, 95, 105 };
	double mean, sd;

	(void)state;
	check_moments("95", "defaults: {uncertainty: {position: {uniform: [-10, 10]}}}\n", 92.5,
		15 / sqrt(12.0), "default uniform at the end of the scale");
	density_moments(tri_density, tri, 85, 100, &mean, &sd);
	tu_assert_close(mean, 94.0476190, 1e-6, "Simpson: truncated triangular mean (hand: 82.29167 / 0.875)");
	check_moments("95", "defaults: {uncertainty: {position: {triangular: [-10, 10]}}}\n", mean, sd,
		"default triangular at the end of the scale");
}

/* Defaults apply only where a number has no uncertainty of its own: with
 * `position: {sd: 10}` as default, A's own uniform [30, 50] keeps sd 20 /
 * sqrt(12) = 5.77; a plain 40 gets the default, normal(40, 10) truncated
 * to [0, 100] (at -4 and +6 sd; moments as in normal_truncated). */
static void test_mc_stats__defaults_only_where_missing(void **state)
{
	const char *d = "defaults: {uncertainty: {position: {sd: 10}}}\n";
	double al = -4, be = 6, z = Phi(be) - Phi(al);
	double mean = 40 + 10 * (phi(al) - phi(be)) / z;
	double var = 100 * (1 + (al * phi(al) - be * phi(be)) / z - pow((phi(al) - phi(be)) / z, 2));

	(void)state;
	check_moments("{value: 40, uniform: [30, 50]}", d, 40, 20 / sqrt(12.0), "own uniform kept");
	check_moments("40", d, mean, sqrt(var), "default sd 10");
	/* without defaults nothing is uncertain: sd 0, every quantile the point */
	{
		parley_scenario *s = dominant("40", NULL);
		parley_mc *mc = run_mc(s, M_MEDIAN | M_MEAN, 500, 7, 3, 100);
		parley_mc_summary sum = summary(mc, 0, PARLEY_MODEL_MEDIAN);
		size_t k;
		assert_true(sum.sd == 0);
		for (k = 0; k < 5; k++)
			tu_assert_close(sum.quantiles[k], 40, 1e-6, "fixed point");
		sum = summary(mc, 0, PARLEY_MODEL_MEAN);
		tu_assert_close(sum.mean, W_A * 40 + MEAN_OFFSET, 1e-6, "fixed point mean");
		assert_int_equal(parley_mc_sensitivity(mc, 0, PARLEY_MODEL_MEAN, NULL, 0), 0);
		parley_mc_free(mc);
		parley_scenario_free(s);
	}
}

/* Scenario defaults are percentages of each issue's width (scenario.h,
 * parley_default_uncertainty): `position: {sd: 10}` on [-3, 17] is sd 2, on
 * [0, 20000] sd 2000. With A at 40 % of the width both are the case of
 * defaults_only_where_missing rescaled: normal(40 %, 10 %) cut at -4 and +6
 * sd, so the median's mean and sd are lo + w (mean0 / 100) and
 * w (sd0 / 100). (With the default in raw units, sd 10 on a width of 20
 * gave a nearly uniform spread: sd 5.3 instead of 2.) Writing `10%`, or
 * the issue's own `uncertainty` in its units (sd 2 on a width of 20) or
 * with '%', gives the same draws bit for bit. */
static void test_mc_defaults__percent_of_width(void **state)
{
	static const double scales[][2] = { { -3, 17 }, { 0, 20000 }, { 1e6, 1e6 + 0.5 } };
	double al = -4, be = 6, z = Phi(be) - Phi(al);
	double mean0 = 40 + 10 * (phi(al) - phi(be)) / z;
	double sd0 = sqrt(100 * (1 + (al * phi(al) - be * phi(be)) / z - pow((phi(al) - phi(be)) / z, 2)));
	size_t c;

	(void)state;
	for (c = 0; c < sizeof(scales) / sizeof(scales[0]); c++) {
		double lo = scales[c][0], hi = scales[c][1], w = hi - lo;
		char pos[64], own[96];
		parley_scenario *s, *s2;
		parley_mc *mc, *mc2;
		parley_mc_summary sum;
		parley_resolved_uncertainty r;
		const char *variants[][2] = {
			{ "defaults: {uncertainty: {position: {sd: 10%}}}\n", NULL },
			{ NULL, "uncertainty: {position: {sd: 10%}}" },
			{ NULL, own },
		};
		size_t v;

		snprintf(pos, sizeof(pos), "%.17g", lo + 0.4 * w);
		snprintf(own, sizeof(own), "uncertainty: {position: {sd: %.17g}}", w / 10);
		s = dominant_on(lo, hi, pos, "defaults: {uncertainty: {position: {sd: 10}}}\n", NULL);
		assert_int_equal(parley_scenario_uncertainty_for(&r, s, 0, PARLEY_TARGET_POSITION), 0);
		assert_int_equal(r.origin, PARLEY_UNCERTAINTY_SCENARIO);
		assert_int_equal(r.dist, PARLEY_DIST_NORMAL);
		tu_assert_close(r.p[0], w / 10, 1e-15 * w, "resolved sd: 10 % of the width");
		assert_true(r.percent[0] == 10 && r.reference == w);
		mc = run_mc(s, M_MEDIAN, N_STAT, 20220110, 2, N_STAT);
		sum = summary(mc, 0, PARLEY_MODEL_MEDIAN);
		tu_assert_close(sum.mean, lo + w * mean0 / 100, w * tol_mean(sd0, N_STAT) / 100 + BIN(lo, hi),
			"mean, rescaled");
		tu_assert_close(sum.sd, w * sd0 / 100, w * tol_sd(sd0, N_STAT) / 100, "sd, rescaled");
		for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
			s2 = dominant_on(lo, hi, pos, variants[v][0], variants[v][1]);
			mc2 = run_mc(s2, M_MEDIAN, N_STAT, 20220110, 2, N_STAT);
			assert_same_totals(mc, mc2, "10, 10%, the issue's own: the same draws");
			if (variants[v][1]) {
				assert_int_equal(parley_scenario_uncertainty_for(&r, s2, 0, PARLEY_TARGET_POSITION), 0);
				assert_int_equal(r.origin, PARLEY_UNCERTAINTY_ISSUE);
			}
			parley_mc_free(mc2);
			parley_scenario_free(s2);
		}
		parley_mc_free(mc);
		parley_scenario_free(s);
	}
}

/* The issue's own default replaces the scenario's for that issue and
 * target only; saliences and capabilities keep the scenario's. */
static void test_mc_defaults__issue_overrides(void **state)
{
	parley_scenario *s = load_yaml("parley: 1\ntitle: t\n"
		"defaults: {uncertainty: {position: {sd: 5}, status_quo: {uniform: [-2%, 4%]}, salience: {sd: 7},"
		" capability: {triangular: [-20, 10]}}}\n"
		"issues:\n  - {id: a, title: A, scale: [0, 50], status_quo: 10,"
		" uncertainty: {position: {uniform: [-1, 3]}, red_line: {sd: 10%}}}\n"
		"  - {id: b, title: B, scale: [-1, 1], status_quo: 0}\n"
		"actors:\n  - {id: p, name: P, capability: 40, positions: {a: {position: 5, salience: 50},"
		" b: {position: 0.5, salience: 50, capability: 80}}}\n");
	parley_resolved_uncertainty r;

	(void)state;
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 0, PARLEY_TARGET_POSITION), 0);
	assert_true(r.origin == PARLEY_UNCERTAINTY_ISSUE && r.dist == PARLEY_DIST_UNIFORM &&
		r.p[0] == -1 && r.p[1] == 3);
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 0, PARLEY_TARGET_RED_LINE), 0);
	assert_true(r.origin == PARLEY_UNCERTAINTY_ISSUE && r.dist == PARLEY_DIST_NORMAL && r.p[0] == 5);
	/* status quo: the scenario's -2 % and 4 % of 50 */
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 0, PARLEY_TARGET_STATUS_QUO), 0);
	assert_true(r.origin == PARLEY_UNCERTAINTY_SCENARIO && r.dist == PARLEY_DIST_UNIFORM);
	tu_assert_close(r.p[0], -1, 1e-15, "-2 % of 50");
	tu_assert_close(r.p[1], 2, 1e-15, "4 % of 50");
	/* issue b: the scenario's, 5 % of its width 2 */
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 1, PARLEY_TARGET_POSITION), 0);
	assert_true(r.origin == PARLEY_UNCERTAINTY_SCENARIO);
	tu_assert_close(r.p[0], 0.1, 1e-15, "5 % of 2");
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 1, PARLEY_TARGET_RED_LINE), 0);
	assert_int_equal(r.dist, PARLEY_DIST_NONE);
	/* salience: points of 0-100; capability: percent of the largest (80) */
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 1, PARLEY_TARGET_SALIENCE), 0);
	assert_true(r.p[0] == 7 && r.reference == 100);
	tu_assert_close(parley_scenario_capability_max(s), 80, 0, "largest capability (an override)");
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 0, PARLEY_TARGET_CAPABILITY), 0);
	assert_true(r.dist == PARLEY_DIST_TRIANGULAR && r.p[0] == -16 && r.p[1] == 8 && r.reference == 80);
	/* out of range */
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 2, PARLEY_TARGET_POSITION), PARLEY_EINVAL);
	assert_int_equal(parley_scenario_uncertainty_for(&r, s, 0, PARLEY_TARGET_COUNT), PARLEY_EINVAL);
	parley_scenario_free(s);
}

/* Capability defaults are relative to the largest capability, so that
 * multiplying every capability by k changes nothing: the same seed gives
 * the same forecasts (up to rounding: the draws are k times larger, the
 * models read ratios). In raw units a default of +/- 10 meant +/- 10 % of a
 * capability of 100 but +/- 0.27 % of one of 3750. */
static void test_mc_defaults__capability_ratio(void **state)
{
	const char *tmpl = "parley: 1\ntitle: t\n"
		"defaults: {uncertainty: {capability: {uniform: [-10, 10]}}}\n"
		"issues:\n  - {id: x, title: X}\n"
		"actors:\n  - {id: a, name: A, capability: %.17g, positions: {x: {position: 20, salience: 60}}}\n"
		"  - {id: b, name: B, capability: %.17g, positions: {x: {position: 70, salience: 40}}}\n"
		"  - {id: c, name: C, capability: %.17g, positions: {x: {position: 95, salience: 90, capability: %.17g}}}\n";
	static const double ks[] = { 1, 37.5, 1e-3 };
	char yaml[1024];
	parley_scenario *s[3];
	parley_mc *mc[3];
	size_t k, q;

	(void)state;
	for (k = 0; k < 3; k++) {
		snprintf(yaml, sizeof(yaml), tmpl, 100 * ks[k], 45 * ks[k], 30 * ks[k], 12.5 * ks[k]);
		s[k] = load_yaml(yaml);
		mc[k] = run_mc(s[k], M_MEAN | M_COMPROMISE | M_MEDIAN, 4000, 5, 2, 4000);
	}
	for (k = 1; k < 3; k++) {
		parley_model_id m;
		tu_assert_close(parley_scenario_capability_max(s[k]), 100 * ks[k], 1e-12 * ks[k], "max");
		for (m = PARLEY_MODEL_MEAN; m <= PARLEY_MODEL_MEDIAN; m++) {
			parley_mc_summary a = summary(mc[0], 0, m), b = summary(mc[k], 0, m);
			/* 1e-9 of the width: rounding of k-fold draws, and the fixed-point
			 * accumulation (2^-32 of the width) */
			tu_assert_close(b.mean, a.mean, 1e-9 * 100, "mean with capabilities x k");
			tu_assert_close(b.sd, a.sd, 1e-9 * 100, "sd with capabilities x k");
			for (q = 0; q < 5; q++)
				tu_assert_close(b.quantiles[q], a.quantiles[q], 1e-9 * 100, "quantile with capabilities x k");
		}
	}
	for (k = 0; k < 3; k++) {
		parley_mc_free(mc[k]);
		parley_scenario_free(s[k]);
	}
}

/* point_in_band: whether the point forecast lies in [q5, q95] (up to a
 * fine bin). A at 0, the end of the scale, with sd 20: every draw is >= 0
 * and the 5th percentile of the half-normal is 20 Phi^-1(0.525) = 1.253,
 * beyond a bin (0.098) from the point 0: outside. A at 40: inside. The
 * Nash solution without a status quo never runs: -1. The point is the
 * forecast's (parley_forecast_run). */
static void test_mc_summary__point_in_band(void **state)
{
	const char *d = "defaults: {uncertainty: {position: {sd: 20}}}\n";
	const char *pos[2] = { "0", "40" };
	size_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		parley_scenario *s = dominant(pos[k], d);
		parley_mc *mc = run_mc(s, M_MEDIAN | M_MEAN | (1u << PARLEY_MODEL_NBS), N_STAT, 11, 2, N_STAT);
		parley_mc_summary sum = summary(mc, 0, PARLEY_MODEL_MEDIAN);
		parley_forecast *f;
		assert_int_equal(parley_forecast_run(&f, s, NULL), 0);
		assert_true(sum.point == parley_forecast_result(f, 0, PARLEY_MODEL_MEDIAN)->forecast);
		assert_true(sum.point == atof(pos[k]));
		if (k == 0) {
			/* SE(q_p) = sqrt(p (1 - p) / N) / f(q_p), the half-normal's density
			 * f(x) = 2 phi(x / 20) / 20 */
			tu_assert_close(sum.quantiles[0], 20 * 0.0627067779, K_SE * sqrt(0.05 * 0.95 / N_STAT) /
				(2 * phi(0.0627067779) / 20) + BIN(0, 100), "half-normal q5");
			assert_int_equal(sum.point_in_band, 0);
		} else {
			assert_int_equal(sum.point_in_band, 1);
		}
		sum = summary(mc, 0, PARLEY_MODEL_MEAN);
		assert_true(sum.point == parley_forecast_result(f, 0, PARLEY_MODEL_MEAN)->forecast);
		assert_int_equal(sum.point_in_band, 1);
		sum = summary(mc, 0, PARLEY_MODEL_NBS);
		assert_true(sum.ok == 0 && isnan(sum.point) && sum.point_in_band == -1);
		parley_forecast_free(f);
		parley_mc_free(mc);
		parley_scenario_free(s);
	}
}

/* The median is A's position, uniform on [0, 100]: P(zone [0, 40]) = 0.4,
 * P(zone [62.5, 87.5]) = 0.25, within 4 standard errors. */
static void test_mc_stats__zone_probabilities(void **state)
{
	parley_scenario *s = dominant("{value: 40, uniform: [0, 100]}", NULL);
	parley_mc *mc = run_mc(s, M_MEDIAN, N_STAT, 99, 2, 1000);
	parley_mc_summary sum = summary(mc, 0, PARLEY_MODEL_MEDIAN);
	double p0, p1;
	size_t k;

	(void)state;
	assert_int_equal(sum.zone_count, 2);
	assert_non_null(sum.zone_hits);
	p0 = (double)sum.zone_hits[0] / (double)sum.draws;
	p1 = (double)sum.zone_hits[1] / (double)sum.draws;
	tu_assert_close(p0, 0.4, tol_p(0.4, N_STAT), "P(low)");
	tu_assert_close(p1, 0.25, tol_p(0.25, N_STAT), "P(upper)");
	/* each coarse bin (width 5) holds 1/20 of the draws */
	for (k = 0; k < sum.bins; k++)
		tu_assert_close((double)sum.counts[k] / N_STAT, 0.05, tol_p(0.05, N_STAT), "histogram bin");
	parley_mc_free(mc);
	parley_scenario_free(s);
}

/* Two actors, no venue (so consensus of both), status quo 40 fixed, A at
 * 62.5, B uniform on [0, 100]. Under unanimity an outcome beats the status
 * quo only if both prefer it, which needs both on the same side of 40
 * (models.md 5: i prefers y iff y lies strictly between q and 2 x_i - q);
 * A is above, so an agreement is possible iff B > 40: P = 0.6. */
static void test_mc_stats__agreement_probability(void **state)
{
	static const char yaml[] =
		"parley: 1\ntitle: t\n"
		"issues: [{id: x, title: X, status_quo: 40}]\n"
		"actors:\n"
		"  - {id: a, name: A, capability: 50, positions: {x: {position: 62.5, salience: 50}}}\n"
		"  - {id: b, name: B, capability: 50, positions: {x: {position: {value: 20, uniform: [0, 100]}, salience: 50}}}\n";
	parley_scenario *s = load_yaml(yaml);
	parley_mc *mc = run_mc(s, 0, N_STAT, 5, 2, N_STAT);
	double p = parley_mc_p_agreement(mc, 0);

	(void)state;
	tu_assert_close(p, 0.6, tol_p(0.6, N_STAT), "P(agreement possible)");
	assert_true(isnan(parley_mc_p_agreement(mc, 1)));   /* no such issue */
	assert_true(isnan(parley_mc_p_ratified(mc, 0, 0))); /* no such body */
	parley_mc_free(mc);
	parley_scenario_free(s);
}

/* An issue with a status quo and no venues, bodies or red lines takes
 * the runner's short agreement check (the unanimity win-set from the range
 * of positions); a red line on the whole scale changes nothing in the
 * answer but sends the same draws through the general check. The two
 * probabilities must be equal to the last draw, and strictly between 0
 * and 1 (the status quo, uncertain, falls below every position in some
 * draws only). */
static void test_mc_stats__agreement_short_check(void **state)
{
	static const char plain[] =
		"parley: 1\ntitle: t\n"
		"defaults: {uncertainty: {position: {sd: 10}}}\n"
		"issues: [{id: x, title: X, status_quo: {value: 55, sd: 8}}]\n"
		"actors:\n"
		"  - {id: a, name: A, capability: 3, positions: {x: {position: 60, salience: 50}}}\n"
		"  - {id: b, name: B, capability: 2, positions: {x: {position: 70, salience: 60}}}\n"
		"  - {id: c, name: C, capability: 1, positions: {x: {position: 80, salience: 70}}}\n";
	static const char lined[] =
		"parley: 1\ntitle: t\n"
		"defaults: {uncertainty: {position: {sd: 10}}}\n"
		"issues: [{id: x, title: X, status_quo: {value: 55, sd: 8}}]\n"
		"actors:\n"
		"  - {id: a, name: A, capability: 3, positions: {x: {position: 60, salience: 50, red_line: [0, 100]}}}\n"
		"  - {id: b, name: B, capability: 2, positions: {x: {position: 70, salience: 60}}}\n"
		"  - {id: c, name: C, capability: 1, positions: {x: {position: 80, salience: 70}}}\n";
	parley_scenario *s1 = load_yaml(plain), *s2 = load_yaml(lined);
	parley_mc *m1 = run_mc(s1, M_MEAN, 4000, 17, 2, 4000), *m2 = run_mc(s2, M_MEAN, 4000, 17, 2, 4000);
	double p1 = parley_mc_p_agreement(m1, 0), p2 = parley_mc_p_agreement(m2, 0);

	(void)state;
	assert_true(p1 > 0.2 && p1 < 0.9);
	if (p1 != p2)
		fail_msg("P(agreement) %.17g by the short check, %.17g by the general one", p1, p2);
	parley_mc_free(m1);
	parley_mc_free(m2);
	parley_scenario_free(s1);
	parley_scenario_free(s2);
}

/* ------------------------------------------------------------------ */
/* reproducibility                                                      */
/* ------------------------------------------------------------------ */

#define R_DRAWS 1000 /* 15 full blocks of 64 and one of 40 */

/* Same seed, same bytes for 1, 2 and 3 threads; another seed differs. */
static void test_mc_repro__threads(void **state)
{
	parley_scenario *s = load_file("kinds.yaml");
	parley_mc *one = run_mc(s, 0, R_DRAWS, 42, 1, R_DRAWS);
	parley_mc *two = run_mc(s, 0, R_DRAWS, 42, 2, R_DRAWS);
	parley_mc *three = run_mc(s, 0, R_DRAWS, 42, 3, 333);
	parley_mc *other = run_mc(s, 0, R_DRAWS, 43, 2, R_DRAWS);
	size_t l1, l2;
	char *t1, *t2, *j1, *j3, *jo;

	(void)state;
	assert_int_equal(parley_mc_options_used(two)->threads, 2);
	assert_same_totals(one, two, "1 vs 2 threads");
	assert_same_totals(one, three, "1 vs 3 threads");
	t1 = totals(one, &l1);
	t2 = totals(other, &l2);
	assert_int_equal(l1, l2);
	assert_true(memcmp(t1, t2, l1) != 0);
	j1 = json_report(s, one, 0);
	j3 = json_report(s, three, 0);
	jo = json_report(s, other, 0);
	assert_string_equal(j1, j3);
	assert_true(strcmp(j1, jo) != 0);
	assert_non_null(strstr(j1, "\"distribution\""));
	free(t1);
	free(t2);
	free(j1);
	free(j3);
	free(jo);
	parley_mc_free(one);
	parley_mc_free(two);
	parley_mc_free(three);
	parley_mc_free(other);
	parley_scenario_free(s);
}

/* Steps of 1 draw (one block each), 100 and all at once give the same totals. */
static void test_mc_repro__chunks(void **state)
{
	parley_scenario *s = load_file("kinds.yaml");
	parley_mc *a = run_mc(s, 0, R_DRAWS, 8, 2, 1);
	parley_mc *b = run_mc(s, 0, R_DRAWS, 8, 2, 100);
	parley_mc *c = run_mc(s, 0, R_DRAWS, 8, 1, UINT64_MAX);

	(void)state;
	assert_same_totals(a, b, "chunks of 1 vs 100");
	assert_same_totals(a, c, "chunks of 1 vs all");
	parley_mc_free(a);
	parley_mc_free(b);
	parley_mc_free(c);
	parley_scenario_free(s);
}

/* A run split into 3 parts, each run alone and merged into part 0, equals
 * one run: same serialised totals, same JSON. Merging leaves part 0's
 * remaining draws at 0. */
static void split_run(const parley_scenario *s, uint64_t draws, unsigned parts)
{
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_mc *whole = run_mc(s, 0, draws, 77, 2, draws), *part[4] = { NULL };
	uint64_t sum_part = 0;
	unsigned p;
	char *jw, *jp;

	assert_true(parts <= 4);
	for (p = 0; p < parts; p++) {
		parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
		mo.draws = draws;
		mo.seed = 77;
		mo.threads = 1 + p % 2;
		mo.part_index = p;
		mo.part_count = parts;
		assert_int_equal(parley_mc_create(&part[p], s, &fo, &mo), 0);
		sum_part += parley_mc_part_draws(part[p]);
		while (parley_mc_remaining(part[p]) > 0)
			assert_int_equal(parley_mc_step(part[p], 128), 0);
	}
	assert_int_equal(sum_part, draws);
	for (p = parts; p-- > 1;) { /* any order: integer sums */
		size_t len;
		char *t = totals(part[p], &len);
		assert_int_equal(parley_mc_merge(part[0], t, len), 0);
		free(t);
	}
	assert_int_equal(parley_mc_remaining(part[0]), 0);
	assert_int_equal(parley_mc_step(part[0], 64), 0); /* nothing left to do */
	assert_same_totals(whole, part[0], "3 parts merged vs one run");
	jw = json_report(s, whole, 0);
	jp = json_report(s, part[0], 0);
	assert_string_equal(jw, jp);
	free(jw);
	free(jp);
	for (p = 0; p < parts; p++)
		parley_mc_free(part[p]);
	parley_mc_free(whole);
}

static void test_mc_repro__parts_merged(void **state)
{
	parley_scenario *s = load_file("kinds.yaml");

	(void)state;
	split_run(s, R_DRAWS, 3);
	split_run(s, 100, 3); /* 2 blocks: part 2 has no draws at all */
	parley_scenario_free(s);
}

/* Totals of another run are refused with PARLEY_EINVAL: another seed,
 * another number of draws, another scenario of the same shape, truncated
 * or corrupted bytes. */
static void test_mc_repro__merge_refuses_other_runs(void **state)
{
	parley_scenario *s = load_file("kinds.yaml");
	parley_scenario *s2 = dominant("{value: 50, sd: 10}", NULL);
	parley_scenario *s3 = dominant("{value: 50.5, sd: 10}", NULL);
	parley_mc *mc = run_mc(s, 0, 200, 1, 1, 200);
	parley_mc *seed = run_mc(s, 0, 200, 2, 1, 200);
	parley_mc *draws = run_mc(s, 0, 201, 1, 1, 201);
	parley_mc *m2 = run_mc(s2, 0, 200, 1, 1, 200);
	parley_mc *m3 = run_mc(s3, 0, 200, 1, 1, 200);
	size_t len;
	char *t;

	(void)state;
	t = totals(seed, &len);
	assert_int_equal(parley_mc_merge(mc, t, len), PARLEY_EINVAL);
	free(t);
	t = totals(draws, &len);
	assert_int_equal(parley_mc_merge(mc, t, len), PARLEY_EINVAL);
	free(t);
	/* the same shape, one value different */
	t = totals(m3, &len);
	assert_int_equal(parley_mc_merge(m2, t, len), PARLEY_EINVAL);
	assert_int_equal(parley_error_last()->code, PARLEY_EINVAL);
	free(t);
	/* own bytes: accepted; then truncated and corrupted ones are not */
	t = totals(mc, &len);
	assert_int_equal(parley_mc_merge(mc, t, len - 1), PARLEY_EINVAL);
	t[0] ^= 1; /* the magic number */
	assert_int_equal(parley_mc_merge(mc, t, len), PARLEY_EINVAL);
	t[0] ^= 1;
	t[8] ^= 1; /* the format version */
	assert_int_equal(parley_mc_merge(mc, t, len), PARLEY_EINVAL);
	t[8] ^= 1;
	assert_int_equal(parley_mc_merge(mc, t, len), 0);
	free(t);
	/* a model not run */
	{
		parley_mc_summary sum;
		parley_mc *only = run_mc(s, M_MEAN, 64, 1, 1, 64);
		assert_int_equal(parley_mc_summary_get(&sum, only, 0, PARLEY_MODEL_BDM), PARLEY_ENOTFOUND);
		assert_int_equal(parley_mc_summary_get(&sum, only, 2, PARLEY_MODEL_MEAN), PARLEY_EINVAL);
		assert_int_equal(parley_mc_sensitivity(only, 0, PARLEY_MODEL_BDM, NULL, 0), 0);
		parley_mc_free(only);
	}
	parley_mc_free(mc);
	parley_mc_free(seed);
	parley_mc_free(draws);
	parley_mc_free(m2);
	parley_mc_free(m3);
	parley_scenario_free(s);
	parley_scenario_free(s2);
	parley_scenario_free(s3);
}

/* ------------------------------------------------------------------ */
/* sensitivity                                                          */
/* ------------------------------------------------------------------ */

/* A's position is normal; B's salience is uncertain too, but the
 * capability-weighted mean ignores saliences: for the mean, A's position
 * explains all the variance (share 1 within 0.01) and B's salience none
 * (a squared sample correlation of independent inputs is about 1/N;
 * below 0.01). d mean / d x_A = 61.5 / 100 exactly; d mean / d s_B = 0.
 * For the compromise model (weights c s), d F / d s_B = c_B (x_B - F) /
 * sum(c s) at the point values. */
static void test_mc_sensitivity__one_input(void **state)
{
	parley_scenario *s = load_yaml(
		"parley: 1\ntitle: t\n"
		"issues: [{id: x, title: X}]\n"
		"actors:\n"
		"  - {id: a, name: A, capability: 61.5, positions: {x: {position: {value: 50, sd: 10}, salience: 50}}}\n"
		"  - {id: b, name: B, capability: 23.25, positions: {x: {position: 12.5, salience: {value: 40, uniform: [20, 60]}}}}\n"
		"  - {id: c, name: C, capability: 15.25, positions: {x: {position: 87.75, salience: 50}}}\n");
	parley_mc *mc = run_mc(s, M_MEAN | M_COMPROMISE, N_STAT, 3, 2, N_STAT);
	parley_sensitivity e[4];
	size_t n = parley_mc_sensitivity(mc, 0, PARLEY_MODEL_MEAN, e, 4);
	double cs = 61.5 * 50 + 23.25 * 40 + 15.25 * 50;
	double f = (61.5 * 50 * 50 + 23.25 * 40 * 12.5 + 15.25 * 50 * 87.75) / cs;

	(void)state;
	assert_int_equal(n, 2); /* A's position, B's salience */
	assert_int_equal(e[0].kind, PARLEY_INPUT_POSITION);
	assert_int_equal(e[0].actor, 0);
	tu_assert_close(e[0].variance_share, 1, 0.01, "share of A's position");
	tu_assert_close(e[0].derivative, 0.615, 1e-6, "d mean / d x_A");
	assert_int_equal(e[1].kind, PARLEY_INPUT_SALIENCE);
	assert_int_equal(e[1].actor, 1);
	assert_true(e[1].variance_share < 0.01);
	tu_assert_close(e[1].derivative, 0, 1e-9, "d mean / d s_B");
	assert_string_equal(parley_input_kind_name(e[1].kind), "salience");
	/* max = 1 keeps the largest only; the count is still 2 */
	memset(e, 0, sizeof(e));
	assert_int_equal(parley_mc_sensitivity(mc, 0, PARLEY_MODEL_MEAN, e, 1), 2);
	assert_int_equal(e[0].kind, PARLEY_INPUT_POSITION);
	assert_int_equal(e[1].kind, 0);
	assert_int_equal(e[1].actor, 0);
	/* compromise: the salience moves it */
	n = parley_mc_sensitivity(mc, 0, PARLEY_MODEL_COMPROMISE, e, 4);
	assert_int_equal(n, 2);
	{
		size_t k = e[0].kind == PARLEY_INPUT_SALIENCE ? 0 : 1;
		assert_int_equal(e[k].kind, PARLEY_INPUT_SALIENCE);
		tu_assert_close(e[k].derivative, 23.25 * (12.5 - f) / cs, 1e-6, "d compromise / d s_B");
		tu_assert_close(e[1 - k].derivative, 61.5 * 50 / cs, 1e-6, "d compromise / d x_A");
		assert_true(e[k].variance_share > 0.01);
		/* independent inputs: the shares add up to at most the explained
		 * variance, 1, plus sampling noise of order 1/sqrt(N) = 0.007 */
		assert_true(e[0].variance_share + e[1].variance_share <= 1.01);
	}
	parley_mc_free(mc);
	parley_scenario_free(s);
}

/* With sensitivity off the shares are 0 and the derivatives not computed. */
static void test_mc_sensitivity__off(void **state)
{
	parley_scenario *s = dominant("{value: 50, sd: 10}", NULL);
	parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
	parley_mc *mc = NULL;
	parley_sensitivity e[2];

	(void)state;
	mo.draws = 300;
	mo.sensitivity = 0;
	mo.threads = 1;
	assert_int_equal(parley_mc_create(&mc, s, NULL, &mo), 0);
	while (parley_mc_remaining(mc) > 0)
		assert_int_equal(parley_mc_step(mc, 300), 0);
	assert_int_equal(parley_mc_sensitivity(mc, 0, PARLEY_MODEL_MEAN, e, 2), 1);
	assert_true(e[0].variance_share == 0 && e[0].derivative == 0);
	parley_mc_free(mc);
	parley_scenario_free(s);
}

/* ------------------------------------------------------------------ */
/* errors                                                               */
/* ------------------------------------------------------------------ */

static void test_mc_errors__bad_options(void **state)
{
	parley_scenario *s = dominant("{value: 50, sd: 10}", NULL);
	parley_forecast_options fo = PARLEY_FORECAST_OPTIONS_INIT;
	parley_mc_options ok = PARLEY_MC_OPTIONS_INIT, mo;
	parley_mc *mc = (parley_mc *)&mo; /* a non-NULL value the call must reset */
	parley_buf b = PARLEY_BUF_INIT;

	(void)state;
#define EXPECT_EINVAL(field, value) do { \
		mo = ok; \
		mo.field = value; \
		parley_error_clear(); \
		assert_int_equal(parley_mc_create(&mc, s, &fo, &mo), PARLEY_EINVAL); \
		assert_null(mc); \
		assert_int_equal(parley_error_last()->code, PARLEY_EINVAL); \
	} while (0)
	EXPECT_EINVAL(draws, 0);
	EXPECT_EINVAL(draws, (UINT64_C(1) << 31) + 1);
	EXPECT_EINVAL(part_index, 3);
	mo = ok;
	mo.part_count = 3;
	mo.part_index = 3; /* part_index >= part_count */
	assert_int_equal(parley_mc_create(&mc, s, &fo, &mo), PARLEY_EINVAL);
	EXPECT_EINVAL(part_count, 0);
	EXPECT_EINVAL(version, PARLEY_MC_OPTIONS_VERSION + 1);
	EXPECT_EINVAL(threads, 1025);
#undef EXPECT_EINVAL
	fo.version = PARLEY_FORECAST_OPTIONS_VERSION + 1;
	assert_int_equal(parley_mc_create(&mc, s, &fo, &ok), PARLEY_EINVAL);
	assert_int_equal(parley_mc_create(&mc, NULL, NULL, &ok), PARLEY_EINVAL);
	assert_int_equal(parley_mc_create(NULL, s, NULL, &ok), PARLEY_EINVAL);
	/* NULL options: the defaults (10000 draws, threads resolved to >= 1) */
	assert_int_equal(parley_mc_create(&mc, s, NULL, NULL), 0);
	assert_int_equal(parley_mc_part_draws(mc), 10000);
	assert_true(parley_mc_options_used(mc)->threads >= 1);
	assert_int_equal(parley_mc_serialize(NULL, mc), PARLEY_EINVAL);
	assert_int_equal(parley_mc_serialize(&b, NULL), PARLEY_EINVAL);
	assert_int_equal(parley_mc_merge(mc, NULL, 0), PARLEY_EINVAL);
	assert_int_equal(parley_mc_step(NULL, 1), PARLEY_EINVAL);
	parley_mc_free(mc);
	parley_mc_free(NULL);
	assert_int_equal(parley_mc_remaining(NULL), 0);
	assert_null(parley_mc_options_used(NULL));
	parley_scenario_free(s);
}

/* ------------------------------------------------------------------ */
/* allocation failure                                                   */
/* ------------------------------------------------------------------ */

/* create + step + summary + sensitivity + serialise + merge + free. */
static int mc_cycle(const parley_scenario *s, unsigned threads, char **bytes, size_t *len)
{
	parley_mc_options mo = PARLEY_MC_OPTIONS_INIT;
	parley_mc *mc = NULL;
	parley_mc_summary sum;
	parley_sensitivity e[8];
	parley_buf b = PARLEY_BUF_INIT;
	size_t i;
	int rc;

	mo.draws = 300;
	mo.seed = 11;
	mo.threads = threads;
	parley_error_clear();
	rc = parley_mc_create(&mc, s, NULL, &mo);
	if (rc < 0)
		assert_null(mc);
	while (rc == 0 && parley_mc_remaining(mc) > 0)
		rc = parley_mc_step(mc, 128);
	for (i = 0; rc == 0 && i < parley_scenario_issue_count(s); i++) {
		rc = parley_mc_summary_get(&sum, mc, i, PARLEY_MODEL_BDM);
		(void)parley_mc_sensitivity(mc, i, PARLEY_MODEL_COMPROMISE, e, 8);
	}
	if (rc == 0)
		rc = parley_mc_serialize(&b, mc);
	if (rc == 0)
		rc = parley_mc_merge(mc, b.ptr, b.size);
	if (rc < 0)
		assert_int_equal(parley_error_last()->code, rc);
	if (rc == 0 && bytes) {
		/* the totals (serialised before the self-merge), for the comparison */
		*bytes = malloc(b.size);
		assert_non_null(*bytes);
		memcpy(*bytes, b.ptr, b.size);
		*len = b.size;
	}
	parley_buf_dispose(&b);
	parley_mc_free(mc);
	return rc;
}

static void alloc_sweep(unsigned threads)
{
	parley_scenario *s = load_file("kinds.yaml"); /* with the C library's allocator */
	char *ref = NULL, *got = NULL;
	size_t ref_len = 0, got_len = 0;
	long n;

	assert_int_equal(mc_cycle(s, threads, &ref, &ref_len), 0);
	for (n = 1; n < 100000; n++) {
		int rc;
		tu_counter_install(n, 0); /* testutil.h: thread-safe, the workers allocate too */
		rc = mc_cycle(s, threads, &got, &got_len);
		parley_set_allocator(NULL);
		if (tu_counter.nlive != 0 || tu_counter.bad_frees != 0)
			fail_msg("%u threads, allocation %ld refused: %zu live, %ld bad frees", threads, n,
				tu_counter.nlive, tu_counter.bad_frees);
		if (tu_counter.refused == 0) {
			/* fewer than n allocations: success, and the same bytes */
			assert_int_equal(rc, 0);
			assert_int_equal(got_len, ref_len);
			assert_memory_equal(got, ref, ref_len);
			assert_true(n > 10);
			free(got);
			break;
		}
		if (rc != PARLEY_ENOMEM)
			fail_msg("%u threads, allocation %ld refused: returned %d, want PARLEY_ENOMEM", threads,
				n, rc);
	}
	free(ref);
	parley_scenario_free(s);
}

static void test_mc_alloc__fail_nth_one_thread(void **state)
{
	(void)state;
	alloc_sweep(1);
}

/* With 3 threads allocations also fail inside the worker threads (the
 * expected-utility workspace and the feasibility scratch are made on first
 * use); the error must reach the caller's thread record. */
static void test_mc_alloc__fail_nth_threads(void **state)
{
	(void)state;
	alloc_sweep(3);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mc_philox__known_answer),
		cmocka_unit_test(test_mc_philox__draws_follow_the_counter),
		cmocka_unit_test(test_mc_philox__every_lane_follows_the_counter),
		cmocka_unit_test(test_mc_first__avx2_matches_portable),
		cmocka_unit_test(test_mc_stats__normal_linear),
		cmocka_unit_test(test_mc_stats__uniform),
		cmocka_unit_test(test_mc_stats__triangular),
		cmocka_unit_test(test_mc_stats__pert),
		cmocka_unit_test(test_mc_stats__normal_truncated),
		cmocka_unit_test(test_mc_stats__normal_wide_truncated),
		cmocka_unit_test(test_mc_stats__normal_tails),
		cmocka_unit_test(test_mc_stats__default_truncated),
		cmocka_unit_test(test_mc_stats__defaults_only_where_missing),
		cmocka_unit_test(test_mc_defaults__percent_of_width),
		cmocka_unit_test(test_mc_defaults__issue_overrides),
		cmocka_unit_test(test_mc_defaults__capability_ratio),
		cmocka_unit_test(test_mc_summary__point_in_band),
		cmocka_unit_test(test_mc_stats__zone_probabilities),
		cmocka_unit_test(test_mc_stats__agreement_probability),
		cmocka_unit_test(test_mc_stats__agreement_short_check),
		cmocka_unit_test(test_mc_repro__threads),
		cmocka_unit_test(test_mc_repro__chunks),
		cmocka_unit_test(test_mc_repro__parts_merged),
		cmocka_unit_test(test_mc_repro__merge_refuses_other_runs),
		cmocka_unit_test(test_mc_sensitivity__one_input),
		cmocka_unit_test(test_mc_sensitivity__off),
		cmocka_unit_test(test_mc_errors__bad_options),
		cmocka_unit_test_teardown(test_mc_alloc__fail_nth_one_thread, tu_counter_restore),
		cmocka_unit_test_teardown(test_mc_alloc__fail_nth_threads, tu_counter_restore),
	};

	return tu_run_tests(tests, argc, argv);
}
