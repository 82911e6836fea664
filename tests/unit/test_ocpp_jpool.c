/* test_ocpp_jpool.c - jansson's allocator in the bridge: blocks of a size class come back for
 * the next request of that class, large ones are plain malloc, and jansson works on it. */
#include <stdint.h>
#include <string.h>

#include "../../ocpp-bridge/jpool.c"
#include "t.h"

static void
test_blocks(void)
{
	char *a = jpool_malloc(1), *b = jpool_malloc(16), *c = jpool_malloc(17), *d, *big;

	T_OK(a && b && c, "small blocks");
	T_OK(((uintptr_t)a | (uintptr_t)b | (uintptr_t)c) % 16 == 0, "16-byte aligned");
	memset(c, 'x', 32);     /* a 17-byte request gets its class's 32 */
	jpool_free(b);
	T_OK((d = jpool_malloc(9)) == b, "a freed block serves the next request of its class");
	jpool_free(c);
	T_OK((b = jpool_malloc(5)) != c, "... not one of another class");
	T_OK(jpool_malloc(32) == c, "... but of its own");
	big = jpool_malloc(513);
	T_OK(big && (uintptr_t)big % 16 == 0, "a large block");
	memset(big, 'y', 513);
	jpool_free(big);        /* ASan: it went back to free() */
	big = malloc(40);
	jpool_free(big);
	T_OK(jpool_malloc(32) == big, "a block from malloc joins the class it can hold");
	free(big);              /* and a pool block is malloc's: free() takes it */
	big = jpool_malloc(0);
	T_OK(big != NULL, "a zero-byte request gets a block");
	jpool_free(NULL);
	/* on the lists now: still reachable (LeakSanitizer) */
	jpool_free(a);
	jpool_free(b);
	jpool_free(c);
	jpool_free(d);
	jpool_free(big);
}

static void
test_jansson(void)
{
	static const char text[] = "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2024-01-02T03:04:05Z\","
	    "\"sampledValue\":[{\"value\":\"12.5\",\"measurand\":\"Energy.Active.Import.Register\"},"
	    "{\"value\":\"230\",\"measurand\":\"Voltage\",\"phase\":\"L1\"}]}]}";
	char *out;

	jpool_install();
	for (int i = 0; i < 3; i++) {
		json_t *v = json_loads(text, 0, NULL);

		T_OK(v != NULL, "parsed on the pool (%d)", i);
		out = json_dumps(v, JSON_COMPACT);
		T_STR(out, text, "the same text back (%d)", i);
		free(out);              /* as jansson's users free what it returns */
		json_decref(v);
	}
}

int
main(void)
{
	test_blocks();
	test_jansson();
	return t_done();
}
