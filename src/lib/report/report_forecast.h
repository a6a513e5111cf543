/*
 * report_forecast.h - the parts of the forecast's report, for
 * report_forecast.c: one issue's section (report_forecast_issue.c) and the
 * package deals (report_forecast_packages.c), which draw their charts
 * through report_charts.h.
 */
#ifndef PARLEY_REPORT_FORECAST_H
#define PARLEY_REPORT_FORECAST_H

#include "report_charts.h"
#include "report_pages.h"

/* Read issue `n` (item `index` of "issues") into *is: 1, or 0 when it
 * cannot be shown (a diagnostic recorded). */
int parley_report__read_issue(rctx *c, jnode *n, size_t index, rissue *is);
/* An interval member of `obj` with its _open companion, or `none`. */
int parley_report__interval_at(rctx *c, jnode *obj, const char *key, int dec, const char *none);
/* The title of the issue with id `id`, else the id. */
rstr parley_report__issue_title(rctx *c, rstr id);
/* The section of one issue (of `count`), `draws` Monte Carlo draws (0: none). */
int parley_report__issue_section(rctx *c, const rissue *is, size_t count, double draws);
/* The package deals: `packages` of the result, over its `issues`. */
int parley_report__packages_block(rctx *c, jnode *packages, jnode *issues);

#endif
