/* test_clock.c - lib/clock.c: known instants in both styles, fractions cut and not rounded,
 * the per-second cache refreshed whenever the second changes (and never showing one style's
 * text in the other), two threads at once each getting its own seconds, and now. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../lib/clock.c"
#include "t.h"

static const struct { time_t s; long ns; const char *iso, *pg; } known[] = {
	{ 0, 0, "1970-01-01T00:00:00.000Z", "1970-01-01 00:00:00.000000+00" },
	{ 1704164645, 123456789, "2024-01-02T03:04:05.123Z", "2024-01-02 03:04:05.123456+00" },
	{ 1704164645, 999999999, "2024-01-02T03:04:05.999Z", "2024-01-02 03:04:05.999999+00" },
	{ 1704164645, 1000, "2024-01-02T03:04:05.000Z", "2024-01-02 03:04:05.000001+00" },
	{ 1709251199, 5000000, "2024-02-29T23:59:59.005Z", "2024-02-29 23:59:59.005000+00" },
	{ 4102444799, 42000, "2099-12-31T23:59:59.000Z", "2099-12-31 23:59:59.000042+00" },
};
#define NKNOWN (sizeof known / sizeof known[0])

/* 1 if clock_text gives known[i] in both styles (and the lengths it says) */
static int
same(size_t i)
{
	struct timespec ts = { known[i].s, known[i].ns };
	char out[CLOCK_TEXT_MAX];

	return clock_text(&ts, CLOCK_ISO, out) == 24 && strcmp(out, known[i].iso) == 0 &&
	    clock_text(&ts, CLOCK_PG, out) == 29 && strcmp(out, known[i].pg) == 0;
}

static void *
thread_run(void *arg)
{
	size_t first = (size_t)(uintptr_t)arg;
	uintptr_t bad = 0;

	/* this thread walks the instants in its own order, so the other's cache never matches */
	for (int k = 0; k < 20000; k++)
		bad += !same((first + (size_t)k) % NKNOWN);
	return (void *)bad;
}

int
main(void)
{
	struct timespec ts;
	char out[CLOCK_TEXT_MAX];
	pthread_t t[2];
	void *bad[2];
	time_t before;

	for (size_t i = 0; i < NKNOWN; i++) {
		ts = (struct timespec){ known[i].s, known[i].ns };
		T_INT(clock_text(&ts, CLOCK_ISO, out), 24, "clock_text: ISO is 24 characters");
		T_STR(out, known[i].iso, "clock_text ISO of %lld.%09ld", (long long)known[i].s, known[i].ns);
		T_INT(clock_text(&ts, CLOCK_PG, out), 29, "clock_text: PG is 29 characters");
		T_STR(out, known[i].pg, "clock_text PG of %lld.%09ld", (long long)known[i].s, known[i].ns);
	}
	/* the cache: back to an earlier second, and the same second twice in either order */
	T_OK(same(1) && same(0) && same(1) && same(2) && same(5) && same(1), "clock_text: seconds out of order");
	ts = (struct timespec){ known[1].s, 0 };
	clock_text(&ts, CLOCK_ISO, out);
	clock_text(&ts, CLOCK_PG, out);
	T_OK(out[10] == ' ', "clock_text: PG after ISO in the same second has its space, not the T");

	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, thread_run, (void *)(uintptr_t)(i * 3)) != 0)
			abort();
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], &bad[i]);
	T_INT((uintptr_t)bad[0] + (uintptr_t)bad[1], 0, "clock_text: two threads at once, 20000 instants each, all right");

	before = time(NULL);
	T_INT(clock_now(CLOCK_ISO, out), 24, "clock_now: ISO");
	T_OK(out[4] == '-' && out[10] == 'T' && out[19] == '.' && out[23] == 'Z', "clock_now: ISO's shape (%s)", out);
	{
		struct tm tm;
		char want[24];
		time_t after = time(NULL);

		/* the second it says is the second of a time() call before or after it */
		gmtime_r(&before, &tm);
		strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S", &tm);
		if (strncmp(out, want, 19) != 0) {
			gmtime_r(&after, &tm);
			strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S", &tm);
		}
		T_OK(strncmp(out, want, 19) == 0, "clock_now: it is now (%.19s)", want);
	}
	T_INT(clock_now(CLOCK_PG, out), 29, "clock_now: PG");
	T_OK(out[10] == ' ' && out[19] == '.' && strcmp(out + 26, "+00") == 0, "clock_now: PG's shape (%s)", out);
	return t_done();
}
