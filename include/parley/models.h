/*
 * parley/models.h - the one-issue forecasting models as plain functions on
 * arrays: capability-weighted mean, compromise (weighted mean), weighted
 * median and the asymmetric Nash bargaining solution.
 *
 * Specification: shared/specs/models.md sections 1-3 (see docs/models.md).
 * The scenario-level runner (parley/forecast.h) calls these; they are
 * public so that users and tests can run a model on their own arrays.
 *
 * Conventions: `n` actors; positions `x[i]` on the scale [lo, hi];
 * weights are >= 0; saliences are in [0, 1] (divide 0-100 inputs by 100).
 * Every function validates its inputs (NaN, Inf, negative weights,
 * positions off the scale) and returns PARLEY_EINVAL with a message in
 * parley_error_last() when they are bad. No function allocates.
 *
 * Thread-safety: all functions are reentrant.
 */
#ifndef PARLEY_MODELS_H
#define PARLEY_MODELS_H

#include <stddef.h>
#include "bdm.h"
#include "common.h"
#include "exchange.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Weighted mean sum(w_i x_i) / sum(w_i) (models.md section 1).
 * With w_i = c_i this is the capability-weighted mean; with w_i = c_i s_i
 * it is the compromise model.
 *
 * @param out  receives the mean
 * @param x    positions, n values
 * @param w    weights >= 0, n values
 * @return 0, PARLEY_EINVAL (bad input, n == 0), or PARLEY_EZEROWEIGHT
 *         when every weight is zero.
 */
int parley_weighted_mean(double *out, const double *x, const double *w, size_t n);

/** Tie rule of the weighted median (models.md section 2, step 3). */
typedef enum {
	PARLEY_TIE_MIDPOINT = 0, /**< the middle of the tie interval (default) */
	PARLEY_TIE_LOWER,        /**< the lower end */
	PARLEY_TIE_UPPER         /**< the upper end */
} parley_median_tie;

/** Result of the weighted median. */
typedef struct {
	double median;  /**< the forecast under the chosen tie rule */
	int tie;        /**< 1 when every point of [lo, hi] is a weak Condorcet winner */
	double lo, hi;  /**< the tie interval; lo == hi == median when no tie */
} parley_median_result;

/**
 * Weighted median of positions x with weights w (models.md section 2):
 * zero-weight actors are ignored, equal positions merged, and an exact
 * half-weight split (relative tolerance `rel_tol * W`; the spec uses
 * 1e-12) is a tie resolved by `tie`.
 *
 * @return 0, PARLEY_EINVAL or PARLEY_EZEROWEIGHT.
 */
int parley_weighted_median(parley_median_result *out, const double *x,
	const double *w, size_t n, parley_median_tie tie, double rel_tol);

/**
 * Weighted median for any n (models.md section 2), same rules and results
 * as parley_weighted_median(), sorting actor indices in a workspace that
 * the caller provides (O(n log n) time, no allocation).
 * parley_weighted_median() sorts on the stack and so handles at most 64
 * actors; for larger n it returns PARLEY_EINVAL and this variant is needed.
 *
 * @param idx_workspace  n size_t values of scratch space; their contents
 *                       on entry are ignored and on return unspecified
 * @return 0, PARLEY_EINVAL or PARLEY_EZEROWEIGHT.
 */
int parley_weighted_median_ws(parley_median_result *out, const double *x,
	const double *w, size_t n, parley_median_tie tie, double rel_tol,
	size_t *idx_workspace);

/** Outcome class of the Nash bargaining solution. */
typedef enum {
	PARLEY_NBS_INTERIOR = 0,          /**< unique maximiser inside (L, U] */
	PARLEY_NBS_DISAGREEMENT_POINT = 1 /**< feasible set is {q}: status quo */
} parley_nbs_status;

/** Result of the Nash bargaining solution. */
typedef struct {
	double solution;          /**< the bargaining outcome y* */
	parley_nbs_status status; /**< interior or disagreement point */
	double feasible_lo;       /**< L: lower end of the individually rational set */
	double feasible_hi;       /**< U: upper end */
	size_t iterations;        /**< bisection steps used (0 for the closed cases) */
} parley_nbs_result;

/**
 * Asymmetric Nash bargaining solution on [lo, hi] (models.md section 3):
 * maximise sum_i a_i ln(u_i(y) - u_i(q)) with u_i(y) = -s_i |y - x_i|^p.
 * Actors with a_i = 0 or s_i = 0 do not take part.
 *
 * @param x     positions, n values in [lo, hi]
 * @param a     bargaining weights >= 0
 * @param s     saliences in [0, 1], or NULL for all 1
 * @param q     the disagreement point (status quo), in [lo, hi]
 * @param p     loss exponent, 1 (linear) or 2 (quadratic)
 * @param tol   relative bisection tolerance (the spec uses 1e-13): the
 *              bracket stops when right - left <= tol max(1, |mid|) (the
 *              spec's rule) and (right - left) r <= tol max(1, |mid - lo| r),
 *              r = 100 / (hi - lo) (the same on the spec's 0-100 scale), so
 *              that the precision relative to the scale does not depend on
 *              its units; on a 0-100 scale the two are one
 * @return 0, PARLEY_EINVAL, or PARLEY_EZEROWEIGHT when no actor takes part.
 */
int parley_nbs(parley_nbs_result *out, const double *x, const double *a,
	const double *s, size_t n, double q, double lo, double hi, int p,
	double tol);

/**
 * The models of the one model table (src/lib/models/models.c), by index.
 * A model's index in the table is its id: these constants name the first
 * ones; every model, these and those added after them, is found by name
 * with parley_model_type_lookup() and by index with parley_model_type_at(),
 * i < parley_model_count().
 */
typedef enum {
	PARLEY_MODEL_MEAN = 0,   /**< capability-weighted mean */
	PARLEY_MODEL_COMPROMISE, /**< capability x salience weighted mean */
	PARLEY_MODEL_MEDIAN,     /**< weighted median (Black), weights capability x salience */
	PARLEY_MODEL_NBS,        /**< asymmetric Nash bargaining solution */
	PARLEY_MODEL_BDM,        /**< Bueno de Mesquita's expected-utility model (parley/bdm.h) */
	PARLEY_MODEL_EXCHANGE    /**< Stokman and Van Oosten's exchange model, across issues (parley/exchange.h) */
} parley_model_id;

/** What a model needs from a scenario (bits of parley_model_type.needs). */
enum {
	PARLEY_MODEL_NEEDS_STATUS_QUO = 1u << 0, /**< the issue's status quo (a disagreement or reference point) */
	PARLEY_MODEL_NEEDS_ALL_ISSUES = 1u << 1, /**< every issue at once: it runs on the whole table only */
	PARLEY_MODEL_NEEDS_FIT = 1u << 2,        /**< a fitted parameter file */
	PARLEY_MODEL_NEEDS_PIVOTS = 1u << 3,     /**< a venue with a qualified-majority rule (its pivots) */
	PARLEY_MODEL_NEEDS_TWO_ACTORS = 1u << 4  /**< two actors on the issue at least (alone, one has nobody to
	                                              bargain with: the backtest scores its position) */
};

struct parley_model_ops; /* the model's functions: src/lib/models/model_internal.h */

/** One model of the table. */
typedef struct {
	const char *name;          /**< CLI and JSON name: "mean", "compromise", ... */
	const char *title;         /**< human title */
	const char *summary;       /**< one line: what it assumes */
	unsigned needs;            /**< PARLEY_MODEL_NEEDS_* bits */
	int by_default;            /**< 1 when it runs when no selection is given */
	const struct parley_model_ops *ops; /**< its functions (internal) */
} parley_model_type;

/** Number of models in the table. */
size_t parley_model_count(void);
/** Model `i` of the table (i < parley_model_count()), or NULL. */
const parley_model_type *parley_model_type_at(size_t i);
/** The model with this name, or NULL. */
const parley_model_type *parley_model_type_lookup(const char *name);
/** The index (id) of a model of the table, or parley_model_count() when it is not one. */
size_t parley_model_type_index(const parley_model_type *t);
/** The selection (bits 1 << id) of the models that run when none is given. */
unsigned parley_model_default_selection(void);

/** Bargaining weights of the Nash bargaining solution. */
typedef enum {
	PARLEY_NBS_WEIGHTS_CAPABILITY = 0,    /**< a_i = c_i (default) */
	PARLEY_NBS_WEIGHTS_CAPABILITY_SALIENCE /**< a_i = c_i s_i */
} parley_nbs_weights;

/** Options of parley_forecast_run(). */
typedef struct {
	unsigned int version;          /**< PARLEY_FORECAST_OPTIONS_VERSION */
	unsigned int models;           /**< bit (1 << id) per model of the table; 0 = those with by_default */
	parley_median_tie median_tie;  /**< tie rule of the median (default midpoint) */
	parley_nbs_weights nbs_weights;/**< NBS bargaining weights (default capability) */
	int nbs_loss;                  /**< NBS loss exponent, 1 or 2 (default 2) */
	double median_rel_tol;         /**< tie tolerance relative to W (default 1e-12) */
	double nbs_tol;                /**< NBS bisection tolerance (default 1e-13) */
	parley_bdm_options bdm;        /**< options of the expected-utility model */
	parley_exchange_options exchange; /**< options of the exchange model */
	size_t package_combinations;   /**< also analyse every combination of 2..K issues (0: the scenario's packages only) */
} parley_forecast_options;

#define PARLEY_FORECAST_OPTIONS_VERSION 1
#define PARLEY_FORECAST_OPTIONS_INIT { PARLEY_FORECAST_OPTIONS_VERSION, 0, \
	PARLEY_TIE_MIDPOINT, PARLEY_NBS_WEIGHTS_CAPABILITY, 2, 1e-12, 1e-13, \
	PARLEY_BDM_OPTIONS_INIT, PARLEY_EXCHANGE_OPTIONS_INIT, 0 }

/**
 * The trajectory of the expected-utility model on one issue. Arrays are
 * owned by the forecast. Actors are those present on the issue, in
 * scenario order; `actors[k]` is the scenario index of the k-th.
 */
typedef struct {
	parley_bdm_profile profile;   /**< the profile used */
	parley_bdm_status status;     /**< fixed_point, max_rounds or degenerate_range */
	size_t rounds;                /**< rounds run */
	size_t actor_count;           /**< actors on the issue (n) */
	const size_t *actors;         /**< n scenario actor indices */
	const double *median;         /**< rounds + 1 medians; [0] is the initial one */
	const double *mean;           /**< rounds + 1 compromise means; [0] initial */
	const double *positions;      /**< (rounds + 1) x n positions, row t = after round t */
	const double *risk;           /**< n risk exponents of the last round, or NULL (no round): at a
	                                   fixed point the positions have converged and these are
	                                   usually all 1 (models.md 4.3) */
	const double *risk_first;     /**< n risk exponents of round 1, computed from the coded
	                                   positions (the actors' risk attitudes), or NULL (no round) */
	const parley_bdm_offer *offers; /**< n offers accepted in the last round, or NULL */
	double range;                 /**< Delta used to normalise distances */
} parley_bdm_trajectory;

/** One model's result on one issue. */
typedef struct parley_model_result {
	parley_model_id model;  /**< which model */
	int error;              /**< 0, or the parley_error_code that stopped it */
	const char *message;    /**< why it could not run, or NULL (owned by the forecast) */
	double forecast;        /**< the predicted outcome (when error == 0) */
	const char *zone;       /**< the named zone the forecast falls in, or NULL (borrowed) */
	/* weighted median */
	int tie;                /**< 1 when the median is a tie interval */
	double interval[2];     /**< the tie interval (equal ends when no tie) */
	/* Nash bargaining solution */
	parley_nbs_status nbs_status; /**< interior or disagreement point */
	double feasible[2];     /**< the individually rational set [L, U] */
	/* expected-utility model: forecast = median after the last round */
	double mean;            /**< compromise mean after the last round */
	const parley_bdm_trajectory *bdm; /**< the rounds (owned by the forecast) */
	const void *extra;      /**< what else the model keeps (owned by the forecast; its JSON, CSV and text
	                             show it), or NULL */
} parley_model_result;

#ifdef __cplusplus
}
#endif
#endif
