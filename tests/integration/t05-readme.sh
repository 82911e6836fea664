#!/bin/bash
# The README's operator commands, as printed, in a new shell: nothing in the environment but
# PATH and HOME -- and EVSHARE_VAR, since the test instance lives in var/test rather than the
# var/ of `make run` (make test-fresh runs the very same lines with nothing set at all).
# They must find the running instance and its ports by themselves (issue 8, item 2); explicit
# settings still win; make psql and make stop use the instance's ports; make stop says what it
# stopped and leaves nothing running. The instance is started again at the end.
. "$(dirname "$0")/lib.sh"
root=$EVSHARE_ROOT
adm=$root/bin/evshare-admin
# fresh CMD...: CMD from the checkout, in an environment like a new login shell's
fresh() { (cd "$root" && env -i PATH="$PATH" HOME="${HOME:-/root}" EVSHARE_VAR="$EVSHARE_VAR" "$@"); }

check "instance.sh start recorded the instance's ports" \
	grep -qx "http_port = $EVSHARE_HTTP_PORT" "$EVSHARE_VAR/instance.conf"

# the operator's evshare.conf says where make run listens (http_host, http_port, bridge_port),
# unless the environment says otherwise (issue 9, item 7: nothing read them before)
printf 'http_host = 0.0.0.0\nhttp_port = 9123   # a comment\nbridge_port=9124\n' >"$tmp/op.conf"
mkdir -p "$tmp/var"
conf_env=$(env -u EVSHARE_HTTP_PORT -u EVSHARE_BRIDGE_PORT -u EVSHARE_HTTP_HOST -u EVSHARE_PUBLIC_URL EVSHARE_CONF="$tmp/op.conf" \
	EVSHARE_VAR="$tmp/var" "$root/scripts/instance.sh" env)
check "evshare.conf's http_port, http_host and bridge_port are the instance's" \
	bash -c 'grep -qx "export EVSHARE_HTTP_PORT=9123" <<<"$0" && grep -qx "export EVSHARE_HTTP_HOST=0.0.0.0" <<<"$0" &&
		grep -qx "export EVSHARE_BRIDGE_PORT=9124" <<<"$0" && grep -qx "export EVSHARE_PUBLIC_URL=http://127.0.0.1:9123" <<<"$0"' "$conf_env"
conf_env=$(env -u EVSHARE_HTTP_HOST EVSHARE_HTTP_PORT=9125 EVSHARE_CONF="$tmp/op.conf" EVSHARE_VAR="$tmp/var" "$root/scripts/instance.sh" env)
check "EVSHARE_HTTP_PORT wins over evshare.conf" grep -qx "export EVSHARE_HTTP_PORT=9125" <<<"$conf_env"
check "lighttpd binds where http_host says" grep -q 'server.bind *= *env.EVSHARE_HTTP_HOST' "$root/conf/lighttpd.conf"

# the README's `command DEMO-001 ...` talks to a simulated demo charger
EVSHARE_SIM=1 "$root/scripts/instance.sh" sim-start
for _ in $(seq 100); do
	[ "$(sql "SELECT online FROM charge_points WHERE identity = 'DEMO-001'")" = t ] && break
	sleep 0.1
done
check "the simulator's DEMO-001 is online" [ "$(sql "SELECT online FROM charge_points WHERE identity = 'DEMO-001'")" = t ]

# every `bin/evshare-admin ...` line of README.md's sh blocks (continuation lines joined)
mapfile -t lines < <("$root/scripts/readme-commands.sh" "$root/README.md")
check "the README shows the five operator commands" [ "${#lines[@]}" -ge 5 ]
all=""
for line in "${lines[@]}"; do
	out=$(fresh bash -c "$line" 2>&1); rc=$?
	all="$all$out"$'\n'
	if [ $rc = 0 ]; then ok "README, as printed: ${line%%#*}"; else nok "README, as printed: ${line%%#*} (exit $rc)"; echo "$out" | sed 's/^/#   /'; fi
done
check "create-admin and add-charger printed passwords" [ "$(echo "$all" | grep -c '^password: ')" -ge 2 ]
check "list-chargers shows the README's GARAGE-01" bash -c "echo \"\$0\" | grep -q '^GARAGE-01 '" "$all"
check "the README's Reset was accepted by the charger" bash -c "echo \"\$0\" | grep -q ': accepted'" "$all"
check "the README's charger has the README's address" [ "$(sql "SELECT l.address FROM charge_points cp JOIN listings l ON l.id = cp.listing_id WHERE cp.identity = 'GARAGE-01'")" = "Dlouhá 12, Praha" ]

# a listing without an address: a clear error, not the database's check constraint
out=$(fresh "$adm" add-charger --owner owner@evshare.test --identity "NOADDR-$$" --title "Wallbox" --lat 50.08 --lon 14.42 2>&1); rc=$?
check "add-charger --title without --address: refused, says --address" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q 'needs --address' && ! echo \"\$0\" | grep -q 'check'" "$out"

# explicit settings win over the recorded instance
out=$(fresh env EVSHARE_DATABASE="host=/nonexistent dbname=x" "$adm" list-chargers 2>&1); rc=$?
check "EVSHARE_DATABASE wins over var/instance.conf" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q '/nonexistent'" "$out"
out=$(fresh "$adm" --database "host=/nonexistent dbname=x" list-chargers 2>&1); rc=$?
check "--database wins over var/instance.conf" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q '/nonexistent'" "$out"
echo "database = host=/nonexistent2 dbname=x" >"$tmp/other.conf"
out=$(fresh env EVSHARE_CONF="$tmp/other.conf" "$adm" list-chargers 2>&1); rc=$?
check "EVSHARE_CONF wins over var/instance.conf" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q '/nonexistent2'" "$out"
out=$(fresh "$adm" --database "$EVSHARE_DATABASE" list-chargers 2>&1); rc=$?
check "--database CONNINFO reaches the database" bash -c "[ $rc = 0 ] && echo \"\$0\" | grep -q '^GARAGE-01 '" "$out"
out=$(cd / && env -i PATH="$PATH" HOME=/ EVSHARE_VAR="$EVSHARE_VAR" "$adm" list-chargers 2>&1); rc=$?
check "it works from any folder (found from the program's own path)" [ $rc = 0 ]
out=$(cd / && env -i PATH="$PATH" HOME=/ EVSHARE_VAR="$tmp/none" "$adm" list-chargers 2>&1); rc=$?
check "no instance recorded: says so and what to do" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q 'no instance is recorded' && echo \"\$0\" | grep -q 'make run'" "$out"

# make psql and instance.sh status: the instance's ports, not the defaults
out=$(echo 'SELECT 40 + 2;' | fresh make -s psql 2>&1); rc=$?
check "make psql uses the instance's PostgreSQL port" bash -c "[ $rc = 0 ] && echo \"\$0\" | grep -qx ' *42'" "$out"
out=$(fresh "$root/scripts/instance.sh" status 2>&1)
check "instance.sh status shows the instance's ports" bash -c "echo \"\$0\" | grep -q '127.0.0.1:$EVSHARE_HTTP_PORT/ (pid' && echo \"\$0\" | grep -q 'port $EVSHARE_PG_PORT'" "$out"
out=$(cd "$root" && EVSHARE_HTTP_PORT=$((EVSHARE_HTTP_PORT + 7)) scripts/instance.sh start 2>&1); rc=$?
check "a start with other ports than the running instance's: refused" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q 'make stop first'" "$out"

# make stop: every process named and gone, the simulator included
run=$EVSHARE_VAR/run
pids="$(cat "$run/lighttpd.pid" "$run/bridge.pid" "$run/sim.pid" 2>/dev/null) $(head -n 1 "$EVSHARE_VAR/pg/postmaster.pid" 2>/dev/null)"
pids="$pids $(cat /proc/"$(cat "$run/lighttpd.pid")"/task/*/children 2>/dev/null)"
check "the instance runs 4 servers and FastCGI processes" [ "$(echo $pids | wc -w)" -ge 6 ]
out=$(fresh make -s stop 2>&1); rc=$?
echo "$out" | sed 's/^/# /'
check "make stop succeeds" [ $rc = 0 ]
for what in "charger simulator" lighttpd "OCPP bridge" PostgreSQL; do
	check "make stop says it stopped the $what" bash -c "echo \"\$0\" | grep -q 'stopped .*$what'" "$out"
done
alive=""
# (a zombie waiting to be reaped by whoever adopted it holds nothing: it is gone)
for p in $pids; do grep -qs '^State:[[:space:]]*[A-Y]' "/proc/$p/status" && alive="$alive $p"; done
check "when make stop returns every process is gone${alive:+ (alive:$alive)}" [ -z "$alive" ]
check "nothing answers on the HTTP port" bash -c "! curl -s -o /dev/null --max-time 2 '$EVSHARE_URL/health'"

# the rest of the suites need the instance: start it again (the environment of tests/run)
"$root/scripts/instance.sh" start >"$tmp/restart.log" 2>&1 || sed 's/^/# /' "$tmp/restart.log"
http GET /health
check "the instance is up again" [ "$status" = 200 ]
finish
