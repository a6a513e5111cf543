/*
 * parley/exchange.h - the exchange model of Stokman and Van Oosten (1994),
 * equal-gain variant: pairs of actors trade voting positions across two
 * issues when both gain, one caring relatively more about each issue.
 *
 * Specification: shared/specs/models.md section 6.1 (the pair computation,
 * with test vectors tests/vectors/stokman_exchange.json); the network
 * procedure follows the description there and Decide's implementation
 * (foarsitter/decide-exchange-model), with the simplifications documented
 * at parley_exchange_iterate() and in docs/packages.md.
 *
 * Scales: the model weighs shifts of outcomes on different issues against
 * each other (gains s_p |dO_p| - s_q |dO_q|), so it needs every issue on
 * one scale. Stokman and Van Oosten define it on issues scaled 0-100: the
 * plain functions and the workspace take positions as given (put every
 * issue on the same scale, as the spec vectors do), while
 * parley_exchange_run() and the Monte Carlo runner map each issue's
 * [lo, hi] onto [0, 100], run the model there and map back, so that the
 * forecasts do not depend on the units of any issue (docs/models.md).
 *
 * Conventions: on issue p the outcome is the compromise
 * O_p = sum_k c_kp s_kp x_kp / W_p with W_p = sum_k c_kp s_kp (models.md
 * section 1); an actor gains s_kp |dO_p| when O_p moves toward its
 * position and loses as much when it moves away. Saliences are in [0, 1]
 * (divide 0-100 inputs by 100).
 *
 * Three levels:
 *  - parley_exchange_outcome() and parley_exchange_pair(): plain functions
 *    on values, no allocation;
 *  - a workspace for n actors and m issues (set, iterate, read): every
 *    array is allocated by parley_exchange_workspace_alloc() and nothing
 *    afterwards, whatever the number of rounds;
 *  - parley_exchange_run(): the whole procedure on a scenario, returning an
 *    opaque result that owns its arrays.
 *
 * Thread-safety: the plain functions and parley_exchange_run() are
 * reentrant; a workspace is used by one thread at a time; a result is
 * immutable and may be read from many threads.
 */
#ifndef PARLEY_EXCHANGE_H
#define PARLEY_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One actor's stance on one issue, as the exchange model reads it. */
typedef struct {
	double x; /**< position (finite) */
	double s; /**< salience in [0, 1] */
	double c; /**< capability on the issue, >= 0 */
} parley_exchange_stance;

/** Why a pair cannot exchange (or PARLEY_EXCHANGE_OK). */
typedef enum {
	PARLEY_EXCHANGE_OK = 0,       /**< feasible: both gain */
	PARLEY_EXCHANGE_SAME_SIDE,    /**< not on opposite sides of the outcome on both issues */
	PARLEY_EXCHANGE_EQUAL_RATIOS, /**< s_ip / s_iq == s_jp / s_jq (compared as s_ip s_jq == s_jp s_iq) */
	PARLEY_EXCHANGE_NO_GAIN       /**< the moves shift no outcome (zero weight, or the demander sits at the outcome) */
} parley_exchange_reason;

/** Which bound fixed the size of an exchange (models.md 6.1 steps 1-3, and the cap). */
typedef enum {
	PARLEY_EXCHANGE_SUPPLIER_OF_P_MOVES_FULLY = 0, /**< step 1: the supplier of p moves all the way to the demander's position on p */
	PARLEY_EXCHANGE_SUPPLIER_OF_Q_MOVES_FULLY,     /**< step 3: the demander of p (supplier of q) moves all the way on q */
	PARLEY_EXCHANGE_CAPPED_P,                      /**< cap: O_p stops at the demander's position on p */
	PARLEY_EXCHANGE_CAPPED_Q                       /**< cap: O_q stops at the supplier's position on q */
} parley_exchange_case;

/**
 * The equal-gain exchange of actors i and j on issues p and q. The
 * demander D of p is the actor with the larger salience ratio s_p / s_q;
 * it supplies q. The other, S, supplies p (moves toward x_Dp) and demands
 * q. Every field but `feasible`, `reason`, `outcome_p`, `outcome_q` is 0
 * when the pair is infeasible.
 */
typedef struct {
	int feasible;                 /**< 1 when both gain */
	parley_exchange_reason reason;/**< PARLEY_EXCHANGE_OK, or why not */
	double outcome_p, outcome_q;  /**< O_p and O_q before the exchange (as given) */
	int i_demands_p;              /**< 1 when i is the demander of p (D), 0 when j is */
	parley_exchange_case how;     /**< which bound fixed the amounts */
	double dop, doq;              /**< |dO_p| and |dO_q|: the outcomes' shifts */
	double move_supplier_p;       /**< |move| of S on p */
	double move_demander_q;       /**< |move| of D on q */
	double new_supplier_p;        /**< S's position on p after the exchange */
	double new_demander_q;        /**< D's position on q after the exchange */
	double gain;                  /**< D's gain dO_p s_Dp - dO_q s_Dq (> 0) */
	double gain_check;            /**< S's gain dO_q s_Sq - dO_p s_Sp (equal to `gain` up to rounding) */
} parley_exchange_pair_result;

/**
 * The outcome O = sum c s x / W and the weight W = sum c s of n stances on
 * one issue (models.md 6.1 and section 1).
 * @return 0; PARLEY_EINVAL (NULL, n == 0, NaN or infinite values, s
 *         outside [0, 1], c < 0); PARLEY_EZEROWEIGHT when W == 0.
 */
int parley_exchange_outcome(double *outcome, double *weight,
	const parley_exchange_stance *st, size_t n);

/**
 * The equal-gain exchange of a pair (models.md 6.1), with `ip`, `iq`,
 * `jp`, `jq` the stances of actors i and j on issues p and q, and the
 * outcomes and weights of both issues (parley_exchange_outcome() over all
 * actors):
 *  1. feasible only when i and j lie on opposite sides of O on both issues
 *     ("left" means x <= O; an actor within 64 ulps of O, relative to |O| + 1,
 *     is at O, so that rounding of a recomputed outcome does not decide)
 *     and s_ip s_jq != s_jp s_iq;
 *  2. S moves all the way on p: dO_p = |x_Dp - x_Sp| c_Sp s_Sp / W_p, and
 *     equal gain gives dO_q = dO_p (s_Dp + s_Sp) / (s_Dq + s_Sq);
 *  3. if D's move on q, dO_q W_q / (c_Dq s_Dq), would overshoot S's
 *     position, D moves all the way instead and dO_p follows from dO_q;
 *  4. with `cap` non-zero (Decide's rule), the shifts are scaled down
 *     together, keeping the gains equal, so that O_p does not pass x_Dp
 *     and O_q does not pass x_Sq (beyond them the gains would no longer be
 *     linear in the shifts);
 *  5. gain = dO_p (s_Dp s_Sq - s_Dq s_Sp) / (s_Dq + s_Sq), the same for both.
 * An exchange that shifts nothing (a zero c s on a moving side, a demander
 * at the outcome under the cap) is infeasible (PARLEY_EXCHANGE_NO_GAIN).
 * @return 0 (feasible or not: see out->feasible) or PARLEY_EINVAL.
 */
int parley_exchange_pair(parley_exchange_pair_result *out,
	const parley_exchange_stance *ip, const parley_exchange_stance *iq,
	const parley_exchange_stance *jp, const parley_exchange_stance *jq,
	double outcome_p, double weight_p, double outcome_q, double weight_q, int cap);

/** Options of the network procedure. */
typedef struct {
	unsigned int version; /**< PARLEY_EXCHANGE_OPTIONS_VERSION */
	size_t max_rounds;    /**< at most this many rounds with exchanges (default 10; >= 1) */
	double min_gain;      /**< exchanges gaining less are not made (default 1e-10, Decide's threshold; >= 0) */
	int cap;              /**< 1: outcomes stop at the demander's position (default 1) */
	uint64_t max_evaluations; /**< work limit: at most this many evaluations of a candidate
	                               exchange in a whole run (0: the default, PARLEY_EXCHANGE_MAX_EVALUATIONS);
	                               beyond it the run fails with PARLEY_EINVAL rather than run
	                               for hours (the work grows with actors^3 x issue pairs) */
} parley_exchange_options;

#define PARLEY_EXCHANGE_OPTIONS_VERSION 1
#define PARLEY_EXCHANGE_MAX_EVALUATIONS UINT64_C(50000000)
#define PARLEY_EXCHANGE_OPTIONS_INIT { PARLEY_EXCHANGE_OPTIONS_VERSION, 10, 1e-10, 1, 0 }

/** One exchange made by the network procedure. */
typedef struct {
	size_t round;          /**< 1-based round */
	size_t demander;       /**< actor demanding p and supplying q */
	size_t supplier;       /**< actor supplying p and demanding q */
	size_t p, q;           /**< issue indices */
	double supplier_from;  /**< supplier's position on p before */
	double supplier_to;    /**< ... and after (toward the demander's) */
	double demander_from;  /**< demander's position on q before */
	double demander_to;    /**< ... and after (toward the supplier's) */
	double dop, doq;       /**< |shift| of O_p and O_q */
	double gain;           /**< each one's gain */
	parley_exchange_case how; /**< which bound fixed the amounts */
} parley_exchange_record;

/** State of the network procedure. */
typedef enum {
	PARLEY_EXCHANGE_CONTINUE = 0, /**< the last round made exchanges: another may make more */
	PARLEY_EXCHANGE_FIXED_POINT,  /**< a round found no feasible exchange */
	PARLEY_EXCHANGE_MAX_ROUNDS    /**< max_rounds rounds made exchanges and more remain */
} parley_exchange_status;

typedef struct parley_exchange_workspace parley_exchange_workspace;

/**
 * Allocate a workspace for n >= 2 actors and m >= 2 issues: the problem,
 * one slot per candidate exchange (n(n-1)/2 pairs of actors times m(m-1)/2
 * pairs of issues) and the outcomes.
 * @return 0, PARLEY_EINVAL (n or m < 2, or too many candidates to count in
 *         a size_t) or PARLEY_ENOMEM.
 */
int parley_exchange_workspace_alloc(parley_exchange_workspace **out, size_t n, size_t m);

/** Free a workspace. NULL is a no-op. */
void parley_exchange_workspace_free(parley_exchange_workspace *ws);

/**
 * Set the problem: x, s, c are n * m values by issue (actor k on issue p
 * at [p * n + k]), copied into the workspace; `present` (same layout, or
 * NULL for all) marks who takes part in each issue: the others neither
 * count in its outcome nor trade on it (their values are not read). An
 * issue with W_p == 0 (nobody present, or every c s zero) takes no part:
 * its outcome is NaN. The round counter restarts at 0.
 * @return 0 or PARLEY_EINVAL (NULL, NaN or infinite values, s outside
 *         [0, 1], c < 0, bad options).
 */
int parley_exchange_set(parley_exchange_workspace *ws, const double *x, const double *s,
	const double *c, const unsigned char *present, const parley_exchange_options *opts);

/**
 * One round of the network procedure (Stokman and Van Oosten 1994;
 * models.md 6.1):
 *  1. every candidate (pair of actors i < j present on both issues of a
 *     pair p < q) is evaluated by parley_exchange_pair() at the current
 *     positions and outcomes;
 *  2. the feasible candidate with the highest gain (>= min_gain) is made:
 *     the supplier's position on p and the demander's on q move, and O_p,
 *     O_q are recomputed from the positions;
 *  3. every candidate on an issue pair containing p or q is recomputed
 *     (those sharing an actor-issue with the exchange made, and those whose
 *     outcome moved); within a round a candidate is made at most once, and
 *     an actor's moves on an issue keep one direction (Decide's rule);
 *  4. repeat 2-3 until no feasible candidate is left.
 * Ties of gain (exactly equal) go to the first candidate in the order
 * (i, j, p, q) ascending. A round that finds nothing feasible at its start
 * returns PARLEY_EXCHANGE_FIXED_POINT and does not count; after max_rounds
 * counted rounds, a round that would make an exchange returns
 * PARLEY_EXCHANGE_MAX_ROUNDS without making it.
 *
 * @param records     receives the round's exchanges, in order (may be NULL when max_records is 0)
 * @param max_records room in `records`; exchanges beyond it are made and counted, not recorded
 * @param made        receives the number of exchanges made this round (may be NULL)
 * @return the status (>= 0), or PARLEY_EINVAL when the problem is not set.
 */
int parley_exchange_iterate(parley_exchange_workspace *ws, parley_exchange_record *records,
	size_t max_records, size_t *made);

/** Rounds counted so far (rounds that made exchanges). */
size_t parley_exchange_rounds(const parley_exchange_workspace *ws);
/** Current positions, n * m by issue (owned by the workspace, valid until the next set or free). */
const double *parley_exchange_positions(const parley_exchange_workspace *ws);
/** Current outcomes O_p, m values: the compromise of the current positions (owned by the workspace). */
const double *parley_exchange_outcomes(const parley_exchange_workspace *ws);

/** The procedure on a scenario. */
typedef struct parley_exchange_result parley_exchange_result;

/**
 * Run the network procedure on every issue of a scenario: stances give x,
 * s / 100 and c; actors without a stance on an issue take no part in it.
 * Each issue's scale is mapped onto 0-100 for the procedure and back: the
 * result's positions, outcomes and records (their positions, dop and doq)
 * are in each issue's units, a record's gain in salience times points of
 * the 0-100 scale.
 * Rounds run until a fixed point or max_rounds. Issues with fewer than two
 * actors, and scenarios with fewer than two issues, keep their compromise.
 *
 * @param out  receives the result (caller frees with parley_exchange_result_free)
 * @return 0, PARLEY_EINVAL (bad options) or PARLEY_ENOMEM.
 */
int parley_exchange_run(parley_exchange_result **out, const parley_scenario *s,
	const parley_exchange_options *opts);

/** Free a result. NULL is a no-op. */
void parley_exchange_result_free(parley_exchange_result *r);

/** Status: PARLEY_EXCHANGE_FIXED_POINT or PARLEY_EXCHANGE_MAX_ROUNDS. */
parley_exchange_status parley_exchange_result_status(const parley_exchange_result *r);
/** Rounds that made exchanges. */
size_t parley_exchange_result_rounds(const parley_exchange_result *r);
/** Issues (the scenario's). */
size_t parley_exchange_result_issue_count(const parley_exchange_result *r);
/** The forecast on an issue: compromise of the final positions (NaN when out of range). */
double parley_exchange_result_outcome(const parley_exchange_result *r, size_t issue);
/** The compromise of the initial positions (NaN when out of range). */
double parley_exchange_result_initial(const parley_exchange_result *r, size_t issue);
/** An actor's final position on an issue (NaN when absent or out of range). */
double parley_exchange_result_position(const parley_exchange_result *r, size_t issue, size_t actor);
/** Exchanges made, in order, with scenario actor and issue indices. */
size_t parley_exchange_result_count(const parley_exchange_result *r);
/** Exchange i (borrowed from the result), or NULL when out of range. */
const parley_exchange_record *parley_exchange_result_record(const parley_exchange_result *r, size_t i);

#ifdef __cplusplus
}
#endif
#endif
