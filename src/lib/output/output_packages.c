/*
 * output_packages.c - the cross-issue parts of the reports: the exchanges
 * the exchange model made (per issue they touch, in the text; the JSON's are
 * the model's own, src/lib/models/exchange.c) and the package analysis
 * (parley/packages.h), in JSON and text.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "output_packages.h"

#define TRY(expr) do { if ((error = (expr)) < 0) return error; } while (0)
#define TEXT_EXCHANGES 5

int parley_output__text_exchanges(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	size_t issue, int dec)
{
	size_t k, n = parley_forecast_exchange_count(f), shown = 0, total = 0;
	int error;

	for (k = 0; k < n; k++) {
		const parley_exchange_record *x = parley_forecast_exchange(f, k);
		if (x->p == issue || x->q == issue)
			total++;
	}
	if (!total)
		return 0;
	TRY(parley_buf__printf(b, "\n  Exchange model: %zu exchange%s touch this issue (%zu in all, %s after %zu round%s); the largest gains:\n",
		total, total == 1 ? "" : "s", n, parley_forecast_exchange_status(f) == PARLEY_EXCHANGE_FIXED_POINT ?
		"no more to make" : "stopped at the round limit", parley_forecast_exchange_rounds(f),
		parley_forecast_exchange_rounds(f) == 1 ? "" : "s"));
	/* the TEXT_EXCHANGES largest gains, in order of the record otherwise */
	while (shown < TEXT_EXCHANGES && shown < total) {
		const parley_exchange_record *best = NULL;
		for (k = 0; k < n; k++) {
			const parley_exchange_record *x = parley_forecast_exchange(f, k);
			size_t j, seen = 0;
			if (x->p != issue && x->q != issue)
				continue;
			/* skip those already shown: strictly larger gains, or equal and earlier */
			for (j = 0; j < n; j++) {
				const parley_exchange_record *y = parley_forecast_exchange(f, j);
				if ((y->p == issue || y->q == issue) &&
				    (y->gain > x->gain || (y->gain == x->gain && j < k)))
					seen++;
			}
			if (seen == shown) {
				best = x;
				break;
			}
		}
		if (!best)
			break;
		TRY(parley_buf__printf(b, "    %s moves on %s from ", actor_label(&s->actors[best->supplier]),
			s->issues[best->p].id));
		TRY(fmt_pos(b, best->supplier_from, dec));
		TRY(parley_buf__puts(b, " to "));
		TRY(fmt_pos(b, best->supplier_to, dec));
		TRY(parley_buf__printf(b, "; %s moves on %s from ", actor_label(&s->actors[best->demander]),
			s->issues[best->q].id));
		TRY(fmt_pos(b, best->demander_from, issue_decimals(s, best->q)));
		TRY(parley_buf__puts(b, " to "));
		TRY(fmt_pos(b, best->demander_to, issue_decimals(s, best->q)));
		TRY(parley_buf__printf(b, " (round %zu, gain %.3g each)\n", best->round, best->gain));
		shown++;
	}
	return 0;
}

static const char *linkage_name(parley_linkage l)
{
	return l == PARLEY_LINKAGE_OPENS ? "opens" : l == PARLEY_LINKAGE_CLOSES ? "closes" : "none";
}

static const char *pkg_venue_id(const parley_scenario *s, const parley_package_venue *v)
{
	return v->venue >= 0 ? s->venues[v->venue].id : "table";
}

static const char *pkg_venue_name(const parley_scenario *s, const parley_package_venue *v)
{
	if (v->venue < 0)
		return "the whole table";
	return s->venues[v->venue].name ? s->venues[v->venue].name : s->venues[v->venue].id;
}

int parley_output__json_packages(parley_buf *b, const parley_scenario *s, const parley_forecast *f)
{
	const parley_package_result *pr = parley_forecast_packages(f);
	size_t n = parley_package_result_count(pr), i, k, v;
	int error;

	for (i = 0; i < n; i++) {
		const parley_package_analysis *pa = parley_package_result_at(pr, i);
		const parley_package_venue *best = pa->venue_count ? &pa->venues[pa->best] : NULL;
		TRY(parley_buf__puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": "));
		TRY(json_str(b, pa->id));
		TRY(parley_buf__puts(b, ", \"issues\": ["));
		for (k = 0; k < pa->issue_count; k++) {
			TRY(parley_buf__puts(b, k ? ", " : ""));
			TRY(json_str(b, s->issues[pa->issues[k]].id));
		}
		TRY(parley_buf__printf(b, "], \"feasible\": %s, \"venue\": ", best && best->feasible ? "true" : "false"));
		TRY(best ? json_str(b, pkg_venue_id(s, best)) : parley_buf__puts(b, "null"));
		TRY(parley_buf__puts(b, ",\n     \"package\": "));
		if (best && best->package) {
			TRY(parley_buf__puts(b, "{"));
			for (k = 0; k < pa->issue_count; k++) {
				TRY(parley_buf__puts(b, k ? ", " : ""));
				TRY(json_str(b, s->issues[pa->issues[k]].id));
				TRY(parley_buf__puts(b, ": "));
				TRY(json_num(b, best->package[k]));
			}
			TRY(parley_buf__puts(b, "}"));
		} else {
			TRY(parley_buf__puts(b, "null"));
		}
		TRY(parley_buf__puts(b, ", \"gains\": {"));
		if (best && best->package)
			for (k = 0, v = 0; k < s->actor_count; k++) {
				if (isnan(best->gains[k]))
					continue;
				TRY(parley_buf__puts(b, v++ ? ", " : ""));
				TRY(json_str(b, s->actors[k].id));
				TRY(parley_buf__puts(b, ": "));
				TRY(json_num(b, best->gains[k]));
			}
		TRY(parley_buf__puts(b, "},\n     \"mover\": "));
		TRY(best && best->mover >= 0 ? json_str(b, s->actors[best->mover].id) : parley_buf__puts(b, "null"));
		TRY(parley_buf__puts(b, ", \"linkage_effect\": "));
		TRY(best ? json_str(b, best->linkage_effect) : parley_buf__puts(b, "null"));
		TRY(parley_buf__puts(b, ", \"reason\": "));
		TRY(best ? json_str(b, best->reason) : parley_buf__puts(b, "null"));
		TRY(parley_buf__puts(b, ",\n     \"venues\": ["));
		for (v = 0; v < pa->venue_count; v++) {
			const parley_package_venue *pv = &pa->venues[v];
			TRY(parley_buf__puts(b, v ? ", {\"venue\": " : "{\"venue\": "));
			TRY(json_str(b, pkg_venue_id(s, pv)));
			TRY(parley_buf__printf(b, ", \"feasible\": %s, \"feasible_without_ratification\": %s, \"linkage\": \"%s\"}",
				pv->feasible ? "true" : "false", pv->feasible_venue ? "true" : "false",
				linkage_name(pv->linkage)));
		}
		/* for the report's package chart (docs/report.md): the display name,
		 * the loss the forecast's package analysis used (the defaults), and
		 * the members of the chosen venue with a stance on a linked issue */
		TRY(parley_buf__puts(b, "],\n     \"name\": "));
		TRY(json_str(b, pa->name));
		{
			const parley_package_options po = PARLEY_PACKAGE_OPTIONS_INIT;
			TRY(parley_buf__printf(b, ", \"loss\": %d, \"members\": [", po.loss));
		}
		for (k = 0; best && k < best->member_count; k++) {
			TRY(parley_buf__puts(b, k ? ", " : ""));
			TRY(json_str(b, s->actors[best->members[k]].id));
		}
		TRY(parley_buf__puts(b, "]}"));
	}
	return n ? parley_buf__puts(b, "\n  ") : 0;
}

int parley_output__text_packages(parley_buf *b, const parley_scenario *s, const parley_forecast *f)
{
	const parley_package_result *pr = parley_forecast_packages(f);
	size_t n = parley_package_result_count(pr), i, k, v;
	int error;

	if (!n)
		return 0;
	TRY(parley_buf__puts(b, "\n== Package deals (issues agreed together; utility = salience-weighted sum of per-issue losses)\n"));
	for (i = 0; i < n; i++) {
		const parley_package_analysis *pa = parley_package_result_at(pr, i);
		TRY(parley_buf__printf(b, "\n  %s: ", pa->name ? pa->name : pa->id ? pa->id : "combination"));
		for (k = 0; k < pa->issue_count; k++)
			TRY(parley_buf__printf(b, "%s%s", k ? " + " : "", s->issues[pa->issues[k]].id));
		TRY(parley_buf__puts(b, "\n"));
		for (v = 0; v < pa->venue_count; v++) {
			const parley_package_venue *pv = &pa->venues[v];
			TRY(parley_buf__printf(b, "    - %s; %s.\n", pv->reason ? pv->reason : pkg_venue_name(s, pv),
				pv->linkage_effect ? pv->linkage_effect : "no linkage effect"));
			if (!pv->package)
				continue;
			TRY(parley_buf__printf(b, "      %s package:", pv->feasible ? "representative" :
				"the venue's (not ratified)"));
			for (k = 0; k < pa->issue_count; k++) {
				TRY(parley_buf__printf(b, " %s ", s->issues[pa->issues[k]].id));
				TRY(fmt_pos(b, pv->package[k], issue_decimals(s, pa->issues[k])));
			}
			if (pv->mover >= 0)
				TRY(parley_buf__printf(b, "; %s would move most (%.0f points across the scales)",
					actor_label(&s->actors[pv->mover]), pv->distance[pv->mover]));
			TRY(parley_buf__puts(b, "\n"));
		}
	}
	return 0;
}
