/*
 * output_mc.c - the Monte Carlo parts of the reports: per issue and model
 * the distribution of the forecast (mean, sd, quantiles, histogram, zone
 * probabilities), the probabilities of agreement and ratification, and the
 * sensitivity ranking ("what moves the forecast"), in JSON, CSV and text.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "output_mc.h"

#define TRY(expr) do { if ((error = (expr)) < 0) return error; } while (0)
#define TORNADO_ROWS 8

/* A probability or NaN (JSON null). */
static int json_p(parley_buf *b, double p)
{
	return isnan(p) ? parley_buf__puts(b, "null") : json_num(b, p);
}

int parley_output__json_distribution(parley_buf *b, const parley_scenario *s, const parley_mc *mc,
	size_t issue, parley_model_id model)
{
	const parley_issue *is = &s->issues[issue];
	parley_mc_summary sum;
	size_t k;
	int error;

	if (parley_mc_summary_get(&sum, mc, issue, model) < 0)
		return 0;
	TRY(parley_buf__printf(b, ",\n         \"distribution\": {\"draws\": %llu, \"ok\": %llu, \"mean\": ",
		(unsigned long long)sum.draws, (unsigned long long)sum.ok));
	TRY(json_p(b, sum.mean));
	TRY(parley_buf__puts(b, ", \"sd\": "));
	TRY(json_p(b, sum.ok > 1 ? sum.sd : NAN));
	TRY(parley_buf__puts(b, ", \"quantiles\": {"));
	for (k = 0; k < 5; k++) {
		TRY(parley_buf__printf(b, "%s\"%d\": ", k ? ", " : "", parley_mc_quantile_levels[k]));
		TRY(json_p(b, sum.quantiles[k]));
	}
	TRY(parley_buf__puts(b, "},\n           \"zones\": {"));
	for (k = 0; k < sum.zone_count; k++) {
		TRY(parley_buf__puts(b, k ? ", " : ""));
		TRY(json_str(b, is->zones[k].name));
		TRY(parley_buf__puts(b, ": "));
		TRY(json_p(b, sum.draws ? (double)sum.zone_hits[k] / (double)sum.draws : NAN));
	}
	TRY(parley_buf__puts(b, "},\n           \"histogram\": {\"lo\": "));
	TRY(json_num(b, sum.lo));
	TRY(parley_buf__puts(b, ", \"hi\": "));
	TRY(json_num(b, sum.hi));
	TRY(parley_buf__printf(b, ", \"bins\": %zu, \"counts\": [", sum.bins));
	for (k = 0; k < sum.bins; k++)
		TRY(parley_buf__printf(b, "%s%llu", k ? ", " : "", (unsigned long long)sum.counts[k]));
	return parley_buf__printf(b, "]},\n           \"point_in_band\": %s}", sum.point_in_band < 0 ?
		"null" : sum.point_in_band ? "true" : "false");
}

static const char *const target_names[PARLEY_TARGET_COUNT] = {
	"position", "salience", "capability", "status_quo", "red_line"
};

/* The default uncertainty of each target on issue i, resolved
 * (parley_scenario_uncertainty_for); dist NONE where none applies. */
static void resolve_all(parley_resolved_uncertainty *r, const parley_scenario *s, size_t issue)
{
	size_t t;

	for (t = 0; t < PARLEY_TARGET_COUNT; t++)
		if (parley_scenario_uncertainty_for(&r[t], s, issue, (parley_target)t) < 0)
			memset(&r[t], 0, sizeof(r[t]));
}

int parley_output__json_uncertainty(parley_buf *b, const parley_scenario *s, size_t issue)
{
	parley_resolved_uncertainty r[PARLEY_TARGET_COUNT];
	size_t t, first = 1;
	int error;

	resolve_all(r, s, issue);
	TRY(parley_buf__puts(b, "{"));
	for (t = 0; t < PARLEY_TARGET_COUNT; t++) {
		const parley_resolved_uncertainty *u = &r[t];
		int normal = u->dist == PARLEY_DIST_NORMAL;
		if (u->dist == PARLEY_DIST_NONE)
			continue;
		TRY(parley_buf__printf(b, "%s\"%s\": {\"from\": \"%s\", ", first ? "" : ", ", target_names[t],
			u->origin == PARLEY_UNCERTAINTY_ISSUE ? "issue" : "defaults"));
		first = 0;
		TRY(parley_buf__printf(b, "\"%s\": %s", normal ? "sd" : u->dist == PARLEY_DIST_UNIFORM ?
			"uniform" : "triangular", normal ? "" : "["));
		TRY(json_num(b, u->p[0]));
		if (!normal) {
			TRY(parley_buf__puts(b, ", "));
			TRY(json_num(b, u->p[1]));
			TRY(parley_buf__puts(b, "]"));
		}
		if (u->origin == PARLEY_UNCERTAINTY_SCENARIO) {
			TRY(parley_buf__puts(b, normal ? ", \"percent\": " : ", \"percent\": ["));
			TRY(json_num(b, u->percent[0]));
			if (!normal) {
				TRY(parley_buf__puts(b, ", "));
				TRY(json_num(b, u->percent[1]));
				TRY(parley_buf__puts(b, "]"));
			}
			TRY(parley_buf__puts(b, ", \"of\": "));
			TRY(json_num(b, u->reference));
		}
		TRY(parley_buf__puts(b, "}"));
	}
	return parley_buf__puts(b, "}");
}

/* Text: what the defaults mean on this issue, when that differs from what
 * the scenario wrote (another width than 100, the issue's own, or a largest
 * capability other than 100). */
static int text_uncertainty(parley_buf *b, const parley_scenario *s, size_t issue, int dec)
{
	static const char *const labels[PARLEY_TARGET_COUNT] = {
		"positions", "saliences", "capabilities", "status quo", "red-line ends"
	};
	parley_resolved_uncertainty r[PARLEY_TARGET_COUNT];
	size_t t, first = 1;
	int error;

	resolve_all(r, s, issue);
	for (t = 0; t < PARLEY_TARGET_COUNT; t++) {
		const parley_resolved_uncertainty *u = &r[t];
		if (u->dist == PARLEY_DIST_NONE ||
		    (u->origin == PARLEY_UNCERTAINTY_SCENARIO && u->reference == 100))
			continue;
		TRY(parley_buf__puts(b, first ? "  Default uncertainty on this issue: " : "; "));
		first = 0;
		TRY(parley_buf__printf(b, "%s ", labels[t]));
		if (u->dist == PARLEY_DIST_NORMAL) {
			TRY(parley_buf__puts(b, "sd "));
			TRY(fmt_pos(b, u->p[0], dec));
		} else {
			TRY(parley_buf__puts(b, u->dist == PARLEY_DIST_UNIFORM ? "uniform " : "triangular "));
			TRY(fmt_pos(b, u->p[0], dec));
			TRY(parley_buf__puts(b, " to +"));
			TRY(fmt_pos(b, u->p[1], dec));
		}
		if (u->origin == PARLEY_UNCERTAINTY_ISSUE)
			TRY(parley_buf__puts(b, " (the issue's own)"));
		else if (u->dist == PARLEY_DIST_NORMAL)
			TRY(parley_buf__printf(b, " (%g%% of %g)", u->percent[0], u->reference));
		else
			TRY(parley_buf__printf(b, " (%g%% to %g%% of %g)", u->percent[0], u->percent[1],
				u->reference));
	}
	return first ? 0 : parley_buf__puts(b, "\n");
}

int parley_output__json_mc_feasibility(parley_buf *b, const parley_scenario *s, const parley_mc *mc,
	size_t issue)
{
	size_t k, first = 1;
	int error;

	TRY(parley_buf__puts(b, ",\n       \"probability\": {\"agreement_possible\": "));
	TRY(json_p(b, parley_mc_p_agreement(mc, issue)));
	TRY(parley_buf__puts(b, ", \"ratified\": {"));
	for (k = 0; k < s->ratification_count; k++) {
		double p = parley_mc_p_ratified(mc, issue, k);
		if (isnan(p))
			continue;
		TRY(parley_buf__puts(b, first ? "" : ", "));
		first = 0;
		TRY(json_str(b, s->ratifications[k].id));
		TRY(parley_buf__puts(b, ": "));
		TRY(json_num(b, p));
	}
	return parley_buf__puts(b, "}}");
}

static int input_label(parley_buf *b, const parley_scenario *s, const parley_sensitivity *e)
{
	if (e->actor < 0)
		return parley_buf__puts(b, "status quo");
	return parley_buf__printf(b, "%s of %s", parley_input_kind_name(e->kind),
		actor_label(&s->actors[e->actor]));
}

int parley_output__json_sensitivity(parley_buf *b, const parley_scenario *s,
	const parley_forecast *f, const parley_mc *mc, size_t issue)
{
	parley_sensitivity *e;
	size_t m, k, n, cap, first = 1;
	int error = 0;

	/* every model run has the same inputs on the issue; a model not run has none */
	for (m = 0, cap = 0; m < parley_model_count(); m++) {
		n = parley_mc_sensitivity(mc, issue, (parley_model_id)m, NULL, 0);
		if (n > cap)
			cap = n;
	}
	e = parley__malloc((cap + 1) * sizeof(*e));
	if (!e)
		return PARLEY_ENOMEM;
	if ((error = parley_buf__puts(b, "{")) < 0)
		goto done;
	for (m = 0; m < parley_model_count(); m++) {
		if (!parley_forecast_result(f, issue, (parley_model_id)m))
			continue;
		n = parley_mc_sensitivity(mc, issue, (parley_model_id)m, e, cap);
		if (n > cap)
			n = cap;
		if ((error = parley_buf__printf(b, "%s\n       \"%s\": [", first ? "" : ",",
				parley_model_type_at(m)->name)) < 0)
			goto done;
		first = 0;
		for (k = 0; k < n && !error; k++) {
			if ((error = parley_buf__printf(b, "%s{\"input\": \"%s\", \"actor\": ", k ? ", " : "",
					parley_input_kind_name(e[k].kind))) < 0)
				break;
			error = e[k].actor < 0 ? parley_buf__puts(b, "null") :
				json_str(b, s->actors[e[k].actor].id);
			if (!error) error = parley_buf__puts(b, ", \"derivative\": ");
			if (!error) error = json_num(b, e[k].derivative);
			if (!error) error = parley_buf__puts(b, ", \"variance_share\": ");
			if (!error) error = json_num(b, e[k].variance_share);
			if (!error) error = parley_buf__puts(b, "}");
		}
		if (error)
			goto done;
		error = parley_buf__puts(b, "]");
		if (error)
			goto done;
	}
	if (!error)
		error = parley_buf__puts(b, first ? "}" : "\n     }");
done:
	parley__free(e);
	return error;
}

int parley_output__csv_mc(parley_buf *b, const parley_mc *mc, size_t issue, parley_model_id model)
{
	parley_mc_summary sum;
	size_t k;
	int error;

	if (parley_mc_summary_get(&sum, mc, issue, model) < 0 || !sum.ok)
		return parley_buf__printf(b, ",%llu,,,,,,,", (unsigned long long)sum.draws);
	TRY(parley_buf__printf(b, ",%llu,", (unsigned long long)sum.draws));
	TRY(json_num(b, sum.mean));
	TRY(parley_buf__puts(b, ","));
	if (sum.ok > 1)
		TRY(json_num(b, sum.sd));
	for (k = 0; k < 5; k++) {
		TRY(parley_buf__puts(b, ","));
		TRY(json_num(b, sum.quantiles[k]));
	}
	return 0;
}

int parley_output__text_mc(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	const parley_mc *mc, size_t issue, int dec)
{
	const parley_issue *is = &s->issues[issue];
	parley_sensitivity e[TORNADO_ROWS];
	size_t tm = parley_model_count();
	size_t m, k, n;
	int error;

	TRY(parley_buf__printf(b, "\n  Over %llu draws (seed %llu)       Mean      SD      5%%     25%%     50%%     75%%     95%%\n",
		(unsigned long long)parley_mc_options_used(mc)->draws,
		(unsigned long long)parley_mc_options_used(mc)->seed));
	for (m = 0; m < parley_model_count(); m++) {
		parley_mc_summary sum;
		size_t ls = b->size;
		if (!parley_forecast_result(f, issue, (parley_model_id)m) ||
		    parley_mc_summary_get(&sum, mc, issue, (parley_model_id)m) < 0)
			continue;
		if (tm == parley_model_count() || m == PARLEY_MODEL_COMPROMISE)
			tm = m;
		TRY(parley_buf__printf(b, "  %s", parley_model_type_at(m)->title));
		TRY(pad_to(b, ls, 29));
		if (!sum.ok) {
			TRY(parley_buf__puts(b, "     n/a in every draw\n"));
			continue;
		}
		TRY(fmt_pos_w(b, sum.mean, dec, 8));
		TRY(sum.ok > 1 ? fmt_pos_w(b, sum.sd, dec, 8) : parley_buf__puts(b, "       -"));
		for (k = 0; k < 5; k++)
			TRY(fmt_pos_w(b, sum.quantiles[k], dec, 8));
		if (sum.ok < sum.draws)
			TRY(parley_buf__printf(b, "  (runs in %.0f%% of draws)",
				100.0 * (double)sum.ok / (double)sum.draws));
		TRY(parley_buf__puts(b, "\n"));
		if (sum.point_in_band == 0) {
			TRY(parley_buf__puts(b, "    note: the point forecast "));
			TRY(fmt_pos(b, sum.point, dec));
			TRY(parley_buf__puts(b, " lies outside this 90% band ["));
			TRY(fmt_pos(b, sum.quantiles[0], dec));
			TRY(parley_buf__puts(b, ", "));
			TRY(fmt_pos(b, sum.quantiles[4], dec));
			TRY(parley_buf__puts(b, "]\n"));
		}
		if (sum.zone_count && sum.draws) {
			TRY(parley_buf__puts(b, "    zones:"));
			for (k = 0; k < sum.zone_count; k++)
				TRY(parley_buf__printf(b, "%s %s %.0f%%", k ? ";" : "", is->zones[k].name,
					100.0 * (double)sum.zone_hits[k] / (double)sum.draws));
			TRY(parley_buf__puts(b, "\n"));
		}
	}
	TRY(text_uncertainty(b, s, issue, dec));
	if (tm == parley_model_count())
		return 0;
	n = parley_mc_sensitivity(mc, issue, tm, e, TORNADO_ROWS);
	if (!n)
		return parley_buf__puts(b, "  No input of this issue is uncertain.\n");
	TRY(parley_buf__printf(b, "  What moves the %s forecast (share of its variance over the draws; "
		"change per unit at the point values):\n", parley_model_type_at(tm)->name));
	for (k = 0; k < n && k < TORNADO_ROWS; k++) {
		size_t ls = b->size, bar = (size_t)lround(e[k].variance_share * 30), j;
		TRY(parley_buf__puts(b, "    "));
		TRY(input_label(b, s, &e[k]));
		TRY(pad_to(b, ls, 44));
		for (j = 0; j < bar; j++)
			TRY(parley_buf__puts(b, "#"));
		TRY(pad_to(b, ls, 75));
		TRY(parley_buf__printf(b, "%4.0f%%  %+.3g\n", 100 * e[k].variance_share, e[k].derivative));
	}
	if (n > TORNADO_ROWS)
		TRY(parley_buf__printf(b, "    ... %zu more inputs in the JSON output\n", n - TORNADO_ROWS));
	return 0;
}

int parley_output__text_mc_feasibility(parley_buf *b, const parley_scenario *s,
	const parley_mc *mc, size_t issue)
{
	size_t k;
	int error;

	TRY(parley_buf__printf(b, "  Over the draws an agreement is possible in %.1f%% of them",
		100 * parley_mc_p_agreement(mc, issue)));
	for (k = 0; k < s->ratification_count; k++) {
		double p = parley_mc_p_ratified(mc, issue, k);
		if (isnan(p))
			continue;
		TRY(parley_buf__printf(b, "; %s ratifies part of it in %.1f%%",
			s->ratifications[k].name ? s->ratifications[k].name : s->ratifications[k].id, 100 * p));
	}
	return parley_buf__puts(b, ".\n");
}
