/* buf.h - growable text, zero-initialised, buf_free when done. Both programs build in it.
 * Appending returns 0, or -1 when out of memory (the text stays as it was). */
#ifndef EVSHARE_BUF_H
#define EVSHARE_BUF_H

#include <stddef.h>

struct buf {
	char *s;                        /* NUL-terminated once anything was added */
	size_t len, cap;
	int failed;                     /* an append ran out of memory: the text is incomplete */
};

int buf_add(struct buf *b, const char *s, size_t n);
int buf_adds(struct buf *b, const char *s);
/* v in decimal, without printf (hot paths): int_text writes it NUL-terminated at the end of out
 * and returns where it begins */
char *int_text(char out[24], long long v);
int buf_add_int(struct buf *b, long long v);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

#endif
