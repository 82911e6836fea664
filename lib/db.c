/* db.c - see db.h. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"

/* The server's notices (and warnings) go through our log, escaped like every other line,
 * instead of libpq's default, which prints them to stderr as they come. */
static void
notice_to_log(void *arg, const char *msg)
{
	(void)arg;
	log_info("postgresql: %s", msg);
}

PGconn *
db_connect(const char *user_key, const char *app, char *err, size_t errlen)
{
	const char *keys[] = { "dbname", "user", "application_name", "connect_timeout", NULL };
	const char *vals[] = { config_str("database"), config_str(user_key), app, "5", NULL };
	PGconn *c;

	/* expand_dbname=1: "database" may be a whole conninfo string or URI */
	c = PQconnectdbParams(keys, vals, 1);
	if (c == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		snprintf(err, errlen, "%s", PQerrorMessage(c));
		err[strcspn(err, "\n")] = '\0';
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, notice_to_log, NULL);
	return c;
}

int
db_prepare(PGconn *c, const char *name, const char *sql)
{
	PGresult *r = PQprepare(c, name, sql, 0, NULL);
	int rc = 0;

	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		log_error("prepare %s: %s", name, PQresultErrorMessage(r));
		rc = -1;
	}
	PQclear(r);
	return rc;
}

int
db_prepare_all(PGconn *c, const struct db_stmt *stmts)
{
	for (; stmts->name; stmts++)
		if (db_prepare(c, stmts->name, stmts->sql) < 0)
			return -1;
	return 0;
}
