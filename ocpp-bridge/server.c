/* server.c - the libwebsockets side: vhosts (plain and TLS), the handshake (identity, HTTP
 * Basic password, throttle), the ocpp1.6 protocol callback, the periodic chores and the store's
 * hooks. Loop thread only. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <ev.h>

#include "bridge.h"
#include "config.h"
#include "log.h"
#include "secret.h"

struct bridge B;

/* The loop: libev on epoll. libwebsockets' own poll() loop costs O(connections) on every wakeup,
 * which at 10,000 chargers is most of the bridge's CPU. */
static struct ev_loop *loop;

#define CHORE_USEC(s) ((lws_usec_t)(s) * LWS_USEC_PER_SEC)

struct pss {
	struct session *s;
};

/* ---------------------------------------------------------------- the handshake */

/* The client's address: the peer's, or behind a trusted proxy (bridge_trusted_proxies) the
 * last X-Forwarded-For entry, which that proxy appended. A peer that is not a listed proxy
 * cannot choose the address it is known by (throttled and recorded as). */
static void
client_addr(struct lws *wsi, char *out, size_t n)
{
	char peer[ADDR_MAX + 8], xff[4096];
	int len = -1;

	lws_get_peer_simple(wsi, peer, sizeof peer);
	if (B.proxies.n && trusted_has(&B.proxies, peer))
		len = lws_hdr_copy(wsi, xff, sizeof xff, WSI_TOKEN_X_FORWARDED_FOR);
	client_address(&B.proxies, peer, len > 0 ? xff : NULL, out, n);
}

enum auth_result { AUTH_OK, AUTH_NOT_FOUND, AUTH_UNAUTHORIZED, AUTH_THROTTLED };

/* Checks the request's identity and credentials. count: failures count for the throttle and
 * are recorded (the first check of a request); *cpp set on AUTH_OK; *wait: on AUTH_THROTTLED,
 * the seconds until that throttle ends.
 *
 * Failures are counted per address and identity ("ADDR IDENTITY"; unknown identities share
 * "ADDR ?"), so that one charger's failures, or someone's guesses at it, never lock out the
 * other chargers behind the same address (NAT, a proxy we do not trust). Past the limit that
 * pair is refused (429) without looking at the password until its window ends, the right
 * password too: otherwise the throttle would only change the answer to a wrong guess while
 * the guessing went on at full speed. Retry-After says how long. */
static enum auth_result
authenticate(struct lws *wsi, int count, struct cp **cpp, char *addr, size_t addrlen, unsigned *wait)
{
	char uri[256], identity[IDENTITY_MAX + 1], hdr[512], user[128], pass[128], key[THROTTLE_KEY_MAX];
	time_t now = time(NULL);
	enum auth_result r = AUTH_OK;
	const char *why = "";
	struct cp *cp = NULL;

	*cpp = NULL;
	*wait = 0;
	client_addr(wsi, addr, addrlen);
	if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) <= 0 || path_identity(uri, identity) < 0) {
		r = AUTH_NOT_FOUND;
		why = "not an /ocpp/{identity} path";
		snprintf(identity, sizeof identity, "?");
	} else if ((cp = cp_by_identity(identity)) == NULL) {
		r = AUTH_NOT_FOUND;
		why = "unknown identity";
	}
	snprintf(key, sizeof key, "%s %s", addr, cp ? identity : "?");
	if (count && throttle_blocked(&B.throttle, key, now, B.auth_fail_limit)) {
		*wait = throttle_wait(&B.throttle, key, now);
		return AUTH_THROTTLED;
	}
	if (r != AUTH_OK) {
		/* no password to look at */
	} else if (lws_hdr_copy(wsi, hdr, sizeof hdr, WSI_TOKEN_HTTP_AUTHORIZATION) <= 0 ||
	    basic_auth_parse(hdr, user, sizeof user, pass, sizeof pass) < 0) {
		r = AUTH_UNAUTHORIZED;
		why = "no HTTP Basic credentials";
	} else if (strcmp(user, identity) != 0) {
		r = AUTH_UNAUTHORIZED;
		why = "the user name is not the identity";
	} else if (strlen(pass) < 16 || strlen(pass) > 40 || !secret_check_password(cp->hash, pass)) {
		r = AUTH_UNAUTHORIZED;
		why = "wrong password";
	}
	explicit_bzero(pass, sizeof pass);
	explicit_bzero(hdr, sizeof hdr);
	if (r != AUTH_OK && count) {
		unsigned fails = throttle_fail(&B.throttle, key, now);

		log_warn("handshake refused: identity=%s addr=%s: %s", identity, addr, why);
		if (r == AUTH_UNAUTHORIZED)
			security_event(cp ? cp->id : 0, identity, addr, "auth_failed", why);
		if (fails == B.auth_fail_limit)
			security_event(cp && r == AUTH_UNAUTHORIZED ? cp->id : 0, identity, addr, "auth_throttled",
			    cp && r == AUTH_UNAUTHORIZED ? "too many failed handshakes for this identity"
			                                 : "too many handshakes for unknown identities");
	}
	*cpp = r == AUTH_OK ? cp : NULL;
	return r;
}

/* lws_add_http_header_by_token with a string's own length */
static int
add_header(struct lws *wsi, enum lws_token_indexes token, const char *value, unsigned char **p,
           unsigned char *end)
{
	return lws_add_http_header_by_token(wsi, token, (const unsigned char *)value, (int)strlen(value), p, end);
}

/* Answers with a short text/plain page: an upgrade request refused (404, 401, 429: retry_after
 * is the Retry-After of a 429, s), or a plain HTTP request (/health, a 404). Returns what
 * CONFIRM_UPGRADE must return (1), or -1 when it could not be written. */
static int
http_reply(struct lws *wsi, unsigned code, const char *text, unsigned retry_after)
{
	unsigned char buf[LWS_PRE + 1024], *start = buf + LWS_PRE, *p = start, *end = buf + sizeof buf - 1;
	char num[24];
	size_t tl = strlen(text);

	if (lws_add_http_header_status(wsi, code, &p, end))
		return -1;
	if (code == 401 && add_header(wsi, WSI_TOKEN_HTTP_WWW_AUTHENTICATE, "Basic realm=\"evshare OCPP\"", &p, end))
		return -1;
	snprintf(num, sizeof num, "%u", retry_after ? retry_after : 60);
	if (code == 429 && add_header(wsi, WSI_TOKEN_HTTP_RETRY_AFTER, num, &p, end))
		return -1;
	if (add_header(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, "text/plain", &p, end))
		return -1;
	snprintf(num, sizeof num, "%zu", tl);
	if (add_header(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH, num, &p, end))
		return -1;
	if (add_header(wsi, WSI_TOKEN_CONNECTION, "close", &p, end))
		return -1;
	if (lws_finalize_http_header(wsi, &p, end) || p + tl >= end)
		return -1;
	memcpy(p, text, tl);
	p += tl;
	if (lws_write(wsi, start, (size_t)(p - start), LWS_WRITE_HTTP) != (int)(p - start))
		return -1;
	return 1;
}

/* ---------------------------------------------------------------- protocol callbacks */

/* protocols[0]: plain HTTP, the upgrade check, and websockets that agreed no subprotocol. */
static int
cb_http(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	char addr[ADDR_MAX];
	unsigned wait;
	struct cp *cp;

	(void)user;
	(void)len;
	switch (reason) {
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		if (in == NULL || strcasecmp((const char *)in, "websocket") != 0)
			return -1;
		switch (authenticate(wsi, 1, &cp, addr, sizeof addr, &wait)) {
		case AUTH_OK:
			return 0;
		case AUTH_NOT_FOUND:
			return http_reply(wsi, 404, "unknown charge point\n", 0);
		case AUTH_UNAUTHORIZED:
			return http_reply(wsi, 401, "wrong or missing credentials\n", 0);
		case AUTH_THROTTLED: {
			char text[100];

			snprintf(text, sizeof text, "too many failed attempts, try again in %u s\n", wait);
			return http_reply(wsi, 429, text, wait);
		}
		default:
			return -1;
		}
	case LWS_CALLBACK_HTTP: {
		const char *path = in ? (const char *)in : "";

		if (strcmp(path, "/health") == 0 || strcmp(path, "/ocpp-health") == 0) {
			char body[160];

			snprintf(body, sizeof body, "ocpp-bridge %s: %d connections, database %s\n",
			    B.node, B.nsessions, store_db_up() ? "up" : "down");
			if (http_reply(wsi, store_db_up() ? 200 : 503, body, 0) < 0)
				return -1;
		} else if (http_reply(wsi, 404, "OCPP 1.6J: connect a websocket to /ocpp/{identity}\n", 0) < 0) {
			return -1;
		}
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	}
	case LWS_CALLBACK_ESTABLISHED:
		/* a websocket that offered no subprotocol: OCPP-J says complete it and close */
		log_info("websocket without the ocpp1.6 subprotocol: closed");
		{
			static const char reason_text[] = "subprotocol ocpp1.6 required";

			lws_close_reason(wsi, LWS_CLOSE_STATUS_PROTOCOL_ERR, (unsigned char *)reason_text,
			    sizeof reason_text - 1);
		}
		return -1;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		store_drain();
		return 0;
	default:
		return lws_callback_http_dummy(wsi, reason, user, in, len);
	}
}

static int
cb_ocpp(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	struct pss *pss = user;
	struct session *s = pss ? pss->s : NULL;
	char addr[ADDR_MAX];
	unsigned wait;
	struct cp *cp;

	switch (reason) {
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		/* checked again (cheaply) in case this path skipped CONFIRM_UPGRADE */
		if (authenticate(wsi, 0, &cp, addr, sizeof addr, &wait) != AUTH_OK || B.stopping)
			return 1;
		if ((pss->s = session_new(wsi, cp, addr)) == NULL)
			return 1;
		return 0;
	case LWS_CALLBACK_ESTABLISHED:
		if (s)
			probe_start(s);         /* live at once, or after the duplicate probe */
		return 0;
	case LWS_CALLBACK_RECEIVE:
		if (s)
			session_receive(s, in, len, lws_is_final_fragment(wsi) &&
			    lws_remaining_packet_payload(wsi) == 0, lws_frame_is_binary(wsi));
		return 0;
	case LWS_CALLBACK_RECEIVE_PONG:
		if (s)
			session_pong(s);
		return 0;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return s ? session_writeable(s) : 0;
	case LWS_CALLBACK_CLOSED:
		if (s) {
			pss->s = NULL;
			session_closed(s);
		}
		return 0;
	default:
		return 0;
	}
}

static const struct lws_protocols protocols[] = {
	{ "http", cb_http, 0, 0, 0, NULL, 0 },
	{ "ocpp1.6", cb_ocpp, sizeof(struct pss), 4096, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

/* ---------------------------------------------------------------- chores */

static lws_sorted_usec_list_t sul_node, sul_sweep, sul_claim, sul_resync, sul_stats, sul_alive;
static int chore_period;

static void
node_alive(int start)
{
	struct job *j = job_new(Q_NODE_ALIVE, NULL);

	if (j) {
		job_param(j, B.node);
		job_param(j, EVSHARE_VERSION);
		job_param(j, start ? "true" : "false");
		store_submit(j, 0);
	}
}

static void
chore_node(lws_sorted_usec_list_t *sul)
{
	node_alive(0);
	lws_sul_schedule(B.ctx, 0, sul, chore_node, CHORE_USEC(10));
}

static void
sweep_done(struct job *j)
{
	if (j->ok && j->res && PQntuples(j->res) == 1 && atoi(PQgetvalue(j->res, 0, 0)) > 0)
		log_info("%s charger(s) silent for %d s: marked offline", PQgetvalue(j->res, 0, 0),
		    B.offline_after);
}

/* every chore_period: the offline sweep */
static void
chore_sweep(lws_sorted_usec_list_t *sul)
{
	struct job *j;

	if ((j = job_new(Q_SWEEP, sweep_done)) != NULL) {
		job_paramf(j, "%d", B.offline_after);
		store_submit(j, 0);
	}
	lws_sul_schedule(B.ctx, 0, sul, chore_sweep, CHORE_USEC(chore_period));
}

/* Every second: last_seen_at of the chargers that said something (a frame or a pong) and
 * whose row was last written chore_period ago or more. Spread over the seconds as the
 * connections are, not one big update every period; one statement per worker, each with the
 * chargers that worker serves, so that a charger's row is only ever written from one worker
 * (no lock waits between them). */
static void
touch_sessions(time_t now)
{
	enum { MAXW = 16 };
	struct buf ids[MAXW];
	int n[MAXW] = { 0 }, nw = B.db_workers < MAXW ? B.db_workers : MAXW;
	struct job *j;

	memset(ids, 0, sizeof ids);
	for (struct session *s = all_sessions; s; s = s->next_all)
		if (s->active && s->touched && now - s->db_seen >= chore_period) {
			int w = (int)((uint64_t)s->cp_id % (uint64_t)nw);

			s->touched = 0;
			s->db_seen = now;
			buf_adds(&ids[w], n[w]++ ? "," : "{");
			buf_add_int(&ids[w], s->cp_id);
		}
	for (int w = 0; w < nw; w++) {
		if (n[w] && buf_adds(&ids[w], "}") == 0 && (j = job_new(Q_TOUCH, NULL)) != NULL) {
			job_param(j, ids[w].s);
			store_submit(j, (uint64_t)w);
		}
		buf_free(&ids[w]);
	}
}

static void
chore_alive(lws_sorted_usec_list_t *sul)
{
	time_t now = time(NULL);

	sessions_keepalive(now);
	touch_sessions(now);
	lws_sul_schedule(B.ctx, 0, sul, chore_alive, CHORE_USEC(1));
}

static void
chore_claim(lws_sorted_usec_list_t *sul)
{
	/* the fallback for a NOTIFY that never came */
	commands_claim();
	lws_sul_schedule(B.ctx, 0, sul, chore_claim, CHORE_USEC(5));
}

static void
chore_stats(lws_sorted_usec_list_t *sul)
{
	static unsigned long long last_in;
	unsigned long long *h = B.lat_hist;

	if (B.calls_in != last_in)
		log_info("stats: %d connections, %llu calls in (%llu new), %llu results, %llu errors; "
		    "answer times <5ms %llu, <10 %llu, <20 %llu, <50 %llu, <100 %llu, <200 %llu, <500 %llu, "
		    "more %llu, max %.0f ms", B.nsessions, B.calls_in, B.calls_in - last_in, B.results_out,
		    B.errors_out, h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], B.lat_max_ms);
	last_in = B.calls_in;
	memset(B.lat_hist, 0, sizeof B.lat_hist);
	B.lat_max_ms = 0;
	lws_sul_schedule(B.ctx, 0, sul, chore_stats, CHORE_USEC(B.stats_period));
}

/* after the database came back: registry rows and the node row again */
static void
resync(lws_sorted_usec_list_t *sul)
{
	(void)sul;
	node_alive(0);
	for (struct session *s = all_sessions; s; s = s->next_all)
		if (s->active && !s->closed)
			session_register(s);
}

/* ---------------------------------------------------------------- store hooks */

static void
close_sessions_of(struct cp *cp, const char *why)
{
	if (cp->active)
		session_close(cp->active, LWS_CLOSE_STATUS_POLICY_VIOLATION, why);
	if (cp->probe)
		session_close(cp->probe, LWS_CLOSE_STATUS_POLICY_VIOLATION, why);
}

static void
cp_one_done(struct job *j)
{
	struct cp *cp;

	if (!j->ok || j->res == NULL)
		return;
	if (PQntuples(j->res) == 0) {
		if ((cp = cp_delete(j->n)) != NULL) {
			log_info("charge point %lld (%s) removed", j->n, cp->identity);
			close_sessions_of(cp, "charge point removed");
		}
		return;
	}
	cp = cp_by_id(j->n);
	int changed = cp && !cp->deleted && (strcmp(cp->hash, PQgetvalue(j->res, 0, 2)) != 0 ||
	    strcmp(cp->identity, PQgetvalue(j->res, 0, 1)) != 0);
	if (changed)
		close_sessions_of(cp, "credentials changed");
	cp_upsert(j->n, PQgetvalue(j->res, 0, 1), PQgetvalue(j->res, 0, 2), PQgetvalue(j->res, 0, 3));
}

static void
cp_all_done(struct job *j)
{
	if (!j->ok || j->res == NULL) {
		log_warn("loading charge points: %s", j->err);
		return;
	}
	cp_mark_all();
	for (int i = 0; i < PQntuples(j->res); i++) {
		struct cp *old = cp_by_id(atoll(PQgetvalue(j->res, i, 0)));

		/* keep the boot state we know better (it changed since the row was read) */
		const char *bs = old && !old->deleted ? old->boot_state : PQgetvalue(j->res, i, 3);
		char keep[12];

		snprintf(keep, sizeof keep, "%s", bs);
		cp_upsert(atoll(PQgetvalue(j->res, i, 0)), PQgetvalue(j->res, i, 1),
		    PQgetvalue(j->res, i, 2), keep);
	}
	cp_sweep_unmarked();
	log_info("%zu charge points known", cp_count());
}

static void
load_all(void)
{
	struct job *j = job_new(Q_CP_ALL, cp_all_done);

	if (j)
		store_submit(j, 0);
}

static void
on_notify(const char *channel, const char *payload)
{
	if (strcmp(channel, "ocpp_commands") == 0) {
		commands_claim();
	} else if (strcmp(channel, "ocpp_charge_points") == 0) {
		long long id = atoll(payload);
		struct job *j;

		if (id > 0 && (j = job_new(Q_CP_ONE, cp_one_done)) != NULL) {
			j->n = id;
			job_paramf(j, "%lld", id);
			store_submit(j, 0);
		}
	} else if (strcmp(channel, "ocpp_probe") == 0 || strcmp(channel, "ocpp_takeover") == 0) {
		/* "CP NODE": only the named node acts */
		const char *node = strchr(payload, ' ');
		long long id = atoll(payload);

		if (id <= 0 || node == NULL || strcmp(node + 1, B.node) != 0)
			return;
		if (strcmp(channel, "ocpp_probe") == 0)
			probe_asked(id);
		else
			probe_taken_over(id);
	}
}

static void
on_listening(void)
{
	/* notifications may have been missed while not listening */
	load_all();
	commands_claim();
}

static void
on_db_up(int up)
{
	if (!up) {
		log_warn("the database went away: not acknowledging what cannot be stored");
		return;
	}
	lws_sul_schedule(B.ctx, 0, &sul_resync, resync, 500 * LWS_US_PER_MS);
}

/* ---------------------------------------------------------------- start and stop */

/* B.ctx on our libev loop, with no vhost yet. 0, or -1 with err. */
static int
create_context(int tls, char *err, size_t errlen)
{
	struct lws_context_creation_info info;
	void *foreign[1];

	if ((loop = ev_loop_new(EVBACKEND_EPOLL | EVFLAG_NOENV)) == NULL &&
	    (loop = ev_loop_new(EVFLAG_AUTO | EVFLAG_NOENV)) == NULL) {
		snprintf(err, errlen, "libev: cannot create the event loop");
		return -1;
	}
	foreign[0] = loop;
	memset(&info, 0, sizeof info);
	info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS | LWS_SERVER_OPTION_DISABLE_IPV6 |
	    LWS_SERVER_OPTION_LIBEV;
	info.foreign_loops = foreign;
	if (tls)
		info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	info.max_http_header_data = 4096;
	info.count_threads = 1;
	info.fd_limit_per_thread = 0;
	B.ctx = lws_create_context(&info);
	if (B.ctx == NULL) {
		snprintf(err, errlen, "libwebsockets: cannot create the context (its libev plugin, "
		    "package libwebsockets-evlib-ev, must be installed)");
		return -1;
	}
	return 0;
}

/* The listening vhosts: ws:// on bridge_host:bridge_port, and wss:// on bridge_tls_port when it
 * is set (then with bridge_tls_cert and bridge_tls_key). 0, or -1 with err. */
static int
create_vhosts(const char *cert, const char *key, int tls_port, char *err, size_t errlen)
{
	struct lws_context_creation_info info;

	memset(&info, 0, sizeof info);
	info.vhost_name = "ocpp";
	info.iface = config_str("bridge_host");
	info.port = (int)config_int("bridge_port");
	info.protocols = protocols;
	/* keepalive pings are ours (sessions_keepalive): a pong is news of the charger, which
	 * libwebsockets' own empty pings would not tell us */
	info.options = LWS_SERVER_OPTION_DISABLE_IPV6;
	info.timeout_secs = 20;
	if (*info.iface == '\0' || strcmp(info.iface, "*") == 0)
		info.iface = NULL;
	if (lws_create_vhost(B.ctx, &info) == NULL) {
		snprintf(err, errlen, "cannot listen on %s:%d", config_str("bridge_host"), info.port);
		return -1;
	}
	log_info("listening on ws://%s:%d/ocpp/{identity}", config_str("bridge_host"), info.port);
	if (!tls_port)
		return 0;
	if (!*cert || !*key) {
		snprintf(err, errlen, "bridge_tls_port is set but bridge_tls_cert or bridge_tls_key is not");
		return -1;
	}
	info.vhost_name = "ocpp-tls";
	info.port = tls_port;
	info.ssl_cert_filepath = cert;
	info.ssl_private_key_filepath = key;
	info.alpn = "http/1.1";
	info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	if (lws_create_vhost(B.ctx, &info) == NULL) {
		snprintf(err, errlen, "cannot listen with TLS on port %d (certificate %s)", tls_port, cert);
		return -1;
	}
	log_info("listening on wss://%s:%d/ocpp/{identity} (security profile 2)",
	    config_str("bridge_host"), tls_port);
	return 0;
}

/* The keepalive limits and the chores' periods, from B.offline_after; the chores begin. */
static void
schedule_chores(void)
{
	/* a charger that only answers pings stays online: it is pinged well within the limit */
	B.ping_after = B.offline_after / 4;
	if (B.ping_after > 60)
		B.ping_after = 60;
	if (B.ping_after < 2)
		B.ping_after = 2;
	B.hangup_after = 3 * B.ping_after;
	chore_period = B.offline_after / 4;
	if (chore_period > 30)
		chore_period = 30;
	if (chore_period < 2)
		chore_period = 2;
	lws_sul_schedule(B.ctx, 0, &sul_node, chore_node, CHORE_USEC(10));
	lws_sul_schedule(B.ctx, 0, &sul_sweep, chore_sweep, CHORE_USEC(chore_period));
	lws_sul_schedule(B.ctx, 0, &sul_claim, chore_claim, CHORE_USEC(5));
	lws_sul_schedule(B.ctx, 0, &sul_alive, chore_alive, CHORE_USEC(1));
	lws_sul_schedule(B.ctx, 0, &sul_stats, chore_stats, CHORE_USEC(B.stats_period));
}

int
server_start(int nworkers, char *err, size_t errlen)
{
	struct store_hooks hooks = { on_notify, on_listening, on_db_up, session_unref };
	const char *cert = config_str("bridge_tls_cert"), *key = config_str("bridge_tls_key");
	int tls_port = (int)config_int("bridge_tls_port");

	if (create_context(tls_port && *cert && *key, err, errlen) < 0)
		return -1;
	B.db_workers = nworkers;
	if (store_start(B.ctx, nworkers, &hooks, err, errlen) < 0)
		return -1;
	if (create_vhosts(cert, key, tls_port, err, errlen) < 0)
		return -1;
	schedule_chores();
	return 0;
}

void
server_run(void)
{
	/* lws_cancel_service() (a signal, a worker) wakes it up */
	while (!B.stopping)
		ev_run(loop, EVRUN_ONCE);
}

void
server_stop(void)
{
	struct job *j;

	log_info("stopping: %d connections", B.nsessions);
	/* our registry rows go and unanswered commands end, then the queue is written out */
	if ((j = job_new(Q_NODE_STOP, NULL)) != NULL) {
		job_param(j, B.node);
		store_submit(j, 0);
	}
	store_stop();
	lws_context_destroy(B.ctx);
	B.ctx = NULL;
	ev_run(loop, EVRUN_NOWAIT);
	ev_loop_destroy(loop);
	loop = NULL;
	cp_free_all();
	throttle_free(&B.throttle);
}
