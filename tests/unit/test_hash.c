/* test_hash.c - lib/hash.h: hash_fnv1a gives the published 32-bit FNV-1a values (the test
 * vectors of the FNV reference, draft-eastlake-fnv), so the tables that use it spread keys as
 * FNV-1a does. */
#include "../../lib/hash.h"
#include "t.h"

int
main(void)
{
	static const struct { const char *s; uint32_t h; } v[] = {
		{ "", 0x811c9dc5u },
		{ "a", 0xe40c292cu },
		{ "b", 0xe70c2de5u },
		{ "c", 0xe60c2c52u },
		{ "foo", 0xa9f37ed7u },
		{ "foobar", 0xbf9cf968u },
		{ "chongo was here!\n", 0xd49930d5u },
	};

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		T_INT(hash_fnv1a(v[i].s), v[i].h, "hash_fnv1a(\"%.*s\") = 0x%08x", (int)strcspn(v[i].s, "\n"),
		    v[i].s, (unsigned)v[i].h);
	/* bytes are taken unsigned: a UTF-8 identity hashes as its bytes */
	T_INT(hash_fnv1a("\xc3\xa9"), (((2166136261u ^ 0xc3u) * 16777619u) ^ 0xa9u) * 16777619u,
	    "hash_fnv1a: bytes above 0x7f are unsigned");
	return t_done();
}
