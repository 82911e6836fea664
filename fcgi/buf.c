/*
 * buf.c - growable text (struct buf, evshare.h): what a request's body, headers and JSON answers
 * are built in. Out of memory aborts: a half-built answer is worse than a restarted process.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "evshare.h"

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			log_error("out of memory (%zu bytes)", cap);
			abort();
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[512], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		buf_add(b, small, (size_t)n);
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&big, fmt, ap) >= 0)
		buf_add(b, big, (size_t)n);
	va_end(ap);
	free(big);
}

void
buf_free(struct buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}
