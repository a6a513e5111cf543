/*
 * parley/backtest.h - measuring the models against decisions that were
 * actually taken: load a dataset of past issues (actors' positions and
 * saliences, the reference point and the outcome), forecast every issue
 * with every model, and summarise each model's errors with bootstrap
 * intervals that resample proposals (docs/backtest.md).
 *
 * Datasets come in two layouts:
 *  - DEU: one row per issue with the columns of the DEU II data (Thomson
 *    et al. 2012): prnrnmc, isnrnmc, cod, p<actor>, s<actor>, rp, out, ...;
 *    capabilities come from Council weight tables
 *    (council-weights-eu15.csv / -eu27.csv) loaded separately;
 *  - long: a positions table issue,actor,position,salience,capability
 *    [,votes] and an outcomes table issue,outcome,reference_point
 *    [,proposal][,procedure][,quota].
 * Columns are found by their header name, in any order; every problem
 * (missing column, non-numeric cell, out-of-range value, ragged row, ...)
 * becomes a positioned diagnostic FILE:LINE:COL naming the column.
 *
 * Ownership: loaders create objects that the caller releases with the
 * matching _free (NULL is a no-op). A parley_backtest borrows nothing: the
 * dataset and Council tables may be freed once parley_backtest_run() has
 * returned. Pointers returned by accessors are borrowed from the object
 * they were read from and stay valid until it is freed.
 *
 * Errors: functions that can fail return 0 or a negative parley_error_code
 * with a message in parley_error_last(); input problems give PARLEY_EPARSE
 * and diagnostics. The library never prints.
 *
 * Thread-safety: every function is reentrant (the bootstrap's random
 * numbers come from a generator local to the call, seeded from the
 * options). Loaded datasets, tables and results are immutable and may be
 * read from any number of threads at once.
 */
#ifndef PARLEY_BACKTEST_H
#define PARLEY_BACKTEST_H

#include <stddef.h>
#include <stdint.h>
#include "bdm.h"
#include "common.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Council weight tables                                                */
/* ------------------------------------------------------------------ */

/** A Council voting table: country,abbr,weights,quota,block,banzhaf,shapleyshubik. */
typedef struct parley_backtest_council parley_backtest_council;

/**
 * Load a Council table (the layout of council-weights-eu15.csv). Columns
 * are found by name; `abbr`, `weights`, `quota`, `banzhaf` and
 * `shapleyshubik` are required, others are ignored. Every row must carry
 * the same quota, and the quota must not exceed the total of the weights.
 *
 * @param out    receives the table (caller frees) or NULL
 * @param path   file to read; also the name in diagnostics
 * @param diags  receives every problem found (may be NULL)
 * @return 0, PARLEY_EPARSE (see diags), PARLEY_EIO or PARLEY_ENOMEM.
 */
int parley_backtest_council_load_file(parley_backtest_council **out, const char *path,
	parley_diag_list *diags);

/** As parley_backtest_council_load_file() from memory; `name` is used in diagnostics. */
int parley_backtest_council_load_buffer(parley_backtest_council **out, const char *data,
	size_t len, const char *name, parley_diag_list *diags);

/** Free a table. NULL is a no-op. */
void parley_backtest_council_free(parley_backtest_council *council);

/** Number of member states in the table. */
size_t parley_backtest_council_member_count(const parley_backtest_council *council);

/** Votes needed for a qualified majority (the `quota` column). */
double parley_backtest_council_quota(const parley_backtest_council *council);

/** Sum of the members' votes. */
double parley_backtest_council_total(const parley_backtest_council *council);

/* ------------------------------------------------------------------ */
/* Datasets                                                             */
/* ------------------------------------------------------------------ */

typedef struct parley_backtest_data parley_backtest_data;

/** Layout a dataset was read from. */
typedef enum {
	PARLEY_BACKTEST_DEU = 0, /**< DEU II columns, one row per issue */
	PARLEY_BACKTEST_LONG     /**< positions table + outcomes table */
} parley_backtest_layout;

/**
 * Load a dataset in the DEU layout from memory (docs/backtest.md, "DEU
 * layout"). Required columns: prnrnmc (proposal number, a whole number
 * >= 1), isnrnmc, rp, out, and p<actor> with its s<actor> for at least one
 * actor of com, ep and the member-state codes at be bu cy cz dk ee fi fr
 * de el hu ie it lv lt lu mt nl pl pt ro si sk es se uk. Optional: isnr
 * (the issue's id; isnrnmc otherwise) and cod (procedure: a code ending in
 * "(COD)" is co-decision, "(CNS)" consultation). Other columns are
 * ignored. Positions, saliences, rp and out are numbers from 0 to 100 or
 * blank. The bytes are copied; the caller keeps `data`.
 *
 * @param out    receives the dataset (caller frees) or NULL
 * @param name   the input's name in diagnostics and results (NULL: "<input>")
 * @param diags  receives every problem found (may be NULL)
 * @return 0, PARLEY_EPARSE (see diags), PARLEY_EINVAL or PARLEY_ENOMEM.
 */
int parley_backtest_data_load_deu(parley_backtest_data **out, const char *data, size_t len,
	const char *name, parley_diag_list *diags);

/**
 * Load a dataset in the long layout from memory (docs/backtest.md, "Long
 * layout"): `positions` with the columns issue, actor, position, salience,
 * capability and optionally votes (Council votes; blank for actors outside
 * the Council); `outcomes` with issue, outcome, reference_point and
 * optionally proposal, procedure (cod or cns) and quota (share of the
 * voting Council members' votes needed, in (0, 1]). Every issue of the
 * outcomes table needs at least one row in the positions table and vice
 * versa. Returns as parley_backtest_data_load_deu(); diagnostics of both
 * inputs go into the same list.
 */
int parley_backtest_data_load_long(parley_backtest_data **out,
	const char *positions, size_t positions_len, const char *positions_name,
	const char *outcomes, size_t outcomes_len, const char *outcomes_name,
	parley_diag_list *diags);

/**
 * Load a dataset from files: the DEU layout from `path` when
 * `outcomes_path` is NULL, otherwise the long layout (positions `path`,
 * outcomes `outcomes_path`).
 * @return 0, PARLEY_EPARSE, PARLEY_EIO (a file cannot be read; the message
 *         names it) or PARLEY_ENOMEM.
 */
int parley_backtest_data_load_file(parley_backtest_data **out, const char *path,
	const char *outcomes_path, parley_diag_list *diags);

/** Free a dataset. NULL is a no-op. */
void parley_backtest_data_free(parley_backtest_data *data);

/** The layout the dataset was read from. */
parley_backtest_layout parley_backtest_data_layout(const parley_backtest_data *data);

/** Number of issues read (rows of the DEU layout, outcome rows of the long one). */
size_t parley_backtest_data_issue_count(const parley_backtest_data *data);

/* ------------------------------------------------------------------ */
/* Models, skip reasons, options                                        */
/* ------------------------------------------------------------------ */

/** The models a backtest scores, in the order they are reported. */
typedef enum {
	PARLEY_BT_MEAN = 0,           /**< "mean": capability-weighted mean */
	PARLEY_BT_COMPROMISE,         /**< "compromise": capability x salience weighted mean */
	PARLEY_BT_MEDIAN,             /**< "median": weighted median (c x s), midpoint ties */
	PARLEY_BT_NBS,                /**< "nbs": Nash bargaining solution, disagreement point rp */
	PARLEY_BT_BDM,                /**< "bdm": expected-utility model, median after the last round */
	PARLEY_BT_STATUS_QUO,         /**< "status-quo": the reference point itself (a naive baseline) */
	PARLEY_BT_WINSET_COMPROMISE,  /**< "winset-compromise": compromise moved into the Council's QMV win-set of rp */
	PARLEY_BT_PROCEDURE_COMPROMISE, /**< "procedure-compromise": as winset-compromise, also inside the Parliament's win-set under co-decision */
	PARLEY_BT_PIVOT_MID,          /**< "pivot-mid": midpoint of the Council's qualified-majority pivots (no fit) */
	PARLEY_BT_BLEND,              /**< "blend": our LAD blend of the models, leave-one-proposal-out predictions */
	PARLEY_BT_MODEL_COUNT         /**< the backtest's own models; the model table's others follow
	                                   (parley_backtest_model_count()) */
} parley_backtest_model;

/**
 * How many models a backtest scores: its own (PARLEY_BT_MODEL_COUNT), then
 * every model of the model table (parley/models.h) that runs on one issue
 * without a fit or a venue and is not among them, in the table's order.
 */
size_t parley_backtest_model_count(void);

/** Name of a model ("compromise", ...; static), or NULL when out of range. */
const char *parley_backtest_model_name(parley_backtest_model model);

/** One-line description of a model (static), or NULL when out of range. */
const char *parley_backtest_model_summary(parley_backtest_model model);

/** The model with this name, or -1. */
int parley_backtest_model_lookup(const char *name);

/** Why an issue, or a model on an issue, was not scored. */
typedef enum {
	PARLEY_BT_SKIP_NONE = 0,
	/* the issue is left out for every model */
	PARLEY_BT_SKIP_NO_OUTCOME,     /**< "no_outcome": the outcome is blank */
	PARLEY_BT_SKIP_NO_POSITIONS,   /**< "no_positions": no actor took a position */
	PARLEY_BT_SKIP_ZERO_WEIGHT,    /**< "zero_weight": every capability x salience is 0 */
	PARLEY_BT_SKIP_NOT_IN_COUNCIL, /**< "not_in_council": a member state with a position is not in the era's table */
	/* one model is left out on the issue */
	PARLEY_BT_SKIP_NO_REFERENCE_POINT, /**< "no_reference_point": the model needs rp, which is blank */
	PARLEY_BT_SKIP_NO_COUNCIL_RULE,    /**< "no_council_rule": long layout without votes and quota */
	PARLEY_BT_SKIP_NO_PROCEDURE,       /**< "no_procedure": the procedure (COD/CNS) is unknown */
	PARLEY_BT_SKIP_MODEL_FAILED,       /**< "model_failed": the model reported an error (e.g. no actor takes part) */
	PARLEY_BT_SKIP_NOT_RUN,            /**< "not_run": not reported (options.models) and not needed by one that is */
	PARLEY_BT_SKIP_COUNT
} parley_backtest_skip;

/** Name of a skip reason ("no_outcome", ...; static), or NULL. */
const char *parley_backtest_skip_name(parley_backtest_skip skip);

/** Where capabilities come from. */
typedef enum {
	PARLEY_BT_CAP_DEFAULT = 0, /**< DEU: Council votes; long: the capability column */
	PARLEY_BT_CAP_VOTES,       /**< DEU: Council votes (`weights`) */
	PARLEY_BT_CAP_BANZHAF,     /**< DEU: normalised Banzhaf index */
	PARLEY_BT_CAP_SHAPLEY,     /**< DEU: Shapley-Shubik index */
	PARLEY_BT_CAP_EQUAL,       /**< every actor 1 */
	PARLEY_BT_CAP_DATA         /**< long: the capability column */
} parley_backtest_capability;

/** What an actor with a position but a blank salience gets. */
typedef enum {
	PARLEY_BT_SALIENCE_MEAN = 0, /**< the mean salience of the other actors with one on the issue (default) */
	PARLEY_BT_SALIENCE_DROP      /**< the actor is left out of the issue */
} parley_backtest_salience_rule;

/**
 * Features the blend may combine: models that forecast every scored issue,
 * and positions of the issue (docs/backtest.md, "Features"). The pivots:
 * among the Council members with a position (DEU: the member states, with
 * their votes of the era; long: the actors with votes > 0), L is the
 * largest position such that the members at or above it hold at least the
 * quota share (DEU: the era's quota / total votes; long: the issue's
 * `quota`) of those members' votes, H the smallest position such that the
 * members at or below it do. Where a feature is undefined (no Council
 * rule; no Commission or Parliament position) it takes the members'
 * vote-weighted mean position for `ep` and `com`, and the compromise
 * forecast where that is undefined too (pivots without a Council rule).
 */
typedef enum {
	PARLEY_BT_FEATURE_COMPROMISE = 0, /**< "compromise" */
	PARLEY_BT_FEATURE_MEAN,           /**< "mean" */
	PARLEY_BT_FEATURE_MEDIAN,         /**< "median" */
	PARLEY_BT_FEATURE_BDM,            /**< "bdm" */
	PARLEY_BT_FEATURE_INTERCEPT,      /**< "intercept": a constant 1 */
	PARLEY_BT_FEATURE_PIVOT_LO,       /**< "pivot-lo": the Council's lower qualified-majority pivot L */
	PARLEY_BT_FEATURE_PIVOT_HI,       /**< "pivot-hi": the upper pivot H */
	PARLEY_BT_FEATURE_EP,             /**< "ep": the Parliament's position */
	PARLEY_BT_FEATURE_COM,            /**< "com": the Commission's position */
	PARLEY_BT_FEATURE_COUNT
} parley_backtest_feature;

/** The default blend's features: pivot-lo, pivot-hi, mean, bdm, ep and com (with the penalized
 *  interactions; chosen on the development set, docs/backtest.md). */
#define PARLEY_BT_BLEND_DEFAULT ((1u << PARLEY_BT_FEATURE_PIVOT_LO) | (1u << PARLEY_BT_FEATURE_PIVOT_HI) | \
	(1u << PARLEY_BT_FEATURE_MEAN) | (1u << PARLEY_BT_FEATURE_BDM) | (1u << PARLEY_BT_FEATURE_EP) | \
	(1u << PARLEY_BT_FEATURE_COM))

/** The first blend (fixed selection): compromise, mean, median and bdm. */
#define PARLEY_BT_BLEND_MODELS ((1u << PARLEY_BT_FEATURE_COMPROMISE) | (1u << PARLEY_BT_FEATURE_MEAN) | \
	(1u << PARLEY_BT_FEATURE_MEDIAN) | (1u << PARLEY_BT_FEATURE_BDM))

/** How the blend's features are chosen. */
typedef enum {
	PARLEY_BT_SELECT_FIXED = 0, /**< "fixed": every feature of blend_features */
	PARLEY_BT_SELECT_NESTED,    /**< "nested": in each cross-validation fold, the non-empty subset of
	                                 blend_features with the smallest inner cross-validated MAE on that
	                                 fold's training proposals (nested cross-validation) */
	PARLEY_BT_SELECT_PENALIZED  /**< "penalized": every feature of blend_features, plus the interactions
	                                 (mean - mid) z_k and (ep - mid) z_k (mid = (L + H) / 2, z_k the
	                                 standardised issue covariates) under an L1 penalty lambda chosen
	                                 in each fold from blend_lambdas by an inner cross-validation (default) */
} parley_backtest_select;

/** Issue covariates z_k that the penalized blend interacts with (mean - mid) and (ep - mid). */
typedef enum {
	PARLEY_BT_COV_WIDTH = 0, /**< "width": H - L */
	PARLEY_BT_COV_SPREAD,    /**< "spread": capability-weighted sd of the positions around the mean */
	PARLEY_BT_COV_ACTORS,    /**< "actors": number of actors with a position */
	PARLEY_BT_COV_RP_KNOWN,  /**< "rp_known": 1 when the reference point is given */
	PARLEY_BT_COV_COD,       /**< "cod": 1 under co-decision */
	PARLEY_BT_COV_EXTREMES,  /**< "extremes": capability share of the actors at 0 or 100 */
	PARLEY_BT_COV_SALIENCE,  /**< "salience": mean salience / 100 */
	PARLEY_BT_COV_EU27,      /**< "eu27": 1 in the EU-27 era (DEU; 0 in the long layout) */
	PARLEY_BT_COV_COUNT
} parley_backtest_covariate;

/** Name of a covariate ("width", ...; static), or NULL when out of range. */
const char *parley_backtest_covariate_name(parley_backtest_covariate k);

/** Most penalties the penalized blend chooses from (besides "no interactions"). */
#define PARLEY_BT_LAMBDA_MAX 8

/**
 * Snapping the blend's forecast to a coded position (docs/backtest.md,
 * "Snapping"). Many outcomes equal a position coded on the issue: an
 * actor's position or the reference point. With PARLEY_BT_SNAP_NEAREST the
 * blend's forecast b moves to the nearest such position x when a learned
 * model of the change in absolute error, d (sum_t c_t f_t) with d = |x - b|
 * and the terms f_t of parley_backtest_snap_term, predicts that moving
 * lowers the error (is negative). The coefficients c_t are fitted by least
 * squares of |x - y| - |b - y| (y the outcome) on the training proposals'
 * inner cross-validation forecasts b, inside each outer fold.
 */
typedef enum {
	PARLEY_BT_SNAP_OFF = 0,  /**< "off": the blend's forecast as fitted */
	PARLEY_BT_SNAP_NEAREST   /**< "nearest": to the nearest coded position when predicted to help (default) */
} parley_backtest_snap;

/** Terms f_t of the snapping model, for the nearest coded position x of a forecast b. */
typedef enum {
	PARLEY_BT_SNAP_TERM_CONSTANT = 0, /**< "constant": 1 */
	PARLEY_BT_SNAP_TERM_DISTANCE,     /**< "distance": |x - b| in scale points */
	PARLEY_BT_SNAP_TERM_CAPABILITY,   /**< "capability": capability share of the actors at x */
	PARLEY_BT_SNAP_TERM_COM,          /**< "com": 1 when x is the Commission's position */
	PARLEY_BT_SNAP_TERM_EP,           /**< "ep": 1 when x is the Parliament's position */
	PARLEY_BT_SNAP_TERM_RP,           /**< "rp": 1 when x is the reference point */
	PARLEY_BT_SNAP_TERM_PIVOT,        /**< "pivot": 1 when x is a Council pivot (pivot-lo or pivot-hi) */
	PARLEY_BT_SNAP_TERM_END,          /**< "end": 1 when x is an end of the scale (0 or 100) */
	PARLEY_BT_SNAP_TERM_COUNT
} parley_backtest_snap_term;

/** Name of a snapping rule ("off", "nearest"; static), or NULL. */
const char *parley_backtest_snap_name(parley_backtest_snap snap);

/** Name of a snapping term ("constant", ...; static), or NULL. */
const char *parley_backtest_snap_term_name(parley_backtest_snap_term term);

/** Name of a selection rule ("fixed", "nested", "penalized"; static), or NULL. */
const char *parley_backtest_select_name(parley_backtest_select select);

/** Name of a feature ("compromise", ...; static), or NULL. */
const char *parley_backtest_feature_name(parley_backtest_feature feature);

/** The feature with this name, or -1. */
int parley_backtest_feature_lookup(const char *name);

/** Options of parley_backtest_run(). */
typedef struct {
	unsigned int version;          /**< PARLEY_BACKTEST_OPTIONS_VERSION */
	unsigned int models;           /**< bit (1 << parley_backtest_model) per model to report; 0 = all */
	parley_backtest_capability capability; /**< default: votes (DEU), the column (long) */
	double com_capability;         /**< DEU: the Commission's capability; < 0: the mean member-state capability of the era */
	double ep_capability;          /**< DEU: the Parliament's capability; < 0: the same default */
	const parley_backtest_council *eu15; /**< DEU: the table for proposals before eu27_from (borrowed for the call) */
	const parley_backtest_council *eu27; /**< DEU: the table from proposal eu27_from on (borrowed for the call) */
	unsigned int eu27_from;        /**< DEU: first proposal number (prnrnmc) of the EU-27 era (default 67) */
	parley_backtest_salience_rule blank_salience; /**< default: mean of the others */
	size_t resamples;              /**< bootstrap resamples of proposals (default 2000; 0: no intervals) */
	uint64_t seed;                 /**< bootstrap seed (default PARLEY_BACKTEST_SEED) */
	parley_bdm_options bdm;        /**< expected-utility model (default paper profile, 10 rounds) */
	double median_rel_tol;         /**< tie tolerance of the median, relative to the weight (default 1e-12) */
	double nbs_tol;                /**< NBS bisection tolerance (default 1e-13) */
	unsigned int blend_features;   /**< bit (1 << parley_backtest_feature) per feature (default PARLEY_BT_BLEND_DEFAULT) */
	size_t blend_iterations;       /**< reweighting steps of the blend's least-absolute-deviations fit (default 100) */
	double blend_floor;            /**< smallest absolute residual the fit divides by (default 1e-6 scale points) */
	parley_backtest_select blend_select; /**< fixed features, nested selection of a subset, or penalized
	                                    interactions (default) */
	size_t blend_inner_folds;      /**< nested, penalized: inner folds over the training proposals; 0 =
	                                    leave one proposal out; else proposals in order of first
	                                    appearance go to fold (rank mod K) (default 10) */
	double blend_lambdas[PARLEY_BT_LAMBDA_MAX]; /**< penalized: the penalties tried after "no interactions"
	                                    (lambda = infinity), in order, each > 0; the first 0 ends the
	                                    list (default 400, 200, 100, 50) */
	parley_backtest_snap blend_snap; /**< snapping the blend's forecasts to coded positions (default
	                                    nearest); its model is fitted on the inner cross-validation
	                                    forecasts of blend_inner_folds folds (every selection rule) */
	size_t blend_outer_folds;      /**< folds of the cross-validation that scores the blend: 0 = leave
	                                    one proposal out (default); else K folds, proposals in order of
	                                    first appearance going to fold (rank mod K): its cost grows
	                                    linearly with the data instead of quadratically */
	double max_work;               /**< refuse (PARLEY_EINVAL) a run whose estimated work
	                                    (parley_backtest_work_estimate) exceeds this many operations;
	                                    0 = no limit (default PARLEY_BACKTEST_MAX_WORK) */
} parley_backtest_options;

#define PARLEY_BACKTEST_OPTIONS_VERSION 2
#define PARLEY_BACKTEST_SEED 20120604u
/** The default work limit: 10^12 estimated operations, about eight CPU minutes on the project's
 *  machine (docs/backtest.md, "Cost"). */
#define PARLEY_BACKTEST_MAX_WORK 1e12
#define PARLEY_BACKTEST_OPTIONS_INIT { PARLEY_BACKTEST_OPTIONS_VERSION, 0, \
	PARLEY_BT_CAP_DEFAULT, -1.0, -1.0, NULL, NULL, 67, PARLEY_BT_SALIENCE_MEAN, \
	2000, PARLEY_BACKTEST_SEED, PARLEY_BDM_OPTIONS_INIT, 1e-12, 1e-13, \
	PARLEY_BT_BLEND_DEFAULT, 100, 1e-6, PARLEY_BT_SELECT_PENALIZED, 10, { 400, 200, 100, 50 }, \
	PARLEY_BT_SNAP_NEAREST, 0, PARLEY_BACKTEST_MAX_WORK }

/* ------------------------------------------------------------------ */
/* Running and reading results                                          */
/* ------------------------------------------------------------------ */

typedef struct parley_backtest parley_backtest;

/**
 * Forecast every issue of `data` with every model, score the forecasts
 * against the outcomes, fit and cross-validate the blend, and bootstrap
 * the intervals. Deterministic: the same data and options give the same
 * results, bit for bit. The same as parley_backtest_create() followed by
 * parley_backtest_step() until nothing remains.
 *
 * The blend and its cross-validation run only when the blend is reported
 * (opts->models is 0 or has the blend's bit); the expected-utility model
 * only when it or the blend is.
 *
 * @param out   receives the result (caller frees with parley_backtest_free)
 * @param data  the dataset (borrowed for the call only)
 * @param opts  options, or NULL for the defaults (which, for the DEU
 *              layout, lack the Council tables: pass them)
 * @return 0; PARLEY_EINVAL (bad options; the DEU layout without both
 *         Council tables; a capability source the layout lacks; the
 *         estimated work over opts->max_work: the message says how much);
 *         PARLEY_ENOMEM.
 */
int parley_backtest_run(parley_backtest **out, const parley_backtest_data *data,
	const parley_backtest_options *opts);

/**
 * The first part of parley_backtest_run(), in steps a caller can show
 * progress between (as parley_mc_step): check the options, forecast every
 * issue with the models (the cheap part: linear in the data), and estimate
 * the work of the rest, refusing it when over opts->max_work. The result
 * is complete, and may be rendered, once parley_backtest_remaining() is 0.
 * Arguments and returns as parley_backtest_run().
 */
int parley_backtest_create(parley_backtest **out, const parley_backtest_data *data,
	const parley_backtest_options *opts);

/** The stages of a backtest after parley_backtest_create(), in order. */
typedef enum {
	PARLEY_BT_STAGE_BLEND = 0,  /**< "blend": one step per cross-validation fold, plus the fit on
	                                 every scored issue (none when the blend is not reported) */
	PARLEY_BT_STAGE_BOOTSTRAP,  /**< "bootstrap": one step per resample, plus the point scores */
	PARLEY_BT_STAGE_DONE        /**< "done" */
} parley_backtest_stage;

/** Name of a stage ("blend", "bootstrap", "done"; static), or NULL. */
const char *parley_backtest_stage_name(parley_backtest_stage stage);

/**
 * Do at most `max_steps` steps (at least one when any remains). Steps are
 * deterministic: any split into calls gives the same result, bit for bit.
 * @return 0, PARLEY_EINVAL (NULL), PARLEY_ENOMEM (the result is then
 *         unusable: free it).
 */
int parley_backtest_step(parley_backtest *bt, size_t max_steps);

/** Steps left (0: the result is complete). */
size_t parley_backtest_remaining(const parley_backtest *bt);

/**
 * Where the backtest is: the current stage, its steps done and its total.
 * Any pointer may be NULL.
 */
parley_backtest_stage parley_backtest_progress(const parley_backtest *bt, size_t *done, size_t *total);

/**
 * The estimated work of a stage in operations (multiply-adds of the blend's
 * least-squares fits, comparisons of the bootstrap's sorts; an upper bound,
 * docs/backtest.md "Cost"), or of the whole run after the models with
 * PARLEY_BT_STAGE_DONE. What opts->max_work is compared with.
 */
double parley_backtest_work_estimate(const parley_backtest *bt, parley_backtest_stage stage);

/** Free a result. NULL is a no-op. */
void parley_backtest_free(parley_backtest *bt);

/** One model's scores. An interval is [NaN, NaN] when no resample was drawn. */
typedef struct {
	parley_backtest_model model; /**< which model */
	int reported;               /**< 1 when selected in the options; a model neither reported nor needed
	                                 by one that is (the compromise model by the blend) has no scores */
	size_t n;                   /**< issues scored */
	size_t skipped[PARLEY_BT_SKIP_COUNT]; /**< used issues the model could not forecast, by reason */
	double mae;                 /**< mean absolute error */
	double rmse;                /**< root mean squared error */
	double median_ae;           /**< median absolute error */
	double within10;            /**< share of issues with |error| <= 10 */
	double within20;            /**< share of issues with |error| <= 20 */
	double mae_ci95[2];         /**< bootstrap 95% percentile interval of mae */
	double rmse_ci95[2];        /**< ... of rmse */
	double median_ae_ci95[2];   /**< ... of median_ae */
	double within10_ci95[2];    /**< ... of within10 */
	double within20_ci95[2];    /**< ... of within20 */
	size_t resamples_used;      /**< resamples in which the model had at least one issue */
} parley_backtest_stats;

/** Scores of `model` (borrowed), or NULL when out of range. */
const parley_backtest_stats *parley_backtest_model_stats(const parley_backtest *bt,
	parley_backtest_model model);

/**
 * The blend: y = sum_f w_f x_f over the selected features, fitted by least
 * absolute deviations and clipped to the scale [0, 100]; scored only by
 * leave-one-proposal-out cross-validation: each proposal's issues are
 * predicted with the weights fitted on every other proposal's issues (with
 * blend_outer_folds K: each fold of proposals' issues, on the other folds').
 * With nested selection each fold also chooses its subset of the features
 * by an inner cross-validation over its own training proposals only, so
 * the choice is part of what is cross-validated. With snapping
 * (parley_backtest_snap) each fold also fits its snapping model on its
 * training proposals only, and the held-out forecasts are snapped ones.
 */
typedef struct {
	unsigned int features;        /**< the features used (bits of parley_backtest_feature) */
	double weights[PARLEY_BT_FEATURE_COUNT];  /**< fitted on every scored issue (0 for unused features) */
	int fitted;                   /**< 0 when there were too few issues (fewer than two per weight) or
	                                   the features are collinear: the weights are then those of the
	                                   compromise model alone (1 on compromise) */
	double fold_min[PARLEY_BT_FEATURE_COUNT]; /**< smallest weight over the folds (nested: a fold that left
	                                               the feature out counts as 0) */
	double fold_max[PARLEY_BT_FEATURE_COUNT]; /**< largest weight over the folds */
	size_t folds;                 /**< cross-validation folds (one per proposal with a scored issue, or K) */
	size_t folds_unfitted;        /**< folds whose training issues could not be fitted (compromise used) */
	double cv_mae;                /**< the blend's leave-one-proposal-out MAE */
	double compromise_mae;        /**< the compromise model's MAE on the same issues */
	double ratio;                 /**< cv_mae / compromise_mae */
	double ratio_ci95[2];         /**< paired bootstrap interval of the ratio (same resamples) */
	int goal_met;                 /**< 1 when ratio <= 0.9: MAE at least 10% below the compromise model's */
	parley_backtest_select select; /**< how the features were chosen */
	size_t inner_folds;           /**< nested: the inner folds option (0 = leave one proposal out) */
	unsigned int chosen;          /**< the features `weights` uses: `features` (fixed); nested: the subset
	                                   with the smallest leave-one-proposal-out MAE on all scored issues */
	double chosen_lopo_mae;       /**< nested: that subset's plain leave-one-proposal-out MAE; optimistic,
	                                   since the subset was chosen by that very figure (NaN when fixed) */
	size_t fold_chose[PARLEY_BT_FEATURE_COUNT]; /**< folds whose chosen subset includes the feature */
	unsigned int fold_modal;      /**< the subset chosen in most folds (the smallest mask among equals) */
	size_t fold_modal_count;      /**< in how many folds */
	size_t lambda_count;          /**< penalized: penalties in the grid (0 otherwise) */
	double lambdas[PARLEY_BT_LAMBDA_MAX]; /**< penalized: the grid */
	double lambda;                /**< penalized: the penalty the inner cross-validation chooses on all
	                                   scored issues (INFINITY: no interactions); NaN otherwise */
	double interactions[2][PARLEY_BT_COV_COUNT]; /**< penalized: weights of (mean - mid) z_k [0][k] and
	                                   (ep - mid) z_k [1][k] fitted on all scored issues with `lambda` */
	double z_mean[PARLEY_BT_COV_COUNT]; /**< penalized: mean of z_k over all scored issues */
	double z_sd[PARLEY_BT_COV_COUNT];   /**< ... and its population sd (z_k is used as (z - mean) / sd; 0 when sd = 0) */
	size_t fold_lambda[PARLEY_BT_LAMBDA_MAX + 1]; /**< penalized: folds choosing no interactions [0], and
	                                   lambdas[j] [j + 1] */
	parley_backtest_snap snap;    /**< the snapping rule; the fields below are 0 when off */
	double snap_coef[PARLEY_BT_SNAP_TERM_COUNT]; /**< snapping coefficients c_t fitted on all scored issues
	                                   (on the inner cross-validation forecasts of the blend chosen there;
	                                   for interpretation, never used for the scores); 0 for a term that
	                                   is 0 on every issue */
	int snap_fitted;              /**< 0 when those could not be fitted (fewer than two issues per
	                                   coefficient, or collinear terms): no snapping */
	double snap_fold_min[PARLEY_BT_SNAP_TERM_COUNT]; /**< smallest c_t over the folds that fitted */
	double snap_fold_max[PARLEY_BT_SNAP_TERM_COUNT]; /**< largest c_t over the folds that fitted */
	size_t snap_folds_unfitted;   /**< folds whose snapping model could not be fitted (no snapping there) */
	size_t snapped;               /**< held-out forecasts moved to a coded position */
	size_t snapped_exact;         /**< of those, the ones whose outcome equals that position */
	double unsnapped_mae;         /**< the blend's leave-one-proposal-out MAE before snapping (cv_mae when off) */
	int computed;                 /**< 0 when the blend was not reported (options.models without it): it
	                                   was not fitted and the fields above are 0 */
	size_t outer_folds;           /**< the blend_outer_folds option: 0 = leave one proposal out */
} parley_backtest_blend;

/** The blend's fit and cross-validation (borrowed). */
const parley_backtest_blend *parley_backtest_blend_result(const parley_backtest *bt);

/** One issue of the dataset as the backtest saw it. */
typedef struct {
	const char *id;         /**< issue id (borrowed from the result) */
	const char *proposal;   /**< proposal key: the bootstrap's and cross-validation's unit */
	unsigned line;          /**< line of the issue's row (DEU) or outcome row (long) */
	parley_backtest_skip skip; /**< NONE when scored, else why the issue was left out */
	int has_outcome;        /**< 0 when the outcome is blank */
	double outcome;         /**< the decision outcome */
	int has_reference_point;/**< 0 when rp is blank */
	double reference_point; /**< the reference point (status quo) */
	size_t actors;          /**< actors taking part (after the blank-salience rule) */
	size_t imputed;         /**< actors whose blank salience was imputed or who were dropped */
} parley_backtest_issue;

/** Number of issues (as parley_backtest_data_issue_count()). */
size_t parley_backtest_issue_count(const parley_backtest *bt);

/** Issue `i` (borrowed), or NULL when out of range. */
const parley_backtest_issue *parley_backtest_issue_at(const parley_backtest *bt, size_t i);

/**
 * The forecast of `model` on issue `i`.
 * @param out   receives the forecast when there is one
 * @param skip  receives why there is none (may be NULL)
 * @return 1 when there is a forecast, 0 when not (issue or model skipped,
 *         indices out of range).
 */
int parley_backtest_prediction(double *out, parley_backtest_skip *skip,
	const parley_backtest *bt, size_t i, parley_backtest_model model);

/** Totals: issues scored, issues left out, and those left out for `reason`. */
size_t parley_backtest_issues_used(const parley_backtest *bt);
size_t parley_backtest_issues_skipped(const parley_backtest *bt);
size_t parley_backtest_skipped_for(const parley_backtest *bt, parley_backtest_skip reason);

/** Actors with a position and a blank salience on scored issues, and on how many issues. */
size_t parley_backtest_blank_saliences(const parley_backtest *bt, size_t *issues);

/** Number of proposals among the scored issues. */
size_t parley_backtest_proposal_count(const parley_backtest *bt);

/** The options the backtest was run with (the Council table pointers are cleared). */
const parley_backtest_options *parley_backtest_options_used(const parley_backtest *bt);

/* ------------------------------------------------------------------ */
/* Rendering                                                            */
/* ------------------------------------------------------------------ */

typedef enum {
	PARLEY_BT_OUTPUT_TEXT = 0,    /**< the table: models in rows, statistics with intervals */
	PARLEY_BT_OUTPUT_JSON,        /**< the JSON contract of docs/backtest.md */
	PARLEY_BT_OUTPUT_CSV,         /**< one row per reported model */
	PARLEY_BT_OUTPUT_PREDICTIONS  /**< CSV: one row per issue, a column per reported model */
} parley_backtest_format;

/**
 * Append the result in format `fmt` to `out`. A pure function of the
 * result: the same result gives the same bytes. JSON and CSV numbers read
 * back exactly; the text table rounds them for reading.
 * @return 0, PARLEY_EINVAL or PARLEY_ENOMEM.
 */
int parley_backtest_render(parley_buf *out, const parley_backtest *bt,
	parley_backtest_format fmt);

#ifdef __cplusplus
}
#endif
#endif
