/*
 * parley/institutions.h - where an agreement can exist: the win-set of the
 * status quo under a decision rule (Tsebelis 2002), red lines (acceptable
 * sets and the conflicts between them), and ratification by a body that
 * needs a threshold of votes (Putnam 1988's two-level game).
 *
 * Specification: shared/specs/models.md section 5; on one dimension with
 * symmetric single-peaked preferences, member i strictly prefers y to the
 * status quo q iff |y - x_i| < |q - x_i|, i.e. y lies strictly between q
 * and the mirror 2 x_i - q. A rule passes y when the members preferring y
 * reach its thresholds, so the set of passable outcomes on each side of q
 * is an interval from q (open) to the mirror of a pivotal member (open,
 * unless clipped by the scale, then closed).
 *
 * Plain functions on arrays; none allocates except where a workspace is
 * passed. Thread-safety: reentrant.
 */
#ifndef PARLEY_INSTITUTIONS_H
#define PARLEY_INSTITUTIONS_H

#include <stddef.h>
#include "common.h"
#include "scenario.h" /* parley_rule */

#ifdef __cplusplus
extern "C" {
#endif

/** An interval on an issue's scale, each end open or closed; or empty. */
typedef struct {
	int empty;        /**< 1 when the set is empty (the other fields are then 0) */
	double lo, hi;    /**< ends, lo <= hi */
	int lo_open;      /**< 1 when lo itself is excluded */
	int hi_open;      /**< 1 when hi itself is excluded */
} parley_interval;

/** Whether y lies in the interval (respecting open ends). */
int parley_interval_contains(const parley_interval *iv, double y);

/**
 * Intersection of two intervals (open wins at equal ends). `out` may alias
 * an input.
 */
void parley_interval_intersect(parley_interval *out, const parley_interval *a,
	const parley_interval *b);

/** Result of the unanimity win-set (models.md section 5). */
typedef struct {
	parley_interval winset; /**< outcomes every veto player strictly prefers to q */
	double core_lo, core_hi;/**< the unanimity core [min x, max x] */
	int q_in_core;          /**< 1 when q is in the core (win-set empty) */
} parley_winset_result;

/**
 * Unanimity win-set of q with veto players at x (n >= 1) on [lo, hi]:
 * closed form of models.md section 5.
 * @return 0 or PARLEY_EINVAL.
 */
int parley_winset_unanimity(parley_winset_result *out, const double *x, size_t n,
	double q, double lo, double hi);

/** A voting rule with weights and thresholds, applied to the supporters of a change. */
typedef struct {
	parley_rule rule;          /**< the rule */
	const double *weight;      /**< voting weight of each member (>= 0), or NULL for 1 each */
	double quota;              /**< QMV: weight needed (absolute, <= total weight) */
	const double *population;  /**< population of each member, or NULL */
	double population_quota;   /**< share of total population needed (0-1), when population given */
	size_t min_members;        /**< at least this many supporters (0: no such condition) */
} parley_rule_spec;

/**
 * Passable outcomes under a rule, with the pivotal members.
 *
 * On a line both sides of q can pass only under a qualified majority with
 * a quota of at most half the weight (two disjoint coalitions each reach
 * it); `below` and `above` then hold the two parts, `split` is 1 and
 * `passable` is their hull, which contains q although q never beats
 * itself. Otherwise `passable` equals the non-empty side, or is empty.
 */
typedef struct {
	parley_interval passable; /**< outcomes that beat q under the rule (may be empty); the hull of both sides when `split` */
	long pivot_below;         /**< member whose mirror bounds the part below q, or -1 (part empty, or clipped by the scale) */
	long pivot_above;         /**< member whose mirror bounds the part above q, or -1 (part empty, or clipped by the scale) */
	parley_interval below;    /**< passable outcomes below q: (m, q), or [lo, q) when clipped; may be empty */
	parley_interval above;    /**< passable outcomes above q: (q, m), or (q, hi] when clipped; may be empty */
	int split;                /**< 1 when both `below` and `above` are non-empty (q itself is then excluded) */
} parley_passable_result;

/**
 * The outcomes that beat the status quo q under `rule`, with n members at
 * ideal points x on [lo, hi]: for each side of q, the supporters of a move
 * to y are the members whose mirror 2 x_i - q lies beyond y; the largest
 * such move that still satisfies every threshold bounds the passable set,
 * and the member whose mirror bounds it is the pivot.
 *
 * Thresholds, compared exactly (no tolerance):
 *  - UNANIMITY: every member supports (weights ignored; a member at q
 *    blocks both sides); agrees exactly with parley_winset_unanimity().
 *  - BILATERAL: the same with n == 2 exactly.
 *  - SIMPLE_MAJORITY: supporters' weight > half the total weight.
 *  - QUALIFIED_MAJORITY: supporters' weight >= quota (0 < quota <= total
 *    weight); and, when `population` is given, supporters' share of the
 *    total population >= population_quota (in [0, 1]); and, when
 *    min_members > 0, at least min_members supporters (<= n). Members with
 *    weight 0 count as members, not as weight.
 * Fields a rule does not use are ignored (not validated).
 * A pivot is the member whose mirror is the bound (the smallest index
 * among members whose mirrors tie there); it is -1 when the side is empty
 * or when the scale clips the bound (the end is then closed).
 *
 * `order` is a caller-owned workspace of n size_t (sorting by position).
 * @return 0, PARLEY_EINVAL (bad rule, NaN, a position or q off the scale,
 * quota outside (0, total weight], bilateral with n != 2), or
 * PARLEY_EZEROWEIGHT (simple majority with total weight 0).
 */
int parley_passable(parley_passable_result *out, const double *x, size_t n,
	double q, double lo, double hi, const parley_rule_spec *rule, size_t *order);

/** One pair of actors whose red lines do not overlap. */
typedef struct {
	size_t a, b;   /**< indices (a's interval lies below b's) */
	double gap;    /**< b's lower end minus a's upper end (> 0) */
} parley_red_line_conflict;

/**
 * The set every actor accepts: [max lo_i, min hi_i] clipped to [lo, hi]
 * (models.md section 5), and the pairs of red lines that do not overlap.
 * Actors with has[i] == 0 accept everything (their red_lo/red_hi are not
 * read); `has` may be NULL when every actor has red lines, and n may be 0
 * (then the acceptable set is [lo, hi]). Red lines must satisfy
 * red_lo <= red_hi and may reach beyond the scale. The acceptable set is
 * closed, or empty when max lo_i > min hi_i after clipping. `conflicts`
 * may be NULL; otherwise it receives up to `max_conflicts` pairs, the
 * count found in *conflict_count (which may exceed max_conflicts; may be
 * NULL), ordered by (a, b).
 * @return 0 or PARLEY_EINVAL.
 */
int parley_red_lines(parley_interval *acceptable, const double *red_lo,
	const double *red_hi, const int *has, size_t n, double lo, double hi,
	parley_red_line_conflict *conflicts, size_t max_conflicts, size_t *conflict_count);

/**
 * Ideal points of a bloc of `size` members (a whole number >= 1) spread
 * around `ideal` with standard deviation `spread` >= 0: the quantiles
 * ideal + spread * Phi^-1((k - 0.5) / size), k = 1..size, clipped to
 * [lo, hi] (deterministic, so a ratification verdict is reproducible).
 * `out` receives `size` values in ascending order; before clipping they are
 * exactly symmetric about `ideal` (member size + 1 - k mirrors member k).
 * `ideal` must lie in [lo, hi].
 * @return 0 or PARLEY_EINVAL.
 */
int parley_bloc_ideals(double *out, size_t size, double ideal, double spread,
	double lo, double hi);

/**
 * Inverse of the standard normal distribution function, p in (0, 1):
 * Wichura's algorithm AS 241 (PPND16), relative accuracy about 1e-16.
 * Returns -HUGE_VAL at p = 0, HUGE_VAL at p = 1 and NaN for p outside
 * [0, 1] or NaN (no error is recorded).
 */
double parley_normal_quantile(double p);

#ifdef __cplusplus
}
#endif
#endif
