/*
 * jpool.h - jansson's allocator in the bridge. A MeterValues payload parses into about a
 * hundred small blocks (objects, their buckets and pairs, strings and their copies, numbers),
 * all freed again once its CALL has been taken. glibc's per-thread cache holds only 7 blocks of
 * a size, so most of them went through malloc's slower paths, twice per block. Here a freed
 * block waits on a free list of its size class (16-byte steps up to 512 bytes; larger ones go
 * back to free) for the next parse. The blocks are malloc's own (the class is read from
 * malloc_usable_size), so free() on them stays right, as does jpool_free on a block jansson got
 * before the pool was installed. Blocks on the lists are not handed back: they are at most
 * what was in use at one time.
 */
#ifndef OCPP_JPOOL_H
#define OCPP_JPOOL_H

#include <stddef.h>

/* Makes jansson allocate through the pool (once, at start). */
void jpool_install(void);

/* The pair jpool_install gives jansson (for tests). */
void *jpool_malloc(size_t n);
void jpool_free(void *p);

#endif
