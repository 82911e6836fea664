/*
 * hours.h - a listing's weekly hours as a host types them and as they are stored (issue 8/4.3).
 * Pure: no I/O, no allocation; unit-tested in tests/unit/test_hours.c.
 *
 * Typed: one text per weekday (1 Monday .. 7 Sunday), windows separated by commas or
 * semicolons, each "from–to" (en dash, hyphen or em dash; spaces allowed), times "8:00",
 * "08:00", "8.00" or "8". "24:00" only ends a window. A window whose end is before its start
 * runs overnight: Monday "18:00–7:00" is Monday 18:00 until Tuesday 7:00 (Sunday's runs into
 * Monday); an end of "0:00" is midnight.
 *
 * Stored: availability_windows rows (weekday, start_min, end_min) with 0 <= start < end <= 1440,
 * never overlapping on a weekday: an overnight window is two rows, split at midnight.
 */
#ifndef EVSHARE_HOURS_H
#define EVSHARE_HOURS_H

#include <stddef.h>

#define HOURS_PER_DAY 6            /* windows a host may type on one day */
#define HOURS_MAX (7 * HOURS_PER_DAY * 2)

/* One window as typed: day 1..7, minutes after midnight; end <= start means overnight. */
struct hours_window {
	int day, start, end;
	int nth;                       /* 1-based position on its day, for messages */
};

/* One stored row. */
struct hours_row {
	int day, start, end;
	int from;                      /* index of the typed window it came from */
};

enum hours_err {
	HOURS_OK = 0,
	HOURS_BAD_TIME,                /* a piece is not a time of day (or 24:00 as a start) */
	HOURS_NO_END,                  /* a window without both ends */
	HOURS_EQUAL,                   /* ends when it starts */
	HOURS_OVERLAP,                 /* two windows share time (also across midnight) */
	HOURS_TOO_MANY                 /* more than HOURS_PER_DAY on a day */
};

/* What is wrong and where: the day and window (1-based), the piece as typed (cut to fit), and
 * for an overlap the other window. */
struct hours_problem {
	enum hours_err err;
	int day, nth;
	char piece[48];
	int other_day, other_nth;
	char other[48];
};

/* "h:mm", "hh:mm", "h.mm", "h" -> minutes after midnight (0..1440, "24:00" allowed); -1 when
 * it is not a time. Surrounding spaces are not allowed here. */
int parse_hhmm(const char *s);

/* Parses the text typed for day (1..7), appending to w (room for cap; *n in/out). 0, or -1
 * with *p filled (the first problem of the day). An empty text is no window. */
int hours_parse_day(const char *text, int day, struct hours_window *w, int *n, int cap,
    struct hours_problem *p);

/* The rows to store for the typed windows: overnight ones split at midnight, in weekday and
 * start order. 0, or -1 with *p filled when two windows overlap (checked on the rows, so an
 * overnight window that runs into the next day's first one is found). out has room for cap. */
int hours_rows(const struct hours_window *w, int n, struct hours_row *out, int *nout, int cap,
    struct hours_problem *p);

/* The stored rows (weekday, start order) back into windows as a host would type them: a row
 * that runs to midnight followed by one from midnight on the next day that ends earlier than
 * the first started is one overnight window. w has room for cap; returns how many. */
int hours_join(const struct hours_row *rows, int n, struct hours_window *w, int cap);

/* "8:00" / "17:30" / "24:00" into out (8 bytes). */
void hours_fmt(int min, char out[8]);

#endif
