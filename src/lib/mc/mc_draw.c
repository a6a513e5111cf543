/*
 * mc_draw.c - the first pass of a Monte Carlo draw (mc_draw.h): the first
 * Philox word of every variable and, for the normals sampled by rejection,
 * the value the ziggurat's first comparison gives (about 99% of them fall
 * inside the layer and inside the support). mc.c finishes the rest.
 *
 * Two implementations with the same bits: portable C (with SSE2 for the
 * Philox rounds, four blocks at a time), and AVX2 (eight blocks at a time,
 * four variables per step, the ziggurat's table read by gathers), chosen at
 * run time. The AVX2 code is compiled with a target attribute, so the rest
 * of the library keeps the baseline instruction set. The arithmetic is the
 * same sequence of IEEE operations in both (no fused multiply-add: not in
 * the baseline, and the AVX2 code does not enable it).
 */
#include <stdint.h>
#include <Random123/philox.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_CODE 1
#endif
#include "mc_draw.h"

/* ---- Philox4x32-10, four blocks at a time ---- */

#if defined(__SSE2__)
/* Lane-wise 32 x 32 -> 64-bit products of a and the constant in m. */
static void mulhilo_x4(__m128i m, __m128i a, __m128i *lo, __m128i *hi)
{
	__m128i p02 = _mm_mul_epu32(a, m);                     /* lanes 0 and 2 */
	__m128i p13 = _mm_mul_epu32(_mm_srli_epi64(a, 32), m); /* lanes 1 and 3 */
	__m128i a02 = _mm_shuffle_epi32(p02, _MM_SHUFFLE(3, 1, 2, 0)); /* lo0 lo2 hi0 hi2 */
	__m128i a13 = _mm_shuffle_epi32(p13, _MM_SHUFFLE(3, 1, 2, 0)); /* lo1 lo3 hi1 hi3 */

	*lo = _mm_unpacklo_epi32(a02, a13);
	*hi = _mm_unpackhi_epi32(a02, a13);
}

/* Philox4x32-10 of the four counters (draw, b + j, 0), j = 0..3, under
 * key = seed: block j's words into out[4 j .. 4 j + 3], the words
 * Random123's philox4x32() gives for each (the unit tests compare them);
 * about a third of the instructions of four calls. */
static void philox_x4(uint32_t out[16], uint64_t seed, uint64_t draw, uint32_t b)
{
	const __m128i m0 = _mm_set1_epi32((int)PHILOX_M4x32_0);
	const __m128i m1 = _mm_set1_epi32((int)PHILOX_M4x32_1);
	__m128i c0 = _mm_set1_epi32((int)(uint32_t)draw);
	__m128i c1 = _mm_set1_epi32((int)(uint32_t)(draw >> 32));
	__m128i c2 = _mm_setr_epi32((int)b, (int)(b + 1), (int)(b + 2), (int)(b + 3));
	__m128i c3 = _mm_setzero_si128();
	__m128i t0, t1, t2, t3;
	uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
	int r;

	for (r = 0; r < 10; r++) {
		__m128i lo0, hi0, lo1, hi1;
		if (r) {
			k0 += PHILOX_W32_0;
			k1 += PHILOX_W32_1;
		}
		mulhilo_x4(m0, c0, &lo0, &hi0);
		mulhilo_x4(m1, c2, &lo1, &hi1);
		c0 = _mm_xor_si128(_mm_xor_si128(hi1, c1), _mm_set1_epi32((int)k0));
		c1 = lo1;
		c2 = _mm_xor_si128(_mm_xor_si128(hi0, c3), _mm_set1_epi32((int)k1));
		c3 = lo0;
	}
	/* c0..c3 hold word 0..3 of the four blocks: transpose */
	t0 = _mm_unpacklo_epi32(c0, c1);
	t1 = _mm_unpacklo_epi32(c2, c3);
	t2 = _mm_unpackhi_epi32(c0, c1);
	t3 = _mm_unpackhi_epi32(c2, c3);
	_mm_storeu_si128((__m128i *)(void *)&out[0], _mm_unpacklo_epi64(t0, t1));
	_mm_storeu_si128((__m128i *)(void *)&out[4], _mm_unpackhi_epi64(t0, t1));
	_mm_storeu_si128((__m128i *)(void *)&out[8], _mm_unpacklo_epi64(t2, t3));
	_mm_storeu_si128((__m128i *)(void *)&out[12], _mm_unpackhi_epi64(t2, t3));
}
#else
static void philox_x4(uint32_t out[16], uint64_t seed, uint64_t draw, uint32_t b)
{
	philox4x32_key_t k = {{ (uint32_t)seed, (uint32_t)(seed >> 32) }};
	unsigned j, i;

	for (j = 0; j < 4; j++) {
		philox4x32_ctr_t c = {{ (uint32_t)draw, (uint32_t)(draw >> 32), b + j, 0 }};
		philox4x32_ctr_t r = philox4x32(c, k);
		for (i = 0; i < 4; i++)
			out[4 * j + i] = r.v[i];
	}
}
#endif

/* ---- the first pass, portable ---- */

static void first_portable(const parley_mc_fast *f, uint64_t seed, uint64_t draw,
	uint32_t *words, double *values, uint32_t *fixed, unsigned char *ok)
{
	size_t v;

	for (v = 0; v < f->padded; v += 16)
		philox_x4(words + v, seed, draw, (uint32_t)(v >> 2));
	for (v = 0; v < f->padded; v++) {
		double z, x;
		int inside = parley_mc__zig_first(f->zx, words[v], &z);

		x = f->value[v] + f->p0[v] * z;

		ok[v] = (unsigned char)(inside && x >= f->lo[v] && x <= f->hi[v]);
		values[v] = x;
		if (fixed)
			fixed[v] = parley_mc__to_fixed(x, f->slo[v], f->scale[v]);
	}
}

/* ---- the first pass, AVX2 ---- */

#ifdef HAVE_AVX2_CODE
#define AVX2 __attribute__((target("avx2")))

AVX2 static void mulhilo_x8(__m256i m, __m256i a, __m256i *lo, __m256i *hi)
{
	__m256i p02 = _mm256_mul_epu32(a, m);
	__m256i p13 = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);
	__m256i a02 = _mm256_shuffle_epi32(p02, _MM_SHUFFLE(3, 1, 2, 0));
	__m256i a13 = _mm256_shuffle_epi32(p13, _MM_SHUFFLE(3, 1, 2, 0));

	*lo = _mm256_unpacklo_epi32(a02, a13);
	*hi = _mm256_unpackhi_epi32(a02, a13);
}

/* parley_mc__philox_x4() for the eight blocks b..b + 7 (out[32]). */
AVX2 static void philox_x8(uint32_t *out, uint64_t seed, uint64_t draw, uint32_t b)
{
	const __m256i m0 = _mm256_set1_epi32((int)PHILOX_M4x32_0);
	const __m256i m1 = _mm256_set1_epi32((int)PHILOX_M4x32_1);
	__m256i c0 = _mm256_set1_epi32((int)(uint32_t)draw);
	__m256i c1 = _mm256_set1_epi32((int)(uint32_t)(draw >> 32));
	__m256i c2 = _mm256_add_epi32(_mm256_set1_epi32((int)b), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
	__m256i c3 = _mm256_setzero_si256();
	__m256i t0, t1, t2, t3, r0, r1, r2, r3;
	uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
	int r;

	for (r = 0; r < 10; r++) {
		__m256i lo0, hi0, lo1, hi1;
		if (r) {
			k0 += PHILOX_W32_0;
			k1 += PHILOX_W32_1;
		}
		mulhilo_x8(m0, c0, &lo0, &hi0);
		mulhilo_x8(m1, c2, &lo1, &hi1);
		c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c1), _mm256_set1_epi32((int)k0));
		c1 = lo1;
		c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c3), _mm256_set1_epi32((int)k1));
		c3 = lo0;
	}
	/* per 128-bit half (blocks 0-3 and 4-7) as in the SSE2 code: r0 holds
	 * blocks 0 | 4, r1 1 | 5, r2 2 | 6, r3 3 | 7 */
	t0 = _mm256_unpacklo_epi32(c0, c1);
	t1 = _mm256_unpacklo_epi32(c2, c3);
	t2 = _mm256_unpackhi_epi32(c0, c1);
	t3 = _mm256_unpackhi_epi32(c2, c3);
	r0 = _mm256_unpacklo_epi64(t0, t1);
	r1 = _mm256_unpackhi_epi64(t0, t1);
	r2 = _mm256_unpacklo_epi64(t2, t3);
	r3 = _mm256_unpackhi_epi64(t2, t3);
	_mm256_storeu_si256((__m256i *)(void *)&out[0], _mm256_permute2x128_si256(r0, r1, 0x20));
	_mm256_storeu_si256((__m256i *)(void *)&out[8], _mm256_permute2x128_si256(r2, r3, 0x20));
	_mm256_storeu_si256((__m256i *)(void *)&out[16], _mm256_permute2x128_si256(r0, r1, 0x31));
	_mm256_storeu_si256((__m256i *)(void *)&out[24], _mm256_permute2x128_si256(r2, r3, 0x31));
}

/* first_portable(), four variables per step: the same operations on each
 * lane, in the same order. */
AVX2 static void first_avx2(const parley_mc_fast *f, uint64_t seed, uint64_t draw,
	uint32_t *words, double *values, uint32_t *fixed, unsigned char *ok)
{
	const __m256d half = _mm256_set1_pd(0.5), step = _mm256_set1_pd(1.0 / 8388608.0);
	const __m256d one = _mm256_set1_pd(1.0), two = _mm256_set1_pd(2.0);
	const __m256d zero = _mm256_setzero_pd(), top = _mm256_set1_pd(PARLEY_MC_INPUT_ONE);
	const __m128i low8 = _mm_set1_epi32(0xff), bit = _mm_set1_epi32(1);
	size_t g, v;

	for (g = 0; g < f->padded; g += PARLEY_MC_GROUP) {
		philox_x8(words + g, seed, draw, (uint32_t)(g >> 2));
		for (v = g; v < g + PARLEY_MC_GROUP; v += 4) {
			__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(words + v));
			__m128i layer = _mm_and_si128(w, low8);
			__m256d u = _mm256_cvtepi32_pd(_mm_srli_epi32(w, 9)); /* < 2^23: exact */
			__m256d z = _mm256_mul_pd(_mm256_mul_pd(_mm256_add_pd(u, half), step),
				_mm256_i32gather_pd(f->zx, layer, 8));
			__m256d next = _mm256_i32gather_pd(f->zx + 1, layer, 8);
			__m256d sign = _mm256_sub_pd(one, _mm256_mul_pd(two,
				_mm256_cvtepi32_pd(_mm_and_si128(_mm_srli_epi32(w, 8), bit))));
			__m256d x = _mm256_add_pd(_mm256_loadu_pd(f->value + v),
				_mm256_mul_pd(_mm256_loadu_pd(f->p0 + v), _mm256_mul_pd(z, sign)));
			__m256d good = _mm256_and_pd(_mm256_cmp_pd(z, next, _CMP_LT_OQ),
				_mm256_and_pd(_mm256_cmp_pd(x, _mm256_loadu_pd(f->lo + v), _CMP_GE_OQ),
					_mm256_cmp_pd(x, _mm256_loadu_pd(f->hi + v), _CMP_LE_OQ)));
			int mask = _mm256_movemask_pd(good);

			_mm256_storeu_pd(values + v, x);
			ok[v] = (unsigned char)(mask & 1);
			ok[v + 1] = (unsigned char)((mask >> 1) & 1);
			ok[v + 2] = (unsigned char)((mask >> 2) & 1);
			ok[v + 3] = (unsigned char)((mask >> 3) & 1);
			if (fixed) {
				/* max and min as parley_mc__to_fixed's comparisons (no NaN here),
				 * then truncation of u + 0.5 (below 2^24) */
				__m256d t = _mm256_mul_pd(_mm256_sub_pd(x, _mm256_loadu_pd(f->slo + v)),
					_mm256_loadu_pd(f->scale + v));
				t = _mm256_min_pd(_mm256_max_pd(t, zero), top);
				_mm_storeu_si128((__m128i *)(void *)(fixed + v),
					_mm256_cvttpd_epi32(_mm256_add_pd(t, half)));
			}
		}
	}
}

int parley_mc__have_avx2(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2") != 0;
}
#else
int parley_mc__have_avx2(void)
{
	return 0;
}
#endif

void parley_mc__draw_first(const parley_mc_fast *f, uint64_t seed, uint64_t draw, uint32_t *words,
	double *values, uint32_t *fixed, unsigned char *ok, int use_avx2)
{
#ifdef HAVE_AVX2_CODE
	if (use_avx2) {
		first_avx2(f, seed, draw, words, values, fixed, ok);
		return;
	}
#else
	(void)use_avx2;
#endif
	first_portable(f, seed, draw, words, values, fixed, ok);
}
