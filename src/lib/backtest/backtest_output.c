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

#define TRY(expr) do { if ((error = (expr)) < 0) return error; } while (0)
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

/* "name": v, ... of the covariates (`which` 0: means, 1: sds) or the 2 NZ interactions (2). */
static int json_penalized_map(parley_buf *b, const parley_backtest_blend *bl, int which)
{
	char name[40];
	size_t j, n = which == 2 ? 2 * NZ : NZ;
	int error;
	for (j = 0; j < n; j++) {
		if (which == 2)
			interaction_name(name, sizeof(name), j);
		else
			snprintf(name, sizeof(name), "%s", parley_backtest_covariate_name((parley_backtest_covariate)j));
		TRY(parley_buf__printf(b, "%s\"%s\": ", j ? ", " : "", name));
		TRY(parley_buf__json_num(b, which == 2 ? bl->interactions[j / NZ][j % NZ] :
			which ? bl->z_sd[j] : bl->z_mean[j]));
	}
	return 0;
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

static int json_pair(parley_buf *b, const double *v)
{
	int error;
	TRY(parley_buf__puts(b, "["));
	TRY(parley_buf__json_num(b, v[0]));
	TRY(parley_buf__puts(b, ", "));
	TRY(parley_buf__json_num(b, v[1]));
	return parley_buf__puts(b, "]");
}

static int json_vec(parley_buf *b, const double *v, size_t n)
{
	int error;
	size_t i;
	TRY(parley_buf__puts(b, "["));
	for (i = 0; i < n; i++) {
		if (i)
			TRY(parley_buf__puts(b, ", "));
		TRY(parley_buf__json_num(b, v[i]));
	}
	return parley_buf__puts(b, "]");
}

/* "feature", ... of a feature mask. */
static int json_mask(parley_buf *b, unsigned mask)
{
	int error, first = 1;
	size_t k;
	for (k = 0; k < NF; k++)
		if (mask >> k & 1u) {
			TRY(parley_buf__printf(b, "%s\"%s\"", first ? "" : ", ",
				parley_backtest_feature_name((parley_backtest_feature)k)));
			first = 0;
		}
	return 0;
}

/* feature,feature,... of a feature mask. */
static int text_mask(parley_buf *b, unsigned mask)
{
	int error, first = 1;
	size_t k;
	for (k = 0; k < NF; k++)
		if (mask >> k & 1u) {
			TRY(parley_buf__printf(b, "%s%s", first ? "" : ",",
				parley_backtest_feature_name((parley_backtest_feature)k)));
			first = 0;
		}
	return 0;
}

/* "feature": w, ... over the blend's features. */
static int json_weights(parley_buf *b, const parley_backtest_blend *bl, const double *w)
{
	int error, first = 1;
	size_t k;
	for (k = 0; k < NF; k++) {
		if (!(bl->features >> k & 1u))
			continue;
		TRY(parley_buf__printf(b, "%s\"%s\": ", first ? "" : ", ",
			parley_backtest_feature_name((parley_backtest_feature)k)));
		TRY(parley_buf__json_num(b, w[k]));
		first = 0;
	}
	return 0;
}

/* {"reason": n, ...} of the non-zero counts. */
static int json_skips(parley_buf *b, const size_t *counts)
{
	int error, first = 1;
	size_t k;
	TRY(parley_buf__puts(b, "{"));
	for (k = 1; k < PARLEY_BT_SKIP_COUNT; k++) {
		if (!counts[k])
			continue;
		TRY(parley_buf__printf(b, "%s\"%s\": %zu", first ? "" : ", ",
			parley_backtest_skip_name((parley_backtest_skip)k), counts[k]));
		first = 0;
	}
	return parley_buf__puts(b, "}");
}

/* "term": c, ... of the snapping coefficients v. */
static int json_snap_terms(parley_buf *b, const double *v)
{
	int error;
	size_t t;
	for (t = 0; t < NT; t++) {
		TRY(parley_buf__printf(b, "%s\"%s\": ", t ? ", " : "",
			parley_backtest_snap_term_name((parley_backtest_snap_term)t)));
		TRY(parley_buf__json_num(b, v[t]));
	}
	return 0;
}

/* "snap": {...} of the blend. */
static int json_snap(parley_buf *b, const parley_backtest_blend *bl)
{
	int error;
	TRY(parley_buf__printf(b, ", \"snap\": {\"rule\": \"%s\"", parley_backtest_snap_name(bl->snap)));
	if (bl->snap == PARLEY_BT_SNAP_NEAREST) {
		TRY(parley_buf__puts(b, ", \"coefficients\": {"));
		TRY(json_snap_terms(b, bl->snap_coef));
		TRY(parley_buf__printf(b, "}, \"fitted\": %s, \"fold_min\": {", bl->snap_fitted ? "true" : "false"));
		TRY(json_snap_terms(b, bl->snap_fold_min));
		TRY(parley_buf__puts(b, "}, \"fold_max\": {"));
		TRY(json_snap_terms(b, bl->snap_fold_max));
		TRY(parley_buf__printf(b, "}, \"folds_unfitted\": %zu, \"snapped\": %zu, \"snapped_exact\": %zu",
			bl->snap_folds_unfitted, bl->snapped, bl->snapped_exact));
	}
	TRY(parley_buf__puts(b, ", \"unsnapped_mae\": "));
	TRY(parley_buf__json_num(b, bl->unsnapped_mae));
	return parley_buf__puts(b, "}");
}

static int render_json(parley_buf *b, const parley_backtest *bt)
{
	const parley_backtest_options *o = parley_backtest_options_used(bt);
	const parley_backtest_blend *bl = parley_backtest_blend_result(bt);
	size_t counts[PARLEY_BT_SKIP_COUNT], k, blank_issues, blank = parley_backtest_blank_saliences(bt, &blank_issues);
	const char *sha, *path = parley_bt__path(bt, 0, &sha);
	double com[2], ep[2];
	parley_backtest_layout layout = parley_bt__layout(bt, com, ep);
	int error, first = 1;
	unsigned m;

	TRY(parley_buf__puts(b, "{\"parley_version\": "));
	TRY(parley_buf__json_str(b, parley_version()));
	TRY(parley_buf__puts(b, ", \"dataset\": {\"path\": "));
	TRY(parley_buf__json_str(b, path));
	TRY(parley_buf__printf(b, ", \"sha256\": \"%s\", \"layout\": \"%s\"", sha,
		layout == PARLEY_BACKTEST_DEU ? "deu" : "long"));
	if (layout == PARLEY_BACKTEST_LONG) {
		path = parley_bt__path(bt, 1, &sha);
		TRY(parley_buf__puts(b, ", \"outcomes\": {\"path\": "));
		TRY(parley_buf__json_str(b, path));
		TRY(parley_buf__printf(b, ", \"sha256\": \"%s\"}", sha));
	}
	TRY(parley_buf__printf(b, "}, \"seed\": %" PRIu64 ", \"resamples\": %zu", o->seed, o->resamples));
	TRY(parley_buf__printf(b, ", \"capability\": {\"source\": \"%s\"", capability_name(o->capability)));
	if (layout == PARLEY_BACKTEST_DEU) {
		TRY(parley_buf__printf(b, ", \"eu27_from\": %u, \"com\": ", o->eu27_from));
		TRY(json_vec(b, com, 2));
		TRY(parley_buf__puts(b, ", \"ep\": "));
		TRY(json_vec(b, ep, 2));
	}
	TRY(parley_buf__printf(b, "}, \"blank_salience\": {\"rule\": \"%s\", \"actors\": %zu, \"issues\": %zu}",
		salience_rule_name(o->blank_salience), blank, blank_issues));
	TRY(parley_buf__printf(b, ", \"issues_read\": %zu, \"issues_used\": %zu, \"issues_skipped\": %zu, \"skipped\": ",
		parley_backtest_issue_count(bt), parley_backtest_issues_used(bt), parley_backtest_issues_skipped(bt)));
	for (k = 0; k < PARLEY_BT_SKIP_COUNT; k++)
		counts[k] = parley_backtest_skipped_for(bt, (parley_backtest_skip)k);
	TRY(json_skips(b, counts));
	TRY(parley_buf__printf(b, ", \"proposals\": %zu, \"models\": {", parley_backtest_proposal_count(bt)));
	for (m = 0; m < NM; m++) {
		const parley_backtest_stats *s = parley_backtest_model_stats(bt, (parley_backtest_model)m);
		if (!s->reported)
			continue;
		TRY(parley_buf__printf(b, "%s\n  \"%s\": {\"n\": %zu, \"skipped\": ", first ? "" : ",",
			parley_backtest_model_name((parley_backtest_model)m), s->n));
		first = 0;
		TRY(json_skips(b, s->skipped));
		TRY(parley_buf__puts(b, ", \"mae\": "));
		TRY(parley_buf__json_num(b, s->mae));
		TRY(parley_buf__puts(b, ", \"rmse\": "));
		TRY(parley_buf__json_num(b, s->rmse));
		TRY(parley_buf__puts(b, ", \"median_ae\": "));
		TRY(parley_buf__json_num(b, s->median_ae));
		TRY(parley_buf__puts(b, ", \"within10\": "));
		TRY(parley_buf__json_num(b, s->within10));
		TRY(parley_buf__puts(b, ", \"within20\": "));
		TRY(parley_buf__json_num(b, s->within20));
		TRY(parley_buf__puts(b, ", \"mae_ci95\": "));
		TRY(json_pair(b, s->mae_ci95));
		TRY(parley_buf__puts(b, ", \"rmse_ci95\": "));
		TRY(json_pair(b, s->rmse_ci95));
		TRY(parley_buf__puts(b, ", \"median_ae_ci95\": "));
		TRY(json_pair(b, s->median_ae_ci95));
		TRY(parley_buf__puts(b, ", \"within10_ci95\": "));
		TRY(json_pair(b, s->within10_ci95));
		TRY(parley_buf__puts(b, ", \"within20_ci95\": "));
		TRY(json_pair(b, s->within20_ci95));
		TRY(parley_buf__printf(b, ", \"resamples_used\": %zu}", s->resamples_used));
	}
	if (!bl->computed) /* the blend was not asked for */
		return parley_buf__puts(b, "}}\n");
	TRY(parley_buf__puts(b, "},\n\"blend\": {\"features\": ["));
	first = 1;
	for (k = 0; k < NF; k++)
		if (bl->features >> k & 1u) {
			TRY(parley_buf__printf(b, "%s\"%s\"", first ? "" : ", ",
				parley_backtest_feature_name((parley_backtest_feature)k)));
			first = 0;
		}
	TRY(parley_buf__printf(b, "], \"select\": \"%s\"", parley_backtest_select_name(bl->select)));
	if (bl->select == PARLEY_BT_SELECT_NESTED) {
		TRY(parley_buf__printf(b, ", \"inner_folds\": %zu, \"chosen\": [", bl->inner_folds));
		TRY(json_mask(b, bl->chosen));
		TRY(parley_buf__puts(b, "], \"chosen_lopo_mae\": "));
		TRY(parley_buf__json_num(b, bl->chosen_lopo_mae));
		TRY(parley_buf__puts(b, ", \"fold_chose\": {"));
		first = 1;
		for (k = 0; k < NF; k++)
			if (bl->features >> k & 1u) {
				TRY(parley_buf__printf(b, "%s\"%s\": %zu", first ? "" : ", ",
					parley_backtest_feature_name((parley_backtest_feature)k), bl->fold_chose[k]));
				first = 0;
			}
		TRY(parley_buf__puts(b, "}, \"fold_modal\": ["));
		TRY(json_mask(b, bl->fold_modal));
		TRY(parley_buf__printf(b, "], \"fold_modal_count\": %zu", bl->fold_modal_count));
	}
	if (bl->select == PARLEY_BT_SELECT_PENALIZED) {
		TRY(parley_buf__printf(b, ", \"inner_folds\": %zu, \"lambdas\": ", bl->inner_folds));
		TRY(json_vec(b, bl->lambdas, bl->lambda_count));
		TRY(parley_buf__puts(b, ", \"lambda\": "));
		TRY(parley_buf__json_num(b, bl->lambda));
		TRY(parley_buf__puts(b, ", \"fold_lambda\": ["));
		for (k = 0; k <= bl->lambda_count; k++)
			TRY(parley_buf__printf(b, "%s%zu", k ? ", " : "", bl->fold_lambda[k]));
		TRY(parley_buf__puts(b, "], \"interactions\": {"));
		TRY(json_penalized_map(b, bl, 2));
		TRY(parley_buf__puts(b, "}, \"z_mean\": {"));
		TRY(json_penalized_map(b, bl, 0));
		TRY(parley_buf__puts(b, "}, \"z_sd\": {"));
		TRY(json_penalized_map(b, bl, 1));
		TRY(parley_buf__puts(b, "}"));
	}
	TRY(parley_buf__puts(b, ", \"fit\": \"least absolute deviations\", \"weights\": {"));
	TRY(json_weights(b, bl, bl->weights));
	TRY(parley_buf__printf(b, "}, \"fitted\": %s, \"fold_min\": {", bl->fitted ? "true" : "false"));
	TRY(json_weights(b, bl, bl->fold_min));
	TRY(parley_buf__puts(b, "}, \"fold_max\": {"));
	TRY(json_weights(b, bl, bl->fold_max));
	TRY(parley_buf__printf(b, "}, \"folds_unfitted\": %zu", bl->folds_unfitted));
	TRY(json_snap(b, bl));
	TRY(parley_buf__printf(b, ", \"folds\": %zu", bl->folds));
	if (bl->outer_folds) /* absent: leave one proposal out */
		TRY(parley_buf__printf(b, ", \"outer_folds\": %zu", bl->outer_folds));
	TRY(parley_buf__puts(b, ", \"cv_mae\": "));
	TRY(parley_buf__json_num(b, bl->cv_mae));
	TRY(parley_buf__puts(b, ", \"compromise_mae\": "));
	TRY(parley_buf__json_num(b, bl->compromise_mae));
	TRY(parley_buf__puts(b, ", \"ratio\": "));
	TRY(parley_buf__json_num(b, bl->ratio));
	TRY(parley_buf__puts(b, ", \"ratio_ci95\": "));
	TRY(json_pair(b, bl->ratio_ci95));
	return parley_buf__printf(b, ", \"goal\": 0.9, \"goal_met\": %s}}\n", bl->goal_met ? "true" : "false");
}

/* ---- CSV ---- */

static int csv_stat(parley_buf *b, double v, const double *ci)
{
	int error;
	TRY(parley_buf__puts(b, ","));
	TRY(parley_buf__csv_num(b, v));
	TRY(parley_buf__puts(b, ","));
	TRY(parley_buf__csv_num(b, ci[0]));
	TRY(parley_buf__puts(b, ","));
	return parley_buf__csv_num(b, ci[1]);
}

static int render_csv(parley_buf *b, const parley_backtest *bt)
{
	const parley_backtest_options *o = parley_backtest_options_used(bt);
	const char *sha;
	unsigned m;
	int error;

	parley_bt__path(bt, 0, &sha);
	TRY(parley_buf__puts(b, "model,n,mae,mae_lo,mae_hi,rmse,rmse_lo,rmse_hi,median_ae,median_ae_lo,"
		"median_ae_hi,within10,within10_lo,within10_hi,within20,within20_lo,within20_hi,skipped,"
		"parley_version,dataset_sha256,seed\n"));
	for (m = 0; m < NM; m++) {
		const parley_backtest_stats *s = parley_backtest_model_stats(bt, (parley_backtest_model)m);
		size_t k;
		int first = 1;
		if (!s->reported)
			continue;
		TRY(parley_buf__printf(b, "%s,%zu", parley_backtest_model_name((parley_backtest_model)m), s->n));
		TRY(csv_stat(b, s->mae, s->mae_ci95));
		TRY(csv_stat(b, s->rmse, s->rmse_ci95));
		TRY(csv_stat(b, s->median_ae, s->median_ae_ci95));
		TRY(csv_stat(b, s->within10, s->within10_ci95));
		TRY(csv_stat(b, s->within20, s->within20_ci95));
		TRY(parley_buf__puts(b, ","));
		for (k = 1; k < PARLEY_BT_SKIP_COUNT; k++) {
			if (!s->skipped[k])
				continue;
			TRY(parley_buf__printf(b, "%s%s:%zu", first ? "" : ";",
				parley_backtest_skip_name((parley_backtest_skip)k), s->skipped[k]));
			first = 0;
		}
		TRY(parley_buf__printf(b, ",%s,%s,%" PRIu64 "\n", parley_version(), sha, o->seed));
	}
	return 0;
}

static int render_predictions(parley_buf *b, const parley_backtest *bt)
{
	const parley_backtest_options *o = parley_backtest_options_used(bt);
	const char *sha;
	size_t i;
	unsigned m;
	int error;

	parley_bt__path(bt, 0, &sha);
	TRY(parley_buf__puts(b, "issue,proposal,outcome,reference_point,skipped"));
	for (m = 0; m < NM; m++)
		if (!o->models || (o->models >> m & 1u))
			TRY(parley_buf__printf(b, ",%s", parley_backtest_model_name((parley_backtest_model)m)));
	TRY(parley_buf__puts(b, ",parley_version,dataset_sha256\n"));
	for (i = 0; i < parley_backtest_issue_count(bt); i++) {
		const parley_backtest_issue *is = parley_backtest_issue_at(bt, i);
		TRY(parley_buf__csv_str(b, is->id));
		TRY(parley_buf__puts(b, ","));
		TRY(parley_buf__csv_str(b, is->proposal));
		TRY(parley_buf__puts(b, ","));
		if (is->has_outcome)
			TRY(parley_buf__csv_num(b, is->outcome));
		TRY(parley_buf__puts(b, ","));
		if (is->has_reference_point)
			TRY(parley_buf__csv_num(b, is->reference_point));
		TRY(parley_buf__printf(b, ",%s", is->skip ? parley_backtest_skip_name(is->skip) : ""));
		for (m = 0; m < NM; m++) {
			double v;
			if (o->models && !(o->models >> m & 1u))
				continue;
			TRY(parley_buf__puts(b, ","));
			if (parley_backtest_prediction(&v, NULL, bt, i, (parley_backtest_model)m))
				TRY(parley_buf__csv_num(b, v));
		}
		TRY(parley_buf__printf(b, ",%s,%s\n", parley_version(), sha));
	}
	return 0;
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
	int error, first = 1;
	size_t k;
	for (k = 1; k < PARLEY_BT_SKIP_COUNT; k++) {
		if (!counts[k])
			continue;
		TRY(parley_buf__printf(b, "%s%s %zu", first ? "" : ", ",
			parley_backtest_skip_name((parley_backtest_skip)k), counts[k]));
		first = 0;
	}
	return first ? parley_buf__puts(b, "none") : 0;
}

static int text_weights(parley_buf *b, const parley_backtest_blend *bl)
{
	int error, first = 1;
	size_t j;
	for (j = 0; j < NF; j++) {
		if (!(bl->chosen >> j & 1u))
			continue;
		TRY(parley_buf__printf(b, "%s%.3f %s", first ? "" : " + ", bl->weights[j],
			parley_backtest_feature_name((parley_backtest_feature)j)));
		first = 0;
	}
	TRY(parley_buf__puts(b, "\n  weights over the folds:"));
	first = 1;
	for (j = 0; j < NF; j++) {
		if (!(bl->features >> j & 1u))
			continue;
		TRY(parley_buf__printf(b, "%s %s %.3f to %.3f", first ? "" : ",",
			parley_backtest_feature_name((parley_backtest_feature)j), bl->fold_min[j], bl->fold_max[j]));
		first = 0;
	}
	if (bl->folds_unfitted)
		TRY(parley_buf__printf(b, "; %zu fold%s too small to fit (compromise used)", bl->folds_unfitted,
			bl->folds_unfitted == 1 ? "" : "s"));
	return parley_buf__puts(b, "\n");
}

/* The snapping lines of the text: the rule, the coefficients fitted on all
 * scored issues and their ranges over the folds, and what snapping did to
 * the n held-out forecasts. */
static int text_snap(parley_buf *b, const parley_backtest_blend *bl, size_t n)
{
	int error;
	size_t t;
	TRY(parley_buf__puts(b, "  snapping (nearest): a forecast b moves to the nearest coded position x (an actor's position\n"
		"  or rp) where d (c . f) < 0, d = |x - b|, f = "));
	for (t = 0; t < NT; t++)
		TRY(parley_buf__printf(b, "%s%s", t ? "," : "", parley_backtest_snap_term_name((parley_backtest_snap_term)t)));
	TRY(parley_buf__puts(b, ";\n  each fold fitted c by least squares of |x - y| - |b - y| on the inner cross-validation\n"
		"  forecasts b of its training proposals\n  snapping fitted on all scored issues:"));
	if (!bl->snap_fitted)
		TRY(parley_buf__puts(b, " (too few issues or collinear terms: no snapping)"));
	for (t = 0; t < NT && bl->snap_fitted; t++)
		TRY(parley_buf__printf(b, "%s %.4f %s", t ? " +" : "", bl->snap_coef[t],
			parley_backtest_snap_term_name((parley_backtest_snap_term)t)));
	TRY(parley_buf__puts(b, "\n  snapping over the folds:"));
	for (t = 0; t < NT && bl->snap_folds_unfitted < bl->folds; t++)
		TRY(parley_buf__printf(b, "%s %s %.4f to %.4f", t ? "," : "",
			parley_backtest_snap_term_name((parley_backtest_snap_term)t), bl->snap_fold_min[t], bl->snap_fold_max[t]));
	if (bl->snap_folds_unfitted)
		TRY(parley_buf__printf(b, "%s%zu fold%s could not fit it (no snapping)",
			bl->snap_folds_unfitted < bl->folds ? "; " : " ", bl->snap_folds_unfitted,
			bl->snap_folds_unfitted == 1 ? "" : "s"));
	return parley_buf__printf(b, "\n  snapped %zu of %zu held-out forecasts, %zu onto the outcome exactly; "
		"before snapping the cross-validated MAE is %.2f\n", bl->snapped, n, bl->snapped_exact,
		bl->unsnapped_mae);
}

static int render_text(parley_buf *b, const parley_backtest *bt)
{
	const parley_backtest_options *o = parley_backtest_options_used(bt);
	const parley_backtest_blend *bl = parley_backtest_blend_result(bt);
	size_t counts[PARLEY_BT_SKIP_COUNT], k, blank_issues, blank = parley_backtest_blank_saliences(bt, &blank_issues);
	const char *sha, *path = parley_bt__path(bt, 0, &sha);
	double com[2], ep[2];
	parley_backtest_layout layout = parley_bt__layout(bt, com, ep);
	int error;
	unsigned m;

	TRY(parley_buf__printf(b, "Backtest of %s (%s layout)\nsha256 %s", path,
		layout == PARLEY_BACKTEST_DEU ? "DEU" : "long", sha));
	if (layout == PARLEY_BACKTEST_LONG) {
		path = parley_bt__path(bt, 1, &sha);
		TRY(parley_buf__printf(b, "; outcomes %s, sha256 %s", path, sha));
	}
	TRY(parley_buf__printf(b, "; parley %s\n", parley_version()));
	if (layout == PARLEY_BACKTEST_DEU)
		TRY(parley_buf__printf(b, "Capabilities: %s (EU-15 table for proposals before %u, EU-27 from %u); "
			"Commission %.4g / %.4g, Parliament %.4g / %.4g (EU-15 / EU-27)\n",
			o->capability == PARLEY_BT_CAP_VOTES ? "Council votes" :
			o->capability == PARLEY_BT_CAP_BANZHAF ? "Banzhaf index" :
			o->capability == PARLEY_BT_CAP_SHAPLEY ? "Shapley-Shubik index" : "equal",
			o->eu27_from, o->eu27_from, com[0], com[1], ep[0], ep[1]));
	else
		TRY(parley_buf__printf(b, "Capabilities: %s\n",
			o->capability == PARLEY_BT_CAP_EQUAL ? "equal" : "the capability column"));
	for (k = 0; k < PARLEY_BT_SKIP_COUNT; k++)
		counts[k] = parley_backtest_skipped_for(bt, (parley_backtest_skip)k);
	TRY(parley_buf__printf(b, "Issues: %zu read, %zu scored, %zu skipped (",
		parley_backtest_issue_count(bt), parley_backtest_issues_used(bt), parley_backtest_issues_skipped(bt)));
	TRY(text_skips(b, counts));
	TRY(parley_buf__printf(b, "); %zu proposals\n", parley_backtest_proposal_count(bt)));
	TRY(parley_buf__printf(b, "Blank saliences: %zu actor%s with a position on %zu scored issue%s, %s\n",
		blank, blank == 1 ? "" : "s", blank_issues, blank_issues == 1 ? "" : "s",
		o->blank_salience == PARLEY_BT_SALIENCE_DROP ? "left out of the issue" :
		"given the mean salience of the other actors on the issue"));
	if (o->resamples)
		TRY(parley_buf__printf(b, "Intervals: 95%% percentile bootstrap, %zu resamples of proposals, seed %" PRIu64 "\n",
			o->resamples, o->seed));
	else
		TRY(parley_buf__puts(b, "Intervals: none (no resamples)\n"));
	TRY(parley_buf__printf(b, "\n  %-21s %6s  %-22s  %-22s  %-22s  %-20s  %s\n", "Model", "Issues",
		"MAE", "RMSE", "Median AE", "Within 10", "Within 20"));
	for (m = 0; m < NM; m++) {
		const parley_backtest_stats *s = parley_backtest_model_stats(bt, (parley_backtest_model)m);
		if (!s->reported)
			continue;
		TRY(parley_buf__printf(b, "  %-21s %6zu", parley_backtest_model_name((parley_backtest_model)m), s->n));
		TRY(text_stat(b, s->mae, s->mae_ci95, 0, 22));
		TRY(text_stat(b, s->rmse, s->rmse_ci95, 0, 22));
		TRY(text_stat(b, s->median_ae, s->median_ae_ci95, 0, 22));
		TRY(text_stat(b, s->within10, s->within10_ci95, 1, 20));
		TRY(text_stat(b, s->within20, s->within20_ci95, 1, 20));
		while (b->size && b->ptr[b->size - 1] == ' ')
			b->ptr[--b->size] = '\0';
		TRY(parley_buf__puts(b, "\n"));
	}
	TRY(parley_buf__puts(b, "\nNot scored, by model:\n"));
	for (m = 0; m < NM; m++) {
		const parley_backtest_stats *s = parley_backtest_model_stats(bt, (parley_backtest_model)m);
		if (!s->reported)
			continue;
		TRY(parley_buf__printf(b, "  %-21s ", parley_backtest_model_name((parley_backtest_model)m)));
		TRY(text_skips(b, s->skipped));
		TRY(parley_buf__puts(b, "\n"));
	}
	if (!bl->computed)
		return 0;
	if (bl->outer_folds)
		TRY(parley_buf__printf(b, "\nBlend (least absolute deviations; scored by %zu-fold cross-validation "
			"over proposals, %zu folds):\n", bl->outer_folds, bl->folds));
	else
		TRY(parley_buf__printf(b, "\nBlend (least absolute deviations; scored by leave-one-proposal-out "
			"cross-validation, %zu folds):\n", bl->folds));
	if (bl->select == PARLEY_BT_SELECT_NESTED) {
		TRY(parley_buf__puts(b, "  nested selection: each fold chose its subset of "));
		TRY(text_mask(b, bl->features));
		if (bl->inner_folds)
			TRY(parley_buf__printf(b, " by %zu-fold", bl->inner_folds));
		else
			TRY(parley_buf__puts(b, " by leave-one-proposal-out"));
		TRY(parley_buf__puts(b, " cross-validation of its training proposals;\n  folds choosing each feature:"));
		for (k = 0; k < NF; k++)
			if (bl->features >> k & 1u)
				TRY(parley_buf__printf(b, " %s %zu", parley_backtest_feature_name((parley_backtest_feature)k),
					bl->fold_chose[k]));
		TRY(parley_buf__puts(b, "; most often "));
		TRY(text_mask(b, bl->fold_modal));
		TRY(parley_buf__printf(b, " (%zu folds)\n  chosen on all scored issues: ", bl->fold_modal_count));
		TRY(text_mask(b, bl->chosen));
		TRY(parley_buf__printf(b, ", whose plain leave-one-proposal-out MAE %.2f is optimistic (chosen by it)\n",
			bl->chosen_lopo_mae));
	}
	if (bl->select == PARLEY_BT_SELECT_PENALIZED) {
		char name[40];
		int first = 1;
		TRY(parley_buf__puts(b, "  penalized: the features plus (mean - mid) z and (ep - mid) z, mid = (pivot-lo + pivot-hi) / 2,\n"
			"  z = "));
		for (k = 0; k < NZ; k++)
			TRY(parley_buf__printf(b, "%s%s", k ? "," : "",
				parley_backtest_covariate_name((parley_backtest_covariate)k)));
		TRY(parley_buf__puts(b, " standardised; each fold chose the penalty by "));
		if (bl->inner_folds)
			TRY(parley_buf__printf(b, "%zu-fold", bl->inner_folds));
		else
			TRY(parley_buf__puts(b, "leave-one-proposal-out"));
		TRY(parley_buf__printf(b, " cross-validation of its training proposals:\n  folds choosing each: none %zu",
			bl->fold_lambda[0]));
		for (k = 0; k < bl->lambda_count; k++)
			TRY(parley_buf__printf(b, ", %g %zu", bl->lambdas[k], bl->fold_lambda[k + 1]));
		if (isinf(bl->lambda))
			TRY(parley_buf__puts(b, "; chosen on all scored issues: none\n"));
		else
			TRY(parley_buf__printf(b, "; chosen on all scored issues: %g\n", bl->lambda));
		TRY(parley_buf__puts(b, "  interactions fitted on all scored issues (|w| >= 0.0005):"));
		for (k = 0; k < 2 * NZ; k++) {
			double w = bl->interactions[k / NZ][k % NZ];
			if (!(fabs(w) >= 0.0005))
				continue;
			interaction_name(name, sizeof(name), k);
			TRY(parley_buf__printf(b, "%s %.3f %s", first ? "" : " +", w, name));
			first = 0;
		}
		TRY(parley_buf__puts(b, first ? " none\n" : "\n"));
	}
	TRY(parley_buf__printf(b, "  fitted on all scored issues: %s", bl->fitted ? "" : "(too few issues: compromise) "));
	TRY(text_weights(b, bl));
	if (bl->snap == PARLEY_BT_SNAP_NEAREST)
		TRY(text_snap(b, bl, parley_backtest_model_stats(bt, PARLEY_BT_BLEND)->n));
	if (isfinite(bl->ratio)) {
		TRY(parley_buf__printf(b, "  cross-validated MAE %.2f against the compromise model's %.2f: ratio %.3f",
			bl->cv_mae, bl->compromise_mae, bl->ratio));
		if (isfinite(bl->ratio_ci95[0]))
			TRY(parley_buf__printf(b, " [%.3f, %.3f]", bl->ratio_ci95[0], bl->ratio_ci95[1]));
		TRY(parley_buf__printf(b, "; goal (ratio <= 0.900) %s\n", bl->goal_met ? "met" : "not met"));
	}
	return 0;
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
