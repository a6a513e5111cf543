/*
 * test_models.c - the one-issue models of parley/models.h against every
 * case of the spec's JSON vectors (shared/specs/vectors, copied into
 * tests/vectors) and against properties that follow from the spec's
 * definitions (shared/specs/models.md sections 1-3).
 *
 * Where the expected values come from:
 *  - test_models_vectors__*: the "expected" members of the vector files,
 *    computed by shared/specs/ref.py (spec section 7);
 *  - test_models_props__*: symmetries of the definitions (the models are
 *    functions of the multiset of actors, commute with the reflection
 *    x -> lo + hi - x, and depend on weights only through their ratios);
 *  - test_models_median__*: the definition "weighted median = argmin of
 *    F(y) = sum_i w_i |x_i - y| over actor positions" (section 2);
 *  - test_models_nbs__*: closed forms of section 3 (single actor, two
 *    actors with p = 2, the first-order condition between kinks for p = 1);
 *  - test_models_errors__*: the validation rules of section 0.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley/models.h"

/* Default tolerance for vector cases without "abs_tol": the spec (section
 * 0) stores values with 12 significant digits, i.e. a rounding of at most
 * 5e-11 on the 0-100 scale, and section 1 names 1e-9 as the vector
 * tolerance; every case of weighted_median.json and the error case of
 * compromise.json use this default. */
#define DEFAULT_ABS_TOL 1e-9
/* Section 2: tie tolerance 1e-12 * W. */
#define TIE_REL_TOL 1e-12
/* Section 3: bisection stops at right - left <= 1e-13 * max(1, |mid|). */
#define NBS_TOL 1e-13

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */


/* A failing call must record its code and a non-empty message. */
static void assert_error(int rc, int want)
{
	const parley_error *e = parley_error_last();

	assert_int_equal(rc, want);
	assert_int_equal(e->code, want);
	assert_true(e->message[0] != '\0');
}

/* Same result, field by field (the struct has padding after `tie`). */
static void assert_same_median(const parley_median_result *a,
	const parley_median_result *b)
{
	assert_true(a->median == b->median);
	assert_int_equal(a->tie, b->tie);
	assert_true(a->lo == b->lo);
	assert_true(a->hi == b->hi);
}

/* Deterministic 64-bit LCG (Knuth's MMIX constants); top 53 bits -> [0, 1). */
static uint64_t lcg_next(uint64_t *st)
{
	*st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
	return *st >> 11;
}

static double lcg_unit(uint64_t *st)
{
	return (double)lcg_next(st) / 9007199254740992.0; /* 2^53 */
}

static const char *tie_key[3] = { "midpoint", "lower", "upper" };
static const parley_median_tie tie_rule[3] = {
	PARLEY_TIE_MIDPOINT, PARLEY_TIE_LOWER, PARLEY_TIE_UPPER
};

/* ------------------------------------------------------------------ */
/* vectors                                                              */
/* ------------------------------------------------------------------ */

/* One expected member of compromise.json: a number or "ERROR_ZERO_WEIGHT". */
static void check_mean_case(struct fy_node *root, size_t k, const char *member,
	const double *x, const double *w, size_t n, double tol)
{
	char what[160], rest[64];
	const char *name = tu_str(root, tu_cpath(k, "name"));
	double got = -12345.0;
	int rc;

	snprintf(rest, sizeof(rest), "expected/%s", member);
	snprintf(what, sizeof(what), "compromise.json %s %s", name, member);
	parley_error_clear();
	rc = parley_weighted_mean(&got, x, w, n);
	if (tu_is_num(root, tu_cpath(k, rest))) {
		assert_int_equal(rc, 0);
		tu_assert_close(got, tu_num(root, tu_cpath(k, rest)), tol, what);
	} else {
		const char *s = tu_str(root, tu_cpath(k, rest));
		assert_non_null(s);
		assert_string_equal(s, "ERROR_ZERO_WEIGHT");
		assert_error(rc, PARLEY_EZEROWEIGHT);
		assert_true(got == -12345.0); /* output untouched on failure */
	}
}

/* Every case of compromise.json: compromise (w = c s) and capability mean (w = c). */
static void test_models_vectors__compromise(void **state)
{
	struct fy_document *doc = tu_load_vectors("compromise.json");
	struct fy_node *root = tu_root(doc);
	size_t k, count = tu_case_count(root);

	(void)state;
	/* spec section 7 lists 5 cases for this file */
	assert_true(count >= 5);
	for (k = 0; k < count; k++) {
		size_t n, nc, ns, i;
		double *x = tu_array(root, tu_cpath(k, "input/x"), &n);
		double *c = tu_array(root, tu_cpath(k, "input/c"), &nc);
		double *s = tu_array(root, tu_cpath(k, "input/s"), &ns);
		double *cs = calloc(n, sizeof(double));
		double tol = tu_case_tol(root, k, DEFAULT_ABS_TOL);

		assert_int_equal(nc, n);
		assert_int_equal(ns, n);
		assert_non_null(cs);
		for (i = 0; i < n; i++)
			cs[i] = c[i] * s[i];
		check_mean_case(root, k, "compromise", x, cs, n, tol);
		check_mean_case(root, k, "capability_mean", x, c, n, tol);
		free(x);
		free(c);
		free(s);
		free(cs);
	}
	fy_document_destroy(doc);
}

/* Every case of weighted_median.json, all three tie rules, the tie flag and
 * the interval [lo, hi] (= [lower, upper] of the vector), via both entry
 * points. */
static void test_models_vectors__weighted_median(void **state)
{
	struct fy_document *doc = tu_load_vectors("weighted_median.json");
	struct fy_node *root = tu_root(doc);
	size_t k, count = tu_case_count(root);

	(void)state;
	assert_true(count >= 7); /* spec section 7: 7 cases */
	for (k = 0; k < count; k++) {
		size_t n, nw, r;
		double *x = tu_array(root, tu_cpath(k, "input/x"), &n);
		double *w = tu_array(root, tu_cpath(k, "input/w"), &nw);
		size_t *ws = calloc(n, sizeof(size_t));
		const char *name = tu_str(root, tu_cpath(k, "name"));
		const char *tie = tu_str(root, tu_cpath(k, "expected/tie"));
		double tol = tu_case_tol(root, k, DEFAULT_ABS_TOL);
		double lower = tu_num(root, tu_cpath(k, "expected/lower"));
		double upper = tu_num(root, tu_cpath(k, "expected/upper"));
		char what[160];

		assert_int_equal(nw, n);
		assert_non_null(ws);
		assert_non_null(tie);
		assert_true(strcmp(tie, "true") == 0 || strcmp(tie, "false") == 0);
		for (r = 0; r < 3; r++) {
			parley_median_result a, b;
			char rest[64];

			snprintf(rest, sizeof(rest), "expected/%s", tie_key[r]);
			snprintf(what, sizeof(what), "weighted_median.json %s %s", name, tie_key[r]);
			assert_int_equal(parley_weighted_median(&a, x, w, n, tie_rule[r], TIE_REL_TOL), 0);
			tu_assert_close(a.median, tu_num(root, tu_cpath(k, rest)), tol, what);
			assert_int_equal(a.tie, strcmp(tie, "true") == 0);
			tu_assert_close(a.lo, lower, tol, what);
			tu_assert_close(a.hi, upper, tol, what);
			/* the _ws variant is the same computation */
			assert_int_equal(parley_weighted_median_ws(&b, x, w, n, tie_rule[r],
				TIE_REL_TOL, ws), 0);
			assert_same_median(&a, &b);
		}
		free(x);
		free(w);
		free(ws);
	}
	fy_document_destroy(doc);
}

static void check_nbs_common(const parley_nbs_result *r, double q, const char *status)
{
	if (strcmp(status, "disagreement_point") == 0) {
		assert_int_equal(r->status, PARLEY_NBS_DISAGREEMENT_POINT);
		assert_true(r->solution == q);
		/* section 3: L == U == q in that case */
		assert_true(r->feasible_lo == q && r->feasible_hi == q);
		assert_int_equal(r->iterations, 0);
	} else {
		assert_string_equal(status, "interior");
		assert_int_equal(r->status, PARLEY_NBS_INTERIOR);
		assert_true(r->feasible_lo < r->feasible_hi);
		assert_true(r->solution >= r->feasible_lo && r->solution <= r->feasible_hi);
		/* no vector optimum is at a clipped scale end, so all bisect;
		 * halving a width <= 2.1e5 down to 1e-13 takes < 64 steps */
		assert_true(r->iterations > 0 && r->iterations <= 64);
	}
}

/* Every case of nash_bargaining.json (a = bargaining weights, s = NULL). */
static void test_models_vectors__nash_bargaining(void **state)
{
	struct fy_document *doc = tu_load_vectors("nash_bargaining.json");
	struct fy_node *root = tu_root(doc);
	size_t k, count = tu_case_count(root);

	(void)state;
	assert_true(count >= 9); /* the file has 9 cases */
	for (k = 0; k < count; k++) {
		size_t n, na;
		double *x = tu_array(root, tu_cpath(k, "input/x"), &n);
		double *a = tu_array(root, tu_cpath(k, "input/a"), &na);
		const char *name = tu_str(root, tu_cpath(k, "name"));
		double tol = tu_case_tol(root, k, DEFAULT_ABS_TOL), lo = 0.0, hi = 100.0;
		int p = (int)tu_num(root, tu_cpath(k, "input/p"));
		parley_nbs_result r;
		char what[160];

		assert_int_equal(na, n);
		if (tu_node(root, tu_cpath(k, "input/bounds"))) {
			size_t nb;
			double *b = tu_array(root, tu_cpath(k, "input/bounds"), &nb);
			assert_int_equal(nb, 2);
			lo = b[0];
			hi = b[1];
			free(b);
		} /* else the spec's default scale [0, 100] (section 3, Inputs) */

		if (tu_node(root, tu_cpath(k, "input/q_values"))) {
			/* limit case: one solution per q, approaching the a-weighted mean */
			size_t nq, ns, j;
			double *qs = tu_array(root, tu_cpath(k, "input/q_values"), &nq);
			double *want = tu_array(root, tu_cpath(k, "expected/solutions"), &ns);
			double lim = tu_num(root, tu_cpath(k, "expected/weighted_mean_limit"));
			double mean, prev_gap = HUGE_VAL;

			assert_int_equal(ns, nq);
			assert_true(nq >= 2);
			for (j = 0; j < nq; j++) {
				snprintf(what, sizeof(what), "nash_bargaining.json %s q=%g", name, qs[j]);
				assert_int_equal(parley_nbs(&r, x, a, NULL, n, qs[j], lo, hi, p,
					NBS_TOL), 0);
				tu_assert_close(r.solution, want[j], tol, what);
				check_nbs_common(&r, qs[j], "interior");
				/* q is further away each time: closer to the limit */
				assert_true(fabs(r.solution - lim) < prev_gap);
				prev_gap = fabs(r.solution - lim);
			}
			assert_int_equal(parley_weighted_mean(&mean, x, a, n), 0);
			tu_assert_close(mean, lim, tol, "weighted_mean_limit");
			free(qs);
			free(want);
		} else {
			double q = tu_num(root, tu_cpath(k, "input/q"));
			const char *status = tu_str(root, tu_cpath(k, "expected/status"));

			snprintf(what, sizeof(what), "nash_bargaining.json %s", name);
			assert_non_null(status);
			assert_int_equal(parley_nbs(&r, x, a, NULL, n, q, lo, hi, p, NBS_TOL), 0);
			tu_assert_close(r.solution, tu_num(root, tu_cpath(k, "expected/solution")),
				tol, what);
			check_nbs_common(&r, q, status);
			if (tu_node(root, tu_cpath(k, "expected/feasible_L")))
				tu_assert_close(r.feasible_lo,
					tu_num(root, tu_cpath(k, "expected/feasible_L")), tol, what);
			if (tu_node(root, tu_cpath(k, "expected/feasible_U")))
				tu_assert_close(r.feasible_hi,
					tu_num(root, tu_cpath(k, "expected/feasible_U")), tol, what);
			if (tu_node(root, tu_cpath(k, "expected/closed_form_root")))
				tu_assert_close(r.solution,
					tu_num(root, tu_cpath(k, "expected/closed_form_root")), tol, what);
		}
		free(x);
		free(a);
	}
	fy_document_destroy(doc);
}

/* ------------------------------------------------------------------ */
/* properties on high-entropy inputs                                    */
/* ------------------------------------------------------------------ */

#define MAXN 8

/* An input set for all models: means and medians use w; NBS uses a = w,
 * salience s (or NULL) and status quo q, on the scale [0, 100]. */
typedef struct {
	const char *name;
	size_t n;
	double x[MAXN], w[MAXN], s[MAXN];
	int has_s;
	double q;
	parley_nbs_status want_status; /* by the feasible-set rule of section 3 */
	/* when check_median: the median's tie flag and interval by hand from
	 * the algorithm of section 2 (merge equal positions, drop w = 0) */
	int check_median, want_tie;
	double want_lo, want_hi;
} dataset;

static const dataset datasets[] = {
	/* actors across the scale; q near lo: all on one side, the nearest
	 * actor's mirror 3.77 bounds the feasible set */
	{ "spread7", 7, { 2.385, 17.2, 33.71, 41.093, 58.6, 76.25, 91.417 },
	  { 0.713, 2.9, 1.37, 0.0417, 3.61, 1.152, 0.88 }, { 0 }, 0, 0.75,
	  PARLEY_NBS_INTERIOR, 0, 0, 0, 0 },
	/* clustered right of q, with saliences (one zero: excluded from NBS) */
	{ "cluster7_s", 7, { 38.5, 47.2, 52.71, 61.093, 66.6, 71.25, 88.417 },
	  { 0.713, 2.9, 1.37, 0.0417, 3.61, 1.152, 0.88 },
	  { 0.83, 0.31, 0.97, 0.5, 0.0, 0.655, 1.0 }, 1, 5.3,
	  PARLEY_NBS_INTERIOR, 0, 0, 0, 0 },
	/* clustered left of q */
	{ "cluster7_left", 7, { 12.6, 23.45, 30.07, 41.9, 55.5, 60.125, 64.3 },
	  { 1.9, 0.27, 3.3, 0.61, 1.07, 2.215, 0.5 }, { 0 }, 0, 97.9,
	  PARLEY_NBS_INTERIOR, 0, 0, 0, 0 },
	/* near hi, q near lo: every mirror > 100, U = hi clips the set */
	{ "clipped7", 7, { 93.7, 99.1, 97.25, 95.5, 98.8, 96.2, 94.4 },
	  { 0.33, 1.7, 0.9, 2.25, 0.41, 1.3, 0.77 }, { 0 }, 0, 2.0,
	  PARLEY_NBS_INTERIOR, 0, 0, 0, 0 },
	/* a heavy actor at hi: for p = 1 N still rises at hi (closed case) */
	{ "at_hi", 3, { 100.0, 99.5, 98.7 }, { 5.0, 0.3, 0.2 }, { 0 }, 0, 10.0,
	  PARLEY_NBS_INTERIOR, 0, 0, 0, 0 },
	/* cumulative 0.1 + 0.2 + 0.3 != 0.3 + 0.3 in binary: a tie only
	 * within the 1e-12 W tolerance; q = 50 has actors on both sides */
	{ "tie_rounding", 4, { 12.5, 31.25, 47.0, 80.75 }, { 0.1, 0.2, 0.3, 0.6 },
	  { 0 }, 0, 50.0, PARLEY_NBS_DISAGREEMENT_POINT, 0, 0, 0, 0 },
	/* the spec's stacked tie (section 2 example) */
	{ "stacked_tie", 5, { 10, 40, 40, 70, 90 }, { 3, 1, 1, 2, 3 }, { 0 }, 0, 55.0,
	  PARLEY_NBS_DISAGREEMENT_POINT, 1, 1, 40, 70 },
	/* W/2 is reached inside the stack at 40: merged, C = 6 > 5, no tie */
	{ "dup_split", 4, { 10, 40, 40, 70 }, { 4, 1, 1, 4 }, { 0 }, 0, 3.0,
	  PARLEY_NBS_INTERIOR, 1, 0, 40, 40 },
	/* a zero-weight actor inside the tie interval is no candidate */
	{ "zero_between", 3, { 20, 33.3, 60 }, { 1, 0, 1 }, { 0 }, 0, 97.0,
	  PARLEY_NBS_INTERIOR, 1, 1, 20, 60 },
};
#define NDATASETS (sizeof(datasets) / sizeof(datasets[0]))

typedef struct {
	double mean, median[3], lo, hi;
	int tie;
	parley_nbs_result nbs[2]; /* p = 1, p = 2 */
} model_run;

static void run_models(model_run *r, const dataset *d)
{
	size_t t;
	int p;

	assert_int_equal(parley_weighted_mean(&r->mean, d->x, d->w, d->n), 0);
	for (t = 0; t < 3; t++) {
		parley_median_result m;
		assert_int_equal(parley_weighted_median(&m, d->x, d->w, d->n, tie_rule[t],
			TIE_REL_TOL), 0);
		r->median[t] = m.median;
		r->lo = m.lo;
		r->hi = m.hi;
		r->tie = m.tie;
	}
	for (p = 1; p <= 2; p++)
		assert_int_equal(parley_nbs(&r->nbs[p - 1], d->x, d->w,
			d->has_s ? d->s : NULL, d->n, d->q, 0.0, 100.0, p, NBS_TOL), 0);
}

static void check_baseline(const dataset *d, const model_run *r)
{
	int p;

	for (p = 0; p < 2; p++)
		assert_int_equal(r->nbs[p].status, d->want_status);
	if (strcmp(d->name, "tie_rounding") == 0)
		assert_int_equal(r->tie, 1);
	if (d->check_median) {
		assert_int_equal(r->tie, d->want_tie);
		assert_true(r->lo == d->want_lo && r->hi == d->want_hi);
		assert_true(r->median[1] == d->want_lo && r->median[2] == d->want_hi);
	}
	if (strcmp(d->name, "at_hi") == 0) {
		/* p = 1: left derivative at 100 is 5/90 - 0.3/89 - 0.2/87.4 > 0 */
		assert_true(r->nbs[0].solution == 100.0);
		assert_int_equal(r->nbs[0].iterations, 0);
	}
}

/* got(perm or scaled input) == base, within `tol` absolute * max(1,|base|) if rel */
static void compare_runs(const model_run *got, const model_run *base, double tol,
	int rel, const char *what)
{
	size_t t;
	int p;
	double sc;

#define CMP(g, b) do { sc = rel ? fmax(1.0, fabs(b)) : 1.0; \
		tu_assert_close((g), (b), tol * sc, what); } while (0)
	CMP(got->mean, base->mean);
	for (t = 0; t < 3; t++)
		CMP(got->median[t], base->median[t]);
	CMP(got->lo, base->lo);
	CMP(got->hi, base->hi);
	assert_int_equal(got->tie, base->tie);
	for (p = 0; p < 2; p++) {
		assert_int_equal(got->nbs[p].status, base->nbs[p].status);
		CMP(got->nbs[p].solution, base->nbs[p].solution);
		CMP(got->nbs[p].feasible_lo, base->nbs[p].feasible_lo);
		CMP(got->nbs[p].feasible_hi, base->nbs[p].feasible_hi);
	}
#undef CMP
}

static void permute(dataset *out, const dataset *in, const size_t *perm)
{
	size_t i;

	*out = *in;
	for (i = 0; i < in->n; i++) {
		out->x[i] = in->x[perm[i]];
		out->w[i] = in->w[perm[i]];
		out->s[i] = in->s[perm[i]];
	}
}

/* (1) The models depend on the multiset of actors only: permuting actor
 * order leaves every result unchanged within 1e-12 relative. */
static void test_models_props__permutation(void **state)
{
	size_t di, k, i;
	uint64_t st = 0x9e3779b97f4a7c15ULL;

	(void)state;
	for (di = 0; di < NDATASETS; di++) {
		const dataset *d = &datasets[di];
		model_run base;

		run_models(&base, d);
		check_baseline(d, &base);
		for (k = 0; k < 6; k++) {
			size_t perm[MAXN];
			dataset pd;
			model_run got;
			char what[96];

			for (i = 0; i < d->n; i++)
				perm[i] = i;
			if (k == 0) {          /* reversal */
				for (i = 0; i < d->n; i++)
					perm[i] = d->n - 1 - i;
			} else if (k == 1) {   /* rotation by 3 */
				for (i = 0; i < d->n; i++)
					perm[i] = (i + 3) % d->n;
			} else {               /* Fisher-Yates with the LCG */
				for (i = d->n - 1; i > 0; i--) {
					size_t j = (size_t)(lcg_next(&st) % (i + 1)), t = perm[i];
					perm[i] = perm[j];
					perm[j] = t;
				}
			}
			permute(&pd, d, perm);
			run_models(&got, &pd);
			snprintf(what, sizeof(what), "%s permutation %zu", d->name, k);
			compare_runs(&got, &base, 1e-12, 1, what);
		}
	}
}

/* (2) Reflection x -> lo + hi - x (q likewise) reflects every result:
 * means, midpoint median, NBS p = 1 and 2 map to 100 - value; the lower
 * and upper tie rules and the feasible ends swap. */
static void test_models_props__reflection(void **state)
{
	size_t di, i, t;
	int p;

	(void)state;
	for (di = 0; di < NDATASETS; di++) {
		const dataset *d = &datasets[di];
		dataset rd = *d;
		model_run base, got;
		char what[96];

		for (i = 0; i < d->n; i++)
			rd.x[i] = 0.0 + 100.0 - d->x[i];
		rd.q = 0.0 + 100.0 - d->q;
		run_models(&base, d);
		run_models(&got, &rd);
		snprintf(what, sizeof(what), "%s reflected", d->name);
		tu_assert_close(got.mean, 100.0 - base.mean, 1e-9, what);
		tu_assert_close(got.median[0], 100.0 - base.median[0], 1e-9, what);
		for (t = 1; t < 3; t++) /* lower <-> upper */
			tu_assert_close(got.median[t], 100.0 - base.median[3 - t], 1e-9, what);
		tu_assert_close(got.lo, 100.0 - base.hi, 1e-9, what);
		tu_assert_close(got.hi, 100.0 - base.lo, 1e-9, what);
		assert_int_equal(got.tie, base.tie);
		for (p = 0; p < 2; p++) {
			assert_int_equal(got.nbs[p].status, base.nbs[p].status);
			tu_assert_close(got.nbs[p].solution, 100.0 - base.nbs[p].solution,
				1e-9, what);
			tu_assert_close(got.nbs[p].feasible_lo, 100.0 - base.nbs[p].feasible_hi,
				1e-9, what);
			tu_assert_close(got.nbs[p].feasible_hi, 100.0 - base.nbs[p].feasible_lo,
				1e-9, what);
		}
	}
}

/* (3) Only weight ratios matter (section 0: "only ratios matter"; the NBS
 * is invariant to rescaling a): weights times 1e6 and 1e-6 change nothing
 * within 1e-9, nor do 1e306 / 1e-306, where the plain sums would overflow
 * (3.61e306 * 91.4) or lose the smallest weights. */
static void test_models_props__weight_scale(void **state)
{
	static const double factors[] = { 1e6, 1e-6, 1e306, 1e-306 };
	size_t di, f, i;

	(void)state;
	for (di = 0; di < NDATASETS; di++) {
		const dataset *d = &datasets[di];
		model_run base;

		run_models(&base, d);
		for (f = 0; f < sizeof(factors) / sizeof(factors[0]); f++) {
			dataset sd = *d;
			model_run got;
			char what[96];

			for (i = 0; i < d->n; i++)
				sd.w[i] = d->w[i] * factors[f];
			run_models(&got, &sd);
			snprintf(what, sizeof(what), "%s weights * %g", d->name, factors[f]);
			compare_runs(&got, &base, 1e-9, 0, what);
		}
	}
}

/* Section 1 edge cases: all actors at one position => that position, and
 * the result lies in [min x, max x]. With these weights the plain quotient
 * sum(w x) / sum(w) rounds to 17.229999999999997 and to
 * 0.10000000000000002 (found by a search), i.e. out of [min x, max x]. */
static void test_models_mean__bounds_exact(void **state)
{
	double x1[3] = { 17.23, 17.23, 17.23 };
	double w1[3] = { 0.93814432989690721, 8.3711340206185572, 2.5051546391752577 };
	double x2[4] = { 0.1, 0.1, 0.1, 0.1 };
	double w2[4] = { 10.164948453608247, 1.7422680412371134, 4.5463917525773194,
		4.391752577319588 };
	double m;

	(void)state;
	assert_int_equal(parley_weighted_mean(&m, x1, w1, 3), 0);
	assert_true(m == 17.23);
	assert_int_equal(parley_weighted_mean(&m, x2, w2, 4), 0);
	assert_true(m == 0.1);
}

/* ------------------------------------------------------------------ */
/* weighted median on many actors                                       */
/* ------------------------------------------------------------------ */

#define BIG_N 100000
#define GRID 401 /* positions k/4, k = 0..400: all sums below are exact */

/* F(y) = sum_i w_i |x_i - y| for every grid position held by an actor of
 * positive weight (brute force, exact with quarter positions and integer
 * weights); checks all tie rules of the _ws variant against the set of
 * minimisers. Returns whether a tie was found. */
static int check_against_brute_force(const double *x, const double *w, size_t n)
{
	static double F[GRID];
	static int cand[GRID];
	size_t *ws = malloc(n * sizeof(size_t));
	size_t g, i, t;
	double best = HUGE_VAL, amin = -1, amax = -1;

	assert_non_null(ws);
	memset(cand, 0, sizeof(cand));
	for (i = 0; i < n; i++)
		if (w[i] > 0)
			cand[(size_t)(x[i] * 4.0)] = 1;
	for (g = 0; g < GRID; g++) {
		double y = (double)g * 0.25, f = 0.0;
		if (!cand[g])
			continue;
		for (i = 0; i < n; i++)
			f += w[i] * fabs(x[i] - y);
		F[g] = f;
		if (f < best)
			best = f;
	}
	for (g = 0; g < GRID; g++) {
		if (!cand[g] || F[g] != best)
			continue;
		if (amin < 0)
			amin = (double)g * 0.25;
		amax = (double)g * 0.25;
	}
	for (t = 0; t < 3; t++) {
		parley_median_result r;
		assert_int_equal(parley_weighted_median_ws(&r, x, w, n, tie_rule[t],
			TIE_REL_TOL, ws), 0);
		assert_int_equal(r.tie, amin != amax);
		tu_assert_close(r.lo, amin, 0.0, "argmin F: lowest");
		tu_assert_close(r.hi, amax, 0.0, "argmin F: highest");
		tu_assert_close(r.median, t == 0 ? 0.5 * (amin + amax) : t == 1 ? amin : amax,
			0.0, tie_key[t]);
	}
	free(ws);
	return amin != amax;
}

/* (5) _ws on 100000 actors equals the brute-force argmin of F over actor
 * positions: random quarter-grid positions with integer weights 0..99
 * (zeros excluded from the candidates), then a mirrored set that has an
 * exact tie by construction (the two halves weigh W/2 each). */
static void test_models_median__ws_100k_brute_force(void **state)
{
	double *x = malloc(BIG_N * sizeof(double)), *w = malloc(BIG_N * sizeof(double));
	uint64_t st = 20240607;
	size_t i, half = BIG_N / 2;

	(void)state;
	assert_non_null(x);
	assert_non_null(w);
	for (i = 0; i < BIG_N; i++) {
		x[i] = (double)(lcg_next(&st) % GRID) * 0.25;
		w[i] = (double)(lcg_next(&st) % 100);
	}
	check_against_brute_force(x, w, BIG_N);

	/* left half on [0, 49.75], right half its mirror on [50.25, 100] */
	for (i = 0; i < half; i++) {
		x[i] = (double)(lcg_next(&st) % 200) * 0.25;
		w[i] = (double)(1 + lcg_next(&st) % 99);
		x[half + i] = 100.0 - x[i];
		w[half + i] = w[i];
	}
	assert_int_equal(check_against_brute_force(x, w, BIG_N), 1);
	free(x);
	free(w);
}

/* (5, small) The selection path (up to 48 positive-weight actors, models.c
 * median_select) against the same brute force: 3000 random sets of 1..48
 * actors on a coarse grid (many equal positions), integer weights 0..9,
 * and half of them mirrored so that exact ties occur. */
static void test_models_median__ws_small_brute_force(void **state)
{
	double x[48], w[48];
	uint64_t st = 4242;
	size_t c, i, ties = 0;

	(void)state;
	for (c = 0; c < 3000; c++) {
		size_t n = 1 + (size_t)(lcg_next(&st) % 48);
		for (i = 0; i < n; i++) {
			x[i] = (double)(lcg_next(&st) % 12) * 8.25;
			w[i] = (double)(lcg_next(&st) % 10);
		}
		if (c & 1)
			for (i = 0; i < n / 2; i++) {
				x[n - 1 - i] = 99.0 - x[i];
				w[n - 1 - i] = w[i];
			}
		w[0] += 1.0; /* some weight */
		if (c & 1 && n > 1)
			w[n - 1] += 1.0;
		ties += (size_t)check_against_brute_force(x, w, n);
	}
	/* both branches of step 3 were taken */
	assert_true(ties > 100 && ties < 3000);
}

/* The models.md section 2 algorithm as written: every positive-weight
 * actor sorted by (position, index), cumulative weights in that order.
 * Unscaled: the library scales weights by a power of two, which changes no
 * rounding for these weights (no overflow, no subnormals). */
static const double *ref_x;

static int ref_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (ref_x[i] != ref_x[j])
		return ref_x[i] < ref_x[j] ? -1 : 1;
	return i < j ? -1 : i > j;
}

static void ref_median(parley_median_result *r, const double *x, const double *w, size_t n,
	parley_median_tie tie, size_t *idx)
{
	double W = 0.0, cum = 0.0, half, band;
	size_t i, k, j, m = 0;

	r->lo = r->hi = NAN;
	r->tie = 0;
	for (i = 0; i < n; i++)
		if (w[i] > 0) {
			W += w[i];
			idx[m++] = i;
		}
	ref_x = x;
	qsort(idx, m, sizeof(size_t), ref_cmp);
	half = 0.5 * W;
	band = TIE_REL_TOL * W;
	for (k = 0; k < m; k = j) {
		for (j = k; j < m && x[idx[j]] == x[idx[k]]; j++)
			cum += w[idx[j]];
		if (cum >= half - band) {
			r->lo = r->hi = x[idx[k]];
			r->tie = fabs(cum - half) <= band && j < m;
			if (r->tie)
				r->hi = x[idx[j]];
			break;
		}
	}
	r->median = !r->tie || tie == PARLEY_TIE_LOWER ? r->lo :
		tie == PARLEY_TIE_UPPER ? r->hi : 0.5 * r->lo + 0.5 * r->hi;
}

/* (5, buckets) From 16 positive-weight actors the library finds the median
 * through buckets of positions and sorts one bucket only; it promises the
 * bits of the algorithm as written (ref_median) and sorts everything where
 * rounding could decide. 20000 sets of 16..300 actors: real positions and
 * weights as a Monte Carlo draw has them, clusters of equal positions, zero
 * weights, and mirrored sets whose halves weigh the same (exact ties and
 * near-ties, where it must fall back). Exact equality of every field. */
static void test_models_median__buckets_match_sort(void **state)
{
	enum { BMAXN = 300 };
	double x[BMAXN], w[BMAXN];
	size_t ws[BMAXN], ri[BMAXN], c, i, t, ties = 0;
	uint64_t st = 31337;

	(void)state;
	for (c = 0; c < 20000; c++) {
		size_t n = 16 + (size_t)(lcg_next(&st) % (BMAXN - 15));
		int kind = (int)(c % 4);
		for (i = 0; i < n; i++) {
			x[i] = kind == 1 ? (double)(lcg_next(&st) % 7) * 14.5 : 100.0 * lcg_unit(&st);
			w[i] = kind == 2 && lcg_next(&st) % 3 == 0 ? 0.0 : 0.01 + 3.0 * lcg_unit(&st);
		}
		w[0] += 1.0;
		if (kind == 3)
			for (i = 0; i < n / 2; i++) {
				x[n - 1 - i] = 100.0 - x[i];
				w[n - 1 - i] = w[i];
			}
		for (t = 0; t < 3; t++) {
			parley_median_result r, e;
			assert_int_equal(parley_weighted_median_ws(&r, x, w, n, tie_rule[t],
				TIE_REL_TOL, ws), 0);
			ref_median(&e, x, w, n, tie_rule[t], ri);
			assert_int_equal(r.tie, e.tie);
			assert_true(r.lo == e.lo && r.hi == e.hi && r.median == e.median);
			ties += (size_t)(t == 0 && r.tie);
		}
	}
	/* the mirrored sets gave exact ties */
	assert_true(ties > 1000);
}

/* Sum of w_i |x_i - y|, in long double (direct, O(n)). */
static long double F_at(const double *x, const double *w, size_t n, double y)
{
	long double f = 0.0L;
	size_t i;

	for (i = 0; i < n; i++)
		f += (long double)w[i] * fabsl((long double)x[i] - (long double)y);
	return f;
}

/* (5, continuous) 100000 distinct real positions, irregular real weights:
 * F is convex and piecewise linear, so an actor position whose neighbouring
 * actor positions have F >= F(median) is a global argmin over actor
 * positions; the definition's cumulative condition is checked directly. */
static void test_models_median__ws_100k_continuous(void **state)
{
	double *x = malloc(BIG_N * sizeof(double)), *w = malloc(BIG_N * sizeof(double));
	size_t *ws = malloc(BIG_N * sizeof(size_t));
	uint64_t st = 77;
	size_t i, t;
	double below = 0.0, upto = 0.0, W = 0.0, prev = -HUGE_VAL, next = HUGE_VAL;
	long double fm;
	parley_median_result r, r2;
	int is_actor = 0;

	(void)state;
	assert_non_null(x);
	assert_non_null(w);
	assert_non_null(ws);
	for (i = 0; i < BIG_N; i++) {
		x[i] = 100.0 * lcg_unit(&st);
		w[i] = 0.001 + 10.0 * lcg_unit(&st) * lcg_unit(&st);
	}
	assert_int_equal(parley_weighted_median_ws(&r, x, w, BIG_N, PARLEY_TIE_LOWER,
		TIE_REL_TOL, ws), 0);
	assert_int_equal(r.tie, 0); /* a real-valued random split is not exact */
	for (i = 0; i < BIG_N; i++) {
		W += w[i];
		if (x[i] < r.median)
			below += w[i];
		if (x[i] <= r.median)
			upto += w[i];
		if (x[i] == r.median)
			is_actor = 1;
		if (x[i] < r.median && x[i] > prev)
			prev = x[i];
		if (x[i] > r.median && x[i] < next)
			next = x[i];
	}
	assert_true(is_actor);
	/* section 2 step 2: C_k* >= W/2 and C_k*-1 < W/2 */
	assert_true(upto >= 0.5 * W * (1 - 1e-12));
	assert_true(below < 0.5 * W * (1 + 1e-12));
	fm = F_at(x, w, BIG_N, r.median);
	assert_true(fm <= F_at(x, w, BIG_N, prev) * (1 + 1e-15L));
	assert_true(fm <= F_at(x, w, BIG_N, next) * (1 + 1e-15L));
	for (t = 0; t < 3; t++) { /* no tie: every rule gives the same point */
		assert_int_equal(parley_weighted_median_ws(&r2, x, w, BIG_N, tie_rule[t],
			TIE_REL_TOL, ws), 0);
		assert_true(r2.median == r.median);
	}
	free(x);
	free(w);
	free(ws);
}

/* parley_weighted_median sorts on its stack: up to 64 actors it equals the
 * _ws variant; from 65 it refuses (EINVAL naming the _ws variant). */
static void test_models_median__stack_limit(void **state)
{
	double x[65], w[65];
	size_t ws[65], n, i;
	uint64_t st = 5;
	parley_median_result a, b;

	(void)state;
	for (i = 0; i < 65; i++) {
		x[i] = 100.0 * lcg_unit(&st);
		w[i] = lcg_unit(&st);
	}
	for (n = 1; n <= 64; n++) {
		assert_int_equal(parley_weighted_median(&a, x, w, n, PARLEY_TIE_MIDPOINT,
			TIE_REL_TOL), 0);
		assert_int_equal(parley_weighted_median_ws(&b, x, w, n, PARLEY_TIE_MIDPOINT,
			TIE_REL_TOL, ws), 0);
		assert_same_median(&a, &b);
	}
	assert_true(a.median == b.median);
	parley_error_clear();
	assert_error(parley_weighted_median(&a, x, w, 65, PARLEY_TIE_MIDPOINT,
		TIE_REL_TOL), PARLEY_EINVAL);
	assert_non_null(strstr(parley_error_last()->message, "parley_weighted_median_ws"));
	assert_int_equal(parley_weighted_median_ws(&b, x, w, 65, PARLEY_TIE_MIDPOINT,
		TIE_REL_TOL, ws), 0);
}

/* ------------------------------------------------------------------ */
/* NBS closed forms                                                     */
/* ------------------------------------------------------------------ */

/* A single actor: N = a ln g(y) is maximised at the actor's own position
 * (g is largest there), whatever q, including at the scale end hi. */
static void test_models_nbs__single_actor(void **state)
{
	static const struct { double x, q; } c[] = {
		{ 63.17, 12.9 }, { 8.25, 71.3 }, { 100.0, 40.0 }, { 0.0, 0.5 },
	};
	double a = 2.7;
	size_t k;
	int p;

	(void)state;
	for (k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		for (p = 1; p <= 2; p++) {
			parley_nbs_result r;
			assert_int_equal(parley_nbs(&r, &c[k].x, &a, NULL, 1, c[k].q, 0.0, 100.0,
				p, NBS_TOL), 0);
			assert_int_equal(r.status, PARLEY_NBS_INTERIOR);
			if (p == 1 || c[k].x == 0.0 || c[k].x == 100.0)
				assert_true(r.solution == c[k].x); /* kink snap / scale end */
			else
				tu_assert_close(r.solution, c[k].x, 1e-9, "single actor p=2");
		}
	}
}

/* p = 2, two actors: the root in (L, U) of the spec's quadratic
 * a1 (y - x1)(q + y - 2 x2) + a2 (y - x2)(q + y - 2 x1) = 0. */
static void test_models_nbs__two_actor_closed_form(void **state)
{
	static const struct { double x1, x2, a1, a2, q; } c[] = {
		{ 55, 80, 3, 1, 0 },               /* the vector case */
		{ 41.7, 63.05, 0.37, 2.9, 18.4 },
		{ 12.25, 33.9, 4.1, 0.61, 87.3 },  /* both left of q */
		{ 70.3, 70.9, 1.0, 1.0, 2.2 },
	};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		double x[2] = { c[k].x1, c[k].x2 }, a[2] = { c[k].a1, c[k].a2 };
		double A = c[k].a1 + c[k].a2;
		double B = c[k].a1 * (c[k].q - 2 * c[k].x2 - c[k].x1)
			+ c[k].a2 * (c[k].q - 2 * c[k].x1 - c[k].x2);
		double C = -c[k].a1 * c[k].x1 * (c[k].q - 2 * c[k].x2)
			- c[k].a2 * c[k].x2 * (c[k].q - 2 * c[k].x1);
		double d = sqrt(B * B - 4 * A * C), r1 = (-B + d) / (2 * A), r2 = (-B - d) / (2 * A);
		parley_nbs_result r;
		double root;

		assert_int_equal(parley_nbs(&r, x, a, NULL, 2, c[k].q, 0.0, 100.0, 2, NBS_TOL), 0);
		assert_int_equal(r.status, PARLEY_NBS_INTERIOR);
		root = (r1 > r.feasible_lo && r1 < r.feasible_hi) ? r1 : r2;
		assert_true(root > r.feasible_lo && root < r.feasible_hi);
		tu_assert_close(r.solution, root, 1e-9, "two-actor quadratic root");
	}
}

/* p = 1, q = 0, x1 < y < x2: the FOC between kinks (section 3) is
 * a2 / y = a1 / (2 x1 - y), so y* = 2 x1 a2 / (a1 + a2), inside (x1, x2)
 * iff a2 > a1, and y* = x1 (a kink) when a2 <= a1. With a2 = 1.0004 the
 * optimum is 0.01 above x1 = 50: on the scale [-1e9, 1e9] that is inside
 * the snap radius 1e-11 (hi - lo) = 0.02, and it must not snap. */
static void test_models_nbs__p1_kinks_and_snap(void **state)
{
	static const double scales[2][2] = { { 0.0, 100.0 }, { -1e9, 1e9 } };
	double x[2] = { 50.0, 60.0 }, a_in[2] = { 1.0, 1.0004 }, a_kink[2] = { 3.0, 1.0 };
	size_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		parley_nbs_result r;

		assert_int_equal(parley_nbs(&r, x, a_in, NULL, 2, 0.0, scales[k][0],
			scales[k][1], 1, NBS_TOL), 0);
		tu_assert_close(r.solution, 2 * 50.0 * 1.0004 / 2.0004, 1e-9, "p=1 between kinks");
		assert_true(r.solution > 50.0);
		assert_int_equal(parley_nbs(&r, x, a_kink, NULL, 2, 0.0, scales[k][0],
			scales[k][1], 1, NBS_TOL), 0);
		assert_true(r.solution == 50.0); /* snapped exactly to the kink */
	}
}

/* ------------------------------------------------------------------ */
/* errors (section 0, Validation)                                       */
/* ------------------------------------------------------------------ */

/* (4) Bad input -> PARLEY_EINVAL with a message; outputs untouched. */
static void test_models_errors__invalid_input(void **state)
{
	double x[3] = { 10, 50, 90 }, w[3] = { 1, 2, 3 }, s[3] = { 1, 0.5, 0.2 };
	double bad[3], out = -1.0;
	size_t ws[3];
	parley_median_result m;
	parley_nbs_result r;

	(void)state;
	memset(&m, 0x5a, sizeof(m));
	memset(&r, 0x5a, sizeof(r));

#define EXPECT_EINVAL(call) do { parley_error_clear(); \
		assert_error((call), PARLEY_EINVAL); } while (0)
	/* weighted mean */
	memcpy(bad, x, sizeof(bad)); bad[1] = NAN;
	EXPECT_EINVAL(parley_weighted_mean(&out, bad, w, 3));
	memcpy(bad, x, sizeof(bad)); bad[2] = INFINITY;
	EXPECT_EINVAL(parley_weighted_mean(&out, bad, w, 3));
	memcpy(bad, w, sizeof(bad)); bad[0] = -0.5;
	EXPECT_EINVAL(parley_weighted_mean(&out, x, bad, 3));
	memcpy(bad, w, sizeof(bad)); bad[0] = NAN;
	EXPECT_EINVAL(parley_weighted_mean(&out, x, bad, 3));
	EXPECT_EINVAL(parley_weighted_mean(&out, x, w, 0));
	EXPECT_EINVAL(parley_weighted_mean(NULL, x, w, 3));
	assert_true(out == -1.0);

	/* weighted median */
	memcpy(bad, x, sizeof(bad)); bad[0] = NAN;
	EXPECT_EINVAL(parley_weighted_median(&m, bad, w, 3, PARLEY_TIE_MIDPOINT, TIE_REL_TOL));
	memcpy(bad, w, sizeof(bad)); bad[1] = -1.0;
	EXPECT_EINVAL(parley_weighted_median(&m, x, bad, 3, PARLEY_TIE_MIDPOINT, TIE_REL_TOL));
	memcpy(bad, w, sizeof(bad)); bad[1] = -INFINITY;
	EXPECT_EINVAL(parley_weighted_median_ws(&m, x, bad, 3, PARLEY_TIE_LOWER, TIE_REL_TOL, ws));
	EXPECT_EINVAL(parley_weighted_median(&m, x, w, 0, PARLEY_TIE_MIDPOINT, TIE_REL_TOL));
	EXPECT_EINVAL(parley_weighted_median(&m, x, w, 3, (parley_median_tie)7, TIE_REL_TOL));
	EXPECT_EINVAL(parley_weighted_median(&m, x, w, 3, PARLEY_TIE_MIDPOINT, -1e-12));
	EXPECT_EINVAL(parley_weighted_median(&m, x, w, 3, PARLEY_TIE_MIDPOINT, NAN));
	EXPECT_EINVAL(parley_weighted_median_ws(&m, x, w, 3, PARLEY_TIE_MIDPOINT, TIE_REL_TOL, NULL));
	assert_true(m.tie == 0x5a5a5a5a);

	/* Nash bargaining */
	memcpy(bad, x, sizeof(bad)); bad[2] = NAN;
	EXPECT_EINVAL(parley_nbs(&r, bad, w, NULL, 3, 0, 0, 100, 1, NBS_TOL));
	memcpy(bad, w, sizeof(bad)); bad[2] = -2.0;
	EXPECT_EINVAL(parley_nbs(&r, x, bad, NULL, 3, 0, 0, 100, 1, NBS_TOL));
	memcpy(bad, s, sizeof(bad)); bad[1] = 50.0; /* a 0-100 salience */
	EXPECT_EINVAL(parley_nbs(&r, x, w, bad, 3, 0, 0, 100, 1, NBS_TOL));
	memcpy(bad, s, sizeof(bad)); bad[1] = NAN;
	EXPECT_EINVAL(parley_nbs(&r, x, w, bad, 3, 0, 0, 100, 1, NBS_TOL));
	memcpy(bad, x, sizeof(bad)); bad[0] = 100.5; /* position off the scale */
	EXPECT_EINVAL(parley_nbs(&r, bad, w, NULL, 3, 0, 0, 100, 2, NBS_TOL));
	memcpy(bad, x, sizeof(bad)); bad[0] = -1e-9;
	EXPECT_EINVAL(parley_nbs(&r, bad, w, NULL, 3, 0, 0, 100, 2, NBS_TOL));
	EXPECT_EINVAL(parley_nbs(&r, x, w, NULL, 3, 101, 0, 100, 2, NBS_TOL)); /* q */
	EXPECT_EINVAL(parley_nbs(&r, x, w, NULL, 3, 0, 0, 100, 3, NBS_TOL));   /* p = 3 */
	EXPECT_EINVAL(parley_nbs(&r, x, w, NULL, 3, 0, 0, 100, 0, NBS_TOL));   /* p = 0 */
	EXPECT_EINVAL(parley_nbs(&r, x, w, NULL, 0, 0, 0, 100, 1, NBS_TOL));   /* n = 0 */
	EXPECT_EINVAL(parley_nbs(&r, x, w, NULL, 3, 50, 100, 0, 1, NBS_TOL));  /* lo > hi */
	EXPECT_EINVAL(parley_nbs(&r, x, w, NULL, 3, 0, 0, INFINITY, 1, NBS_TOL));
	EXPECT_EINVAL(parley_nbs(&r, x, w, NULL, 3, 0, 0, 100, 1, NAN));      /* tol */
	assert_true(r.iterations != 0 && r.status != PARLEY_NBS_INTERIOR);
#undef EXPECT_EINVAL
}

/* Zero total weight -> PARLEY_EZEROWEIGHT (the vectors' ERROR_ZERO_WEIGHT):
 * for NBS, no actor with a_i > 0 and s_i > 0 (section 3, set A). */
static void test_models_errors__zero_weight(void **state)
{
	double x[3] = { 10, 50, 90 }, zero[3] = { 0, 0, 0 }, w[3] = { 1, 2, 3 };
	double s[3] = { 0, 0, 0 }, a[3] = { 0, 4, 0 }, s2[3] = { 1, 0, 1 }, out;
	parley_median_result m;
	parley_nbs_result r;

	(void)state;
	parley_error_clear();
	assert_error(parley_weighted_mean(&out, x, zero, 3), PARLEY_EZEROWEIGHT);
	parley_error_clear();
	assert_error(parley_weighted_median(&m, x, zero, 3, PARLEY_TIE_LOWER, TIE_REL_TOL),
		PARLEY_EZEROWEIGHT);
	parley_error_clear();
	assert_error(parley_nbs(&r, x, zero, NULL, 3, 0, 0, 100, 1, NBS_TOL),
		PARLEY_EZEROWEIGHT);
	parley_error_clear();
	assert_error(parley_nbs(&r, x, w, s, 3, 0, 0, 100, 2, NBS_TOL), PARLEY_EZEROWEIGHT);
	parley_error_clear();
	assert_error(parley_nbs(&r, x, a, s2, 3, 0, 0, 100, 2, NBS_TOL), PARLEY_EZEROWEIGHT);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_models_vectors__compromise),
		cmocka_unit_test(test_models_vectors__weighted_median),
		cmocka_unit_test(test_models_vectors__nash_bargaining),
		cmocka_unit_test(test_models_props__permutation),
		cmocka_unit_test(test_models_props__reflection),
		cmocka_unit_test(test_models_props__weight_scale),
		cmocka_unit_test(test_models_mean__bounds_exact),
		cmocka_unit_test(test_models_median__ws_100k_brute_force),
		cmocka_unit_test(test_models_median__ws_small_brute_force),
		cmocka_unit_test(test_models_median__buckets_match_sort),
		cmocka_unit_test(test_models_median__ws_100k_continuous),
		cmocka_unit_test(test_models_median__stack_limit),
		cmocka_unit_test(test_models_nbs__single_actor),
		cmocka_unit_test(test_models_nbs__two_actor_closed_form),
		cmocka_unit_test(test_models_nbs__p1_kinks_and_snap),
		cmocka_unit_test(test_models_errors__invalid_input),
		cmocka_unit_test(test_models_errors__zero_weight),
	};

	return tu_run_tests(tests, argc, argv);
}
