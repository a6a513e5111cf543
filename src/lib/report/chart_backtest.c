/*
 * chart_backtest.c - the backtest chart: each model's mean absolute error
 * with its interval; and the display names of the backtest's models.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_charts.h"

const char *parley_report__backtest_title(rstr id)
{
	static const char *const names[][2] = {
		{ "mean", "Capability-weighted mean" }, { "compromise", "Compromise model" },
		{ "median", "Weighted median" }, { "nbs", "Nash bargaining solution" },
		{ "bdm", "Expected utility (BDM)" }, { "status-quo", "Status quo (naive baseline)" },
		{ "winset-compromise", "Compromise within the Council's win-set" },
		{ "procedure-compromise", "Compromise within the procedure's win-sets" },
		{ "pivot-mid", "Midpoint of the Council's QMV pivots" },
		{ "blend", "Blend (cross-validated)" } };
	size_t k;
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (parley__rstr_eq(id, names[k][0]))
			return names[k][1];
	return NULL;
}

int parley_report__svg_backtest(rctx *c, parley_buf *b, jnode *models)
{
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	const double lw = 300, rw = 120, rh = 26, top = 30;
	double h, xmax = 0, y, v, lo, hi;
	size_t n = 0, k;
	void *iter = NULL;
	rstr key;
	jnode *mo;
	xaxis ax;
	int error = 0;

	while ((mo = parley__rj_next(models, &iter, &key)) != NULL) {
		if (parley__rj_nonneg_at(c, mo, "mae", &v))
			xmax = fmax(xmax, v);
		if (parley__rj_pair_in(c, parley__rj_get(mo, "mae_ci95"), 0, HUGE_VAL, &lo, &hi))
			xmax = fmax(xmax, hi);
		n++;
	}
	if (!n)
		return 1;
	if (!(xmax > 0))
		xmax = 1;
	ax.lo = 0;
	ax.hi = parley__svg_nice_step(xmax, 5) > 0 ? parley__svg_nice_step(xmax, 5) * ceil(xmax / parley__svg_nice_step(xmax, 5)) : xmax;
	ax.x0 = lw;
	ax.x1 = SVG_W - rw;
	h = top + (double)n * rh + 40;
	PARLEY_TRY(parley_buf__puts(&title, "Backtest: mean absolute error by model"));
	PARLEY_TRY(parley_buf__puts(&desc, "Mean absolute error of each model's forecasts against the outcomes, "
		"with its bootstrap 95% interval:"));
	iter = NULL;
	k = 0;
	while ((mo = parley__rj_next(models, &iter, &key)) != NULL) {
		PARLEY_TRY(parley_buf__puts(&desc, k++ ? "; " : " "));
		PARLEY_TRY(parley__svg_put(&desc, key));
		if (parley__rj_nonneg_at(c, mo, "mae", &v)) {
			PARLEY_TRY(parley_buf__puts(&desc, " "));
			PARLEY_TRY(parley__html_num(&desc, v, 2));
		}
	}
	PARLEY_TRY(parley_buf__puts(&desc, "."));
	PARLEY_TRY(parley__svg_open(c, b, h, "backtest", NULL, &title, &desc));
	{
		double step = parley__svg_nice_step(ax.hi, 5), t;
		for (k = 0; parley__svg_tick(0, ax.hi, step, k, &t); k++) {
			PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				parley__svg_x(&ax, t), top - 6, parley__svg_x(&ax, t), h - 36, C_GRID));
			PARLEY_TRY(parley__svg_text_num(b, parley__svg_x(&ax, t), h - 20, "middle", 11, C_MUTED, NULL, t, parley__svg_step_decimals(step)));
		}
	}
	PARLEY_TRY(parley__svg_text_open(b, (ax.x0 + ax.x1) / 2, h - 4, "middle", 12, C_TEXT, NULL));
	PARLEY_TRY(parley_buf__puts(b, "mean absolute error (scale points); line: bootstrap 95% interval</text>\n"));
	y = top;
	iter = NULL;
	while ((mo = parley__rj_next(models, &iter, &key)) != NULL) {
		double cy = y + rh / 2;
		const char *t = parley_report__backtest_title(key);
		PARLEY_TRY(parley__svg_text_fit(b, lw - 12, cy + 4, "end", 12, C_TEXT, NULL, t ? parley__rstr_z(t) : key, lw - 20));
		if (parley__rj_pair_in(c, parley__rj_get(mo, "mae_ci95"), 0, HUGE_VAL, &lo, &hi))
			PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"/>\n", parley__svg_x(&ax, lo), cy, parley__svg_x(&ax, hi), cy, C_DARK));
		if (parley__rj_nonneg_at(c, mo, "mae", &v)) {
			PARLEY_TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"%s\" data-model=\"",
				parley__svg_x(&ax, v), cy, C_UP));
			PARLEY_TRY(parley__html_esc(b, key));
			PARLEY_TRY(parley_buf__puts(b, "\" data-mae=\""));
			PARLEY_TRY(parley__html_exact(b, v));
			PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
			PARLEY_TRY(parley__svg_text_num(b, SVG_W - 10, cy + 4, "end", 12, C_TEXT, NULL, v, 2));
		}
		y += rh;
	}
	PARLEY_TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}
