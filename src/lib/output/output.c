/*
 * output.c - renders a forecast as text tables, JSON or CSV (parley/output.h).
 * Each renderer is a pure function of the scenario and the forecast, so the
 * same inputs give the same bytes; doubles are printed exactly in JSON and
 * CSV (shortest round-trip text) and rounded for reading in the text table.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "parley/output.h"
#include "output_mc.h"
#include "output_packages.h"

static const char *tie_name(parley_median_tie t)
{
	return t == PARLEY_TIE_LOWER ? "lower" : t == PARLEY_TIE_UPPER ? "upper" : "midpoint";
}

static int json_model(parley_buf *b, const parley_scenario *s, const parley_model_result *r)
{
	const parley_model_type *t = parley_model_type_at((size_t)r->model);
	int error;

	if (r->error) {
		PARLEY_TRY(parley_buf__puts(b, "{\"error\": "));
		PARLEY_TRY(json_str(b, r->message));
		return parley_buf__puts(b, "}");
	}
	PARLEY_TRY(parley_buf__puts(b, "{\"forecast\": "));
	PARLEY_TRY(json_num(b, r->forecast));
	PARLEY_TRY(parley_buf__puts(b, ", \"zone\": "));
	PARLEY_TRY(json_str(b, r->zone));
	if (t->ops->json)
		PARLEY_TRY(t->ops->json(b, s, r));
	error = parley_buf__puts(b, "}");
done:
	return error;
}

static int json_coded(parley_buf *b, const parley_coded *c)
{
	return c->present ? json_num(b, c->value) : parley_buf__puts(b, "null");
}

/* An interval as "name": [lo, hi] or null, and "name_open": [bool, bool]. */
static int json_interval(parley_buf *b, const char *name, const parley_interval *iv)
{
	int error;

	PARLEY_TRY(parley_buf__printf(b, "\"%s\": ", name));
	if (iv->empty)
		return parley_buf__printf(b, "null, \"%s_open\": null", name);
	PARLEY_TRY(parley_buf__puts(b, "["));
	PARLEY_TRY(json_num(b, iv->lo));
	PARLEY_TRY(parley_buf__puts(b, ", "));
	PARLEY_TRY(json_num(b, iv->hi));
	error = parley_buf__printf(b, "], \"%s_open\": [%s, %s]", name, iv->lo_open ? "true" : "false",
		iv->hi_open ? "true" : "false");
done:
	return error;
}

static int json_ids(parley_buf *b, const parley_scenario *s, const size_t *who, size_t n)
{
	size_t k;
	int error;

	PARLEY_TRY(parley_buf__puts(b, "["));
	for (k = 0; k < n; k++) {
		PARLEY_TRY(parley_buf__puts(b, k ? ", " : ""));
		PARLEY_TRY(json_str(b, s->actors[who[k]].id));
	}
	error = parley_buf__puts(b, "]");
done:
	return error;
}

/* Actors present on issue i whose red line excludes y (who would walk out). */
static size_t walkouts(const parley_scenario *s, size_t i, double y, size_t *out)
{
	size_t k, n = 0;
	for (k = 0; k < s->actor_count; k++) {
		const parley_stance *st = &s->stances[i * s->actor_count + k];
		if (st->present && st->has_red_line && (y < st->red_lo.value || y > st->red_hi.value))
			out[n++] = k;
	}
	return n;
}

static const char *rule_code(parley_rule r)
{
	return r == PARLEY_RULE_BILATERAL ? "bilateral" : r == PARLEY_RULE_SIMPLE_MAJORITY ?
		"simple_majority" : r == PARLEY_RULE_QUALIFIED_MAJORITY ? "qualified_majority" : "unanimity";
}

static const char *rule_label(parley_rule r)
{
	return r == PARLEY_RULE_BILATERAL ? "bilateral" : r == PARLEY_RULE_SIMPLE_MAJORITY ?
		"simple majority" : r == PARLEY_RULE_QUALIFIED_MAJORITY ? "qualified majority" : "consensus";
}

static const char *venue_id(const parley_scenario *s, const parley_issue_feasibility *fz,
	const parley_venue_view *vv)
{
	return fz->implicit_venue ? "table" : s->venues[vv->venue].id;
}

static int json_feasibility_into(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	size_t i, size_t *who)
{
	const parley_issue_feasibility *fz = parley_forecast_feasibility(f, i);
	size_t k, m, first;
	int error = 0;

	if (!fz)
		return parley_buf__puts(b, "null");
	PARLEY_TRY(parley_buf__printf(b, "{\"agreement_possible\": %s, \"reason\": ",
		fz->agreement_possible ? "true" : "false"));
	PARLEY_TRY(json_str(b, fz->reason));
	PARLEY_TRY(parley_buf__puts(b, ",\n       "));
	PARLEY_TRY(json_interval(b, "acceptable", &fz->acceptable));
	PARLEY_TRY(parley_buf__printf(b, ", \"status_quo_acceptable\": %s,\n       ",
		fz->has_status_quo ? (fz->q_acceptable ? "true" : "false") : "null"));
	PARLEY_TRY(json_interval(b, "agreement", &fz->agreement));
	PARLEY_TRY(parley_buf__puts(b, ", \"venue\": "));
	PARLEY_TRY(fz->best_venue >= 0 ? json_str(b, venue_id(s, fz, &fz->venues[fz->best_venue])) :
		parley_buf__puts(b, "null"));
	PARLEY_TRY(parley_buf__puts(b, ",\n       \"conflicts\": ["));
	for (k = 0; k < fz->conflict_count; k++) {
		const parley_red_line_conflict *c = &fz->conflicts[k];
		PARLEY_TRY(parley_buf__puts(b, k ? ", {\"a\": " : "{\"a\": "));
		PARLEY_TRY(json_str(b, s->actors[c->a].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"b\": "));
		PARLEY_TRY(json_str(b, s->actors[c->b].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"gap\": "));
		PARLEY_TRY(json_num(b, c->gap));
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	PARLEY_TRY(parley_buf__puts(b, "],\n       \"walkouts\": {"));
	for (m = 0, first = 1; m < parley_model_count(); m++) {
		const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
		if (!r || r->error)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "%s\"%s\": ", first ? "" : ", ", parley_model_type_at(m)->name));
		first = 0;
		PARLEY_TRY(json_ids(b, s, who, walkouts(s, i, r->forecast, who)));
	}
	PARLEY_TRY(parley_buf__puts(b, "},\n       \"venues\": {"));
	for (k = 0, first = 1; k < fz->venue_count; k++) {
		const parley_venue_view *vv = &fz->venues[k];
		if (!vv->on_table)
			continue;
		PARLEY_TRY(parley_buf__puts(b, first ? "\n         " : ",\n         "));
		first = 0;
		PARLEY_TRY(json_str(b, venue_id(s, fz, vv)));
		PARLEY_TRY(parley_buf__printf(b, ": {\"rule\": \"%s\", \"members\": %zu, ", fz->implicit_venue ?
			"unanimity" : rule_code(s->venues[vv->venue].rule), vv->member_count));
		PARLEY_TRY(json_interval(b, "passable", &vv->passable));
		PARLEY_TRY(parley_buf__printf(b, ", \"split\": %s, ", vv->split ? "true" : "false"));
		PARLEY_TRY(json_interval(b, "change", &vv->change));
		PARLEY_TRY(parley_buf__puts(b, ", \"pivots\": "));
		PARLEY_TRY(json_ids(b, s, vv->pivots, vv->pivot_count));
		PARLEY_TRY(parley_buf__puts(b, ", \"blockers\": "));
		PARLEY_TRY(json_ids(b, s, vv->blockers, vv->blocker_count));
		PARLEY_TRY(parley_buf__puts(b, ",\n           \"models\": {"));
		for (m = 0, first = 1; m < parley_model_count(); m++) {
			const parley_model_result *r = &vv->models[m];
			if (!(parley_forecast_options_used(f)->models & (1u << m)))
				continue;
			PARLEY_TRY(parley_buf__printf(b, "%s\"%s\": ", first ? "" : ", ", parley_model_type_at(m)->name));
			first = 0;
			if (r->error) {
				PARLEY_TRY(parley_buf__puts(b, "{\"error\": "));
				PARLEY_TRY(json_str(b, r->message));
				PARLEY_TRY(parley_buf__puts(b, "}"));
			} else {
				PARLEY_TRY(parley_buf__puts(b, "{\"forecast\": "));
				PARLEY_TRY(json_num(b, r->forecast));
				PARLEY_TRY(parley_buf__puts(b, "}"));
			}
		}
		PARLEY_TRY(parley_buf__puts(b, "}}"));
		first = 0;
	}
	PARLEY_TRY(parley_buf__puts(b, first ? "},\n       \"ratification\": {" :
		"\n       },\n       \"ratification\": {"));
	for (k = 0, first = 1; k < fz->ratification_count; k++) {
		const parley_ratification_view *rv = &fz->ratification[k];
		const parley_ratification *rb = &s->ratifications[rv->body];
		parley_interval both;
		if (!rv->applicable)
			continue;
		PARLEY_TRY(parley_buf__puts(b, first ? "" : ", "));
		first = 0;
		PARLEY_TRY(json_str(b, rb->id));
		PARLEY_TRY(parley_buf__puts(b, ": {\"actor\": "));
		PARLEY_TRY(json_str(b, s->actors[rb->actor].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"threshold\": "));
		PARLEY_TRY(json_num(b, rb->threshold));
		PARLEY_TRY(parley_buf__puts(b, ", "));
		PARLEY_TRY(json_interval(b, "ratifiable", &rv->ratifiable));
		parley_interval_intersect(&both, &fz->agreement, &rv->ratifiable);
		PARLEY_TRY(parley_buf__printf(b, ", \"agreement_ratifiable\": %s, \"forecasts_inside\": {",
			both.empty ? "false" : "true"));
		for (m = 0, first = 1; m < parley_model_count(); m++) {
			const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
			if (!r || r->error)
				continue;
			PARLEY_TRY(parley_buf__printf(b, "%s\"%s\": %s", first ? "" : ", ", parley_model_type_at(m)->name,
				parley_interval_contains(&rv->ratifiable, r->forecast) ? "true" : "false"));
			first = 0;
		}
		PARLEY_TRY(parley_buf__puts(b, "}}"));
		first = 0;
	}
	PARLEY_TRY(parley_buf__puts(b, "}}"));
done:
	return error;
}

/* The same with a scratch array of actor indices, owned here. */
static int json_feasibility(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	size_t i)
{
	size_t *who = parley__malloc((s->actor_count + 1) * sizeof(size_t));
	int error;

	if (!who)
		return PARLEY_ENOMEM;
	error = json_feasibility_into(b, s, f, i, who);
	parley__free(who);
	return error;
}

static int json_stages(parley_buf *b, const parley_scenario *s, const parley_forecast *f)
{
	size_t k, n = parley_forecast_stage_step_count(f);
	long last = -1;
	int error;

	for (k = 0; k < n; k++) {
		const parley_stage_step *st = parley_forecast_stage_step(f, k);
		const parley_stage *sg = &s->stages[st->stage];
		if ((long)st->stage != last) {
			PARLEY_TRY(parley_buf__puts(b, last >= 0 ? "]},\n    {\"id\": " : "\n    {\"id\": "));
			PARLEY_TRY(json_str(b, sg->id));
			PARLEY_TRY(parley_buf__puts(b, ", \"venue\": "));
			PARLEY_TRY(json_str(b, s->venues[sg->venue].id));
			PARLEY_TRY(parley_buf__puts(b, ", \"date\": "));
			PARLEY_TRY(json_str(b, sg->date));
			PARLEY_TRY(parley_buf__printf(b, ", \"model\": \"%s\", \"status_quo_from\": \"%s\", \"issues\": [",
				parley_stage__model(sg, &s->venues[sg->venue]), sg->status_quo_previous ? "previous" : "scenario"));
			last = (long)st->stage;
		} else {
			PARLEY_TRY(parley_buf__puts(b, ","));
		}
		PARLEY_TRY(parley_buf__puts(b, "\n      {\"issue\": "));
		PARLEY_TRY(json_str(b, s->issues[st->issue].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"status_quo\": "));
		PARLEY_TRY(json_num(b, st->status_quo));
		PARLEY_TRY(parley_buf__puts(b, ", "));
		PARLEY_TRY(json_interval(b, "change", &st->change));
		PARLEY_TRY(parley_buf__puts(b, ", \"forecast\": "));
		PARLEY_TRY(st->forecast_ok ? json_num(b, st->forecast) : parley_buf__puts(b, "null"));
		PARLEY_TRY(parley_buf__puts(b, ", \"outcome\": "));
		PARLEY_TRY(json_num(b, st->outcome));
		PARLEY_TRY(parley_buf__printf(b, ", \"moved\": %s}", st->moved ? "true" : "false"));
	}
	error = last >= 0 ? parley_buf__puts(b, "]}\n  ") : 0;
done:
	return error;
}

/* The scenario's description, documents and display names (for readers
 * of the JSON such as the HTML report): `, "description": ..., "documents":
 * [...], "actors": [...], "venues": [...], "ratification": [...]`. */
static int json_scenario_more(parley_buf *b, const parley_scenario *s)
{
	size_t k, m;
	int error;

	PARLEY_TRY(parley_buf__puts(b, ", \"description\": "));
	PARLEY_TRY(json_str(b, s->description));
	PARLEY_TRY(parley_buf__puts(b, ",\n               \"documents\": ["));
	for (k = 0; k < s->document_count; k++) {
		const parley_document *d = &s->documents[k];
		PARLEY_TRY(parley_buf__puts(b, k ? ",\n                 {\"id\": " : "\n                 {\"id\": "));
		PARLEY_TRY(json_str(b, d->id));
		PARLEY_TRY(parley_buf__puts(b, ", \"title\": "));
		PARLEY_TRY(json_str(b, d->title));
		PARLEY_TRY(parley_buf__puts(b, ", \"publisher\": "));
		PARLEY_TRY(json_str(b, d->publisher));
		PARLEY_TRY(parley_buf__puts(b, ", \"date\": "));
		PARLEY_TRY(json_str(b, d->date));
		PARLEY_TRY(parley_buf__puts(b, ", \"location\": "));
		PARLEY_TRY(json_str(b, d->location));
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	PARLEY_TRY(parley_buf__puts(b, "],\n               \"actors\": ["));
	for (k = 0; k < s->actor_count; k++) {
		PARLEY_TRY(parley_buf__puts(b, k ? ", {\"id\": " : "{\"id\": "));
		PARLEY_TRY(json_str(b, s->actors[k].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"name\": "));
		PARLEY_TRY(json_str(b, actor_label(&s->actors[k])));
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	PARLEY_TRY(parley_buf__puts(b, "],\n               \"venues\": ["));
	for (k = 0; k < s->venue_count; k++) {
		const parley_venue *v = &s->venues[k];
		PARLEY_TRY(parley_buf__puts(b, k ? ", {\"id\": " : "{\"id\": "));
		PARLEY_TRY(json_str(b, v->id));
		PARLEY_TRY(parley_buf__puts(b, ", \"name\": "));
		PARLEY_TRY(json_str(b, v->name ? v->name : v->id));
		PARLEY_TRY(parley_buf__printf(b, ", \"rule\": \"%s\", \"date\": ", rule_code(v->rule)));
		PARLEY_TRY(json_str(b, v->date));
		PARLEY_TRY(parley_buf__puts(b, ", \"location\": "));
		PARLEY_TRY(json_str(b, v->location));
		PARLEY_TRY(parley_buf__puts(b, ", \"members\": ["));
		for (m = 0; m < v->member_count; m++) {
			PARLEY_TRY(parley_buf__puts(b, m ? ", " : ""));
			PARLEY_TRY(json_str(b, s->actors[v->members[m]].id));
		}
		PARLEY_TRY(parley_buf__puts(b, "]}"));
	}
	PARLEY_TRY(parley_buf__puts(b, "],\n               \"ratification\": ["));
	for (k = 0; k < s->ratification_count; k++) {
		const parley_ratification *rb = &s->ratifications[k];
		PARLEY_TRY(parley_buf__puts(b, k ? ", {\"id\": " : "{\"id\": "));
		PARLEY_TRY(json_str(b, rb->id));
		PARLEY_TRY(parley_buf__puts(b, ", \"name\": "));
		PARLEY_TRY(json_str(b, rb->name ? rb->name : rb->id));
		PARLEY_TRY(parley_buf__puts(b, ", \"actor\": "));
		PARLEY_TRY(json_str(b, s->actors[rb->actor].id));
		PARLEY_TRY(parley_buf__puts(b, ", \"threshold\": "));
		PARLEY_TRY(json_num(b, rb->threshold));
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	error = parley_buf__puts(b, "]");
done:
	return error;
}

/* "warnings": [{"file", "line", "column", "message"}, ...] and a newline,
 * or nothing when there are none (docs/output.md). */
static int json_warnings(parley_buf *b, const parley_diag_list *w)
{
	size_t i;
	int error;

	if (!w || !w->count)
		return 0;
	PARLEY_TRY(parley_buf__puts(b, "  \"warnings\": ["));
	for (i = 0; i < w->count; i++) {
		const parley_diag *d = &w->items[i];
		PARLEY_TRY(parley_buf__puts(b, i ? ",\n    {\"file\": " : "\n    {\"file\": "));
		PARLEY_TRY(json_str(b, d->file));
		PARLEY_TRY(parley_buf__printf(b, ", \"line\": %u, \"column\": %u, \"message\": ",
			d->line, d->column));
		PARLEY_TRY(json_str(b, d->message));
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	error = parley_buf__puts(b, "\n  ],\n");
done:
	return error;
}

static int render_json(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	const parley_mc *mc, const parley_diag_list *warnings)
{
	const parley_forecast_options *o = parley_forecast_options_used(f);
	size_t i, m, k, first;
	int error;

	PARLEY_TRY(parley_buf__printf(b, "{\n  \"parley_version\": \"%s\",\n  \"input\": {\"path\": ",
		PARLEY_VERSION));
	PARLEY_TRY(json_str(b, s->path));
	PARLEY_TRY(parley_buf__printf(b, ", \"sha256\": \"%s\"},\n", s->sha256));
	if (mc)
		PARLEY_TRY(parley_buf__printf(b, "  \"seed\": %llu,\n  \"draws\": %llu,\n",
			(unsigned long long)parley_mc_options_used(mc)->seed,
			(unsigned long long)parley_mc_options_used(mc)->draws));
	else
		PARLEY_TRY(parley_buf__puts(b, "  \"seed\": null,\n  \"draws\": null,\n"));
	PARLEY_TRY(json_warnings(b, warnings));
	PARLEY_TRY(parley_buf__puts(b, "  \"scenario\": {\"title\": "));
	PARLEY_TRY(json_str(b, s->title));
	PARLEY_TRY(parley_buf__puts(b, ", \"date\": "));
	PARLEY_TRY(json_str(b, s->date));
	PARLEY_TRY(json_scenario_more(b, s));
	PARLEY_TRY(parley_buf__puts(b, "},\n  \"options\": {\"models\": ["));
	for (m = 0, first = 1; m < parley_model_count(); m++)
		if (o->models & (1u << m)) {
			PARLEY_TRY(parley_buf__printf(b, "%s\"%s\"", first ? "" : ", ", parley_model_type_at(m)->name));
			first = 0;
		}
	PARLEY_TRY(parley_buf__printf(b, "], \"median_tie\": \"%s\", \"nbs_weights\": \"%s\", \"nbs_loss\": %d,\n",
		tie_name(o->median_tie),
		o->nbs_weights == PARLEY_NBS_WEIGHTS_CAPABILITY ? "capability" : "capability-salience",
		o->nbs_loss));
	PARLEY_TRY(parley_buf__printf(b, "              \"bdm\": {\"profile\": \"%s\", \"rounds\": %zu, \"q\": ",
		parley_bdm_profile_name(o->bdm.profile), o->bdm.max_rounds));
	PARLEY_TRY(json_num(b, o->bdm.q));
	PARLEY_TRY(parley_buf__printf(b, ", \"selection\": \"%s\", \"range\": \"%s\"}},\n",
		parley_bdm_selection_name(o->bdm.selection),
		o->bdm.range == PARLEY_BDM_RANGE_SCALE ? "scale" : "initial"));
	PARLEY_TRY(parley_buf__puts(b, "  \"issues\": ["));
	for (i = 0; i < s->issue_count; i++) {
		const parley_issue *is = &s->issues[i];
		PARLEY_TRY(parley_buf__puts(b, i ? ",\n    {" : "\n    {"));
		PARLEY_TRY(parley_buf__puts(b, "\"id\": "));
		PARLEY_TRY(json_str(b, is->id));
		PARLEY_TRY(parley_buf__puts(b, ", \"title\": "));
		PARLEY_TRY(json_str(b, is->title));
		PARLEY_TRY(parley_buf__puts(b, ", \"scale\": ["));
		PARLEY_TRY(json_num(b, is->lo));
		PARLEY_TRY(parley_buf__puts(b, ", "));
		PARLEY_TRY(json_num(b, is->hi));
		PARLEY_TRY(parley_buf__puts(b, "], \"status_quo\": "));
		PARLEY_TRY(json_coded(b, &is->status_quo));
		PARLEY_TRY(parley_buf__puts(b, ",\n     \"description\": "));
		PARLEY_TRY(json_str(b, is->description));
		PARLEY_TRY(parley_buf__puts(b, ",\n     \"labels\": ["));
		for (k = 0; k < is->label_count; k++) {
			PARLEY_TRY(parley_buf__puts(b, k ? ", {\"at\": " : "{\"at\": "));
			PARLEY_TRY(json_num(b, is->labels[k].at));
			PARLEY_TRY(parley_buf__puts(b, ", \"text\": "));
			PARLEY_TRY(json_str(b, is->labels[k].text));
			PARLEY_TRY(parley_buf__puts(b, "}"));
		}
		PARLEY_TRY(parley_buf__puts(b, "],\n     \"zones\": ["));
		for (k = 0; k < is->zone_count; k++) {
			PARLEY_TRY(parley_buf__puts(b, k ? ", {\"name\": " : "{\"name\": "));
			PARLEY_TRY(json_str(b, is->zones[k].name));
			PARLEY_TRY(parley_buf__puts(b, ", \"range\": ["));
			PARLEY_TRY(json_num(b, is->zones[k].lo));
			PARLEY_TRY(parley_buf__puts(b, ", "));
			PARLEY_TRY(json_num(b, is->zones[k].hi));
			PARLEY_TRY(parley_buf__puts(b, "]}"));
		}
		PARLEY_TRY(parley_buf__puts(b, "],\n     \"actors\": ["));
		for (k = 0, first = 1; k < s->actor_count; k++) {
			const parley_stance *st = &s->stances[i * s->actor_count + k];
			if (!st->present)
				continue;
			PARLEY_TRY(parley_buf__puts(b, first ? "\n       {\"id\": " : ",\n       {\"id\": "));
			first = 0;
			PARLEY_TRY(json_str(b, s->actors[k].id));
			PARLEY_TRY(parley_buf__puts(b, ", \"position\": "));
			PARLEY_TRY(json_num(b, st->position.value));
			PARLEY_TRY(parley_buf__puts(b, ", \"salience\": "));
			PARLEY_TRY(json_num(b, st->salience.value));
			PARLEY_TRY(parley_buf__puts(b, ", \"capability\": "));
			PARLEY_TRY(json_num(b, st->capability.value));
			PARLEY_TRY(parley_buf__puts(b, ", \"red_line\": "));
			if (st->has_red_line) {
				PARLEY_TRY(parley_buf__puts(b, "["));
				PARLEY_TRY(json_num(b, st->red_lo.value));
				PARLEY_TRY(parley_buf__puts(b, ", "));
				PARLEY_TRY(json_num(b, st->red_hi.value));
				PARLEY_TRY(parley_buf__puts(b, "]"));
			} else {
				PARLEY_TRY(parley_buf__puts(b, "null"));
			}
			PARLEY_TRY(parley_buf__puts(b, "}"));
		}
		PARLEY_TRY(parley_buf__puts(b, first ? "],\n     \"models\": {" : "\n     ],\n     \"models\": {"));
		for (m = 0, first = 1; m < parley_model_count(); m++) {
			const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
			if (!r)
				continue;
			PARLEY_TRY(parley_buf__printf(b, "%s\n       \"%s\": ", first ? "" : ",",
				parley_model_type_at(m)->name));
			first = 0;
			PARLEY_TRY(json_model(b, s, r));
			if (mc && !r->error) {
				b->size--; /* reopen the model's object */
				b->ptr[b->size] = '\0';
				PARLEY_TRY(parley_output__json_distribution(b, s, mc, i, (parley_model_id)m));
				PARLEY_TRY(parley_buf__puts(b, "}"));
			}
		}
		PARLEY_TRY(parley_buf__puts(b, "\n     },\n     \"feasibility\": "));
		PARLEY_TRY(json_feasibility(b, s, f, i));
		if (mc) {
			b->size--; /* add the probabilities inside the feasibility object */
			b->ptr[b->size] = '\0';
			PARLEY_TRY(parley_output__json_mc_feasibility(b, s, mc, i));
			PARLEY_TRY(parley_buf__puts(b, "},\n     \"sensitivity\": "));
			PARLEY_TRY(parley_output__json_sensitivity(b, s, f, mc, i));
			PARLEY_TRY(parley_buf__puts(b, ",\n     \"uncertainty\": "));
			PARLEY_TRY(parley_output__json_uncertainty(b, s, i));
		}
		PARLEY_TRY(parley_buf__puts(b, "}"));
	}
	PARLEY_TRY(parley_buf__puts(b, "\n  ],\n  \"stages\": ["));
	PARLEY_TRY(json_stages(b, s, f));
	PARLEY_TRY(parley_buf__puts(b, "],\n  \"packages\": ["));
	PARLEY_TRY(parley_output__json_packages(b, s, f));
	error = parley_buf__puts(b, "]\n}\n");
done:
	return error;
}

/* ---- CSV ---- */

static int render_csv(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	const parley_mc *mc)
{
	size_t i, m;
	int error = 0;

	PARLEY_TRY(parley_buf__puts(b, "issue,model,forecast,zone,status,tie,interval_lo,interval_hi,"
		"error,parley_version,input_sha256,seed"));
	/* with draws: the distribution's summary in further columns */
	PARLEY_TRY(parley_buf__puts(b, mc ? ",draws,mc_mean,mc_sd,mc_q5,mc_q25,mc_q50,mc_q75,mc_q95\n" : "\n"));
	for (i = 0; i < s->issue_count; i++)
		for (m = 0; m < parley_model_count(); m++) {
			const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
			const parley_model_type *t = parley_model_type_at(m);
			if (!r)
				continue;
			PARLEY_TRY(parley_buf__csv_str(b, s->issues[i].id));
			PARLEY_TRY(parley_buf__printf(b, ",%s,", parley_model_type_at(m)->name));
			if (!r->error) {
				PARLEY_TRY(parley_buf__double(b, r->forecast));
				PARLEY_TRY(parley_buf__puts(b, ","));
				PARLEY_TRY(parley_buf__csv_str(b, r->zone));
				PARLEY_TRY(parley_buf__puts(b, ","));
				/* status,tie,interval_lo,interval_hi: the model's, or empty */
				PARLEY_TRY(t->ops->csv ? t->ops->csv(b, r) : parley_buf__puts(b, ",,,"));
				PARLEY_TRY(parley_buf__puts(b, ","));
			} else {
				PARLEY_TRY(parley_buf__puts(b, ",,error,,,,"));
				PARLEY_TRY(parley_buf__csv_str(b, r->message));
			}
			PARLEY_TRY(parley_buf__printf(b, ",%s,%s,", PARLEY_VERSION, s->sha256));
			if (mc)
				PARLEY_TRY(parley_output__csv_mc(b, mc, i, (parley_model_id)m));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
done:
	return error;
}

/* ---- text ---- */

/* Label points are the author's round numbers: shortest form. */
static int fmt_point(parley_buf *b, double v)
{
	return parley_buf__printf(b, "%g", v);
}

/* Characters of the actor column: the longest name on the issue plus two
 * spaces, at least 27 so the model table and the actor table align. */
static size_t actor_column_width(const parley_scenario *s, size_t i)
{
	size_t k, w = 25, n, j;
	for (k = 0; k < s->actor_count; k++) {
		const char *name = actor_label(&s->actors[k]);
		if (!s->stances[i * s->actor_count + k].present)
			continue;
		for (n = 0, j = 0; name[j]; j++)
			n += ((unsigned char)name[j] & 0xC0) != 0x80;
		if (n > w)
			w = n;
	}
	return w + 2;
}

static const parley_label *nearest_label(const parley_issue *is, double y)
{
	const parley_label *best = NULL;
	size_t k;
	for (k = 0; k < is->label_count; k++)
		if (!best || fabs(is->labels[k].at - y) < fabs(best->at - y))
			best = &is->labels[k];
	return best;
}

/* The expected-utility model's rounds as a compact table. */
static int text_rounds(parley_buf *b, const parley_scenario *s, const parley_bdm_trajectory *t, int dec)
{
	size_t round, k;
	int error = 0;

	const char *why = t->status == PARLEY_BDM_FIXED_POINT ? "stopped at a fixed point" :
		t->status == PARLEY_BDM_MAX_ROUNDS ? "stopped at the round limit" :
		t->status == PARLEY_BDM_DEGENERATE_RANGE ? "all actors at one position" : "running";

	PARLEY_TRY(parley_buf__printf(b, "\n  Expected utility (BDM), %s profile: %s after %zu round%s; "
		"forecast = median after the last round\n", parley_bdm_profile_name(t->profile),
		why, t->rounds, t->rounds == 1 ? "" : "s"));
	PARLEY_TRY(parley_buf__puts(b, "  Round    Median      Mean   Moved\n"));
	for (round = 0; round <= t->rounds; round++) {
		size_t moved = 0;
		if (round)
			for (k = 0; k < t->actor_count; k++)
				moved += t->positions[round * t->actor_count + k] !=
					t->positions[(round - 1) * t->actor_count + k];
		PARLEY_TRY(parley_buf__printf(b, "  %5zu", round));
		PARLEY_TRY(fmt_pos_w(b, t->median[round], dec, 10));
		PARLEY_TRY(fmt_pos_w(b, t->mean[round], dec, 10));
		PARLEY_TRY(round ? parley_buf__printf(b, "  %6zu\n", moved) : parley_buf__puts(b, "       -\n"));
	}
	if (t->offers && t->rounds) {
		size_t any = 0;
		for (k = 0; k < t->actor_count; k++) {
			const parley_bdm_offer *o = &t->offers[k];
			if (o->kind == PARLEY_BDM_OFFER_NONE)
				continue;
			if (!any++)
				PARLEY_TRY(parley_buf__printf(b, "  Offers accepted in round %zu:\n", t->rounds));
			PARLEY_TRY(parley_buf__printf(b, "    %s accepts %s from %s, moving to ",
				actor_label(&s->actors[t->actors[k]]), parley_bdm_offer_name(o->kind),
				actor_label(&s->actors[t->actors[o->proposer]])));
			PARLEY_TRY(fmt_pos(b, o->position, dec));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
		if (!any)
			PARLEY_TRY(parley_buf__printf(b, "  No offer was accepted in round %zu.\n", t->rounds));
	}
done:
	return error;
}

/* "(20.0, 80.0]" or "none". */
static int text_interval(parley_buf *b, const parley_interval *iv, int dec)
{
	int error;

	if (iv->empty)
		return parley_buf__puts(b, "none");
	PARLEY_TRY(parley_buf__puts(b, iv->lo_open ? "(" : "["));
	PARLEY_TRY(fmt_pos(b, iv->lo, dec));
	PARLEY_TRY(parley_buf__puts(b, ", "));
	PARLEY_TRY(fmt_pos(b, iv->hi, dec));
	error = parley_buf__puts(b, iv->hi_open ? ")" : "]");
done:
	return error;
}

static int text_names(parley_buf *b, const parley_scenario *s, const size_t *who, size_t n)
{
	size_t k;
	int error = 0;

	for (k = 0; k < n; k++)
		PARLEY_TRY(parley_buf__printf(b, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ",
			actor_label(&s->actors[who[k]])));
done:
	return error;
}

/* "Is an agreement possible?" with the reason, the red lines, each venue,
 * who would walk out of each forecast, and ratification. */
static int text_feasibility_into(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	size_t i, int dec, size_t *who)
{
	const parley_issue_feasibility *fz = parley_forecast_feasibility(f, i);
	size_t k, m, n, vw = 20;
	int error = 0;

	if (!fz)
		return 0;
	PARLEY_TRY(parley_buf__printf(b, "\n  Is an agreement possible? %s: %s.\n",
		fz->agreement_possible ? "Yes" : "No", fz->reason));
	PARLEY_TRY(parley_buf__puts(b, "  Every red line admits: "));
	PARLEY_TRY(text_interval(b, &fz->acceptable, dec));
	if (fz->has_status_quo)
		PARLEY_TRY(parley_buf__printf(b, "; the status quo is %s", fz->q_acceptable ?
			"inside" : "outside"));
	PARLEY_TRY(parley_buf__puts(b, "\n"));
	for (k = 0; k < fz->conflict_count && k < 5; k++) {
		const parley_red_line_conflict *c = &fz->conflicts[k];
		PARLEY_TRY(parley_buf__printf(b, "    conflict: %s (at most ", actor_label(&s->actors[c->a])));
		PARLEY_TRY(fmt_pos(b, s->stances[i * s->actor_count + c->a].red_hi.value, dec));
		PARLEY_TRY(parley_buf__printf(b, ") and %s (at least ", actor_label(&s->actors[c->b])));
		PARLEY_TRY(fmt_pos(b, s->stances[i * s->actor_count + c->b].red_lo.value, dec));
		PARLEY_TRY(parley_buf__puts(b, "), gap "));
		PARLEY_TRY(fmt_pos(b, c->gap, dec));
		PARLEY_TRY(parley_buf__puts(b, "\n"));
	}
	if (fz->conflict_count > 5)
		PARLEY_TRY(parley_buf__printf(b, "    ... and %zu more conflicting pairs\n", fz->conflict_count - 5));

	for (k = 0; k < fz->venue_count; k++) {
		const parley_venue_view *vv = &fz->venues[k];
		const char *name = fz->implicit_venue ? "All actors (consensus)" :
			s->venues[vv->venue].name ? s->venues[vv->venue].name : s->venues[vv->venue].id;
		size_t len = strlen(name);
		if (vv->on_table && len > vw)
			vw = len > 50 ? 50 : len;
	}
	if (fz->has_status_quo) {
		PARLEY_TRY(parley_buf__printf(b, "  %-*s  %-18s  %-18s  %s\n", (int)vw, "Venue",
			"Beats status quo", "Within red lines", "Pivots"));
		for (k = 0; k < fz->venue_count; k++) {
			const parley_venue_view *vv = &fz->venues[k];
			const char *name = fz->implicit_venue ? "All actors (consensus)" :
				s->venues[vv->venue].name ? s->venues[vv->venue].name : s->venues[vv->venue].id;
			size_t ls;
			if (!vv->on_table)
				continue;
			ls = b->size;
			PARLEY_TRY(parley_buf__printf(b, "  %.*s", (int)vw, name));
			PARLEY_TRY(pad_to(b, ls, vw + 4));
			PARLEY_TRY(text_interval(b, &vv->passable, dec));
			PARLEY_TRY(pad_to(b, ls, vw + 24));
			PARLEY_TRY(text_interval(b, &vv->change, dec));
			PARLEY_TRY(pad_to(b, ls, vw + 44));
			if (vv->pivot_count)
				PARLEY_TRY(text_names(b, s, vv->pivots, vv->pivot_count));
			else if (vv->blocker_count == 2) {
				PARLEY_TRY(parley_buf__printf(b, "held in place by %s (", actor_label(&s->actors[vv->blockers[0]])));
				PARLEY_TRY(fmt_pos(b, s->stances[i * s->actor_count + vv->blockers[0]].position.value, dec));
				PARLEY_TRY(parley_buf__printf(b, ") and %s (", actor_label(&s->actors[vv->blockers[1]])));
				PARLEY_TRY(fmt_pos(b, s->stances[i * s->actor_count + vv->blockers[1]].position.value, dec));
				PARLEY_TRY(parley_buf__puts(b, ")"));
			}
			else if (vv->member_count == 0)
				PARLEY_TRY(parley_buf__puts(b, "no member takes a position"));
			else
				PARLEY_TRY(parley_buf__puts(b, "-"));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
			if (!fz->implicit_venue) {
				size_t shown = 0;
				for (m = 0; m < parley_model_count(); m++) {
					const parley_model_result *r = &vv->models[m];
					if (!(parley_forecast_options_used(f)->models & (1u << m)) || r->error)
						continue;
					PARLEY_TRY(parley_buf__printf(b, "%s%s ", shown++ ? ", " :
						"    forecasts among its members: ", parley_model_type_at(m)->name));
					PARLEY_TRY(fmt_pos(b, r->forecast, dec));
				}
				if (shown)
					PARLEY_TRY(parley_buf__puts(b, "\n"));
			}
		}
	}
	for (m = 0; m < parley_model_count(); m++) {
		const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
		if (!r || r->error || !(n = walkouts(s, i, r->forecast, who)))
			continue;
		PARLEY_TRY(parley_buf__printf(b, "  %s at ", parley_model_type_at(m)->title));
		PARLEY_TRY(fmt_pos(b, r->forecast, dec));
		PARLEY_TRY(parley_buf__puts(b, " crosses the red line of "));
		PARLEY_TRY(text_names(b, s, who, n));
		PARLEY_TRY(parley_buf__puts(b, "\n"));
	}
	for (k = 0; k < fz->ratification_count; k++) {
		const parley_ratification_view *rv = &fz->ratification[k];
		const parley_ratification *rb = &s->ratifications[rv->body];
		parley_interval both;
		if (!rv->applicable)
			continue;
		parley_interval_intersect(&both, &fz->agreement, &rv->ratifiable);
		PARLEY_TRY(parley_buf__printf(b, "  Ratification by %s (%g votes needed): ratifiable ",
			rb->name ? rb->name : rb->id, rb->threshold));
		PARLEY_TRY(text_interval(b, &rv->ratifiable, dec));
		PARLEY_TRY(parley_buf__puts(b, fz->agreement.empty ? "; no agreement to ratify\n" :
			both.empty ? "; the possible agreement would not be ratified\n" :
			"; part of the possible agreement could be ratified: "));
		if (!fz->agreement.empty && !both.empty) {
			PARLEY_TRY(text_interval(b, &both, dec));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
	}
done:
	return error;
}

/* The same with a scratch array of actor indices, owned here. */
static int text_feasibility(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	size_t i, int dec)
{
	size_t *who = parley__malloc((s->actor_count + 1) * sizeof(size_t));
	int error;

	if (!who)
		return PARLEY_ENOMEM;
	error = text_feasibility_into(b, s, f, i, dec, who);
	parley__free(who);
	return error;
}

/* The stages in order: per stage and issue, where it started and ended. */
static int text_stages(parley_buf *b, const parley_scenario *s, const parley_forecast *f)
{
	size_t k, n = parley_forecast_stage_step_count(f);
	long last = -1;
	int error = 0;

	for (k = 0; k < n; k++) {
		const parley_stage_step *st = parley_forecast_stage_step(f, k);
		const parley_stage *sg = &s->stages[st->stage];
		const parley_venue *ve = &s->venues[sg->venue];
		const parley_issue *is = &s->issues[st->issue];
		int dec = issue_decimals(s, st->issue);
		size_t ls;
		if (k == 0)
			PARLEY_TRY(parley_buf__printf(b, "\n== Stages (each outcome is the stage model's forecast over the "
				"venue's members, moved into what the venue can pass and its members' red lines admit)\n"));
		if ((long)st->stage != last) {
			PARLEY_TRY(parley_buf__printf(b, "\n  %s: %s%s%s, %s, model %s, status quo from %s\n", sg->id,
				ve->name ? ve->name : ve->id, sg->date ? " on " : "", sg->date ? sg->date : "",
				rule_label(ve->rule), parley_stage__model(sg, ve), sg->status_quo_previous ? "the previous stage" : "the scenario"));
			PARLEY_TRY(parley_buf__puts(b, "    Issue                 Status quo  Can pass            Forecast   Outcome\n"));
			last = (long)st->stage;
		}
		ls = b->size;
		PARLEY_TRY(parley_buf__printf(b, "    %.20s", is->id));
		PARLEY_TRY(pad_to(b, ls, 26));
		PARLEY_TRY(fmt_pos_w(b, st->status_quo, dec, 10));
		PARLEY_TRY(parley_buf__puts(b, "  "));
		PARLEY_TRY(text_interval(b, &st->change, dec));
		PARLEY_TRY(pad_to(b, ls, 58));
		if (st->forecast_ok)
			PARLEY_TRY(fmt_pos_w(b, st->forecast, dec, 8));
		else
			PARLEY_TRY(parley_buf__puts(b, "     n/a"));
		PARLEY_TRY(fmt_pos_w(b, st->outcome, dec, 10));
		PARLEY_TRY(parley_buf__puts(b, st->moved ? "\n" : "  (no change)\n"));
	}
done:
	return error;
}

static int render_text(parley_buf *b, const parley_scenario *s, const parley_forecast *f,
	const parley_mc *mc)
{
	size_t i, m, k;
	int error;

	PARLEY_TRY(parley_buf__printf(b, "%s\n", s->title ? s->title : s->path));
	if (s->date)
		PARLEY_TRY(parley_buf__printf(b, "as of %s\n", s->date));
	if (mc)
		PARLEY_TRY(parley_buf__printf(b, "parley %s | input %s | sha256 %s | seed %llu | %llu draws\n",
			PARLEY_VERSION, s->path, s->sha256,
			(unsigned long long)parley_mc_options_used(mc)->seed,
			(unsigned long long)parley_mc_options_used(mc)->draws));
	else
		PARLEY_TRY(parley_buf__printf(b, "parley %s | input %s | sha256 %s | seed none\n",
			PARLEY_VERSION, s->path, s->sha256));
	for (i = 0; i < s->issue_count; i++) {
		const parley_issue *is = &s->issues[i];
		int dec = issue_decimals(s, i);
		size_t name_w = actor_column_width(s, i), present;
		const parley_model_result *bdm;
		const parley_bdm_trajectory *traj;
		size_t ls;
		PARLEY_TRY(parley_buf__printf(b, "\n== Issue %zu of %zu: %s", i + 1, s->issue_count, is->title));
		PARLEY_TRY(strcmp(is->title, is->id) ? parley_buf__printf(b, " (%s)\n", is->id) : parley_buf__puts(b, "\n"));
		PARLEY_TRY(parley_buf__puts(b, "Scale "));
		PARLEY_TRY(fmt_point(b, is->lo));
		PARLEY_TRY(parley_buf__puts(b, " to "));
		PARLEY_TRY(fmt_point(b, is->hi));
		PARLEY_TRY(parley_buf__puts(b, "; status quo "));
		if (is->status_quo.present)
			PARLEY_TRY(fmt_pos(b, is->status_quo.value, dec));
		else
			PARLEY_TRY(parley_buf__puts(b, "not given"));
		PARLEY_TRY(parley_buf__puts(b, "\n"));
		for (k = 0; k < is->label_count; k++) {
			ls = b->size;
			PARLEY_TRY(parley_buf__puts(b, "  "));
			PARLEY_TRY(fmt_point(b, is->labels[k].at));
			PARLEY_TRY(pad_to(b, ls, 9));
			PARLEY_TRY(parley_buf__printf(b, "%s\n", is->labels[k].text));
		}
		if (is->zone_count) {
			PARLEY_TRY(parley_buf__puts(b, "Zones:"));
			for (k = 0; k < is->zone_count; k++) {
				PARLEY_TRY(parley_buf__printf(b, "%s %s [", k ? ";" : "", is->zones[k].name));
				PARLEY_TRY(fmt_point(b, is->zones[k].lo));
				PARLEY_TRY(parley_buf__puts(b, ", "));
				PARLEY_TRY(fmt_point(b, is->zones[k].hi));
				PARLEY_TRY(parley_buf__puts(b, "]"));
			}
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}

		PARLEY_TRY(parley_buf__puts(b, "\n  Model                      Forecast  Reading\n"));
		for (m = 0; m < parley_model_count(); m++) {
			const parley_model_result *r = parley_forecast_result(f, i, (parley_model_id)m);
			const parley_model_type *t = parley_model_type_at(m);
			const parley_label *l;
			int note;
			if (!r)
				continue;
			ls = b->size;
			PARLEY_TRY(parley_buf__printf(b, "  %s", parley_model_type_at(m)->title));
			PARLEY_TRY(pad_to(b, ls, 29));
			if (r->error) {
				PARLEY_TRY(parley_buf__printf(b, "     n/a  %s\n", r->message));
				continue;
			}
			PARLEY_TRY(fmt_pos_w(b, r->forecast, dec, 8));
			l = nearest_label(is, r->forecast);
			note = t->ops->text_has_note && t->ops->text_has_note(r);
			if (l || r->zone || note)
				PARLEY_TRY(parley_buf__puts(b, "  "));
			if (l) {
				PARLEY_TRY(parley_buf__puts(b, "nearest "));
				PARLEY_TRY(fmt_point(b, l->at));
				PARLEY_TRY(parley_buf__printf(b, ": %s", l->text));
			}
			if (r->zone)
				PARLEY_TRY(parley_buf__printf(b, "%szone: %s", l ? "; " : "", r->zone));
			if (note)
				PARLEY_TRY(t->ops->text_note(b, r, dec, fmt_pos, l || r->zone ? "; " : ""));
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}

		if (mc)
			PARLEY_TRY(parley_output__text_mc(b, s, f, mc, i, dec));
		PARLEY_TRY(text_feasibility(b, s, f, i, dec));
		if (mc)
			PARLEY_TRY(parley_output__text_mc_feasibility(b, s, mc, i));

		PARLEY_TRY(parley_output__text_exchanges(b, s, f, i, dec));

		bdm = parley_forecast_result(f, i, PARLEY_MODEL_BDM);
		traj = bdm && !bdm->error ? bdm->bdm : NULL;
		if (traj)
			PARLEY_TRY(text_rounds(b, s, traj, dec));

		PARLEY_TRY(parley_buf__puts(b, "\n  Actor"));
		PARLEY_TRY(parley_buf__printf(b, "%*s", (int)(name_w - 5), ""));
		PARLEY_TRY(parley_buf__puts(b, traj ? "Position  BDM end  r first  r last  Salience  Capability  Red line\n" :
			"Position  Salience  Capability  Red line\n"));
		for (k = 0, present = 0; k < s->actor_count; k++) {
			const parley_stance *st = &s->stances[i * s->actor_count + k];
			if (!st->present)
				continue;
			ls = b->size;
			PARLEY_TRY(parley_buf__printf(b, "  %s", actor_label(&s->actors[k])));
			PARLEY_TRY(pad_to(b, ls, name_w + 2));
			PARLEY_TRY(fmt_pos_w(b, st->position.value, dec, 8));
			if (traj) { /* present actors are the trajectory's, in the same order */
				PARLEY_TRY(fmt_pos_w(b, traj->positions[traj->rounds * traj->actor_count + present], dec, 9));
				PARLEY_TRY(traj->risk_first ? parley_buf__printf(b, "  %7.2f", traj->risk_first[present]) :
					parley_buf__puts(b, "        -"));
				PARLEY_TRY(traj->risk ? parley_buf__printf(b, "  %6.2f", traj->risk[present]) :
					parley_buf__puts(b, "       -"));
			}
			present++;
			PARLEY_TRY(parley_buf__printf(b, "  %8.0f  %10g", st->salience.value, st->capability.value));
			if (st->has_red_line) {
				PARLEY_TRY(parley_buf__puts(b, "  ["));
				PARLEY_TRY(fmt_pos(b, st->red_lo.value, dec));
				PARLEY_TRY(parley_buf__puts(b, ", "));
				PARLEY_TRY(fmt_pos(b, st->red_hi.value, dec));
				PARLEY_TRY(parley_buf__puts(b, "]"));
			}
			PARLEY_TRY(parley_buf__puts(b, "\n"));
		}
	}
	PARLEY_TRY(text_stages(b, s, f));
	error = parley_output__text_packages(b, s, f);
done:
	return error;
}

int parley_output_write(parley_buf *out, const parley_scenario *scenario,
	const parley_forecast *forecast, const parley_output_options *opts)
{
	parley_output_options defaults = PARLEY_OUTPUT_OPTIONS_INIT;
	int error;

	PARLEY_ASSERT_ARG(out && scenario && forecast);
	PARLEY_ASSERT_ARG(parley_forecast_issue_count(forecast) == scenario->issue_count);
	if (!opts)
		opts = &defaults;
	PARLEY_ASSERT_ARG(opts->version == PARLEY_OUTPUT_OPTIONS_VERSION);
	switch (opts->format) {
	case PARLEY_OUTPUT_TEXT: error = render_text(out, scenario, forecast, opts->mc); break;
	case PARLEY_OUTPUT_JSON:
		error = render_json(out, scenario, forecast, opts->mc, opts->warnings);
		break;
	case PARLEY_OUTPUT_CSV: error = render_csv(out, scenario, forecast, opts->mc); break;
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "unknown output format %d",
			(int)opts->format);
	}
	return error;
}

int parley_output_render(parley_buf *out, const parley_scenario *scenario,
	const parley_forecast *forecast, parley_output_format fmt)
{
	parley_output_options o = PARLEY_OUTPUT_OPTIONS_INIT;
	o.format = fmt;
	return parley_output_write(out, scenario, forecast, &o);
}
