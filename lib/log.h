/* log.h - one line per event: time, program[pid], level, file:line, message. */
#ifndef EVSHARE_LOG_H
#define EVSHARE_LOG_H

enum log_level { LOGL_ERROR, LOGL_WARN, LOGL_INFO, LOGL_DEBUG };

/* prog is kept by pointer (pass a string literal). Lines go to stderr. */
void log_init(const char *prog, enum log_level level);
/* "error", "warn", "info", "debug" -> level; unknown -> LOGL_INFO */
enum log_level log_level_parse(const char *s);
void log_msg(enum log_level level, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define log_error(...) log_msg(LOGL_ERROR, __FILE__, __LINE__, __VA_ARGS__)
#define log_warn(...)  log_msg(LOGL_WARN, __FILE__, __LINE__, __VA_ARGS__)
#define log_info(...)  log_msg(LOGL_INFO, __FILE__, __LINE__, __VA_ARGS__)
#define log_debug(...) log_msg(LOGL_DEBUG, __FILE__, __LINE__, __VA_ARGS__)

#endif
