/*
 * report_forecast.c - the forecast's report: after a summary table, one
 * section per issue (report_forecast_issue.c), the package deals
 * (report_forecast_packages.c), then the stages, the sources and the
 * provenance. The models shown are the library's, in the order of its
 * table, then any other the JSON names, each with a colour and a marker.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "parley/forecast.h"
#include "report_forecast.h"

/* How the report shows the models it knows: table heading, name in a
 * sentence, colour (Okabe and Ito 2008) and marker. Others get the id, and
 * black or grey rings. */
static const struct {
	const char *id, *shortname, *lower, *colour, *glyph;
	int shape;
} known_models[] = {
	{ "mean", "Mean", "capability-weighted mean", "#0072B2", "\xe2\x96\xa0", 0 },
	{ "compromise", "Compromise", "compromise model", "#E69F00", "\xe2\x97\x86", 1 },
	{ "median", "Median", "weighted median", "#009E73", "\xe2\x96\xb2", 2 },
	{ "nbs", "Nash", "Nash bargaining solution", "#CC79A7", "\xe2\x96\xbc", 3 },
	{ "bdm", "Exp. utility", "expected-utility model", "#D55E00", "\xe2\x98\x85", 4 },
	{ "exchange", "Exchange", "exchange model", "#56B4E9", "\xe2\x9c\x9a", 5 },
};

static int summary(rctx *c, jnode *issues, int mc)
{
	size_t i, m, n = parley__rj_len(issues);
	int error = 0, shown[RPT_MAX_MODELS] = { 0 };

	for (i = 0; i < n; i++)
		for (m = 0; m < c->nmodels; m++)
			if (parley__rj_get(parley__rj_obj_at(c, parley__rj_at(issues, i), "models"), c->models[m].id))
				shown[m] = 1;
	PARLEY_TRY(parley_buf__puts(c->out, "<section id=\"summary\" aria-labelledby=\"h-summary\">\n"
		"<h2 id=\"h-summary\">At a glance</h2>\n<table class=\"wide summary\">\n<thead><tr><th>Issue</th>"
		"<th class=\"n\">Status quo</th>"));
	for (m = 0; m < c->nmodels; m++)
		if (shown[m]) {
			PARLEY_TRY(parley_buf__puts(c->out, "<th class=\"n\">"));
			PARLEY_TRY(parley_report__glyph(c, m));
			PARLEY_TRY(parley_buf__printf(c->out, "%s</th>", c->models[m].shortname));
		}
	PARLEY_TRY(parley_buf__printf(c->out, "<th>Agreement possible?%s</th></tr></thead>\n<tbody>\n",
		mc ? " (share of draws)" : ""));
	for (i = 0; i < n; i++) {
		rissue is;
		jnode *fz, *models;
		int yes;
		double p;
		if (!parley_report__read_issue(c, parley__rj_at(issues, i), i, &is))
			continue;
		models = parley__rj_obj_at(c, is.issue, "models");
		fz = parley__rj_obj_at(c, is.issue, "feasibility");
		PARLEY_TRY(parley_buf__puts(c->out, "<tr><td><a href=\"#issue-"));
		PARLEY_TRY(parley__html_slug(c->out, is.id));
		PARLEY_TRY(parley__html_wrap(c->out, "\">", is.title, "</a></td><td class=\"n\">"));
		PARLEY_TRY(is.has_sq ? parley__html_num(c->out, is.sq, is.dec) : parley_buf__puts(c->out, "\xe2\x80\x93"));
		PARLEY_TRY(parley_buf__puts(c->out, "</td>"));
		for (m = 0; m < c->nmodels; m++) {
			double f;
			if (!shown[m])
				continue;
			PARLEY_TRY(parley_buf__printf(c->out, "<td class=\"n\" data-model=\"%s\">", c->models[m].id));
			if (parley__rj_num_at(c, parley__rj_get(models, c->models[m].id), "forecast", &f))
				PARLEY_TRY(parley__html_num(c->out, f, is.dec));
			else
				PARLEY_TRY(parley_buf__puts(c->out, "<span class=\"muted\">n/a</span>"));
			PARLEY_TRY(parley_buf__puts(c->out, "</td>"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "<td>"));
		if (fz && parley__rj_bool_at(c, fz, "agreement_possible", &yes)) {
			rstr venue = parley__rj_str_at(c, fz, "venue");
			PARLEY_TRY(parley_buf__printf(c->out, "<span class=\"tag %s\">%s</span>", yes ? "yes" : "no",
				yes ? "Yes" : "No"));
			if (yes && venue.p) {
				PARLEY_TRY(parley__html_wrap(c->out, " in ", parley__rj_venue_name(c, venue), ", "));
				PARLEY_TRY(parley_report__interval_at(c, fz, "agreement", is.dec, ""));
			}
			if (parley__rj_share_at(c, parley__rj_obj_at(c, fz, "probability"), "agreement_possible", &p)) {
				PARLEY_TRY(parley_buf__puts(c->out, " <span class=\"muted\">("));
				PARLEY_TRY(parley__html_pct(c->out, p));
				PARLEY_TRY(parley_buf__puts(c->out, ")</span>"));
			}
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n<p class=\"meta\">Forecasts are positions on each "
		"issue's own scale (see its labelled points). The models encode different theories of how "
		"negotiations end: where they agree the forecast is robust, where they part the disagreement "
		"is the finding. \xe2\x80\x9c" "Agreement possible\xe2\x80\x9d asks whether some venue can move "
		"the status quo to an outcome every member's red line admits.</p>\n</section>\n"));
done:
	return error;
}

static int stages(rctx *c, jnode *list, jnode *issues)
{
	size_t k, i, n = parley__rj_len(list);
	int error = 0;

	if (!n)
		return 0;
	PARLEY_TRY(parley_buf__puts(c->out, "<section id=\"stages\" aria-labelledby=\"h-stages\">\n<h2 id=\"h-stages\">"
		"The stages in order</h2>\n<p>Each stage runs its model over the venue's members and moves the "
		"forecast into what the venue can pass and its members' red lines admit; a stage may start from "
		"the previous stage's outcome.</p>\n"));
	for (k = 0; k < n; k++) {
		jnode *st = parley__rj_obj(c, parley__rj_at(list, k)), *rows = parley__rj_arr_at(c, st, "issues");
		rstr id = parley__rj_str_at(c, st, "id"), venue = parley__rj_str_at(c, st, "venue"), date = parley__rj_str_at(c, st, "date");
		rstr model = parley__rj_str_at(c, st, "model"), from = parley__rj_str_at(c, st, "status_quo_from");
		PARLEY_TRY(parley_buf__puts(c->out, "<table class=\"wide stage\">\n<caption>"));
		PARLEY_TRY(parley_buf__printf(c->out, "%zu. ", k + 1));
		PARLEY_TRY(parley__html_esc(c->out, parley__rj_venue_name(c, venue)));
		if (date.p) {
			PARLEY_TRY(parley_buf__puts(c->out, ", "));
			PARLEY_TRY(parley__html_esc(c->out, date));
		}
		PARLEY_TRY(parley_buf__puts(c->out, " <span class=\"muted\">(stage "));
		PARLEY_TRY(parley__html_esc(c->out, id));
		if (model.p) {
			PARLEY_TRY(parley_buf__puts(c->out, "; model "));
			PARLEY_TRY(parley__html_esc(c->out, model));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "; status quo from "));
		PARLEY_TRY(parley_buf__puts(c->out, parley__rstr_eq(from, "previous") ? "the previous stage" : "the scenario"));
		PARLEY_TRY(parley_buf__puts(c->out, ")</span></caption>\n<thead><tr><th>Issue</th><th class=\"n\">Status quo</th>"
			"<th class=\"n\">Can pass</th><th class=\"n\">Forecast</th><th class=\"n\">Outcome</th></tr></thead>\n<tbody>\n"));
		for (i = 0; i < parley__rj_len(rows); i++) {
			jnode *r = parley__rj_at(rows, i);
			rstr iid = parley__rj_str_at(c, r, "issue"), title = iid;
			size_t j;
			int dec = 1, moved = 1;
			double v;
			for (j = 0; j < parley__rj_len(issues); j++) {
				rissue is;
				rstr jid = parley__rj_str_at(c, parley__rj_at(issues, j), "id");
				if (iid.p && jid.p && jid.n == iid.n && !memcmp(jid.p, iid.p, iid.n) &&
				    parley_report__read_issue(c, parley__rj_at(issues, j), j, &is)) {
					dec = is.dec;
					title = is.title;
				}
			}
			parley__rj_bool_at(c, r, "moved", &moved);
			PARLEY_TRY(parley__html_wrap(c->out, "<tr><td>", title, "</td><td class=\"n\">"));
			if (parley__rj_num_at(c, r, "status_quo", &v))
				PARLEY_TRY(parley__html_num(c->out, v, dec));
			PARLEY_TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			PARLEY_TRY(parley_report__interval_at(c, r, "change", dec, "none"));
			PARLEY_TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			PARLEY_TRY(parley__rj_num_at(c, r, "forecast", &v) ? parley__html_num(c->out, v, dec) : parley_buf__puts(c->out, "n/a"));
			PARLEY_TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			if (parley__rj_num_at(c, r, "outcome", &v))
				PARLEY_TRY(parley__html_num(c->out, v, dec));
			PARLEY_TRY(parley_buf__puts(c->out, moved ? "</td></tr>\n" : " <span class=\"muted\">(no change)</span></td></tr>\n"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</section>\n"));
done:
	return error;
}

static int sources(rctx *c, jnode *scenario)
{
	jnode *docs = parley__rj_arr_at(c, scenario, "documents");
	size_t k;
	int error = 0;

	PARLEY_TRY(parley_buf__puts(c->out, "<section id=\"sources\" aria-labelledby=\"h-sources\">\n"
		"<h2 id=\"h-sources\">Sources cited</h2>\n"));
	if (!parley__rj_get(scenario, "documents")) {
		PARLEY_TRY(parley_buf__puts(c->out, "<p class=\"muted\">The JSON result does not list the scenario's "
			"documents (it was written by an older parley).</p>\n</section>\n"));
		goto done;
	}
	if (!parley__rj_len(docs)) {
		PARLEY_TRY(parley_buf__puts(c->out, "<p class=\"muted\">The scenario cites no documents.</p>\n</section>\n"));
		goto done;
	}
	PARLEY_TRY(parley_buf__puts(c->out, "<ol class=\"sources\">\n"));
	for (k = 0; k < parley__rj_len(docs); k++) {
		jnode *d = parley__rj_at(docs, k);
		rstr id = parley__rj_str_at(c, d, "id"), pub = parley__rj_str_at(c, d, "publisher"), date = parley__rj_str_at(c, d, "date");
		rstr loc = parley__rj_str_at(c, d, "location");
		PARLEY_TRY(parley_buf__puts(c->out, "<li id=\"doc-"));
		PARLEY_TRY(parley__html_slug(c->out, id));
		PARLEY_TRY(parley__html_wrap(c->out, "\"><cite>", parley__rj_str_at(c, d, "title"), "</cite>"));
		if (pub.p) {
			PARLEY_TRY(parley_buf__puts(c->out, ", "));
			PARLEY_TRY(parley__html_esc(c->out, pub));
		}
		PARLEY_TRY(parley_buf__puts(c->out, ", "));
		PARLEY_TRY(date.p ? parley__html_esc(c->out, date) : parley_buf__puts(c->out, "undated"));
		PARLEY_TRY(parley__html_wrap(c->out, ". <span class=\"muted\">[id ", id, "]</span>"));
		if (loc.p) {
			PARLEY_TRY(parley__html_wrap(c->out, " <span class=\"loc\">", loc, "</span>"));
		}
		PARLEY_TRY(parley_buf__puts(c->out, "</li>\n"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</ol>\n</section>\n"));
done:
	return error;
}

static int provenance(rctx *c, jnode *root)
{
	jnode *input = parley__rj_obj_at(c, root, "input"), *opts = parley__rj_obj_at(c, root, "options");
	jnode *mlist = parley__rj_arr_at(c, opts, "models"), *bdm = parley__rj_obj_at(c, opts, "bdm");
	double seed, draws, v;
	size_t k;
	int error = 0;

	rstr version = parley__rj_str_at(c, root, "parley_version"), path = parley__rj_str_at(c, input, "path");
	rstr sha = parley__rj_str_at(c, input, "sha256");

	PARLEY_TRY(parley_buf__puts(c->out, "<footer>\n<p>Forecast by parley"));
	if (version.p) {
		PARLEY_TRY(parley_buf__puts(c->out, " "));
		PARLEY_TRY(parley__html_esc(c->out, version));
	}
	if (path.p && path.n) {
		PARLEY_TRY(parley__html_wrap(c->out, " from <code>", path, "</code>"));
	}
	if (sha.p && sha.n) {
		PARLEY_TRY(parley__html_wrap(c->out, " (SHA-256 <code>", sha, "</code>)"));
	}
	if (parley__rj_num_in(c, parley__rj_get(root, "seed"), 0, RJ_MAX_SEED, 1, &seed) && parley__rj_count_at(c, root, "draws", &draws))
		PARLEY_TRY(parley_buf__printf(c->out, "; Monte Carlo with %.0f draws, seed %.0f", draws, seed));
	if (opts) {
		/* "; key value" for each option present */
		static const char *const keys[][2] = { { "median_tie", "median tie" },
			{ "nbs_weights", "Nash weights" } };
		size_t j;
		PARLEY_TRY(parley_buf__puts(c->out, ". Models:"));
		for (k = 0; k < parley__rj_len(mlist); k++) {
			PARLEY_TRY(parley_buf__puts(c->out, k ? ", " : " "));
			PARLEY_TRY(parley__html_esc(c->out, parley__rj_str(c, parley__rj_at(mlist, k))));
		}
		for (j = 0; j < 2; j++) {
			rstr val = parley__rj_str_at(c, opts, keys[j][0]);
			if (!val.p)
				continue;
			PARLEY_TRY(parley_buf__printf(c->out, "; %s ", keys[j][1]));
			PARLEY_TRY(parley__html_esc(c->out, val));
		}
		if (parley__rj_num_in(c, parley__rj_get(opts, "nbs_loss"), 1, 2, 1, &v))
			PARLEY_TRY(parley_buf__printf(c->out, ", loss %g", v));
	}
	if (bdm) {
		static const char *const keys[] = { "profile", "selection", "range" };
		size_t j;
		PARLEY_TRY(parley_buf__puts(c->out, "; expected utility:"));
		for (j = 0; j < 3; j++) {
			rstr val = parley__rj_str_at(c, bdm, keys[j]);
			if (!val.p)
				continue;
			PARLEY_TRY(parley_buf__printf(c->out, " %s ", keys[j]));
			PARLEY_TRY(parley__html_esc(c->out, val));
			PARLEY_TRY(parley_buf__puts(c->out, ","));
		}
		if (parley__rj_share_at(c, bdm, "q", &v))
			PARLEY_TRY(parley_buf__printf(c->out, " Q %g,", v));
		if (parley__rj_count_at(c, bdm, "rounds", &v))
			PARLEY_TRY(parley_buf__printf(c->out, " at most %g rounds", v));
	}
	PARLEY_TRY(parley_buf__printf(c->out, ".</p>\n<p>Report rendered by parley %s from <code>", PARLEY_VERSION));
	PARLEY_TRY(parley__html_escz(c->out, c->file));
	PARLEY_TRY(parley_buf__puts(c->out, "</code>. It needs no network and no script; every chart has a text "
		"description for screen readers, and the tables give its numbers.</p>\n</footer>\n"));
done:
	return error;
}

/* Copy the string `src` into `dst` of `size` bytes, cut if need be. */
static void copyz(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Add model `id` (len bytes) to the list unless it is there or the list
 * is full; `title` NULL: the id. */
static void add_model(rctx *c, const char *id, size_t len, const char *title)
{
	static const char *const other_colours[2] = { "#000000", "#7f7f7f" };
	rmodel *m;
	size_t k, others;

	if (len == 0 || len >= sizeof(m->id) || memchr(id, '\0', len) || c->nmodels == RPT_MAX_MODELS)
		return;
	for (k = 0; k < c->nmodels; k++)
		if (strlen(c->models[k].id) == len && !memcmp(c->models[k].id, id, len))
			return;
	m = &c->models[c->nmodels];
	memset(m, 0, sizeof(*m));
	memcpy(m->id, id, len);
	copyz(m->title, sizeof(m->title), title ? title : m->id);
	copyz(m->shortname, sizeof(m->shortname), title ? title : m->id);
	copyz(m->lower, sizeof(m->lower), "model ");
	copyz(m->lower + 6, sizeof(m->lower) - 6, m->id);
	for (k = 0, others = 0; k < c->nmodels; k++)
		others += c->models[k].shape == 6;
	m->colour = other_colours[others % 2];
	m->glyph = "\xe2\x97\x8b";
	m->shape = 6;
	for (k = 0; k < sizeof(known_models) / sizeof(known_models[0]); k++)
		if (!strcmp(known_models[k].id, m->id)) {
			copyz(m->shortname, sizeof(m->shortname), known_models[k].shortname);
			copyz(m->lower, sizeof(m->lower), known_models[k].lower);
			m->colour = known_models[k].colour;
			m->glyph = known_models[k].glyph;
			m->shape = known_models[k].shape;
		}
	c->nmodels++;
}

/* Whether the result names model `id`: in options.models or on an issue. */
static int names_model(rctx *c, jnode *issues, jnode *list, const char *id)
{
	size_t k;
	for (k = 0; k < parley__rj_len(list); k++)
		if (parley__rstr_eq(parley__rj_str(c, parley__rj_at(list, k)), id))
			return 1;
	for (k = 0; k < parley__rj_len(issues); k++)
		if (parley__rj_get(parley__rj_obj_at(c, parley__rj_at(issues, k), "models"), id))
			return 1;
	return 0;
}

/* The models shown: the library's, in its order, then any other the JSON
 * names (a result from another version of parley). */
static void list_models(rctx *c, jnode *issues, jnode *list)
{
	size_t k, i;
	for (k = 0; k < parley_model_count(); k++) {
		const parley_model_type *t = parley_model_type_at(k);
		if (t && names_model(c, issues, list, t->name))
			add_model(c, t->name, strlen(t->name), t->title);
	}
	for (k = 0; k < parley__rj_len(list); k++) {
		rstr id = parley__rj_str(c, parley__rj_at(list, k));
		if (id.p)
			add_model(c, id.p, id.n, NULL);
	}
	for (i = 0; i < parley__rj_len(issues); i++) {
		jnode *models = parley__rj_obj_at(c, parley__rj_at(issues, i), "models"), *v;
		void *iter = NULL;
		rstr key;
		while ((v = parley__rj_next(models, &iter, &key)) != NULL)
			add_model(c, key.p, key.n, NULL);
	}
}

int parley_report__forecast_page(rctx *c)
{
	jnode *root = c->root, *scenario = parley__rj_obj_at(c, root, "scenario");
	jnode *issues = parley__rj_arr_at(c, root, "issues");
	rstr title = parley__rj_str_at(c, scenario, "title"), date = parley__rj_str_at(c, scenario, "date");
	rstr desc = parley__rj_str_at(c, scenario, "description");
	double draws = 0;
	int mc, error = 0;
	size_t i, n = parley__rj_len(issues);

	list_models(c, issues, parley__rj_arr_at(c, parley__rj_obj_at(c, root, "options"), "models"));
	c->names_actors = parley__rj_arr_at(c, scenario, "actors");
	c->names_venues = parley__rj_arr_at(c, scenario, "venues");
	c->names_bodies = parley__rj_arr_at(c, scenario, "ratification");
	mc = parley__rj_count_at(c, root, "draws", &draws);
	if (!title.p)
		title = parley__rj_str_at(c, parley__rj_obj_at(c, root, "input"), "path");
	if (!title.p)
		title = parley__rstr_z("Forecast");
	PARLEY_TRY(parley_report__page_head(c, title, "forecast report"));
	PARLEY_TRY(parley__html_wrap(c->out, "<header class=\"top\">\n<p class=\"kicker\">parley forecast report</p>\n<h1>", title, "</h1>\n<p class=\"meta\">"));
	if (date.p) {
		PARLEY_TRY(parley__html_wrap(c->out, "As of ", date, " \xc2\xb7 "));
	}
	PARLEY_TRY(parley_buf__printf(c->out, "%zu issue%s", n, n == 1 ? "" : "s"));
	if (parley__rj_len(c->names_actors))
		PARLEY_TRY(parley_buf__printf(c->out, " \xc2\xb7 %zu actors", parley__rj_len(c->names_actors)));
	if (mc) {
		double seed = 0;
		parley__rj_num_in(c, parley__rj_get(root, "seed"), 0, RJ_MAX_SEED, 1, &seed);
		PARLEY_TRY(parley_buf__printf(c->out, " \xc2\xb7 Monte Carlo: %.0f draws, seed %.0f", draws, seed));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</p>\n"));
	if (desc.p) {
		PARLEY_TRY(parley__html_wrap(c->out, "<p class=\"lede\">", desc, "</p>\n"));
	}
	PARLEY_TRY(parley_buf__puts(c->out, "</header>\n<main>\n"));
	PARLEY_TRY(summary(c, issues, mc));
	for (i = 0; i < n; i++) {
		rissue is;
		if (parley_report__read_issue(c, parley__rj_at(issues, i), i, &is))
			PARLEY_TRY(parley_report__issue_section(c, &is, n, draws));
	}
	PARLEY_TRY(parley_report__packages_block(c, parley__rj_arr_at(c, root, "packages"), issues));
	PARLEY_TRY(stages(c, parley__rj_arr_at(c, root, "stages"), issues));
	PARLEY_TRY(sources(c, scenario));
	PARLEY_TRY(parley_buf__puts(c->out, "</main>\n"));
	PARLEY_TRY(provenance(c, root));
	PARLEY_TRY(parley_buf__puts(c->out, "</body>\n</html>\n"));
done:
	return error;
}
