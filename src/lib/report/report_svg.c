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
		if (rj_nonneg_at(c, a, "capability", &cap) && rj_nonneg_at(c, a, "salience", &sal))
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
		rj_nonneg_at(c, a, "capability", &cap);
		rj_nonneg_at(c, a, "salience", &sal);
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
			if (rj_count(c, rj_at(counts, k), &cnt))
				cmax = fmax(cmax, cnt);
		TRY(text_fit(b, lw, y + 26, "end", 12, C_TEXT, NULL, rstr_z(c->models[m].title), lw - 14));
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			ax.x0 - 8, base, ax.x1 + 8, base, C_MUTED));
		TRY(parley_buf__printf(b, "<g data-model=\"%s\" data-histogram=\"\">\n", c->models[m].id));
		for (k = 0; k < nb; k++) {
			double xa, xb, bh;
			if (!rj_count(c, rj_at(counts, k), &cnt))
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
		rj_count_at(c, d, "draws", &draws);
		if (rj_count_at(c, d, "ok", &ok) && ok > draws)
			rj_error(c, rj_get(d, "ok"), "at most \"draws\"", "more draws ran than were drawn");
		if (rj_num_at(c, d, "mean", &mean) && rj_nonneg_at(c, d, "sd", &sd)) {
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
		if (rj_share_at(c, rj_at(list, k), "variance_share", &s))
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
		rj_share_at(c, e, "variance_share", &s);
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
		rj_share_at(c, e, "variance_share", &s);
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
		if (rj_nonneg_at(c, mo, "mae", &v))
			xmax = fmax(xmax, v);
		if (rj_pair_in(c, rj_get(mo, "mae_ci95"), 0, HUGE_VAL, &lo, &hi))
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
		if (rj_nonneg_at(c, mo, "mae", &v)) {
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
		if (rj_pair_in(c, rj_get(mo, "mae_ci95"), 0, HUGE_VAL, &lo, &hi))
			TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"/>\n", X(&ax, lo), cy, X(&ax, hi), cy, C_DARK));
		if (rj_nonneg_at(c, mo, "mae", &v)) {
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

/* ---- package deals: two linked issues at a time ---- */

/* Members' colours (Okabe and Ito) with a dash pattern each, so that no
 * contour is told from another by colour alone. */
static const char *const pk_colour[7] = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
	"#56B4E9", "#000000" };
static const int pk_dark_text[7] = { 1, 1, 1, 0, 0, 0, 1 };
static const char *const pk_dash[4] = { "", "9 4", "3 3", "12 4 3 4" };
#define C_OTHER "#767676"
/* the package region: every member prefers it (light), and inside every red line too (dark) */
#define C_PREF "#009E73"

#define PK_MAXI 8    /* linked issues read */
#define PK_GRID 100  /* cells per side of the region's grid */

typedef struct {
	rstr id;
	int member;              /* at the package's venue */
	int has[PK_MAXI];        /* a stance on linked issue k */
	double x[PK_MAXI], s[PK_MAXI]; /* ideal point; salience in [0, 1] */
	int has_rl[PK_MAXI];
	double rl_lo[PK_MAXI], rl_hi[PK_MAXI];
	double gain;
	int has_gain;
	double k2;               /* in the slice: the utility loss budget (preferred: loss < k2) */
	int colour;              /* members: index into pk_colour/pk_dash */
} pk_actor;

typedef struct {
	jnode *obj;
	rstr id, title;
	double lo, hi, sq, y;    /* scale, status quo, the package's value (sq when none) */
	int has_sq;
} pk_issue;

/* An actor's loss on the issues of `pi` (loss `e`) at the point `pt` (one value per issue). */
static double pk_loss(const pk_actor *a, const pk_issue *pi, size_t k, const double *pt, int e)
{
	double u = 0, d;
	size_t p;
	for (p = 0; p < k; p++) {
		if (!a->has[p] || !(a->s[p] > 0))
			continue;
		d = fabs(pt[p] - a->x[p]) / (pi[p].hi - pi[p].lo);
		u += a->s[p] * (e == 1 ? d : d * d);
	}
	return u;
}

/* Whether actor `a` strictly prefers (u, v) on issues ia, ib, the others
 * in the slice, to the status quo; 1 also for a member indifferent
 * everywhere in the slice (it neither votes nor blocks). */
static int pk_prefers(const pk_actor *a, const pk_issue *pi, size_t ia, size_t ib, double u, double v, int e)
{
	double f = 0, d;
	int any = 0;
	if (a->has[ia] && a->s[ia] > 0) {
		d = fabs(u - a->x[ia]) / (pi[ia].hi - pi[ia].lo);
		f += a->s[ia] * (e == 1 ? d : d * d);
		any = 1;
	}
	if (a->has[ib] && a->s[ib] > 0) {
		d = fabs(v - a->x[ib]) / (pi[ib].hi - pi[ib].lo);
		f += a->s[ib] * (e == 1 ? d : d * d);
		any = 1;
	}
	if (!any && fabs(a->k2) <= 1e-12)
		return 1;
	return f < a->k2;
}

/* Append the cells of a grid over [xa, xb] x [ya, yb] (data units; a
 * degenerate side becomes one cell `minpx` pixels wide) where every member
 * prefers the point, as one path of runs per row. Returns the cell count
 * in *cells. */
static int pk_region(parley_buf *b, const pk_actor *ac, size_t na, const pk_issue *pi, size_t ia, size_t ib,
	int e, double xa, double xb, double ya, double yb, double px0, double pw, double py0, double ph,
	const char *attrs, size_t *cells)
{
	size_t gx = xb > xa ? PK_GRID : 1, gy = yb > ya ? PK_GRID : 1, i, j, m, any = 0;
	double wa = pi[ia].hi - pi[ia].lo, wb = pi[ib].hi - pi[ib].lo;
	int error = 0;

	*cells = 0;
	for (j = 0; j < gy; j++) {
		double v = gy > 1 ? ya + (yb - ya) * ((double)j + 0.5) / (double)gy : ya;
		double ytop, ybot;
		size_t run = (size_t)-1;
		if (gy > 1) {
			ytop = py0 + ph - (ya + (yb - ya) * (double)(j + 1) / (double)gy - pi[ib].lo) / wb * ph;
			ybot = py0 + ph - (ya + (yb - ya) * (double)j / (double)gy - pi[ib].lo) / wb * ph;
		} else {
			ytop = py0 + ph - (ya - pi[ib].lo) / wb * ph - 1.5;
			ybot = ytop + 3;
		}
		for (i = 0; i <= gx; i++) {
			int in = 0;
			if (i < gx) {
				double u = gx > 1 ? xa + (xb - xa) * ((double)i + 0.5) / (double)gx : xa;
				in = 1;
				for (m = 0; m < na && in; m++)
					if (ac[m].member && !pk_prefers(&ac[m], pi, ia, ib, u, v, e))
						in = 0;
			}
			if (in && run == (size_t)-1)
				run = i;
			if (!in && run != (size_t)-1) {
				double x0, x1;
				if (gx > 1) {
					x0 = px0 + (xa + (xb - xa) * (double)run / (double)gx - pi[ia].lo) / wa * pw;
					x1 = px0 + (xa + (xb - xa) * (double)i / (double)gx - pi[ia].lo) / wa * pw;
				} else {
					x0 = px0 + (xa - pi[ia].lo) / wa * pw - 1.5;
					x1 = x0 + 3;
				}
				if (!any++)
					TRY(parley_buf__printf(b, "<path %s d=\"", attrs));
				TRY(parley_buf__printf(b, "M%.2f %.2fH%.2fV%.2fH%.2fZ", x0, ytop, x1, ybot, x0));
				*cells += i - run;
				run = (size_t)-1;
			}
		}
	}
	if (any)
		TRY(parley_buf__printf(b, "\" data-cells=\"%zu\"/>\n", *cells));
done:
	return error;
}

int parley_report__svg_package(rctx *c, parley_buf *b, jnode *pkg, jnode *issues, size_t ia, size_t ib)
{
	jnode *ids = rj_arr_at(c, pkg, "issues"), *vals = rj_obj_at(c, pkg, "package");
	jnode *gains = rj_obj_at(c, pkg, "gains"), *members = rj_arr_at(c, pkg, "members");
	rstr pid = rj_str_at(c, pkg, "id"), pname = rj_str_at(c, pkg, "name"), venue = rj_str_at(c, pkg, "venue");
	size_t k = rj_len(ids), p, i, j, na = 0, alloc = 0, nmem = 0, cells = 0, dcells = 0;
	pk_issue pi[PK_MAXI];
	pk_actor *ac = NULL;
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	const double PL = 92, PT = 58, PW = 430, PH = 430, LX = 592;
	double e_loss = 2, h, ly, qpt[PK_MAXI], ypt[PK_MAXI], box[4];
	int e, error = 0, has_pkg = vals != NULL, inside = has_pkg, box_ok = 1, dec;
	double wa, wb;

	if (k < 2 || k > PK_MAXI || ia >= k || ib >= k || ia == ib)
		return 1;
	rj_num_in(c, rj_get(pkg, "loss"), 1, 2, 1, &e_loss);
	e = e_loss == 1 ? 1 : 2;
	memset(pi, 0, sizeof(pi));
	for (p = 0; p < k; p++) {
		rstr id = rj_str(c, rj_at(ids, p));
		for (i = 0; id.p && i < rj_len(issues); i++) {
			jnode *is = rj_at(issues, i);
			rstr iid = rj_str_at(c, is, "id");
			if (iid.p && iid.n == id.n && !memcmp(iid.p, id.p, id.n))
				pi[p].obj = is;
		}
		pi[p].id = id;
		if (!pi[p].obj || !rj_pair(c, rj_get(pi[p].obj, "scale"), &pi[p].lo, &pi[p].hi) ||
		    !(pi[p].hi > pi[p].lo) || !isfinite(pi[p].hi - pi[p].lo))
			return 1;
		pi[p].title = rj_str_at(c, pi[p].obj, "title");
		if (!pi[p].title.p)
			pi[p].title = id;
		pi[p].has_sq = rj_num_at(c, pi[p].obj, "status_quo", &pi[p].sq);
		if (!pi[p].has_sq)
			return 1; /* a package is judged against the status quo */
		pi[p].y = pi[p].sq;
		if (vals) {
			char key[256];
			if (id.n < sizeof(key)) {
				memcpy(key, id.p, id.n);
				key[id.n] = '\0';
				if (!rj_num_at(c, vals, key, &pi[p].y))
					has_pkg = 0;
			}
		}
		qpt[p] = pi[p].sq;
	}
	if (!has_pkg)
		for (p = 0; p < k; p++)
			pi[p].y = pi[p].sq;
	for (p = 0; p < k; p++)
		ypt[p] = pi[p].y;

	/* the actors with a stance on a linked issue, in the order they first appear */
	for (p = 0; p < k; p++) {
		jnode *acts = rj_arr_at(c, pi[p].obj, "actors");
		for (i = 0; i < rj_len(acts); i++) {
			jnode *a = rj_at(acts, i);
			rstr id = rj_str_at(c, a, "id");
			double x, s, lo, hi;
			pk_actor *t = NULL;
			if (!id.p || !rj_num_at(c, a, "position", &x) || !rj_nonneg_at(c, a, "salience", &s))
				continue;
			for (j = 0; j < na; j++)
				if (ac[j].id.n == id.n && !memcmp(ac[j].id.p, id.p, id.n))
					t = &ac[j];
			if (!t) {
				if (na == alloc) {
					size_t nal = alloc ? alloc * 2 : 16;
					pk_actor *np = parley__realloc(ac, nal * sizeof(*np));
					if (!np) {
						error = PARLEY_ENOMEM;
						goto done;
					}
					ac = np;
					alloc = nal;
				}
				t = &ac[na++];
				memset(t, 0, sizeof(*t));
				t->id = id;
			}
			t->has[p] = 1;
			t->x[p] = x;
			t->s[p] = fmax(s, 0) / 100;
			if (rj_pair(c, rj_get(a, "red_line"), &lo, &hi)) {
				t->has_rl[p] = 1;
				t->rl_lo[p] = lo;
				t->rl_hi[p] = hi;
			}
		}
	}
	if (!na)
		goto nothing;
	/* members: the JSON's list, else the venue's members in the scenario, else everyone */
	for (j = 0; j < na; j++) {
		int m = 0;
		if (members) {
			for (i = 0; i < rj_len(members); i++)
				{
					rstr mid = rj_str(c, rj_at(members, i));
					if (mid.p && mid.n == ac[j].id.n && !memcmp(mid.p, ac[j].id.p, mid.n))
						m = 1;
				}
		} else {
			jnode *vv = NULL;
			for (i = 0; venue.p && i < rj_len(c->names_venues); i++)
				if (rj_str_at(c, rj_at(c->names_venues, i), "id").n == venue.n &&
				    !memcmp(rj_str_at(c, rj_at(c->names_venues, i), "id").p, venue.p, venue.n))
					vv = rj_arr_at(c, rj_at(c->names_venues, i), "members");
			if (!vv) {
				m = 1;
			} else {
				for (i = 0; i < rj_len(vv); i++) {
					rstr mid = rj_str(c, rj_at(vv, i));
					if (mid.p && mid.n == ac[j].id.n && !memcmp(mid.p, ac[j].id.p, mid.n))
						m = 1;
				}
			}
		}
		ac[j].member = m;
		if (m)
			ac[j].colour = (int)(nmem++);
		if (gains) {
			char key[256];
			if (ac[j].id.n < sizeof(key)) {
				memcpy(key, ac[j].id.p, ac[j].id.n);
				key[ac[j].id.n] = '\0';
				ac[j].has_gain = rj_num_at(c, gains, key, &ac[j].gain);
			}
		}
		/* the slice: issues other than ia, ib at the package; the budget is
		 * the loss at the status quo less the loss on those issues */
		{
			double full = pk_loss(&ac[j], pi, k, qpt, e), rest = 0, d;
			for (p = 0; p < k; p++) {
				if (p == ia || p == ib || !ac[j].has[p] || !(ac[j].s[p] > 0))
					continue;
				d = fabs(ypt[p] - ac[j].x[p]) / (pi[p].hi - pi[p].lo);
				rest += ac[j].s[p] * (e == 1 ? d : d * d);
			}
			ac[j].k2 = full - rest;
		}
		if (ac[j].member && has_pkg && !pk_prefers(&ac[j], pi, ia, ib, ypt[ia], ypt[ib], e))
			inside = 0;
	}
	/* the members' red lines on the two issues */
	box[0] = pi[ia].lo;
	box[1] = pi[ia].hi;
	box[2] = pi[ib].lo;
	box[3] = pi[ib].hi;
	for (j = 0; j < na; j++) {
		if (!ac[j].member)
			continue;
		if (ac[j].has_rl[ia]) {
			box[0] = fmax(box[0], ac[j].rl_lo[ia]);
			box[1] = fmin(box[1], ac[j].rl_hi[ia]);
		}
		if (ac[j].has_rl[ib]) {
			box[2] = fmax(box[2], ac[j].rl_lo[ib]);
			box[3] = fmin(box[3], ac[j].rl_hi[ib]);
		}
	}
	box_ok = box[0] <= box[1] && box[2] <= box[3];
	wa = pi[ia].hi - pi[ia].lo;
	wb = pi[ib].hi - pi[ib].lo;
	dec = wa <= 20 || wb <= 20 ? 2 : 1;
#define SX(u) (PL + (clampd((u), pi[ia].lo, pi[ia].hi) - pi[ia].lo) / wa * PW)
#define SY(v) (PT + PH - (clampd((v), pi[ib].lo, pi[ib].hi) - pi[ib].lo) / wb * PH)

	/* title and text alternative */
	TRY(parley_buf__puts(&title, "Package "));
	TRY(rput(&title, pname.p ? pname : pid.p ? pid : rstr_z("of linked issues")));
	TRY(parley_buf__puts(&title, ": "));
	TRY(rput(&title, pi[ia].title));
	TRY(parley_buf__puts(&title, " and "));
	TRY(rput(&title, pi[ib].title));
	TRY(parley_buf__puts(&desc, "Two linked issues as axes: "));
	TRY(rput(&desc, pi[ia].title));
	TRY(parley_buf__puts(&desc, " across, "));
	TRY(rput(&desc, pi[ib].title));
	TRY(parley_buf__puts(&desc, " up. Status quo at "));
	TRY(h_num(&desc, pi[ia].sq, dec));
	TRY(parley_buf__puts(&desc, ", "));
	TRY(h_num(&desc, pi[ib].sq, dec));
	if (has_pkg) {
		TRY(parley_buf__puts(&desc, "; the representative package at "));
		TRY(h_num(&desc, ypt[ia], dec));
		TRY(parley_buf__puts(&desc, ", "));
		TRY(h_num(&desc, ypt[ib], dec));
		TRY(parley_buf__puts(&desc, inside ? ", where every member prefers it to the status quo" :
			", which not every member prefers to the status quo"));
	}
	TRY(parley_buf__puts(&desc, ". Ideal points: "));
	for (j = 0; j < na; j++) {
		TRY(parley_buf__puts(&desc, j ? "; " : ""));
		TRY(rput(&desc, rj_actor_name(c, ac[j].id)));
		TRY(parley_buf__puts(&desc, ac[j].member ? " (at the table) " : " "));
		if (ac[j].has[ia])
			TRY(h_num(&desc, ac[j].x[ia], dec));
		else
			TRY(parley_buf__puts(&desc, "none"));
		TRY(parley_buf__puts(&desc, ", "));
		if (ac[j].has[ib])
			TRY(h_num(&desc, ac[j].x[ib], dec));
		else
			TRY(parley_buf__puts(&desc, "none"));
	}
	TRY(parley_buf__puts(&desc, ". Each actor's curve is where it likes the package as much as the status quo, "
		"with the other linked issues held at the package."));

	/* height: the plot, or the legend when longer (as the legend below lays it out) */
	ly = PT + 24 + (nmem < na ? 26 : 0) + 8 + 4 * 19 + 22 + 60;
	for (j = 0; j < na; j++)
		ly += 19 + (!ac[j].has[ia] || !ac[j].has[ib] || !(ac[j].k2 > 0) ? 14 : 0);
	h = fmax(PT + PH + 50, ly + 4);
	TRY(svg_open(c, b, h, "package", NULL, &title, &desc));
	/* svg_open wrote data-chart="package"; the package and its issues */
	TRY(parley_buf__puts(b, "<g data-package=\""));
	TRY(h_esc(b, pid));
	TRY(parley_buf__puts(b, "\" data-issue-x=\""));
	TRY(h_esc(b, pi[ia].id));
	TRY(parley_buf__puts(b, "\" data-issue-y=\""));
	TRY(h_esc(b, pi[ib].id));
	TRY(parley_buf__printf(b, "\" data-loss=\"%d\" data-package-inside=\"%s\">\n", e,
		has_pkg ? (inside ? "true" : "false") : "none"));

	/* grid */
	for (p = 0; p < 2; p++) {
		size_t q = p ? ib : ia;
		double step = nice_step(pi[q].hi - pi[q].lo, 5), t;
		for (i = 0; tick(pi[q].lo, pi[q].hi, step, i, &t); i++)
			TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				p ? PL : SX(t), p ? SY(t) : PT, p ? PL + PW : SX(t), p ? SY(t) : PT + PH, C_GRID));
	}
	/* the plot */
	TRY(pk_region(b, ac, na, pi, ia, ib, e, pi[ia].lo, pi[ia].hi, pi[ib].lo, pi[ib].hi, PL, PW, PT, PH,
		"fill=\"" C_PREF "\" fill-opacity=\"0.16\" data-region=\"preferred\"", &cells));
	if (box_ok)
		TRY(pk_region(b, ac, na, pi, ia, ib, e, box[0], box[1], box[2], box[3], PL, PW, PT, PH,
			"fill=\"" C_PREF "\" fill-opacity=\"0.55\" data-region=\"acceptable\"", &dcells));
	/* the members' red lines: a dashed box (a line or a point when they meet at one value) */
	if (box_ok && (box[0] > pi[ia].lo || box[1] < pi[ia].hi || box[2] > pi[ib].lo || box[3] < pi[ib].hi)) {
		TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
			"stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\" data-red-lines=\"\" data-x-lo=\"",
			SX(box[0]) - (box[1] > box[0] ? 0 : 2), SY(box[3]) - (box[3] > box[2] ? 0 : 2),
			fmax(SX(box[1]) - SX(box[0]), 4), fmax(SY(box[2]) - SY(box[3]), 4), C_DARK));
		TRY(h_exact(b, box[0]));
		TRY(parley_buf__puts(b, "\" data-x-hi=\""));
		TRY(h_exact(b, box[1]));
		TRY(parley_buf__puts(b, "\" data-y-lo=\""));
		TRY(h_exact(b, box[2]));
		TRY(parley_buf__puts(b, "\" data-y-hi=\""));
		TRY(h_exact(b, box[3]));
		TRY(parley_buf__puts(b, "\"/>\n"));
	}
	/* contours: others first (grey, under), then the members */
	for (i = 0; i < 2; i++)
		for (j = 0; j < na; j++) {
			const pk_actor *a = &ac[j];
			double sa = a->has[ia] ? a->s[ia] : 0, sb = a->has[ib] ? a->s[ib] : 0, rx, ry;
			const char *col = a->member ? pk_colour[a->colour % 7] : C_OTHER;
			const char *dash = a->member ? pk_dash[(a->colour / 7 + a->colour) % 4] : "4 4";
			char style[160];
			if ((i == 0) != !a->member)
				continue;
			snprintf(style, sizeof(style), "fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s%s%s",
				col, a->member ? "2.2" : "1.2", *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
			if (!(a->k2 > 0) || (!(sa > 0) && !(sb > 0)))
				continue; /* prefers the status quo everywhere in the slice, or nowhere bound */
			rx = sa > 0 ? (e == 1 ? a->k2 / sa : sqrt(a->k2 / sa)) * PW : 0;
			ry = sb > 0 ? (e == 1 ? a->k2 / sb : sqrt(a->k2 / sb)) * PH : 0;
			TRY(parley_buf__puts(b, "<g data-contour=\""));
			TRY(h_esc(b, a->id));
			TRY(parley_buf__printf(b, "\" data-member=\"%d\" data-cx=\"", a->member));
			TRY(h_exact(b, a->has[ia] ? a->x[ia] : NAN));
			TRY(parley_buf__puts(b, "\" data-cy=\""));
			TRY(h_exact(b, a->has[ib] ? a->x[ib] : NAN));
			TRY(parley_buf__puts(b, "\" data-rx=\""));
			TRY(h_exact(b, sa > 0 ? rx / PW * wa : INFINITY));
			TRY(parley_buf__puts(b, "\" data-ry=\""));
			TRY(h_exact(b, sb > 0 ? ry / PH * wb : INFINITY));
			TRY(parley_buf__puts(b, "\">"));
			if (sa > 0 && sb > 0 && e == 2)
				TRY(parley_buf__printf(b, "<ellipse cx=\"%.2f\" cy=\"%.2f\" rx=\"%.2f\" ry=\"%.2f\" %s/>",
					PL + (a->x[ia] - pi[ia].lo) / wa * PW, PT + PH - (a->x[ib] - pi[ib].lo) / wb * PH, rx, ry, style));
			else if (sa > 0 && sb > 0)
				TRY(parley_buf__printf(b, "<path d=\"M%.2f %.2fL%.2f %.2fL%.2f %.2fL%.2f %.2fZ\" %s/>",
					PL + (a->x[ia] - pi[ia].lo) / wa * PW - rx, PT + PH - (a->x[ib] - pi[ib].lo) / wb * PH,
					PL + (a->x[ia] - pi[ia].lo) / wa * PW, PT + PH - (a->x[ib] - pi[ib].lo) / wb * PH - ry,
					PL + (a->x[ia] - pi[ia].lo) / wa * PW + rx, PT + PH - (a->x[ib] - pi[ib].lo) / wb * PH,
					PL + (a->x[ia] - pi[ia].lo) / wa * PW, PT + PH - (a->x[ib] - pi[ib].lo) / wb * PH + ry, style));
			else if (sa > 0) /* no stance on the vertical issue: a band */
				TRY(parley_buf__printf(b, "<path d=\"M%.2f %.2fV%.2fM%.2f %.2fV%.2f\" %s/>",
					PL + (a->x[ia] - pi[ia].lo) / wa * PW - rx, PT, PT + PH,
					PL + (a->x[ia] - pi[ia].lo) / wa * PW + rx, PT, PT + PH, style));
			else
				TRY(parley_buf__printf(b, "<path d=\"M%.2f %.2fH%.2fM%.2f %.2fH%.2f\" %s/>",
					PL, PT + PH - (a->x[ib] - pi[ib].lo) / wb * PH - ry, PL + PW,
					PL, PT + PH - (a->x[ib] - pi[ib].lo) / wb * PH + ry, PL + PW, style));
			TRY(parley_buf__puts(b, "</g>\n"));
		}
	/* what reaches outside the frame is covered, then the axes */
	TRY(parley_buf__printf(b, "<path d=\"M0 0H%.0fV%.1fH0ZM0 %.1fH%.0fV%.0fH0ZM0 0H%.1fV%.0fH0ZM%.1f 0H%.0fV%.0fH%.1fZ\" "
		"fill=\"#ffffff\"/>\n", W, PT, PT + PH, W, h, PL, h, PL + PW, W, h, PL + PW));
	/* heading */
	TRY(text_fit(b, 12, 20, NULL, 14, C_TEXT, "font-weight=\"bold\"", pname.p ? pname : pid.p ? pid :
		rstr_z("Linked issues"), W - 24));
	{
		parley_buf sub = PARLEY_BUF_INIT;
		rstr t;
		error = parley_buf__puts(&sub, "Who prefers which package to the status quo");
		if (!error && venue.p) {
			error = parley_buf__puts(&sub, " \xe2\x80\x94 at the table of ");
			if (!error)
				error = rput(&sub, rj_venue_name(c, venue));
		}
		t.p = sub.ptr ? sub.ptr : "";
		t.n = sub.size;
		if (!error)
			error = text_fit(b, 12, 40, NULL, 12, C_MUTED, NULL, t, W - 24);
		parley_buf_dispose(&sub);
		if (error < 0)
			goto done;
	}

	/* axes */
	for (p = 0; p < 2; p++) {
		size_t q = p ? ib : ia;
		double step = nice_step(pi[q].hi - pi[q].lo, 5), t;
		for (i = 0; tick(pi[q].lo, pi[q].hi, step, i, &t); i++) {
			if (!p) {
				TRY(text_num(b, SX(t), PT + PH + 16, "middle", 11, C_MUTED, NULL, t, step_decimals(step)));
			} else {
				TRY(text_num(b, PL - 6, SY(t) + 4, "end", 11, C_MUTED, NULL, t, step_decimals(step)));
			}
		}
	}
	TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
		"stroke=\"%s\"/>\n", PL, PT, PW, PH, C_TEXT));
	TRY(text_fit(b, PL + PW / 2, PT + PH + 36, "middle", 12, C_TEXT, "font-weight=\"bold\"", pi[ia].title, PW + 60));
	TRY(parley_buf__printf(b, "<text x=\"22\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" fill=\"%s\" "
		"font-weight=\"bold\" transform=\"rotate(-90 22 %.1f)\">", PT + PH / 2, C_TEXT, PT + PH / 2));
	TRY(esc_fit(b, pi[ib].title, 12, PH + 40));
	TRY(parley_buf__puts(b, "</text>\n"));


	/* ideal points: a dot, and a numbered badge beside it (moved right while it would cover another) */
	{
		double bx[64], by[64];
		size_t nb = 0;
		for (j = 0; j < na; j++) {
			const pk_actor *a = &ac[j];
			double x, y, tx, ty;
			const char *col = a->member ? pk_colour[a->colour % 7] : C_OTHER;
			int dark = a->member ? pk_dark_text[a->colour % 7] : 1;
			size_t q;
			int moved = 1;
			if (!a->has[ia] || !a->has[ib])
				continue;
			x = SX(a->x[ia]);
			y = SY(a->x[ib]);
			int left = x > PL + PW - 60;
			tx = left ? x - 11 : x + 11;
			ty = y - 11;
			if (ty < PT + 9)
				ty = y + 11;
			while (moved) {
				moved = 0;
				for (q = 0; q < nb; q++)
					if (fabs(bx[q] - tx) < 17 && fabs(by[q] - ty) < 17) {
						tx += left ? -18 : 18;
						moved = 1;
					}
			}
			if (nb < 64) {
				bx[nb] = tx;
				by[nb] = ty;
				nb++;
			}
			TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				x, y, tx, ty, col));
			TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" data-actor=\"", x, y, col));
			TRY(h_esc(b, a->id));
			TRY(parley_buf__printf(b, "\" data-member=\"%d\" data-x=\"", a->member));
			TRY(h_exact(b, a->x[ia]));
			TRY(parley_buf__puts(b, "\" data-y=\""));
			TRY(h_exact(b, a->x[ib]));
			TRY(parley_buf__printf(b, "\"/>\n<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8.5\" fill=\"%s\" stroke=\"#ffffff\"/>\n",
				tx, ty, col));
			TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" "
				"font-weight=\"bold\" fill=\"%s\">%zu</text>\n", tx, ty + 3.5, dark ? "#ffffff" : C_TEXT, j + 1));
		}
	}
	/* the status quo and the package */
	TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" height=\"11\" fill=\"#ffffff\" stroke=\"%s\" "
		"stroke-width=\"2\" data-status-quo-x=\"", SX(pi[ia].sq) - 5.5, SY(pi[ib].sq) - 5.5, C_TEXT));
	TRY(h_exact(b, pi[ia].sq));
	TRY(parley_buf__puts(b, "\" data-status-quo-y=\""));
	TRY(h_exact(b, pi[ib].sq));
	TRY(parley_buf__puts(b, "\"/>\n"));
	/* its label on the left (the badges sit to the right of their points), or below near the left edge */
	if (SX(pi[ia].sq) > PL + 75)
		TRY(text_open(b, SX(pi[ia].sq) - 10, SY(pi[ib].sq) + 4, "end", 11, C_TEXT, "font-style=\"italic\" " HALO));
	else
		TRY(text_open(b, SX(pi[ia].sq) + 4, SY(pi[ib].sq) + (SY(pi[ib].sq) > PT + PH - 20 ? -10 : 19), NULL, 11,
			C_TEXT, "font-style=\"italic\" " HALO));
	TRY(parley_buf__puts(b, "status quo</text>\n"));
	if (has_pkg) {
		double x = SX(ypt[ia]), y = SY(ypt[ib]);
		TRY(marker_c(b, 4, C_TEXT, x, y, 8, NULL));
		TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1\" fill=\"%s\" data-package-point=\"\" data-x=\"",
			x, y, C_TEXT));
		TRY(h_exact(b, ypt[ia]));
		TRY(parley_buf__puts(b, "\" data-y=\""));
		TRY(h_exact(b, ypt[ib]));
		TRY(parley_buf__puts(b, "\"/>\n"));
		TRY(text_open(b, x + (x > PL + PW - 80 ? -12 : 12), y - 8, x > PL + PW - 80 ? "end" : NULL, 11, C_TEXT,
			"font-weight=\"bold\" " HALO));
		TRY(parley_buf__puts(b, "package</text>\n"));
	}

	/* legend */
	ly = PT + 4;
	TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">"
		"At the table</text>\n<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"gain at the package</text>\n", LX, ly, C_TEXT, W - 12, ly, C_MUTED));
	ly += 20;
	for (i = 0; i < 2; i++) {
		if (i == 1 && nmem < na) {
			ly += 6;
			TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">"
				"Others (not at the table)</text>\n", LX, ly, C_TEXT));
			ly += 20;
		}
		for (j = 0; j < na; j++) {
			const pk_actor *a = &ac[j];
			const char *col = a->member ? pk_colour[a->colour % 7] : C_OTHER;
			const char *dash = a->member ? pk_dash[(a->colour / 7 + a->colour) % 4] : "4 4";
			int dark = a->member ? pk_dark_text[a->colour % 7] : 1;
			if ((i == 0) != (a->member != 0))
				continue;
			TRY(parley_buf__printf(b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"%s\"%s%s%s/>\n", LX, ly - 4, LX + 28, ly - 4, col, a->member ? "2.2" : "1.2",
				*dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : ""));
			TRY(parley_buf__printf(b, "<circle cx=\"%.0f\" cy=\"%.1f\" r=\"8.5\" fill=\"%s\"/>\n<text x=\"%.0f\" "
				"y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"%s\">%zu</text>\n",
				LX + 44, ly - 4, col, LX + 44, ly - 0.5, dark ? "#ffffff" : C_TEXT, j + 1));
			TRY(text_fit(b, LX + 58, ly, NULL, 12, a->member ? C_TEXT : C_MUTED, NULL, rj_actor_name(c, a->id),
				W - LX - 58 - 70));
			if (a->has_gain) {
				TRY(text_open(b, W - 12, ly, "end", 12, a->gain < 0 ? C_DOWN : C_TEXT, NULL));
				TRY(parley_buf__printf(b, "%s%.3f</text>\n", a->gain > 0 ? "+" : "", a->gain));
			}
			if (!a->has[ia] || !a->has[ib] || !(a->k2 > 0)) {
				ly += 14;
				TRY(text_open(b, LX + 58, ly, NULL, 10.5, C_MUTED, NULL));
				TRY(parley_buf__puts(b, !(a->k2 > 0) ? "prefers the status quo everywhere here" :
					!a->has[ia] && !a->has[ib] ? "no stance on these two issues" :
					"no stance on one of them: a band"));
				TRY(parley_buf__puts(b, "</text>\n"));
			}
			ly += 19;
		}
	}
	ly += 8;
	TRY(parley_buf__printf(b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"%s\" fill-opacity=\"0.16\" "
		"stroke=\"%s\" stroke-opacity=\"0.4\"/>\n", LX, ly - 11, C_PREF, C_PREF));
	TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">every member prefers it to the status quo</text>\n",
		LX + 36, ly, C_TEXT));
	ly += 19;
	TRY(parley_buf__printf(b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"%s\" fill-opacity=\"0.55\"/>\n",
		LX, ly - 11, C_PREF));
	TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">\xe2\x80\xa6 and it lies inside "
		"every member's red lines</text>\n", LX + 36, ly, C_TEXT));
	ly += 19;
	TRY(parley_buf__printf(b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"none\" stroke=\"%s\" "
		"stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>\n<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">"
		"the members' red lines</text>\n", LX, ly - 11, C_DARK, LX + 36, ly, C_TEXT));
	ly += 19;
	TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" height=\"11\" fill=\"#ffffff\" stroke=\"%s\" "
		"stroke-width=\"2\"/>\n<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">status quo</text>\n",
		LX + 8.5, ly - 10, C_TEXT, LX + 36, ly, C_TEXT));
	TRY(marker_c(b, 4, C_TEXT, LX + 90 + 14, ly - 4.5, 7, NULL));
	TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">representative package</text>\n",
		LX + 90 + 28, ly, C_TEXT));
	ly += 22;
	{
		/* the slice: where the other linked issues are held */
		parley_buf sl = PARLEY_BUF_INIT;
		rstr t, l1, l2;
		size_t n = 0;
		error = parley_buf__puts(&sl, has_pkg ? "Other linked issues held at the package: " :
			"Other linked issues held at the status quo: ");
		for (p = 0; !error && p < k; p++) {
			if (p == ia || p == ib)
				continue;
			error = parley_buf__puts(&sl, n++ ? "; " : "");
			if (!error)
				error = rput(&sl, pi[p].title);
			if (!error)
				error = parley_buf__puts(&sl, " ");
			if (!error)
				error = h_num(&sl, ypt[p], dec);
		}
		if (!error && n) {
			t.p = sl.ptr;
			t.n = sl.size;
			for (i = 0; !error && t.p && i < 4; i++, ly += 15) {
				wrap2(t, 11, W - LX - 12, &l1, &l2);
				error = text_fit(b, LX, ly, NULL, 11, C_MUTED, NULL, l1, W - LX - 12);
				t = l2;
			}
		}
		parley_buf_dispose(&sl);
		if (error < 0)
			goto done;
	}
	TRY(parley_buf__puts(b, "</g>\n</g>\n</svg>\n"));
#undef SX
#undef SY
done:
	parley__free(ac);
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
nothing:
	parley__free(ac);
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return 1;
}

/* ---- ledger: calibration ---- */

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
#define CX(p) (PL + clampd((p), 0, 1) * PS)
#define CY(p) (PT + PS - clampd((p), 0, 1) * PS)
	TRY(parley_buf__puts(&title, "Calibration: forecast probability against how often it happened"));
	TRY(parley_buf__puts(&desc, "For each forecaster, its forecasts of resolved yes/no questions grouped in "
		"bins of probability: the mean forecast of each bin across, the share that happened up; perfectly "
		"calibrated forecasts lie on the diagonal."));
	for (s = 0; s < shown; s++) {
		TRY(parley_buf__puts(&desc, " "));
		TRY(rput(&desc, series[s].name));
		TRY(parley_buf__puts(&desc, ":"));
		for (k = 0; k < series[s].nbins; k++) {
			if (!(series[s].count[k] > 0) || !isfinite(series[s].mean_p[k]) || !isfinite(series[s].observed[k]))
				continue;
			TRY(parley_buf__printf(&desc, " %.0f at ", series[s].count[k]));
			TRY(h_pct(&desc, series[s].mean_p[k]));
			TRY(parley_buf__puts(&desc, " happened "));
			TRY(h_pct(&desc, series[s].observed[k]));
			TRY(parley_buf__puts(&desc, ","));
		}
		if (desc.size && desc.ptr[desc.size - 1] == ',')
			desc.ptr[--desc.size] = '\0';
		TRY(parley_buf__puts(&desc, "."));
	}
	TRY(svg_open(c, b, h, "calibration", NULL, &title, &desc));
	TRY(parley_buf__printf(b, "<text x=\"12\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"%s\">"
		"Calibration: do 70%% forecasts come true 70%% of the time?</text>\n", C_TEXT));
	for (k = 0; k <= 10; k++) {
		t = (double)k / 10;
		TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n"
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			CX(t), PT, CX(t), PT + PS, C_GRID, PL, CY(t), PL + PS, CY(t), C_GRID));
		if (k % 2 == 0) {
			TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" "
				"fill=\"%s\">%.0f%%</text>\n", CX(t), PT + PS + 16, C_MUTED, t * 100));
			TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" "
				"fill=\"%s\">%.0f%%</text>\n", PL - 6, CY(t) + 4, C_MUTED, t * 100));
		}
	}
	TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"%s\"/>\n",
		PL, PT, PS, PS, C_TEXT));
	TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\" "
		"stroke-dasharray=\"6 4\" data-diagonal=\"\"/>\n", CX(0), CY(0), CX(1), CY(1), C_MUTED));
	TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-style=\"italic\" fill=\"%s\" "
		"transform=\"rotate(-45 %.1f %.1f)\" text-anchor=\"middle\">perfect calibration</text>\n",
		CX(0.72), CY(0.72) - 6, C_MUTED, CX(0.72), CY(0.72) - 6));
	TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\" "
		"fill=\"%s\">forecast probability (mean of each bin)</text>\n", PL + PS / 2, PT + PS + 36, C_TEXT));
	TRY(parley_buf__printf(b, "<text x=\"20\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\" "
		"fill=\"%s\" transform=\"rotate(-90 20 %.1f)\">share that happened</text>\n", PT + PS / 2, C_TEXT,
		PT + PS / 2));
	TRY(text_open(b, PL + 8, PT + 16, NULL, 11, C_MUTED, NULL));
	TRY(parley_buf__puts(b, "above the diagonal: happened more often than forecast</text>\n"));
	TRY(text_open(b, PL + PS - 8, PT + PS - 8, "end", 11, C_MUTED, NULL));
	TRY(parley_buf__puts(b, "below: less often</text>\n"));

	for (s = 0; s < shown; s++) {
		const rcal *r = &series[s];
		TRY(parley_buf__puts(b, "<g data-series=\""));
		TRY(h_esc(b, r->name));
		TRY(parley_buf__printf(b, "\" data-kind=\"%s\">\n", r->model ? "model" : "person"));
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
			TRY(marker_c(b, (int)s % 6, colours[s], CX(r->mean_p[k]), CY(r->observed[k]), rad, extra));
			TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\" %s>%.0f</text>\n",
				CX(r->mean_p[k]) + rad + 3, CY(r->observed[k]) - rad * 0.4 - 2, C_TEXT, HALO, r->count[k]));
		}
		TRY(parley_buf__puts(b, "</g>\n"));
	}
	/* legend */
	ly = PT + 4;
	TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">Forecaster"
		"</text>\n<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">forecasts, Brier</text>\n",
		LX, ly, C_TEXT, W - 12, ly, C_MUTED));
	ly += 26;
	for (s = 0; s < shown; s++) {
		const rcal *r = &series[s];
		TRY(marker_c(b, (int)s % 6, colours[s], LX + 10, ly - 4, 7, NULL));
		TRY(text_fit(b, LX + 26, ly, NULL, 12, C_TEXT, NULL, r->name, W - LX - 26 - 110));
		TRY(text_open(b, W - 12, ly, "end", 12, C_TEXT, NULL));
		TRY(parley_buf__printf(b, "%.0f", r->n));
		if (isfinite(r->brier))
			TRY(parley_buf__printf(b, ", %.3f", r->brier));
		TRY(parley_buf__puts(b, "</text>\n"));
		ly += 36;
	}
	if (n > shown) {
		TRY(text_open(b, LX, ly, NULL, 11, C_MUTED, NULL));
		TRY(parley_buf__printf(b, "\xe2\x80\xa6 %zu more in the table</text>\n", n - shown));
		ly += 20;
	}
	TRY(text_open(b, LX, ly + 6, NULL, 11, C_MUTED, NULL));
	TRY(parley_buf__puts(b, "A marker's area grows with its bin's forecasts</text>\n"));
	TRY(text_open(b, LX, ly + 22, NULL, 11, C_MUTED, NULL));
	TRY(parley_buf__puts(b, "(the number beside it). Brier: 0 is perfect,</text>\n"));
	TRY(text_open(b, LX, ly + 38, NULL, 11, C_MUTED, NULL));
	TRY(parley_buf__puts(b, "0.25 is always saying 50%.</text>\n"));
	TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
#undef CX
#undef CY
done:
	parley_buf_dispose(&title);
	parley_buf_dispose(&desc);
	return error;
}
