/*
 * bridge.h - what the parts of the running daemon share: the charge point cache (cpcache.c),
 * sessions (session.c), the duplicate-identity probe (probe.c), the charger-to-server handlers
 * (handlers.c), commands (commands.c) and the server (server.c). Everything here runs on the single event-loop thread.
 */
#ifndef OCPP_BRIDGE_H
#define OCPP_BRIDGE_H

#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include <libwebsockets.h>

#include "frame.h"
#include "ocpp/ocpp.h"
#include "store.h"
#include "util.h"

/* ---------------------------------------------------------------- settings and globals */

struct bridge {
	struct lws_context *ctx;
	char node[101];                 /* bridge_node or hostname:port */
	long max_frame;
	int heartbeat_interval;
	int offline_after;
	int ping_after;                 /* a websocket ping to a connection silent this long (s) */
	int hangup_after;               /* a connection silent this long (no pong either) is closed */
	int command_timeout;
	int db_workers;
	int stats_period;               /* seconds between stats lines */
	unsigned auth_fail_limit;       /* failed handshakes per address and identity and window */
	struct trusted proxies;         /* bridge_trusted_proxies: whose X-Forwarded-For counts */
	uint64_t generation;            /* last connection generation handed out */
	struct throttle throttle;
	int nsessions;
	volatile int stopping;
	/* counters for the log */
	unsigned long long calls_in, results_out, errors_out;
	unsigned long long lat_hist[8];  /* CALL taken -> answer queued: <5,<10,<20,<50,<100,<200,<500,more ms */
	double lat_max_ms;
};
extern struct bridge B;

/* ---------------------------------------------------------------- charge point cache */

/* One registered charge point, as the handshake needs it. Never freed while the bridge runs
 * (a deleted one is only marked), so sessions may keep the pointer. */
struct cp {
	int64_t id;
	char identity[IDENTITY_MAX + 1];
	char *hash;                     /* argon2id of its OCPP password */
	char boot_state[12];            /* never, accepted, pending, rejected */
	int deleted;
	int unseen;                     /* not in the last full reload (yet) */
	struct session *active;         /* its live session here, or NULL */
	struct session *probe;          /* a second connection waiting for the duplicate probe */
	struct cp *next_ident, *next_id, *next_all;
};

struct cp *cp_by_identity(const char *identity);
struct cp *cp_by_id(int64_t id);
/* Inserts or updates from a row (id, identity, password_hash, boot_state). */
struct cp *cp_upsert(int64_t id, const char *identity, const char *hash, const char *boot_state);
/* Marks deleted; returns the entry (or NULL if unknown). */
struct cp *cp_delete(int64_t id);
/* Marks every entry not seen since cp_mark_all() deleted (after a full reload). */
void cp_mark_all(void);
void cp_sweep_unmarked(void);
size_t cp_count(void);
void cp_free_all(void);

/* ---------------------------------------------------------------- sessions */

struct inmsg {
	struct inmsg *next;
	struct frame f;
	size_t len;
	char text[];                    /* the frame as received (for the raw log), len bytes */
};

struct outmsg {
	struct outmsg *next;
	size_t len;
	unsigned char buf[];            /* LWS_PRE + len */
};

struct command {
	struct command *next;
	int64_t id;
	const struct ocpp_action *a;
	json_t *payload;
	int timeout_s;
	char uid[24];
};

struct session {
	struct lws *wsi;                /* NULL once closed */
	struct cp *cp;
	int64_t cp_id;
	char identity[IDENTITY_MAX + 1];
	char remote[64];
	uint64_t gen;                   /* registry generation, once active */
	int refs;                       /* the wsi's and every job's */
	unsigned closed : 1, active : 1, busy : 1, ping_wanted : 1, close_wanted : 1,
	         registered : 1, touched : 1, probe_asked : 1;
	int close_code;
	char close_reason[100];
	/* incoming CALLs, strictly one at a time */
	struct inmsg *in_head, *in_tail;
	int in_n;
	const struct ocpp_action *busy_action;
	struct timespec busy_since;
	struct buf log_call;            /* its raw-log row until the answer (store_log_call) */
	/* the message being received (fragments) */
	char *rx;
	size_t rxlen, rxcap;
	/* frames waiting for SERVER_WRITEABLE */
	struct outmsg *out_head, *out_tail;
	int out_n;
	/* our CALLs: one outstanding, the rest queued */
	struct command *cmd_head, *cmd_tail, *cmd_out;
	lws_sorted_usec_list_t sul_cmd;
	/* duplicate identity: the new session waits while the old one is pinged, here (dup_old)
	 * or at the bridge that holds it (holder, asked_at: the database's time of asking) */
	struct session *dup_old;
	lws_sorted_usec_list_t sul_probe;
	char holder[101], asked_at[40];
	time_t last_rx;                 /* the last frame or pong from the charger */
	time_t last_ping;               /* the last keepalive ping we sent */
	time_t db_seen;                 /* when its last_seen_at was last written (connect, touch) */
	struct session *prev_all, *next_all;
};

extern struct session *all_sessions;

struct session *session_new(struct lws *wsi, struct cp *cp, const char *remote);
void session_ref(struct session *s);
void session_unref(struct session *s);
void session_receive(struct session *s, const void *in, size_t len, int final, int binary);
int session_writeable(struct session *s);       /* -1: close */
void session_pong(struct session *s);
/* Once a second: pings connections silent for B.ping_after, closes those silent for
 * B.hangup_after. */
void sessions_keepalive(time_t now);
void session_closed(struct session *s);
/* The session becomes the charger's live one: registered (session_register), its queued CALLs
 * processed. Only the probe (probe.c) decides when. */
void session_activate(struct session *s);
/* The session stops being the charger's live one (closed, or replaced by a new connection):
 * its commands end, its registry row is closed with reason. Does not close the connection. */
void session_deactivate(struct session *s, const char *reason);
/* (Re)writes the session's registry row (charge_point_connections). */
void session_register(struct session *s);
/* Begins a frame to send: the buffer (reused, loop thread only) holds LWS_PRE bytes of headroom
 * the builder appends after. NULL when out of memory. */
struct buf *session_frame_begin(void);
/* Sends a text frame: written at once when nothing waits ahead of it, else queued (copied).
 * text must have LWS_PRE bytes before it that may be overwritten (the websocket header). */
void session_send(struct session *s, char *text, size_t len);
/* Answers the CALL being processed and moves to the next. payload is stolen (NULL: {}). */
void session_reply(struct session *s, const char *uid, json_t *payload);
void session_reply_error(struct session *s, const char *uid, enum ocpp_error e, const char *desc);
/* Closes the connection (from anywhere on the loop). */
void session_close(struct session *s, int code, const char *reason);
/* Takes on a claimed command; returns 0, or -1 if this session cannot (caller releases it). */
int session_add_command(struct session *s, struct command *c);
void command_free(struct command *c);
/* Records a security event (a job nobody waits for). */
void security_event(int64_t cp_id, const char *identity, const char *addr, const char *kind,
                    const char *detail);

/* ---------------------------------------------------------------- duplicate identities (probe.c) */

/* A connection's handshake is done: it becomes the charger's live session at once, or after the
 * charger's other connection (here or at another bridge) failed a ping, or it is closed. */
void probe_start(struct session *s);
/* The session s heard from its charger (session_alive, only when s->probe_asked or
 * s->cp->probe is set): answers another bridge's probe; a probed old connection keeps its place
 * and the newcomer is closed. */
void probe_heard(struct session *s);
/* The live session s closed: a newcomer waiting on its probe takes over. */
void probe_old_closed(struct session *s);
/* The newcomer n's probe is over: its timer cancelled, the charger's probe slot and its
 * reference to the old session released. */
void probe_end(struct session *n);
/* NOTIFY ocpp_probe "CP NODE": another bridge has a new connection for a charger held here; its
 * connection is pinged (the answer goes to the database, probe_heard). */
void probe_asked(int64_t cp_id);
/* NOTIFY ocpp_takeover "CP NODE": another bridge took the charger (its connection here did not
 * answer the probe): closed. */
void probe_taken_over(int64_t cp_id);

/* ---------------------------------------------------------------- handlers (charger -> us) */

/* Starts processing one validated CALL: submits its job (returns OCPP_OK) or returns the error
 * to answer with (desc filled). */
enum ocpp_error handle_call(struct session *s, struct inmsg *m, char *desc, size_t desclen);

/* ---------------------------------------------------------------- commands (us -> charger) */

void commands_claim(void);                  /* claims pending commands for our chargers */
void command_result(struct session *s, struct frame *f, const char *text, size_t len);
void command_pump(struct session *s);       /* sends the next queued command if none is out */
void commands_session_closed(struct session *s);

/* ---------------------------------------------------------------- server (server.c) */

/* Creates the context, the store's workers and the vhosts; schedules the chores. The charge
 * point cache must already be loaded (main does it before). 0 or -1 with err. */
int server_start(int nworkers, char *err, size_t errlen);
void server_run(void);           /* until B.stopping */
void server_stop(void);          /* writes out what is queued, closes everything */

#endif
