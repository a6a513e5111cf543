/*
 * test_institutions.c - parley/institutions.h: intervals, the unanimity
 * win-set, passable sets under voting rules, red lines, party blocs and
 * the inverse normal distribution.
 *
 * Where the expected values come from:
 *  - test_institutions_vectors__*: the "expected" members of
 *    tests/vectors/veto_winset.json (shared/specs/ref.py, functions winset
 *    and redline_agreement; spec models.md section 5);
 *  - test_institutions_eu27__*: the Council weights of
 *    shared/data/deu/council-weights-eu27.csv (total 345, quota 255,
 *    blocking minority 91) and coalitions whose sums are worked out in the
 *    comments; populations are approximate 2007 figures in millions,
 *    rounded and used only to put a coalition above or below 62%;
 *  - test_institutions_rules__*: hand computations of mirrors 2 x - q on
 *    small inline cases (the numbers are in the comments);
 *  - test_institutions_props__*: the definition itself (a member prefers y
 *    to q iff |y - x| < |q - x|) checked point by point on random dyadic
 *    cases where every difference is exact, plus permutation and
 *    reflection symmetries;
 *  - test_institutions_normal__*: Phi^-1 values computed with mpmath
 *    (sqrt(2) erfinv(2p - 1), 40 digits) and rounded to doubles.
 *  - test_institutions_errors__*: the validation rules of models.md
 *    section 0 and of the header.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley/institutions.h"

/* Vector values are stored with 12 significant digits (models.md section
 * 0); the win-set vectors are integers, so this only absorbs formatting. */
#define DEFAULT_ABS_TOL 1e-9

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

/* An interval's fields, compared with a tolerance on the ends. */
static void check_iv(const parley_interval *iv, int empty, double lo, double hi,
	int lo_open, int hi_open, double tol, const char *what)
{
	if (iv->empty != empty)
		fail_msg("%s: empty = %d, want %d", what, iv->empty, empty);
	if (empty) {
		/* the header: the other fields are then 0 */
		assert_true(iv->lo == 0.0 && iv->hi == 0.0);
		assert_int_equal(iv->lo_open, 0);
		assert_int_equal(iv->hi_open, 0);
		return;
	}
	tu_assert_close(iv->lo, lo, tol, what);
	tu_assert_close(iv->hi, hi, tol, what);
	if (iv->lo_open != lo_open || iv->hi_open != hi_open)
		fail_msg("%s: ends open (%d, %d), want (%d, %d)", what,
			iv->lo_open, iv->hi_open, lo_open, hi_open);
}

static void assert_same_iv(const parley_interval *a, const parley_interval *b)
{
	assert_int_equal(a->empty, b->empty);
	assert_true(a->lo == b->lo);
	assert_true(a->hi == b->hi);
	assert_int_equal(a->lo_open, b->lo_open);
	assert_int_equal(a->hi_open, b->hi_open);
}

/* A JSON boolean of the vectors. */
static int json_bool(struct fy_node *root, const char *path)
{
	const char *s = tu_str(root, path);

	if (s && strcmp(s, "true") == 0)
		return 1;
	if (s && strcmp(s, "false") == 0)
		return 0;
	fail_msg("vector has no boolean at %s", path);
	return -1;
}

static size_t seq_count(struct fy_node *root, const char *path)
{
	struct fy_node *n = tu_node(root, path);

	assert_non_null(n);
	assert_true(fy_node_is_sequence(n));
	return (size_t)fy_node_sequence_item_count(n);
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

static parley_rule_spec rule_of(parley_rule rule, const double *w, double quota)
{
	parley_rule_spec r;

	memset(&r, 0, sizeof(r));
	r.rule = rule;
	r.weight = w;
	r.quota = quota;
	return r;
}

/* Passable set of a rule; fails the test when the call fails. */
static parley_passable_result passable(const double *x, size_t n, double q,
	double lo, double hi, const parley_rule_spec *rule)
{
	parley_passable_result r;
	size_t *order = calloc(n ? n : 1, sizeof(size_t));

	assert_non_null(order);
	parley_error_clear();
	if (parley_passable(&r, x, n, q, lo, hi, rule, order) != 0)
		fail_msg("parley_passable: %s", parley_error_last()->message);
	free(order);
	return r;
}

/*
 * The oracle: does y beat q under the rule, straight from the definition
 * (member i supports y iff |y - x_i| < |q - x_i|; thresholds of the header)?
 */
static int beats_q(const double *x, size_t n, double q, double y,
	const parley_rule_spec *r)
{
	double sw = 0, tw = 0, sp = 0, tp = 0;
	size_t i, count = 0;

	for (i = 0; i < n; i++) {
		double w = r->weight ? r->weight[i] : 1.0;
		double p = r->population ? r->population[i] : 0.0;

		tw += w;
		tp += p;
		if (fabs(y - x[i]) < fabs(q - x[i])) {
			sw += w;
			sp += p;
			count++;
		}
	}
	switch (r->rule) {
	case PARLEY_RULE_UNANIMITY:
	case PARLEY_RULE_BILATERAL:
		return count == n;
	case PARLEY_RULE_SIMPLE_MAJORITY:
		return sw > tw / 2;
	case PARLEY_RULE_QUALIFIED_MAJORITY:
		return sw >= r->quota &&
		       (!r->population || sp / tp >= r->population_quota) &&
		       (r->min_members == 0 || count >= r->min_members);
	}
	return 0;
}

/* How many members strictly prefer y to q. */
static size_t supporters(const double *x, size_t n, double q, double y)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (fabs(y - x[i]) < fabs(q - x[i]))
			c++;
	return c;
}

/* ------------------------------------------------------------------ */
/* intervals                                                            */
/* ------------------------------------------------------------------ */

static void test_institutions_interval__contains(void **state)
{
	parley_interval iv = { 0, 20.5, 60.25, 1, 0 }, e = { 1, 0, 0, 0, 0 };

	(void)state;
	assert_false(parley_interval_contains(&iv, 20.5));   /* open end */
	assert_true(parley_interval_contains(&iv, 20.500000000000004));
	assert_true(parley_interval_contains(&iv, 60.25));   /* closed end */
	assert_false(parley_interval_contains(&iv, 60.250000000000007));
	assert_false(parley_interval_contains(&iv, 3.0));
	assert_false(parley_interval_contains(&iv, NAN));
	assert_false(parley_interval_contains(&e, 0.0));
	assert_false(parley_interval_contains(NULL, 1.0));
}

/* Open wins at equal ends; empty when lo > hi or lo == hi with an open end;
 * a single closed point survives; `out` may alias an input. */
static void test_institutions_interval__intersect(void **state)
{
	parley_interval a = { 0, 10, 50, 0, 1 }, b = { 0, 10, 70.5, 1, 0 }, r;
	parley_interval c = { 0, 50, 80, 0, 0 }, d = { 0, 50, 50, 0, 0 };
	parley_interval e = { 1, 0, 0, 0, 0 };

	(void)state;
	parley_interval_intersect(&r, &a, &b);
	check_iv(&r, 0, 10, 50, 1, 1, 0, "open wins at 10, a's open 50");
	parley_interval_intersect(&r, &a, &c);          /* [10,50) and [50,80] */
	check_iv(&r, 1, 0, 0, 0, 0, 0, "touch at an open end");
	b.lo = 50; b.lo_open = 0;                        /* [50, 70.5] */
	parley_interval_intersect(&r, &c, &b);
	check_iv(&r, 0, 50, 70.5, 0, 0, 0, "closed at both ends");
	parley_interval_intersect(&r, &d, &c);          /* [50,50] and [50,80] */
	check_iv(&r, 0, 50, 50, 0, 0, 0, "a single closed point");
	parley_interval_intersect(&r, &c, &e);
	check_iv(&r, 1, 0, 0, 0, 0, 0, "with the empty set");
	a.hi = 5;                                        /* lo > hi: [10, 5) */
	parley_interval_intersect(&r, &a, &c);
	check_iv(&r, 1, 0, 0, 0, 0, 0, "disjoint");
	/* aliasing: out == a */
	a.hi = 60; a.hi_open = 1;                        /* [10, 60) */
	parley_interval_intersect(&a, &a, &c);
	check_iv(&a, 0, 50, 60, 0, 1, 0, "aliased output");
}

/* ------------------------------------------------------------------ */
/* vectors                                                              */
/* ------------------------------------------------------------------ */

/* A win-set case: parley_winset_unanimity and parley_passable(unanimity)
 * against the vector, and against each other exactly. */
static void check_winset_case(struct fy_node *root, size_t k)
{
	const char *name = tu_str(root, tu_cpath(k, "name"));
	double tol = tu_case_tol(root, k, DEFAULT_ABS_TOL);
	double q = tu_num(root, tu_cpath(k, "input/q"));
	double lo = tu_num(root, tu_cpath(k, "input/bounds/0"));
	double hi = tu_num(root, tu_cpath(k, "input/bounds/1"));
	int empty = json_bool(root, tu_cpath(k, "expected/empty"));
	size_t n, i, argmin = 0;
	double *x = tu_array(root, tu_cpath(k, "input/ideals"), &n);
	parley_winset_result w;
	parley_passable_result p;
	parley_rule_spec rule = rule_of(PARLEY_RULE_UNANIMITY, NULL, 0);
	char what[160];

	snprintf(what, sizeof(what), "veto_winset.json %s", name);
	parley_error_clear();
	assert_int_equal(parley_winset_unanimity(&w, x, n, q, lo, hi), 0);
	if (empty)
		check_iv(&w.winset, 1, 0, 0, 0, 0, tol, what);
	else
		check_iv(&w.winset, 0, tu_num(root, tu_cpath(k, "expected/lo")),
			tu_num(root, tu_cpath(k, "expected/hi")),
			json_bool(root, tu_cpath(k, "expected/lo_open")),
			json_bool(root, tu_cpath(k, "expected/hi_open")), tol, what);
	tu_assert_close(w.core_lo, tu_num(root, tu_cpath(k, "expected/core/0")), tol, what);
	tu_assert_close(w.core_hi, tu_num(root, tu_cpath(k, "expected/core/1")), tol, what);
	assert_int_equal(w.q_in_core, json_bool(root, tu_cpath(k, "expected/q_in_core")));

	/* the rule engine with unanimity gives the same set, bit for bit */
	p = passable(x, n, q, lo, hi, &rule);
	assert_same_iv(&p.passable, &w.winset);
	assert_int_equal(p.split, 0);
	for (i = 1; i < n; i++)
		if (x[i] < x[argmin])
			argmin = i;
	if (w.winset.empty) {
		assert_true(p.below.empty && p.above.empty);
		assert_int_equal(p.pivot_below, -1);
		assert_int_equal(p.pivot_above, -1);
	} else if (w.winset.lo == q) {           /* above q: nearest veto player min x */
		assert_same_iv(&p.above, &w.winset);
		assert_true(p.below.empty);
		assert_int_equal(p.pivot_below, -1);
		/* clipped by the scale (closed end) -> no pivot; else min x */
		if (!w.winset.hi_open)
			assert_int_equal(p.pivot_above, -1);
		else
			assert_true(x[p.pivot_above] == w.core_lo);
	} else {                                 /* below q: max x binds */
		assert_same_iv(&p.below, &w.winset);
		assert_true(p.above.empty);
		assert_int_equal(p.pivot_above, -1);
		if (!w.winset.lo_open)
			assert_int_equal(p.pivot_below, -1);
		else
			assert_true(x[p.pivot_below] == w.core_hi);
	}
	free(x);
}

/* A red-line case (redline_agreement in ref.py; red-line cases carry no
 * bounds, so ref.py's default scale [0, 100] applies). */
static void check_redline_case(struct fy_node *root, size_t k)
{
	const char *name = tu_str(root, tu_cpath(k, "name"));
	double tol = tu_case_tol(root, k, DEFAULT_ABS_TOL);
	size_t n = seq_count(root, tu_cpath(k, "input/intervals")), i, nconf = 99;
	double *rlo = calloc(n, sizeof(double)), *rhi = calloc(n, sizeof(double));
	int exists = json_bool(root, tu_cpath(k, "expected/acceptable_exists"));
	parley_interval acc;
	parley_red_line_conflict conf[8];
	char what[160], path[64];

	snprintf(what, sizeof(what), "veto_winset.json %s", name);
	assert_non_null(rlo);
	assert_non_null(rhi);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "input/intervals/%zu/0", i);
		rlo[i] = tu_num(root, tu_cpath(k, path));
		snprintf(path, sizeof(path), "input/intervals/%zu/1", i);
		rhi[i] = tu_num(root, tu_cpath(k, path));
	}
	parley_error_clear();
	assert_int_equal(parley_red_lines(&acc, rlo, rhi, NULL, n, 0, 100, conf, 8, &nconf), 0);
	if (exists) {
		check_iv(&acc, 0, tu_num(root, tu_cpath(k, "expected/acceptable/0")),
			tu_num(root, tu_cpath(k, "expected/acceptable/1")), 0, 0, tol, what);
		assert_int_equal(nconf, 0); /* overlapping red lines: no conflict */
	} else {
		const char *s = tu_str(root, tu_cpath(k, "expected/acceptable"));

		assert_non_null(s);
		assert_string_equal(s, "null");
		check_iv(&acc, 1, 0, 0, 0, 0, tol, what);
		assert_true(nconf >= 1); /* some pair must be disjoint */
	}

	/* with a status quo and veto players: the change set A ∩ W(q) */
	if (tu_node(root, tu_cpath(k, "input/q"))) {
		size_t nx;
		double *x = tu_array(root, tu_cpath(k, "input/ideals"), &nx);
		double q = tu_num(root, tu_cpath(k, "input/q"));
		int change = json_bool(root, tu_cpath(k, "expected/change_exists"));
		parley_winset_result w;
		parley_passable_result p;
		parley_rule_spec rule = rule_of(PARLEY_RULE_UNANIMITY, NULL, 0);
		parley_interval cs, cs2;

		assert_int_equal(parley_interval_contains(&acc, q),
			json_bool(root, tu_cpath(k, "expected/q_acceptable")));
		assert_int_equal(parley_winset_unanimity(&w, x, nx, q, 0, 100), 0);
		parley_interval_intersect(&cs, &acc, &w.winset);
		if (change)
			check_iv(&cs, 0, tu_num(root, tu_cpath(k, "expected/change_set/lo")),
				tu_num(root, tu_cpath(k, "expected/change_set/hi")),
				json_bool(root, tu_cpath(k, "expected/change_set/lo_open")),
				json_bool(root, tu_cpath(k, "expected/change_set/hi_open")),
				tol, what);
		else
			check_iv(&cs, 1, 0, 0, 0, 0, tol, what);
		/* same through the rule engine, and in the other order */
		p = passable(x, nx, q, 0, 100, &rule);
		parley_interval_intersect(&cs2, &p.passable, &acc);
		assert_same_iv(&cs2, &cs);
		free(x);
	}
	free(rlo);
	free(rhi);
}

/* Every case of veto_winset.json (spec section 7: 7 win-set cases, 6
 * red-line cases of which 4 with a change set). */
static void test_institutions_vectors__veto_winset(void **state)
{
	struct fy_document *doc = tu_load_vectors("veto_winset.json");
	struct fy_node *root = tu_root(doc);
	size_t k, count = tu_case_count(root), nws = 0, nrl = 0, ncs = 0;

	(void)state;
	for (k = 0; k < count; k++) {
		if (tu_node(root, tu_cpath(k, "input/intervals"))) {
			check_redline_case(root, k);
			nrl++;
			if (tu_node(root, tu_cpath(k, "input/q")))
				ncs++;
		} else {
			check_winset_case(root, k);
			nws++;
		}
	}
	assert_int_equal(nws, 7);
	assert_int_equal(nrl, 6);
	assert_int_equal(ncs, 4);
	fy_document_destroy(doc);
}

/* ------------------------------------------------------------------ */
/* red lines beyond the vectors                                         */
/* ------------------------------------------------------------------ */

/* Conflicts are ordered by (a, b) with a's red line below b's; the count
 * may exceed the room given; actors without red lines are skipped. */
static void test_institutions_redlines__conflicts(void **state)
{
	/* [60,70], [10,20], [30,40], (none), [65, 95.5] */
	double rlo[5] = { 60, 10, 30, -1e300, 65 }, rhi[5] = { 70, 20, 40, NAN, 95.5 };
	int has[5] = { 1, 1, 1, 0, 1 };
	parley_red_line_conflict conf[4];
	parley_interval acc;
	size_t count = 0;

	(void)state;
	memset(conf, 0, sizeof(conf));
	conf[2].a = 77; /* sentinel: must stay untouched */
	assert_int_equal(parley_red_lines(&acc, rlo, rhi, has, 5, 0, 100, conf, 2, &count), 0);
	check_iv(&acc, 1, 0, 0, 0, 0, 0, "disjoint red lines");
	/* by hand: (1,0) gap 60-20 = 40, (1,2) 30-20 = 10, (1,4) 65-20 = 45,
	 * (2,0) 60-40 = 20, (2,4) 65-40 = 25; [60,70] and [65,95.5] overlap */
	assert_int_equal(count, 5);
	assert_int_equal(conf[0].a, 1); assert_int_equal(conf[0].b, 0);
	assert_true(conf[0].gap == 40);
	assert_int_equal(conf[1].a, 1); assert_int_equal(conf[1].b, 2);
	assert_true(conf[1].gap == 10);
	assert_int_equal(conf[2].a, 77);
	assert_int_equal(parley_red_lines(&acc, rlo, rhi, has, 5, 0, 100, conf, 4, &count), 0);
	assert_int_equal(count, 5);
	assert_int_equal(conf[2].a, 1); assert_int_equal(conf[2].b, 4);
	assert_true(conf[2].gap == 45);
	assert_int_equal(conf[3].a, 2); assert_int_equal(conf[3].b, 0);
	assert_true(conf[3].gap == 20);
	/* NULL conflicts: only the count */
	assert_int_equal(parley_red_lines(&acc, rlo, rhi, has, 5, 0, 100, NULL, 0, &count), 0);
	assert_int_equal(count, 5);

	/* only actors 0 and 4: [65, 70]; clipping by the scale [0, 68.5] */
	has[1] = has[2] = 0;
	assert_int_equal(parley_red_lines(&acc, rlo, rhi, has, 5, 0, 100, conf, 4, &count), 0);
	check_iv(&acc, 0, 65, 70, 0, 0, 0, "two overlapping red lines");
	assert_int_equal(count, 0);
	assert_int_equal(parley_red_lines(&acc, rlo, rhi, has, 5, 0, 68.5, NULL, 0, NULL), 0);
	check_iv(&acc, 0, 65, 68.5, 0, 0, 0, "clipped by the scale");
	/* nobody has red lines, or n == 0: the whole scale */
	assert_int_equal(parley_red_lines(&acc, NULL, NULL, NULL, 0, 0, 100, NULL, 0, &count), 0);
	check_iv(&acc, 0, 0, 100, 0, 0, 0, "no red lines");
	assert_int_equal(count, 0);
	/* a red line beyond the scale leaves nothing */
	rlo[0] = 101; rhi[0] = 120;
	assert_int_equal(parley_red_lines(&acc, rlo, rhi, has, 5, 0, 100, NULL, 0, &count), 0);
	check_iv(&acc, 1, 0, 0, 0, 0, 0, "red line beyond the scale");
	/* touching red lines share one point and do not conflict */
	rlo[0] = 40; rhi[0] = 65;
	assert_int_equal(parley_red_lines(&acc, rlo, rhi, has, 5, 0, 100, conf, 4, &count), 0);
	check_iv(&acc, 0, 65, 65, 0, 0, 0, "touching red lines");
	assert_int_equal(count, 0);
}

/* ------------------------------------------------------------------ */
/* EU-27 Council (weights from shared/data/deu)                          */
/* ------------------------------------------------------------------ */

#define EU_N 27

typedef struct {
	char abbr[EU_N][8];
	double weight[EU_N];
	double quota, block, total;
} eu27;

/* Approximate populations, millions (2007, rounded); illustrative only:
 * the tests assert each coalition's share on these numbers first. */
static const struct { const char *abbr; double pop; } eu_pop[EU_N] = {
	{ "at", 8.3 }, { "be", 10.6 }, { "bu", 7.7 }, { "cy", 0.8 }, { "cz", 10.3 },
	{ "dk", 5.4 }, { "ee", 1.3 }, { "fi", 5.3 }, { "fr", 63.4 }, { "de", 82.3 },
	{ "el", 11.2 }, { "hu", 10.1 }, { "ie", 4.3 }, { "it", 59.1 }, { "lv", 2.3 },
	{ "lt", 3.4 }, { "lu", 0.5 }, { "mt", 0.4 }, { "nl", 16.4 }, { "pl", 38.1 },
	{ "pt", 10.6 }, { "ro", 21.6 }, { "si", 2.0 }, { "sk", 5.4 }, { "es", 44.5 },
	{ "se", 9.1 }, { "uk", 60.9 }
};

/* Read the CSV; 0 when it is absent (the caller skips), 1 when read. */
static int eu27_load(eu27 *eu)
{
	static const char path[] = PARLEY_SOURCE_DIR
		"/../shared/data/deu/council-weights-eu27.csv";
	FILE *f = fopen(path, "r");
	char line[512];
	size_t n = 0;

	if (!f) {
		print_message("skipping: %s not found (shared data absent)\n", path);
		return 0;
	}
	memset(eu, 0, sizeof(*eu));
	assert_non_null(fgets(line, sizeof(line), f));
	assert_true(strncmp(line, "country,abbr,weights,quota,block", 32) == 0);
	while (fgets(line, sizeof(line), f)) {
		char country[64], abbr[8];
		double w, quota, block;

		if (line[0] == '\n' || line[0] == '\0')
			continue;
		assert_true(n < EU_N);
		assert_int_equal(sscanf(line, "%63[^,],%7[^,],%lf,%lf,%lf",
			country, abbr, &w, &quota, &block), 5);
		memcpy(eu->abbr[n], abbr, sizeof(abbr));
		eu->weight[n] = w;
		eu->quota = quota;
		eu->block = block;
		eu->total += w;
		n++;
	}
	fclose(f);
	assert_int_equal(n, EU_N);
	/* the figures the tests below are built on */
	assert_true(eu->total == 345 && eu->quota == 255 && eu->block == 91);
	return 1;
}

static size_t eu_index(const eu27 *eu, const char *abbr)
{
	size_t i;

	for (i = 0; i < EU_N; i++)
		if (strcmp(eu->abbr[i], abbr) == 0)
			return i;
	fail_msg("no member %s in the EU-27 table", abbr);
	return 0;
}

static int in_list(const char *abbr, const char *const *list)
{
	for (; list && *list; list++)
		if (strcmp(abbr, *list) == 0)
			return 1;
	return 0;
}

#define EU_Q 20.0

/*
 * Positions on [0, 100] with q = 20: members in `below` at 4 + 0.75 j
 * (opposed to any move up), members in `at_q` at q (opposed to every
 * move), `lowest` (if any) at 28.5, every other member a supporter at
 * 30 + 1.5 r, r its rank among those in file order; so the supporter at
 * 30 is the first such member of the file, and its mirror is 40.
 */
static void eu_layout(const eu27 *eu, double *x, double *pop,
	const char *const *below, const char *const *at_q, const char *lowest)
{
	size_t i, j = 0, r = 0, k;

	for (i = 0; i < EU_N; i++) {
		if (in_list(eu->abbr[i], below))
			x[i] = 4 + 0.75 * (double)j++;
		else if (in_list(eu->abbr[i], at_q))
			x[i] = EU_Q;
		else if (lowest && strcmp(eu->abbr[i], lowest) == 0)
			x[i] = 28.5;
		else
			x[i] = 30 + 1.5 * (double)r++;
		for (k = 0; k < EU_N; k++)
			if (strcmp(eu_pop[k].abbr, eu->abbr[i]) == 0)
				pop[i] = eu_pop[k].pop;
	}
}

/* Weight, population share and count of the members above q. */
static void eu_coalition(const eu27 *eu, const double *x, const double *pop,
	double *w, double *share, size_t *count)
{
	double p = 0, pt = 0;
	size_t i;

	*w = 0;
	*count = 0;
	for (i = 0; i < EU_N; i++) {
		pt += pop[i];
		if (x[i] > EU_Q) {
			*w += eu->weight[i];
			p += pop[i];
			(*count)++;
		}
	}
	*share = p / pt;
}

/* Opposers de + fr + it + mt = 29 * 3 + 3 = 90, so the other 23 hold
 * exactly 255: the move passes, every supporter is needed, and the bound
 * is the mirror of the lowest supporter (Austria at 30: 2 * 30 - 20 = 40). */
static void test_institutions_eu27__qmv_just_reaches(void **state)
{
	static const char *const opp[] = { "de", "fr", "it", "mt", NULL };
	eu27 eu;
	double x[EU_N], pop[EU_N], w, share;
	size_t count, at;
	parley_rule_spec rule;
	parley_passable_result r;

	(void)state;
	if (!eu27_load(&eu))
		skip();
	rule = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, eu.weight, eu.quota);
	eu_layout(&eu, x, pop, opp, NULL, NULL);
	eu_coalition(&eu, x, pop, &w, &share, &count);
	assert_true(w == 255);
	at = eu_index(&eu, "at");
	assert_true(x[at] == 30);
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	check_iv(&r.above, 0, EU_Q, 40, 1, 1, 0, "255 of 345");
	assert_same_iv(&r.passable, &r.above);
	assert_int_equal(r.pivot_above, (long)at);
	assert_true(2 * x[r.pivot_above] - EU_Q == r.passable.hi);
	/* the part below: 90 < 255 */
	assert_true(r.below.empty);
	assert_int_equal(r.pivot_below, -1);
	assert_int_equal(r.split, 0);
	/* the definition at the boundary: 23 members just below 40, 22 at 40 */
	assert_int_equal(supporters(x, EU_N, EU_Q, 39.75), 23);
	assert_int_equal(supporters(x, EU_N, EU_Q, 40), 22);
	assert_true(parley_interval_contains(&r.passable, 39.75));
	assert_false(parley_interval_contains(&r.passable, 40));

	/* Italy joins as the lowest supporter (28.5, mirror 37): 284 in all;
	 * walking down from the farthest mirror, the first 22 from Austria up
	 * reach 255 (= 284 - 29) at Austria, so Italy is not needed and
	 * the bound stays Austria's mirror 40. */
	{
		static const char *const opp2[] = { "de", "fr", "mt", NULL };

		eu_layout(&eu, x, pop, opp2, NULL, "it");
		r = passable(x, EU_N, EU_Q, 0, 100, &rule);
		check_iv(&r.passable, 0, EU_Q, 40, 1, 1, 0, "284 of 345, Italy lowest");
		assert_int_equal(r.pivot_above, (long)at);
		assert_true(parley_interval_contains(&r.passable, 38.5)); /* Italy against */
	}
}

/* One vote short: opposers de + fr + it + cy = 29 * 3 + 4 = 91, so the
 * others hold 254 < 255: no move up passes. */
static void test_institutions_eu27__qmv_one_vote_short(void **state)
{
	static const char *const opp[] = { "de", "fr", "it", "cy", NULL };
	eu27 eu;
	double x[EU_N], pop[EU_N], w, share;
	size_t count;
	parley_rule_spec rule;
	parley_passable_result r;

	(void)state;
	if (!eu27_load(&eu))
		skip();
	rule = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, eu.weight, eu.quota);
	eu_layout(&eu, x, pop, opp, NULL, NULL);
	eu_coalition(&eu, x, pop, &w, &share, &count);
	assert_true(w == 254);
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_true(r.above.empty);
	assert_true(r.passable.empty);
	assert_int_equal(r.pivot_above, -1);
	assert_int_equal(r.pivot_below, -1);
}

/* A blocking minority of 91 sitting at the status quo (pl + es + ro + nl
 * + at = 27 + 27 + 14 + 13 + 10 = 91) blocks every move; without Austria
 * (81) the others (264) pass again. */
static void test_institutions_eu27__blocking_minority(void **state)
{
	static const char *const block[] = { "pl", "es", "ro", "nl", "at", NULL };
	static const char *const block2[] = { "pl", "es", "ro", "nl", NULL };
	eu27 eu;
	double x[EU_N], pop[EU_N], w, share;
	size_t count;
	parley_rule_spec rule;
	parley_passable_result r;

	(void)state;
	if (!eu27_load(&eu))
		skip();
	rule = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, eu.weight, eu.quota);
	eu_layout(&eu, x, pop, NULL, block, NULL);
	eu_coalition(&eu, x, pop, &w, &share, &count);
	assert_true(eu.total - w == eu.block);
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_true(r.passable.empty && r.above.empty && r.below.empty);
	assert_int_equal(r.pivot_above, -1);

	eu_layout(&eu, x, pop, NULL, block2, NULL);
	eu_coalition(&eu, x, pop, &w, &share, &count);
	assert_true(w == 264);
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_true(count == 23);
	/* 264 - 255 = 9: the lowest supporter (Austria at 30, 10 votes) is
	 * needed, so its mirror 40 bounds the set */
	assert_int_equal(r.pivot_above, (long)eu_index(&eu, "at"));
	check_iv(&r.passable, 0, EU_Q, 40, 1, 1, 0, "264 of 345");
}

/* Double majority (weights >= 255, population >= 62%, >= 14 members). */
static void test_institutions_eu27__double_majority(void **state)
{
	/* (i) weight 255 but population below 62% */
	static const char *const big[] = { "de", "fr", "it", "mt", NULL };
	/* (ii) population 84% but weight 345 - 93 = 252 */
	static const char *const mid[] = { "be", "cz", "el", "hu", "pt", "at", "bu",
		"se", "mt", NULL };
	/* (iii) control: weight 284, population 70%, 24 members */
	static const char *const ctl[] = { "de", "fr", "mt", NULL };
	/* (iv) 13 members hold 257 and 89% of the population */
	static const char *const small[] = { "at", "bu", "cy", "dk", "ee", "fi", "ie",
		"lv", "lt", "lu", "mt", "si", "sk", "se", NULL };
	eu27 eu;
	double x[EU_N], pop[EU_N], w, share;
	size_t count;
	parley_rule_spec rule;
	parley_passable_result r;

	(void)state;
	if (!eu27_load(&eu))
		skip();
	rule = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, eu.weight, eu.quota);
	rule.population = pop;
	rule.population_quota = 0.62;
	rule.min_members = 14;

	eu_layout(&eu, x, pop, big, NULL, NULL);
	eu_coalition(&eu, x, pop, &w, &share, &count);
	assert_true(w >= 255 && share < 0.62 && count >= 14);
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_true(r.passable.empty);
	assert_int_equal(r.pivot_above, -1);

	eu_layout(&eu, x, pop, mid, NULL, NULL);
	eu_coalition(&eu, x, pop, &w, &share, &count);
	assert_true(w == 252 && share >= 0.62 && count >= 14);
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_true(r.passable.empty);

	eu_layout(&eu, x, pop, ctl, NULL, NULL);
	eu_coalition(&eu, x, pop, &w, &share, &count);
	assert_true(w == 284 && share >= 0.62 && count == 24);
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_false(r.passable.empty);
	assert_true(parley_interval_contains(&r.passable, 39.75));

	eu_layout(&eu, x, pop, small, NULL, NULL);
	eu_coalition(&eu, x, pop, &w, &share, &count);
	assert_true(w == 257 && share >= 0.62 && count == 13);
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_true(r.passable.empty);              /* 13 < 14 members */
	rule.min_members = 13;
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_false(r.passable.empty);
	rule.min_members = 0;                        /* condition switched off */
	r = passable(x, EU_N, EU_Q, 0, 100, &rule);
	assert_false(r.passable.empty);
}

/* ------------------------------------------------------------------ */
/* rules on inline data                                                 */
/* ------------------------------------------------------------------ */

/*
 * Synthetic QMV (always runs): q = 12.5, five members above q with
 * x = 81.25, 62.5, 47.75, 33.5, 20.25 (mirrors 150, 112.5, 83, 54.5, 28)
 * and weights 5, 4, 7, 1, 3 (total 20). Walking down from the farthest
 * mirror the coalition weights are 5, 9, 16, 17, 20.
 */
static void test_institutions_rules__qmv_synthetic(void **state)
{
	double x[5] = { 81.25, 62.5, 47.75, 33.5, 20.25 }, w[5] = { 5, 4, 7, 1, 3 };
	double pop[5] = { 10, 10, 10, 60, 10 };
	parley_rule_spec rule = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, w, 14);
	parley_passable_result r;

	(void)state;
	/* quota 14: reached at 16 with member 2, bound its mirror 83 */
	r = passable(x, 5, 12.5, 0, 100, &rule);
	check_iv(&r.passable, 0, 12.5, 83, 1, 1, 0, "quota 14");
	assert_int_equal(r.pivot_above, 2);
	/* quota 16 exactly: still member 2 (>= quota) */
	rule.quota = 16;
	r = passable(x, 5, 12.5, 0, 100, &rule);
	check_iv(&r.passable, 0, 12.5, 83, 1, 1, 0, "quota 16");
	assert_int_equal(r.pivot_above, 2);
	/* quota 17: one more vote, member 3 (mirror 54.5) */
	rule.quota = 17;
	r = passable(x, 5, 12.5, 0, 100, &rule);
	check_iv(&r.passable, 0, 12.5, 54.5, 1, 1, 0, "quota 17");
	assert_int_equal(r.pivot_above, 3);
	/* quota 5: member 0 alone; its mirror 150 lies beyond the scale, so
	 * the set is (12.5, 100] and there is no pivot */
	rule.quota = 5;
	r = passable(x, 5, 12.5, 0, 100, &rule);
	check_iv(&r.passable, 0, 12.5, 100, 1, 0, 0, "quota 5, clipped");
	assert_int_equal(r.pivot_above, -1);
	/* a mirror exactly on the scale's end stays open (as the vector
	 * ideals[30]_q60): quota 9 on [0, 112.5] -> (12.5, 112.5) */
	rule.quota = 9;
	r = passable(x, 5, 12.5, 0, 112.5, &rule);
	check_iv(&r.passable, 0, 12.5, 112.5, 1, 1, 0, "mirror on the end");
	assert_int_equal(r.pivot_above, 1);
	/* only ratios matter: weights and quota times 2^1020 (the plain sum
	 * of the weights, 20 * 2^1020, would overflow) give the same set as
	 * quota 14: member 2, bound 83 */
	{
		double big[5];
		size_t i;
		parley_rule_spec rb = rule;

		for (i = 0; i < 5; i++)
			big[i] = ldexp(w[i], 1020);
		assert_true(isinf(big[0] + big[1] + big[2] + big[3] + big[4]));
		rb.weight = big;
		rb.quota = ldexp(14, 1020);
		r = passable(x, 5, 12.5, 0, 100, &rb);
		check_iv(&r.passable, 0, 12.5, 83, 1, 1, 0, "weights * 2^1020");
		assert_int_equal(r.pivot_above, 2);
	}
	rule.quota = 14;
	/* blocking: member 2 (7) moves below q -> 13 < 14 above */
	x[2] = 3.75;
	r = passable(x, 5, 12.5, 0, 100, &rule);
	assert_true(r.passable.empty);
	x[2] = 47.75;
	/* population 62%: members 0..2 hold 30% -> the coalition must grow to
	 * member 3 (90%): bound 54.5; min_members 5 -> member 4: 28 */
	rule.population = pop;
	rule.population_quota = 0.62;
	r = passable(x, 5, 12.5, 0, 100, &rule);
	check_iv(&r.passable, 0, 12.5, 54.5, 1, 1, 0, "population 62%");
	assert_int_equal(r.pivot_above, 3);
	rule.min_members = 5;
	r = passable(x, 5, 12.5, 0, 100, &rule);
	check_iv(&r.passable, 0, 12.5, 28, 1, 1, 0, "five members");
	assert_int_equal(r.pivot_above, 4);
	/* weight met (20 >= 14), population met, but a sixth member at q
	 * makes min_members 6 unreachable by movers: empty */
	{
		double x6[6] = { 81.25, 62.5, 47.75, 33.5, 20.25, 12.5 };
		double w6[6] = { 5, 4, 7, 1, 3, 0 }, p6[6] = { 10, 10, 10, 60, 10, 0 };
		parley_rule_spec r6 = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, w6, 14);

		r6.population = p6;
		r6.population_quota = 0.62;
		r6.min_members = 6;
		r = passable(x6, 6, 12.5, 0, 100, &r6);
		assert_true(r.passable.empty);
		r6.min_members = 5;  /* the zero-weight member at q is not needed */
		r = passable(x6, 6, 12.5, 0, 100, &r6);
		check_iv(&r.passable, 0, 12.5, 28, 1, 1, 0, "zero-weight member at q");
	}
}

/* A low quota lets both sides pass: split. q = 50; members 20 (w 3) and
 * 35.5 (w 2) below, 70.25 (w 4) above; quota 3. Below, the farthest
 * mirror is member 0's, 2 * 20 - 50 = -10 < 0, and member 0 alone reaches
 * 3: [0, 50) (clipped, closed). Above, member 2 alone (mirror 90.5):
 * (50, 90.5). */
static void test_institutions_rules__split(void **state)
{
	double x[3] = { 20, 35.5, 70.25 }, w[3] = { 3, 2, 4 };
	parley_rule_spec rule = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, w, 3);
	parley_passable_result r;

	(void)state;
	r = passable(x, 3, 50, 0, 100, &rule);
	assert_int_equal(r.split, 1);
	check_iv(&r.below, 0, 0, 50, 0, 1, 0, "below, clipped");
	check_iv(&r.above, 0, 50, 90.5, 1, 1, 0, "above");
	check_iv(&r.passable, 0, 0, 90.5, 0, 1, 0, "hull");
	assert_int_equal(r.pivot_below, -1);
	assert_int_equal(r.pivot_above, 2);
	/* quota 5: below needs both (3 + 2): bound 2 * 35.5 - 50 = 21;
	 * above 4 < 5: empty, no split */
	rule.quota = 5;
	r = passable(x, 3, 50, 0, 100, &rule);
	assert_int_equal(r.split, 0);
	check_iv(&r.passable, 0, 21, 50, 1, 1, 0, "below only");
	assert_same_iv(&r.passable, &r.below);
	assert_int_equal(r.pivot_below, 1);
}

/* Unanimity with one holdout; a member at q; bilateral. */
static void test_institutions_rules__unanimity_bilateral(void **state)
{
	double x[4] = { 40, 55, 70, 15 }, xb[2] = { 62.25, 35.5 };
	parley_rule_spec rule = rule_of(PARLEY_RULE_UNANIMITY, NULL, 0);
	parley_passable_result r;
	parley_winset_result w;

	(void)state;
	/* a mirror exactly on the scale's upper end stays open (the closed
	 * form's "closed iff 2m - q > hi"): ideals 62.5, 80, q = 25 ->
	 * 2 * 62.5 - 25 = 100 = hi: (25, 100), pivot member 0 */
	{
		double xe[2] = { 80, 62.5 };

		assert_int_equal(parley_winset_unanimity(&w, xe, 2, 25, 0, 100), 0);
		check_iv(&w.winset, 0, 25, 100, 1, 1, 0, "mirror on hi");
		r = passable(xe, 2, 25, 0, 100, &rule);
		assert_same_iv(&r.passable, &w.winset);
		assert_int_equal(r.pivot_above, 1);
		/* and a hair further: 2 * 62.5 - 24.75 = 100.25 > hi: (24.75, 100] */
		assert_int_equal(parley_winset_unanimity(&w, xe, 2, 24.75, 0, 100), 0);
		check_iv(&w.winset, 0, 24.75, 100, 1, 0, 0, "clipped at hi");
		r = passable(xe, 2, 24.75, 0, 100, &rule);
		assert_same_iv(&r.passable, &w.winset);
		assert_int_equal(r.pivot_above, -1);
	}
	/* without the holdout: (20, 60), pivot member 0 (x = 40) */
	r = passable(x, 3, 20, 0, 100, &rule);
	check_iv(&r.passable, 0, 20, 60, 1, 1, 0, "three veto players");
	assert_int_equal(r.pivot_above, 0);
	/* member 3 at 15 < q = 20 blocks every move up; nobody else moves down */
	r = passable(x, 4, 20, 0, 100, &rule);
	assert_true(r.passable.empty && r.above.empty && r.below.empty);
	assert_int_equal(r.pivot_above, -1);
	assert_int_equal(r.pivot_below, -1);
	assert_int_equal(parley_winset_unanimity(&w, x, 4, 20, 0, 100), 0);
	assert_true(w.winset.empty && w.q_in_core);
	/* a holdout exactly at q blocks both sides */
	x[3] = 20;
	r = passable(x, 4, 20, 0, 100, &rule);
	assert_true(r.passable.empty);
	/* weights are irrelevant for unanimity (zero weight still vetoes) */
	{
		double w0[4] = { 1, 1, 1, 0 };

		x[3] = 15;
		rule.weight = w0;
		r = passable(x, 4, 20, 0, 100, &rule);
		assert_true(r.passable.empty);
		rule.weight = NULL;
	}

	/* bilateral, q = 20: both above, min x = 35.5 -> (20, 51), pivot 1 */
	rule.rule = PARLEY_RULE_BILATERAL;
	r = passable(xb, 2, 20, 0, 100, &rule);
	check_iv(&r.passable, 0, 20, 51, 1, 1, 0, "bilateral");
	assert_int_equal(r.pivot_above, 1);
	/* q = 50 between them: no change */
	r = passable(xb, 2, 50, 0, 100, &rule);
	assert_true(r.passable.empty);
	/* q = 90: max x = 62.25 -> (34.5, 90), pivot 0 */
	r = passable(xb, 2, 90, 0, 100, &rule);
	check_iv(&r.passable, 0, 34.5, 90, 1, 1, 0, "bilateral from above");
	assert_int_equal(r.pivot_below, 0);
}

/* Simple majority: exactly half does not pass, just above does. */
static void test_institutions_rules__simple_majority(void **state)
{
	/* q = 20; members 30 and 40 above (weights 2 + 2 = 4 = half of 8),
	 * member at 5 below (4 = half): nothing passes */
	double x[3] = { 30, 40, 5 }, w[3] = { 2, 2, 4 };
	parley_rule_spec rule = rule_of(PARLEY_RULE_SIMPLE_MAJORITY, w, 0);
	parley_passable_result r;

	(void)state;
	r = passable(x, 3, 20, 0, 100, &rule);
	assert_true(r.passable.empty);
	/* weight 2.5 on member 1: 4.5 > 8.5 / 2 = 4.25; member 1 alone (2.5)
	 * does not, so the bound is member 0's mirror 2 * 30 - 20 = 40 */
	w[1] = 2.5;
	r = passable(x, 3, 20, 0, 100, &rule);
	check_iv(&r.passable, 0, 20, 40, 1, 1, 0, "4.5 of 8.5");
	assert_int_equal(r.pivot_above, 0);
	/* one vote each (weight NULL): 2 of 3 above pass */
	rule.weight = NULL;
	r = passable(x, 3, 20, 0, 100, &rule);
	check_iv(&r.passable, 0, 20, 40, 1, 1, 0, "2 of 3");
	/* 2 of 4 is exactly half: no */
	{
		double x4[4] = { 30, 40, 5, 10.5 };

		r = passable(x4, 4, 20, 0, 100, &rule);
		assert_true(r.passable.empty);
	}
	/* equal mirrors join together: three members at 30 against two */
	{
		double x5[5] = { 30, 30, 5, 30, 10 };

		r = passable(x5, 5, 20, 0, 100, &rule);
		check_iv(&r.passable, 0, 20, 40, 1, 1, 0, "tied mirrors");
		assert_int_equal(r.pivot_above, 0); /* smallest index among the tie */
	}
	/* weighted tie: members 0 (w 3) and 1 (w 1) both at 30 join together
	 * (4 > 7.5 / 2); neither alone would do, and the pivot is the smaller
	 * index of the tied pair whichever of them completes the sum */
	{
		double x3[3] = { 30, 30, 5 }, w3[3] = { 3, 1, 3.5 };

		rule.weight = w3;
		r = passable(x3, 3, 20, 0, 100, &rule);
		check_iv(&r.passable, 0, 20, 40, 1, 1, 0, "weighted tie");
		assert_int_equal(r.pivot_above, 0);
		rule.weight = NULL;
	}
}

/*
 * A "Senate" of 100: bloc A (50, ideal 30, spread 6.5) and bloc B (50,
 * ideal 72.5, spread 8) on [0, 100], q = 10, one vote each, quota 67. All
 * prefer some move up; B lies wholly above A (the extreme quantile is
 * Phi^-1(0.99) = 2.326, so A <= 45.2 < 53.9 <= B). The 67th member from
 * the top is A's 17th from the top, i.e. x[33] in ascending order: the
 * set is (10, 2 x[33] - 10). Between the mirrors of x[33] and x[34] only
 * 66 senators prefer the move; between those of x[32] and x[33], 67.
 */
static void test_institutions_rules__senate(void **state)
{
	double x[100], m32, m33, m34, y;
	parley_rule_spec rule = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, NULL, 67);
	parley_passable_result r;
	size_t i;

	(void)state;
	assert_int_equal(parley_bloc_ideals(x, 50, 30, 6.5, 0, 100), 0);
	assert_int_equal(parley_bloc_ideals(x + 50, 50, 72.5, 8, 0, 100), 0);
	for (i = 1; i < 100; i++)
		assert_true(x[i - 1] < x[i]); /* ascending, A below B */
	m32 = 2 * x[32] - 10;
	m33 = 2 * x[33] - 10;
	m34 = 2 * x[34] - 10;
	r = passable(x, 100, 10, 0, 100, &rule);
	check_iv(&r.passable, 0, 10, m33, 1, 1, 0, "senate");
	assert_int_equal(r.pivot_above, 33);

	y = (m33 + m34) / 2;     /* 66 prefer y: not passable */
	assert_int_equal(supporters(x, 100, 10, y), 66);
	assert_false(parley_interval_contains(&r.passable, y));
	assert_false(parley_interval_contains(&r.passable, m33));
	y = (m32 + m33) / 2;     /* 67 prefer y: passable */
	assert_int_equal(supporters(x, 100, 10, y), 67);
	assert_true(parley_interval_contains(&r.passable, y));
	/* quota 66 moves the bound one senator out */
	rule.quota = 66;
	r = passable(x, 100, 10, 0, 100, &rule);
	check_iv(&r.passable, 0, 10, m34, 1, 1, 0, "senate, 66");
	assert_int_equal(r.pivot_above, 34);
}

/* ------------------------------------------------------------------ */
/* properties                                                           */
/* ------------------------------------------------------------------ */

/* A random rule over n members (weights, populations as multiples of 0.25). */
typedef struct {
	size_t n;
	double x[12], w[12], pop[12], q;
	parley_rule_spec rule;
} rcase;

static void random_case(rcase *c, uint64_t *st, int kind)
{
	size_t i;
	double tw = 0;

	c->n = 1 + (size_t)(lcg_unit(st) * 11.0);
	for (i = 0; i < c->n; i++) {
		/* dyadic grid with repeats: 2 x - q and |y - x| are exact */
		c->x[i] = floor(lcg_unit(st) * 41.0) * 2.5;
		c->w[i] = floor(lcg_unit(st) * 9.0) * 0.25;
		c->pop[i] = floor(lcg_unit(st) * 33.0) * 0.5;
		tw += c->w[i];
	}
	c->w[0] += 0.75;  /* positive total weight */
	tw += 0.75;
	c->pop[0] += 1;   /* positive total population */
	c->q = lcg_unit(st) < 0.2 ? c->x[0] : floor(lcg_unit(st) * 401.0) * 0.25;
	memset(&c->rule, 0, sizeof(c->rule));
	switch (kind % 4) {
	case 0:
		c->rule.rule = PARLEY_RULE_UNANIMITY;
		break;
	case 1:
		c->rule.rule = PARLEY_RULE_SIMPLE_MAJORITY;
		c->rule.weight = c->w;
		break;
	case 2:
		c->rule.rule = PARLEY_RULE_QUALIFIED_MAJORITY;
		c->rule.weight = c->w;
		c->rule.quota = floor(lcg_unit(st) * tw * 4.0) * 0.25 + 0.25;
		if (c->rule.quota > tw)
			c->rule.quota = tw;
		break;
	default:
		c->rule.rule = PARLEY_RULE_QUALIFIED_MAJORITY;
		c->rule.weight = lcg_unit(st) < 0.5 ? c->w : NULL;
		c->rule.quota = c->rule.weight ? tw * 0.5 : (double)c->n * 0.5;
		c->rule.population = c->pop;
		c->rule.population_quota = floor(lcg_unit(st) * 9.0) / 8.0;
		c->rule.min_members = (size_t)(lcg_unit(st) * (double)(c->n + 1));
		break;
	}
}

/* Every critical point (q, mirrors, the scale's ends) and every midpoint
 * between them: the passable set contains y iff the oracle says y beats q. */
static void test_institutions_props__definition(void **state)
{
	uint64_t st = 20240131;
	size_t t;

	(void)state;
	for (t = 0; t < 4000; t++) {
		rcase c;
		parley_passable_result r;
		double pts[32];
		size_t np = 0, i, j;

		random_case(&c, &st, (int)t);
		r = passable(c.x, c.n, c.q, 0, 100, &c.rule);
		pts[np++] = 0;
		pts[np++] = 100;
		pts[np++] = c.q;
		for (i = 0; i < c.n; i++) {
			double m = 2 * c.x[i] - c.q;

			if (m > 0 && m < 100)
				pts[np++] = m;
		}
		/* sort the critical points (insertion sort) */
		for (i = 1; i < np; i++)
			for (j = i; j > 0 && pts[j - 1] > pts[j]; j--) {
				double tmp = pts[j];
				pts[j] = pts[j - 1];
				pts[j - 1] = tmp;
			}
		for (i = 0; i < np; i++) {
			double ys[2];
			size_t k;

			ys[0] = pts[i];
			ys[1] = i + 1 < np ? (pts[i] + pts[i + 1]) / 2 : pts[i];
			for (k = 0; k < 2; k++) {
				int want = ys[k] != c.q && beats_q(c.x, c.n, c.q, ys[k], &c.rule);
				int got = parley_interval_contains(&r.below, ys[k]) ||
					parley_interval_contains(&r.above, ys[k]);

				if (got != want)
					fail_msg("case %zu (rule %d, n %zu, q %g): y = %g got %d want %d",
						t, (int)c.rule.rule, c.n, c.q, ys[k], got, want);
				if (!r.split)
					assert_int_equal(parley_interval_contains(&r.passable, ys[k]), got);
			}
		}
		/* pivots: the bound is the pivot's mirror */
		if (r.pivot_above >= 0)
			assert_true(2 * c.x[r.pivot_above] - c.q == r.above.hi);
		if (r.pivot_below >= 0)
			assert_true(2 * c.x[r.pivot_below] - c.q == r.below.lo);
		/* unanimity agrees with the closed form exactly */
		if (c.rule.rule == PARLEY_RULE_UNANIMITY) {
			parley_winset_result w;

			assert_int_equal(parley_winset_unanimity(&w, c.x, c.n, c.q, 0, 100), 0);
			assert_same_iv(&r.passable, &w.winset);
		}
	}
}

/* Permuting members permutes nothing but the pivots' indices; reflecting
 * the scale (x -> 100 - x) reflects the sets, swapping ends and openness. */
static void test_institutions_props__permutation_reflection(void **state)
{
	uint64_t st = 77;
	size_t t;

	(void)state;
	for (t = 0; t < 2000; t++) {
		rcase c, p, f;
		parley_passable_result r, rp, rf;
		size_t i, shift;

		random_case(&c, &st, (int)t);
		r = passable(c.x, c.n, c.q, 0, 100, &c.rule);

		/* permutation: rotate by `shift` and reverse */
		p = c;
		shift = (size_t)(lcg_unit(&st) * (double)c.n);
		for (i = 0; i < c.n; i++) {
			size_t s = (c.n - 1 - i + shift) % c.n;

			p.x[i] = c.x[s];
			p.w[i] = c.w[s];
			p.pop[i] = c.pop[s];
		}
		p.rule.weight = c.rule.weight ? p.w : NULL;
		p.rule.population = c.rule.population ? p.pop : NULL;
		rp = passable(p.x, p.n, p.q, 0, 100, &p.rule);
		assert_same_iv(&rp.passable, &r.passable);
		assert_same_iv(&rp.below, &r.below);
		assert_same_iv(&rp.above, &r.above);
		assert_int_equal(rp.split, r.split);
		assert_int_equal(rp.pivot_above < 0, r.pivot_above < 0);
		assert_int_equal(rp.pivot_below < 0, r.pivot_below < 0);
		if (r.pivot_above >= 0)
			assert_true(p.x[rp.pivot_above] == c.x[r.pivot_above]);
		if (r.pivot_below >= 0)
			assert_true(p.x[rp.pivot_below] == c.x[r.pivot_below]);

		/* reflection (exact on this grid) */
		f = c;
		for (i = 0; i < c.n; i++)
			f.x[i] = 100 - c.x[i];
		f.q = 100 - c.q;
		f.rule.weight = c.rule.weight ? f.w : NULL;
		f.rule.population = c.rule.population ? f.pop : NULL;
		rf = passable(f.x, f.n, f.q, 0, 100, &f.rule);
		assert_int_equal(rf.below.empty, r.above.empty);
		assert_int_equal(rf.above.empty, r.below.empty);
		if (!r.above.empty)
			check_iv(&rf.below, 0, 100 - r.above.hi, 100 - r.above.lo,
				r.above.hi_open, r.above.lo_open, 0, "reflected above");
		if (!r.below.empty)
			check_iv(&rf.above, 0, 100 - r.below.hi, 100 - r.below.lo,
				r.below.hi_open, r.below.lo_open, 0, "reflected below");
		if (!r.passable.empty)
			check_iv(&rf.passable, 0, 100 - r.passable.hi, 100 - r.passable.lo,
				r.passable.hi_open, r.passable.lo_open, 0, "reflected");
		else
			assert_true(rf.passable.empty);
		assert_int_equal(rf.pivot_below < 0, r.pivot_above < 0);
		if (r.pivot_above >= 0)
			assert_true(f.x[rf.pivot_below] == 100 - c.x[r.pivot_above]);
	}
}

/* ------------------------------------------------------------------ */
/* blocs and the inverse normal distribution                            */
/* ------------------------------------------------------------------ */

/* Golden values: mpmath 1.3, sqrt(2) * erfinv(2 p - 1) at 40 digits,
 * rounded to the nearest double; AS 241 is good to about 1e-16 relative. */
static void test_institutions_normal__quantile(void **state)
{
	static const struct { double p, z; } gold[] = {
		{ 0.5, 0.0 },
		{ 0.975, 1.959963984540054 },
		{ 0.001, -3.090232306167813 },
		{ 0.1, -1.2815515655446004 },
		{ 0.3, -0.52440051270804082 },
		{ 0.7, 0.52440051270804066 },
		{ 0.02425, -1.9729610513118848 },
		{ 0.01, -2.3263478740408411 },
		{ 1e-10, -6.3613409024040562 },  /* r > 5 branch */
		{ 1e-13, -7.3487961028006775175 },  /* r in (5, 6]: still PPND16's middle branch */
		{ 1e-20, -9.2623400897984076 },
		{ 1e-300, -37.047096299361199237 },  /* mpmath: root of log Phi(z) = log p */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(gold) / sizeof(gold[0]); i++) {
		double z = parley_normal_quantile(gold[i].p);
		char what[64];

		snprintf(what, sizeof(what), "Phi^-1(%g)", gold[i].p);
		tu_assert_close(z, gold[i].z, 4e-16 * fmax(1.0, fabs(gold[i].z)), what);
	}
	assert_true(parley_normal_quantile(0.5) == 0.0);
	/* symmetry where 1 - p is exact */
	assert_true(parley_normal_quantile(0.25) == -parley_normal_quantile(0.75));
	assert_true(parley_normal_quantile(0.0) == -HUGE_VAL);
	assert_true(parley_normal_quantile(1.0) == HUGE_VAL);
	assert_true(isnan(parley_normal_quantile(-0.1)));
	assert_true(isnan(parley_normal_quantile(1.5)));
	assert_true(isnan(parley_normal_quantile(NAN)));
}

/* Bloc of 5 around 50, spread 10: 50 + 10 Phi^-1(0.1, 0.3, 0.5, 0.7, 0.9)
 * (values above); exact symmetry; clipping; a single member sits at its
 * ideal point. */
static void test_institutions_normal__bloc_ideals(void **state)
{
	double out[7], sym[40];
	size_t k;

	(void)state;
	assert_int_equal(parley_bloc_ideals(out, 5, 50, 10, 0, 100), 0);
	tu_assert_close(out[0], 50 - 12.815515655446004, 1e-13, "k = 1");
	tu_assert_close(out[1], 50 - 5.2440051270804082, 1e-13, "k = 2");
	assert_true(out[2] == 50);
	tu_assert_close(out[3], 50 + 5.2440051270804082, 1e-13, "k = 4");
	tu_assert_close(out[4], 50 + 12.815515655446004, 1e-13, "k = 5");
	/* ideal 0 on a symmetric scale: exactly symmetric */
	assert_int_equal(parley_bloc_ideals(sym, 40, 0, 3.25, -100, 100), 0);
	for (k = 0; k < 40; k++)
		assert_true(sym[k] == -sym[39 - k]);
	for (k = 1; k < 40; k++)
		assert_true(sym[k - 1] < sym[k]);
	/* clipping: spread 40 around 95 on [0, 100] */
	assert_int_equal(parley_bloc_ideals(out, 7, 95, 40, 0, 100), 0);
	assert_true(out[6] == 100 && out[5] == 100 && out[4] == 100);
	assert_true(out[3] == 95);
	assert_true(out[0] >= 0 && out[0] < out[1]);
	/* one member; zero spread */
	assert_int_equal(parley_bloc_ideals(out, 1, 37.5, 9, 0, 100), 0);
	assert_true(out[0] == 37.5);
	assert_int_equal(parley_bloc_ideals(out, 3, 12.5, 0, 0, 100), 0);
	assert_true(out[0] == 12.5 && out[1] == 12.5 && out[2] == 12.5);
}

/* ------------------------------------------------------------------ */
/* errors                                                               */
/* ------------------------------------------------------------------ */

static void test_institutions_errors__invalid_input(void **state)
{
	double x[3] = { 40, 55, 70 }, bad[3], w[3] = { 1, 2, 3 }, pop[3] = { 1, 1, 1 };
	double out[4] = { -1, -1, -1, -1 };
	size_t order[3];
	parley_rule_spec rule = rule_of(PARLEY_RULE_UNANIMITY, NULL, 0);
	parley_passable_result r;
	parley_winset_result ws;
	parley_interval acc;
	double rlo[2] = { 10, 50 }, rhi[2] = { 40, 80 };

	(void)state;
	memset(&r, 0x5a, sizeof(r));
#define EXPECT(call, code) do { parley_error_clear(); assert_error((call), (code)); } while (0)
#define EXPECT_EINVAL(call) EXPECT(call, PARLEY_EINVAL)
	/* win-set */
	memcpy(bad, x, sizeof(bad)); bad[1] = NAN;
	EXPECT_EINVAL(parley_winset_unanimity(&ws, bad, 3, 20, 0, 100));
	EXPECT_EINVAL(parley_winset_unanimity(&ws, x, 0, 20, 0, 100));      /* n == 0 */
	EXPECT_EINVAL(parley_winset_unanimity(&ws, x, 3, 101, 0, 100));     /* q off */
	EXPECT_EINVAL(parley_winset_unanimity(&ws, x, 3, NAN, 0, 100));
	EXPECT_EINVAL(parley_winset_unanimity(&ws, x, 3, 20, 0, 60));       /* x off */
	EXPECT_EINVAL(parley_winset_unanimity(&ws, x, 3, 20, 100, 0));      /* lo > hi */
	EXPECT_EINVAL(parley_winset_unanimity(&ws, x, 3, 20, 0, INFINITY));
	EXPECT_EINVAL(parley_winset_unanimity(NULL, x, 3, 20, 0, 100));
	EXPECT_EINVAL(parley_winset_unanimity(&ws, NULL, 3, 20, 0, 100));

	/* passable */
	EXPECT_EINVAL(parley_passable(&r, bad, 3, 20, 0, 100, &rule, order));
	EXPECT_EINVAL(parley_passable(&r, x, 0, 20, 0, 100, &rule, order));
	EXPECT_EINVAL(parley_passable(&r, x, 3, -0.5, 0, 100, &rule, order));
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, NULL, order));
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, NULL));
	rule.rule = PARLEY_RULE_BILATERAL;                                  /* n = 3 */
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule.rule = (parley_rule)42;
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule = rule_of(PARLEY_RULE_QUALIFIED_MAJORITY, w, 6.5);              /* total 6 */
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	assert_non_null(strstr(parley_error_last()->message, "above the total weight"));
	rule.quota = 0;
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule.quota = -1;
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule.quota = NAN;
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule.quota = 4;
	memcpy(bad, w, sizeof(bad)); bad[2] = -1;                           /* weight < 0 */
	rule.weight = bad;
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	bad[2] = NAN;
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule.weight = w;
	rule.population = pop;
	rule.population_quota = 1.5;
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule.population_quota = 0.62;
	rule.min_members = 4;                                               /* > n */
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule.min_members = 0;
	memset(pop, 0, sizeof(pop));                                        /* no population */
	EXPECT_EINVAL(parley_passable(&r, x, 3, 20, 0, 100, &rule, order));
	rule = rule_of(PARLEY_RULE_SIMPLE_MAJORITY, pop, 0);                /* all weights 0 */
	EXPECT(parley_passable(&r, x, 3, 20, 0, 100, &rule, order), PARLEY_EZEROWEIGHT);
	/* output untouched on failure */
	{
		parley_passable_result ref;

		memset(&ref, 0x5a, sizeof(ref));
		assert_memory_equal(&r, &ref, sizeof(r));
	}

	/* red lines */
	rlo[1] = 90;                                                        /* lo > hi */
	EXPECT_EINVAL(parley_red_lines(&acc, rlo, rhi, NULL, 2, 0, 100, NULL, 0, NULL));
	rlo[1] = NAN;
	EXPECT_EINVAL(parley_red_lines(&acc, rlo, rhi, NULL, 2, 0, 100, NULL, 0, NULL));
	rlo[1] = 50;
	EXPECT_EINVAL(parley_red_lines(&acc, NULL, rhi, NULL, 2, 0, 100, NULL, 0, NULL));
	EXPECT_EINVAL(parley_red_lines(&acc, rlo, rhi, NULL, 2, 50, 50, NULL, 0, NULL));
	EXPECT_EINVAL(parley_red_lines(NULL, rlo, rhi, NULL, 2, 0, 100, NULL, 0, NULL));

	/* blocs */
	EXPECT_EINVAL(parley_bloc_ideals(out, 0, 50, 5, 0, 100));            /* size 0 */
	EXPECT_EINVAL(parley_bloc_ideals(out, 4, 50, -0.5, 0, 100));         /* spread < 0 */
	EXPECT_EINVAL(parley_bloc_ideals(out, 4, 50, NAN, 0, 100));
	EXPECT_EINVAL(parley_bloc_ideals(out, 4, 50, INFINITY, 0, 100));
	EXPECT_EINVAL(parley_bloc_ideals(out, 4, 120, 5, 0, 100));           /* ideal off */
	EXPECT_EINVAL(parley_bloc_ideals(out, 4, NAN, 5, 0, 100));
	EXPECT_EINVAL(parley_bloc_ideals(NULL, 4, 50, 5, 0, 100));
	assert_true(out[0] == -1 && out[3] == -1);
#undef EXPECT_EINVAL
#undef EXPECT
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_institutions_interval__contains),
		cmocka_unit_test(test_institutions_interval__intersect),
		cmocka_unit_test(test_institutions_vectors__veto_winset),
		cmocka_unit_test(test_institutions_redlines__conflicts),
		cmocka_unit_test(test_institutions_eu27__qmv_just_reaches),
		cmocka_unit_test(test_institutions_eu27__qmv_one_vote_short),
		cmocka_unit_test(test_institutions_eu27__blocking_minority),
		cmocka_unit_test(test_institutions_eu27__double_majority),
		cmocka_unit_test(test_institutions_rules__qmv_synthetic),
		cmocka_unit_test(test_institutions_rules__split),
		cmocka_unit_test(test_institutions_rules__unanimity_bilateral),
		cmocka_unit_test(test_institutions_rules__simple_majority),
		cmocka_unit_test(test_institutions_rules__senate),
		cmocka_unit_test(test_institutions_props__definition),
		cmocka_unit_test(test_institutions_props__permutation_reflection),
		cmocka_unit_test(test_institutions_normal__quantile),
		cmocka_unit_test(test_institutions_normal__bloc_ideals),
		cmocka_unit_test(test_institutions_errors__invalid_input),
	};

	return tu_run_tests(tests, argc, argv);
}
