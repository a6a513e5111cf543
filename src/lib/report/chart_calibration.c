/*
 * chart_calibration.c - the ledger's calibration chart: each forecaster's
 * forecasts of yes/no questions in bins of probability, mean forecast
 * against how often the event happened, over the diagonal of perfect
 * calibration.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_charts.h"

int parley_report__svg_calibration(rctx *c, parley_buf *b, const rcal *series, size_t n)
{
	static const char *const colours[7] = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
		"#56B4E9", "#000000" };
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	const double PL = 78, PT = 44, PS = 420, LX = 560;
	double h, t, ly;
	size_t s, k, shown = n < 7 ? n : 7, points = 0;
	int error = 0;

	for (s = 0; s < shown; s++)
		for (k = 0; k < series[s].nbins; k++)
			points += series[s].count[k] > 0 && isfinite(series[s].mean_p[k]) && isfinite(series[s].observed[k]);
	if (!points)
		return 1;
	h = fmax(PT + PS + 56, PT + 30 + (double)shown * 36 + 120);
#define CX(p) (PL + parley__svg_clamp((p), 0, 1) * PS)
#define CY(p) (PT + PS - parley__svg_clamp((p), 0, 1) * PS)
	PARLEY_TRY(parley_buf__puts(&title, "Calibration: forecast probability against how often it happened"));
	PARLEY_TRY(parley_buf__puts(&desc, "For each forecaster, its forecasts of resolved yes/no questions grouped in "
		"bins of probability: the mean forecast of each bin across, the share that happened up; perfectly "
		"calibrated forecasts lie on the diagonal."));
	for (s = 0; s < shown; s++) {
		PARLEY_TRY(parley_buf__puts(&desc, " "));
		PARLEY_TRY(parley__svg_put(&desc, series[s].name));
		PARLEY_TRY(parley_buf__puts(&desc, ":"));
		for (k = 0; k < series[s].nbins; k++) {
			if (!(series[s].count[k] > 0) || !isfinite(series[s].mean_p[k]) || !isfinite(series[s].observed[k]))
				continue;
			PARLEY_TRY(parley_buf__printf(&desc, " %.0f at ", series[s].count[k]));
			PARLEY_TRY(parley__html_pct(&desc, series[s].mean_p[k]));
			PARLEY_TRY(parley_buf__puts(&desc, " happened "));
			PARLEY_TRY(parley__html_pct(&desc, series[s].observed[k]));
			PARLEY_TRY(parley_buf__puts(&desc, ","));
		}
		if (desc.size && desc.ptr[desc.size - 1] == ',')
			desc.ptr[--desc.size] = '\0';
		PARLEY_TRY(parley_buf__puts(&desc, "."));
	}
	PARLEY_TRY(parley__svg_open(c, b, h, "calibration", NULL, &title, &desc));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"12\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"%s\">"
		"Calibration: do 70%% forecasts come true 70%% of the time?</text>\n", C_TEXT));
	for (k = 0; k <= 10; k++) {
		t = (double)k / 10;
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n"
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			CX(t), PT, CX(t), PT + PS, C_GRID, PL, CY(t), PL + PS, CY(t), C_GRID));
		if (k % 2 == 0) {
			PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" "
				"fill=\"%s\">%.0f%%</text>\n", CX(t), PT + PS + 16, C_MUTED, t * 100));
			PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" "
				"fill=\"%s\">%.0f%%</text>\n", PL - 6, CY(t) + 4, C_MUTED, t * 100));
		}
	}
	PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"%s\"/>\n",
		PL, PT, PS, PS, C_TEXT));
	PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\" "
		"stroke-dasharray=\"6 4\" data-diagonal=\"\"/>\n", CX(0), CY(0), CX(1), CY(1), C_MUTED));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-style=\"italic\" fill=\"%s\" "
		"transform=\"rotate(-45 %.1f %.1f)\" text-anchor=\"middle\">perfect calibration</text>\n",
		CX(0.72), CY(0.72) - 6, C_MUTED, CX(0.72), CY(0.72) - 6));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\" "
		"fill=\"%s\">forecast probability (mean of each bin)</text>\n", PL + PS / 2, PT + PS + 36, C_TEXT));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"20\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\" "
		"fill=\"%s\" transform=\"rotate(-90 20 %.1f)\">share that happened</text>\n", PT + PS / 2, C_TEXT,
		PT + PS / 2));
	PARLEY_TRY(parley__svg_text_open(b, PL + 8, PT + 16, NULL, 11, C_MUTED, NULL));
	PARLEY_TRY(parley_buf__puts(b, "above the diagonal: happened more often than forecast</text>\n"));
	PARLEY_TRY(parley__svg_text_open(b, PL + PS - 8, PT + PS - 8, "end", 11, C_MUTED, NULL));
	PARLEY_TRY(parley_buf__puts(b, "below: less often</text>\n"));

	for (s = 0; s < shown; s++) {
		const rcal *r = &series[s];
		PARLEY_TRY(parley_buf__puts(b, "<g data-series=\""));
		PARLEY_TRY(parley__html_esc(b, r->name));
		PARLEY_TRY(parley_buf__printf(b, "\" data-kind=\"%s\">\n", r->model ? "model" : "person"));
		for (k = 0; k < r->nbins; k++) {
			char extra[200];
			double rad;
			if (!(r->count[k] > 0) || !isfinite(r->mean_p[k]) || !isfinite(r->observed[k]))
				continue;
			rad = 4 + 2.2 * sqrt(r->count[k]);
			{
				char mp[40], ob[40];
				parley__fmt_double(mp, sizeof(mp), r->mean_p[k]);
				parley__fmt_double(ob, sizeof(ob), r->observed[k]);
				snprintf(extra, sizeof(extra), "data-bin=\"%zu\" data-n=\"%.0f\" data-mean-p=\"%s\" "
					"data-observed=\"%s\"", k, r->count[k], mp, ob);
			}
			PARLEY_TRY(parley__svg_marker_shape(b, (int)s % 6, colours[s], CX(r->mean_p[k]), CY(r->observed[k]), rad, extra));
			PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\" %s>%.0f</text>\n",
				CX(r->mean_p[k]) + rad + 3, CY(r->observed[k]) - rad * 0.4 - 2, C_TEXT, HALO, r->count[k]));
		}
		PARLEY_TRY(parley_buf__puts(b, "</g>\n"));
	}
	/* legend */
	ly = PT + 4;
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">Forecaster"
		"</text>\n<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">forecasts, Brier</text>\n",
		LX, ly, C_TEXT, SVG_W - 12, ly, C_MUTED));
	ly += 26;
	for (s = 0; s < shown; s++) {
		const rcal *r = &series[s];
		PARLEY_TRY(parley__svg_marker_shape(b, (int)s % 6, colours[s], LX + 10, ly - 4, 7, NULL));
		PARLEY_TRY(parley__svg_text_fit(b, LX + 26, ly, NULL, 12, C_TEXT, NULL, r->name, SVG_W - LX - 26 - 110));
		PARLEY_TRY(parley__svg_text_open(b, SVG_W - 12, ly, "end", 12, C_TEXT, NULL));
		PARLEY_TRY(parley_buf__printf(b, "%.0f", r->n));
		if (isfinite(r->brier))
			PARLEY_TRY(parley_buf__printf(b, ", %.3f", r->brier));
		PARLEY_TRY(parley_buf__puts(b, "</text>\n"));
		ly += 36;
	}
	if (n > shown) {
		PARLEY_TRY(parley__svg_text_open(b, LX, ly, NULL, 11, C_MUTED, NULL));
		PARLEY_TRY(parley_buf__printf(b, "\xe2\x80\xa6 %zu more in the table</text>\n", n - shown));
		ly += 20;
	}
	PARLEY_TRY(parley__svg_text_open(b, LX, ly + 6, NULL, 11, C_MUTED, NULL));
	PARLEY_TRY(parley_buf__puts(b, "A marker's area grows with its bin's forecasts</text>\n"));
	PARLEY_TRY(parley__svg_text_open(b, LX, ly + 22, NULL, 11, C_MUTED, NULL));
	PARLEY_TRY(parley_buf__puts(b, "(the number beside it). Brier: 0 is perfect,</text>\n"));
	PARLEY_TRY(parley__svg_text_open(b, LX, ly + 38, NULL, 11, C_MUTED, NULL));
	PARLEY_TRY(parley_buf__puts(b, "0.25 is always saying 50%.</text>\n"));
	PARLEY_TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
#undef CX
#undef CY
done:
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}
