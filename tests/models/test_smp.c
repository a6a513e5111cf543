/*
 * test_smp.c - KTAB's Spatial Model of Politics (src/lib/models/smp.c)
 * against every number of the spec's vector file
 * (tests/vectors/ktab_smp_components.json, models.md section 6.2: its
 * building blocks and a 3-actor first turn, derived by the spec's Python
 * transcription of KTAB, ref.py; provisional, as the spec says), and its
 * properties on random issues: the same forecast whatever the order of the
 * actors and whatever the units of the scale, convergence before the round
 * limit, a forecast inside the actors' positions.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfyaml.h>
#include "testutil.h"
#include "model_internal.h"

/* The model's kernels, as smp.c defines them (exported for this test). */
double parley_smp__util(double d, double R);
void parley_smp__big_r(double *R, const double *p, size_t n);
void parley_smp__risk(double *p, double *R, double *C, const double *y, const double *c, size_t n);
void parley_smp__utilities(double *u, const double *R, const double *y, size_t n, size_t h);
void parley_smp__challenge(double *phi, double *edu, const double *u, const double *c,
	const double *s, size_t n, size_t i, size_t j);
long parley_smp__target(double *phi, const double *u, const double *c, const double *s, size_t n,
	size_t i);
void parley_smp__interp(double *bi, double *bj, double yi, double si, double pi, double yj,
	double sj, double pj);

/* ---- the vector file (keys hold '[', '>' and '.': looked up as keys) ---- */

static struct fy_node *key(struct fy_node *map, const char *k)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(map, k, FY_NT);
	if (!n)
		fail_msg("vector has no key '%s'", k);
	return n;
}

static double num(struct fy_node *n)
{
	size_t len;
	const char *t = fy_node_get_scalar(n, &len);
	char tmp[64], *end;
	double v;
	assert_non_null(t);
	assert_true(len < sizeof(tmp));
	memcpy(tmp, t, len);
	tmp[len] = '\0';
	v = strtod(tmp, &end);
	assert_true(end != tmp && *end == '\0');
	return v;
}

static double at(struct fy_node *seq, int i)
{
	return num(fy_node_sequence_get_by_index(seq, i));
}

static void test_smp__components(void **state)
{
	struct fy_document *doc = tu_load_vectors("ktab_smp_components.json");
	struct fy_node *c = fy_node_sequence_get_by_index(key(tu_root(doc), "cases"), 0);
	struct fy_node *e = key(c, "expected"), *r;
	double tol = num(key(c, "abs_tol")), R[3], bi, bj;
	static const double p[3] = { 0.2, 0.3, 0.5 };
	int k;

	(void)state;
	tu_assert_close(parley_smp__util(0.3, 0.5), num(key(e, "util_d0.3_R0.5")), tol, "u(0.3, 0.5)");
	tu_assert_close(parley_smp__util(0.3, -0.5), num(key(e, "util_d0.3_R-0.5")), tol, "u(0.3, -0.5)");
	parley_smp__big_r(R, p, 3);
	r = key(e, "bigR_mid_of_[0.2,0.3,0.5]");
	for (k = 0; k < 3; k++)
		tu_assert_close(R[k], at(r, k), tol, "Mid BigR");
	parley_smp__interp(&bi, &bj, 0.1, 0.9, 0.7, 0.45, 0.5, 0.3);
	r = key(e, "interp_S2P2(0.1,0.9,0.7 ; 0.45,0.5,0.3)");
	tu_assert_close(bi, at(r, 0), tol, "S2P2 initiator");
	tu_assert_close(bj, at(r, 1), tol, "S2P2 receiver");
	fy_document_destroy(doc);
}

static void test_smp__toy3_first_turn(void **state)
{
	struct fy_document *doc = tu_load_vectors("ktab_smp_components.json");
	struct fy_node *c = fy_node_sequence_get_by_index(key(tu_root(doc), "cases"), 1);
	struct fy_node *in = key(c, "input"), *e = key(c, "expected"), *r;
	double tol = num(key(c, "abs_tol")), x[3], cap[3], sal[3], p[3], R[3], C[9], u[9];
	size_t i, j, h;
	char what[96];

	(void)state;
	for (i = 0; i < 3; i++) {
		x[i] = at(key(in, "x01"), (int)i);
		cap[i] = at(key(in, "cap"), (int)i);
		sal[i] = at(key(in, "sal"), (int)i);
	}
	parley_smp__risk(p, R, C, x, cap, 3);
	for (i = 0; i < 3; i++) {
		tu_assert_close(p[i], at(key(e, "p_positions_risk_neutral"), (int)i), tol, "PCE over positions");
		tu_assert_close(R[i], at(key(e, "R"), (int)i), tol, "risk attitude R");
	}
	for (h = 0; h < 3; h++) {
		parley_smp__utilities(u, R, x, 3, h);
		for (i = 0; i < 3; i++)
			for (j = 0; j < 3; j++) {
				r = fy_node_sequence_get_by_index(fy_node_sequence_get_by_index(key(e, "u_h"), (int)h),
					(int)i);
				snprintf(what, sizeof(what), "u^%zu_%zu%zu", h, i, j);
				tu_assert_close(u[i * 3 + j], at(r, (int)j), tol, what);
			}
	}
	for (i = 0; i < 3; i++) {
		struct fy_node *best = key(key(e, "best_challenge_and_bargain"), (char[]){ (char)('0' + i), 0 });
		double phi, edu, bphi, bi, bj;
		long t;
		parley_smp__utilities(u, R, x, 3, i); /* h = k = i */
		for (j = 0; j < 3; j++) {
			char pair[8];
			if (j == i)
				continue;
			snprintf(pair, sizeof(pair), "%zu->%zu", i, j);
			parley_smp__challenge(&phi, &edu, u, cap, sal, 3, i, j);
			r = key(key(e, "challenges_h=i,k=i"), pair);
			snprintf(what, sizeof(what), "P[%s]", pair);
			tu_assert_close(phi, at(r, 0), tol, what);
			snprintf(what, sizeof(what), "EdU[%s]", pair);
			tu_assert_close(edu, at(r, 1), tol, what);
		}
		t = parley_smp__target(&bphi, u, cap, sal, 3, i);
		assert_int_equal(t, (long)num(key(best, "target")));
		tu_assert_close(bphi, num(key(best, "p_win")), tol, "p_win of the best challenge");
		parley_smp__interp(&bi, &bj, x[i], sal[i], bphi, x[t], sal[t], 1 - bphi);
		tu_assert_close(bi, num(key(best, "bargain_init_pos")), tol, "bargain, initiator");
		tu_assert_close(bj, num(key(best, "bargain_rcvr_pos")), tol, "bargain, receiver");
	}
	fy_document_destroy(doc);
}

/* ---- properties on random issues ---- */

static uint64_t rng = 0x5eed5a1e;

static double uniform(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(rng >> 11) / 9007199254740992.0;
}

typedef struct {
	size_t n;
	double x[12], c[12], s[12];
} issue;

static void random_issue(issue *is)
{
	size_t k;
	is->n = 2 + (size_t)(uniform() * 9);
	for (k = 0; k < is->n; k++) {
		is->x[k] = 100 * uniform();
		is->c[k] = 1 + 99 * uniform();
		is->s[k] = 0.05 + 0.95 * uniform();
	}
}

/* The model of the table on the issue, on [lo, hi] with positions mapped
 * by x -> lo + (hi - lo) x / 100; *rounds and *converged from its extras. */
static double smp_forecast(const issue *is, double lo, double hi, size_t *rounds, int *converged)
{
	const parley_model_type *t = parley_model_type_lookup("smp");
	parley_model_ws ws;
	parley_model_call c;
	parley_model_result res;
	parley_forecast_options o = PARLEY_FORECAST_OPTIONS_INIT;
	parley_issue scale;
	parley_arena arena;
	char json[128];
	parley_buf b = PARLEY_BUF_INIT;
	size_t k;

	assert_non_null(t);
	assert_int_equal(parley_models__ws_init(&ws, is->n), 0);
	memset(&arena, 0, sizeof(arena));
	memset(&scale, 0, sizeof(scale));
	memset(&c, 0, sizeof(c));
	scale.lo = lo;
	scale.hi = hi;
	for (k = 0; k < is->n; k++) {
		ws.x[k] = lo + (hi - lo) * is->x[k] / 100;
		ws.c[k] = is->c[k];
		ws.sal[k] = is->s[k];
		ws.w[k] = is->c[k] * is->s[k];
	}
	c.is = &scale;
	c.n = is->n;
	c.o = &o;
	c.ws = &ws;
	c.arena = &arena;
	assert_int_equal(parley_models__run_one(&res, t, &c), 0);
	/* the extras, through the model's own JSON */
	assert_int_equal(t->ops->json(&b, NULL, &res), 0);
	snprintf(json, sizeof(json), "%s", b.ptr ? b.ptr : "");
	*converged = strstr(json, "\"status\": \"converged\"") != NULL;
	assert_true(sscanf(strstr(json, "\"rounds_run\": "), "\"rounds_run\": %zu", rounds) == 1);
	parley_buf_dispose(&b);
	parley_arena__dispose(&arena);
	parley_models__ws_dispose(&ws);
	return res.forecast;
}

static void test_smp__properties(void **state)
{
	size_t trial, converged_count = 0, trials = 200;

	(void)state;
	for (trial = 0; trial < trials; trial++) {
		issue a, b;
		size_t k, rounds, r2, perm[12];
		int conv, c2;
		double f, g, lo, hi, xmin = 100, xmax = 0;

		random_issue(&a);
		f = smp_forecast(&a, 0, 100, &rounds, &conv);
		/* a convex combination of positions that stay between the actors',
		 * but for the rounding of bargains to 1/10000 of the scale (half of
		 * it, 0.005 on 0-100, beyond an extreme actor) */
		for (k = 0; k < a.n; k++) {
			xmin = fmin(xmin, a.x[k]);
			xmax = fmax(xmax, a.x[k]);
		}
		if (!(f >= xmin - 0.005 - 1e-9 && f <= xmax + 0.005 + 1e-9))
			fail_msg("forecast %.17g outside [%.17g, %.17g]", f, xmin, xmax);
		assert_true(rounds >= 1 && rounds <= 100);
		converged_count += (size_t)conv;
		/* actor order: a random permutation (tolerance: sums in another
		 * order differ in the last bits; 1e-9 of the scale) */
		for (k = 0; k < a.n; k++)
			perm[k] = k;
		for (k = a.n; k > 1; k--) {
			size_t j = (size_t)(uniform() * (double)k), tmp = perm[k - 1];
			perm[k - 1] = perm[j];
			perm[j] = tmp;
		}
		b.n = a.n;
		for (k = 0; k < a.n; k++) {
			b.x[k] = a.x[perm[k]];
			b.c[k] = a.c[perm[k]];
			b.s[k] = a.s[perm[k]];
		}
		g = smp_forecast(&b, 0, 100, &r2, &c2);
		tu_assert_close(g, f, 1e-9 * 100, "actor order");
		/* units: the same issue on [lo, hi] is the same forecast mapped
		 * (the model runs on [0, 1]); capabilities in other units too */
		lo = -1000 + 2000 * uniform();
		hi = lo + 1e-3 + 1e4 * uniform();
		for (k = 0; k < a.n; k++)
			b.c[k] = a.c[k] * 1e6, b.x[k] = a.x[k], b.s[k] = a.s[k];
		g = smp_forecast(&b, lo, hi, &r2, &c2);
		tu_assert_close((g - lo) / (hi - lo) * 100, f, 1e-9 * 100, "scale and capability units");
	}
	/* the round limit is a safeguard, not the rule */
	print_message("SMP converged before round 100 on %zu of %zu random issues\n", converged_count, trials);
	assert_true(converged_count >= trials * 9 / 10);
}

/* One actor keeps its position; no weight is an error. */
static void test_smp__edges(void **state)
{
	issue a;
	size_t rounds;
	int conv;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.n = 1;
	a.x[0] = 37;
	a.c[0] = 5;
	a.s[0] = 0.5;
	tu_assert_close(smp_forecast(&a, 0, 100, &rounds, &conv), 37, 1e-12, "one actor");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smp__components),
		cmocka_unit_test(test_smp__toy3_first_turn),
		cmocka_unit_test(test_smp__properties),
		cmocka_unit_test(test_smp__edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
