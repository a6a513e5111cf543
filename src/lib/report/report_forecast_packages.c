/*
 * report_forecast_packages.c - the package deals of the forecast's report:
 * per package its terms, the members' gains, the venues, and charts of its
 * linked issues two at a time (chart_package.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_forecast.h"

/* Pairs of issues charted per package. */
#define PACKAGE_PAIRS 6

static int package_section(rctx *c, jnode *pkg, size_t index, jnode *issues)
{
	jnode *ids = parley__rj_arr_at(c, pkg, "issues"), *vals = parley__rj_obj_at(c, pkg, "package");
	jnode *gains = parley__rj_obj_at(c, pkg, "gains"), *venues = parley__rj_arr_at(c, pkg, "venues");
	rstr id = parley__rj_str_at(c, pkg, "id"), name = parley__rj_str_at(c, pkg, "name"), reason = parley__rj_str_at(c, pkg, "reason");
	rstr link = parley__rj_str_at(c, pkg, "linkage_effect"), mover = parley__rj_str_at(c, pkg, "mover");
	size_t k = parley__rj_len(ids), i, j, pairs = 0;
	int feasible = 0, has = parley__rj_bool_at(c, pkg, "feasible", &feasible), error = 0;
	parley_buf svg = PARLEY_BUF_INIT, kind = PARLEY_BUF_INIT;
	void *iter = NULL;
	rstr key;
	jnode *v;

	PARLEY_TRY(parley_buf__puts(c->out, "<article class=\"package\" data-package=\""));
	PARLEY_TRY(parley__html_esc(c->out, id));
	PARLEY_TRY(parley_buf__printf(c->out, "\">\n<h3>%zu. ", index + 1));
	PARLEY_TRY(parley__html_esc(c->out, name.p ? name : id.p ? id : parley__rstr_z("Linked issues")));
	PARLEY_TRY(parley_buf__puts(c->out, "</h3>\n<p class=\"meta\">Links "));
	for (i = 0; i < k; i++) {
		PARLEY_TRY(parley_buf__puts(c->out, i == 0 ? "" : i + 1 == k ? " and " : ", "));
		PARLEY_TRY(parley__html_esc(c->out, parley_report__issue_title(c, parley__rj_str(c, parley__rj_at(ids, i)))));
	}
	if (id.p) {
		PARLEY_TRY(parley__html_wrap(c->out, " \xc2\xb7 id <code>", id, "</code>"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</p>\n"));
	if (has) {
		PARLEY_TRY(parley_buf__printf(c->out, "<div class=\"verdict %s\"><strong>Is there a package both sides prefer "
			"to no deal? %s%s</strong>", feasible ? "yes" : "no", feasible ? "Yes" : "No", reason.p ? ":" : "."));
		if (reason.p) {
			PARLEY_TRY(parley__html_wrap(c->out, " ", reason, "."));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</div>\n"));
	}
	if (link.p) {
		PARLEY_TRY(parley__html_wrap(c->out, "<p><strong>Linkage:</strong> ", link, ".</p>\n"));
	}
	if (parley__rj_len(venues)) {
		PARLEY_TRY(parley_buf__puts(c->out, "<ul class=\"feas\">\n"));
		for (i = 0; i < parley__rj_len(venues); i++) {
			jnode *pv = parley__rj_at(venues, i);
			int f = 0, fv = 0;
			parley__rj_bool_at(c, pv, "feasible", &f);
			parley__rj_bool_at(c, pv, "feasible_without_ratification", &fv);
			PARLEY_TRY(parley_buf__puts(c->out, "<li>In <strong>"));
			PARLEY_TRY(parley__html_esc(c->out, parley__rj_venue_name(c, parley__rj_str_at(c, pv, "venue"))));
			PARLEY_TRY(parley_buf__printf(c->out, "</strong>: %s; linkage %s.</li>\n",
				f ? "a package passes and would be ratified" :
				fv ? "a package passes at the table, but would not be ratified" : "no package passes at the table",
				parley__rstr_eq(parley__rj_str_at(c, pv, "linkage"), "opens") ? "opens an agreement" :
				parley__rstr_eq(parley__rj_str_at(c, pv, "linkage"), "closes") ? "closes an agreement" : "changes nothing"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</ul>\n"));
	}
	if (vals) {
		PARLEY_TRY(parley_buf__puts(c->out, "<div class=\"grid2\">\n<table class=\"wide\">\n<caption>The representative "
			"package</caption>\n<thead><tr><th>Issue</th><th class=\"n\">Status quo</th><th class=\"n\">Package</th>"
			"</tr></thead>\n<tbody>\n"));
		for (i = 0; i < k; i++) {
			rstr iid = parley__rj_str(c, parley__rj_at(ids, i));
			double q, y;
			jnode *is = NULL;
			for (j = 0; iid.p && j < parley__rj_len(issues); j++) {
				rstr t = parley__rj_str_at(c, parley__rj_at(issues, j), "id");
				if (t.p && t.n == iid.n && !memcmp(t.p, iid.p, iid.n))
					is = parley__rj_at(issues, j);
			}
			PARLEY_TRY(parley__html_wrap(c->out, "<tr><td>", parley_report__issue_title(c, iid), "</td><td class=\"n\">"));
			if (parley__rj_num_at(c, is, "status_quo", &q))
				PARLEY_TRY(parley__html_num(c->out, q, 1));
			PARLEY_TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			if (parley__rj_num(c, parley__rj_get_n(vals, iid), &y))
				PARLEY_TRY(parley__html_num(c->out, y, 1));
			PARLEY_TRY(parley_buf__puts(c->out, "</td></tr>\n"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n<table class=\"wide\">\n<caption>Each actor's gain "
			"over the status quo</caption>\n<thead><tr><th>Actor</th><th class=\"n\">Gain</th></tr></thead>\n<tbody>\n"));
		while ((v = parley__rj_next(gains, &iter, &key)) != NULL) {
			double g;
			if (!parley__rj_num(c, v, &g))
				continue;
			PARLEY_TRY(parley_buf__puts(c->out, "<tr><td>"));
			PARLEY_TRY(parley__html_esc(c->out, parley__rj_actor_name(c, key)));
			PARLEY_TRY(parley_buf__printf(c->out, "</td><td class=\"n\">%s%.3f</td></tr>\n", g > 0 ? "+" : g < 0 ? "&minus;" : "",
				fabs(g)));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n</div>\n"));
	}
	if (mover.p) {
		PARLEY_TRY(parley__html_wrap(c->out, "<p>Who would have to move most (the farthest from what it asked for): <strong>", parley__rj_actor_name(c, mover), "</strong>.</p>\n"));
	}
	/* a chart per pair of issues */
	for (i = 0; i < k && pairs < PACKAGE_PAIRS; i++)
		for (j = i + 1; j < k && pairs < PACKAGE_PAIRS; j++) {
			svg.size = 0;
			if (svg.ptr)
				svg.ptr[0] = '\0';
			error = parley_report__svg_package(c, &svg, pkg, issues, i, j);
			if (error < 0)
				goto done;
			if (error == 1) {
				error = 0;
				continue;
			}
			pairs++;
			kind.size = 0;
			PARLEY_TRY(parley_buf__printf(&kind, "package-%02zu-", index + 1));
			PARLEY_TRY(parley__html_slug(&kind, id.p ? id : parley__rstr_z("combination")));
			PARLEY_TRY(parley_buf__printf(&kind, "-%zu-%zu", i + 1, j + 1));
			PARLEY_TRY(parley_buf__puts(c->out, "<figure class=\"chart chart-package\">\n"));
			PARLEY_TRY(parley_report__emit_chart(c, &svg, NULL, kind.ptr));
			PARLEY_TRY(parley_buf__puts(c->out, "</figure>\n"));
		}
	if (pairs)
		PARLEY_TRY(parley_buf__puts(c->out, "<p class=\"muted\">Each chart shows two of the linked issues; the others are "
			"held at the package's values (listed under the legend). Each actor's curve encloses the points it "
			"prefers to the status quo on all the linked issues together; the shaded region is where every member "
			"of the table does, darker inside all their red lines.</p>\n"));
	PARLEY_TRY(parley_buf__puts(c->out, "</article>\n"));
done:
	parley_buf_dispose(&svg);
	parley_buf_dispose(&kind);
	return error;
}

int parley_report__packages_block(rctx *c, jnode *packages, jnode *issues)
{
	size_t i, n = parley__rj_len(packages);
	double loss = 2;
	int error = 0;

	if (!n)
		return 0;
	parley__rj_num_in(c, parley__rj_get(parley__rj_obj(c, parley__rj_at(packages, 0)), "loss"), 1, 2, 1, &loss);
	PARLEY_TRY(parley_buf__printf(c->out, "<section id=\"packages\" class=\"packages\" aria-labelledby=\"h-packages\">\n"
		"<h2 id=\"h-packages\">Package deals</h2>\n<p>Issues linked in a package are agreed together. An actor "
		"judges a package (one position per issue) by its salience-weighted %s losses, measured as shares of each "
		"issue's scale, and prefers it to no deal when they are smaller than at the status quo on all the issues "
		"together. A package exists when every member of the table prefers it, it lies inside their red lines, and "
		"the ratification bodies would ratify it.</p>\n", loss == 1 ? "linear" : "quadratic"));
	for (i = 0; i < n; i++) {
		jnode *pkg = parley__rj_obj(c, parley__rj_at(packages, i));
		if (pkg)
			PARLEY_TRY(package_section(c, pkg, i, issues));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</section>\n"));
done:
	return error;
}
