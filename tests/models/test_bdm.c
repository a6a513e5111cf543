/*
 * test_bdm.c - the expected-utility model of parley/bdm.h against every
 * case of the spec's vectors (shared/specs/vectors/bdm_expected_utility.json,
 * copied into tests/vectors), the published trajectory of Scholz et al.
 * (2011) Table 2, and properties that follow from the definitions of
 * shared/specs/models.md section 4.
 *
 * Where the expected values come from:
 *  - test_bdm_vectors__*: the "expected" members of the vector file,
 *    computed by shared/specs/ref.py (gen_bdm), compared with each case's
 *    abs_tol (1e-9 when the case has none, as in test_models.c);
 *  - test_bdm_compat__scholz_table2: the medians Scholz et al. print in
 *    Table 2 (8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6; models.md 4.8), to
 *    the 0.35 that separates their one-decimal print from the replication;
 *  - test_bdm_data__car_emissions_csv: the BDM-1994 table in
 *    ../shared/data/bdm1994/ must be the vector's input and run the same;
 *  - test_bdm_paper__*: a direct O(n^3) transcription of models.md 4.3
 *    B-G written in this file (ref_paper_round) for the large-n
 *    probabilities, Q != 1 and the three offer-selection rules;
 *  - test_bdm_props__*: symmetries of the definitions (the model is a
 *    function of the set of actors; PAPER commutes with x -> lo + hi - x);
 *  - test_bdm_errors__*, test_bdm_api__*, test_bdm_alloc__*: the
 *    validation rules of models.md 0 / 4.7 and the contract of bdm.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley/bdm.h"
#include "parley/models.h"

/* Cases without "abs_tol" (all_same_position): the 12 significant digits
 * of the vectors, as DEFAULT_ABS_TOL in test_models.c. */
#define DEFAULT_ABS_TOL 1e-9

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */


/* Index of the case called `name`; fails when absent. */
static size_t case_index(struct fy_node *root, const char *name)
{
	size_t k, count = tu_case_count(root);

	for (k = 0; k < count; k++) {
		const char *cn = tu_str(root, tu_cpath(k, "name"));
		if (cn && strcmp(cn, name) == 0)
			return k;
	}
	fail_msg("no case %s in bdm_expected_utility.json", name);
	return 0;
}

/* Whether the node at path exists and is not JSON null. */
static int present(struct fy_node *root, const char *path)
{
	struct fy_node *nd = tu_node(root, path);
	const char *s;

	if (!nd)
		return 0;
	if (!fy_node_is_scalar(nd))
		return 1;
	s = tu_str(root, path);
	return s && strcmp(s, "null") != 0;
}

/* A failing call must record its code and a non-empty message. */
static void assert_error(int rc, int want)
{
	const parley_error *e = parley_error_last();

	assert_int_equal(rc, want);
	assert_int_equal(e->code, want);
	assert_true(e->message[0] != '\0');
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

static parley_bdm_workspace *new_ws(size_t n, int trace)
{
	parley_bdm_workspace *ws = NULL;

	assert_int_equal(parley_bdm_workspace_alloc(&ws, n, trace), 0);
	assert_non_null(ws);
	return ws;
}

/* Run to the end; record the trajectory (rows of n positions, medians,
 * means per round, up to maxr rounds). Returns the rounds run. */
typedef struct {
	size_t n, rounds;
	parley_bdm_status status;
	double pos[40][64], med[40], mean[40];
} trajectory;

static void run_trajectory(trajectory *tr, const double *x, const double *c,
	const double *s, size_t n, double lo, double hi, const parley_bdm_options *o)
{
	parley_bdm_workspace *ws = new_ws(n, 0);
	size_t t = 0;

	assert_true(n <= 64);
	assert_true(o->max_rounds <= 40);
	assert_int_equal(parley_bdm_set(ws, x, c, s, n, lo, hi, o), 0);
	while (parley_bdm_test(ws) == PARLEY_BDM_CONTINUE) {
		assert_int_equal(parley_bdm_iterate(ws), 0);
		assert_true(t < 40);
		memcpy(tr->pos[t], parley_bdm_positions(ws), n * sizeof(double));
		tr->med[t] = parley_bdm_median(ws);
		tr->mean[t] = parley_bdm_mean(ws);
		t++;
		assert_int_equal(parley_bdm_rounds(ws), t);
	}
	tr->n = n;
	tr->rounds = t;
	tr->status = parley_bdm_test(ws);
	parley_bdm_workspace_free(ws);
}

/* ------------------------------------------------------------------ */
/* vectors                                                              */
/* ------------------------------------------------------------------ */

/* Members a case provided and this file checked (required per case below). */
enum {
	HAS_MU = 1 << 0, HAS_P = 1 << 1, HAS_EU1 = 1 << 2, HAS_S = 1 << 3,
	HAS_R = 1 << 4, HAS_SMALL_R = 1 << 5, HAS_EU = 1 << 6, HAS_MOVES = 1 << 7,
	HAS_MEDIANS = 1 << 8, HAS_MEANS = 1 << 9, HAS_POSITIONS = 1 << 10,
	HAS_FINAL = 1 << 11, HAS_STATUS = 1 << 12, HAS_ROUNDS = 1 << 13,
	HAS_FORECAST = 1 << 14, HAS_R1_R = 1 << 15, HAS_R1_MOVES = 1 << 16
};

/* The options of a case: its "profile" (prob share -> PAPER, scholz_code
 * -> COMPAT), params.max_rounds / eps (ref.py's bdm() defaults 10 and
 * 1e-9 otherwise) and a numeric params.range (Delta = the scale [0, range]). */
static void case_options(struct fy_node *root, size_t k, parley_bdm_options *o,
	double *hi)
{
	const char *prob = tu_str(root, tu_cpath(k, "profile/prob"));
	const char *sel = tu_str(root, tu_cpath(k, "profile/selection"));
	const char *tie = tu_str(root, tu_cpath(k, "profile/median_tie"));
	parley_bdm_options def = PARLEY_BDM_OPTIONS_INIT;

	*o = def;
	*hi = 100.0;
	assert_non_null(prob);
	assert_non_null(sel);
	assert_string_equal(tie, "lower");
	assert_true(tu_num(root, tu_cpath(k, "profile/Q")) == 1.0);
	if (strcmp(prob, "share") == 0) {
		o->profile = PARLEY_BDM_PAPER;
		assert_string_equal(sel, "category_least");
	} else {
		assert_string_equal(prob, "scholz_code");
		assert_string_equal(sel, "jmckib");
		o->profile = PARLEY_BDM_COMPAT;
	}
	o->max_rounds = 10;
	o->eps = 1e-9;
	if (tu_is_num(root, tu_cpath(k, "params/max_rounds")))
		o->max_rounds = (size_t)tu_num(root, tu_cpath(k, "params/max_rounds"));
	else if (!present(root, tu_cpath(k, "params")))
		o->max_rounds = 5; /* gen_bdm's all_same_position: max_rounds=5 */
	if (tu_is_num(root, tu_cpath(k, "params/eps")))
		o->eps = tu_num(root, tu_cpath(k, "params/eps"));
	if (tu_is_num(root, tu_cpath(k, "params/range"))) {
		o->range = PARLEY_BDM_RANGE_SCALE;
		*hi = tu_num(root, tu_cpath(k, "params/range"));
	}
}

/* Row-major n x n matrix at `member` of round1 against the trace matrix. */
static void check_matrix(struct fy_node *root, size_t k, const char *member,
	const double *m, size_t n, double tol, const char *name)
{
	size_t i, j, len;
	char rest[128], what[160];

	assert_non_null(m);
	for (i = 0; i < n; i++) {
		double *row;

		snprintf(rest, sizeof(rest), "expected/round1/%s/%zu", member, i);
		row = tu_array(root, tu_cpath(k, rest), &len);
		assert_int_equal(len, n);
		for (j = 0; j < n; j++) {
			snprintf(what, sizeof(what), "%s round1 %s[%zu][%zu]", name, member, i, j);
			tu_assert_close(m[i * n + j], row[j], tol, what);
		}
		free(row);
	}
}

/* moves[j]: null (no offer) or {from, kind, new}; also the offer's a and b
 * must put it in the region of models.md 4.3 F / 4.5 that its kind names. */
static void check_moves(struct fy_node *root, size_t k, const char *member,
	const parley_bdm_offer *of, const double *x0, const double *E, size_t n,
	int paper, double tol, const char *name)
{
	size_t j;
	char rest[128], what[160];

	assert_non_null(of);
	for (j = 0; j < n; j++) {
		snprintf(rest, sizeof(rest), "expected/%s/%zu", member, j);
		snprintf(what, sizeof(what), "%s %s[%zu]", name, member, j);
		if (!present(root, tu_cpath(k, rest))) {
			if (of[j].kind != PARLEY_BDM_OFFER_NONE)
				fail_msg("%s: expected no move, got %s from %zu", what,
					parley_bdm_offer_name(of[j].kind), of[j].proposer);
			continue;
		}
		{
			char r2[160], r3[160];
			double a = of[j].eu_proposer, b = of[j].eu_receiver;
			size_t i = (size_t)tu_num(root, tu_cpath(k, strcat(strcpy(r2, rest), "/from")));

			snprintf(r3, sizeof(r3), "%s/kind", rest);
			assert_string_equal(parley_bdm_offer_name(of[j].kind),
				tu_str(root, tu_cpath(k, r3)));
			assert_int_equal(of[j].proposer, i);
			snprintf(r3, sizeof(r3), "%s/new", rest);
			tu_assert_close(of[j].position, tu_num(root, tu_cpath(k, r3)), tol, what);
			switch (of[j].kind) {
			case PARLEY_BDM_OFFER_CONFLICT:
				assert_true(a > b && b > 0.0);
				assert_true(of[j].position == x0[i]);
				break;
			case PARLEY_BDM_OFFER_COMPROMISE:
				assert_true(a > 0.0 && b < 0.0 && -b < a);
				tu_assert_close(of[j].position,
					x0[j] + (-b / a) * (x0[i] - x0[j]), 1e-12 * 100, what);
				break;
			case PARLEY_BDM_OFFER_CAPITULATION:
				assert_true(paper && a > 0.0 && b < 0.0 && -b >= a);
				break;
			default:
				fail_msg("%s: kind none with a proposer", what);
			}
			if (paper && E) {
				/* PAPER: a = E^i(U_ij) with r_i, b = E^j(U_ji) with r_j */
				tu_assert_close(a, E[i * n + j], 1e-15, what);
				tu_assert_close(b, E[j * n + i], 1e-15, what);
			}
		}
	}
}

/* Check every member case k provides; returns the HAS_* mask. */
static unsigned check_case(struct fy_node *root, size_t k)
{
	const char *name = tu_str(root, tu_cpath(k, "name"));
	double tol = tu_case_tol(root, k, DEFAULT_ABS_TOL), hi, *x, *c, *s, *med = NULL, *mean = NULL;
	size_t n, nc, ns, t, nmed = 0, nmean = 0, npos = 0;
	parley_bdm_options o;
	parley_bdm_workspace *ws;
	unsigned mask = 0;
	char nm[64], what[200];

	assert_non_null(name);
	snprintf(nm, sizeof(nm), "%s", name);
	x = tu_array(root, tu_cpath(k, "input/x"), &n);
	c = tu_array(root, tu_cpath(k, "input/c"), &nc);
	s = tu_array(root, tu_cpath(k, "input/s"), &ns);
	assert_int_equal(nc, n);
	assert_int_equal(ns, n);
	case_options(root, k, &o, &hi);
	ws = new_ws(n, 1);
	assert_int_equal(parley_bdm_set(ws, x, c, s, n, 0.0, hi, &o), 0);
	assert_int_equal(parley_bdm_rounds(ws), 0);

	if (present(root, tu_cpath(k, "expected/round1/mu"))) {
		/* mu of round 1 = weighted median (lower) of the initial positions */
		tu_assert_close(parley_bdm_median(ws),
			tu_num(root, tu_cpath(k, "expected/round1/mu")), tol, nm);
		mask |= HAS_MU;
	}
	if (present(root, tu_cpath(k, "expected/median_by_round"))) {
		med = tu_array(root, tu_cpath(k, "expected/median_by_round"), &nmed);
		mask |= HAS_MEDIANS;
	}
	if (present(root, tu_cpath(k, "expected/mean_by_round"))) {
		mean = tu_array(root, tu_cpath(k, "expected/mean_by_round"), &nmean);
		mask |= HAS_MEANS;
	}
	if (present(root, tu_cpath(k, "expected/positions_by_round"))) {
		struct fy_node *pn = tu_node(root, tu_cpath(k, "expected/positions_by_round"));
		npos = (size_t)fy_node_sequence_item_count(pn);
		mask |= HAS_POSITIONS;
	}

	for (t = 0; parley_bdm_test(ws) == PARLEY_BDM_CONTINUE; t++) {
		const double *xs;
		size_t j;

		assert_int_equal(parley_bdm_iterate(ws), 0);
		xs = parley_bdm_positions(ws);
		if (t == 0) {
			const double *P = parley_bdm_matrix(ws, 'P');
			const double *E1 = parley_bdm_matrix(ws, '1');
			const double *E = parley_bdm_matrix(ws, 'E');
			const double *r = parley_bdm_risk(ws);
			int paper = o.profile == PARLEY_BDM_PAPER;

			assert_non_null(r);
			if (present(root, tu_cpath(k, "expected/round1/P_first_pass"))) {
				check_matrix(root, k, "P_first_pass", P, n, tol, nm);
				mask |= HAS_P;
			}
			if (present(root, tu_cpath(k, "expected/round1/EU_first_pass"))) {
				check_matrix(root, k, "EU_first_pass", E1, n, tol, nm);
				mask |= HAS_EU1;
			}
			if (present(root, tu_cpath(k, "expected/round1/EU_second_pass"))) {
				check_matrix(root, k, "EU_second_pass", E, n, tol, nm);
				mask |= HAS_EU;
			}
			if (present(root, tu_cpath(k, "expected/round1/S"))) {
				/* S_i = sum_{j != i} EU1_ji: column sums of the EU1 trace */
				size_t ln, i, jj;
				double *S = tu_array(root, tu_cpath(k, "expected/round1/S"), &ln);

				assert_int_equal(ln, n);
				for (i = 0; i < n; i++) {
					double sum = 0.0;
					for (jj = 0; jj < n; jj++)
						sum += E1[jj * n + i];
					snprintf(what, sizeof(what), "%s round1 S[%zu]", nm, i);
					tu_assert_close(sum, S[i], tol, what);
				}
				free(S);
				mask |= HAS_S;
			}
			if (present(root, tu_cpath(k, "expected/round1/Rbig"))) {
				/* r = (1 - R/3)/(1 + R/3)  <=>  R = 3 (1 - r)/(1 + r) */
				size_t ln, i;
				double *R = tu_array(root, tu_cpath(k, "expected/round1/Rbig"), &ln);

				assert_int_equal(ln, n);
				for (i = 0; i < n; i++) {
					snprintf(what, sizeof(what), "%s round1 R[%zu]", nm, i);
					tu_assert_close(3.0 * (1.0 - r[i]) / (1.0 + r[i]), R[i],
						tol, what);
				}
				free(R);
				mask |= HAS_R;
			}
			if (present(root, tu_cpath(k, "expected/round1/r")) ||
			    present(root, tu_cpath(k, "expected/round1_r"))) {
				int top = present(root, tu_cpath(k, "expected/round1_r"));
				size_t ln, i;
				double *rr = tu_array(root, tu_cpath(k, top ? "expected/round1_r"
					: "expected/round1/r"), &ln);

				assert_int_equal(ln, n);
				for (i = 0; i < n; i++) {
					snprintf(what, sizeof(what), "%s round1 r[%zu]", nm, i);
					tu_assert_close(r[i], rr[i], tol, what);
					/* 4.3 E.4: r in [0.5, 2], up to rounding of R = +-1 */
					assert_true(r[i] >= 0.5 - 1e-12 && r[i] <= 2.0 + 1e-12);
				}
				free(rr);
				mask |= top ? HAS_R1_R : HAS_SMALL_R;
			}
			if (present(root, tu_cpath(k, "expected/round1/moves"))) {
				check_moves(root, k, "round1/moves", parley_bdm_offers(ws), x,
					E, n, paper, tol, nm);
				mask |= HAS_MOVES;
			}
			if (present(root, tu_cpath(k, "expected/round1_moves"))) {
				check_moves(root, k, "round1_moves", parley_bdm_offers(ws), x,
					E, n, paper, tol, nm);
				mask |= HAS_R1_MOVES;
			}
			/* H: every actor moves to its chosen offer or stays */
			for (j = 0; j < n; j++) {
				const parley_bdm_offer *of = parley_bdm_offers(ws);
				assert_true(xs[j] == (of[j].kind == PARLEY_BDM_OFFER_NONE ?
					x[j] : of[j].position));
			}
		}
		if (med) {
			assert_true(t < nmed);
			snprintf(what, sizeof(what), "%s median round %zu", nm, t + 1);
			tu_assert_close(parley_bdm_median(ws), med[t], tol, what);
		}
		if (mean) {
			assert_true(t < nmean);
			snprintf(what, sizeof(what), "%s mean round %zu", nm, t + 1);
			tu_assert_close(parley_bdm_mean(ws), mean[t], tol, what);
		}
		if (npos) {
			char rest[96];
			size_t ln;
			double *row;

			assert_true(t < npos);
			snprintf(rest, sizeof(rest), "expected/positions_by_round/%zu", t);
			row = tu_array(root, tu_cpath(k, rest), &ln);
			assert_int_equal(ln, n);
			for (j = 0; j < n; j++) {
				snprintf(what, sizeof(what), "%s x[%zu] round %zu", nm, j, t + 1);
				tu_assert_close(xs[j], row[j], tol, what);
			}
			free(row);
		}
	}
	if (med)
		assert_int_equal(t, nmed);
	if (mean)
		assert_int_equal(t, nmean);
	if (npos)
		assert_int_equal(t, npos);
	if (present(root, tu_cpath(k, "expected/final_positions"))) {
		size_t ln, j;
		double *fp = tu_array(root, tu_cpath(k, "expected/final_positions"), &ln);

		assert_int_equal(ln, n);
		for (j = 0; j < n; j++) {
			snprintf(what, sizeof(what), "%s final x[%zu]", nm, j);
			tu_assert_close(parley_bdm_positions(ws)[j], fp[j], tol, what);
		}
		free(fp);
		mask |= HAS_FINAL;
	}
	if (present(root, tu_cpath(k, "expected/status"))) {
		assert_string_equal(parley_bdm_status_name(parley_bdm_test(ws)),
			tu_str(root, tu_cpath(k, "expected/status")));
		mask |= HAS_STATUS;
	}
	if (present(root, tu_cpath(k, "expected/rounds_run"))) {
		assert_int_equal(parley_bdm_rounds(ws),
			(size_t)tu_num(root, tu_cpath(k, "expected/rounds_run")));
		assert_int_equal(t, parley_bdm_rounds(ws));
		mask |= HAS_ROUNDS;
	}
	if (present(root, tu_cpath(k, "expected/forecast"))) {
		/* the forecast is mu after the last round (4.6) */
		tu_assert_close(parley_bdm_median(ws),
			tu_num(root, tu_cpath(k, "expected/forecast")), tol, nm);
		mask |= HAS_FORECAST;
	}
	parley_bdm_workspace_free(ws);
	free(med);
	free(mean);
	free(x);
	free(c);
	free(s);
	return mask;
}

static void run_named_case(const char *name, unsigned required)
{
	struct fy_document *doc = tu_load_vectors("bdm_expected_utility.json");
	struct fy_node *root = tu_root(doc);
	unsigned got = check_case(root, case_index(root, name));

	if ((got & required) != required)
		fail_msg("%s: members 0x%x of the vector were not found", name,
			required & ~got);
	fy_document_destroy(doc);
}

#define ALL_ROUND1 (HAS_MU | HAS_P | HAS_EU1 | HAS_S | HAS_R | HAS_SMALL_R | \
	HAS_EU | HAS_MOVES)
#define TRAJ (HAS_MEDIANS | HAS_MEANS | HAS_STATUS | HAS_ROUNDS)

/* 4.9(b), PAPER: round-1 internals, 5 rounds to a fixed point at 7. */
static void test_bdm_vectors__bdm1994_emissions_paper(void **state)
{
	(void)state;
	run_named_case("bdm1994_emissions_PAPER", ALL_ROUND1 | TRAJ | HAS_POSITIONS);
}

/* 4.9(b), COMPAT: round-1 internals (no P in the vector), 10 rounds. */
static void test_bdm_vectors__bdm1994_emissions_compat(void **state)
{
	(void)state;
	run_named_case("bdm1994_emissions_COMPAT",
		(ALL_ROUND1 & ~(unsigned)HAS_P) | TRAJ | HAS_POSITIONS);
}

/* 4.9(a): every internal of round 1, then 3 rounds to the fixed point 90. */
static void test_bdm_vectors__toy3_paper(void **state)
{
	(void)state;
	run_named_case("toy3_PAPER", ALL_ROUND1 | TRAJ | HAS_POSITIONS);
}

/* 4.9(c): Delta fixed at the scale 100; round-1 r and moves. */
static void test_bdm_vectors__toy5_paper_range100(void **state)
{
	(void)state;
	run_named_case("toy5_PAPER_range100", TRAJ | HAS_FINAL | HAS_R1_R | HAS_R1_MOVES);
}

/* 4.7: Delta = 0 -> degenerate_range, zero rounds, forecast 30. */
static void test_bdm_vectors__all_same_position(void **state)
{
	(void)state;
	run_named_case("all_same_position", HAS_STATUS | HAS_ROUNDS | HAS_FORECAST);
}

/* Every case of the file, so that a case added to the vectors is checked
 * too; the five known cases must all be there. */
static void test_bdm_vectors__every_case(void **state)
{
	struct fy_document *doc = tu_load_vectors("bdm_expected_utility.json");
	struct fy_node *root = tu_root(doc);
	size_t k, count = tu_case_count(root);

	(void)state;
	assert_true(count >= 5);
	for (k = 0; k < count; k++)
		assert_true((check_case(root, k) & (HAS_STATUS | HAS_ROUNDS)) != 0);
	fy_document_destroy(doc);
}

/* ------------------------------------------------------------------ */
/* COMPAT: Scholz et al. Table 2, and the data file                      */
/* ------------------------------------------------------------------ */

/* Scholz Table 1 (models.md 4.9 b), salience / 100 */
static const double ec_c[10] = { 0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08 };
static const double ec_x[10] = { 4, 7, 4, 4, 10, 10, 10, 7, 4, 7 };
static const double ec_s100[10] = { 80, 40, 20, 80, 60, 60, 90, 10, 100, 70 };

static void test_bdm_compat__scholz_table2(void **state)
{
	static const double table2[8] = { 8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6 };
	struct fy_document *doc = tu_load_vectors("bdm_expected_utility.json");
	struct fy_node *root = tu_root(doc);
	size_t k = case_index(root, "bdm1994_emissions_COMPAT"), t, nmed, i;
	double *med = tu_array(root, tu_cpath(k, "expected/median_by_round"), &nmed);
	double *pub = tu_array(root, tu_cpath(k, "published_scholz_table2/median"), &t);
	double s[10];
	parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;
	trajectory *tr = calloc(1, sizeof(*tr));
	char what[96];

	(void)state;
	assert_non_null(tr);
	/* the vector's copy of Table 2 is the published one */
	assert_int_equal(t, 8);
	for (i = 0; i < 8; i++)
		assert_true(pub[i] == table2[i]);
	for (i = 0; i < 10; i++)
		s[i] = ec_s100[i] / 100.0;
	o.profile = PARLEY_BDM_COMPAT;
	o.eps = 0.0;
	run_trajectory(tr, ec_x, ec_c, s, 10, 0.0, 20.0, &o);
	assert_int_equal(tr->rounds, 10);
	assert_int_equal(tr->status, PARLEY_BDM_MAX_ROUNDS);
	assert_true(nmed >= 8);
	for (t = 0; t < 8; t++) {
		snprintf(what, sizeof(what), "COMPAT median round %zu vs vector", t + 1);
		/* tightly: the vector's 12 significant digits */
		tu_assert_close(tr->med[t], med[t], 1e-10, what);
		snprintf(what, sizeof(what), "COMPAT median round %zu vs Scholz Table 2", t + 1);
		tu_assert_close(tr->med[t], table2[t], 0.35, what);
	}
	free(med);
	free(pub);
	free(tr);
	fy_document_destroy(doc);
}

/* The BDM-1994 actor table in ../shared/data (Actor,Capability,Position,
 * Salience with salience on 0-100) is the vector's input, and runs the
 * same trajectory under both profiles. */
static void test_bdm_data__car_emissions_csv(void **state)
{
	static const char path[] = PARLEY_SOURCE_DIR
		"/../shared/data/bdm1994/car-emissions-actors.csv";
	FILE *f = fopen(path, "r");
	char line[512];
	double x[16], c[16], s[16], sv[10];
	size_t n = 0, i, t, p;
	trajectory *a, *b;

	(void)state;
	if (!f) {
		print_message("skip: %s is absent\n", path);
		skip();
		return;
	}
	assert_non_null(fgets(line, sizeof(line), f));
	assert_true(strncmp(line, "Actor,Capability,Position,Salience", 34) == 0);
	while (fgets(line, sizeof(line), f)) {
		char *p1 = strchr(line, ','), *end;

		if (!p1)
			continue;
		assert_true(n < 16);
		c[n] = strtod(p1 + 1, &end);
		assert_true(*end == ',');
		x[n] = strtod(end + 1, &end);
		assert_true(*end == ',');
		s[n] = strtod(end + 1, &end) / 100.0;
		n++;
	}
	fclose(f);
	assert_int_equal(n, 10);
	for (i = 0; i < 10; i++) {
		sv[i] = ec_s100[i] / 100.0;
		assert_true(x[i] == ec_x[i] && c[i] == ec_c[i] && s[i] == sv[i]);
	}
	a = calloc(1, sizeof(*a));
	b = calloc(1, sizeof(*b));
	assert_non_null(a);
	assert_non_null(b);
	for (p = 0; p < 2; p++) {
		parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;

		o.profile = p ? PARLEY_BDM_COMPAT : PARLEY_BDM_PAPER;
		o.eps = 0.0;
		run_trajectory(a, x, c, s, n, 0.0, 20.0, &o);
		run_trajectory(b, ec_x, ec_c, sv, 10, 0.0, 20.0, &o);
		assert_int_equal(a->rounds, b->rounds);
		assert_int_equal(a->status, b->status);
		for (t = 0; t < a->rounds; t++) {
			assert_true(a->med[t] == b->med[t]);
			assert_true(a->mean[t] == b->mean[t]);
			assert_memory_equal(a->pos[t], b->pos[t], n * sizeof(double));
		}
	}
	free(a);
	free(b);
}

/* ------------------------------------------------------------------ */
/* PAPER against a direct transcription of models.md 4.3 B-G             */
/* ------------------------------------------------------------------ */

typedef struct {
	double *P, *EU1, *S, *r, *EU, *newx;
	double *a, *b;   /* the chosen offer's a and b per receiver */
	int *kind;       /* parley_bdm_offer_kind */
	size_t *from;
} ref_out;

static void ref_alloc(ref_out *o, size_t n)
{
	o->P = calloc(n * n, sizeof(double));
	o->EU1 = calloc(n * n, sizeof(double));
	o->EU = calloc(n * n, sizeof(double));
	o->S = calloc(n, sizeof(double));
	o->r = calloc(n, sizeof(double));
	o->newx = calloc(n, sizeof(double));
	o->a = calloc(n, sizeof(double));
	o->b = calloc(n, sizeof(double));
	assert_true(o->a && o->b);
	o->kind = calloc(n, sizeof(int));
	o->from = calloc(n, sizeof(size_t));
	assert_true(o->P && o->EU1 && o->EU && o->S && o->r && o->newx && o->kind && o->from);
}

static void ref_free(ref_out *o)
{
	free(o->P); free(o->EU1); free(o->EU); free(o->S); free(o->r);
	free(o->newx); free(o->kind); free(o->from); free(o->a); free(o->b);
}

/* 4.3 D: EU(i->j; r), in the spec's form, T = 1 iff |x_i - mu| < |x_i - x_j|. */
static double ref_eu(const double *x, const double *s, size_t i, size_t j,
	double mu, double delta, double Q, double r, double p)
{
	double d = fabs(x[i] - x[j]) / delta, e = fabs(x[i] - mu) / delta;
	double Us = 2 - 4 * pow(0.5 - 0.5 * d, r), Uf = 2 - 4 * pow(0.5 + 0.5 * d, r);
	double Ub = 2 - 4 * pow(fmax(0.0, 0.5 - 0.25 * (e + d)), r);
	double Uw = 2 - 4 * pow(0.5 + 0.25 * (e + d), r), Usq = 2 - 4 * pow(0.5, r);
	double T = fabs(x[i] - mu) < fabs(x[i] - x[j]) ? 1.0 : 0.0;

	return s[j] * (p * Us + (1 - p) * Uf) + (1 - s[j]) * Us - Q * Usq
		- (1 - Q) * (T * Ub + (1 - T) * Uw);
}

/* One PAPER round of models.md 4.3 in O(n^3), with Delta = delta. */
static void ref_paper_round(ref_out *o, const double *x, const double *c,
	const double *s, size_t n, double delta, double Q, parley_bdm_selection sel)
{
	double *w = calloc(n, sizeof(double)), mu, smax, smin;
	size_t *idx = calloc(n, sizeof(size_t)), i, j, k;
	parley_median_result m;

	assert_true(w && idx);
	for (i = 0; i < n; i++)
		w[i] = c[i] * s[i];
	assert_int_equal(parley_weighted_median_ws(&m, x, w, n, PARLEY_TIE_LOWER,
		1e-12, idx), 0);
	mu = m.median;
	/* B: eq. 31 */
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			double num = 0.0, den = 0.0;

			o->P[i * n + j] = 0.0;
			if (i == j || x[i] == x[j])
				continue;
			for (k = 0; k < n; k++) {
				double arg = fabs(x[k] - x[j]) - fabs(x[k] - x[i]);
				if (arg > 0)
					num += w[k] * arg;
				den += w[k] * fabs(arg);
			}
			o->P[i * n + j] = den > 0 ? num / den : 0.5;
		}
	/* E: EU1, S, R, r */
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			o->EU1[i * n + j] = (i == j || x[i] == x[j]) ? 0.0 :
				ref_eu(x, s, i, j, mu, delta, Q, 1.0, o->P[i * n + j]);
	for (i = 0; i < n; i++) {
		o->S[i] = 0.0;
		for (j = 0; j < n; j++)
			if (j != i)
				o->S[i] += o->EU1[j * n + i];
	}
	smax = smin = o->S[0];
	for (i = 0; i < n; i++) {
		smax = fmax(smax, o->S[i]);
		smin = fmin(smin, o->S[i]);
	}
	for (i = 0; i < n; i++) {
		double R = smax > smin ? (2 * o->S[i] - smax - smin) / (smax - smin) : 0.0;
		o->r[i] = (1 - R / 3) / (1 + R / 3);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			o->EU[i * n + j] = (i == j || x[i] == x[j]) ? 0.0 :
				ref_eu(x, s, i, j, mu, delta, Q, o->r[i], o->P[i * n + j]);
	/* F-G: receiver j, all proposers i; key per selection rule */
	for (j = 0; j < n; j++) {
		double bk[4] = { 0 }, bnew = x[j], ba = 0.0, bb = 0.0;
		int have = 0, bkind = 0;
		size_t bfrom = j;

		for (i = 0; i < n; i++) {
			double a, b, nw, key[4];
			int kind = 0, rank;

			if (i == j || x[i] == x[j])
				continue;
			a = o->EU[i * n + j];
			b = o->EU[j * n + i];
			if (a > 0 && b > 0 && a > b) {
				kind = PARLEY_BDM_OFFER_CONFLICT; nw = x[i]; rank = 0;
			} else if (a > 0 && b < 0 && -b < a) {
				kind = PARLEY_BDM_OFFER_COMPROMISE;
				nw = x[j] + (-b / a) * (x[i] - x[j]); rank = 1;
			} else if (a > 0 && b < 0) {
				kind = PARLEY_BDM_OFFER_CAPITULATION; nw = x[i]; rank = 2;
			} else {
				continue;
			}
			if (sel == PARLEY_BDM_SELECT_CATEGORY) {
				key[0] = rank; key[1] = fabs(nw - x[j]); key[2] = -a;
			} else if (sel == PARLEY_BDM_SELECT_LEAST) {
				key[0] = 0; key[1] = fabs(nw - x[j]); key[2] = -a;
			} else {
				key[0] = -a; key[1] = fabs(nw - x[j]); key[2] = 0;
			}
			key[3] = (double)i;
			if (!have || key[0] < bk[0] || (key[0] == bk[0] && (key[1] < bk[1] ||
			    (key[1] == bk[1] && (key[2] < bk[2] ||
			    (key[2] == bk[2] && key[3] < bk[3])))))) {
				memcpy(bk, key, sizeof(bk));
				bnew = nw; bkind = kind; bfrom = i; have = 1;
				ba = a; bb = b;
			}
		}
		o->a[j] = ba;
		o->b[j] = bb;
		o->newx[j] = bnew;
		o->kind[j] = bkind;
		o->from[j] = bfrom;
	}
	free(w);
	free(idx);
}

/* 4.4(c): one global denominator over every voter and ordered pair, voter
 * exponents rho (NULL: all 1). */
static void ref_compat_P(double *P, const double *x, const double *w, size_t n,
	double delta, const double *rho)
{
	double den = 0.0;
	size_t i, j, k;

#define V(k, y, z) (w[k] * (pow(fabs(x[k] - x[z]) / delta, rho ? rho[k] : 1.0) - \
		pow(fabs(x[k] - x[y]) / delta, rho ? rho[k] : 1.0)))
	for (k = 0; k < n; k++)
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				den += fabs(V(k, i, j));
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			double num = 0.0;

			P[i * n + j] = 0.0;
			if (i == j || x[i] == x[j])
				continue;
			for (k = 0; k < n; k++)
				num += fmax(0.0, V(k, i, j));
			P[i * n + j] = den > 0 ? num / den : 0.0;
		}
#undef V
}

/* One COMPAT round of models.md 4.5 (Q = 1): risk pass as 4.3 E with the
 * probabilities of 4.4(c); the receiver j perceives a' = EU(i->j; r_j),
 * b' = EU(j->i; r_j); conflict iff a' > b' > 0, compromise iff
 * a' > 0 > b', |b'| < a'; nearest conflict proposer first, else the
 * compromise with the smallest (|b'| x_j + a' x_i)/(a' + |b'|). */
static void ref_compat_round(ref_out *o, const double *x, const double *c,
	const double *s, size_t n, double delta)
{
	double *w = calloc(n, sizeof(double)), mu, smax, smin;
	size_t *idx = calloc(n, sizeof(size_t)), i, j;
	parley_median_result m;

	assert_true(w && idx);
	for (i = 0; i < n; i++)
		w[i] = c[i] * s[i];
	assert_int_equal(parley_weighted_median_ws(&m, x, w, n, PARLEY_TIE_LOWER,
		1e-12, idx), 0);
	mu = m.median;
	ref_compat_P(o->P, x, w, n, delta, NULL);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			o->EU1[i * n + j] = (i == j || x[i] == x[j]) ? 0.0 :
				ref_eu(x, s, i, j, mu, delta, 1.0, 1.0, o->P[i * n + j]);
	for (i = 0; i < n; i++) {
		o->S[i] = 0.0;
		for (j = 0; j < n; j++)
			o->S[i] += o->EU1[j * n + i];
	}
	smax = smin = o->S[0];
	for (i = 0; i < n; i++) {
		smax = fmax(smax, o->S[i]);
		smin = fmin(smin, o->S[i]);
	}
	for (i = 0; i < n; i++) {
		double R = smax > smin ? (2 * o->S[i] - smax - smin) / (smax - smin) : 0.0;
		o->r[i] = (1 - R / 3) / (1 + R / 3);
	}
	ref_compat_P(o->P, x, w, n, delta, o->r);
	for (j = 0; j < n; j++) {
		double cf_key = 0, cm_key = 0, ca = 0, cb = 0, ma = 0, mb = 0, mnew = x[j];
		size_t cf = n, cm = n;

		for (i = 0; i < n; i++) {
			double a, b, key;

			if (i == j || x[i] == x[j])
				continue;
			a = ref_eu(x, s, i, j, mu, delta, 1.0, o->r[j], o->P[i * n + j]);
			b = ref_eu(x, s, j, i, mu, delta, 1.0, o->r[j], o->P[j * n + i]);
			if (a > b && b > 0) {
				key = fabs(x[i] - x[j]);
				if (cf == n || key < cf_key) {
					cf = i; cf_key = key; ca = a; cb = b;
				}
			} else if (a > 0 && b < 0 && -b < a) {
				key = (-b * x[j] + a * x[i]) / (a - b);
				if (cm == n || key < cm_key) {
					cm = i; cm_key = key; ma = a; mb = b;
					mnew = x[j] + (-b / a) * (x[i] - x[j]);
				}
			}
		}
		o->kind[j] = PARLEY_BDM_OFFER_NONE;
		o->newx[j] = x[j];
		o->from[j] = j;
		if (cf < n) {
			o->kind[j] = PARLEY_BDM_OFFER_CONFLICT;
			o->newx[j] = x[cf]; o->from[j] = cf; o->a[j] = ca; o->b[j] = cb;
		} else if (cm < n) {
			o->kind[j] = PARLEY_BDM_OFFER_COMPROMISE;
			o->newx[j] = mnew; o->from[j] = cm; o->a[j] = ma; o->b[j] = mb;
		}
	}
	free(w);
	free(idx);
}

/* Round 1 of the library against the transcription: r, the chosen offer
 * of every receiver (kind, proposer, position, a, b) and new positions. */
static void check_round1_vs_ref(const double *x, const double *c, const double *s,
	size_t n, const parley_bdm_options *o, double delta, const char *what)
{
	parley_bdm_workspace *ws = new_ws(n, 1);
	const parley_bdm_offer *of;
	ref_out ref;
	size_t i;

	assert_int_equal(parley_bdm_set(ws, x, c, s, n, 0, 100, o), 0);
	tu_assert_close(parley_bdm_range_used(ws), delta, 0.0, what);
	assert_int_equal(parley_bdm_iterate(ws), 0);
	ref_alloc(&ref, n);
	if (o->profile == PARLEY_BDM_COMPAT)
		ref_compat_round(&ref, x, c, s, n, delta);
	else
		ref_paper_round(&ref, x, c, s, n, delta, o->q, o->selection);
	of = parley_bdm_offers(ws);
	for (i = 0; i < n; i++) {
		tu_assert_close(parley_bdm_risk(ws)[i], ref.r[i], 1e-12, what);
		assert_int_equal(of[i].kind, ref.kind[i]);
		tu_assert_close(parley_bdm_positions(ws)[i], ref.newx[i], 1e-12, what);
		if (ref.kind[i] != PARLEY_BDM_OFFER_NONE) {
			assert_int_equal(of[i].proposer, ref.from[i]);
			tu_assert_close(of[i].eu_proposer, ref.a[i], 1e-12, what);
			tu_assert_close(of[i].eu_receiver, ref.b[i], 1e-12, what);
		}
	}
	/* COMPAT's trace P is the decision pass's (voter exponents r) */
	for (i = 0; i < n * n; i++)
		tu_assert_close(parley_bdm_matrix(ws, 'P')[i], ref.P[i], 1e-14, what);
	ref_free(&ref);
	parley_bdm_workspace_free(ws);
}

/* The COMPAT rules of 4.4(c) / 4.5 on the BDM-1994 data (where the vector
 * stores moves but not a, b, or P) and on 8 high-entropy actors. */
static void test_bdm_compat__round1_matches_transcription(void **state)
{
	static const double x8[8] = { 12.5, 23.7, 31.05, 47.3, 55.55, 68.1, 77.77, 93.2 };
	static const double c8[8] = { 1.37, 0.92, 2.213, 0.61, 1.777, 0.333, 1.05, 2.9 };
	static const double s8[8] = { 0.71, 0.45, 0.88, 0.39, 0.52, 0.97, 0.64, 0.28 };
	double s[10];
	parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 10; i++)
		s[i] = ec_s100[i] / 100.0;
	o.profile = PARLEY_BDM_COMPAT;
	check_round1_vs_ref(ec_x, ec_c, s, 10, &o, 6.0, "COMPAT BDM-1994");
	check_round1_vs_ref(x8, c8, s8, 8, &o, 93.2 - 12.5, "COMPAT 8 actors");
	o.profile = PARLEY_BDM_PAPER;
	check_round1_vs_ref(ec_x, ec_c, s, 10, &o, 6.0, "PAPER BDM-1994");
	check_round1_vs_ref(x8, c8, s8, 8, &o, 93.2 - 12.5, "PAPER 8 actors");
}

/* n = 300 random actors (LCG), 30 of them on another actor's position (so
 * that equal-position pairs are skipped and positions are grouped): the
 * round-1 P matrix of the O(n^2) sweep equals the O(n^3) sum of eq. 31
 * within 1e-12 relative; P_ij + P_ji = 1; EU1, r and EU follow. */
static void test_bdm_paper__large_n_probabilities(void **state)
{
	const size_t n = 300;
	double *x = calloc(n, sizeof(double)), *c = calloc(n, sizeof(double));
	double *s = calloc(n, sizeof(double)), maxrel = 0.0;
	uint64_t st = 20110118ULL;
	parley_bdm_workspace *ws = new_ws(n, 1);
	parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;
	const double *P, *E1, *E, *r;
	ref_out ref;
	size_t i, j, skipped = 0;

	(void)state;
	assert_true(x && c && s);
	for (i = 0; i < n; i++) {
		x[i] = 100.0 * lcg_unit(&st);
		c[i] = 0.05 + 2.95 * lcg_unit(&st);
		s[i] = 0.1 + 0.9 * lcg_unit(&st);
	}
	x[7] = 0.0;   /* both scale ends */
	x[8] = 100.0;
	for (i = 10; i < n; i += 10)
		x[i] = x[(size_t)(lcg_next(&st) % i)];
	assert_int_equal(parley_bdm_set(ws, x, c, s, n, 0.0, 100.0, &o), 0);
	assert_int_equal(parley_bdm_iterate(ws), 0);
	P = parley_bdm_matrix(ws, 'P');
	E1 = parley_bdm_matrix(ws, '1');
	E = parley_bdm_matrix(ws, 'E');
	r = parley_bdm_risk(ws);
	assert_non_null(P);
	ref_alloc(&ref, n);
	ref_paper_round(&ref, x, c, s, n, 100.0, 1.0, PARLEY_BDM_SELECT_CATEGORY);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			double want = ref.P[i * n + j], got = P[i * n + j];

			if (i == j || x[i] == x[j]) {
				assert_true(got == 0.0);
				skipped += i != j;
				continue;
			}
			if (!(fabs(got - want) <= 1e-12 * fabs(want)))
				fail_msg("P[%zu][%zu] = %.17g, brute force %.17g", i, j, got, want);
			maxrel = fmax(maxrel, fabs(got - want) / want);
			tu_assert_close(got + P[j * n + i], 1.0, 1e-15, "P_ij + P_ji");
			tu_assert_close(E1[i * n + j], ref.EU1[i * n + j], 1e-12, "EU1");
			tu_assert_close(E[i * n + j], ref.EU[i * n + j], 1e-11, "EU");
		}
	assert_true(skipped >= 2 * 29); /* the 29 copied positions */
	for (i = 0; i < n; i++)
		tu_assert_close(r[i], ref.r[i], 1e-11, "r");
	print_message("large n: max relative P difference %.3g\n", maxrel);
	ref_free(&ref);
	parley_bdm_workspace_free(ws);
	free(x);
	free(c);
	free(s);
}

/* Q = 1 and Q = 0.5 (the T rule of 4.3 D becomes active), each of the three
 * selection rules of 4.3 G, on 7 high-entropy actors and on toy3: round 1
 * equals the transcription (EU matrix, r, chosen offers, new positions). */
static void test_bdm_paper__q_and_selection_rules(void **state)
{
	static const double x7[7] = { 2.385, 17.2, 33.71, 41.093, 58.6, 76.25, 91.417 };
	static const double c7[7] = { 0.713, 2.9, 1.37, 0.417, 3.61, 1.152, 0.88 };
	static const double s7[7] = { 0.83, 0.31, 0.97, 0.5, 0.22, 0.655, 1.0 };
	static const double x3[3] = { 10, 45, 90 }, c3[3] = { 1, 2, 1.5 }, s3[3] = { 0.9, 0.5, 0.7 };
	static const double qs[2] = { 1.0, 0.5 };
	static const parley_bdm_selection sels[3] = { PARLEY_BDM_SELECT_CATEGORY,
		PARLEY_BDM_SELECT_LEAST, PARLEY_BDM_SELECT_MAX_EU };
	size_t d, qi, si, i, j;
	int differ = 0;

	(void)state;
	for (d = 0; d < 2; d++) {
		const double *x = d ? x3 : x7, *c = d ? c3 : c7, *s = d ? s3 : s7;
		size_t n = d ? 3 : 7;
		double delta = x[n - 1] - x[0]; /* sorted inputs: initial spread */

		for (qi = 0; qi < 2; qi++)
			for (si = 0; si < 3; si++) {
				parley_bdm_workspace *ws = new_ws(n, 1);
				parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;
				const parley_bdm_offer *of;
				const double *E;
				ref_out ref;
				char what[96];

				o.q = qs[qi];
				o.selection = sels[si];
				snprintf(what, sizeof(what), "n=%zu Q=%g %s", n, qs[qi],
					parley_bdm_selection_name(sels[si]));
				assert_int_equal(parley_bdm_set(ws, x, c, s, n, 0, 100, &o), 0);
				assert_int_equal(parley_bdm_iterate(ws), 0);
				ref_alloc(&ref, n);
				ref_paper_round(&ref, x, c, s, n, delta, qs[qi], sels[si]);
				E = parley_bdm_matrix(ws, 'E');
				of = parley_bdm_offers(ws);
				for (i = 0; i < n; i++) {
					tu_assert_close(parley_bdm_risk(ws)[i], ref.r[i], 1e-12, what);
					for (j = 0; j < n; j++)
						tu_assert_close(E[i * n + j], ref.EU[i * n + j], 1e-12, what);
					assert_int_equal(of[i].kind, ref.kind[i]);
					if (ref.kind[i] != PARLEY_BDM_OFFER_NONE)
						assert_int_equal(of[i].proposer, ref.from[i]);
					tu_assert_close(parley_bdm_positions(ws)[i], ref.newx[i], 1e-12,
						what);
				}
				/* toy3 (4.9 a), actor 0: conflict from 1 (to 45) or a
				 * compromise from 2 to 10 + 80 |b|/a with a = EU_20,
				 * b = EU_02 from the vector (1.05011387173, -0.41686746988):
				 * category takes the conflict, least and max_eu the
				 * compromise (less movement; larger a). */
				if (d == 1 && qi == 0) {
					double want = sels[si] == PARLEY_BDM_SELECT_CATEGORY ? 45.0 :
						10.0 + 80.0 * (0.41686746988 / 1.05011387173);
					tu_assert_close(parley_bdm_positions(ws)[0], want, 1e-9, what);
					assert_int_equal(of[0].proposer,
						sels[si] == PARLEY_BDM_SELECT_CATEGORY ? 1 : 2);
					if (sels[si] != PARLEY_BDM_SELECT_CATEGORY)
						differ = 1;
				}
				ref_free(&ref);
				parley_bdm_workspace_free(ws);
			}
	}
	assert_true(differ);
}

/* ------------------------------------------------------------------ */
/* properties                                                           */
/* ------------------------------------------------------------------ */

/* 8 actors, high-entropy, no two weight subsets summing to exactly half
 * (so no median ties, which tie rule lower would break asymmetrically). */
static const double px[8] = { 12.5, 23.7, 31.05, 47.3, 55.55, 68.1, 77.77, 93.2 };
static const double pc[8] = { 1.37, 0.92, 2.213, 0.61, 1.777, 0.333, 1.05, 2.9 };
static const double ps[8] = { 0.71, 0.45, 0.88, 0.39, 0.52, 0.97, 0.64, 0.28 };

/* Permuting actor order permutes every round's positions and leaves the
 * medians, means, status and round count unchanged (both profiles). */
static void test_bdm_props__permutation(void **state)
{
	static const size_t perm[8] = { 5, 2, 7, 0, 3, 6, 1, 4 };
	double x[8], c[8], s[8];
	trajectory *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	size_t p, i, t;

	(void)state;
	assert_true(a && b);
	for (i = 0; i < 8; i++) {
		x[i] = px[perm[i]];
		c[i] = pc[perm[i]];
		s[i] = ps[perm[i]];
	}
	for (p = 0; p < 2; p++) {
		parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;

		o.profile = p ? PARLEY_BDM_COMPAT : PARLEY_BDM_PAPER;
		o.max_rounds = 20;
		run_trajectory(a, px, pc, ps, 8, 0, 100, &o);
		run_trajectory(b, x, c, s, 8, 0, 100, &o);
		assert_true(a->rounds >= 2);
		assert_int_equal(a->rounds, b->rounds);
		assert_int_equal(a->status, b->status);
		for (t = 0; t < a->rounds; t++) {
			tu_assert_close(b->med[t], a->med[t], 1e-9, "permuted median");
			tu_assert_close(b->mean[t], a->mean[t], 1e-9, "permuted mean");
			for (i = 0; i < 8; i++)
				tu_assert_close(b->pos[t][i], a->pos[t][perm[i]], 1e-9,
					"permuted position");
		}
	}
	free(a);
	free(b);
}

/* PAPER commutes with the reflection x -> lo + hi - x (every term of 4.3 is
 * a function of distances): the whole trajectory reflects, on the scale
 * [0, 100] with Delta the initial spread and with Delta = the scale. */
static void test_bdm_props__reflection(void **state)
{
	double rx[8];
	trajectory *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	size_t i, t, rg;
	(void)state;
	assert_true(a && b);
	for (i = 0; i < 8; i++)
		rx[i] = 0.0 + 100.0 - px[i];
	for (rg = 0; rg < 2; rg++) {
		parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;

		o.range = rg ? PARLEY_BDM_RANGE_SCALE : PARLEY_BDM_RANGE_INITIAL;
		o.max_rounds = 20;
		run_trajectory(a, px, pc, ps, 8, 0, 100, &o);
		run_trajectory(b, rx, pc, ps, 8, 0, 100, &o);
		assert_true(a->rounds >= 2);
		assert_int_equal(a->rounds, b->rounds);
		assert_int_equal(a->status, b->status);
		for (t = 0; t < a->rounds; t++) {
			tu_assert_close(b->med[t], 100.0 - a->med[t], 1e-9, "reflected median");
			tu_assert_close(b->mean[t], 100.0 - a->mean[t], 1e-9, "reflected mean");
			for (i = 0; i < 8; i++)
				tu_assert_close(b->pos[t][i], 100.0 - a->pos[t][i], 1e-9,
					"reflected position");
		}
	}
	free(a);
	free(b);
}

/* ------------------------------------------------------------------ */
/* API contract                                                         */
/* ------------------------------------------------------------------ */

/* Trace matrices exist only with trace on and after round 1; risk and
 * offers after round 1 either way; pairs at one position read 0. */
static void test_bdm_api__trace_only_with_trace(void **state)
{
	static const double x[4] = { 10, 45, 45, 90 }, c[4] = { 1, 2, 0.5, 1.5 };
	static const double s[4] = { 0.9, 0.5, 0.6, 0.7 };
	parley_bdm_workspace *on = new_ws(4, 1), *off = new_ws(5, 0);
	const char which[3] = { 'P', '1', 'E' };
	size_t w;

	(void)state;
	assert_int_equal(parley_bdm_set(on, x, c, s, 4, 0, 100, NULL), 0);
	assert_int_equal(parley_bdm_set(off, x, c, s, 4, 0, 100, NULL), 0);
	for (w = 0; w < 3; w++) {
		assert_null(parley_bdm_matrix(on, which[w]));  /* before round 1 */
		assert_null(parley_bdm_matrix(off, which[w]));
	}
	assert_null(parley_bdm_risk(on));
	assert_null(parley_bdm_offers(off));
	assert_int_equal(parley_bdm_iterate(on), 0);
	assert_int_equal(parley_bdm_iterate(off), 0);
	for (w = 0; w < 3; w++) {
		const double *m = parley_bdm_matrix(on, which[w]);

		assert_non_null(m);
		assert_null(parley_bdm_matrix(off, which[w]));
		assert_true(m[1 * 4 + 2] == 0.0 && m[2 * 4 + 1] == 0.0); /* x1 == x2 */
		assert_true(m[0] == 0.0 && m[5] == 0.0);                  /* diagonal */
		assert_true(m[0 * 4 + 3] != 0.0);
	}
	assert_null(parley_bdm_matrix(on, 'x'));
	assert_non_null(parley_bdm_risk(off));
	assert_non_null(parley_bdm_offers(off));
	/* the same round with and without trace */
	assert_memory_equal(parley_bdm_positions(on), parley_bdm_positions(off),
		4 * sizeof(double));
	assert_memory_equal(parley_bdm_risk(on), parley_bdm_risk(off), 4 * sizeof(double));
	/* set again: no round yet */
	assert_int_equal(parley_bdm_set(on, x, c, s, 4, 0, 100, NULL), 0);
	assert_null(parley_bdm_matrix(on, 'P'));
	assert_null(parley_bdm_risk(on));
	assert_int_equal(parley_bdm_rounds(on), 0);
	parley_bdm_workspace_free(on);
	parley_bdm_workspace_free(off);
	parley_bdm_workspace_free(NULL);
}

/* Iterating after a final status changes nothing (fixed point, max_rounds,
 * degenerate range, max_rounds = 0); the round that moved nothing counts. */
static void test_bdm_api__iterate_after_final_status(void **state)
{
	static const double x[3] = { 10, 45, 90 }, c[3] = { 1, 2, 1.5 };
	static const double s[3] = { 0.9, 0.5, 0.7 }, same[3] = { 30, 30, 30 };
	parley_bdm_workspace *ws = new_ws(3, 1);
	parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT;
	double pos[3], med;
	int k;

	(void)state;
	/* toy3 (4.9 a): (45,90,90), (90,90,90), then a round without movement */
	assert_int_equal(parley_bdm_set(ws, x, c, s, 3, 0, 100, &o), 0);
	tu_assert_close(parley_bdm_range_used(ws), 80.0, 0.0, "Delta");
	while (parley_bdm_test(ws) == PARLEY_BDM_CONTINUE)
		assert_int_equal(parley_bdm_iterate(ws), 0);
	assert_int_equal(parley_bdm_test(ws), PARLEY_BDM_FIXED_POINT);
	assert_int_equal(parley_bdm_rounds(ws), 3);
	memcpy(pos, parley_bdm_positions(ws), sizeof(pos));
	med = parley_bdm_median(ws);
	for (k = 0; k < 3; k++) {
		assert_int_equal(parley_bdm_iterate(ws), 0);
		assert_int_equal(parley_bdm_rounds(ws), 3);
		assert_int_equal(parley_bdm_test(ws), PARLEY_BDM_FIXED_POINT);
		assert_memory_equal(parley_bdm_positions(ws), pos, sizeof(pos));
		assert_true(parley_bdm_median(ws) == med);
	}
	/* max_rounds = 1 */
	o.max_rounds = 1;
	assert_int_equal(parley_bdm_set(ws, x, c, s, 3, 0, 100, &o), 0);
	assert_int_equal(parley_bdm_iterate(ws), 0);
	assert_int_equal(parley_bdm_test(ws), PARLEY_BDM_MAX_ROUNDS);
	assert_int_equal(parley_bdm_iterate(ws), 0);
	assert_int_equal(parley_bdm_rounds(ws), 1);
	assert_true(parley_bdm_positions(ws)[0] == 45.0);
	/* max_rounds = 0: final at once */
	o.max_rounds = 0;
	assert_int_equal(parley_bdm_set(ws, x, c, s, 3, 0, 100, &o), 0);
	assert_int_equal(parley_bdm_test(ws), PARLEY_BDM_MAX_ROUNDS);
	assert_int_equal(parley_bdm_iterate(ws), 0);
	assert_int_equal(parley_bdm_rounds(ws), 0);
	assert_true(parley_bdm_positions(ws)[0] == 10.0);
	/* Delta = 0 (4.7) */
	o.max_rounds = 10;
	assert_int_equal(parley_bdm_set(ws, same, c, s, 3, 0, 100, &o), 0);
	assert_int_equal(parley_bdm_test(ws), PARLEY_BDM_DEGENERATE_RANGE);
	assert_int_equal(parley_bdm_iterate(ws), 0);
	assert_int_equal(parley_bdm_rounds(ws), 0);
	assert_true(parley_bdm_median(ws) == 30.0 && parley_bdm_mean(ws) == 30.0);
	assert_null(parley_bdm_risk(ws));
	/* ... but Delta = the scale runs one round in which nobody moves */
	o.range = PARLEY_BDM_RANGE_SCALE;
	assert_int_equal(parley_bdm_set(ws, same, c, s, 3, 0, 100, &o), 0);
	assert_int_equal(parley_bdm_test(ws), PARLEY_BDM_CONTINUE);
	assert_int_equal(parley_bdm_iterate(ws), 0);
	assert_int_equal(parley_bdm_test(ws), PARLEY_BDM_FIXED_POINT);
	assert_int_equal(parley_bdm_rounds(ws), 1);
	parley_bdm_workspace_free(ws);
}

static void test_bdm_api__names(void **state)
{
	(void)state;
	assert_string_equal(parley_bdm_profile_name(PARLEY_BDM_PAPER), "paper");
	assert_string_equal(parley_bdm_profile_name(PARLEY_BDM_COMPAT), "compat");
	assert_string_equal(parley_bdm_status_name(PARLEY_BDM_CONTINUE), "continue");
	assert_string_equal(parley_bdm_status_name(PARLEY_BDM_FIXED_POINT), "fixed_point");
	assert_string_equal(parley_bdm_status_name(PARLEY_BDM_MAX_ROUNDS), "max_rounds");
	assert_string_equal(parley_bdm_status_name(PARLEY_BDM_DEGENERATE_RANGE),
		"degenerate_range");
	assert_string_equal(parley_bdm_offer_name(PARLEY_BDM_OFFER_NONE), "none");
	assert_string_equal(parley_bdm_offer_name(PARLEY_BDM_OFFER_CONFLICT), "conflict");
	assert_string_equal(parley_bdm_offer_name(PARLEY_BDM_OFFER_COMPROMISE), "compromise");
	assert_string_equal(parley_bdm_offer_name(PARLEY_BDM_OFFER_CAPITULATION),
		"capitulation");
	assert_string_equal(parley_bdm_selection_name(PARLEY_BDM_SELECT_CATEGORY), "category");
	assert_string_equal(parley_bdm_selection_name(PARLEY_BDM_SELECT_LEAST), "least");
	assert_string_equal(parley_bdm_selection_name(PARLEY_BDM_SELECT_MAX_EU), "max_eu");
	assert_string_equal(parley_bdm_status_name((parley_bdm_status)99), "unknown");
}

/* ------------------------------------------------------------------ */
/* errors                                                               */
/* ------------------------------------------------------------------ */

/* models.md 0 and 4.7: every invalid input -> PARLEY_EINVAL with a message;
 * a failed set leaves no problem (iterate -> PARLEY_EINVAL). */
static void test_bdm_errors__invalid_input(void **state)
{
	static const double x[3] = { 10, 45, 90 }, c[3] = { 1, 2, 1.5 };
	static const double s[3] = { 0.9, 0.5, 0.7 };
	parley_bdm_workspace *ws = NULL;
	parley_bdm_options o = PARLEY_BDM_OPTIONS_INIT, bad;
	double b[3];

	(void)state;
#define EXPECT_EINVAL(call) do { parley_error_clear(); \
		assert_error((call), PARLEY_EINVAL); } while (0)
	EXPECT_EINVAL(parley_bdm_workspace_alloc(&ws, 1, 0)); /* n = 1 */
	assert_null(ws);
	EXPECT_EINVAL(parley_bdm_workspace_alloc(&ws, 0, 1));
	EXPECT_EINVAL(parley_bdm_workspace_alloc(NULL, 3, 0));
	ws = new_ws(3, 0);
	EXPECT_EINVAL(parley_bdm_iterate(ws));                 /* not set */
	EXPECT_EINVAL(parley_bdm_iterate(NULL));
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 1, 0, 100, &o));      /* n = 1 */
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 4, 0, 100, &o));      /* > capacity */
	EXPECT_EINVAL(parley_bdm_set(ws, NULL, c, s, 3, 0, 100, &o));
	EXPECT_EINVAL(parley_bdm_set(NULL, x, c, s, 3, 0, 100, &o));
	memcpy(b, x, sizeof(b)); b[1] = NAN;
	EXPECT_EINVAL(parley_bdm_set(ws, b, c, s, 3, 0, 100, &o));
	memcpy(b, x, sizeof(b)); b[2] = 100.5;                          /* off scale */
	EXPECT_EINVAL(parley_bdm_set(ws, b, c, s, 3, 0, 100, &o));
	memcpy(b, x, sizeof(b)); b[0] = -1e-9;
	EXPECT_EINVAL(parley_bdm_set(ws, b, c, s, 3, 0, 100, &o));
	memcpy(b, c, sizeof(b)); b[1] = -0.5;                           /* negative c */
	EXPECT_EINVAL(parley_bdm_set(ws, x, b, s, 3, 0, 100, &o));
	memcpy(b, c, sizeof(b)); b[1] = INFINITY;
	EXPECT_EINVAL(parley_bdm_set(ws, x, b, s, 3, 0, 100, &o));
	memcpy(b, c, sizeof(b)); b[0] = NAN;
	EXPECT_EINVAL(parley_bdm_set(ws, x, b, s, 3, 0, 100, &o));
	memcpy(b, s, sizeof(b)); b[2] = 70;                             /* 0-100 salience */
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, b, 3, 0, 100, &o));
	memcpy(b, s, sizeof(b)); b[2] = -0.1;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, b, 3, 0, 100, &o));
	memcpy(b, s, sizeof(b)); b[0] = NAN;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, b, 3, 0, 100, &o));
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 100, 0, &o));      /* lo > hi */
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, INFINITY, &o));
	bad = o; bad.version = 2;                                       /* options */
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, 100, &bad));
	bad = o; bad.version = 0;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, 100, &bad));
	bad = o; bad.profile = (parley_bdm_profile)7;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, 100, &bad));
	bad = o; bad.selection = (parley_bdm_selection)7;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, 100, &bad));
	bad = o; bad.range = (parley_bdm_range)7;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, 100, &bad));
	bad = o; bad.q = 1.5;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, 100, &bad));
	bad = o; bad.q = NAN;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, 100, &bad));
	bad = o; bad.eps = -1e-9;
	EXPECT_EINVAL(parley_bdm_set(ws, x, c, s, 3, 0, 100, &bad));
	/* a good set, then a failed one: no problem left */
	assert_int_equal(parley_bdm_set(ws, x, c, s, 3, 0, 100, &o), 0);
	memcpy(b, x, sizeof(b)); b[1] = NAN;
	EXPECT_EINVAL(parley_bdm_set(ws, b, c, s, 3, 0, 100, &o));
	EXPECT_EINVAL(parley_bdm_iterate(ws));
	assert_null(parley_bdm_positions(ws));
#undef EXPECT_EINVAL
	parley_bdm_workspace_free(ws);
}

/* W = sum c s = 0 -> PARLEY_EZEROWEIGHT (4.7), by c or by s. */
static void test_bdm_errors__zero_weight(void **state)
{
	static const double x[3] = { 10, 45, 90 }, c[3] = { 1, 2, 1.5 };
	static const double s[3] = { 0.9, 0.5, 0.7 }, z[3] = { 0, 0, 0 };
	static const double c2[3] = { 0, 2, 0 }, s2[3] = { 0.9, 0, 0.7 };
	parley_bdm_workspace *ws = new_ws(3, 0);

	(void)state;
	parley_error_clear();
	assert_error(parley_bdm_set(ws, x, z, s, 3, 0, 100, NULL), PARLEY_EZEROWEIGHT);
	parley_error_clear();
	assert_error(parley_bdm_set(ws, x, c, z, 3, 0, 100, NULL), PARLEY_EZEROWEIGHT);
	parley_error_clear();
	assert_error(parley_bdm_set(ws, x, c2, s2, 3, 0, 100, NULL), PARLEY_EZEROWEIGHT);
	parley_error_clear();
	assert_error(parley_bdm_iterate(ws), PARLEY_EINVAL);
	parley_bdm_workspace_free(ws);
}

/* ------------------------------------------------------------------ */
/* allocation failure                                                   */
/* ------------------------------------------------------------------ */

/* The Nth allocation fails, for every N (with and without trace): a clean
 * PARLEY_ENOMEM, no workspace, nothing leaked; set/iterate allocate nothing,
 * and nothing ever reallocates (the counting allocator of testutil.h). */
static void test_bdm_alloc__failure_at_every_allocation(void **state)
{
	static const double x[3] = { 10, 45, 90 }, c[3] = { 1, 2, 1.5 };
	static const double s[3] = { 0.9, 0.5, 0.7 };
	int trace;

	(void)state;
	for (trace = 0; trace < 2; trace++) {
		long total, k;
		parley_bdm_workspace *ws = NULL;

		/* count the allocations of a successful run */
		tu_counter_install(0, 0);
		assert_int_equal(parley_bdm_workspace_alloc(&ws, 3, trace), 0);
		total = tu_counter.count;
		assert_int_equal(parley_bdm_set(ws, x, c, s, 3, 0, 100, NULL), 0);
		while (parley_bdm_test(ws) == PARLEY_BDM_CONTINUE)
			assert_int_equal(parley_bdm_iterate(ws), 0);
		assert_int_equal(tu_counter.count, total); /* set and iterate: none */
		parley_bdm_workspace_free(ws);
		assert_int_equal(tu_counter.nlive, 0);
		assert_int_equal(tu_counter.reallocs, 0);
		assert_int_equal(tu_counter.bad_frees, 0);
		assert_true(total >= 2);
		for (k = 1; k <= total; k++) {
			tu_counter_install(k, 0);
			ws = (parley_bdm_workspace *)&total; /* must be reset to NULL */
			parley_error_clear();
			assert_error(parley_bdm_workspace_alloc(&ws, 3, trace), PARLEY_ENOMEM);
			assert_null(ws);
			assert_int_equal(tu_counter.refused, 1);
			assert_int_equal(tu_counter.nlive, 0);
			assert_int_equal(tu_counter.reallocs, 0);
			assert_int_equal(tu_counter.bad_frees, 0);
		}
		parley_set_allocator(NULL);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bdm_vectors__bdm1994_emissions_paper),
		cmocka_unit_test(test_bdm_vectors__bdm1994_emissions_compat),
		cmocka_unit_test(test_bdm_vectors__toy3_paper),
		cmocka_unit_test(test_bdm_vectors__toy5_paper_range100),
		cmocka_unit_test(test_bdm_vectors__all_same_position),
		cmocka_unit_test(test_bdm_vectors__every_case),
		cmocka_unit_test(test_bdm_compat__scholz_table2),
		cmocka_unit_test(test_bdm_compat__round1_matches_transcription),
		cmocka_unit_test(test_bdm_data__car_emissions_csv),
		cmocka_unit_test(test_bdm_paper__large_n_probabilities),
		cmocka_unit_test(test_bdm_paper__q_and_selection_rules),
		cmocka_unit_test(test_bdm_props__permutation),
		cmocka_unit_test(test_bdm_props__reflection),
		cmocka_unit_test(test_bdm_api__trace_only_with_trace),
		cmocka_unit_test(test_bdm_api__iterate_after_final_status),
		cmocka_unit_test(test_bdm_api__names),
		cmocka_unit_test(test_bdm_errors__invalid_input),
		cmocka_unit_test(test_bdm_errors__zero_weight),
		cmocka_unit_test_teardown(test_bdm_alloc__failure_at_every_allocation, tu_counter_restore),
	};

	return tu_run_tests(tests, argc, argv);
}
