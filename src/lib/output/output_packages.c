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

#define TEXT_EXCHANGES 5

int parley_output__text_exchanges(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	size_t issue, int dec)
{
	size_t k, n = parley_forecast_exchange_count(f), shown = 0, total = 0;
	int error = 0;

	for (k = 0; k < n; k++) {
		const parley_exchange_record *x = parley_forecast_exchange(f, k);
		if (x->p == issue || x->q == issue)
			total++;
	}
	if (!total)
		return 0;
	PARLEY_TRY(parley_buf__printf(b, "\n  Exchange model: %zu exchange%s touch this issue (%zu in all, %s after %zu round%s); the largest gains:\n",
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
		PARLEY_TRY(parley_buf__printf(b, "    %s moves on %s from ", actor_label(&s->actors[best->supplier]),
			s->issues[best->p].id));
		PARLEY_TRY(fmt_pos(b, best->supplier_from, dec));
		PARLEY_TRY(parley_buf__puts(b, " to "));
		PARLEY_TRY(fmt_pos(b, best->supplier_to, dec));
		PARLEY_TRY(parley_buf__printf(b, "; %s moves on %s from ", actor_label(&s->actors[best->demander]),
			s->issues[best->q].id));
		PARLEY_TRY(fmt_pos(b, best->demander_from, issue_decimals(s, best->q)));
		PARLEY_TRY(parley_buf__puts(b, " to "));
		PARLEY_TRY(fmt_pos(b, best->demander_to, issue_decimals(s, best->q)));
		PARLEY_TRY(parley_buf__printf(b, " (round %zu, gain %.3g each)\n", best->round, best->gain));
		shown++;
	}
done:
	return error;
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
		PARLEY_TRY(parley_buf__puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": "));
		PARLEY_TRY(json_str(b, pa->id));
		PARLEY_TRY(parley_buf__puts(b, ", \"issues\": ["));
		for (k = 0; k < pa->issue_count; k++) {
			PARLEY_TRY(parley_buf__puts(b, k ? ", " : ""));
			PARLEY_TRY(json_str(b, s->issues[pa->issues[k]].id));
		}
		PARLEY_TRY(parley_buf__printf(b, "], \"feasible\": %s, \"venue\": ", best && best->feasible ? "true" : "false"));
		PARLEY_TRY(best ? json_str(b, pkg_venue_id(s, best)) : parley_buf__puts(b, "null"));
		PARLEY_TRY(parley_buf__puts(b, ",\n     \"package\": "));
		if (best && best->package) {
			PARLEY_TRY(parley_buf__puts(b, "{"));
			for (k = 0; k < pa->issue_count; k++) {
				PARLEY_TRY(parley_buf__puts(b, k ? ", " : ""));
				PARLEY_TRY(json_str(b, s->issues[pa->issues[k]].id));
				PARLEY_TRY(parley_buf__puts(b, ": "));
				PARLEY_TRY(json_num(b, best->package[k]));
			}
			PARLEY_TRY(parley_buf__puts(b, "}"));
		} else {
			PARLEY_TRY(parley_buf__puts(b, "null"));
		}
		PARLEY_TRY(parley_buf__puts(b, ", \"gains\": {"));
		if (best && best->package)
			for (k = 0, v = 0; k < s->actor_count; k++) {
				if (isnan(best->gains[k]))
					continue;
				PARLEY_TRY(parley_buf__puts(b, v++ ? ", " : ""));
				PARLEY_TRY(json_str(b, s->actors[k].id));
				PARLEY_TRY(parley_buf__puts(b, ": "));
				PARLEY_TRY(json_num(b, best->gains[k]));
			}
		PARLEY_TRY(parley_buf__puts(b, "},\n     \"mover\": "));
		PARLEY_TRY(best && best->mover >= 0 ? json_str(b, s->actors[best->mover].id) : parley_buf__puts(b, "null"));
		PARLEY_TRY(parley_buf__puts(b, ", \"linkage_effect\": "));
		PARLEY_TRY(best ? json_str(b, best->linkage_effect) : parley_buf__puts(b, "null"));
		PARLEY_TRY(parley_buf__puts(b, ", \"reason\": "));
		PARLEY_TRY(best ? json_str(b, best->reason) : parley_buf__puts(b, "null"));
		PARLEY_TRY(parley_buf__puts(b, ",\n     \"venues\": ["));
		for (v = 0; v < pa->venue_count; v++) {
			const parley_package_venue *pv = &pa->venues[v];
			PARLEY_TRY(parley_buf__puts(b, v ? ", {\"venue\": " : "{\"venue\": "));
			PARLEY_TRY(json_str(b, pkg_venue_id(s, pv)));
			PARLEY_TRY(parley_buf__printf(b, ", \"feasible\": %s, \"feasible_without_ratification\": %s, \"linkage\": \"%s\"}",
				pv->feasible ? "true" : "false", pv->feasible_venue ? "true" : "false",
				linkage_name(pv->linkage)));
		}
		/* for the report's package chart (docs/report.md): the display name,
		 * the loss the forecast's package analysis used (the defaults), and
		 * the members of the chosen venue with a stance on a linked issue */
		PARLEY_TRY(parley_buf__puts(b, "],\n     \"name\": "));
		PARLEY_TRY(json_str(b, pa->name));
		{
			const parley_package_options po = PARLEY_PACKAGE_OPTIONS_INIT;
			PARLEY_TRY(parley_buf__printf(b, ", \"loss\": %d, \"members\": [", po.loss));
		}
		for (k = 0; best && k < best->member_count; k++) {
			PARLEY_TRY(parley_buf__puts(b, k ? ", " : ""));
			PARLEY_TRY(json_str(b, s->actors[best->members[k]].id));
		}
		PARLEY_TRY(parley_buf__puts(b, "]}"));
	}
	error = n ? parley_buf__puts(b, "\n  ") : 0;
done:
	return error;
}

int parley_output__text_packages(parley_buf *b, const parley_scenario *s, const parley_forecast *f)
{
	const parley_package_result *pr = parley_forecast_packages(f);
	size_t n = parley_package_result_count(pr), i, k, v;
	int error = 0;

	if (!n)
		return 0;
	PARLEY_TRY(parley_buf__puts(b, "\n== Package deals (issues agreed together; utility = salience-weighted sum of per-issue losses)\n"));
	for (i = 0; i < n; i++) {
		const parley_package_analysis *pa = parley_package_result_at(pr, i);
		PARLEY_TRY(parley_buf__printf(b, "\n  %s: ", pa->name ? pa->name : pa->id ? pa->id : "combination"));
		for (k = 0; k < pa->issue_count; k++)
			PARLEY_TRY(parley_buf__printf(b, "%s%s", k ? " + " : "", s->issues[pa->issues[k]].id));
		PARLEY_TRY(parley_buf__puts(b, "\n"));
		for (v = 0; v < pa->venue_count; v++) {
			const parley_package_venue *pv = &pa->venues[v];
			PARLEY_TRY(parley_buf__printf(b, "    - %s; %s.\n", pv->reason ? pv->reason : pkg_venue_name(s, pv),
				pv->linkage_effect ? pv->linkage_effect : "no linkage effect"));
			if (!pv->package)
				continue;
			PARLEY_TRY(parley_buf__printf(b, "      %s package:", pv->feasible ? "representative" :
				"the venue's (not ratified)"));
			for (k = 0; k < pa->issue_count; k++) {
				PARLEY_TRY(parley_buf__printf(b, " %s ", s->issues[pa->issues[k]].id));
				PARLEY_TRY(fmt_pos(b, pv->package[k], issue_decimals(s, pa->issues[k])));
			}
			if (pv->mover >= 0)
				PARLEY_TRY(parley_buf__printf(b, "; %s would move most (%.0f points across the scales)",
					actor_label(&s->actors[pv->mover]), pv->distance[pv->mover]));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
	}
done:
	return error;
}
