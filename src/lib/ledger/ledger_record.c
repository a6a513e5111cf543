/*
 * ledger_record.c - turning a model forecast (and its Monte Carlo run) into
 * ledger questions and forecasts (parley_ledger_doc_from_forecast).
 *
 * Question ids: SCENARIO/ISSUE/value, SCENARIO/ISSUE/zone/ZONE and
 * SCENARIO/ISSUE/agreement, where SCENARIO is the scenario file's name
 * without directory and extension and ZONE the zone's name as a slug
 * (lower-case letters and digits, other runs as '-'). Zone probabilities
 * are the shares of Monte Carlo draws inside the closed zone, as the
 * forecast's own output reports them (hits / draws); without a Monte Carlo
 * run, or for a model the run did not cover, they are 1 when the point
 * forecast lies in the zone and 0 otherwise (the note says which).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ledger_internal.h"

/* The scenario's short id: the base name without its extension. */
static char *scenario_id(parley_arena *a, const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL, *dot;

	base = base ? base + 1 : (path ? path : "scenario");
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		dot = base + strlen(base);
	if (dot == base)
		return parley_arena__strdup(a, "scenario");
	return parley_arena__strndup(a, base, (size_t)(dot - base));
}

/* Lower-case ASCII letters and digits; other runs become one '-'. */
static void slug(char *out, size_t cap, const char *name)
{
	size_t n = 0;
	int dash = 0;

	for (; *name && n + 2 < cap; name++) {
		unsigned char c = (unsigned char)*name;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n)
				out[n++] = '-';
			dash = 0;
			out[n++] = (char)c;
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && n)
				out[n++] = '-';
			dash = 0;
			out[n++] = (char)(c - 'A' + 'a');
		} else if (c == '\'') {
			/* apostrophes vanish: "Russia's" -> "russias" */
		} else if (!strncmp(name, "\xe2\x80\x99", 3)) {
			name += 2; /* U+2019, likewise */
		} else {
			dash = 1;
		}
	}
	out[n] = '\0';
}

typedef struct {
	parley_ledger_doc *d;
	const char *date, *source, *sha, *version;
	int has_seed;
	uint64_t seed, draws;
} recorder;

static parley_ledger_forecast *add_forecast(recorder *rc, const char *question,
	const char *forecaster, const char *note)
{
	parley_ledger_forecast *f = parley_ledger__doc_forecast(rc->d);

	if (!f)
		return NULL;
	f->question = question;
	f->forecaster = forecaster;
	f->forecaster_kind = PARLEY_LEDGER_MODEL;
	f->date = rc->date;
	f->source = rc->source;
	f->note = note;
	f->scenario_sha256 = rc->sha;
	f->parley_version = rc->version;
	f->has_seed = rc->has_seed;
	f->seed = rc->seed;
	f->draws = rc->draws;
	return f;
}

int parley_ledger_doc_from_forecast(parley_ledger_doc **out, const parley_scenario *s,
	const parley_forecast *fc, const struct parley_mc *mc, const parley_ledger_record_options *opts)
{
	recorder rc;
	parley_ledger_doc *d;
	parley_arena *a;
	const char *sid;
	char lo[40], hi[40];
	size_t i, z, m, k, nissues;
	const char *mc_note = NULL, *point_note;

	PARLEY_ASSERT_ARG(out);
	*out = NULL;
	PARLEY_ASSERT_ARG(s && fc && opts);
	PARLEY_ASSERT_ARG(opts->version == PARLEY_LEDGER_RECORD_OPTIONS_VERSION);
	if (!parley_ledger_date_valid(opts->date))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"bad date '%.20s' for the recorded forecasts (YYYY-MM-DD)", opts->date ? opts->date : "");
	nissues = parley_scenario_issue_count(s);
	if (parley_forecast_issue_count(fc) != nissues)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"the forecast is not of this scenario (%zu issues, not %zu)",
			parley_forecast_issue_count(fc), nissues);

	d = parley_ledger__doc_new();
	if (!d)
		return PARLEY_ENOMEM;
	a = &d->arena;
	memset(&rc, 0, sizeof(rc));
	rc.d = d;
	rc.date = parley_arena__strdup(a, opts->date);
	rc.source = parley_arena__strdup(a, opts->source ? opts->source : parley_scenario_path(s));
	rc.sha = parley_arena__strdup(a, parley_scenario_sha256(s));
	rc.version = parley_version();
	sid = opts->scenario_id ? parley_arena__strdup(a, opts->scenario_id)
				: scenario_id(a, parley_scenario_path(s));
	if (mc) {
		const parley_mc_options *mo = parley_mc_options_used(mc);
		rc.has_seed = 1;
		rc.seed = mo->seed;
		rc.draws = mo->draws;
		mc_note = parley_arena__printf(a, "share of %llu Monte Carlo draws (seed %llu) in the zone",
			(unsigned long long)mo->draws, (unsigned long long)mo->seed);
		if (!mc_note)
			goto oom;
	}
	point_note = "point forecast: 1 when it lies in the zone, 0 when not";
	if (!rc.date || !rc.source || !rc.sha || !sid)
		goto oom;

	for (i = 0; i < nissues; i++) {
		const parley_issue *is = parley_scenario_issue(s, i);
		char (*slugs)[64] = NULL;
		const char *vq, *aq, **zq;
		parley_ledger_question *q;

		if (!is)
			continue;
		zq = is->zone_count ? parley__calloc(is->zone_count, sizeof(*zq)) : NULL;
		if (is->zone_count) {
			slugs = parley__calloc(is->zone_count, sizeof(*slugs));
			if (!zq || !slugs) {
				parley__free(zq);
				parley__free(slugs);
				goto oom;
			}
		}
		parley__fmt_double(lo, sizeof(lo), is->lo);
		parley__fmt_double(hi, sizeof(hi), is->hi);
		vq = parley_arena__printf(a, "%s/%s/value", sid, is->id);
		aq = parley_arena__printf(a, "%s/%s/agreement", sid, is->id);
		q = vq && aq ? parley_ledger__doc_question(d) : NULL;
		if (q) {
			q->id = vq;
			q->kind = PARLEY_LEDGER_VALUE;
			q->text = parley_arena__printf(a, "%s: the outcome on the issue's scale (%s to %s)", is->title, lo, hi);
			q->lo = is->lo;
			q->hi = is->hi;
			if (!q->text)
				q = NULL;
		}
		for (z = 0; q && z < is->zone_count; z++) {
			char zlo[40], zhi[40];
			slug(slugs[z], sizeof(slugs[z]) - 8, is->zones[z].name);
			if (!slugs[z][0])
				snprintf(slugs[z], sizeof(slugs[z]), "zone-%zu", z + 1);
			for (k = 0; k < z; k++)
				if (!strcmp(slugs[k], slugs[z])) {
					size_t n = strlen(slugs[z]);
					snprintf(slugs[z] + n, sizeof(slugs[z]) - n, "-%zu", z + 1);
					break;
				}
			parley__fmt_double(zlo, sizeof(zlo), is->zones[z].lo);
			parley__fmt_double(zhi, sizeof(zhi), is->zones[z].hi);
			zq[z] = parley_arena__printf(a, "%s/%s/zone/%s", sid, is->id, slugs[z]);
			q = zq[z] ? parley_ledger__doc_question(d) : NULL;
			if (q) {
				q->id = zq[z];
				q->kind = PARLEY_LEDGER_BINARY;
				q->text = parley_arena__printf(a, "%s: the outcome lands in the zone \"%s\" [%s, %s]",
					is->title, is->zones[z].name, zlo, zhi);
				if (!q->text)
					q = NULL;
			}
		}
		if (q && mc) {
			q = parley_ledger__doc_question(d);
			if (q) {
				q->id = aq;
				q->kind = PARLEY_LEDGER_BINARY;
				q->text = parley_arena__printf(a, "%s: an agreement that changes the status quo is reached", is->title);
				if (!q->text)
					q = NULL;
			}
		}
		parley__free(slugs);
		if (!q) {
			parley__free(zq);
			goto oom;
		}
		for (m = 0; m < parley_model_count(); m++) {
			const parley_model_result *r = parley_forecast_result(fc, i, (parley_model_id)m);
			const char *name = parley_model_type_at(m)->name;
			parley_mc_summary sum;
			int have_mc = 0;
			parley_ledger_forecast *f;

			if (!r || r->error)
				continue;
			f = add_forecast(&rc, vq, name, "point forecast at the coded values");
			if (!f) {
				parley__free(zq);
				goto oom;
			}
			f->value = r->forecast;
			/* A model the Monte Carlo run did not cover (no successful
			 * draw) falls back to its point forecast. */
			if (mc && parley_mc_summary_get(&sum, mc, i, (parley_model_id)m) == 0 && sum.draws > 0 &&
			    sum.ok > 0 && sum.zone_count == is->zone_count)
				have_mc = 1;
			for (z = 0; z < is->zone_count; z++) {
				f = add_forecast(&rc, zq[z], name, have_mc ? mc_note : point_note);
				if (!f) {
					parley__free(zq);
					goto oom;
				}
				if (have_mc)
					f->probability = (double)sum.zone_hits[z] / (double)sum.draws;
				else
					f->probability = r->forecast >= is->zones[z].lo &&
						r->forecast <= is->zones[z].hi ? 1.0 : 0.0;
			}
		}
		parley__free(zq);
		if (mc) {
			double p = parley_mc_p_agreement(mc, i);
			if (p >= 0 && p <= 1) {
				parley_ledger_forecast *f = add_forecast(&rc, aq, "feasibility",
					"share of Monte Carlo draws in which an agreement is possible "
					"(red lines, venues, ratification)");
				if (!f)
					goto oom;
				f->probability = p;
			}
		}
	}
	*out = d;
	return 0;
oom:
	parley_ledger_doc_free(d);
	return parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory recording the forecast");
}
