/*
 * text.c - one rule for every text field on every path in, and one way of
 * showing text that breaks it (docs/scenario-format.md, docs/ledger.md).
 *
 * The rule (parley__text_check): valid UTF-8; no NUL; no C0 control
 * character (U+0000-U+001F) but tab and line feed, and those only in fields
 * that may span lines (PARLEY_TEXT_MULTILINE); no DEL (U+007F) and no C1
 * control character (U+0080-U+009F); and the bidirectional embeddings,
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069) balanced within
 * each line: every LRE, RLE, LRO and RLO closed by a PDF, every LRI, RLI
 * and FSI by a PDI, properly nested, at most 64 deep, so that no field can
 * reorder the text printed after it (the "Trojan Source" attack, CVE-2021-
 * 42574). The scenario readers, `ledger add`, `ledger import` and `forecast
 * --record` all check their text through it, so a text the program stores
 * or prints from its own inputs always passes it.
 *
 * Text that did not come through the rule (a ledger written by an older
 * parley or by hand, a JSON result given to the report) is shown through
 * parley__text_escape: what the rule allows is copied, anything else made
 * visible as an escape (\x1b, \u0085, \u202e), so terminal output never
 * carries a raw escape sequence. Escaped text passes the rule.
 */
#include <stdio.h>
#include <string.h>
#include "internal.h"

/* The code point at s[i] (len bytes left): its length in bytes, or 0 for an
 * invalid UTF-8 sequence (overlong, surrogate, beyond U+10FFFF, cut). */
static size_t utf8_at(const unsigned char *s, size_t len, size_t i, unsigned *cp)
{
	unsigned c = s[i], v;
	size_t n, k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; }
	else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; }
	else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; }
	else return 0;
	if (len - i < n)
		return 0;
	for (k = 1; k < n; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i + k] & 0x3Fu);
	}
	if ((n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
	    (n == 4 && (v < 0x10000 || v > 0x10FFFF)))
		return 0;
	*cp = v;
	return n;
}

/* 1 for an opener of an embedding or override, 2 of an isolate; -1 for PDF,
 * -2 for PDI; 0 for anything else. */
static int bidi_kind(unsigned cp)
{
	if (cp == 0x202A || cp == 0x202B || cp == 0x202D || cp == 0x202E)
		return 1;
	if (cp >= 0x2066 && cp <= 0x2068)
		return 2;
	if (cp == 0x202C)
		return -1;
	if (cp == 0x2069)
		return -2;
	return 0;
}

#define BIDI_MAX_DEPTH 64

int parley__text_check(const char *text, size_t len, unsigned flags, parley_text_bad *bad)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned char stack[BIDI_MAX_DEPTH];
	size_t i = 0, depth = 0, open_at = 0;
	parley_text_bad b;

	memset(&b, 0, sizeof(b));
	while (i < len) {
		unsigned cp;
		size_t n = utf8_at(s, len, i, &cp);
		int k;
		if (!n) {
			b.fault = PARLEY_TEXT_BAD_UTF8;
			b.cp = s[i];
			goto fail;
		}
		if (cp == 0) {
			b.fault = PARLEY_TEXT_BAD_NUL;
			goto fail;
		}
		if (cp == '\n' || cp == '\t') {
			if (!(flags & PARLEY_TEXT_MULTILINE)) {
				b.fault = PARLEY_TEXT_BAD_LINE;
				b.cp = cp;
				goto fail;
			}
			if (cp == '\n' && depth) /* a line ends every embedding: close them first */
				goto unbalanced;
		} else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			b.fault = PARLEY_TEXT_BAD_CONTROL;
			b.cp = cp;
			goto fail;
		} else if ((k = bidi_kind(cp)) > 0) {
			if (depth == BIDI_MAX_DEPTH) {
				b.fault = PARLEY_TEXT_BAD_BIDI;
				b.cp = cp;
				goto fail;
			}
			if (!depth)
				open_at = i;
			stack[depth++] = (unsigned char)k;
		} else if (k < 0) {
			if (!depth || stack[depth - 1] != -k) {
				b.fault = PARLEY_TEXT_BAD_BIDI;
				b.cp = cp;
				goto fail;
			}
			depth--;
		}
		i += n;
	}
	if (!depth)
		return 0;
unbalanced:
	b.fault = PARLEY_TEXT_BAD_BIDI;
	i = open_at;
	(void)utf8_at(s, len, i, &b.cp);
fail:
	b.offset = i;
	if (bad)
		*bad = b;
	return -1;
}

const char *parley__text_fault(const parley_text_bad *bad, char *buf, size_t size)
{
	switch (bad->fault) {
	case PARLEY_TEXT_BAD_NUL:
		snprintf(buf, size, "a NUL character");
		break;
	case PARLEY_TEXT_BAD_UTF8:
		snprintf(buf, size, "a byte 0x%02x that is not UTF-8", bad->cp);
		break;
	case PARLEY_TEXT_BAD_LINE:
		snprintf(buf, size, "a %s in a one-line field", bad->cp == '\n' ? "line break" : "tab");
		break;
	case PARLEY_TEXT_BAD_CONTROL:
		snprintf(buf, size, "a control character U+%04X", bad->cp);
		break;
	case PARLEY_TEXT_BAD_BIDI:
		snprintf(buf, size, "an unbalanced bidirectional control U+%04X", bad->cp);
		break;
	default:
		snprintf(buf, size, "nothing wrong");
	}
	return buf;
}

const char *parley__text_expected(const parley_text_bad *bad, unsigned flags)
{
	if (bad->fault == PARLEY_TEXT_BAD_BIDI)
		return "each embedding, override or isolate closed by PDF or PDI within its line";
	if (bad->fault == PARLEY_TEXT_BAD_UTF8)
		return "UTF-8 text";
	return flags & PARLEY_TEXT_MULTILINE ?
		"text without control characters: tab and line feed are allowed" :
		"one line of text without control characters";
}

int parley__text_escape(parley_buf *b, const char *text, size_t len, unsigned flags)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, run = 0;
	int keep_bidi, error;

	if (!text)
		return 0;
	/* Bidirectional controls stay when they balance (the rest is then
	 * escaped, which keeps them balanced); otherwise every one is shown. */
	{
		parley_text_bad bad;
		if (parley__text_check(text, len, flags, &bad) == 0)
			return parley_buf__put(b, text, len);
		keep_bidi = bad.fault != PARLEY_TEXT_BAD_BIDI;
		if (keep_bidi) {
			/* balanced once the other faults are gone? check without them */
			parley_buf tmp = PARLEY_BUF_INIT;
			size_t j = 0;
			while (j < len && keep_bidi) {
				unsigned cp;
				size_t n = utf8_at(s, len, j, &cp);
				if (n && bidi_kind(cp))
					keep_bidi = parley_buf__put(&tmp, text + j, n) == 0;
				else if (n && cp == '\n' && (flags & PARLEY_TEXT_MULTILINE))
					keep_bidi = parley_buf__put(&tmp, "\n", 1) == 0;
				j += n ? n : 1;
			}
			keep_bidi = keep_bidi && parley__text_check(tmp.ptr ? tmp.ptr : "", tmp.size,
				flags, NULL) == 0;
			parley_buf_dispose(&tmp);
		}
	}
	while (i < len) {
		unsigned cp;
		size_t n = utf8_at(s, len, i, &cp);
		char esc[16];
		int ok;
		if (!n) {
			snprintf(esc, sizeof(esc), "\\x%02x", s[i]);
			n = 1;
			ok = 0;
		} else if (cp == '\n' || cp == '\t') {
			ok = (flags & PARLEY_TEXT_MULTILINE) != 0;
			snprintf(esc, sizeof(esc), "\\x%02x", cp);
		} else if (cp < 0x20 || cp == 0x7F) {
			ok = 0;
			snprintf(esc, sizeof(esc), "\\x%02x", cp);
		} else if (cp >= 0x80 && cp <= 0x9F) {
			ok = 0;
			snprintf(esc, sizeof(esc), "\\u%04x", cp);
		} else if (bidi_kind(cp)) {
			ok = keep_bidi;
			snprintf(esc, sizeof(esc), "\\u%04x", cp);
		} else {
			ok = 1;
		}
		if (!ok) {
			if (run && (error = parley_buf__put(b, text + i - run, run)) < 0)
				return error;
			run = 0;
			if ((error = parley_buf__puts(b, esc)) < 0)
				return error;
		} else {
			run += n;
		}
		i += n;
	}
	return run ? parley_buf__put(b, text + i - run, run) : 0;
}

int parley_text_escape(parley_buf *out, const char *s, size_t len, int multiline)
{
	PARLEY_ASSERT_ARG(out && (s || !len));
	return parley__text_escape(out, s, len, multiline ? PARLEY_TEXT_MULTILINE : 0);
}

/* First invalid UTF-8 sequence: returns its byte offset, or len when valid.
 * Also used by the ledger reader: libfyaml can loop forever on some
 * invalid UTF-8 (a directive line "%\xbf..."), so no reader hands it any. */
size_t parley__utf8_invalid_at(const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		size_t n, k;
		unsigned cp;
		if (c < 0x80) { i++; continue; }
		if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
		else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
		else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
		else return i;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

int parley__clip_len(const char *t, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	while (max > 0 && ((unsigned char)t[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}
