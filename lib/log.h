/* log.h - one line per event: time, program[pid], level, file:line, message.
 *
 * One event is always one line: the formatted message is escaped before it is written, so that
 * no value (an e-mail address typed at /login, a charger's action name) can end the line and
 * forge another one. Escaped: backslash as \\, LF \n, CR \r, tab \t, every other C0 control and
 * DEL as \xNN; in UTF-8, the C1 controls (U+0080..U+009F), the line and paragraph separators
 * (U+2028, U+2029) and the bidirectional overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069) byte by byte as \xNN, and so is every byte that is not part of valid UTF-8.
 * Trailing line ends of the message (libpq's messages end with one) are dropped. */
#ifndef EVSHARE_LOG_H
#define EVSHARE_LOG_H

#include <stddef.h>

enum log_level { LOGL_ERROR, LOGL_WARN, LOGL_INFO, LOGL_DEBUG };

/* prog is kept by pointer (pass a string literal). Lines go to stderr. */
void log_init(const char *prog, enum log_level level);
/* "error", "warn", "info", "debug" -> level; unknown -> LOGL_INFO */
enum log_level log_level_parse(const char *s);
void log_msg(enum log_level level, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The length of the longest prefix of s[0..n) that needs no escaping (n: nothing to escape). */
size_t log_clean_prefix(const char *s, size_t n);
/* Writes s[0..n) escaped as above into out (outlen bytes, NUL-terminated; outlen >= 4n + 1
 * holds any input whole, a shorter out cuts the text between two escapes). Returns the length
 * written. Pure. */
size_t log_escape(const char *s, size_t n, char *out, size_t outlen);

#define log_error(...) log_msg(LOGL_ERROR, __FILE__, __LINE__, __VA_ARGS__)
#define log_warn(...)  log_msg(LOGL_WARN, __FILE__, __LINE__, __VA_ARGS__)
#define log_info(...)  log_msg(LOGL_INFO, __FILE__, __LINE__, __VA_ARGS__)
#define log_debug(...) log_msg(LOGL_DEBUG, __FILE__, __LINE__, __VA_ARGS__)

#endif
