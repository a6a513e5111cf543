/*
 * alloc.c - the pluggable allocator (libgit2 src/util/alloc.h, Lua
 * lua_Alloc). Every allocation of the library goes through here, records
 * PARLEY_ENOMEM on failure, and can be redirected by a test hook that makes
 * the Nth allocation fail.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static void *std_malloc(size_t size, void *ud) { (void)ud; return malloc(size); }
static void *std_realloc(void *p, size_t size, void *ud) { (void)ud; return realloc(p, size); }
static void std_free(void *p, void *ud) { (void)ud; free(p); }

/* Configuration set once before use (like sqlite3_config); never changed
 * by the library itself. */
static parley_allocator allocator = { std_malloc, std_realloc, std_free, NULL };

void parley_set_allocator(const parley_allocator *alloc)
{
	if (alloc) {
		allocator = *alloc;
	} else {
		allocator.malloc_fn = std_malloc;
		allocator.realloc_fn = std_realloc;
		allocator.free_fn = std_free;
		allocator.ud = NULL;
	}
}

static void *oom(size_t size)
{
	parley__error(PARLEY_ENOMEM, PARLEY_ERROR_NOMEMORY,
		"out of memory (allocating %zu bytes)", size);
	return NULL;
}

void *parley__malloc(size_t size)
{
	void *p = allocator.malloc_fn(size ? size : 1, allocator.ud);
	return p ? p : oom(size);
}

void *parley__calloc(size_t n, size_t size)
{
	void *p;
	if (size && n > (size_t)-1 / size)
		return oom((size_t)-1);
	p = parley__malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *parley__realloc(void *ptr, size_t size)
{
	void *p = allocator.realloc_fn(ptr, size ? size : 1, allocator.ud);
	return p ? p : oom(size);
}

void parley__free(void *ptr)
{
	if (ptr)
		allocator.free_fn(ptr, allocator.ud);
}

char *parley__strndup(const char *s, size_t n)
{
	char *p = parley__malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *parley__strdup(const char *s)
{
	return s ? parley__strndup(s, strlen(s)) : NULL;
}
