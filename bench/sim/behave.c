/* behave.c - what a simulated charger does: boot, heartbeat, status, RFID authorize, charging
 * sessions with periodic meter values, and its answers to every OCPP 1.6 server command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "sim.h"

const char *const act_names[A__MAX] = {
	[A_BOOT] = "BootNotification", [A_HEARTBEAT] = "Heartbeat",
	[A_STATUS] = "StatusNotification", [A_AUTHORIZE] = "Authorize",
	[A_START] = "StartTransaction", [A_METER] = "MeterValues", [A_STOP] = "StopTransaction",
	[A_DATA_TRANSFER] = "DataTransfer", [A_DIAG_STATUS] = "DiagnosticsStatusNotification",
	[A_FW_STATUS] = "FirmwareStatusNotification",
};

const char *const status_names[] = {
	[S_AVAILABLE] = "Available", [S_PREPARING] = "Preparing", [S_CHARGING] = "Charging",
	[S_SUSPENDED_EV] = "SuspendedEV", [S_FINISHING] = "Finishing", [S_RESERVED] = "Reserved",
	[S_UNAVAILABLE] = "Unavailable", [S_FAULTED] = "Faulted",
};

static const char *const models[] = { "X3-HAC", "HomeBox 11", "CityCharge 22", "Pulsar Plus" };
static const int powers[] = { 11000, 7400, 22000, 3700 };

static lws_usec_t
secs(double s)
{
	return (lws_usec_t)(s * LWS_US_PER_SEC);
}

/* A random duration around mean seconds (0.5x .. 1.5x), at least min seconds. */
static double
around(int mean, double min)
{
	double s = mean * (0.5 + sim_randf());
	return s < min ? min : s;
}

/* ------------------------------------------------------------------ charger to server */

static void
send_status(struct connector *k)
{
	char ts[32];

	clock_now(CLOCK_ISO, ts);
	cp_call(k->cp, A_STATUS, json_pack("{s i s s s s s s}", "connectorId", k->n,
	    "errorCode", "NoError", "status", status_names[k->status], "timestamp", ts), k->n, 0);
}

static void
set_status(struct connector *k, enum cstatus st)
{
	if (k->status != st) {
		k->status = st;
		send_status(k);
	}
}

static void
send_boot(struct cp *cp)
{
	char serial[26], fw[16], meter_serial[26];
	int m = cp->idx % 4;

	snprintf(serial, sizeof serial, "SIM%07d", cp->idx + cp->sim->o.first);
	snprintf(meter_serial, sizeof meter_serial, "EM%08d", cp->idx + cp->sim->o.first);
	snprintf(fw, sizeof fw, "1.%d.%d", 4 + m, cp->idx % 10);
	cp_call(cp, A_BOOT, json_pack("{s s s s s s s s s s s s s s}",
	    "chargePointVendor", "evshare-sim", "chargePointModel", models[m],
	    "chargePointSerialNumber", serial, "chargeBoxSerialNumber", serial,
	    "firmwareVersion", fw, "meterType", "EM340", "meterSerialNumber", meter_serial), 0, 0);
	cp->boot_sent = 1;
}

static void
heartbeat_cb(struct tmr *sul)
{
	struct cp *cp = lws_container_of(sul, struct cp, sul_hb);

	if (cp->conn == CP_OPEN && !cp->sim->stopping) {
		if (cp->booted)
			cp_call(cp, A_HEARTBEAT, json_object(), 0, 0);
		else if (!cp->boot_sent || cp_idle(cp))
			send_boot(cp);   /* Pending or Rejected: ask again */
	}
	tmr_schedule(cp->sim, &cp->sul_hb, heartbeat_cb, secs(cp->heartbeat_s));
}

/* One sampled value into arr. */
static void
sv(json_t *arr, const char *value, const char *context, const char *measurand, const char *phase,
    const char *unit)
{
	json_t *o = json_pack("{s s s s s s s s}", "value", value, "context", context,
	    "measurand", measurand, "location", "Outlet");

	if (phase)
		json_object_set_new(o, "phase", json_string(phase));
	json_object_set_new(o, "unit", json_string(unit));
	json_array_append_new(arr, o);
}

static void
energy_sv(const struct cp *cp, json_t *arr, int64_t wh, const char *context)
{
	char v[32];

	if (cp->kwh)
		snprintf(v, sizeof v, "%.3f", wh / 1000.0);
	else
		snprintf(v, sizeof v, "%lld", (long long)wh);
	sv(arr, v, context, "Energy.Active.Import.Register", NULL, cp->kwh ? "kWh" : "Wh");
}

/* MeterValues for connector k: energy, power, current per phase, voltage (6 values). */
static void
send_meter(struct connector *k, const char *context)
{
	struct cp *cp = k->cp;
	struct meter_sample m;
	char ts[32], text[2048];
	double amps;
	size_t len;

	m.connector = k->n;
	m.tx_id = k->tx_id > 0 ? k->tx_id : 0;
	clock_now(CLOCK_ISO, ts);
	m.ts = ts;
	m.context = context;
	m.wh = k->meter_wh;
	m.kwh = cp->kwh;
	m.power_w = k->status == S_CHARGING ? cp->power_w * (0.97 + 0.03 * sim_randf()) : 0;
	m.volt = 229 + 3 * sim_randf();
	amps = cp->power_w > 7400 ? m.power_w / (3 * m.volt) : m.power_w / m.volt;
	for (int n = 0; n < 3; n++)
		m.amps[n] = n == 0 || cp->power_w > 7400 ? amps : 0.0;
	if ((len = meter_payload(text, sizeof text, &m)) == 0) {
		fprintf(stderr, "evshare-sim: a MeterValues payload longer than %zu bytes\n", sizeof text);
		exit(1);
	}
	cp_call_text(cp, A_METER, text, len, k->n, 6);
}

static void session_cb(struct tmr *sul);
static void meter_cb(struct tmr *sul);

static void
schedule_session(struct connector *k, double s)
{
	tmr_schedule(k->cp->sim, &k->sul_session, session_cb, secs(s));
}

static void
do_stop(struct connector *k, const char *reason)
{
	struct cp *cp = k->cp;
	json_t *td, *begin = json_array(), *end = json_array(), *p;
	char ts1[32];

	if (k->tx_id <= 0) {
		k->want_stop = reason;  /* once StartTransaction is answered */
		return;
	}
	if (k->stopping)
		return;
	k->stopping = 1;
	tmr_cancel(&k->sul_meter);
	tmr_cancel(&k->sul_session);
	clock_now(CLOCK_ISO, ts1);
	energy_sv(cp, begin, k->meter_start_wh, "Transaction.Begin");
	energy_sv(cp, end, k->meter_wh, "Transaction.End");
	td = json_pack("[{s s s o} {s s s o}]", "timestamp", k->start_ts, "sampledValue", begin,
	    "timestamp", ts1, "sampledValue", end);
	set_status(k, S_FINISHING);
	p = json_pack("{s i s s s I s s s s s o}", "transactionId", k->tx_id, "idTag", k->id_tag,
	    "meterStop", (json_int_t)k->meter_wh, "timestamp", ts1, "reason", reason,
	    "transactionData", td);
	cp_call(cp, A_STOP, p, k->n, 2);
}

/* Begin a session: the driver holds a card to the reader (or the server asked, remote). */
/* StartTransaction for the session on k: meter and time of now. */
static void
send_start(struct connector *k)
{
	json_t *p;

	clock_now(CLOCK_ISO, k->start_ts);
	k->meter_start_wh = k->meter_wh;
	p = json_pack("{s i s s s I s s}", "connectorId", k->n, "idTag", k->id_tag,
	    "meterStart", (json_int_t)k->meter_wh, "timestamp", k->start_ts);
	if (k->reservation_id)
		json_object_set_new(p, "reservationId", json_integer(k->reservation_id));
	cp_call(k->cp, A_START, p, k->n, 0);
}

static void
begin_session(struct connector *k, const char *id_tag, int remote)
{
	struct cp *cp = k->cp;

	k->in_session = 1;
	k->tx_id = 0;
	k->stopping = 0;
	k->want_stop = NULL;
	snprintf(k->id_tag, sizeof k->id_tag, "%s", id_tag);
	set_status(k, S_PREPARING);
	if (remote && !cp->authorize_remote) {
		send_start(k);
	} else {
		cp_call(cp, A_AUTHORIZE, json_pack("{s s}", "idTag", k->id_tag), k->n, 0);
	}
}

static void
session_cb(struct tmr *sul)
{
	struct connector *k = lws_container_of(sul, struct connector, sul_session);
	struct cp *cp = k->cp;

	if (cp->sim->stopping)
		return;
	if (k->in_session) {
		/* the session has run its length: the driver unplugs */
		if (k->tx_id > 0)
			do_stop(k, "EVDisconnected");
		return;
	}
	if (!cp->booted || !k->operative || k->status != S_AVAILABLE || cp->reset_pending) {
		schedule_session(k, around(cp->sim->o.idle_s, 1));
		return;
	}
	begin_session(k, cp->sim->o.id_tag, 0);
}

static void
meter_cb(struct tmr *sul)
{
	struct connector *k = lws_container_of(sul, struct connector, sul_meter);
	struct cp *cp = k->cp;
	lws_usec_t now = lws_now_usecs();

	if (k->tx_id <= 0 || k->stopping)
		return;
	k->meter_wh = k->meter_start_wh +
	    (int64_t)((double)cp->power_w * (double)(now - k->started_us) / 3600e6);
	/* a charger's memory is finite: while the server lags too far behind, samples are skipped */
	if (cp->qlen >= SIM_QUEUE_MAX)
		cp->sim->st.meter_skipped++;
	else
		send_meter(k, "Sample.Periodic");
	tmr_again(cp->sim, &k->sul_meter, secs(cp->meter_s));
}

static void
charging(struct connector *k)
{
	struct cp *cp = k->cp;

	k->started_us = lws_now_usecs();
	set_status(k, S_CHARGING);
	/* the first sample at a random point of the interval spreads the load */
	tmr_schedule(cp->sim, &k->sul_meter, meter_cb,
	    secs(cp->meter_s * sim_randf() + 0.01));
	schedule_session(k, around(cp->sim->o.session_s, cp->meter_s));
}

static void
session_over(struct connector *k)
{
	struct cp *cp = k->cp;

	k->in_session = 0;
	k->tx_id = 0;
	k->stopping = 0;
	k->want_stop = NULL;
	k->reservation_id = 0;
	tmr_cancel(&k->sul_meter);
	if (k->pending_inoperative) {
		k->pending_inoperative = 0;
		k->operative = 0;
	}
	set_status(k, k->operative ? S_AVAILABLE : S_UNAVAILABLE);
	if (!cp->sim->stopping && !cp->sim->o.no_sessions)
		schedule_session(k, around(cp->sim->o.idle_s, 1));
}

static const char *
tag_status(json_t *payload)
{
	const char *s = json_string_value(json_object_get(json_object_get(payload, "idTagInfo"),
	    "status"));
	return s ? s : "";
}

void
bh_on_result(struct cp *cp, struct call *c, json_t *payload)
{
	struct sim *sim = cp->sim;
	struct connector *k = &cp->c[c->connector >= 0 && c->connector <= cp->nconn ? c->connector : 0];

	switch (c->act) {
	case A_BOOT: {
		const char *st = json_string_value(json_object_get(payload, "status"));
		json_int_t iv = json_integer_value(json_object_get(payload, "interval"));
		if (st && strcmp(st, "Accepted") == 0) {
			int first = !cp->booted;
			cp->booted = 1;
			cp->heartbeat_s = sim->o.heartbeat ? sim->o.heartbeat : iv > 0 ? (int)iv : 300;
			tmr_schedule(sim, &cp->sul_hb, heartbeat_cb, secs(cp->heartbeat_s));
			if (first) {
				for (int i = 0; i <= cp->nconn; i++) {
					struct connector *q = &cp->c[i];
					send_status(q);
					/* a session that was on before a reconnect simply goes on */
					if (i > 0 && !q->in_session && !sim->stopping && !sim->o.no_sessions)
						schedule_session(q, sim->o.idle_s ?
						    around(sim->o.idle_s, 0.2) * sim_randf() : 0.05 + sim_randf());
				}
			}
		} else {
			/* Pending or Rejected: the interval is when to ask again */
			cp->heartbeat_s = iv > 0 ? (int)iv : 10;
			tmr_schedule(sim, &cp->sul_hb, heartbeat_cb, secs(cp->heartbeat_s));
		}
		break;
	}
	case A_AUTHORIZE:
		if (!k->in_session)
			break;
		if (strcmp(tag_status(payload), "Accepted") != 0 || sim->stopping) {
			if (!sim->stopping)
				sim->st.auth_rejected++;
			session_over(k);
			break;
		}
		send_start(k);
		break;
	case A_START: {
		json_int_t id = json_integer_value(json_object_get(payload, "transactionId"));
		k->tx_id = id > 0 && id <= 0x7fffffff ? (int)id : -1;
		if (k->tx_id <= 0) {
			fprintf(stderr, "evshare-sim: %s: StartTransaction answered without a usable "
			    "transactionId\n", cp->identity);
			session_over(k);
			break;
		}
		sim->st.tx_started++;
		k->reservation_id = 0;
		if (strcmp(tag_status(payload), "Accepted") != 0) {
			sim->st.tx_rejected++;
			do_stop(k, "DeAuthorized");
		} else if (k->want_stop) {
			do_stop(k, k->want_stop);
		} else {
			charging(k);
		}
		break;
	}
	case A_STOP:
		sim->st.tx_stopped++;
		sim->st.acked_sampled_txdata += (uint64_t)c->sampled;
		if (k->stopping)
			session_over(k);
		break;
	case A_METER:
		sim->st.acked_sampled_periodic += (uint64_t)c->sampled;
		break;
	default:
		break;
	}
}

int
bh_on_error(struct cp *cp, struct call *c, const char *code)
{
	/* transaction messages are kept and sent again when the server could not take them */
	if ((c->act == A_START || c->act == A_STOP || c->act == A_METER) && c->attempts < 20 &&
	    (strcmp(code, "InternalError") == 0 || strcmp(code, "GenericError") == 0))
		return 1;
	if (strcmp(code, "SecurityError") == 0 && c->act != A_BOOT && c->attempts < 5) {
		/* the server wants a boot first (e.g. it restarted): boot, then send it again */
		cp->booted = 0;
		send_boot(cp);
		return 1;
	}
	if (c->act == A_AUTHORIZE || c->act == A_START) {
		struct connector *k = &cp->c[c->connector];
		if (k->in_session)
			session_over(k);
	} else if (c->act == A_STOP) {
		struct connector *k = &cp->c[c->connector];
		if (k->stopping)
			session_over(k);
	} else if (c->act == A_BOOT) {
		tmr_schedule(cp->sim, &cp->sul_hb, heartbeat_cb, secs(10));
		cp->boot_sent = 0;
	}
	return 0;
}

void
bh_stop_all(struct cp *cp, const char *reason)
{
	for (int i = 1; i <= cp->nconn; i++) {
		struct connector *k = &cp->c[i];
		tmr_cancel(&k->sul_session);
		if (k->in_session && !k->stopping)
			do_stop(k, reason);
	}
}

void
bh_init(struct cp *cp)
{
	struct sim *sim = cp->sim;

	cp->nconn = sim->o.connectors;
	cp->kwh = sim->o.kwh_every > 0 && cp->idx % sim->o.kwh_every == sim->o.kwh_every - 1;
	cp->power_w = powers[cp->idx % 4];
	cp->heartbeat_s = sim->o.heartbeat ? sim->o.heartbeat : 300;
	cp->meter_s = sim->o.meter_interval;
	for (int i = 0; i <= cp->nconn; i++) {
		struct connector *k = &cp->c[i];
		k->cp = cp;
		k->n = i;
		k->status = S_AVAILABLE;
		k->operative = 1;
		/* a register that has counted for a while already, whole Wh */
		k->meter_wh = 1000000 + (int64_t)(sim_rand() % 5000000);
	}
}

void
bh_on_open(struct cp *cp)
{
	cp->booted = 0;
	send_boot(cp);
}

void
bh_on_close(struct cp *cp)
{
	/* the heartbeat starts again with the next accepted boot; sessions and meter values go on
	 * (a charger keeps charging and keeps its messages while offline) */
	tmr_cancel(&cp->sul_hb);
}

/* ------------------------------------------------------------------ server to charger */

typedef void (*cmd_fn)(struct cp *cp, const char *uid, json_t *p);

static void
answer_status(struct cp *cp, const char *uid, const char *status)
{
	cp_answer(cp, uid, json_pack("{s s}", "status", status), NULL, NULL);
}

static struct connector *
connector_arg(struct cp *cp, json_t *p, int allow_zero)
{
	json_t *v = json_object_get(p, "connectorId");
	json_int_t n;

	if (v == NULL)
		return NULL;
	n = json_integer_value(v);
	if (n < (allow_zero ? 0 : 1) || n > cp->nconn)
		return NULL;
	return &cp->c[n];
}

static void
cmd_remote_start(struct cp *cp, const char *uid, json_t *p)
{
	struct connector *k = NULL;
	const char *tag = json_string_value(json_object_get(p, "idTag"));

	if (json_object_get(p, "connectorId")) {
		k = connector_arg(cp, p, 0);
	} else {
		for (int i = 1; i <= cp->nconn && k == NULL; i++)
			if (!cp->c[i].in_session && cp->c[i].operative &&
			    (cp->c[i].status == S_AVAILABLE || cp->c[i].status == S_RESERVED))
				k = &cp->c[i];
	}
	if (k == NULL || tag == NULL || k->in_session || !k->operative || cp->sim->stopping ||
	    (k->status != S_AVAILABLE && k->status != S_PREPARING && k->status != S_RESERVED)) {
		answer_status(cp, uid, "Rejected");
		return;
	}
	answer_status(cp, uid, "Accepted");
	tmr_cancel(&k->sul_session);
	begin_session(k, tag, 1);
}

static void
cmd_remote_stop(struct cp *cp, const char *uid, json_t *p)
{
	json_int_t id = json_integer_value(json_object_get(p, "transactionId"));

	for (int i = 1; i <= cp->nconn; i++) {
		struct connector *k = &cp->c[i];
		if (k->tx_id > 0 && k->tx_id == id && !k->stopping) {
			answer_status(cp, uid, "Accepted");
			do_stop(k, "Remote");
			return;
		}
	}
	answer_status(cp, uid, "Rejected");
}

static void
cmd_reset(struct cp *cp, const char *uid, json_t *p)
{
	const char *type = json_string_value(json_object_get(p, "type"));

	answer_status(cp, uid, "Accepted");
	cp->reset_pending = 1;
	bh_stop_all(cp, type && strcmp(type, "Hard") == 0 ? "HardReset" : "SoftReset");
}

static void
cmd_unlock(struct cp *cp, const char *uid, json_t *p)
{
	struct connector *k = connector_arg(cp, p, 0);

	if (k == NULL) {
		answer_status(cp, uid, "NotSupported");
		return;
	}
	answer_status(cp, uid, "Unlocked");
	if (k->in_session)
		do_stop(k, "UnlockCommand");
}

static void
cmd_change_availability(struct cp *cp, const char *uid, json_t *p)
{
	struct connector *k = connector_arg(cp, p, 1);
	const char *type = json_string_value(json_object_get(p, "type"));
	int op = type && strcmp(type, "Operative") == 0, scheduled = 0, from, to;

	if (k == NULL || type == NULL) {
		answer_status(cp, uid, "Rejected");
		return;
	}
	from = to = k->n;
	if (k->n == 0) {
		from = 0;
		to = cp->nconn;
	}
	for (int i = from; i <= to; i++)
		if (!op && cp->c[i].in_session)
			scheduled = 1;
	answer_status(cp, uid, scheduled ? "Scheduled" : "Accepted");
	for (int i = from; i <= to; i++) {
		struct connector *q = &cp->c[i];
		if (!op && q->in_session) {
			q->pending_inoperative = 1;
			continue;
		}
		q->pending_inoperative = 0;
		q->operative = op;
		if (!q->in_session)
			set_status(q, op ? (q->reservation_id ? S_RESERVED : S_AVAILABLE) : S_UNAVAILABLE);
	}
}

/* The configuration keys this charger knows; values live in the cp or are fixed. */
static void
config_value(struct cp *cp, const char *key, char *out, size_t n, int *readonly, int *known)
{
	*known = 1;
	*readonly = 0;
	if (strcmp(key, "HeartbeatInterval") == 0)
		snprintf(out, n, "%d", cp->heartbeat_s);
	else if (strcmp(key, "MeterValueSampleInterval") == 0)
		snprintf(out, n, "%g", cp->meter_s);
	else if (strcmp(key, "AuthorizeRemoteTxRequests") == 0)
		snprintf(out, n, "%s", cp->authorize_remote ? "true" : "false");
	else if (strcmp(key, "MeterValuesSampledData") == 0)
		snprintf(out, n, "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage");
	else if (strcmp(key, "ConnectionTimeOut") == 0)
		snprintf(out, n, "60");
	else if ((*readonly = 1) && strcmp(key, "NumberOfConnectors") == 0)
		snprintf(out, n, "%d", cp->nconn);
	else if (strcmp(key, "SupportedFeatureProfiles") == 0)
		snprintf(out, n, "Core,FirmwareManagement,LocalAuthListManagement,Reservation,"
		    "SmartCharging,RemoteTrigger");
	else if (strcmp(key, "ChargeProfileMaxStackLevel") == 0)
		snprintf(out, n, "8");
	else if (strcmp(key, "LocalAuthListMaxLength") == 0)
		snprintf(out, n, "100");
	else
		*known = 0;
}

static const char *const config_keys_all[] = {
	"HeartbeatInterval", "MeterValueSampleInterval", "AuthorizeRemoteTxRequests",
	"MeterValuesSampledData", "ConnectionTimeOut", "NumberOfConnectors",
	"SupportedFeatureProfiles", "ChargeProfileMaxStackLevel", "LocalAuthListMaxLength", NULL
};

static void
cmd_get_configuration(struct cp *cp, const char *uid, json_t *p)
{
	json_t *keys = json_object_get(p, "key"), *known = json_array(), *unknown = json_array();
	json_t *res;
	char v[200];
	int ro, k;
	size_t i, n = json_is_array(keys) ? json_array_size(keys) : 0;

	if (n == 0) {
		for (i = 0; config_keys_all[i]; i++) {
			config_value(cp, config_keys_all[i], v, sizeof v, &ro, &k);
			json_array_append_new(known, json_pack("{s s s b s s}", "key", config_keys_all[i],
			    "readonly", ro, "value", v));
		}
	}
	for (i = 0; i < n; i++) {
		const char *key = json_string_value(json_array_get(keys, i));
		if (key == NULL)
			continue;
		config_value(cp, key, v, sizeof v, &ro, &k);
		if (k)
			json_array_append_new(known, json_pack("{s s s b s s}", "key", key, "readonly", ro,
			    "value", v));
		else
			json_array_append_new(unknown, json_string(key));
	}
	res = json_pack("{s o}", "configurationKey", known);
	if (json_array_size(unknown))
		json_object_set_new(res, "unknownKey", unknown);
	else
		json_decref(unknown);
	cp_answer(cp, uid, res, NULL, NULL);
}

static int
parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

static void
cmd_change_configuration(struct cp *cp, const char *uid, json_t *p)
{
	const char *key = json_string_value(json_object_get(p, "key"));
	const char *value = json_string_value(json_object_get(p, "value"));
	char v[200];
	int ro, known, n;

	if (key == NULL || value == NULL) {
		answer_status(cp, uid, "Rejected");
		return;
	}
	config_value(cp, key, v, sizeof v, &ro, &known);
	if (!known) {
		answer_status(cp, uid, "NotSupported");
		return;
	}
	if (ro) {
		answer_status(cp, uid, "Rejected");
		return;
	}
	if (strcmp(key, "HeartbeatInterval") == 0 && parse_int(value, 1, 86400, &n) == 0) {
		cp->heartbeat_s = n;
		if (cp->booted)
			tmr_schedule(cp->sim, &cp->sul_hb, heartbeat_cb, secs(n));
	} else if (strcmp(key, "MeterValueSampleInterval") == 0 && parse_int(value, 1, 86400, &n) == 0) {
		cp->meter_s = n;
	} else if (strcmp(key, "AuthorizeRemoteTxRequests") == 0 &&
	    (strcmp(value, "true") == 0 || strcmp(value, "false") == 0)) {
		cp->authorize_remote = value[0] == 't';
	} else if (strcmp(key, "ConnectionTimeOut") == 0 && parse_int(value, 1, 3600, &n) == 0) {
		;
	} else if (strcmp(key, "MeterValuesSampledData") == 0) {
		;
	} else {
		answer_status(cp, uid, "Rejected");
		return;
	}
	answer_status(cp, uid, "Accepted");
}

static void
cmd_clear_cache(struct cp *cp, const char *uid, json_t *p)
{
	(void)p;
	answer_status(cp, uid, "Accepted");
}

static void
cmd_trigger(struct cp *cp, const char *uid, json_t *p)
{
	const char *what = json_string_value(json_object_get(p, "requestedMessage"));
	json_t *cid = json_object_get(p, "connectorId");
	struct connector *k = cid ? connector_arg(cp, p, 1) : NULL;

	if (what == NULL || (cid && k == NULL)) {
		answer_status(cp, uid, "Rejected");
		return;
	}
	if (strcmp(what, "BootNotification") == 0) {
		answer_status(cp, uid, "Accepted");
		send_boot(cp);
	} else if (strcmp(what, "Heartbeat") == 0) {
		answer_status(cp, uid, "Accepted");
		cp_call(cp, A_HEARTBEAT, json_object(), 0, 0);
	} else if (strcmp(what, "StatusNotification") == 0) {
		answer_status(cp, uid, "Accepted");
		for (int i = 0; i <= cp->nconn; i++)
			if (k == NULL || k == &cp->c[i])
				send_status(&cp->c[i]);
	} else if (strcmp(what, "MeterValues") == 0) {
		answer_status(cp, uid, "Accepted");
		for (int i = 1; i <= cp->nconn; i++)
			if (k == NULL || k->n == 0 || k == &cp->c[i])
				send_meter(&cp->c[i], "Trigger");
	} else if (strcmp(what, "DiagnosticsStatusNotification") == 0) {
		answer_status(cp, uid, "Accepted");
		cp_call(cp, A_DIAG_STATUS, json_pack("{s s}", "status", "Idle"), 0, 0);
	} else if (strcmp(what, "FirmwareStatusNotification") == 0) {
		answer_status(cp, uid, "Accepted");
		cp_call(cp, A_FW_STATUS, json_pack("{s s}", "status", "Idle"), 0, 0);
	} else {
		answer_status(cp, uid, "NotImplemented");
	}
}

static void
cmd_reserve_now(struct cp *cp, const char *uid, json_t *p)
{
	struct connector *k = connector_arg(cp, p, 1);
	json_int_t rid = json_integer_value(json_object_get(p, "reservationId"));

	if (k == NULL || k->n == 0) {
		answer_status(cp, uid, "Rejected");   /* ReserveConnectorZeroSupported: false */
		return;
	}
	if (!k->operative) {
		answer_status(cp, uid, "Unavailable");
		return;
	}
	if (k->in_session || (k->reservation_id && k->reservation_id != rid)) {
		answer_status(cp, uid, "Occupied");
		return;
	}
	answer_status(cp, uid, "Accepted");
	k->reservation_id = (int)rid;
	set_status(k, S_RESERVED);
}

static void
cmd_cancel_reservation(struct cp *cp, const char *uid, json_t *p)
{
	json_int_t rid = json_integer_value(json_object_get(p, "reservationId"));

	for (int i = 1; i <= cp->nconn; i++) {
		struct connector *k = &cp->c[i];
		if (k->reservation_id && k->reservation_id == rid) {
			answer_status(cp, uid, "Accepted");
			k->reservation_id = 0;
			if (!k->in_session)
				set_status(k, k->operative ? S_AVAILABLE : S_UNAVAILABLE);
			return;
		}
	}
	answer_status(cp, uid, "Rejected");
}

static void
cmd_send_local_list(struct cp *cp, const char *uid, json_t *p)
{
	json_int_t v = json_integer_value(json_object_get(p, "listVersion"));
	const char *type = json_string_value(json_object_get(p, "updateType"));

	if (type && strcmp(type, "Differential") == 0 && v <= cp->local_list_version) {
		answer_status(cp, uid, "VersionMismatch");
		return;
	}
	cp->local_list_version = (int)v;
	answer_status(cp, uid, "Accepted");
}

static void
cmd_get_local_list_version(struct cp *cp, const char *uid, json_t *p)
{
	(void)p;
	cp_answer(cp, uid, json_pack("{s i}", "listVersion", cp->local_list_version), NULL, NULL);
}

static void
cmd_set_charging_profile(struct cp *cp, const char *uid, json_t *p)
{
	if (json_object_get(p, "connectorId") && connector_arg(cp, p, 1) == NULL) {
		answer_status(cp, uid, "Rejected");
		return;
	}
	cp->profiles++;
	answer_status(cp, uid, "Accepted");
}

static void
cmd_clear_charging_profile(struct cp *cp, const char *uid, json_t *p)
{
	(void)p;
	answer_status(cp, uid, cp->profiles ? "Accepted" : "Unknown");
	cp->profiles = 0;
}

static void
cmd_get_composite_schedule(struct cp *cp, const char *uid, json_t *p)
{
	struct connector *k = connector_arg(cp, p, 1);
	json_int_t duration = json_integer_value(json_object_get(p, "duration"));
	const char *unit = json_string_value(json_object_get(p, "chargingRateUnit"));
	char ts[32];

	if (k == NULL) {
		answer_status(cp, uid, "Rejected");
		return;
	}
	clock_now(CLOCK_ISO, ts);
	unit = unit && strcmp(unit, "W") == 0 ? "W" : "A";
	cp_answer(cp, uid, json_pack("{s s s i s s s {s I s s s [{s i s f}]}}", "status", "Accepted",
	    "connectorId", k->n, "scheduleStart", ts, "chargingSchedule", "duration",
	    (json_int_t)duration, "chargingRateUnit", unit, "chargingSchedulePeriod", "startPeriod", 0,
	    "limit", unit[0] == 'W' ? (double)cp->power_w : 16.0), NULL, NULL);
}

static void
cmd_get_diagnostics(struct cp *cp, const char *uid, json_t *p)
{
	char name[80];

	(void)p;
	snprintf(name, sizeof name, "diagnostics-%s.log", cp->identity);
	cp_answer(cp, uid, json_pack("{s s}", "fileName", name), NULL, NULL);
	cp_call(cp, A_DIAG_STATUS, json_pack("{s s}", "status", "Uploading"), 0, 0);
	cp_call(cp, A_DIAG_STATUS, json_pack("{s s}", "status", "Uploaded"), 0, 0);
}

static void
cmd_update_firmware(struct cp *cp, const char *uid, json_t *p)
{
	static const char *const steps[] = { "Downloading", "Downloaded", "Installing", "Installed" };

	(void)p;
	cp_answer(cp, uid, json_object(), NULL, NULL);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		cp_call(cp, A_FW_STATUS, json_pack("{s s}", "status", steps[i]), 0, 0);
}

static void
cmd_data_transfer(struct cp *cp, const char *uid, json_t *p)
{
	const char *vendor = json_string_value(json_object_get(p, "vendorId"));
	json_t *data = json_object_get(p, "data");

	if (vendor == NULL || strcmp(vendor, "evshare") != 0) {
		answer_status(cp, uid, "UnknownVendorId");
		return;
	}
	if (json_is_string(data))
		cp_answer(cp, uid, json_pack("{s s s O}", "status", "Accepted", "data", data), NULL, NULL);
	else
		answer_status(cp, uid, "Accepted");
}

static const struct {
	const char *action;
	cmd_fn fn;
} commands[] = {
	{ "RemoteStartTransaction", cmd_remote_start },
	{ "RemoteStopTransaction", cmd_remote_stop },
	{ "Reset", cmd_reset },
	{ "UnlockConnector", cmd_unlock },
	{ "ChangeAvailability", cmd_change_availability },
	{ "ChangeConfiguration", cmd_change_configuration },
	{ "GetConfiguration", cmd_get_configuration },
	{ "ClearCache", cmd_clear_cache },
	{ "TriggerMessage", cmd_trigger },
	{ "ReserveNow", cmd_reserve_now },
	{ "CancelReservation", cmd_cancel_reservation },
	{ "SendLocalList", cmd_send_local_list },
	{ "GetLocalListVersion", cmd_get_local_list_version },
	{ "SetChargingProfile", cmd_set_charging_profile },
	{ "ClearChargingProfile", cmd_clear_charging_profile },
	{ "GetCompositeSchedule", cmd_get_composite_schedule },
	{ "GetDiagnostics", cmd_get_diagnostics },
	{ "UpdateFirmware", cmd_update_firmware },
	{ "DataTransfer", cmd_data_transfer },
};

void
bh_on_server_call(struct cp *cp, const char *uid, const char *action, json_t *payload)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(commands[i].action, action) == 0) {
			commands[i].fn(cp, uid, payload);
			return;
		}
	}
	cp->sim->st.server_unknown++;
	cp_answer(cp, uid, NULL, "NotImplemented", "this charger does not know the action");
}
