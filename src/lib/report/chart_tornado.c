/*
 * chart_tornado.c - the inputs that move a model's forecast most, by share
 * of its variance, each bar pointing the way a rise of the input moves the
 * forecast; and the plain label of such an input.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_charts.h"

/* "position of United States" for a sensitivity entry (plain text). */
static int input_label(rctx *c, parley_buf *b, jnode *e)
{
	rstr input = parley__rj_str_at(c, e, "input"), actor = parley__rj_str_at(c, e, "actor");
	const char *what = parley__rstr_eq(input, "red_line_low") ? "lower end of the red line of" :
		parley__rstr_eq(input, "red_line_high") ? "upper end of the red line of" : NULL;
	int error;

	if (parley__rstr_eq(input, "status_quo") || !actor.p)
		return parley__rstr_eq(input, "status_quo") ? parley_buf__puts(b, "status quo") : parley__svg_put(b, input);
	if (what)
		PARLEY_TRY(parley_buf__puts(b, what));
	else
		PARLEY_TRY(parley__svg_put(b, input));
	PARLEY_TRY(parley_buf__puts(b, what ? " " : " of "));
	error = parley__svg_put(b, parley__rj_actor_name(c, actor));
done:
	return error;
}

int parley_report__svg_tornado(rctx *c, parley_buf *b, const rissue *is, const char *model)
{
	jnode *list = parley__rj_arr_at(c, parley__rj_obj_at(c, is->issue, "sensitivity"), model);
	size_t n = parley__rj_len(list), shown, k, mi;
	size_t want = c->opts && c->opts->tornado_inputs ? c->opts->tornado_inputs : 10;
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT, lab = PARLEY_BUF_INIT;
	const double lw = 330, rw = 190, rh = 22, top = 46;
	double smax = 0, h, xc, hw, y;
	const char *mtitle = model;
	int error = 0;

	if (!n)
		return 1;
	for (mi = 0; mi < c->nmodels; mi++)
		if (!strcmp(model, c->models[mi].id))
			mtitle = c->models[mi].title;
	shown = n < want ? n : want;
	for (k = 0; k < shown; k++) {
		double s;
		if (parley__rj_share_at(c, parley__rj_at(list, k), "variance_share", &s))
			smax = fmax(smax, s);
	}
	h = top + (double)shown * rh + (n > shown ? 30 : 12);
	xc = lw + (SVG_W - lw - rw) / 2;
	hw = (SVG_W - lw - rw) / 2 - 12;

	PARLEY_TRY(parley_buf__printf(&title, "What moves the forecast (%s): ", mtitle));
	PARLEY_TRY(parley__svg_put(&title, is->title));
	PARLEY_TRY(parley_buf__printf(&desc, "The %zu inputs with the largest share of the variance of the %s "
		"forecast over the draws, largest first:", shown, mtitle));
	for (k = 0; k < shown; k++) {
		jnode *e = parley__rj_at(list, k);
		double s = 0, d = 0;
		parley__rj_share_at(c, e, "variance_share", &s);
		parley__rj_num_at(c, e, "derivative", &d);
		lab.size = 0;
		if (lab.ptr)
			lab.ptr[0] = '\0';
		PARLEY_TRY(input_label(c, &lab, e));
		PARLEY_TRY(parley_buf__printf(&desc, "%s %s ", k ? ";" : "", lab.ptr ? lab.ptr : ""));

		PARLEY_TRY(parley__html_pct(&desc, s));
		PARLEY_TRY(parley_buf__printf(&desc, ", %s", d > 0 ? "raises it" : d < 0 ? "lowers it" : "no local effect"));
	}
	PARLEY_TRY(parley_buf__puts(&desc, "."));
	PARLEY_TRY(parley__svg_open(c, b, h, "tornado", is, &title, &desc));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"10\" y=\"16\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">"
		"What moves the forecast: %s</text>\n", C_TEXT, mtitle));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"36\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"\xe2\x86\x90 a rise of the input lowers the forecast</text>\n", xc - 8, C_DOWN));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"36\" font-size=\"11\" fill=\"%s\">"
		"raises the forecast \xe2\x86\x92</text>\n", xc + 8, C_UP));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"36\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"share of variance</text>\n<text x=\"%.1f\" y=\"36\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"per unit</text>\n", SVG_W - 96, C_MUTED, SVG_W - 10, C_MUTED));
	y = top;
	for (k = 0; k < shown; k++, y += rh) {
		jnode *e = parley__rj_at(list, k);
		double s = 0, d = 0, len;
		const char *col;
		rstr input = parley__rj_str_at(c, e, "input"), actor = parley__rj_str_at(c, e, "actor");
		parley__rj_share_at(c, e, "variance_share", &s);
		parley__rj_num_at(c, e, "derivative", &d);
		col = d > 0 ? C_UP : d < 0 ? C_DOWN : "#999999";
		len = smax > 0 ? fmax(s, 0) / smax * hw : 0;
		lab.size = 0;
		if (lab.ptr)
			lab.ptr[0] = '\0';
		PARLEY_TRY(input_label(c, &lab, e));
		{
			rstr t;
			t.p = lab.ptr ? lab.ptr : "";
			t.n = lab.size;
			PARLEY_TRY(parley__svg_text_fit(b, lw - 10, y + 15, "end", 12, C_TEXT, NULL, t, lw - 20));
		}
		PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			"data-input=\"", d < 0 ? xc - len : xc, y + 4, fmax(len, 0.5), rh - 8, col));
		PARLEY_TRY(parley__html_esc(b, input));
		PARLEY_TRY(parley__html_wrap(b, "\" data-actor=\"", actor, "\" data-share=\""));
		PARLEY_TRY(parley__html_exact(b, s));
		PARLEY_TRY(parley_buf__puts(b, "\" data-derivative=\""));
		PARLEY_TRY(parley__html_exact(b, d));
		PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
		PARLEY_TRY(parley__svg_text_open(b, SVG_W - 96, y + 15, "end", 12, C_TEXT, NULL));
		PARLEY_TRY(parley__html_pct(b, s));
		PARLEY_TRY(parley_buf__puts(b, "</text>\n"));
		PARLEY_TRY(parley__svg_text_open(b, SVG_W - 10, y + 15, "end", 12, C_MUTED, NULL));
		PARLEY_TRY(parley_buf__puts(b, d > 0 ? "+" : ""));
		PARLEY_TRY(parley_buf__printf(b, "%.3g</text>\n", d));
	}
	PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
		xc, top - 2, xc, y + 2, C_TEXT));
	if (n > shown) {
		PARLEY_TRY(parley__svg_text_open(b, lw - 10, y + 18, "end", 11, C_MUTED, NULL));
		PARLEY_TRY(parley_buf__printf(b, "\xe2\x80\xa6 %zu more input%s in the JSON result</text>\n", n - shown,
			n - shown == 1 ? "" : "s"));
	}
	PARLEY_TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	parley_buf_dispose(&lab);
	return error;
}
