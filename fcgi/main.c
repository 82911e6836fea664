/*
 * main.c - evshare.fcgi: the FastCGI accept loop. Started outside FastCGI it answers exactly
 * one request as plain CGI (how a test or an operator can poke it from a shell).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "config.h"
#include "log.h"
#include "secret.h"
#include "evshare.h"

extern char **environ;

static volatile sig_atomic_t stopping, busy;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
	/* libfcgi retries accept() after a signal, so an idle process leaves here; a busy one
	 * finishes its request first */
	if (!busy)
		_exit(0);
}

/* The accept loop of one process on listen_fd (0: the socket the web server gave us). */
static int
serve(int listen_fd)
{
	struct req r = { 0 };
	FCGX_Request fr;

	webdb_connect();   /* a database that is down now is retried per request */
	FCGX_InitRequest(&fr, listen_fd, 0);
	log_info("ready (pid %d)", (int)getpid());
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		busy = 1;
		r.fcgx = &fr;
		r.envp = fr.envp;
		req_process(&r);
		req_finish(&r);
		FCGX_Finish_r(&fr);
		busy = 0;
	}
	log_info("stopping");
	return 0;
}

/*
 * --listen PATH --processes N: open the socket ourselves and keep N worker processes on it,
 * restarting any that dies (for Apache's mod_proxy_fcgi, nginx, or a systemd service).
 */
static int
prefork(const char *path, int n)
{
	pid_t *kids = calloc((size_t)n, sizeof *kids);
	int fd;

	busy = 1;   /* the supervisor never leaves from the signal handler: it stops its workers */
	unlink(path);
	if (kids == NULL || (fd = FCGX_OpenSocket(path, 128)) < 0) {
		log_error("cannot listen on %s", path);
		return 1;
	}
	chmod(path, 0660);
	log_info("listening on %s with %d processes", path, n);
	while (!stopping) {
		for (int i = 0; i < n; i++) {
			if (kids[i] > 0)
				continue;
			if ((kids[i] = fork()) == 0) {
				prctl(PR_SET_PDEATHSIG, SIGTERM);
				busy = 0;
				free(kids);
				_exit(serve(fd));
			}
			if (kids[i] < 0) {
				log_error("fork: %s", strerror(errno));
				kids[i] = 0;
				sleep(1);
			}
		}
		pid_t dead = wait(NULL);
		for (int i = 0; i < n; i++)
			if (kids[i] == dead) {
				if (!stopping)
					log_warn("worker %d exited, restarting it", (int)dead);
				kids[i] = 0;
			}
	}
	for (int i = 0; i < n; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	while (wait(NULL) > 0)
		;
	unlink(path);
	free(kids);
	return 0;
}

static const char usage[] =
"usage: evshare.fcgi                          (spawned by the web server, or as CGI)\n"
"       evshare.fcgi --listen PATH [--processes N]\n";

int
main(int argc, char **argv)
{
	char err[512];
	const char *logfile, *listen_path = NULL;
	long long processes = 4;
	struct sigaction sa;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen_path = argv[++i];
		else if (strcmp(argv[i], "--processes") == 0 && i + 1 < argc &&
		    parse_long(argv[i + 1], 1, 256, &processes) == 0)
			i++;
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
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

	if (listen_path == NULL && FCGX_IsCGI()) {
		struct req r = { 0 };

		webdb_connect();
		r.envp = environ;
		req_process(&r);
		req_finish(&r);
		buf_free(&r.body);
		buf_free(&r.out);
		buf_free(&r.headers);
		return 0;
	}
	/* no SA_RESTART: SIGTERM must interrupt accept() so the loop can end */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	FCGX_Init();
	return listen_path ? prefork(listen_path, (int)processes) : serve(0);
}
