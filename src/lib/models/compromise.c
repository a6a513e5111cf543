/*
 * compromise.c - the compromise model (shared/specs/models.md section 1):
 * the weighted mean of the positions with weights capability x salience
 * (van den Bos 1991; Achen 2006), parley_weighted_mean() of mean.c.
 */
#include "model_internal.h"

static int run(parley_model_result *res, const parley_model_call *c)
{
	return parley_weighted_mean(&res->forecast, c->ws->x, c->ws->w, c->n);
}

static const struct parley_model_ops ops = { .run = run };

const parley_model_type parley_model_compromise = {
	.name = "compromise",
	.title = "Compromise model",
	.summary = "weighted mean with weights capability x salience (van den Bos 1991; Achen 2006)",
	.by_default = 1,
	.ops = &ops,
};
