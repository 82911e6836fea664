/*
 * evshare-admin - the operator's command line: migrations, admins, chargers, OCPP commands.
 * Every failure prints "evshare-admin: what went wrong" on stderr and exits non-zero.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "secret.h"
#include "admin.h"
#include "ocpp/ocpp.h"

static const char usage_text[] =
"usage: evshare-admin [--database CONNINFO] COMMAND [ARGS]\n"
"\n"
"  migrate                       apply the migrations in sql/ that are not yet applied\n"
"  create-admin EMAIL            make EMAIL an admin (creating the account with a printed\n"
"                                one-time password when it does not exist)\n"
"  add-charger --owner EMAIL --identity ID [--title T --address A --lat LAT --lon LON]\n"
"              [--city C] [--connector TYPE:KW] [--price CZK] [--pending]\n"
"                                register a charge point and print its OCPP password; with\n"
"                                --title also an approved listing (--pending: awaiting review)\n"
"  list-chargers                 every charge point with its state and listing\n"
"  command IDENTITY ACTION JSON [--timeout S]\n"
"                                send an OCPP command to a connected charger and wait for\n"
"                                its answer\n"
"\n"
"Configuration: $EVSHARE_CONF and EVSHARE_* variables (see conf/evshare.conf.example);\n"
"--database wins over both. With none of EVSHARE_CONF, EVSHARE_DATABASE and --database it\n"
"uses the instance `make run` started from this checkout (var/instance.conf next to bin/,\n"
"or $EVSHARE_VAR/instance.conf).\n";

/* where the instance file was looked for (for the message when the database is away) */
static char instance_conf[4200];
static int instance_found;

static void __attribute__((format(printf, 1, 2), noreturn))
die(const char *fmt, ...)
{
	va_list ap;

	fputs("evshare-admin: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

PGconn *
admin_db(void)
{
	static PGconn *conn;
	char err[512];

	if (conn == NULL && (conn = db_connect("db_user_admin", "evshare-admin", err, sizeof err)) == NULL) {
		if (instance_conf[0] && !instance_found)
			die("cannot connect to the database: %s\n(no instance is recorded in %s: start "
			    "one with `make run`, or name the database with EVSHARE_CONF, EVSHARE_DATABASE "
			    "or --database)", err, instance_conf);
		die("cannot connect to the database: %s", err);
	}
	return conn;
}

/* Runs one parameterised statement; dies with the server's message on failure. The caller
 * owns (PQclear) the result. */
static PGresult *
q(const char *sql, int n, const char *const *params)
{
	PGresult *r = PQexecParams(admin_db(), sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		char msg[512];

		snprintf(msg, sizeof msg, "%s", PQresultErrorMessage(r));
		msg[strcspn(msg, "\n")] = '\0';
		PQclear(r);
		die("%s", msg);
	}
	return r;
}

static void
qx(const char *sql)
{
	PQclear(q(sql, 0, NULL));
}

/* ---------------------------------------------------------------- migrate */

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if (n < 0 || (buf = malloc((size_t)n + 1)) == NULL)
		die("%s: cannot read", path);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		die("%s: short read", path);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
is_migration(const struct dirent *d)
{
	const char *n = d->d_name;
	size_t len = strlen(n);

	return len > 8 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' &&
	    n[2] >= '0' && n[2] <= '9' && n[3] == '_' && strcmp(n + len - 4, ".sql") == 0;
}

/* Runs a whole SQL file in the open transaction; dies (rolled back) on the first error. */
static void
exec_file(const char *path)
{
	char *sql = slurp(path);
	PGresult *r;

	r = PQexec(admin_db(), sql);
	free(sql);
	/* (PGRES_EMPTY_QUERY: a migration that is only comments now, e.g. 005) */
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK &&
	    PQresultStatus(r) != PGRES_EMPTY_QUERY) {
		char msg[1024];

		snprintf(msg, sizeof msg, "%s", PQresultErrorMessage(r));
		msg[strcspn(msg, "\n")] = '\0';
		PQclear(r);
		PQclear(PQexec(admin_db(), "ROLLBACK"));
		die("%s: %s (nothing of it was applied)", path, msg);
	}
	PQclear(r);
}

/* A migration: the file and its row in schema_migrations, in one transaction. */
static void
run_migration(const char *path, const char *version, const char *name)
{
	const char *p[] = { version, name };

	qx("BEGIN");
	exec_file(path);
	PQclear(q("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", 2, p));
	qx("COMMIT");
}

static int
is_def(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return len > 4 && d->d_name[0] != '.' && strcmp(d->d_name + len - 4, ".sql") == 0;
}

/* The re-applied definitions (every .sql in sql/defs, in name order: functions, views, triggers), then
 * sql/grants.sql, all in one transaction: after every migrate, whatever was applied. */
static void
apply_defs(const char *dir)
{
	struct dirent **list;
	char defs[4200], path[4600];
	int n;

	snprintf(defs, sizeof defs, "%s/defs", dir);
	if ((n = scandir(defs, &list, is_def, alphasort)) < 0)
		die("%s: %s", defs, strerror(errno));
	qx("BEGIN");
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", defs, list[i]->d_name);
		exec_file(path);
		free(list[i]);
	}
	free(list);
	snprintf(path, sizeof path, "%s/grants.sql", dir);
	exec_file(path);
	qx("COMMIT");
}

static int
cmd_migrate(int argc, char **argv)
{
	struct dirent **list;
	char dir[4096], path[4400];
	int n, applied = 0;

	(void)argv;
	if (argc != 1)
		die("migrate takes no arguments");
	snprintf(dir, sizeof dir, "%s/sql", config_str("root"));
	qx("SET client_min_messages = warning");
	qx("SELECT pg_advisory_lock(727274)");   /* one migrator at a time */
	qx("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
	   "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
	if ((n = scandir(dir, &list, is_migration, alphasort)) < 0)
		die("%s: %s", dir, strerror(errno));
	for (int i = 0; i < n; i++) {
		char version[8];
		const char *p[1] = { version };
		PGresult *r;

		snprintf(version, sizeof version, "%.3s", list[i]->d_name);
		r = q("SELECT 1 FROM schema_migrations WHERE version = $1", 1, p);
		if (PQntuples(r) == 0) {
			snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
			run_migration(path, version, list[i]->d_name);
			printf("applied %s\n", list[i]->d_name);
			applied++;
		}
		PQclear(r);
		free(list[i]);
	}
	free(list);
	apply_defs(dir);
	qx("SELECT pg_advisory_unlock(727274)");
	printf("migrations: %d applied, schema up to date\n", applied);
	return 0;
}

/* ---------------------------------------------------------------- people */

static int
cmd_create_admin(int argc, char **argv)
{
	char email[256], pw[21], hash[SECRET_HASH_STR];
	PGresult *r;

	if (argc != 2)
		die("usage: evshare-admin create-admin EMAIL");
	if (strlen(argv[1]) >= sizeof email || strchr(argv[1], '@') == NULL)
		die("'%s' is not an email address", argv[1]);
	for (size_t i = 0; (email[i] = (char)tolower((unsigned char)argv[1][i])); i++)
		;
	{
		const char *p[] = { email };

		r = q("UPDATE accounts SET is_admin = true WHERE email = $1 AND state <> 'deleted' "
		      "RETURNING id", 1, p);
	}
	if (PQntuples(r) == 1) {
		const char *p[] = { PQgetvalue(r, 0, 0) };

		PQclear(q("INSERT INTO audit_log (action, target_type, target_id, reason) "
		          "VALUES ('account.grant_admin', 'account', $1, 'evshare-admin create-admin')", 1, p));
		printf("%s is now an admin\n", email);
		PQclear(r);
		return 0;
	}
	PQclear(r);
	secret_password(pw, 20);
	if (secret_hash_password(pw, PW_PERSON, hash))
		die("out of memory hashing the password");
	{
		const char *p[] = { email, hash };

		r = q("WITH a AS (INSERT INTO accounts (email, display_name, password_hash, is_admin, "
		      "email_verified_at) VALUES ($1, split_part($1, '@', 1), $2, true, now()) RETURNING id) "
		      "INSERT INTO audit_log (action, target_type, target_id, reason) "
		      "SELECT 'account.grant_admin', 'account', id, 'evshare-admin create-admin' FROM a",
		      2, p);
	}
	PQclear(r);
	printf("admin account %s created\npassword: %s\n(change it after the first login)\n", email, pw);
	return 0;
}

/* ---------------------------------------------------------------- chargers */

/* add-charger's arguments, checked; the connector and price as the tables store them. */
struct charger_args {
	const char *owner, *identity, *title, *lat, *lon, *address, *city, *state;
	char ctype[16], watts[16], price_minor[24];
};

#define ADD_CHARGER_USAGE "usage: evshare-admin add-charger --owner EMAIL --identity ID " \
	"[--title T --address A --lat LAT --lon LON]"

static void
parse_add_charger(int argc, char **argv, struct charger_args *a)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' }, { "identity", required_argument, NULL, 'i' },
		{ "title", required_argument, NULL, 't' }, { "lat", required_argument, NULL, 'y' },
		{ "lon", required_argument, NULL, 'x' }, { "address", required_argument, NULL, 'a' },
		{ "city", required_argument, NULL, 'c' }, { "connector", required_argument, NULL, 'k' },
		{ "price", required_argument, NULL, 'p' }, { "pending", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 }
	};
	const char *owner = NULL, *identity = NULL, *title = NULL, *lat = NULL, *lon = NULL;
	const char *address = NULL, *city = "", *connector = "type2:11", *price = "6.90";
	const char *state = "approved";
	long long minor;
	double kw;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o': owner = optarg; break;
		case 'i': identity = optarg; break;
		case 't': title = optarg; break;
		case 'y': lat = optarg; break;
		case 'x': lon = optarg; break;
		case 'a': address = optarg; break;
		case 'c': city = optarg; break;
		case 'k': connector = optarg; break;
		case 'p': price = optarg; break;
		case 'P': state = "pending"; break;
		default: die(ADD_CHARGER_USAGE);
		}
	}
	if (optind != argc || owner == NULL || identity == NULL)
		die(ADD_CHARGER_USAGE);
	if (!identity_ok(identity))
		die("identity '%s' must be 1-48 characters of A-Z a-z 0-9 . _ -", identity);
	if (title && (lat == NULL || lon == NULL))
		die("a listing (--title) needs --lat and --lon");
	/* the address is what drivers read on the listing page: the title is no stand-in */
	if (title && address == NULL)
		die("a listing (--title) needs --address, the street address drivers see "
		    "(e.g. --address \"Dlouhá 12, Praha\")");
	if (address && (strlen(address) < 3 || strlen(address) > 300))
		die("--address must have 3 to 300 characters");
	if (!title && (lat || lon || address))
		die("--lat, --lon and --address describe a listing: give --title too");
	if (sscanf(connector, "%15[a-z0-9]:%lf", a->ctype, &kw) != 2 || kw < 1 || kw > 400)
		die("--connector must look like type2:11 (type, then kW from 1 to 400)");
	snprintf(a->watts, sizeof a->watts, "%.0f", kw * 1000);
	/* integer haléře, never a float: 6.90 is 690 */
	if (parse_money(price, 1000 * 100, &minor) < 0)
		die("--price must be CZK per kWh, e.g. 6.90");
	snprintf(a->price_minor, sizeof a->price_minor, "%lld", minor);
	a->owner = owner;
	a->identity = identity;
	a->title = title;
	a->lat = lat;
	a->lon = lon;
	a->address = address;
	a->city = city;
	a->state = state;
}

/* The listing with its connector and tariff (inside the caller's transaction); its id into
 * listing_id. */
static void
insert_listing(const char *owner_id, const struct charger_args *a, char *listing_id, size_t n)
{
	const char *p[] = { owner_id, a->title, a->address, a->city, a->lat, a->lon, a->state,
	                    a->ctype, a->watts, a->price_minor };
	PGresult *r;

	r = q("WITH l AS (INSERT INTO listings (owner_id, title, address, city, lat, lon, state, "
	      "approved_at) VALUES ($1, $2, $3, $4, $5::float8, $6::float8, $7, "
	      "CASE WHEN $7 = 'approved' THEN now() END) RETURNING id), "
	      "c AS (INSERT INTO connectors (listing_id, connector_id, type, max_power_w) "
	      "SELECT id, 1, $8, $9::int FROM l), "
	      "t AS (INSERT INTO tariffs (listing_id, price_per_kwh) SELECT id, $10::bigint FROM l) "
	      "SELECT id FROM l", 10, p);
	snprintf(listing_id, n, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
}

static int
cmd_add_charger(int argc, char **argv)
{
	struct charger_args a;
	char pw[21], hash[SECRET_HASH_STR], owner_id[24], listing_id[24] = "";
	PGresult *r;

	parse_add_charger(argc, argv, &a);
	secret_password(pw, 20);
	if (secret_hash_password(pw, PW_MACHINE, hash))
		die("out of memory hashing the password");
	qx("BEGIN");
	{
		const char *p[] = { a.owner };

		r = q("UPDATE accounts SET is_owner = true WHERE email = lower($1) AND state = 'active' "
		      "RETURNING id", 1, p);
		if (PQntuples(r) != 1)
			die("no active account with email '%s' (create it first)", a.owner);
	}
	snprintf(owner_id, sizeof owner_id, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	if (a.title)
		insert_listing(owner_id, &a, listing_id, sizeof listing_id);
	{
		const char *p[] = { a.identity, listing_id[0] ? listing_id : NULL, hash };

		r = q("INSERT INTO charge_points (identity, listing_id, password_hash) "
		      "VALUES ($1, $2::bigint, $3) ON CONFLICT (identity) DO NOTHING RETURNING id", 3, p);
		if (PQntuples(r) != 1)
			die("a charge point with identity '%s' already exists", a.identity);
		PQclear(r);
	}
	qx("COMMIT");
	printf("identity: %s\n", a.identity);
	if (listing_id[0])
		printf("listing:  %s (%s)\n", listing_id, a.state);
	printf("ocpp url: ws://%s:%lld/ocpp/%s\n", config_str("bridge_host"),
	    config_int("bridge_port"), a.identity);
	printf("password: %s\n", pw);
	return 0;
}

static int
cmd_list_chargers(int argc, char **argv)
{
	PGresult *r;

	(void)argv;
	if (argc != 1)
		die("list-chargers takes no arguments");
	r = q("SELECT cp.identity, CASE WHEN cp.online THEN 'online' ELSE 'offline' END, "
	      "coalesce(to_char(cp.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '-'), "
	      "cp.boot_state, coalesce(l.id::text, '-'), coalesce(l.state, '-'), coalesce(a.email, '-'), "
	      "coalesce(l.title, '') "
	      "FROM charge_points cp LEFT JOIN listings l ON l.id = cp.listing_id "
	      "LEFT JOIN accounts a ON a.id = l.owner_id ORDER BY cp.identity", 0, NULL);
	printf("%-20s %-7s %-20s %-8s %-7s %-9s %-28s %s\n", "IDENTITY", "STATE", "LAST SEEN",
	    "BOOT", "LISTING", "LISTED", "OWNER", "TITLE");
	for (int i = 0; i < PQntuples(r); i++)
		printf("%-20s %-7s %-20s %-8s %-7s %-9s %-28s %s\n", PQgetvalue(r, i, 0),
		    PQgetvalue(r, i, 1), PQgetvalue(r, i, 2), PQgetvalue(r, i, 3), PQgetvalue(r, i, 4),
		    PQgetvalue(r, i, 5), PQgetvalue(r, i, 6), PQgetvalue(r, i, 7));
	printf("%d charge point%s\n", PQntuples(r), PQntuples(r) == 1 ? "" : "s");
	PQclear(r);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
	{ "migrate", cmd_migrate },
	{ "create-admin", cmd_create_admin },
	{ "add-charger", cmd_add_charger },
	{ "list-chargers", cmd_list_chargers },
	{ "command", admin_command },
};

/* The checkout this binary was built in: the folder above bin/ (empty when unknown). */
static void
exe_root(char *out, size_t len)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;

	out[0] = '\0';
	if (n <= 0)
		return;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return;
	*slash = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return;
	*slash = '\0';
	snprintf(out, len, "%s", self[0] ? self : "/");
}

static int
set_env(const char *name)
{
	const char *v = getenv(name);

	return v && *v;
}

int
main(int argc, char **argv)
{
	char err[512], root[4096];
	const char *database = NULL, *conf = NULL;

	/* --database CONNINFO (or --database=CONNINFO) before the command: wins over the rest */
	if (argc >= 2 && strncmp(argv[1], "--database", 10) == 0 &&
	    (argv[1][10] == '\0' || argv[1][10] == '=')) {
		if (argv[1][10] == '=')
			database = argv[1] + 11, argc -= 1, argv += 1;
		else if (argc >= 3)
			database = argv[2], argc -= 2, argv += 2;
		else
			die("--database needs a connection string, e.g. --database 'host=/run/postgresql dbname=evshare'");
		if (*database == '\0')
			die("--database needs a connection string, e.g. --database 'host=/run/postgresql dbname=evshare'");
	}
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	exe_root(root, sizeof root);
	/* Nothing says which database: the instance `make run` (scripts/instance.sh start)
	 * started from this checkout left its settings in var/instance.conf -- or in
	 * $EVSHARE_VAR/instance.conf for an instance of its own (make test's) -- so the commands
	 * of the README work in a new shell. Any EVSHARE_* variable still wins over the file. */
	if (database == NULL && !set_env("EVSHARE_CONF") && getenv("EVSHARE_DATABASE") == NULL) {
		if (set_env("EVSHARE_VAR"))
			snprintf(instance_conf, sizeof instance_conf, "%s/instance.conf", getenv("EVSHARE_VAR"));
		else if (root[0])
			snprintf(instance_conf, sizeof instance_conf, "%s/var/instance.conf", root);
		if (instance_conf[0] && access(instance_conf, F_OK) == 0) {
			instance_found = 1;
			conf = instance_conf;
		}
	}
	if (config_load(conf, err, sizeof err))
		die("configuration: %s", err);
	if (database && config_set("database", database, err, sizeof err))
		die("--database: %s", err);
	if (getenv("EVSHARE_ROOT") == NULL && strcmp(config_str("root"), ".") == 0 && root[0]) {
		/* run from anywhere inside the checkout: find sql/ next to bin/ */
		if (config_set("root", root, err, sizeof err))
			die("configuration: %s", err);
	}
	log_init("evshare-admin", log_level_parse(config_str("log_level")));
	if (secret_init())
		die("libsodium failed to start");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "evshare-admin: unknown command '%s'\n\n%s", argv[1], usage_text);
	return 2;
}
