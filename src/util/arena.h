/*
 * arena.h - a string and object arena: allocations that live and die
 * together (a loaded scenario's strings and arrays). Invariant: every block
 * in the list was allocated with parley__malloc and `used <= size`.
 * Not thread-safe: one owner at a time.
 */
#ifndef PARLEY_ARENA_H
#define PARLEY_ARENA_H

#include <stddef.h>
#include "internal.h"

typedef struct parley_arena_block {
	struct parley_arena_block *next;
	size_t used, size;
	char data[];
} parley_arena_block;

typedef struct {
	parley_arena_block *head;
} parley_arena;

/* `size` bytes aligned to 16, or NULL when out of memory. */
void *parley_arena__alloc(parley_arena *arena, size_t size);
/* A NUL-terminated copy of s[0, n), or NULL when out of memory. */
char *parley_arena__strndup(parley_arena *arena, const char *s, size_t n);
/* A copy of s (NULL for NULL), or NULL when out of memory. */
char *parley_arena__strdup(parley_arena *arena, const char *s);
/* printf into the arena, or NULL when out of memory. */
char *parley_arena__printf(parley_arena *arena, const char *fmt, ...) PARLEY__PRINTF(2, 3);
/* Free every block; the arena is empty (and reusable) afterwards. */
void parley_arena__dispose(parley_arena *arena);

#endif
