/* admin.h - what the pieces of bin/evshare-admin share. */
#ifndef EVSHARE_ADMIN_H
#define EVSHARE_ADMIN_H

#include <libpq-fe.h>

/* The administrator's database connection (config "db_user_admin"), opened on first use;
 * exits with a message when the database cannot be reached. Owned by admin, never PQfinish it. */
PGconn *admin_db(void);

/* Each subcommand: argv[0] is the subcommand's name. Returns the process exit status. */
int admin_command(int argc, char **argv);   /* tools/admin_ocpp.c */

#endif
