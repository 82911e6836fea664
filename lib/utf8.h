/* utf8.h - strict UTF-8, the one definition both programs use: the web's input checks
 * (fcgi/parse.c), the bridge's frame builder (ocpp-bridge/frame.c), the log's escaping
 * (lib/log.c) and every cut of a text to a length. Strict: shortest form only, no surrogates
 * (U+D800..U+DFFF), nothing above U+10FFFF; C0 and C1 lead bytes, F5..FF and a stray
 * continuation byte are never valid. Pure. */
#ifndef EVSHARE_UTF8_H
#define EVSHARE_UTF8_H

#include <stddef.h>

/*
 * The character at s: its length in bytes (1..4) and its code point in *cp, or 0 when s does
 * not begin with a whole valid character (then *cp is untouched). At most avail bytes are read
 * (avail >= 1), and only while the bytes so far begin a valid character, so a NUL-terminated s
 * may pass avail 4: its NUL is never a continuation byte, and nothing after it is read. Inline:
 * the callers run it on every byte that is not ASCII.
 */
static inline size_t
utf8_char(const unsigned char *s, size_t avail, unsigned *cp)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF, v;     /* lo, hi: the allowed 2nd bytes */
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;              /* overlong */
		else if (c == 0xED)
			hi = 0x9F;              /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;              /* overlong */
		else if (c == 0xF4)
			hi = 0x8F;              /* above U+10FFFF */
	} else {
		return 0;                       /* C0, C1, F5..FF, a stray continuation byte */
	}
	if (avail < n || s[1] < lo || s[1] > hi)
		return 0;
	v = (c & (0x7Fu >> n)) << 6 | (s[1] & 0x3Fu);
	for (size_t k = 2; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[k] & 0x3Fu);
	}
	*cp = v;
	return n;
}

/* 1 if s[0..len) is strict UTF-8, else 0. Bytes past len are never read. NUL bytes are valid
 * UTF-8 here; callers that mind check for them. */
int utf8_valid(const char *s, size_t len);

/* The length of the longest prefix of the NUL-terminated s that is at most max bytes and does
 * not end inside a character: strlen(s) when that is at most max, else max or less (a
 * description cut there stays valid UTF-8; a text snprintf cut in the middle of a character,
 * utf8_prefix(s, strlen(s)), loses what is left of it). No byte past max is read. Only the end
 * is looked at: the text before it is taken to be UTF-8 (where the bytes before the end are not,
 * nothing is cut). */
size_t utf8_prefix(const char *s, size_t max);

#endif
