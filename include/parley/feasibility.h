/*
 * parley/feasibility.h - whether an agreement can exist on each issue, where,
 * in which venue, and whether it would be ratified: red lines, the win-sets
 * of the status quo under each venue's rule, ratification bodies, and the
 * stages of a negotiation run in sequence (parley/institutions.h has the
 * one-dimensional geometry; this module applies it to a scenario).
 *
 * Computed by parley_forecast_run() together with the model forecasts and
 * owned by the forecast: every pointer here is borrowed from it.
 */
#ifndef PARLEY_FEASIBILITY_H
#define PARLEY_FEASIBILITY_H

#include <stddef.h>
#include "common.h"
#include "institutions.h"

#ifdef __cplusplus
extern "C" {
#endif

struct parley_model_result;

/** One venue's view of one issue. */
typedef struct {
	size_t venue;                 /**< venue index in the scenario */
	int on_table;                 /**< 0 when the venue does not discuss the issue */
	size_t member_count;          /**< members with a position on the issue */
	parley_interval acceptable;   /**< what the red lines of the members present admit */
	parley_interval passable;     /**< outcomes that beat the status quo under the rule (empty without a status quo) */
	int unreachable;              /**< 1 when the members taking part cannot meet the rule (none present, a
	                                   bilateral side absent, a quota above their weight); 0 without a status quo */
	int split;                    /**< 1 when moves on both sides pass: `passable` is then their hull, q excluded */
	parley_interval change;       /**< passable outcomes inside every member's red line */
	size_t pivot_count;           /**< pivotal actors (0-2) */
	size_t pivots[2];             /**< actor indices: whose defection shrinks the passable set */
	size_t blocker_count;         /**< unanimity with an empty side: actors who block it */
	const size_t *blockers;       /**< actor indices */
	const struct parley_model_result *models; /**< parley_model_count() results over the members only */
} parley_venue_view;

/** One ratification body's view of one issue. */
typedef struct {
	size_t body;                  /**< ratification body index */
	int applicable;               /**< 0 when no member has an ideal point on the issue */
	parley_interval ratifiable;   /**< outcomes that enough members prefer to the status quo */
} parley_ratification_view;

/** A stage's result on one issue. */
typedef struct {
	size_t stage;                 /**< stage index */
	size_t issue;                 /**< issue index */
	double status_quo;            /**< where the stage starts */
	parley_interval change;       /**< passable outcomes the members' red lines admit, from that status quo */
	double forecast;              /**< the stage model's forecast over the venue's members */
	int forecast_ok;              /**< 0 when the model could not run */
	double outcome;               /**< the forecast moved into `change` (nearest point), or the status quo when `change` is empty */
	int moved;                    /**< 1 when outcome != status_quo */
} parley_stage_step;

/** Verdict on one issue. */
typedef struct {
	parley_interval acceptable;   /**< outcomes every actor's red line admits (empty: none) */
	size_t conflict_count;        /**< pairs of red lines that do not overlap */
	const parley_red_line_conflict *conflicts; /**< actor index pairs with their gap */
	int has_status_quo;           /**< the issue has a status quo */
	int q_acceptable;             /**< the status quo lies inside `acceptable` */
	int agreement_possible;       /**< some venue can move the status quo to an outcome its members' red lines admit */
	const char *reason;           /**< one sentence saying why (owned by the forecast) */
	long best_venue;              /**< index into `venues` of the first venue with a change, or -1 */
	parley_interval agreement;    /**< that venue's change set (empty when none) */
	size_t venue_count;           /**< venues (the scenario's, or one implicit unanimity table) */
	const parley_venue_view *venues;
	int implicit_venue;           /**< 1 when the scenario has no venues: all actors, unanimity */
	size_t ratification_count;
	const parley_ratification_view *ratification;
} parley_issue_feasibility;

#ifdef __cplusplus
}
#endif
#endif
