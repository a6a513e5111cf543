/*
 * report.c - the HTML report's entry points (parley/report.h): parse the
 * JSON result, tell which result it is (a forecast, a backtest, a ledger's
 * export or scores) and hand it to that report's page, report_forecast.c,
 * report_backtest.c or report_ledger.c; then sort the diagnostics and
 * decide the outcome. Output is a pure function of the JSON bytes and the
 * options. The parts, from the top down (calls run one way):
 *   report.c -> report_forecast*.c, report_backtest.c, report_ledger.c
 *   -> chart_*.c (one file per chart) -> report_svg.c (SVG primitives)
 *   -> report_html.c (escaping, numbers, the page frame)
 *   -> report_json.c (reading the JSON).
 */
#include <string.h>
#include "parley/report.h"
#include "report_pages.h"

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

static int render(rctx *c)
{
	jnode *issues = parley__rj_get(c->root, "issues"), *models = parley__rj_get(c->root, "models");

	if (!c->root || fy_node_get_type(c->root) != FYNT_MAPPING) {
		parley__rj_error(c, c->root, "an object with \"issues\" (a forecast) or \"models\" (a backtest)",
			"not a parley result");
		return 0;
	}
	if (issues && !parley__rj_is_null(issues)) {
		if (!parley__rj_arr(c, issues))
			return 0;
		return parley_report__forecast_page(c);
	}
	if (models && parley__rj_obj(c, models))
		return parley_report__backtest_page(c, models);
	if (parley__rj_get(c->root, "forecasts") && parley__rj_get(c->root, "questions")) {
		jnode *q = parley__rj_arr_at(c, c->root, "questions"), *f = parley__rj_arr_at(c, c->root, "forecasts");
		return c->errors ? 0 : parley_report__ledger_export_page(c, q, f);
	}
	if (parley__rj_get(c->root, "rows") && parley__rj_get(c->root, "by")) {
		jnode *rows = parley__rj_arr_at(c, c->root, "rows");
		return c->errors ? 0 : parley_report__ledger_score_page(c, rows);
	}
	parley__rj_error(c, c->root, "\"issues\" (a forecast), \"models\" (a backtest), or \"questions\" and "
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
