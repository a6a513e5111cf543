/*
 * report.c - the HTML report (parley/report.h): one self-contained page
 * rendered from a JSON result. A forecast gives, after a summary table,
 * one section per issue (its scale, the positions chart, the models'
 * forecasts, the actors, whether an agreement is possible in words, the
 * expected-utility rounds, and with Monte Carlo draws the distributions,
 * zone probabilities and the tornado of what moves the forecast), then the
 * stages, the sources and the provenance. A backtest gives its table.
 *
 * The page carries its own style sheet (with print rules) and no script;
 * charts come from report_svg.c. Output is a pure function of the JSON
 * bytes and the options.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parley/forecast.h"
#include "report_internal.h"

#define TRY(expr) do { if ((error = (expr)) < 0) goto done; } while (0)

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

/* ---- text helpers ---- */

int h_esc(parley_buf *b, rstr s)
{
	size_t i = 0, run = 0;
	int error = 0;
	const unsigned char *p = (const unsigned char *)s.p;

	if (!s.p)
		return 0;
	/* A text that breaks the rule of text.c (the JSON may hold anything):
	 * its control characters and unbalanced bidirectional controls made
	 * visible first (\x1b, \u202e), so that none reaches the page raw or
	 * reorders the text after it. */
	if (parley__text_check(s.p, s.n, PARLEY_TEXT_MULTILINE, NULL) < 0) {
		parley_buf tmp = PARLEY_BUF_INIT;
		rstr t;
		if ((error = parley__text_escape(&tmp, s.p, s.n, PARLEY_TEXT_MULTILINE)) == 0) {
			t.p = tmp.ptr ? tmp.ptr : "";
			t.n = tmp.size;
			error = h_esc(b, t);
		}
		parley_buf_dispose(&tmp);
		return error;
	}
#define FLUSH() do { if (run && (error = parley_buf__put(b, (const char *)p + i - run, run)) < 0) return error; run = 0; } while (0)
	while (i < s.n) {
		unsigned char ch = p[i];
		const char *rep = NULL;
		size_t len = 1, k;
		if (ch == '&') rep = "&amp;";
		else if (ch == '<') rep = "&lt;";
		else if (ch == '>') rep = "&gt;";
		else if (ch == '"') rep = "&quot;";
		else if (ch == '\'') rep = "&#39;";
		else if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) rep = "";
		else if (ch >= 0x80) {
			/* a well-formed UTF-8 sequence passes; anything else becomes U+FFFD */
			unsigned cp;
			len = ch >= 0xF0 && ch <= 0xF4 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC2 && ch <= 0xDF ? 2 : 0;
			cp = len == 4 ? ch & 0x07u : len == 3 ? ch & 0x0Fu : ch & 0x1Fu;
			for (k = 1; len && k < len; k++) {
				if (i + k >= s.n || (p[i + k] & 0xC0) != 0x80) {
					len = 0;
					break;
				}
				cp = (cp << 6) | (p[i + k] & 0x3Fu);
			}
			if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
				len = 0;
			if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))
				len = 0;
			if (!len) {
				rep = "\xef\xbf\xbd";
				len = 1;
			}
		}
		if (rep) {
			FLUSH();
			if (*rep && (error = parley_buf__puts(b, rep)) < 0)
				return error;
			i += len;
			continue;
		}
		i += len;
		run += len;
	}
	FLUSH();
#undef FLUSH
	return error;
}

int h_escz(parley_buf *b, const char *z)
{
	return h_esc(b, rstr_z(z));
}

int h_slug(parley_buf *b, rstr s)
{
	size_t i, n = 0;
	int error = 0;
	for (i = 0; s.p && i < s.n && n < 40; i++, n++) {
		char ch = s.p[i];
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';
		if ((error = parley_buf__put(b, ok ? &ch : "-", 1)) < 0)
			return error;
	}
	return n ? 0 : parley_buf__puts(b, "x");
}

int h_num(parley_buf *b, double v, int dec)
{
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.*f", dec, v);
	if (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1))
		memmove(tmp, tmp + 1, strlen(tmp));
	return parley_buf__puts(b, tmp);
}

int h_pct(parley_buf *b, double p)
{
	if (!(p > 0))
		return parley_buf__puts(b, "0%");
	if (p >= 1)
		return parley_buf__puts(b, "100%");
	if (p < 0.005)
		return parley_buf__puts(b, "&lt;1%");
	if (p > 0.995)
		return parley_buf__puts(b, "&gt;99%");
	return parley_buf__printf(b, "%.0f%%", p * 100);
}

int h_exact(parley_buf *b, double v)
{
	char tmp[40];
	parley__fmt_double(tmp, sizeof(tmp), v);
	return parley_buf__puts(b, tmp);
}

size_t h_chars(rstr s)
{
	size_t i, n = 0;
	for (i = 0; s.p && i < s.n; i++)
		n += ((unsigned char)s.p[i] & 0xC0) != 0x80;
	return n;
}

/* A coded number for reading: whole numbers as they are, others to four
 * significant digits. */
static int h_short(parley_buf *b, double v)
{
	if (fabs(v) < 1e15 && v == floor(v))
		return parley_buf__printf(b, "%.0f", v);
	return parley_buf__printf(b, fabs(v) >= 1e4 ? "%.0f" : "%.4g", v);
}

static int esc_id(parley_buf *b, rstr id)
{
	return h_slug(b, id);
}

/* ---- charts ---- */

int parley_report__emit_chart(rctx *c, const parley_buf *svg, const rissue *is, const char *kind)
{
	parley_report_chart_list *l = c->charts;
	parley_report_chart *ch;
	parley_buf name = PARLEY_BUF_INIT;
	int error = 0;

	TRY(parley_buf__put(c->out, svg->ptr ? svg->ptr : "", svg->size));
	if (!l)
		return 0;
	if (is) {
		TRY(parley_buf__printf(&name, "%02zu-", is->index + 1));
		TRY(h_slug(&name, is->id));
		TRY(parley_buf__printf(&name, "-%s.svg", kind));
	} else {
		TRY(parley_buf__printf(&name, "%s.svg", kind));
	}
	if (l->count == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 16;
		parley_report_chart *p = parley__realloc(l->items, na * sizeof(*p));
		if (!p) {
			error = PARLEY_ENOMEM;
			goto done;
		}
		l->items = p;
		l->alloc = na;
	}
	ch = &l->items[l->count];
	memset(ch, 0, sizeof(*ch));
	ch->name = parley__strdup(name.ptr);
	ch->title = parley__strndup(c->chart_title.ptr ? c->chart_title.ptr : "", c->chart_title.size);
	if (!ch->name || !ch->title ||
	    parley_buf__puts(&ch->svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") < 0 ||
	    parley_buf__put(&ch->svg, svg->ptr ? svg->ptr : "", svg->size) < 0) {
		parley__free(ch->name);
		parley__free(ch->title);
		parley_buf_dispose(&ch->svg);
		error = PARLEY_ENOMEM;
		goto done;
	}
	l->count++;
done:
	parley_buf_dispose(&name);
	return error;
}

void parley_report_chart_list_dispose(parley_report_chart_list *list)
{
	size_t i;
	if (!list)
		return;
	for (i = 0; i < list->count; i++) {
		parley__free(list->items[i].name);
		parley__free(list->items[i].title);
		parley_buf_dispose(&list->items[i].svg);
	}
	parley__free(list->items);
	list->items = NULL;
	list->count = list->alloc = 0;
}

/* Draw one chart with `fn` inside a <figure> with `caption` (HTML). */
typedef int (*chart_fn)(rctx *c, parley_buf *b, const rissue *is);

static int figure(rctx *c, const rissue *is, const char *kind, chart_fn fn, const char *caption)
{
	parley_buf svg = PARLEY_BUF_INIT;
	int error = fn(c, &svg, is);
	if (error == 1) {
		error = 0;
		goto done;
	}
	if (error < 0)
		goto done;
	TRY(parley_buf__printf(c->out, "<figure class=\"chart chart-%s\">\n", kind));
	TRY(parley_report__emit_chart(c, &svg, is, kind));
	if (caption)
		TRY(parley_buf__printf(c->out, "<figcaption>%s</figcaption>\n", caption));
	TRY(parley_buf__puts(c->out, "</figure>\n"));
done:
	parley_buf_dispose(&svg);
	return error;
}

/* ---- style ---- */

static const char css[] =
	":root{--ink:#1a1a1a;--muted:#595959;--rule:#d9d9d9;--accent:#0072B2;--ok:#009E73;--no:#D55E00}\n"
	"*{box-sizing:border-box}\n"
	"html{font-size:16px}\n"
	"body{margin:0;color:var(--ink);background:#fff;font-family:\"DejaVu Sans\",\"Liberation Sans\","
	"Arial,Helvetica,sans-serif;line-height:1.5}\n"
	"header.top,main,footer{max-width:1040px;margin:0 auto;padding:0 28px}\n"
	"header.top{padding-top:28px;padding-bottom:8px;border-bottom:1px solid var(--rule)}\n"
	".kicker{margin:0;color:var(--accent);font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;"
	"font-weight:bold}\n"
	"h1{font-size:1.9rem;line-height:1.2;margin:.3rem 0 .4rem}\n"
	"h2{font-size:1.35rem;line-height:1.3;margin:2.6rem 0 .6rem;padding-top:.8rem;"
	"border-top:3px solid var(--ink)}\n"
	"h2 .no{display:inline-block;min-width:1.6em;color:var(--accent)}\n"
	"h3{font-size:1.05rem;margin:1.6rem 0 .4rem}\n"
	"p{margin:.4rem 0 .8rem;max-width:78ch}\n"
	".meta{color:var(--muted);font-size:.92rem}\n"
	".lede{font-size:1.02rem}\n"
	".desc{color:#333}\n"
	"table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem}\n"
	"th,td{padding:.3rem .65rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}\n"
	"thead th{border-bottom:2px solid var(--ink);font-size:.82rem;color:#333}\n"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\ntd.n,td.nm{white-space:nowrap}\n"
	"table.wide{width:100%}\n"
	"caption{text-align:left;font-weight:bold;padding:.2rem 0}\n"
	"figure{margin:1rem 0 1.4rem}\n"
	"figure svg{display:block;width:100%;height:auto;border:1px solid #ececec}\n"
	"figcaption{font-size:.86rem;color:#333;margin-top:.4rem;max-width:96ch}\n"
	".verdict{margin:1rem 0;padding:.7rem 1rem;border-left:6px solid var(--muted);background:#f5f5f5}\n"
	".verdict.yes{border-color:var(--ok)}\n"
	".verdict.no{border-color:var(--no)}\n"
	".verdict strong{font-weight:bold}\n"
	".tag{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.8rem;font-weight:bold;color:#fff}\n"
	".tag.yes{background:#007a59}\n"
	".tag.no{background:#b34700}\n"
	"ul.feas{padding-left:1.2rem;max-width:96ch}\n"
	"ul.feas li{margin:.35rem 0}\n"
	".mk{font-size:1.05em;margin-right:.3em}\n"
	".muted{color:var(--muted)}\n"
	".ci{display:block;font-size:.78rem;color:var(--muted)}\n"
	"a{color:var(--accent)}\n"
	"ol.sources li{margin:.3rem 0}\n"
	".loc{font-family:\"DejaVu Sans Mono\",monospace;font-size:.82rem;color:var(--muted);word-break:break-all}\n"
	"footer{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--rule);"
	"font-size:.82rem;color:var(--muted)}\n"
	"footer code{word-break:break-all}\n"
	".grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 2rem}\n"
	"@media (max-width:760px){.grid2{grid-template-columns:1fr}}\n"
	"@media print{\n"
	"  @page{size:A4;margin:14mm}\n"
	"  html{font-size:10pt}\n"
	"  header.top,main,footer{max-width:none;padding:0}\n"
	"  section.issue{break-before:page}\n"
	"  figure,table,.verdict{break-inside:avoid}\n"
	"  h2,h3{break-after:avoid}\n"
	"  figure svg{border:0}\n"
	"  a{color:inherit;text-decoration:none}\n"
	"  .verdict{background:none}\n"
	"}\n";

static int page_head(rctx *c, rstr title, const char *what)
{
	int error;
	TRY(parley_buf__puts(c->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"));
	TRY(parley_buf__printf(c->out, "<meta name=\"generator\" content=\"parley %s\">\n<title>", PARLEY_VERSION));
	TRY(h_esc(c->out, title));
	TRY(parley_buf__printf(c->out, " \xe2\x80\x93 parley %s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		what, css));
done:
	return error;
}

/* ---- reading helpers ---- */

static int issue_decimals(rctx *c, const rissue *is, jnode *actors)
{
	double lo = is->hi, hi = is->lo, v;
	size_t k;
	for (k = 0; k < rj_len(actors); k++)
		if (rj_num_at(c, rj_at(actors, k), "position", &v)) {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	return (is->hi - is->lo <= 20 || hi - lo <= 20) ? 2 : 1;
}

/* A point of issue `is` at obj[key], when there: on its scale (with a
 * rounding margin of 10^-9 of its width), else a diagnostic. */
static void on_scale(rctx *c, const rissue *is, jnode *n)
{
	double margin = (is->hi - is->lo) * 1e-9, v;
	char what[96];
	snprintf(what, sizeof(what), "a point of the issue's scale [%.15g, %.15g]", is->lo, is->hi);
	(void)rj_num_within(c, n, is->lo - margin, is->hi + margin, 0, what, &v);
}

static void scale_point(rctx *c, const rissue *is, jnode *obj, const char *key)
{
	on_scale(c, is, rj_get(obj, key));
}

/* An interval [lo, hi] (a zone, a red line) on the scale. */
static void scale_pair(rctx *c, const rissue *is, jnode *obj, const char *key)
{
	double lo, hi;
	jnode *a = rj_get(obj, key);
	if (rj_pair(c, a, &lo, &hi)) {
		on_scale(c, is, rj_at(a, 0));
		on_scale(c, is, rj_at(a, 1));
	}
}

/* The numbers of an issue that are points of its scale (docs/report.md):
 * its status quo, labels, zones, actors' positions and red lines, and each
 * model's forecast, distribution and expected-utility medians. Checked once
 * per reading of the issue (a diagnostic repeated at the same place is
 * kept once). */
static void check_positions(rctx *c, const rissue *is)
{
	jnode *list, *models = rj_obj_at(c, is->issue, "models"), *mo;
	rstr key;
	void *iter = NULL;
	size_t k;

	scale_point(c, is, is->issue, "status_quo");
	list = rj_arr_at(c, is->issue, "labels");
	for (k = 0; k < rj_len(list); k++)
		scale_point(c, is, rj_at(list, k), "at");
	list = rj_arr_at(c, is->issue, "zones");
	for (k = 0; k < rj_len(list); k++)
		scale_pair(c, is, rj_at(list, k), "range");
	list = rj_arr_at(c, is->issue, "actors");
	for (k = 0; k < rj_len(list); k++) {
		scale_point(c, is, rj_at(list, k), "position");
		scale_pair(c, is, rj_at(list, k), "red_line");
	}
	while ((mo = rj_next(models, &iter, &key)) != NULL) {
		jnode *d = rj_obj_at(c, mo, "distribution"), *q = rj_obj_at(c, d, "quantiles"), *rounds;
		jnode *qv;
		void *qiter = NULL;
		rstr qk;
		scale_point(c, is, mo, "forecast");
		scale_point(c, is, d, "mean");
		while ((qv = rj_next(q, &qiter, &qk)) != NULL)
			on_scale(c, is, qv);
		scale_point(c, is, rj_obj_at(c, d, "histogram"), "lo");
		scale_point(c, is, rj_obj_at(c, d, "histogram"), "hi");
		/* the expected-utility model's rounds (the exchange model's
		 * "rounds" is a count: rj_len() of a number is 0) */
		scale_point(c, is, rj_get(mo, "initial"), "median");
		rounds = rj_get(mo, "rounds");
		for (k = 0; k < rj_len(rounds); k++)
			scale_point(c, is, rj_at(rounds, k), "median");
	}
}

/* Fill `is` from issue object `n`; 0 when the issue cannot be drawn (diagnosed). */
static int read_issue(rctx *c, jnode *n, size_t index, rissue *is)
{
	memset(is, 0, sizeof(*is));
	is->issue = rj_obj(c, n);
	is->index = index;
	if (!is->issue)
		return 0;
	is->id = rj_str_at(c, n, "id");
	is->title = rj_str_at(c, n, "title");
	if (!is->id.p) {
		if (rj_is_null(rj_get(n, "id")))
			rj_error(c, n, "\"id\": a string", "an issue without an id");
		return 0;
	}
	if (!is->title.p)
		is->title = is->id;
	if (!rj_pair(c, rj_get(n, "scale"), &is->lo, &is->hi)) {
		if (!rj_get(n, "scale"))
			rj_error(c, n, "\"scale\": [low, high]", "an issue without a scale");
		return 0;
	}
	if (!(is->hi > is->lo) || !isfinite(is->hi - is->lo)) {
		rj_error(c, rj_get(n, "scale"), "low < high, high - low a finite number",
			is->hi > is->lo ? "a scale too wide to draw" : "an empty scale");
		return 0;
	}
	is->has_sq = rj_num_at(c, n, "status_quo", &is->sq);
	check_positions(c, is);
	is->dec = issue_decimals(c, is, rj_arr_at(c, n, "actors"));
	return 1;
}

/* Names joined by commas and "and", from an array of actor ids. */
static int actor_names(rctx *c, jnode *ids)
{
	size_t k, n = rj_len(ids);
	int error = 0;
	for (k = 0; k < n; k++) {
		TRY(parley_buf__puts(c->out, k == 0 ? "" : k + 1 == n ? " and " : ", "));
		TRY(h_esc(c->out, rj_actor_name(c, rj_str(c, rj_at(ids, k)))));
	}
done:
	return error;
}

static int actor_position(rctx *c, jnode *issue, rstr id, double *out)
{
	jnode *actors = rj_arr_at(c, issue, "actors");
	size_t k;
	for (k = 0; id.p && k < rj_len(actors); k++) {
		rstr a = rj_str_at(c, rj_at(actors, k), "id");
		if (a.p && a.n == id.n && !memcmp(a.p, id.p, id.n))
			return rj_num_at(c, rj_at(actors, k), "position", out);
	}
	return 0;
}

static int interval(parley_buf *b, double lo, double hi, int lo_open, int hi_open, int dec)
{
	int error;
	TRY(parley_buf__puts(b, lo_open ? "(" : "["));
	TRY(h_num(b, lo, dec));
	TRY(parley_buf__puts(b, ", "));
	TRY(h_num(b, hi, dec));
	error = parley_buf__puts(b, hi_open ? ")" : "]");
done:
	return error;
}

/* An interval member of `obj` with its _open companion, or `none`. */
static int interval_at(rctx *c, jnode *obj, const char *key, int dec, const char *none)
{
	double lo, hi;
	int lo_open, hi_open;
	if (!rj_pair(c, rj_get(obj, key), &lo, &hi))
		return parley_buf__puts(c->out, none);
	rj_open(c, obj, key, &lo_open, &hi_open);
	return interval(c->out, lo, hi, lo_open, hi_open, dec);
}

static const char *rule_phrase(rstr rule)
{
	return rstr_eq(rule, "bilateral") ? "bilateral agreement" :
		rstr_eq(rule, "unanimity") ? "consensus" :
		rstr_eq(rule, "simple_majority") ? "simple majority" :
		rstr_eq(rule, "qualified_majority") ? "qualified majority" : "its rule";
}

static int glyph(rctx *c, size_t m)
{
	return parley_buf__printf(c->out, "<span class=\"mk\" style=\"color:%s\" aria-hidden=\"true\">%s</span>",
		c->models[m].colour, c->models[m].glyph);
}

/* ---- summary ---- */

static int summary(rctx *c, jnode *issues, int mc)
{
	size_t i, m, n = rj_len(issues);
	int error = 0, shown[RPT_MAX_MODELS] = { 0 };

	for (i = 0; i < n; i++)
		for (m = 0; m < c->nmodels; m++)
			if (rj_get(rj_obj_at(c, rj_at(issues, i), "models"), c->models[m].id))
				shown[m] = 1;
	TRY(parley_buf__puts(c->out, "<section id=\"summary\" aria-labelledby=\"h-summary\">\n"
		"<h2 id=\"h-summary\">At a glance</h2>\n<table class=\"wide summary\">\n<thead><tr><th>Issue</th>"
		"<th class=\"n\">Status quo</th>"));
	for (m = 0; m < c->nmodels; m++)
		if (shown[m]) {
			TRY(parley_buf__puts(c->out, "<th class=\"n\">"));
			TRY(glyph(c, m));
			TRY(parley_buf__printf(c->out, "%s</th>", c->models[m].shortname));
		}
	TRY(parley_buf__printf(c->out, "<th>Agreement possible?%s</th></tr></thead>\n<tbody>\n",
		mc ? " (share of draws)" : ""));
	for (i = 0; i < n; i++) {
		rissue is;
		jnode *fz, *models;
		int yes;
		double p;
		if (!read_issue(c, rj_at(issues, i), i, &is))
			continue;
		models = rj_obj_at(c, is.issue, "models");
		fz = rj_obj_at(c, is.issue, "feasibility");
		TRY(parley_buf__puts(c->out, "<tr><td><a href=\"#issue-"));
		TRY(esc_id(c->out, is.id));
		TRY(parley_buf__puts(c->out, "\">"));
		TRY(h_esc(c->out, is.title));
		TRY(parley_buf__puts(c->out, "</a></td><td class=\"n\">"));
		TRY(is.has_sq ? h_num(c->out, is.sq, is.dec) : parley_buf__puts(c->out, "\xe2\x80\x93"));
		TRY(parley_buf__puts(c->out, "</td>"));
		for (m = 0; m < c->nmodels; m++) {
			double f;
			if (!shown[m])
				continue;
			TRY(parley_buf__printf(c->out, "<td class=\"n\" data-model=\"%s\">", c->models[m].id));
			if (rj_num_at(c, rj_get(models, c->models[m].id), "forecast", &f))
				TRY(h_num(c->out, f, is.dec));
			else
				TRY(parley_buf__puts(c->out, "<span class=\"muted\">n/a</span>"));
			TRY(parley_buf__puts(c->out, "</td>"));
		}
		TRY(parley_buf__puts(c->out, "<td>"));
		if (fz && rj_bool_at(c, fz, "agreement_possible", &yes)) {
			rstr venue = rj_str_at(c, fz, "venue");
			TRY(parley_buf__printf(c->out, "<span class=\"tag %s\">%s</span>", yes ? "yes" : "no",
				yes ? "Yes" : "No"));
			if (yes && venue.p) {
				TRY(parley_buf__puts(c->out, " in "));
				TRY(h_esc(c->out, rj_venue_name(c, venue)));
				TRY(parley_buf__puts(c->out, ", "));
				TRY(interval_at(c, fz, "agreement", is.dec, ""));
			}
			if (rj_share_at(c, rj_obj_at(c, fz, "probability"), "agreement_possible", &p)) {
				TRY(parley_buf__puts(c->out, " <span class=\"muted\">("));
				TRY(h_pct(c->out, p));
				TRY(parley_buf__puts(c->out, ")</span>"));
			}
		}
		TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n<p class=\"meta\">Forecasts are positions on each "
		"issue's own scale (see its labelled points). The models encode different theories of how "
		"negotiations end: where they agree the forecast is robust, where they part the disagreement "
		"is the finding. \xe2\x80\x9c" "Agreement possible\xe2\x80\x9d asks whether some venue can move "
		"the status quo to an outcome every member's red line admits.</p>\n</section>\n"));
done:
	return error;
}

/* ---- one issue ---- */

static int scale_block(rctx *c, const rissue *is)
{
	jnode *labels = rj_arr_at(c, is->issue, "labels"), *zones = rj_arr_at(c, is->issue, "zones");
	size_t k;
	int error = 0;

	TRY(parley_buf__puts(c->out, "<h3>The scale</h3>\n"));
	if (rj_len(labels))
		TRY(parley_buf__puts(c->out, "<table class=\"scale\">\n<thead><tr><th class=\"n\">Point</th>"
			"<th>What it means</th></tr></thead>\n<tbody>\n"));
	for (k = 0; k < rj_len(labels); k++) {
		jnode *l = rj_at(labels, k);
		double at;
		if (!rj_num_at(c, l, "at", &at))
			continue;
		TRY(parley_buf__puts(c->out, "<tr><td class=\"n\">"));
		TRY(h_num(c->out, at, fabs(at - round(at)) < 1e-9 ? 0 : is->dec));
		TRY(parley_buf__puts(c->out, "</td><td>"));
		TRY(h_esc(c->out, rj_str_at(c, l, "text")));
		if (is->has_sq && at == is->sq)
			TRY(parley_buf__puts(c->out, " <span class=\"muted\">(the status quo)</span>"));
		TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	if (rj_len(labels))
		TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
	TRY(parley_buf__puts(c->out, "<p>Scale "));
	TRY(h_num(c->out, is->lo, is->dec));
	TRY(parley_buf__puts(c->out, " to "));
	TRY(h_num(c->out, is->hi, is->dec));
	TRY(parley_buf__puts(c->out, "; status quo "));
	TRY(is->has_sq ? h_num(c->out, is->sq, is->dec) : parley_buf__puts(c->out, "none given"));
	TRY(parley_buf__puts(c->out, "."));
	for (k = 0; k < rj_len(zones); k++) {
		jnode *z = rj_at(zones, k);
		TRY(parley_buf__puts(c->out, k ? "; " : " Zones: "));
		TRY(h_esc(c->out, rj_str_at(c, z, "name")));
		TRY(parley_buf__puts(c->out, " "));
		TRY(interval_at(c, z, "range", is->dec, "?"));
	}
	TRY(parley_buf__puts(c->out, rj_len(zones) ? ".</p>\n" : "</p>\n"));
done:
	return error;
}

/* The labelled point nearest to y, or NULL. */
static jnode *nearest_label(rctx *c, const rissue *is, double y, double *at)
{
	jnode *labels = rj_arr_at(c, is->issue, "labels"), *best = NULL;
	double bd = 0, v;
	size_t k;
	for (k = 0; k < rj_len(labels); k++)
		if (rj_num_at(c, rj_at(labels, k), "at", &v) && (!best || fabs(v - y) < bd)) {
			best = rj_at(labels, k);
			bd = fabs(v - y);
			*at = v;
		}
	return best;
}

static int models_table(rctx *c, const rissue *is)
{
	jnode *models = rj_obj_at(c, is->issue, "models");
	jnode *walk = rj_obj_at(c, rj_obj_at(c, is->issue, "feasibility"), "walkouts");
	size_t m;
	int error = 0;

	if (!models)
		return 0;
	TRY(parley_buf__puts(c->out, "<h3>What the models forecast</h3>\n<table class=\"wide models\">\n<thead><tr>"
		"<th>Model</th><th class=\"n\">Forecast</th><th>Nearest labelled point</th><th>Zone</th>"
		"<th>Note</th></tr></thead>\n<tbody>\n"));
	for (m = 0; m < c->nmodels; m++) {
		jnode *mo = rj_obj(c, rj_get(models, c->models[m].id));
		jnode *lab, *who;
		double f, at = 0, lo, hi;
		int tie = 0, notes = 0;
		rstr status;
		if (!mo)
			continue;
		TRY(parley_buf__printf(c->out, "<tr data-model=\"%s\"><td class=\"nm\">", c->models[m].id));
		TRY(glyph(c, m));
		TRY(parley_buf__printf(c->out, "%s</td>", c->models[m].title));
		if (!rj_num_at(c, mo, "forecast", &f)) {
			TRY(parley_buf__puts(c->out, "<td class=\"n\">n/a</td><td></td><td></td><td>"));
			TRY(h_esc(c->out, rj_str_at(c, mo, "error")));
			TRY(parley_buf__puts(c->out, "</td></tr>\n"));
			continue;
		}
		TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
		TRY(h_num(c->out, f, is->dec));
		TRY(parley_buf__puts(c->out, "</td><td>"));
		if ((lab = nearest_label(c, is, f, &at)) != NULL) {
			TRY(h_num(c->out, at, fabs(at - round(at)) < 1e-9 ? 0 : is->dec));
			TRY(parley_buf__puts(c->out, ": "));
			TRY(h_esc(c->out, rj_str_at(c, lab, "text")));
		}
		TRY(parley_buf__puts(c->out, "</td><td>"));
		{
			rstr z = rj_str_at(c, mo, "zone");
			TRY(z.p ? h_esc(c->out, z) : parley_buf__puts(c->out, "<span class=\"muted\">none</span>"));
		}
		TRY(parley_buf__puts(c->out, "</td><td>"));
		if (rj_bool_at(c, mo, "tie", &tie) && tie && rj_pair(c, rj_get(mo, "interval"), &lo, &hi)) {
			TRY(parley_buf__puts(c->out, "a tie: every point of "));
			TRY(interval(c->out, lo, hi, 0, 0, is->dec));
			TRY(parley_buf__puts(c->out, " is a weak Condorcet winner"));
			notes++;
		}
		status = rj_str_at(c, mo, "status");
		if (m == 3 && rstr_eq(status, "disagreement_point")) {
			TRY(parley_buf__puts(c->out, "stays at the status quo: no change leaves every actor better off"));
			notes++;
		}
		if (m == 4 && status.p) {
			double rounds = 0;
			rj_count_at(c, mo, "rounds_run", &rounds);
			TRY(parley_buf__printf(c->out, "%s after %.0f round%s (rounds below)",
				rstr_eq(status, "fixed_point") ? "stopped at a fixed point" :
				rstr_eq(status, "max_rounds") ? "stopped at the round limit" :
				rstr_eq(status, "degenerate_range") ? "all actors at one position" : "stopped",
				rounds, rounds == 1 ? "" : "s"));
			notes++;
		}
		if (!strcmp(c->models[m].id, "exchange") && status.p) {
			double rounds = 0;
			rj_count_at(c, mo, "rounds", &rounds);
			TRY(parley_buf__printf(c->out, "%s after %.0f round%s (exchanges below)",
				rstr_eq(status, "fixed_point") ? "no exchange left" :
				rstr_eq(status, "max_rounds") ? "stopped at the round limit" : "stopped",
				rounds, rounds == 1 ? "" : "s"));
			notes++;
		}
		who = rj_arr_at(c, walk, c->models[m].id);
		if (rj_len(who)) {
			TRY(parley_buf__puts(c->out, notes++ ? "; crosses the red line of " : "crosses the red line of "));
			TRY(actor_names(c, who));
		}
		TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
done:
	return error;
}

/* The title of issue `id` among the result's issues (the id when unknown). */
static rstr issue_title(rctx *c, rstr id)
{
	jnode *issues = rj_arr_at(c, c->root, "issues");
	size_t i;
	for (i = 0; id.p && i < rj_len(issues); i++) {
		jnode *is = rj_at(issues, i);
		rstr iid = rj_str_at(c, is, "id"), t;
		if (iid.p && iid.n == id.n && !memcmp(iid.p, id.p, id.n)) {
			t = rj_str_at(c, is, "title");
			return t.p ? t : id;
		}
	}
	return id;
}

/* Exchanges listed per issue. */
#define EXCHANGES_SHOWN 5

/* The exchange model's largest exchanges touching the issue. */
static int exchange_block(rctx *c, const rissue *is)
{
	jnode *ex = rj_obj_at(c, rj_obj_at(c, is->issue, "models"), "exchange");
	jnode *list = rj_arr_at(c, ex, "exchanges");
	size_t n = rj_len(list), shown = n < EXCHANGES_SHOWN ? n : EXCHANGES_SHOWN, k, i;
	int error = 0;
	size_t order[EXCHANGES_SHOWN];
	double rounds = 0;
	rstr status = rj_str_at(c, ex, "status");

	if (!ex)
		return 0;
	rj_count_at(c, ex, "rounds", &rounds);
	TRY(parley_buf__printf(c->out, "<h3>Vote exchanges</h3>\n<p>In the exchange model (Stokman and Van Oosten "
		"1994) pairs of actors trade positions across two issues when both gain. %zu exchange%s touch%s this "
		"issue", n, n == 1 ? "" : "s", n == 1 ? "es" : ""));
	if (status.p)
		TRY(parley_buf__printf(c->out, "; the procedure %s after %.0f round%s",
			rstr_eq(status, "fixed_point") ? "found nothing more to trade" :
			rstr_eq(status, "max_rounds") ? "stopped at the round limit" : "stopped", rounds,
			rounds == 1 ? "" : "s"));
	TRY(parley_buf__printf(c->out, "%s</p>\n", shown ? ". The largest, by what each side gains:" : "."));
	if (!shown)
		goto done;
	/* the `shown` largest gains, largest first (ties: the earlier exchange) */
	for (k = 0; k < shown; k++) {
		double best = 0, g;
		size_t bi = n, j;
		for (i = 0; i < n; i++) {
			int taken = 0;
			for (j = 0; j < k; j++)
				taken |= order[j] == i;
			g = 0;
			rj_num_at(c, rj_at(list, i), "gain", &g);
			if (!taken && (bi == n || g > best)) {
				best = g;
				bi = i;
			}
		}
		order[k] = bi;
	}
	TRY(parley_buf__printf(c->out, "<ol class=\"exchanges\" data-exchanges=\"%zu\">\n", n));
	for (k = 0; k < shown; k++) {
		jnode *x = rj_at(list, order[k]);
		double r = 0, from, to, dfrom, dto, g = 0;
		rj_count_at(c, x, "round", &r);
		rj_num_at(c, x, "gain", &g);
		TRY(parley_buf__puts(c->out, "<li data-gain=\""));
		TRY(h_exact(c->out, g));
		TRY(parley_buf__puts(c->out, "\" data-supplier=\""));
		TRY(h_esc(c->out, rj_str_at(c, x, "supplier")));
		TRY(parley_buf__puts(c->out, "\" data-demander=\""));
		TRY(h_esc(c->out, rj_str_at(c, x, "demander")));
		TRY(parley_buf__puts(c->out, "\"><strong>"));
		TRY(h_esc(c->out, rj_actor_name(c, rj_str_at(c, x, "supplier"))));
		TRY(parley_buf__puts(c->out, "</strong> moves on "));
		TRY(h_esc(c->out, issue_title(c, rj_str_at(c, x, "moves_on"))));
		if (rj_num_at(c, x, "from", &from) && rj_num_at(c, x, "to", &to)) {
			TRY(parley_buf__puts(c->out, " from "));
			TRY(h_num(c->out, from, is->dec));
			TRY(parley_buf__puts(c->out, " to "));
			TRY(h_num(c->out, to, is->dec));
		}
		TRY(parley_buf__puts(c->out, "; in return <strong>"));
		TRY(h_esc(c->out, rj_actor_name(c, rj_str_at(c, x, "demander"))));
		TRY(parley_buf__puts(c->out, "</strong> moves on "));
		TRY(h_esc(c->out, issue_title(c, rj_str_at(c, x, "in_return_on"))));
		if (rj_num_at(c, x, "demander_from", &dfrom) && rj_num_at(c, x, "demander_to", &dto)) {
			TRY(parley_buf__puts(c->out, " from "));
			TRY(h_num(c->out, dfrom, is->dec));
			TRY(parley_buf__puts(c->out, " to "));
			TRY(h_num(c->out, dto, is->dec));
		}
		TRY(parley_buf__printf(c->out, " <span class=\"muted\">(round %.0f, gain %.3g each)</span></li>\n", r, g));
	}
	TRY(parley_buf__puts(c->out, "</ol>\n"));
	if (n > shown)
		TRY(parley_buf__printf(c->out, "<p class=\"muted\">The JSON result lists all %zu.</p>\n", n));
done:
	return error;
}

static int actors_table(rctx *c, const rissue *is)
{
	jnode *actors = rj_arr_at(c, is->issue, "actors");
	size_t k;
	int error = 0;

	TRY(parley_buf__puts(c->out, "<h3>The actors</h3>\n<table class=\"wide actors\">\n<thead><tr><th>Actor</th>"
		"<th class=\"n\">Position</th><th class=\"n\">Salience</th><th class=\"n\">Capability</th>"
		"<th class=\"n\">Red line (accepts)</th></tr></thead>\n<tbody>\n"));
	for (k = 0; k < rj_len(actors); k++) {
		jnode *a = rj_at(actors, k);
		double v;
		TRY(parley_buf__puts(c->out, "<tr><td>"));
		TRY(h_esc(c->out, rj_actor_name(c, rj_str_at(c, a, "id"))));
		TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
		if (rj_num_at(c, a, "position", &v))
			TRY(h_num(c->out, v, is->dec));
		TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
		if (rj_nonneg_at(c, a, "salience", &v))
			TRY(h_short(c->out, v));
		TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
		if (rj_nonneg_at(c, a, "capability", &v))
			TRY(h_short(c->out, v));
		TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
		TRY(interval_at(c, a, "red_line", is->dec, "<span class=\"muted\">none given</span>"));
		TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
done:
	return error;
}

/* One venue in words. */
static int venue_words(rctx *c, const rissue *is, rstr id, jnode *v)
{
	jnode *pivots = rj_arr_at(c, v, "pivots"), *blockers = rj_arr_at(c, v, "blockers");
	jnode *models = rj_obj_at(c, v, "models");
	rstr rule = rj_str_at(c, v, "rule");
	double members = 0, lo, hi, plo, phi;
	int has_change = rj_pair(c, rj_get(v, "change"), &lo, &hi);
	int has_pass = rj_pair(c, rj_get(v, "passable"), &plo, &phi), split = 0, error = 0;
	size_t m, shown = 0;

	rj_count_at(c, v, "members", &members);
	rj_bool_at(c, v, "split", &split);
	TRY(parley_buf__puts(c->out, "<li data-venue=\""));
	TRY(h_esc(c->out, id));
	TRY(parley_buf__puts(c->out, "\"><strong>"));
	TRY(h_esc(c->out, rj_venue_name(c, id)));
	TRY(parley_buf__printf(c->out, "</strong> (%s, %.0f member%s): ", rule_phrase(rule), members,
		members == 1 ? "" : "s"));
	if (has_change) {
		TRY(parley_buf__puts(c->out, "outcomes in "));
		TRY(interval_at(c, v, "change", is->dec, ""));
		TRY(parley_buf__printf(c->out, " beat the status quo by %s and every member's red line admits them",
			rule_phrase(rule)));
		if (has_pass && (plo != lo || phi != hi)) {
			TRY(parley_buf__puts(c->out, "; the rule alone would pass "));
			TRY(interval_at(c, v, "passable", is->dec, ""));
		}
	} else if (has_pass) {
		TRY(parley_buf__puts(c->out, "outcomes in "));
		TRY(interval_at(c, v, "passable", is->dec, ""));
		TRY(parley_buf__printf(c->out, " beat the status quo by %s, but some member's red line excludes "
			"every one of them", rule_phrase(rule)));
	} else if (rj_len(blockers) == 2) {
		size_t k;
		TRY(parley_buf__puts(c->out, "no change can pass: "));
		for (k = 0; k < 2; k++) {
			rstr who = rj_str(c, rj_at(blockers, k));
			double pos;
			TRY(parley_buf__puts(c->out, k ? " and " : ""));
			TRY(h_esc(c->out, rj_actor_name(c, who)));
			if (actor_position(c, is->issue, who, &pos)) {
				TRY(parley_buf__puts(c->out, " ("));
				TRY(h_num(c->out, pos, is->dec));
				TRY(parley_buf__puts(c->out, ")"));
			}
		}
		TRY(parley_buf__puts(c->out, " stand on opposite sides of the status quo, and each can block any move"));
	} else if (members == 0) {
		TRY(parley_buf__puts(c->out, "no member takes a position on this issue"));
	} else {
		TRY(parley_buf__puts(c->out, "no change can pass under its rule"));
	}
	if (split)
		TRY(parley_buf__puts(c->out, "; moves on both sides of the status quo pass"));
	if (rj_len(pivots)) {
		TRY(parley_buf__printf(c->out, ". Pivot%s: ", rj_len(pivots) == 1 ? "" : "s"));
		TRY(actor_names(c, pivots));
	}
	TRY(parley_buf__puts(c->out, "."));
	for (m = 0; m < c->nmodels; m++) {
		double f;
		if (!rj_num_at(c, rj_get(models, c->models[m].id), "forecast", &f))
			continue;
		TRY(parley_buf__printf(c->out, "%s%s ", shown++ ? ", " : " <span class=\"muted\">Forecasts among "
			"its members: ", c->models[m].shortname));
		TRY(h_num(c->out, f, is->dec));
	}
	if (shown)
		TRY(parley_buf__puts(c->out, ".</span>"));
	TRY(parley_buf__puts(c->out, "</li>\n"));
done:
	return error;
}

static int feasibility(rctx *c, const rissue *is, double draws)
{
	jnode *fz = rj_obj_at(c, is->issue, "feasibility");
	jnode *conf = rj_arr_at(c, fz, "conflicts"), *venues = rj_obj_at(c, fz, "venues");
	jnode *bodies = rj_obj_at(c, fz, "ratification"), *prob = rj_obj_at(c, fz, "probability");
	jnode *walk = rj_obj_at(c, fz, "walkouts");
	size_t k, m;
	double lo, hi, p;
	int sq_ok, error = 0;
	void *iter = NULL;
	rstr key;
	jnode *v;

	if (!fz)
		return 0;
	TRY(parley_buf__puts(c->out, "<h3>Is an agreement possible?</h3>\n<ul class=\"feas\">\n<li>"));
	if (rj_pair(c, rj_get(fz, "acceptable"), &lo, &hi)) {
		TRY(parley_buf__puts(c->out, "Every red line admits "));
		TRY(interval_at(c, fz, "acceptable", is->dec, ""));
		if (rj_bool_at(c, fz, "status_quo_acceptable", &sq_ok))
			TRY(parley_buf__printf(c->out, "; the status quo is %s", sq_ok ? "inside" : "outside"));
		TRY(parley_buf__puts(c->out, ".</li>\n"));
	} else {
		TRY(parley_buf__puts(c->out, "No outcome is within every red line."));
		for (k = 0; k < rj_len(conf) && k < 5; k++) {
			jnode *e = rj_at(conf, k);
			rstr a = rj_str_at(c, e, "a"), b = rj_str_at(c, e, "b");
			double gap;
			TRY(parley_buf__puts(c->out, k ? " " : " "));
			TRY(h_esc(c->out, rj_actor_name(c, a)));
			TRY(parley_buf__puts(c->out, " and "));
			TRY(h_esc(c->out, rj_actor_name(c, b)));
			if (rj_nonneg_at(c, e, "gap", &gap)) {
				TRY(parley_buf__puts(c->out, " are "));
				TRY(h_num(c->out, gap, is->dec));
				TRY(parley_buf__puts(c->out, " apart."));
			} else {
				TRY(parley_buf__puts(c->out, " do not overlap."));
			}
		}
		if (rj_len(conf) > 5)
			TRY(parley_buf__printf(c->out, " And %zu more pairs.", rj_len(conf) - 5));
		TRY(parley_buf__puts(c->out, "</li>\n"));
	}
	while ((v = rj_next(venues, &iter, &key)) != NULL)
		TRY(venue_words(c, is, key, rj_obj(c, v)));
	for (m = 0; m < c->nmodels; m++) {
		jnode *who = rj_arr_at(c, walk, c->models[m].id);
		double f;
		if (!rj_len(who) || !rj_num_at(c, rj_get(rj_obj_at(c, is->issue, "models"),
			c->models[m].id), "forecast", &f))
			continue;
		TRY(parley_buf__printf(c->out, "<li>The forecast of the %s (", c->models[m].lower));
		TRY(h_num(c->out, f, is->dec));
		TRY(parley_buf__puts(c->out, ") crosses the red line of "));
		TRY(actor_names(c, who));
		TRY(parley_buf__printf(c->out, ", who would walk out.</li>\n"));
	}
	iter = NULL;
	while ((v = rj_next(bodies, &iter, &key)) != NULL) {
		jnode *inside = rj_obj_at(c, v, "forecasts_inside");
		double thr = 0;
		int ar = 0, any_agreement = rj_pair(c, rj_get(fz, "agreement"), &lo, &hi);
		size_t nin = 0, nall = 0;
		rstr actor = rj_str_at(c, v, "actor");
		rj_nonneg_at(c, v, "threshold", &thr);
		TRY(parley_buf__puts(c->out, "<li data-ratification=\""));
		TRY(h_esc(c->out, key));
		TRY(parley_buf__puts(c->out, "\">Ratification by <strong>"));
		TRY(h_esc(c->out, rj_body_name(c, key)));
		TRY(parley_buf__printf(c->out, "</strong> (%g votes needed", thr));
		if (actor.p) {
			TRY(parley_buf__puts(c->out, ", for "));
			TRY(h_esc(c->out, rj_actor_name(c, actor)));
		}
		TRY(parley_buf__puts(c->out, "): "));
		if (rj_pair(c, rj_get(v, "ratifiable"), &lo, &hi)) {
			TRY(parley_buf__puts(c->out, "it would ratify outcomes in "));
			TRY(interval_at(c, v, "ratifiable", is->dec, ""));
		} else {
			TRY(parley_buf__puts(c->out, "it would ratify no change"));
		}
		rj_bool_at(c, v, "agreement_ratifiable", &ar);
		TRY(parley_buf__puts(c->out, !any_agreement ? "; there is no agreement to ratify." :
			ar ? "; part of the possible agreement could be ratified." :
			"; the possible agreement would not be ratified."));
		for (m = 0; m < c->nmodels; m++) {
			int in;
			if (rj_bool_at(c, inside, c->models[m].id, &in)) {
				nall++;
				nin += in != 0;
			}
		}
		if (nall) {
			size_t seen = 0;
			if (nin == 0)
				TRY(parley_buf__puts(c->out, " No model's forecast lies inside."));
			else if (nin == nall)
				TRY(parley_buf__puts(c->out, " Every model's forecast lies inside."));
			else {
				TRY(parley_buf__puts(c->out, " Forecasts it would ratify: those of the "));
				for (m = 0; m < c->nmodels; m++) {
					int in;
					if (rj_bool_at(c, inside, c->models[m].id, &in) && in)
						TRY(parley_buf__printf(c->out, "%s%s", seen++ ? ", " : "", c->models[m].lower));
				}
				TRY(parley_buf__puts(c->out, "."));
			}
		}
		{
			jnode *rat = rj_obj_at(c, prob, "ratified"), *pv;
			void *it2 = NULL;
			rstr k2;
			while ((pv = rj_next(rat, &it2, &k2)) != NULL)
				if (k2.n == key.n && !memcmp(k2.p, key.p, key.n) && rj_share(c, pv, &p)) {
					TRY(parley_buf__puts(c->out, " Over the draws it ratifies part of a possible agreement in "));
					TRY(h_pct(c->out, p));
					TRY(parley_buf__puts(c->out, " of them."));
				}
		}
		TRY(parley_buf__puts(c->out, "</li>\n"));
	}
	if (rj_share_at(c, prob, "agreement_possible", &p)) {
		TRY(parley_buf__printf(c->out, "<li>Over the %.0f draws of the uncertain inputs an agreement is "
			"possible in ", draws));
		TRY(h_pct(c->out, p));
		TRY(parley_buf__puts(c->out, " of them.</li>\n"));
	}
	TRY(parley_buf__puts(c->out, "</ul>\n"));
done:
	return error;
}

static int rounds_block(rctx *c, const rissue *is)
{
	jnode *bdm = rj_obj_at(c, rj_obj_at(c, is->issue, "models"), "bdm");
	jnode *rounds = rj_arr_at(c, bdm, "rounds");
	parley_buf cap = PARLEY_BUF_INIT;
	rstr status = rj_str_at(c, bdm, "status"), profile = rj_str_at(c, bdm, "profile");
	size_t r;
	double v;
	int error = 0;

	if (!bdm || rj_get(bdm, "error"))
		return 0;
	TRY(parley_buf__puts(c->out, "<h3>Expected-utility rounds</h3>\n"));
	TRY(parley_buf__puts(&cap, "Each grey line is an actor's position after each round of challenges, "
		"compromises and capitulations; the thick line is the weighted median, the model's forecast, "
		"and the dashed line the compromise mean. "));
	TRY(parley_buf__puts(&cap, rstr_eq(status, "fixed_point") ? "The run stopped at a fixed point (nobody moves)" :
		rstr_eq(status, "max_rounds") ? "The run stopped at the round limit" :
		rstr_eq(status, "degenerate_range") ? "All actors share one position" : "The run stopped"));
	TRY(parley_buf__printf(&cap, " after %zu round%s", rj_len(rounds), rj_len(rounds) == 1 ? "" : "s"));
	if (profile.p) {
		TRY(parley_buf__puts(&cap, " (profile "));
		TRY(h_esc(&cap, profile));
		TRY(parley_buf__puts(&cap, ")"));
	}
	TRY(parley_buf__puts(&cap, ". Median by round: "));
	if (rj_num_at(c, rj_obj_at(c, bdm, "initial"), "median", &v)) {
		TRY(parley_buf__puts(&cap, "start "));
		TRY(h_num(&cap, v, is->dec));
	}
	for (r = 0; r < rj_len(rounds); r++)
		if (rj_num_at(c, rj_at(rounds, r), "median", &v)) {
			TRY(parley_buf__printf(&cap, ", %zu: ", r + 1));
			TRY(h_num(&cap, v, is->dec));
		}
	TRY(parley_buf__puts(&cap, "."));
	TRY(figure(c, is, "rounds", parley_report__svg_rounds, cap.ptr));
done:
	parley_buf_dispose(&cap);
	return error;
}

static const char *chosen_model(rctx *c, const rissue *is)
{
	jnode *sens = rj_obj_at(c, is->issue, "sensitivity");
	const char *want = c->opts->sensitivity_model ? c->opts->sensitivity_model : "compromise";
	size_t m;
	if (rj_len(rj_arr_at(c, sens, want)))
		return want;
	for (m = 0; m < c->nmodels; m++)
		if (rj_len(rj_arr_at(c, sens, c->models[m].id)))
			return c->models[m].id;
	return NULL;
}

static int tornado_fn(rctx *c, parley_buf *b, const rissue *is)
{
	const char *model = chosen_model(c, is);
	return model ? parley_report__svg_tornado(c, b, is, model) : 1;
}

static int uncertainty_block(rctx *c, const rissue *is, double draws)
{
	jnode *models = rj_obj_at(c, is->issue, "models"), *zones = rj_arr_at(c, is->issue, "zones");
	size_t m, k, nz = rj_len(zones), rows = 0;
	int error = 0;
	const char *model;

	for (m = 0; m < c->nmodels; m++)
		if (rj_obj_at(c, rj_get(models, c->models[m].id), "distribution"))
			rows++;
	model = chosen_model(c, is);
	if (!rows && !model)
		return 0;
	TRY(parley_buf__puts(c->out, "<h3>How sure can we be?</h3>\n"));
	if (rows) {
		TRY(parley_buf__printf(c->out, "<p>Every uncertain input was drawn %.0f times and every model rerun on "
			"each draw. The bars show where each model's forecast falls; narrow bars mean the forecast "
			"hardly depends on how the inputs were coded.</p>\n", draws));
		TRY(figure(c, is, "distributions", parley_report__svg_distributions, NULL));
		TRY(parley_buf__puts(c->out, "<div class=\"grid2\">\n<table class=\"quantiles\">\n<caption>The forecast's "
			"distribution</caption>\n<thead><tr><th>Model</th><th class=\"n\">Mean</th><th class=\"n\">SD</th>"
			"<th class=\"n\">5%</th><th class=\"n\">50%</th><th class=\"n\">95%</th></tr></thead>\n<tbody>\n"));
		for (m = 0; m < c->nmodels; m++) {
			jnode *d = rj_obj_at(c, rj_get(models, c->models[m].id), "distribution");
			jnode *q = rj_obj_at(c, d, "quantiles");
			static const char *const qs[5] = { "mean", "sd", "5", "50", "95" };
			double v;
			size_t j;
			if (!d)
				continue;
			TRY(parley_buf__printf(c->out, "<tr data-model=\"%s\"><td>", c->models[m].id));
			TRY(glyph(c, m));
			TRY(parley_buf__printf(c->out, "%s</td>", c->models[m].shortname));
			for (j = 0; j < 5; j++) {
				TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
				if (j == 1 ? rj_nonneg_at(c, d, qs[j], &v) : rj_num_at(c, j < 2 ? d : q, qs[j], &v))
					TRY(h_num(c->out, v, is->dec));
				TRY(parley_buf__puts(c->out, "</td>"));
			}
			TRY(parley_buf__puts(c->out, "</tr>\n"));
		}
		TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
		if (nz) {
			TRY(parley_buf__puts(c->out, "<table class=\"zones\">\n<caption>Share of draws in each zone</caption>\n"
				"<thead><tr><th>Model</th>"));
			for (k = 0; k < nz; k++) {
				TRY(parley_buf__puts(c->out, "<th class=\"n\">"));
				TRY(h_esc(c->out, rj_str_at(c, rj_at(zones, k), "name")));
				TRY(parley_buf__puts(c->out, "</th>"));
			}
			TRY(parley_buf__puts(c->out, "</tr></thead>\n<tbody>\n"));
			for (m = 0; m < c->nmodels; m++) {
				jnode *d = rj_obj_at(c, rj_get(models, c->models[m].id), "distribution");
				jnode *zp = rj_obj_at(c, d, "zones");
				double v;
				if (!d)
					continue;
				TRY(parley_buf__printf(c->out, "<tr data-model=\"%s\"><td>", c->models[m].id));
				TRY(glyph(c, m));
				TRY(parley_buf__printf(c->out, "%s</td>", c->models[m].shortname));
				for (k = 0; k < nz; k++) {
					rstr zn = rj_str_at(c, rj_at(zones, k), "name");
					jnode *pv;
					void *it = NULL;
					rstr key;
					TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
					while ((pv = rj_next(zp, &it, &key)) != NULL)
						if (zn.p && key.n == zn.n && !memcmp(key.p, zn.p, zn.n) && rj_share(c, pv, &v)) {
							TRY(h_pct(c->out, v));
							break;
						}
					TRY(parley_buf__puts(c->out, "</td>"));
				}
				TRY(parley_buf__puts(c->out, "</tr>\n"));
			}
			TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
		}
		TRY(parley_buf__puts(c->out, "</div>\n"));
	}
	if (model) {
		TRY(figure(c, is, "tornado", tornado_fn,
			"Each bar is one uncertain input; its length is the input's share of the forecast's variance "
			"over the draws (the squared correlation), and it points right when raising the input raises "
			"the forecast at the coded values, left when it lowers it (grey: no local effect, as for the "
			"weighted median between actors). The numbers on the right are the change of the forecast per "
			"unit of the input. These are the codings to check first."));
	}
done:
	return error;
}

static int issue_section(rctx *c, const rissue *is, size_t count, double draws)
{
	jnode *fz = rj_obj_at(c, is->issue, "feasibility");
	rstr desc = rj_str_at(c, is->issue, "description"), reason = rj_str_at(c, fz, "reason");
	int yes = 0, has_verdict = fz && rj_bool_at(c, fz, "agreement_possible", &yes), error = 0;
	double p;

	TRY(parley_buf__puts(c->out, "<section class=\"issue\" id=\"issue-"));
	TRY(esc_id(c->out, is->id));
	TRY(parley_buf__puts(c->out, "\" aria-labelledby=\"h-"));
	TRY(esc_id(c->out, is->id));
	TRY(parley_buf__puts(c->out, "\" data-issue=\""));
	TRY(h_esc(c->out, is->id));
	TRY(parley_buf__puts(c->out, "\">\n<h2 id=\"h-"));
	TRY(esc_id(c->out, is->id));
	TRY(parley_buf__printf(c->out, "\"><span class=\"no\">%zu</span> ", is->index + 1));
	TRY(h_esc(c->out, is->title));
	TRY(parley_buf__printf(c->out, "</h2>\n<p class=\"meta\">Issue %zu of %zu \xc2\xb7 id <code>",
		is->index + 1, count));
	TRY(h_esc(c->out, is->id));
	TRY(parley_buf__puts(c->out, "</code></p>\n"));
	if (desc.p) {
		TRY(parley_buf__puts(c->out, "<p class=\"desc\">"));
		TRY(h_esc(c->out, desc));
		TRY(parley_buf__puts(c->out, "</p>\n"));
	}
	if (has_verdict) {
		TRY(parley_buf__printf(c->out, "<div class=\"verdict %s\"><strong>Is an agreement possible? %s%s</strong>",
			yes ? "yes" : "no", yes ? "Yes" : "No", reason.p ? ":" : "."));
		if (reason.p) {
			/* the reason starts lower-case: it continues the answer */
			TRY(parley_buf__puts(c->out, " "));
			TRY(h_esc(c->out, reason));
			TRY(parley_buf__puts(c->out, "."));
		}
		if (rj_share_at(c, rj_obj_at(c, fz, "probability"), "agreement_possible", &p)) {
			TRY(parley_buf__puts(c->out, " <span class=\"muted\">Possible in "));
			TRY(h_pct(c->out, p));
			TRY(parley_buf__puts(c->out, " of the draws.</span>"));
		}
		TRY(parley_buf__puts(c->out, "</div>\n"));
	}
	TRY(scale_block(c, is));
	TRY(figure(c, is, "positions", parley_report__svg_positions,
		"Each actor's ideal point on the scale, with its red line where it gave one; below, each model's "
		"forecast on the same axis, then what every red line admits (shaded green across the actors), what "
		"each venue can pass and what each ratification body would ratify. The dashed line is the status "
		"quo; the yellow bands at the top are the scenario's named zones."));
	TRY(models_table(c, is));
	TRY(exchange_block(c, is));
	TRY(actors_table(c, is));
	TRY(feasibility(c, is, draws));
	TRY(rounds_block(c, is));
	TRY(uncertainty_block(c, is, draws));
	TRY(parley_buf__puts(c->out, "</section>\n"));
done:
	return error;
}

/* ---- package deals ---- */

/* Pairs of issues charted per package. */
#define PACKAGE_PAIRS 6

static int package_section(rctx *c, jnode *pkg, size_t index, jnode *issues)
{
	jnode *ids = rj_arr_at(c, pkg, "issues"), *vals = rj_obj_at(c, pkg, "package");
	jnode *gains = rj_obj_at(c, pkg, "gains"), *venues = rj_arr_at(c, pkg, "venues");
	rstr id = rj_str_at(c, pkg, "id"), name = rj_str_at(c, pkg, "name"), reason = rj_str_at(c, pkg, "reason");
	rstr link = rj_str_at(c, pkg, "linkage_effect"), mover = rj_str_at(c, pkg, "mover");
	size_t k = rj_len(ids), i, j, pairs = 0;
	int feasible = 0, has = rj_bool_at(c, pkg, "feasible", &feasible), error = 0;
	parley_buf svg = PARLEY_BUF_INIT, kind = PARLEY_BUF_INIT;
	void *iter = NULL;
	rstr key;
	jnode *v;

	TRY(parley_buf__puts(c->out, "<article class=\"package\" data-package=\""));
	TRY(h_esc(c->out, id));
	TRY(parley_buf__printf(c->out, "\">\n<h3>%zu. ", index + 1));
	TRY(h_esc(c->out, name.p ? name : id.p ? id : rstr_z("Linked issues")));
	TRY(parley_buf__puts(c->out, "</h3>\n<p class=\"meta\">Links "));
	for (i = 0; i < k; i++) {
		TRY(parley_buf__puts(c->out, i == 0 ? "" : i + 1 == k ? " and " : ", "));
		TRY(h_esc(c->out, issue_title(c, rj_str(c, rj_at(ids, i)))));
	}
	if (id.p) {
		TRY(parley_buf__puts(c->out, " \xc2\xb7 id <code>"));
		TRY(h_esc(c->out, id));
		TRY(parley_buf__puts(c->out, "</code>"));
	}
	TRY(parley_buf__puts(c->out, "</p>\n"));
	if (has) {
		TRY(parley_buf__printf(c->out, "<div class=\"verdict %s\"><strong>Is there a package both sides prefer "
			"to no deal? %s%s</strong>", feasible ? "yes" : "no", feasible ? "Yes" : "No", reason.p ? ":" : "."));
		if (reason.p) {
			TRY(parley_buf__puts(c->out, " "));
			TRY(h_esc(c->out, reason));
			TRY(parley_buf__puts(c->out, "."));
		}
		TRY(parley_buf__puts(c->out, "</div>\n"));
	}
	if (link.p) {
		TRY(parley_buf__puts(c->out, "<p><strong>Linkage:</strong> "));
		TRY(h_esc(c->out, link));
		TRY(parley_buf__puts(c->out, ".</p>\n"));
	}
	if (rj_len(venues)) {
		TRY(parley_buf__puts(c->out, "<ul class=\"feas\">\n"));
		for (i = 0; i < rj_len(venues); i++) {
			jnode *pv = rj_at(venues, i);
			int f = 0, fv = 0;
			rj_bool_at(c, pv, "feasible", &f);
			rj_bool_at(c, pv, "feasible_without_ratification", &fv);
			TRY(parley_buf__puts(c->out, "<li>In <strong>"));
			TRY(h_esc(c->out, rj_venue_name(c, rj_str_at(c, pv, "venue"))));
			TRY(parley_buf__printf(c->out, "</strong>: %s; linkage %s.</li>\n",
				f ? "a package passes and would be ratified" :
				fv ? "a package passes at the table, but would not be ratified" : "no package passes at the table",
				rstr_eq(rj_str_at(c, pv, "linkage"), "opens") ? "opens an agreement" :
				rstr_eq(rj_str_at(c, pv, "linkage"), "closes") ? "closes an agreement" : "changes nothing"));
		}
		TRY(parley_buf__puts(c->out, "</ul>\n"));
	}
	if (vals) {
		TRY(parley_buf__puts(c->out, "<div class=\"grid2\">\n<table class=\"wide\">\n<caption>The representative "
			"package</caption>\n<thead><tr><th>Issue</th><th class=\"n\">Status quo</th><th class=\"n\">Package</th>"
			"</tr></thead>\n<tbody>\n"));
		for (i = 0; i < k; i++) {
			rstr iid = rj_str(c, rj_at(ids, i));
			double q, y;
			char kz[256];
			jnode *is = NULL;
			for (j = 0; iid.p && j < rj_len(issues); j++) {
				rstr t = rj_str_at(c, rj_at(issues, j), "id");
				if (t.p && t.n == iid.n && !memcmp(t.p, iid.p, iid.n))
					is = rj_at(issues, j);
			}
			TRY(parley_buf__puts(c->out, "<tr><td>"));
			TRY(h_esc(c->out, issue_title(c, iid)));
			TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			if (rj_num_at(c, is, "status_quo", &q))
				TRY(h_num(c->out, q, 1));
			TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			if (iid.p && iid.n < sizeof(kz)) {
				memcpy(kz, iid.p, iid.n);
				kz[iid.n] = '\0';
				if (rj_num_at(c, vals, kz, &y))
					TRY(h_num(c->out, y, 1));
			}
			TRY(parley_buf__puts(c->out, "</td></tr>\n"));
		}
		TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n<table class=\"wide\">\n<caption>Each actor's gain "
			"over the status quo</caption>\n<thead><tr><th>Actor</th><th class=\"n\">Gain</th></tr></thead>\n<tbody>\n"));
		while ((v = rj_next(gains, &iter, &key)) != NULL) {
			double g;
			if (!rj_num(c, v, &g))
				continue;
			TRY(parley_buf__puts(c->out, "<tr><td>"));
			TRY(h_esc(c->out, rj_actor_name(c, key)));
			TRY(parley_buf__printf(c->out, "</td><td class=\"n\">%s%.3f</td></tr>\n", g > 0 ? "+" : g < 0 ? "&minus;" : "",
				fabs(g)));
		}
		TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n</div>\n"));
	}
	if (mover.p) {
		TRY(parley_buf__puts(c->out, "<p>Who would have to move most (the farthest from what it asked for): <strong>"));
		TRY(h_esc(c->out, rj_actor_name(c, mover)));
		TRY(parley_buf__puts(c->out, "</strong>.</p>\n"));
	}
	/* a chart per pair of issues */
	for (i = 0; i < k && pairs < PACKAGE_PAIRS; i++)
		for (j = i + 1; j < k && pairs < PACKAGE_PAIRS; j++) {
			svg.size = 0;
			if (svg.ptr)
				svg.ptr[0] = '\0';
			error = parley_report__svg_package(c, &svg, pkg, issues, i, j);
			if (error < 0)
				goto done;
			if (error == 1) {
				error = 0;
				continue;
			}
			pairs++;
			kind.size = 0;
			TRY(parley_buf__printf(&kind, "package-%02zu-", index + 1));
			TRY(h_slug(&kind, id.p ? id : rstr_z("combination")));
			TRY(parley_buf__printf(&kind, "-%zu-%zu", i + 1, j + 1));
			TRY(parley_buf__puts(c->out, "<figure class=\"chart chart-package\">\n"));
			TRY(parley_report__emit_chart(c, &svg, NULL, kind.ptr));
			TRY(parley_buf__puts(c->out, "</figure>\n"));
		}
	if (pairs)
		TRY(parley_buf__puts(c->out, "<p class=\"muted\">Each chart shows two of the linked issues; the others are "
			"held at the package's values (listed under the legend). Each actor's curve encloses the points it "
			"prefers to the status quo on all the linked issues together; the shaded region is where every member "
			"of the table does, darker inside all their red lines.</p>\n"));
	TRY(parley_buf__puts(c->out, "</article>\n"));
done:
	parley_buf_dispose(&svg);
	parley_buf_dispose(&kind);
	return error;
}

static int packages_block(rctx *c, jnode *packages, jnode *issues)
{
	size_t i, n = rj_len(packages);
	double loss = 2;
	int error = 0;

	if (!n)
		return 0;
	rj_num_in(c, rj_get(rj_obj(c, rj_at(packages, 0)), "loss"), 1, 2, 1, &loss);
	TRY(parley_buf__printf(c->out, "<section id=\"packages\" class=\"packages\" aria-labelledby=\"h-packages\">\n"
		"<h2 id=\"h-packages\">Package deals</h2>\n<p>Issues linked in a package are agreed together. An actor "
		"judges a package (one position per issue) by its salience-weighted %s losses, measured as shares of each "
		"issue's scale, and prefers it to no deal when they are smaller than at the status quo on all the issues "
		"together. A package exists when every member of the table prefers it, it lies inside their red lines, and "
		"the ratification bodies would ratify it.</p>\n", loss == 1 ? "linear" : "quadratic"));
	for (i = 0; i < n; i++) {
		jnode *pkg = rj_obj(c, rj_at(packages, i));
		if (pkg)
			TRY(package_section(c, pkg, i, issues));
	}
	TRY(parley_buf__puts(c->out, "</section>\n"));
done:
	return error;
}

/* ---- stages, sources, provenance ---- */

static int stages(rctx *c, jnode *list, jnode *issues)
{
	size_t k, i, n = rj_len(list);
	int error = 0;

	if (!n)
		return 0;
	TRY(parley_buf__puts(c->out, "<section id=\"stages\" aria-labelledby=\"h-stages\">\n<h2 id=\"h-stages\">"
		"The stages in order</h2>\n<p>Each stage runs its model over the venue's members and moves the "
		"forecast into what the venue can pass and its members' red lines admit; a stage may start from "
		"the previous stage's outcome.</p>\n"));
	for (k = 0; k < n; k++) {
		jnode *st = rj_obj(c, rj_at(list, k)), *rows = rj_arr_at(c, st, "issues");
		rstr id = rj_str_at(c, st, "id"), venue = rj_str_at(c, st, "venue"), date = rj_str_at(c, st, "date");
		rstr model = rj_str_at(c, st, "model"), from = rj_str_at(c, st, "status_quo_from");
		TRY(parley_buf__puts(c->out, "<table class=\"wide stage\">\n<caption>"));
		TRY(parley_buf__printf(c->out, "%zu. ", k + 1));
		TRY(h_esc(c->out, rj_venue_name(c, venue)));
		if (date.p) {
			TRY(parley_buf__puts(c->out, ", "));
			TRY(h_esc(c->out, date));
		}
		TRY(parley_buf__puts(c->out, " <span class=\"muted\">(stage "));
		TRY(h_esc(c->out, id));
		if (model.p) {
			TRY(parley_buf__puts(c->out, "; model "));
			TRY(h_esc(c->out, model));
		}
		TRY(parley_buf__puts(c->out, "; status quo from "));
		TRY(parley_buf__puts(c->out, rstr_eq(from, "previous") ? "the previous stage" : "the scenario"));
		TRY(parley_buf__puts(c->out, ")</span></caption>\n<thead><tr><th>Issue</th><th class=\"n\">Status quo</th>"
			"<th class=\"n\">Can pass</th><th class=\"n\">Forecast</th><th class=\"n\">Outcome</th></tr></thead>\n<tbody>\n"));
		for (i = 0; i < rj_len(rows); i++) {
			jnode *r = rj_at(rows, i);
			rstr iid = rj_str_at(c, r, "issue"), title = iid;
			size_t j;
			int dec = 1, moved = 1;
			double v;
			for (j = 0; j < rj_len(issues); j++) {
				rissue is;
				rstr jid = rj_str_at(c, rj_at(issues, j), "id");
				if (iid.p && jid.p && jid.n == iid.n && !memcmp(jid.p, iid.p, iid.n) &&
				    read_issue(c, rj_at(issues, j), j, &is)) {
					dec = is.dec;
					title = is.title;
				}
			}
			rj_bool_at(c, r, "moved", &moved);
			TRY(parley_buf__puts(c->out, "<tr><td>"));
			TRY(h_esc(c->out, title));
			TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			if (rj_num_at(c, r, "status_quo", &v))
				TRY(h_num(c->out, v, dec));
			TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			TRY(interval_at(c, r, "change", dec, "none"));
			TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			TRY(rj_num_at(c, r, "forecast", &v) ? h_num(c->out, v, dec) : parley_buf__puts(c->out, "n/a"));
			TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
			if (rj_num_at(c, r, "outcome", &v))
				TRY(h_num(c->out, v, dec));
			TRY(parley_buf__puts(c->out, moved ? "</td></tr>\n" : " <span class=\"muted\">(no change)</span></td></tr>\n"));
		}
		TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
	}
	TRY(parley_buf__puts(c->out, "</section>\n"));
done:
	return error;
}

static int sources(rctx *c, jnode *scenario)
{
	jnode *docs = rj_arr_at(c, scenario, "documents");
	size_t k;
	int error = 0;

	TRY(parley_buf__puts(c->out, "<section id=\"sources\" aria-labelledby=\"h-sources\">\n"
		"<h2 id=\"h-sources\">Sources cited</h2>\n"));
	if (!rj_get(scenario, "documents")) {
		TRY(parley_buf__puts(c->out, "<p class=\"muted\">The JSON result does not list the scenario's "
			"documents (it was written by an older parley).</p>\n</section>\n"));
		goto done;
	}
	if (!rj_len(docs)) {
		TRY(parley_buf__puts(c->out, "<p class=\"muted\">The scenario cites no documents.</p>\n</section>\n"));
		goto done;
	}
	TRY(parley_buf__puts(c->out, "<ol class=\"sources\">\n"));
	for (k = 0; k < rj_len(docs); k++) {
		jnode *d = rj_at(docs, k);
		rstr id = rj_str_at(c, d, "id"), pub = rj_str_at(c, d, "publisher"), date = rj_str_at(c, d, "date");
		rstr loc = rj_str_at(c, d, "location");
		TRY(parley_buf__puts(c->out, "<li id=\"doc-"));
		TRY(esc_id(c->out, id));
		TRY(parley_buf__puts(c->out, "\"><cite>"));
		TRY(h_esc(c->out, rj_str_at(c, d, "title")));
		TRY(parley_buf__puts(c->out, "</cite>"));
		if (pub.p) {
			TRY(parley_buf__puts(c->out, ", "));
			TRY(h_esc(c->out, pub));
		}
		TRY(parley_buf__puts(c->out, ", "));
		TRY(date.p ? h_esc(c->out, date) : parley_buf__puts(c->out, "undated"));
		TRY(parley_buf__puts(c->out, ". <span class=\"muted\">[id "));
		TRY(h_esc(c->out, id));
		TRY(parley_buf__puts(c->out, "]</span>"));
		if (loc.p) {
			TRY(parley_buf__puts(c->out, " <span class=\"loc\">"));
			TRY(h_esc(c->out, loc));
			TRY(parley_buf__puts(c->out, "</span>"));
		}
		TRY(parley_buf__puts(c->out, "</li>\n"));
	}
	TRY(parley_buf__puts(c->out, "</ol>\n</section>\n"));
done:
	return error;
}

static int provenance(rctx *c, jnode *root)
{
	jnode *input = rj_obj_at(c, root, "input"), *opts = rj_obj_at(c, root, "options");
	jnode *mlist = rj_arr_at(c, opts, "models"), *bdm = rj_obj_at(c, opts, "bdm");
	double seed, draws, v;
	size_t k;
	int error = 0;

	rstr version = rj_str_at(c, root, "parley_version"), path = rj_str_at(c, input, "path");
	rstr sha = rj_str_at(c, input, "sha256");

	TRY(parley_buf__puts(c->out, "<footer>\n<p>Forecast by parley"));
	if (version.p) {
		TRY(parley_buf__puts(c->out, " "));
		TRY(h_esc(c->out, version));
	}
	if (path.p && path.n) {
		TRY(parley_buf__puts(c->out, " from <code>"));
		TRY(h_esc(c->out, path));
		TRY(parley_buf__puts(c->out, "</code>"));
	}
	if (sha.p && sha.n) {
		TRY(parley_buf__puts(c->out, " (SHA-256 <code>"));
		TRY(h_esc(c->out, sha));
		TRY(parley_buf__puts(c->out, "</code>)"));
	}
	if (rj_num_in(c, rj_get(root, "seed"), 0, RJ_MAX_SEED, 1, &seed) && rj_count_at(c, root, "draws", &draws))
		TRY(parley_buf__printf(c->out, "; Monte Carlo with %.0f draws, seed %.0f", draws, seed));
	if (opts) {
		/* "; key value" for each option present */
		static const char *const keys[][2] = { { "median_tie", "median tie" },
			{ "nbs_weights", "Nash weights" } };
		size_t j;
		TRY(parley_buf__puts(c->out, ". Models:"));
		for (k = 0; k < rj_len(mlist); k++) {
			TRY(parley_buf__puts(c->out, k ? ", " : " "));
			TRY(h_esc(c->out, rj_str(c, rj_at(mlist, k))));
		}
		for (j = 0; j < 2; j++) {
			rstr val = rj_str_at(c, opts, keys[j][0]);
			if (!val.p)
				continue;
			TRY(parley_buf__printf(c->out, "; %s ", keys[j][1]));
			TRY(h_esc(c->out, val));
		}
		if (rj_num_in(c, rj_get(opts, "nbs_loss"), 1, 2, 1, &v))
			TRY(parley_buf__printf(c->out, ", loss %g", v));
	}
	if (bdm) {
		static const char *const keys[] = { "profile", "selection", "range" };
		size_t j;
		TRY(parley_buf__puts(c->out, "; expected utility:"));
		for (j = 0; j < 3; j++) {
			rstr val = rj_str_at(c, bdm, keys[j]);
			if (!val.p)
				continue;
			TRY(parley_buf__printf(c->out, " %s ", keys[j]));
			TRY(h_esc(c->out, val));
			TRY(parley_buf__puts(c->out, ","));
		}
		if (rj_share_at(c, bdm, "q", &v))
			TRY(parley_buf__printf(c->out, " Q %g,", v));
		if (rj_count_at(c, bdm, "rounds", &v))
			TRY(parley_buf__printf(c->out, " at most %g rounds", v));
	}
	TRY(parley_buf__printf(c->out, ".</p>\n<p>Report rendered by parley %s from <code>", PARLEY_VERSION));
	TRY(h_escz(c->out, c->file));
	TRY(parley_buf__puts(c->out, "</code>. It needs no network and no script; every chart has a text "
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
	for (k = 0; k < rj_len(list); k++)
		if (rstr_eq(rj_str(c, rj_at(list, k)), id))
			return 1;
	for (k = 0; k < rj_len(issues); k++)
		if (rj_get(rj_obj_at(c, rj_at(issues, k), "models"), id))
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
	for (k = 0; k < rj_len(list); k++) {
		rstr id = rj_str(c, rj_at(list, k));
		if (id.p)
			add_model(c, id.p, id.n, NULL);
	}
	for (i = 0; i < rj_len(issues); i++) {
		jnode *models = rj_obj_at(c, rj_at(issues, i), "models"), *v;
		void *iter = NULL;
		rstr key;
		while ((v = rj_next(models, &iter, &key)) != NULL)
			add_model(c, key.p, key.n, NULL);
	}
}

static int forecast_page(rctx *c)
{
	jnode *root = c->root, *scenario = rj_obj_at(c, root, "scenario");
	jnode *issues = rj_arr_at(c, root, "issues");
	rstr title = rj_str_at(c, scenario, "title"), date = rj_str_at(c, scenario, "date");
	rstr desc = rj_str_at(c, scenario, "description");
	double draws = 0;
	int mc, error = 0;
	size_t i, n = rj_len(issues);

	list_models(c, issues, rj_arr_at(c, rj_obj_at(c, root, "options"), "models"));
	c->names_actors = rj_arr_at(c, scenario, "actors");
	c->names_venues = rj_arr_at(c, scenario, "venues");
	c->names_bodies = rj_arr_at(c, scenario, "ratification");
	mc = rj_count_at(c, root, "draws", &draws);
	if (!title.p)
		title = rj_str_at(c, rj_obj_at(c, root, "input"), "path");
	if (!title.p)
		title = rstr_z("Forecast");
	TRY(page_head(c, title, "forecast report"));
	TRY(parley_buf__puts(c->out, "<header class=\"top\">\n<p class=\"kicker\">parley forecast report</p>\n<h1>"));
	TRY(h_esc(c->out, title));
	TRY(parley_buf__puts(c->out, "</h1>\n<p class=\"meta\">"));
	if (date.p) {
		TRY(parley_buf__puts(c->out, "As of "));
		TRY(h_esc(c->out, date));
		TRY(parley_buf__puts(c->out, " \xc2\xb7 "));
	}
	TRY(parley_buf__printf(c->out, "%zu issue%s", n, n == 1 ? "" : "s"));
	if (rj_len(c->names_actors))
		TRY(parley_buf__printf(c->out, " \xc2\xb7 %zu actors", rj_len(c->names_actors)));
	if (mc) {
		double seed = 0;
		rj_num_in(c, rj_get(root, "seed"), 0, RJ_MAX_SEED, 1, &seed);
		TRY(parley_buf__printf(c->out, " \xc2\xb7 Monte Carlo: %.0f draws, seed %.0f", draws, seed));
	}
	TRY(parley_buf__puts(c->out, "</p>\n"));
	if (desc.p) {
		TRY(parley_buf__puts(c->out, "<p class=\"lede\">"));
		TRY(h_esc(c->out, desc));
		TRY(parley_buf__puts(c->out, "</p>\n"));
	}
	TRY(parley_buf__puts(c->out, "</header>\n<main>\n"));
	TRY(summary(c, issues, mc));
	for (i = 0; i < n; i++) {
		rissue is;
		if (read_issue(c, rj_at(issues, i), i, &is))
			TRY(issue_section(c, &is, n, draws));
	}
	TRY(packages_block(c, rj_arr_at(c, root, "packages"), issues));
	TRY(stages(c, rj_arr_at(c, root, "stages"), issues));
	TRY(sources(c, scenario));
	TRY(parley_buf__puts(c->out, "</main>\n"));
	TRY(provenance(c, root));
	TRY(parley_buf__puts(c->out, "</body>\n</html>\n"));
done:
	return error;
}

/* ---- backtest ---- */

const char *parley_report__backtest_title(rstr id)
{
	static const char *const names[][2] = {
		{ "mean", "Capability-weighted mean" }, { "compromise", "Compromise model" },
		{ "median", "Weighted median" }, { "nbs", "Nash bargaining solution" },
		{ "bdm", "Expected utility (BDM)" }, { "status-quo", "Status quo (naive baseline)" },
		{ "winset-compromise", "Compromise within the Council's win-set" },
		{ "procedure-compromise", "Compromise within the procedure's win-sets" },
		{ "pivot-mid", "Midpoint of the Council's QMV pivots" },
		{ "blend", "Blend (cross-validated)" } };
	size_t k;
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (rstr_eq(id, names[k][0]))
			return names[k][1];
	return NULL;
}

static int stat_cell(rctx *c, jnode *mo, const char *key, int pct)
{
	char ci[40];
	double v, lo, hi;
	int error = 0;
	TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
	if (rj_num_in(c, rj_get(mo, key), 0, pct ? 1 : HUGE_VAL, 0, &v)) {
		TRY(pct ? parley_buf__printf(c->out, "%.0f%%", v * 100) : h_num(c->out, v, 2));
		snprintf(ci, sizeof(ci), "%s_ci95", key);
		if (rj_pair_in(c, rj_get(mo, ci), 0, pct ? 1 : HUGE_VAL, &lo, &hi))
			TRY(pct ? parley_buf__printf(c->out, "<span class=\"ci\">[%.0f, %.0f]</span>", lo * 100, hi * 100) :
				parley_buf__printf(c->out, "<span class=\"ci\">[%.2f, %.2f]</span>", lo, hi));
	}
	TRY(parley_buf__puts(c->out, "</td>"));
done:
	return error;
}

static int backtest_page(rctx *c, jnode *models)
{
	jnode *root = c->root, *ds = rj_obj_at(c, root, "dataset"), *blend = rj_obj_at(c, root, "blend");
	rstr path = rj_str_at(c, ds, "path");
	double v, used = 0, read = 0, skipped = 0, props = 0;
	parley_buf svg = PARLEY_BUF_INIT;
	void *iter = NULL;
	rstr key;
	jnode *mo;
	int error = 0;

	TRY(page_head(c, rstr_z("Backtest of the models"), "backtest report"));
	TRY(parley_buf__puts(c->out, "<header class=\"top\">\n<p class=\"kicker\">parley backtest report</p>\n"
		"<h1>How well do the models forecast decisions already taken?</h1>\n<p class=\"meta\">Dataset <code>"));
	TRY(h_esc(c->out, path.p ? path : rstr_z(c->file)));
	TRY(parley_buf__puts(c->out, "</code>"));
	if (rj_str_at(c, rj_obj_at(c, ds, "outcomes"), "path").p) {
		TRY(parley_buf__puts(c->out, " with outcomes <code>"));
		TRY(h_esc(c->out, rj_str_at(c, rj_obj_at(c, ds, "outcomes"), "path")));
		TRY(parley_buf__puts(c->out, "</code>"));
	}
	if (rj_str_at(c, ds, "layout").p) {
		TRY(parley_buf__puts(c->out, " (layout "));
		TRY(h_esc(c->out, rj_str_at(c, ds, "layout")));
		TRY(parley_buf__puts(c->out, ")"));
	}
	rj_count_at(c, root, "issues_used", &used);
	rj_count_at(c, root, "issues_read", &read);
	rj_count_at(c, root, "issues_skipped", &skipped);
	rj_count_at(c, root, "proposals", &props);
	if (read > 0)
		TRY(parley_buf__printf(c->out, " \xc2\xb7 %.0f issues read, %.0f scored, %.0f left out \xc2\xb7 "
			"%.0f proposals", read, used, skipped, props));
	if (rj_count_at(c, root, "resamples", &v))
		TRY(parley_buf__printf(c->out, " \xc2\xb7 %.0f bootstrap resamples", v));
	if (rj_num_in(c, rj_get(root, "seed"), 0, RJ_MAX_SEED, 1, &v))
		TRY(parley_buf__printf(c->out, ", seed %.0f", v));
	TRY(parley_buf__puts(c->out, "</p>\n</header>\n<main>\n<section id=\"backtest\" aria-labelledby=\"h-bt\">\n"
		"<h2 id=\"h-bt\">Errors by model</h2>\n<p>Each model forecast every scored issue; the table gives its "
		"errors against the recorded outcomes (scale points), with bootstrap 95% intervals that resample "
		"proposals. Lower is better for the errors, higher for the shares within 10 and 20 points.</p>\n"
		"<table class=\"wide backtest\">\n<thead><tr><th>Model</th><th class=\"n\">Issues</th><th class=\"n\">MAE</th>"
		"<th class=\"n\">RMSE</th><th class=\"n\">Median AE</th><th class=\"n\">Within 10</th>"
		"<th class=\"n\">Within 20</th></tr></thead>\n<tbody>\n"));
	while ((mo = rj_next(models, &iter, &key)) != NULL) {
		const char *t = parley_report__backtest_title(key);
		mo = rj_obj(c, mo);
		TRY(parley_buf__puts(c->out, "<tr data-model=\""));
		TRY(h_esc(c->out, key));
		TRY(parley_buf__puts(c->out, "\"><td>"));
		TRY(t ? parley_buf__puts(c->out, t) : h_esc(c->out, key));
		TRY(parley_buf__puts(c->out, "<span class=\"ci\">"));
		TRY(h_esc(c->out, key));
		TRY(parley_buf__puts(c->out, "</span></td><td class=\"n\">"));
		if (rj_count_at(c, mo, "n", &v))
			TRY(parley_buf__printf(c->out, "%.0f", v));
		TRY(parley_buf__puts(c->out, "</td>"));
		TRY(stat_cell(c, mo, "mae", 0));
		TRY(stat_cell(c, mo, "rmse", 0));
		TRY(stat_cell(c, mo, "median_ae", 0));
		TRY(stat_cell(c, mo, "within10", 1));
		TRY(stat_cell(c, mo, "within20", 1));
		TRY(parley_buf__puts(c->out, "</tr>\n"));
	}
	TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
	error = parley_report__svg_backtest(c, &svg, models);
	if (error < 0)
		goto done;
	if (error == 0) {
		TRY(parley_buf__puts(c->out, "<figure class=\"chart chart-backtest\">\n"));
		TRY(parley_report__emit_chart(c, &svg, NULL, "backtest-mae"));
		TRY(parley_buf__puts(c->out, "</figure>\n"));
	}
	error = 0;
	if (blend) {
		double cv, comp, ratio, lo, hi, goal = 0.9;
		int met = 0;
		TRY(parley_buf__puts(c->out, "<h3>The blend</h3>\n<p>"));
		if (rj_nonneg_at(c, blend, "cv_mae", &cv) && rj_nonneg_at(c, blend, "compromise_mae", &comp)) {
			TRY(parley_buf__printf(c->out, "Forecasting each proposal from weights fitted on the others, the blend's "
				"mean absolute error is %.2f against %.2f for the compromise model on the same issues", cv, comp));
			if (rj_nonneg_at(c, blend, "ratio", &ratio)) {
				TRY(parley_buf__printf(c->out, " (ratio %.3f", ratio));
				if (rj_pair_in(c, rj_get(blend, "ratio_ci95"), 0, HUGE_VAL, &lo, &hi))
					TRY(parley_buf__printf(c->out, ", 95%% interval %.3f to %.3f", lo, hi));
				TRY(parley_buf__puts(c->out, ")"));
			}
			rj_nonneg_at(c, blend, "goal", &goal);
			if (rj_bool_at(c, blend, "goal_met", &met))
				TRY(parley_buf__printf(c->out, "; the goal of a ratio of at most %g is %s", goal,
					met ? "met" : "not met"));
			TRY(parley_buf__puts(c->out, "."));
		}
		TRY(parley_buf__puts(c->out, "</p>\n"));
	}
	TRY(parley_buf__printf(c->out, "</section>\n</main>\n<footer>\n<p>Backtest by parley "));
	TRY(h_esc(c->out, rj_str_at(c, root, "parley_version")));
	TRY(parley_buf__puts(c->out, "; dataset SHA-256 <code>"));
	TRY(h_esc(c->out, rj_str_at(c, ds, "sha256")));
	TRY(parley_buf__printf(c->out, "</code>. Report rendered by parley %s from <code>", PARLEY_VERSION));
	TRY(h_escz(c->out, c->file));
	TRY(parley_buf__puts(c->out, "</code>.</p>\n</footer>\n</body>\n</html>\n"));
done:
	parley_buf_dispose(&svg);
	return error;
}

/* ---- ledger ---- */

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

static int rstr_cmp(rstr a, rstr b)
{
	size_t n = a.n < b.n ? a.n : b.n;
	int d = n ? memcmp(a.p, b.p, n) : 0;
	return d ? d : a.n < b.n ? -1 : a.n > b.n;
}

static int lfc_by_question(const void *x, const void *y)
{
	const lfc *a = x, *b = y;
	int d = rstr_cmp(a->q, b->q);
	if (!d)
		d = rstr_cmp(a->who, b->who);
	return d ? d : a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int lfc_by_forecaster(const void *x, const void *y)
{
	const lfc *a = x, *b = y;
	int d = a->model - b->model;
	if (!d)
		d = rstr_cmp(a->who, b->who);
	return d ? d : a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int lq_by_id(const void *x, const void *y)
{
	return rstr_cmp(((const lq *)x)->id, ((const lq *)y)->id);
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
	TRY(page_head(c, rstr_z("Forecast ledger"), "ledger report"));
	TRY(parley_buf__printf(c->out, "<header class=\"top\">\n<p class=\"kicker\">parley ledger report</p>\n<h1>%s</h1>\n"
		"<p class=\"meta\">", h1));
done:
	return error;
}

static int ledger_foot(rctx *c)
{
	int error;
	TRY(parley_buf__puts(c->out, "</main>\n<footer>\n<p>Ledger written by parley "));
	TRY(h_esc(c->out, rj_str_at(c, c->root, "parley_version")));
	TRY(parley_buf__printf(c->out, ". Report rendered by parley %s from <code>", PARLEY_VERSION));
	TRY(h_escz(c->out, c->file));
	TRY(parley_buf__puts(c->out, "</code>. Scores as <code>parley ledger score</code> computes them "
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
	TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
	if (dec == 0 ? rj_count_at(c, o, key, &v) : rj_num_in(c, rj_get(o, key), 0, share ? 1 : HUGE_VAL, 0, &v))
		TRY(h_num(c->out, v, dec));
	else
		TRY(parley_buf__puts(c->out, "<span class=\"muted\">\xe2\x80\x93</span>"));
	error = parley_buf__puts(c->out, "</td>");
done:
	return error;
}

/* `parley ledger score --format json`: the score table and calibration. */
static int ledger_score_page(rctx *c, jnode *rows)
{
	size_t n = rj_len(rows), i, k;
	rcal *series = NULL;
	double bins = 0, clip = 0.01;
	rstr by = rj_str_at(c, c->root, "by");
	int error = 0, shared = 0;

	rj_num_in(c, rj_get(c->root, "bins"), 1, RPT_MAX_BINS, 1, &bins);
	rj_num_in(c, rj_get(c->root, "log_clip"), 0, 0.5, 0, &clip);
	rj_bool_at(c, c->root, "shared", &shared);
	TRY(ledger_head(c, "How good were the forecasts?"));
	TRY(parley_buf__printf(c->out, "%zu row%s, by ", n, n == 1 ? "" : "s"));
	TRY(h_esc(c->out, by.p ? by : rstr_z("forecaster")));
	TRY(parley_buf__printf(c->out, "%s \xc2\xb7 %.0f calibration bins \xc2\xb7 log score in bits, clipped at %g</p>\n"
		"</header>\n<main>\n<section id=\"scores\" aria-labelledby=\"h-scores\">\n<h2 id=\"h-scores\">Scores</h2>\n"
		"<p>Only resolved questions are scored, each forecaster's latest forecast on each. Brier score: 0 is "
		"perfect, 0.25 is always saying 50%%; the range beside it moves every forecast given in words to the "
		"best and the worst end of its word's range. Log score in bits: 0 is perfect, 1 for a 50%% forecast. "
		"Brier = reliability \xe2\x88\x92 resolution + uncertainty (Murphy 1973).</p>\n",
		shared ? " \xc2\xb7 shared questions only" : "", bins, clip));
	TRY(parley_buf__puts(c->out, "<table class=\"wide scores\">\n<thead><tr><th>Forecaster</th><th>Kind</th>"
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
		jnode *r = rj_obj(c, rj_at(rows, i)), *bin = rj_obj_at(c, r, "binary"), *val = rj_obj_at(c, r, "value");
		jnode *cal = rj_arr_at(c, bin, "calibration");
		rstr group = rj_str_at(c, r, "group"), kind = rj_str_at(c, r, "kind");
		double v, lo, hi;
		TRY(parley_buf__puts(c->out, "<tr data-group=\""));
		TRY(h_esc(c->out, group));
		TRY(parley_buf__puts(c->out, "\"><td>"));
		TRY(h_esc(c->out, group));
		TRY(parley_buf__puts(c->out, "</td><td>"));
		TRY(h_esc(c->out, kind));
		TRY(parley_buf__puts(c->out, "</td>"));
		TRY(score_num(c, r, "forecasts", 0, 0));
		TRY(score_num(c, bin, "n", 0, 0));
		TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
		if (rj_share_at(c, bin, "brier", &v)) {
			TRY(h_num(c->out, v, 3));
			if (rj_share_at(c, bin, "brier_best", &lo) && rj_share_at(c, bin, "brier_worst", &hi) && (lo != v || hi != v))
				TRY(parley_buf__printf(c->out, "<span class=\"ci\">%.3f\xe2\x80\x93%.3f</span>", lo, hi));
		} else {
			TRY(parley_buf__puts(c->out, "<span class=\"muted\">\xe2\x80\x93</span>"));
		}
		TRY(parley_buf__puts(c->out, "</td>"));
		TRY(score_num(c, bin, "log_score", 3, 0));
		TRY(score_num(c, bin, "reliability", 3, 1));
		TRY(score_num(c, bin, "resolution", 3, 1));
		TRY(score_num(c, bin, "uncertainty", 3, 1));
		/* in percent of each question's scale (docs/ledger.md); results of
		 * earlier versions give it as a fraction, mae_scaled */
		if (rj_get(val, "mae_percent") ||
		    !rj_num_in(c, rj_get(val, "mae_scaled"), 0, HUGE_VAL, 0, &v)) {
			TRY(score_num(c, val, "mae_percent", 2, 0));
		} else {
			TRY(parley_buf__puts(c->out, "<td class=\"n\">"));
			TRY(h_num(c->out, 100 * v, 2));
			TRY(parley_buf__puts(c->out, "</td>"));
		}
		TRY(parley_buf__puts(c->out, "</tr>\n"));
		series[i].name = group.p ? group : rstr_z("?");
		series[i].model = rstr_eq(kind, "model");
		series[i].brier = NAN;
		rj_share_at(c, bin, "brier", &series[i].brier);
		rj_count_at(c, bin, "n", &series[i].n);
		for (k = 0; k < rj_len(cal) && k < RPT_MAX_BINS; k++) {
			jnode *e = rj_at(cal, k);
			rcal *s = &series[i];
			s->lo[k] = s->hi[k] = 0;
			rj_share_at(c, e, "lo", &s->lo[k]);
			if (rj_share_at(c, e, "hi", &s->hi[k]) && s->hi[k] < s->lo[k])
				rj_error(c, rj_get(e, "hi"), "hi >= lo", "a calibration bin ends before it starts");
			s->count[k] = 0;
			rj_count_at(c, e, "n", &s->count[k]);
			s->mean_p[k] = s->observed[k] = NAN;
			rj_share_at(c, e, "mean_p", &s->mean_p[k]);
			rj_share_at(c, e, "observed", &s->observed[k]);
			s->nbins = k + 1;
		}
	}
	TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n</section>\n<section id=\"calibration\" aria-labelledby=\"h-cal\">\n"
		"<h2 id=\"h-cal\">Calibration</h2>\n"));
	TRY(calibration_figure(c, series, n));
	TRY(parley_buf__puts(c->out, "</section>\n"));
	TRY(ledger_foot(c));
done:
	parley__free(series);
	return error;
}

/* The forecast as read: "odds are high (80%)" or a value. */
static int forecast_cell(rctx *c, const lfc *f)
{
	rstr words = rj_str_at(c, f->node, "words");
	int error = 0;
	if (words.p) {
		TRY(parley_buf__puts(c->out, "\xe2\x80\x9c"));
		TRY(h_esc(c->out, words));
		TRY(parley_buf__puts(c->out, "\xe2\x80\x9d "));
	}
	if (isfinite(f->p)) {
		TRY(parley_buf__printf(c->out, "%s%g%%%s", words.p ? "(" : "", f->p * 100, words.p ? ")" : ""));
	} else if (isfinite(f->v)) {
		TRY(h_short(c->out, f->v));
	}
done:
	return error;
}

/* `parley ledger export --format json`: forecasts with resolutions, scores
 * computed as `ledger score` does (latest forecast per forecaster and
 * question; log score in bits, clipped at 0.01), and calibration. */
static int ledger_export_page(rctx *c, jnode *questions, jnode *forecasts)
{
	size_t nq = rj_len(questions), nf = rj_len(forecasts), i, j, g, ng = 0, nres = 0, nopen = 0, nunres = 0;
	size_t shown = 0, ns = 0;
	lq *qs = NULL;
	lfc *fs = NULL, *byq = NULL;
	rcal *series = NULL;
	int error = 0;

	qs = parley__malloc((nq ? nq : 1) * sizeof(*qs));
	fs = parley__malloc((nf ? nf : 1) * sizeof(*fs));
	byq = parley__malloc((nf ? nf : 1) * sizeof(*byq));
	if (!qs || !fs || !byq) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	for (i = 0; i < nq; i++) {
		jnode *q = rj_obj(c, rj_at(questions, i)), *res = rj_obj_at(c, q, "resolution"), *out;
		lq *e = &qs[i];
		memset(e, 0, sizeof(*e));
		e->node = q;
		e->id = rj_str_at(c, q, "id");
		if (!e->id.p)
			e->id = rstr_z("");
		e->binary = !rstr_eq(rj_str_at(c, q, "kind"), "value");
		e->lo = e->hi = NAN;
		rj_pair(c, rj_get(q, "scale"), &e->lo, &e->hi);
		out = rj_get(res, "outcome");
		if (out && !rj_is_null(out)) {
			if (fy_node_get_type(out) == FYNT_SCALAR && fy_node_get_style(out) == FYNS_PLAIN) {
				if (rj_num(c, out, &e->rv))
					e->res = 3;
			} else {
				rstr o = rj_str(c, out);
				e->res = rstr_eq(o, "yes") ? 1 : rstr_eq(o, "no") ? 2 : rstr_eq(o, "unresolvable") ? 4 : 0;
			}
		}
		nres += e->res >= 1 && e->res <= 3;
		nunres += e->res == 4;
		nopen += e->res == 0;
	}
	qsort(qs, nq, sizeof(*qs), lq_by_id);
	for (i = 0; i < nf; i++) {
		jnode *f = rj_obj(c, rj_at(forecasts, i));
		lfc *e = &fs[i];
		lq key, *hit;
		memset(e, 0, sizeof(*e));
		e->node = f;
		e->idx = i;
		e->q = rj_str_at(c, f, "question");
		e->who = rj_str_at(c, f, "forecaster");
		if (!e->q.p)
			e->q = rstr_z("");
		if (!e->who.p)
			e->who = rstr_z("");
		e->model = rstr_eq(rj_str_at(c, f, "kind"), "model");
		e->p = e->v = NAN;
		rj_share_at(c, f, "probability", &e->p);
		rj_num_at(c, f, "value", &e->v);
		key.id = e->q;
		hit = nq ? bsearch(&key, qs, nq, sizeof(*qs), lq_by_id) : NULL;
		e->qi = hit ? (long)(hit - qs) : -1;
	}
	/* the latest forecast of each forecaster on each question */
	memcpy(byq, fs, nf * sizeof(*fs));
	qsort(byq, nf, sizeof(*byq), lfc_by_question);
	for (i = 0; i < nf; i++)
		if (i + 1 == nf || rstr_cmp(byq[i].q, byq[i + 1].q) || rstr_cmp(byq[i].who, byq[i + 1].who))
			fs[byq[i].idx].latest = 1;

	TRY(ledger_head(c, "The forecast ledger: what was forecast, and what happened"));
	TRY(parley_buf__printf(c->out, "%zu forecasts on %zu questions \xc2\xb7 %zu resolved, %zu unresolvable, %zu open"
		"</p>\n</header>\n<main>\n", nf, nq, nres, nunres, nopen));

	/* scores per forecaster: people first, then models, each by name */
	memcpy(byq, fs, nf * sizeof(*fs));
	qsort(byq, nf, sizeof(*byq), lfc_by_forecaster);
	series = parley__malloc((nf + 1) * sizeof(*series));
	if (!series) {
		error = PARLEY_ENOMEM;
		goto done;
	}
	memset(series, 0, (nf + 1) * sizeof(*series));
	series[0].name = rstr_z("people");
	series[0].brier = NAN;
	ns = 1;
	TRY(parley_buf__puts(c->out, "<section id=\"scores\" aria-labelledby=\"h-scores\">\n<h2 id=\"h-scores\">Scores by "
		"forecaster</h2>\n<p>Each forecaster's latest forecast on each resolved question. Brier score: 0 is perfect, "
		"0.25 is always saying 50%; log score in bits (probabilities clipped to [0.01, 0.99]): 0 is perfect, 1 for "
		"a 50% forecast. <code>parley ledger score</code> gives Murphy's decomposition as well.</p>\n"
		"<table class=\"wide scores\">\n<thead><tr><th>Forecaster</th><th>Kind</th><th class=\"n\">Forecasts</th>"
		"<th class=\"n\">Scored yes/no</th><th class=\"n\">Brier</th><th class=\"n\">Log</th>"
		"<th class=\"n\">Scored values</th><th class=\"n\">MAE, % of scale</th></tr></thead>\n<tbody>\n"));
	for (i = 0; i < nf; i = j) {
		double nb = 0, brier = 0, logs = 0, nv = 0, mae = 0, nsc = 0;
		rcal *own = NULL;
		for (j = i; j < nf && byq[j].model == byq[i].model && !rstr_cmp(byq[j].who, byq[i].who); j++)
			;
		ng++;
		if (byq[i].model) {
			own = &series[ns++];
			own->name = byq[i].who;
			own->model = 1;
			own->brier = NAN;
		}
		for (g = i; g < j; g++) {
			const lfc *f = &byq[g];
			const lq *q = f->qi >= 0 ? &qs[f->qi] : NULL;
			if (!fs[f->idx].latest || !q)
				continue;
			if ((q->res == 1 || q->res == 2) && isfinite(f->p)) {
				int yes = q->res == 1;
				double pc = fmin(fmax(f->p, 0.01), 0.99);
				nb++;
				brier += (f->p - yes) * (f->p - yes);
				logs += -log2(yes ? pc : 1 - pc);
				cal_add(own ? own : &series[0], f->p, yes);
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
		TRY(parley_buf__puts(c->out, "<tr data-forecaster=\""));
		TRY(h_esc(c->out, byq[i].who));
		TRY(parley_buf__puts(c->out, "\"><td>"));
		TRY(h_esc(c->out, byq[i].who));
		TRY(parley_buf__printf(c->out, "</td><td>%s</td><td class=\"n\">%zu</td><td class=\"n\">%.0f</td>",
			byq[i].model ? "model" : "person", j - i, nb));
		if (nb > 0)
		{
			TRY(parley_buf__puts(c->out, "<td class=\"n\" data-brier=\""));
			TRY(h_exact(c->out, brier / nb));
			TRY(parley_buf__printf(c->out, "\">%.3f</td><td class=\"n\">%.3f</td>", brier / nb, logs / nb));
		}
		else
			TRY(parley_buf__puts(c->out, "<td class=\"n\">\xe2\x80\x93</td><td class=\"n\">\xe2\x80\x93</td>"));
		TRY(parley_buf__printf(c->out, "<td class=\"n\">%.0f</td>", nv));
		if (nsc > 0)
			TRY(parley_buf__printf(c->out, "<td class=\"n\">%.2f</td></tr>\n", mae / nsc));
		else
			TRY(parley_buf__puts(c->out, "<td class=\"n\">\xe2\x80\x93</td></tr>\n"));
	}
	TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n</section>\n<section id=\"calibration\" aria-labelledby=\"h-cal\">\n"
		"<h2 id=\"h-cal\">Calibration</h2>\n<p>People are pooled (each has too few forecasts for a curve of "
		"their own); each model is shown on its own. Ten bins of probability.</p>\n"));
	for (i = 0; i < ns; i++)
		cal_finish(&series[i]);
	if (series[0].n > 0)
		TRY(calibration_figure(c, series, ns));
	else
		TRY(calibration_figure(c, series + 1, ns - 1));
	TRY(parley_buf__puts(c->out, "</section>\n"));

	/* the forecasts with their resolutions, in the ledger's order */
	TRY(parley_buf__puts(c->out, "<section id=\"forecasts\" aria-labelledby=\"h-fc\">\n<h2 id=\"h-fc\">Forecasts and "
		"resolutions</h2>\n<p>Score: (p \xe2\x88\x92 outcome)\xc2\xb2 for a yes/no question (the Brier score of the "
		"one forecast), the absolute error for a value. A forecast superseded by a later one of the same "
		"forecaster is not scored.</p>\n<table class=\"wide forecasts\">\n<thead><tr><th>Question</th>"
		"<th>Forecaster</th><th>Date</th><th>Forecast</th><th>What happened</th><th class=\"n\">Score</th></tr></thead>\n"
		"<tbody>\n"));
	for (i = 0; i < nf && shown < 1000; i++, shown++) {
		const lfc *f = &fs[i];
		const lq *q = f->qi >= 0 ? &qs[f->qi] : NULL;
		rstr text = q ? rj_str_at(c, q->node, "text") : rstr_z(NULL);
		jnode *res = q ? rj_obj_at(c, q->node, "resolution") : NULL;
		TRY(parley_buf__printf(c->out, "<tr data-question=\""));
		TRY(h_esc(c->out, f->q));
		TRY(parley_buf__puts(c->out, "\"><td>"));
		TRY(h_esc(c->out, text.p ? text : f->q));
		TRY(parley_buf__puts(c->out, "<span class=\"ci\">"));
		TRY(h_esc(c->out, f->q));
		TRY(parley_buf__puts(c->out, "</span></td><td>"));
		TRY(h_esc(c->out, f->who));
		TRY(parley_buf__puts(c->out, "</td><td class=\"nm\">"));
		TRY(h_esc(c->out, rj_str_at(c, f->node, "date")));
		TRY(parley_buf__puts(c->out, "</td><td>"));
		TRY(forecast_cell(c, f));
		TRY(parley_buf__puts(c->out, "</td><td>"));
		if (!q || q->res == 0) {
			TRY(parley_buf__puts(c->out, "<span class=\"muted\">open</span>"));
		} else {
			rstr date = rj_str_at(c, res, "date");
			if (q->res == 3)
				TRY(h_short(c->out, q->rv));
			else
				TRY(parley_buf__puts(c->out, q->res == 1 ? "<strong>yes</strong>" : q->res == 2 ? "<strong>no</strong>" :
					"unresolvable"));
			if (date.p) {
				TRY(parley_buf__puts(c->out, "<span class=\"ci\">"));
				TRY(h_esc(c->out, date));
				TRY(parley_buf__puts(c->out, "</span>"));
			}
		}
		TRY(parley_buf__puts(c->out, "</td><td class=\"n\">"));
		if (q && (q->res == 1 || q->res == 2) && isfinite(f->p))
			TRY(parley_buf__printf(c->out, "%.3f", (f->p - (q->res == 1)) * (f->p - (q->res == 1))));
		else if (q && q->res == 3 && isfinite(f->v))
			TRY(h_short(c->out, fabs(f->v - q->rv)));
		if (!f->latest)
			TRY(parley_buf__puts(c->out, "<span class=\"ci\">superseded</span>"));
		TRY(parley_buf__puts(c->out, "</td></tr>\n"));
	}
	TRY(parley_buf__puts(c->out, "</tbody>\n</table>\n"));
	if (nf > shown)
		TRY(parley_buf__printf(c->out, "<p class=\"muted\">The first %zu of %zu forecasts.</p>\n", shown, nf));
	TRY(parley_buf__puts(c->out, "</section>\n"));
	TRY(ledger_foot(c));
done:
	parley__free(qs);
	parley__free(fs);
	parley__free(byq);
	parley__free(series);
	(void)ng;
	return error;
}

/* ---- entry points ---- */

static int render(rctx *c)
{
	jnode *issues = rj_get(c->root, "issues"), *models = rj_get(c->root, "models");

	if (!c->root || fy_node_get_type(c->root) != FYNT_MAPPING) {
		rj_error(c, c->root, "an object with \"issues\" (a forecast) or \"models\" (a backtest)",
			"not a parley result");
		return 0;
	}
	if (issues && !rj_is_null(issues)) {
		if (!rj_arr(c, issues))
			return 0;
		return forecast_page(c);
	}
	if (models && rj_obj(c, models))
		return backtest_page(c, models);
	if (rj_get(c->root, "forecasts") && rj_get(c->root, "questions")) {
		jnode *q = rj_arr_at(c, c->root, "questions"), *f = rj_arr_at(c, c->root, "forecasts");
		return c->errors ? 0 : ledger_export_page(c, q, f);
	}
	if (rj_get(c->root, "rows") && rj_get(c->root, "by")) {
		jnode *rows = rj_arr_at(c, c->root, "rows");
		return c->errors ? 0 : ledger_score_page(c, rows);
	}
	rj_error(c, c->root, "\"issues\" (a forecast), \"models\" (a backtest), or \"questions\" and "
		"\"forecasts\" or \"rows\" (a ledger)",
		"not a parley result: neither \"issues\" nor \"models\" nor a ledger's \"forecasts\" or \"rows\"");
	return 0;
}

static const parley_report_options default_opts = PARLEY_REPORT_OPTIONS_INIT;

static int run(parley_buf *page, parley_report_chart_list *charts, const char *json, size_t len,
	const char *name, const parley_report_options *opts, parley_diag_list *diags)
{
	rctx c;
	size_t first = diags ? diags->count : 0;
	int error;

	if (opts && opts->version != PARLEY_REPORT_OPTIONS_VERSION)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"parley_report_options version %u is not %u", opts->version, PARLEY_REPORT_OPTIONS_VERSION);
	memset(&c, 0, sizeof(c));
	c.file = name ? name : "<input>";
	c.diags = diags;
	c.opts = opts ? opts : &default_opts;
	c.out = page;
	c.charts = charts;
	if ((error = parley_report__parse(&c, json ? json : "", len)) < 0)
		goto done;
	error = render(&c);
	if (diags)
		parley_diag__sort(diags, first);
	if (error == 0 && c.oom)
		error = PARLEY_ENOMEM;
	if (error == PARLEY_ENOMEM)
		parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY, "out of memory");
	else if (error == 0 && c.errors)
		error = parley__error(PARLEY_EPARSE, PARLEY_ERROR_INPUT, "%s: %zu problem%s in the JSON result",
			c.file, c.errors, c.errors == 1 ? "" : "s");
done:
	parley_report__unparse(&c);
	parley_buf_dispose(&c.chart_title);
	return error;
}

int parley_report_html(parley_buf *out, const char *json, size_t len, const char *name,
	const parley_report_options *opts, parley_diag_list *diags)
{
	size_t mark;
	int error;

	PARLEY_ASSERT_ARG(out && (json || !len));
	mark = out->size;
	error = run(out, NULL, json, len, name, opts, diags);
	if (error < 0 && out->ptr) {
		out->size = mark;
		out->ptr[mark] = '\0';
	}
	return error;
}

int parley_report_charts(parley_report_chart_list *out, const char *json, size_t len,
	const char *name, const parley_report_options *opts, parley_diag_list *diags)
{
	parley_buf page = PARLEY_BUF_INIT;
	size_t mark;
	int error;

	PARLEY_ASSERT_ARG(out && (json || !len));
	mark = out->count;
	error = run(&page, out, json, len, name, opts, diags);
	parley_buf_dispose(&page);
	if (error < 0) {
		size_t i;
		for (i = mark; i < out->count; i++) {
			parley__free(out->items[i].name);
			parley__free(out->items[i].title);
			parley_buf_dispose(&out->items[i].svg);
		}
		out->count = mark;
	}
	return error;
}
