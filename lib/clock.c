/* clock.c - see clock.h. */
#include <string.h>

#include "clock.h"

size_t
clock_text(const struct timespec *ts, enum clock_style style, char out[CLOCK_TEXT_MAX])
{
	/* this thread's last second, "2024-01-02 03:04:05" */
	static __thread time_t sec;
	static __thread int have;
	static __thread char date[24];
	unsigned frac;
	size_t n;

	if (!have || ts->tv_sec != sec) {
		struct tm tm;

		gmtime_r(&ts->tv_sec, &tm);
		strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
		sec = ts->tv_sec;
		have = 1;
	}
	memcpy(out, date, 19);
	out[19] = '.';
	if (style == CLOCK_ISO) {
		out[10] = 'T';
		frac = (unsigned)(ts->tv_nsec / 1000000);
		n = 23;
	} else {
		frac = (unsigned)(ts->tv_nsec / 1000);
		n = 26;
	}
	for (size_t i = n - 1; i > 19; i--, frac /= 10)
		out[i] = (char)('0' + frac % 10);
	if (style == CLOCK_ISO) {
		memcpy(out + n, "Z", 2);
		return n + 1;
	}
	memcpy(out + n, "+00", 4);
	return n + 3;
}

size_t
clock_now(enum clock_style style, char out[CLOCK_TEXT_MAX])
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return clock_text(&ts, style, out);
}
