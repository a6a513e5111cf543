/*
 * exchange_internal.h - what the exchange model shares with the Monte Carlo
 * runner: the map of each issue's scale onto the model's common 0-100
 * scale and back (docs/models.md, "Scales").
 *
 * The exchange model weighs shifts of outcomes on different issues against
 * each other (a gain is s_p |dO_p| - s_q |dO_q|), so its result depends on
 * the units of each issue unless every issue is on one scale. Stokman and
 * Van Oosten's model is defined on issues scaled 0-100; parley maps each
 * issue's [lo, hi] onto [0, 100], runs the model there and maps positions,
 * outcomes and shifts back. On a 0-100 scale both maps are the identity,
 * bit for bit ((hi - lo) / 100 and 100 / (hi - lo) are exactly 1).
 */
#ifndef PARLEY_EXCHANGE_INTERNAL_H
#define PARLEY_EXCHANGE_INTERNAL_H

#include "parley/exchange.h"

/* A point of [lo, hi] on the common scale, and back. */
static inline double parley_exchange__to_common(double x, double lo, double hi)
{
	return (x - lo) * (100 / (hi - lo));
}

static inline double parley_exchange__from_common(double x, double lo, double hi)
{
	return lo + x * ((hi - lo) / 100);
}

/* What the model keeps for the forecast's accessors (parley/forecast.h:
 * parley_forecast_exchange*), in the forecast's arena. */
typedef struct {
	parley_exchange_record *records;
	size_t count;
	parley_exchange_status status;
	size_t rounds;
} parley_exchange__summary;

#endif
