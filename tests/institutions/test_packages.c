/*
 * test_packages.c - parley/packages.h and the scenario's `packages:`
 * section: package utilities, package feasibility in a venue, the
 * representative package, ratification, the linkage effect, combinations
 * of issues, the reader's errors, allocation failure, and the flagship.
 *
 * Where the expected values come from:
 *  - test_packages_utility__*: the formula of the header, by hand;
 *  - test_packages_hand__*: the scenarios of tests/data/packages/, whose
 *    comments work out each verdict, package and gain by hand (opens.yaml:
 *    linkage opens a deal; closes.yaml: linkage closes one;
 *    ratification.yaml: blocked only by the ratification threshold;
 *    majority.yaml: majority against consensus);
 *  - test_packages_reader__*: docs/packages.md (the syntax and its errors),
 *    with positions counted in the inline scenarios;
 *  - test_packages_alloc__*: common.h's allocator contract (every
 *    allocation fails cleanly, nothing leaks);
 *  - test_packages_flagship__*: the finding written in docs/packages.md,
 *    recomputed on examples/security-guarantees-2022.yaml.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley/packages.h"
#include "parley/exchange.h"
#include "parley/scenario.h"

/* The search stops at steps below 1e-7 of each scale: positions within a
 * few of those steps (a flat Nash optimum is located less sharply than its
 * value), gains to second order. */
#define POS_TOL 1e-3
#define GAIN_TOL 1e-8

static void assert_error(int rc, int want)
{
	const parley_error *e = parley_error_last();

	assert_int_equal(rc, want);
	assert_int_equal(e->code, want);
	assert_true(e->message[0] != '\0');
}

static parley_scenario *load(const char *file)
{
	char path[512];
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;

	snprintf(path, sizeof(path), "%s/data/packages/%s", PARLEY_TEST_DIR, file);
	if (parley_scenario_load_file(&s, path, NULL, &diags) < 0)
		fail_msg("cannot load %s: %s (%zu diagnostics)", path, parley_error_last()->message, diags.count);
	parley_diag_list_dispose(&diags);
	return s;
}

/* Load `data` into a scenario, expecting it to parse. */
static parley_scenario *load_text(const char *data)
{
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;

	if (parley_scenario_load_buffer(&s, data, strlen(data), "inline.yaml", NULL, &diags) < 0) {
		size_t i;
		for (i = 0; i < diags.count; i++)
			print_error("%u:%u: %s\n", diags.items[i].line, diags.items[i].column, diags.items[i].message);
		fail_msg("inline scenario does not load");
	}
	parley_diag_list_dispose(&diags);
	return s;
}

static parley_package_result *analyse(const parley_scenario *s, const parley_package_options *o)
{
	parley_package_result *r = NULL;

	assert_int_equal(parley_packages_analyse(&r, s, o), 0);
	assert_non_null(r);
	return r;
}

/* ------------------------------------------------------------------ */
/* utility                                                              */
/* ------------------------------------------------------------------ */

/*
 * y = (40, 7), x = (60, 5), s = (.5, 1), scales [0, 100] and [0, 10]:
 * linear: -(.5 * 20/100 + 1 * 2/10) = -.3; quadratic: -(.5 * .04 + .04) = -.06.
 */
static void test_packages_utility__hand(void **state)
{
	const double y[2] = { 40, 7 }, x[2] = { 60, 5 }, s[2] = { .5, 1 }, lo[2] = { 0, 0 }, hi[2] = { 100, 10 };
	double u;

	(void)state;
	assert_int_equal(parley_package_utility(&u, y, x, s, lo, hi, 2, 1), 0);
	tu_assert_close(u, -.3, 1e-15, "linear");
	assert_int_equal(parley_package_utility(&u, y, x, s, lo, hi, 2, 2), 0);
	tu_assert_close(u, -.06, 1e-15, "quadratic");
	assert_error(parley_package_utility(&u, y, x, s, lo, hi, 2, 3), PARLEY_EINVAL);
	assert_error(parley_package_utility(&u, y, x, s, lo, hi, 0, 1), PARLEY_EINVAL);
	assert_error(parley_package_utility(&u, y, x, s, hi, lo, 2, 1), PARLEY_EINVAL);
	assert_error(parley_package_utility(NULL, y, x, s, lo, hi, 2, 1), PARLEY_EINVAL);
	{
		const double sn[2] = { -1, 1 };
		assert_error(parley_package_utility(&u, y, x, sn, lo, hi, 2, 1), PARLEY_EINVAL);
	}
}

/* ------------------------------------------------------------------ */
/* hand-made two-issue cases                                            */
/* ------------------------------------------------------------------ */

/* opens.yaml: linkage opens a deal; (90, 90) quadratic, (100, 100) linear. */
static void test_packages_hand__opens(void **state)
{
	parley_scenario *s = load("opens.yaml");
	parley_package_options o = PARLEY_PACKAGE_OPTIONS_INIT;
	parley_package_result *r;
	const parley_package_analysis *pa;
	const parley_package_venue *pv;

	(void)state;
	r = analyse(s, NULL);
	assert_int_equal(parley_package_result_count(r), 1);
	pa = parley_package_result_at(r, 0);
	assert_null(parley_package_result_at(r, 1));
	assert_string_equal(pa->id, "deal");
	assert_string_equal(pa->name, "a for b");
	assert_int_equal(pa->issue_count, 2);
	assert_int_equal(pa->issues[0], 0);
	assert_int_equal(pa->venue_count, 1);
	assert_int_equal(pa->best, 0);
	pv = &pa->venues[0];
	assert_int_equal(pv->venue, 0);
	assert_int_equal(pv->feasible, 1);
	assert_int_equal(pv->feasible_venue, 1);
	assert_non_null(pv->package);
	tu_assert_close(pv->package[0], 90, POS_TOL, "a");
	tu_assert_close(pv->package[1], 90, POS_TOL, "b");
	tu_assert_close(pv->gains[0], .16, GAIN_TOL, "gain X");
	tu_assert_close(pv->gains[1], .16, GAIN_TOL, "gain Y");
	tu_assert_close(pv->nash, 2 * log(.16), 1e-6, "log Nash product");
	/* distances: X at (100, 0): 10 + 90 */
	tu_assert_close(pv->distance[0], 100, 1e-2, "distance X");
	assert_int_equal(pv->member_count, 2);
	assert_int_equal(pv->alone[0], 0);
	assert_int_equal(pv->alone[1], 0);
	assert_int_equal(pv->moved[0], 1);
	assert_int_equal(pv->moved[1], 1);
	assert_int_equal(pv->linkage, PARLEY_LINKAGE_OPENS);
	assert_non_null(strstr(pv->linkage_effect, "opens an agreement on a and b"));
	assert_non_null(strstr(pv->reason, "beats the status quo for every member"));
	assert_int_equal(pv->body_count, 0);
	assert_int_equal(pv->blocker, -1);
	assert_int_equal(pv->blocking_body, -1);
	assert_true(pv->box[0].lo == 0 && pv->box[0].hi == 100 && !pv->box[0].empty);
	parley_package_result_free(r);

	/* linear losses: to the end of the scale, gains .9 * .5 - .1 * .5 = .4 */
	o.loss = 1;
	r = analyse(s, &o);
	pv = &parley_package_result_at(r, 0)->venues[0];
	assert_int_equal(pv->feasible, 1);
	tu_assert_close(pv->package[0], 100, POS_TOL, "a linear");
	tu_assert_close(pv->package[1], 100, POS_TOL, "b linear");
	tu_assert_close(pv->gains[0], .4, 1e-6, "gain X linear");
	parley_package_result_free(r);
	parley_scenario_free(s);
}

/* The same without venues: the implicit table (every actor, consensus). */
static void test_packages_hand__implicit_table(void **state)
{
	static const char text[] =
		"parley: 1\n"
		"title: t\n"
		"issues:\n"
		"  - {id: a, title: A, status_quo: 50}\n"
		"  - {id: b, title: B, status_quo: 50}\n"
		"actors:\n"
		"  - {id: x, name: X, capability: 1, positions: {a: {position: 100, salience: 90}, b: {position: 0, salience: 10}}}\n"
		"  - {id: y, name: Y, capability: 1, positions: {a: {position: 0, salience: 10}, b: {position: 100, salience: 90}}}\n"
		"packages:\n"
		"  - {id: deal, issues: [a, b]}\n";
	parley_scenario *s = load_text(text);
	parley_package_result *r = analyse(s, NULL);
	const parley_package_venue *pv = &parley_package_result_at(r, 0)->venues[0];

	(void)state;
	assert_int_equal(parley_package_result_at(r, 0)->venue_count, 1);
	assert_int_equal(pv->venue, -1);
	assert_int_equal(pv->feasible, 1);
	tu_assert_close(pv->package[0], 90, POS_TOL, "a");
	assert_non_null(strstr(pv->reason, "the whole table"));
	parley_package_result_free(r);
	parley_scenario_free(s);
}

/* closes.yaml: a agrees alone, the linked package cannot (X's red line on b). */
static void test_packages_hand__closes(void **state)
{
	parley_scenario *s = load("closes.yaml");
	parley_package_options o = PARLEY_PACKAGE_OPTIONS_INIT;
	parley_package_result *r;
	const parley_package_venue *pv;
	int loss;

	(void)state;
	for (loss = 1; loss <= 2; loss++) {
		o.loss = loss;
		r = analyse(s, &o);
		pv = &parley_package_result_at(r, 0)->venues[0];
		assert_int_equal(pv->feasible, 0);
		assert_int_equal(pv->feasible_venue, 0);
		assert_null(pv->package);
		assert_true(isnan(pv->nash));
		assert_true(isnan(pv->gains[0]) && isnan(pv->distance[1]));
		assert_int_equal(pv->mover, -1);
		/* the box: b inside X's red line [80, 100] */
		assert_true(pv->box[1].lo == 80 && pv->box[1].hi == 100);
		assert_int_equal(pv->alone[0], 1);
		assert_int_equal(pv->alone[1], 0);
		assert_int_equal(pv->moved[0], 0);
		assert_int_equal(pv->linkage, PARLEY_LINKAGE_CLOSES);
		assert_non_null(strstr(pv->linkage_effect, "closes the agreement that a could have"));
		assert_int_equal(pv->blocker, 1); /* Y */
		assert_non_null(strstr(pv->reason, "Y would lose"));
		parley_package_result_free(r);
	}
	/* without red lines a package exists: a up (both gain), and the surplus
	 * on a pays Y for a little of b toward X (the Nash package moves b from
	 * 50 to about 52): linkage now opens b */
	o.loss = 2;
	o.red_lines = 0;
	r = analyse(s, &o);
	pv = &parley_package_result_at(r, 0)->venues[0];
	assert_int_equal(pv->feasible, 1);
	assert_true(pv->box[1].lo == 0);
	assert_true(pv->package[0] > 80 && pv->package[1] > 50);
	assert_int_equal(pv->linkage, PARLEY_LINKAGE_OPENS);
	assert_int_equal(pv->moved[1], 1);
	parley_package_result_free(r);
	parley_scenario_free(s);
}

/* ratification.yaml: the table agrees on (90, 90); X's parliament does not. */
static void test_packages_hand__ratification(void **state)
{
	parley_scenario *s = load("ratification.yaml");
	parley_package_options o = PARLEY_PACKAGE_OPTIONS_INIT;
	parley_package_result *r;
	const parley_package_venue *pv;
	char *text;

	(void)state;
	r = analyse(s, NULL);
	pv = &parley_package_result_at(r, 0)->venues[0];
	assert_int_equal(pv->feasible_venue, 1);
	assert_int_equal(pv->feasible, 0);
	assert_int_equal(pv->blocking_body, 0);
	assert_non_null(pv->package); /* the table's package, which would not be ratified */
	tu_assert_close(pv->package[0], 90, POS_TOL, "a");
	tu_assert_close(pv->package[1], 90, POS_TOL, "b");
	assert_int_equal(pv->body_count, 1);
	assert_int_equal(pv->bodies[0].body, 0);
	tu_assert_close(pv->bodies[0].support, 40, 0, "doves only");
	tu_assert_close(pv->bodies[0].threshold, 67, 0, "threshold");
	assert_int_equal(pv->bodies[0].ratified, 0);
	assert_non_null(strstr(pv->reason, "X's parliament would not ratify it"));
	assert_int_equal(parley_package_result_at(r, 0)->best, 0);
	parley_package_result_free(r);

	/* ignoring ratification, the package stands */
	o.ratification = 0;
	r = analyse(s, &o);
	pv = &parley_package_result_at(r, 0)->venues[0];
	assert_int_equal(pv->feasible, 1);
	assert_int_equal(pv->body_count, 0);
	parley_package_result_free(r);
	parley_scenario_free(s);

	/* a threshold of 40: the doves ratify the same package */
	text = tu_slurp(PARLEY_TEST_DIR "/data/packages/ratification.yaml", NULL);
	memcpy(strstr(text, "threshold: 67"), "threshold: 40", 13);
	s = load_text(text);
	free(text);
	r = analyse(s, NULL);
	pv = &parley_package_result_at(r, 0)->venues[0];
	assert_int_equal(pv->feasible, 1);
	tu_assert_close(pv->package[0], 90, POS_TOL, "a ratified");
	assert_int_equal(pv->bodies[0].ratified, 1);
	assert_int_equal(pv->blocking_body, -1);
	parley_package_result_free(r);
	parley_scenario_free(s);
}

/* majority.yaml: X and Y pass (90, 90) by majority; by consensus Z blocks. */
static void test_packages_hand__majority(void **state)
{
	parley_scenario *s = load("majority.yaml");
	parley_package_result *r = analyse(s, NULL);
	const parley_package_analysis *pa = parley_package_result_at(r, 0);
	const parley_package_venue *council = &pa->venues[0], *consensus = &pa->venues[1];

	(void)state;
	assert_int_equal(pa->venue_count, 2);
	assert_int_equal(pa->best, 0);
	assert_int_equal(council->feasible, 1);
	tu_assert_close(council->package[0], 90, POS_TOL, "a");
	tu_assert_close(council->package[1], 90, POS_TOL, "b");
	/* Z's gain is first-order in the package's position: 1e-6 */
	tu_assert_close(council->gains[2], -.56, 1e-6, "Z loses");
	tu_assert_close(council->nash, 2 * log(.16), 1e-6, "Nash of the coalition X, Y");
	assert_int_equal(council->mover, 2);
	/* issue by issue a majority passes moves down (Y and Z): no linkage effect */
	assert_int_equal(council->alone[0], 1);
	assert_int_equal(council->linkage, PARLEY_LINKAGE_NONE);
	assert_int_equal(consensus->feasible, 0);
	assert_int_equal(consensus->feasible_venue, 0);
	assert_int_equal(consensus->alone[0], 0);
	assert_true(consensus->blocker >= 0);
	parley_package_result_free(r);
	parley_scenario_free(s);
}

/* ------------------------------------------------------------------ */
/* combinations                                                         */
/* ------------------------------------------------------------------ */

/*
 * Issues a, b, c with a status quo, d without; venue v1 discusses a, b, c,
 * v2 only b and c. The scenario names {a, b}. Combinations of up to 3:
 * pairs {a,c} (v1), {b,c} (v1, v2) - {a,b} is named, pairs with d have no
 * status quo - and the triple {a,b,c} (v1): 3, after the named package.
 */
static void test_packages_combinations__count(void **state)
{
	static const char text[] =
		"parley: 1\n"
		"title: t\n"
		"issues:\n"
		"  - {id: a, title: A, status_quo: 50}\n"
		"  - {id: b, title: B, status_quo: 50}\n"
		"  - {id: c, title: C, status_quo: 50}\n"
		"  - {id: d, title: D}\n"
		"actors:\n"
		"  - {id: x, name: X, capability: 1, positions: {a: {position: 100, salience: 90}, b: {position: 0, salience: 10},\n"
		"      c: {position: 60, salience: 50}, d: {position: 10, salience: 10}}}\n"
		"  - {id: y, name: Y, capability: 1, positions: {a: {position: 0, salience: 10}, b: {position: 100, salience: 90},\n"
		"      c: {position: 70, salience: 50}, d: {position: 90, salience: 10}}}\n"
		"venues:\n"
		"  - {id: v1, rule: bilateral, members: [x, y], issues: [a, b, c]}\n"
		"  - {id: v2, rule: bilateral, members: [x, y], issues: [b, c]}\n"
		"packages:\n"
		"  - {id: ab, issues: [b, a]}\n";
	parley_scenario *s = load_text(text);
	parley_package_options o = PARLEY_PACKAGE_OPTIONS_INIT;
	parley_package_result *r;
	const parley_package_analysis *pa;

	(void)state;
	assert_int_equal(parley_scenario_package_count(s), 1);
	assert_int_equal(parley_scenario_package(s, 0)->issues[0], 1); /* as written */
	assert_int_equal(parley_scenario_package(s, 0)->venue, -1);
	assert_null(parley_scenario_package(s, 1));
	o.combinations = 3;
	r = analyse(s, &o);
	assert_int_equal(parley_package_result_count(r), 4);
	pa = parley_package_result_at(r, 0);
	assert_string_equal(pa->id, "ab");
	pa = parley_package_result_at(r, 1);
	assert_null(pa->id);
	assert_int_equal(pa->issue_count, 2);
	assert_true(pa->issues[0] == 0 && pa->issues[1] == 2);
	assert_int_equal(pa->venue_count, 1);
	pa = parley_package_result_at(r, 2);
	assert_true(pa->issues[0] == 1 && pa->issues[1] == 2);
	assert_int_equal(pa->venue_count, 2);
	assert_int_equal(pa->venues[1].venue, 1);
	pa = parley_package_result_at(r, 3);
	assert_int_equal(pa->issue_count, 3);
	/* {a, b, c}: c agrees alone (both above 50); with a and b, the package opens a and b */
	assert_int_equal(pa->venues[0].feasible, 1);
	assert_int_equal(pa->venues[0].alone[2], 1);
	assert_int_equal(pa->venues[0].linkage, PARLEY_LINKAGE_OPENS);
	parley_package_result_free(r);
	o.combinations = 2;
	r = analyse(s, &o);
	assert_int_equal(parley_package_result_count(r), 3);
	parley_package_result_free(r);
	parley_scenario_free(s);
}

static void test_packages_errors__options(void **state)
{
	parley_scenario *s = load("opens.yaml");
	parley_package_options o = PARLEY_PACKAGE_OPTIONS_INIT;
	parley_package_result *r = (parley_package_result *)1;

	(void)state;
	o.loss = 3;
	assert_error(parley_packages_analyse(&r, s, &o), PARLEY_EINVAL);
	assert_null(r);
	o.loss = 2;
	o.combinations = 1;
	assert_error(parley_packages_analyse(&r, s, &o), PARLEY_EINVAL);
	o.combinations = 5;
	assert_error(parley_packages_analyse(&r, s, &o), PARLEY_EINVAL);
	o.combinations = 0;
	o.tol = 0;
	assert_error(parley_packages_analyse(&r, s, &o), PARLEY_EINVAL);
	o.tol = 1e-7;
	o.max_levels = 0;
	assert_error(parley_packages_analyse(&r, s, &o), PARLEY_EINVAL);
	o.max_levels = 60;
	o.move_tol = -1;
	assert_error(parley_packages_analyse(&r, s, &o), PARLEY_EINVAL);
	o.move_tol = 0;
	o.version = 7;
	assert_error(parley_packages_analyse(&r, s, &o), PARLEY_EINVAL);
	assert_error(parley_packages_analyse(&r, NULL, NULL), PARLEY_EINVAL);
	assert_error(parley_packages_analyse(NULL, s, NULL), PARLEY_EINVAL);
	parley_package_result_free(NULL);
	assert_int_equal(parley_package_result_count(NULL), 0);
	assert_int_equal(parley_scenario_package_count(NULL), 0);
	parley_scenario_free(s);
}

/* ------------------------------------------------------------------ */
/* the reader                                                           */
/* ------------------------------------------------------------------ */

/* Lines 1-12 of every case; the packages start on line 13. */
#define BAD_HEAD \
	"parley: 1\n" \
	"title: t\n" \
	"issues:\n" \
	"  - {id: a, title: A, status_quo: 50}\n" \
	"  - {id: b, title: B, status_quo: 50}\n" \
	"  - {id: c, title: C}\n" \
	"actors:\n" \
	"  - {id: x, name: X, capability: 1, positions: {a: {position: 1, salience: 9}, b: {position: 2, salience: 9}, c: {position: 3, salience: 9}}}\n" \
	"venues:\n" \
	"  - {id: va, rule: unanimity, members: [x], issues: [a]}\n" \
	"  - {id: vb, rule: unanimity, members: [x], issues: [b, c]}\n" \
	"packages:\n"

typedef struct {
	const char *packages;  /* lines from 13 */
	unsigned line, col;    /* where the (first) error is */
	const char *message;   /* a part of its message */
	const char *expected;  /* a part of what was expected, or NULL */
} bad_case;

static const bad_case bad_cases[] = {
	/* an unknown issue, at the item naming it */
	{ "  - {id: p, issues: [a, zz], venue: va}\n", 13, 25, "unknown issue 'zz' in package issues",
	  "the id of an entry in 'issues'" },
	/* no venue has both a and b on its table */
	{ "  - {id: p, issues: [a, b]}\n", 13, 21, "no venue has all the issues of package 'p' on its table",
	  "or a 'venue'" },
	/* the venue named does not discuss b */
	{ "  - {id: p, issues: [a, b], venue: va}\n", 13, 25, "issue 'b' of package 'p' is not on the table of venue 'va'",
	  "issues listed in the venue's 'issues'" },
	{ "  - {id: p, issues: [a, b], venue: nowhere}\n", 13, 36, "unknown venue 'nowhere'",
	  "the id of an entry in 'venues'" },
	/* c has no status quo */
	{ "  - {id: p, issues: [b, c], venue: vb}\n", 13, 25, "issue 'c' has no status_quo", "issues with a status_quo" },
	{ "  - {id: p, issues: [a]}\n", 13, 21, "package 'p' links 1 issue", "2 to 4 issue ids" },
	{ "  - {id: p, isues: [a, b]}\n", 13, 13, "unknown key 'isues' in package", "did you mean 'issues'?" },
	{ "  - {id: p}\n", 13, 5, "missing required field 'issues' in package 'p'", NULL },
	{ "  - {id: p, issues: [b, b], venue: vb}\n", 13, 25, "'b' appears twice in package issues", NULL },
	{ "  - {id: p, issues: [b], venue: vb}\n  - {id: p, issues: [b], venue: vb}\n", 13, 21,
	  "links 1 issue", NULL },
	{ "  - {id: 'p q', issues: [a, b]}\n", 13, 10, "invalid package id", NULL },
	{ "  {id: p}\n", 13, 3, "wrong type for packages: a mapping", "a sequence" },
};

static void test_packages_reader__errors(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(bad_cases) / sizeof(bad_cases[0]); k++) {
		const bad_case *bc = &bad_cases[k];
		parley_scenario *s = (parley_scenario *)1;
		parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
		char text[4096];
		size_t i;
		int found = 0;

		snprintf(text, sizeof(text), "%s%s", BAD_HEAD, bc->packages);
		assert_int_equal(parley_scenario_load_buffer(&s, text, strlen(text), "bad.yaml", NULL, &diags),
			PARLEY_EPARSE);
		assert_null(s);
		for (i = 0; i < diags.count; i++) {
			const parley_diag *d = &diags.items[i];
			if (!strstr(d->message, bc->message))
				continue;
			found = 1;
			if (d->line != bc->line || d->column != bc->col)
				fail_msg("case %zu: '%s' at %u:%u, want %u:%u", k, d->message, d->line, d->column,
					bc->line, bc->col);
			if (bc->expected && (!d->expected || !strstr(d->expected, bc->expected)))
				fail_msg("case %zu: expected '%s', got '%s'", k, bc->expected,
					d->expected ? d->expected : "(none)");
			break;
		}
		if (!found) {
			for (i = 0; i < diags.count; i++)
				print_error("  %u:%u: %s\n", diags.items[i].line, diags.items[i].column,
					diags.items[i].message);
			fail_msg("case %zu: no diagnostic '%s'", k, bc->message);
		}
		parley_diag_list_dispose(&diags);
	}
}

/* A duplicate id, and a valid package naming its venue. */
static void test_packages_reader__ok_and_duplicate(void **state)
{
	char text[4096];
	parley_scenario *s = NULL;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	const parley_package_spec *pk;

	(void)state;
	snprintf(text, sizeof(text), "%s%s", BAD_HEAD,
		"  - {id: p, name: \"P\", issues: [b, a]}\n"   /* a and b: no common venue */
		"  - {id: p, issues: [b, c], venue: vb}\n");
	assert_int_equal(parley_scenario_load_buffer(&s, text, strlen(text), "dup.yaml", NULL, &diags),
		PARLEY_EPARSE);
	assert_true(diags.count >= 2);
	{
		size_t i;
		int dup = 0;
		for (i = 0; i < diags.count; i++)
			if (strstr(diags.items[i].message, "duplicate package id 'p'") &&
			    diags.items[i].line == 14 && diags.items[i].column == 10)
				dup = 1;
		assert_true(dup);
	}
	parley_diag_list_dispose(&diags);

	/* issues b and a in venue... none has both; with a venue discussing all */
	s = load_text(
		"parley: 1\n"
		"title: t\n"
		"issues:\n"
		"  - {id: a, title: A, status_quo: 50}\n"
		"  - {id: b, title: B, status_quo: 50}\n"
		"actors:\n"
		"  - {id: x, name: X, capability: 1, positions: {a: {position: 1, salience: 9}, b: {position: 2, salience: 9}}}\n"
		"venues:\n"
		"  - {id: v, rule: unanimity, members: [x]}\n"
		"packages:\n"
		"  - {id: p, name: \"P and Q\", issues: [b, a], venue: v}\n");
	assert_int_equal(parley_scenario_package_count(s), 1);
	pk = parley_scenario_package(s, 0);
	assert_string_equal(pk->id, "p");
	assert_string_equal(pk->name, "P and Q");
	assert_int_equal(pk->issue_count, 2);
	assert_true(pk->issues[0] == 1 && pk->issues[1] == 0);
	assert_int_equal(pk->venue, 0);
	parley_scenario_free(s);
}

/* ------------------------------------------------------------------ */
/* allocation failure                                                   */
/* ------------------------------------------------------------------ */

/* For N = 1, 2, ...: the Nth allocation fails (the counting allocator of
 * testutil.h); the call fails with PARLEY_ENOMEM or succeeds, and nothing
 * it allocated stays alive. */
static void test_packages_alloc__every_failure(void **state)
{
	parley_scenario *s = load("ratification.yaml"), *s2 = load("exchange.yaml");
	parley_package_options o = PARLEY_PACKAGE_OPTIONS_INIT;
	long n;
	int which;

	(void)state;
	o.combinations = 2;
	for (which = 0; which < 2; which++) {
		for (n = 1;; n++) {
			int rc;
			tu_counter_install(n, 0);
			if (which == 0) {
				parley_package_result *r = NULL;
				rc = parley_packages_analyse(&r, s, &o);
				parley_package_result_free(r);
			} else {
				parley_exchange_result *r = NULL;
				rc = parley_exchange_run(&r, s2, NULL);
				parley_exchange_result_free(r);
			}
			parley_set_allocator(NULL);
			if (tu_counter.nlive != 0 || tu_counter.bad_frees != 0)
				fail_msg("%s: failing allocation %ld leaks %zu blocks, %ld bad frees",
					which ? "exchange" : "packages", n, tu_counter.nlive, tu_counter.bad_frees);
			if (rc == 0 && tu_counter.count < n)
				break; /* no allocation failed: done */
			assert_int_equal(rc, PARLEY_ENOMEM);
		}
	}
	parley_scenario_free(s);
	parley_scenario_free(s2);
}

/* ------------------------------------------------------------------ */
/* the flagship (docs/packages.md, "January 2022")                      */
/* ------------------------------------------------------------------ */

static const parley_package_analysis *find(const parley_package_result *r, const char *id)
{
	size_t i;
	for (i = 0; i < parley_package_result_count(r); i++)
		if (parley_package_result_at(r, i)->id && !strcmp(parley_package_result_at(r, i)->id, id))
			return parley_package_result_at(r, i);
	fail_msg("no package '%s'", id);
	return NULL;
}

static const parley_package_venue *in_venue(const parley_scenario *s, const parley_package_analysis *pa,
	const char *venue)
{
	size_t v;
	for (v = 0; v < pa->venue_count; v++)
		if (pa->venues[v].venue >= 0 &&
		    !strcmp(parley_scenario_venue(s, (size_t)pa->venues[v].venue)->id, venue))
			return &pa->venues[v];
	fail_msg("package not analysed in '%s'", venue);
	return NULL;
}

static void test_packages_flagship__january_2022(void **state)
{
	parley_scenario *s;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_package_options o = PARLEY_PACKAGE_OPTIONS_INIT;
	long russia, us, nato_ix;
	int loss;

	(void)state;
	assert_int_equal(parley_scenario_load_file(&s, PARLEY_SOURCE_DIR "/examples/security-guarantees-2022.yaml",
		NULL, &diags), 0);
	russia = parley_scenario_actor_index(s, "russia");
	us = parley_scenario_actor_index(s, "united-states");
	nato_ix = parley_scenario_issue_index(s, "nato-enlargement");
	assert_true(russia >= 0 && us >= 0 && nato_ix >= 0);
	for (loss = 1; loss <= 2; loss++) {
		parley_package_result *r;
		const parley_package_analysis *pa;
		const parley_package_venue *g, *b;

		o.loss = loss;
		r = analyse(s, &o);
		/* political with military-technical: only Geneva could agree, at the
		 * unwritten assurance (40, where Russia's and the US red lines meet);
		 * the Senate would not ratify it; in Brussels the red lines on
		 * enlargement do not meet; linking closes the arms-control deal */
		pa = find(r, "political-military");
		g = in_venue(s, pa, "geneva");
		b = in_venue(s, pa, "nrc-brussels");
		assert_int_equal(g->feasible_venue, 1);
		assert_int_equal(g->feasible, 0);
		assert_true(g->blocking_body >= 0);
		assert_int_equal(g->package[0], 40);
		assert_int_equal(g->mover, russia);
		assert_true(g->gains[us] > 0 && g->gains[russia] > 0);
		assert_int_equal(g->linkage, PARLEY_LINKAGE_CLOSES);
		assert_true(b->box[0].empty);
		assert_int_equal(b->feasible_venue, 0);
		pa = find(r, "ukraine-for-arms-control");
		g = in_venue(s, pa, "geneva");
		assert_int_equal(g->feasible_venue, 1);
		assert_int_equal(g->feasible, 0);
		tu_assert_close(g->package[0], 40, 0, "assurance at 40");
		/* without enlargement: a ratified package in both venues, which
		 * moves forces and rollback that no venue moves alone */
		pa = find(r, "restraint-for-arms-control");
		assert_int_equal(in_venue(s, pa, "geneva")->feasible, 1);
		assert_int_equal(in_venue(s, pa, "nrc-brussels")->feasible, 1);
		assert_int_equal(in_venue(s, pa, "geneva")->linkage, PARLEY_LINKAGE_OPENS);
		parley_package_result_free(r);
	}
	parley_scenario_free(s);
	parley_diag_list_dispose(&diags);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_packages_utility__hand),
		cmocka_unit_test(test_packages_hand__opens),
		cmocka_unit_test(test_packages_hand__implicit_table),
		cmocka_unit_test(test_packages_hand__closes),
		cmocka_unit_test(test_packages_hand__ratification),
		cmocka_unit_test(test_packages_hand__majority),
		cmocka_unit_test(test_packages_combinations__count),
		cmocka_unit_test(test_packages_errors__options),
		cmocka_unit_test(test_packages_reader__errors),
		cmocka_unit_test(test_packages_reader__ok_and_duplicate),
		cmocka_unit_test_teardown(test_packages_alloc__every_failure, tu_counter_restore),
		cmocka_unit_test(test_packages_flagship__january_2022),
	};

	return tu_run_tests(tests, argc, argv);
}
