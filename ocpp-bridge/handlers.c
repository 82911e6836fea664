/* handlers.c - what the bridge does with each CALL a charger sends: one row per action of
 * lib/ocpp's table (handlers[], indexed by enum ocpp_action_id), with the function that submits
 * its job (call), the statement the job runs (stmt: store.h; its SQL calls the ocpp_* functions
 * of sql/defs/20_ocpp.sql and 30_meter.sql) and the answer built once the job has committed (done).
 * The payload has already passed the action's schema; the call functions check what the schema
 * cannot (number ranges: connector ids, meter readings, sampled values) and translate it to the
 * statement's parameters. */
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "clock.h"
#include "log.h"

/* ---------------------------------------------------------------- helpers */

/* An integer as JSON Schema sees one (5 or 5.0) into *out; 0 ok, -1 absent or not one. */
static int
jint(const json_t *v, long long *out)
{
	if (json_is_integer(v)) {
		*out = (long long)json_integer_value(v);
		return 0;
	}
	if (json_is_real(v) && fabs(json_real_value(v)) < 9e15) {
		*out = (long long)json_real_value(v);
		return 0;
	}
	return -1;
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

struct handler;
typedef enum ocpp_error handler_fn(struct session *s, struct inmsg *m, const struct handler *h,
                                   char *desc, size_t dl);

/* A row of the table (at the end of the file). */
struct handler {
	handler_fn *call;               /* checks the payload, submits the job (call_job, submit) */
	enum stmt stmt;                 /* what the job runs */
	job_done_fn done;               /* answers the charger after the commit (answerable first) */
};

/* A job of h answering the current CALL of s; first parameter the charge point id. */
static struct job *
call_job(struct session *s, struct inmsg *m, const struct handler *h)
{
	struct job *j = job_new(h->stmt, h->done);

	if (j == NULL)
		return NULL;
	j->s = s;
	j->cp = s->cp_id;
	session_ref(s);
	j->uid = job_copy(j, m->f.id);
	j->action = s->busy_action;
	if (h->stmt != Q_AUTHORIZE)
		job_param_int(j, s->cp_id);
	return j;
}

static enum ocpp_error
submit(struct session *s, struct job *j, char *desc, size_t dl)
{
	if (j == NULL || j->uid == NULL) {
		if (j) {
			session_unref(j->s);
			job_free(j);
		}
		snprintf(desc, dl, "out of memory");
		return OCPP_INTERNAL_ERROR;
	}
	store_submit(j, (uint64_t)s->cp_id);
	return OCPP_OK;
}

/* Common start of every done(): 1 if an answer is to be built from j->res. */
static int
answerable(struct job *j)
{
	struct session *s = j->s;

	if (s->closed)
		return 0;
	if (!j->ok) {
		log_warn("%s: %s not stored: %s", s->identity,
		    s->busy_action ? s->busy_action->name : "?", j->err);
		session_reply_error(s, j->uid, OCPP_INTERNAL_ERROR,
		    "the central system could not store this message; please send it again");
		return 0;
	}
	return 1;
}

static const char *
col(struct job *j, int c)
{
	if (j->res == NULL || PQntuples(j->res) < 1 || PQgetisnull(j->res, 0, c))
		return NULL;
	return PQgetvalue(j->res, 0, c);
}

static json_t *
now_json(void)
{
	char t[CLOCK_TEXT_MAX];

	clock_now(CLOCK_ISO, t);
	return json_string(t);
}

/* idTagInfo from columns status, expiry, parent starting at c */
static json_t *
id_tag_info(struct job *j, int c)
{
	json_t *info = json_pack("{s:s}", "status", col(j, c) ? col(j, c) : "Invalid");

	if (col(j, c + 1))
		json_object_set_new(info, "expiryDate", json_string(col(j, c + 1)));
	if (col(j, c + 2))
		json_object_set_new(info, "parentIdTag", json_string(col(j, c + 2)));
	return info;
}

static void
done_empty(struct job *j)
{
	if (answerable(j))
		session_reply(j->s, j->uid, NULL);
}

/* ---------------------------------------------------------------- the actions */

static void
boot_done(struct job *j)
{
	const char *st;
	json_t *p;

	if (!answerable(j))
		return;
	st = col(j, 0) ? col(j, 0) : "rejected";
	snprintf(j->s->cp->boot_state, sizeof j->s->cp->boot_state, "%s", st);
	log_info("%s: boot %s", j->s->identity, st);
	p = json_pack("{s:s,s:o,s:i}",
	    "status", strcmp(st, "accepted") == 0 ? "Accepted" : strcmp(st, "pending") == 0 ? "Pending" : "Rejected",
	    "currentTime", now_json(),
	    "interval", strcmp(st, "accepted") == 0 ? B.heartbeat_interval : 60);
	session_reply(j->s, j->uid, p);
}

static enum ocpp_error
boot(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	const json_t *p = m->f.payload;
	struct job *j = call_job(s, m, h);
	const char *serial = jstr(p, "chargePointSerialNumber");

	if (j == NULL)
		return submit(s, j, desc, dl);
	if (serial == NULL)
		serial = jstr(p, "chargeBoxSerialNumber");
	job_param(j, jstr(p, "chargePointVendor"));
	job_param(j, jstr(p, "chargePointModel"));
	job_param(j, serial);
	job_param(j, jstr(p, "firmwareVersion"));
	job_param(j, jstr(p, "iccid"));
	job_param(j, jstr(p, "imsi"));
	job_param(j, jstr(p, "meterType"));
	job_param(j, jstr(p, "meterSerialNumber"));
	job_paramf(j, "%d", B.heartbeat_interval);
	return submit(s, j, desc, dl);
}

static void
heartbeat_done(struct job *j)
{
	if (answerable(j))
		session_reply(j->s, j->uid, json_pack("{s:o}", "currentTime", now_json()));
}

static enum ocpp_error
heartbeat(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	return submit(s, call_job(s, m, h), desc, dl);
}

static enum ocpp_error
status(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	const json_t *p = m->f.payload;
	long long conn;
	char now[CLOCK_TEXT_MAX];
	struct job *j;

	if (jint(json_object_get(p, "connectorId"), &conn) < 0 || conn < 0 || conn > INT_MAX) {
		snprintf(desc, dl, "connectorId must be 0 or more");
		return OCPP_PROPERTY_CONSTRAINT_VIOLATION;
	}
	/* a grouped job (see store.h): its parameters are array elements */
	if ((j = call_job(s, m, h)) == NULL)
		return submit(s, j, desc, dl);
	clock_now(CLOCK_ISO, now);
	job_param_int(j, conn);
	job_param_elem(j, jstr(p, "status"));
	job_param_elem(j, jstr(p, "errorCode"));
	job_param_elem(j, jstr(p, "info"));
	job_param_elem(j, jstr(p, "vendorId"));
	job_param_elem(j, jstr(p, "vendorErrorCode"));
	job_param_elem(j, jstr(p, "timestamp") ? jstr(p, "timestamp") : now);
	return submit(s, j, desc, dl);
}

static void
authorize_done(struct job *j)
{
	if (answerable(j))
		session_reply(j->s, j->uid, json_pack("{s:o}", "idTagInfo", id_tag_info(j, 0)));
}

static enum ocpp_error
authorize(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	struct job *j = call_job(s, m, h);

	if (j)
		job_param(j, jstr(m->f.payload, "idTag"));
	return submit(s, j, desc, dl);
}

static void
start_done(struct job *j)
{
	long long tx;

	if (!answerable(j))
		return;
	tx = col(j, 0) ? atoll(col(j, 0)) : 0;
	log_info("%s: transaction %lld started%s", j->s->identity, tx,
	    col(j, 4) && col(j, 4)[0] == 't' ? " (a retry: the same transaction)" : "");
	session_reply(j->s, j->uid, json_pack("{s:I,s:o}", "transactionId", (json_int_t)tx,
	    "idTagInfo", id_tag_info(j, 1)));
}

static enum ocpp_error
start(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	const json_t *p = m->f.payload;
	long long conn, meter, res;
	uint32_t cand[4];
	struct job *j;

	if (jint(json_object_get(p, "connectorId"), &conn) < 0 || conn < 1 || conn > INT_MAX) {
		snprintf(desc, dl, "connectorId must be 1 or more");
		return OCPP_PROPERTY_CONSTRAINT_VIOLATION;
	}
	if (jint(json_object_get(p, "meterStart"), &meter) < 0 || meter < 0) {
		snprintf(desc, dl, "meterStart must be 0 or more (Wh)");
		return OCPP_PROPERTY_CONSTRAINT_VIOLATION;
	}
	if ((j = call_job(s, m, h)) == NULL)
		return submit(s, j, desc, dl);
	job_paramf(j, "%lld", conn);
	job_param(j, jstr(p, "idTag"));
	job_paramf(j, "%lld", meter);
	if (jint(json_object_get(p, "reservationId"), &res) == 0 && res >= INT_MIN && res <= INT_MAX)
		job_paramf(j, "%lld", res);
	else
		job_param(j, NULL);
	job_param(j, jstr(p, "timestamp"));
	/* random positive int32 ids from libsodium's CSPRNG: not guessable from outside */
	for (int i = 0; i < 4; i++)
		cand[i] = 1 + randombytes_uniform(INT32_MAX - 1);
	job_paramf(j, "{%u,%u,%u,%u}", cand[0], cand[1], cand[2], cand[3]);
	return submit(s, j, desc, dl);
}

static void
stop_done(struct job *j)
{
	json_t *p;

	if (!answerable(j))
		return;
	log_info("%s: StopTransaction %lld: %s", j->s->identity, j->n, col(j, 3) ? col(j, 3) : "?");
	p = json_object();
	if (col(j, 0))
		json_object_set_new(p, "idTagInfo", id_tag_info(j, 0));
	session_reply(j->s, j->uid, p);
}

static enum ocpp_error
stop(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	const json_t *p = m->f.payload;
	long long tx, meter;
	unsigned skipped = 0;
	json_t *samples = NULL;
	struct job *j;

	if (jint(json_object_get(p, "meterStop"), &meter) < 0 || meter < 0) {
		snprintf(desc, dl, "meterStop must be 0 or more (Wh)");
		return OCPP_PROPERTY_CONSTRAINT_VIOLATION;
	}
	if (meter_check(json_object_get(p, "transactionData"), "/transactionData", desc, dl) < 0)
		return OCPP_PROPERTY_CONSTRAINT_VIOLATION;
	/* an id that cannot be ours is an unknown transaction, still answered */
	if (jint(json_object_get(p, "transactionId"), &tx) < 0 || tx < 1 || tx > INT32_MAX)
		tx = 0;
	if ((j = call_job(s, m, h)) == NULL)
		return submit(s, j, desc, dl);
	j->n = tx;
	job_paramf(j, "%lld", tx);
	job_param(j, jstr(p, "idTag"));
	job_paramf(j, "%lld", meter);
	job_param(j, jstr(p, "timestamp"));
	job_param(j, jstr(p, "reason"));
	if (json_object_get(p, "transactionData"))
		samples = meter_samples(json_object_get(p, "transactionData"), &skipped);
	if (samples) {
		char *t = json_dumps(samples, JSON_COMPACT);

		job_param(j, t);
		free(t);
		json_decref(samples);
	} else {
		job_param(j, NULL);
	}
	return submit(s, j, desc, dl);
}

/* MeterValues: a grouped job (see store.h). Its parameters are its elements of the group's
 * arrays: connector, transaction, energy, power (one each), then the METER_COLS lists of its
 * samplings and their sampled values. */
static enum ocpp_error
meter_values(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	const json_t *p = m->f.payload;
	long long conn, tx;
	unsigned n, skipped;
	double energy, power;
	int rc;
	struct buf cols[METER_COLS];
	struct job *j;

	if (jint(json_object_get(p, "connectorId"), &conn) < 0 || conn < 0 || conn > INT_MAX) {
		snprintf(desc, dl, "connectorId must be 0 or more");
		return OCPP_PROPERTY_CONSTRAINT_VIOLATION;
	}
	memset(cols, 0, sizeof cols);
	/* the range check is in meter_rows (one pass on the hot path); meter_check words a refusal */
	if ((rc = meter_rows(json_object_get(p, "meterValue"), (long long)s->cp_id, cols, &n, &skipped,
	    &energy, &power)) < 0 || (j = call_job(s, m, h)) == NULL) {
		for (int c = 0; c < METER_COLS; c++)
			buf_free(&cols[c]);
		if (rc == -2 && meter_check(json_object_get(p, "meterValue"), "/meterValue", desc, dl) < 0)
			return OCPP_PROPERTY_CONSTRAINT_VIOLATION;
		snprintf(desc, dl, "out of memory");
		return OCPP_INTERNAL_ERROR;
	}
	if (skipped)
		log_info("%s: %u sampled value(s) not numeric (signed data?): not stored", s->identity, skipped);
	job_paramf(j, "%lld", conn);
	/* no transaction, 0 or one that cannot be ours: the values belong to no transaction */
	if (jint(json_object_get(p, "transactionId"), &tx) == 0 && tx > 0 && tx <= INT32_MAX)
		job_paramf(j, "%lld", tx);
	else
		job_param(j, "NULL");
	if (isnan(energy))
		job_param(j, "NULL");
	else
		job_paramf(j, "%.17g", energy);
	if (isnan(power))
		job_param(j, "NULL");
	else
		job_paramf(j, "%.17g", power);
	for (int c = 0; c < METER_COLS; c++)
		job_param_take(j, cols[c].s ? cols[c].s : strdup(""));
	return submit(s, j, desc, dl);
}

static void
data_transfer_done(struct job *j)
{
	/* recorded, but we know no vendor's extensions */
	if (answerable(j))
		session_reply(j->s, j->uid, json_pack("{s:s}", "status", "UnknownVendorId"));
}

static enum ocpp_error
data_transfer(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	struct job *j = call_job(s, m, h);

	if (j) {
		job_param(j, jstr(m->f.payload, "vendorId"));
		job_param(j, jstr(m->f.payload, "messageId"));
		job_param(j, jstr(m->f.payload, "data"));
	}
	return submit(s, j, desc, dl);
}

/* DiagnosticsStatusNotification, FirmwareStatusNotification: a status, stored by the row's
 * statement */
static enum ocpp_error
status_report(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	struct job *j = call_job(s, m, h);

	if (j)
		job_param(j, jstr(m->f.payload, "status"));
	return submit(s, j, desc, dl);
}

static enum ocpp_error
security_event_notification(struct session *s, struct inmsg *m, const struct handler *h,
    char *desc, size_t dl)
{
	const json_t *p = m->f.payload;
	struct job *j = call_job(s, m, h);
	char kind[64], detail[400];

	if (j == NULL)
		return submit(s, j, desc, dl);
	snprintf(kind, sizeof kind, "charger:%s", jstr(p, "type"));
	snprintf(detail, sizeof detail, "%s %s", jstr(p, "timestamp"),
	    jstr(p, "techInfo") ? jstr(p, "techInfo") : "");
	job_param(j, s->identity);
	job_param(j, s->remote);
	job_param(j, kind);
	job_param(j, detail);
	return submit(s, j, desc, dl);
}

/* ---------------------------------------------------------------- the table */

/* Every action a charger may call us with (lib/ocpp: DIR_CP_TO_CS and offered); the other rows
 * are empty and answered NotSupported. */
static const struct handler handlers[ACT__MAX] = {
	[ACT_AUTHORIZE]                       = { authorize, Q_AUTHORIZE, authorize_done },
	[ACT_BOOT_NOTIFICATION]               = { boot, Q_BOOT, boot_done },
	[ACT_DATA_TRANSFER]                   = { data_transfer, Q_DATA_TRANSFER, data_transfer_done },
	[ACT_DIAGNOSTICS_STATUS_NOTIFICATION] = { status_report, Q_DIAG_STATUS, done_empty },
	[ACT_FIRMWARE_STATUS_NOTIFICATION]    = { status_report, Q_FW_STATUS, done_empty },
	[ACT_HEARTBEAT]                       = { heartbeat, Q_HEARTBEAT, heartbeat_done },
	[ACT_METER_VALUES]                    = { meter_values, Q_METER, done_empty },
	[ACT_SECURITY_EVENT_NOTIFICATION]     = { security_event_notification, Q_SECURITY_EVENT, done_empty },
	[ACT_START_TRANSACTION]               = { start, Q_START, start_done },
	[ACT_STATUS_NOTIFICATION]             = { status, Q_STATUS, done_empty },
	[ACT_STOP_TRANSACTION]                = { stop, Q_STOP, stop_done },
};

/* The CALL's action is s->busy_action: session_process looked it up once (ocpp_action_find)
 * and checked it is one a charger sends; here it only indexes. */
enum ocpp_error
handle_call(struct session *s, struct inmsg *m, char *desc, size_t desclen)
{
	const struct ocpp_action *a = s->busy_action;
	const struct handler *h = a ? &handlers[a->id] : NULL;

	if (h == NULL || h->call == NULL) {
		snprintf(desc, desclen, "%s is not supported by this central system", m->f.action);
		return OCPP_NOT_SUPPORTED;
	}
	return h->call(s, m, h, desc, desclen);
}
