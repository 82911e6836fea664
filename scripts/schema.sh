#!/bin/bash
# schema.sh - sql/schema.sql: the whole current schema, pg_dump --schema-only of a freshly
# migrated database, normalised (no owners, no pg_dump version or session key lines; privileges
# stay: they are the least-privilege rules of sql/grants.sql). Generated: never edit it by hand.
#   scripts/schema.sh        (make schema) rewrites sql/schema.sql from a scratch database
#                            (evshare_schema) in the running instance (make run), migrated by
#                            bin/evshare-admin and dropped afterwards
#   scripts/schema.sh dump   prints the normalised schema of the database psql's environment
#                            (PGHOST, PGPORT, PGDATABASE, PGUSER) names; tests/integration/t90-schema.sh
#                            diffs it against sql/schema.sql
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

dump() {
	pg_dump --schema-only --no-owner "$@" |
		grep -v -e '^\\restrict ' -e '^\\unrestrict ' -e '^-- Dumped from ' -e '^-- Dumped by '
}

case "${1:-}" in
dump) shift; dump "$@" ;;
"")
	pg() { PGOPTIONS="-c client_min_messages=warning" "$root/scripts/instance.sh" psql -q -tA "$@"; }
	host=$(pg -c "SHOW unix_socket_directories" | cut -d, -f1)
	port=$(pg -c "SHOW port")
	pg -c "DROP DATABASE IF EXISTS evshare_schema" -c "CREATE DATABASE evshare_schema"
	trap 'pg -c "DROP DATABASE IF EXISTS evshare_schema"' EXIT
	EVSHARE_ROOT=$root EVSHARE_DATABASE="host=$host port=$port dbname=evshare_schema" \
		"$root/bin/evshare-admin" migrate >/dev/null
	PGHOST=$host PGPORT=$port PGUSER=postgres PGDATABASE=evshare_schema dump >"$root/sql/schema.sql.new"
	mv "$root/sql/schema.sql.new" "$root/sql/schema.sql"
	echo "sql/schema.sql written"
	;;
*) echo "usage: scripts/schema.sh [dump]" >&2; exit 2 ;;
esac
