/*
 * ledger_output.c - the ledger's views, score tables and word table as
 * readable text, JSON or CSV. Pure functions of their input: the same view
 * gives the same bytes. JSON and CSV print doubles so that they read back
 * exactly; text rounds them for reading.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "json.h"
#include "ledger_internal.h"

/* ---- JSON ---- */

/* [lo, hi], or null when either is unknown */
static void jpair(parley_json *w, double lo, double hi)
{
	if (isnan(lo) || isnan(hi)) {
		parley_json__null(w);
		return;
	}
	parley_json__begin_array(w);
	parley_json__number(w, lo);
	parley_json__number(w, hi);
	parley_json__end_array(w);
}

/* The document ends its line and the text; the caller checks once. */
static int json_done(parley_json *w)
{
	int error = parley_json__finish(w);
	return error < 0 ? error : parley_buf__puts(w->buf, "\n");
}

/* The end of a view or score table: its last list of `count` items (on
 * lines of their own, the bracket on the next) and the document. */
static int json_end_list(parley_json *w, size_t count)
{
	if (count)
		parley_json__break(w, 2);
	parley_json__end_array(w);
	parley_json__break(w, 0);
	parley_json__end_object(w);
	return json_done(w);
}

/* ---- CSV (RFC 4180: quote fields holding a comma, quote or line break) ---- */

/* ---- text ---- */

/* Characters (UTF-8 code points) of s. */
static size_t width(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* s, cut to `w` characters (with "..." when cut), padded with blanks to w. */
static int tcell(parley_buf *b, const char *s, size_t w)
{
	size_t n = width(s), i, bytes = 0, chars = 0;
	int error = 0;

	if (!s)
		s = "";
	if (n > w && w > 3) {
		while (s[bytes] && chars < w - 3) {
			bytes++;
			while (((unsigned char)s[bytes] & 0xC0) == 0x80)
				bytes++;
			chars++;
		}
		PARLEY_TRY(parley_buf__put(b, s, bytes));
		return parley_buf__puts(b, "...");
	}
	PARLEY_TRY(parley_buf__puts(b, s));
	for (i = n; i < w; i++)
		PARLEY_TRY(parley_buf__puts(b, " "));
done:
	return error;
}

/* A number with `dec` decimals right-aligned in `w`, or "-" when NaN. */
static int tnum(parley_buf *b, double v, int dec, int w)
{
	if (isnan(v))
		return parley_buf__printf(b, "%*s", w, "-");
	if (v == 0)
		v = 0; /* no "-0.000" */
	return parley_buf__printf(b, "%*.*f", w, dec, v);
}

/* A value as written (shortest exact form). */
static int tval(parley_buf *b, double v)
{
	char tmp[40];
	parley__fmt_double(tmp, sizeof(tmp), v);
	return parley_buf__puts(b, tmp);
}

static const char *kind_name(parley_ledger_kind k)
{
	return k == PARLEY_LEDGER_VALUE ? "value" : "binary";
}

static const char *who_kind(parley_ledger_forecaster_kind k)
{
	return k == PARLEY_LEDGER_MODEL ? "model" : "person";
}

/* ------------------------------------------------------------------ */
/* Views                                                                */
/* ------------------------------------------------------------------ */

static int view_text(parley_buf *b, const parley_ledger_view *v)
{
	size_t e, i, nres = 0, nunr = 0;
	int error = 0;

	for (e = 0; e < v->entry_count; e++) {
		nres += v->entries[e].resolution.outcome != PARLEY_LEDGER_OPEN &&
			v->entries[e].resolution.outcome != PARLEY_LEDGER_UNRESOLVABLE;
		nunr += v->entries[e].resolution.outcome == PARLEY_LEDGER_UNRESOLVABLE;
	}
	PARLEY_TRY(parley_buf__printf(b, "%zu question%s, %zu forecast%s; %zu resolved, %zu unresolvable, %zu open\n",
		v->entry_count, v->entry_count == 1 ? "" : "s", v->forecast_count,
		v->forecast_count == 1 ? "" : "s", nres, nunr, v->entry_count - nres - nunr));
	for (e = 0; e < v->entry_count; e++) {
		const parley_ledger_entry *en = &v->entries[e];
		const parley_ledger_question *q = &en->question;
		const parley_ledger_resolution *r = &en->resolution;

		PARLEY_TRY(parley_buf__printf(b, "\n%s  (%s", q->id,
			q->kind == PARLEY_LEDGER_VALUE ? "value" : "yes/no"));
		if (q->kind == PARLEY_LEDGER_VALUE && !isnan(q->lo)) {
			PARLEY_TRY(parley_buf__puts(b, " on "));
			PARLEY_TRY(tval(b, q->lo));
			PARLEY_TRY(parley_buf__puts(b, " to "));
			PARLEY_TRY(tval(b, q->hi));
		}
		PARLEY_TRY(parley_buf__puts(b, ")\n"));
		if (q->text)
			PARLEY_TRY(parley_buf__printf(b, "  %s\n", q->text));
		switch (r->outcome) {
		case PARLEY_LEDGER_OPEN:
			PARLEY_TRY(parley_buf__puts(b, "  open\n"));
			break;
		case PARLEY_LEDGER_UNRESOLVABLE:
			PARLEY_TRY(parley_buf__printf(b, "  unresolvable (%s): %s\n", r->date ? r->date : "?",
				r->note ? r->note : ""));
			PARLEY_TRY(parley_buf__printf(b, "    source: %s\n", r->source ? r->source : ""));
			break;
		default:
			PARLEY_TRY(parley_buf__puts(b, "  resolved "));
			if (r->outcome == PARLEY_LEDGER_RESOLVED_VALUE)
				PARLEY_TRY(tval(b, r->value));
			else
				PARLEY_TRY(parley_buf__puts(b, parley_ledger_outcome_name(r->outcome)));
			PARLEY_TRY(parley_buf__printf(b, " on %s: %s\n", r->date ? r->date : "?",
				r->source ? r->source : ""));
			if (r->note)
				PARLEY_TRY(parley_buf__printf(b, "    note: %s\n", r->note));
		}
		for (i = en->first_forecast; i < en->first_forecast + en->forecast_count; i++) {
			const parley_ledger_forecast *f = &v->forecasts[i];
			char who[600];
			snprintf(who, sizeof(who), "%s%s", f->forecaster,
				f->forecaster_kind == PARLEY_LEDGER_MODEL ? " [model]" : "");
			PARLEY_TRY(parley_buf__printf(b, "  %s  ", f->date));
			PARLEY_TRY(tcell(b, who, 36));
			if (!isnan(f->probability))
				PARLEY_TRY(tnum(b, f->probability, 3, 7));
			else
				PARLEY_TRY(tnum(b, f->value, 2, 7));
			if (f->words) {
				PARLEY_TRY(parley_buf__printf(b, "  \"%s\"", f->words));
				if (!isnan(f->p_lo))
					PARLEY_TRY(parley_buf__printf(b, " (%.3g-%.3g)", f->p_lo, f->p_hi));
			}
			PARLEY_TRY(parley_buf__puts(b, "\n"));
			if (f->quote)
				PARLEY_TRY(parley_buf__printf(b, "      \"%s\"\n", f->quote));
		}
	}
done:
	return error;
}

static int view_json(parley_buf *b, const parley_ledger_view *v)
{
	parley_json w;
	size_t e, i;

	parley_json__init(&w, b);
	parley_json__begin_object(&w);
	parley_json__break(&w, 2);
	parley_json__kint(&w, "parley_ledger", 1);
	parley_json__break(&w, 2);
	parley_json__kstring(&w, "parley_version", parley_version());
	parley_json__break(&w, 2);
	parley_json__key(&w, "questions");
	parley_json__begin_array(&w);
	for (e = 0; e < v->entry_count; e++) {
		const parley_ledger_question *q = &v->entries[e].question;
		const parley_ledger_resolution *r = &v->entries[e].resolution;
		parley_json__break(&w, 4);
		parley_json__begin_object(&w);
		parley_json__kstring(&w, "id", q->id);
		parley_json__kstring(&w, "kind", kind_name(q->kind));
		parley_json__kstring(&w, "text", q->text);
		parley_json__key(&w, "scale");
		jpair(&w, q->lo, q->hi);
		parley_json__break(&w, 5);
		parley_json__key(&w, "resolution");
		if (r->outcome == PARLEY_LEDGER_OPEN) {
			parley_json__null(&w);
		} else {
			parley_json__begin_object(&w);
			parley_json__key(&w, "outcome");
			if (r->outcome == PARLEY_LEDGER_RESOLVED_VALUE)
				parley_json__number(&w, r->value);
			else
				parley_json__string(&w, parley_ledger_outcome_name(r->outcome));
			parley_json__kstring(&w, "date", r->date);
			parley_json__kstring(&w, "source", r->source);
			parley_json__kstring(&w, "note", r->note);
			parley_json__end_object(&w);
		}
		parley_json__end_object(&w);
	}
	if (v->entry_count)
		parley_json__break(&w, 2);
	parley_json__end_array(&w);
	parley_json__break(&w, 2);
	parley_json__key(&w, "forecasts");
	parley_json__begin_array(&w);
	for (i = 0; i < v->forecast_count; i++) {
		const parley_ledger_forecast *f = &v->forecasts[i];
		parley_json__break(&w, 4);
		parley_json__begin_object(&w);
		parley_json__kstring(&w, "question", f->question);
		parley_json__kstring(&w, "forecaster", f->forecaster);
		parley_json__kstring(&w, "kind", who_kind(f->forecaster_kind));
		parley_json__kstring(&w, "date", f->date);
		parley_json__break(&w, 5);
		parley_json__knumber(&w, "probability", f->probability);
		parley_json__knumber(&w, "value", f->value);
		parley_json__kstring(&w, "words", f->words);
		parley_json__key(&w, "range");
		jpair(&w, f->p_lo, f->p_hi);
		parley_json__break(&w, 5);
		parley_json__kstring(&w, "quote", f->quote);
		parley_json__kstring(&w, "source", f->source);
		parley_json__kstring(&w, "note", f->note);
		parley_json__break(&w, 5);
		parley_json__kstring(&w, "scenario_sha256", f->scenario_sha256);
		parley_json__kstring(&w, "parley_version", f->parley_version);
		if (f->has_seed) {
			parley_json__kuint(&w, "seed", f->seed);
			parley_json__kuint(&w, "draws", f->draws);
		} else {
			parley_json__key(&w, "seed");
			parley_json__null(&w);
			parley_json__key(&w, "draws");
			parley_json__null(&w);
		}
		parley_json__end_object(&w);
	}
	return json_end_list(&w, v->forecast_count);
}

static int view_csv_question(parley_buf *b, const parley_ledger_entry *en)
{
	const parley_ledger_question *q = &en->question;
	const parley_ledger_resolution *r = &en->resolution;
	int error = 0;

	PARLEY_TRY(parley_buf__csv_str(b, q->id));
	PARLEY_TRY(parley_buf__printf(b, ",%s,", kind_name(q->kind)));
	PARLEY_TRY(parley_buf__csv_str(b, q->text));
	PARLEY_TRY(parley_buf__puts(b, ","));
	PARLEY_TRY(parley_buf__csv_num(b, q->lo));
	PARLEY_TRY(parley_buf__puts(b, ","));
	PARLEY_TRY(parley_buf__csv_num(b, q->hi));
	PARLEY_TRY(parley_buf__printf(b, ",%s,", parley_ledger_outcome_name(r->outcome)));
	if (r->outcome == PARLEY_LEDGER_RESOLVED_VALUE)
		PARLEY_TRY(parley_buf__csv_num(b, r->value));
	PARLEY_TRY(parley_buf__puts(b, ","));
	PARLEY_TRY(parley_buf__csv_str(b, r->date));
	PARLEY_TRY(parley_buf__puts(b, ","));
	PARLEY_TRY(parley_buf__csv_str(b, r->source));
	PARLEY_TRY(parley_buf__puts(b, ","));
	error = parley_buf__csv_str(b, r->note);
done:
	return error;
}

static int view_csv(parley_buf *b, const parley_ledger_view *v)
{
	size_t e, i;
	int error = 0;

	PARLEY_TRY(parley_buf__puts(b, "question,question_kind,question_text,scale_lo,scale_hi,outcome,"
		"outcome_value,resolved_on,resolution_source,resolution_note,forecaster,forecaster_kind,"
		"date,probability,value,words,p_lo,p_hi,quote,source,note,scenario_sha256,parley_version,"
		"seed,draws\n"));
	for (e = 0; e < v->entry_count; e++) {
		const parley_ledger_entry *en = &v->entries[e];
		if (!en->forecast_count) {
			PARLEY_TRY(view_csv_question(b, en));
			PARLEY_TRY(parley_buf__puts(b, ",,,,,,,,,,,,,,,\n"));
			continue;
		}
		for (i = en->first_forecast; i < en->first_forecast + en->forecast_count; i++) {
			const parley_ledger_forecast *f = &v->forecasts[i];
			PARLEY_TRY(view_csv_question(b, en));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, f->forecaster));
			PARLEY_TRY(parley_buf__printf(b, ",%s,", who_kind(f->forecaster_kind)));
			PARLEY_TRY(parley_buf__csv_str(b, f->date));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_num(b, f->probability));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_num(b, f->value));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, f->words));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_num(b, f->p_lo));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_num(b, f->p_hi));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, f->quote));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, f->source));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, f->note));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, f->scenario_sha256));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, f->parley_version));
			if (f->has_seed)
				PARLEY_TRY(parley_buf__printf(b, ",%llu,%llu\n", (unsigned long long)f->seed,
					(unsigned long long)f->draws));
			else
				PARLEY_TRY(parley_buf__puts(b, ",,\n"));
		}
	}
done:
	return error;
}

int parley_ledger_render_view(parley_buf *out, const parley_ledger_view *v, parley_ledger_format fmt)
{
	PARLEY_ASSERT_ARG(out && v);
	switch (fmt) {
	case PARLEY_LEDGER_TEXT: return view_text(out, v);
	case PARLEY_LEDGER_JSON: return view_json(out, v);
	case PARLEY_LEDGER_CSV: return view_csv(out, v);
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "unknown ledger format %d", (int)fmt);
	}
}

/* ------------------------------------------------------------------ */
/* Scores                                                               */
/* ------------------------------------------------------------------ */

static size_t name_width(const parley_ledger_scores *s)
{
	size_t w = 10, i;
	for (i = 0; i < s->count; i++) {
		size_t n = width(s->rows[i].group);
		if (n > w)
			w = n;
	}
	return w > 36 ? 36 : w;
}

static int scores_text(parley_buf *b, const parley_ledger_scores *s)
{
	const parley_ledger_score_options *o = &s->opts;
	size_t i, k, w = name_width(s), any_value = 0, any_unscored = 0;
	int error = 0;

	PARLEY_TRY(parley_buf__printf(b, "Yes/no questions: Brier score (0 best, 1 worst), log score (bits, "
		"0 best; p clipped to [%g, %g]),\nMurphy's reliability - resolution + uncertainty = Brier, "
		"and the Brier score with each word at the best / worst end of its range.\n\n",
		o->log_clip, 1 - o->log_clip));
	PARLEY_TRY(tcell(b, o->by == PARLEY_LEDGER_BY_MODEL ? "Model" : "Forecaster", w));
	PARLEY_TRY(parley_buf__puts(b, "  Kind       n   Brier    Log   Reliab  Resol  Uncert  Words best-worst\n"));
	for (i = 0; i < s->count; i++) {
		const parley_ledger_score_row *r = &s->rows[i];
		const parley_ledger_binary_score *bs = &r->binary;
		any_value |= r->value_n;
		any_unscored |= r->open + r->unresolvable;
		if (!bs->n)
			continue;
		PARLEY_TRY(tcell(b, r->group, w));
		PARLEY_TRY(parley_buf__printf(b, "  %-6s %5zu ", who_kind(r->kind), bs->n));
		PARLEY_TRY(tnum(b, bs->brier, 3, 7));
		PARLEY_TRY(tnum(b, bs->log_score, 3, 7));
		PARLEY_TRY(tnum(b, bs->reliability, 3, 8));
		PARLEY_TRY(tnum(b, bs->resolution, 3, 7));
		PARLEY_TRY(tnum(b, bs->uncertainty, 3, 8));
		PARLEY_TRY(parley_buf__puts(b, "  "));
		PARLEY_TRY(tnum(b, bs->brier_best, 3, 5));
		PARLEY_TRY(parley_buf__puts(b, "-"));
		PARLEY_TRY(tnum(b, bs->brier_worst, 3, 5));
		PARLEY_TRY(parley_buf__puts(b, "\n"));
	}
	if (any_value) {
		PARLEY_TRY(parley_buf__puts(b, "\nValue questions: mean absolute error in percent of each question's "
			"scale, and in the questions' units where they share one scale.\n\n"));
		PARLEY_TRY(tcell(b, o->by == PARLEY_LEDGER_BY_MODEL ? "Model" : "Forecaster", w));
		PARLEY_TRY(parley_buf__puts(b, "  Kind       n  MAE % of scale  MAE in units\n"));
		for (i = 0; i < s->count; i++) {
			const parley_ledger_score_row *r = &s->rows[i];
			if (!r->value_n)
				continue;
			PARLEY_TRY(tcell(b, r->group, w));
			PARLEY_TRY(parley_buf__printf(b, "  %-6s %5zu ", who_kind(r->kind), r->value_n));
			PARLEY_TRY(tnum(b, r->mae_percent, 2, 15));
			if (r->same_scale)
				PARLEY_TRY(tnum(b, r->mae, 3, 14));
			else
				PARLEY_TRY(parley_buf__puts(b, "  mixed scales"));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
	}
	if (any_unscored) {
		PARLEY_TRY(parley_buf__puts(b, "\nNot scored (latest forecast per question):\n"));
		for (i = 0; i < s->count; i++) {
			const parley_ledger_score_row *r = &s->rows[i];
			if (!r->open && !r->unresolvable)
				continue;
			PARLEY_TRY(parley_buf__puts(b, "  "));
			PARLEY_TRY(tcell(b, r->group, w));
			PARLEY_TRY(parley_buf__printf(b, "  %zu open, %zu unresolvable\n", r->open, r->unresolvable));
		}
	}
	PARLEY_TRY(parley_buf__printf(b, "\nCalibration (%zu bins): forecasts per bin, their mean probability "
		"and how often the event happened.\n", o->bins));
	for (i = 0; i < s->count; i++) {
		const parley_ledger_binary_score *bs = &s->rows[i].binary;
		if (!bs->n)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "\n  %s\n    bin            n   mean p  observed\n", s->rows[i].group));
		for (k = 0; k < bs->bin_count; k++) {
			const parley_ledger_bin *bn = &bs->bins[k];
			if (!bn->n)
				continue;
			PARLEY_TRY(parley_buf__printf(b, "    [%.2f, %.2f%c %4zu ", bn->lo, bn->hi,
				k + 1 == bs->bin_count ? ']' : ')', bn->n));
			PARLEY_TRY(tnum(b, bn->mean_p, 3, 8));
			PARLEY_TRY(tnum(b, bn->observed, 3, 10));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
	}
done:
	return error;
}

static int scores_json(parley_buf *b, const parley_ledger_scores *s)
{
	const parley_ledger_score_options *o = &s->opts;
	parley_json w;
	size_t i, k;

	parley_json__init(&w, b);
	parley_json__begin_object(&w);
	parley_json__break(&w, 2);
	parley_json__kstring(&w, "parley_version", parley_version());
	parley_json__break(&w, 2);
	parley_json__kstring(&w, "by", o->by == PARLEY_LEDGER_BY_MODEL ? "model" : "forecaster");
	parley_json__kbool(&w, "shared", o->shared);
	parley_json__kuint(&w, "bins", o->bins);
	parley_json__knumber(&w, "log_clip", o->log_clip);
	parley_json__kint(&w, "log_base", 2);
	parley_json__break(&w, 2);
	parley_json__key(&w, "rows");
	parley_json__begin_array(&w);
	for (i = 0; i < s->count; i++) {
		const parley_ledger_score_row *r = &s->rows[i];
		const parley_ledger_binary_score *bs = &r->binary;
		parley_json__break(&w, 4);
		parley_json__begin_object(&w);
		parley_json__kstring(&w, "group", r->group);
		parley_json__kstring(&w, "kind", who_kind(r->kind));
		parley_json__kuint(&w, "forecasts", r->forecasts);
		parley_json__kuint(&w, "open", r->open);
		parley_json__kuint(&w, "unresolvable", r->unresolvable);
		parley_json__break(&w, 5);
		parley_json__key(&w, "binary");
		parley_json__begin_object(&w);
		parley_json__kuint(&w, "n", bs->n);
		parley_json__knumber(&w, "brier", bs->brier);
		parley_json__knumber(&w, "log_score", bs->log_score);
		parley_json__knumber(&w, "reliability", bs->reliability);
		parley_json__knumber(&w, "resolution", bs->resolution);
		parley_json__knumber(&w, "uncertainty", bs->uncertainty);
		parley_json__knumber(&w, "brier_best", bs->brier_best);
		parley_json__knumber(&w, "brier_worst", bs->brier_worst);
		parley_json__break(&w, 7);
		parley_json__key(&w, "calibration");
		parley_json__begin_array(&w);
		for (k = 0; k < bs->bin_count; k++) {
			const parley_ledger_bin *bn = &bs->bins[k];
			parley_json__begin_object(&w);
			parley_json__knumber(&w, "lo", bn->lo);
			parley_json__knumber(&w, "hi", bn->hi);
			parley_json__kuint(&w, "n", bn->n);
			parley_json__knumber(&w, "mean_p", bn->mean_p);
			parley_json__knumber(&w, "observed", bn->observed);
			parley_json__end_object(&w);
		}
		parley_json__end_array(&w);
		parley_json__end_object(&w);
		parley_json__break(&w, 5);
		parley_json__key(&w, "value");
		parley_json__begin_object(&w);
		parley_json__kuint(&w, "n", r->value_n);
		parley_json__kbool(&w, "same_scale", r->same_scale);
		parley_json__knumber(&w, "mae", r->mae);
		parley_json__knumber(&w, "mae_percent", r->mae_percent);
		parley_json__end_object(&w);
		parley_json__end_object(&w);
	}
	return json_end_list(&w, s->count);
}

static int scores_csv(parley_buf *b, const parley_ledger_scores *s)
{
	size_t i;
	int error = 0;

	PARLEY_TRY(parley_buf__puts(b, "group,kind,forecasts,open,unresolvable,binary_n,brier,log_score,"
		"reliability,resolution,uncertainty,brier_best,brier_worst,value_n,same_scale,mae,mae_percent\n"));
	for (i = 0; i < s->count; i++) {
		const parley_ledger_score_row *r = &s->rows[i];
		const parley_ledger_binary_score *bs = &r->binary;
		PARLEY_TRY(parley_buf__csv_str(b, r->group));
		PARLEY_TRY(parley_buf__printf(b, ",%s,%zu,%zu,%zu,%zu,", who_kind(r->kind), r->forecasts, r->open,
			r->unresolvable, bs->n));
		PARLEY_TRY(parley_buf__csv_num(b, bs->brier));
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(parley_buf__csv_num(b, bs->log_score));
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(parley_buf__csv_num(b, bs->reliability));
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(parley_buf__csv_num(b, bs->resolution));
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(parley_buf__csv_num(b, bs->uncertainty));
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(parley_buf__csv_num(b, bs->brier_best));
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(parley_buf__csv_num(b, bs->brier_worst));
		PARLEY_TRY(parley_buf__printf(b, ",%zu,%s,", r->value_n, r->same_scale ? "true" : "false"));
		PARLEY_TRY(parley_buf__csv_num(b, r->mae));
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(parley_buf__csv_num(b, r->mae_percent));
		PARLEY_TRY(parley_buf__puts(b, "\n"));
	}
done:
	return error;
}

int parley_ledger_render_scores(parley_buf *out, const parley_ledger_scores *s,
	parley_ledger_format fmt)
{
	PARLEY_ASSERT_ARG(out && s);
	switch (fmt) {
	case PARLEY_LEDGER_TEXT: return scores_text(out, s);
	case PARLEY_LEDGER_JSON: return scores_json(out, s);
	case PARLEY_LEDGER_CSV: return scores_csv(out, s);
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "unknown ledger format %d", (int)fmt);
	}
}

/* ------------------------------------------------------------------ */
/* Words                                                                */
/* ------------------------------------------------------------------ */

int parley_ledger_render_words(parley_buf *b, parley_ledger_format fmt)
{
	size_t i, n = parley_ledger_word_count();
	int error = 0;

	switch (fmt) {
	case PARLEY_LEDGER_TEXT:
		PARLEY_TRY(parley_buf__puts(b, "Words of estimative probability (docs/ledger.md): the number a word "
			"stands for, its range, and the source.\n\n"
			"words                       p      range        source     basis\n"));
		for (i = 0; i < n; i++) {
			const parley_ledger_word *w = parley_ledger_word_at(i);
			PARLEY_TRY(tcell(b, w->words, 24));
			PARLEY_TRY(parley_buf__printf(b, "  %5.3f  %4.2f-%4.2f  %-9s  %s\n", w->p, w->lo, w->hi,
				w->source, w->basis));
		}
		break;
	case PARLEY_LEDGER_JSON: {
		parley_json j;
		parley_json__init(&j, b);
		parley_json__begin_array(&j);
		for (i = 0; i < n; i++) {
			const parley_ledger_word *w = parley_ledger_word_at(i);
			parley_json__break(&j, 1);
			parley_json__begin_object(&j);
			parley_json__kstring(&j, "words", w->words);
			parley_json__knumber(&j, "p", w->p);
			parley_json__key(&j, "range");
			jpair(&j, w->lo, w->hi);
			parley_json__kstring(&j, "source", w->source);
			parley_json__kstring(&j, "basis", w->basis);
			parley_json__end_object(&j);
		}
		parley_json__break(&j, 0);
		parley_json__end_array(&j);
		return json_done(&j);
	}
	case PARLEY_LEDGER_CSV:
		PARLEY_TRY(parley_buf__puts(b, "words,p,lo,hi,source,basis\n"));
		for (i = 0; i < n; i++) {
			const parley_ledger_word *w = parley_ledger_word_at(i);
			PARLEY_TRY(parley_buf__csv_str(b, w->words));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_num(b, w->p));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_num(b, w->lo));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_num(b, w->hi));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, w->source));
			PARLEY_TRY(parley_buf__puts(b, ","));
			PARLEY_TRY(parley_buf__csv_str(b, w->basis));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
		break;
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "unknown ledger format %d", (int)fmt);
	}
done:
	return error;
}
