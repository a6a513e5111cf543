/*
 * json.c - the streaming JSON writer (json.h): commas and spaces placed
 * here, line breaks where the caller asks, errors latched.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include "json.h"

static void fail(parley_json *w, const char *what)
{
	if (!w->error)
		w->error = parley__error(PARLEY_EINVAL, PARLEY_ERROR_INVALID, "JSON writer: %s", what);
}

static void put(parley_json *w, const char *s)
{
	int error;
	if (!w->error && (error = parley_buf__puts(w->buf, s)) < 0)
		w->error = error;
}

static void newline(parley_json *w)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)w->brk, k;
	int error;
	put(w, "\n");
	for (; n && !w->error; n -= k) {
		k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		if ((error = parley_buf__put(w->buf, spaces, k)) < 0)
			w->error = error;
	}
	w->brk = -1;
}

/* What comes before a key or a value: nothing after a key; else the comma,
 * then the pending line break or a space. 0 to go on, -1 to write nothing. */
static int item(parley_json *w, int is_key)
{
	size_t *count;
	char close;

	if (w->error)
		return -1;
	if (w->after_key) {
		if (is_key) {
			fail(w, "a key where the previous key's value belongs");
			return -1;
		}
		w->after_key = 0;
		return 0;
	}
	close = w->level[w->depth].close;
	count = &w->level[w->depth].count;
	if (is_key != (close == '}')) {
		fail(w, is_key ? "a key outside an object" : "a value without its key in an object");
		return -1;
	}
	if (w->depth == 0 && *count) {
		fail(w, "a second value at the top level");
		return -1;
	}
	if (*count)
		put(w, ",");
	if (w->brk >= 0)
		newline(w);
	else if (*count)
		put(w, " ");
	++*count;
	return w->error ? -1 : 0;
}

void parley_json__init(parley_json *w, parley_buf *buf)
{
	w->buf = buf;
	w->error = 0;
	w->brk = -1;
	w->after_key = 0;
	w->depth = 0;
	w->level[0].close = 0;
	w->level[0].count = 0;
}

int parley_json__finish(parley_json *w)
{
	if (!w->error && (w->depth || w->after_key))
		fail(w, "a container left open");
	return w->error;
}

void parley_json__break(parley_json *w, unsigned indent)
{
	w->brk = indent > 1024 ? 1024 : (int)indent;
}

static void begin(parley_json *w, const char *open, char close)
{
	if (item(w, 0) < 0)
		return;
	if (w->depth == PARLEY_JSON_MAX_DEPTH) {
		fail(w, "nesting too deep");
		return;
	}
	put(w, open);
	w->depth++;
	w->level[w->depth].close = close;
	w->level[w->depth].count = 0;
}

static void end(parley_json *w, char close)
{
	char text[2] = { close, 0 };
	if (w->error)
		return;
	if (w->after_key || w->depth == 0 || w->level[w->depth].close != close) {
		fail(w, w->after_key ? "a key without its value" : "a bracket closed that is not open");
		return;
	}
	if (w->brk >= 0)
		newline(w);
	put(w, text);
	w->depth--;
}

void parley_json__begin_object(parley_json *w) { begin(w, "{", '}'); }
void parley_json__end_object(parley_json *w) { end(w, '}'); }
void parley_json__begin_array(parley_json *w) { begin(w, "[", ']'); }
void parley_json__end_array(parley_json *w) { end(w, ']'); }

void parley_json__key(parley_json *w, const char *key)
{
	int error;
	if (item(w, 1) < 0)
		return;
	if ((error = parley_buf__json_str(w->buf, key ? key : "")) < 0)
		w->error = error;
	put(w, ": ");
	w->after_key = 1;
}

void parley_json__string(parley_json *w, const char *s)
{
	int error;
	if (item(w, 0) == 0 && (error = parley_buf__json_str(w->buf, s)) < 0)
		w->error = error;
}

void parley_json__number(parley_json *w, double v)
{
	int error;
	if (item(w, 0) == 0 && (error = parley_buf__json_num(w->buf, v)) < 0)
		w->error = error;
}

void parley_json__fixed(parley_json *w, double v, int decimals)
{
	int error;
	if (item(w, 0) < 0)
		return;
	if (!isfinite(v))
		put(w, "null");
	else if ((error = parley_buf__printf(w->buf, "%.*f", decimals < 0 ? 0 : decimals, v)) < 0)
		w->error = error;
}

void parley_json__int(parley_json *w, int64_t v)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%" PRId64, v);
	parley_json__raw(w, tmp);
}

void parley_json__uint(parley_json *w, uint64_t v)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%" PRIu64, v);
	parley_json__raw(w, tmp);
}

void parley_json__bool(parley_json *w, int v) { parley_json__raw(w, v ? "true" : "false"); }
void parley_json__null(parley_json *w) { parley_json__raw(w, "null"); }

void parley_json__raw(parley_json *w, const char *text)
{
	if (item(w, 0) == 0)
		put(w, text);
}

/* key and value in one call: parley_json__kstring, __knumber, __kint, __kuint, __kbool */
#define KEY_AND(name, type) \
	void parley_json__k##name(parley_json *w, const char *key, type v) \
	{ \
		parley_json__key(w, key); \
		parley_json__##name(w, v); \
	}
KEY_AND(string, const char *)
KEY_AND(number, double)
KEY_AND(int, int64_t)
KEY_AND(uint, uint64_t)
KEY_AND(bool, int)
