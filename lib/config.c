/* config.c - see config.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

const struct config_key config_keys[] = {
	{ "database", CONF_STR, "dbname=evshare", 0, 0 },
	{ "db_user_web", CONF_STR, "evshare_web", 0, 0 },
	{ "db_user_bridge", CONF_STR, "evshare_bridge", 0, 0 },
	{ "db_user_admin", CONF_STR, "postgres", 0, 0 },
	{ "root", CONF_STR, ".", 0, 0 },
	{ "templates_dir", CONF_STR, "templates", 0, 0 },
	{ "public_url", CONF_STR, "http://127.0.0.1:8080", 0, 0 },
	/* where lighttpd listens: read by scripts/instance.sh (make run), not by a program */
	{ "http_host", CONF_STR, "127.0.0.1", 0, 0 },
	{ "http_port", CONF_INT, "8080", 1, 65535 },
	{ "bridge_host", CONF_STR, "127.0.0.1", 0, 0 },
	{ "bridge_port", CONF_INT, "8180", 1, 65535 },
	{ "bridge_tls_port", CONF_INT, "0", 0, 65535 },
	{ "bridge_tls_cert", CONF_STR, "", 0, 0 },
	{ "bridge_tls_key", CONF_STR, "", 0, 0 },
	{ "bridge_node", CONF_STR, "", 0, 0 },
	{ "bridge_trusted_proxies", CONF_STR, "", 0, 0 },
	{ "ocpp_max_frame", CONF_INT, "65536", 1024, 16777216 },
	{ "ocpp_heartbeat_interval", CONF_INT, "300", 10, 86400 },
	{ "ocpp_offline_after", CONF_INT, "300", 10, 86400 },
	{ "ocpp_command_timeout", CONF_INT, "30", 1, 3600 },
	{ "ocpp_auth_fail_limit", CONF_INT, "10", 1, 100000 },
	{ "max_body", CONF_INT, "65536", 1024, 67108864 },
	{ "max_query", CONF_INT, "8192", 256, 1048576 },
	{ "max_fields", CONF_INT, "64", 1, 10000 },
	{ "map_max_features", CONF_INT, "500", 1, 100000 },
	{ "map_tiles", CONF_STR, "https://tile.openstreetmap.org/{z}/{x}/{y}.png", 0, 0 },
	{ "platform_fee_bp", CONF_INT, "1000", 0, 10000 },
	/* the wallet's currency and GoPay's REST API: read by the money pages (issue 11), not yet */
	{ "currency", CONF_STR, "CZK", 0, 0 },
	{ "gopay_url", CONF_STR, "https://gw.sandbox.gopay.com/api", 0, 0 },
	{ "gopay_goid", CONF_STR, "", 0, 0 },
	{ "gopay_client_id", CONF_STR, "", 0, 0 },
	{ "gopay_client_secret", CONF_STR, "", 0, 0 },
	{ "outbox", CONF_STR, "var/outbox", 0, 0 },
	{ "smtp_url", CONF_STR, "", 0, 0 },
	{ "log_level", CONF_STR, "info", 0, 0 },
	{ "log_file", CONF_STR, "", 0, 0 },
	{ NULL, CONF_STR, NULL, 0, 0 }
};

#define NKEYS (sizeof config_keys / sizeof config_keys[0] - 1)

static char *values[NKEYS];

static int
key_index(const char *key)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(config_keys[i].name, key) == 0)
			return (int)i;
	return -1;
}

static int
check_int(const struct config_key *k, const char *v, long long *out)
{
	char *end;

	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (errno || end == v || *end != '\0' || n < k->min || n > k->max)
		return -1;
	if (out)
		*out = n;
	return 0;
}

int
config_set(const char *key, const char *value, char *err, size_t errlen)
{
	int i = key_index(key);
	char *copy;

	if (i < 0) {
		snprintf(err, errlen, "unknown key '%s'", key);
		return -1;
	}
	if (config_keys[i].type == CONF_INT && check_int(&config_keys[i], value, NULL)) {
		snprintf(err, errlen, "'%s' must be a whole number from %lld to %lld, not '%s'",
		    key, config_keys[i].min, config_keys[i].max, value);
		return -1;
	}
	if ((copy = strdup(value)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	free(values[i]);
	values[i] = copy;
	return 0;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
load_file(const char *path, char *err, size_t errlen)
{
	char line[4096], msg[512];
	int lineno = 0, rc = 0;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		char *s = trim(line), *eq;

		lineno++;
		if (*s == '\0' || *s == '#')
			continue;
		if ((eq = strchr(s, '=')) == NULL) {
			snprintf(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		if (config_set(trim(s), trim(eq + 1), msg, sizeof msg)) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
			rc = -1;
			break;
		}
	}
	fclose(f);
	return rc;
}

int
config_load(const char *path, char *err, size_t errlen)
{
	char env[128], msg[512];

	for (size_t i = 0; i < NKEYS; i++)
		if (config_set(config_keys[i].name, config_keys[i].def, err, errlen))
			return -1;
	if (path == NULL || *path == '\0')
		path = getenv("EVSHARE_CONF");
	if (path && *path && load_file(path, err, errlen))
		return -1;
	for (size_t i = 0; i < NKEYS; i++) {
		const char *v;
		size_t j;

		for (j = 0; config_keys[i].name[j] && j < sizeof env - 9; j++)
			env[j] = (char)toupper((unsigned char)config_keys[i].name[j]);
		env[j] = '\0';
		memmove(env + 8, env, j + 1);
		memcpy(env, "EVSHARE_", 8);
		if ((v = getenv(env)) && config_set(config_keys[i].name, v, msg, sizeof msg)) {
			snprintf(err, errlen, "%s: %s", env, msg);
			return -1;
		}
	}
	return 0;
}

const char *
config_str(const char *key)
{
	int i = key_index(key);

	if (i < 0 || values[i] == NULL) {
		fprintf(stderr, "config_str: unknown key '%s'\n", key);
		abort();
	}
	return values[i];
}

long long
config_int(const char *key)
{
	int i = key_index(key);
	long long n = 0;

	if (i < 0 || config_keys[i].type != CONF_INT || values[i] == NULL) {
		fprintf(stderr, "config_int: unknown or non-numeric key '%s'\n", key);
		abort();
	}
	check_int(&config_keys[i], values[i], &n);
	return n;
}
