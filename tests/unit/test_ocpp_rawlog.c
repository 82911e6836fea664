/* test_ocpp_rawlog.c - the raw log's lines (ocpp-bridge/rawlog.c log_line, log_answer): a frame
 * becomes its line of COPY ocpp_messages text, escaped; a CALL and its answer one line; a
 * CALLERROR's parts one object; what is not a frame nothing. Pure: no database, no writer. */
#include "../../lib/ocpp/identity.c"
#include "../../ocpp-bridge/util.c"
#include "../../ocpp-bridge/statements.c"
#include "../../ocpp-bridge/rounds.c"
#include "../../ocpp-bridge/rawlog.c"
#include "../../ocpp-bridge/store.c"
#include "t.h"

#define AT "2024-01-02 03:04:05.123456+00"
#define AT2 "2024-01-02 03:04:06.000001+00"

/* The whole line of a frame logged alone (store_log's), or NULL when it is not one. */
static const char *
alone(int64_t cp, const char *dir, const char *action, const char *frame)
{
	static struct buf b;

	b.len = 0;
	if (log_line(&b, cp, dir, action, frame, strlen(frame), AT) < 0 || buf_adds(&b, LOG_NO_ANSWER) < 0)
		return NULL;
	return b.s;
}

/* A CALL's line completed by its answer, or NULL. */
static const char *
answered(const char *call, const char *answer)
{
	static struct buf b;

	b.len = 0;
	if (log_line(&b, 12, "in", NULL, call, strlen(call), AT) < 0 ||
	    log_answer(&b, answer, strlen(answer), AT2) < 0)
		return NULL;
	return b.s;
}

static void
test_frames(void)
{
	T_STR(alone(7, "in", NULL, "[2,\"abc\",\"Heartbeat\",{}]"),
	    "7\tin\t2\tabc\tHeartbeat\t" AT "\t{}\t\\N\t\\N\t\\N\n", "a CALL: its action from the frame, no answer");
	T_STR(alone(7, "out", "Reset", "[3,\"u1\",{\"status\":\"Accepted\"}]"),
	    "7\tout\t3\tu1\tReset\t" AT "\t{\"status\":\"Accepted\"}\t\\N\t\\N\t\\N\n",
	    "an answer alone, with the action it answers");
	T_STR(alone(7, "in", NULL, "[3,\"u1\",{}]"), "7\tin\t3\tu1\t\\N\t" AT "\t{}\t\\N\t\\N\t\\N\n",
	    "an answer without its action: NULL");
	T_STR(alone(-1, "in", NULL, " [ 2 , \"a\" , \"Authorize\" , {\"idTag\":\"T\"} ] "),
	    "-1\tin\t2\ta\tAuthorize\t" AT "\t{\"idTag\":\"T\"}\t\\N\t\\N\t\\N\n",
	    "white space around the parts is not kept");
	T_STR(alone(0, "in", NULL, "[4,\"e1\",\"NotImplemented\",\"no such action\",{\"x\":1}]"),
	    "0\tin\t4\te1\t\\N\t" AT "\t{\"errorCode\":\"NotImplemented\",\"errorDescription\":"
	    "\"no such action\",\"errorDetails\":{\"x\":1}}\t\\N\t\\N\t\\N\n",
	    "a CALLERROR: its three parts as one object");
	T_STR(alone(0, "in", NULL, "[4,\"e1\",\"GenericError\",\"\"]"),
	    "0\tin\t4\te1\t\\N\t" AT "\t{\"errorCode\":\"GenericError\",\"errorDescription\":\"\","
	    "\"errorDetails\":{}}\t\\N\t\\N\t\\N\n", "... without its details: {}");
}

static void
test_escaping(void)
{
	/* JSON may hold tabs and newlines between its tokens and backslashes in its strings: in
	 * COPY text a tab ends a field and a newline a row, so they are escaped */
	T_STR(alone(1, "in", NULL, "[2,\"a\\\\b\",\"DataTransfer\",{\"data\":\"x\\\\ny\",\n\t\"v\":1}]"),
	    "1\tin\t2\ta\\\\b\tDataTransfer\t" AT "\t{\"data\":\"x\\\\\\\\ny\",\\n\\t\"v\":1}\t\\N\t\\N\t\\N\n",
	    "tab, newline and backslash escaped (the unique id as decoded, the payload as sent)");
	T_STR(alone(1, "in", NULL, "[2,\"\\u00e9\\t\",\"Heartbeat\",{}]"),
	    "1\tin\t2\t\xc3\xa9\\t\tHeartbeat\t" AT "\t{}\t\\N\t\\N\t\\N\n",
	    "a unique id's \\u escapes decoded, its tab escaped");
	T_STR(alone(1, "in", "Ta\tb\\", "[3,\"u\",{}]"), "1\tin\t3\tu\tTa\\tb\\\\\t" AT "\t{}\t\\N\t\\N\t\\N\n",
	    "the action given is escaped too");
}

static void
test_call_and_answer(void)
{
	T_STR(answered("[2,\"m1\",\"MeterValues\",{\"connectorId\":1}]", "[3,\"m1\",{}]"),
	    "12\tin\t2\tm1\tMeterValues\t" AT "\t{\"connectorId\":1}\t3\t" AT2 "\t{}\n",
	    "a CALL and its answer: one line");
	T_STR(answered("[2,\"m1\",\"Reset\",{}]", "[4,\"m1\",\"InternalError\",\"db\",{}]"),
	    "12\tin\t2\tm1\tReset\t" AT "\t{}\t4\t" AT2
	    "\t{\"errorCode\":\"InternalError\",\"errorDescription\":\"db\",\"errorDetails\":{}}\n",
	    "a CALL and its CALLERROR: one line");
	T_OK(answered("[2,\"m1\",\"Reset\",{}]", "[2,\"m2\",\"Reset\",{}]") == NULL,
	    "a CALL does not answer a CALL");
	T_OK(answered("[2,\"m1\",\"Reset\",{}]", "[3,\"m1\"") == NULL, "a broken answer completes nothing");
}

static void
test_not_frames(void)
{
	static const char *const bad[] = {
		"", "not json", "{}", "[]", "[2]", "[2,\"a\"]", "[2,\"a\",\"Heartbeat\"]",
		"[2,\"a\",\"Heartbeat\",{},1]", "[3,\"a\",{},1]", "[4,\"a\",\"E\"]", "[4,\"a\",\"E\",\"d\",{},1]",
		"[5,\"a\",{}]", "[1,\"a\",{}]", "[22,\"a\",{}]", "[2,a,\"Heartbeat\",{}]", "[2,\"a\",7,{}]",
		"[2,\"a\",\"Heartbeat\",{}", "[2,\"a\\\",\"Heartbeat\",{}]",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		T_OK(alone(1, "in", NULL, bad[i]) == NULL, "not a frame: nothing logged: %s", bad[i]);
	{
		char uid[200], frame[300];

		memset(uid, 'u', sizeof uid - 1);
		uid[sizeof uid - 1] = '\0';
		snprintf(frame, sizeof frame, "[3,\"%s\",{}]", uid);
		T_OK(alone(1, "in", NULL, frame) == NULL, "a unique id longer than any OCPP allows: nothing");
	}
}

static void
test_clock_pg(void)
{
	static const char form[] = "dddd-dd-dd dd:dd:dd.dddddd+00";
	char at[40];
	int shape = 1;

	clock_now(CLOCK_PG, at);
	for (size_t i = 0; i < sizeof form - 1; i++)
		shape &= form[i] == 'd' ? at[i] >= '0' && at[i] <= '9' : at[i] == form[i];
	T_OK(shape && at[sizeof form - 1] == '\0', "clock_now(CLOCK_PG): \"%s\", PostgreSQL's form in UTC", at);
}

int
main(void)
{
	test_frames();
	test_escaping();
	test_call_and_answer();
	test_not_frames();
	test_clock_pg();
	return t_done();
}
