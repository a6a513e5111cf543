/*
 * chart_positions.c - the positions chart of an issue: one lane per actor
 * (a circle at its position, its area proportional to capability x
 * salience, its red line as a bar), one lane per model (its forecast as a
 * marker), and lanes for what every red line admits, what each venue can
 * pass and each body ratify, over the named zones and the status quo, on
 * the issue's scale.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_charts.h"

/* One end of an interval bar: filled when closed, hollow when open. */
static int bar_end(parley_buf *b, double x, double y, int open, const char *col)
{
	return parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"%s\" "
		"stroke-width=\"1.5\"/>\n", x, y, open ? "#ffffff" : col, col);
}

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

/* A lane of kind `kind` for the interval `member` of `obj` (with its
 * openness), named `label`. */
static ilane lane_of(rctx *c, jnode *obj, const char *kind, rstr id, rstr label, const char *member)
{
	ilane l;
	memset(&l, 0, sizeof(l));
	l.kind = kind;
	l.id = id;
	l.label = label;
	l.has = parley__rj_pair(c, parley__rj_get(obj, member), &l.lo, &l.hi);
	parley__rj_open(c, obj, member, &l.lo_open, &l.hi_open);
	return l;
}

/* Heights of an actor's, a model's and an interval's lane, and of a group's heading. */
static const double ah = 26, mh = 24, ih = 24, gh = 22;

/* The chart being drawn: the issue, its lanes and the layout. */
typedef struct {
	rctx *c;
	const rissue *is;
	jnode *actors, *models, *fz, *venues, *bodies, *zones;
	size_t na, nl, al, nmodels;  /* actors, interval lanes (and allocated), models shown */
	ilane *lanes;
	double wmax;                 /* the largest capability x salience */
	double lw, rw;               /* label column, number column */
	double top, lanes_top, axis_y, h;
	xaxis ax;
} pos_chart;

/* The interval lanes: what every red line admits, what each venue can
 * pass, what each body would ratify. */
static int pos_lanes(pos_chart *P)
{
	rctx *c = P->c;
	jnode *fz = P->fz, *v;
	void *iter;
	rstr key, none = { NULL, 0 };
	ilane l;
	int error = 0;

	/* institutional lanes: every red line, venues, ratification */
	if (fz) {
		l = lane_of(c, fz, "acceptable", none, parley__rstr_z("Every red line admits"), "acceptable");
		l.note = parley__rstr_z("nothing: the red lines do not overlap");
		PARLEY_TRY(ilane_add(&P->lanes, &P->nl, &P->al, &l));
	}
	iter = NULL;
	while ((v = parley__rj_next(P->venues, &iter, &key)) != NULL) {
		l = lane_of(c, v, "venue", key, parley__rj_venue_name(c, key), "change");
		l.has_pass = parley__rj_pair(c, parley__rj_get(v, "passable"), &l.plo, &l.phi);
		l.note = parley__rstr_z(l.has_pass ? "beats the status quo only outside its members' red lines" :
			"no change can pass");
		PARLEY_TRY(ilane_add(&P->lanes, &P->nl, &P->al, &l));
	}
	iter = NULL;
	while ((v = parley__rj_next(P->bodies, &iter, &key)) != NULL) {
		l = lane_of(c, v, "ratifiable", key, parley__rj_body_name(c, key), "ratifiable");
		l.note = parley__rstr_z("nothing it would ratify");
		PARLEY_TRY(ilane_add(&P->lanes, &P->nl, &P->al, &l));
	}
done:
	return error;
}

/* The layout: the label column fits the widest label; the lanes' heights. */
static void pos_layout(pos_chart *P)
{
	rctx *c = P->c;
	const rissue *is = P->is;
	size_t k, m;

	/* label column: the widest lane label */
	for (k = 0; k < P->na; k++) {
		jnode *a = parley__rj_at(P->actors, k);
		double cap = 0, sal = 0;
		P->lw = fmax(P->lw, parley__svg_text_w(parley__rj_actor_name(c, parley__rj_str_at(c, a, "id")), 12) + 24);
		if (parley__rj_nonneg_at(c, a, "capability", &cap) && parley__rj_nonneg_at(c, a, "salience", &sal))
			P->wmax = fmax(P->wmax, cap * sal);
	}
	for (m = 0; m < c->nmodels; m++)
		if (parley__rj_get(P->models, c->models[m].id)) {
			P->nmodels++;
			P->lw = fmax(P->lw, parley__svg_text_w(parley__rstr_z(c->models[m].title), 12) + 24);
		}
	for (k = 0; k < P->nl; k++)
		P->lw = fmax(P->lw, parley__svg_text_w(P->lanes[k].label, 11) + 24);
	P->lw = fmin(P->lw, 330);
	P->ax.lo = is->lo;
	P->ax.hi = is->hi;
	P->ax.x0 = P->lw + 14;
	P->ax.x1 = SVG_W - P->rw - 14;

	P->top = 8;
	P->lanes_top = P->top + (parley__rj_len(P->zones) ? ZONE_H + 4 : 0) + 18;
	P->h = P->lanes_top + gh + (double)P->na * ah + (P->nmodels ? gh + (double)P->nmodels * mh : 0) +
		(P->nl ? gh + (double)P->nl * ih : 0);
	P->axis_y = P->h + 4;
	P->h = P->axis_y + 50;
}

/* The chart's title and its text alternative. */
static int pos_describe(const void *chart, parley_buf *title, parley_buf *desc)
{
	const pos_chart *P = chart;
	rctx *c = P->c;
	const rissue *is = P->is;
	jnode *actors = P->actors, *models = P->models;
	const ilane *lanes = P->lanes;
	size_t k, m, na = P->na, nl = P->nl;
	int error;

	/* title and text alternative */
	PARLEY_TRY(parley_buf__puts(title, "Positions and forecasts: "));
	PARLEY_TRY(parley__svg_put(title, is->title));
	PARLEY_TRY(parley_buf__printf(desc, "Scale from "));
	PARLEY_TRY(parley__html_num(desc, is->lo, is->dec));
	PARLEY_TRY(parley_buf__puts(desc, " to "));
	PARLEY_TRY(parley__html_num(desc, is->hi, is->dec));
	if (is->has_sq) {
		PARLEY_TRY(parley_buf__puts(desc, "; status quo "));
		PARLEY_TRY(parley__html_num(desc, is->sq, is->dec));
	}
	PARLEY_TRY(parley_buf__puts(desc, ". Actors' positions: "));
	for (k = 0; k < na; k++) {
		jnode *a = parley__rj_at(actors, k);
		double pos;
		if (!parley__rj_num_at(c, a, "position", &pos))
			continue;
		PARLEY_TRY(parley_buf__puts(desc, k ? ", " : ""));
		PARLEY_TRY(parley__svg_put(desc, parley__rj_actor_name(c, parley__rj_str_at(c, a, "id"))));
		PARLEY_TRY(parley_buf__puts(desc, " "));
		PARLEY_TRY(parley__html_num(desc, pos, is->dec));
	}
	PARLEY_TRY(parley_buf__puts(desc, ". Forecasts: "));
	for (m = 0, k = 0; m < c->nmodels; m++) {
		double f;
		if (!parley__rj_num_at(c, parley__rj_get(models, c->models[m].id), "forecast", &f))
			continue;
		PARLEY_TRY(parley_buf__printf(desc, "%s%s ", k++ ? ", " : "", c->models[m].title));
		PARLEY_TRY(parley__html_num(desc, f, is->dec));
	}
	PARLEY_TRY(parley_buf__puts(desc, "."));
	for (k = 0; k < nl; k++) {
		PARLEY_TRY(parley_buf__puts(desc, " "));
		PARLEY_TRY(parley__svg_put(desc, lanes[k].label));
		PARLEY_TRY(parley_buf__puts(desc, ": "));
		if (lanes[k].has)
			PARLEY_TRY(parley__html_interval(desc, lanes[k].lo, lanes[k].hi, lanes[k].lo_open, lanes[k].hi_open, is->dec));
		else
			PARLEY_TRY(parley__svg_put(desc, lanes[k].note));
		PARLEY_TRY(parley_buf__puts(desc, "."));
	}
done:
	return error;
}

/* The background: zones, what every red line admits, grid and axis, what
 * the ends of the scale mean, and the status quo under the marks. */
static int pos_background(const pos_chart *P, parley_buf *b)
{
	rctx *c = P->c;
	const rissue *is = P->is;
	const xaxis ax = P->ax;
	jnode *zones = P->zones;
	const ilane *lanes = P->lanes;
	size_t na = P->na, nl = P->nl, nmodels = P->nmodels;
	double top = P->top, lanes_top = P->lanes_top, axis_y = P->axis_y;
	int error = 0;

	/* background: zones, what every red line admits, grid and axis */
	if (parley__rj_len(zones))
		PARLEY_TRY(parley__svg_zone_strip(c, b, is, &ax, top, axis_y));
	if (nl && lanes[0].has)
		PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			"fill-opacity=\"0.12\" data-acceptable=\"true\"/>\n", parley__svg_x(&ax, lanes[0].lo), lanes_top,
			fmax(parley__svg_x(&ax, lanes[0].hi) - parley__svg_x(&ax, lanes[0].lo), 1),
			gh + (double)na * ah + (nmodels ? gh + (double)nmodels * mh : 0), C_OK));
	PARLEY_TRY(parley__svg_axis_ticks(c, b, is, &ax, lanes_top, axis_y, 1));
	{
		/* what the ends of the scale mean */
		jnode *lab = parley__rj_arr_at(c, is->issue, "labels");
		size_t n = parley__rj_len(lab);
		double at;
		double half = (ax.x1 - ax.x0) / 2 - 10;
		if (n && parley__rj_num_at(c, parley__rj_at(lab, 0), "at", &at) && at == is->lo)
			PARLEY_TRY(parley__svg_text_fit(b, ax.x0 - 8, axis_y + 38, NULL, 11, C_MUTED, NULL,
				parley__rj_str_at(c, parley__rj_at(lab, 0), "text"), half));
		if (n > 1 && parley__rj_num_at(c, parley__rj_at(lab, n - 1), "at", &at) && at == is->hi)
			PARLEY_TRY(parley__svg_text_fit(b, ax.x1 + 8, axis_y + 38, "end", 11, C_MUTED, NULL,
				parley__rj_str_at(c, parley__rj_at(lab, n - 1), "text"), half));
	}

	/* the status quo, under the marks */
	if (is->has_sq) {
		double x = parley__svg_x(&ax, is->sq);
		int right = x > (ax.x0 + ax.x1) / 2 + 100;
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"1.5\" stroke-dasharray=\"5 4\" data-status-quo=\"", x, lanes_top - 16, x, axis_y, C_TEXT));
		PARLEY_TRY(parley__html_exact(b, is->sq));
		PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
		PARLEY_TRY(parley__svg_text_open(b, right ? x - 5 : x + 5, lanes_top - 5, right ? "end" : NULL, 11, C_TEXT, HALO));
		PARLEY_TRY(parley_buf__puts(b, "status quo "));
		PARLEY_TRY(parley__html_num(b, is->sq, is->dec));
		PARLEY_TRY(parley_buf__puts(b, "</text>\n"));
	}
done:
	return error;
}

/* The actors' lanes from *y (the top of the lanes): position, weight, red line. */
static int pos_actors(const pos_chart *P, parley_buf *b, double *py)
{
	rctx *c = P->c;
	const rissue *is = P->is;
	const xaxis ax = P->ax;
	jnode *actors = P->actors;
	size_t k, na = P->na;
	double y = *py, wmax = P->wmax, lw = P->lw;
	int error;

	/* actors */
	PARLEY_TRY(parley__svg_text_open(b, 10, y + 15, NULL, 12, C_TEXT, "font-weight=\"bold\""));
	PARLEY_TRY(parley_buf__puts(b, "Actors</text>\n"));
	PARLEY_TRY(parley__svg_text_open(b, ax.x0, y + 15, NULL, 11, C_MUTED, HALO));
	PARLEY_TRY(parley_buf__puts(b, "circle area \xe2\x88\x9d capability \xc3\x97 salience; grey bar: the actor's red line (what it can accept)</text>\n"));
	PARLEY_TRY(parley__svg_text_open(b, SVG_W - 10, y + 15, "end", 11, C_MUTED, NULL));
	PARLEY_TRY(parley_buf__puts(b, "position</text>\n"));
	y += gh;
	for (k = 0; k < na; k++, y += ah) {
		jnode *a = parley__rj_at(actors, k);
		rstr id = parley__rj_str_at(c, a, "id");
		double pos = 0, cap = 0, sal = 0, rlo, rhi, r, cy = y + ah / 2;
		int has_pos = parley__rj_num_at(c, a, "position", &pos);
		parley__rj_nonneg_at(c, a, "capability", &cap);
		parley__rj_nonneg_at(c, a, "salience", &sal);
		if (parley__rj_is_null(parley__rj_get(a, "id")))
			parley__rj_error(c, a, "\"id\": a string", "an actor without an id");
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"10\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f2f2f2\"/>\n",
			y + ah, SVG_W - 10, y + ah));
		PARLEY_TRY(parley__svg_text_fit(b, lw, cy + 4, "end", 12, C_TEXT, NULL, parley__rj_actor_name(c, id), lw - 14));
		if (parley__rj_pair(c, parley__rj_get(a, "red_line"), &rlo, &rhi)) {
			double xa = parley__svg_x(&ax, rlo), xb = parley__svg_x(&ax, rhi);
			PARLEY_TRY(parley_buf__printf(b, "<g data-red-line=\"\" data-lo=\""));
			PARLEY_TRY(parley__html_exact(b, rlo));
			PARLEY_TRY(parley_buf__puts(b, "\" data-hi=\""));
			PARLEY_TRY(parley__html_exact(b, rhi));
			PARLEY_TRY(parley_buf__printf(b, "\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#a6a6a6\" "
				"stroke-width=\"4\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"/></g>\n", xa, cy, xb, cy, xa, cy - 7, xa, cy + 7, C_MUTED,
				xb, cy - 7, xb, cy + 7, C_MUTED));
		}
		if (!has_pos) {
			if (parley__rj_is_null(parley__rj_get(a, "position")))
				parley__rj_error(c, a, "\"position\": a number", "an actor without a position");
			continue;
		}
		r = 3 + 8.5 * (wmax > 0 ? sqrt(fmax(cap * sal, 0) / wmax) : 0.5);
		PARLEY_TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"0.9\" "
			"stroke=\"%s\" stroke-width=\"1.2\" data-actor=\"", parley__svg_x(&ax, pos), cy, r, C_ACTOR, C_ACTOR_EDGE));
		PARLEY_TRY(parley__html_esc(b, id));
		PARLEY_TRY(parley_buf__puts(b, "\" data-position=\""));
		PARLEY_TRY(parley__html_exact(b, pos));
		PARLEY_TRY(parley_buf__puts(b, "\" data-weight=\""));
		PARLEY_TRY(parley__html_exact(b, cap * sal));
		PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
		PARLEY_TRY(parley__svg_text_num(b, SVG_W - 10, cy + 4, "end", 12, C_TEXT, NULL, pos, is->dec));
	}
	*py = y;
done:
	return error;
}

/* The models' lanes from *y: each forecast as the model's marker. */
static int pos_models(const pos_chart *P, parley_buf *b, double *py)
{
	rctx *c = P->c;
	const xaxis ax = P->ax;
	size_t m;
	double y = *py, lw = P->lw;
	int error = 0;

	/* models */
	if (P->nmodels) {
		PARLEY_TRY(parley__svg_text_open(b, 10, y + 15, NULL, 12, C_TEXT, "font-weight=\"bold\""));
		PARLEY_TRY(parley_buf__puts(b, "Forecasts</text>\n"));
		PARLEY_TRY(parley__svg_text_open(b, SVG_W - 10, y + 15, "end", 11, C_MUTED, NULL));
		PARLEY_TRY(parley_buf__puts(b, "forecast</text>\n"));
		y += gh;
	}
	for (m = 0; m < c->nmodels; m++) {
		jnode *mo = parley__rj_get(P->models, c->models[m].id);
		double f, lo, hi, cy = y + mh / 2;
		int tie = 0;
		if (!mo)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"10\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f2f2f2\"/>\n",
			y + mh, SVG_W - 10, y + mh));
		PARLEY_TRY(parley__svg_text_fit(b, lw, cy + 4, "end", 12, C_TEXT, NULL,
			parley__rstr_z(c->models[m].title), lw - 14));
		if (!parley__rj_num_at(c, mo, "forecast", &f)) {
			PARLEY_TRY(parley__svg_text_open(b, SVG_W - 10, cy + 4, "end", 12, C_MUTED, NULL));
			PARLEY_TRY(parley_buf__puts(b, "n/a</text>\n"));
			PARLEY_TRY(parley__svg_text_fit(b, ax.x0, cy + 4, NULL, 11, C_MUTED, "font-style=\"italic\" " HALO,
				parley__rj_str_at(c, mo, "error"), ax.x1 - ax.x0));
			y += mh;
			continue;
		}
		parley__rj_bool_at(c, mo, "tie", &tie);
		if (tie && parley__rj_pair(c, parley__rj_get(mo, "interval"), &lo, &hi))
			PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"4\" stroke-opacity=\"0.5\" data-tie=\"\"/>\n", parley__svg_x(&ax, lo), cy, parley__svg_x(&ax, hi), cy,
				c->models[m].colour));
		{
			parley_buf ex = PARLEY_BUF_INIT;
			int e2 = parley_buf__printf(&ex, "data-model=\"%s\" data-forecast=\"", c->models[m].id);
			if (e2 == 0)
				e2 = parley__html_exact(&ex, f);
			if (e2 == 0)
				e2 = parley_buf__puts(&ex, "\"");
			if (e2 == 0)
				e2 = parley__svg_marker(c, b, m, parley__svg_x(&ax, f), cy, 7, ex.ptr);
			parley_buf_dispose(&ex);
			PARLEY_TRY(e2);
		}
		PARLEY_TRY(parley__svg_text_num(b, SVG_W - 10, cy + 4, "end", 12, C_TEXT, NULL, f, P->is->dec));
		y += mh;
	}
	*py = y;
done:
	return error;
}

/* The interval lanes from y: red lines, venues, ratification. */
static int pos_intervals(const pos_chart *P, parley_buf *b, double y)
{
	const rissue *is = P->is;
	const xaxis ax = P->ax;
	const ilane *lanes = P->lanes;
	size_t k, nl = P->nl;
	double lw = P->lw;
	int error = 0;

	/* red lines, venues, ratification */
	if (nl) {
		PARLEY_TRY(parley__svg_text_open(b, 10, y + 15, NULL, 12, C_TEXT, "font-weight=\"bold\""));
		PARLEY_TRY(parley_buf__puts(b, "Is an agreement possible?</text>\n"));
		PARLEY_TRY(parley__svg_text_open(b, ax.x0, y + 15, NULL, 11, C_MUTED, HALO));
		PARLEY_TRY(parley_buf__puts(b, "venues: light, beats the status quo under the rule; dark, also within the members' red lines; "
			"\xe2\x97\x8b open end</text>\n"));
		y += gh;
	}
	for (k = 0; k < nl; k++, y += ih) {
		const ilane *l = &lanes[k];
		double cy = y + ih / 2;
		const char *col = !strcmp(l->kind, "acceptable") ? C_OK : C_DARK;
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"10\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f2f2f2\"/>\n",
			y + ih, SVG_W - 10, y + ih));
		PARLEY_TRY(parley__svg_text_fit(b, lw, cy + 4, "end", 11, C_TEXT, NULL, l->label, lw - 14));
		PARLEY_TRY(parley_buf__printf(b, "<g data-interval=\"%s\"", l->kind));
		if (l->id.p) {
			PARLEY_TRY(parley__html_wrap(b, " data-id=\"", l->id, "\""));
		}
		if (l->has) {
			PARLEY_TRY(parley_buf__puts(b, " data-lo=\""));
			PARLEY_TRY(parley__html_exact(b, l->lo));
			PARLEY_TRY(parley_buf__puts(b, "\" data-hi=\""));
			PARLEY_TRY(parley__html_exact(b, l->hi));
			PARLEY_TRY(parley_buf__puts(b, "\""));
		}
		PARLEY_TRY(parley_buf__puts(b, ">\n"));
		if (l->has_pass)
			PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"%s\" "
				"stroke=\"#a6a6a6\"/>\n", parley__svg_x(&ax, l->plo), cy - 6,
				fmax(parley__svg_x(&ax, l->phi) - parley__svg_x(&ax, l->plo), 1), C_LIGHT));
		if (l->has) {
			double xa = parley__svg_x(&ax, l->lo), xb = parley__svg_x(&ax, l->hi);
			PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"8\" fill=\"%s\"/>\n",
				xa, cy - 4, fmax(xb - xa, 1), col));
			PARLEY_TRY(bar_end(b, xa, cy, l->lo_open, col));
			PARLEY_TRY(bar_end(b, xb, cy, l->hi_open, col));
			PARLEY_TRY(parley__svg_text_open(b, SVG_W - 10, cy + 4, "end", 12, C_TEXT, NULL));
			PARLEY_TRY(parley__html_interval(b, l->lo, l->hi, l->lo_open, l->hi_open, is->dec));
			PARLEY_TRY(parley_buf__puts(b, "</text>\n"));
		} else {
			double x = is->has_sq ? parley__svg_x(&ax, is->sq) + 8 : ax.x0;
			const char *anchor = NULL;
			if (x > (ax.x0 + ax.x1) / 2) {
				x -= 16;
				anchor = "end";
			}
			PARLEY_TRY(parley__svg_text_fit(b, x, cy + 4, anchor, 11, C_MUTED, "font-style=\"italic\" " HALO, l->note,
				(ax.x1 - ax.x0) * 0.6));
			PARLEY_TRY(parley__svg_text_open(b, SVG_W - 10, cy + 4, "end", 12, C_MUTED, NULL));
			PARLEY_TRY(parley_buf__puts(b, "none</text>\n"));
		}
		PARLEY_TRY(parley_buf__puts(b, "</g>\n"));
	}
done:
	return error;
}

int parley_report__svg_positions(rctx *c, parley_buf *b, const rissue *is)
{
	pos_chart chart, *P = &chart;
	double y;
	int error = 0;

	memset(P, 0, sizeof(*P));
	P->c = c;
	P->is = is;
	P->actors = parley__rj_arr_at(c, is->issue, "actors");
	P->models = parley__rj_obj_at(c, is->issue, "models");
	P->fz = parley__rj_obj_at(c, is->issue, "feasibility");
	P->venues = parley__rj_obj_at(c, P->fz, "venues");
	P->bodies = parley__rj_obj_at(c, P->fz, "ratification");
	P->zones = parley__rj_arr_at(c, is->issue, "zones");
	P->na = parley__rj_len(P->actors);
	P->lw = 150;
	P->rw = 112;
	if (!P->na)
		return 1;
	PARLEY_TRY(pos_lanes(P));
	pos_layout(P);
	PARLEY_TRY(parley__svg_begin(c, b, P->h, "positions", is, pos_describe, P));
	PARLEY_TRY(pos_background(P, b));
	y = P->lanes_top;
	PARLEY_TRY(pos_actors(P, b, &y));
	PARLEY_TRY(pos_models(P, b, &y));
	PARLEY_TRY(pos_intervals(P, b, y));
	PARLEY_TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley__free(P->lanes);
	return error;
}
