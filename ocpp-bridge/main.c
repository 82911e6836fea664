/* main.c - ocpp-bridge: the OCPP 1.6J central system of evshare. Settings come from the shared
 * config (bridge_*, ocpp_*, database, db_user_bridge; see lib/config.c). Logs go to stderr, one
 * line per event. SIGTERM or SIGINT stops it cleanly.
 *
 * Usage: ocpp-bridge [-w DB_WORKERS]   (database worker threads, default 2)
 * Environment beyond the config: OCPP_BRIDGE_STATS=S logs the stats line (calls, answer-time
 * histogram) every S seconds instead of 60; OCPP_BRIDGE_NO_RAW_LOG=1 stops writing the raw
 * conversation to ocpp_messages (everything else is stored as usual); OCPP_BRIDGE_AUTH_WINDOW=S
 * counts failed handshakes in windows of S seconds instead of 60 (the tests wait one out). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bridge.h"
#include "config.h"
#include "db.h"
#include "jpool.h"
#include "log.h"
#include "secret.h"

static void
on_signal(int sig)
{
	(void)sig;
	B.stopping = 1;
	if (B.ctx)
		lws_cancel_service(B.ctx);
}

static void
lws_log(int level, const char *line)
{
	char msg[512];

	snprintf(msg, sizeof msg, "%s", line);
	msg[strcspn(msg, "\n")] = '\0';
	if (level & LLL_ERR)
		log_error("lws: %s", msg);
	else
		log_warn("lws: %s", msg);
}

/* Before the loop starts (so blocking is fine): the node row (clearing this node's registry
 * rows from before a restart) and every charge point, so the first handshakes already know
 * them. Retries while the database is not there yet. */
static int
initial_load(void)
{
	unsigned delay = 1;

	while (!B.stopping) {
		char err[512];
		PGconn *c = db_connect("db_user_bridge", "ocpp-bridge", err, sizeof err);
		const char *p[3] = { B.node, EVSHARE_VERSION, "true" };
		PGresult *r;

		if (c == NULL) {
			log_warn("database: %s (retrying in %u s)", err, delay);
			sleep(delay);
			delay = delay < 8 ? delay * 2 : 10;
			continue;
		}
		r = PQexecParams(c, store_stmts[Q_NODE_ALIVE].sql, 3, NULL, p, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			log_error("registering node %s: %s", B.node, PQresultErrorMessage(r));
			PQclear(r);
			PQfinish(c);
			return -1;
		}
		PQclear(r);
		r = PQexec(c, store_stmts[Q_CP_ALL].sql);
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			log_error("loading charge points: %s", PQresultErrorMessage(r));
			PQclear(r);
			PQfinish(c);
			return -1;
		}
		for (int i = 0; i < PQntuples(r); i++)
			cp_upsert(atoll(PQgetvalue(r, i, 0)), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
			    PQgetvalue(r, i, 3));
		log_info("node %s registered, %zu charge points known", B.node, cp_count());
		PQclear(r);
		PQfinish(c);
		return 0;
	}
	return -1;
}

/* B's settings from the config (and the environment variables above). 0, or -1 (logged). */
static int
read_settings(void)
{
	char err[512];

	B.max_frame = (long)config_int("ocpp_max_frame");
	B.heartbeat_interval = (int)config_int("ocpp_heartbeat_interval");
	B.offline_after = (int)config_int("ocpp_offline_after");
	B.command_timeout = (int)config_int("ocpp_command_timeout");
	B.auth_fail_limit = (unsigned)config_int("ocpp_auth_fail_limit");
	B.throttle.window = 60;
	if (getenv("OCPP_BRIDGE_AUTH_WINDOW") && atoi(getenv("OCPP_BRIDGE_AUTH_WINDOW")) > 0)
		B.throttle.window = (unsigned)atoi(getenv("OCPP_BRIDGE_AUTH_WINDOW"));
	if (trusted_parse(config_str("bridge_trusted_proxies"), &B.proxies, err, sizeof err) < 0) {
		log_error("bridge_trusted_proxies: %s", err);
		return -1;
	}
	B.stats_period = getenv("OCPP_BRIDGE_STATS") ? atoi(getenv("OCPP_BRIDGE_STATS")) : 60;
	if (B.stats_period < 1)
		B.stats_period = 60;
	B.generation = (uint64_t)time(NULL) * 1000000ull;   /* grows across restarts */
	if (*config_str("bridge_node")) {
		snprintf(B.node, sizeof B.node, "%s", config_str("bridge_node"));
	} else {
		char host[64] = "localhost";

		gethostname(host, sizeof host - 1);
		snprintf(B.node, sizeof B.node, "%s:%lld", host, config_int("bridge_port"));
	}
	return 0;
}

/* A connection is a file: as many as we are allowed (libwebsockets sizes its tables from the
 * soft limit when the context is created). */
static void
raise_open_files(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			log_warn("cannot raise the open files limit: %s", strerror(errno));
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		log_info("up to %llu open files (connections)", (unsigned long long)rl.rlim_cur);
}

int
main(int argc, char **argv)
{
	char err[512];
	int opt, workers = 2, rc = 1;
	struct sigaction sa;

	jpool_install();
	while ((opt = getopt(argc, argv, "w:")) != -1) {
		switch (opt) {
		case 'w':
			workers = atoi(optarg);
			if (workers < 1 || workers > 16) {
				fprintf(stderr, "ocpp-bridge: -w takes 1 to 16\n");
				return 2;
			}
			break;
		default:
			fprintf(stderr, "usage: ocpp-bridge [-w DB_WORKERS]\n");
			return 2;
		}
	}
	if (config_load(NULL, err, sizeof err) < 0) {
		fprintf(stderr, "ocpp-bridge: %s\n", err);
		return 2;
	}
	log_init("ocpp-bridge", log_level_parse(config_str("log_level")));
	if (secret_init() < 0) {
		log_error("libsodium did not start");
		return 1;
	}
	lws_set_log_level(LLL_ERR | LLL_WARN, lws_log);
	if (read_settings() < 0)
		return 2;
	raise_open_files();

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	log_info("ocpp-bridge %s starting as node %s", EVSHARE_VERSION, B.node);
	if (initial_load() < 0)
		goto out;
	if (server_start(workers, err, sizeof err) < 0) {
		log_error("%s", err);
		goto out;
	}
	log_info("ready");
	server_run();
	rc = 0;
out:
	if (B.ctx)
		server_stop();
	else
		cp_free_all();
	log_info("stopped");
	return rc;
}
