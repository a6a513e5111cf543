/*
 * output_format.c - what the text, JSON and CSV renderers share (output.c,
 * output_mc.c, output_packages.c): positions to the decimals an issue's
 * scale wants, actors' labels, padding of text columns by characters.
 */
#include <stdio.h>
#include <string.h>
#include "output_format.h"

/* Decimals for reading positions on issue `i`: two where the scale or the
 * actors' spread is narrow (years of delay, say), one on a 0-100 scale. */
int issue_decimals(const parley_scenario *s, size_t i)
{
	const parley_issue *is = &s->issues[i];
	double lo = is->hi, hi = is->lo;
	size_t k;

	for (k = 0; k < s->actor_count; k++) {
		const parley_stance *st = &s->stances[i * s->actor_count + k];
		if (!st->present)
			continue;
		if (st->position.value < lo) lo = st->position.value;
		if (st->position.value > hi) hi = st->position.value;
	}
	return (is->hi - is->lo <= 20 || hi - lo <= 20) ? 2 : 1;
}

/* Right-aligned in `width` columns (0: no padding), `dec` decimals. */
int fmt_pos_w(parley_buf *b, double v, int dec, int width)
{
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%.*f", dec, v);
	if (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1))
		memmove(tmp, tmp + 1, strlen(tmp)); /* no "-0.0" */
	return parley_buf__printf(b, "%*s", width, tmp);
}

int fmt_pos(parley_buf *b, double v, int dec)
{
	return fmt_pos_w(b, v, dec, 0);
}

const char *actor_label(const parley_actor *a)
{
	return a->name ? a->name : a->id;
}

int pad_to(parley_buf *b, size_t line_start, size_t col)
{
	int error;
	/* count characters, not bytes, so UTF-8 names align */
	size_t n = 0, i;
	for (i = line_start; i < b->size; i++)
		if (((unsigned char)b->ptr[i] & 0xC0) != 0x80)
			n++;
	while (n++ < col)
		if ((error = parley_buf__puts(b, " ")) < 0)
			return error;
	return 0;
}
