/*
 * report_forecast_issue.c - one issue of the forecast's report: its scale,
 * the positions chart, the models' forecasts, the exchanges, the actors,
 * whether an agreement is possible in words, the expected-utility rounds,
 * and with Monte Carlo draws the distributions, zone probabilities and the
 * tornado of what moves the forecast.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_forecast.h"

static int issue_decimals(rctx *c, const rissue *is, jnode *actors)
{
	double lo = is->hi, hi = is->lo, v;
	size_t k;
	for (k = 0; k < parley__rj_len(actors); k++)
		if (parley__rj_num_at(c, parley__rj_at(actors, k), "position", &v)) {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	return (is->hi - is->lo <= 20 || hi - lo <= 20) ? 2 : 1;
}

/* A point of issue `is` at obj[key], when there: on its scale (with a
 * rounding margin of 10^-9 of its width), else a diagnostic. */
static void on_scale(rctx *c, const rissue *is, jnode *n)
{
	double margin = (is->hi - is->lo) * 1e-9, v;
	char what[96];
	snprintf(what, sizeof(what), "a point of the issue's scale [%.15g, %.15g]", is->lo, is->hi);
	(void)parley__rj_num_within(c, n, is->lo - margin, is->hi + margin, 0, what, &v);
}

static void scale_point(rctx *c, const rissue *is, jnode *obj, const char *key)
{
	on_scale(c, is, parley__rj_get(obj, key));
}

/* An interval [lo, hi] (a zone, a red line) on the scale. */
static void scale_pair(rctx *c, const rissue *is, jnode *obj, const char *key)
{
	double lo, hi;
	jnode *a = parley__rj_get(obj, key);
	if (parley__rj_pair(c, a, &lo, &hi)) {
		on_scale(c, is, parley__rj_at(a, 0));
		on_scale(c, is, parley__rj_at(a, 1));
	}
}

/* The numbers of an issue that are points of its scale (docs/report.md):
 * its status quo, labels, zones, actors' positions and red lines, and each
 * model's forecast, distribution and expected-utility medians. Checked once
 * per reading of the issue (a diagnostic repeated at the same place is
 * kept once). */
static void check_positions(rctx *c, const rissue *is)
{
	jnode *list, *models = parley__rj_obj_at(c, is->issue, "models"), *mo;
	rstr key;
	void *iter = NULL;
	size_t k;

	scale_point(c, is, is->issue, "status_quo");
	list = parley__rj_arr_at(c, is->issue, "labels");
	for (k = 0; k < parley__rj_len(list); k++)
		scale_point(c, is, parley__rj_at(list, k), "at");
	list = parley__rj_arr_at(c, is->issue, "zones");
	for (k = 0; k < parley__rj_len(list); k++)
		scale_pair(c, is, parley__rj_at(list, k), "range");
	list = parley__rj_arr_at(c, is->issue, "actors");
	for (k = 0; k < parley__rj_len(list); k++) {
		scale_point(c, is, parley__rj_at(list, k), "position");
		scale_pair(c, is, parley__rj_at(list, k), "red_line");
	}
	while ((mo = parley__rj_next(models, &iter, &key)) != NULL) {
		jnode *d = parley__rj_obj_at(c, mo, "distribution"), *q = parley__rj_obj_at(c, d, "quantiles"), *rounds;
		jnode *qv;
		void *qiter = NULL;
		rstr qk;
		scale_point(c, is, mo, "forecast");
		scale_point(c, is, d, "mean");
		while ((qv = parley__rj_next(q, &qiter, &qk)) != NULL)
			on_scale(c, is, qv);
		scale_point(c, is, parley__rj_obj_at(c, d, "histogram"), "lo");
		scale_point(c, is, parley__rj_obj_at(c, d, "histogram"), "hi");
		/* the expected-utility model's rounds (the exchange model's
		 * "rounds" is a count: parley__rj_len() of a number is 0) */
		scale_point(c, is, parley__rj_get(mo, "initial"), "median");
		rounds = parley__rj_get(mo, "rounds");
		for (k = 0; k < parley__rj_len(rounds); k++)
			scale_point(c, is, parley__rj_at(rounds, k), "median");
	}
}

/* Fill `is` from issue object `n`; 0 when the issue cannot be drawn (diagnosed). */
int parley_report__read_issue(rctx *c, jnode *n, size_t index, rissue *is)
{
	memset(is, 0, sizeof(*is));
	is->issue = parley__rj_obj(c, n);
	is->index = index;
	if (!is->issue)
		return 0;
	is->id = parley__rj_str_at(c, n, "id");
	is->title = parley__rj_str_at(c, n, "title");
	if (!is->id.p) {
		if (parley__rj_is_null(parley__rj_get(n, "id")))
			parley__rj_error(c, n, "\"id\": a string", "an issue without an id");
		return 0;
	}
	if (!is->title.p)
		is->title = is->id;
	if (!parley__rj_pair(c, parley__rj_get(n, "scale"), &is->lo, &is->hi)) {
		if (!parley__rj_get(n, "scale"))
			parley__rj_error(c, n, "\"scale\": [low, high]", "an issue without a scale");
		return 0;
	}
	if (!(is->hi > is->lo) || !isfinite(is->hi - is->lo)) {
		parley__rj_error(c, parley__rj_get(n, "scale"), "low < high, high - low a finite number",
			is->hi > is->lo ? "a scale too wide to draw" : "an empty scale");
		return 0;
	}
	is->has_sq = parley__rj_num_at(c, n, "status_quo", &is->sq);
	check_positions(c, is);
	is->dec = issue_decimals(c, is, parley__rj_arr_at(c, n, "actors"));
	return 1;
}

/* Names joined by commas and "and", from an array of actor ids. */
static int actor_names(rctx *c, jnode *ids)
{
	size_t k, n = parley__rj_len(ids);
	int error = 0;
	for (k = 0; k < n; k++) {
		PARLEY_TRY(parley_buf__puts(c->out, k == 0 ? "" : k + 1 == n ? " and " : ", "));
		PARLEY_TRY(parley__html_esc(c->out, parley__rj_actor_name(c, parley__rj_str(c, parley__rj_at(ids, k)))));
	}
done:
	return error;
}

static int actor_position(rctx *c, jnode *issue, rstr id, double *out)
{
	jnode *actors = parley__rj_arr_at(c, issue, "actors");
	size_t k;
	for (k = 0; id.p && k < parley__rj_len(actors); k++) {
		rstr a = parley__rj_str_at(c, parley__rj_at(actors, k), "id");
		if (a.p && a.n == id.n && !memcmp(a.p, id.p, id.n))
			return parley__rj_num_at(c, parley__rj_at(actors, k), "position", out);
	}
	return 0;
}

/* An interval member of `obj` with its _open companion, or `none`. */
int parley_report__interval_at(rctx *c, jnode *obj, const char *key, int dec, const char *none)
{
	double lo, hi;
	int lo_open, hi_open;
	if (!parley__rj_pair(c, parley__rj_get(obj, key), &lo, &hi))
		return parley_buf__puts(c->out, none);
	parley__rj_open(c, obj, key, &lo_open, &hi_open);
	return parley__html_interval(c->out, lo, hi, lo_open, hi_open, dec);
}

static const char *rule_phrase(rstr rule)
{
	return parley__rstr_eq(rule, "bilateral") ? "bilateral agreement" :
		parley__rstr_eq(rule, "unanimity") ? "consensus" :
		parley__rstr_eq(rule, "simple_majority") ? "simple majority" :
		parley__rstr_eq(rule, "qualified_majority") ? "qualified majority" : "its rule";
}

static int scale_block(rctx *c, const rissue *is)
{
	jnode *labels = parley__rj_arr_at(c, is->issue, "labels"), *zones = parley__rj_arr_at(c, is->issue, "zones");
	size_t k;
	int error = 0;

	PARLEY_TRY(parley_buf__puts(c->out, "<h3>The scale</h3>\n"));
	if (parley__rj_len(labels))
		PARLEY_TRY(parley_buf__puts(c->out, "<table class=\"scale\">\n<thead><tr><th class=\"n\">Point</th>"
			"<th>What it means</th></tr></thead>\n<tbody>\n"));
	for (k = 0; k < parley__rj_len(labels); k++) {
		jnode *l = parley__rj_at(labels, k);
		double at;
		if (!parley__rj_num_at(c, l, "at", &at))
			continue;
		PARLEY_TRY(parley_buf__puts(c->out, "<tr><td class=\"n\">"));
		PARLEY_TRY(parley__html_num(c->out, at, fabs(at - round(at)) < 1e-9 ? 0 : is->dec));
		PARLEY_TRY(parley_buf__puts(c->out, "</td><td>"));
		PARLEY_TRY(parley__html_esc(c->out, parley__rj_str_at(c, l, "text")));
		if (is->has_sq && at == is->sq)
			PARLEY_TRY(parley_buf__puts(c->out, " <span class=\"muted\">(the status quo)</span>"));
		PARLEY_TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	if (parley__rj_len(labels))
		PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
	PARLEY_TRY(parley_buf__puts(c->out, "<p>Scale "));
	PARLEY_TRY(parley__html_num(c->out, is->lo, is->dec));
	PARLEY_TRY(parley_buf__puts(c->out, " to "));
	PARLEY_TRY(parley__html_num(c->out, is->hi, is->dec));
	PARLEY_TRY(parley_buf__puts(c->out, "; status quo "));
	PARLEY_TRY(is->has_sq ? parley__html_num(c->out, is->sq, is->dec) : parley_buf__puts(c->out, "none given"));
	PARLEY_TRY(parley_buf__puts(c->out, "."));
	for (k = 0; k < parley__rj_len(zones); k++) {
		jnode *z = parley__rj_at(zones, k);
		PARLEY_TRY(parley_buf__puts(c->out, k ? "; " : " Zones: "));
		PARLEY_TRY(parley__html_esc(c->out, parley__rj_str_at(c, z, "name")));
		PARLEY_TRY(parley_buf__puts(c->out, " "));
		PARLEY_TRY(parley_report__interval_at(c, z, "range", is->dec, "?"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, parley__rj_len(zones) ? ".</p>\n" : "</p>\n"));
done:
	return error;
}

/* The labelled point nearest to y, or NULL. */
static jnode *nearest_label(rctx *c, const rissue *is, double y, double *at)
{
	jnode *labels = parley__rj_arr_at(c, is->issue, "labels"), *best = NULL;
	double bd = 0, v;
	size_t k;
	for (k = 0; k < parley__rj_len(labels); k++)
		if (parley__rj_num_at(c, parley__rj_at(labels, k), "at", &v) && (!best || fabs(v - y) < bd)) {
			best = parley__rj_at(labels, k);
			bd = fabs(v - y);
			*at = v;
		}
	return best;
}

static int models_table(rctx *c, const rissue *is)
{
	jnode *models = parley__rj_obj_at(c, is->issue, "models");
	jnode *walk = parley__rj_obj_at(c, parley__rj_obj_at(c, is->issue, "feasibility"), "walkouts");
	size_t m;
	int error = 0;

	if (!models)
		return 0;
	PARLEY_TRY(parley_buf__puts(c->out, "<h3>What the models forecast</h3>\n<table class=\"wide models\">\n<thead><tr>"
		"<th>Model</th><th class=\"n\">Forecast</th><th>Nearest labelled point</th><th>Zone</th>"
		"<th>Note</th></tr></thead>\n<tbody>\n"));
	for (m = 0; m < c->nmodels; m++) {
		jnode *mo = parley__rj_obj(c, parley__rj_get(models, c->models[m].id));
		jnode *lab, *who;
		double f, at = 0, lo, hi;
		int tie = 0, notes = 0;
		rstr status;
		if (!mo)
			continue;
		PARLEY_TRY(parley_buf__printf(c->out, "<tr data-model=\"%s\"><td class=\"nm\">", c->models[m].id));
		PARLEY_TRY(parley_report__glyph(c, m));
		PARLEY_TRY(parley_buf__printf(c->out, "%s</td>", c->models[m].title));
		if (!parley__rj_num_at(c, mo, "forecast", &f)) {
			PARLEY_TRY(parley__html_wrap(c->out, "<td class=\"n\">n/a</td><td></td><td></td><td>", parley__rj_str_at(c, mo, "error"), "</td></tr>\n"));
			continue;
		}
		PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
		PARLEY_TRY(parley__html_num(c->out, f, is->dec));
		PARLEY_TRY(parley_buf__puts(c->out, "</td><td>"));
		if ((lab = nearest_label(c, is, f, &at)) != NULL) {
			PARLEY_TRY(parley__html_num(c->out, at, fabs(at - round(at)) < 1e-9 ? 0 : is->dec));
			PARLEY_TRY(parley_buf__puts(c->out, ": "));
			PARLEY_TRY(parley__html_esc(c->out, parley__rj_str_at(c, lab, "text")));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</td><td>"));
		{
			rstr z = parley__rj_str_at(c, mo, "zone");
			PARLEY_TRY(z.p ? parley__html_esc(c->out, z) : parley_buf__puts(c->out, "<span class=\"muted\">none</span>"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</td><td>"));
		if (parley__rj_bool_at(c, mo, "tie", &tie) && tie && parley__rj_pair(c, parley__rj_get(mo, "interval"), &lo, &hi)) {
			PARLEY_TRY(parley_buf__puts(c->out, "a tie: every point of "));
			PARLEY_TRY(parley__html_interval(c->out, lo, hi, 0, 0, is->dec));
			PARLEY_TRY(parley_buf__puts(c->out, " is a weak Condorcet winner"));
			notes++;
		}
		status = parley__rj_str_at(c, mo, "status");
		if (m == 3 && parley__rstr_eq(status, "disagreement_point")) {
			PARLEY_TRY(parley_buf__puts(c->out, "stays at the status quo: no change leaves every actor better off"));
			notes++;
		}
		if (m == 4 && status.p) {
			double rounds = 0;
			parley__rj_count_at(c, mo, "rounds_run", &rounds);
			PARLEY_TRY(parley_buf__printf(c->out, "%s after %.0f round%s (rounds below)",
				parley__rstr_eq(status, "fixed_point") ? "stopped at a fixed point" :
				parley__rstr_eq(status, "max_rounds") ? "stopped at the round limit" :
				parley__rstr_eq(status, "degenerate_range") ? "all actors at one position" : "stopped",
				rounds, rounds == 1 ? "" : "s"));
			notes++;
		}
		if (!strcmp(c->models[m].id, "exchange") && status.p) {
			double rounds = 0;
			parley__rj_count_at(c, mo, "rounds", &rounds);
			PARLEY_TRY(parley_buf__printf(c->out, "%s after %.0f round%s (exchanges below)",
				parley__rstr_eq(status, "fixed_point") ? "no exchange left" :
				parley__rstr_eq(status, "max_rounds") ? "stopped at the round limit" : "stopped",
				rounds, rounds == 1 ? "" : "s"));
			notes++;
		}
		who = parley__rj_arr_at(c, walk, c->models[m].id);
		if (parley__rj_len(who)) {
			PARLEY_TRY(parley_buf__puts(c->out, notes++ ? "; crosses the red line of " : "crosses the red line of "));
			PARLEY_TRY(actor_names(c, who));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
done:
	return error;
}

/* The title of issue `id` among the result's issues (the id when unknown). */
rstr parley_report__issue_title(rctx *c, rstr id)
{
	jnode *issues = parley__rj_arr_at(c, c->root, "issues");
	size_t i;
	for (i = 0; id.p && i < parley__rj_len(issues); i++) {
		jnode *is = parley__rj_at(issues, i);
		rstr iid = parley__rj_str_at(c, is, "id"), t;
		if (iid.p && iid.n == id.n && !memcmp(iid.p, id.p, id.n)) {
			t = parley__rj_str_at(c, is, "title");
			return t.p ? t : id;
		}
	}
	return id;
}

/* Exchanges listed per issue. */
#define EXCHANGES_SHOWN 5

/* The exchange model's largest exchanges touching the issue. */
static int exchange_block(rctx *c, const rissue *is)
{
	jnode *ex = parley__rj_obj_at(c, parley__rj_obj_at(c, is->issue, "models"), "exchange");
	jnode *list = parley__rj_arr_at(c, ex, "exchanges");
	size_t n = parley__rj_len(list), shown = n < EXCHANGES_SHOWN ? n : EXCHANGES_SHOWN, k, i;
	int error = 0;
	size_t order[EXCHANGES_SHOWN];
	double rounds = 0;
	rstr status = parley__rj_str_at(c, ex, "status");

	if (!ex)
		return 0;
	parley__rj_count_at(c, ex, "rounds", &rounds);
	PARLEY_TRY(parley_buf__printf(c->out, "<h3>Vote exchanges</h3>\n<p>In the exchange model (Stokman and Van Oosten "
		"1994) pairs of actors trade positions across two issues when both gain. %zu exchange%s touch%s this "
		"issue", n, n == 1 ? "" : "s", n == 1 ? "es" : ""));
	if (status.p)
		PARLEY_TRY(parley_buf__printf(c->out, "; the procedure %s after %.0f round%s",
			parley__rstr_eq(status, "fixed_point") ? "found nothing more to trade" :
			parley__rstr_eq(status, "max_rounds") ? "stopped at the round limit" : "stopped", rounds,
			rounds == 1 ? "" : "s"));
	PARLEY_TRY(parley_buf__printf(c->out, "%s</p>\n", shown ? ". The largest, by what each side gains:" : "."));
	if (!shown)
		goto done;
	/* the `shown` largest gains, largest first (ties: the earlier exchange) */
	for (k = 0; k < shown; k++) {
		double best = 0, g;
		size_t bi = n, j;
		for (i = 0; i < n; i++) {
			int taken = 0;
			for (j = 0; j < k; j++)
				taken |= order[j] == i;
			g = 0;
			parley__rj_num_at(c, parley__rj_at(list, i), "gain", &g);
			if (!taken && (bi == n || g > best)) {
				best = g;
				bi = i;
			}
		}
		order[k] = bi;
	}
	PARLEY_TRY(parley_buf__printf(c->out, "<ol class=\"exchanges\" data-exchanges=\"%zu\">\n", n));
	for (k = 0; k < shown; k++) {
		jnode *x = parley__rj_at(list, order[k]);
		double r = 0, from, to, dfrom, dto, g = 0;
		parley__rj_count_at(c, x, "round", &r);
		parley__rj_num_at(c, x, "gain", &g);
		PARLEY_TRY(parley_buf__puts(c->out, "<li data-gain=\""));
		PARLEY_TRY(parley__html_exact(c->out, g));
		PARLEY_TRY(parley__html_wrap(c->out, "\" data-supplier=\"", parley__rj_str_at(c, x, "supplier"), "\" data-demander=\""));
		PARLEY_TRY(parley__html_esc(c->out, parley__rj_str_at(c, x, "demander")));
		PARLEY_TRY(parley__html_wrap(c->out, "\"><strong>", parley__rj_actor_name(c, parley__rj_str_at(c, x, "supplier")), "</strong> moves on "));
		PARLEY_TRY(parley__html_esc(c->out, parley_report__issue_title(c, parley__rj_str_at(c, x, "moves_on"))));
		if (parley__rj_num_at(c, x, "from", &from) && parley__rj_num_at(c, x, "to", &to)) {
			PARLEY_TRY(parley_buf__puts(c->out, " from "));
			PARLEY_TRY(parley__html_num(c->out, from, is->dec));
			PARLEY_TRY(parley_buf__puts(c->out, " to "));
			PARLEY_TRY(parley__html_num(c->out, to, is->dec));
		}
		PARLEY_TRY(parley__html_wrap(c->out, "; in return <strong>", parley__rj_actor_name(c, parley__rj_str_at(c, x, "demander")), "</strong> moves on "));
		PARLEY_TRY(parley__html_esc(c->out, parley_report__issue_title(c, parley__rj_str_at(c, x, "in_return_on"))));
		if (parley__rj_num_at(c, x, "demander_from", &dfrom) && parley__rj_num_at(c, x, "demander_to", &dto)) {
			PARLEY_TRY(parley_buf__puts(c->out, " from "));
			PARLEY_TRY(parley__html_num(c->out, dfrom, is->dec));
			PARLEY_TRY(parley_buf__puts(c->out, " to "));
			PARLEY_TRY(parley__html_num(c->out, dto, is->dec));
		}
		PARLEY_TRY(parley_buf__printf(c->out, " <span class=\"muted\">(round %.0f, gain %.3g each)</span></li>\n", r, g));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</ol>\n"));
	if (n > shown)
		PARLEY_TRY(parley_buf__printf(c->out, "<p class=\"muted\">The JSON result lists all %zu.</p>\n", n));
done:
	return error;
}

static int actors_table(rctx *c, const rissue *is)
{
	jnode *actors = parley__rj_arr_at(c, is->issue, "actors");
	size_t k;
	int error = 0;

	PARLEY_TRY(parley_buf__puts(c->out, "<h3>The actors</h3>\n<table class=\"wide actors\">\n<thead><tr><th>Actor</th>"
		"<th class=\"n\">Position</th><th class=\"n\">Salience</th><th class=\"n\">Capability</th>"
		"<th class=\"n\">Red line (accepts)</th></tr></thead>\n<tbody>\n"));
	for (k = 0; k < parley__rj_len(actors); k++) {
		jnode *a = parley__rj_at(actors, k);
		double v;
		PARLEY_TRY(parley__html_wrap(c->out, "<tr><td>", parley__rj_actor_name(c, parley__rj_str_at(c, a, "id")), "</td><td class=\"n\">"));
		if (parley__rj_num_at(c, a, "position", &v))
			PARLEY_TRY(parley__html_num(c->out, v, is->dec));
		PARLEY_TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
		if (parley__rj_nonneg_at(c, a, "salience", &v))
			PARLEY_TRY(parley__html_short(c->out, v));
		PARLEY_TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
		if (parley__rj_nonneg_at(c, a, "capability", &v))
			PARLEY_TRY(parley__html_short(c->out, v));
		PARLEY_TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
		PARLEY_TRY(parley_report__interval_at(c, a, "red_line", is->dec, "<span class=\"muted\">none given</span>"));
		PARLEY_TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
done:
	return error;
}

/* One venue in words. */
static int venue_words(rctx *c, const rissue *is, rstr id, jnode *v)
{
	jnode *pivots = parley__rj_arr_at(c, v, "pivots"), *blockers = parley__rj_arr_at(c, v, "blockers");
	jnode *models = parley__rj_obj_at(c, v, "models");
	rstr rule = parley__rj_str_at(c, v, "rule");
	double members = 0, lo, hi, plo, phi;
	int has_change = parley__rj_pair(c, parley__rj_get(v, "change"), &lo, &hi);
	int has_pass = parley__rj_pair(c, parley__rj_get(v, "passable"), &plo, &phi), split = 0, error = 0;
	size_t m, shown = 0;

	parley__rj_count_at(c, v, "members", &members);
	parley__rj_bool_at(c, v, "split", &split);
	PARLEY_TRY(parley__html_wrap(c->out, "<li data-venue=\"", id, "\"><strong>"));
	PARLEY_TRY(parley__html_esc(c->out, parley__rj_venue_name(c, id)));
	PARLEY_TRY(parley_buf__printf(c->out, "</strong> (%s, %.0f member%s): ", rule_phrase(rule), members,
		members == 1 ? "" : "s"));
	if (has_change) {
		PARLEY_TRY(parley_buf__puts(c->out, "outcomes in "));
		PARLEY_TRY(parley_report__interval_at(c, v, "change", is->dec, ""));
		PARLEY_TRY(parley_buf__printf(c->out, " beat the status quo by %s and every member's red line admits them",
			rule_phrase(rule)));
		if (has_pass && (plo != lo || phi != hi)) {
			PARLEY_TRY(parley_buf__puts(c->out, "; the rule alone would pass "));
			PARLEY_TRY(parley_report__interval_at(c, v, "passable", is->dec, ""));
		}
	} else if (has_pass) {
		PARLEY_TRY(parley_buf__puts(c->out, "outcomes in "));
		PARLEY_TRY(parley_report__interval_at(c, v, "passable", is->dec, ""));
		PARLEY_TRY(parley_buf__printf(c->out, " beat the status quo by %s, but some member's red line excludes "
			"every one of them", rule_phrase(rule)));
	} else if (parley__rj_len(blockers) == 2) {
		size_t k;
		PARLEY_TRY(parley_buf__puts(c->out, "no change can pass: "));
		for (k = 0; k < 2; k++) {
			rstr who = parley__rj_str(c, parley__rj_at(blockers, k));
			double pos;
			PARLEY_TRY(parley_buf__puts(c->out, k ? " and " : ""));
			PARLEY_TRY(parley__html_esc(c->out, parley__rj_actor_name(c, who)));
			if (actor_position(c, is->issue, who, &pos)) {
				PARLEY_TRY(parley_buf__puts(c->out, " ("));
				PARLEY_TRY(parley__html_num(c->out, pos, is->dec));
				PARLEY_TRY(parley_buf__puts(c->out, ")"));
			}
		}
		PARLEY_TRY(parley_buf__puts(c->out, " stand on opposite sides of the status quo, and each can block any move"));
	} else if (members == 0) {
		PARLEY_TRY(parley_buf__puts(c->out, "no member takes a position on this issue"));
	} else {
		PARLEY_TRY(parley_buf__puts(c->out, "no change can pass under its rule"));
	}
	if (split)
		PARLEY_TRY(parley_buf__puts(c->out, "; moves on both sides of the status quo pass"));
	if (parley__rj_len(pivots)) {
		PARLEY_TRY(parley_buf__printf(c->out, ". Pivot%s: ", parley__rj_len(pivots) == 1 ? "" : "s"));
		PARLEY_TRY(actor_names(c, pivots));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "."));
	for (m = 0; m < c->nmodels; m++) {
		double f;
		if (!parley__rj_num_at(c, parley__rj_get(models, c->models[m].id), "forecast", &f))
			continue;
		PARLEY_TRY(parley_buf__printf(c->out, "%s%s ", shown++ ? ", " : " <span class=\"muted\">Forecasts among "
			"its members: ", c->models[m].shortname));
		PARLEY_TRY(parley__html_num(c->out, f, is->dec));
	}
	if (shown)
		PARLEY_TRY(parley_buf__puts(c->out, ".</span>"));
	PARLEY_TRY(parley_buf__puts(c->out, "</li>\n"));
done:
	return error;
}

static int feasibility(rctx *c, const rissue *is, double draws)
{
	jnode *fz = parley__rj_obj_at(c, is->issue, "feasibility");
	jnode *conf = parley__rj_arr_at(c, fz, "conflicts"), *venues = parley__rj_obj_at(c, fz, "venues");
	jnode *bodies = parley__rj_obj_at(c, fz, "ratification"), *prob = parley__rj_obj_at(c, fz, "probability");
	jnode *walk = parley__rj_obj_at(c, fz, "walkouts");
	size_t k, m;
	double lo, hi, p;
	int sq_ok, error = 0;
	void *iter = NULL;
	rstr key;
	jnode *v;

	if (!fz)
		return 0;
	PARLEY_TRY(parley_buf__puts(c->out, "<h3>Is an agreement possible?</h3>\n<ul class=\"feas\">\n<li>"));
	if (parley__rj_pair(c, parley__rj_get(fz, "acceptable"), &lo, &hi)) {
		PARLEY_TRY(parley_buf__puts(c->out, "Every red line admits "));
		PARLEY_TRY(parley_report__interval_at(c, fz, "acceptable", is->dec, ""));
		if (parley__rj_bool_at(c, fz, "status_quo_acceptable", &sq_ok))
			PARLEY_TRY(parley_buf__printf(c->out, "; the status quo is %s", sq_ok ? "inside" : "outside"));
		PARLEY_TRY(parley_buf__puts(c->out, ".</li>\n"));
	} else {
		PARLEY_TRY(parley_buf__puts(c->out, "No outcome is within every red line."));
		for (k = 0; k < parley__rj_len(conf) && k < 5; k++) {
			jnode *e = parley__rj_at(conf, k);
			rstr a = parley__rj_str_at(c, e, "a"), b = parley__rj_str_at(c, e, "b");
			double gap;
			PARLEY_TRY(parley_buf__puts(c->out, k ? " " : " "));
			PARLEY_TRY(parley__html_esc(c->out, parley__rj_actor_name(c, a)));
			PARLEY_TRY(parley_buf__puts(c->out, " and "));
			PARLEY_TRY(parley__html_esc(c->out, parley__rj_actor_name(c, b)));
			if (parley__rj_nonneg_at(c, e, "gap", &gap)) {
				PARLEY_TRY(parley_buf__puts(c->out, " are "));
				PARLEY_TRY(parley__html_num(c->out, gap, is->dec));
				PARLEY_TRY(parley_buf__puts(c->out, " apart."));
			} else {
				PARLEY_TRY(parley_buf__puts(c->out, " do not overlap."));
			}
		}
		if (parley__rj_len(conf) > 5)
			PARLEY_TRY(parley_buf__printf(c->out, " And %zu more pairs.", parley__rj_len(conf) - 5));
		PARLEY_TRY(parley_buf__puts(c->out, "</li>\n"));
	}
	while ((v = parley__rj_next(venues, &iter, &key)) != NULL)
		PARLEY_TRY(venue_words(c, is, key, parley__rj_obj(c, v)));
	for (m = 0; m < c->nmodels; m++) {
		jnode *who = parley__rj_arr_at(c, walk, c->models[m].id);
		double f;
		if (!parley__rj_len(who) || !parley__rj_num_at(c, parley__rj_get(parley__rj_obj_at(c, is->issue, "models"),
			c->models[m].id), "forecast", &f))
			continue;
		PARLEY_TRY(parley_buf__printf(c->out, "<li>The forecast of the %s (", c->models[m].lower));
		PARLEY_TRY(parley__html_num(c->out, f, is->dec));
		PARLEY_TRY(parley_buf__puts(c->out, ") crosses the red line of "));
		PARLEY_TRY(actor_names(c, who));
		PARLEY_TRY(parley_buf__printf(c->out, ", who would walk out.</li>\n"));
	}
	iter = NULL;
	while ((v = parley__rj_next(bodies, &iter, &key)) != NULL) {
		jnode *inside = parley__rj_obj_at(c, v, "forecasts_inside");
		double thr = 0;
		int ar = 0, any_agreement = parley__rj_pair(c, parley__rj_get(fz, "agreement"), &lo, &hi);
		size_t nin = 0, nall = 0;
		rstr actor = parley__rj_str_at(c, v, "actor");
		parley__rj_nonneg_at(c, v, "threshold", &thr);
		PARLEY_TRY(parley__html_wrap(c->out, "<li data-ratification=\"", key, "\">Ratification by <strong>"));
		PARLEY_TRY(parley__html_esc(c->out, parley__rj_body_name(c, key)));
		PARLEY_TRY(parley_buf__printf(c->out, "</strong> (%g votes needed", thr));
		if (actor.p) {
			PARLEY_TRY(parley_buf__puts(c->out, ", for "));
			PARLEY_TRY(parley__html_esc(c->out, parley__rj_actor_name(c, actor)));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "): "));
		if (parley__rj_pair(c, parley__rj_get(v, "ratifiable"), &lo, &hi)) {
			PARLEY_TRY(parley_buf__puts(c->out, "it would ratify outcomes in "));
			PARLEY_TRY(parley_report__interval_at(c, v, "ratifiable", is->dec, ""));
		} else {
			PARLEY_TRY(parley_buf__puts(c->out, "it would ratify no change"));
		}
		parley__rj_bool_at(c, v, "agreement_ratifiable", &ar);
		PARLEY_TRY(parley_buf__puts(c->out, !any_agreement ? "; there is no agreement to ratify." :
			ar ? "; part of the possible agreement could be ratified." :
			"; the possible agreement would not be ratified."));
		for (m = 0; m < c->nmodels; m++) {
			int in;
			if (parley__rj_bool_at(c, inside, c->models[m].id, &in)) {
				nall++;
				nin += in != 0;
			}
		}
		if (nall) {
			size_t seen = 0;
			if (nin == 0)
				PARLEY_TRY(parley_buf__puts(c->out, " No model's forecast lies inside."));
			else if (nin == nall)
				PARLEY_TRY(parley_buf__puts(c->out, " Every model's forecast lies inside."));
			else {
				PARLEY_TRY(parley_buf__puts(c->out, " Forecasts it would ratify: those of the "));
				for (m = 0; m < c->nmodels; m++) {
					int in;
					if (parley__rj_bool_at(c, inside, c->models[m].id, &in) && in)
						PARLEY_TRY(parley_buf__printf(c->out, "%s%s", seen++ ? ", " : "", c->models[m].lower));
				}
				PARLEY_TRY(parley_buf__puts(c->out, "."));
			}
		}
		{
			jnode *rat = parley__rj_obj_at(c, prob, "ratified"), *pv;
			void *it2 = NULL;
			rstr k2;
			while ((pv = parley__rj_next(rat, &it2, &k2)) != NULL)
				if (k2.n == key.n && !memcmp(k2.p, key.p, key.n) && parley__rj_share(c, pv, &p)) {
					PARLEY_TRY(parley_buf__puts(c->out, " Over the draws it ratifies part of a possible agreement in "));
					PARLEY_TRY(parley__html_pct(c->out, p));
					PARLEY_TRY(parley_buf__puts(c->out, " of them."));
				}
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</li>\n"));
	}
	if (parley__rj_share_at(c, prob, "agreement_possible", &p)) {
		PARLEY_TRY(parley_buf__printf(c->out, "<li>Over the %.0f draws of the uncertain inputs an agreement is "
			"possible in ", draws));
		PARLEY_TRY(parley__html_pct(c->out, p));
		PARLEY_TRY(parley_buf__puts(c->out, " of them.</li>\n"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</ul>\n"));
done:
	return error;
}

static int rounds_block(rctx *c, const rissue *is)
{
	jnode *bdm = parley__rj_obj_at(c, parley__rj_obj_at(c, is->issue, "models"), "bdm");
	jnode *rounds = parley__rj_arr_at(c, bdm, "rounds");
	parley_buf cap = PARLEY_BUF_INIT;
	rstr status = parley__rj_str_at(c, bdm, "status"), profile = parley__rj_str_at(c, bdm, "profile");
	size_t r;
	double v;
	int error = 0;

	if (!bdm || parley__rj_get(bdm, "error"))
		return 0;
	PARLEY_TRY(parley_buf__puts(c->out, "<h3>Expected-utility rounds</h3>\n"));
	PARLEY_TRY(parley_buf__puts(&cap, "Each grey line is an actor's position after each round of challenges, "
		"compromises and capitulations; the thick line is the weighted median, the model's forecast, "
		"and the dashed line the compromise mean. "));
	PARLEY_TRY(parley_buf__puts(&cap, parley__rstr_eq(status, "fixed_point") ? "The run stopped at a fixed point (nobody moves)" :
		parley__rstr_eq(status, "max_rounds") ? "The run stopped at the round limit" :
		parley__rstr_eq(status, "degenerate_range") ? "All actors share one position" : "The run stopped"));
	PARLEY_TRY(parley_buf__printf(&cap, " after %zu round%s", parley__rj_len(rounds), parley__rj_len(rounds) == 1 ? "" : "s"));
	if (profile.p) {
		PARLEY_TRY(parley__html_wrap(&cap, " (profile ", profile, ")"));
	}
	PARLEY_TRY(parley_buf__puts(&cap, ". Median by round: "));
	if (parley__rj_num_at(c, parley__rj_obj_at(c, bdm, "initial"), "median", &v)) {
		PARLEY_TRY(parley_buf__puts(&cap, "start "));
		PARLEY_TRY(parley__html_num(&cap, v, is->dec));
	}
	for (r = 0; r < parley__rj_len(rounds); r++)
		if (parley__rj_num_at(c, parley__rj_at(rounds, r), "median", &v)) {
			PARLEY_TRY(parley_buf__printf(&cap, ", %zu: ", r + 1));
			PARLEY_TRY(parley__html_num(&cap, v, is->dec));
		}
	PARLEY_TRY(parley_buf__puts(&cap, "."));
	PARLEY_TRY(parley_report__figure(c, is, "rounds", parley_report__svg_rounds, cap.ptr));
done:
	parley_buf_dispose(&cap);
	return error;
}

static const char *chosen_model(rctx *c, const rissue *is)
{
	jnode *sens = parley__rj_obj_at(c, is->issue, "sensitivity");
	const char *want = c->opts->sensitivity_model ? c->opts->sensitivity_model : "compromise";
	size_t m;
	if (parley__rj_len(parley__rj_arr_at(c, sens, want)))
		return want;
	for (m = 0; m < c->nmodels; m++)
		if (parley__rj_len(parley__rj_arr_at(c, sens, c->models[m].id)))
			return c->models[m].id;
	return NULL;
}

static int tornado_fn(rctx *c, parley_buf *b, const rissue *is)
{
	const char *model = chosen_model(c, is);
	return model ? parley_report__svg_tornado(c, b, is, model) : 1;
}

static int uncertainty_block(rctx *c, const rissue *is, double draws)
{
	jnode *models = parley__rj_obj_at(c, is->issue, "models"), *zones = parley__rj_arr_at(c, is->issue, "zones");
	size_t m, k, nz = parley__rj_len(zones), rows = 0;
	int error = 0;
	const char *model;

	for (m = 0; m < c->nmodels; m++)
		if (parley__rj_obj_at(c, parley__rj_get(models, c->models[m].id), "distribution"))
			rows++;
	model = chosen_model(c, is);
	if (!rows && !model)
		return 0;
	PARLEY_TRY(parley_buf__puts(c->out, "<h3>How sure can we be?</h3>\n"));
	if (rows) {
		PARLEY_TRY(parley_buf__printf(c->out, "<p>Every uncertain input was drawn %.0f times and every model rerun on "
			"each draw. The bars show where each model's forecast falls; narrow bars mean the forecast "
			"hardly depends on how the inputs were coded.</p>\n", draws));
		PARLEY_TRY(parley_report__figure(c, is, "distributions", parley_report__svg_distributions, NULL));
		PARLEY_TRY(parley_buf__puts(c->out, "<div class=\"grid2\">\n<table class=\"quantiles\">\n<caption>The forecast's "
			"distribution</caption>\n<thead><tr><th>Model</th><th class=\"n\">Mean</th><th class=\"n\">SD</th>"
			"<th class=\"n\">5%</th><th class=\"n\">50%</th><th class=\"n\">95%</th></tr></thead>\n<tbody>\n"));
		for (m = 0; m < c->nmodels; m++) {
			jnode *d = parley__rj_obj_at(c, parley__rj_get(models, c->models[m].id), "distribution");
			jnode *q = parley__rj_obj_at(c, d, "quantiles");
			static const char *const qs[5] = { "mean", "sd", "5", "50", "95" };
			double v;
			size_t j;
			if (!d)
				continue;
			PARLEY_TRY(parley_buf__printf(c->out, "<tr data-model=\"%s\"><td>", c->models[m].id));
			PARLEY_TRY(parley_report__glyph(c, m));
			PARLEY_TRY(parley_buf__printf(c->out, "%s</td>", c->models[m].shortname));
			for (j = 0; j < 5; j++) {
				PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
				if (j == 1 ? parley__rj_nonneg_at(c, d, qs[j], &v) : parley__rj_num_at(c, j < 2 ? d : q, qs[j], &v))
					PARLEY_TRY(parley__html_num(c->out, v, is->dec));
				PARLEY_TRY(parley_buf__puts(c->out, "</td>"));
			}
			PARLEY_TRY(parley_buf__puts(c->out, "</tr>\n"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
		if (nz) {
			PARLEY_TRY(parley_buf__puts(c->out, "<table class=\"zones\">\n<caption>Share of draws in each zone</caption>\n"
				"<thead><tr><th>Model</th>"));
			for (k = 0; k < nz; k++) {
				PARLEY_TRY(parley__html_wrap(c->out, "<th class=\"n\">", parley__rj_str_at(c, parley__rj_at(zones, k), "name"), "</th>"));
			}
			PARLEY_TRY(parley_buf__puts(c->out, "</tr></thead>\n<tbody>\n"));
			for (m = 0; m < c->nmodels; m++) {
				jnode *d = parley__rj_obj_at(c, parley__rj_get(models, c->models[m].id), "distribution");
				jnode *zp = parley__rj_obj_at(c, d, "zones");
				double v;
				if (!d)
					continue;
				PARLEY_TRY(parley_buf__printf(c->out, "<tr data-model=\"%s\"><td>", c->models[m].id));
				PARLEY_TRY(parley_report__glyph(c, m));
				PARLEY_TRY(parley_buf__printf(c->out, "%s</td>", c->models[m].shortname));
				for (k = 0; k < nz; k++) {
					rstr zn = parley__rj_str_at(c, parley__rj_at(zones, k), "name");
					jnode *pv;
					void *it = NULL;
					rstr key;
					PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
					while ((pv = parley__rj_next(zp, &it, &key)) != NULL)
						if (zn.p && key.n == zn.n && !memcmp(key.p, zn.p, zn.n) && parley__rj_share(c, pv, &v)) {
							PARLEY_TRY(parley__html_pct(c->out, v));
							break;
						}
					PARLEY_TRY(parley_buf__puts(c->out, "</td>"));
				}
				PARLEY_TRY(parley_buf__puts(c->out, "</tr>\n"));
			}
			PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</div>\n"));
	}
	if (model) {
		PARLEY_TRY(parley_report__figure(c, is, "tornado", tornado_fn,
			"Each bar is one uncertain input; its length is the input's share of the forecast's variance "
			"over the draws (the squared correlation), and it points right when raising the input raises "
			"the forecast at the coded values, left when it lowers it (grey: no local effect, as for the "
			"weighted median between actors). The numbers on the right are the change of the forecast per "
			"unit of the input. These are the codings to check first."));
	}
done:
	return error;
}

int parley_report__issue_section(rctx *c, const rissue *is, size_t count, double draws)
{
	jnode *fz = parley__rj_obj_at(c, is->issue, "feasibility");
	rstr desc = parley__rj_str_at(c, is->issue, "description"), reason = parley__rj_str_at(c, fz, "reason");
	int yes = 0, has_verdict = fz && parley__rj_bool_at(c, fz, "agreement_possible", &yes), error = 0;
	double p;

	PARLEY_TRY(parley_buf__puts(c->out, "<section class=\"issue\" id=\"issue-"));
	PARLEY_TRY(parley__html_slug(c->out, is->id));
	PARLEY_TRY(parley_buf__puts(c->out, "\" aria-labelledby=\"h-"));
	PARLEY_TRY(parley__html_slug(c->out, is->id));
	PARLEY_TRY(parley__html_wrap(c->out, "\" data-issue=\"", is->id, "\">\n<h2 id=\"h-"));
	PARLEY_TRY(parley__html_slug(c->out, is->id));
	PARLEY_TRY(parley_buf__printf(c->out, "\"><span class=\"no\">%zu</span> ", is->index + 1));
	PARLEY_TRY(parley__html_esc(c->out, is->title));
	PARLEY_TRY(parley_buf__printf(c->out, "</h2>\n<p class=\"meta\">Issue %zu of %zu \xc2\xb7 id <code>",
		is->index + 1, count));
	PARLEY_TRY(parley__html_esc(c->out, is->id));
	PARLEY_TRY(parley_buf__puts(c->out, "</code></p>\n"));
	if (desc.p) {
		PARLEY_TRY(parley__html_wrap(c->out, "<p class=\"desc\">", desc, "</p>\n"));
	}
	if (has_verdict) {
		PARLEY_TRY(parley_buf__printf(c->out, "<div class=\"verdict %s\"><strong>Is an agreement possible? %s%s</strong>",
			yes ? "yes" : "no", yes ? "Yes" : "No", reason.p ? ":" : "."));
		if (reason.p) {
			/* the reason starts lower-case: it continues the answer */
			PARLEY_TRY(parley__html_wrap(c->out, " ", reason, "."));
		}
		if (parley__rj_share_at(c, parley__rj_obj_at(c, fz, "probability"), "agreement_possible", &p)) {
			PARLEY_TRY(parley_buf__puts(c->out, " <span class=\"muted\">Possible in "));
			PARLEY_TRY(parley__html_pct(c->out, p));
			PARLEY_TRY(parley_buf__puts(c->out, " of the draws.</span>"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</div>\n"));
	}
	PARLEY_TRY(scale_block(c, is));
	PARLEY_TRY(parley_report__figure(c, is, "positions", parley_report__svg_positions,
		"Each actor's ideal point on the scale, with its red line where it gave one; below, each model's "
		"forecast on the same axis, then what every red line admits (shaded green across the actors), what "
		"each venue can pass and what each ratification body would ratify. The dashed line is the status "
		"quo; the yellow bands at the top are the scenario's named zones."));
	PARLEY_TRY(models_table(c, is));
	PARLEY_TRY(exchange_block(c, is));
	PARLEY_TRY(actors_table(c, is));
	PARLEY_TRY(feasibility(c, is, draws));
	PARLEY_TRY(rounds_block(c, is));
	PARLEY_TRY(uncertainty_block(c, is, draws));
	PARLEY_TRY(parley_buf__puts(c->out, "</section>\n"));
done:
	return error;
}
