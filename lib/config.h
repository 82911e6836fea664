/*
 * config.h - the settings both programs read: built-in defaults, then the file named by
 * $EVSHARE_CONF (or the path given), then environment variables EVSHARE_<KEY> (upper case).
 * Every key, its default and its meaning live in one table in config.c and are documented in
 * conf/evshare.conf.example (a unit test keeps the two in step).
 */
#ifndef EVSHARE_CONFIG_H
#define EVSHARE_CONFIG_H

#include <stddef.h>

enum config_type { CONF_STR, CONF_INT };

struct config_key {
	const char *name;
	enum config_type type;
	const char *def;        /* default, as text */
	long long min, max;     /* CONF_INT only */
};

extern const struct config_key config_keys[];

/* Loads defaults, the file (path, or $EVSHARE_CONF when path is NULL; no file is fine when
 * neither is set) and the environment. 0 on success; -1 with a message in err (naming the
 * file:line or variable) on an unreadable file, unknown key or out-of-range number. */
int config_load(const char *path, char *err, size_t errlen);

/* The value of a key; the string stays owned by the config. An unknown key aborts: it is a
 * programming error, caught by any test that reaches the call. */
const char *config_str(const char *key);
long long config_int(const char *key);

/* Sets one key (as the file would); for tests and command-line overrides. 0 ok, -1 bad. */
int config_set(const char *key, const char *value, char *err, size_t errlen);

#endif
