/*
 * institutions_internal.h - pieces of institutions.c that the feasibility
 * analysis uses on numbers it has already validated.
 */
#ifndef PARLEY_INSTITUTIONS_INTERNAL_H
#define PARLEY_INSTITUTIONS_INTERNAL_H

#include "parley/institutions.h"

/* The unanimity win-set of q (models.md section 5) from the members'
 * smallest and largest positions m <= M, all on [lo, hi] with q: what
 * parley_winset_unanimity() computes after its checks and its pass over
 * the positions. */
void parley_winset__from_core(parley_winset_result *r, double m, double M, double q,
	double lo, double hi);

#endif
