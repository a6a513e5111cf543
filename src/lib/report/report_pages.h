/*
 * report_pages.h - the reports of the HTML report, one per kind of result,
 * for report.c: each writes the whole page to c->out (and its charts to
 * c->charts when collecting). 0 or PARLEY_ENOMEM; problems in the JSON are
 * diagnostics (c->errors).
 */
#ifndef PARLEY_REPORT_PAGES_H
#define PARLEY_REPORT_PAGES_H

#include "report_json.h"

/* report_forecast.c: a forecast (`parley forecast --format json`). */
int parley_report__forecast_page(rctx *c);
/* report_backtest.c: a backtest; `models` is its "models" object. */
int parley_report__backtest_page(rctx *c, jnode *models);
/* report_ledger.c: `ledger score --format json` (its "rows"). */
int parley_report__ledger_score_page(rctx *c, jnode *rows);
/* report_ledger.c: `ledger export` (its "questions" and "forecasts"). */
int parley_report__ledger_export_page(rctx *c, jnode *questions, jnode *forecasts);

#endif
