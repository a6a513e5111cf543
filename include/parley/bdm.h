/*
 * parley/bdm.h - Bueno de Mesquita's expected-utility model (the
 * "Predictioneer" model, BDM 1985/1994) as reconstructed by Scholz, Calbert
 * and Smith (2011): actors challenge, compromise and capitulate round by
 * round, and the weighted median moves.
 *
 * Specification: shared/specs/models.md section 4 (equation numbers there
 * are Scholz et al.'s); docs/models.md for users.
 *
 * One engine, two profiles:
 * - PARLEY_BDM_PAPER (default): every rule traceable to a printed equation
 *   or figure of Scholz et al. (probability eq. 31, own perception,
 *   capitulation enabled, offer selection by category then least movement).
 *   Probabilities of all pairs in O(n^2 log n) per round.
 * - PARLEY_BDM_COMPAT: reproduces the published trajectory of Scholz et al.
 *   Table 2 (jmckib's code): global-denominator probabilities, receiver's
 *   perception, no capitulation, jmckib's selection. O(n^3) per round.
 *
 * Usage follows GSL's iterate/test decomposition: allocate a workspace for
 * n actors, set the problem, then iterate rounds until the status is no
 * longer PARLEY_BDM_CONTINUE. The workspace owns every array it returns;
 * nothing is allocated after parley_bdm_workspace_alloc().
 *
 * Thread-safety: a workspace is used by one thread at a time; separate
 * workspaces are independent.
 */
#ifndef PARLEY_BDM_H
#define PARLEY_BDM_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	PARLEY_BDM_PAPER = 0, /**< rules traceable to Scholz et al.'s equations (default) */
	PARLEY_BDM_COMPAT     /**< reproduces Scholz et al. Table 2 (jmckib code) */
} parley_bdm_profile;

/** How a receiver chooses among several offers (models.md 4.3 step G). PAPER only. */
typedef enum {
	PARLEY_BDM_SELECT_CATEGORY = 0, /**< conflict, then compromise, then capitulation; least movement */
	PARLEY_BDM_SELECT_LEAST,        /**< least movement, whatever the kind */
	PARLEY_BDM_SELECT_MAX_EU        /**< largest proposer EU first, then least movement */
} parley_bdm_selection;

/** Which range Delta normalises distances (models.md 4.2). */
typedef enum {
	PARLEY_BDM_RANGE_INITIAL = 0, /**< max - min of the initial positions, fixed for the run */
	PARLEY_BDM_RANGE_SCALE        /**< the issue's scale hi - lo */
} parley_bdm_range;

/** Run status. */
typedef enum {
	PARLEY_BDM_CONTINUE = 0,        /**< more rounds may change positions */
	PARLEY_BDM_FIXED_POINT,         /**< no actor moved more than eps * Delta in the last round */
	PARLEY_BDM_MAX_ROUNDS,          /**< the round limit was reached */
	PARLEY_BDM_DEGENERATE_RANGE     /**< Delta = 0: every actor at one position */
} parley_bdm_status;

/** Options of the model. */
typedef struct {
	unsigned int version;           /**< PARLEY_BDM_OPTIONS_VERSION */
	parley_bdm_profile profile;     /**< paper (default) or compat */
	double q;                       /**< Q: probability j stays put if not challenged (default 1.0) */
	parley_bdm_selection selection; /**< offer selection (PAPER profile; default category) */
	parley_bdm_range range;         /**< Delta: initial spread (default) or the scale */
	size_t max_rounds;              /**< round limit tau (default 10) */
	double eps;                     /**< fixed-point tolerance relative to Delta (default 1e-9) */
	uint64_t max_evaluations;       /**< work limit: parley_bdm_set() refuses (PARLEY_EINVAL) a
	                                     problem whose n^2 x max_rounds pair evaluations exceed it
	                                     (0: the default, PARLEY_BDM_MAX_EVALUATIONS, about ten
	                                     seconds: 3162 actors at 10 rounds, 10^4 at 1 round) */
} parley_bdm_options;

#define PARLEY_BDM_MAX_EVALUATIONS UINT64_C(100000000)

#define PARLEY_BDM_OPTIONS_VERSION 1
#define PARLEY_BDM_OPTIONS_INIT { PARLEY_BDM_OPTIONS_VERSION, PARLEY_BDM_PAPER, 1.0, \
	PARLEY_BDM_SELECT_CATEGORY, PARLEY_BDM_RANGE_INITIAL, 10, 1e-9, 0 }

/** Kinds of offers (models.md 4.3 step F). */
typedef enum {
	PARLEY_BDM_OFFER_NONE = 0,     /**< no offer received: the actor stays */
	PARLEY_BDM_OFFER_CONFLICT,     /**< both expect to gain; the receiver loses and moves fully */
	PARLEY_BDM_OFFER_COMPROMISE,   /**< the proposer has the upper hand; the receiver moves part way */
	PARLEY_BDM_OFFER_CAPITULATION  /**< the receiver gives in fully */
} parley_bdm_offer_kind;

/** The offer an actor accepted in the last round. An actor that accepted
 * none has kind NONE, proposer = itself, position = its current position
 * and a = b = 0. */
typedef struct {
	parley_bdm_offer_kind kind; /**< NONE when the actor stays */
	size_t proposer;            /**< index of the challenger (when kind != NONE) */
	double position;            /**< the position the receiver moves to */
	double eu_proposer;         /**< a = EU of the proposer challenging the receiver */
	double eu_receiver;         /**< b = EU of the receiver challenging the proposer */
} parley_bdm_offer;

typedef struct parley_bdm_workspace parley_bdm_workspace;

/**
 * Allocate a workspace for up to `n` actors. With `trace` non-zero it also
 * keeps the n x n matrices of the last round (P, EU1, EU) for inspection,
 * which costs 3 n^2 doubles; without it memory is O(n).
 * @return 0, PARLEY_EINVAL (n < 2) or PARLEY_ENOMEM.
 */
int parley_bdm_workspace_alloc(parley_bdm_workspace **out, size_t n, int trace);

/** Free a workspace. NULL is a no-op. */
void parley_bdm_workspace_free(parley_bdm_workspace *ws);

/**
 * Set the problem: n actors (n <= the workspace's size, n >= 2) with
 * positions x on [lo, hi], capabilities c >= 0 and saliences s in [0, 1].
 * The arrays are copied. Computes round 0 (initial median, mean, Delta).
 * @return 0; PARLEY_EINVAL for bad input; PARLEY_EZEROWEIGHT when every
 *         c_i s_i is zero.
 */
int parley_bdm_set(parley_bdm_workspace *ws, const double *x, const double *c,
	const double *s, size_t n, double lo, double hi, const parley_bdm_options *opts);

/**
 * Run one round (models.md 4.3 steps A-H) and update the status.
 * Calling it when the status is no longer CONTINUE does nothing.
 * @return 0 or PARLEY_EINVAL (workspace not set).
 */
int parley_bdm_iterate(parley_bdm_workspace *ws);

/** The current status. */
parley_bdm_status parley_bdm_test(const parley_bdm_workspace *ws);

/** Rounds run so far. */
size_t parley_bdm_rounds(const parley_bdm_workspace *ws);

/** Current positions (n values, borrowed, valid until the next call). */
const double *parley_bdm_positions(const parley_bdm_workspace *ws);

/** Weighted median (tie rule lower) of the current positions. */
double parley_bdm_median(const parley_bdm_workspace *ws);

/** Compromise mean sum c s x / sum c s of the current positions. */
double parley_bdm_mean(const parley_bdm_workspace *ws);

/** Delta, the range used to normalise distances. */
double parley_bdm_range_used(const parley_bdm_workspace *ws);

/** Risk exponents r_i of the last round (n values, borrowed), or NULL before round 1. */
const double *parley_bdm_risk(const parley_bdm_workspace *ws);

/** Offers accepted in the last round (n values, borrowed), or NULL before round 1. */
const parley_bdm_offer *parley_bdm_offers(const parley_bdm_workspace *ws);

/**
 * The last round's matrices (row i, column j, n x n, row-major, borrowed):
 * `which` is 'P' (probability i beats j), '1' (EU1, risk-neutral pass) or
 * 'E' (EU with risk exponents; PAPER: E^i(U_ij) with r_i). NULL without
 * trace or before round 1. Pairs with x_i == x_j are skipped by the model
 * (models.md 4.3 B); their entries are 0. In the COMPAT profile 'P' is the
 * second-pass matrix (voters' risk exponents) and 'E' is EU(i->j; r_i) as in
 * the test vectors, although COMPAT decisions use the receiver's view.
 */
const double *parley_bdm_matrix(const parley_bdm_workspace *ws, char which);

/** Human names: "paper", "fixed_point", "conflict", ... (static strings). */
const char *parley_bdm_profile_name(parley_bdm_profile p);
const char *parley_bdm_status_name(parley_bdm_status s);
const char *parley_bdm_offer_name(parley_bdm_offer_kind k);
const char *parley_bdm_selection_name(parley_bdm_selection s);

#ifdef __cplusplus
}
#endif
#endif
