/*
 * chart_rounds.c - the expected-utility model's trajectory on an issue:
 * each actor's position by round with the median and the mean.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_charts.h"

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
	jnode *a = parley__rj_at(actors, k), *pos, *e;
	rstr id = parley__rj_str_at(c, a, "id"), key;
	void *iter = NULL;

	if (r == 0)
		return parley__rj_num_at(c, a, "position", out);
	pos = parley__rj_obj_at(c, parley__rj_at(rounds, r - 1), "positions");
	while (id.p && (e = parley__rj_next(pos, &iter, &key)) != NULL)
		if (key.n == id.n && !memcmp(key.p, id.p, id.n))
			return parley__rj_num(c, e, out);
	return 0;
}

/* The chart's height and the plot's left, right, top and bottom (pixels). */
#define RD_H 340.0
#define RD_X0 64.0
#define RD_X1 (SVG_W - 250)
#define RD_Y0 24.0
#define RD_Y1 (RD_H - 48)

/* The chart being drawn: the model's rounds and the labels at the right. */
typedef struct {
	rctx *c;
	const rissue *is;
	jnode *rounds, *actors, *init;
	size_t nr, na;
	double xs;                   /* pixels per round */
	rlabel *labs;                /* na + 3 */
	size_t nlab;
} rounds_chart;

static double rd_x(const rounds_chart *P, size_t round)
{
	return RD_X0 + (double)round * P->xs;
}

static double rd_y(const rounds_chart *P, double v)
{
	const rissue *is = P->is;
	return RD_Y1 - (parley__svg_clamp(v, is->lo, is->hi) - is->lo) / (is->hi - is->lo) * (RD_Y1 - RD_Y0);
}

#define RX(round) rd_x(P, (round))
#define RY(v) rd_y(P, (v))

/* The chart's title and its text alternative: the median by round and
 * the positions after the last round. */
static int rd_describe(const void *chart, parley_buf *title, parley_buf *desc)
{
	const rounds_chart *P = chart;
	rctx *c = P->c;
	const rissue *is = P->is;
	jnode *rounds = P->rounds, *actors = P->actors, *init = P->init;
	size_t k, r, nr = P->nr, na = P->na;
	int error;

	PARLEY_TRY(parley_buf__puts(title, "Expected-utility rounds: "));
	PARLEY_TRY(parley__svg_put(title, is->title));
	PARLEY_TRY(parley_buf__printf(desc, "Each actor's position by round of the expected-utility model, "
		"%zu round%s, with the median (the forecast) and the mean. Median by round:", nr,
		nr == 1 ? "" : "s"));
	{
		double v;
		if (parley__rj_num_at(c, init, "median", &v)) {
			PARLEY_TRY(parley_buf__puts(desc, " start "));
			PARLEY_TRY(parley__html_num(desc, v, is->dec));
		}
	}
	for (r = 0; r < nr; r++) {
		double v;
		if (!parley__rj_num_at(c, parley__rj_at(rounds, r), "median", &v))
			continue;
		PARLEY_TRY(parley_buf__printf(desc, "%s %zu: ", r || parley__rj_get(init, "median") ? "," : "", r + 1));
		PARLEY_TRY(parley__html_num(desc, v, is->dec));
	}
	PARLEY_TRY(parley_buf__puts(desc, ". Positions after the last round:"));
	for (k = 0; k < na; k++) {
		rstr id = parley__rj_str_at(c, parley__rj_at(actors, k), "id");
		double v;
		if (!round_pos(c, actors, rounds, nr, k, &v))
			continue;
		PARLEY_TRY(parley_buf__puts(desc, k ? ", " : " "));
		PARLEY_TRY(parley__svg_put(desc, parley__rj_actor_name(c, id)));
		PARLEY_TRY(parley_buf__puts(desc, " "));
		PARLEY_TRY(parley__html_num(desc, v, is->dec));
	}
	PARLEY_TRY(parley_buf__puts(desc, "."));
done:
	return error;
}

/* The grid: positions on the vertical axis, rounds on the horizontal. */
static int rd_axes(const rounds_chart *P, parley_buf *b)
{
	const rissue *is = P->is;
	const double h = RD_H, x0 = RD_X0, x1 = RD_X1, y0 = RD_Y0, y1 = RD_Y1;
	size_t r, nr = P->nr;
	double step, t;
	int error;

	step = parley__svg_nice_step(is->hi - is->lo, 5);
	for (r = 0; parley__svg_tick(is->lo, is->hi, step, r, &t); r++) {
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			x0, RY(t), x1, RY(t), C_GRID));
		PARLEY_TRY(parley__svg_text_num(b, x0 - 8, RY(t) + 4, "end", 11, C_MUTED, NULL, t, parley__svg_step_decimals(step)));
	}
	for (r = 0; r <= nr; r++) {
		if (nr > 20 && r % (nr / 10) && r != nr)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			RX(r), y1, RX(r), y1 + 5, C_MUTED));
		PARLEY_TRY(parley__svg_text_open(b, RX(r), y1 + 18, "middle", 11, C_MUTED, NULL));
		PARLEY_TRY(r ? parley_buf__printf(b, "%zu</text>\n", r) : parley_buf__puts(b, "start</text>\n"));
	}
	PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
		x0, y1, x1, y1, C_TEXT));
	PARLEY_TRY(parley__svg_text_open(b, (x0 + x1) / 2, h - 10, "middle", 12, C_TEXT, NULL));
	PARLEY_TRY(parley_buf__puts(b, "round</text>\n"));
	PARLEY_TRY(parley_buf__printf(b, "<text x=\"14\" y=\"%.1f\" font-size=\"12\" fill=\"%s\" "
		"transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">position</text>\n",
		(y0 + y1) / 2, C_TEXT, (y0 + y1) / 2));
done:
	return error;
}

/* The lines: the status quo, each actor's position by round, the mean and
 * the median; each line's end is a label to place. */
static int rd_series(rounds_chart *P, parley_buf *b)
{
	rctx *c = P->c;
	const rissue *is = P->is;
	jnode *rounds = P->rounds, *actors = P->actors, *init = P->init;
	const double x0 = RD_X0, x1 = RD_X1;
	rlabel *labs = P->labs;
	size_t k, r, nr = P->nr, na = P->na, nlab = 0;
	int error = 0;

	if (is->has_sq) {
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"1.2\" stroke-dasharray=\"2 3\"/>\n", x0, RY(is->sq), x1, RY(is->sq), C_TEXT));
		labs[nlab].want = RY(is->sq);
		labs[nlab].kind = 3;
		nlab++;
	}
	/* actors */
	for (k = 0; k < na; k++) {
		jnode *a = parley__rj_at(actors, k);
		rstr id = parley__rj_str_at(c, a, "id");
		double v, last = 0;
		int any = 0;
		PARLEY_TRY(parley_buf__puts(b, "<polyline fill=\"none\" stroke=\"#8c8c8c\" stroke-width=\"1.6\" "
			"stroke-linejoin=\"round\" data-actor=\""));
		PARLEY_TRY(parley__html_esc(b, id));
		PARLEY_TRY(parley_buf__puts(b, "\" points=\""));
		for (r = 0; r <= nr; r++) {
			if (!round_pos(c, actors, rounds, r, k, &v))
				continue;
			PARLEY_TRY(parley_buf__printf(b, "%s%.1f,%.1f", any ? " " : "", RX(r), RY(v)));
			any = 1;
			last = v;
		}
		PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
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
			PARLEY_TRY(parley_buf__printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s "
				"stroke-linejoin=\"round\" data-series=\"%s\" points=\"", col, w ? "3.5" : "2",
				w ? "" : " stroke-dasharray=\"7 4\"", what[w]));
			for (r = 0; r <= nr; r++) {
				if (!parley__rj_num_at(c, r ? parley__rj_at(rounds, r - 1) : init, what[w], &v))
					continue;
				PARLEY_TRY(parley_buf__printf(b, "%s%.1f,%.1f", any ? " " : "", RX(r), RY(v)));
				any = 1;
				last = v;
			}
			PARLEY_TRY(parley_buf__puts(b, "\"/>\n"));
			if (w)
				for (r = 0; r <= nr; r++)
					if (parley__rj_num_at(c, r ? parley__rj_at(rounds, r - 1) : init, "median", &v))
						PARLEY_TRY(parley_buf__printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n",
							RX(r), RY(v), col));
			if (any) {
				labs[nlab].want = RY(last);
				labs[nlab].kind = w ? 0 : 1;
				nlab++;
			}
		}
	}
done:
	P->nlab = nlab;
	return error;
}

/* The labels at the right, spread so that none covers another, each with
 * a leader to its line's end. */
static int rd_labels(rounds_chart *P, parley_buf *b)
{
	rctx *c = P->c;
	const double x1 = RD_X1, y0 = RD_Y0, y1 = RD_Y1;
	rlabel *labs = P->labs;
	size_t k, nlab = P->nlab;
	double gap, fs;
	int error = 0;

	gap = nlab ? fmin(14, (y1 - y0 + 20) / (double)nlab) : 14;
	fs = fmax(fmin(11, gap - 2), 6);
	spread_labels(labs, nlab, gap, y0 - 10, y1 + 10);
	for (k = 0; k < nlab; k++) {
		rstr name;
		const char *col = C_TEXT, *weight = NULL;
		if (labs[k].kind == 2) {
			name = parley__rj_actor_name(c, parley__rj_str_at(c, parley__rj_at(P->actors, labs[k].idx), "id"));
		} else if (labs[k].kind == 1) {
			name = parley__rstr_z("mean (compromise)");
			col = C_UP;
			weight = "font-weight=\"bold\"";
		} else if (labs[k].kind == 0) {
			name = parley__rstr_z("median (the forecast)");
			col = C_DOWN;
			weight = "font-weight=\"bold\"";
		} else {
			name = parley__rstr_z("status quo");
			col = C_MUTED;
			weight = "font-style=\"italic\"";
		}
		PARLEY_TRY(parley_buf__printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bfbfbf\"/>\n",
			x1 + 3, labs[k].want, x1 + 22, labs[k].at));
		PARLEY_TRY(parley__svg_text_fit(b, x1 + 26, labs[k].at + fs / 3, NULL, fs, col, weight, name, SVG_W - x1 - 34));
	}
done:
	return error;
}

int parley_report__svg_rounds(rctx *c, parley_buf *b, const rissue *is)
{
	jnode *bdm = parley__rj_obj_at(c, parley__rj_obj_at(c, is->issue, "models"), "bdm");
	rounds_chart chart, *P = &chart;
	int error = 0;

	memset(P, 0, sizeof(*P));
	P->c = c;
	P->is = is;
	P->rounds = parley__rj_arr_at(c, bdm, "rounds");
	P->actors = parley__rj_arr_at(c, is->issue, "actors");
	P->init = parley__rj_obj_at(c, bdm, "initial");
	P->nr = parley__rj_len(P->rounds);
	P->na = parley__rj_len(P->actors);
	if (!bdm || parley__rj_get(bdm, "error") || !P->na)
		return 1;
	P->xs = (RD_X1 - RD_X0) / (double)(P->nr ? P->nr : 1);
	PARLEY_TRY(parley__svg_begin(c, b, RD_H, "rounds", is, rd_describe, P));
	PARLEY_TRY(rd_axes(P, b));
	P->labs = parley__calloc(P->na + 3, sizeof(*P->labs));
	if (!P->labs) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	PARLEY_TRY(rd_series(P, b));
	PARLEY_TRY(rd_labels(P, b));
	PARLEY_TRY(parley_buf__puts(b, "</g>\n</svg>\n"));
done:
	parley__free(P->labs);
	return error;
}
