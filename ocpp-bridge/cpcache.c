/* cpcache.c - the registered charge points, in memory: the websocket handshake must decide
 * 404 / 401 at once, without waiting on the database. Loaded at start, kept current by the
 * ocpp_charge_points notifications (charge_points_notify, sql/defs/20_ocpp.sql) and reloaded
 * whenever LISTEN is
 * re-established. Loop thread only. */
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "hash.h"

#define NBUCKETS 16384

static struct cp *by_ident[NBUCKETS], *by_id[NBUCKETS], *all_cps;
static size_t ncps;

static unsigned
hash_str(const char *s)
{
	return hash_fnv1a(s) % NBUCKETS;
}

static unsigned
hash_id(int64_t id)
{
	return (unsigned)((uint64_t)id * 11400714819323198485ull >> 50) % NBUCKETS;
}

struct cp *
cp_by_identity(const char *identity)
{
	struct cp *c;

	for (c = by_ident[hash_str(identity)]; c; c = c->next_ident)
		if (!c->deleted && strcmp(c->identity, identity) == 0)
			return c;
	return NULL;
}

struct cp *
cp_by_id(int64_t id)
{
	struct cp *c;

	for (c = by_id[hash_id(id)]; c; c = c->next_id)
		if (c->id == id)
			return c;
	return NULL;
}

static void
unlink_ident(struct cp *c)
{
	struct cp **pp;

	for (pp = &by_ident[hash_str(c->identity)]; *pp; pp = &(*pp)->next_ident)
		if (*pp == c) {
			*pp = c->next_ident;
			break;
		}
	c->next_ident = NULL;
}

struct cp *
cp_upsert(int64_t id, const char *identity, const char *hash, const char *boot_state)
{
	struct cp *c = cp_by_id(id);
	char *h;

	if (!identity_ok(identity) || hash == NULL || (h = strdup(hash)) == NULL)
		return NULL;
	if (c == NULL) {
		if ((c = calloc(1, sizeof *c)) == NULL) {
			free(h);
			return NULL;
		}
		c->id = id;
		c->next_id = by_id[hash_id(id)];
		by_id[hash_id(id)] = c;
		c->next_all = all_cps;
		all_cps = c;
		ncps++;
	} else if (!c->deleted) {
		unlink_ident(c);
	}
	/* a reused identity: the older entry holding it is gone */
	struct cp *other = cp_by_identity(identity);
	if (other && other != c) {
		unlink_ident(other);
		other->deleted = 1;
	}
	snprintf(c->identity, sizeof c->identity, "%s", identity);
	free(c->hash);
	c->hash = h;
	snprintf(c->boot_state, sizeof c->boot_state, "%s", boot_state ? boot_state : "never");
	c->deleted = 0;
	c->unseen = 0;
	c->next_ident = by_ident[hash_str(identity)];
	by_ident[hash_str(identity)] = c;
	return c;
}

struct cp *
cp_delete(int64_t id)
{
	struct cp *c = cp_by_id(id);

	if (c && !c->deleted) {
		unlink_ident(c);
		c->deleted = 1;
	}
	return c;
}

void
cp_mark_all(void)
{
	for (struct cp *c = all_cps; c; c = c->next_all)
		c->unseen = 1;
}

void
cp_sweep_unmarked(void)
{
	for (struct cp *c = all_cps; c; c = c->next_all)
		if (c->unseen && !c->deleted) {
			unlink_ident(c);
			c->deleted = 1;
		}
}

size_t
cp_count(void)
{
	return ncps;
}

void
cp_free_all(void)
{
	struct cp *c, *n;

	for (c = all_cps; c; c = n) {
		n = c->next_all;
		free(c->hash);
		free(c);
	}
	all_cps = NULL;
	ncps = 0;
	memset(by_ident, 0, sizeof by_ident);
	memset(by_id, 0, sizeof by_id);
}
