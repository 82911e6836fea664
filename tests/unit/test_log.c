/* test_log.c - lib/log.c: one event is one line whatever the values hold (CR, LF, other C0,
 * DEL, C1, line separators, bidi overrides, invalid UTF-8 escaped), and clean text is written
 * as it is. */
#include <stdlib.h>
#include <unistd.h>

#include "../../lib/log.c"
#include "t.h"

static const char *
esc(const char *s, size_t n)
{
	static char out[4 * 256 + 1];

	log_escape(s, n, out, sizeof out);
	return out;
}
#define ESC(s) esc(s, sizeof(s) - 1)

static void
test_escape(void)
{
	char small[8];

	T_STR(ESC("plain text, 12.5 kWh"), "plain text, 12.5 kWh", "printable ASCII is left alone");
	T_STR(ESC("P\xc5\x99\xc3\xad" "bram \xe2\x82\xac \xf0\x9f\x94\x8c"), "P\xc5\x99\xc3\xad" "bram \xe2\x82\xac \xf0\x9f\x94\x8c",
	    "valid UTF-8 (Czech, euro sign, an emoji) is left alone");
	T_STR(ESC("a\nb\rc\td"), "a\\nb\\rc\\td", "LF, CR and tab as \\n \\r \\t");
	T_STR(ESC("back\\slash"), "back\\\\slash", "a backslash is doubled (an escape is never ambiguous)");
	T_STR(ESC("\x01\x1b[31m\x7f"), "\\x01\\x1b[31m\\x7f", "other C0 controls (ESC) and DEL as \\xNN");
	T_STR(ESC("\xc2\x85next"), "\\xc2\\x85next", "a C1 control (U+0085 NEXT LINE) as its bytes");
	T_STR(ESC("a\xe2\x80\xa8z"), "a\\xe2\\x80\\xa8z", "U+2028 LINE SEPARATOR as its bytes");
	T_STR(ESC("\xe2\x80\xae" "evil"), "\\xe2\\x80\\xae" "evil", "U+202E RIGHT-TO-LEFT OVERRIDE as its bytes");
	T_STR(ESC("\xe2\x81\xa6x"), "\\xe2\\x81\\xa6x", "U+2066 LEFT-TO-RIGHT ISOLATE as its bytes");
	T_STR(ESC("caf\xe9!"), "caf\\xe9!", "a Latin-1 byte (invalid UTF-8) as \\xNN");
	T_STR(ESC("\xc0\xaf"), "\\xc0\\xaf", "an overlong encoding as \\xNN");
	T_STR(ESC("\xed\xa0\x80"), "\\xed\\xa0\\x80", "a surrogate as \\xNN");
	T_STR(ESC("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80", "above U+10FFFF as \\xNN");
	T_STR(ESC("cut \xc5"), "cut \\xc5", "a sequence cut at the end as \\xNN");
	T_STR(ESC("\x80\xbf"), "\\x80\\xbf", "lone continuation bytes as \\xNN");
	T_STR(esc("a\0b", 3), "a\\x00b", "a NUL inside the counted text as \\x00");
	T_INT(log_clean_prefix("abc\ndef", 7), 3, "the clean prefix ends at the first byte to escape");
	T_INT(log_clean_prefix("\xc5\x99x", 3), 3, "valid UTF-8 is clean");
	T_INT(log_clean_prefix("", 0), 0, "empty text is clean");
	T_INT(log_escape("\n\n\n", 3, small, sizeof small), 6, "a short buffer holds whole escapes only");
	T_STR(small, "\\n\\n\\n", "and is NUL-terminated");
	T_INT(log_escape("abcdefghij", 10, small, sizeof small), 7, "a short buffer cuts plain text");
}

/* What log_msg writes, read back from the file stderr was pointed at. */
static char *
logged(const char *path)
{
	static char text[8192];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;

	if (f)
		fclose(f);
	text[n] = '\0';
	return text;
}

static int
lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void
test_one_line(void)
{
	char path[] = "/tmp/evshare-log-XXXXXX", big[3000];
	int fd = mkstemp(path), saved = dup(2);
	char *t;

	dup2(fd, 2);
	log_init("test_log", LOGL_INFO);
	/* what an unauthenticated POST /login once wrote into fcgi.log */
	log_warn("login failed for %s", "x@example.com\n2026-01-01T00:00:00.000Z evshare.fcgi[1] INFO fcgi/account.c:1 account 1 logged in");
	fflush(stderr);
	t = logged(path);
	T_INT(lines(t), 1, "a value with a line feed: still one line");
	T_OK(strstr(t, "x@example.com\\n2026-01-01") != NULL, "the line feed is written as \\n");
	T_OK(strstr(t, "test_log[") && strstr(t, " WARN tests/unit/test_log.c:"), "the line keeps its program, level and place");

	ftruncate(2, 0);
	lseek(2, 0, SEEK_SET);
	log_error("database: %s", "ERROR:  relation \"x\" does not exist\nLINE 1: SELECT\n");
	fflush(stderr);
	t = logged(path);
	T_INT(lines(t), 1, "a libpq message of two lines: one line");
	T_OK(strstr(t, "does not exist\\nLINE 1: SELECT\n") != NULL, "its trailing line end is dropped, the inner one escaped");

	ftruncate(2, 0);
	lseek(2, 0, SEEK_SET);
	for (size_t i = 0; i + 1 < sizeof big; i++)
		big[i] = i % 2 ? '\r' : 'x';
	big[sizeof big - 1] = '\0';
	log_info("%s", big);
	fflush(stderr);
	t = logged(path);
	T_INT(lines(t), 1, "a message of 1500 CRs: one line (cut, escaped)");
	T_OK(strstr(t, "x\\rx\\r") != NULL && strchr(t, '\r') == NULL, "no raw CR written");

	ftruncate(2, 0);
	lseek(2, 0, SEEK_SET);
	log_info("charger %s: boot accepted", "CP-1");
	fflush(stderr);
	t = logged(path);
	T_OK(lines(t) == 1 && strstr(t, " INFO ") && strstr(t, "charger CP-1: boot accepted\n"), "a clean message is written as it is");

	dup2(saved, 2);
	close(saved);
	close(fd);
	unlink(path);
}

int
main(void)
{
	test_escape();
	test_one_line();
	return t_done();
}
