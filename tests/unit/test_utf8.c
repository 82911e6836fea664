/* test_utf8.c - lib/utf8.c and utf8.h: which bytes are strict UTF-8 (utf8_valid), one character
 * decoded (utf8_char, as the frame builder and the log use it), and a text cut to a length
 * without splitting a character (utf8_prefix, as the web's error text and the bridge's
 * descriptions are cut). */
#include <stdlib.h>

#include "../../lib/utf8.c"
#include "t.h"

static void
test_valid(void)
{
	static const struct { const char *s; size_t len; int ok; const char *what; } t[] = {
		{ "", 0, 1, "empty" },
		{ "abc", 3, 1, "ASCII" },
		{ "a\0b", 3, 1, "NUL is valid UTF-8" },
		{ "\xC2\x80", 2, 1, "U+0080 (2 bytes, lowest)" },
		{ "\xDF\xBF", 2, 1, "U+07FF (2 bytes, highest)" },
		{ "\xC5\xA1", 2, 1, "s caron" },
		{ "\xC0\xAF", 2, 0, "overlong '/' C0 AF" },
		{ "\xC1\xBF", 2, 0, "overlong C1 BF" },
		{ "\xC2", 1, 0, "truncated 2-byte" },
		{ "\xC2\x41", 2, 0, "2-byte with bad continuation" },
		{ "\x80", 1, 0, "stray continuation" },
		{ "\xBF", 1, 0, "stray continuation BF" },
		{ "\xE0\xA0\x80", 3, 1, "U+0800 (3 bytes, lowest)" },
		{ "\xE0\x9F\xBF", 3, 0, "overlong 3-byte E0 9F BF" },
		{ "\xE0\x80\xAF", 3, 0, "overlong '/' E0 80 AF" },
		{ "\xE2\x82\xAC", 3, 1, "euro sign" },
		{ "\xED\x9F\xBF", 3, 1, "U+D7FF, just below surrogates" },
		{ "\xED\xA0\x80", 3, 0, "surrogate U+D800" },
		{ "\xED\xBF\xBF", 3, 0, "surrogate U+DFFF" },
		{ "\xEE\x80\x80", 3, 1, "U+E000, just above surrogates" },
		{ "\xEF\xBF\xBF", 3, 1, "U+FFFF" },
		{ "\xE2\x82", 2, 0, "truncated 3-byte" },
		{ "\xE2\x82\x41", 3, 0, "3-byte with bad 3rd byte" },
		{ "\xF0\x90\x80\x80", 4, 1, "U+10000 (4 bytes, lowest)" },
		{ "\xF0\x9F\x94\x8C", 4, 1, "electric plug emoji" },
		{ "\xF4\x8F\xBF\xBF", 4, 1, "U+10FFFF" },
		{ "\xF0\x8F\xBF\xBF", 4, 0, "overlong 4-byte F0 8F" },
		{ "\xF4\x90\x80\x80", 4, 0, "U+110000" },
		{ "\xF5\x80\x80\x80", 4, 0, "F5 lead" },
		{ "\xF8\x88\x80\x80\x80", 5, 0, "5-byte form" },
		{ "\xFF", 1, 0, "FF" },
		{ "\xFE", 1, 0, "FE" },
		{ "\xF0\x9F\x94", 3, 0, "truncated 4-byte" },
		{ "\xF0\x9F\x94\x41", 4, 0, "4-byte with bad 4th byte" },
		{ "ok\xC5\xA1ok\xF0\x9F\x94\x8C", 11, 1, "mixed" },
		{ "ok\xC5\xA1ok\xF0\x9F\x94", 10, 0, "mixed, cut short" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		T_INT(utf8_valid(t[i].s, t[i].len), t[i].ok, "utf8_valid: %s", t[i].what);
	/* len bounds the check: bytes past it are never read */
	T_INT(utf8_valid("\xC5\xA1", 1), 0, "utf8_valid: len cuts a sequence");
	T_INT(utf8_valid("ab\xFF", 2), 1, "utf8_valid: byte past len ignored");
}

static void
test_char(void)
{
	static const struct { const char *s; size_t avail, n; unsigned cp; const char *what; } t[] = {
		{ "A", 1, 1, 0x41, "ASCII" },
		{ "\xC3\xA9", 2, 2, 0xE9, "e acute" },
		{ "\xC2\x80", 2, 2, 0x80, "U+0080 (a C1 control: valid UTF-8, the log escapes it)" },
		{ "\xE2\x80\xAE", 3, 3, 0x202E, "U+202E right-to-left override" },
		{ "\xEF\xBB\xBF", 3, 3, 0xFEFF, "U+FEFF" },
		{ "\xF0\x9F\x94\x8C", 4, 4, 0x1F50C, "electric plug emoji" },
		{ "\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF, "U+10FFFF" },
		{ "\xF0\x9F\x94\x8C", 3, 0, 0, "avail cuts a 4-byte character" },
		{ "\xC3\xA9", 1, 0, 0, "avail cuts a 2-byte character" },
		{ "\xC3", 4, 0, 0, "a NUL where a continuation byte belongs" },
		{ "\xE2\x82", 4, 0, 0, "a NUL as the 3rd byte" },
		{ "\xF0\x9F\x94", 4, 0, 0, "a NUL as the 4th byte" },
		{ "\xC0\xAF", 2, 0, 0, "overlong C0 AF" },
		{ "\xE0\x9F\xBF", 3, 0, 0, "overlong E0 9F BF" },
		{ "\xF0\x8F\xBF\xBF", 4, 0, 0, "overlong F0 8F BF BF" },
		{ "\xED\xA0\x80", 3, 0, 0, "surrogate U+D800" },
		{ "\xF4\x90\x80\x80", 4, 0, 0, "U+110000" },
		{ "\x80", 1, 0, 0, "a stray continuation byte" },
		{ "\xFF", 1, 0, 0, "FF" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		unsigned cp = 0xDEAD;
		size_t n = utf8_char((const unsigned char *)t[i].s, t[i].avail, &cp);

		T_INT(n, t[i].n, "utf8_char: %s: length", t[i].what);
		T_INT(cp, t[i].n ? t[i].cp : 0xDEAD, "utf8_char: %s: %s", t[i].what,
		    t[i].n ? "code point" : "code point untouched");
	}
	/* what is read: nothing past a NUL, nothing past avail (ASan: the buffers end there) */
	{
		unsigned char *two = malloc(2);
		unsigned u;

		two[0] = 0xE2;
		two[1] = 0x82;
		T_INT(utf8_char(two, 2, &u), 0, "utf8_char: a 3-byte lead with 2 bytes available reads no 3rd");
		two[0] = 0xE2;
		two[1] = 0x41;
		T_INT(utf8_char(two, 4, &u), 0, "utf8_char: a bad 2nd byte stops it before the 3rd");
		free(two);
	}
}

/* Cutting text on a character boundary. */
static void
test_prefix(void)
{
	static const struct { const char *s; size_t len, want; const char *what; } cut[] = {
		{ "abc", 3, 3, "abc" },
		{ "ab\xc3\xa9", 4, 4, "ab\u00e9 whole" },
		{ "ab\xc3\xa9", 3, 2, "ab\u00e9 cut inside \u00e9" },
		{ "\xe2\x82\xac", 3, 3, "\u20ac whole" },
		{ "\xe2\x82\xac", 2, 0, "\u20ac after 2 of its 3 bytes" },
		{ "\xe2\x82\xac", 1, 0, "\u20ac after 1 of its 3 bytes" },
		{ "x\xf0\x9f\x94\x8c", 5, 5, "x\U0001f50c whole" },
		{ "x\xf0\x9f\x94\x8c", 4, 1, "x\U0001f50c after 3 of its 4 bytes" },
		{ "x\xf0\x9f\x94\x8c", 2, 1, "x\U0001f50c after 1 of its 4 bytes" },
		{ "", 0, 0, "empty" },
	};
	for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++)
		T_INT(utf8_prefix(cut[i].s, cut[i].len), cut[i].want, "utf8_prefix: %s, cut at %zu, keeps %zu",
		      cut[i].what, cut[i].len, cut[i].want);
	/* what fail() does: 300 × é through a 512-byte buffer */
	{
		char big[700] = "", out[512];

		for (int i = 0; i < 300; i++)
			strcat(big, "\xc3\xa9");
		memcpy(out, big, sizeof out - 1);       /* as snprintf into 512 bytes cuts it */
		out[sizeof out - 1] = '\0';
		T_INT(strlen(out), 511, "utf8_prefix: 300 × é cut at 511 bytes, inside a character");
		out[utf8_prefix(out, strlen(out))] = '\0';
		T_OK(strlen(out) == 510 && utf8_valid(out, strlen(out)), "utf8_prefix: what is left is 255 whole é");
	}
	/* the bridge's descriptions: a NUL-terminated text to at most max bytes */
	T_INT(utf8_prefix("abc", 5), 3, "utf8_prefix: shorter text whole");
	T_INT(utf8_prefix("abcdef", 3), 3, "utf8_prefix: ASCII cut at max");
	T_INT(utf8_prefix("a\xc3\xa9\xc3\xa9", 2), 1, "utf8_prefix: not inside a 2-byte character");
	T_INT(utf8_prefix("a\xc3\xa9\xc3\xa9", 3), 3, "utf8_prefix: after it");
	T_INT(utf8_prefix("\xf0\x9f\x94\x8c", 3), 0, "utf8_prefix: not inside a 4-byte character");
	T_INT(utf8_prefix("\x80\x80\x80\x80\x80", 5), 5, "utf8_prefix: no lead byte in reach: not cut");
	/* nothing past max is read (ASan: the buffer ends there, with no NUL) */
	{
		char *s = malloc(3);

		memcpy(s, "a\xc3\xa9", 3);
		T_INT(utf8_prefix(s, 3), 3, "utf8_prefix: a text of exactly max bytes, not NUL-terminated");
		T_INT(utf8_prefix(s, 2), 1, "utf8_prefix: the same cut inside its character");
		free(s);
	}
}

int
main(void)
{
	test_valid();
	test_char();
	test_prefix();
	return t_done();
}
