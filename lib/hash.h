/* hash.h - the string hash of the in-memory tables (the bridge's charge points by identity,
 * cpcache.c; its handshake throttle, util.c): 32-bit FNV-1a, one definition. Not for anything
 * an attacker must not be able to collide: a caller keeps its chains bounded (or its table
 * small) itself. Inline: it runs on every lookup. Pure. */
#ifndef EVSHARE_HASH_H
#define EVSHARE_HASH_H

#include <stdint.h>

/* FNV-1a of the NUL-terminated s (offset basis 2166136261, prime 16777619). */
static inline uint32_t
hash_fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#endif
