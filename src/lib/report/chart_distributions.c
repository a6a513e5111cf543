/*
 * chart_distributions.c - per model the histogram of an issue's forecast
 * over the Monte Carlo draws, with its quantiles, over the zones.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_charts.h"

int parley_report__svg_distributions(rctx *c, parley_buf *b, const rissue *is)
{
	jnode *models = parley__rj_obj_at(c, is->issue, "models");
	jnode *zones = parley__rj_arr_at(c, is->issue, "zones");
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	size_t m, rows = 0;
	const double rh = 62, lw = 200, rw = 150;
	double h, y, top;
	xaxis ax;
	int error = 0;

	for (m = 0; m < c->nmodels; m++)
		if (parley__rj_obj_at(c, parley__rj_get(models, c->models[m].id), "distribution"))
			rows++;
	if (!rows)
		return 1;
	ax.lo = is->lo;
	ax.hi = is->hi;
	ax.x0 = lw + 14;
	ax.x1 = SVG_W - rw - 14;
	top = 8;
	y = top + (parley__rj_len(zones) ? ZONE_H + 6 : 0);
	h = y + (double)rows * rh + 44;

	PARLEY_TRY(parley_buf__puts(&title, "Forecast distributions over the draws: "));
	PARLEY_TRY(parley__svg_put(&title, is->title));
	PARLEY_TRY(parley_buf__puts(&desc, "Histogram of each model's forecast over the Monte Carlo draws, "
		"with the 5th, 25th, 50th, 75th and 95th percentiles."));
	for (m = 0; m < c->nmodels; m++) {
		jnode *d = parley__rj_obj_at(c, parley__rj_get(models, c->models[m].id), "distribution");
		jnode *q = parley__rj_obj_at(c, d, "quantiles");
		double v5, v50, v95;
		if (!d)
			continue;
		PARLEY_TRY(parley_buf__printf(&desc, " %s:", c->models[m].title));
		if (parley__rj_num_at(c, q, "5", &v5) && parley__rj_num_at(c, q, "50", &v50) && parley__rj_num_at(c, q, "95", &v95)) {
			PARLEY_TRY(parley_buf__puts(&desc, " median "));
			PARLEY_TRY(parley__html_num(&desc, v50, is->dec));
			PARLEY_TRY(parley_buf__puts(&desc, ", 90% of draws from "));
			PARLEY_TRY(parley__html_num(&desc, v5, is->dec));
			PARLEY_TRY(parley_buf__puts(&desc, " to "));
			PARLEY_TRY(parley__html_num(&desc, v95, is->dec));
		}
		PARLEY_TRY(parley_buf__puts(&desc, "."));
	}
	PARLEY_TRY(parley__svg_open(c, b, h, "distributions", is, &title, &desc));
	if (parley__rj_len(zones))
		PARLEY_TRY(parley__svg_zone_strip(c, b, is, &ax, top, h - 44));
	PARLEY_TRY(parley__svg_axis_ticks(c, b, is, &ax, y, h - 44, 1));

	for (m = 0; m < c->nmodels; m++) {
		jnode *mo = parley__rj_get(models, c->models[m].id);
		jnode *d = parley__rj_obj_at(c, mo, "distribution");
		jnode *hist = parley__rj_obj_at(c, d, "histogram"), *counts = parley__rj_arr_at(c, hist, "counts");
		jnode *q = parley__rj_obj_at(c, d, "quantiles");
		size_t nb = parley__rj_len(counts), k;
		double hlo = is->lo, hhi = is->hi, cmax = 0, cnt, base = y + 40, f, q5, q25, q50, q75, q95;
		double mean, sd, draws = 0, ok = 0;
		if (!d)
			continue;
		parley__rj_num_at(c, hist, "lo", &hlo);
		parley__rj_num_at(c, hist, "hi", &hhi);
		if (!(hhi > hlo)) {
			hlo = is->lo;
			hhi = is->hi;
		}
		for (k = 0; k < nb; k++)
			if (parley__rj_count(c, parley__rj_at(counts, k), &cnt))
				cmax = fmax(cmax, cnt);
		PARLEY_TRY(parley__svg_text_fit(b, lw, y + 26, "end", 12, C_TEXT, NULL, parley__rstr_z(c->models[m].title), lw - 14));
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			ax.x0 - 8, base, ax.x1 + 8, base, C_MUTED));
		PARLEY_TRY(parley_buf__printf(b, "<g data-model=\"%s\" data-histogram=\"\">\n", c->models[m].id));
		for (k = 0; k < nb; k++) {
			double xa, xb, bh;
			if (!parley__rj_count(c, parley__rj_at(counts, k), &cnt))
				continue;
			xa = parley__svg_x(&ax, hlo + (hhi - hlo) * (double)k / (double)nb);
			xb = parley__svg_x(&ax, hlo + (hhi - hlo) * (double)(k + 1) / (double)nb);
			bh = cmax > 0 ? cnt / cmax * 34 : 0;
			PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
				"fill-opacity=\"0.85\" data-bin=\"%zu\" data-count=\"", xa + 0.5, base - bh,
				fmax(xb - xa - 1, 0.5), bh, c->models[m].colour, k));
			PARLEY_TRY(parley__html_exact(b, cnt));
			PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
		}
		PARLEY_TRY(parley_buf__puts(b, "</g>\n"));
		if (parley__rj_num_at(c, q, "5", &q5) && parley__rj_num_at(c, q, "25", &q25) && parley__rj_num_at(c, q, "50", &q50) &&
		    parley__rj_num_at(c, q, "75", &q75) && parley__rj_num_at(c, q, "95", &q95)) {
			double qy = base + 9;
			PARLEY_TRY(parley_buf__printf(b, "<g data-quantiles=\"%s\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"%s\" stroke-width=\"1.5\"/><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"7\" "
				"fill=\"%s\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ffffff\" "
				"stroke-width=\"2\"/></g>\n", c->models[m].id, parley__svg_x(&ax, q5), qy, parley__svg_x(&ax, q95), qy,
				C_TEXT, parley__svg_x(&ax, q25), qy - 3.5, fmax(parley__svg_x(&ax, q75) - parley__svg_x(&ax, q25), 1), C_TEXT,
				parley__svg_x(&ax, q50), qy - 3.5, parley__svg_x(&ax, q50), qy + 3.5));
		}
		if (parley__rj_num_at(c, mo, "forecast", &f))
			PARLEY_TRY(parley__svg_marker_shape(b, c->models[m].shape, C_TEXT, parley__svg_x(&ax, f), base - 7, 6, "data-point-forecast=\"\""));
		parley__rj_count_at(c, d, "draws", &draws);
		if (parley__rj_count_at(c, d, "ok", &ok) && ok > draws)
			parley__rj_error(c, parley__rj_get(d, "ok"), "at most \"draws\"", "more draws ran than were drawn");
		if (parley__rj_num_at(c, d, "mean", &mean) && parley__rj_nonneg_at(c, d, "sd", &sd)) {
			PARLEY_TRY(parley__svg_text_open(b, SVG_W - 10, y + 22, "end", 12, C_TEXT, NULL));
			PARLEY_TRY(parley_buf__puts(b, "mean "));
			PARLEY_TRY(parley__html_num(b, mean, is->dec));
			PARLEY_TRY(parley_buf__puts(b, ", sd "));
			PARLEY_TRY(parley__html_num(b, sd, is->dec));
			PARLEY_TRY(parley_buf__puts(b, "</text>\n"));
		}
		if (draws > 0 && ok < draws) {
			PARLEY_TRY(parley__svg_text_open(b, SVG_W - 10, y + 38, "end", 11, C_MUTED, NULL));
			PARLEY_TRY(parley_buf__puts(b, "runs in "));
			PARLEY_TRY(parley__html_pct(b, ok / draws));
			PARLEY_TRY(parley_buf__puts(b, " of draws</text>\n"));
		}
		y += rh;
	}
	PARLEY_TRY(parley__svg_text_open(b, ax.x0, h - 6, NULL, 11, C_MUTED, NULL));
	PARLEY_TRY(parley_buf__puts(b, "bars: share of draws per bin; below: 5\xe2\x80\x93""95% line, 25\xe2\x80\x93""75% box, "
		"median tick; marker: the point forecast</text>\n"));
	PARLEY_TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}
