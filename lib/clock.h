/* clock.h - the time now as text, as the programs write it many times a second: the start of
 * every log line, OCPP timestamps (the bridge's answers, the simulator's messages) and the raw
 * log's PostgreSQL timestamps. gmtime_r and strftime are the slow part and their result
 * changes once a second: each thread formats its current second once and keeps it; every call
 * then adds only its fraction. Thread-safe (the cache is per thread). Years 0..9999. */
#ifndef EVSHARE_CLOCK_H
#define EVSHARE_CLOCK_H

#include <stddef.h>
#include <time.h>

enum clock_style {
	CLOCK_ISO,      /* "2024-01-02T03:04:05.123Z": ISO 8601 UTC, milliseconds (OCPP, the log) */
	CLOCK_PG,       /* "2024-01-02 03:04:05.123456+00": timestamptz text, microseconds (COPY) */
};

#define CLOCK_TEXT_MAX 32       /* enough for either, with the NUL */

/* *ts (CLOCK_REALTIME: seconds and nanoseconds since the epoch) as text in style, into out,
 * NUL-terminated. Returns the length (24 for CLOCK_ISO, 29 for CLOCK_PG). Fractions are cut,
 * not rounded (as the second is). */
size_t clock_text(const struct timespec *ts, enum clock_style style, char out[CLOCK_TEXT_MAX]);
/* The same for now. */
size_t clock_now(enum clock_style style, char out[CLOCK_TEXT_MAX]);

#endif
