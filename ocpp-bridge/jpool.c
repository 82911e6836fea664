/* jpool.c - see jpool.h. */
#include <malloc.h>
#include <stdlib.h>
#include <jansson.h>

#include "jpool.h"

#define STEP 16
#define CLASSES 32              /* blocks up to CLASSES * STEP bytes are kept */

struct freed {
	struct freed *next;
};

/* per thread: no lock; a block freed on another thread than it was made on joins that one's */
static __thread struct freed *lists[CLASSES + 1];

void *
jpool_malloc(size_t n)
{
	size_t cls = n ? (n + STEP - 1) / STEP : 1;
	struct freed *b;

	if (cls > CLASSES)
		return malloc(n);
	if ((b = lists[cls]) != NULL) {
		lists[cls] = b->next;
		return b;
	}
	return malloc(cls * STEP);
}

void
jpool_free(void *p)
{
	size_t cls;

	if (p == NULL)
		return;
	/* the class whose every request the block can hold, whoever made it */
	cls = malloc_usable_size(p) / STEP;
	if (cls == 0 || cls > CLASSES) {
		free(p);
		return;
	}
	((struct freed *)p)->next = lists[cls];
	lists[cls] = p;
}

void
jpool_install(void)
{
	json_set_alloc_funcs(jpool_malloc, jpool_free);
}
