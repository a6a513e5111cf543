/*
 * chart_package.c - a package deal on two of its linked issues: the
 * members' ideal points and indifference curves through the status quo
 * (the other linked issues held at the package), the region every member
 * prefers, inside every red line or not, the status quo and the package.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
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
	jnode *ids = parley__rj_arr_at(c, pkg, "issues"), *vals = parley__rj_obj_at(c, pkg, "package");
	jnode *gains = parley__rj_obj_at(c, pkg, "gains"), *members = parley__rj_arr_at(c, pkg, "members");
	rstr pid = parley__rj_str_at(c, pkg, "id"), pname = parley__rj_str_at(c, pkg, "name"), venue = parley__rj_str_at(c, pkg, "venue");
	size_t k = parley__rj_len(ids), p, i, j, na = 0, alloc = 0, nmem = 0, cells = 0, dcells = 0;
	pk_issue pi[PK_MAXI];
	pk_actor *ac = NULL;
	parley_buf title = PARLEY_BUF_INIT, desc = PARLEY_BUF_INIT;
	const double PL = 92, PT = 58, PW = 430, PH = 430, LX = 592;
	double e_loss = 2, h, ly, qpt[PK_MAXI], ypt[PK_MAXI], box[4];
	int e, error = 0, has_pkg = vals != NULL, inside = has_pkg, box_ok = 1, dec;
	double wa, wb;

	if (k < 2 || k > PK_MAXI || ia >= k || ib >= k || ia == ib)
		return 1;
	parley__rj_num_in(c, parley__rj_get(pkg, "loss"), 1, 2, 1, &e_loss);
	e = e_loss == 1 ? 1 : 2;
	memset(pi, 0, sizeof(pi));
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
		if (vals) {
			char key[256];
			if (id.n < sizeof(key)) {
				memcpy(key, id.p, id.n);
				key[id.n] = '\0';
				if (!parley__rj_num_at(c, vals, key, &pi[p].y))
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
		jnode *acts = parley__rj_arr_at(c, pi[p].obj, "actors");
		for (i = 0; i < parley__rj_len(acts); i++) {
			jnode *a = parley__rj_at(acts, i);
			rstr id = parley__rj_str_at(c, a, "id");
			double x, s, lo, hi;
			pk_actor *t = NULL;
			if (!id.p || !parley__rj_num_at(c, a, "position", &x) || !parley__rj_nonneg_at(c, a, "salience", &s))
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
			if (parley__rj_pair(c, parley__rj_get(a, "red_line"), &lo, &hi)) {
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
			for (i = 0; i < parley__rj_len(members); i++)
				{
					rstr mid = parley__rj_str(c, parley__rj_at(members, i));
					if (mid.p && mid.n == ac[j].id.n && !memcmp(mid.p, ac[j].id.p, mid.n))
						m = 1;
				}
		} else {
			jnode *vv = NULL;
			for (i = 0; venue.p && i < parley__rj_len(c->names_venues); i++)
				if (parley__rj_str_at(c, parley__rj_at(c->names_venues, i), "id").n == venue.n &&
				    !memcmp(parley__rj_str_at(c, parley__rj_at(c->names_venues, i), "id").p, venue.p, venue.n))
					vv = parley__rj_arr_at(c, parley__rj_at(c->names_venues, i), "members");
			if (!vv) {
				m = 1;
			} else {
				for (i = 0; i < parley__rj_len(vv); i++) {
					rstr mid = parley__rj_str(c, parley__rj_at(vv, i));
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
				ac[j].has_gain = parley__rj_num_at(c, gains, key, &ac[j].gain);
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
#define SX(u) (PL + (parley__svg_clamp((u), pi[ia].lo, pi[ia].hi) - pi[ia].lo) / wa * PW)
#define SY(v) (PT + PH - (parley__svg_clamp((v), pi[ib].lo, pi[ib].hi) - pi[ib].lo) / wb * PH)

	/* title and text alternative */
	TRY(parley_buf__puts(&title, "Package "));
	TRY(parley__svg_put(&title, pname.p ? pname : pid.p ? pid : parley__rstr_z("of linked issues")));
	TRY(parley_buf__puts(&title, ": "));
	TRY(parley__svg_put(&title, pi[ia].title));
	TRY(parley_buf__puts(&title, " and "));
	TRY(parley__svg_put(&title, pi[ib].title));
	TRY(parley_buf__puts(&desc, "Two linked issues as axes: "));
	TRY(parley__svg_put(&desc, pi[ia].title));
	TRY(parley_buf__puts(&desc, " across, "));
	TRY(parley__svg_put(&desc, pi[ib].title));
	TRY(parley_buf__puts(&desc, " up. Status quo at "));
	TRY(parley__html_num(&desc, pi[ia].sq, dec));
	TRY(parley_buf__puts(&desc, ", "));
	TRY(parley__html_num(&desc, pi[ib].sq, dec));
	if (has_pkg) {
		TRY(parley_buf__puts(&desc, "; the representative package at "));
		TRY(parley__html_num(&desc, ypt[ia], dec));
		TRY(parley_buf__puts(&desc, ", "));
		TRY(parley__html_num(&desc, ypt[ib], dec));
		TRY(parley_buf__puts(&desc, inside ? ", where every member prefers it to the status quo" :
			", which not every member prefers to the status quo"));
	}
	TRY(parley_buf__puts(&desc, ". Ideal points: "));
	for (j = 0; j < na; j++) {
		TRY(parley_buf__puts(&desc, j ? "; " : ""));
		TRY(parley__svg_put(&desc, parley__rj_actor_name(c, ac[j].id)));
		TRY(parley_buf__puts(&desc, ac[j].member ? " (at the table) " : " "));
		if (ac[j].has[ia])
			TRY(parley__html_num(&desc, ac[j].x[ia], dec));
		else
			TRY(parley_buf__puts(&desc, "none"));
		TRY(parley_buf__puts(&desc, ", "));
		if (ac[j].has[ib])
			TRY(parley__html_num(&desc, ac[j].x[ib], dec));
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
	TRY(parley__svg_open(c, b, h, "package", NULL, &title, &desc));
	/* svg_open wrote data-chart="package"; the package and its issues */
	TRY(parley_buf__puts(b, "<g data-package=\""));
	TRY(parley__html_esc(b, pid));
	TRY(parley_buf__puts(b, "\" data-issue-x=\""));
	TRY(parley__html_esc(b, pi[ia].id));
	TRY(parley_buf__puts(b, "\" data-issue-y=\""));
	TRY(parley__html_esc(b, pi[ib].id));
	TRY(parley_buf__printf(b, "\" data-loss=\"%d\" data-package-inside=\"%s\">\n", e,
		has_pkg ? (inside ? "true" : "false") : "none"));

	/* grid */
	for (p = 0; p < 2; p++) {
		size_t q = p ? ib : ia;
		double step = parley__svg_nice_step(pi[q].hi - pi[q].lo, 5), t;
		for (i = 0; parley__svg_tick(pi[q].lo, pi[q].hi, step, i, &t); i++)
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
		TRY(parley__html_exact(b, box[0]));
		TRY(parley_buf__puts(b, "\" data-x-hi=\""));
		TRY(parley__html_exact(b, box[1]));
		TRY(parley_buf__puts(b, "\" data-y-lo=\""));
		TRY(parley__html_exact(b, box[2]));
		TRY(parley_buf__puts(b, "\" data-y-hi=\""));
		TRY(parley__html_exact(b, box[3]));
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
			TRY(parley__html_esc(b, a->id));
			TRY(parley_buf__printf(b, "\" data-member=\"%d\" data-cx=\"", a->member));
			TRY(parley__html_exact(b, a->has[ia] ? a->x[ia] : NAN));
			TRY(parley_buf__puts(b, "\" data-cy=\""));
			TRY(parley__html_exact(b, a->has[ib] ? a->x[ib] : NAN));
			TRY(parley_buf__puts(b, "\" data-rx=\""));
			TRY(parley__html_exact(b, sa > 0 ? rx / PW * wa : INFINITY));
			TRY(parley_buf__puts(b, "\" data-ry=\""));
			TRY(parley__html_exact(b, sb > 0 ? ry / PH * wb : INFINITY));
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
		"fill=\"#ffffff\"/>\n", SVG_W, PT, PT + PH, SVG_W, h, PL, h, PL + PW, SVG_W, h, PL + PW));
	/* heading */
	TRY(parley__svg_text_fit(b, 12, 20, NULL, 14, C_TEXT, "font-weight=\"bold\"", pname.p ? pname : pid.p ? pid :
		parley__rstr_z("Linked issues"), SVG_W - 24));
	{
		parley_buf sub = PARLEY_BUF_INIT;
		rstr t;
		error = parley_buf__puts(&sub, "Who prefers which package to the status quo");
		if (!error && venue.p) {
			error = parley_buf__puts(&sub, " \xe2\x80\x94 at the table of ");
			if (!error)
				error = parley__svg_put(&sub, parley__rj_venue_name(c, venue));
		}
		t.p = sub.ptr ? sub.ptr : "";
		t.n = sub.size;
		if (!error)
			error = parley__svg_text_fit(b, 12, 40, NULL, 12, C_MUTED, NULL, t, SVG_W - 24);
		parley_buf_dispose(&sub);
		if (error < 0)
			goto done;
	}

	/* axes */
	for (p = 0; p < 2; p++) {
		size_t q = p ? ib : ia;
		double step = parley__svg_nice_step(pi[q].hi - pi[q].lo, 5), t;
		for (i = 0; parley__svg_tick(pi[q].lo, pi[q].hi, step, i, &t); i++) {
			if (!p) {
				TRY(parley__svg_text_num(b, SX(t), PT + PH + 16, "middle", 11, C_MUTED, NULL, t, parley__svg_step_decimals(step)));
			} else {
				TRY(parley__svg_text_num(b, PL - 6, SY(t) + 4, "end", 11, C_MUTED, NULL, t, parley__svg_step_decimals(step)));
			}
		}
	}
	TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
		"stroke=\"%s\"/>\n", PL, PT, PW, PH, C_TEXT));
	TRY(parley__svg_text_fit(b, PL + PW / 2, PT + PH + 36, "middle", 12, C_TEXT, "font-weight=\"bold\"", pi[ia].title, PW + 60));
	TRY(parley_buf__printf(b, "<text x=\"22\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" fill=\"%s\" "
		"font-weight=\"bold\" transform=\"rotate(-90 22 %.1f)\">", PT + PH / 2, C_TEXT, PT + PH / 2));
	TRY(parley__svg_esc_fit(b, pi[ib].title, 12, PH + 40));
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
			TRY(parley__html_esc(b, a->id));
			TRY(parley_buf__printf(b, "\" data-member=\"%d\" data-x=\"", a->member));
			TRY(parley__html_exact(b, a->x[ia]));
			TRY(parley_buf__puts(b, "\" data-y=\""));
			TRY(parley__html_exact(b, a->x[ib]));
			TRY(parley_buf__printf(b, "\"/>\n<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8.5\" fill=\"%s\" stroke=\"#ffffff\"/>\n",
				tx, ty, col));
			TRY(parley_buf__printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" "
				"font-weight=\"bold\" fill=\"%s\">%zu</text>\n", tx, ty + 3.5, dark ? "#ffffff" : C_TEXT, j + 1));
		}
	}
	/* the status quo and the package */
	TRY(parley_buf__printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" height=\"11\" fill=\"#ffffff\" stroke=\"%s\" "
		"stroke-width=\"2\" data-status-quo-x=\"", SX(pi[ia].sq) - 5.5, SY(pi[ib].sq) - 5.5, C_TEXT));
	TRY(parley__html_exact(b, pi[ia].sq));
	TRY(parley_buf__puts(b, "\" data-status-quo-y=\""));
	TRY(parley__html_exact(b, pi[ib].sq));
	TRY(parley_buf__puts(b, "\"/>\n"));
	/* its label on the left (the badges sit to the right of their points), or below near the left edge */
	if (SX(pi[ia].sq) > PL + 75)
		TRY(parley__svg_text_open(b, SX(pi[ia].sq) - 10, SY(pi[ib].sq) + 4, "end", 11, C_TEXT, "font-style=\"italic\" " HALO));
	else
		TRY(parley__svg_text_open(b, SX(pi[ia].sq) + 4, SY(pi[ib].sq) + (SY(pi[ib].sq) > PT + PH - 20 ? -10 : 19), NULL, 11,
			C_TEXT, "font-style=\"italic\" " HALO));
	TRY(parley_buf__puts(b, "status quo</text>\n"));
	if (has_pkg) {
		double x = SX(ypt[ia]), y = SY(ypt[ib]);
		TRY(parley__svg_marker_shape(b, 4, C_TEXT, x, y, 8, NULL));
		TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1\" fill=\"%s\" data-package-point=\"\" data-x=\"",
			x, y, C_TEXT));
		TRY(parley__html_exact(b, ypt[ia]));
		TRY(parley_buf__puts(b, "\" data-y=\""));
		TRY(parley__html_exact(b, ypt[ib]));
		TRY(parley_buf__puts(b, "\"/>\n"));
		TRY(parley__svg_text_open(b, x + (x > PL + PW - 80 ? -12 : 12), y - 8, x > PL + PW - 80 ? "end" : NULL, 11, C_TEXT,
			"font-weight=\"bold\" " HALO));
		TRY(parley_buf__puts(b, "package</text>\n"));
	}

	/* legend */
	ly = PT + 4;
	TRY(parley_buf__printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\">"
		"At the table</text>\n<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">"
		"gain at the package</text>\n", LX, ly, C_TEXT, SVG_W - 12, ly, C_MUTED));
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
			TRY(parley__svg_text_fit(b, LX + 58, ly, NULL, 12, a->member ? C_TEXT : C_MUTED, NULL, parley__rj_actor_name(c, a->id),
				SVG_W - LX - 58 - 70));
			if (a->has_gain) {
				TRY(parley__svg_text_open(b, SVG_W - 12, ly, "end", 12, a->gain < 0 ? C_DOWN : C_TEXT, NULL));
				TRY(parley_buf__printf(b, "%s%.3f</text>\n", a->gain > 0 ? "+" : "", a->gain));
			}
			if (!a->has[ia] || !a->has[ib] || !(a->k2 > 0)) {
				ly += 14;
				TRY(parley__svg_text_open(b, LX + 58, ly, NULL, 10.5, C_MUTED, NULL));
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
	TRY(parley__svg_marker_shape(b, 4, C_TEXT, LX + 90 + 14, ly - 4.5, 7, NULL));
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
				error = parley__svg_put(&sl, pi[p].title);
			if (!error)
				error = parley_buf__puts(&sl, " ");
			if (!error)
				error = parley__html_num(&sl, ypt[p], dec);
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
