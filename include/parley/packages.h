/*
 * parley/packages.h - package deals: whether linking issues lets a venue
 * agree on something that issue-by-issue bargaining cannot (or the
 * reverse), which package, and who would have to move.
 *
 * A package is one position per linked issue. An actor's utility for it
 * is the salience-weighted sum of its per-issue utilities,
 *   U_i(y) = - sum_p s_ip (|y_p - x_ip| / (hi_p - lo_p))^e,
 * over the linked issues it has a stance on, with linear (e = 1) or
 * quadratic (e = 2, the default, as the Nash bargaining solution's
 * default) losses; distances are shares of each issue's scale, so that
 * issues on different scales compare. Its gain is U_i(y) - U_i(q), q the
 * status quo of every linked issue. Members of a ratification body have
 * ideal points and no saliences: they weigh the issues they have an ideal
 * point on equally.
 *
 * A venue with every linked issue on its table agrees on y when its rule
 * passes y against q (models.md section 5, extended to several issues):
 * under unanimity and bilateral rules every member with a stance on an
 * issue that y moves must strictly gain (a member whose issues y leaves
 * at the status quo neither votes nor blocks, as a member without a stance
 * on an issue); under majority rules the members who gain must reach the
 * rule's thresholds (weight, quota, population, min_members). With
 * `red_lines`, y must lie inside every member's red line on every linked
 * issue (red lines of actors away from the table do not bind there). With
 * `ratification`, every ratification body of an actor at the table that
 * judges a linked issue must ratify y: members preferring y to q reach its
 * threshold (bloc member k sits at the k-th quantile on every issue).
 *
 * Search: the representative package maximises the symmetric Nash product
 * of the gains of the coalition that passes it (every active member under
 * unanimity; under a majority rule the members gaining most, until the
 * thresholds are met): each member holds a veto, so each counts once.
 * The box (each issue's scale inside the red lines) is searched by grid
 * refinement: a grid over the box (33, 9, 5 or 5 points per issue for 1 to
 * 4 moving issues, plus each issue's status quo when inside), the best
 * point kept (ties: the first in grid order), the box shrunk to one grid
 * step around it, until the step is below `tol` times each issue's width
 * or `max_levels` levels. Points are compared feasible first, then by the
 * Nash product; infeasible points by their margin (the gain of the pivotal
 * member: the smallest gain of the coalition that would have to pass the
 * point, across the venue and the bodies) per unit of distance from the
 * status quo, so that the search climbs toward the feasible set and, near
 * q, compares directions. As a feasible set may be a thin cone from q,
 * boxes 2^-6, 2^-12 and 2^-18 times as large around q are searched in turn
 * until a feasible point is found, then the Nash product is climbed over
 * the whole box from it; the ratified search starts from the venue's
 * package. Deterministic; an empty verdict is reliable up to the
 * resolution of these grids (docs/packages.md).
 *
 * Ownership: a parley_package_result is created by parley_packages_analyse()
 * and freed with parley_package_result_free(); every pointer it hands out
 * is borrowed from it and valid until then. It borrows nothing from the
 * scenario. Thread-safety: parley_packages_analyse() and
 * parley_package_utility() are reentrant; a result is immutable.
 */
#ifndef PARLEY_PACKAGES_H
#define PARLEY_PACKAGES_H

#include <stddef.h>
#include "common.h"
#include "institutions.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of parley_packages_analyse(). */
typedef struct {
	unsigned int version; /**< PARLEY_PACKAGE_OPTIONS_VERSION */
	int loss;             /**< 1: linear, 2: quadratic losses (default 2) */
	int red_lines;        /**< 1: packages inside the members' red lines (default 1) */
	int ratification;     /**< 1: the bodies of the actors at the table must ratify (default 1) */
	size_t combinations;  /**< K: also every combination of 2..K issues (0: the scenario's packages only; at most PARLEY_PACKAGE_MAX_ISSUES) */
	double tol;           /**< search resolution, relative to each issue's width (default 1e-7; > 0) */
	size_t max_levels;    /**< at most this many refinement levels (default 60; >= 1) */
	double move_tol;      /**< an issue counts as moved when |y - q| exceeds move_tol times its width (default 1e-3: 0.1 on a 0-100 scale; >= 0) */
} parley_package_options;

#define PARLEY_PACKAGE_OPTIONS_VERSION 1
#define PARLEY_PACKAGE_OPTIONS_INIT { PARLEY_PACKAGE_OPTIONS_VERSION, 2, 1, 1, 0, 1e-7, 60, 1e-3 }

/** What linking the issues does in a venue. */
typedef enum {
	PARLEY_LINKAGE_NONE = 0, /**< the package agrees where the issues agree one by one, or nothing agrees */
	PARLEY_LINKAGE_OPENS,    /**< the package moves an issue that has no agreement on its own */
	PARLEY_LINKAGE_CLOSES    /**< an issue has an agreement on its own, but no package exists */
} parley_linkage;

/** A ratification body's verdict on a venue's package. */
typedef struct {
	size_t body;       /**< ratification body index in the scenario */
	double support;    /**< votes of the members preferring the package to the status quo */
	double threshold;  /**< votes needed */
	int ratified;      /**< 1 when support reaches the threshold */
} parley_package_body;

/** A package in one venue. Per-actor arrays are indexed by scenario actor. */
typedef struct {
	long venue;                 /**< venue index, or -1 for the implicit table (no venues: every actor, unanimity) */
	int feasible;               /**< some package passes the venue's rule, within the red lines, and is ratified */
	int feasible_venue;         /**< the same, ignoring ratification */
	const char *reason;         /**< one sentence (owned by the result) */
	const parley_interval *box; /**< k intervals: where each issue may go (the scale inside the members' red lines); empty when they leave nothing */
	const double *package;      /**< k values: the representative package (when feasible; else the venue's package when
	                                 feasible_venue, which the bodies would not ratify); NULL when none */
	double nash;                /**< sum of the log gains of the coalition at the package; NaN when none */
	size_t member_count;        /**< members with a stance on a linked issue */
	const size_t *members;      /**< their actor indices */
	const double *gains;        /**< actor_count gains at the package (NaN: no stance on a linked issue, or no package) */
	const double *distance;     /**< actor_count: sum over linked issues of 100 |y_p - x_ip| / width_p, percentage points of the scales (NaN likewise) */
	long mover;                 /**< the member with the largest distance (first on ties), or -1 */
	long blocker;               /**< when nothing passes the venue: the pivotal member at the closest attempt, or -1 */
	long blocking_body;         /**< when feasible_venue but not feasible: the first body that refuses, or -1 */
	const int *alone;           /**< k flags: an issue-by-issue agreement on issue p exists in this venue (same rules) */
	const int *moved;           /**< k flags: the package moves issue p (|y_p - q_p| > move_tol width) */
	parley_linkage linkage;     /**< the linkage effect */
	const char *linkage_effect; /**< it in one sentence, naming the issues (owned by the result) */
	size_t body_count;          /**< bodies that judge the package */
	const parley_package_body *bodies; /**< their verdicts on `package` */
} parley_package_venue;

/** One package analysed, in every venue that has all its issues on its table. */
typedef struct {
	const char *id;             /**< the scenario's package id, or NULL for a generated combination */
	const char *name;           /**< display name, or NULL */
	size_t issue_count;         /**< k */
	const size_t *issues;       /**< issue indices */
	size_t venue_count;
	const parley_package_venue *venues;
	long best;                  /**< index into venues: the first feasible, else the first feasible_venue, else 0 */
} parley_package_analysis;

typedef struct parley_package_result parley_package_result;

/**
 * Analyse the scenario's packages (`packages:`), then, with
 * opts->combinations = K >= 2, every combination of 2 to K issues that
 * all have a status quo and share a venue's table (in lexicographic order
 * of issue indices, skipping the sets the scenario names), each in every
 * venue whose table has all its issues (a scenario package naming a venue:
 * that venue only; a scenario without venues: the implicit table).
 *
 * @param out   receives the result (caller frees with parley_package_result_free)
 * @param s     the scenario (not retained)
 * @param opts  options, or NULL for defaults
 * @return 0, PARLEY_EINVAL (bad options) or PARLEY_ENOMEM.
 */
int parley_packages_analyse(parley_package_result **out, const parley_scenario *s,
	const parley_package_options *opts);

/** Free a result. NULL is a no-op. */
void parley_package_result_free(parley_package_result *r);

/** Packages analysed (the scenario's first, then the combinations). */
size_t parley_package_result_count(const parley_package_result *r);

/** Package i (borrowed from the result), or NULL when out of range. */
const parley_package_analysis *parley_package_result_at(const parley_package_result *r, size_t i);

/**
 * An actor's utility for a package of k issues:
 * -sum_p s[p] (|y[p] - x[p]| / (hi[p] - lo[p]))^loss.
 * @param s     weights >= 0 (saliences in [0, 1]; 1 each for a ratifier)
 * @param loss  1 or 2
 * @return 0 or PARLEY_EINVAL (NULL, k == 0, NaN, lo >= hi, s < 0, bad loss).
 */
int parley_package_utility(double *out, const double *y, const double *x, const double *s,
	const double *lo, const double *hi, size_t k, int loss);

#ifdef __cplusplus
}
#endif
#endif
