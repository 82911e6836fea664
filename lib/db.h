/*
 * db.h - the libpq helpers both programs share: connecting as a given role and preparing a
 * table of statements once per connection.
 */
#ifndef EVSHARE_DB_H
#define EVSHARE_DB_H

#include <libpq-fe.h>

struct db_stmt {
	const char *name;
	const char *sql;
};

/* Connects with config "database" plus "user=<config key user_key>" (e.g. "db_user_web"),
 * application_name app. Returns a connection (caller owns, PQfinish) or NULL with a message
 * in err. Blocking. */
PGconn *db_connect(const char *user_key, const char *app, char *err, size_t errlen);

/* Prepares one statement (the bridge's table is indexed by its own enum). 0 ok, -1 (logged,
 * names the statement). Blocking. */
int db_prepare(PGconn *c, const char *name, const char *sql);

/* Prepares every statement of a NULL-terminated table (the web's). 0 ok, -1 as db_prepare. */
int db_prepare_all(PGconn *c, const struct db_stmt *stmts);

#endif
