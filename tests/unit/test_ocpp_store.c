/* test_ocpp_store.c - the store's job parameters: what a job keeps of each (copied, in its own
 * room or not, integers without printf) is what the statement is sent. No database. */
#include "../../lib/buf.c"
#include "../../lib/config.c"
#include "../../lib/db.c"
#include "../../lib/log.c"
#include "../../lib/ocpp/identity.c"
#include "../../ocpp-bridge/util.c"
#include "../../ocpp-bridge/statements.c"
#include "../../ocpp-bridge/rounds.c"
#include "../../ocpp-bridge/rawlog.c"
#include "../../ocpp-bridge/store.c"
#include "t.h"

#include <limits.h>

static void
test_params(void)
{
	struct job *j = job_new(Q_CONNECT, NULL);
	char big[300], num[32];
	static const long long ints[] = { 0, 7, -7, 1234567890123LL, LLONG_MAX, LLONG_MIN };

	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		snprintf(num, sizeof num, "%lld", ints[i]);
		job_param_int(j, ints[i]);
		T_STR(j->params[j->nparams - 1], num, "integer %s", num);
	}
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	job_param(j, big);
	T_STR(j->params[j->nparams - 1], big, "a parameter longer than the room is kept whole");
	T_OK(!in_room(j, j->params[j->nparams - 1]), "... outside the room");
	job_param(j, NULL);
	T_OK(j->params[j->nparams - 1] == NULL, "NULL stays NULL");
	job_paramf(j, "%.17g", 0.1);
	T_STR(j->params[j->nparams - 1], "0.10000000000000001", "printf form");
	j->uid = job_copy(j, "0123456789abcdef0123456789abcdef0123");
	T_STR(j->uid, "0123456789abcdef0123456789abcdef0123", "uid copied");
	/* the room fills up: later parameters are allocated, and every one reads back */
	for (int i = 0; j->nparams < JOB_MAX_PARAMS; i++) {
		snprintf(num, sizeof num, "%d%d%d%d", i, i, i, i);
		job_param(j, num);
		T_STR(j->params[j->nparams - 1], num, "parameter %d after the room filled", j->nparams);
	}
	T_OK(j->roomlen <= sizeof j->room, "the room never overflows");
	T_INT(j->broken, 0, "nothing broken");
	job_param(j, "one too many");
	T_INT(j->broken, 1, "a 17th parameter breaks the job");
	job_free(j);            /* ASan: frees exactly what was allocated */
}

/* buf_add_int (lib/buf.c), which the raw-log lines and the grouped ids use: printf's %lld */
static void
test_buf_add_int(void)
{
	static const long long ints[] = { 0, 9, -1, 10, 4096, -1234567890123LL, LLONG_MAX, LLONG_MIN };
	struct buf b = { 0 };
	char want[600] = "", num[32];

	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		snprintf(num, sizeof num, "%s%lld", i ? "," : "", ints[i]);
		strcat(want, num);
		T_INT(buf_adds(&b, i ? "," : "") | buf_add_int(&b, ints[i]), 0, "appended %lld", ints[i]);
	}
	T_STR(b.s, want, "every integer as printf writes it");
	buf_free(&b);
}

int
main(void)
{
	test_params();
	test_buf_add_int();
	return t_done();
}
