/* db.c - see db.h. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"

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
	return c;
}

int
db_prepare_all(PGconn *c, const struct db_stmt *stmts)
{
	for (; stmts->name; stmts++) {
		PGresult *r = PQprepare(c, stmts->name, stmts->sql, 0, NULL);

		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			log_error("prepare %s: %s", stmts->name, PQresultErrorMessage(r));
			PQclear(r);
			return -1;
		}
		PQclear(r);
	}
	return 0;
}
