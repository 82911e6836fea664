/*
 * statements.h - every statement the bridge runs, one row each (statements.c), indexed by
 * enum stmt and prepared on each worker connection by one loop (store.c connect_main). A row is
 * its prepared name, its SQL and whether its jobs are grouped (see store.h).
 */
#ifndef OCPP_STATEMENTS_H
#define OCPP_STATEMENTS_H

enum stmt {
	Q_BOOT, Q_HEARTBEAT, Q_STATUS, Q_AUTHORIZE, Q_START, Q_STOP, Q_METER, Q_DATA_TRANSFER,
	Q_DIAG_STATUS, Q_FW_STATUS, Q_SECURITY_EVENT, Q_CONNECT, Q_DISCONNECT, Q_TOUCH,
	Q_NODE_ALIVE, Q_SWEEP, Q_CLAIM, Q_CMD_FINISH, Q_CMD_RELEASE, Q_CP_ALL, Q_CP_ONE,
	Q_NODE_STOP, Q_PROBE_ASK, Q_PROBE_ANSWER, Q_PROBE_ALIVE, Q__MAX
};

struct store_stmt {
	const char *name;       /* the prepared statement's name (and in log lines) */
	const char *sql;
	int grouped;            /* 1: a round sends one statement for all its jobs (see store.h) */
};

extern const struct store_stmt store_stmts[Q__MAX];

#endif
