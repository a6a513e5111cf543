/*
 * test_report.c - the HTML report (parley/report.h) on small JSON results
 * written by hand: every chart present with its data, HTML special
 * characters escaped wherever a name appears, the same bytes on every
 * run, the standalone SVG charts, the backtest page, and bad JSON
 * reported as diagnostics with line and column. Allocation failure at
 * every allocation returns PARLEY_ENOMEM and leaks nothing.
 *
 * Where the expected values come from: docs/report.md (what the page
 * shows, the data-* attributes of the marks, the chart file names) and
 * report.h (return codes; the output is left as it was on failure). The
 * JSON follows docs/output.md, docs/institutions.md and docs/uncertainty.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "parley.h"

/* Two actors, one of them with every HTML special character in its name;
 * one issue with labels, zones, every model (the median tied), feasibility
 * with a venue and a ratification body, Monte Carlo distributions and
 * sensitivity, one stage, and a document. */
static const char small_json[] =
	"{\n"
	"  \"parley_version\": \"0.1.0\",\n"
	"  \"input\": {\"path\": \"small.yaml\", \"sha256\": \"00ff\"},\n"
	"  \"seed\": 7,\n"
	"  \"draws\": 100,\n"
	"  \"scenario\": {\"title\": \"Talks <script>alert(1)</script> & \\\"more\\\"\", \"date\": \"2024-02-29\",\n"
	"     \"description\": \"A test.\",\n"
	"     \"documents\": [{\"id\": \"doc1\", \"title\": \"Report <i>one</i>\", \"publisher\": \"P&P\", \"date\": null, \"location\": \"x.txt\"}],\n"
	"     \"actors\": [{\"id\": \"a\", \"name\": \"Alpha <b>&amp;</b> 'Co'\"}, {\"id\": \"b\", \"name\": \"Beta\"}],\n"
	"     \"venues\": [{\"id\": \"v\", \"name\": \"Venue \\\"V\\\"\", \"rule\": \"bilateral\", \"date\": null, \"location\": null, \"members\": [\"a\", \"b\"]}],\n"
	"     \"ratification\": [{\"id\": \"sen\", \"name\": \"Senate\", \"actor\": \"a\", \"threshold\": 2}]},\n"
	"  \"options\": {\"models\": [\"mean\", \"compromise\", \"median\", \"nbs\", \"bdm\"], \"median_tie\": \"midpoint\",\n"
	"     \"nbs_weights\": \"capability\", \"nbs_loss\": 2,\n"
	"     \"bdm\": {\"profile\": \"paper\", \"rounds\": 10, \"q\": 1, \"selection\": \"category\", \"range\": \"initial\"}},\n"
	"  \"issues\": [\n"
	"    {\"id\": \"tariffs\", \"title\": \"Tariffs <low>\", \"scale\": [0, 100], \"status_quo\": 20,\n"
	"     \"description\": \"Cut or keep.\",\n"
	"     \"labels\": [{\"at\": 0, \"text\": \"none\"}, {\"at\": 50, \"text\": \"half & half\"}, {\"at\": 100, \"text\": \"all\"}],\n"
	"     \"zones\": [{\"name\": \"low <zone>\", \"range\": [0, 30]}, {\"name\": \"high\", \"range\": [60, 100]}],\n"
	"     \"actors\": [\n"
	"       {\"id\": \"a\", \"position\": 40, \"salience\": 50, \"capability\": 60, \"red_line\": [10, 70]},\n"
	"       {\"id\": \"b\", \"position\": 80, \"salience\": 50, \"capability\": 60, \"red_line\": null}],\n"
	"     \"models\": {\n"
	"       \"mean\": {\"forecast\": 60, \"zone\": \"high\", \"distribution\": {\"draws\": 100, \"ok\": 100, \"mean\": 59.5, \"sd\": 2.25,\n"
	"          \"quantiles\": {\"5\": 56, \"25\": 58, \"50\": 59.5, \"75\": 61, \"95\": 63},\n"
	"          \"zones\": {\"low <zone>\": 0, \"high\": 0.75},\n"
	"          \"histogram\": {\"lo\": 0, \"hi\": 100, \"bins\": 4, \"counts\": [0, 0, 60, 40]}}},\n"
	"       \"compromise\": {\"forecast\": 60, \"zone\": \"high\"},\n"
	"       \"median\": {\"forecast\": 60, \"zone\": \"high\", \"tie\": true, \"interval\": [40, 80]},\n"
	"       \"nbs\": {\"forecast\": 52.5, \"zone\": null, \"status\": \"interior\", \"feasible\": [20, 60]},\n"
	"       \"bdm\": {\"forecast\": 40, \"zone\": null, \"mean\": 50, \"profile\": \"paper\", \"status\": \"fixed_point\",\n"
	"          \"rounds_run\": 2, \"range\": 40, \"initial\": {\"median\": 60, \"mean\": 60},\n"
	"          \"rounds\": [{\"round\": 1, \"median\": 50, \"mean\": 50, \"positions\": {\"a\": 40, \"b\": 60}},\n"
	"                     {\"round\": 2, \"median\": 40, \"mean\": 40, \"positions\": {\"a\": 40, \"b\": 40}}]}},\n"
	"     \"feasibility\": {\"agreement_possible\": true, \"reason\": \"in Venue, outcomes from 20 to 70 beat the status quo\",\n"
	"       \"acceptable\": [10, 70], \"acceptable_open\": [false, false], \"status_quo_acceptable\": true,\n"
	"       \"agreement\": [20, 70], \"agreement_open\": [true, false], \"venue\": \"v\", \"conflicts\": [],\n"
	"       \"walkouts\": {\"mean\": [], \"compromise\": [], \"median\": [], \"nbs\": [], \"bdm\": []},\n"
	"       \"venues\": {\"v\": {\"rule\": \"bilateral\", \"members\": 2, \"passable\": [20, 60], \"passable_open\": [true, true],\n"
	"          \"split\": false, \"change\": [20, 60], \"change_open\": [true, true], \"pivots\": [\"a\"], \"blockers\": [],\n"
	"          \"models\": {\"mean\": {\"forecast\": 60}}}},\n"
	"       \"ratification\": {\"sen\": {\"actor\": \"a\", \"threshold\": 2, \"ratifiable\": [20, 45], \"ratifiable_open\": [true, true],\n"
	"          \"agreement_ratifiable\": true, \"forecasts_inside\": {\"mean\": false, \"nbs\": false, \"bdm\": true}}},\n"
	"       \"probability\": {\"agreement_possible\": 0.93, \"ratified\": {\"sen\": 0.5}}},\n"
	"     \"sensitivity\": {\"compromise\": [\n"
	"        {\"input\": \"position\", \"actor\": \"a\", \"derivative\": 0.5, \"variance_share\": 0.6},\n"
	"        {\"input\": \"salience\", \"actor\": \"b\", \"derivative\": -0.25, \"variance_share\": 0.3},\n"
	"        {\"input\": \"status_quo\", \"actor\": null, \"derivative\": 0, \"variance_share\": 0.1}]}}\n"
	"  ],\n"
	"  \"stages\": [{\"id\": \"s1\", \"venue\": \"v\", \"date\": \"2024-03-01\", \"model\": \"nbs\", \"status_quo_from\": \"scenario\",\n"
	"     \"issues\": [{\"issue\": \"tariffs\", \"status_quo\": 20, \"change\": [20, 60], \"change_open\": [true, true],\n"
	"                 \"forecast\": 52.5, \"outcome\": 52.5, \"moved\": true}]}]\n"
	"}\n";

static const char backtest_json[] =
	"{\"parley_version\": \"0.1.0\", \"dataset\": {\"path\": \"d.csv\", \"sha256\": \"ab\", \"layout\": \"long\"},\n"
	" \"seed\": 1, \"resamples\": 10, \"issues_read\": 4, \"issues_used\": 3, \"issues_skipped\": 1, \"proposals\": 2,\n"
	" \"models\": {\n"
	"  \"compromise\": {\"n\": 3, \"mae\": 8.4, \"rmse\": 13.2, \"median_ae\": 1.4, \"within10\": 0.5, \"within20\": 1,\n"
	"     \"mae_ci95\": [1.2, 22.8], \"rmse_ci95\": [1.2, 22.8], \"median_ae_ci95\": [1, 2], \"within10_ci95\": [0, 1], \"within20_ci95\": [1, 1]},\n"
	"  \"my <model>\": {\"n\": 3, \"mae\": 5.25, \"rmse\": 7.75, \"median_ae\": 2, \"within10\": 0.75, \"within20\": 1}},\n"
	" \"blend\": {\"cv_mae\": 8.4, \"compromise_mae\": 8.4, \"ratio\": 1, \"ratio_ci95\": [1, 1], \"goal\": 0.9, \"goal_met\": false}}\n";

/* Two issues linked in a package at a bilateral venue, with the exchange
 * model. Worked by hand (docs/report.md, the package chart; quadratic
 * losses on shares of the scale): with only two linked issues the slice is
 * the whole package space. Actor a (ideal 100, 0; saliences 1 and 0.25)
 * loses 1 * 1^2 + 0.25 * 0^2 = 1 at the status quo (0, 0): its contour is
 * the ellipse around (100, 0) with semi-axes 100 sqrt(1/1) = 100 and
 * 100 sqrt(1/0.25) = 200. Actor b (ideal 0, 100; saliences 1, 1) loses 1:
 * semi-axes 100 and 100. At the package (50, 50) a loses 0.25 + 0.0625 and
 * b 0.5, both less than 1: the package lies in the shaded region. Actor c
 * is not at the table. */
static const char pkg_json[] =
	"{\"scenario\": {\"title\": \"Linked\", \"actors\": [{\"id\": \"a\", \"name\": \"Alpha\"}, {\"id\": \"b\", \"name\": \"Beta\"},\n"
	"   {\"id\": \"c\", \"name\": \"Gamma <g>\"}],\n"
	"   \"venues\": [{\"id\": \"v\", \"name\": \"Table\", \"rule\": \"bilateral\", \"members\": [\"a\", \"b\"]}]},\n"
	" \"options\": {\"models\": [\"exchange\"]},\n"
	" \"issues\": [\n"
	"  {\"id\": \"x\", \"title\": \"Issue X\", \"scale\": [0, 100], \"status_quo\": 0,\n"
	"   \"actors\": [{\"id\": \"a\", \"position\": 100, \"salience\": 100, \"capability\": 1, \"red_line\": null},\n"
	"              {\"id\": \"b\", \"position\": 0, \"salience\": 100, \"capability\": 1, \"red_line\": null},\n"
	"              {\"id\": \"c\", \"position\": 30, \"salience\": 50, \"capability\": 1, \"red_line\": null}],\n"
	"   \"models\": {\"exchange\": {\"forecast\": 40, \"zone\": null, \"status\": \"fixed_point\", \"rounds\": 1,\n"
	"     \"exchanges\": [\n"
	"      {\"round\": 1, \"supplier\": \"b\", \"moves_on\": \"x\", \"from\": 0, \"to\": 20, \"demander\": \"a\",\n"
	"       \"in_return_on\": \"y\", \"demander_from\": 0, \"demander_to\": 30, \"gain\": 0.125},\n"
	"      {\"round\": 1, \"supplier\": \"c\", \"moves_on\": \"x\", \"from\": 30, \"to\": 60, \"demander\": \"a\",\n"
	"       \"in_return_on\": \"y\", \"demander_from\": 30, \"demander_to\": 40, \"gain\": 0.5}]}}},\n"
	"  {\"id\": \"y\", \"title\": \"Issue Y\", \"scale\": [0, 100], \"status_quo\": 0,\n"
	"   \"actors\": [{\"id\": \"a\", \"position\": 0, \"salience\": 25, \"capability\": 1, \"red_line\": null},\n"
	"              {\"id\": \"b\", \"position\": 100, \"salience\": 100, \"capability\": 1, \"red_line\": [0, 60]},\n"
	"              {\"id\": \"c\", \"position\": 50, \"salience\": 50, \"capability\": 1, \"red_line\": null}],\n"
	"   \"models\": {\"exchange\": {\"forecast\": 45, \"zone\": null, \"status\": \"fixed_point\", \"rounds\": 1, \"exchanges\": []}}}],\n"
	" \"packages\": [{\"id\": \"p\", \"issues\": [\"x\", \"y\"], \"feasible\": true, \"venue\": \"v\",\n"
	"   \"package\": {\"x\": 50, \"y\": 50}, \"gains\": {\"a\": 0.6875, \"b\": 0.5},\n"
	"   \"mover\": \"a\", \"linkage_effect\": \"linkage opens an agreement on x\",\n"
	"   \"reason\": \"in Table a package beats the status quo for every member\",\n"
	"   \"venues\": [{\"venue\": \"v\", \"feasible\": true, \"feasible_without_ratification\": true, \"linkage\": \"opens\"}],\n"
	"   \"name\": \"Swap <x> for y\", \"loss\": 2, \"members\": [\"a\", \"b\"]}]}\n";

/* A ledger export: person A forecast q1 twice (0.8, then 0.9: the later
 * counts) and q2 (0.3); model M forecast q1 (0.6) and the value question
 * q3 (15 against 10). Brier: A ((0.9 - 1)^2 + 0.3^2) / 2 = 0.05, M
 * 0.4^2 = 0.16; M's absolute error 5 (docs/ledger.md). */
static const char ledger_json[] =
	"{\"parley_ledger\": 1, \"parley_version\": \"0.1.0\",\n"
	" \"questions\": [\n"
	"  {\"id\": \"q1\", \"kind\": \"binary\", \"text\": \"Will <it> happen?\", \"scale\": null,\n"
	"   \"resolution\": {\"outcome\": \"yes\", \"date\": \"2024-02-01\", \"source\": \"s\", \"note\": null}},\n"
	"  {\"id\": \"q2\", \"kind\": \"binary\", \"text\": null, \"scale\": null,\n"
	"   \"resolution\": {\"outcome\": \"no\", \"date\": \"2024-02-01\", \"source\": \"s\", \"note\": null}},\n"
	"  {\"id\": \"q3\", \"kind\": \"value\", \"text\": \"How much?\", \"scale\": [0, 100],\n"
	"   \"resolution\": {\"outcome\": 10, \"date\": \"2024-02-01\", \"source\": \"s\", \"note\": null}},\n"
	"  {\"id\": \"q4\", \"kind\": \"binary\", \"text\": \"Open\", \"scale\": null, \"resolution\": null}],\n"
	" \"forecasts\": [\n"
	"  {\"question\": \"q1\", \"forecaster\": \"A\", \"kind\": \"person\", \"date\": \"2024-01-01\", \"probability\": 0.8,\n"
	"   \"value\": null, \"words\": \"odds are high\", \"range\": [0.7, 0.9]},\n"
	"  {\"question\": \"q2\", \"forecaster\": \"A\", \"kind\": \"person\", \"date\": \"2024-01-01\", \"probability\": 0.3,\n"
	"   \"value\": null, \"words\": null, \"range\": null},\n"
	"  {\"question\": \"q1\", \"forecaster\": \"M\", \"kind\": \"model\", \"date\": \"2024-01-02\", \"probability\": 0.6,\n"
	"   \"value\": null, \"words\": null, \"range\": null},\n"
	"  {\"question\": \"q3\", \"forecaster\": \"M\", \"kind\": \"model\", \"date\": \"2024-01-02\", \"probability\": null,\n"
	"   \"value\": 15, \"words\": null, \"range\": null},\n"
	"  {\"question\": \"q1\", \"forecaster\": \"A\", \"kind\": \"person\", \"date\": \"2024-01-03\", \"probability\": 0.9,\n"
	"   \"value\": null, \"words\": null, \"range\": null},\n"
	"  {\"question\": \"q4\", \"forecaster\": \"A\", \"kind\": \"person\", \"date\": \"2024-01-03\", \"probability\": 0.5,\n"
	"   \"value\": null, \"words\": null, \"range\": null}]}\n";

/* `ledger score --format json` (two bins for brevity). */
static const char score_json[] =
	"{\"parley_version\": \"0.1.0\", \"by\": \"model\", \"shared\": false, \"bins\": 2, \"log_clip\": 0.01, \"log_base\": 2,\n"
	" \"rows\": [\n"
	"  {\"group\": \"people\", \"kind\": \"person\", \"forecasts\": 3, \"open\": 0, \"unresolvable\": 0,\n"
	"   \"binary\": {\"n\": 3, \"brier\": 0.07, \"log_score\": 0.4, \"reliability\": 0.07, \"resolution\": 0.2, \"uncertainty\": 0.2,\n"
	"     \"brier_best\": 0.05, \"brier_worst\": 0.09, \"calibration\": [{\"lo\": 0, \"hi\": 0.5, \"n\": 1, \"mean_p\": 0.3, \"observed\": 0},\n"
	"     {\"lo\": 0.5, \"hi\": 1, \"n\": 2, \"mean_p\": 0.85, \"observed\": 1}]},\n"
	"   \"value\": {\"n\": 0, \"mae\": null, \"mae_scaled\": null}},\n"
	"  {\"group\": \"nbs <m>\", \"kind\": \"model\", \"forecasts\": 1, \"open\": 0, \"unresolvable\": 0,\n"
	"   \"binary\": {\"n\": 1, \"brier\": 0.16, \"log_score\": 1.3, \"reliability\": 0.16, \"resolution\": 0, \"uncertainty\": 0,\n"
	"     \"brier_best\": 0.16, \"brier_worst\": 0.16, \"calibration\": [{\"lo\": 0, \"hi\": 0.5, \"n\": 0, \"mean_p\": null, \"observed\": null},\n"
	"     {\"lo\": 0.5, \"hi\": 1, \"n\": 1, \"mean_p\": 0.6, \"observed\": 1}]},\n"
	"   \"value\": {\"n\": 1, \"mae\": 5, \"mae_scaled\": 0.05}}]}\n";

/* Occurrences of `needle` in `hay`. */
static size_t count(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	const char *p = hay;
	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += len;
	}
	return n;
}

static char *render(const char *json, int expect)
{
	parley_buf out = PARLEY_BUF_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	int rc = parley_report_html(&out, json, strlen(json), "small.json", NULL, &diags);
	if (rc != expect) {
		size_t i;
		for (i = 0; i < diags.count; i++)
			fprintf(stderr, "diag %u:%u %s\n", diags.items[i].line, diags.items[i].column,
				diags.items[i].message);
		fprintf(stderr, "rc %d: %s\n", rc, parley_error_last()->message);
	}
	assert_int_equal(rc, expect);
	assert_int_equal(diags.count, 0);
	parley_diag_list_dispose(&diags);
	return out.ptr;
}

static void test_report_html__every_chart_with_its_data(void **state)
{
	char *html = render(small_json, 0);
	(void)state;
	assert_non_null(strstr(html, "<!DOCTYPE html>"));
	assert_non_null(strstr(html, "</html>\n"));
	/* one chart of each kind, each an accessible image */
	assert_int_equal(count(html, "data-chart=\"positions\""), 1);
	assert_int_equal(count(html, "data-chart=\"rounds\""), 1);
	assert_int_equal(count(html, "data-chart=\"distributions\""), 1);
	assert_int_equal(count(html, "data-chart=\"tornado\""), 1);
	assert_int_equal(count(html, "role=\"img\""), 4);
	assert_int_equal(count(html, "<title>"), 5); /* the page's and one per chart */
	assert_int_equal(count(html, "<desc>"), 4);
	/* the dot plot: a circle per actor with its position and weight c x s */
	assert_non_null(strstr(html, "data-actor=\"a\" data-position=\"40\" data-weight=\"3000\""));
	assert_non_null(strstr(html, "data-actor=\"b\" data-position=\"80\" data-weight=\"3000\""));
	/* every model's forecast on the same axis, the median's tie interval */
	assert_non_null(strstr(html, "data-model=\"mean\" data-forecast=\"60\""));
	assert_non_null(strstr(html, "data-model=\"nbs\" data-forecast=\"52.5\""));
	assert_non_null(strstr(html, "data-model=\"bdm\" data-forecast=\"40\""));
	assert_int_equal(count(html, "data-tie=\"\""), 1);
	/* status quo, red line, acceptable set, venue and ratification intervals */
	assert_non_null(strstr(html, "data-status-quo=\"20\""));
	assert_non_null(strstr(html, "data-red-line=\"\" data-lo=\"10\" data-hi=\"70\""));
	assert_non_null(strstr(html, "data-interval=\"acceptable\" data-lo=\"10\" data-hi=\"70\""));
	assert_non_null(strstr(html, "data-interval=\"venue\" data-id=\"v\" data-lo=\"20\" data-hi=\"60\""));
	assert_non_null(strstr(html, "data-interval=\"ratifiable\" data-id=\"sen\" data-lo=\"20\" data-hi=\"45\""));
	/* the rounds: a line per actor and the median */
	assert_int_equal(count(html, "<polyline"), 4);
	assert_non_null(strstr(html, "data-series=\"median\""));
	/* the histogram: a bar per bin */
	assert_int_equal(count(html, "data-bin=\""), 4);
	assert_non_null(strstr(html, "data-bin=\"2\" data-count=\"60\""));
	/* the tornado: a bar per input, in the JSON's order */
	assert_int_equal(count(html, "data-share=\""), 3);
	assert_non_null(strstr(html, "data-input=\"salience\" data-actor=\"b\" data-share=\"0.3\" data-derivative=\"-0.25\""));
	/* words: verdict, venue, ratification, probability, stage, source */
	assert_non_null(strstr(html, "Is an agreement possible? Yes:"));
	assert_non_null(strstr(html, "beat the status quo by bilateral agreement"));
	assert_non_null(strstr(html, "it would ratify outcomes in (20.0, 45.0)"));
	assert_non_null(strstr(html, "possible in 93%"));
	assert_non_null(strstr(html, "a tie: every point of [40.0, 80.0]"));
	assert_non_null(strstr(html, "<caption>1. Venue &quot;V&quot;, 2024-03-01"));
	assert_non_null(strstr(html, "<cite>Report &lt;i&gt;one&lt;/i&gt;</cite>, P&amp;P, undated"));
	/* no script, no external resource */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "https:"));
	assert_int_equal(count(html, "http:"), 4); /* the SVG namespace of each chart */
	free(html);
}

static void test_report_html__escapes_names(void **state)
{
	char *html = render(small_json, 0);
	(void)state;
	/* the title, an actor's name, a zone, labels: never raw markup */
	assert_null(strstr(html, "<script>alert"));
	assert_null(strstr(html, "<b>&amp;"));
	assert_null(strstr(html, "<low>"));
	assert_null(strstr(html, "<zone>"));
	assert_non_null(strstr(html, "<h1>Talks &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;</h1>"));
	assert_non_null(strstr(html, "Alpha &lt;b&gt;&amp;amp;&lt;/b&gt; &#39;Co&#39;"));
	assert_non_null(strstr(html, "data-zone=\"low &lt;zone&gt;\""));
	assert_non_null(strstr(html, "half &amp; half"));
	free(html);
}

static void test_report_html__same_bytes(void **state)
{
	char *a = render(small_json, 0), *b = render(small_json, 0);
	(void)state;
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void test_report_charts__standalone_svgs(void **state)
{
	parley_report_chart_list charts = PARLEY_REPORT_CHART_LIST_INIT;
	char *html = render(small_json, 0);
	size_t i;
	static const char *const names[4] = { "01-tariffs-positions.svg", "01-tariffs-rounds.svg",
		"01-tariffs-distributions.svg", "01-tariffs-tornado.svg" };
	(void)state;
	assert_int_equal(parley_report_charts(&charts, small_json, strlen(small_json), "s", NULL, NULL), 0);
	assert_int_equal(charts.count, 4);
	for (i = 0; i < charts.count; i++) {
		const char *svg = charts.items[i].svg.ptr;
		assert_string_equal(charts.items[i].name, names[i]);
		assert_non_null(strstr(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
		/* the same chart, byte for byte, as the page embeds */
		assert_non_null(strstr(html, svg + strlen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")));
		assert_true(strlen(charts.items[i].title) > 0);
	}
	assert_string_equal(charts.items[0].title, "Positions and forecasts: Tariffs <low>");
	parley_report_chart_list_dispose(&charts);
	parley_report_chart_list_dispose(&charts); /* a disposed list is empty */
	parley_report_chart_list_dispose(NULL);
	free(html);
}

static void test_report_html__backtest(void **state)
{
	char *html = render(backtest_json, 0);
	(void)state;
	assert_non_null(strstr(html, "parley backtest report"));
	assert_int_equal(count(html, "<tr data-model="), 2);
	assert_non_null(strstr(html, "<tr data-model=\"my &lt;model&gt;\">"));
	assert_non_null(strstr(html, "8.40<span class=\"ci\">[1.20, 22.80]</span>"));
	assert_non_null(strstr(html, "data-chart=\"backtest\""));
	assert_non_null(strstr(html, "data-mae=\"5.25\""));
	assert_non_null(strstr(html, "the goal of a ratio of at most 0.9 is not met"));
	free(html);
}

static void test_report_html__package_chart(void **state)
{
	parley_report_chart_list charts = PARLEY_REPORT_CHART_LIST_INIT;
	char *html = render(pkg_json, 0);
	(void)state;
	/* the section with the verdict, the package and the gains */
	assert_non_null(strstr(html, "<h2 id=\"h-packages\">Package deals</h2>"));
	assert_non_null(strstr(html, "<h3>1. Swap &lt;x&gt; for y</h3>"));
	assert_non_null(strstr(html, "Is there a package both sides prefer to no deal? Yes:</strong> in Table a package"));
	assert_non_null(strstr(html, "linkage opens an agreement on x"));
	assert_non_null(strstr(html, "Who would have to move most (the farthest from what it asked for): <strong>Alpha</strong>"));
	/* one chart for the one pair, on the two issues' scales */
	assert_int_equal(count(html, "data-chart=\"package\""), 1);
	assert_non_null(strstr(html, "data-package=\"p\" data-issue-x=\"x\" data-issue-y=\"y\" data-loss=\"2\" "
		"data-package-inside=\"true\""));
	assert_non_null(strstr(html, "data-status-quo-x=\"0\" data-status-quo-y=\"0\""));
	assert_non_null(strstr(html, "data-package-point=\"\" data-x=\"50\" data-y=\"50\""));
	/* ideal points and the contours worked out above */
	assert_non_null(strstr(html, "data-actor=\"a\" data-member=\"1\" data-x=\"100\" data-y=\"0\""));
	assert_non_null(strstr(html, "data-actor=\"c\" data-member=\"0\" data-x=\"30\" data-y=\"50\""));
	assert_non_null(strstr(html, "data-contour=\"a\" data-member=\"1\" data-cx=\"100\" data-cy=\"0\" data-rx=\"100\" data-ry=\"200\""));
	assert_non_null(strstr(html, "data-contour=\"b\" data-member=\"1\" data-cx=\"0\" data-cy=\"100\" data-rx=\"100\" data-ry=\"100\""));
	assert_non_null(strstr(html, "<ellipse cx=\"522.00\" cy=\"488.00\" rx=\"430.00\" ry=\"860.00\""));
	/* the region every member prefers, and within b's red line (y <= 60) */
	assert_non_null(strstr(html, "data-region=\"preferred\""));
	assert_non_null(strstr(html, "data-region=\"acceptable\""));
	assert_non_null(strstr(html, "data-red-lines=\"\" data-x-lo=\"0\" data-x-hi=\"100\" data-y-lo=\"0\" data-y-hi=\"60\""));
	/* names escaped in the chart too */
	assert_non_null(strstr(html, "Gamma &lt;g&gt;"));
	assert_null(strstr(html, "<g>"));
	/* the exchange model: its note, and its exchanges largest gain first */
	assert_non_null(strstr(html, "no exchange left after 1 round (exchanges below)"));
	assert_non_null(strstr(html, "<ol class=\"exchanges\" data-exchanges=\"2\">"));
	{
		const char *big = strstr(html, "<li data-gain=\"0.5\" data-supplier=\"c\" data-demander=\"a\">");
		const char *small = strstr(html, "<li data-gain=\"0.125\" data-supplier=\"b\"");
		assert_non_null(big);
		assert_non_null(small);
		assert_true(big < small);
	}
	assert_non_null(strstr(html, "<strong>Beta</strong> moves on Issue X from 0.0 to 20.0; in return "
		"<strong>Alpha</strong> moves on Issue Y from 0.0 to 30.0"));
	/* the same chart as a file */
	assert_int_equal(parley_report_charts(&charts, pkg_json, strlen(pkg_json), "s", NULL, NULL), 0);
	assert_int_equal(charts.count, 3); /* two positions charts and the package */
	assert_string_equal(charts.items[2].name, "package-01-p-1-2.svg");
	assert_string_equal(charts.items[2].title, "Package Swap <x> for y: Issue X and Issue Y");
	assert_non_null(strstr(html, charts.items[2].svg.ptr + strlen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")));
	parley_report_chart_list_dispose(&charts);
	free(html);
}

/* An id of 256 bytes or more (the JSON may hold any): the package's terms
 * and the table are looked up by the whole id (issue 16: they were copied
 * into 256 bytes, so the chart put the package at the status quo and the
 * table left its value out). pkg_json with issue "y" renamed 300 "y"s. */
static void test_report_html__package_long_id(void **state)
{
	char id[303], *json, *html;
	const char *p, *hit;
	size_t n = 0, len = 0;
	(void)state;
	memset(id, 'y', sizeof(id));
	id[0] = id[301] = '"';
	id[302] = '\0';
	for (p = pkg_json; (hit = strstr(p, "\"y\"")) != NULL; p = hit + 3)
		n++;
	json = malloc(sizeof(pkg_json) + n * (sizeof(id) - 4));
	assert_non_null(json);
	for (p = pkg_json; (hit = strstr(p, "\"y\"")) != NULL; p = hit + 3) {
		memcpy(json + len, p, (size_t)(hit - p));
		len += (size_t)(hit - p);
		memcpy(json + len, id, sizeof(id) - 1);
		len += sizeof(id) - 1;
	}
	strcpy(json + len, p);
	assert_int_equal(n, 5); /* the issue, the package's issues and terms, two exchanges */
	html = render(json, 0);
	assert_non_null(strstr(html, "data-package-point=\"\" data-x=\"50\" data-y=\"50\""));
	assert_int_equal(count(html, "<td class=\"n\">0.0</td><td class=\"n\">50.0</td></tr>"), 2);
	free(html);
	free(json);
}

static void test_report_html__ledger_export(void **state)
{
	parley_report_chart_list charts = PARLEY_REPORT_CHART_LIST_INIT;
	char *html = render(ledger_json, 0);
	(void)state;
	assert_non_null(strstr(html, "parley ledger report"));
	assert_non_null(strstr(html, "6 forecasts on 4 questions \xc2\xb7 3 resolved, 0 unresolvable, 1 open"));
	/* scores: people first; A's later forecast on q1 counts (0.05 and 0.16 in
	 * binary floating point, as the data attribute reads them back) */
	assert_non_null(strstr(html, "<tr data-forecaster=\"A\"><td>A</td><td>person</td><td class=\"n\">4</td>"
		"<td class=\"n\">2</td><td class=\"n\" data-brier=\"0.049999999999999996\">0.050</td>"));
	assert_non_null(strstr(html, "<tr data-forecaster=\"M\"><td>M</td><td>model</td><td class=\"n\">2</td>"
		"<td class=\"n\">1</td><td class=\"n\" data-brier=\"0.16000000000000003\">0.160</td>"));
	assert_non_null(strstr(html, "<td class=\"n\">5.00</td></tr>"));
	assert_true(strstr(html, "data-forecaster=\"A\"") < strstr(html, "data-forecaster=\"M\""));
	/* every forecast with what happened; the superseded one marked */
	assert_int_equal(count(html, "<tr data-question="), 6);
	assert_int_equal(count(html, "superseded"), 2); /* the note and the one forecast */
	assert_non_null(strstr(html, "Will &lt;it&gt; happen?"));
	assert_non_null(strstr(html, "\xe2\x80\x9codds are high\xe2\x80\x9d (80%)"));
	/* calibration: people pooled (0.9 and 0.3), the model on its own */
	assert_int_equal(count(html, "data-chart=\"calibration\""), 1);
	assert_non_null(strstr(html, "<g data-series=\"people\" data-kind=\"person\">"));
	assert_non_null(strstr(html, "data-bin=\"9\" data-n=\"1\" data-mean-p=\"0.9\" data-observed=\"1\""));
	assert_non_null(strstr(html, "data-bin=\"3\" data-n=\"1\" data-mean-p=\"0.3\" data-observed=\"0\""));
	assert_non_null(strstr(html, "<g data-series=\"M\" data-kind=\"model\">"));
	assert_non_null(strstr(html, "data-bin=\"6\" data-n=\"1\" data-mean-p=\"0.6\" data-observed=\"1\""));
	assert_non_null(strstr(html, "data-diagonal"));
	assert_int_equal(parley_report_charts(&charts, ledger_json, strlen(ledger_json), "s", NULL, NULL), 0);
	assert_int_equal(charts.count, 1);
	assert_string_equal(charts.items[0].name, "ledger-calibration.svg");
	parley_report_chart_list_dispose(&charts);
	free(html);
}

static void test_report_html__ledger_score(void **state)
{
	char *html = render(score_json, 0);
	(void)state;
	assert_non_null(strstr(html, "How good were the forecasts?"));
	assert_int_equal(count(html, "<tr data-group="), 2);
	assert_non_null(strstr(html, "<tr data-group=\"nbs &lt;m&gt;\">"));
	assert_non_null(strstr(html, "0.070<span class=\"ci\">0.050\xe2\x80\x93" "0.090</span>"));
	assert_non_null(strstr(html, "<g data-series=\"people\" data-kind=\"person\">"));
	assert_non_null(strstr(html, "data-bin=\"1\" data-n=\"2\" data-mean-p=\"0.85\" data-observed=\"1\""));
	/* an empty bin draws nothing */
	assert_int_equal(count(html, "data-bin=\""), 3);
	free(html);
}

/* Render `json`, expect PARLEY_EPARSE and a first diagnostic at line:col
 * whose message contains `what`; `out` keeps what it held. */
static void expect_bad(const char *json, unsigned line, unsigned col, const char *what)
{
	parley_buf out = PARLEY_BUF_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_buf_dispose(&out);
	/* something already in the buffer stays there */
	assert_int_equal(parley_report_html(&out, "{\"models\": {}}", 14, "pre", NULL, NULL), 0);
	{
		size_t before = out.size;
		char *copy = malloc(before + 1);
		assert_non_null(copy);
		memcpy(copy, out.ptr, before + 1);
		assert_int_equal(parley_report_html(&out, json, strlen(json), "bad.json", NULL, &diags), PARLEY_EPARSE);
		assert_int_equal(out.size, before);
		assert_memory_equal(out.ptr, copy, before + 1);
		free(copy);
	}
	if (diags.count == 0 || diags.items[0].line != line || diags.items[0].column != col ||
	    !strstr(diags.items[0].message, what))
		fprintf(stderr, "got %zu diagnostics; first %u:%u %s\n", diags.count,
			diags.count ? diags.items[0].line : 0, diags.count ? diags.items[0].column : 0,
			diags.count ? diags.items[0].message : "");
	assert_true(diags.count >= 1);
	assert_string_equal(diags.items[0].file, "bad.json");
	assert_int_equal(diags.items[0].line, line);
	assert_int_equal(diags.items[0].column, col);
	assert_non_null(strstr(diags.items[0].message, what));
	parley_diag_list_dispose(&diags);
	parley_buf_dispose(&out);
}

/* small_json with its actor table replaced by `actors` (caller frees). */
static char *with_actors(const char *actors)
{
	const char *from = "\"actors\": [{\"id\": \"a\", \"name\": \"Alpha <b>&amp;</b> 'Co'\"}, {\"id\": \"b\", \"name\": \"Beta\"}]";
	const char *at = strstr(small_json, from);
	size_t pre;
	char *json;
	assert_non_null(at);
	pre = (size_t)(at - small_json);
	json = malloc(strlen(small_json) - strlen(from) + strlen(actors) + 1);
	assert_non_null(json);
	memcpy(json, small_json, pre);
	strcpy(json + pre, actors);
	strcat(json, at + strlen(from));
	return json;
}

/* A name table reads as a scan from its start would read it (the tables are
 * indexed, report_json.c): the first entry with an id names it, an empty
 * name leaves the id, and an entry whose id is not a string, when a lookup
 * passes it, is a diagnostic at that id. */
static void test_report_html__names_first_entry(void **state)
{
	char *json, *html, *five;
	unsigned line = 1, col = 1;
	const char *p;
	(void)state;
	json = with_actors("\"actors\": [{\"id\": \"b\", \"name\": \"Beta\"}, {\"id\": \"a\", \"name\": \"\"}, {\"name\": \"Nobody\"},\n"
		"  {\"id\": \"a\", \"name\": \"Second\"}, {\"id\": \"b\", \"name\": \"Dup\"}, {\"id\": 5, \"name\": \"Five\"}]");
	html = render(json, 0); /* a and b are found before the id 5 */
	assert_true(count(html, "Beta") > 0);
	assert_int_equal(count(html, "Second"), 0);
	assert_int_equal(count(html, "Dup"), 0);
	assert_int_equal(count(html, "Alpha"), 0);
	free(html);
	free(json);
	json = with_actors("\"actors\": [{\"id\": \"b\", \"name\": \"Beta\"}, {\"id\": 5, \"name\": \"Five\"}, {\"id\": \"a\", \"name\": \"A\"}]");
	five = strstr(json, "5, \"name\": \"Five\"");
	assert_non_null(five);
	for (p = json; p < five; p++, col++)
		if (*p == '\n') {
			line++;
			col = 0;
		}
	expect_bad(json, line, col, "expected a string, found a number");
	free(json);
}

static void test_report_html__bad_json_is_positioned(void **state)
{
	(void)state;
	/* syntax: libfyaml's position */
	expect_bad("{\n  \"issues\": [\n    {\"id\": \"x\",}\n  ]\n}\n", 3, 15, "JSON syntax error");
	expect_bad("{\"issues\": [1, 2", 2, 1, "JSON syntax error");
	expect_bad("", 1, 1, "JSON syntax error");
	expect_bad("{'a': 1}", 1, 2, "JSON syntax error");
	/* valid JSON that is not a parley result */
	expect_bad("[1, 2]", 1, 1, "not a parley result");
	expect_bad("{\"a\": 1}", 1, 1, "not a parley result");
	/* a field of the wrong type, at the value */
	expect_bad("{\"issues\": [\n {\"id\": \"x\", \"scale\": [0, 100],\n  \"status_quo\": \"low\"}]}", 3, 17,
		"expected a number, found a string");
	expect_bad("{\"issues\": [{\"id\": 5, \"scale\": [0, 100]}]}", 1, 20, "expected a string, found a number");
	expect_bad("{\"issues\": [{\"id\": \"x\", \"scale\": [100, 0]}]}", 1, 34, "wrong order");
	expect_bad("{\"issues\": [{\"id\": \"x\"}]}", 1, 13, "without a scale");
	expect_bad("{\"issues\": [{\"id\": \"x\", \"scale\": [0, 1],\n \"actors\": [{\"id\": \"a\", \"position\": true}]}]}",
		2, 37, "expected a number, found a boolean");
	expect_bad("{\"issues\": {}}", 1, 12, "expected an array");
}

static void test_report_html__bad_options(void **state)
{
	parley_buf out = PARLEY_BUF_INIT;
	parley_report_options o = PARLEY_REPORT_OPTIONS_INIT;
	(void)state;
	o.version = 99;
	assert_int_equal(parley_report_html(&out, small_json, strlen(small_json), NULL, &o, NULL), PARLEY_EINVAL);
	assert_int_equal(parley_report_html(NULL, small_json, 1, NULL, NULL, NULL), PARLEY_EINVAL);
	assert_null(out.ptr);
}

static void test_report_html__options(void **state)
{
	parley_buf out = PARLEY_BUF_INIT;
	parley_report_options o = PARLEY_REPORT_OPTIONS_INIT;
	(void)state;
	o.tornado_inputs = 1;
	assert_int_equal(parley_report_html(&out, small_json, strlen(small_json), NULL, &o, NULL), 0);
	assert_int_equal(count(out.ptr, "data-share=\""), 1);
	assert_non_null(strstr(out.ptr, "2 more inputs in the JSON result"));
	parley_buf_dispose(&out);
}

/* max_bytes refuses a larger JSON text before parsing it: one diagnostic
 * with no position, nothing written; exactly at the limit is fine. */
static void test_report_html__max_bytes(void **state)
{
	parley_buf out = PARLEY_BUF_INIT;
	parley_diag_list diags = PARLEY_DIAG_LIST_INIT;
	parley_report_options o = PARLEY_REPORT_OPTIONS_INIT;
	size_t len = strlen(small_json);
	char expect[96];
	(void)state;
	o.max_bytes = len - 1;
	assert_int_equal(parley_report_html(&out, small_json, len, "r.json", &o, &diags), PARLEY_EPARSE);
	assert_null(out.ptr);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 0);
	snprintf(expect, sizeof(expect), "the file is too large: %zu bytes (at most %zu)", len, len - 1);
	assert_string_equal(diags.items[0].message, expect);
	parley_diag_list_dispose(&diags);
	o.max_bytes = len;
	assert_int_equal(parley_report_html(&out, small_json, len, "r.json", &o, &diags), 0);
	assert_int_equal(diags.count, 0);
	parley_buf_dispose(&out);
}

static void test_report_html__unknown_model(void **state)
{
	/* a model this parley does not know (a result from another version):
	 * shown with its id and a ring marker, after the known ones */
	static const char json[] =
		"{\"issues\": [{\"id\": \"x\", \"scale\": [0, 10],\n"
		" \"actors\": [{\"id\": \"a\", \"position\": 2.5, \"salience\": 50, \"capability\": 1, \"red_line\": null}],\n"
		" \"models\": {\"future\": {\"forecast\": 7.25}, \"mean\": {\"forecast\": 2.5}}}]}";
	char *html = render(json, 0);
	char *mean, *future;
	(void)state;
	mean = strstr(html, "data-model=\"mean\" data-forecast=\"2.5\"");
	assert_non_null(mean);
	future = strstr(html, "data-model=\"future\" data-forecast=\"7.25\"");
	assert_non_null(future);
	assert_true(mean < future);
	assert_non_null(strstr(html, "<td class=\"nm\"><span class=\"mk\" style=\"color:#000000\" aria-hidden=\"true\">"));
	free(html);
}

/* ---- allocation failure ---- */

/* The Nth allocation refused (the counting allocator of testutil.h), for
 * every N: PARLEY_ENOMEM with the output as it was, or success; nothing
 * left alive. */
static void alloc_every_failure(const char *json)
{
	long n;
	for (n = 1;; n++) {
		parley_buf out = PARLEY_BUF_INIT;
		parley_report_chart_list charts = PARLEY_REPORT_CHART_LIST_INIT;
		int rc1, rc2;
		tu_counter_install(n, 0);
		rc1 = parley_report_html(&out, json, strlen(json), "s", NULL, NULL);
		rc2 = parley_report_charts(&charts, json, strlen(json), "s", NULL, NULL);
		assert_true(rc1 == 0 || rc1 == PARLEY_ENOMEM);
		assert_true(rc2 == 0 || rc2 == PARLEY_ENOMEM);
		if (rc1 == PARLEY_ENOMEM)
			assert_int_equal(out.size, 0);
		if (rc2 == PARLEY_ENOMEM)
			assert_int_equal(charts.count, 0);
		parley_buf_dispose(&out);
		parley_report_chart_list_dispose(&charts);
		assert_int_equal(tu_counter.nlive, 0);
		assert_int_equal(tu_counter.bad_frees, 0);
		if (rc1 == 0 && rc2 == 0 && tu_counter.count < n)
			break;
	}
	parley_set_allocator(NULL);
}

static void test_report_alloc__every_failure(void **state)
{
	(void)state;
	alloc_every_failure(small_json);
	alloc_every_failure(pkg_json);
	alloc_every_failure(ledger_json);
	alloc_every_failure(score_json);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_html__every_chart_with_its_data),
		cmocka_unit_test(test_report_html__escapes_names),
		cmocka_unit_test(test_report_html__same_bytes),
		cmocka_unit_test(test_report_html__names_first_entry),
		cmocka_unit_test(test_report_charts__standalone_svgs),
		cmocka_unit_test(test_report_html__backtest),
		cmocka_unit_test(test_report_html__package_chart),
		cmocka_unit_test(test_report_html__package_long_id),
		cmocka_unit_test(test_report_html__ledger_export),
		cmocka_unit_test(test_report_html__ledger_score),
		cmocka_unit_test(test_report_html__bad_json_is_positioned),
		cmocka_unit_test(test_report_html__bad_options),
		cmocka_unit_test(test_report_html__options),
		cmocka_unit_test(test_report_html__max_bytes),
		cmocka_unit_test(test_report_html__unknown_model),
		cmocka_unit_test_teardown(test_report_alloc__every_failure, tu_counter_restore),
	};
	return tu_run_tests(tests, argc, argv);
}
