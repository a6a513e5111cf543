/*
 * ledger_output.c - the ledger's views, score tables and word table as
 * readable text, JSON or CSV. Pure functions of their input: the same view
 * gives the same bytes. JSON and CSV print doubles so that they read back
 * exactly; text rounds them for reading.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ledger_internal.h"

#define TRY(expr) do { if ((error = (expr)) < 0) return error; } while (0)

/* ---- JSON ---- */

static int jpair(parley_buf *b, double lo, double hi)
{
	int error;

	if (isnan(lo) || isnan(hi))
		return parley_buf__puts(b, "null");
	TRY(parley_buf__puts(b, "["));
	TRY(parley_buf__json_num(b, lo));
	TRY(parley_buf__puts(b, ", "));
	TRY(parley_buf__json_num(b, hi));
	return parley_buf__puts(b, "]");
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
	int error;

	if (!s)
		s = "";
	if (n > w && w > 3) {
		while (s[bytes] && chars < w - 3) {
			bytes++;
			while (((unsigned char)s[bytes] & 0xC0) == 0x80)
				bytes++;
			chars++;
		}
		TRY(parley_buf__put(b, s, bytes));
		return parley_buf__puts(b, "...");
	}
	TRY(parley_buf__puts(b, s));
	for (i = n; i < w; i++)
		TRY(parley_buf__puts(b, " "));
	return 0;
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
	int error;

	for (e = 0; e < v->entry_count; e++) {
		nres += v->entries[e].resolution.outcome != PARLEY_LEDGER_OPEN &&
			v->entries[e].resolution.outcome != PARLEY_LEDGER_UNRESOLVABLE;
		nunr += v->entries[e].resolution.outcome == PARLEY_LEDGER_UNRESOLVABLE;
	}
	TRY(parley_buf__printf(b, "%zu question%s, %zu forecast%s; %zu resolved, %zu unresolvable, %zu open\n",
		v->entry_count, v->entry_count == 1 ? "" : "s", v->forecast_count,
		v->forecast_count == 1 ? "" : "s", nres, nunr, v->entry_count - nres - nunr));
	for (e = 0; e < v->entry_count; e++) {
		const parley_ledger_entry *en = &v->entries[e];
		const parley_ledger_question *q = &en->question;
		const parley_ledger_resolution *r = &en->resolution;

		TRY(parley_buf__printf(b, "\n%s  (%s", q->id,
			q->kind == PARLEY_LEDGER_VALUE ? "value" : "yes/no"));
		if (q->kind == PARLEY_LEDGER_VALUE && !isnan(q->lo)) {
			TRY(parley_buf__puts(b, " on "));
			TRY(tval(b, q->lo));
			TRY(parley_buf__puts(b, " to "));
			TRY(tval(b, q->hi));
		}
		TRY(parley_buf__puts(b, ")\n"));
		if (q->text)
			TRY(parley_buf__printf(b, "  %s\n", q->text));
		switch (r->outcome) {
		case PARLEY_LEDGER_OPEN:
			TRY(parley_buf__puts(b, "  open\n"));
			break;
		case PARLEY_LEDGER_UNRESOLVABLE:
			TRY(parley_buf__printf(b, "  unresolvable (%s): %s\n", r->date ? r->date : "?",
				r->note ? r->note : ""));
			TRY(parley_buf__printf(b, "    source: %s\n", r->source ? r->source : ""));
			break;
		default:
			TRY(parley_buf__puts(b, "  resolved "));
			if (r->outcome == PARLEY_LEDGER_RESOLVED_VALUE)
				TRY(tval(b, r->value));
			else
				TRY(parley_buf__puts(b, parley_ledger_outcome_name(r->outcome)));
			TRY(parley_buf__printf(b, " on %s: %s\n", r->date ? r->date : "?",
				r->source ? r->source : ""));
			if (r->note)
				TRY(parley_buf__printf(b, "    note: %s\n", r->note));
		}
		for (i = en->first_forecast; i < en->first_forecast + en->forecast_count; i++) {
			const parley_ledger_forecast *f = &v->forecasts[i];
			char who[600];
			snprintf(who, sizeof(who), "%s%s", f->forecaster,
				f->forecaster_kind == PARLEY_LEDGER_MODEL ? " [model]" : "");
			TRY(parley_buf__printf(b, "  %s  ", f->date));
			TRY(tcell(b, who, 36));
			if (!isnan(f->probability))
				TRY(tnum(b, f->probability, 3, 7));
			else
				TRY(tnum(b, f->value, 2, 7));
			if (f->words) {
				TRY(parley_buf__printf(b, "  \"%s\"", f->words));
				if (!isnan(f->p_lo))
					TRY(parley_buf__printf(b, " (%.3g-%.3g)", f->p_lo, f->p_hi));
			}
			TRY(parley_buf__puts(b, "\n"));
			if (f->quote)
				TRY(parley_buf__printf(b, "      \"%s\"\n", f->quote));
		}
	}
	return 0;
}

static int view_json(parley_buf *b, const parley_ledger_view *v)
{
	size_t e, i;
	int error;

	TRY(parley_buf__printf(b, "{\n  \"parley_ledger\": 1,\n  \"parley_version\": "));
	TRY(parley_buf__json_str(b, parley_version()));
	TRY(parley_buf__puts(b, ",\n  \"questions\": ["));
	for (e = 0; e < v->entry_count; e++) {
		const parley_ledger_question *q = &v->entries[e].question;
		const parley_ledger_resolution *r = &v->entries[e].resolution;
		TRY(parley_buf__puts(b, e ? ",\n    {\"id\": " : "\n    {\"id\": "));
		TRY(parley_buf__json_str(b, q->id));
		TRY(parley_buf__printf(b, ", \"kind\": \"%s\", \"text\": ", kind_name(q->kind)));
		TRY(parley_buf__json_str(b, q->text));
		TRY(parley_buf__puts(b, ", \"scale\": "));
		TRY(jpair(b, q->lo, q->hi));
		TRY(parley_buf__puts(b, ",\n     \"resolution\": "));
		if (r->outcome == PARLEY_LEDGER_OPEN) {
			TRY(parley_buf__puts(b, "null}"));
			continue;
		}
		TRY(parley_buf__puts(b, "{\"outcome\": "));
		if (r->outcome == PARLEY_LEDGER_RESOLVED_VALUE)
			TRY(parley_buf__json_num(b, r->value));
		else
			TRY(parley_buf__json_str(b, parley_ledger_outcome_name(r->outcome)));
		TRY(parley_buf__puts(b, ", \"date\": "));
		TRY(parley_buf__json_str(b, r->date));
		TRY(parley_buf__puts(b, ", \"source\": "));
		TRY(parley_buf__json_str(b, r->source));
		TRY(parley_buf__puts(b, ", \"note\": "));
		TRY(parley_buf__json_str(b, r->note));
		TRY(parley_buf__puts(b, "}}"));
	}
	TRY(parley_buf__puts(b, v->entry_count ? "\n  ],\n  \"forecasts\": [" : "],\n  \"forecasts\": ["));
	for (i = 0; i < v->forecast_count; i++) {
		const parley_ledger_forecast *f = &v->forecasts[i];
		TRY(parley_buf__puts(b, i ? ",\n    {\"question\": " : "\n    {\"question\": "));
		TRY(parley_buf__json_str(b, f->question));
		TRY(parley_buf__puts(b, ", \"forecaster\": "));
		TRY(parley_buf__json_str(b, f->forecaster));
		TRY(parley_buf__printf(b, ", \"kind\": \"%s\", \"date\": ", who_kind(f->forecaster_kind)));
		TRY(parley_buf__json_str(b, f->date));
		TRY(parley_buf__puts(b, ",\n     \"probability\": "));
		TRY(parley_buf__json_num(b, f->probability));
		TRY(parley_buf__puts(b, ", \"value\": "));
		TRY(parley_buf__json_num(b, f->value));
		TRY(parley_buf__puts(b, ", \"words\": "));
		TRY(parley_buf__json_str(b, f->words));
		TRY(parley_buf__puts(b, ", \"range\": "));
		TRY(jpair(b, f->p_lo, f->p_hi));
		TRY(parley_buf__puts(b, ",\n     \"quote\": "));
		TRY(parley_buf__json_str(b, f->quote));
		TRY(parley_buf__puts(b, ", \"source\": "));
		TRY(parley_buf__json_str(b, f->source));
		TRY(parley_buf__puts(b, ", \"note\": "));
		TRY(parley_buf__json_str(b, f->note));
		TRY(parley_buf__puts(b, ",\n     \"scenario_sha256\": "));
		TRY(parley_buf__json_str(b, f->scenario_sha256));
		TRY(parley_buf__puts(b, ", \"parley_version\": "));
		TRY(parley_buf__json_str(b, f->parley_version));
		if (f->has_seed)
			TRY(parley_buf__printf(b, ", \"seed\": %llu, \"draws\": %llu}",
				(unsigned long long)f->seed, (unsigned long long)f->draws));
		else
			TRY(parley_buf__puts(b, ", \"seed\": null, \"draws\": null}"));
	}
	return parley_buf__puts(b, v->forecast_count ? "\n  ]\n}\n" : "]\n}\n");
}

static int view_csv_question(parley_buf *b, const parley_ledger_entry *en)
{
	const parley_ledger_question *q = &en->question;
	const parley_ledger_resolution *r = &en->resolution;
	int error;

	TRY(parley_buf__csv_str(b, q->id));
	TRY(parley_buf__printf(b, ",%s,", kind_name(q->kind)));
	TRY(parley_buf__csv_str(b, q->text));
	TRY(parley_buf__puts(b, ","));
	TRY(parley_buf__csv_num(b, q->lo));
	TRY(parley_buf__puts(b, ","));
	TRY(parley_buf__csv_num(b, q->hi));
	TRY(parley_buf__printf(b, ",%s,", parley_ledger_outcome_name(r->outcome)));
	if (r->outcome == PARLEY_LEDGER_RESOLVED_VALUE)
		TRY(parley_buf__csv_num(b, r->value));
	TRY(parley_buf__puts(b, ","));
	TRY(parley_buf__csv_str(b, r->date));
	TRY(parley_buf__puts(b, ","));
	TRY(parley_buf__csv_str(b, r->source));
	TRY(parley_buf__puts(b, ","));
	return parley_buf__csv_str(b, r->note);
}

static int view_csv(parley_buf *b, const parley_ledger_view *v)
{
	size_t e, i;
	int error;

	TRY(parley_buf__puts(b, "question,question_kind,question_text,scale_lo,scale_hi,outcome,"
		"outcome_value,resolved_on,resolution_source,resolution_note,forecaster,forecaster_kind,"
		"date,probability,value,words,p_lo,p_hi,quote,source,note,scenario_sha256,parley_version,"
		"seed,draws\n"));
	for (e = 0; e < v->entry_count; e++) {
		const parley_ledger_entry *en = &v->entries[e];
		if (!en->forecast_count) {
			TRY(view_csv_question(b, en));
			TRY(parley_buf__puts(b, ",,,,,,,,,,,,,,,\n"));
			continue;
		}
		for (i = en->first_forecast; i < en->first_forecast + en->forecast_count; i++) {
			const parley_ledger_forecast *f = &v->forecasts[i];
			TRY(view_csv_question(b, en));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, f->forecaster));
			TRY(parley_buf__printf(b, ",%s,", who_kind(f->forecaster_kind)));
			TRY(parley_buf__csv_str(b, f->date));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_num(b, f->probability));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_num(b, f->value));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, f->words));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_num(b, f->p_lo));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_num(b, f->p_hi));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, f->quote));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, f->source));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, f->note));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, f->scenario_sha256));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, f->parley_version));
			if (f->has_seed)
				TRY(parley_buf__printf(b, ",%llu,%llu\n", (unsigned long long)f->seed,
					(unsigned long long)f->draws));
			else
				TRY(parley_buf__puts(b, ",,\n"));
		}
	}
	return 0;
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
	int error;

	TRY(parley_buf__printf(b, "Yes/no questions: Brier score (0 best, 1 worst), log score (bits, "
		"0 best; p clipped to [%g, %g]),\nMurphy's reliability - resolution + uncertainty = Brier, "
		"and the Brier score with each word at the best / worst end of its range.\n\n",
		o->log_clip, 1 - o->log_clip));
	TRY(tcell(b, o->by == PARLEY_LEDGER_BY_MODEL ? "Model" : "Forecaster", w));
	TRY(parley_buf__puts(b, "  Kind       n   Brier    Log   Reliab  Resol  Uncert  Words best-worst\n"));
	for (i = 0; i < s->count; i++) {
		const parley_ledger_score_row *r = &s->rows[i];
		const parley_ledger_binary_score *bs = &r->binary;
		any_value |= r->value_n;
		any_unscored |= r->open + r->unresolvable;
		if (!bs->n)
			continue;
		TRY(tcell(b, r->group, w));
		TRY(parley_buf__printf(b, "  %-6s %5zu ", who_kind(r->kind), bs->n));
		TRY(tnum(b, bs->brier, 3, 7));
		TRY(tnum(b, bs->log_score, 3, 7));
		TRY(tnum(b, bs->reliability, 3, 8));
		TRY(tnum(b, bs->resolution, 3, 7));
		TRY(tnum(b, bs->uncertainty, 3, 8));
		TRY(parley_buf__puts(b, "  "));
		TRY(tnum(b, bs->brier_best, 3, 5));
		TRY(parley_buf__puts(b, "-"));
		TRY(tnum(b, bs->brier_worst, 3, 5));
		TRY(parley_buf__puts(b, "\n"));
	}
	if (any_value) {
		TRY(parley_buf__puts(b, "\nValue questions: mean absolute error in percent of each question's "
			"scale, and in the questions' units where they share one scale.\n\n"));
		TRY(tcell(b, o->by == PARLEY_LEDGER_BY_MODEL ? "Model" : "Forecaster", w));
		TRY(parley_buf__puts(b, "  Kind       n  MAE % of scale  MAE in units\n"));
		for (i = 0; i < s->count; i++) {
			const parley_ledger_score_row *r = &s->rows[i];
			if (!r->value_n)
				continue;
			TRY(tcell(b, r->group, w));
			TRY(parley_buf__printf(b, "  %-6s %5zu ", who_kind(r->kind), r->value_n));
			TRY(tnum(b, r->mae_percent, 2, 15));
			if (r->same_scale)
				TRY(tnum(b, r->mae, 3, 14));
			else
				TRY(parley_buf__puts(b, "  mixed scales"));
			TRY(parley_buf__puts(b, "\n"));
		}
	}
	if (any_unscored) {
		TRY(parley_buf__puts(b, "\nNot scored (latest forecast per question):\n"));
		for (i = 0; i < s->count; i++) {
			const parley_ledger_score_row *r = &s->rows[i];
			if (!r->open && !r->unresolvable)
				continue;
			TRY(parley_buf__puts(b, "  "));
			TRY(tcell(b, r->group, w));
			TRY(parley_buf__printf(b, "  %zu open, %zu unresolvable\n", r->open, r->unresolvable));
		}
	}
	TRY(parley_buf__printf(b, "\nCalibration (%zu bins): forecasts per bin, their mean probability "
		"and how often the event happened.\n", o->bins));
	for (i = 0; i < s->count; i++) {
		const parley_ledger_binary_score *bs = &s->rows[i].binary;
		if (!bs->n)
			continue;
		TRY(parley_buf__printf(b, "\n  %s\n    bin            n   mean p  observed\n", s->rows[i].group));
		for (k = 0; k < bs->bin_count; k++) {
			const parley_ledger_bin *bn = &bs->bins[k];
			if (!bn->n)
				continue;
			TRY(parley_buf__printf(b, "    [%.2f, %.2f%c %4zu ", bn->lo, bn->hi,
				k + 1 == bs->bin_count ? ']' : ')', bn->n));
			TRY(tnum(b, bn->mean_p, 3, 8));
			TRY(tnum(b, bn->observed, 3, 10));
			TRY(parley_buf__puts(b, "\n"));
		}
	}
	return 0;
}

static int scores_json(parley_buf *b, const parley_ledger_scores *s)
{
	const parley_ledger_score_options *o = &s->opts;
	size_t i, k;
	int error;

	TRY(parley_buf__puts(b, "{\n  \"parley_version\": "));
	TRY(parley_buf__json_str(b, parley_version()));
	TRY(parley_buf__printf(b, ",\n  \"by\": \"%s\", \"shared\": %s, \"bins\": %zu, \"log_clip\": ",
		o->by == PARLEY_LEDGER_BY_MODEL ? "model" : "forecaster", o->shared ? "true" : "false",
		o->bins));
	TRY(parley_buf__json_num(b, o->log_clip));
	TRY(parley_buf__puts(b, ", \"log_base\": 2,\n  \"rows\": ["));
	for (i = 0; i < s->count; i++) {
		const parley_ledger_score_row *r = &s->rows[i];
		const parley_ledger_binary_score *bs = &r->binary;
		TRY(parley_buf__puts(b, i ? ",\n    {\"group\": " : "\n    {\"group\": "));
		TRY(parley_buf__json_str(b, r->group));
		TRY(parley_buf__printf(b, ", \"kind\": \"%s\", \"forecasts\": %zu, \"open\": %zu, "
			"\"unresolvable\": %zu,\n     \"binary\": {\"n\": %zu, \"brier\": ",
			who_kind(r->kind), r->forecasts, r->open, r->unresolvable, bs->n));
		TRY(parley_buf__json_num(b, bs->brier));
		TRY(parley_buf__puts(b, ", \"log_score\": "));
		TRY(parley_buf__json_num(b, bs->log_score));
		TRY(parley_buf__puts(b, ", \"reliability\": "));
		TRY(parley_buf__json_num(b, bs->reliability));
		TRY(parley_buf__puts(b, ", \"resolution\": "));
		TRY(parley_buf__json_num(b, bs->resolution));
		TRY(parley_buf__puts(b, ", \"uncertainty\": "));
		TRY(parley_buf__json_num(b, bs->uncertainty));
		TRY(parley_buf__puts(b, ", \"brier_best\": "));
		TRY(parley_buf__json_num(b, bs->brier_best));
		TRY(parley_buf__puts(b, ", \"brier_worst\": "));
		TRY(parley_buf__json_num(b, bs->brier_worst));
		TRY(parley_buf__puts(b, ",\n       \"calibration\": ["));
		for (k = 0; k < bs->bin_count; k++) {
			const parley_ledger_bin *bn = &bs->bins[k];
			TRY(parley_buf__puts(b, k ? ", {\"lo\": " : "{\"lo\": "));
			TRY(parley_buf__json_num(b, bn->lo));
			TRY(parley_buf__puts(b, ", \"hi\": "));
			TRY(parley_buf__json_num(b, bn->hi));
			TRY(parley_buf__printf(b, ", \"n\": %zu, \"mean_p\": ", bn->n));
			TRY(parley_buf__json_num(b, bn->mean_p));
			TRY(parley_buf__puts(b, ", \"observed\": "));
			TRY(parley_buf__json_num(b, bn->observed));
			TRY(parley_buf__puts(b, "}"));
		}
		TRY(parley_buf__printf(b, "]},\n     \"value\": {\"n\": %zu, \"same_scale\": %s, \"mae\": ",
			r->value_n, r->same_scale ? "true" : "false"));
		TRY(parley_buf__json_num(b, r->mae));
		TRY(parley_buf__puts(b, ", \"mae_percent\": "));
		TRY(parley_buf__json_num(b, r->mae_percent));
		TRY(parley_buf__puts(b, "}}"));
	}
	return parley_buf__puts(b, s->count ? "\n  ]\n}\n" : "]\n}\n");
}

static int scores_csv(parley_buf *b, const parley_ledger_scores *s)
{
	size_t i;
	int error;

	TRY(parley_buf__puts(b, "group,kind,forecasts,open,unresolvable,binary_n,brier,log_score,"
		"reliability,resolution,uncertainty,brier_best,brier_worst,value_n,same_scale,mae,mae_percent\n"));
	for (i = 0; i < s->count; i++) {
		const parley_ledger_score_row *r = &s->rows[i];
		const parley_ledger_binary_score *bs = &r->binary;
		TRY(parley_buf__csv_str(b, r->group));
		TRY(parley_buf__printf(b, ",%s,%zu,%zu,%zu,%zu,", who_kind(r->kind), r->forecasts, r->open,
			r->unresolvable, bs->n));
		TRY(parley_buf__csv_num(b, bs->brier));
		TRY(parley_buf__puts(b, ","));
		TRY(parley_buf__csv_num(b, bs->log_score));
		TRY(parley_buf__puts(b, ","));
		TRY(parley_buf__csv_num(b, bs->reliability));
		TRY(parley_buf__puts(b, ","));
		TRY(parley_buf__csv_num(b, bs->resolution));
		TRY(parley_buf__puts(b, ","));
		TRY(parley_buf__csv_num(b, bs->uncertainty));
		TRY(parley_buf__puts(b, ","));
		TRY(parley_buf__csv_num(b, bs->brier_best));
		TRY(parley_buf__puts(b, ","));
		TRY(parley_buf__csv_num(b, bs->brier_worst));
		TRY(parley_buf__printf(b, ",%zu,%s,", r->value_n, r->same_scale ? "true" : "false"));
		TRY(parley_buf__csv_num(b, r->mae));
		TRY(parley_buf__puts(b, ","));
		TRY(parley_buf__csv_num(b, r->mae_percent));
		TRY(parley_buf__puts(b, "\n"));
	}
	return 0;
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
	int error;

	switch (fmt) {
	case PARLEY_LEDGER_TEXT:
		TRY(parley_buf__puts(b, "Words of estimative probability (docs/ledger.md): the number a word "
			"stands for, its range, and the source.\n\n"
			"words                       p      range        source     basis\n"));
		for (i = 0; i < n; i++) {
			const parley_ledger_word *w = parley_ledger_word_at(i);
			TRY(tcell(b, w->words, 24));
			TRY(parley_buf__printf(b, "  %5.3f  %4.2f-%4.2f  %-9s  %s\n", w->p, w->lo, w->hi,
				w->source, w->basis));
		}
		return 0;
	case PARLEY_LEDGER_JSON:
		TRY(parley_buf__puts(b, "["));
		for (i = 0; i < n; i++) {
			const parley_ledger_word *w = parley_ledger_word_at(i);
			TRY(parley_buf__puts(b, i ? ",\n {\"words\": " : "\n {\"words\": "));
			TRY(parley_buf__json_str(b, w->words));
			TRY(parley_buf__puts(b, ", \"p\": "));
			TRY(parley_buf__json_num(b, w->p));
			TRY(parley_buf__puts(b, ", \"range\": "));
			TRY(jpair(b, w->lo, w->hi));
			TRY(parley_buf__puts(b, ", \"source\": "));
			TRY(parley_buf__json_str(b, w->source));
			TRY(parley_buf__puts(b, ", \"basis\": "));
			TRY(parley_buf__json_str(b, w->basis));
			TRY(parley_buf__puts(b, "}"));
		}
		return parley_buf__puts(b, "\n]\n");
	case PARLEY_LEDGER_CSV:
		TRY(parley_buf__puts(b, "words,p,lo,hi,source,basis\n"));
		for (i = 0; i < n; i++) {
			const parley_ledger_word *w = parley_ledger_word_at(i);
			TRY(parley_buf__csv_str(b, w->words));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_num(b, w->p));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_num(b, w->lo));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_num(b, w->hi));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, w->source));
			TRY(parley_buf__puts(b, ","));
			TRY(parley_buf__csv_str(b, w->basis));
			TRY(parley_buf__puts(b, "\n"));
		}
		return 0;
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "unknown ledger format %d", (int)fmt);
	}
}
