/*
 * backtest_output.c - renders a backtest as a text table, JSON, a CSV of
 * the scores and a CSV of the per-issue predictions (parley/backtest.h,
 * docs/backtest.md). Each renderer is a pure function of the result, so
 * the same result gives the same bytes; JSON and CSV print doubles so that
 * they read back exactly (parley_buf__double), the text table rounds them.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "backtest_internal.h"
#include "json.h"

#define NM parley_backtest_model_count()
#define NF PARLEY_BT_FEATURE_COUNT
#define NZ PARLEY_BT_COV_COUNT
#define NT PARLEY_BT_SNAP_TERM_COUNT

/* Name of the penalized blend's interaction j (0 .. 2 NZ): "mean*width", ..., "ep*eu27". */
static void interaction_name(char *out, size_t size, size_t j)
{
	snprintf(out, size, "%s*%s", j < NZ ? "mean" : "ep",
		parley_backtest_covariate_name((parley_backtest_covariate)(j % NZ)));
}

/* {"name": v, ...} of the covariates (`which` 0: means, 1: sds) or the 2 NZ interactions (2). */
static void json_penalized_map(parley_json *w, const parley_backtest_blend *bl, int which)
{
	char name[40];
	size_t j, n = which == 2 ? 2 * NZ : NZ;
	parley_json__begin_object(w);
	for (j = 0; j < n; j++) {
		if (which == 2)
			interaction_name(name, sizeof(name), j);
		else
			snprintf(name, sizeof(name), "%s", parley_backtest_covariate_name((parley_backtest_covariate)j));
		parley_json__knumber(w, name, which == 2 ? bl->interactions[j / NZ][j % NZ] :
			which ? bl->z_sd[j] : bl->z_mean[j]);
	}
	parley_json__end_object(w);
}

static const char *capability_name(parley_backtest_capability c)
{
	switch (c) {
	case PARLEY_BT_CAP_VOTES: return "votes";
	case PARLEY_BT_CAP_BANZHAF: return "banzhaf";
	case PARLEY_BT_CAP_SHAPLEY: return "shapley";
	case PARLEY_BT_CAP_EQUAL: return "equal";
	case PARLEY_BT_CAP_DATA: return "data";
	default: return "default";
	}
}

static const char *salience_rule_name(parley_backtest_salience_rule r)
{
	return r == PARLEY_BT_SALIENCE_DROP ? "drop" : "mean";
}

/* ---- JSON ---- */

static void json_vec(parley_json *w, const double *v, size_t n)
{
	size_t i;
	parley_json__begin_array(w);
	for (i = 0; i < n; i++)
		parley_json__number(w, v[i]);
	parley_json__end_array(w);
}

/* ["feature", ...] of a feature mask. */
static void json_mask(parley_json *w, unsigned mask)
{
	size_t k;
	parley_json__begin_array(w);
	for (k = 0; k < NF; k++)
		if (mask >> k & 1u)
			parley_json__string(w, parley_backtest_feature_name((parley_backtest_feature)k));
	parley_json__end_array(w);
}

/* feature,feature,... of a feature mask. */
static int text_mask(parley_buf *b, unsigned mask)
{
	int error = 0, first = 1;
	size_t k;
	for (k = 0; k < NF; k++)
		if (mask >> k & 1u) {
			PARLEY_TRY(parley_buf__printf(b, "%s%s", first ? "" : ",",
				parley_backtest_feature_name((parley_backtest_feature)k)));
			first = 0;
		}
done:
	return error;
}

/* {"feature": w, ...} over the blend's features. */
static void json_weights(parley_json *w, const parley_backtest_blend *bl, const double *v)
{
	size_t k;
	parley_json__begin_object(w);
	for (k = 0; k < NF; k++)
		if (bl->features >> k & 1u)
			parley_json__knumber(w, parley_backtest_feature_name((parley_backtest_feature)k), v[k]);
	parley_json__end_object(w);
}

/* {"reason": n, ...} of the non-zero counts. */
static void json_skips(parley_json *w, const size_t *counts)
{
	size_t k;
	parley_json__begin_object(w);
	for (k = 1; k < PARLEY_BT_SKIP_COUNT; k++)
		if (counts[k])
			parley_json__kuint(w, parley_backtest_skip_name((parley_backtest_skip)k), counts[k]);
	parley_json__end_object(w);
}

/* {"term": c, ...} of the snapping coefficients v. */
static void json_snap_terms(parley_json *w, const double *v)
{
	size_t t;
	parley_json__begin_object(w);
	for (t = 0; t < NT; t++)
		parley_json__knumber(w, parley_backtest_snap_term_name((parley_backtest_snap_term)t), v[t]);
	parley_json__end_object(w);
}

/* "snap": {...} of the blend. */
static void json_snap(parley_json *w, const parley_backtest_blend *bl)
{
	parley_json__key(w, "snap");
	parley_json__begin_object(w);
	parley_json__kstring(w, "rule", parley_backtest_snap_name(bl->snap));
	if (bl->snap == PARLEY_BT_SNAP_NEAREST) {
		parley_json__key(w, "coefficients");
		json_snap_terms(w, bl->snap_coef);
		parley_json__kbool(w, "fitted", bl->snap_fitted);
		parley_json__key(w, "fold_min");
		json_snap_terms(w, bl->snap_fold_min);
		parley_json__key(w, "fold_max");
		json_snap_terms(w, bl->snap_fold_max);
		parley_json__kuint(w, "folds_unfitted", bl->snap_folds_unfitted);
		parley_json__kuint(w, "snapped", bl->snapped);
		parley_json__kuint(w, "snapped_exact", bl->snapped_exact);
	}
	parley_json__knumber(w, "unsnapped_mae", bl->unsnapped_mae);
	parley_json__end_object(w);
}

/* One model's scores: "name": {"n": ..., "resamples_used": ...}. */
static void json_stats(parley_json *w, const char *name, const parley_backtest_stats *s)
{
	parley_json__key(w, name);
	parley_json__begin_object(w);
	parley_json__kuint(w, "n", s->n);
	parley_json__key(w, "skipped");
	json_skips(w, s->skipped);
	parley_json__knumber(w, "mae", s->mae);
	parley_json__knumber(w, "rmse", s->rmse);
	parley_json__knumber(w, "median_ae", s->median_ae);
	parley_json__knumber(w, "within10", s->within10);
	parley_json__knumber(w, "within20", s->within20);
	parley_json__key(w, "mae_ci95");
	json_vec(w, s->mae_ci95, 2);
	parley_json__key(w, "rmse_ci95");
	json_vec(w, s->rmse_ci95, 2);
	parley_json__key(w, "median_ae_ci95");
	json_vec(w, s->median_ae_ci95, 2);
	parley_json__key(w, "within10_ci95");
	json_vec(w, s->within10_ci95, 2);
	parley_json__key(w, "within20_ci95");
	json_vec(w, s->within20_ci95, 2);
	parley_json__kuint(w, "resamples_used", s->resamples_used);
	parley_json__end_object(w);
}

/* "blend": {...}, the fitted blend and how it was chosen. */
static void json_blend(parley_json *w, const parley_backtest_blend *bl)
{
	size_t k;

	parley_json__key(w, "blend");
	parley_json__begin_object(w);
	parley_json__key(w, "features");
	json_mask(w, bl->features);
	parley_json__kstring(w, "select", parley_backtest_select_name(bl->select));
	if (bl->select == PARLEY_BT_SELECT_NESTED) {
		parley_json__kuint(w, "inner_folds", bl->inner_folds);
		parley_json__key(w, "chosen");
		json_mask(w, bl->chosen);
		parley_json__knumber(w, "chosen_lopo_mae", bl->chosen_lopo_mae);
		parley_json__key(w, "fold_chose");
		parley_json__begin_object(w);
		for (k = 0; k < NF; k++)
			if (bl->features >> k & 1u)
				parley_json__kuint(w, parley_backtest_feature_name((parley_backtest_feature)k),
					bl->fold_chose[k]);
		parley_json__end_object(w);
		parley_json__key(w, "fold_modal");
		json_mask(w, bl->fold_modal);
		parley_json__kuint(w, "fold_modal_count", bl->fold_modal_count);
	}
	if (bl->select == PARLEY_BT_SELECT_PENALIZED) {
		parley_json__kuint(w, "inner_folds", bl->inner_folds);
		parley_json__key(w, "lambdas");
		json_vec(w, bl->lambdas, bl->lambda_count);
		parley_json__knumber(w, "lambda", bl->lambda);
		parley_json__key(w, "fold_lambda");
		parley_json__begin_array(w);
		for (k = 0; k <= bl->lambda_count; k++)
			parley_json__uint(w, bl->fold_lambda[k]);
		parley_json__end_array(w);
		parley_json__key(w, "interactions");
		json_penalized_map(w, bl, 2);
		parley_json__key(w, "z_mean");
		json_penalized_map(w, bl, 0);
		parley_json__key(w, "z_sd");
		json_penalized_map(w, bl, 1);
	}
	parley_json__kstring(w, "fit", "least absolute deviations");
	parley_json__key(w, "weights");
	json_weights(w, bl, bl->weights);
	parley_json__kbool(w, "fitted", bl->fitted);
	parley_json__key(w, "fold_min");
	json_weights(w, bl, bl->fold_min);
	parley_json__key(w, "fold_max");
	json_weights(w, bl, bl->fold_max);
	parley_json__kuint(w, "folds_unfitted", bl->folds_unfitted);
	json_snap(w, bl);
	parley_json__kuint(w, "folds", bl->folds);
	if (bl->outer_folds) /* absent: leave one proposal out */
		parley_json__kuint(w, "outer_folds", bl->outer_folds);
	parley_json__knumber(w, "cv_mae", bl->cv_mae);
	parley_json__knumber(w, "compromise_mae", bl->compromise_mae);
	parley_json__knumber(w, "ratio", bl->ratio);
	parley_json__key(w, "ratio_ci95");
	json_vec(w, bl->ratio_ci95, 2);
	parley_json__knumber(w, "goal", 0.9);
	parley_json__kbool(w, "goal_met", bl->goal_met);
	parley_json__end_object(w);
}

/* One line of dataset and options, one line per model, one for the blend. */
static int render_json(parley_buf *b, const parley_backtest *bt)
{
	const parley_backtest_options *o = parley_backtest_options_used(bt);
	const parley_backtest_blend *bl = parley_backtest_blend_result(bt);
	size_t counts[PARLEY_BT_SKIP_COUNT], k, blank_issues, blank = parley_backtest_blank_saliences(bt, &blank_issues);
	const char *sha, *path = parley_bt__path(bt, 0, &sha);
	double com[2], ep[2];
	parley_backtest_layout layout = parley_bt__layout(bt, com, ep);
	parley_json w;
	unsigned m;
	int error;

	parley_json__init(&w, b);
	parley_json__begin_object(&w);
	parley_json__kstring(&w, "parley_version", parley_version());
	parley_json__key(&w, "dataset");
	parley_json__begin_object(&w);
	parley_json__kstring(&w, "path", path);
	parley_json__kstring(&w, "sha256", sha);
	parley_json__kstring(&w, "layout", layout == PARLEY_BACKTEST_DEU ? "deu" : "long");
	if (layout == PARLEY_BACKTEST_LONG) {
		path = parley_bt__path(bt, 1, &sha);
		parley_json__key(&w, "outcomes");
		parley_json__begin_object(&w);
		parley_json__kstring(&w, "path", path);
		parley_json__kstring(&w, "sha256", sha);
		parley_json__end_object(&w);
	}
	parley_json__end_object(&w);
	parley_json__kuint(&w, "seed", o->seed);
	parley_json__kuint(&w, "resamples", o->resamples);
	parley_json__key(&w, "capability");
	parley_json__begin_object(&w);
	parley_json__kstring(&w, "source", capability_name(o->capability));
	if (layout == PARLEY_BACKTEST_DEU) {
		parley_json__kuint(&w, "eu27_from", o->eu27_from);
		parley_json__key(&w, "com");
		json_vec(&w, com, 2);
		parley_json__key(&w, "ep");
		json_vec(&w, ep, 2);
	}
	parley_json__end_object(&w);
	parley_json__key(&w, "blank_salience");
	parley_json__begin_object(&w);
	parley_json__kstring(&w, "rule", salience_rule_name(o->blank_salience));
	parley_json__kuint(&w, "actors", blank);
	parley_json__kuint(&w, "issues", blank_issues);
	parley_json__end_object(&w);
	parley_json__kuint(&w, "issues_read", parley_backtest_issue_count(bt));
	parley_json__kuint(&w, "issues_used", parley_backtest_issues_used(bt));
	parley_json__kuint(&w, "issues_skipped", parley_backtest_issues_skipped(bt));
	for (k = 0; k < PARLEY_BT_SKIP_COUNT; k++)
		counts[k] = parley_backtest_skipped_for(bt, (parley_backtest_skip)k);
	parley_json__key(&w, "skipped");
	json_skips(&w, counts);
	parley_json__kuint(&w, "proposals", parley_backtest_proposal_count(bt));
	parley_json__key(&w, "models");
	parley_json__begin_object(&w);
	for (m = 0; m < NM; m++) {
		const parley_backtest_stats *s = parley_backtest_model_stats(bt, (parley_backtest_model)m);
		if (!s->reported)
			continue;
		parley_json__break(&w, 2);
		json_stats(&w, parley_backtest_model_name((parley_backtest_model)m), s);
	}
	parley_json__end_object(&w);
	if (bl->computed) { /* the blend was asked for */
		parley_json__break(&w, 0);
		json_blend(&w, bl);
	}
	parley_json__end_object(&w);
	if ((error = parley_json__finish(&w)) < 0)
		return error;
	return parley_buf__puts(b, "\n");
}

/* ---- CSV ---- */

static int csv_stat(parley_buf *b, double v, const double *ci)
{
	int error = 0;
	PARLEY_TRY(parley_buf__puts(b, ","));
	PARLEY_TRY(parley_buf__csv_num(b, v));
	PARLEY_TRY(parley_buf__puts(b, ","));
	PARLEY_TRY(parley_buf__csv_num(b, ci[0]));
	PARLEY_TRY(parley_buf__puts(b, ","));
	error = parley_buf__csv_num(b, ci[1]);
done:
	return error;
}

static int render_csv(parley_buf *b, const parley_backtest *bt)
{
	const parley_backtest_options *o = parley_backtest_options_used(bt);
	const char *sha;
	unsigned m;
	int error = 0;

	parley_bt__path(bt, 0, &sha);
	PARLEY_TRY(parley_buf__puts(b, "model,n,mae,mae_lo,mae_hi,rmse,rmse_lo,rmse_hi,median_ae,median_ae_lo,"
		"median_ae_hi,within10,within10_lo,within10_hi,within20,within20_lo,within20_hi,skipped,"
		"parley_version,dataset_sha256,seed\n"));
	for (m = 0; m < NM; m++) {
		const parley_backtest_stats *s = parley_backtest_model_stats(bt, (parley_backtest_model)m);
		size_t k;
		int first = 1;
		if (!s->reported)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "%s,%zu", parley_backtest_model_name((parley_backtest_model)m), s->n));
		PARLEY_TRY(csv_stat(b, s->mae, s->mae_ci95));
		PARLEY_TRY(csv_stat(b, s->rmse, s->rmse_ci95));
		PARLEY_TRY(csv_stat(b, s->median_ae, s->median_ae_ci95));
		PARLEY_TRY(csv_stat(b, s->within10, s->within10_ci95));
		PARLEY_TRY(csv_stat(b, s->within20, s->within20_ci95));
		PARLEY_TRY(parley_buf__puts(b, ","));
		for (k = 1; k < PARLEY_BT_SKIP_COUNT; k++) {
			if (!s->skipped[k])
				continue;
			PARLEY_TRY(parley_buf__printf(b, "%s%s:%zu", first ? "" : ";",
				parley_backtest_skip_name((parley_backtest_skip)k), s->skipped[k]));
			first = 0;
		}
		PARLEY_TRY(parley_buf__printf(b, ",%s,%s,%" PRIu64 "\n", parley_version(), sha, o->seed));
	}
done:
	return error;
}

static int render_predictions(parley_buf *b, const parley_backtest *bt)
{
	const parley_backtest_options *o = parley_backtest_options_used(bt);
	const char *sha;
	size_t i;
	unsigned m;
	int error = 0;

	parley_bt__path(bt, 0, &sha);
	PARLEY_TRY(parley_buf__puts(b, "issue,proposal,outcome,reference_point,skipped"));
	for (m = 0; m < NM; m++)
		if (!o->models || (o->models >> m & 1u))
			PARLEY_TRY(parley_buf__printf(b, ",%s", parley_backtest_model_name((parley_backtest_model)m)));
	PARLEY_TRY(parley_buf__puts(b, ",parley_version,dataset_sha256\n"));
	for (i = 0; i < parley_backtest_issue_count(bt); i++) {
		const parley_backtest_issue *is = parley_backtest_issue_at(bt, i);
		PARLEY_TRY(parley_buf__csv_str(b, is->id));
		PARLEY_TRY(parley_buf__puts(b, ","));
		PARLEY_TRY(parley_buf__csv_str(b, is->proposal));
		PARLEY_TRY(parley_buf__puts(b, ","));
		if (is->has_outcome)
			PARLEY_TRY(parley_buf__csv_num(b, is->outcome));
		PARLEY_TRY(parley_buf__puts(b, ","));
		if (is->has_reference_point)
			PARLEY_TRY(parley_buf__csv_num(b, is->reference_point));
		PARLEY_TRY(parley_buf__printf(b, ",%s", is->skip ? parley_backtest_skip_name(is->skip) : ""));
		for (m = 0; m < NM; m++) {
			double v;
			if (o->models && !(o->models >> m & 1u))
				continue;
			PARLEY_TRY(parley_buf__puts(b, ","));
			if (parley_backtest_prediction(&v, NULL, bt, i, (parley_backtest_model)m))
				PARLEY_TRY(parley_buf__csv_num(b, v));
		}
		PARLEY_TRY(parley_buf__printf(b, ",%s,%s\n", parley_version(), sha));
	}
done:
	return error;
}

/* ---- text ---- */

/* "23.51 [21.02, 26.10]" or a share as "31.2% [25.0, 37.4]". */
static int text_stat(parley_buf *b, double v, const double *ci, int share, int width)
{
	char cell[64];
	double f = share ? 100.0 : 1.0;
	if (!isfinite(v))
		snprintf(cell, sizeof(cell), "-");
	else if (!isfinite(ci[0]))
		snprintf(cell, sizeof(cell), share ? "%.1f%%" : "%.2f", f * v);
	else
		snprintf(cell, sizeof(cell), share ? "%.1f%% [%.1f, %.1f]" : "%.2f [%.2f, %.2f]",
			f * v, f * ci[0], f * ci[1]);
	return parley_buf__printf(b, "  %-*s", width, cell);
}

static int text_skips(parley_buf *b, const size_t *counts)
{
	int error = 0, first = 1;
	size_t k;
	for (k = 1; k < PARLEY_BT_SKIP_COUNT; k++) {
		if (!counts[k])
			continue;
		PARLEY_TRY(parley_buf__printf(b, "%s%s %zu", first ? "" : ", ",
			parley_backtest_skip_name((parley_backtest_skip)k), counts[k]));
		first = 0;
	}
	error = first ? parley_buf__puts(b, "none") : 0;
done:
	return error;
}

static int text_weights(parley_buf *b, const parley_backtest_blend *bl)
{
	int error = 0, first = 1;
	size_t j;
	for (j = 0; j < NF; j++) {
		if (!(bl->chosen >> j & 1u))
			continue;
		PARLEY_TRY(parley_buf__printf(b, "%s%.3f %s", first ? "" : " + ", bl->weights[j],
			parley_backtest_feature_name((parley_backtest_feature)j)));
		first = 0;
	}
	PARLEY_TRY(parley_buf__puts(b, "\n  weights over the folds:"));
	first = 1;
	for (j = 0; j < NF; j++) {
		if (!(bl->features >> j & 1u))
			continue;
		PARLEY_TRY(parley_buf__printf(b, "%s %s %.3f to %.3f", first ? "" : ",",
			parley_backtest_feature_name((parley_backtest_feature)j), bl->fold_min[j], bl->fold_max[j]));
		first = 0;
	}
	if (bl->folds_unfitted)
		PARLEY_TRY(parley_buf__printf(b, "; %zu fold%s too small to fit (compromise used)", bl->folds_unfitted,
			bl->folds_unfitted == 1 ? "" : "s"));
	error = parley_buf__puts(b, "\n");
done:
	return error;
}

/* The snapping lines of the text: the rule, the coefficients fitted on all
 * scored issues and their ranges over the folds, and what snapping did to
 * the n held-out forecasts. */
static int text_snap(parley_buf *b, const parley_backtest_blend *bl, size_t n)
{
	int error = 0;
	size_t t;
	PARLEY_TRY(parley_buf__puts(b, "  snapping (nearest): a forecast b moves to the nearest coded position x (an actor's position\n"
		"  or rp) where d (c . f) < 0, d = |x - b|, f = "));
	for (t = 0; t < NT; t++)
		PARLEY_TRY(parley_buf__printf(b, "%s%s", t ? "," : "", parley_backtest_snap_term_name((parley_backtest_snap_term)t)));
	PARLEY_TRY(parley_buf__puts(b, ";\n  each fold fitted c by least squares of |x - y| - |b - y| on the inner cross-validation\n"
		"  forecasts b of its training proposals\n  snapping fitted on all scored issues:"));
	if (!bl->snap_fitted)
		PARLEY_TRY(parley_buf__puts(b, " (too few issues or collinear terms: no snapping)"));
	for (t = 0; t < NT && bl->snap_fitted; t++)
		PARLEY_TRY(parley_buf__printf(b, "%s %.4f %s", t ? " +" : "", bl->snap_coef[t],
			parley_backtest_snap_term_name((parley_backtest_snap_term)t)));
	PARLEY_TRY(parley_buf__puts(b, "\n  snapping over the folds:"));
	for (t = 0; t < NT && bl->snap_folds_unfitted < bl->folds; t++)
		PARLEY_TRY(parley_buf__printf(b, "%s %s %.4f to %.4f", t ? "," : "",
			parley_backtest_snap_term_name((parley_backtest_snap_term)t), bl->snap_fold_min[t], bl->snap_fold_max[t]));
	if (bl->snap_folds_unfitted)
		PARLEY_TRY(parley_buf__printf(b, "%s%zu fold%s could not fit it (no snapping)",
			bl->snap_folds_unfitted < bl->folds ? "; " : " ", bl->snap_folds_unfitted,
			bl->snap_folds_unfitted == 1 ? "" : "s"));
	error = parley_buf__printf(b, "\n  snapped %zu of %zu held-out forecasts, %zu onto the outcome exactly; "
		"before snapping the cross-validated MAE is %.2f\n", bl->snapped, n, bl->snapped_exact,
		bl->unsnapped_mae);
done:
	return error;
}

static int render_text(parley_buf *b, const parley_backtest *bt)
{
	const parley_backtest_options *o = parley_backtest_options_used(bt);
	const parley_backtest_blend *bl = parley_backtest_blend_result(bt);
	size_t counts[PARLEY_BT_SKIP_COUNT], k, blank_issues, blank = parley_backtest_blank_saliences(bt, &blank_issues);
	const char *sha, *path = parley_bt__path(bt, 0, &sha);
	double com[2], ep[2];
	parley_backtest_layout layout = parley_bt__layout(bt, com, ep);
	int error = 0;
	unsigned m;

	PARLEY_TRY(parley_buf__printf(b, "Backtest of %s (%s layout)\nsha256 %s", path,
		layout == PARLEY_BACKTEST_DEU ? "DEU" : "long", sha));
	if (layout == PARLEY_BACKTEST_LONG) {
		path = parley_bt__path(bt, 1, &sha);
		PARLEY_TRY(parley_buf__printf(b, "; outcomes %s, sha256 %s", path, sha));
	}
	PARLEY_TRY(parley_buf__printf(b, "; parley %s\n", parley_version()));
	if (layout == PARLEY_BACKTEST_DEU)
		PARLEY_TRY(parley_buf__printf(b, "Capabilities: %s (EU-15 table for proposals before %u, EU-27 from %u); "
			"Commission %.4g / %.4g, Parliament %.4g / %.4g (EU-15 / EU-27)\n",
			o->capability == PARLEY_BT_CAP_VOTES ? "Council votes" :
			o->capability == PARLEY_BT_CAP_BANZHAF ? "Banzhaf index" :
			o->capability == PARLEY_BT_CAP_SHAPLEY ? "Shapley-Shubik index" : "equal",
			o->eu27_from, o->eu27_from, com[0], com[1], ep[0], ep[1]));
	else
		PARLEY_TRY(parley_buf__printf(b, "Capabilities: %s\n",
			o->capability == PARLEY_BT_CAP_EQUAL ? "equal" : "the capability column"));
	for (k = 0; k < PARLEY_BT_SKIP_COUNT; k++)
		counts[k] = parley_backtest_skipped_for(bt, (parley_backtest_skip)k);
	PARLEY_TRY(parley_buf__printf(b, "Issues: %zu read, %zu scored, %zu skipped (",
		parley_backtest_issue_count(bt), parley_backtest_issues_used(bt), parley_backtest_issues_skipped(bt)));
	PARLEY_TRY(text_skips(b, counts));
	PARLEY_TRY(parley_buf__printf(b, "); %zu proposals\n", parley_backtest_proposal_count(bt)));
	PARLEY_TRY(parley_buf__printf(b, "Blank saliences: %zu actor%s with a position on %zu scored issue%s, %s\n",
		blank, blank == 1 ? "" : "s", blank_issues, blank_issues == 1 ? "" : "s",
		o->blank_salience == PARLEY_BT_SALIENCE_DROP ? "left out of the issue" :
		"given the mean salience of the other actors on the issue"));
	if (o->resamples)
		PARLEY_TRY(parley_buf__printf(b, "Intervals: 95%% percentile bootstrap, %zu resamples of proposals, seed %" PRIu64 "\n",
			o->resamples, o->seed));
	else
		PARLEY_TRY(parley_buf__puts(b, "Intervals: none (no resamples)\n"));
	PARLEY_TRY(parley_buf__printf(b, "\n  %-21s %6s  %-22s  %-22s  %-22s  %-20s  %s\n", "Model", "Issues",
		"MAE", "RMSE", "Median AE", "Within 10", "Within 20"));
	for (m = 0; m < NM; m++) {
		const parley_backtest_stats *s = parley_backtest_model_stats(bt, (parley_backtest_model)m);
		if (!s->reported)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "  %-21s %6zu", parley_backtest_model_name((parley_backtest_model)m), s->n));
		PARLEY_TRY(text_stat(b, s->mae, s->mae_ci95, 0, 22));
		PARLEY_TRY(text_stat(b, s->rmse, s->rmse_ci95, 0, 22));
		PARLEY_TRY(text_stat(b, s->median_ae, s->median_ae_ci95, 0, 22));
		PARLEY_TRY(text_stat(b, s->within10, s->within10_ci95, 1, 20));
		PARLEY_TRY(text_stat(b, s->within20, s->within20_ci95, 1, 20));
		while (b->size && b->ptr[b->size - 1] == ' ')
			b->ptr[--b->size] = '\0';
		PARLEY_TRY(parley_buf__puts(b, "\n"));
	}
	PARLEY_TRY(parley_buf__puts(b, "\nNot scored, by model:\n"));
	for (m = 0; m < NM; m++) {
		const parley_backtest_stats *s = parley_backtest_model_stats(bt, (parley_backtest_model)m);
		if (!s->reported)
			continue;
		PARLEY_TRY(parley_buf__printf(b, "  %-21s ", parley_backtest_model_name((parley_backtest_model)m)));
		PARLEY_TRY(text_skips(b, s->skipped));
		PARLEY_TRY(parley_buf__puts(b, "\n"));
	}
	if (!bl->computed)
		return 0;
	if (bl->outer_folds)
		PARLEY_TRY(parley_buf__printf(b, "\nBlend (least absolute deviations; scored by %zu-fold cross-validation "
			"over proposals, %zu folds):\n", bl->outer_folds, bl->folds));
	else
		PARLEY_TRY(parley_buf__printf(b, "\nBlend (least absolute deviations; scored by leave-one-proposal-out "
			"cross-validation, %zu folds):\n", bl->folds));
	if (bl->select == PARLEY_BT_SELECT_NESTED) {
		PARLEY_TRY(parley_buf__puts(b, "  nested selection: each fold chose its subset of "));
		PARLEY_TRY(text_mask(b, bl->features));
		if (bl->inner_folds)
			PARLEY_TRY(parley_buf__printf(b, " by %zu-fold", bl->inner_folds));
		else
			PARLEY_TRY(parley_buf__puts(b, " by leave-one-proposal-out"));
		PARLEY_TRY(parley_buf__puts(b, " cross-validation of its training proposals;\n  folds choosing each feature:"));
		for (k = 0; k < NF; k++)
			if (bl->features >> k & 1u)
				PARLEY_TRY(parley_buf__printf(b, " %s %zu", parley_backtest_feature_name((parley_backtest_feature)k),
					bl->fold_chose[k]));
		PARLEY_TRY(parley_buf__puts(b, "; most often "));
		PARLEY_TRY(text_mask(b, bl->fold_modal));
		PARLEY_TRY(parley_buf__printf(b, " (%zu folds)\n  chosen on all scored issues: ", bl->fold_modal_count));
		PARLEY_TRY(text_mask(b, bl->chosen));
		PARLEY_TRY(parley_buf__printf(b, ", whose plain leave-one-proposal-out MAE %.2f is optimistic (chosen by it)\n",
			bl->chosen_lopo_mae));
	}
	if (bl->select == PARLEY_BT_SELECT_PENALIZED) {
		char name[40];
		int first = 1;
		PARLEY_TRY(parley_buf__puts(b, "  penalized: the features plus (mean - mid) z and (ep - mid) z, mid = (pivot-lo + pivot-hi) / 2,\n"
			"  z = "));
		for (k = 0; k < NZ; k++)
			PARLEY_TRY(parley_buf__printf(b, "%s%s", k ? "," : "",
				parley_backtest_covariate_name((parley_backtest_covariate)k)));
		PARLEY_TRY(parley_buf__puts(b, " standardised; each fold chose the penalty by "));
		if (bl->inner_folds)
			PARLEY_TRY(parley_buf__printf(b, "%zu-fold", bl->inner_folds));
		else
			PARLEY_TRY(parley_buf__puts(b, "leave-one-proposal-out"));
		PARLEY_TRY(parley_buf__printf(b, " cross-validation of its training proposals:\n  folds choosing each: none %zu",
			bl->fold_lambda[0]));
		for (k = 0; k < bl->lambda_count; k++)
			PARLEY_TRY(parley_buf__printf(b, ", %g %zu", bl->lambdas[k], bl->fold_lambda[k + 1]));
		if (isinf(bl->lambda))
			PARLEY_TRY(parley_buf__puts(b, "; chosen on all scored issues: none\n"));
		else
			PARLEY_TRY(parley_buf__printf(b, "; chosen on all scored issues: %g\n", bl->lambda));
		PARLEY_TRY(parley_buf__puts(b, "  interactions fitted on all scored issues (|w| >= 0.0005):"));
		for (k = 0; k < 2 * NZ; k++) {
			double w = bl->interactions[k / NZ][k % NZ];
			if (!(fabs(w) >= 0.0005))
				continue;
			interaction_name(name, sizeof(name), k);
			PARLEY_TRY(parley_buf__printf(b, "%s %.3f %s", first ? "" : " +", w, name));
			first = 0;
		}
		PARLEY_TRY(parley_buf__puts(b, first ? " none\n" : "\n"));
	}
	PARLEY_TRY(parley_buf__printf(b, "  fitted on all scored issues: %s", bl->fitted ? "" : "(too few issues: compromise) "));
	PARLEY_TRY(text_weights(b, bl));
	if (bl->snap == PARLEY_BT_SNAP_NEAREST)
		PARLEY_TRY(text_snap(b, bl, parley_backtest_model_stats(bt, PARLEY_BT_BLEND)->n));
	if (isfinite(bl->ratio)) {
		PARLEY_TRY(parley_buf__printf(b, "  cross-validated MAE %.2f against the compromise model's %.2f: ratio %.3f",
			bl->cv_mae, bl->compromise_mae, bl->ratio));
		if (isfinite(bl->ratio_ci95[0]))
			PARLEY_TRY(parley_buf__printf(b, " [%.3f, %.3f]", bl->ratio_ci95[0], bl->ratio_ci95[1]));
		PARLEY_TRY(parley_buf__printf(b, "; goal (ratio <= 0.900) %s\n", bl->goal_met ? "met" : "not met"));
	}
done:
	return error;
}

int parley_backtest_render(parley_buf *out, const parley_backtest *bt, parley_backtest_format fmt)
{
	PARLEY_ASSERT_ARG(out && bt);
	if (parley_backtest_remaining(bt))
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID,
			"the backtest has not finished: %zu steps remain (parley_backtest_step)",
			parley_backtest_remaining(bt));
	switch (fmt) {
	case PARLEY_BT_OUTPUT_TEXT: return render_text(out, bt);
	case PARLEY_BT_OUTPUT_JSON: return render_json(out, bt);
	case PARLEY_BT_OUTPUT_CSV: return render_csv(out, bt);
	case PARLEY_BT_OUTPUT_PREDICTIONS: return render_predictions(out, bt);
	default:
		return parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "unknown backtest format %d", (int)fmt);
	}
}
