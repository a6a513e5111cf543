/*
 * report_svg.c - the charts of the HTML report, as SVG written in C:
 *
 *  - positions: one lane per actor (a circle at its position, its area
 *    proportional to capability x salience, its red line as a bar), one
 *    lane per model (its forecast as a marker), and lanes for what every
 *    red line admits, what each venue can pass and each body ratify, over
 *    the named zones and the status quo, on the issue's scale;
 *  - rounds: the expected-utility model's trajectory, each actor's
 *    position by round with the median and the mean;
 *  - distributions: per model the histogram of the forecast over the
 *    Monte Carlo draws, with its quantiles, over the zones;
 *  - tornado: the inputs that move a model's forecast most, by share of
 *    its variance, pointing the way a rise of the input moves it;
 *  - backtest: each model's mean absolute error with its interval.
 *
 * Every chart is an <svg> element with role="img", an aria-label, a
 * <title> and a <desc> holding its data in words, and data-* attributes on
 * the marks (for tests and for readers who copy numbers out). Styling is
 * by presentation attributes only, so a chart reads the same inline and
 * as a standalone file. Colours are Okabe and Ito's palette (2008), and
 * each model has a marker shape as well as a colour. Coordinates are
 * printed with one decimal: the same input gives the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_internal.h"

#define TRY(expr) do { if ((error = (expr)) < 0) goto done; } while (0)

#define W 960.0
#define PI 3.14159265358979323846
#define FONT "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
/* average advance of a character, in em, to size label columns */
#define CHAR_EM 0.55

#define C_TEXT "#1a1a1a"
#define C_MUTED "#595959"
#define C_GRID "#e6e6e6"
#define C_ACTOR "#56B4E9"
#define C_ACTOR_EDGE "#1f4e6b"
#define C_ZONE "#F0E442"
#define C_OK "#009E73"
#define C_DARK "#4d4d4d"
#define C_LIGHT "#d9d9d9"
#define C_UP "#0072B2"
#define C_DOWN "#D55E00"
/* a white outline that keeps text legible over lines */
#define HALO "paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\""

/* ---- small helpers ---- */

/* Plain text of the JSON into a title or description (escaped on output). */
static int rput(parley_buf *b, rstr s)
{
	return s.p ? parley_buf__put(b, s.p, s.n) : 0;
}

static double clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Pixels of `s` at `size` px (an estimate: labels get room, not layout). */
static double text_w(rstr s, double size)
{
	return (double)h_chars(s) * size * CHAR_EM;
}

/* Append `s` cut to at most `maxw` pixels at `size`, with an ellipsis. */
static int esc_fit(parley_buf *b, rstr s, double size, double maxw)
{
	size_t keep, i, chars = 0;
	rstr cut;
	int error;

	if (text_w(s, size) <= maxw)
		return h_esc(b, s);
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
	if ((error = h_esc(b, cut)) < 0)
		return error;
	return parley_buf__puts(b, "\xe2\x80\xa6");
}

/* <text> with the common attributes. */
static int text_open(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra)
{
	return parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s%s%s font-size=\"%g\" fill=\"%s\"%s%s>",
		x, y, anchor ? " text-anchor=\"" : "", anchor ? anchor : "", anchor ? "\"" : "",
		size, fill, extra ? " " : "", extra ? extra : "");
}

static int text_fit(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra, rstr s, double maxw)
{
	int error;
	TRY(text_open(b, x, y, anchor, size, fill, extra));
	TRY(esc_fit(b, s, size, maxw));
	error = parley_buf__puts(b, "</text>\n");
done:
	return error;
}

static int text_num(parley_buf *b, double x, double y, const char *anchor, double size,
	const char *fill, const char *extra, double v, int dec)
{
	int error;
	TRY(text_open(b, x, y, anchor, size, fill, extra));
	TRY(h_num(b, v, dec));
	error = parley_buf__puts(b, "</text>\n");
done:
	return error;
}

/* The <svg> element's opening, title and description. */
static int svg_open(rctx *c, parley_buf *b, double h, const char *kind, const rissue *is,
	const parley_buf *title, const parley_buf *desc)
{
	rstr t;
	int error;

	t.p = title->ptr ? title->ptr : "";
	t.n = title->size;
	c->chart_title.size = 0;
	TRY(parley_buf__put(&c->chart_title, t.p, t.n));
	TRY(parley_buf__printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		"viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", W, h, W, h));
	TRY(h_esc(b, t));
	TRY(parley_buf__printf(b, "\" data-chart=\"%s\"", kind));
	if (is) {
		TRY(parley_buf__puts(b, " data-issue=\""));
		TRY(h_esc(b, is->id));
		TRY(parley_buf__puts(b, "\""));
	}
	TRY(parley_buf__puts(b, ">\n<title>"));
	TRY(h_esc(b, t));
	TRY(parley_buf__puts(b, "</title>\n<desc>"));
	t.p = desc->ptr ? desc->ptr : "";
	t.n = desc->size;
	TRY(h_esc(b, t));
	TRY(parley_buf__printf(b, "</desc>\n<g font-family=\"%s\" font-size=\"12\">\n"
		"<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", FONT, W, h));
done:
	return error;
}

/* A round step for ticks over `span`: 1, 2, 2.5 or 5 times a power of ten,
 * giving about `target` intervals. */
static double nice_step(double span, double target)
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
static int tick(double lo, double hi, double step, size_t k, double *t)
{
	if (!(step > 0) || k > 100)
		return 0;
	*t = (ceil(lo / step) + (double)k) * step;
	return isfinite(*t) && *t <= hi + step * 1e-9;
}

/* Decimals that show every tick of `step` exactly (at most 6). */
static int step_decimals(double step)
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
static int marker_c(parley_buf *b, int shape, const char *col, double x, double y, double r,
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
		TRY(parley_buf__puts(b, "<path d=\""));
		for (k = 0; k < 10; k++) {
			double a = -PI / 2 + k * PI / 5, rr = (k % 2 ? 0.5 : 1.3) * r;
			TRY(parley_buf__printf(b, "%s%.1f %.1f", k ? "L" : "M", x + rr * cos(a), y + rr * sin(a)));
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

static int marker(rctx *c, parley_buf *b, size_t m, double x, double y, double r, const char *extra)
{
	return marker_c(b, c->models[m].shape, c->models[m].colour, x, y, r, extra);
}

/* ---- the scale axis shared by the positions and distribution charts ---- */

typedef struct {
	double x0, x1;   /* pixels of the scale's ends */
	double lo, hi;
} xaxis;

static double X(const xaxis *a, double v)
{
	return a->x0 + (clampd(v, a->lo, a->hi) - a->lo) / (a->hi - a->lo) * (a->x1 - a->x0);
}

/* Vertical grid lines from y0 to y1 at the ticks; the labelled points are
 * the major ticks. Ticks and numbers below y1 when `labels`. */
static int axis_ticks(rctx *c, parley_buf *b, const rissue *is, const xaxis *a, double y0,
	double y1, int labels)
{
	jnode *lab = rj_arr_at(c, is->issue, "labels");
	size_t k, n = rj_len(lab);
	double step = nice_step(a->hi - a->lo, 10), t, at;
	size_t i;
	int error = 0;

	/* minor: round numbers away from any labelled point */
	for (i = 0; tick(a->lo, a->hi, step, i, &t); i++) {
		double x = X(a, t);
		int near = 0;
		for (k = 0; k < n; k++)
			if (rj_num_at(c, rj_at(lab, k), "at", &at) && fabs(X(a, at) - x) < 20)
				near = 1;
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			x, y0, x, y1, C_GRID));
		if (labels && !near) {
			TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				x, y1, x, y1 + 4, C_MUTED));
			TRY(text_num(b, x, y1 + 16, "middle", 11, C_MUTED, NULL, t, step_decimals(step)));
		}
	}
	for (k = 0; labels && k < n; k++) {
		double x;
		if (!rj_num_at(c, rj_at(lab, k), "at", &at))
			continue;
		x = X(a, at);
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"1.5\" data-label=\"", x, y1, x, y1 + 7, C_TEXT));
		TRY(h_exact(b, at));
		TRY(parley_buf__puts(b, "\"/>\n"));
		TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" "
			"font-weight=\"bold\" fill=\"%s\">", x, y1 + 18, C_TEXT));
		TRY(h_num(b, at, fabs(at - round(at)) < 1e-9 ? 0 : is->dec));
		TRY(parley_buf__puts(b, "</text>\n"));
	}
	if (labels)
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			a->x0 - 8, y1, a->x1 + 8, y1, C_TEXT));
done:
	return error;
}

/* Split `s` into a first line of at most `maxw` pixels (at a space when
 * it can) and the rest. */
static void wrap2(rstr s, double size, double maxw, rstr *l1, rstr *l2)
{
	size_t i, cut = 0;
	rstr t;

	*l1 = s;
	l2->p = NULL;
	l2->n = 0;
	if (text_w(s, size) <= maxw)
		return;
	for (i = 0; i < s.n; i++)
		if (s.p[i] == ' ') {
			t.p = s.p;
			t.n = i;
			if (text_w(t, size) > maxw)
				break;
			cut = i;
		}
	if (!cut)
		return; /* one long word: esc_fit() cuts it */
	l1->n = cut;
	l2->p = s.p + cut + 1;
	l2->n = s.n - cut - 1;
}

/* Height of the zone strip. */
#define ZONE_H 30

/* The named zones as a strip of bands at y0 (ZONE_H high) with their
 * names on one or two lines, which may reach halfway into the gaps beside
 * the band, and their edges as dashed lines down to y1. */
static int zone_strip(rctx *c, parley_buf *b, const rissue *is, const xaxis *a, double y0,
	double y1)
{
	jnode *zones = rj_arr_at(c, is->issue, "zones");
	size_t k, j, n = rj_len(zones);
	int error = 0;

	for (k = 0; k < n; k++) {
		jnode *z = rj_at(zones, k);
		rstr name = rj_str_at(c, z, "name"), l1, l2;
		double lo, hi, xa, xb, left, right, olo, ohi;
		if (!rj_pair(c, rj_get(z, "range"), &lo, &hi))
			continue;
		xa = X(a, lo);
		xb = X(a, hi);
		if (xb - xa < 1)
			xb = xa + 1;
		/* room for the name: up to halfway to the neighbouring zones */
		left = a->x0 - 8;
		right = a->x1 + 8;
		for (j = 0; j < n; j++) {
			if (j == k || !rj_pair(c, rj_get(rj_at(zones, j), "range"), &olo, &ohi))
				continue;
			if (ohi <= lo)
				left = fmax(left, (X(a, ohi) + xa) / 2);
			else if (olo >= hi)
				right = fmin(right, (xb + X(a, olo)) / 2);
			else
				left = xa, right = xb; /* overlapping zones: keep to the band */
		}
		left = fmin(left, xa);
		right = fmax(right, xb);
		{
			/* centred on the band, widened only as far as the name needs */
			double need = text_w(name, 11) + 8, mid = (xa + xb) / 2, l2w;
			if (need < xb - xa)
				need = xb - xa;
			l2w = fmin(need, right - left);
			left = fmax(left, fmin(mid - l2w / 2, right - l2w));
			right = left + l2w;
		}
		TRY(parley_buf__printf(b, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#a69b00\" "
			"stroke-opacity=\"0.55\" stroke-dasharray=\"3 3\"/>\n", xa, y0 + ZONE_H, y1, xb, y0 + ZONE_H, y1));
		TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
			"fill-opacity=\"0.55\" data-zone=\"", xa, y0, xb - xa, ZONE_H, C_ZONE));
		TRY(h_esc(b, name));
		TRY(parley_buf__puts(b, "\"/>\n"));
		if (!name.p)
			continue;
		wrap2(name, 11, right - left - 4, &l1, &l2);
		if (!l2.p) {
			TRY(text_fit(b, (left + right) / 2, y0 + ZONE_H / 2 + 4, "middle", 11, C_TEXT, NULL, l1,
				right - left - 4));
		} else {
			TRY(text_fit(b, (left + right) / 2, y0 + 12, "middle", 11, C_TEXT, NULL, l1, right - left - 4));
			TRY(text_fit(b, (left + right) / 2, y0 + 25, "middle", 11, C_TEXT, NULL, l2, right - left - 4));
		}
	}
done:
	return error;
}

/* One end of an interval bar: filled when closed, hollow when open. */
static int bar_end(parley_buf *b, double x, double y, int open, const char *col)
{
	return parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"%s\" "
		"stroke-width=\"1.5\"/>\n", x, y, open ? "#ffffff" : col, col);
}

/* "(20.0, 80.0]" */
static int interval_text(parley_buf *b, double lo, double hi, int lo_open, int hi_open, int dec)
{
	int error;
	TRY(parley_buf__puts(b, lo_open ? "(" : "["));
	TRY(h_num(b, lo, dec));
	TRY(parley_buf__puts(b, ", "));
	TRY(h_num(b, hi, dec));
	error = parley_buf__puts(b, hi_open ? ")" : "]");
done:
	return error;
}

/* ---- positions ---- */

typedef struct {
	const char *kind;   /* "acceptable", "venue", "ratifiable" */
	rstr id, label;
	int has;            /* the interval exists */
	double lo, hi, plo, phi; /* interval, and for venues the passable hull */
	int lo_open, hi_open, has_pass;
	rstr note;          /* said in the lane when empty */
} ilane;

static int ilane_add(ilane **v, size_t *n, size_t *alloc, const ilane *l)
{
	if (*n == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 8;
		ilane *p = parley__realloc(*v, na * sizeof(*p));
		if (!p)
			return PARLEY_ENOMEM;
		*v = p;
		*alloc = na;
	}
	(*v)[(*n)++] = *l;
	return 0;
}

int parley_report__svg_positions(rctx *c, parley_buf *b, const rissue *is)
{
	jnode *actors = rj_arr_at(c, is->issue, "actors");
	jnode *models = rj_obj_at(c, is->issue, "models");
	jnode *fz = rj_obj_at(c, is->issue, "feasibility");
	jnode *venues = rj_obj_at(c, fz, "venues"), *bodies = rj_obj_at(c, fz, "ratification");
	jnode *zones = rj_arr_at(c, is->issue, "zones");
	size_t na = rj_len(actors), k, m, nl = 0, al = 0, nmodels = 0;
	ilane *lanes = NULL;
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	double wmax = 0, lw = 150, rw = 112, y, h, top, lanes_top, axis_y;
	const double ah = 26, mh = 24, ih = 24, gh = 22;
	xaxis ax;
	void *iter;
	rstr key;
	jnode *v;
	int error = 0;

	if (!na)
		return 1;
	/* institutional lanes: every red line, venues, ratification */
	if (fz) {
		ilane l;
		memset(&l, 0, sizeof(l));
		l.kind = "acceptable";
		l.label = rstr_z("Every red line admits");
		l.has = rj_pair(c, rj_get(fz, "acceptable"), &l.lo, &l.hi);
		rj_open(c, fz, "acceptable", &l.lo_open, &l.hi_open);
		l.note = rstr_z("nothing: the red lines do not overlap");
		TRY(ilane_add(&lanes, &nl, &al, &l));
	}
	iter = NULL;
	while ((v = rj_next(venues, &iter, &key)) != NULL) {
		ilane l;
		memset(&l, 0, sizeof(l));
		l.kind = "venue";
		l.id = key;
		l.label = rj_venue_name(c, key);
		l.has = rj_pair(c, rj_get(v, "change"), &l.lo, &l.hi);
		rj_open(c, v, "change", &l.lo_open, &l.hi_open);
		l.has_pass = rj_pair(c, rj_get(v, "passable"), &l.plo, &l.phi);
		l.note = rstr_z(l.has_pass ? "beats the status quo only outside its members' red lines" :
			"no change can pass");
		TRY(ilane_add(&lanes, &nl, &al, &l));
	}
	iter = NULL;
	while ((v = rj_next(bodies, &iter, &key)) != NULL) {
		ilane l;
		memset(&l, 0, sizeof(l));
		l.kind = "ratifiable";
		l.id = key;
		l.label = rj_body_name(c, key);
		l.has = rj_pair(c, rj_get(v, "ratifiable"), &l.lo, &l.hi);
		rj_open(c, v, "ratifiable", &l.lo_open, &l.hi_open);
		l.note = rstr_z("nothing it would ratify");
		TRY(ilane_add(&lanes, &nl, &al, &l));
	}

	/* label column: the widest lane label */
	for (k = 0; k < na; k++) {
		jnode *a = rj_at(actors, k);
		double cap = 0, sal = 0;
		lw = fmax(lw, text_w(rj_actor_name(c, rj_str_at(c, a, "id")), 12) + 24);
		if (rj_num_at(c, a, "capability", &cap) && rj_num_at(c, a, "salience", &sal))
			wmax = fmax(wmax, cap * sal);
	}
	for (m = 0; m < c->nmodels; m++)
		if (rj_get(models, c->models[m].id)) {
			nmodels++;
			lw = fmax(lw, text_w(rstr_z(c->models[m].title), 12) + 24);
		}
	for (k = 0; k < nl; k++)
		lw = fmax(lw, text_w(lanes[k].label, 11) + 24);
	lw = fmin(lw, 330);
	ax.lo = is->lo;
	ax.hi = is->hi;
	ax.x0 = lw + 14;
	ax.x1 = W - rw - 14;

	top = 8;
	lanes_top = top + (rj_len(zones) ? ZONE_H + 4 : 0) + 18;
	h = lanes_top + gh + (double)na * ah + (nmodels ? gh + (double)nmodels * mh : 0) +
		(nl ? gh + (double)nl * ih : 0);
	axis_y = h + 4;
	h = axis_y + 50;

	/* title and text alternative */
	TRY(parley_buf__puts(&title, "Positions and forecasts: "));
	TRY(rput(&title, is->title));
	TRY(parley_buf__printf(&desc, "Scale from "));
	TRY(h_num(&desc, is->lo, is->dec));
	TRY(parley_buf__puts(&desc, " to "));
	TRY(h_num(&desc, is->hi, is->dec));
	if (is->has_sq) {
		TRY(parley_buf__puts(&desc, "; status quo "));
		TRY(h_num(&desc, is->sq, is->dec));
	}
	TRY(parley_buf__puts(&desc, ". Actors' positions: "));
	for (k = 0; k < na; k++) {
		jnode *a = rj_at(actors, k);
		double pos;
		if (!rj_num_at(c, a, "position", &pos))
			continue;
		TRY(parley_buf__puts(&desc, k ? ", " : ""));
		TRY(rput(&desc, rj_actor_name(c, rj_str_at(c, a, "id"))));
		TRY(parley_buf__puts(&desc, " "));
		TRY(h_num(&desc, pos, is->dec));
	}
	TRY(parley_buf__puts(&desc, ". Forecasts: "));
	for (m = 0, k = 0; m < c->nmodels; m++) {
		double f;
		if (!rj_num_at(c, rj_get(models, c->models[m].id), "forecast", &f))
			continue;
		TRY(parley_buf__printf(&desc, "%s%s ", k++ ? ", " : "", c->models[m].title));
		TRY(h_num(&desc, f, is->dec));
	}
	TRY(parley_buf__puts(&desc, "."));
	for (k = 0; k < nl; k++) {
		TRY(parley_buf__puts(&desc, " "));
		TRY(rput(&desc, lanes[k].label));
		TRY(parley_buf__puts(&desc, ": "));
		if (lanes[k].has)
			TRY(interval_text(&desc, lanes[k].lo, lanes[k].hi, lanes[k].lo_open, lanes[k].hi_open, is->dec));
		else
			TRY(rput(&desc, lanes[k].note));
		TRY(parley_buf__puts(&desc, "."));
	}

	TRY(svg_open(c, b, h, "positions", is, &title, &desc));

	/* background: zones, what every red line admits, grid and axis */
	if (rj_len(zones))
		TRY(zone_strip(c, b, is, &ax, top, axis_y));
	if (nl && lanes[0].has)
		TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			"fill-opacity=\"0.12\" data-acceptable=\"true\"/>\n", X(&ax, lanes[0].lo), lanes_top,
			fmax(X(&ax, lanes[0].hi) - X(&ax, lanes[0].lo), 1),
			gh + (double)na * ah + (nmodels ? gh + (double)nmodels * mh : 0), C_OK));
	TRY(axis_ticks(c, b, is, &ax, lanes_top, axis_y, 1));
	{
		/* what the ends of the scale mean */
		jnode *lab = rj_arr_at(c, is->issue, "labels");
		size_t n = rj_len(lab);
		double at;
		double half = (ax.x1 - ax.x0) / 2 - 10;
		if (n && rj_num_at(c, rj_at(lab, 0), "at", &at) && at == is->lo)
			TRY(text_fit(b, ax.x0 - 8, axis_y + 38, NULL, 11, C_MUTED, NULL,
				rj_str_at(c, rj_at(lab, 0), "text"), half));
		if (n > 1 && rj_num_at(c, rj_at(lab, n - 1), "at", &at) && at == is->hi)
			TRY(text_fit(b, ax.x1 + 8, axis_y + 38, "end", 11, C_MUTED, NULL,
				rj_str_at(c, rj_at(lab, n - 1), "text"), half));
	}

	/* the status quo, under the marks */
	if (is->has_sq) {
		double x = X(&ax, is->sq);
		int right = x > (ax.x0 + ax.x1) / 2 + 100;
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"1.5\" stroke-dasharray=\"5 4\" data-status-quo=\"", x, lanes_top - 16, x, axis_y, C_TEXT));
		TRY(h_exact(b, is->sq));
		TRY(parley_buf__puts(b, "\"/>\n"));
		TRY(text_open(b, right ? x - 5 : x + 5, lanes_top - 5, right ? "end" : NULL, 11, C_TEXT, HALO));
		TRY(parley_buf__puts(b, "status quo "));
		TRY(h_num(b, is->sq, is->dec));
		TRY(parley_buf__puts(b, "</text>\n"));
	}
	/* actors */
	y = lanes_top;
	TRY(text_open(b, 10, y + 15, NULL, 12, C_TEXT, "font-weight=\"bold\""));
	TRY(parley_buf__puts(b, "Actors</text>\n"));
	TRY(text_open(b, ax.x0, y + 15, NULL, 11, C_MUTED, HALO));
	TRY(parley_buf__puts(b, "circle area \xe2\x88\x9d capability \xc3\x97 salience; grey bar: the actor's red line (what it can accept)</text>\n"));
	TRY(text_open(b, W - 10, y + 15, "end", 11, C_MUTED, NULL));
	TRY(parley_buf__puts(b, "position</text>\n"));
	y += gh;
	for (k = 0; k < na; k++, y += ah) {
		jnode *a = rj_at(actors, k);
		rstr id = rj_str_at(c, a, "id");
		double pos = 0, cap = 0, sal = 0, rlo, rhi, r, cy = y + ah / 2;
		int has_pos = rj_num_at(c, a, "position", &pos);
		rj_num_at(c, a, "capability", &cap);
		rj_num_at(c, a, "salience", &sal);
		if (rj_is_null(rj_get(a, "id")))
			rj_error(c, a, "\"id\": a string", "an actor without an id");
		TRY(parley_buf__printf(b, "<line x1=\"10\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f2f2f2\"/>\n",
			y + ah, W - 10, y + ah));
		TRY(text_fit(b, lw, cy + 4, "end", 12, C_TEXT, NULL, rj_actor_name(c, id), lw - 14));
		if (rj_pair(c, rj_get(a, "red_line"), &rlo, &rhi)) {
			double xa = X(&ax, rlo), xb = X(&ax, rhi);
			TRY(parley_buf__printf(b, "<g data-red-line=\"\" data-lo=\""));
			TRY(h_exact(b, rlo));
			TRY(parley_buf__puts(b, "\" data-hi=\""));
			TRY(h_exact(b, rhi));
			TRY(parley_buf__printf(b, "\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#a6a6a6\" "
				"stroke-width=\"4\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"/></g>\n", xa, cy, xb, cy, xa, cy - 7, xa, cy + 7, C_MUTED,
				xb, cy - 7, xb, cy + 7, C_MUTED));
		}
		if (!has_pos) {
			if (rj_is_null(rj_get(a, "position")))
				rj_error(c, a, "\"position\": a number", "an actor without a position");
			continue;
		}
		r = 3 + 8.5 * (wmax > 0 ? sqrt(fmax(cap * sal, 0) / wmax) : 0.5);
		TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"0.9\" "
			"stroke=\"%s\" stroke-width=\"1.2\" data-actor=\"", X(&ax, pos), cy, r, C_ACTOR, C_ACTOR_EDGE));
		TRY(h_esc(b, id));
		TRY(parley_buf__puts(b, "\" data-position=\""));
		TRY(h_exact(b, pos));
		TRY(parley_buf__puts(b, "\" data-weight=\""));
		TRY(h_exact(b, cap * sal));
		TRY(parley_buf__puts(b, "\"/>\n"));
		TRY(text_num(b, W - 10, cy + 4, "end", 12, C_TEXT, NULL, pos, is->dec));
	}

	/* models */
	if (nmodels) {
		TRY(text_open(b, 10, y + 15, NULL, 12, C_TEXT, "font-weight=\"bold\""));
		TRY(parley_buf__puts(b, "Forecasts</text>\n"));
		TRY(text_open(b, W - 10, y + 15, "end", 11, C_MUTED, NULL));
		TRY(parley_buf__puts(b, "forecast</text>\n"));
		y += gh;
	}
	for (m = 0; m < c->nmodels; m++) {
		jnode *mo = rj_get(models, c->models[m].id);
		double f, lo, hi, cy = y + mh / 2;
		int tie = 0;
		if (!mo)
			continue;
		TRY(parley_buf__printf(b, "<line x1=\"10\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f2f2f2\"/>\n",
			y + mh, W - 10, y + mh));
		TRY(text_fit(b, lw, cy + 4, "end", 12, C_TEXT, NULL,
			rstr_z(c->models[m].title), lw - 14));
		if (!rj_num_at(c, mo, "forecast", &f)) {
			TRY(text_open(b, W - 10, cy + 4, "end", 12, C_MUTED, NULL));
			TRY(parley_buf__puts(b, "n/a</text>\n"));
			TRY(text_fit(b, ax.x0, cy + 4, NULL, 11, C_MUTED, "font-style=\"italic\" " HALO,
				rj_str_at(c, mo, "error"), ax.x1 - ax.x0));
			y += mh;
			continue;
		}
		rj_bool_at(c, mo, "tie", &tie);
		if (tie && rj_pair(c, rj_get(mo, "interval"), &lo, &hi))
			TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"4\" stroke-opacity=\"0.5\" data-tie=\"\"/>\n", X(&ax, lo), cy, X(&ax, hi), cy,
				c->models[m].colour));
		{
			parley_buf ex = PARLEY_BUF_INIT;
			int e2 = parley_buf__printf(&ex, "data-model=\"%s\" data-forecast=\"", c->models[m].id);
			if (e2 == 0)
				e2 = h_exact(&ex, f);
			if (e2 == 0)
				e2 = parley_buf__puts(&ex, "\"");
			if (e2 == 0)
				e2 = marker(c, b, m, X(&ax, f), cy, 7, ex.ptr);
			parley_buf_dispose(&ex);
			TRY(e2);
		}
		TRY(text_num(b, W - 10, cy + 4, "end", 12, C_TEXT, NULL, f, is->dec));
		y += mh;
	}

	/* red lines, venues, ratification */
	if (nl) {
		TRY(text_open(b, 10, y + 15, NULL, 12, C_TEXT, "font-weight=\"bold\""));
		TRY(parley_buf__puts(b, "Is an agreement possible?</text>\n"));
		TRY(text_open(b, ax.x0, y + 15, NULL, 11, C_MUTED, HALO));
		TRY(parley_buf__puts(b, "venues: light, beats the status quo under the rule; dark, also within the members' red lines; "
			"\xe2\x97\x8b open end</text>\n"));
		y += gh;
	}
	for (k = 0; k < nl; k++, y += ih) {
		const ilane *l = &lanes[k];
		double cy = y + ih / 2;
		const char *col = !strcmp(l->kind, "acceptable") ? C_OK : C_DARK;
		TRY(parley_buf__printf(b, "<line x1=\"10\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f2f2f2\"/>\n",
			y + ih, W - 10, y + ih));
		TRY(text_fit(b, lw, cy + 4, "end", 11, C_TEXT, NULL, l->label, lw - 14));
		TRY(parley_buf__printf(b, "<g data-interval=\"%s\"", l->kind));
		if (l->id.p) {
			TRY(parley_buf__puts(b, " data-id=\""));
			TRY(h_esc(b, l->id));
			TRY(parley_buf__puts(b, "\""));
		}
		if (l->has) {
			TRY(parley_buf__puts(b, " data-lo=\""));
			TRY(h_exact(b, l->lo));
			TRY(parley_buf__puts(b, "\" data-hi=\""));
			TRY(h_exact(b, l->hi));
			TRY(parley_buf__puts(b, "\""));
		}
		TRY(parley_buf__puts(b, ">\n"));
		if (l->has_pass)
			TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"%s\" "
				"stroke=\"#a6a6a6\"/>\n", X(&ax, l->plo), cy - 6,
				fmax(X(&ax, l->phi) - X(&ax, l->plo), 1), C_LIGHT));
		if (l->has) {
			double xa = X(&ax, l->lo), xb = X(&ax, l->hi);
			TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"8\" fill=\"%s\"/>\n",
				xa, cy - 4, fmax(xb - xa, 1), col));
			TRY(bar_end(b, xa, cy, l->lo_open, col));
			TRY(bar_end(b, xb, cy, l->hi_open, col));
			TRY(text_open(b, W - 10, cy + 4, "end", 12, C_TEXT, NULL));
			TRY(interval_text(b, l->lo, l->hi, l->lo_open, l->hi_open, is->dec));
			TRY(parley_buf__puts(b, "</text>\n"));
		} else {
			double x = is->has_sq ? X(&ax, is->sq) + 8 : ax.x0;
			const char *anchor = NULL;
			if (x > (ax.x0 + ax.x1) / 2) {
				x -= 16;
				anchor = "end";
			}
			TRY(text_fit(b, x, cy + 4, anchor, 11, C_MUTED, "font-style=\"italic\" " HALO, l->note,
				(ax.x1 - ax.x0) * 0.6));
			TRY(text_open(b, W - 10, cy + 4, "end", 12, C_MUTED, NULL));
			TRY(parley_buf__puts(b, "none</text>\n"));
		}
		TRY(parley_buf__puts(b, "</g>\n"));
	}

	TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley__free(lanes);
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}

/* ---- expected-utility rounds ---- */

typedef struct {
	double want, at; /* wanted and placed y */
	int kind;        /* 0 median, 1 mean, 2 an actor, 3 the status quo: the order of ties */
	size_t idx;      /* the actor */
} rlabel;

static int rlabel_before(const rlabel *a, const rlabel *b)
{
	if (a->want != b->want)
		return a->want < b->want;
	if (a->kind != b->kind)
		return a->kind < b->kind;
	return a->idx < b->idx;
}

/* Spread labels at least `gap` apart within [top, bottom], keeping order. */
static void spread_labels(rlabel *l, size_t n, double gap, double top, double bottom)
{
	size_t i, j;
	for (i = 1; i < n; i++) /* insertion sort by wanted y, stable */
		for (j = i; j > 0 && rlabel_before(&l[j], &l[j - 1]); j--) {
			rlabel t = l[j];
			l[j] = l[j - 1];
			l[j - 1] = t;
		}
	for (i = 0; i < n; i++)
		l[i].at = i && l[i].want < l[i - 1].at + gap ? l[i - 1].at + gap : fmax(l[i].want, top);
	if (n && l[n - 1].at > bottom) {
		l[n - 1].at = bottom;
		for (i = n - 1; i-- > 0;)
			if (l[i].at > l[i + 1].at - gap)
				l[i].at = l[i + 1].at - gap;
	}
}

/* Position of actor `k` (of the issue's actors) after round `r` (0: the
 * start). 1 and *out, or 0 when the JSON lacks it. */
static int round_pos(rctx *c, jnode *actors, jnode *rounds, size_t r, size_t k, double *out)
{
	jnode *a = rj_at(actors, k), *pos, *e;
	rstr id = rj_str_at(c, a, "id"), key;
	void *iter = NULL;

	if (r == 0)
		return rj_num_at(c, a, "position", out);
	pos = rj_obj_at(c, rj_at(rounds, r - 1), "positions");
	while (id.p && (e = rj_next(pos, &iter, &key)) != NULL)
		if (key.n == id.n && !memcmp(key.p, id.p, id.n))
			return rj_num(c, e, out);
	return 0;
}

int parley_report__svg_rounds(rctx *c, parley_buf *b, const rissue *is)
{
	jnode *bdm = rj_obj_at(c, rj_obj_at(c, is->issue, "models"), "bdm");
	jnode *rounds = rj_arr_at(c, bdm, "rounds");
	jnode *actors = rj_arr_at(c, is->issue, "actors");
	jnode *init = rj_obj_at(c, bdm, "initial");
	size_t nr = rj_len(rounds), na = rj_len(actors), k, r, nlab;
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	rlabel *labs = NULL;
	const double h = 340, x0 = 64, x1 = W - 250, y0 = 24, y1 = h - 48;
	double step, t, xs, gap, fs;
	int error = 0;

	if (!bdm || rj_get(bdm, "error") || !na)
		return 1;
	xs = (x1 - x0) / (double)(nr ? nr : 1);
#define RX(round) (x0 + (double)(round) * xs)
#define RY(v) (y1 - (clampd(v, is->lo, is->hi) - is->lo) / (is->hi - is->lo) * (y1 - y0))

	TRY(parley_buf__puts(&title, "Expected-utility rounds: "));
	TRY(rput(&title, is->title));
	TRY(parley_buf__printf(&desc, "Each actor's position by round of the expected-utility model, "
		"%zu round%s, with the median (the forecast) and the mean. Median by round:", nr,
		nr == 1 ? "" : "s"));
	{
		double v;
		if (rj_num_at(c, init, "median", &v)) {
			TRY(parley_buf__puts(&desc, " start "));
			TRY(h_num(&desc, v, is->dec));
		}
	}
	for (r = 0; r < nr; r++) {
		double v;
		if (!rj_num_at(c, rj_at(rounds, r), "median", &v))
			continue;
		TRY(parley_buf__printf(&desc, "%s %zu: ", r || rj_get(init, "median") ? "," : "", r + 1));
		TRY(h_num(&desc, v, is->dec));
	}
	TRY(parley_buf__puts(&desc, ". Positions after the last round:"));
	for (k = 0; k < na; k++) {
		rstr id = rj_str_at(c, rj_at(actors, k), "id");
		double v;
		if (!round_pos(c, actors, rounds, nr, k, &v))
			continue;
		TRY(parley_buf__puts(&desc, k ? ", " : " "));
		TRY(rput(&desc, rj_actor_name(c, id)));
		TRY(parley_buf__puts(&desc, " "));
		TRY(h_num(&desc, v, is->dec));
	}
	TRY(parley_buf__puts(&desc, "."));
	TRY(svg_open(c, b, h, "rounds", is, &title, &desc));

	/* grid: positions on the vertical axis, rounds on the horizontal */
	step = nice_step(is->hi - is->lo, 5);
	for (r = 0; tick(is->lo, is->hi, step, r, &t); r++) {
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			x0, RY(t), x1, RY(t), C_GRID));
		TRY(text_num(b, x0 - 8, RY(t) + 4, "end", 11, C_MUTED, NULL, t, step_decimals(step)));
	}
	for (r = 0; r <= nr; r++) {
		if (nr > 20 && r % (nr / 10) && r != nr)
			continue;
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			RX(r), y1, RX(r), y1 + 5, C_MUTED));
		TRY(text_open(b, RX(r), y1 + 18, "middle", 11, C_MUTED, NULL));
		TRY(r ? parley_buf__printf(b, "%zu</text>\n", r) : parley_buf__puts(b, "start</text>\n"));
	}
	TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
		x0, y1, x1, y1, C_TEXT));
	TRY(text_open(b, (x0 + x1) / 2, h - 10, "middle", 12, C_TEXT, NULL));
	TRY(parley_buf__puts(b, "round</text>\n"));
	TRY(parley_buf__printf(b, "<text x=\"14\" y=\"%.1f\" font-size=\"12\" fill=\"%s\" "
		"transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">position</text>\n",
		(y0 + y1) / 2, C_TEXT, (y0 + y1) / 2));
	labs = parley__calloc(na + 3, sizeof(*labs));
	if (!labs) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	nlab = 0;
	if (is->has_sq) {
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"1.2\" stroke-dasharray=\"2 3\"/>\n", x0, RY(is->sq), x1, RY(is->sq), C_TEXT));
		labs[nlab].want = RY(is->sq);
		labs[nlab].kind = 3;
		nlab++;
	}
	/* actors */
	for (k = 0; k < na; k++) {
		jnode *a = rj_at(actors, k);
		rstr id = rj_str_at(c, a, "id");
		double v, last = 0;
		int any = 0;
		TRY(parley_buf__puts(b, "<polyline fill=\"none\" stroke=\"#8c8c8c\" stroke-width=\"1.6\" "
			"stroke-linejoin=\"round\" data-actor=\""));
		TRY(h_esc(b, id));
		TRY(parley_buf__puts(b, "\" points=\""));
		(void)a;
		for (r = 0; r <= nr; r++) {
			if (!round_pos(c, actors, rounds, r, k, &v))
				continue;
			TRY(parley_buf__printf(b, "%s%.1f,%.1f", any ? " " : "", RX(r), RY(v)));
			any = 1;
			last = v;
		}
		TRY(parley_buf__puts(b, "\"/>\n"));
		if (any) {
			labs[nlab].want = RY(last);
			labs[nlab].kind = 2;
			labs[nlab].idx = k;
			nlab++;
		}
	}
	/* mean and median */
	{
		static const char *const what[2] = { "mean", "median" };
		size_t w;
		for (w = 0; w < 2; w++) {
			const char *col = w ? C_DOWN : C_UP;
			double v, last = 0;
			int any = 0;
			TRY(parley_buf__printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s "
				"stroke-linejoin=\"round\" data-series=\"%s\" points=\"", col, w ? "3.5" : "2",
				w ? "" : " stroke-dasharray=\"7 4\"", what[w]));
			for (r = 0; r <= nr; r++) {
				if (!rj_num_at(c, r ? rj_at(rounds, r - 1) : init, what[w], &v))
					continue;
				TRY(parley_buf__printf(b, "%s%.1f,%.1f", any ? " " : "", RX(r), RY(v)));
				any = 1;
				last = v;
			}
			TRY(parley_buf__puts(b, "\"/>\n"));
			if (w)
				for (r = 0; r <= nr; r++)
					if (rj_num_at(c, r ? rj_at(rounds, r - 1) : init, "median", &v))
						TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n",
							RX(r), RY(v), col));
			if (any) {
				labs[nlab].want = RY(last);
				labs[nlab].kind = w ? 0 : 1;
				nlab++;
			}
		}
	}
	gap = nlab ? fmin(14, (y1 - y0 + 20) / (double)nlab) : 14;
	fs = fmax(fmin(11, gap - 2), 6);
	spread_labels(labs, nlab, gap, y0 - 10, y1 + 10);
	for (k = 0; k < nlab; k++) {
		rstr name;
		const char *col = C_TEXT, *weight = NULL;
		if (labs[k].kind == 2) {
			name = rj_actor_name(c, rj_str_at(c, rj_at(actors, labs[k].idx), "id"));
		} else if (labs[k].kind == 1) {
			name = rstr_z("mean (compromise)");
			col = C_UP;
			weight = "font-weight=\"bold\"";
		} else if (labs[k].kind == 0) {
			name = rstr_z("median (the forecast)");
			col = C_DOWN;
			weight = "font-weight=\"bold\"";
		} else {
			name = rstr_z("status quo");
			col = C_MUTED;
			weight = "font-style=\"italic\"";
		}
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bfbfbf\"/>\n",
			x1 + 3, labs[k].want, x1 + 22, labs[k].at));
		TRY(text_fit(b, x1 + 26, labs[k].at + fs / 3, NULL, fs, col, weight, name, W - x1 - 34));
	}
	TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
#undef RX
#undef RY
done:
	parley__free(labs);
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}

/* ---- distributions ---- */

int parley_report__svg_distributions(rctx *c, parley_buf *b, const rissue *is)
{
	jnode *models = rj_obj_at(c, is->issue, "models");
	jnode *zones = rj_arr_at(c, is->issue, "zones");
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	size_t m, rows = 0;
	const double rh = 62, lw = 200, rw = 150;
	double h, y, top;
	xaxis ax;
	int error = 0;

	for (m = 0; m < c->nmodels; m++)
		if (rj_obj_at(c, rj_get(models, c->models[m].id), "distribution"))
			rows++;
	if (!rows)
		return 1;
	ax.lo = is->lo;
	ax.hi = is->hi;
	ax.x0 = lw + 14;
	ax.x1 = W - rw - 14;
	top = 8;
	y = top + (rj_len(zones) ? ZONE_H + 6 : 0);
	h = y + (double)rows * rh + 44;

	TRY(parley_buf__puts(&title, "Forecast distributions over the draws: "));
	TRY(rput(&title, is->title));
	TRY(parley_buf__puts(&desc, "Histogram of each model's forecast over the Monte Carlo draws, "
		"with the 5th, 25th, 50th, 75th and 95th percentiles."));
	for (m = 0; m < c->nmodels; m++) {
		jnode *d = rj_obj_at(c, rj_get(models, c->models[m].id), "distribution");
		jnode *q = rj_obj_at(c, d, "quantiles");
		double v5, v50, v95;
		if (!d)
			continue;
		TRY(parley_buf__printf(&desc, " %s:", c->models[m].title));
		if (rj_num_at(c, q, "5", &v5) && rj_num_at(c, q, "50", &v50) && rj_num_at(c, q, "95", &v95)) {
			TRY(parley_buf__puts(&desc, " median "));
			TRY(h_num(&desc, v50, is->dec));
			TRY(parley_buf__puts(&desc, ", 90% of draws from "));
			TRY(h_num(&desc, v5, is->dec));
			TRY(parley_buf__puts(&desc, " to "));
			TRY(h_num(&desc, v95, is->dec));
		}
		TRY(parley_buf__puts(&desc, "."));
	}
	TRY(svg_open(c, b, h, "distributions", is, &title, &desc));
	if (rj_len(zones))
		TRY(zone_strip(c, b, is, &ax, top, h - 44));
	TRY(axis_ticks(c, b, is, &ax, y, h - 44, 1));

	for (m = 0; m < c->nmodels; m++) {
		jnode *mo = rj_get(models, c->models[m].id);
		jnode *d = rj_obj_at(c, mo, "distribution");
		jnode *hist = rj_obj_at(c, d, "histogram"), *counts = rj_arr_at(c, hist, "counts");
		jnode *q = rj_obj_at(c, d, "quantiles");
		size_t nb = rj_len(counts), k;
		double hlo = is->lo, hhi = is->hi, cmax = 0, cnt, base = y + 40, f, q5, q25, q50, q75, q95;
		double mean, sd, draws = 0, ok = 0;
		if (!d)
			continue;
		rj_num_at(c, hist, "lo", &hlo);
		rj_num_at(c, hist, "hi", &hhi);
		if (!(hhi > hlo)) {
			hlo = is->lo;
			hhi = is->hi;
		}
		for (k = 0; k < nb; k++)
			if (rj_num(c, rj_at(counts, k), &cnt))
				cmax = fmax(cmax, cnt);
		TRY(text_fit(b, lw, y + 26, "end", 12, C_TEXT, NULL, rstr_z(c->models[m].title), lw - 14));
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			ax.x0 - 8, base, ax.x1 + 8, base, C_MUTED));
		TRY(parley_buf__printf(b, "<g data-model=\"%s\" data-histogram=\"\">\n", c->models[m].id));
		for (k = 0; k < nb; k++) {
			double xa, xb, bh;
			if (!rj_num(c, rj_at(counts, k), &cnt))
				continue;
			xa = X(&ax, hlo + (hhi - hlo) * (double)k / (double)nb);
			xb = X(&ax, hlo + (hhi - hlo) * (double)(k + 1) / (double)nb);
			bh = cmax > 0 ? cnt / cmax * 34 : 0;
			TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
				"fill-opacity=\"0.85\" data-bin=\"%zu\" data-count=\"", xa + 0.5, base - bh,
				fmax(xb - xa - 1, 0.5), bh, c->models[m].colour, k));
			TRY(h_exact(b, cnt));
			TRY(parley_buf__puts(b, "\"/>\n"));
		}
		TRY(parley_buf__puts(b, "</g>\n"));
		if (rj_num_at(c, q, "5", &q5) && rj_num_at(c, q, "25", &q25) && rj_num_at(c, q, "50", &q50) &&
		    rj_num_at(c, q, "75", &q75) && rj_num_at(c, q, "95", &q95)) {
			double qy = base + 9;
			TRY(parley_buf__printf(b, "<g data-quantiles=\"%s\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"%s\" stroke-width=\"1.5\"/><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"7\" "
				"fill=\"%s\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ffffff\" "
				"stroke-width=\"2\"/></g>\n", c->models[m].id, X(&ax, q5), qy, X(&ax, q95), qy,
				C_TEXT, X(&ax, q25), qy - 3.5, fmax(X(&ax, q75) - X(&ax, q25), 1), C_TEXT,
				X(&ax, q50), qy - 3.5, X(&ax, q50), qy + 3.5));
		}
		if (rj_num_at(c, mo, "forecast", &f))
			TRY(marker_c(b, c->models[m].shape, C_TEXT, X(&ax, f), base - 7, 6, "data-point-forecast=\"\""));
		rj_num_at(c, d, "draws", &draws);
		rj_num_at(c, d, "ok", &ok);
		if (rj_num_at(c, d, "mean", &mean) && rj_num_at(c, d, "sd", &sd)) {
			TRY(text_open(b, W - 10, y + 22, "end", 12, C_TEXT, NULL));
			TRY(parley_buf__puts(b, "mean "));
			TRY(h_num(b, mean, is->dec));
			TRY(parley_buf__puts(b, ", sd "));
			TRY(h_num(b, sd, is->dec));
			TRY(parley_buf__puts(b, "</text>\n"));
		}
		if (draws > 0 && ok < draws) {
			TRY(text_open(b, W - 10, y + 38, "end", 11, C_MUTED, NULL));
			TRY(parley_buf__puts(b, "runs in "));
			TRY(h_pct(b, ok / draws));
			TRY(parley_buf__puts(b, " of draws</text>\n"));
		}
		y += rh;
	}
	TRY(text_open(b, ax.x0, h - 6, NULL, 11, C_MUTED, NULL));
	TRY(parley_buf__puts(b, "bars: share of draws per bin; below: 5\xe2\x80\x93""95% line, 25\xe2\x80\x93""75% box, "
		"median tick; marker: the point forecast</text>\n"));
	TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}

/* ---- tornado ---- */

int parley_report__input_label(rctx *c, parley_buf *b, jnode *e)
{
	rstr input = rj_str_at(c, e, "input"), actor = rj_str_at(c, e, "actor");
	const char *what = rstr_eq(input, "red_line_low") ? "lower end of the red line of" :
		rstr_eq(input, "red_line_high") ? "upper end of the red line of" : NULL;
	int error;

	if (rstr_eq(input, "status_quo") || !actor.p)
		return rstr_eq(input, "status_quo") ? parley_buf__puts(b, "status quo") : rput(b, input);
	if (what)
		TRY(parley_buf__puts(b, what));
	else
		TRY(rput(b, input));
	TRY(parley_buf__puts(b, what ? " " : " of "));
	error = rput(b, rj_actor_name(c, actor));
done:
	return error;
}

int parley_report__svg_tornado(rctx *c, parley_buf *b, const rissue *is, const char *model)
{
	jnode *list = rj_arr_at(c, rj_obj_at(c, is->issue, "sensitivity"), model);
	size_t n = rj_len(list), shown, k, mi;
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
		if (rj_num_at(c, rj_at(list, k), "variance_share", &s))
			smax = fmax(smax, s);
	}
	h = top + (double)shown * rh + (n > shown ? 30 : 12);
	xc = lw + (W - lw - rw) / 2;
	hw = (W - lw - rw) / 2 - 12;

	TRY(parley_buf__printf(&title, "What moves the forecast (%s): ", mtitle));
	TRY(rput(&title, is->title));
	TRY(parley_buf__printf(&desc, "The %zu inputs with the largest share of the variance of the %s "
		"forecast over the draws, largest first:", shown, mtitle));
	for (k = 0; k < shown; k++) {
		jnode *e = rj_at(list, k);
		double s = 0, d = 0;
		rj_num_at(c, e, "variance_share", &s);
		rj_num_at(c, e, "derivative", &d);
		lab.size = 0;
		if (lab.ptr)
			lab.ptr[0] = '\0';
		TRY(parley_report__input_label(c, &lab, e));
		TRY(parley_buf__printf(&desc, "%s %s ", k ? ";" : "", lab.ptr ? lab.ptr : ""));

		TRY(h_pct(&desc, s));
		TRY(parley_buf__printf(&desc, ", %s", d > 0 ? "raises it" : d < 0 ? "lowers it" : "no local effect"));
	}
	TRY(parley_buf__puts(&desc, "."));
	TRY(svg_open(c, b, h, "tornado", is, &title, &desc));
	TRY(parley_buf__printf(b, "<text x=\"10\" y=\"16\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">"
		"What moves the forecast: %s</text>\n", C_TEXT, mtitle));
	TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"36\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"\xe2\x86\x90 a rise of the input lowers the forecast</text>\n", xc - 8, C_DOWN));
	TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"36\" font-size=\"11\" fill=\"%s\">"
		"raises the forecast \xe2\x86\x92</text>\n", xc + 8, C_UP));
	TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"36\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"share of variance</text>\n<text x=\"%.1f\" y=\"36\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"per unit</text>\n", W - 96, C_MUTED, W - 10, C_MUTED));
	y = top;
	for (k = 0; k < shown; k++, y += rh) {
		jnode *e = rj_at(list, k);
		double s = 0, d = 0, len;
		const char *col;
		rstr input = rj_str_at(c, e, "input"), actor = rj_str_at(c, e, "actor");
		rj_num_at(c, e, "variance_share", &s);
		rj_num_at(c, e, "derivative", &d);
		col = d > 0 ? C_UP : d < 0 ? C_DOWN : "#999999";
		len = smax > 0 ? fmax(s, 0) / smax * hw : 0;
		lab.size = 0;
		if (lab.ptr)
			lab.ptr[0] = '\0';
		TRY(parley_report__input_label(c, &lab, e));
		{
			rstr t;
			t.p = lab.ptr ? lab.ptr : "";
			t.n = lab.size;
			TRY(text_fit(b, lw - 10, y + 15, "end", 12, C_TEXT, NULL, t, lw - 20));
		}
		TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			"data-input=\"", d < 0 ? xc - len : xc, y + 4, fmax(len, 0.5), rh - 8, col));
		TRY(h_esc(b, input));
		TRY(parley_buf__puts(b, "\" data-actor=\""));
		TRY(h_esc(b, actor));
		TRY(parley_buf__puts(b, "\" data-share=\""));
		TRY(h_exact(b, s));
		TRY(parley_buf__puts(b, "\" data-derivative=\""));
		TRY(h_exact(b, d));
		TRY(parley_buf__puts(b, "\"/>\n"));
		TRY(text_open(b, W - 96, y + 15, "end", 12, C_TEXT, NULL));
		TRY(h_pct(b, s));
		TRY(parley_buf__puts(b, "</text>\n"));
		TRY(text_open(b, W - 10, y + 15, "end", 12, C_MUTED, NULL));
		TRY(parley_buf__puts(b, d > 0 ? "+" : ""));
		TRY(parley_buf__printf(b, "%.3g</text>\n", d));
	}
	TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
		xc, top - 2, xc, y + 2, C_TEXT));
	if (n > shown) {
		TRY(text_open(b, lw - 10, y + 18, "end", 11, C_MUTED, NULL));
		TRY(parley_buf__printf(b, "\xe2\x80\xa6 %zu more input%s in the JSON result</text>\n", n - shown,
			n - shown == 1 ? "" : "s"));
	}
	TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	parley_buf_dispose(&lab);
	return error;
}

/* ---- backtest ---- */

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

	while ((mo = rj_next(models, &iter, &key)) != NULL) {
		if (rj_num_at(c, mo, "mae", &v))
			xmax = fmax(xmax, v);
		if (rj_pair(c, rj_get(mo, "mae_ci95"), &lo, &hi))
			xmax = fmax(xmax, hi);
		n++;
	}
	if (!n)
		return 1;
	if (!(xmax > 0))
		xmax = 1;
	ax.lo = 0;
	ax.hi = nice_step(xmax, 5) > 0 ? nice_step(xmax, 5) * ceil(xmax / nice_step(xmax, 5)) : xmax;
	ax.x0 = lw;
	ax.x1 = W - rw;
	h = top + (double)n * rh + 40;
	TRY(parley_buf__puts(&title, "Backtest: mean absolute error by model"));
	TRY(parley_buf__puts(&desc, "Mean absolute error of each model's forecasts against the outcomes, "
		"with its bootstrap 95% interval:"));
	iter = NULL;
	k = 0;
	while ((mo = rj_next(models, &iter, &key)) != NULL) {
		TRY(parley_buf__puts(&desc, k++ ? "; " : " "));
		TRY(rput(&desc, key));
		if (rj_num_at(c, mo, "mae", &v)) {
			TRY(parley_buf__puts(&desc, " "));
			TRY(h_num(&desc, v, 2));
		}
	}
	TRY(parley_buf__puts(&desc, "."));
	TRY(svg_open(c, b, h, "backtest", NULL, &title, &desc));
	{
		double step = nice_step(ax.hi, 5), t;
		for (k = 0; tick(0, ax.hi, step, k, &t); k++) {
			TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				X(&ax, t), top - 6, X(&ax, t), h - 36, C_GRID));
			TRY(text_num(b, X(&ax, t), h - 20, "middle", 11, C_MUTED, NULL, t, step_decimals(step)));
		}
	}
	TRY(text_open(b, (ax.x0 + ax.x1) / 2, h - 4, "middle", 12, C_TEXT, NULL));
	TRY(parley_buf__puts(b, "mean absolute error (scale points); line: bootstrap 95% interval</text>\n"));
	y = top;
	iter = NULL;
	while ((mo = rj_next(models, &iter, &key)) != NULL) {
		double cy = y + rh / 2;
		const char *t = parley_report__backtest_title(key);
		TRY(text_fit(b, lw - 12, cy + 4, "end", 12, C_TEXT, NULL, t ? rstr_z(t) : key, lw - 20));
		if (rj_pair(c, rj_get(mo, "mae_ci95"), &lo, &hi))
			TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"/>\n", X(&ax, lo), cy, X(&ax, hi), cy, C_DARK));
		if (rj_num_at(c, mo, "mae", &v)) {
			TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"%s\" data-model=\"",
				X(&ax, v), cy, C_UP));
			TRY(h_esc(b, key));
			TRY(parley_buf__puts(b, "\" data-mae=\""));
			TRY(h_exact(b, v));
			TRY(parley_buf__puts(b, "\"/>\n"));
			TRY(text_num(b, W - 10, cy + 4, "end", 12, C_TEXT, NULL, v, 2));
		}
		y += rh;
	}
	TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}
