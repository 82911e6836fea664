/* log.c - see log.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "utf8.h"

static const char *log_prog = "evshare";
static enum log_level log_max = LOGL_INFO;
static const char *const log_names[] = { "ERROR", "WARN", "INFO", "DEBUG" };

void
log_init(const char *prog, enum log_level level)
{
	log_prog = prog;
	log_max = level;
}

enum log_level
log_level_parse(const char *s)
{
	if (s == NULL)
		return LOGL_INFO;
	if (strcmp(s, "error") == 0)
		return LOGL_ERROR;
	if (strcmp(s, "warn") == 0)
		return LOGL_WARN;
	if (strcmp(s, "debug") == 0)
		return LOGL_DEBUG;
	return LOGL_INFO;
}

/* The length of the character at p (left bytes remain) if it may be written as it is, 0 if its
 * first byte must be escaped. */
static size_t
plain_len(const unsigned char *p, size_t left)
{
	unsigned cp;
	size_t n;

	if (p[0] < 0x80)
		return p[0] >= 0x20 && p[0] != 0x7F && p[0] != '\\';
	if ((n = utf8_char(p, left, &cp)) == 0)
		return 0;
	/* C1 controls, line and paragraph separators, bidirectional overrides and isolates */
	if (cp <= 0x9F || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return n;
}

size_t
log_clean_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	/* the common case, printable ASCII, without the call */
	while (i < n) {
		if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != '\\')
			i++;
		else if ((k = plain_len(p + i, n - i)) > 0)
			i += k;
		else
			break;
	}
	return i;
}

size_t
log_escape(const char *s, size_t n, char *out, size_t outlen)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, k;

	if (outlen == 0)
		return 0;
	while (i < n) {
		char e[4];
		size_t el = 2;

		if ((k = plain_len(p + i, n - i)) > 0) {
			if (o + k >= outlen)
				break;
			memcpy(out + o, p + i, k);
			o += k;
			i += k;
			continue;
		}
		e[0] = '\\';
		switch (p[i]) {
		case '\\': e[1] = '\\'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		default:
			e[1] = 'x';
			e[2] = hex[p[i] >> 4];
			e[3] = hex[p[i] & 15];
			el = 4;
		}
		if (o + el >= outlen)
			break;
		memcpy(out + o, e, el);
		o += el;
		i++;
	}
	out[o] = '\0';
	return o;
}

/* The rare line that needs escaping; its own function so that the common path's frame does
 * not hold the larger buffer. */
static void __attribute__((noinline))
write_escaped(const char *head, const char *msg, size_t n)
{
	char esc[4 * 1024 + 1];

	log_escape(msg, n, esc, sizeof esc);
	fprintf(stderr, "%s%s\n", head, esc);
}

void
log_msg(enum log_level level, const char *file, int line, const char *fmt, ...)
{
	char msg[1024], ts[CLOCK_TEXT_MAX], head[256];
	va_list ap;
	size_t n;
	int len;

	if (level > log_max)
		return;
	clock_now(CLOCK_ISO, ts);
	va_start(ap, fmt);
	len = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	n = len < 0 ? 0 : (size_t)len < sizeof msg ? (size_t)len : sizeof msg - 1;
	msg[n] = '\0';
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	snprintf(head, sizeof head, "%s %s[%d] %s %s:%d ", ts, log_prog, (int)getpid(), log_names[level], file, line);
	/* one write per line so lines from several processes do not interleave */
	if (log_clean_prefix(msg, n) == n)
		fprintf(stderr, "%s%s\n", head, msg);
	else
		write_escaped(head, msg, n);
	fflush(stderr);
}
