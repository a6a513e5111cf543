/*
 * feasibility_internal.h - what feasibility.c shares with the forecast and
 * the Monte Carlo runner: the verdicts of every issue (red lines, venues,
 * ratification, stages; the models of the table run over a venue's members
 * through the registry, src/lib/models), and the quick verdict of one draw.
 */
#ifndef PARLEY_FEASIBILITY_INTERNAL_H
#define PARLEY_FEASIBILITY_INTERNAL_H

#include "model_internal.h"
#include "parley/feasibility.h"

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

/* What parley_feasibility__compute() reads and makes: the models' options
 * and selection (opts->models, run over each venue's members and for each
 * stage), the arena for what outlives the call, and the verdicts (one per
 * issue, parley__calloc'd: the caller frees them) and the stage steps (in
 * the arena). */
typedef struct {
	const parley_forecast_options *opts;
	parley_arena *arena;
	parley_issue_feasibility *feasibility;
	parley_stage_step *stage_steps;
	size_t stage_step_count;
} parley_fz_run;

/* Red lines, venues, ratification and stages for every issue. */
int parley_feasibility__compute(parley_fz_run *f, const parley_scenario *s, parley_model_ws *ws);

#endif
