/*
 * arena.c - a string and object arena (arena.h): blocks of at least 8 KiB,
 * allocations rounded up to 16 bytes, everything freed at once. Used for
 * the strings and arrays of a scenario and of other loaded objects.
 */
#include <stdarg.h>
#include <string.h>
#include "arena.h"

void *parley_arena__alloc(parley_arena *arena, size_t size)
{
	parley_arena_block *b = arena->head;
	size = (size + 15) & ~(size_t)15;
	if (!b || b->size - b->used < size) {
		size_t bsize = size > 8192 ? size : 8192;
		b = parley__malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->size = bsize;
		b->used = 0;
		b->next = arena->head;
		arena->head = b;
	}
	b->used += size;
	return b->data + b->used - size;
}

char *parley_arena__strndup(parley_arena *arena, const char *s, size_t n)
{
	char *p = parley_arena__alloc(arena, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *parley_arena__strdup(parley_arena *arena, const char *s)
{
	return s ? parley_arena__strndup(arena, s, strlen(s)) : NULL;
}

char *parley_arena__printf(parley_arena *arena, const char *fmt, ...)
{
	parley_buf b = PARLEY_BUF_INIT;
	va_list ap;
	char *out = NULL;
	int error;

	va_start(ap, fmt);
	error = parley_buf__vprintf(&b, fmt, ap);
	va_end(ap);
	if (!error)
		out = parley_arena__strndup(arena, b.ptr ? b.ptr : "", b.size);
	parley_buf_dispose(&b);
	return out;
}

void parley_arena__dispose(parley_arena *arena)
{
	parley_arena_block *b = arena->head, *next;
	for (; b; b = next) {
		next = b->next;
		parley__free(b);
	}
	arena->head = NULL;
}

