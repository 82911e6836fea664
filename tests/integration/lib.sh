# lib.sh - sourced by the integration tests: HTTP through the real lighttpd, SQL through psql.
# Each check prints "ok - ..." or "not ok - ..."; the script's exit status is 1 if any failed.
# Needs EVSHARE_URL and the PG* variables (tests/run sets them).

failures=0
ok()  { echo "ok - $*"; }
nok() { echo "not ok - $*"; failures=$((failures + 1)); }
# check DESCRIPTION COMMAND...: ok when the command succeeds
check() { local d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
finish() { exit $((failures > 0)); }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# http METHOD PATH [curl args...]: sets $status, $body (file $tmp/body) and $headers (file)
http() {
	local m=$1 p=$2; shift 2
	: >"$tmp/body"; : >"$tmp/headers"
	status=$(curl -s -X "$m" -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' --max-time 20 \
		"$@" "$EVSHARE_URL$p")
	body=$(cat "$tmp/body")
}
header() { grep -i "^$1:" "$tmp/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
# jqs EXPR: run a python expression over the JSON body as `d` (no jq dependency)
jqs() { python3 -c "import json,sys; d=json.load(open('$tmp/body')); print($1)"; }
sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -c "$1"; }
