/*
 * main.c - evshare.fcgi: the FastCGI accept loop. Started outside FastCGI it answers exactly
 * one request as plain CGI (how a test or an operator can poke it from a shell).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "config.h"
#include "log.h"
#include "secret.h"
#include "evshare.h"

extern char **environ;

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

int
main(int argc, char **argv)
{
	char err[512];
	struct req r = { 0 };
	FCGX_Request fr;
	const char *logfile;

	(void)argc;
	(void)argv;
	if (config_load(NULL, err, sizeof err)) {
		fprintf(stderr, "evshare.fcgi: configuration: %s\n", err);
		return 1;
	}
	logfile = config_str("log_file");
	if (*logfile && freopen(logfile, "a", stderr) == NULL)
		fprintf(stderr, "evshare.fcgi: cannot open log file %s: %s\n", logfile, strerror(errno));
	log_init("evshare.fcgi", log_level_parse(config_str("log_level")));
	if (secret_init()) {
		log_error("libsodium failed to start");
		return 1;
	}
	if (render_init(config_str("templates_dir"), err, sizeof err)) {
		log_error("templates: %s", err);
		return 1;
	}
	webdb_connect();   /* a database that is down now is retried per request */

	if (FCGX_IsCGI()) {
		r.envp = environ;
		req_process(&r);
		req_finish(&r);
		buf_free(&r.body);
		buf_free(&r.out);
		buf_free(&r.headers);
		return 0;
	}
	signal(SIGTERM, on_term);
	signal(SIGPIPE, SIG_IGN);
	FCGX_Init();
	FCGX_InitRequest(&fr, 0, 0);
	log_info("ready (pid %d)", (int)getpid());
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		r.fcgx = &fr;
		r.envp = fr.envp;
		req_process(&r);
		req_finish(&r);
		FCGX_Finish_r(&fr);
	}
	log_info("stopping");
	return 0;
}
