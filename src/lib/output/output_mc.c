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
	PARLEY_TRY(parley_buf__printf(b, ",\n         \"distribution\": {\"draws\": %llu, \"ok\": %llu, \"mean\": ",
		(unsigned long long)sum.draws, (unsigned long long)sum.ok));
	PARLEY_TRY(json_p(b, sum.mean));
	PARLEY_TRY(parley_buf__puts(b, ", \"sd\": "));
	PARLEY_TRY(json_p(b, sum.ok > 1 ? sum.sd : NAN));
	PARLEY_TRY(parley_buf__puts(b, ", \"quantiles\": {"));
	for (k = 0; k < 5; k++) {
		PARLEY_TRY(parley_buf__printf(b, "%s\"%d\": ", k ? ", " : "", parley_mc_quantile_levels[k]));
		PARLEY_TRY(json_p(b, sum.quantiles[k]));
	}
	PARLEY_TRY(parley_buf__puts(b, "},\n           \"zones\": {"));
	for (k = 0; k < sum.zone_count; k++) {
		PARLEY_TRY(parley_buf__puts(b, k ? ", " : ""));
		PARLEY_TRY(json_str(b, is->zones[k].name));
		PARLEY_TRY(parley_buf__puts(b, ": "));
		PARLEY_TRY(json_p(b, sum.draws ? (double)sum.zone_hits[k] / (double)sum.draws : NAN));
	}
	PARLEY_TRY(parley_buf__puts(b, "},\n           \"histogram\": {\"lo\": "));
	PARLEY_TRY(json_num(b, sum.lo));
	PARLEY_TRY(parley_buf__puts(b, ", \"hi\": "));
	PARLEY_TRY(json_num(b, sum.hi));
	PARLEY_TRY(parley_buf__printf(b, ", \"bins\": %zu, \"counts\": [", sum.bins));
	for (k = 0; k < sum.bins; k++)
		PARLEY_TRY(parley_buf__printf(b, "%s%llu", k ? ", " : "", (unsigned long long)sum.counts[k]));
	error = parley_buf__printf(b, "]},\n           \"point_in_band\": %s}", sum.point_in_band < 0 ?
		"null" : sum.point_in_band ? "true" : "false");
done:
	return error;
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
	PARLEY_TRY(parley_buf__puts(b, "{"));
	for (t = 0; t < PARLEY_TARGET_COUNT; t++) {
		const parley_resolved_uncertainty *u = &r[t];
		int normal = u->dist == PARLEY_DIST_NORMAL;
		if (u->dist == PARLEY_DIST_NONE)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "%s\"%s\": {\"from\": \"%s\", ", first ? "" : ", ", target_names[t],
			u->origin == PARLEY_UNCERTAINTY_ISSUE ? "issue" : "defaults"));
		first = 0;
		PARLEY_TRY(parley_buf__printf(b, "\"%s\": %s", normal ? "sd" : u->dist == PARLEY_DIST_UNIFORM ?
			"uniform" : "triangular", normal ? "" : "["));
		PARLEY_TRY(json_num(b, u->p[0]));
		if (!normal) {
			PARLEY_TRY(parley_buf__puts(b, ", "));
			PARLEY_TRY(json_num(b, u->p[1]));
			PARLEY_TRY(parley_buf__puts(b, "]"));
		}
		if (u->origin == PARLEY_UNCERTAINTY_SCENARIO) {
			PARLEY_TRY(parley_buf__puts(b, normal ? ", \"percent\": " : ", \"percent\": ["));
			PARLEY_TRY(json_num(b, u->percent[0]));
			if (!normal) {
				PARLEY_TRY(parley_buf__puts(b, ", "));
				PARLEY_TRY(json_num(b, u->percent[1]));
				PARLEY_TRY(parley_buf__puts(b, "]"));
			}
			PARLEY_TRY(parley_buf__puts(b, ", \"of\": "));
			PARLEY_TRY(json_num(b, u->reference));
		}
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	error = parley_buf__puts(b, "}");
done:
	return error;
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
		PARLEY_TRY(parley_buf__puts(b, first ? "  Default uncertainty on this issue: " : "; "));
		first = 0;
		PARLEY_TRY(parley_buf__printf(b, "%s ", labels[t]));
		if (u->dist == PARLEY_DIST_NORMAL) {
			PARLEY_TRY(parley_buf__puts(b, "sd "));
			PARLEY_TRY(fmt_pos(b, u->p[0], dec));
		} else {
			PARLEY_TRY(parley_buf__puts(b, u->dist == PARLEY_DIST_UNIFORM ? "uniform " : "triangular "));
			PARLEY_TRY(fmt_pos(b, u->p[0], dec));
			PARLEY_TRY(parley_buf__puts(b, " to +"));
			PARLEY_TRY(fmt_pos(b, u->p[1], dec));
		}
		if (u->origin == PARLEY_UNCERTAINTY_ISSUE)
			PARLEY_TRY(parley_buf__puts(b, " (the issue's own)"));
		else if (u->dist == PARLEY_DIST_NORMAL)
			PARLEY_TRY(parley_buf__printf(b, " (%g%% of %g)", u->percent[0], u->reference));
		else
			PARLEY_TRY(parley_buf__printf(b, " (%g%% to %g%% of %g)", u->percent[0], u->percent[1],
				u->reference));
	}
	error = first ? 0 : parley_buf__puts(b, "\n");
done:
	return error;
}

int parley_output__json_mc_feasibility(parley_buf *b, const parley_scenario *s, const parley_mc *mc,
	size_t issue)
{
	size_t k, first = 1;
	int error;

	PARLEY_TRY(parley_buf__puts(b, ",\n       \"probability\": {\"agreement_possible\": "));
	PARLEY_TRY(json_p(b, parley_mc_p_agreement(mc, issue)));
	PARLEY_TRY(parley_buf__puts(b, ", \"ratified\": {"));
	for (k = 0; k < s->ratification_count; k++) {
		double p = parley_mc_p_ratified(mc, issue, k);
		if (isnan(p))
			continue;
		PARLEY_TRY(parley_buf__puts(b, first ? "" : ", "));
		first = 0;
		PARLEY_TRY(json_str(b, s->ratifications[k].id));
		PARLEY_TRY(parley_buf__puts(b, ": "));
		PARLEY_TRY(json_num(b, p));
	}
	error = parley_buf__puts(b, "}}");
done:
	return error;
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
	int error = 0;

	if (parley_mc_summary_get(&sum, mc, issue, model) < 0 || !sum.ok)
		return parley_buf__printf(b, ",%llu,,,,,,,", (unsigned long long)sum.draws);
	PARLEY_TRY(parley_buf__printf(b, ",%llu,", (unsigned long long)sum.draws));
	PARLEY_TRY(json_num(b, sum.mean));
	PARLEY_TRY(parley_buf__puts(b, ","));
	if (sum.ok > 1)
		PARLEY_TRY(json_num(b, sum.sd));
	for (k = 0; k < 5; k++) {
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(json_num(b, sum.quantiles[k]));
	}
done:
	return error;
}

int parley_output__text_mc(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	const parley_mc *mc, size_t issue, int dec)
{
	const parley_issue *is = &s->issues[issue];
	parley_sensitivity e[TORNADO_ROWS];
	size_t tm = parley_model_count();
	size_t m, k, n;
	int error = 0;

	PARLEY_TRY(parley_buf__printf(b, "\n  Over %llu draws (seed %llu)       Mean      SD      5%%     25%%     50%%     75%%     95%%\n",
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
		PARLEY_TRY(parley_buf__printf(b, "  %s", parley_model_type_at(m)->title));
		PARLEY_TRY(pad_to(b, ls, 29));
		if (!sum.ok) {
			PARLEY_TRY(parley_buf__puts(b, "     n/a in every draw\n"));
			continue;
		}
		PARLEY_TRY(fmt_pos_w(b, sum.mean, dec, 8));
		PARLEY_TRY(sum.ok > 1 ? fmt_pos_w(b, sum.sd, dec, 8) : parley_buf__puts(b, "       -"));
		for (k = 0; k < 5; k++)
			PARLEY_TRY(fmt_pos_w(b, sum.quantiles[k], dec, 8));
		if (sum.ok < sum.draws)
			PARLEY_TRY(parley_buf__printf(b, "  (runs in %.0f%% of draws)",
				100.0 * (double)sum.ok / (double)sum.draws));
		PARLEY_TRY(parley_buf__puts(b, "\n"));
		if (sum.point_in_band == 0) {
			PARLEY_TRY(parley_buf__puts(b, "    note: the point forecast "));
			PARLEY_TRY(fmt_pos(b, sum.point, dec));
			PARLEY_TRY(parley_buf__puts(b, " lies outside this 90% band ["));
			PARLEY_TRY(fmt_pos(b, sum.quantiles[0], dec));
			PARLEY_TRY(parley_buf__puts(b, ", "));
			PARLEY_TRY(fmt_pos(b, sum.quantiles[4], dec));
			PARLEY_TRY(parley_buf__puts(b, "]\n"));
		}
		if (sum.zone_count && sum.draws) {
			PARLEY_TRY(parley_buf__puts(b, "    zones:"));
			for (k = 0; k < sum.zone_count; k++)
				PARLEY_TRY(parley_buf__printf(b, "%s %s %.0f%%", k ? ";" : "", is->zones[k].name,
					100.0 * (double)sum.zone_hits[k] / (double)sum.draws));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
	}
	PARLEY_TRY(text_uncertainty(b, s, issue, dec));
	if (tm == parley_model_count())
		return 0;
	n = parley_mc_sensitivity(mc, issue, tm, e, TORNADO_ROWS);
	if (!n)
		return parley_buf__puts(b, "  No input of this issue is uncertain.\n");
	PARLEY_TRY(parley_buf__printf(b, "  What moves the %s forecast (share of its variance over the draws; "
		"change per unit at the point values):\n", parley_model_type_at(tm)->name));
	for (k = 0; k < n && k < TORNADO_ROWS; k++) {
		size_t ls = b->size, bar = (size_t)lround(e[k].variance_share * 30), j;
		PARLEY_TRY(parley_buf__puts(b, "    "));
		PARLEY_TRY(input_label(b, s, &e[k]));
		PARLEY_TRY(pad_to(b, ls, 44));
		for (j = 0; j < bar; j++)
			PARLEY_TRY(parley_buf__puts(b, "#"));
		PARLEY_TRY(pad_to(b, ls, 75));
		PARLEY_TRY(parley_buf__printf(b, "%4.0f%%  %+.3g\n", 100 * e[k].variance_share, e[k].derivative));
	}
	if (n > TORNADO_ROWS)
		PARLEY_TRY(parley_buf__printf(b, "    ... %zu more inputs in the JSON output\n", n - TORNADO_ROWS));
done:
	return error;
}

int parley_output__text_mc_feasibility(parley_buf *b, const parley_scenario *s,
	const parley_mc *mc, size_t issue)
{
	size_t k;
	int error;

	PARLEY_TRY(parley_buf__printf(b, "  Over the draws an agreement is possible in %.1f%% of them",
		100 * parley_mc_p_agreement(mc, issue)));
	for (k = 0; k < s->ratification_count; k++) {
		double p = parley_mc_p_ratified(mc, issue, k);
		if (isnan(p))
			continue;
		PARLEY_TRY(parley_buf__printf(b, "; %s ratifies part of it in %.1f%%",
			s->ratifications[k].name ? s->ratifications[k].name : s->ratifications[k].id, 100 * p));
	}
	error = parley_buf__puts(b, ".\n");
done:
	return error;
}
