/*
 * models.c - the one model table (parley/models.h), and running a model of it on an issue
 * (the checks every model shares). Forecast, feasibility (venues, stages),
 * Monte Carlo, backtest, the scenario reader and the CLI find models here;
 * docs/models.md says how to add one. What the model files share (the
 * workspace, gathering the actors present, zones) is in model.c, below
 * both.
 */
#include <math.h>
#include <string.h>
#include "parley/models.h"
#include "model_internal.h"

/* The models, one file each (their parley_model_type). */
extern const parley_model_type parley_model_mean, parley_model_compromise, parley_model_median,
	parley_model_nbs, parley_model_bdm, parley_model_exchange, parley_model_pivot_mid,
	parley_model_blend, parley_model_smp;

/* The table, in the order models are reported. One line per model. */
static const parley_model_type *const table[] = {
	&parley_model_mean,
	&parley_model_compromise,
	&parley_model_median,
	&parley_model_nbs,
	&parley_model_bdm,
	&parley_model_exchange,
	&parley_model_pivot_mid,
	&parley_model_blend,
	&parley_model_smp,
};

#define COUNT (sizeof(table) / sizeof(table[0]))

/* the selection is a mask of unsigned bits, results arrays PARLEY__MODEL_MAX long */
typedef char table_fits[COUNT <= PARLEY__MODEL_MAX && PARLEY__MODEL_MAX <= 32 ? 1 : -1];

size_t parley_model_count(void)
{
	return COUNT;
}

const parley_model_type *parley_model_type_at(size_t i)
{
	return i < COUNT ? table[i] : NULL;
}

const parley_model_type *parley_model_type_lookup(const char *name)
{
	size_t i;
	if (!name)
		return NULL;
	for (i = 0; i < COUNT; i++)
		if (!strcmp(table[i]->name, name))
			return table[i];
	return NULL;
}

size_t parley_model_type_index(const parley_model_type *t)
{
	size_t i;
	for (i = 0; i < COUNT; i++)
		if (table[i] == t)
			break;
	return i;
}

unsigned parley_model_default_selection(void)
{
	unsigned mask = 0;
	size_t i;
	for (i = 0; i < COUNT; i++)
		if (table[i]->by_default)
			mask |= 1u << i;
	return mask;
}

static const char msg_scope[] = "the exchange model trades across every issue of "
	"the scenario, so it runs on the whole table only";

int parley_models__run_one(parley_model_result *res, const parley_model_type *t,
	const parley_model_call *c)
{
	int rc;

	memset(res, 0, sizeof(*res));
	res->model = (parley_model_id)parley_model_type_index(t);
	if (!t->ops->run)
		rc = parley__error(PARLEY_EINVAL, PARLEY_ERROR_MODEL, "%s", msg_scope);
	else
		rc = t->ops->run(res, c);
	if (!rc && (!isfinite(res->forecast) || !isfinite(res->mean)))
		rc = parley__error(PARLEY_ERROR, PARLEY_ERROR_MODEL, "the model produced a non-finite result");
	if (rc) {
		res->error = rc;
		/* the expected failures keep a static text: the Monte Carlo runner
		 * and the stages copy nothing */
		res->message = rc == PARLEY_EZEROWEIGHT ? parley_models__msg_zero_weight :
			!t->ops->run ? msg_scope : res->message;
		return rc;
	}
	res->zone = parley_models__zone(c->is, res->forecast);
	return 0;
}

static int copy_string(parley_arena *arena, const char **str)
{
	if (*str) {
		*str = parley_arena__strndup(arena, *str, strlen(*str));
		if (!*str)
			return PARLEY_ENOMEM;
	}
	return 0;
}

int parley_models__run_set(parley_model_result *out, const parley_scenario *s, size_t issue,
	const unsigned char *member, const double *q, unsigned models,
	const parley_forecast_options *o, parley_model_ws *ws, parley_arena *arena)
{
	parley_model_call c;
	size_t m;

	c.s = s;
	c.issue = issue;
	c.is = &s->issues[issue];
	c.q = q;
	c.member = member;
	c.o = o;
	c.ws = ws;
	c.arena = arena;
	c.n = parley_models__ws_gather(ws, s, issue, member);
	for (m = 0; m < COUNT; m++) {
		parley_model_result *res = &out[m];
		int rc;

		memset(res, 0, sizeof(*res));
		res->model = (parley_model_id)m;
		if (!(models & (1u << m)))
			continue;
		rc = parley_models__run_one(res, table[m], &c);
		if (rc == PARLEY_ENOMEM)
			return rc;
		/* The results own their strings: they outlive the scenario. */
		if (rc && !res->message)
			res->message = parley_error_last()->message;
		if (copy_string(arena, &res->message) < 0 || copy_string(arena, &res->zone) < 0)
			return PARLEY_ENOMEM;
	}
	return 0;
}
