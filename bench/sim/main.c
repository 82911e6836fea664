/* main.c - evshare-sim: options, the libwebsockets client context (on libev's epoll loop, as the
 * bridge: with lws's own poll() loop, scanning 10,000 descriptors at every wake-up was half the
 * simulator's CPU), the connection ramp, the end of the run (drain, summary) and the
 * --hash-password helper. See sim.h. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <ev.h>

#include "secret.h"
#include "sim.h"

#define TICK_MS 100

static volatile sig_atomic_t got_signal;
static struct lws_context *signal_ctx;
static uint64_t rng_state;

uint32_t
sim_rand(void)
{
	/* xorshift64*: quick and good enough for timings and jitter */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

double
sim_randf(void)
{
	return sim_rand() / 4294967296.0;
}

static void
on_signal(int sig)
{
	(void)sig;
	got_signal = 1;
	if (signal_ctx)
		lws_cancel_service(signal_ctx);
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: evshare-sim --url ws://HOST:PORT/ocpp --count N --password PW [options]\n"
	    "       evshare-sim --hash-password PW   (prints the argon2id hash the bridge stores)\n"
	    "\n"
	    "  --url URL            the central system, ws:// or wss://; the identity is appended\n"
	    "  --count N            chargers to run (1)\n"
	    "  --prefix P           identity prefix (SIM-); identity = P + zero-padded number\n"
	    "  --first N            first number (1)\n"
	    "  --digits N           digits of the number (3)\n"
	    "  --password PW        OCPP password (HTTP Basic, the same for every charger);\n"
	    "                       without it $EVSHARE_SIM_PASSWORD (kept out of ps)\n"
	    "  --connectors N       connectors per charger (1, at most %d)\n"
	    "  --meter-interval S   MeterValues every S seconds while charging (30; 0.9 is allowed)\n"
	    "  --heartbeat S        heartbeat every S seconds (default: what the server says)\n"
	    "  --session S          mean charging session length in seconds (900)\n"
	    "  --idle S             mean idle time between sessions in seconds (120; 0: start at once)\n"
	    "  --no-sessions        no driver comes: sessions start only on RemoteStartTransaction\n"
	    "  --id-tag TAG         RFID tag the drivers hold to the reader (DEMO-TAG-1)\n"
	    "  --kwh-every N        every Nth charger reports energy in kWh instead of Wh (4; 0 never)\n"
	    "  --rate R             connections opened per second while ramping up (500)\n"
	    "  --duration S         run S seconds, then stop every session and exit (0: until signal)\n"
	    "  --drain S            seconds allowed at the end to have everything answered (30)\n"
	    "  --warmup S           the steady window of the summary begins S seconds after the last\n"
	    "                       charger connected, once the ramp's queue is answered (0)\n"
	    "  --call-timeout S     reconnect when a CALL has no answer for S seconds (30)\n"
	    "  --reconnect-max S    cap of the reconnect back-off (60)\n"
	    "  --insecure           wss: accept a self-signed certificate\n"
	    "  --stats              progress on stderr, and a key=value summary on stdout at the end\n"
	    "  --progress S         seconds between progress lines (5)\n"
	    "  --verbose            every frame on stderr\n", SIM_MAX_CONNECTORS);
}

/* ws://host[:port]/path -> o->host, o->port, o->path (ending in '/'). 0 ok, -1 bad. */
static int
parse_url(struct sim_opts *o)
{
	const char *u = o->url, *h, *p, *colon;
	size_t hl;

	if (strncmp(u, "ws://", 5) == 0) {
		h = u + 5;
		o->tls = 0;
		o->port = 80;
	} else if (strncmp(u, "wss://", 6) == 0) {
		h = u + 6;
		o->tls = 1;
		o->port = 443;
	} else {
		return -1;
	}
	p = strchr(h, '/');
	if (p == NULL)
		p = h + strlen(h);
	colon = memchr(h, ':', (size_t)(p - h));
	hl = (size_t)((colon ? colon : p) - h);
	if (hl == 0 || hl >= sizeof o->host)
		return -1;
	memcpy(o->host, h, hl);
	o->host[hl] = '\0';
	if (colon) {
		char *end;
		long port = strtol(colon + 1, &end, 10);
		if (end != p || port < 1 || port > 65535)
			return -1;
		o->port = (int)port;
	}
	if (snprintf(o->path, sizeof o->path, "%s%s", *p ? p : "/",
	    *p && p[strlen(p) - 1] == '/' ? "" : (*p ? "/" : "")) >= (int)sizeof o->path)
		return -1;
	return 0;
}

static int
seconds_arg(const char *name, const char *v, double min, double max, double *out)
{
	char *end;
	double n;

	errno = 0;
	n = strtod(v, &end);
	if (errno || *v == '\0' || *end != '\0' || !(n >= min && n <= max)) {
		fprintf(stderr, "evshare-sim: --%s wants seconds from %g to %g, not '%s'\n", name, min,
		    max, v);
		return -1;
	}
	*out = n;
	return 0;
}

static int
int_arg(const char *name, const char *v, int min, int max, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *v == '\0' || *end != '\0' || n < min || n > max) {
		fprintf(stderr, "evshare-sim: --%s wants a number from %d to %d, not '%s'\n", name, min,
		    max, v);
		return -1;
	}
	*out = (int)n;
	return 0;
}

static int
hash_password(const char *pw)
{
	char hash[SECRET_HASH_STR];

	if (secret_init() < 0 || secret_hash_password(pw, PW_MACHINE, hash) < 0) {
		fprintf(stderr, "evshare-sim: cannot hash the password\n");
		return 1;
	}
	printf("%s\n", hash);
	return 0;
}

static void
begin_stop(struct sim *sim)
{
	if (sim->stopping)
		return;
	sim->stopping = 1;
	stats_phase(&sim->st, PH_STOP, sim->o.stats ? stderr : NULL);
	sim->stop_deadline = sim->st.ph_t[PH_STOP] + (lws_usec_t)sim->o.drain * LWS_US_PER_SEC;
	lws_sul_cancel(&sim->sul_ramp);
	for (int i = 0; i < sim->opened; i++) {
		/* the run is over: meter values not sent yet are forgotten (never sent, never
		 * acknowledged), every session is stopped and that is reported */
		sim->st.meter_dropped += (uint64_t)cp_drop_queued(&sim->cps[i], A_METER);
		bh_stop_all(&sim->cps[i], "Local");
	}
	if (sim->o.stats)
		fprintf(stderr, "# stopping: ending every session, waiting up to %d s for answers\n",
		    sim->o.drain);
}

static void
ramp_cb(lws_sorted_usec_list_t *sul)
{
	struct sim *sim = lws_container_of(sul, struct sim, sul_ramp);
	int per_tick = sim->o.rate / (1000 / TICK_MS);
	lws_usec_t next = TICK_MS * LWS_US_PER_MS;

	if (per_tick < 1) {
		per_tick = 1;
		next = LWS_US_PER_SEC / sim->o.rate;
	}
	for (int n = 0; n < per_tick && sim->opened < sim->o.count; n++) {
		struct cp *cp = &sim->cps[sim->opened++];
		cp_connect_cb(&cp->sul_connect);
	}
	if (sim->opened < sim->o.count && !sim->stopping)
		lws_sul_schedule(sim->ctx, 0, &sim->sul_ramp, ramp_cb, next);
}

static void
wheel_cb(lws_sorted_usec_list_t *sul)
{
	struct sim *sim = lws_container_of(sul, struct sim, sul_wheel);

	tmr_run(sim);
	if (!sim->done)
		lws_sul_schedule(sim->ctx, 0, &sim->sul_wheel, wheel_cb, TMR_RES_US);
}

static void
end_cb(lws_sorted_usec_list_t *sul)
{
	begin_stop(lws_container_of(sul, struct sim, sul_end));
}

static int
busy(const struct cp *cp)
{
	for (int i = 1; i <= cp->nconn; i++)
		if (cp->c[i].in_session)
			return 1;
	return !cp_idle(cp);
}

static void
tick_cb(lws_sorted_usec_list_t *sul)
{
	struct sim *sim = lws_container_of(sul, struct sim, sul_tick);
	struct stats *st = &sim->st;
	lws_usec_t now = lws_now_usecs();
	FILE *progress = sim->o.stats ? stderr : NULL;
	int alive = 0;

	if (got_signal)
		begin_stop(sim);
	if (st->phase == PH_WARMUP && now - st->t_all_open >= (lws_usec_t)sim->o.warmup * LWS_US_PER_SEC)
		stats_phase(st, PH_STEADY, progress);
	if (now - st->ivl_t >= (lws_usec_t)sim->o.progress * LWS_US_PER_SEC)
		stats_interval(st, progress);
	for (int i = 0; i < sim->opened; i++) {
		struct cp *cp = &sim->cps[i];
		if (cp->reset_pending && !busy(cp)) {
			/* a Reset: reboot once every session has been stopped and reported */
			cp->reset_pending = 0;
			if (cp->conn == CP_OPEN)
				cp_close(cp, 1500);
		}
		if (sim->stopping) {
			if (cp->conn == CP_OPEN && !busy(cp))
				cp_close(cp, 0);
			if (cp->wsi || !cp_idle(cp))
				alive++;
		}
	}
	if (sim->stopping && (alive == 0 || now >= sim->stop_deadline)) {
		if (alive)
			fprintf(stderr, "evshare-sim: %d chargers still had something unanswered at the "
			    "end of the drain\n", alive);
		sim->done = 1;
		sim->st.t_end = now;
		return;
	}
	lws_sul_schedule(sim->ctx, 0, &sim->sul_tick, tick_cb, TICK_MS * LWS_US_PER_MS);
}

static int
raise_nofile(int need)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return -1;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur < (rlim_t)need) {
		fprintf(stderr, "evshare-sim: %d chargers need %d open files, the limit is %llu "
		    "(raise it with ulimit -n)\n", need - 64, need, (unsigned long long)rl.rlim_cur);
		return -1;
	}
	return 0;
}

/* what the usage text says when an option is not given */
static const struct sim_opts default_opts = {
	.prefix = "SIM-", .first = 1, .count = 1, .digits = 3, .connectors = 1,
	.meter_interval = 30, .session_s = 900, .idle_s = 120, .id_tag = "DEMO-TAG-1",
	.kwh_every = 4, .rate = 500, .drain = 30, .progress = 5, .call_timeout = 30,
	.reconnect_max = 60,
};

/* The command line over the defaults. -1: go on; otherwise the exit status (usage, --help,
 * --hash-password, a bad value). */
static int
parse_options(int argc, char **argv, struct sim_opts *o)
{
	static const struct option longopts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "count", required_argument, NULL, 'n' },
		{ "prefix", required_argument, NULL, 'P' },
		{ "first", required_argument, NULL, 'f' },
		{ "digits", required_argument, NULL, 'D' },
		{ "password", required_argument, NULL, 'p' },
		{ "connectors", required_argument, NULL, 'c' },
		{ "meter-interval", required_argument, NULL, 'm' },
		{ "heartbeat", required_argument, NULL, 'b' },
		{ "session", required_argument, NULL, 'S' },
		{ "idle", required_argument, NULL, 'I' },
		{ "id-tag", required_argument, NULL, 't' },
		{ "no-sessions", no_argument, NULL, 'N' },
		{ "kwh-every", required_argument, NULL, 'k' },
		{ "rate", required_argument, NULL, 'r' },
		{ "duration", required_argument, NULL, 'd' },
		{ "drain", required_argument, NULL, 'W' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "progress", required_argument, NULL, 'G' },
		{ "call-timeout", required_argument, NULL, 'T' },
		{ "reconnect-max", required_argument, NULL, 'R' },
		{ "insecure", no_argument, NULL, 'i' },
		{ "stats", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "hash-password", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		int bad = 0;
		switch (opt) {
		case 'u': o->url = optarg; break;
		case 'n': bad = int_arg("count", optarg, 1, 1000000, &o->count); break;
		case 'P': o->prefix = optarg; break;
		case 'f': bad = int_arg("first", optarg, 0, 99999999, &o->first); break;
		case 'D': bad = int_arg("digits", optarg, 1, 9, &o->digits); break;
		case 'p': o->password = optarg; break;
		case 'c': bad = int_arg("connectors", optarg, 1, SIM_MAX_CONNECTORS, &o->connectors); break;
		case 'm': bad = seconds_arg("meter-interval", optarg, 0.1, 86400, &o->meter_interval); break;
		case 'b': bad = int_arg("heartbeat", optarg, 0, 86400, &o->heartbeat); break;
		case 'S': bad = int_arg("session", optarg, 1, 86400 * 7, &o->session_s); break;
		case 'I': bad = int_arg("idle", optarg, 0, 86400 * 7, &o->idle_s); break;
		case 't': o->id_tag = optarg; break;
		case 'N': o->no_sessions = 1; break;
		case 'k': bad = int_arg("kwh-every", optarg, 0, 1000000, &o->kwh_every); break;
		case 'r': bad = int_arg("rate", optarg, 1, 1000000, &o->rate); break;
		case 'd': bad = int_arg("duration", optarg, 0, 86400 * 365, &o->duration); break;
		case 'W': bad = int_arg("drain", optarg, 1, 3600, &o->drain); break;
		case 'w': bad = int_arg("warmup", optarg, 0, 86400, &o->warmup); break;
		case 'G': bad = int_arg("progress", optarg, 1, 3600, &o->progress); break;
		case 'T': bad = int_arg("call-timeout", optarg, 1, 3600, &o->call_timeout); break;
		case 'R': bad = int_arg("reconnect-max", optarg, 1, 3600, &o->reconnect_max); break;
		case 'i': o->insecure = 1; break;
		case 's': o->stats = 1; break;
		case 'v': o->verbose = 1; break;
		case 'H': return hash_password(optarg);
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
		if (bad)
			return 2;
	}
	if (optind != argc || o->url == NULL) {
		usage(stderr);
		return 2;
	}
	return -1;
}

/* What a single option cannot check: the password's other source, the URL, the tag. 0, or -1
 * (said on stderr). */
static int
check_options(struct sim_opts *o)
{
	/* a password on the command line is there for every local user's ps to read: scripts
	 * (instance.sh's demo chargers) hand it over in the environment instead */
	if (o->password == NULL && (o->password = getenv("EVSHARE_SIM_PASSWORD")) != NULL &&
	    *o->password == '\0')
		o->password = NULL;
	if (parse_url(o) < 0) {
		fprintf(stderr, "evshare-sim: --url must look like ws://HOST[:PORT]/PATH, not '%s'\n",
		    o->url);
		return -1;
	}
	if (strlen(o->id_tag) < 1 || strlen(o->id_tag) > 20) {
		fprintf(stderr, "evshare-sim: --id-tag must have 1 to 20 characters\n");
		return -1;
	}
	return 0;
}

/* sim->cps: o->count chargers with their identities, each at the start of its behaviour. */
static int
make_chargers(struct sim *sim)
{
	const struct sim_opts *o = &sim->o;

	if ((sim->cps = calloc((size_t)o->count, sizeof *sim->cps)) == NULL) {
		fprintf(stderr, "evshare-sim: out of memory\n");
		return -1;
	}
	for (int i = 0; i < o->count; i++) {
		struct cp *cp = &sim->cps[i];
		int n = snprintf(cp->identity, sizeof cp->identity, "%s%0*d", o->prefix, o->digits,
		    o->first + i);
		if (n < 0 || (size_t)n >= sizeof cp->identity) {
			fprintf(stderr, "evshare-sim: identity '%s...' is longer than 48 characters\n",
			    o->prefix);
			return -1;
		}
		cp->sim = sim;
		cp->idx = i;
		bh_init(cp);
	}
	return 0;
}

/* The client context (sim->ctx) on a libev loop of its own (*loopp, also set when the context
 * then fails: the caller destroys both). 0 or -1 (said on stderr). */
static int
start_context(struct sim *sim, struct ev_loop **loopp)
{
	static const struct lws_protocols protocols[] = {
		{ "ocpp1.6", cp_lws_callback, 0, 4096, 0, NULL, 0 },
		{ NULL, NULL, 0, 0, 0, NULL, 0 }
	};
	struct lws_context_creation_info info;
	void *foreign[1];

	lws_set_log_level(sim->o.verbose ? LLL_ERR | LLL_WARN | LLL_NOTICE : LLL_ERR, NULL);
	memset(&info, 0, sizeof info);
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = protocols;
	info.gid = (gid_t)-1;
	info.uid = (uid_t)-1;
	info.timeout_secs = 20;
	if ((*loopp = ev_loop_new(EVBACKEND_EPOLL | EVFLAG_NOENV)) == NULL &&
	    (*loopp = ev_loop_new(EVFLAG_AUTO | EVFLAG_NOENV)) == NULL) {
		fprintf(stderr, "evshare-sim: libev: cannot create the event loop\n");
		return -1;
	}
	foreign[0] = *loopp;
	info.options = LWS_SERVER_OPTION_LIBEV;
	info.foreign_loops = foreign;
	if (sim->o.tls)
		info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	if ((sim->ctx = lws_create_context(&info)) == NULL) {
		fprintf(stderr, "evshare-sim: cannot create the libwebsockets context (its libev plugin, "
		    "package libwebsockets-evlib-ev, must be installed)\n");
		return -1;
	}
	return 0;
}

/* The ramp, the timer wheel, the tick and the end of the run, then the loop until done. */
static void
run(struct sim *sim, struct ev_loop *loop)
{
	const struct sim_opts *o = &sim->o;

	if (o->stats)
		fprintf(stderr, "# %d chargers %s%0*d.. -> %s, %d connections/s\n", o->count, o->prefix,
		    o->digits, o->first, o->url, o->rate);
	tmr_init(sim);
	lws_sul_schedule(sim->ctx, 0, &sim->sul_wheel, wheel_cb, TMR_RES_US);
	lws_sul_schedule(sim->ctx, 0, &sim->sul_ramp, ramp_cb, 1);
	lws_sul_schedule(sim->ctx, 0, &sim->sul_tick, tick_cb, TICK_MS * LWS_US_PER_MS);
	if (o->duration)
		lws_sul_schedule(sim->ctx, 0, &sim->sul_end, end_cb,
		    (lws_usec_t)o->duration * LWS_US_PER_SEC);
	/* lws_cancel_service() (a signal) wakes it up */
	while (!sim->done)
		ev_run(loop, EVRUN_ONCE);
}

/* Frees what main made, whatever of it was made. */
static void
teardown(struct sim *sim, struct ev_loop *loop)
{
	if (sim->cps) {
		for (int i = 0; i < sim->o.count; i++)
			cp_free(&sim->cps[i]);
	}
	if (sim->ctx) {
		lws_sul_cancel(&sim->sul_ramp);
		lws_sul_cancel(&sim->sul_end);
		lws_sul_cancel(&sim->sul_tick);
		lws_sul_cancel(&sim->sul_wheel);
		sim->done = 1;
		signal_ctx = NULL;
		lws_context_destroy(sim->ctx);
	}
	if (loop) {
		ev_run(loop, EVRUN_NOWAIT);
		ev_loop_destroy(loop);
	}
	if (sim->cps) {
		/* closing the connections may have left frames or buffers behind */
		for (int i = 0; i < sim->o.count; i++)
			cp_free(&sim->cps[i]);
	}
	free(sim->cps);
	free(sim->wbuf);
	stats_free(&sim->st);
}

int
main(int argc, char **argv)
{
	struct sim sim;
	struct ev_loop *loop = NULL;
	int rc;

	memset(&sim, 0, sizeof sim);
	sim.o = default_opts;
	if ((rc = parse_options(argc, argv, &sim.o)) >= 0)
		return rc;
	if (check_options(&sim.o) < 0)
		return 2;
	if (raise_nofile(sim.o.count + 64) < 0)
		return 1;
	rng_state = (uint64_t)time(NULL) * 0x9E3779B97F4A7C15ULL ^ (uint64_t)getpid();
	if (rng_state == 0)
		rng_state = 1;

	rc = 1;
	if (make_chargers(&sim) < 0 || start_context(&sim, &loop) < 0)
		goto out;
	signal_ctx = sim.ctx;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (stats_init(&sim.st) < 0) {
		fprintf(stderr, "evshare-sim: out of memory\n");
		goto out;
	}
	run(&sim, loop);
	rc = 0;
	if (sim.o.stats)
		stats_print(&sim, stdout);
out:
	teardown(&sim, loop);
	return rc;
}
