/*
 * blend.c - the backtest's blend (docs/backtest.md): a least-absolute-
 * deviations combination of the models and the Council's pivots, with
 * coefficients fitted on the development set. A forecast has no fitted
 * coefficients to apply: until a fit file exists (issue 17, `parley fit`)
 * the entry says so on every issue instead of inventing them. The backtest
 * fits and scores it itself (src/lib/backtest).
 */
#include "model_internal.h"

static const char msg_no_fit[] = "the blend needs fitted coefficients (a fit file), which "
	"parley cannot read yet: run `parley backtest` to fit and score it";

static int run(parley_model_result *res, const parley_model_call *c)
{
	(void)c;
	res->message = msg_no_fit;
	return parley__error(PARLEY_EINVAL, PARLEY_ERROR_MODEL, "%s", msg_no_fit);
}

static const struct parley_model_ops ops = { .run = run };

const parley_model_type parley_model_blend = {
	.name = "blend",
	.title = "Blend (fitted)",
	.summary = "least-absolute-deviations blend of the models and the pivots, fitted by the backtest",
	.needs = PARLEY_MODEL_NEEDS_FIT,
	.ops = &ops,
};
