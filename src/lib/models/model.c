/*
 * model.c - what the model files and the callers of the table share: the
 * workspace of one call (arrays for every actor, and each model's own
 * workspace), gathering the actors present on an issue, the zone a forecast
 * falls in. Below the model files and the table: it calls neither.
 */
#include <string.h>
#include "model_internal.h"

const char parley_models__msg_zero_weight[] = "every actor on this issue has zero weight";

void parley_models__ws_dispose(parley_model_ws *ws)
{
	size_t m;
	parley__free(ws->x);
	parley__free(ws->c);
	parley__free(ws->sal);
	parley__free(ws->w);
	parley__free(ws->a);
	parley__free(ws->tmp);
	parley__free(ws->idx);
	parley__free(ws->actor);
	for (m = 0; m < PARLEY__MODEL_MAX; m++)
		if (ws->own[m])
			ws->own_type[m]->ops->ws_free(ws->own[m]);
	memset(ws, 0, sizeof(*ws));
}

int parley_models__ws_init(parley_model_ws *ws, size_t actors)
{
	size_t n = actors ? actors : 1;
	memset(ws, 0, sizeof(*ws));
	ws->x = parley__malloc(n * sizeof(double));
	ws->c = parley__malloc(n * sizeof(double));
	ws->sal = parley__malloc(n * sizeof(double));
	ws->w = parley__malloc(n * sizeof(double));
	ws->a = parley__malloc(n * sizeof(double));
	ws->tmp = parley__malloc(n * sizeof(double));
	ws->idx = parley__malloc(n * sizeof(size_t));
	ws->actor = parley__malloc(n * sizeof(size_t));
	if (!ws->x || !ws->c || !ws->sal || !ws->w || !ws->a || !ws->tmp || !ws->idx || !ws->actor) {
		parley_models__ws_dispose(ws);
		return PARLEY_ENOMEM;
	}
	return 0;
}

int parley_models__own(void **out, parley_model_ws *ws, const parley_model_type *t, size_t n)
{
	size_t m;
	int error;
	/* the model's slot, or the first free one */
	for (m = 0; m < PARLEY__MODEL_MAX && ws->own_type[m] && ws->own_type[m] != t; m++)
		;
	if (m == PARLEY__MODEL_MAX || !t->ops->ws_fit || !t->ops->ws_free)
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "model '%s' has no workspace",
			t->name);
	ws->own_type[m] = t;
	if ((error = t->ops->ws_fit(&ws->own[m], &ws->own_n[m], n)) < 0)
		return error;
	*out = ws->own[m];
	return 0;
}

/* Copy the stances of the actors present on `issue` into the workspace;
 * salience is rescaled from 0-100 to the models' 0-1. Returns their count. */
size_t parley_models__ws_gather(parley_model_ws *ws, const parley_scenario *s, size_t issue,
	const unsigned char *member)
{
	/* through locals: the stores could alias the workspace and the
	 * scenario for the compiler, which would reload them per actor (the
	 * Monte Carlo runner gathers once per issue and draw) */
	const size_t na = s->actor_count;
	const parley_stance *row = s->stances + issue * na;
	double *x = ws->x, *c = ws->c, *sal = ws->sal, *w = ws->w;
	size_t *actor = ws->actor, n = 0, k;

	for (k = 0; k < na; k++) {
		const parley_stance *st = &row[k];
		double cap, sk;
		if (!st->present || (member && !member[k]))
			continue;
		cap = st->capability.value;
		sk = st->salience.value / 100.0;
		x[n] = st->position.value;
		c[n] = cap;
		sal[n] = sk;
		w[n] = cap * sk;
		actor[n] = k;
		n++;
	}
	return n;
}

const char *parley_models__zone(const parley_issue *is, double y)
{
	size_t k;
	for (k = 0; k < is->zone_count; k++)
		if (y >= is->zones[k].lo && y <= is->zones[k].hi)
			return is->zones[k].name;
	return NULL;
}

