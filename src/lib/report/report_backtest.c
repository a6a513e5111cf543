/*
 * report_backtest.c - the backtest's report: the models' scores in a table
 * and the chart of their errors.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_pages.h"
#include "report_charts.h"

static int stat_cell(rctx *c, jnode *mo, const char *key, int pct)
{
	char ci[40];
	double v, lo, hi;
	int error = 0;
	PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
	if (parley__rj_num_in(c, parley__rj_get(mo, key), 0, pct ? 1 : HUGE_VAL, 0, &v)) {
		PARLEY_TRY(pct ? parley_buf__printf(c->out, "%.0f%%", v * 100) : parley__html_num(c->out, v, 2));
		snprintf(ci, sizeof(ci), "%s_ci95", key);
		if (parley__rj_pair_in(c, parley__rj_get(mo, ci), 0, pct ? 1 : HUGE_VAL, &lo, &hi))
			PARLEY_TRY(pct ? parley_buf__printf(c->out, "<span class=\"ci\">[%.0f, %.0f]</span>", lo * 100, hi * 100) :
				parley_buf__printf(c->out, "<span class=\"ci\">[%.2f, %.2f]</span>", lo, hi));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</td>"));
done:
	return error;
}

int parley_report__backtest_page(rctx *c, jnode *models)
{
	jnode *root = c->root, *ds = parley__rj_obj_at(c, root, "dataset"), *blend = parley__rj_obj_at(c, root, "blend");
	rstr path = parley__rj_str_at(c, ds, "path");
	double v, used = 0, read = 0, skipped = 0, props = 0;
	parley_buf svg = PARLEY_BUF_INIT;
	void *iter = NULL;
	rstr key;
	jnode *mo;
	int error = 0;

	PARLEY_TRY(parley_report__page_head(c, parley__rstr_z("Backtest of the models"), "backtest report"));
	PARLEY_TRY(parley_buf__puts(c->out, "<header class=\"top\">\n<p class=\"kicker\">parley backtest report</p>\n"
		"<h1>How well do the models forecast decisions already taken?</h1>\n<p class=\"meta\">Dataset <code>"));
	PARLEY_TRY(parley__html_esc(c->out, path.p ? path : parley__rstr_z(c->file)));
	PARLEY_TRY(parley_buf__puts(c->out, "</code>"));
	if (parley__rj_str_at(c, parley__rj_obj_at(c, ds, "outcomes"), "path").p) {
		PARLEY_TRY(parley__html_wrap(c->out, " with outcomes <code>", parley__rj_str_at(c, parley__rj_obj_at(c, ds, "outcomes"), "path"), "</code>"));
	}
	if (parley__rj_str_at(c, ds, "layout").p) {
		PARLEY_TRY(parley__html_wrap(c->out, " (layout ", parley__rj_str_at(c, ds, "layout"), ")"));
	}
	parley__rj_count_at(c, root, "issues_used", &used);
	parley__rj_count_at(c, root, "issues_read", &read);
	parley__rj_count_at(c, root, "issues_skipped", &skipped);
	parley__rj_count_at(c, root, "proposals", &props);
	if (read > 0)
		PARLEY_TRY(parley_buf__printf(c->out, " \xc2\xb7 %.0f issues read, %.0f scored, %.0f left out \xc2\xb7 "
			"%.0f proposals", read, used, skipped, props));
	if (parley__rj_count_at(c, root, "resamples", &v))
		PARLEY_TRY(parley_buf__printf(c->out, " \xc2\xb7 %.0f bootstrap resamples", v));
	if (parley__rj_num_in(c, parley__rj_get(root, "seed"), 0, RJ_MAX_SEED, 1, &v))
		PARLEY_TRY(parley_buf__printf(c->out, ", seed %.0f", v));
	PARLEY_TRY(parley_buf__puts(c->out, "</p>\n</header>\n<main>\n<section id=\"backtest\" aria-labelledby=\"h-bt\">\n"
		"<h2 id=\"h-bt\">Errors by model</h2>\n<p>Each model forecast every scored issue; the table gives its "
		"errors against the recorded outcomes (scale points), with bootstrap 95% intervals that resample "
		"proposals. Lower is better for the errors, higher for the shares within 10 and 20 points.</p>\n"
		"<table class=\"wide backtest\">\n<thead><tr><th>Model</th><th class=\"n\">Issues</th><th class=\"n\">MAE</th>"
		"<th class=\"n\">RMSE</th><th class=\"n\">Median AE</th><th class=\"n\">Within 10</th>"
		"<th class=\"n\">Within 20</th></tr></thead>\n<tbody>\n"));
	while ((mo = parley__rj_next(models, &iter, &key)) != NULL) {
		const char *t = parley_report__backtest_title(key);
		mo = parley__rj_obj(c, mo);
		PARLEY_TRY(parley__html_wrap(c->out, "<tr data-model=\"", key, "\"><td>"));
		PARLEY_TRY(t ? parley_buf__puts(c->out, t) : parley__html_esc(c->out, key));
		PARLEY_TRY(parley__html_wrap(c->out, "<span class=\"ci\">", key, "</span></td><td class=\"n\">"));
		if (parley__rj_count_at(c, mo, "n", &v))
			PARLEY_TRY(parley_buf__printf(c->out, "%.0f", v));
		PARLEY_TRY(parley_buf__puts(c->out, "</td>"));
		PARLEY_TRY(stat_cell(c, mo, "mae", 0));
		PARLEY_TRY(stat_cell(c, mo, "rmse", 0));
		PARLEY_TRY(stat_cell(c, mo, "median_ae", 0));
		PARLEY_TRY(stat_cell(c, mo, "within10", 1));
		PARLEY_TRY(stat_cell(c, mo, "within20", 1));
		PARLEY_TRY(parley_buf__puts(c->out, "</tr>\n"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
	error = parley_report__svg_backtest(c, &svg, models);
	if (error < 0)
		goto done;
	if (error == 0) {
		PARLEY_TRY(parley_buf__puts(c->out, "<figure class=\"chart chart-backtest\">\n"));
		PARLEY_TRY(parley_report__emit_chart(c, &svg, NULL, "backtest-mae"));
		PARLEY_TRY(parley_buf__puts(c->out, "</figure>\n"));
	}
	error = 0;
	if (blend) {
		double cv, comp, ratio, lo, hi, goal = 0.9;
		int met = 0;
		PARLEY_TRY(parley_buf__puts(c->out, "<h3>The blend</h3>\n<p>"));
		if (parley__rj_nonneg_at(c, blend, "cv_mae", &cv) && parley__rj_nonneg_at(c, blend, "compromise_mae", &comp)) {
			PARLEY_TRY(parley_buf__printf(c->out, "Forecasting each proposal from weights fitted on the others, the blend's "
				"mean absolute error is %.2f against %.2f for the compromise model on the same issues", cv, comp));
			if (parley__rj_nonneg_at(c, blend, "ratio", &ratio)) {
				PARLEY_TRY(parley_buf__printf(c->out, " (ratio %.3f", ratio));
				if (parley__rj_pair_in(c, parley__rj_get(blend, "ratio_ci95"), 0, HUGE_VAL, &lo, &hi))
					PARLEY_TRY(parley_buf__printf(c->out, ", 95%% interval %.3f to %.3f", lo, hi));
				PARLEY_TRY(parley_buf__puts(c->out, ")"));
			}
			parley__rj_nonneg_at(c, blend, "goal", &goal);
			if (parley__rj_bool_at(c, blend, "goal_met", &met))
				PARLEY_TRY(parley_buf__printf(c->out, "; the goal of a ratio of at most %g is %s", goal,
					met ? "met" : "not met"));
			PARLEY_TRY(parley_buf__puts(c->out, "."));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</p>\n"));
	}
	PARLEY_TRY(parley_buf__printf(c->out, "</section>\n</main>\n<footer>\n<p>Backtest by parley "));
	PARLEY_TRY(parley__html_esc(c->out, parley__rj_str_at(c, root, "parley_version")));
	PARLEY_TRY(parley_buf__puts(c->out, "; dataset SHA-256 <code>"));
	PARLEY_TRY(parley__html_esc(c->out, parley__rj_str_at(c, ds, "sha256")));
	PARLEY_TRY(parley_buf__printf(c->out, "</code>. Report rendered by parley %s from <code>", PARLEY_VERSION));
	PARLEY_TRY(parley__html_escz(c->out, c->file));
	PARLEY_TRY(parley_buf__puts(c->out, "</code>.</p>\n</footer>\n</body>\n</html>\n"));
done:
	parley_buf_dispose(&svg);
	return error;
}
