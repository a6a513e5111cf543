/*
 * report_ledger.c - the ledger's reports: a table of scores (`ledger score
 * --format json`), or an export of questions and forecasts (`ledger export`)
 * with every forecaster's calibration.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_pages.h"
#include "report_charts.h"

/* A forecast of a ledger export, as the ledger view reads it. */
typedef struct {
	jnode *node;
	rstr q, who;
	int model;
	size_t idx;     /* order in the export (by date, then as added) */
	long qi;        /* its question, or -1 */
	int latest;     /* the forecaster's latest on the question (the one scored) */
	double p, v;    /* probability or value (NaN when absent) */
} lfc;

typedef struct {
	jnode *node;
	rstr id;
	int binary;
	double lo, hi;  /* scale (NaN when none) */
	int res;        /* 0 open, 1 yes, 2 no, 3 value, 4 unresolvable */
	double rv;      /* the value resolved */
} lq;

static int lfc_by_question(const void *x, const void *y)
{
	const lfc *a = x, *b = y;
	int d = parley__rstr_cmp(a->q, b->q);
	if (!d)
		d = parley__rstr_cmp(a->who, b->who);
	return d ? d : a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int lfc_by_forecaster(const void *x, const void *y)
{
	const lfc *a = x, *b = y;
	int d = a->model - b->model;
	if (!d)
		d = parley__rstr_cmp(a->who, b->who);
	return d ? d : a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int lq_by_id(const void *x, const void *y)
{
	return parley__rstr_cmp(((const lq *)x)->id, ((const lq *)y)->id);
}

/* Add a scored binary forecast to a calibration series (10 bins). */
static void cal_add(rcal *r, double p, int yes)
{
	/* p was read as a share (rj_share_at): in [0, 1]; the bin stays in
	 * range whatever it is */
	size_t k = !(p > 0) ? 0 : p >= 1 ? 9 : (size_t)(p * 10);
	if (r->nbins == 0) {
		for (k = 0; k < 10; k++) {
			r->lo[k] = (double)k / 10;
			r->hi[k] = (double)(k + 1) / 10;
			r->count[k] = r->mean_p[k] = r->observed[k] = 0;
		}
		r->nbins = 10;
		r->brier = 0;
		k = !(p > 0) ? 0 : p >= 1 ? 9 : (size_t)(p * 10);
	}
	r->count[k]++;
	r->mean_p[k] += p;
	r->observed[k] += yes;
	r->n++;
	r->brier += (p - yes) * (p - yes);
}

static void cal_finish(rcal *r)
{
	size_t k;
	for (k = 0; k < r->nbins; k++) {
		if (r->count[k] > 0) {
			r->mean_p[k] /= r->count[k];
			r->observed[k] /= r->count[k];
		} else {
			r->mean_p[k] = r->observed[k] = NAN;
		}
	}
	r->brier = r->n > 0 ? r->brier / r->n : NAN;
}

static int calibration_figure(rctx *c, const rcal *series, size_t n)
{
	parley_buf svg = PARLEY_BUF_INIT;
	int error = parley_report__svg_calibration(c, &svg, series, n);
	if (error == 0) {
		error = parley_buf__puts(c->out, "<figure class=\"chart chart-calibration\">\n");
		if (error == 0)
			error = parley_report__emit_chart(c, &svg, NULL, "ledger-calibration");
		if (error == 0)
			error = parley_buf__puts(c->out, "<figcaption>Each marker is a bin of forecasts: its mean forecast "
				"probability across, the share of its questions that resolved yes up. On the dashed diagonal a "
				"forecaster is perfectly calibrated; above it the events happened more often than forecast, "
				"below less often.</figcaption>\n</figure>\n");
	} else if (error == 1) {
		error = parley_buf__puts(c->out, "<p class=\"muted\">No resolved yes/no question has a forecast: "
			"nothing to calibrate.</p>\n");
	}
	parley_buf_dispose(&svg);
	return error;
}

static int ledger_head(rctx *c, const char *h1)
{
	int error;
	PARLEY_TRY(parley_report__page_head(c, parley__rstr_z("Forecast ledger"), "ledger report"));
	PARLEY_TRY(parley_buf__printf(c->out, "<header class=\"top\">\n<p class=\"kicker\">parley ledger report</p>\n<h1>%s</h1>\n"
		"<p class=\"meta\">", h1));
done:
	return error;
}

static int ledger_foot(rctx *c)
{
	int error;
	PARLEY_TRY(parley_buf__puts(c->out, "</main>\n<footer>\n<p>Ledger written by parley "));
	PARLEY_TRY(parley__html_esc(c->out, parley__rj_str_at(c, c->root, "parley_version")));
	PARLEY_TRY(parley_buf__printf(c->out, ". Report rendered by parley %s from <code>", PARLEY_VERSION));
	PARLEY_TRY(parley__html_escz(c->out, c->file));
	PARLEY_TRY(parley_buf__puts(c->out, "</code>. Scores as <code>parley ledger score</code> computes them "
		"(docs/ledger.md).</p>\n</footer>\n</body>\n</html>\n"));
done:
	return error;
}

/* A cell of the score table: a count (dec 0) or a score >= 0 (at most 1
 * when `share`). */
static int score_num(rctx *c, jnode *o, const char *key, int dec, int share)
{
	double v;
	int error;
	PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
	if (dec == 0 ? parley__rj_count_at(c, o, key, &v) : parley__rj_num_in(c, parley__rj_get(o, key), 0, share ? 1 : HUGE_VAL, 0, &v))
		PARLEY_TRY(parley__html_num(c->out, v, dec));
	else
		PARLEY_TRY(parley_buf__puts(c->out, "<span class=\"muted\">\xe2\x80\x93</span>"));
	error = parley_buf__puts(c->out, "</td>");
done:
	return error;
}

/* `parley ledger score --format json`: the score table and calibration. */
int parley_report__ledger_score_page(rctx *c, jnode *rows)
{
	size_t n = parley__rj_len(rows), i, k;
	rcal *series = NULL;
	double bins = 0, clip = 0.01;
	rstr by = parley__rj_str_at(c, c->root, "by");
	int error = 0, shared = 0;

	parley__rj_num_in(c, parley__rj_get(c->root, "bins"), 1, RPT_MAX_BINS, 1, &bins);
	parley__rj_num_in(c, parley__rj_get(c->root, "log_clip"), 0, 0.5, 0, &clip);
	parley__rj_bool_at(c, c->root, "shared", &shared);
	PARLEY_TRY(ledger_head(c, "How good were the forecasts?"));
	PARLEY_TRY(parley_buf__printf(c->out, "%zu row%s, by ", n, n == 1 ? "" : "s"));
	PARLEY_TRY(parley__html_esc(c->out, by.p ? by : parley__rstr_z("forecaster")));
	PARLEY_TRY(parley_buf__printf(c->out, "%s \xc2\xb7 %.0f calibration bins \xc2\xb7 log score in bits, clipped at %g</p>\n"
		"</header>\n<main>\n<section id=\"scores\" aria-labelledby=\"h-scores\">\n<h2 id=\"h-scores\">Scores</h2>\n"
		"<p>Only resolved questions are scored, each forecaster's latest forecast on each. Brier score: 0 is "
		"perfect, 0.25 is always saying 50%%; the range beside it moves every forecast given in words to the "
		"best and the worst end of its word's range. Log score in bits: 0 is perfect, 1 for a 50%% forecast. "
		"Brier = reliability \xe2\x88\x92 resolution + uncertainty (Murphy 1973).</p>\n",
		shared ? " \xc2\xb7 shared questions only" : "", bins, clip));
	PARLEY_TRY(parley_buf__puts(c->out, "<table class=\"wide scores\">\n<thead><tr><th>Forecaster</th><th>Kind</th>"
		"<th class=\"n\">Forecasts</th><th class=\"n\">Scored yes/no</th><th class=\"n\">Brier</th>"
		"<th class=\"n\">Log</th><th class=\"n\">Reliab.</th><th class=\"n\">Resol.</th><th class=\"n\">Uncert.</th>"
		"<th class=\"n\">Values: MAE, % of scale</th></tr></thead>\n<tbody>\n"));
	if (n) {
		series = parley__malloc(n * sizeof(*series));
		if (!series) {
			error = PARLEY_ENOMEM;
			goto done;
		}
		memset(series, 0, n * sizeof(*series));
	}
	for (i = 0; i < n; i++) {
		jnode *r = parley__rj_obj(c, parley__rj_at(rows, i)), *bin = parley__rj_obj_at(c, r, "binary"), *val = parley__rj_obj_at(c, r, "value");
		jnode *cal = parley__rj_arr_at(c, bin, "calibration");
		rstr group = parley__rj_str_at(c, r, "group"), kind = parley__rj_str_at(c, r, "kind");
		double v, lo, hi;
		PARLEY_TRY(parley__html_wrap(c->out, "<tr data-group=\"", group, "\"><td>"));
		PARLEY_TRY(parley__html_esc(c->out, group));
		PARLEY_TRY(parley__html_wrap(c->out, "</td><td>", kind, "</td>"));
		PARLEY_TRY(score_num(c, r, "forecasts", 0, 0));
		PARLEY_TRY(score_num(c, bin, "n", 0, 0));
		PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
		if (parley__rj_share_at(c, bin, "brier", &v)) {
			PARLEY_TRY(parley__html_num(c->out, v, 3));
			if (parley__rj_share_at(c, bin, "brier_best", &lo) && parley__rj_share_at(c, bin, "brier_worst", &hi) && (lo != v || hi != v))
				PARLEY_TRY(parley_buf__printf(c->out, "<span class=\"ci\">%.3f\xe2\x80\x93%.3f</span>", lo, hi));
		} else {
			PARLEY_TRY(parley_buf__puts(c->out, "<span class=\"muted\">\xe2\x80\x93</span>"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</td>"));
		PARLEY_TRY(score_num(c, bin, "log_score", 3, 0));
		PARLEY_TRY(score_num(c, bin, "reliability", 3, 1));
		PARLEY_TRY(score_num(c, bin, "resolution", 3, 1));
		PARLEY_TRY(score_num(c, bin, "uncertainty", 3, 1));
		/* in percent of each question's scale (docs/ledger.md); results of
		 * earlier versions give it as a fraction, mae_scaled */
		if (parley__rj_get(val, "mae_percent") ||
		    !parley__rj_num_in(c, parley__rj_get(val, "mae_scaled"), 0, HUGE_VAL, 0, &v)) {
			PARLEY_TRY(score_num(c, val, "mae_percent", 2, 0));
		} else {
			PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
			PARLEY_TRY(parley__html_num(c->out, 100 * v, 2));
			PARLEY_TRY(parley_buf__puts(c->out, "</td>"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</tr>\n"));
		series[i].name = group.p ? group : parley__rstr_z("?");
		series[i].model = parley__rstr_eq(kind, "model");
		series[i].brier = NAN;
		parley__rj_share_at(c, bin, "brier", &series[i].brier);
		parley__rj_count_at(c, bin, "n", &series[i].n);
		for (k = 0; k < parley__rj_len(cal) && k < RPT_MAX_BINS; k++) {
			jnode *e = parley__rj_at(cal, k);
			rcal *s = &series[i];
			s->lo[k] = s->hi[k] = 0;
			parley__rj_share_at(c, e, "lo", &s->lo[k]);
			if (parley__rj_share_at(c, e, "hi", &s->hi[k]) && s->hi[k] < s->lo[k])
				parley__rj_error(c, parley__rj_get(e, "hi"), "hi >= lo", "a calibration bin ends before it starts");
			s->count[k] = 0;
			parley__rj_count_at(c, e, "n", &s->count[k]);
			s->mean_p[k] = s->observed[k] = NAN;
			parley__rj_share_at(c, e, "mean_p", &s->mean_p[k]);
			parley__rj_share_at(c, e, "observed", &s->observed[k]);
			s->nbins = k + 1;
		}
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n</section>\n<section id=\"calibration\" aria-labelledby=\"h-cal\">\n"
		"<h2 id=\"h-cal\">Calibration</h2>\n"));
	PARLEY_TRY(calibration_figure(c, series, n));
	PARLEY_TRY(parley_buf__puts(c->out, "</section>\n"));
	PARLEY_TRY(ledger_foot(c));
done:
	parley__free(series);
	return error;
}

/* The forecast as read: "odds are high (80%)" or a value. */
static int forecast_cell(rctx *c, const lfc *f)
{
	rstr words = parley__rj_str_at(c, f->node, "words");
	int error = 0;
	if (words.p) {
		PARLEY_TRY(parley__html_wrap(c->out, "\xe2\x80\x9c", words, "\xe2\x80\x9d "));
	}
	if (isfinite(f->p)) {
		PARLEY_TRY(parley_buf__printf(c->out, "%s%g%%%s", words.p ? "(" : "", f->p * 100, words.p ? ")" : ""));
	} else if (isfinite(f->v)) {
		PARLEY_TRY(parley__html_short(c->out, f->v));
	}
done:
	return error;
}

/* `parley ledger export --format json`: forecasts with resolutions, scores
 * computed as `ledger score` does (latest forecast per forecaster and
 * question; log score in bits, clipped at 0.01), and calibration. */
/* The export being rendered: the questions (sorted by id), the forecasts in
 * the ledger's order, and a copy of them to sort. */
typedef struct {
	rctx *c;
	lq *qs;
	lfc *fs, *byq;
	size_t nq, nf;
	size_t nres, nopen, nunres;  /* questions resolved, unresolvable, open */
	rcal *series;                /* people pooled, then each model */
	size_t ns;
} lx_page;

/* Read the questions and their resolutions, sorted by id. */
static void lx_questions(lx_page *P, jnode *questions)
{
	rctx *c = P->c;
	lq *qs = P->qs;
	size_t i, nq = P->nq;

	for (i = 0; i < nq; i++) {
		jnode *q = parley__rj_obj(c, parley__rj_at(questions, i)), *res = parley__rj_obj_at(c, q, "resolution"), *out;
		lq *e = &qs[i];
		memset(e, 0, sizeof(*e));
		e->node = q;
		e->id = parley__rj_str_at(c, q, "id");
		if (!e->id.p)
			e->id = parley__rstr_z("");
		e->binary = !parley__rstr_eq(parley__rj_str_at(c, q, "kind"), "value");
		e->lo = e->hi = NAN;
		parley__rj_pair(c, parley__rj_get(q, "scale"), &e->lo, &e->hi);
		out = parley__rj_get(res, "outcome");
		if (out && !parley__rj_is_null(out)) {
			if (fy_node_get_type(out) == FYNT_SCALAR && fy_node_get_style(out) == FYNS_PLAIN) {
				if (parley__rj_num(c, out, &e->rv))
					e->res = 3;
			} else {
				rstr o = parley__rj_str(c, out);
				e->res = parley__rstr_eq(o, "yes") ? 1 : parley__rstr_eq(o, "no") ? 2 : parley__rstr_eq(o, "unresolvable") ? 4 : 0;
			}
		}
		P->nres += e->res >= 1 && e->res <= 3;
		P->nunres += e->res == 4;
		P->nopen += e->res == 0;
	}
	qsort(qs, nq, sizeof(*qs), lq_by_id);
}

/* Read the forecasts, each with its question, and mark the latest of each
 * forecaster on each question. */
static void lx_forecasts(lx_page *P, jnode *forecasts)
{
	rctx *c = P->c;
	lq *qs = P->qs;
	lfc *fs = P->fs, *byq = P->byq;
	size_t i, nq = P->nq, nf = P->nf;

	for (i = 0; i < nf; i++) {
		jnode *f = parley__rj_obj(c, parley__rj_at(forecasts, i));
		lfc *e = &fs[i];
		lq key, *hit;
		memset(e, 0, sizeof(*e));
		e->node = f;
		e->idx = i;
		e->q = parley__rj_str_at(c, f, "question");
		e->who = parley__rj_str_at(c, f, "forecaster");
		if (!e->q.p)
			e->q = parley__rstr_z("");
		if (!e->who.p)
			e->who = parley__rstr_z("");
		e->model = parley__rstr_eq(parley__rj_str_at(c, f, "kind"), "model");
		e->p = e->v = NAN;
		parley__rj_share_at(c, f, "probability", &e->p);
		parley__rj_num_at(c, f, "value", &e->v);
		key.id = e->q;
		hit = nq ? bsearch(&key, qs, nq, sizeof(*qs), lq_by_id) : NULL;
		e->qi = hit ? (long)(hit - qs) : -1;
	}
	/* the latest forecast of each forecaster on each question */
	memcpy(byq, fs, nf * sizeof(*fs));
	qsort(byq, nf, sizeof(*byq), lfc_by_question);
	for (i = 0; i < nf; i++)
		if (i + 1 == nf || parley__rstr_cmp(byq[i].q, byq[i + 1].q) || parley__rstr_cmp(byq[i].who, byq[i + 1].who))
			fs[byq[i].idx].latest = 1;
}

/* One forecaster's row of the scores, byq[i, j): its latest forecasts on
 * resolved questions; yes/no ones go into `own` (a model) or the pooled
 * people's calibration. */
static int lx_score_row(lx_page *P, size_t i, size_t j, rcal *own)
{
	rctx *c = P->c;
	const lfc *byq = P->byq;
	double nb = 0, brier = 0, logs = 0, nv = 0, mae = 0, nsc = 0;
	size_t g;
	int error;

	for (g = i; g < j; g++) {
		const lfc *f = &byq[g];
		const lq *q = f->qi >= 0 ? &P->qs[f->qi] : NULL;
		if (!P->fs[f->idx].latest || !q)
			continue;
		if ((q->res == 1 || q->res == 2) && isfinite(f->p)) {
			int yes = q->res == 1;
			double pc = fmin(fmax(f->p, 0.01), 0.99);
			nb++;
			brier += (f->p - yes) * (f->p - yes);
			logs += -log2(yes ? pc : 1 - pc);
			cal_add(own ? own : &P->series[0], f->p, yes);
		} else if (q->res == 3 && isfinite(f->v)) {
			/* in percent of the question's scale: errors on different
			 * scales do not add up in their own units */
			nv++;
			if (q->hi > q->lo) {
				nsc++;
				mae += 100 * fabs(f->v - q->rv) / (q->hi - q->lo);
			}
		}
	}
	PARLEY_TRY(parley__html_wrap(c->out, "<tr data-forecaster=\"", byq[i].who, "\"><td>"));
	PARLEY_TRY(parley__html_esc(c->out, byq[i].who));
	PARLEY_TRY(parley_buf__printf(c->out, "</td><td>%s</td><td class=\"n\">%zu</td><td class=\"n\">%.0f</td>",
		byq[i].model ? "model" : "person", j - i, nb));
	if (nb > 0)
	{
		PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\" data-brier=\""));
		PARLEY_TRY(parley__html_exact(c->out, brier / nb));
		PARLEY_TRY(parley_buf__printf(c->out, "\">%.3f</td><td class=\"n\">%.3f</td>", brier / nb, logs / nb));
	}
	else
		PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">\xe2\x80\x93</td><td class=\"n\">\xe2\x80\x93</td>"));
	PARLEY_TRY(parley_buf__printf(c->out, "<td class=\"n\">%.0f</td>", nv));
	if (nsc > 0)
		PARLEY_TRY(parley_buf__printf(c->out, "<td class=\"n\">%.2f</td></tr>\n", mae / nsc));
	else
		PARLEY_TRY(parley_buf__puts(c->out, "<td class=\"n\">\xe2\x80\x93</td></tr>\n"));
done:
	return error;
}

/* The scores per forecaster: people first, then models, each by name. */
static int lx_scores(lx_page *P)
{
	rctx *c = P->c;
	lfc *byq = P->byq;
	size_t i, j, nf = P->nf;
	int error;

	memcpy(byq, P->fs, nf * sizeof(*byq));
	qsort(byq, nf, sizeof(*byq), lfc_by_forecaster);
	P->series = parley__malloc((nf + 1) * sizeof(*P->series));
	if (!P->series)
		return PARLEY_ENOMEM;
	memset(P->series, 0, (nf + 1) * sizeof(*P->series));
	P->series[0].name = parley__rstr_z("people");
	P->series[0].brier = NAN;
	P->ns = 1;
	PARLEY_TRY(parley_buf__puts(c->out, "<section id=\"scores\" aria-labelledby=\"h-scores\">\n<h2 id=\"h-scores\">Scores by "
		"forecaster</h2>\n<p>Each forecaster's latest forecast on each resolved question. Brier score: 0 is perfect, "
		"0.25 is always saying 50%; log score in bits (probabilities clipped to [0.01, 0.99]): 0 is perfect, 1 for "
		"a 50% forecast. <code>parley ledger score</code> gives Murphy's decomposition as well.</p>\n"
		"<table class=\"wide scores\">\n<thead><tr><th>Forecaster</th><th>Kind</th><th class=\"n\">Forecasts</th>"
		"<th class=\"n\">Scored yes/no</th><th class=\"n\">Brier</th><th class=\"n\">Log</th>"
		"<th class=\"n\">Scored values</th><th class=\"n\">MAE, % of scale</th></tr></thead>\n<tbody>\n"));
	for (i = 0; i < nf; i = j) {
		rcal *own = NULL;
		for (j = i; j < nf && byq[j].model == byq[i].model && !parley__rstr_cmp(byq[j].who, byq[i].who); j++)
			;
		if (byq[i].model) {
			own = &P->series[P->ns++];
			own->name = byq[i].who;
			own->model = 1;
			own->brier = NAN;
		}
		PARLEY_TRY(lx_score_row(P, i, j, own));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n</section>\n<section id=\"calibration\" aria-labelledby=\"h-cal\">\n"
		"<h2 id=\"h-cal\">Calibration</h2>\n<p>People are pooled (each has too few forecasts for a curve of "
		"their own); each model is shown on its own. Ten bins of probability.</p>\n"));
	for (i = 0; i < P->ns; i++)
		cal_finish(&P->series[i]);
	if (P->series[0].n > 0)
		PARLEY_TRY(calibration_figure(c, P->series, P->ns));
	else
		PARLEY_TRY(calibration_figure(c, P->series + 1, P->ns - 1));
	PARLEY_TRY(parley_buf__puts(c->out, "</section>\n"));

done:
	return error;
}

/* One row of the forecasts: the question, the forecaster, the date, the
 * forecast, what happened and the score. */
static int lx_forecast_row(lx_page *P, const lfc *f)
{
	rctx *c = P->c;
	const lq *q = f->qi >= 0 ? &P->qs[f->qi] : NULL;
	rstr text = q ? parley__rj_str_at(c, q->node, "text") : parley__rstr_z(NULL);
	jnode *res = q ? parley__rj_obj_at(c, q->node, "resolution") : NULL;
	int error;

	PARLEY_TRY(parley_buf__printf(c->out, "<tr data-question=\""));
	PARLEY_TRY(parley__html_esc(c->out, f->q));
	PARLEY_TRY(parley__html_wrap(c->out, "\"><td>", text.p ? text : f->q, "<span class=\"ci\">"));
	PARLEY_TRY(parley__html_esc(c->out, f->q));
	PARLEY_TRY(parley__html_wrap(c->out, "</span></td><td>", f->who, "</td><td class=\"nm\">"));
	PARLEY_TRY(parley__html_esc(c->out, parley__rj_str_at(c, f->node, "date")));
	PARLEY_TRY(parley_buf__puts(c->out, "</td><td>"));
	PARLEY_TRY(forecast_cell(c, f));
	PARLEY_TRY(parley_buf__puts(c->out, "</td><td>"));
	if (!q || q->res == 0) {
		PARLEY_TRY(parley_buf__puts(c->out, "<span class=\"muted\">open</span>"));
	} else {
		rstr date = parley__rj_str_at(c, res, "date");
		if (q->res == 3)
			PARLEY_TRY(parley__html_short(c->out, q->rv));
		else
			PARLEY_TRY(parley_buf__puts(c->out, q->res == 1 ? "<strong>yes</strong>" : q->res == 2 ? "<strong>no</strong>" :
				"unresolvable"));
		if (date.p) {
			PARLEY_TRY(parley__html_wrap(c->out, "<span class=\"ci\">", date, "</span>"));
		}
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
	if (q && (q->res == 1 || q->res == 2) && isfinite(f->p))
		PARLEY_TRY(parley_buf__printf(c->out, "%.3f", (f->p - (q->res == 1)) * (f->p - (q->res == 1))));
	else if (q && q->res == 3 && isfinite(f->v))
		PARLEY_TRY(parley__html_short(c->out, fabs(f->v - q->rv)));
	if (!f->latest)
		PARLEY_TRY(parley_buf__puts(c->out, "<span class=\"ci\">superseded</span>"));
	PARLEY_TRY(parley_buf__puts(c->out, "</td></tr>\n"));
done:
	return error;
}

int parley_report__ledger_export_page(rctx *c, jnode *questions, jnode *forecasts)
{
	lx_page page, *P = &page;
	size_t i, nf, shown = 0;
	int error = 0;

	memset(P, 0, sizeof(*P));
	P->c = c;
	P->nq = parley__rj_len(questions);
	P->nf = nf = parley__rj_len(forecasts);
	P->qs = parley__malloc((P->nq ? P->nq : 1) * sizeof(*P->qs));
	P->fs = parley__malloc((nf ? nf : 1) * sizeof(*P->fs));
	P->byq = parley__malloc((nf ? nf : 1) * sizeof(*P->byq));
	if (!P->qs || !P->fs || !P->byq) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	lx_questions(P, questions);
	lx_forecasts(P, forecasts);
	PARLEY_TRY(ledger_head(c, "The forecast ledger: what was forecast, and what happened"));
	PARLEY_TRY(parley_buf__printf(c->out, "%zu forecasts on %zu questions \xc2\xb7 %zu resolved, %zu unresolvable, %zu open"
		"</p>\n</header>\n<main>\n", nf, P->nq, P->nres, P->nunres, P->nopen));
	PARLEY_TRY(lx_scores(P));
	/* the forecasts with their resolutions, in the ledger's order */
	PARLEY_TRY(parley_buf__puts(c->out, "<section id=\"forecasts\" aria-labelledby=\"h-fc\">\n<h2 id=\"h-fc\">Forecasts and "
		"resolutions</h2>\n<p>Score: (p \xe2\x88\x92 outcome)\xc2\xb2 for a yes/no question (the Brier score of the "
		"one forecast), the absolute error for a value. A forecast superseded by a later one of the same "
		"forecaster is not scored.</p>\n<table class=\"wide forecasts\">\n<thead><tr><th>Question</th>"
		"<th>Forecaster</th><th>Date</th><th>Forecast</th><th>What happened</th><th class=\"n\">Score</th></tr></thead>\n"
		"<tbody>\n"));
	for (i = 0; i < nf && shown < 1000; i++, shown++)
		PARLEY_TRY(lx_forecast_row(P, &P->fs[i]));
	PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
	if (nf > shown)
		PARLEY_TRY(parley_buf__printf(c->out, "<p class=\"muted\">The first %zu of %zu forecasts.</p>\n", shown, nf));
	PARLEY_TRY(parley_buf__puts(c->out, "</section>\n"));
	PARLEY_TRY(ledger_foot(c));
done:
	parley__free(P->qs);
	parley__free(P->fs);
	parley__free(P->byq);
	parley__free(P->series);
	return error;
}
