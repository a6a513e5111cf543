/*
 * chart_package.c - a package deal on two of its linked issues: the
 * members' ideal points and indifference curves through the status quo
 * (the other linked issues held at the package), the region every member
 * prefers, inside every red line or not, the status quo and the package.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "parley/packages.h"
#include "report_charts.h"

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
/* the plot's left, top, width and height, and the legend's left (pixels) */
static const double PL = 92, PT = 58, PW = 430, PH = 430, LX = 592;

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

/* An actor's loss (salience-weighted, loss `e`) at the point `pt` (one value
 * per linked issue) on the issues where `use` is set (NULL: all): the
 * package utility of the library, parley_package_utility(), negated. */
static double pk_loss(const pk_actor *a, const pk_issue *pi, size_t k, const double *pt, const int *use, int e)
{
	double s[PK_MAXI], lo[PK_MAXI], hi[PK_MAXI], u = 0;
	size_t p;
	for (p = 0; p < k; p++) {
		s[p] = a->has[p] && (!use || use[p]) ? a->s[p] : 0;
		lo[p] = pi[p].lo;
		hi[p] = pi[p].hi;
	}
	if (parley_package_utility(&u, pt, a->x, s, lo, hi, k, e) < 0)
		return NAN; /* not reached: scales, points and saliences are checked on reading */
	return 0.0 - u;
}

/* Whether actor `a` strictly prefers (u, v) on issues ia, ib, the others
 * in the slice, to the status quo; 1 also for a member indifferent
 * everywhere in the slice (it neither votes nor blocks). */
static int pk_prefers(const pk_actor *a, const pk_issue *pi, size_t k, size_t ia, size_t ib, double u, double v,
	int e)
{
	double pt[PK_MAXI];
	int use[PK_MAXI];
	size_t p;
	int any = (a->has[ia] && a->s[ia] > 0) || (a->has[ib] && a->s[ib] > 0);
	for (p = 0; p < k; p++) {
		pt[p] = p == ia ? u : p == ib ? v : pi[p].sq;
		use[p] = p == ia || p == ib;
	}
	if (!any && fabs(a->k2) <= 1e-12)
		return 1;
	return pk_loss(a, pi, k, pt, use, e) < a->k2;
}

/* Append the cells of a grid over [xa, xb] x [ya, yb] (data units; a
 * degenerate side becomes one cell `minpx` pixels wide) where every member
 * prefers the point, as one path of runs per row. Returns the cell count
 * in *cells. */
static int pk_region(parley_buf *b, const pk_actor *ac, size_t na, const pk_issue *pi, size_t k, size_t ia, size_t ib,
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
					if (ac[m].member && !pk_prefers(&ac[m], pi, k, ia, ib, u, v, e))
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
					PARLEY_TRY(parley_buf__printf(b, "<path %s d=\"", attrs));
				PARLEY_TRY(parley_buf__printf(b, "M%.2f %.2fH%.2fV%.2fH%.2fZ", x0, ytop, x1, ybot, x0));
				*cells += i - run;
				run = (size_t)-1;
			}
		}
	}
	if (any)
		PARLEY_TRY(parley_buf__printf(b, "\" data-cells=\"%zu\"/>\n", *cells));
done:
	return error;
}

/* The chart being drawn: the package's linked issues, the actors with a
 * stance on them, and the slice on the two issues of the axes. */
typedef struct {
	rctx *c;
	rstr pid, pname, venue;
	size_t k, ia, ib;            /* linked issues; those across and up */
	pk_issue pi[PK_MAXI];
	double qpt[PK_MAXI], ypt[PK_MAXI]; /* the status quo; the package (the status quo without one) */
	int e;                       /* the loss: 1 linear, 2 quadratic */
	int has_pkg, inside;         /* a package; every member prefers it */
	pk_actor *ac;
	size_t na, alloc, nmem;
	double box[4];               /* the members' red lines on ia, ib: x lo, x hi, y lo, y hi */
	int box_ok;                  /* they overlap */
	double wa, wb;               /* widths of the two scales */
	int dec;                     /* decimals for reading */
	double h;                    /* height of the chart */
} pk_chart;

static double pk_sx(const pk_chart *P, double u)
{
	const pk_issue *a = &P->pi[P->ia];
	return PL + (parley__svg_clamp(u, a->lo, a->hi) - a->lo) / P->wa * PW;
}

static double pk_sy(const pk_chart *P, double v)
{
	const pk_issue *a = &P->pi[P->ib];
	return PT + PH - (parley__svg_clamp(v, a->lo, a->hi) - a->lo) / P->wb * PH;
}

#define SX(u) pk_sx(P, (u))
#define SY(v) pk_sy(P, (v))

/* The linked issues of the package (its "issues" over the result's
 * `issues`), their status quo and the package's terms: 1 when the chart
 * cannot be drawn (an issue without a scale or a status quo). */
static int pk_read_issues(pk_chart *P, jnode *ids, jnode *vals, jnode *issues)
{
	rctx *c = P->c;
	pk_issue *pi = P->pi;
	size_t p, i, k = P->k;

	memset(pi, 0, sizeof(P->pi));
	for (p = 0; p < k; p++) {
		rstr id = parley__rj_str(c, parley__rj_at(ids, p));
		for (i = 0; id.p && i < parley__rj_len(issues); i++) {
			jnode *is = parley__rj_at(issues, i);
			rstr iid = parley__rj_str_at(c, is, "id");
			if (iid.p && iid.n == id.n && !memcmp(iid.p, id.p, id.n))
				pi[p].obj = is;
		}
		pi[p].id = id;
		if (!pi[p].obj || !parley__rj_pair(c, parley__rj_get(pi[p].obj, "scale"), &pi[p].lo, &pi[p].hi) ||
		    !(pi[p].hi > pi[p].lo) || !isfinite(pi[p].hi - pi[p].lo))
			return 1;
		pi[p].title = parley__rj_str_at(c, pi[p].obj, "title");
		if (!pi[p].title.p)
			pi[p].title = id;
		pi[p].has_sq = parley__rj_num_at(c, pi[p].obj, "status_quo", &pi[p].sq);
		if (!pi[p].has_sq)
			return 1; /* a package is judged against the status quo */
		pi[p].y = pi[p].sq;
		if (vals && !parley__rj_num(c, parley__rj_get_n(vals, id), &pi[p].y))
			P->has_pkg = 0;
		P->qpt[p] = pi[p].sq;
	}
	if (!P->has_pkg)
		for (p = 0; p < k; p++)
			pi[p].y = pi[p].sq;
	for (p = 0; p < k; p++)
		P->ypt[p] = pi[p].y;
	return 0;
}

/* The actors with a stance on a linked issue, in the order they first appear. */
static int pk_read_actors(pk_chart *P)
{
	rctx *c = P->c;
	size_t p, i, j;

	for (p = 0; p < P->k; p++) {
		jnode *acts = parley__rj_arr_at(c, P->pi[p].obj, "actors");
		for (i = 0; i < parley__rj_len(acts); i++) {
			jnode *a = parley__rj_at(acts, i);
			rstr id = parley__rj_str_at(c, a, "id");
			double x, s, lo, hi;
			pk_actor *t = NULL;
			if (!id.p || !parley__rj_num_at(c, a, "position", &x) || !parley__rj_nonneg_at(c, a, "salience", &s))
				continue;
			for (j = 0; j < P->na; j++)
				if (P->ac[j].id.n == id.n && !memcmp(P->ac[j].id.p, id.p, id.n))
					t = &P->ac[j];
			if (!t) {
				if (P->na == P->alloc) {
					size_t nal = P->alloc ? P->alloc * 2 : 16;
					pk_actor *np = parley__realloc(P->ac, nal * sizeof(*np));
					if (!np)
						return PARLEY_ENOMEM;
					P->ac = np;
					P->alloc = nal;
				}
				t = &P->ac[P->na++];
				memset(t, 0, sizeof(*t));
				t->id = id;
			}
			t->has[p] = 1;
			t->x[p] = x;
			t->s[p] = fmax(s, 0) / 100;
			if (parley__rj_pair(c, parley__rj_get(a, "red_line"), &lo, &hi)) {
				t->has_rl[p] = 1;
				t->rl_lo[p] = lo;
				t->rl_hi[p] = hi;
			}
		}
	}
	return 0;
}

/* 1 when `id` is a string of the array `list`. */
static int pk_listed(rctx *c, jnode *list, rstr id)
{
	size_t i;
	int m = 0;
	for (i = 0; i < parley__rj_len(list); i++) {
		rstr mid = parley__rj_str(c, parley__rj_at(list, i));
		if (mid.p && mid.n == id.n && !memcmp(mid.p, id.p, mid.n))
			m = 1;
	}
	return m;
}

/* Actor j: whether it is at the table (the JSON's "members", else the
 * venue's members in the scenario, else everyone), its gain, and its
 * budget in the slice: the loss at the status quo less the loss on the
 * issues other than ia, ib at the package. */
static void pk_member(pk_chart *P, size_t j, jnode *members, jnode *gains)
{
	rctx *c = P->c;
	pk_actor *a = &P->ac[j];
	int m = 0, rest_use[PK_MAXI];
	size_t i, p;

	if (members) {
		m = pk_listed(c, members, a->id);
	} else {
		jnode *vv = NULL;
		for (i = 0; P->venue.p && i < parley__rj_len(c->names_venues); i++)
			if (parley__rj_str_at(c, parley__rj_at(c->names_venues, i), "id").n == P->venue.n &&
			    !memcmp(parley__rj_str_at(c, parley__rj_at(c->names_venues, i), "id").p, P->venue.p, P->venue.n))
				vv = parley__rj_arr_at(c, parley__rj_at(c->names_venues, i), "members");
		m = vv ? pk_listed(c, vv, a->id) : 1;
	}
	a->member = m;
	if (m)
		a->colour = (int)(P->nmem++);
	if (gains)
		a->has_gain = parley__rj_num(c, parley__rj_get_n(gains, a->id), &a->gain);
	for (p = 0; p < P->k; p++)
		rest_use[p] = p != P->ia && p != P->ib;
	a->k2 = pk_loss(a, P->pi, P->k, P->qpt, NULL, P->e) - pk_loss(a, P->pi, P->k, P->ypt, rest_use, P->e);
	if (a->member && P->has_pkg && !pk_prefers(a, P->pi, P->k, P->ia, P->ib, P->ypt[P->ia], P->ypt[P->ib], P->e))
		P->inside = 0;
}

/* The members' red lines on the two issues, and the scales' widths. */
static void pk_box(pk_chart *P)
{
	const pk_issue *pi = P->pi;
	size_t j, ia = P->ia, ib = P->ib;
	double *box = P->box;

	box[0] = pi[ia].lo;
	box[1] = pi[ia].hi;
	box[2] = pi[ib].lo;
	box[3] = pi[ib].hi;
	for (j = 0; j < P->na; j++) {
		const pk_actor *a = &P->ac[j];
		if (!a->member)
			continue;
		if (a->has_rl[ia]) {
			box[0] = fmax(box[0], a->rl_lo[ia]);
			box[1] = fmin(box[1], a->rl_hi[ia]);
		}
		if (a->has_rl[ib]) {
			box[2] = fmax(box[2], a->rl_lo[ib]);
			box[3] = fmin(box[3], a->rl_hi[ib]);
		}
	}
	P->box_ok = box[0] <= box[1] && box[2] <= box[3];
	P->wa = pi[ia].hi - pi[ia].lo;
	P->wb = pi[ib].hi - pi[ib].lo;
	P->dec = P->wa <= 20 || P->wb <= 20 ? 2 : 1;
}

/* The chart's title and its text alternative. */
static int pk_describe(const void *chart, parley_buf *title, parley_buf *desc)
{
	const pk_chart *P = chart;
	const pk_issue *pi = P->pi;
	size_t j, ia = P->ia, ib = P->ib;
	int error, dec = P->dec;

	PARLEY_TRY(parley_buf__puts(title, "Package "));
	PARLEY_TRY(parley__svg_put(title, P->pname.p ? P->pname : P->pid.p ? P->pid : parley__rstr_z("of linked issues")));
	PARLEY_TRY(parley_buf__puts(title, ": "));
	PARLEY_TRY(parley__svg_put(title, pi[ia].title));
	PARLEY_TRY(parley_buf__puts(title, " and "));
	PARLEY_TRY(parley__svg_put(title, pi[ib].title));
	PARLEY_TRY(parley_buf__puts(desc, "Two linked issues as axes: "));
	PARLEY_TRY(parley__svg_put(desc, pi[ia].title));
	PARLEY_TRY(parley_buf__puts(desc, " across, "));
	PARLEY_TRY(parley__svg_put(desc, pi[ib].title));
	PARLEY_TRY(parley_buf__puts(desc, " up. Status quo at "));
	PARLEY_TRY(parley__html_num(desc, pi[ia].sq, dec));
	PARLEY_TRY(parley_buf__puts(desc, ", "));
	PARLEY_TRY(parley__html_num(desc, pi[ib].sq, dec));
	if (P->has_pkg) {
		PARLEY_TRY(parley_buf__puts(desc, "; the representative package at "));
		PARLEY_TRY(parley__html_num(desc, P->ypt[ia], dec));
		PARLEY_TRY(parley_buf__puts(desc, ", "));
		PARLEY_TRY(parley__html_num(desc, P->ypt[ib], dec));
		PARLEY_TRY(parley_buf__puts(desc, P->inside ? ", where every member prefers it to the status quo" :
			", which not every member prefers to the status quo"));
	}
	PARLEY_TRY(parley_buf__puts(desc, ". Ideal points: "));
	for (j = 0; j < P->na; j++) {
		const pk_actor *a = &P->ac[j];
		PARLEY_TRY(parley_buf__puts(desc, j ? "; " : ""));
		PARLEY_TRY(parley__svg_put(desc, parley__rj_actor_name(P->c, a->id)));
		PARLEY_TRY(parley_buf__puts(desc, a->member ? " (at the table) " : " "));
		if (a->has[ia])
			PARLEY_TRY(parley__html_num(desc, a->x[ia], dec));
		else
			PARLEY_TRY(parley_buf__puts(desc, "none"));
		PARLEY_TRY(parley_buf__puts(desc, ", "));
		if (a->has[ib])
			PARLEY_TRY(parley__html_num(desc, a->x[ib], dec));
		else
			PARLEY_TRY(parley_buf__puts(desc, "none"));
	}
	PARLEY_TRY(parley_buf__puts(desc, ". Each actor's curve is where it likes the package as much as the status quo, "
		"with the other linked issues held at the package."));
done:
	return error;
}

/* The grid, the regions every member prefers (and inside their red lines),
 * and the members' red lines: a dashed box (a line or a point when they
 * meet at one value). */
static int pk_plot(const pk_chart *P, parley_buf *b)
{
	const pk_issue *pi = P->pi;
	const double *box = P->box;
	size_t p, i, ia = P->ia, ib = P->ib, cells = 0, dcells = 0;
	int error = 0;

	for (p = 0; p < 2; p++) {
		size_t q = p ? ib : ia;
		double step = parley__svg_nice_step(pi[q].hi - pi[q].lo, 5), t;
		for (i = 0; parley__svg_tick(pi[q].lo, pi[q].hi, step, i, &t); i++)
			PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				p ? PL : SX(t), p ? SY(t) : PT, p ? PL + PW : SX(t), p ? SY(t) : PT + PH, C_GRID));
	}
	PARLEY_TRY(pk_region(b, P->ac, P->na, pi, P->k, ia, ib, P->e, pi[ia].lo, pi[ia].hi, pi[ib].lo, pi[ib].hi, PL, PW, PT, PH,
		"fill=\"" C_PREF "\" fill-opacity=\"0.16\" data-region=\"preferred\"", &cells));
	if (P->box_ok)
		PARLEY_TRY(pk_region(b, P->ac, P->na, pi, P->k, ia, ib, P->e, box[0], box[1], box[2], box[3], PL, PW, PT, PH,
			"fill=\"" C_PREF "\" fill-opacity=\"0.55\" data-region=\"acceptable\"", &dcells));
	if (P->box_ok && (box[0] > pi[ia].lo || box[1] < pi[ia].hi || box[2] > pi[ib].lo || box[3] < pi[ib].hi)) {
		PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
			"stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\" data-red-lines=\"\" data-x-lo=\"",
			SX(box[0]) - (box[1] > box[0] ? 0 : 2), SY(box[3]) - (box[3] > box[2] ? 0 : 2),
			fmax(SX(box[1]) - SX(box[0]), 4), fmax(SY(box[2]) - SY(box[3]), 4), C_DARK));
		PARLEY_TRY(parley__html_exact(b, box[0]));
		PARLEY_TRY(parley_buf__puts(b, "\" data-x-hi=\""));
		PARLEY_TRY(parley__html_exact(b, box[1]));
		PARLEY_TRY(parley_buf__puts(b, "\" data-y-lo=\""));
		PARLEY_TRY(parley__html_exact(b, box[2]));
		PARLEY_TRY(parley_buf__puts(b, "\" data-y-hi=\""));
		PARLEY_TRY(parley__html_exact(b, box[3]));
		PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
	}
done:
	return error;
}

/* Actor a's indifference curve through the status quo in the slice: an
 * ellipse (quadratic loss) or a diamond (linear), a band when it has a
 * stance on one of the two issues only. */
static int pk_contour(const pk_chart *P, parley_buf *b, const pk_actor *a)
{
	const pk_issue *pi = P->pi;
	size_t ia = P->ia, ib = P->ib;
	double sa = a->has[ia] ? a->s[ia] : 0, sb = a->has[ib] ? a->s[ib] : 0, rx, ry, cx, cy;
	double wa = P->wa, wb = P->wb;
	const char *col = a->member ? pk_colour[a->colour % 7] : C_OTHER;
	const char *dash = a->member ? pk_dash[(a->colour / 7 + a->colour) % 4] : "4 4";
	char style[160];
	int error, e = P->e;

	snprintf(style, sizeof(style), "fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s%s%s",
		col, a->member ? "2.2" : "1.2", *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
	if (!(a->k2 > 0) || (!(sa > 0) && !(sb > 0)))
		return 0; /* prefers the status quo everywhere in the slice, or nowhere bound */
	rx = sa > 0 ? (e == 1 ? a->k2 / sa : sqrt(a->k2 / sa)) * PW : 0;
	ry = sb > 0 ? (e == 1 ? a->k2 / sb : sqrt(a->k2 / sb)) * PH : 0;
	cx = PL + (a->x[ia] - pi[ia].lo) / wa * PW;
	cy = PT + PH - (a->x[ib] - pi[ib].lo) / wb * PH;
	PARLEY_TRY(parley_buf__puts(b, "<g data-contour=\""));
	PARLEY_TRY(parley__html_esc(b, a->id));
	PARLEY_TRY(parley_buf__printf(b, "\" data-member=\"%d\" data-cx=\"", a->member));
	PARLEY_TRY(parley__html_exact(b, a->has[ia] ? a->x[ia] : NAN));
	PARLEY_TRY(parley_buf__puts(b, "\" data-cy=\""));
	PARLEY_TRY(parley__html_exact(b, a->has[ib] ? a->x[ib] : NAN));
	PARLEY_TRY(parley_buf__puts(b, "\" data-rx=\""));
	PARLEY_TRY(parley__html_exact(b, sa > 0 ? rx / PW * wa : INFINITY));
	PARLEY_TRY(parley_buf__puts(b, "\" data-ry=\""));
	PARLEY_TRY(parley__html_exact(b, sb > 0 ? ry / PH * wb : INFINITY));
	PARLEY_TRY(parley_buf__puts(b, "\">"));
	if (sa > 0 && sb > 0 && e == 2)
		PARLEY_TRY(parley_buf__printf(b, "<ellipse cx=\"%.2f\" cy=\"%.2f\" rx=\"%.2f\" ry=\"%.2f\" %s/>",
			cx, cy, rx, ry, style));
	else if (sa > 0 && sb > 0)
		PARLEY_TRY(parley_buf__printf(b, "<path d=\"M%.2f %.2fL%.2f %.2fL%.2f %.2fL%.2f %.2fZ\" %s/>",
			cx - rx, cy, cx, cy - ry, cx + rx, cy, cx, cy + ry, style));
	else if (sa > 0) /* no stance on the vertical issue: a band */
		PARLEY_TRY(parley_buf__printf(b, "<path d=\"M%.2f %.2fV%.2fM%.2f %.2fV%.2f\" %s/>",
			cx - rx, PT, PT + PH, cx + rx, PT, PT + PH, style));
	else
		PARLEY_TRY(parley_buf__printf(b, "<path d=\"M%.2f %.2fH%.2fM%.2f %.2fH%.2f\" %s/>",
			PL, cy - ry, PL + PW, PL, cy + ry, PL + PW, style));
	PARLEY_TRY(parley_buf__puts(b, "</g>\n"));
done:
	return error;
}

/* What reaches outside the frame is covered; the heading, the ticks'
 * numbers, the frame and the axes' titles. */
static int pk_axes(const pk_chart *P, parley_buf *b)
{
	const pk_issue *pi = P->pi;
	size_t p, i, ia = P->ia, ib = P->ib;
	int error;

	PARLEY_TRY(parley_buf__printf(b, "<path d=\"M0 0H%.0fV%.1fH0ZM0 %.1fH%.0fV%.0fH0ZM0 0H%.1fV%.0fH0ZM%.1f 0H%.0fV%.0fH%.1fZ\" "
		"fill=\"#ffffff\"/>\n", SVG_W, PT, PT + PH, SVG_W, P->h, PL, P->h, PL + PW, SVG_W, P->h, PL + PW));
	PARLEY_TRY(parley__svg_text_fit(b, 12, 20, NULL, 14, C_TEXT, "font-weight=\"bold\"", P->pname.p ? P->pname :
		P->pid.p ? P->pid : parley__rstr_z("Linked issues"), SVG_W - 24));
	{
		parley_buf sub = PARLEY_BUF_INIT;
		rstr t;
		error = parley_buf__puts(&sub, "Who prefers which package to the status quo");
		if (!error && P->venue.p) {
			error = parley_buf__puts(&sub, " \xe2\x80\x94 at the table of ");
			if (!error)
				error = parley__svg_put(&sub, parley__rj_venue_name(P->c, P->venue));
		}
		t.p = sub.ptr ? sub.ptr : "";
		t.n = sub.size;
		if (!error)
			error = parley__svg_text_fit(b, 12, 40, NULL, 12, C_MUTED, NULL, t, SVG_W - 24);
		parley_buf_dispose(&sub);
		if (error < 0)
			goto done;
	}
	for (p = 0; p < 2; p++) {
		size_t q = p ? ib : ia;
		double step = parley__svg_nice_step(pi[q].hi - pi[q].lo, 5), t;
		int dec = parley__svg_step_decimals(step);
		for (i = 0; parley__svg_tick(pi[q].lo, pi[q].hi, step, i, &t); i++) {
			if (!p)
				PARLEY_TRY(parley__svg_text_num(b, SX(t), PT + PH + 16, "middle", 11, C_MUTED, NULL, t, dec));
			else
				PARLEY_TRY(parley__svg_text_num(b, PL - 6, SY(t) + 4, "end", 11, C_MUTED, NULL, t, dec));
		}
	}
	PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
		"stroke=\"%s\"/>\n", PL, PT, PW, PH, C_TEXT));
	PARLEY_TRY(parley__svg_text_fit(b, PL + PW / 2, PT + PH + 36, "middle", 12, C_TEXT, "font-weight=\"bold\"", pi[ia].title,
		PW + 60));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"22\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" fill=\"%s\" "
		"font-weight=\"bold\" transform=\"rotate(-90 22 %.1f)\">", PT + PH / 2, C_TEXT, PT + PH / 2));
	PARLEY_TRY(parley__svg_esc_fit(b, pi[ib].title, 12, PH + 40));
	PARLEY_TRY(parley_buf__puts(b, "</text>\n"));
done:
	return error;
}

/* The ideal points: a dot, and a numbered badge beside it (moved right
 * while it would cover another). */
static int pk_ideal_points(const pk_chart *P, parley_buf *b)
{
	double bx[64], by[64];
	size_t j, nb = 0, ia = P->ia, ib = P->ib;
	int error = 0;

	for (j = 0; j < P->na; j++) {
		const pk_actor *a = &P->ac[j];
		double x, y, tx, ty;
		const char *col = a->member ? pk_colour[a->colour % 7] : C_OTHER;
		int dark = a->member ? pk_dark_text[a->colour % 7] : 1, left, moved = 1;
		size_t q;
		if (!a->has[ia] || !a->has[ib])
			continue;
		x = SX(a->x[ia]);
		y = SY(a->x[ib]);
		left = x > PL + PW - 60;
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
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			x, y, tx, ty, col));
		PARLEY_TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" data-actor=\"", x, y, col));
		PARLEY_TRY(parley__html_esc(b, a->id));
		PARLEY_TRY(parley_buf__printf(b, "\" data-member=\"%d\" data-x=\"", a->member));
		PARLEY_TRY(parley__html_exact(b, a->x[ia]));
		PARLEY_TRY(parley_buf__puts(b, "\" data-y=\""));
		PARLEY_TRY(parley__html_exact(b, a->x[ib]));
		PARLEY_TRY(parley_buf__printf(b, "\"/>\n<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8.5\" fill=\"%s\" stroke=\"#ffffff\"/>\n",
			tx, ty, col));
		PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" "
			"font-weight=\"bold\" fill=\"%s\">%zu</text>\n", tx, ty + 3.5, dark ? "#ffffff" : C_TEXT, j + 1));
	}
done:
	return error;
}

/* The status quo and the package, each labelled. */
static int pk_sq_and_package(const pk_chart *P, parley_buf *b)
{
	const pk_issue *pi = P->pi;
	size_t ia = P->ia, ib = P->ib;
	int error;

	PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" height=\"11\" fill=\"#ffffff\" stroke=\"%s\" "
		"stroke-width=\"2\" data-status-quo-x=\"", SX(pi[ia].sq) - 5.5, SY(pi[ib].sq) - 5.5, C_TEXT));
	PARLEY_TRY(parley__html_exact(b, pi[ia].sq));
	PARLEY_TRY(parley_buf__puts(b, "\" data-status-quo-y=\""));
	PARLEY_TRY(parley__html_exact(b, pi[ib].sq));
	PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
	/* its label on the left (the badges sit to the right of their points), or below near the left edge */
	if (SX(pi[ia].sq) > PL + 75)
		PARLEY_TRY(parley__svg_text_open(b, SX(pi[ia].sq) - 10, SY(pi[ib].sq) + 4, "end", 11, C_TEXT,
			"font-style=\"italic\" " HALO));
	else
		PARLEY_TRY(parley__svg_text_open(b, SX(pi[ia].sq) + 4, SY(pi[ib].sq) + (SY(pi[ib].sq) > PT + PH - 20 ? -10 : 19),
			NULL, 11, C_TEXT, "font-style=\"italic\" " HALO));
	PARLEY_TRY(parley_buf__puts(b, "status quo</text>\n"));
	if (P->has_pkg) {
		double x = SX(P->ypt[ia]), y = SY(P->ypt[ib]);
		PARLEY_TRY(parley__svg_marker_shape(b, 4, C_TEXT, x, y, 8, NULL));
		PARLEY_TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1\" fill=\"%s\" data-package-point=\"\" data-x=\"",
			x, y, C_TEXT));
		PARLEY_TRY(parley__html_exact(b, P->ypt[ia]));
		PARLEY_TRY(parley_buf__puts(b, "\" data-y=\""));
		PARLEY_TRY(parley__html_exact(b, P->ypt[ib]));
		PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
		PARLEY_TRY(parley__svg_text_open(b, x + (x > PL + PW - 80 ? -12 : 12), y - 8, x > PL + PW - 80 ? "end" : NULL, 11,
			C_TEXT, "font-weight=\"bold\" " HALO));
		PARLEY_TRY(parley_buf__puts(b, "package</text>\n"));
	}
done:
	return error;
}

/* The legend's lines: the members, then the others, each with its curve's
 * stroke, its badge, its name and its gain at the package. Returns the
 * next line's baseline in *ly. */
static int pk_legend_actors(const pk_chart *P, parley_buf *b, double *ly)
{
	size_t i, j, ia = P->ia, ib = P->ib;
	int error = 0;

	for (i = 0; i < 2; i++) {
		if (i == 1 && P->nmem < P->na) {
			*ly += 6;
			PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">"
				"Others (not at the table)</text>\n", LX, *ly, C_TEXT));
			*ly += 20;
		}
		for (j = 0; j < P->na; j++) {
			const pk_actor *a = &P->ac[j];
			const char *col = a->member ? pk_colour[a->colour % 7] : C_OTHER;
			const char *dash = a->member ? pk_dash[(a->colour / 7 + a->colour) % 4] : "4 4";
			int dark = a->member ? pk_dark_text[a->colour % 7] : 1;
			if ((i == 0) != (a->member != 0))
				continue;
			PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"%s\"%s%s%s/>\n", LX, *ly - 4, LX + 28, *ly - 4, col, a->member ? "2.2" : "1.2",
				*dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : ""));
			PARLEY_TRY(parley_buf__printf(b, "<circle cx=\"%.0f\" cy=\"%.1f\" r=\"8.5\" fill=\"%s\"/>\n<text x=\"%.0f\" "
				"y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"%s\">%zu</text>\n",
				LX + 44, *ly - 4, col, LX + 44, *ly - 0.5, dark ? "#ffffff" : C_TEXT, j + 1));
			PARLEY_TRY(parley__svg_text_fit(b, LX + 58, *ly, NULL, 12, a->member ? C_TEXT : C_MUTED, NULL,
				parley__rj_actor_name(P->c, a->id), SVG_W - LX - 58 - 70));
			if (a->has_gain) {
				PARLEY_TRY(parley__svg_text_open(b, SVG_W - 12, *ly, "end", 12, a->gain < 0 ? C_DOWN : C_TEXT, NULL));
				PARLEY_TRY(parley_buf__printf(b, "%s%.3f</text>\n", a->gain > 0 ? "+" : "", a->gain));
			}
			if (!a->has[ia] || !a->has[ib] || !(a->k2 > 0)) {
				*ly += 14;
				PARLEY_TRY(parley__svg_text_open(b, LX + 58, *ly, NULL, 10.5, C_MUTED, NULL));
				PARLEY_TRY(parley_buf__puts(b, !(a->k2 > 0) ? "prefers the status quo everywhere here" :
					!a->has[ia] && !a->has[ib] ? "no stance on these two issues" :
					"no stance on one of them: a band"));
				PARLEY_TRY(parley_buf__puts(b, "</text>\n"));
			}
			*ly += 19;
		}
	}
done:
	return error;
}

/* The slice: where the other linked issues are held (up to four lines from
 * the baseline ly). */
static int pk_slice_note(const pk_chart *P, parley_buf *b, double ly)
{
	parley_buf sl = PARLEY_BUF_INIT;
	rstr t, l1, l2;
	size_t n = 0, p, i;
	int error = parley_buf__puts(&sl, P->has_pkg ? "Other linked issues held at the package: " :
		"Other linked issues held at the status quo: ");

	for (p = 0; !error && p < P->k; p++) {
		if (p == P->ia || p == P->ib)
			continue;
		error = parley_buf__puts(&sl, n++ ? "; " : "");
		if (!error)
			error = parley__svg_put(&sl, P->pi[p].title);
		if (!error)
			error = parley_buf__puts(&sl, " ");
		if (!error)
			error = parley__html_num(&sl, P->ypt[p], P->dec);
	}
	if (!error && n) {
		t.p = sl.ptr;
		t.n = sl.size;
		for (i = 0; !error && t.p && i < 4; i++, ly += 15) {
			parley__svg_wrap2(t, 11, SVG_W - LX - 12, &l1, &l2);
			error = parley__svg_text_fit(b, LX, ly, NULL, 11, C_MUTED, NULL, l1, SVG_W - LX - 12);
			t = l2;
		}
	}
	parley_buf_dispose(&sl);
	return error;
}

/* The legend: the actors, the keys of the regions, the red lines, the
 * status quo and the package, and where the other linked issues are held. */
static int pk_legend(const pk_chart *P, parley_buf *b)
{
	double ly = PT + 4;
	int error;

	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">"
		"At the table</text>\n<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"gain at the package</text>\n", LX, ly, C_TEXT, SVG_W - 12, ly, C_MUTED));
	ly += 20;
	PARLEY_TRY(pk_legend_actors(P, b, &ly));
	ly += 8;
	PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"%s\" fill-opacity=\"0.16\" "
		"stroke=\"%s\" stroke-opacity=\"0.4\"/>\n", LX, ly - 11, C_PREF, C_PREF));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">every member prefers it to the status quo</text>\n",
		LX + 36, ly, C_TEXT));
	ly += 19;
	PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"%s\" fill-opacity=\"0.55\"/>\n",
		LX, ly - 11, C_PREF));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">\xe2\x80\xa6 and it lies inside "
		"every member's red lines</text>\n", LX + 36, ly, C_TEXT));
	ly += 19;
	PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"none\" stroke=\"%s\" "
		"stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>\n<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">"
		"the members' red lines</text>\n", LX, ly - 11, C_DARK, LX + 36, ly, C_TEXT));
	ly += 19;
	PARLEY_TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" height=\"11\" fill=\"#ffffff\" stroke=\"%s\" "
		"stroke-width=\"2\"/>\n<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">status quo</text>\n",
		LX + 8.5, ly - 10, C_TEXT, LX + 36, ly, C_TEXT));
	PARLEY_TRY(parley__svg_marker_shape(b, 4, C_TEXT, LX + 90 + 14, ly - 4.5, 7, NULL));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">representative package</text>\n",
		LX + 90 + 28, ly, C_TEXT));
	ly += 22;
	PARLEY_TRY(pk_slice_note(P, b, ly));
done:
	return error;
}

/* The chart's height: the plot, or the legend when longer (as the legend
 * lays it out). */
static double pk_height(const pk_chart *P)
{
	double ly = PT + 24 + (P->nmem < P->na ? 26 : 0) + 8 + 4 * 19 + 22 + 60;
	size_t j;
	for (j = 0; j < P->na; j++)
		ly += 19 + (!P->ac[j].has[P->ia] || !P->ac[j].has[P->ib] || !(P->ac[j].k2 > 0) ? 14 : 0);
	return fmax(PT + PH + 50, ly + 4);
}

int parley_report__svg_package(rctx *c, parley_buf *b, jnode *pkg, jnode *issues, size_t ia, size_t ib)
{
	jnode *ids = parley__rj_arr_at(c, pkg, "issues"), *vals = parley__rj_obj_at(c, pkg, "package");
	jnode *gains = parley__rj_obj_at(c, pkg, "gains"), *members = parley__rj_arr_at(c, pkg, "members");
	pk_chart chart, *P = &chart;
	double e_loss = 2;
	size_t i, j;
	int error = 0;

	memset(P, 0, sizeof(*P));
	P->c = c;
	P->pid = parley__rj_str_at(c, pkg, "id");
	P->pname = parley__rj_str_at(c, pkg, "name");
	P->venue = parley__rj_str_at(c, pkg, "venue");
	P->k = parley__rj_len(ids);
	P->ia = ia;
	P->ib = ib;
	P->has_pkg = P->inside = vals != NULL;
	if (P->k < 2 || P->k > PK_MAXI || ia >= P->k || ib >= P->k || ia == ib)
		return 1;
	parley__rj_num_in(c, parley__rj_get(pkg, "loss"), 1, 2, 1, &e_loss);
	P->e = e_loss == 1 ? 1 : 2;
	if (pk_read_issues(P, ids, vals, issues))
		return 1;
	PARLEY_TRY(pk_read_actors(P));
	if (!P->na) {
		error = 1;
		goto done;
	}
	for (j = 0; j < P->na; j++)
		pk_member(P, j, members, gains);
	pk_box(P);
	P->h = pk_height(P);
	PARLEY_TRY(parley__svg_begin(c, b, P->h, "package", NULL, pk_describe, P));
	/* parley__svg_open() wrote data-chart="package"; the package and its issues */
	PARLEY_TRY(parley__html_wrap(b, "<g data-package=\"", P->pid, "\" data-issue-x=\""));
	PARLEY_TRY(parley__html_esc(b, P->pi[ia].id));
	PARLEY_TRY(parley_buf__puts(b, "\" data-issue-y=\""));
	PARLEY_TRY(parley__html_esc(b, P->pi[ib].id));
	PARLEY_TRY(parley_buf__printf(b, "\" data-loss=\"%d\" data-package-inside=\"%s\">\n", P->e,
		P->has_pkg ? (P->inside ? "true" : "false") : "none"));
	PARLEY_TRY(pk_plot(P, b));
	/* contours: others first (grey, under), then the members */
	for (i = 0; i < 2; i++)
		for (j = 0; j < P->na; j++)
			if ((i == 0) == !P->ac[j].member)
				PARLEY_TRY(pk_contour(P, b, &P->ac[j]));
	PARLEY_TRY(pk_axes(P, b));
	PARLEY_TRY(pk_ideal_points(P, b));
	PARLEY_TRY(pk_sq_and_package(P, b));
	PARLEY_TRY(pk_legend(P, b));
	PARLEY_TRY(parley_buf__puts(b, "</g>\n</g>\n</svg>\n"));
done:
	parley__free(P->ac);
	return error;
}
