/* cp.c - one simulated charger's connection: handshake with HTTP Basic auth, frames in and out,
 * the CALL queue (one outstanding per direction) and reconnects with capped, jittered back-off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define BACKOFF_FIRST_MS 1000

static void
oom(void)
{
	fprintf(stderr, "evshare-sim: out of memory\n");
	exit(1);
}

/* Room for a frame of len bytes in the simulator's scratch buffer, after LWS_PRE bytes of
 * headroom (lws_write puts the header there and masks the frame in place, so a frame is built
 * afresh for every send). */
static unsigned char *
wbuf(struct sim *sim, size_t len)
{
	if (LWS_PRE + len > sim->wcap) {
		size_t cap = sim->wcap ? sim->wcap : 4096;
		unsigned char *nb;

		while (cap < LWS_PRE + len)
			cap *= 2;
		if ((nb = realloc(sim->wbuf, cap)) == NULL)
			oom();
		sim->wbuf = nb;
		sim->wcap = cap;
	}
	return sim->wbuf + LWS_PRE;
}

/* Keeps a copy of the frame to write when the connection is WRITEABLE. */
static void
frame_push(struct cp *cp, const unsigned char *p, size_t len)
{
	struct frame *f = malloc(sizeof *f + LWS_PRE + len);

	if (f == NULL)
		oom();
	f->len = len;
	memcpy(f->buf + LWS_PRE, p, len);
	f->next = NULL;
	if (cp->ftail)
		cp->ftail->next = f;
	else
		cp->fhead = f;
	cp->ftail = f;
	lws_callback_on_writable(cp->wsi);
}

/* Sends the frame at p (len bytes, in wbuf). It is written at once when nothing is waiting for
 * this connection: queueing it for lws_callback_on_writable cost two epoll_ctl calls and a pass
 * of the loop per frame, the simulator's biggest cost. What the socket does not take, lws keeps
 * and sends when it can; while it holds some, our frames wait in cp's queue instead, because
 * lws 4.1 takes a write made behind its own buffer for the rest of the frame before it and
 * leaves the next one without a header. A frame for a connection that is gone is dropped: what
 * must go out again is a CALL, and lost() keeps that. */
static void
send_frame(struct cp *cp, unsigned char *p, size_t len)
{
	if (cp->wsi == NULL || (cp->conn != CP_OPEN && cp->conn != CP_CLOSING))
		return;
	if (cp->sim->o.verbose)
		fprintf(stderr, "%s > %.*s\n", cp->identity, (int)len, (const char *)p);
	if (cp->fhead || lws_partial_buffered(cp->wsi)) {
		frame_push(cp, p, len);
		return;
	}
	/* (outside WRITEABLE a failure cannot be returned: the connection is closed from the loop) */
	if (lws_write(cp->wsi, p, len, LWS_WRITE_TEXT) < 0)
		lws_set_timeout(cp->wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
}

static void
frames_drop(struct cp *cp)
{
	struct frame *f, *n;

	for (f = cp->fhead; f; f = n) {
		n = f->next;
		free(f);
	}
	cp->fhead = cp->ftail = NULL;
}

static void
new_uid(struct cp *cp, char out[SIM_UID_LEN + 1])
{
	/* unique per charger and run: a random run prefix would do as well; chargers use anything */
	uid_text(out, sim_rand(), (uint32_t)cp->idx, ++cp->uid_seq);
}

static void timeout_cb(struct tmr *sul);

/* Sends the next queued CALL when none is outstanding. BootNotification goes first on a fresh
 * connection; nothing else goes before the boot is accepted. */
static void
pump(struct cp *cp)
{
	struct call *c, **pp;
	const char *action;
	size_t ulen, alen, len;
	unsigned char *p, *q;

	if (cp->conn != CP_OPEN || cp->outstanding || cp->hold)
		return;
	for (pp = &cp->qhead; (c = *pp) != NULL; pp = &c->next)
		if (cp->booted || c->act == A_BOOT)
			break;
	if (c == NULL)
		return;
	*pp = c->next;
	cp->qlen--;
	if (cp->qtail == c) {
		struct call *t = cp->qhead;
		while (t && t->next)
			t = t->next;
		cp->qtail = t;
	}
	c->next = NULL;
	if (c->attempts > 0)
		cp->sim->st.resends++;
	c->attempts++;
	/* [2,"<uid>","<action>",<payload>] (the unique id and the action name need no escaping) */
	action = act_names[c->act];
	ulen = strlen(c->uid);
	alen = strlen(action);
	len = 4 + ulen + 3 + alen + 2 + c->plen + 1;
	q = p = wbuf(cp->sim, len);
	memcpy(q, "[2,\"", 4);
	memcpy(q += 4, c->uid, ulen);
	memcpy(q += ulen, "\",\"", 3);
	memcpy(q += 3, action, alen);
	memcpy(q += alen, "\",", 2);
	memcpy(q += 2, c->payload, c->plen);
	q[c->plen] = ']';
	cp->outstanding = c;
	/* the latency counts from here: the moment the charger wants to send */
	c->sent_us = lws_now_usecs();
	cp->sim->st.calls_sent++;
	send_frame(cp, p, len);
	tmr_schedule(cp->sim, &cp->sul_timeout, timeout_cb,
	    (lws_usec_t)cp->sim->o.call_timeout * LWS_US_PER_SEC);
}

struct call *
cp_call(struct cp *cp, enum act act, json_t *payload, int connector, int sampled)
{
	char *text = payload ? json_dumps(payload, JSON_COMPACT) : NULL;
	struct call *c;

	json_decref(payload);
	if (text == NULL)
		oom();
	c = cp_call_text(cp, act, text, strlen(text), connector, sampled);
	free(text);
	return c;
}

struct call *
cp_call_text(struct cp *cp, enum act act, const char *payload, size_t len, int connector,
    int sampled)
{
	struct call *c = malloc(sizeof *c + len);

	if (c == NULL)
		oom();
	memset(c, 0, sizeof *c);
	memcpy(c->payload, payload, len);
	c->plen = len;
	c->act = act;
	c->connector = connector;
	c->sampled = sampled;
	new_uid(cp, c->uid);
	if (cp->qtail)
		cp->qtail->next = c;
	else
		cp->qhead = c;
	cp->qtail = c;
	cp->qlen++;
	pump(cp);
	return c;
}

/* Puts a call back at the head of the queue (to be sent again, same unique id). */
static void
requeue_front(struct cp *cp, struct call *c)
{
	c->next = cp->qhead;
	cp->qhead = c;
	if (cp->qtail == NULL)
		cp->qtail = c;
	cp->qlen++;
}

static void
retry_cb(struct tmr *sul)
{
	struct cp *cp = lws_container_of(sul, struct cp, sul_retry);

	cp->hold = 0;
	pump(cp);
}

void
cp_answer(struct cp *cp, const char *uid, json_t *payload, const char *err, const char *desc)
{
	json_t *frame;
	char *text;
	size_t len;

	if (err)
		frame = json_pack("[i s s s {}]", 4, uid, err, desc ? desc : "");
	else
		frame = json_pack("[i s o]", 3, uid, payload);
	text = frame ? json_dumps(frame, JSON_COMPACT) : NULL;
	json_decref(frame);
	if (text == NULL)
		oom();
	len = strlen(text);
	memcpy(wbuf(cp->sim, len), text, len);
	free(text);
	send_frame(cp, wbuf(cp->sim, len), len);
}

int
cp_drop_queued(struct cp *cp, enum act act)
{
	struct call **pp = &cp->qhead, *c;
	int n = 0;

	while ((c = *pp) != NULL) {
		if (c->act == act) {
			*pp = c->next;
			free(c);
			cp->qlen--;
			n++;
		} else {
			pp = &c->next;
		}
	}
	cp->qtail = NULL;
	for (c = cp->qhead; c; c = c->next)
		cp->qtail = c;
	return n;
}

int
cp_idle(const struct cp *cp)
{
	return cp->outstanding == NULL && cp->qhead == NULL;
}

void
cp_close(struct cp *cp, unsigned reconnect_ms)
{
	cp->backoff_ms = reconnect_ms;
	if (cp->wsi && cp->conn == CP_OPEN) {
		/* what is already framed (e.g. the answer to a Reset) is written first */
		cp->conn = CP_CLOSING;
		lws_callback_on_writable(cp->wsi);
		lws_set_timeout(cp->wsi, PENDING_TIMEOUT_CLOSE_SEND, 5);
	} else if (cp->wsi && cp->conn == CP_CONNECTING) {
		cp->conn = CP_CLOSING;
		lws_set_timeout(cp->wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
	}
}

static void
timeout_cb(struct tmr *sul)
{
	struct cp *cp = lws_container_of(sul, struct cp, sul_timeout);

	if (cp->outstanding == NULL)
		return;
	cp->sim->st.timeouts++;
	fprintf(stderr, "evshare-sim: %s: no answer to %s %s in %d s, reconnecting\n", cp->identity,
	    act_names[cp->outstanding->act], cp->outstanding->uid, cp->sim->o.call_timeout);
	/* a charger that hears nothing drops the connection; the call is sent again after */
	cp_close(cp, BACKOFF_FIRST_MS);
}

/* (Re)connect: scheduled by the ramp and after a disconnect. */
void
cp_connect_cb(struct tmr *sul)
{
	struct cp *cp = lws_container_of(sul, struct cp, sul_connect);
	struct sim *sim = cp->sim;
	struct lws_client_connect_info ci;
	char path[600];

	if (sim->done || cp->wsi || (sim->stopping && cp_idle(cp)))
		return;
	snprintf(path, sizeof path, "%s%s", sim->o.path, cp->identity);
	memset(&ci, 0, sizeof ci);
	ci.context = sim->ctx;
	ci.address = sim->o.host;
	ci.port = sim->o.port;
	ci.path = path;
	ci.host = sim->o.host;
	ci.origin = sim->o.host;
	ci.protocol = "ocpp1.6";
	ci.userdata = cp;
	ci.pwsi = &cp->wsi;
	if (sim->o.tls)
		ci.ssl_connection = LCCSCF_USE_SSL | (sim->o.insecure ?
		    LCCSCF_ALLOW_SELFSIGNED | LCCSCF_SKIP_SERVER_CERT_HOSTNAME_CHECK : 0);
	cp->conn = CP_CONNECTING;
	if (lws_client_connect_via_info(&ci) == NULL) {
		/* the failure callback may already have rescheduled us */
		cp->wsi = NULL;
		if (cp->conn == CP_CONNECTING) {
			cp->conn = CP_IDLE;
			sim->st.connect_errors++;
			tmr_schedule(sim, &cp->sul_connect, cp_connect_cb,
			    (lws_usec_t)BACKOFF_FIRST_MS * LWS_US_PER_MS);
		}
	}
}

/* After a connection ends or fails: resend later what got no answer, back off, reconnect. */
static void
lost(struct cp *cp, int was_open)
{
	struct sim *sim = cp->sim;
	unsigned delay, cap = (unsigned)sim->o.reconnect_max * 1000;

	cp->wsi = NULL;
	cp->conn = CP_IDLE;
	cp->booted = 0;
	cp->boot_sent = 0;
	tmr_cancel(&cp->sul_timeout);
	tmr_cancel(&cp->sul_retry);
	cp->hold = 0;
	if (cp->outstanding) {
		/* no answer: the same CALL goes out again on the next connection */
		requeue_front(cp, cp->outstanding);
		cp->outstanding = NULL;
	}
	{
		/* a BootNotification from the old connection is made afresh on the new one */
		struct call **pp = &cp->qhead, *c;
		while ((c = *pp) != NULL) {
			if (c->act == A_BOOT) {
				*pp = c->next;
				cp->qlen--;
				free(c);
			} else {
				pp = &c->next;
			}
		}
		cp->qtail = NULL;
		for (c = cp->qhead; c; c = c->next)
			cp->qtail = c;
	}
	frames_drop(cp);
	free(cp->rx);
	cp->rx = NULL;
	cp->rxlen = cp->rxcap = 0;
	if (was_open) {
		sim->st.disconnects++;
		sim->st.open_now--;
	}
	bh_on_close(cp);
	/* while the run ends, only a charger with something left to deliver comes back */
	if (sim->done || (sim->stopping && cp_idle(cp)))
		return;
	/* exponential back-off with jitter: wait between half and all of the current step */
	if (cp->backoff_ms == 0)
		cp->backoff_ms = BACKOFF_FIRST_MS;
	delay = cp->backoff_ms / 2 + sim_rand() % (cp->backoff_ms / 2 + 1);
	cp->backoff_ms = cp->backoff_ms * 2 > cap ? cap : cp->backoff_ms * 2;
	tmr_schedule(sim, &cp->sul_connect, cp_connect_cb,
	    (lws_usec_t)delay * LWS_US_PER_MS);
}

/* The CALLRESULT of our outstanding call c (payload: its object). */
static void
on_result(struct cp *cp, struct call *c, json_t *payload)
{
	struct sim *sim = cp->sim;

	cp->outstanding = NULL;
	tmr_cancel(&cp->sul_timeout);
	sim->st.callresults_ok++;
	sim->st.acked[c->act]++;
	stats_latency(&sim->st, lws_now_usecs() - c->sent_us);
	bh_on_result(cp, c, payload);
	free(c);
	pump(cp);
}

/* 1 if the frame is [3,"<c's unique id>",{}]: the answer to most of what we send, read here
 * without parsing it into JSON objects. */
static int
empty_result(const char *text, size_t len, const struct call *c)
{
	size_t n = strlen(c->uid);

	return len == n + 9 && memcmp(text, "[3,\"", 4) == 0 && memcmp(text + 4, c->uid, n) == 0 &&
	    memcmp(text + 4 + n, "\",{}]", 5) == 0;
}

static void
on_frame(struct cp *cp, const char *text, size_t len)
{
	struct sim *sim = cp->sim;
	json_error_t jerr;
	json_t *msg;
	json_int_t type;
	const char *uid;

	if (sim->o.verbose)
		fprintf(stderr, "%s < %.*s\n", cp->identity, (int)len, text);
	if (cp->outstanding && empty_result(text, len, cp->outstanding)) {
		/* (an empty payload reads as NULL does: no member) */
		on_result(cp, cp->outstanding, NULL);
		return;
	}
	msg = json_loadb(text, len, 0, &jerr);
	if (!json_is_array(msg) || json_array_size(msg) < 3 ||
	    !json_is_integer(json_array_get(msg, 0)) || !json_is_string(json_array_get(msg, 1))) {
		fprintf(stderr, "evshare-sim: %s: bad frame from the server: %.*s\n", cp->identity,
		    (int)(len > 200 ? 200 : len), text);
		json_decref(msg);
		return;
	}
	type = json_integer_value(json_array_get(msg, 0));
	uid = json_string_value(json_array_get(msg, 1));
	if (type == 2) {
		const char *action = json_string_value(json_array_get(msg, 2));
		json_t *payload = json_array_get(msg, 3);
		sim->st.server_calls++;
		if (action == NULL || !json_is_object(payload))
			cp_answer(cp, uid, NULL, "FormationViolation", "CALL is [2, id, action, {}]");
		else
			bh_on_server_call(cp, uid, action, payload);
	} else if (type == 3 || type == 4) {
		struct call *c = cp->outstanding;
		if (c == NULL || strcmp(c->uid, uid) != 0) {
			fprintf(stderr, "evshare-sim: %s: answer to a call we are not waiting for: %s\n",
			    cp->identity, uid);
			json_decref(msg);
			return;
		}
		if (type == 3) {
			on_result(cp, c, json_is_object(json_array_get(msg, 2)) ? json_array_get(msg, 2) : NULL);
		} else {
			const char *code = json_string_value(json_array_get(msg, 2));

			cp->outstanding = NULL;
			tmr_cancel(&cp->sul_timeout);
			sim->st.callerrors++;
			if (sim->o.verbose || strcmp(code ? code : "", "InternalError") != 0)
				fprintf(stderr, "evshare-sim: %s: CALLERROR %s for %s\n", cp->identity,
				    code ? code : "?", act_names[c->act]);
			if (bh_on_error(cp, c, code ? code : "")) {
				/* a new unique id: the old one was answered */
				new_uid(cp, c->uid);
				requeue_front(cp, c);
				cp->hold = 1;
				tmr_schedule(sim, &cp->sul_retry, retry_cb,
				    (lws_usec_t)(500 + sim_rand() % 1500) * LWS_US_PER_MS);
				json_decref(msg);
				return;
			}
			free(c);
			pump(cp);
		}
	}
	/* other message types are ignored, as OCPP-J says */
	json_decref(msg);
}

/* HTTP Basic (identity:password) on the handshake, when there is a password. 0 or -1. */
static int
add_basic_auth(struct cp *cp, struct lws *wsi, unsigned char **p, unsigned char *end)
{
	char userpass[256], b64[400], hdr[420];
	int n;

	if (cp == NULL || cp->sim->o.password == NULL)
		return 0;
	n = snprintf(userpass, sizeof userpass, "%s:%s", cp->identity, cp->sim->o.password);
	if (n < 0 || (size_t)n >= sizeof userpass ||
	    lws_b64_encode_string(userpass, n, b64, sizeof b64) < 0)
		return -1;
	snprintf(hdr, sizeof hdr, "Basic %s", b64);
	if (lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_AUTHORIZATION,
	    (unsigned char *)hdr, (int)strlen(hdr), p, end))
		return -1;
	return 0;
}

/* Connected: counted (the last of the ramp begins the next phase), then the behaviour. */
static void
on_open(struct cp *cp)
{
	struct sim *sim = cp->sim;

	cp->conn = CP_OPEN;
	cp->backoff_ms = 0;
	sim->st.connections++;
	if (++sim->st.open_now > sim->st.open_peak)
		sim->st.open_peak = sim->st.open_now;
	if (sim->st.open_now == sim->o.count && sim->st.phase == PH_RAMP) {
		sim->st.t_all_open = lws_now_usecs();
		stats_phase(&sim->st, sim->o.warmup ? PH_WARMUP : PH_STEADY,
		    sim->o.stats ? stderr : NULL);
	}
	bh_on_open(cp);
	pump(cp);
}

/* A piece of a frame: a whole frame is read where lws has it, fragments are gathered in
 * cp->rx. 0, or -1 (out of memory: close). */
static int
on_receive(struct cp *cp, struct lws *wsi, const void *in, size_t len)
{
	size_t need = cp->rxlen + len;

	if (cp->rxlen == 0 && lws_is_final_fragment(wsi) && lws_remaining_packet_payload(wsi) == 0) {
		/* a whole frame in one piece (nearly always) */
		on_frame(cp, in, len);
		return 0;
	}
	if (need > cp->rxcap) {
		size_t cap = cp->rxcap ? cp->rxcap : 1024;
		unsigned char *nb;
		while (cap < need)
			cap *= 2;
		if ((nb = realloc(cp->rx, cap)) == NULL)
			return -1;
		cp->rx = nb;
		cp->rxcap = cap;
	}
	memcpy(cp->rx + cp->rxlen, in, len);
	cp->rxlen += len;
	if (lws_is_final_fragment(wsi) && lws_remaining_packet_payload(wsi) == 0) {
		size_t n = cp->rxlen;
		cp->rxlen = 0;
		on_frame(cp, (const char *)cp->rx, n);
		/* keep small buffers; give back big ones */
		if (cp->rxcap > 16384) {
			free(cp->rx);
			cp->rx = NULL;
			cp->rxcap = 0;
		}
	}
	return 0;
}

/* One queued frame per WRITEABLE (lws calls it only once it has sent what it held); -1 closes
 * (a write failed, or nothing is left of a closing connection). */
static int
on_writeable(struct cp *cp, struct lws *wsi)
{
	struct frame *f = cp->fhead;

	if (f == NULL)
		return cp->conn == CP_CLOSING ? -1 : 0;
	if (lws_write(wsi, f->buf + LWS_PRE, f->len, LWS_WRITE_TEXT) < (int)f->len)
		return -1;
	cp->fhead = f->next;
	if (cp->fhead == NULL)
		cp->ftail = NULL;
	free(f);
	if (cp->fhead || cp->conn == CP_CLOSING)
		lws_callback_on_writable(wsi);
	return 0;
}

int
cp_lws_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
    size_t len)
{
	struct cp *cp = user;

	switch (reason) {
	case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER: {
		unsigned char **p = in;

		return add_basic_auth(cp, wsi, p, *p + len);
	}
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		on_open(cp);
		break;
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		if (cp == NULL)
			break;
		cp->sim->st.connect_errors++;
		if (cp->sim->o.verbose || cp->sim->st.connect_errors <= 20)
			fprintf(stderr, "evshare-sim: %s: connection failed: %s\n", cp->identity,
			    in ? (const char *)in : "?");
		lost(cp, 0);
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		return on_receive(cp, wsi, in, len);
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		return on_writeable(cp, wsi);
	case LWS_CALLBACK_CLIENT_CLOSED:
		if (cp && cp->wsi == wsi)
			lost(cp, 1);
		break;
	case LWS_CALLBACK_WSI_DESTROY:
		/* a connection that ended before any of the callbacks above */
		if (cp && cp->wsi == wsi)
			lost(cp, cp->conn == CP_OPEN || cp->conn == CP_CLOSING);
		break;
	default:
		break;
	}
	return 0;
}

void
cp_free(struct cp *cp)
{
	struct call *c, *n;

	tmr_cancel(&cp->sul_connect);
	tmr_cancel(&cp->sul_hb);
	tmr_cancel(&cp->sul_timeout);
	tmr_cancel(&cp->sul_retry);
	for (int i = 0; i <= cp->nconn; i++) {
		tmr_cancel(&cp->c[i].sul_meter);
		tmr_cancel(&cp->c[i].sul_session);
	}
	free(cp->outstanding);
	cp->outstanding = NULL;
	for (c = cp->qhead; c; c = n) {
		n = c->next;
		free(c);
	}
	cp->qhead = cp->qtail = NULL;
	cp->qlen = 0;
	frames_drop(cp);
	free(cp->rx);
	cp->rx = NULL;
}
