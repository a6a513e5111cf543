/*
 * feasibility.c - is an agreement possible on each issue, where, in which
 * venue, and would it be ratified (parley/feasibility.h)?
 *
 * Per issue: the set every actor's red line admits (models.md section 5);
 * for each venue discussing the issue, the outcomes that beat the status quo
 * under its rule among its members (Tsebelis 2002) and their intersection
 * with the acceptable set, the pivotal members, and the models' forecasts
 * over the members only; for each ratification body, the outcomes enough of
 * its members prefer to the status quo (Putnam 1988). Then the stages run in
 * order, each starting from the scenario's status quo or from the previous
 * stage's outcome.
 *
 * Everything is kept in the forecast's arena; temporary arrays come from
 * parley__malloc and are freed before returning.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "feasibility_internal.h"
#include "institutions_internal.h"

/* Conflicting pairs kept per issue (all are counted). */
#define MAX_CONFLICTS 64

static const char *rule_name(parley_rule r)
{
	switch (r) {
	case PARLEY_RULE_BILATERAL: return "bilateral agreement";
	case PARLEY_RULE_SIMPLE_MAJORITY: return "simple majority";
	case PARLEY_RULE_QUALIFIED_MAJORITY: return "qualified majority";
	default: return "consensus";
	}
}

static const char *actor_name(const parley_scenario *s, size_t a)
{
	return s->actors[a].name ? s->actors[a].name : s->actors[a].id;
}

static const char *venue_name(const parley_scenario *s, const parley_issue_feasibility *fz,
	const parley_venue_view *vv)
{
	if (fz->implicit_venue)
		return "the whole table";
	return s->venues[vv->venue].name ? s->venues[vv->venue].name : s->venues[vv->venue].id;
}

/* The change set: the passable outcomes inside the acceptable set; when the
 * rule passes moves on both sides of q, the larger of the two parts. */
static void change_set(parley_interval *out, const parley_passable_result *pr,
	const parley_interval *acceptable)
{
	parley_interval a, b;

	if (!pr->split) {
		parley_interval_intersect(out, &pr->passable, acceptable);
		return;
	}
	parley_interval_intersect(&a, &pr->below, acceptable);
	parley_interval_intersect(&b, &pr->above, acceptable);
	if (a.empty || (!b.empty && b.hi - b.lo > a.hi - a.lo))
		*out = b;
	else
		*out = a;
}

/* What the red lines of venue ve's members present on issue i admit
 * (models.md section 5, over the members only: an actor who is not at the
 * table cannot veto there, though an agreement may still cross its line). */
static void members_acceptable(parley_interval *out, const parley_scenario *s,
	const parley_venue *ve, size_t i)
{
	const parley_issue *is = &s->issues[i];
	double lo = is->lo, hi = is->hi;
	size_t j;

	for (j = 0; j < ve->member_count; j++) {
		const parley_stance *st = &s->stances[i * s->actor_count + ve->members[j]];
		if (!st->present || !st->has_red_line)
			continue;
		if (st->red_lo.value > lo) lo = st->red_lo.value;
		if (st->red_hi.value < hi) hi = st->red_hi.value;
	}
	memset(out, 0, sizeof(*out));
	out->empty = lo > hi;
	if (!out->empty) {
		out->lo = lo;
		out->hi = hi;
	}
}

/* Scratch for one venue or body: parley_fz_scratch (feasibility_internal.h). */
typedef parley_fz_scratch scratch;

void parley_fz_scratch__dispose(scratch *sc)
{
	parley__free(sc->x);
	parley__free(sc->w);
	parley__free(sc->pop);
	parley__free(sc->order);
	parley__free(sc->who);
	memset(sc, 0, sizeof(*sc));
}

static int scratch_reserve(scratch *sc, size_t n)
{
	void *p;
	if (n <= sc->alloc)
		return 0;
	n = n < 16 ? 16 : n;
	if (!(p = parley__realloc(sc->x, n * sizeof(double)))) return PARLEY_ENOMEM;
	sc->x = p;
	if (!(p = parley__realloc(sc->w, n * sizeof(double)))) return PARLEY_ENOMEM;
	sc->w = p;
	if (!(p = parley__realloc(sc->pop, n * sizeof(double)))) return PARLEY_ENOMEM;
	sc->pop = p;
	if (!(p = parley__realloc(sc->order, n * sizeof(size_t)))) return PARLEY_ENOMEM;
	sc->order = p;
	if (!(p = parley__realloc(sc->who, n * sizeof(size_t)))) return PARLEY_ENOMEM;
	sc->who = p;
	sc->alloc = n;
	return 0;
}

/* Members of venue `v` present on issue `issue`: positions and rule data into
 * sc, their actor indices into sc->who. Returns the count. */
static size_t gather_members(scratch *sc, const parley_scenario *s, const parley_venue *v,
	size_t issue, unsigned char *mask)
{
	size_t j, n = 0;

	memset(mask, 0, s->actor_count);
	for (j = 0; j < v->member_count; j++) {
		size_t a = v->members[j];
		const parley_stance *st = &s->stances[issue * s->actor_count + a];
		if (!st->present)
			continue;
		mask[a] = 1;
		sc->x[n] = st->position.value;
		sc->w[n] = v->weights ? v->weights[j] : 1.0;
		sc->pop[n] = v->population ? v->population[j] : 0.0;
		sc->who[n] = a;
		n++;
	}
	return n;
}

static void rule_spec(parley_rule_spec *rs, const parley_venue *v, const scratch *sc)
{
	memset(rs, 0, sizeof(*rs));
	rs->rule = v->rule;
	rs->weight = v->weights ? sc->w : NULL;
	rs->quota = v->quota;
	rs->population = v->population ? sc->pop : NULL;
	rs->population_quota = v->population_quota;
	rs->min_members = v->min_members;
}

/* The passable set of one venue on one issue from status quo q. A venue
 * whose members present cannot satisfy the rule (a quota above the weight of
 * those present, a bilateral venue missing one side) passes nothing. */
static int venue_passable(parley_passable_result *pr, scratch *sc, const parley_scenario *s,
	const parley_venue *v, size_t issue, double q, unsigned char *mask, size_t *n_out,
	int *unreachable)
{
	const parley_issue *is = &s->issues[issue];
	parley_rule_spec rs;
	size_t n = gather_members(sc, s, v, issue, mask), j;
	double total = 0, pop = 0;

	*n_out = n;
	*unreachable = 1;
	memset(pr, 0, sizeof(*pr));
	pr->passable.empty = pr->below.empty = pr->above.empty = 1;
	pr->pivot_below = pr->pivot_above = -1;
	if (n == 0 || (v->rule == PARLEY_RULE_BILATERAL && n != 2) ||
	    (v->rule == PARLEY_RULE_BILATERAL && n != v->member_count))
		return 0;
	rule_spec(&rs, v, sc);
	for (j = 0; j < n; j++) {
		total += sc->w[j];
		pop += sc->pop[j];
	}
	/* Thresholds the members present cannot reach pass nothing. */
	if ((v->rule == PARLEY_RULE_QUALIFIED_MAJORITY && v->quota > total) ||
	    (v->rule == PARLEY_RULE_SIMPLE_MAJORITY && !(total > 0)) ||
	    (v->population && !(pop > 0)) || v->min_members > n)
		return 0;
	*unreachable = 0;
	/* A member without a position on the issue neither votes nor blocks:
	 * the rule applies to the members present. */
	if (parley_passable(pr, sc->x, n, q, is->lo, is->hi, &rs, sc->order) < 0)
		return parley_error_last()->code;
	return 0;
}

/* Whether actor a sits at the table of venue view vv. */
static int mask_has(const parley_scenario *s, const parley_venue_view *vv, size_t a)
{
	const parley_venue *ve = &s->venues[vv->venue];
	size_t j;
	for (j = 0; j < ve->member_count; j++)
		if (ve->members[j] == a)
			return 1;
	return 0;
}

/* Whether actor a is a member of the table of venue view vv (every actor
 * at the implicit table). */
static int is_member(const parley_scenario *s, const parley_issue_feasibility *fz,
	const parley_venue_view *vv, size_t a)
{
	return fz->implicit_venue || mask_has(s, vv, a);
}

/* Without a status quo: the first table whose members take part (both
 * sides of a bilateral one) and whose red lines meet. */
static int no_status_quo_venue(const parley_scenario *s, const parley_issue_feasibility *fz,
	size_t *out)
{
	size_t v;

	for (v = 0; v < fz->venue_count; v++) {
		const parley_venue_view *vv = &fz->venues[v];
		if (!vv->on_table || !vv->member_count || vv->acceptable.empty)
			continue;
		if (!fz->implicit_venue && s->venues[vv->venue].rule == PARLEY_RULE_BILATERAL &&
		    vv->member_count != s->venues[vv->venue].member_count)
			continue;
		*out = v;
		return 1;
	}
	return 0;
}

/* Why the table of venue view vv admits no agreement on issue i, naming
 * only its members: a red-line conflict between two of them (the first
 * pair in actor order, as parley_red_lines), a member at the status quo or
 * the two that hold it from both sides, a rule the members taking part
 * cannot meet, or the member whose red line rules out every outcome that
 * beats the status quo. */
static int venue_clause(parley_buf *b, const parley_scenario *s, const parley_issue_feasibility *fz,
	const parley_venue_view *vv, size_t i, const double *q)
{
	const parley_stance *row = &s->stances[i * s->actor_count];
	size_t na = s->actor_count, k, l;
	parley_rule rule = fz->implicit_venue ? PARLEY_RULE_UNANIMITY : s->venues[vv->venue].rule;

#define MEMBER_WITH_LINE(a) (row[a].present && row[a].has_red_line && is_member(s, fz, vv, a))
	if (!vv->member_count)
		return parley_buf__puts(b, "none of its members takes part in the issue");
	if (vv->acceptable.empty) {
		for (k = 0; k < na; k++)
			for (l = 0; MEMBER_WITH_LINE(k) && l < na; l++)
				if (l != k && MEMBER_WITH_LINE(l) && row[k].red_hi.value < row[l].red_lo.value)
					return parley_buf__printf(b, "red lines do not overlap: %s accepts at most %g, "
						"%s at least %g", actor_name(s, k), row[k].red_hi.value, actor_name(s, l),
						row[l].red_lo.value);
		return parley_buf__puts(b, "the members' red lines leave nothing on the scale");
	}
	if (!q)
		return parley_buf__puts(b, "one side of its bilateral table takes no part in the issue");
	if (vv->unreachable)
		return parley_buf__puts(b, "the members taking part cannot meet its rule");
	if (vv->passable.empty) {
		if (rule != PARLEY_RULE_UNANIMITY && rule != PARLEY_RULE_BILATERAL)
			return parley_buf__puts(b, "no change gathers the support its rule requires");
		for (k = 0; k < na; k++)
			if (row[k].present && is_member(s, fz, vv, k) && row[k].position.value == *q)
				return parley_buf__printf(b, "%s sits at the status quo (%g): any change makes it "
					"worse off", actor_name(s, k), *q);
		if (vv->blocker_count == 2)
			return parley_buf__printf(b, "%s (at %g) and %s (at %g) stand on both sides of the "
				"status quo (%g): any change makes one of them worse off",
				actor_name(s, vv->blockers[0]), row[vv->blockers[0]].position.value,
				actor_name(s, vv->blockers[1]), row[vv->blockers[1]].position.value, *q);
		return parley_buf__puts(b, "no change is better for every member");
	}
	/* outcomes beat the status quo, but every one crosses a member's red line */
	for (k = 0; k < na; k++) {
		if (!MEMBER_WITH_LINE(k))
			continue;
		if (vv->acceptable.hi <= vv->passable.lo && row[k].red_hi.value == vv->acceptable.hi)
			return parley_buf__printf(b, "every outcome that beats the status quo crosses the red "
				"line of %s (at most %g)", actor_name(s, k), vv->acceptable.hi);
		if (vv->acceptable.lo >= vv->passable.hi && row[k].red_lo.value == vv->acceptable.lo)
			return parley_buf__printf(b, "every outcome that beats the status quo crosses the red "
				"line of %s (at least %g)", actor_name(s, k), vv->acceptable.lo);
	}
#undef MEMBER_WITH_LINE
	return parley_buf__puts(b, "no outcome that beats the status quo lies within every member's "
		"red line");
}

/* The "no" verdict: why each table on the issue admits no agreement. */
static const char *no_agreement_reason(parley_arena *arena, const parley_scenario *s,
	const parley_issue_feasibility *fz, size_t i, const double *q)
{
	parley_buf b = PARLEY_BUF_INIT;
	size_t v, on = 0, done = 0;
	const char *out = NULL;
	int error = 0;

	for (v = 0; v < fz->venue_count; v++)
		on += fz->venues[v].on_table != 0;
	if (!on)
		error = parley_buf__puts(&b, "no venue has the issue on its table");
	else if (on > 1)
		error = parley_buf__puts(&b, "no venue admits an agreement: ");
	for (v = 0; v < fz->venue_count && !error; v++) {
		const parley_venue_view *vv = &fz->venues[v];
		if (!vv->on_table)
			continue;
		if (done++)
			error = parley_buf__puts(&b, "; ");
		if (!error && !fz->implicit_venue)
			error = parley_buf__printf(&b, "in %s, ", venue_name(s, fz, vv));
		if (!error)
			error = venue_clause(&b, s, fz, vv, i, q);
	}
	if (!error)
		out = parley_arena__strndup(arena, b.ptr, b.size);
	parley_buf_dispose(&b);
	return out;
}

static int compute_issue(parley_fz_run *f, const parley_scenario *s, parley_model_ws *ws,
	size_t i, scratch *sc, unsigned char *mask)
{
	const parley_issue *is = &s->issues[i];
	parley_issue_feasibility *fz = &f->feasibility[i];
	parley_arena *arena = f->arena;
	size_t na = s->actor_count, n = 0, k, v, nv;
	double *rlo, *rhi;
	int *has;
	parley_red_line_conflict *conf;
	size_t nconf = 0;
	int error = 0;
	const double *q = is->status_quo.present ? &is->status_quo.value : NULL;

	/* red lines of the actors present */
	if ((error = scratch_reserve(sc, na + 1)) < 0)
		return error;
	rlo = sc->x;
	rhi = sc->w;
	has = parley__malloc((na + 1) * sizeof(int));
	conf = parley_arena__alloc(arena, MAX_CONFLICTS * sizeof(*conf));
	if (!has || !conf) {
		parley__free(has);
		return PARLEY_ENOMEM;
	}
	for (k = 0; k < na; k++) {
		const parley_stance *st = &s->stances[i * na + k];
		if (!st->present)
			continue;
		rlo[n] = st->has_red_line ? st->red_lo.value : is->lo;
		rhi[n] = st->has_red_line ? st->red_hi.value : is->hi;
		has[n] = st->has_red_line;
		sc->who[n] = k;
		n++;
	}
	error = parley_red_lines(&fz->acceptable, rlo, rhi, has, n, is->lo, is->hi,
		conf, MAX_CONFLICTS, &nconf);
	parley__free(has);
	if (error < 0)
		return error;
	for (k = 0; k < nconf && k < MAX_CONFLICTS; k++) {
		conf[k].a = sc->who[conf[k].a];
		conf[k].b = sc->who[conf[k].b];
	}
	fz->conflicts = conf;
	fz->conflict_count = nconf < MAX_CONFLICTS ? nconf : MAX_CONFLICTS;
	fz->has_status_quo = q != NULL;
	fz->q_acceptable = q && parley_interval_contains(&fz->acceptable, *q);
	fz->best_venue = -1;
	fz->agreement.empty = 1;

	/* venues: the scenario's, or the whole table deciding by consensus */
	fz->implicit_venue = s->venue_count == 0;
	nv = fz->implicit_venue ? 1 : s->venue_count;
	fz->venues = parley_arena__alloc(arena, nv * sizeof(parley_venue_view));
	if (!fz->venues)
		return PARLEY_ENOMEM;
	fz->venue_count = nv;
	for (v = 0; v < nv; v++) {
		parley_venue_view *vv = (parley_venue_view *)&fz->venues[v];
		parley_venue implicit;
		const parley_venue *ve;
		parley_passable_result pr;
		parley_model_result *models;
		size_t members = 0, j;

		memset(vv, 0, sizeof(*vv));
		vv->passable.empty = vv->change.empty = 1;
		if (fz->implicit_venue) {
			memset(&implicit, 0, sizeof(implicit));
			implicit.id = "table";
			implicit.rule = PARLEY_RULE_UNANIMITY;
			ve = &implicit;
			{
				size_t *all = parley_arena__alloc(arena, (na + 1) * sizeof(size_t));
				if (!all)
					return PARLEY_ENOMEM;
				for (k = 0; k < na; k++)
					all[k] = k;
				implicit.members = all;
				implicit.member_count = na;
			}
		} else {
			ve = &s->venues[v];
			vv->venue = v;
			for (j = 0; j < ve->issue_count && ve->issues[j] != i; j++)
				;
			if (j == ve->issue_count)
				continue; /* not on this venue's table */
		}
		vv->on_table = 1;
		members_acceptable(&vv->acceptable, s, ve, i);
		if (q) {
			if ((error = venue_passable(&pr, sc, s, ve, i, *q, mask, &members,
					&vv->unreachable)) < 0)
				return error;
			vv->passable = pr.passable;
			vv->split = pr.split;
			change_set(&vv->change, &pr, &vv->acceptable);
			if (pr.pivot_below >= 0)
				vv->pivots[vv->pivot_count++] = sc->who[pr.pivot_below];
			if (pr.pivot_above >= 0)
				vv->pivots[vv->pivot_count++] = sc->who[pr.pivot_above];
			if (pr.passable.empty && members && (ve->rule == PARLEY_RULE_UNANIMITY ||
			    ve->rule == PARLEY_RULE_BILATERAL)) {
				/* the status quo lies in the members' core: the two
				 * members at its ends hold it in place */
				size_t lo_m = 0, hi_m = 0, *bl = parley_arena__alloc(arena, 2 * sizeof(size_t));
				if (!bl)
					return PARLEY_ENOMEM;
				for (j = 1; j < members; j++) {
					if (sc->x[j] < sc->x[lo_m]) lo_m = j;
					if (sc->x[j] > sc->x[hi_m]) hi_m = j;
				}
				bl[0] = sc->who[lo_m];
				bl[1] = sc->who[hi_m];
				vv->blockers = bl;
				vv->blocker_count = lo_m == hi_m ? 1 : 2;
			}
		} else {
			members = gather_members(sc, s, ve, i, mask);
		}
		vv->member_count = members;
		models = parley_arena__alloc(arena, parley_model_count() * sizeof(*models));
		if (!models)
			return PARLEY_ENOMEM;
		if ((error = parley_models__run_set(models, s, i, mask, q, f->opts->models, f->opts, ws,
			arena)) < 0)
			return error;
		vv->models = models;
		if (fz->best_venue < 0 && !vv->change.empty) {
			fz->best_venue = (long)v;
			fz->agreement = vv->change;
		}
	}

	/* the verdict in one sentence */
	if (fz->best_venue >= 0) {
		const parley_venue_view *vv = &fz->venues[fz->best_venue];
		size_t out = 0;
		/* actors away from that table whose red line the agreement crosses */
		for (k = 0; k < na; k++) {
			const parley_stance *st = &s->stances[i * na + k];
			if (st->present && st->has_red_line && !fz->implicit_venue && !mask_has(s, vv, k) &&
			    (st->red_hi.value <= fz->agreement.lo || st->red_lo.value >= fz->agreement.hi))
				out++;
		}
		fz->agreement_possible = 1;
		fz->reason = parley_arena__printf(arena, "in %s, outcomes from %g to %g beat the status quo by %s "
			"and every member's red line admits them%s", venue_name(s, fz, vv), fz->agreement.lo,
			fz->agreement.hi, fz->implicit_venue ? "consensus" : rule_name(s->venues[vv->venue].rule),
			out ? ", though they cross the red line of an actor not at that table" : "");
	} else if (!q && no_status_quo_venue(s, fz, &v)) {
		/* no status quo to move from: possible where some table's red lines meet */
		const parley_venue_view *vv = &fz->venues[v];
		fz->agreement_possible = 1;
		fz->agreement = vv->acceptable;
		fz->reason = fz->implicit_venue ?
			parley_arena__printf(arena, "every red line admits [%g, %g]; the issue has no status quo to "
				"test which venue could move it", vv->acceptable.lo, vv->acceptable.hi) :
			parley_arena__printf(arena, "in %s, every member's red line admits [%g, %g]; the issue has no "
				"status quo to test whether the venue could move it", venue_name(s, fz, vv),
				vv->acceptable.lo, vv->acceptable.hi);
	} else {
		fz->agreement_possible = 0;
		fz->reason = no_agreement_reason(arena, s, fz, i, q);
	}
	if (!fz->reason)
		return PARLEY_ENOMEM;
	return 0;
}

/* Ratification of issue i by every body whose members have views on it. */
static int compute_ratification(parley_fz_run *f, const parley_scenario *s, size_t i,
	scratch *sc)
{
	parley_issue_feasibility *fz = &f->feasibility[i];
	const parley_issue *is = &s->issues[i];
	parley_ratification_view *views;
	size_t b, j, k;
	int error;

	fz->ratification_count = s->ratification_count;
	if (!s->ratification_count)
		return 0;
	views = parley_arena__alloc(f->arena, s->ratification_count * sizeof(*views));
	if (!views)
		return PARLEY_ENOMEM;
	fz->ratification = views;
	for (b = 0; b < s->ratification_count; b++) {
		const parley_ratification *rb = &s->ratifications[b];
		parley_ratification_view *rv = &views[b];
		parley_passable_result pr;
		parley_rule_spec rs;
		size_t n = 0, need = rb->member_count;
		double total = 0;

		memset(rv, 0, sizeof(*rv));
		rv->body = b;
		rv->ratifiable.empty = 1;
		for (j = 0; j < rb->bloc_count; j++)
			if (!isnan(rb->blocs[j].ideal[i]))
				need += rb->blocs[j].size;
		if ((error = scratch_reserve(sc, need + 1)) < 0)
			return error;
		for (j = 0; j < rb->member_count; j++)
			if (!isnan(rb->members[j].ideal[i])) {
				sc->x[n] = rb->members[j].ideal[i];
				sc->w[n++] = rb->members[j].weight;
			}
		for (j = 0; j < rb->bloc_count; j++) {
			const parley_bloc *bl = &rb->blocs[j];
			if (isnan(bl->ideal[i]))
				continue;
			if ((error = parley_bloc_ideals(sc->x + n, bl->size, bl->ideal[i], bl->spread[i],
					is->lo, is->hi)) < 0)
				return error;
			for (k = 0; k < bl->size; k++)
				sc->w[n + k] = 1.0;
			n += bl->size;
		}
		rv->applicable = n > 0;
		for (j = 0; j < n; j++)
			total += sc->w[j];
		if (!n || !is->status_quo.present || total < rb->threshold)
			continue;
		memset(&rs, 0, sizeof(rs));
		rs.rule = PARLEY_RULE_QUALIFIED_MAJORITY;
		rs.weight = sc->w;
		rs.quota = rb->threshold;
		if (parley_passable(&pr, sc->x, n, is->status_quo.value, is->lo, is->hi, &rs, sc->order) < 0)
			return parley_error_last()->code;
		rv->ratifiable = pr.passable;
	}
	return 0;
}

/* The stages in order: each issue on a stage's table starts from the
 * scenario's status quo or the previous outcome; the stage's model,
 * run over the venue's members, is moved into the change set. */
static int compute_stages(parley_fz_run *f, const parley_scenario *s, parley_model_ws *ws,
	scratch *sc, unsigned char *mask)
{
	double *cur;
	size_t st, j, steps = 0, n;
	int error = 0;

	for (st = 0; st < s->stage_count; st++)
		steps += s->stages[st].issue_count;
	if (!steps)
		return 0;
	f->stage_steps = parley_arena__alloc(f->arena, steps * sizeof(parley_stage_step));
	cur = parley__malloc((s->issue_count + 1) * sizeof(double));
	if (!f->stage_steps || !cur) {
		parley__free(cur);
		return PARLEY_ENOMEM;
	}
	for (j = 0; j < s->issue_count; j++)
		cur[j] = s->issues[j].status_quo.present ? s->issues[j].status_quo.value : NAN;
	for (st = 0; st < s->stage_count && !error; st++) {
		const parley_stage *stage = &s->stages[st];
		const parley_venue *ve = &s->venues[stage->venue];
		const parley_model_type *mt = parley_model_type_lookup(parley_stage__model(stage, ve));
		size_t id = parley_model_type_index(mt);
		for (j = 0; j < stage->issue_count && !error; j++) {
			size_t i = stage->issues[j];
			const parley_issue *is = &s->issues[i];
			parley_stage_step *step;
			parley_passable_result pr;
			parley_model_result models[PARLEY__MODEL_MAX];
			parley_interval acc;
			double q;
			int unreachable;

			if (!is->status_quo.present)
				continue; /* nothing to move from */
			step = &f->stage_steps[f->stage_step_count++];
			memset(step, 0, sizeof(*step));
			q = stage->status_quo_previous ? cur[i] : is->status_quo.value;
			step->stage = st;
			step->issue = i;
			step->status_quo = q;
			if ((error = venue_passable(&pr, sc, s, ve, i, q, mask, &n, &unreachable)) < 0)
				break;
			members_acceptable(&acc, s, ve, i);
			change_set(&step->change, &pr, &acc);
			if ((error = parley_models__run_set(models, s, i, mask, &q, 1u << id, f->opts, ws,
				f->arena)) < 0)
				break;
			step->forecast_ok = !models[id].error;
			step->forecast = models[id].forecast;
			step->outcome = q;
			if (!step->change.empty) {
				double y = step->forecast_ok ? step->forecast : q;
				/* the nearest point of the change set (its end, as a limit, when open) */
				step->outcome = y < step->change.lo ? step->change.lo :
					y > step->change.hi ? step->change.hi : y;
			}
			step->moved = step->outcome != q;
			cur[i] = step->outcome;
		}
	}
	parley__free(cur);
	return error;
}

const char *parley_stage__model(const parley_stage *stage, const parley_venue *ve)
{
	if (stage->model)
		return stage->model;
	return ve->rule == PARLEY_RULE_UNANIMITY || ve->rule == PARLEY_RULE_BILATERAL ? "nbs" : "median";
}

int parley_feasibility__compute(parley_fz_run *f, const parley_scenario *s, parley_model_ws *ws)
{
	scratch sc;
	unsigned char *mask;
	size_t i;
	int error = 0;

	memset(&sc, 0, sizeof(sc));
	f->feasibility = parley__calloc(s->issue_count + 1, sizeof(*f->feasibility));
	mask = parley__malloc(s->actor_count + 1);
	if (!f->feasibility || !mask) {
		parley__free(mask);
		return PARLEY_ENOMEM;
	}
	for (i = 0; i < s->issue_count && !error; i++)
		if ((error = compute_issue(f, s, ws, i, &sc, mask)) == 0)
			error = compute_ratification(f, s, i, &sc);
	if (!error)
		error = compute_stages(f, s, ws, &sc, mask);
	parley_fz_scratch__dispose(&sc);
	parley__free(mask);
	return error;
}

/* Unanimity among the actors present on issue i (the members of venue `ve`,
 * or every actor without one): the win-set of q and the intersection of
 * their red lines, in one pass over their stances, without the checks of
 * parley_winset_unanimity() (the scenario's numbers were checked when it
 * was loaded, and draws stay on their domains). Returns how many are
 * present; *pr and *acc are set only when some are. */
static size_t unanimity_quick(parley_passable_result *pr, parley_interval *acc,
	const parley_scenario *s, const parley_venue *ve, size_t i, double q)
{
	const parley_issue *is = &s->issues[i];
	const parley_stance *row = &s->stances[i * s->actor_count];
	size_t count = ve ? ve->member_count : s->actor_count, j, n = 0;
	double m = HUGE_VAL, M = -HUGE_VAL, lo = is->lo, hi = is->hi;
	parley_winset_result wr;

	for (j = 0; j < count; j++) {
		const parley_stance *st = &row[ve ? ve->members[j] : j];
		double x = st->position.value;
		if (!st->present)
			continue;
		n++;
		if (x < m) m = x;
		if (x > M) M = x;
		if (st->has_red_line) {
			if (st->red_lo.value > lo) lo = st->red_lo.value;
			if (st->red_hi.value < hi) hi = st->red_hi.value;
		}
	}
	if (!n)
		return 0;
	parley_winset__from_core(&wr, m, M, q, is->lo, is->hi);
	memset(pr, 0, sizeof(*pr));
	pr->passable = wr.winset;
	pr->pivot_below = pr->pivot_above = -1;
	pr->below.empty = pr->above.empty = 1;
	memset(acc, 0, sizeof(*acc));
	acc->empty = lo > hi;
	if (!acc->empty) {
		acc->lo = lo;
		acc->hi = hi;
	}
	return n;
}

int parley_feasibility__plain(const parley_issue *is, double q, const double *x, size_t n)
{
	parley_winset_result wr;
	parley_interval scale, change;
	double m = HUGE_VAL, M = -HUGE_VAL;
	size_t k;

	if (!n)
		return 0;
	for (k = 0; k < n; k++) {
		m = x[k] < m ? x[k] : m;
		M = x[k] > M ? x[k] : M;
	}
	/* unanimity_quick() and change_set() without red lines: the win-set
	 * on the scale */
	parley_winset__from_core(&wr, m, M, q, is->lo, is->hi);
	memset(&scale, 0, sizeof(scale));
	scale.lo = is->lo;
	scale.hi = is->hi;
	scale.empty = is->lo > is->hi;
	parley_interval_intersect(&change, &wr.winset, &scale);
	return !change.empty;
}

int parley_feasibility__quick(const parley_scenario *s, size_t i, const parley_body_view *bodies,
	parley_fz_scratch *sc, unsigned char *mask, int *possible, signed char *ratified)
{
	const parley_issue *is = &s->issues[i];
	const double *q = is->status_quo.present ? &is->status_quo.value : NULL;
	parley_interval agreement, acceptable;
	size_t na = s->actor_count, v, nv = s->venue_count ? s->venue_count : 1, b;
	int error;

	*possible = 0;
	agreement.empty = 1;
	if ((error = scratch_reserve(sc, na + 1)) < 0)
		return error;
	for (v = 0; v < nv && agreement.empty && q; v++) {
		const parley_venue *ve = s->venue_count ? &s->venues[v] : NULL;
		parley_passable_result pr;
		parley_interval acc, change;
		size_t members, j;
		if (ve) {
			for (j = 0; j < ve->issue_count && ve->issues[j] != i; j++)
				;
			if (j == ve->issue_count)
				continue;
		}
		if (!ve || ve->rule == PARLEY_RULE_UNANIMITY || ve->rule == PARLEY_RULE_BILATERAL) {
			/* without venues every actor present, by consensus; the closed
			 * form: O(n), no sort (the same set, models.md section 5) */
			members = unanimity_quick(&pr, &acc, s, ve, i, *q);
			if (!members || (ve && ve->rule == PARLEY_RULE_BILATERAL && members != ve->member_count))
				continue;
		} else {
			int unreachable;
			if ((error = venue_passable(&pr, sc, s, ve, i, *q, mask, &members, &unreachable)) < 0)
				return error;
			members_acceptable(&acc, s, ve, i);
		}
		change_set(&change, &pr, &acc);
		if (!change.empty)
			agreement = change;
	}
	for (v = 0; v < nv && agreement.empty && !q; v++) {
		/* no status quo (so no venue moves it): possible where the red lines
		 * of a table's members meet (every actor's without venues), as
		 * compute_issue */
		const parley_venue *ve = s->venue_count ? &s->venues[v] : NULL;
		parley_passable_result pr;
		size_t members, j;
		if (ve) {
			for (j = 0; j < ve->issue_count && ve->issues[j] != i; j++)
				;
			if (j == ve->issue_count)
				continue;
		}
		members = unanimity_quick(&pr, &acceptable, s, ve, i, 0.5 * (is->lo + is->hi));
		if (members && (!ve || ve->rule != PARLEY_RULE_BILATERAL || members == ve->member_count) &&
		    !acceptable.empty)
			agreement = acceptable;
	}
	*possible = !agreement.empty;
	for (b = 0; b < s->ratification_count; b++) {
		const parley_body_view *bv = &bodies[b];
		parley_passable_result pr;
		parley_rule_spec rs;
		parley_interval both;
		double total = 0;
		size_t j;
		if (!bv->n) {
			ratified[b] = -1;
			continue;
		}
		ratified[b] = 0;
		if (!*possible || !q)
			continue;
		for (j = 0; j < bv->n; j++)
			total += bv->w[j];
		if (total < bv->threshold)
			continue;
		memset(&rs, 0, sizeof(rs));
		rs.rule = PARLEY_RULE_QUALIFIED_MAJORITY;
		rs.weight = bv->w;
		rs.quota = bv->threshold;
		if (scratch_reserve(sc, bv->n + 1) < 0)
			return PARLEY_ENOMEM;
		if (parley_passable(&pr, bv->x, bv->n, *q, is->lo, is->hi, &rs, sc->order) < 0)
			return parley_error_last()->code;
		parley_interval_intersect(&both, &agreement, &pr.passable);
		ratified[b] = !both.empty;
	}
	return 0;
}
