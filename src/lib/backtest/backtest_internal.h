/*
 * backtest_internal.h - the dataset and Council-table objects of
 * parley/backtest.h, shared by the reader (backtest_read.c), the runner
 * (backtest.c) and the renderers (backtest_output.c).
 *
 * Invariants of a loaded parley_backtest_data:
 * - every string lives in the dataset's arena and is NUL-terminated;
 * - issue ids are unique; issues are in input order (DEU rows, or the rows
 *   of the long layout's outcomes table);
 * - entries[first .. first + count) are the issue's actors with a position,
 *   in input order; every position, salience, rp and outcome is finite and
 *   in [0, 100]; every capability and vote count is finite and >= 0;
 * - DEU entries have actor in [0, PARLEY_BT__DEU_ACTORS); long entries
 *   have actor = PARLEY_BT__DEU_EP for the actor named "ep",
 *   PARLEY_BT__DEU_COM for "com" and -1 else.
 */
#ifndef PARLEY_BACKTEST_INTERNAL_H
#define PARLEY_BACKTEST_INTERNAL_H

#include "scenario_internal.h"
#include "parley/backtest.h"

/* The DEU actors: com, ep, then the member states (DEU column codes). */
#define PARLEY_BT__DEU_ACTORS 29
#define PARLEY_BT__DEU_COM 0
#define PARLEY_BT__DEU_EP 1
extern const char *const parley_bt__deu_actor[PARLEY_BT__DEU_ACTORS];

/* Procedures of EU legislation. */
enum { PARLEY_BT__PROC_UNKNOWN = 0, PARLEY_BT__PROC_COD, PARLEY_BT__PROC_CNS };

typedef struct {
	int actor;        /* DEU: index into parley_bt__deu_actor; long: EP, COM or -1 */
	const char *name; /* actor's name as written (arena) */
	double x;         /* position, 0-100 */
	int has_s;        /* 0 when the salience is blank */
	double s;         /* salience, 0-100 */
	double c;         /* long: capability */
	int has_votes;    /* long: 1 when the votes cell is filled */
	double votes;     /* long: Council votes */
} parley_bt__entry;

typedef struct {
	const char *id;        /* issue id (arena) */
	const char *proposal;  /* proposal key (arena) */
	unsigned line;         /* line of the row (DEU) or of the outcome row (long) */
	unsigned long number;  /* DEU: proposal number prnrnmc; long: 0 */
	int procedure;         /* PARLEY_BT__PROC_* */
	int has_out, has_rp;
	double out, rp;
	int has_quota;         /* long: the quota cell is filled */
	double quota;          /* long: share of the voting members' votes needed */
	size_t first, count;   /* entries of the issue */
} parley_bt__issue;

struct parley_backtest_data {
	parley_arena arena;
	parley_backtest_layout layout;
	const char *path, *outcomes_path;
	char sha256[65], outcomes_sha256[65];
	parley_bt__issue *issues;
	size_t issue_count;
	parley_bt__entry *entries;
	size_t entry_count;
};

struct parley_backtest_council {
	parley_arena arena;
	const char *path;
	size_t n;
	const char **abbr;
	double *votes, *banzhaf, *shapley;
	double quota, total;
};

/* Member `abbr` of the table, or -1. */
long parley_bt__council_find(const parley_backtest_council *c, const char *abbr);

/* For the renderers: the input's path and SHA-256 (outcomes table when
 * `outcomes`), and the layout with the Commission's and Parliament's
 * capabilities per era (EU-15, EU-27). */
const char *parley_bt__path(const parley_backtest *bt, int outcomes, const char **sha);
parley_backtest_layout parley_bt__layout(const parley_backtest *bt, double *com, double *ep);

/* The normal equations of (iteratively reweighted) least squares
 * (backtest.c): A (k x k, upper triangle only) += sum_t w_t x_t x_t^T and
 * r += sum_t w_t x_t y_t over the m rows x_t of X (k columns, row-major),
 * w_t = 1 when prev is NULL, else 1 / max(|y_t - x_t prev|, floor_). With
 * use_avx2 (only where parley_bt__have_avx2()) four columns at a time; each
 * element is still a product then a sum, over the rows in order: the same
 * bits as the portable loop. */
void parley_bt__normal_equations(double *A, double *r, const double *X, const double *y, size_t m,
	size_t k, const double *prev, double floor_, int use_avx2);
int parley_bt__have_avx2(void);

#endif
