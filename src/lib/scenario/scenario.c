/*
 * scenario.c - the scenario object: the readers' diagnostics, sources, the
 * largest capability, and the read-only accessors of parley/scenario.h.
 * Loading (bytes, UTF-8, SHA-256, the readers) is src/lib/reader/load.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scenario_internal.h"

/* ---- helpers shared by the readers ---- */

void parley_reader__verror(parley_reader *r, unsigned line, unsigned col,
	const char *expected, const char *fmt, va_list ap)
{
	/* Past the cap errors are counted, not kept: a pathological file must
	 * not produce megabytes of messages (a summary is added at the end). */
	if (r->errors < PARLEY_MAX_DIAGS &&
	    parley_diag__vadd(r->diags, r->file, line, col, expected, fmt, ap) < 0)
		r->oom = 1;
	r->errors++;
}

void parley_reader__error(parley_reader *r, unsigned line, unsigned col,
	const char *expected, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	parley_reader__verror(r, line, col, expected, fmt, ap);
	va_end(ap);
}

void parley_reader__warning(parley_reader *r, unsigned line, unsigned col,
	const char *fmt, ...)
{
	va_list ap;

	if (r->warnings++ >= PARLEY_MAX_DIAGS || !r->diags)
		return;
	va_start(ap, fmt);
	if (parley_diag__vadd(r->diags, r->file, line, col, NULL, fmt, ap) < 0)
		r->oom = 1;
	else
		r->diags->items[r->diags->count - 1].severity = PARLEY_DIAG_WARNING;
	va_end(ap);
}

int parley_scenario__add_source(parley_scenario *s, const parley_source *src)
{
	if (s->source_count == s->source_alloc) {
		size_t n = s->source_alloc ? s->source_alloc * 2 : 32;
		parley_source *p = parley__realloc(s->sources, n * sizeof(*p));
		if (!p)
			return -1;
		s->sources = p;
		s->source_alloc = n;
	}
	s->sources[s->source_count] = *src;
	return (int)s->source_count++;
}

/* The largest capability, actors' and per-issue overrides of the actors
 * present: the reference width of the capability default. */
double parley_scenario__capability_max(const parley_scenario *s)
{
	double m = 0;
	size_t a, i;

	for (a = 0; a < s->actor_count; a++)
		if (s->actors[a].capability.value > m)
			m = s->actors[a].capability.value;
	for (i = 0; i < s->issue_count * s->actor_count; i++)
		if (s->stances[i].present && s->stances[i].capability.value > m)
			m = s->stances[i].capability.value;
	return m;
}

void parley_scenario_free(parley_scenario *s)
{
	if (!s)
		return;
	parley__free(s->sources);
	parley_arena__dispose(&s->arena);
	parley__free(s);
}

/* ---- accessors ---- */

const char *parley_scenario_title(const parley_scenario *s) { return s ? s->title : NULL; }
const char *parley_scenario_date(const parley_scenario *s) { return s ? s->date : NULL; }
const char *parley_scenario_description(const parley_scenario *s) { return s ? s->description : NULL; }
const char *parley_scenario_path(const parley_scenario *s) { return s ? s->path : NULL; }
const char *parley_scenario_sha256(const parley_scenario *s) { return s ? s->sha256 : NULL; }

size_t parley_scenario_document_count(const parley_scenario *s) { return s ? s->document_count : 0; }
const parley_document *parley_scenario_document(const parley_scenario *s, size_t i)
{
	return s && i < s->document_count ? &s->documents[i] : NULL;
}

size_t parley_scenario_source_count(const parley_scenario *s) { return s ? s->source_count : 0; }
const parley_source *parley_scenario_source(const parley_scenario *s, size_t i)
{
	return s && i < s->source_count ? &s->sources[i] : NULL;
}

size_t parley_scenario_issue_count(const parley_scenario *s) { return s ? s->issue_count : 0; }
const parley_issue *parley_scenario_issue(const parley_scenario *s, size_t i)
{
	return s && i < s->issue_count ? &s->issues[i] : NULL;
}

long parley_scenario_issue_index(const parley_scenario *s, const char *id)
{
	size_t i;
	if (!s || !id)
		return -1;
	/* While a scenario is being read an issue may still lack its id. */
	for (i = 0; i < s->issue_count; i++)
		if (s->issues[i].id && !strcmp(s->issues[i].id, id))
			return (long)i;
	return -1;
}

size_t parley_scenario_actor_count(const parley_scenario *s) { return s ? s->actor_count : 0; }
const parley_actor *parley_scenario_actor(const parley_scenario *s, size_t i)
{
	return s && i < s->actor_count ? &s->actors[i] : NULL;
}

long parley_scenario_actor_index(const parley_scenario *s, const char *id)
{
	size_t i;
	if (!s || !id)
		return -1;
	for (i = 0; i < s->actor_count; i++)
		if (s->actors[i].id && !strcmp(s->actors[i].id, id))
			return (long)i;
	return -1;
}

const parley_stance *parley_scenario_stance(const parley_scenario *s, size_t issue, size_t actor)
{
	if (!s || issue >= s->issue_count || actor >= s->actor_count)
		return NULL;
	return &s->stances[issue * s->actor_count + actor];
}

size_t parley_scenario_venue_count(const parley_scenario *s) { return s ? s->venue_count : 0; }
const parley_venue *parley_scenario_venue(const parley_scenario *s, size_t i)
{
	return s && i < s->venue_count ? &s->venues[i] : NULL;
}

size_t parley_scenario_stage_count(const parley_scenario *s) { return s ? s->stage_count : 0; }
const parley_stage *parley_scenario_stage(const parley_scenario *s, size_t i)
{
	return s && i < s->stage_count ? &s->stages[i] : NULL;
}

size_t parley_scenario_ratification_count(const parley_scenario *s) { return s ? s->ratification_count : 0; }
const parley_ratification *parley_scenario_ratification(const parley_scenario *s, size_t i)
{
	return s && i < s->ratification_count ? &s->ratifications[i] : NULL;
}

size_t parley_scenario_package_count(const parley_scenario *s) { return s ? s->package_count : 0; }
const parley_package_spec *parley_scenario_package(const parley_scenario *s, size_t i)
{
	return s && i < s->package_count ? &s->packages[i] : NULL;
}

double parley_scenario_capability_max(const parley_scenario *s)
{
	return s ? s->capability_max : 0;
}

int parley_scenario_uncertainty_for(parley_resolved_uncertainty *out, const parley_scenario *s,
	size_t issue, parley_target target)
{
	const parley_default_uncertainty *d;
	double ref;

	PARLEY_ASSERT_ARG(out && s);
	PARLEY_ASSERT_ARG((unsigned)target < PARLEY_TARGET_COUNT);
	PARLEY_ASSERT_ARG(issue < s->issue_count || target == PARLEY_TARGET_SALIENCE ||
		target == PARLEY_TARGET_CAPABILITY);
	memset(out, 0, sizeof(*out));
	if (issue < s->issue_count && s->issues[issue].uncertainty[target].dist != PARLEY_DIST_NONE) {
		d = &s->issues[issue].uncertainty[target];
		out->dist = d->dist;
		out->p[0] = d->p[0];
		out->p[1] = d->p[1];
		out->origin = PARLEY_UNCERTAINTY_ISSUE;
		return 0;
	}
	d = &s->defaults[target];
	if (d->dist == PARLEY_DIST_NONE)
		return 0;
	ref = target == PARLEY_TARGET_SALIENCE ? 100 : target == PARLEY_TARGET_CAPABILITY ?
		s->capability_max : s->issues[issue].hi - s->issues[issue].lo;
	if (!(ref > 0))
		return 0; /* every capability 0: nothing to spread */
	out->origin = PARLEY_UNCERTAINTY_SCENARIO;
	out->dist = d->dist;
	out->reference = ref;
	out->percent[0] = d->p[0];
	out->percent[1] = d->dist == PARLEY_DIST_NORMAL ? 0 : d->p[1];
	/* on a width of 100 the default's own bits */
	out->p[0] = ref == 100 ? d->p[0] : d->p[0] * ref / 100;
	out->p[1] = d->dist == PARLEY_DIST_NORMAL ? 0 : ref == 100 ? d->p[1] : d->p[1] * ref / 100;
	return 0;
}

const parley_default_uncertainty *parley_scenario_default_uncertainty(const parley_scenario *s,
	parley_target target)
{
	static const parley_default_uncertainty none = { PARLEY_DIST_NONE, { 0, 0 } };
	if (!s || (unsigned)target >= PARLEY_TARGET_COUNT)
		return &none;
	return &s->defaults[target];
}
