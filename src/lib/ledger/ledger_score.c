/*
 * ledger_score.c - scoring forecasts against what happened.
 *
 * Binary questions (outcome o = 1 for yes, 0 for no; forecast p):
 *  - Brier score (Brier 1950, in its common one-term form): mean (p - o)^2;
 *  - log score: mean -log2 q, q = p when o = 1 and 1 - p when o = 0, with p
 *    clipped to [e, 1 - e] (e = log_clip, default 0.01, so one forecast
 *    costs at most log2(1/e) = 6.64 bits);
 *  - Murphy's (1973) partition of the Brier score: with the forecasts
 *    grouped by their distinct values, BS = REL - RES + UNC exactly
 *    (reliability: how far each value is from the frequency it is followed
 *    by; resolution: how far those frequencies are from the base rate;
 *    uncertainty: the base rate's variance);
 *  - a calibration table over equal bins of [0, 1] (bin floor(p * B), the
 *    last bin closed), for reading only: Murphy's terms use the distinct
 *    values, not the bins, so that the identity is exact.
 * Value questions: absolute error |x - v| in percent of the width of the
 * question's scale (questions on different scales, percent enrichment and
 * centrifuge counts, can only be averaged that way), and in the questions'
 * own units only where every one a forecaster is scored on shares one
 * scale.
 *
 * Which forecasts count: per question and forecaster the latest (by date,
 * then the order added), so that repeated records do not weigh twice; with
 * `shared`, only on questions that people and models both forecast.
 * Sums run in a fixed order (sorted), so the same ledger gives the same bits.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ledger_internal.h"

typedef struct {
	double p;
	int o;
	size_t seq;
} pair;

static int cmp_pair(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	if (x->o != y->o)
		return x->o - y->o;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int check_opts(const parley_ledger_score_options *o)
{
	PARLEY_ASSERT_ARG(o->version == PARLEY_LEDGER_SCORE_OPTIONS_VERSION);
	PARLEY_ASSERT_ARG(o->bins >= 1 && o->bins <= PARLEY_LEDGER_MAX_BINS);
	PARLEY_ASSERT_ARG(o->log_clip > 0 && o->log_clip < 0.5);
	PARLEY_ASSERT_ARG(o->by == PARLEY_LEDGER_BY_FORECASTER || o->by == PARLEY_LEDGER_BY_MODEL);
	return 0;
}

int parley_ledger_score_binary(parley_ledger_binary_score *out, const double *p,
	const double *p_lo, const double *p_hi, const int *outcome, size_t n,
	const parley_ledger_score_options *opts)
{
	parley_ledger_score_options o = PARLEY_LEDGER_SCORE_OPTIONS_INIT;
	double sb = 0, sl = 0, sbest = 0, sworst = 0, rel = 0, res = 0, obar;
	double bsum[PARLEY_LEDGER_MAX_BINS], bhit[PARLEY_LEDGER_MAX_BINS];
	size_t i, j, k, hits = 0;
	pair *pr;
	int error;

	PARLEY_ASSERT_ARG(out);
	if (opts)
		o = *opts;
	if ((error = check_opts(&o)) < 0)
		return error;
	PARLEY_ASSERT_ARG(n == 0 || (p && outcome));
	for (i = 0; i < n; i++) {
		if (!(p[i] >= 0 && p[i] <= 1))
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
				"probability %g is not in [0, 1]", p[i]);
		if (outcome[i] != 0 && outcome[i] != 1)
			return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "outcome %d is not 0 or 1",
				outcome[i]);
	}
	memset(out, 0, sizeof(*out));
	out->n = n;
	out->bin_count = o.bins;
	for (k = 0; k < o.bins; k++) {
		out->bins[k].lo = (double)k / (double)o.bins;
		out->bins[k].hi = (double)(k + 1) / (double)o.bins;
		out->bins[k].mean_p = out->bins[k].observed = NAN;
		bsum[k] = bhit[k] = 0;
	}
	if (n == 0) {
		out->brier = out->log_score = out->reliability = out->resolution = NAN;
		out->uncertainty = out->brier_best = out->brier_worst = NAN;
		return 0;
	}
	pr = parley__malloc(n * sizeof(*pr));
	if (!pr)
		return PARLEY_ENOMEM;
	for (i = 0; i < n; i++) {
		double q = p[i], d = p[i] - outcome[i], best = p[i], worst = p[i];
		double lo = p_lo ? p_lo[i] : NAN, hi = p_hi ? p_hi[i] : NAN;
		if (q < o.log_clip)
			q = o.log_clip;
		if (q > 1 - o.log_clip)
			q = 1 - o.log_clip;
		sb += d * d;
		sl += -log2(outcome[i] ? q : 1 - q);
		if (!isnan(lo) && !isnan(hi)) {
			best = outcome[i] ? hi : lo;
			worst = outcome[i] ? lo : hi;
		}
		sbest += (best - outcome[i]) * (best - outcome[i]);
		sworst += (worst - outcome[i]) * (worst - outcome[i]);
		hits += (size_t)outcome[i];
		k = (size_t)floor(p[i] * (double)o.bins);
		if (k >= o.bins)
			k = o.bins - 1;
		out->bins[k].n++;
		bsum[k] += p[i];
		bhit[k] += outcome[i];
		pr[i].p = p[i];
		pr[i].o = outcome[i];
		pr[i].seq = i;
	}
	out->brier = sb / (double)n;
	out->log_score = sl / (double)n;
	out->brier_best = sbest / (double)n;
	out->brier_worst = sworst / (double)n;
	obar = (double)hits / (double)n;
	out->uncertainty = obar * (1 - obar);
	qsort(pr, n, sizeof(*pr), cmp_pair);
	for (i = 0; i < n; i = j) {
		double ok = 0, nk, fk = pr[i].p;
		for (j = i; j < n && pr[j].p == fk; j++)
			ok += pr[j].o;
		nk = (double)(j - i);
		ok /= nk;
		rel += nk * (fk - ok) * (fk - ok);
		res += nk * (ok - obar) * (ok - obar);
	}
	out->reliability = rel / (double)n;
	out->resolution = res / (double)n;
	for (k = 0; k < o.bins; k++)
		if (out->bins[k].n) {
			out->bins[k].mean_p = bsum[k] / (double)out->bins[k].n;
			out->bins[k].observed = bhit[k] / (double)out->bins[k].n;
		}
	parley__free(pr);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Score tables                                                         */
/* ------------------------------------------------------------------ */

typedef struct {
	const char *group;
	parley_ledger_forecaster_kind kind;
	int state;          /* 0 scored, 1 open, 2 unresolvable */
	int binary;
	double p, lo, hi;
	int o;
	double err, err_pct;     /* value questions; err_pct (percent of the width) NaN without a scale */
	double qlo, qhi;         /* the value question's scale (NaN when unknown) */
	size_t seq;
} item;

static int cmp_item(const void *a, const void *b)
{
	const item *x = a, *y = b;
	int c;
	if (x->kind != y->kind)
		return x->kind == PARLEY_LEDGER_PERSON ? -1 : 1;
	if ((c = strcmp(x->group, y->group)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void parley_ledger_scores_free(parley_ledger_scores *s)
{
	if (!s)
		return;
	parley__free(s->rows);
	parley_arena__dispose(&s->arena);
	parley__free(s);
}

size_t parley_ledger_scores_count(const parley_ledger_scores *s)
{
	return s ? s->count : 0;
}

const parley_ledger_score_row *parley_ledger_scores_row(const parley_ledger_scores *s, size_t i)
{
	return s && i < s->count ? &s->rows[i] : NULL;
}

const parley_ledger_score_options *parley_ledger_scores_options(const parley_ledger_scores *s)
{
	return s ? &s->opts : NULL;
}

/* Score the run items[from, to) of one group into `row`. */
static int score_group(parley_ledger_score_row *row, const item *items, size_t from, size_t to,
	const parley_ledger_score_options *o)
{
	double *p, *lo, *hi, se = 0, ss = 0, slo = NAN, shi = NAN;
	int *oc, same = 1;
	size_t i, nb = 0, nv = 0, ns = 0, count = to - from;
	int error;

	p = parley__malloc((count + 1) * sizeof(double));
	lo = parley__malloc((count + 1) * sizeof(double));
	hi = parley__malloc((count + 1) * sizeof(double));
	oc = parley__malloc((count + 1) * sizeof(int));
	if (!p || !lo || !hi || !oc) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	row->forecasts = count;
	for (i = from; i < to; i++) {
		const item *it = &items[i];
		if (it->state == 1) {
			row->open++;
		} else if (it->state == 2) {
			row->unresolvable++;
		} else if (it->binary) {
			p[nb] = it->p;
			lo[nb] = it->lo;
			hi[nb] = it->hi;
			oc[nb] = it->o;
			nb++;
		} else {
			/* one scale (unknown counts as one of its own) for the units' MAE */
			if (!nv) {
				slo = it->qlo;
				shi = it->qhi;
			} else if (!(it->qlo == slo || (isnan(it->qlo) && isnan(slo))) ||
				   !(it->qhi == shi || (isnan(it->qhi) && isnan(shi)))) {
				same = 0;
			}
			se += it->err;
			nv++;
			if (!isnan(it->err_pct)) {
				ss += it->err_pct;
				ns++;
			}
		}
	}
	error = parley_ledger_score_binary(&row->binary, p, lo, hi, oc, nb, o);
	row->value_n = nv;
	row->same_scale = nv ? same : 1;
	row->mae = nv && same ? se / (double)nv : NAN;
	row->mae_percent = ns ? ss / (double)ns : NAN;
done:
	parley__free(p);
	parley__free(lo);
	parley__free(hi);
	parley__free(oc);
	return error;
}

int parley_ledger_scores_compute(parley_ledger_scores **out, const parley_ledger_view *v,
	const parley_ledger_score_options *opts)
{
	parley_ledger_score_options o = PARLEY_LEDGER_SCORE_OPTIONS_INIT;
	parley_ledger_scores *s;
	item *items = NULL;
	size_t n = 0, e, i, j, groups;
	int error;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(v);
	if (opts)
		o = *opts;
	if ((error = check_opts(&o)) < 0)
		return error;
	s = parley__calloc(1, sizeof(*s));
	if (!s)
		return PARLEY_ENOMEM;
	s->opts = o;
	items = parley__malloc((v->forecast_count + 1) * sizeof(*items));
	if (!items) {
		parley_ledger_scores_free(s);
		return PARLEY_ENOMEM;
	}
	for (e = 0; e < v->entry_count; e++) {
		const parley_ledger_entry *en = &v->entries[e];
		const parley_ledger_resolution *r = &en->resolution;
		if (o.shared) {
			int person = 0, model = 0;
			for (i = en->first_forecast; i < en->first_forecast + en->forecast_count; i++) {
				person |= v->forecasts[i].forecaster_kind == PARLEY_LEDGER_PERSON;
				model |= v->forecasts[i].forecaster_kind == PARLEY_LEDGER_MODEL;
			}
			if (!person || !model)
				continue;
		}
		for (i = en->first_forecast; i < en->first_forecast + en->forecast_count; i++) {
			const parley_ledger_forecast *f = &v->forecasts[i];
			item *it;
			/* Only the latest forecast of each forecaster on the question:
			 * forecasts are sorted by date, forecaster and order added. */
			for (j = i + 1; j < en->first_forecast + en->forecast_count; j++)
				if (v->forecasts[j].forecaster_kind == f->forecaster_kind &&
				    !strcmp(v->forecasts[j].forecaster, f->forecaster))
					break;
			if (j < en->first_forecast + en->forecast_count)
				continue;
			it = &items[n];
			memset(it, 0, sizeof(*it));
			it->seq = n++;
			it->kind = f->forecaster_kind;
			it->group = o.by == PARLEY_LEDGER_BY_MODEL && f->forecaster_kind == PARLEY_LEDGER_PERSON ?
				"people" : f->forecaster;
			it->binary = en->question.kind == PARLEY_LEDGER_BINARY;
			if (r->outcome == PARLEY_LEDGER_OPEN) {
				it->state = 1;
			} else if (r->outcome == PARLEY_LEDGER_UNRESOLVABLE) {
				it->state = 2;
			} else if (it->binary) {
				it->p = f->probability;
				it->lo = f->p_lo;
				it->hi = f->p_hi;
				it->o = r->outcome == PARLEY_LEDGER_YES;
			} else {
				double w = en->question.hi - en->question.lo;
				it->err = fabs(f->value - r->value);
				it->err_pct = w > 0 ? 100 * it->err / w : NAN;
				it->qlo = en->question.lo;
				it->qhi = en->question.hi;
			}
		}
	}
	qsort(items, n, sizeof(*items), cmp_item);
	for (i = 0, groups = 0; i < n; i = j, groups++)
		for (j = i + 1; j < n && items[j].kind == items[i].kind &&
		     !strcmp(items[j].group, items[i].group); j++)
			;
	s->rows = parley__calloc(groups + 1, sizeof(*s->rows));
	if (!s->rows) {
		error = PARLEY_ENOMEM;
		goto fail;
	}
	for (i = 0; i < n; i = j) {
		parley_ledger_score_row *row = &s->rows[s->count++];
		for (j = i + 1; j < n && items[j].kind == items[i].kind &&
		     !strcmp(items[j].group, items[i].group); j++)
			;
		row->group = parley_arena__strdup(&s->arena, items[i].group);
		row->kind = items[i].kind;
		if (!row->group) {
			error = PARLEY_ENOMEM;
			goto fail;
		}
		if ((error = score_group(row, items, i, j, &o)) < 0)
			goto fail;
	}
	parley__free(items);
	*out = s;
	return 0;
fail:
	parley__free(items);
	parley_ledger_scores_free(s);
	return error;
}
