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

/* The ziggurat's first comparison (mc.c: 256 layers whose right ends are
 * zx[0..256]): word w gives the layer (low 8 bits), a uniform across it
 * (top 23 bits: a resolution of 2^-23 of the layer's width) and the sign
 * (bit 8). 1 with the normal draw in *out where w falls inside its layer's
 * rectangle under the curve (about 99% of words), else 0 with |x| in *out
 * for the rest of the test. The sign comes by a multiplication, not a
 * branch: bit 8 is a coin toss, which no branch predictor guesses
 * (x * -1.0 = -x exactly). The AVX2 pass (mc_draw.c) does the same
 * operations four lanes at a time. */
static inline int parley_mc__zig_first(const double *zx, uint32_t w, double *out)
{
	double x = ((double)(w >> 9) + 0.5) * (1.0 / 8388608.0) * zx[w & 0xff];

	if (x < zx[(w & 0xff) + 1]) {
		*out = x * (1.0 - 2.0 * (double)((w >> 8) & 1));
		return 1;
	}
	*out = x;
	return 0;
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
	size_t padded;         /* the arrays' length: the variables, padded */
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

#endif
