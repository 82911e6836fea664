/*
 * hours.c - weekly hours: the host's text to stored rows and back (contracts in hours.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hours.h"

int
parse_hhmm(const char *s)
{
	int h = 0, m = 0, nd = 0;

	for (; *s >= '0' && *s <= '9'; s++)
		if (++nd > 2)
			return -1;
		else
			h = h * 10 + (*s - '0');
	if (nd == 0)
		return -1;
	if (*s == ':' || *s == '.') {
		s++;
		if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
			return -1;
		m = (s[0] - '0') * 10 + (s[1] - '0');
		s += 2;
	}
	if (*s != '\0' || h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

static void
piece_copy(char *dst, size_t n, const char *s, size_t len)
{
	if (len >= n) {
		/* cut on a character boundary (the text is UTF-8) */
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

static void
problem(struct hours_problem *p, enum hours_err err, int day, int nth, const char *s, size_t len)
{
	memset(p, 0, sizeof *p);
	p->err = err;
	p->day = day;
	p->nth = nth;
	piece_copy(p->piece, sizeof p->piece, s, len);
}

/* The dash between the two times: "-", "–" (U+2013) or "—" (U+2014); its length or 0. */
static size_t
dash_at(const char *s)
{
	if (*s == '-')
		return 1;
	if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
		return 3;
	return 0;
}

/* One time out of [s, s+len) without spaces around; -1 when not a time. */
static int
time_of(const char *s, size_t len)
{
	char t[8];

	while (len && *s == ' ')
		s++, len--;
	while (len && s[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof t)
		return -1;
	memcpy(t, s, len);
	t[len] = '\0';
	return parse_hhmm(t);
}

int
hours_parse_day(const char *text, int day, struct hours_window *w, int *n, int cap,
    struct hours_problem *p)
{
	int nth = 0;
	const char *s = text;

	while (*s) {
		size_t len, i, d = 0;
		int a, b;

		s += strspn(s, " \t\r\n,;");
		if ((len = strcspn(s, ",;\r\n")) == 0)
			break;
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		nth++;
		if (nth > HOURS_PER_DAY || *n >= cap) {
			problem(p, HOURS_TOO_MANY, day, nth, s, len);
			return -1;
		}
		for (i = 0; i < len; i++)
			if ((d = dash_at(s + i)) != 0)
				break;
		if (d == 0 || i == 0 || i + d >= len) {
			problem(p, HOURS_NO_END, day, nth, s, len);
			return -1;
		}
		a = time_of(s, i);
		b = time_of(s + i + d, len - i - d);
		if (a < 0 || b < 0 || a == 1440) {
			problem(p, HOURS_BAD_TIME, day, nth, s, len);
			return -1;
		}
		if (a == b) {
			problem(p, HOURS_EQUAL, day, nth, s, len);
			return -1;
		}
		w[*n].day = day;
		w[*n].start = a;
		w[*n].end = b == 0 ? 1440 : b;    /* "18:00–0:00": until midnight */
		w[*n].nth = nth;
		(*n)++;
		s += len;
	}
	return 0;
}

static int
row_cmp(const void *x, const void *y)
{
	const struct hours_row *a = x, *b = y;

	return a->day != b->day ? a->day - b->day : a->start - b->start;
}

static void
window_text(const struct hours_window *w, char *out, size_t n)
{
	char a[8], b[8];

	hours_fmt(w->start, a);
	hours_fmt(w->end, b);
	snprintf(out, n, "%s–%s", a, b);
}

int
hours_rows(const struct hours_window *w, int n, struct hours_row *out, int *nout, int cap,
    struct hours_problem *p)
{
	*nout = 0;
	for (int i = 0; i < n; i++) {
		if (*nout + 2 > cap)
			return -1;
		if (w[i].end > w[i].start) {
			out[(*nout)++] = (struct hours_row){ w[i].day, w[i].start, w[i].end, i };
			continue;
		}
		/* overnight: until midnight, then the next day (Sunday's runs into Monday) */
		out[(*nout)++] = (struct hours_row){ w[i].day, w[i].start, 1440, i };
		out[(*nout)++] = (struct hours_row){ w[i].day % 7 + 1, 0, w[i].end, i };
	}
	qsort(out, (size_t)*nout, sizeof *out, row_cmp);
	for (int i = 1; i < *nout; i++) {
		if (out[i].day != out[i - 1].day || out[i].start >= out[i - 1].end)
			continue;
		{
			/* name the later-typed window, and the one it runs into */
			const struct hours_window *x = &w[out[i].from], *y = &w[out[i - 1].from];

			if (out[i].from < out[i - 1].from) {
				const struct hours_window *t = x;

				x = y;
				y = t;
			}
			memset(p, 0, sizeof *p);
			p->err = HOURS_OVERLAP;
			p->day = x->day;
			p->nth = x->nth;
			window_text(x, p->piece, sizeof p->piece);
			p->other_day = y->day;
			p->other_nth = y->nth;
			window_text(y, p->other, sizeof p->other);
		}
		return -1;
	}
	return 0;
}

int
hours_join(const struct hours_row *rows, int n, struct hours_window *w, int cap)
{
	int nw = 0;
	short join[HOURS_MAX * 2];
	unsigned char taken[HOURS_MAX * 2] = { 0 };

	if (n > HOURS_MAX * 2)
		n = HOURS_MAX * 2;
	/* first which rows continue another overnight (Monday's first row may be Sunday's night) */
	for (int i = 0; i < n; i++) {
		join[i] = -1;
		if (rows[i].end != 1440 || rows[i].start == 0)
			continue;
		for (int j = 0; j < n; j++)
			if (!taken[j] && j != i && rows[j].day == rows[i].day % 7 + 1 && rows[j].start == 0 &&
			    rows[j].end < rows[i].start) {
				join[i] = (short)j;
				taken[j] = 1;
				break;
			}
	}
	for (int i = 0; i < n && nw < cap; i++) {
		if (taken[i])
			continue;
		w[nw] = (struct hours_window){ rows[i].day, rows[i].start,
			join[i] >= 0 ? rows[join[i]].end : rows[i].end, 0 };
		w[nw].nth = 1;
		for (int j = 0; j < nw; j++)
			if (w[j].day == w[nw].day)
				w[nw].nth++;
		nw++;
	}
	return nw;
}

void
hours_fmt(int min, char out[8])
{
	snprintf(out, 8, "%d:%02d", (min / 60) % 25, min % 60);
}
