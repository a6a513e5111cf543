/*
 * json.h - one streaming JSON writer for every renderer of the library.
 *
 * The writer places the commas, the spaces and the ": " itself; the caller
 * says where lines break. Between two members or elements it writes ", ",
 * or ",\n" and the indentation when the caller asked for a break with
 * parley_json__break(); before a closing bracket it writes the pending
 * break, if any. So one-line objects inside arrays, an object whose
 * members each stand on a line, and a long object wrapped after some
 * member are all a matter of where the caller puts its breaks:
 *
 *     parley_json w;
 *     parley_json__init(&w, buf);
 *     parley_json__begin_object(&w);
 *     parley_json__break(&w, 2);
 *     parley_json__kstring(&w, "parley_version", parley_version());
 *     ...
 *     parley_json__break(&w, 0);
 *     parley_json__end_object(&w);
 *     if ((error = parley_json__finish(&w)) < 0) ...
 *
 * Errors latch: the first one (out of memory, a key where a value belongs,
 * a bracket closed that is not open, nesting deeper than
 * PARLEY_JSON_MAX_DEPTH) is kept, and every later call does nothing, so
 * the caller checks once, at parley_json__finish(). Strings are escaped as
 * parley_buf__json_str() does (NULL gives null); numbers print as
 * parley_buf__json_num() does (the shortest of %.15g/%.16g/%.17g that
 * reads back exactly, -0 as 0, non-finite as null).
 */
#ifndef PARLEY_JSON_H
#define PARLEY_JSON_H

#include <stddef.h>
#include <stdint.h>
#include "internal.h"

#define PARLEY_JSON_MAX_DEPTH 32

typedef struct {
	parley_buf *buf;   /* where the text goes (not owned) */
	int error;         /* the first error, 0 while none */
	int brk;           /* indentation of the pending line break, -1 for none */
	int after_key;     /* a key was written: its value comes next */
	unsigned depth;    /* open containers */
	struct {
		char close;    /* '}' or ']' (the top level: 0) */
		size_t count;  /* members or elements written so far */
	} level[PARLEY_JSON_MAX_DEPTH + 1];
} parley_json;

void parley_json__init(parley_json *w, parley_buf *buf);

/* The first error (0 when none), or PARLEY_EINVAL when a container is
 * still open or a key has no value. */
int parley_json__finish(parley_json *w);

/* The next member, element or closing bracket starts a new line indented
 * by `indent` spaces. */
void parley_json__break(parley_json *w, unsigned indent);

void parley_json__begin_object(parley_json *w);
void parley_json__end_object(parley_json *w);
void parley_json__begin_array(parley_json *w);
void parley_json__end_array(parley_json *w);

/* A member's name, inside an object; its value follows. */
void parley_json__key(parley_json *w, const char *key);

void parley_json__string(parley_json *w, const char *s);          /* NULL: null */
void parley_json__number(parley_json *w, double v);               /* exact, non-finite: null */
void parley_json__fixed(parley_json *w, double v, int decimals);  /* %.Nf, non-finite: null */
void parley_json__int(parley_json *w, int64_t v);
void parley_json__uint(parley_json *w, uint64_t v);
void parley_json__bool(parley_json *w, int v);
void parley_json__null(parley_json *w);
/* A value written as it is (the caller vouches that it is JSON). */
void parley_json__raw(parley_json *w, const char *text);

/* key and value in one call */
void parley_json__kstring(parley_json *w, const char *key, const char *s);
void parley_json__knumber(parley_json *w, const char *key, double v);
void parley_json__kint(parley_json *w, const char *key, int64_t v);
void parley_json__kuint(parley_json *w, const char *key, uint64_t v);
void parley_json__kbool(parley_json *w, const char *key, int v);

#endif
