/*
 * forecast_internal.h - what forecast.c shares with feasibility.c: the
 * forecast object, the per-call workspace, and running the models over a
 * subset of actors (a venue's members) from a given status quo.
 */
#ifndef PARLEY_FORECAST_INTERNAL_H
#define PARLEY_FORECAST_INTERNAL_H

#include "scenario_internal.h"
#include "parley/forecast.h"
#include "parley/feasibility.h"

struct parley_forecast {
	parley_forecast_options opts;
	size_t issue_count;
	parley_model_result *results;           /* issue_count * PARLEY_MODEL_COUNT */
	parley_issue_feasibility *feasibility;  /* issue_count verdicts */
	size_t stage_step_count;
	parley_stage_step *stage_steps;         /* in the arena */
	parley_exchange_record *exchanges;      /* the exchange model's exchanges (arena) */
	size_t exchange_count;
	parley_exchange_status exchange_status;
	size_t exchange_rounds;
	parley_package_result *packages;        /* owned; NULL when none */
	parley_arena arena;                     /* messages, zone names, trajectories, views */
};

/* Scratch arrays sized for every actor of the scenario; allocated once per
 * call, never inside a model loop. */
typedef struct {
	double *x, *c, *sal, *w, *a;
	size_t *idx;
	size_t *actor;              /* scenario index of each gathered actor */
	parley_bdm_workspace *bdm;  /* NULL until the expected-utility model runs */
	size_t bdm_n;               /* actors the bdm workspace was sized for */
} workspace;

int parley_forecast__ws_init(workspace *ws, size_t actors);
void parley_forecast__ws_dispose(workspace *ws);

/* Gather the stances of issue `issue` of the actors present on it (and
 * with member[k] set, when member is not NULL). Returns their count. */
size_t parley_forecast__ws_gather(workspace *ws, const parley_scenario *s, size_t issue,
	const unsigned char *member);

/* Run the models of mask `models` over the members present on `issue` from status
 * quo *q (NULL: none) into out[PARLEY_MODEL_COUNT]; strings and
 * trajectories go to the forecast's arena. Returns 0 or PARLEY_ENOMEM. */
int parley_forecast__run_models(parley_forecast *f, const parley_scenario *s, size_t issue,
	const unsigned char *member, const double *q, unsigned models, workspace *ws,
	parley_model_result *out);

/* One model on the n actors gathered in ws, from status quo *q (NULL: none);
 * no trajectory is kept and nothing is allocated once the workspace holds a
 * bdm workspace large enough. Returns 0 or the model's error. */
int parley_forecast__run_one(parley_model_result *res, const parley_issue *is, const double *q,
	workspace *ws, size_t n, parley_model_id m, const parley_forecast_options *o);

/* Scratch arrays of the feasibility code, grown on demand. */
typedef struct {
	double *x, *w, *pop;
	size_t *order, *who;
	size_t alloc;
} parley_fz_scratch;

void parley_fz_scratch__dispose(parley_fz_scratch *sc);

/* A ratification body's members on one issue, expanded (blocs into their
 * members): n ideal points and weights; n == 0 when the body does not judge it. */
typedef struct {
	const double *x, *w;
	size_t n;
	double threshold;
} parley_body_view;

/* parley_feasibility__quick() for an issue with a status quo q, no venues,
 * no red lines and no ratification bodies, from the positions x[0, n) of
 * the actors present: 1 when an agreement is possible (the unanimity
 * win-set of q meets the scale), 0 when not or when n = 0. */
int parley_feasibility__plain(const parley_issue *is, double q, const double *x, size_t n);

/* The verdict of one draw on issue i: whether an agreement is possible and,
 * per body (bodies[b] for this issue), whether part of it could be ratified
 * (1, 0, or -1 when the body does not judge the issue). */
int parley_feasibility__quick(const parley_scenario *s, size_t i, const parley_body_view *bodies,
	parley_fz_scratch *sc, unsigned char *mask, int *possible, signed char *ratified);

/* The model of a stage: its own, else NBS under consensus and bilateral
 * rules, the weighted median under majority rules. */
const char *parley_stage__model(const parley_stage *stage, const parley_venue *ve);

/* Red lines, venues, ratification and stages for every issue (feasibility.c). */
int parley_feasibility__compute(parley_forecast *f, const parley_scenario *s, workspace *ws);

#endif
