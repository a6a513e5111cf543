/*
 * test_exchange.c - parley/exchange.h: the equal-gain exchange of
 * Stokman and Van Oosten (1994) for one pair, and the network procedure
 * over rounds, on arrays and on a scenario.
 *
 * Where the expected values come from:
 *  - test_exchange_vectors__*: the "expected" members of every case of
 *    tests/vectors/stokman_exchange.json (shared/specs/ref.py stokman_pair;
 *    spec models.md section 6.1);
 *  - test_exchange_pair__*: hand computations of the spec's formulas on
 *    small inline cases (the arithmetic is in the comments);
 *  - test_exchange_network__hand: a four-actor, two-issue network worked by
 *    hand in the comments below (exact fractions), through the workspace
 *    API and through parley_exchange_run() on the same scenario in YAML
 *    (tests/data/packages/exchange.yaml), and with one issue re-expressed
 *    on other scales (the same fractions mapped to the new units);
 *  - test_exchange_errors__*: the validation rules of the header.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley/exchange.h"
#include "parley/scenario.h"

#define DEFAULT_ABS_TOL 1e-9
/* The hand-worked values are exact fractions; the procedure computes them
 * in a few floating-point steps. */
#define HAND_TOL 1e-11

static void assert_error(int rc, int want)
{
	const parley_error *e = parley_error_last();

	assert_int_equal(rc, want);
	assert_int_equal(e->code, want);
	assert_true(e->message[0] != '\0');
}

/* ------------------------------------------------------------------ */
/* every case of stokman_exchange.json                                  */
/* ------------------------------------------------------------------ */

static const char *const case_names[] = {
	"supplier_of_p_moves_fully", "supplier_of_q_moves_fully"
};

static void read_stance(struct fy_node *root, size_t k, const char *actor, const char *issue,
	parley_exchange_stance *st)
{
	char path[128];
	double *v;
	size_t n;

	snprintf(path, sizeof(path), "input/actors/%s/%s", actor, issue);
	v = tu_array(root, tu_cpath(k, path), &n);
	assert_int_equal(n, 3); /* (x, s, c) */
	st->x = v[0];
	st->s = v[1];
	st->c = v[2];
	free(v);
}

static void test_exchange_vectors__stokman(void **state)
{
	struct fy_document *doc = tu_load_vectors("stokman_exchange.json");
	struct fy_node *root = tu_root(doc);
	size_t ncase = tu_case_count(root), k;

	(void)state;
	for (k = 0; k < ncase; k++) {
		struct fy_node *actors = tu_node(root, tu_cpath(k, "input/actors"));
		struct fy_node_pair *pair;
		void *iter = NULL;
		parley_exchange_stance sp[16], sq[16], ip, iq, jp, jq;
		char what[160];
		const char *name = tu_str(root, tu_cpath(k, "name"));
		const char *ai = tu_str(root, tu_cpath(k, "input/i"));
		const char *aj = tu_str(root, tu_cpath(k, "input/j"));
		char i_name[32], j_name[32];
		double tol = tu_case_tol(root, k, DEFAULT_ABS_TOL), op, wp, oq, wq;
		size_t n = 0;
		int cap;

		assert_non_null(actors);
		snprintf(i_name, sizeof(i_name), "%s", ai);
		snprintf(j_name, sizeof(j_name), "%s", aj);
		/* the outcomes over every actor of the case */
		while ((pair = fy_node_mapping_iterate(actors, &iter)) != NULL) {
			size_t len;
			const char *an = fy_node_get_scalar(fy_node_pair_key(pair), &len);
			char actor[32];
			assert_true(n < 16 && len < sizeof(actor));
			memcpy(actor, an, len);
			actor[len] = '\0';
			read_stance(root, k, actor, "p", &sp[n]);
			read_stance(root, k, actor, "q", &sq[n]);
			n++;
		}
		assert_int_equal(parley_exchange_outcome(&op, &wp, sp, n), 0);
		assert_int_equal(parley_exchange_outcome(&oq, &wq, sq, n), 0);
		snprintf(what, sizeof(what), "%s O_p", name);
		tu_assert_close(op, tu_num(root, tu_cpath(k, "expected/Op")), tol, what);
		snprintf(what, sizeof(what), "%s O_q", name);
		tu_assert_close(oq, tu_num(root, tu_cpath(k, "expected/Oq")), tol, what);
		read_stance(root, k, i_name, "p", &ip);
		read_stance(root, k, i_name, "q", &iq);
		read_stance(root, k, j_name, "p", &jp);
		read_stance(root, k, j_name, "q", &jq);

		/* the cap never binds in these cases: both settings agree */
		for (cap = 0; cap <= 1; cap++) {
			parley_exchange_pair_result r;
			const char *feasible = tu_str(root, tu_cpath(k, "expected/feasible"));

			assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, op, wp, oq, wq, cap), 0);
			if (!strcmp(feasible, "false")) {
				assert_int_equal(r.feasible, 0);
				/* "not on opposite sides of both outcomes" */
				assert_string_equal(tu_str(root, tu_cpath(k, "expected/reason")),
					"not on opposite sides of both outcomes");
				assert_int_equal(r.reason, PARLEY_EXCHANGE_SAME_SIDE);
				assert_true(r.gain == 0 && r.dop == 0 && r.doq == 0);
				continue;
			}
			assert_int_equal(r.feasible, 1);
			assert_int_equal(r.reason, PARLEY_EXCHANGE_OK);
			assert_string_equal(r.i_demands_p ? i_name : j_name,
				tu_str(root, tu_cpath(k, "expected/demander_of_p")));
			assert_string_equal(r.i_demands_p ? j_name : i_name,
				tu_str(root, tu_cpath(k, "expected/supplier_of_p")));
			assert_true((size_t)r.how < 2);
			assert_string_equal(case_names[r.how], tu_str(root, tu_cpath(k, "expected/case")));
#define CLOSE(field, key) do { \
	snprintf(what, sizeof(what), "%s cap %d %s", name, cap, key); \
	tu_assert_close(r.field, tu_num(root, tu_cpath(k, "expected/" key)), tol, what); \
	} while (0)
			CLOSE(dop, "dOp");
			CLOSE(doq, "dOq");
			CLOSE(move_supplier_p, "move_supplier_p");
			CLOSE(move_demander_q, "move_demander_q");
			CLOSE(new_supplier_p, "new_x_supplier_on_p");
			CLOSE(new_demander_q, "new_x_demander_on_q");
			CLOSE(gain, "gain");
			CLOSE(gain_check, "gain_check");
#undef CLOSE
			{
				/* step 5 of the spec: gain = dO_p (s_Dp s_Sq - s_Dq s_Sp) / (s_Dq + s_Sq) */
				const parley_exchange_stance *Dp = r.i_demands_p ? &ip : &jp;
				const parley_exchange_stance *Dq = r.i_demands_p ? &iq : &jq;
				const parley_exchange_stance *Sp = r.i_demands_p ? &jp : &ip;
				const parley_exchange_stance *Sq = r.i_demands_p ? &jq : &iq;
				double g = r.dop * (Dp->s * Sq->s - Dq->s * Sp->s) / (Dq->s + Sq->s);
				tu_assert_close(r.gain, g, 1e-12, "closed-form gain");
			}
			tu_assert_close(r.outcome_p, op, 0, "outcome_p echoed");
			tu_assert_close(r.outcome_q, oq, 0, "outcome_q echoed");
		}
		/* swapping i and j swaps the roles, not the result */
		{
			parley_exchange_pair_result a, b;
			assert_int_equal(parley_exchange_pair(&a, &ip, &iq, &jp, &jq, op, wp, oq, wq, 1), 0);
			assert_int_equal(parley_exchange_pair(&b, &jp, &jq, &ip, &iq, op, wp, oq, wq, 1), 0);
			assert_int_equal(a.feasible, b.feasible);
			if (a.feasible) {
				assert_int_equal(a.i_demands_p, !b.i_demands_p);
				assert_true(a.gain == b.gain && a.dop == b.dop && a.new_supplier_p == b.new_supplier_p);
			}
		}
	}
	fy_document_destroy(doc);
}

/* ------------------------------------------------------------------ */
/* one pair, by hand                                                    */
/* ------------------------------------------------------------------ */

/*
 * Two actors, outcomes given. i = (p: x 0, s .8, c 1; q: x 0, s .2, c 1),
 * j = (p: x 100, s .2, c 1; q: x 100, s .8, c 1); W_p = W_q = 1,
 * O_p = 20, O_q = 80 (their compromise). i is left of both, j right: they
 * may trade. Ratios .8/.2 = 4 > .2/.8: i demands p. Step 2: j moves all the
 * way on p, dO_p = 100 * 1 * .2 / 1 = 20; dO_q = 20 (.8 + .2)/(.2 + .8) = 20;
 * i's move on q is 20 * 1 / (1 * .2) = 100, not beyond j: case 1. The caps
 * are |0 - 20| = 20 and |100 - 80| = 20: they just hold. Gain
 * 20 * .8 - 20 * .2 = 12 for both.
 */
static void test_exchange_pair__full_move(void **state)
{
	parley_exchange_stance ip = { 0, .8, 1 }, iq = { 0, .2, 1 }, jp = { 100, .2, 1 }, jq = { 100, .8, 1 };
	parley_exchange_pair_result r;

	(void)state;
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, 20, 1, 80, 1, 1), 0);
	assert_int_equal(r.feasible, 1);
	assert_int_equal(r.i_demands_p, 1);
	assert_int_equal(r.how, PARLEY_EXCHANGE_SUPPLIER_OF_P_MOVES_FULLY);
	tu_assert_close(r.dop, 20, 1e-12, "dop");
	tu_assert_close(r.doq, 20, 1e-12, "doq");
	tu_assert_close(r.move_supplier_p, 100, 1e-12, "ms");
	tu_assert_close(r.move_demander_q, 100, 1e-12, "md");
	assert_true(r.new_supplier_p == 0 && r.new_demander_q == 100);
	tu_assert_close(r.gain, 12, 1e-12, "gain");
	tu_assert_close(r.gain_check, 12, 1e-12, "gain_check");
}

/*
 * The cap. Same actors, but the outcomes given as O_p = 10, O_q = 80 (as if
 * others pulled p toward i). Uncapped, dO_p = 20 would carry O_p from 10 to
 * -10, past i's position 0: capped at |0 - 10| = 10, and dO_q = 10 with it
 * (equal gain keeps dO_q / dO_p = 1); j moves 10 * 1 / .2 = 50 on p (to 50),
 * i moves 10 * 1 / .2 = 50 on q (to 50); gain 10 * .8 - 10 * .2 = 6.
 * Without the cap, the spec's case 1 (gain 12).
 */
static void test_exchange_pair__cap(void **state)
{
	parley_exchange_stance ip = { 0, .8, 1 }, iq = { 0, .2, 1 }, jp = { 100, .2, 1 }, jq = { 100, .8, 1 };
	parley_exchange_pair_result r;

	(void)state;
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, 10, 1, 80, 1, 1), 0);
	assert_int_equal(r.feasible, 1);
	assert_int_equal(r.how, PARLEY_EXCHANGE_CAPPED_P);
	tu_assert_close(r.dop, 10, 1e-12, "dop");
	tu_assert_close(r.doq, 10, 1e-12, "doq");
	tu_assert_close(r.new_supplier_p, 50, 1e-12, "new S p");
	tu_assert_close(r.new_demander_q, 50, 1e-12, "new D q");
	tu_assert_close(r.gain, 6, 1e-12, "gain");
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, 10, 1, 80, 1, 0), 0);
	assert_int_equal(r.how, PARLEY_EXCHANGE_SUPPLIER_OF_P_MOVES_FULLY);
	tu_assert_close(r.gain, 12, 1e-12, "uncapped gain");
	/* the cap on q: O_q = 95, 5 short of j's position 100 */
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, 20, 1, 95, 1, 1), 0);
	assert_int_equal(r.how, PARLEY_EXCHANGE_CAPPED_Q);
	tu_assert_close(r.doq, 5, 1e-12, "doq capped");
	tu_assert_close(r.dop, 5, 1e-12, "dop follows");
	tu_assert_close(r.gain, 3, 1e-12, "gain");
}

/* The reasons a pair cannot trade. */
static void test_exchange_pair__infeasible(void **state)
{
	parley_exchange_stance ip = { 0, .5, 1 }, iq = { 0, .5, 1 }, jp = { 100, .5, 1 }, jq = { 100, .5, 1 };
	parley_exchange_stance zp = { 100, .2, 0 }, at = { 20, .8, 1 };
	parley_exchange_pair_result r;

	(void)state;
	/* equal salience ratios (.5/.5 both) */
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, 50, 1, 50, 1, 1), 0);
	assert_int_equal(r.feasible, 0);
	assert_int_equal(r.reason, PARLEY_EXCHANGE_EQUAL_RATIOS);
	/* same side on p: j at 100 with O_p = 100 counts as left (x <= O) */
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, 100, 1, 50, 1, 1), 0);
	assert_int_equal(r.reason, PARLEY_EXCHANGE_SAME_SIDE);
	/* the supplier of p has capability 0 there: its move shifts nothing */
	iq.s = .2;
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &zp, &jq, 50, 1, 50, 1, 1), 0);
	assert_int_equal(r.feasible, 0);
	assert_int_equal(r.reason, PARLEY_EXCHANGE_NO_GAIN);
	/* the demander sits at the outcome on p: under the cap nothing is left */
	ip = at;
	ip.x = 20;
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, 20, 1, 50, 1, 1), 0);
	assert_int_equal(r.reason, PARLEY_EXCHANGE_NO_GAIN);
	assert_true(r.gain == 0 && r.outcome_p == 20 && r.outcome_q == 50);
}

/* An actor at the outcome counts as left (x <= O, Decide's rule) also when
 * rounding puts the computed outcome an ulp below it: three equal weights
 * at 4, 13.98 and 23.96 have the compromise 13.98 exactly (13.98 is the
 * midpoint of the others in doubles), computed as 13.979999999999999. Then
 * i at 4 and j at 13.98 are on the same side of O_p: no exchange. Before,
 * rounding put j right of O and the pair traded; the same scenario in other
 * units, where O rounds the other way, did not (tests/forecast/test_units.c). */
static void test_exchange_pair__at_the_outcome(void **state)
{
	parley_exchange_stance three[3] = { { 4.0, 1, 1 }, { 13.98, 1, 1 }, { 23.96, 1, 1 } };
	parley_exchange_stance ip = { 4.0, .9, 10 }, iq = { 80, .2, 10 }, jp = { 13.98, .3, 20 }, jq = { 20, .8, 20 };
	parley_exchange_pair_result r;
	double op, wp;

	(void)state;
	assert_int_equal(parley_exchange_outcome(&op, &wp, three, 3), 0);
	assert_true(op < 13.98 && 13.98 - op < 4e-15); /* one ulp below */
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, op, wp, 50, 3, 1), 0);
	assert_int_equal(r.feasible, 0);
	assert_int_equal(r.reason, PARLEY_EXCHANGE_SAME_SIDE);
	/* a clear gap still separates: j at 13.99 is right of O */
	jp.x = 13.99;
	assert_int_equal(parley_exchange_pair(&r, &ip, &iq, &jp, &jq, op, wp, 50, 3, 1), 0);
	assert_int_equal(r.feasible, 1);
}

/* ------------------------------------------------------------------ */
/* the network procedure, by hand                                       */
/* ------------------------------------------------------------------ */

/*
 * Four actors, issues p and q, (x, s, c):
 *        p              q
 *   A (0, .8, 2)    (0, .6, 1)
 *   B (80, .4, 1)   (0, .6, 1)
 *   C (20, .2, 1)   (100, .2, 1)
 *   D (100, .4, 2)  (20, .6, 1)
 * W_p = 1.6 + .4 + .2 + .8 = 3, O_p = (32 + 4 + 80) / 3 = 116/3;
 * W_q = .6 + .6 + .2 + .6 = 2, O_q = (20 + 12) / 2 = 16.
 * Sides ("left": x <= O): A left/left, B right/left, C left/right,
 * D right/right. Pairs on opposite sides of both: A-D and B-C.
 *
 * Round 1.
 *  A-D: ratios .8/.6 > .4/.6, A demands p; D supplies p (100 toward 0),
 *   A supplies q (0 toward 20). Step 2: dO_p = 100 * 2 * .4 / 3 = 80/3,
 *   k = (.8 + .4)/(.6 + .6) = 1, dO_q = 80/3, A's move 80/3 * 2 / .6 =
 *   88.9 > 20: step 3, A moves fully, dO_q = 20 * .6 / 2 = 6 = dO_p. Cap on
 *   q: O_q may not pass D's 20, |20 - 16| = 4 < 6: dO_q = dO_p = 4, D moves
 *   4 * 3 / .8 = 15 (to 85), A moves 4 * 2 / .6 = 40/3 (to 40/3). Gain
 *   4 * .8 - 4 * .6 = 0.8.
 *  B-C: ratios .2/.2 > .4/.6, C demands p; B supplies p (80 toward 20),
 *   C supplies q (100 toward 0). dO_p = 60 * .4 / 3 = 8, k = .6/.8,
 *   dO_q = 6, C's move 6 * 2 / .2 = 60 < 100: case 1; caps |20 - 116/3| and
 *   |0 - 16| hold. Gain 8 * .2 - 6 * .2 = 0.4.
 *  The highest gain: A-D (case: capped on q). Then O_p = 104/3, O_q = 20.
 *  Recomputed: B-C as before (its amounts do not depend on O, its caps
 *  hold), gain 0.4; D is now at O_q (20 <= 20: left), so C-D are on
 *  opposite sides, but the cap leaves |20 - 20| = 0: no gain. B-C is made:
 *  B 80 -> 20 on p, C 100 -> 40 on q; O_p = 80/3, O_q = 14.
 *  Left: A, B, C on p, D right; on q A, B left, C (40), D (20) right. A-D
 *  was made this round; B-D have equal ratios (.4/.6 both). Round over.
 * Round 2 (marks reset). A-D again: D supplies p (85 toward 0), A supplies
 *  q (40/3 toward 20): dO_p = 85 * .8 / 3 = 68/3, dO_q = 68/3, A's move
 *  68/3 * 2 / .6 = 75.6 > 20 - 40/3: A moves fully (to 20), dO_q =
 *  20/3 * .6 / 2 = 2 = dO_p; caps hold (|20 - 14| = 6); D moves 2 * 3 / .8
 *  = 7.5 (to 77.5). Gain 2 * .8 - 2 * .6 = 0.4. O_p = 74/3, O_q = 16.
 *  Then A is right of O_q (20 > 16): no pair left.
 * Round 3 finds nothing: fixed point after 2 rounds, 3 exchanges;
 * outcomes 74/3 and 16.
 */
static const double hand_x[8] = { 0, 80, 20, 100, /* q: */ 0, 0, 100, 20 };
static const double hand_s[8] = { .8, .4, .2, .4, .6, .6, .2, .6 };
static const double hand_c[8] = { 2, 1, 1, 2, 1, 1, 1, 1 };

typedef struct {
	size_t round, demander, supplier;
	double sfrom, sto, dfrom, dto, dop, doq, gain;
	parley_exchange_case how;
} hand_rec;

static const hand_rec hand[3] = {
	{ 1, 0, 3, 100, 85, 0, 40.0 / 3, 4, 4, 0.8, PARLEY_EXCHANGE_CAPPED_Q },
	{ 1, 2, 1, 80, 20, 100, 40, 8, 6, 0.4, PARLEY_EXCHANGE_SUPPLIER_OF_P_MOVES_FULLY },
	{ 2, 0, 3, 85, 77.5, 40.0 / 3, 20, 2, 2, 0.4, PARLEY_EXCHANGE_SUPPLIER_OF_Q_MOVES_FULLY },
};

static void check_record(const parley_exchange_record *r, const hand_rec *h)
{
	assert_int_equal(r->round, h->round);
	assert_int_equal(r->demander, h->demander);
	assert_int_equal(r->supplier, h->supplier);
	assert_int_equal(r->p, 0);
	assert_int_equal(r->q, 1);
	tu_assert_close(r->supplier_from, h->sfrom, HAND_TOL, "supplier_from");
	tu_assert_close(r->supplier_to, h->sto, HAND_TOL, "supplier_to");
	tu_assert_close(r->demander_from, h->dfrom, HAND_TOL, "demander_from");
	tu_assert_close(r->demander_to, h->dto, HAND_TOL, "demander_to");
	tu_assert_close(r->dop, h->dop, HAND_TOL, "dop");
	tu_assert_close(r->doq, h->doq, HAND_TOL, "doq");
	tu_assert_close(r->gain, h->gain, HAND_TOL, "gain");
	assert_int_equal(r->how, h->how);
}

static void test_exchange_network__hand(void **state)
{
	parley_exchange_workspace *ws;
	parley_exchange_record rec[8];
	size_t made;
	const double *o, *x;

	(void)state;
	assert_int_equal(parley_exchange_workspace_alloc(&ws, 4, 2), 0);
	assert_int_equal(parley_exchange_set(ws, hand_x, hand_s, hand_c, NULL, NULL), 0);
	o = parley_exchange_outcomes(ws);
	tu_assert_close(o[0], 116.0 / 3, HAND_TOL, "O_p initial");
	tu_assert_close(o[1], 16, HAND_TOL, "O_q initial");

	assert_int_equal(parley_exchange_iterate(ws, rec, 8, &made), PARLEY_EXCHANGE_CONTINUE);
	assert_int_equal(made, 2);
	check_record(&rec[0], &hand[0]);
	check_record(&rec[1], &hand[1]);
	tu_assert_close(o[0], 80.0 / 3, HAND_TOL, "O_p after round 1");
	tu_assert_close(o[1], 14, HAND_TOL, "O_q after round 1");

	/* room for nothing: the exchange is made and counted, not recorded */
	assert_int_equal(parley_exchange_iterate(ws, NULL, 0, &made), PARLEY_EXCHANGE_CONTINUE);
	assert_int_equal(made, 1);
	assert_int_equal(parley_exchange_rounds(ws), 2);
	tu_assert_close(o[0], 74.0 / 3, HAND_TOL, "O_p after round 2");
	tu_assert_close(o[1], 16, HAND_TOL, "O_q after round 2");
	x = parley_exchange_positions(ws);
	tu_assert_close(x[3], 77.5, HAND_TOL, "D on p");
	tu_assert_close(x[4], 20, HAND_TOL, "A on q");

	assert_int_equal(parley_exchange_iterate(ws, rec, 8, &made), PARLEY_EXCHANGE_FIXED_POINT);
	assert_int_equal(made, 0);
	assert_int_equal(parley_exchange_rounds(ws), 2);
	/* finished: further calls change nothing */
	assert_int_equal(parley_exchange_iterate(ws, rec, 8, &made), PARLEY_EXCHANGE_FIXED_POINT);

	/* the same again, round by round, with a limit of one round */
	{
		parley_exchange_options opts = PARLEY_EXCHANGE_OPTIONS_INIT;
		opts.max_rounds = 1;
		assert_int_equal(parley_exchange_set(ws, hand_x, hand_s, hand_c, NULL, &opts), 0);
		assert_int_equal(parley_exchange_iterate(ws, rec, 8, &made), PARLEY_EXCHANGE_CONTINUE);
		assert_int_equal(made, 2);
		assert_int_equal(parley_exchange_iterate(ws, rec, 8, &made), PARLEY_EXCHANGE_MAX_ROUNDS);
		assert_int_equal(made, 0);
		tu_assert_close(parley_exchange_outcomes(ws)[0], 80.0 / 3, HAND_TOL, "stopped after round 1");
		/* a minimum gain above 0.4 leaves only the first exchange */
		opts.max_rounds = 10;
		opts.min_gain = 0.5;
		assert_int_equal(parley_exchange_set(ws, hand_x, hand_s, hand_c, NULL, &opts), 0);
		assert_int_equal(parley_exchange_iterate(ws, rec, 8, &made), PARLEY_EXCHANGE_CONTINUE);
		assert_int_equal(made, 1);
		check_record(&rec[0], &hand[0]);
		assert_int_equal(parley_exchange_iterate(ws, rec, 8, &made), PARLEY_EXCHANGE_FIXED_POINT);
	}
	/* an absent actor: without D (present 0 on both issues) only B-C trade */
	{
		static const unsigned char present[8] = { 1, 1, 1, 0, 1, 1, 1, 0 };
		assert_int_equal(parley_exchange_set(ws, hand_x, hand_s, hand_c, present, NULL), 0);
		/* W_p = 1.6 + .4 + .2 = 2.2, O_p = 36/2.2; W_q = 1.4, O_q = 20/1.4 */
		tu_assert_close(parley_exchange_outcomes(ws)[0], 36 / 2.2, HAND_TOL, "O_p without D");
		tu_assert_close(parley_exchange_outcomes(ws)[1], 20 / 1.4, HAND_TOL, "O_q without D");
		assert_int_equal(parley_exchange_iterate(ws, rec, 8, &made), PARLEY_EXCHANGE_CONTINUE);
		assert_true(made >= 1);
		{
			size_t i;
			for (i = 0; i < made; i++)
				assert_true(rec[i].demander != 3 && rec[i].supplier != 3);
		}
		assert_true(isnan(parley_exchange_positions(ws)[3]));
	}
	parley_exchange_workspace_free(ws);
}

/* The same network as a scenario: parley_exchange_run() gives the same. */
static void test_exchange_network__scenario(void **state)
{
	parley_scenario *s;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_exchange_result *r;
	size_t i;

	(void)state;
	assert_int_equal(parley_scenario_load_file(&s, PARLEY_TEST_DIR "/data/packages/exchange.yaml",
		NULL, &diags), 0);
	assert_int_equal(parley_exchange_run(&r, s, NULL), 0);
	assert_int_equal(parley_exchange_result_status(r), PARLEY_EXCHANGE_FIXED_POINT);
	assert_int_equal(parley_exchange_result_rounds(r), 2);
	assert_int_equal(parley_exchange_result_count(r), 3);
	assert_int_equal(parley_exchange_result_issue_count(r), 2);
	for (i = 0; i < 3; i++)
		check_record(parley_exchange_result_record(r, i), &hand[i]);
	assert_null(parley_exchange_result_record(r, 3));
	tu_assert_close(parley_exchange_result_initial(r, 0), 116.0 / 3, HAND_TOL, "initial p");
	tu_assert_close(parley_exchange_result_outcome(r, 0), 74.0 / 3, HAND_TOL, "outcome p");
	tu_assert_close(parley_exchange_result_outcome(r, 1), 16, HAND_TOL, "outcome q");
	tu_assert_close(parley_exchange_result_position(r, 0, 3), 77.5, HAND_TOL, "D on p");
	tu_assert_close(parley_exchange_result_position(r, 1, 2), 40, HAND_TOL, "C on q");
	assert_true(isnan(parley_exchange_result_outcome(r, 2)));
	assert_true(isnan(parley_exchange_result_position(r, 0, 4)));
	parley_exchange_result_free(r);

	/* min_gain 0.5: one exchange */
	{
		parley_exchange_options o = PARLEY_EXCHANGE_OPTIONS_INIT;
		o.min_gain = 0.5;
		assert_int_equal(parley_exchange_run(&r, s, &o), 0);
		assert_int_equal(parley_exchange_result_count(r), 1);
		parley_exchange_result_free(r);
		o.min_gain = -1;
		assert_error(parley_exchange_run(&r, s, &o), PARLEY_EINVAL);
		assert_null(r);
	}
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
	parley_exchange_result_free(NULL);
}

/* The hand-worked network with issue q on the scale [lo, hi] (q's
 * positions x mapped to lo + x (hi - lo) / 100): a scenario in YAML. */
static parley_scenario *hand_on_scale(double lo, double hi)
{
	char yaml[4096], *at = yaml;
	size_t k;
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;

	at += sprintf(at, "parley: 1\ntitle: rescaled\nissues:\n  - {id: p, title: P}\n"
		"  - {id: q, title: Q, scale: [%.17g, %.17g]}\nactors:\n", lo, hi);
	for (k = 0; k < 4; k++)
		at += sprintf(at, "  - id: a%zu\n    name: A%zu\n    capability: 1\n    positions:\n"
			"      p: {position: %.17g, salience: %.17g, capability: %.17g}\n"
			"      q: {position: %.17g, salience: %.17g, capability: %.17g}\n", k, k,
			hand_x[k], 100 * hand_s[k], hand_c[k], lo + hand_x[4 + k] * ((hi - lo) / 100),
			100 * hand_s[4 + k], hand_c[4 + k]);
	assert_int_equal(parley_scenario_load_buffer(&s, yaml, strlen(yaml), "rescaled.yaml", NULL,
		&diags), 0);
	parley_diag_list_dispose(&diags);
	return s;
}

/* The model weighs shifts of outcomes on different issues against each
 * other, so it runs on each issue mapped onto 0-100 (exchange.h): the units
 * of q cannot move p, and q's results transform with its scale. The
 * expected values are the hand-worked ones above, within HAND_TOL of each
 * scale's width plus what writing q's positions near |lo| and |hi| in
 * doubles costs (64 ulps of max(|lo|, |hi|), relative to the width: 3e-7
 * of it on [1e6, 1e6 + 0.004]), which reaches p through the amounts
 * exchanged. Before the
 * map, q on [0, 20000] made no exchange at all (the gains of a move on q
 * dwarfed every move on p's 0-100). */
static void test_exchange_network__rescaled(void **state)
{
	static const double scales[][2] = { { 0, 100 }, { 0, 20000 }, { -5, -3 }, { 1e6, 1e6 + 0.004 },
		{ -3e9, 2e9 } };
	size_t c, i;

	(void)state;
	for (c = 0; c < sizeof(scales) / sizeof(scales[0]); c++) {
		double lo = scales[c][0], hi = scales[c][1], w = hi - lo;
		double rel = HAND_TOL + 64 * DBL_EPSILON * fmax(fabs(lo), fabs(hi)) / w;
		parley_scenario *s = hand_on_scale(lo, hi);
		parley_exchange_result *r;
#define ON_Q(x) (lo + (x) * (w / 100))
		assert_int_equal(parley_exchange_run(&r, s, NULL), 0);
		assert_int_equal(parley_exchange_result_rounds(r), 2);
		assert_int_equal(parley_exchange_result_count(r), 3);
		tu_assert_close(parley_exchange_result_outcome(r, 0), 74.0 / 3, rel * 100, "outcome p");
		tu_assert_close(parley_exchange_result_outcome(r, 1), ON_Q(16), rel * w, "outcome q");
		tu_assert_close(parley_exchange_result_position(r, 1, 2), ON_Q(40), rel * w, "C on q");
		for (i = 0; i < 3; i++) {
			const parley_exchange_record *x = parley_exchange_result_record(r, i);
			assert_int_equal(x->demander, hand[i].demander);
			assert_int_equal(x->supplier, hand[i].supplier);
			tu_assert_close(x->supplier_to, hand[i].sto, rel * 100, "supplier_to (p)");
			tu_assert_close(x->demander_from, ON_Q(hand[i].dfrom), rel * w, "demander_from (q)");
			tu_assert_close(x->demander_to, ON_Q(hand[i].dto), rel * w, "demander_to (q)");
			tu_assert_close(x->dop, hand[i].dop, rel * 100, "dop");
			tu_assert_close(x->doq, hand[i].doq * (w / 100), rel * w, "doq, in q's units");
			/* the gain is in salience x points of the 0-100 scale */
			tu_assert_close(x->gain, hand[i].gain, rel, "gain");
		}
#undef ON_Q
		parley_exchange_result_free(r);
		parley_scenario_free(s);
	}
}

/* Many exchanges: the result records every one of them (more than the
 * first guess of room), the same as the workspace API. */
static void test_exchange_network__flagship(void **state)
{
	parley_scenario *s;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_exchange_result *r;
	parley_exchange_options o = PARLEY_EXCHANGE_OPTIONS_INIT;
	size_t i, p, a, n, m;

	(void)state;
	assert_int_equal(parley_scenario_load_file(&s, PARLEY_SOURCE_DIR "/examples/security-guarantees-2022.yaml",
		NULL, &diags), 0);
	o.max_rounds = 100; /* 291 exchanges (more than the first guess of room, 256) */
	assert_int_equal(parley_exchange_run(&r, s, &o), 0);
	n = parley_scenario_actor_count(s);
	m = parley_scenario_issue_count(s);
	assert_true(parley_exchange_result_count(r) > 256);
	for (i = 1; i < parley_exchange_result_count(r); i++)
		assert_true(parley_exchange_result_record(r, i)->round >=
			parley_exchange_result_record(r, i - 1)->round);
	/* every outcome is the compromise of the final positions */
	for (p = 0; p < m; p++) {
		double num = 0, w = 0;
		for (a = 0; a < n; a++) {
			const parley_stance *st = parley_scenario_stance(s, p, a);
			if (!st->present)
				continue;
			num += st->capability.value * st->salience.value / 100 * parley_exchange_result_position(r, p, a);
			w += st->capability.value * st->salience.value / 100;
		}
		tu_assert_close(parley_exchange_result_outcome(r, p), num / w, 1e-9, "outcome = compromise");
	}
	/* deterministic */
	{
		parley_exchange_result *r2;
		assert_int_equal(parley_exchange_run(&r2, s, &o), 0);
		assert_int_equal(parley_exchange_result_count(r2), parley_exchange_result_count(r));
		for (p = 0; p < m; p++)
			assert_true(parley_exchange_result_outcome(r, p) == parley_exchange_result_outcome(r2, p));
		parley_exchange_result_free(r2);
	}
	parley_exchange_result_free(r);
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
}

/* ------------------------------------------------------------------ */
/* errors                                                               */
/* ------------------------------------------------------------------ */

static void test_exchange_errors__invalid(void **state)
{
	parley_exchange_stance ok = { 50, .5, 1 }, bad = { 50, 1.5, 1 };
	parley_exchange_pair_result r;
	parley_exchange_workspace *ws = NULL;
	parley_exchange_options opts = PARLEY_EXCHANGE_OPTIONS_INIT;
	double o, w, x[4] = { 0, 100, 0, 100 }, s[4] = { .5, .5, .5, .5 }, c[4] = { 1, 1, 1, 1 };
	parley_exchange_record rec[1];

	(void)state;
	assert_error(parley_exchange_pair(&r, &bad, &ok, &ok, &ok, 50, 1, 50, 1, 1), PARLEY_EINVAL);
	bad.s = .5;
	bad.c = -1;
	assert_error(parley_exchange_pair(&r, &ok, &ok, &bad, &ok, 50, 1, 50, 1, 1), PARLEY_EINVAL);
	bad.c = 1;
	bad.x = NAN;
	assert_error(parley_exchange_pair(&r, &ok, &ok, &ok, &bad, 50, 1, 50, 1, 1), PARLEY_EINVAL);
	assert_error(parley_exchange_pair(&r, &ok, &ok, &ok, &ok, 50, 0, 50, 1, 1), PARLEY_EINVAL);
	assert_error(parley_exchange_pair(&r, &ok, &ok, &ok, &ok, NAN, 1, 50, 1, 1), PARLEY_EINVAL);
	assert_error(parley_exchange_pair(&r, NULL, &ok, &ok, &ok, 50, 1, 50, 1, 1), PARLEY_EINVAL);
	assert_error(parley_exchange_pair(NULL, &ok, &ok, &ok, &ok, 50, 1, 50, 1, 1), PARLEY_EINVAL);

	assert_error(parley_exchange_outcome(&o, &w, &ok, 0), PARLEY_EINVAL);
	assert_error(parley_exchange_outcome(&o, &w, &bad, 1), PARLEY_EINVAL);
	ok.c = 0;
	assert_error(parley_exchange_outcome(&o, &w, &ok, 1), PARLEY_EZEROWEIGHT);

	assert_error(parley_exchange_workspace_alloc(&ws, 1, 2), PARLEY_EINVAL);
	assert_null(ws);
	assert_error(parley_exchange_workspace_alloc(&ws, 2, 1), PARLEY_EINVAL);
	assert_error(parley_exchange_workspace_alloc(&ws, (size_t)1 << 40, (size_t)1 << 20), PARLEY_EINVAL);
	assert_int_equal(parley_exchange_workspace_alloc(&ws, 2, 2), 0);
	assert_null(parley_exchange_positions(ws));
	assert_error(parley_exchange_iterate(ws, rec, 1, NULL), PARLEY_EINVAL);     /* not set */
	s[1] = 2;
	assert_error(parley_exchange_set(ws, x, s, c, NULL, NULL), PARLEY_EINVAL);   /* s > 1 */
	s[1] = .5;
	opts.max_rounds = 0;
	assert_error(parley_exchange_set(ws, x, s, c, NULL, &opts), PARLEY_EINVAL);
	opts.max_rounds = 1;
	opts.min_gain = NAN;
	assert_error(parley_exchange_set(ws, x, s, c, NULL, &opts), PARLEY_EINVAL);
	opts.version = 99;
	assert_error(parley_exchange_set(ws, x, s, c, NULL, &opts), PARLEY_EINVAL);
	/* a zero-weight issue takes no part: its outcome is NaN */
	c[2] = c[3] = 0;
	assert_int_equal(parley_exchange_set(ws, x, s, c, NULL, NULL), 0);
	assert_true(isnan(parley_exchange_outcomes(ws)[1]));
	assert_int_equal(parley_exchange_iterate(ws, NULL, 0, NULL), PARLEY_EXCHANGE_FIXED_POINT);
	assert_error(parley_exchange_iterate(ws, NULL, 1, NULL), PARLEY_EINVAL);
	parley_exchange_workspace_free(ws);
	parley_exchange_workspace_free(NULL);
	assert_int_equal(parley_exchange_rounds(NULL), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exchange_vectors__stokman),
		cmocka_unit_test(test_exchange_pair__full_move),
		cmocka_unit_test(test_exchange_pair__cap),
		cmocka_unit_test(test_exchange_pair__infeasible),
		cmocka_unit_test(test_exchange_pair__at_the_outcome),
		cmocka_unit_test(test_exchange_network__hand),
		cmocka_unit_test(test_exchange_network__scenario),
		cmocka_unit_test(test_exchange_network__rescaled),
		cmocka_unit_test(test_exchange_network__flagship),
		cmocka_unit_test(test_exchange_errors__invalid),
	};

	return tu_run_tests(tests, argc, argv);
}
