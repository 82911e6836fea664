#!/bin/bash
# sql/schema.sql is the schema a fresh migrate makes (the test instance migrated from nothing):
# a migration or a sql/defs file changed without `make schema` shows here, as a diff.
. "$(dirname "$0")/lib.sh"

"$EVSHARE_ROOT/scripts/schema.sh" dump >"$tmp/schema.sql"
if diff -u "$EVSHARE_ROOT/sql/schema.sql" "$tmp/schema.sql" >"$tmp/schema.diff"; then
	ok "sql/schema.sql is what a fresh migrate makes"
else
	nok "sql/schema.sql differs from a fresh migrate (make schema rewrites it):"
	sed 's/^/# /' "$tmp/schema.diff" | head -200
fi
finish
