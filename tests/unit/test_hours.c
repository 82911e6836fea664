/*
 * test_hours.c - the weekly hours a host types (issue 8/4.3): several windows a day, overnight
 * windows split at midnight, h:mm accepted, one precise problem per mistake, and the stored
 * rows joined back into what the host typed.
 */
#include "../../fcgi/hours.c"
#include "t.h"

/* The day's text parsed and turned into rows, as "day:start-end ..." or "ERR kind day nth
 * piece [other_day other_nth other]". */
static const char *
week(const char *const texts[7])
{
	static char out[1024];
	struct hours_window w[7 * HOURS_PER_DAY];
	struct hours_row rows[HOURS_MAX];
	struct hours_problem p;
	int n = 0, nr = 0;
	size_t len = 0;

	out[0] = '\0';
	for (int d = 0; d < 7; d++)
		if (texts[d] && hours_parse_day(texts[d], d + 1, w, &n, 7 * HOURS_PER_DAY, &p))
			goto problem;
	if (hours_rows(w, n, rows, &nr, HOURS_MAX, &p))
		goto problem;
	for (int i = 0; i < nr; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%d:%d-%d", i ? " " : "", rows[i].day,
		    rows[i].start, rows[i].end);
	return out;
problem:
	snprintf(out, sizeof out, "ERR %d %d %d %s", p.err, p.day, p.nth, p.piece);
	if (p.err == HOURS_OVERLAP)
		snprintf(out + strlen(out), sizeof out - strlen(out), " / %d %d %s", p.other_day, p.other_nth, p.other);
	return out;
}

static const char *
one(int day, const char *text)
{
	const char *t[7] = { 0 };

	t[day - 1] = text;
	return week(t);
}

/* what week() says for a refused week: "ERR code rest" */
static const char *
err(enum hours_err code, const char *rest)
{
	static char out[128];

	snprintf(out, sizeof out, "ERR %d %s", code, rest);
	return out;
}

/* rows -> windows -> "day start-end, ..." */
static const char *
joined(const struct hours_row *rows, int n)
{
	static char out[512];
	struct hours_window w[HOURS_MAX];
	int nw = hours_join(rows, n, w, HOURS_MAX);
	size_t len = 0;
	char a[8], b[8];

	out[0] = '\0';
	for (int i = 0; i < nw; i++) {
		hours_fmt(w[i].start, a);
		hours_fmt(w[i].end, b);
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%d#%d %s-%s", i ? ", " : "", w[i].day,
		    w[i].nth, a, b);
	}
	return out;
}

int
main(void)
{
	T_INT(parse_hhmm("08:00"), 480, "08:00 is 480 minutes");
	T_INT(parse_hhmm("8:00"), 480, "8:00 is accepted (h:mm)");
	T_INT(parse_hhmm("8.30"), 510, "8.30 is accepted (the Czech way)");
	T_INT(parse_hhmm("8"), 480, "a bare hour is accepted");
	T_INT(parse_hhmm("24:00"), 1440, "24:00 is the end of the day");
	T_INT(parse_hhmm("0:00"), 0, "0:00");
	T_INT(parse_hhmm("24:01"), -1, "24:01 is not a time");
	T_INT(parse_hhmm("25:00"), -1, "25:00 is not a time");
	T_INT(parse_hhmm("08:60"), -1, "08:60 is not a time");
	T_INT(parse_hhmm("8:0"), -1, "minutes need two digits");
	T_INT(parse_hhmm("108:00"), -1, "three-digit hours are not a time");
	T_INT(parse_hhmm("ab:cd"), -1, "letters are not a time");
	T_INT(parse_hhmm(""), -1, "nothing is not a time");
	T_INT(parse_hhmm("-1:00"), -1, "no sign");

	T_STR(one(1, "8:00-20:00"), "1:480-1200", "one window");
	T_STR(one(1, "8:00–12:00, 14:00 – 20:00"), "1:480-720 1:840-1200", "two windows a day, en dash, spaces");
	T_STR(one(1, "14:00-20:00; 8:00-12:00"), "1:480-720 1:840-1200", "stored in time order");
	T_STR(one(3, "0:00-24:00"), "3:0-1440", "the whole day");
	T_STR(one(1, "18:00–7:00"), "1:1080-1440 2:0-420", "an overnight window runs into the next day");
	T_STR(one(7, "22:00-6:00"), "1:0-360 7:1320-1440", "Sunday's night runs into Monday");
	T_STR(one(5, "18:00-0:00"), "5:1080-1440", "an end of 0:00 is midnight");
	T_STR(one(2, "  "), "", "spaces only: no window");
	T_STR(one(2, "8:00-12:00,"), "2:480-720", "a trailing comma is fine");
	T_STR(one(1, "8:00-12:00, 12:00-14:00"), "1:480-720 1:720-840", "windows may touch");

	T_STR(one(1, "8:00-8:00"), err(HOURS_EQUAL, "1 1 8:00-8:00"), "end equals start: said, with day, window and piece");
	T_STR(one(1, "0:00-0:00"), err(HOURS_EQUAL, "1 1 0:00-0:00"), "0:00-0:00 is no window (the whole day is 0:00-24:00)");
	T_STR(one(2, "8:00-9:00, 25:00-26:00"), err(HOURS_BAD_TIME, "2 2 25:00-26:00"), "a bad time names the second window");
	T_STR(one(1, "24:00-6:00"), err(HOURS_BAD_TIME, "1 1 24:00-6:00"), "24:00 does not start a window");
	T_STR(one(4, "10:00"), err(HOURS_NO_END, "4 1 10:00"), "a window without an end");
	T_STR(one(4, "-10:00"), err(HOURS_NO_END, "4 1 -10:00"), "a window without a start");
	T_STR(one(1, "1-2,2-3,3-4,4-5,5-6,6-7,7-8"), err(HOURS_TOO_MANY, "1 7 7-8"), "at most six windows a day");
	T_STR(one(1, "8:00-12:00, 10:00-14:00"), err(HOURS_OVERLAP, "1 2 10:00–14:00 / 1 1 8:00–12:00"), "overlapping windows on a day: both named");
	{
		const char *t[7] = { NULL, "6:00-10:00", NULL, NULL, NULL, NULL, NULL };

		t[0] = "18:00-7:00";
			T_STR(week(t), err(HOURS_OVERLAP, "2 1 6:00–10:00 / 1 1 18:00–7:00"), "a night that runs into the next day's first window is an overlap");
	}
	{
		const char *t[7] = { "0:00-8:00", NULL, NULL, NULL, NULL, NULL, "20:00-2:00" };

			T_STR(week(t), err(HOURS_OVERLAP, "7 1 20:00–2:00 / 1 1 0:00–8:00"), "Sunday's night overlapping Monday morning");
	}
	{
		const char *t[7] = { "18:00-7:00", "7:00-12:00", NULL, NULL, NULL, NULL, NULL };

		T_STR(week(t), "1:1080-1440 2:0-420 2:420-720", "a night followed by the morning window");
	}

	{
		struct hours_row r1[] = { { 1, 1080, 1440, 0 }, { 2, 0, 420, 0 } };
		struct hours_row r2[] = { { 1, 0, 360, 0 }, { 1, 480, 720, 0 }, { 7, 1320, 1440, 0 } };
		struct hours_row r3[] = { { 6, 0, 1440, 0 }, { 7, 0, 420, 0 } };
		struct hours_row r4[] = { { 1, 1080, 1440, 0 }, { 2, 0, 1200, 0 } };
		struct hours_row r5[] = { { 1, 480, 720, 0 }, { 1, 840, 1200, 0 } };

		T_STR(joined(r1, 2), "1#1 18:00-7:00", "rows joined into an overnight window");
		T_STR(joined(r2, 3), "1#1 8:00-12:00, 7#1 22:00-6:00", "Sunday's night joined with Monday's first row");
		T_STR(joined(r3, 2), "6#1 0:00-24:00, 7#1 0:00-7:00", "a whole day is not a night");
		T_STR(joined(r4, 2), "1#1 18:00-24:00, 2#1 0:00-20:00", "a night longer than a day stays two windows");
		T_STR(joined(r5, 2), "1#1 8:00-12:00, 1#2 14:00-20:00", "two windows a day, numbered");
		T_STR(joined(NULL, 0), "", "no rows, no windows");
	}
	return t_done();
}
