/*
 * parley/report.h - the HTML report: one self-contained page an analyst can
 * read, print and share, rendered from a JSON result (docs/report.md).
 *
 * The report is a pure function of the JSON that `parley forecast --format
 * json` writes (docs/output.md, docs/institutions.md, docs/uncertainty.md),
 * so a saved result and a fresh forecast give the same page. A backtest
 * result (docs/backtest.md: a top-level "models" object of scores and no
 * "issues") gives a page with the backtest table instead, and a ledger
 * (docs/ledger.md: `ledger export --format json`, with "questions" and
 * "forecasts", or `ledger score --format json`, with "rows" and "by") a
 * page of scores, calibration and, for an export, every forecast with what
 * happened. A forecast with "packages" gets a package chart per pair of
 * linked issues.
 *
 * The page needs nothing but itself: no script, no external style sheet,
 * font or image, no network. Charts are inline SVG with a title, a
 * description and a text alternative; the colours are the Okabe-Ito
 * palette, which readers with any common colour-vision deficiency can tell
 * apart, and every colour is doubled by a shape, a label or a position.
 * The same input and options give the same bytes.
 *
 * Input problems (JSON syntax, a field of the wrong type, a required field
 * missing) come back as diagnostics with the line and column of the JSON.
 *
 * Ownership: outputs are caller-owned (parley_buf, parley_report_chart_list)
 * and nothing is kept after a call returns. The JSON bytes are borrowed for
 * the call only.
 *
 * Thread-safety: every function is reentrant.
 */
#ifndef PARLEY_REPORT_H
#define PARLEY_REPORT_H

#include <stddef.h>
#include "common.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of the report renderers. */
typedef struct {
	unsigned int version;          /**< PARLEY_REPORT_OPTIONS_VERSION */
	const char *sensitivity_model; /**< model whose inputs each tornado ranks (NULL: "compromise",
	                                    or the first model with a sensitivity ranking) */
	size_t tornado_inputs;         /**< inputs shown per tornado chart (0: 10) */
	size_t max_bytes;              /**< refuse a larger JSON text (0: PARLEY_MAX_INPUT_BYTES,
	                                    64 MiB; JSON may be one line, so it has no line limit) */
} parley_report_options;

#define PARLEY_REPORT_OPTIONS_VERSION 1
#define PARLEY_REPORT_OPTIONS_INIT { PARLEY_REPORT_OPTIONS_VERSION, NULL, 0, 0 }

/**
 * Render the HTML report of a JSON result and append it to `out`.
 *
 * @param out    receives the page (a complete HTML5 document, UTF-8)
 * @param json   the JSON text (borrowed for the call)
 * @param len    its length in bytes
 * @param name   the input's name in diagnostics and in the page's
 *               provenance line (NULL: "<input>")
 * @param opts   options, or NULL for the defaults
 * @param diags  receives every problem found (may be NULL)
 * @return 0; PARLEY_EPARSE when the JSON is malformed or is not a parley
 *         result (see diags; `out` is left as it was); PARLEY_EINVAL;
 *         PARLEY_ENOMEM.
 */
int parley_report_html(parley_buf *out, const char *json, size_t len, const char *name,
	const parley_report_options *opts, parley_diag_list *diags);

/** One chart of a report as a standalone SVG document. */
typedef struct {
	char *name;     /**< file name, unique within the report, e.g. "04-missiles-positions.svg":
	                     letters, digits, '-' and '.' only (owned by the list) */
	char *title;    /**< the chart's title (owned by the list) */
	parley_buf svg; /**< the SVG document, with its XML declaration (owned by the list) */
} parley_report_chart;

/** The charts of a report, in the order they appear in the page. */
typedef struct {
	parley_report_chart *items; /**< `count` charts */
	size_t count;               /**< number of charts */
	size_t alloc;               /**< allocated slots */
} parley_report_chart_list;

#define PARLEY_REPORT_CHART_LIST_INIT { NULL, 0, 0 }

/** Free every chart and reset the list. NULL is a no-op. */
void parley_report_chart_list_dispose(parley_report_chart_list *list);

/**
 * Render each chart of the report of a JSON result as its own SVG
 * document and append them to `out` (the same charts, byte for byte, as
 * the page embeds, plus an XML declaration). Arguments and return codes as
 * parley_report_html(); on failure `out` is left as it was.
 */
int parley_report_charts(parley_report_chart_list *out, const char *json, size_t len,
	const char *name, const parley_report_options *opts, parley_diag_list *diags);

#ifdef __cplusplus
}
#endif
#endif
