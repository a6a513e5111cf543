/*
 * report_charts.h - the charts of the HTML report, one file each
 * (chart_*.c), for the pages that put them on: each appends one <svg>
 * element to `b` and returns 0, PARLEY_ENOMEM, or 1 when there is nothing
 * to draw (b unchanged). They draw with report_svg.h.
 */
#ifndef PARLEY_REPORT_CHARTS_H
#define PARLEY_REPORT_CHARTS_H

#include "report_svg.h"

/* chart_positions.c: actors, models, red lines, venues and zones on the scale. */
int parley_report__svg_positions(rctx *c, parley_buf *b, const rissue *is);
/* chart_rounds.c: the expected-utility model's rounds. */
int parley_report__svg_rounds(rctx *c, parley_buf *b, const rissue *is);
/* chart_distributions.c: each model's forecast over the Monte Carlo draws. */
int parley_report__svg_distributions(rctx *c, parley_buf *b, const rissue *is);
/* chart_tornado.c: what moves `model`'s forecast most. */
int parley_report__svg_tornado(rctx *c, parley_buf *b, const rissue *is, const char *model);
/* chart_backtest.c: each model's mean absolute error with its interval. */
int parley_report__svg_backtest(rctx *c, parley_buf *b, jnode *models);
/* Display name of a backtest model id ("status-quo", ...), or NULL. */
const char *parley_report__backtest_title(rstr id);
/* chart_package.c: a package (an element of "packages") on two of its
 * issues, ia and ib (indices into its "issues"), over `issues` (the
 * result's issues). */
int parley_report__svg_package(rctx *c, parley_buf *b, jnode *pkg, jnode *issues, size_t ia, size_t ib);

/* chart_calibration.c: one forecaster (or group) on the calibration chart:
 * its forecasts of yes/no questions in bins of probability. */
#define RPT_MAX_BINS 50
typedef struct {
	rstr name;
	int model;                   /* a model's forecasts (else people's) */
	double n;                    /* scored forecasts */
	double brier;                /* NaN when unknown */
	size_t nbins;
	double lo[RPT_MAX_BINS], hi[RPT_MAX_BINS], count[RPT_MAX_BINS];
	double mean_p[RPT_MAX_BINS], observed[RPT_MAX_BINS]; /* NaN for an empty bin */
} rcal;
/* The calibration chart: each series's bins (mean forecast against how often
 * the event happened) over the diagonal of perfect calibration. */
int parley_report__svg_calibration(rctx *c, parley_buf *b, const rcal *series, size_t n);

#endif
