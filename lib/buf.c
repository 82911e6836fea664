/*
 * buf.c - growable text (struct buf, buf.h): what the web program builds its answers in and the
 * bridge its frames, log lines and statement parameters. Out of memory: -1, the text unchanged,
 * and b->failed set, so that whoever sends the text at the end can tell it is incomplete.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* vasprintf */
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		/* small at first: the bridge builds several short texts per message, and a 1 kB
		 * request is already glibc's large-bin size (its fast bins are consolidated) */
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			b->failed = 1;
			return -1;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

char *
int_text(char out[24], long long v)
{
	char *p = out + 23;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return p;
}

int
buf_add_int(struct buf *b, long long v)
{
	char tmp[24];

	return buf_adds(b, int_text(tmp, v));
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[512], *big = NULL;
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return -1;
	}
	if ((size_t)n < sizeof small)
		return buf_add(b, small, (size_t)n);
	va_start(ap, fmt);
	if ((rc = vasprintf(&big, fmt, ap) < 0 ? -1 : buf_add(b, big, (size_t)n)) < 0)
		b->failed = 1;
	va_end(ap);
	free(big);
	return rc;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}
