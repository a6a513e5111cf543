/*
 * mc_draw.h - the first word of every variable of a Monte Carlo draw, and
 * the values it gives by itself (mc_draw.c; internal to the library).
 */
#ifndef PARLEY_MC_DRAW_H
#define PARLEY_MC_DRAW_H

#include <stddef.h>
#include <stdint.h>

/* An input's support in the sensitivity sums: (x - slo) / (shi - slo) in
 * fixed point with this many steps (2^24 - 1), so that 64 draws of x times
 * a 32-bit forecast fit a 64-bit sum (mc.c, flush_pending). */
#define PARLEY_MC_INPUT_ONE 16777215.0

/* x in fixed point over the support [slo, slo + PARLEY_MC_INPUT_ONE / scale]. */
static inline uint32_t parley_mc__to_fixed(double x, double slo, double scale)
{
	double u = (x - slo) * scale;

	u = u > 0 ? u : 0;
	u = u < PARLEY_MC_INPUT_ONE ? u : PARLEY_MC_INPUT_ONE;
	return (uint32_t)(u + 0.5);
}

/* Variables are handled in groups of this many (eight Philox blocks); the
 * arrays below hold a multiple of it. */
#define PARLEY_MC_GROUP 32

/* The variables of a run as the first-word pass reads them, one array per
 * field (padded to a multiple of PARLEY_MC_GROUP). The fast path applies
 * to a normal sampled by rejection: value + p0 z with z from the ziggurat's
 * first comparison, kept when it falls in [lo, hi]. Elsewhere lo = +inf and
 * hi = -inf, so that it never does. */
typedef struct {
	double *value, *p0, *lo, *hi;
	double *slo, *scale;   /* fixed point: (x - slo) * scale, 0 to PARLEY_MC_INPUT_ONE */
	const double *zx;      /* the ziggurat's layer ends, 257 of them (mc.c) */
	size_t count, padded;  /* variables, and the arrays' length */
} parley_mc_fast;

/*
 * For draw `draw` under key `seed`, every variable v < f->padded:
 * words[v] = word v % 4 of Philox4x32-10 counter (draw, v / 4, 0);
 * ok[v] = 1 where the fast path accepts, with values[v] the value and,
 * when fixed is not NULL, fixed[v] its fixed point; ok[v] = 0 elsewhere
 * (values[v] and fixed[v] are then unspecified). With use_avx2 (only where
 * parley_mc__have_avx2() says so) eight blocks and four variables at a
 * time; the results are the same bits either way.
 */
void parley_mc__draw_first(const parley_mc_fast *f, uint64_t seed, uint64_t draw, uint32_t *words,
	double *values, uint32_t *fixed, unsigned char *ok, int use_avx2);

/* 1 where this CPU runs AVX2 and the library was built with it. */
int parley_mc__have_avx2(void);

/* Philox4x32-10 of the four counters (draw, b + j, 0), j = 0..3, under
 * key = seed: block j's words into out[4 j .. 4 j + 3]. */
void parley_mc__philox_x4(uint32_t out[16], uint64_t seed, uint64_t draw, uint32_t b);

#endif
