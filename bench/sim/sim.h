/*
 * sim.h - evshare-sim: many OCPP 1.6J charge points in one libwebsockets client context.
 *
 * One struct cp per simulated charger, all driven by timers (timer.c) from one lws event loop.
 * Each charger keeps at most one CALL of its own outstanding; the next ones wait in its queue,
 * and a CALL left unanswered when the connection drops is sent again after the reconnect.
 *
 *   main.c    options, the lws context, the ramp, the end of the run, --hash-password
 *   cp.c      a charger's connection: handshake, frames in and out, the CALL queue, reconnects
 *   behave.c  what a charger does: boot, status, authorize, transactions, meter values, and its
 *             answers to every server-to-charger command (one table)
 *   stats.c   counters, the phases of a run and the CALL -> CALLRESULT latency histograms
 *   timer.c   the timing wheel the chargers' timers live in
 *   text.c    the MeterValues payload and the CALLs' unique ids, written without printf
 */
#ifndef EVSHARE_SIM_H
#define EVSHARE_SIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <libwebsockets.h>
#include <jansson.h>

#define SIM_MAX_CONNECTORS 8
#define SIM_UID_LEN 36
#define SIM_QUEUE_MAX 64         /* a charger keeps at most this many messages unsent */
#define TMR_RES_US 10000        /* timer resolution: 10 ms */
#define TMR_WHEEL 4096          /* slots: one revolution is 41 s */

struct sim;

/* A timer of the wheel (timer.c); all zero is a timer that is not armed. */
struct tmr;
typedef void (*tmr_cb)(struct tmr *t);
struct tmr {
	struct tmr *next, *prev;
	lws_usec_t due;
	tmr_cb cb;
};

/* Charger-to-server actions: the index into the stats and the reply handlers. */
enum act {
	A_BOOT, A_HEARTBEAT, A_STATUS, A_AUTHORIZE, A_START, A_METER, A_STOP, A_DATA_TRANSFER,
	A_DIAG_STATUS, A_FW_STATUS, A__MAX
};
extern const char *const act_names[A__MAX];

enum cp_conn { CP_IDLE, CP_CONNECTING, CP_OPEN, CP_CLOSING };

/* Connector status as OCPP 1.6 spells it. */
enum cstatus { S_AVAILABLE, S_PREPARING, S_CHARGING, S_SUSPENDED_EV, S_FINISHING, S_RESERVED,
	S_UNAVAILABLE, S_FAULTED };
extern const char *const status_names[];

/* One queued or outstanding CALL of ours, its payload in the same allocation. */
struct call {
	struct call *next;
	enum act act;
	char uid[SIM_UID_LEN + 1];
	int connector;          /* the connector it is about (0: the charger) */
	int sampled;            /* sampled values it carries (MeterValues, StopTransaction data) */
	int attempts;           /* times sent */
	lws_usec_t sent_us;
	size_t plen;
	char payload[];         /* the payload as JSON text, made once and sent as often */
};

/* A frame waiting to be written (while lws holds part of an earlier one), with LWS_PRE bytes of
 * headroom before data. */
struct frame {
	struct frame *next;
	size_t len;
	unsigned char buf[];    /* LWS_PRE + len */
};

struct cp;

struct connector {
	struct cp *cp;
	int n;
	enum cstatus status;
	int operative;          /* ChangeAvailability */
	int pending_inoperative; /* Scheduled: becomes Unavailable when the transaction ends */
	int in_session;         /* Authorize .. StopTransaction answered */
	int tx_id;              /* 0 until StartTransaction is answered */
	int stopping;           /* StopTransaction queued */
	const char *want_stop;  /* stop reason waiting for the transaction id */
	char id_tag[21];
	int64_t meter_wh;       /* the energy register */
	int64_t meter_start_wh;
	lws_usec_t started_us;  /* monotonic, for the energy count */
	char start_ts[32];      /* the StartTransaction timestamp, again in transactionData */
	int reservation_id;     /* 0: none */
	struct tmr sul_meter;   /* periodic MeterValues while charging */
	struct tmr sul_session; /* next session (idle) or its end */
};

struct cp {
	struct sim *sim;
	int idx;                /* 0-based */
	char identity[49];
	struct lws *wsi;
	enum cp_conn conn;
	int booted;             /* BootNotification Accepted on this connection */
	int boot_sent;
	int reset_pending;      /* Reset accepted: reboot once the queue is empty */
	int hold;               /* a CALL waits to be sent again after a CALLERROR */
	int kwh;                /* reports energy in kWh rather than Wh */
	int power_w;            /* charging power */
	int heartbeat_s;
	double meter_s;
	int authorize_remote;   /* AuthorizeRemoteTxRequests */
	int local_list_version;
	int profiles;           /* charging profiles set */
	unsigned backoff_ms;
	uint32_t uid_seq;
	struct call *outstanding;
	struct call *qhead, *qtail;
	int qlen;               /* calls queued (not counting the outstanding one) */
	struct frame *fhead, *ftail;
	unsigned char *rx;
	size_t rxlen, rxcap;
	int nconn;
	struct connector c[SIM_MAX_CONNECTORS + 1];
	struct tmr sul_connect;  /* (re)connect */
	struct tmr sul_hb;       /* heartbeat; also boot retry while Pending */
	struct tmr sul_timeout;  /* the outstanding CALL's answer */
	struct tmr sul_retry;    /* resend after a CALLERROR worth retrying */
};

/* The phases of a run, each with its own latency histogram: the ramp (until every charger is
 * connected), the warm-up (--warmup seconds more, while the ramp's queue of boots, status
 * notifications and transactions is answered), the steady window the benchmark reports, and the
 * stop (every session ended, the drain). A run cut short skips the phases it never reached. */
enum phase { PH_RAMP, PH_WARMUP, PH_STEADY, PH_STOP, PH__MAX };
extern const char *const phase_names[PH__MAX];

struct stats {
	uint64_t connections, connect_errors, disconnects;
	uint64_t calls_sent, callresults_ok, callerrors, timeouts, resends;
	uint64_t server_calls, server_unknown;
	uint64_t acked[A__MAX];
	uint64_t acked_sampled_periodic;  /* sampled values in acknowledged MeterValues */
	uint64_t acked_sampled_txdata;    /* sampled values in acknowledged StopTransaction data */
	uint64_t tx_started, tx_stopped, tx_rejected, auth_rejected;
	uint64_t meter_skipped;  /* periodic samples not taken: the charger's queue was full */
	uint64_t meter_dropped;  /* MeterValues never sent: still queued when the run ended */
	int open_now, open_peak;
	lws_usec_t t0, t_all_open, t_end;
	/* latency histograms (see stats.c) of the whole run, of each phase by the time the answer
	 * came, and of the current progress interval */
	uint32_t *hist, *ph_hist[PH__MAX], *ivl_hist;
	uint64_t hist_n, ph_n[PH__MAX], ivl_n;
	enum phase phase;
	lws_usec_t ph_t[PH__MAX];      /* when each phase began (0: never) */
	lws_usec_t ivl_t;              /* the current progress interval began */
	double worst_p99;              /* the steady window's worst interval p99, ms */
	lws_usec_t worst_t, worst_len; /* that interval */
};

struct sim_opts {
	const char *url;
	int tls, insecure;
	char host[256];
	int port;
	char path[512];         /* without the trailing identity */
	const char *prefix;
	int first, count, digits;
	const char *password;
	double meter_interval;  /* s (fractions allowed: a benchmark may want more than 1/s) */
	int heartbeat;          /* s, 0: as the server says */
	int duration;           /* s, 0: until SIGINT / SIGTERM */
	int rate;               /* connections opened per second */
	int connectors;
	int session_s, idle_s;  /* mean session length and idle time between sessions */
	int no_sessions;        /* drivers never come: sessions only on RemoteStartTransaction */
	int call_timeout;       /* s */
	int reconnect_max;      /* s, back-off cap */
	int kwh_every;          /* every Nth charger reports kWh (0: never) */
	const char *id_tag;
	int drain;              /* s allowed for the drain at the end */
	int warmup;             /* s after the last charger connected before the steady window */
	int progress;           /* s between progress lines (with --stats) */
	int stats, verbose;
};

struct sim {
	struct sim_opts o;
	struct lws_context *ctx;
	struct cp *cps;
	int opened;             /* chargers started by the ramp so far */
	int stopping;           /* draining: no new sessions, stop transactions, close */
	int done;
	lws_usec_t stop_deadline;
	struct stats st;
	unsigned char *wbuf;    /* frames are built here: LWS_PRE bytes of headroom, then wcap */
	size_t wcap;
	lws_sorted_usec_list_t sul_ramp, sul_end, sul_tick, sul_wheel;
	struct tmr wheel[TMR_WHEEL];
	lws_usec_t wheel_pos;   /* the next tick of the wheel to run */
};

/* cp.c */
int cp_lws_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
    size_t len);
void cp_connect_cb(struct tmr *t);
/* Queues a CALL; takes ownership of payload (a json_t reference). */
struct call *cp_call(struct cp *cp, enum act act, json_t *payload, int connector, int sampled);
/* The same with the payload already written as JSON text (len bytes, copied). */
struct call *cp_call_text(struct cp *cp, enum act act, const char *payload, size_t len,
    int connector, int sampled);
/* Queues an answer to the server's CALL uid: a CALLRESULT (payload, reference taken) or, when
 * err is non-NULL, a CALLERROR with that code. */
void cp_answer(struct cp *cp, const char *uid, json_t *payload, const char *err, const char *desc);
void cp_close(struct cp *cp, unsigned reconnect_ms);
int cp_idle(const struct cp *cp);   /* nothing outstanding or queued */
/* Forgets the queued (not yet sent) calls of one action; returns how many. */
int cp_drop_queued(struct cp *cp, enum act act);
void cp_free(struct cp *cp);

/* behave.c */
void bh_init(struct cp *cp);
void bh_on_open(struct cp *cp);     /* connection up: BootNotification */
void bh_on_close(struct cp *cp);    /* connection lost: stop timers that need it */
/* A CALLRESULT for our call. */
void bh_on_result(struct cp *cp, struct call *c, json_t *payload);
/* A CALLERROR for our call; returns 1 when the call should be sent again later. */
int bh_on_error(struct cp *cp, struct call *c, const char *code);
/* The server's CALL: answer it through cp_answer. */
void bh_on_server_call(struct cp *cp, const char *uid, const char *action, json_t *payload);
void bh_stop_all(struct cp *cp, const char *reason); /* queue StopTransaction for every session */

/* stats.c */
int stats_init(struct stats *st);
void stats_latency(struct stats *st, lws_usec_t us);
/* The run enters phase p now (progress line of the interval so far on f, when f). */
void stats_phase(struct stats *st, enum phase p, FILE *f);
/* Ends the current progress interval: a progress line on f when f, the worst p99 kept. */
void stats_interval(struct stats *st, FILE *f);
void stats_print(const struct sim *sim, FILE *f);
void stats_free(struct stats *st);

/* timer.c */
void tmr_init(struct sim *sim);
void tmr_schedule(struct sim *sim, struct tmr *t, tmr_cb cb, lws_usec_t us);
/* Schedules a periodic timer again, period us after it was due rather than after it ran: run
 * late (the wheel's tick, a busy loop), timers that fired together would stay together. */
void tmr_again(struct sim *sim, struct tmr *t, lws_usec_t period);
void tmr_cancel(struct tmr *t);
int tmr_armed(const struct tmr *t);
void tmr_run(struct sim *sim);

/* text.c */
/* One MeterValues: the energy register, power, current per phase and voltage (6 values). */
struct meter_sample {
	int connector;
	int tx_id;              /* 0: none named */
	const char *ts;         /* ISO 8601 */
	const char *context;    /* Sample.Periodic, Trigger (a constant: not escaped) */
	int64_t wh;             /* >= 0 */
	int kwh;                /* the register in kWh, 3 decimals, rather than Wh */
	double power_w, amps[3], volt;   /* >= 0 */
};
/* Writes m's MeterValues payload (JSON) into buf; returns its length, 0 if cap is too small. */
size_t meter_payload(char *buf, size_t cap, const struct meter_sample *m);
/* A CALL's unique id: 8 hex digits of r, '-', idx, '-', seq (at most 30 characters). */
void uid_text(char out[SIM_UID_LEN + 1], uint32_t r, uint32_t idx, uint32_t seq);

/* random numbers for the simulation (not for secrets) */
uint32_t sim_rand(void);
double sim_randf(void);   /* [0, 1) */

#endif
