/*
 * report_svg.c - the primitives the charts of the HTML report draw with:
 * text fitted to a width, the <svg> element with its title and text
 * alternative, tick steps, model markers, the issue's scale axis and the
 * strip of named zones. Every chart is an <svg> element with role="img",
 * an aria-label, a <title> and a <desc> holding its data in words; styling
 * is by presentation attributes only, so a chart reads the same inline and
 * as a standalone file. Colours are Okabe and Ito's palette (2008).
 * Coordinates are printed with one decimal: the same input gives the same
 * bytes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_svg.h"

/* Plain text of the JSON into a title or description (escaped on output). */
int parley__svg_put(parley_buf *b, rstr s)
{
	return s.p ? parley_buf__put(b, s.p, s.n) : 0;
}

double parley__svg_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Pixels of `s` at `size` px (an estimate: labels get room, not layout). */
double parley__svg_text_w(rstr s, double size)
{
	return (double)parley__html_chars(s) * size * CHAR_EM;
}

/* Append `s` cut to at most `maxw` pixels at `size`, with an ellipsis. */
int parley__svg_esc_fit(parley_buf *b, rstr s, double size, double maxw)
{
	size_t keep, i, chars = 0;
	rstr cut;
	int error;

	if (parley__svg_text_w(s, size) <= maxw)
		return parley__html_esc(b, s);
	keep = maxw > size ? (size_t)(maxw / (size * CHAR_EM)) - 1 : 0;
	for (i = 0; i < s.n; i++) {
		if (((unsigned char)s.p[i] & 0xC0) != 0x80) {
			if (chars == keep)
				break;
			chars++;
		}
	}
	cut.p = s.p;
	cut.n = i;
	if ((error = parley__html_esc(b, cut)) < 0)
		return error;
	return parley_buf__puts(b, "\xe2\x80\xa6");
}

/* <text> with the common attributes. */
int parley__svg_text_open(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra)
{
	return parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s%s%s font-size=\"%g\" fill=\"%s\"%s%s>",
		x, y, anchor ? " text-anchor=\"" : "", anchor ? anchor : "", anchor ? "\"" : "",
		size, fill, extra ? " " : "", extra ? extra : "");
}

int parley__svg_text_fit(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra, rstr s, double maxw)
{
	int error;
	PARLEY_TRY(parley__svg_text_open(b, x, y, anchor, size, fill, extra));
	PARLEY_TRY(parley__svg_esc_fit(b, s, size, maxw));
	error = parley_buf__puts(b, "</text>\n");
done:
	return error;
}

int parley__svg_text_num(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra, double v, int dec)
{
	int error;
	PARLEY_TRY(parley__svg_text_open(b, x, y, anchor, size, fill, extra));
	PARLEY_TRY(parley__html_num(b, v, dec));
	error = parley_buf__puts(b, "</text>\n");
done:
	return error;
}

/* The <svg> element's opening, title and description. */
int parley__svg_open(rctx *c, parley_buf *b, double h, const char *kind, const rissue *is,
	const parley_buf *title, const parley_buf *desc)
{
	rstr t;
	int error;

	t.p = title->ptr ? title->ptr : "";
	t.n = title->size;
	c->chart_title.size = 0;
	PARLEY_TRY(parley_buf__put(&c->chart_title, t.p, t.n));
	PARLEY_TRY(parley_buf__printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		"viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", SVG_W, h, SVG_W, h));
	PARLEY_TRY(parley__html_esc(b, t));
	PARLEY_TRY(parley_buf__printf(b, "\" data-chart=\"%s\"", kind));
	if (is) {
		PARLEY_TRY(parley__html_wrap(b, " data-issue=\"", is->id, "\""));
	}
	PARLEY_TRY(parley__html_wrap(b, ">\n<title>", t, "</title>\n<desc>"));
	t.p = desc->ptr ? desc->ptr : "";
	t.n = desc->size;
	PARLEY_TRY(parley__html_esc(b, t));
	PARLEY_TRY(parley_buf__printf(b, "</desc>\n<g font-family=\"%s\" font-size=\"12\">\n"
		"<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", FONT, SVG_W, h));
done:
	return error;
}

int parley__svg_begin(rctx *c, parley_buf *b, double h, const char *kind, const rissue *is,
	parley__svg_describe_fn describe, const void *chart)
{
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	int error = describe(chart, &title, &desc);
	if (error == 0)
		error = parley__svg_open(c, b, h, kind, is, &title, &desc);
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}

/* A round step for ticks over `span`: 1, 2, 2.5 or 5 times a power of ten,
 * giving about `target` intervals. */
double parley__svg_nice_step(double span, double target)
{
	double raw = span / target, p, f;
	if (!(raw > 1e-300) || !isfinite(raw))
		return 0; /* no ticks */
	p = pow(10.0, floor(log10(raw)));
	f = raw / p;
	return (f < 1.5 ? 1.0 : f < 2.25 ? 2.0 : f < 3.5 ? 2.5 : f < 7.5 ? 5.0 : 10.0) * p;
}

/* Tick k (from 0) of `step` from the first multiple of step at or above
 * lo: 1 and *t while it is within hi (at most 100 ticks), else 0. */
int parley__svg_tick(double lo, double hi, double step, size_t k, double *t)
{
	if (!(step > 0) || k > 100)
		return 0;
	*t = (ceil(lo / step) + (double)k) * step;
	return isfinite(*t) && *t <= hi + step * 1e-9;
}

/* Decimals that show every tick of `step` exactly (at most 6). */
int parley__svg_step_decimals(double step)
{
	int d;
	for (d = 0; d < 6; d++) {
		double v = step * pow(10.0, d);
		if (fabs(v - round(v)) < 1e-6 * v)
			break;
	}
	return d;
}

/* A marker of `shape` (rmodel.shape) in colour `col` centred at (x, y),
 * half-size r, with `extra` attributes. */
int parley__svg_marker_shape(parley_buf *b, int shape, const char *col, double x, double y, double r,
	const char *extra)
{
	const char *sw = "stroke=\"#ffffff\" stroke-width=\"1\"";
	const char *sp = extra ? " " : "", *ex = extra ? extra : "";
	int error = 0, k;

	switch (shape) {
	case 0: /* square */
		return parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" %s%s%s/>\n",
			x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, col, sw, sp, ex);
	case 1: /* diamond */
		return parley_buf__printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" %s%s%s/>\n",
			x, y - r * 1.15, x + r * 1.15, y, x, y + r * 1.15, x - r * 1.15, y, col, sw, sp, ex);
	case 2: /* triangle up */
		return parley_buf__printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" %s%s%s/>\n",
			x, y - r * 1.15, x + r * 1.1, y + r * 0.85, x - r * 1.1, y + r * 0.85, col, sw, sp, ex);
	case 3: /* triangle down */
		return parley_buf__printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" %s%s%s/>\n",
			x, y + r * 1.15, x + r * 1.1, y - r * 0.85, x - r * 1.1, y - r * 0.85, col, sw, sp, ex);
	case 4: /* five-pointed star */
		PARLEY_TRY(parley_buf__puts(b, "<path d=\""));
		for (k = 0; k < 10; k++) {
			double a = -PI / 2 + k * PI / 5, rr = (k % 2 ? 0.5 : 1.3) * r;
			PARLEY_TRY(parley_buf__printf(b, "%s%.1f %.1f", k ? "L" : "M", x + rr * cos(a), y + rr * sin(a)));
		}
		error = parley_buf__printf(b, "Z\" fill=\"%s\" %s%s%s/>\n", col, sw, sp, ex);
		break;
	case 5: { /* plus */
		double t = r * 0.38;
		error = parley_buf__printf(b, "<path d=\"M%.1f %.1fH%.1fV%.1fH%.1fV%.1fH%.1fV%.1fH%.1fV%.1fH%.1fV%.1fZ\" "
			"fill=\"%s\" %s%s%s/>\n", x - t, y - r, x + t, y - t, x + r, y + t, x + t, y + r, x - t, y + t,
			x - r, y - t, col, sw, sp, ex);
		break;
	}
	default: /* ring */
		return parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#ffffff\" stroke=\"%s\" "
			"stroke-width=\"2.5\"%s%s/>\n", x, y, r * 0.8, col, sp, ex);
	}
done:
	return error;
}

int parley__svg_marker(rctx *c, parley_buf *b, size_t m, double x, double y, double r, const char *extra)
{
	return parley__svg_marker_shape(b, c->models[m].shape, c->models[m].colour, x, y, r, extra);
}

double parley__svg_x(const xaxis *a, double v)
{
	return a->x0 + (parley__svg_clamp(v, a->lo, a->hi) - a->lo) / (a->hi - a->lo) * (a->x1 - a->x0);
}

/* Vertical grid lines from y0 to y1 at the ticks; the labelled points are
 * the major ticks. Ticks and numbers below y1 when `labels`. */
int parley__svg_axis_ticks(rctx *c, parley_buf *b, const rissue *is, const xaxis *a, double y0,
	double y1, int labels)
{
	jnode *lab = parley__rj_arr_at(c, is->issue, "labels");
	size_t k, n = parley__rj_len(lab);
	double step = parley__svg_nice_step(a->hi - a->lo, 10), t, at;
	size_t i;
	int error = 0;

	/* minor: round numbers away from any labelled point */
	for (i = 0; parley__svg_tick(a->lo, a->hi, step, i, &t); i++) {
		double x = parley__svg_x(a, t);
		int near = 0;
		for (k = 0; k < n; k++)
			if (parley__rj_num_at(c, parley__rj_at(lab, k), "at", &at) && fabs(parley__svg_x(a, at) - x) < 20)
				near = 1;
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			x, y0, x, y1, C_GRID));
		if (labels && !near) {
			PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				x, y1, x, y1 + 4, C_MUTED));
			PARLEY_TRY(parley__svg_text_num(b, x, y1 + 16, "middle", 11, C_MUTED, NULL, t, parley__svg_step_decimals(step)));
		}
	}
	for (k = 0; labels && k < n; k++) {
		double x;
		if (!parley__rj_num_at(c, parley__rj_at(lab, k), "at", &at))
			continue;
		x = parley__svg_x(a, at);
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"1.5\" data-label=\"", x, y1, x, y1 + 7, C_TEXT));
		PARLEY_TRY(parley__html_exact(b, at));
		PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
		PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" "
			"font-weight=\"bold\" fill=\"%s\">", x, y1 + 18, C_TEXT));
		PARLEY_TRY(parley__html_num(b, at, fabs(at - round(at)) < 1e-9 ? 0 : is->dec));
		PARLEY_TRY(parley_buf__puts(b, "</text>\n"));
	}
	if (labels)
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			a->x0 - 8, y1, a->x1 + 8, y1, C_TEXT));
done:
	return error;
}

/* Split `s` into a first line of at most `maxw` pixels (at a space when
 * it can) and the rest. */
void parley__svg_wrap2(rstr s, double size, double maxw, rstr *l1, rstr *l2)
{
	size_t i, cut = 0;
	rstr t;

	*l1 = s;
	l2->p = NULL;
	l2->n = 0;
	if (parley__svg_text_w(s, size) <= maxw)
		return;
	for (i = 0; i < s.n; i++)
		if (s.p[i] == ' ') {
			t.p = s.p;
			t.n = i;
			if (parley__svg_text_w(t, size) > maxw)
				break;
			cut = i;
		}
	if (!cut)
		return; /* one long word: parley__svg_esc_fit() cuts it */
	l1->n = cut;
	l2->p = s.p + cut + 1;
	l2->n = s.n - cut - 1;
}

/* The named zones as a strip of bands at y0 (ZONE_H high) with their
 * names on one or two lines, which may reach halfway into the gaps beside
 * the band, and their edges as dashed lines down to y1. */
int parley__svg_zone_strip(rctx *c, parley_buf *b, const rissue *is, const xaxis *a, double y0,
	double y1)
{
	jnode *zones = parley__rj_arr_at(c, is->issue, "zones");
	size_t k, j, n = parley__rj_len(zones);
	int error = 0;

	for (k = 0; k < n; k++) {
		jnode *z = parley__rj_at(zones, k);
		rstr name = parley__rj_str_at(c, z, "name"), l1, l2;
		double lo, hi, xa, xb, left, right, olo, ohi;
		if (!parley__rj_pair(c, parley__rj_get(z, "range"), &lo, &hi))
			continue;
		xa = parley__svg_x(a, lo);
		xb = parley__svg_x(a, hi);
		if (xb - xa < 1)
			xb = xa + 1;
		/* room for the name: up to halfway to the neighbouring zones */
		left = a->x0 - 8;
		right = a->x1 + 8;
		for (j = 0; j < n; j++) {
			if (j == k || !parley__rj_pair(c, parley__rj_get(parley__rj_at(zones, j), "range"), &olo, &ohi))
				continue;
			if (ohi <= lo)
				left = fmax(left, (parley__svg_x(a, ohi) + xa) / 2);
			else if (olo >= hi)
				right = fmin(right, (xb + parley__svg_x(a, olo)) / 2);
			else
				left = xa, right = xb; /* overlapping zones: keep to the band */
		}
		left = fmin(left, xa);
		right = fmax(right, xb);
		{
			/* centred on the band, widened only as far as the name needs */
			double need = parley__svg_text_w(name, 11) + 8, mid = (xa + xb) / 2, l2w;
			if (need < xb - xa)
				need = xb - xa;
			l2w = fmin(need, right - left);
			left = fmax(left, fmin(mid - l2w / 2, right - l2w));
			right = left + l2w;
		}
		PARLEY_TRY(parley_buf__printf(b, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#a69b00\" "
			"stroke-opacity=\"0.55\" stroke-dasharray=\"3 3\"/>\n", xa, y0 + ZONE_H, y1, xb, y0 + ZONE_H, y1));
		PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
			"fill-opacity=\"0.55\" data-zone=\"", xa, y0, xb - xa, ZONE_H, C_ZONE));
		PARLEY_TRY(parley__html_esc(b, name));
		PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
		if (!name.p)
			continue;
		parley__svg_wrap2(name, 11, right - left - 4, &l1, &l2);
		if (!l2.p) {
			PARLEY_TRY(parley__svg_text_fit(b, (left + right) / 2, y0 + ZONE_H / 2 + 4, "middle", 11, C_TEXT, NULL, l1,
				right - left - 4));
		} else {
			PARLEY_TRY(parley__svg_text_fit(b, (left + right) / 2, y0 + 12, "middle", 11, C_TEXT, NULL, l1, right - left - 4));
			PARLEY_TRY(parley__svg_text_fit(b, (left + right) / 2, y0 + 25, "middle", 11, C_TEXT, NULL, l2, right - left - 4));
		}
	}
done:
	return error;
}
