/* test_config.c - lib/config.c: defaults, file, environment, errors; and every key is
 * documented in conf/evshare.conf.example. */
#include <stdlib.h>
#include <unistd.h>

#include "../../lib/config.c"
#include "../../lib/money.c"
#include "t.h"

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

int
main(void)
{
	char err[512], path[] = "/tmp/evshare-conf-XXXXXX", m[64];
	int fd = mkstemp(path);

	close(fd);
	/* only what this test sets: none of the caller's EVSHARE_* variables */
	for (int i = 0; config_keys[i].name; i++) {
		char env[128];
		size_t j;

		for (j = 0; config_keys[i].name[j]; j++)
			env[8 + j] = (char)toupper((unsigned char)config_keys[i].name[j]);
		memcpy(env, "EVSHARE_", 8);
		env[8 + j] = '\0';
		unsetenv(env);
	}
	unsetenv("EVSHARE_CONF");
	unsetenv("EVSHARE_HTTP_PORT");
	T_INT(config_load(NULL, err, sizeof err), 0, "defaults load");
	T_INT(config_int("http_port"), 8080, "default http_port");
	T_STR(config_str("currency"), "CZK", "default currency");

	write_file(path, "# comment\n\nhttp_port = 9090\n  public_url=http://x.example  \n");
	T_INT(config_load(path, err, sizeof err), 0, "file loads");
	T_INT(config_int("http_port"), 9090, "file sets http_port");
	T_STR(config_str("public_url"), "http://x.example", "whitespace trimmed");

	setenv("EVSHARE_HTTP_PORT", "7070", 1);
	T_INT(config_load(path, err, sizeof err), 0, "env loads");
	T_INT(config_int("http_port"), 7070, "environment overrides the file");
	setenv("EVSHARE_HTTP_PORT", "70000", 1);
	T_INT(config_load(path, err, sizeof err), -1, "out-of-range env refused");
	T_OK(strstr(err, "EVSHARE_HTTP_PORT") != NULL, "error names the variable: %s", err);
	unsetenv("EVSHARE_HTTP_PORT");

	write_file(path, "no_such_key = 1\n");
	T_INT(config_load(path, err, sizeof err), -1, "unknown key refused");
	T_OK(strstr(err, ":1:") && strstr(err, "no_such_key"), "error names file:line and key: %s", err);
	write_file(path, "http_port 80\n");
	T_INT(config_load(path, err, sizeof err), -1, "line without = refused");
	write_file(path, "http_port = eighty\n");
	T_INT(config_load(path, err, sizeof err), -1, "non-number refused");
	T_INT(config_load("/nonexistent/evshare.conf", err, sizeof err), -1, "missing file refused");
	unlink(path);

	/* the example documents every key, and loads as it is */
	{
		FILE *f = fopen("conf/evshare.conf.example", "r");
		char buf[16384];
		size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;

		buf[n] = '\0';
		if (f)
			fclose(f);
		T_OK(n > 0, "conf/evshare.conf.example readable");
		for (int i = 0; config_keys[i].name; i++) {
			char line[128];

			snprintf(line, sizeof line, "\n%s =", config_keys[i].name);
			T_OK(strstr(buf, line) != NULL, "key %s documented in the example", config_keys[i].name);
		}
		T_INT(config_load("conf/evshare.conf.example", err, sizeof err), 0, "the example loads: %s", err);
	}

	T_STR(money_format(690, "CZK", "cs", m, sizeof m), "6,90 Kč", "money cs");
	T_STR(money_format(690, "CZK", "en", m, sizeof m), "CZK 6.90", "money en");
	T_STR(money_format(-5, "CZK", "cs", m, sizeof m), "-0,05 Kč", "negative money");
	T_STR(money_format(123456789, "EUR", "cs", m, sizeof m), "1234567,89 EUR", "other currency");
	T_STR(power_format(11000, "cs", m, sizeof m), "11 kW", "power whole");
	T_STR(power_format(7400, "cs", m, sizeof m), "7,4 kW", "power cs decimal");
	T_STR(power_format(7400, "en", m, sizeof m), "7.4 kW", "power en decimal");
	T_STR(power_format(3680, "en", m, sizeof m), "3.7 kW", "power rounds");
	return t_done();
}
