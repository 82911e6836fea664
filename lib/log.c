/* log.c - see log.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

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

void
log_msg(enum log_level level, const char *file, int line, const char *fmt, ...)
{
	char msg[1024], ts[32];
	struct timeval tv;
	struct tm tm;
	va_list ap;

	if (level > log_max)
		return;
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* one write per line so lines from several processes do not interleave */
	fprintf(stderr, "%s.%03ldZ %s[%d] %s %s:%d %s\n", ts, (long)tv.tv_usec / 1000,
	    log_prog, (int)getpid(), log_names[level], file, line, msg);
	fflush(stderr);
}
